// Deleting a large conversation erases it from the full-text index with one merge (db/searchErase.ts):
// nothing of its words is left in the index pages, however the index's segments lay before (several
// transactions leave several segments and incremental merges), the other conversation is still found,
// and per-row secure delete is on again afterwards. A small conversation is erased row by row.
import { createConversationStore } from '../../../../ts/backend/db/conversationStore';
import { createMessagePageStore } from '../../../../ts/backend/db/messagePages';
import { createMessageStore } from '../../../../ts/backend/db/messageStore';
import { BULK_ERASE_FROM, createSearchEraser } from '../../../../ts/backend/db/searchErase';
import { encryptedTestDb } from './testDb';

const NOW = 1_800_000_000_000;
const A = `05${'a1'.repeat(32)}`;
const B = `05${'b2'.repeat(32)}`;

describe('bulk full-text erasure of a conversation', () => {
  const testDb = encryptedTestDb('erase-');

  const fill = (perConversation: number, transactions: number) => {
    const db = testDb.db;
    const messages = createMessageStore(db);
    const conversations = createConversationStore(db);
    conversations.touch(A, 'private', NOW);
    conversations.touch(B, 'private', NOW);
    let i = 0;
    for (let t = 0; t < transactions; t++) {
      db.transaction(() => {
        for (let k = 0; k < perConversation / transactions; k++, i++) {
          for (const [peer, word] of [
            [A, 'gone'],
            [B, 'kept'],
          ] as const) {
            messages.insert({
              id: `${word}${i}`,
              conversationId: peer,
              sender: peer,
              direction: 'incoming',
              body: `${word} hello ${word.slice(0, 2)}${i}q ${word === 'gone' ? 'zzvanish' : ''}`,
              sentAt: NOW - 1_000_000 + i * 10 + (peer === A ? 0 : 1),
              receivedAt: NOW,
              status: 'read',
            });
          }
        }
      })();
    }
    const pagesHold = (text: string): boolean =>
      (db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM messages_fts_data WHERE instr(block, ?) > 0').get(text) as { n: number }).n > 0;
    const found = (query: string): number =>
      (db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH ?').get(query) as { n: number }).n;
    return { db, pages: createMessagePageStore(db), pagesHold, found };
  };

  it.each([
    ['one transaction', 1],
    ['many transactions (several segments, merges under way)', 40],
  ])('leaves none of a large conversation in the index pages: %s', (_name, transactions) => {
    const n = BULK_ERASE_FROM * 5;
    const { db, pages, pagesHold, found } = fill(n, transactions);
    expect(pagesHold('go0q')).toBe(true);
    expect(pagesHold('zzvanish')).toBe(true);
    expect(createSearchEraser(db).worthBulk(n)).toBe(true);
    const ids = db.transaction(() => pages.deleteByConversation(A))();
    expect(ids).toHaveLength(n);
    for (const word of ['go0q', 'zzvanish']) expect(pagesHold(word)).toBe(false);
    expect(found('zzvanish')).toBe(0);
    expect(found('gone')).toBe(0);
    expect(found('kept')).toBe(n);
    expect(found(`ke${n - 1}q`)).toBe(1);
    expect(db.prepare("SELECT v FROM messages_fts_config WHERE k = 'secure-delete'").get()).toEqual({ v: 1 });
  });

  it('erases a small conversation row by row, leaving nothing behind either', () => {
    const { db, pages, pagesHold, found } = fill(8, 2);
    expect(pagesHold('zzvanish')).toBe(true);
    expect(createSearchEraser(db).worthBulk(8)).toBe(false);
    expect(pages.deleteByConversation(A)).toHaveLength(8);
    expect(pagesHold('zzvanish')).toBe(false);
    expect(found('kept')).toBe(8);
  });
});
