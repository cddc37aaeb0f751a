// Field conventions shared by the typed configs (spec advanced.md B.12–B.15): how IDs become dict
// keys, and the "write only when meaningful" setters (flags, positive ints, non-empty strings,
// pairs) whose exact behaviour decides the bytes every device produces.
import { ProtocolError } from '../primitives/errors';
import { binaryFromBytes, binaryFromHex, binaryFromUtf8, bytesFromBinary, hexFromBinary, utf8FromBinary, type ConfigBinary, type ConfigData, type ConfigDict, type KeyPath } from './data';

/** Longest name (bytes) the configs store: display names, nicknames, group names. */
export const MAX_NAME_BYTES = 100;
/** Longest profile picture URL (bytes) other clients can hold. */
export const MAX_PROFILE_PIC_URL_BYTES = 223;

/** Notification setting of a conversation (`@`). Contacts map mentions-only to all. */
export type NotifyMode = 'default' | 'all' | 'disabled' | 'mentions_only';

const NOTIFY_VALUES: readonly NotifyMode[] = ['default', 'all', 'disabled', 'mentions_only'];

/** `@` value → mode (anything outside 0–3 reads as the default, as the official clients do). */
export function notifyModeFromInt(v: number): NotifyMode {
  return Number.isInteger(v) && v >= 0 && v <= 3 ? (NOTIFY_VALUES[v] as NotifyMode) : 'default';
}

/** Mode → `@` value. */
export function notifyModeToInt(m: NotifyMode): number {
  const i = NOTIFY_VALUES.indexOf(m);
  if (i < 0) throw new ProtocolError('invalid_argument', 'Unknown notification mode.', String(m));
  return i;
}

/** A profile picture: the file-server URL and its 32-byte decryption key, always together. */
export interface ProfilePic {
  url: string;
  key: Uint8Array;
}

/**
 * Parses a 66-hex-char ID with the given prefix into its 33-byte dict key. Throws
 * ProtocolError('invalid_argument') otherwise (either hex case is accepted, as libsession does).
 */
export function idKey(id: string, prefix: '05' | '03'): ConfigBinary {
  if (typeof id !== 'string' || id.length !== 66 || !/^[0-9a-fA-F]{66}$/.test(id) || id.slice(0, 2) !== prefix) {
    throw new ProtocolError('invalid_argument', `Invalid ID: expected 66 hex digits starting with ${prefix}.`);
  }
  return binaryFromHex(id);
}

/** A 33-byte dict key → its lower-case hex ID. */
export function idFromKey(key: ConfigBinary): string {
  return hexFromBinary(key);
}

/** True when `key` is a 33-byte ID key starting with `prefixByte`. */
export function isIdKey(key: ConfigBinary, prefixByte: number): boolean {
  return key.length === 33 && key.charCodeAt(0) === prefixByte;
}

/** UTF-8 text cut to at most `maxBytes` without splitting a code point (libsession's utf8_truncate). */
export function utf8Truncate(text: string, maxBytes: number): string {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length <= maxBytes) return text;
  let n = maxBytes;
  while (n > 0 && ((bytes[n] as number) & 0xc0) === 0x80) n--;
  return new TextDecoder().decode(bytes.subarray(0, n));
}

/** The UTF-8 byte length of `text`. */
export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** A binary string cut to `maxBytes` bytes (libsession's `substr`, which does not look at UTF-8). */
export function binaryPrefix(s: ConfigBinary, maxBytes: number): ConfigBinary {
  return s.length <= maxBytes ? s : s.slice(0, maxBytes);
}

// ---------------------------------------------------------------------------------------------
// Reading a dict the way libsession's `maybe_int` / `maybe_string` do: a value of another type
// reads as absent.

/** The int under `key` of `d` as a number, or undefined. */
export function dictInt(d: ConfigDict, key: string): number | undefined {
  const v = d.get(key);
  return typeof v === 'bigint' ? Number(v) : undefined;
}

/** The byte string under `key` of `d` (binary string), or undefined. */
export function dictBinary(d: ConfigDict, key: string): ConfigBinary | undefined {
  const v = d.get(key);
  return typeof v === 'string' ? v : undefined;
}

/** The byte string under `key` of `d` as bytes, or undefined. */
export function dictBytes(d: ConfigDict, key: string): Uint8Array | undefined {
  const v = dictBinary(d, key);
  return v === undefined ? undefined : bytesFromBinary(v);
}

// ---------------------------------------------------------------------------------------------
// Writers. Each returns whether the data changed (a config marks itself dirty only then).

/** Sets 1 when true, removes when false. */
export function setFlag(d: ConfigData, path: KeyPath, value: boolean): boolean {
  return value ? d.setInt(path, 1) : d.erase(path);
}

/** Sets the int when > 0, removes it otherwise. */
export function setPositiveInt(d: ConfigData, path: KeyPath, value: number): boolean {
  return value > 0 ? d.setInt(path, value) : d.erase(path);
}

/** Sets the int when ≠ 0, removes it otherwise. */
export function setNonzeroInt(d: ConfigData, path: KeyPath, value: number): boolean {
  return value !== 0 ? d.setInt(path, value) : d.erase(path);
}

/** Sets the byte string when non-empty, removes it otherwise. */
export function setNonemptyBinary(d: ConfigData, path: KeyPath, value: ConfigBinary): boolean {
  return value.length > 0 ? d.setBinary(path, value) : d.erase(path);
}

/** Sets both values when `condition`, removes both otherwise. */
export function setPairIf(d: ConfigData, condition: boolean, p1: KeyPath, v1: ConfigBinary | number, p2: KeyPath, v2: ConfigBinary | number): boolean {
  if (!condition) {
    const a = d.erase(p1);
    const b = d.erase(p2);
    return a || b;
  }
  const a = typeof v1 === 'number' ? d.setInt(p1, v1) : d.setBinary(p1, v1);
  const b = typeof v2 === 'number' ? d.setInt(p2, v2) : d.setBinary(p2, v2);
  return a || b;
}

/** Checks an integer argument (a safe integer). */
export function checkInt(value: number, what: string): number {
  if (!Number.isSafeInteger(value)) throw new ProtocolError('invalid_argument', `${what} must be an integer.`, String(value));
  return value;
}

/** Checks a profile pic argument and returns its URL and key as binary strings, or null for none. */
export function profilePicBinary(pic: ProfilePic | null): { url: ConfigBinary; key: ConfigBinary } | null {
  if (pic === null) return null;
  const url = new TextEncoder().encode(pic.url);
  if (url.length > MAX_PROFILE_PIC_URL_BYTES) {
    throw new ProtocolError('invalid_argument', `A profile picture URL is at most ${MAX_PROFILE_PIC_URL_BYTES} bytes.`);
  }
  if (!(pic.key instanceof Uint8Array) || (pic.key.length !== 32 && pic.key.length !== 0)) {
    throw new ProtocolError('invalid_argument', 'A profile picture key is 32 bytes.');
  }
  // An empty URL or key means "no picture", as in libsession.
  if (url.length === 0 || pic.key.length !== 32) return null;
  return { url: binaryFromBytes(url), key: binaryFromBytes(pic.key) };
}

/** Reads `p`/`q` of a dict as a picture: both present, URL non-empty, key 32 bytes. */
export function readProfilePic(d: ConfigDict): ProfilePic | null {
  const url = dictBinary(d, 'p');
  const key = dictBinary(d, 'q');
  if (url === undefined || key === undefined || url.length === 0 || key.length !== 32) return null;
  return { url: new TextDecoder().decode(bytesFromBinary(url)), key: bytesFromBinary(key) };
}

/**
 * The bytes to store for `text` at `path`: the stored bytes when they already read as `text` (so
 * a name another client wrote in invalid UTF-8 is not rewritten by an unrelated edit), else its UTF-8.
 */
export function storedText(d: ConfigData, path: KeyPath, text: string): string {
  const cur = d.getBinary(path);
  return cur !== undefined && utf8FromBinary(cur) === text ? cur : binaryFromUtf8(text);
}

