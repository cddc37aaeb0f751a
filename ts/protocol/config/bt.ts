// Strict, byte-exact bt-encoding (bencode) for config messages and dumps (spec advanced.md 0.2).
//
// Unlike primitives/bencode.ts (UTF-8 dict keys, safe-integer numbers), everything here is
// binary: byte strings and dict keys are binary strings (one char per byte, see data.ts), integers
// are bigint. Parsing accepts only the canonical encoding — sorted unique dict keys, no leading
// zeros, no "-0" — so re-serializing a parsed value always gives back the same bytes, which is
// what config hashes and signatures need.
import { ProtocolError, attempt, type Result } from '../primitives/errors';
import { compareBinary, sortedKeys } from './data';

/** A bt value: integer, byte string (binary string), list, or dict (keys are binary strings). */
export type BtValue = bigint | string | BtValue[] | BtDict;
/** A bt dict; serialization sorts keys, parsing guarantees sorted unique keys. */
export type BtDict = Map<string, BtValue>;

/** bt integers may be signed 64-bit or unsigned 64-bit (oxenc's two integer kinds). */
export const BT_INT_MIN = -(2n ** 63n);
export const BT_INT_MAX = 2n ** 64n - 1n;
/** Deepest nesting the parser follows; configs use about six levels. */
export const BT_MAX_DEPTH = 64;

/** Thrown inside the reader; turned into a Result by `attempt` at the public edge. */
export function btFail(detail: string): never {
  throw new ProtocolError('bencode_invalid', 'Invalid bt-encoded data.', detail);
}

const C_0 = 0x30;
const C_9 = 0x39;
const C_COLON = 0x3a;
const C_MINUS = 0x2d;
const C_D = 0x64;
const C_E = 0x65;
const C_I = 0x69;
const C_L = 0x6c;

/**
 * A cursor over bt bytes that reads one element at a time and throws ProtocolError on anything
 * non-canonical. Config message parsing drives it key by key (it needs byte offsets for the
 * signature); callers outside this folder use btDecode.
 */
export class BtReader {
  pos = 0;
  /** The input as a binary string: substrings are cheap and need no per-value Buffer. */
  private readonly text: string;
  readonly length: number;

  constructor(
    data: Uint8Array,
    readonly maxDepth = BT_MAX_DEPTH,
  ) {
    this.text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
    this.length = data.byteLength;
  }

  get atEnd(): boolean {
    return this.pos >= this.length;
  }

  /** The next byte without consuming it (fails at the end of the input). */
  peek(): number {
    if (this.pos >= this.length) btFail(`truncated at byte ${this.pos}`);
    return this.text.charCodeAt(this.pos);
  }

  /** The input bytes [start, end) as a binary string. */
  slice(start: number, end: number): string {
    return this.text.slice(start, end);
  }

  /** Consumes `byte` or fails. */
  expect(byte: number, what: string): void {
    if (this.peek() !== byte) btFail(`expected ${what} at byte ${this.pos}`);
    this.pos++;
  }

  /** True (and consumes it) when the next byte is the `e` closing a list or dict. */
  endOfContainer(): boolean {
    if (this.peek() === C_E) {
      this.pos++;
      return true;
    }
    return false;
  }

  isString(): boolean {
    const c = this.peek();
    return c >= C_0 && c <= C_9;
  }
  isInt(): boolean {
    return this.peek() === C_I;
  }
  isList(): boolean {
    return this.peek() === C_L;
  }
  isDict(): boolean {
    return this.peek() === C_D;
  }

  /**
   * Reads the digits of a canonical non-negative decimal up to `term`. Returns a number when it
   * has at most 15 digits (always exact), else the digit string.
   */
  private readDigits(term: number, maxDigits: number): number | string {
    const start = this.pos;
    const text = this.text;
    let n = 0;
    while (this.pos < this.length) {
      const c = text.charCodeAt(this.pos);
      if (c === term) break;
      if (c < C_0 || c > C_9) btFail(`non-digit in number at byte ${this.pos}`);
      n = n * 10 + (c - C_0);
      this.pos++;
      if (this.pos - start > maxDigits) btFail(`number too long at byte ${start}`);
    }
    if (this.pos >= this.length) btFail(`truncated number at byte ${start}`);
    const digits = this.pos - start;
    if (digits === 0) btFail(`empty number at byte ${start}`);
    if (digits > 1 && text.charCodeAt(start) === C_0) btFail(`leading zero at byte ${start}`);
    this.pos++; // the terminator
    return digits <= 15 ? n : text.slice(start, start + digits);
  }

  /** Reads a byte string as a binary string. */
  readString(): string {
    if (!this.isString()) btFail(`expected a string at byte ${this.pos}`);
    const len = this.readDigits(C_COLON, 10);
    if (typeof len !== 'number' || len > this.length - this.pos) btFail(`string runs past the end at byte ${this.pos}`);
    const s = this.text.slice(this.pos, this.pos + len);
    this.pos += len;
    return s;
  }

  /** Reads an integer within [min, max]. */
  readInt(min: bigint = BT_INT_MIN, max: bigint = BT_INT_MAX): bigint {
    const at = this.pos;
    this.expect(C_I, 'an integer');
    const neg = this.peek() === C_MINUS;
    if (neg) this.pos++;
    const d = this.readDigits(C_E, 20);
    if (neg && d === 0) btFail(`negative zero at byte ${at}`);
    const n = BigInt(d);
    const v = neg ? -n : n;
    if (v < min || v > max) btFail(`integer out of range at byte ${at}`);
    return v;
  }

  /** Reads any value. */
  readValue(depth = 0): BtValue {
    if (depth > this.maxDepth) btFail(`nested too deeply at byte ${this.pos}`);
    const c = this.peek();
    if (c === C_I) return this.readInt();
    if (c >= C_0 && c <= C_9) return this.readString();
    if (c === C_L) {
      this.pos++;
      const list: BtValue[] = [];
      while (!this.endOfContainer()) list.push(this.readValue(depth + 1));
      return list;
    }
    if (c === C_D) {
      this.pos++;
      const dict: BtDict = new Map();
      let prev: string | null = null;
      while (!this.endOfContainer()) {
        const key = this.readDictKey(prev);
        dict.set(key, this.readValue(depth + 1));
        prev = key;
      }
      return dict;
    }
    return btFail(`unexpected byte 0x${c.toString(16)} at byte ${this.pos}`);
  }

  /** Reads a dict key that must sort strictly after `prev` (null for the first key). */
  readDictKey(prev: string | null): string {
    const at = this.pos;
    const key = this.readString();
    if (prev !== null && compareBinary(prev, key) >= 0) btFail(`dict keys unsorted or duplicated at byte ${at}`);
    return key;
  }

  /** Skips one value (validating it), returning its [start, end) byte range. */
  skipValue(depth = 0): [number, number] {
    const start = this.pos;
    this.readValue(depth);
    return [start, this.pos];
  }
}

/** Decodes exactly one bt value spanning all of `data`. Never throws. */
export function btDecode(data: Uint8Array, maxDepth = BT_MAX_DEPTH): Result<BtValue> {
  return attempt(() => {
    const r = new BtReader(data, maxDepth);
    const v = r.readValue();
    if (!r.atEnd) btFail(`trailing data at byte ${r.pos}`);
    return v;
  });
}

/** Decodes exactly one bt dict spanning all of `data`. Never throws. */
export function btDecodeDict(data: Uint8Array, maxDepth = BT_MAX_DEPTH): Result<BtDict> {
  return attempt(() => {
    const r = new BtReader(data, maxDepth);
    if (!r.isDict()) btFail('not a dict');
    const v = r.readValue() as BtDict;
    if (!r.atEnd) btFail(`trailing data at byte ${r.pos}`);
    return v;
  });
}

/**
 * Accumulates bt output as a binary string (cheap appends), converted to bytes once at the end.
 * Config serialization writes through this too, so both produce identical encodings.
 */
export class BtWriter {
  private buf = new Uint8Array(1024);
  private len = 0;

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  /** Appends chars known to be bytes (ASCII tokens, checked binary strings). */
  private put(s: string): void {
    const n = s.length;
    this.reserve(n);
    const buf = this.buf;
    let o = this.len;
    for (let i = 0; i < n; i++) buf[o++] = s.charCodeAt(i);
    this.len = o;
  }

  private putByte(b: number): void {
    this.reserve(1);
    this.buf[this.len++] = b;
  }

  int(v: bigint | number): this {
    const n = typeof v === 'number' ? BigInt(v) : v;
    if (n < BT_INT_MIN || n > BT_INT_MAX) {
      throw new ProtocolError('invalid_argument', 'Integer outside the bt range.', String(n));
    }
    this.put(`i${n.toString()}e`);
    return this;
  }

  /** Appends a byte string given as a binary string (throws for a char above 0xff). */
  string(s: string): this {
    const n = s.length;
    this.put(`${n}:`);
    this.reserve(n);
    const buf = this.buf;
    let o = this.len;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 0xff) throw new ProtocolError('invalid_argument', 'bt strings must be binary strings.');
      buf[o++] = c;
    }
    this.len = o;
    return this;
  }

  /** Appends bytes already bt-encoded. */
  raw(bytes: Uint8Array): this {
    this.reserve(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
    return this;
  }

  openList(): this {
    this.putByte(C_L);
    return this;
  }

  openDict(): this {
    this.putByte(C_D);
    return this;
  }

  close(): this {
    this.putByte(C_E);
    return this;
  }

  /** Appends any value; dict keys are written in byte order. */
  value(v: BtValue, depth = 0): this {
    if (depth > BT_MAX_DEPTH) throw new ProtocolError('invalid_argument', 'Value nested too deeply.');
    if (typeof v === 'bigint') return this.int(v);
    if (typeof v === 'string') return this.string(v);
    if (Array.isArray(v)) {
      this.openList();
      for (const x of v) this.value(x, depth + 1);
      return this.close();
    }
    this.openDict();
    for (const k of sortedKeys(v)) {
      this.string(k);
      this.value(v.get(k) as BtValue, depth + 1);
    }
    return this.close();
  }

  /** The output so far as bytes (a copy). */
  toBytes(): Uint8Array {
    return this.buf.slice(0, this.len);
  }

  /** The output so far as a binary string. */
  toBinary(): string {
    return Buffer.from(this.buf.buffer, 0, this.len).toString('latin1');
  }
}

/** Encodes a value (dict keys sorted); throws ProtocolError('invalid_argument') for an out-of-range integer. */
export function btEncode(value: BtValue): Uint8Array {
  return new BtWriter().value(value).toBytes();
}
