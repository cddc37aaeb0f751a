// The one-time pass over content stored before reactions and quotes were shown: raw reactions kept in
// received_content are applied by the receive rules (newest action wins, other conversations ignored), and
// messages listing 'quote' as unsupported get their quote reference from their own Content; it runs once.
import type { UnsupportedPart } from '../../../../ts/ipc/contract';
import { createReactionStore } from '../../../../ts/backend/db/reactionStore';
import { createRichBackfillStore } from '../../../../ts/backend/db/richBackfillStore';
import { silentLogger } from '../../../../ts/backend/log';
import { createRichBackfill } from '../../../../ts/backend/services/richBackfill';
import { SignalService, encodeContent, identityFromRecoverySeed, loadProtocol, type ContentProps, type Identity } from '../../../../ts/protocol';
import { openHarness, type Harness } from '../receiver/harness';

const T0 = 1_780_000_000_000;

describe('the reactions and quotes backfill', () => {
  let me: Identity;
  let alice: Identity;
  let mallory: Identity;
  let h: Harness;

  beforeAll(async () => {
    await loadProtocol();
    me = identityFromRecoverySeed(new Uint8Array(16).fill(0xd1));
    alice = identityFromRecoverySeed(new Uint8Array(16).fill(0xd2));
    mallory = identityFromRecoverySeed(new Uint8Array(16).fill(0xd3));
  });
  beforeEach(() => {
    h = openHarness(me, T0 + 600_000);
  });
  afterEach(() => h.close());

  const backfill = (window = 2) =>
    createRichBackfill({
      db: h.db,
      store: createRichBackfillStore(h.db),
      reactions: createReactionStore(h.db),
      messages: h.messages,
      ownId: () => me.sessionId,
      events: h.events,
      log: silentLogger,
      window,
    });
  /** A message as the previous version stored it: its Content kept, 'quote' listed as unsupported. */
  const oldMessage = (id: string, sender: Identity, t: number, content: ContentProps, unsupported: UnsupportedPart[]) => {
    h.conversations.touch(alice.sessionId, 'private', t);
    h.messages.insert({
      id,
      conversationId: alice.sessionId,
      sender: sender.sessionId,
      direction: sender === me ? 'outgoing' : 'incoming',
      body: content.dataMessage?.body ?? '',
      sentAt: t,
      receivedAt: t,
      status: 'received',
      content: encodeContent(content),
      unsupported,
    });
  };
  const oldReaction = (from: Identity, conversation: Identity, target: { author: Identity; t: number }, emoji: string, action: number, t: number) =>
    h.received.insert({
      sender: from.sessionId,
      sentAt: t,
      conversationId: conversation.sessionId,
      kind: 'reaction',
      content: encodeContent({ dataMessage: { reaction: { id: target.t, author: target.author.sessionId, emoji, action } } }),
      receivedAt: t,
      target: { sender: target.author.sessionId, sentAt: target.t },
    });

  it('applies stored reactions and reads stored quotes, once', async () => {
    oldMessage('m1', alice, T0, { dataMessage: { body: 'first' } }, []);
    oldMessage('m2', alice, T0 + 1, { dataMessage: { body: 'about first', quote: { id: T0, author: alice.sessionId } } }, ['quote', 'link-preview']);
    oldMessage('m3', alice, T0 + 2, { dataMessage: { body: 'about a lost one', quote: { id: T0 - 99, author: me.sessionId } } }, ['quote']);
    oldMessage('m4', alice, T0 + 3, { dataMessage: { body: 'odd', quote: { id: T0, author: 'nonsense' } } }, ['quote']);
    const REACT = SignalService.DataMessage.Reaction.Action.REACT;
    const REMOVE = SignalService.DataMessage.Reaction.Action.REMOVE;
    oldReaction(alice, alice, { author: alice, t: T0 }, '👍', REACT, T0 + 10);
    oldReaction(alice, alice, { author: alice, t: T0 }, '😂', REACT, T0 + 11);
    oldReaction(alice, alice, { author: alice, t: T0 }, '😂', REMOVE, T0 + 12);
    oldReaction(mallory, mallory, { author: alice, t: T0 }, '💩', REACT, T0 + 13);
    // A reaction to a message still to come is kept for it.
    oldReaction(alice, alice, { author: alice, t: T0 + 50 }, '🔥', REACT, T0 + 14);

    expect(await backfill().run()).toEqual({ reactions: 4, quotes: 3 });
    expect(h.messages.get('m1')?.reactions).toEqual([{ emoji: '👍', count: 1, senders: [alice.sessionId], mine: false }]);
    expect(h.messages.get('m2')).toMatchObject({ quote: { author: alice.sessionId, timestamp: T0, messageId: 'm1', text: 'first' }, unsupported: ['link-preview'] });
    expect(h.messages.get('m3')?.quote).toEqual({ author: me.sessionId, timestamp: T0 - 99 });
    expect(h.messages.get('m3')?.unsupported).toBeUndefined();
    expect(h.messages.get('m4')?.quote).toBeUndefined();
    expect(h.log['messages.updated']?.flatMap((e) => e.messages.map((m) => m.id)).sort()).toEqual(['m1', 'm2', 'm3', 'm4']);
    oldMessage('m5', alice, T0 + 50, { dataMessage: { body: 'late' } }, []);
    expect(h.messages.get('m5')?.reactions).toEqual([{ emoji: '🔥', count: 1, senders: [alice.sessionId], mine: false }]);

    // Once: a second run finds nothing to do (a message stored now with 'quote' would be the old receiver's; there is none).
    expect(await backfill().run()).toEqual({ reactions: 0, quotes: 0 });
  });

  it('goes on where a stopped run ended', async () => {
    for (let i = 0; i < 6; i++) oldMessage(`q${i}`, alice, T0 + i, { dataMessage: { body: `q${i}`, quote: { id: T0 - 1, author: alice.sessionId } } }, ['quote']);
    const first = backfill(2);
    let batches = 0;
    h.events.on('messages.updated', () => {
      if (++batches === 1) first.stop();
    });
    expect((await first.run()).quotes).toBe(2);
    expect(await backfill(2).run()).toEqual({ reactions: 0, quotes: 4 });
    expect([0, 1, 2, 3, 4, 5].map((i) => h.messages.get(`q${i}`)?.quote?.timestamp)).toEqual(Array(6).fill(T0 - 1));
  });
});
