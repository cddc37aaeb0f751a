// The at-rest attachment store on a real encrypted database and a real folder: files are sealed (no
// plaintext on disk, 0600 in a 0700 folder), a tampered or truncated file is a clear error, and every
// delete path (the message cascade and its trigger) ends with the file gone from disk after a sweep.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAttachmentStore } from '../../../../ts/backend/db/attachmentStore';
import { createConversationStore } from '../../../../ts/backend/db/conversationStore';
import { createMessagePageStore } from '../../../../ts/backend/db/messagePages';
import { createMessageStore } from '../../../../ts/backend/db/messageStore';
import { silentLogger } from '../../../../ts/backend/log';
import { createFileStore, FileStoreError, sweepOnRemovals, type FileStore } from '../../../../ts/backend/media/fileStore';
import { createEventBus } from '../../../../ts/backend/events';
import { encryptedTestDb } from '../db/testDb';

const A = `05${'aa'.repeat(32)}`;
const rand = (n: number): Uint8Array => new Uint8Array(randomBytes(n));

describe('attachment file store', () => {
  const testDb = encryptedTestDb('file-store-');
  let profileDir = '';
  let files: FileStore;
  beforeEach(() => {
    profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'file-store-profile-'));
    files = createFileStore({ profileDir, db: testDb.db, randomBytes: rand, log: silentLogger });
  });
  afterEach(() => fs.rmSync(profileDir, { recursive: true, force: true }));

  const onDisk = (id: string): string => path.join(profileDir, 'attachments', id);
  const plaintext = new TextEncoder().encode('a very recognisable plaintext '.repeat(100));

  it('seals a file at rest under a fresh key and reads it back', () => {
    const a = files.write(plaintext);
    const b = files.write(plaintext);
    expect(a.fileId).toMatch(/^[0-9a-f]{32}$/);
    expect(a.fileKey).toHaveLength(32);
    expect(a.fileId).not.toBe(b.fileId);
    expect(Buffer.from(a.fileKey).equals(Buffer.from(b.fileKey))).toBe(false);
    expect(files.read(a.fileId, a.fileKey)).toEqual(plaintext);
    const raw = fs.readFileSync(onDisk(a.fileId));
    expect(raw.includes(Buffer.from('recognisable'))).toBe(false);
    expect(raw.length).toBe(plaintext.length + 4 + 12 + 16);
    if (process.platform !== 'win32') {
      expect(fs.statSync(onDisk(a.fileId)).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.join(profileDir, 'attachments')).mode & 0o777).toBe(0o700);
    }
    // No temporary file is left beside it.
    expect(fs.readdirSync(path.join(profileDir, 'attachments')).sort()).toEqual([a.fileId, b.fileId].sort());
    // An empty file is a file too.
    const empty = files.write(new Uint8Array(0));
    expect(files.read(empty.fileId, empty.fileKey)).toEqual(new Uint8Array(0));
  });

  it('refuses a tampered, truncated, swapped or missing file with a FileStoreError, never a crash', () => {
    const a = files.write(plaintext);
    const raw = fs.readFileSync(onDisk(a.fileId));
    const expectError = (kind: string): void => {
      let caught: unknown;
      try {
        files.read(a.fileId, a.fileKey);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(FileStoreError);
      expect((caught as FileStoreError).kind).toBe(kind);
      expect((caught as FileStoreError).message).toMatch(kind === 'missing' ? /missing/ : /damaged/);
    };
    // One flipped bit in the middle.
    const flipped = Buffer.from(raw);
    flipped[200] = (flipped[200] ?? 0) ^ 1;
    fs.writeFileSync(onDisk(a.fileId), flipped);
    expectError('corrupt');
    // Cut short, down to nothing.
    fs.writeFileSync(onDisk(a.fileId), raw.subarray(0, raw.length - 1));
    expectError('corrupt');
    fs.writeFileSync(onDisk(a.fileId), raw.subarray(0, 10));
    expectError('corrupt');
    fs.writeFileSync(onDisk(a.fileId), new Uint8Array(0));
    expectError('corrupt');
    // Another file's bytes under this name (same key even) fail: the id is bound into the seal.
    const b = files.write(plaintext);
    fs.copyFileSync(onDisk(b.fileId), onDisk(a.fileId));
    expect(() => files.read(a.fileId, b.fileKey)).toThrow(FileStoreError);
    fs.writeFileSync(onDisk(a.fileId), raw);
    expect(files.read(a.fileId, a.fileKey)).toEqual(plaintext);
    // The wrong key.
    expect(() => files.read(a.fileId, b.fileKey)).toThrow(/damaged/);
    files.delete(a.fileId);
    expectError('missing');
    // Names outside the store are never touched.
    expect(() => files.read('../session.db', a.fileKey)).toThrow(FileStoreError);
    expect(() => files.delete('../../etc')).toThrow(FileStoreError);
  });

  /** A message with one attachment whose local copy (and thumbnail) are in the store. */
  const messageWithFile = (id: string, sentAt: number): { file: string; thumb: string } => {
    const messages = createMessageStore(testDb.db);
    const attachments = createAttachmentStore(testDb.db);
    createConversationStore(testDb.db).touch(A, 'private', 1);
    messages.insert({ id, conversationId: A, sender: A, direction: 'incoming', body: '', sentAt, receivedAt: 1, status: 'received' });
    const f = files.write(plaintext);
    const t = files.write(new Uint8Array([1, 2, 3]));
    attachments.insertMany([
      { messageId: id, index: 0, contentType: 'image/png', size: plaintext.length, state: 'downloaded', fileId: f.fileId, fileKey: f.fileKey, thumbId: t.fileId, thumbKey: t.fileKey },
    ]);
    return { file: f.fileId, thumb: t.fileId };
  };

  it('deletes the files of deleted messages (by id, by conversation, with the conversation) at the next sweep', () => {
    const m1 = messageWithFile('m1', 10);
    const m2 = messageWithFile('m2', 11);
    const m3 = messageWithFile('m3', 12);
    const m4 = messageWithFile('m4', 13);
    expect(files.sweep()).toBe(0);
    createMessageStore(testDb.db).deleteByIds(['m1']);
    expect(fs.existsSync(onDisk(m1.file))).toBe(true);
    expect(files.sweep()).toBe(2);
    expect(fs.existsSync(onDisk(m1.file))).toBe(false);
    expect(fs.existsSync(onDisk(m1.thumb))).toBe(false);
    expect(fs.existsSync(onDisk(m2.file))).toBe(true);
    // The queue is empty afterwards.
    expect(testDb.db.prepare('SELECT count(*) AS n FROM attachment_files_gc').get()).toEqual({ n: 0 });

    createMessagePageStore(testDb.db).deleteByConversation(A);
    expect(files.sweep()).toBe(6);
    for (const m of [m2, m3, m4]) expect(fs.existsSync(onDisk(m.file))).toBe(false);

    const m5 = messageWithFile('m5', 14);
    createConversationStore(testDb.db).remove(A);
    expect(files.sweep()).toBe(2);
    expect(fs.existsSync(onDisk(m5.file))).toBe(false);
  });

  it('keeps a queued file some row still references (a staged file moved to its message)', () => {
    const m = messageWithFile('m1', 10);
    testDb.db.prepare('INSERT INTO staged_files (stage_id, purpose, content_type, expected, file_id, created_at) VALUES (?, ?, ?, ?, ?, ?)').run('s1', 'attachment', 'image/png', 3, m.file, 1);
    testDb.db.prepare('DELETE FROM staged_files').run();
    expect(files.sweep()).toBe(0);
    expect(fs.existsSync(onDisk(m.file))).toBe(true);
    expect(testDb.db.prepare('SELECT count(*) AS n FROM attachment_files_gc').get()).toEqual({ n: 0 });
  });

  it('removes unreferenced files, temporary leftovers and staging files at start, and nothing else', () => {
    const kept = messageWithFile('m1', 10);
    const orphan = files.write(plaintext);
    const attachmentsDir = path.join(profileDir, 'attachments');
    fs.writeFileSync(path.join(attachmentsDir, `${'ab'.repeat(16)}.tmp`), 'half');
    fs.writeFileSync(path.join(files.stagingDir(), 'chunk'), 'x');
    fs.writeFileSync(path.join(attachmentsDir, 'README'), 'not ours');
    expect(files.sweepAtStart()).toBe(2);
    expect(fs.readdirSync(attachmentsDir).sort()).toEqual([kept.file, kept.thumb, 'README'].sort());
    expect(files.exists(orphan.fileId)).toBe(false);
  });

  it('sweeps after a messages.removed event, once per burst', async () => {
    const bus = createEventBus(silentLogger);
    const stop = sweepOnRemovals(files, bus, silentLogger);
    const m = messageWithFile('m1', 10);
    createMessageStore(testDb.db).deleteByIds(['m1']);
    bus.emit('messages.removed', { conversationId: A, ids: ['m1'] });
    bus.emit('conversations.removed', { ids: [A] });
    await new Promise((r) => setImmediate(r));
    expect(fs.existsSync(onDisk(m.file))).toBe(false);
    stop();
  });
});
