// The config message (spec advanced.md B.2–B.4): parse, serialize, hash, sign/verify and
// increment. A message is either *parsed/merged* (read-only: its own diff `=` is fixed and its
// hash known) or *mutable* (it remembers the data it started from, and its own diff is computed
// from that at serialization, so it only ever holds this device's edits).
import { blake2b } from '../primitives/hash';
import { ProtocolError, attempt, err, type Result } from '../primitives/errors';
import { BT_MAX_DEPTH, BtReader, BtWriter, btFail, type BtValue } from './bt';
import { ConfigData, binaryFromBytes, bytesFromBinary, cloneDict, compareBinary, pruneDict, type ConfigDict } from './data';
import { computeDiff, readData, readDiff, writeData, writeDiff, type ConfigDiff } from './diff';

/** How many seqnos of diffs a message carries (libsession's DEFAULT_DIFF_LAGS). */
export const DEFAULT_LAG = 5;

/** Verifies an Ed25519 signature over `signed` (the message bytes before `1:~`). */
export type ConfigVerifier = (signed: Uint8Array, signature: Uint8Array) => boolean;
/** Signs `data`, returning a 64-byte Ed25519 signature. */
export type ConfigSigner = (data: Uint8Array) => Uint8Array;

/** One lagged diff: the diff that message (seqno, hash) introduced. `hash` is a 32-byte binary string. */
export interface LaggedDiff {
  readonly seqno: number;
  readonly hash: string;
  readonly diff: ConfigDiff;
}

/** Options shared by parsing and merging. */
export interface ConfigMessageOptions {
  /** Required signature check (signed configs); a message without a valid `~` is rejected. */
  verifier?: ConfigVerifier | null;
  /** Signs serializations; carried into increments and merges. */
  signer?: ConfigSigner | null;
  /** Diff lag; default 5. */
  lag?: number;
}

/** Orders (seqno, hash) pairs as libsession does: seqno, then hash bytes. */
export function compareSeqnoHash(a: { seqno: number; hash: string }, b: { seqno: number; hash: string }): number {
  if (a.seqno !== b.seqno) return a.seqno < b.seqno ? -1 : 1;
  return compareBinary(a.hash, b.hash);
}

/** BLAKE2b-256 of the bytes, as a binary string. */
function hashBinary(bytes: Uint8Array): string {
  return binaryFromBytes(blake2b(bytes, 32));
}

function configFail(detail: string): never {
  throw new ProtocolError('config_invalid', 'Invalid config message.', detail);
}

/** Everything a message holds; constructed only by this module. */
interface MessageParts {
  seqno: number;
  data: ConfigData;
  lagged: LaggedDiff[];
  ownDiff: ConfigDiff;
  unknown: Array<[string, BtValue]>;
  signature: Uint8Array | null;
  lag: number;
  signer: ConfigSigner | null;
  verifier: ConfigVerifier | null;
  /** The data a mutable message started from; null for a read-only message. */
  origData: ConfigDict | null;
  /** Known hash of a read-only message (binary string). */
  fixedHash: string | null;
  /** The bytes a read-only message was parsed from, when they are exactly its serialization. */
  raw?: Uint8Array | null;
}

/** The parts of a message holding no data yet: mutable when `origData` is a (empty) dict, read-only when null. */
function noDataParts(opts: ConfigMessageOptions, seqno: number, origData: ConfigDict | null): MessageParts {
  return {
    seqno,
    data: new ConfigData(),
    lagged: [],
    ownDiff: new Map(),
    unknown: [],
    signature: null,
    lag: opts.lag ?? DEFAULT_LAG,
    signer: opts.signer ?? null,
    verifier: opts.verifier ?? null,
    origData,
    fixedHash: null,
  };
}

/** A config message. Create with parseConfigMessage, ConfigMessage.create, increment() or the merge. */
export class ConfigMessage {
  private p: MessageParts;

  /** @internal use the factories */
  constructor(parts: MessageParts) {
    this.p = parts;
  }

  /** A new, empty, mutable message (libsession's `MutableConfigMessage(seqno, lag, signer)`). */
  static create(opts: ConfigMessageOptions & { seqno?: number } = {}): ConfigMessage {
    return new ConfigMessage(noDataParts(opts, opts.seqno ?? 0, new Map()));
  }

  /**
   * The empty seqno-0 read-only message a config holds before it has any data (libsession's
   * default `ConfigMessage()`): `d1:#i0e1:&de1:<le1:=dee`.
   */
  static empty(opts: ConfigMessageOptions = {}): ConfigMessage {
    const parts = noDataParts(opts, 0, null);
    // libsession hashes this placeholder unsigned, also in a signed (group) config: the first
    // push's lagged diff names that hash.
    parts.fixedHash = hashBinary(new ConfigMessage({ ...parts, signer: null }).serialize());
    return new ConfigMessage(parts);
  }

  get seqno(): number {
    return this.p.seqno;
  }

  /** The application data. Mutate it only on a mutable message (see `isMutable`, `edit()`). */
  get data(): ConfigData {
    return this.p.data;
  }

  /** True for a message whose own diff follows its data (created, incremented or converted). */
  get isMutable(): boolean {
    return this.p.origData !== null;
  }

  /** The data for editing; throws ProtocolError('invalid_argument') on a read-only message. */
  edit(): ConfigData {
    if (this.p.origData === null) {
      throw new ProtocolError('invalid_argument', 'A read-only config message cannot be edited.', 'increment() first');
    }
    return this.p.data;
  }

  get lag(): number {
    return this.p.lag;
  }

  get signer(): ConfigSigner | null {
    return this.p.signer;
  }

  /** The same message with another signer (a group member promoted to admin, libsession's `set_sig_keys`). */
  withSigner(signer: ConfigSigner | null): ConfigMessage {
    return new ConfigMessage({ ...this.p, signer });
  }

  get verifier(): ConfigVerifier | null {
    return this.p.verifier;
  }

  /** The lagged diffs held (those outside (seqno − lag, seqno) are not serialized). */
  get laggedDiffs(): readonly LaggedDiff[] {
    return this.p.lagged;
  }

  /** Top-level keys this version does not know, kept verbatim in key order. */
  get unknownKeys(): ReadonlyArray<readonly [string, BtValue]> {
    return this.p.unknown;
  }

  /** The verified (or trusted) signature a read-only message was parsed with, if any. */
  get signature(): Uint8Array | null {
    return this.p.signature;
  }

  /** This message's own diff `=`: fixed for read-only messages, computed for mutable ones (prunes the data). */
  diff(): ConfigDiff {
    if (this.p.origData === null) return this.p.ownDiff;
    this.p.signature = null;
    pruneDict(this.p.data.root);
    this.p.ownDiff = computeDiff(this.p.origData, this.p.data.root);
    return this.p.ownDiff;
  }

  /**
   * The serialized message. Signed when a signer is set and `sign` is true (a read-only message
   * parsed with a verified or trusted signature re-emits that signature). Dumps use `sign: false`.
   */
  serialize(opts: { sign?: boolean } = {}): Uint8Array {
    return this.serializeWith(this.diff(), opts.sign ?? true);
  }

  /** BLAKE2b-256 of the serialized message (as pushed: signed if a signer is set). */
  hash(): Uint8Array {
    return bytesFromBinary(this.hashBinary());
  }

  /** The hash as a 32-byte binary string (the form used in lagged diffs). */
  hashBinary(): string {
    if (this.p.origData !== null) return hashBinary(this.serialize());
    // A read-only message cannot change: its hash is computed once (parsed ones from the input bytes).
    this.p.fixedHash ??= hashBinary(this.serialize());
    return this.p.fixedHash;
  }

  private serializeWith(ownDiff: ConfigDiff, sign: boolean): Uint8Array {
    const raw = this.p.origData === null ? this.p.raw : null;
    // A canonical parsed message serializes to its input, unless it would now be signed.
    if (raw && (this.p.signature !== null || this.p.signer === null || !sign)) return raw.slice();
    const w = new BtWriter();
    const unknown = this.p.unknown;
    let u = 0;
    const unknownsBefore = (bound: string): void => {
      while (u < unknown.length && compareBinary((unknown[u] as [string, BtValue])[0], bound) < 0) {
        const [k, v] = unknown[u] as [string, BtValue];
        w.string(k).value(v);
        u++;
      }
    };
    w.openDict();
    w.string('#').int(this.p.seqno);
    unknownsBefore('&');
    w.string('&');
    writeData(w, this.p.data.root);
    unknownsBefore('<');
    w.string('<').openList();
    for (const l of this.p.lagged) {
      if (l.seqno <= this.p.seqno - this.p.lag || l.seqno >= this.p.seqno) continue;
      w.openList().int(l.seqno).string(l.hash);
      writeDiff(w, l.diff);
      w.close();
    }
    w.close();
    unknownsBefore('=');
    w.string('=');
    writeDiff(w, ownDiff);
    unknownsBefore('~');
    if (this.p.signature !== null) {
      w.string('~').string(binaryFromBytes(this.p.signature));
    } else if (this.p.signer !== null && sign) {
      const sig = this.p.signer(w.toBytes());
      if (sig.length !== 64) throw new ProtocolError('invalid_argument', 'The config signer must return 64 bytes.');
      w.string('~').string(binaryFromBytes(sig));
    }
    w.close();
    return w.toBytes();
  }

  /**
   * A new mutable message with seqno + 1 carrying this message's diff as a lagged diff (B.4
   * increment). Edits to the new message's data show up in its own diff.
   */
  increment(): ConfigMessage {
    const ownDiff = this.diff();
    const hash = this.p.origData === null ? this.hashBinary() : hashBinary(this.serializeWith(ownDiff, true));
    const lagged = this.p.lagged.filter((l) => l.seqno > this.p.seqno - this.p.lag && l.seqno < this.p.seqno);
    lagged.push({ seqno: this.p.seqno, hash, diff: ownDiff });
    const data = this.p.data.clone();
    return new ConfigMessage({
      seqno: this.p.seqno + 1,
      data,
      lagged,
      ownDiff: new Map(),
      unknown: this.p.unknown.slice(),
      signature: null,
      lag: this.p.lag,
      signer: this.p.signer,
      verifier: this.p.verifier,
      // Only ever read (by the diff). A read-only message's data never changes, so it can serve
      // as the original as it is; a mutable one's could, so it is copied.
      origData: this.p.origData === null ? this.p.data.root : cloneDict(this.p.data.root),
      fixedHash: null,
    });
  }

  /**
   * The same message (same seqno) made mutable with an *empty* original, so its own diff is the
   * whole data against nothing: what a device with no unpushed changes pushes after a conflict
   * merge (libsession's `retain_seqno` conversion; B.4 clarifications). A mutable message is
   * returned unchanged.
   */
  toMutableRetainingSeqno(): ConfigMessage {
    return this.mutableRetainingSeqno(true);
  }

  /** @internal `copy: false` hands this message's data over (for a message about to be dropped). */
  mutableRetainingSeqno(copy: boolean): ConfigMessage {
    if (this.p.origData !== null) return this;
    return new ConfigMessage({
      ...this.p,
      data: copy ? this.p.data.clone() : this.p.data,
      raw: null,
      lagged: this.p.lagged.slice(),
      unknown: this.p.unknown.slice(),
      ownDiff: new Map(),
      signature: null,
      origData: new Map(),
      fixedHash: null,
    });
  }

  /** @internal for the merge: the raw parts. */
  parts(): Readonly<MessageParts> {
    return this.p;
  }
}

/** Builds a read-only merged message (used by merge.ts). @internal */
export function makeMergedMessage(parts: Omit<MessageParts, 'fixedHash' | 'origData' | 'ownDiff' | 'signature' | 'unknown'>, mutable: boolean): ConfigMessage {
  const m = new ConfigMessage({
    ...parts,
    ownDiff: new Map(),
    unknown: [],
    signature: null,
    origData: mutable ? cloneDict(parts.data.root) : null,
    fixedHash: null,
  });
  // A read-only merged message's hash is that of its serialization with the (empty) own diff,
  // signed if it can be, as libsession computes it; hashBinary() computes it on first use.
  return m;
}

/** Options for parsing one message. */
export interface ParseOptions extends ConfigMessageOptions {
  /** Keep a `~` signature without verifying it (loading our own dump). */
  trustSignature?: boolean;
}

/**
 * Parses one serialized config message (B.2). Never throws: a bad message is a failed Result
 * (`config_invalid`, `bencode_invalid`, or `signature_invalid` for a missing/bad signature when
 * a verifier is given). Lagged diffs older than the lag are dropped, as libsession does.
 */
export function parseConfigMessage(bytes: Uint8Array, opts: ParseOptions = {}): Result<ConfigMessage> {
  if (!(bytes instanceof Uint8Array)) return err(new ProtocolError('config_invalid', 'Invalid config message.', 'not bytes'));
  const lag = opts.lag ?? DEFAULT_LAG;
  const verifier = opts.verifier ?? null;
  const parsed = attempt(() => {
    const r = new BtReader(bytes, BT_MAX_DEPTH);
    if (r.atEnd || !r.isDict()) configFail('not a bt dict');
    r.pos++;
    if (r.endOfContainer()) configFail('first key must be "#"');
    const first = r.readDictKey(null);
    if (first !== '#') configFail('first key must be "#"');
    if (!r.isInt()) configFail('seqno is not an integer');
    const seqnoBig = r.readInt(0n, BigInt(Number.MAX_SAFE_INTEGER));
    const seqno = Number(seqnoBig);
    let prev = '#';
    let data: ConfigDict | null = null;
    const lagged: LaggedDiff[] = [];
    let ownDiff: ConfigDiff = new Map();
    const unknown: Array<[string, BtValue]> = [];
    let signature: Uint8Array | null = null;
    let signedEnd = -1;
    // Whether re-serializing gives back exactly these bytes (then they are kept and reused).
    let canonical = true;
    let sawLagged = false;
    let sawDiff = false;
    while (!r.endOfContainer()) {
      const keyStart = r.pos;
      const k = r.readDictKey(prev);
      prev = k;
      if (data === null && compareBinary(k, '&') > 0) configFail('"&" data dict not found');
      if (k === '&') {
        if (!r.isDict()) configFail('"&" is not a dict');
        data = readData(r, 1, true);
      } else if (k === '<') {
        if (readLagged(r, seqno, lag, lagged)) canonical = false;
        sawLagged = true;
      } else if (k === '=') {
        if (!r.isDict()) configFail('"=" is not a dict');
        ownDiff = readDiff(r, 1);
        sawDiff = true;
      } else if (k === '~') {
        if (!r.isString()) configFail('"~" is not a string');
        const sig = r.readString();
        if (sig.length !== 64) throw new ProtocolError('signature_invalid', 'Config signature is invalid.', 'not 64 bytes');
        if (r.peek() !== 0x65) configFail('keys after "~"');
        signature = bytesFromBinary(sig);
        signedEnd = keyStart;
      } else if (compareBinary(k, '~') > 0) {
        configFail('keys after "~"');
      } else {
        unknown.push([k, r.readValue(1)]);
      }
    }
    if (!r.atEnd) btFail(`trailing data at byte ${r.pos}`);
    if (data === null) configFail('"&" data dict not found');
    if (signature !== null) {
      if (verifier !== null && !verifier(bytes.subarray(0, signedEnd), signature)) {
        throw new ProtocolError('signature_invalid', 'Config signature failed verification.');
      }
      if (verifier === null && opts.trustSignature !== true) {
        signature = null;
        canonical = false;
      }
    } else if (verifier !== null) {
      throw new ProtocolError('signature_invalid', 'Config signature is missing.');
    }
    return new ConfigMessage({
      seqno,
      data: new ConfigData(data),
      lagged,
      ownDiff,
      unknown,
      signature,
      lag,
      signer: opts.signer ?? null,
      verifier,
      origData: null,
      fixedHash: hashBinary(bytes),
      raw: canonical && sawLagged && sawDiff ? bytes.slice() : null,
    });
  });
  return parsed;
}

/** Reads the `<` list: [seqno, 32-byte hash, diff] rows strictly sorted, each below `seqno`. Returns whether rows were dropped. */
function readLagged(r: BtReader, seqno: number, lag: number, out: LaggedDiff[]): boolean {
  let dropped = false;
  if (!r.isList()) configFail('"<" is not a list');
  r.pos++;
  while (!r.endOfContainer()) {
    const at = r.pos;
    if (!r.isList()) configFail(`lagged diff is not a list at byte ${at}`);
    r.pos++;
    if (!r.isInt()) configFail(`lagged diff seqno is not an integer at byte ${at}`);
    const sBig = r.readInt(-(2n ** 63n), 2n ** 63n - 1n);
    if (sBig >= BigInt(seqno)) configFail(`lagged seqno >= current seqno at byte ${at}`);
    if (sBig <= BigInt(seqno - lag)) {
      // Too old for this message: dropped, as libsession does (only checked to be well-formed).
      while (!r.endOfContainer()) r.readValue(2);
      dropped = true;
      continue;
    }
    const s = Number(sBig);
    if (!r.isString()) configFail(`lagged diff hash is not a string at byte ${at}`);
    const hash = r.readString();
    if (hash.length !== 32) configFail(`lagged diff hash is not 32 bytes at byte ${at}`);
    const last = out[out.length - 1];
    if (last !== undefined && compareSeqnoHash(last, { seqno: s, hash }) >= 0) configFail(`lagged diffs unsorted or duplicated at byte ${at}`);
    if (!r.isDict()) configFail(`lagged diff is not a dict at byte ${at}`);
    const diff = readDiff(r, 2);
    if (!r.endOfContainer()) configFail(`lagged diff row has more than 3 elements at byte ${at}`);
    out.push({ seqno: s, hash, diff });
  }
  return dropped;
}
