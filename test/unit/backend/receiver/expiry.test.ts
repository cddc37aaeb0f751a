// Disappearing messages (spec messaging §6.12) with a fake clock: after-send timers run from the sent time,
// after-read timers from the moment a message is marked read (the whole conversation, or up to the newest
// message the user has seen); the sweeper then deletes the row, its raw Content, its full-text entry and
// what refers to it, and tells the UI.
import { SignalService, identityFromRecoverySeed, loadProtocol, type ContentProps, type Identity } from '../../../../ts/protocol';
import { ftsHits, ftsPagesHold, itemOf, messageRow, openHarness, type Harness } from './harness';

const T0 = 1_780_000_000_000;
const AFTER_SEND = SignalService.Content.ExpirationType.DELETE_AFTER_SEND;
const AFTER_READ = SignalService.Content.ExpirationType.DELETE_AFTER_READ;

describe('disappearing messages', () => {
  let me: Identity;
  let peer: Identity;
  let h: Harness;

  beforeAll(async () => {
    await loadProtocol();
    me = identityFromRecoverySeed(new Uint8Array(16).fill(0xd1));
    peer = identityFromRecoverySeed(new Uint8Array(16).fill(0xd2));
  });
  beforeEach(() => {
    h = openHarness(me, T0 + 1_000);
  });
  afterEach(() => h.close());

  const from = (sender: Identity, content: ContentProps, t: number) => itemOf(sender, me.sessionId, content, t);
  const rowCount = (table: string): number => (h.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

  it('after-send: gone at sentAt + timer with its content, full-text entry and reactions, and the UI is told', async () => {
    const out = await h.receiver.process(
      [
        from(peer, { dataMessage: { body: 'vanishing zebra' }, expirationType: AFTER_SEND, expirationTimer: 60 }, T0),
        from(peer, { dataMessage: { body: 'staying giraffe' } }, T0 + 1),
      ],
      [],
    );
    expect(out.added.map((m) => [m.text, m.expiresAt])).toEqual([
      ['vanishing zebra', T0 + 60_000],
      ['staying giraffe', undefined],
    ]);
    expect(messageRow(h.db, peer.sessionId, T0)).toMatchObject({ expiration_type: 'after-send', expiration_timer: 60, expires_at: T0 + 60_000 });
    expect(h.messages.list(peer.sessionId, undefined, 10)[0]?.expiresAt).toBe(T0 + 60_000);
    // Our reaction to it, synced from another device, goes with it.
    await h.receiver.process(
      [itemOf(me, me.sessionId, { dataMessage: { reaction: { id: T0, author: peer.sessionId, emoji: '👍', action: 0 }, syncTarget: peer.sessionId } }, T0 + 2)],
      [],
    );
    expect(h.received.get(me.sessionId, T0 + 2)?.kind).toBe('reaction');
    expect(ftsHits(h.db, 'zebra')).toBe(1);
    expect(ftsPagesHold(h.db, 'zebra')).toBe(true);

    h.clock.now = T0 + 59_999;
    expect(h.sweeper.sweep()).toEqual([]);
    expect(messageRow(h.db, peer.sessionId, T0)).toBeDefined();

    h.clock.now = T0 + 60_000;
    const id = out.added[0]?.id as string;
    expect(h.sweeper.sweep()).toEqual([id]);
    expect(messageRow(h.db, peer.sessionId, T0)).toBeUndefined();
    expect(h.messages.rawContent(id)).toBeUndefined();
    expect(ftsHits(h.db, 'zebra')).toBe(0);
    expect(ftsPagesHold(h.db, 'zebra')).toBe(false);
    expect(ftsHits(h.db, 'giraffe')).toBe(1);
    expect(ftsPagesHold(h.db, 'giraffe')).toBe(true);
    expect(h.received.get(me.sessionId, T0 + 2)).toBeUndefined();
    // Nothing of the body is left in any table (the content BLOB held it too).
    expect(h.db.prepare("SELECT count(*) AS n FROM messages WHERE body LIKE '%zebra%' OR instr(content, 'zebra') > 0").get()).toEqual({ n: 0 });
    expect(rowCount('messages')).toBe(1);
    // Freed pages are overwritten, so the deleted text does not linger in the file either.
    expect(h.db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(h.log['messages.removed']).toEqual([{ conversationId: peer.sessionId, ids: [id] }]);
    const summary = h.log['conversations.updated']?.at(-1)?.conversations[0];
    expect(summary).toMatchObject({ id: peer.sessionId, lastMessage: { text: 'staying giraffe' } });
    // The swarm hash stays seen: the message cannot come back.
    expect(h.sweeper.sweep()).toEqual([]);
  });

  it('after-read: no timer until read; marking the conversation read starts it, then it is deleted', async () => {
    const out = await h.receiver.process([from(peer, { dataMessage: { body: 'read then vanish' }, expirationType: AFTER_READ, expirationTimer: 30 }, T0)], []);
    const id = out.added[0]?.id as string;
    expect(out.added[0]?.expiresAt).toBeUndefined();
    expect(messageRow(h.db, peer.sessionId, T0)).toMatchObject({ expiration_type: 'after-read', expiration_timer: 30, expires_at: null });
    h.clock.now = T0 + 10 * 86_400_000;
    expect(h.sweeper.sweep()).toEqual([]);

    const readAt = h.clock.now;
    h.conversationsService.markRead(peer.sessionId);
    expect(h.log['messages.updated']?.at(-1)?.messages).toEqual([expect.objectContaining({ id, status: 'read', expiresAt: readAt + 30_000 })]);
    h.clock.now = readAt + 29_999;
    expect(h.sweeper.sweep()).toEqual([]);
    h.clock.now = readAt + 30_000;
    expect(h.sweeper.sweep()).toEqual([id]);
    expect(messageRow(h.db, peer.sessionId, T0)).toBeUndefined();
    expect(ftsHits(h.db, 'vanish')).toBe(0);
    expect(h.log['messages.removed']).toEqual([{ conversationId: peer.sessionId, ids: [id] }]);
    expect(h.log['conversations.updated']?.at(-1)?.conversations).toEqual([expect.objectContaining({ id: peer.sessionId, unreadCount: 0 })]);
    expect(h.log['conversations.updated']?.at(-1)?.conversations[0]?.lastMessage).toBeUndefined();
  });

  it('reading up to a message reads only it and the older ones: unread count, events and after-read timers for exactly those', async () => {
    // Four incoming after-read messages, the newest out of view.
    const out = await h.receiver.process(
      [
        from(peer, { dataMessage: { body: 'first' }, expirationType: AFTER_READ, expirationTimer: 30 }, T0),
        from(peer, { dataMessage: { body: 'second' }, expirationType: AFTER_READ, expirationTimer: 30 }, T0 + 10),
        from(peer, { dataMessage: { body: 'third' }, expirationType: AFTER_READ, expirationTimer: 30 }, T0 + 15),
        from(peer, { dataMessage: { body: 'below the fold' }, expirationType: AFTER_READ, expirationTimer: 30 }, T0 + 20),
      ],
      [],
    );
    const byText = new Map(out.added.map((m) => [m.text, m.id]));
    const id = (text: string): string => byText.get(text) as string;
    expect(h.conversationsService.summary(peer.sessionId)?.unreadCount).toBe(4);
    h.clock.now = T0 + 60_000;
    const readAt = h.clock.now;
    const updatesBefore = h.log['messages.updated']?.length ?? 0;

    const s = h.conversationsService.markReadUpTo(peer.sessionId, id('second'));
    expect(s.unreadCount).toBe(2);
    expect(h.log['messages.updated']?.at(-1)?.messages.map((m) => [m.text, m.status, m.expiresAt])).toEqual([
      ['first', 'read', readAt + 30_000],
      ['second', 'read', readAt + 30_000],
    ]);
    expect(h.log['messages.updated']).toHaveLength(updatesBefore + 1);
    expect(h.log['conversations.updated']?.at(-1)?.conversations).toEqual([expect.objectContaining({ id: peer.sessionId, unreadCount: 2 })]);
    // What is still unread has no timer yet.
    expect(h.messages.get(id('third'))).toMatchObject({ status: 'received' });
    expect(h.messages.get(id('third'))?.expiresAt).toBeUndefined();
    expect(h.messages.get(id('below the fold'))?.expiresAt).toBeUndefined();

    // Seeing an older message again changes nothing and tells nobody.
    const conversationEvents = h.log['conversations.updated']?.length ?? 0;
    expect(h.conversationsService.markReadUpTo(peer.sessionId, id('first')).unreadCount).toBe(2);
    expect(h.log['conversations.updated']).toHaveLength(conversationEvents);

    // Only the read ones go when their timer runs out.
    h.clock.now = readAt + 30_000;
    expect(h.sweeper.sweep().sort()).toEqual([id('first'), id('second')].sort());
    expect(h.conversationsService.summary(peer.sessionId)?.unreadCount).toBe(2);

    // Scrolling down: the newest one read later starts its own timer then.
    h.clock.now = readAt + 40_000;
    expect(h.conversationsService.markReadUpTo(peer.sessionId, id('below the fold')).unreadCount).toBe(0);
    expect(h.messages.get(id('third'))?.expiresAt).toBe(readAt + 70_000);
    expect(h.messages.get(id('below the fold'))?.expiresAt).toBe(readAt + 70_000);
  });

  it('reading up to a message of another conversation, or an unknown one, fails clearly and reads nothing', async () => {
    const other = identityFromRecoverySeed(new Uint8Array(16).fill(0xd3));
    const out = await h.receiver.process([from(peer, { dataMessage: { body: 'hers' } }, T0), from(other, { dataMessage: { body: 'theirs' } }, T0 + 1)], []);
    const theirs = out.added.find((m) => m.text === 'theirs')?.id as string;
    expect(() => h.conversationsService.markReadUpTo(peer.sessionId, theirs)).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => h.conversationsService.markReadUpTo(peer.sessionId, 'no-such-message')).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => h.conversationsService.markReadUpTo(`05${'ab'.repeat(32)}`, theirs)).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(h.conversationsService.summary(peer.sessionId)?.unreadCount).toBe(1);
    expect(h.conversationsService.summary(other.sessionId)?.unreadCount).toBe(1);
  });

  it('our own messages and note-to-self run after-read timers at once; off settings and expired arrivals', async () => {
    const out = await h.receiver.process(
      [
        // A sync copy of our after-read message: we have read what we wrote.
        itemOf(me, me.sessionId, { dataMessage: { body: 'mine', syncTarget: peer.sessionId }, expirationType: AFTER_READ, expirationTimer: 300 }, T0),
        // Note-to-self knows only after-send.
        itemOf(me, me.sessionId, { dataMessage: { body: 'note', syncTarget: me.sessionId }, expirationType: AFTER_READ, expirationTimer: 300 }, T0 + 1),
        // Off: no type with a timer, a type with timer 0.
        from(peer, { dataMessage: { body: 'off 1' }, expirationTimer: 300 }, T0 + 2),
        from(peer, { dataMessage: { body: 'off 2' }, expirationType: AFTER_SEND, expirationTimer: 0 }, T0 + 3),
        // Already expired when it arrives (sent long ago): kept out, but its hash is seen.
        from(peer, { dataMessage: { body: 'too late' }, expirationType: AFTER_SEND, expirationTimer: 10 }, T0 - 20_000),
      ],
      [],
    );
    expect(out.added.map((m) => [m.text, m.expiresAt])).toEqual([
      ['mine', T0 + 300_000],
      ['note', T0 + 1 + 300_000],
      ['off 1', undefined],
      ['off 2', undefined],
    ]);
    expect(messageRow(h.db, me.sessionId, T0 + 1)).toMatchObject({ expiration_type: 'after-send' });
    expect(out).toMatchObject({ dropped: 0, ignored: 1 });
    expect(messageRow(h.db, peer.sessionId, T0 - 20_000)).toBeUndefined();
  });

  it('expiring stored content (an after-send reaction) is swept too', async () => {
    await h.receiver.process([from(peer, { dataMessage: { reaction: { id: 5, author: me.sessionId, emoji: '🔥', action: 0 } }, expirationType: AFTER_SEND, expirationTimer: 60 }, T0)], []);
    expect(h.received.get(peer.sessionId, T0)?.expiresAt).toBe(T0 + 60_000);
    h.clock.now = T0 + 60_000;
    h.sweeper.sweep();
    expect(h.received.get(peer.sessionId, T0)).toBeUndefined();
  });

  it('the started sweeper deletes on its own at its interval and at start', async () => {
    await h.receiver.process([from(peer, { dataMessage: { body: 'soon' }, expirationType: AFTER_SEND, expirationTimer: 5 }, T0)], []);
    h.clock.now = T0 + 5_000;
    h.sweeper.start(); // sweeps at once: what expired while the app was closed
    expect(messageRow(h.db, peer.sessionId, T0)).toBeUndefined();
    h.sweeper.stop();
  });
});
