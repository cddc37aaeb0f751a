// Attachment and avatar crypto (spec messaging §6.6–6.7): legacy AES-256-CBC + HMAC-SHA256 with
// SHA-256 digest and size padding (what we send), AES-256-GCM avatars, and decryption of the
// deterministic "S" format (secretstream xchacha20poly1305) that other clients may send.
import { createCipheriv, createDecipheriv, createHash, createHmac } from 'node:crypto';
import { aesGcmDecrypt, aesGcmEncrypt } from '../primitives/aead';
import { allocFilledLater, assertLength, concatBytes, equalBytes } from '../primitives/bytes';
import { ProtocolError, attempt, type Result } from '../primitives/errors';
import { hmacSha256, sha256 } from '../primitives/hash';
import type { RandomSource } from '../primitives/random';
import { sodium } from '../primitives/sodium';

/** The file server's upload limit (bytes of the encrypted blob), and the cap of the size padding. */
export const MAX_ATTACHMENT_BYTES = 10_000_000;
/**
 * Largest plaintext whose legacy blob the file server accepts: the padded size (below) plus PKCS#7's
 * 1-16 bytes, the 16-byte IV and the 32-byte MAC must stay within MAX_ATTACHMENT_BYTES. 9,828,080 pads to
 * itself (a power of 1.05) and makes a 9,828,144-byte blob; one byte more pads to 10,000,000 and makes
 * 10,000,064 bytes, which the server refuses.
 */
export const MAX_ATTACHMENT_PLAINTEXT_BYTES = 9_828_080;
const MIN_PADDED = 541;
/** Plaintext slice size of the one-pass attachment encryption (fits in cache with its CBC output). */
const ATTACHMENT_SLICE_BYTES = 128 * 1024;

/** Padded size for a legacy attachment: max(541, floor(1.05^ceil(log_1.05 L))), capped at 10,000,000. */
export function attachmentPaddedSize(length: number): number {
  const padded = Math.max(MIN_PADDED, Math.floor(Math.pow(1.05, Math.ceil(Math.log(length) / Math.log(1.05)))));
  if (padded > MAX_ATTACHMENT_BYTES && length <= MAX_ATTACHMENT_BYTES) return MAX_ATTACHMENT_BYTES;
  return Math.max(padded, length);
}

/** An encrypted legacy attachment and what goes into its AttachmentPointer. */
export interface EncryptedAttachment {
  /** iv(16) || AES-CBC ciphertext || HMAC(32): the bytes to upload. */
  blob: Uint8Array;
  /** aesKey(32) || macKey(32). */
  key: Uint8Array;
  /** SHA-256 of the blob. */
  digest: Uint8Array;
  /** Unpadded plaintext size. */
  size: number;
}

/** Legacy attachment encryption with explicit key (64) and iv (16); `pad` appends the size padding. */
export function encryptAttachmentWithKey(plaintext: Uint8Array, key: Uint8Array, iv: Uint8Array, pad: boolean): EncryptedAttachment {
  assertLength(key, 64, 'Attachment key');
  assertLength(iv, 16, 'Attachment IV');
  const paddedLength = pad ? attachmentPaddedSize(plaintext.length) : plaintext.length;
  const ctLength = (Math.floor(paddedLength / 16) + 1) * 16; // PKCS#7 always adds 1-16 bytes
  // Every byte is written below: iv, the CBC output (exactly ctLength bytes), the MAC.
  const blob = allocFilledLater(16 + ctLength + 32);
  blob.set(iv, 0);
  // One pass over cached slices: each slice of CBC output is written into the blob and fed to the MAC and
  // to the digest while still in cache (the digest covers iv || ciphertext || MAC, so it only needs the
  // MAC appended at the end), instead of one 10 MB cipher output copied in and then hashed twice.
  const mac = createHmac('sha256', key.subarray(32)).update(iv);
  const digest = createHash('sha256').update(iv);
  let offset = 16;
  const put = (part: Uint8Array): void => {
    if (part.length === 0) return;
    blob.set(part, offset);
    mac.update(part);
    digest.update(part);
    offset += part.length;
  };
  const c = createCipheriv('aes-256-cbc', key.subarray(0, 32), iv);
  for (let i = 0; i < plaintext.length; i += ATTACHMENT_SLICE_BYTES) put(c.update(plaintext.subarray(i, Math.min(plaintext.length, i + ATTACHMENT_SLICE_BYTES))));
  const zeros = paddedLength > plaintext.length ? new Uint8Array(Math.min(ATTACHMENT_SLICE_BYTES, paddedLength - plaintext.length)) : undefined;
  for (let left = paddedLength - plaintext.length; left > 0 && zeros; left -= zeros.length) put(c.update(left >= zeros.length ? zeros : zeros.subarray(0, left)));
  put(c.final());
  if (offset !== 16 + ctLength) throw new ProtocolError('attachment_invalid', 'Could not encrypt the attachment.', 'cipher output length');
  const tag = mac.digest();
  blob.set(tag, offset);
  return { blob, key: key.slice(), digest: new Uint8Array(digest.update(tag).digest()), size: plaintext.length };
}

/** Encrypts an attachment for upload with a fresh random key and IV, padded. */
export function encryptAttachment(plaintext: Uint8Array, random: RandomSource): EncryptedAttachment {
  if (plaintext.length === 0) throw new ProtocolError('attachment_invalid', 'An empty file cannot be sent.', 'size 0');
  if (plaintext.length > MAX_ATTACHMENT_PLAINTEXT_BYTES) {
    throw new ProtocolError(
      'attachment_invalid',
      `This file is too large to send: the limit is ${MAX_ATTACHMENT_PLAINTEXT_BYTES.toLocaleString('en-US')} bytes.`,
      `${plaintext.length} bytes`,
    );
  }
  return encryptAttachmentWithKey(plaintext, random(64), random(16), true);
}

/** Decrypts a legacy attachment: checks MAC, then the required digest, then truncates to `size`. Never throws. */
export function decryptAttachment(a: { blob: Uint8Array; key: Uint8Array; digest?: Uint8Array | null; size: number }): Result<Uint8Array> {
  return attempt(() => {
    const fail = (detail: string, message = 'Could not decrypt the attachment.'): never => {
      throw new ProtocolError('attachment_invalid', message, detail);
    };
    if (a.key.length !== 64) fail('key is not 64 bytes');
    if (!Number.isInteger(a.size) || a.size <= 0) fail('size missing');
    if (a.blob.length < 16 + 16 + 32) fail('blob too short');
    const ct = a.blob.subarray(0, a.blob.length - 32);
    const mac = a.blob.subarray(a.blob.length - 32);
    if (!equalBytes(hmacSha256(a.key.subarray(32), ct), mac)) fail('bad MAC');
    if (!a.digest || a.digest.length === 0) fail('no digest', 'This attachment cannot be verified: ask the sender to update Session and resend.');
    if (!equalBytes(sha256(a.blob), a.digest as Uint8Array)) fail('digest mismatch');
    let body: Buffer;
    let last: Buffer;
    try {
      const d = createDecipheriv('aes-256-cbc', a.key.subarray(0, 32), ct.subarray(0, 16));
      body = d.update(ct.subarray(16));
      last = d.final();
    } catch {
      return fail('bad CBC padding');
    }
    if (body.length + last.length < a.size) fail('shorter than its declared size');
    // A large body is returned as a plain view of the decipher's own (unpooled) output, not copied again.
    if (body.length >= a.size && a.size >= 64 * 1024) return new Uint8Array(body.buffer, body.byteOffset, a.size);
    return concatBytes(body, last).slice(0, a.size);
  });
}

/** Avatar encryption: AES-256-GCM, iv(12) || ciphertext || tag(16), no padding. */
export function encryptAvatarWithKey(plaintext: Uint8Array, profileKey: Uint8Array, iv: Uint8Array): Uint8Array {
  return aesGcmEncrypt(profileKey, iv, plaintext);
}

/** Encrypts an avatar with `profileKey` (32 bytes) and a random IV. */
export function encryptAvatar(plaintext: Uint8Array, profileKey: Uint8Array, random: RandomSource): Uint8Array {
  return encryptAvatarWithKey(plaintext, profileKey, random(12));
}

/** Decrypts an AES-GCM avatar (at least 29 bytes). Never throws. */
export function decryptAvatar(blob: Uint8Array, profileKey: Uint8Array): Result<Uint8Array> {
  return attempt(() => {
    if (profileKey.length !== 32 || blob.length < 29) {
      throw new ProtocolError('attachment_invalid', 'Could not decrypt the profile picture.', 'bad key or blob length');
    }
    try {
      return aesGcmDecrypt(profileKey, blob);
    } catch {
      throw new ProtocolError('attachment_invalid', 'Could not decrypt the profile picture.', 'authentication failed');
    }
  });
}

// Deterministic "S" format (libsession attachment::encrypt); we decrypt it and compute its size.
const S_HEADER = 24;
const S_TAG = 17;
const S_CHUNK = 32768;
const S_CHUNK_TOTAL = S_CHUNK + S_TAG;

function bitFloor(n: number): number {
  return 2 ** Math.floor(Math.log2(n));
}

/** Padding the S format adds for `dataSize` plaintext bytes (libsession `encrypted_padding`). */
export function deterministicPadding(dataSize: number): number {
  const streamChunks = Math.ceil(dataSize / S_CHUNK);
  const encSize = dataSize + 1 + S_HEADER + 1 + streamChunks * S_TAG;
  const padFactor = bitFloor(Math.max(encSize, 131072)) / 32;
  const paddedSize = Math.ceil(encSize / padFactor) * padFactor;
  let padding = paddedSize - encSize + 1;
  let implicit = 0;
  if (padding >= S_CHUNK_TOTAL) implicit = Math.floor(padding / S_CHUNK_TOTAL) * S_TAG;
  const freePadding = streamChunks * S_CHUNK - dataSize;
  if (padding % S_CHUNK_TOTAL > freePadding) implicit += S_TAG;
  padding -= implicit;
  return padding;
}

/** Total S-format size for a plaintext of `length` bytes. */
export function deterministicEncryptedSize(length: number): number {
  const padded = length + deterministicPadding(length);
  return 1 + S_HEADER + padded + Math.ceil(padded / S_CHUNK) * S_TAG;
}

/** Decrypts the deterministic S format with its 32-byte key. Never throws. */
export function decryptDeterministicAttachment(blob: Uint8Array, key: Uint8Array): Result<Uint8Array> {
  return attempt(() => {
    const fail = (detail: string): never => {
      throw new ProtocolError('attachment_invalid', 'Could not decrypt the attachment.', detail);
    };
    if (key.length !== 32) fail('key is not 32 bytes');
    if (blob.length < 1 + S_HEADER + 1 + S_TAG || blob[0] !== 0x53) fail('not S-format');
    const s = sodium();
    let state: ReturnType<typeof s.crypto_secretstream_xchacha20poly1305_init_pull>;
    try {
      state = s.crypto_secretstream_xchacha20poly1305_init_pull(blob.subarray(1, 1 + S_HEADER), key);
    } catch {
      return fail('bad header');
    }
    const parts: Uint8Array[] = [];
    let pos = 1 + S_HEADER;
    let final = false;
    while (!final) {
      if (pos + S_TAG >= blob.length) fail('data ended before end of stream');
      const size = Math.min(blob.length - pos - S_TAG, S_CHUNK);
      const r = s.crypto_secretstream_xchacha20poly1305_pull(state, blob.subarray(pos, pos + size + S_TAG), null);
      if (!r) return fail('invalid key or corrupted data');
      pos += size + S_TAG;
      parts.push(r.message);
      if (r.tag === s.crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
        if (pos !== blob.length) fail('FINAL tag before end of data');
        final = true;
      } else if (pos === blob.length) fail('end of data without FINAL tag');
    }
    const all = concatBytes(...parts);
    let i = 0;
    while (i < all.length && all[i] === 0) i++;
    if (i >= all.length || all[i] !== 0x01) fail('invalid padding');
    return all.slice(i + 1);
  });
}
