// Storage RPC through onion paths: batch/sequence calls with per-sub-result handling (spec §2.5, §2.8):
// network time learned from `t`, 421 replaces the swarm, 406/425 resync with the node and retry once.
import {
  buildBatchRequest,
  buildInfoRequest,
  encodeRpcBody,
  extractNodeTime,
  parseBatchResponse,
  parseGetSwarmResponse,
  type RpcRequest,
  type SubResult,
} from '../protocol';
import { NetworkError } from './errors';
import type { NetworkClock } from './networkClock';
import type { OnionTransport } from './onionTransport';
import type { SnodePool } from './pool';
import type { SwarmCache } from './swarms';
import type { Snode } from './types';

export type { RpcRequest, SubResult };

export interface BatchOptions {
  kind?: 'batch' | 'sequence';
  /** The account whose swarm `destination` was chosen from (enables 421 handling). */
  associatedWith?: string;
  timeoutMs?: number;
  signal?: AbortSignal | undefined;
  /** Return 401 sub-results instead of failing (group polling: 401 means removed). */
  allow401?: boolean;
}

/** Builds the sub-requests for a given network time (ms): re-run with a corrected time after a 406. */
export type RequestBuilder = (networkNowMs: number) => RpcRequest[];

export interface SnodeRpcDeps {
  transport: OnionTransport;
  clock: NetworkClock;
  localNow: () => number;
  pool: SnodePool;
  swarms?: SwarmCache;
}

export class SnodeRpc {
  constructor(private readonly deps: SnodeRpcDeps) {}

  setSwarmCache(swarms: SwarmCache): void {
    this.deps.swarms = swarms;
  }

  /**
   * Sends one batch to `destination`. On a clock error the node's own time is fetched (`info`) and
   * the batch rebuilt with it and sent once more; a second clock error is final.
   */
  async call(destination: Snode, build: RequestBuilder, options: BatchOptions = {}): Promise<SubResult[]> {
    try {
      return await this.callOnce(destination, build(this.deps.clock.now()), options);
    } catch (err) {
      if (!(err instanceof NetworkError) || err.kind !== 'clock-skew') throw err;
      const nodeOffset = await this.nodeOffset(destination, options);
      return this.callOnce(destination, build(this.deps.localNow() - nodeOffset), options);
    }
  }

  /** local − node time for one node, from an `info` call (also fed to the network clock). */
  private async nodeOffset(destination: Snode, options: BatchOptions): Promise<number> {
    const results = await this.callOnce(destination, [buildInfoRequest()], { timeoutMs: options.timeoutMs, signal: options.signal });
    const t = extractNodeTime(results[0]?.body);
    if (t === undefined) throw new NetworkError('clock-skew', { detail: 'node gave no time to resync with' });
    return this.deps.localNow() - t;
  }

  private async callOnce(destination: Snode, requests: RpcRequest[], options: BatchOptions): Promise<SubResult[]> {
    const body = encodeRpcBody(buildBatchRequest(requests, options.kind ?? 'batch'));
    const reply = await this.deps.transport.sendToSnode(destination, body, { timeoutMs: options.timeoutMs, signal: options.signal });
    const receivedAt = this.deps.localNow();
    if (reply.status === 421) await this.handle421(destination, reply.body, options);
    if (reply.status === 401) throw new NetworkError('unauthorized', { status: 401, detail: bodyText(reply.body) });
    if (reply.status !== 200) throw new NetworkError('rejected', { status: reply.status, detail: bodyText(reply.body) });
    const parsed = parseBatchResponse(reply.body);
    if (!parsed.ok) {
      // The reply decrypted with the key only this node shares: its content is the node's own doing.
      await this.deps.pool.recordFailure(destination.ed25519);
      throw new NetworkError('bad-response', { detail: parsed.error.detail ?? parsed.error.message });
    }
    const results = parsed.value.map((r) => ({ code: r.code, body: parseMaybeJson(r.body) }));
    for (const r of results) this.deps.clock.addSample(extractNodeTime(r.body), receivedAt);
    for (const r of results) {
      if (r.code === 406 || r.code === 425) throw new NetworkError('clock-skew', { status: r.code, detail: bodyText(r.body) });
      if (r.code === 421) await this.handle421(destination, r.body, options);
      if (r.code === 401 && !options.allow401) throw new NetworkError('unauthorized', { status: 401, detail: bodyText(r.body) });
    }
    return results;
  }

  /** Spec §2.8: replace the swarm from the body (or drop the node from it), strike the node, ask for a retry. */
  private async handle421(destination: Snode, body: unknown, options: BatchOptions): Promise<never> {
    const { swarms, pool } = this.deps;
    if (!options.associatedWith || !swarms) {
      throw new NetworkError('wrong-swarm', { status: 421, detail: '421 without an associated account' });
    }
    const parsed = parseGetSwarmResponse(parseMaybeJson(body));
    // Only pool nodes, with the pool's addresses and keys, and never the node that just said it is not a
    // member: a 421 naming unknown nodes (or itself) must not replace a good swarm with a bad one.
    const members = parsed.ok
      ? parsed.value.snodes.map((n) => pool.get(n.ed25519)).filter((n): n is Snode => n !== undefined && n.ed25519 !== destination.ed25519)
      : [];
    if (members.length > 0) {
      await swarms.replace(options.associatedWith, members);
    } else {
      await swarms.dropMember(options.associatedWith, destination.ed25519);
    }
    await pool.recordFailure(destination.ed25519);
    throw new NetworkError('wrong-swarm', { status: 421, detail: '421 handled; retry with a new target node' });
  }
}

/** Sub-result bodies are JSON values or JSON text (double-encoded); parse the latter when it is JSON. */
export function parseMaybeJson(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  const s = body.trim();
  if (!s.startsWith('{') && !s.startsWith('[')) return body;
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return body;
  }
}

function bodyText(body: unknown): string {
  return (typeof body === 'string' ? body : JSON.stringify(body) ?? '').slice(0, 300);
}
