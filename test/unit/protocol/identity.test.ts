// Identity derivation and Session ID parsing against the upstream and oracle vectors.
import {
  loadProtocol,
  identityFromRecoverySeed,
  identityFromEd25519Seed,
  ed25519KeyPairFromSeed,
  ed25519PublicToX25519,
  ed25519SecretToX25519,
  ed25519Sign,
  ed25519Verify,
  parseSessionId,
  parseRecipientSessionId,
  sessionIdFromEd25519,
  utf8ToBytes,
} from '../../../ts/protocol';
import { hex, loadJson, toHex } from './helpers';

interface Rec { [k: string]: string | number | undefined }
const mv = loadJson<{ identity_from_recovery_seed: Rec[]; ed25519_x25519_conversions: Rec[] }>('vectors/messaging-vectors.json');
const ov = loadJson<{ identities: Rec[] }>('vectors/oracle-vectors.json');

beforeAll(loadProtocol);

describe('identity_from_recovery_seed (upstream + computed)', () => {
  test.each(mv.identity_from_recovery_seed.map((v) => [v.seed16_hex, v]))('seed %s', (_s, v) => {
    const id = identityFromRecoverySeed(hex(v.seed16_hex as string));
    expect(toHex(id.ed25519Seed)).toBe(v.ed25519_seed_hex);
    expect(toHex(id.ed25519.publicKey)).toBe(v.ed25519_pk_hex);
    expect(toHex(id.ed25519.secretKey)).toBe(v.ed25519_sk_hex_libsodium64);
    expect(toHex(id.x25519.publicKey)).toBe(v.x25519_pk_hex);
    expect(toHex(id.x25519.secretKey)).toBe(v.x25519_sk_hex);
    expect(id.sessionId).toBe(v.session_id);
  });
});

describe('oracle identities (libsession)', () => {
  test.each(ov.identities.map((v) => [v.label, v]))('identity %s', (_l, v) => {
    const id = identityFromEd25519Seed(hex(v.ed25519_seed_hex as string));
    expect(toHex(id.ed25519.publicKey)).toBe(v.ed25519_pk_hex);
    expect(toHex(id.x25519.publicKey)).toBe(v.x25519_pk_hex);
    expect(toHex(id.x25519.secretKey)).toBe(v.x25519_sk_hex);
    expect(id.sessionId).toBe(v.session_id);
  });
});

describe('ed25519_x25519_conversions (upstream)', () => {
  test.each(mv.ed25519_x25519_conversions.map((v, i) => [i, v.note, v]))('#%d %s', (_i, _n, v) => {
    if (v.signature_hex !== undefined) {
      const kp = ed25519KeyPairFromSeed(hex(v.ed25519_seed_hex as string));
      const msg = utf8ToBytes(v.message_ascii as string);
      const sig = ed25519Sign(kp.secretKey, msg);
      expect(toHex(sig)).toBe(v.signature_hex);
      expect(ed25519Verify(sig, msg, kp.publicKey)).toBe(true);
      sig[0] ^= 1;
      expect(ed25519Verify(sig, msg, kp.publicKey)).toBe(false);
      return;
    }
    if (v.ed25519_sk_hex !== undefined) {
      expect(toHex(ed25519SecretToX25519(hex(v.ed25519_sk_hex as string)))).toBe(v.x25519_sk_hex);
      return;
    }
    if (v.ed25519_seed_hex !== undefined) {
      const kp = ed25519KeyPairFromSeed(hex(v.ed25519_seed_hex as string));
      expect(toHex(kp.publicKey)).toBe(v.ed25519_pk_hex);
      if (v.session_id !== undefined) expect(sessionIdFromEd25519(kp.publicKey)).toBe(v.session_id);
      return;
    }
    expect(toHex(ed25519PublicToX25519(hex(v.ed25519_pk_hex as string)))).toBe(v.x25519_pk_hex);
  });
});

describe('Session ID parsing', () => {
  const key = 'd2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72';
  test.each(['05', '03', '15', '25', '00'])('accepts prefix %s', (p) => {
    const r = parseSessionId(p + key);
    expect(r.ok && r.value.prefix).toBe(p);
    expect(r.ok && toHex(r.value.key)).toBe(key);
  });
  test('normalises case and whitespace', () => {
    const r = parseRecipientSessionId(`  05${key.toUpperCase()}\n`);
    expect(r.ok && r.value.hex).toBe(`05${key}`);
  });
  test.each([
    ['05' + key.slice(2), 'session_id_length'],
    ['05' + key + 'aa', 'session_id_length'],
    ['', 'session_id_length'],
    ['05' + key.slice(0, 63) + 'g', 'session_id_hex'],
    ['07' + key, 'session_id_prefix'],
    [42, 'session_id_length'],
  ])('rejects %p with %s', (input, kind) => {
    const r = parseSessionId(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe(kind);
      expect(r.error.message.length).toBeGreaterThan(10);
    }
  });
  test.each(['15', '25', '03', '00'])('1:1 recipient rejects prefix %s', (p) => {
    const r = parseRecipientSessionId(p + key);
    expect(!r.ok && r.error.kind).toBe('session_id_prefix');
  });
});

describe('X25519 edge cases', () => {
  test('node:crypto X25519 matches libsodium and rejects low-order keys', async () => {
    const { x25519, x25519PublicFromSecret, sodium, encryptForRecipient, ProtocolError } = await import('../../../ts/protocol');
    const a = new Uint8Array(32).map((_, i) => i * 7 + 1);
    const b = new Uint8Array(32).map((_, i) => 255 - i);
    expect(toHex(x25519PublicFromSecret(a))).toBe(toHex(sodium().crypto_scalarmult_base(a)));
    expect(toHex(x25519(a, x25519PublicFromSecret(b)))).toBe(toHex(sodium().crypto_scalarmult(a, sodium().crypto_scalarmult_base(b))));
    expect(() => x25519(a, new Uint8Array(32))).toThrow(ProtocolError);
    const kp = ed25519KeyPairFromSeed(new Uint8Array(32).fill(1));
    expect(() => encryptForRecipient(kp, new Uint8Array(32), new Uint8Array(160), (n) => new Uint8Array(n).fill(1))).toThrow(ProtocolError);
  });
  test('imported public keys are reused and the bounded cache never returns a wrong key', async () => {
    const { x25519, x25519PublicFromSecret, sodium, ProtocolError } = await import('../../../ts/protocol');
    const a = new Uint8Array(32).fill(9);
    // More distinct keys than the cache holds, then the first ones again (evicted by then), twice each.
    const secrets = Array.from({ length: 1100 }, (_, i) => new Uint8Array(32).map((_, j) => (i * 31 + j * 7 + (i >> 8)) & 0xff));
    for (const round of [0, 1]) {
      for (const [i, b] of secrets.entries()) {
        if (round === 1 && i % 50 !== 0) continue;
        const pub = x25519PublicFromSecret(b);
        expect(toHex(x25519(a, pub))).toBe(toHex(sodium().crypto_scalarmult(a, pub)));
      }
    }
    // A low-order key is still refused when it was seen before.
    expect(() => x25519(a, new Uint8Array(32))).toThrow(ProtocolError);
    expect(() => x25519(a, new Uint8Array(32))).toThrow(ProtocolError);
  });
});
