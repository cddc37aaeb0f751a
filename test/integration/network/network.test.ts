// The network client against a 12-node devnet on loopback: seed fetch, paths, get_swarm, store and
// retrieve through onion requests, path rebuild after node loss, 421 swarm moves and 406 clock skew.
import { startDevnet, type Devnet } from '../../../tools/devnet';
import { identityFromEd25519Seed, loadProtocol, type Identity } from '../../../ts/protocol';
import { customNetworkConfig, loadCustomNetwork } from '../../../ts/network/config';
import { createHttpClient, type HttpClient, type HttpRequest } from '../../../ts/network/http';
import { SessionNetwork } from '../../../ts/network/SessionNetwork';
import { MemoryNetworkStore } from '../../../ts/network/store';
import { subnet24, systemClock, type Clock } from '../../../ts/network/types';

jest.setTimeout(60_000);

const TTL = 24 * 3600 * 1000;
/** Real time and timers, but back-off sleeps return at once (retries stay bounded, tests stay fast). */
const fastClock: Clock = { ...systemClock(), sleep: () => Promise.resolve() };

function identity(byte: number): Identity {
  return identityFromEd25519Seed(new Uint8Array(32).fill(byte));
}

describe('SessionNetwork against the devnet', () => {
  let devnet: Devnet;
  let http: HttpClient;
  let onionRequests = 0;
  let store: MemoryNetworkStore;
  let net: SessionNetwork;
  let alice: Identity;
  let bob: Identity;

  beforeAll(async () => {
    await loadProtocol();
    alice = identity(1);
    bob = identity(2);
    devnet = await startDevnet({ nodes: 12, ons: { 'alice-ts': alice.sessionId } });
    http = createHttpClient();
    store = new MemoryNetworkStore();
    const config = await loadCustomNetwork(devnet.info.seedUrl, http);
    // Counts onion requests so tests can see retries happen (the payloads themselves are opaque).
    const counting: HttpClient = {
      request: (req: HttpRequest) => {
        if (req.url.endsWith('/onion_req/v2')) onionRequests++;
        return http.request(req);
      },
      close: () => undefined,
    };
    net = new SessionNetwork({ config, store, http: counting, clock: fastClock, ownPubkey: alice.sessionId });
    net.start();
  });

  afterAll(async () => {
    net?.stop();
    http?.close();
    await devnet?.stop();
  });

  it('learns the file server from network.json', async () => {
    expect(net.config.fileServer).toEqual({
      url: devnet.info.fileServer.url.replace(/\/+$/, ''),
      x25519: devnet.info.fileServer.x25519,
      ed25519: devnet.info.fileServer.ed25519,
    });
  });

  it('fetches the pool from the seed and builds 2 paths of 3 nodes in distinct /24s', async () => {
    await net.ready();
    expect(store.pool).toHaveLength(12);
    expect(store.guards).toHaveLength(2);
    const paths = net.getPaths();
    expect(paths).toHaveLength(2);
    const known = new Set(devnet.info.nodes.map((n) => n.ed25519));
    for (const p of paths) {
      expect(p.nodes).toHaveLength(3);
      expect(p.nodes.every((n) => known.has(n.ed25519))).toBe(true);
      expect(new Set(p.nodes.map((n) => subnet24(n.ip))).size).toBe(3);
    }
    expect(new Set(paths.flatMap((p) => p.nodes.map((n) => n.ed25519))).size).toBe(6);
  });

  it('gets a swarm through onion and persists it', async () => {
    const swarm = await net.getSwarm(bob.sessionId);
    const expected = devnet.swarmNodes(bob.sessionId).map((n) => n.ed25519).sort();
    expect(swarm.map((n) => n.ed25519).sort()).toEqual(expected);
    expect((store.swarms.get(bob.sessionId) ?? []).slice().sort()).toEqual(expected);
  });

  it('stores a message then retrieves it with a signed retrieve from 2 swarm nodes', async () => {
    const data = new TextEncoder().encode('hello through three hops');
    const stored = await net.storeMessage(bob.sessionId, 0, data, TTL);
    expect(stored.hash).toMatch(/^[A-Za-z0-9+/]{43}$/);
    const result = await net.retrieve(bob.sessionId, [0], () => undefined, { signer: { pubkey: bob.sessionId, ed25519: bob.ed25519 } });
    expect(result.perNode).toHaveLength(2);
    const got = result.merged.get(0) ?? [];
    expect(got.map((m) => m.hash)).toContain(stored.hash);
    expect(new TextDecoder().decode(got.find((m) => m.hash === stored.hash)!.data)).toBe('hello through three hops');
    // Per-node last hash: asking again after it returns nothing new from that node.
    const again = await net.retrieve(
      bob.sessionId,
      [0],
      (node) => result.perNode.find((p) => p.node === node)?.namespaces[0]?.messages.at(-1)?.hash,
      { signer: { pubkey: bob.sessionId, ed25519: bob.ed25519 } },
    );
    for (const p of again.perNode) {
      if (result.perNode.some((r) => r.node === p.node)) expect(p.namespaces[0]!.messages).toEqual([]);
    }
  });

  it('learns the network time from responses', () => {
    expect(Math.abs(net.networkNow() - Date.now())).toBeLessThan(5_000);
  });

  it('replaces the swarm on 421 after the account moves, and the store succeeds', async () => {
    const before = (await net.getSwarm(alice.sessionId)).map((n) => n.ed25519).sort();
    devnet.moveSwarm(alice.sessionId);
    const moved = devnet.swarmNodes(alice.sessionId).map((n) => n.ed25519).sort();
    expect(moved).not.toEqual(before);
    const stored = await net.storeMessage(alice.sessionId, 0, new TextEncoder().encode('after the move'), TTL);
    expect(moved).toContain(stored.node);
    expect((await net.getSwarm(alice.sessionId)).map((n) => n.ed25519).sort()).toEqual(moved);
    expect((store.swarms.get(alice.sessionId) ?? []).slice().sort()).toEqual(moved);
  });

  it('resyncs with a skewed node after 406 and retries once', async () => {
    const swarm = devnet.swarmNodes(bob.sessionId);
    for (const n of swarm) devnet.skewClock(n.ed25519, 5 * 60_000);
    try {
      await net.getSwarm(bob.sessionId); // cached: no request
      const before = onionRequests;
      const result = await net.retrieve(bob.sessionId, [0], () => undefined, { signer: { pubkey: bob.sessionId, ed25519: bob.ed25519 } });
      expect(result.failures).toEqual([]);
      expect(result.perNode).toHaveLength(2);
      // Per node: the retrieve (406), an `info` to learn the node's time, the retried retrieve.
      expect(onionRequests - before).toBe(6);
    } finally {
      for (const n of swarm) devnet.clearFaults(n.ed25519);
    }
  });

  it('resolves an ONS name through 3 nodes, and reports unknown names as not-found', async () => {
    await expect(net.onsResolve('Alice-TS')).resolves.toBe(alice.sessionId);
    await expect(net.onsResolve('nobody-here')).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('uploads to and downloads from the file server through onion v4', async () => {
    const file = new Uint8Array(3000).map((_, i) => i % 251);
    const up = await net.sendToServer({ method: 'POST', endpoint: '/file', body: file });
    expect(up.code).toBe(200);
    const { id } = JSON.parse(new TextDecoder().decode(up.body)) as { id: string };
    const down = await net.sendToServer({ method: 'GET', endpoint: `/file/${id}` });
    expect(down.code).toBe(200);
    expect(Buffer.from(down.body).equals(Buffer.from(file))).toBe(true);
    // A client configured with only the seed URL learns the file server from network.json on first use.
    const bare = new SessionNetwork({ config: customNetworkConfig(devnet.info.seedUrl), store: new MemoryNetworkStore(), http, clock: fastClock });
    try {
      const again = await bare.sendToServer({ method: 'GET', endpoint: `/file/${id}` });
      expect(Buffer.from(again.body).equals(Buffer.from(file))).toBe(true);
    } finally {
      bare.stop();
    }
  });

  it('a restarted client reuses the persisted pool, guards and swarms without asking the seed', async () => {
    const seen: string[] = [];
    const recording: HttpClient = {
      request: (req: HttpRequest) => {
        seen.push(new URL(req.url).pathname);
        return http.request(req);
      },
      close: () => undefined,
    };
    const guards = store.guards.slice().sort();
    const restarted = new SessionNetwork({ config: net.config, store, http: recording, clock: fastClock, ownPubkey: alice.sessionId });
    try {
      await restarted.ready();
      expect(restarted.getPaths().map((p) => p.nodes[0]!.ed25519).sort()).toEqual(guards);
      const swarm = await restarted.getSwarm(bob.sessionId);
      expect(swarm.map((n) => n.ed25519).sort()).toEqual(devnet.swarmNodes(bob.sessionId).map((n) => n.ed25519).sort());
      expect(seen).toEqual([]); // no seed fetch, no guard test, no get_swarm
      await restarted.storeMessage(bob.sessionId, 0, new TextEncoder().encode('after restart'), TTL);
      expect(seen).toContain('/onion_req/v2');
    } finally {
      restarted.stop();
    }
  });

  it('rebuilds paths when path nodes stop, and requests succeed again', async () => {
    await net.ready();
    const before = net.getPaths();
    expect(before).toHaveLength(2);
    // Stop the first relay of every path: each path fails until its strikes drop it and it is rebuilt.
    const victims = before.map((p) => p.nodes[1]!.ed25519);
    for (const v of victims) await devnet.stopNode(v);
    const requestsBefore = onionRequests;
    const usesVictim = (): boolean => net.getPaths().some((p) => p.nodes.some((n) => victims.includes(n.ed25519)));
    let stored: { hash: string } | undefined;
    let calls = 0;
    // Keep sending until a request succeeds and no path holds a stopped node (each broken path
    // needs 3 failures before it is dropped and rebuilt).
    for (let i = 0; i < 30 && (!stored || usesVictim()); i++) {
      calls++;
      stored = await net.storeMessage(bob.sessionId, 0, new TextEncoder().encode(`retry ${i}`), TTL).catch(() => undefined);
    }
    expect(stored?.hash).toMatch(/^[A-Za-z0-9+/]{43}$/);
    expect(usesVictim()).toBe(false);
    // More onion requests than calls: some went through a broken path first.
    expect(onionRequests - requestsBefore).toBeGreaterThan(calls);
    // Whether a guard goes too depends on which count reaches 3 first (spec network §2.8: the stopped relay's
    // node strikes drop the node, the path's strikes drop the path and its guard), so only the paths are checked.
    const after = net.getPaths();
    expect(after).toHaveLength(2);
    expect(after.map((p) => p.nodes.map((n) => n.ed25519).join())).not.toEqual(before.map((p) => p.nodes.map((n) => n.ed25519).join()));
  });
});
