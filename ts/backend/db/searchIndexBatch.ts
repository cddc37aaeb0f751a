// Search indexing for bulk inserts (migration 15): the messages inserted inside `run` are indexed with one
// statement before it returns, instead of one trigger statement each (FTS5 writes an index segment per
// statement, which a catch-up of thousands of posts then pays to merge). Same entries as the trigger writes,
// in the same transaction, so search never sees a committed message without its entry.
import type { Db } from './database';
import { searchKeySql } from './migrations/0011_search_index';

export interface SearchIndexBatch {
  /** Runs `fn` (inside the caller's transaction) with the insert trigger held, then indexes what it inserted. */
  run<T>(fn: () => T): T;
}

export function createSearchIndexBatch(db: Db): SearchIndexBatch {
  const lastSeq = db.prepare<[], { s: number | null }>('SELECT max(seq) AS s FROM messages');
  const hold = db.prepare('INSERT OR IGNORE INTO search_index_deferred (one) VALUES (1)');
  const release = db.prepare('DELETE FROM search_index_deferred');
  // As the trigger: a key already in the index (a message edited inside the batch, whose update trigger indexed
  // it, or another message with the same key) is left alone, and of two new messages sharing a key the first
  // one's body goes in. In key order: FTS5 flushes its pending terms whenever a rowid is not above the last one.
  // seq is AUTOINCREMENT: every row inserted during the batch has a seq above the largest one before it.
  const fill = db.prepare<[number]>(
    `INSERT INTO messages_fts (rowid, body, seq)
       SELECT k, body, seq FROM (SELECT ${searchKeySql('m')} AS k, m.body, min(m.seq) AS seq FROM messages m WHERE m.seq > ? GROUP BY k)
       WHERE NOT EXISTS (SELECT 1 FROM messages_fts_content WHERE id = k) ORDER BY k`,
  );
  return {
    run<T>(fn: () => T): T {
      // Held outside a transaction, a failure could leave the trigger off for good.
      if (!db.inTransaction) throw new Error('searchIndexBatch.run must be called inside a transaction');
      const after = lastSeq.get()?.s ?? 0;
      hold.run();
      let out: T;
      try {
        out = fn();
      } finally {
        release.run();
      }
      fill.run(after);
      return out;
    },
  };
}
