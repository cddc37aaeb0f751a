// v15: bulk inserts may index their messages for search in one statement at the end of their transaction.
// FTS5 writes its pending terms out as a new index segment at every statement boundary of a write, so the
// per-row trigger of v11 leaves one segment per inserted message and then pays for merging them: about half
// the cost of storing a catch-up of 10,000 room posts. While `search_index_deferred` holds its row (only ever
// inside a transaction: db/searchIndexBatch.ts sets and clears it around the inserts) the insert trigger stays
// out, and the batch indexes the new rows with one INSERT ... SELECT before the transaction commits, so search
// never sees a committed message without its index entry. Every other write is indexed by the trigger as before.
import { searchKeySql } from './0011_search_index';
import type { Migration } from './types';

export const m0015SearchIndexBatch: Migration = {
  version: 15,
  name: 'search index batch',
  up(db) {
    db.exec(`
      CREATE TABLE search_index_deferred (one INTEGER PRIMARY KEY CHECK (one = 1));
      DROP TRIGGER messages_fts_insert;
      CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred) BEGIN
        INSERT INTO messages_fts (rowid, body, seq) SELECT k, new.body, new.seq FROM (SELECT ${searchKeySql('new')} AS k)
          WHERE NOT EXISTS (SELECT 1 FROM messages_fts_content WHERE id = k);
      END;
    `);
  },
};
