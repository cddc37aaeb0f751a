// X25519 (the native libsodium, or node:crypto: byte-identical to libsodium and faster than its WASM) and Ed25519 keys,
// signatures and the Ed25519 -> X25519 conversions (libsodium).
import { createPrivateKey, createPublicKey, diffieHellman, sign as nodeSign, type KeyObject } from 'node:crypto';
import { assertLength } from './bytes';
import { ProtocolError } from './errors';
import { nativeSodium, sodium } from './sodium';

const ZERO32_B64URL = Buffer.alloc(32).toString('base64url');

/** A key pair; for Ed25519 `secretKey` is libsodium's 64-byte `seed || publicKey`. */
export interface KeyPair {
  publicKey: Uint8Array;
  secretKey: Uint8Array;
}

const b64url = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64url');

// Raw keys are imported as JWK: OpenSSL's DER/PKCS#8 decoder is ~10x slower. For X25519 secrets
// the public part is not known yet; Node derives it from `d` (the `x` member is not used for
// private keys), and if a Node version ever rejects that we fall back to libsodium.
function x25519Private(secret: Uint8Array): KeyObject {
  return createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', d: b64url(secret), x: ZERO32_B64URL }, format: 'jwk' });
}

// Imported public keys are kept for reuse: onion paths, swarms and contacts repeat the same few keys, and an
// import costs about a quarter of the key agreement. Bounded; cleared whole when full (keys are public).
const PUBLIC_KEY_CACHE_SIZE = 1024;
const publicKeyCache = new Map<string, KeyObject>();

function x25519Public(publicKey: Uint8Array): KeyObject {
  const x = b64url(publicKey);
  let key = publicKeyCache.get(x);
  if (!key) {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x }, format: 'jwk' });
    if (publicKeyCache.size >= PUBLIC_KEY_CACHE_SIZE) publicKeyCache.clear();
    publicKeyCache.set(x, key);
  }
  return key;
}

function publicOf(priv: KeyObject): Uint8Array {
  const x = createPublicKey(priv).export({ format: 'jwk' }).x;
  return new Uint8Array(Buffer.from(x ?? '', 'base64url'));
}

/** X25519 public key for a 32-byte secret scalar (clamped as libsodium does). */
export function x25519PublicFromSecret(secret: Uint8Array): Uint8Array {
  assertLength(secret, 32, 'X25519 secret key');
  const n = nativeSodium();
  if (n) {
    const pub = new Uint8Array(32);
    n.crypto_scalarmult_base(pub, secret);
    return pub;
  }
  try {
    return publicOf(x25519Private(secret));
  } catch {
    return sodium().crypto_scalarmult_base(secret);
  }
}

/** X25519 shared secret; throws ProtocolError('decrypt_failed') for low-order public keys (all-zero result). */
export function x25519(secret: Uint8Array, publicKey: Uint8Array): Uint8Array {
  return x25519KeyAgreement(secret, publicKey).shared;
}

/** One X25519 secret used for both its public key and a shared secret with `theirPublic` (one key import). */
export function x25519KeyAgreement(secret: Uint8Array, theirPublic: Uint8Array): { ourPublic: Uint8Array; shared: Uint8Array } {
  assertLength(secret, 32, 'X25519 secret key');
  assertLength(theirPublic, 32, 'X25519 public key');
  // The native libsodium, when it loaded, takes about half the time of a node:crypto key import and agreement
  // (every onion request makes one per hop).
  const n = nativeSodium();
  if (n) {
    const ourPublic = new Uint8Array(32);
    const shared = new Uint8Array(32);
    n.crypto_scalarmult_base(ourPublic, secret);
    try {
      // libsodium refuses an all-zero result (a low-order public key), as node:crypto does.
      n.crypto_scalarmult(shared, secret, theirPublic);
    } catch {
      throw new ProtocolError('decrypt_failed', 'Key agreement failed.', 'X25519 with an invalid public key');
    }
    return { ourPublic, shared };
  }
  let priv: KeyObject;
  try {
    priv = x25519Private(secret);
  } catch {
    // Fallback path (see above): libsodium, same clamping and same all-zero rejection.
    try {
      return { ourPublic: sodium().crypto_scalarmult_base(secret), shared: sodium().crypto_scalarmult(secret, theirPublic) };
    } catch {
      throw new ProtocolError('decrypt_failed', 'Key agreement failed.', 'X25519 with an invalid public key');
    }
  }
  try {
    const shared = new Uint8Array(diffieHellman({ privateKey: priv, publicKey: x25519Public(theirPublic) }));
    return { ourPublic: publicOf(priv), shared };
  } catch {
    throw new ProtocolError('decrypt_failed', 'Key agreement failed.', 'X25519 with an invalid public key');
  }
}

/** X25519 key pair from a 32-byte seed, as libsodium crypto_box_seed_keypair (secret = SHA-512(seed)[0..32]). */
export function x25519KeyPairFromSeed(seed: Uint8Array): KeyPair {
  assertLength(seed, 32, 'X25519 seed');
  const kp = sodium().crypto_box_seed_keypair(seed);
  return { publicKey: kp.publicKey, secretKey: kp.privateKey };
}

/** Ed25519 key pair from a 32-byte seed (libsodium crypto_sign_seed_keypair). */
export function ed25519KeyPairFromSeed(seed: Uint8Array): KeyPair {
  assertLength(seed, 32, 'Ed25519 seed');
  const kp = sodium().crypto_sign_seed_keypair(seed);
  return { publicKey: kp.publicKey, secretKey: kp.privateKey };
}

/** Detached Ed25519 signature with a 64-byte libsodium secret key (deterministic, via node:crypto). */
export function ed25519Sign(secretKey: Uint8Array, message: Uint8Array): Uint8Array {
  assertLength(secretKey, 64, 'Ed25519 secret key');
  const key = createPrivateKey({
    key: { kty: 'OKP', crv: 'Ed25519', d: b64url(secretKey.subarray(0, 32)), x: b64url(secretKey.subarray(32)) },
    format: 'jwk',
  });
  return new Uint8Array(nodeSign(null, message, key));
}

/** Verifies a detached Ed25519 signature with libsodium's strict rules; false on any malformed input. */
export function ed25519Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  try {
    const n = nativeSodium();
    if (n) return n.crypto_sign_verify_detached(signature, message, publicKey);
    return sodium().crypto_sign_verify_detached(signature, message, publicKey);
  } catch {
    return false;
  }
}

/** crypto_box_seal_open for an X25519 key pair (natively when the native libsodium loaded); throws when the box does not open. */
export function sealedBoxOpen(ciphertext: Uint8Array, publicKey: Uint8Array, secretKey: Uint8Array): Uint8Array {
  const n = nativeSodium();
  if (!n) return sodium().crypto_box_seal_open(ciphertext, publicKey, secretKey);
  if (ciphertext.length < n.crypto_box_SEALBYTES) throw new ProtocolError('decrypt_failed', 'Could not decrypt a message.', 'sealed box too short');
  const out = new Uint8Array(ciphertext.length - n.crypto_box_SEALBYTES);
  if (!n.crypto_box_seal_open(out, ciphertext, publicKey, secretKey)) throw new ProtocolError('decrypt_failed', 'Could not decrypt a message.', 'sealed box did not open');
  return out;
}

/** Converts an Ed25519 public key to X25519; throws ProtocolError('invalid_argument') if it is not a valid point. */
export function ed25519PublicToX25519(publicKey: Uint8Array): Uint8Array {
  assertLength(publicKey, 32, 'Ed25519 public key');
  try {
    const n = nativeSodium();
    if (n) {
      const x = new Uint8Array(32);
      n.crypto_sign_ed25519_pk_to_curve25519(x, publicKey);
      return x;
    }
    return sodium().crypto_sign_ed25519_pk_to_curve25519(publicKey);
  } catch {
    throw new ProtocolError('invalid_argument', 'Not a valid Ed25519 public key.');
  }
}

/** Converts a 64-byte Ed25519 secret key to the X25519 secret scalar (clamped SHA-512 of the seed). */
export function ed25519SecretToX25519(secretKey: Uint8Array): Uint8Array {
  assertLength(secretKey, 64, 'Ed25519 secret key');
  return sodium().crypto_sign_ed25519_sk_to_curve25519(secretKey);
}
