// The unread count of a conversation summary is answered from an index on the conversation's own
// messages (not by scanning every incoming message), and still counts the right rows.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createConversationStore } from '../../../../ts/backend/db/conversationStore';
import { openEncryptedDatabase, type Db } from '../../../../ts/backend/db/database';
import { createMessageStore } from '../../../../ts/backend/db/messageStore';
import { runMigrations } from '../../../../ts/backend/db/migrate';
import { MIGRATIONS } from '../../../../ts/backend/db/migrations';

const A = `05${'aa'.repeat(32)}`;
const B = `05${'bb'.repeat(32)}`;

describe('unread count index', () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unread-'));
    db = openEncryptedDatabase(path.join(dir, 'test.db'), new Uint8Array(32).fill(5));
    runMigrations(db, MIGRATIONS);
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('plans the per-conversation unread count on messages_unread', () => {
    const plan = db
      .prepare<[string], { detail: string }>(
        "EXPLAIN QUERY PLAN SELECT count(*) FROM messages m WHERE m.conversation_id = ? AND m.direction = 'incoming' AND m.status = 'received'",
      )
      .all(A)
      .map((r) => r.detail);
    expect(plan.join('\n')).toMatch(/USING COVERING INDEX messages_unread \(conversation_id=\? AND direction=\? AND status=\?\)/);
  });

  it('counts only the conversation own received incoming messages', () => {
    const conversations = createConversationStore(db);
    const messages = createMessageStore(db);
    conversations.touch(A, 'private', 1);
    conversations.touch(B, 'private', 1);
    const base = { receivedAt: 2, body: 'x' };
    messages.insert({ ...base, id: 'a1', conversationId: A, sender: A, direction: 'incoming', status: 'received', sentAt: 10 });
    messages.insert({ ...base, id: 'a2', conversationId: A, sender: A, direction: 'incoming', status: 'received', sentAt: 11 });
    messages.insert({ ...base, id: 'b1', conversationId: B, sender: B, direction: 'incoming', status: 'received', sentAt: 12 });
    expect(conversations.get(A)?.unreadCount).toBe(2);
    expect(conversations.get(B)?.unreadCount).toBe(1);
  });
});
