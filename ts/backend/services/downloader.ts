// Downloads received attachments (spec messaging §6.6): takes queued rows a few at a time, fetches the blob
// through the network's file-server client, decrypts it (legacy: MAC, then the required digest; the "S"
// format when the URL has the d fragment), sniffs what the bytes are, keeps the plaintext in the encrypted
// attachment store with a thumbnail for images, and marks the row downloaded.
// Guarantees: a file the server no longer has ends 'expired' at once (no retry loop); a MAC or digest
// mismatch or a truncated blob ends 'failed' with the reason (the message stays); other network errors are
// retried with back-off, then 'failed' (attachments.download queues it again); a row left 'downloading' by a
// stop or a crash is queued again at start. Progress lives in memory and goes out as throttled
// 'messages.updated' events; the database is written only when a state changes.
import { attachmentPaddedSize, decryptAttachment, decryptDeterministicAttachment, deterministicEncryptedSize, sha256, type Result } from '../../protocol';
import { NetworkError } from '../../network';
import type { AttachmentQueue, AttachmentRecord } from '../db/attachmentQueue';
import type { MessageStore } from '../db/messageStore';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import { messageViewsWithAttachments } from '../media/messageAttachments';
import { effectiveContentType, isDeterministicUrl, maxBlobBytes } from '../media/receivedAttachments';
import type { EngineNetwork } from './engineNetwork';

/** The encrypted-at-rest store the plaintext goes to (ts/backend/media/fileStore.ts). */
export interface AttachmentFiles {
  /** Encrypts and writes `bytes` under a new id with a new key. */
  write(bytes: Uint8Array): Promise<{ fileId: string; fileKey: Uint8Array }>;
  read(fileId: string, fileKey: Uint8Array): Promise<Uint8Array>;
}

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
  /** A running download's share done (0..1), if any. */
  progress(messageId: string, idx: number): number | undefined;
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
export function expectedBlobBytes(url: string, size: number): number {
  return isDeterministicUrl(url) ? deterministicEncryptedSize(size) : 16 + (Math.floor(attachmentPaddedSize(size) / 16) + 1) * 16 + 32;
}

/** Decrypts a downloaded blob with the scheme its URL names. */
export function decryptDownloaded(row: Pick<AttachmentRecord, 'url' | 'remoteKey' | 'digest' | 'size'>, blob: Uint8Array): Result<Uint8Array> {
  const key = row.remoteKey ?? new Uint8Array(0);
  if (row.url !== null && isDeterministicUrl(row.url)) return decryptDeterministicAttachment(blob, key);
  return decryptAttachment({ blob, key, digest: row.digest, size: row.size });
}

export function createDownloader(d: {
  queue: AttachmentQueue;
  messages: MessageStore;
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
  const progress = new Map<string, number>();
  const lastProgressEmit = new Map<string, number>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const emit = (messageId: string): void => {
    const views = messageViewsWithAttachments({ messages: d.messages, queue: d.queue }, [messageId], (m, i) => progress.get(key(m, i)));
    if (views.length > 0) d.events.emit('messages.updated', { messages: views });
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

  const finish = (row: AttachmentRecord, state: 'failed' | 'expired', message: string, attempts: number): void => {
    d.queue.finish(row.messageId, row.idx, state, message, attempts);
  };

  const download = async (row: AttachmentRecord, signal: AbortSignal): Promise<void> => {
    const k = key(row.messageId, row.idx);
    const attempts = row.attempts + 1;
    const net = d.network();
    if (!net?.downloadFile) {
      finish(row, 'failed', NO_NETWORK_MESSAGE, attempts);
      return;
    }
    if (row.url === null || row.remoteKey === null) {
      finish(row, 'failed', 'This attachment cannot be downloaded: its pointer is incomplete.', attempts);
      return;
    }
    let blob: Uint8Array;
    try {
      blob = await net.downloadFile(row.url, {
        signal,
        maxBytes: maxBlobBytes(row.url, row.size),
        onProgress: (done, total) => {
          const share = Math.min(1, Math.max(0, done / (total && total > 0 ? total : Math.max(row.size, 1))));
          progress.set(k, share);
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
      if (attempts >= retry.maxAttempts) finish(row, 'failed', message, attempts);
      else d.queue.reschedule(row.messageId, row.idx, attempts, d.now() + Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempts - 1)), message);
      return;
    }
    // Stopped while the last bytes came in: the row stays 'downloading' and the next start fetches it again.
    if (signal.aborted) return;
    const plain = decryptDownloaded(row, blob);
    if (!plain.ok) {
      // Details name the check that failed (never key material); the person sees which kind of failure. A
      // blob shorter than its pointer's size allows was cut off, whichever check noticed first.
      d.log.warn(`downloader: an attachment failed to decrypt (${plain.error.detail ?? plain.error.kind})`);
      const message = blob.length < expectedBlobBytes(row.url, row.size) ? TRUNCATED_MESSAGE : decryptFailureMessage(plain.error.detail, plain.error.message);
      finish(row, 'failed', message, attempts);
      return;
    }
    const bytes = plain.value;
    const contentType = effectiveContentType(d.imaging.sniffContentType(bytes), row.contentType);
    const stored = await d.files.write(bytes);
    const fileIds = [stored.fileId];
    let thumb: { fileId: string; fileKey: Uint8Array } | undefined;
    if (contentType.startsWith('image/')) {
      const t = await d.imaging.makeThumbnail(bytes);
      if (t) {
        thumb = await d.files.write(t.bytes);
        fileIds.push(thumb.fileId);
      }
    }
    if (signal.aborted) {
      d.queue.releaseFiles(fileIds);
      return;
    }
    const ok = d.queue.markDownloaded(row.messageId, row.idx, {
      contentType,
      fileId: stored.fileId,
      fileKey: stored.fileKey,
      ...(thumb ? { thumbId: thumb.fileId, thumbKey: thumb.fileKey } : {}),
      sha256: sha256(bytes),
    });
    // The message was deleted meanwhile: its files go to the sweeper.
    if (!ok) d.queue.releaseFiles(fileIds);
  };

  const runOne = (row: AttachmentRecord): void => {
    const k = key(row.messageId, row.idx);
    if (!d.queue.markDownloading(row.messageId, row.idx)) return;
    progress.set(k, 0);
    emit(row.messageId);
    const signal = controller.signal;
    const job: Promise<void> = download(row, signal)
      .catch((err: unknown) => {
        // A local failure (disk full, store error): shown on the attachment, never retried in a loop.
        d.log.error('downloader: storing an attachment failed', err);
        if (!signal.aborted) d.queue.finish(row.messageId, row.idx, 'failed', 'The file could not be saved on this device.', row.attempts + 1);
      })
      .finally(() => {
        // After a stop and a quick restart the same row may run again under the same key: leave that one be.
        if (inFlight.get(k) !== job) return;
        inFlight.delete(k);
        progress.delete(k);
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
    progress: (messageId, idx) => progress.get(key(messageId, idx)),
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight.values()]);
    },
  };
}
