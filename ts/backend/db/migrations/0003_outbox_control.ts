// v3: the outbox also carries control messages that belong to no message row (the message-request
// response sent when accepting a request), with their own protocol timestamp.
import type { Migration } from './types';

export const m0003OutboxControl: Migration = {
  version: 3,
  name: 'outbox.control',
  up(db) {
    db.exec(`
      CREATE TABLE outbox_v3 (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        message_id      TEXT REFERENCES messages (id) ON DELETE CASCADE,
        kind            TEXT NOT NULL CHECK (kind IN ('message', 'sync', 'request-response')),
        destination     TEXT NOT NULL,
        sent_at         INTEGER,
        data            BLOB,
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'failed')),
        last_error      TEXT,
        CHECK ((kind = 'request-response') = (message_id IS NULL))
      );
      INSERT INTO outbox_v3 (id, message_id, kind, destination, data, attempts, next_attempt_at, state, last_error)
        SELECT id, message_id, kind, destination, data, attempts, next_attempt_at, state, last_error FROM outbox;
      DROP TABLE outbox;
      ALTER TABLE outbox_v3 RENAME TO outbox;
      CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
    `);
  },
};
