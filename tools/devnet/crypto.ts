// Cryptographic primitives the devnet needs as a server: X25519, Ed25519, the two onion-layer AEADs and BLAKE2b.
// Built directly on node:crypto and libsodium so the devnet never shares code paths with the client's builders.
import {
  createHmac,
  createPrivateKey,
  createPublicKey,
  createCipheriv,
  createDecipheriv,
  diffieHellman,
  randomBytes,
  sign as edSign,
  verify as edVerify,
  type KeyObject,
} from 'node:crypto';
import sodium from 'libsodium-wrappers-sumo';
import { isBase64, isHex } from '../../ts/protocol/primitives/bytes';

/** Must be awaited once before any BLAKE2b, XChaCha20 or key-conversion call. */
export async function cryptoReady(): Promise<void> {
  await sodium.ready;
}

const X25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const b64url = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64url');

export type RandomBytes = (n: number) => Uint8Array;
export const defaultRandom: RandomBytes = (n) => new Uint8Array(randomBytes(n));

/** An Ed25519 identity with the X25519 key derived from it (as Oxen service nodes derive theirs). */
export interface Identity {
  readonly ed25519Seed: Uint8Array;
  readonly ed25519Pub: Uint8Array;
  readonly x25519Pub: Uint8Array;
  readonly x25519Priv: Uint8Array;
  readonly edKey: KeyObject;
  readonly xKey: KeyObject;
}

export function identityFromSeed(seed: Uint8Array): Identity {
  const edKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(edKey).export({ format: 'der', type: 'spki' });
  const ed25519Pub = new Uint8Array(spki.subarray(spki.length - 32));
  const x25519Pub = sodium.crypto_sign_ed25519_pk_to_curve25519(ed25519Pub);
  const x25519Priv = sodium.crypto_sign_ed25519_sk_to_curve25519(concatBytes(seed, ed25519Pub));
  return { ed25519Seed: seed, ed25519Pub, x25519Pub, x25519Priv, edKey, xKey: x25519PrivateKey(x25519Priv) };
}

export function x25519PrivateKey(priv: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.concat([X25519_PKCS8_PREFIX, priv]), format: 'der', type: 'pkcs8' });
}

/** Raw X25519 shared secret; throws on a malformed or low-order public key. */
export function x25519Shared(priv: KeyObject, pub: Uint8Array): Uint8Array {
  if (pub.length !== 32) throw new Error('X25519 public key must be 32 bytes');
  // JWK import is several times cheaper than DER through OpenSSL 3's decoders; this runs once per onion layer.
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: b64url(pub) }, format: 'jwk' });
  return new Uint8Array(diffieHellman({ privateKey: priv, publicKey }));
}

export function ed25519Sign(key: KeyObject, message: Uint8Array): Uint8Array {
  return new Uint8Array(edSign(null, message, key));
}

/** Imported verification keys by base64url: clients sign every poll with the same few keys. */
const verifyKeys = new Map<string, KeyObject>();

/** False (never throws) for a bad key, bad signature length or failed verification. */
export function ed25519Verify(pub: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (pub.length !== 32 || signature.length !== 64) return false;
  try {
    const x = b64url(pub);
    let key = verifyKeys.get(x);
    if (!key) {
      key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
      if (verifyKeys.size >= 4096) verifyKeys.clear();
      verifyKeys.set(x, key);
    }
    return edVerify(null, message, key, signature);
  } catch {
    return false;
  }
}

/** Converted keys by Ed25519 hex (null = invalid point): every signed request of a 05 account converts its key. */
const convertedKeys = new Map<string, Uint8Array | null>();

/** Ed25519 public key to X25519 (birational map); null when the point is invalid. */
export function ed25519PubToX25519(pub: Uint8Array): Uint8Array | null {
  const hex = Buffer.from(pub.buffer, pub.byteOffset, pub.byteLength).toString('hex');
  const known = convertedKeys.get(hex);
  if (known !== undefined) return known && known.slice();
  let x: Uint8Array | null;
  try {
    x = sodium.crypto_sign_ed25519_pk_to_curve25519(pub);
  } catch {
    x = null;
  }
  if (convertedKeys.size >= 4096) convertedKeys.clear();
  convertedKeys.set(hex, x);
  return x && x.slice();
}

export function blake2b(outLen: number, message: Uint8Array, key?: Uint8Array): Uint8Array {
  return sodium.crypto_generichash(outLen, message, key ?? null);
}

export function hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array {
  return new Uint8Array(createHmac('sha256', key).update(message).digest());
}

export type EncType = 'aes-gcm' | 'xchacha20';

/** Parses an onion `enc_type` (with aliases); null when unknown. Absent means aes-gcm. */
export function parseEncType(value: unknown): EncType | null {
  if (value === undefined || value === null) return 'aes-gcm';
  if (value === 'aes-gcm' || value === 'gcm') return 'aes-gcm';
  if (value === 'xchacha20' || value === 'xchacha20-poly1305') return 'xchacha20';
  return null;
}

/**
 * Symmetric onion-layer key from the node's side (spec §6.2): aes-gcm uses HMAC-SHA256("LOKI", s),
 * xchacha20 uses BLAKE2b-256(s || clientEphemeralPub || nodePub).
 */
export function deriveLayerKey(
  encType: EncType,
  nodePriv: KeyObject,
  nodePub: Uint8Array,
  ephemeralPub: Uint8Array,
): Uint8Array {
  const s = x25519Shared(nodePriv, ephemeralPub);
  if (encType === 'aes-gcm') return hmacSha256(new TextEncoder().encode('LOKI'), s);
  return blake2b(32, concatBytes(s, ephemeralPub, nodePub));
}

export function encryptLayer(encType: EncType, key: Uint8Array, plaintext: Uint8Array, random: RandomBytes): Uint8Array {
  if (encType === 'aes-gcm') {
    const nonce = random(12);
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return concatBytes(nonce, ct, cipher.getAuthTag());
  }
  const nonce = random(24);
  return concatBytes(nonce, sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, null, null, nonce, key));
}

/** Null when the ciphertext is too short or fails authentication. */
export function decryptLayer(encType: EncType, key: Uint8Array, data: Uint8Array): Uint8Array | null {
  try {
    if (encType === 'aes-gcm') {
      if (data.length < 28) return null;
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(data.length - 16));
      return new Uint8Array(Buffer.concat([decipher.update(data.subarray(12, data.length - 16)), decipher.final()]));
    }
    if (data.length < 40) return null;
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, data.subarray(24), null, data.subarray(0, 24), key);
  } catch {
    return null;
  }
}

export function xchachaEncrypt(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array): Uint8Array {
  return sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, null, null, nonce, key);
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let len = 0;
  for (const p of parts) len += p.length;
  const out = new Uint8Array(len);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
export const toHex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
export const toB64 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');

export function fromHex(s: string): Uint8Array | null {
  if (!isHex(s)) return null;
  return new Uint8Array(Buffer.from(s, 'hex'));
}

/** Strict standard base64 (padding optional, but complete when present); null when not base64. */
export function fromB64(s: string): Uint8Array | null {
  // One linear scan (primitives/bytes.ts): no regular expression, whose backtracking overflows on MBs.
  if (!isBase64(s, true)) return null;
  return new Uint8Array(Buffer.from(s, 'base64'));
}
