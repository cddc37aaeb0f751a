// Groups v2 bad input: malformed or forged keys messages, configs signed by someone without the
// group key, group messages with a bad inner dict or from outside the group, keys meant for another
// member, truncated auth data, malformed kicked notices and Envelopes. Each is refused with a typed
// error through the Result (nothing thrown), and the state is left as it was. A seeded fuzz run
// mutates valid samples of every input kind.
import { loadProtocol } from '../../../../ts/protocol/load';
import {
  GroupInfoConfig,
  GroupKeys,
  decryptKickedNotice,
  groupKeysFromSeed,
  inviteSignatureMessage,
  makeKickedNotice,
  signGroupUpdate,
  parseGroupId,
  subaccountSign,
  subaccountSignRequest,
  unwrapGroupEnvelope,
  verifyGroupInvite,
  verifySubaccountAuthData,
  wrapGroupEnvelope,
  type GroupAdminKeys,
} from '../../../../ts/protocol/groups';
import { BtWriter } from '../../../../ts/protocol/config/bt';
import { binaryFromBytes } from '../../../../ts/protocol/config/data';
import { zstdCompress } from '../../../../ts/protocol/config/compress';
import { ed25519Sign } from '../../../../ts/protocol/primitives/curve';
import { xchachaSeal } from '../../../../ts/protocol/groups/multiEncrypt';
import { ProtocolError } from '../../../../ts/protocol/primitives/errors';
import type { Identity } from '../../../../ts/protocol/identity/keys';
import { fuzzInputs, hex, toHex } from '../helpers';
import { V, groupAdmin, users, type User } from './groupVectors';

beforeAll(loadProtocol);

const gen0 = (): Uint8Array => hex(V.keys.gen0_rekey.message_hex);
const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Re-signs a keys dict (everything before "1:~") with `sk`: a well-formed message signed by someone else. */
function resign(message: Uint8Array, sk: Uint8Array): Uint8Array {
  const at = Buffer.from(message).lastIndexOf(Buffer.from('1:~64:'));
  const body = message.subarray(0, at);
  return new Uint8Array([...body, ...ascii('1:~64:'), ...ed25519Sign(sk, body), 0x65]);
}

/** Encrypts arbitrary inner bytes with `key`, nonce first, as a group message. */
function sealInner(key: Uint8Array, inner: Uint8Array): Uint8Array {
  const nonce = new Uint8Array(24).fill(5);
  return new Uint8Array([...nonce, ...xchachaSeal(key, nonce, inner)]);
}

/** Builds a raw inner dict of a group message and encrypts it with `key` (a hostile or broken sender). */
function rawGroupMessage(key: Uint8Array, entries: Array<[string, bigint | Uint8Array]>, pad = true): Uint8Array {
  const w = new BtWriter().openDict();
  for (const [k, v] of entries) {
    w.string(k);
    if (typeof v === 'bigint') w.int(v);
    else w.string(binaryFromBytes(v));
  }
  let inner = w.close().toBytes();
  if (pad) inner = new Uint8Array([...inner, ...new Uint8Array(256 - ((inner.length + 40) % 256))]);
  const nonce = new Uint8Array(24).fill(7);
  return new Uint8Array([...nonce, ...xchachaSeal(key, nonce, inner)]);
}

describe('groups v2: bad input is refused with a reason and changes nothing', () => {
  let id: Record<User, Identity>;
  let G: GroupAdminKeys;
  let H: GroupAdminKeys;
  let b: GroupKeys;
  let key0: Uint8Array;

  beforeAll(() => {
    id = users();
    G = groupAdmin('G');
    H = groupKeysFromSeed(new Uint8Array(32).fill(9));
    b = new GroupKeys({ identity: id.B, group: G });
    const r = b.loadKeyMessage('G-keys-gen0', gen0(), 1700000000000);
    expect(r.ok).toBe(true);
    key0 = b.encryptionKey() as Uint8Array;
  });

  test('malformed and forged keys messages', () => {
    const good = gen0();
    const s = Buffer.from(good).toString('latin1');
    const cases: Array<[string, unknown, string]> = [
      ['empty', new Uint8Array(0), 'group_keys_invalid'],
      ['not bytes', 'd1:#e', 'group_keys_invalid'],
      ['not bt', ascii('hello'), 'group_keys_invalid'],
      ['truncated', good.subarray(0, good.length - 10), 'group_keys_invalid'],
      ['trailing data', new Uint8Array([...good, 0x30]), 'group_keys_invalid'],
      ['no nonce', ascii('d1:Gi0ee'), 'group_keys_invalid'],
      ['short nonce', ascii('d1:#3:abc1:Gi0ee'), 'group_keys_invalid'],
      ['wrong member key count', Buffer.from(s.replace(/1:kl48:/, 'e1:kl48:'), 'latin1'), 'group_keys_invalid'],
      ['negative generation', Buffer.from(s.replace('1:Gi0e', '1:Gi-1e'), 'latin1'), 'group_keys_invalid'],
      ['no signature', Buffer.from(`${s.slice(0, s.lastIndexOf('1:~'))}e`, 'latin1'), 'signature_invalid'],
      ['tampered signature', new Uint8Array([...good.subarray(0, good.length - 2), good[good.length - 2] ^ 1, 0x65]), 'signature_invalid'],
      ['signed by another key', resign(good, H.ed25519SecretKey), 'signature_invalid'],
      ['tiny supplement entry', ascii(`d1:#24:${'n'.repeat(24)}1:+l3:abce1:Gi0e1:~64:${'s'.repeat(64)}e`), 'group_keys_invalid'],
    ];
    const before = toHex(b.dump());
    for (const [name, data, kind] of cases) {
      let r: ReturnType<GroupKeys['loadKeyMessage']> | undefined;
      expect(() => {
        r = b.loadKeyMessage(`bad-${name}`, data as Uint8Array, 1700000000001);
      }).not.toThrow();
      expect([name, r?.ok === false ? r.error.kind : 'accepted']).toEqual([name, kind]);
    }
    expect(toHex(b.dump())).toBe(before);
    const nohash = b.loadKeyMessage('', good, 1);
    expect(nohash.ok ? 'accepted' : nohash.error.kind).toBe('invalid_argument');
  });

  test('keys meant for other members: nothing found, nothing gained', () => {
    // gen 1 was for A and B only; C loads it and keeps gen 0; D, who had nothing, keeps nothing.
    const c = new GroupKeys({ identity: id.C, group: G });
    c.loadKeyMessage('G-keys-gen0', gen0(), 1700000000000);
    const r = c.loadKeyMessage('G-keys-gen1', hex(V.keys.gen1_rekey_after_removing_C.message_hex), 1700003600000);
    expect(r.ok && r.value).toEqual({ kind: 'full', generation: 1, found: false, generationsFound: [] });
    expect(c.keysOldestFirst().map((k) => k.generation)).toEqual([0]);
    const b2 = new GroupKeys({ identity: id.B, group: G });
    const s = b2.loadKeyMessage('G-keys-supp-D', hex(V.keys.supplement_for_D.message_hex), 1700007200000);
    expect(s.ok && s.value.found).toBe(false);
    expect(b2.encryptionKey()).toBeNull();
    expect(() => b2.encryptMessage(ascii('x'), { random: (n) => new Uint8Array(n) })).toThrow(ProtocolError);
    // A keys message of another group: its signature is not G's.
    const other = new GroupKeys({ identity: id.A, group: H, admin: H }).rekey([id.A.sessionId, id.B.sessionId]).message;
    const o = b.loadKeyMessage('other-group', other, 1);
    expect(o.ok ? 'accepted' : o.error.kind).toBe('signature_invalid');
  });

  test('Info signed without the group key is refused; the fields stay', () => {
    const info = new GroupInfoConfig({ identity: id.B, group: G, keys: b.keysNewestFirst() });
    const good = info.merge([{ hash: 'G-info-1', data: hex(V.info.push1.data_hex) }], 0);
    expect(good.accepted).toEqual(['G-info-1']);
    // A forger holding the group encryption key (any member does) but not the group's secret key.
    const forger = new GroupInfoConfig({ identity: id.C, group: H, admin: H, keys: b.keysNewestFirst(), swarmMerged: true });
    forger.setName('Hijacked');
    const forged = forger.push(0).messages[0] as Uint8Array;
    const r = info.merge([{ hash: 'forged', data: forged }], 0);
    expect(r.accepted).toEqual([]);
    expect(r.rejected.map((x) => x.reason)).toEqual(['signature_invalid']);
    expect(info.name).toBe('Oracle Group');
    expect(() => info.setName('mine')).toThrow(/read-only/);
    expect(() => info.push(0)).toThrow(ProtocolError);
    // The group key of another group is refused at construction.
    expect(() => new GroupInfoConfig({ identity: id.A, group: G, admin: H, keys: [] })).toThrow(/does not match/);
  });

  test('group messages: outsiders, bad inner dicts and forged signatures', () => {
    const sk = id.A.ed25519.secretKey;
    const pk = id.A.ed25519.publicKey;
    const body = ascii('hello');
    const sig = ed25519Sign(sk, body);
    const z = zstdCompress(ascii('x'.repeat(300)), 1);
    const cases: Array<[string, Uint8Array, string]> = [
      ['too short', new Uint8Array(30), 'group_message_invalid'],
      ['outsider key', rawGroupMessage(new Uint8Array(32).fill(1), [['', 1n], ['a', pk], ['d', body], ['s', sig]]), 'group_no_key'],
      ['corrupted', rawGroupMessage(key0, [], false).fill(0, 24, 25), 'group_no_key'],
      ['not a dict', sealInner(key0, ascii('li1ee\0\0')), 'group_message_invalid'],
      ['all padding', sealInner(key0, new Uint8Array(40)), 'group_message_invalid'],
      ['dict with junk inside', sealInner(key0, ascii('d0:i1e1:ae')), 'group_message_invalid'],
      ['version 2', rawGroupMessage(key0, [['', 2n], ['a', pk], ['d', body], ['s', sig]]), 'group_message_invalid'],
      ['no author', rawGroupMessage(key0, [['', 1n], ['d', body], ['s', sig]]), 'group_message_invalid'],
      ['short author', rawGroupMessage(key0, [['', 1n], ['a', pk.subarray(1)], ['d', body], ['s', sig]]), 'group_message_invalid'],
      ['no body', rawGroupMessage(key0, [['', 1n], ['a', pk], ['s', sig]]), 'group_message_invalid'],
      ['both d and z', rawGroupMessage(key0, [['', 1n], ['a', pk], ['d', body], ['s', sig], ['z', z]]), 'group_message_invalid'],
      ['no signature', rawGroupMessage(key0, [['', 1n], ['a', pk], ['d', body]]), 'group_message_invalid'],
      ['signed by someone else', rawGroupMessage(key0, [['', 1n], ['a', id.B.ed25519.publicKey], ['d', body], ['s', sig]]), 'signature_invalid'],
      ['bad zstd', rawGroupMessage(key0, [['', 1n], ['a', pk], ['s', ed25519Sign(sk, ascii('zzzz'))], ['z', ascii('zzzz')]]), 'group_message_invalid'],
    ];
    for (const [name, data, kind] of cases) {
      const r = b.decryptMessage(data);
      expect([name, r.ok ? 'accepted' : r.error.kind]).toEqual([name, kind]);
    }
    const fine = b.decryptMessage(rawGroupMessage(key0, [['', 1n], ['a', pk], ['d', body], ['s', sig]]));
    expect(fine.ok && fine.value.senderSessionId).toBe(id.A.sessionId);
    const zipped = b.decryptMessage(rawGroupMessage(key0, [['', 1n], ['a', pk], ['s', ed25519Sign(sk, z)], ['z', z]]));
    expect(zipped.ok && zipped.value.plaintext.length).toBe(300);
  });

  test('auth data: truncated, foreign, missing permissions; signing refuses bad auth data with a typed error', () => {
    const auth = hex(V.subaccount.auth_data[1].auth_data_hex);
    const r = verifySubaccountAuthData({ groupEd25519PublicKey: G.ed25519PublicKey, identity: id.B, authData: auth.subarray(0, 99) });
    expect(r.ok ? 'ok' : r.error.kind).toBe('group_auth_invalid');
    const notBytes = verifySubaccountAuthData({ groupEd25519PublicKey: G.ed25519PublicKey, identity: id.B, authData: 'x' as unknown as Uint8Array });
    expect(notBytes.ok).toBe(false);
    const zeroK = new Uint8Array(auth);
    zeroK.fill(0, 4, 36);
    expect(verifySubaccountAuthData({ groupEd25519PublicKey: G.ed25519PublicKey, identity: id.B, authData: zeroK }).ok).toBe(false);
    expect(() => subaccountSign(id.B, auth.subarray(0, 99), ascii('m'))).toThrow(expect.objectContaining({ kind: 'group_auth_invalid' }));
    expect(() => subaccountSignRequest({ groupId: '05' + G.groupId.slice(2), identity: id.B, authData: auth, method: 'retrieve', namespace: 11, timestampMs: 1 })).toThrow(ProtocolError);
    // An invitation whose auth data does not verify is refused even with a valid admin signature.
    const inv = V.fixture.invite;
    const bad = hex(inv.member_auth_data_hex);
    bad[50] ^= 1;
    const v = verifyGroupInvite({ identity: id.B, timestampMs: inv.timestamp_ms, groupSessionId: inv.group_session_id, name: inv.name, memberAuthData: bad, adminSignature: hex(inv.admin_signature_hex) });
    expect(v.ok ? 'ok' : v.error.kind).toBe('group_auth_invalid');
    // Read-only credentials pass libsession's default check, not one that requires write.
    const t = 1_700_000_000_000;
    const readOnly = { identity: id.B, timestampMs: t, groupSessionId: G.groupId, name: 'G', memberAuthData: hex(V.subaccount.auth_data[0].auth_data_hex), adminSignature: signGroupUpdate(G, inviteSignatureMessage(id.B.sessionId, t)) };
    expect(verifyGroupInvite(readOnly).ok).toBe(true);
    const rw = verifyGroupInvite({ ...readOnly, requireWrite: true });
    expect(rw.ok ? 'ok' : rw.error.kind).toBe('group_auth_invalid');
    const noGroup = verifyGroupInvite({ identity: id.B, timestampMs: inv.timestamp_ms, groupSessionId: '05abc', name: inv.name, memberAuthData: bad, adminSignature: hex(inv.admin_signature_hex) });
    expect(noGroup.ok ? 'ok' : noGroup.error.kind).toBe('group_update_invalid');
  });

  test('kicked notices and Envelopes', () => {
    const c = { identity: id.C, groupX25519PublicKey: G.x25519PublicKey, currentGeneration: 0 };
    for (const data of [new Uint8Array(0), ascii('le'), ascii('d1:e0:e'), ascii('d1:#3:abce'), ascii(`d1:#24:${'n'.repeat(24)}1:e3:abce`)]) {
      const r = decryptKickedNotice({ ...c, data });
      expect(r.ok ? 'ok' : r.error.kind).toBe('group_kicked_invalid');
    }
    // A notice naming someone else's key inside C's entry is refused, not taken as C's.
    const forged = makeKickedNotice({ admin: G, removedSessionIds: [id.C.sessionId], generation: 1, random: (n) => new Uint8Array(n).fill(3) });
    const ok = decryptKickedNotice({ ...c, data: forged });
    expect(ok.ok && ok.value.kicked).toBe(true);
    expect(() => makeKickedNotice({ admin: G, removedSessionIds: ['03' + 'a'.repeat(64)], generation: 1, random: (n) => new Uint8Array(n) })).toThrow(ProtocolError);

    const env = wrapGroupEnvelope({ content: hex(V.fixture.messages[0].content_hex), timestampMs: V.fixture.messages[0].timestamp_ms });
    expect(unwrapGroupEnvelope(env).ok).toBe(true);
    const wrongTime = wrapGroupEnvelope({ content: hex(V.fixture.messages[0].content_hex), timestampMs: V.fixture.messages[0].timestamp_ms + 1 });
    const t = unwrapGroupEnvelope(wrongTime);
    expect(t.ok ? 'ok' : t.error.kind).toBe('timestamp_mismatch');
    for (const data of [new Uint8Array(0), ascii('garbage'), hex(V.fixture.invite.envelope_hex)]) {
      const r = unwrapGroupEnvelope(data);
      expect(r.ok).toBe(false);
    }
    expect(parseGroupId('03' + 'zz'.repeat(32)).ok).toBe(false);
    expect(() => new GroupKeys({ identity: id.B, group: G, dump: ascii('de') })).toThrow(expect.objectContaining({ kind: 'group_keys_invalid' }));
  });

  test('fuzz: mutated keys messages, group messages, kicked notices, auth data and Envelopes never throw', () => {
    const keys = new GroupKeys({ identity: id.B, group: G });
    const groupMsg = hex(V.group_messages.vectors[2].ciphertext_hex);
    const kicked = hex(V.kicked_notice.data_hex);
    const auth = hex(V.subaccount.auth_data[1].auth_data_hex);
    const env = hex(V.fixture.messages[0].envelope_hex);
    let accepted = 0;
    for (const data of fuzzInputs(0x6703, 150, [gen0(), hex(V.keys.supplement_for_D.message_hex)], 4000)) {
      const r = keys.loadKeyMessage('fuzz', data, 1);
      if (r.ok) accepted++;
      else expect(r.error).toBeInstanceOf(ProtocolError);
    }
    expect(accepted).toBeLessThan(150);
    for (const data of fuzzInputs(0x6704, 150, [groupMsg])) expect(() => b.decryptMessage(data)).not.toThrow();
    for (const data of fuzzInputs(0x6705, 150, [kicked])) expect(() => decryptKickedNotice({ data, identity: id.C, groupX25519PublicKey: G.x25519PublicKey, currentGeneration: 0 })).not.toThrow();
    for (const data of fuzzInputs(0x6706, 150, [auth], 120)) expect(() => verifySubaccountAuthData({ groupEd25519PublicKey: G.ed25519PublicKey, identity: id.B, authData: data })).not.toThrow();
    for (const data of fuzzInputs(0x6707, 150, [env], 80)) expect(() => unwrapGroupEnvelope(data)).not.toThrow();
    const g = parseGroupId(G.groupId);
    expect(g.ok).toBe(true);
  });
});
