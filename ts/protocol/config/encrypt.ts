// Config message encryption and its padding (spec advanced B.6 step 3, B.8): leading-zero padding to
// the libsession chunk sizes, then XChaCha20-Poly1305 with a key and nonce derived from the content,
// so the same plaintext always gives the same ciphertext (identical merges de-duplicate on the swarm).
import { concatBytes, utf8ToBytes } from '../primitives/bytes';
import { ProtocolError, attempt, type Result } from '../primitives/errors';
import { XCHACHA_NONCE_BYTES, XCHACHA_TAG_BYTES, xchachaDecryptDetachedNonce } from '../primitives/aead';
import { blake2b } from '../primitives/hash';
import { sodium } from '../primitives/sodium';

/** Bytes encryption adds: the Poly1305 tag (16) and the trailing nonce (24). */
export const CONFIG_ENCRYPT_OVERHEAD = XCHACHA_TAG_BYTES + XCHACHA_NONCE_BYTES;

const NONCE_KEY_PREFIX = 'libsessionutil-config-encrypted-';
const MAX_DOMAIN_LENGTH = 24;

/**
 * libsession `padded_size(s, overhead)`: the smallest `n >= s` with `n + overhead` a multiple of the
 * chunk, where the chunk grows with the size (256 below 5120, 1024 below 20480, 2048 below 40960, else 5120).
 */
export function configPaddedSize(size: number, overhead: number = CONFIG_ENCRYPT_OVERHEAD): number {
  if (!Number.isSafeInteger(size) || size < 0 || !Number.isSafeInteger(overhead) || overhead < 0) {
    throw new ProtocolError('invalid_argument', 'Invalid size for padding.');
  }
  const s = size + overhead;
  const chunk = s < 5120 ? 256 : s < 20480 ? 1024 : s < 40960 ? 2048 : 5120;
  return Math.ceil(s / chunk) * chunk - overhead;
}

/** Prefixes zero bytes so that `length + 40` lands on a chunk boundary (B.6 step 3). */
export function padConfigMessage(message: Uint8Array): Uint8Array {
  const out = new Uint8Array(configPaddedSize(message.length));
  out.set(message, out.length - message.length);
  return out;
}

/** Drops the leading zero padding (a config payload never starts with 0x00: it is `d`, `z` or `m`). */
export function stripConfigPadding(padded: Uint8Array): Uint8Array {
  let i = 0;
  while (i < padded.length && padded[i] === 0) i++;
  return padded.subarray(i);
}

function checkDomain(domain: string): Uint8Array {
  const d = typeof domain === 'string' ? utf8ToBytes(domain) : new Uint8Array(0);
  if (d.length < 1 || d.length > MAX_DOMAIN_LENGTH) {
    throw new ProtocolError('invalid_argument', 'Invalid config encryption domain.', `domain must be 1-${MAX_DOMAIN_LENGTH} bytes`);
  }
  return d;
}

function checkKeyBase(keyBase: Uint8Array): void {
  if (!(keyBase instanceof Uint8Array) || keyBase.length !== 32) {
    throw new ProtocolError('invalid_argument', 'A config key is 32 bytes.');
  }
}

/** key = BLAKE2b-256(key_base || u64be(len(P)) || domain). */
function deriveKey(keyBase: Uint8Array, plaintextLength: number, domain: Uint8Array): Uint8Array {
  const len = new Uint8Array(8);
  new DataView(len.buffer).setBigUint64(0, BigInt(plaintextLength), false);
  return blake2b(concatBytes(keyBase, len, domain), 32);
}

/**
 * Encrypts a (padded) config message: `ciphertext || tag || nonce`, the nonce being BLAKE2b-192 of the
 * message keyed with "libsessionutil-config-encrypted-" + domain. `keyBase` is the user's Ed25519 seed
 * for user configs, the group encryption key for group configs.
 */
export function encryptConfig(keyBase: Uint8Array, domain: string, message: Uint8Array): Uint8Array {
  checkKeyBase(keyBase);
  const d = checkDomain(domain);
  if (!(message instanceof Uint8Array)) throw new ProtocolError('invalid_argument', 'A config message is bytes.');
  const key = deriveKey(keyBase, message.length, d);
  const nonce = blake2b(message, XCHACHA_NONCE_BYTES, concatBytes(utf8ToBytes(NONCE_KEY_PREFIX), d));
  const sealed = sodium().crypto_aead_xchacha20poly1305_ietf_encrypt(message, null, null, nonce, key);
  return concatBytes(sealed, nonce);
}

/**
 * Opens `ciphertext || tag || nonce` with one key. Never throws: too little data is `config_too_short`,
 * anything that does not authenticate (corrupt, cut, another key or domain) is `config_decrypt_failed`.
 */
export function decryptConfig(keyBase: Uint8Array, domain: string, data: Uint8Array): Result<Uint8Array> {
  return attempt(() => {
    checkKeyBase(keyBase);
    const d = checkDomain(domain);
    if (!(data instanceof Uint8Array) || data.length < CONFIG_ENCRYPT_OVERHEAD) {
      throw new ProtocolError('config_too_short', 'A config message was too short.', `${data instanceof Uint8Array ? data.length : 0} bytes`);
    }
    const plainLength = data.length - CONFIG_ENCRYPT_OVERHEAD;
    const key = deriveKey(keyBase, plainLength, d);
    const nonce = data.subarray(data.length - XCHACHA_NONCE_BYTES);
    try {
      return xchachaDecryptDetachedNonce(key, nonce, data.subarray(0, data.length - XCHACHA_NONCE_BYTES));
    } catch {
      throw new ProtocolError('config_decrypt_failed', 'A config message could not be decrypted.', `${data.length} bytes did not authenticate`);
    }
  });
}
