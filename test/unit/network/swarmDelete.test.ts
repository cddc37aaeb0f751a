// How deleteMessages and expireMessages judge the members' answers (spec network §2.6.6, §2.6.9, §2.7): a
// member counts only with its own valid signature over the outcome; with none confirming the call fails with
// a typed error after trying other members. The devnet test covers the honest swarm; these answers are scripted.
import { bytesToBase64, ed25519Sign, identityFromEd25519Seed, loadProtocol, utf8ToBytes, type Identity } from '../../../ts/protocol';
import { isNetworkError } from '../../../ts/network/errors';
import { SessionNetwork } from '../../../ts/network/SessionNetwork';
import { MemoryNetworkStore } from '../../../ts/network/store';
import { ManualClock, seededRandom } from './fakes';
import { FakeNetwork, batchReply, transparentCodec, type FakeRpc } from './fakeNetwork';

const H1 = 'A'.repeat(43);
const H2 = 'B'.repeat(43);

let alice: Identity;
/** The swarm members' own keys: the test signs their answers. */
let members: Identity[];
beforeAll(async () => {
  await loadProtocol();
  alice = identityFromEd25519Seed(new Uint8Array(32).fill(1));
  members = [0x31, 0x32, 0x33].map((b) => identityFromEd25519Seed(new Uint8Array(32).fill(b)));
});

const hexOf = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const sign = (who: Identity, message: string): string => bytesToBase64(ed25519Sign(who.ed25519.secretKey, utf8ToBytes(message)));

function setup() {
  const fake = new FakeNetwork(14);
  // The last three nodes are Alice's swarm, with real Ed25519 identities.
  const swarm = fake.nodes.slice(11, 14);
  swarm.forEach((n, i) => {
    n.ed25519 = hexOf((members[i] as Identity).ed25519.publicKey);
  });
  const store = new MemoryNetworkStore();
  store.swarms.set(alice.sessionId, swarm.map((n) => n.ed25519));
  const rnd = seededRandom(7);
  const net = new SessionNetwork({
    config: fake.config,
    store,
    http: fake.http,
    clock: new ManualClock(fake.nodeTime()),
    random: rnd.random,
    randomBytes: rnd.randomBytes,
    codec: transparentCodec,
    ownPubkey: alice.sessionId,
  });
  const entryCalls = (method: string): FakeRpc[] => fake.calls.filter((c) => c.rpc.params.requests?.[0]?.method === method).map((c) => c.rpc);
  return { fake, net, swarm, entryCalls };
}

const signer = () => ({ pubkey: alice.sessionId, ed25519: alice.ed25519 });
const failure = async (p: Promise<unknown>): Promise<unknown> => p.then(() => undefined, (e: unknown) => e);

describe('deleteMessages', () => {
  it('keeps each member outcome: valid signature ok, a forged or failed member not', async () => {
    const { fake, net, swarm } = setup();
    const [m0, , m2] = members as [Identity, Identity, Identity];
    const [n0, n1, n2] = swarm.map((n) => n.ed25519) as [string, string, string];
    fake.handler = () =>
      batchReply([
        {
          code: 200,
          body: {
            swarm: {
              [n0]: { deleted: [H1, H2], signature: sign(m0, `${alice.sessionId}${H2}${H1}${H1}${H2}`) },
              // Signed by another member's key: not this member's word.
              [n1]: { deleted: [H1, H2], signature: sign(m2, `${alice.sessionId}${H2}${H1}${H1}${H2}`) },
              [n2]: { failed: true, timeout: true },
            },
            t: fake.nodeTime(),
          },
        },
      ]);
    const out = await net.deleteMessages(signer(), [H2, H1]);
    expect(out).toEqual([
      { node: n0, ok: true, deleted: [H1, H2] },
      { node: n1, ok: false, reason: 'bad signature' },
      { node: n2, ok: false, reason: 'timeout' },
    ]);
    // The request itself: Alice's keys and her signature over "delete" + the hashes in order (spec §2.3).
    const sent = fake.calls.at(-1)?.rpc.params.requests?.[0];
    expect(sent?.method).toBe('delete');
    expect(sent?.params).toEqual({
      pubkey: alice.sessionId,
      pubkey_ed25519: hexOf(alice.ed25519.publicKey),
      signature: sign(alice, `delete${H2}${H1}`),
      messages: [H2, H1],
    });
  });

  it('fails with a typed error when no member confirms, after trying three members', async () => {
    const { fake, net, swarm, entryCalls } = setup();
    const [m0] = members as [Identity];
    fake.handler = () =>
      batchReply([
        {
          code: 200,
          body: {
            swarm: Object.fromEntries(
              // Each member claims the deletion but its signature covers another hash list.
              swarm.map((n) => [n.ed25519, { deleted: [H1], signature: sign(m0, `${alice.sessionId}${H2}${H2}`) }]),
            ),
            t: fake.nodeTime(),
          },
        },
      ]);
    const e = await failure(net.deleteMessages(signer(), [H1]));
    expect(isNetworkError(e, 'bad-response')).toBe(true);
    expect((e as { detail?: string }).detail).toBe('no swarm member confirmed the delete');
    expect((e as Error).message).toBe('No service node confirmed the deletion. Please try again.');
    expect(new Set(fake.calls.map((c) => c.node)).size).toBe(3);
    expect(entryCalls('delete')).toHaveLength(3);
  });
});

describe('expireMessages', () => {
  it('checks each member signature over expiry, requested, updated and unchanged; none valid is an error', async () => {
    const { fake, net, swarm } = setup();
    const [m0, m1, m2] = members as [Identity, Identity, Identity];
    const [n0, n1, n2] = swarm.map((n) => n.ed25519) as [string, string, string];
    const expiry = fake.nodeTime() + 600_000;
    const earlier = fake.nodeTime() + 300_000;
    // H1 shortened, H2 already expiring sooner: unchanged, listed with its expiry after the updated hashes.
    const signed = `${alice.sessionId}${expiry}${H1}${H2}${H1}${H2}${earlier}`;
    fake.handler = () =>
      batchReply([
        {
          code: 200,
          body: {
            swarm: {
              [n0]: { expiry, updated: [H1], unchanged: { [H2]: earlier }, signature: sign(m0, signed) },
              [n1]: { expiry, updated: [H1], unchanged: { [H2]: earlier }, signature: sign(m1, signed) },
              // Claims H2 unchanged at another expiry than it signed.
              [n2]: { expiry, updated: [H1], unchanged: { [H2]: earlier + 1 }, signature: sign(m2, signed) },
            },
            t: fake.nodeTime(),
          },
        },
      ]);
    const out = await net.expireMessages(signer(), [H1, H2], expiry, 'shorten');
    expect(out).toEqual([
      { node: n0, ok: true, expiry, updated: [H1], unchanged: { [H2]: earlier } },
      { node: n1, ok: true, expiry, updated: [H1], unchanged: { [H2]: earlier } },
      { node: n2, ok: false, reason: 'bad signature' },
    ]);
    const sent = fake.calls.at(-1)?.rpc.params.requests?.[0];
    expect(sent).toEqual({
      method: 'expire',
      params: {
        pubkey: alice.sessionId,
        pubkey_ed25519: hexOf(alice.ed25519.publicKey),
        signature: sign(alice, `expireshorten${expiry}${H1}${H2}`),
        messages: [H1, H2],
        expiry,
        shorten: true,
      },
    });

    fake.handler = () => batchReply([{ code: 200, body: { swarm: { [n0]: { failed: true, code: 401, reason: 'nope' } }, t: fake.nodeTime() } }]);
    const e = await failure(net.expireMessages(signer(), [H1], expiry, 'shorten'));
    expect(isNetworkError(e, 'bad-response')).toBe(true);
    expect((e as { detail?: string }).detail).toBe('no swarm member confirmed the expiry');
    expect((e as Error).message).toBe('No service node confirmed the new expiry time. Please try again.');
  });
});

describe('expireMessages arguments', () => {
  it('refuses an expiry more than 60 s in the past without asking the network (nodes would answer 401)', async () => {
    const { fake, net } = setup();
    const e = await failure(net.expireMessages(signer(), [H1], fake.nodeTime() - 61_000, 'shorten'));
    expect(isNetworkError(e, 'rejected')).toBe(true);
    expect((e as Error).message).toBe('The new expiry time is already past.');
    expect(fake.calls).toEqual([]);
  });
});
