// The receive path of room messages (spec advanced.md A.8, A.9) on a real database with posts signed by the
// protocol's room-message builder: invalid rows are dropped while the cursor still passes them, edits,
// deletions and reaction-only updates are applied, mentions are found, our own post gets its server id, and
// a page seen twice stores nothing twice.
import { createCommunityStore } from '../../../../ts/backend/db/communityStore';
import { createConversationStore } from '../../../../ts/backend/db/conversationStore';
import { createMessageStore } from '../../../../ts/backend/db/messageStore';
import { createSearchStore } from '../../../../ts/backend/db/searchStore';
import { ftsQuery } from '../../../../ts/backend/services/searchText';
import { silentLogger } from '../../../../ts/backend/log';
import { createRoomApplier, openRoomPosts } from '../../../../ts/backend/services/communities';
import { openRoomMessage } from '../../../../ts/protocol';
import type { SogsMessage, SogsPollInfo, SogsRoom } from '../../../../ts/network/sogs';
import { blind15Id, buildRoomPost, bytesToHex, identityFromRecoverySeed, loadProtocol, secureRandom, type Identity } from '../../../../ts/protocol';
import { encryptedTestDb } from '../db/testDb';

const ROOM = 'http://sogs.example/lobby';
const NOW = 1_800_000_000_000;

describe('room receive path', () => {
  const t = encryptedTestDb('community-receive-');
  let alice: Identity;
  let me: Identity;
  const serverPk = new Uint8Array(32).fill(7);
  beforeAll(async () => {
    await loadProtocol();
    alice = identityFromRecoverySeed(new Uint8Array(16).fill(1));
    me = identityFromRecoverySeed(new Uint8Array(16).fill(2));
  });

  const setup = () => {
    const store = createCommunityStore(t.db);
    const messages = createMessageStore(t.db);
    const conversations = createConversationStore(t.db);
    conversations.touch(ROOM, 'community', 0);
    store.upsertServer('http://sogs.example', bytesToHex(serverPk));
    store.addRoom({ conversationId: ROOM, baseUrl: 'http://sogs.example', token: 'lobby', joinedAt: 0 });
    const apply = createRoomApplier({ db: t.db, store, messages, conversations, log: silentLogger, now: () => NOW, randomBytes: secureRandom });
    const ours = { sessionId: me.sessionId, blindedId: blind15Id(me.ed25519.secretKey, serverPk) };
    const run = (rows: SogsMessage[]) => apply(store.room(ROOM)!, ours, undefined, rows);
    // As the poller does with the engine's worker pool: every post opened ahead of the transaction.
    const opener = { openRoomsAsync: async (items: Parameters<typeof openRoomMessage>[0][]) => items.map((i) => openRoomMessage(i)) };
    const runOpened = async (rows: SogsMessage[]) => apply(store.room(ROOM)!, ours, undefined, rows, await openRoomPosts(opener, rows, NOW));
    return { store, messages, run, runOpened, ours };
  };
  // Each post its own sent time by default: (sender, sent time) is a message's identity.
  const post = (who: Identity, id: number, seqno: number, body: string, sentAt = NOW - 10_000 + id, extra: object = {}): SogsMessage => {
    const p = buildRoomPost({ ed25519SecretKey: who.ed25519.secretKey, serverPubkey: serverPk, blinded: true, random: secureRandom }, { dataMessage: { body, profile: { displayName: 'Alice' }, ...extra } }, sentAt);
    return { id, seqno, sessionId: blind15Id(who.ed25519.secretKey, serverPk), posted: sentAt / 1000 + 0.5, data: p.data, signature: p.signature, deleted: false, whisper: false, whisperMods: false };
  };
  const texts = (m: ReturnType<typeof createMessageStore>) => m.list(ROOM, undefined, 100).map((x) => x.text);

  it('drops invalid posts but moves the cursor past them; stores valid ones with their server fields', () => {
    const { store, messages, run } = setup();
    const good = post(alice, 1, 1, 'hello');
    const tampered = { ...post(alice, 2, 2, 'evil'), data: post(alice, 2, 2, 'other text').data };
    const wrongSender = { ...post(alice, 3, 3, 'spoof'), sessionId: blind15Id(me.ed25519.secretKey, serverPk) };
    // Signed seven hours before the server says it was posted (the 6-hour rule).
    const tooOld = { ...post(alice, 4, 4, 'late', NOW - 7 * 3600 * 1000), posted: NOW / 1000 };
    const out = run([tooOld, wrongSender, tampered, good]);
    expect(out.added.map((m) => m.text)).toEqual(['hello']);
    expect(out.added[0]).toMatchObject({ sender: good.sessionId, senderName: 'Alice', serverId: 1, postedAt: NOW - 10_000 + 1 + 500, timestamp: NOW - 10_000 + 1, direction: 'incoming' });
    expect(store.room(ROOM)?.seqno).toBe(4);
    expect(texts(messages)).toEqual(['hello']);
    // The same page again: nothing new.
    expect(run([good]).added).toEqual([]);
    expect(texts(messages)).toEqual(['hello']);
  });

  it('posts opened ahead of the transaction (the worker path) are stored, or dropped, exactly as in-thread', async () => {
    const { store, messages, runOpened } = setup();
    const good = post(alice, 1, 1, 'hello');
    const tampered = { ...post(alice, 2, 2, 'evil'), data: post(alice, 2, 2, 'other text').data };
    const tooOld = { ...post(alice, 4, 4, 'late', NOW - 7 * 3600 * 1000), posted: NOW / 1000 };
    const second = post(alice, 5, 5, 'again');
    const deleted: SogsMessage = { id: 9, seqno: 6, deleted: true, whisper: false, whisperMods: false };
    const out = await runOpened([second, tooOld, deleted, tampered, good]);
    expect(out.added.map((m) => m.text)).toEqual(['hello', 'again']);
    expect(out.added[0]).toMatchObject({ sender: good.sessionId, senderName: 'Alice', serverId: 1, postedAt: NOW - 10_000 + 1 + 500, timestamp: NOW - 10_000 + 1 });
    expect(out.added).toEqual(out.added.map((m) => messages.get(m.id)));
    expect(store.room(ROOM)?.seqno).toBe(6);
    expect(texts(messages)).toEqual(['hello', 'again']);
    expect((await runOpened([good, second])).added).toEqual([]);
  });

  it('applies edits, reaction-only updates and deletions in seqno order', () => {
    const { store, messages, run } = setup();
    run([post(alice, 1, 1, 'first'), post(alice, 2, 2, 'second')]);
    const edited = { ...post(alice, 1, 5, 'first, edited'), edited: NOW / 1000 };
    const reactions: SogsMessage = { id: 2, seqno: 4, deleted: false, whisper: false, whisperMods: false, reactions: { '👍': { index: 0, count: 3, reactors: ['15' + 'a'.repeat(64)], you: true } } };
    const deleted: SogsMessage = { id: 2, seqno: 6, deleted: true, whisper: false, whisperMods: false };
    const out = run([deleted, edited, reactions]);
    expect(texts(messages)).toEqual(['first, edited']);
    expect(out.removed).toHaveLength(1);
    expect(store.room(ROOM)?.seqno).toBe(6);
    expect(messages.list(ROOM, undefined, 10).find((m) => m.text === 'second')).toBeUndefined();
    // A reaction-only update on a message still here shows the server's counts.
    run([{ id: 1, seqno: 7, deleted: false, whisper: false, whisperMods: false, reactions: { '❤️': { index: 0, count: 2, reactors: [], you: false } } }]);
    expect(messages.list(ROOM, undefined, 10)[0]?.reactions).toEqual([{ emoji: '❤️', count: 2, senders: [], mine: false }]);
  });

  it('stored posts are found by search as soon as their page commits, with edits and deletions of the same page', () => {
    const { run } = setup();
    const search = (q: string) =>
      createSearchStore(t.db)
        .messages({ match: ftsQuery(q) as string, limit: 50, now: NOW })
        .map((m) => m.text);
    run([
      post(alice, 1, 1, 'walrus one'),
      post(alice, 2, 2, 'walrus two'),
      post(alice, 3, 3, 'walrus three'),
      { ...post(alice, 1, 4, 'seal one'), edited: NOW / 1000 },
      { id: 2, seqno: 5, deleted: true, whisper: false, whisperMods: false },
    ]);
    expect(search('walrus')).toEqual(['walrus three']);
    expect(search('seal')).toEqual(['seal one']);
    expect(search('two')).toEqual([]);
    // Each message has its one entry; a plain insert afterwards is indexed too (the trigger is back).
    expect(t.db.prepare('SELECT count(*) AS n FROM messages_fts_content').get()).toEqual({ n: 2 });
    run([post(alice, 4, 6, 'walrus four')]);
    expect(search('walrus')).toEqual(['walrus four', 'walrus three']);
  });

  it('sets pinned flags when the pins change, and on pinned posts stored later; the same pins again touch nothing', () => {
    const { store, messages, ours } = setup();
    const apply = createRoomApplier({ db: t.db, store, messages, conversations: createConversationStore(t.db), log: silentLogger, now: () => NOW, randomBytes: secureRandom });
    const info = (pins: number[]): SogsPollInfo => {
      const details: SogsRoom = {
        token: 'lobby', name: 'Lobby', infoUpdates: pins.length, messageSequence: 0, activeUsers: 1,
        pinnedMessages: pins.map((id) => ({ id, pinnedAt: NOW / 1000, pinnedBy: ours.blindedId })),
        moderators: [], admins: [], read: true, write: true, upload: true, moderator: false, admin: false, globalModerator: false, globalAdmin: false,
      };
      return { token: 'lobby', activeUsers: 1, read: true, write: true, upload: true, moderator: false, admin: false, globalModerator: false, globalAdmin: false, details };
    };
    const pinnedTexts = () => messages.list(ROOM, undefined, 100).filter((m) => m.pinned).map((m) => m.text);
    apply(store.room(ROOM)!, ours, undefined, [post(alice, 1, 1, 'one'), post(alice, 2, 2, 'two')]);
    expect(apply(store.room(ROOM)!, ours, info([2]), []).updated.size).toBe(1);
    expect(pinnedTexts()).toEqual(['two']);
    // Every poll brings the same pins: no flag is rewritten.
    const again = apply(store.room(ROOM)!, ours, info([2]), [post(alice, 3, 3, 'three')]);
    expect(again.updated.size).toBe(0);
    expect(pinnedTexts()).toEqual(['two']);
    // A pin of a post not stored yet: flagged when the post arrives, in the same poll or a later one.
    apply(store.room(ROOM)!, ours, info([2, 4]), []);
    apply(store.room(ROOM)!, ours, info([2, 4]), [post(alice, 4, 4, 'four')]);
    expect(pinnedTexts()).toEqual(['two', 'four']);
    // Changed pins: the old one loses its flag, the new one gets it.
    expect(apply(store.room(ROOM)!, ours, info([3]), []).updated).toEqual(new Set(messages.list(ROOM, undefined, 100).filter((m) => m.text !== 'one').map((m) => m.id)));
    expect(pinnedTexts()).toEqual(['three']);
  });

  it('flags mentions of our blinded id and replies to us; our own post gets its server id', () => {
    const { messages, run, ours } = setup();
    const out = run([post(alice, 1, 1, `hey @${ours.blindedId}`), post(alice, 2, 2, 'about that', undefined, { quote: { id: NOW - 5000, author: ours.blindedId } }), post(alice, 3, 3, 'nothing for you')]);
    expect(out.added.map((m) => [m.text, m.mentionsMe === true])).toEqual([
      [`hey @${ours.blindedId}`, true],
      ['about that', true],
      ['nothing for you', false],
    ]);
    // Our post, stored when sent (no server id yet), comes back in the poll.
    messages.insert({ id: 'f'.repeat(32), conversationId: ROOM, sender: ours.blindedId, direction: 'outgoing', body: 'mine', sentAt: NOW - 100, receivedAt: NOW, status: 'sent', senderSessionId: me.sessionId });
    const back = run([post(me, 9, 9, 'mine', NOW - 100)]);
    expect(back.added).toEqual([]);
    expect(messages.get('f'.repeat(32))).toMatchObject({ serverId: 9, senderSessionId: me.sessionId });
  });
});
