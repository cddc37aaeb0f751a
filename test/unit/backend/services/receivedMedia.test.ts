// attachments.download / read / save / gallery on a real encrypted database and the real at-rest store:
// chunked reads of the decrypted file or thumbnail (decrypted once for all chunks), clear errors, save
// names made safe, the gallery split into media and files, newest first, in pages.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAttachmentQueue, type AttachmentQueue } from '../../../../ts/backend/db/attachmentQueue';
import { createTransferProgress } from '../../../../ts/backend/db/attachmentStore';
import { createConversationStore } from '../../../../ts/backend/db/conversationStore';
import { createMessageStore, type MessageStore } from '../../../../ts/backend/db/messageStore';
import { createEventBus } from '../../../../ts/backend/events';
import { silentLogger } from '../../../../ts/backend/log';
import { createFileStore, type FileStore } from '../../../../ts/backend/media/fileStore';
import sharp from 'sharp';
import { makeThumbnail, sniffContentType } from '../../../../ts/backend/media/image';
import { attachmentRowsFromPointers, type PointerLike } from '../../../../ts/backend/media/receivedAttachments';
import { createReceivedMedia, READ_CACHE_TTL_MS, type ReceivedMedia } from '../../../../ts/backend/services/receivedMedia';
import { MEDIA_CHUNK_BYTES, type MessageView } from '../../../../ts/ipc/contract';
import { IpcError } from '../../../../ts/ipc/errors';
import { secureRandom } from '../../../../ts/protocol';
import { encryptedTestDb } from '../db/testDb';

const PEER = `05${'ab'.repeat(32)}`;
const OTHER = `05${'cd'.repeat(32)}`;
const JPEG_HEAD = new Uint8Array([0xff, 0xd8, 0xff, 0xe0]);

const pointer = (n: number, contentType: string, extra: Partial<PointerLike> = {}): PointerLike => ({
  deprecatedId: n,
  contentType,
  key: new Uint8Array(64).fill(n),
  digest: new Uint8Array(32).fill(n),
  size: 100 + n,
  url: `http://files.test/file/${n}`,
  fileName: `file${n}`,
  ...extra,
});

describe('received media handlers', () => {
  const t = encryptedTestDb('received-media-');
  let dir: string;
  let files: FileStore;
  let reads: number;
  let queue: AttachmentQueue;
  let messages: MessageStore;
  let media: ReceivedMedia;
  let clock: number;
  let kicks: number;
  let updated: MessageView[];
  let seq = 0;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'received-media-files-'));
    const real = createFileStore({ profileDir: dir, db: t.db, randomBytes: secureRandom, log: silentLogger });
    reads = 0;
    files = { ...real, dir: real.dir, read: (id, key) => (reads++, real.read(id, key)) };
    queue = createAttachmentQueue(t.db);
    const progress = createTransferProgress();
    messages = createMessageStore(t.db, progress);
    const conversations = createConversationStore(t.db);
    conversations.touch(PEER, 'private', 1);
    conversations.touch(OTHER, 'private', 1);
    conversations.updateContact(PEER, { didApproveMe: true }, 1);
    clock = 1_000_000;
    kicks = 0;
    updated = [];
    const events = createEventBus(silentLogger);
    events.on('messages.updated', (e) => updated.push(...e.messages));
    media = createReceivedMedia({ queue, messages, files, downloader: { kick: () => kicks++ }, progress, events, now: () => clock, sniffContentType, makeThumbnail, autoDownloadMaxBytes: 8 * 1024 * 1024 });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const receive = (pointers: PointerLike[], o: { sender?: string; auto?: boolean; sentAt?: number } = {}): string => {
    const id = `m${++seq}`;
    const sender = o.sender ?? PEER;
    messages.insert({ id, conversationId: sender, sender, direction: 'incoming', body: '', sentAt: o.sentAt ?? 1000 + seq, receivedAt: 1000 + seq, status: 'received' });
    queue.insertReceived(id, attachmentRowsFromPointers(pointers, { autoDownload: o.auto ?? false, autoDownloadMaxBytes: 1_000_000 }));
    return id;
  };
  /** Stores `bytes` as the downloaded file of (id, idx), as the downloader does. */
  const downloaded = (id: string, idx: number, bytes: Uint8Array, contentType: string, thumb?: Uint8Array) => {
    expect(queue.queueMessage(id, idx, 0)).toBe(1);
    expect(queue.markDownloading(id, idx)).toBe(true);
    const f = files.write(bytes);
    const th = thumb ? files.write(thumb) : undefined;
    queue.markDownloaded(id, idx, { contentType, fileId: f.fileId, fileKey: f.fileKey, sha256: new Uint8Array(32), ...(th ? { thumbId: th.fileId, thumbKey: th.fileKey } : {}) });
  };
  const code = (fn: () => unknown): string | undefined => {
    try {
      fn();
      return undefined;
    } catch (err) {
      return err instanceof IpcError ? `${err.code}: ${err.message}` : String(err);
    }
  };

  it('accepting a sender queues their attachments that waited for a click, up to the automatic-download size', () => {
    const small = receive([pointer(1, 'image/jpeg'), pointer(2, 'application/pdf', { size: 9 * 1024 * 1024 })]);
    const other = receive([pointer(3, 'image/jpeg')], { sender: OTHER });
    expect(messages.get(small)?.attachments?.map((a) => a.state)).toEqual(['not-downloaded', 'not-downloaded']);
    media.senderAccepted(PEER);
    // The 9 MiB file stays a click away (above the 8 MiB limit); another sender's attachment is untouched.
    expect(messages.get(small)?.attachments?.map((a) => a.state)).toEqual(['queued', 'not-downloaded']);
    expect(messages.get(other)?.attachments?.map((a) => a.state)).toEqual(['not-downloaded']);
    expect(kicks).toBe(1);
    expect(updated.map((m) => m.id)).toEqual([small]);
    // Nothing left to queue: no event, no kick.
    media.senderAccepted(PEER);
    expect(kicks).toBe(1);
  });

  it('reads a downloaded file in chunks of MEDIA_CHUNK_BYTES, decrypting it once', () => {
    const bytes = secureRandom(MEDIA_CHUNK_BYTES * 2 + 1234);
    const id = receive([pointer(1, 'application/pdf')]);
    downloaded(id, 0, bytes, 'application/pdf');
    const parts: Buffer[] = [];
    let offset = 0;
    for (;;) {
      const chunk = media.read({ messageId: id, index: 0, offset });
      expect(chunk).toMatchObject({ offset, total: bytes.length, contentType: 'application/pdf' });
      const data = Buffer.from(chunk.dataBase64, 'base64');
      expect(data.length).toBeLessThanOrEqual(MEDIA_CHUNK_BYTES);
      parts.push(data);
      offset += data.length;
      if (offset >= chunk.total) break;
    }
    expect(parts).toHaveLength(3);
    expect(new Uint8Array(Buffer.concat(parts))).toEqual(bytes);
    expect(reads).toBe(1);
    // The end of the file reads as empty; past it is an error.
    expect(media.read({ messageId: id, index: 0, offset: bytes.length }).dataBase64).toBe('');
    expect(code(() => media.read({ messageId: id, index: 0, offset: bytes.length + 1 }))).toBe(`invalid_params: Offset ${bytes.length + 1} is past the end of the file (${bytes.length} bytes).`);
    // After a while without reads, the decrypted copy is dropped.
    clock += READ_CACHE_TTL_MS + 1;
    media.read({ messageId: id, index: 0 });
    expect(reads).toBe(2);
  });

  it('keeps a video’s poster frame as its re-encoded thumbnail with the video’s size, once, and refuses what is not a picture', async () => {
    const id = receive([pointer(1, 'video/mp4'), pointer(2, 'application/pdf'), pointer(3, 'video/webm')]);
    downloaded(id, 0, secureRandom(5_000), 'video/mp4');
    downloaded(id, 1, secureRandom(100), 'application/pdf');
    const png = await sharp({ create: { width: 640, height: 360, channels: 3, background: { r: 200, g: 40, b: 40 } } }).png().toBuffer();
    const poster = { messageId: id, index: 0, dataBase64: png.toString('base64'), width: 1280, height: 720 };
    const reason = async (p: Promise<unknown>) => p.then(() => undefined, (err: unknown) => (err instanceof IpcError ? `${err.code}: ${err.message}` : String(err)));
    // Not a picture, not a video, not here yet: clear errors, nothing stored.
    expect(await reason(media.setPoster({ ...poster, dataBase64: Buffer.from('not a picture').toString('base64') }))).toBe('invalid_params: The poster frame is not a PNG, JPEG or WebP picture.');
    expect(await reason(media.setPoster({ ...poster, index: 1 }))).toBe('invalid_params: Only a video takes a poster frame.');
    expect(await reason(media.setPoster({ ...poster, index: 2 }))).toBe('unavailable: This attachment is not downloaded yet.');
    expect(messages.get(id)?.attachments?.[0]).toMatchObject({ hasThumbnail: false });

    const view = await media.setPoster(poster);
    expect(view.attachments?.[0]).toMatchObject({ hasThumbnail: true, width: 1280, height: 720, contentType: 'video/mp4' });
    expect(updated.map((m) => m.id)).toEqual([id]);
    // Our own encode of the frame (a JPEG within the thumbnail size), not the bytes the renderer sent.
    const thumb = media.read({ messageId: id, index: 0, variant: 'thumbnail' });
    expect(thumb.contentType).toBe('image/jpeg');
    expect(await sharp(Buffer.from(thumb.dataBase64, 'base64')).metadata()).toMatchObject({ format: 'jpeg', width: 400, height: 225 });
    // A second capture changes nothing.
    const again = await media.setPoster({ ...poster, width: 10, height: 10 });
    expect(again.attachments?.[0]).toMatchObject({ width: 1280, height: 720 });
    expect(media.read({ messageId: id, index: 0, variant: 'thumbnail' }).dataBase64).toBe(thumb.dataBase64);
    expect(updated).toHaveLength(1);
  });

  it('gives an audio file stored without a duration its duration when it is first read', () => {
    // Stored by an earlier version: downloaded, no duration. 50 MPEG-2 layer III frames: 50 x 576 / 24000 s.
    const frame = new Uint8Array(192);
    frame.set([0xff, 0xf3, 0x84, 0xc0]);
    const mp3 = new Uint8Array(192 * 50);
    for (let i = 0; i < 50; i++) mp3.set(frame, i * 192);
    const id = receive([pointer(1, 'audio/mpeg', { flags: 1 })]);
    downloaded(id, 0, mp3, 'audio/mpeg');
    t.db.prepare('UPDATE attachments SET duration_ms = NULL WHERE message_id = ?').run(id);
    expect(messages.get(id)?.attachments?.[0]?.durationMs).toBeUndefined();
    media.read({ messageId: id, index: 0 });
    expect(messages.get(id)?.attachments?.[0]?.durationMs).toBe(1200);
    expect(updated.map((m) => m.attachments?.[0]?.durationMs)).toEqual([1200]);
    // Known now: later reads change nothing.
    media.read({ messageId: id, index: 0 });
    expect(updated).toHaveLength(1);
  });

  it('reads a thumbnail, and says clearly what cannot be read', () => {
    const id = receive([pointer(2, 'image/jpeg'), pointer(3, 'application/zip'), pointer(4, 'image/png')]);
    const thumb = new Uint8Array([...JPEG_HEAD, 1, 2, 3]);
    downloaded(id, 0, new Uint8Array([...JPEG_HEAD, 9, 9]), 'image/jpeg', thumb);
    downloaded(id, 1, new Uint8Array([0x50, 0x4b, 3, 4]), 'application/zip');
    const t0 = media.read({ messageId: id, index: 0, variant: 'thumbnail' });
    expect(t0).toMatchObject({ total: thumb.length, contentType: 'image/jpeg' });
    expect(new Uint8Array(Buffer.from(t0.dataBase64, 'base64'))).toEqual(thumb);
    expect(code(() => media.read({ messageId: id, index: 1, variant: 'thumbnail' }))).toBe('not_found: This attachment has no preview.');
    expect(code(() => media.read({ messageId: id, index: 2 }))).toBe('unavailable: This attachment is not downloaded yet.');
    expect(code(() => media.read({ messageId: id, index: 5 }))).toBe('not_found: This message has no attachment 6.');
    expect(code(() => media.read({ messageId: 'gone', index: 0 }))).toBe('not_found: This message no longer exists.');
    // A stored file that went missing from disk.
    const row = queue.get(id, 1);
    fs.rmSync(path.join(files.dir, row?.fileId as string));
    expect(code(() => media.read({ messageId: id, index: 1 }))).toBe('not_found: The downloaded file is missing or damaged on this device; download it again.');
  });

  it('reads our own attachment while it uploads (its local copy is here)', () => {
    const id = `m${++seq}`;
    messages.insert({ id, conversationId: PEER, sender: OTHER, direction: 'outgoing', body: '', sentAt: 9000, receivedAt: 9000, status: 'sending' });
    const f = files.write(new Uint8Array([7, 7, 7]));
    t.db
      .prepare("INSERT INTO attachments (message_id, idx, content_type, size, state, file_id, file_key) VALUES (?, 0, 'application/pdf', 3, 'uploading', ?, ?)")
      .run(id, f.fileId, Buffer.from(f.fileKey));
    expect(Buffer.from(media.read({ messageId: id, index: 0 }).dataBase64, 'base64')).toEqual(Buffer.from([7, 7, 7]));
  });

  it('save answers a safe file name for the renderer; readAll gives the bytes with it', () => {
    const id = receive([pointer(5, 'application/pdf', { fileName: '../../etc/pass\u0000wd' }), pointer(6, 'image/jpeg', { fileName: '' }), pointer(7, 'image/png')]);
    downloaded(id, 0, new Uint8Array([1, 2, 3]), 'application/pdf');
    downloaded(id, 1, new Uint8Array([...JPEG_HEAD, 1]), 'image/jpeg');
    expect(media.save({ messageId: id, index: 0 })).toEqual({ outcome: 'renderer', fileName: '_.._etc_passwd', contentType: 'application/pdf' });
    expect(media.save({ messageId: id, index: 1 })).toEqual({ outcome: 'renderer', fileName: 'attachment.jpg', contentType: 'image/jpeg' });
    expect(code(() => media.save({ messageId: id, index: 2 }))).toBe('unavailable: This attachment is not downloaded yet.');
    expect(media.readAll(id, 0)).toEqual({ bytes: new Uint8Array([1, 2, 3]), fileName: '_.._etc_passwd', contentType: 'application/pdf' });
  });

  it('download queues now; trustSender queues that sender’s other attachments and downloads theirs by themselves from now on', () => {
    const a = receive([pointer(10, 'image/jpeg'), pointer(11, 'image/jpeg')]);
    const b = receive([pointer(12, 'video/mp4')]);
    const c = receive([pointer(13, 'image/jpeg')], { sender: OTHER });
    const one = media.download({ messageId: a, index: 1 });
    expect(one.attachments?.map((x) => x.state)).toEqual(['not-downloaded', 'queued']);
    expect(kicks).toBe(1);
    expect(updated.map((m) => m.id)).toEqual([a]);
    const all = media.download({ messageId: a, trustSender: true });
    expect(all.attachments?.map((x) => x.state)).toEqual(['queued', 'queued']);
    expect(queue.forMessage(b).map((r) => r.state)).toEqual(['queued']);
    expect(queue.forMessage(c).map((r) => r.state)).toEqual(['not-downloaded']);
    expect(queue.autoDownloadSenders([PEER, OTHER])).toEqual(new Set([PEER]));
    expect(updated.map((m) => m.id).sort()).toEqual([a, a, b].sort());
    // A failed download is queued again ("tap to retry"); an expired one stays expired.
    expect(queue.markDownloading(a, 0)).toBe(true);
    queue.finish(a, 0, 'failed', 'network', 5);
    expect(queue.markDownloading(a, 1)).toBe(true);
    queue.finish(a, 1, 'expired', 'gone', 1);
    expect(media.download({ messageId: a }).attachments?.map((x) => [x.state, x.error])).toEqual([
      ['queued', undefined],
      ['expired', 'gone'],
    ]);
    expect(queue.get(a, 0)?.attempts).toBe(0);
    expect(code(() => media.download({ messageId: a, index: 7 }))).toBe('not_found: This message has no attachment 8.');
  });

  it('lists media and files separately, newest first, in pages', () => {
    const m1 = receive([pointer(20, 'image/jpeg'), pointer(21, 'application/pdf')], { sentAt: 5000 });
    const m2 = receive([pointer(22, 'video/mp4'), pointer(23, 'image/png'), pointer(24, 'audio/mpeg', { flags: 1 })], { sentAt: 6000 });
    const m3 = receive([pointer(25, 'image/gif')], { sentAt: 7000 });
    receive([pointer(26, 'image/jpeg')], { sender: OTHER, sentAt: 8000 });
    const page1 = media.gallery({ conversationId: PEER, kind: 'media', limit: 2 });
    expect(page1.items.map((i) => [i.messageId, i.attachment.index])).toEqual([
      [m3, 0],
      [m2, 1],
    ]);
    expect(page1.hasMore).toBe(true);
    expect(page1.items[0]).toMatchObject({ timestamp: 7000, sender: PEER, attachment: { contentType: 'image/gif', state: 'not-downloaded' } });
    const last = page1.items[1];
    const page2 = media.gallery({ conversationId: PEER, kind: 'media', limit: 2, before: { messageId: last?.messageId ?? '', index: last?.attachment.index ?? 0 } });
    expect(page2.items.map((i) => [i.messageId, i.attachment.index])).toEqual([
      [m2, 0],
      [m1, 0],
    ]);
    expect(page2.hasMore).toBe(false);
    const filesPage = media.gallery({ conversationId: PEER, kind: 'files' });
    expect(filesPage.items.map((i) => [i.messageId, i.attachment.index, i.attachment.voice])).toEqual([
      [m2, 2, true],
      [m1, 1, false],
    ]);
    expect(media.gallery({ conversationId: `05${'ee'.repeat(32)}`, kind: 'media' })).toEqual({ items: [], hasMore: false });
  });
});
