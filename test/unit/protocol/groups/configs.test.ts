// Groups v2 Info (ns 13) and Members (ns 14) against the oracle (spec advanced C.4): the admin's
// pushes byte for byte given the same edits (including the re-push under a new key after a
// rekey), what members B, C, D merge and read (D without keys refused), the two-admin concurrent
// edit and merge (identical seqno-4/7 pushes), a read-only member adopting the highest push, and
// the destroyed flag.
import { loadProtocol } from '../../../../ts/protocol/load';
import { GroupInfoConfig, GroupKeys, GroupMembersConfig, type GroupAdminKeys, type GroupMember } from '../../../../ts/protocol/groups';
import type { Identity } from '../../../../ts/protocol/identity/keys';
import { hex, toHex } from '../helpers';
import { USERS, V, groupAdmin, users, type Json, type User } from './groupVectors';

beforeAll(loadProtocol);

const NOW = 1_700_000_000_000;

function infoFields(i: GroupInfoConfig): Json {
  return {
    name: i.name,
    description: i.description,
    pic_url: i.picture?.url ?? '',
    pic_key_hex: i.picture === null ? '' : toHex(i.picture.key),
    expiry_timer_s: i.expiryTimerSeconds,
    created: i.createdSeconds,
    delete_before: i.deleteBeforeSeconds,
    delete_attach_before: i.deleteAttachmentsBeforeSeconds,
    destroyed: i.destroyed,
  };
}

function memberFields(m: GroupMembersConfig): Json {
  return {
    size: m.size,
    members_in_iteration_order: m.members().map((x: GroupMember) => ({
      session_id: x.sessionId,
      name: x.name,
      pic_url: x.picture?.url ?? '',
      pic_key_hex: x.picture === null ? '' : toHex(x.picture.key),
      admin: x.admin,
      supplement: x.supplement,
      invite_status: x.inviteStatus,
      promotion_status: x.promotionStatus,
      removed_status: x.removedStatus,
      get_status: x.status,
    })),
  };
}

/** Pushes and checks seqno, obsolete hashes and the stored bytes; confirms under `hash`. */
function pushAndCheck(c: GroupInfoConfig | GroupMembersConfig, v: Json, hash: string | null): Uint8Array {
  const p = c.push(NOW);
  expect(p.seqno).toBe(v.seqno);
  expect(p.obsoleteHashes.slice().sort()).toEqual(v.obsolete_hashes.slice().sort());
  expect(p.messages).toHaveLength(1);
  expect(p.wrapped).toBe(false);
  expect(p.compressed).toBe(v.zstd_compressed);
  expect(toHex(p.plaintext)).toBe(v.plaintext_bt_hex);
  expect(toHex(p.messages[0] as Uint8Array)).toBe(v.data_hex);
  if (hash !== null) expect(c.confirmPushed(p.seqno, hash)).toBe(true);
  return p.messages[0] as Uint8Array;
}

function mergeAndCheck(c: GroupInfoConfig | GroupMembersConfig, items: Array<[string, Uint8Array]>, want: Json): void {
  const r = c.merge(
    items.map(([hash, data]) => ({ hash, data })),
    NOW,
  );
  expect(r.accepted.slice().sort()).toEqual(want.accepted_hashes.slice().sort());
  expect(c.needsPush).toBe(want.needs_push_after);
}

describe('groups v2 Info and Members: the oracle timeline of group G', () => {
  let id: Record<User, Identity>;
  let G: GroupAdminKeys;
  let keys: Record<User, GroupKeys>;
  let info: Record<User, GroupInfoConfig>;
  let members: Record<User, GroupMembersConfig>;
  const data = new Map<string, Uint8Array>();
  const I = V.info;
  const M = V.members;

  /** Loads a keys message into every user and hands the key lists to their configs. */
  function loadKeys(message: Uint8Array, hash: string, ts: number): void {
    for (const u of USERS) {
      const r = keys[u].loadKeyMessage(hash, message, ts);
      expect(r.ok).toBe(true);
      info[u].setKeys(keys[u].keysNewestFirst());
      members[u].setKeys(keys[u].keysNewestFirst());
    }
  }

  beforeAll(() => {
    id = users();
    G = groupAdmin('G');
    keys = {} as Record<User, GroupKeys>;
    info = {} as Record<User, GroupInfoConfig>;
    members = {} as Record<User, GroupMembersConfig>;
    for (const u of USERS) {
      const admin = u === 'A' ? G : null;
      keys[u] = new GroupKeys({ identity: id[u], group: G, admin });
      info[u] = new GroupInfoConfig({ identity: id[u], group: G, admin, keys: [] });
      members[u] = new GroupMembersConfig({ identity: id[u], group: G, admin, keys: [] });
      info[u].markSwarmMerged();
      members[u].markSwarmMerged();
    }
    expect(info.A.canEdit).toBe(true);
    expect(info.B.canEdit).toBe(false);
  });

  test('push 1 of Info and Members after the gen-0 rekey, byte for byte; B and C read them, D has no key', () => {
    const r0 = keys.A.rekey(V.keys.gen0_rekey.members_in_hash_order);
    info.A.setKeys(keys.A.keysNewestFirst(), true);
    members.A.setKeys(keys.A.keysNewestFirst(), true);
    info.A.setName('Oracle Group');
    info.A.setDescription('Groups v2 oracle vectors');
    info.A.setPicture({ url: 'http://example.org/group.png', key: hex('202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f') });
    info.A.setExpiryTimer(3600);
    info.A.setCreated(1700000000);
    expect(infoFields(info.A)).toEqual(I.push1.fields_admin);
    const base = { picture: null, admin: false, inviteStatus: 0, promotionStatus: 0, removedStatus: 0, supplement: false };
    members.A.setMember({ ...base, sessionId: id.A.sessionId, name: 'Alice' });
    members.A.setPromotion(id.A.sessionId, 'accepted');
    members.A.setMember({ ...base, sessionId: id.B.sessionId, name: 'Bob' });
    members.A.setInviteSent(id.B.sessionId);
    members.A.setMember({ ...base, sessionId: id.C.sessionId, name: 'Carol' });
    members.A.setInviteSent(id.C.sessionId);
    expect(memberFields(members.A)).toEqual(M.push1.fields_admin);
    data.set('G-info-1', pushAndCheck(info.A, I.push1, 'G-info-1'));
    data.set('G-members-1', pushAndCheck(members.A, M.push1, 'G-members-1'));
    loadKeys(r0.message, 'G-keys-gen0', 1700000000000);

    for (const u of ['B', 'C'] as const) {
      mergeAndCheck(info[u], [['G-info-1', data.get('G-info-1') as Uint8Array]], I.push1.merge_by[u]);
      mergeAndCheck(members[u], [['G-members-1', data.get('G-members-1') as Uint8Array]], M.push1.merge_by[u]);
    }
    expect(infoFields(info.B)).toEqual(I.push1.fields_read_by_B);
    expect(memberFields(members.B)).toEqual(M.push1.fields_read_by_B);
    expect(I.push1.merge_by.D.threw).toBe(true);
    const refused = info.D.merge([{ hash: 'G-info-1', data: data.get('G-info-1') as Uint8Array }], NOW);
    expect(refused.accepted).toEqual([]);
    expect(refused.rejected.map((x) => x.reason)).toEqual(['group_no_key']);
  });

  test('Members push 2 (B accepted, C removed with messages), then gen 1: Info and Members re-pushed under the new key', () => {
    members.A.setInviteAccepted(id.B.sessionId);
    members.A.setRemoved(id.C.sessionId, true);
    expect(memberFields(members.A)).toEqual(M.push2.fields_admin);
    data.set('G-members-2', pushAndCheck(members.A, M.push2, 'G-members-2'));
    mergeAndCheck(members.B, [['G-members-2', data.get('G-members-2') as Uint8Array]], M.push2.merge_by.B);
    expect(memberFields(members.B)).toEqual(M.push2.fields_read_by_B);

    expect(members.A.erase(id.C.sessionId)).toBe(true);
    const r1 = keys.A.rekey(V.keys.gen1_rekey_after_removing_C.members_in_hash_order);
    info.A.setKeys(keys.A.keysNewestFirst(), true);
    members.A.setKeys(keys.A.keysNewestFirst(), true);
    data.set('G-info-2', pushAndCheck(info.A, I.push2_after_rekey, 'G-info-2'));
    data.set('G-members-3', pushAndCheck(members.A, M.push3_after_rekey, 'G-members-3'));
    loadKeys(r1.message, 'G-keys-gen1', 1700003600000);
    expect(keys.A.pendingKey()).toBeNull();

    mergeAndCheck(info.B, [['G-info-2', data.get('G-info-2') as Uint8Array]], I.push2_after_rekey.merge_by.B);
    mergeAndCheck(info.C, [['G-info-2', data.get('G-info-2') as Uint8Array]], I.push2_after_rekey.merge_by.C);
    mergeAndCheck(members.B, [['G-members-3', data.get('G-members-3') as Uint8Array]], M.push3_after_rekey.merge_by.B);
    mergeAndCheck(members.C, [['G-members-3', data.get('G-members-3') as Uint8Array]], M.push3_after_rekey.merge_by.C);
    expect(memberFields(members.B)).toEqual(M.push3_after_rekey.fields_read_by_B);
  });

  test('D added with a supplement (push 4), then promoted (push 5); D reads everything after its supplement', () => {
    members.A.setMember({ sessionId: id.D.sessionId, name: 'Dave', picture: null, admin: false, inviteStatus: 1, promotionStatus: 0, removedStatus: 0, supplement: true });
    expect(memberFields(members.A)).toEqual(M.push4_add_D.fields_admin);
    data.set('G-members-4', pushAndCheck(members.A, M.push4_add_D, 'G-members-4'));
    loadKeys(keys.A.keySupplement([id.D.sessionId]), 'G-keys-supp-D', 1700007200000);
    mergeAndCheck(info.D, [['G-info-2', data.get('G-info-2') as Uint8Array]], I.push2_after_rekey.merge_by.D_after_supplement);
    expect(infoFields(info.D)).toEqual(I.push2_after_rekey.fields_read_by_D);
    for (const u of ['B', 'D'] as const) mergeAndCheck(members[u], [['G-members-4', data.get('G-members-4') as Uint8Array]], M.push4_add_D.merge_by[u]);
    expect(memberFields(members.D)).toEqual(M.push4_add_D.fields_read_by_D);

    members.A.setPromotion(id.D.sessionId, 'sent');
    expect(memberFields(members.A)).toEqual(M.push5_promote_D.fields_admin);
    data.set('G-members-5', pushAndCheck(members.A, M.push5_promote_D, 'G-members-5'));
    for (const u of ['B', 'D'] as const) mergeAndCheck(members[u], [['G-members-5', data.get('G-members-5') as Uint8Array]], M.push5_promote_D.merge_by[u]);
    expect(memberFields(members.B)).toEqual(M.push5_promote_D.fields_read_by_B);
  });

  test('two admins edit at once (A and promoted D): seqno-3/6 pushes byte for byte, swap and merge, identical seqno-4/7 pushes', () => {
    const c = V.admin_concurrent_merge;
    keys.D.loadAdminKey(G);
    info.D.loadAdminKey(G);
    members.D.loadAdminKey(G);
    expect(info.D.canEdit).toBe(true);

    info.A.setName('Oracle Group (renamed)');
    const bob = members.A.get(id.B.sessionId) as GroupMember;
    members.A.setMember({ ...bob, name: 'Bob Builder' });
    info.D.setDescription('Description edited by D');
    info.D.setDeleteBefore(1700050000);
    members.D.setPromotion(id.D.sessionId, 'accepted');

    data.set('G-info-3-A', pushAndCheck(info.A, c.step3_A_info_push, 'G-info-3-A'));
    data.set('G-members-6-A', pushAndCheck(members.A, c.step3_A_members_push, 'G-members-6-A'));
    data.set('G-info-3-D', pushAndCheck(info.D, c.step3_D_info_push, 'G-info-3-D'));
    data.set('G-members-6-D', pushAndCheck(members.D, c.step3_D_members_push, 'G-members-6-D'));

    mergeAndCheck(info.A, [['G-info-3-D', data.get('G-info-3-D') as Uint8Array]], c.step4_A_merges_D.info);
    mergeAndCheck(members.A, [['G-members-6-D', data.get('G-members-6-D') as Uint8Array]], c.step4_A_merges_D.members);
    mergeAndCheck(info.D, [['G-info-3-A', data.get('G-info-3-A') as Uint8Array]], c.step4_D_merges_A.info);
    mergeAndCheck(members.D, [['G-members-6-A', data.get('G-members-6-A') as Uint8Array]], c.step4_D_merges_A.members);

    data.set('G-info-4', pushAndCheck(info.A, c.step4_A_info_push, 'G-info-4'));
    data.set('G-members-7', pushAndCheck(members.A, c.step4_A_members_push, 'G-members-7'));
    pushAndCheck(info.D, c.step4_D_info_push, 'G-info-4');
    pushAndCheck(members.D, c.step4_D_members_push, 'G-members-7');
    expect(infoFields(info.A)).toEqual(c.step4_A_info_fields);
    expect(infoFields(info.D)).toEqual(c.step4_D_info_fields);
    expect(memberFields(members.A)).toEqual(c.step4_A_members_fields);
    expect(memberFields(members.D)).toEqual(c.step4_D_members_fields);

    const all = (hs: string[]): Array<[string, Uint8Array]> => hs.map((h) => [h, data.get(h) as Uint8Array]);
    mergeAndCheck(info.B, all(c.B_merges_all.info.hashes), c.B_merges_all.info);
    mergeAndCheck(members.B, all(c.B_merges_all.members.hashes), c.B_merges_all.members);
    expect(infoFields(info.B)).toEqual(c.B_info_fields);
    expect(memberFields(members.B)).toEqual(c.B_members_fields);

    // A read-only member that sees only the two concurrent pushes keeps the highest (seqno, hash).
    const o = c.B_merges_only_concurrent_pushes;
    const keyList = keys.B.keysNewestFirst();
    const freshInfo = new GroupInfoConfig({ identity: id.B, group: G, keys: keyList });
    const freshMembers = new GroupMembersConfig({ identity: id.B, group: G, keys: keyList });
    mergeAndCheck(freshInfo, all(o.info_merge.hashes), o.info_merge);
    mergeAndCheck(freshMembers, all(o.members_merge.hashes), o.members_merge);
    expect(infoFields(freshInfo)).toEqual(o.info_fields);
    expect(memberFields(freshMembers)).toEqual(o.members_fields);
  });

  test('destroying the group: A’s seqno-5 Info byte for byte; a fresh member reads destroyed', () => {
    const d = V.info.destroyed_example;
    // The oracle re-created A's Info from its dump first: the same state, resumed.
    const again = new GroupInfoConfig({ identity: id.A, group: G, admin: G, keys: keys.A.keysNewestFirst(), dump: info.A.dump(), swarmMerged: true });
    expect(again.destroyGroup()).toBe(true);
    expect(infoFields(again)).toEqual(d.fields_admin);
    const bytes = pushAndCheck(again, d, null);
    const freshB = new GroupInfoConfig({ identity: id.B, group: G, keys: keys.B.keysNewestFirst() });
    mergeAndCheck(freshB, [['G-info-destroyed', bytes]], d.merge_by_fresh_B);
    expect(infoFields(freshB)).toEqual(d.fields_read_by_B);
  });
});
