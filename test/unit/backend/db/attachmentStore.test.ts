// Attachment rows on the real encrypted database: inserted, updated and read back, and carried by every
// message view the stores build (get, list, takeNew, pages, the conversation list's last message) through
// one batched query per page that uses the primary key; running transfers show their in-memory progress.
import {
  ATTACHMENTS_OF_MESSAGES_SQL,
  createAttachmentStore,
  createTransferProgress,
  toAttachmentView,
  type AttachmentStore,
  type TransferProgress,
} from '../../../../ts/backend/db/attachmentStore';
import { createConversationStore } from '../../../../ts/backend/db/conversationStore';
import { createMessagePageStore } from '../../../../ts/backend/db/messagePages';
import { createMessageStore, type MessageStore } from '../../../../ts/backend/db/messageStore';
import { encryptedTestDb } from './testDb';

const A = `05${'aa'.repeat(32)}`;

describe('attachment rows', () => {
  const testDb = encryptedTestDb('attachment-rows-');
  let messages: MessageStore;
  let attachments: AttachmentStore;
  let progress: TransferProgress;
  beforeEach(() => {
    progress = createTransferProgress();
    messages = createMessageStore(testDb.db, progress);
    attachments = createAttachmentStore(testDb.db, progress);
    createConversationStore(testDb.db).touch(A, 'private', 1);
    for (let i = 0; i < 5; i++) {
      messages.insert({ id: `m${i}`, conversationId: A, sender: A, direction: 'incoming', body: `t${i}`, sentAt: 100 + i, receivedAt: 1, status: 'received' });
    }
    attachments.insertMany([
      { messageId: 'm1', index: 1, contentType: 'audio/mpeg', size: 20, state: 'not-downloaded', flags: 1, durationMs: 3000, url: 'http://f/1', remoteKey: new Uint8Array(64).fill(7), digest: new Uint8Array(32).fill(8) },
      { messageId: 'm1', index: 0, contentType: 'image/jpeg', size: 10, state: 'downloaded', fileName: 'a.jpg', width: 4, height: 3, caption: 'hi', fileId: 'f'.repeat(32), fileKey: new Uint8Array(32).fill(1), thumbId: 'e'.repeat(32), thumbKey: new Uint8Array(32).fill(2) },
      { messageId: 'm3', index: 0, contentType: 'application/pdf', size: 30, state: 'uploading', fileName: 'x.pdf' },
    ]);
  });

  it('reads rows back with their bytes and updates chosen columns (null clears)', () => {
    const rows = attachments.forMessage('m1');
    expect(rows.map((r) => r.index)).toEqual([0, 1]);
    expect(rows[1]).toMatchObject({ flags: 1, durationMs: 3000, url: 'http://f/1', state: 'not-downloaded', fileId: null });
    expect(rows[1]?.remoteKey).toEqual(new Uint8Array(64).fill(7));
    expect(rows[0]?.fileKey).toEqual(new Uint8Array(32).fill(1));
    expect(attachments.update('m1', 1, { state: 'failed', error: 'Bad MAC', attempts: 2 })).toBe(true);
    expect(attachments.get('m1', 1)).toMatchObject({ state: 'failed', error: 'Bad MAC', attempts: 2, url: 'http://f/1' });
    expect(attachments.update('m1', 1, { state: 'downloaded', error: null, sha256: new Uint8Array(32).fill(9) })).toBe(true);
    expect(attachments.get('m1', 1)).toMatchObject({ state: 'downloaded', error: null });
    expect(attachments.get('m1', 1)?.sha256).toEqual(new Uint8Array(32).fill(9));
    expect(attachments.update('nope', 0, { state: 'failed' })).toBe(false);
    const many = attachments.forMessages(['m0', 'm1', 'm3', 'missing']);
    expect([...many.keys()].sort()).toEqual(['m1', 'm3']);
    expect(many.get('m1')?.map((r) => r.index)).toEqual([0, 1]);
    // The schema's own checks stay in force.
    expect(() => attachments.insertMany([{ messageId: 'm0', index: 33, contentType: 'x/y', size: 1, state: 'queued' }])).toThrow();
    expect(() => attachments.insertMany([{ messageId: 'gone', index: 0, contentType: 'x/y', size: 1, state: 'queued' }])).toThrow();
  });

  it('maps a row to the contract view', () => {
    const [image, voice] = attachments.forMessage('m1');
    expect(toAttachmentView(image!)).toEqual({
      index: 0,
      fileName: 'a.jpg',
      contentType: 'image/jpeg',
      size: 10,
      width: 4,
      height: 3,
      caption: 'hi',
      voice: false,
      state: 'downloaded',
      hasThumbnail: true,
    });
    expect(toAttachmentView(voice!)).toEqual({ index: 1, contentType: 'audio/mpeg', size: 20, voice: true, durationMs: 3000, state: 'not-downloaded', hasThumbnail: false });
  });

  it('gives every message view its attachments, with the progress of running transfers', () => {
    progress.set('m3', 0, 0.25);
    // Progress of a finished transfer is not shown.
    progress.set('m1', 0, 0.5);
    expect(messages.get('m0')?.attachments).toBeUndefined();
    expect(messages.get('m1')?.attachments?.map((a) => a.index)).toEqual([0, 1]);
    expect(messages.get('m1')?.attachments?.[0]?.progress).toBeUndefined();
    expect(messages.get('m3')?.attachments).toEqual([{ index: 0, fileName: 'x.pdf', contentType: 'application/pdf', size: 30, voice: false, state: 'uploading', progress: 0.25, hasThumbnail: false }]);
    expect(messages.last(A)?.id).toBe('m4');
    const listed = messages.list(A, undefined, 10);
    expect(listed.map((m) => m.attachments?.length ?? 0)).toEqual([0, 2, 0, 1, 0]);
    const taken = testDb.db.transaction(() => messages.takeNew('test'))();
    expect(taken.map((m) => m.attachments?.length ?? 0)).toEqual([0, 2, 0, 1, 0]);
    const page = createMessagePageStore(testDb.db, progress).page(A, { before: 'm4' }, 3);
    expect(page?.messages.map((m) => [m.id, m.attachments?.length ?? 0])).toEqual([['m1', 2], ['m2', 0], ['m3', 1]]);
    expect(page?.messages[2]?.attachments?.[0]?.progress).toBe(0.25);
    progress.clear('m3');
    expect(messages.get('m3')?.attachments?.[0]?.progress).toBeUndefined();
    // The conversation list's last message too.
    messages.insert({ id: 'm9', conversationId: A, sender: A, direction: 'incoming', body: '', sentAt: 200, receivedAt: 1, status: 'received' });
    attachments.insertMany([{ messageId: 'm9', index: 0, contentType: 'image/png', size: 1, state: 'queued' }]);
    const list = createConversationStore(testDb.db).listWithLastMessage();
    expect(list[0]?.lastMessage?.attachments).toEqual([{ index: 0, contentType: 'image/png', size: 1, voice: false, state: 'queued', hasThumbnail: false }]);
  });

  it('reads a page of attachments in one statement through the primary key', () => {
    const plan = testDb.db
      .prepare<[string], { detail: string }>(`EXPLAIN QUERY PLAN ${ATTACHMENTS_OF_MESSAGES_SQL}`)
      .all('[]')
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toMatch(/SEARCH attachments USING PRIMARY KEY \(message_id=\?\)/);
    expect(plan).not.toMatch(/SCAN attachments/);
  });
});
