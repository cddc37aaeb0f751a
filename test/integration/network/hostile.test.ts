// Malicious service nodes on a devnet (tools/devnet misbehave modes): a node that answers with an
// enormous body, drips its reply, sends broken JSON or truncated onion replies, lies about swarms or signs
// wrongly. For each, the client keeps sending and receiving through other nodes and paths within a bounded
// number of calls, refuses oversize bodies at its cap, strikes the node (spec network §2.8) until it leaves
// the pool, and leaves no promise rejection unhandled.
import { startDevnet, type Devnet } from '../../../tools/devnet';
import { identityFromEd25519Seed, loadProtocol, type Identity } from '../../../ts/protocol';
import { loadCustomNetwork, type NetworkConfig } from '../../../ts/network/config';
import { createHttpClient, type HttpClient } from '../../../ts/network/http';
import { SessionNetwork } from '../../../ts/network/SessionNetwork';
import { MemoryNetworkStore } from '../../../ts/network/store';
import { systemClock, type Clock, type Snode } from '../../../ts/network/types';

jest.setTimeout(60_000);

const TTL = 24 * 3600 * 1000;
/** A short limit keeps the slow-drip case quick (the drip itself would take minutes) with room for a busy CI machine. */
const RPC_TIMEOUT_MS = 3_000;
/** Real time and timers, but back-off sleeps return at once (retries stay bounded, tests stay fast). */
const fastClock: Clock = { ...systemClock(), sleep: () => Promise.resolve() };
const MiB = 1024 * 1024;

/**
 * Remembers every node that left the pool. A pool refilled from the seed (when drops leave 8 or fewer, or after
 * paths were rebuilt) lists a struck-out node again with its strikes reset (spec §1.5), so "it left" is what
 * can be checked, not "it stays out".
 */
class RecordingStore extends MemoryNetworkStore {
  readonly dropped = new Set<string>();

  override async savePool(nodes: readonly Snode[]): Promise<void> {
    const kept = new Set(nodes.map((n) => n.ed25519));
    for (const n of this.pool) if (!kept.has(n.ed25519)) this.dropped.add(n.ed25519);
    await super.savePool(nodes);
  }
}

function identity(byte: number): Identity {
  return identityFromEd25519Seed(new Uint8Array(32).fill(byte));
}

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('a malicious devnet node', () => {
  let devnet: Devnet;
  let http: HttpClient;
  let config: NetworkConfig;
  let bob: Identity;
  let clients: SessionNetwork[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    await loadProtocol();
    bob = identity(21);
    // Swarms of 3: a hostile member is one of the 2 nodes a poll asks 2 times in 3.
    devnet = await startDevnet({ nodes: 12, swarmSize: 3, relayTimeoutMs: 2_000, fanoutTimeoutMs: 500 });
    http = createHttpClient();
    config = await loadCustomNetwork(devnet.info.seedUrl, http);
  });

  afterEach(() => {
    for (const c of clients) c.stop();
    clients = [];
    devnet.clearFaults();
  });

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    http?.close();
    await devnet?.stop();
  });

  /** A fresh client (its own pool, strikes and paths) with paths built before any node misbehaves. */
  async function client(): Promise<{ net: SessionNetwork; store: RecordingStore }> {
    const store = new RecordingStore();
    const net = new SessionNetwork({ config, store, http, clock: fastClock, ownPubkey: bob.sessionId, timeouts: { rpcMs: RPC_TIMEOUT_MS, guardTestMs: RPC_TIMEOUT_MS } });
    clients.push(net);
    net.start();
    await net.ready();
    return { net, store };
  }

  /**
   * An account none of `nodes` serves. A hostile node that is the destination rather than on the path
   * makes honest paths look broken (it answers through them); these tests put it on the path only.
   */
  function accountAvoiding(...nodes: string[]): Identity {
    for (let b = 30; b < 90; b++) {
      const id = identity(b);
      if (!devnet.swarmNodes(id.sessionId).some((n) => nodes.includes(n.ed25519))) return id;
    }
    throw new Error('no account outside those swarms');
  }

  /** An account and one of its swarm members that is in no current path (so it lies only as the destination). */
  function memberOffPath(net: SessionNetwork, from = 100): { who: Identity; member: string } {
    const onPath = new Set(net.getPaths().flatMap((p) => p.nodes.map((n) => n.ed25519)));
    for (let b = from; b < from + 60; b++) {
      const who = identity(b);
      const member = devnet.swarmNodes(who.sessionId).find((n) => !onPath.has(n.ed25519));
      if (member) return { who, member: member.ed25519 };
    }
    throw new Error('every swarm member is on a path');
  }

  const signer = (who: Identity = bob): { pubkey: string; ed25519: Identity['ed25519'] } => ({ pubkey: who.sessionId, ed25519: who.ed25519 });

  /**
   * A poll must succeed within 3 calls. It asks 2 nodes at once (one answer is enough), so a path with a
   * hostile node can fail both of one poll and, its third strike coming with one still in flight, both of
   * the next; after that it is gone.
   */
  async function pollWithin3Calls(net: SessionNetwork, who: Identity = bob): ReturnType<SessionNetwork['retrieve']> {
    const poll = (): ReturnType<SessionNetwork['retrieve']> => net.retrieve(who.sessionId, [0], () => undefined, { signer: signer(who) });
    return poll()
      .catch(poll)
      .catch(poll);
  }
  const struckOut = (store: RecordingStore, ed: string): boolean => store.dropped.has(ed);
  const inPaths = (net: SessionNetwork, ed: string): boolean => net.getPaths().some((p) => p.nodes.some((n) => n.ed25519 === ed));
  const hostileBytes = (): number => devnet.info.nodes.reduce((sum, n) => sum + devnet.hostileBytesSent(n.ed25519), 0);

  /**
   * A send must succeed within 2 calls (3 tries each): a hostile node in a path costs that path at most
   * 3 strikes before it is dropped, so a second call never meets it again.
   */
  async function sendWithin2Calls(net: SessionNetwork, label: string, to: Identity = bob): Promise<{ hash: string; node: string }> {
    try {
      return await net.storeMessage(to.sessionId, 0, text(label), TTL);
    } catch {
      return net.storeMessage(to.sessionId, 0, text(`${label} (again)`), TTL);
    }
  }

  /** Sends and polls until `done()` (sends within 2 calls, polls within 3); `done` must come within `max` rounds. */
  async function sendUntil(net: SessionNetwork, to: Identity, what: string, done: () => boolean, max: number): Promise<number> {
    let sends = 0;
    while (!done()) {
      if (sends >= max) throw new Error(`${what} not reached after ${max} sends`);
      await sendWithin2Calls(net, `${what} ${sends}`, to);
      await pollWithin3Calls(net, to);
      sends++;
    }
    return sends;
  }

  it('huge: a guard streaming hundreds of MB is cut off at the cap, struck and dropped; memory stays flat', async () => {
    const { net, store } = await client();
    const guard = net.getPaths()[0]!.nodes[0]!.ed25519;
    const to = accountAvoiding(guard);
    devnet.misbehaveNode(guard, { mode: 'huge', bytes: 256 * MiB });
    const rssBefore = process.memoryUsage().rss;
    const bytesBefore = hostileBytes();
    await sendUntil(net, to, 'huge guard', () => struckOut(store, guard) && !inPaths(net, guard), 20);
    // Each reply the guard answered through this path was refused at the 16 MiB cap (at most 3: the
    // path's strikes drop the guard): far below the 3 × 256 MiB it tried to send.
    const sent = hostileBytes() - bytesBefore;
    expect(sent).toBeGreaterThan(16 * MiB);
    expect(sent).toBeLessThan(3 * 48 * MiB);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * MiB);
  });

  it('huge with a declared length: a relay whose reply announces 1 GiB is refused before its body is read', async () => {
    const { net, store } = await client();
    const relay = net.getPaths()[0]!.nodes[1]!.ed25519;
    const to = accountAvoiding(relay);
    devnet.misbehaveNode(relay, { mode: 'huge', bytes: 1024 * MiB, declareLength: true });
    const bytesBefore = hostileBytes();
    await sendUntil(net, to, 'huge relay', () => struckOut(store, relay) && !inPaths(net, relay), 20);
    // Only what the sockets buffered before the client hung up at the headers.
    expect(hostileBytes() - bytesBefore).toBeLessThan(3 * 16 * MiB);
  });

  it('huge: a swarm member answering hundreds of MB through honest paths is struck with them and dropped', async () => {
    const { net, store } = await client();
    const { who, member: liar } = memberOffPath(net, 400);
    devnet.misbehaveNode(liar, { mode: 'huge', bytes: 256 * MiB });
    const bytesBefore = hostileBytes();
    let polls = 0;
    while (!struckOut(store, liar)) {
      expect(polls++).toBeLessThan(30);
      await pollWithin3Calls(net, who);
    }
    // 3 replies cut off at the cap; the honest guards that carried them wrote them, the liar made them.
    expect(hostileBytes() - bytesBefore).toBeLessThan(3 * 48 * MiB);
    // (Its strikes on the honest paths may drop their relays too, and a pool refilled from the seed then lists
    // the liar again, strikes reset as spec §1.5 says: it is struck out again the same way.)
    await sendWithin2Calls(net, 'after the huge member left', who);
  });

  it('drip: a guard sending its reply a byte at a time is cut off at the total time limit and dropped', async () => {
    const { net, store } = await client();
    const guard = net.getPaths()[1]!.nodes[0]!.ed25519;
    const to = accountAvoiding(guard);
    devnet.misbehaveNode(guard, { mode: 'drip', intervalMs: 100 });
    const started = Date.now();
    await sendUntil(net, to, 'drip guard', () => struckOut(store, guard) && !inPaths(net, guard), 20);
    // At most 3 tries waited out their limit (the path's strikes then drop the guard); the drip itself
    // (a few hundred bytes at 10/s) would have held each for most of a minute.
    expect(Date.now() - started).toBeLessThan(3 * RPC_TIMEOUT_MS + 15_000);
    expect(devnet.hostileBytesSent(guard)).toBeGreaterThan(0);
  });

  it('bad-json: a swarm member whose replies decrypt to broken JSON is struck at each one and dropped; polls still succeed', async () => {
    const { net, store } = await client();
    const { who, member: liar } = memberOffPath(net, 100);
    await net.storeMessage(who.sessionId, 0, text('before the polls'), TTL);
    devnet.misbehaveNode(liar, { mode: 'bad-json' });
    let polls = 0;
    const failures: string[] = [];
    while (!struckOut(store, liar)) {
      expect(polls++).toBeLessThan(30);
      const r = await net.retrieve(who.sessionId, [0], () => undefined, { signer: signer(who) });
      expect(r.perNode.length).toBeGreaterThan(0);
      expect(r.perNode.map((p) => p.node)).not.toContain(liar);
      for (const f of r.failures) failures.push(`${f.node === liar ? 'liar' : 'other'}:${f.error.kind}`);
    }
    expect(failures.filter((f) => f === 'liar:bad-response').length).toBe(3);
    expect(failures.filter((f) => f.startsWith('other'))).toEqual([]);
    expect((await net.getSwarm(who.sessionId)).map((n) => n.ed25519)).not.toContain(liar);
    await sendWithin2Calls(net, 'after the liar left', who);
  });

  it('bad-json: a guard truncating onion replies strikes its path until the guard is dropped', async () => {
    const { net, store } = await client();
    const guard = net.getPaths()[0]!.nodes[0]!.ed25519;
    const to = accountAvoiding(guard);
    devnet.misbehaveNode(guard, { mode: 'bad-json' });
    await sendUntil(net, to, 'truncating guard', () => struckOut(store, guard) && !inPaths(net, guard), 20);
  });

  it('wrong-swarm: a member answering 421s with bogus swarms never gets unknown nodes cached, and is dropped', async () => {
    const { net, store } = await client();
    const real = devnet.swarmNodes(bob.sessionId).map((n) => n.ed25519);
    const liar = real[1]!;
    devnet.misbehaveNode(liar, { mode: 'wrong-swarm' });
    const known = new Set(devnet.info.nodes.map((n) => n.ed25519));
    let rounds = 0;
    while (!struckOut(store, liar)) {
      expect(rounds++).toBeLessThan(30);
      await sendWithin2Calls(net, `wrong swarm ${rounds}`);
      const poll = await pollWithin3Calls(net);
      expect(poll.perNode.length).toBeGreaterThan(0);
      // The fake nodes of the lie never reach the cache (memory or store).
      for (const ed of [...(await net.getSwarm(bob.sessionId)).map((n) => n.ed25519), ...(store.swarms.get(bob.sessionId) ?? [])]) {
        expect(known.has(ed)).toBe(true);
      }
    }
    // Back on the real swarm, without the liar.
    await sendWithin2Calls(net, 'after the lies');
    const swarm = (await net.getSwarm(bob.sessionId)).map((n) => n.ed25519);
    expect(swarm).not.toContain(liar);
    expect(swarm.every((ed) => real.includes(ed))).toBe(true);
  });

  it('bad-signature: a member that signs stored hashes wrongly never counts as having stored, and is dropped', async () => {
    const { net, store } = await client();
    const { who, member: forger } = memberOffPath(net, 200);
    devnet.misbehaveNode(forger, { mode: 'bad-signature' });
    let sends = 0;
    while (!struckOut(store, forger)) {
      expect(sends++).toBeLessThan(40);
      const stored = await sendWithin2Calls(net, `store ${sends}`, who);
      expect(stored.node).not.toBe(forger);
    }
  });

  it('bad-signature: altered messages and forged delete signatures are refused; the forger is dropped', async () => {
    const { net, store } = await client();
    // An account with nothing stored yet: every message it holds is one sent here.
    const { who, member: forger } = memberOffPath(net, 300);
    devnet.misbehaveNode(forger, { mode: 'bad-signature' });
    const sentTexts: string[] = [];
    let rounds = 0;
    let forgedEntrySeen = false;
    while (!struckOut(store, forger) || rounds < 2) {
      expect(rounds++).toBeLessThan(30);
      const label = `signed ${rounds}`;
      sentTexts.push(label, `${label} (again)`);
      const stored = await sendWithin2Calls(net, label, who);
      const poll = await pollWithin3Calls(net, who);
      expect(poll.perNode.map((p) => p.node)).not.toContain(forger);
      // Every message handed on is one that was sent, unaltered.
      for (const m of poll.merged.get(0) ?? []) expect(sentTexts).toContain(new TextDecoder().decode(m.data));
      const deleted = await net.deleteMessages(signer(who), [stored.hash]);
      const forgedEntry = deleted.find((d) => d.node === forger);
      if (forgedEntry) {
        forgedEntrySeen = true;
        expect(forgedEntry).toMatchObject({ ok: false, reason: 'bad signature' });
      }
      expect(deleted.filter((d) => d.ok).length).toBeGreaterThan(0);
    }
    // The devnet forwards the delete to the forger whether or not the client still knows it.
    expect(forgedEntrySeen).toBe(true);
  });

  it('leaves no promise rejection unhandled', () => {
    expect(unhandled).toEqual([]);
  });
});

describe('the devnet misbehave control', () => {
  let devnet: Devnet;

  beforeAll(async () => {
    devnet = await startDevnet({ nodes: 4, swarmSize: 2 });
  });
  afterAll(async () => {
    await devnet?.stop();
  });

  const post = async (path: string, body: unknown): Promise<{ status: number; text: string }> => {
    const res = await fetch(new URL(path, devnet.info.controlUrl), { method: 'POST', body: JSON.stringify(body) });
    return { status: res.status, text: await res.text() };
  };

  it('accepts each mode with its options and clears with the other faults', async () => {
    for (const body of [
      { mode: 'wrong-swarm' },
      { mode: 'huge', bytes: 1000, declareLength: true, durationMs: 5000 },
      { mode: 'drip', intervalMs: 50 },
      { mode: 'bad-json' },
      { mode: 'bad-signature' },
    ]) {
      expect(await post('nodes/0/misbehave', body)).toEqual({ status: 200, text: '{"ok":true}' });
    }
    expect((await post('nodes/0/clear', {})).status).toBe(200);
  });

  it('refuses unknown modes, options of another mode, unknown keys and bad numbers with 400', async () => {
    for (const body of [
      {},
      { mode: 'explode' },
      { mode: 'drip', bytes: 10 },
      { mode: 'huge', intervalMs: 10 },
      { mode: 'huge', bytes: -1 },
      { mode: 'huge', bytes: 1.5 },
      { mode: 'drip', intervalMs: 0 },
      { mode: 'bad-json', extra: true },
      { mode: 'bad-json', durationMs: -5 },
    ]) {
      const r = await post('nodes/0/misbehave', body);
      expect({ body, status: r.status }).toEqual({ body, status: 400 });
    }
    expect(() => devnet.misbehaveNode(0, { mode: 'huge', intervalMs: 5 })).toThrow(/intervalMs only applies to mode drip/);
    expect((await post('nodes/99/misbehave', { mode: 'bad-json' })).status).toBe(400);
  });
});
