// Properties of the config state object over simulated devices sharing one swarm: concurrent
// edits converge to identical bytes whatever the order of arrival; a message five or more seqnos
// behind never overwrites; bad input is refused with a reason and changes nothing; a fuzz over
// merge(); and a 10,000-contact config split into parts and merged back.
import { loadProtocol } from '../../../../ts/protocol/load';
import type { ConfigBase, ConfigPush } from '../../../../ts/protocol/config/configBase';
import { Contacts } from '../../../../ts/protocol/config/contacts';
import { UserProfile } from '../../../../ts/protocol/config/userProfile';
import { ConvoInfoVolatile } from '../../../../ts/protocol/config/convoInfoVolatile';
import { UserGroups } from '../../../../ts/protocol/config/userGroups';
import { parseConfigMessage } from '../../../../ts/protocol/config/configMessage';
import { encodeOutgoingConfig } from '../../../../ts/protocol/config/pipeline';
import { encryptConfig, padConfigMessage } from '../../../../ts/protocol/config/encrypt';
import { identityFromEd25519Seed } from '../../../../ts/protocol/identity/keys';
import { hex, prng, toHex } from '../helpers';
import { USER_CONFIG_TYPES, applySetup, fieldsJson, makeConfig, oracleIdentity, type UserConfigType } from './userConfigFixtures';

beforeAll(loadProtocol);

const NOW = Date.UTC(2025, 0, 15);

/** A swarm namespace: live messages by hash, in store order; deletes remove them. */
class FakeSwarm {
  readonly live = new Map<string, Uint8Array>();
  private n = 0;

  store(push: ConfigPush, tag: string): string[] {
    for (const h of push.obsoleteHashes) this.live.delete(h);
    return push.messages.map((m) => {
      const h = `${tag}-${++this.n}`;
      this.live.set(h, m);
      return h;
    });
  }
}

/** Pushes when needed, stores, confirms. */
function pushIfNeeded(c: ConfigBase, swarm: FakeSwarm, tag: string): boolean {
  if (!c.needsPush) return false;
  const p = c.push(NOW);
  const hashes = swarm.store(p, tag);
  c.confirmPushed(p.seqno, hashes);
  return true;
}

/** A distinct edit per device and round, some on the same fields (hash order decides those). */
function edit(type: UserConfigType, c: ConfigBase, device: number, round: number): void {
  const tag = `${device}.${round}`;
  if (c instanceof UserProfile) {
    if (device % 2 === 0) c.setName(`Name ${tag}`);
    else c.setNtsExpiry(60 * (device + 1) + round);
    c.setNtsPriority(device + 1);
  } else if (c instanceof Contacts) {
    c.setNickname(`05${String(device).repeat(64)}`, `Friend ${tag}`);
    c.setBlocked(`05${'ab'.repeat(32)}`, device % 2 === 0);
  } else if (c instanceof ConvoInfoVolatile) {
    applySetup(type, c);
    c.set1to1(`05${String(device).repeat(64)}`, { lastRead: 4102444800000 + round, unread: device === 1 }, NOW);
  } else if (c instanceof UserGroups) {
    applySetup(type, c);
    c.setCommunity({ ...c.getOrConstructCommunity('https://example.org', `room${device}`, '00'.repeat(32)), priority: round + 1 });
  }
}

/**
 * Runs devices until nobody needs to push: each round, every device merges what it has not seen
 * yet (delivered as `mode` says: all at once, in store order, or in reverse store order), then
 * pushes its merge if it made one.
 */
function settle(devices: ConfigBase[], swarm: FakeSwarm, modes: Array<'together' | 'forward' | 'reverse'>): number {
  const seen = devices.map(() => new Set<string>());
  for (let round = 0; round < 20; round++) {
    let activity = false;
    devices.forEach((d, i) => {
      const fresh = [...swarm.live].filter(([h]) => !seen[i]?.has(h));
      for (const [h] of fresh) seen[i]?.add(h);
      if (fresh.length === 0) return;
      const items = fresh.map(([hash, data]) => ({ hash, data }));
      const mode = modes[i] ?? 'together';
      if (mode === 'together') d.merge(items, NOW);
      else for (const it of mode === 'forward' ? items : items.reverse()) d.merge([it], NOW);
      activity = pushIfNeeded(d, swarm, `d${i}`) || activity;
    });
    if (!activity && devices.every((d) => !d.needsPush)) return round;
  }
  throw new Error('did not settle');
}

const ORDERS = ['together', 'forward', 'reverse'] as const;

describe.each(USER_CONFIG_TYPES)('%s: convergence', (type) => {
  test('two devices: concurrent edits in every order of arrival end in identical bytes', () => {
    for (const m0 of ORDERS) {
      for (const m1 of ORDERS) {
        const swarm = new FakeSwarm();
        const devices = [makeConfig(type), makeConfig(type)];
        edit(type, devices[0] as ConfigBase, 0, 0);
        pushIfNeeded(devices[0] as ConfigBase, swarm, 'd0');
        settle(devices, swarm, ['together', 'together']);
        devices.forEach((d, i) => edit(type, d, i, 1));
        devices.forEach((d, i) => pushIfNeeded(d, swarm, `d${i}`));
        settle(devices, swarm, [m0, m1]);
        const [a, b] = devices as [ConfigBase, ConfigBase];
        expect(toHex(a.serializedMessage())).toBe(toHex(b.serializedMessage()));
        expect(fieldsJson(a)).toEqual(fieldsJson(b));
        expect(swarm.live.size).toBe(1); // every superseded message was deleted
      }
    }
  });

  test('three devices: every combination of arrival orders converges; edits no one else touched are all kept', () => {
    for (const m0 of ORDERS) {
      for (const m1 of ORDERS) {
        for (const m2 of ORDERS) {
          const swarm = new FakeSwarm();
          const devices = [makeConfig(type), makeConfig(type), makeConfig(type)];
          devices.forEach((d, i) => edit(type, d, i, 1));
          devices.forEach((d, i) => pushIfNeeded(d, swarm, `d${i}`));
          settle(devices, swarm, [m0, m1, m2]);
          const first = toHex((devices[0] as ConfigBase).serializedMessage());
          for (const d of devices) {
            expect(toHex(d.serializedMessage())).toBe(first);
            expect(fieldsJson(d)).toEqual(fieldsJson(devices[0] as ConfigBase));
          }
          expect(swarm.live.size).toBe(1);
          // Which of several writes to the same key wins depends on the merges made on the way
          // (libsession's rule); writes to different keys must all survive.
          const d0 = devices[0] as ConfigBase;
          for (let i = 0; i < 3; i++) {
            const id = `05${String(i).repeat(64)}`;
            if (d0 instanceof Contacts) expect(d0.get(id)?.nickname).toBe(`Friend ${i}.1`);
            if (d0 instanceof ConvoInfoVolatile) expect(d0.get1to1(id)).toEqual({ lastRead: 4102444800001, unread: i === 1 });
            if (d0 instanceof UserGroups) expect(d0.getCommunity('https://example.org', `room${i}`)?.priority).toBe(2);
          }
          if (d0 instanceof UserProfile) expect(d0.ntsPriority).toBeGreaterThan(0);
        }
      }
    }
  });
});

describe('stale, replayed and bad input', () => {
  function advanced(): { c: Contacts; swarm: FakeSwarm; pushes: ConfigPush[] } {
    const swarm = new FakeSwarm();
    const c = makeConfig('Contacts') as Contacts;
    const pushes: ConfigPush[] = [];
    for (let i = 0; i < 8; i++) {
      c.setNickname(`05${'12'.repeat(32)}`, `n${i}`);
      const p = c.push(NOW);
      pushes.push(p);
      c.confirmPushed(p.seqno, swarm.store(p, 'a'));
    }
    return { c, swarm, pushes };
  }

  test('a message five or more seqnos behind never overwrites, even when it conflicts', () => {
    const { c, pushes } = advanced();
    expect(c.seqno).toBe(8);
    const before = toHex(c.serializedMessage());
    // Replays of old pushes (seqno 1–3) are understood but change nothing.
    const r = c.merge(
      pushes.slice(0, 3).map((p, i) => ({ hash: `old${i}`, data: p.messages[0] as Uint8Array })),
      NOW,
    );
    expect(r.accepted).toEqual(['old0', 'old1', 'old2']);
    expect(r.changed).toBe(false);
    expect(toHex(c.serializedMessage())).toBe(before);
    expect(c.needsPush).toBe(false);
    expect(c.obsoleteSwarmHashes.sort()).toEqual(['old0', 'old1', 'old2']); // deleted with the next push

    // Another device's conflicting seqno-3 message (not in our history) is also too old to matter.
    const other = makeConfig('Contacts') as Contacts;
    other.merge([{ hash: 'p2', data: pushes[1]?.messages[0] as Uint8Array }], NOW);
    other.setNickname(`05${'12'.repeat(32)}`, 'stale rewrite');
    const stale = other.push(NOW);
    expect(stale.seqno).toBe(3);
    const r2 = c.merge([{ hash: 'stale', data: stale.messages[0] as Uint8Array }], NOW);
    expect(r2.accepted).toEqual(['stale']);
    expect(toHex(c.serializedMessage())).toBe(before);
    expect(c.get(`05${'12'.repeat(32)}`)?.nickname).toBe('n7');

    // Four behind and conflicting: merged (it is within the lag), never simply adopted.
    const other2 = makeConfig('Contacts') as Contacts;
    other2.merge([{ hash: 'p3', data: pushes[2]?.messages[0] as Uint8Array }], NOW);
    other2.setName(`05${'34'.repeat(32)}`, 'new contact');
    const recent = other2.push(NOW);
    expect(recent.seqno).toBe(4);
    c.merge([{ hash: 'recent', data: recent.messages[0] as Uint8Array }], NOW);
    expect(c.seqno).toBe(9);
    expect(c.get(`05${'12'.repeat(32)}`)?.nickname).toBe('n7');
  });

  test('corrupt, truncated, wrongly keyed, foreign, empty and oversized data are refused with a reason; the state stays', () => {
    const { c, pushes } = advanced();
    const good = pushes[7]?.messages[0] as Uint8Array;
    const dump = toHex(c.dump());
    const before = toHex(c.serializedMessage());
    const corrupt = good.slice();
    corrupt[corrupt.length - 30] = (corrupt[corrupt.length - 30] as number) ^ 1;
    const otherAccount = identityFromEd25519Seed(hex('00112233445566778899aabbccddeeff00000000000000000000000000000000'));
    const foreign = new Contacts({ identity: otherAccount, swarmMerged: true });
    foreign.setName(`05${'56'.repeat(32)}`, 'not ours');
    const foreignPush = foreign.push(NOW).messages[0] as Uint8Array;
    // Encrypted with our key but for the wrong config type (domain).
    const wrongDomain = encryptConfig(oracleIdentity().ed25519Seed, 'UserProfile', padConfigMessage(pushes[7]?.plaintext as Uint8Array));
    const garbage = encryptConfig(oracleIdentity().ed25519Seed, 'Contacts', padConfigMessage(new TextEncoder().encode('d1:xi1ee-not-a-config')));
    const r = c.merge(
      [
        { hash: 'corrupt', data: corrupt },
        { hash: 'truncated', data: good.subarray(0, good.length - 7) },
        { hash: 'foreign', data: foreignPush },
        { hash: 'domain', data: wrongDomain },
        { hash: 'garbage', data: garbage },
        { hash: 'empty', data: new Uint8Array(0) },
        { hash: 'huge', data: new Uint8Array(80_000).fill(0x64) },
        { hash: '', data: good },
      ],
      NOW,
    );
    expect(r.accepted).toEqual([]);
    const reasons = Object.fromEntries(r.rejected.map((x) => [x.hash, x.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['', 'corrupt', 'domain', 'empty', 'foreign', 'garbage', 'huge', 'truncated']);
    for (const x of r.rejected) {
      expect(x.reason).toBe(x.error.kind);
      expect(x.error.message.length).toBeGreaterThan(0);
    }
    expect(reasons.huge).toBe('config_too_large');
    expect(reasons.empty).toBe('config_too_short');
    expect(reasons.domain).toBe('config_decrypt_failed');
    expect(reasons.garbage).toMatch(/^(config_invalid|bencode_invalid)$/);
    expect(reasons.foreign).toMatch(/^config_wrapper_/);
    expect(toHex(c.serializedMessage())).toBe(before);
    expect(c.needsDump).toBe(false);
    expect(toHex(c.dump())).toBe(dump);
    // A good message in the same batch is still merged.
    const fresh = makeConfig('Contacts');
    const r2 = fresh.merge([{ hash: 'corrupt', data: corrupt }, { hash: 'good', data: good }], NOW);
    expect(r2.accepted).toEqual(['good']);
    expect(r2.rejected.map((x) => x.hash)).toEqual(['corrupt']);
    expect(toHex(fresh.serializedMessage())).toBe(before);
  });

  test('push refuses before a complete retrieve has been merged; dumps and keys are checked', () => {
    const c = new UserProfile({ identity: oracleIdentity() });
    c.setName('Fallback');
    expect(() => c.push(NOW)).toThrow(expect.objectContaining({ kind: 'not_ready' }));
    expect(c.hasMergedSwarm).toBe(false);
    c.merge([], NOW);
    c.markSwarmMerged();
    expect(c.push(NOW).seqno).toBe(1);
    expect(() => new UserProfile({ identity: oracleIdentity(), dump: new TextEncoder().encode('d1:!i7ee') })).toThrow(expect.objectContaining({ kind: 'config_invalid' }));
    expect(() => new UserProfile({ identity: oracleIdentity(), dump: new TextEncoder().encode('d1:!i0e1:$3:abce') })).toThrow(expect.objectContaining({ kind: 'config_invalid' }));
    expect(() => new UserProfile({ identity: oracleIdentity(), dump: new Uint8Array([0x64]) })).toThrow(expect.objectContaining({ kind: 'bencode_invalid' }));
    expect(() => new UserProfile({ identity: oracleIdentity(), keys: [new Uint8Array(31)] })).toThrow(expect.objectContaining({ kind: 'invalid_argument' }));
    expect(() => c.confirmPushed(1, [])).toThrow();
  });

  test('a dirty dump reloads one seqno up (libsession wastes one), a waiting one confirms', () => {
    const c = makeConfig('UserProfile') as UserProfile;
    c.setName('Dirty');
    const dirty = new UserProfile({ identity: oracleIdentity(), swarmMerged: true, dump: c.dump() });
    expect(dirty.state).toBe('dirty');
    expect(dirty.seqno).toBe(2);
    expect(dirty.name).toBe('Dirty');
    const p = c.push(NOW);
    const waiting = new UserProfile({ identity: oracleIdentity(), swarmMerged: true, dump: c.dump() });
    expect(waiting.state).toBe('waiting');
    expect(waiting.needsPush).toBe(true);
    expect(waiting.confirmPushed(p.seqno, 'h')).toBe(true);
    expect(waiting.state).toBe('clean');
    expect(toHex(waiting.push(NOW).plaintext)).toBe(toHex(p.plaintext));
  });

  test('fuzz: merge() never throws, refuses or accepts, and what it accepts round-trips through a dump', () => {
    const rnd = prng(1234);
    const base = makeConfig('Contacts') as Contacts;
    applySetup('Contacts', base);
    const p = base.push(NOW);
    const plain = p.plaintext;
    const wire = p.messages[0] as Uint8Array;
    let accepted = 0;
    let refused = 0;
    for (let i = 0; i < 400; i++) {
      const target = makeConfig('Contacts');
      let data: Uint8Array;
      const kind = i % 4;
      if (kind === 0) {
        // Random byte flips in the wire form: only the exact original may pass.
        data = wire.slice();
        for (let k = 0; k < 1 + Math.floor(rnd() * 3); k++) data[Math.floor(rnd() * data.length)] = Math.floor(rnd() * 256);
      } else if (kind === 3) {
        data = new Uint8Array(Math.floor(rnd() * 600)).map(() => Math.floor(rnd() * 256));
      } else {
        // Mutated plaintexts, correctly encrypted: exercises the message parser and the merge.
        const m = plain.slice(0, kind === 1 ? plain.length : Math.floor(rnd() * plain.length));
        for (let k = 0; k < Math.floor(rnd() * 4); k++) m[Math.floor(rnd() * m.length)] = Math.floor(rnd() * 256);
        data = encodeOutgoingConfig({ namespace: 3, plaintext: m[0] === 0x64 ? m : new Uint8Array([0x64, ...m]), seqno: 1, identity: oracleIdentity(), compressionLevel: null }).messages[0] as Uint8Array;
      }
      const r = target.merge([{ hash: `f${i}`, data }], NOW);
      expect(r.accepted.length + r.rejected.length).toBe(1);
      if (r.accepted.length === 1) {
        accepted++;
        const again = makeConfig('Contacts', { dump: target.dump() });
        expect(toHex(again.serializedMessage())).toBe(toHex(target.serializedMessage()));
        const parsed = parseConfigMessage(target.serializedMessage());
        expect(parsed.ok).toBe(true);
        expect(() => (target as Contacts).all()).not.toThrow();
      } else {
        refused++;
        expect(target.seqno).toBe(0);
        expect(target.needsDump).toBe(false);
      }
    }
    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(100);
  });
});

describe('a large Contacts config', () => {
  test('10,000 contacts: pushed in parts, merged back from raw swarm data, confirmed with every part hash', () => {
    const c = makeConfig('Contacts') as Contacts;
    const rnd = prng(99);
    const ids: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const id = `05${Array.from({ length: 32 }, () => Math.floor(rnd() * 256).toString(16).padStart(2, '0')).join('')}`;
      ids.push(id);
      c.set({ ...c.getOrConstruct(id), name: `Contact ${i}`, approved: true, approvedMe: i % 2 === 0, created: 1700000000 + i, priority: i % 7 === 0 ? 1 : 0 });
    }
    const t0 = performance.now();
    const p = c.push(NOW);
    const tPush = performance.now() - t0;
    expect(p.multipart).toBe(p.messages.length > 1);
    for (const m of p.messages) expect(m.length).toBeLessThanOrEqual(76_800);
    const hashes = p.messages.map((_, i) => `part${i}`);
    expect(c.confirmPushed(p.seqno, hashes)).toBe(true);
    expect(c.currentSwarmHashes).toEqual(hashes);

    const other = makeConfig('Contacts') as Contacts;
    const t1 = performance.now();
    const r = other.merge(
      p.messages.map((data, i) => ({ hash: hashes[i] as string, data })),
      NOW,
    );
    const tMerge = performance.now() - t1;
    expect(r.accepted).toEqual(hashes);
    expect(other.size).toBe(10_000);
    expect(other.get(ids[1234] as string)).toMatchObject({ name: 'Contact 1234', approved: true, approvedMe: true, created: 1700001234 });
    expect(other.currentSwarmHashes).toEqual(hashes);
    const reloaded = makeConfig('Contacts', { dump: other.dump() });
    expect(reloaded.currentSwarmHashes).toEqual(hashes);
    expect(toHex(reloaded.serializedMessage())).toBe(toHex(c.serializedMessage()));
    if (process.env.CONFIG_PERF === '1') {
      // Timing is reported, not asserted (benchmarks own thresholds).
      process.stdout.write(`10k contacts: ${p.messages.length} part(s), ${p.messages.reduce((n, m) => n + m.length, 0)} bytes; push ${tPush.toFixed(0)} ms; decrypt+decompress+merge ${tMerge.toFixed(0)} ms\n`);
    }
  });

  test('parts of an incomplete multipart config survive a dump and complete after the reload', () => {
    const c = makeConfig('Contacts') as Contacts;
    const rnd = prng(7);
    for (let i = 0; i < 3000; i++) {
      const id = `05${Array.from({ length: 32 }, () => Math.floor(rnd() * 256).toString(16).padStart(2, '0')).join('')}`;
      c.setName(id, `Contact ${i} ${Math.floor(rnd() * 1e9)}`);
    }
    const p = c.push(NOW);
    expect(p.multipart).toBe(true);
    const n = p.messages.length;
    expect(n).toBeGreaterThanOrEqual(2);
    const b = makeConfig('Contacts');
    const r = b.merge(
      p.messages.slice(0, n - 1).map((data, i) => ({ hash: `part${i}`, data })),
      NOW,
    );
    expect(r.accepted).toEqual([]);
    expect(r.pending).toEqual(p.messages.slice(0, n - 1).map((_, i) => `part${i}`));
    expect(b.activeHashes(NOW)).toEqual(r.pending);
    expect(b.needsDump).toBe(true);
    const dump = b.dump();
    expect(Buffer.from(dump).toString('latin1')).toContain('1:*d32:');
    const reloaded = makeConfig('Contacts', { dump });
    expect(reloaded.activeHashes(NOW)).toEqual(r.pending);
    expect(toHex(reloaded.dump())).toBe(toHex(dump));
    const done = reloaded.merge([{ hash: `part${n - 1}`, data: p.messages[n - 1] as Uint8Array }], NOW);
    expect(done.accepted).toEqual(p.messages.map((_, i) => `part${i}`));
    expect(toHex(reloaded.serializedMessage())).toBe(toHex(p.plaintext));
    expect(reloaded.currentSwarmHashes).toEqual(done.accepted);
    // A repeat of a part of the assembled set changes nothing.
    const again = reloaded.merge([{ hash: 'part0', data: p.messages[0] as Uint8Array }], NOW);
    expect(again.changed).toBe(false);
    // A dump with a damaged `*` is refused, not half-loaded.
    const bad = Buffer.from(dump).toString('latin1').replace('1:*d32:', '1:*d31:');
    expect(() => makeConfig('Contacts', { dump: new Uint8Array(Buffer.from(bad, 'latin1')) })).toThrow();
  });
});
