// SQL of the receive side of attachments: rows from received pointers, the download queue (take, mark,
// reschedule, finish), the automatic-download rule's sender lookups, the gallery and the backfill of
// messages stored before attachments were supported. Callers group statements into transactions.
import type { AttachmentState, AttachmentView } from '../../ipc/contract';
import type { ReceivedAttachmentRow } from '../media/receivedAttachments';
import { ATTACHMENT_COLUMNS, attachmentColumnsOf, fromRawAttachment, type AttachmentRow, type RawAttachmentRow } from './attachmentStore';
import type { Db } from './database';
import { LINK_PREVIEW_ATTACHMENT_INDEX } from './messageExtras';

const COLUMNS = ATTACHMENT_COLUMNS;
const columnsOf = attachmentColumnsOf;
const toRecord = fromRawAttachment;
type RawRecord = RawAttachmentRow;
const buf = (b: Uint8Array | undefined | null): Buffer | null => (b ? Buffer.from(b.buffer, b.byteOffset, b.byteLength) : null);

/** The view of a row as the receiver inserts it (before it is read back). */
export function receivedAttachmentView(row: ReceivedAttachmentRow): AttachmentView {
  const v: AttachmentView = { index: row.idx, contentType: row.contentType, size: row.size, voice: (row.flags & 1) === 1, state: row.state, hasThumbnail: false };
  if (row.fileName !== undefined) v.fileName = row.fileName;
  if (row.width !== undefined) v.width = row.width;
  if (row.height !== undefined) v.height = row.height;
  if (row.caption !== undefined) v.caption = row.caption;
  if (row.error !== undefined) v.error = row.error;
  return v;
}

/** What a finished download stores. */
export interface DownloadedFile {
  contentType: string;
  fileId: string;
  fileKey: Uint8Array;
  thumbId?: string;
  thumbKey?: Uint8Array;
  sha256: Uint8Array;
  width?: number;
  height?: number;
  /** Read from the file's frames (audio, video); a duration the row already has is kept. */
  durationMs?: number;
}

export interface GalleryRow {
  record: AttachmentRow;
  sentAt: number;
  sender: string;
}

/** A stored message that may still list 'attachments' as unsupported (backfill). */
export interface BackfillCandidate {
  seq: number;
  id: string;
  sender: string;
  sentAt: number;
  direction: 'incoming' | 'outgoing';
  content: Uint8Array | null;
  unsupported: string;
}

export interface AttachmentQueue {
  /** Inserts a received message's rows (INSERT OR IGNORE: a row already there stays). */
  insertReceived(messageId: string, rows: readonly ReceivedAttachmentRow[]): void;
  get(messageId: string, idx: number): AttachmentRow | undefined;
  forMessage(messageId: string): AttachmentRow[];
  /** Rows of many messages in one query, keyed by message id. */
  forMessages(messageIds: readonly string[]): Map<string, AttachmentRow[]>;
  /** The senders among `ids` whose attachments download by themselves: accepted contacts or trusted ones. */
  autoDownloadSenders(ids: readonly string[]): Set<string>;
  /** Marks a sender trusted ("Auto Download": yes); false when there is no contact row for them. */
  trustSender(sender: string): boolean;
  /**
   * Queues a message's attachments (or the one at `idx`) that are not downloaded or failed; resets attempts.
   * Expired ones stay expired. Returns how many were queued.
   */
  queueMessage(messageId: string, idx: number | undefined, now: number): number;
  /** Queues every not-downloaded attachment of `sender`'s messages; returns the ids of the messages touched. */
  queueSender(sender: string, now: number): string[];
  /** Queues the sender's not-downloaded attachments of at most `maxBytes` each (their request was accepted); the ids of the messages changed. */
  queueSenderUpTo(sender: string, maxBytes: number, now: number): string[];
  /** Puts rows left 'downloading' (the app stopped during a download) back in the queue; returns how many. */
  resumeInterrupted(): number;
  /** Queued rows due at `now` (oldest message first), at most `limit`, skipping `skip` (`${messageId}:${idx}`). */
  due(now: number, limit: number, skip: ReadonlySet<string>): AttachmentRow[];
  /** Earliest next_attempt_at among queued rows waiting for a retry. */
  nextRetryAt(): number | undefined;
  /** queued → downloading; false when the row is gone or no longer queued. */
  markDownloading(messageId: string, idx: number): boolean;
  /** downloading → downloaded with the local copy; false when the row is gone (its message was deleted). */
  markDownloaded(messageId: string, idx: number, f: DownloadedFile): boolean;
  /**
   * A video's poster frame (made from its local copy by the renderer, re-encoded here) as its thumbnail,
   * with the video's size when the row has none. False when the row is gone or already has a thumbnail.
   */
  setPoster(messageId: string, idx: number, p: { thumbId: string; thumbKey: Uint8Array; width: number; height: number }): boolean;
  /** Sets a duration read from the file where the row has none (files stored before durations were read). */
  setDuration(messageId: string, idx: number, durationMs: number): boolean;
  /** Back to queued, to try again at `at`. */
  reschedule(messageId: string, idx: number, attempts: number, at: number, error: string): void;
  /** Ends a download as 'failed' or 'expired' with the reason. */
  finish(messageId: string, idx: number, state: 'failed' | 'expired', error: string, attempts: number): void;
  /** Hands local files nobody references to the store's sweeper. */
  releaseFiles(fileIds: readonly string[]): void;
  /** A conversation's media (image/*, video/*) or files, newest first, after `before`; one query. */
  gallery(conversationId: string, kind: 'media' | 'files', before: { messageId: string; index: number } | undefined, limit: number): GalleryRow[];

  /** Messages after `afterSeq` (in arrival order) that list 'attachments' as unsupported, at most `limit`. */
  backfillCandidates(afterSeq: number, limit: number): BackfillCandidate[];
  /** Sets a message's unsupported parts (null: none). */
  setUnsupported(messageId: string, unsupported: string | null): void;
  backfillCursor(): number;
  setBackfillCursor(seq: number): void;
  /** The newest message's seq (0 when none). */
  maxSeq(): number;
}

/** The consumer_cursors row of the backfill: how far it got, so it runs once over old messages. */
export const BACKFILL_CONSUMER = 'attachments-backfill';

export function createAttachmentQueue(db: Db): AttachmentQueue {
  const insert = db.prepare<{
    messageId: string;
    idx: number;
    fileName: string | null;
    contentType: string;
    size: number;
    width: number | null;
    height: number | null;
    flags: number;
    caption: string | null;
    url: string | null;
    remoteKey: Buffer | null;
    digest: Buffer | null;
    state: AttachmentState;
    error: string | null;
  }>(
    `INSERT OR IGNORE INTO attachments (message_id, idx, file_name, content_type, size, width, height, flags, caption, url, remote_key, digest, state, error)
     VALUES (@messageId, @idx, @fileName, @contentType, @size, @width, @height, @flags, @caption, @url, @remoteKey, @digest, @state, @error)`,
  );
  const selectOne = db.prepare<[string, number], RawRecord>(`SELECT ${COLUMNS} FROM attachments WHERE message_id = ? AND idx = ?`);
  const selectForMessage = db.prepare<[string], RawRecord>(`SELECT ${COLUMNS} FROM attachments WHERE message_id = ? ORDER BY idx`);
  const selectForMessages = db.prepare<[string], RawRecord>(
    `SELECT ${COLUMNS} FROM attachments WHERE message_id IN (SELECT value FROM json_each(?)) ORDER BY message_id, idx`,
  );
  const selectAutoSenders = db.prepare<[string], { session_id: string }>(
    'SELECT session_id FROM contacts WHERE session_id IN (SELECT value FROM json_each(?)) AND (is_approved = 1 OR trust_attachments = 1)',
  );
  const updateTrust = db.prepare<[string]>('UPDATE contacts SET trust_attachments = 1 WHERE session_id = ?');
  const QUEUE_SET = `state = 'queued', error = NULL, attempts = 0, next_attempt_at = @now`;
  const queueOne = db.prepare<{ messageId: string; idx: number; now: number }>(
    `UPDATE attachments SET ${QUEUE_SET} WHERE message_id = @messageId AND idx = @idx AND state IN ('not-downloaded', 'failed') AND url IS NOT NULL AND remote_key IS NOT NULL`,
  );
  const queueAll = db.prepare<{ messageId: string; now: number }>(
    `UPDATE attachments SET ${QUEUE_SET} WHERE message_id = @messageId AND state IN ('not-downloaded', 'failed') AND url IS NOT NULL AND remote_key IS NOT NULL`,
  );
  const queueBySender = db.prepare<{ sender: string; now: number }, { message_id: string }>(
    `UPDATE attachments SET ${QUEUE_SET}
      WHERE state = 'not-downloaded' AND EXISTS (SELECT 1 FROM messages AS m WHERE m.id = message_id AND m.sender = @sender AND m.direction = 'incoming')
      RETURNING message_id`,
  );
  const queueBySenderUpTo = db.prepare<{ sender: string; max: number; now: number }, { message_id: string }>(
    `UPDATE attachments SET ${QUEUE_SET}
      WHERE state = 'not-downloaded' AND size <= @max AND url IS NOT NULL AND remote_key IS NOT NULL
        AND EXISTS (SELECT 1 FROM messages AS m WHERE m.id = message_id AND m.sender = @sender AND m.direction = 'incoming')
      RETURNING message_id`,
  );
  const resume = db.prepare(`UPDATE attachments SET state = 'queued', next_attempt_at = NULL WHERE state = 'downloading'`);
  // The partial index attachments_work covers (state, next_attempt_at); arrival order breaks ties.
  const selectDue = db.prepare<[number, number], RawRecord>(
    `SELECT ${columnsOf('a')} FROM attachments AS a JOIN messages AS m ON m.id = a.message_id
      WHERE a.state = 'queued' AND (a.next_attempt_at IS NULL OR a.next_attempt_at <= ?)
      ORDER BY coalesce(a.next_attempt_at, 0), m.seq, a.idx LIMIT ?`,
  );
  const selectNextRetry = db.prepare<[], { t: number | null }>(`SELECT min(next_attempt_at) AS t FROM attachments WHERE state = 'queued'`);
  const updateDownloading = db.prepare<[string, number]>(`UPDATE attachments SET state = 'downloading', error = NULL WHERE message_id = ? AND idx = ? AND state = 'queued'`);
  const updatePoster = db.prepare<{ messageId: string; idx: number; thumbId: string; thumbKey: Buffer; width: number; height: number }>(
    `UPDATE attachments SET thumb_id = @thumbId, thumb_key = @thumbKey, width = coalesce(width, @width), height = coalesce(height, @height)
      WHERE message_id = @messageId AND idx = @idx AND thumb_id IS NULL AND file_id IS NOT NULL`,
  );
  const updateDuration = db.prepare<[number, string, number]>(
    `UPDATE attachments SET duration_ms = ? WHERE message_id = ? AND idx = ? AND duration_ms IS NULL`,
  );
  const updateDownloaded = db.prepare<{
    messageId: string;
    idx: number;
    contentType: string;
    fileId: string;
    fileKey: Buffer;
    thumbId: string | null;
    thumbKey: Buffer | null;
    sha256: Buffer;
    width: number | null;
    height: number | null;
    durationMs: number | null;
  }>(
    `UPDATE attachments SET state = 'downloaded', error = NULL, next_attempt_at = NULL, content_type = @contentType,
        file_id = @fileId, file_key = @fileKey, thumb_id = @thumbId, thumb_key = @thumbKey, sha256 = @sha256,
        width = coalesce(width, @width), height = coalesce(height, @height), duration_ms = coalesce(duration_ms, @durationMs)
      WHERE message_id = @messageId AND idx = @idx`,
  );
  const updateReschedule = db.prepare<[number, number, string, string, number]>(
    `UPDATE attachments SET state = 'queued', attempts = ?, next_attempt_at = ?, error = ? WHERE message_id = ? AND idx = ? AND state = 'downloading'`,
  );
  const updateFinish = db.prepare<[string, string, number, string, number]>(
    `UPDATE attachments SET state = ?, error = ?, attempts = ?, next_attempt_at = NULL WHERE message_id = ? AND idx = ?`,
  );
  const insertGc = db.prepare<[string]>('INSERT OR IGNORE INTO attachment_files_gc (file_id) SELECT value FROM json_each(?)');
  // Newest first by (sent_at, seq, idx); the cursor is the last item of the previous page.
  const selectGallery = db.prepare<
    { conversationId: string; media: number; beforeId: string | null; beforeIdx: number; limit: number },
    RawRecord & { sent_at: number; sender: string }
  >(
    `SELECT ${columnsOf('a')}, m.sent_at, m.sender FROM messages AS m JOIN attachments AS a ON a.message_id = m.id
      WHERE m.conversation_id = @conversationId AND a.idx < ${LINK_PREVIEW_ATTACHMENT_INDEX}
        AND ((a.content_type LIKE 'image/%' OR a.content_type LIKE 'video/%') = (@media = 1))
        AND (@beforeId IS NULL OR (m.sent_at, m.seq, a.idx) < (SELECT b.sent_at, b.seq, @beforeIdx FROM messages AS b WHERE b.id = @beforeId))
      ORDER BY m.sent_at DESC, m.seq DESC, a.idx DESC LIMIT @limit`,
  );
  // LIKE on the JSON list: the stored form is written by messageStore (JSON.stringify of part names).
  const selectCandidates = db.prepare<
    [number, number],
    { seq: number; id: string; sender: string; sent_at: number; direction: 'incoming' | 'outgoing'; content: Buffer | null; unsupported: string }
  >(
    `SELECT seq, id, sender, sent_at, direction, content, unsupported FROM messages
      WHERE seq > ? AND unsupported LIKE '%"attachments"%' ORDER BY seq LIMIT ?`,
  );
  const updateUnsupported = db.prepare<[string | null, string]>('UPDATE messages SET unsupported = ? WHERE id = ?');
  const selectCursor = db.prepare<[string], { last_seq: number }>('SELECT last_seq FROM consumer_cursors WHERE consumer = ?');
  const upsertCursor = db.prepare<[string, number]>(
    'INSERT INTO consumer_cursors (consumer, last_seq) VALUES (?, ?) ON CONFLICT(consumer) DO UPDATE SET last_seq = excluded.last_seq',
  );
  const selectMaxSeq = db.prepare<[], { m: number | null }>('SELECT max(seq) AS m FROM messages');

  return {
    insertReceived(messageId, rows) {
      for (const r of rows) {
        insert.run({
          messageId,
          idx: r.idx,
          fileName: r.fileName ?? null,
          contentType: r.contentType,
          size: r.size,
          width: r.width ?? null,
          height: r.height ?? null,
          flags: r.flags,
          caption: r.caption ?? null,
          url: r.url ?? null,
          remoteKey: buf(r.remoteKey),
          digest: buf(r.digest),
          state: r.state,
          error: r.error ?? null,
        });
      }
    },
    get(messageId, idx) {
      const r = selectOne.get(messageId, idx);
      return r ? toRecord(r) : undefined;
    },
    forMessage: (messageId) => selectForMessage.all(messageId).map(toRecord),
    forMessages(messageIds) {
      const out = new Map<string, AttachmentRow[]>();
      if (messageIds.length === 0) return out;
      for (const r of selectForMessages.all(JSON.stringify(messageIds))) {
        const rec = toRecord(r);
        const list = out.get(rec.messageId);
        if (list) list.push(rec);
        else out.set(rec.messageId, [rec]);
      }
      return out;
    },
    autoDownloadSenders: (ids) => (ids.length === 0 ? new Set() : new Set(selectAutoSenders.all(JSON.stringify(ids)).map((r) => r.session_id))),
    trustSender: (sender) => updateTrust.run(sender).changes > 0,
    queueMessage: (messageId, idx, now) => (idx === undefined ? queueAll.run({ messageId, now }).changes : queueOne.run({ messageId, idx, now }).changes),
    queueSender: (sender, now) => [...new Set(queueBySender.all({ sender, now }).map((r) => r.message_id))],
    queueSenderUpTo: (sender, max, now) => [...new Set(queueBySenderUpTo.all({ sender, max, now }).map((r) => r.message_id))],
    resumeInterrupted: () => resume.run().changes,
    due(now, limit, skip) {
      // Rows in flight are still 'downloading', so `skip` only guards the short window before that write.
      return selectDue
        .all(now, limit + skip.size)
        .map(toRecord)
        .filter((r) => !skip.has(`${r.messageId}:${r.index}`))
        .slice(0, limit);
    },
    nextRetryAt: () => selectNextRetry.get()?.t ?? undefined,
    markDownloading: (messageId, idx) => updateDownloading.run(messageId, idx).changes > 0,
    markDownloaded: (messageId, idx, f) =>
      updateDownloaded.run({
        messageId,
        idx,
        contentType: f.contentType,
        fileId: f.fileId,
        fileKey: buf(f.fileKey) as Buffer,
        thumbId: f.thumbId ?? null,
        thumbKey: buf(f.thumbKey),
        sha256: buf(f.sha256) as Buffer,
        width: f.width ?? null,
        height: f.height ?? null,
        durationMs: f.durationMs ?? null,
      }).changes > 0,
    setPoster: (messageId, idx, p) =>
      updatePoster.run({ messageId, idx, thumbId: p.thumbId, thumbKey: buf(p.thumbKey) as Buffer, width: p.width, height: p.height }).changes > 0,
    setDuration: (messageId, idx, durationMs) => updateDuration.run(durationMs, messageId, idx).changes > 0,
    reschedule(messageId, idx, attempts, at, error) {
      updateReschedule.run(attempts, at, error, messageId, idx);
    },
    finish(messageId, idx, state, error, attempts) {
      updateFinish.run(state, error, attempts, messageId, idx);
    },
    releaseFiles(fileIds) {
      if (fileIds.length > 0) insertGc.run(JSON.stringify(fileIds));
    },
    gallery: (conversationId, kind, before, limit) =>
      selectGallery
        .all({ conversationId, media: kind === 'media' ? 1 : 0, beforeId: before?.messageId ?? null, beforeIdx: before?.index ?? 0, limit })
        .map((r) => ({ record: toRecord(r), sentAt: r.sent_at, sender: r.sender })),

    backfillCandidates: (afterSeq, limit) =>
      selectCandidates.all(afterSeq, limit).map((r) => ({
        seq: r.seq,
        id: r.id,
        sender: r.sender,
        sentAt: r.sent_at,
        direction: r.direction,
        content: r.content ? new Uint8Array(r.content) : null,
        unsupported: r.unsupported,
      })),
    setUnsupported(messageId, unsupported) {
      updateUnsupported.run(unsupported, messageId);
    },
    backfillCursor: () => selectCursor.get(BACKFILL_CONSUMER)?.last_seq ?? 0,
    setBackfillCursor(seq) {
      upsertCursor.run(BACKFILL_CONSUMER, seq);
    },
    maxSeq: () => selectMaxSeq.get()?.m ?? 0,
  };
}
