// v2: the messaging engine: account identity, conversations (all four kinds), messages with a full-text
// index, the persisted send queue, per-node last hashes, seen hashes, the network's pool/swarms/guards
// and per-consumer read cursors. State the official apps keep in libsession config messages (our display
// name, contacts' approved/blocked/nickname) lives in its own tables so moving it to config storage is local.
import type { Migration } from './types';

export const m0002Messaging: Migration = {
  version: 2,
  name: 'messaging',
  up(db) {
    db.exec(`
      -- The account secret: the 16-byte recovery seed everything else derives from. Never logged.
      CREATE TABLE identity (
        id            INTEGER PRIMARY KEY CHECK (id = 1),
        recovery_seed BLOB NOT NULL CHECK (length(recovery_seed) = 16),
        session_id    TEXT NOT NULL,
        created_at    INTEGER NOT NULL
      );

      -- Config-backed later (UserProfile config): our own profile.
      CREATE TABLE user_profile (
        id           INTEGER PRIMARY KEY CHECK (id = 1),
        display_name TEXT NOT NULL,
        updated_at   INTEGER NOT NULL
      );

      CREATE TABLE conversations (
        id           TEXT PRIMARY KEY NOT NULL,
        kind         TEXT NOT NULL CHECK (kind IN ('private', 'note-to-self', 'group', 'community')),
        created_at   INTEGER NOT NULL,
        updated_at   INTEGER NOT NULL,
        hidden       INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX conversations_updated ON conversations (updated_at);

      -- Config-backed later (Contacts config): per-peer approval, blocking and names.
      CREATE TABLE contacts (
        session_id     TEXT PRIMARY KEY NOT NULL,
        is_approved    INTEGER NOT NULL DEFAULT 0,
        did_approve_me INTEGER NOT NULL DEFAULT 0,
        is_blocked     INTEGER NOT NULL DEFAULT 0,
        nickname       TEXT,
        profile_name   TEXT,
        updated_at     INTEGER NOT NULL
      ) WITHOUT ROWID;

      -- seq orders arrival (per-consumer cursors); (sender, sent_at) is a message's protocol identity.
      CREATE TABLE messages (
        seq             INTEGER PRIMARY KEY AUTOINCREMENT,
        id              TEXT NOT NULL UNIQUE,
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        sender          TEXT NOT NULL,
        direction       TEXT NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
        body            TEXT NOT NULL,
        sent_at         INTEGER NOT NULL,
        received_at     INTEGER NOT NULL,
        status          TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed', 'received', 'read')),
        error           TEXT,
        hash            TEXT,
        UNIQUE (sender, sent_at)
      );
      CREATE INDEX messages_conversation ON messages (conversation_id, sent_at);
      CREATE INDEX messages_incoming ON messages (direction, seq);

      CREATE VIRTUAL TABLE messages_fts USING fts5 (body, content = 'messages', content_rowid = 'seq');
      CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts (rowid, body) VALUES (new.seq, new.body);
      END;
      CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', old.seq, old.body);
      END;
      CREATE TRIGGER messages_fts_update AFTER UPDATE OF body ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', old.seq, old.body);
        INSERT INTO messages_fts (rowid, body) VALUES (new.seq, new.body);
      END;

      -- The persisted send queue: one row per store still to do. data is the wrapped, encrypted message,
      -- fixed at the first attempt so a retry stores the same bytes (same swarm hash, no duplicate).
      CREATE TABLE outbox (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        message_id      TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
        kind            TEXT NOT NULL CHECK (kind IN ('message', 'sync')),
        destination     TEXT NOT NULL,
        data            BLOB,
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'failed')),
        last_error      TEXT
      );
      CREATE INDEX outbox_due ON outbox (state, next_attempt_at);

      CREATE TABLE last_hashes (
        node       TEXT NOT NULL,
        pubkey     TEXT NOT NULL,
        namespace  INTEGER NOT NULL,
        hash       TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        PRIMARY KEY (node, pubkey, namespace)
      ) WITHOUT ROWID;

      CREATE TABLE seen_hashes (
        hash       TEXT PRIMARY KEY NOT NULL,
        expires_at INTEGER NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE snode_pool (
        ed25519 TEXT PRIMARY KEY NOT NULL,
        ip      TEXT NOT NULL,
        port    INTEGER NOT NULL,
        x25519  TEXT NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE swarms (
        pubkey   TEXT NOT NULL,
        position INTEGER NOT NULL,
        ed25519  TEXT NOT NULL,
        PRIMARY KEY (pubkey, position)
      ) WITHOUT ROWID;

      CREATE TABLE guards (
        position INTEGER PRIMARY KEY,
        ed25519  TEXT NOT NULL
      );

      CREATE TABLE consumer_cursors (
        consumer TEXT PRIMARY KEY NOT NULL,
        last_seq INTEGER NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
