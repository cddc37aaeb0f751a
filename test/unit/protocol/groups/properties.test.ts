// Groups v2 properties on simulated members (issue 17): a removed member cannot read anything sent
// after its removal, two admins rekeying the same members produce the same keys, a member added
// later reads from the generations it was given; the meta merge, promotion, and the GroupUpdate
// builders with their admin-signature checks.
import { loadProtocol } from '../../../../ts/protocol/load';
import {
  GroupInfoChangeType,
  GroupMemberChangeType,
  buildDeleteMemberContent,
  buildGroupPromote,
  buildInviteResponse,
  buildMemberLeft,
  openGroupPromote,
  buildGroupInvite,
  buildInfoChange,
  buildMemberChange,
  createGroupState,
  groupActiveHashes,
  groupKeysFromSeed,
  mergeGroupSwarm,
  promoteGroupState,
  rekeyGroup,
  verifyGroupInvite,
  verifyGroupUpdate,
  type GroupAdminKeys,
  type GroupState,
  SubaccountFlag,
} from '../../../../ts/protocol/groups';
import { identityFromEd25519Seed, type Identity } from '../../../../ts/protocol/identity/keys';
import { decodeContent, encodeContent, type Content } from '../../../../ts/protocol/proto/codec';
import { prng } from '../helpers';

beforeAll(loadProtocol);

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

function people(seed: number, n: number): Identity[] {
  const rnd = prng(seed);
  return Array.from({ length: n }, () => identityFromEd25519Seed(Uint8Array.from({ length: 32 }, () => Math.floor(rnd() * 256))));
}

const counter = (): ((n: number) => Uint8Array) => {
  let i = 0;
  return (n) => Uint8Array.from({ length: n }, () => i++ & 0xff);
};

describe('groups v2 on simulated members', () => {
  let admin: GroupAdminKeys;
  let everyone: Identity[];
  let state: Map<string, GroupState>;
  let ts = 1_700_000_000_000;
  let hashNo = 0;

  /** Admin pushes keys (+ Info + Members) and every given member polls them. */
  function publish(s: GroupState, keysMessage: Uint8Array | null, readers: Identity[]): string {
    ts += 1000;
    const hash = `h${++hashNo}`;
    const info = s.info.needsPush ? s.info.push(ts) : null;
    const members = s.members.needsPush ? s.members.push(ts) : null;
    if (info) s.info.confirmPushed(info.seqno, `${hash}-i`);
    if (members) s.members.confirmPushed(members.seqno, `${hash}-m`);
    if (keysMessage) expect(s.keys.loadKeyMessage(hash, keysMessage, ts).ok).toBe(true);
    for (const r of readers) {
      const m = mergeGroupSwarm(
        state.get(r.sessionId) as GroupState,
        {
          keys: keysMessage ? [{ hash, data: keysMessage, timestampMs: ts }] : [],
          info: info ? [{ hash: `${hash}-i`, data: info.messages[0] as Uint8Array }] : [],
          members: members ? [{ hash: `${hash}-m`, data: members.messages[0] as Uint8Array }] : [],
        },
        ts,
      );
      for (const k of m.keys) expect(k.result.ok).toBe(true);
    }
    return hash;
  }

  beforeAll(() => {
    admin = groupKeysFromSeed(new Uint8Array(32).fill(0x42));
    everyone = people(0x1717, 12);
    state = new Map(everyone.map((p, i) => [p.sessionId, createGroupState({ identity: p, group: admin, admin: i === 0 ? admin : null, swarmMerged: true })]));
  });

  test('create: every member reads the name and the member list after one poll', () => {
    const a = state.get((everyone[0] as Identity).sessionId) as GroupState;
    const initial = everyone.slice(0, 10);
    a.info.setName('Simulated');
    for (const p of initial) a.members.setMember({ ...a.members.getOrConstruct(p.sessionId), name: p.sessionId.slice(0, 6), inviteStatus: p === everyone[0] ? 0 : 1 });
    const r = rekeyGroup(a, initial.map((p) => p.sessionId));
    expect(r.generation).toBe(0);
    publish(a, r.message, initial.slice(1));
    for (const p of initial.slice(1)) {
      const s = state.get(p.sessionId) as GroupState;
      expect(s.info.name).toBe('Simulated');
      expect(s.members.members()).toHaveLength(10);
      expect(s.keys.currentGeneration).toBe(0);
    }
  });

  test('a removed member cannot read anything sent after its removal; the others can', () => {
    const a = state.get((everyone[0] as Identity).sessionId) as GroupState;
    const removed = everyone[9] as Identity;
    const stay = everyone.slice(0, 9);
    const before = a.keys.encryptMessage(ascii('before'), { random: counter() });
    a.members.erase(removed.sessionId);
    const r = rekeyGroup(a, stay.map((p) => p.sessionId));
    publish(a, r.message, [...stay.slice(1), removed]);
    const after = a.keys.encryptMessage(ascii('after'), { random: counter() });
    const rm = state.get(removed.sessionId) as GroupState;
    expect(rm.keys.currentGeneration).toBe(0);
    expect(rm.keys.decryptMessage(before).ok).toBe(true);
    const denied = rm.keys.decryptMessage(after);
    expect(denied.ok ? 'read' : denied.error.kind).toBe('group_no_key');
    // Its Info copy cannot follow either: the new push is under the new key.
    expect(rm.info.seqno).toBeLessThan(a.info.seqno);
    for (const p of stay.slice(1)) {
      const d = (state.get(p.sessionId) as GroupState).keys.decryptMessage(after);
      expect(d.ok && new TextDecoder().decode(d.value.plaintext)).toBe('after');
    }
  });

  test('two admins rekeying the same members at once produce the same keys message', () => {
    const a = state.get((everyone[0] as Identity).sessionId) as GroupState;
    const second = everyone[1] as Identity;
    const b = state.get(second.sessionId) as GroupState;
    promoteGroupState(b, admin);
    expect(b.keys.isAdmin && b.info.canEdit && b.members.canEdit).toBe(true);
    const ids = everyone.slice(0, 9).map((p) => p.sessionId);
    const ra = rekeyGroup(a, ids);
    const rb = rekeyGroup(b, [...ids].reverse());
    expect(Buffer.from(rb.message).equals(Buffer.from(ra.message))).toBe(true);
    publish(a, ra.message, everyone.slice(1, 9));
    expect(b.keys.needsRekey()).toBe(false);
    expect(Buffer.from(b.keys.encryptionKey() as Uint8Array).equals(Buffer.from(a.keys.encryptionKey() as Uint8Array))).toBe(true);
  });

  test('members added later read from the generations they were given (supplement: all; rekey only: from then on)', () => {
    const a = state.get((everyone[0] as Identity).sessionId) as GroupState;
    const old = a.keys.encryptMessage(ascii('old'), { random: counter() });
    const withHistory = everyone[10] as Identity;
    const without = everyone[11] as Identity;
    const supp = a.keys.keySupplement([withHistory.sessionId]);
    publish(a, supp, [withHistory]);
    const h = state.get(withHistory.sessionId) as GroupState;
    expect(h.keys.keysOldestFirst().map((k) => k.generation)).toEqual(a.keys.keysOldestFirst().map((k) => k.generation));
    expect(h.keys.decryptMessage(old).ok).toBe(true);
    const ids = [...everyone.slice(0, 9), withHistory, without].map((p) => p.sessionId);
    const r = rekeyGroup(a, ids);
    publish(a, r.message, [without, withHistory]);
    const w = state.get(without.sessionId) as GroupState;
    expect(w.keys.keysOldestFirst().map((k) => k.generation)).toEqual([r.generation]);
    expect(w.keys.decryptMessage(old).ok).toBe(false);
    const fresh = a.keys.encryptMessage(ascii('new'), { random: counter() });
    expect(w.keys.decryptMessage(fresh).ok && h.keys.decryptMessage(fresh).ok).toBe(true);
  });

  test('GroupUpdate builders: admin signatures verify through the protobuf; forged or replayed ones do not', () => {
    const t = 1_700_000_123_456;
    const other = groupKeysFromSeed(new Uint8Array(32).fill(7));
    const roundTrip = (u: object): Content => {
      const c = decodeContent(encodeContent({ dataMessage: { groupUpdateMessage: u }, sigTimestamp: t }));
      if (!c.ok) throw c.error;
      return c.value;
    };
    const name = roundTrip(buildInfoChange({ admin, type: GroupInfoChangeType.name, updatedName: 'New', timestampMs: t })).dataMessage?.groupUpdateMessage;
    expect(verifyGroupUpdate(admin.ed25519PublicKey, name as object, t)).toEqual({ ok: true, value: { kind: 'infoChange', adminSigned: true } });
    const replay = verifyGroupUpdate(admin.ed25519PublicKey, name as object, t + 1);
    expect(replay.ok ? 'ok' : replay.error.kind).toBe('signature_invalid');
    const forged = roundTrip(buildMemberChange({ admin: other, type: GroupMemberChangeType.removed, memberSessionIds: [(everyone[3] as Identity).sessionId], timestampMs: t })).dataMessage?.groupUpdateMessage;
    const f = verifyGroupUpdate(admin.ed25519PublicKey, forged as object, t);
    expect(f.ok ? 'ok' : f.error.kind).toBe('signature_invalid');
    const del = roundTrip(buildDeleteMemberContent({ admin, memberSessionIds: ['05' + 'a'.repeat(64)], messageHashes: ['h1', 'h2'], timestampMs: t })).dataMessage?.groupUpdateMessage;
    expect(verifyGroupUpdate(admin.ed25519PublicKey, del as object, t)).toEqual({ ok: true, value: { kind: 'deleteMemberContent', adminSigned: true } });
    const own = roundTrip(buildDeleteMemberContent({ memberSessionIds: [], messageHashes: ['h1'], timestampMs: t })).dataMessage?.groupUpdateMessage;
    expect(verifyGroupUpdate(admin.ed25519PublicKey, own as object, t)).toEqual({ ok: true, value: { kind: 'deleteMemberContent', adminSigned: false } });
    const two = verifyGroupUpdate(admin.ed25519PublicKey, { memberLeftMessage: {}, inviteResponse: { isApproved: true } }, t);
    expect(two.ok ? 'ok' : two.error.kind).toBe('group_update_invalid');
    expect(verifyGroupUpdate(admin.ed25519PublicKey, buildInviteResponse(), t)).toEqual({ ok: true, value: { kind: 'inviteResponse', adminSigned: false } });
    expect(buildMemberLeft().map((u) => verifyGroupUpdate(admin.ed25519PublicKey, u, t))).toEqual([
      { ok: true, value: { kind: 'memberLeft', adminSigned: false } },
      { ok: true, value: { kind: 'memberLeftNotification', adminSigned: false } },
    ]);
    const promo = roundTrip(buildGroupPromote({ admin, name: 'Simulated' })).dataMessage?.groupUpdateMessage?.promoteMessage;
    const opened = openGroupPromote({ ...(promo as object), expectedGroupId: admin.groupId } as Parameters<typeof openGroupPromote>[0]);
    expect(opened.ok && opened.value.admin.groupId).toBe(admin.groupId);
    const elsewhere = openGroupPromote({ ...(promo as object), expectedGroupId: other.groupId } as Parameters<typeof openGroupPromote>[0]);
    expect(elsewhere.ok ? 'ok' : elsewhere.error.kind).toBe('group_update_invalid');

    const invitee = everyone[5] as Identity;
    const a = state.get((everyone[0] as Identity).sessionId) as GroupState;
    const inv = roundTrip(buildGroupInvite({ admin, inviteeSessionId: invitee.sessionId, name: 'Simulated', authData: a.keys.makeSubaccount(invitee.sessionId, SubaccountFlag.read | SubaccountFlag.write), timestampMs: t }))
      .dataMessage?.groupUpdateMessage?.inviteMessage;
    const ok = verifyGroupInvite({ identity: invitee, timestampMs: t, ...(inv as object) } as Parameters<typeof verifyGroupInvite>[0]);
    expect(ok.ok && ok.value.groupId).toBe(admin.groupId);
    const wrongPerson = verifyGroupInvite({ identity: everyone[6] as Identity, timestampMs: t, ...(inv as object) } as Parameters<typeof verifyGroupInvite>[0]);
    expect(wrongPerson.ok ? 'ok' : wrongPerson.error.kind).toBe('signature_invalid');
  });

  test('key expiry: a generation is dropped 60 days after a newer one, with its hashes; a late copy of it is ignored', () => {
    const day = 24 * 3600 * 1000;
    const g = groupKeysFromSeed(new Uint8Array(32).fill(0x51));
    const [a, m] = people(0x5151, 2) as [Identity, Identity];
    const admin = createGroupState({ identity: a, group: g, admin: g, swarmMerged: true });
    const member = createGroupState({ identity: m, group: g, swarmMerged: true });
    const t0 = 1_700_000_000_000;
    const ids = [a.sessionId, m.sessionId];
    const msgs: Uint8Array[] = [];
    [t0, t0 + day, t0 + 62 * day].forEach((t, i) => {
      const r = rekeyGroup(admin, ids);
      msgs.push(r.message);
      admin.keys.loadKeyMessage(`k${i}`, r.message, t);
      if (i < 2) mergeGroupSwarm(member, { keys: [{ hash: `k${i}`, data: r.message, timestampMs: t }] }, t);
    });
    expect(member.keys.keysOldestFirst().map((k) => k.generation)).toEqual([0, 1]);
    expect(member.keys.currentHashes()).toEqual(['k0', 'k1']);
    mergeGroupSwarm(member, { keys: [{ hash: 'k2', data: msgs[2] as Uint8Array, timestampMs: t0 + 62 * day }] }, t0 + 62 * day);
    expect(member.keys.keysOldestFirst().map((k) => k.generation)).toEqual([1, 2]);
    expect(member.keys.currentHashes()).toEqual(['k1', 'k2']);
    mergeGroupSwarm(member, { keys: [{ hash: 'k0-again', data: msgs[0] as Uint8Array, timestampMs: t0 }] }, t0 + 62 * day);
    expect(member.keys.keysOldestFirst().map((k) => k.generation)).toEqual([1, 2]);
    expect(member.keys.currentHashes()).toEqual(['k1', 'k2']);
    expect(admin.keys.keysOldestFirst().map((k) => k.generation)).toEqual([1, 2]);
  });

  test('state resumes from dumps', () => {
    const p = everyone[2] as Identity;
    const s = state.get(p.sessionId) as GroupState;
    const again = createGroupState({ identity: p, group: admin, dumps: { keys: s.keys.dump(), info: s.info.dump(), members: s.members.dump() }, swarmMerged: true });
    expect(again.info.name).toBe(s.info.name);
    expect(groupActiveHashes(again, 0)).toEqual(groupActiveHashes(s, 0));
    expect(groupActiveHashes(s, 0).some((h) => h.endsWith('-i')) && groupActiveHashes(s, 0).some((h) => h.endsWith('-m'))).toBe(true);
    expect(again.members.members()).toEqual(s.members.members());
    expect(again.keys.keysNewestFirst().map((k) => Buffer.from(k).toString('hex'))).toEqual(s.keys.keysNewestFirst().map((k) => Buffer.from(k).toString('hex')));
  });
});
