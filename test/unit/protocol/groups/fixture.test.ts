// The official library's group fixture (oracle-groups `fixture`, group F made by A for member B):
// B receives and verifies the invitation, reads the group's swarm (keys, Info, Members, three
// messages through their Envelopes), signs its requests byte for byte, and its UserGroups entry is
// the oracle's push byte for byte. The admin side of the same fixture (A's keys message, Info,
// Members, the invitation's signature and auth data, the three messages) is reproduced byte for byte.
import { loadProtocol } from '../../../../ts/protocol/load';
import {
  GroupInfoConfig,
  GroupKeys,
  GroupMembersConfig,
  SubaccountFlag,
  inviteSignatureMessage,
  makeSubaccountAuthData,
  parseGroupId,
  signGroupUpdate,
  subaccountSignRequest,
  unwrapGroupEnvelope,
  verifyGroupInvite,
  wrapGroupEnvelope,
} from '../../../../ts/protocol/groups';
import { decode1o1Message } from '../../../../ts/protocol/message/dm';
import { encodeContent } from '../../../../ts/protocol/proto/codec';
import { UserGroups } from '../../../../ts/protocol/config/userGroups';
import type { Identity } from '../../../../ts/protocol/identity/keys';
import { hex, toHex } from '../helpers';
import { V, groupAdmin, oracleRandom, users, type Json, type User } from './groupVectors';

beforeAll(loadProtocol);

const F = V.fixture;
const swarm = (hash: string): Json => (F.group_swarm as Json[]).find((g) => g.hash === hash);

describe('group fixture F: member B', () => {
  let id: Record<User, Identity>;
  beforeAll(() => {
    id = users();
  });

  test('the invitation arrives 1:1 from A; B verifies the admin signature and the auth data', () => {
    const inv = F.invite;
    expect(id.B.sessionId).toBe(F.member);
    const r = decode1o1Message(id.B, inv.store_data_base64);
    if (!r.ok) throw r.error;
    expect(r.value.senderSessionId).toBe(inv.B_decrypt_incoming_session_id.sender_session_id);
    expect(toHex(r.value.contentBytes)).toBe(inv.content_hex);
    expect(r.value.timestampMs).toBe(inv.timestamp_ms);
    const m = r.value.content.dataMessage?.groupUpdateMessage?.inviteMessage;
    if (!m) throw new Error('no invite');
    const v = verifyGroupInvite({ identity: id.B, timestampMs: r.value.timestampMs, groupSessionId: m.groupSessionId, name: m.name, memberAuthData: m.memberAuthData, adminSignature: m.adminSignature, requireWrite: true });
    if (!v.ok) throw v.error;
    expect(v.value.groupId).toBe(F.group.group_id);
    expect(v.value.name).toBe(inv.name);
    expect(toHex(v.value.authData)).toBe(inv.member_auth_data_hex);
    // Our Content encoder gives the driver's hand-encoded invitation byte for byte.
    expect(
      toHex(
        encodeContent({
          dataMessage: { groupUpdateMessage: { inviteMessage: { groupSessionId: m.groupSessionId, name: m.name, memberAuthData: m.memberAuthData, adminSignature: m.adminSignature } } },
          sigTimestamp: inv.timestamp_ms,
        }),
      ),
    ).toBe(inv.content_hex);
    // Another account, another timestamp, or a tampered signature: refused.
    const base = { timestampMs: inv.timestamp_ms, groupSessionId: m.groupSessionId, name: m.name, memberAuthData: m.memberAuthData, adminSignature: m.adminSignature };
    expect(verifyGroupInvite({ ...base, identity: id.C }).ok).toBe(false);
    expect(verifyGroupInvite({ ...base, identity: id.B, timestampMs: inv.timestamp_ms + 1 }).ok).toBe(false);
  });

  test('B reads the group swarm: keys, Info, Members and the three messages from A', () => {
    const want = F.expected_B_reading;
    const g = parseGroupId(F.group.group_id);
    if (!g.ok) throw g.error;
    const keys = new GroupKeys({ identity: id.B, group: g.value });
    const k = swarm('F-keys-gen0');
    const l = keys.loadKeyMessage(k.hash, Buffer.from(k.data_base64, 'base64'), k.timestamp_ms);
    expect(l.ok && l.value.found).toBe(want.keys_load.returned);
    expect(keys.keysOldestFirst().map((x) => ({ generation: x.generation, key_hex: toHex(x.key), timestamp_ms: x.timestampMs }))).toEqual(want.keys_state.known_keys_oldest_first);
    expect(keys.currentHashes()).toEqual(want.keys_state.current_hashes_sorted);

    const info = new GroupInfoConfig({ identity: id.B, group: g.value, keys: keys.keysNewestFirst() });
    const members = new GroupMembersConfig({ identity: id.B, group: g.value, keys: keys.keysNewestFirst() });
    const ri = info.merge([{ hash: 'F-info-1', data: hex(swarm('F-info-1').data_hex) }], 0);
    expect(ri.accepted).toEqual(want.info_merge.accepted_hashes);
    const rm = members.merge([{ hash: 'F-members-1', data: hex(swarm('F-members-1').data_hex) }], 0);
    expect(rm.accepted).toEqual(want.members_merge.accepted_hashes);
    expect(info.name).toBe(want.info_fields.name);
    expect(info.description).toBe(want.info_fields.description);
    expect(info.createdSeconds).toBe(want.info_fields.created);
    expect(info.picture).toBeNull();
    expect(info.expiryTimerSeconds).toBeNull();
    expect(info.destroyed).toBe(false);
    expect(members.members().map((m) => [m.sessionId, m.name, m.admin, m.status])).toEqual(
      (want.members_fields.members_in_iteration_order as Json[]).map((m) => [m.session_id, m.name, m.admin, m.get_status]),
    );

    const bodies: string[] = [];
    (F.messages as Json[]).forEach((msg, i) => {
      const d = keys.decryptMessage(hex(swarm(`F-msg-${i + 1}`).data_hex));
      if (!d.ok) throw d.error;
      expect(d.value.senderSessionId).toBe(want.messages_decrypt_message[i].sender_session_id);
      expect(toHex(d.value.plaintext)).toBe(msg.envelope_hex);
      const env = unwrapGroupEnvelope(d.value.plaintext);
      if (!env.ok) throw env.error;
      expect(env.value.timestampMs).toBe(msg.timestamp_ms);
      expect(toHex(env.value.contentBytes)).toBe(msg.content_hex);
      bodies.push(env.value.content.dataMessage?.body ?? '');
    });
    expect(bodies).toEqual(want.bodies_in_order);
  });

  test('B’s retrieve/store auth for the group swarm is the oracle’s byte for byte', () => {
    const auth = hex(F.invite.member_auth_data_hex);
    for (const r of F.B_request_auth as Json[]) {
      expect(subaccountSignRequest({ groupId: F.group.group_id, identity: id.B, authData: auth, method: r.method, namespace: r.namespace, timestampMs: r.timestamp_ms })).toEqual({
        pubkey: r.pubkey,
        timestamp: r.timestamp_ms,
        subaccount: r.subaccount,
        subaccount_sig: r.subaccount_sig,
        signature: r.signature,
      });
    }
  });

  test('B’s UserGroups entry after joining is the oracle’s push byte for byte', () => {
    const e = F.B_user_groups_entry;
    const ug = new UserGroups({ identity: id.B });
    ug.markSwarmMerged();
    const g = ug.getOrConstructGroup(e.get_group.id);
    ug.setGroup({ ...g, name: e.get_group.name, authData: hex(e.get_group.auth_data_hex), secretKey: null, invited: e.get_group.invited });
    const p = ug.push(0);
    expect(p.seqno).toBe(e.seqno);
    expect(toHex(p.messages[0] as Uint8Array)).toBe(e.pushed_wrapped_hex);
    const got = ug.getGroup(e.get_group.id);
    expect(got?.removedStatus).toBe('not_removed');
  });
});

describe('group fixture F: admin A reproduces what it stored', () => {
  test('keys, Info, Members, the invitation’s signature and auth data, and the three messages, byte for byte', () => {
    const id = users();
    const Fk = groupAdmin('F');
    expect(Fk.groupId).toBe(F.group.group_id);
    const keys = new GroupKeys({ identity: id.A, group: Fk, admin: Fk });
    const r = keys.rekey([id.A.sessionId, id.B.sessionId]);
    expect(toHex(r.message)).toBe(swarm('F-keys-gen0').data_hex);

    const info = new GroupInfoConfig({ identity: id.A, group: Fk, admin: Fk, keys: [], swarmMerged: true });
    const members = new GroupMembersConfig({ identity: id.A, group: Fk, admin: Fk, keys: [], swarmMerged: true });
    info.setKeys(keys.keysNewestFirst(), true);
    members.setKeys(keys.keysNewestFirst(), true);
    info.setName('Fixture Group');
    info.setDescription('Group fixture for client tests');
    info.setCreated(1700100000);
    const base = { picture: null, admin: false, inviteStatus: 0, promotionStatus: 0, removedStatus: 0, supplement: false };
    members.setMember({ ...base, sessionId: id.A.sessionId, name: 'Alice' });
    members.setPromotion(id.A.sessionId, 'accepted');
    members.setMember({ ...base, sessionId: id.B.sessionId, name: 'Bob', inviteStatus: 1 });
    expect(toHex(info.push(0).messages[0] as Uint8Array)).toBe(swarm('F-info-1').data_hex);
    expect(toHex(members.push(0).messages[0] as Uint8Array)).toBe(swarm('F-members-1').data_hex);

    expect(toHex(signGroupUpdate(Fk, inviteSignatureMessage(id.B.sessionId, F.invite.timestamp_ms)))).toBe(F.invite.admin_signature_hex);
    expect(new TextDecoder().decode(inviteSignatureMessage(id.B.sessionId, F.invite.timestamp_ms))).toBe(F.invite.admin_signature_message_ascii);
    expect(toHex(makeSubaccountAuthData(Fk, id.B.sessionId, SubaccountFlag.read | SubaccountFlag.write))).toBe(F.invite.member_auth_data_hex);

    keys.loadKeyMessage('F-keys-gen0', r.message, 1700100000000);
    (F.messages as Json[]).forEach((msg, i) => {
      const env = wrapGroupEnvelope({ content: hex(msg.content_hex), timestampMs: msg.timestamp_ms });
      expect(toHex(env)).toBe(msg.envelope_hex);
      expect(toHex(keys.encryptMessage(env, { random: oracleRandom(msg.rng_label) }))).toBe(swarm(`F-msg-${i + 1}`).data_hex);
    });
  });
});
