// The config data model: binary keys, int64 values, sorted sets, pruning of empty containers.
import {
  ConfigData,
  ConfigSet,
  INT64_MAX,
  INT64_MIN,
  binaryFromBytes,
  binaryFromHex,
  binaryFromUtf8,
  bytesFromBinary,
  compareScalar,
  hexFromBinary,
  utf8FromBinary,
  type ConfigDict,
  type ConfigValue,
} from '../../../../ts/protocol/config/data';
import { ProtocolError } from '../../../../ts/protocol/primitives/errors';

const SID = binaryFromHex('05' + 'ab'.repeat(32));

describe('binary strings', () => {
  test('bytes, hex and UTF-8 convert both ways', () => {
    const bytes = new Uint8Array([0, 1, 0x7f, 0x80, 0xff]);
    const b = binaryFromBytes(bytes);
    expect(b.length).toBe(5);
    expect(bytesFromBinary(b)).toEqual(bytes);
    expect(hexFromBinary(b)).toBe('00017f80ff');
    expect(binaryFromHex('00017F80FF')).toBe(b);
    const text = 'Kallie ☃ 😀';
    const enc = binaryFromUtf8(text);
    expect(bytesFromBinary(enc)).toEqual(new TextEncoder().encode(text));
    expect(utf8FromBinary(enc)).toBe(text);
    // Invalid UTF-8 decodes leniently.
    expect(utf8FromBinary('\xff')).toBe('\ufffd');
  });

  test('long values convert without overflowing the call stack', () => {
    const big = new Uint8Array(200_000).map((_, i) => i & 0xff);
    expect(Buffer.from(bytesFromBinary(binaryFromBytes(big))).equals(Buffer.from(big))).toBe(true);
  });

  test('bad input is a typed error', () => {
    expect(() => binaryFromHex('0')).toThrow(ProtocolError);
    expect(() => bytesFromBinary('☃')).toThrow(ProtocolError);
  });

  test('string order is byte order', () => {
    const keys = ['\x80', 'a', '\x00', 'B', '\xff', 'ab', ''];
    const sorted = [...keys].sort();
    const byBytes = [...keys].sort((x, y) => Buffer.compare(Buffer.from(bytesFromBinary(x)), Buffer.from(bytesFromBinary(y))));
    expect(sorted).toEqual(byBytes);
  });
});

describe('ConfigSet', () => {
  test('keeps ints first (numerically) then strings by bytes, unique', () => {
    const s = ConfigSet.of(['b', 10n, 'a', -5n, 10n, '\x80', 'a', 2n]);
    expect(s.values()).toEqual([-5n, 2n, 10n, 'a', 'b', '\x80']);
    expect(s.size).toBe(6);
    expect(s.add(2n)).toBe(false);
    expect(s.delete(2n)).toBe(true);
    expect(s.has(2n)).toBe(false);
    expect(s.delete('zz')).toBe(false);
    expect(compareScalar(INT64_MAX, '')).toBe(-1);
  });

  test('rejects values outside int64', () => {
    expect(() => ConfigSet.of([INT64_MAX + 1n])).toThrow(ProtocolError);
    expect(() => ConfigSet.of([INT64_MIN])).not.toThrow();
  });
});

describe('ConfigData', () => {
  test('get/set ints, strings and bytes at key paths', () => {
    const d = new ConfigData();
    expect(d.isEmpty).toBe(true);
    expect(d.setString(['n'], 'Kallie')).toBe(true);
    expect(d.setString(['n'], 'Kallie')).toBe(false); // unchanged
    expect(d.setInt(['c', SID, '+'], 3)).toBe(true);
    expect(d.setBytes(['c', SID, 'q'], new Uint8Array([1, 2, 3]))).toBe(true);
    expect(d.getString(['n'])).toBe('Kallie');
    expect(d.getInt(['c', SID, '+'])).toBe(3);
    expect(d.getBigInt(['c', SID, '+'])).toBe(3n);
    expect(d.getBytes(['c', SID, 'q'])).toEqual(new Uint8Array([1, 2, 3]));
    // Wrong type reads as absent.
    expect(d.getInt(['n'])).toBeUndefined();
    expect(d.getString(['c', SID, '+'])).toBeUndefined();
    expect(d.getInt(['missing', 'x'])).toBeUndefined();
    expect(d.keys([])).toEqual(['c', 'n']);
    expect(d.keys(['c'])).toEqual([SID]);
    expect(d.keys(['n'])).toEqual([]);
    expect(d.getDict(['c', SID])?.size).toBe(2);
  });

  test('ints beyond 2^53 are kept exactly', () => {
    const d = new ConfigData();
    d.setInt(['x'], INT64_MAX);
    d.setInt(['y'], INT64_MIN);
    expect(d.getBigInt(['x'])).toBe(9223372036854775807n);
    expect(d.getBigInt(['y'])).toBe(-9223372036854775808n);
    expect(() => d.setInt(['z'], 2 ** 53)).toThrow(ProtocolError);
    expect(() => d.setInt(['z'], 1.5)).toThrow(ProtocolError);
    expect(() => d.setInt(['z'], INT64_MAX + 1n)).toThrow(ProtocolError);
  });

  test('empty strings are values; empty paths and non-binary keys are refused', () => {
    const d = new ConfigData();
    expect(d.setString(['c', SID, 'n'], '')).toBe(true);
    expect(d.getString(['c', SID, 'n'])).toBe('');
    expect(d.has(['c', SID])).toBe(true);
    expect(() => d.setInt([], 1)).toThrow(ProtocolError);
    expect(() => d.set(['x'], new Map<string, ConfigValue>([['☃', 1n]]))).toThrow(ProtocolError);
    expect(() => d.set(['x'], new Map<string, ConfigValue>([['k', '☃']]))).toThrow(ProtocolError);
    expect(() => d.set(['x'], 2n ** 63n)).toThrow(ProtocolError);
    expect(d.has(['x'])).toBe(false);
    expect(() => d.setInt(['☃'], 1)).toThrow(ProtocolError);
  });

  test('erase prunes the dicts it leaves empty, but never the root', () => {
    const d = new ConfigData();
    d.setInt(['a', 'b', 'c'], 1);
    d.setInt(['a', 'x'], 2);
    expect(d.erase(['a', 'b', 'c'])).toBe(true);
    expect(d.has(['a', 'b'])).toBe(false);
    expect(d.getInt(['a', 'x'])).toBe(2);
    expect(d.erase(['a', 'x'])).toBe(true);
    expect(d.has(['a'])).toBe(false);
    expect(d.isEmpty).toBe(true);
    expect(d.erase(['a', 'x'])).toBe(false);
    expect(d.erase(['nothing'])).toBe(false);
  });

  test('setting through a scalar replaces it with a dict (a type change)', () => {
    const d = new ConfigData();
    d.setInt(['a'], 1);
    expect(d.setInt(['a', 'b'], 2)).toBe(true);
    expect(d.getInt(['a'])).toBeUndefined();
    expect(d.getInt(['a', 'b'])).toBe(2);
    expect(d.setString(['a'], 'x')).toBe(true);
    expect(d.getString(['a'])).toBe('x');
  });

  test('set add/remove/has/list with pruning', () => {
    const d = new ConfigData();
    expect(d.setAdd(['g', 'm'], 'zed')).toBe(true);
    expect(d.setAdd(['g', 'm'], 5)).toBe(true);
    expect(d.setAdd(['g', 'm'], 5n)).toBe(false);
    expect(d.setAdd(['g', 'm'], 'abc')).toBe(true);
    expect(d.setValues(['g', 'm'])).toEqual([5n, 'abc', 'zed']);
    expect(d.setHas(['g', 'm'], 'abc')).toBe(true);
    expect(d.setHas(['g', 'm'], 6)).toBe(false);
    expect(d.setRemove(['g', 'm'], 'nope')).toBe(false);
    expect(d.setRemove(['g', 'm'], 5)).toBe(true);
    expect(d.setRemove(['g', 'm'], 'abc')).toBe(true);
    expect(d.setRemove(['g', 'm'], 'zed')).toBe(true);
    expect(d.has(['g'])).toBe(false);
    expect(d.setValues(['g', 'm'])).toEqual([]);
  });

  test('setting an empty dict or set erases; set() deep-copies and prunes', () => {
    const d = new ConfigData();
    d.setInt(['a', 'b'], 1);
    expect(d.set(['a'], new Map())).toBe(true);
    expect(d.has(['a'])).toBe(false);
    expect(d.set(['s'], new ConfigSet())).toBe(false);
    const inner: ConfigDict = new Map<string, ConfigValue>([
      ['k', 1n],
      ['empty', new Map()],
    ]);
    expect(d.set(['x'], inner)).toBe(true);
    inner.set('k', 2n);
    expect(d.getInt(['x', 'k'])).toBe(1);
    expect(d.has(['x', 'empty'])).toBe(false);
  });

  test('clone is deep and equals compares structure', () => {
    const d = new ConfigData();
    d.setInt(['a', 'b'], 1);
    d.setAdd(['s'], 'x');
    const c = d.clone();
    expect(c.equals(d)).toBe(true);
    c.setInt(['a', 'b'], 2);
    c.setAdd(['s'], 'y');
    expect(d.getInt(['a', 'b'])).toBe(1);
    expect(d.setValues(['s'])).toEqual(['x']);
    expect(c.equals(d)).toBe(false);
  });
});
