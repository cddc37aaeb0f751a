// Groups v2, admin side through the engine: three clients on one devnet. Alice creates a group with Bob and
// Carol invited; they accept; chat both ways; Alice promotes Bob (who then renames it); Alice removes Carol with
// her messages (Carol's client shows kicked, and the keys Carol holds open nothing sent afterwards); description,
// picture, timer; Carol is invited again; Alice deletes the group for everyone. Then: an admin receives a member's
// "left" and removes them with a rekey; a failed invitation is resent; the only admin leaving deletes the group.
import path from 'node:path';
import sharp from 'sharp';
import type { Backend } from '../../../ts/backend';
import { openEncryptedDatabase } from '../../../ts/backend/db/database';
import { loadOrCreateDatabaseKey } from '../../../ts/backend/keyFile';
import type { NetworkFactoryArgs } from '../../../ts/backend/services/engine';
import type { EngineNetwork } from '../../../ts/backend/services/engineNetwork';
import type { ConversationSummary } from '../../../ts/ipc/contract';
import { NetworkError, SessionNetwork } from '../../../ts/network';
import { loadCustomNetwork } from '../../../ts/network/config';
import { createHttpClient } from '../../../ts/network/http';
import { MemoryNetworkStore } from '../../../ts/network/store';
import {
  GroupKeys,
  UserGroups,
  decodeRecoveryPassword,
  groupKeysFromSeed,
  identityFromRecoverySeed,
  parseGroupId,
  unwrapGroupEnvelope,
  type Identity,
} from '../../../ts/protocol';
import { devnetBackends, pollOk, until } from './fixture';

jest.setTimeout(180_000);

/** Stores to a listed destination fail while it is listed (Alice's backend). */
const failStoresTo = new Set<string>();
/** Alice's retrieves: the account, how many config hashes each asked to keep alive, and each node's answer to that. */
const retrieves: { pubkey: string; bumped: number; expireCodes: (number | undefined)[] }[] = [];
function tappedFactory(args: NetworkFactoryArgs): EngineNetwork {
  const net = new SessionNetwork({ config: args.config, store: args.store, ownPubkey: args.ownPubkey, now: args.now, randomBytes: args.randomBytes });
  const engineNet: EngineNetwork = net;
  const store = net.storeMessage.bind(net);
  engineNet.storeMessage = async (pubkey, ...rest) => {
    if (failStoresTo.has(pubkey)) throw new NetworkError('unreachable', { detail: 'test: this recipient cannot be reached' });
    return store(pubkey, ...rest);
  };
  const retrieve = net.retrieve.bind(net);
  engineNet.retrieve = async (pubkey, namespaces, lastHashes, options) => {
    const r = await retrieve(pubkey, namespaces, lastHashes, options);
    retrieves.push({ pubkey, bumped: options.bumpExpiry?.hashes.length ?? 0, expireCodes: r.perNode.map((n) => n.expireCode) });
    return r;
  };
  return engineNet;
}

describe('groups v2, admin side through the engine (devnet)', () => {
  const env = devnetBackends('groups-admin-', { nodes: 9, swarmSize: 3, noSogs: true, fanoutTimeoutMs: 500, relayTimeoutMs: 2_000 }, 200);
  const FAST = { configPushDelayMs: 0 };
  let alice: Backend;
  let bob: Backend;
  let carol: Backend;
  let aliceId: string;
  let bobId: string;
  let carolId: string;
  let aliceMnemonic: string;
  let bobMnemonic: string;
  /** Two people invited while Alice and Bob both change the group (no clients: their invitations just wait). */
  let outsiders: string[] = [];
  let carolIdentity: Identity;

  const identityOf = (mnemonic: string): Identity => {
    const seed = decodeRecoveryPassword(mnemonic);
    if (!seed.ok) throw seed.error;
    return identityFromRecoverySeed(seed.value);
  };

  beforeAll(async () => {
    alice = await env.open('alice', { ...FAST, createNetwork: tappedFactory });
    bob = await env.open('bob', FAST);
    carol = await env.open('carol', FAST);
    const a = await alice.handlers['account.create']({ displayName: 'Alice' });
    aliceId = a.sessionId;
    aliceMnemonic = a.mnemonic;
    const bb = await bob.handlers['account.create']({ displayName: 'Bob' });
    bobId = bb.sessionId;
    bobMnemonic = bb.mnemonic;
    const c = await carol.handlers['account.create']({ displayName: 'Carol' });
    carolId = c.sessionId;
    carolIdentity = identityOf(c.mnemonic);
    outsiders = [0x71, 0x72].map((b) => identityFromRecoverySeed(new Uint8Array(16).fill(b)).sessionId);
    // A new account's first complete poll merges its configs: pushing them (UserGroups) is allowed from then on.
    for (const b of [alice, bob, carol]) await pollOk(b);
  });

  /** A handler's outcome as a promise (some throw before returning one). */
  const later = <T>(fn: () => T | Promise<T>): Promise<T> => Promise.resolve().then(fn);
  const conversation = async (b: Backend, id: string): Promise<ConversationSummary | undefined> =>
    (await b.handlers['conversations.list']({ requests: false })).concat(await b.handlers['conversations.list']({ requests: true })).find((c) => c.id === id);
  const texts = async (b: Backend, id: string): Promise<string[]> => (await b.handlers['messages.list']({ conversationId: id, limit: 200 })).map((m) => m.text || `[${m.control?.type ?? '?'}]`);
  const statusOf = async (b: Backend, id: string, member: string) => (await b.handlers['groups.members']({ id })).find((m) => m.sessionId === member);
  /** Polls `b` until `check` holds. */
  const polledUntil = <T>(what: string, b: Backend, check: () => Promise<T | undefined | false>): Promise<T> =>
    until(what, async () => {
      await pollOk(b);
      return check();
    });
  const acceptInvitation = async (b: Backend, id: string): Promise<void> => {
    await polledUntil('the invitation', b, async () => (await conversation(b, id))?.group?.invitationPending);
    await b.handlers['conversations.accept']({ id });
  };
  /** A database's stored dump of one group namespace. */
  const dumpOf = (b: Backend, pubkey: string, ns: number): Uint8Array | undefined => {
    const key = loadOrCreateDatabaseKey(b.profileDir, { databaseExists: true, randomBytes: () => new Uint8Array(32) });
    const db = openEncryptedDatabase(path.join(b.profileDir, 'session.db'), key);
    try {
      const r = db.prepare('SELECT dump FROM config_state WHERE pubkey = ? AND namespace = ?').get(pubkey, ns) as { dump: Buffer } | undefined;
      return r ? new Uint8Array(r.dump) : undefined;
    } finally {
      db.close();
    }
  };

  let gid = '';

  it('creates a group, invites, and the invitees join', async () => {
    const created = await alice.handlers['groups.create']({ name: 'Admins Club', description: 'Where admins meet', members: [bobId, carolId] });
    gid = created.id;
    expect(gid).toMatch(/^03[0-9a-f]{64}$/);
    expect(created).toMatchObject({ kind: 'group', name: 'Admins Club', isRequest: false, group: { admin: true, memberCount: 3, description: 'Where admins meet', kicked: false, destroyed: false } });
    const members = await alice.handlers['groups.members']({ id: gid });
    expect(members.map((m) => [m.sessionId, m.role, m.status]).sort()).toEqual(
      [
        [aliceId, 'admin', 'joined'],
        [bobId, 'member', 'invite-sent'],
        [carolId, 'member', 'invite-sent'],
      ].sort(),
    );
    // The new group's seed is in Alice's UserGroups entry (B.15 `K`).
    await acceptInvitation(bob, gid);
    await acceptInvitation(carol, gid);
    const bobView = await conversation(bob, gid);
    expect(bobView).toMatchObject({ name: 'Admins Club', group: { admin: false, memberCount: 3, description: 'Where admins meet' } });
    // Alice sees both invite responses and clears their `I`.
    await polledUntil('both joined', alice, async () => (await alice.handlers['groups.members']({ id: gid })).every((m) => m.status === 'joined'));
    await polledUntil('Bob sees everyone joined', bob, async () => (await bob.handlers['groups.members']({ id: gid })).every((m) => m.status === 'joined'));
    // Alice's polls of the group (signed with the group key) keep its keys, Info and Members messages alive.
    const bumps = retrieves.filter((r) => r.pubkey === gid && r.bumped >= 3);
    expect(bumps.length).toBeGreaterThan(0);
    // (A refused admin signature would answer 401 everywhere.)
    expect(bumps.flatMap((r) => r.expireCodes)).toContain(200);
    // Non-admins cannot use the admin methods; an unknown group is not found.
    await expect(later(() => alice.handlers['groups.invite']({ id: `03${'00'.repeat(32)}`, members: [bobId] }))).rejects.toMatchObject({ code: 'not_found' });
    await expect(bob.handlers['groups.update']({ id: gid, name: 'Mine now' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(later(() => bob.handlers['conversations.setExpiration']({ id: gid, mode: 'after-send', seconds: 3600 }))).rejects.toMatchObject({ code: 'invalid_params' });
  });

  it('chats both ways', async () => {
    await alice.handlers['messages.send']({ to: gid, text: 'hello from Alice' });
    await polledUntil('Bob gets Alice’s message', bob, async () => (await texts(bob, gid)).includes('hello from Alice'));
    await bob.handlers['messages.send']({ to: gid, text: 'hi from Bob' });
    await carol.handlers['messages.send']({ to: gid, text: 'hi from Carol' });
    await polledUntil('Alice gets both', alice, async () => {
      const t = await texts(alice, gid);
      return t.includes('hi from Bob') && t.includes('hi from Carol');
    });
  });

  it('promotes Bob, who becomes an admin and can rename the group', async () => {
    // Alice's app restarts first: her admin state comes back from her dumps and her UserGroups entry.
    await env.close(alice);
    alice = await env.open('alice', { ...FAST, createNetwork: tappedFactory });
    expect((await conversation(alice, gid))?.group?.admin).toBe(true);
    const after = await alice.handlers['groups.promote']({ id: gid, members: [bobId] });
    // Sent (Bob's own polls may already have accepted it by the time Alice's closing poll ran).
    expect(after.find((m) => m.sessionId === bobId)).toMatchObject({ role: 'admin', status: expect.stringMatching(/^(promotion-sent|joined)$/) });
    await polledUntil('Bob is an admin', bob, async () => (await conversation(bob, gid))?.group?.admin);
    // Bob accepted the promotion in Members; Alice sees it.
    await polledUntil('Alice sees the promotion accepted', alice, async () => (await statusOf(alice, gid, bobId))?.status === 'joined');
    expect(await statusOf(alice, gid, bobId)).toMatchObject({ role: 'admin' });
    // An admin cannot remove another admin (as in the official app).
    await expect(later(() => alice.handlers['groups.remove']({ id: gid, members: [bobId] }))).rejects.toMatchObject({ code: 'invalid_params' });
    const renamed = await bob.handlers['groups.update']({ id: gid, name: 'Renamed by Bob' });
    expect(renamed.name).toBe('Renamed by Bob');
    await polledUntil('Alice sees the new name', alice, async () => (await conversation(alice, gid))?.name === 'Renamed by Bob');
    expect(await texts(alice, gid)).toEqual(expect.arrayContaining(['[member-promoted]', '[name-changed]']));
  });

  it('two admins change the members at once: their keys converge and everyone reads both', async () => {
    const keysOf = (b: Backend, mnemonic: string): GroupKeys => {
      const pub = parseGroupId(gid);
      if (!pub.ok) throw pub.error;
      return new GroupKeys({ identity: identityOf(mnemonic), group: pub.value, dump: dumpOf(b, gid, 12) ?? null });
    };
    // Each rekeys the same generation for a different member list (C.5 concurrent rekeys).
    await Promise.all([
      alice.handlers['groups.invite']({ id: gid, members: [outsiders[0] as string] }),
      bob.handlers['groups.invite']({ id: gid, members: [outsiders[1] as string] }),
    ]);
    await until(
      'the two admins converge',
      async () => {
        await pollOk(alice);
        await pollOk(bob);
        const [ka, kb] = [keysOf(alice, aliceMnemonic), keysOf(bob, bobMnemonic)];
        const both = async (b: Backend) => (await b.handlers['groups.members']({ id: gid })).filter((m) => outsiders.includes(m.sessionId)).length === 2;
        const same = Buffer.from(ka.encryptionKey() as Uint8Array).equals(Buffer.from(kb.encryptionKey() as Uint8Array));
        return same && !ka.needsRekey() && !kb.needsRekey() && (await both(alice)) && (await both(bob));
      },
      60_000,
    );
    // One key at the newest generation (in these runs the list reads 0, 1, 1, 2: both rekeyed generation 1, then
    // the rekey needsRekey asked for gave the same generation-2 key on both sides).
    const gens = keysOf(alice, aliceMnemonic).keysOldestFirst().map((k) => k.generation);
    expect(gens.filter((g) => g === Math.max(...gens))).toHaveLength(1);
    await alice.handlers['messages.send']({ to: gid, text: 'Alice after both changes' });
    await bob.handlers['messages.send']({ to: gid, text: 'Bob after both changes' });
    await polledUntil('Carol reads both', carol, async () => {
      const t = await texts(carol, gid);
      return t.includes('Alice after both changes') && t.includes('Bob after both changes');
    });
  });

  it('removes Carol with her messages: she is kicked and cannot read what comes after', async () => {
    await alice.handlers['groups.remove']({ id: gid, members: outsiders });
    const members = await alice.handlers['groups.remove']({ id: gid, members: [carolId], deleteMessages: true });
    expect(members.map((m) => m.sessionId).sort()).toEqual([aliceId, bobId].sort());
    expect(await texts(alice, gid)).not.toContain('hi from Carol');
    await polledUntil('Carol is kicked', carol, async () => (await conversation(carol, gid))?.group?.kicked);
    await polledUntil('Bob no longer shows Carol’s message', bob, async () => !(await texts(bob, gid)).includes('hi from Carol') && (await bob.handlers['groups.members']({ id: gid })).length === 2);
    await alice.handlers['messages.send']({ to: gid, text: 'after Carol left' });
    await polledUntil('Bob reads the later message', bob, async () => (await texts(bob, gid)).includes('after Carol left'));

    // The group's messages as stored in its swarm, read with Alice's seed (from her UserGroups entry).
    const aliceIdentity = identityOf(aliceMnemonic);
    const ug = new UserGroups({ identity: aliceIdentity, dump: dumpOf(alice, aliceId, 5) ?? null });
    const secret = ug.groups().find((g) => g.groupId === gid)?.secretKey;
    expect(secret).toBeDefined();
    const admin = groupKeysFromSeed((secret as Uint8Array).subarray(0, 32));
    const net = new SessionNetwork({ config: await loadCustomNetwork(env.devnet.info.seedUrl, createHttpClient()), store: new MemoryNetworkStore() });
    net.start();
    try {
      const signer = { pubkey: gid, ed25519: { publicKey: admin.ed25519PublicKey, secretKey: admin.ed25519SecretKey } };
      const r = await until('the group’s messages', async () => {
        try {
          return await net.retrieve(gid, [11], () => undefined, { signer });
        } catch {
          return undefined;
        }
      });
      const adminKeys = new GroupKeys({ identity: aliceIdentity, group: admin, admin, dump: dumpOf(alice, gid, 12) ?? null });
      const opened = (r.merged.get(11) ?? []).flatMap((m) => {
        const d = adminKeys.decryptMessage(m.data);
        if (!d.ok) return [];
        const e = unwrapGroupEnvelope(d.value.plaintext);
        return e.ok ? [{ data: m.data, body: e.value.content.dataMessage?.body ?? '' }] : [];
      });
      const later = opened.find((m) => m.body === 'after Carol left');
      const earlier = opened.find((m) => m.body === 'hello from Alice');
      expect(later && earlier).toBeTruthy();
      // Every key Carol's client holds, from her stored Keys dump.
      const pub = parseGroupId(gid);
      if (!pub.ok) throw pub.error;
      const carolKeys = new GroupKeys({ identity: carolIdentity, group: pub.value, dump: dumpOf(carol, gid, 12) ?? null });
      expect(carolKeys.keysOldestFirst().length).toBeGreaterThan(0);
      expect(carolKeys.decryptMessage(earlier?.data as Uint8Array).ok).toBe(true);
      expect(carolKeys.decryptMessage(later?.data as Uint8Array).ok).toBe(false);
      expect(carolKeys.currentGeneration).toBeLessThan(adminKeys.currentGeneration);
    } finally {
      net.stop();
    }
    // Nothing more reaches Carol's timeline.
    await pollOk(carol);
    expect(await texts(carol, gid)).not.toContain('after Carol left');
  });

  it('description, picture and timer', async () => {
    const described = await alice.handlers['groups.update']({ id: gid, description: 'New description' });
    expect(described.group?.description).toBe('New description');
    await polledUntil('Bob sees the description', bob, async () => (await conversation(bob, gid))?.group?.description === 'New description');

    const raw = Buffer.alloc(200 * 200 * 3);
    for (let i = 0; i < raw.length; i++) raw[i] = (i * 7) & 0xff;
    const photo = await sharp(raw, { raw: { width: 200, height: 200, channels: 3 } }).jpeg().toBuffer();
    const { stageId } = await alice.handlers['attachments.stageBegin']({ fileName: 'group.jpg', contentType: 'image/jpeg', size: photo.length });
    await alice.handlers['attachments.stageChunk']({ stageId, offset: 0, dataBase64: photo.toString('base64') });
    await alice.handlers['attachments.stageEnd']({ stageId, purpose: 'avatar' });
    await alice.handlers['groups.setAvatar']({ id: gid, stageId });
    const withPicture = await polledUntil('Bob has the picture', bob, async () => {
      const c = await conversation(bob, gid);
      return c?.avatarVersion !== undefined ? c : undefined;
    });
    expect(withPicture.avatarVersion).toMatch(/^[0-9a-f]+$/);
    const pic = await bob.handlers['avatars.get']({ id: gid });
    expect(pic?.contentType).toMatch(/^image\//);

    const timed = await alice.handlers['conversations.setExpiration']({ id: gid, mode: 'after-send', seconds: 3600 });
    expect(timed.expiration).toEqual({ type: 'after-send', seconds: 3600 });
    await polledUntil('Bob sees the timer', bob, async () => (await conversation(bob, gid))?.expiration?.seconds === 3600);
    await expect(later(() => alice.handlers['conversations.setExpiration']({ id: gid, mode: 'after-read', seconds: 3600 }))).rejects.toMatchObject({ code: 'invalid_params' });
    await polledUntil('Bob sees the control messages', bob, async () => {
      const t = await texts(bob, gid);
      return t.includes('[avatar-changed]') && t.includes('[expiration-changed]');
    });
  });

  it('invites Carol again, then deletes the group for everyone', async () => {
    const invited = await alice.handlers['groups.invite']({ id: gid, members: [carolId] });
    expect(invited.find((m) => m.sessionId === carolId)).toMatchObject({ status: 'invite-sent' });
    await acceptInvitation(carol, gid);
    await polledUntil('Carol is back', carol, async () => (await conversation(carol, gid))?.group?.memberCount === 3);
    const gone = await alice.handlers['groups.destroy']({ id: gid });
    expect(gone).toEqual({ id: gid, deleted: true });
    expect((await conversation(alice, gid))?.group?.destroyed).toBe(true);
    await polledUntil('Bob sees it deleted', bob, async () => (await conversation(bob, gid))?.group?.destroyed);
    await polledUntil('Carol sees it deleted', carol, async () => (await conversation(carol, gid))?.group?.destroyed);
    await expect(later(() => bob.handlers['messages.send']({ to: gid, text: 'anyone?' }))).rejects.toMatchObject({ code: 'invalid_params' });
  });

  it('an admin removes a member who left (with a rekey), and resends a failed invitation', async () => {
    failStoresTo.add(carolId);
    let g: ConversationSummary;
    try {
      g = await alice.handlers['groups.create']({ name: 'Second', members: [bobId, carolId] });
    } finally {
      failStoresTo.delete(carolId);
    }
    expect(await statusOf(alice, g.id, carolId)).toMatchObject({ status: 'invite-failed' });
    expect(await statusOf(alice, g.id, bobId)).toMatchObject({ status: 'invite-sent' });
    const resent = await alice.handlers['groups.invite']({ id: g.id, members: [carolId] });
    expect(resent.find((m) => m.sessionId === carolId)).toMatchObject({ status: 'invite-sent' });
    await acceptInvitation(carol, g.id);
    await acceptInvitation(bob, g.id);
    await polledUntil('both joined', alice, async () => (await alice.handlers['groups.members']({ id: g.id })).every((m) => m.status === 'joined'));
    const keysBefore = dumpOf(alice, g.id, 12);

    await bob.handlers['groups.leave']({ id: g.id });
    await polledUntil('Alice removes Bob', alice, async () => (await alice.handlers['groups.members']({ id: g.id })).every((m) => m.sessionId !== bobId));
    expect(await texts(alice, g.id)).toContain('[member-left]');
    // The removal rekeyed: Alice's keys changed, and Carol receives the new generation.
    expect(dumpOf(alice, g.id, 12)).not.toEqual(keysBefore);
    await polledUntil('Carol sees two members', carol, async () => (await conversation(carol, g.id))?.group?.memberCount === 2);
    await alice.handlers['messages.send']({ to: g.id, text: 'just us now' });
    await polledUntil('Carol reads it', carol, async () => (await texts(carol, g.id)).includes('just us now'));
    // Alice, the only admin, leaves: as in the official app the group is deleted for everyone.
    await alice.handlers['groups.leave']({ id: g.id });
    expect(await conversation(alice, g.id)).toBeUndefined();
    await polledUntil('Carol sees it deleted', carol, async () => (await conversation(carol, g.id))?.group?.destroyed);
  });
});
