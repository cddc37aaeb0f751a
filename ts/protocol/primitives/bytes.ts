// Byte helpers: hex/base64/UTF-8 conversion at the edges, concatenation, comparison, LE32.
import { timingSafeEqual } from 'node:crypto';
import { ProtocolError } from './errors';

// Validation scans each string once. No regular expressions here: a quantified group such as
// /^(?:[A-Za-z0-9+/]{4})*$/ keeps one backtracking entry per repetition, and V8 throws "Maximum call stack
// size exceeded" past about 4.4 million characters, which a page of a large retrieve reaches (a 3.9 MB
// answer is 5.2 million base64 characters in its onion reply).
const HEX_CHARS = charTable('0123456789abcdefABCDEF');
const B64_CHARS = charTable('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
const EQUALS = 0x3d;

function charTable(chars: string): Uint8Array {
  const t = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] = 1;
  return t;
}

/** Whether every character of s[0, end) is in `table` (ASCII). */
function allIn(s: string, end: number, table: Uint8Array): boolean {
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || table[c] !== 1) return false;
  }
  return true;
}

/** An even number of hex digits (either case). */
export function isHex(s: string): boolean {
  return s.length % 2 === 0 && allIn(s, s.length, HEX_CHARS);
}

/**
 * Standard base64: padded (length a multiple of 4, at most two trailing `=`), or, when `allowUnpadded`,
 * without any `=` and a length that is not 1 more than a multiple of 4.
 */
export function isBase64(s: string, allowUnpadded: boolean): boolean {
  const n = s.length;
  let end = n;
  if (end > 0 && s.charCodeAt(end - 1) === EQUALS) end--;
  if (end > 0 && s.charCodeAt(end - 1) === EQUALS) end--;
  if (!allIn(s, end, B64_CHARS)) return false;
  if (n % 4 === 0) return true;
  return allowUnpadded && end === n && n % 4 !== 1;
}

/** Decodes an even-length hex string (either case); throws ProtocolError('invalid_hex') otherwise. */
export function hexToBytes(hex: string): Uint8Array {
  if (typeof hex !== 'string' || !isHex(hex)) {
    throw new ProtocolError('invalid_hex', 'Not a valid hex string.');
  }
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

/** Encodes bytes as lowercase hex. */
export function bytesToHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** Encodes bytes as standard base64 with `=` padding (RFC 4648). */
export function bytesToBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Encodes bytes as standard base64 without trailing `=`. */
export function bytesToBase64Unpadded(bytes: Uint8Array): string {
  return bytesToBase64(bytes).replace(/=+$/, '');
}

/** Strictly decodes standard base64 (padded, or unpadded when allowed); throws ProtocolError('invalid_base64'). */
export function base64ToBytes(b64: string, opts: { allowUnpadded?: boolean } = {}): Uint8Array {
  if (typeof b64 === 'string') {
    // Fast path: canonical base64 (what servers send) re-encodes to itself, which is checked natively (unpadded:
    // no padding at all, the re-encoding adds all of it);
    // the linear check below costs tens of ms per MB, on the thread that polls (a catch-up's retrieves are MBs).
    const bytes = Buffer.from(b64, 'base64');
    const again = bytes.toString('base64');
    if (again === b64 || (opts.allowUnpadded === true && b64.length < again.length && !b64.endsWith('=') && again.startsWith(b64) && /^=+$/.test(again.slice(b64.length)))) {
      return new Uint8Array(bytes);
    }
  }
  if (typeof b64 !== 'string' || !isBase64(b64, opts.allowUnpadded === true)) throw new ProtocolError('invalid_base64', 'Not valid base64 data.');
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

const textEncoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/** Encodes a string as UTF-8. */
export function utf8ToBytes(s: string): Uint8Array {
  return textEncoder.encode(s);
}

/** Decodes strict UTF-8; throws ProtocolError('invalid_utf8') on malformed input. */
export function bytesToUtf8(bytes: Uint8Array): string {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    throw new ProtocolError('invalid_utf8', 'Data is not valid UTF-8 text.');
  }
}

/** Below this size a new array is zero-filled as usual; above it the zero-fill is skipped. */
const UNFILLED_FROM_BYTES = 64 * 1024;

/**
 * A new array of `length` bytes that the caller overwrites entirely before anyone reads it: a large one
 * (a 10 MB upload's blob or onion payload) is not zero-filled first (its own allocation, never the shared
 * pool, so nothing of other buffers can show through).
 */
export function allocFilledLater(length: number): Uint8Array {
  if (length < UNFILLED_FROM_BYTES) return new Uint8Array(length);
  const b = Buffer.allocUnsafeSlow(length);
  return new Uint8Array(b.buffer, b.byteOffset, length);
}

/** Concatenates byte arrays into a new Uint8Array. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let len = 0;
  for (const p of parts) len += p.length;
  const out = allocFilledLater(len);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** Constant-time equality for equal-length inputs (false when lengths differ). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}

/** Encodes an unsigned 32-bit integer as 4 little-endian bytes. */
export function le32(n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) {
    throw new ProtocolError('invalid_argument', 'Length does not fit in 32 bits.');
  }
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n, true);
  return out;
}

/** Reads an unsigned little-endian 32-bit integer at `offset`. */
export function readLe32(bytes: Uint8Array, offset = 0): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offset, true);
}

/** Throws ProtocolError('invalid_argument') unless `bytes` is a Uint8Array of exactly `len` bytes. */
export function assertLength(bytes: Uint8Array, len: number, what: string): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== len) {
    throw new ProtocolError('invalid_argument', `${what} must be ${len} bytes.`);
  }
}
