// What the UI and the CLI do with attachments once they are rows: download now (and trust a sender's
// attachments from now on), read the decrypted bytes or the thumbnail in chunks, name a file for saving, and
// list a conversation's media and files. Reads decrypt a file once and keep the last few briefly, so the
// chunks of one file do not decrypt it again each time.
import { MEDIA_CHUNK_BYTES, type AttachmentSaveResult, type GalleryItem, type MessageView } from '../../ipc/contract';
import { IpcError } from '../../ipc/errors';
import type { AttachmentQueue } from '../db/attachmentQueue';
import { toAttachmentView, type AttachmentRow, type TransferProgress } from '../db/attachmentStore';
import type { MessageStore } from '../db/messageStore';
import type { EventBus } from '../events';
import { fileNameForSave } from '../media/fileNames';
import { mediaDurationMs } from '../media/mediaDuration';
import { FileStoreError, type FileStore } from '../media/fileStore';
import type { Downloader } from './downloader';

/** What a poster frame may be (a canvas encodes these). */
const POSTER_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/webp']);

/** Decrypted files kept for chunked reads. */
export const READ_CACHE_FILES = 4;
/** How long a decrypted file stays in the cache after its last read (ms). */
export const READ_CACHE_TTL_MS = 30_000;

export interface ReadChunk {
  dataBase64: string;
  offset: number;
  total: number;
  contentType: string;
}

export interface ReceivedMedia {
  download(p: { messageId: string; index?: number; trustSender?: boolean }): MessageView;
  read(p: { messageId: string; index: number; variant?: 'full' | 'thumbnail'; offset?: number }): ReadChunk;
  /** The whole decrypted file with its save name and type (the CLI's download, the Electron Save dialog). */
  readAll(messageId: string, index: number): { bytes: Uint8Array; fileName: string; contentType: string };
  save(p: { messageId: string; index: number }): AttachmentSaveResult;
  /**
   * Stores a poster frame for a video that has a local copy and no preview yet. Node has no video
   * decoder here, so the renderer draws a frame of the video (from the bytes this service serves) and
   * hands it over; it is taken only if it decodes as a picture, and is re-encoded as the thumbnail, so
   * the timeline, the gallery and the CLI read a small picture instead of the whole video.
   */
  setPoster(p: { messageId: string; index: number; dataBase64: string; width: number; height: number }): Promise<MessageView>;
  /**
   * We accepted `sender`'s message request: their attachments waiting for a click are downloaded now, up to
   * the automatic-download size, as for any accepted contact.
   */
  senderAccepted(sender: string): void;
  gallery(p: { conversationId: string; kind: 'media' | 'files'; before?: { messageId: string; index: number }; limit?: number }): { items: GalleryItem[]; hasMore: boolean };
}

export function createReceivedMedia(d: {
  queue: AttachmentQueue;
  messages: Pick<MessageStore, 'get'>;
  files: Pick<FileStore, 'read' | 'write' | 'delete'>;
  downloader: Pick<Downloader, 'kick'>;
  progress: TransferProgress;
  events: EventBus;
  now: () => number;
  sniffContentType: (bytes: Uint8Array) => string;
  /** Re-encodes a picture as a thumbnail (media/image.ts); undefined when it does not decode. */
  makeThumbnail: (bytes: Uint8Array) => Promise<{ bytes: Uint8Array } | undefined>;
  /** The automatic-download size limit (bytes). */
  autoDownloadMaxBytes: number;
}): ReceivedMedia {
  const cache = new Map<string, { bytes: Uint8Array; at: number }>();

  const decrypted = (fileId: string, fileKey: Uint8Array): Uint8Array => {
    const now = d.now();
    for (const [id, e] of cache) if (now - e.at > READ_CACHE_TTL_MS) cache.delete(id);
    const hit = cache.get(fileId);
    if (hit) {
      // Most recently used last.
      cache.delete(fileId);
      cache.set(fileId, { bytes: hit.bytes, at: now });
      return hit.bytes;
    }
    let bytes: Uint8Array;
    try {
      bytes = d.files.read(fileId, fileKey);
    } catch (err) {
      if (err instanceof FileStoreError) throw new IpcError('not_found', 'The downloaded file is missing or damaged on this device; download it again.', err.message);
      throw err;
    }
    cache.set(fileId, { bytes, at: now });
    while (cache.size > READ_CACHE_FILES) cache.delete(cache.keys().next().value as string);
    return bytes;
  };

  const messageOf = (messageId: string): MessageView => {
    const m = d.messages.get(messageId);
    if (!m) throw new IpcError('not_found', 'This message no longer exists.');
    return m;
  };
  const rowOf = (messageId: string, index: number): AttachmentRow => {
    messageOf(messageId);
    const row = d.queue.get(messageId, index);
    if (!row) throw new IpcError('not_found', `This message has no attachment ${index + 1}.`);
    return row;
  };
  // Any row with a local copy reads: received ones once downloaded, ours while uploading or after a failed upload.
  const downloadedFile = (row: AttachmentRow): { fileId: string; fileKey: Uint8Array } => {
    if (row.fileId === null || row.fileKey === null) {
      throw new IpcError('unavailable', row.state === 'expired' ? 'This file has expired and cannot be opened.' : 'This attachment is not downloaded yet.');
    }
    return { fileId: row.fileId, fileKey: row.fileKey };
  };

  return {
    download({ messageId, index, trustSender }) {
      const message = messageOf(messageId);
      if (index !== undefined) rowOf(messageId, index);
      const now = d.now();
      const touched = new Set<string>();
      if (trustSender && message.direction === 'incoming') {
        d.queue.trustSender(message.sender);
        for (const id of d.queue.queueSender(message.sender, now)) touched.add(id);
      }
      if (d.queue.queueMessage(messageId, index, now) > 0) touched.add(messageId);
      if (touched.size > 0) {
        d.downloader.kick();
        const views = [...touched].flatMap((id) => d.messages.get(id) ?? []);
        d.events.emit('messages.updated', { messages: views });
      }
      return messageOf(messageId);
    },
    senderAccepted(sender) {
      const ids = d.queue.queueSenderUpTo(sender, d.autoDownloadMaxBytes, d.now());
      if (ids.length === 0) return;
      d.downloader.kick();
      d.events.emit('messages.updated', { messages: ids.flatMap((id) => d.messages.get(id) ?? []) });
    },
    read({ messageId, index, variant = 'full', offset = 0 }) {
      const row = rowOf(messageId, index);
      let bytes: Uint8Array;
      let contentType: string;
      if (variant === 'thumbnail') {
        if (row.thumbId === null || row.thumbKey === null) throw new IpcError('not_found', 'This attachment has no preview.');
        bytes = decrypted(row.thumbId, row.thumbKey);
        contentType = d.sniffContentType(bytes);
      } else {
        const f = downloadedFile(row);
        bytes = decrypted(f.fileId, f.fileKey);
        contentType = row.contentType;
        // Audio and video stored before durations were read from the files get theirs when first played.
        if (offset === 0 && row.durationMs === null && /^(audio|video)\//i.test(contentType)) {
          const ms = mediaDurationMs(bytes, contentType);
          if (ms !== undefined && d.queue.setDuration(messageId, index, ms)) {
            const view = d.messages.get(messageId);
            if (view) d.events.emit('messages.updated', { messages: [view] });
          }
        }
      }
      if (offset > bytes.length) throw new IpcError('invalid_params', `Offset ${offset} is past the end of the file (${bytes.length} bytes).`);
      const slice = bytes.subarray(offset, Math.min(bytes.length, offset + MEDIA_CHUNK_BYTES));
      return { dataBase64: Buffer.from(slice.buffer, slice.byteOffset, slice.byteLength).toString('base64'), offset, total: bytes.length, contentType };
    },
    async setPoster({ messageId, index, dataBase64, width, height }) {
      const row = rowOf(messageId, index);
      if (!row.contentType.toLowerCase().startsWith('video/')) throw new IpcError('invalid_params', 'Only a video takes a poster frame.');
      downloadedFile(row);
      // One poster per video, the first one made: a second capture (another window, a reload) changes nothing.
      if (row.thumbId !== null) return messageOf(messageId);
      const frame = new Uint8Array(Buffer.from(dataBase64, 'base64'));
      if (!POSTER_TYPES.has(d.sniffContentType(frame))) throw new IpcError('invalid_params', 'The poster frame is not a PNG, JPEG or WebP picture.');
      const thumb = await d.makeThumbnail(frame);
      if (!thumb) throw new IpcError('invalid_params', 'The poster frame could not be decoded as a picture.');
      const stored = d.files.write(thumb.bytes);
      if (!d.queue.setPoster(messageId, index, { thumbId: stored.fileId, thumbKey: stored.fileKey, width, height })) {
        // Deleted meanwhile, or another capture came first.
        d.files.delete(stored.fileId);
        return messageOf(messageId);
      }
      const view = messageOf(messageId);
      d.events.emit('messages.updated', { messages: [view] });
      return view;
    },
    readAll(messageId, index) {
      const row = rowOf(messageId, index);
      const f = downloadedFile(row);
      return { bytes: decrypted(f.fileId, f.fileKey), fileName: fileNameForSave(row.fileName, row.contentType), contentType: row.contentType };
    },
    save({ messageId, index }) {
      const row = rowOf(messageId, index);
      downloadedFile(row);
      return { outcome: 'renderer', fileName: fileNameForSave(row.fileName, row.contentType), contentType: row.contentType };
    },
    gallery({ conversationId, kind, before, limit = 50 }) {
      const rows = d.queue.gallery(conversationId, kind, before, limit + 1);
      const items = rows.slice(0, limit).map((r) => ({
        messageId: r.record.messageId,
        timestamp: r.sentAt,
        sender: r.sender,
        attachment: toAttachmentView(r.record, d.progress),
      }));
      return { items, hasMore: rows.length > limit };
    },
  };
}
