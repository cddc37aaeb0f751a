// Account keys: 16-byte recovery seed -> Ed25519 seed (seed || 16 zeros) -> Ed25519 and X25519
// key pairs -> Session ID (spec messaging §1.1).
import { assertLength, concatBytes } from '../primitives/bytes';
import { ed25519KeyPairFromSeed, ed25519PublicToX25519, ed25519SecretToX25519, type KeyPair } from '../primitives/curve';
import { ProtocolError } from '../primitives/errors';
import type { RandomSource } from '../primitives/random';
import { SessionIdPrefix, formatSessionId } from './sessionId';

/** Everything derived from an account seed. */
export interface Identity {
  /** 32-byte Ed25519 seed (recovery seed padded with zeros). */
  ed25519Seed: Uint8Array;
  /** Ed25519 key pair; secretKey is libsodium's 64-byte form. */
  ed25519: KeyPair;
  /** X25519 key pair (public = Session ID key). */
  x25519: KeyPair;
  /** "05" + hex(X25519 public key). */
  sessionId: string;
}

/** Draws a fresh 16-byte recovery seed. */
export function generateRecoverySeed(random: RandomSource): Uint8Array {
  const seed = random(16);
  assertLength(seed, 16, 'Recovery seed');
  return seed;
}

/** Derives the identity for a 32-byte Ed25519 seed. */
export function identityFromEd25519Seed(seed32: Uint8Array): Identity {
  assertLength(seed32, 32, 'Ed25519 seed');
  const ed25519 = ed25519KeyPairFromSeed(seed32);
  const xPub = ed25519PublicToX25519(ed25519.publicKey);
  const xSec = ed25519SecretToX25519(ed25519.secretKey);
  return {
    ed25519Seed: seed32.slice(),
    ed25519,
    x25519: { publicKey: xPub, secretKey: xSec },
    sessionId: formatSessionId(SessionIdPrefix.Standard, xPub),
  };
}

/** Derives the identity for a 16-byte recovery seed (Ed25519 seed = seed || 16 zero bytes). */
export function identityFromRecoverySeed(seed16: Uint8Array): Identity {
  if (!(seed16 instanceof Uint8Array) || seed16.length !== 16) {
    throw new ProtocolError('invalid_argument', 'A recovery seed is 16 bytes.');
  }
  return identityFromEd25519Seed(concatBytes(seed16, new Uint8Array(16)));
}

/** Session ID of the sender whose Ed25519 public key is given ("05" + converted X25519 key). */
export function sessionIdFromEd25519(publicKey: Uint8Array): string {
  return formatSessionId(SessionIdPrefix.Standard, ed25519PublicToX25519(publicKey));
}
