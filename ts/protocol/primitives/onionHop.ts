// Onion hop encryption shared by client and server: key derivation per enc_type and the
// layer AEAD (spec network §6.2).
import { aesGcmDecrypt, aesGcmEncrypt, xchachaDecrypt, xchachaEncrypt, AES_GCM_NONCE_BYTES, XCHACHA_NONCE_BYTES } from './aead';
import { concatBytes, utf8ToBytes } from './bytes';
import { x25519, x25519KeyAgreement } from './curve';
import { ProtocolError } from './errors';
import { blake2b, hmacSha256 } from './hash';

/** Layer cipher: `aes-gcm` (default when absent) or `xchacha20`. */
export type OnionEncType = 'aes-gcm' | 'xchacha20';

const LOKI = utf8ToBytes('LOKI');

/** Normalises an `enc_type` value (absent -> aes-gcm; aliases accepted); throws for unknown types. */
export function parseEncType(value: unknown): OnionEncType {
  if (value === undefined || value === 'aes-gcm' || value === 'gcm') return 'aes-gcm';
  if (value === 'xchacha20' || value === 'xchacha20-poly1305') return 'xchacha20';
  // Not String(value): a JSON object with its own "toString" key makes that throw a TypeError.
  throw new ProtocolError('frame_invalid', 'Unsupported onion encryption type.', typeof value === 'string' ? value.slice(0, 100) : typeof value);
}

/** Nonce length for a layer cipher. */
export function hopNonceBytes(encType: OnionEncType): number {
  return encType === 'aes-gcm' ? AES_GCM_NONCE_BYTES : XCHACHA_NONCE_BYTES;
}

/**
 * Derives the symmetric layer key. `ourSecret`/`theirPublic` do the X25519; `clientPublic` and
 * `nodePublic` are the ephemeral client key and the node key (same order on both sides, for xchacha20).
 */
export function deriveHopKey(
  encType: OnionEncType,
  ourSecret: Uint8Array,
  theirPublic: Uint8Array,
  clientPublic: Uint8Array,
  nodePublic: Uint8Array,
): Uint8Array {
  const s = x25519(ourSecret, theirPublic);
  return encType === 'aes-gcm' ? hmacSha256(LOKI, s) : blake2b(concatBytes(s, clientPublic, nodePublic), 32);
}

/** Client side in one step: public key of `ephemeralSecret` and the layer key towards `nodePublic`. */
export function deriveClientHopKey(
  encType: OnionEncType,
  ephemeralSecret: Uint8Array,
  nodePublic: Uint8Array,
): { ephemeralPublic: Uint8Array; key: Uint8Array } {
  const { ourPublic, shared } = x25519KeyAgreement(ephemeralSecret, nodePublic);
  const key = encType === 'aes-gcm' ? hmacSha256(LOKI, shared) : blake2b(concatBytes(shared, ourPublic, nodePublic), 32);
  return { ephemeralPublic: ourPublic, key };
}

/** Encrypts a layer: nonce || ciphertext || tag. */
export function hopEncrypt(encType: OnionEncType, key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array): Uint8Array {
  return encType === 'aes-gcm' ? aesGcmEncrypt(key, nonce, plaintext) : xchachaEncrypt(key, nonce, plaintext);
}

/** Decrypts a layer; throws ProtocolError('decrypt_failed'). */
export function hopDecrypt(encType: OnionEncType, key: Uint8Array, data: Uint8Array): Uint8Array {
  return encType === 'aes-gcm' ? aesGcmDecrypt(key, data) : xchachaDecrypt(key, data);
}
