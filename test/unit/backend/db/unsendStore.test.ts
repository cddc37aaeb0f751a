// "Deleted for everyone" placeholders on a real encrypted database: the row stays under its identity, and
// everything it said goes in one call (body and its full-text entry, raw Content, attachments with their
// files queued for the sweeper, quote, preview, reactions, content that refers to it, its outbox rows),
// while unsend tombstones and other messages stay. Read receipts' queries on the same schema.
import { createAttachmentStore } from '../../../../ts/backend/db/attachmentStore';
import { createConversationStore } from '../../../../ts/backend/db/conversationStore';
import { createMessageStore } from '../../../../ts/backend/db/messageStore';
import { createReceiptStore } from '../../../../ts/backend/db/receiptStore';
import { createReceivedContentStore } from '../../../../ts/backend/db/receivedContentStore';
import { createUnsendStore } from '../../../../ts/backend/db/unsendStore';
import { encryptedTestDb } from './testDb';

const ME = `05${'11'.repeat(32)}`;
const PEER = `05${'22'.repeat(32)}`;
const T0 = 1_780_000_000_000;

describe('unsend placeholders and receipt queries', () => {
  const t = encryptedTestDb('unsend-store-');

  const setup = () => {
    const db = t.db;
    const messages = createMessageStore(db);
    createConversationStore(db).touch(PEER, 'private', T0);
    const insert = (id: string, body: string, sentAt: number, extra: object = {}) =>
      messages.insert({ id, conversationId: PEER, sender: ME, direction: 'outgoing', body, sentAt, receivedAt: sentAt, status: 'sent', content: new Uint8Array([1, 2, 3]), ...extra });
    return { db, messages, insert, unsend: createUnsendStore(db), received: createReceivedContentStore(db), attachments: createAttachmentStore(db), receipts: createReceiptStore(db) };
  };
  const count = (sql: string, ...args: unknown[]): number => (t.db.prepare(sql).get(...args) as { n: number }).n;

  it('erases everything a message said and keeps the row, once', () => {
    const s = setup();
    s.insert('m1', 'kilo-secret words', T0, { quote: { author: PEER, sentAt: T0 - 5 }, preview: { url: 'https://example.org/kilo', title: 'kilo title' }, unsupported: ['unknown'] });
    s.insert('m2', 'lima stays', T0 + 1);
    s.attachments.insertMany([
      { messageId: 'm1', index: 0, contentType: 'image/jpeg', size: 10, state: 'downloaded', fileId: 'file-a', thumbId: 'thumb-a' },
      { messageId: 'm1', index: 32, contentType: 'image/jpeg', size: 10, state: 'downloaded', fileId: 'file-p' },
    ]);
    t.db.prepare(`INSERT INTO reactions (target_sender, target_sent_at, emoji, reactor, action, sent_at, conversation_id) VALUES (?, ?, '👍', ?, 'react', ?, ?)`).run(ME, T0, PEER, T0 + 9, PEER);
    s.received.insert({ sender: PEER, sentAt: T0 + 9, conversationId: PEER, kind: 'reaction', content: new Uint8Array([9]), receivedAt: T0 + 9, target: { sender: ME, sentAt: T0 } });
    s.received.insert({ sender: ME, sentAt: T0 + 10, conversationId: PEER, kind: 'unsend', content: new Uint8Array([8]), receivedAt: T0 + 10, target: { sender: ME, sentAt: T0 } });
    s.messages.enqueue({ messageId: 'm1', kind: 'sync', destination: ME, nextAttemptAt: 0 });
    s.messages.enqueue({ messageId: 'm2', kind: 'sync', destination: ME, nextAttemptAt: 0 });
    expect(count(`SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH '"kilo"'`)).toBe(1);

    expect(s.unsend.placeholders(['m1'])).toEqual([{ id: 'm1', conversationId: PEER }]);
    const row = t.db.prepare('SELECT body, content, unsupported, quote_author, quote_sent_at, preview_url, preview_title, deleted, sender, sent_at FROM messages WHERE id = ?').get('m1');
    expect(row).toEqual({ body: '', content: null, unsupported: null, quote_author: null, quote_sent_at: null, preview_url: null, preview_title: null, deleted: 1, sender: ME, sent_at: T0 });
    expect(s.messages.get('m1')).toMatchObject({ text: '', deleted: true });
    expect(s.messages.get('m1')?.attachments).toBeUndefined();
    expect(s.messages.get('m1')?.quote).toBeUndefined();
    expect(s.messages.get('m1')?.preview).toBeUndefined();
    expect(count(`SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH '"kilo"'`)).toBe(0);
    expect(count('SELECT count(*) AS n FROM attachments WHERE message_id = ?', 'm1')).toBe(0);
    expect(t.db.prepare('SELECT file_id FROM attachment_files_gc ORDER BY file_id').all()).toEqual([{ file_id: 'file-a' }, { file_id: 'file-p' }, { file_id: 'thumb-a' }]);
    expect(count('SELECT count(*) AS n FROM reactions')).toBe(0);
    expect(s.received.get(PEER, T0 + 9)).toBeUndefined();
    expect(s.received.get(ME, T0 + 10)).toMatchObject({ kind: 'unsend' });
    expect(t.db.prepare('SELECT message_id FROM outbox').all()).toEqual([{ message_id: 'm2' }]);
    // The other message is untouched; a second call changes nothing.
    expect(s.messages.get('m2')).toMatchObject({ text: 'lima stays' });
    expect(s.messages.rawContent('m2')).toEqual(new Uint8Array([1, 2, 3]));
    expect(s.unsend.placeholders(['m1', 'missing'])).toEqual([]);
  });

  it('marks read only our sent messages named by a receipt, and lists what reading newly marked read', () => {
    const s = setup();
    s.insert('a', 'one', T0);
    s.insert('b', 'two', T0 + 1);
    s.insert('c', 'sending', T0 + 2, { status: 'sending' });
    s.messages.insert({ id: 'd', conversationId: PEER, sender: PEER, direction: 'incoming', body: 'theirs', sentAt: T0 + 3, receivedAt: T0 + 3, status: 'received' });
    expect(s.receipts.markOutgoingRead(PEER, ME, [T0 + 1, T0 + 2, T0 + 3, T0 + 99])).toEqual([{ id: 'b', conversationId: PEER }]);
    expect(s.messages.get('b')?.status).toBe('read');
    expect(s.messages.get('a')?.status).toBe('sent');
    expect(s.messages.get('c')?.status).toBe('sending');
    expect(s.messages.get('d')?.status).toBe('received');
    // Another conversation's receipt does not touch these.
    expect(s.receipts.markOutgoingRead(`05${'33'.repeat(32)}`, ME, [T0])).toEqual([]);

    expect(s.receipts.unreadIncoming(PEER)).toEqual([{ id: 'd', sentAt: T0 + 3 }]);
    expect(s.receipts.readAmong(['d'])).toEqual([]);
    s.messages.markRead(PEER, T0 + 100);
    expect(s.receipts.readAmong(['d'])).toEqual([{ id: 'd', sentAt: T0 + 3 }]);
  });
});
