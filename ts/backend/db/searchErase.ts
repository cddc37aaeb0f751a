// Erasing many messages from the full-text index at once. Every delete normally erases its words from
// the index pages on its own (FTS5 secure-delete, on since migration 5): a few ms a row on a large index.
// From a few dozen rows on, one merge of the whole index is cheaper: the rows are deleted with
// secure-delete off (FTS5 then only writes delete markers) and the index is merged once, which drops the
// markers with the entries they cancel, so the words are gone from the pages all the same.
import type { Db } from './database';

/** From how many rows a delete goes through one merge: at least this many ... */
export const BULK_ERASE_FROM = 64;
/** ... and at least 1/BULK_ERASE_SHARE of the messages held (a per-row erase costs about 1-2 ms, the merge a few µs per message held). */
export const BULK_ERASE_SHARE = 400;

export interface SearchEraser {
  /** Whether deleting `rows` messages is cheaper through one merge than row by row. */
  worthBulk(rows: number): boolean;
  /** Runs `deleteRows` with per-row erasure off and merges the index once afterwards (inside a transaction). */
  withBulkErase<T>(deleteRows: () => T): T;
}

export function createSearchEraser(db: Db): SearchEraser {
  const optimize = db.prepare("INSERT INTO messages_fts (messages_fts) VALUES ('optimize')");
  const secureDeleteOff = db.prepare("INSERT INTO messages_fts (messages_fts, rank) VALUES ('secure-delete', 0)");
  const secureDeleteOn = db.prepare("INSERT INTO messages_fts (messages_fts, rank) VALUES ('secure-delete', 1)");
  const selectMaxSeq = db.prepare<[], { m: number | null }>('SELECT max(seq) AS m FROM messages');
  return {
    worthBulk: (rows) => rows >= BULK_ERASE_FROM && rows >= (selectMaxSeq.get()?.m ?? 0) / BULK_ERASE_SHARE,
    withBulkErase(deleteRows) {
      if (!db.inTransaction) throw new Error('withBulkErase runs inside a transaction');
      // The closing merge drops the markers only when FTS5 knows its output is the index's oldest segment.
      // It does not when all segments lie on one level below an empty one (left by an earlier or an
      // incremental merge): it keeps the markers there, and the deleted words stay in the pages though no
      // query finds them (test/unit/backend/services/expirySweep.test.ts). Merging first leaves one
      // segment on the top level, so the closing merge takes it and the markers' level together and writes
      // the oldest segment. That first merge costs nothing when the index is already one segment.
      optimize.run();
      secureDeleteOff.run();
      try {
        return deleteRows();
      } finally {
        secureDeleteOn.run();
        optimize.run();
      }
    },
  };
}
