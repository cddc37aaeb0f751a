// One config's replicated state (spec advanced.md B.1, B.4–B.7, B.11; libsession's ConfigBase): the
// message we hold, Clean/Dirty/Waiting, the swarm hashes of what we hold and of what must be
// deleted, and the push / confirm / merge / dump cycle around them. The typed configs
// (UserProfile, Contacts, ConvoInfoVolatile, UserGroups) extend it with their fields.
//
// The backend drives it like this, one object per namespace:
//   poll → `merge(retrieved, nowMs)` → read the fields → mutate → `push(nowMs)` → store the
//   messages and delete `obsoleteHashes` in one sequence → `confirmPushed(seqno, hashes)` → `dump()`
//   whenever `needsDump`. Before the first `markSwarmMerged()` (a complete retrieve of the config
//   namespaces has been merged), `push` refuses: a device that pushed its empty or fallback state
//   first would overwrite the account's other devices.
//
// Pure: no clock reads (times are parameters), no I/O.
import { ProtocolError, type ProtocolErrorKind } from '../primitives/errors';
import type { Identity } from '../identity/keys';
import type { BtDict, BtValue } from './bt';
import { ConfigMessage, type ConfigSigner, type ConfigVerifier } from './configMessage';
import { decodeConfigDump, encodeConfigDump } from './configDump';
import type { ConfigTypeInfo } from './configTypes';
import { binaryFromHex, binaryFromUtf8, hexFromBinary, utf8FromBinary, type ConfigData } from './data';
import { mergeIntoConfigState, messageFromDump, startLocalEdit, type ConfigPushState, type IncomingConfigMessage } from './merge';
import { MultipartCollector, type MultipartCollectorOptions, type MultipartSnapshot } from './multipart';
import { decodeIncomingConfig, encodeOutgoingConfig } from './pipeline';

/** How a config is set up. */
export interface ConfigBaseOptions {
  /** The account. User configs are encrypted with its Ed25519 seed and wrapped to itself. */
  identity: Identity;
  /** A dump from `dump()` (or libsession's) to resume from; omitted for a new, empty config. */
  dump?: Uint8Array | null;
  /** Decryption keys, newest first (group configs); user configs default to the identity's seed. */
  keys?: readonly Uint8Array[];
  /** Signs pushes (group configs with the group's secret key). */
  signer?: ConfigSigner | null;
  /** Verifies incoming messages (group configs). A verifier without a signer makes the config read-only. */
  verifier?: ConfigVerifier | null;
  /** zstd level for pushes; null turns compression off. Default 1, as libsession. */
  compressionLevel?: number | null;
  /** True when a complete retrieve was merged before (e.g. persisted by the backend with the dump). */
  swarmMerged?: boolean;
  /** Options of the multipart part collector. */
  multipart?: MultipartCollectorOptions;
}

/** One retrieved swarm message of this config's namespace. */
export interface RetrievedConfigMessage {
  /** Its swarm hash. */
  hash: string;
  /** Its data as stored (base64-decoded by the caller). */
  data: Uint8Array;
}

/** Why a retrieved message was not used. */
export interface RejectedConfigMessage {
  hash: string;
  /** The stable reason (`ProtocolError.kind`): which step refused it. */
  reason: ProtocolErrorKind;
  error: ProtocolError;
}

/** What `merge` did. */
export interface ConfigMergeReport {
  /** Hashes of retrieved messages that decoded and parsed (libsession's return value), multipart parts included once assembled. */
  accepted: string[];
  /** Messages refused, each with its reason; the state is unchanged by them. */
  rejected: RejectedConfigMessage[];
  /** Hashes of multipart parts held until the rest of their set arrives. */
  pending: string[];
  /** True when the data, seqno or state changed (re-read the fields). */
  changed: boolean;
  /** True when a conflict was resolved into a new message that must be pushed. */
  merged: boolean;
}

/** What to store for one push. */
export interface ConfigPush {
  seqno: number;
  /** The serialized config message (what every device hashes and merges). */
  plaintext: Uint8Array;
  /** The swarm messages to store, in order: one, or the parts of a multipart config. */
  messages: Uint8Array[];
  /** Swarm hashes to delete in the same sequence request. */
  obsoleteHashes: string[];
  /** Whether the message carries the legacy protobuf wrapper (user configs, when it fits). */
  wrapped: boolean;
  compressed: boolean;
  multipart: boolean;
}

// A multipart message has one swarm hash per part, while the state merge tracks one hash per
// message: the part hashes travel joined by a byte no swarm hash contains.
const HASH_JOIN = '\u0000';
const joinHashes = (hashes: readonly string[]): string | null => (hashes.length === 0 ? null : hashes.join(HASH_JOIN));
const splitHashes = (joined: string | null): string[] => (joined === null || joined === '' ? [] : joined.split(HASH_JOIN));

/** Dump key of the multipart parts waiting for the rest of their set. */
const PENDING_PARTS_KEY = '*';

/**
 * Collector state → `*`: {H32(P): {"#": part count (0 once assembled), "T": expiry ms, "p": [{"#":
 * index, "M": swarm hash, "d": part data}]}}, so parts survive a restart (the poller will not
 * fetch them again).
 */
function snapshotToDump(snap: MultipartSnapshot): BtDict {
  const out: BtDict = new Map();
  for (const set of snap.sets) {
    const parts: BtValue[] = set.parts.map(
      (p) =>
        new Map<string, BtValue>([
          ['#', BigInt(p.index)],
          ['M', binaryFromUtf8(p.swarmHash)],
          ['d', binaryFromHex(p.data)],
        ]),
    );
    out.set(
      binaryFromHex(set.hash),
      new Map<string, BtValue>([
        ['#', BigInt(set.done ? 0 : set.count)],
        ['T', BigInt(set.expiresAtMs)],
        ['p', parts],
      ]),
    );
  }
  return out;
}

/** `*` → collector snapshot; shape errors surface from MultipartCollector.fromSnapshot's checks. */
function snapshotFromDump(v: BtValue): unknown {
  if (!(v instanceof Map)) return null;
  const sets: unknown[] = [];
  for (const [hash, set] of v) {
    if (!(set instanceof Map)) return null;
    const count = set.get('#');
    const expires = set.get('T');
    const parts = set.get('p');
    const done = count === 0n;
    sets.push({
      hash: hash.length === 32 ? hexFromBinary(hash) : '',
      count: typeof count === 'bigint' ? (done ? 2 : Number(count)) : -1,
      done,
      expiresAtMs: typeof expires === 'bigint' ? Number(expires) : NaN,
      parts: Array.isArray(parts)
        ? parts.map((p) =>
            p instanceof Map && typeof p.get('#') === 'bigint' && typeof p.get('M') === 'string' && typeof p.get('d') === 'string'
              ? { index: Number(p.get('#')), swarmHash: utf8FromBinary(p.get('M') as string), data: hexFromBinary(p.get('d') as string) }
              : null,
          )
        : null,
    });
  }
  return { sets };
}

/** The replicated state of one config. Subclasses add typed fields; see the module comment for the cycle. */
export class ConfigBase {
  readonly type: ConfigTypeInfo;
  protected readonly identity: Identity;
  private message: ConfigMessage;
  private pushState: ConfigPushState;
  private currentHashes: string[];
  private readonly oldHashes = new Set<string>();
  /** Obsolete hashes handed out by the last push, forgotten once that push is confirmed. */
  private pushedObsolete: { seqno: number; hashes: string[] } | null = null;
  private keys: Uint8Array[];
  private signer: ConfigSigner | null;
  private readonly verifier: ConfigVerifier | null;
  private readonly compressionLevel: number | null;
  private collector: MultipartCollector;
  private readonly extra: BtDict;
  private unknownDumpKeys: BtDict;
  private dumpNeeded: boolean;
  private swarmMerged: boolean;

  /** Throws ProtocolError (`config_invalid`, `bencode_invalid`, `invalid_argument`) for a bad dump or key. */
  constructor(type: ConfigTypeInfo, opts: ConfigBaseOptions) {
    this.type = type;
    this.identity = opts.identity;
    this.keys = (opts.keys ?? [opts.identity.ed25519Seed]).map((k) => {
      if (!(k instanceof Uint8Array) || k.length !== 32) throw new ProtocolError('invalid_argument', 'A config key is 32 bytes.');
      return k.slice();
    });
    this.signer = opts.signer ?? null;
    this.verifier = opts.verifier ?? null;
    this.compressionLevel = opts.compressionLevel === undefined ? 1 : opts.compressionLevel;
    this.collector = new MultipartCollector(opts.multipart);
    this.swarmMerged = opts.swarmMerged ?? false;
    if (opts.dump === undefined || opts.dump === null) {
      this.message = ConfigMessage.empty({ signer: this.signer, verifier: this.verifier });
      this.pushState = 'clean';
      this.currentHashes = [];
      this.extra = new Map();
      this.unknownDumpKeys = new Map();
      this.dumpNeeded = false;
    } else {
      const d = decodeConfigDump(opts.dump);
      if (!d.ok) throw d.error;
      const m = messageFromDump(d.value.message, d.value.state, { signer: this.signer });
      if (!m.ok) throw new ProtocolError('config_invalid', 'Invalid config dump.', `"$": ${m.error.detail ?? m.error.message}`);
      this.message = m.value;
      this.pushState = d.value.state;
      this.currentHashes = d.value.currentHashes;
      for (const h of d.value.oldHashes) this.oldHashes.add(h);
      this.extra = d.value.extra;
      this.unknownDumpKeys = d.value.unknown;
      const pendingParts = this.unknownDumpKeys.get(PENDING_PARTS_KEY);
      if (pendingParts !== undefined) {
        this.unknownDumpKeys.delete(PENDING_PARTS_KEY);
        const c = MultipartCollector.fromSnapshot(snapshotFromDump(pendingParts), -Infinity, opts.multipart);
        if (!c.ok) throw new ProtocolError('config_invalid', 'Invalid config dump.', `"*": ${c.error.detail ?? c.error.message}`);
        this.collector = c.value;
      }
      this.dumpNeeded = false;
    }
  }

  // --- state ---

  get seqno(): number {
    return this.message.seqno;
  }

  get state(): ConfigPushState {
    return this.pushState;
  }

  /** True when there is something to push: local changes, or a push not yet confirmed (libsession's `needs_push`). */
  get needsPush(): boolean {
    return this.pushState !== 'clean';
  }

  /** True when the state changed since the last `dump()`. */
  get needsDump(): boolean {
    return this.dumpNeeded;
  }

  /** True for a signed config we can verify but not sign (a group member without the admin key). */
  get isReadOnly(): boolean {
    return this.verifier !== null && this.signer === null;
  }

  /** True once a complete retrieve of the config namespaces has been merged; `push` refuses before. */
  get hasMergedSwarm(): boolean {
    return this.swarmMerged;
  }

  /**
   * Records that a complete retrieve of this config's namespace (possibly with no messages) has
   * been merged, so pushing cannot overwrite what the account's other devices stored.
   */
  markSwarmMerged(): void {
    this.swarmMerged = true;
  }

  /** Swarm hashes of the message we hold (its parts for a multipart config). */
  get currentSwarmHashes(): string[] {
    return this.currentHashes.slice();
  }

  /** Swarm hashes superseded and still to be deleted. */
  get obsoleteSwarmHashes(): string[] {
    return [...this.oldHashes];
  }

  /** Hashes whose expiry the poller extends (B.10): what we hold plus parts waiting for their set. */
  activeHashes(nowMs: number): string[] {
    return [...this.currentHashes, ...this.collector.pendingHashes(nowMs)];
  }

  /** The serialized message we hold, as it would be pushed (for tests and diagnostics). */
  serializedMessage(): Uint8Array {
    return this.message.serialize();
  }

  /** The decryption keys, newest first (copies). */
  protected currentKeys(): Uint8Array[] {
    return this.keys.map((k) => k.slice());
  }

  /** How many decryption keys the config holds (one for user configs). */
  get keyCount(): number {
    return this.keys.length;
  }

  // --- reading and editing the data (for subclasses) ---

  /** The current data; read it only (edits go through `edit`). */
  protected get data(): ConfigData {
    return this.message.data;
  }

  /**
   * Applies `change` (which returns whether it changed anything). The first real change after
   * Clean or Waiting starts a new seqno (and retires the current hash); a change that changes
   * nothing leaves the config as it was, as libsession's setters do.
   */
  protected edit(change: (d: ConfigData) => boolean): boolean {
    if (this.isReadOnly) throw new ProtocolError('invalid_argument', 'This config is read-only: it cannot be changed without its signing key.');
    if (this.pushState === 'dirty') {
      const changed = change(this.message.edit());
      if (changed) this.dumpNeeded = true;
      return changed;
    }
    const started = startLocalEdit({ message: this.message, state: this.pushState, currentHash: joinHashes(this.currentHashes) });
    if (!change(started.state.message.edit())) return false;
    for (const h of splitHashes(started.obsoleteHash)) this.oldHashes.add(h);
    this.message = started.state.message;
    this.pushState = 'dirty';
    this.currentHashes = [];
    this.dumpNeeded = true;
    return true;
  }

  /** Called before serializing a push (ConvoInfoVolatile prunes stale entries here). */
  protected beforePush(nowMs: number): void {
    void nowMs;
  }

  // --- the cycle ---

  /**
   * The bytes to store now (B.6): the serialized message, compressed when shorter, padded,
   * encrypted, wrapped for the user configs (or split into parts when too large), with the swarm
   * hashes the same sequence must delete. Dirty → Waiting. Throws ProtocolError `not_ready` before
   * `markSwarmMerged()`, `config_too_large` beyond 255 parts.
   */
  push(nowMs: number): ConfigPush {
    if (!this.swarmMerged) {
      throw new ProtocolError('not_ready', 'The config cannot be pushed before the account’s stored configs have been merged.', this.type.name);
    }
    if (!Number.isFinite(nowMs)) throw new ProtocolError('invalid_argument', 'push needs the current time.');
    this.beforePush(nowMs);
    const plaintext = this.message.serialize();
    const seqno = this.message.seqno;
    const out = encodeOutgoingConfig({
      namespace: this.type.namespace,
      plaintext,
      seqno,
      identity: this.identity,
      key: this.keys[0] as Uint8Array,
      compressionLevel: this.compressionLevel,
    });
    if (this.pushState === 'dirty') {
      this.pushState = 'waiting';
      this.dumpNeeded = true;
    }
    // Unlike libsession (which forgets them here), the obsolete hashes stay until the push is
    // confirmed: a push that fails is retried with them instead of leaving them on the swarm.
    const obsoleteHashes = this.isReadOnly ? [] : [...this.oldHashes];
    this.pushedObsolete = { seqno, hashes: obsoleteHashes };
    // Plain Uint8Array copies: the protobuf encoder may hand out Node Buffers, whose slice() is a view.
    const messages = out.messages.map((m) => new Uint8Array(m));
    return { seqno, plaintext, messages, obsoleteHashes, wrapped: out.wrapped, compressed: out.compressed, multipart: out.multipart };
  }

  /**
   * Records that the push of `seqno` is stored under `hashes` (one per message, in order) and its
   * obsolete hashes were deleted. Waiting → Clean when nothing changed since; returns whether it
   * did (a confirmation for an older seqno only forgets the deleted hashes).
   */
  confirmPushed(seqno: number, hashes: string | readonly string[]): boolean {
    const list = typeof hashes === 'string' ? [hashes] : [...hashes];
    if (list.length === 0 || list.some((h) => typeof h !== 'string' || h.length === 0 || h.includes(HASH_JOIN))) {
      throw new ProtocolError('invalid_argument', 'A confirmed push needs its swarm hashes.');
    }
    if (this.pushedObsolete !== null && this.pushedObsolete.seqno === seqno) {
      for (const h of this.pushedObsolete.hashes) this.oldHashes.delete(h);
      this.pushedObsolete = null;
      this.dumpNeeded = true;
    }
    if (this.pushState !== 'waiting' || seqno !== this.message.seqno) return false;
    this.pushState = 'clean';
    this.currentHashes = list;
    this.dumpNeeded = true;
    return true;
  }

  /**
   * Merges retrieved messages of this namespace (B.7 then B.4): unwraps, decrypts, strips the
   * padding, collects multipart parts, decompresses, then merges everything that parsed in one
   * step. Never throws for bad input: each refused message is reported with its reason, and
   * leaves the state as it was.
   */
  merge(retrieved: readonly RetrievedConfigMessage[], nowMs: number): ConfigMergeReport {
    const rejected: RejectedConfigMessage[] = [];
    const pending: string[] = [];
    const incoming: IncomingConfigMessage[] = [];
    const completedHere = new Set<string>();
    const reject = (hash: string, error: ProtocolError): void => {
      rejected.push({ hash, reason: error.kind, error });
    };
    for (const item of retrieved) {
      const hash = typeof item?.hash === 'string' ? item.hash : '';
      if (hash.length === 0 || hash.includes(HASH_JOIN)) {
        reject(hash, new ProtocolError('invalid_argument', 'A retrieved config message needs its swarm hash.'));
        continue;
      }
      const r = decodeIncomingConfig({ namespace: this.type.namespace, data: item.data, keys: this.keys, identity: this.identity });
      if (!r.ok) {
        reject(hash, r.error);
        continue;
      }
      if (r.value.kind === 'message') {
        incoming.push({ hash, plaintext: r.value.plaintext });
        continue;
      }
      const c = this.collector.add(r.value.part, hash, nowMs);
      this.dumpNeeded = true; // the held parts are part of the dump
      if (!c.ok) reject(hash, c.error);
      else if (c.value.kind === 'pending') pending.push(hash);
      else if (c.value.kind === 'complete') {
        incoming.push({ hash: joinHashes(c.value.hashes) as string, plaintext: c.value.plaintext });
        for (const h of c.value.hashes) completedHere.add(h);
      }
    }
    // Parts that waited earlier in this same call and completed here are no longer pending: a caller
    // keeping pending parts for later (the config inbox) would otherwise hold them until the next merge.
    const stillPending = completedHere.size === 0 ? pending : pending.filter((h) => !completedHere.has(h));

    const oldCount = this.oldHashes.size;
    const result = mergeIntoConfigState(
      { message: this.message, state: this.pushState, currentHash: joinHashes(this.currentHashes) },
      incoming,
      { signer: this.signer, verifier: this.verifier },
    );
    for (const r of result.rejected) for (const h of splitHashes(r.hash)) reject(h, r.error);
    const accepted = result.acceptedHashes.flatMap((h) => splitHashes(h));
    if (result.changed) {
      // The state merge already retired the hash we held when it replaced a Clean message.
      this.message = result.message;
      this.pushState = result.state;
      this.currentHashes = splitHashes(result.currentHash);
      this.dumpNeeded = true;
    }
    for (const h of result.obsoleteHashes) for (const part of splitHashes(h)) this.oldHashes.add(part);
    for (const h of this.currentHashes) this.oldHashes.delete(h);
    if (this.oldHashes.size !== oldCount) this.dumpNeeded = true;
    return { accepted, rejected, pending: stillPending, changed: result.changed, merged: result.merged };
  }

  /**
   * The dump to persist (B.11, libsession's format byte for byte). Clears `needsDump`. A read-only
   * config forgets its obsolete hashes here, as libsession does (it may not delete them).
   */
  dump(): Uint8Array {
    if (this.isReadOnly) this.oldHashes.clear();
    this.dumpNeeded = false;
    return encodeConfigDump({
      state: this.pushState,
      message: this.message.serialize({ sign: false }),
      currentHashes: this.currentHashes,
      oldHashes: [...this.oldHashes],
      extra: this.extra,
      unknown: this.withPendingParts(),
    });
  }

  /** The dump's unknown keys plus `*`, the multipart parts still held (newer libsession's layout), when there are any. */
  private withPendingParts(): BtDict {
    const snap = this.collector.snapshot(-Infinity);
    if (snap.sets.length === 0) return this.unknownDumpKeys;
    const out: BtDict = new Map(this.unknownDumpKeys);
    out.set(PENDING_PARTS_KEY, snapshotToDump(snap));
    return out;
  }

  /**
   * Gives a config that was read-only its signer (a group member promoted to admin): the message
   * held is kept, its next increment is signed. Throws `invalid_argument` without a verifier.
   */
  protected setSigner(signer: ConfigSigner): void {
    if (this.verifier === null) throw new ProtocolError('invalid_argument', 'Only a signed config can take a signer.');
    this.signer = signer;
    this.message = this.message.withSigner(signer);
    this.dumpNeeded = true;
  }

  /**
   * Starts a new seqno without changing the data (libsession's `dirty()`: a group config whose
   * encryption key changed is re-pushed). Returns false on a read-only config or when already dirty.
   */
  protected markDirty(): boolean {
    if (this.isReadOnly || this.pushState === 'dirty') return false;
    return this.edit(() => true);
  }

  /** Replaces the decryption keys (newest first); the first one encrypts pushes. */
  replaceKeys(keys: readonly Uint8Array[]): void {
    if (keys.length === 0) throw new ProtocolError('invalid_argument', 'A config needs at least one key.');
    for (const k of keys) if (!(k instanceof Uint8Array) || k.length !== 32) throw new ProtocolError('invalid_argument', 'A config key is 32 bytes.');
    this.keys = keys.map((k) => k.slice());
  }
}
