// Community share URLs and conversation ids (spec advanced.md A.1):
// `{base}/{Room}?public_key={key}` (also `/r/{Room}`, scheme optional and then http as desktop does,
// key as 64 hex, base64 or base32z) ↔ {canonical base URL, room, lower-case room key, key hex}.
import { bytesToHex } from '../primitives/bytes';
import { ProtocolError, attempt, type Result } from '../primitives/errors';
import { canonicalCommunityUrl, canonicalRoom } from '../config/community';

export interface CommunityAddress {
  /** Canonical base URL (lower-case scheme and host, default port dropped, no path). */
  baseUrl: string;
  /** The room token as written in the URL. */
  room: string;
  /** The room token lower-cased (identity of the room). */
  roomKey: string;
  /** The server's X25519 key, 64 lower-case hex. */
  pubkeyHex: string;
}

const BASE32Z = 'ybndrfg8ejkmcpqxot1uwisza345h769';
const ROOM = /^[\w-]{1,64}$/;

function bad(message: string, detail?: string): never {
  throw new ProtocolError('invalid_argument', message, detail);
}

function fromBase32z(s: string): Uint8Array | undefined {
  const out = new Uint8Array(32);
  let acc = 0;
  let bits = 0;
  let n = 0;
  for (const c of s) {
    const v = BASE32Z.indexOf(c);
    if (v < 0) return undefined;
    acc = ((acc << 5) | v) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      if (n < 32) out[n] = (acc >> bits) & 0xff;
      n++;
    }
  }
  return n === 32 ? out : undefined;
}

function fromBase64(s: string): Uint8Array | undefined {
  const t = s.replace(/=+$/, '');
  if (t.length !== 43 || !/^[A-Za-z0-9+/_-]+$/.test(t)) return undefined;
  const bytes = new Uint8Array(Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
  return bytes.length === 32 ? bytes : undefined;
}

/** A server key from a URL: 64 hex, 43/44 base64 (either alphabet) or 52 base32z. Throws invalid_argument. */
export function decodeCommunityPubkey(text: string): Uint8Array {
  const s = text.trim();
  let key: Uint8Array | undefined;
  if (s.length === 64 && /^[0-9a-fA-F]+$/.test(s)) key = new Uint8Array(Buffer.from(s, 'hex'));
  else if (s.length === 43 || s.length === 44) key = fromBase64(s);
  else if (s.length === 52) key = fromBase32z(s.toLowerCase());
  if (!key) bad('The community link has an invalid public key.', `key of ${s.length} chars`);
  return key;
}

function percentDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return bad('The community link has an invalid %-escape.');
  }
}

/**
 * Parses a community share URL. Accepts `http(s)://host[:port]/ROOM?public_key=KEY` and `/r/ROOM`, with
 * or without the scheme (then `http://`). Never throws; errors are `invalid_argument` with a message for people.
 */
export function parseCommunityUrl(input: string): Result<CommunityAddress> {
  return attempt(() => {
    if (typeof input !== 'string') bad('A community link is text.');
    let s = input.trim();
    if (s === '') bad('Enter a community link.');
    if (s.length > 2048) bad('This community link is too long.');
    const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(s);
    if (scheme === null) s = `http://${s}`;
    else if (!/^https?$/i.test(scheme[1] as string)) bad('A community link starts with http:// or https://.');
    const hashAt = s.indexOf('#');
    if (hashAt >= 0) s = s.slice(0, hashAt);
    const queryAt = s.indexOf('?');
    const beforeQuery = queryAt >= 0 ? s.slice(0, queryAt) : s;
    const queryText = queryAt >= 0 ? s.slice(queryAt + 1) : '';
    const afterScheme = beforeQuery.indexOf('://') + 3;
    const pathAt = beforeQuery.indexOf('/', afterScheme);
    if (pathAt < 0) bad('The community link has no room (…/room?public_key=…).');
    let baseUrl: string;
    try {
      baseUrl = canonicalCommunityUrl(beforeQuery.slice(0, pathAt));
    } catch (e) {
      return bad('The community link has an invalid server address.', e instanceof Error ? e.message : undefined);
    }
    let path = beforeQuery.slice(pathAt + 1);
    if (path.endsWith('/')) path = path.slice(0, -1);
    if (path.startsWith('r/')) path = path.slice(2);
    const room = percentDecode(path);
    if (!ROOM.test(room) || !/^[A-Za-z0-9_-]+$/.test(room)) bad('The community link has an invalid room name (letters, digits, - and _, at most 64).');
    let keyText: string | undefined;
    for (const part of queryText.split('&')) {
      const eq = part.indexOf('=');
      if (eq > 0 && part.slice(0, eq).toLowerCase() === 'public_key') keyText = percentDecode(part.slice(eq + 1));
    }
    if (keyText === undefined || keyText === '') bad('The community link has no public key (…?public_key=…).');
    const key = decodeCommunityPubkey(keyText);
    return { baseUrl, room, roomKey: canonicalRoom(room), pubkeyHex: bytesToHex(key) };
  });
}

/** The share URL `{base}/{Room}?public_key={64 hex}` (room case preserved). Throws invalid_argument. */
export function buildCommunityUrl(baseUrl: string, room: string, pubkey: Uint8Array | string): string {
  const base = canonicalCommunityUrl(baseUrl);
  canonicalRoom(room);
  const key = typeof pubkey === 'string' ? decodeCommunityPubkey(pubkey) : pubkey;
  if (key.length !== 32) bad('A community public key is 32 bytes.');
  return `${base}/${room}?public_key=${bytesToHex(key)}`;
}

/** The conversation id of a room: `{canonical base URL}/{lower-case room}`. Throws invalid_argument. */
export function communityConversationId(baseUrl: string, room: string): string {
  return `${canonicalCommunityUrl(baseUrl)}/${canonicalRoom(room)}`;
}

/** Splits a room conversation id back into base URL and room key; undefined if it is not one. */
export function parseCommunityConversationId(id: string): { baseUrl: string; roomKey: string } | undefined {
  const m = /^(https?:\/\/[^/?#]+)\/([-0-9_a-z]{1,64})$/.exec(id);
  if (m === null) return undefined;
  try {
    const baseUrl = canonicalCommunityUrl(m[1] as string);
    return baseUrl === m[1] ? { baseUrl, roomKey: m[2] as string } : undefined;
  } catch {
    return undefined;
  }
}
