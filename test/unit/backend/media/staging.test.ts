// Staging through the backend's own handlers on a real profile (encrypted database, file store, sharp):
// chunks in order only, nothing readable on disk while or after a file arrives, the size limit exactly
// at 9,828,080 bytes and one byte over, empty files, images re-encoded without their EXIF/GPS block,
// voice recordings, profile pictures, unstage and a restart leaving nothing behind.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { randomBytes } from 'node:crypto';
import { openBackend, type Backend } from '../../../../ts/backend';
import { createStagedFileStore } from '../../../../ts/backend/db/stagedFileStore';
import { createFileStore, type FileStore } from '../../../../ts/backend/media/fileStore';
import { createStagingService, type StagingService } from '../../../../ts/backend/services/staging';
import { encryptedTestDb } from '../db/testDb';
import { silentLogger } from '../../../../ts/backend/log';
import { MEDIA_CHUNK_BYTES, type MethodParams, type MethodResult } from '../../../../ts/ipc/contract';
import { MAX_ATTACHMENT_PLAINTEXT_BYTES } from '../../../../ts/protocol';

const rand = (n: number): Uint8Array => new Uint8Array(randomBytes(n));
const u8 = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
const b64 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');

/** An ID3-tagged MP3 frame header, then filler: what sniffing calls audio/mpeg. */
const MP3 = u8(Buffer.concat([Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00', 'latin1'), Buffer.alloc(2000, 0x55)]));
const GPS_EXIF = {
  IFD0: { Make: 'PhoneMaker', Model: 'Model 1' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 2600/100', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 3900/100' },
};

async function gradient(width: number, height: number, channels: 3 | 4 = 3): Promise<Sharp> {
  const raw = Buffer.alloc(width * height * channels);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 7 + (i >> 9)) & 0xff;
  return sharp(raw, { raw: { width, height, channels } });
}

describe('staging files for sending', () => {
  let root = '';
  let backend: Backend;
  const open = async (): Promise<Backend> =>
    openBackend({ dataDir: root, host: 'cli', appVersion: '0.0.0', logger: silentLogger, engine: { startNetwork: false } });
  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'staging-'));
    backend = await open();
  });
  afterEach(async () => {
    await backend.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const call = <M extends 'attachments.stageBegin' | 'attachments.stageChunk' | 'attachments.stageEnd' | 'attachments.unstage' | 'attachments.readStaged'>(
    m: M,
    p: MethodParams<M>,
  ): Promise<MethodResult<M>> =>
    // As a transport calls them: a handler that throws right away is a rejected call.
    Promise.resolve().then(() => (backend.handlers[m] as unknown as (x: MethodParams<M>) => MethodResult<M> | Promise<MethodResult<M>>)(p));
  const attachmentsDir = (): string => path.join(backend.profileDir, 'attachments');
  /** Every file under <profile>/attachments (staging folder included). */
  const filesOnDisk = (): string[] => {
    if (!fs.existsSync(attachmentsDir())) return [];
    return (fs.readdirSync(attachmentsDir(), { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(attachmentsDir(), f)).isFile());
  };

  async function stage(bytes: Uint8Array, end: Partial<MethodParams<'attachments.stageEnd'>> = {}, begin: Partial<MethodParams<'attachments.stageBegin'>> = {}) {
    const { stageId } = await call('attachments.stageBegin', { size: bytes.length, fileName: 'file.bin', ...begin });
    for (let at = 0; at < bytes.length; at += MEDIA_CHUNK_BYTES) {
      await call('attachments.stageChunk', { stageId, offset: at, dataBase64: b64(bytes.subarray(at, at + MEDIA_CHUNK_BYTES)) });
    }
    return call('attachments.stageEnd', { stageId, ...end });
  }

  async function readAll(stageId: string, variant: 'full' | 'thumbnail' = 'full'): Promise<{ bytes: Uint8Array; contentType: string }> {
    const parts: Buffer[] = [];
    let offset = 0;
    let contentType = '';
    for (;;) {
      const r = await call('attachments.readStaged', { stageId, variant, offset });
      contentType = r.contentType;
      const chunk = Buffer.from(r.dataBase64, 'base64');
      parts.push(chunk);
      offset += chunk.length;
      if (offset >= r.total) break;
    }
    return { bytes: u8(Buffer.concat(parts)), contentType };
  }

  it('takes chunks in order only, keeps nothing readable on disk, and reads the file back', async () => {
    const text = Buffer.from('%PDF-1.4 a recognisable staged document '.repeat(40_000));
    const { stageId } = await call('attachments.stageBegin', { size: text.length, fileName: '../../etc/Report\u0007.pdf', contentType: 'application/pdf' });
    await expect(call('attachments.stageChunk', { stageId, offset: 5, dataBase64: b64(text.subarray(5, 10)) })).rejects.toThrow(/in order.*byte 0, not 5/);
    expect((await call('attachments.stageChunk', { stageId, offset: 0, dataBase64: b64(text.subarray(0, MEDIA_CHUNK_BYTES)) })).received).toBe(MEDIA_CHUNK_BYTES);
    // A repeated or skipped chunk is refused; the stage stays usable.
    await expect(call('attachments.stageChunk', { stageId, offset: 0, dataBase64: b64(text.subarray(0, 4)) })).rejects.toThrow(/in order/);
    await expect(call('attachments.stageChunk', { stageId, offset: MEDIA_CHUNK_BYTES + 1, dataBase64: 'AAAA' })).rejects.toThrow(/in order/);
    await expect(call('attachments.stageChunk', { stageId, offset: MEDIA_CHUNK_BYTES, dataBase64: 'not base64!' })).rejects.toThrow(/base64/);
    await expect(call('attachments.stageEnd', { stageId })).rejects.toThrow(/incomplete: 524288 of/);
    // What is on disk so far is not the plaintext.
    for (const f of filesOnDisk()) expect(fs.readFileSync(path.join(attachmentsDir(), f)).includes(Buffer.from('recognisable'))).toBe(false);
    for (let at = MEDIA_CHUNK_BYTES; at < text.length; at += MEDIA_CHUNK_BYTES) {
      await call('attachments.stageChunk', { stageId, offset: at, dataBase64: b64(text.subarray(at, at + MEDIA_CHUNK_BYTES)) });
    }
    await expect(call('attachments.stageChunk', { stageId, offset: text.length, dataBase64: 'AAAA' })).rejects.toThrow(/larger than/);
    const view = await call('attachments.stageEnd', { stageId });
    expect(view).toEqual({ stageId, fileName: 'Report.pdf', contentType: 'application/pdf', size: text.length, voice: false, hasThumbnail: false });
    // No temporary file is left, and the stored file is sealed.
    expect(filesOnDisk()).toHaveLength(1);
    expect(fs.readFileSync(path.join(attachmentsDir(), filesOnDisk()[0] as string)).includes(Buffer.from('recognisable'))).toBe(false);
    const back = await readAll(stageId);
    expect(Buffer.from(back.bytes).equals(text)).toBe(true);
    expect(back.contentType).toBe('application/pdf');
    await expect(call('attachments.stageChunk', { stageId, offset: 0, dataBase64: 'AAAA' })).rejects.toThrow(/already complete/);
  });

  it('refuses an empty file, and a file one byte above the limit while taking one exactly at it', async () => {
    await expect(call('attachments.stageBegin', { size: 0, fileName: 'empty.txt' })).rejects.toThrow('A 0-byte file cannot be sent.');

    const atLimit = new Uint8Array(MAX_ATTACHMENT_PLAINTEXT_BYTES).fill(0x61);
    const ok = await stage(atLimit, {}, { fileName: 'notes.txt', contentType: 'text/plain' });
    expect(ok).toMatchObject({ size: MAX_ATTACHMENT_PLAINTEXT_BYTES, contentType: 'text/plain', fileName: 'notes.txt' });

    // One byte over is refused at its first chunk (a non-image cannot shrink), naming the limit, and nothing stays.
    const before = filesOnDisk().length;
    const over = await call('attachments.stageBegin', { size: MAX_ATTACHMENT_PLAINTEXT_BYTES + 1, fileName: 'big.bin' });
    const err = await call('attachments.stageChunk', { stageId: over.stageId, offset: 0, dataBase64: b64(atLimit.subarray(0, MEDIA_CHUNK_BYTES)) }).catch((e: unknown) => e);
    expect((err as Error).message).toBe('Files must be less than 10MB (at most 9,828,080 bytes).');
    expect(filesOnDisk()).toHaveLength(before);
    await expect(call('attachments.stageEnd', { stageId: over.stageId })).rejects.toThrow(/no longer staged/);
  });

  it('re-encodes a PNG without its EXIF/GPS block, down-scales it and makes a thumbnail', async () => {
    const png = u8(await (await gradient(2600, 1300)).png().withExif(GPS_EXIF).toBuffer());
    const before = await sharp(png).metadata();
    expect(before.exif?.includes(Buffer.from('PhoneMaker'))).toBe(true);
    const view = await stage(png, {}, { fileName: 'holiday.png', contentType: 'image/png' });
    expect(view).toMatchObject({ fileName: 'holiday.jpg', contentType: 'image/jpeg', width: 2000, height: 1000, hasThumbnail: true, voice: false });
    const out = await readAll(view.stageId);
    expect(out.bytes.length).toBe(view.size);
    const after = await sharp(out.bytes).metadata();
    expect([after.format, after.width, after.height, after.exif]).toEqual(['jpeg', 2000, 1000, undefined]);
    expect(Buffer.from(out.bytes).includes(Buffer.from('PhoneMaker'))).toBe(false);
    const thumb = await readAll(view.stageId, 'thumbnail');
    expect(thumb.contentType).toBe('image/jpeg');
    expect((await sharp(thumb.bytes).metadata()).width).toBe(400);
  });

  it('judges an image by its re-encoded size: one still above the limit after re-encoding is refused', async () => {
    // Noise with transparency stays PNG and barely compresses: 2000 x 2000 x 4 bytes is well above 9,828,080.
    const noise = u8(await sharp(u8(randomBytes(2000 * 2000 * 4) as Buffer), { raw: { width: 2000, height: 2000, channels: 4 } }).png({ compressionLevel: 1 }).toBuffer());
    expect(noise.length).toBeGreaterThan(MAX_ATTACHMENT_PLAINTEXT_BYTES);
    const before = filesOnDisk().length;
    await expect(stage(noise, {}, { fileName: 'noise.png' })).rejects.toThrow('Files must be less than 10MB (at most 9,828,080 bytes).');
    expect(filesOnDisk()).toHaveLength(before);
  });

  it('marks a voice recording and refuses a voice message that is not audio', async () => {
    const voice = await stage(MP3, { voice: true, durationMs: 1234 }, { fileName: 'Voice message.mp3' });
    expect(voice).toMatchObject({ contentType: 'audio/mpeg', voice: true, durationMs: 1234, size: MP3.length });
    await expect(stage(new TextEncoder().encode('just some text'), { voice: true })).rejects.toThrow(/voice message must be a recording/);
  });

  it('makes a square profile picture', async () => {
    const jpeg = u8(await (await gradient(900, 500)).jpeg().withExif(GPS_EXIF).toBuffer());
    const view = await stage(jpeg, { purpose: 'avatar' });
    expect(view).toMatchObject({ width: 500, height: 500, contentType: 'image/jpeg' });
    expect((await readAll(view.stageId)).bytes.length).toBe(view.size);
    await expect(stage(new TextEncoder().encode('not a picture'), { purpose: 'avatar' })).rejects.toThrow(/not an image/);
  });

  it('unstages (files deleted) and drops every staged file at the next start', async () => {
    const a = await stage(MP3, {}, { fileName: 'a.mp3' });
    const b = await stage(MP3, {}, { fileName: 'b.mp3' });
    const half = await call('attachments.stageBegin', { size: 10, fileName: 'half' });
    await call('attachments.stageChunk', { stageId: half.stageId, offset: 0, dataBase64: b64(new Uint8Array(5)) });
    expect(filesOnDisk()).toHaveLength(3);
    await call('attachments.unstage', { stageId: a.stageId });
    expect(filesOnDisk()).toHaveLength(2);
    await expect(call('attachments.readStaged', { stageId: a.stageId })).rejects.toThrow(/no longer staged/);
    await expect(call('attachments.unstage', { stageId: a.stageId })).rejects.toThrow(/no longer staged/);
    await backend.close();
    backend = await open();
    expect(filesOnDisk()).toEqual([]);
    await expect(call('attachments.readStaged', { stageId: b.stageId })).rejects.toThrow(/no longer staged/);
  });
});

describe('the staging service', () => {
  const testDb = encryptedTestDb('staging-service-');
  let profileDir = '';
  let staging: StagingService;
  let files: FileStore;
  beforeEach(() => {
    profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'staging-service-profile-'));
    files = createFileStore({ profileDir, db: testDb.db, randomBytes: rand, log: silentLogger });
    staging = createStagingService({ store: createStagedFileStore(testDb.db), files, log: silentLogger, now: () => 1, randomBytes: rand });
  });
  afterEach(() => fs.rmSync(profileDir, { recursive: true, force: true }));

  const stageWith = async (bytes: Uint8Array, end: { voice?: boolean; purpose?: 'attachment' | 'avatar' } = {}) => {
    const { stageId } = staging.begin({ size: bytes.length, fileName: 'x' });
    staging.chunk({ stageId, offset: 0, dataBase64: b64(bytes) });
    return staging.end({ stageId, ...end });
  };

  it('hands a staged profile picture over once, then forgets it', async () => {
    const jpeg = u8(await (await gradient(300, 200)).jpeg().toBuffer());
    const view = await stageWith(jpeg, { purpose: 'avatar' });
    expect(() => staging.forSend([view.stageId])).toThrow(/profile picture, not as an attachment/);
    const taken = staging.takeAvatar(view.stageId);
    expect(taken).toMatchObject({ contentType: 'image/jpeg', width: 200, height: 200 });
    expect((await sharp(taken.bytes).metadata()).width).toBe(200);
    expect(() => staging.takeAvatar(view.stageId)).toThrow(/no longer staged/);
    expect(fs.readdirSync(files.dir).filter((f) => f !== 'staging')).toEqual([]);
  });

  it('gives a message its staged files in order and refuses unknown, repeated, unfinished or avatar stages', async () => {
    const a = await stageWith(MP3);
    const b = await stageWith(MP3, { voice: true });
    const rows = staging.forSend([b.stageId, a.stageId]);
    expect(rows.map((r) => [r.stageId, r.flags])).toEqual([[b.stageId, 1], [a.stageId, 0]]);
    expect(() => staging.forSend([a.stageId, a.stageId])).toThrow(/twice/);
    expect(() => staging.forSend(['nope'])).toThrow(/no longer staged/);
    const unfinished = staging.begin({ size: 4 });
    expect(() => staging.forSend([unfinished.stageId])).toThrow(/still being attached/);
    staging.release([a.stageId, b.stageId]);
    // Released rows queue none of their files for deletion: the files belong to the message's attachments now.
    expect(() => staging.forSend([a.stageId])).toThrow(/no longer staged/);
    expect(testDb.db.prepare('SELECT count(*) AS n FROM attachment_files_gc').get()).toEqual({ n: 0 });
  });
});
