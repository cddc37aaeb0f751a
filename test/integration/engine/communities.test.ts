// Communities on one devnet with its community server (spec advanced.md part A), through the backend's
// handlers: three accounts join the lobby from its share URL (one a visible admin), post, quote with a
// mention, react and read each other's messages with names; a blinded DM becomes a message request, is
// answered and merges into the 05 conversation; an attachment goes through the room's file endpoints; the
// admin deletes a post and bans a poster, whose next post is refused; a restored second device rejoins the
// room from the UserGroups config.
import type { Backend } from '../../../ts/backend';
import type { ConversationSummary, MessageView } from '../../../ts/ipc/contract';
import { encodeRecoveryPassword, identityFromRecoverySeed, loadProtocol } from '../../../ts/protocol';
import { devnetBackends, pollOk, until } from './fixture';
import { readAttachment, sha256Hex, stage, waitForAttachment } from './mediaHelpers';
import { SessionNetwork } from '../../../ts/network/SessionNetwork';
import { SogsClient } from '../../../ts/network/sogs';
import { randomBytes } from 'node:crypto';
import type { NetworkFactoryArgs } from '../../../ts/backend/services/engine';
import type { EngineNetwork } from '../../../ts/backend/services/engineNetwork';

jest.setTimeout(180_000);

const ADMIN_SEED = Uint8Array.from(Buffer.from('a1b2c3d4e5f60718293a4b5c6d7e8f90', 'hex'));
const FAST = { configPushDelayMs: 0, restoreWaitMs: 20_000, communityPoll: { baseMs: 150, idleAfterMs: 60_000, idleMaxMs: 1_000, failMaxMs: 1_000 } };

let adminId = '';

describe('communities (devnet community server)', () => {
  beforeAll(async () => {
    await loadProtocol();
    adminId = identityFromRecoverySeed(ADMIN_SEED).sessionId;
  });
  // The admin's Session ID is known before the devnet starts: a fixed recovery seed.
  const env = devnetBackends(
    'communities-',
    {
      nodes: 12,
      swarmSize: 4,
      sogsRooms: [
        { token: 'lobby', name: 'Lobby' },
        { token: 'History', name: 'History' },
      ],
      get sogsAdmins() {
        return [adminId];
      },
    },
    60_000,
  );

  const settled = async (b: Backend): Promise<void> => {
    const r = await b.followUps.settle({ signal: AbortSignal.timeout(60_000) });
    if (!r.settled || r.failed.length > 0) throw new Error(`follow-ups not stored: ${JSON.stringify(r)}`);
  };
  const roomMessages = async (b: Backend, id: string): Promise<MessageView[]> => b.handlers['messages.list']({ conversationId: id, limit: 200 });
  const poll = async (b: Backend): Promise<void> => {
    try {
      await b.handlers['sync.pollNow']({});
    } catch {
      // a poll may fail while paths are built
    }
  };
  const room = async (b: Backend, id: string): Promise<ConversationSummary | undefined> => (await b.handlers['conversations.list']({})).find((c) => c.id === id);
  /** Waits until `b` has a message of the room matching `pred` (polling now and then). */
  const seen = (b: Backend, id: string, what: string, pred: (m: MessageView) => boolean): Promise<MessageView> =>
    until(what, async () => {
      await poll(b);
      return (await roomMessages(b, id)).find(pred);
    });
  const sent = (b: Backend, id: string, messageId: string): Promise<MessageView> =>
    until('the post is on the server', async () => {
      const m = (await roomMessages(b, id)).find((x) => x.id === messageId);
      if (m?.status === 'failed') throw new Error(`post failed: ${m.error}`);
      return m?.status === 'sent' && m.serverId !== undefined ? m : undefined;
    });

  it('join, post, quote with a mention, react, blinded DM, attachment, moderate, ban, and rejoin on a restored device', async () => {
    const alice = await env.open('alice', FAST);
    const bob = await env.open('bob', FAST);
    const admin = await env.open('admin', FAST);
    const a = await alice.handlers['account.create']({ displayName: 'Alice' });
    const b = await bob.handlers['account.create']({ displayName: 'Bob' });
    await admin.handlers['account.restore']({ mnemonic: encodeRecoveryPassword(ADMIN_SEED), displayName: 'Admin' });
    await Promise.all([pollOk(alice), pollOk(bob), pollOk(admin)]);

    const sogs = env.devnet.info.sogs;
    if (!sogs) throw new Error('the devnet has no community server');
    const url = `${sogs.url}/lobby?public_key=${sogs.pubkey}`;
    const id = `${sogs.url}/lobby`;

    // The network's server and its rooms come from network.json.
    const defaults = await until('the default rooms', async () => {
      try {
        const rooms = await alice.handlers['communities.defaultRooms']({});
        return rooms.length > 0 ? rooms : undefined;
      } catch {
        return undefined;
      }
    });
    expect(defaults).toHaveLength(2);
    expect(defaults).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ room: 'History', name: 'History', url: `${sogs.url}/History?public_key=${sogs.pubkey}` }),
        expect.objectContaining({ room: 'lobby', name: 'Lobby', url }),
      ]),
    );

    const joined = await alice.handlers['communities.join']({ url });
    expect(joined).toMatchObject({ id, kind: 'community', name: 'Lobby', community: { baseUrl: sogs.url, room: 'lobby', url, moderator: false, admin: false, canWrite: true } });
    expect(joined.community?.blindedId).toMatch(/^15[0-9a-f]{64}$/);
    const aliceBlinded = joined.community?.blindedId as string;
    // The first poll of the (still empty) room ends its loading state.
    await until('the room has loaded', async () => {
      await poll(alice);
      const c = await room(alice, id);
      return c?.community && c.community.loading === undefined ? true : undefined;
    });
    const bobJoined = await bob.handlers['communities.join']({ url });
    const bobBlinded = bobJoined.community?.blindedId as string;
    const adminJoined = await admin.handlers['communities.join']({ url });
    expect(adminJoined.community).toMatchObject({ moderator: true, admin: true });
    expect(adminJoined.community?.admins).toContain(adminJoined.community?.blindedId);
    expect((await alice.handlers['communities.defaultRooms']({})).find((r) => r.room === 'lobby')?.joinedId).toBe(id);

    // Alice posts; the server's id and time are stored with it.
    const hello = await alice.handlers['messages.send']({ to: id, text: 'hello lobby' });
    expect(hello).toMatchObject({ conversationId: id, sender: aliceBlinded, senderSessionId: a.sessionId, status: 'sending' });
    const helloSent = await sent(alice, id, hello.id);
    expect(helloSent.postedAt).toBeGreaterThan(0);

    // Bob reads it with Alice's name and blinded id; he replies quoting it and mentioning her.
    const onBob = await seen(bob, id, 'Bob gets Alice’s post', (m) => m.text === 'hello lobby');
    expect(onBob).toMatchObject({ sender: aliceBlinded, senderName: 'Alice', direction: 'incoming', serverId: helloSent.serverId, timestamp: hello.timestamp });
    expect(onBob.mentionsMe).toBeUndefined();
    const reply = await bob.handlers['messages.send']({ to: id, text: `@${aliceBlinded} welcome`, quote: { messageId: onBob.id } });
    await sent(bob, id, reply.id);
    const replyOnAlice = await seen(alice, id, 'Alice gets the reply', (m) => m.text.endsWith('welcome'));
    expect(replyOnAlice).toMatchObject({ sender: bobBlinded, senderName: 'Bob', mentionsMe: true });
    expect(replyOnAlice.quote).toMatchObject({ author: aliceBlinded, timestamp: hello.timestamp, messageId: hello.id, text: 'hello lobby' });

    // Bob reacts to Alice's post: counts come from the server, ours marked.
    const reacted = await bob.handlers['messages.react']({ messageId: onBob.id, emoji: '👍', action: 'add' });
    expect(reacted.reactions).toEqual([expect.objectContaining({ emoji: '👍', count: 1, mine: true })]);
    const withReaction = await seen(alice, id, 'Alice sees the reaction', (m) => m.id === hello.id && (m.reactions?.length ?? 0) > 0);
    expect(withReaction.reactions).toEqual([expect.objectContaining({ emoji: '👍', count: 1, mine: false })]);

    // A blinded DM: Alice writes to Bob by his blinded id through the server's inbox; with community message
    // requests on, Bob gets a request from Alice's real Session ID and answers through the swarm; Alice's
    // blinded conversation then merges into the 05 one.
    await bob.handlers['settings.set']({ key: 'communityMessageRequests', value: true });
    const dm = await alice.handlers['communities.messageMember']({ id, user: bobBlinded });
    expect(dm).toMatchObject({ id: bobBlinded, kind: 'private', isRequest: false, name: 'Bob', blindedVia: { conversationId: id, name: 'Lobby' } });
    const psst = await alice.handlers['messages.send']({ to: bobBlinded, text: 'psst, Bob' });
    expect(psst).toMatchObject({ conversationId: bobBlinded, sender: a.sessionId });
    await until('the blinded DM is stored on the server', async () => {
      const m = (await alice.handlers['messages.list']({ conversationId: bobBlinded })).find((x) => x.id === psst.id);
      if (m?.status === 'failed') throw new Error(`DM failed: ${m.error}`);
      return m?.status === 'sent';
    });
    const request = await until('Bob gets a message request from Alice', async () => {
      await poll(bob);
      return (await bob.handlers['conversations.list']({ requests: true })).find((c) => c.id === a.sessionId);
    });
    expect(request).toMatchObject({ isRequest: true, name: 'Alice', lastMessage: expect.objectContaining({ text: 'psst, Bob', sender: a.sessionId }) });
    await bob.handlers['conversations.accept']({ id: a.sessionId });
    await bob.handlers['messages.send']({ to: a.sessionId, text: 'hi Alice, got it' });
    await until('the answer reaches Alice and the blinded conversation merges', async () => {
      await poll(alice);
      const list = await alice.handlers['conversations.list']({});
      return !list.some((c) => c.id === bobBlinded) && list.some((c) => c.id === b.sessionId) ? true : undefined;
    });
    const merged = await alice.handlers['messages.list']({ conversationId: b.sessionId });
    expect(merged.map((m) => m.text)).toEqual(['psst, Bob', 'hi Alice, got it']);
    expect((await room(alice, b.sessionId))?.isRequest).toBe(false);

    // An attachment goes to the room's file endpoint; Bob downloads it from there and decrypts it.
    const file = new TextEncoder().encode('minutes of the lobby meeting\n'.repeat(50));
    const staged = await stage(alice, file, { fileName: 'minutes.txt', contentType: 'text/plain' });
    const withFile = await alice.handlers['messages.send']({ to: id, text: 'the minutes', attachments: [{ stageId: staged.stageId }] });
    await sent(alice, id, withFile.id);
    const fileOnBob = await waitForAttachment(bob, id, (m) => m.text === 'the minutes', ['downloaded']);
    const got = await readAttachment(bob, fileOnBob.id, 0);
    expect(sha256Hex(got.bytes)).toBe(sha256Hex(file));
    expect(fileOnBob.attachments?.[0]).toMatchObject({ fileName: 'minutes.txt' });

    // Unread counts and read state (ConvoInfoVolatile).
    expect((await room(alice, id))?.unreadCount).toBe(1);
    await alice.handlers['conversations.markRead']({ id });
    expect((await room(alice, id))?.unreadCount).toBe(0);

    // The admin deletes Bob's reply for everyone; Alice's copy goes with the next poll.
    const replyOnAdmin = await seen(admin, id, 'the admin sees the reply', (m) => m.text.endsWith('welcome'));
    await admin.handlers['messages.unsend']({ ids: [replyOnAdmin.id] });
    await until('the reply is gone on Alice', async () => {
      await poll(alice);
      return !(await roomMessages(alice, id)).some((m) => m.id === replyOnAlice.id);
    });

    // Members: posters with names and roles.
    const members = await admin.handlers['communities.members']({ id });
    expect(members).toEqual(expect.arrayContaining([expect.objectContaining({ id: aliceBlinded, name: 'Alice', moderator: false })]));

    // The admin pins Alice's post; every member sees it pinned.
    const helloOnAdmin = await seen(admin, id, 'the admin sees Alice’s post', (m) => m.text === 'hello lobby');
    const pinned = await admin.handlers['communities.pin']({ messageId: helloOnAdmin.id, pinned: true });
    expect(pinned.pinned).toBe(true);
    await seen(alice, id, 'Alice sees her post pinned', (m) => m.id === hello.id && m.pinned === true);
    expect((await room(alice, id))?.community?.pinnedMessageIds).toEqual([hello.id]);

    // The admin makes Alice a moderator and takes it back; her room view follows.
    await admin.handlers['communities.moderate']({ id, user: a.sessionId, action: 'mod' });
    await until('Alice is a moderator', async () => {
      await poll(alice);
      return (await room(alice, id))?.community?.moderator === true ? true : undefined;
    });
    const roleIs = (what: string, moderator: boolean, admin: boolean) =>
      until(what, async () => {
        await poll(alice);
        const c = (await room(alice, id))?.community;
        return c?.moderator === moderator && c.admin === admin ? true : undefined;
      });
    await admin.handlers['communities.moderate']({ id, user: aliceBlinded, action: 'admin' });
    await roleIs('Alice is an admin', true, true);
    await admin.handlers['communities.moderate']({ id, user: aliceBlinded, action: 'unadmin' });
    await roleIs('Alice is a moderator again', true, false);
    await admin.handlers['communities.moderate']({ id, user: aliceBlinded, action: 'unmod' });
    await roleIs('Alice is no moderator any more', false, false);

    // A plain member cannot moderate; the admin bans Bob, whose next post is refused.
    await expect(alice.handlers['communities.moderate']({ id, user: bobBlinded, action: 'ban' })).rejects.toMatchObject({ code: 'forbidden' });
    // Ban and delete all: Bob's posts go for everyone, and his next post is refused.
    const lastWord = await bob.handlers['messages.send']({ to: id, text: 'my last word' });
    await sent(bob, id, lastWord.id);
    await seen(alice, id, 'Alice sees Bob’s last word', (m) => m.text === 'my last word');
    // By his Session ID: the engine finds which of its two 15 candidates posted (either sign of his key).
    await admin.handlers['communities.moderate']({ id, user: b.sessionId, action: 'ban-delete-all' });
    await until('Bob’s posts are gone on Alice', async () => {
      await poll(alice);
      return (await roomMessages(alice, id)).some((m) => m.sender === bobBlinded) ? undefined : true;
    });
    const refused = await bob.handlers['messages.send']({ to: id, text: 'am I banned?' });
    const failed = await until('the banned post fails', async () => {
      const m = (await roomMessages(bob, id)).find((x) => x.id === refused.id);
      return m?.status === 'failed' ? m : undefined;
    });
    expect(failed.error).toMatch(/refused|banned/i);

    // Room settings live in the configs: Mentions Only and the pin in UserGroups, the read position in
    // ConvoInfoVolatile.
    expect(await alice.handlers['conversations.setNotificationMode']({ id, mode: 'mentions' })).toMatchObject({ notificationMode: 'mentions' });
    expect(await alice.handlers['conversations.setPinned']({ id, pinned: true })).toMatchObject({ pinnedPriority: 1 });
    expect((await alice.handlers['conversations.list']({}))[0]?.id).toBe(id);
    const readOnAlice = (await room(alice, id))?.lastReadTimestamp;
    expect(readOnAlice).toBeGreaterThan(0);

    // Alice's second device restores the account and rejoins the room from the UserGroups config.
    await settled(alice);
    const { mnemonic } = await alice.handlers['account.getRecoveryPassword']({});
    const alice2 = await env.open('alice-2', FAST);
    await alice2.handlers['account.restore']({ mnemonic });
    const rejoined = await until('the restored device rejoins the room', async () => {
      await poll(alice2);
      return room(alice2, id);
    });
    expect(rejoined).toMatchObject({ kind: 'community', name: 'Lobby', notificationMode: 'mentions', pinnedPriority: 1 });
    await until('the restored device has the read position', async () => ((await room(alice2, id))?.lastReadTimestamp === readOnAlice ? true : undefined));
    const history = await seen(alice2, id, 'the restored device has the room’s messages', (m) => m.text === 'hello lobby');
    expect(history).toMatchObject({ direction: 'outgoing', sender: aliceBlinded, senderSessionId: a.sessionId });

    // Leaving erases the room here and from the config: the other device leaves it too.
    await alice.handlers['communities.leave']({ id });
    expect(await room(alice, id)).toBeUndefined();
    await settled(alice);
    await until('the other device leaves the room', async () => {
      await poll(alice2);
      return (await room(alice2, id)) === undefined ? true : undefined;
    });
  });

  it('a late joiner gets the recent page, then older pages from the server as it scrolls back', async () => {
    const carol = await env.open('carol', FAST);
    // Dave's requests to servers (not snodes) are counted: one poll of a server is one request.
    const serverRequests: string[] = [];
    const countingNetwork = (args: NetworkFactoryArgs): EngineNetwork => {
      const net = new SessionNetwork({ config: args.config, store: args.store, ownPubkey: args.ownPubkey, now: args.now, randomBytes: args.randomBytes });
      const send = net.sendToServer.bind(net);
      net.sendToServer = (request, options) => {
        if (options?.server?.url.startsWith(env.devnet.info.sogs!.url)) serverRequests.push(`${request.method} ${request.endpoint}`);
        return send(request, options);
      };
      return net;
    };
    // Dave's pollers never run on their own (explicit polls only), so the count below is exact.
    const dave = await env.open('dave', { ...FAST, communityPoll: { baseMs: 600_000, idleAfterMs: 600_000, idleMaxMs: 600_000, failMaxMs: 600_000 }, createNetwork: countingNetwork });
    await carol.handlers['account.create']({ displayName: 'Carol' });
    await dave.handlers['account.create']({ displayName: 'Dave' });
    await Promise.all([pollOk(carol), pollOk(dave)]);
    const sogs = env.devnet.info.sogs!;
    const url = `${sogs.url}/History?public_key=${sogs.pubkey}`;
    const id = `${sogs.url}/history`;
    expect(await carol.handlers['communities.join']({ url })).toMatchObject({ id, community: { room: 'History' } });
    const TOTAL = 130;
    const sentIds: string[] = [];
    for (let i = 0; i < TOTAL; i++) sentIds.push((await carol.handlers['messages.send']({ to: id, text: `post ${i}` })).id);
    await until('all posts are on the server', async () => {
      const list = await carol.handlers['messages.list']({ conversationId: id, limit: 200 });
      return list.filter((m) => m.status === 'sent').length === TOTAL ? true : undefined;
    }, 60_000);

    await dave.handlers['communities.join']({ url });
    await until('Dave has the recent page', async () => {
      await poll(dave);
      return (await dave.handlers['messages.list']({ conversationId: id, limit: 200 })).length >= 100 ? true : undefined;
    });
    expect((await dave.handlers['messages.list']({ conversationId: id, limit: 200 })).length).toBe(100);
    // Scrolling back: each page older than the oldest shown; the server supplies what is not here.
    const seenTexts: string[] = [];
    let page = await dave.handlers['messages.page']({ conversationId: id, limit: 50 });
    seenTexts.unshift(...page.messages.map((m) => m.text));
    while (page.hasOlder) {
      page = await dave.handlers['messages.page']({ conversationId: id, before: page.messages[0]!.id, limit: 50 });
      seenTexts.unshift(...page.messages.map((m) => m.text));
    }
    expect(seenTexts).toEqual(Array.from({ length: TOTAL }, (_, i) => `post ${i}`));

    // A catch-up of more than one page (230 new posts): each next page is fetched while the current one is
    // verified and stored; every post arrives once, in order.
    const MORE = 230;
    for (let i = 0; i < MORE; i++) await carol.handlers['messages.send']({ to: id, text: `more ${i}` });
    await until('the new posts are on the server', async () => {
      const list = await carol.handlers['messages.list']({ conversationId: id, limit: 1000 });
      return list.filter((m) => m.status === 'sent').length === TOTAL + MORE ? true : undefined;
    }, 60_000);
    serverRequests.length = 0;
    await poll(dave);
    const caughtUp = await dave.handlers['messages.list']({ conversationId: id, limit: 1000 });
    expect(caughtUp.map((m) => m.text).filter((t) => t.startsWith('more '))).toEqual(Array.from({ length: MORE }, (_, i) => `more ${i}`));
    expect(new Set(caughtUp.map((m) => m.serverId)).size).toBe(TOTAL + MORE);
    expect(serverRequests.length).toBeGreaterThanOrEqual(3);

    // Two rooms on one server: one poll is one /batch request for both.
    await dave.handlers['communities.join']({ url: `${sogs.url}/lobby?public_key=${sogs.pubkey}` });
    await poll(dave);
    serverRequests.length = 0;
    await poll(dave);
    expect(serverRequests).toEqual(['POST /batch']);
  });

  it('a room image set by the admin is downloaded at join and when a poll brings a new one; bytes that are not an image are kept out', async () => {
    // The admin's second device talks to the server with the network client directly (PUT /room/{t} {image}).
    let adminNet: SessionNetwork | undefined;
    const capture = (args: NetworkFactoryArgs): EngineNetwork => {
      adminNet = new SessionNetwork({ config: args.config, store: args.store, ownPubkey: args.ownPubkey, now: args.now, randomBytes: args.randomBytes });
      return adminNet;
    };
    const admin2 = await env.open('admin-img', { ...FAST, createNetwork: capture });
    const erin = await env.open('erin', FAST);
    await admin2.handlers['account.restore']({ mnemonic: encodeRecoveryPassword(ADMIN_SEED), displayName: 'Admin' });
    await erin.handlers['account.create']({ displayName: 'Erin' });
    await Promise.all([pollOk(admin2), pollOk(erin)]);
    const sogs = env.devnet.info.sogs!;
    const server = { baseUrl: sogs.url, pubkey: sogs.pubkey };
    const net = adminNet!;
    const client = new SogsClient({ send: net.sendToServer.bind(net), now: () => Date.now(), random: (n) => new Uint8Array(randomBytes(n)), identity: identityFromRecoverySeed(ADMIN_SEED) });
    const setImage = async (bytes: Uint8Array): Promise<void> => {
      const fileId = await client.uploadFile(server, 'lobby', bytes);
      const res = await client.request(server, { method: 'PUT', path: '/room/lobby', json: { image: fileId } });
      expect(res.code).toBe(200);
    };
    // A 1x1 PNG.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    await setImage(png);
    const id = `${sogs.url}/lobby`;

    // Listed but not joined (Join Community): the room's image is fetched when asked for, not kept.
    const listed = (await admin2.handlers['communities.defaultRooms']({})).find((r) => r.room === 'lobby');
    expect(listed?.imageVersion).toMatch(/^[0-9a-f]{16}$/);
    const shown = await admin2.handlers['avatars.get']({ id });
    expect(shown).toMatchObject({ contentType: 'image/png', version: listed!.imageVersion });
    expect(Buffer.from(shown!.dataBase64, 'base64').equals(png)).toBe(true);

    // Joining fetches the room's image: the room's summary gets an avatarVersion, avatars.get serves it.
    await erin.handlers['communities.join']({ url: `${sogs.url}/lobby?public_key=${sogs.pubkey}` });
    const first = await until('the room image arrived', async () => (await room(erin, id))?.avatarVersion);
    expect(first).toBe(listed!.imageVersion);
    const pic = await erin.handlers['avatars.get']({ id });
    expect(pic).toMatchObject({ contentType: 'image/png', version: first });
    expect(Buffer.from(pic!.dataBase64, 'base64').equals(png)).toBe(true);

    // A new image comes with a poll's room details: downloaded again, under a new version.
    const png2 = Buffer.concat([png, Buffer.from('trailing bytes make another file')]);
    await setImage(png2);
    const second = await until('the new room image arrived', async () => {
      await poll(erin);
      const v = (await room(erin, id))?.avatarVersion;
      return v !== undefined && v !== first ? v : undefined;
    });
    expect(Buffer.from((await erin.handlers['avatars.get']({ id }))!.dataBase64, 'base64').equals(png2)).toBe(true);

    // Bytes that are not an image: the room shows its initials (no avatarVersion), nothing is served.
    await setImage(new TextEncoder().encode('this is not a picture at all'));
    await until('the bad image is kept out', async () => {
      await poll(erin);
      return (await room(erin, id))?.avatarVersion === undefined ? true : undefined;
    });
    expect(second).not.toBe(first);
    expect(await erin.handlers['avatars.get']({ id })).toBeNull();
  });

  it('members say whether their newest post refuses message requests from Community conversations', async () => {
    const frank = await env.open('frank', FAST);
    const grace = await env.open('grace', FAST);
    await frank.handlers['account.create']({ displayName: 'Frank' });
    await grace.handlers['account.create']({ displayName: 'Grace' });
    await Promise.all([pollOk(frank), pollOk(grace)]);
    const sogs = env.devnet.info.sogs!;
    const id = `${sogs.url}/history`;
    const url = `${sogs.url}/History?public_key=${sogs.pubkey}`;
    const frankRoom = await frank.handlers['communities.join']({ url });
    const graceRoom = await grace.handlers['communities.join']({ url });
    // Frank keeps community message requests off (the default): his posts say so. Grace turns them on first.
    await grace.handlers['settings.set']({ key: 'communityMessageRequests', value: true });
    await sent(frank, id, (await frank.handlers['messages.send']({ to: id, text: 'frank here' })).id);
    await sent(grace, id, (await grace.handlers['messages.send']({ to: id, text: 'grace here' })).id);
    await seen(frank, id, 'Frank gets Grace’s post', (m) => m.text === 'grace here');
    await seen(grace, id, 'Grace gets Frank’s post', (m) => m.text === 'frank here');
    const onGrace = await grace.handlers['communities.members']({ id, query: frankRoom.community!.blindedId });
    expect(onGrace).toEqual([expect.objectContaining({ id: frankRoom.community!.blindedId, name: 'Frank', acceptsMessages: false })]);
    const onFrank = await frank.handlers['communities.members']({ id, query: graceRoom.community!.blindedId });
    expect(onFrank).toEqual([expect.objectContaining({ id: graceRoom.community!.blindedId, name: 'Grace' })]);
    expect(onFrank[0]!.acceptsMessages).toBeUndefined();
  });

  it('a member invites a contact: the invitation arrives as a 1:1 message carrying the room\'s share URL and name, and joins the room', async () => {
    const ivy = await env.open('ivy', FAST);
    const jack = await env.open('jack', FAST);
    const ivyId = (await ivy.handlers['account.create']({ displayName: 'Ivy' })).sessionId;
    const jackId = (await jack.handlers['account.create']({ displayName: 'Jack' })).sessionId;
    await Promise.all([pollOk(ivy), pollOk(jack)]);
    const sogs = env.devnet.info.sogs!;
    const id = `${sogs.url}/history`;
    await ivy.handlers['communities.join']({ url: `${sogs.url}/History?public_key=${sogs.pubkey}` });
    await expect(ivy.handlers['communities.invite']({ id: `${sogs.url}/nowhere`, contacts: [jackId] })).rejects.toMatchObject({ code: 'not_found' });
    await expect(ivy.handlers['communities.invite']({ id, contacts: [`15${'0'.repeat(64)}`] })).rejects.toMatchObject({ code: 'invalid_params' });
    const [mine] = await ivy.handlers['communities.invite']({ id, contacts: [jackId] });
    const invitation = { url: `${sogs.url}/History?public_key=${sogs.pubkey}`, name: 'History' };
    expect(mine).toMatchObject({ conversationId: jackId, direction: 'outgoing', text: '', communityInvitation: invitation });
    expect(mine!.unsupported).toBeUndefined();
    const got = await until('Jack gets the invitation', async () => {
      await poll(jack);
      return (await jack.handlers['messages.list']({ conversationId: ivyId, limit: 10 })).find((m) => m.communityInvitation);
    });
    expect(got).toMatchObject({ direction: 'incoming', text: '', communityInvitation: invitation });
    // The card's URL joins the room.
    expect((await jack.handlers['communities.join']({ url: got.communityInvitation!.url })).id).toBe(id);
  });

  it('a moderator clears all reactions of one emoji; a member may not', async () => {
    const mod = await env.open('admin-rx', FAST);
    const hank = await env.open('hank', FAST);
    await mod.handlers['account.restore']({ mnemonic: encodeRecoveryPassword(ADMIN_SEED), displayName: 'Admin' });
    await hank.handlers['account.create']({ displayName: 'Hank' });
    await Promise.all([pollOk(mod), pollOk(hank)]);
    const sogs = env.devnet.info.sogs!;
    const id = `${sogs.url}/history`;
    const url = `${sogs.url}/History?public_key=${sogs.pubkey}`;
    await hank.handlers['communities.join']({ url });
    await mod.handlers['communities.join']({ url });
    const post = await sent(hank, id, (await hank.handlers['messages.send']({ to: id, text: 'react to me' })).id);
    await hank.handlers['messages.react']({ messageId: post.id, emoji: '👍', action: 'add' });
    await hank.handlers['messages.react']({ messageId: post.id, emoji: '🎉', action: 'add' });
    const onMod = await seen(mod, id, 'the moderator sees both reactions', (m) => m.serverId === post.serverId && (m.reactions?.length ?? 0) === 2);
    await expect(hank.handlers['communities.clearReactions']({ messageId: post.id, emoji: '🎉' })).rejects.toMatchObject({ code: 'forbidden' });
    const cleared = await mod.handlers['communities.clearReactions']({ messageId: onMod.id, emoji: '👍' });
    expect(cleared.reactions?.map((r) => r.emoji)).toEqual(['🎉']);
    const onHank = await seen(hank, id, 'Hank sees 👍 cleared', (m) => m.id === post.id && m.reactions?.length === 1);
    expect(onHank.reactions).toEqual([expect.objectContaining({ emoji: '🎉', count: 1, mine: true })]);
  });
});
