// Delete for everyone, read receipts and typing indicators between real backends on a local devnet
// (spec messaging §6.8-6.10), and the CLI's unsend / delete / read output. Forged and early unsend requests,
// and reading the swarms, go through a network client of our own with keys rebuilt from the recovery password.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Backend } from '../../../ts/backend';
import type { MessageView } from '../../../ts/ipc/contract';
import { loadCustomNetwork } from '../../../ts/network/config';
import { createHttpClient, type HttpClient } from '../../../ts/network/http';
import { SessionNetwork } from '../../../ts/network/SessionNetwork';
import { MemoryNetworkStore } from '../../../ts/network/store';
import {
  decode1o1Message,
  decodeRecoveryPassword,
  encode1o1Message,
  identityFromRecoverySeed,
  loadProtocol,
  secureRandom,
  unsendContent,
  type ContentProps,
  type Identity,
} from '../../../ts/protocol';
import { buildCli, startCli, type CliRun } from '../cli/cliProcess';
import { devnetBackends, pollOk, until } from './fixture';

jest.setTimeout(120_000);

const TYPING = { repeatMs: 1_000, idleStopMs: 800, clearAfterMs: 1_500 };
const env = devnetBackends('unsend-int-', { nodes: 12, swarmSize: 4, fanoutTimeoutMs: 500, relayTimeoutMs: 2_000 }, 60_000);
const TTL = 14 * 86_400_000;

let http: HttpClient;
let raw: SessionNetwork;
let alice: Backend;
let bob: Backend;
let A: Identity;
let B: Identity;

const list = async (b: Backend, id: string): Promise<MessageView[]> => b.handlers['messages.list']({ conversationId: id });
const find = async (b: Backend, conversation: string, sentAt: number): Promise<MessageView | undefined> => (await list(b, conversation)).find((m) => m.timestamp === sentAt);

/** The account's keys from its recovery password (as restoring it would give them). */
async function identityOf(b: Backend): Promise<Identity> {
  const { mnemonic } = await b.handlers['account.getRecoveryPassword']({});
  const seed = decodeRecoveryPassword(mnemonic);
  if (!seed.ok) throw new Error(seed.error.message);
  return identityFromRecoverySeed(seed.value);
}

/** Sends and waits until the message and every follow-up it queued (its sync copy) are stored. */
async function sendStored(b: Backend, to: string, text: string): Promise<MessageView> {
  const mark = b.followUps.mark();
  const m = await b.handlers['messages.send']({ to, text });
  await until(`"${text}" sent`, async () => (await find(b, to, m.timestamp))?.status === 'sent');
  await b.followUps.settle({ since: mark });
  return m;
}

/** Runs a change and waits until what it queued is stored. */
async function settled<T>(b: Backend, change: () => T | Promise<T>): Promise<T> {
  const mark = b.followUps.mark();
  const r = await change();
  const report = await b.followUps.settle({ since: mark });
  expect(report.failed).toEqual([]);
  return r;
}

/** Polls until `check` holds. */
const pollUntil = (b: Backend, what: string, check: () => Promise<boolean>): Promise<true> =>
  until(what, async () => {
    await pollOk(b);
    return (await check()) || undefined;
  });

/** Stores a Content from `sender` to `to` at `t` directly (what a modified client could send). */
async function storeRaw(sender: Identity, to: string, content: ContentProps, t: number): Promise<void> {
  await raw.storeMessage(to, 0, encode1o1Message({ sender, recipient: to, content, timestampMs: t, random: secureRandom }).wrapper, TTL);
}

/** Namespace 0 of `who`'s swarm, decrypted (signed retrieve through our own client). */
async function swarmOf(who: Identity) {
  const result = await raw.retrieve(who.sessionId, [0], () => undefined, { signer: { pubkey: who.sessionId, ed25519: who.ed25519 } });
  return (result.merged.get(0) ?? []).map((m) => {
    const d = decode1o1Message(who, m.data);
    if (!d.ok) throw new Error(d.error.message);
    return { hash: m.hash, ...d.value };
  });
}

beforeAll(async () => {
  await loadProtocol();
  buildCli();
  http = createHttpClient();
  raw = new SessionNetwork({ config: await loadCustomNetwork(env.devnet.info.seedUrl, http), store: new MemoryNetworkStore(), http });
  raw.start();
  await raw.ready();
  alice = await env.open('alice', { typing: TYPING });
  bob = await env.open('bob', { typing: TYPING });
  await alice.handlers['account.create']({ displayName: 'Alice' });
  await bob.handlers['account.create']({ displayName: 'Bob' });
  A = await identityOf(alice);
  B = await identityOf(bob);
  // A conversation both have approved: Alice writes, Bob replies.
  await sendStored(alice, B.sessionId, 'hello Bob');
  await pollUntil(bob, 'Bob has it', async () => (await list(bob, A.sessionId)).length === 1);
  await sendStored(bob, A.sessionId, 'hello Alice');
  await pollUntil(alice, 'Alice has it', async () => (await list(alice, B.sessionId)).length === 2);
});

afterAll(async () => {
  raw?.stop();
  http?.close();
});

it('unsends both ways: placeholders on both sides, our swarm copy deleted, nothing back on a restored device; note to self deleted entirely', async () => {
  const mine = await sendStored(alice, B.sessionId, 'alpha-secret');
  const ownCopy = (await swarmOf(A)).find((m) => m.timestampMs === mine.timestamp && m.syncTarget === B.sessionId);
  expect(ownCopy).toBeDefined();
  await pollUntil(bob, 'Bob has alpha', async () => (await find(bob, A.sessionId, mine.timestamp))?.text === 'alpha-secret');
  const theirs = await sendStored(bob, A.sessionId, 'bravo-secret');
  await pollUntil(alice, 'Alice has bravo', async () => (await find(alice, B.sessionId, theirs.timestamp))?.text === 'bravo-secret');
  const note = await sendStored(alice, A.sessionId, 'charlie-note');

  expect(await settled(alice, () => alice.handlers['messages.unsend']({ ids: [mine.id, note.id] }))).toEqual({ deleted: [mine.id, note.id] });
  expect(await find(alice, B.sessionId, mine.timestamp)).toMatchObject({ text: '', deleted: true });
  expect(await list(alice, A.sessionId)).toEqual([]);
  // Our swarm no longer holds the sync copy nor the note; it holds the two unsend requests instead.
  const own = await swarmOf(A);
  expect(own.map((m) => m.hash)).not.toContain(ownCopy?.hash);
  expect(own.filter((m) => m.content.dataMessage?.body === 'charlie-note')).toEqual([]);
  expect(own.filter((m) => m.content.unsendRequest).map((m) => m.content.unsendRequest?.timestamp).sort()).toEqual([mine.timestamp, note.timestamp].sort());

  await pollUntil(bob, 'placeholder at Bob', async () => (await find(bob, A.sessionId, mine.timestamp))?.deleted === true);
  expect(await find(bob, A.sessionId, mine.timestamp)).toMatchObject({ text: '', sender: A.sessionId });

  await settled(bob, () => bob.handlers['messages.unsend']({ ids: [theirs.id] }));
  await pollUntil(alice, 'placeholder at Alice', async () => (await find(alice, B.sessionId, theirs.timestamp))?.deleted === true);

  // A fresh device of Alice's account: what was unsent does not come back (ours was deleted from our swarm;
  // Bob's copy in our swarm arrives with its unsend request and is never shown).
  const restored = await env.open('alice-restored', { restoreWaitMs: 500 });
  await restored.handlers['account.restore']({ mnemonic: (await alice.handlers['account.getRecoveryPassword']({})).mnemonic });
  await pollOk(restored);
  const texts = (await list(restored, B.sessionId)).map((m) => m.text);
  expect(texts).toEqual(expect.arrayContaining(['hello Bob', 'hello Alice']));
  expect(texts.filter((t) => t.includes('secret'))).toEqual([]);
  expect(await find(restored, B.sessionId, mine.timestamp)).toBeUndefined();
  expect(await list(restored, A.sessionId)).toEqual([]);
  await env.close(restored);
});

it('ignores a forged unsend from a third party, and never shows a message whose unsend arrived first', async () => {
  const target = await sendStored(alice, B.sessionId, 'delta-keep');
  await pollUntil(bob, 'Bob has delta', async () => (await find(bob, A.sessionId, target.timestamp)) !== undefined);
  // Carol names Alice as the author of the request.
  const carol = identityFromRecoverySeed(secureRandom(16));
  const dropsBefore = bob.engineStats().dropReasons.unsend_not_author ?? 0;
  await storeRaw(carol, B.sessionId, unsendContent({ timestamp: target.timestamp, author: A.sessionId }), Date.now());
  await until('the forgery polled', async () => (await pollOk(bob), (bob.engineStats().dropReasons.unsend_not_author ?? 0) > dropsBefore || undefined));
  expect(await find(bob, A.sessionId, target.timestamp)).toMatchObject({ text: 'delta-keep' });
  expect((await find(bob, A.sessionId, target.timestamp))?.deleted).toBeUndefined();

  // Alice's own client (raw here) sends the unsend before the message itself.
  const t = Date.now() - 60_000;
  await storeRaw(A, B.sessionId, unsendContent({ timestamp: t, author: A.sessionId }), t + 1);
  await pollOk(bob);
  const { added, ignored } = bob.engineStats();
  await storeRaw(A, B.sessionId, { dataMessage: { body: 'echo-too-late' } }, t);
  await until('the late message polled', async () => (await pollOk(bob), bob.engineStats().ignored > ignored || undefined));
  expect(bob.engineStats().added).toBe(added);
  expect(await find(bob, A.sessionId, t)).toBeUndefined();
  expect((await list(bob, A.sessionId)).some((m) => m.text === 'echo-too-late')).toBe(false);
});

it('sends read receipts only with the reader\'s setting on and applies them only with the sender\'s on', async () => {
  // Alice on, Bob off: Bob reading sends nothing.
  await alice.handlers['settings.set']({ key: 'readReceipts', value: true });
  const m1 = await sendStored(alice, B.sessionId, 'receipt one');
  await pollUntil(bob, 'Bob has one', async () => (await find(bob, A.sessionId, m1.timestamp)) !== undefined);
  await settled(bob, () => bob.handlers['conversations.markRead']({ id: A.sessionId }));
  await pollOk(alice);
  expect((await find(alice, B.sessionId, m1.timestamp))?.status).toBe('sent');

  // Alice off, Bob on: the receipt goes out, Alice ignores it.
  await alice.handlers['settings.set']({ key: 'readReceipts', value: false });
  await bob.handlers['settings.set']({ key: 'readReceipts', value: true });
  const m2 = await sendStored(alice, B.sessionId, 'receipt two');
  await pollUntil(bob, 'Bob has two', async () => (await find(bob, A.sessionId, m2.timestamp)) !== undefined);
  await settled(bob, () => bob.handlers['conversations.markRead']({ id: A.sessionId }));
  const receipts = (await swarmOf(A)).filter((m) => m.content.receiptMessage);
  expect(receipts.map((r) => r.content.receiptMessage?.timestamp)).toEqual([[m2.timestamp]]);
  await pollOk(alice);
  expect((await find(alice, B.sessionId, m2.timestamp))?.status).toBe('sent');

  // Both on: read.
  await alice.handlers['settings.set']({ key: 'readReceipts', value: true });
  const m3 = await sendStored(alice, B.sessionId, 'receipt three');
  await pollUntil(bob, 'Bob has three', async () => (await find(bob, A.sessionId, m3.timestamp)) !== undefined);
  const [bobsView] = (await list(bob, A.sessionId)).filter((m) => m.timestamp === m3.timestamp);
  await settled(bob, () => bob.handlers['conversations.markReadUpTo']({ id: A.sessionId, messageId: bobsView?.id as string }));
  await pollUntil(alice, 'three read', async () => (await find(alice, B.sessionId, m3.timestamp))?.status === 'read');
  expect((await find(alice, B.sessionId, m1.timestamp))?.status).toBe('sent');
  expect((await find(alice, B.sessionId, m2.timestamp))?.status).toBe('sent');

  // And the other way round.
  const m4 = await sendStored(bob, A.sessionId, 'receipt four');
  await pollUntil(alice, 'Alice has four', async () => (await find(alice, B.sessionId, m4.timestamp)) !== undefined);
  await settled(alice, () => alice.handlers['conversations.markRead']({ id: B.sessionId }));
  await pollUntil(bob, 'four read', async () => (await find(bob, A.sessionId, m4.timestamp))?.status === 'read');
});

it('shows typing while the peer types: cleared after the timeout, and by their message', async () => {
  await alice.handlers['settings.set']({ key: 'typingIndicators', value: true });
  await bob.handlers['settings.set']({ key: 'typingIndicators', value: true });
  const events: { id: string; typing: boolean }[] = [];
  const off = bob.on('conversations.typing', (e) => events.push(e));
  try {
    const typingIn = async (): Promise<number> => (await swarmOf(B)).filter((m) => m.content.typingMessage).length;
    const before = await typingIn();
    await alice.handlers['conversations.typing']({ id: B.sessionId, typing: true });
    await until('STARTED stored', async () => (await typingIn()) > before || undefined);
    await pollUntil(bob, 'typing shown', async () => events.length > 0);
    expect(events).toEqual([{ id: A.sessionId, typing: true }]);
    await until('typing cleared by the timeout', () => events.length === 2 || undefined, TYPING.clearAfterMs + 5_000);
    expect(events[1]).toEqual({ id: A.sessionId, typing: false });

    // Alice's idle timer sent STOPPED meanwhile; she types again, then sends: her message clears it.
    const again = await typingIn();
    await alice.handlers['conversations.typing']({ id: B.sessionId, typing: true });
    await until('STARTED stored again', async () => (await typingIn()) > again || undefined);
    await pollUntil(bob, 'typing shown again', async () => events.at(-1)?.typing === true);
    await sendStored(alice, B.sessionId, 'done typing');
    await pollUntil(bob, 'cleared by the message', async () => events.at(-1)?.typing === false);
    expect(events).toHaveLength(4);
  } finally {
    off();
  }
});

// `delete` and unsend's errors are covered without a devnet (test/unit/cli).
it('session-cli: unsend prints {"id","deleted":true}; rows show the placeholder and "read"; read sends receipts', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unsend-cli-'));
  const cli = (...args: string[]): Promise<CliRun> => startCli(env.devnet.info.seedUrl, dir, args).done;
  try {
    const created = await cli('create', '--name', 'Dana');
    expect(created).toMatchObject({ code: 0 });
    const dana = created.lines[0]?.sessionId as string;
    const sent = await cli('send', B.sessionId, 'foxtrot-gone');
    expect(sent).toMatchObject({ code: 0 });
    const id = sent.lines[0]?.id as string;
    await pollUntil(bob, 'Bob has foxtrot', async () => (await list(bob, dana)).some((m) => m.text === 'foxtrot-gone'));

    // Exits once our swarm's copy is deleted and both unsend requests are stored.
    expect(await cli('unsend', id)).toMatchObject({ code: 0, lines: [{ id, deleted: true }] });
    await pollUntil(bob, 'placeholder at Bob', async () => (await list(bob, dana)).some((m) => m.deleted === true));
    expect((await list(bob, dana)).map((m) => m.text)).toEqual(['']);

    // Bob (receipts on) reads Dana's next message and writes back.
    const kept = await cli('send', B.sessionId, 'golf-kept');
    const keptId = kept.lines[0]?.id as string;
    await pollUntil(bob, 'Bob has golf', async () => (await list(bob, dana)).length === 2);
    await bob.handlers['conversations.accept']({ id: dana });
    await settled(bob, () => bob.handlers['conversations.markRead']({ id: dana }));
    const fromBob = await sendStored(bob, dana, 'hotel-read-me');

    expect(await cli('set', 'read-receipts', 'on')).toMatchObject({ code: 0 });
    expect(await cli('receive', '--wait', '20')).toMatchObject({ code: 0, lines: [expect.objectContaining({ text: 'hotel-read-me' })] });
    const rows = (await cli('messages', B.sessionId)).lines;
    expect(rows.map((r) => [r.id ?? null, r.direction, r.text, r.status, r.deleted ?? false])).toEqual([
      [id, 'outgoing', '', 'sent', true],
      [keptId, 'outgoing', 'golf-kept', 'read', false],
      [expect.any(String), 'incoming', 'hotel-read-me', 'received', false],
    ]);
    expect(await cli('read', B.sessionId)).toMatchObject({ code: 0, lines: [expect.objectContaining({ id: B.sessionId, unreadCount: 0 })] });
    await pollUntil(bob, 'read by Dana', async () => (await find(bob, dana, fromBob.timestamp))?.status === 'read');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
