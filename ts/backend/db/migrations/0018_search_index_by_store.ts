// v18: new messages get their search index entry from the message store (db/searchIndexBatch.ts), not from an
// AFTER INSERT trigger: a trigger costs every insert a trigger program run, about a third of a room post's
// insert even when its WHEN clause held it back during a batch (v15). messageStore.insert is the one statement
// that inserts messages; it indexes the row at once, or at the end of the batch it runs in. The update and
// delete triggers stay (every path that edits or deletes a message keeps the index in step).
import type { Migration } from './types';

export const m0018SearchIndexByStore: Migration = {
  version: 18,
  name: 'search index written by the store',
  up(db) {
    db.exec(`
      DROP TRIGGER messages_fts_insert;
      DROP TABLE search_index_deferred;
    `);
  },
};
