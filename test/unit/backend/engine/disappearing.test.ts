// Disappearing messages through the backend's handlers on real encrypted databases and an in-memory network
// (spec messaging §6.12-6.13): setting a conversation's timer edits the config and sends one control message
// (not again for the same value), every message we send carries the setting and its TTL, timers start when a
// send succeeds (never for a failed one), the peer's setting follows a received update, Note to Self is
// after-send only, values outside the offered ones and groups are refused, and reading an after-read message
// shortens its copy on our own swarm.
import type { Backend } from '../../../../ts/backend';
import type { MessageView } from '../../../../ts/ipc/contract';
import { inMemoryBackends, record, until } from './fixture';

const DAY_14_MS = 14 * 24 * 3600 * 1000;

describe('disappearing messages (in-memory network)', () => {
  const env = inMemoryBackends('expire-', 60_000);
  const receive = async (b: Backend, count: number): Promise<void> => {
    await until(`${count} received`, async () => {
      await b.handlers['sync.pollNow']({});
      return b.engineStats().added >= count;
    });
  };
  const sent = (b: Backend, id: string): Promise<MessageView> =>
    until(`${id} sent`, async () => {
      const m = (await b.handlers['messages.page']({ conversationId: (await viewOf(b, id)).conversationId })).messages.find((x) => x.id === id);
      return m && m.status !== 'sending' ? m : undefined;
    });
  const viewOf = async (b: Backend, id: string): Promise<MessageView> => {
    for (const c of await b.handlers['conversations.list']({})) {
      const m = (await b.handlers['messages.page']({ conversationId: c.id })).messages.find((x) => x.id === id);
      if (m) return m;
    }
    throw new Error(`no message ${id}`);
  };

  it('a timer change goes to the peer as a control message and through our config; messages carry it, with TTLs and timers', async () => {
    const alice = await env.open('alice');
    const bob = await env.open('bob');
    const a = await alice.handlers['account.create']({ displayName: 'Alice' });
    const b = await bob.handlers['account.create']({ displayName: 'Bob' });
    await alice.handlers['messages.send']({ to: b.sessionId, text: 'hello' });
    await receive(bob, 1);

    const added = record(alice, 'messages.added');
    const summary = await alice.handlers['conversations.setExpiration']({ id: b.sessionId, mode: 'after-send', seconds: 86400 });
    expect(summary).toMatchObject({ id: b.sessionId, expiration: { type: 'after-send', seconds: 86400 } });
    expect(added).toHaveLength(1);
    const control = added[0]?.messages[0] as MessageView;
    expect(control).toMatchObject({ direction: 'outgoing', text: '', control: { type: 'expiration-timer', mode: 'after-send', seconds: 86400 }, expiration: { type: 'after-send', seconds: 86400 } });
    // The same value again changes nothing and sends nothing.
    await alice.handlers['conversations.setExpiration']({ id: b.sessionId, mode: 'after-send', seconds: 86400 });
    expect(added).toHaveLength(1);

    const controlSent = await sent(alice, control.id);
    expect(controlSent.status).toBe('sent');
    // Its timer started when the swarm stored it; its TTL is the timer (after-send).
    expect(controlSent.expiresAt).toBeGreaterThanOrEqual(control.timestamp + 86_400_000);
    expect(controlSent.expiresAt).toBeLessThan(Date.now() + 86_400_000 + 1_000);
    const peerCopies = env.swarms.inbox.get(b.sessionId) ?? [];
    expect(env.swarms.ttls.get(peerCopies.at(-1)?.hash as string)).toBe(86_400_000);

    // The peer shows the control message and takes the setting into its own Contacts config.
    await receive(bob, 2);
    const bobSummary = (await bob.handlers['conversations.list']({ requests: true })).find((c) => c.id === a.sessionId);
    expect(bobSummary?.expiration).toEqual({ type: 'after-send', seconds: 86400 });
    const bobPage = await bob.handlers['messages.page']({ conversationId: a.sessionId });
    expect(bobPage.messages.at(-1)).toMatchObject({ direction: 'incoming', text: '', control: { type: 'expiration-timer', mode: 'after-send', seconds: 86400 } });
    expect(bobPage.messages.at(-1)?.expiresAt).toBeDefined();

    // A text message now carries the setting; its timer starts once stored.
    const text = await alice.handlers['messages.send']({ to: b.sessionId, text: 'gone tomorrow' });
    expect(text).toMatchObject({ expiration: { type: 'after-send', seconds: 86400 } });
    expect(text.expiresAt).toBeUndefined();
    const textSent = await sent(alice, text.id);
    expect(textSent.expiresAt).toBeGreaterThanOrEqual(text.timestamp + 86_400_000);

    // After-read: 14-day TTL to the peer, started at once for us when sent.
    await alice.handlers['conversations.setExpiration']({ id: b.sessionId, mode: 'after-read', seconds: 300 });
    const dar = await alice.handlers['messages.send']({ to: b.sessionId, text: 'read me' });
    const darSent = await sent(alice, dar.id);
    expect(darSent.expiration).toEqual({ type: 'after-read', seconds: 300 });
    expect(darSent.expiresAt).toBeGreaterThan(Date.now() - 5_000 + 300_000 - 10_000);
    const lastToBob = (env.swarms.inbox.get(b.sessionId) ?? []).at(-1)?.hash as string;
    expect(env.swarms.ttls.get(lastToBob)).toBe(DAY_14_MS);
    // Our own sync copy of an after-read message lives as long as its timer.
    await until('sync copy stored', () => (env.swarms.inbox.get(a.sessionId) ?? []).some((m) => env.swarms.ttls.get(m.hash) === 300_000));

    // Bob reads it: its timer starts then, and his swarm's copy is shortened to the same end.
    await receive(bob, 4);
    const incoming = (await bob.handlers['messages.page']({ conversationId: a.sessionId })).messages.find((m) => m.text === 'read me');
    expect(incoming).toMatchObject({ expiration: { type: 'after-read', seconds: 300 } });
    expect(incoming?.expiresAt).toBeUndefined();
    await bob.handlers['conversations.markRead']({ id: a.sessionId });
    const read = await viewOf(bob, incoming?.id as string);
    expect(read.expiresAt).toBeGreaterThan(Date.now() + 290_000);
    const call = await until('swarm shortened', () => env.swarms.expireCalls.find((c) => c.pubkey === b.sessionId));
    expect(call).toMatchObject({ mode: 'shorten', expiryMs: read.expiresAt });
    const bobCopy = (env.swarms.inbox.get(b.sessionId) ?? []).find((m) => call.hashes.includes(m.hash));
    expect(bobCopy?.expiration).toBe(read.expiresAt);

    // Turning it off is a change too: off on both sides.
    const off = await alice.handlers['conversations.setExpiration']({ id: b.sessionId, mode: 'off', seconds: 0 });
    expect(off.expiration).toBeUndefined();
    const plain = await alice.handlers['messages.send']({ to: b.sessionId, text: 'stays' });
    expect(plain.expiration).toBeUndefined();
    await receive(bob, 6);
    expect((await bob.handlers['conversations.list']({})).find((c) => c.id === a.sessionId)?.expiration).toBeUndefined();
  });

  it('refuses values the apps do not offer and groups; Note to Self is after-send only; a failed send never starts its timer', async () => {
    const alice = await env.open('alice');
    const a = await alice.handlers['account.create']({ displayName: 'Alice' });
    const peer = `05${'ab'.repeat(32)}`;
    const setExpiration = async (p: { id: string; mode: 'off' | 'after-send' | 'after-read'; seconds: number }) => alice.handlers['conversations.setExpiration'](p);
    await expect(setExpiration({ id: peer, mode: 'after-send', seconds: 7 })).rejects.toMatchObject({ code: 'invalid_params' });
    await expect(setExpiration({ id: `03${'ab'.repeat(32)}`, mode: 'after-send', seconds: 3600 })).rejects.toMatchObject({
      code: 'invalid_params',
      message: expect.stringContaining('one-to-one'),
    });

    const nts = await alice.handlers['conversations.setExpiration']({ id: a.sessionId, mode: 'after-read', seconds: 3600 });
    expect(nts).toMatchObject({ kind: 'note-to-self', expiration: { type: 'after-send', seconds: 3600 } });
    const page = await alice.handlers['messages.page']({ conversationId: a.sessionId });
    expect(page.messages.at(-1)).toMatchObject({ control: { type: 'expiration-timer', mode: 'after-send', seconds: 3600 } });
    const note = await alice.handlers['messages.send']({ to: a.sessionId, text: 'note' });
    expect(note.expiration).toEqual({ type: 'after-send', seconds: 3600 });
    expect((await sent(alice, note.id)).expiresAt).toBeGreaterThanOrEqual(note.timestamp + 3_600_000);

    await alice.handlers['conversations.setExpiration']({ id: peer, mode: 'after-send', seconds: 43200 });
    env.swarms.failStores = true;
    const doomed = await alice.handlers['messages.send']({ to: peer, text: 'never stored' });
    const failed = await until('send failed', async () => {
      const m = await viewOf(alice, doomed.id);
      return m.status === 'failed' ? m : undefined;
    });
    expect(failed.expiration).toEqual({ type: 'after-send', seconds: 43200 });
    expect(failed.expiresAt).toBeUndefined();
  });
});
