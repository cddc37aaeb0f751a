// Attachment/avatar crypto and ONS against the vectors (legacy AES-CBC+HMAC, size padding,
// AES-GCM avatar, S-format sizes, oracle ONS decryption).
import {
  loadProtocol,
  attachmentPaddedSize,
  buildOnsResolveRequest,
  bytesToUtf8,
  decryptAttachment,
  decryptAvatar,
  decryptDeterministicAttachment,
  decryptOnsValue,
  deterministicEncryptedSize,
  deterministicPadding,
  encryptAttachment,
  encryptAttachmentWithKey,
  encryptAvatarWithKey,
  onsNameHash,
  sodium,
  utf8ToBytes,
  validateOnsName,
} from '../../../ts/protocol';
import { hex, loadJson, toHex } from './helpers';

type Rec = Record<string, unknown>;
const mv = loadJson<Rec>('vectors/messaging-vectors.json');
const ov = loadJson<{ ons: { name: string; inputs: Rec; outputs: Rec }[] }>('vectors/oracle-vectors.json');
const att = mv.attachments as Record<string, Rec>;

beforeAll(loadProtocol);

describe('legacy attachment (computed)', () => {
  const v = att.legacy_aes_cbc_hmac as Rec;
  test('encrypts to blob_hex with digest_hex and decrypts back', () => {
    const e = encryptAttachmentWithKey(utf8ToBytes(v.plaintext_ascii as string), hex(v.key_hex as string), hex(v.iv_hex as string), false);
    expect(toHex(e.blob)).toBe(v.blob_hex);
    expect(toHex(e.digest)).toBe(v.digest_hex);
    const d = decryptAttachment({ blob: e.blob, key: e.key, digest: e.digest, size: 16 });
    expect(d.ok && bytesToUtf8(d.value)).toBe('hello attachment');
  });
  test('receiver checks MAC, digest, size', () => {
    const blob = hex(v.blob_hex as string);
    const key = hex(v.key_hex as string);
    const digest = hex(v.digest_hex as string);
    const kinds = [
      decryptAttachment({ blob, key, digest: null, size: 16 }),
      decryptAttachment({ blob, key, digest: new Uint8Array(32), size: 16 }),
      decryptAttachment({ blob, key, digest, size: 0 }),
      decryptAttachment({ blob, key, digest, size: 17 }),
      decryptAttachment({ blob: blob.map((b, i) => (i === 20 ? b ^ 1 : b)), key, digest, size: 16 }),
    ].map((r) => (r.ok ? 'ok' : r.error.kind));
    expect(kinds).toEqual(Array(5).fill('attachment_invalid'));
    const noDigest = decryptAttachment({ blob, key, digest: null, size: 16 });
    expect(!noDigest.ok && noDigest.error.message).toContain('update Session');
  });
  test('random-key round trip pads and truncates to size', () => {
    let n = 0;
    const e = encryptAttachment(utf8ToBytes('0123456789'), (len) => new Uint8Array(len).fill(++n));
    expect(e.size).toBe(10);
    expect(e.blob.length).toBe(16 + 544 + 32); // 541 padded -> 544 after PKCS#7
    const d = decryptAttachment(e);
    expect(d.ok && bytesToUtf8(d.value)).toBe('0123456789');
  });
});

test('attachment size padding (upstream)', () => {
  for (const ex of (att.legacy_size_padding as { examples: { L: number; padded_len: number }[] }).examples) {
    expect(attachmentPaddedSize(ex.L)).toBe(ex.padded_len);
  }
});

test('deterministic S-format sizes (upstream table)', () => {
  for (const row of (att.deterministic_S_format_sizes as { table: { L: number; encrypted_len: number }[] }).table) {
    expect([row.L, deterministicEncryptedSize(row.L)]).toEqual([row.L, row.encrypted_len]);
  }
});

describe('S-format decryption (consistency: blob built with libsodium secretstream)', () => {
  function buildS(data: Uint8Array, key: Uint8Array): Uint8Array {
    const s = sodium();
    const pad = deterministicPadding(data.length);
    const stream = new Uint8Array(pad + data.length);
    stream[pad - 1] = 0x01;
    stream.set(data, pad);
    const { state, header } = s.crypto_secretstream_xchacha20poly1305_init_push(key);
    const chunks: Uint8Array[] = [Uint8Array.of(0x53), header];
    for (let off = 0; off < stream.length; off += 32768) {
      const last = off + 32768 >= stream.length;
      const tag = last ? s.crypto_secretstream_xchacha20poly1305_TAG_FINAL : s.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
      chunks.push(s.crypto_secretstream_xchacha20poly1305_push(state, stream.subarray(off, off + 32768), null, tag));
    }
    return new Uint8Array(Buffer.concat(chunks));
  }
  test.each([0, 5, 4053, 40000, 70000])('length %d', (len) => {
    const key = new Uint8Array(32).fill(9);
    const data = new Uint8Array(len).map((_, i) => i % 251);
    const blob = buildS(data, key);
    expect(blob.length).toBe(deterministicEncryptedSize(len));
    const d = decryptDeterministicAttachment(blob, key);
    expect(d.ok && toHex(d.value)).toBe(toHex(data));
    expect(decryptDeterministicAttachment(blob, new Uint8Array(32)).ok).toBe(false);
    expect(decryptDeterministicAttachment(blob.subarray(0, blob.length - 1), key).ok).toBe(false);
  });
});

describe('avatar AES-GCM (computed)', () => {
  const v = mv.avatar_legacy_aes_gcm as Rec;
  test('encrypts to output_hex and decrypts', () => {
    const out = encryptAvatarWithKey(utf8ToBytes(v.plaintext_ascii as string), hex(v.profile_key_hex as string), hex(v.iv_hex as string));
    expect(toHex(out)).toBe(v.output_hex);
    const d = decryptAvatar(out, hex(v.profile_key_hex as string));
    expect(d.ok && bytesToUtf8(d.value)).toBe('avatar');
    expect(decryptAvatar(out.subarray(0, 28), hex(v.profile_key_hex as string)).ok).toBe(false);
  });
});

describe('ONS', () => {
  test.each(ov.ons.map((v) => [v.name, v]))('oracle %s', (_n, v) => {
    const name = validateOnsName(v.inputs.lowercase_name);
    if (!name.ok) throw name.error;
    const r = decryptOnsValue(name.value, hex(v.inputs.ciphertext_hex as string), hex(v.inputs.nonce_hex as string));
    expect(r.ok && r.value).toBe(v.outputs.session_id);
    const bad = decryptOnsValue(name.value + 'x', hex(v.inputs.ciphertext_hex as string), hex(v.inputs.nonce_hex as string));
    expect(!bad.ok && bad.error.kind).toBe('ons_decrypt_failed');
  });
  test('name validation and hash', () => {
    expect(validateOnsName('Session-Bob_2025')).toEqual({ ok: true, value: 'session-bob_2025' });
    for (const bad of ['', '-bob', 'bob-', 'bo b', 'bob!', 42]) {
      const r = validateOnsName(bad);
      expect(!r.ok && r.error.kind).toBe('ons_invalid_name');
    }
    expect(onsNameHash('alice').length).toBe(32);
    expect(buildOnsResolveRequest(onsNameHash('alice')).params.endpoint).toBe('ons_resolve');
    expect(decryptOnsValue('alice', new Uint8Array(49), undefined).ok).toBe(false);
  });
});
