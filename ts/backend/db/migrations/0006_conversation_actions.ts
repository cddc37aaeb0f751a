// v6: state behind the conversation actions. Per-contact notification mode (all / mute; kept with the
// other contact fields that the Contacts config owns later), per-conversation composer drafts, whether
// the "save your recovery password" banner is still due (set only when the account was created on this
// device), and an unread index that also orders by time, so the oldest unread message of a conversation is
// found without sorting. Declining a request used to only hide it, keeping its messages: those requests
// are deleted now, as declining does from this version on (their swarm hashes stay seen).
import type { Migration } from './types';

export const m0006ConversationActions: Migration = {
  version: 6,
  name: 'conversation_actions',
  up(db) {
    db.exec(`
      ALTER TABLE contacts ADD COLUMN notification_mode TEXT NOT NULL DEFAULT 'all' CHECK (notification_mode IN ('all', 'mute'));
      ALTER TABLE conversations ADD COLUMN draft TEXT;
      -- Accounts that exist before this version are treated as backed up: the banner is for new accounts.
      ALTER TABLE identity ADD COLUMN recovery_banner INTEGER NOT NULL DEFAULT 0;
      DROP INDEX messages_unread;
      CREATE INDEX messages_unread ON messages (conversation_id, direction, status, sent_at);
      DELETE FROM messages WHERE conversation_id IN (SELECT id FROM conversations WHERE hidden = 1 AND kind = 'private');
      DELETE FROM conversations WHERE hidden = 1 AND kind = 'private';
    `);
  },
};
