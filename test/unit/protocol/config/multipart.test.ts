// Multipart configs (spec advanced B.6 step 6): the part framing built by hand from the spec, split and
// reassembly in every arrival order, and the collector's rules (duplicates, mismatches, hash check,
// expiry by explicit timestamps, eviction, saved state).
import {
  MAX_CONFIG_MESSAGE_SIZE,
  MULTIPART_MAX_CHUNK,
  MultipartCollector,
  blake2b,
  bytesToHex,
  concatBytes,
  decodeMultipartPart,
  encodeMultipartPart,
  encryptConfig,
  loadProtocol,
  padConfigMessage,
  sodium,
  splitMultipart,
  utf8ToBytes,
  type CollectOutcome,
  type ConfigPart,
  type Result,
} from '../../../../ts/protocol';
import { toHex } from '../helpers';

beforeAll(loadProtocol);

const ascii = (s: string): Uint8Array => utf8ToBytes(s);

/** A bt-dict config message with an incompressible string of `n` bytes, padded like a push. */
function bigPadded(n: number, seed = 1): { message: Uint8Array; padded: Uint8Array } {
  const blob = sodium().randombytes_buf_deterministic(n, new Uint8Array(32).fill(seed));
  const message = concatBytes(ascii(`d1:#i7e1:&d1:x${n}:`), blob, ascii('e1:<le1:=dee'));
  return { message, padded: padConfigMessage(message) };
}

function decodeAll(parts: Uint8Array[]): ConfigPart[] {
  return parts.map((p) => {
    const r = decodeMultipartPart(p);
    if (!r.ok) throw r.error;
    return r.value;
  });
}

/** Asserts a complete outcome; typed arrays are compared as hex (jest's deep equality is slow on 100 KB). */
function expectComplete(r: Result<CollectOutcome>, message: Uint8Array, hashes: string[]): void {
  if (!r.ok) throw r.error;
  expect(r.value.kind).toBe('complete');
  if (r.value.kind !== 'complete') return;
  expect(toHex(r.value.plaintext)).toBe(toHex(message));
  expect(r.value.hashes).toEqual(hashes);
}

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

describe('part framing', () => {
  test('a part written by hand from the spec framing decodes, and encoding gives the same bytes', () => {
    const hash = blake2b(ascii('whole padded config'), 32);
    const data = ascii('chunk-data');
    // "m" || l 32:<hash> 1:<index> 1:<count> <len>:<chunk> e
    const hand = concatBytes(ascii('ml32:'), hash, ascii('1:'), new Uint8Array([1]), ascii('1:'), new Uint8Array([3]), ascii('10:'), data, ascii('e'));
    const r = decodeMultipartPart(hand);
    expect(r.ok && r.value).toEqual({ hash, index: 1, count: 3, data });
    expect(encodeMultipartPart({ hash, index: 1, count: 3, data })).toEqual(hand);
  });

  test('malformed parts are refused as config_multipart_invalid', () => {
    const hash = new Uint8Array(32).fill(9);
    const one = new Uint8Array([1]);
    const two = new Uint8Array([2]);
    const d = ascii('xyz');
    const framed = (items: Uint8Array[], tail = ''): Uint8Array =>
      concatBytes(ascii('ml'), ...items.map((x) => concatBytes(ascii(`${x.length}:`), x)), ascii(`e${tail}`));
    const cases: [string, Uint8Array][] = [
      ['no m prefix', framed([hash, one, two, d]).subarray(1)],
      ['empty', new Uint8Array(0)],
      ['not a list', concatBytes(ascii('m'), ascii('3:abc'))],
      ['three items', framed([hash, one, two])],
      ['five items', framed([hash, one, two, d, d])],
      ['short hash', framed([hash.subarray(1), one, two, d])],
      ['two-byte index', framed([hash, new Uint8Array([0, 1]), two, d])],
      ['integer index', concatBytes(ascii('ml32:'), hash, ascii('i1e1:'), two, ascii('3:xyze'))],
      ['count 1', framed([hash, new Uint8Array([0]), one, d])],
      ['index = count', framed([hash, two, two, d])],
      ['empty chunk', framed([hash, one, two, new Uint8Array(0)])],
      ['trailing bytes', framed([hash, one, two, d], 'x')],
      ['unterminated', framed([hash, one, two, d]).subarray(0, 45)],
      ['larger than a message', concatBytes(ascii('ml32:'), hash, ascii('1:'), one, ascii('1:'), two, ascii('76800:'), new Uint8Array(76800), ascii('e'))],
    ];
    for (const [what, bytes] of cases) {
      const r = decodeMultipartPart(bytes);
      expect([what, !r.ok && r.error.kind]).toEqual([what, 'config_multipart_invalid']);
    }
  });

  test('encoding refuses impossible parts', () => {
    const hash = new Uint8Array(32);
    expect(() => encodeMultipartPart({ hash, index: 0, count: 1, data: ascii('a') })).toThrow();
    expect(() => encodeMultipartPart({ hash, index: 2, count: 2, data: ascii('a') })).toThrow();
    expect(() => encodeMultipartPart({ hash, index: 0, count: 256, data: ascii('a') })).toThrow();
    expect(() => encodeMultipartPart({ hash: hash.subarray(1), index: 0, count: 2, data: ascii('a') })).toThrow();
    expect(() => encodeMultipartPart({ hash, index: 0, count: 2, data: new Uint8Array(0) })).toThrow();
  });
});

describe('split', () => {
  test('full parts encrypt to exactly the 76,800-byte message limit; the chunks concatenate to P', () => {
    const { padded } = bigPadded(200_000);
    const parts = splitMultipart(padded);
    expect(parts).toHaveLength(Math.ceil(padded.length / MULTIPART_MAX_CHUNK));
    const decoded = decodeAll(parts);
    decoded.forEach((p, i) => {
      expect(p.index).toBe(i);
      expect(p.count).toBe(parts.length);
      expect(p.hash).toEqual(blake2b(padded, 32));
    });
    expect(toHex(concatBytes(...decoded.map((p) => p.data)))).toBe(toHex(padded));
    for (const p of parts.slice(0, -1)) expect(encryptConfig(new Uint8Array(32), 'Contacts', p).length).toBe(MAX_CONFIG_MESSAGE_SIZE);
    expect(encryptConfig(new Uint8Array(32), 'Contacts', parts[parts.length - 1]!).length).toBeLessThan(MAX_CONFIG_MESSAGE_SIZE);
  });

  test('only configs beyond one chunk are split, and at most 255 parts', () => {
    expect(() => splitMultipart(new Uint8Array(MULTIPART_MAX_CHUNK))).toThrow();
    expect(splitMultipart(new Uint8Array(MULTIPART_MAX_CHUNK + 1))).toHaveLength(2);
    expect(() => splitMultipart(new Uint8Array(255 * MULTIPART_MAX_CHUNK + 1))).toThrow(expect.objectContaining({ kind: 'config_too_large' }));
  });
});

describe('collector', () => {
  const T0 = 1_700_000_000_000;

  test('reassembles in every arrival order, with the swarm hashes in index order', () => {
    const { message, padded } = bigPadded(160_000, 2);
    const parts = decodeAll(splitMultipart(padded));
    expect(parts).toHaveLength(3);
    for (const order of permutations([0, 1, 2])) {
      const c = new MultipartCollector();
      const outcomes = order.map((i, k) => c.add(parts[i]!, `hash${i}`, T0 + k));
      expect(outcomes[0]).toEqual({ ok: true, value: { kind: 'pending', received: 1, count: 3 } });
      expect(outcomes[1]).toEqual({ ok: true, value: { kind: 'pending', received: 2, count: 3 } });
      expectComplete(outcomes[2], message, ['hash0', 'hash1', 'hash2']);
    }
  });

  test('duplicates before and after completion are ignored', () => {
    const { padded } = bigPadded(100_000, 3);
    const [a, b] = decodeAll(splitMultipart(padded));
    const c = new MultipartCollector();
    expect(c.add(a!, 'h0', T0).ok).toBe(true);
    expect(c.add(a!, 'h0-again', T0 + 1)).toEqual({ ok: true, value: { kind: 'duplicate' } });
    expect(c.pendingHashes(T0 + 1)).toEqual(['h0']);
    expect(c.add(b!, 'h1', T0 + 2).ok && 'complete').toBe('complete');
    expect(c.add(b!, 'h1', T0 + 3)).toEqual({ ok: true, value: { kind: 'duplicate' } });
    expect(c.add(a!, 'h0', T0 + 4)).toEqual({ ok: true, value: { kind: 'duplicate' } });
    expect(c.pendingHashes(T0 + 4)).toEqual([]);
  });

  test('a part whose count differs from its set is refused', () => {
    const hash = new Uint8Array(32).fill(1);
    const c = new MultipartCollector();
    expect(c.add({ hash, index: 0, count: 3, data: ascii('a') }, 'h0', T0).ok).toBe(true);
    const r = c.add({ hash, index: 1, count: 4, data: ascii('b') }, 'h1', T0);
    expect(!r.ok && r.error.kind).toBe('config_multipart_mismatch');
  });

  test('an assembled set with the wrong hash is refused and dropped, so a good copy still completes', () => {
    const { message, padded } = bigPadded(100_000, 4);
    const [a, b] = decodeAll(splitMultipart(padded));
    const tampered = { ...b!, data: b!.data.slice() };
    tampered.data[100] ^= 1;
    const c = new MultipartCollector();
    c.add(a!, 'h0', T0);
    const r = c.add(tampered, 'h1', T0);
    expect(!r.ok && r.error.kind).toBe('config_multipart_hash_mismatch');
    expect(c.pendingSets).toBe(0);
    c.add(a!, 'h0', T0 + 1);
    expectComplete(c.add(b!, 'h1', T0 + 2), message, ['h0', 'h1']);
  });

  test('an assembled set that is not a config is refused with the payload reason', () => {
    const junk = padConfigMessage(concatBytes(ascii('x'), new Uint8Array(90_000).fill(5)));
    const c = new MultipartCollector();
    const outcomes = decodeAll(splitMultipart(junk)).map((p, i) => c.add(p, `h${i}`, T0));
    const last = outcomes[outcomes.length - 1]!;
    expect(!last.ok && last.error.kind).toBe('config_unknown_format');
  });

  test('incomplete sets expire after maxWaitMs from their newest part (explicit timestamps)', () => {
    const { message, padded } = bigPadded(160_000, 5);
    const [a, b, d] = decodeAll(splitMultipart(padded));
    const c = new MultipartCollector({ maxWaitMs: 1000 });
    c.add(a!, 'h0', T0);
    c.add(b!, 'h1', T0 + 900); // extends the wait to T0 + 1900
    expect(c.pendingHashes(T0 + 1900)).toEqual(['h0', 'h1']);
    expect(c.pendingHashes(T0 + 1901)).toEqual([]);
    // The last part alone after expiry starts a new set.
    expect(c.add(d!, 'h2', T0 + 2000)).toEqual({ ok: true, value: { kind: 'pending', received: 1, count: 3 } });
    c.add(a!, 'h0', T0 + 2001);
    expectComplete(c.add(b!, 'h1', T0 + 2002), message, ['h0', 'h1', 'h2']);
  });

  test('a completed set is remembered for rememberMs, then forgotten', () => {
    const { padded } = bigPadded(100_000, 6);
    const [a, b] = decodeAll(splitMultipart(padded));
    const c = new MultipartCollector({ rememberMs: 500 });
    c.add(a!, 'h0', T0);
    c.add(b!, 'h1', T0);
    expect(c.add(a!, 'h0', T0 + 500)).toEqual({ ok: true, value: { kind: 'duplicate' } });
    expect(c.add(a!, 'h0', T0 + 501)).toEqual({ ok: true, value: { kind: 'pending', received: 1, count: 2 } });
  });

  test('beyond maxPendingSets the set expiring first is dropped', () => {
    const c = new MultipartCollector({ maxPendingSets: 2, maxWaitMs: 1000 });
    const part = (n: number): ConfigPart => ({ hash: new Uint8Array(32).fill(n), index: 0, count: 2, data: ascii('a') });
    c.add(part(1), 'a', T0);
    c.add(part(2), 'b', T0 + 10);
    c.add(part(3), 'c', T0 + 20);
    expect(c.pendingSets).toBe(2);
    expect(c.pendingHashes(T0 + 20).sort()).toEqual(['b', 'c']);
  });

  test('state saved mid-set restores and completes; expired sets are not restored', () => {
    const { message, padded } = bigPadded(160_000, 7);
    const [a, b, d] = decodeAll(splitMultipart(padded));
    const c = new MultipartCollector({ maxWaitMs: 1000 });
    c.add(a!, 'h0', T0);
    c.add(d!, 'h2', T0);
    const saved = JSON.parse(JSON.stringify(c.snapshot(T0))) as unknown;
    const restored = MultipartCollector.fromSnapshot(saved, T0 + 10, { maxWaitMs: 1000 });
    if (!restored.ok) throw restored.error;
    expect(restored.value.pendingHashes(T0 + 10)).toEqual(['h0', 'h2']);
    expectComplete(restored.value.add(b!, 'h1', T0 + 20), message, ['h0', 'h1', 'h2']);
    const late = MultipartCollector.fromSnapshot(saved, T0 + 1001);
    expect(late.ok && late.value.pendingSets).toBe(0);
  });

  test('invalid saved state is refused, not thrown', () => {
    const good = { sets: [{ hash: bytesToHex(new Uint8Array(32)), count: 2, done: false, expiresAtMs: T0 + 1, parts: [{ index: 0, swarmHash: 'x', data: '6161' }] }] };
    expect(MultipartCollector.fromSnapshot(good, T0).ok).toBe(true);
    const variants: unknown[] = [
      null,
      {},
      { sets: 'x' },
      { sets: [null] },
      { sets: [{ ...good.sets[0], hash: 'zz' }] },
      { sets: [{ ...good.sets[0], count: 1 }] },
      { sets: [{ ...good.sets[0], expiresAtMs: 'soon' }] },
      { sets: [{ ...good.sets[0], parts: [{ index: 5, swarmHash: 'x', data: '61' }] }] },
      { sets: [{ ...good.sets[0], parts: [{ index: 0, swarmHash: 'x', data: 'abc' }] }] },
      { sets: [{ ...good.sets[0], parts: [{ index: 1, swarmHash: 'x', data: '61' }, { index: 0, swarmHash: 'y', data: '61' }] }] },
      { sets: [{ ...good.sets[0], parts: [{ index: 0, swarmHash: 'x', data: '61' }, { index: 1, swarmHash: 'y', data: '61' }] }] },
    ];
    for (const v of variants) {
      const r = MultipartCollector.fromSnapshot(v, T0);
      expect(!r.ok && r.error.kind).toBe('config_multipart_invalid');
    }
  });
});
