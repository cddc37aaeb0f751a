// Bencoding (byte strings, integers, lists, dicts) as used by onion v4 requests/responses.
import { bytesToUtf8, concatBytes, utf8ToBytes } from './bytes';
import { ProtocolError, attempt, type Result } from './errors';

/** A bencoded value; dict keys are decoded as UTF-8 strings. */
export type BValue = Uint8Array | number | BValue[] | { [key: string]: BValue };

const MAX_DEPTH = 64;

/** Encodes a value; dict keys are sorted bytewise as bencoding requires. */
export function bencode(value: BValue): Uint8Array {
  const parts: Uint8Array[] = [];
  const walk = (v: BValue, depth: number): void => {
    if (depth > MAX_DEPTH) throw new ProtocolError('invalid_argument', 'Value nested too deeply.');
    if (v instanceof Uint8Array) {
      parts.push(utf8ToBytes(`${v.length}:`), v);
    } else if (typeof v === 'number') {
      if (!Number.isSafeInteger(v)) throw new ProtocolError('invalid_argument', 'Only safe integers can be bencoded.');
      parts.push(utf8ToBytes(`i${v}e`));
    } else if (Array.isArray(v)) {
      parts.push(utf8ToBytes('l'));
      for (const x of v) walk(x, depth + 1);
      parts.push(utf8ToBytes('e'));
    } else {
      parts.push(utf8ToBytes('d'));
      const keys = Object.keys(v).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
      for (const k of keys) {
        const kb = utf8ToBytes(k);
        parts.push(utf8ToBytes(`${kb.length}:`), kb);
        walk(v[k] as BValue, depth + 1);
      }
      parts.push(utf8ToBytes('e'));
    }
  };
  walk(value, 0);
  return concatBytes(...parts);
}

const fail = (detail: string): never => {
  throw new ProtocolError('bencode_invalid', 'Invalid bencoded data.', detail);
};

/** Decodes exactly one bencoded value spanning all of `data`. Never throws. */
export function bdecode(data: Uint8Array): Result<BValue> {
  return attempt(() => {
    let pos = 0;
    const readUint = (term: number): number => {
      const start = pos;
      while (pos < data.length && data[pos] !== term) {
        const c = data[pos] as number;
        if (c < 0x30 || c > 0x39) fail('non-digit in length');
        pos++;
        if (pos - start > 15) fail('number too long');
      }
      if (pos >= data.length || pos === start) fail('truncated number');
      if (data[start] === 0x30 && pos - start > 1) fail('leading zero');
      const n = Number(Buffer.from(data.subarray(start, pos)).toString('latin1'));
      pos++; // terminator
      return n;
    };
    const readString = (): Uint8Array => {
      const len = readUint(0x3a);
      if (len > data.length - pos) fail('string runs past the end');
      const s = data.slice(pos, pos + len);
      pos += len;
      return s;
    };
    const readValue = (depth: number): BValue => {
      if (depth > MAX_DEPTH) fail('nested too deeply');
      if (pos >= data.length) fail('truncated');
      const c = data[pos] as number;
      if (c === 0x69) {
        pos++;
        const neg = data[pos] === 0x2d;
        if (neg) pos++;
        const n = readUint(0x65);
        if (neg && n === 0) fail('negative zero');
        if (!Number.isSafeInteger(n)) fail('integer too large');
        return neg ? -n : n;
      }
      if (c === 0x6c) {
        pos++;
        const list: BValue[] = [];
        while (pos < data.length && data[pos] !== 0x65) list.push(readValue(depth + 1));
        if (pos >= data.length) fail('unterminated list');
        pos++;
        return list;
      }
      if (c === 0x64) {
        pos++;
        const dict: { [key: string]: BValue } = Object.create(null) as { [key: string]: BValue };
        while (pos < data.length && data[pos] !== 0x65) {
          const key = bytesToUtf8(readString());
          dict[key] = readValue(depth + 1);
        }
        if (pos >= data.length) fail('unterminated dict');
        pos++;
        return dict;
      }
      if (c >= 0x30 && c <= 0x39) return readString();
      return fail('unexpected byte');
    };
    const v = readValue(0);
    if (pos !== data.length) fail('trailing data');
    return v;
  });
}
