// Search indexing of bulk inserts (migration 15, db/searchIndexBatch): the messages a batch inserts get the
// same index entries as the per-row trigger gives them (same hits, same order, same key collisions left out),
// edits and deletes inside the batch are followed, and the trigger is back for every write after the batch,
// also when the batch failed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEncryptedDatabase, type Db } from '../../../../ts/backend/db/database';
import { runMigrations } from '../../../../ts/backend/db/migrate';
import { MIGRATIONS } from '../../../../ts/backend/db/migrations';
import { SEARCH_KEY_SEQ_BITS } from '../../../../ts/backend/db/migrations/0011_search_index';
import { createSearchIndexBatch } from '../../../../ts/backend/db/searchIndexBatch';
import { createSearchStore } from '../../../../ts/backend/db/searchStore';
import { ftsQuery } from '../../../../ts/backend/services/searchText';
import { encryptedTestDb } from './testDb';

const ROOM = 'http://sogs.example/lobby';
const NOW = 1_800_000_000_000;

describe('search index batch (migration 15)', () => {
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
  const insert = (db: Db, id: string, body: string, sentAt: number, seq?: number): void => {
    db.prepare(
      "INSERT INTO messages (seq, id, conversation_id, sender, direction, body, sent_at, received_at, status) VALUES (?, ?, ?, ?, 'incoming', ?, ?, ?, 'received')",
    ).run(seq ?? null, id, ROOM, `15${id.padStart(64, '0')}`, body, sentAt, NOW);
  };
  const ids = (db: Db, query: string): string[] =>
    createSearchStore(db)
      .messages({ match: ftsQuery(query) as string, limit: 50, now: NOW })
      .map((m) => m.id);
  const entries = (db: Db): unknown[] =>
    db.prepare('SELECT id, c1 FROM messages_fts_content ORDER BY id').all();

  /** The same writes: before (trigger), the bulk part (in a batch or not), after (trigger). */
  const writes = (db: Db, batched: boolean): void => {
    setUp(db);
    insert(db, 'old1', 'walrus on the ice', 1_000, 5);
    const bulk = (): void => {
      insert(db, 'new1', 'walrus again', 2_000);
      insert(db, 'new2', 'a café for walruses', 3_000);
      // Same sent time as old1 and a seq 2^21 above its: the same index key, left out as the trigger leaves it.
      insert(db, 'clash', 'hidden by the key', 1_000, 5 + 2 ** SEARCH_KEY_SEQ_BITS);
      insert(db, 'edited', 'first words', 4_000);
      db.prepare("UPDATE messages SET body = 'walrus edited' WHERE id = 'edited'").run();
      insert(db, 'gone', 'walrus deleted', 5_000);
      db.prepare("DELETE FROM messages WHERE id = 'gone'").run();
      insert(db, 'empty', '', 6_000);
    };
    db.transaction(() => (batched ? createSearchIndexBatch(db).run(bulk) : bulk()))();
    insert(db, 'after', 'walrus later', 7_000);
  };

  it('indexes what the trigger indexes: same entries, same hits in the same order', () => {
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

  it('holds the trigger only while the batch runs, also when it fails; refuses to run outside a transaction', () => {
    const db = testDb.db;
    setUp(db);
    const batch = createSearchIndexBatch(db);
    expect(() => batch.run(() => insert(db, 'x', 'outside', 1_000))).toThrow(/inside a transaction/);
    expect(
      db.transaction(() =>
        batch.run(() => {
          insert(db, 'y', 'inside', 2_000);
          return db.prepare('SELECT count(*) AS n FROM search_index_deferred').get();
        }),
      )(),
    ).toEqual({ n: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM search_index_deferred').get()).toEqual({ n: 0 });
    expect(() =>
      db.transaction(() =>
        batch.run(() => {
          insert(db, 'z', 'rolled back', 3_000);
          throw new Error('boom');
        }),
      )(),
    ).toThrow('boom');
    expect(db.prepare('SELECT count(*) AS n FROM search_index_deferred').get()).toEqual({ n: 0 });
    insert(db, 'w', 'plain insert afterwards', 4_000);
    expect(ids(db, 'inside')).toEqual(['y']);
    expect(ids(db, 'rolled')).toEqual([]);
    expect(ids(db, 'plain')).toEqual(['w']);
  });
});
