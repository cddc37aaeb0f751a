// The sweeper on a real encrypted database with the app's store (spec messaging §6.12): a large batch erases
// its full-text terms through one index merge (nothing of a deleted message is left in the index's pages,
// the index's own per-row secure delete is on again afterwards, kept messages are still found), the UI hears
// one messages.removed per conversation and one summary update per sweep, and a backlog larger than one
// batch goes in several transactions within the same sweep.
import { createConversationStore } from '../../../../ts/backend/db/conversationStore';
import { createExpirationStore } from '../../../../ts/backend/db/expirationStore';
import { createMessageStore } from '../../../../ts/backend/db/messageStore';
import { createReceivedContentStore } from '../../../../ts/backend/db/receivedContentStore';
import { createEventBus } from '../../../../ts/backend/events';
import { silentLogger } from '../../../../ts/backend/log';
import { createConversationsService } from '../../../../ts/backend/services/conversations';
import { BULK_ERASE_FROM, createExpirySweeper } from '../../../../ts/backend/services/expiry';
import type { EventPayloads } from '../../../../ts/ipc/contract';
import { encryptedTestDb } from '../db/testDb';

const NOW = 1_800_000_000_000;
const A = `05${'a1'.repeat(32)}`;
const B = `05${'b2'.repeat(32)}`;

describe('expiry sweeper with bulk full-text erasure', () => {
  const testDb = encryptedTestDb('sweep-');

  const setup = (expired: number, kept: number) => {
    const db = testDb.db;
    const messages = createMessageStore(db);
    const conversations = createConversationStore(db);
    db.transaction(() => {
      conversations.touch(A, 'private', NOW);
      conversations.touch(B, 'private', NOW);
      for (let i = 0; i < expired + kept; i++) {
        const gone = i < expired;
        const peer = i % 2 === 0 ? A : B;
        messages.insert({
          id: `m${i}`,
          conversationId: peer,
          sender: peer,
          direction: 'incoming',
          body: gone ? `vanishing hello zq${i}x` : `keeper hello kp${i}x`,
          sentAt: NOW - 100_000 + i,
          receivedAt: NOW,
          status: 'read',
          expirationType: 'after-send',
          expirationTimer: 60,
          expiresAt: gone ? NOW - 1 : NOW + 3_600_000,
        });
      }
    })();
    const events = createEventBus(silentLogger);
    const removed: EventPayloads['messages.removed'][] = [];
    const updated: EventPayloads['conversations.updated'][] = [];
    events.on('messages.removed', (p) => removed.push(p));
    events.on('conversations.updated', (p) => updated.push(p));
    const conversationsService = createConversationsService({ store: conversations, messages, events, now: () => NOW, db });
    const sweeper = createExpirySweeper({
      db,
      messages,
      received: createReceivedContentStore(db),
      conversationsService,
      events,
      log: silentLogger,
      now: () => NOW,
      store: createExpirationStore(db),
    });
    const vocab = (term: string): number => {
      db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_vocab USING fts5vocab(main, 'messages_fts', 'row')");
      return (db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM temp.fts_vocab WHERE term = ?').get(term) as { n: number }).n;
    };
    const pagesHold = (word: string): boolean =>
      (db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM messages_fts_data WHERE instr(block, ?) > 0').get(word) as { n: number }).n > 0;
    return { db, sweeper, removed, updated, vocab, pagesHold };
  };

  it('erases a large batch from the index in one merge and turns per-row secure delete back on', () => {
    const expired = BULK_ERASE_FROM * 3;
    const { db, sweeper, removed, updated, vocab, pagesHold } = setup(expired, 40);
    expect(vocab('zq0x')).toBe(1);
    const ids = sweeper.sweep();
    expect(ids).toHaveLength(expired);
    expect((db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n).toBe(40);
    for (const i of [0, 1, expired - 1]) {
      expect(vocab(`zq${i}x`)).toBe(0);
      expect(pagesHold(`zq${i}x`)).toBe(false);
    }
    expect(vocab('vanishing')).toBe(0);
    expect(pagesHold('vanishing')).toBe(false);
    // What stays is still found.
    expect((db.prepare("SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH 'keeper'").get() as { n: number }).n).toBe(40);
    expect(vocab(`kp${expired}x`)).toBe(1);
    expect(db.prepare("SELECT v FROM messages_fts_config WHERE k = 'secure-delete'").get()).toEqual({ v: 1 });
    // One removal event per conversation, one summary update for the sweep.
    expect(removed.map((r) => [r.conversationId, r.ids.length]).sort()).toEqual([
      [A, expired / 2],
      [B, expired / 2],
    ]);
    expect(updated).toHaveLength(1);
    expect(updated[0]?.conversations.map((c) => c.id).sort()).toEqual([A, B].sort());
  });

  it('erases a small batch row by row, leaving nothing behind either', () => {
    const { sweeper, vocab, pagesHold } = setup(3, 5);
    expect(sweeper.sweep()).toHaveLength(3);
    expect(vocab('zq1x')).toBe(0);
    expect(pagesHold('zq1x')).toBe(false);
    expect(vocab('kp4x')).toBe(1);
  });
});
