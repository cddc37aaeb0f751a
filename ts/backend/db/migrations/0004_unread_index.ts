// v4: an index for the per-conversation unread count. Without it SQLite answers the count through
// messages_incoming (direction only), scanning every incoming message for each conversation summary,
// which made every received batch slower as the database grew.
import type { Migration } from './types';

export const m0004UnreadIndex: Migration = {
  version: 4,
  name: 'messages.unread_index',
  up(db) {
    db.exec(`CREATE INDEX messages_unread ON messages (conversation_id, direction, status);`);
  },
};
