// SQL for reading a conversation page by page and for deleting a conversation's messages in bulk.
// Pages are keyset-paginated on (sent_at, seq) through messages_conversation, whose key is
// (conversation_id, sent_at) plus the rowid seq, so no page costs more than its own rows.
import type { MessagePage, MessageView } from '../../ipc/contract';
import { createAttachmentStore, type TransferProgress } from './attachmentStore';
import type { Db } from './database';
// --- conversation features: pages carry quotes and reactions like every other view ---
import { attachMessageExtras } from './messageExtras';
import { MESSAGE_COLUMNS, toView } from './messageStore';
import { createSearchEraser } from './searchErase';

export const DEFAULT_PAGE_SIZE = 50;

type RawMessageRow = Parameters<typeof toView>[0] & { seq: number };

export type PageCursor = { before: string } | { after: string } | { around: string } | Record<string, never>;

export interface MessagePageStore {
  /** A page of the conversation, oldest first; undefined when the cursor message is not in it. */
  page(conversationId: string, cursor: PageCursor, limit: number): MessagePage | undefined;
  /** The oldest incoming unread message of the conversation. */
  firstUnreadId(conversationId: string): string | undefined;
  /** Deletes every message of the conversation (full-text rows and outbox rows go with them); returns their ids. */
  deleteByConversation(conversationId: string): string[];
}

/** The page statements (exported so a test can check their query plans). */
export const PAGE_SQL = {
  // `sent_at <= @t` bounds the index range; the OR breaks ties on seq within the same millisecond.
  older: `SELECT seq, ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = @c AND sent_at <= @t AND (sent_at < @t OR seq < @seq)
     ORDER BY sent_at DESC, seq DESC LIMIT @n`,
  newer: `SELECT seq, ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = @c AND sent_at >= @t AND (sent_at > @t OR seq > @seq)
     ORDER BY sent_at ASC, seq ASC LIMIT @n`,
  newest: `SELECT seq, ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? ORDER BY sent_at DESC, seq DESC LIMIT ?`,
  // messages_unread is (conversation_id, direction, status, sent_at): the oldest unread is its first entry.
  firstUnread: `SELECT id FROM messages WHERE conversation_id = ? AND direction = 'incoming' AND status = 'received' ORDER BY sent_at, seq LIMIT 1`,
} as const;

/** `progress`: the running transfers' progress, which the views' attachments show. */
export function createMessagePageStore(db: Db, progress?: TransferProgress): MessagePageStore {
  const attachments = createAttachmentStore(db, progress);
  const selectAnchor = db.prepare<[string, string], RawMessageRow>(
    `SELECT seq, ${MESSAGE_COLUMNS} FROM messages WHERE id = ? AND conversation_id = ?`,
  );
  type Around = { c: string; t: number; seq: number; n: number };
  const selectOlder = db.prepare<Around, RawMessageRow>(PAGE_SQL.older);
  const selectNewer = db.prepare<Around, RawMessageRow>(PAGE_SQL.newer);
  const selectNewest = db.prepare<[string, number], RawMessageRow>(PAGE_SQL.newest);
  const selectFirstUnread = db.prepare<[string], { id: string }>(PAGE_SQL.firstUnread);
  const deleteAllOf = db.prepare<[string], { id: string }>(
    'DELETE FROM messages WHERE conversation_id = ? RETURNING id',
  );
  const countOf = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM messages WHERE conversation_id = ?');
  const eraser = createSearchEraser(db);
  // A large conversation is erased from the full-text index with one merge rather than row by row
  // (minutes for a conversation of 100,000 messages on a million).
  const deleteByConversation = db.transaction((conversationId: string): string[] => {
    const run = (): string[] => deleteAllOf.all(conversationId).map((r) => r.id);
    return eraser.worthBulk(countOf.get(conversationId)?.n ?? 0) ? eraser.withBulkErase(run) : run();
  });

  // One attachment query per page, whatever its size; then the quoted messages and reactions (a few queries per page).
  const extras = attachMessageExtras(db);
  const views = (rows: RawMessageRow[]): MessageView[] => extras(attachments.attachViews(rows.map((r) => toView(r))));

  const withUnread = (conversationId: string, p: Omit<MessagePage, 'firstUnreadId'>): MessagePage => {
    const unread = selectFirstUnread.get(conversationId)?.id;
    return unread === undefined ? p : { ...p, firstUnreadId: unread };
  };

  return {
    page(conversationId, cursor, limit) {
      if ('before' in cursor || 'after' in cursor || 'around' in cursor) {
        const anchorId =
          'before' in cursor ? cursor.before : 'after' in cursor ? cursor.after : cursor.around;
        const anchor = selectAnchor.get(anchorId, conversationId);
        if (!anchor) return undefined;
        if ('before' in cursor) {
          const older = selectOlder.all({ c: conversationId, t: anchor.sent_at, seq: anchor.seq, n: limit + 1 });
          return withUnread(conversationId, {
            messages: views(older.slice(0, limit).reverse()),
            hasOlder: older.length > limit,
            hasNewer: true,
          });
        }
        if ('after' in cursor) {
          const newer = selectNewer.all({ c: conversationId, t: anchor.sent_at, seq: anchor.seq, n: limit + 1 });
          return withUnread(conversationId, {
            messages: views(newer.slice(0, limit)),
            hasOlder: true,
            hasNewer: newer.length > limit,
          });
        }
        // Centred: the anchor, about half the page before it and the rest after; a short side gives its
        // room to the other.
        const older = selectOlder.all({ c: conversationId, t: anchor.sent_at, seq: anchor.seq, n: limit });
        const newer = selectNewer.all({ c: conversationId, t: anchor.sent_at, seq: anchor.seq, n: limit });
        const room = limit - 1;
        const half = Math.floor(room / 2);
        const takeNewer = Math.min(newer.length, Math.max(room - half, room - older.length));
        const takeOlder = Math.min(older.length, room - takeNewer);
        const rows = [...older.slice(0, takeOlder).reverse(), anchor, ...newer.slice(0, takeNewer)];
        return withUnread(conversationId, {
          messages: views(rows),
          hasOlder: older.length > takeOlder,
          hasNewer: newer.length > takeNewer,
        });
      }
      const newest = selectNewest.all(conversationId, limit + 1);
      return withUnread(conversationId, {
        messages: views(newest.slice(0, limit).reverse()),
        hasOlder: newest.length > limit,
        hasNewer: false,
      });
    },
    firstUnreadId: (conversationId) => selectFirstUnread.get(conversationId)?.id,
    deleteByConversation: (conversationId) => deleteByConversation(conversationId),
  };
}
