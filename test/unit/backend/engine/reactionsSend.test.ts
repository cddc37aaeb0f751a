// Sending reactions and quotes through the backend's handlers on real encrypted databases with an in-memory
// network (spec messaging §6.2, §6.4): a reaction is applied at once, stored on the peer's swarm and as a sync
// copy on ours (another device of the account shows it as ours), with a fresh timestamp; what cannot be reacted
// to is refused with a clear error, and so is the 21st reaction within a minute.
import type { Backend } from '../../../../ts/backend';
import type { MessageView } from '../../../../ts/ipc/contract';
import { SignalService, decode1o1Message, decodeRecoveryPassword, identityFromRecoverySeed, loadProtocol } from '../../../../ts/protocol';
import { inMemoryBackends, record, until } from './fixture';

describe('sending reactions and quotes (in-memory network)', () => {
  const env = inMemoryBackends('reactions-', 20);
  const open = (profile: string): Promise<Backend> =>
    env.open(profile, { engine: { pollIntervalMs: 20, restoreWaitMs: 0, createNetwork: () => env.swarms.network() } });

  beforeAll(async () => {
    await loadProtocol();
  });

  /** Alice and Bob with one message from each (so each has accepted the other). */
  const pair = async () => {
    const alice = await open('alice');
    const bob = await open('bob');
    const a = await alice.handlers['account.create']({ displayName: 'Alice' });
    const b = await bob.handlers['account.create']({ displayName: 'Bob' });
    const hello = await alice.handlers['messages.send']({ to: b.sessionId, text: 'hello' });
    const theirs = await until('hello at Bob', async () => (await bob.handlers['messages.list']({ conversationId: a.sessionId })).find((m) => m.text === 'hello'));
    const reply = await bob.handlers['messages.send']({ to: a.sessionId, text: 'hi' });
    await until('hi at Alice', async () => (await alice.handlers['messages.list']({ conversationId: b.sessionId })).some((m) => m.text === 'hi'));
    return { alice, bob, a, b, hello, theirs, reply, aliceKeys: identityOf(a.mnemonic) };
  };
  const identityOf = (mnemonic: string) => {
    const seed = decodeRecoveryPassword(mnemonic);
    if (!seed.ok) throw seed.error;
    return identityFromRecoverySeed(seed.value);
  };
  const viewAt = async (backend: Backend, conversationId: string, id: string): Promise<MessageView | undefined> =>
    (await backend.handlers['messages.list']({ conversationId })).find((m) => m.id === id);

  it('applies our reaction at once, stores it for the peer and as a sync copy for our other devices, and removes it', async () => {
    const { alice, bob, a, b, hello, theirs, aliceKeys } = await pair();
    const updates = record(bob, 'messages.updated');
    const storesBefore = env.swarms.stores;
    const reacted = await bob.handlers['messages.react']({ messageId: theirs.id, emoji: '👍', action: 'add' });
    expect(reacted.reactions).toEqual([{ emoji: '👍', count: 1, senders: [b.sessionId], mine: true }]);
    expect(updates).toEqual([{ messages: [expect.objectContaining({ id: theirs.id, reactions: reacted.reactions })] }]);
    await until('two stores', () => env.swarms.stores >= storesBefore + 2);

    // The peer's copy: a reaction to Alice's message by (author, sent time), with a fresh timestamp and Bob's profile.
    const decoded = (env.swarms.inbox.get(a.sessionId) ?? []).map((m) => decode1o1Message(aliceKeys, m.data)).flatMap((r) => (r.ok && r.value.content.dataMessage?.reaction ? [r.value] : []));
    expect(decoded).toHaveLength(1);
    expect(decoded[0]?.content.dataMessage?.reaction).toMatchObject({ id: hello.timestamp, author: a.sessionId, emoji: '👍', action: SignalService.DataMessage.Reaction.Action.REACT });
    expect(decoded[0]?.content.dataMessage?.profile?.displayName).toBe('Bob');
    expect(decoded[0]?.timestampMs).toBeGreaterThan(theirs.timestamp);

    // Alice sees it on her message; nothing new in her timeline, nothing unread.
    const shown = await until('the reaction at Alice', async () => (await viewAt(alice, b.sessionId, hello.id))?.reactions);
    expect(shown).toEqual([{ emoji: '👍', count: 1, senders: [b.sessionId], mine: false }]);
    expect(await alice.handlers['messages.list']({ conversationId: b.sessionId })).toHaveLength(2);

    // Reacting again changes nothing and sends nothing; removing sends a removal.
    const stores = env.swarms.stores;
    expect((await bob.handlers['messages.react']({ messageId: theirs.id, emoji: '👍', action: 'add' })).reactions).toEqual(reacted.reactions);
    const removed = await bob.handlers['messages.react']({ messageId: theirs.id, emoji: '👍', action: 'remove' });
    expect(removed.reactions).toBeUndefined();
    await until('the removal stored twice', () => env.swarms.stores >= stores + 2);
    await until('the reaction gone at Alice', async () => (await viewAt(alice, b.sessionId, hello.id))?.reactions === undefined);
  });

  it("shows our reaction on our other device, which learns it from the sync copy", async () => {
    const alice = await open('alice');
    const bob = await open('bob');
    const { mnemonic } = await alice.handlers['account.create']({ displayName: 'Alice' });
    const a = (await alice.handlers['account.get']({})) as { sessionId: string };
    const b = await bob.handlers['account.create']({ displayName: 'Bob' });
    await bob.handlers['messages.send']({ to: a.sessionId, text: 'react to me' });
    const msg = await until('the message at Alice', async () => (await alice.handlers['messages.list']({ conversationId: b.sessionId }))[0]);
    await alice.handlers['conversations.accept']({ id: b.sessionId });
    await alice.handlers['messages.react']({ messageId: msg.id, emoji: '❤️', action: 'add' });
    await until('the sync copy stored', () => (env.swarms.inbox.get(a.sessionId)?.length ?? 0) >= 1);

    const laptop = await open('alice-laptop');
    await laptop.handlers['account.restore']({ mnemonic });
    const there = await until('the reaction on the laptop', async () => (await laptop.handlers['messages.list']({ conversationId: b.sessionId })).find((m) => m.reactions)?.reactions);
    expect(there).toEqual([{ emoji: '❤️', count: 1, senders: [a.sessionId], mine: true }]);
  });

  it('in Note to Self, sends only the sync copy (our own swarm), and replies quote there too', async () => {
    const alice = await open('alice');
    const { sessionId: a } = await alice.handlers['account.create']({ displayName: 'Alice' });
    const note = await alice.handlers['messages.send']({ to: a, text: 'remember the milk' });
    await until('the note stored', () => (env.swarms.inbox.get(a)?.length ?? 0) === 1);
    const storesBefore = env.swarms.stores;
    const reacted = await alice.handlers['messages.react']({ messageId: note.id, emoji: '✅', action: 'add' });
    expect(reacted.reactions).toEqual([{ emoji: '✅', count: 1, senders: [a], mine: true }]);
    await until('the reaction stored', () => (env.swarms.inbox.get(a)?.length ?? 0) === 2);
    await new Promise((r) => setTimeout(r, 100));
    expect(env.swarms.stores).toBe(storesBefore + 1);
    const reply = await alice.handlers['messages.send']({ to: a, text: 'bought it', quote: { messageId: note.id } });
    expect(reply.quote).toEqual({ author: a, timestamp: note.timestamp, messageId: note.id, text: 'remember the milk' });
  });

  it('refuses what cannot be reacted to, with clear errors', async () => {
    const { alice, bob, a, b, theirs } = await pair();
    const react = (backend: Backend, messageId: string, emoji = '👍') => backend.handlers['messages.react']({ messageId, emoji, action: 'add' });
    await expect(react(bob, 'ffff')).rejects.toMatchObject({ code: 'not_found', message: 'No such message.' });
    for (const bad of ['a', '👍👍', 'ok', '1', '👍 ']) {
      await expect(react(bob, theirs.id, bad)).rejects.toMatchObject({ code: 'invalid_params', message: 'Choose one emoji to react with.' });
    }
    // One grapheme each: a skin tone, a family (ZWJ), a flag, a keycap.
    for (const good of ['👍🏽', '👨‍👩‍👧', '🇫🇷', '#️⃣']) expect((await react(bob, theirs.id, good)).reactions?.some((r) => r.emoji === good)).toBe(true);

    // A message request we have not accepted.
    const carol = await open('carol');
    const c = await carol.handlers['account.create']({ displayName: 'Carol' });
    await carol.handlers['messages.send']({ to: b.sessionId, text: 'request' });
    const request = await until('the request at Bob', async () => (await bob.handlers['messages.list']({ conversationId: c.sessionId }))[0]);
    await expect(react(bob, request.id)).rejects.toMatchObject({ code: 'invalid_params', message: 'Accept this message request to react to its messages.' });
    // A blocked contact.
    await bob.handlers['conversations.setBlocked']({ id: a.sessionId, blocked: true });
    await expect(react(bob, theirs.id, '😀')).rejects.toMatchObject({ code: 'invalid_params', message: 'Unblock this contact to react to their messages.' });
    await bob.handlers['conversations.setBlocked']({ id: a.sessionId, blocked: false });
    expect(alice).toBeDefined();
  });

  it('allows 20 reactions a minute (toggles and earlier runs count), then says to slow down', async () => {
    const first = await pair();
    const { theirs } = first;
    const emoji = ['😀', '😁', '😂', '🤣', '😃', '😄', '😅', '😆', '😉', '😊', '😋', '😎', '😍', '😘', '🥰', '😗', '😙'];
    for (const e of emoji.slice(0, 8)) await first.bob.handlers['messages.react']({ messageId: theirs.id, emoji: e, action: 'add' });
    // A new run (as each CLI command is) still counts the earlier reactions.
    await env.close(first.bob);
    const bob = await open('bob');
    // Three of the twenty are one emoji toggled: added, removed, added again.
    for (const action of ['add', 'remove', 'add'] as const) await bob.handlers['messages.react']({ messageId: theirs.id, emoji: '🥲', action });
    for (const e of emoji.slice(8)) await bob.handlers['messages.react']({ messageId: theirs.id, emoji: e, action: 'add' });
    await expect(bob.handlers['messages.react']({ messageId: theirs.id, emoji: '🤗', action: 'add' })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/^Slow down! You've sent too many emoji reacts \(at most 20 per minute\)\. Try again in \d+ s\.$/),
    });
    expect((await bob.handlers['messages.list']({ conversationId: theirs.conversationId })).find((m) => m.id === theirs.id)?.reactions).toHaveLength(18);
  });

  it('sends a reply with its quote and refuses quoting a message of another conversation', async () => {
    const { alice, bob, a, b, hello, theirs } = await pair();
    const replying = await bob.handlers['messages.send']({ to: a.sessionId, text: 'about hello', quote: { messageId: theirs.id } });
    expect(replying.quote).toEqual({ author: a.sessionId, timestamp: hello.timestamp, messageId: theirs.id, text: 'hello' });
    const atAlice = await until('the reply at Alice', async () => (await alice.handlers['messages.list']({ conversationId: b.sessionId })).find((m) => m.text === 'about hello'));
    expect(atAlice.quote).toEqual({ author: a.sessionId, timestamp: hello.timestamp, messageId: hello.id, text: 'hello' });

    const carol = await open('carol');
    const c = await carol.handlers['account.create']({ displayName: 'Carol' });
    await expect(bob.handlers['messages.send']({ to: c.sessionId, text: 'x', quote: { messageId: theirs.id } })).rejects.toMatchObject({
      code: 'invalid_params',
      message: 'You can only reply to a message of the same conversation.',
    });
    await expect(bob.handlers['messages.send']({ to: a.sessionId, text: 'x', quote: { messageId: 'nope' } })).rejects.toMatchObject({ code: 'not_found' });
  });
});
