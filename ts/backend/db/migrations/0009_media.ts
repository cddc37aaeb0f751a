// v9: media. Each attachment of a message (ours or received) with its pointer (file URL, key, digest),
// its transfer state and, once its bytes are here, the local copy: a file in <profile>/attachments/
// encrypted at rest with a per-file key kept in this (encrypted) database. Deleting a message deletes
// its attachment rows (cascade); a trigger queues their files for deletion from disk, so every delete
// path (delete for me, clear, expiry, unsend, conversation delete) removes the bytes too.
// Staged files (chosen in the composer, not sent yet) and profile pictures (ours and our contacts')
// keep their local copies the same way.
import type { Migration } from './types';

export const m0009Media: Migration = {
  version: 9,
  name: 'media',
  up(db) {
    db.exec(`
      -- idx: position in the message. url/remote_key/digest: the AttachmentPointer's (remote_key 64 bytes for
      -- the legacy scheme, 32 for the deterministic one chosen by the URL's d fragment). flags: pointer flags
      -- (1 = voice message). state: see AttachmentState in ts/ipc/contract.ts. file_id/file_key: the local
      -- encrypted copy; thumb_id/thumb_key: the locally made preview. sha256: of the plaintext.
      -- auto: downloaded without a click (accepted sender, within the size limit).
      CREATE TABLE attachments (
        message_id      TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
        idx             INTEGER NOT NULL CHECK (idx >= 0 AND idx < 32),
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
      -- The transfer workers' queue: only rows with work to do are in it.
      CREATE INDEX attachments_work ON attachments (state, next_attempt_at) WHERE state IN ('queued', 'downloading', 'uploading');

      -- Local files no longer referenced, deleted from disk by the attachment store's sweeper.
      CREATE TABLE attachment_files_gc (
        file_id TEXT PRIMARY KEY NOT NULL
      ) WITHOUT ROWID;
      CREATE TRIGGER attachments_gc AFTER DELETE ON attachments BEGIN
        INSERT OR IGNORE INTO attachment_files_gc (file_id) SELECT OLD.file_id WHERE OLD.file_id IS NOT NULL;
        INSERT OR IGNORE INTO attachment_files_gc (file_id) SELECT OLD.thumb_id WHERE OLD.thumb_id IS NOT NULL;
      END;

      -- Files chosen for sending (or as a profile picture) and already processed; a row moves into
      -- attachments when its message is sent, or is dropped (unstage, or left over at the next start).
      CREATE TABLE staged_files (
        stage_id     TEXT PRIMARY KEY NOT NULL,
        purpose      TEXT NOT NULL CHECK (purpose IN ('attachment', 'avatar')),
        file_name    TEXT,
        content_type TEXT NOT NULL,
        expected     INTEGER NOT NULL,
        received     INTEGER NOT NULL DEFAULT 0,
        size         INTEGER,
        width        INTEGER,
        height       INTEGER,
        duration_ms  INTEGER,
        flags        INTEGER NOT NULL DEFAULT 0,
        complete     INTEGER NOT NULL DEFAULT 0,
        file_id      TEXT,
        file_key     BLOB,
        thumb_id     TEXT,
        thumb_key    BLOB,
        sha256       BLOB,
        created_at   INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE TRIGGER staged_files_gc AFTER DELETE ON staged_files BEGIN
        INSERT OR IGNORE INTO attachment_files_gc (file_id) SELECT OLD.file_id WHERE OLD.file_id IS NOT NULL;
        INSERT OR IGNORE INTO attachment_files_gc (file_id) SELECT OLD.thumb_id WHERE OLD.thumb_id IS NOT NULL;
      END;

      -- Profile pictures: the pointer (avatar_url/avatar_key) is the config's or the newest profile
      -- message's; the local decrypted-then-re-encrypted copy is keyed by the URL it came from.
      -- avatar_updated_s: the lastProfileUpdateSeconds applied last (spec messaging §6.7).
      -- trust_attachments: "Auto Download" was answered Yes for this sender (local to this device).
      ALTER TABLE contacts ADD COLUMN avatar_updated_s INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE contacts ADD COLUMN avatar_file_url TEXT;
      ALTER TABLE contacts ADD COLUMN avatar_file_id TEXT;
      ALTER TABLE contacts ADD COLUMN avatar_file_key BLOB;
      ALTER TABLE contacts ADD COLUMN avatar_content_type TEXT;
      ALTER TABLE contacts ADD COLUMN trust_attachments INTEGER NOT NULL DEFAULT 0;

      -- Our own picture: the processed image we uploaded (to re-upload before the file server forgets it),
      -- when it was uploaded, and the profile's last update time sent with our messages.
      ALTER TABLE user_profile ADD COLUMN avatar_file_id TEXT;
      ALTER TABLE user_profile ADD COLUMN avatar_file_key BLOB;
      ALTER TABLE user_profile ADD COLUMN avatar_content_type TEXT;
      ALTER TABLE user_profile ADD COLUMN avatar_uploaded_at INTEGER;
      ALTER TABLE user_profile ADD COLUMN profile_updated_s INTEGER NOT NULL DEFAULT 0;
    `);
  },
};
