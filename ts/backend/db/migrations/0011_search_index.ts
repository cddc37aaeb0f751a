// v11: the full-text index rebuilt for search at scale (a million messages).
// - Its rowid is the message's rank, not its arrival number: sent time (ms) in the high bits, the low 21
//   bits of seq below it (see SEARCH_KEY_SQL). FTS5 hands out matches cheaply only in rowid order, so
//   "newest first" is now one backwards walk of the index that stops after the page, however common the
//   word and however far a late arrival's or a wrong clock's sent time lies from its arrival.
// - It is contentless (content = ''): search never reads text back from FTS5 (excerpts are cut from the
//   message rows), so the body is not stored twice. Only seq is kept (contentless_unindexed) to find the
//   row. A row is removed with FTS5's 'delete' command and the old text, which secure-delete (on since
//   v5) erases from the index pages at once, as before. columnsize = 0: no per-row token counts (they
//   serve only bm25 ranking, which search does not use).
// - prefix = '1 2 3': every word is searched as a prefix, and without prefix indexes a one-letter prefix
//   merges the doclists of every word with that letter (half a second on 200,000 messages).
// - remove_diacritics 2 folds every accent, as foldWord (services/searchText.ts) does for highlights.
import type { Migration } from './types';

/** The largest sent time (ms) a rank key holds: 2^42 - 1, the year 2109. Later or negative times are clamped. */
const MAX_SENT_AT = 4398046511103;
/** Bits of seq below the sent time: the key fits SQLite's signed 64-bit integer. */
export const SEARCH_KEY_SEQ_BITS = 21;
/** The FTS rowid of a message, from a row alias `r` with sent_at and seq. */
export const searchKeySql = (r: string): string =>
  `((max(0, min(${r}.sent_at, ${MAX_SENT_AT})) << ${SEARCH_KEY_SEQ_BITS}) | (${r}.seq & ${2 ** SEARCH_KEY_SEQ_BITS - 1}))`;

// The triggers look keys up in the table's own content table (id = rowid, c1 = seq), a plain b-tree:
// a query on messages_fts itself would flush FTS5's pending terms on every insert (one segment per row).
const insertNew = `INSERT INTO messages_fts (rowid, body, seq) SELECT k, new.body, new.seq FROM (SELECT ${searchKeySql('new')} AS k)
      WHERE NOT EXISTS (SELECT 1 FROM messages_fts_content WHERE id = k);`;
const deleteOld = `INSERT INTO messages_fts (messages_fts, rowid, body, seq)
      SELECT 'delete', id, old.body, old.seq FROM messages_fts_content WHERE id = ${searchKeySql('old')} AND c1 = old.seq;`;

export const SEARCH_INDEX_DDL = `
  CREATE VIRTUAL TABLE messages_fts USING fts5 (
    body, seq UNINDEXED,
    content = '', contentless_unindexed = 1, columnsize = 0,
    prefix = '1 2 3', tokenize = 'unicode61 remove_diacritics 2'
  );
  INSERT INTO messages_fts (messages_fts, rank) VALUES ('secure-delete', 1);
  -- Two messages with the same sent time whose seq differ by a multiple of 2^21 would share a key: the
  -- second is then left out of search rather than failing its insert (FTS5 ignores OR IGNORE), and a
  -- delete only touches the entry that is its own (seq matches).
  CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
    ${insertNew}
  END;
  CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    ${deleteOld}
  END;
  CREATE TRIGGER messages_fts_update AFTER UPDATE OF body, sent_at ON messages BEGIN
    ${deleteOld}
    ${insertNew}
  END;
`;

/**
 * Fills the (empty) index from every message, as the migration does and a bulk load may (the index
 * is contentless: FTS5's 'rebuild' cannot fill it).
 * In key order: FTS5 flushes its pending terms whenever a rowid is not above the last one, so any other
 * order would write one segment per row. A shared key keeps its first message (min picks the row whose
 * body goes with it).
 */
export const SEARCH_INDEX_FILL = `
  INSERT INTO messages_fts (rowid, body, seq)
    SELECT ${searchKeySql('m')} AS k, m.body, min(m.seq) FROM messages m GROUP BY k ORDER BY k;
  INSERT INTO messages_fts (messages_fts) VALUES ('optimize');
`;

export const m0011SearchIndex: Migration = {
  version: 11,
  name: 'search_index',
  up(db) {
    db.exec(`
      DROP TRIGGER messages_fts_insert;
      DROP TRIGGER messages_fts_delete;
      DROP TRIGGER messages_fts_update;
      DROP TABLE messages_fts;
      ${SEARCH_INDEX_DDL}
      ${SEARCH_INDEX_FILL}
    `);
  },
};
