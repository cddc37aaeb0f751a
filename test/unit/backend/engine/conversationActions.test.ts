// The conversation and message actions of the desktop UI through the backend's handlers, on real
// encrypted databases with an in-memory network: block / mute / drafts / deletes / requests, the
// recovery password guard, and clearing all data (local, and network first).
import { loadOrCreateDatabaseKey } from '../../../../ts/backend/keyFile';
import fs from 'node:fs';
import path from 'node:path';
import type { Backend } from '../../../../ts/backend';
import { openEncryptedDatabase } from '../../../../ts/backend/db/database';
import type { MessageView } from '../../../../ts/ipc/contract';
import { inMemoryBackends, record, until } from './fixture';

describe('conversation actions (in-memory network)', () => {
  const env = inMemoryBackends('actions-', 60_000);
  const { open: openB, close } = env;
  /** Sends and waits until the message is stored in the recipient's swarm. */
  const send = async (from: Backend, to: string, text: string): Promise<MessageView> => {
    const before = env.swarms.inbox.get(to)?.length ?? 0;
    const m = await from.handlers['messages.send']({ to, text });
    await until(`"${text}" stored`, () => (env.swarms.inbox.get(to)?.length ?? 0) > before);
    return m;
  };
  /** Polls until `count` messages have been added since the backend opened. */
  const receive = async (b: Backend, count: number): Promise<void> => {
    await until(`${count} received`, async () => {
      await b.handlers['sync.pollNow']({});
      return b.engineStats().added >= count;
    });
  };
  /** Forgets the per-node poll position, as a fresh install or a lost database row would: the next poll fetches the whole swarm again. */
  const resetPollPosition = (profile: string): void => {
    const dir = path.join(env.root, 'mainnet', profile);
    const key = loadOrCreateDatabaseKey(dir, { databaseExists: true, randomBytes: () => new Uint8Array(32) });
    const db = openEncryptedDatabase(path.join(dir, 'session.db'), key);
    db.prepare('DELETE FROM last_hashes').run();
    db.close();
  };

  it('deletes a message request for good: its messages are gone and a full re-poll does not bring them back', async () => {
    const alice = await openB('alice');
    let bob = await openB('bob');
    const a = await alice.handlers['account.create']({ displayName: 'Alice' });
    const b = await bob.handlers['account.create']({ displayName: 'Bob' });
    await send(alice, b.sessionId, 'one');
    await send(alice, b.sessionId, 'two');
    await receive(bob, 2);
    expect(await bob.handlers['conversations.list']({ requests: true })).toEqual([expect.objectContaining({ id: a.sessionId, isRequest: true, unreadCount: 2 })]);
    const removedMessages = record(bob, 'messages.removed');
    const removedConversations = record(bob, 'conversations.removed');

    expect(await bob.handlers['conversations.decline']({ id: a.sessionId })).toEqual({ id: a.sessionId });
    expect(await bob.handlers['conversations.list']({})).toEqual([]);
    expect(removedMessages).toEqual([{ conversationId: a.sessionId, ids: expect.any(Array) }]);
    expect(removedMessages[0]?.ids).toHaveLength(2);
    expect(removedConversations).toEqual([{ ids: [a.sessionId] }]);
    // A conversation without rows (deleted, or opened before its first message) has an empty newest page;
    // a cursor into it names a message it does not have.
    expect(await bob.handlers['messages.page']({ conversationId: a.sessionId })).toEqual({ messages: [], hasOlder: false, hasNewer: false });
    await expect(bob.handlers['messages.page']({ conversationId: a.sessionId, before: 'gone' })).rejects.toMatchObject({ code: 'not_found' });

    // From the start of the swarm again: both hashes are still known as seen, so nothing is re-added.
    await close(bob);
    resetPollPosition('bob');
    bob = await openB('bob');
    expect(await bob.handlers['sync.pollNow']({})).toEqual({ newMessages: 0, dropped: 0 });
    expect(await bob.handlers['conversations.list']({})).toEqual([]);
    expect(await bob.handlers['messages.list']({ conversationId: a.sessionId })).toEqual([]);

    // A new message from Alice is a new request (declining does not block).
    await send(alice, b.sessionId, 'three');
    await bob.handlers['sync.pollNow']({});
    const [req] = await bob.handlers['conversations.list']({ requests: true });
    expect(req).toMatchObject({ id: a.sessionId, isRequest: true, unreadCount: 1, lastMessage: expect.objectContaining({ text: 'three' }) });
    await expect(bob.handlers['conversations.decline']({ id: `05${'ab'.repeat(32)}` })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('clears all requests without blocking, and refuses to decline an accepted conversation', async () => {
    const alice = await openB('alice');
    const carol = await openB('carol');
    const bob = await openB('bob');
    const a = await alice.handlers['account.create']({ displayName: 'Alice' });
    const c = await carol.handlers['account.create']({ displayName: 'Carol' });
    const b = await bob.handlers['account.create']({ displayName: 'Bob' });
    await send(alice, b.sessionId, 'from alice');
    await send(carol, b.sessionId, 'from carol');
    await send(bob, c.sessionId, 'hi carol');
    await receive(bob, 2);
    // Bob wrote to Carol, so hers is a conversation, not a request.
    expect((await bob.handlers['conversations.list']({ requests: true })).map((x) => x.id)).toEqual([a.sessionId]);
    await expect(bob.handlers['conversations.decline']({ id: c.sessionId })).rejects.toMatchObject({ code: 'invalid_params' });
    expect(await bob.handlers['conversations.clearRequests']({})).toEqual({ ids: [a.sessionId] });
    expect((await bob.handlers['conversations.list']({})).map((x) => x.id)).toEqual([c.sessionId]);
    expect(await bob.handlers['contacts.listBlocked']({})).toEqual([]);
    expect(await bob.handlers['conversations.clearRequests']({})).toEqual({ ids: [] });
  });

  it('blocks and unblocks through one service: a blocked request leaves the lists and their new messages are dropped', async () => {
    const alice = await openB('alice');
    const bob = await openB('bob');
    const a = await alice.handlers['account.create']({ displayName: 'Alice' });
    const b = await bob.handlers['account.create']({ displayName: 'Bob' });
    await send(alice, b.sessionId, 'hello');
    await receive(bob, 1);
    const removed = record(bob, 'conversations.removed');
    const updated = record(bob, 'conversations.updated');

    const blocked = await bob.handlers['conversations.setBlocked']({ id: a.sessionId, blocked: true });
    expect(blocked).toMatchObject({ id: a.sessionId, isBlocked: true, isRequest: false });
    expect(removed).toEqual([{ ids: [a.sessionId] }]);
    expect(await bob.handlers['conversations.list']({})).toEqual([]);
    expect(await bob.handlers['contacts.listBlocked']({})).toEqual([{ id: a.sessionId, name: 'Alice' }]);

    await send(alice, b.sessionId, 'are you there?');
    expect(await bob.handlers['sync.pollNow']({})).toEqual({ newMessages: 0, dropped: 1 });
    expect(bob.engineStats().dropReasons).toMatchObject({ blocked_sender: 1 });

    const unblocked = await bob.handlers['conversations.setBlocked']({ id: a.sessionId.toUpperCase(), blocked: false });
    expect(unblocked).toMatchObject({ id: a.sessionId, isBlocked: false, isRequest: true });
    expect(updated.at(-1)?.conversations).toEqual([expect.objectContaining({ id: a.sessionId, isRequest: true })]);
    expect(await bob.handlers['contacts.listBlocked']({})).toEqual([]);
    // The message that came while blocked stays dropped; the request shows what came before.
    const page = await bob.handlers['messages.page']({ conversationId: a.sessionId });
    expect(page.messages.map((m) => m.text)).toEqual(['hello']);

    // An accepted contact stays listed when blocked, marked blocked.
    await bob.handlers['conversations.accept']({ id: a.sessionId });
    expect(await bob.handlers['conversations.setBlocked']({ id: a.sessionId, blocked: true })).toMatchObject({ isBlocked: true, isApproved: true });
    expect(await bob.handlers['conversations.list']({})).toEqual([expect.objectContaining({ id: a.sessionId, isBlocked: true })]);

    // Someone without a conversation can be blocked and unblocked from the blocked list.
    const stranger = `05${'cd'.repeat(32)}`;
    expect(await bob.handlers['conversations.setBlocked']({ id: stranger, blocked: true })).toMatchObject({ id: stranger, isBlocked: true });
    expect((await bob.handlers['contacts.listBlocked']({})).map((x) => x.id).sort()).toEqual([a.sessionId, stranger].sort());
    await expect(bob.handlers['conversations.setBlocked']({ id: b.sessionId, blocked: true })).rejects.toMatchObject({ code: 'invalid_params' });
    await expect(bob.handlers['conversations.setBlocked']({ id: 'not an id', blocked: true })).rejects.toMatchObject({ code: 'invalid_params' });
  });

  it('keeps the notification mode and the draft per conversation across a restart', async () => {
    const alice = await openB('alice');
    let bob = await openB('bob');
    const a = await alice.handlers['account.create']({ displayName: 'Alice' });
    const b = await bob.handlers['account.create']({ displayName: 'Bob' });
    await send(bob, a.sessionId, 'hi');
    await expect(bob.handlers['conversations.setDraft']({ id: `05${'ab'.repeat(32)}`, text: 'x' })).rejects.toMatchObject({ code: 'not_found' });
    expect(await bob.handlers['conversations.setDraft']({ id: a.sessionId, text: 'unsent\nsecond line ' })).toEqual({ id: a.sessionId });
    const muted = await bob.handlers['conversations.setNotificationMode']({ id: a.sessionId, mode: 'mute' });
    expect(muted).toMatchObject({ id: a.sessionId, notificationMode: 'mute', draft: 'unsent\nsecond line ' });
    await expect(bob.handlers['conversations.setNotificationMode']({ id: b.sessionId, mode: 'mute' })).rejects.toMatchObject({ code: 'invalid_params' });

    await close(bob);
    bob = await openB('bob');
    expect(await bob.handlers['conversations.list']({})).toEqual([expect.objectContaining({ id: a.sessionId, notificationMode: 'mute', draft: 'unsent\nsecond line ' })]);
    await bob.handlers['conversations.setDraft']({ id: a.sessionId, text: '   ' });
    await bob.handlers['conversations.setNotificationMode']({ id: a.sessionId, mode: 'all' });
    const [s] = await bob.handlers['conversations.list']({});
    expect(s?.draft).toBeUndefined();
    expect(s?.notificationMode).toBe('all');
  });

  it('clears messages (keeping the conversation), deletes a conversation, and deletes a contact so they write as a request again', async () => {
    const alice = await openB('alice');
    const bob = await openB('bob');
    const a = await alice.handlers['account.create']({ displayName: 'Alice' });
    const b = await bob.handlers['account.create']({ displayName: 'Bob' });
    await send(bob, a.sessionId, 'b1');
    await send(alice, b.sessionId, 'a1');
    await receive(bob, 1);
    const removed = record(bob, 'messages.removed');

    const cleared = await bob.handlers['conversations.clearMessages']({ id: a.sessionId });
    expect(cleared).toMatchObject({ id: a.sessionId, isApproved: true, unreadCount: 0 });
    expect(cleared.lastMessage).toBeUndefined();
    expect(removed.at(-1)?.ids).toHaveLength(2);
    expect((await bob.handlers['messages.page']({ conversationId: a.sessionId })).messages).toEqual([]);
    expect(await bob.handlers['conversations.list']({})).toEqual([expect.objectContaining({ id: a.sessionId })]);

    // Delete conversation: gone; the contact stays approved, so Alice's next message is no request.
    await send(alice, b.sessionId, 'a2');
    await bob.handlers['sync.pollNow']({});
    expect(await bob.handlers['conversations.delete']({ id: a.sessionId })).toEqual({ id: a.sessionId });
    expect(await bob.handlers['conversations.list']({})).toEqual([]);
    await send(alice, b.sessionId, 'a3');
    await bob.handlers['sync.pollNow']({});
    expect(await bob.handlers['conversations.list']({})).toEqual([expect.objectContaining({ id: a.sessionId, isRequest: false, isApproved: true })]);

    // Delete contact: the conversation goes and the next message is a request again.
    expect(await bob.handlers['contacts.delete']({ id: a.sessionId })).toEqual({ id: a.sessionId });
    expect(await bob.handlers['conversations.list']({})).toEqual([]);
    await send(alice, b.sessionId, 'a4');
    await bob.handlers['sync.pollNow']({});
    expect(await bob.handlers['conversations.list']({ requests: true })).toEqual([
      expect.objectContaining({ id: a.sessionId, isRequest: true, lastMessage: expect.objectContaining({ text: 'a4' }) }),
    ]);
    await expect(bob.handlers['contacts.delete']({ id: `05${'ab'.repeat(32)}` })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('deletes messages for me across conversations and returns only those that existed', async () => {
    const alice = await openB('alice');
    const a = await alice.handlers['account.create']({ displayName: 'Alice' });
    const bobId = `05${'cd'.repeat(32)}`;
    const m1 = await alice.handlers['messages.send']({ to: bobId, text: 'one' });
    const m2 = await alice.handlers['messages.send']({ to: bobId, text: 'two' });
    const n1 = await alice.handlers['messages.send']({ to: a.sessionId, text: 'note' });
    const removed = record(alice, 'messages.removed');
    const updated = record(alice, 'conversations.updated');
    const res = await alice.handlers['messages.deleteForMe']({ ids: [m2.id, n1.id, 'no-such-id'] });
    expect(res.deleted.sort()).toEqual([m2.id, n1.id].sort());
    expect(removed.sort((x, y) => x.conversationId.localeCompare(y.conversationId))).toEqual(
      [
        { conversationId: bobId, ids: [m2.id] },
        { conversationId: a.sessionId, ids: [n1.id] },
      ].sort((x, y) => x.conversationId.localeCompare(y.conversationId)),
    );
    const summaries = updated.at(-1)?.conversations ?? [];
    expect(summaries.find((s) => s.id === bobId)?.lastMessage?.id).toBe(m1.id);
    expect(summaries.find((s) => s.id === a.sessionId)?.lastMessage).toBeUndefined();
    expect((await alice.handlers['messages.page']({ conversationId: bobId })).messages.map((m) => m.id)).toEqual([m1.id]);
    expect(await alice.handlers['messages.deleteForMe']({ ids: [m2.id] })).toEqual({ deleted: [] });
  });

  it('tells whether a text contains the recovery password, however it is spaced or capitalised', async () => {
    const alice = await openB('alice');
    expect(await alice.handlers['account.containsRecoveryPassword']({ text: 'anything' })).toEqual({ contains: false });
    await alice.handlers['account.create']({ displayName: 'Alice' });
    const { mnemonic } = await alice.handlers['account.getRecoveryPassword']({});
    const words = mnemonic.split(' ');
    const check = async (text: string) => (await alice.handlers['account.containsRecoveryPassword']({ text })).contains;
    expect(await check(mnemonic)).toBe(true);
    expect(await check(`my backup:\n${words.slice(0, 6).join('  ').toUpperCase()}\n${words.slice(6).join('\t')}. thanks`)).toBe(true);
    expect(await check(words.slice(0, 12).join(' '))).toBe(false);
    expect(await check([...words.slice(0, 6), 'extra', ...words.slice(6)].join(' '))).toBe(false);
    expect(await check('')).toBe(false);
  });

  it('shows the backup banner until the recovery password is viewed, with one account.changed when it flips', async () => {
    let alice = await openB('alice');
    await alice.handlers['account.create']({ displayName: 'Alice' });
    expect(await alice.handlers['account.get']({})).toMatchObject({ showRecoveryBanner: true });
    // Persisted: still due after a restart.
    await close(alice);
    alice = await openB('alice');
    expect(await alice.handlers['account.get']({})).toMatchObject({ showRecoveryBanner: true });
    const changed = record(alice, 'account.changed');
    await alice.handlers['account.getRecoveryPassword']({});
    await alice.handlers['account.getRecoveryPassword']({});
    expect(changed).toEqual([{ account: expect.objectContaining({ showRecoveryBanner: false }) }]);
    await close(alice);
    alice = await openB('alice');
    expect(await alice.handlers['account.get']({})).toMatchObject({ showRecoveryBanner: false });
  });

  it('clears all data on this device: nothing of the profile remains, and a new account can be made in the same backend', async () => {
    const alice = await openB('alice');
    const a = await alice.handlers['account.create']({ displayName: 'Alice' });
    await alice.handlers['settings.set']({ key: 'theme', value: 'ocean-light' });
    alice.prefs.update({ windowBounds: { x: 1, y: 2, width: 300, height: 400 } });
    await alice.handlers['messages.send']({ to: `05${'cd'.repeat(32)}`, text: 'secret words' });
    const dir = alice.profileDir;
    const oldKey = Buffer.from(loadOrCreateDatabaseKey(dir, { databaseExists: true, randomBytes: () => new Uint8Array(32) })).toString('hex');
    const beforeFiles = fs.readdirSync(dir);
    expect(beforeFiles).toEqual(expect.arrayContaining(['db.key', 'session.db', 'prefs.json', 'session.lock']));
    const accountEvents = record(alice, 'account.changed');
    const settingsEvents = record(alice, 'settings.changed');

    expect(await alice.handlers['data.clear']({ network: false })).toEqual({});

    expect(accountEvents).toEqual([{ account: null }]);
    expect(settingsEvents.map((e) => e.key)).toContain('theme');
    expect(await alice.handlers['account.get']({})).toBeNull();
    expect(await alice.handlers['conversations.list']({})).toEqual([]);
    expect((await alice.handlers['settings.getAll']({})).theme).not.toBe('ocean-light');
    expect(alice.prefs.get().windowBounds).toBeUndefined();
    // What is on disk is a fresh profile: a new key, a database the old key cannot open, default prefs.
    const files = fs.readdirSync(dir).sort();
    expect(files.every((f) => ['db.key', 'session.db', 'session.db-wal', 'session.db-shm', 'session.lock', 'prefs.json', 'debug.log', 'debug.1.log'].includes(f))).toBe(true);
    if (files.includes('prefs.json')) {
      const prefs = fs.readFileSync(path.join(dir, 'prefs.json'), 'utf8');
      expect(prefs).not.toMatch(/ocean-light|windowBounds/);
    }
    const newKey = Buffer.from(loadOrCreateDatabaseKey(dir, { databaseExists: true, randomBytes: () => new Uint8Array(32) })).toString('hex');
    expect(newKey).not.toBe(oldKey);
    expect(() => openEncryptedDatabase(path.join(dir, 'session.db'), Buffer.from(oldKey, 'hex')).close()).toThrow(/cannot be opened/);
    for (const f of files) expect(fs.readFileSync(path.join(dir, f)).includes(Buffer.from(a.sessionId))).toBe(false);

    // The same backend object keeps working: a new account, and it sends.
    const again = await alice.handlers['account.create']({ displayName: 'Alice again' });
    expect(again.sessionId).not.toBe(a.sessionId);
    expect(await alice.handlers['account.get']({})).toMatchObject({ sessionId: again.sessionId, showRecoveryBanner: true });
    await send(alice, `05${'cd'.repeat(32)}`, 'fresh start');
    // Closing afterwards releases the lock: the profile opens again.
    await close(alice);
    const reopened = await openB('alice');
    expect(await reopened.handlers['account.get']({})).toMatchObject({ sessionId: again.sessionId });
  });

  it('clears data on the network first, and wipes nothing when the network part fails', async () => {
    const alice = await openB('alice');
    const a = await alice.handlers['account.create']({ displayName: 'Alice' });
    await send(alice, a.sessionId, 'note to self');
    expect(env.swarms.inbox.get(a.sessionId)).toHaveLength(1);

    env.swarms.failDeleteAll = 'throw';
    await expect(alice.handlers['data.clear']({ network: true })).rejects.toMatchObject({ code: 'network', message: expect.stringMatching(/nothing was cleared/) });
    env.swarms.failDeleteAll = 'member';
    await expect(alice.handlers['data.clear']({ network: true })).rejects.toMatchObject({ code: 'network', detail: expect.stringMatching(/1 of 2 swarm members/) });
    expect(await alice.handlers['account.get']({})).toMatchObject({ sessionId: a.sessionId });
    expect(await alice.handlers['conversations.list']({})).toHaveLength(1);
    // The send queue, paused during the attempt, runs again.
    await send(alice, a.sessionId, 'still sending');

    env.swarms.failDeleteAll = 'no';
    // One clear at a time: a second one while the first runs is refused.
    const first = alice.handlers['data.clear']({ network: true });
    await expect(alice.handlers['data.clear']({ network: false })).rejects.toMatchObject({ code: 'conflict' });
    expect(await first).toEqual({ networkNodesConfirmed: 1 });
    expect(env.swarms.inbox.get(a.sessionId)).toBeUndefined();
    expect(await alice.handlers['account.get']({})).toBeNull();
  });
});
