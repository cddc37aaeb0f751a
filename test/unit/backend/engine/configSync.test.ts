// Config sync on a real encrypted database with the real configs: config-apply is the one writer of the
// cache columns (a direct write is overwritten by the next apply), nothing is pushed before the swarm is
// merged, a change survives a crash between its database write and its push, changes coalesce into one
// push per config, the config-more-recent drop rule, and the restore name from the profile config.
import { createConfigInboxStore, type ConfigInboxStore } from '../../../../ts/backend/db/configInboxStore';
import { createConfigStateStore } from '../../../../ts/backend/db/configStateStore';
import { createConversationStore } from '../../../../ts/backend/db/conversationStore';
import { createMessageStore } from '../../../../ts/backend/db/messageStore';
import { createEventBus } from '../../../../ts/backend/events';
import { silentLogger } from '../../../../ts/backend/log';
import { createConfigSync, type ConfigSync } from '../../../../ts/backend/services/configSync';
import { createConversationsService } from '../../../../ts/backend/services/conversations';
import type { EngineNetwork } from '../../../../ts/backend/services/engineNetwork';
import { createFollowUps, type FollowUps } from '../../../../ts/backend/services/followUps';
import { Contacts, ConvoInfoVolatile, UserProfile, identityFromRecoverySeed, loadProtocol, type Identity } from '../../../../ts/protocol';
import { encryptedTestDb } from '../db/testDb';

const X = `05${'11'.repeat(32)}`;
const Y = `05${'22'.repeat(32)}`;
const Z = `05${'33'.repeat(32)}`;
const NOW = 1_800_000_000_000;

interface StoredPush {
  namespace: number;
  data: Uint8Array;
  ttlMs: number;
  deleted: readonly string[];
}

describe('config sync service', () => {
  const testDb = encryptedTestDb('cfgsync-');
  let me: Identity;
  beforeAll(async () => {
    await loadProtocol();
    me = identityFromRecoverySeed(new Uint8Array(16).fill(0x5a));
  });

  let pushes: StoredPush[];
  let inbox: ConfigInboxStore;
  let followUps: FollowUps;
  let networkUp: boolean;

  let setting: boolean;
  const build = (pushDelayMs = 0): ConfigSync => {
    const db = testDb.db;
    const events = createEventBus(silentLogger);
    const store = createConversationStore(db);
    const conversations = createConversationsService({ db, store, messages: createMessageStore(db), events, now: () => NOW });
    const network = {
      storeConfig: async (_signer: unknown, stores: readonly { namespace: number; data: Uint8Array; ttlMs: number }[], deleted: readonly string[]) => {
        if (!networkUp) throw new Error('unreachable');
        const hashes = stores.map((s) => {
          pushes.push({ ...s, deleted });
          return `pushed${pushes.length}`;
        });
        return { hashes, node: 'n1' };
      },
    } as unknown as EngineNetwork;
    return createConfigSync({
      db,
      store: createConfigStateStore(db),
      inbox,
      conversations,
      account: { get: () => null },
      events,
      log: silentLogger,
      now: () => NOW,
      network: () => network,
      followUps,
      settings: {
        get: () => setting,
        set: (v) => {
          setting = v;
        },
      },
      options: { pushDelayMs, retryBaseMs: 5 },
    });
  };

  /** A config message another device of the account stored, put in the inbox as the poller would. */
  const fromOtherDevice = (namespace: number, data: Uint8Array, hash: string, timestamp = NOW): void => {
    inbox.add([{ pubkey: me.sessionId, namespace, hash, data, timestamp, expiresAt: NOW + 1e9 }], NOW);
  };

  const contactRow = (id: string) =>
    testDb.db.prepare<[string], { is_blocked: number; nickname: string | null; priority: number }>('SELECT is_blocked, nickname, priority FROM contacts WHERE session_id = ?').get(id);

  beforeEach(() => {
    pushes = [];
    setting = false;
    networkUp = true;
    inbox = createConfigInboxStore(testDb.db);
    followUps = createFollowUps();
    testDb.db.prepare("INSERT INTO identity (id, recovery_seed, session_id, created_at) VALUES (1, ?, ?, 1)").run(Buffer.alloc(16, 0x5a), me.sessionId);
    testDb.db.prepare("INSERT INTO user_profile (id, display_name, updated_at) VALUES (1, '', 1)").run();
  });

  it('overwrites a cache column written directly at the next apply: the config is the source of truth', () => {
    const sync = build();
    sync.start(me);
    sync.setBlocked(X, true);
    sync.setNickname(X, 'Ex');
    expect(contactRow(X)).toEqual({ is_blocked: 1, nickname: 'Ex', priority: 0 });

    testDb.db.prepare("UPDATE contacts SET is_blocked = 0, nickname = 'written directly', priority = 7 WHERE session_id = ?").run(X);
    const other = new Contacts({ identity: me, swarmMerged: true });
    other.setNickname(Y, 'Why');
    fromOtherDevice(3, other.push(NOW).messages[0] as Uint8Array, 'other1');
    sync.applyInbox();

    expect(contactRow(X)).toEqual({ is_blocked: 1, nickname: 'Ex', priority: 0 });
    expect(contactRow(Y)).toEqual({ is_blocked: 0, nickname: 'Why', priority: 0 });
    expect(inbox.list(me.sessionId)).toEqual([]);
    expect(sync.listContacts().map((c) => c.id)).toEqual([X, Y]);
  });

  it('rewrites at a start only the cache rows that differ from the configs', () => {
    const first = build();
    first.start(me);
    first.setNickname(X, 'Ex');
    first.setBlocked(Y, true);
    first.stop();
    const updatedAt = (id: string) => testDb.db.prepare<[string], { updated_at: number }>('SELECT updated_at FROM contacts WHERE session_id = ?').get(id)?.updated_at;
    // Marks which rows the next start writes (updated_at moves to now only in a row it writes).
    testDb.db.prepare('UPDATE contacts SET updated_at = 1').run();
    testDb.db.prepare("UPDATE contacts SET nickname = 'written directly' WHERE session_id = ?").run(X);

    const second = build();
    second.start(me);
    expect(contactRow(X)).toEqual({ is_blocked: 0, nickname: 'Ex', priority: 0 });
    expect(updatedAt(X)).toBe(NOW);
    expect(contactRow(Y)).toEqual({ is_blocked: 1, nickname: null, priority: 0 });
    expect(updatedAt(Y)).toBe(1);
    second.stop();
  });

  it('pushes nothing before a complete retrieve has been merged, then one sequence per changed config', async () => {
    const sync = build();
    sync.start(me);
    sync.setPinned(X, true);
    await sync.flush();
    expect(pushes).toEqual([]);
    expect(followUps.register(sync.followUpSource)).toBeInstanceOf(Function);
    expect(sync.followUpSource.status(undefined)).toMatchObject({ pending: 1, failed: [] });

    sync.pollCompleted(false); // a poll that did not reach the end of every config namespace
    await sync.flush();
    expect(pushes).toEqual([]);

    sync.pollCompleted(true);
    await sync.flush();
    expect(pushes.map((p) => [p.namespace, p.ttlMs])).toEqual([[3, 30 * 24 * 3600 * 1000]]);
    expect(sync.followUpSource.status(undefined)).toMatchObject({ pending: 0 });
    // What was pushed is what another device merges: X pinned.
    const other = new Contacts({ identity: me, swarmMerged: true });
    other.merge([{ hash: 'pushed1', data: (pushes[0] as StoredPush).data }], NOW);
    expect(other.get(X)?.priority).toBe(1);
    expect(sync.activeHashes()).toContain('pushed1');
  });

  it('keeps a change whose push never happened across a crash, and pushes it on the next start', async () => {
    const first = build(60_000);
    first.start(me);
    first.pollCompleted(true);
    await first.flush();
    pushes = [];
    networkUp = false;
    first.setBlocked(Z, true);
    // The process dies here: the change is in the database, the push never went out.
    first.stop();
    networkUp = true;

    const second = build(0);
    second.start(me);
    await second.flush();
    expect(contactRow(Z)?.is_blocked).toBe(1);
    const contactsPushes = pushes.filter((p) => p.namespace === 3);
    expect(contactsPushes).toHaveLength(1);
    const other = new Contacts({ identity: me, swarmMerged: true });
    other.merge([{ hash: 'h', data: (contactsPushes[0] as StoredPush).data }], NOW);
    expect(other.get(Z)?.blocked).toBe(true);
  });

  it('coalesces changes made within the window into one push, and deletes the hash it replaces', async () => {
    const sync = build(40);
    sync.start(me);
    sync.pollCompleted(true);
    await sync.flush();
    sync.setNickname(X, 'one');
    await sync.flush();
    expect(pushes).toHaveLength(1);
    sync.setNickname(X, 'two');
    sync.setBlocked(Y, true);
    sync.setPinned(Z, true);
    await new Promise((r) => setTimeout(r, 150));
    expect(pushes).toHaveLength(2);
    const last = pushes[1] as StoredPush;
    expect(last.deleted).toEqual(['pushed1']);
    const other = new Contacts({ identity: me, swarmMerged: true });
    other.merge([{ hash: 'h', data: last.data }], NOW);
    expect([other.get(X)?.nickname, other.get(Y)?.blocked, other.get(Z)?.priority]).toEqual(['two', true, 1]);
  });

  it('reports a push that keeps failing, keeps it, and stores it once the network is back', async () => {
    const sync = build();
    followUps.register(sync.followUpSource);
    sync.start(me);
    sync.pollCompleted(true);
    await sync.flush();
    networkUp = false;
    sync.setBlocked(X, true);
    const report = await followUps.settle({ signal: AbortSignal.timeout(3_000) });
    expect(report.failed).toEqual([expect.objectContaining({ source: 'config', kind: 'config-push', id: 'Contacts' })]);
    networkUp = true;
    expect(followUps.retryFailed(NOW)).toBe(1);
    expect(await followUps.settle({ signal: AbortSignal.timeout(3_000) })).toMatchObject({ settled: true, failed: [] });
    expect(pushes.filter((p) => p.namespace === 3)).toHaveLength(1);
  });

  it('drops a 1:1 message when a newer Contacts config lacks or hides its conversation (messaging §5.3)', () => {
    const sync = build();
    sync.start(me);
    const other = new Contacts({ identity: me, swarmMerged: true });
    other.setApproved(X, true);
    fromOtherDevice(3, other.push(NOW).messages[0] as Uint8Array, 'c1', NOW);
    sync.applyInbox();
    const old = NOW - 3 * 60 * 1000;
    expect(sync.isStale(Z, old)).toBe(true); // absent from a config 3 minutes newer
    expect(sync.isStale(X, old)).toBe(false); // present
    expect(sync.isStale(Z, NOW - 60 * 1000)).toBe(false); // within the 2-minute margin
    // Note to Self: dropped only while hidden in a newer UserProfile.
    const profile = new UserProfile({ identity: me, swarmMerged: true });
    profile.setNtsPriority(-1);
    fromOtherDevice(2, profile.push(NOW).messages[0] as Uint8Array, 'p1', NOW);
    sync.applyInbox();
    expect(sync.isStale(me.sessionId, old)).toBe(true);
    sync.setNoteToSelfHidden(false);
    expect(sync.isStale(me.sessionId, old)).toBe(false);
  });

  it('restores the display name from the profile config, or stores the fallback without pushing it before the merge', async () => {
    const sync = build();
    sync.start(me);
    const profile = new UserProfile({ identity: me, swarmMerged: true });
    profile.setName('Alice from the swarm');
    const waiting = sync.restoreName('Typed fallback', 5_000);
    fromOtherDevice(2, profile.push(NOW).messages[0] as Uint8Array, 'p1');
    sync.applyInbox();
    expect(await waiting).toBe('Alice from the swarm');
    expect(testDb.db.prepare('SELECT display_name FROM user_profile WHERE id = 1').get()).toEqual({ display_name: 'Alice from the swarm' });
  });

  it('uses the fallback name when none arrived in time, and pushes it only after the merge', async () => {
    const sync = build();
    sync.start(me);
    expect(await sync.restoreName('Typed fallback', 30)).toBe('Typed fallback');
    await sync.flush();
    expect(pushes).toEqual([]);
    sync.pollCompleted(true);
    await sync.flush();
    expect(pushes.map((p) => p.namespace)).toEqual([2]);
    const other = new UserProfile({ identity: me, swarmMerged: true });
    other.merge([{ hash: 'h', data: (pushes[0] as StoredPush).data }], NOW);
    expect(other.name).toBe('Typed fallback');
  });

  it('reads the read position of ConvoInfoVolatile into unread counts, and marks unread', () => {
    const sync = build();
    sync.start(me);
    const db = testDb.db;
    db.prepare("INSERT INTO conversations (id, kind, created_at, updated_at) VALUES (?, 'private', 1, 1)").run(X);
    const insert = db.prepare("INSERT INTO messages (id, conversation_id, sender, direction, body, sent_at, received_at, status) VALUES (?, ?, ?, 'incoming', 'hi', ?, 1, 'received')");
    insert.run('m1', X, X, NOW - 3000);
    insert.run('m2', X, X, NOW - 2000);
    insert.run('m3', X, X, NOW - 1000);
    const list = () => createConversationsService({ db, store: createConversationStore(db), messages: createMessageStore(db), events: createEventBus(silentLogger), now: () => NOW }).list();
    expect(list()[0]).toMatchObject({ id: X, unreadCount: 3 });
    sync.markRead(X, NOW - 2000);
    expect(list()[0]).toMatchObject({ id: X, unreadCount: 1, lastReadTimestamp: NOW - 2000 });
    expect(sync.markUnread(X)).toMatchObject({ markedUnread: true });
    // A direct write to the read-state cache is put right by the next apply.
    db.prepare('UPDATE conversation_read_state SET last_read_at = 0, marked_unread = 0').run();
    const other = new Contacts({ identity: me, swarmMerged: true });
    other.setApproved(Y, true);
    fromOtherDevice(3, other.push(NOW).messages[0] as Uint8Array, 'c1');
    sync.applyInbox();
    sync.stop();
    const again = build();
    again.start(me);
    expect(list()[0]).toMatchObject({ id: X, unreadCount: 1, markedUnread: true, lastReadTimestamp: NOW - 2000 });
  });

  it('reads by sight through ConvoInfoVolatile: markReadUpTo moves the synced read position to the seen message', async () => {
    const sync = build();
    sync.start(me);
    const db = testDb.db;
    db.prepare("INSERT INTO conversations (id, kind, created_at, updated_at) VALUES (?, 'private', 1, 1)").run(X);
    const insert = db.prepare("INSERT INTO messages (id, conversation_id, sender, direction, body, sent_at, received_at, status) VALUES (?, ?, ?, 'incoming', 'hi', ?, 1, 'received')");
    insert.run('m1', X, X, NOW - 3000);
    insert.run('m2', X, X, NOW - 2000);
    insert.run('m3', X, X, NOW - 1000);
    const service = createConversationsService({ db, store: createConversationStore(db), messages: createMessageStore(db), events: createEventBus(silentLogger), now: () => NOW, readState: () => sync });
    expect(service.markReadUpTo(X, 'm2')).toMatchObject({ id: X, unreadCount: 1, lastReadTimestamp: NOW - 2000 });
    // Seeing an older message never moves the position back.
    expect(service.markReadUpTo(X, 'm1')).toMatchObject({ unreadCount: 1, lastReadTimestamp: NOW - 2000 });
    expect(() => service.markReadUpTo(X, 'nope')).toThrow(/No such message/);
    sync.pollCompleted(true);
    await sync.flush();
    const convoPush = pushes.find((p) => p.namespace === 4);
    if (!convoPush) throw new Error('no ConvoInfoVolatile push');
    // Another device reading that push sees the same read position.
    const other = new ConvoInfoVolatile({ identity: me, swarmMerged: true });
    expect(other.merge([{ hash: 'h', data: convoPush.data }], NOW).accepted).toEqual(['h']);
    expect(other.get1to1(X)).toMatchObject({ lastRead: NOW - 2000, unread: false });
    sync.stop();
  });

  it('lists pinned conversations first, higher priority first, then by recency; a hidden Note to Self is not listed', () => {
    const sync = build();
    sync.start(me);
    const db = testDb.db;
    const conv = db.prepare("INSERT INTO conversations (id, kind, created_at, updated_at) VALUES (?, ?, 1, ?)");
    conv.run(X, 'private', 100);
    conv.run(Y, 'private', 300);
    conv.run(Z, 'private', 200);
    conv.run(me.sessionId, 'note-to-self', 50);
    const list = () => createConversationsService({ db, store: createConversationStore(db), messages: createMessageStore(db), events: createEventBus(silentLogger), now: () => NOW }).list().map((c) => c.id);
    expect(list()).toEqual([Y, Z, X, me.sessionId]);
    sync.setPinned(X, true);
    sync.setPinned(me.sessionId, true);
    expect(list()).toEqual([me.sessionId, X, Y, Z]);
    sync.setPinned(me.sessionId, false);
    expect(sync.setNoteToSelfHidden(true)).toMatchObject({ id: me.sessionId, hidden: true });
    expect(list()).toEqual([X, Y, Z]);
    sync.setPinned(X, false);
    expect(list()).toEqual([Y, Z, X]);
  });

  it('starts with an unreadable stored dump: that config starts empty and is never pushed over the account’s real one', async () => {
    const first = build();
    first.start(me);
    first.stop();
    testDb.db.prepare('UPDATE config_state SET dump = ? WHERE namespace = 3').run(Buffer.from('d1:!i9ee'));
    const sync = build();
    expect(() => sync.start(me)).not.toThrow();
    sync.setBlocked(X, true);
    sync.setPinned(me.sessionId, true);
    sync.pollCompleted(true);
    await sync.flush();
    expect(pushes.map((p) => p.namespace)).toEqual([2]);
    expect(sync.followUpSource.status(undefined)).toMatchObject({ pending: 0, failed: [] });
    // The bad dump is kept as it was: a fresh one would pass for the account's state at the next start.
    expect(testDb.db.prepare('SELECT dump FROM config_state WHERE namespace = 3').get()).toEqual({ dump: Buffer.from('d1:!i9ee') });
  });

  it('keeps the community message-requests setting equal to UserProfile M, both ways', async () => {
    const sync = build();
    sync.start(me);
    sync.pollCompleted(true);
    const other = new UserProfile({ identity: me, swarmMerged: true });
    other.setBlindedMessageRequests(true);
    fromOtherDevice(2, other.push(NOW).messages[0] as Uint8Array, 'p1');
    sync.applyInbox();
    expect(setting).toBe(true);
    await sync.flush();
    pushes = [];
    sync.setCommunityMessageRequests(false);
    await sync.flush();
    expect(pushes.map((p) => p.namespace)).toEqual([2]);
    const back = new UserProfile({ identity: me, swarmMerged: true });
    back.merge([{ hash: 'h', data: (pushes[0] as StoredPush).data }], NOW);
    expect(back.blindedMessageRequests).toBe(false);
  });

  it('forgets a contact change whose transaction rolled back, and keeps one that committed', async () => {
    const sync = build();
    sync.start(me);
    expect(() =>
      testDb.db.transaction(() => {
        sync.contactSeen(X, { didApproveMe: true, profileName: 'Ex' });
        throw new Error('the batch failed');
      })(),
    ).toThrow('the batch failed');
    await Promise.resolve();
    expect(sync.listContacts()).toEqual([]);
    expect(contactRow(X)).toBeUndefined();

    testDb.db.transaction(() => sync.contactSeen(Y, { didApproveMe: true, profileName: 'Why' }))();
    await Promise.resolve();
    expect(sync.listContacts()).toEqual([{ id: Y, profileName: 'Why', approved: false, approvedMe: true, blocked: false }]);
  });

  it('carries a profile from before config sync into the configs: name and contacts stay, and are pushed after the merge', async () => {
    const db = testDb.db;
    db.prepare("UPDATE user_profile SET display_name = 'Old Name'").run();
    const contact = db.prepare("INSERT INTO contacts (session_id, is_approved, did_approve_me, is_blocked, nickname, profile_name, notification_mode, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1)");
    contact.run(X, 1, 1, 0, 'Ex', 'Xavier', 'mute');
    contact.run(Y, 0, 0, 1, null, null, 'all');
    const sync = build();
    sync.start(me);
    expect(sync.listContacts()).toEqual([
      { id: X, nickname: 'Ex', profileName: 'Xavier', approved: true, approvedMe: true, blocked: false },
      { id: Y, approved: false, approvedMe: false, blocked: true },
    ]);
    expect(db.prepare('SELECT session_id, notification_mode FROM contacts ORDER BY session_id').all()).toEqual([
      { session_id: X, notification_mode: 'mute' },
      { session_id: Y, notification_mode: 'all' },
    ]);
    sync.pollCompleted(true);
    await sync.flush();
    expect(pushes.map((p) => p.namespace).sort()).toEqual([2, 3]);
    const profile = new UserProfile({ identity: me, swarmMerged: true });
    profile.merge([{ hash: 'h', data: (pushes.find((p) => p.namespace === 2) as StoredPush).data }], NOW);
    expect(profile.name).toBe('Old Name');
  });
});

