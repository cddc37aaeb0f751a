// Admin properties of groups v2 on simulated members, over many random groups (issue 17; the single worked
// examples are in properties.test.ts): a removed member reads nothing sent after its removal (also after later
// rekeys); two admins rekeying at the same time for different member lists converge on the same keys once each
// merged the other's push, and the rekey `needsRekey` then asks for brings them back to one key; a member added
// later reads exactly the generations it was given (a supplement: all the admin held; a rekey: from then on).
import { loadProtocol } from '../../../../ts/protocol/load';
import { createGroupState, groupKeysFromSeed, rekeyGroup, type GroupAdminKeys, type GroupState } from '../../../../ts/protocol/groups';
import { identityFromEd25519Seed, type Identity } from '../../../../ts/protocol/identity/keys';
import { prng } from '../helpers';

beforeAll(loadProtocol);

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
const TRIALS = 4;

/** A random group: an admin seed and `n` members (the admin first), each with their own state. */
function randomGroup(rnd: () => number, n: number): { admin: GroupAdminKeys; people: Identity[]; states: Map<string, GroupState> } {
  const bytes = (k: number): Uint8Array => Uint8Array.from({ length: k }, () => Math.floor(rnd() * 256));
  const admin = groupKeysFromSeed(bytes(32));
  const people = Array.from({ length: n }, () => identityFromEd25519Seed(bytes(32)));
  const states = new Map(people.map((p, i) => [p.sessionId, createGroupState({ identity: p, group: admin, admin: i === 0 ? admin : null, swarmMerged: true })]));
  return { admin, people, states };
}

const pick = <T>(rnd: () => number, xs: readonly T[], k: number): T[] => {
  const copy = [...xs];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, k);
};

const nonce = (rnd: () => number) => (n: number): Uint8Array => Uint8Array.from({ length: n }, () => Math.floor(rnd() * 256));

/** Every reader loads a keys message stored at `ts` (what its poll would give it). */
function deliver(states: Map<string, GroupState>, readers: readonly Identity[], hash: string, message: Uint8Array, ts: number): void {
  for (const r of readers) expect((states.get(r.sessionId) as GroupState).keys.loadKeyMessage(hash, message, ts).ok).toBe(true);
}

const keyList = (s: GroupState): string[] => s.keys.keysOldestFirst().map((k) => `${k.generation}:${k.timestampMs}:${Buffer.from(k.key).toString('hex')}`);

describe('groups v2 admin properties (random groups)', () => {
  test('a removed member reads nothing sent after its removal, even after further rekeys; the others read everything', () => {
    for (let t = 0; t < TRIALS; t++) {
      const rnd = prng(0x5100 + t);
      const n = 3 + Math.floor(rnd() * 10);
      const { people, states } = randomGroup(rnd, n);
      const a = states.get((people[0] as Identity).sessionId) as GroupState;
      let ts = 1_700_000_000_000;
      let hash = 0;
      const rekeyFor = (ids: readonly Identity[], readers: readonly Identity[]): void => {
        const r = rekeyGroup(a, ids.map((p) => p.sessionId));
        ts += 1000;
        deliver(states, readers, `h${++hash}`, r.message, ts);
      };
      rekeyFor(people, people);
      const before = a.keys.encryptMessage(ascii('before'), { random: nonce(rnd) });
      const removed = pick(rnd, people.slice(1), 1 + Math.floor(rnd() * (n - 2)));
      const stay = people.filter((p) => !removed.includes(p));
      // The removed still retrieve the new keys messages (as if their access were not revoked yet).
      rekeyFor(stay, people);
      const after: Uint8Array[] = [a.keys.encryptMessage(ascii('after-1'), { random: nonce(rnd) })];
      rekeyFor(stay, people);
      after.push(a.keys.encryptMessage(ascii('after-2'), { random: nonce(rnd) }));
      for (const p of removed) {
        const s = states.get(p.sessionId) as GroupState;
        expect(s.keys.decryptMessage(before).ok).toBe(true);
        for (const m of after) expect(s.keys.decryptMessage(m).ok).toBe(false);
        expect(s.keys.currentGeneration).toBe(0);
      }
      for (const p of stay) {
        const s = states.get(p.sessionId) as GroupState;
        for (const m of [before, ...after]) expect(s.keys.decryptMessage(m).ok).toBe(true);
      }
    }
  });

  test('two admins rekeying at once for different member lists converge after merging each other’s push', () => {
    for (let t = 0; t < TRIALS; t++) {
      const rnd = prng(0x5200 + t);
      const n = 4 + Math.floor(rnd() * 16);
      const { admin, people, states } = randomGroup(rnd, n + 1);
      const members = people.slice(0, n);
      const newcomer = people[n] as Identity;
      const a = states.get((people[0] as Identity).sessionId) as GroupState;
      // A second admin (promoted earlier) with its own copy of the state.
      const second = people[1] as Identity;
      const d = createGroupState({ identity: second, group: admin, admin, swarmMerged: true });
      states.set(second.sessionId, d);
      let ts = 1_700_000_000_000;
      const first = rekeyGroup(a, members.map((p) => p.sessionId));
      deliver(states, members, 'h0', first.message, ts);
      // A adds the newcomer while D removes someone: both rekey the same generation at once.
      const dropped = members[2 + Math.floor(rnd() * (n - 2))] as Identity;
      const ra = rekeyGroup(a, [...members, newcomer].map((p) => p.sessionId));
      const rd = rekeyGroup(d, members.filter((p) => p !== dropped).map((p) => p.sessionId));
      expect(ra.generation).toBe(rd.generation);
      expect(Buffer.from(ra.key).equals(Buffer.from(rd.key))).toBe(false);
      // The swarm stores them at two times; each admin and every member merges both, in either order.
      const ta = (ts += 1000);
      const td = (ts += 1 + Math.floor(rnd() * 1000));
      const order = rnd() < 0.5;
      for (const p of [...members, newcomer]) {
        const s = states.get(p.sessionId) as GroupState;
        const loads: [string, Uint8Array, number][] = [
          ['ha', ra.message, ta],
          ['hd', rd.message, td],
        ];
        for (const [h, m, at] of order ? loads : loads.reverse()) expect(s.keys.loadKeyMessage(h, m, at).ok).toBe(true);
      }
      expect(keyList(a)).toEqual(keyList(d));
      expect(Buffer.from(a.keys.encryptionKey() as Uint8Array).equals(Buffer.from(d.keys.encryptionKey() as Uint8Array))).toBe(true);
      expect(a.keys.needsRekey() && d.keys.needsRekey()).toBe(true);
      // What one admin encrypts now the other reads, and so does every member who was in both lists.
      const msg = d.keys.encryptMessage(ascii('between'), { random: nonce(rnd) });
      expect(a.keys.decryptMessage(msg).ok).toBe(true);
      // Both follow needsRekey with the merged member list: the same message, one key again.
      const final = [...members.filter((p) => p !== dropped), newcomer].map((p) => p.sessionId);
      const fa = rekeyGroup(a, final);
      const fd = rekeyGroup(d, [...final].reverse());
      expect(Buffer.from(fa.message).equals(Buffer.from(fd.message))).toBe(true);
      const tf = (ts += 1000);
      for (const s of [a, d]) {
        expect(s.keys.loadKeyMessage('hf-a', fa.message, tf).ok).toBe(true);
        expect(s.keys.loadKeyMessage('hf-d', fd.message, tf + 3).ok).toBe(true);
      }
      expect(a.keys.needsRekey() || d.keys.needsRekey()).toBe(false);
      expect(keyList(a)).toEqual(keyList(d));
      const dp = states.get(dropped.sessionId) as GroupState;
      expect(dp.keys.loadKeyMessage('hf-a', fa.message, tf).ok).toBe(true);
      expect(dp.keys.decryptMessage(a.keys.encryptMessage(ascii('final'), { random: nonce(rnd) })).ok).toBe(false);
    }
  });

  test('a member added later reads exactly the generations it was given', () => {
    for (let t = 0; t < TRIALS; t++) {
      const rnd = prng(0x5300 + t);
      const n = 3 + Math.floor(rnd() * 10);
      const { people, states } = randomGroup(rnd, n + 2);
      const a = states.get((people[0] as Identity).sessionId) as GroupState;
      const members = people.slice(0, n);
      const withHistory = people[n] as Identity;
      const without = people[n + 1] as Identity;
      let ts = 1_700_000_000_000;
      const byGeneration: Uint8Array[] = [];
      const gens = 1 + Math.floor(rnd() * 4);
      for (let g = 0; g < gens; g++) {
        const r = rekeyGroup(a, members.map((p) => p.sessionId));
        expect(a.keys.loadKeyMessage(`h${g}`, r.message, (ts += 1000)).ok).toBe(true);
        byGeneration.push(a.keys.encryptMessage(ascii(`gen ${g}`), { random: nonce(rnd) }));
      }
      // With history: a supplement of every key the admin holds; then both newcomers get the next generation.
      const supp = a.keys.keySupplement([withHistory.sessionId]);
      expect((states.get(withHistory.sessionId) as GroupState).keys.loadKeyMessage('hs', supp, (ts += 1000)).ok).toBe(true);
      expect((states.get(without.sessionId) as GroupState).keys.loadKeyMessage('hs', supp, ts).ok).toBe(true);
      const r = rekeyGroup(a, [...members, withHistory, without].map((p) => p.sessionId));
      deliver(states, [people[0] as Identity, withHistory, without], 'hn', r.message, (ts += 1000));
      const later = a.keys.encryptMessage(ascii('later'), { random: nonce(rnd) });
      const h = states.get(withHistory.sessionId) as GroupState;
      const w = states.get(without.sessionId) as GroupState;
      for (const m of byGeneration) {
        expect(h.keys.decryptMessage(m).ok).toBe(true);
        expect(w.keys.decryptMessage(m).ok).toBe(false);
      }
      expect(h.keys.decryptMessage(later).ok && w.keys.decryptMessage(later).ok).toBe(true);
      expect(w.keys.keysOldestFirst().map((k) => k.generation)).toEqual([r.generation]);
      expect(h.keys.keysOldestFirst().map((k) => k.generation)).toEqual([...Array.from({ length: gens }, (_, g) => g), r.generation]);
    }
  });
});
