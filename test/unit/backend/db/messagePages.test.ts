// Cursor pages of a conversation on the real encrypted database: ordered by (sent_at, seq) with ties in
// the same millisecond kept in arrival order, each page found through the conversation index.
import { createConversationStore } from '../../../../ts/backend/db/conversationStore';
import { PAGE_SQL, createMessagePageStore, type MessagePageStore } from '../../../../ts/backend/db/messagePages';
import { createMessageStore, type MessageStore } from '../../../../ts/backend/db/messageStore';
import { encryptedTestDb } from './testDb';

const A = `05${'aa'.repeat(32)}`;
const B = `05${'bb'.repeat(32)}`;
const ME = `05${'ee'.repeat(32)}`;

describe('message pages', () => {
  const testDb = encryptedTestDb('pages-');
  let messages: MessageStore;
  let pages: MessagePageStore;
  /** ids in conversation order: m0..m119; every 10th pair shares a millisecond. */
  const order: string[] = [];
  beforeEach(() => {
    messages = createMessageStore(testDb.db);
    pages = createMessagePageStore(testDb.db);
    const conversations = createConversationStore(testDb.db);
    conversations.touch(A, 'private', 1);
    conversations.touch(B, 'private', 1);
    order.length = 0;
    let t = 1_000;
    for (let i = 0; i < 120; i++) {
      // Pairs with the same timestamp come from different senders (sender+timestamp is unique).
      const sameAsPrevious = i % 10 === 1;
      if (!sameAsPrevious) t += 1_000;
      const incoming = i % 2 === 0;
      messages.insert({
        id: `m${i}`,
        conversationId: A,
        sender: incoming ? A : ME,
        direction: incoming ? 'incoming' : 'outgoing',
        body: `text ${i}`,
        sentAt: t,
        receivedAt: t,
        // The first 100 are read; from m100 on the incoming ones are unread.
        status: incoming ? (i >= 100 ? 'received' : 'read') : 'sent',
      });
      order.push(`m${i}`);
    }
    // Another conversation's messages never leak into A's pages.
    messages.insert({ id: 'other', conversationId: B, sender: B, direction: 'incoming', body: 'x', sentAt: 50_000, receivedAt: 1, status: 'received' });
  });

  const ids = (p: { messages: { id: string }[] } | undefined) => p?.messages.map((m) => m.id);

  it('gives the newest page first, then older pages by the before cursor, down to the oldest', () => {
    const newest = pages.page(A, {}, 50);
    expect(ids(newest)).toEqual(order.slice(70, 120));
    expect(newest).toMatchObject({ hasOlder: true, hasNewer: false, firstUnreadId: 'm100' });
    const older = pages.page(A, { before: 'm70' }, 50);
    expect(ids(older)).toEqual(order.slice(20, 70));
    expect(older).toMatchObject({ hasOlder: true, hasNewer: true });
    const oldest = pages.page(A, { before: 'm20' }, 50);
    expect(ids(oldest)).toEqual(order.slice(0, 20));
    expect(oldest).toMatchObject({ hasOlder: false, hasNewer: true });
    // Walking the whole conversation backwards visits every message exactly once, in order.
    const seen: string[] = [];
    let cursor: { before: string } | Record<string, never> = {};
    for (;;) {
      const p = pages.page(A, cursor, 7);
      if (!p) throw new Error('page missing');
      seen.unshift(...p.messages.map((m) => m.id));
      if (!p.hasOlder) break;
      cursor = { before: p.messages[0]?.id as string };
    }
    expect(seen).toEqual(order);
  });

  it('keeps messages of the same millisecond in arrival order across a page boundary', () => {
    // m10 and m11 share a timestamp: a page ending between them must not lose or repeat either.
    const p = pages.page(A, { before: 'm11' }, 3);
    expect(ids(p)).toEqual(['m8', 'm9', 'm10']);
    expect(ids(pages.page(A, { after: 'm10' }, 3))).toEqual(['m11', 'm12', 'm13']);
  });

  it('gives newer pages by the after cursor', () => {
    const p = pages.page(A, { after: 'm60' }, 50);
    expect(ids(p)).toEqual(order.slice(61, 111));
    expect(p).toMatchObject({ hasOlder: true, hasNewer: true });
    const last = pages.page(A, { after: 'm110' }, 50);
    expect(ids(last)).toEqual(order.slice(111));
    expect(last).toMatchObject({ hasOlder: true, hasNewer: false });
  });

  it('centres a page on a message, giving a short side room to the other', () => {
    const mid = pages.page(A, { around: 'm60' }, 11);
    expect(ids(mid)).toEqual(order.slice(55, 66));
    expect(mid).toMatchObject({ hasOlder: true, hasNewer: true });
    const nearStart = pages.page(A, { around: 'm2' }, 11);
    expect(ids(nearStart)).toEqual(order.slice(0, 11));
    expect(nearStart).toMatchObject({ hasOlder: false, hasNewer: true });
    const nearEnd = pages.page(A, { around: 'm118' }, 11);
    expect(ids(nearEnd)).toEqual(order.slice(109, 120));
    expect(nearEnd).toMatchObject({ hasOlder: true, hasNewer: false });
    expect(ids(pages.page(A, { around: 'm60' }, 1))).toEqual(['m60']);
  });

  it('refuses a cursor that is not a message of this conversation', () => {
    expect(pages.page(A, { before: 'other' }, 10)).toBeUndefined();
    expect(pages.page(A, { around: 'nope' }, 10)).toBeUndefined();
    expect(pages.page(B, {}, 10)).toMatchObject({ hasOlder: false, hasNewer: false, firstUnreadId: 'other' });
  });

  it('finds the oldest unread incoming message wherever it is, and none once all are read', () => {
    expect(pages.firstUnreadId(A)).toBe('m100');
    messages.markRead(A, 0);
    expect(pages.firstUnreadId(A)).toBeUndefined();
    expect(pages.page(A, {}, 5)?.firstUnreadId).toBeUndefined();
  });

  it('plans every page query on an index, never a full scan or a sort', () => {
    const plan = (sql: string, params: unknown[] | Record<string, unknown>) =>
      (testDb.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail).join('\n');
    const queries = [
      plan(PAGE_SQL.newest, [A, 51]),
      plan(PAGE_SQL.older, { c: A, t: 5, seq: 5, n: 51 }),
      plan(PAGE_SQL.newer, { c: A, t: 5, seq: 5, n: 51 }),
      plan(PAGE_SQL.firstUnread, [A]),
    ];
    for (const q of queries) {
      expect(q).toMatch(/SEARCH messages USING (COVERING )?INDEX messages_(conversation|unread)/);
      expect(q).not.toMatch(/SCAN messages/);
      expect(q).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('deletes a whole conversation with its full-text rows and nothing of another', () => {
    const removed = pages.deleteByConversation(A);
    expect(removed.sort()).toEqual([...order].sort());
    expect(pages.page(A, {}, 10)?.messages).toEqual([]);
    expect(messages.get('other')).toBeDefined();
    const fts = testDb.db.prepare<[], { n: number }>("SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH 'text'").get();
    expect(fts?.n).toBe(0);
  });
});
