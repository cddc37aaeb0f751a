import type { MessageView } from '../../../../ts/ipc/contract';
import { IpcError } from '../../../../ts/ipc/errors';
import {
  SignalService,
  encode1o1Message,
  encodeContent,
  encodeEnvelope,
  encodeWebSocketMessage,
  hexToBytes,
  identityFromRecoverySeed,
  secureRandom,
  utf8ToBytes,
} from '../../../../ts/protocol';
import vectors from '../../../fixtures/vectors/messaging-vectors.json';
import { inMemoryBackends, record, until } from './fixture';

const VECTOR = vectors.identity_from_recovery_seed[0] as { mnemonic: string; session_id: string; seed16_hex: string };

describe('messaging engine (in-memory network)', () => {
  const env = inMemoryBackends('engine-', 20);
  const { open: openB, close } = env;

  it('creates an account from the injected randomness and restores the vector recovery password', async () => {
    const seed = hexToBytes(VECTOR.seed16_hex);
    const a = await openB('a', { randomBytes: (n) => (n === 16 ? seed.slice() : secureRandom(n)) });
    expect(await a.handlers['account.get']({})).toBeNull();
    const created = await a.handlers['account.create']({ displayName: 'Alice' });
    expect(created).toEqual({ sessionId: VECTOR.session_id, mnemonic: VECTOR.mnemonic });
    // Created here: the backup banner is due until the recovery password is viewed.
    expect(await a.handlers['account.get']({})).toEqual({ sessionId: VECTOR.session_id, displayName: 'Alice', showRecoveryBanner: true });
    expect(await a.handlers['account.getRecoveryPassword']({})).toEqual({ mnemonic: VECTOR.mnemonic });
    expect(await a.handlers['account.get']({})).toEqual({ sessionId: VECTOR.session_id, displayName: 'Alice', showRecoveryBanner: false });
    await expect(a.handlers['account.create']({ displayName: 'Again' })).rejects.toMatchObject({ code: 'conflict' });

    const b = await openB('b');
    const restored = await b.handlers['account.restore']({ mnemonic: `  ${VECTOR.mnemonic.toUpperCase()} ` });
    expect(restored).toEqual({ sessionId: VECTOR.session_id });
    // Restored: the recovery password was just typed in, so no banner.
    expect(await b.handlers['account.setDisplayName']({ displayName: 'Alice 2' })).toEqual({ sessionId: VECTOR.session_id, displayName: 'Alice 2', showRecoveryBanner: false });
  });

  it('rejects a bad recovery password and a bad Account ID with clear messages', async () => {
    const a = await openB('a');
    const words = VECTOR.mnemonic.split(' ');
    await expect(a.handlers['account.restore']({ mnemonic: words.slice(0, 12).join(' ') })).rejects.toThrow('it needs 13');
    await expect(a.handlers['account.restore']({ mnemonic: [...words.slice(0, 12), 'amaze'].join(' ') })).rejects.toThrow(/check every word/);
    await expect(a.handlers['account.restore']({ mnemonic: [...words.slice(0, 12), 'qqqq'].join(' ') })).rejects.toThrow(/not in the recovery password word list/);
    expect(await a.handlers['account.get']({})).toBeNull();
    await a.handlers['account.create']({ displayName: 'A' });
    const err = await Promise.resolve(a.handlers['messages.send']({ to: `05${'ab'.repeat(31)}`, text: 'hi' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IpcError);
    expect((err as IpcError).message).toMatch(/66 characters/);
    await expect(a.handlers['messages.send']({ to: `15${'ab'.repeat(32)}`, text: 'hi' })).rejects.toThrow(/start with 05/);
  });

  it('sends both ways with statuses, message requests, cursors and byte-exact text', async () => {
    const alice = await openB('alice');
    const bob = await openB('bob');
    const a = await alice.handlers['account.create']({ displayName: 'Alice' });
    const b = await bob.handlers['account.create']({ displayName: 'Bob' });
    const updated = record(alice, 'messages.updated');
    const text = 'héllo \u{1F600} e\u0301 \u200b  trailing  ';
    const sent = await alice.handlers['messages.send']({ to: b.sessionId.toUpperCase(), text });
    expect(sent).toMatchObject({ conversationId: b.sessionId, sender: a.sessionId, direction: 'outgoing', status: 'sending', text });
    await until('sent', () => updated.some((u) => u.messages.some((m) => m.id === sent.id && m.status === 'sent')));

    const got = await until('bob receives', async () => {
      await bob.handlers['sync.pollNow']({});
      const list = await bob.handlers['messages.takeNew']({ consumer: 'cli' });
      return list.length > 0 ? list : undefined;
    });
    expect(got).toEqual([expect.objectContaining({ conversationId: a.sessionId, sender: a.sessionId, direction: 'incoming', status: 'received', text, timestamp: sent.timestamp })]);
    expect(await bob.handlers['messages.takeNew']({ consumer: 'cli' })).toEqual([]);
    expect(await bob.handlers['messages.takeNew']({ consumer: 'other' })).toHaveLength(1);
    // A peek leaves the cursor; `through` moves it to that message (an id not among the new ones moves nothing).
    expect(await bob.handlers['messages.takeNew']({ consumer: 'peeker', peek: true })).toHaveLength(1);
    expect(await bob.handlers['messages.takeNew']({ consumer: 'peeker', through: 'f'.repeat(32) })).toEqual([]);
    expect(await bob.handlers['messages.takeNew']({ consumer: 'peeker', peek: true })).toHaveLength(1);
    expect(await bob.handlers['messages.takeNew']({ consumer: 'peeker', through: got[0]!.id })).toEqual([expect.objectContaining({ id: got[0]!.id })]);
    expect(await bob.handlers['messages.takeNew']({ consumer: 'peeker', peek: true })).toEqual([]);
    const [req] = await bob.handlers['conversations.list']({ requests: true });
    expect(req).toMatchObject({ id: a.sessionId, kind: 'private', name: 'Alice', isApproved: false, isRequest: true, unreadCount: 1 });
    expect(await alice.handlers['conversations.list']({})).toEqual([expect.objectContaining({ id: b.sessionId, isApproved: true, isRequest: false })]);
    // Alice's own request is not approved by Bob yet: her composer refuses attachments and voice (spec/ui.md §4.7).
    expect((await alice.handlers['conversations.list']({}))[0]!.approvedMe).toBe(false);

    // Opening the conversation marks its incoming messages read: the count drops to 0, once.
    const bobConversations = record(bob, 'conversations.updated');
    const bobMessages = record(bob, 'messages.updated');
    expect(await bob.handlers['conversations.markRead']({ id: a.sessionId.toUpperCase() })).toMatchObject({ id: a.sessionId, unreadCount: 0 });
    expect(bobConversations.at(-1)?.conversations).toEqual([expect.objectContaining({ id: a.sessionId, unreadCount: 0 })]);
    expect(bobMessages.at(-1)?.messages).toEqual([expect.objectContaining({ id: got[0]!.id, status: 'read' })]);
    const eventsBefore = bobConversations.length;
    expect(await bob.handlers['conversations.markRead']({ id: a.sessionId })).toMatchObject({ unreadCount: 0 });
    expect(bobConversations).toHaveLength(eventsBefore);
    expect((await bob.handlers['messages.list']({ conversationId: a.sessionId })).map((m) => m.status)).toEqual(['read']);
    await expect(bob.handlers['conversations.markRead']({ id: `05${'ab'.repeat(32)}` })).rejects.toMatchObject({ code: 'not_found' });

    const aliceInbox = env.swarms.inbox.get(a.sessionId)?.length ?? 0;
    await bob.handlers['conversations.accept']({ id: a.sessionId });
    expect(await bob.handlers['conversations.list']({ requests: true })).toEqual([]);
    // Accepting a request sends one message-request response, which Alice processes but never lists.
    await until('request response stored', () => (env.swarms.inbox.get(a.sessionId)?.length ?? 0) === aliceInbox + 1);
    const ignoredBefore = alice.engineStats().ignored;
    expect(await alice.handlers['sync.pollNow']({})).toEqual({ newMessages: 0, dropped: 0 });
    expect(alice.engineStats().ignored).toBe(ignoredBefore + 1);
    // Bob's acceptance approves Alice: the refusal ends.
    expect((await alice.handlers['conversations.list']({}))[0]).not.toHaveProperty('approvedMe');
    await bob.handlers['conversations.accept']({ id: a.sessionId });
    expect(env.swarms.inbox.get(a.sessionId)?.length ?? 0).toBe(aliceInbox + 1);
    const reply = await bob.handlers['messages.send']({ to: a.sessionId, text: 'hi Alice' });
    const back = await until('alice receives', async () => {
      await alice.handlers['sync.pollNow']({});
      const l = await alice.handlers['messages.takeNew']({ consumer: 'cli' });
      return l.length > 0 ? l : undefined;
    });
    expect(back.map((m) => m.text)).toEqual(['hi Alice']);
    expect(back[0]?.timestamp).toBe(reply.timestamp);
    const conv = await alice.handlers['messages.list']({ conversationId: b.sessionId });
    expect(conv.map((m) => [m.direction, m.text])).toEqual([
      ['outgoing', text],
      ['incoming', 'hi Alice'],
    ]);
  });

  it('keeps note-to-self in one store to our own swarm and shows sync copies on a second device', async () => {
    const alice = await openB('alice');
    const bob = await openB('bob');
    const a = await alice.handlers['account.create']({ displayName: 'Alice' });
    const b = await bob.handlers['account.create']({ displayName: 'Bob' });
    const { mnemonic } = await alice.handlers['account.getRecoveryPassword']({});
    const updated = record(alice, 'messages.updated');
    const nts = await alice.handlers['messages.send']({ to: a.sessionId, text: 'note' });
    const toBob = await alice.handlers['messages.send']({ to: b.sessionId, text: 'to bob' });
    await until('both sent', () => [nts.id, toBob.id].every((id) => updated.some((u) => u.messages.some((m) => m.id === id && m.status === 'sent'))));
    await until('sync copy stored', () => (env.swarms.inbox.get(a.sessionId)?.length ?? 0) === 2);
    expect(env.swarms.inbox.get(b.sessionId)).toHaveLength(1);

    const alice2 = await openB('alice2');
    await alice2.handlers['account.restore']({ mnemonic });
    const convs = await until('second device sees both', async () => {
      await alice2.handlers['sync.pollNow']({});
      const c = await alice2.handlers['conversations.list']({});
      return c.length === 2 ? c : undefined;
    });
    expect(convs.map((c) => [c.id, c.kind, c.isRequest]).sort()).toEqual(
      [
        [a.sessionId, 'note-to-self', false],
        [b.sessionId, 'private', false],
      ].sort(),
    );
    const copy = await alice2.handlers['messages.list']({ conversationId: b.sessionId });
    expect(copy).toEqual([expect.objectContaining({ direction: 'outgoing', sender: a.sessionId, text: 'to bob', status: 'sent', timestamp: toBob.timestamp })]);
    expect(await alice2.handlers['messages.takeNew']({ consumer: 'cli' })).toEqual([]);
    // The sending device ignores its own copies.
    await alice.handlers['sync.pollNow']({});
    expect(await alice.handlers['messages.list']({ conversationId: b.sessionId })).toHaveLength(1);
    expect(await alice.handlers['messages.list']({ conversationId: a.sessionId })).toHaveLength(1);
  });

  it('receives the upstream full-pipeline vector as a message request from its sender', async () => {
    const v = vectors.full_pipeline_decode_vector as { ws_message_hex: string; timestamp_ms: number; expected_sender_session_id: string };
    const row = (vectors.identity_from_recovery_seed as { seed16_hex: string; mnemonic: string; session_id: string }[]).find((r) => r.seed16_hex === '00112233445566778899aabbccddeeff');
    if (!row) throw new Error('vector missing');
    const bob = await openB('bob');
    const b = await bob.handlers['account.restore']({ mnemonic: row.mnemonic });
    expect(b.sessionId).toBe(row.session_id);
    env.swarms.put(b.sessionId, hexToBytes(v.ws_message_hex));
    expect(await bob.handlers['sync.pollNow']({})).toEqual({ newMessages: 1, dropped: 0 });
    expect(await bob.handlers['messages.takeNew']({ consumer: 'cli' })).toEqual([
      expect.objectContaining({ sender: v.expected_sender_session_id, conversationId: v.expected_sender_session_id, text: 'hello', timestamp: v.timestamp_ms, direction: 'incoming' }),
    ]);
    expect(await bob.handlers['conversations.list']({})).toEqual([
      expect.objectContaining({ id: v.expected_sender_session_id, name: 'Alice', isRequest: true, unreadCount: 1, kind: 'private' }),
    ]);
  });

  it('drops garbage and non-visible content without crashing, and dedupes by sender and timestamp', async () => {
    const alice = await openB('alice');
    const bob = await openB('bob');
    await alice.handlers['account.create']({ displayName: 'Alice' });
    const b = await bob.handlers['account.create']({ displayName: 'Bob' });
    const sender = identityFromRecoverySeed(hexToBytes(VECTOR.seed16_hex));
    const T = Date.now();
    const enc = (content: Parameters<typeof encode1o1Message>[0]['content'], t = T) =>
      encode1o1Message({ sender, recipient: b.sessionId, content, timestampMs: t, random: secureRandom }).wrapper;
    env.swarms.put(b.sessionId, utf8ToBytes('not a message at all'));
    env.swarms.put(b.sessionId, new Uint8Array(0));
    env.swarms.put(
      b.sessionId,
      encodeWebSocketMessage({ type: 1, request: { verb: '', path: '', requestId: 0, body: encodeEnvelope({ type: 6, timestamp: T, content: new Uint8Array(200) }) } }),
    );
    env.swarms.put(b.sessionId, enc({ typingMessage: { timestamp: T, action: SignalService.TypingMessage.Action.STARTED } }, T + 1));
    env.swarms.put(b.sessionId, enc({ receiptMessage: { type: SignalService.ReceiptMessage.Type.READ, timestamp: [T] } }, T + 2));
    env.swarms.put(b.sessionId, enc({ dataMessage: { reaction: { id: T, author: b.sessionId, action: 0, emoji: '👍' } } }, T + 3));
    env.swarms.put(b.sessionId, enc({ dataMessage: { body: 'once' } }));
    env.swarms.put(b.sessionId, enc({ dataMessage: { body: 'once (re-encrypted, same T)' } }));
    env.swarms.put(b.sessionId, enc({ dataMessage: { body: 'x'.repeat(10_005) } }, T + 4));
    const r = await bob.handlers['sync.pollNow']({});
    expect(r).toEqual({ newMessages: 2, dropped: 3 });
    const got = await bob.handlers['messages.takeNew']({ consumer: 'cli' });
    expect(got.map((m) => m.text.length)).toEqual([4, 10_000]);
    expect(encodeContent).toBeDefined();
    expect(await bob.handlers['sync.pollNow']({})).toEqual({ newMessages: 0, dropped: 0 });
  });

  it('retries with backoff, ends as failed, and delivers after a user retry', async () => {
    const alice = await openB('alice');
    const bob = await openB('bob');
    await alice.handlers['account.create']({ displayName: 'Alice' });
    const b = await bob.handlers['account.create']({ displayName: 'Bob' });
    const updated = record(alice, 'messages.updated');
    env.swarms.failStores = true;
    const sent = await alice.handlers['messages.send']({ to: b.sessionId, text: 'eventually' });
    const failed = await until('failed', () => updated.flatMap((u) => u.messages).find((m: MessageView) => m.id === sent.id && m.status === 'failed'));
    expect(failed.error).toMatch(/reach/);
    expect(env.swarms.stores).toBe(3);
    env.swarms.failStores = false;
    expect(await alice.handlers['messages.retry']({ id: sent.id })).toMatchObject({ status: 'sending' });
    await until('sent after retry', () => updated.some((u) => u.messages.some((m) => m.id === sent.id && m.status === 'sent')));
    await bob.handlers['sync.pollNow']({});
    expect((await bob.handlers['messages.takeNew']({ consumer: 'cli' })).map((m) => m.text)).toEqual(['eventually']);
  });

  it('resumes queued sends after a restart without duplicates', async () => {
    let alice = await openB('alice', { engine: { startNetwork: false } });
    const bob = await openB('bob');
    await alice.handlers['account.create']({ displayName: 'Alice' });
    const b = await bob.handlers['account.create']({ displayName: 'Bob' });
    const queued = await alice.handlers['messages.send']({ to: b.sessionId, text: 'queued' });
    expect(queued.status).toBe('sending');
    await close(alice);
    alice = await openB('alice');
    const updated = record(alice, 'messages.updated');
    await until('resumed send', async () => {
      const [m] = await alice.handlers['messages.list']({ conversationId: b.sessionId });
      return m?.status === 'sent' || updated.length > 0;
    });
    await bob.handlers['sync.pollNow']({});
    await bob.handlers['sync.pollNow']({});
    expect((await bob.handlers['messages.takeNew']({ consumer: 'cli' })).map((m) => m.text)).toEqual(['queued']);
  });
});
