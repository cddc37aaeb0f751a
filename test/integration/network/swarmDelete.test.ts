// Deleting and expiring our own messages in our swarm (spec messaging §6.10 step 1 and §6.12 after-read
// shortening) through onion requests to a 12-node devnet: every swarm member's signed answer is checked,
// and each member is then asked directly (a signed retrieve per member) what it still holds.
import { startDevnet, type Devnet } from '../../../tools/devnet';
import { identityFromEd25519Seed, loadProtocol, type Identity } from '../../../ts/protocol';
import { loadCustomNetwork } from '../../../ts/network/config';
import { isNetworkError } from '../../../ts/network/errors';
import { createHttpClient, type HttpClient } from '../../../ts/network/http';
import { SessionNetwork } from '../../../ts/network/SessionNetwork';
import { MemoryNetworkStore } from '../../../ts/network/store';
import { systemClock, type Clock } from '../../../ts/network/types';
import { edSign, rpc } from '../devnet/helpers';

jest.setTimeout(60_000);

const DAY = 24 * 3600 * 1000;
const fastClock: Clock = { ...systemClock(), sleep: () => Promise.resolve() };
const SEED_ALICE = new Uint8Array(32).fill(0x5a);

describe('deleteMessages and expireMessages on the devnet', () => {
  let devnet: Devnet;
  let http: HttpClient;
  let net: SessionNetwork;
  let alice: Identity;
  let mallory: Identity;
  const signer = () => ({ pubkey: alice.sessionId, ed25519: alice.ed25519 });

  beforeAll(async () => {
    await loadProtocol();
    alice = identityFromEd25519Seed(SEED_ALICE);
    mallory = identityFromEd25519Seed(new Uint8Array(32).fill(0x6b));
    devnet = await startDevnet({ nodes: 12 });
    http = createHttpClient();
    const config = await loadCustomNetwork(devnet.info.seedUrl, http);
    net = new SessionNetwork({ config, store: new MemoryNetworkStore(), http, clock: fastClock, ownPubkey: alice.sessionId });
    net.start();
    await net.ready();
  });

  afterAll(async () => {
    net?.stop();
    http?.close();
    await devnet?.stop();
  });

  const edPubHex = (): string => Buffer.from(alice.ed25519.publicKey).toString('hex');
  const aliceSeed = (): Buffer => Buffer.from(SEED_ALICE);

  /** What one swarm member holds for Alice in namespace 0: hash -> expiry (a signed retrieve straight to that node). */
  async function heldBy(node: Devnet['info']['nodes'][number]): Promise<Map<string, number>> {
    const timestamp = Date.now();
    const r = await rpc(node, 'retrieve', {
      pubkey: alice.sessionId,
      pubkey_ed25519: edPubHex(),
      namespace: 0,
      timestamp,
      signature: edSign(aliceSeed(), `retrieve${timestamp}`),
    });
    expect(r.status).toBe(200);
    const messages = (r.json as { messages: { hash: string; expiration: number }[] }).messages;
    return new Map(messages.map((m) => [m.hash, m.expiration]));
  }

  const swarm = () => devnet.swarmNodes(alice.sessionId);
  const store = async (text: string): Promise<string> => (await net.storeMessage(alice.sessionId, 0, new TextEncoder().encode(text), DAY)).hash;

  it('deletes two messages on every swarm member, each member confirming with its own signature', async () => {
    const hashes = [await store('delete me 1'), await store('delete me 2'), await store('keep me')];
    const [h1, h2, kept] = hashes as [string, string, string];
    for (const node of swarm()) expect([...(await heldBy(node)).keys()]).toEqual(expect.arrayContaining(hashes));

    const members = await net.deleteMessages(signer(), [h2, h1]);
    // One verified answer per member of Alice's swarm (a bad signature would make that member not ok).
    expect(members.map((m) => m.node).sort()).toEqual(swarm().map((n) => n.ed25519).sort());
    for (const m of members) expect(m).toEqual({ node: m.node, ok: true, deleted: [h1, h2].sort() });

    for (const node of swarm()) {
      const held = await heldBy(node);
      expect(held.has(h1)).toBe(false);
      expect(held.has(h2)).toBe(false);
      expect(held.has(kept)).toBe(true);
    }
    // The client's own retrieve (through onion paths) no longer sees them either.
    const seen = (await net.retrieve(alice.sessionId, [0], () => undefined, { signer: signer() })).merged.get(0) ?? [];
    const seenHashes = seen.map((m) => m.hash);
    expect(seenHashes).toContain(kept);
    expect(seenHashes).not.toContain(h1);
    expect(seenHashes).not.toContain(h2);

    // Deleting them again: every member confirms, having deleted nothing.
    for (const m of await net.deleteMessages(signer(), [h1, h2])) expect(m).toEqual({ node: m.node, ok: true, deleted: [] });
  });

  it('shortens one message expiry on every member; a later expiry sent as shorten leaves it unchanged', async () => {
    const h = await store('shorten me');
    const other = await store('not me');
    const before = await heldBy(swarm()[0]!);
    const original = before.get(h) as number;
    expect(original).toBeGreaterThan(Date.now() + DAY - 60_000);

    const shorter = Date.now() + 10 * 60_000;
    const members = await net.expireMessages(signer(), [h], shorter, 'shorten');
    expect(members.map((m) => m.node).sort()).toEqual(swarm().map((n) => n.ed25519).sort());
    for (const m of members) expect(m).toEqual({ node: m.node, ok: true, expiry: shorter, updated: [h], unchanged: {} });
    for (const node of swarm()) {
      const held = await heldBy(node);
      expect(held.get(h)).toBe(shorter);
      expect(held.get(other)).toBe(before.get(other));
    }
    // What the client's poll reads (retrieve's `expiration`) shows the new expiry.
    const seen = (await net.retrieve(alice.sessionId, [0], () => undefined, { signer: signer() })).merged.get(0) ?? [];
    expect(seen.find((m) => m.hash === h)?.expiration).toBe(shorter);

    // "shorten" never lengthens: each member reports it unchanged, with the expiry it keeps.
    const longer = Date.now() + 60 * 60_000;
    for (const m of await net.expireMessages(signer(), [h], longer, 'shorten')) {
      expect(m).toEqual({ node: m.node, ok: true, expiry: longer, updated: [], unchanged: { [h]: shorter } });
    }
    for (const node of swarm()) expect((await heldBy(node)).get(h)).toBe(shorter);
  });

  it('a request signed by another key is refused with a clear error and changes nothing', async () => {
    const h = await store('mallory cannot touch this');
    // Alice's account and Ed25519 public key, signed with Mallory's secret key.
    const forged = { pubkey: alice.sessionId, ed25519: { publicKey: alice.ed25519.publicKey, secretKey: mallory.ed25519.secretKey } };
    const del = await net.deleteMessages(forged, [h]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isNetworkError(del, 'unauthorized')).toBe(true);
    expect((del as Error).message).toBe('The network refused the request signature.');
    // The entry member refuses it (401) before forwarding it to the rest of the swarm.
    expect((del as { status?: number }).status).toBe(401);
    expect((del as { detail?: string }).detail).toMatch(/delete signature verification failed/);

    const exp = await net.expireMessages(forged, [h], Date.now() + 60_000, 'shorten').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isNetworkError(exp, 'unauthorized')).toBe(true);
    expect((exp as { detail?: string }).detail).toMatch(/expire signature verification failed/);

    // Mallory's own account key cannot stand in for Alice's either (pubkey_ed25519 must map to the account).
    const other = await net.deleteMessages({ pubkey: alice.sessionId, ed25519: mallory.ed25519 }, [h]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isNetworkError(other, 'unauthorized')).toBe(true);

    for (const node of swarm()) {
      const held = await heldBy(node);
      expect(held.has(h)).toBe(true);
      expect(held.get(h)).toBeGreaterThan(Date.now() + DAY - 60_000);
    }
  });

  it('refuses a malformed account before sending anything, and sends nothing for no hashes', async () => {
    const bad = await net.deleteMessages({ pubkey: '05zz', ed25519: alice.ed25519 }, ['A'.repeat(43)]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isNetworkError(bad, 'rejected')).toBe(true);
    expect((bad as Error).message).toBe('This is not a valid Session ID.');
    expect(await net.deleteMessages(signer(), [])).toEqual([]);
    expect(await net.expireMessages(signer(), [], Date.now() + 60_000, 'shorten')).toEqual([]);
  });
});
