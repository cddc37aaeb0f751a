// Community addresses as the configs key them (spec advanced.md B.14, B.15): a canonical base URL
// (lower-case scheme and host, default port dropped, no path) and a lower-case room token, so every
// device files the same community under the same keys.
import { ProtocolError } from '../primitives/errors';

/** Longest canonical base URL. */
export const COMMUNITY_BASE_URL_MAX = 267;
/** Longest room token. */
export const COMMUNITY_ROOM_MAX = 64;

function invalid(detail: string): never {
  throw new ProtocolError('invalid_argument', `Invalid community address: ${detail}.`);
}

/**
 * The canonical base URL: `http://` or `https://` (either case), a host of letters, digits, `-`
 * and inner dots (lower-cased, at least 4 chars with a dot), an optional port (dropped when it is
 * the scheme's default), an optional single `/`, nothing after. Throws `invalid_argument`.
 */
export function canonicalCommunityUrl(url: string): string {
  let rest = url;
  let proto = '';
  const sep = rest.indexOf('://');
  if (sep >= 0) {
    const name = rest.slice(0, sep).toLowerCase();
    rest = rest.slice(sep + 3);
    if (name === 'http') proto = 'http://';
    else if (name === 'https') proto = 'https://';
  }
  if (proto === '') invalid('missing http:// or https://');
  let host = '';
  let allowDot = false;
  let hasDot = false;
  let i = 0;
  for (; i < rest.length; i++) {
    const c = rest[i] as string;
    if (/[0-9a-z-]/.test(c)) {
      host += c;
      allowDot = true;
    } else if (/[A-Z]/.test(c)) {
      host += c.toLowerCase();
      allowDot = true;
    } else if (allowDot && c === '.') {
      host += '.';
      hasDot = true;
      allowDot = false;
    } else break;
  }
  rest = rest.slice(i);
  if (host.length < 4 || !hasDot || host.endsWith('.')) invalid('invalid host name');
  let port = 0;
  if (rest.startsWith(':')) {
    const m = /^:(\d+)/.exec(rest);
    if (m === null || Number(m[1]) > 65535) invalid('invalid port');
    port = Number((m as RegExpExecArray)[1]);
    rest = rest.slice((m as RegExpExecArray)[0].length);
    if ((port === 80 && proto === 'http://') || (port === 443 && proto === 'https://')) port = 0;
  }
  if (rest.startsWith('/')) rest = rest.slice(1);
  if (rest.length > 0) invalid('unexpected path after the host');
  const out = proto + host + (port !== 0 ? `:${port}` : '');
  if (out.length > COMMUNITY_BASE_URL_MAX) invalid('base URL too long');
  return out;
}

/** The room token lower-cased; throws unless it is 1–64 chars of `a-z 0-9 _ -` (any case). */
export function canonicalRoom(room: string): string {
  const r = room.replace(/[A-Z]/g, (c) => c.toLowerCase());
  if (r.length > COMMUNITY_ROOM_MAX) invalid('room token too long');
  if (r.length === 0) invalid('empty room token');
  if (!/^[-0-9_a-z]+$/.test(r)) invalid('room token with invalid characters');
  return r;
}

const HEX_64 = /^[0-9a-fA-F]{64}$/;

/** A community server public key as 32 bytes: bytes as given, or 64 hex chars. */
export function communityPubkey(pubkey: Uint8Array | string): Uint8Array {
  if (pubkey instanceof Uint8Array) {
    if (pubkey.length !== 32) invalid('server public key is not 32 bytes');
    return pubkey.slice();
  }
  if (typeof pubkey !== 'string' || !HEX_64.test(pubkey)) invalid('server public key is not 64 hex digits');
  return new Uint8Array(Buffer.from(pubkey, 'hex'));
}
