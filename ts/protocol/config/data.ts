// The in-memory data model of a config's application data (spec advanced.md B.3) and the small
// mutation API the typed configs build on.
//
// Representation choices, and why:
// - Keys and byte-string values are "binary strings": one JS char per byte (code units 0–255,
//   i.e. latin1). JavaScript's default string order then equals bt's raw byte order, keys can be
//   Map keys, and any byte sequence (33-byte Session IDs, keys, non-UTF-8 names) round-trips.
// - Integers are `bigint`: config values are signed 64-bit and values written by other clients
//   must survive byte for byte even beyond 2^53. The accessors accept and return `number` where
//   the value is a safe integer, and `bigint` where exactness matters.
// - A dict is a `Map` (insertion order is irrelevant: serialization sorts keys); a set is a
//   `ConfigSet` that keeps its elements sorted (ints first, numerically; then strings by bytes).
// - Empty dicts and sets never exist below the root: every mutation prunes them on the way back
//   up, as libsession does before serializing.
import { ProtocolError } from '../primitives/errors';

/** A signed 64-bit integer value. */
export type ConfigInt = bigint;
/** A byte string, one char (code unit 0–255) per byte. */
export type ConfigBinary = string;
/** A scalar: an integer or a byte string. */
export type ConfigScalar = ConfigInt | ConfigBinary;
/** A dict of the config data; keys are binary strings. */
export type ConfigDict = Map<ConfigBinary, ConfigValue>;
/** Any value that can sit in the config data. */
export type ConfigValue = ConfigScalar | ConfigSet | ConfigDict;
/** A path of binary keys from the root of the data to a value. */
export type KeyPath = readonly ConfigBinary[];

/** The int64 bounds; every integer in the data stays inside them. */
export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;

// ---------------------------------------------------------------------------------------------
// Binary string helpers

const BINARY_RE = /^[\u0000-\u00ff]*$/;

/** True when every char of `s` is a byte (code unit ≤ 0xff). */
export function isBinary(s: string): boolean {
  return BINARY_RE.test(s);
}

/** Bytes → binary string. */
export function binaryFromBytes(bytes: Uint8Array): ConfigBinary {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** Binary string → bytes; throws ProtocolError('invalid_argument') for a char above 0xff. */
export function bytesFromBinary(s: ConfigBinary): Uint8Array {
  // Buffer's latin1 encoder would silently truncate chars above 0xff: refuse them instead.
  if (!isBinary(s)) throw new ProtocolError('invalid_argument', 'Not a byte string.');
  return new Uint8Array(Buffer.from(s, 'latin1'));
}

/** UTF-8 text → binary string of its UTF-8 bytes. */
export function binaryFromUtf8(text: string): ConfigBinary {
  return binaryFromBytes(new TextEncoder().encode(text));
}

const lenientDecoder = new TextDecoder('utf-8', { fatal: false });

/** Binary string → text; invalid UTF-8 sequences become U+FFFD (the data itself is untouched). */
export function utf8FromBinary(s: ConfigBinary): string {
  return lenientDecoder.decode(bytesFromBinary(s));
}

/** Hex (either case) → binary string; throws ProtocolError('invalid_hex'). */
export function binaryFromHex(hex: string): ConfigBinary {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) throw new ProtocolError('invalid_hex', 'Not a valid hex string.');
  return Buffer.from(hex, 'hex').toString('latin1');
}

/** Binary string → lower-case hex. */
export function hexFromBinary(s: ConfigBinary): string {
  return Buffer.from(bytesFromBinary(s)).toString('hex');
}

/** Byte-order comparison of two binary strings (JS order on code units ≤ 0xff is byte order). */
export function compareBinary(a: ConfigBinary, b: ConfigBinary): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Scalars and sets

/** Set element order: ints first (numerically), then byte strings in byte order. */
export function compareScalar(a: ConfigScalar, b: ConfigScalar): number {
  if (typeof a === 'bigint') {
    if (typeof b !== 'bigint') return -1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof b === 'bigint') return 1;
  return compareBinary(a, b);
}

/** Throws unless `v` is an int64 bigint or a binary string. */
function checkScalar(v: ConfigScalar): void {
  if (typeof v === 'bigint') {
    if (v < INT64_MIN || v > INT64_MAX) throw new ProtocolError('invalid_argument', 'Integer outside the signed 64-bit range.');
  } else if (typeof v !== 'string' || !isBinary(v)) {
    throw new ProtocolError('invalid_argument', 'Config strings must be binary strings.');
  }
}

/** A sorted set of unique scalars (a bt list in the data). */
export class ConfigSet {
  private items: ConfigScalar[] = [];

  /** Builds a set from any elements (sorted, duplicates collapsed). */
  static of(values: Iterable<ConfigScalar>): ConfigSet {
    const s = new ConfigSet();
    for (const v of values) s.add(v);
    return s;
  }

  /** Builds a set from elements already strictly sorted (trusted: the bt parser checked them). */
  static fromSorted(values: ConfigScalar[]): ConfigSet {
    const s = new ConfigSet();
    s.items = values.slice();
    return s;
  }

  private find(v: ConfigScalar): { found: boolean; index: number } {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareScalar(this.items[mid] as ConfigScalar, v);
      if (c === 0) return { found: true, index: mid };
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    return { found: false, index: lo };
  }

  /** Adds `v`; returns true when it was not there yet. */
  add(v: ConfigScalar): boolean {
    checkScalar(v);
    const { found, index } = this.find(v);
    if (found) return false;
    this.items.splice(index, 0, v);
    return true;
  }

  /** Removes `v`; returns true when it was there. */
  delete(v: ConfigScalar): boolean {
    const { found, index } = this.find(v);
    if (!found) return false;
    this.items.splice(index, 1);
    return true;
  }

  has(v: ConfigScalar): boolean {
    return this.find(v).found;
  }

  get size(): number {
    return this.items.length;
  }

  /** The elements in set order (a copy). */
  values(): ConfigScalar[] {
    return this.items.slice();
  }

  clone(): ConfigSet {
    return ConfigSet.fromSorted(this.items);
  }

  equals(other: ConfigSet): boolean {
    if (other.items.length !== this.items.length) return false;
    return this.items.every((v, i) => v === other.items[i]);
  }
}

// ---------------------------------------------------------------------------------------------
// Generic value helpers

/** True for a dict value. */
export function isDict(v: ConfigValue | undefined): v is ConfigDict {
  return v instanceof Map;
}

/** True for a set value. */
export function isSet(v: ConfigValue | undefined): v is ConfigSet {
  return v instanceof ConfigSet;
}

/** True for an int or byte-string value. */
export function isScalar(v: ConfigValue | undefined): v is ConfigScalar {
  return typeof v === 'bigint' || typeof v === 'string';
}

/** Deep copy of a value (scalars are immutable and shared). */
export function cloneValue<V extends ConfigValue>(v: V): V {
  if (v instanceof Map) return cloneDict(v) as V;
  if (v instanceof ConfigSet) return v.clone() as V;
  return v;
}

/** Deep copy of a dict. */
export function cloneDict(d: ConfigDict): ConfigDict {
  const out: ConfigDict = new Map();
  for (const [k, v] of d) out.set(k, cloneValue(v));
  return out;
}

/** Deep structural equality. */
export function valuesEqual(a: ConfigValue | undefined, b: ConfigValue | undefined): boolean {
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    for (const [k, v] of a) if (!valuesEqual(v, b.get(k))) return false;
    return true;
  }
  if (a instanceof ConfigSet) return b instanceof ConfigSet && a.equals(b);
  return a === b;
}

/** The keys of a map in byte order, without copying them when they already are (parsed maps). */
export function keysInOrder(d: ReadonlyMap<ConfigBinary, unknown>): Iterable<ConfigBinary> {
  let prev: string | null = null;
  for (const k of d.keys()) {
    if (prev !== null && prev >= k) return [...d.keys()].sort();
    prev = k;
  }
  return d.keys();
}

/** The keys of a map in byte order (fast path: maps built by the parser are already sorted). */
export function sortedKeys(d: ReadonlyMap<ConfigBinary, unknown>): ConfigBinary[] {
  const keys = [...d.keys()];
  for (let i = 1; i < keys.length; i++) {
    // Default sort compares UTF-16 code units: byte order for binary strings.
    if ((keys[i - 1] as string) >= (keys[i] as string)) return keys.sort();
  }
  return keys;
}

/** Removes empty dicts and sets everywhere below `d` (not `d` itself). */
export function pruneDict(d: ConfigDict): void {
  for (const [k, v] of d) {
    if (v instanceof Map) {
      pruneDict(v);
      if (v.size === 0) d.delete(k);
    } else if (v instanceof ConfigSet && v.size === 0) {
      d.delete(k);
    }
  }
}

function toBigInt(v: number | bigint): bigint {
  if (typeof v === 'bigint') return v;
  if (!Number.isSafeInteger(v)) throw new ProtocolError('invalid_argument', 'Config integers must be safe integers.', String(v));
  return BigInt(v);
}

/** Throws unless `v` is a valid value all the way down (binary keys, int64 ints, binary strings). */
function checkValue(v: ConfigValue, depth: number): void {
  if (depth > 64) throw new ProtocolError('invalid_argument', 'Config value nested too deeply.');
  if (v instanceof Map) {
    for (const [k, x] of v) {
      if (typeof k !== 'string' || !isBinary(k)) throw new ProtocolError('invalid_argument', 'Config keys must be binary strings.');
      checkValue(x, depth + 1);
    }
  } else if (!(v instanceof ConfigSet)) {
    checkScalar(v);
  }
}

function checkPath(path: KeyPath): void {
  if (path.length === 0) throw new ProtocolError('invalid_argument', 'A key path needs at least one key.');
  for (const k of path) {
    if (typeof k !== 'string' || !isBinary(k)) throw new ProtocolError('invalid_argument', 'Config keys must be binary strings.');
  }
}

// ---------------------------------------------------------------------------------------------
// The mutation API

/**
 * A config's application data (`&`) with path-based accessors. Getters never create anything;
 * setters create the dicts along the path (replacing a non-dict in the way, as a type change),
 * erasers and set removals prune the dicts and sets they leave empty. Every mutator returns
 * whether the data changed, so a caller marks its config dirty only for real changes.
 */
export class ConfigData {
  /** The root dict; mutate it only through this class so that pruning holds. */
  readonly root: ConfigDict;

  constructor(root: ConfigDict = new Map()) {
    this.root = root;
  }

  /** A deep copy. */
  clone(): ConfigData {
    return new ConfigData(cloneDict(this.root));
  }

  /** True when both hold the same data. */
  equals(other: ConfigData): boolean {
    return valuesEqual(this.root, other.root);
  }

  /** True when there is no data at all. */
  get isEmpty(): boolean {
    return this.root.size === 0;
  }

  // --- reading ---

  /** The value at `path` (a live reference for dicts/sets: do not mutate it), or undefined. */
  get(path: KeyPath): ConfigValue | undefined {
    let cur: ConfigValue = this.root;
    for (const k of path) {
      if (!(cur instanceof Map)) return undefined;
      const next: ConfigValue | undefined = cur.get(k);
      if (next === undefined) return undefined;
      cur = next;
    }
    return cur;
  }

  /** True when a value exists at `path`. */
  has(path: KeyPath): boolean {
    return this.get(path) !== undefined;
  }

  /** The int at `path` as a number (nearest double beyond 2^53), or undefined if absent or not an int. */
  getInt(path: KeyPath): number | undefined {
    const v = this.get(path);
    return typeof v === 'bigint' ? Number(v) : undefined;
  }

  /** The int at `path` exactly, or undefined if absent or not an int. */
  getBigInt(path: KeyPath): bigint | undefined {
    const v = this.get(path);
    return typeof v === 'bigint' ? v : undefined;
  }

  /** The byte string at `path` as a binary string, or undefined if absent or not a string. */
  getBinary(path: KeyPath): ConfigBinary | undefined {
    const v = this.get(path);
    return typeof v === 'string' ? v : undefined;
  }

  /** The byte string at `path` as bytes, or undefined if absent or not a string. */
  getBytes(path: KeyPath): Uint8Array | undefined {
    const v = this.getBinary(path);
    return v === undefined ? undefined : bytesFromBinary(v);
  }

  /** The byte string at `path` decoded as UTF-8 (lenient), or undefined if absent or not a string. */
  getString(path: KeyPath): string | undefined {
    const v = this.getBinary(path);
    return v === undefined ? undefined : utf8FromBinary(v);
  }

  /** The dict at `path` (read-only use), or undefined if absent or not a dict. The empty path is the root. */
  getDict(path: KeyPath): ConfigDict | undefined {
    const v = path.length === 0 ? this.root : this.get(path);
    return v instanceof Map ? v : undefined;
  }

  /** The keys of the dict at `path` in byte order ([] if absent or not a dict). */
  keys(path: KeyPath): ConfigBinary[] {
    const d = this.getDict(path);
    return d === undefined ? [] : sortedKeys(d);
  }

  /** The elements of the set at `path` in set order ([] if absent or not a set). */
  setValues(path: KeyPath): ConfigScalar[] {
    const v = this.get(path);
    return v instanceof ConfigSet ? v.values() : [];
  }

  /** True when the set at `path` contains `value`. */
  setHas(path: KeyPath, value: number | bigint | ConfigBinary): boolean {
    const v = this.get(path);
    return v instanceof ConfigSet && v.has(typeof value === 'string' ? value : toBigInt(value));
  }

  // --- writing ---

  /** The dict that holds the last key of `path`, created (and type-changed) on the way. */
  private parentForWrite(path: KeyPath): ConfigDict {
    checkPath(path);
    let cur = this.root;
    for (let i = 0; i < path.length - 1; i++) {
      const k = path[i] as ConfigBinary;
      let next = cur.get(k);
      if (!(next instanceof Map)) {
        next = new Map();
        cur.set(k, next);
      }
      cur = next;
    }
    return cur;
  }

  /** Sets any value (deep-copied); an empty dict or set erases instead. Returns whether the data changed. */
  set(path: KeyPath, value: ConfigValue): boolean {
    checkValue(value, 0);
    if ((value instanceof Map || value instanceof ConfigSet) && value.size === 0) return this.erase(path);
    const copy = cloneValue(value);
    if (copy instanceof Map) {
      pruneDict(copy);
      if (copy.size === 0) return this.erase(path);
    }
    if (valuesEqual(this.get(path), copy)) return false;
    this.parentForWrite(path).set(path[path.length - 1] as ConfigBinary, copy);
    return true;
  }

  /** Sets an int (a safe-integer number or an int64 bigint). */
  setInt(path: KeyPath, value: number | bigint): boolean {
    return this.set(path, toBigInt(value));
  }

  /** Sets a byte string from a binary string. */
  setBinary(path: KeyPath, value: ConfigBinary): boolean {
    return this.set(path, value);
  }

  /** Sets a byte string from bytes. */
  setBytes(path: KeyPath, value: Uint8Array): boolean {
    return this.set(path, binaryFromBytes(value));
  }

  /** Sets a byte string to the UTF-8 encoding of `text`. */
  setString(path: KeyPath, text: string): boolean {
    return this.set(path, binaryFromUtf8(text));
  }

  /** Removes the value at `path` and prunes dicts left empty. Returns whether something was removed. */
  erase(path: KeyPath): boolean {
    checkPath(path);
    const chain: ConfigDict[] = [this.root];
    for (let i = 0; i < path.length - 1; i++) {
      const next = (chain[i] as ConfigDict).get(path[i] as ConfigBinary);
      if (!(next instanceof Map)) return false;
      chain.push(next);
    }
    const last = path[path.length - 1] as ConfigBinary;
    if (!(chain[chain.length - 1] as ConfigDict).delete(last)) return false;
    this.pruneChain(path, chain);
    return true;
  }

  /** Walks back up `chain` (the dicts along `path`), deleting those left empty (never the root). */
  private pruneChain(path: KeyPath, chain: ConfigDict[]): void {
    for (let i = chain.length - 1; i >= 1; i--) {
      if ((chain[i] as ConfigDict).size > 0) return;
      (chain[i - 1] as ConfigDict).delete(path[i - 1] as ConfigBinary);
    }
  }

  /** Adds `value` to the set at `path` (created, or type-changed from a non-set). Returns whether it changed. */
  setAdd(path: KeyPath, value: number | bigint | ConfigBinary): boolean {
    const v: ConfigScalar = typeof value === 'string' ? value : toBigInt(value);
    checkScalar(v);
    const parent = this.parentForWrite(path);
    const key = path[path.length - 1] as ConfigBinary;
    const cur = parent.get(key);
    if (cur instanceof ConfigSet) return cur.add(v);
    parent.set(key, ConfigSet.of([v]));
    return true;
  }

  /** Removes `value` from the set at `path`, pruning the set and dicts left empty. Returns whether it changed. */
  setRemove(path: KeyPath, value: number | bigint | ConfigBinary): boolean {
    checkPath(path);
    const v: ConfigScalar = typeof value === 'string' ? value : toBigInt(value);
    const s = this.get(path);
    if (!(s instanceof ConfigSet) || !s.delete(v)) return false;
    if (s.size === 0) this.erase(path);
    return true;
  }
}
