// Recovery after an outage: guards and paths are topped up to the wanted count once guards pass their
// test again (also without traffic), a request whose target sits in the only path gets a second path,
// the pool refills when drops leave it at the minimum, one caller's abort does not fail a shared build
// or load, and full paths after failed builds refresh the pool.
import { identityFromEd25519Seed, loadProtocol } from '../../../ts/protocol';
import { customNetworkConfig } from '../../../ts/network/config';
import { NetworkError } from '../../../ts/network/errors';
import { PathManager, TOP_UP_INTERVAL_MS } from '../../../ts/network/paths';
import { SessionNetwork } from '../../../ts/network/SessionNetwork';
import { MemoryNetworkStore } from '../../../ts/network/store';
import type { Snode } from '../../../ts/network/types';
import { seedAnswer, makeNodes, ManualClock, poolWithPaths, seededRandom } from './fakes';
import { FakeNetwork, transparentCodec } from './fakeNetwork';

/** Lets pending promise callbacks (background builds on a manual clock) run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
}

/** A pool and paths whose guard tests pass while `net.up` (the network is reachable). */
function setup(nodes: Snode[], options: { seed?: number; lifetime?: AbortSignal } = {}) {
  const net = { up: true };
  return { ...poolWithPaths(nodes, { ...options, guardOk: () => net.up }), net };
}

/**
 * The state a total outage leaves: one path collected 3 strikes (its guard and relays left the pool)
 * and the rebuild kept the surviving guard, as no new guard passed its test.
 */
async function onePathLeft(s: ReturnType<typeof setup>): Promise<void> {
  await s.paths.ensure();
  expect(s.paths.current()).toHaveLength(2);
  s.net.up = false;
  const guard = s.paths.current()[0]![0]!.ed25519;
  for (let i = 0; i < 3; i++) await s.paths.recordPathFailure(guard);
  await s.paths.ensure();
  await settle();
  expect(s.paths.current()).toHaveLength(1);
  expect(s.paths.currentGuards()).toHaveLength(1);
}

describe('path recovery after an outage', () => {
  it('tops up to 2 guards and 2 paths at the next request once guards pass again, and says so', async () => {
    const s = setup(makeNodes(12));
    await onePathLeft(s);
    const restored: number[] = [];
    s.paths.events.on('restored', (e) => restored.push(e.paths.length));
    s.net.up = true;
    s.clock.advance(TOP_UP_INTERVAL_MS);
    await s.paths.pathAvoiding();
    await settle();
    expect(s.paths.current()).toHaveLength(2);
    expect(s.paths.currentGuards()).toHaveLength(2);
    expect(s.store.guards).toHaveLength(2);
    expect(restored).toEqual([2]);
  });

  it('retries a short top-up on its own, backing off (1 s, 2 s, …) while guards keep failing', async () => {
    const s = setup(makeNodes(12));
    await onePathLeft(s);
    // The top-up after the rebuild failed at once; the next ones come without any request, and
    // leave the working path alone while they find no new guard.
    const only = s.paths.current();
    const changes: number[] = [];
    s.paths.events.on('changed', (e) => changes.push(e.paths.length));
    let tests = s.tested.length;
    const testedAt: number[] = [];
    for (let t = 0; t < 8; t++) {
      s.clock.advance(500);
      await settle();
      if (s.tested.length > tests) testedAt.push((t + 1) * 500);
      tests = s.tested.length;
    }
    expect(testedAt).toEqual([1000, 3000]);
    expect(s.paths.current()).toEqual(only);
    expect(changes).toEqual([]);
    s.net.up = true;
    s.clock.advance(4000);
    await settle();
    expect(s.paths.current()).toHaveLength(2);
    // Full again: no more scheduled top-ups.
    tests = s.tested.length;
    s.clock.advance(60_000);
    await settle();
    expect(s.tested.length).toBe(tests);
  });

  it('rate-limits top-ups that requests ask for while guards keep failing', async () => {
    const s = setup(makeNodes(12));
    await onePathLeft(s);
    const tests = s.tested.length;
    for (let i = 0; i < 20; i++) await s.paths.ensure();
    await settle();
    expect(s.tested.length).toBe(tests);
    s.clock.advance(TOP_UP_INTERVAL_MS);
    await s.paths.ensure();
    await settle();
    expect(s.tested.length).toBeGreaterThan(tests);
  });

  it('gives a request whose target is in the only path a second path instead of failing with no-path', async () => {
    const s = setup(makeNodes(12));
    await onePathLeft(s);
    const only = s.paths.current()[0]!;
    // The network is back right after a top-up came up short: the request waits out the rest of the
    // top-up interval (this clock's sleeps move its time), then the top-up finds a second guard.
    s.net.up = true;
    s.clock.sleep = async (ms: number) => {
      s.clock.sleeps.push(ms);
      s.clock.time += ms;
    };
    const target = only[2]!.ed25519;
    const p = await s.paths.pathAvoiding(target);
    expect(p.some((n) => n.ed25519 === target)).toBe(false);
    expect(s.paths.current()).toHaveLength(2);
    expect(s.clock.sleeps).toEqual([TOP_UP_INTERVAL_MS]);
  });

  it('fails such a request with no-path after one more top-up while no new guard passes', async () => {
    const s = setup(makeNodes(12));
    await onePathLeft(s);
    const target = s.paths.current()[0]![1]!.ed25519;
    s.clock.advance(TOP_UP_INTERVAL_MS);
    const tests = s.tested.length;
    await expect(s.paths.pathAvoiding(target)).rejects.toMatchObject({ kind: 'no-path', detail: 'no path avoids the target node' });
    expect(s.tested.length).toBeGreaterThan(tests);
    expect(s.paths.current()).toHaveLength(1);
    // Each later request after the interval tries once more (and fails the same while guards fail).
    const again = s.tested.length;
    s.clock.advance(TOP_UP_INTERVAL_MS);
    await expect(s.paths.pathAvoiding(target)).rejects.toMatchObject({ kind: 'no-path' });
    expect(s.tested.length).toBeGreaterThan(again);
  });

  it("one caller's abort ends its own wait, not the build the others share", async () => {
    const nodes = makeNodes(12);
    const s = setup(nodes);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const testGuard = async (): Promise<boolean> => {
      await gate;
      return true;
    };
    const paths = new PathManager({ pool: s.pool, store: s.store, thresholds: customNetworkConfig('http://seed.test/').thresholds, clock: s.clock, random: seededRandom(3).random, testGuard });
    const impatient = new AbortController();
    const a = paths.ensure(impatient.signal);
    const b = paths.ensure();
    await settle();
    impatient.abort();
    await expect(a).rejects.toMatchObject({ kind: 'aborted' });
    release();
    await b;
    expect(paths.current()).toHaveLength(2);
  });

  it('the shared build stops with the client, whoever started it', async () => {
    const lifetime = new AbortController();
    const s = setup(makeNodes(12), { lifetime: lifetime.signal });
    // A guard test that only ends when its signal aborts (a silent node).
    const testGuard = (_n: Snode, signal?: AbortSignal): Promise<boolean> =>
      new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(new NetworkError('aborted')), { once: true }));
    const paths = new PathManager({
      pool: s.pool,
      store: s.store,
      thresholds: customNetworkConfig('http://seed.test/').thresholds,
      clock: s.clock,
      random: seededRandom(3).random,
      testGuard,
      lifetime: lifetime.signal,
    });
    const building = paths.ensure(); // a caller without a signal of its own
    await settle();
    lifetime.abort(new NetworkError('stopped'));
    await expect(building).rejects.toBeInstanceOf(NetworkError);
  });
});

describe('pool recovery after an outage', () => {
  it('refills from the seeds as soon as drops leave it at the minimum', async () => {
    const nodes = makeNodes(12);
    const s = setup(nodes);
    await s.pool.ensure();
    const refreshed: number[] = [];
    s.pool.events.on('refreshed', (e) => refreshed.push(e.size));
    for (const n of nodes.slice(0, 3)) await s.pool.drop(n.ed25519);
    await settle();
    expect(refreshed).toEqual([]);
    expect(s.pool.size).toBe(9);
    await s.pool.drop(nodes[3]!.ed25519);
    await settle();
    expect(refreshed).toEqual([12]);
    expect(s.pool.size).toBe(12);
    expect(s.store.pool).toHaveLength(12);
  });

  it('does not refill once the client stopped', async () => {
    const lifetime = new AbortController();
    const nodes = makeNodes(9);
    const s = setup(nodes, { lifetime: lifetime.signal });
    await s.pool.ensure();
    const seedCalls = s.http.requests.length;
    lifetime.abort(new NetworkError('stopped'));
    await s.pool.drop(nodes[0]!.ed25519);
    await settle();
    expect(s.http.requests.length).toBe(seedCalls);
  });

  it('callers of forceRefresh during a refresh share it', async () => {
    const s = setup(makeNodes(12));
    await s.pool.ensure();
    const before = s.http.requests.length;
    const results = await Promise.all([s.pool.forceRefresh(), s.pool.forceRefresh(), s.pool.forceRefresh()]);
    expect(results).toEqual(['seed', 'seed', 'seed']);
    expect(s.http.requests.length - before).toBe(1);
  });

  it("one caller's abort does not fail a shared pool load", async () => {
    const nodes = makeNodes(12);
    const s = setup(nodes);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    s.http.handler = async () => {
      await gate;
      return seedAnswer(nodes);
    };
    const impatient = new AbortController();
    const a = s.pool.ensure(impatient.signal);
    const b = s.pool.ensure();
    impatient.abort();
    await expect(a).rejects.toMatchObject({ kind: 'aborted' });
    release();
    await b;
    expect(s.pool.size).toBe(12);
  });
});

describe('SessionNetwork after an outage', () => {
  it('refreshes the pool once full paths are back after failed builds, and tells its listeners', async () => {
    await loadProtocol();
    const me = identityFromEd25519Seed(new Uint8Array(32).fill(4));
    const fake = new FakeNetwork(14);
    const store = new MemoryNetworkStore();
    const clock = new ManualClock(fake.nodeTime());
    const rnd = seededRandom(5);
    let down = true;
    fake.http.handler = ((route) => (req) => {
      if (down && new URL(req.url).pathname === '/storage_rpc/v1') throw new NetworkError('unreachable', { detail: 'ECONNREFUSED' });
      return route(req);
    })(fake.http.handler);
    const net = new SessionNetwork({ config: fake.config, store, http: fake.http, clock, random: rnd.random, randomBytes: rnd.randomBytes, codec: transparentCodec, ownPubkey: me.sessionId });
    const restored: number[] = [];
    net.events.on('restored', (e) => restored.push(e.paths.length));
    net.start();
    try {
      await expect(net.ready()).rejects.toMatchObject({ kind: 'no-path' });
      const seedCalls = (): number => fake.http.requests.filter((r) => r.url.endsWith('/json_rpc')).length;
      const before = seedCalls();
      down = false;
      await net.ready();
      await settle();
      expect(restored).toEqual([2]);
      // The refresh ran: consensus needs 16 nodes it cannot get from this 14-node network, so seeds.
      expect(seedCalls()).toBe(before + 1);
    } finally {
      net.stop();
    }
  });
});
