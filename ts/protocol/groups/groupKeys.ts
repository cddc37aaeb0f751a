// The Keys "config" of a group (spec advanced.md C.5, namespace 12) and group message encryption
// (C.6): which group encryption keys we hold, loading full (rekey) and supplemental key messages,
// key expiry, the swarm hashes per generation, and, for admins, making rekey and supplement
// messages and subaccount auth data. Keys is not a ConfigBase: each message is loaded on its own,
// with its swarm storage timestamp, before Info and Members are merged.
//
// Pure: times and randomness are parameters.
import type { Identity } from '../identity/keys';
import { ProtocolError, type Result } from '../primitives/errors';
import type { RandomSource } from '../primitives/random';
import type { GroupAdminKeys, GroupPublicKeys } from './groupIdentity';

/** A generation is dropped once a newer one is older than this, measured from the newest key (C.5 step 7). */
export const GROUP_KEY_EXPIRY_MS = 60 * 24 * 60 * 60 * 1000;

/** Group messages are padded so that their encrypted size is a multiple of this (C.6). */
export const GROUP_MESSAGE_PADDING = 256;

/** Largest decompressed group message accepted (C.6). */
export const GROUP_MESSAGE_MAX_DECOMPRESSED = 1_000_000;

/** One group encryption key we hold. */
export interface GroupKeyInfo {
  generation: number;
  /** 32-byte XChaCha20 key. */
  key: Uint8Array;
  /** Swarm storage timestamp (ms) of the message that gave it (supplements carry the original's). */
  timestampMs: number;
}

export interface GroupKeysOptions {
  /** Our own account (its Ed25519/X25519 keys open the key entries meant for us). */
  identity: Identity;
  /** The group's public keys (from `parseGroupId` / `groupPublicKeys`). */
  group: GroupPublicKeys;
  /** The group's admin keys when we are an admin (`groupKeysFromSeed`), else null/omitted. */
  admin?: GroupAdminKeys | null;
  /** A dump from `dump()` to resume from. */
  dump?: Uint8Array | null;
}

/** What `loadKeyMessage` did with one ns-12 message. */
export interface KeyMessageLoad {
  /** 'full' (rekey) or 'supplement'. */
  kind: 'full' | 'supplement';
  /** The message's `G`. */
  generation: number;
  /** True when the message held a key for us (libsession's return value). */
  found: boolean;
  /** Generations of the keys it gave us (empty when none). */
  generationsFound: number[];
}

/** A decrypted group message (C.6). */
export interface DecryptedGroupMessage {
  /** `05…` Session ID of the author (from the signed inner `a`, never from the Envelope). */
  senderSessionId: string;
  /** The author's Ed25519 public key (`a`). */
  senderEd25519: Uint8Array;
  /** The plaintext (decompressed when it came as `z`): a serialized Envelope for ns-11 messages. */
  plaintext: Uint8Array;
  /** Generation of the key that opened it. */
  generation: number;
}

/** Options of `encryptMessage`. */
export interface EncryptGroupMessageOptions {
  /** 24 random bytes are drawn for the nonce; production passes `secureRandom`. */
  random: RandomSource;
  /** zstd-compress when shorter (default true, as the official clients). */
  compress?: boolean;
  /** Padding block (default 256). */
  padding?: number;
}

/** An admin's new keys message (full rekey). */
export interface RekeyResult {
  /** The bytes to store to ns 12 (with the Info and Members pushes, in one sequence). */
  message: Uint8Array;
  generation: number;
  /** The new group key: pending until the message is loaded back from the swarm, and used meanwhile. */
  key: Uint8Array;
}

/** Subaccount permission bits (C.7). */
export const SubaccountFlag = { read: 0x01, write: 0x02, del: 0x04, anyPrefix: 0x08 } as const;

export class GroupKeys {
  constructor(opts: GroupKeysOptions) {
    void opts;
    throw new ProtocolError('not_ready', 'GroupKeys: not implemented yet.');
  }

  /** True when we hold the group's seed. */
  get isAdmin(): boolean {
    throw new ProtocolError('not_ready', 'not implemented');
  }

  /** Becomes admin after a promotion (libsession `load_admin_key`); throws when the seed is not this group's. */
  loadAdminKey(admin: GroupAdminKeys): void {
    void admin;
    throw new ProtocolError('not_ready', 'not implemented');
  }

  /**
   * Loads one retrieved ns-12 message (C.5 "Loading"). Never throws: a malformed message
   * (`group_keys_invalid`) or a bad signature (`signature_invalid`) is refused and changes nothing.
   * A full message holding nothing for us is still recorded (its hash under its generation).
   */
  loadKeyMessage(hash: string, data: Uint8Array, storageTimestampMs: number): Result<KeyMessageLoad> {
    void hash;
    void data;
    void storageTimestampMs;
    throw new ProtocolError('not_ready', 'not implemented');
  }

  /** All keys we hold, oldest first (generation, timestamp, key order). */
  keysOldestFirst(): GroupKeyInfo[] {
    throw new ProtocolError('not_ready', 'not implemented');
  }

  /** The Info/Members key list: the pending key (admin, after rekey) first, then all keys newest first. */
  keysNewestFirst(): Uint8Array[] {
    throw new ProtocolError('not_ready', 'not implemented');
  }

  /** The key new messages are encrypted with (the pending key if any, else the newest), or null with no key. */
  encryptionKey(): Uint8Array | null {
    throw new ProtocolError('not_ready', 'not implemented');
  }

  /** The newest generation we hold a key for (0 with none). */
  get currentGeneration(): number {
    throw new ProtocolError('not_ready', 'not implemented');
  }

  /** The swarm hashes of the keys messages still in use (to extend their expiry), sorted. */
  currentHashes(): string[] {
    throw new ProtocolError('not_ready', 'not implemented');
  }

  /** Admins: two different keys share the newest generation (concurrent rekeys); rekey again. */
  needsRekey(): boolean {
    throw new ProtocolError('not_ready', 'not implemented');
  }

  /** The pending rekey message (admin) until it is loaded back from the swarm, else null. */
  pendingMessage(): Uint8Array | null {
    throw new ProtocolError('not_ready', 'not implemented');
  }

  get needsDump(): boolean {
    throw new ProtocolError('not_ready', 'not implemented');
  }

  /** libsession's Keys dump: {"A": active hashes, "L": keys, "P": pending}. */
  dump(): Uint8Array {
    throw new ProtocolError('not_ready', 'not implemented');
  }

  /** C.6: signs with our Ed25519 key, compresses, pads and encrypts. Throws `group_no_key` without a key. */
  encryptMessage(plaintext: Uint8Array, opts: EncryptGroupMessageOptions): Uint8Array {
    void plaintext;
    void opts;
    throw new ProtocolError('not_ready', 'not implemented');
  }

  /** C.6: tries every key; checks the inner dict and the author's signature. Never throws. */
  decryptMessage(ciphertext: Uint8Array): Result<DecryptedGroupMessage> {
    void ciphertext;
    throw new ProtocolError('not_ready', 'not implemented');
  }

  // --- admin ---

  /**
   * Admin: a new generation for `memberSessionIds` (every member, admins included; order does not
   * matter). The key becomes pending; re-push Info and Members with `keysNewestFirst()`.
   */
  rekey(memberSessionIds: readonly string[]): RekeyResult {
    void memberSessionIds;
    throw new ProtocolError('not_ready', 'not implemented');
  }

  /** Admin: a supplemental message giving the keys we hold to `sessionIds` (new members with history). */
  keySupplement(sessionIds: readonly string[]): Uint8Array {
    void sessionIds;
    throw new ProtocolError('not_ready', 'not implemented');
  }

  /** Admin: the 100-byte subaccount auth data for a member (C.7); flags default read|write. */
  makeSubaccount(sessionId: string, flags?: number): Uint8Array {
    void sessionId;
    void flags;
    throw new ProtocolError('not_ready', 'not implemented');
  }

  /** Admin: the member's 36-byte subaccount token (for revoke/unrevoke). */
  subaccountToken(sessionId: string, flags?: number): Uint8Array {
    void sessionId;
    void flags;
    throw new ProtocolError('not_ready', 'not implemented');
  }
}
