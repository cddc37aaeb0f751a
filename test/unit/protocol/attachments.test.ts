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
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENT_PLAINTEXT_BYTES,
  onsNameHash,
  sodium,
  utf8ToBytes,
  validateOnsName,
} from '../../../ts/protocol';
import { createDecipheriv, createHash, createHmac } from 'node:crypto';
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

// The §7.6 vectors again, this time as bytes written out in this file and taken apart with node:crypto
// alone, so a wrong fixture file or a shared bug in our helpers cannot make them pass.
describe('spec §7.6 vectors, hand-checked', () => {
  const key = hex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f');
  const iv = hex('404142434445464748494a4b4c4d4e4f');
  // 16-byte plaintext -> 32 bytes of CBC (PKCS#7 adds a whole block), framed by the IV and the 32-byte MAC: 80 bytes.
  const ct = '15df7b3cae2603fc75d5791643f3bbca680e385e6a6bc49f4ed7a7babf67632c';
  const mac = '1a57cc6770b14498af9a9d74e9a5db58100affafcfcd995fbae85c81ee4a36f9';
  const blobHex = `404142434445464748494a4b4c4d4e4f${ct}${mac}`;
  const digestHex = '4303a1ea9653862c7d0cb90a7afea5b65a2d322fb12fef0b8893893c6ece5b7f';

  test('legacy blob = iv || AES-256-CBC(aesKey) || HMAC-SHA256(macKey, iv || ct), digest = SHA-256(blob)', () => {
    const e = encryptAttachmentWithKey(utf8ToBytes('hello attachment'), key, iv, false);
    expect(toHex(e.blob)).toBe(blobHex);
    expect(e.blob.length).toBe(80);
    const d = createDecipheriv('aes-256-cbc', key.subarray(0, 32), iv);
    expect(Buffer.concat([d.update(hex(ct)), d.final()]).toString('utf8')).toBe('hello attachment');
    expect(createHmac('sha256', key.subarray(32)).update(hex(`404142434445464748494a4b4c4d4e4f${ct}`)).digest('hex')).toBe(mac);
    expect(createHash('sha256').update(hex(blobHex)).digest('hex')).toBe(digestHex);
    expect(toHex(e.digest)).toBe(digestHex);
  });

  test('size padding: 541 at least, then floor(1.05^k), capped at 10,000,000', () => {
    // 1.05^129 = 541.28, 1.05^130 = 568.34, 1.05^131 = 596.76, 1.05^142 = 1020.66, 1.05^330 = 9,828,080.23.
    const cases: [number, number][] = [
      [1, 541],
      [10, 541],
      [541, 541],
      [542, 568],
      [568, 568],
      [569, 596],
      [1000, 1020],
      [9_828_080, 9_828_080],
      [9_828_081, 10_000_000],
      [9_999_999, 10_000_000],
      [10_000_000, 10_000_000],
    ];
    expect(cases.map(([l]) => [l, attachmentPaddedSize(l)])).toEqual(cases);
  });

  test('avatar AES-256-GCM: iv(12) || ciphertext || tag(16), no padding', () => {
    const profileKey = hex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
    const out = encryptAvatarWithKey(utf8ToBytes('avatar'), profileKey, hex('000102030405060708090a0b'));
    expect(toHex(out)).toBe('000102030405060708090a0b' + '2674b76fa497' + '5056c7f27023be98fc8b9defd85459e4');
    const d = createDecipheriv('aes-256-gcm', profileKey, hex('000102030405060708090a0b'));
    d.setAuthTag(hex('5056c7f27023be98fc8b9defd85459e4'));
    expect(Buffer.concat([d.update(hex('2674b76fa497')), d.final()]).toString('utf8')).toBe('avatar');
  });
});

describe('MAX_ATTACHMENT_PLAINTEXT_BYTES (the file server takes blobs of 10,000,000 bytes at most)', () => {
  const key = new Uint8Array(64).fill(7);
  const iv = new Uint8Array(16).fill(8);
  test('exactly at the limit the padded blob fits; one byte more it does not', () => {
    expect(MAX_ATTACHMENT_BYTES).toBe(10_000_000);
    const at = encryptAttachmentWithKey(new Uint8Array(MAX_ATTACHMENT_PLAINTEXT_BYTES), key, iv, true);
    expect(at.blob.length).toBe(9_828_144); // 9,828,080 + 16 (PKCS#7) + 16 (iv) + 32 (MAC)
    expect(at.blob.length).toBeLessThanOrEqual(MAX_ATTACHMENT_BYTES);
    const over = encryptAttachmentWithKey(new Uint8Array(MAX_ATTACHMENT_PLAINTEXT_BYTES + 1), key, iv, true);
    expect(over.blob.length).toBe(10_000_064);
    expect(over.blob.length).toBeGreaterThan(MAX_ATTACHMENT_BYTES);
  });
  test('encryptAttachment sends the limit and refuses one byte more, naming the limit', () => {
    let n = 0;
    const random = (len: number): Uint8Array => new Uint8Array(len).fill(++n);
    const ok = encryptAttachment(new Uint8Array(MAX_ATTACHMENT_PLAINTEXT_BYTES).fill(1), random);
    expect([ok.size, ok.blob.length <= MAX_ATTACHMENT_BYTES]).toEqual([MAX_ATTACHMENT_PLAINTEXT_BYTES, true]);
    expect(() => encryptAttachment(new Uint8Array(MAX_ATTACHMENT_PLAINTEXT_BYTES + 1), random)).toThrow(
      'This file is too large to send: the limit is 9,828,080 bytes.',
    );
    expect(() => encryptAttachment(new Uint8Array(0), random)).toThrow('An empty file cannot be sent.');
  });
});
