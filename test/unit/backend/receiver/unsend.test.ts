// Unsend requests (spec messaging §6.10): honoured only from the target's author; in a 1:1 chat the message
// becomes a "deleted" placeholder with its data erased, in note to self it is deleted; the UI is told. One
// that arrives before its target leaves a tombstone, so the late original is never shown (its hash is still
// marked seen). A forged request changes nothing.
import { identityFromRecoverySeed, loadProtocol, type Identity } from '../../../../ts/protocol';
import { ftsHits, ftsPagesHold, itemOf, messageRow, openHarness, type Harness } from './harness';

const T0 = 1_780_000_000_000;

describe('unsend requests', () => {
  let me: Identity;
  let alice: Identity;
  let mallory: Identity;
  let h: Harness;

  beforeAll(async () => {
    await loadProtocol();
    me = identityFromRecoverySeed(new Uint8Array(16).fill(0xe1));
    alice = identityFromRecoverySeed(new Uint8Array(16).fill(0xe2));
    mallory = identityFromRecoverySeed(new Uint8Array(16).fill(0xe3));
  });
  beforeEach(() => {
    h = openHarness(me, T0 + 60_000);
  });
  afterEach(() => h.close());

  const text = (sender: Identity, body: string, t: number) => itemOf(sender, me.sessionId, { dataMessage: { body } }, t);
  const unsend = (sender: Identity, author: Identity, target: number, t: number) => itemOf(sender, me.sessionId, { unsendRequest: { timestamp: target, author: author.sessionId } }, t);

  it("turns the author's 1:1 message into a placeholder: text, Content, attachments, reactions and full-text entry gone", async () => {
    const pointer = { deprecatedId: 7, contentType: 'image/jpeg', key: new Uint8Array(64).fill(1), size: 500, digest: new Uint8Array(32).fill(2), url: 'http://filev2.getsession.org/file/7' };
    const first = await h.receiver.process(
      [itemOf(alice, me.sessionId, { dataMessage: { body: 'regret', attachments: [pointer] } }, T0), text(alice, 'keep this', T0 + 1)],
      [],
    );
    const [gone, kept] = first.added;
    // Our reaction to it (kept as received content from our other device) goes with it.
    const reaction = itemOf(me, me.sessionId, { dataMessage: { reaction: { id: T0, author: alice.sessionId, emoji: '👍', action: 0 }, syncTarget: alice.sessionId } }, T0 + 5);
    await h.receiver.process([reaction], []);
    expect(h.received.get(me.sessionId, T0 + 5)).toMatchObject({ kind: 'reaction' });
    expect(h.attachmentQueue.forMessage(gone?.id as string)).toHaveLength(1);

    const out = await h.receiver.process([unsend(alice, alice, T0, T0 + 10)], []);
    expect(out).toMatchObject({ dropped: 0, removed: [], updated: [{ id: gone?.id, conversationId: alice.sessionId }] });
    expect(messageRow(h.db, alice.sessionId, T0)).toMatchObject({ body: '', content: null, unsupported: null });
    expect(h.messages.rawContent(gone?.id as string)).toBeUndefined();
    expect(h.attachmentQueue.forMessage(gone?.id as string)).toEqual([]);
    expect(h.received.get(me.sessionId, T0 + 5)).toBeUndefined();
    expect(h.received.get(alice.sessionId, T0 + 10)).toMatchObject({ kind: 'unsend' });
    expect(ftsHits(h.db, 'regret')).toBe(0);
    expect(ftsPagesHold(h.db, 'regret')).toBe(false);
    const list = h.messages.list(alice.sessionId, undefined, 10);
    expect(list.map((m) => [m.id, m.text, m.deleted ?? false])).toEqual([
      [gone?.id, '', true],
      [kept?.id, 'keep this', false],
    ]);
    expect(list[0]?.attachments).toBeUndefined();
    expect(h.log['messages.removed']).toBeUndefined();
    expect(h.log['messages.updated']?.at(-1)?.messages).toEqual([expect.objectContaining({ id: gone?.id, text: '', deleted: true })]);
    expect(h.log['conversations.updated']?.at(-1)?.conversations).toEqual([expect.objectContaining({ id: alice.sessionId, lastMessage: expect.objectContaining({ text: 'keep this' }) })]);
    // A copy of the original under another hash (re-encrypted, same identity) changes nothing.
    const again = await h.receiver.process([text(alice, 'regret', T0)], []);
    expect(again.added).toEqual([]);
    expect(messageRow(h.db, alice.sessionId, T0)).toMatchObject({ body: '' });
    // The same request again (another hash) changes nothing either.
    const twice = await h.receiver.process([unsend(alice, alice, T0, T0 + 10)], []);
    expect(twice.updated).toEqual([]);
  });

  it('deletes a note-to-self message entirely when our other device unsends it', async () => {
    const nts = itemOf(me, me.sessionId, { dataMessage: { body: 'note to forget', syncTarget: me.sessionId } }, T0);
    const [note] = (await h.receiver.process([nts], [])).added;
    expect(note).toMatchObject({ conversationId: me.sessionId });
    const out = await h.receiver.process([itemOf(me, me.sessionId, { unsendRequest: { timestamp: T0, author: me.sessionId } }, T0 + 10)], []);
    expect(out.removed).toEqual([{ id: note?.id, conversationId: me.sessionId }]);
    expect(messageRow(h.db, me.sessionId, T0)).toBeUndefined();
    expect(ftsHits(h.db, 'forget')).toBe(0);
    expect(h.log['messages.removed']).toEqual([{ conversationId: me.sessionId, ids: [note?.id] }]);
  });

  it('ignores a forged unsend: from someone else naming the author, or naming the victim under its own name', async () => {
    await h.receiver.process([text(alice, 'mine to unsend', T0)], []);
    const forged = await h.receiver.process([unsend(mallory, alice, T0, T0 + 10), unsend(mallory, mallory, T0, T0 + 11)], []);
    expect(forged.removed).toEqual([]);
    expect(forged.dropped).toBe(1);
    expect(h.receiver.stats.dropReasons).toEqual({ unsend_not_author: 1 });
    expect(messageRow(h.db, alice.sessionId, T0)).toMatchObject({ body: 'mine to unsend' });
    expect(h.log['messages.removed']).toBeUndefined();
    // The forged request naming the author is not kept as a tombstone either: the author's later copy shows.
    expect(h.received.get(mallory.sessionId, T0 + 10)).toBeUndefined();
  });

  it('remembers an unsend that arrives first: the later original is not shown, and its hash is seen', async () => {
    const early = await h.receiver.process([unsend(alice, alice, T0, T0 + 10)], []);
    expect(early).toMatchObject({ removed: [], dropped: 0, ignored: 1 });
    expect(h.received.get(alice.sessionId, T0 + 10)).toMatchObject({ kind: 'unsend', target: { sender: alice.sessionId, sentAt: T0 } });
    const late = text(alice, 'too late', T0);
    const out = await h.receiver.process([late], []);
    expect(out).toMatchObject({ added: [], dropped: 0, ignored: 1 });
    expect(messageRow(h.db, alice.sessionId, T0)).toBeUndefined();
    expect(h.messages.seenAmong([late.hash])).toEqual(new Set([late.hash]));
    expect(h.log['messages.added']).toBeUndefined();
    expect(h.conversations.get(alice.sessionId)).toBeUndefined();
  });

  it('applies an unsend in the same batch as its target, whichever comes first', async () => {
    const out = await h.receiver.process([unsend(alice, alice, T0 + 5, T0 + 1), text(alice, 'same batch', T0 + 5), text(alice, 'other', T0 + 6)], []);
    expect(out.added.map((m) => m.text)).toEqual(['other']);
    expect(out.removed).toEqual([]);
    expect(messageRow(h.db, alice.sessionId, T0 + 5)).toBeUndefined();
  });

  it('honours our own unsend from another device for a message we sent: a placeholder, its sync-copy hash recorded', async () => {
    const sync = itemOf(me, me.sessionId, { dataMessage: { body: 'sent from phone', syncTarget: alice.sessionId } }, T0);
    const [copy] = (await h.receiver.process([sync], [])).added;
    expect(copy).toMatchObject({ direction: 'outgoing', conversationId: alice.sessionId });
    // The copy in our own swarm is what a later unsend from this device deletes there.
    expect(h.messages.ownSwarmHashes([copy?.id as string]).get(copy?.id as string)).toEqual([sync.hash]);
    const out = await h.receiver.process([itemOf(me, me.sessionId, { unsendRequest: { timestamp: T0, author: me.sessionId } }, T0 + 10)], []);
    expect(out.updated).toEqual([{ id: copy?.id, conversationId: alice.sessionId }]);
    expect(messageRow(h.db, me.sessionId, T0)).toMatchObject({ body: '', content: null });
    expect(h.log['messages.updated']?.at(-1)?.messages).toEqual([expect.objectContaining({ id: copy?.id, deleted: true, text: '' })]);
  });

  it('drops an unsend from a blocked sender', async () => {
    await h.receiver.process([text(alice, 'before the block', T0)], []);
    h.conversations.setBlocked(alice.sessionId, true, 1);
    const out = await h.receiver.process([unsend(alice, alice, T0, T0 + 10)], []);
    expect(out).toMatchObject({ dropped: 1, removed: [] });
    expect(messageRow(h.db, alice.sessionId, T0)).toBeDefined();
  });
});
