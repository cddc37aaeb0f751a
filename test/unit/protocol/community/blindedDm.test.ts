// Blinded community DMs (advanced.md A.10) against blinded_dm_derived (advanced-vectors.json, confirmed by the
// libsession oracle) and the 24 oracle blinded_dm cases (15 and 25, two servers, recipient and outbox sides).
import {
  loadProtocol,
  blind15Id,
  decodeBlindedDmContent,
  decryptBlindedDm,
  decryptBlindedDmOutbox,
  ed25519KeyPairFromSeed,
  encodeBlindedDmContent,
  encryptBlindedDm,
  sessionIdFromEd25519,
  utf8ToBytes,
  blake2b,
  blind15Factor,
  concatBytes,
  ed25519SecretToX25519,
  sodium,
} from '../../../../ts/protocol';
import { hex, loadJson, toHex } from '../helpers';

type Rec = Record<string, string>;
const av = loadJson<{ vectors: Array<{ name: string; inputs: Rec; outputs: Rec }> }>('vectors/advanced-vectors.json');
const ov = loadJson<{ blinded_dm: Array<{ name: string; inputs: Rec; outputs: Rec }> }>('vectors/oracle-vectors.json');
const derived = av.vectors.find((v) => v.name === 'blinded_dm_derived') as { inputs: Rec; outputs: Rec };
const sk = (seedHex: string) => ed25519KeyPairFromSeed(hex(seedHex)).secretKey;

beforeAll(loadProtocol);

test.each(['15', '25'])('blinded_dm_derived %s: ciphertext byte for byte, recipient and outbox decryption', (kind) => {
  const sender = sk(derived.inputs.sender_seed!);
  const recipient = sk(derived.inputs.recipient_seed!);
  const server = hex(derived.inputs.server_pubkey!);
  const recipientId = derived.outputs[`recipient_blinded${kind}`]!;
  const senderId = derived.outputs[`sender_blinded${kind}`]!;
  const ct = encryptBlindedDm({ ed25519SecretKey: sender, serverPubkey: server, recipientBlindedId: recipientId, plaintext: utf8ToBytes(derived.inputs.message_utf8!), nonce: hex(derived.inputs.nonce!) });
  expect(toHex(ct)).toBe(derived.outputs[`ciphertext${kind}`]);
  const inbox = decryptBlindedDm({ ed25519SecretKey: recipient, serverPubkey: server, senderBlindedId: senderId, ciphertext: ct });
  expect(inbox.ok).toBe(true);
  if (inbox.ok) {
    expect(new TextDecoder().decode(inbox.value.plaintext)).toBe('hello');
    expect(toHex(inbox.value.senderEd25519)).toBe(derived.inputs.sender_ed25519_pk);
    expect(inbox.value.senderSessionId).toBe(sessionIdFromEd25519(hex(derived.inputs.sender_ed25519_pk!)));
  }
  const outbox = decryptBlindedDmOutbox({ ed25519SecretKey: sender, serverPubkey: server, recipientBlindedId: recipientId, ciphertext: ct });
  expect(outbox.ok && new TextDecoder().decode(outbox.value.plaintext)).toBe('hello');
});

test('oracle blinded_dm: every libsession case (15/25, 0/5/200 bytes, two servers) both ways', () => {
  expect(ov.blinded_dm.length).toBe(24);
  for (const v of ov.blinded_dm) {
    const sender = sk(v.inputs.sender_ed25519_seed_hex!);
    const recipient = sk(v.inputs.recipient_ed25519_seed_hex!);
    const server = hex(v.inputs.server_pk_hex!);
    const ct = encryptBlindedDm({ ed25519SecretKey: sender, serverPubkey: server, recipientBlindedId: v.inputs.recipient_blinded_id!, plaintext: hex(v.inputs.message_hex!), nonce: hex(v.inputs.nonce_hex!) });
    expect([v.name, toHex(ct)]).toEqual([v.name, v.outputs.ciphertext_hex]);
    const inbox = decryptBlindedDm({ ed25519SecretKey: recipient, serverPubkey: server, senderBlindedId: v.inputs.sender_blinded_id!, ciphertext: hex(v.outputs.ciphertext_hex!) });
    expect(inbox.ok).toBe(true);
    if (inbox.ok) {
      expect(toHex(inbox.value.plaintext)).toBe(v.outputs.recipient_decrypt_plaintext_hex);
      expect(inbox.value.senderSessionId).toBe(v.outputs.recipient_decrypt_sender_session_id);
    }
    const outbox = decryptBlindedDmOutbox({ ed25519SecretKey: sender, serverPubkey: server, recipientBlindedId: v.inputs.recipient_blinded_id!, ciphertext: hex(v.outputs.ciphertext_hex!) });
    expect(outbox.ok).toBe(true);
    if (outbox.ok) {
      expect(toHex(outbox.value.plaintext)).toBe(v.outputs.sender_decrypt_outgoing_plaintext_hex);
      expect(outbox.value.senderSessionId).toBe(v.outputs.sender_decrypt_outgoing_session_id);
    }
  }
});

describe('checks', () => {
  const server = hex(derived.inputs.server_pubkey!);
  const nonce = hex(derived.inputs.nonce!);
  let sender: Uint8Array;
  let recipient: Uint8Array;
  let ct: Uint8Array;
  beforeAll(() => {
    sender = sk(derived.inputs.sender_seed!);
    recipient = sk(derived.inputs.recipient_seed!);
    ct = hex(derived.outputs.ciphertext15!);
  });

  test('a sender id other than the one the message was encrypted with is refused', () => {
    const senderId = derived.outputs.sender_blinded15!;
    const flipped = `${senderId.slice(0, 64)}${(parseInt(senderId.slice(64), 16) ^ 0x80).toString(16).padStart(2, '0')}`;
    const wrong = decryptBlindedDm({ ed25519SecretKey: recipient, serverPubkey: server, senderBlindedId: flipped, ciphertext: ct });
    expect(wrong.ok || wrong.error.kind).toBe('decrypt_failed');
    const other = decryptBlindedDm({ ed25519SecretKey: recipient, serverPubkey: server, senderBlindedId: blind15Id(sk('11'.repeat(32)), server), ciphertext: ct });
    expect(other.ok || other.error.kind).toBe('decrypt_failed');
  });

  test('the bit-255-flipped variant is accepted: a sender blinded from |A| (k·|A|, scalar −a) is still identified', () => {
    // seed2 of the libsession tests has a negative Ed25519 key, so k·|A| is the flipped form of its real k·A.
    const neg = sk('8659efdcbe0949e0f81141e6d397e8be75f45d09262f209d5950e97989eb43c7');
    const s = sodium();
    const A = neg.subarray(32);
    const absA = A.slice();
    absA[31] = absA[31]! & 0x7f;
    const kAbs = s.crypto_scalarmult_ed25519_noclamp(blind15Factor(server), absA);
    const kB = hex(blind15Id(recipient, server).slice(2));
    const negA = s.crypto_core_ed25519_scalar_negate(ed25519SecretToX25519(neg));
    const key = blake2b(concatBytes(s.crypto_scalarmult_ed25519_noclamp(negA, kB), kAbs, kB), 32);
    const sealed = s.crypto_aead_xchacha20poly1305_ietf_encrypt(concatBytes(utf8ToBytes('hi'), A), null, null, nonce, key);
    const m = concatBytes(new Uint8Array([0]), sealed, nonce);
    expect(`15${toHex(kAbs)}`).not.toBe(blind15Id(neg, server));
    const r = decryptBlindedDm({ ed25519SecretKey: recipient, serverPubkey: server, senderBlindedId: `15${toHex(kAbs)}`, ciphertext: m });
    expect(r.ok && r.value.senderSessionId).toBe(sessionIdFromEd25519(A));
  });

  test('a negative-key sender (its 15 id is the flipped candidate of its Session ID) is identified', () => {
    // seed2 of the libsession tests has a negative Ed25519 key.
    const neg = sk('8659efdcbe0949e0f81141e6d397e8be75f45d09262f209d5950e97989eb43c7');
    expect(neg[63]! & 0x80).toBe(0x80);
    const m = encryptBlindedDm({ ed25519SecretKey: neg, serverPubkey: server, recipientBlindedId: blind15Id(recipient, server), plaintext: utf8ToBytes('hi'), nonce });
    const r = decryptBlindedDm({ ed25519SecretKey: recipient, serverPubkey: server, senderBlindedId: blind15Id(neg, server), ciphertext: m });
    expect(r.ok && r.value.senderSessionId).toBe(sessionIdFromEd25519(neg.subarray(32)));
  });

  test('tampering, truncation, an unknown version, and an outbox message that is not ours', () => {
    const senderId = derived.outputs.sender_blinded15!;
    const bad = ct.slice();
    bad[10] = bad[10]! ^ 1;
    for (const c of [bad, ct.subarray(0, 40), Uint8Array.from([1, ...ct.subarray(1)])]) {
      const r = decryptBlindedDm({ ed25519SecretKey: recipient, serverPubkey: server, senderBlindedId: senderId, ciphertext: c });
      expect(r.ok || r.error.kind).toBe('decrypt_failed');
    }
    const notOurs = decryptBlindedDmOutbox({ ed25519SecretKey: recipient, serverPubkey: server, recipientBlindedId: senderId, ciphertext: ct });
    expect(notOurs.ok).toBe(false);
    const badId = decryptBlindedDm({ ed25519SecretKey: recipient, serverPubkey: server, senderBlindedId: `05${'00'.repeat(32)}`, ciphertext: ct });
    expect(badId.ok || badId.error.kind).toBe('invalid_argument');
  });

  test('Content round trip through a padded DM', () => {
    const padded = encodeBlindedDmContent({ dataMessage: { body: 'psst', timestamp: 1_700_000_000_000 } }, 1_700_000_000_000);
    expect(padded.length % 160).toBe(0);
    const m = encryptBlindedDm({ ed25519SecretKey: sender, serverPubkey: server, recipientBlindedId: blind15Id(recipient, server), plaintext: padded, nonce });
    const r = decryptBlindedDm({ ed25519SecretKey: recipient, serverPubkey: server, senderBlindedId: blind15Id(sender, server), ciphertext: m });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const c = decodeBlindedDmContent(r.value.plaintext);
    expect(c.ok && c.value.dataMessage?.body).toBe('psst');
    expect(c.ok && Number(c.value.sigTimestamp)).toBe(1_700_000_000_000);
  });
});
