// Migration 6 on a database made by version 4: existing accounts get no backup banner, contacts default to
// notifications on, requests that the old "decline" only hid are deleted with their messages, and every
// other row stays.
import { getSchemaVersion, runMigrations } from '../../../../ts/backend/db/migrate';
import { MIGRATIONS } from '../../../../ts/backend/db/migrations';
import { encryptedTestDb } from './testDb';

const A = `05${'aa'.repeat(32)}`;
const B = `05${'bb'.repeat(32)}`;

describe('migration 6 (conversation actions)', () => {
  const testDb = encryptedTestDb('m6-', { migrate: false });

  it('upgrades a version-4 database and keeps its data', () => {
    runMigrations(testDb.db, MIGRATIONS.slice(0, 4));
    testDb.db.prepare('INSERT INTO identity (id, recovery_seed, session_id, created_at) VALUES (1, ?, ?, 1)').run(Buffer.alloc(16, 1), A);
    testDb.db.prepare('INSERT INTO contacts (session_id, is_approved, updated_at) VALUES (?, 1, 1)').run(A);
    const conv = testDb.db.prepare("INSERT INTO conversations (id, kind, created_at, updated_at, hidden) VALUES (?, 'private', 1, 1, ?)");
    conv.run(A, 0);
    conv.run(B, 1); // a request declined by the old version: hidden, messages kept
    const msg = testDb.db.prepare("INSERT INTO messages (id, conversation_id, sender, direction, body, sent_at, received_at, status) VALUES (?, ?, ?, 'incoming', ?, ?, 1, 'received')");
    msg.run('a1', A, A, 'kept words', 1);
    msg.run('b1', B, B, 'declined words', 2);

    expect(runMigrations(testDb.db, MIGRATIONS.slice(0, 6))).toEqual([5, 6]);
    expect(getSchemaVersion(testDb.db)).toBe(6);
    expect(testDb.db.prepare('SELECT recovery_banner FROM identity').get()).toEqual({ recovery_banner: 0 });
    expect(testDb.db.prepare('SELECT notification_mode FROM contacts').get()).toEqual({ notification_mode: 'all' });
    expect(testDb.db.prepare('SELECT id, draft FROM conversations').all()).toEqual([{ id: A, draft: null }]);
    expect(testDb.db.prepare('SELECT id FROM messages').all()).toEqual([{ id: 'a1' }]);
    const fts = (word: string) => (testDb.db.prepare('SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH ?').get(word) as { n: number }).n;
    expect([fts('kept'), fts('declined')]).toEqual([1, 0]);
    expect(() => testDb.db.prepare("UPDATE contacts SET notification_mode = 'loud'").run()).toThrow(/CHECK constraint/);
  });
});
