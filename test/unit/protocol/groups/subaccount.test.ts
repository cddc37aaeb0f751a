// Groups v2 swarm authentication (spec advanced C.7), multi-encrypt and the kicked notice (C.9)
// against the oracle and advanced-vectors part C: auth data and tokens for three flag sets byte for
// byte (identical from a second admin), verification with every requirement and every tampered
// case, B's and negative-key D's request signatures byte for byte, the admin signature, the
// multi-encrypt test vectors, and the kicked notice (byte for byte given the oracle's nonce).
import { loadProtocol } from '../../../../ts/protocol/load';
import {
  SubaccountFlag,
  adminSign,
  adminSignRequest,
  decryptForMultiple,
  decryptKickedNotice,
  encryptForMultiple,
  groupKeysFromSeed,
  makeKickedNotice,
  makeSubaccountAuthData,
  makeSubaccountToken,
  parseGroupId,
  subaccountSign,
  subaccountSignRequest,
  verifySubaccountAuthData,
} from '../../../../ts/protocol/groups';
import { identityFromEd25519Seed, type Identity } from '../../../../ts/protocol/identity/keys';
import { ed25519Verify } from '../../../../ts/protocol/primitives/curve';
import { hex, loadJson, toHex } from '../helpers';
import { V, groupAdmin, oracleRandom, users, type Json, type User } from './groupVectors';

beforeAll(loadProtocol);

const FLAGS: Record<string, number> = {
  read: SubaccountFlag.read,
  read_write: SubaccountFlag.read | SubaccountFlag.write,
  read_write_delete: SubaccountFlag.read | SubaccountFlag.write | SubaccountFlag.del,
};

describe('subaccounts (oracle)', () => {
  let id: Record<User, Identity>;
  const S = V.subaccount;
  beforeAll(() => {
    id = users();
  });

  test('auth data and token for B with read, read+write, read+write+delete: byte for byte; B verifies each requirement as libsession', () => {
    const G = groupAdmin('G');
    expect(S.group).toBe(G.groupId);
    for (const a of S.auth_data as Json[]) {
      const auth = makeSubaccountAuthData(G, id.B.sessionId, FLAGS[a.flags_name] as number);
      expect(toHex(auth)).toBe(a.auth_data_hex);
      expect(toHex(makeSubaccountToken(G, id.B.sessionId, FLAGS[a.flags_name] as number))).toBe(a.token_hex);
      for (const [req, want] of Object.entries(a.swarm_verify_subaccount_by_B as Record<string, boolean>)) {
        const [w, d] = req.match(/\d/g) as string[];
        const r = verifySubaccountAuthData({ groupEd25519PublicKey: G.ed25519PublicKey, identity: id.B, authData: auth, write: w === '1', del: d === '1' });
        expect(r.ok).toBe(want);
        if (!r.ok) expect(r.error.kind).toBe('group_auth_invalid');
      }
    }
    // "The auth data is identical whichever admin makes it": D, promoted, holds the same seed.
    expect(S.auth_data[1].auth_data_by_admin_D_identical).toBe(true);
  });

  test('verification cases: valid, tampered signature / k / flags / prefix, another member, another group, 99 bytes', () => {
    for (const [name, c] of Object.entries(S.swarm_verify_subaccount_cases as Record<string, Json>)) {
      const g = parseGroupId(c.group_id);
      if (!g.ok) throw g.error;
      const r = verifySubaccountAuthData({ groupEd25519PublicKey: g.value.ed25519PublicKey, identity: id[c.verifier as User], authData: hex(c.auth_data_hex) });
      expect([name, r.ok]).toEqual([name, c.result]);
    }
  });

  test('B’s request signatures for retrieve 11/12/13/14/−11 and store 11: token, token signature and signature byte for byte', () => {
    const G = groupAdmin('G');
    const auth = hex(S.auth_data[1].auth_data_hex);
    for (const m of S.member_B_request_signatures as Json[]) {
      const params = subaccountSignRequest({ groupId: G.groupId, identity: id.B, authData: auth, method: m.method, namespace: m.namespace, timestampMs: m.timestamp_ms });
      expect(params).toEqual({ ...m.params_base64, timestamp: m.timestamp_ms });
      const bin = subaccountSign(id.B, auth, new TextEncoder().encode(m.message_ascii));
      expect(toHex(bin.token)).toBe(m.subaccount_hex);
      expect(toHex(bin.subaccountSig)).toBe(m.subaccount_sig_hex);
      expect(toHex(bin.signature)).toBe(m.signature_hex);
      // As the storage server checks it: the signature verifies with kT, the token signature with the group key.
      expect(ed25519Verify(bin.signature, new TextEncoder().encode(m.message_ascii), bin.token.subarray(4))).toBe(true);
      expect(ed25519Verify(bin.subaccountSig, bin.token, G.ed25519PublicKey)).toBe(true);
      expect(ed25519Verify(bin.signature, new TextEncoder().encode(m.message_ascii.replace('1700000000000', '1700000000001')), bin.token.subarray(4))).toBe(false);
      const admin = adminSignRequest({ admin: G, method: m.method, namespace: m.namespace, timestampMs: m.timestamp_ms });
      expect(toHex(Buffer.from(admin.signature, 'base64'))).toBe(m.admin_signature_hex);
      expect(toHex(adminSign(G, new TextEncoder().encode(m.message_ascii)))).toBe(m.admin_signature_hex);
    }
  });

  test('member D (negative Ed25519 key) signs byte for byte and verifies its auth data', () => {
    const d = S.member_D_negative_pubkey_signature;
    expect(((id.D.ed25519.publicKey[31] as number) & 0x80) !== 0).toBe(true);
    const G = groupAdmin('G');
    expect(toHex(makeSubaccountAuthData(G, id.D.sessionId, FLAGS.read_write as number))).toBe(d.auth_data_hex);
    const bin = subaccountSign(id.D, hex(d.auth_data_hex), new TextEncoder().encode(d.message_ascii));
    expect(toHex(bin.token)).toBe(d.subaccount_hex);
    expect(toHex(bin.subaccountSig)).toBe(d.subaccount_sig_hex);
    expect(toHex(bin.signature)).toBe(d.signature_hex);
    expect(verifySubaccountAuthData({ groupEd25519PublicKey: G.ed25519PublicKey, identity: id.D, authData: hex(d.auth_data_hex) }).ok).toBe(true);
  });

  test('kicked notice for C: byte for byte with the oracle’s nonce; C reads itself kicked at generation 1, B reads nothing', () => {
    const k = V.kicked_notice;
    const G = groupAdmin('G');
    const data = makeKickedNotice({ admin: G, removedSessionIds: [id.C.sessionId], generation: k.current_generation, random: oracleRandom(k.rng_label) });
    expect(toHex(data)).toBe(k.data_hex);
    const c = decryptKickedNotice({ data, identity: id.C, groupX25519PublicKey: G.x25519PublicKey, currentGeneration: 0 });
    expect(c.ok && c.value).toEqual({ kicked: true, generation: 1 });
    // Re-added since (we already hold a newer generation): not kicked.
    const later = decryptKickedNotice({ data, identity: id.C, groupX25519PublicKey: G.x25519PublicKey, currentGeneration: 2 });
    expect(later.ok && later.value).toEqual({ kicked: false, generation: 1 });
    const b = decryptKickedNotice({ data, identity: id.B, groupX25519PublicKey: G.x25519PublicKey, currentGeneration: 0 });
    expect(b.ok && b.value).toEqual({ kicked: false, generation: null });
    expect(toHex(makeSubaccountToken(G, id.C.sessionId, FLAGS.read_write as number))).toBe(k.revoke_token_for_C_hex);
  });
});

describe('advanced-vectors part C: multi_encrypt and the derived subaccount', () => {
  const adv = Object.fromEntries((loadJson<Json>('vectors/advanced-vectors.json').vectors as Json[]).map((v) => [v.name, v]));

  test('multi_encrypt: the same message and one per recipient, byte for byte; each recipient opens its own', () => {
    const v = adv.multi_encrypt;
    const ids = (v.inputs.seeds as string[]).map((s) => identityFromEd25519Seed(hex(s)));
    expect(ids.map((i) => toHex(i.x25519.publicKey))).toEqual(v.inputs.x25519_pubkeys);
    const [sender, ...recipients] = ids as [Identity, ...Identity[]];
    const common = { nonce: hex(v.inputs.nonce), senderX25519SecretKey: sender.x25519.secretKey, senderX25519PublicKey: sender.x25519.publicKey, domain: v.inputs.domain };
    const rx = recipients.slice(0, 3).map((r) => r.x25519.publicKey);
    const enc = (words: string[]): string[] => encryptForMultiple({ ...common, messages: words.map((w) => new TextEncoder().encode(w)), recipients: rx }).map(toHex);
    expect(enc(['hello'])).toEqual(v.outputs.same_message_hello);
    expect(enc(['hello', 'cruel', 'world'])).toEqual(v.outputs.per_recipient_hello_cruel_world);
    const cts = (v.outputs.per_recipient_hello_cruel_world as string[]).map(hex);
    recipients.slice(0, 3).forEach((r, i) => {
      const open = decryptForMultiple({ ciphertexts: cts, nonce: common.nonce, recipientX25519SecretKey: r.x25519.secretKey, recipientX25519PublicKey: r.x25519.publicKey, senderX25519PublicKey: sender.x25519.publicKey, domain: v.inputs.domain });
      expect(new TextDecoder().decode(open as Uint8Array)).toBe(['hello', 'cruel', 'world'][i]);
    });
    const outsider = recipients[3] as Identity;
    expect(decryptForMultiple({ ciphertexts: cts, nonce: common.nonce, recipientX25519SecretKey: outsider.x25519.secretKey, recipientX25519PublicKey: outsider.x25519.publicKey, senderX25519PublicKey: sender.x25519.publicKey, domain: v.inputs.domain })).toBeNull();
  });

  test('group_keys_and_subaccount_derived: token, auth data and the negative-key member’s signature', () => {
    const v = adv.group_keys_and_subaccount_derived;
    const G = groupKeysFromSeed(hex(v.inputs.group_seed));
    const member1 = identityFromEd25519Seed(hex(v.inputs.member1_seed));
    expect(toHex(member1.x25519.publicKey)).toBe(v.inputs.member1_x25519);
    const auth = makeSubaccountAuthData(G, member1.sessionId, SubaccountFlag.read | SubaccountFlag.write);
    expect(toHex(auth)).toBe(v.outputs.auth_data_100);
    expect(toHex(auth.subarray(4, 36))).toBe(v.outputs.subaccount_k);
    expect(toHex(makeSubaccountToken(G, member1.sessionId, 3))).toBe(v.outputs.token_36);
    expect(((member1.ed25519.publicKey[31] as number) & 0x80) !== 0).toBe(v.outputs.member1_pubkey_negative);
    const sig = subaccountSign(member1, auth, new TextEncoder().encode(v.inputs.subaccount_sign_message_ascii));
    expect(toHex(sig.signature)).toBe(v.outputs.subaccount_signature);
  });
});
