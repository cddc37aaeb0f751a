// The downloader on a real encrypted database with real attachment crypto and real image sniffing and
// thumbnails (sharp) and the real encrypted at-rest store; only the file server is replaced (a fake
// downloadFile).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createAttachmentQueue, type AttachmentQueue } from '../../../../ts/backend/db/attachmentQueue';
import { createTransferProgress, type TransferProgress } from '../../../../ts/backend/db/attachmentStore';
import { createFileStore, type FileStore } from '../../../../ts/backend/media/fileStore';
import { createConversationStore } from '../../../../ts/backend/db/conversationStore';
import { createMessageStore, type MessageStore } from '../../../../ts/backend/db/messageStore';
import { createEventBus } from '../../../../ts/backend/events';
import { silentLogger } from '../../../../ts/backend/log';
import { makeThumbnail, sniffContentType } from '../../../../ts/backend/media/image';
import { attachmentRowsFromPointers, type PointerLike } from '../../../../ts/backend/media/receivedAttachments';
import {
  DIGEST_MISMATCH_MESSAGE,
  EXPIRED_MESSAGE,
  MAC_MISMATCH_MESSAGE,
  TRUNCATED_MESSAGE,
  createDownloader,
  type Downloader,
} from '../../../../ts/backend/services/downloader';
import type { EngineNetwork } from '../../../../ts/backend/services/engineNetwork';
import type { MessageView } from '../../../../ts/ipc/contract';
import { NetworkError } from '../../../../ts/network';
import {
  MAX_ATTACHMENT_BYTES,
  deterministicEncryptedSize,
  encryptAttachment,
  encryptDeterministicAttachment,
  loadProtocol,
  secureRandom,
  sha256,
} from '../../../../ts/protocol';

const SEED = new Uint8Array(32).fill(0x5e);
const sFormatBlob = (plain: Uint8Array) => encryptDeterministicAttachment(plain, SEED);
import { encryptedTestDb } from '../db/testDb';
import { waitUntil } from '../../../support/until';

const PEER = `05${'ab'.repeat(32)}`;
const until = <T>(what: string, fn: () => T | undefined | false): Promise<T> => waitUntil(what, fn, 5_000, 5);

type DownloadFile = NonNullable<EngineNetwork['downloadFile']>;

describe('downloader', () => {
  const t = encryptedTestDb('downloader-');
  let queue: AttachmentQueue;
  let messages: MessageStore;
  let progress: TransferProgress;
  let updates: MessageView[];
  let files: FileStore;
  let dir: string;
  /** The files in the store's folder. */
  const stored = (): string[] => (fs.existsSync(files.dir) ? fs.readdirSync(files.dir) : []).filter((f) => /^[0-9a-f]{32}$/.test(f));
  let server: Map<string, Uint8Array | Error | (() => Promise<Uint8Array>)>;
  let downloadFile: jest.Mock<ReturnType<DownloadFile>, Parameters<DownloadFile>>;
  let downloader: Downloader | undefined;
  let png: Uint8Array;
  let seq = 0;

  beforeAll(async () => {
    await loadProtocol();
    png = new Uint8Array(await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 10, b: 10 } } }).png().toBuffer());
  });
  beforeEach(() => {
    queue = createAttachmentQueue(t.db);
    progress = createTransferProgress();
    messages = createMessageStore(t.db, progress);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'downloader-files-'));
    files = createFileStore({ profileDir: dir, db: t.db, randomBytes: secureRandom, log: silentLogger });
    createConversationStore(t.db).touch(PEER, 'private', 1);
    updates = [];
    server = new Map();
    downloadFile = jest.fn(async (url: string, opts?: Parameters<DownloadFile>[1]) => {
      const entry = server.get(url);
      if (entry === undefined) throw new NetworkError('not-found');
      if (entry instanceof Error) throw entry;
      const blob = typeof entry === 'function' ? await entry() : entry;
      // Two progress steps, as a real transfer reports them.
      opts?.onProgress?.(Math.floor(blob.length / 2), blob.length);
      opts?.onProgress?.(blob.length, blob.length);
      return blob;
    });
  });
  afterEach(async () => {
    downloader?.stop();
    await downloader?.idle();
    downloader = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const open = (o: { retry?: { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number } } = {}): Downloader => {
    const events = createEventBus(silentLogger);
    events.on('messages.updated', (e) => updates.push(...e.messages));
    downloader = createDownloader({
      queue,
      messages,
      progress,
      events,
      log: silentLogger,
      now: Date.now,
      network: () => ({ downloadFile }),
      files,
      imaging: { sniffContentType, makeThumbnail },
      progressIntervalMs: 0,
      ...(o.retry ? { retry: o.retry } : {}),
    });
    return downloader;
  };

  /** Stores a received message with these pointers, queued for download. */
  const receive = (pointers: PointerLike[]): string => {
    const id = `m${++seq}`;
    messages.insert({ id, conversationId: PEER, sender: PEER, direction: 'incoming', body: '', sentAt: 1000 + seq, receivedAt: 1000 + seq, status: 'received' });
    queue.insertReceived(id, attachmentRowsFromPointers(pointers, { autoDownload: true, autoDownloadMaxBytes: 100_000_000 }));
    return id;
  };
  const legacyPointer = (url: string, plaintext: Uint8Array, declared = 'image/jpeg') => {
    const e = encryptAttachment(plaintext, secureRandom);
    server.set(url, e.blob);
    return { pointer: { deprecatedId: 0, url, key: e.key, digest: e.digest, size: e.size, contentType: declared, fileName: 'red.jpg' }, blob: e.blob };
  };
  const state = (id: string, idx = 0) => queue.get(id, idx);

  it('downloads, decrypts, sniffs the real type, stores the plaintext and a thumbnail, and reports progress', async () => {
    const { pointer } = legacyPointer('http://files.test/file/1', png);
    const id = receive([pointer]);
    open().start();
    const row = await until('downloaded', () => state(id)?.state === 'downloaded' && state(id));
    // Declared a JPEG; the bytes are a PNG, and that is what the UI is told.
    expect(row.contentType).toBe('image/png');
    expect(row.sha256).toEqual(sha256(png));
    expect(row.error).toBeNull();
    expect(files.read(row.fileId as string, row.fileKey as Uint8Array)).toEqual(png);
    expect(row.thumbId).not.toBeNull();
    expect(sniffContentType(files.read(row.thumbId as string, row.thumbKey as Uint8Array))).toBe('image/jpeg');
    // At rest the file is encrypted.
    expect(Buffer.from(fs.readFileSync(path.join(files.dir, row.fileId as string))).includes(Buffer.from(png.subarray(0, 32)))).toBe(false);
    expect(downloadFile).toHaveBeenCalledTimes(1);
    expect(downloadFile.mock.calls[0]?.[1]?.maxBytes).toBe(MAX_ATTACHMENT_BYTES);
    // Progress in memory, as events: downloading with a share, then downloaded with a thumbnail.
    const seen = updates.filter((m) => m.id === id).map((m) => m.attachments?.[0]);
    expect(seen.some((a) => a?.state === 'downloading' && a.progress === 0.5)).toBe(true);
    expect(seen[seen.length - 1]).toMatchObject({ state: 'downloaded', contentType: 'image/png', hasThumbnail: true });
    expect(seen[seen.length - 1]).not.toHaveProperty('progress');
  });

  it('decrypts the S format when the URL has the d fragment', async () => {
    const plain = new TextEncoder().encode('deterministic attachment '.repeat(3000));
    const s = sFormatBlob(plain);
    expect(s.blob.length).toBe(deterministicEncryptedSize(plain.length));
    server.set('http://files.test/file/s#d=', s.blob);
    const id = receive([{ deprecatedId: 0, url: 'http://files.test/file/s#d=', key: s.key, size: plain.length, contentType: 'text/plain', fileName: 'notes.txt' }]);
    open().start();
    const row = await until('downloaded', () => state(id)?.state === 'downloaded' && state(id));
    expect(files.read(row.fileId as string, row.fileKey as Uint8Array)).toEqual(plain);
    // Bytes of no known kind keep a declared type that nothing renders.
    expect(row.contentType).toBe('text/plain');
    expect(row.thumbId).toBeNull();
    // The S format's size is exact: a server sending more is cut off.
    expect(downloadFile.mock.calls[0]?.[1]?.maxBytes).toBe(deterministicEncryptedSize(plain.length));
  });

  it('fails with a clear reason on a digest mismatch, a MAC mismatch and a truncated blob; the message stays', async () => {
    const a = legacyPointer('http://files.test/file/digest', png);
    const b = legacyPointer('http://files.test/file/mac', png);
    const c = legacyPointer('http://files.test/file/cut', png);
    const badDigest = { ...a.pointer, digest: new Uint8Array(32).fill(7) };
    const flipped = b.blob.slice();
    flipped[40] = (flipped[40] as number) ^ 1;
    server.set('http://files.test/file/mac', flipped);
    server.set('http://files.test/file/cut', c.blob.subarray(0, c.blob.length - 100));
    const s = sFormatBlob(png);
    server.set('http://files.test/file/scut#d=', s.blob.subarray(0, 100));
    const id = receive([badDigest, b.pointer, c.pointer, { deprecatedId: 0, url: 'http://files.test/file/scut#d=', key: s.key, size: png.length, contentType: 'image/png' }]);
    open().start();
    await until('all failed', () => queue.forMessage(id).every((r) => r.state === 'failed'));
    expect(queue.forMessage(id).map((r) => r.error)).toEqual([DIGEST_MISMATCH_MESSAGE, MAC_MISMATCH_MESSAGE, TRUNCATED_MESSAGE, TRUNCATED_MESSAGE]);
    expect(messages.get(id)).toBeDefined();
    // Integrity failures are final: one request each, nothing stored.
    expect(downloadFile).toHaveBeenCalledTimes(4);
    expect(stored()).toEqual([]);
  });

  it('marks a file the server no longer has as expired, without retrying', async () => {
    const id = receive([{ deprecatedId: 0, url: 'http://files.test/file/gone', key: new Uint8Array(64).fill(1), digest: new Uint8Array(32), size: 10, contentType: 'image/png' }]);
    open({ retry: { baseDelayMs: 1 } }).start();
    const row = await until('expired', () => state(id)?.state === 'expired' && state(id));
    expect(row.error).toBe(EXPIRED_MESSAGE);
    await new Promise((r) => setTimeout(r, 30));
    expect(downloadFile).toHaveBeenCalledTimes(1);
    expect(queue.nextRetryAt()).toBeUndefined();
  });

  it('retries network errors with growing delays, then fails; a click queues it again', async () => {
    const { pointer, blob } = legacyPointer('http://files.test/file/flaky', png);
    server.set('http://files.test/file/flaky', new NetworkError('timeout'));
    const id = receive([pointer]);
    const before = Date.now();
    const d = open({ retry: { maxAttempts: 3, baseDelayMs: 40, maxDelayMs: 1_000 } });
    d.start();
    const first = await until('rescheduled', () => state(id)?.attempts === 1 && state(id));
    expect(first.state).toBe('queued');
    expect(first.error).toBe(new NetworkError('timeout').message);
    expect(first.nextAttemptAt as number).toBeGreaterThanOrEqual(before + 40);
    const second = await until('rescheduled again', () => state(id)?.attempts === 2 && state(id));
    // Back-off doubles: the second wait is 80 ms.
    expect((second.nextAttemptAt as number) - (first.nextAttemptAt as number)).toBeGreaterThanOrEqual(80);
    const failed = await until('failed', () => state(id)?.state === 'failed' && state(id));
    expect(failed.attempts).toBe(3);
    expect(downloadFile).toHaveBeenCalledTimes(3);
    // "Tap to retry": the server is back, the row is queued again and downloads.
    server.set('http://files.test/file/flaky', blob);
    expect(queue.queueMessage(id, 0, Date.now())).toBe(1);
    d.kick();
    await until('downloaded', () => state(id)?.state === 'downloaded');
  });

  it('fails at once when retrying cannot help (no file server, a blob over its limit)', async () => {
    const a = legacyPointer('http://files.test/file/nofs', png);
    const b = legacyPointer('http://files.test/file/huge', png);
    server.set('http://files.test/file/nofs', new NetworkError('not-configured', {}, 'This network has no file server configured.'));
    server.set('http://files.test/file/huge', new NetworkError('rejected', {}, 'The download is larger than expected.'));
    const id = receive([a.pointer, b.pointer]);
    open({ retry: { baseDelayMs: 1 } }).start();
    await until('both failed', () => queue.forMessage(id).every((r) => r.state === 'failed'));
    expect(queue.forMessage(id).map((r) => [r.error, r.attempts])).toEqual([
      ['This network has no file server configured.', 1],
      ['The download is larger than expected.', 1],
    ]);
    expect(downloadFile).toHaveBeenCalledTimes(2);
  });

  it('resumes a download interrupted by a stop or a crash after the restart', async () => {
    const { pointer, blob } = legacyPointer('http://files.test/file/slow', png);
    let release: (() => void) | undefined;
    server.set('http://files.test/file/slow', () => new Promise<Uint8Array>((resolve) => (release = () => resolve(blob))));
    const id = receive([pointer]);
    const first = open();
    first.start();
    await until('downloading', () => state(id)?.state === 'downloading' && release);
    first.stop();
    release?.();
    await first.idle();
    // Killed mid-download: the row still says so, and nothing was kept.
    expect(state(id)?.state).toBe('downloading');
    expect(stored()).toEqual([]);
    server.set('http://files.test/file/slow', blob);
    const second = open();
    second.start();
    await until('downloaded after restart', () => state(id)?.state === 'downloaded');
    expect(downloadFile).toHaveBeenCalledTimes(2);
  });

  it('hands the files of a message deleted during its download to the sweeper', async () => {
    const { pointer, blob } = legacyPointer('http://files.test/file/deleted', png);
    let release: (() => void) | undefined;
    server.set('http://files.test/file/deleted', () => new Promise<Uint8Array>((resolve) => (release = () => resolve(blob))));
    const id = receive([pointer]);
    const d = open();
    d.start();
    await until('downloading', () => release);
    messages.deleteByIds([id]);
    release?.();
    await d.idle();
    const gc = t.db.prepare('SELECT file_id FROM attachment_files_gc ORDER BY file_id').all() as { file_id: string }[];
    expect(gc.map((r) => r.file_id).sort()).toEqual(stored().sort());
    expect(gc.length).toBe(2);
  });

  it('runs a few downloads at once, never more', async () => {
    const releases: (() => void)[] = [];
    const pointers = [];
    for (let i = 0; i < 5; i++) {
      const { pointer, blob } = legacyPointer(`http://files.test/file/p${i}`, png);
      server.set(`http://files.test/file/p${i}`, () => new Promise<Uint8Array>((resolve) => releases.push(() => resolve(blob))));
      pointers.push(pointer);
    }
    const id = receive(pointers);
    open().start();
    await until('three running', () => releases.length === 3);
    await new Promise((r) => setTimeout(r, 20));
    expect(releases).toHaveLength(3);
    expect(queue.forMessage(id).filter((r) => r.state === 'downloading')).toHaveLength(3);
    for (let done = 0; done < 5; done++) {
      await until('next running', () => releases.length > done && releases[done]);
      releases[done]?.();
    }
    await until('all downloaded', () => queue.forMessage(id).every((r) => r.state === 'downloaded'));
  });
});
