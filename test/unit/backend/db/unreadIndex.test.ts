// The unread count of a conversation summary is answered from an index on the conversation's own
// messages (not by scanning every incoming message), and still counts the right rows.
import { createConversationStore } from '../../../../ts/backend/db/conversationStore';
import { createMessageStore } from '../../../../ts/backend/db/messageStore';
import { encryptedTestDb } from './testDb';

const A = `05${'aa'.repeat(32)}`;
const B = `05${'bb'.repeat(32)}`;

describe('unread count index', () => {
  const testDb = encryptedTestDb('unread-');

  it('plans the per-conversation unread count on messages_unread', () => {
    const plan = testDb.db
      .prepare<[string], { detail: string }>(
        "EXPLAIN QUERY PLAN SELECT count(*) FROM messages m WHERE m.conversation_id = ? AND m.direction = 'incoming' AND m.status = 'received'",
      )
      .all(A)
      .map((r) => r.detail);
    expect(plan.join('\n')).toMatch(/USING COVERING INDEX messages_unread \(conversation_id=\? AND direction=\? AND status=\?\)/);
  });

  it('counts only the conversation own received incoming messages', () => {
    const conversations = createConversationStore(testDb.db);
    const messages = createMessageStore(testDb.db);
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
