// v10: conversation features (spec messaging §6.2-6.4, 6.8-6.12, 6.15).
// - messages gain the quote they reply to (its protocol identity), their link preview, a control-message
//   payload (timer changes, media saved), an unsend placeholder flag and the hash of our own swarm's copy
//   (the sync copy of a 1:1 message), which "delete for everyone" deletes.
// - reactions: the newest action (react or remove) per reactor, emoji and target message, kept even
//   before the target arrives (the view joins by the target's identity).
// - outbox: a `control` kind for content sent with its own timestamp and bytes fixed when queued
//   (reactions, unsend requests, read receipts, data-extraction notices), with its own TTL.
// - attachments: index 32 holds a message's link-preview image (indexes 0..31 stay the attachments).
import type { Migration } from './types';

export const m0010ConversationFeatures: Migration = {
  version: 10,
  name: 'conversation_features',
  up(db) {
    db.exec(`
      -- quote_author/quote_sent_at: the quoted message's identity (DataMessage.quote author and id).
      -- preview_url/preview_title: the link preview; its image is attachment index 32.
      -- control: JSON ControlView (ts/ipc/contract.ts) for control messages, NULL for ordinary messages.
      -- deleted: 1 for a message its author deleted for everyone (body, content and attachments are gone).
      -- sync_hash: the hash of our own swarm's copy of an outgoing 1:1 message (its sync copy).
      ALTER TABLE messages ADD COLUMN quote_author TEXT;
      ALTER TABLE messages ADD COLUMN quote_sent_at INTEGER;
      ALTER TABLE messages ADD COLUMN preview_url TEXT;
      ALTER TABLE messages ADD COLUMN preview_title TEXT;
      ALTER TABLE messages ADD COLUMN control TEXT;
      ALTER TABLE messages ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE messages ADD COLUMN sync_hash TEXT;

      -- One row per (target message, emoji, reactor): the newest action by sent_at wins.
      CREATE TABLE reactions (
        target_sender   TEXT NOT NULL,
        target_sent_at  INTEGER NOT NULL,
        emoji           TEXT NOT NULL,
        reactor         TEXT NOT NULL,
        action          TEXT NOT NULL CHECK (action IN ('react', 'remove')),
        sent_at         INTEGER NOT NULL,
        conversation_id TEXT NOT NULL,
        PRIMARY KEY (target_sender, target_sent_at, emoji, reactor)
      ) WITHOUT ROWID;
      CREATE INDEX reactions_conversation ON reactions (conversation_id);
      CREATE TRIGGER messages_delete_reactions AFTER DELETE ON messages BEGIN
        DELETE FROM reactions WHERE target_sender = old.sender AND target_sent_at = old.sent_at;
      END;
      CREATE TRIGGER conversations_delete_reactions AFTER DELETE ON conversations BEGIN
        DELETE FROM reactions WHERE conversation_id = old.id;
      END;

      -- label: what a control row carries ('reaction', 'unsend', 'read-receipt', 'data-extraction', ...).
      -- ttl_ms: the store TTL of a control row (message rows derive theirs from the message).
      CREATE TABLE outbox_v10 (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        message_id      TEXT REFERENCES messages (id) ON DELETE CASCADE,
        kind            TEXT NOT NULL CHECK (kind IN ('message', 'sync', 'request-response', 'control')),
        label           TEXT,
        destination     TEXT NOT NULL,
        sent_at         INTEGER,
        ttl_ms          INTEGER,
        data            BLOB,
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'failed')),
        last_error      TEXT,
        CHECK ((kind IN ('message', 'sync')) = (message_id IS NOT NULL)),
        CHECK (kind <> 'control' OR (data IS NOT NULL AND ttl_ms IS NOT NULL AND sent_at IS NOT NULL))
      );
      INSERT INTO outbox_v10 (id, message_id, kind, destination, sent_at, data, attempts, next_attempt_at, state, last_error)
        SELECT id, message_id, kind, destination, sent_at, data, attempts, next_attempt_at, state, last_error FROM outbox;
      DROP TABLE outbox;
      ALTER TABLE outbox_v10 RENAME TO outbox;
      CREATE INDEX outbox_due ON outbox (state, next_attempt_at);

      CREATE TABLE attachments_v10 (
        message_id      TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
        idx             INTEGER NOT NULL CHECK (idx >= 0 AND idx <= 32),
        file_name       TEXT,
        content_type    TEXT NOT NULL,
        size            INTEGER NOT NULL,
        width           INTEGER,
        height          INTEGER,
        duration_ms     INTEGER,
        flags           INTEGER NOT NULL DEFAULT 0,
        caption         TEXT,
        url             TEXT,
        remote_key      BLOB,
        digest          BLOB,
        state           TEXT NOT NULL CHECK (state IN ('not-downloaded', 'queued', 'downloading', 'downloaded', 'uploading', 'failed', 'expired')),
        error           TEXT,
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER,
        file_id         TEXT,
        file_key        BLOB,
        thumb_id        TEXT,
        thumb_key       BLOB,
        sha256          BLOB,
        PRIMARY KEY (message_id, idx)
      ) WITHOUT ROWID;
      INSERT INTO attachments_v10 SELECT * FROM attachments;
      DROP TABLE attachments;
      ALTER TABLE attachments_v10 RENAME TO attachments;
      CREATE INDEX attachments_work ON attachments (state, next_attempt_at) WHERE state IN ('queued', 'downloading', 'uploading');
      CREATE TRIGGER attachments_gc AFTER DELETE ON attachments BEGIN
        INSERT OR IGNORE INTO attachment_files_gc (file_id) SELECT OLD.file_id WHERE OLD.file_id IS NOT NULL;
        INSERT OR IGNORE INTO attachment_files_gc (file_id) SELECT OLD.thumb_id WHERE OLD.thumb_id IS NOT NULL;
      END;
    `);
  },
};
