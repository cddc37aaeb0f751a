// The admin side's bytes through the engine against the oracle (real libsession, test/fixtures/vectors): user A
// (restored from its recovery password) creates group F with member B, the group seed drawn from the backend's
// randomness being F's. The keys message it stores is the oracle's gen-0 rekey for A and B byte for byte, the
// invitation B receives carries the oracle's auth data and an admin signature B verifies, and B reads the Info
// and Members the engine pushed with the key it finds in that keys message. Then group G: created with B and C,
// C removed: the engine's gen-0 and gen-1 keys messages are the oracle's, and C reads itself kicked. Then the
// admin rules (Members pictures, no removing an admin, the only admin leaving deletes the group) and the member
// side's hardening (a message the database refuses does not hold back its batch; an early DeleteMemberContent).
import crypto from 'node:crypto';
import path from 'node:path';
import { openEncryptedDatabase } from '../../../../ts/backend/db/database';
import { loadOrCreateDatabaseKey } from '../../../../ts/backend/keyFile';
import {
  GroupInfoConfig,
  GroupKeys,
  GroupMembersConfig,
  decode1o1Message,
  decryptKickedNotice,
  encodeContent,
  encodeRecoveryPassword,
  groupKeysFromSeed,
  identityFromEd25519Seed,
  loadProtocol,
  messageHash,
  parseGroupId,
  unwrapGroupEnvelope,
  verifyGroupInvite,
  wrapGroupEnvelope,
  type ContentProps,
} from '../../../../ts/protocol';
import { hex, loadJson, toHex } from '../../protocol/helpers';
import { inMemoryBackends, until } from './fixture';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const V: any = loadJson('vectors/oracle-groups-vectors.json');

beforeAll(loadProtocol);

describe('group creation through the engine, byte for byte with the oracle', () => {
  const env = inMemoryBackends('group-admin-oracle-', 60_000);

  it('keys message, auth data and configs of group F as A creates it', async () => {
    const users = V.identities.users as { label: string; ed25519_seed_hex: string; session_id: string }[];
    const userA = users.find((u) => u.label === 'A') as (typeof users)[number];
    const userB = users.find((u) => u.label === 'B') as (typeof users)[number];
    const F = V.fixture;
    const seedF = hex(F.group.group_seed_hex_admin_only);
    // The backend's randomness, with F's seed planted for the next 32-byte draw once armed.
    let planted: Uint8Array | undefined;
    const randomBytes = (n: number): Uint8Array => {
      if (planted && n === 32) {
        const p = planted;
        planted = undefined;
        return p;
      }
      return new Uint8Array(crypto.randomBytes(n));
    };
    const a = await env.open('a', { randomBytes });
    await a.handlers['account.restore']({ mnemonic: encodeRecoveryPassword(hex(userA.ed25519_seed_hex).subarray(0, 16)) });
    await a.handlers['account.setDisplayName']({ displayName: 'Alice' });
    await a.handlers['sync.pollNow']({});
    planted = seedF;
    const created = await a.handlers['groups.create']({ name: 'Fixture Group', description: 'Group fixture for client tests', members: [userB.session_id] });
    expect(created.id).toBe(F.group.group_id);

    // The first keys message in the group's swarm is the oracle's `Keys::rekey gen 0 for members A, B`.
    const keysEntry = (F.group_swarm as { namespace: number; data_hex: string }[]).find((e) => e.namespace === 12) as { data_hex: string };
    const stored = env.swarms.configs.get(`${created.id}|12`) ?? [];
    expect(stored.length).toBeGreaterThan(0);
    expect(toHex((stored[0] as { data: Uint8Array }).data)).toBe(keysEntry.data_hex);

    // B's invitation: the oracle's auth data, an admin signature B verifies.
    const b = identityFromEd25519Seed(hex(userB.ed25519_seed_hex));
    const invite = await until('the invitation in B’s swarm', () =>
      (env.swarms.inbox.get(userB.session_id) ?? [])
        .map((m) => decode1o1Message(b, m.data))
        .flatMap((r) => (r.ok && r.value.content.dataMessage?.groupUpdateMessage?.inviteMessage ? [r.value] : []))[0],
    );
    const inv = invite.content.dataMessage?.groupUpdateMessage?.inviteMessage;
    expect(toHex(inv?.memberAuthData as Uint8Array)).toBe(F.invite.member_auth_data_hex);
    expect(inv?.groupSessionId).toBe(F.group.group_id);
    expect(inv?.name).toBe('Fixture Group');
    const v = verifyGroupInvite({ identity: b, timestampMs: invite.timestampMs, groupSessionId: inv?.groupSessionId, name: inv?.name, memberAuthData: inv?.memberAuthData, adminSignature: inv?.adminSignature });
    expect(v.ok).toBe(true);

    // B loads the keys and reads what the engine pushed.
    const group = groupKeysFromSeed(seedF);
    const keys = new GroupKeys({ identity: b, group });
    for (const m of stored) expect(keys.loadKeyMessage(m.hash, m.data, m.timestamp).ok).toBe(true);
    expect(toHex(keys.encryptionKey() as Uint8Array)).toBe(F.expected_B_reading.keys_state.group_enc_key_hex);
    const info = new GroupInfoConfig({ identity: b, group, keys: keys.keysNewestFirst() });
    const members = new GroupMembersConfig({ identity: b, group, keys: keys.keysNewestFirst() });
    const msgs = (ns: number) => (env.swarms.configs.get(`${created.id}|${ns}`) ?? []).map((m) => ({ hash: m.hash, data: m.data }));
    expect(info.merge(msgs(13), Date.now()).rejected).toEqual([]);
    expect(members.merge(msgs(14), Date.now()).rejected).toEqual([]);
    expect([info.name, info.description]).toEqual(['Fixture Group', 'Group fixture for client tests']);
    expect(members.members().map((m) => [m.sessionId, m.admin, m.status])).toEqual(
      [
        [userA.session_id, true, 'promotion_accepted'],
        [userB.session_id, false, 'invite_sent'],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
    // A is listed as the admin, with its display name.
    expect((await a.handlers['groups.members']({ id: created.id })).find((m) => m.sessionId === userA.session_id)).toMatchObject({ role: 'admin', name: 'Alice' });
  });

  it('group G: the gen-0 rekey for A, B, C and, after C is removed, the gen-1 rekey for A and B are the oracle’s', async () => {
    const users = V.identities.users as { label: string; ed25519_seed_hex: string; session_id: string }[];
    const user = (l: string) => users.find((u) => u.label === l) as (typeof users)[number];
    const G = (V.group_identity as { label: string; group_seed_hex: string }[]).find((g) => g.label === 'G') as { group_seed_hex: string };
    let planted: Uint8Array | undefined;
    const randomBytes = (n: number): Uint8Array => {
      if (planted && n === 32) {
        const p = planted;
        planted = undefined;
        return p;
      }
      return new Uint8Array(crypto.randomBytes(n));
    };
    const a = await env.open('a', { randomBytes });
    await a.handlers['account.restore']({ mnemonic: encodeRecoveryPassword(hex(user('A').ed25519_seed_hex).subarray(0, 16)) });
    await a.handlers['sync.pollNow']({});
    planted = hex(G.group_seed_hex);
    const created = await a.handlers['groups.create']({ name: 'G', members: [user('B').session_id, user('C').session_id] });
    expect(created.id).toBe(groupKeysFromSeed(hex(G.group_seed_hex)).groupId);
    const keysMessages = (): string[] => (env.swarms.configs.get(`${created.id}|12`) ?? []).map((m) => toHex(m.data));
    expect(keysMessages()[0]).toBe(V.keys.gen0_rekey.message_hex);
    const left = await a.handlers['groups.remove']({ id: created.id, members: [user('C').session_id] });
    expect(left.map((m) => m.sessionId).sort()).toEqual([user('A').session_id, user('B').session_id].sort());
    expect(keysMessages()).toContain(V.keys.gen1_rekey_after_removing_C.message_hex);
    // The kicked notice (ns −11) names C at generation 0.
    const c = identityFromEd25519Seed(hex(user('C').ed25519_seed_hex));
    const notices = (env.swarms.configs.get(`${created.id}|-11`) ?? []).map((m) =>
      decryptKickedNotice({ data: m.data, identity: c, groupX25519PublicKey: groupKeysFromSeed(hex(G.group_seed_hex)).x25519PublicKey, currentGeneration: 0 }),
    );
    expect(notices.some((r) => r.ok && r.value.kicked)).toBe(true);
  });

  it('Members entries carry the pictures the admin knows (its own and the invitees’), as the official app writes p/q', async () => {
    const users = V.identities.users as { label: string; ed25519_seed_hex: string; session_id: string }[];
    const user = (l: string) => users.find((u) => u.label === l) as (typeof users)[number];
    const a = await env.open('a');
    await a.handlers['account.restore']({ mnemonic: encodeRecoveryPassword(hex(user('A').ed25519_seed_hex).subarray(0, 16)) });
    await a.handlers['sync.pollNow']({});
    // The pointers A knows (as config-apply and received profiles write them): its own and B's; none for C.
    const ownKey = new Uint8Array(32).fill(0xa1);
    const bKey = new Uint8Array(32).fill(0xb2);
    const key = loadOrCreateDatabaseKey(a.profileDir, { databaseExists: true, randomBytes: () => new Uint8Array(32) });
    const db = openEncryptedDatabase(path.join(a.profileDir, 'session.db'), key);
    try {
      db.prepare('UPDATE user_profile SET avatar_url = ?, avatar_key = ? WHERE id = 1').run('http://files.test/file/own', Buffer.from(ownKey));
      db.prepare('INSERT INTO contacts (session_id, profile_name, avatar_url, avatar_key, updated_at) VALUES (?, ?, ?, ?, 0)').run(
        user('B').session_id,
        'Bee',
        'http://files.test/file/bee',
        Buffer.from(bKey),
      );
    } finally {
      db.close();
    }
    const created = await a.handlers['groups.create']({ name: 'Pictures', members: [user('B').session_id, user('C').session_id] });
    const b = identityFromEd25519Seed(hex(user('B').ed25519_seed_hex));
    const parsed = parseGroupId(created.id);
    if (!parsed.ok) throw parsed.error;
    const keys = new GroupKeys({ identity: b, group: parsed.value });
    for (const m of env.swarms.configs.get(`${created.id}|12`) ?? []) keys.loadKeyMessage(m.hash, m.data, m.timestamp);
    const members = new GroupMembersConfig({ identity: b, group: parsed.value, keys: keys.keysNewestFirst() });
    members.merge((env.swarms.configs.get(`${created.id}|14`) ?? []).map((m) => ({ hash: m.hash, data: m.data })), Date.now());
    const pic = (id: string) => {
      const p = members.get(id)?.picture;
      return p ? [p.url, toHex(p.key)] : null;
    };
    expect(pic(user('A').session_id)).toEqual(['http://files.test/file/own', toHex(ownKey)]);
    expect(pic(user('B').session_id)).toEqual(['http://files.test/file/bee', toHex(bKey)]);
    expect(members.get(user('B').session_id)?.name).toBe('Bee');
    expect(pic(user('C').session_id)).toBeNull();
  });

  it('an admin cannot be removed; the only admin leaving deletes the group for everyone (as the official app)', async () => {
    const users = V.identities.users as { label: string; ed25519_seed_hex: string; session_id: string }[];
    const user = (l: string) => users.find((u) => u.label === l) as (typeof users)[number];
    const a = await env.open('a');
    await a.handlers['account.restore']({ mnemonic: encodeRecoveryPassword(hex(user('A').ed25519_seed_hex).subarray(0, 16)) });
    await a.handlers['sync.pollNow']({});
    const g = await a.handlers['groups.create']({ name: 'Admins only', members: [user('B').session_id, user('C').session_id] });
    await a.handlers['groups.promote']({ id: g.id, members: [user('B').session_id] });
    await expect(Promise.resolve().then(() => a.handlers['groups.remove']({ id: g.id, members: [user('B').session_id] }))).rejects.toMatchObject({
      code: 'invalid_params',
      message: expect.stringMatching(/admin/i),
    });
    expect((await a.handlers['groups.members']({ id: g.id })).map((m) => m.sessionId)).toContain(user('B').session_id);

    // Group H: A is its only admin; leaving deletes it for everyone (Info `!`) instead of telling the group A left.
    const h = await a.handlers['groups.create']({ name: 'Only me', members: [user('C').session_id] });
    await a.handlers['groups.leave']({ id: h.id });
    expect((await a.handlers['conversations.list']({ requests: false })).map((c) => c.id)).not.toContain(h.id);
    const c = identityFromEd25519Seed(hex(user('C').ed25519_seed_hex));
    const parsed = parseGroupId(h.id);
    if (!parsed.ok) throw parsed.error;
    const keys = new GroupKeys({ identity: c, group: parsed.value });
    for (const m of env.swarms.configs.get(`${h.id}|12`) ?? []) keys.loadKeyMessage(m.hash, m.data, m.timestamp);
    const infoMsgs = env.swarms.configs.get(`${h.id}|13`) ?? [];
    const info = new GroupInfoConfig({ identity: c, group: parsed.value, keys: keys.keysNewestFirst() });
    info.merge(infoMsgs.map((m) => ({ hash: m.hash, data: m.data })), Date.now());
    expect(info.destroyed).toBe(true);
    // No "left" message went to the group.
    const left = (env.swarms.configs.get(`${h.id}|11`) ?? []).filter((m) => {
      const d = keys.decryptMessage(m.data);
      const e = d.ok ? unwrapGroupEnvelope(d.value.plaintext) : undefined;
      return e?.ok === true && Boolean(e.value.content.dataMessage?.groupUpdateMessage?.memberLeftMessage);
    });
    expect(left).toEqual([]);
  });

  it('a member’s messages: one that cannot be stored does not hold back the others; a deletion that came first applies on arrival', async () => {
    const users = V.identities.users as { label: string; ed25519_seed_hex: string; session_id: string }[];
    const user = (l: string) => users.find((u) => u.label === l) as (typeof users)[number];
    const a = await env.open('a');
    await a.handlers['account.restore']({ mnemonic: encodeRecoveryPassword(hex(user('A').ed25519_seed_hex).subarray(0, 16)) });
    await a.handlers['sync.pollNow']({});
    const g = await a.handlers['groups.create']({ name: 'Hardening', members: [user('B').session_id] });
    // B writes to the group with the key it finds in the swarm (the protocol layer plays B's client).
    const b = identityFromEd25519Seed(hex(user('B').ed25519_seed_hex));
    const parsed = parseGroupId(g.id);
    if (!parsed.ok) throw parsed.error;
    const keys = new GroupKeys({ identity: b, group: parsed.value });
    for (const m of env.swarms.configs.get(`${g.id}|12`) ?? []) keys.loadKeyMessage(m.hash, m.data, m.timestamp);
    let t = Date.now() - 60_000;
    const make = (content: ContentProps, at = ++t): { hash: string; data: Uint8Array; at: number } => {
      const envelope = wrapGroupEnvelope({ content: encodeContent({ ...content, sigTimestamp: at }), timestampMs: at });
      const data = keys.encryptMessage(envelope, { random: (n) => new Uint8Array(crypto.randomBytes(n)) });
      return { hash: messageHash(g.id, 11, data), data, at };
    };
    const put = (...ms: { hash: string; data: Uint8Array; at: number }[]): void => {
      const list = env.swarms.configs.get(`${g.id}|11`) ?? [];
      for (const m of ms) list.push({ hash: m.hash, data: m.data, timestamp: m.at, expiration: m.at + 14 * 86_400_000 });
      env.swarms.configs.set(`${g.id}|11`, list);
    };
    const texts = async (): Promise<string[]> => (await a.handlers['messages.list']({ conversationId: g.id, limit: 100 })).map((m) => m.text);
    /** Polls until `check` holds (a poll already running when asked may have fetched before the last put). */
    const polledUntil = (what: string, check: () => Promise<boolean> | boolean) =>
      until(what, async () => {
        await a.handlers['sync.pollNow']({});
        return check();
      });
    const key = loadOrCreateDatabaseKey(a.profileDir, { databaseExists: true, randomBytes: () => new Uint8Array(32) });
    const withDb = <T>(fn: (db: ReturnType<typeof openEncryptedDatabase>) => T): T => {
      const db = openEncryptedDatabase(path.join(a.profileDir, 'session.db'), key);
      try {
        return fn(db);
      } finally {
        db.close();
      }
    };
    const keptKind = (hash: string): string | undefined =>
      withDb((db) => (db.prepare('SELECT kind FROM received_content WHERE conversation_id = ? AND hash = ?').get(g.id, hash) as { kind: string } | undefined)?.kind);

    // (a) A storage error on one message (a trigger in A's database refuses it): the others are stored, the
    // group keeps polling, and the refused one is kept raw instead of being retried forever or lost.
    withDb((db) => db.exec("CREATE TRIGGER test_poison BEFORE INSERT ON messages WHEN NEW.body = 'poison' BEGIN SELECT RAISE(ABORT, 'test: refused'); END"));
    const poison = make({ dataMessage: { body: 'poison' } });
    put(make({ dataMessage: { body: 'before' } }), poison, make({ dataMessage: { body: 'after' } }));
    await polledUntil('the others stored', async () => {
      const t = await texts();
      return t.includes('before') && t.includes('after');
    });
    expect(await texts()).not.toContain('poison');
    expect(keptKind(poison.hash)).toBe('other');
    put(make({ dataMessage: { body: 'next poll' } }));
    await polledUntil('the next message', async () => (await texts()).includes('next poll'));

    // (b) B deletes one of its messages (by hash) before that message reaches A: it is deleted when it arrives.
    const late = make({ dataMessage: { body: 'deleted before it came' } });
    const del = make({ dataMessage: { groupUpdateMessage: { deleteMemberContent: { messageHashes: [late.hash] } } } });
    put(del);
    await polledUntil('the deletion kept', () => keptKind(del.hash) === 'group-update');
    put(late, make({ dataMessage: { body: 'kept' } }));
    await polledUntil('the next batch', async () => (await texts()).includes('kept'));
    expect(await texts()).not.toContain('deleted before it came');
  });
});
