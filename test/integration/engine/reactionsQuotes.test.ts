// Reactions and quotes between two accounts on a devnet (spec messaging §6.2, §6.4), through the backend's
// handlers: replies quoting each other's messages (found), a reply to a message not here yet ("not found",
// then found once it arrives), reactions and their removal both ways, a reaction arriving before its message
// (both ways, built with the protocol encoders and stored in the swarm ahead of the message), and our other
// device (restored from the recovery password) showing our reactions and replies from the sync copies.
import type { Backend } from '../../../ts/backend';
import type { MessageView } from '../../../ts/ipc/contract';
import { reactionContent, type Identity } from '../../../ts/protocol';
import { devnetBackends, pollOk, until } from './fixture';
import { identityOf, storeCrafted, tappedNetwork, type TappedNetwork } from './mediaHelpers';

jest.setTimeout(180_000);

describe('reactions and quotes (devnet)', () => {
  const env = devnetBackends('reactions-quotes-', { nodes: 9, swarmSize: 3, fanoutTimeoutMs: 500, relayTimeoutMs: 2_000 }, 200);

  let alice: Backend;
  let bob: Backend;
  let a: string;
  let b: string;
  let aliceKeys: Identity;
  let bobKeys: Identity;
  const taps: Record<'alice' | 'bob', TappedNetwork> = { alice: tappedNetwork(), bob: tappedNetwork() };

  const settled = async (x: Backend): Promise<void> => {
    const r = await x.followUps.settle({ signal: AbortSignal.timeout(60_000) });
    if (!r.settled || r.failed.length > 0) throw new Error(`not everything was stored: ${JSON.stringify(r)}`);
  };
  const list = async (x: Backend, conversationId: string): Promise<MessageView[]> => x.handlers['messages.list']({ conversationId });
  /** Polls `x` until `pick` finds something in the conversation, which it returns. */
  const arrives = async <T>(x: Backend, conversationId: string, what: string, pick: (ms: MessageView[]) => T | undefined): Promise<T> =>
    until(what, async () => {
      await pollOk(x);
      return pick(await list(x, conversationId));
    });
  const unread = async (x: Backend, id: string): Promise<number | undefined> => (await x.handlers['conversations.list']({})).find((c) => c.id === id)?.unreadCount;
  const byText = (text: string) => (ms: MessageView[]) => ms.find((m) => m.text === text);

  beforeAll(async () => {
    alice = await env.open('alice', { createNetwork: taps.alice.factory });
    bob = await env.open('bob', { createNetwork: taps.bob.factory });
    a = (await alice.handlers['account.create']({ displayName: 'Alice' })).sessionId;
    b = (await bob.handlers['account.create']({ displayName: 'Bob' })).sessionId;
    aliceKeys = await identityOf(alice);
    bobKeys = await identityOf(bob);
  });

  it('quotes each other: the reply shows the quoted message, both ways', async () => {
    const hello = await alice.handlers['messages.send']({ to: b, text: 'hello Bob' });
    const helloAtBob = await arrives(bob, a, 'hello at Bob', byText('hello Bob'));
    const reply = await bob.handlers['messages.send']({ to: a, text: 'hi Alice', quote: { messageId: helloAtBob.id } });
    expect(reply.quote).toEqual({ author: a, timestamp: hello.timestamp, messageId: helloAtBob.id, text: 'hello Bob' });
    const replyAtAlice = await arrives(alice, b, 'the reply at Alice', byText('hi Alice'));
    expect(replyAtAlice.quote).toEqual({ author: a, timestamp: hello.timestamp, messageId: hello.id, text: 'hello Bob' });

    await alice.handlers['messages.send']({ to: b, text: 'quoting you back', quote: { messageId: replyAtAlice.id } });
    const back = await arrives(bob, a, 'the quote back at Bob', byText('quoting you back'));
    expect(back.quote).toEqual({ author: b, timestamp: reply.timestamp, messageId: reply.id, text: 'hi Alice' });
  });

  it('shows "not found" for a quoted message we do not have, and the quote once that message arrives', async () => {
    // Bob's message at t0 is stored only after a reply to it (built with the protocol encoders).
    const t0 = Date.now() - 5_000;
    await storeCrafted(taps.bob.current!, bobKeys, a, { dataMessage: { body: 'about the thing', quote: { id: t0, author: b } } }, t0 + 1_000);
    const reply = await arrives(alice, b, 'the reply at Alice', byText('about the thing'));
    expect(reply.quote).toEqual({ author: b, timestamp: t0 });
    await storeCrafted(taps.bob.current!, bobKeys, a, { dataMessage: { body: 'the thing' } }, t0);
    const original = await arrives(alice, b, 'the original at Alice', byText('the thing'));
    expect((await list(alice, b)).find((m) => m.id === reply.id)?.quote).toEqual({ author: b, timestamp: t0, messageId: original.id, text: 'the thing' });
  });

  it('reacts and unreacts both ways; reactions are not messages', async () => {
    const fromAlice = byText('hello Bob');
    const fromBob = byText('hi Alice');
    const countAtAlice = (await list(alice, b)).length;
    const countAtBob = (await list(bob, a)).length;
    const unreadAtAlice = await unread(alice, b);
    const hiAtAlice = fromBob(await list(alice, b)) as MessageView;
    const helloAtBob = fromAlice(await list(bob, a)) as MessageView;

    const mine = await alice.handlers['messages.react']({ messageId: hiAtAlice.id, emoji: '👍', action: 'add' });
    expect(mine.reactions).toEqual([{ emoji: '👍', count: 1, senders: [a], mine: true }]);
    await alice.handlers['messages.react']({ messageId: hiAtAlice.id, emoji: '😂', action: 'add' });
    await bob.handlers['messages.react']({ messageId: helloAtBob.id, emoji: '❤️', action: 'add' });
    await Promise.all([settled(alice), settled(bob)]);

    const atBob = await arrives(bob, a, "Alice's reactions at Bob", (ms) => (ms.find((m) => m.id === (fromBob(ms) as MessageView).id)?.reactions?.length === 2 ? fromBob(ms) : undefined));
    expect(atBob.reactions).toEqual([
      { emoji: '👍', count: 1, senders: [a], mine: false },
      { emoji: '😂', count: 1, senders: [a], mine: false },
    ]);
    const atAlice = await arrives(alice, b, "Bob's reaction at Alice", (ms) => (fromAlice(ms)?.reactions ? fromAlice(ms) : undefined));
    expect(atAlice.reactions).toEqual([{ emoji: '❤️', count: 1, senders: [b], mine: false }]);
    expect(await list(alice, b)).toHaveLength(countAtAlice);
    expect(await list(bob, a)).toHaveLength(countAtBob);
    expect(await unread(alice, b)).toBe(unreadAtAlice);

    // Removal both ways.
    await alice.handlers['messages.react']({ messageId: hiAtAlice.id, emoji: '👍', action: 'remove' });
    await bob.handlers['messages.react']({ messageId: helloAtBob.id, emoji: '❤️', action: 'remove' });
    await Promise.all([settled(alice), settled(bob)]);
    const left = await arrives(bob, a, 'the removal at Bob', (ms) => (fromBob(ms)?.reactions?.length === 1 ? fromBob(ms) : undefined));
    expect(left.reactions).toEqual([{ emoji: '😂', count: 1, senders: [a], mine: false }]);
    await arrives(alice, b, 'the removal at Alice', (ms) => (fromAlice(ms) && fromAlice(ms)?.reactions === undefined ? true : undefined));
  });

  it('keeps a reaction that arrives before its message, both ways, and shows it with the message', async () => {
    for (const [from, keys, to, receiver, tap] of [
      ['Bob', bobKeys, a, alice, taps.bob],
      ['Alice', aliceKeys, b, bob, taps.alice],
    ] as const) {
      const t = Date.now() - 3_000;
      const body = `late message from ${from}`;
      await storeCrafted(tap.current!, keys, to, reactionContent({ target: { timestamp: t, author: keys.sessionId }, emoji: '🔥', action: 'react' }), t + 1_000);
      await pollOk(receiver);
      await pollOk(receiver);
      expect((await list(receiver, keys.sessionId)).find((m) => m.timestamp === t)).toBeUndefined();
      await storeCrafted(tap.current!, keys, to, { dataMessage: { body } }, t);
      const shown = await arrives(receiver, keys.sessionId, `${body} with its reaction`, byText(body));
      expect(shown.reactions).toEqual([{ emoji: '🔥', count: 1, senders: [keys.sessionId], mine: false }]);
    }
  });

  it("shows our reactions and replies on our other device, from the sync copies", async () => {
    const { mnemonic } = await alice.handlers['account.getRecoveryPassword']({});
    const laptop = await env.open('alice-laptop', { restoreWaitMs: 5_000 });
    await laptop.handlers['account.restore']({ mnemonic });
    // Alice reacted 👍 then removed it, and 😂 (kept): the newest action of each shows.
    const hi = await arrives(laptop, b, 'our reactions on the laptop', (ms) => (byText('hi Alice')(ms)?.reactions ? byText('hi Alice')(ms) : undefined));
    expect(hi.reactions).toEqual([{ emoji: '😂', count: 1, senders: [a], mine: true }]);
    const ours = await arrives(laptop, b, 'our reply on the laptop', byText('quoting you back'));
    expect(ours).toMatchObject({ direction: 'outgoing', quote: { author: b, timestamp: hi.timestamp, messageId: hi.id, text: 'hi Alice' } });
  });
});
