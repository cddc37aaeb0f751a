// SQL for received content that is not a timeline message (reactions, receipts, request responses, unsend
// tombstones, call signalling, ...): kept raw under its protocol identity (sender, sent_at) so later
// features can apply it. Timeline messages keep their own Content in `messages.content`.
import type { Db } from './database';

/** What a stored Content is; later features pick theirs by kind. */
export type ReceivedContentKind =
  | 'reaction'
  | 'read-receipt'
  | 'request-response'
  | 'unsend'
  | 'profile'
  | 'call'
  | 'data-extraction'
  | 'group-update'
  | 'shared-config'
  | 'other';

export interface ReceivedContent {
  sender: string;
  sentAt: number;
  conversationId: string;
  kind: ReceivedContentKind;
  /** The raw decrypted Content. */
  content: Uint8Array;
  hash?: string;
  receivedAt: number;
  /** The message it refers to (a reaction's or an unsend request's target). */
  target?: { sender: string; sentAt: number };
  /** When it disappears (ms). */
  expiresAt?: number;
}

export interface ReceivedContentStore {
  /** Stores unless its (sender, sentAt) is already stored; returns whether it was stored. */
  insert(c: ReceivedContent): boolean;
  get(sender: string, sentAt: number): ReceivedContent | undefined;
  /** Everything stored for a conversation, oldest first. */
  listForConversation(conversationId: string): ReceivedContent[];
  /** A conversation's newest `limit` items of one kind received at or after `since` (ms), oldest first. */
  recentOfKind(conversationId: string, kind: ReceivedContentKind, since: number, limit: number): ReceivedContent[];
  /** The `${sender}|${sentAt}` keys among `ids` that an unsend tombstone names (one query per batch). */
  unsentAmong(ids: readonly { sender: string; sentAt: number }[]): Set<string>;
  /** Deletes content whose timer ran out at or before `now`; returns how many rows went. */
  deleteExpired(now: number): number;
  /** Deletes everything received in a conversation (the conversation is being deleted). */
  deleteForConversation(conversationId: string): number;
}

interface RawContent {
  sender: string;
  sent_at: number;
  conversation_id: string;
  kind: ReceivedContentKind;
  content: Buffer;
  hash: string | null;
  received_at: number;
  target_sender: string | null;
  target_sent_at: number | null;
  expires_at: number | null;
}

function fromRaw(r: RawContent): ReceivedContent {
  const c: ReceivedContent = {
    sender: r.sender,
    sentAt: r.sent_at,
    conversationId: r.conversation_id,
    kind: r.kind,
    content: new Uint8Array(r.content),
    receivedAt: r.received_at,
  };
  if (r.hash !== null) c.hash = r.hash;
  if (r.target_sender !== null && r.target_sent_at !== null) c.target = { sender: r.target_sender, sentAt: r.target_sent_at };
  if (r.expires_at !== null) c.expiresAt = r.expires_at;
  return c;
}

const COLUMNS = 'sender, sent_at, conversation_id, kind, content, hash, received_at, target_sender, target_sent_at, expires_at';

export function createReceivedContentStore(db: Db): ReceivedContentStore {
  const insert = db.prepare<[string, number, string, string, Buffer, string | null, number, string | null, number | null, number | null]>(
    `INSERT OR IGNORE INTO received_content (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectOne = db.prepare<[string, number], RawContent>(`SELECT ${COLUMNS} FROM received_content WHERE sender = ? AND sent_at = ?`);
  const selectConversation = db.prepare<[string], RawContent>(`SELECT ${COLUMNS} FROM received_content WHERE conversation_id = ? ORDER BY sent_at`);
  const selectRecentOfKind = db.prepare<[string, string, number, number], RawContent>(
    `SELECT ${COLUMNS} FROM received_content WHERE conversation_id = ? AND kind = ? AND received_at >= ? ORDER BY received_at DESC LIMIT ?`,
  );
  const selectUnsent = db.prepare<[string], { target_sender: string; target_sent_at: number }>(
    `SELECT c.target_sender, c.target_sent_at FROM json_each(?) AS j
       JOIN received_content AS c ON c.target_sender = json_extract(j.value, '$[0]') AND c.target_sent_at = json_extract(j.value, '$[1]')
      WHERE c.kind = 'unsend'`,
  );
  const deleteExpired = db.prepare<[number]>('DELETE FROM received_content WHERE expires_at <= ?');
  const deleteConversation = db.prepare<[string]>('DELETE FROM received_content WHERE conversation_id = ?');
  return {
    insert(c) {
      const bytes = Buffer.from(c.content.buffer, c.content.byteOffset, c.content.byteLength);
      return (
        insert.run(c.sender, c.sentAt, c.conversationId, c.kind, bytes, c.hash ?? null, c.receivedAt, c.target?.sender ?? null, c.target?.sentAt ?? null, c.expiresAt ?? null)
          .changes === 1
      );
    },
    get(sender, sentAt) {
      const r = selectOne.get(sender, sentAt);
      return r ? fromRaw(r) : undefined;
    },
    listForConversation: (conversationId) => selectConversation.all(conversationId).map(fromRaw),
    recentOfKind: (conversationId, kind, since, limit) => selectRecentOfKind.all(conversationId, kind, since, limit).map(fromRaw).reverse(),
    unsentAmong: (ids) =>
      ids.length === 0
        ? new Set()
        : new Set(selectUnsent.all(JSON.stringify(ids.map((i) => [i.sender, i.sentAt]))).map((r) => `${r.target_sender}|${r.target_sent_at}`)),
    deleteExpired: (now) => deleteExpired.run(now).changes,
    deleteForConversation: (conversationId) => deleteConversation.run(conversationId).changes,
  };
}
