// The backend as hosts run it (in-memory network, real SQLite and libsodium, injected clock): an
// attachment-only message from a message request is shown with its attachment waiting for a click, an unsend from the author removes its
// message, and the expiry sweeper wired in the composition root deletes disappearing messages on time.
import type { EventName, EventPayloads } from '../../../../ts/ipc/contract';
import { SignalService, encode1o1Message, identityFromRecoverySeed, loadProtocol, secureRandom, type ContentProps, type Identity } from '../../../../ts/protocol';
import { inMemoryBackends, until } from './fixture';

describe('receiving what this version cannot show, unsend and expiry through the backend', () => {
  const env = inMemoryBackends('engine-receive-', 60_000);
  let alice: Identity;

  beforeAll(async () => {
    await loadProtocol();
    alice = identityFromRecoverySeed(new Uint8Array(16).fill(0xf1));
  });

  it('lists placeholders, applies unsend, and deletes a disappearing message when the clock passes its time', async () => {
    const T = Date.now();
    let clock = T + 1_000;
    const b = await env.open('bob', { now: () => clock, engine: { pollIntervalMs: 60_000, expiryIntervalMs: 10, createNetwork: () => env.swarms.network() } });
    const events: { [E in EventName]?: EventPayloads[E][] } = {};
    for (const e of ['messages.removed', 'messages.updated', 'conversations.updated'] as const) b.on(e, (p) => ((events[e] ??= []) as unknown[]).push(p));
    const bob = await b.handlers['account.create']({ displayName: 'Bob' });
    const put = (content: ContentProps, t: number) => env.swarms.put(bob.sessionId, encode1o1Message({ sender: alice, recipient: bob.sessionId, content, timestampMs: t, random: secureRandom }).wrapper);
    put({ dataMessage: { attachments: [{ deprecatedId: 1, contentType: 'image/png', key: new Uint8Array(64), size: 10, digest: new Uint8Array(32), url: 'http://filev2.getsession.org/file/1' }] } }, T);
    put({ dataMessage: { body: 'disappearing', profile: { displayName: 'Alice' } }, expirationType: SignalService.Content.ExpirationType.DELETE_AFTER_SEND, expirationTimer: 30 }, T + 1);
    put({ dataMessage: { body: 'to be unsent' } }, T + 2);
    put({ dataMessage: { reaction: { id: T + 1, author: alice.sessionId, emoji: '👀', action: 0 } } }, T + 3);
    expect(await b.handlers['sync.pollNow']({})).toEqual({ newMessages: 3, dropped: 0 });
    const listed = await b.handlers['messages.list']({ conversationId: alice.sessionId });
    expect(listed.map((m) => [m.text, m.unsupported, m.expiresAt])).toEqual([
      ['', undefined, undefined],
      ['disappearing', undefined, T + 1 + 30_000],
      ['to be unsent', undefined, undefined],
    ]);
    // A message request's attachment waits for a click.
    expect(listed[0]?.attachments).toEqual([{ index: 0, contentType: 'image/png', size: 10, voice: false, state: 'not-downloaded', hasThumbnail: false }]);
    const [request] = await b.handlers['conversations.list']({ requests: true });
    expect(request).toMatchObject({ id: alice.sessionId, name: 'Alice', unreadCount: 3, lastMessage: { text: 'to be unsent' } });

    put({ unsendRequest: { timestamp: T + 2, author: alice.sessionId } }, T + 10);
    expect(await b.handlers['sync.pollNow']({})).toEqual({ newMessages: 0, dropped: 0 });
    // A 1:1 message unsent by its author stays as a "deleted" placeholder (spec messaging §6.10).
    expect(events['messages.removed']).toBeUndefined();
    expect(events['messages.updated']?.at(-1)?.messages).toEqual([expect.objectContaining({ id: listed[2]?.id, text: '', deleted: true })]);
    expect((await b.handlers['messages.list']({ conversationId: alice.sessionId })).map((m) => [m.id, m.deleted ?? false])).toEqual([
      [listed[0]?.id, false],
      [listed[1]?.id, false],
      [listed[2]?.id, true],
    ]);

    // The sweeper runs on its own every 10 ms; nothing is due until the injected clock passes T + 1 + 30 s.
    await new Promise((r) => setTimeout(r, 50));
    expect(await b.handlers['messages.list']({ conversationId: alice.sessionId })).toHaveLength(3);
    clock = T + 1 + 30_000;
    await until('the disappearing message is swept', () => (events['messages.removed']?.length ?? 0) === 1);
    expect(events['messages.removed']?.[0]).toEqual({ conversationId: alice.sessionId, ids: [listed[1]?.id] });
    expect((await b.handlers['messages.list']({ conversationId: alice.sessionId })).map((m) => m.id)).toEqual([listed[0]?.id, listed[2]?.id]);
    expect(events['conversations.updated']?.at(-1)?.conversations).toEqual([
      expect.objectContaining({ id: alice.sessionId, unreadCount: 1, lastMessage: expect.objectContaining({ id: listed[2]?.id, text: '', deleted: true }) }),
    ]);
    expect(b.engineStats().dropReasons).toEqual({});
  });
});
