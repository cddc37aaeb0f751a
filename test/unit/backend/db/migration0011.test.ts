// Migration 11 (search index) on a database made by version 10: every message stays findable with the same
// hits in the same order (newest sent first, however they arrived), nothing in messages changes, the new
// index's triggers follow inserts, edits (unsend placeholders) and deletes, and one-letter prefixes match.
import { getSchemaVersion, runMigrations } from '../../../../ts/backend/db/migrate';
import { MIGRATIONS } from '../../../../ts/backend/db/migrations';
import { createMessageStore } from '../../../../ts/backend/db/messageStore';
import { createSearchStore } from '../../../../ts/backend/db/searchStore';
import { ftsQuery } from '../../../../ts/backend/services/searchText';
import { encryptedTestDb } from './testDb';

const BOB = `05${'bb'.repeat(32)}`;
const CAROL = `05${'cc'.repeat(32)}`;
const NOW = 1_800_000_000_000;

describe('migration 11 (search index)', () => {
  const testDb = encryptedTestDb('m11-', { migrate: false });

  const insert = (id: string, conversationId: string, body: string, sentAt: number): void => {
    testDb.db
      .prepare(
        "INSERT INTO messages (id, conversation_id, sender, direction, body, sent_at, received_at, status) VALUES (?, ?, ?, 'incoming', ?, ?, ?, 'read')",
      )
      .run(id, conversationId, conversationId, body, sentAt, NOW);
  };
  const ids = (query: string, conversationId?: string): string[] =>
    createSearchStore(testDb.db)
      .messages({ match: ftsQuery(query) as string, limit: 50, now: NOW, ...(conversationId !== undefined ? { conversationId } : {}) })
      .map((m) => m.id);

  it('rebuilds the index from the messages of a version-10 database and searches the same', () => {
    const db = testDb.db;
    runMigrations(db, MIGRATIONS.slice(0, 10));
    for (const c of [BOB, CAROL]) db.prepare("INSERT INTO conversations (id, kind, created_at, updated_at) VALUES (?, 'private', 1, 1)").run(c);
    // Arrival order differs from sent order; two messages share a sent time (ties go by arrival); one has a
    // clock far in the past, one beyond the key's range, and one a negative time.
    insert('m1', BOB, 'the quick brown fox', 5_000);
    insert('m2', CAROL, 'a quiet brown bear', 9_000);
    insert('m3', BOB, 'brown bread again', 1_000);
    insert('m4', BOB, 'Brown café', 9_000);
    insert('m5', BOB, 'brown from the past', -50);
    insert('m6', BOB, 'brown from the far future', 2 ** 50);
    insert('m7', BOB, 'nothing to see', 7_000);
    const before = db.prepare('SELECT * FROM messages ORDER BY seq').all();
    const old = db.prepare("SELECT m.id FROM messages_fts JOIN messages m ON m.seq = messages_fts.rowid WHERE messages_fts MATCH 'brown'").all();
    expect(old).toHaveLength(6);

    expect(runMigrations(db, MIGRATIONS.slice(0, 11))).toEqual([11]);
    expect(getSchemaVersion(db)).toBe(11);
    expect(db.prepare('SELECT * FROM messages ORDER BY seq').all()).toEqual(before);
    // The search store of today reads columns of later versions (v12 adds community columns).
    runMigrations(db, MIGRATIONS);
    expect(ids('brown')).toEqual(['m6', 'm4', 'm2', 'm1', 'm3', 'm5']);
    expect(ids('brown', BOB)).toEqual(['m6', 'm4', 'm1', 'm3', 'm5']);
    expect(ids('brown', CAROL)).toEqual(['m2']);
    expect(ids('BROWN cafe')).toEqual(['m4']);
    // One- and two-letter prefixes go through the prefix indexes and find the same as the words.
    expect(ids('b')).toEqual(['m6', 'm4', 'm2', 'm1', 'm3', 'm5']);
    expect(ids('q')).toEqual(['m2', 'm1']);
    expect(ids('qu b')).toEqual(['m2', 'm1']);
    expect(ids('n')).toEqual(['m7']);
  });

  it('keeps the index in step with inserts, body edits and deletes after the migration', () => {
    const db = testDb.db;
    runMigrations(db, MIGRATIONS);
    db.prepare("INSERT INTO conversations (id, kind, created_at, updated_at) VALUES (?, 'private', 1, 1)").run(BOB);
    // Since migration 18 the message store writes a new message's entry (no insert trigger).
    const messages = createMessageStore(db);
    const add = (id: string, body: string, sentAt: number): boolean =>
      messages.insert({
        id,
        conversationId: BOB,
        sender: BOB,
        direction: 'incoming',
        body,
        sentAt,
        receivedAt: NOW,
        status: 'read',
      });
    expect(add('a', 'zebra crossing', 3_000)).toBe(true);
    expect(add('b', 'zebra stripes', 2_000)).toBe(true);
    expect(ids('z')).toEqual(['a', 'b']);
    // An unsend placeholder empties the body: its words leave the index.
    db.prepare("UPDATE messages SET body = '' WHERE id = 'a'").run();
    expect(ids('zebra')).toEqual(['b']);
    expect(ids('crossing')).toEqual([]);
    db.prepare("UPDATE messages SET body = 'zebra again' WHERE id = 'a'").run();
    expect(ids('zeb')).toEqual(['a', 'b']);
    db.prepare("DELETE FROM messages WHERE id = 'b'").run();
    expect(ids('z')).toEqual(['a']);
    expect(db.prepare('SELECT count(*) AS n FROM messages_fts_content').get()).toEqual({ n: 1 });
    db.prepare("DELETE FROM messages WHERE id = 'a'").run();
    expect(ids('z')).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM messages_fts_content').get()).toEqual({ n: 0 });
    // FTS5's own check of its index structure throws on any inconsistency.
    expect(() => db.prepare("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 0)").run()).not.toThrow();
  });
});
