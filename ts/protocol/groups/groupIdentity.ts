// A group's own identity (spec advanced.md C.1): the Ed25519 key pair whose public half, prefixed
// with `03`, is the group ID, and its X25519 form used to wrap key material for members. Whoever
// holds the 32-byte seed is an admin; members only know the public key.
import { bytesToHex, hexToBytes } from '../primitives/bytes';
import { ed25519KeyPairFromSeed, ed25519PublicToX25519, ed25519SecretToX25519 } from '../primitives/curve';
import { ProtocolError, err, ok, type Result } from '../primitives/errors';
import type { RandomSource } from '../primitives/random';

/** What every member knows about a group. */
export interface GroupPublicKeys {
  /** `03` + hex(ed25519PublicKey), lower case. */
  groupId: string;
  ed25519PublicKey: Uint8Array;
  /** ed25519_pk_to_curve25519(ed25519PublicKey). */
  x25519PublicKey: Uint8Array;
}

/** What an admin holds in addition: the seed and the secret keys derived from it. */
export interface GroupAdminKeys extends GroupPublicKeys {
  /** 32-byte seed (UserGroups `K`). */
  seed: Uint8Array;
  /** libsodium's 64-byte secret key (seed || public key). */
  ed25519SecretKey: Uint8Array;
  x25519SecretKey: Uint8Array;
}

/** The group's keys for a 32-byte seed, or a 64-byte secret key (seed || pk). Throws `invalid_argument`. */
export function groupKeysFromSeed(seedOrSecretKey: Uint8Array): GroupAdminKeys {
  if (!(seedOrSecretKey instanceof Uint8Array) || (seedOrSecretKey.length !== 32 && seedOrSecretKey.length !== 64)) {
    throw new ProtocolError('invalid_argument', 'A group secret key is a 32-byte seed or a 64-byte secret key.');
  }
  const seed = seedOrSecretKey.slice(0, 32);
  const kp = ed25519KeyPairFromSeed(seed);
  if (seedOrSecretKey.length === 64 && bytesToHex(seedOrSecretKey.subarray(32)) !== bytesToHex(kp.publicKey)) {
    throw new ProtocolError('invalid_argument', 'The group secret key does not match its public half.');
  }
  return {
    groupId: `03${bytesToHex(kp.publicKey)}`,
    ed25519PublicKey: kp.publicKey,
    x25519PublicKey: ed25519PublicToX25519(kp.publicKey),
    seed,
    ed25519SecretKey: kp.secretKey,
    x25519SecretKey: ed25519SecretToX25519(kp.secretKey),
  };
}

/** A new group: a fresh random seed (UserGroups::create_group). */
export function generateGroupKeys(random: RandomSource): GroupAdminKeys {
  const seed = random(32);
  if (!(seed instanceof Uint8Array) || seed.length !== 32) throw new ProtocolError('invalid_argument', 'The random source gave no 32-byte seed.');
  return groupKeysFromSeed(seed);
}

/** Parses a `03…` group ID (66 hex digits, either case) into its public keys. Never throws. */
export function parseGroupId(groupId: unknown): Result<GroupPublicKeys> {
  if (typeof groupId !== 'string' || !/^03[0-9a-fA-F]{64}$/.test(groupId)) {
    return err(new ProtocolError('invalid_argument', 'Invalid group ID: expected 66 hex digits starting with 03.'));
  }
  const pk = hexToBytes(groupId.slice(2));
  try {
    return ok({ groupId: groupId.toLowerCase(), ed25519PublicKey: pk, x25519PublicKey: ed25519PublicToX25519(pk) });
  } catch {
    return err(new ProtocolError('invalid_argument', 'Invalid group ID: not a valid Ed25519 public key.'));
  }
}

/** The group's public keys for its 32-byte Ed25519 public key. Throws `invalid_argument`. */
export function groupPublicKeys(ed25519PublicKey: Uint8Array): GroupPublicKeys {
  if (!(ed25519PublicKey instanceof Uint8Array) || ed25519PublicKey.length !== 32) {
    throw new ProtocolError('invalid_argument', 'A group public key is 32 bytes.');
  }
  const r = parseGroupId(`03${bytesToHex(ed25519PublicKey)}`);
  if (!r.ok) throw r.error;
  return r.value;
}
