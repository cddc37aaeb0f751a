import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createConversationStore } from '../../../../ts/backend/db/conversationStore';
import { openEncryptedDatabase, type Db } from '../../../../ts/backend/db/database';
import { createMessageStore } from '../../../../ts/backend/db/messageStore';
import { getSchemaVersion, runMigrations } from '../../../../ts/backend/db/migrate';
import { MIGRATIONS } from '../../../../ts/backend/db/migrations';
import { createNetworkStateStore } from '../../../../ts/backend/db/networkStateStore';
import { createSqliteNetworkStore } from '../../../../ts/backend/services/networkStore';

const KEY = new Uint8Array(32).fill(3);
const ID = `05${'11'.repeat(32)}`;

describe('messaging schema', () => {
  let dir: string;
  let file: string;
  let db: Db;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-'));
    file = path.join(dir, 'test.db');
    db = openEncryptedDatabase(file, KEY);
    runMigrations(db, MIGRATIONS);
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('indexes message bodies for full-text search and keeps (sender, timestamp) unique', () => {
    expect(getSchemaVersion(db)).toBe(MIGRATIONS.length);
    const conversations = createConversationStore(db);
    const messages = createMessageStore(db);
    conversations.touch(ID, 'private', 1000);
    const base = { conversationId: ID, sender: ID, direction: 'incoming' as const, receivedAt: 2000, status: 'received' as const };
    expect(messages.insert({ ...base, id: 'm1', body: 'the quick brown fox', sentAt: 1000 })).toBe(true);
    expect(messages.insert({ ...base, id: 'm2', body: 'lazy dogs sleep', sentAt: 1001 })).toBe(true);
    expect(messages.insert({ ...base, id: 'm3', body: 'duplicate of m1', sentAt: 1000 })).toBe(false);
    const hits = db.prepare<[string], { id: string }>('SELECT m.id FROM messages_fts f JOIN messages m ON m.seq = f.seq WHERE messages_fts MATCH ?').all('fox');
    expect(hits).toEqual([{ id: 'm1' }]);
    db.prepare('DELETE FROM messages WHERE id = ?').run('m1');
    expect(db.prepare<[string], { id: string }>('SELECT rowid AS id FROM messages_fts WHERE messages_fts MATCH ?').all('fox')).toEqual([]);
  });

  it('persists the network pool, swarms and guards across a reopen', async () => {
    const store = createSqliteNetworkStore(createNetworkStateStore(db));
    const node = (i: number) => ({ ip: `127.0.${i}.1`, port: 4000 + i, ed25519: `${i}`.padStart(64, 'a'), x25519: `${i}`.padStart(64, 'b') });
    await store.savePool([node(1), node(2), node(3)]);
    await store.saveSwarm(ID, [node(2).ed25519, node(1).ed25519]);
    await store.saveGuards([node(3).ed25519]);
    db.close();
    db = openEncryptedDatabase(file, KEY);
    const again = createSqliteNetworkStore(createNetworkStateStore(db));
    expect((await again.loadPool()).sort((a, b) => a.port - b.port)).toEqual([node(1), node(2), node(3)]);
    expect(await again.loadSwarm(ID)).toEqual([node(2).ed25519, node(1).ed25519]);
    expect(await again.loadSwarm(`05${'22'.repeat(32)}`)).toEqual([]);
    expect(await again.loadGuards()).toEqual([node(3).ed25519]);
    await again.clearSwarms();
    expect(await again.loadSwarm(ID)).toEqual([]);
  });
});
