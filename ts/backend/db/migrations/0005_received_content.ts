// v5: nothing received is lost. Every message keeps the decrypted Content it came in (so a later version
// can render what this one cannot), the parts this version cannot show, and its disappearing-message
// timer. Content that is not itself a timeline message (reactions, receipts, request responses, unsend
// tombstones, call signalling, ...) is kept in its own table under its protocol identity, for later
// features to apply.
import type { Migration } from './types';

export const m0005ReceivedContent: Migration = {
  version: 5,
  name: 'messages.received_content',
  up(db) {
    db.exec(`
      -- content: the raw decrypted Content protobuf (incoming messages and sync copies; never sent to a UI).
      -- unsupported: JSON array of the parts this version cannot show (contract UnsupportedPart), NULL when none.
      -- expiration_type/expiration_timer: the Content's disappearing-message mode and timer (seconds);
      -- expires_at (ms) is set when the timer runs (after-send: at arrival; after-read: once read).
      ALTER TABLE messages ADD COLUMN content BLOB;
      ALTER TABLE messages ADD COLUMN unsupported TEXT;
      ALTER TABLE messages ADD COLUMN expiration_type TEXT CHECK (expiration_type IN ('after-send', 'after-read'));
      ALTER TABLE messages ADD COLUMN expiration_timer INTEGER;
      ALTER TABLE messages ADD COLUMN expires_at INTEGER;
      -- The expiry sweeper asks for the rows due now; only disappearing messages are in this index.
      CREATE INDEX messages_expiry ON messages (expires_at) WHERE expires_at IS NOT NULL;

      -- FTS5 keeps a deleted row's terms in its index pages (under a delete marker) until segments merge;
      -- secure-delete removes them at once, so a deleted message's words do not stay in the file.
      INSERT INTO messages_fts (messages_fts, rank) VALUES ('secure-delete', 1);

      -- Received content that is not a timeline message, keyed by its protocol identity (sender, sent_at).
      -- target_*: the message it refers to (a reaction's or an unsend request's target), when it has one.
      CREATE TABLE received_content (
        sender          TEXT NOT NULL,
        sent_at         INTEGER NOT NULL,
        conversation_id TEXT NOT NULL,
        kind            TEXT NOT NULL,
        content         BLOB NOT NULL,
        hash            TEXT,
        received_at     INTEGER NOT NULL,
        target_sender   TEXT,
        target_sent_at  INTEGER,
        expires_at      INTEGER,
        PRIMARY KEY (sender, sent_at)
      ) WITHOUT ROWID;
      CREATE INDEX received_content_target ON received_content (target_sender, target_sent_at) WHERE target_sender IS NOT NULL;
      CREATE INDEX received_content_conversation ON received_content (conversation_id);
      CREATE INDEX received_content_expiry ON received_content (expires_at) WHERE expires_at IS NOT NULL;

      -- Whoever deletes a message (user delete, unsend, expiry) also deletes what refers to it (reactions),
      -- except unsend tombstones, which must outlive it so a late copy of the message is not shown again.
      CREATE TRIGGER messages_delete_related AFTER DELETE ON messages BEGIN
        DELETE FROM received_content
         WHERE target_sender = old.sender AND target_sent_at = old.sent_at AND kind <> 'unsend';
      END;
      -- Deleting a conversation deletes the content received in it.
      CREATE TRIGGER conversations_delete_content AFTER DELETE ON conversations BEGIN
        DELETE FROM received_content WHERE conversation_id = old.id;
      END;
    `);
  },
};
