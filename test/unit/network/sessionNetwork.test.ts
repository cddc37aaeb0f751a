// The facade and its transport against a scripted network: path- and destination-level status rules
// (§2.8), 421 swarm replacement, 406 resync-and-retry-once, polling from 2 nodes, scheduling, stop().
import { base64ToBytes, bytesToBase64, identityFromEd25519Seed, loadProtocol, messageHash, type Identity } from '../../../ts/protocol';
import { testnetConfig } from '../../../ts/network/config';
import { isNetworkError, NetworkError } from '../../../ts/network/errors';
import { SessionNetwork, defaultMaxSizes } from '../../../ts/network/SessionNetwork';
import { OnionReplyError, protocolOnionCodec } from '../../../ts/network/onionCodec';
import { MemoryNetworkStore } from '../../../ts/network/store';
import type { Snode } from '../../../ts/network/types';
import { ManualClock, seededRandom, textResponse } from './fakes';
import { FakeNetwork, batchReply, swarmBody, transparentCodec, type FakeRpc } from './fakeNetwork';

let alice: Identity;
beforeAll(async () => {
  await loadProtocol();
  alice = identityFromEd25519Seed(new Uint8Array(32).fill(1));
});

function setup(options: { seed?: number } = {}) {
  const fake = new FakeNetwork(14);
  const store = new MemoryNetworkStore();
  const clock = new ManualClock(fake.nodeTime());
  const rnd = seededRandom(options.seed ?? 5);
  const net = new SessionNetwork({
    config: fake.config,
    store,
    http: fake.http,
    clock,
    random: rnd.random,
    randomBytes: rnd.randomBytes,
    codec: transparentCodec,
    ownPubkey: alice.sessionId,
  });
  return { fake, store, clock, net };
}

/** Puts `members` in the store as the swarm of `pubkey` (so no get_swarm is needed). */
function seedSwarm(store: MemoryNetworkStore, pubkey: string, members: readonly Snode[]): void {
  store.swarms.set(pubkey, members.map((n) => n.ed25519));
}

const sub = (rpc: FakeRpc) => rpc.params.requests ?? [];

/** The hash a node gives a stored message (spec §4.1): the client checks it against the data it sent. */
function storedHash(r: { params: Record<string, unknown> }): string {
  return messageHash(r.params.pubkey as string, (r.params.namespace as number | undefined) ?? 0, base64ToBytes(r.params.data as string));
}

describe('defaultMaxSizes', () => {
  it('splits the budget like the reference poller', () => {
    expect(Object.fromEntries(defaultMaxSizes([0, 2, 3, 5, 4]))).toEqual({ 0: -2, 2: -8, 3: -8, 5: -8, 4: -8 });
    expect(Object.fromEntries(defaultMaxSizes([-11, 11, 13, 14, 12]))).toEqual({ 11: -2, [-11]: -8, 13: -8, 14: -8, 12: -8 });
    expect(defaultMaxSizes([0]).size).toBe(0);
  });
});

describe('storing', () => {
  it('sends a sequence with one unsigned store to a swarm member, avoiding it in the path', async () => {
    const { fake, store, net } = setup();
    const swarm = fake.nodes.slice(10, 14);
    seedSwarm(store, alice.sessionId, swarm);
    fake.handler = (_node, rpc) =>
      batchReply(sub(rpc).map((r) => ({ code: 200, body: { hash: storedHash(r), t: fake.nodeTime() + 1000, swarm: {} } })));
    const res = await net.storeMessage(alice.sessionId, 0, new Uint8Array([1, 2, 3]), 86_400_000);
    expect(res.hash).toBe(messageHash(alice.sessionId, 0, new Uint8Array([1, 2, 3])));
    const call = fake.calls.at(-1)!;
    expect(swarm.map((n) => n.ed25519)).toContain(call.node);
    expect(call.path).not.toContain(call.node);
    expect(call.rpc.method).toBe('sequence');
    expect(sub(call.rpc)).toEqual([
      { method: 'store', params: { pubkey: alice.sessionId, namespace: 0, timestamp: fake.nodeTime(), ttl: 86_400_000, data: 'AQID' } },
    ]);
    // The node's t (1 s ahead) became the network-time offset.
    expect(net.networkNow()).toBe(fake.nodeTime() + 1000);
  });

  it('replaces the swarm from a 421 body and retries on the new swarm', async () => {
    const { fake, store, net } = setup();
    const oldSwarm = fake.nodes.slice(10, 14);
    const newSwarm = fake.nodes.slice(6, 9);
    seedSwarm(store, alice.sessionId, oldSwarm);
    const newKeys = new Set(newSwarm.map((n) => n.ed25519));
    fake.handler = (node, rpc) =>
      newKeys.has(node.ed25519)
        ? batchReply(sub(rpc).map((r) => ({ code: 200, body: { hash: storedHash(r), t: fake.nodeTime() } })))
        : batchReply([{ code: 421, body: swarmBody(newSwarm, fake.nodeTime()) }]);
    const res = await net.storeMessage(alice.sessionId, 0, new Uint8Array([9]), 86_400_000);
    expect(newKeys.has(res.node)).toBe(true);
    expect(fake.calls).toHaveLength(2);
    expect(store.swarms.get(alice.sessionId)?.slice().sort()).toEqual([...newKeys].sort());
    expect((await net.getSwarm(alice.sessionId)).map((n) => n.ed25519).sort()).toEqual([...newKeys].sort());
  });

  it('drops the node from the swarm on a 421 without a usable swarm, then fails with wrong-swarm after 3 tries', async () => {
    const { fake, store, net } = setup();
    seedSwarm(store, alice.sessionId, fake.nodes.slice(9, 14));
    fake.handler = () => ({ status: 421, body: 'not here' });
    const err = await net.storeMessage(alice.sessionId, 0, new Uint8Array([9]), 86_400_000).catch((e: unknown) => e);
    expect(isNetworkError(err, 'wrong-swarm')).toBe(true);
    expect(store.swarms.get(alice.sessionId)).toHaveLength(2);
  });

  it('after a 406 asks the node its time and retries once with that time', async () => {
    const { fake, store, net } = setup();
    seedSwarm(store, alice.sessionId, fake.nodes.slice(10, 14));
    const skew = 120_000; // node is 2 minutes ahead
    fake.handler = (_node, rpc) => {
      const reqs = sub(rpc);
      if (reqs[0]?.method === 'info') return batchReply([{ code: 200, body: { version: [2, 8, 0], t: fake.nodeTime() + skew } }]);
      const ts = reqs[0]?.params.timestamp as number;
      if (Math.abs(ts - (fake.nodeTime() + skew)) > 10_000) return batchReply([{ code: 406, body: 'Timestamp error: check your clock' }]);
      return batchReply([{ code: 200, body: { hash: storedHash(reqs[0]!), t: fake.nodeTime() + skew } }]);
    };
    const res = await net.storeMessage(alice.sessionId, 0, new Uint8Array([1]), 86_400_000);
    expect(res.hash).toBe(messageHash(alice.sessionId, 0, new Uint8Array([1])));
    expect(fake.calls.map((c) => sub(c.rpc)[0]?.method)).toEqual(['store', 'info', 'store']);
    expect(sub(fake.calls[2]!.rpc)[0]?.params.timestamp).toBe(fake.nodeTime() + skew);
  });

  it('a second 406 is final: clock-skew with the user-facing clock message', async () => {
    const { fake, store, net } = setup();
    seedSwarm(store, alice.sessionId, fake.nodes.slice(10, 14));
    fake.handler = (_node, rpc) =>
      sub(rpc)[0]?.method === 'info'
        ? batchReply([{ code: 200, body: { version: [2, 8, 0], t: fake.nodeTime() } }])
        : batchReply([{ code: 406, body: 'Timestamp error: check your clock' }]);
    const err = (await net.storeMessage(alice.sessionId, 0, new Uint8Array([1]), 86_400_000).catch((e: unknown) => e)) as NetworkError;
    expect(err.kind).toBe('clock-skew');
    expect(err.message).toBe('Your clock is out of sync with the network. Check your clock.');
    expect(fake.calls).toHaveLength(3); // no further tries after the final clock error
  });

  it('refuses bad arguments without touching the network (rejected, not retried)', async () => {
    const { fake, store, net } = setup();
    seedSwarm(store, alice.sessionId, fake.nodes.slice(10, 14));
    await expect(net.storeMessage(alice.sessionId, 0, new Uint8Array([1]), 1)).rejects.toMatchObject({ kind: 'rejected' });
    expect(fake.calls).toHaveLength(0);
    await expect(net.storeMessage('07' + 'ab'.repeat(32), 0, new Uint8Array([1]), 86_400_000)).rejects.toMatchObject({ kind: 'rejected' });
  });
});

describe('status handling on the path and at the destination', () => {
  it('a guard that does not answer strikes its path; 3 strikes drop the guard and rebuild', async () => {
    const { fake, store, net } = setup();
    seedSwarm(store, alice.sessionId, fake.nodes.slice(10, 14));
    await net.ready();
    const deadGuard = net.getPaths()[0]!.nodes[0]!.ed25519;
    fake.guardHook = (guard) => {
      if (guard.ed25519 === deadGuard) throw new NetworkError('unreachable', { detail: 'ECONNREFUSED' });
      return undefined;
    };
    for (let i = 0; i < 12 && net.getPaths().some((p) => p.nodes[0]!.ed25519 === deadGuard); i++) {
      await net.storeMessage(alice.sessionId, 0, new Uint8Array([i]), 86_400_000).catch(() => undefined);
    }
    await net.ready();
    expect(net.getPaths().some((p) => p.nodes.some((n) => n.ed25519 === deadGuard))).toBe(false);
    expect(store.pool.some((n) => n.ed25519 === deadGuard)).toBe(false);
    expect(store.guards).not.toContain(deadGuard);
  });

  it('"Next node not found" drops that node at once and replaces it in the path', async () => {
    const { fake, store, net } = setup();
    seedSwarm(store, alice.sessionId, fake.nodes.slice(10, 14));
    await net.ready();
    const relay = net.getPaths()[0]!.nodes[1]!.ed25519;
    fake.handler = (_n, rpc) => batchReply(sub(rpc).map((r) => ({ code: 200, body: { hash: storedHash(r), t: fake.nodeTime() } })));
    let once = true;
    fake.guardHook = () => {
      if (!once) return undefined;
      once = false;
      return textResponse(502, `Next node not found: ${relay}`);
    };
    await net.storeMessage(alice.sessionId, 0, new Uint8Array([1]), 86_400_000);
    expect(store.pool.some((n) => n.ed25519 === relay)).toBe(false);
    expect(net.getPaths().flatMap((p) => p.nodes.map((n) => n.ed25519))).not.toContain(relay);
    expect(net.getPaths()).toHaveLength(2);
  });

  it('a path-level 406 is a clock error without any strike', async () => {
    const { fake, store, net } = setup();
    seedSwarm(store, alice.sessionId, fake.nodes.slice(10, 14));
    await net.ready();
    const paths = JSON.stringify(net.getPaths());
    fake.guardHook = () => textResponse(406, 'Timestamp error');
    fake.handler = (_n, rpc) => batchReply(sub(rpc).map(() => ({ code: 200, body: { version: [2], t: fake.nodeTime() } })));
    await expect(net.storeMessage(alice.sessionId, 0, new Uint8Array([1]), 86_400_000)).rejects.toMatchObject({ kind: 'clock-skew' });
    expect(JSON.stringify(net.getPaths())).toBe(paths);
  });

  it('destination 5xx strikes the destination; at 3 it leaves the pool and the swarm', async () => {
    const { fake, store, net } = setup();
    const swarm = fake.nodes.slice(10, 14);
    seedSwarm(store, alice.sessionId, swarm);
    const bad = swarm[0]!.ed25519;
    fake.handler = (node, rpc) =>
      node.ed25519 === bad
        ? { status: 503, body: 'Service node is not ready' }
        : batchReply(sub(rpc).map((r) => ({ code: 200, body: { hash: storedHash(r), t: fake.nodeTime() } })));
    await net.ready();
    for (let i = 0; i < 20 && store.pool.some((n) => n.ed25519 === bad); i++) {
      await net.storeMessage(alice.sessionId, 0, new Uint8Array([i]), 86_400_000);
    }
    expect(fake.calls.filter((c) => c.node === bad)).toHaveLength(3);
    expect(store.pool.some((n) => n.ed25519 === bad)).toBe(false);
    expect(store.swarms.get(alice.sessionId)).not.toContain(bad);
  });
});

describe('polling', () => {
  it('asks 2 swarm members with signed retrieves and per-node last hashes, merging by hash', async () => {
    const { fake, store, net } = setup();
    const swarm = fake.nodes.slice(10, 14);
    seedSwarm(store, alice.sessionId, swarm);
    const msg = (h: string) => {
      const data = new TextEncoder().encode(h);
      return { hash: messageHash(alice.sessionId, 0, data), timestamp: 1, expiration: 2, data: bytesToBase64(data) };
    };
    fake.handler = (node, rpc) =>
      batchReply(
        sub(rpc).map((r) => ({
          code: 200,
          body: { messages: r.params.namespace === 0 ? [msg('x'), msg(node.ed25519 === swarm[0]!.ed25519 ? 'y' : 'z')] : [], more: false, t: fake.nodeTime() },
        })),
      );
    const res = await net.retrieve(alice.sessionId, [0, 2], (node, ns) => (ns === 0 ? `${node.slice(0, 1)}`.repeat(43) : undefined), {
      signer: { pubkey: alice.sessionId, ed25519: alice.ed25519 },
    });
    expect(res.perNode).toHaveLength(2);
    expect(new Set(fake.calls.map((c) => c.node)).size).toBe(2);
    for (const c of fake.calls) {
      const [r0, r2] = sub(c.rpc);
      expect(r0).toMatchObject({ method: 'retrieve', params: { pubkey: alice.sessionId, namespace: 0, max_size: -2, last_hash: c.node.slice(0, 1).repeat(43) } });
      expect(typeof r0!.params.signature).toBe('string');
      expect(r2).toMatchObject({ method: 'retrieve', params: { namespace: 2, max_size: -2 } });
      expect(r2!.params.last_hash).toBeUndefined();
    }
    const texts = res.merged.get(0)!.map((m) => new TextDecoder().decode(m.data));
    expect(texts.filter((h) => h === 'x')).toHaveLength(1);
    expect(res.merged.get(2)).toEqual([]);
  });

  it('succeeds with one node answering and reports the other as a failure', async () => {
    const { fake, store, net } = setup();
    const swarm = fake.nodes.slice(12, 14);
    seedSwarm(store, alice.sessionId, [...swarm, fake.nodes[11]!]);
    fake.handler = (node, rpc) =>
      node.ed25519 === swarm[0]!.ed25519 || node.ed25519 === fake.nodes[11]!.ed25519
        ? { status: 500, body: 'boom' }
        : batchReply(sub(rpc).map(() => ({ code: 200, body: { messages: [], more: false } })));
    const res = await net.retrieve(alice.sessionId, [0], () => undefined, { signer: { pubkey: alice.sessionId, ed25519: alice.ed25519 } });
    expect(res.perNode.length + res.failures.length).toBe(2);
    if (res.failures.length) expect(res.failures[0]!.error.kind).toBe('server-error');
  });
});

describe('swarms', () => {
  it('fetches get_swarm through onion when nothing is cached, then serves it from the cache', async () => {
    const { fake, store, net } = setup();
    const members = fake.nodes.slice(3, 7);
    fake.handler = (_n, rpc) => batchReply(sub(rpc).map(() => ({ code: 200, body: JSON.stringify(swarmBody(members, fake.nodeTime())) })));
    const swarm = await net.getSwarm(alice.sessionId);
    expect(swarm.map((n) => n.ed25519).sort()).toEqual(members.map((n) => n.ed25519).sort());
    expect(sub(fake.calls[0]!.rpc)).toEqual([{ method: 'get_swarm', params: { pubkey: alice.sessionId } }]);
    await net.getSwarm(alice.sessionId);
    expect(fake.calls).toHaveLength(1);
    expect(store.swarms.get(alice.sessionId)).toHaveLength(4);
  });

  it('an empty get_swarm is swarm-unavailable after bounded retries', async () => {
    const { fake, net, clock } = setup();
    fake.handler = (_n, rpc) => batchReply(sub(rpc).map(() => ({ code: 200, body: { snodes: [], swarm: 'ffffffffffffffff' } })));
    await expect(net.getSwarm(alice.sessionId)).rejects.toMatchObject({ kind: 'swarm-unavailable' });
    expect(fake.calls).toHaveLength(4);
    expect(clock.sleeps.slice(-3)).toEqual([100, 200, 400]);
  });
});

describe('lifecycle', () => {
  it('refreshes the pool 5 minutes after start, then hourly, and the own swarm hourly', async () => {
    const { fake, clock, net } = setup();
    net.start();
    await net.ready();
    const seedCalls = () => fake.http.requests.filter((r) => r.url.endsWith('/json_rpc')).length;
    const getSwarms = () => fake.calls.filter((c) => sub(c.rpc)[0]?.method === 'get_swarm').length;
    const members = fake.nodes.slice(3, 7);
    fake.handler = (_n, rpc) =>
      batchReply(
        sub(rpc).map((r) =>
          r.method === 'get_swarm'
            ? { code: 200, body: swarmBody(members, fake.nodeTime()) }
            : { code: 200, body: { result: { service_node_states: [] } } },
        ),
      );
    expect(seedCalls()).toBe(1);
    clock.advance(4 * 60_000);
    expect(seedCalls()).toBe(1);
    clock.advance(60_000);
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    // Consensus got empty lists, so the refresh fell back to the seed.
    await waitFor(() => seedCalls() === 2);
    clock.advance(55 * 60_000);
    await waitFor(() => getSwarms() === 1);
    clock.advance(5 * 60_000);
    await waitFor(() => seedCalls() === 3);
    net.stop();
    expect(clock.pendingTimers).toBe(0);
  });

  it('after stop every call fails with a typed stopped error', async () => {
    const { net } = setup();
    net.start();
    net.stop();
    await expect(net.getSwarm(alice.sessionId)).rejects.toMatchObject({ kind: 'stopped' });
    expect(() => net.stop()).not.toThrow();
  });

  it('reports path status events for the UI', async () => {
    const { net } = setup();
    const events: string[] = [];
    net.events.on('paths', (e) => events.push(`${e.status}:${e.paths.length}`));
    net.start();
    await net.ready();
    expect(events).toEqual(['building:0', 'ready:2']);
    expect(net.getPaths()[0]!.nodes[0]).toEqual(expect.objectContaining({ ip: expect.any(String), ed25519: expect.stringMatching(/^[0-9a-f]{64}$/) }));
    net.stop();
  });

  it('ONS: invalid names are rejected locally; a missing record is not-found; testnet has no ONS', async () => {
    const { fake, net } = setup();
    await expect(net.onsResolve('-bad-')).rejects.toMatchObject({ kind: 'rejected' });
    expect(fake.calls).toHaveLength(0);
    fake.handler = (_n, rpc) => batchReply(sub(rpc).map(() => ({ code: 200, body: { result: {}, t: fake.nodeTime() } })));
    await expect(net.onsResolve('Somebody')).rejects.toMatchObject({ kind: 'not-found' });
    expect(fake.calls).toHaveLength(3);
    expect(sub(fake.calls[0]!.rpc)[0]).toMatchObject({ method: 'oxend_request', params: { endpoint: 'ons_resolve', params: { type: 0 } } });
    const testnet = new SessionNetwork({ config: testnetConfig(), store: new MemoryNetworkStore(), http: fake.http, codec: transparentCodec });
    await expect(testnet.onsResolve('somebody')).rejects.toMatchObject({ kind: 'not-configured' });
  });

  it('without a file server, sendToServer fails with not-configured', async () => {
    const { net } = setup();
    await expect(net.sendToServer({ method: 'GET', endpoint: '/file/1' })).rejects.toMatchObject({ kind: 'not-configured' });
  });
});

async function waitFor(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setImmediate(r));
  expect(cond()).toBe(true);
}

describe('hostile replies', () => {
  /** A node no seed ever listed, in the shape get_swarm gives it. */
  const stranger = (i: number): Snode => ({ ip: `10.9.${i}.1`, port: 4000 + i, ed25519: `${'e'.repeat(62)}${i}${i}`, x25519: `${'f'.repeat(62)}${i}${i}` });

  it('a destination whose reply is not a batch is struck for it; at 3 it leaves the pool, and sends go on elsewhere', async () => {
    const { fake, store, net } = setup();
    const swarm = fake.nodes.slice(10, 14);
    seedSwarm(store, alice.sessionId, swarm);
    const liar = swarm[1]!.ed25519;
    fake.handler = (node, rpc) =>
      node.ed25519 === liar
        ? { status: 200, body: '{"results":[{"code":200,"bo' }
        : batchReply(sub(rpc).map((r) => ({ code: 200, body: { hash: storedHash(r), t: fake.nodeTime() } })));
    await net.ready();
    for (let i = 0; i < 30 && store.pool.some((n) => n.ed25519 === liar); i++) {
      await net.storeMessage(alice.sessionId, 0, new Uint8Array([i]), 86_400_000);
    }
    expect(fake.calls.filter((c) => c.node === liar)).toHaveLength(3);
    expect(store.swarms.get(alice.sessionId)).not.toContain(liar);
  });

  it('a store answered with a hash that is not the message\'s is struck and sent elsewhere', async () => {
    const { fake, store, net } = setup();
    const swarm = fake.nodes.slice(10, 14);
    seedSwarm(store, alice.sessionId, swarm);
    const liar = swarm[0]!.ed25519;
    fake.handler = (node, rpc) =>
      batchReply(sub(rpc).map((r) => ({ code: 200, body: { hash: node.ed25519 === liar ? 'A'.repeat(43) : storedHash(r), t: fake.nodeTime() } })));
    await net.ready();
    let liarAsked = 0;
    for (let i = 0; i < 30 && store.pool.some((n) => n.ed25519 === liar); i++) {
      const res = await net.storeMessage(alice.sessionId, 0, new Uint8Array([i]), 86_400_000);
      expect(res.node).not.toBe(liar);
      expect(res.hash).toBe(messageHash(alice.sessionId, 0, new Uint8Array([i])));
      liarAsked = fake.calls.filter((c) => c.node === liar).length;
    }
    expect(liarAsked).toBe(3);
    expect(store.pool.some((n) => n.ed25519 === liar)).toBe(false);
  });

  it('a 421 keeps only pool nodes of the swarm it names, never its sender', async () => {
    const { fake, store, net } = setup();
    const oldSwarm = fake.nodes.slice(10, 14);
    const targets = fake.nodes.slice(5, 8);
    const isTarget = (n: Snode): boolean => targets.some((t) => t.ed25519 === n.ed25519);
    seedSwarm(store, alice.sessionId, oldSwarm);
    fake.handler = (node, rpc) =>
      isTarget(node)
        ? batchReply(sub(rpc).map((r) => ({ code: 200, body: { hash: storedHash(r), t: fake.nodeTime() } })))
        : batchReply([{ code: 421, body: swarmBody([stranger(1), node, ...targets, stranger(2)], fake.nodeTime()) }]);
    const res = await net.storeMessage(alice.sessionId, 0, new Uint8Array([9]), 86_400_000);
    expect(isTarget(fake.byEd(res.node))).toBe(true);
    expect(store.swarms.get(alice.sessionId)?.slice().sort()).toEqual(targets.map((t) => t.ed25519).sort());
  });

  it('a get_swarm naming no pool node is struck and asked of another node', async () => {
    const { fake, net } = setup();
    const members = fake.nodes.slice(3, 7);
    let first: string | undefined;
    fake.handler = (node, rpc) => {
      first ??= node.ed25519;
      const list = node.ed25519 === first ? [stranger(1), stranger(2), stranger(3)] : members;
      return batchReply(sub(rpc).map(() => ({ code: 200, body: swarmBody(list, fake.nodeTime()) })));
    };
    const swarm = await net.getSwarm(alice.sessionId);
    expect(swarm.map((n) => n.ed25519).sort()).toEqual(members.map((n) => n.ed25519).sort());
    expect(fake.calls.length).toBeGreaterThanOrEqual(2);
  });

  it('an unencrypted {"result":…} reply is refused as the path\'s, not read', () => {
    const codec = protocolOnionCodec((n) => new Uint8Array(n).fill(7));
    const fake = new FakeNetwork(4);
    const built = codec.snodeRequest(fake.nodes.slice(0, 3), fake.nodes[3]!, new TextEncoder().encode('{}'));
    const err = (() => {
      try {
        built.decode(new TextEncoder().encode('  {"result":{"results":[{"code":200,"body":{}}]}}'));
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(OnionReplyError);
    expect(err).toMatchObject({ blame: 'path', kind: 'bad-response' });
    // Garbage that is not even base64 is the path's too; only the destination can make a reply that decrypts.
    expect(() => built.decode(new TextEncoder().encode('%%%'))).toThrow(expect.objectContaining({ blame: 'path' }) as Error);
  });
});
