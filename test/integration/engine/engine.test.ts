// The messaging engine against a local devnet: two (and three) engines on separate profiles, real onion
// requests, swarm storage and polling, plus the devnet's faults.
import type { Backend } from '../../../ts/backend';
import type { EventName, EventPayloads, MessageView } from '../../../ts/ipc/contract';
import { bytesToBase64, utf8ToBytes } from '../../../ts/protocol';
import type { Devnet } from '../../../tools/devnet';
import vectors from '../../fixtures/vectors/messaging-vectors.json';
import { rpc } from '../devnet/helpers';
import { devnetBackends, pollOk, until } from './fixture';

jest.setTimeout(60_000);

const VECTOR = vectors.identity_from_recovery_seed[0] as { mnemonic: string; session_id: string };

/** Stops every node (stopNode drops every connection, so this returns at once). */
async function stopAllNodes(devnet: Devnet): Promise<void> {
  await Promise.all(devnet.info.nodes.map((n) => devnet.stopNode(n.ed25519)));
}

const env = devnetBackends('engine-int-', { nodes: 12, swarmSize: 4, fanoutTimeoutMs: 500, relayTimeoutMs: 2_000, ons: { 'bob-vector': VECTOR.session_id } }, 100);
const { open, close } = env;
let alice: Backend;
let bob: Backend;
let A: string;
let B: string;
let aliceStatus: EventPayloads['network.status'][] = [];

function record<E extends EventName>(b: Backend, e: E): EventPayloads[E][] {
  const out: EventPayloads[E][] = [];
  b.on(e, (p) => out.push(p));
  return out;
}

const statusOf = (b: Backend, conversationId: string, id: string) => async (): Promise<MessageView | undefined> =>
  (await b.handlers['messages.list']({ conversationId })).find((m) => m.id === id);

/** Collects what `consumer` gets from takeNew until `n` messages arrived (polling explicitly in between). */
async function receive(b: Backend, n: number, consumer = 'test'): Promise<MessageView[]> {
  const got: MessageView[] = [];
  await until(`${n} message(s)`, async () => {
    await Promise.resolve(b.handlers['sync.pollNow']({})).catch(() => undefined);
    got.push(...(await b.handlers['messages.takeNew']({ consumer })));
    return got.length >= n;
  });
  return got;
}

beforeAll(async () => {
  alice = await open('alice');
  aliceStatus = record(alice, 'network.status');
  bob = await open('bob');
  A = (await alice.handlers['account.create']({ displayName: 'Alice' })).sessionId;
  B = (await bob.handlers['account.restore']({ mnemonic: VECTOR.mnemonic, displayName: 'Bob' })).sessionId;
});

afterEach(() => env.devnet.clearFaults());

it('restores the vector account and exposes onion paths', async () => {
  expect(B).toBe(VECTOR.session_id);
  const paths = await until('paths', async () => {
    const p = await alice.handlers['network.getPaths']({});
    return p.length > 0 ? p : undefined;
  });
  const known = new Set(env.devnet.info.nodes.map((n) => n.ed25519));
  await until('online status', () => aliceStatus.some((s) => s.state === 'online' && s.paths.length > 0));
  for (const p of paths) for (const n of p.nodes) expect(known.has(n.ed25519)).toBe(true);
});

it('sends both ways with statuses and a message request on the receiving side', async () => {
  const updated = record(alice, 'messages.updated');
  const sent = await alice.handlers['messages.send']({ to: B, text: 'Hi Bob 👋' });
  expect(sent.status).toBe('sending');
  await until('sent', () => updated.some((u) => u.messages.some((m) => m.id === sent.id && m.status === 'sent')));
  const [got] = await receive(bob, 1);
  expect(got).toMatchObject({ sender: A, conversationId: A, direction: 'incoming', text: 'Hi Bob 👋', timestamp: sent.timestamp });
  expect(await bob.handlers['conversations.list']({ requests: true })).toEqual([expect.objectContaining({ id: A, isRequest: true, name: 'Alice' })]);

  await bob.handlers['conversations.accept']({ id: A });
  const reply = await bob.handlers['messages.send']({ to: A, text: 'Hi Alice' });
  const [back] = await receive(alice, 1);
  expect(back).toMatchObject({ sender: B, text: 'Hi Alice', timestamp: reply.timestamp });
  expect(await alice.handlers['conversations.list']({ requests: true })).toEqual([]);
});

it('delivers note-to-self and shows sync copies on a second device restored from the recovery password', async () => {
  const nts = await alice.handlers['messages.send']({ to: A, text: 'remember the milk' });
  const toBob = await alice.handlers['messages.send']({ to: B, text: 'synced' });
  await until('both sent', async () => (await statusOf(alice, A, nts.id)())?.status === 'sent' && (await statusOf(alice, B, toBob.id)())?.status === 'sent');
  await receive(bob, 1);
  // Alice's profile config (her name) is stored in her swarm before the second device restores.
  await alice.followUps.settle({ signal: AbortSignal.timeout(30_000) });

  const { mnemonic } = await alice.handlers['account.getRecoveryPassword']({});
  const alice2 = await open('alice2');
  expect(await alice2.handlers['account.restore']({ mnemonic })).toEqual({ sessionId: A, displayName: 'Alice' }); // the name comes from the account's profile config
  await until('second device has the history', async () => {
    await Promise.resolve(alice2.handlers['sync.pollNow']({})).catch(() => undefined);
    const toB = await alice2.handlers['messages.list']({ conversationId: B });
    const self = await alice2.handlers['messages.list']({ conversationId: A });
    return toB.some((m) => m.id !== toBob.id && m.text === 'synced' && m.direction === 'outgoing' && m.timestamp === toBob.timestamp) &&
      self.some((m) => m.text === 'remember the milk' && m.direction === 'outgoing');
  });
  const list = await alice2.handlers['conversations.list']({});
  expect(list.find((c) => c.id === A)?.kind).toBe('note-to-self');
  // The sending device never duplicates its own copies.
  await pollOk(alice);
  expect((await alice.handlers['messages.list']({ conversationId: A })).filter((m) => m.text === 'remember the milk')).toHaveLength(1);
});

it('loses and duplicates nothing when the receiver restarts mid-stream', async () => {
  const texts = Array.from({ length: 6 }, (_, i) => `stream ${i}`);
  for (const t of texts.slice(0, 3)) await alice.handlers['messages.send']({ to: B, text: t });
  const first = await receive(bob, 1);
  await close(bob);
  for (const t of texts.slice(3)) await alice.handlers['messages.send']({ to: B, text: t });
  bob = await open('bob');
  const rest = await receive(bob, 6 - first.length);
  await pollOk(bob);
  const all = [...first, ...rest, ...(await bob.handlers['messages.takeNew']({ consumer: 'test' }))].map((m) => m.text);
  expect(all.sort()).toEqual(texts.sort());
});

it('delivers exactly once when a path node stops during a send', async () => {
  const [p] = await alice.handlers['network.getPaths']({});
  const victim = p?.nodes[1]?.ed25519 ?? p?.nodes[0]?.ed25519;
  if (!victim) throw new Error('no path');
  await env.devnet.stopNode(victim);
  try {
    const sent = await alice.handlers['messages.send']({ to: B, text: 'through a new path' });
    await until('sent', async () => (await statusOf(alice, B, sent.id)())?.status === 'sent');
    const got = await receive(bob, 1);
    expect(got.map((m) => m.text)).toEqual(['through a new path']);
    await pollOk(bob);
    expect(await bob.handlers['messages.takeNew']({ consumer: 'test' })).toEqual([]);
  } finally {
    await env.devnet.startNode(victim);
  }
});

it('follows a swarm move (421) and a skewed node clock', async () => {
  env.devnet.moveSwarm(B);
  for (const n of env.devnet.info.nodes) env.devnet.skewClock(n.ed25519, 4 * 60_000);
  const sent = await alice.handlers['messages.send']({ to: B, text: 'after the move' });
  await until('sent', async () => (await statusOf(alice, B, sent.id)())?.status === 'sent');
  const got = await receive(bob, 1);
  expect(got.map((m) => m.text)).toEqual(['after the move']);
});

it('counts malformed items in the swarm as dropped without crashing', async () => {
  const [node] = env.devnet.swarmNodes(B);
  if (!node) throw new Error('no swarm');
  const r = await rpc(node, 'store', { pubkey: B, namespace: 0, timestamp: Date.now(), ttl: 60_000, data: bytesToBase64(utf8ToBytes('garbage, not a message')) });
  expect(r.status).toBe(200);
  const before = bob.engineStats();
  await until('garbage counted', async () => {
    await pollOk(bob);
    return bob.engineStats().dropped > before.dropped;
  });
  const after = bob.engineStats();
  expect(after.dropped - before.dropped).toBe(1);
  expect(after.processed).toBeGreaterThan(before.processed);
  const sent = await alice.handlers['messages.send']({ to: B, text: 'still fine' });
  expect((await receive(bob, 1)).map((m) => [m.text, m.timestamp])).toEqual([['still fine', sent.timestamp]]);
});

it('delivers queued messages once the network is back', async () => {
  await stopAllNodes(env.devnet);
  let sent: MessageView;
  try {
    sent = await alice.handlers['messages.send']({ to: B, text: 'after the outage' });
    await new Promise((r) => setTimeout(r, 300));
    expect((await statusOf(alice, B, sent.id)())?.status).toBe('sending');
  } finally {
    await Promise.all(env.devnet.info.nodes.map((n) => env.devnet.startNode(n.ed25519)));
  }
  await until('sent', async () => (await statusOf(alice, B, sent.id)())?.status === 'sent', 45_000);
  expect((await receive(bob, 1, 'test')).map((m) => m.text)).toEqual(['after the outage']);
});

it('resolves ONS names and sends to them; unknown and invalid names give clear errors', async () => {
  expect(await alice.handlers['ons.resolve']({ name: 'Bob-Vector' })).toEqual({ sessionId: B });
  await expect(alice.handlers['ons.resolve']({ name: 'nobody-here' })).rejects.toMatchObject({ code: 'not_found' });
  await expect(alice.handlers['ons.resolve']({ name: '-bad-' })).rejects.toMatchObject({ code: 'invalid_params' });
  const sent = await alice.handlers['messages.send']({ to: 'bob-vector', text: 'via ONS' });
  expect(sent.conversationId).toBe(B);
  expect((await receive(bob, 1)).map((m) => m.text)).toEqual(['via ONS']);
});
