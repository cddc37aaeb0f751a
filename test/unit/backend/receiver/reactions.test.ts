// Received reactions and quotes (spec messaging §6.2, §6.4) through the real receive pipeline: a reaction is
// applied to its target by (author, sent time), the newest action per reactor and emoji wins whatever the arrival
// order, one that arrives before its message shows once the message is here, and reactions never become
// timeline messages. Quotes store the quoted message's identity; the view finds it (or says not found).
import { SignalService, identityFromRecoverySeed, loadProtocol, type ContentProps, type Identity } from '../../../../ts/protocol';
import { itemOf, openHarness, type Harness } from './harness';

const T0 = 1_780_000_000_000;
const REACT = SignalService.DataMessage.Reaction.Action.REACT;
const REMOVE = SignalService.DataMessage.Reaction.Action.REMOVE;

describe('received reactions', () => {
  let me: Identity;
  let alice: Identity;
  let mallory: Identity;
  let h: Harness;

  beforeAll(async () => {
    await loadProtocol();
    me = identityFromRecoverySeed(new Uint8Array(16).fill(0xa1));
    alice = identityFromRecoverySeed(new Uint8Array(16).fill(0xa2));
    mallory = identityFromRecoverySeed(new Uint8Array(16).fill(0xa3));
  });
  beforeEach(() => {
    h = openHarness(me, T0 + 600_000);
  });
  afterEach(() => h.close());

  const text = (sender: Identity, body: string, t: number, extra: ContentProps['dataMessage'] = {}) => itemOf(sender, me.sessionId, { dataMessage: { body, ...extra } }, t);
  const reaction = (from: Identity, target: { author: Identity; t: number }, emoji: string, action: number, t: number) =>
    itemOf(from, me.sessionId, { dataMessage: { reaction: { id: target.t, author: target.author.sessionId, emoji, action } } }, t);
  const reactionsOf = (sender: Identity, t: number) => h.messages.list(alice.sessionId, undefined, 100).find((m) => m.sender === sender.sessionId && m.timestamp === t)?.reactions;
  const unreadOf = () => h.conversationsService.summary(alice.sessionId)?.unreadCount;

  it('applies a reaction to its message: shown with its sender, the message re-sent, no new message, unread unchanged, raw content kept', async () => {
    const { added } = await h.receiver.process([text(alice, 'hello', T0)], []);
    const target = added[0];
    expect(unreadOf()).toBe(1);
    const out = await h.receiver.process([reaction(alice, { author: alice, t: T0 }, '👍', REACT, T0 + 10)], []);
    expect(out).toMatchObject({ added: [], dropped: 0, ignored: 1 });
    expect(reactionsOf(alice, T0)).toEqual([{ emoji: '👍', count: 1, senders: [alice.sessionId], mine: false }]);
    expect(h.log['messages.updated']).toEqual([{ messages: [expect.objectContaining({ id: target?.id, reactions: [expect.objectContaining({ emoji: '👍', count: 1 })] })] }]);
    expect(h.log['messages.added']).toHaveLength(1);
    expect(h.messages.list(alice.sessionId, undefined, 100)).toHaveLength(1);
    expect(unreadOf()).toBe(1);
    expect(h.received.get(alice.sessionId, T0 + 10)?.kind).toBe('reaction');
  });

  it('keeps the newest action per reactor and emoji, whatever order they arrive in', async () => {
    await h.receiver.process([text(alice, 'hello', T0)], []);
    // React at +20 arrives before an older removal at +10: the removal is older, so the reaction stays.
    await h.receiver.process([reaction(alice, { author: alice, t: T0 }, '😂', REACT, T0 + 20)], []);
    await h.receiver.process([reaction(alice, { author: alice, t: T0 }, '😂', REMOVE, T0 + 10)], []);
    expect(reactionsOf(alice, T0)).toEqual([{ emoji: '😂', count: 1, senders: [alice.sessionId], mine: false }]);
    // A newer removal takes it away; a second emoji is independent.
    await h.receiver.process([reaction(alice, { author: alice, t: T0 }, '❤️', REACT, T0 + 25), reaction(alice, { author: alice, t: T0 }, '😂', REMOVE, T0 + 30)], []);
    expect(reactionsOf(alice, T0)).toEqual([{ emoji: '❤️', count: 1, senders: [alice.sessionId], mine: false }]);
    const row = h.db.prepare<[], { action: string; sent_at: number }>("SELECT action, sent_at FROM reactions WHERE emoji = '😂'").get();
    expect(row).toEqual({ action: 'remove', sent_at: T0 + 30 });
  });

  it('keeps a reaction that arrives before its message and shows it once the message arrives', async () => {
    const early = await h.receiver.process([reaction(alice, { author: alice, t: T0 }, '🔥', REACT, T0 + 50)], []);
    expect(early).toMatchObject({ added: [], ignored: 1 });
    expect(h.log['messages.updated']).toBeUndefined();
    expect(h.conversations.get(alice.sessionId)).toBeUndefined();
    const late = await h.receiver.process([text(alice, 'the message', T0)], []);
    expect(late.added).toEqual([expect.objectContaining({ text: 'the message', reactions: [{ emoji: '🔥', count: 1, senders: [alice.sessionId], mine: false }] })]);
    expect(reactionsOf(alice, T0)).toEqual([{ emoji: '🔥', count: 1, senders: [alice.sessionId], mine: false }]);
  });

  it("applies our own reaction from another device (sync copy) as ours, on the peer's message and on ours", async () => {
    // `mine` compares with the account's Session ID, as the account store keeps it.
    h.db.prepare('INSERT INTO identity (id, recovery_seed, session_id, created_at) VALUES (1, ?, ?, 0)').run(Buffer.alloc(16), me.sessionId);
    await h.receiver.process([text(alice, 'hello', T0), itemOf(me, me.sessionId, { dataMessage: { body: 'mine', syncTarget: alice.sessionId } }, T0 + 1)], []);
    const sync = (target: Identity, t: number, emoji: string, at: number) =>
      itemOf(me, me.sessionId, { dataMessage: { reaction: { id: t, author: target.sessionId, emoji, action: REACT }, syncTarget: alice.sessionId } }, at);
    await h.receiver.process([sync(alice, T0, '👍', T0 + 10), sync(me, T0 + 1, '🎉', T0 + 11), reaction(alice, { author: me, t: T0 + 1 }, '🎉', REACT, T0 + 12)], []);
    expect(reactionsOf(alice, T0)).toEqual([{ emoji: '👍', count: 1, senders: [me.sessionId], mine: true }]);
    expect(reactionsOf(me, T0 + 1)).toEqual([{ emoji: '🎉', count: 2, senders: [me.sessionId, alice.sessionId], mine: true }]);
  });

  it('drops reactions from a blocked sender, and ignores ones without emoji or aimed at another conversation', async () => {
    await h.receiver.process([text(alice, 'hello', T0), text(mallory, 'hi', T0 + 1)], []);
    h.conversations.setBlocked(mallory.sessionId, true, 1);
    const blocked = await h.receiver.process([reaction(mallory, { author: mallory, t: T0 + 1 }, '😠', REACT, T0 + 10)], []);
    expect(blocked).toMatchObject({ dropped: 1 });
    expect(h.receiver.stats.dropReasons).toEqual({ blocked_sender: 1 });
    h.conversations.setBlocked(mallory.sessionId, false, 2);
    // Without emoji: kept raw (as every Content), applied to nothing.
    await h.receiver.process([reaction(alice, { author: alice, t: T0 }, '', REACT, T0 + 20)], []);
    expect(h.received.get(alice.sessionId, T0 + 20)?.kind).toBe('reaction');
    // Mallory naming Alice's message: not in the conversation with Mallory, so nothing shows on it.
    await h.receiver.process([reaction(mallory, { author: alice, t: T0 }, '💩', REACT, T0 + 30)], []);
    expect(reactionsOf(alice, T0)).toBeUndefined();
    expect(h.db.prepare('SELECT count(*) AS n FROM reactions').get()).toEqual({ n: 0 });
    expect(h.log['messages.updated']).toBeUndefined();
  });

  it('drops the reactions of a deleted message with it', async () => {
    const { added } = await h.receiver.process([text(alice, 'hello', T0)], []);
    await h.receiver.process([reaction(alice, { author: alice, t: T0 }, '👍', REACT, T0 + 10)], []);
    h.messages.deleteByIds([added[0]?.id as string]);
    expect(h.db.prepare('SELECT count(*) AS n FROM reactions').get()).toEqual({ n: 0 });
  });
});

describe('received quotes', () => {
  let me: Identity;
  let alice: Identity;
  let h: Harness;

  beforeAll(async () => {
    await loadProtocol();
    me = identityFromRecoverySeed(new Uint8Array(16).fill(0xb1));
    alice = identityFromRecoverySeed(new Uint8Array(16).fill(0xb2));
  });
  beforeEach(() => {
    h = openHarness(me, T0 + 600_000);
  });
  afterEach(() => h.close());

  const reply = (body: string, quoted: { author: string; t: number }, t: number) =>
    itemOf(alice, me.sessionId, { dataMessage: { body, quote: { id: quoted.t, author: quoted.author, text: 'what the sender claims' } } }, t);

  it('finds the quoted message (ours or theirs) by author and sent time, with its own text', async () => {
    await h.receiver.process([itemOf(me, me.sessionId, { dataMessage: { body: 'my question', syncTarget: alice.sessionId } }, T0)], []);
    const out = await h.receiver.process([reply('my answer', { author: me.sessionId, t: T0 }, T0 + 10)], []);
    const mine = h.messages.list(alice.sessionId, undefined, 10).find((m) => m.timestamp === T0);
    expect(out.added[0]?.quote).toEqual({ author: me.sessionId, timestamp: T0, messageId: mine?.id, text: 'my question' });
    expect(out.added[0]?.unsupported).toBeUndefined();
    expect(h.messages.get(out.added[0]?.id as string)?.quote).toEqual({ author: me.sessionId, timestamp: T0, messageId: mine?.id, text: 'my question' });
  });

  it('says not found for a message we do not have, and finds it once it arrives', async () => {
    const out = await h.receiver.process([reply('about that', { author: alice.sessionId, t: T0 }, T0 + 10)], []);
    const id = out.added[0]?.id as string;
    expect(out.added[0]?.quote).toEqual({ author: alice.sessionId, timestamp: T0 });
    await h.receiver.process([itemOf(alice, me.sessionId, { dataMessage: { body: 'the original' } }, T0)], []);
    const original = h.messages.list(alice.sessionId, undefined, 10).find((m) => m.timestamp === T0);
    expect(h.messages.get(id)?.quote).toEqual({ author: alice.sessionId, timestamp: T0, messageId: original?.id, text: 'the original' });
  });

  it('leaves out a malformed quote reference instead of dropping the message', async () => {
    const out = await h.receiver.process([reply('odd quote', { author: 'not an id', t: T0 }, T0 + 10)], []);
    expect(out.added).toEqual([expect.objectContaining({ text: 'odd quote' })]);
    expect(out.added[0]?.quote).toBeUndefined();
  });
});
