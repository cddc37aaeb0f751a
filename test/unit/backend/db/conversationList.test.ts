// The conversation list is built by one statement (newest message, unread count and contact fields of
// every conversation together), not one query per conversation, and its summaries are right.
import type Database from 'better-sqlite3-multiple-ciphers';
import { CONVERSATION_LIST_SQL, createConversationStore } from '../../../../ts/backend/db/conversationStore';
import type { Db } from '../../../../ts/backend/db/database';
import { createMessageStore } from '../../../../ts/backend/db/messageStore';
import { createEventBus } from '../../../../ts/backend/events';
import { silentLogger } from '../../../../ts/backend/log';
import { createConversationsService } from '../../../../ts/backend/services/conversations';
import { encryptedTestDb } from './testDb';

const ME = `05${'ee'.repeat(32)}`;
const peer = (i: number) => `05${i.toString(16).padStart(64, '0')}`;

/** Wraps db.prepare so every execution of every statement prepared afterwards is counted. */
function countExecutions(db: Db): { count: number } {
  const counter = { count: 0 };
  const prepare = db.prepare.bind(db);
  (db as { prepare: unknown }).prepare = (sql: string) => {
    const stmt = prepare(sql) as Database.Statement;
    for (const m of ['run', 'get', 'all', 'iterate'] as const) {
      const original = stmt[m].bind(stmt) as (...a: unknown[]) => unknown;
      (stmt as unknown as Record<string, unknown>)[m] = (...a: unknown[]) => {
        counter.count++;
        return original(...a);
      };
    }
    return stmt;
  };
  return counter;
}

describe('conversation list query', () => {
  const testDb = encryptedTestDb('convlist-');

  it('builds 60 summaries with one statement execution, each with the right last message, unread count and contact fields', () => {
    const counter = countExecutions(testDb.db);
    const store = createConversationStore(testDb.db);
    const messages = createMessageStore(testDb.db);
    const service = createConversationsService({ db: testDb.db, store, messages, events: createEventBus(silentLogger), now: () => 1 });
    for (let i = 1; i <= 60; i++) {
      const id = peer(i);
      store.touch(id, 'private', 1_000 + i);
      // i incoming messages, the newest i % 3 of them unread; a reply from us last for even i.
      for (let k = 0; k < i; k++) {
        messages.insert({ id: `${i}-${k}`, conversationId: id, sender: id, direction: 'incoming', body: `from ${i} #${k}`, sentAt: 10_000 + k, receivedAt: 1, status: k >= i - (i % 3) ? 'received' : 'read' });
      }
      if (i % 2 === 0) messages.insert({ id: `${i}-me`, conversationId: id, sender: ME, direction: 'outgoing', body: `reply ${i}`, sentAt: 10_000 + i, receivedAt: 1, status: 'sent' });
      store.updateContact(id, { isApproved: i % 5 !== 0, didApproveMe: true, ...(i % 4 === 0 ? { profileName: `Peer ${i}` } : {}) }, 1);
    }
    store.setNotificationMode(peer(7), 'mute', 1);
    store.setDraft(peer(8), 'half a thought');
    store.setBlocked(peer(9), true, 1);

    counter.count = 0;
    const list = service.list();
    expect(counter.count).toBe(1);

    expect(list).toHaveLength(60);
    // Newest conversation first.
    expect(list[0]?.id).toBe(peer(60));
    for (const s of list) {
      const i = Number.parseInt(s.id.slice(2), 16);
      expect(s.unreadCount).toBe(i % 3);
      expect(s.lastMessage?.text).toBe(i % 2 === 0 ? `reply ${i}` : `from ${i} #${i - 1}`);
      expect(s.isRequest).toBe(i % 5 === 0 && i !== 9);
      expect(s.name).toBe(i % 4 === 0 ? `Peer ${i}` : undefined);
      expect(s.notificationMode).toBe(i === 7 ? 'mute' : 'all');
      expect(s.draft).toBe(i === 8 ? 'half a thought' : undefined);
      expect(s.isBlocked).toBe(i === 9);
    }

    // The requests view and summaries of some ids are single statements too.
    counter.count = 0;
    expect(service.list({ requests: true }).map((s) => s.id)).toEqual([60, 55, 50, 45, 40, 35, 30, 25, 20, 15, 10, 5].map(peer));
    expect(counter.count).toBe(1);
    counter.count = 0;
    expect(service.summaries([peer(3), peer(4), peer(3)]).map((s) => s.id).sort()).toEqual([peer(3), peer(4)].sort());
    expect(counter.count).toBe(1);
  });

  it('lists a conversation without messages with no last message, and hides a blocked request', () => {
    const store = createConversationStore(testDb.db);
    const service = createConversationsService({ db: testDb.db, store, messages: createMessageStore(testDb.db), events: createEventBus(silentLogger), now: () => 1 });
    store.touch(peer(1), 'private', 5);
    store.touch(peer(2), 'private', 6);
    store.setBlocked(peer(2), true, 1);
    expect(service.list()).toEqual([
      { id: peer(1), kind: 'private', isApproved: false, isRequest: true, isBlocked: false, unreadCount: 0, updatedAt: 5, notificationMode: 'all' },
    ]);
  });

  it('plans the newest message and the unread count of each conversation on indexes', () => {
    const plan = (testDb.db.prepare(`EXPLAIN QUERY PLAN ${CONVERSATION_LIST_SQL}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan).toMatch(/SEARCH s USING (COVERING )?INDEX messages_conversation/);
    expect(plan).toMatch(/SEARCH u USING COVERING INDEX messages_unread/);
    expect(plan).toMatch(/SEARCH lm USING INTEGER PRIMARY KEY/);
    expect(plan).not.toMatch(/SCAN (s|u|lm)\b/);
  });
});
