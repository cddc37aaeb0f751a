// v14: groups v2, member side (spec advanced.md part C). One row per group we were invited to or joined
// (the invitation is the row in state 'invited'), the member list as the group's Members config last said
// it (a cache that only the group's config merge writes), and the invitation's facts until it is answered.
// The group's Keys, Info and Members dumps live in config_state under the group's `03…` id (namespaces
// 12, 13, 14), and its swarm's last hashes in last_hashes under the same id.
import type { Migration } from './types';

export const m0014Groups: Migration = {
  version: 14,
  name: 'groups',
  up(db) {
    db.exec(`
      CREATE TABLE groups (
        id                 TEXT PRIMARY KEY NOT NULL,
        state              TEXT NOT NULL CHECK (state IN ('invited', 'joined', 'kicked', 'destroyed')),
        -- The Info config's name, or the invitation's until Info arrived.
        name               TEXT,
        description        TEXT,
        -- 100-byte subaccount auth data (spec C.7): a credential, never logged.
        auth_data          BLOB NOT NULL,
        invited_by         TEXT,
        invited_at         INTEGER,
        -- 1 while our GroupUpdateInviteResponse waits for the group's keys to be sent.
        response_pending   INTEGER NOT NULL DEFAULT 0,
        member_count       INTEGER NOT NULL DEFAULT 0,
        -- UserGroups '@' as the UI names it: 'all', 'mute' or 'mentions' (Mentions Only).
        notification_mode  TEXT NOT NULL DEFAULT 'all',
        -- Info d / D (unix s) last applied.
        delete_before      INTEGER NOT NULL DEFAULT 0,
        delete_attachments_before INTEGER NOT NULL DEFAULT 0,
        -- UserGroups '+' (pin: > 0), written only by config-apply.
        priority           INTEGER NOT NULL DEFAULT 0,
        -- Info E (unix s): the group's delete-after-send timer set by its admins; 0: off.
        expiry_seconds     INTEGER NOT NULL DEFAULT 0,
        -- Info p / q: the group's picture pointer (file URL, 32-byte key), and its local copy (avatar_file_*:
        -- the file store's id and key, the URL it was downloaded from), as contacts keep theirs.
        avatar_url         TEXT,
        avatar_key         BLOB,
        avatar_file_url    TEXT,
        avatar_file_id     TEXT,
        avatar_file_key    BLOB,
        avatar_content_type TEXT,
        updated_at         INTEGER NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE group_members (
        group_id    TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
        session_id  TEXT NOT NULL,
        name        TEXT,
        admin       INTEGER NOT NULL DEFAULT 0,
        status      TEXT NOT NULL,
        PRIMARY KEY (group_id, session_id)
      ) WITHOUT ROWID;
    `);
  },
};
