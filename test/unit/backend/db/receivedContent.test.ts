// Migration 5 on a database that already holds messages, and the storage rules around it: older messages
// read as before, the sweeper's and the tombstone lookups use their indexes, and deleting a message or a
// conversation takes the content that refers to it along (unsend tombstones excepted).
import { createConversationStore } from '../../../../ts/backend/db/conversationStore';
import { createMessageStore } from '../../../../ts/backend/db/messageStore';
import { getSchemaVersion, runMigrations } from '../../../../ts/backend/db/migrate';
import { MIGRATIONS } from '../../../../ts/backend/db/migrations';
import { createReceivedContentStore } from '../../../../ts/backend/db/receivedContentStore';
import { encryptedTestDb } from './testDb';

const A = `05${'aa'.repeat(32)}`;
const B = `05${'bb'.repeat(32)}`;

describe('received content storage (migration 5)', () => {
  const testDb = encryptedTestDb('received-content-', { migrate: false });

  it('upgrades a version-4 database with messages; they read as before', () => {
    runMigrations(testDb.db, MIGRATIONS.slice(0, 4));
    testDb.db.prepare("INSERT INTO conversations (id, kind, created_at, updated_at) VALUES (?, 'private', 1, 1)").run(A);
    testDb.db.prepare("INSERT INTO messages (id, conversation_id, sender, direction, body, sent_at, received_at, status) VALUES ('old', ?, ?, 'incoming', 'from v4', 10, 11, 'received')").run(A, A);
    expect(runMigrations(testDb.db, MIGRATIONS)).toEqual([5, ...MIGRATIONS.slice(5).map((m) => m.version)]);
    expect(getSchemaVersion(testDb.db)).toBe(MIGRATIONS.length);
    const messages = createMessageStore(testDb.db);
    expect(messages.get('old')).toEqual({ id: 'old', conversationId: A, sender: A, direction: 'incoming', text: 'from v4', timestamp: 10, receivedAt: 11, status: 'received' });
    expect(messages.rawContent('old')).toBeUndefined();
    expect(messages.markRead(A, 1_000)).toEqual(['old']);
    expect(messages.get('old')?.expiresAt).toBeUndefined();
  });

  it('reads an unexpected stored part list as "unknown" instead of passing it to the UI', () => {
    runMigrations(testDb.db, MIGRATIONS);
    createConversationStore(testDb.db).touch(A, 'private', 1);
    const messages = createMessageStore(testDb.db);
    messages.insert({ id: 'm', conversationId: A, sender: A, direction: 'incoming', body: '', sentAt: 1, receivedAt: 2, status: 'received', unsupported: ['attachments', 'quote'] });
    expect(messages.get('m')?.unsupported).toEqual(['attachments', 'quote']);
    testDb.db.prepare(`UPDATE messages SET unsupported = '["attachments","stickers",7]' WHERE id = 'm'`).run();
    expect(messages.get('m')?.unsupported).toEqual(['attachments', 'unknown']);
    testDb.db.prepare(`UPDATE messages SET unsupported = 'not json' WHERE id = 'm'`).run();
    expect(messages.get('m')?.unsupported).toEqual(['unknown']);
  });

  it('deleting a message deletes what refers to it except unsend tombstones; deleting a conversation deletes its content', () => {
    runMigrations(testDb.db, MIGRATIONS);
    createConversationStore(testDb.db).touch(A, 'private', 1);
    const messages = createMessageStore(testDb.db);
    const received = createReceivedContentStore(testDb.db);
    messages.insert({ id: 'm', conversationId: A, sender: A, direction: 'incoming', body: 'x', sentAt: 100, receivedAt: 2, status: 'received' });
    const base = { conversationId: A, content: new Uint8Array([1, 2, 3]), receivedAt: 5 };
    expect(received.insert({ ...base, sender: B, sentAt: 200, kind: 'reaction', target: { sender: A, sentAt: 100 } })).toBe(true);
    expect(received.insert({ ...base, sender: A, sentAt: 201, kind: 'unsend', target: { sender: A, sentAt: 100 } })).toBe(true);
    expect(received.insert({ ...base, sender: A, sentAt: 202, kind: 'read-receipt' })).toBe(true);
    expect(received.insert({ ...base, sender: A, sentAt: 202, kind: 'read-receipt' })).toBe(false);
    expect(received.unsentAmong([{ sender: A, sentAt: 100 }, { sender: A, sentAt: 101 }])).toEqual(new Set([`${A}|100`]));
    messages.deleteByIds(['m']);
    expect(received.listForConversation(A).map((c) => c.kind)).toEqual(['unsend', 'read-receipt']);
    testDb.db.prepare('DELETE FROM conversations WHERE id = ?').run(A);
    expect(received.listForConversation(A)).toEqual([]);
  });

  it('finds due rows and tombstones through their indexes', () => {
    runMigrations(testDb.db, MIGRATIONS);
    const plan = (sql: string): string =>
      testDb.db
        .prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all()
        .map((r) => r.detail)
        .join('\n');
    expect(plan('SELECT id FROM messages WHERE expires_at <= 5 ORDER BY expires_at LIMIT 10')).toMatch(/USING (COVERING )?INDEX messages_expiry/);
    expect(plan('DELETE FROM received_content WHERE expires_at <= 5')).toMatch(/USING (COVERING )?INDEX received_content_expiry/);
    expect(
      plan(
        `SELECT c.target_sender FROM json_each('[]') AS j JOIN received_content AS c ON c.target_sender = json_extract(j.value, '$[0]') AND c.target_sent_at = json_extract(j.value, '$[1]') WHERE c.kind = 'unsend'`,
      ),
    ).toMatch(/USING INDEX received_content_target/);
  });
});
