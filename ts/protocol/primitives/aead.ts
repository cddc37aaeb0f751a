// Authenticated encryption: AES-256-GCM (node:crypto; libsodium has none portable) and
// XChaCha20-Poly1305-IETF (libsodium). Output layout is `nonce || ciphertext || tag`, no AAD.
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { assertLength, concatBytes } from './bytes';
import { ProtocolError } from './errors';
import { sodium } from './sodium';

export const AES_GCM_NONCE_BYTES = 12;
export const AES_GCM_TAG_BYTES = 16;
export const XCHACHA_NONCE_BYTES = 24;
export const XCHACHA_TAG_BYTES = 16;

/** AES-256-GCM: returns nonce(12) || ciphertext || tag(16). */
export function aesGcmEncrypt(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array): Uint8Array {
  assertLength(key, 32, 'AES-GCM key');
  assertLength(nonce, AES_GCM_NONCE_BYTES, 'AES-GCM nonce');
  const c = createCipheriv('aes-256-gcm', key, nonce);
  const body = c.update(plaintext);
  const fin = c.final();
  return concatBytes(nonce, body, fin, c.getAuthTag());
}

/**
 * aesGcmEncrypt over the concatenation of `plaintext`, returned as pieces whose concatenation is
 * nonce || ciphertext || tag: GCM is a stream mode, so a large input made of pieces is encrypted without
 * first being copied into one buffer, and its output is not copied again either.
 */
export function aesGcmEncryptParts(key: Uint8Array, nonce: Uint8Array, plaintext: readonly Uint8Array[]): Uint8Array[] {
  assertLength(key, 32, 'AES-GCM key');
  assertLength(nonce, AES_GCM_NONCE_BYTES, 'AES-GCM nonce');
  const c = createCipheriv('aes-256-gcm', key, nonce);
  const out: Uint8Array[] = [Uint8Array.from(nonce)];
  for (const p of plaintext) {
    const u = c.update(p);
    if (u.length > 0) out.push(u);
  }
  const fin = c.final();
  if (fin.length > 0) out.push(fin);
  out.push(c.getAuthTag());
  return out;
}

/** An AES-256-GCM encryption fed piece by piece (the same ciphertext as one call over the concatenation). */
export interface AesGcmStream {
  /** Ciphertext of `plaintext` (GCM is a stream mode: as many bytes as went in). */
  update(plaintext: Uint8Array): Uint8Array;
  /** Ends the stream and returns the 16-byte tag. */
  finish(): Uint8Array;
}

/** Starts an AES-256-GCM encryption whose output is produced as the input arrives (no AAD). */
export function aesGcmEncryptStream(key: Uint8Array, nonce: Uint8Array): AesGcmStream {
  assertLength(key, 32, 'AES-GCM key');
  assertLength(nonce, AES_GCM_NONCE_BYTES, 'AES-GCM nonce');
  const c = createCipheriv('aes-256-gcm', key, nonce);
  return {
    update: (plaintext) => c.update(plaintext),
    finish() {
      // final() yields nothing for GCM; kept in case a future cipher buffers.
      const fin = c.final();
      const tag = c.getAuthTag();
      return fin.length === 0 ? tag : concatBytes(fin, tag);
    },
  };
}

/** Opens nonce(12) || ciphertext || tag(16); throws ProtocolError('decrypt_failed') on any failure. */
export function aesGcmDecrypt(key: Uint8Array, data: Uint8Array): Uint8Array {
  assertLength(key, 32, 'AES-GCM key');
  if (data.length < AES_GCM_NONCE_BYTES + AES_GCM_TAG_BYTES) {
    throw new ProtocolError('decrypt_failed', 'Could not decrypt data.', 'AES-GCM input too short');
  }
  try {
    const d = createDecipheriv('aes-256-gcm', key, data.subarray(0, AES_GCM_NONCE_BYTES));
    d.setAuthTag(data.subarray(data.length - AES_GCM_TAG_BYTES));
    const body = d.update(data.subarray(AES_GCM_NONCE_BYTES, data.length - AES_GCM_TAG_BYTES));
    const fin = d.final(); // GCM is a stream mode: final() only checks the tag and yields nothing
    // Large replies (file downloads) are returned as a plain view of the decipher's own output, not copied again.
    if (fin.length === 0 && body.length >= 64 * 1024) return new Uint8Array(body.buffer, body.byteOffset, body.length);
    return concatBytes(body, fin);
  } catch {
    throw new ProtocolError('decrypt_failed', 'Could not decrypt data.', 'AES-GCM authentication failed');
  }
}

/** XChaCha20-Poly1305-IETF: returns nonce(24) || ciphertext+tag(16). */
export function xchachaEncrypt(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array): Uint8Array {
  assertLength(key, 32, 'XChaCha20 key');
  assertLength(nonce, XCHACHA_NONCE_BYTES, 'XChaCha20 nonce');
  const ct = sodium().crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, null, null, nonce, key);
  return concatBytes(nonce, ct);
}

/** Decrypts ciphertext+tag with an explicit 24-byte nonce; throws ProtocolError('decrypt_failed'). */
export function xchachaDecryptDetachedNonce(key: Uint8Array, nonce: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  assertLength(key, 32, 'XChaCha20 key');
  if (nonce.length !== XCHACHA_NONCE_BYTES || ciphertext.length < XCHACHA_TAG_BYTES) {
    throw new ProtocolError('decrypt_failed', 'Could not decrypt data.', 'XChaCha20 input too short');
  }
  try {
    return sodium().crypto_aead_xchacha20poly1305_ietf_decrypt(null, ciphertext, null, nonce, key);
  } catch {
    throw new ProtocolError('decrypt_failed', 'Could not decrypt data.', 'XChaCha20 authentication failed');
  }
}

/** Opens nonce(24) || ciphertext+tag(16); throws ProtocolError('decrypt_failed') on any failure. */
export function xchachaDecrypt(key: Uint8Array, data: Uint8Array): Uint8Array {
  if (data.length < XCHACHA_NONCE_BYTES + XCHACHA_TAG_BYTES) {
    throw new ProtocolError('decrypt_failed', 'Could not decrypt data.', 'XChaCha20 input too short');
  }
  return xchachaDecryptDetachedNonce(key, data.subarray(0, XCHACHA_NONCE_BYTES), data.subarray(XCHACHA_NONCE_BYTES));
}
