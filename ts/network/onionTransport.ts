// Sends requests through onion paths (spec §6.4–6.7) and applies the path-level and destination-level
// status rules of §2.8: path strikes, node strikes, "Next node not found" drops, clock errors.
import type { ServerTarget } from './config';
import { NetworkError, toNetworkError } from './errors';
import type { HttpClient, HttpResponse } from './http';
import { OnionReplyError, type OnionCodec, type SnodeReply, type V4Request, type V4Response } from './onionCodec';
import type { PathManager } from './paths';
import type { SnodePool } from './pool';
import { CAMOUFLAGE_HEADERS } from './seeds';
import type { Snode } from './types';

export const SNODE_RPC_TIMEOUT_MS = 10_000;
const NEXT_NODE_NOT_FOUND = 'Next node not found: ';

export interface TransportDeps {
  http: HttpClient;
  codec: OnionCodec;
  paths: PathManager;
  pool: SnodePool;
}

export interface SendOptions {
  timeoutMs?: number;
  signal?: AbortSignal | undefined;
  /** Transport progress of the onion request to the guard (file uploads). */
  onUploadProgress?: ((sent: number, total: number) => void) | undefined;
  /** Transport progress of the guard's reply (file downloads). */
  onDownloadProgress?: ((received: number, total: number | undefined) => void) | undefined;
  /** The guard's reply may not exceed this many bytes (refused as `rejected`, the path not blamed). */
  maxResponseBytes?: number | undefined;
}

const decoder = new TextDecoder();

export class OnionTransport {
  constructor(private readonly deps: TransportDeps) {}

  /**
   * Sends a JSON-RPC body to `destination` through a path that avoids it. Returns the destination's
   * reply for statuses the caller must interpret (2xx, 400, 401, 403, 421); throws for the rest.
   */
  async sendToSnode(destination: Snode, rpcBody: Uint8Array, options: SendOptions = {}): Promise<SnodeReply> {
    const path = await this.deps.paths.pathAvoiding(destination.ed25519, options.signal);
    const built = this.deps.codec.snodeRequest(path, destination, rpcBody);
    const res = await this.postToGuard(path, built.payload, options, destination);
    const reply = await this.decodeOrBlame(path, destination, () => {
      if (res.body.length === 0) throw new OnionReplyError('path', 'empty onion reply');
      return built.decode(res.body);
    });
    await this.checkDestinationStatus(destination, reply);
    return reply;
  }

  /** Sends a v4 request to a server (file server) through a random path; returns its decoded reply. */
  async sendToServer(server: ServerTarget, request: V4Request, options: SendOptions = {}): Promise<V4Response> {
    const path = await this.deps.paths.pathAvoiding(undefined, options.signal);
    const built = this.deps.codec.serverRequest(path, server, request);
    const res = await this.postToGuard(path, built.payload, options);
    return this.decodeOrBlame(path, undefined, () => built.decode(res.body));
  }

  /**
   * An unreadable reply is a failure of whoever can have caused it (spec §2.8 counts a bad path as the
   * reference client does for a reply it cannot decrypt; a readable but senseless reply is the destination's).
   */
  private async decodeOrBlame<T>(path: readonly Snode[], destination: Snode | undefined, decode: () => T): Promise<T> {
    try {
      return decode();
    } catch (err) {
      if (err instanceof OnionReplyError) {
        if (err.blame === 'path') await this.deps.paths.recordPathFailure((path[0] as Snode).ed25519);
        else if (err.blame === 'destination' && destination) await this.deps.pool.recordFailure(destination.ed25519);
      }
      throw err;
    }
  }

  /** POSTs to the guard and turns everything but HTTP 200 into the right penalty and typed error. */
  private async postToGuard(path: readonly Snode[], payload: Uint8Array, options: SendOptions, destination?: Snode): Promise<HttpResponse> {
    const guard = path[0] as Snode;
    let res: HttpResponse;
    try {
      res = await this.deps.http.request({
        url: `https://${guard.ip}:${guard.port}/onion_req/v2`,
        method: 'POST',
        headers: { ...CAMOUFLAGE_HEADERS },
        body: payload,
        timeoutMs: options.timeoutMs ?? SNODE_RPC_TIMEOUT_MS,
        signal: options.signal,
        tls: { kind: 'unverified' },
        ...(options.onUploadProgress ? { onUploadProgress: options.onUploadProgress } : {}),
        ...(options.onDownloadProgress ? { onDownloadProgress: options.onDownloadProgress } : {}),
        ...(options.maxResponseBytes !== undefined ? { maxResponseBytes: options.maxResponseBytes } : {}),
      });
    } catch (err) {
      const e = toNetworkError(err, 'unreachable');
      // `rejected` here is our own size cap on the reply: the path delivered it faithfully.
      if (e.kind === 'aborted' || e.kind === 'offline' || e.kind === 'stopped' || e.kind === 'rejected') throw e;
      // No HTTP answer at all counts as a bad path (the reference client's status 8888).
      await this.deps.paths.recordPathFailure(guard.ed25519);
      // A reply over the cap (the http client's own `bad-response`) cannot be honest: no node sends more than
      // the network's 10 MiB. Its author is the destination or a hop; unreadable, it names neither, so both
      // are struck and whichever lies leaves the pool (a destination answering through ever new paths too).
      if (e.kind === 'bad-response' && destination) await this.deps.pool.recordFailure(destination.ed25519);
      throw new NetworkError(e.kind === 'timeout' ? 'timeout' : 'path-failed', { detail: `guard ${guard.ip}: ${e.detail ?? e.kind}`, cause: e });
    }
    if (res.status === 200) return res;
    const text = decoder.decode(res.body);
    if (res.status === 406 || res.status === 425) {
      throw new NetworkError('clock-skew', { status: res.status, detail: text });
    }
    if (text.startsWith(NEXT_NODE_NOT_FOUND)) {
      await this.dropNamedNode(text);
      throw new NetworkError('path-failed', { status: res.status, detail: text });
    }
    await this.deps.paths.recordPathFailure(guard.ed25519);
    if (text === 'Oxen Server error') throw new NetworkError('rejected', { status: res.status, detail: text });
    throw new NetworkError('path-failed', { status: res.status, detail: `guard answered ${res.status}: ${text.slice(0, 200)}` });
  }

  private async checkDestinationStatus(destination: Snode, reply: SnodeReply): Promise<void> {
    const { status } = reply;
    const text = typeof reply.body === 'string' ? reply.body : '';
    if (status >= 200 && status < 300) return;
    if (status === 406 || status === 425) throw new NetworkError('clock-skew', { status, detail: text });
    if (status === 400 || status === 401 || status === 403 || status === 421) return;
    if (text === 'Oxen Server error') throw new NetworkError('rejected', { status, detail: text });
    if (text.startsWith(NEXT_NODE_NOT_FOUND)) {
      await this.dropNamedNode(text);
      throw new NetworkError('path-failed', { status, detail: text });
    }
    await this.deps.pool.recordFailure(destination.ed25519);
    if (status === 404) throw new NetworkError('not-found', { status, detail: text });
    throw new NetworkError('server-error', { status, detail: `destination answered ${status}: ${text.slice(0, 200)}` });
  }

  private async dropNamedNode(text: string): Promise<void> {
    const ed = text.slice(NEXT_NODE_NOT_FOUND.length).trim().toLowerCase();
    if (/^[0-9a-f]{64}$/.test(ed)) await this.deps.pool.drop(ed);
  }
}
