// File-server transfers (spec messaging §6.6, network §8): upload of an already encrypted blob with v4
// `POST /file`, download by file URL with v4 `GET /file/<id>`, both through onion requests, with the
// progress the transport can actually see and the server's refusals turned into clear errors.
import { MAX_ATTACHMENT_BYTES, bytesToHex, buildFileUrl, ed25519PublicToX25519, hexToBytes, parseFileUrl } from '../protocol';
import { MAINNET_FILE_SERVER, type ServerTarget } from './config';
import { NetworkError } from './errors';
import type { V4Request, V4Response } from './onionCodec';

/** What both transfers take (the engine uses these types in its seam, ts/backend/services/engineNetwork.ts). */
export interface FileTransferOptions {
  /**
   * Bytes moved so far and the total when known. Upload: the onion request's bytes the connection to the
   * guard has taken, scaled to the blob's size (the onion framing adds well under 1 KB), then one final
   * (size, size) once the server confirmed. Download: bytes of the guard's reply read, of its
   * Content-Length, then one final (n, n). A retry starts again from 0.
   */
  onProgress?: (done: number, total: number | undefined) => void;
  signal?: AbortSignal;
}

export interface UploadedFile {
  /** The server's file id. */
  id: string;
  /** The URL for the AttachmentPointer / profile. */
  url: string;
  /** When the server forgets the file (UNIX seconds). */
  expires: number;
}

/** sendToServer's options (SessionNetwork): target, time limit, transport progress and reply cap. */
export interface SendToServerOptions {
  server?: ServerTarget;
  timeoutMs?: number;
  signal?: AbortSignal;
  onUploadProgress?: (sent: number, total: number) => void;
  onDownloadProgress?: (received: number, total: number | undefined) => void;
  maxResponseBytes?: number;
}

export interface FileTransferDeps {
  /** This network's file server (throws `not-configured` when it has none). */
  fileServer(signal?: AbortSignal): Promise<ServerTarget>;
  /** One v4 request through onion paths, with retries on fresh paths for 5xx and path failures. */
  send(request: V4Request, options: SendToServerOptions): Promise<V4Response>;
}

/** The file server's limit on one blob (bytes). */
export const MAX_FILE_SERVER_BYTES = MAX_ATTACHMENT_BYTES;
/** Spec §6.10: 30 s for a file transfer; large files get more at a floor of 50 KB/s so slow links still finish. */
const BASE_TIMEOUT_MS = 30_000;
const MIN_BYTES_PER_MS = 50;
/** Room for the v4 and onion framing around a downloaded file. */
const REPLY_OVERHEAD_BYTES = 64 * 1024;

function transferTimeout(bytes: number): number {
  return BASE_TIMEOUT_MS + Math.ceil(bytes / MIN_BYTES_PER_MS);
}

const decoder = new TextDecoder();

function replyText(res: V4Response): string {
  return decoder.decode(res.body.subarray(0, 200));
}

/** Uploads `blob` (already encrypted) to the network's file server. */
export async function uploadToFileServer(
  deps: FileTransferDeps,
  blob: Uint8Array,
  options: FileTransferOptions & { ttlSeconds?: number } = {},
): Promise<UploadedFile> {
  if (blob.length === 0) throw new NetworkError('rejected', { detail: 'empty upload' }, 'An empty file cannot be uploaded.');
  if (blob.length > MAX_FILE_SERVER_BYTES) {
    throw new NetworkError(
      'rejected',
      { detail: `${blob.length} bytes > ${MAX_FILE_SERVER_BYTES}` },
      `This file is too large for the file server (${MAX_FILE_SERVER_BYTES.toLocaleString('en-US')} bytes at most once encrypted).`,
    );
  }
  const headers: Record<string, string> = { 'Content-Type': 'application/octet-stream' };
  if (options.ttlSeconds !== undefined) {
    if (!Number.isInteger(options.ttlSeconds) || options.ttlSeconds <= 0) {
      throw new NetworkError('rejected', { detail: `ttlSeconds ${options.ttlSeconds}` }, 'Invalid file lifetime.');
    }
    headers['X-FS-TTL'] = String(options.ttlSeconds);
  }
  const server = await deps.fileServer(options.signal);
  const onProgress = options.onProgress;
  onProgress?.(0, blob.length);
  const res = await deps.send(
    { method: 'POST', endpoint: '/file', headers, body: blob },
    {
      server,
      timeoutMs: transferTimeout(blob.length),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(onProgress ? { onUploadProgress: (sent: number, total: number) => onProgress(Math.min(blob.length, Math.floor((sent / total) * blob.length)), blob.length) } : {}),
    },
  );
  if (res.code === 413) {
    throw new NetworkError('rejected', { status: 413, detail: replyText(res) }, 'The file server refused this file: it is too large.');
  }
  if (res.code < 200 || res.code >= 300) {
    throw new NetworkError('rejected', { status: res.code, detail: `upload answered ${res.code}: ${replyText(res)}` }, 'The file server refused the upload.');
  }
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(res.body)) as unknown;
  } catch {
    throw new NetworkError('bad-response', { detail: 'upload reply is not JSON' });
  }
  const o = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  const id = typeof o.id === 'number' && Number.isSafeInteger(o.id) ? String(o.id) : o.id;
  if (typeof id !== 'string' || id === '' || typeof o.expires !== 'number' || !Number.isFinite(o.expires)) {
    throw new NetworkError('bad-response', { detail: 'upload reply needs a non-empty id and a finite expires' });
  }
  let url: string;
  try {
    // The network's own server is the default its readers assume: no `#p=` (spec cli.md, messaging §6.6).
    url = buildFileUrl(server.url, id);
  } catch (err) {
    throw new NetworkError('bad-response', { detail: `unusable file id or server URL: ${err instanceof Error ? err.message : String(err)}` });
  }
  onProgress?.(blob.length, blob.length);
  return { id, url, expires: o.expires };
}

/**
 * The server a file URL points to: `#p=` names it (our own or the mainnet server by key, else its X25519
 * key derived from the Ed25519 one); without `p` the reader's default — the mainnet server for its own
 * host, otherwise this network's file server.
 */
export function resolveFileServer(parsed: { serverUrl: string; serverPubkey: string | undefined }, networkServer: ServerTarget | undefined): ServerTarget {
  const known = [networkServer, MAINNET_FILE_SERVER].filter((s): s is ServerTarget => s !== undefined);
  if (parsed.serverPubkey !== undefined) {
    const byKey = known.find((s) => s.ed25519 === parsed.serverPubkey);
    if (byKey) return { ...byKey, url: parsed.serverUrl };
    let x25519: string;
    try {
      x25519 = bytesToHex(ed25519PublicToX25519(hexToBytes(parsed.serverPubkey)));
    } catch {
      throw new NetworkError('rejected', { detail: 'p is not a valid Ed25519 key' }, 'The file link names an invalid file server key.');
    }
    return { url: parsed.serverUrl, x25519, ed25519: parsed.serverPubkey };
  }
  const sameHost = (s: ServerTarget): boolean => new URL(s.url).host === new URL(parsed.serverUrl).host;
  const server = known.find(sameHost) ?? networkServer;
  if (!server) {
    throw new NetworkError('not-configured', { detail: 'no file server for this network' }, 'This network has no file server configured.');
  }
  return { ...server, url: parsed.serverUrl };
}

/** Downloads the blob a file URL points to. */
export async function downloadFromFileServer(
  deps: FileTransferDeps,
  url: string,
  options: FileTransferOptions & { maxBytes?: number } = {},
): Promise<Uint8Array> {
  const parsed = parseFileUrl(url);
  if (!parsed.ok) throw new NetworkError('rejected', { detail: parsed.error.detail ?? parsed.error.message }, parsed.error.message);
  const maxBytes = options.maxBytes;
  if (maxBytes !== undefined && (!Number.isSafeInteger(maxBytes) || maxBytes <= 0)) {
    throw new NetworkError('rejected', { detail: `maxBytes ${maxBytes}` }, 'Invalid download size limit.');
  }
  let networkServer: ServerTarget | undefined;
  try {
    networkServer = await deps.fileServer(options.signal);
  } catch (err) {
    // A URL with `#p=` (or to the mainnet host) needs no server of our own.
    if (!(err instanceof NetworkError && err.kind === 'not-configured')) throw err;
  }
  const server = resolveFileServer(parsed.value, networkServer);
  const onProgress = options.onProgress;
  let received = 0;
  onProgress?.(0, undefined);
  const res = await deps.send(
    { method: 'GET', endpoint: `/file/${parsed.value.id}`, headers: {} },
    {
      server,
      timeoutMs: transferTimeout(maxBytes ?? MAX_FILE_SERVER_BYTES),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(maxBytes !== undefined ? { maxResponseBytes: maxBytes + REPLY_OVERHEAD_BYTES } : {}),
      onDownloadProgress: (n: number, total: number | undefined) => {
        received = n;
        onProgress?.(n, total);
      },
    },
  );
  if (res.code === 404) {
    throw new NetworkError('not-found', { status: 404, detail: replyText(res) }, 'This file is no longer on the file server: it expired or was deleted.');
  }
  if (res.code < 200 || res.code >= 300) {
    throw new NetworkError('rejected', { status: res.code, detail: `download answered ${res.code}: ${replyText(res)}` }, 'The file server refused the download.');
  }
  if (maxBytes !== undefined && res.body.length > maxBytes) {
    throw new NetworkError('rejected', { detail: `${res.body.length} bytes > maxBytes ${maxBytes}` }, 'The download is larger than expected.');
  }
  if (res.body.length === 0) throw new NetworkError('bad-response', { detail: 'empty file body' });
  const done = Math.max(received, res.body.length);
  onProgress?.(done, done);
  return res.body;
}
