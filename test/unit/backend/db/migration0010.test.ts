// Migration 10 (conversation features) on a database made by version 9: messages, outbox rows (message,
// sync and request-response kinds) and attachment rows survive the table rebuilds with their ids, the
// outbox's id sequence continues after the copied rows, the delete triggers still queue attachment files
// for removal, and the new rules hold (control rows need bytes and a TTL; attachment index 32 is the
// link-preview slot, 33 is refused; reactions go with their message).
import { getSchemaVersion, runMigrations } from '../../../../ts/backend/db/migrate';
import { MIGRATIONS } from '../../../../ts/backend/db/migrations';
import { createMessageStore } from '../../../../ts/backend/db/messageStore';
import { encryptedTestDb } from './testDb';

const ME = `05${'aa'.repeat(32)}`;
const BOB = `05${'bb'.repeat(32)}`;

describe('migration 10 (conversation features)', () => {
  const testDb = encryptedTestDb('m10-', { migrate: false });

  it('upgrades a version-9 database and keeps messages, outbox rows and attachments', () => {
    const db = testDb.db;
    runMigrations(db, MIGRATIONS.slice(0, 9));
    db.prepare('INSERT INTO identity (id, recovery_seed, session_id, created_at) VALUES (1, ?, ?, 1)').run(Buffer.alloc(16, 1), ME);
    db.prepare("INSERT INTO conversations (id, kind, created_at, updated_at) VALUES (?, 'private', 1, 1)").run(BOB);
    db.prepare(
      "INSERT INTO messages (id, conversation_id, sender, direction, body, sent_at, received_at, status) VALUES ('m1', ?, ?, 'outgoing', 'hello', 5, 6, 'sending')",
    ).run(BOB, ME);
    db.prepare("INSERT INTO outbox (id, message_id, kind, destination, next_attempt_at) VALUES (7, 'm1', 'message', ?, 10)").run(BOB);
    db.prepare("INSERT INTO outbox (id, message_id, kind, destination, next_attempt_at, data) VALUES (8, 'm1', 'sync', ?, 11, x'0102')").run(ME);
    db.prepare("INSERT INTO outbox (id, message_id, kind, destination, sent_at, next_attempt_at) VALUES (9, NULL, 'request-response', ?, 4, 12)").run(BOB);
    db.prepare(
      "INSERT INTO attachments (message_id, idx, content_type, size, state, file_id, thumb_id) VALUES ('m1', 0, 'image/png', 3, 'uploading', 'f1', 't1')",
    ).run();

    expect(runMigrations(db, MIGRATIONS.slice(0, 10))).toEqual([10]);
    expect(getSchemaVersion(db)).toBe(10);
    expect(db.prepare('SELECT id, message_id, kind, destination, sent_at, hex(data) AS data, next_attempt_at FROM outbox ORDER BY id').all()).toEqual([
      { id: 7, message_id: 'm1', kind: 'message', destination: BOB, sent_at: null, data: '', next_attempt_at: 10 },
      { id: 8, message_id: 'm1', kind: 'sync', destination: ME, sent_at: null, data: '0102', next_attempt_at: 11 },
      { id: 9, message_id: null, kind: 'request-response', destination: BOB, sent_at: 4, data: '', next_attempt_at: 12 },
    ]);
    expect(db.prepare('SELECT message_id, idx, content_type, file_id, thumb_id FROM attachments').all()).toEqual([
      { message_id: 'm1', idx: 0, content_type: 'image/png', file_id: 'f1', thumb_id: 't1' },
    ]);

    // The store of today reads columns of later versions: bring the schema up to date first (v11, v12 add to it).
    runMigrations(db, MIGRATIONS);
    const messages = createMessageStore(db);
    // The id sequence continues after the copied rows (the delivery tracker relies on ids only growing).
    expect(messages.outboxMark()).toBe(9);
    messages.enqueueEncoded({ label: 'reaction', destination: BOB, sentAt: 20, data: new Uint8Array([9]), ttlMs: 1000, nextAttemptAt: 0 });
    expect(messages.outboxMark()).toBe(10);
    const control = messages.due(Number.MAX_SAFE_INTEGER, 10).find((r) => r.kind === 'control');
    expect(control).toMatchObject({ id: 10, kind: 'control', label: 'reaction', sentAt: 20, ttlMs: 1000, destination: BOB });
    expect([...(control?.data ?? [])]).toEqual([9]);
    // A control row without bytes or TTL breaks the schema's rule.
    expect(() => db.prepare("INSERT INTO outbox (kind, destination, sent_at, next_attempt_at) VALUES ('control', ?, 1, 1)").run(BOB)).toThrow();
    // Index 32 is the link-preview image; nothing beyond it.
    db.prepare("INSERT INTO attachments (message_id, idx, content_type, size, state) VALUES ('m1', 32, 'image/jpeg', 3, 'queued')").run();
    expect(() => db.prepare("INSERT INTO attachments (message_id, idx, content_type, size, state) VALUES ('m1', 33, 'image/jpeg', 3, 'queued')").run()).toThrow();
    // The view lists the message with its attachment; reactions join by identity.
    db.prepare(
      "INSERT INTO reactions (target_sender, target_sent_at, emoji, reactor, action, sent_at, conversation_id) VALUES (?, 5, '👍', ?, 'react', 30, ?)",
    ).run(ME, BOB, BOB);
    expect(messages.get('m1')?.reactions).toEqual([{ emoji: '👍', count: 1, senders: [BOB], mine: false }]);

    // Deleting the message deletes its outbox rows, attachments (files queued for removal) and reactions.
    expect(messages.deleteByIds(['m1'])).toEqual([{ id: 'm1', conversationId: BOB }]);
    expect(db.prepare('SELECT count(*) AS n FROM outbox WHERE message_id IS NOT NULL').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM attachments').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT file_id FROM attachment_files_gc ORDER BY file_id').all()).toEqual([{ file_id: 'f1' }, { file_id: 't1' }]);
    expect(db.prepare('SELECT count(*) AS n FROM reactions').get()).toEqual({ n: 0 });
  });
});
