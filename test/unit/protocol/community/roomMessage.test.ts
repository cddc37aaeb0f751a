// Room message posting and receiving (advanced.md A.9) and XEd25519. No upstream XEd25519 signature vector
// exists (its nonce is random), so XEd25519 is checked with libsodium's own Ed25519 verify against the keys
// of the libsession test seeds (blind15_libsession_ids: seed2's Ed25519 key is negative).
import {
  loadProtocol,
  blind15Id,
  buildRoomPost,
  decodeContent,
  ed25519KeyPairFromSeed,
  ed25519SecretToX25519,
  encodeContent,
  encodeRoomContent,
  openRoomMessage,
  padMessageLegacy,
  roomMessageTimeOk,
  sessionIdFromEd25519,
  signRoomMessage,
  sodium,
  utf8ToBytes,
  verifyRoomMessageSignature,
  xed25519PublicKey,
  xed25519Sign,
  xed25519Verify,
  ROOM_MESSAGE_MAX_SKEW_MS,
  MESSAGE_PADDING_BLOCK,
} from '../../../../ts/protocol';
import { hex, loadJson, prng, toHex } from '../helpers';

type Rec = Record<string, unknown>;
const av = loadJson<{ vectors: Rec[] }>('vectors/advanced-vectors.json');
const ids = av.vectors.find((x) => x.name === 'blind15_libsession_ids') as { inputs: Record<string, string> };
const auth = av.vectors.find((x) => x.name === 'sogs_auth_headers') as { inputs: Record<string, string>; outputs: Record<string, string> };

function seededRandom(seed: number): (n: number) => Uint8Array {
  const rnd = prng(seed);
  return (n) => Uint8Array.from({ length: n }, () => Math.floor(rnd() * 256));
}

beforeAll(loadProtocol);

describe('XEd25519', () => {
  const msg = utf8ToBytes('hello world');
  test('positive key (seed1): verifies with libsodium against the real Ed25519 key', () => {
    const kp = ed25519KeyPairFromSeed(hex(ids.inputs.seed1 as string));
    expect(toHex(kp.publicKey)).toBe(ids.inputs.ed25519_pk1);
    const xsk = ed25519SecretToX25519(kp.secretKey);
    const sig = xed25519Sign(xsk, msg, seededRandom(1)(64));
    expect(sodium().crypto_sign_verify_detached(sig, msg, kp.publicKey)).toBe(true);
    const xpk = hex((ids.inputs.session_id1 as string).slice(2));
    expect(toHex(xed25519PublicKey(xpk))).toBe(ids.inputs.ed25519_pk1);
    expect(xed25519Verify(sig, msg, xpk)).toBe(true);
  });

  test('negative key (seed2): the signature is for |A|, not for A', () => {
    const kp = ed25519KeyPairFromSeed(hex(ids.inputs.seed2 as string));
    expect(toHex(kp.publicKey)).toBe(ids.inputs.ed25519_pk2);
    expect(kp.publicKey[31]! & 0x80).toBe(0x80);
    const sig = xed25519Sign(ed25519SecretToX25519(kp.secretKey), msg, seededRandom(2)(64));
    const abs = kp.publicKey.slice();
    abs[31] = abs[31]! & 0x7f;
    expect(sodium().crypto_sign_verify_detached(sig, msg, kp.publicKey)).toBe(false);
    expect(sodium().crypto_sign_verify_detached(sig, msg, abs)).toBe(true);
    expect(xed25519Verify(sig, msg, hex((ids.inputs.session_id2 as string).slice(2)))).toBe(true);
  });

  test('randomised, tamper-evident, and malformed input is a plain false', () => {
    const xsk = ed25519SecretToX25519(ed25519KeyPairFromSeed(hex(ids.inputs.seed1 as string)).secretKey);
    const xpk = hex((ids.inputs.session_id1 as string).slice(2));
    const a = xed25519Sign(xsk, msg, seededRandom(3)(64));
    const b = xed25519Sign(xsk, msg, seededRandom(4)(64));
    expect(toHex(a)).not.toBe(toHex(b));
    expect(xed25519Verify(b, msg, xpk)).toBe(true);
    expect(xed25519Verify(a, utf8ToBytes('hello worle'), xpk)).toBe(false);
    const bad = a.slice();
    bad[40] = bad[40]! ^ 1;
    expect(xed25519Verify(bad, msg, xpk)).toBe(false);
    expect(xed25519Verify(a.subarray(1), msg, xpk)).toBe(false);
    expect(xed25519Verify(a, msg, xpk.subarray(1))).toBe(false);
    expect(() => xed25519Sign(xsk, msg, new Uint8Array(32))).toThrow(/64 bytes/);
  });

  test('many random keys: every signature verifies with libsodium against the converted key', () => {
    const random = seededRandom(5);
    for (let i = 0; i < 24; i++) {
      const kp = ed25519KeyPairFromSeed(random(32));
      const m = random(i * 7);
      const sig = xed25519Sign(ed25519SecretToX25519(kp.secretKey), m, random(64));
      const abs = kp.publicKey.slice();
      abs[31] = abs[31]! & 0x7f;
      expect(sodium().crypto_sign_verify_detached(sig, m, abs)).toBe(true);
    }
  });
});

describe('room messages', () => {
  const seed = hex(auth.inputs.ed25519_seed as string);
  const server = hex(auth.inputs.server_pubkey as string);
  let kp: ReturnType<typeof ed25519KeyPairFromSeed>;
  beforeAll(() => {
    kp = ed25519KeyPairFromSeed(seed);
  });
  const content = { dataMessage: { body: 'hello room', timestamp: 1_700_000_000_000, profile: { displayName: 'Alice' } } };
  const sent = 1_700_000_000_123;

  test('blinded post: 160-padded Content with sigTimestamp, signature verifies against the desktop-vector blinded key', () => {
    const post = buildRoomPost({ ed25519SecretKey: kp.secretKey, serverPubkey: server, blinded: true, random: seededRandom(6) }, content, sent);
    expect(post.data.length % MESSAGE_PADDING_BLOCK).toBe(0);
    const blindedId = blind15Id(kp.secretKey, server);
    expect(blindedId).toBe(auth.outputs.blinded_pubkey);
    expect(sodium().crypto_sign_verify_detached(post.signature, post.data, hex(blindedId.slice(2)))).toBe(true);
    const opened = openRoomMessage({ senderId: blindedId, data: post.data, signature: post.signature, postedMs: sent + 1500 });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.value.content.dataMessage?.body).toBe('hello room');
    expect(opened.value.content.dataMessage?.profile?.displayName).toBe('Alice');
    expect(opened.value.sigTimestampMs).toBe(sent);
    expect(toHex(opened.value.contentBytes)).toBe(toHex(encodeContent({ ...content, sigTimestamp: sent })));
  });

  test('unblinded post: XEd25519 with our X25519 key, verified as the 05 sender', () => {
    const post = buildRoomPost({ ed25519SecretKey: kp.secretKey, serverPubkey: server, blinded: false, random: seededRandom(7) }, content, sent);
    const sid = sessionIdFromEd25519(kp.publicKey);
    expect(verifyRoomMessageSignature(sid, post.data, post.signature)).toBe(true);
    expect(sodium().crypto_sign_verify_detached(post.signature, post.data, xed25519PublicKey(hex(sid.slice(2))))).toBe(true);
    expect(openRoomMessage({ senderId: sid, data: post.data, signature: post.signature, postedMs: sent }).ok).toBe(true);
    // Not valid for the blinded id of the same user, nor for another 05.
    expect(verifyRoomMessageSignature(blind15Id(kp.secretKey, server), post.data, post.signature)).toBe(false);
    expect(verifyRoomMessageSignature(`05${'11'.repeat(32)}`, post.data, post.signature)).toBe(false);
  });

  test('receiving: tampered data, wrong sender and the 6-hour rule', () => {
    const signer = { ed25519SecretKey: kp.secretKey, serverPubkey: server, blinded: true, random: seededRandom(8) };
    const post = buildRoomPost(signer, content, sent);
    const id = blind15Id(kp.secretKey, server);
    const tampered = post.data.slice();
    tampered[3] = tampered[3]! ^ 1;
    const r1 = openRoomMessage({ senderId: id, data: tampered, signature: post.signature, postedMs: sent });
    expect(r1.ok || r1.error.kind).toBe('signature_invalid');
    const r2 = openRoomMessage({ senderId: `15${'22'.repeat(32)}`, data: post.data, signature: post.signature, postedMs: sent });
    expect(r2.ok || r2.error.kind).toBe('signature_invalid');
    const r3 = openRoomMessage({ senderId: 'not an id', data: post.data, signature: post.signature, postedMs: sent });
    expect(r3.ok || r3.error.kind).toBe('signature_invalid');
    expect(openRoomMessage({ senderId: id, data: post.data, signature: post.signature, postedMs: sent + ROOM_MESSAGE_MAX_SKEW_MS }).ok).toBe(true);
    const r4 = openRoomMessage({ senderId: id, data: post.data, signature: post.signature, postedMs: sent + ROOM_MESSAGE_MAX_SKEW_MS + 1 });
    expect(r4.ok || r4.error.kind).toBe('timestamp_mismatch');
    expect(roomMessageTimeOk(sent - ROOM_MESSAGE_MAX_SKEW_MS - 1, sent)).toBe(false);
    expect(roomMessageTimeOk(sent, undefined)).toBe(true);
    expect(roomMessageTimeOk(sent, 0)).toBe(true);
  });

  test('receiving tolerates older padding, no padding, and a missing sigTimestamp', () => {
    const signer = { ed25519SecretKey: kp.secretKey, serverPubkey: server, blinded: true, random: seededRandom(9) };
    const id = blind15Id(kp.secretKey, server);
    const plain = encodeContent({ ...content, sigTimestamp: sent });
    const cases: Array<[Uint8Array, number]> = [
      [padMessageLegacy(plain), sent],
      [plain, sent],
      [encodeContent(content), 0],
    ];
    for (const [data, sig] of cases) {
      const r = openRoomMessage({ senderId: id, data, signature: signRoomMessage(signer, data), postedMs: sent + 10 * ROOM_MESSAGE_MAX_SKEW_MS * (sig === 0 ? 1 : 0) });
      expect(r.ok).toBe(true);
      if (r.ok) {
        expect(r.value.content.dataMessage?.body).toBe('hello room');
        expect(r.value.sigTimestampMs).toBe(sig);
      }
    }
  });

  test('garbage Content is a protobuf error, not a crash; expiry fields are not posted', () => {
    const signer = { ed25519SecretKey: kp.secretKey, serverPubkey: server, blinded: true, random: seededRandom(10) };
    const id = blind15Id(kp.secretKey, server);
    const data = new Uint8Array([0xff, 0xff, 0xff, 0x80]);
    const r = openRoomMessage({ senderId: id, data, signature: signRoomMessage(signer, data), postedMs: sent });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toMatch(/^protobuf_/);
    const bytes = encodeRoomContent({ ...content, expirationTimer: 60, expirationType: 1 }, sent);
    const decoded = decodeContent(bytes.subarray(0, bytes.lastIndexOf(0x80)));
    expect(decoded.ok && decoded.value.expirationTimer).toBe(0);
    expect(() => encodeRoomContent(content, 0)).toThrow(/send time/);
  });
});
