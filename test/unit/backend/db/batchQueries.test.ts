// The receive pipeline's per-batch queries: which (sender, timestamp) identities and which hashes are
// already stored, answered in one statement each through the unique indexes, and seen hashes written in one.
import { createConversationStore } from '../../../../ts/backend/db/conversationStore';
import { createMessageStore, type MessageStore } from '../../../../ts/backend/db/messageStore';
import { encryptedTestDb } from './testDb';

const A = `05${'aa'.repeat(32)}`;
const B = `05${'bb'.repeat(32)}`;

describe('batch queries of the message store', () => {
  const testDb = encryptedTestDb('batch-queries-');
  let messages: MessageStore;
  beforeEach(() => {
    messages = createMessageStore(testDb.db);
    const conversations = createConversationStore(testDb.db);
    conversations.touch(A, 'private', 1);
    const base = { conversationId: A, direction: 'incoming' as const, receivedAt: 2, status: 'received' as const, body: 'x' };
    messages.insert({ ...base, id: 'm1', sender: A, sentAt: 10 });
    messages.insert({ ...base, id: 'm2', sender: A, sentAt: 11 });
    messages.insert({ ...base, id: 'm3', sender: B, sentAt: 10 });
  });

  it('finds the stored (sender, timestamp) identities among many, and only those', () => {
    expect(messages.existingAmong([])).toEqual(new Set());
    const asked = [
      { sender: A, sentAt: 10 },
      { sender: A, sentAt: 12 },
      { sender: B, sentAt: 11 },
      { sender: B, sentAt: 10 },
      { sender: A, sentAt: 11 },
    ];
    expect(messages.existingAmong(asked)).toEqual(new Set([`${A}|10`, `${B}|10`, `${A}|11`]));
    // Millisecond timestamps beyond 32 bits stay exact through the JSON parameter.
    messages.insert({ conversationId: A, direction: 'incoming', receivedAt: 2, status: 'received', body: 'y', id: 'm4', sender: B, sentAt: 1_780_000_000_123 });
    expect(messages.existingAmong([{ sender: B, sentAt: 1_780_000_000_123 }, { sender: B, sentAt: 1_780_000_000_124 }])).toEqual(new Set([`${B}|1780000000123`]));
  });

  it('deletes messages by id with their full-text rows and reports which existed', () => {
    expect(messages.deleteByIds([])).toEqual([]);
    const deleted = messages.deleteByIds(['m1', 'nope', 'm3']);
    expect(deleted.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: 'm1', conversationId: A },
      { id: 'm3', conversationId: A },
    ]);
    expect(messages.get('m1')).toBeUndefined();
    expect(messages.get('m2')?.text).toBe('x');
    const fts = testDb.db.prepare<[], { n: number }>("SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH 'x'").get();
    expect(fts?.n).toBe(1);
  });

  it('looks the identities up through the identity index (sent_at, sender)', () => {
    const plan = testDb.db
      .prepare<[string], { detail: string }>(
        "EXPLAIN QUERY PLAN SELECT m.sender, m.sent_at FROM json_each(?) AS j JOIN messages AS m ON m.sender = json_extract(j.value, '$[0]') AND m.sent_at = json_extract(j.value, '$[1]')",
      )
      .all('[]')
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toMatch(/SEARCH m USING (COVERING )?INDEX messages_identity \(sent_at=\? AND sender=\?\)/);
  });

  it('marks many hashes seen at once, keeping the later expiry of a hash seen before', () => {
    messages.markSeen('h1', 100);
    messages.markSeenMany([]);
    messages.markSeenMany([
      { hash: 'h1', expiresAt: 50 },
      { hash: 'h2', expiresAt: 200 },
      { hash: 'h3', expiresAt: 300 },
    ]);
    expect(messages.seenAmong(['h1', 'h2', 'h3', 'h4'])).toEqual(new Set(['h1', 'h2', 'h3']));
    const rows = testDb.db.prepare<[], { hash: string; expires_at: number }>('SELECT hash, expires_at FROM seen_hashes ORDER BY hash').all();
    expect(rows).toEqual([
      { hash: 'h1', expires_at: 100 },
      { hash: 'h2', expires_at: 200 },
      { hash: 'h3', expires_at: 300 },
    ]);
    // Pruning at 250 keeps only h3.
    messages.pruneExpired(250);
    expect(messages.seenAmong(['h1', 'h2', 'h3'])).toEqual(new Set(['h3']));
  });
});
