// Groups v2 through the engine on a devnet, member side: the admin is played by a harness built from the
// protocol layer's admin primitives (groupAdmin.ts). Invitation, accept, chat both ways, control messages,
// bad input refused with a logged reason and nothing corrupted, a restored second device of the member,
// kicked and leaving.
import type { Backend } from '../../../ts/backend';
import type { Logger } from '../../../ts/backend/log';
import { loadCustomNetwork } from '../../../ts/network/config';
import { createHttpClient } from '../../../ts/network/http';
import { SessionNetwork } from '../../../ts/network/SessionNetwork';
import { MemoryNetworkStore } from '../../../ts/network/store';
import sharp from 'sharp';
import { GroupMembersConfig, encryptAvatar, generateGroupKeys, identityFromRecoverySeed, loadProtocol, secureRandom, type Identity } from '../../../ts/protocol';
import { devnetBackends, pollOk, until } from './fixture';
import { TestGroupAdmin } from './groupAdmin';

jest.setTimeout(90_000);

/** Keeps warnings: refusals must say why. */
function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, debug: () => undefined, info: () => undefined, warn: (m: string) => void warnings.push(m), error: (m: string) => void warnings.push(m) };
}

describe('groups v2, member side (devnet)', () => {
  const env = devnetBackends('groups-int-', { nodes: 9, swarmSize: 3, noSogs: true, fanoutTimeoutMs: 500, relayTimeoutMs: 2_000 }, 100);
  let net: SessionNetwork;
  let bob: Backend;
  let bobId: string;
  let bobMnemonic: string;
  const log = recordingLogger();
  const adminIdentity = (): Identity => identityFromRecoverySeed(secureRandom(16));
  const outsider = adminIdentity;

  beforeAll(async () => {
    await loadProtocol();
    net = new SessionNetwork({ config: await loadCustomNetwork(env.devnet.info.seedUrl, createHttpClient()), store: new MemoryNetworkStore() });
    net.start();
    bob = await env.open('bob', { configPushDelayMs: 0 }, log);
    const created = await bob.handlers['account.create']({ displayName: 'Bob' });
    bobId = created.sessionId;
    bobMnemonic = created.mnemonic;
  });
  afterAll(() => net.stop());

  const conversation = async (b: Backend, id: string) => (await b.handlers['conversations.list']({})).find((c) => c.id === id);
  const texts = async (b: Backend, id: string) => (await b.handlers['messages.list']({ conversationId: id })).map((m) => m.text || `[${m.control?.type ?? '?'}]`);

  /** A group with Bob invited (and joined once `accept`). */
  const newGroup = async (name: string, accept = true): Promise<TestGroupAdmin> => {
    const admin = new TestGroupAdmin(net, adminIdentity(), name, Date.now());
    admin.setMember(bobId, 'Bob');
    await admin.rekeyAndPush();
    await admin.invite(bobId);
    await until(`the invitation to ${name}`, async () => {
      await pollOk(bob);
      return (await bob.handlers['conversations.list']({ requests: true })).find((c) => c.id === admin.id);
    });
    if (accept) await bob.handlers['conversations.accept']({ id: admin.id });
    return admin;
  };

  let main: TestGroupAdmin;

  it('invitation, accept, chat both ways, control messages, a mention', async () => {
    main = await newGroup('Engine Group', false);
    const request = (await bob.handlers['conversations.list']({ requests: true })).find((c) => c.id === main.id);
    expect(request).toMatchObject({ kind: 'group', isRequest: true, name: 'Engine Group', group: { invitationPending: true, invitedBy: main.identity.sessionId } });
    const joined = await bob.handlers['conversations.accept']({ id: main.id });
    expect(joined).toMatchObject({ isRequest: false, group: { invitationPending: false, memberCount: 2 } });
    // The invite response reached the group.
    await until('the invite response', async () => (await main.read()).find((m) => m.sender === bobId && m.content.dataMessage?.groupUpdateMessage?.inviteResponse?.isApproved));

    await main.sendText('welcome Bob');
    await main.memberChange(1, [bobId]);
    await main.sendText(`hey @${bobId}`);
    await until('the admin’s messages', async () => {
      await pollOk(bob);
      return (await texts(bob, main.id)).length >= 3;
    });
    const list = await bob.handlers['messages.list']({ conversationId: main.id });
    expect(list.map((m) => m.text || m.control?.type)).toEqual(['welcome Bob', 'member-added', `hey @${bobId}`]);
    expect(list[1]?.control).toEqual({ type: 'member-added', members: [{ sessionId: bobId, name: 'Bob' }] });
    expect(list[2]?.mentionsMe).toBe(true);
    expect(list[0]?.mentionsMe).toBeUndefined();

    const sent = await bob.handlers['messages.send']({ to: main.id, text: 'thanks!' });
    await until('Bob’s message stored', async () => (await bob.handlers['messages.list']({ conversationId: main.id })).find((m) => m.id === sent.id && m.status === 'sent'));
    expect((await main.read()).find((m) => m.sender === bobId && m.content.dataMessage?.body === 'thanks!')).toMatchObject({ timestampMs: sent.timestamp });
    // Every poll extended the group's config messages' expiry with our subaccount.
    expect(log.warnings.filter((w) => /expiry/.test(w))).toEqual([]);
    expect(await bob.handlers['groups.members']({ id: main.id })).toEqual([
      ...[
        { sessionId: main.identity.sessionId, name: 'Admin', role: 'admin', status: 'joined' },
        { sessionId: bobId, name: 'Bob', role: 'member', status: 'invite-sent' },
      ].sort((a, b) => a.sessionId.localeCompare(b.sessionId)),
    ]);
  });

  it('reactions and unsend both ways (an admin may unsend anyone’s message)', async () => {
    const list = await bob.handlers['messages.list']({ conversationId: main.id });
    const welcome = list.find((m) => m.text === 'welcome Bob');
    const mine = list.find((m) => m.text === 'thanks!');
    if (!welcome || !mine) throw new Error('missing messages');
    await bob.handlers['messages.react']({ messageId: welcome.id, emoji: '👍', action: 'add' });
    const extra = await bob.handlers['messages.send']({ to: main.id, text: 'oops' });
    await until('sent', async () => (await bob.handlers['messages.list']({ conversationId: main.id })).find((m) => m.id === extra.id && m.status === 'sent'));
    await bob.handlers['messages.unsend']({ ids: [extra.id] });
    await until('the reaction and the unsend in the group', async () => {
      const read = await main.read();
      const reaction = read.find((m) => m.sender === bobId && m.content.dataMessage?.reaction?.emoji === '👍');
      const unsend = read.find((m) => m.sender === bobId && Number(m.content.unsendRequest?.timestamp) === extra.timestamp);
      return reaction && unsend && Number(reaction.content.dataMessage?.reaction?.id) === welcome.timestamp;
    });
    // The admin unsends Bob's "thanks!" and reacts to it first.
    await main.send({ dataMessage: { reaction: { id: mine.timestamp, author: bobId, emoji: '🎉', action: 0 } } });
    await until('the admin’s reaction', async () => {
      await pollOk(bob);
      const m = (await bob.handlers['messages.list']({ conversationId: main.id })).find((x) => x.id === mine.id);
      return m?.reactions?.some((r) => r.emoji === '🎉');
    });
    await main.send({ unsendRequest: { timestamp: mine.timestamp, author: bobId } });
    await until('Bob’s message deleted by the admin', async () => {
      await pollOk(bob);
      return (await bob.handlers['messages.list']({ conversationId: main.id })).find((x) => x.id === mine.id)?.deleted;
    });
  });

  it('DeleteMemberContent: an admin deletes members’ messages and listed hashes; a member only their own; a bad signature is refused', async () => {
    const carol = adminIdentity();
    const dave = adminIdentity();
    main.setMember(carol.sessionId, 'Carol');
    main.setMember(dave.sessionId, 'Dave');
    await main.pushConfigs();
    await until('Carol and Dave in the member list', async () => {
      await pollOk(bob);
      return (await bob.handlers['groups.members']({ id: main.id })).length === 4;
    });
    const c1 = await main.sendText('carol one', carol);
    await main.sendText('carol two', carol);
    const a1 = await main.sendText('admin keeps');
    const a2 = await main.sendText('admin drops');
    const hash = (t: number): string => main.sentHashes.get(t) ?? '';
    const byText = async (): Promise<Map<string, { deleted?: boolean; sender: string }>> =>
      new Map((await bob.handlers['messages.list']({ conversationId: main.id })).filter((m) => m.text !== '' || m.deleted).map((m) => [m.deleted ? `${m.timestamp}` : m.text, m]));
    await until('the four messages', async () => {
      await pollOk(bob);
      return (await byText()).has('admin drops');
    });
    // Unsigned, from Carol: of the listed hashes only her own message goes.
    await main.deleteContent([], [hash(a2), hash(c1)], { signed: false, author: carol });
    await until('Carol’s own message deleted', async () => {
      await pollOk(bob);
      return !(await byText()).has('carol one');
    });
    let now = await byText();
    expect(now.get(`${c1}`)).toMatchObject({ deleted: true, sender: carol.sessionId });
    expect(['carol two', 'admin keeps', 'admin drops'].every((t) => now.has(t))).toBe(true);
    // A wrong admin signature: refused with a logged reason, nothing deleted.
    const before = await bob.handlers['messages.list']({ conversationId: main.id });
    await main.deleteContent([carol.sessionId], [hash(a1)], { badSignature: true });
    await until('the forged delete refused', async () => {
      await pollOk(bob);
      return log.warnings.some((w) => /group update .* refused \(group_update_bad_signature\)/.test(w));
    });
    expect(await bob.handlers['messages.list']({ conversationId: main.id })).toEqual(before);
    // Admin-signed: every message of Carol and the listed hash (the admin's second message).
    await main.deleteContent([carol.sessionId], [hash(a2)]);
    await until('Carol’s messages and the listed one deleted', async () => {
      await pollOk(bob);
      const x = await byText();
      return !x.has('carol two') && !x.has('admin drops');
    });
    now = await byText();
    expect(now.has('admin keeps')).toBe(true);
    expect(now.has('welcome Bob')).toBe(true);

    // Two messages and the deletion of one of them (by its hash), stored before Bob polls: they come in one
    // batch, indexed for search in its transaction, and the deleted one leaves no hit.
    await main.sendText('numbat stays', dave);
    const d2 = await main.sendText('numbat goes', dave);
    await main.deleteContent([], [hash(d2)]);
    await until('Dave’s messages and the deletion', async () => {
      await pollOk(bob);
      return (await bob.handlers['messages.list']({ conversationId: main.id })).some((m) => m.timestamp === d2 && m.deleted);
    });
    const found = async (q: string): Promise<string[]> => (await bob.handlers['messages.search']({ query: q })).messages.map((m) => m.message.text);
    expect(await found('numbat')).toEqual(['numbat stays']);
    expect(await found('goes')).toEqual([]);

    // Leaving: the left message and the left notification are one "left" each; a notification alone counts too.
    await main.send({ dataMessage: { groupUpdateMessage: { memberLeftMessage: {} } } }, carol);
    await main.send({ dataMessage: { groupUpdateMessage: { memberLeftNotificationMessage: {} } } }, carol);
    await main.send({ dataMessage: { groupUpdateMessage: { memberLeftNotificationMessage: {} } } }, dave);
    await main.sendText('after the leaving');
    await until('the leaving shown', async () => {
      await pollOk(bob);
      return (await texts(bob, main.id)).includes('after the leaving');
    });
    const left = (await bob.handlers['messages.list']({ conversationId: main.id })).filter((m) => m.control?.type === 'member-left');
    expect(left.map((m) => m.sender).sort()).toEqual([carol.sessionId, dave.sessionId].sort());
    main.members.erase(carol.sessionId);
    main.members.erase(dave.sessionId);
    await main.pushConfigs();
    await until('Carol and Dave gone from the member list', async () => {
      await pollOk(bob);
      return (await bob.handlers['groups.members']({ id: main.id })).length === 2;
    });
  });

  it('bad input is refused with a logged reason and changes nothing', async () => {
    // Invitations with bad auth data and with a bad admin signature: no conversation, a warning each.
    const forged = new TestGroupAdmin(net, adminIdentity(), 'Forged', Date.now());
    const good = forged.keys.makeSubaccount(bobId);
    const badAuth = good.slice();
    badAuth[50] = (badAuth[50] as number) ^ 1;
    await forged.invite(bobId, { authData: badAuth });
    const other = new TestGroupAdmin(net, adminIdentity(), 'Other', Date.now());
    await other.invite(bobId, { signature: new Uint8Array(64).fill(7) });
    await until('both invitations refused', async () => {
      await pollOk(bob);
      return log.warnings.filter((w) => /invitation .* refused/.test(w)).length >= 2;
    });
    expect(await conversation(bob, forged.id)).toBeUndefined();
    expect(await conversation(bob, other.id)).toBeUndefined();

    const before = await bob.handlers['messages.list']({ conversationId: main.id });
    const membersBefore = await bob.handlers['groups.members']({ id: main.id });
    // A Members config signed by another key, stored in the group's swarm (namespace 14).
    // (another group's key signs it; it is encrypted with this group's key, so only the signature check can refuse it)
    const impostor = generateGroupKeys(secureRandom);
    const fake = new GroupMembersConfig({ identity: main.identity, group: impostor, admin: impostor, keys: main.keys.keysNewestFirst() });
    fake.markSwarmMerged();
    fake.setMember({ sessionId: outsider().sessionId, name: 'Mallory', picture: null, admin: true, inviteStatus: 0, promotionStatus: 0, removedStatus: 0, supplement: false });
    await net.storeMessage(main.id, 14, fake.push(Date.now()).messages[0] as Uint8Array, 3_600_000, undefined, { pubkey: main.id, ed25519: { publicKey: main.group.ed25519PublicKey, secretKey: main.group.ed25519SecretKey } });
    // A message from someone not in Members (holding the key), and a keys message for other members only.
    const mallory = outsider();
    await main.send({ dataMessage: { body: 'I am not a member' } }, mallory);
    const foreignKeys = main.keys.rekey([main.identity.sessionId]);
    await net.storeMessage(main.id, 12, foreignKeys.message, 3_600_000, undefined, { pubkey: main.id, ed25519: { publicKey: main.group.ed25519PublicKey, secretKey: main.group.ed25519SecretKey } });
    await until('the forged config and the outsider refused', async () => {
      await pollOk(bob);
      return log.warnings.some((w) => /namespace 14 message .* refused/.test(w)) && (bob.engineStats().dropReasons['group_not_a_member'] ?? 0) >= 1;
    });
    expect(await bob.handlers['messages.list']({ conversationId: main.id })).toEqual(before);
    expect(await bob.handlers['groups.members']({ id: main.id })).toEqual(membersBefore);
    expect(await conversation(bob, main.id)).toMatchObject({ name: 'Engine Group', group: { memberCount: 2, kicked: false } });
  });

  it('a restored second device of the member sees the group', async () => {
    // Mentions Only for the group (UserGroups `@` = 3), pushed for the other devices.
    const mark = bob.followUps.mark();
    expect(await bob.handlers['conversations.setNotificationMode']({ id: main.id, mode: 'mentions' })).toMatchObject({ id: main.id, notificationMode: 'mentions' });
    // Read state (ConvoInfoVolatile `g`) and pin (UserGroups `g` priority) go through the configs too.
    expect((await conversation(bob, main.id))?.unreadCount).toBeGreaterThan(0);
    expect(await bob.handlers['conversations.markRead']({ id: main.id })).toMatchObject({ id: main.id, unreadCount: 0 });
    const pinned = await bob.handlers['conversations.setPinned']({ id: main.id, pinned: true });
    expect(pinned.pinnedPriority).toBeGreaterThan(0);
    expect((await bob.handlers['conversations.list']({}))[0]?.id).toBe(main.id);
    await bob.followUps.settle({ since: mark });
    const second = await env.open('bob-2', { configPushDelayMs: 0, restoreWaitMs: 2_000 });
    await second.handlers['account.restore']({ mnemonic: bobMnemonic });
    const c = await until('the group on the second device', async () => {
      await pollOk(second);
      const found = await conversation(second, main.id);
      return found && (await texts(second, main.id)).includes('welcome Bob') ? found : undefined;
    });
    expect(c).toMatchObject({ kind: 'group', isRequest: false, name: 'Engine Group', notificationMode: 'mentions', unreadCount: 0 });
    expect(c.pinnedPriority).toBeGreaterThan(0);
    expect(c.markedUnread).toBeUndefined();
    expect((await second.handlers['messages.list']({ conversationId: main.id })).some((m) => m.sender === bobId && m.direction === 'outgoing')).toBe(true);
    // Marked unread and unpinned on the second device: the first device follows.
    const mark2 = second.followUps.mark();
    expect(await second.handlers['conversations.markUnread']({ id: main.id })).toMatchObject({ markedUnread: true });
    expect((await second.handlers['conversations.setPinned']({ id: main.id, pinned: false })).pinnedPriority).toBeUndefined();
    // The notification mode changed there reaches the first device through UserGroups too.
    expect(await second.handlers['conversations.setNotificationMode']({ id: main.id, mode: 'mute' })).toMatchObject({ notificationMode: 'mute' });
    await second.followUps.settle({ since: mark2 });
    await until('unread, unpinned and muted on the first device', async () => {
      await pollOk(bob);
      const x = await conversation(bob, main.id);
      return x?.markedUnread === true && x.pinnedPriority === undefined && x.notificationMode === 'mute';
    });
    await env.close(second);
  });

  it('kicked: the group shows it and polling stops', async () => {
    const g = await newGroup('Kick Group');
    await g.sendText('before');
    await until('the first message', async () => {
      await pollOk(bob);
      return (await texts(bob, g.id)).includes('before');
    });
    // Info `d` (delete before): what was sent before it goes on the member's device.
    g.info.setDeleteBefore(Math.floor(Date.now() / 1000) + 1);
    await g.pushConfigs();
    await until('messages before the delete-before time gone', async () => {
      await pollOk(bob);
      return !(await texts(bob, g.id)).includes('before');
    });
    await g.kick(bobId);
    const kicked = await until('kicked', async () => {
      await pollOk(bob);
      const c = await conversation(bob, g.id);
      return c?.group?.kicked ? c : undefined;
    });
    expect(kicked.group).toMatchObject({ kicked: true, destroyed: false });
    await g.sendText('after');
    await pollOk(bob);
    await pollOk(bob);
    expect(await texts(bob, g.id)).not.toContain('after');
    await expect(bob.handlers['messages.send']({ to: g.id, text: 'can I?' })).rejects.toMatchObject({ code: 'invalid_params' });
  });

  it('an invitation from an approved contact is a conversation, not a request; decline removes it', async () => {
    const admin = new TestGroupAdmin(net, adminIdentity(), 'Friends', Date.now());
    // Bob approves the admin by writing to them first.
    await bob.handlers['messages.send']({ to: admin.identity.sessionId, text: 'hi friend' });
    admin.setMember(bobId, 'Bob');
    await admin.rekeyAndPush();
    await admin.invite(bobId);
    const c = await until('the invitation', async () => {
      await pollOk(bob);
      return conversation(bob, admin.id);
    });
    expect(c).toMatchObject({ kind: 'group', isRequest: false, isApproved: true, group: { invitationPending: true, invitedBy: admin.identity.sessionId } });
    expect((await bob.handlers['conversations.list']({ requests: true })).some((x) => x.id === admin.id)).toBe(false);
    expect(await bob.handlers['conversations.decline']({ id: admin.id })).toEqual({ id: admin.id });
    expect(await conversation(bob, admin.id)).toBeUndefined();
  });

  it('destroyed (Info !): the group shows it and polling stops', async () => {
    const g = await newGroup('Doomed Group');
    g.info.destroyGroup();
    await g.pushConfigs();
    const c = await until('destroyed', async () => {
      await pollOk(bob);
      const x = await conversation(bob, g.id);
      return x?.group?.destroyed ? x : undefined;
    });
    expect(c.group).toMatchObject({ destroyed: true, kicked: false });
    await expect(bob.handlers['messages.send']({ to: g.id, text: 'anyone?' })).rejects.toMatchObject({ code: 'invalid_params' });
  });

  it('the admins’ disappearing timer (Info E) applies to the group: shown, carried by what we send, read-only', async () => {
    main.info.setExpiryTimer(3_600);
    await main.pushConfigs();
    const c = await until('the timer on the group', async () => {
      await pollOk(bob);
      const x = await conversation(bob, main.id);
      return x?.expiration ? x : undefined;
    });
    expect(c.expiration).toEqual({ type: 'after-send', seconds: 3_600 });
    await expect(Promise.resolve().then(() => bob.handlers['conversations.setExpiration']({ id: main.id, mode: 'off', seconds: 0 }))).rejects.toMatchObject({
      code: 'invalid_params',
      message: expect.stringMatching(/admins/),
    });
    const sent = await bob.handlers['messages.send']({ to: main.id, text: 'this one disappears' });
    expect(sent.expiration).toEqual({ type: 'after-send', seconds: 3_600 });
    const out = await until('the message in the group', async () => (await main.read()).find((m) => m.sender === bobId && m.content.dataMessage?.body === 'this one disappears'));
    // DELETE_AFTER_SEND (2) with the group's timer, as the official apps send it.
    expect({ type: out.content.expirationType, timer: out.content.expirationTimer }).toEqual({ type: 2, timer: 3_600 });
    main.info.setExpiryTimer(null);
    await main.pushConfigs();
    await until('the timer off again', async () => {
      await pollOk(bob);
      const x = await conversation(bob, main.id);
      return x !== undefined && x.expiration === undefined;
    });
  });

  it('the group’s picture (Info p/q) is downloaded, decrypted and served as its avatar; removing it drops it', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 200, g: 40, b: 90 } } }).png().toBuffer();
    const key = secureRandom(32);
    const up = await until('the picture uploaded', async () => {
      try {
        return await net.uploadFile(encryptAvatar(png, key, secureRandom));
      } catch {
        return undefined; // paths may still be building
      }
    });
    main.info.setPicture({ url: up.url, key });
    await main.pushConfigs();
    const c = await until('the group’s avatar', async () => {
      await pollOk(bob);
      const x = await conversation(bob, main.id);
      return x?.avatarVersion !== undefined ? x : undefined;
    });
    expect(c.avatarVersion).toMatch(/^[0-9a-f]{16}$/);
    const got = await bob.handlers['avatars.get']({ id: main.id });
    expect(got?.contentType).toBe('image/png');
    expect(Buffer.from(got?.dataBase64 ?? '', 'base64').equals(png)).toBe(true);
    expect(got?.version).toBe(c.avatarVersion);
    main.info.setPicture(null);
    await main.pushConfigs();
    await until('the avatar gone', async () => {
      await pollOk(bob);
      const x = await conversation(bob, main.id);
      return x !== undefined && x.avatarVersion === undefined;
    });
    expect(await bob.handlers['avatars.get']({ id: main.id })).toBeNull();
  });

  it('leave: the group is told, the conversation goes', async () => {
    const left = await bob.handlers['groups.leave']({ id: main.id });
    expect(left).toEqual({ id: main.id });
    const told = await main.read();
    expect(told.some((m) => m.sender === bobId && m.content.dataMessage?.groupUpdateMessage?.memberLeftMessage)).toBe(true);
    expect(await conversation(bob, main.id)).toBeUndefined();
    await main.sendText('still there?');
    await pollOk(bob);
    expect(await conversation(bob, main.id)).toBeUndefined();
  });
});
