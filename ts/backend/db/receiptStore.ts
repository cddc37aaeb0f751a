// SQL for read receipts (spec messaging §6.8): which incoming messages reading just marked read (the
// timestamps a receipt lists), and marking our outgoing messages read when the peer's receipt arrives.
import type { Db } from './database';

export interface ReceiptStore {
  /** The conversation's incoming messages not read yet (before a read position moves). */
  unreadIncoming(conversationId: string): { id: string; sentAt: number }[];
  /** Those among `ids` that are read now. */
  readAmong(ids: readonly string[]): { id: string; sentAt: number }[];
  /**
   * Marks read our outgoing messages (`me` sent them) in the conversation whose sent time is one of
   * `sentAts`; returns the ones that changed. Unknown timestamps change nothing.
   */
  markOutgoingRead(conversationId: string, me: string, sentAts: readonly number[]): { id: string; conversationId: string }[];
}

export function createReceiptStore(db: Db): ReceiptStore {
  // The messages_unread index (conversation_id, direction, status) serves both reads.
  const selectUnread = db.prepare<[string], { id: string; sent_at: number }>(
    `SELECT id, sent_at FROM messages WHERE conversation_id = ? AND direction = 'incoming' AND status = 'received' AND deleted = 0`,
  );
  const selectRead = db.prepare<[string], { id: string; sent_at: number }>(
    `SELECT id, sent_at FROM messages WHERE id IN (SELECT value FROM json_each(?)) AND status = 'read' ORDER BY sent_at`,
  );
  // A placeholder (deleted for everyone) stays as it is; `sending` and `failed` never reached the peer.
  const updateRead = db.prepare<[string, string, string], { id: string; conversation_id: string }>(
    `UPDATE messages SET status = 'read'
      WHERE conversation_id = ? AND sender = ? AND direction = 'outgoing' AND status = 'sent' AND deleted = 0
        AND sent_at IN (SELECT value FROM json_each(?))
      RETURNING id, conversation_id`,
  );
  return {
    unreadIncoming: (conversationId) => selectUnread.all(conversationId).map((r) => ({ id: r.id, sentAt: r.sent_at })),
    readAmong: (ids) => (ids.length === 0 ? [] : selectRead.all(JSON.stringify(ids)).map((r) => ({ id: r.id, sentAt: r.sent_at }))),
    markOutgoingRead: (conversationId, me, sentAts) =>
      sentAts.length === 0
        ? []
        : updateRead.all(conversationId, me, JSON.stringify([...new Set(sentAts)])).map((r) => ({ id: r.id, conversationId: r.conversation_id })),
  };
}
