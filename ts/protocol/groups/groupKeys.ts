// The Keys "config" of a group (spec advanced.md C.5, namespace 12) and group message encryption
// (C.6): which group encryption keys we hold, loading full (rekey) and supplemental key messages,
// key expiry, the swarm hashes per generation, and, for admins, making rekey and supplement
// messages and subaccount auth data. Keys is not a ConfigBase: each message is loaded on its own,
// with its swarm storage timestamp, before Info and Members are merged (the caller then hands
// `keysNewestFirst()` to both with `replaceKeys`).
//
// Pure: times and randomness are parameters. Byte for byte with libsession's Keys (rekey, junk
// entries, supplements, signatures, message layout and padding).
import type { Identity } from '../identity/keys';
import { parseSessionId, SessionIdPrefix } from '../identity/sessionId';
import { XCHACHA_NONCE_BYTES, XCHACHA_TAG_BYTES, xchachaDecryptDetachedNonce } from '../primitives/aead';
import { bytesToHex, concatBytes, equalBytes, utf8ToBytes } from '../primitives/bytes';
import { ed25519PublicToX25519, ed25519Sign, ed25519Verify } from '../primitives/curve';
import { ProtocolError, attempt, type Result } from '../primitives/errors';
import { blake2b } from '../primitives/hash';
import type { RandomSource } from '../primitives/random';
import { sodium } from '../primitives/sodium';
import { BtReader, BtWriter, btDecodeDict, type BtValue } from '../config/bt';
import { zstdCompress, zstdDecompress } from '../config/compress';
import { binaryFromBytes, bytesFromBinary } from '../config/data';
import { groupKeysFromSeed, type GroupAdminKeys, type GroupPublicKeys } from './groupIdentity';
import { decryptForMultiple, encryptForMultiple, xchachaSeal } from './multiEncrypt';
import { makeSubaccountAuthData, makeSubaccountToken } from './subaccount';

/** A generation is dropped once a newer one is older than this, measured from the newest key (C.5 step 7). */
export const GROUP_KEY_EXPIRY_MS = 60 * 24 * 60 * 60 * 1000;

/** Group messages are padded so that their encrypted size is a multiple of this (C.6). */
export const GROUP_MESSAGE_PADDING = 256;

/** Largest (decompressed) group message plaintext (C.6). */
export const GROUP_MESSAGE_MAX_DECOMPRESSED = 1_000_000;

/** The member key list of a full keys message is padded with junk to a multiple of this. */
export const GROUP_KEYS_ENTRY_MULTIPLE = 75;

/** nonce + tag around a group message. */
const MESSAGE_OVERHEAD = XCHACHA_NONCE_BYTES + XCHACHA_TAG_BYTES;
/** A wrapped key: 32 bytes + tag. */
const WRAPPED_KEY_BYTES = 32 + XCHACHA_TAG_BYTES;
/** The smallest encrypted supplement entry libsession accepts (a {g,k,t} list of one, + tag). */
const MIN_SUPPLEMENT_ENTRY = 52 + XCHACHA_TAG_BYTES;

const SEED_HASH_KEY = 'SessionGroupKeySeed';
const KEY_GEN_HASH_KEY = 'SessionGroupKeyGen';
const ADMIN_KEY_HASH_KEY = 'SessionGroupKeyAdminKey';
/** Domain of the member key entries (multi-encrypt keys). */
export const MEMBER_KEY_DOMAIN = 'SessionGroupKeyMemberKey';
const JUNK_SEED_HASH_KEY = 'SessionGroupJunkMembers';

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
  /** A dump from `dump()` (libsession's Keys dump) to resume from. */
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
  /** Generation of the key that opened it (the pending key's for an admin's not yet loaded rekey). */
  generation: number;
}

/** Options of `encryptMessage`. */
export interface EncryptGroupMessageOptions {
  /** 24 random bytes are drawn for the nonce; production passes `secureRandom`. */
  random: RandomSource;
  /** zstd-compress when shorter (default true, as the official clients). */
  compress?: boolean;
  /** Padding block (default 256; 0 or 1 = none). */
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

interface PendingKey {
  message: Uint8Array;
  generation: number;
  key: Uint8Array;
}

/** (generation, timestamp, key bytes) order of libsession's key_info. */
function compareKeys(a: GroupKeyInfo, b: GroupKeyInfo): number {
  if (a.generation !== b.generation) return a.generation - b.generation;
  if (a.timestampMs !== b.timestampMs) return a.timestampMs - b.timestampMs;
  for (let i = 0; i < 32; i++) if (a.key[i] !== b.key[i]) return (a.key[i] as number) - (b.key[i] as number);
  return 0;
}

function seedHash(seed: Uint8Array, key: string): Uint8Array {
  return blake2b(seed, 32, utf8ToBytes(key));
}

function invalid(detail: string): ProtocolError {
  return new ProtocolError('group_keys_invalid', 'A group keys message was malformed.', detail);
}

/** A safe-integer generation / timestamp from a bt integer. */
function safeInt(v: BtValue | undefined, what: string): number {
  if (typeof v !== 'bigint') throw invalid(`${what} missing or not an integer`);
  if (v < BigInt(Number.MIN_SAFE_INTEGER) || v > BigInt(Number.MAX_SAFE_INTEGER)) throw invalid(`${what} out of range`);
  return Number(v);
}

/** The top-level dict of a signed keys message, the bytes its `~` signature covers, and the signature. */
function parseSignedDict(data: Uint8Array): { dict: Map<string, BtValue>; signed: Uint8Array; signature: Uint8Array | null } {
  const r = new BtReader(data);
  const dict = new Map<string, BtValue>();
  let signedEnd = -1;
  let signature: Uint8Array | null = null;
  try {
    r.expect(0x64, 'a dict');
    let prev: string | null = null;
    while (!r.endOfContainer()) {
      const keyStart = r.pos;
      const k = r.readDictKey(prev);
      prev = k;
      if (k === '~') {
        signedEnd = keyStart;
        signature = bytesFromBinary(r.readString());
      } else {
        if (signature !== null) throw invalid('keys after the signature');
        dict.set(k, r.readValue(1));
      }
    }
    if (!r.atEnd) throw invalid('data after the dict');
  } catch (e) {
    if (e instanceof ProtocolError && e.kind === 'group_keys_invalid') throw e;
    throw invalid(e instanceof ProtocolError ? (e.detail ?? e.message) : 'not bt');
  }
  return { dict, signed: signedEnd < 0 ? data : data.subarray(0, signedEnd), signature };
}

/** `05…` → its X25519 key (throws invalid_argument). */
function memberX25519(sessionId: string): Uint8Array {
  const id = parseSessionId(sessionId, [SessionIdPrefix.Standard]);
  if (!id.ok) throw new ProtocolError('invalid_argument', 'A group member is a 05 Session ID.', id.error.detail);
  return id.value.key;
}

/** libsodium's randombytes_buf_deterministic: ChaCha20-IETF keystream, nonce "LibsodiumDRG". */
function deterministicBytes(length: number, seed: Uint8Array): Uint8Array {
  return sodium().randombytes_buf_deterministic(length, seed);
}

export class GroupKeys {
  private readonly identity: Identity;
  private readonly group: GroupPublicKeys;
  private admin: GroupAdminKeys | null;
  /** Sorted by (generation, timestamp, key). */
  private keys: GroupKeyInfo[] = [];
  /** generation → swarm hashes of the messages of that generation still in use. */
  private readonly active = new Map<number, Set<string>>();
  private pending: PendingKey | null = null;
  private dumpNeeded = false;
  /** Our Km for member key entries (H(X25519(own xsk, group xpk) || group xpk || own xpk)). */
  private readonly ownX25519: { secretKey: Uint8Array; publicKey: Uint8Array };

  /** Throws ProtocolError (`invalid_argument` for keys that do not fit together, `group_keys_invalid` for a bad dump). */
  constructor(opts: GroupKeysOptions) {
    if (!(opts.group?.ed25519PublicKey instanceof Uint8Array) || opts.group.ed25519PublicKey.length !== 32) {
      throw new ProtocolError('invalid_argument', 'A group public key is 32 bytes.');
    }
    this.identity = opts.identity;
    this.group = opts.group;
    this.admin = null;
    this.ownX25519 = { secretKey: opts.identity.x25519.secretKey, publicKey: opts.identity.x25519.publicKey };
    if (opts.admin) this.setAdmin(opts.admin);
    if (opts.dump !== undefined && opts.dump !== null) this.loadDump(opts.dump);
  }

  private setAdmin(admin: GroupAdminKeys): void {
    if (!equalBytes(admin.ed25519PublicKey, this.group.ed25519PublicKey)) {
      throw new ProtocolError('invalid_argument', 'The group secret key does not match the group.');
    }
    // Re-derive: never trust the derived fields of a caller-built object.
    this.admin = groupKeysFromSeed(admin.seed);
  }

  /** True when we hold the group's seed. */
  get isAdmin(): boolean {
    return this.admin !== null;
  }

  /** Becomes admin after a promotion (libsession `load_admin_key`); throws `invalid_argument` when the seed is not this group's. */
  loadAdminKey(admin: GroupAdminKeys): void {
    if (this.admin !== null) return;
    this.setAdmin(admin);
    this.dumpNeeded = true;
  }

  // --- loading ---

  /**
   * Loads one retrieved ns-12 message (C.5 "Loading"). Never throws: a malformed message
   * (`group_keys_invalid`) or a bad signature (`signature_invalid`) is refused and changes nothing.
   * A full message holding nothing for us is still recorded (its hash under its generation).
   */
  loadKeyMessage(hash: string, data: Uint8Array, storageTimestampMs: number): Result<KeyMessageLoad> {
    return attempt(() => {
      if (typeof hash !== 'string' || hash.length === 0) throw new ProtocolError('invalid_argument', 'A keys message needs its swarm hash.');
      if (!Number.isSafeInteger(storageTimestampMs)) throw new ProtocolError('invalid_argument', 'A keys message needs its storage timestamp.');
      if (!(data instanceof Uint8Array) || data.length === 0) throw invalid('empty');
      const { dict, signed, signature } = parseSignedDict(data);
      const nonceV = dict.get('#');
      if (typeof nonceV !== 'string') throw invalid('no nonce (#)');
      const nonce = bytesFromBinary(nonceV);
      if (nonce.length !== XCHACHA_NONCE_BYTES) throw invalid('nonce (#) is not 24 bytes');

      const newKeys: GroupKeyInfo[] = [];
      let kind: 'full' | 'supplement';
      let generation: number;
      const supp = dict.get('+');
      if (supp !== undefined) {
        kind = 'supplement';
        if (!Array.isArray(supp)) throw invalid('"+" is not a list');
        const entries = supp.map((e, i) => {
          if (typeof e !== 'string' || e.length < MIN_SUPPLEMENT_ENTRY) throw invalid(`supplement entry ${i} has an invalid size`);
          return bytesFromBinary(e);
        });
        generation = safeInt(dict.get('G'), 'G');
        if (this.admin === null) {
          const plain = this.openMemberEntry(entries, nonce);
          if (plain !== null) newKeys.push(...parseSupplementKeys(plain));
        }
      } else {
        kind = 'full';
        generation = safeInt(dict.get('G'), 'G');
        if (generation < 0) throw invalid('negative generation');
        const K = dict.get('K');
        if (typeof K !== 'string' || K.length !== WRAPPED_KEY_BYTES) throw invalid('admin key (K) missing or of the wrong size');
        const list = dict.get('k');
        if (!Array.isArray(list)) throw invalid('member key list (k) missing');
        const entries = list.map((e, i) => {
          if (typeof e !== 'string' || e.length !== WRAPPED_KEY_BYTES) throw invalid(`member key ${i} has the wrong size`);
          return bytesFromBinary(e);
        });
        if (entries.length % GROUP_KEYS_ENTRY_MULTIPLE !== 0) throw invalid('member key list has the wrong size (missing junk padding?)');
        let key: Uint8Array | null = null;
        if (this.admin !== null) {
          try {
            key = xchachaDecryptDetachedNonce(seedHash(this.admin.seed, ADMIN_KEY_HASH_KEY), nonce, bytesFromBinary(K));
          } catch {
            throw invalid('the admin key (K) does not decrypt with our admin key');
          }
        } else {
          key = this.openMemberEntry(entries, nonce);
          if (key !== null && key.length !== 32) throw invalid('a member key entry held no 32-byte key');
        }
        if (key !== null) newKeys.push({ generation, key, timestampMs: storageTimestampMs });
      }

      if (signature === null || !ed25519Verify(signature, signed, this.group.ed25519PublicKey)) {
        throw new ProtocolError('signature_invalid', 'A group keys message was not signed by the group.', 'keys message ~');
      }

      if (this.admin !== null && newKeys.length > 0 && this.pending !== null) {
        const first = newKeys[0] as GroupKeyInfo;
        if (first.generation > this.pending.generation || equalBytes(first.key, this.pending.key)) {
          this.pending = null;
          this.dumpNeeded = true;
        }
      }
      if (newKeys.length > 0) {
        for (const k of newKeys) this.insertKey(hash, k);
      } else {
        this.addActive(generation, hash);
        this.removeExpired();
        this.dumpNeeded = true;
      }
      return { kind, generation, found: newKeys.length > 0, generationsFound: newKeys.map((k) => k.generation) } satisfies KeyMessageLoad;
    });
  }

  /** Tries our member key on every entry; the first that opens, or null. */
  private openMemberEntry(entries: readonly Uint8Array[], nonce: Uint8Array): Uint8Array | null {
    return decryptForMultiple({
      ciphertexts: entries,
      nonce,
      recipientX25519SecretKey: this.ownX25519.secretKey,
      recipientX25519PublicKey: this.ownX25519.publicKey,
      senderX25519PublicKey: this.group.x25519PublicKey,
      domain: MEMBER_KEY_DOMAIN,
    });
  }

  private addActive(generation: number, hash: string): void {
    let set = this.active.get(generation);
    if (set === undefined) {
      set = new Set();
      this.active.set(generation, set);
    }
    set.add(hash);
  }

  private insertKey(hash: string, k: GroupKeyInfo): void {
    // The same key of a generation (whatever its timestamp) only records the extra hash.
    for (const have of this.keys) {
      if (have.generation === k.generation && equalBytes(have.key, k.key)) {
        this.addActive(k.generation, hash);
        return;
      }
    }
    let at = this.keys.findIndex((have) => compareKeys(have, k) >= 0);
    if (at < 0) at = this.keys.length;
    const front = this.keys[0];
    const back = this.keys[this.keys.length - 1];
    if (this.keys.length >= 2 && at === 0 && front !== undefined && back !== undefined && k.generation < front.generation && front.timestampMs + GROUP_KEY_EXPIRY_MS < back.timestampMs) {
      return; // older than a generation that has already expired
    }
    this.addActive(k.generation, hash);
    this.keys.splice(at, 0, { generation: k.generation, key: k.key.slice(), timestampMs: k.timestampMs });
    this.removeExpired();
    this.dumpNeeded = true;
  }

  private removeExpired(): void {
    if (this.keys.length >= 2) {
      const newest = (this.keys[this.keys.length - 1] as GroupKeyInfo).timestampMs;
      let lapsedEnd = 0;
      let i = 0;
      while (i < this.keys.length) {
        // i → the last key of its generation; j → the first of the next generation.
        let j = i + 1;
        while (j < this.keys.length && (this.keys[j] as GroupKeyInfo).generation === (this.keys[i] as GroupKeyInfo).generation) i = j++;
        if (j >= this.keys.length) break;
        if ((this.keys[j] as GroupKeyInfo).timestampMs + GROUP_KEY_EXPIRY_MS < newest) lapsedEnd = j;
        else break;
        i = j;
      }
      if (lapsedEnd > 0) this.keys.splice(0, lapsedEnd);
    }
    if (this.keys.length > 0) {
      const oldest = (this.keys[0] as GroupKeyInfo).generation;
      for (const g of [...this.active.keys()]) if (g < oldest) this.active.delete(g);
    } else {
      // Without any key the history is not ours to keep alive.
      this.active.clear();
    }
  }

  // --- state ---

  /** All keys we hold, oldest first (generation, timestamp, key order). */
  keysOldestFirst(): GroupKeyInfo[] {
    return this.keys.map((k) => ({ ...k, key: k.key.slice() }));
  }

  /** The Info/Members key list: the pending key (admin, after rekey) first, then all keys newest first. */
  keysNewestFirst(): Uint8Array[] {
    const out: Uint8Array[] = [];
    if (this.pending !== null) out.push(this.pending.key.slice());
    for (let i = this.keys.length - 1; i >= 0; i--) out.push((this.keys[i] as GroupKeyInfo).key.slice());
    return out;
  }

  /** The key new messages are encrypted with (the pending key if any, else the newest), or null with no key. */
  encryptionKey(): Uint8Array | null {
    if (this.pending !== null) return this.pending.key.slice();
    const last = this.keys[this.keys.length - 1];
    return last === undefined ? null : last.key.slice();
  }

  /** The newest generation we hold a key for (0 with none). */
  get currentGeneration(): number {
    const last = this.keys[this.keys.length - 1];
    return last === undefined ? 0 : last.generation;
  }

  /** The swarm hashes of the keys messages still in use (to extend their expiry), sorted. */
  currentHashes(): string[] {
    const all = new Set<string>();
    for (const set of this.active.values()) for (const h of set) all.add(h);
    return [...all].sort();
  }

  /** Admins: two different keys share the newest generation (concurrent rekeys); rekey again. */
  needsRekey(): boolean {
    if (this.admin === null || this.keys.length < 2) return false;
    return (this.keys[this.keys.length - 1] as GroupKeyInfo).generation === (this.keys[this.keys.length - 2] as GroupKeyInfo).generation;
  }

  /** The pending rekey message (admin) until it is loaded back from the swarm, else null. */
  pendingMessage(): Uint8Array | null {
    return this.pending === null ? null : this.pending.message.slice();
  }

  /** The pending key (admin, after rekey, until its message is loaded back), else null. */
  pendingKey(): Uint8Array | null {
    return this.pending === null ? null : this.pending.key.slice();
  }

  get needsDump(): boolean {
    return this.dumpNeeded;
  }

  /** libsession's Keys dump: {"A": [[gen, hash…]…], "L": [{g,k,t}…], "P": {c, g, k}}. Clears `needsDump`. */
  dump(): Uint8Array {
    const w = new BtWriter();
    w.openDict();
    w.string('A').openList();
    for (const g of [...this.active.keys()].sort((a, b) => a - b)) {
      w.openList().int(g);
      for (const h of [...(this.active.get(g) as Set<string>)].sort()) w.string(binaryFromBytes(utf8ToBytes(h)));
      w.close();
    }
    w.close();
    w.string('L').openList();
    for (const k of this.keys) w.openDict().string('g').int(k.generation).string('k').string(binaryFromBytes(k.key)).string('t').int(k.timestampMs).close();
    w.close();
    if (this.pending !== null) {
      w.string('P').openDict().string('c').string(binaryFromBytes(this.pending.message)).string('g').int(this.pending.generation).string('k').string(binaryFromBytes(this.pending.key)).close();
    }
    w.close();
    this.dumpNeeded = false;
    return w.toBytes();
  }

  private loadDump(dump: Uint8Array): void {
    const d = btDecodeDict(dump);
    if (!d.ok) throw new ProtocolError('group_keys_invalid', 'Invalid group keys dump.', d.error.detail);
    const A = d.value.get('A');
    const L = d.value.get('L');
    if (!Array.isArray(A)) throw new ProtocolError('group_keys_invalid', 'Invalid group keys dump.', '"A" missing');
    if (!Array.isArray(L)) throw new ProtocolError('group_keys_invalid', 'Invalid group keys dump.', '"L" missing');
    try {
      for (const entry of A) {
        if (!Array.isArray(entry) || entry.length === 0) throw invalid('bad "A" entry');
        const g = safeInt(entry[0], 'A generation');
        for (const h of entry.slice(1)) {
          if (typeof h !== 'string') throw invalid('bad "A" hash');
          this.addActive(g, new TextDecoder().decode(bytesFromBinary(h)));
        }
      }
      for (const entry of L) {
        if (!(entry instanceof Map)) throw invalid('bad "L" entry');
        const k = entry.get('k');
        if (typeof k !== 'string' || k.length !== 32) throw invalid('bad "L" key');
        const info = { generation: safeInt(entry.get('g'), 'L g'), key: bytesFromBinary(k), timestampMs: safeInt(entry.get('t'), 'L t') };
        const prev = this.keys[this.keys.length - 1];
        if (prev !== undefined && compareKeys(prev, info) >= 0) throw invalid('keys not in sorted order');
        this.keys.push(info);
      }
      const P = d.value.get('P');
      if (P !== undefined) {
        if (!(P instanceof Map)) throw invalid('bad "P"');
        const c = P.get('c');
        const k = P.get('k');
        if (typeof c !== 'string' || typeof k !== 'string' || k.length !== 32) throw invalid('bad "P" contents');
        this.pending = { message: bytesFromBinary(c), generation: safeInt(P.get('g'), 'P g'), key: bytesFromBinary(k) };
      }
    } catch (e) {
      throw e instanceof ProtocolError ? new ProtocolError('group_keys_invalid', 'Invalid group keys dump.', e.detail) : e;
    }
  }

  // --- messages ---

  /**
   * C.6: signs with our Ed25519 key, compresses when shorter, pads and encrypts with the current key.
   * Throws `group_no_key` without a key, `invalid_argument` beyond 1 MB.
   */
  encryptMessage(plaintext: Uint8Array, opts: EncryptGroupMessageOptions): Uint8Array {
    if (!(plaintext instanceof Uint8Array)) throw new ProtocolError('invalid_argument', 'A group message is bytes.');
    if (plaintext.length > GROUP_MESSAGE_MAX_DECOMPRESSED) throw new ProtocolError('invalid_argument', 'A group message is at most 1 MB.');
    const key = this.encryptionKey();
    if (key === null) throw new ProtocolError('group_no_key', 'There is no key for this group yet.');
    let body = plaintext;
    let compressed = false;
    if (opts.compress !== false) {
      const z = zstdCompress(plaintext, 1);
      if (z.length < plaintext.length) {
        body = z;
        compressed = true;
      }
    }
    const sig = ed25519Sign(this.identity.ed25519.secretKey, body);
    const w = new BtWriter().openDict();
    w.string('').int(1);
    w.string('a').string(binaryFromBytes(this.identity.ed25519.publicKey));
    if (!compressed) w.string('d').string(binaryFromBytes(body));
    w.string('s').string(binaryFromBytes(sig));
    if (compressed) w.string('z').string(binaryFromBytes(body));
    let inner = w.close().toBytes();
    const padding = opts.padding ?? GROUP_MESSAGE_PADDING;
    const finalLen = MESSAGE_OVERHEAD + inner.length;
    if (padding > 1 && finalLen % padding !== 0) inner = concatBytes(inner, new Uint8Array(padding - (finalLen % padding)));
    const nonce = opts.random(XCHACHA_NONCE_BYTES);
    if (!(nonce instanceof Uint8Array) || nonce.length !== XCHACHA_NONCE_BYTES) throw new ProtocolError('invalid_argument', 'The random source gave no 24-byte nonce.');
    return concatBytes(nonce, xchachaSeal(key, nonce, inner));
  }

  /** C.6: tries the pending key then every key; checks the inner dict and the author's signature. Never throws. */
  decryptMessage(ciphertext: Uint8Array): Result<DecryptedGroupMessage> {
    return attempt(() => {
      if (!(ciphertext instanceof Uint8Array) || ciphertext.length < MESSAGE_OVERHEAD) {
        throw new ProtocolError('group_message_invalid', 'A group message was too short.', `${ciphertext instanceof Uint8Array ? ciphertext.length : 0} bytes`);
      }
      const nonce = ciphertext.subarray(0, XCHACHA_NONCE_BYTES);
      const sealed = ciphertext.subarray(XCHACHA_NONCE_BYTES);
      const candidates: { key: Uint8Array; generation: number }[] = [];
      if (this.pending !== null) candidates.push({ key: this.pending.key, generation: this.pending.generation });
      // Newest first (libsession goes oldest first): only one key authenticates a ciphertext, so the
      // order changes nothing but the cost, and new messages use the newest key.
      for (let i = this.keys.length - 1; i >= 0; i--) candidates.push(this.keys[i] as GroupKeyInfo);
      let plain: Uint8Array | null = null;
      let generation = -1;
      for (const c of candidates) {
        try {
          plain = xchachaDecryptDetachedNonce(c.key, nonce, sealed);
          generation = c.generation;
          break;
        } catch {
          // next key
        }
      }
      if (plain === null) throw new ProtocolError('group_no_key', 'A group message could not be decrypted with any key we hold.', `${candidates.length} keys tried`);
      return { ...openInner(plain), generation };
    });
  }

  // --- admin ---

  private requireAdmin(what: string): GroupAdminKeys {
    if (this.admin === null) throw new ProtocolError('invalid_argument', `Only a group admin can ${what}.`);
    return this.admin;
  }

  /**
   * Admin: a new generation for `memberSessionIds` (every member, admins included; order does not
   * matter). The key becomes pending; re-push Info and Members with `keysNewestFirst()`.
   */
  rekey(memberSessionIds: readonly string[]): RekeyResult {
    const admin = this.requireAdmin('rekey the group');
    const sids = [...new Set(memberSessionIds.map((s) => (typeof s === 'string' ? s.toLowerCase() : s)))].sort();
    const last = this.keys[this.keys.length - 1];
    const generation = last === undefined ? 0 : last.generation + 1;
    const h1 = blake2b(concatBytes(utf8ToBytes(sids.join('')), utf8ToBytes(String(generation)), seedHash(admin.seed, SEED_HASH_KEY)), 56, utf8ToBytes(KEY_GEN_HASH_KEY));
    const key = h1.slice(0, 32);
    const nonce = h1.slice(32, 56);
    const K = xchachaSeal(seedHash(admin.seed, ADMIN_KEY_HASH_KEY), nonce, key);
    const entries = wrapForMembers(admin, sids, key, nonce);
    const rem = entries.length % GROUP_KEYS_ENTRY_MULTIPLE;
    if (rem !== 0) {
      const nJunk = GROUP_KEYS_ENTRY_MULTIPLE - rem;
      const junkSeed = blake2b(concatBytes(h1, admin.ed25519SecretKey), 32, utf8ToBytes(JUNK_SEED_HASH_KEY));
      const junk = deterministicBytes(WRAPPED_KEY_BYTES * nJunk, junkSeed);
      for (let i = 0; i < nJunk; i++) entries.push(junk.subarray(i * WRAPPED_KEY_BYTES, (i + 1) * WRAPPED_KEY_BYTES));
    }
    const w = new BtWriter().openDict();
    w.string('#').string(binaryFromBytes(nonce));
    w.string('G').int(generation);
    w.string('K').string(binaryFromBytes(K));
    w.string('k').openList();
    for (const e of entries) w.string(binaryFromBytes(e));
    w.close();
    const message = signDict(w, admin);
    this.pending = { message, generation, key };
    this.dumpNeeded = true;
    return { message: message.slice(), generation, key: key.slice() };
  }

  /** Admin: a supplemental message giving the keys we hold to `sessionIds` (new members with history). */
  keySupplement(sessionIds: readonly string[]): Uint8Array {
    const admin = this.requireAdmin('give keys to new members');
    if (this.keys.length === 0) throw new ProtocolError('group_no_key', 'There is no key to give yet.');
    const supp = new BtWriter().openList();
    for (const k of this.keys) supp.openDict().string('g').int(k.generation).string('k').string(binaryFromBytes(k.key)).string('t').int(k.timestampMs).close();
    const suppBytes = supp.close().toBytes();
    const nonce = blake2b(concatBytes(utf8ToBytes(sessionIds.join('')), suppBytes, seedHash(admin.seed, SEED_HASH_KEY)), 24, utf8ToBytes(KEY_GEN_HASH_KEY));
    const entries = wrapForMembers(admin, sessionIds, suppBytes, nonce);
    if (entries.length === 0) throw new ProtocolError('invalid_argument', 'No valid Session ID to give keys to.');
    const w = new BtWriter().openDict();
    w.string('#').string(binaryFromBytes(nonce));
    w.string('+').openList();
    for (const e of entries) w.string(binaryFromBytes(e));
    w.close();
    w.string('G').int((this.keys[this.keys.length - 1] as GroupKeyInfo).generation);
    return signDict(w, admin);
  }

  /** Admin: the 100-byte subaccount auth data for a member (C.7); flags default read|write. */
  makeSubaccount(sessionId: string, flags: number = SubaccountFlag.read | SubaccountFlag.write): Uint8Array {
    return makeSubaccountAuthData(this.requireAdmin('issue member credentials'), sessionId, flags);
  }

  /** Admin: the member's 36-byte subaccount token (for revoke/unrevoke). */
  subaccountToken(sessionId: string, flags: number = SubaccountFlag.read | SubaccountFlag.write): Uint8Array {
    return makeSubaccountToken(this.requireAdmin('make member tokens'), sessionId, flags);
  }
}

/**
 * `payload` encrypted for each member with the member key (`SessionGroupKeyMemberKey`) under one nonce;
 * ids that are not valid X25519 keys are skipped, as libsession does.
 */
function wrapForMembers(admin: GroupAdminKeys, sessionIds: readonly string[], payload: Uint8Array, nonce: Uint8Array): Uint8Array[] {
  const recipients: Uint8Array[] = [];
  for (const s of sessionIds) {
    try {
      recipients.push(memberX25519(s));
    } catch {
      // not a valid key: no entry
    }
  }
  return encryptForMultiple({
    messages: [payload],
    recipients,
    nonce,
    senderX25519SecretKey: admin.x25519SecretKey,
    senderX25519PublicKey: admin.x25519PublicKey,
    domain: MEMBER_KEY_DOMAIN,
    ignoreInvalid: true,
  });
}

/** Appends `1:~` + the group signature of everything written so far and closes the dict. */
function signDict(w: BtWriter, admin: GroupAdminKeys): Uint8Array {
  const signed = w.toBytes();
  const sig = ed25519Sign(admin.ed25519SecretKey, signed);
  return w.string('~').string(binaryFromBytes(sig)).close().toBytes();
}

/** The decrypted list of {g, k, t} of a supplement. */
function parseSupplementKeys(plain: Uint8Array): GroupKeyInfo[] {
  const r = new BtReader(plain);
  let list: BtValue;
  try {
    list = r.readValue();
    if (!r.atEnd) throw invalid('data after the supplement key list');
  } catch (e) {
    throw e instanceof ProtocolError && e.kind === 'group_keys_invalid' ? e : invalid('supplement key list is not bt');
  }
  if (!Array.isArray(list)) throw invalid('supplement key list is not a list');
  return list.map((entry) => {
    if (!(entry instanceof Map)) throw invalid('supplement key entry is not a dict');
    const k = entry.get('k');
    if (typeof k !== 'string' || k.length !== 32) throw invalid('supplement key has the wrong size');
    return { generation: safeInt(entry.get('g'), 'supplement g'), key: bytesFromBinary(k), timestampMs: safeInt(entry.get('t'), 'supplement t') };
  });
}

function bad(detail: string): ProtocolError {
  return new ProtocolError('group_message_invalid', 'A group message was malformed.', detail);
}

/** The decrypted inner dict of a group message (C.6). */
function openInner(padded: Uint8Array): Omit<DecryptedGroupMessage, 'generation'> {
  let end = padded.length;
  while (end > 0 && padded[end - 1] === 0) end--;
  const plain = padded.subarray(0, end);
  if (plain.length === 0 || plain[0] !== 0x64 || plain[plain.length - 1] !== 0x65) throw bad('not a bt dict');
  const d = btDecodeDict(plain);
  if (!d.ok) throw bad(d.error.detail ?? 'not a bt dict');
  const v = d.value.get('');
  if (v !== 1n) throw bad(v === undefined ? 'version missing' : 'unsupported version');
  const a = d.value.get('a');
  if (typeof a !== 'string' || a.length !== 32) throw bad('author key missing or of the wrong size');
  const authorEd = bytesFromBinary(a);
  let authorX: Uint8Array;
  try {
    authorX = ed25519PublicToX25519(authorEd);
  } catch {
    throw bad('author key is not a valid Ed25519 key');
  }
  const dv = d.value.get('d');
  const zv = d.value.get('z');
  const s = d.value.get('s');
  if (dv !== undefined && (typeof dv !== 'string' || dv.length === 0)) throw bad('"d" empty');
  if (typeof s !== 'string' || s.length !== 64) throw bad('signature missing or of the wrong size');
  if (zv !== undefined && dv !== undefined) throw bad('both "d" and "z"');
  if (zv !== undefined && (typeof zv !== 'string' || zv.length === 0)) throw bad('"z" empty');
  const raw = (dv ?? zv) as string | undefined;
  if (raw === undefined) throw bad('neither "d" nor "z"');
  const body = bytesFromBinary(raw);
  if (!ed25519Verify(bytesFromBinary(s), body, authorEd)) {
    throw new ProtocolError('signature_invalid', 'A group message was not signed by its author.', 'inner s');
  }
  let plaintext = body;
  if (zv !== undefined) {
    const z = zstdDecompress(body, GROUP_MESSAGE_MAX_DECOMPRESSED);
    if (!z.ok) throw bad(`decompression failed: ${z.error.detail ?? z.error.kind}`);
    plaintext = z.value;
  }
  return { senderSessionId: `05${bytesToHex(authorX)}`, senderEd25519: authorEd, plaintext };
}
