// Search index entries of new messages (db/searchIndexBatch, migration 18): the messages a batch inserts get the
// same entries as messages indexed one by one (same hits, same order, same key collisions left out), edits and
// deletes inside the batch are followed, and every write after the batch is indexed at once again, also when
// the batch failed. The message store's insert writes the entry (there is no insert trigger).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEncryptedDatabase, type Db } from '../../../../ts/backend/db/database';
import { runMigrations } from '../../../../ts/backend/db/migrate';
import { MIGRATIONS } from '../../../../ts/backend/db/migrations';
import { SEARCH_KEY_SEQ_BITS } from '../../../../ts/backend/db/migrations/0011_search_index';
import { createMessageStore } from '../../../../ts/backend/db/messageStore';
import { createSearchIndexWriter, type SearchIndexWriter } from '../../../../ts/backend/db/searchIndexBatch';
import { createSearchStore } from '../../../../ts/backend/db/searchStore';
import { ftsQuery } from '../../../../ts/backend/services/searchText';
import { encryptedTestDb } from './testDb';

const ROOM = 'http://sogs.example/lobby';
const NOW = 1_800_000_000_000;

describe('search index batch (migration 18)', () => {
  const testDb = encryptedTestDb('search-batch-');
  let otherDir = '';
  let other: Db | undefined;
  beforeEach(() => {
    otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'search-batch-trigger-'));
    other = openEncryptedDatabase(path.join(otherDir, 'test.db'), new Uint8Array(32).fill(5));
    runMigrations(other, MIGRATIONS);
  });
  afterEach(() => {
    other?.close();
    fs.rmSync(otherDir, { recursive: true, force: true });
  });

  const setUp = (db: Db): void => {
    db.prepare(
      "INSERT INTO conversations (id, kind, created_at, updated_at) VALUES (?, 'community', 1, 1)",
    ).run(ROOM);
  };
  // As the message store inserts (with the seq given where a test needs a key collision).
  const writers = new Map<Db, SearchIndexWriter>();
  const writerOf = (db: Db): SearchIndexWriter => {
    let w = writers.get(db);
    if (!w) writers.set(db, (w = createSearchIndexWriter(db)));
    return w;
  };
  afterEach(() => writers.clear());
  const insert = (db: Db, id: string, body: string, sentAt: number, seq?: number): void => {
    const r = db
      .prepare(
        "INSERT INTO messages (seq, id, conversation_id, sender, direction, body, sent_at, received_at, status) VALUES (?, ?, ?, ?, 'incoming', ?, ?, ?, 'received')",
      )
      .run(seq ?? null, id, ROOM, `15${id.padStart(64, '0')}`, body, sentAt, NOW);
    writerOf(db).inserted(Number(r.lastInsertRowid));
  };
  const ids = (db: Db, query: string): string[] =>
    createSearchStore(db)
      .messages({ match: ftsQuery(query) as string, limit: 50, now: NOW })
      .map((m) => m.id);
  const entries = (db: Db): unknown[] =>
    db.prepare('SELECT id, c1 FROM messages_fts_content ORDER BY id').all();

  /** The same writes: before (indexed at once), the bulk part (in a batch or not), after (at once). */
  const writes = (db: Db, batched: boolean): void => {
    setUp(db);
    insert(db, 'old1', 'walrus on the ice', 1_000, 5);
    const bulk = (): void => {
      insert(db, 'new1', 'walrus again', 2_000);
      insert(db, 'new2', 'a café for walruses', 3_000);
      // Same sent time as old1 and a seq 2^21 above its: the same index key, left out.
      insert(db, 'clash', 'hidden by the key', 1_000, 5 + 2 ** SEARCH_KEY_SEQ_BITS);
      insert(db, 'edited', 'first words', 4_000);
      db.prepare("UPDATE messages SET body = 'walrus edited' WHERE id = 'edited'").run();
      insert(db, 'gone', 'walrus deleted', 5_000);
      db.prepare("DELETE FROM messages WHERE id = 'gone'").run();
      insert(db, 'empty', '', 6_000);
    };
    db.transaction(() => (batched ? writerOf(db).run(bulk) : bulk()))();
    insert(db, 'after', 'walrus later', 7_000);
  };

  it('indexes as row-by-row indexing does: same entries, same hits in the same order', () => {
    writes(testDb.db, true);
    writes(other as Db, false);
    expect(entries(testDb.db)).toEqual(entries(other as Db));
    expect(entries(testDb.db)).toHaveLength(6);
    for (const q of ['walrus', 'w', 'cafe', 'first', 'edited', 'hidden', 'deleted', 'later'])
      expect([q, ids(testDb.db, q)]).toEqual([q, ids(other as Db, q)]);
    expect(ids(testDb.db, 'walrus')).toEqual(['after', 'edited', 'new2', 'new1', 'old1']);
    expect(ids(testDb.db, 'hidden')).toEqual([]);
    expect(() =>
      testDb.db.prepare("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 0)").run(),
    ).not.toThrow();
  });

  it('defers only while the batch runs, also when it fails; refuses to run outside a transaction', () => {
    const db = testDb.db;
    setUp(db);
    const batch = writerOf(db);
    const entriesNow = (): number =>
      (db.prepare('SELECT count(*) AS n FROM messages_fts_content').get() as { n: number }).n;
    expect(() => batch.run(() => insert(db, 'x', 'outside', 1_000))).toThrow(/inside a transaction/);
    expect(
      db.transaction(() =>
        batch.run(() => {
          insert(db, 'y', 'inside', 2_000);
          // Nested: still one fill, at the end of the outer batch.
          batch.run(() => insert(db, 'y2', 'inside nested', 2_500));
          return entriesNow();
        }),
      )(),
    ).toBe(0);
    expect(entriesNow()).toBe(2);
    expect(() =>
      db.transaction(() =>
        batch.run(() => {
          insert(db, 'z', 'rolled back', 3_000);
          throw new Error('boom');
        }),
      )(),
    ).toThrow('boom');
    insert(db, 'w', 'plain insert afterwards', 4_000);
    expect(entriesNow()).toBe(3);
    expect(ids(db, 'inside')).toEqual(['y2', 'y']);
    expect(ids(db, 'rolled')).toEqual([]);
    expect(ids(db, 'plain')).toEqual(['w']);
  });

  it('the message store indexes what it inserts, at once or at the end of its batch; there is no insert trigger', () => {
    const db = testDb.db;
    setUp(db);
    const messages = createMessageStore(db);
    const m = (id: string, body: string, sentAt: number) => ({
      id,
      conversationId: ROOM,
      sender: `15${id.padStart(64, '0')}`,
      direction: 'incoming' as const,
      body,
      sentAt,
      receivedAt: NOW,
      status: 'received' as const,
    });
    expect(messages.insert(m('a', 'narwhal alone', 1_000))).toBe(true);
    expect(ids(db, 'narwhal')).toEqual(['a']);
    // A duplicate is not stored and adds no entry.
    expect(
      messages.insert({ ...m('a2', 'narwhal twice', 1_000), sender: `15${'a'.padStart(64, '0')}` }),
    ).toBe(false);
    db.transaction(() =>
      messages.searchBatch.run(() => {
        messages.insert(m('b', 'narwhal batched', 2_000));
        messages.insert(m('c', 'narwhal batched too', 3_000));
        expect(ids(db, 'batched')).toEqual([]);
      }),
    )();
    expect(ids(db, 'narwhal')).toEqual(['c', 'b', 'a']);
    expect(
      db
        .prepare(
          "SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'messages' AND sql LIKE '%AFTER INSERT%'",
        )
        .get(),
    ).toEqual({ n: 0 });
  });
});
