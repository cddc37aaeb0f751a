// Migration 17 (message identity index, time first) on a database made by version 16: the messages table is
// rebuilt without a single row, child row or search entry lost; seq values and the AUTOINCREMENT sequence
// carry over; foreign keys are enforced again afterwards; identities stay unique; the queries that used the
// old (sender, sent_at) index use the new ones; and a rebuild that would leave rows pointing nowhere is
// rolled back whole.
import { getSchemaVersion, runMigrations } from '../../../../ts/backend/db/migrate';
import { MIGRATIONS } from '../../../../ts/backend/db/migrations';
import type { Migration } from '../../../../ts/backend/db/migrations/types';
import { createAttachmentQueue } from '../../../../ts/backend/db/attachmentQueue';
import { createCommunityStore } from '../../../../ts/backend/db/communityStore';
import { createMessageStore } from '../../../../ts/backend/db/messageStore';
import { createSearchStore } from '../../../../ts/backend/db/searchStore';
import type { Db } from '../../../../ts/backend/db/database';
import { encryptedTestDb } from './testDb';

const ME = `05${'aa'.repeat(32)}`;
const BOB = `05${'bb'.repeat(32)}`;
const ROOM = 'community:http://sogs.test|lobby';
const BLINDED = [`15${'01'.repeat(32)}`, `15${'02'.repeat(32)}`, `15${'03'.repeat(32)}`];

/** A version-16 database with 1:1 messages, room posts and rows in the tables that refer to messages. */
function version16(db: Db): void {
  runMigrations(db, MIGRATIONS.slice(0, 16));
  db.prepare('INSERT INTO identity (id, recovery_seed, session_id, created_at) VALUES (1, ?, ?, 1)').run(
    Buffer.alloc(16, 1),
    ME,
  );
  db.prepare("INSERT INTO conversations (id, kind, created_at, updated_at) VALUES (?, 'private', 1, 1)").run(
    BOB,
  );
  db.prepare(
    "INSERT INTO conversations (id, kind, created_at, updated_at) VALUES (?, 'community', 1, 1)",
  ).run(ROOM);
  const insert = db.prepare(
    `INSERT INTO messages (seq, id, conversation_id, sender, direction, body, sent_at, received_at, status, content, server_id, sender_name)
     VALUES (@seq, @id, @c, @sender, @dir, @body, @sentAt, 1, @status, @content, @serverId, @name)`,
  );
  const row = (
    seq: number,
    id: string,
    c: string,
    sender: string,
    sentAt: number,
    body: string,
    extra: Partial<{ serverId: number; name: string }> = {},
  ) =>
    insert.run({
      seq,
      id,
      c,
      sender,
      dir: sender === ME ? 'outgoing' : 'incoming',
      body,
      sentAt,
      status: sender === ME ? 'sent' : 'received',
      content: Buffer.from([seq]),
      serverId: extra.serverId ?? null,
      name: extra.name ?? null,
    });
  row(3, 'm3', BOB, ME, 100, 'hello bob');
  row(4, 'm4', BOB, BOB, 101, 'hello alice');
  row(5, 'm5', ROOM, BLINDED[0] as string, 200, 'first post', { serverId: 1, name: 'Ann' });
  row(6, 'm6', ROOM, BLINDED[1] as string, 201, 'second post', { serverId: 2, name: 'Ben' });
  row(7, 'm7', ROOM, BLINDED[0] as string, 202, 'third post', { serverId: 3 });
  row(8, 'm8', ROOM, BLINDED[2] as string, 203, 'gone soon', { serverId: 4, name: 'Cy' });
  // The newest row is deleted: the sequence (8) is then ahead of every seq left, and must stay so.
  db.prepare("DELETE FROM messages WHERE id = 'm8'").run();
  db.prepare(
    "INSERT INTO attachments (message_id, idx, content_type, size, state, url, remote_key) VALUES ('m4', 0, 'image/png', 3, 'not-downloaded', 'http://f/1', x'01')",
  ).run();
  db.prepare(
    "INSERT INTO outbox (message_id, kind, destination, next_attempt_at) VALUES ('m3', 'message', ?, 10)",
  ).run(BOB);
  db.prepare(
    "INSERT INTO community_reactions (message_id, emoji, idx, count) VALUES ('m5', '👍', 0, 2)",
  ).run();
  db.prepare(
    "INSERT INTO reactions (target_sender, target_sent_at, emoji, reactor, action, sent_at, conversation_id) VALUES (?, 101, '❤️', ?, 'react', 102, ?)",
  ).run(BOB, ME, BOB);
}

/** The names of the messages table's indexes or triggers, sorted. */
const schemaNames = (db: Db, type: 'index' | 'trigger'): string[] =>
  db
    .prepare<[string], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = ? AND tbl_name = 'messages' ORDER BY name",
    )
    .all(type)
    .map((r) => r.name);

const allMessages = (db: Db) => db.prepare('SELECT * FROM messages ORDER BY seq').all();

describe('migration 17 (message identity index, time first)', () => {
  const testDb = encryptedTestDb('m17-', { migrate: false });

  it('rebuilds the messages table and keeps every row, child row, search entry and the id sequence', () => {
    const db = testDb.db;
    version16(db);
    const before = allMessages(db);
    expect(before).toHaveLength(5);
    expect(db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'messages'").get()).toEqual({ seq: 8 });

    expect(runMigrations(db, MIGRATIONS.slice(0, 17))).toEqual([17]);
    expect(getSchemaVersion(db)).toBe(17);
    expect(allMessages(db)).toEqual(before);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'messages'").get()).toEqual({ seq: 8 });
    expect(db.prepare('SELECT message_id FROM attachments').all()).toEqual([{ message_id: 'm4' }]);
    expect(db.prepare('SELECT message_id, kind FROM outbox').all()).toEqual([
      { message_id: 'm3', kind: 'message' },
    ]);
    expect(db.prepare('SELECT message_id, count FROM community_reactions').all()).toEqual([
      { message_id: 'm5', count: 2 },
    ]);
    // The old constraint is gone, the new indexes are there, the others are back as they were.
    expect(schemaNames(db, 'index')).toEqual([
      'messages_conversation',
      'messages_expiry',
      'messages_identity',
      'messages_incoming',
      'messages_own',
      'messages_server_id',
      'messages_unread',
      'sqlite_autoindex_messages_1',
    ]);
    expect(schemaNames(db, 'trigger')).toEqual([
      'messages_delete_reactions',
      'messages_delete_related',
      'messages_fts_delete',
      'messages_fts_insert',
      'messages_fts_update',
    ]);

    const messages = createMessageStore(db);
    // The search index still points at the same rows (it is keyed by seq).
    const search = createSearchStore(db);
    expect(
      search
        .messages({ match: 'hello', limit: 10, now: 0 })
        .map((h) => h.id)
        .sort(),
    ).toEqual(['m3', 'm4']);
    // A new row continues after the sequence, not after the largest seq left.
    messages.insert({
      id: 'm9',
      conversationId: BOB,
      sender: BOB,
      direction: 'incoming',
      body: 'after',
      sentAt: 300,
      receivedAt: 1,
      status: 'received',
    });
    expect(db.prepare("SELECT seq FROM messages WHERE id = 'm9'").get()).toEqual({ seq: 9 });
    // An identity is still unique: a second copy is not stored.
    expect(
      messages.insert({
        id: 'm10',
        conversationId: BOB,
        sender: BOB,
        direction: 'incoming',
        body: 'again',
        sentAt: 300,
        receivedAt: 1,
        status: 'received',
      }),
    ).toBe(false);
    expect(() =>
      db
        .prepare(
          "INSERT INTO messages (id, conversation_id, sender, direction, body, sent_at, received_at, status) VALUES ('m11', ?, ?, 'incoming', 'x', 300, 1, 'received')",
        )
        .run(BOB, BOB),
    ).toThrow(/UNIQUE/);
    // Deleting a message still cascades (foreign keys are on again) and fires the triggers.
    expect(messages.deleteByIds(['m4'])).toEqual([{ id: 'm4', conversationId: BOB }]);
    expect(db.prepare('SELECT count(*) AS n FROM attachments').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM reactions').get()).toEqual({ n: 0 });
    expect(search.messages({ match: 'alice', limit: 10, now: 0 })).toEqual([]);
  });

  it('answers the queries by sender with the new indexes', () => {
    const db = testDb.db;
    version16(db);
    runMigrations(db, MIGRATIONS);
    const plan = (sql: string, ...args: unknown[]) =>
      db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...args)
        .map((r) => (r as { detail: string }).detail)
        .join('\n');
    // Our newest message (the next send's time): the small index of outgoing rows.
    expect(
      plan("SELECT max(sent_at) AS m FROM messages WHERE sender = ? AND direction = 'outgoing'", ME),
    ).toMatch(/messages_own/);
    const messages = createMessageStore(db);
    expect(messages.maxSentAt(ME)).toBe(100);
    expect(messages.maxSentAt(BOB)).toBe(0);
    expect(messages.exists(BOB, 101)).toBe(true);
    expect(messages.exists(BOB, 100)).toBe(false);
    // A room's members: newest poster first, each with the newest name it posted under and its newest Content.
    const store = createCommunityStore(db);
    expect(
      store.members(ROOM, undefined, 10).map((m) => [m.id, m.name, [...(m.newestContent ?? [])]]),
    ).toEqual([
      [BLINDED[0], 'Ann', [7]],
      [BLINDED[1], 'Ben', [6]],
    ]);
    expect(store.members(ROOM, 'be', 10).map((m) => m.id)).toEqual([BLINDED[1]]);
    expect(store.members(ROOM, BLINDED[0]?.slice(0, 10), 10).map((m) => m.id)).toEqual([BLINDED[0]]);
    expect(store.members(ROOM, undefined, 1).map((m) => m.id)).toEqual([BLINDED[0]]);
    // A member whose newest row has no Content: the scan back finds the one before it.
    db.prepare("UPDATE messages SET content = NULL WHERE id = 'm7'").run();
    expect(store.members(ROOM, undefined, 1).map((m) => [...(m.newestContent ?? [])])).toEqual([[5]]);
    // Trusting a sender queues the downloads of that sender's incoming attachments.
    const queue = createAttachmentQueue(db);
    expect(queue.queueSender(BOB, 5)).toEqual(['m4']);
    expect(queue.queueSender(ME, 5)).toEqual([]);
  });

  it('rolls the rebuild back whole when it would leave rows pointing nowhere', () => {
    const db = testDb.db;
    version16(db);
    const before = allMessages(db);
    const broken: Migration = {
      version: 17,
      name: 'drops a row others refer to',
      foreignKeysOff: true,
      up(d) {
        d.exec("DELETE FROM messages WHERE id = 'm4'");
      },
    };
    expect(() => runMigrations(db, [...MIGRATIONS.slice(0, 16), broken])).toThrow(
      /migration 17 .*1 rows pointing at rows that do not exist/,
    );
    expect(getSchemaVersion(db)).toBe(16);
    expect(allMessages(db)).toEqual(before);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});
