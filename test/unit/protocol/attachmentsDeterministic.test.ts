// Deterministic "S" attachment encryption (spec messaging §6.6). No official S vector exists (no
// upstream known-answer bytes for a given seed and plaintext): it is tested against the spec's size
// table (upstream test_attachment_encrypt.cpp), round trips through our decryption, byte equality with
// libsodium's own secretstream push from the same header and key, and libsodium's own pull.
import {
  blake2bPersonal,
  decryptDeterministicAttachment,
  deterministicEncryptedSize,
  encryptDeterministicAttachment,
  loadProtocol,
  MAX_DETERMINISTIC_PLAINTEXT_BYTES,
  secretstreamPushWithHeader,
  sodium,
} from '../../../ts/protocol';
import { loadJson, toHex } from './helpers';

type SizeTable = { table: { L: number; encrypted_len: number }[] };
const sizes = (loadJson<Record<string, Record<string, unknown>>>('vectors/messaging-vectors.json').attachments as Record<string, unknown>)
  .deterministic_S_format_sizes as SizeTable;

beforeAll(loadProtocol);

const seed = new Uint8Array(32).map((_, i) => 0xa0 + i);
const data = (len: number): Uint8Array => new Uint8Array(len).map((_, i) => (i * 7 + 3) % 256);

describe('BLAKE2b with personalisation (raw libsodium call)', () => {
  test('a zero personalisation is plain keyed BLAKE2b (the input reaches the hash)', () => {
    const input = data(1000);
    expect(toHex(blake2bPersonal(input, seed, new Uint8Array(16), 56))).toBe(toHex(sodium().crypto_generichash(56, input, seed)));
  });
  test('key and personalisation land where libsodium puts them (its wrapper hashes the empty message)', () => {
    const pers = new TextEncoder().encode('SessionAttachmnt');
    expect(toHex(blake2bPersonal(new Uint8Array(0), seed, pers, 56))).toBe(
      toHex(sodium().crypto_generichash_blake2b_salt_personal(56, seed, null, pers)),
    );
  });
});

describe('S-format encryption', () => {
  test('the stream push equals libsodium secretstream push from the same header and key', () => {
    const s = sodium();
    const key = new Uint8Array(32).fill(0x42);
    const { state, header } = s.crypto_secretstream_xchacha20poly1305_init_push(key);
    const stream = data(32768 * 2 + 100);
    const theirs: Uint8Array[] = [];
    for (let off = 0; off < stream.length; off += 32768) {
      const last = off + 32768 >= stream.length;
      theirs.push(
        s.crypto_secretstream_xchacha20poly1305_push(
          state,
          stream.subarray(off, off + 32768),
          null,
          last ? s.crypto_secretstream_xchacha20poly1305_TAG_FINAL : s.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE,
        ),
      );
    }
    expect(toHex(secretstreamPushWithHeader(stream, header, key))).toBe(toHex(Buffer.concat(theirs)));
  });

  test('every length of the spec size table encrypts to that size and decrypts back', () => {
    expect(sizes.table.length).toBeGreaterThanOrEqual(16);
    for (const row of sizes.table) {
      const plain = data(row.L);
      const e = encryptDeterministicAttachment(plain, seed);
      expect([row.L, deterministicEncryptedSize(row.L), e.blob.length]).toEqual([row.L, row.encrypted_len, row.encrypted_len]);
      expect(e.blob[0]).toBe(0x53);
      const d = decryptDeterministicAttachment(e.blob, e.key);
      expect(d.ok && d.value.length === row.L && Buffer.compare(Buffer.from(d.value), Buffer.from(plain)) === 0).toBe(true);
    }
  });

  test('libsodium pull accepts the stream: every chunk authenticates, only the last is FINAL', () => {
    const s = sodium();
    const e = encryptDeterministicAttachment(data(70_000), seed);
    const st = s.crypto_secretstream_xchacha20poly1305_init_pull(e.blob.subarray(1, 25), e.key);
    const tags: number[] = [];
    for (let pos = 25; pos < e.blob.length; pos += 32768 + 17) {
      const r = s.crypto_secretstream_xchacha20poly1305_pull(st, e.blob.subarray(pos, pos + 32768 + 17), null);
      expect(r).not.toBe(false);
      if (r) tags.push(r.tag);
    }
    expect(tags).toEqual([0, 0, s.crypto_secretstream_xchacha20poly1305_TAG_FINAL]);
  });

  test('deterministic: same seed and data give the same blob; header and key come from BLAKE2b-56', () => {
    const plain = data(5000);
    const a = encryptDeterministicAttachment(plain, seed);
    const b = encryptDeterministicAttachment(plain, seed);
    expect(toHex(a.blob)).toBe(toHex(b.blob));
    const nk = blake2bPersonal(plain, seed, new TextEncoder().encode('SessionAttachmnt'), 56);
    expect(toHex(a.blob.subarray(1, 25))).toBe(toHex(nk.subarray(0, 24)));
    expect(toHex(a.key)).toBe(toHex(nk.subarray(24)));
    // Another seed, another domain or another byte of data: another key.
    const other = [
      encryptDeterministicAttachment(plain, seed.map((x) => x ^ 1)).key,
      encryptDeterministicAttachment(plain, seed, 'profilePicture').key,
      encryptDeterministicAttachment(plain.map((x, i) => (i === 0 ? x ^ 1 : x)), seed).key,
    ].map(toHex);
    expect(new Set([toHex(a.key), ...other]).size).toBe(4);
  });

  test('a 64-byte libsodium secret key works as the seed (its first 32 bytes are the seed)', () => {
    const sk = new Uint8Array([...seed, ...new Uint8Array(32).fill(9)]);
    expect(toHex(encryptDeterministicAttachment(data(10), sk).key)).toBe(toHex(encryptDeterministicAttachment(data(10), seed).key));
  });

  test('tampering, truncation and the wrong key are refused', () => {
    const e = encryptDeterministicAttachment(data(40_000), seed);
    const flipped = e.blob.slice();
    flipped[1000] = (flipped[1000] as number) ^ 1;
    const results = [
      decryptDeterministicAttachment(flipped, e.key),
      decryptDeterministicAttachment(e.blob.subarray(0, e.blob.length - 1), e.key),
      decryptDeterministicAttachment(e.blob.subarray(0, 25 + 32768 + 17), e.key), // FINAL chunk dropped
      decryptDeterministicAttachment(e.blob, e.key.map((x) => x ^ 1)),
    ];
    expect(results.map((r) => (r.ok ? 'ok' : r.error.kind))).toEqual(Array(4).fill('attachment_invalid'));
  });

  test('refuses a plaintext above libsession MAX_REGULAR_SIZE and a short seed', () => {
    expect(MAX_DETERMINISTIC_PLAINTEXT_BYTES).toBe(10_218_286);
    expect(() => encryptDeterministicAttachment(new Uint8Array(MAX_DETERMINISTIC_PLAINTEXT_BYTES + 1), seed)).toThrow(/too large/);
    expect(() => encryptDeterministicAttachment(data(1), new Uint8Array(16))).toThrow(/seed/);
  });
});
