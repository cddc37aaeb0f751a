// The scenarios of libsession's tests/test_configdata.cpp (pruning, diffs, the merge-logic
// document's examples 1–4, deserialization), rebuilt with this module's API. The expected bytes
// and hashes are the upstream test's.
import { loadProtocol } from '../../../../ts/protocol/primitives/sodium';
import { blake2b } from '../../../../ts/protocol/primitives/hash';
import { ConfigMessage, parseConfigMessage } from '../../../../ts/protocol/config/configMessage';
import { mergeConfigMessages } from '../../../../ts/protocol/config/merge';
import { BtWriter } from '../../../../ts/protocol/config/bt';
import { writeDiff, type ConfigDiff } from '../../../../ts/protocol/config/diff';
import {
  ConfigData,
  ConfigSet,
  binaryFromBytes,
  binaryFromHex,
  bytesFromBinary,
  type ConfigDict,
  type ConfigValue,
} from '../../../../ts/protocol/config/data';
import { toHex } from '../helpers';

beforeAll(loadProtocol);

type Plain = number | string | Plain[] | { [k: string]: Plain };
/** Builds config data from a plain object: numbers → ints, arrays → sets, objects → dicts. */
function v(x: Plain): ConfigValue {
  if (typeof x === 'number') return BigInt(x);
  if (typeof x === 'string') return x;
  if (Array.isArray(x)) return ConfigSet.of(x.map((e) => v(e) as bigint | string));
  return new Map(Object.entries(x).map(([k, e]) => [k, v(e)]));
}
const dict = (x: { [k: string]: Plain }): ConfigDict => v(x) as ConfigDict;

const bin = (m: ConfigMessage): string => binaryFromBytes(m.serialize());
const diffText = (d: ConfigDiff): string => {
  const w = new BtWriter();
  writeDiff(w, d);
  return w.toBinary();
};
const h = (hexStr: string): string => binaryFromHex(hexStr);
const H = (s: string): string => binaryFromBytes(blake2b(bytesFromBinary(s), 32));
const parse = (s: string): ConfigMessage => {
  const r = parseConfigMessage(bytesFromBinary(s));
  if (!r.ok) throw r.error;
  return r.value;
};
const merge = (msgs: Array<ConfigMessage | string>, fromDirty = false): ConfigMessage => {
  const r = mergeConfigMessages(
    msgs.map((m) => (typeof m === 'string' ? bytesFromBinary(m) : m.serialize())),
    { fromDirty },
  );
  if (!r.ok) throw r.error;
  return r.value.message;
};
const isMerged = (msgs: ConfigMessage[]): boolean => {
  const r = mergeConfigMessages(msgs.map((m) => m.serialize()));
  if (!r.ok) throw r.error;
  return r.value.merged;
};

test('config pruning', () => {
  const m = ConfigMessage.create();
  const root = m.edit().root;
  root.set('a', 123n);
  m.diff();
  expect(m.data.equals(new ConfigData(dict({ a: 123 })))).toBe(true);
  root.set('b', new Map());
  m.diff();
  expect(m.data.equals(new ConfigData(dict({ a: 123 })))).toBe(true);
  root.set('b', new Map());
  root.set('c', dict({ a: 1 }));
  root.set('d', v([42]));
  root.set('e', new ConfigSet());
  m.diff();
  expect(m.data.equals(new ConfigData(dict({ a: 123, c: { a: 1 }, d: [42] })))).toBe(true);
  root.set('b', new Map());
  root.set('e', new ConfigSet());
  root.set('f', new Map<string, ConfigValue>([['a', 1n], ['b', new ConfigSet()]]));
  root.set('g', dict({ a: { a: { a: {} } } }));
  expect(root.size).toBe(7);
  m.diff();
  expect(m.data.equals(new ConfigData(dict({ a: 123, c: { a: 1 }, d: [42], f: { a: 1 } })))).toBe(true);
});

test('config diff', () => {
  const m = ConfigMessage.create();
  const root = m.edit().root;
  root.set('foo', 123n);
  root.set('empty', new ConfigSet());
  root.set('empty2', new Map());
  root.set('bar', dict({ asdf: 123, xyz: 'abc', '': ['a', 'b', 42] }));
  root.set('z', new Map());
  expect(m.seqno).toBe(0);
  expect(diffText(m.diff())).toBe('d3:bard0:lli42e1:a1:belee4:asdf0:3:xyz0:e3:foo0:e');

  const m1 = m.increment();
  expect(m1.seqno).toBe(1);
  expect(m1.diff().size).toBe(0);
  m1.edit().erase(['foo']);
  expect(diffText(m1.diff())).toBe('d3:foo1:-e');

  const m2 = m1.increment();
  expect(m2.seqno).toBe(2);
  expect(m2.diff().size).toBe(0);
  const d = m2.edit();
  d.setInt(['foo'], 123);
  d.setInt(['bar', 'xyz'], 42);
  d.setInt(['bar', 'a'], 42);
  d.setAdd(['bar', ''], 'c');
  d.setAdd(['bar', ''], 99);
  d.setRemove(['bar', ''], 'b');
  d.setAdd(['bar', ''], 42);
  expect(diffText(m2.diff())).toBe('d3:bard0:lli99e1:cel1:bee1:a0:3:xyz0:e3:foo0:e');
});

const data118 = (): ConfigDict =>
  dict({
    dictB: { changed: -1, foo: 123, removed: 'x', removed2: 'y' },
    dictC: { x: { y: 1 } },
    good: [99, 456, 'bar'],
    great: [-42, 'omg'],
    int0: -9999,
    int1: 100,
    string1: 'hello',
    string2: 'goodbye',
  });

const h119 = h('43094f68c1faa37eff79e1c2f3973ffd5f9d6423b00ccda306fc6e7dac5f0c44');
const h120 = h('e3a237f91014d31e4d30569c4a8bfcd72157804f99b8732c611c48bf126432b5');
const h121 = h('1a7f602055124deaf21175ef3f32983dee7c9de570e5d9c9a0bbc2db71dcb97f');
const h122 = h('46560604fe352101bb869435260d7100ccfe007be5f741c7e96303f02f394e8a');
const h123 = h('d9398c597b058ac7e28e3febb76ed68eb8c5b6c369610562ab5f2b596775d73c');
const h124 = h('8b73f316178765b9b3b37168e865c84bb5a78610cbb59b84d0fa4d3b4b3c102b');
const h125a = h('80f229c3667de6d0fa6f96b53118e097fbda82db3ca1aea221a3db91ea9c45fb');
const h125b = h('ab12f0efe9a9ed00db6b17b44ae0ff36b9f49094077fb114f415522f2a0e98de');

const data123 =
  'd5:dictBd7:changedi-1e3:fooi123e7:removed1:x8:removed21:ye5:dictCd1:xd1:yi1eee' +
  '4:goodli99ei456e3:bare5:greatli-42e3:omge4:int1i1e4:int2i2e7:string15:hello7:string27:goodbyee';
const diff123 = 'd4:int01:-4:int10:4:int20:e';
const m123Expected =
  'd1:#i123e1:&' +
  data123 +
  `1:<l` +
  `li119e32:${h119}dee` +
  `li120e32:${h120}dee` +
  `li121e32:${h121}dee` +
  `li122e32:${h122}dee` +
  `e1:=${diff123}e`;

const data124 =
  'd5:dictAd7:goodbyeli123ei456ee5:helloi123ee' +
  '5:dictBd5:addedi9999e7:changedi1e3:fooi123e6:nestedd1:ai1eee' +
  '4:goodli99ei123e3:Foo3:bare4:int1i42e4:int2i2e7:string25:hello7:string33:omge';
const diff124 =
  'd5:dictAd7:goodbyelli123ei456eelee5:hello0:e' +
  '5:dictBd5:added0:7:changed0:6:nestedd1:a0:e7:removed1:-8:removed21:-e' +
  '5:dictCd1:xd1:y1:-ee' +
  '4:goodlli123e3:Fooeli456eee' +
  '5:greatlleli-42e3:omgee' +
  '4:int10:7:string11:-7:string20:7:string30:e';

function updates124(m: ConfigMessage): void {
  const d = m.edit();
  d.set(['dictA'], dict({ hello: 123, goodbye: [123, 456] }));
  d.setInt(['dictB', 'changed'], 1);
  d.setInt(['dictB', 'added'], 9999);
  d.set(['dictB', 'nested'], dict({ a: 1 }));
  d.erase(['dictB', 'removed']);
  d.erase(['dictB', 'removed2']);
  d.erase(['dictC']);
  d.setAdd(['good'], 'Foo');
  d.setRemove(['good'], 456);
  d.setAdd(['good'], 123);
  d.setInt(['int1'], 42);
  d.erase(['string1']);
  d.setBinary(['string2'], 'hello');
  d.setBinary(['string3'], 'omg');
  d.erase(['great']);
}

/** `MutableConfigMessage{m123_expected}`: load one message, then increment. */
const mutableFrom = (s: string): ConfigMessage => merge([s], true);

test('config message example 1 (ordinary update)', () => {
  const m118 = ConfigMessage.create({ seqno: 118, lag: 5 });
  expect(m118.seqno).toBe(118);
  expect(m118.lag).toBe(5);
  for (const [k, val] of data118()) m118.edit().set([k], val);
  const m118Expected =
    'd1:#i118e1:&' +
    'd5:dictBd7:changedi-1e3:fooi123e7:removed1:x8:removed21:ye5:dictCd1:xd1:yi1eee' +
    '4:goodli99ei456e3:bare5:greatli-42e3:omge4:int0i-9999e4:int1i100e7:string15:hello7:string27:goodbyee' +
    '1:<le1:=' +
    'd5:dictBd7:changed0:3:foo0:7:removed0:8:removed20:e5:dictCd1:xd1:y0:ee' +
    '4:goodlli99ei456e3:barelee5:greatlli-42e3:omgelee4:int00:4:int10:7:string10:7:string20:e' +
    'e';
  expect(bin(m118)).toBe(m118Expected);
  expect(toHex(m118.hash())).toBe(toHex(bytesFromBinary(H(m118Expected))));

  let m = m118.increment();
  expect(m.seqno).toBe(119);
  expect(m.hashBinary()).toBe(h119);
  m = m.increment();
  expect(m.hashBinary()).toBe(h120);
  m = m.increment();
  expect(m.hashBinary()).toBe(h121);
  m = m.increment();
  expect(m.seqno).toBe(122);
  expect(m.hashBinary()).toBe(h122);
  m = m.increment();
  const d = m.edit();
  d.setInt(['int1'], 1);
  d.setInt(['int2'], 2);
  d.erase(['int0']);
  expect(d.setBinary(['string1'], 'hello')).toBe(false); // unchanged: not in the diff
  expect(bin(m)).toBe(m123Expected);
});

test('config message deserialization', () => {
  const m = parse(m123Expected);
  expect(m.seqno).toBe(123);
  expect(m.hashBinary()).toBe(h123);
  expect(diffText(m.diff())).toBe(diff123);
  expect(m.signature).toBeNull();
  const expected = new ConfigData(data118());
  expected.setInt(['int1'], 1);
  expected.erase(['int0']);
  expected.setInt(['int2'], 2);
  expect(m.data.equals(expected)).toBe(true);

  const r = mergeConfigMessages([bytesFromBinary(m123Expected)], { fromDirty: true });
  if (!r.ok) throw r.error;
  expect(r.value.merged).toBe(false);
  const mut = r.value.message;
  expect(mut.seqno).toBe(124);
  expect(toHex(mut.hash())).toBe('3ea36410cf7086ce816eb193b0c94e88632abfb75771d82f8ddb3a909124c580');
  expect(mut.diff().size).toBe(0);
  expect(mut.signature).toBeNull();
  expect(bin(mut)).toBe(
    'd1:#i124e1:&' +
      data123 +
      `1:<l` +
      `li120e32:${h120}dee` +
      `li121e32:${h121}dee` +
      `li122e32:${h122}dee` +
      `li123e32:${h123}${diff123}e` +
      'e1:=dee',
  );
});

test('config message empty set/dict deserialization is refused', () => {
  for (const [bad, why] of [
    ['d1:#i0e1:&d0:lee1:<le1:=dee', /empty set/],
    ['d1:#i0e1:&d0:dee1:<le1:=dee', /empty dict/],
  ] as const) {
    const r = parseConfigMessage(bytesFromBinary(bad));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.detail).toMatch(why);
    const viaMerge = mergeConfigMessages([bytesFromBinary(bad)], { fromDirty: true });
    expect(viaMerge.ok).toBe(false);
  }
});

test('config message example 2 (large, ordinary update)', () => {
  const m = mutableFrom(m123Expected);
  expect(m.seqno).toBe(124);
  updates124(m);
  expect(bin(m)).toBe(
    'd1:#i124e1:&' +
      data124 +
      '1:<l' +
      `li120e32:${h120}dee` +
      `li121e32:${h121}dee` +
      `li122e32:${h122}dee` +
      `li123e32:${H(m123Expected)}${diff123}e` +
      `e1:=${diff124}e`,
  );
  expect(m.hashBinary()).toBe(h124);
});

const data126 =
  'd5:dictAd7:goodbyeli123ei456ee5:helloi123ee' +
  '5:dictBd5:addedi9999e7:changedi1e6:nestedd1:ai1eee' +
  '4:goodli99ei123e3:Foo3:bare4:int1i5e4:int2i2e7:string25:hello7:string33:omge';
const m126Expected =
  'd1:#i126e1:&' +
  data126 +
  '1:<l' +
  `li122e32:${h122}dee` +
  `li123e32:${h123}${diff123}e` +
  `li124e32:${h124}${diff124}e` +
  `li125e32:${h125a}d5:dictBd3:foo1:-eee` +
  `li125e32:${h125b}d4:int10:ee` +
  'e1:=dee';

test('config message example 3 (simple conflict)', () => {
  const m124 = mutableFrom(m123Expected);
  updates124(m124);
  expect(m124.hashBinary()).toBe(h124);
  const m125a = m124.increment();
  expect(m125a.seqno).toBe(125);
  m125a.edit().erase(['dictB', 'foo']);
  const m125b = m124.increment();
  m125b.edit().setInt(['int1'], 5);
  expect(m125a.hashBinary()).toBe(h125a);
  expect(m125b.hashBinary()).toBe(h125b);
  expect(h125a < h125b).toBe(true);

  const r = mergeConfigMessages([m125a.serialize(), m125b.serialize()]);
  if (!r.ok) throw r.error;
  expect(r.value.merged).toBe(true);
  const m = r.value.message;
  expect(m.seqno).toBe(126);
  expect(
    m.data.equals(
      new ConfigData(
        dict({
          dictA: { goodbye: [123, 456], hello: 123 },
          dictB: { added: 9999, changed: 1, nested: { a: 1 } },
          good: [99, 123, 'Foo', 'bar'],
          int1: 5,
          int2: 2,
          string2: 'hello',
          string3: 'omg',
        }),
      ),
    ),
  ).toBe(true);
  expect(bin(m)).toBe(m126Expected);

  // Order of arrival, an already-included message and a too-old one make no difference.
  expect(bin(merge([m125b, m125a]))).toBe(m126Expected);
  expect(bin(merge([m124, m125b, m125a]))).toBe(m126Expected);
  expect(bin(merge([m125b, m125a, m124]))).toBe(m126Expected);
  const m120b = ConfigMessage.create({ seqno: 118, lag: 5 }).increment().increment();
  m120b.edit().setBinary(['too old'], "won't see");
  expect(bin(merge([m125b, m120b, m125a]))).toBe(m126Expected);
});

test('config message example 4 (complex conflict resolution)', () => {
  const m123 = parse(m123Expected);
  const m124a = m123.increment();
  m124a.edit().setInt(['dictB', 'foo'], 66);
  m124a.edit().setInt(['dictB', 'answer'], 42);
  const m124b = m123.increment();
  updates124(m124b);
  expect(m124b.hashBinary()).toBe(h124);
  const m125a = m124b.increment();
  m125a.edit().erase(['dictB', 'foo']);
  const m125b = m124b.increment();
  m125b.edit().setInt(['int1'], 5);

  const m126a = merge([m125a, m125b]);
  const m120b = ConfigMessage.create({ seqno: 118, lag: 5 }).increment().increment();
  m120b.edit().setBinary(['too old'], "won't see");
  const m126b = merge([m125b, m124a, m125a, m123, m120b]);
  expect(m124a.hashBinary() < m124b.hashBinary()).toBe(true);
  expect(m126a.hashBinary() < m126b.hashBinary()).toBe(true);

  const m127 = merge([m126a, m126b], true);
  m127.edit().setAdd(['dictA', 'goodbye'], 789);
  expect(m127.seqno).toBe(127);
  expect(
    m127.data.equals(
      new ConfigData(
        dict({
          dictA: { goodbye: [123, 456, 789], hello: 123 },
          dictB: { added: 9999, answer: 42, changed: 1, nested: { a: 1 } },
          good: [99, 123, 'Foo', 'bar'],
          int1: 5,
          int2: 2,
          string2: 'hello',
          string3: 'omg',
        }),
      ),
    ),
  ).toBe(true);
  const data127 =
    'd5:dictAd7:goodbyeli123ei456ei789ee5:helloi123ee' +
    '5:dictBd5:addedi9999e6:answeri42e7:changedi1e6:nestedd1:ai1eee' +
    '4:goodli99ei123e3:Foo3:bare4:int1i5e4:int2i2e7:string25:hello7:string33:omge';
  expect(bin(m127)).toBe(
    'd1:#i127e1:&' +
      data127 +
      '1:<l' +
      `li123e32:${h123}${diff123}e` +
      `li124e32:${m124a.hashBinary()}d5:dictBd6:answer0:3:foo0:eee` +
      `li124e32:${h124}${diff124}e` +
      `li125e32:${h125a}d5:dictBd3:foo1:-eee` +
      `li125e32:${h125b}d4:int10:ee` +
      `li126e32:${m126a.hashBinary()}dee` +
      `li126e32:${m126b.hashBinary()}dee` +
      'e1:=d5:dictAd7:goodbyelli789eeleeeee',
  );

  const alt = mergeConfigMessages([m127.serialize(), m125a.serialize(), m126b.serialize()]);
  if (!alt.ok) throw alt.error;
  expect(alt.value.message.seqno).toBe(127);
  expect(alt.value.message.hashBinary()).toBe(m127.hashBinary());
  expect(alt.value.merged).toBe(false);
  expect(alt.value.adoptedIndex).toBe(0);
  expect(alt.value.redundant).toEqual([false, true, true]);
  expect(isMerged([m126a, m126b])).toBe(true);
});
