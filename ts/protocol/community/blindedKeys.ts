// Blinded key pairs and signatures for community servers (spec advanced.md A.4, A.5): the 15-blinded
// pair (k·a, kA) and its EdDSA-style signing, the 25-blinded pair and signing, the version-check key,
// and matching a Session ID against a 15-blinded id. IDs themselves come from identity/blinding.ts.
import { assertLength, bytesToHex, concatBytes, utf8ToBytes } from '../primitives/bytes';
import { ed25519KeyPairFromSeed, ed25519PublicToX25519, ed25519SecretToX25519, ed25519Sign, type KeyPair } from '../primitives/curve';
import { ProtocolError } from '../primitives/errors';
import { blake2b, sha512 } from '../primitives/hash';
import { sodium } from '../primitives/sodium';
import { blind15Factor, blind15IdsFromSessionId, blind25Factor } from '../identity/blinding';
import { parseSessionId, SessionIdPrefix } from '../identity/sessionId';

/** A blinded key pair: the private scalar (not an Ed25519 seed) and its public point. */
export interface BlindedKeyPair {
  /** Blinded private scalar (32 bytes, reduced mod L). */
  secretScalar: Uint8Array;
  /** Blinded public key (Ed25519 point, verifiable with plain Ed25519). */
  publicKey: Uint8Array;
}

/** Which secret seeds the 15-blinded signature nonce (A.4.3); both verify the same way. */
export type Blind15NonceVariant = 'seed' | 'sk64';

function checkSecretKey(ed25519SecretKey: Uint8Array): void {
  assertLength(ed25519SecretKey, 64, 'Ed25519 secret key');
}

function checkServerKey(serverPubkey: Uint8Array): void {
  assertLength(serverPubkey, 32, 'Community server public key');
}

function baseMul(scalar: Uint8Array): Uint8Array {
  try {
    return sodium().crypto_scalarmult_ed25519_base_noclamp(scalar);
  } catch {
    throw new ProtocolError('invalid_argument', 'Key cannot be blinded.');
  }
}

/** EdDSA signature with an arbitrary scalar `a` and point `A` (= a·G): R = r·G, S = r + H(R‖A‖M)·a. */
export function signWithScalar(a: Uint8Array, A: Uint8Array, r: Uint8Array, message: Uint8Array): Uint8Array {
  const s = sodium();
  const R = baseMul(r);
  const h = s.crypto_core_ed25519_scalar_reduce(sha512(concatBytes(R, A, message)));
  const S = s.crypto_core_ed25519_scalar_add(s.crypto_core_ed25519_scalar_mul(h, a), r);
  return concatBytes(R, S);
}

/** Our 15-blinded key pair for a server: ka = k·a, kA = ka·G (A.4.1). */
export function blind15KeyPair(ed25519SecretKey: Uint8Array, serverPubkey: Uint8Array): BlindedKeyPair {
  checkSecretKey(ed25519SecretKey);
  checkServerKey(serverPubkey);
  const a = ed25519SecretToX25519(ed25519SecretKey);
  const ka = sodium().crypto_core_ed25519_scalar_mul(blind15Factor(serverPubkey), a);
  return { secretScalar: ka, publicKey: baseMul(ka) };
}

/** Our 15-blinded id on a server ("15" + hex(kA)). */
export function blind15Id(ed25519SecretKey: Uint8Array, serverPubkey: Uint8Array): string {
  return `15${bytesToHex(blind15KeyPair(ed25519SecretKey, serverPubkey).publicKey)}`;
}

/**
 * 15-blinded signature (A.4.3), verifiable with plain Ed25519 against kA. `variant` picks the nonce
 * secret Hrh: 'seed' = SHA512(seed32)[32..64] (desktop and pysogs; the default), 'sk64' = SHA512(seed‖pk)[32..64]
 * (libsession).
 */
export function blind15Sign(ed25519SecretKey: Uint8Array, serverPubkey: Uint8Array, message: Uint8Array, variant: Blind15NonceVariant = 'seed'): Uint8Array {
  const kp = blind15KeyPair(ed25519SecretKey, serverPubkey);
  const hrh = sha512(variant === 'seed' ? ed25519SecretKey.subarray(0, 32) : ed25519SecretKey).subarray(32);
  const r = sodium().crypto_core_ed25519_scalar_reduce(sha512(concatBytes(hrh, kp.publicKey, message)));
  return signWithScalar(kp.secretScalar, kp.publicKey, r, message);
}

/** Our 25-blinded key pair (A.5): k = ±k' so that a' = k·a gives A' = k'·|A|. */
export function blind25KeyPair(ed25519SecretKey: Uint8Array, serverPubkey: Uint8Array): BlindedKeyPair {
  checkSecretKey(ed25519SecretKey);
  checkServerKey(serverPubkey);
  const s = sodium();
  const edPk = ed25519SecretKey.subarray(32);
  const sessionIdBytes = concatBytes(new Uint8Array([0x05]), ed25519PublicToX25519(edPk));
  let k = blind25Factor(sessionIdBytes, serverPubkey);
  if (((edPk[31] as number) & 0x80) !== 0) k = s.crypto_core_ed25519_scalar_negate(k);
  const a = s.crypto_core_ed25519_scalar_mul(k, ed25519SecretToX25519(ed25519SecretKey));
  return { secretScalar: a, publicKey: baseMul(a) };
}

/** Our 25-blinded id ("25" + hex(A')). */
export function blind25Id(ed25519SecretKey: Uint8Array, serverPubkey: Uint8Array): string {
  return `25${bytesToHex(blind25KeyPair(ed25519SecretKey, serverPubkey).publicKey)}`;
}

/** 25-blinded signature (A.5), verifiable with plain Ed25519 against A'. */
export function blind25Sign(ed25519SecretKey: Uint8Array, serverPubkey: Uint8Array, message: Uint8Array): Uint8Array {
  const kp = blind25KeyPair(ed25519SecretKey, serverPubkey);
  const seedHash = blake2b(ed25519SecretKey.subarray(0, 32), 32, utf8ToBytes('SessCommBlind25_seed'));
  const r = sodium().crypto_core_ed25519_scalar_reduce(blake2b(concatBytes(seedHash, kp.publicKey, message), 64, utf8ToBytes('SessCommBlind25_sig')));
  return signWithScalar(kp.secretScalar, kp.publicKey, r, message);
}

/** The version-check key pair (A.5): Ed25519 from seed BLAKE2b-256(seed32, key "VersionCheckKey_sig"). */
export function versionBlindingKeyPair(ed25519SecretKey: Uint8Array): KeyPair {
  checkSecretKey(ed25519SecretKey);
  return ed25519KeyPairFromSeed(blake2b(ed25519SecretKey.subarray(0, 32), 32, utf8ToBytes('VersionCheckKey_sig')));
}

/** Signs `ascii(ts) ‖ "GET" ‖ "/session_version?platform=<platform>"` with the version-check key. */
export function versionBlindingSign(ed25519SecretKey: Uint8Array, timestampSeconds: number, platform = 'desktop'): Uint8Array {
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds < 0) throw new ProtocolError('invalid_argument', 'Invalid timestamp.');
  const kp = versionBlindingKeyPair(ed25519SecretKey);
  return ed25519Sign(kp.secretKey, utf8ToBytes(`${timestampSeconds}GET/session_version?platform=${platform}`));
}

/** Whether a 15-blinded id belongs to a 05 Session ID on this server (either sign of the Edwards key). False for malformed input. */
export function sessionIdMatchesBlinded15(sessionId: string, blindedId: string, serverPubkey: Uint8Array): boolean {
  const b = parseSessionId(blindedId, [SessionIdPrefix.Blinded15]);
  if (!b.ok || serverPubkey.length !== 32) return false;
  try {
    return blind15IdsFromSessionId(sessionId, serverPubkey).includes(b.value.hex);
  } catch {
    return false;
  }
}

/** The 32-byte key after the prefix of a 15/25 blinded id; throws invalid_argument otherwise. */
export function blindedIdKey(blindedId: string): Uint8Array {
  const b = parseSessionId(blindedId, [SessionIdPrefix.Blinded15, SessionIdPrefix.Blinded25]);
  if (!b.ok) throw new ProtocolError('invalid_argument', 'Not a blinded id.', b.error.message);
  return b.value.key;
}
