// Multipart config messages (spec advanced B.6 step 6, newer libsession): a padded config P too big for
// one swarm message is cut into chunks, each stored as `"m" || bencode([H32(P), index, count, chunk])`
// (index and count as 1-byte strings) and encrypted on its own. Receivers collect the parts by H32(P),
// concatenate them by index, check the hash and decode the result like a single message.
// The collector is pure: time is a parameter, and its state can be saved with a config dump (B.11 `*`).
// Risk: libsession v1.2.0 and older clients skip `m` parts, so such clients never see a multipart
// config. We split only above the single-message limit, where one message cannot be stored at all.
import { bencode, bdecode } from '../primitives/bencode';
import { bytesToHex, concatBytes, equalBytes, hexToBytes } from '../primitives/bytes';
import { ProtocolError, attempt, err, ok, type Result } from '../primitives/errors';
import { blake2b } from '../primitives/hash';
import { CONFIG_ENCRYPT_OVERHEAD, stripConfigPadding } from './encrypt';
import { MAX_CONFIG_PLAINTEXT, decodeConfigPayload } from './compress';

/** Largest message the swarm stores (libsession MAX_MESSAGE_SIZE). */
export const MAX_CONFIG_MESSAGE_SIZE = 76_800;
/** Framing of one part: "m", the list markers, the 32-byte hash, two 1-byte numbers and the chunk length. */
export const MULTIPART_ENCODE_OVERHEAD = 50;
/** Largest chunk, so that a framed and encrypted part is at most MAX_CONFIG_MESSAGE_SIZE bytes. */
export const MULTIPART_MAX_CHUNK = MAX_CONFIG_MESSAGE_SIZE - MULTIPART_ENCODE_OVERHEAD - CONFIG_ENCRYPT_OVERHEAD;
/** Part count is one byte. */
export const MULTIPART_MAX_PARTS = 255;
/** Largest padded config that can be split. */
export const MULTIPART_MAX_TOTAL = MULTIPART_MAX_PARTS * MULTIPART_MAX_CHUNK;

const PREFIX_MULTIPART = 0x6d; // 'm'

/** One decoded part. */
export interface ConfigPart {
  /** H32 of the whole padded (possibly compressed) config. */
  hash: Uint8Array;
  index: number;
  count: number;
  data: Uint8Array;
}

/** Frames one part (before encryption). */
export function encodeMultipartPart(part: ConfigPart): Uint8Array {
  const { hash, index, count, data } = part;
  if (!(hash instanceof Uint8Array) || hash.length !== 32) throw new ProtocolError('invalid_argument', 'A multipart hash is 32 bytes.');
  if (!Number.isInteger(count) || count < 2 || count > MULTIPART_MAX_PARTS) throw new ProtocolError('invalid_argument', 'A multipart count is 2-255.');
  if (!Number.isInteger(index) || index < 0 || index >= count) throw new ProtocolError('invalid_argument', 'A multipart index is below the count.');
  if (!(data instanceof Uint8Array) || data.length === 0 || data.length > MULTIPART_MAX_CHUNK) {
    throw new ProtocolError('invalid_argument', 'A multipart chunk is 1 to 76,710 bytes.');
  }
  return concatBytes(new Uint8Array([PREFIX_MULTIPART]), bencode([hash, new Uint8Array([index]), new Uint8Array([count]), data]));
}

/**
 * Splits a padded config (B.6 step 3 output) into framed parts of at most MULTIPART_MAX_CHUNK data
 * each. Only for configs too large for one message: a single chunk is refused.
 */
export function splitMultipart(padded: Uint8Array): Uint8Array[] {
  if (!(padded instanceof Uint8Array) || padded.length <= MULTIPART_MAX_CHUNK) {
    throw new ProtocolError('invalid_argument', 'Only a config larger than one chunk is split.');
  }
  if (padded.length > MULTIPART_MAX_TOTAL) {
    throw new ProtocolError('config_too_large', 'This config is too large to store.', `${padded.length} bytes`);
  }
  const hash = blake2b(padded, 32);
  const count = Math.ceil(padded.length / MULTIPART_MAX_CHUNK);
  const parts: Uint8Array[] = [];
  for (let index = 0; index < count; index++) {
    const data = padded.subarray(index * MULTIPART_MAX_CHUNK, Math.min(padded.length, (index + 1) * MULTIPART_MAX_CHUNK));
    parts.push(encodeMultipartPart({ hash, index, count, data }));
  }
  return parts;
}

const invalidPart = (detail: string): never => {
  throw new ProtocolError('config_multipart_invalid', 'A config message part was invalid.', detail);
};

/** Decodes a decrypted, unpadded part (`m…`). Never throws. */
export function decodeMultipartPart(plain: Uint8Array): Result<ConfigPart> {
  return attempt(() => {
    if (!(plain instanceof Uint8Array) || plain.length === 0 || plain[0] !== PREFIX_MULTIPART) invalidPart('no "m" prefix');
    if (plain.length > MAX_CONFIG_MESSAGE_SIZE) invalidPart('part larger than a message');
    const list = bdecode(plain.subarray(1));
    if (!list.ok) return invalidPart(`framing: ${list.error.detail ?? ''}`);
    const v = list.value;
    if (!Array.isArray(v) || v.length !== 4) return invalidPart('not a 4-element list');
    const [hash, index, count, data] = v;
    if (!(hash instanceof Uint8Array) || hash.length !== 32) return invalidPart('hash is not 32 bytes');
    if (!(index instanceof Uint8Array) || index.length !== 1 || !(count instanceof Uint8Array) || count.length !== 1) {
      return invalidPart('part numbers are not 1-byte strings');
    }
    const i = index[0] as number;
    const n = count[0] as number;
    if (n < 2 || i >= n) return invalidPart(`part ${i} of ${n}`);
    if (!(data instanceof Uint8Array) || data.length === 0) return invalidPart('empty chunk');
    return { hash, index: i, count: n, data };
  });
}

/** What adding one part did. */
export type CollectOutcome =
  | { kind: 'pending'; received: number; count: number }
  /** A part already held, or of a set already assembled: nothing to do. */
  | { kind: 'duplicate' }
  /** The set is complete: `plaintext` is the config message (`d…`), `hashes` the parts' swarm hashes in index order. */
  | { kind: 'complete'; plaintext: Uint8Array; hashes: string[] };

export interface MultipartCollectorOptions {
  /** How long an incomplete set waits for its missing parts after its newest part (default 15 min). */
  maxWaitMs?: number;
  /** How long a completed set is remembered so late duplicates are ignored (default 15 min). */
  rememberMs?: number;
  /** Incomplete sets held at once; the one expiring first is dropped beyond this (default 4). */
  maxPendingSets?: number;
  /** Cap on the assembled config after decompression. */
  maxPlaintextBytes?: number;
}

interface HeldPart {
  index: number;
  swarmHash: string;
  data: Uint8Array;
}

interface PartSet {
  count: number;
  done: boolean;
  expiresAtMs: number;
  parts: HeldPart[]; // sorted by index
}

/** Serializable collector state (hex for bytes), for saving beside a config dump. */
export interface MultipartSnapshot {
  sets: { hash: string; count: number; done: boolean; expiresAtMs: number; parts: { index: number; swarmHash: string; data: string }[] }[];
}

/**
 * Collects the parts of multipart configs of one config type. Every method takes the current time;
 * nothing here reads a clock. The libsession defaults for the waiting times were not available, so
 * these are our choice: parts of one push are stored together and normally arrive in one poll.
 */
export class MultipartCollector {
  private readonly sets = new Map<string, PartSet>();
  private readonly maxWaitMs: number;
  private readonly rememberMs: number;
  private readonly maxPendingSets: number;
  private readonly maxPlaintextBytes: number;

  constructor(options: MultipartCollectorOptions = {}) {
    this.maxWaitMs = options.maxWaitMs ?? 15 * 60_000;
    this.rememberMs = options.rememberMs ?? 15 * 60_000;
    this.maxPendingSets = options.maxPendingSets ?? 4;
    this.maxPlaintextBytes = options.maxPlaintextBytes ?? MAX_CONFIG_PLAINTEXT;
  }

  /**
   * Adds a decoded part that arrived under `swarmHash`. Never throws. Errors: a count that differs from
   * the set's earlier parts (`config_multipart_mismatch`), an assembled set whose hash is wrong
   * (`config_multipart_hash_mismatch`, the set is dropped so a good copy can still complete), or an
   * assembled config that does not decode (the decoding error; the set counts as done).
   */
  add(part: ConfigPart, swarmHash: string, nowMs: number): Result<CollectOutcome> {
    this.expire(nowMs);
    const key = bytesToHex(part.hash);
    let set = this.sets.get(key);
    if (set?.done) return ok({ kind: 'duplicate' });
    if (set === undefined) {
      set = { count: part.count, done: false, expiresAtMs: nowMs + this.maxWaitMs, parts: [] };
      this.sets.set(key, set);
      this.evictBeyondLimit(key);
    } else if (set.count !== part.count) {
      return err(new ProtocolError('config_multipart_mismatch', 'A config message part did not match its set.', `count ${part.count}, set has ${set.count}`));
    }
    let at = 0;
    while (at < set.parts.length && (set.parts[at] as HeldPart).index < part.index) at++;
    if (at < set.parts.length && (set.parts[at] as HeldPart).index === part.index) return ok({ kind: 'duplicate' });
    set.parts.splice(at, 0, { index: part.index, swarmHash, data: part.data });
    set.expiresAtMs = nowMs + this.maxWaitMs;
    if (set.parts.length < set.count) return ok({ kind: 'pending', received: set.parts.length, count: set.count });

    const assembled = concatBytes(...set.parts.map((p) => p.data));
    const hashes = set.parts.map((p) => p.swarmHash);
    if (!equalBytes(blake2b(assembled, 32), part.hash)) {
      this.sets.delete(key);
      return err(new ProtocolError('config_multipart_hash_mismatch', 'A multipart config did not match its hash.', `set ${key.slice(0, 16)}…`));
    }
    set.done = true;
    set.parts = [];
    set.expiresAtMs = nowMs + this.rememberMs;
    const plain = decodeConfigPayload(stripConfigPadding(assembled), this.maxPlaintextBytes);
    if (!plain.ok) return err(plain.error);
    return ok({ kind: 'complete', plaintext: plain.value, hashes });
  }

  /** Forgets sets whose time is up. */
  expire(nowMs: number): void {
    for (const [key, set] of this.sets) if (set.expiresAtMs < nowMs) this.sets.delete(key);
  }

  /** Swarm hashes of parts still waiting for the rest of their set (their expiry should be extended too, B.10). */
  pendingHashes(nowMs: number): string[] {
    const out: string[] = [];
    for (const set of this.sets.values()) if (!set.done && set.expiresAtMs >= nowMs) for (const p of set.parts) out.push(p.swarmHash);
    return out;
  }

  /** Number of incomplete sets held. */
  get pendingSets(): number {
    let n = 0;
    for (const set of this.sets.values()) if (!set.done) n++;
    return n;
  }

  /** The state to persist (expired sets are left out). */
  snapshot(nowMs: number): MultipartSnapshot {
    this.expire(nowMs);
    return {
      sets: [...this.sets].map(([hash, s]) => ({
        hash,
        count: s.count,
        done: s.done,
        expiresAtMs: s.expiresAtMs,
        parts: s.parts.map((p) => ({ index: p.index, swarmHash: p.swarmHash, data: bytesToHex(p.data) })),
      })),
    };
  }

  /** Restores a snapshot (as stored: parsed from outside data, so it is checked). Never throws. */
  static fromSnapshot(snapshot: unknown, nowMs: number, options: MultipartCollectorOptions = {}): Result<MultipartCollector> {
    return attempt(() => {
      const c = new MultipartCollector(options);
      const bad = (detail: string): never => {
        throw new ProtocolError('config_multipart_invalid', 'Saved multipart state was invalid.', detail);
      };
      const sets = (snapshot as { sets?: unknown } | null)?.sets;
      if (!Array.isArray(sets)) return bad('no sets');
      for (const raw of sets as unknown[]) {
        const s = raw as Partial<MultipartSnapshot['sets'][number]> | null;
        if (s === null || typeof s !== 'object') return bad('set is not an object');
        if (typeof s.hash !== 'string' || !/^[0-9a-f]{64}$/.test(s.hash)) return bad('bad set hash');
        if (!Number.isInteger(s.count) || (s.count as number) < 2 || (s.count as number) > MULTIPART_MAX_PARTS) return bad('bad count');
        const expiresAtMs = s.expiresAtMs;
        if (typeof s.done !== 'boolean' || typeof expiresAtMs !== 'number' || !Number.isSafeInteger(expiresAtMs) || !Array.isArray(s.parts)) {
          return bad('bad set fields');
        }
        if (expiresAtMs < nowMs) continue;
        const parts: HeldPart[] = [];
        for (const p of s.parts) {
          if (p === null || typeof p !== 'object' || !Number.isInteger(p.index) || p.index < 0 || p.index >= (s.count as number)) return bad('bad part index');
          if (typeof p.swarmHash !== 'string' || typeof p.data !== 'string' || !/^([0-9a-f]{2})+$/.test(p.data)) return bad('bad part fields');
          if (parts.length > 0 && (parts[parts.length - 1] as HeldPart).index >= p.index) return bad('parts out of order');
          parts.push({ index: p.index, swarmHash: p.swarmHash, data: hexToBytes(p.data) });
        }
        if (!s.done && parts.length >= (s.count as number)) return bad('complete set not marked done');
        c.sets.set(s.hash, { count: s.count as number, done: s.done, expiresAtMs, parts: s.done ? [] : parts });
      }
      c.evictBeyondLimit(null);
      return c;
    });
  }

  private evictBeyondLimit(keep: string | null): void {
    for (;;) {
      const pending = [...this.sets].filter(([, s]) => !s.done);
      if (pending.length <= this.maxPendingSets) return;
      let victim: string | null = null;
      let soonest = Infinity;
      for (const [k, s] of pending) {
        if (k !== keep && s.expiresAtMs < soonest) {
          soonest = s.expiresAtMs;
          victim = k;
        }
      }
      if (victim === null) return;
      this.sets.delete(victim);
    }
  }
}
