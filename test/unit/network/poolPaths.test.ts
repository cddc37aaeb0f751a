// Pool loading/refresh/consensus and path building: guards, the /24 rule, strike counting and rebuilds.
import { mainnetConfig } from '../../../ts/network/config';
import { buildPaths, oneNodePerSubnetList } from '../../../ts/network/paths';
import { intersectNodeLists } from '../../../ts/network/pool';
import { SwarmCache } from '../../../ts/network/swarms';
import { subnet24 } from '../../../ts/network/types';
import { makeNodes, poolWithPaths, seedAnswer, seededRandom, textResponse } from './fakes';

const setup = poolWithPaths;

describe('SnodePool', () => {
  it('is usable only with more than 8 nodes', async () => {
    const { pool, http } = setup(makeNodes(8));
    await expect(pool.ensure()).rejects.toMatchObject({ kind: 'pool-too-small' });
    http.handler = () => seedAnswer(makeNodes(9));
    await pool.ensure();
    expect(pool.usable).toBe(true);
  });

  it('uses the persisted pool before asking seeds, and persists what seeds return', async () => {
    const { pool, http, store } = setup(makeNodes(12));
    store.pool = makeNodes(10, { offset: 100 });
    await pool.ensure();
    expect(http.requests).toHaveLength(0);
    expect(pool.size).toBe(10);
    const fresh = setup(makeNodes(12));
    await fresh.pool.ensure();
    expect(fresh.http.requests).toHaveLength(1);
    expect(fresh.store.pool).toHaveLength(12);
  });

  it('drops a node after 3 failures (persisted) and announces it', async () => {
    const { pool, store } = setup(makeNodes(12));
    await pool.ensure();
    const victim = pool.all()[0]!.ed25519;
    const dropped: string[] = [];
    pool.events.on('dropped', (e) => dropped.push(e.ed25519));
    expect(await pool.recordFailure(victim)).toBe(false);
    expect(await pool.recordFailure(victim)).toBe(false);
    expect(pool.failureCount(victim)).toBe(2);
    expect(await pool.recordFailure(victim)).toBe(true);
    expect(pool.has(victim)).toBe(false);
    expect(store.pool.some((n) => n.ed25519 === victim)).toBe(false);
    expect(dropped).toEqual([victim]);
  });

  it('consensus: intersects 3 lists by ip:port and accepts at the agreement threshold', async () => {
    const nodes = makeNodes(20);
    const { pool, http, clock } = setup(nodes);
    await pool.ensure();
    http.requests.length = 0;
    // Each asked node misses a different one of the last 3; the lists share 17 (>= 12 agreement, >= 16 refresh).
    let call = 0;
    pool.setNodeListFetcher(async () => {
      const missing = 17 + (call++ % 3);
      return nodes.filter((_, i) => i !== missing);
    });
    await pool.recordFailure(nodes[0]!.ed25519);
    const src = await pool.forceRefresh();
    expect(src).toBe('consensus');
    expect(http.requests).toHaveLength(0);
    expect(pool.size).toBe(17);
    expect(pool.failureCount(nodes[0]!.ed25519)).toBe(0);
    expect(clock.sleeps).toEqual([]);
  });

  it('a consensus refresh forgets cached swarms (memory and store); a seed refresh keeps them', async () => {
    const nodes = makeNodes(20);
    const { pool, store, config } = setup(nodes);
    await pool.ensure();
    const swarms = new SwarmCache({ pool, store, thresholds: config.thresholds, random: seededRandom(2).random, fetchFresh: async () => nodes.slice(0, 4) });
    const pk = '05' + 'ab'.repeat(32);
    await swarms.get(pk);
    await pool.refreshFromSeeds();
    expect(swarms.cached(pk)).toHaveLength(4);
    pool.setNodeListFetcher(async () => nodes);
    expect(await pool.forceRefresh()).toBe('consensus');
    await new Promise((r) => setImmediate(r));
    expect(swarms.cached(pk)).toBeUndefined();
    expect(store.swarms.size).toBe(0);
  });

  it('consensus below the agreement threshold falls back to the seeds after 4 attempts', async () => {
    const nodes = makeNodes(20);
    const { pool, http, clock } = setup(nodes);
    await pool.ensure();
    let call = 0;
    pool.setNodeListFetcher(async () => nodes.slice((call++ % 3) * 5, (call % 3) * 5 + 10));
    http.requests.length = 0;
    expect(await pool.forceRefresh()).toBe('seed');
    expect(http.requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([1000, 1000, 1000]);
  });

  it('mainnet needs 24 common nodes', () => {
    expect(mainnetConfig().thresholds.requiredForAgreement).toBe(24);
    const a = makeNodes(5);
    expect(intersectNodeLists([a, a.slice(1), a.slice(0, 3)])).toEqual(a.slice(1, 3));
  });
});

describe('one node per /24', () => {
  it('repeats one representative per subnet as many times as the subnet has nodes', () => {
    const nodes = [...makeNodes(4, { sameSubnet: true }), ...makeNodes(2, { offset: 50 })];
    const list = oneNodePerSubnetList(nodes, new Set(), seededRandom(3).random);
    expect(list).toHaveLength(6);
    const sameSubnet = list.filter((n) => subnet24(n.ip) === '10.0.0');
    expect(new Set(sameSubnet.map((n) => n.ed25519)).size).toBe(1);
    expect(sameSubnet).toHaveLength(4);
  });

  it('never puts two nodes of one /24 in a path, nor one node in two paths', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const r = seededRandom(seed).random;
      // 30 nodes crowded into 6 subnets
      const nodes = makeNodes(30).map((n, i) => ({ ...n, ip: `10.0.${i % 6}.${i + 1}` }));
      const guards = [nodes[0]!, nodes[1]!];
      const list = oneNodePerSubnetList(nodes, new Set(guards.map((g) => g.ed25519)), r);
      const paths = buildPaths(guards, list, 3, r);
      expect(paths).toHaveLength(2);
      const all = paths.flat().map((n) => n.ed25519);
      expect(new Set(all).size).toBe(all.length);
      for (const p of paths) expect(new Set(p.map((n) => subnet24(n.ip))).size).toBe(3);
    }
  });

  it('builds no path when there are not enough distinct subnets', () => {
    const nodes = makeNodes(12, { sameSubnet: true });
    const list = oneNodePerSubnetList(nodes, new Set([nodes[0]!.ed25519]), seededRandom(1).random);
    expect(buildPaths([nodes[0]!], list, 3, seededRandom(1).random)).toEqual([]);
  });
});

describe('PathManager', () => {
  it('builds 2 paths of 3 hops starting at 2 tested guards, and persists the guards', async () => {
    const { paths, store, tested } = setup(makeNodes(12));
    await paths.ensure();
    const built = paths.current();
    expect(built).toHaveLength(2);
    expect(built.every((p) => p.length === 3)).toBe(true);
    const guards = built.map((p) => p[0]!.ed25519);
    expect(store.guards.sort()).toEqual([...guards].sort());
    expect(tested.sort()).toEqual([...guards].sort());
  });

  it('skips guards that fail the reachability test and tries other candidates', async () => {
    const nodes = makeNodes(12);
    const bad = new Set(nodes.slice(0, 6).map((n) => n.ed25519));
    const { paths, tested } = setup(nodes, { guardOk: (n) => !bad.has(n.ed25519) });
    await paths.ensure();
    expect(paths.current().every((p) => !bad.has(p[0]!.ed25519))).toBe(true);
    expect(tested.length).toBeGreaterThanOrEqual(2);
  });

  it('fails with no-path when no guard answers (after 6 rounds, 4 builds)', async () => {
    const { paths, clock } = setup(makeNodes(12), { guardOk: () => false });
    const failed: string[] = [];
    paths.events.on('failed', (e) => failed.push(e.error.kind));
    await expect(paths.ensure()).rejects.toMatchObject({ kind: 'no-path' });
    expect(clock.sleeps).toEqual([1000, 1000, 1000]);
    expect(failed).toEqual(['no-path']);
  });

  it('reuses persisted guards that are still in the pool without testing them again', async () => {
    const nodes = makeNodes(12);
    const first = setup(nodes);
    await first.paths.ensure();
    const second = setup(nodes, { seed: 99 });
    second.store.guards = first.store.guards.slice();
    await second.paths.ensure();
    expect(second.tested).toEqual([]);
    expect(second.paths.currentGuards().map((g) => g.ed25519).sort()).toEqual(first.store.guards.slice().sort());
  });

  it('picks a path that avoids the target node', async () => {
    const { paths } = setup(makeNodes(12));
    await paths.ensure();
    const [p0] = paths.current();
    for (let i = 0; i < 10; i++) {
      const p = await paths.pathAvoiding(p0![2]!.ed25519);
      expect(p.some((n) => n.ed25519 === p0![2]!.ed25519)).toBe(false);
    }
  });

  it('counts path failures: relays get strikes, the 3rd failure drops the guard and rebuilds', async () => {
    const { paths, pool } = setup(makeNodes(14));
    await paths.ensure();
    const [victim] = paths.current();
    const guard = victim![0]!.ed25519;
    await paths.recordPathFailure(guard);
    expect(paths.pathFailureCount(guard)).toBe(1);
    expect(pool.failureCount(victim![1]!.ed25519)).toBe(1);
    await paths.recordPathFailure(guard);
    // 3rd failure: the relays hit their own threshold too and are dropped; the guard leaves the pool.
    await paths.recordPathFailure(guard);
    expect(pool.has(guard)).toBe(false);
    expect(pool.has(victim![1]!.ed25519)).toBe(false);
    await paths.ensure();
    const rebuilt = paths.current();
    expect(rebuilt).toHaveLength(2);
    expect(rebuilt.flat().some((n) => n.ed25519 === guard)).toBe(false);
  });

  it('replaces a dropped relay with a fresh node from another /24', async () => {
    const { paths, pool } = setup(makeNodes(14));
    await paths.ensure();
    const before = paths.current();
    const relay = before[0]![1]!;
    const changes: number[] = [];
    paths.events.on('changed', (e) => changes.push(e.paths.length));
    await pool.drop(relay.ed25519);
    const after = paths.current();
    expect(after).toHaveLength(2);
    expect(after[0]![0]).toEqual(before[0]![0]);
    expect(after[0]!.some((n) => n.ed25519 === relay.ed25519)).toBe(false);
    expect(new Set(after[0]!.map((n) => subnet24(n.ip))).size).toBe(3);
    expect(new Set(after.flat().map((n) => n.ed25519)).size).toBe(6);
    expect(changes).toEqual([2]);
  });

  it('resets path failure counters after a pool refresh', async () => {
    const { paths, pool } = setup(makeNodes(14));
    await paths.ensure();
    const guard = paths.current()[0]![0]!.ed25519;
    await paths.recordPathFailure(guard);
    await pool.refreshFromSeeds();
    expect(paths.pathFailureCount(guard)).toBe(0);
  });

  it('a seed failure surfaces as a typed error from ensure', async () => {
    const { paths, http } = setup(makeNodes(12));
    http.handler = () => textResponse(500, 'down');
    await expect(paths.ensure()).rejects.toMatchObject({ kind: 'seed-failed' });
  });

  it('answers a caller right behind a failed seed fetch at once, and asks the seeds again 10 s later', async () => {
    const { pool, http, clock } = setup(makeNodes(12));
    http.handler = () => textResponse(500, 'down');
    await expect(pool.ensure()).rejects.toMatchObject({ kind: 'seed-failed' });
    const asked = http.requests.length;
    expect(asked).toBe(4);
    clock.advance(9_000);
    await expect(pool.ensure()).rejects.toMatchObject({ kind: 'seed-failed' });
    expect(http.requests).toHaveLength(asked);
    http.handler = () => seedAnswer(makeNodes(12));
    clock.advance(1_000);
    await pool.ensure();
    expect(pool.usable).toBe(true);
    expect(http.requests).toHaveLength(asked + 1);
  });
});
