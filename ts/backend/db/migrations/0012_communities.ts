// v12: communities (SOGS rooms, spec advanced.md part A).
// - community_servers: one row per server we have rooms on: its key, its capabilities (as last polled) and the
//   blinded-DM inbox/outbox cursors (the largest message id fetched).
// - community_rooms: one row per joined room, keyed by its conversation id `{base}/{room}`: the token as the
//   server spells it, what the room object says (name, description, info_updates, active users, image, our
//   permissions, visible moderators and admins, pins) and the polling cursor (the largest seqno seen; NULL
//   until the first poll, which then asks for the most recent page) and whether older pages (fetched as the
//   user scrolls back) reached the room's first message. The notification setting and priority
//   are caches of the UserGroups config, written only by config-apply; the read position is cached in
//   conversation_read_state like every conversation's (ConvoInfoVolatile).
// - messages gain the server's id and posted time, the sender's display name from the message's profile, the
//   sender's Session ID when we know it (ours), the mention flag and the pin flag; a room's messages are
//   unique by server id.
// - community_reactions: the reaction counts the server reports per message (A.6: counts, a few reactors,
//   whether we are among them), replaced wholesale on each update of the message.
// - blinded_contacts: people met in a room and written to by their blinded id (blinded DMs).
import type { Migration } from './types';

export const m0012Communities: Migration = {
  version: 12,
  name: 'communities',
  up(db) {
    db.exec(`
      CREATE TABLE community_servers (
        base_url      TEXT PRIMARY KEY NOT NULL,
        pubkey        TEXT NOT NULL CHECK (length(pubkey) = 64),
        capabilities  TEXT NOT NULL DEFAULT '[]',
        inbox_cursor  INTEGER NOT NULL DEFAULT 0,
        outbox_cursor INTEGER NOT NULL DEFAULT 0
      ) WITHOUT ROWID;

      CREATE TABLE community_rooms (
        conversation_id   TEXT PRIMARY KEY NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        base_url          TEXT NOT NULL REFERENCES community_servers (base_url),
        token             TEXT NOT NULL,
        name              TEXT,
        description       TEXT,
        info_updates      INTEGER NOT NULL DEFAULT 0,
        seqno             INTEGER,
        active_users      INTEGER,
        image_id          TEXT,
        can_read          INTEGER NOT NULL DEFAULT 1,
        can_write         INTEGER NOT NULL DEFAULT 1,
        can_upload        INTEGER NOT NULL DEFAULT 1,
        moderator         INTEGER NOT NULL DEFAULT 0,
        admin             INTEGER NOT NULL DEFAULT 0,
        moderators        TEXT NOT NULL DEFAULT '[]',
        admins            TEXT NOT NULL DEFAULT '[]',
        pinned            TEXT NOT NULL DEFAULT '[]',
        joined_at         INTEGER NOT NULL,
        notification_mode TEXT NOT NULL DEFAULT 'all' CHECK (notification_mode IN ('all', 'mute', 'mentions')),
        priority          INTEGER NOT NULL DEFAULT 0,
        oldest_reached    INTEGER NOT NULL DEFAULT 0
      ) WITHOUT ROWID;
      CREATE INDEX community_rooms_server ON community_rooms (base_url);

      ALTER TABLE messages ADD COLUMN server_id INTEGER;
      ALTER TABLE messages ADD COLUMN posted_at INTEGER;
      ALTER TABLE messages ADD COLUMN sender_name TEXT;
      ALTER TABLE messages ADD COLUMN sender_session_id TEXT;
      ALTER TABLE messages ADD COLUMN mentions_me INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE messages ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
      CREATE UNIQUE INDEX messages_server_id ON messages (conversation_id, server_id) WHERE server_id IS NOT NULL;

      CREATE TABLE community_reactions (
        message_id TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
        emoji      TEXT NOT NULL,
        idx        INTEGER NOT NULL,
        count      INTEGER NOT NULL,
        you        INTEGER NOT NULL DEFAULT 0,
        reactors   TEXT NOT NULL DEFAULT '[]',
        PRIMARY KEY (message_id, emoji)
      ) WITHOUT ROWID;

      -- Blinded direct messages (spec advanced A.10): whom we know by a 15 id on a server, the room we met
      -- them in, and their Session ID once known (then their conversation is the 05 one).
      CREATE TABLE blinded_contacts (
        blinded_id TEXT NOT NULL,
        base_url   TEXT NOT NULL,
        room_id    TEXT,
        session_id TEXT,
        PRIMARY KEY (blinded_id, base_url)
      ) WITHOUT ROWID;
      CREATE INDEX blinded_contacts_session ON blinded_contacts (session_id);
    `);
  },
};
