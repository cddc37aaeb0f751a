// v17: a message's protocol identity (sender, sent_at) is indexed time first. The table constraint
// UNIQUE (sender, sent_at) put every new row at a random place of its index (one leaf per sender), so a
// catch-up of a busy room rewrote hundreds of index pages per transaction; (sent_at, sender) puts new rows
// at the end, next to each other. Identity lookups give both columns and use either order. The one query by
// sender alone, our own newest message (the next send's timestamp), gets a small index of outgoing rows.
//
// A table constraint cannot be dropped, so the table is rebuilt (SQLite's documented procedure, with
// foreign keys off: dropping the old table must not cascade into attachments, outbox rows and reactions).
// seq values are copied, so the search index (keyed by seq), the read cursors and the AUTOINCREMENT
// sequence (carried over: seq never goes back) stay valid. Indexes and triggers are recreated as stored.
import type { Migration } from './types';

export const m0017MessageIdentityOrder: Migration = {
  version: 17,
  name: 'message identity index, time first',
  foreignKeysOff: true,
  up(db) {
    const recreate = db
      .prepare<[], string>(
        `SELECT sql FROM sqlite_master WHERE tbl_name = 'messages' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name`,
      )
      .pluck()
      .all();
    const sequence = db
      .prepare<[], number>(`SELECT seq FROM sqlite_sequence WHERE name = 'messages'`)
      .pluck()
      .get();
    db.exec(`
      CREATE TABLE messages_v17 (
        seq               INTEGER PRIMARY KEY AUTOINCREMENT,
        id                TEXT NOT NULL UNIQUE,
        conversation_id   TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        sender            TEXT NOT NULL,
        direction         TEXT NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
        body              TEXT NOT NULL,
        sent_at           INTEGER NOT NULL,
        received_at       INTEGER NOT NULL,
        status            TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed', 'received', 'read')),
        error             TEXT,
        hash              TEXT,
        content           BLOB,
        unsupported       TEXT,
        expiration_type   TEXT CHECK (expiration_type IN ('after-send', 'after-read')),
        expiration_timer  INTEGER,
        expires_at        INTEGER,
        quote_author      TEXT,
        quote_sent_at     INTEGER,
        preview_url       TEXT,
        preview_title     TEXT,
        control           TEXT,
        deleted           INTEGER NOT NULL DEFAULT 0,
        sync_hash         TEXT,
        server_id         INTEGER,
        posted_at         INTEGER,
        sender_name       TEXT,
        sender_session_id TEXT,
        mentions_me       INTEGER NOT NULL DEFAULT 0,
        pinned            INTEGER NOT NULL DEFAULT 0
      );
    `);
    // Every column of the new table, each copied from its namesake.
    const columns = db
      .prepare<[], string>(`SELECT name FROM pragma_table_info('messages_v17')`)
      .pluck()
      .all()
      .join(', ');
    db.exec(`
      INSERT INTO messages_v17 (${columns}) SELECT ${columns} FROM messages ORDER BY seq;
      DROP TABLE messages;
      ALTER TABLE messages_v17 RENAME TO messages;
    `);
    for (const sql of recreate) db.exec(sql);
    db.exec(`
      CREATE UNIQUE INDEX messages_identity ON messages (sent_at, sender);
      CREATE INDEX messages_own ON messages (sender, sent_at) WHERE direction = 'outgoing';
    `);
    if (sequence !== undefined) {
      // The copy left the sequence at the largest seq copied (no row at all when the table was empty).
      db.prepare(
        `INSERT INTO sqlite_sequence (name, seq) SELECT 'messages', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'messages')`,
      ).run();
      db.prepare(`UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'messages'`).run(sequence);
    }
  },
};
