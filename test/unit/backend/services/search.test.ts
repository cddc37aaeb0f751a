// Full-text search on a real (encrypted) SQLite database: hits newest first through the FTS index, excerpts
// whose highlight offsets point at the matched words, hostile queries that never reach FTS5 as syntax,
// deleted / control / expired messages absent, and the conversation and contact name matches.
import { createConversationStore } from '../../../../ts/backend/db/conversationStore';
import { createMessageStore, type NewMessage } from '../../../../ts/backend/db/messageStore';
import { CONVERSATION_SCAN, SEARCH_SQL } from '../../../../ts/backend/db/searchStore';
import { createEventBus } from '../../../../ts/backend/events';
import { silentLogger } from '../../../../ts/backend/log';
import { createConversationsService } from '../../../../ts/backend/services/conversations';
import { createSearchService, excerpt, foldWord, ftsQuery, searchTerms } from '../../../../ts/backend/services/search';
import { encryptedTestDb } from '../db/testDb';

const ME = `05${'ee'.repeat(32)}`;
const peer = (i: number): string => `05${i.toString(16).padStart(64, '0')}`;
const NOW = 1_800_000_000_000;

describe('search', () => {
  const testDb = encryptedTestDb('search-');

  function setup() {
    const db = testDb.db;
    db.prepare('INSERT INTO identity (id, recovery_seed, session_id, created_at) VALUES (1, ?, ?, 1)').run(Buffer.alloc(16, 1), ME);
    const store = createConversationStore(db);
    const messages = createMessageStore(db);
    const conversations = createConversationsService({ db, store, messages, events: createEventBus(silentLogger), now: () => NOW });
    const search = createSearchService({ db, conversations, now: () => NOW });
    let n = 0;
    const add = (conversationId: string, body: string, sentAt: number, extra: Partial<NewMessage> = {}): string => {
      const id = `m${(n++).toString().padStart(4, '0')}`;
      store.touch(conversationId, conversationId === ME ? 'note-to-self' : 'private', sentAt);
      messages.insert({ id, conversationId, sender: conversationId, direction: 'incoming', body, sentAt, receivedAt: sentAt, status: 'received', ...extra });
      return id;
    };
    return { db, store, messages, conversations, search, add };
  }

  it('finds messages newest first by sent time (not arrival), every word as a prefix, all words required', () => {
    const { search, add } = setup();
    // Arrival order (seq) differs from sent order: an old message fetched late must still sort by its sent time.
    const late = add(peer(1), 'the elephant walked home', 1_000);
    const newest = add(peer(2), 'Elephants are large', 3_000);
    const middle = add(peer(1), 'an ELEPHANT again', 2_000);
    add(peer(1), 'nothing to see here', 4_000);

    const r = search.search({ query: 'eleph' });
    expect(r.messages.map((h) => h.message.id)).toEqual([newest, middle, late]);
    expect(r.messages[0]?.message).toMatchObject({ conversationId: peer(2), text: 'Elephants are large', timestamp: 3_000 });

    expect(search.search({ query: 'elephant home' }).messages.map((h) => h.message.id)).toEqual([late]);
    expect(search.search({ query: 'elephant zebra' }).messages).toEqual([]);
    // Accents and case fold as the index folds them.
    add(peer(3), 'Un café crème', 5_000);
    expect(search.search({ query: 'CAFE creme' }).messages).toHaveLength(1);
  });

  it('limits the hits (default 50, at most 500) and searches one conversation when asked', () => {
    const { search, add } = setup();
    for (let i = 0; i < 60; i++) add(peer(1 + (i % 2)), `report number ${i}`, 10_000 + i);
    expect(search.search({ query: 'report' }).messages).toHaveLength(50);
    const three = search.search({ query: 'report', limit: 3 }).messages;
    expect(three.map((h) => h.message.text)).toEqual(['report number 59', 'report number 58', 'report number 57']);
    expect(search.search({ query: 'report', limit: 10_000 }).messages).toHaveLength(60);
    const inOne = search.search({ query: 'report', conversationId: peer(2), limit: 500 });
    expect(inOne.messages).toHaveLength(30);
    expect(inOne.messages.every((h) => h.message.conversationId === peer(2))).toBe(true);
    expect(inOne.conversations).toEqual([]);
  });

  it('cuts an excerpt of about 15 words around the match, with offsets of the matched words', () => {
    const { search, add } = setup();
    const words = Array.from({ length: 40 }, (_, i) => `w${i}`);
    words[25] = 'Rendezvous';
    add(peer(1), words.join(' '), 1_000);
    const [hit] = search.search({ query: 'rendez' }).messages;
    expect(hit?.snippet).toBe('…w22 w23 w24 Rendezvous w26 w27 w28 w29 w30 w31 w32 w33 w34 w35 w36…');
    expect(hit?.highlights).toEqual([[13, 23]]);
    const [a, b] = hit?.highlights[0] ?? [0, 0];
    expect(hit?.snippet.slice(a, b)).toBe('Rendezvous');
  });

  it('keeps a short text whole, collapses whitespace, and counts offsets in UTF-16 past emoji', () => {
    const { search, add } = setup();
    add(peer(1), '  😀🎉 Lunch\n\n at  noon? lunch!  ', 1_000);
    const [hit] = search.search({ query: 'lunch' }).messages;
    expect(hit?.snippet).toBe('😀🎉 Lunch at noon? lunch!');
    expect(hit?.highlights.map(([a, b]) => hit.snippet.slice(a, b))).toEqual(['Lunch', 'lunch']);
    expect(hit?.highlights[0]).toEqual([5, 10]);
  });

  it('prefers the window holding the most different query words', () => {
    const text = `alpha ${Array.from({ length: 30 }, (_, i) => `x${i}`).join(' ')} beta gamma alpha`;
    const e = excerpt(text, searchTerms('alpha gamma'));
    expect(e.snippet.startsWith('…')).toBe(true);
    expect(e.snippet.endsWith('alpha')).toBe(true);
    expect(e.highlights.map(([a, b]) => e.snippet.slice(a, b))).toEqual(['gamma', 'alpha']);
  });

  it('never lets the text become markup: the snippet is the plain text', () => {
    const { search, add } = setup();
    add(peer(1), '<b>bold</b> <script>alert(1)</script> &amp; done', 1_000);
    const [hit] = search.search({ query: 'alert' }).messages;
    expect(hit?.snippet).toBe('<b>bold</b> <script>alert(1)</script> &amp; done');
    expect(hit?.highlights.map(([a, b]) => hit.snippet.slice(a, b))).toEqual(['alert']);
  });

  it('answers every hostile query without an FTS5 error, searching its words as plain words', () => {
    const { search, add } = setup();
    add(peer(1), 'do NOT stop NEAR the door and OR gate x-ray', 1_000);
    add(peer(1), 'quote " inside and star * here', 2_000);
    const hostile = [
      '"',
      '""',
      '"unterminated',
      '*',
      '**',
      '-',
      '-door',
      'NOT',
      'door NOT',
      'AND',
      'OR',
      'NEAR',
      'NEAR(door gate)',
      'NEAR(door gate, 2)',
      '^door',
      'body:door',
      '{body}: door',
      '(',
      ')',
      '(door',
      'door OR',
      'a + b',
      'x-ray',
      '😀',
      '🎉🎉🎉',
      '\u0000door',
      '\u0301',
      "'; DROP TABLE messages; --",
      'door"*',
      '"door" * "gate"',
      'x'.repeat(500),
      'a '.repeat(250),
    ];
    for (const q of hostile) {
      expect(() => search.search({ query: q })).not.toThrow();
    }
    // Operators are words here: NOT, NEAR and OR are found in the text, not interpreted.
    expect(search.search({ query: 'NOT' }).messages.map((h) => h.message.text)).toEqual(['do NOT stop NEAR the door and OR gate x-ray']);
    expect(search.search({ query: 'NEAR(door gate)' }).messages).toHaveLength(1);
    expect(search.search({ query: 'door OR' }).messages).toHaveLength(1);
    expect(search.search({ query: '-door' }).messages).toHaveLength(1);
    expect(search.search({ query: 'x-ray' }).messages).toHaveLength(1);
    // Nothing but punctuation or emoji: no words, no messages.
    for (const q of ['"', '*', '😀', '()', '\u0301']) expect(search.search({ query: q }).messages).toEqual([]);
    // The table is still there.
    expect(search.search({ query: 'star' }).messages).toHaveLength(1);
  });

  it('builds quoted prefix queries and folds words as the index does', () => {
    expect(ftsQuery('Hello wörld')).toBe('"hello"* "world"*');
    expect(ftsQuery('NEAR(a "b")')).toBe('"near"* "a"* "b"*');
    expect(ftsQuery('hello hello')).toBe('"hello"*');
    expect(ftsQuery('*** "" --')).toBeUndefined();
    expect(ftsQuery('日本語 x')).toBe('"日本語"* "x"*');
    expect(searchTerms(Array.from({ length: 40 }, (_, i) => `t${i}`).join(' '))).toHaveLength(16);
    expect(foldWord('ΣΊΣΥΦΟΣ')).toBe(foldWord('σίσυφος'));
  });

  it('leaves out deleted messages, placeholders of unsent ones, control messages and messages whose timer ran out', () => {
    const { db, search, add, conversations, messages } = setup();
    const kept = add(peer(1), 'secret plan alpha', 1_000);
    const gone = add(peer(1), 'secret plan beta', 2_000);
    const placeholder = add(peer(1), 'secret plan gamma', 3_000);
    add(peer(1), 'secret plan delta', 4_000, { control: { type: 'media-saved' } });
    add(peer(1), 'secret plan epsilon', 5_000, { expirationType: 'after-send', expirationTimer: 10, expiresAt: NOW - 1 });
    const later = add(peer(1), 'secret plan zeta', 6_000, { expirationType: 'after-send', expirationTimer: 10, expiresAt: NOW + 10_000 });
    expect(conversations.deleteMessages([gone])).toEqual([gone]);
    db.prepare('UPDATE messages SET deleted = 1 WHERE id = ?').run(placeholder);
    expect(search.search({ query: 'secret' }).messages.map((h) => h.message.id)).toEqual([later, kept]);
    // The deleted message's words are gone from the index itself, not just filtered out.
    expect(db.prepare(`SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH '"beta"'`).get()).toEqual({ n: 0 });
    expect(messages.get(gone)).toBeUndefined();
  });

  it('leaves out hidden conversations but finds blocked ones', () => {
    const { store, search, add } = setup();
    add(peer(1), 'common word', 1_000);
    add(peer(2), 'common word', 2_000);
    add(peer(3), 'common word', 3_000);
    store.setHidden(peer(2), true);
    store.setBlocked(peer(3), true, 1);
    expect(search.search({ query: 'common' }).messages.map((h) => h.message.conversationId)).toEqual([peer(3), peer(1)]);
  });

  it('matches conversations by nickname, profile name or Account ID, and unlisted contacts by name', () => {
    const { db, store, search, add } = setup();
    add(peer(1), 'hi', 1_000);
    store.updateContact(peer(1), { isApproved: true, profileName: 'Zoë Adams' }, 1);
    add(peer(2), 'hi', 2_000);
    store.updateContact(peer(2), { isApproved: true, profileName: 'Bob' }, 1);
    db.prepare('UPDATE contacts SET nickname = ? WHERE session_id = ?').run('Zed', peer(2));
    add(peer(3), 'hi', 3_000);
    store.updateContact(peer(3), { isApproved: true, profileName: 'Anna Zoe' }, 1);
    add(ME, 'note', 4_000);
    // A blocked conversation is still found (hidden from the list, not from search).
    add(peer(4), 'hi', 5_000);
    store.updateContact(peer(4), { profileName: 'Zoe Blocked' }, 1);
    store.setBlocked(peer(4), true, 1);
    // Contacts without a conversation: approved and unblocked ones only.
    store.updateContact(peer(5), { isApproved: true, didApproveMe: true, profileName: 'Zoey Contact' }, 1);
    store.updateContact(peer(6), { isApproved: false, profileName: 'Zoe Stranger' }, 1);
    store.updateContact(peer(7), { isApproved: true, profileName: 'Zoe Blocked Contact' }, 1);
    store.setBlocked(peer(7), true, 1);

    const r = search.search({ query: 'ZOE' });
    // A→Z by the shown name (nickname first), accents aside.
    expect(r.conversations.map((c) => c.name)).toEqual(['Anna Zoe', 'Zoë Adams', 'Zoe Blocked']);
    expect(r.contacts).toEqual([{ id: peer(5), profileName: 'Zoey Contact', approved: true, approvedMe: true, blocked: false }]);
    expect(search.search({ query: 'zed' }).conversations.map((c) => c.id)).toEqual([peer(2)]);
    expect(search.search({ query: 'bob' }).conversations.map((c) => c.id)).toEqual([peer(2)]);
    // Account ID fragments, ignoring case and the separators people type.
    expect(search.search({ query: peer(3).slice(50).toUpperCase() }).conversations.map((c) => c.id)).toEqual([peer(3)]);
    expect(search.search({ query: '(0000-0003)' }).conversations.map((c) => c.id)).toEqual([peer(3)]);
    // Note to Self by its names.
    expect(search.search({ query: 'note to' }).conversations.map((c) => c.id)).toEqual([ME]);
    expect(search.search({ query: 'saved' }).conversations.map((c) => c.id)).toEqual([ME]);
    // Punctuation alone matches no names.
    expect(search.search({ query: '-.' })).toEqual({ conversations: [], contacts: [], messages: [] });
  });

  it('ranks exactly by sent time however arrival order differs (late arrivals, clocks far ahead, rare and common words)', () => {
    const { search, add } = setup();
    // 600 messages over 3 conversations; arrival order mostly follows sent order, with some sent much
    // later than they arrived (a sender's clock far ahead) and some arriving late (history fetched afterwards).
    const all: { id: string; text: string; t: number; conversationId: string }[] = [];
    for (let i = 0; i < 600; i++) {
      // Sent at the same time as the one before (another conversation): ties go by arrival.
      const skew = i % 17 === 0 ? 400_000 : i % 13 === 0 ? -29_999 : i % 7 === 0 ? -100 : 0;
      const t = 1_000_000 + i * 100 + skew;
      const text = ['common', i % 5 === 0 ? 'fifth' : 'other', i % 150 === 0 ? 'rare' : 'plain', `n${i}`].join(' ');
      const conversationId = peer(1 + (i % 3));
      all.push({ id: add(conversationId, text, t), text, t, conversationId });
    }
    // Arrival order is insertion order here: later-inserted wins a tie on sent time.
    const brute = (pred: (text: string) => boolean, limit: number, conversationId?: string): string[] =>
      all
        .map((m, seq) => ({ ...m, seq }))
        .filter((m) => pred(m.text) && (conversationId === undefined || m.conversationId === conversationId))
        .sort((a, b) => b.t - a.t || b.seq - a.seq)
        .slice(0, limit)
        .map((m) => m.id);
    for (const [query, pred] of [
      ['common', () => true],
      ['fifth', (t: string) => t.includes('fifth')],
      ['rare', (t: string) => t.includes('rare')],
      ['fifth common', (t: string) => t.includes('fifth')],
    ] as const) {
      for (const limit of [1, 2, 7, 50, 500]) {
        expect(search.search({ query, limit }).messages.map((h) => h.message.id)).toEqual(brute(pred, limit));
      }
      expect(search.search({ query, limit: 20, conversationId: peer(2) }).messages.map((h) => h.message.id)).toEqual(brute(pred, 20, peer(2)));
    }
  });

  it('matches one-, two- and three-letter prefixes through the prefix indexes, newest first', () => {
    const { search, add } = setup();
    const older = add(peer(1), 'Xylophone lessons', 1_000);
    const newer = add(peer(2), 'the xenon lamp', 2_000);
    add(peer(1), 'nothing here', 3_000);
    const ids = (q: string): string[] => search.search({ query: q }).messages.map((h) => h.message.id);
    expect(ids('x')).toEqual([newer, older]);
    expect(ids('xy')).toEqual([older]);
    expect(ids('XEN')).toEqual([newer]);
    expect(ids('x l')).toEqual([newer, older]);
    expect(ids('x z')).toEqual([]);
    // The highlight covers the whole matched word.
    expect(search.search({ query: 'x' }).messages[1]).toMatchObject({ snippet: 'Xylophone lessons', highlights: [[0, 9]] });
  });

  it('finds a word common elsewhere but rare in the searched conversation, exactly ranked', () => {
    const { db, search, add } = setup();
    const mine = [add(peer(2), 'common here too', 1_000), add(peer(2), 'and common again', 1_500)];
    add(peer(2), 'other words', 1_700);
    db.transaction(() => {
      for (let i = 0; i < CONVERSATION_SCAN + 50; i++) add(peer(1), `common word ${i}`, 2_000 + i);
    })();
    const late = add(peer(2), 'a late common one', 1_200);
    expect(search.search({ query: 'common', conversationId: peer(2) }).messages.map((h) => h.message.id)).toEqual([mine[1], late, mine[0]]);
    expect(search.search({ query: 'common', conversationId: peer(2), limit: 2 }).messages.map((h) => h.message.id)).toEqual([mine[1], late]);
    expect(search.search({ query: 'common' }).messages).toHaveLength(50);
  });

  it('plans the message search as one backwards walk of the FTS index, never scanning or sorting messages', () => {
    const plan = (sql: string, params?: Record<string, unknown> | string[]): string =>
      (testDb.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params ?? []) as { detail: string }[]).map((r) => r.detail).join('\n');
    const p = { match: '"x"*', limit: 5, now: 0 };
    for (const sql of [SEARCH_SQL.hits, SEARCH_SQL.hitsInScan]) {
      const text = plan(sql, { ...p, c: 'c', scan: 10 });
      expect(text).toMatch(/SCAN (f|messages_fts) VIRTUAL TABLE INDEX/);
      expect(text).toMatch(/SEARCH s USING INTEGER PRIMARY KEY/);
      expect(text).not.toMatch(/SCAN s\b/);
      // The index's rowid is the rank: no sort of all matches.
      expect(text).not.toMatch(/TEMP B-TREE/);
    }
    // From the conversation's side: its index newest first, one index lookup per message.
    const own = plan(SEARCH_SQL.hitsByConversation, { ...p, c: 'c' });
    expect(own).toMatch(/SEARCH s USING INDEX messages_conversation \(conversation_id=\?\)/);
    expect(own).not.toMatch(/TEMP B-TREE/);
    expect(plan(SEARCH_SQL.rows, ['[1]']).replace(/\n/g, ' ')).toMatch(/SEARCH messages USING INTEGER PRIMARY KEY/);
  });
});
