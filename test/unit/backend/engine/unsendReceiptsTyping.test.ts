// Delete for everyone, read receipts and typing indicators through the backend's handlers (real encrypted
// databases, real libsodium, the in-memory network): what is deleted from our swarm and when nothing may
// change, what goes on the wire to whom, the reciprocal settings, and the typing timers.
import { loadOrCreateDatabaseKey } from '../../../../ts/backend/keyFile';
import path from 'node:path';
import type { Backend } from '../../../../ts/backend';
import { openEncryptedDatabase } from '../../../../ts/backend/db/database';
import type { MessageView } from '../../../../ts/ipc/contract';
import { decode1o1Message, encode1o1Message, identityFromRecoverySeed, secureRandom, typingContent, type Identity } from '../../../../ts/protocol';
import { inMemoryBackends, record, until } from './fixture';

describe('unsend, read receipts and typing (in-memory network)', () => {
  const env = inMemoryBackends('unsend-', 60_000);
  const typingTimers = { repeatMs: 400, idleStopMs: 300, clearAfterMs: 300 };
  const openB = (name: string): Promise<Backend> =>
    env.open(name, {
      engine: {
        pollIntervalMs: 60_000,
        sendRetry: { attempts: 2, minDelayMs: 10, maxDelayMs: 20 },
        createNetwork: () => env.swarms.network(),
        typing: typingTimers,
      },
    });
  const inbox = (id: string): number => env.swarms.inbox.get(id)?.length ?? 0;
  /** Sends and waits until the message and (1:1) its sync copy are stored. */
  const send = async (from: Backend, me: string, to: string, text: string): Promise<MessageView> => {
    const ownBefore = inbox(me);
    const m = await from.handlers['messages.send']({ to, text });
    await until(`"${text}" sent`, async () => (await from.handlers['messages.list']({ conversationId: to })).find((x) => x.id === m.id)?.status === 'sent');
    if (to !== me) await until(`"${text}" sync copy stored`, () => inbox(me) > ownBefore);
    return m;
  };
  const poll = (b: Backend) => b.handlers['sync.pollNow']({});
  const listOf = (b: Backend, id: string) => b.handlers['messages.list']({ conversationId: id });
  /** Reads a profile's database beside the open backend. */
  const rawDb = (profile: string) => {
    const dir = path.join(env.root, 'mainnet', profile);
    const key = loadOrCreateDatabaseKey(dir, { databaseExists: true, randomBytes: () => new Uint8Array(32) });
    return openEncryptedDatabase(path.join(dir, 'session.db'), key);
  };
  /** Rows anywhere in the message tables (body, raw content, outbox bytes) holding `needle`. */
  const traces = (profile: string, needle: string): number => {
    const db = rawDb(profile);
    try {
      const hex = Buffer.from(needle, 'utf8').toString('hex');
      const n = (sql: string, ...args: string[]): number => (db.prepare(sql).get(...args) as { n: number }).n;
      return (
        n('SELECT count(*) AS n FROM messages WHERE instr(body, ?) > 0', needle) +
        n('SELECT count(*) AS n FROM messages WHERE instr(hex(content), upper(?)) > 0', hex) +
        n('SELECT count(*) AS n FROM outbox WHERE data IS NOT NULL AND instr(hex(data), upper(?)) > 0', hex) +
        n('SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH ?', `"${needle}"`)
      );
    } finally {
      db.close();
    }
  };
  const pair = async () => {
    const alice = await openB('alice');
    const bob = await openB('bob');
    const a = await alice.handlers['account.create']({ displayName: 'Alice' });
    const b = await bob.handlers['account.create']({ displayName: 'Bob' });
    return { alice, bob, a: a.sessionId, b: b.sessionId };
  };

  it('unsends our 1:1 message: our sync copy is deleted, both sides keep a placeholder, the text is gone', async () => {
    const { alice, bob, a, b } = await pair();
    const m = await send(alice, a, b, 'regrettable-token');
    await until('Bob has it', async () => (await poll(bob), (await listOf(bob, a)).length === 1));
    const syncCopies = env.swarms.inbox.get(a)?.map((x) => x.hash) ?? [];
    const updated = record(alice, 'messages.updated');
    const bobInbox = inbox(b);
    expect(traces('alice', 'regrettable-token')).toBeGreaterThan(0);
    expect(traces('bob', 'regrettable-token')).toBeGreaterThan(0);

    expect(await alice.handlers['messages.unsend']({ ids: [m.id] })).toEqual({ deleted: [m.id] });
    // Step 1 deleted exactly our swarm's copy (the sync copy), signed by us.
    expect(env.swarms.deletes).toEqual([{ pubkey: a, hashes: syncCopies }]);
    expect(updated.flatMap((u) => u.messages)).toEqual([expect.objectContaining({ id: m.id, text: '', deleted: true })]);
    expect((await listOf(alice, b)).map((x) => [x.id, x.text, x.deleted])).toEqual([[m.id, '', true]]);
    // The unsend request goes to Bob and to our own swarm, one each.
    await until('unsend requests stored', () => inbox(b) === bobInbox + 1 && inbox(a) === 1);
    const mine = env.swarms.inbox.get(a)?.[0];
    const req = decode1o1Message(aliceIdentity(alice), mine?.data as Uint8Array);
    expect(req.ok && req.value.content.unsendRequest).toMatchObject({ timestamp: m.timestamp, author: a });
    expect(traces('alice', 'regrettable-token')).toBe(0);

    const bobUpdated = record(bob, 'messages.updated');
    await poll(bob);
    expect((await listOf(bob, a)).map((x) => [x.text, x.deleted])).toEqual([['', true]]);
    expect(bobUpdated.flatMap((u) => u.messages)).toEqual([expect.objectContaining({ text: '', deleted: true, sender: a })]);
    expect(traces('bob', 'regrettable-token')).toBe(0);
    // Unsending it again changes nothing and sends nothing.
    expect(await alice.handlers['messages.unsend']({ ids: [m.id] })).toEqual({ deleted: [m.id] });
    expect(env.swarms.deletes).toHaveLength(1);
  });

  // The identity a backend was created with is not exposed; the test reads it from the stored seed.
  const identities = new Map<Backend, Identity>();
  function aliceIdentity(b: Backend): Identity {
    const known = identities.get(b);
    if (known) return known;
    const db = rawDb('alice');
    try {
      const row = db.prepare('SELECT recovery_seed FROM identity WHERE id = 1').get() as { recovery_seed: Buffer };
      const id = identityFromRecoverySeed(new Uint8Array(row.recovery_seed));
      identities.set(b, id);
      return id;
    } finally {
      db.close();
    }
  }

  it('refuses to unsend what is not ours or does not exist, and changes nothing when our swarm does not confirm the delete', async () => {
    const { alice, bob, a, b } = await pair();
    const m = await send(alice, a, b, 'stays-token');
    await poll(bob);
    const [theirs] = await listOf(bob, a);
    await expect(bob.handlers['messages.unsend']({ ids: [theirs?.id as string] })).rejects.toMatchObject({ code: 'invalid_params', message: 'Only your own messages can be deleted for everyone.' });
    await expect(alice.handlers['messages.unsend']({ ids: ['00'.repeat(16)] })).rejects.toMatchObject({ code: 'not_found' });

    env.swarms.failDeleteMessages = true;
    const before = inbox(b);
    await expect(alice.handlers['messages.unsend']({ ids: [m.id] })).rejects.toMatchObject({ code: 'network', message: expect.stringContaining('nothing was changed') });
    expect((await listOf(alice, b)).map((x) => [x.text, x.deleted])).toEqual([['stays-token', undefined]]);
    await new Promise((r) => setTimeout(r, 100));
    expect(inbox(b)).toBe(before);
    expect(inbox(a)).toBe(1); // only the sync copy: no unsend request went out

    // Delete for me: everything of it goes from this device's database, nothing is sent.
    expect(traces('alice', 'stays-token')).toBeGreaterThan(0);
    const stores = env.swarms.stores;
    expect(await alice.handlers['messages.deleteForMe']({ ids: [m.id] })).toEqual({ deleted: [m.id] });
    expect(traces('alice', 'stays-token')).toBe(0);
    expect(await listOf(alice, b)).toEqual([]);
    expect(env.swarms.stores).toBe(stores);
  });

  it('deletes a note-to-self message entirely, on our swarm too; a message that never left is deleted without a request', async () => {
    const alice = await openB('alice');
    const { sessionId: a } = await alice.handlers['account.create']({ displayName: 'Alice' });
    const note = await send(alice, a, a, 'note-token');
    const [noteHash] = env.swarms.inbox.get(a)?.map((x) => x.hash) ?? [];
    const removed = record(alice, 'messages.removed');
    expect(await alice.handlers['messages.unsend']({ ids: [note.id] })).toEqual({ deleted: [note.id] });
    expect(env.swarms.deletes).toEqual([{ pubkey: a, hashes: [noteHash] }]);
    expect(removed).toEqual([{ conversationId: a, ids: [note.id] }]);
    expect(await listOf(alice, a)).toEqual([]);
    // "Delete on all my devices": the request goes to our own swarm only.
    await until('request stored', () => inbox(a) === 1);
    expect(traces('alice', 'note-token')).toBe(0);

    const peer = `05${'cd'.repeat(32)}`;
    env.swarms.failStores = true;
    const failed = await alice.handlers['messages.send']({ to: peer, text: 'never-left-token' });
    await until('send failed', async () => (await listOf(alice, peer)).find((x) => x.id === failed.id)?.status === 'failed');
    env.swarms.failStores = false;
    const stores = env.swarms.stores;
    expect(await alice.handlers['messages.unsend']({ ids: [failed.id] })).toEqual({ deleted: [failed.id] });
    expect(await listOf(alice, peer)).toEqual([]);
    expect(env.swarms.deletes).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(env.swarms.stores).toBe(stores);
  });

  it('sends read receipts only with the setting on, and applies them only with ours on', async () => {
    const { alice, bob, a, b } = await pair();
    const first = await send(alice, a, b, 'one');
    await poll(bob);
    await bob.handlers['conversations.accept']({ id: a });
    // Bob's setting off (the default): reading sends nothing.
    const before = inbox(a);
    await bob.handlers['conversations.markRead']({ id: a });
    await new Promise((r) => setTimeout(r, 100));
    expect(inbox(a)).toBe(before);

    await bob.handlers['settings.set']({ key: 'readReceipts', value: true });
    const second = await send(alice, a, b, 'two');
    await poll(bob);
    const countAfterSecond = inbox(a);
    await bob.handlers['conversations.markRead']({ id: a });
    await until('receipt stored', () => inbox(a) > countAfterSecond);
    const receipt = env.swarms.inbox.get(a)?.at(-1);
    const decoded = decode1o1Message(aliceIdentity(alice), receipt?.data as Uint8Array);
    // Only the newly read message is listed.
    expect(decoded.ok && decoded.value.content.receiptMessage).toMatchObject({ type: 1, timestamp: [second.timestamp] });

    // Alice's setting is off: the receipt changes nothing.
    await poll(alice);
    expect((await listOf(alice, b)).map((x) => x.status)).toEqual(['sent', 'sent']);

    // With Alice's on, the next receipt marks her message read.
    await alice.handlers['settings.set']({ key: 'readReceipts', value: true });
    const third = await send(alice, a, b, 'three');
    await poll(bob);
    const updated = record(alice, 'messages.updated');
    await bob.handlers['conversations.markReadUpTo']({ id: a, messageId: (await listOf(bob, a)).at(-1)?.id as string });
    await until('read', async () => (await poll(alice), (await listOf(alice, b)).find((x) => x.id === third.id)?.status === 'read'));
    expect((await listOf(alice, b)).map((x) => [x.id, x.status])).toEqual([
      [first.id, 'sent'],
      [second.id, 'sent'],
      [third.id, 'read'],
    ]);
    expect(updated.flatMap((u) => u.messages)).toContainEqual(expect.objectContaining({ id: third.id, status: 'read' }));
  });

  it('shows typing from an approved contact with the setting on, cleared on timeout and by their message', async () => {
    const { alice, bob, a, b } = await pair();
    await send(alice, a, b, 'hello');
    await poll(bob);
    await bob.handlers['conversations.accept']({ id: a });
    const typing = record(bob, 'conversations.typing');

    // Alice's setting off: nothing is sent.
    let stores = env.swarms.stores;
    await alice.handlers['conversations.typing']({ id: b, typing: true });
    expect(env.swarms.stores).toBe(stores);

    await alice.handlers['settings.set']({ key: 'typingIndicators', value: true });
    await alice.handlers['conversations.typing']({ id: b, typing: true });
    await until('STARTED stored', () => env.swarms.stores === stores + 1);
    // Bob's setting off: ignored.
    await poll(bob);
    expect(typing).toEqual([]);

    await bob.handlers['settings.set']({ key: 'typingIndicators', value: true });
    stores = env.swarms.stores;
    await alice.handlers['conversations.typing']({ id: b, typing: true });
    // Within the repeat interval nothing new is sent (the first STARTED was polled while Bob's setting was off).
    expect(env.swarms.stores).toBe(stores);
    await until('a new STARTED after the repeat interval', async () => {
      await alice.handlers['conversations.typing']({ id: b, typing: true });
      return env.swarms.stores > stores;
    });
    await poll(bob);
    expect(typing).toEqual([{ id: a, typing: true }]);
    await until('cleared after the timeout', () => typing.length === 2);
    expect(typing[1]).toEqual({ id: a, typing: false });

    // STARTED again, then her message clears it at once.
    stores = env.swarms.stores;
    await new Promise((r) => setTimeout(r, typingTimers.repeatMs));
    await alice.handlers['conversations.typing']({ id: b, typing: true });
    await until('STARTED stored', () => env.swarms.stores > stores);
    await poll(bob);
    expect(typing.at(-1)).toEqual({ id: a, typing: true });
    await send(alice, a, b, 'done typing');
    await poll(bob);
    expect(typing.at(-1)).toEqual({ id: a, typing: false });
  });

  it('sends STOPPED when the composer stops, and drops indicators from a blocked sender', async () => {
    const { alice, bob, a, b } = await pair();
    await send(alice, a, b, 'hello');
    await poll(bob);
    await bob.handlers['conversations.accept']({ id: a });
    await alice.handlers['settings.set']({ key: 'typingIndicators', value: true });
    await bob.handlers['settings.set']({ key: 'typingIndicators', value: true });
    const typing = record(bob, 'conversations.typing');
    const stores = env.swarms.stores;
    await alice.handlers['conversations.typing']({ id: b, typing: true });
    await poll(bob);
    expect(typing).toEqual([{ id: a, typing: true }]);
    await alice.handlers['conversations.typing']({ id: b, typing: false });
    expect(env.swarms.stores).toBe(stores + 2);
    await poll(bob);
    expect(typing).toEqual([
      { id: a, typing: true },
      { id: a, typing: false },
    ]);
    // Stopping again sends nothing more.
    await alice.handlers['conversations.typing']({ id: b, typing: false });
    expect(env.swarms.stores).toBe(stores + 2);

    await bob.handlers['conversations.setBlocked']({ id: a, blocked: true });
    await new Promise((r) => setTimeout(r, typingTimers.repeatMs));
    await alice.handlers['conversations.typing']({ id: b, typing: true });
    expect(env.swarms.stores).toBe(stores + 3);
    await poll(bob);
    expect(typing).toHaveLength(2);
    // Blocked: Bob sends Alice none either.
    await bob.handlers['conversations.typing']({ id: a, typing: true });
    expect(env.swarms.stores).toBe(stores + 3);
  });

  it('drops a typing indicator whose timestamp is not the envelope timestamp, and one to a request', async () => {
    const { alice, bob, a, b } = await pair();
    await send(alice, a, b, 'hello');
    await poll(bob);
    await bob.handlers['conversations.accept']({ id: a });
    await bob.handlers['settings.set']({ key: 'typingIndicators', value: true });
    const typing = record(bob, 'conversations.typing');
    const t = Date.now();
    env.swarms.put(b, encode1o1Message({ sender: aliceIdentity(alice), recipient: b, content: typingContent(t + 1, 'started'), timestampMs: t, random: secureRandom }).wrapper);
    await poll(bob);
    expect(typing).toEqual([]);
    env.swarms.put(b, encode1o1Message({ sender: aliceIdentity(alice), recipient: b, content: typingContent(t + 5, 'started'), timestampMs: t + 5, random: secureRandom }).wrapper);
    await poll(bob);
    expect(typing).toEqual([{ id: a, typing: true }]);

    // Carol's conversation with Bob is a request Bob has not accepted: Bob sends her no indicators.
    const carol = await openB('carol');
    const { sessionId: c } = await carol.handlers['account.create']({ displayName: 'Carol' });
    await send(carol, c, b, 'hi bob');
    await poll(bob);
    const stores = env.swarms.stores;
    await bob.handlers['conversations.typing']({ id: c, typing: true });
    expect(env.swarms.stores).toBe(stores);
  });
});
