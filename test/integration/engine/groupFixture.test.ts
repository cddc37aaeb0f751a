// Reading a group made by the official library (oracle-groups-vectors.json `fixture`): the invitation (B's swarm,
// namespace 0) and the group's Keys, Info, Members and three messages (its own swarm) are placed in a devnet as
// libsession wrote them; our client, restored as member B, lists the invitation as a request, accepts it, shows
// the group's name, members and messages, answers with the official invite response, and its reply decrypts with
// the fixture's own keys (opened by the protocol layer as the group's admin, the checker independent of B).
import fs from 'node:fs';
import path from 'node:path';
import type { Backend } from '../../../ts/backend';
import { loadCustomNetwork } from '../../../ts/network/config';
import { createHttpClient } from '../../../ts/network/http';
import { SessionNetwork } from '../../../ts/network/SessionNetwork';
import { MemoryNetworkStore } from '../../../ts/network/store';
import { GroupKeys, encodeRecoveryPassword, groupKeysFromSeed, identityFromRecoverySeed, loadProtocol, unwrapGroupEnvelope, type Identity } from '../../../ts/protocol';
import { hex } from '../../unit/protocol/helpers';
import { devnetBackends, pollOk, until } from './fixture';

jest.setTimeout(60_000);

interface FixtureEntry {
  namespace: number;
  hash: string;
  timestamp_ms: number;
  data_base64: string;
}
const vectors = JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/vectors/oracle-groups-vectors.json'), 'utf8')) as {
  fixture: {
    group: { group_id: string; group_seed_hex_admin_only: string };
    admin: string;
    member: string;
    member_ed25519_seed_hex: string;
    invite: { timestamp_ms: number; name: string; store_data_base64: string };
    group_swarm: FixtureEntry[];
    messages: { body: string; timestamp_ms: number }[];
    expected_B_reading: { members_fields: { members_in_iteration_order: { session_id: string; name: string; admin: boolean; get_status: string }[] }; info_fields: { name: string; description: string } };
  };
};
const F = vectors.fixture;
const b64 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'));

describe('a group made by the official library (oracle fixture on a devnet)', () => {
  const env = devnetBackends('group-fixture-', { nodes: 9, swarmSize: 3, noSogs: true, fanoutTimeoutMs: 500, relayTimeoutMs: 2_000 }, 60_000);
  let reader: SessionNetwork;
  let b: Backend;
  const admin = () => groupKeysFromSeed(hex(F.group.group_seed_hex_admin_only));

  beforeAll(async () => {
    await loadProtocol();
    reader = new SessionNetwork({ config: await loadCustomNetwork(env.devnet.info.seedUrl, createHttpClient()), store: new MemoryNetworkStore() });
    reader.start();
  });
  afterAll(() => reader.stop());

  /** The group's namespace-11 messages, read with the admin key and opened as the admin would (the fixture's keys). */
  const groupMessagesAsAdmin = async (): Promise<{ sender: string; timestampMs: number; body?: string; inviteResponse?: boolean }[]> => {
    const a = admin();
    const signer = { pubkey: a.groupId, ed25519: { publicKey: a.ed25519PublicKey, secretKey: a.ed25519SecretKey } };
    const r = await reader.retrieve(a.groupId, [12, 11], () => undefined, { signer });
    const adminIdentity = identityFromRecoverySeed(hex('00000000000000000000000000000001'));
    const keys = new GroupKeys({ identity: adminIdentity as Identity, group: a, admin: a });
    for (const m of r.merged.get(12) ?? []) expect(keys.loadKeyMessage(m.hash, m.data, m.timestamp).ok).toBe(true);
    return (r.merged.get(11) ?? []).map((m) => {
      const d = keys.decryptMessage(m.data);
      if (!d.ok) throw d.error;
      const e = unwrapGroupEnvelope(d.value.plaintext);
      if (!e.ok) throw e.error;
      const dm = e.value.content.dataMessage;
      return {
        sender: d.value.senderSessionId,
        timestampMs: e.value.timestampMs,
        ...(typeof dm?.body === 'string' ? { body: dm.body } : {}),
        ...(dm?.groupUpdateMessage?.inviteResponse ? { inviteResponse: dm.groupUpdateMessage.inviteResponse.isApproved === true } : {}),
      };
    });
  };

  it('is listed as a request, accepted, read in full, and answered in a way the official keys open', async () => {
    // The fixture, placed as libsession stored it (storage times kept; expiries from now).
    env.devnet.storeEntries(F.member, [{ namespace: 0, data: b64(F.invite.store_data_base64), timestamp: F.invite.timestamp_ms }]);
    env.devnet.storeEntries(
      F.group.group_id,
      F.group_swarm.map((e) => ({ namespace: e.namespace, data: b64(e.data_base64), timestamp: e.timestamp_ms })),
    );
    b = await env.open('member-b', { restoreWaitMs: 500, configPushDelayMs: 0 });
    // B's recovery seed: the Ed25519 seed is these 16 bytes and 16 zero bytes.
    const seed16 = hex(F.member_ed25519_seed_hex.slice(0, 32));
    const restored = await b.handlers['account.restore']({ mnemonic: encodeRecoveryPassword(seed16), displayName: 'Bob' });
    expect(restored.sessionId).toBe(F.member);

    // The invitation: from A, whom B has not approved, so a request of kind group.
    const request = await until('the invitation listed as a request', async () => {
      await pollOk(b);
      return (await b.handlers['conversations.list']({ requests: true })).find((c) => c.id === F.group.group_id);
    });
    expect(request).toMatchObject({ kind: 'group', isRequest: true, name: F.invite.name, group: { invitationPending: true, invitedBy: F.admin, kicked: false, destroyed: false } });
    expect((await b.handlers['conversations.list']({ requests: false })).some((c) => c.id === F.group.group_id)).toBe(false);
    // An invitation is not a message.
    expect(await b.handlers['messages.list']({ conversationId: F.admin })).toEqual([]);

    const joined = await b.handlers['conversations.accept']({ id: F.group.group_id });
    expect(joined).toMatchObject({ id: F.group.group_id, kind: 'group', isRequest: false, name: F.expected_B_reading.info_fields.name });
    expect(joined.group).toMatchObject({ invitationPending: false, memberCount: 2, admin: false, description: F.expected_B_reading.info_fields.description });

    const members = await b.handlers['groups.members']({ id: F.group.group_id });
    expect(members).toEqual(
      F.expected_B_reading.members_fields.members_in_iteration_order.map((m) => ({
        sessionId: m.session_id,
        ...(m.name !== '' ? { name: m.name } : {}),
        role: m.admin ? 'admin' : 'member',
        status: m.get_status === 'invite_sent' ? 'invite-sent' : 'joined',
      })),
    );

    const shown = await until('the three messages', async () => {
      const list = await b.handlers['messages.list']({ conversationId: F.group.group_id });
      return list.length >= F.messages.length ? list : (await pollOk(b), undefined);
    });
    expect(shown.map((m) => ({ text: m.text, sender: m.sender, timestamp: m.timestamp, direction: m.direction }))).toEqual(
      F.messages.map((m) => ({ text: m.body, sender: F.admin, timestamp: m.timestamp_ms, direction: 'incoming' })),
    );

    // The invite response went to the group; then B's reply, both opened with the fixture's keys.
    const reply = await b.handlers['messages.send']({ to: F.group.group_id, text: 'hello from our client' });
    await until('the reply stored', async () => (await b.handlers['messages.list']({ conversationId: F.group.group_id })).find((m) => m.id === reply.id && m.status === 'sent'));
    const inSwarm = await groupMessagesAsAdmin();
    expect(inSwarm.filter((m) => m.sender === F.member)).toEqual([
      expect.objectContaining({ inviteResponse: true }),
      { sender: F.member, timestampMs: reply.timestamp, body: 'hello from our client' },
    ]);
  });
});
