// Uploads a sent message's attachments before the outbox encodes it (spec messaging §6.6): each one not
// uploaded yet is read from the at-rest store, encrypted with the legacy scheme under a fresh key and IV,
// uploaded to the network's file server with progress, and its pointer (URL, key, digest) stored in its
// row. What is already uploaded is never uploaded again, so a retry sends only what is missing.
import type { MessageView } from '../../ipc/contract';
import { buildAttachmentPointer, encryptAttachment, encryptAttachmentWithKey, type AttachmentPointerProps } from '../../protocol';
import { LINK_PREVIEW_ATTACHMENT_INDEX } from '../db/messageExtras';
import { NetworkError } from '../../network';
import { VOICE_MESSAGE_FLAG, type AttachmentRow, type AttachmentStore, type TransferProgress } from '../db/attachmentStore';
import { FileStoreError, type FileStore } from '../media/fileStore';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import type { EngineNetwork } from './engineNetwork';
import { crashPoint } from '../crashPoint';

/** At most this many progress updates per second and message reach the UI. */
export const PROGRESS_EVENTS_PER_SECOND = 4;

/** An upload that cannot succeed by trying again (the local copy is gone or damaged, no file server). */
export class AttachmentUploadError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'AttachmentUploadError';
  }
}

export interface AttachmentUploadDeps {
  attachments: AttachmentStore;
  files: FileStore;
  progress: TransferProgress;
  events: EventBus;
  log: Logger;
  now: () => number;
  randomBytes: (n: number) => Uint8Array;
}

/** The pointer of an uploaded attachment row (spec §6.6 step 6). */
export function pointerOf(row: AttachmentRow): AttachmentPointerProps {
  if (row.url === null || row.remoteKey === null) throw new AttachmentUploadError('An attachment was not uploaded.', false, `${row.messageId}/${row.index} has no pointer`);
  return buildAttachmentPointer({
    url: row.url,
    key: row.remoteKey,
    ...(row.digest !== null ? { digest: row.digest } : {}),
    size: row.size,
    contentType: row.contentType,
    ...(row.fileName !== null ? { fileName: row.fileName } : {}),
    voice: (row.flags & VOICE_MESSAGE_FLAG) !== 0,
    ...(row.width !== null ? { width: row.width } : {}),
    ...(row.height !== null ? { height: row.height } : {}),
    ...(row.caption !== null ? { caption: row.caption } : {}),
    deprecatedId: deprecatedIdOf(row.url),
  });
}

/** The numeric file id the official apps put in `deprecated_id` when the server's id is a number; else 0. */
function deprecatedIdOf(url: string): number {
  const m = /\/file\/(\d{1,15})(?:[#?]|$)/.exec(url);
  return m ? Number(m[1]) : 0;
}

// --- link previews (begin) ---
/** The legacy scheme without size padding, for link-preview images (same key and IV sizes as attachments). */
export function encryptUnpadded(plaintext: Uint8Array, randomBytes: (n: number) => Uint8Array): ReturnType<typeof encryptAttachment> {
  if (plaintext.length === 0) throw new AttachmentUploadError('The link preview image is empty.', true);
  return encryptAttachmentWithKey(plaintext, randomBytes(64), randomBytes(16), false);
}
// --- link previews (end) ---

/**
 * Uploads every attachment of `messageId` that has no pointer yet, in order. Throws NetworkError or
 * AttachmentUploadError on the first failure (what was uploaded before it stays uploaded).
 * `message` reads the current view for progress events (undefined once the message is deleted).
 */
export async function uploadMissingAttachments(
  d: AttachmentUploadDeps & { network: EngineNetwork; message: () => MessageView | undefined },
  messageId: string,
  signal?: AbortSignal,
): Promise<void> {
  const pending = d.attachments.forMessage(messageId).filter((r) => r.url === null);
  if (pending.length === 0) return;
  const network = d.network;
  if (!network.uploadFile) throw new AttachmentUploadError('Attachments cannot be sent on this network: it has no file server.', true);
  let lastEvent = 0;
  const emitProgress = (force: boolean): void => {
    const t = d.now();
    if (!force && t - lastEvent < 1000 / PROGRESS_EVENTS_PER_SECOND) return;
    lastEvent = t;
    const view = d.message();
    if (view) d.events.emit('messages.updated', { messages: [view] });
  };
  try {
    for (const row of pending) {
      // Deleted meanwhile: nothing is left to send (its files are being swept).
      if (!d.message()) throw new NetworkError('aborted', { detail: 'message deleted during upload' });
      if (row.fileId === null || row.fileKey === null) throw new AttachmentUploadError('An attachment of this message is missing; send it again.', true, 'no local copy');
      let plaintext: Uint8Array;
      try {
        plaintext = d.files.read(row.fileId, row.fileKey);
      } catch (err) {
        if (err instanceof FileStoreError) throw new AttachmentUploadError('An attachment of this message could not be read from disk; send it again.', true, err.message);
        throw err;
      }
      // --- link previews (begin) ---
      // A link-preview image is uploaded without size padding (spec messaging §6.3, §6.6 step 1).
      const encrypted =
        row.index === LINK_PREVIEW_ATTACHMENT_INDEX ? encryptUnpadded(plaintext, d.randomBytes) : encryptAttachment(plaintext, d.randomBytes);
      // --- link previews (end) ---
      d.progress.set(messageId, row.index, 0);
      // Called as a method: the network client's upload uses its own state.
      const uploaded = await network.uploadFile(encrypted.blob, {
        onProgress: (done, total) => {
          d.progress.set(messageId, row.index, done / (total ?? encrypted.blob.length));
          emitProgress(false);
        },
        ...(signal ? { signal } : {}),
      });
      if (signal?.aborted) throw new NetworkError('aborted');
      crashPoint('upload.stored');
      // Our own copy is here: once uploaded, the attachment is as good as downloaded.
      d.attachments.update(messageId, row.index, { url: uploaded.url, remoteKey: encrypted.key, digest: encrypted.digest, state: 'downloaded', error: null });
      d.progress.clear(messageId, row.index);
      emitProgress(true);
    }
  } finally {
    d.progress.clear(messageId);
  }
}
