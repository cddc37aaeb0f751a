// HTTP(S) client on node:http/node:https with keep-alive agents, per-request timeouts and
// AbortSignal. Service nodes are not TLS-verified (onion encryption protects the content);
// mainnet seeds are pinned. Every failure becomes a NetworkError.
import http from 'node:http';
import https from 'node:https';
import type { SeedPin } from './seedCerts';
import { pinnedTlsOptions } from './seedTls';
import { NetworkError } from './errors';

/** How the server certificate is checked for an https URL (ignored for http). */
export type TlsPolicy = { kind: 'system' } | { kind: 'unverified' } | { kind: 'pinned'; pin: SeedPin };

export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers?: Record<string, string>;
  body?: Uint8Array | string;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** Default: system verification. */
  tls?: TlsPolicy;
  /** Bytes of the body handed to the socket so far, of the body's length (large uploads report as they go). */
  onUploadProgress?: (sent: number, total: number) => void;
  /** Response body bytes read so far, of its Content-Length when the server sent one. */
  onDownloadProgress?: (received: number, total: number | undefined) => void;
  /**
   * A response body larger than this is refused with `rejected` (not retried: asking again gets the same
   * answer). Default: the client's general 16 MiB cap, refused as `bad-response`.
   */
  maxResponseBytes?: number;
}

export interface HttpResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: Uint8Array;
}

/** The transport every other part of ts/network uses; tests replace it with fakes. */
export interface HttpClient {
  request(req: HttpRequest): Promise<HttpResponse>;
  /** Closes pooled connections. */
  close(): void;
}

/** Largest response body accepted (the network's own limit is 10 MiB; v4 file downloads fit in it). */
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SEED_PIN_MISMATCH',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
]);

/** Maps a Node socket/TLS error to a NetworkError kind. */
export function classifySocketError(err: unknown): NetworkError {
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : String(err);
  const detail = typeof code === 'string' ? `${code}: ${message}` : message;
  if (typeof code === 'string') {
    if (TLS_CODES.has(code) || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS')) {
      return new NetworkError('tls', { detail, cause: err });
    }
    if (code === 'ENETUNREACH' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      return new NetworkError(code === 'ENETUNREACH' ? 'offline' : 'unreachable', { detail, cause: err });
    }
    if (code === 'ETIMEDOUT') return new NetworkError('timeout', { detail, cause: err });
  }
  return new NetworkError('unreachable', { detail, cause: err });
}

/** Upload progress granularity: small enough for a smooth bar on 10 MB, large enough to cost nothing. */
const UPLOAD_CHUNK_BYTES = 64 * 1024;

/**
 * Writes `body` in chunks, reporting each chunk once the socket has taken it (the write callback) and
 * waiting for `drain` when the socket's buffer is full, so the count follows the connection, not memory.
 */
function writeWithProgress(r: http.ClientRequest, body: Buffer, onProgress: (sent: number, total: number) => void): void {
  let offset = 0;
  const writeNext = (): void => {
    while (offset < body.length) {
      const end = Math.min(offset + UPLOAD_CHUNK_BYTES, body.length);
      const chunk = body.subarray(offset, end);
      offset = end;
      const sentNow = end;
      const more = r.write(chunk, (err) => {
        if (!err) onProgress(sentNow, body.length);
      });
      if (!more) {
        r.once('drain', writeNext);
        return;
      }
    }
    r.end();
  };
  writeNext();
}

/** Creates the client with its own keep-alive agents (one per TLS policy family). */
export function createHttpClient(options: { maxSockets?: number } = {}): HttpClient {
  const common = { keepAlive: true, maxSockets: options.maxSockets ?? 32 };
  const plainAgent = new http.Agent(common);
  const systemAgent = new https.Agent(common);
  const unverifiedAgent = new https.Agent({ ...common, rejectUnauthorized: false });
  // Pinned connections get their own agent so a socket verified against a pin is only reused for
  // the same pin (the agent keys its pool on ca + servername).
  const pinnedAgent = new https.Agent(common);
  let closed = false;

  function request(req: HttpRequest): Promise<HttpResponse> {
    if (closed) return Promise.reject(new NetworkError('stopped'));
    if (req.signal?.aborted) return Promise.reject(new NetworkError('aborted'));
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      return Promise.reject(new NetworkError('bad-response', { detail: `invalid URL ${req.url}` }));
    }
    const isHttps = url.protocol === 'https:';
    if (!isHttps && url.protocol !== 'http:') {
      return Promise.reject(new NetworkError('bad-response', { detail: `unsupported URL scheme ${url.protocol}` }));
    }
    const body = typeof req.body === 'string' ? Buffer.from(req.body, 'utf8') : req.body ? Buffer.from(req.body) : undefined;
    const headers: Record<string, string> = { ...req.headers };
    if (body) headers['content-length'] = String(body.length);
    const base: https.RequestOptions = {
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port || (isHttps ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      method: req.method,
      headers,
    };
    let opts: https.RequestOptions;
    if (!isHttps) {
      opts = { ...base, agent: plainAgent };
    } else {
      const tls = req.tls ?? { kind: 'system' };
      if (tls.kind === 'pinned') opts = { ...base, ...pinnedTlsOptions(tls.pin), agent: pinnedAgent };
      else if (tls.kind === 'unverified') opts = { ...base, rejectUnauthorized: false, agent: unverifiedAgent };
      else opts = { ...base, agent: systemAgent };
    }

    return new Promise<HttpResponse>((resolve, reject) => {
      let settled = false;
      const finish = (err: NetworkError | undefined, res?: HttpResponse): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.signal?.removeEventListener('abort', onAbort);
        if (err) reject(err);
        else resolve(res as HttpResponse);
      };
      const onAbort = (): void => {
        finish(new NetworkError('aborted'));
        r.destroy();
      };
      const timer = setTimeout(() => {
        finish(new NetworkError('timeout', { detail: `${req.method} ${url.host}${url.pathname} after ${req.timeoutMs} ms` }));
        r.destroy();
      }, req.timeoutMs);
      timer.unref?.();
      const r = (isHttps ? https : http).request(opts, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const declared = Number(res.headers['content-length']);
        const total = Number.isSafeInteger(declared) && declared >= 0 ? declared : undefined;
        const tooLarge = (): NetworkError =>
          req.maxResponseBytes === undefined
            ? new NetworkError('bad-response', { detail: 'response body too large' })
            : new NetworkError('rejected', { detail: `response body larger than ${req.maxResponseBytes} bytes` }, 'The download is larger than expected.');
        const limit = req.maxResponseBytes ?? MAX_RESPONSE_BYTES;
        if (total !== undefined && total > limit) {
          finish(tooLarge());
          r.destroy();
          return;
        }
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > limit) {
            finish(tooLarge());
            r.destroy();
            return;
          }
          chunks.push(c);
          req.onDownloadProgress?.(size, total);
        });
        res.on('end', () => {
          const out: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) {
            if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
          }
          finish(undefined, { status: res.statusCode ?? 0, headers: out, body: new Uint8Array(Buffer.concat(chunks)) });
        });
        res.on('error', (e) => finish(classifySocketError(e)));
        res.on('aborted', () => finish(new NetworkError('unreachable', { detail: 'connection closed mid-response' })));
      });
      r.on('error', (e) => finish(classifySocketError(e)));
      req.signal?.addEventListener('abort', onAbort, { once: true });
      if (body && req.onUploadProgress) writeWithProgress(r, body, req.onUploadProgress);
      else r.end(body);
    });
  }

  return {
    request,
    close() {
      closed = true;
      for (const a of [plainAgent, systemAgent, unverifiedAgent, pinnedAgent]) a.destroy();
    },
  };
}
