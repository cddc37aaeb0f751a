// Encryption of one payload for several recipients (LIBSESSION multi_encrypt, spec advanced.md C.9)
// and the kicked notice an admin stores to ns −11 for removed members.
import type { Identity } from '../identity/keys';
import { ProtocolError, type Result } from '../primitives/errors';
import type { RandomSource } from '../primitives/random';
import type { GroupAdminKeys } from './groupIdentity';

/** The per-recipient key: H_32(X25519(sk, their pk) || sender_xpk || recipient_xpk; key=domain). */
export function multiEncryptKey(a: { secretKey: Uint8Array; theirPublicKey: Uint8Array; senderPublicKey: Uint8Array; recipientPublicKey: Uint8Array; domain: string }): Uint8Array {
  void a;
  throw new ProtocolError('not_ready', 'not implemented');
}

/** `encrypt_for_multiple`: every message for its recipient, one nonce; returns the ciphertexts in order. */
export function encryptForMultiple(a: {
  messages: readonly Uint8Array[];
  recipients: readonly Uint8Array[];
  nonce: Uint8Array;
  senderX25519SecretKey: Uint8Array;
  senderX25519PublicKey: Uint8Array;
  domain: string;
}): Uint8Array[] {
  void a;
  throw new ProtocolError('not_ready', 'not implemented');
}

/** `decrypt_for_multiple`: the first entry that opens with our key, or null. */
export function decryptForMultiple(a: {
  ciphertexts: readonly Uint8Array[];
  nonce: Uint8Array;
  recipientX25519SecretKey: Uint8Array;
  recipientX25519PublicKey: Uint8Array;
  senderX25519PublicKey: Uint8Array;
  domain: string;
}): Uint8Array | null {
  void a;
  throw new ProtocolError('not_ready', 'not implemented');
}

/** `encrypt_for_multiple_simple`: bencode{"#": nonce, "e": [...]} */
export function encryptForMultipleSimple(a: {
  messages: readonly Uint8Array[];
  recipients: readonly Uint8Array[];
  senderX25519SecretKey: Uint8Array;
  senderX25519PublicKey: Uint8Array;
  domain: string;
  random: RandomSource;
}): Uint8Array {
  void a;
  throw new ProtocolError('not_ready', 'not implemented');
}

/** `decrypt_for_multiple_simple`; never throws (`group_kicked_invalid` for a malformed dict, null-free). */
export function decryptForMultipleSimple(a: {
  data: Uint8Array;
  recipientX25519SecretKey: Uint8Array;
  recipientX25519PublicKey: Uint8Array;
  senderX25519PublicKey: Uint8Array;
  domain: string;
}): Result<Uint8Array | null> {
  void a;
  throw new ProtocolError('not_ready', 'not implemented');
}

/** Admin: the ns −11 kicked notice for removed members (`removedSessionIds`), at the current key generation. */
export function makeKickedNotice(a: { admin: GroupAdminKeys; removedSessionIds: readonly string[]; generation: number; random: RandomSource }): Uint8Array {
  void a;
  throw new ProtocolError('not_ready', 'not implemented');
}

/**
 * Member: reads one ns −11 message. `kicked` is true when it names us at a generation ≥ `currentGeneration`
 * (the caller then marks the group kicked and stops polling). Never throws.
 */
export function decryptKickedNotice(a: {
  data: Uint8Array;
  identity: Identity;
  groupX25519PublicKey: Uint8Array;
  currentGeneration: number;
}): Result<{ kicked: boolean; generation: number | null }> {
  void a;
  throw new ProtocolError('not_ready', 'not implemented');
}
