// Search index entries of new messages (migration 18: the message store writes them, no insert trigger). A
// message inserted on its own gets its entry at once; the messages inserted inside `run` (a catch-up's
// hundreds) get theirs with one statement before it returns, because FTS5 writes an index segment per
// statement and a catch-up would then pay to merge thousands of them. Same entries either way, in the same
// transaction, so search never sees a committed message without its entry.
//
// Why no trigger: any AFTER INSERT trigger on messages costs every insert a trigger program run (~6.5 µs a row,
// even with a WHEN that is false), which was over a third of a room post's insert.
import type { Db } from './database';
import { searchKeySql } from './migrations/0011_search_index';

export interface SearchIndexBatch {
  /** Runs `fn` (inside the caller's transaction) and then indexes, in one statement, what it inserted. */
  run<T>(fn: () => T): T;
}

export interface SearchIndexWriter extends SearchIndexBatch {
  /** A message was just inserted with this seq: indexed now, or at the end of the running batch. */
  inserted(seq: number): void;
}

export function createSearchIndexWriter(db: Db): SearchIndexWriter {
  // Prepared on first use, so a store made on an older schema (migration tests) still opens.
  let q: ReturnType<typeof prepare> | undefined;
  const statements = (): ReturnType<typeof prepare> => (q ??= prepare(db));
  let batching = false;
  return {
    inserted(seq) {
      if (!batching) statements().indexOne.run(seq);
    },
    run<T>(fn: () => T): T {
      if (!db.inTransaction) throw new Error('searchIndexBatch.run must be called inside a transaction');
      // Nested batches: the outer one indexes everything at its end.
      if (batching) return fn();
      const s = statements();
      const after = s.lastSeq.get()?.s ?? 0;
      batching = true;
      let out: T;
      try {
        out = fn();
      } finally {
        batching = false;
      }
      s.fill.run(after);
      return out;
    },
  };
}

function prepare(db: Db) {
  // A key already in the index (another message with the same key: sent in the same ms with seqs 2^21 apart)
  // is left alone; of two new messages sharing a key the first one's body goes in.
  const indexOne = db.prepare<[number]>(
    `INSERT INTO messages_fts (rowid, body, seq) SELECT k, body, seq FROM (SELECT ${searchKeySql('m')} AS k, m.body, m.seq FROM messages m WHERE m.seq = ?)
       WHERE NOT EXISTS (SELECT 1 FROM messages_fts_content WHERE id = k)`,
  );
  const lastSeq = db.prepare<[], { s: number | null }>('SELECT max(seq) AS s FROM messages');
  // In key order: FTS5 flushes its pending terms whenever a rowid is not above the last one. seq is
  // AUTOINCREMENT: every row inserted during the batch has a seq above the largest one before it. A message
  // edited inside the batch is indexed with its body at the end (the update trigger found no entry to replace).
  const fill = db.prepare<[number]>(
    `INSERT INTO messages_fts (rowid, body, seq)
       SELECT k, body, seq FROM (SELECT ${searchKeySql('m')} AS k, m.body, min(m.seq) AS seq FROM messages m WHERE m.seq > ? GROUP BY k)
       WHERE NOT EXISTS (SELECT 1 FROM messages_fts_content WHERE id = k) ORDER BY k`,
  );
  return { indexOne, lastSeq, fill };
}
