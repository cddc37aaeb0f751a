// The config merge (spec advanced.md B.4): resolve a set of serialized messages into one, the
// way libsession does, so that every device computes identical bytes.
//
// Two layers:
// - mergeConfigMessages: the message-level merge (redundancy, single survivor, read-only mode,
//   diff replay), with `fromDirty` choosing what a device with unpushed changes gets.
// - mergeIntoConfigState: the per-config decision around it (which message we hold afterwards,
//   clean/dirty, which swarm hashes became obsolete, which inputs were accepted), pure so that
//   the stateful config object only stores what it returns.
//
// Two deliberate differences from libsession's bookkeeping, neither of which changes any byte
// that is pushed: the adopted input is identified by its position among *all* inputs (libsession
// counts only the parseable ones, so an unparseable message before the adopted one shifts which
// swarm hash it keeps as current and which it deletes), and our own current hash is never listed
// as obsolete.
import { ProtocolError, err, ok, type Result } from '../primitives/errors';
import { ConfigData, cloneDict, pruneDict, type ConfigDict } from './data';
import {
  DEFAULT_LAG,
  compareSeqnoHash,
  makeMergedMessage,
  parseConfigMessage,
  type ConfigMessage,
  type ConfigMessageOptions,
  type LaggedDiff,
} from './configMessage';
import { applyDiff, type ConfigDiff } from './diff';

/** Options of the message-level merge. */
export interface MergeOptions extends ConfigMessageOptions {
  /**
   * True when the caller has unpushed local changes (libsession builds a MutableConfigMessage):
   * a conflict merge then starts its own diff from the merged data (`=` is {} plus later edits),
   * and a single surviving message is incremented. False: the result is read-only; a conflict
   * merge must be made mutable with `toMutableRetainingSeqno()` before pushing (own diff = the
   * whole data against empty).
   */
  fromDirty?: boolean;
}

/** What the message-level merge did with each input and what it produced. */
export interface MergeOutcome {
  /** The resulting message. */
  message: ConfigMessage;
  /** True when a new conflict-resolution message (seqno = max + 1) was built. */
  merged: boolean;
  /** Index of the input adopted as-is when not merged (before any fromDirty increment), else null. */
  adoptedIndex: number | null;
  /** Per input: the parse/verification error, or null if it parsed. */
  errors: Array<ProtocolError | null>;
  /** Per input: true when it was parsed but not needed (included by another, duplicate, or ≥ lag behind). */
  redundant: boolean[];
}

/**
 * Merges serialized messages (B.4). Fails only when no input parses (`config_invalid`); inputs that
 * fail are reported in `errors` and skipped.
 */
export function mergeConfigMessages(inputs: ReadonlyArray<Uint8Array | ConfigMessage>, opts: MergeOptions = {}): Result<MergeOutcome> {
  const lag = opts.lag ?? DEFAULT_LAG;
  const verifier = opts.verifier ?? null;
  const signer = opts.signer ?? null;
  const errors: Array<ProtocolError | null> = [];
  const msgs: Array<ConfigMessage | null> = [];
  for (const input of inputs) {
    const r = input instanceof Uint8Array ? parseConfigMessage(input, { verifier, signer, lag }) : reuseOrReparse(input, { verifier, signer, lag });
    if (r.ok) {
      msgs.push(r.value);
      errors.push(null);
    } else {
      msgs.push(null);
      errors.push(r.error);
    }
  }
  const valid = msgs.map((m, i) => ({ m, i })).filter((x): x is { m: ConfigMessage; i: number } => x.m !== null);
  if (valid.length === 0) {
    return err(new ProtocolError('config_invalid', 'No valid config message to merge.', `${inputs.length} input(s)`));
  }

  const keys = msgs.map((m) => (m === null ? null : { seqno: m.seqno, hash: m.hashBinary() }));
  const laggedSets = msgs.map((m) => (m === null ? null : new Set(m.laggedDiffs.map((l) => `${l.seqno}:${l.hash}`))));
  const redundant = msgs.map(() => false);
  let maxSeqno = -Infinity;
  for (const { m, i } of valid) {
    if (m.seqno > maxSeqno) maxSeqno = m.seqno;
    const key = keys[i] as { seqno: number; hash: string };
    const id = `${key.seqno}:${key.hash}`;
    for (const { i: j } of valid) {
      if (i === j) continue;
      if ((laggedSets[j] as Set<string>).has(id)) {
        redundant[i] = true; // another message already includes this one
        break;
      }
      const other = keys[j] as { seqno: number; hash: string };
      if (j < i && other.seqno === key.seqno && other.hash === key.hash) {
        redundant[i] = true; // a duplicate of an earlier input
        break;
      }
    }
  }
  for (const { m, i } of valid) if (m.seqno + lag <= maxSeqno) redundant[i] = true;

  const survivors = valid.filter(({ i }) => !redundant[i]);
  const adopt = (index: number): Result<MergeOutcome> => {
    const m = msgs[index] as ConfigMessage;
    return ok({ message: opts.fromDirty === true ? m.increment() : m, merged: false, adoptedIndex: index, errors, redundant });
  };
  if (survivors.length === 1) return adopt((survivors[0] as { i: number }).i);
  if (verifier !== null && signer === null) {
    // Read-only (we can verify but not sign): keep the highest message; a signer will merge.
    let best = survivors[0] as { m: ConfigMessage; i: number };
    for (const s of survivors) if (compareSeqnoHash(keys[s.i] as LaggedKey, keys[best.i] as LaggedKey) > 0) best = s;
    return adopt(best.i);
  }

  // Conflict: replay every known diff, oldest first, over the highest message's data.
  survivors.sort((a, b) => compareSeqnoHash(keys[b.i] as LaggedKey, keys[a.i] as LaggedKey));
  const data = cloneDict((survivors[0] as { m: ConfigMessage }).m.data.root);
  const replay = new Map<string, { key: LaggedKey; source: ConfigDict; diff: ConfigDiff }>();
  for (const { m, i } of survivors) {
    const key = keys[i] as LaggedKey;
    const own = `${key.seqno}:${key.hash}`;
    // Insertion never overwrites: higher-ranked messages (visited first) win disagreements.
    if (!replay.has(own)) replay.set(own, { key, source: m.data.root, diff: m.diff() });
    for (const l of m.laggedDiffs) {
      const id = `${l.seqno}:${l.hash}`;
      if (!replay.has(id)) replay.set(id, { key: { seqno: l.seqno, hash: l.hash }, source: m.data.root, diff: l.diff });
    }
  }
  const ordered = [...replay.values()].sort((a, b) => compareSeqnoHash(a.key, b.key));
  const lagged: LaggedDiff[] = [];
  for (const e of ordered) {
    applyDiff(data, e.diff, e.source);
    lagged.push({ seqno: e.key.seqno, hash: e.key.hash, diff: e.diff });
  }
  pruneDict(data);
  const message = makeMergedMessage(
    { seqno: maxSeqno + 1, data: new ConfigData(data), lagged, lag, signer, verifier },
    opts.fromDirty === true,
  );
  return ok({ message, merged: true, adoptedIndex: null, errors, redundant });
}

type LaggedKey = { seqno: number; hash: string };

/**
 * A message given as an object takes part as if serialized and parsed again (as libsession does
 * with its own message). A read-only message parsed from canonical bytes with the same lag and no
 * verifier would parse to the same thing, so it is used as it is (saves a large re-parse).
 */
function reuseOrReparse(m: ConfigMessage, opts: { verifier: ConfigMessageOptions['verifier']; signer: ConfigMessageOptions['signer']; lag: number }): Result<ConfigMessage> {
  if (!m.isMutable && m.parts().raw && m.lag === opts.lag && opts.verifier === null && (m.signer ?? null) === (opts.signer ?? null)) {
    return ok(m);
  }
  return parseConfigMessage(m.serialize(), opts);
}

// ---------------------------------------------------------------------------------------------
// The per-config merge decision

/** Push state of a config (the numbers are the dump's `!` values). */
export type ConfigPushState = 'clean' | 'dirty' | 'waiting';

/** What a config holds between merges (the parts of its state the merge reads and replaces). */
export interface ConfigMergeState {
  /** The message currently held. */
  message: ConfigMessage;
  state: ConfigPushState;
  /** Swarm hash of the held message when it is on the swarm (clean), else null. */
  currentHash: string | null;
}

/** One retrieved config message, already unwrapped, decrypted, unpadded and decompressed. */
export interface IncomingConfigMessage {
  /** Its swarm message hash. */
  hash: string;
  /** The bt-encoded config message (starts with `d`). */
  plaintext: Uint8Array;
}

/** The outcome of merging retrieved messages into a config. */
export interface ConfigMergeResult extends ConfigMergeState {
  /** Swarm hashes that are now superseded: add them to the hashes deleted with the next push. */
  obsoleteHashes: string[];
  /** Incoming hashes whose message parsed (libsession's return value of `merge`). */
  acceptedHashes: string[];
  /** Incoming messages that did not parse or verify, with why; their hashes are not made obsolete (a newer client may understand them). */
  rejected: Array<{ hash: string; error: ProtocolError }>;
  /** True when the held message was replaced (data, seqno or both may have changed). */
  changed: boolean;
  /** True when a conflict-resolution message was produced that must be pushed. */
  merged: boolean;
}

/**
 * Merges retrieved messages into a config's state exactly as libsession's `ConfigBase::_merge`
 * does (B.4, B.1 lifecycle), including the clarified corner cases:
 * - our own message takes part (serialized as if pushed) when its seqno > 0 or it is dirty;
 * - a conflict merge held by a device with no unpushed changes is made mutable with an empty
 *   original (its own diff is the whole data), by a dirty device with the merged data as the
 *   original (own diff {} plus later edits); either way the state becomes dirty;
 * - a dirty device whose message is superseded adopts the incoming message, incremented, and
 *   becomes clean with the incoming hash as current;
 * - every input hash but the adopted one and the unparseable ones becomes obsolete.
 * Pure: returns the new state; the caller persists it.
 */
export function mergeIntoConfigState(
  current: ConfigMergeState,
  incoming: readonly IncomingConfigMessage[],
  opts: ConfigMessageOptions = {},
): ConfigMergeResult {
  const oldSeqno = current.message.seqno;
  const includeMine = oldSeqno !== 0 || current.state === 'dirty';
  const hashes: string[] = [];
  const inputs: Array<Uint8Array | ConfigMessage> = [];
  if (includeMine) {
    hashes.push(current.currentHash ?? '');
    inputs.push(current.message);
  }
  for (const m of incoming) {
    hashes.push(m.hash);
    inputs.push(m.plaintext);
  }
  const first = includeMine ? 1 : 0;
  const unchanged = (rejected: ConfigMergeResult['rejected']): ConfigMergeResult => ({
    ...current,
    obsoleteHashes: [],
    acceptedHashes: [],
    rejected,
    changed: false,
    merged: false,
  });
  if (inputs.length === 0) return unchanged([]);

  const outcome = mergeConfigMessages(inputs, {
    verifier: opts.verifier ?? current.message.verifier,
    signer: opts.signer ?? current.message.signer,
    lag: opts.lag ?? current.message.lag,
    fromDirty: current.state === 'dirty',
  });
  if (!outcome.ok) {
    // Nothing parsed: report each message's own reason (this path only sees bad input).
    return unchanged(
      incoming.map((m) => {
        const r = parseConfigMessage(m.plaintext, { verifier: opts.verifier ?? current.message.verifier, lag: opts.lag ?? current.message.lag });
        return { hash: m.hash, error: r.ok ? outcome.error : r.error };
      }),
    );
  }
  const { message: next, merged, adoptedIndex, errors } = outcome.value;
  const rejected: ConfigMergeResult['rejected'] = [];
  const acceptedHashes: string[] = [];
  for (let i = first; i < inputs.length; i++) {
    const e = errors[i];
    if (e) rejected.push({ hash: hashes[i] as string, error: e });
    else acceptedHashes.push(hashes[i] as string);
  }
  const obsolete = new Set<string>();
  for (let i = 0; i < inputs.length; i++) {
    if (i !== adoptedIndex && errors[i] === null && hashes[i] !== '') obsolete.add(hashes[i] as string);
  }

  let message = current.message;
  let state = current.state;
  let currentHash = current.currentHash;
  let changed = false;
  if (next.seqno !== oldSeqno) {
    if (merged) {
      message = current.state === 'dirty' ? next : next.mutableRetainingSeqno(false);
      if (state === 'clean' && currentHash !== null) obsolete.add(currentHash);
      state = 'dirty';
      currentHash = null;
      changed = true;
    } else if (current.state === 'dirty' && adoptedIndex === 0 && includeMine && next.seqno === oldSeqno + 1) {
      // Our own unpushed message includes everything: keep it (the merge's increment is discarded).
    } else {
      message = next;
      if (state === 'clean' && currentHash !== null) obsolete.add(currentHash);
      state = 'clean';
      currentHash = hashes[adoptedIndex as number] as string;
      changed = true;
    }
  }
  // Our own message comes back from the swarm on every poll: libsession then lists its own current
  // hash as obsolete too (harmless there, as it is only deleted by a later push that supersedes it).
  // It is left out here so that no caller can ever delete the live message.
  if (currentHash !== null) obsolete.delete(currentHash);
  return { message, state, currentHash, obsoleteHashes: [...obsolete], acceptedHashes, rejected, changed, merged: merged && changed };
}

/**
 * Loads the `$` message of a dump (B.11): a dirty dump is re-incremented (one seqno is wasted,
 * as libsession does), any other is read-only with its stored signature trusted.
 */
export function messageFromDump(bytes: Uint8Array, state: ConfigPushState, opts: ConfigMessageOptions = {}): Result<ConfigMessage> {
  const r = parseConfigMessage(bytes, { signer: opts.signer ?? null, lag: opts.lag ?? DEFAULT_LAG, verifier: null, trustSignature: state !== 'dirty' });
  if (!r.ok || state !== 'dirty') return r;
  return ok(r.value.increment());
}

/**
 * The first local change after a push makes a config dirty (libsession `ConfigBase::dirty()`):
 * unless it is dirty already, the held message is incremented (a waiting message too) and a clean
 * config's current hash becomes obsolete. Edit `result.state.message.edit()` afterwards.
 */
export function startLocalEdit(current: ConfigMergeState): { state: ConfigMergeState; obsoleteHash: string | null } {
  if (current.state === 'dirty') return { state: current, obsoleteHash: null };
  const obsoleteHash = current.state === 'clean' ? current.currentHash : null;
  return { state: { message: current.message.increment(), state: 'dirty', currentHash: null }, obsoleteHash };
}

/**
 * A store of the pushed message succeeded (libsession `confirm_pushed`): only a waiting config
 * whose seqno has not moved on becomes clean with the stored hash.
 */
export function confirmPushed(current: ConfigMergeState, seqno: number, hash: string): ConfigMergeState {
  if (current.state === 'waiting' && current.message.seqno === seqno) return { ...current, state: 'clean', currentHash: hash };
  return current;
}
