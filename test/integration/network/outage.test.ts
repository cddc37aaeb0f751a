// Recovery after a total outage: every devnet node stops while the client keeps sending and polling
// (strikes pile up on paths, guards and pool entries), then every node starts again. Requests to any
// node, and a queued outbox send, must succeed again within a few seconds.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openBackend, type Backend } from '../../../ts/backend';
import { silentLogger } from '../../../ts/backend/log';
import { startDevnet, type Devnet } from '../../../tools/devnet';
import { identityFromEd25519Seed, loadProtocol, type Identity } from '../../../ts/protocol';
import { loadCustomNetwork } from '../../../ts/network/config';
import { createHttpClient, type HttpClient, type HttpRequest } from '../../../ts/network/http';
import { SessionNetwork } from '../../../ts/network/SessionNetwork';
import { MemoryNetworkStore } from '../../../ts/network/store';

jest.setTimeout(90_000);

const TTL = 24 * 3600 * 1000;
/** Recovery budget once every node runs again (the fixed client needs a few seconds at most). */
const RECOVERY_MS = 15_000;

function identity(byte: number): Identity {
  return identityFromEd25519Seed(new Uint8Array(32).fill(byte));
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Stops every node (stopNode drops every connection, so this returns at once). */
async function stopAllNodes(devnet: Devnet): Promise<void> {
  await Promise.all(devnet.info.nodes.map((n) => devnet.stopNode(n.ed25519)));
}

/** Calls `fn` until it resolves; the last error is rethrown once `timeoutMs` has passed. */
async function eventually<T>(what: string, fn: () => Promise<T>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > end) throw new Error(`${what} did not succeed within ${timeoutMs} ms: ${err instanceof Error ? err.message : String(err)}`);
    }
    await sleep(100);
  }
}

describe('SessionNetwork after a total outage', () => {
  let devnet: Devnet;
  let http: HttpClient;
  let store: MemoryNetworkStore;
  let net: SessionNetwork;
  let alice: Identity;
  let bob: Identity;
  let refused = 0;

  beforeAll(async () => {
    await loadProtocol();
    alice = identity(11);
    bob = identity(12);
    devnet = await startDevnet({ nodes: 12, swarmSize: 4, fanoutTimeoutMs: 500, relayTimeoutMs: 2_000, ons: { 'alice-outage': alice.sessionId } });
    http = createHttpClient();
    const counting: HttpClient = {
      request: (req: HttpRequest) =>
        http.request(req).catch((err: unknown) => {
          refused++;
          throw err;
        }),
      close: () => undefined,
    };
    store = new MemoryNetworkStore();
    const config = await loadCustomNetwork(devnet.info.seedUrl, http);
    // The real clock: back-off sleeps take the time they take in the app.
    net = new SessionNetwork({ config, store, http: counting, ownPubkey: alice.sessionId });
    net.start();
    await net.ready();
  });

  afterAll(async () => {
    net?.stop();
    http?.close();
    await devnet?.stop();
  });

  it('gets its paths, pool and requests back once every node runs again', async () => {
    const signer = { pubkey: bob.sessionId, ed25519: bob.ed25519 };
    await net.storeMessage(bob.sessionId, 0, new TextEncoder().encode('before'), TTL);
    expect(net.getPaths()).toHaveLength(2);

    // A path collected its strikes (its guard and relays left the pool) and the rebuild around the
    // surviving guard could test no new guard: one path is left. The nodes come back in that state.
    const onePathLeft = (): boolean => store.guards.length < 2 && net.getPaths().length === 1;
    const refusedBefore = refused;
    let cycles = 0;
    let reached = false;
    while (!reached && cycles < 5) {
      cycles++;
      await stopAllNodes(devnet);
      try {
        // Polls during the outage, one at a time, each after any rebuild settled. When both guards go
        // in one poll no single path can come back in this outage: the nodes restart and it goes again.
        const end = Date.now() + 20_000;
        for (;;) {
          await net.ready().catch(() => undefined);
          reached = onePathLeft();
          if (reached || store.guards.length === 0 || Date.now() > end) break;
          await net.retrieve(bob.sessionId, [0], () => undefined, { signer }).catch(() => undefined);
        }
      } finally {
        await Promise.all(devnet.info.nodes.map((n) => devnet.startNode(n.ed25519)));
      }
      if (!reached) await eventually('recovery before the next outage', () => net.storeMessage(bob.sessionId, 0, new TextEncoder().encode('between'), TTL), 30_000);
    }
    expect(reached).toBe(true);
    expect(refused - refusedBefore).toBeGreaterThanOrEqual(3);

    const back = Date.now();
    await eventually('a store', () => net.storeMessage(bob.sessionId, 0, new TextEncoder().encode('after'), TTL), RECOVERY_MS);
    await eventually('a poll', () => net.retrieve(bob.sessionId, [0], () => undefined, { signer }), RECOVERY_MS);
    // Both paths come back (not just the one around the surviving guard) without further traffic.
    await eventually('two paths', async () => {
      if (net.getPaths().length !== 2) throw new Error(`${net.getPaths().length} path(s)`);
    }, RECOVERY_MS);
    expect(Date.now() - back).toBeLessThan(RECOVERY_MS);
    // Every node is reachable as a destination again: ONS asks 3 random pool nodes and needs all 3;
    // a lookup must not fail because the only path holds one of them.
    for (let i = 0; i < 8; i++) await expect(net.onsResolve('alice-outage')).resolves.toBe(alice.sessionId);
    // The pool is refreshed after the recovery: the nodes dropped during the outage are back.
    await eventually('the full pool', async () => {
      if (store.pool.length !== devnet.info.nodes.length) throw new Error(`${store.pool.length} nodes`);
    }, RECOVERY_MS);
  });
});

describe('the outbox after a total outage', () => {
  let devnet: Devnet;
  let root: string;
  let alice: Backend;
  let B: string;
  const failedAttempts: string[] = [];

  beforeAll(async () => {
    await loadProtocol();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'outage-int-'));
    devnet = await startDevnet({ nodes: 12, swarmSize: 4, fanoutTimeoutMs: 500, relayTimeoutMs: 2_000 });
    alice = await openBackend({
      dataDir: root,
      seedUrl: devnet.info.seedUrl,
      profile: 'alice',
      host: 'cli',
      appVersion: '0.0.0',
      logger: {
        ...silentLogger,
        warn: (m: string) => {
          if (m.startsWith('outbox: ')) failedAttempts.push(m);
        },
      },
      // A back-off much longer than the recovery budget: a send that failed during the outage must
      // not wait it out once the network is back.
      engine: { pollIntervalMs: 100, sendRetry: { attempts: 100, minDelayMs: 60_000, maxDelayMs: 60_000 } },
    });
    await alice.handlers['account.create']({ displayName: 'Alice' });
    B = identity(13).sessionId;
  });

  afterAll(async () => {
    await alice?.close();
    await devnet?.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  const statusOf = async (id: string): Promise<string | undefined> =>
    (await alice.handlers['messages.list']({ conversationId: B })).find((x) => x.id === id)?.status;

  it('sends a message queued during the outage as soon as the network is back', async () => {
    const first = await alice.handlers['messages.send']({ to: B, text: 'before' });
    await eventually('first send', async () => {
      if ((await statusOf(first.id)) !== 'sent') throw new Error('not sent yet');
    }, 30_000);

    await stopAllNodes(devnet);
    let id: string;
    try {
      id = (await alice.handlers['messages.send']({ to: B, text: 'queued in the outage' })).id;
      // The poller keeps polling meanwhile (paths collect strikes); wait for a failed send attempt.
      await eventually('a failed send attempt', async () => {
        if (failedAttempts.length === 0) throw new Error('no failed attempt yet');
      }, 60_000);
      expect(await statusOf(id)).toBe('sending');
    } finally {
      await Promise.all(devnet.info.nodes.map((n) => devnet.startNode(n.ed25519)));
    }
    await eventually('the queued send', async () => {
      if ((await statusOf(id)) !== 'sent') throw new Error('not sent yet');
    }, RECOVERY_MS);
  });
});
