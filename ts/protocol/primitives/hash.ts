// Hash functions: BLAKE2b (libsodium), SHA-256/512 and HMAC-SHA256 (node:crypto).
import { createHash, createHmac } from 'node:crypto';
import { sodium } from './sodium';

/** BLAKE2b with `outLen` output bytes (16..64), optionally keyed. */
export function blake2b(data: Uint8Array, outLen: number, key?: Uint8Array): Uint8Array {
  return sodium().crypto_generichash(outLen, data, key ?? null);
}

/** SHA-256 digest. */
export function sha256(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(data).digest());
}

/** SHA-512 digest. */
export function sha512(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha512').update(data).digest());
}

/** HMAC-SHA256 of `data` under `key`. */
export function hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array {
  return new Uint8Array(createHmac('sha256', key).update(data).digest());
}
