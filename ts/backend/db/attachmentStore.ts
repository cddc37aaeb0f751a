// SQL for attachment rows (migration 9's `attachments`): one row per attachment of a message, with its
// pointer, transfer state and local encrypted copy. Message views get their attachments through
// `attachViews`, one query per batch of messages. Transfer progress is kept in memory (TransferProgress),
// never written to SQLite on every chunk; the mapper reads it.
import type { AttachmentState, AttachmentView, MessageView } from '../../ipc/contract';
import type { Db } from './database';
import { LINK_PREVIEW_ATTACHMENT_INDEX as LINK_PREVIEW_INDEX } from './messageExtras';

/** AttachmentPointer flag: a voice message (spec messaging §6.6). */
export const VOICE_MESSAGE_FLAG = 1;

/** An attachment row as SQLite returns it (exported for queries written elsewhere). */
export interface RawAttachmentRow {
  message_id: string;
  idx: number;
  file_name: string | null;
  content_type: string;
  size: number;
  width: number | null;
  height: number | null;
  duration_ms: number | null;
  flags: number;
  caption: string | null;
  url: string | null;
  remote_key: Buffer | null;
  digest: Buffer | null;
  state: AttachmentState;
  error: string | null;
  attempts: number;
  next_attempt_at: number | null;
  file_id: string | null;
  file_key: Buffer | null;
  thumb_id: string | null;
  thumb_key: Buffer | null;
  sha256: Buffer | null;
}

/** Every column of RawAttachmentRow, for SELECTs (prefix with an alias through attachmentColumnsOf for joins). */
export const ATTACHMENT_COLUMNS =
  'message_id, idx, file_name, content_type, size, width, height, duration_ms, flags, caption, url, remote_key, digest, state, error, attempts, next_attempt_at, file_id, file_key, thumb_id, thumb_key, sha256';
export const attachmentColumnsOf = (alias: string): string =>
  ATTACHMENT_COLUMNS.split(', ')
    .map((c) => `${alias}.${c}`)
    .join(', ');

/** The batched statement (exported so a test can check its query plan). */
export const ATTACHMENTS_OF_MESSAGES_SQL = `SELECT ${ATTACHMENT_COLUMNS} FROM attachments WHERE message_id IN (SELECT value FROM json_each(?)) ORDER BY message_id, idx`;

/** An attachment row with bytes as Uint8Array. */
export interface AttachmentRow {
  messageId: string;
  index: number;
  fileName: string | null;
  contentType: string;
  size: number;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  flags: number;
  caption: string | null;
  url: string | null;
  remoteKey: Uint8Array | null;
  digest: Uint8Array | null;
  state: AttachmentState;
  error: string | null;
  attempts: number;
  nextAttemptAt: number | null;
  fileId: string | null;
  fileKey: Uint8Array | null;
  thumbId: string | null;
  thumbKey: Uint8Array | null;
  sha256: Uint8Array | null;
}

/** What an insert takes: the identity, type, size and state; everything else optional. */
export type NewAttachment = Pick<AttachmentRow, 'messageId' | 'index' | 'contentType' | 'size' | 'state'> &
  Partial<Omit<AttachmentRow, 'messageId' | 'index' | 'contentType' | 'size' | 'state'>>;

/** Columns an update may set (null clears). */
export type AttachmentPatch = Partial<Omit<AttachmentRow, 'messageId' | 'index'>>;

const PATCH_COLUMNS: Readonly<Record<keyof AttachmentPatch, string>> = {
  fileName: 'file_name',
  contentType: 'content_type',
  size: 'size',
  width: 'width',
  height: 'height',
  durationMs: 'duration_ms',
  flags: 'flags',
  caption: 'caption',
  url: 'url',
  remoteKey: 'remote_key',
  digest: 'digest',
  state: 'state',
  error: 'error',
  attempts: 'attempts',
  nextAttemptAt: 'next_attempt_at',
  fileId: 'file_id',
  fileKey: 'file_key',
  thumbId: 'thumb_id',
  thumbKey: 'thumb_key',
  sha256: 'sha256',
};

const bytesOf = (b: Buffer | null): Uint8Array | null => (b === null ? null : new Uint8Array(b));
/** Zero-copy view of bytes as the Buffer SQLite binds as a BLOB. */
const blobOf = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
type Bindable = string | number | bigint | Buffer | null;
const bind = (v: unknown): Bindable => (v instanceof Uint8Array ? blobOf(v) : v === undefined ? null : (v as Bindable));

export function fromRawAttachment(r: RawAttachmentRow): AttachmentRow {
  return {
    messageId: r.message_id,
    index: r.idx,
    fileName: r.file_name,
    contentType: r.content_type,
    size: r.size,
    width: r.width,
    height: r.height,
    durationMs: r.duration_ms,
    flags: r.flags,
    caption: r.caption,
    url: r.url,
    remoteKey: bytesOf(r.remote_key),
    digest: bytesOf(r.digest),
    state: r.state,
    error: r.error,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    fileId: r.file_id,
    fileKey: bytesOf(r.file_key),
    thumbId: r.thumb_id,
    thumbKey: bytesOf(r.thumb_key),
    sha256: bytesOf(r.sha256),
  };
}

/** In-memory progress of running transfers (0..1), keyed by message and index. */
export interface TransferProgress {
  set(messageId: string, index: number, fraction: number): void;
  get(messageId: string, index: number): number | undefined;
  /** Forgets one attachment's progress, or all of a message's. */
  clear(messageId: string, index?: number): void;
}

export function createTransferProgress(): TransferProgress {
  const byMessage = new Map<string, Map<number, number>>();
  return {
    set(messageId, index, fraction) {
      let m = byMessage.get(messageId);
      if (!m) byMessage.set(messageId, (m = new Map()));
      m.set(index, Math.min(1, Math.max(0, fraction)));
    },
    get: (messageId, index) => byMessage.get(messageId)?.get(index),
    clear(messageId, index) {
      if (index === undefined) {
        byMessage.delete(messageId);
        return;
      }
      const m = byMessage.get(messageId);
      m?.delete(index);
      if (m?.size === 0) byMessage.delete(messageId);
    },
  };
}

/** The contract's view of a row; progress shows only while a transfer runs. */
export function toAttachmentView(r: AttachmentRow | RawAttachmentRow, progress?: TransferProgress): AttachmentView {
  const row = 'message_id' in r ? fromRawAttachment(r) : r;
  const v: AttachmentView = {
    index: row.index,
    contentType: row.contentType,
    size: row.size,
    voice: (row.flags & VOICE_MESSAGE_FLAG) !== 0,
    state: row.state,
    hasThumbnail: row.thumbId !== null,
  };
  if (row.fileName !== null) v.fileName = row.fileName;
  if (row.width !== null) v.width = row.width;
  if (row.height !== null) v.height = row.height;
  if (row.durationMs !== null) v.durationMs = row.durationMs;
  if (row.caption !== null) v.caption = row.caption;
  if (row.error !== null) v.error = row.error;
  if (row.state === 'uploading' || row.state === 'downloading') {
    const p = progress?.get(row.messageId, row.index);
    if (p !== undefined) v.progress = p;
  }
  return v;
}

/**
 * A scalar subquery giving the view columns of one message's attachments as a JSON array (in order), for
 * statements that must stay one statement (the conversation list); NULL when it has none. `messageId` is
 * the SQL expression of the message's id. Read it with attachmentViewsFromJson.
 */
export const attachmentViewsJsonSql = (messageId: string): string =>
  `(SELECT json_group_array(json_array(a.idx, a.file_name, a.content_type, a.size, a.width, a.height, a.duration_ms, a.flags,
      a.caption, a.state, a.error, a.thumb_id IS NOT NULL) ORDER BY a.idx) FROM attachments a WHERE a.message_id = ${messageId} AND a.idx < ${LINK_PREVIEW_INDEX}
      HAVING count(*) > 0)`;

type JsonViewTuple = [number, string | null, string, number, number | null, number | null, number | null, number, string | null, AttachmentState, string | null, number];

/** The views of attachmentViewsJsonSql's array (written by SQLite from our own rows). */
export function attachmentViewsFromJson(json: string, messageId: string, progress?: TransferProgress): AttachmentView[] {
  const tuples = JSON.parse(json) as JsonViewTuple[];
  return tuples.map(([index, fileName, contentType, size, width, height, durationMs, flags, caption, state, error, hasThumb]) =>
    toAttachmentView(
      {
        messageId,
        index,
        fileName,
        contentType,
        size,
        width,
        height,
        durationMs,
        flags,
        caption,
        state,
        error,
        thumbId: hasThumb ? '' : null,
        url: null,
        remoteKey: null,
        digest: null,
        attempts: 0,
        nextAttemptAt: null,
        fileId: null,
        fileKey: null,
        thumbKey: null,
        sha256: null,
      },
      progress,
    ),
  );
}

export interface AttachmentStore {
  insertMany(rows: readonly NewAttachment[]): void;
  get(messageId: string, index: number): AttachmentRow | undefined;
  /** A message's attachments in order. */
  forMessage(messageId: string): AttachmentRow[];
  /** The attachments of many messages in one query, in order per message; messages without any are absent. */
  forMessages(messageIds: readonly string[]): Map<string, AttachmentRow[]>;
  /** Sets the given columns of one row; returns whether it exists. */
  update(messageId: string, index: number, patch: AttachmentPatch): boolean;
  /** Our attachments not uploaded yet become `failed` with `error` (their message failed). */
  failUploads(messageId: string, error: string): number;
  /** Our failed, not uploaded attachments go back to `uploading` (the message is retried). */
  resumeUploads(messageId: string): number;
  /** Gives every view of `views` its attachments (one query), in place; returns `views`. */
  attachViews<T extends MessageView>(views: T[]): T[];
}

export function createAttachmentStore(db: Db, progress?: TransferProgress): AttachmentStore {
  // Prepared on first use: the message stores build one even on an older schema (migration tests).
  const lazy = <T>(make: () => T): (() => T) => {
    let v: T | undefined;
    return () => (v ??= make());
  };
  const insert = lazy(() =>
    db.prepare<Record<string, Bindable>>(
      `INSERT INTO attachments (${ATTACHMENT_COLUMNS}) VALUES (@message_id, @idx, @file_name, @content_type, @size, @width, @height,
         @duration_ms, @flags, @caption, @url, @remote_key, @digest, @state, @error, @attempts, @next_attempt_at, @file_id, @file_key,
         @thumb_id, @thumb_key, @sha256)`,
    ),
  );
  const selectOne = lazy(() => db.prepare<[string, number], RawAttachmentRow>(`SELECT ${ATTACHMENT_COLUMNS} FROM attachments WHERE message_id = ? AND idx = ?`));
  const selectForMessage = lazy(() => db.prepare<[string], RawAttachmentRow>(`SELECT ${ATTACHMENT_COLUMNS} FROM attachments WHERE message_id = ? ORDER BY idx`));
  /** One statement for a whole page: the primary key (message_id, idx) finds each message's rows. */
  const selectForMessages = lazy(() => db.prepare<[string], RawAttachmentRow>(ATTACHMENTS_OF_MESSAGES_SQL));
  const failUploads = lazy(() =>
    db.prepare<[string, string]>(`UPDATE attachments SET state = 'failed', error = ? WHERE message_id = ? AND url IS NULL AND state = 'uploading'`),
  );
  const resumeUploads = lazy(() =>
    db.prepare<[string]>(`UPDATE attachments SET state = 'uploading', error = NULL WHERE message_id = ? AND url IS NULL AND state = 'failed'`),
  );
  const updates = new Map<string, ReturnType<typeof db.prepare<Record<string, Bindable>>>>();

  const forMessages = (ids: readonly string[]): Map<string, AttachmentRow[]> => {
    const out = new Map<string, AttachmentRow[]>();
    if (ids.length === 0) return out;
    for (const r of selectForMessages().all(JSON.stringify(ids))) {
      const row = fromRawAttachment(r);
      const list = out.get(row.messageId);
      if (list) list.push(row);
      else out.set(row.messageId, [row]);
    }
    return out;
  };

  return {
    insertMany(rows) {
      for (const r of rows) {
        insert().run({
          message_id: r.messageId,
          idx: r.index,
          file_name: r.fileName ?? null,
          content_type: r.contentType,
          size: r.size,
          width: r.width ?? null,
          height: r.height ?? null,
          duration_ms: r.durationMs ?? null,
          flags: r.flags ?? 0,
          caption: r.caption ?? null,
          url: r.url ?? null,
          remote_key: bind(r.remoteKey),
          digest: bind(r.digest),
          state: r.state,
          error: r.error ?? null,
          attempts: r.attempts ?? 0,
          next_attempt_at: r.nextAttemptAt ?? null,
          file_id: r.fileId ?? null,
          file_key: bind(r.fileKey),
          thumb_id: r.thumbId ?? null,
          thumb_key: bind(r.thumbKey),
          sha256: bind(r.sha256),
        });
      }
    },
    get(messageId, index) {
      const r = selectOne().get(messageId, index);
      return r ? fromRawAttachment(r) : undefined;
    },
    forMessage: (messageId) => selectForMessage().all(messageId).map(fromRawAttachment),
    forMessages,
    update(messageId, index, patch) {
      const keys = (Object.keys(patch) as (keyof AttachmentPatch)[]).filter((k) => patch[k] !== undefined).sort();
      if (keys.length === 0) return selectOne().get(messageId, index) !== undefined;
      const sig = keys.join(',');
      let stmt = updates.get(sig);
      if (!stmt) {
        stmt = db.prepare<Record<string, Bindable>>(
          `UPDATE attachments SET ${keys.map((k) => `${PATCH_COLUMNS[k]} = @${k}`).join(', ')} WHERE message_id = @messageId AND idx = @index`,
        );
        updates.set(sig, stmt);
      }
      const params: Record<string, Bindable> = { messageId, index };
      for (const k of keys) params[k] = bind(patch[k]);
      return stmt.run(params).changes === 1;
    },
    failUploads: (messageId, error) => failUploads().run(error, messageId).changes,
    resumeUploads: (messageId) => resumeUploads().run(messageId).changes,
    attachViews(views) {
      if (views.length === 0) return views;
      const rows = forMessages(views.map((v) => v.id));
      if (rows.size === 0) return views;
      for (const v of views) {
        const list = rows.get(v.id);
        if (!list) continue;
        // --- link previews (begin) ---
        // Row 32 is the link-preview image: it shows on the preview, never among the attachments.
        const image = list.find((r) => r.index === LINK_PREVIEW_INDEX);
        if (image && v.preview) v.preview.image = toAttachmentView(image, progress);
        const own = image ? list.filter((r) => r.index !== LINK_PREVIEW_INDEX) : list;
        if (own.length > 0) v.attachments = own.map((r) => toAttachmentView(r, progress));
        // --- link previews (end) ---
      }
      return views;
    },
  };
}
