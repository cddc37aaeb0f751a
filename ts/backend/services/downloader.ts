// Downloads received attachments (spec messaging §6.6): takes queued rows a few at a time, fetches the blob
// through the network's file-server client, decrypts it (legacy: MAC, then the required digest; the "S"
// format when the URL has the d fragment, its size checked against the pointer's), sniffs what the bytes are, keeps the plaintext in the encrypted
// attachment store with a thumbnail for images, and marks the row downloaded.
// Guarantees: a file the server no longer has ends 'expired' at once (no retry loop); a MAC or digest
// mismatch or a truncated blob ends 'failed' with the reason (the message stays), and so does a network
// without file server or a blob over its size limit; other network errors are retried with back-off, then 'failed' (attachments.download queues it again); a row left 'downloading' by a
// stop or a crash is queued again at start. Progress lives in memory and goes out as throttled
// 'messages.updated' events; the database is written only when a state changes.
import {
  attachmentPaddedSize,
  decryptAttachmentBlob,
  deterministicEncryptedSize,
  maxBlobBytes,
  parseAttachmentPointer,
  sha256,
  type AttachmentDescriptor,
  type Result,
} from '../../protocol';
import { NetworkError, type NetworkErrorKind } from '../../network';
import type { AttachmentQueue } from '../db/attachmentQueue';
import type { AttachmentRow, TransferProgress } from '../db/attachmentStore';
import type { MessageStore } from '../db/messageStore';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import type { FileStore } from '../media/fileStore';
import { effectiveContentType } from '../media/receivedAttachments';
import { mediaDurationMs } from '../media/mediaDuration';
import type { EngineNetwork } from './engineNetwork';
import { crashPoint } from '../crashPoint';

/** The encrypted-at-rest store the plaintext goes to. */
export type AttachmentFiles = Pick<FileStore, 'write' | 'read'>;

/** The image functions the downloader uses (ts/backend/media/image.ts). */
export interface DownloadImaging {
  sniffContentType(bytes: Uint8Array): string;
  makeThumbnail(bytes: Uint8Array): Promise<{ bytes: Uint8Array; width: number; height: number } | undefined>;
}

export interface DownloadRetryPolicy {
  /** Attempts before a row ends 'failed' (network errors only). */
  maxAttempts: number;
  /** Delay before the second attempt (ms); doubled each time. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_DOWNLOAD_RETRY: DownloadRetryPolicy = { maxAttempts: 5, baseDelayMs: 2_000, maxDelayMs: 5 * 60_000 };
/** Downloads running at once: enough to overlap onion round trips, few enough to leave bandwidth for messages. */
export const DEFAULT_PARALLEL_DOWNLOADS = 3;
/** Least time between two progress events of one attachment (ms). */
export const PROGRESS_INTERVAL_MS = 250;

/** Network failures a retry cannot fix. */
const FINAL_NETWORK_ERRORS: ReadonlySet<NetworkErrorKind> = new Set<NetworkErrorKind>(['not-configured', 'rejected', 'unauthorized']);

export const EXPIRED_MESSAGE = 'This file has expired: the file server no longer has it.';
export const MAC_MISMATCH_MESSAGE = 'This attachment failed its integrity check (MAC mismatch): it was damaged or altered.';
export const DIGEST_MISMATCH_MESSAGE = 'This attachment does not match its fingerprint (digest mismatch): it was damaged or altered.';
export const TRUNCATED_MESSAGE = 'This attachment’s file is incomplete (truncated) and cannot be opened.';
export const UNDECRYPTABLE_MESSAGE = 'This attachment could not be decrypted.';
export const NO_NETWORK_MESSAGE = 'Downloading files is not available on this network.';

export interface Downloader {
  /** Queues rows left 'downloading' and starts working; call when the network runs. */
  start(): void;
  /** Stops taking work and aborts running downloads (they are queued again for the next start). */
  stop(): void;
  /** New queued rows: look now rather than at the next timer. */
  kick(): void;
  /** Settles when nothing is running (tests, shutdown). */
  idle(): Promise<void>;
}

/** Why a decryption failed, as shown on the attachment. */
export function decryptFailureMessage(detail: string | undefined, fallback: string): string {
  switch (detail) {
    case 'bad MAC':
      return MAC_MISMATCH_MESSAGE;
    case 'digest mismatch':
      return DIGEST_MISMATCH_MESSAGE;
    case 'blob too short':
    case 'shorter than its declared size':
    case 'data ended before end of stream':
    case 'end of data without FINAL tag':
      return TRUNCATED_MESSAGE;
    case 'no digest':
      return fallback;
    default:
      return UNDECRYPTABLE_MESSAGE;
  }
}

/**
 * The size a blob for `size` plaintext bytes has as the official apps make it: the S format's exact size,
 * or IV, the padded plaintext in CBC blocks (PKCS#7) and MAC. Used only to tell a cut-off blob apart once
 * decryption failed.
 */
export function expectedBlobBytes(deterministic: boolean, size: number): number {
  return deterministic ? deterministicEncryptedSize(size) : 16 + (Math.floor(attachmentPaddedSize(size) / 16) + 1) * 16 + 32;
}

/** The protocol's checked view of a stored pointer, or why it cannot be downloaded. */
export function descriptorOf(row: Pick<AttachmentRow, 'url' | 'remoteKey' | 'digest' | 'size' | 'contentType'>): Result<AttachmentDescriptor> {
  return parseAttachmentPointer({
    deprecatedId: 0,
    contentType: row.contentType,
    size: row.size,
    ...(row.url !== null ? { url: row.url } : {}),
    ...(row.remoteKey !== null ? { key: row.remoteKey } : {}),
    ...(row.digest !== null ? { digest: row.digest } : {}),
  });
}

export function createDownloader(d: {
  queue: AttachmentQueue;
  /** Its views carry the attachments with `progress`. */
  messages: Pick<MessageStore, 'get'>;
  /** Running transfers' progress, shared with every message view (kept in memory, never in SQLite). */
  progress: TransferProgress;
  events: EventBus;
  log: Logger;
  now: () => number;
  /** The running network client (its downloadFile), or undefined while stopped. */
  network: () => Pick<EngineNetwork, 'downloadFile'> | undefined;
  files: AttachmentFiles;
  imaging: DownloadImaging;
  retry?: Partial<DownloadRetryPolicy>;
  parallel?: number;
  progressIntervalMs?: number;
}): Downloader {
  const retry = { ...DEFAULT_DOWNLOAD_RETRY, ...d.retry };
  const parallel = d.parallel ?? DEFAULT_PARALLEL_DOWNLOADS;
  const progressInterval = d.progressIntervalMs ?? PROGRESS_INTERVAL_MS;
  const key = (messageId: string, idx: number): string => `${messageId}:${idx}`;

  let running = false;
  let controller = new AbortController();
  const inFlight = new Map<string, Promise<void>>();
  const lastProgressEmit = new Map<string, number>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const emit = (messageId: string): void => {
    const view = d.messages.get(messageId);
    if (view) d.events.emit('messages.updated', { messages: [view] });
  };

  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!running) return;
    const next = d.queue.nextRetryAt();
    if (next === undefined) return;
    // Timers fire at most every 24.8 days; a later retry is looked at again then.
    const delay = Math.min(Math.max(0, next - d.now()), 2 ** 31 - 1);
    timer = setTimeout(() => {
      timer = undefined;
      pump();
    }, delay);
    timer.unref?.();
  };

  const finish = (row: AttachmentRow, state: 'failed' | 'expired', message: string, attempts: number): void => {
    d.queue.finish(row.messageId, row.index, state, message, attempts);
  };

  const download = async (row: AttachmentRow, signal: AbortSignal): Promise<void> => {
    const k = key(row.messageId, row.index);
    const attempts = row.attempts + 1;
    const net = d.network();
    if (!net?.downloadFile) {
      finish(row, 'failed', NO_NETWORK_MESSAGE, attempts);
      return;
    }
    const pointer = descriptorOf(row);
    if (!pointer.ok) {
      finish(row, 'failed', pointer.error.message, attempts);
      return;
    }
    const desc = pointer.value;
    let blob: Uint8Array;
    try {
      blob = await net.downloadFile(desc.url, {
        signal,
        maxBytes: maxBlobBytes(desc),
        onProgress: (done, total) => {
          const share = Math.min(1, Math.max(0, done / (total && total > 0 ? total : Math.max(row.size, 1))));
          d.progress.set(row.messageId, row.index, share);
          const now = d.now();
          if (now - (lastProgressEmit.get(k) ?? 0) >= progressInterval) {
            lastProgressEmit.set(k, now);
            emit(row.messageId);
          }
        },
      });
    } catch (err) {
      if (signal.aborted) {
        // Stopped: the row stays 'downloading' and start() queues it again.
        return;
      }
      if (err instanceof NetworkError && err.kind === 'not-found') {
        finish(row, 'expired', EXPIRED_MESSAGE, attempts);
        return;
      }
      const message = err instanceof NetworkError ? err.message : 'The file could not be downloaded.';
      d.log.warn(`downloader: attempt ${attempts} failed (${err instanceof NetworkError ? err.kind : 'error'})`);
      // No file server on this network, or a blob larger than its pointer allows: trying again changes nothing.
      const final = err instanceof NetworkError && FINAL_NETWORK_ERRORS.has(err.kind);
      if (final || attempts >= retry.maxAttempts) finish(row, 'failed', message, attempts);
      else d.queue.reschedule(row.messageId, row.index, attempts, d.now() + Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempts - 1)), message);
      return;
    }
    // Stopped while the last bytes came in: the row stays 'downloading' and the next start fetches it again.
    if (signal.aborted) return;
    const plain = decryptAttachmentBlob(desc, blob);
    if (!plain.ok) {
      // Details name the check that failed (never key material); the person sees which kind of failure. A
      // blob shorter than its pointer's size allows was cut off, whichever check noticed first.
      d.log.warn(`downloader: an attachment failed to decrypt (${plain.error.detail ?? plain.error.kind})`);
      const message = blob.length < expectedBlobBytes(desc.deterministic, desc.size) ? TRUNCATED_MESSAGE : decryptFailureMessage(plain.error.detail, plain.error.message);
      finish(row, 'failed', message, attempts);
      return;
    }
    const bytes = plain.value;
    const contentType = effectiveContentType(d.imaging.sniffContentType(bytes), row.contentType);
    crashPoint('download.fetched');
    const stored = d.files.write(bytes);
    const fileIds = [stored.fileId];
    let thumb: { fileId: string; fileKey: Uint8Array } | undefined;
    if (contentType.startsWith('image/')) {
      const t = await d.imaging.makeThumbnail(bytes);
      if (t) {
        thumb = d.files.write(t.bytes);
        fileIds.push(thumb.fileId);
      }
    }
    if (signal.aborted) {
      d.queue.releaseFiles(fileIds);
      return;
    }
    // Pointers carry no duration: a voice message's (or any audio's or video's) is read from its frames.
    const durationMs = mediaDurationMs(bytes, contentType);
    crashPoint('download.fileWritten');
    const ok = d.queue.markDownloaded(row.messageId, row.index, {
      contentType,
      fileId: stored.fileId,
      fileKey: stored.fileKey,
      ...(thumb ? { thumbId: thumb.fileId, thumbKey: thumb.fileKey } : {}),
      sha256: sha256(bytes),
      ...(durationMs !== undefined ? { durationMs } : {}),
    });
    // The message was deleted meanwhile: its files go to the sweeper.
    if (!ok) d.queue.releaseFiles(fileIds);
  };

  const runOne = (row: AttachmentRow): void => {
    const k = key(row.messageId, row.index);
    if (!d.queue.markDownloading(row.messageId, row.index)) return;
    d.progress.set(row.messageId, row.index, 0);
    emit(row.messageId);
    const signal = controller.signal;
    const job: Promise<void> = download(row, signal)
      .catch((err: unknown) => {
        // A local failure (disk full, store error): shown on the attachment, never retried in a loop.
        d.log.error('downloader: storing an attachment failed', err);
        if (!signal.aborted) d.queue.finish(row.messageId, row.index, 'failed', 'The file could not be saved on this device.', row.attempts + 1);
      })
      .finally(() => {
        // After a stop and a quick restart the same row may run again under the same key: leave that one be.
        if (inFlight.get(k) !== job) return;
        inFlight.delete(k);
        d.progress.clear(row.messageId, row.index);
        lastProgressEmit.delete(k);
        if (!signal.aborted) emit(row.messageId);
        pump();
      });
    inFlight.set(k, job);
  };

  function pump(): void {
    if (!running) return;
    const free = parallel - inFlight.size;
    if (free > 0) {
      for (const row of d.queue.due(d.now(), free, new Set(inFlight.keys()))) runOne(row);
    }
    schedule();
  }

  return {
    start() {
      if (running) return;
      running = true;
      controller = new AbortController();
      const resumed = d.queue.resumeInterrupted();
      if (resumed > 0) d.log.info(`downloader: resuming ${resumed} download(s) interrupted before`);
      pump();
    },
    stop() {
      if (!running) return;
      running = false;
      controller.abort();
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
    kick() {
      pump();
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight.values()]);
    },
  };
}
