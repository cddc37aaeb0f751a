// Config encryption and padding (spec advanced B.6 step 3, B.8) against libsession's own test vectors
// and every push of the oracle run: the padded plaintexts and ciphertexts are reproduced exactly.
import {
  CONFIG_ENCRYPT_OVERHEAD,
  configPaddedSize,
  decryptConfig,
  encryptConfig,
  loadProtocol,
  padConfigMessage,
  stripConfigPadding,
  utf8ToBytes,
} from '../../../../ts/protocol';
import { hex, toHex } from '../helpers';
import { advancedVector, oraclePushes } from './pipelineVectors';

beforeAll(loadProtocol);

describe('config_encrypt_basic (libsession tests/test_encrypt.cpp)', () => {
  const v = advancedVector('config_encrypt_basic');
  const keyBase = hex(v.inputs.key_base as string);
  const msg = utf8ToBytes(v.inputs.message_utf8 as string);

  test('ciphertext || nonce is reproduced exactly', () => {
    const out = encryptConfig(keyBase, v.inputs.domain as string, msg);
    expect(toHex(out)).toBe(v.outputs.ciphertext);
    expect(out.length).toBe(msg.length + CONFIG_ENCRYPT_OVERHEAD);
    expect(toHex(out.subarray(out.length - 24))).toBe(v.outputs.nonce);
  });

  test('the nonce depends on the domain', () => {
    const out = encryptConfig(keyBase, 'test-suite2', msg);
    expect(toHex(out.subarray(out.length - 24))).toBe(v.outputs['nonce_with_domain_test-suite2']);
  });

  test('decrypts back; the other domain, another key or one flipped bit is refused', () => {
    const out = hex(v.outputs.ciphertext as string);
    const back = decryptConfig(keyBase, 'test-suite1', out);
    expect(back.ok && Buffer.from(back.value).toString('utf8')).toBe('some message 1');
    const wrongDomain = decryptConfig(keyBase, 'test-suite2', out);
    expect(!wrongDomain.ok && wrongDomain.error.kind).toBe('config_decrypt_failed');
    const otherKey = keyBase.slice();
    otherKey[0] ^= 1;
    const wrongKey = decryptConfig(otherKey, 'test-suite1', out);
    expect(!wrongKey.ok && wrongKey.error.kind).toBe('config_decrypt_failed');
    for (const at of [0, 10, out.length - 30, out.length - 1]) {
      const bad = out.slice();
      bad[at] ^= 0x20;
      const r = decryptConfig(keyBase, 'test-suite1', bad);
      expect(!r.ok && r.error.kind).toBe('config_decrypt_failed');
    }
    const short = decryptConfig(keyBase, 'test-suite1', out.subarray(0, 39));
    expect(!short.ok && short.error.kind).toBe('config_too_short');
  });

  test('invalid arguments', () => {
    expect(() => encryptConfig(new Uint8Array(31), 'x', msg)).toThrow('32 bytes');
    expect(() => encryptConfig(keyBase, '', msg)).toThrow('domain');
    expect(() => encryptConfig(keyBase, 'x'.repeat(25), msg)).toThrow('domain');
    const r = decryptConfig(keyBase, '', hex(v.outputs.ciphertext as string));
    expect(!r.ok && r.error.kind).toBe('invalid_argument');
  });
});

describe('config_padding_sizes (libsession static asserts)', () => {
  const cases = advancedVector('config_padding_sizes').outputs.cases as { size: number; overhead: number; padded_size: number }[];
  test.each(cases.map((c) => [c.size, c.overhead, c.padded_size]))('padded_size(%i, %i) = %i', (size, overhead, padded) => {
    expect(configPaddedSize(size, overhead)).toBe(padded);
  });

  test('padding prefixes zeros so that length + 40 is a chunk multiple; stripping removes exactly them', () => {
    for (const len of [1, 23, 215, 216, 217, 472, 5079, 5081, 20439, 40921, 76000]) {
      const m = new Uint8Array(len).fill(0x64);
      const p = padConfigMessage(m);
      expect(p.length).toBe(configPaddedSize(len));
      expect(p.length).toBeGreaterThanOrEqual(len);
      expect(p.subarray(p.length - len)).toEqual(m);
      expect(p.subarray(0, p.length - len).every((b) => b === 0)).toBe(true);
      expect(stripConfigPadding(p)).toEqual(m);
    }
  });
});

describe('user_profile_push1 (libsession tests/test_config_userprofile.cpp)', () => {
  const v = advancedVector('user_profile_push1');
  test('36 zero bytes are prefixed and the 256-byte ciphertext is reproduced exactly', () => {
    const plain = hex(v.inputs.plaintext_hex as string);
    const padded = padConfigMessage(plain);
    expect(toHex(padded)).toBe(v.inputs.padded_plaintext_hex);
    expect(padded.length - plain.length).toBe(36);
    const out = encryptConfig(hex(v.inputs.ed25519_seed as string), 'UserProfile', padded);
    expect(toHex(out)).toBe(v.outputs.ciphertext);
    const back = decryptConfig(hex(v.inputs.ed25519_seed as string), 'UserProfile', out);
    expect(back.ok && toHex(back.value)).toBe(v.inputs.padded_plaintext_hex);
  });
});

describe('oracle config pushes: encrypt(padded) == inner ciphertext', () => {
  test.each(oraclePushes().map(([type, step, push, c]) => [type, step, push, c] as const))('%s %s', (_type, _step, push, c) => {
    const key = hex(c.user_ed25519_seed_hex);
    const out = encryptConfig(key, c.encryption_domain, hex(push.decrypted_padded_hex));
    expect(toHex(out)).toBe(push.inner_config_ciphertext_hex);
    expect(out.length).toBe(push.inner_config_ciphertext_len);
    const back = decryptConfig(key, c.encryption_domain, out);
    expect(back.ok && toHex(back.value)).toBe(push.decrypted_padded_hex);
  });
});
