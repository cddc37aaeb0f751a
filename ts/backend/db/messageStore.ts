// SQL for messages, the persisted send queue (outbox), per-consumer cursors, per-node last hashes and
// seen hashes. Callers group these statements into one transaction per send or per poll.
import type { ControlView, GroupControlMember, GroupControlView, MessageDirection, MessageStatus, MessageView, UnsupportedPart } from '../../ipc/contract';
import { attachMessageExtras } from './messageExtras';
import { createAttachmentStore, type TransferProgress } from './attachmentStore';
import type { Db } from './database';
import { createSearchIndexWriter, type SearchIndexBatch } from './searchIndexBatch';

/** A disappearing-message mode as stored (spec messaging §6.12); absent: the message does not disappear. */
export type ExpirationType = 'after-send' | 'after-read';

/** Every part name the contract knows (a Record, so a new part fails to compile until listed here). */
const UNSUPPORTED_PARTS: Readonly<Record<UnsupportedPart, true>> = {
  attachments: true,
  quote: true,
  'link-preview': true,
  reaction: true,
  'expiration-timer-update': true,
  'group-update': true,
  'community-invitation': true,
  call: true,
  'data-extraction': true,
  unknown: true,
};
const isUnsupportedPart = (p: unknown): p is UnsupportedPart => typeof p === 'string' && Object.prototype.hasOwnProperty.call(UNSUPPORTED_PARTS, p);

export interface NewMessage {
  id: string;
  conversationId: string;
  sender: string;
  direction: MessageDirection;
  body: string;
  sentAt: number;
  receivedAt: number;
  status: MessageStatus;
  hash?: string;
  /** The raw decrypted Content it arrived in (received messages and sync copies). */
  content?: Uint8Array;
  /** Parts of `content` this version cannot show. */
  unsupported?: readonly UnsupportedPart[];
  expirationType?: ExpirationType;
  /** Seconds. */
  expirationTimer?: number;
  /** When the message disappears (ms), if its timer already runs. */
  expiresAt?: number;
  // --- conversation features (begin) ---
  /** The quoted message's identity (DataMessage.quote). */
  quote?: { author: string; sentAt: number };
  /** The link preview (its image, if any, is attachment index 32). */
  preview?: { url: string; title?: string };
  /** A control message (timer change, media saved): no body, shown centred. */
  control?: ControlView;
  // --- conversation features (end) ---
  // --- communities (begin) ---
  /** Community messages: the server's message id and posted time (ms). */
  serverId?: number;
  postedAt?: number;
  /** Community messages: the display name the message's profile carried. */
  senderName?: string;
  /** Community messages: the sender's Session ID when we know it (ours); `sender` is then the blinded id. */
  senderSessionId?: string;
  mentionsMe?: boolean;
  // --- communities (end) ---
}

export type OutboxKind = 'message' | 'sync' | 'request-response' | 'control';
/** What a control row carries (logged and reported by the delivery tracker). */
export type ControlLabel = 'reaction' | 'unsend' | 'read-receipt' | 'data-extraction' | 'group-update';

/**
 * Outbox kinds that follow a change made earlier (not the user's own message): the sync copy of a sent
 * message and the request response. A change may depend on them, so waiting for a change's delivery waits
 * for these too even when they were queued before it; failed ones are requeued on the next start.
 */
export const FOLLOW_UP_KINDS: readonly OutboxKind[] = ['sync', 'request-response'];

/** What messages.takeNew takes (see its contract): everything new, a peek, or up to one message. */
export interface TakeNewOptions {
  peek?: boolean;
  through?: string;
}

/** An outbox row as the delivery tracker reports it. */
export interface OutboxFollowUpRow {
  id: number;
  kind: OutboxKind;
  destination: string;
  messageId: string | null;
  state: 'pending' | 'failed';
  attempts: number;
  lastError: string | null;
}

export type OutboxRow = {
  id: number;
  destination: string;
  data?: Uint8Array;
  attempts: number;
  nextAttemptAt: number;
} & (
  | { kind: 'message' | 'sync'; messageId: string }
  | { kind: 'request-response'; sentAt: number }
  /** Bytes fixed when queued (`data` always set), stored with `ttlMs`. */
  | { kind: 'control'; label: ControlLabel; sentAt: number; ttlMs: number }
);

export interface LastHash {
  node: string;
  pubkey: string;
  namespace: number;
  hash: string;
  expiresAt: number;
}

export interface MessageStore {
  /** Inserts unless (sender, sentAt) already exists, with its search index entry; returns whether it was inserted. */
  insert(m: NewMessage): boolean;
  /** Bulk inserts: the messages inserted inside `searchBatch.run` get their search entries with one statement at its end. */
  readonly searchBatch: SearchIndexBatch;
  get(id: string): MessageView | undefined;
  /** The messages with these ids, in this order (as get, with one query; unknown ids are skipped). */
  getMany(ids: readonly string[]): MessageView[];
  last(conversationId: string): MessageView | undefined;
  list(conversationId: string, beforeTimestamp: number | undefined, limit: number): MessageView[];
  exists(sender: string, sentAt: number): boolean;
  /** The `${sender}|${sentAt}` keys among `ids` that some stored message already has (one query per batch). */
  existingAmong(ids: readonly { sender: string; sentAt: number }[]): Set<string>;
  /** Largest sent_at among our messages sent as `sender` (our Session ID or a blinded id of ours; 0 when none). */
  maxSentAt(sender: string): number;
  setStatus(id: string, status: MessageStatus, error: string | null, hash?: string): void;
  /**
   * Marks the conversation's incoming unread messages read; returns their ids. Disappearing messages of
   * the after-read kind start their timer at `now` (ms).
   */
  markRead(conversationId: string, now: number): string[];
  /**
   * Marks read the conversation's incoming unread messages up to and including `messageId` in timeline
   * order (sent time, then arrival); returns their ids, or undefined when that message is not in the
   * conversation. After-read timers start at `now` for exactly these messages.
   */
  markReadUpTo(conversationId: string, messageId: string, now: number): string[] | undefined;
  /**
   * Incoming messages after the consumer's cursor (oldest first); advances the cursor past them. `peek`:
   * leaves the cursor; `through`: only up to that message (none when it is not among them). Call inside a
   * transaction.
   */
  takeNew(consumer: string, options?: TakeNewOptions): MessageView[];
  markConversationRead(conversationId: string, now: number): number;
  /**
   * Deletes these messages (their outbox rows go with them; their swarm hashes stay seen, so nothing
   * comes back); returns the deleted ones. The one delete primitive: user deletes, unsend and expiry use it.
   */
  deleteByIds(ids: readonly string[]): { id: string; conversationId: string }[];
  /** Ids (with conversations) of messages stored under these (sender, sentAt) identities, keyed `${sender}|${sentAt}`. */
  idsByIdentity(ids: readonly { sender: string; sentAt: number }[]): Map<string, { id: string; conversationId: string }>;
  /**
   * A group's messages a DeleteMemberContent targets (spec advanced C.8), sent at or before `sentAtMost`: every
   * message of `senders`, and those whose swarm hash is among `hashes` (only `hashAuthor`'s when given).
   */
  /** Whether `sender` already has a control of `type` in this conversation sent within `windowMs` of `sentAt`. */
  hasControlNear(conversationId: string, sender: string, type: string, sentAt: number, windowMs: number): boolean;
  idsForContentDelete(q: { conversationId: string; senders: readonly string[]; hashes: readonly string[]; hashAuthor?: string; sentAtMost: number }): { id: string; conversationId: string }[];
  /** Messages whose timer ran out at or before `now`, at most `limit`. */
  expiredIds(now: number, limit: number): string[];
  /** The raw Content a message arrived in (never part of a MessageView). */
  rawContent(id: string): Uint8Array | undefined;
  /** Sets the raw Content of stored messages that have none (ours, sent here, when their sync copy comes back); one statement. */
  attachContent(entries: readonly { sender: string; sentAt: number; content: Uint8Array }[]): number;

  enqueue(row: { messageId: string; kind: 'message' | 'sync'; destination: string; nextAttemptAt: number }): void;
  /** Queues a control message with its own protocol timestamp. */
  enqueueControl(row: { kind: 'request-response'; destination: string; sentAt: number; nextAttemptAt: number }): void;
  /** Queues already-encoded content (a reaction, an unsend request, a receipt) with its own timestamp and TTL. */
  enqueueEncoded(row: { label: ControlLabel; destination: string; sentAt: number; data: Uint8Array; ttlMs: number; nextAttemptAt: number }): void;
  /** Records the hash of our own swarm's copy of a message (its sync copy), which "delete for everyone" deletes. */
  setSyncHash(id: string, hash: string): void;
  /** The hashes of our own swarm's copies of these messages (sync copies; for note to self the message's own hash). */
  ownSwarmHashes(ids: readonly string[]): Map<string, string[]>;
  due(now: number, limit: number): OutboxRow[];
  nextDueAt(): number | undefined;
  setOutboxData(id: number, data: Uint8Array): void;
  reschedule(id: number, attempts: number, nextAttemptAt: number, error: string): void;
  failOutbox(id: number, attempts: number, error: string): void;
  removeOutbox(id: number): void;
  /** Puts the failed rows of a message back in the queue; returns how many. */
  requeue(messageId: string, now: number): number;
  hasOutbox(messageId: string, kind: 'message' | 'sync'): boolean;
  /** The highest outbox id so far: rows queued later have larger ids (AUTOINCREMENT never reuses one). */
  outboxMark(): number;
  /**
   * Rows above `since` (every row when undefined), follow-up rows (FOLLOW_UP_KINDS) below it, and every
   * other row below it that is still pending: a message queued by a host that was killed (or stopped
   * waiting) before it was stored goes out with the next change's delivery instead of staying queued
   * until some process happens to outlive its store. Earlier failed messages are not listed: the person
   * retries those.
   */
  outboxFollowUps(since: number | undefined): OutboxFollowUpRow[];
  /** Puts failed follow-up rows back in the queue with fresh attempts; returns how many. */
  requeueFailedFollowUps(now: number): number;

  loadLastHashes(pubkey: string): LastHash[];
  saveLastHash(h: LastHash): void;
  isSeen(hash: string): boolean;
  /** The hashes among `hashes` already seen (one query for a whole poll batch). */
  seenAmong(hashes: readonly string[]): Set<string>;
  markSeen(hash: string, expiresAt: number): void;
  /** markSeen for many hashes in one statement. */
  markSeenMany(entries: readonly { hash: string; expiresAt: number }[]): void;
  /** Drops expired last hashes and seen hashes (startup). */
  pruneExpired(now: number): void;
}

interface RawMessage {
  id: string;
  conversation_id: string;
  sender: string;
  direction: MessageDirection;
  body: string;
  sent_at: number;
  received_at: number;
  status: MessageStatus;
  error: string | null;
  unsupported: string | null;
  expires_at: number | null;
  expiration_type: ExpirationType | null;
  expiration_timer: number | null;
  quote_author: string | null;
  quote_sent_at: number | null;
  preview_url: string | null;
  preview_title: string | null;
  control: string | null;
  deleted: number;
  server_id: number | null;
  posted_at: number | null;
  sender_name: string | null;
  sender_session_id: string | null;
  mentions_me: number;
  pinned: number;
}

/** The columns toView reads; every query that returns message views selects these (never the raw content). */
export const MESSAGE_COLUMNS =
  'id, conversation_id, sender, direction, body, sent_at, received_at, status, error, unsupported, expires_at, expiration_type, expiration_timer, quote_author, quote_sent_at, preview_url, preview_title, control, deleted, server_id, posted_at, sender_name, sender_session_id, mentions_me, pinned';
/** MESSAGE_COLUMNS qualified with a table alias, for joins. */
export const messageColumnsOf = (alias: string): string =>
  MESSAGE_COLUMNS.split(', ')
    .map((c) => `${alias}.${c}`)
    .join(', ');

/** The stored part list (JSON written by this module) as contract values; anything unexpected reads as 'unknown'. */
function parseUnsupported(raw: string): UnsupportedPart[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return ['unknown'];
  }
  if (!Array.isArray(parsed)) return ['unknown'];
  const out: UnsupportedPart[] = [];
  for (const p of parsed as unknown[]) {
    const part: UnsupportedPart = isUnsupportedPart(p) ? p : 'unknown';
    if (!out.includes(part)) out.push(part);
  }
  return out;
}

/** Zero-copy view of bytes as the Buffer SQLite binds as a BLOB. */
function blob(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function toView(r: RawMessage): MessageView {
  const v: MessageView = {
    id: r.id,
    conversationId: r.conversation_id,
    sender: r.sender,
    direction: r.direction,
    text: r.body,
    timestamp: r.sent_at,
    receivedAt: r.received_at,
    status: r.status,
  };
  if (r.error !== null) v.error = r.error;
  if (r.unsupported !== null) {
    const parts = parseUnsupported(r.unsupported);
    if (parts.length > 0) v.unsupported = parts;
  }
  if (r.expires_at !== null) v.expiresAt = r.expires_at;
  if (r.expiration_type !== null && r.expiration_timer !== null && r.expiration_timer > 0) {
    v.expiration = { type: r.expiration_type, seconds: r.expiration_timer };
  }
  if (r.quote_author !== null && r.quote_sent_at !== null) v.quote = { author: r.quote_author, timestamp: r.quote_sent_at };
  if (r.preview_url !== null) v.preview = { url: r.preview_url, ...(r.preview_title !== null ? { title: r.preview_title } : {}) };
  if (r.control !== null) {
    const c = parseControl(r.control);
    if (c) v.control = c;
  }
  if (r.deleted === 1) v.deleted = true;
  // --- communities (begin) ---
  if (r.server_id !== null) v.serverId = r.server_id;
  if (r.posted_at !== null) v.postedAt = r.posted_at;
  if (r.sender_name !== null) v.senderName = r.sender_name;
  if (r.sender_session_id !== null) v.senderSessionId = r.sender_session_id;
  if (r.mentions_me === 1) v.mentionsMe = true;
  if (r.pinned === 1) v.pinned = true;
  // --- communities (end) ---
  return v;
}

// --- groups (begin) ---
const controlMembers = (v: unknown): GroupControlMember[] | undefined => {
  if (!Array.isArray(v)) return undefined;
  const out: GroupControlMember[] = [];
  for (const m of v as unknown[]) {
    const x = m as { sessionId?: unknown; name?: unknown } | null;
    if (!x || typeof x.sessionId !== 'string') return undefined;
    out.push({ sessionId: x.sessionId, ...(typeof x.name === 'string' ? { name: x.name } : {}) });
  }
  return out;
};

/** A stored group control payload (GroupControlView), or undefined. */
function parseGroupControl(c: Record<string, unknown>): GroupControlView | undefined {
  switch (c.type) {
    case 'member-added':
    case 'member-removed':
    case 'member-promoted': {
      const members = controlMembers(c.members);
      if (!members) return undefined;
      if (c.type === 'member-added') return { type: c.type, members, ...(c.historyShared === true ? { historyShared: true } : {}) };
      return { type: c.type, members };
    }
    case 'member-left':
    case 'invite-accepted':
    case 'avatar-changed':
      return { type: c.type };
    case 'name-changed':
      return typeof c.name === 'string' ? { type: c.type, name: c.name } : undefined;
    case 'expiration-changed':
      return typeof c.seconds === 'number' ? { type: c.type, seconds: c.seconds } : undefined;
    default:
      return undefined;
  }
}
// --- groups (end) ---

/** A stored control payload (JSON written by this module); anything unexpected is dropped from the view. */
function parseControl(raw: string): ControlView | undefined {
  try {
    const c = JSON.parse(raw) as { type?: unknown; mode?: unknown; seconds?: unknown };
    if (c.type === 'media-saved') return { type: 'media-saved' };
    if (
      c.type === 'expiration-timer' &&
      (c.mode === 'off' || c.mode === 'after-send' || c.mode === 'after-read') &&
      typeof c.seconds === 'number'
    ) {
      return { type: 'expiration-timer', mode: c.mode, seconds: c.seconds };
    }
    // --- groups: GroupUpdate control messages ---
    const g = parseGroupControl(c as Record<string, unknown>);
    if (g) return g;
  } catch {
    // fall through
  }
  return undefined;
}

/** `progress`: the running transfers' progress, which the views' attachments show. */
export function createMessageStore(db: Db, progress?: TransferProgress): MessageStore {
  // Every view carries its attachments: one query per batch of views.
  const attachments = createAttachmentStore(db, progress);
  const extras = attachMessageExtras(db);
  /** Attachments, then the parts that join other rows (quoted message, reactions, preview image). */
  const decorate = (views: MessageView[]): MessageView[] => extras(attachments.attachViews(views));
  const one = (r: RawMessage | undefined): MessageView | undefined => (r ? decorate([toView(r)])[0] : undefined);
  // The only statement that inserts messages: it writes their search entries too (migration 18).
  const searchIndex = createSearchIndexWriter(db);
  // A NewMessage as SQLite binds it: every optional column present (null when absent), bytes as a Buffer,
  // the unsupported parts as JSON.
  const insert = db.prepare<
    Omit<
      NewMessage,
      'hash' | 'content' | 'unsupported' | 'expirationType' | 'expirationTimer' | 'expiresAt' | 'quote' | 'preview' | 'control' | 'serverId' | 'postedAt' | 'senderName' | 'senderSessionId' | 'mentionsMe'
    > & {
      hash: string | null;
      content: Buffer | null;
      unsupported: string | null;
      expirationType: ExpirationType | null;
      expirationTimer: number | null;
      expiresAt: number | null;
      quoteAuthor: string | null;
      quoteSentAt: number | null;
      previewUrl: string | null;
      previewTitle: string | null;
      control: string | null;
      serverId: number | null;
      postedAt: number | null;
      senderName: string | null;
      senderSessionId: string | null;
      mentionsMe: number;
    }
  >(
    `INSERT OR IGNORE INTO messages
       (id, conversation_id, sender, direction, body, sent_at, received_at, status, hash, content, unsupported, expiration_type, expiration_timer, expires_at,
        quote_author, quote_sent_at, preview_url, preview_title, control, server_id, posted_at, sender_name, sender_session_id, mentions_me)
     VALUES (@id, @conversationId, @sender, @direction, @body, @sentAt, @receivedAt, @status, @hash, @content, @unsupported, @expirationType, @expirationTimer, @expiresAt,
        @quoteAuthor, @quoteSentAt, @previewUrl, @previewTitle, @control, @serverId, @postedAt, @senderName, @senderSessionId, @mentionsMe)`,
  );
  const selectById = db.prepare<[string], RawMessage>(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id = ?`);
  const selectByIds = db.prepare<[string], RawMessage>(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id IN (SELECT value FROM json_each(?))`);
  const selectLast = db.prepare<[string], RawMessage>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? ORDER BY sent_at DESC, seq DESC LIMIT 1`,
  );
  // Newest page first, then reversed so the caller gets oldest first.
  const selectPage = db.prepare<[string, number, number], RawMessage>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND sent_at < ? ORDER BY sent_at DESC, seq DESC LIMIT ?`,
  );
  const selectExists = db.prepare<[string, number], { one: number }>('SELECT 1 AS one FROM messages WHERE sender = ? AND sent_at = ?');
  // Only our own rows carry our ids as sender, and ours are the outgoing ones (index messages_own).
  const selectMaxSent = db.prepare<[string], { m: number | null }>("SELECT max(sent_at) AS m FROM messages WHERE sender = ? AND direction = 'outgoing'");
  const updateStatus = db.prepare<[string, string | null, string | null, string]>(
    'UPDATE messages SET status = ?, error = ?, hash = coalesce(?, hash) WHERE id = ?',
  );
  // Uses the messages_unread index (conversation_id, direction, status). Reading starts after-read timers.
  const READ_SET = `status = 'read',
    expires_at = CASE WHEN expiration_type = 'after-read' AND expires_at IS NULL THEN @now + expiration_timer * 1000 ELSE expires_at END`;
  const updateRead = db.prepare<{ conversationId: string; now: number }, { id: string }>(
    `UPDATE messages SET ${READ_SET} WHERE conversation_id = @conversationId AND direction = 'incoming' AND status = 'received' RETURNING id`,
  );
  // The messages_unread index bounds the range by sent_at; ties at the same millisecond go by arrival (seq).
  const selectPosition = db.prepare<[string, string], { sent_at: number; seq: number }>(
    'SELECT sent_at, seq FROM messages WHERE id = ? AND conversation_id = ?',
  );
  const updateReadUpTo = db.prepare<{ conversationId: string; now: number; t: number; seq: number }, { id: string }>(
    `UPDATE messages SET ${READ_SET} WHERE conversation_id = @conversationId AND direction = 'incoming' AND status = 'received'
       AND sent_at <= @t AND (sent_at < @t OR seq <= @seq) RETURNING id`,
  );
  const selectCursor = db.prepare<[string], { last_seq: number }>('SELECT last_seq FROM consumer_cursors WHERE consumer = ?');
  const upsertCursor = db.prepare<[string, number]>(
    'INSERT INTO consumer_cursors (consumer, last_seq) VALUES (?, ?) ON CONFLICT(consumer) DO UPDATE SET last_seq = excluded.last_seq',
  );
  const selectIncomingAfter = db.prepare<[number], RawMessage & { seq: number }>(
    `SELECT seq, ${MESSAGE_COLUMNS} FROM messages WHERE direction = 'incoming' AND seq > ? ORDER BY seq`,
  );
  const markRead = db.prepare<{ conversationId: string; now: number }>(
    `UPDATE messages SET ${READ_SET} WHERE conversation_id = @conversationId AND direction = 'incoming' AND status = 'received'`,
  );

  const deleteMany = db.prepare<[string], { id: string; conversation_id: string }>(
    'DELETE FROM messages WHERE id IN (SELECT value FROM json_each(?)) RETURNING id, conversation_id',
  );
  const selectIdsByIdentity = db.prepare<[string], { id: string; conversation_id: string; sender: string; sent_at: number }>(
    `SELECT m.id, m.conversation_id, m.sender, m.sent_at FROM json_each(?) AS j
       JOIN messages AS m ON m.sender = json_extract(j.value, '$[0]') AND m.sent_at = json_extract(j.value, '$[1]')`,
  );
  const selectForContentDelete = db.prepare<[{ conv: string; most: number; senders: string; hashes: string; author: string | null }], { id: string; conversation_id: string }>(
    `SELECT id, conversation_id FROM messages WHERE conversation_id = @conv AND sent_at <= @most AND deleted = 0
       AND (sender IN (SELECT value FROM json_each(@senders)) OR (hash IN (SELECT value FROM json_each(@hashes)) AND (@author IS NULL OR sender = @author)))`,
  );
  const selectControlNear = db.prepare<[string, string, number, number, string], { one: number }>(
    `SELECT 1 AS one FROM messages WHERE conversation_id = ? AND sender = ? AND sent_at BETWEEN ? AND ? AND control IS NOT NULL AND json_extract(control, '$.type') = ? LIMIT 1`,
  );
  const selectExpired = db.prepare<[number, number], { id: string }>('SELECT id FROM messages WHERE expires_at <= ? ORDER BY expires_at LIMIT ?');
  const selectContent = db.prepare<[string], { content: Buffer | null }>('SELECT content FROM messages WHERE id = ?');
  const updateContent = db.prepare<[string]>(
    `UPDATE messages SET content = unhex(j.c)
       FROM (SELECT json_extract(value, '$[0]') AS s, json_extract(value, '$[1]') AS t, json_extract(value, '$[2]') AS c FROM json_each(?)) AS j
      WHERE messages.sender = j.s AND messages.sent_at = j.t AND messages.content IS NULL`,
  );

  const insertOutbox = db.prepare<[string, string, string, number]>(
    'INSERT INTO outbox (message_id, kind, destination, next_attempt_at) VALUES (?, ?, ?, ?)',
  );
  const insertControl = db.prepare<[string, string, number, number]>(
    'INSERT INTO outbox (message_id, kind, destination, sent_at, next_attempt_at) VALUES (NULL, ?, ?, ?, ?)',
  );
  const insertEncoded = db.prepare<[string, string, number, number, Buffer, number]>(
    `INSERT INTO outbox (message_id, kind, label, destination, sent_at, ttl_ms, data, next_attempt_at) VALUES (NULL, 'control', ?, ?, ?, ?, ?, ?)`,
  );
  const updateSyncHash = db.prepare<[string, string]>('UPDATE messages SET sync_hash = ? WHERE id = ?');
  const selectOwnHashes = db.prepare<[string], { id: string; conversation_id: string; sender: string; hash: string | null; sync_hash: string | null }>(
    'SELECT id, conversation_id, sender, hash, sync_hash FROM messages WHERE id IN (SELECT value FROM json_each(?))',
  );
  const selectDue = db.prepare<
    [number, number],
    {
      id: number;
      message_id: string | null;
      kind: OutboxKind;
      label: ControlLabel | null;
      destination: string;
      sent_at: number | null;
      ttl_ms: number | null;
      data: Buffer | null;
      attempts: number;
      next_attempt_at: number;
    }
  >(
    `SELECT id, message_id, kind, label, destination, sent_at, ttl_ms, data, attempts, next_attempt_at FROM outbox
     WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`,
  );
  const selectNextDue = db.prepare<[], { t: number | null }>(`SELECT min(next_attempt_at) AS t FROM outbox WHERE state = 'pending'`);
  const updateData = db.prepare<[Buffer, number]>('UPDATE outbox SET data = ? WHERE id = ?');
  const updateSchedule = db.prepare<[number, number, string, number]>('UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?');
  const updateFailed = db.prepare<[number, string, number]>(`UPDATE outbox SET state = 'failed', attempts = ?, last_error = ? WHERE id = ?`);
  const deleteOutbox = db.prepare<[number]>('DELETE FROM outbox WHERE id = ?');
  const requeue = db.prepare<[number, string]>(`UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ?, last_error = NULL WHERE message_id = ? AND state = 'failed'`);
  const selectHasOutbox = db.prepare<[string, string], { one: number }>('SELECT 1 AS one FROM outbox WHERE message_id = ? AND kind = ?');
  const followUpKinds = JSON.stringify(FOLLOW_UP_KINDS);
  const selectOutboxMark = db.prepare<[], { m: number | null }>(
    "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0), coalesce((SELECT max(id) FROM outbox), 0)) AS m",
  );
  const selectFollowUps = db.prepare<
    [number, string],
    { id: number; kind: OutboxKind; destination: string; message_id: string | null; state: 'pending' | 'failed'; attempts: number; last_error: string | null }
  >(
    `SELECT id, kind, destination, message_id, state, attempts, last_error FROM outbox
      WHERE id > ? OR kind IN (SELECT value FROM json_each(?)) OR state = 'pending' ORDER BY id`,
  );
  const requeueFollowUps = db.prepare<[number, string]>(
    `UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ?, last_error = NULL
      WHERE state = 'failed' AND kind IN (SELECT value FROM json_each(?))`,
  );

  const selectLastHashes = db.prepare<[string], { node: string; pubkey: string; namespace: number; hash: string; expires_at: number }>(
    'SELECT node, pubkey, namespace, hash, expires_at FROM last_hashes WHERE pubkey = ?',
  );
  const upsertLastHash = db.prepare<[string, string, number, string, number]>(
    'INSERT OR REPLACE INTO last_hashes (node, pubkey, namespace, hash, expires_at) VALUES (?, ?, ?, ?, ?)',
  );
  const selectSeen = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM seen_hashes WHERE hash = ?');
  const selectSeenAmong = db.prepare<[string], { hash: string }>('SELECT hash FROM seen_hashes WHERE hash IN (SELECT value FROM json_each(?))');
  const upsertSeen = db.prepare<[string, number]>(
    'INSERT INTO seen_hashes (hash, expires_at) VALUES (?, ?) ON CONFLICT(hash) DO UPDATE SET expires_at = max(expires_at, excluded.expires_at)',
  );
  const selectExistingAmong = db.prepare<[string], { sender: string; sent_at: number }>(
    `SELECT m.sender, m.sent_at FROM json_each(?) AS j
       JOIN messages AS m ON m.sender = json_extract(j.value, '$[0]') AND m.sent_at = json_extract(j.value, '$[1]')`,
  );
  const upsertSeenMany = db.prepare<[string]>(
    `INSERT INTO seen_hashes (hash, expires_at) SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?) WHERE true
     ON CONFLICT(hash) DO UPDATE SET expires_at = max(expires_at, excluded.expires_at)`,
  );
  const pruneLast = db.prepare<[number]>('DELETE FROM last_hashes WHERE expires_at <= ?');
  const pruneSeen = db.prepare<[number]>('DELETE FROM seen_hashes WHERE expires_at <= ?');

  return {
    searchBatch: { run: (fn) => searchIndex.run(fn) },
    insert(m) {
      const r = insert.run({
        id: m.id,
        conversationId: m.conversationId,
        sender: m.sender,
        direction: m.direction,
        body: m.body,
        sentAt: m.sentAt,
        receivedAt: m.receivedAt,
        status: m.status,
        hash: m.hash ?? null,
        content: m.content ? blob(m.content) : null,
        unsupported: m.unsupported && m.unsupported.length > 0 ? JSON.stringify(m.unsupported) : null,
        expirationType: m.expirationType ?? null,
        expirationTimer: m.expirationTimer ?? null,
        expiresAt: m.expiresAt ?? null,
        quoteAuthor: m.quote?.author ?? null,
        quoteSentAt: m.quote?.sentAt ?? null,
        previewUrl: m.preview?.url ?? null,
        previewTitle: m.preview?.title ?? null,
        control: m.control ? JSON.stringify(m.control) : null,
        serverId: m.serverId ?? null,
        postedAt: m.postedAt ?? null,
        senderName: m.senderName ?? null,
        senderSessionId: m.senderSessionId ?? null,
        mentionsMe: m.mentionsMe === true ? 1 : 0,
      });
      if (r.changes !== 1) return false;
      searchIndex.inserted(Number(r.lastInsertRowid));
      return true;
    },
    get: (id) => one(selectById.get(id)),
    getMany(ids) {
      if (ids.length === 0) return [];
      const byId = new Map(decorate(selectByIds.all(JSON.stringify(ids)).map(toView)).map((v) => [v.id, v]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    },
    last: (conversationId) => one(selectLast.get(conversationId)),
    list(conversationId, beforeTimestamp, limit) {
      return decorate(selectPage.all(conversationId, beforeTimestamp ?? Number.MAX_SAFE_INTEGER, limit).map(toView).reverse());
    },
    exists: (sender, sentAt) => selectExists.get(sender, sentAt) !== undefined,
    existingAmong: (ids) =>
      ids.length === 0
        ? new Set()
        : new Set(selectExistingAmong.all(JSON.stringify(ids.map((i) => [i.sender, i.sentAt]))).map((r) => `${r.sender}|${r.sent_at}`)),
    maxSentAt: (sender) => selectMaxSent.get(sender)?.m ?? 0,
    setStatus(id, status, error, hash) {
      updateStatus.run(status, error, hash ?? null, id);
    },
    markRead: (conversationId, now) => updateRead.all({ conversationId, now }).map((r) => r.id),
    markReadUpTo(conversationId, messageId, now) {
      const at = selectPosition.get(messageId, conversationId);
      if (!at) return undefined;
      return updateReadUpTo.all({ conversationId, now, t: at.sent_at, seq: at.seq }).map((r) => r.id);
    },
    takeNew(consumer, options = {}) {
      const after = selectCursor.get(consumer)?.last_seq ?? 0;
      let rows = selectIncomingAfter.all(after);
      if (options.through !== undefined) rows = rows.slice(0, rows.findIndex((r) => r.id === options.through) + 1);
      const lastRow = rows[rows.length - 1];
      if (lastRow && options.peek !== true) upsertCursor.run(consumer, lastRow.seq);
      return decorate(rows.map(toView));
    },
    markConversationRead: (conversationId, now) => markRead.run({ conversationId, now }).changes,
    deleteByIds: (ids) => (ids.length === 0 ? [] : deleteMany.all(JSON.stringify(ids)).map((r) => ({ id: r.id, conversationId: r.conversation_id }))),
    hasControlNear: (conversationId, sender, type, sentAt, windowMs) => selectControlNear.get(conversationId, sender, sentAt - windowMs, sentAt + windowMs, type) !== undefined,
    idsForContentDelete: (q) =>
      q.senders.length === 0 && q.hashes.length === 0
        ? []
        : selectForContentDelete
            .all({ conv: q.conversationId, most: q.sentAtMost, senders: JSON.stringify(q.senders), hashes: JSON.stringify(q.hashes), author: q.hashAuthor ?? null })
            .map((r) => ({ id: r.id, conversationId: r.conversation_id })),
    idsByIdentity: (ids) =>
      new Map(
        ids.length === 0
          ? []
          : selectIdsByIdentity
              .all(JSON.stringify(ids.map((i) => [i.sender, i.sentAt])))
              .map((r) => [`${r.sender}|${r.sent_at}`, { id: r.id, conversationId: r.conversation_id }] as const),
      ),
    expiredIds: (now, limit) => selectExpired.all(now, limit).map((r) => r.id),
    rawContent(id) {
      const c = selectContent.get(id)?.content;
      return c ? new Uint8Array(c) : undefined;
    },
    attachContent: (entries) =>
      entries.length === 0 ? 0 : updateContent.run(JSON.stringify(entries.map((e) => [e.sender, e.sentAt, Buffer.from(e.content.buffer, e.content.byteOffset, e.content.byteLength).toString('hex')]))).changes,

    enqueue(row) {
      insertOutbox.run(row.messageId, row.kind, row.destination, row.nextAttemptAt);
    },
    enqueueControl(row) {
      insertControl.run(row.kind, row.destination, row.sentAt, row.nextAttemptAt);
    },
    enqueueEncoded(row) {
      insertEncoded.run(row.label, row.destination, row.sentAt, row.ttlMs, blob(row.data), row.nextAttemptAt);
    },
    setSyncHash(id, hash) {
      updateSyncHash.run(hash, id);
    },
    ownSwarmHashes(ids) {
      const out = new Map<string, string[]>();
      if (ids.length === 0) return out;
      for (const r of selectOwnHashes.all(JSON.stringify(ids))) {
        // A message whose conversation is its sender's (received 1:1, note to self) was stored in our swarm
        // under its own hash; an outgoing 1:1 message's copy there is its sync copy.
        const own = r.conversation_id === r.sender ? [r.hash, r.sync_hash] : [r.sync_hash];
        const hashes = own.filter((h): h is string => h !== null);
        if (hashes.length > 0) out.set(r.id, [...new Set(hashes)]);
      }
      return out;
    },
    due(now, limit) {
      return selectDue.all(now, limit).map((r) => {
        const base = { id: r.id, destination: r.destination, attempts: r.attempts, nextAttemptAt: r.next_attempt_at };
        const row: OutboxRow =
          r.kind === 'request-response'
            ? { ...base, kind: r.kind, sentAt: r.sent_at ?? 0 }
            : r.kind === 'control'
              ? { ...base, kind: r.kind, label: r.label ?? 'reaction', sentAt: r.sent_at ?? 0, ttlMs: r.ttl_ms ?? 0 }
              : { ...base, kind: r.kind, messageId: r.message_id ?? '' };
        if (r.data !== null) row.data = new Uint8Array(r.data);
        return row;
      });
    },
    nextDueAt: () => selectNextDue.get()?.t ?? undefined,
    setOutboxData(id, data) {
      updateData.run(Buffer.from(data), id);
    },
    reschedule(id, attempts, nextAttemptAt, error) {
      updateSchedule.run(attempts, nextAttemptAt, error, id);
    },
    failOutbox(id, attempts, error) {
      updateFailed.run(attempts, error, id);
    },
    removeOutbox(id) {
      deleteOutbox.run(id);
    },
    requeue: (messageId, now) => requeue.run(now, messageId).changes,
    hasOutbox: (messageId, kind) => selectHasOutbox.get(messageId, kind) !== undefined,
    outboxMark: () => selectOutboxMark.get()?.m ?? 0,
    outboxFollowUps: (since) =>
      selectFollowUps.all(since ?? -1, followUpKinds).map((r) => ({
        id: r.id,
        kind: r.kind,
        destination: r.destination,
        messageId: r.message_id,
        state: r.state,
        attempts: r.attempts,
        lastError: r.last_error,
      })),
    requeueFailedFollowUps: (now) => requeueFollowUps.run(now, followUpKinds).changes,

    loadLastHashes: (pubkey) =>
      selectLastHashes.all(pubkey).map((r) => ({ node: r.node, pubkey: r.pubkey, namespace: r.namespace, hash: r.hash, expiresAt: r.expires_at })),
    saveLastHash(h) {
      upsertLastHash.run(h.node, h.pubkey, h.namespace, h.hash, h.expiresAt);
    },
    isSeen: (hash) => selectSeen.get(hash) !== undefined,
    seenAmong: (hashes) => (hashes.length === 0 ? new Set() : new Set(selectSeenAmong.all(JSON.stringify(hashes)).map((r) => r.hash))),
    markSeen(hash, expiresAt) {
      upsertSeen.run(hash, expiresAt);
    },
    markSeenMany(entries) {
      if (entries.length > 0) upsertSeenMany.run(JSON.stringify(entries.map((e) => [e.hash, e.expiresAt])));
    },
    pruneExpired(now) {
      pruneLast.run(now);
      pruneSeen.run(now);
    },
  };
}
