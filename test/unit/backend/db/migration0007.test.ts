// Migration 7 (config inbox) on a database made by version 6: earlier rows stay, last hashes of every
// namespace stay, and the inbox keeps retrieved config messages raw, once per swarm hash, until removed.
import { getSchemaVersion, runMigrations } from '../../../../ts/backend/db/migrate';
import { MIGRATIONS } from '../../../../ts/backend/db/migrations';
import { createConfigInboxStore } from '../../../../ts/backend/db/configInboxStore';
import { encryptedTestDb } from './testDb';

const ME = `05${'aa'.repeat(32)}`;
const OTHER = `05${'bb'.repeat(32)}`;

describe('migration 7 (config inbox)', () => {
  const testDb = encryptedTestDb('m7-', { migrate: false });

  it('upgrades a version-6 database and keeps its data', () => {
    runMigrations(testDb.db, MIGRATIONS.slice(0, 6));
    const db = testDb.db;
    db.prepare('INSERT INTO identity (id, recovery_seed, session_id, created_at) VALUES (1, ?, ?, 1)').run(Buffer.alloc(16, 1), ME);
    db.prepare("INSERT INTO conversations (id, kind, created_at, updated_at) VALUES (?, 'private', 1, 1)").run(OTHER);
    db.prepare("INSERT INTO messages (id, conversation_id, sender, direction, body, sent_at, received_at, status) VALUES ('m1', ?, ?, 'incoming', 'hello', 5, 6, 'received')").run(OTHER, OTHER);
    db.prepare('INSERT INTO last_hashes (node, pubkey, namespace, hash, expires_at) VALUES (?, ?, 0, ?, 99)').run('n1', ME, 'h0');

    expect(runMigrations(db, MIGRATIONS.slice(0, 7))).toEqual([7]);
    expect(getSchemaVersion(db)).toBe(7);
    expect(db.prepare('SELECT id, body FROM messages').all()).toEqual([{ id: 'm1', body: 'hello' }]);
    // Read with SQL: the message store's statements follow the newest schema, not version 7's.
    expect(db.prepare('SELECT node, pubkey, namespace, hash, expires_at FROM last_hashes WHERE pubkey = ?').all(ME)).toEqual([
      { node: 'n1', pubkey: ME, namespace: 0, hash: 'h0', expires_at: 99 },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM config_inbox').get()).toEqual({ n: 0 });
  });

  it('stores each swarm message once, lists in arrival order and removes what was applied', () => {
    runMigrations(testDb.db, MIGRATIONS);
    const inbox = createConfigInboxStore(testDb.db);
    const entry = (namespace: number, hash: string, byte: number) => ({ pubkey: ME, namespace, hash, data: new Uint8Array([byte, 0, 255]), timestamp: 10, expiresAt: 20 });
    expect(inbox.add([entry(3, 'c1', 1), entry(2, 'p1', 2)], 100)).toBe(2);
    // The same hash again (from the other node, or a poll after a lost last hash) is not stored twice.
    expect(inbox.add([entry(3, 'c1', 1), entry(5, 'g1', 3), { ...entry(3, 'c1', 9), pubkey: OTHER }], 200)).toBe(2);
    const all = inbox.list(ME);
    expect(all.map((m) => [m.namespace, m.hash, [...m.data], m.timestamp, m.expiresAt, m.receivedAt])).toEqual([
      [3, 'c1', [1, 0, 255], 10, 20, 100],
      [2, 'p1', [2, 0, 255], 10, 20, 100],
      [5, 'g1', [3, 0, 255], 10, 20, 200],
    ]);
    expect(inbox.list(ME, 3).map((m) => m.hash)).toEqual(['c1']);
    expect(Object.fromEntries(inbox.counts(ME))).toEqual({ 2: 1, 3: 1, 5: 1 });
    expect(inbox.remove([all[0]!.seq, all[2]!.seq])).toBe(2);
    expect(inbox.list(ME).map((m) => m.hash)).toEqual(['p1']);
    expect(inbox.list(OTHER).map((m) => m.hash)).toEqual(['c1']);
  });
});
