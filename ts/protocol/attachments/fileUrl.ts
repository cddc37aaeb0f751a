// File-server URLs as they travel in AttachmentPointer.url and profile pictures (spec messaging §6.6,
// network §8.2): `http(s)://HOST/file/<id>` with an optional fragment of URL-search params — `p=<64 hex>`
// (Ed25519 key of a file server other than the reader's default) and `d` (deterministic S encryption).
// The fragment never goes to the server.
import { ProtocolError, attempt, type Result } from '../primitives/errors';

/** Ids the file servers hand out: numbers (old server) or URL-safe base64 (current); nothing that can walk a path. */
const FILE_ID_RE = /^[A-Za-z0-9_-]{1,128}$/;
const HEX64_RE = /^[0-9a-fA-F]{64}$/;
/** Longer URLs are not file-server URLs (profile URLs are capped at 223 characters; attachments stay near that). */
const MAX_URL_LENGTH = 2048;

/** A file URL taken apart. */
export interface ParsedFileUrl {
  /** `http://host[:port]` or `https://host[:port]`: where to send the v4 request. */
  serverUrl: string;
  /** The server's file id (validated: letters, digits, `-`, `_`). */
  id: string;
  /** Lower-case 64-hex Ed25519 key from `p=`, or undefined: the reader's default file server. */
  serverPubkey: string | undefined;
  /** `d` present: the blob is in the deterministic S format. */
  deterministic: boolean;
  /** A community room's file (`/room/{token}/file/{id}`): the room token; fetched from that room's server. */
  room?: string;
}

export interface BuildFileUrlOptions {
  /** Ed25519 key of the server, only when it is not the default one readers assume (spec: omit it for the default). */
  serverPubkey?: string;
  /** Marks the blob as deterministic S format (`d=`). */
  deterministic?: boolean;
}

function fail(message: string, detail: string): never {
  throw new ProtocolError('invalid_argument', message, detail);
}

/** `serverUrl` (`http(s)://host[:port]`, a trailing slash allowed) + `/file/<id>` + the fragment. Throws on bad input. */
export function buildFileUrl(serverUrl: string, id: string, options: BuildFileUrlOptions = {}): string {
  let base: URL;
  try {
    base = new URL(serverUrl);
  } catch {
    return fail('Invalid file server URL.', `not a URL: ${serverUrl.slice(0, 100)}`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') fail('Invalid file server URL.', `scheme ${base.protocol}`);
  if (base.username || base.password || (base.pathname !== '/' && base.pathname !== '') || base.search || base.hash) {
    fail('Invalid file server URL.', 'a file server URL is scheme, host and port only');
  }
  if (!FILE_ID_RE.test(id)) fail('Invalid file id from the file server.', `id ${JSON.stringify(id.slice(0, 80))}`);
  const params: string[] = [];
  if (options.serverPubkey !== undefined) {
    if (!HEX64_RE.test(options.serverPubkey)) fail('Invalid file server key.', 'p must be 64 hex characters');
    params.push(`p=${options.serverPubkey.toLowerCase()}`);
  }
  if (options.deterministic) params.push('d=');
  return `${base.protocol}//${base.host}/file/${id}${params.length > 0 ? `#${params.join('&')}` : ''}`;
}

/** Parses a file URL received from the network. Never throws: bad input is an `invalid_argument` error. */
export function parseFileUrl(url: unknown): Result<ParsedFileUrl> {
  return attempt(() => {
    if (typeof url !== 'string' || url.length === 0) return fail('The attachment has no file URL.', 'url missing');
    if (url.length > MAX_URL_LENGTH) fail('The attachment file URL is too long.', `${url.length} characters`);
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return fail('The attachment file URL is invalid.', 'not a URL');
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') fail('The attachment file URL is invalid.', `scheme ${u.protocol}`);
    if (u.username || u.password) fail('The attachment file URL is invalid.', 'credentials in URL');
    // A community room's files live under the room (spec advanced.md A.9): `/room/{token}/file/{id}`.
    const m = /^(?:\/room\/([A-Za-z0-9_-]{1,64}))?\/file\/([^/]+)$/.exec(u.pathname);
    if (!m) fail('The attachment file URL is invalid.', 'path is not /file/<id> or /room/<token>/file/<id>');
    const id = (m as RegExpExecArray)[2] as string; // no %-decoding: a valid id has nothing to decode
    const room = (m as RegExpExecArray)[1];
    if (!FILE_ID_RE.test(id)) fail('The attachment file URL is invalid.', 'bad file id');
    const params = new URLSearchParams(u.hash.startsWith('#') ? u.hash.slice(1) : u.hash);
    const p = params.get('p');
    if (p !== null && !HEX64_RE.test(p)) fail('The attachment file URL is invalid.', 'p is not 64 hex characters');
    return {
      serverUrl: `${u.protocol}//${u.host}`,
      id,
      serverPubkey: p === null ? undefined : p.toLowerCase(),
      deterministic: params.has('d'),
      ...(room !== undefined ? { room } : {}),
    };
  });
}
