// v8: config sync state. Each user config's dump (libsession's format, spec advanced B.11) per account
// and namespace, with the swarm time of the newest config message merged into it (the "config more
// recent than message" rule, spec messaging §5.3); whether a complete retrieve of the config namespaces
// was merged (nothing is pushed before, spec advanced B.1); and the cache columns config-apply writes
// from the merged configs (contacts' priority, mute, disappearing setting and avatar pointer; our avatar
// pointer, Note-to-Self priority and community message-requests setting; each conversation's read
// position and unread marker). Only config-apply writes these columns.
import type { Migration } from './types';

export const m0008ConfigState: Migration = {
  version: 8,
  name: 'config_state',
  up(db) {
    db.exec(`
      -- dump: the config's dump; its push state (dirty / waiting) survives a crash, so an unpushed change is pushed on the next start.
      -- latest_message_at: swarm timestamp (ms) of the newest config message merged; 0 when none.
      CREATE TABLE config_state (
        pubkey            TEXT NOT NULL,
        namespace         INTEGER NOT NULL,
        dump              BLOB NOT NULL,
        latest_message_at INTEGER NOT NULL DEFAULT 0,
        updated_at        INTEGER NOT NULL,
        PRIMARY KEY (pubkey, namespace)
      ) WITHOUT ROWID;

      -- One row per account once a complete retrieve of namespaces 2–5 has been merged.
      CREATE TABLE config_sync (
        pubkey          TEXT PRIMARY KEY NOT NULL,
        swarm_merged_at INTEGER NOT NULL
      ) WITHOUT ROWID;

      ALTER TABLE contacts ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE contacts ADD COLUMN mute_until INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE contacts ADD COLUMN expiration_mode TEXT NOT NULL DEFAULT 'none';
      ALTER TABLE contacts ADD COLUMN expiration_timer INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE contacts ADD COLUMN avatar_url TEXT;
      ALTER TABLE contacts ADD COLUMN avatar_key BLOB;

      ALTER TABLE user_profile ADD COLUMN avatar_url TEXT;
      ALTER TABLE user_profile ADD COLUMN avatar_key BLOB;
      ALTER TABLE user_profile ADD COLUMN nts_priority INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE user_profile ADD COLUMN community_message_requests INTEGER;

      -- Read state per conversation (ConvoInfoVolatile), whether or not the conversation exists here yet:
      -- messages fetched later that were sent at or before last_read_at count as read.
      CREATE TABLE conversation_read_state (
        conversation_id TEXT PRIMARY KEY NOT NULL,
        last_read_at    INTEGER NOT NULL DEFAULT 0,
        marked_unread   INTEGER NOT NULL DEFAULT 0
      ) WITHOUT ROWID;
    `);
  },
};
