// Merge properties (spec advanced.md B.4): simulated devices sharing one swarm converge to
// identical bytes in every order of arrival; unknown data round-trips byte for byte; stale
// messages never overwrite newer state; both forms of a merged message's own diff.
import { loadProtocol } from '../../../../ts/protocol/primitives/sodium';
import { blake2b } from '../../../../ts/protocol/primitives/hash';
import { ConfigMessage, parseConfigMessage } from '../../../../ts/protocol/config/configMessage';
import { confirmPushed, mergeConfigMessages, mergeIntoConfigState, startLocalEdit, type ConfigMergeState } from '../../../../ts/protocol/config/merge';
import { ConfigSet, INT64_MAX, INT64_MIN, binaryFromBytes, binaryFromHex, type ConfigData } from '../../../../ts/protocol/config/data';
import { toHex } from '../helpers';

beforeAll(loadProtocol);

/** A swarm namespace: stores messages by content hash (identical bytes de-duplicate), deletes on request. */
class Swarm {
  readonly messages = new Map<string, Uint8Array>();
  store(bytes: Uint8Array): string {
    const hash = toHex(blake2b(bytes, 32));
    this.messages.set(hash, bytes);
    return hash;
  }
  delete(hashes: Iterable<string>): void {
    for (const h of hashes) this.messages.delete(h);
  }
}

/** A device's config, driven the way the config object drives libsession (edit → push → confirm; poll → merge). */
class Device {
  st: ConfigMergeState = { message: ConfigMessage.empty(), state: 'clean', currentHash: null };
  readonly old = new Set<string>();
  readonly seen = new Set<string>();
  pushes = 0;

  edit(fn: (d: ConfigData) => void): void {
    const { state, obsoleteHash } = startLocalEdit(this.st);
    if (obsoleteHash !== null) this.old.add(obsoleteHash);
    this.st = state;
    fn(this.st.message.edit());
  }

  /** Pushes when dirty; the store and the deletion of obsolete hashes succeed at once. */
  push(swarm: Swarm): boolean {
    if (this.st.state !== 'dirty') return false;
    const bytes = this.st.message.serialize();
    const seqno = this.st.message.seqno;
    this.st = { ...this.st, state: 'waiting' };
    const hash = swarm.store(bytes);
    swarm.delete(this.old);
    this.old.clear();
    this.seen.add(hash);
    this.st = confirmPushed(this.st, seqno, hash);
    this.pushes++;
    return true;
  }

  /** Retrieves what is new on the swarm; merges it in one call, or one message per call in the given order. */
  poll(swarm: Swarm, oneByOne: boolean): boolean {
    const fresh = [...swarm.messages.entries()].filter(([h]) => !this.seen.has(h)).sort(([a], [b]) => (a < b ? -1 : 1));
    for (const [h] of fresh) this.seen.add(h);
    const batches = oneByOne ? fresh.map((f) => [f]) : fresh.length > 0 ? [fresh] : [];
    for (const batch of batches) {
      const r = mergeIntoConfigState(
        this.st,
        batch.map(([hash, plaintext]) => ({ hash, plaintext })),
      );
      expect(r.rejected).toEqual([]);
      this.st = { message: r.message, state: r.state, currentHash: r.currentHash };
      for (const h of r.obsoleteHashes) this.old.add(h);
    }
    return fresh.length > 0;
  }

  bytes(): string {
    return toHex(this.st.message.serialize());
  }
}

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs.slice()];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

/** The shared starting point: device 0 pushes seqno 1, everyone else merges it. */
function setup(n: number): { swarm: Swarm; devices: Device[] } {
  const swarm = new Swarm();
  const devices = Array.from({ length: n }, () => new Device());
  const first = devices[0] as Device;
  first.edit((d) => {
    d.setString(['n'], 'base');
    d.set(['tags'], ConfigSet.of(['old', 'keep']));
    d.setInt(['c', binaryFromHex('05' + '11'.repeat(32)), 'p'], 1);
    // Values no typed config knows: must survive every merge byte for byte.
    d.setInt(['c', binaryFromHex('05' + '11'.repeat(32)), 'Z'], INT64_MAX);
    d.setBinary(['c', binaryFromHex('05' + '11'.repeat(32)), '\x00\xff'], '\xff\xfe\x00not utf-8');
    d.set(['future'], ConfigSet.of([INT64_MIN, -1n, 'x', '\x80']));
  });
  first.push(swarm);
  for (const d of devices.slice(1)) d.poll(swarm, false);
  return { swarm, devices };
}

/** Concurrent edits: one private key each, a shared key all of them change, set additions/removals, nested data. */
function concurrentEdits(devices: Device[]): void {
  devices.forEach((dev, i) => {
    dev.edit((d) => {
      d.setInt([`dev${i}`], i);
      d.setString(['n'], `name from ${i}`);
      d.setAdd(['tags'], `t${i}`);
      if (i === 1) d.setRemove(['tags'], 'old');
      d.setInt(['c', binaryFromHex('05' + '22'.repeat(32)), 'j'], 100 + i);
    });
  });
}

/** Runs poll rounds in the given device order until nothing is new and nobody pushes. */
function runUntilQuiet(swarm: Swarm, devices: Device[], order: number[], oneByOne: boolean): void {
  for (let round = 0; round < 12; round++) {
    let activity = false;
    for (const i of order) {
      const dev = devices[i] as Device;
      if (dev.poll(swarm, oneByOne)) activity = true;
      if (dev.push(swarm)) activity = true;
    }
    if (!activity) return;
  }
  throw new Error('no convergence after 12 rounds');
}

function checkConverged(devices: Device[]): void {
  const first = devices[0] as Device;
  for (const d of devices) {
    expect(d.st.state).toBe('clean');
    expect(d.bytes()).toBe(first.bytes());
  }
  const data = first.st.message.data;
  devices.forEach((_, i) => expect(data.getInt([`dev${i}`])).toBe(i));
  const tags = data.setValues(['tags']);
  expect(tags).toContain('keep');
  // 'old' (removed by device 1) is gone after a one-step merge, but may come back when merges
  // happen in several steps: a clean device's merged message carries the whole data as its own
  // diff, whose set additions are replayed after the removal (libsession behaves the same way).
  devices.forEach((_, i) => expect(tags).toContain(`t${i}`));
  expect(data.getString(['n'])).toMatch(/^name from \d$/);
  const unknown = data.getDict(['c', binaryFromHex('05' + '11'.repeat(32))]);
  expect(unknown?.get('Z')).toBe(INT64_MAX);
  expect(unknown?.get('\x00\xff')).toBe('\xff\xfe\x00not utf-8');
  expect(data.setValues(['future'])).toEqual([INT64_MIN, -1n, 'x', '\x80']);
  // The unknown values' exact bytes are in the serialized message.
  const ser = binaryFromBytes(first.st.message.serialize());
  expect(ser).toContain('1:Zi9223372036854775807e');
  expect(ser).toContain('2:\x00\xff12:\xff\xfe\x00not utf-8');
  expect(ser).toContain('6:futureli-9223372036854775808ei-1e1:x1:\x80e');
}

describe('convergence', () => {
  test('concurrent pushes merge to the same bytes whatever the order of the inputs', () => {
    const { swarm, devices } = setup(3);
    concurrentEdits(devices);
    const pushes = devices.map((d) => d.st.message.serialize());
    const base = [...swarm.messages.values()][0] as Uint8Array;
    let expected: string | null = null;
    for (const perm of permutations([...pushes, base])) {
      const r = mergeConfigMessages(perm);
      if (!r.ok) throw r.error;
      expect(r.value.merged).toBe(true);
      expect(r.value.message.seqno).toBe(3);
      expect(r.value.message.data.setValues(['tags'])).toEqual(['keep', 't0', 't1', 't2']);
      const got = toHex(r.value.message.serialize());
      expected ??= got;
      expect(got).toBe(expected);
    }
  });

  test.each([2, 3])('%i devices converge to identical bytes in every order of arrival', (n) => {
    let schedules = 0;
    for (const order of permutations([...Array(n).keys()])) {
      for (const oneByOne of [false, true]) {
        // Every device pushes its edit before anyone polls; then devices poll in `order`.
        const { swarm, devices } = setup(n);
        concurrentEdits(devices);
        for (const d of devices) d.push(swarm);
        runUntilQuiet(swarm, devices, order, oneByOne);
        checkConverged(devices);
        schedules++;
      }
    }
    expect(schedules).toBe(n === 2 ? 4 : 12);
  });

  test('devices that push one after another (each poll sees the previous push) also converge', () => {
    for (const order of permutations([0, 1, 2])) {
      const { swarm, devices } = setup(3);
      concurrentEdits(devices);
      // Pushes interleaved with polls: a device pushes, the next one polls before pushing its own.
      for (const i of order) {
        const d = devices[i] as Device;
        d.poll(swarm, false);
        d.push(swarm);
      }
      runUntilQuiet(swarm, devices, order, false);
      checkConverged(devices);
    }
  });
});

describe('unknown data and keys', () => {
  test('unknown keys inside the data survive parse, increment, edits and conflict merges byte for byte', () => {
    const { swarm, devices } = setup(2);
    concurrentEdits(devices);
    for (const d of devices) d.push(swarm);
    runUntilQuiet(swarm, devices, [0, 1], false);
    checkConverged(devices);
  });

  test('a top-level unknown key is kept by parse, serialize and increment, and dropped by a conflict merge (as libsession does)', () => {
    const base = 'd1:#i1e1:$3:abc1:&d1:ai1ee1:<le1:=d1:a0:e1:}i-5ee';
    const parsed = parseConfigMessage(Buffer.from(base, 'latin1'));
    if (!parsed.ok) throw parsed.error;
    expect(parsed.value.unknownKeys).toEqual([
      ['$', 'abc'],
      ['}', -5n],
    ]);
    expect(binaryFromBytes(parsed.value.serialize())).toBe(base);
    const a = parsed.value.increment();
    a.edit().setInt(['b'], 2);
    expect(binaryFromBytes(a.serialize())).toMatch(/^d1:#i2e1:\$3:abc1:&d1:ai1e1:bi2ee1:<l.*e1:=d1:b0:e1:}i-5ee$/s);
    const b = parsed.value.increment();
    b.edit().setInt(['c'], 3);
    const merged = mergeConfigMessages([a.serialize(), b.serialize()]);
    if (!merged.ok) throw merged.error;
    expect(merged.value.merged).toBe(true);
    expect(merged.value.message.unknownKeys).toEqual([]);
    expect(binaryFromBytes(merged.value.message.serialize())).toMatch(/^d1:#i3e1:&d1:ai1e1:bi2e1:ci3ee1:<l/);
  });
});

describe('stale and superseded messages', () => {
  function advance(dev: Device, swarm: Swarm, times: number): void {
    for (let i = 0; i < times; i++) {
      dev.edit((d) => d.setInt(['counter'], i));
      dev.push(swarm);
    }
  }

  test('a message 5 or more seqnos behind never overwrites a newer state', () => {
    const swarm = new Swarm();
    const a = new Device();
    advance(a, swarm, 10);
    expect(a.st.message.seqno).toBe(10);
    const stale = ConfigMessage.create({ seqno: 5 });
    stale.edit().setInt(['counter'], -1);
    stale.edit().setString(['n'], 'stale');
    const before = a.bytes();
    const r = mergeIntoConfigState(a.st, [{ hash: 'stale', plaintext: stale.serialize() }]);
    expect(r.changed).toBe(false);
    expect(r.merged).toBe(false);
    expect(toHex(r.message.serialize())).toBe(before);
    expect(r.message.data.getInt(['counter'])).toBe(9);
    expect(r.obsoleteHashes).toEqual(['stale']);
    expect(r.acceptedHashes).toEqual(['stale']);
    // Four behind is still within the lag: it conflicts and is merged, not adopted.
    const near = ConfigMessage.create({ seqno: 6 });
    near.edit().setString(['n'], 'near');
    const r2 = mergeIntoConfigState(a.st, [{ hash: 'near', plaintext: near.serialize() }]);
    expect(r2.merged).toBe(true);
    expect(r2.message.seqno).toBe(11);
  });

  test('a dirty device superseded by a much newer message adopts it, incremented, and is clean', () => {
    const swarm = new Swarm();
    const a = new Device();
    advance(a, swarm, 8);
    const b = new Device();
    b.poll(swarm, false);
    // b was offline: it holds seqno 8 and starts an edit (seqno 9); a meanwhile moves to 14.
    b.edit((d) => d.setString(['n'], 'lost edit'));
    advance(a, swarm, 6);
    const newest = a.st.message.serialize();
    const r = mergeIntoConfigState(b.st, [{ hash: a.st.currentHash as string, plaintext: newest }]);
    expect(r.merged).toBe(false);
    expect(r.state).toBe('clean');
    expect(r.currentHash).toBe(a.st.currentHash);
    expect(r.message.seqno).toBe(15);
    expect(r.message.isMutable).toBe(true);
    expect(r.message.data.equals(a.st.message.data)).toBe(true);
    expect(r.message.data.getString(['n'])).toBeUndefined();
  });

  test('a dirty device whose own message includes every input keeps it', () => {
    const swarm = new Swarm();
    const a = new Device();
    advance(a, swarm, 2);
    const oldPush = [...swarm.messages.values()][0] as Uint8Array;
    a.edit((d) => d.setInt(['x'], 1));
    const mine = a.bytes();
    const r = mergeIntoConfigState(a.st, [{ hash: 'h', plaintext: oldPush }]);
    expect(r.changed).toBe(false);
    expect(r.state).toBe('dirty');
    expect(toHex(r.message.serialize())).toBe(mine);
  });
});

describe('lifecycle helpers', () => {
  test('startLocalEdit increments once, obsoletes a clean hash; confirmPushed ignores a stale seqno', () => {
    const clean: ConfigMergeState = { message: ConfigMessage.empty(), state: 'clean', currentHash: 'h0' };
    const { state, obsoleteHash } = startLocalEdit(clean);
    expect(obsoleteHash).toBe('h0');
    expect(state.state).toBe('dirty');
    expect(state.message.seqno).toBe(1);
    const again = startLocalEdit(state);
    expect(again.state).toBe(state);
    expect(again.obsoleteHash).toBeNull();
    const waiting: ConfigMergeState = { ...state, state: 'waiting' };
    expect(confirmPushed(waiting, 0, 'x')).toBe(waiting);
    expect(confirmPushed(waiting, 1, 'h1')).toEqual({ ...waiting, state: 'clean', currentHash: 'h1' });
    expect(confirmPushed(state, 1, 'h1')).toBe(state);
    // A waiting config edited again gets a new seqno; its hash is not obsolete yet (not confirmed).
    const next = startLocalEdit(waiting);
    expect(next.state.message.seqno).toBe(2);
    expect(next.obsoleteHash).toBeNull();
  });
});

describe('own messages coming back from the swarm', () => {
  test('merging our own current message changes nothing and never lists its hash as obsolete', () => {
    const swarm = new Swarm();
    const a = new Device();
    a.edit((d) => d.setString(['n'], 'me'));
    a.push(swarm);
    const own = swarm.messages.get(a.st.currentHash as string) as Uint8Array;
    const r = mergeIntoConfigState(a.st, [{ hash: a.st.currentHash as string, plaintext: own }]);
    expect(r.changed).toBe(false);
    expect(r.state).toBe('clean');
    expect(r.currentHash).toBe(a.st.currentHash);
    expect(r.obsoleteHashes).toEqual([]);
    expect(r.acceptedHashes).toEqual([a.st.currentHash]);
  });
});

describe('bad input beside good input', () => {
  test('an unparseable message is reported, not made obsolete, and does not shift which hash is adopted', () => {
    const swarm = new Swarm();
    const a = new Device();
    a.edit((d) => d.setInt(['v'], 1));
    a.push(swarm);
    const b = new Device();
    b.poll(swarm, false);
    a.edit((d) => d.setInt(['v'], 2));
    a.push(swarm);
    const newer = swarm.messages.get(a.st.currentHash as string) as Uint8Array;
    const r = mergeIntoConfigState(b.st, [
      { hash: 'garbage', plaintext: new Uint8Array([0x64, 0x31, 0x3a]) },
      { hash: 'newer', plaintext: newer },
    ]);
    expect(r.rejected.map((x) => x.hash)).toEqual(['garbage']);
    expect(r.rejected[0]?.error.kind).toBe('bencode_invalid');
    expect(r.acceptedHashes).toEqual(['newer']);
    expect(r.currentHash).toBe('newer');
    expect(r.state).toBe('clean');
    expect(r.obsoleteHashes).toEqual([b.st.currentHash]);
    expect(r.message.data.getInt(['v'])).toBe(2);
  });

  test('nothing parseable leaves the state as it was', () => {
    const a = new Device();
    const r = mergeIntoConfigState(a.st, [{ hash: 'x', plaintext: new Uint8Array([1, 2, 3]) }]);
    expect(r.changed).toBe(false);
    expect(r.message).toBe(a.st.message);
    expect(r.rejected.map((x) => [x.hash, x.error.kind])).toEqual([['x', 'config_invalid']]);
    expect(r.rejected[0]?.error.detail).toMatch(/not a bt dict/);
    expect(r.obsoleteHashes).toEqual([]);
  });
});

describe("the merged message's own diff", () => {
  function conflict(): { swarm: Swarm; a: Device; b: Device } {
    const swarm = new Swarm();
    const a = new Device();
    const b = new Device();
    a.edit((d) => {
      d.setString(['n'], 'x');
      d.setInt(['k'], 1);
    });
    a.push(swarm);
    b.poll(swarm, false);
    return { swarm, a, b };
  }

  test('a device without unpushed changes writes the whole merged data against empty', () => {
    const { swarm, a, b } = conflict();
    a.edit((d) => d.setInt(['fromA'], 1));
    a.push(swarm);
    b.edit((d) => d.setInt(['fromB'], 1));
    b.push(swarm); // b is clean again (confirmed)
    b.poll(swarm, false);
    expect(b.st.state).toBe('dirty');
    expect(b.st.message.seqno).toBe(3);
    const diffKeys = [...b.st.message.diff().keys()].sort();
    expect(diffKeys).toEqual(['fromA', 'fromB', 'k', 'n']);
    expect(binaryFromBytes(b.st.message.serialize())).toMatch(/1:=d5:fromA0:5:fromB0:1:k0:1:n0:ee$/);
  });

  test('a device with unpushed changes writes {} plus its edits after the merge', () => {
    const { swarm, a, b } = conflict();
    a.edit((d) => d.setInt(['fromA'], 1));
    a.push(swarm);
    b.edit((d) => d.setInt(['fromB'], 1)); // not pushed
    b.poll(swarm, false);
    expect(b.st.state).toBe('dirty');
    expect(b.st.message.seqno).toBe(3);
    expect(b.st.message.diff().size).toBe(0);
    // b's unpushed seqno-2 change is part of the merge (as a lagged diff), and its data.
    expect(b.st.message.data.getInt(['fromB'])).toBe(1);
    expect(b.st.message.laggedDiffs.filter((l) => l.seqno === 2)).toHaveLength(2);
    b.edit((d) => d.setInt(['later'], 7));
    expect(binaryFromBytes(b.st.message.serialize())).toMatch(/1:=d5:later0:ee$/);
    expect([...b.st.message.diff().keys()]).toEqual(['later']);
  });
});
