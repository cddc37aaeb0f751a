// Search over what the receive pipeline stores: a poll's messages are indexed in one statement inside the
// batch's transaction (db/searchIndexBatch), so each is found as soon as it is committed, an unsend inside
// the same batch leaves no hit behind, the next batch is indexed the same way, and the index stays what
// indexing row by row would have written.
import { createSearchService } from '../../../../ts/backend/services/search';
import { identityFromRecoverySeed, loadProtocol, type Identity } from '../../../../ts/protocol';
import { itemOf, openHarness, type Harness } from './harness';

const T0 = 1_780_000_000_000;

describe('receiver: search index of a received batch', () => {
  let me: Identity;
  let alice: Identity;
  let bob: Identity;
  let h: Harness;

  beforeAll(async () => {
    await loadProtocol();
    me = identityFromRecoverySeed(new Uint8Array(16).fill(0xd1));
    alice = identityFromRecoverySeed(new Uint8Array(16).fill(0xd2));
    bob = identityFromRecoverySeed(new Uint8Array(16).fill(0xd3));
  });
  beforeEach(() => {
    h = openHarness(me, T0 + 60_000);
  });
  afterEach(() => h.close());

  const text = (sender: Identity, body: string, t: number) => itemOf(sender, me.sessionId, { dataMessage: { body } }, t);
  const note = (body: string, t: number) => itemOf(me, me.sessionId, { dataMessage: { body, syncTarget: me.sessionId } }, t);
  const unsend = (author: Identity, target: number, t: number) => itemOf(author, me.sessionId, { unsendRequest: { timestamp: target, author: author.sessionId } }, t);
  const found = (query: string): string[] =>
    createSearchService({ db: h.db, conversations: h.conversationsService, now: () => h.clock.now })
      .search({ query })
      .messages.map((m) => m.message.text);
  /** The index's entries: key and message seq (what row-by-row indexing would have written, compared below). */
  const entries = (): { id: number; c1: number }[] => h.db.prepare<[], { id: number; c1: number }>('SELECT id, c1 FROM messages_fts_content ORDER BY id').all();
  /** FTS5's segments: one per write statement until merged. */
  const segments = (): number => h.db.prepare<[], { n: number }>('SELECT count(DISTINCT segid) AS n FROM messages_fts_idx').get()?.n ?? 0;

  it('finds every message of a batch once it is committed, with no hit for one unsent in the same batch', async () => {
    // An earlier poll, stored before the batch: its unsend arrives in the batch.
    await h.receiver.process([text(alice, 'kangaroo from yesterday', T0)], []);
    const before = segments();
    const batch = [
      text(alice, 'kangaroo one', T0 + 1),
      text(bob, 'a kangaroo café', T0 + 2),
      text(alice, 'kangaroo regretted', T0 + 3),
      note('kangaroo note to self', T0 + 4),
      note('kangaroo note forgotten', T0 + 5),
      text(bob, 'wombat only', T0 + 6),
      ...Array.from({ length: 8 }, (_, i) => text(bob, `filler${i}`, T0 + 100 + i)),
      // Unsends of two messages of this batch (one 1:1, one note to self) and of the earlier one.
      unsend(alice, T0 + 3, T0 + 10),
      itemOf(me, me.sessionId, { unsendRequest: { timestamp: T0 + 5, author: me.sessionId } }, T0 + 11),
      unsend(alice, T0, T0 + 12),
    ];
    const out = await h.receiver.process(batch, []);
    expect(out.added.map((m) => m.text)).toEqual(['kangaroo one', 'a kangaroo café', 'kangaroo note to self', 'wombat only', ...Array.from({ length: 8 }, (_, i) => `filler${i}`)]);
    expect(found('kangaroo')).toEqual(['kangaroo note to self', 'a kangaroo café', 'kangaroo one']);
    expect(found('cafe')).toEqual(['a kangaroo café']);
    expect(found('wombat')).toEqual(['wombat only']);
    expect(found('regretted')).toEqual([]);
    expect(found('forgotten')).toEqual([]);
    expect(found('yesterday')).toEqual([]);
    // One entry per stored message (the earlier one's placeholder has its emptied body).
    const rows = h.db.prepare<[], { seq: number }>('SELECT seq FROM messages ORDER BY seq').all();
    expect(entries().map((e) => e.c1).sort((a, b) => a - b)).toEqual(rows.map((r) => r.seq));
    // The batch's twelve messages went in with one statement: one new segment (row by row they leave twelve).
    // The earlier message's placeholder is the trigger's update: its delete and its new entry.
    expect(segments() - before).toBeLessThanOrEqual(2);
    expect(() => h.db.prepare("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 0)").run()).not.toThrow();

    // The next batch is indexed as well.
    await h.receiver.process([text(bob, 'kangaroo later', T0 + 20)], []);
    expect(found('kangaroo')[0]).toBe('kangaroo later');
  });

  it('indexes a large batch cut into commit chunks, each chunk in its own transaction', async () => {
    const receiver = h.bareReceiver({ commitChunk: 7 });
    const items = Array.from({ length: 30 }, (_, i) => text(i % 2 === 0 ? alice : bob, `platypus number${i}`, T0 + i));
    const out = await receiver.process(items, []);
    expect(out.added).toHaveLength(30);
    expect(found('platypus')).toHaveLength(30);
    expect(found('number17')).toEqual(['platypus number17']);
    expect(entries()).toHaveLength(30);
  });
});
