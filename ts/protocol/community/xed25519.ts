// XEd25519: Ed25519-verifiable signatures made with an X25519 private key (unblinded community posts,
// spec advanced.md A.9). The public key is the positive Edwards form of the X25519 key, so the signer
// negates its scalar when its own Edwards point is negative. Written from Signal's XEdDSA algorithm:
// r = SHA512(0xFE ‖ 0xFF×31 ‖ a ‖ M ‖ Z) with Z 64 random bytes (libsession hashes the same inputs with a
// personalised BLAKE2b; the nonce is private to the signer, so verifiers cannot tell the difference).
import { assertLength, concatBytes } from '../primitives/bytes';
import { ed25519Verify } from '../primitives/curve';
import { sha512 } from '../primitives/hash';
import { sodium } from '../primitives/sodium';
import { x25519ToPositiveEd25519 } from '../identity/blinding';
import { ProtocolError } from '../primitives/errors';

// hash_1 of the XEdDSA spec: domain-separated from Ed25519's own SHA-512 uses.
const HASH1_PREFIX = new Uint8Array(32).fill(0xff);
HASH1_PREFIX[0] = 0xfe;

/** The Ed25519 key that verifies XEd25519 signatures of an X25519 key (sign bit 0). */
export function xed25519PublicKey(x25519Public: Uint8Array): Uint8Array {
  return x25519ToPositiveEd25519(x25519Public);
}

/** Signs `message` with a 32-byte X25519 private key; `random` is 64 fresh random bytes. */
export function xed25519Sign(x25519Secret: Uint8Array, message: Uint8Array, random: Uint8Array): Uint8Array {
  assertLength(x25519Secret, 32, 'X25519 secret key');
  assertLength(random, 64, 'XEd25519 randomness');
  const s = sodium();
  // X25519 clamps its scalar; sign with the same scalar the public key was made from.
  const a = x25519Secret.slice();
  a[0] = (a[0] as number) & 248;
  a[31] = ((a[31] as number) & 127) | 64;
  const A = s.crypto_scalarmult_ed25519_base_noclamp(a);
  const negative = ((A[31] as number) & 0x80) !== 0;
  A[31] = (A[31] as number) & 0x7f;
  const scalar = negative ? s.crypto_core_ed25519_scalar_negate(a) : s.crypto_core_ed25519_scalar_reduce(concatBytes(a, new Uint8Array(32)));
  const r = s.crypto_core_ed25519_scalar_reduce(sha512(concatBytes(HASH1_PREFIX, scalar, message, random)));
  let R: Uint8Array;
  try {
    R = s.crypto_scalarmult_ed25519_base_noclamp(r);
  } catch {
    throw new ProtocolError('invalid_argument', 'Could not sign (bad randomness).');
  }
  const h = s.crypto_core_ed25519_scalar_reduce(sha512(concatBytes(R, A, message)));
  return concatBytes(R, s.crypto_core_ed25519_scalar_add(s.crypto_core_ed25519_scalar_mul(h, scalar), r));
}

/** Verifies an XEd25519 signature against an X25519 public key; false for anything malformed. */
export function xed25519Verify(signature: Uint8Array, message: Uint8Array, x25519Public: Uint8Array): boolean {
  if (signature.length !== 64 || x25519Public.length !== 32) return false;
  let ed: Uint8Array;
  try {
    ed = xed25519PublicKey(x25519Public);
  } catch {
    return false;
  }
  return ed25519Verify(signature, message, ed);
}
