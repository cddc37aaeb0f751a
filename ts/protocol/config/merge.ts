// The config merge (spec advanced.md B.4): resolve a set of serialized messages into one, the
// way libsession does, so that every device computes identical bytes.
//
// Two layers:
// - mergeConfigMessages: the message-level merge (redundancy, single survivor, read-only mode,
//   diff replay), with `fromDirty` choosing what a device with unpushed changes gets.
// - mergeIntoConfigState: the per-config decision around it (which message we hold afterwards,
//   clean/dirty, which swarm hashes became obsolete, which inputs were accepted), pure so that
//   the stateful config object only stores what it returns.
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
export function mergeConfigMessages(inputs: readonly Uint8Array[], opts: MergeOptions = {}): Result<MergeOutcome> {
  const lag = opts.lag ?? DEFAULT_LAG;
  const verifier = opts.verifier ?? null;
  const signer = opts.signer ?? null;
  const errors: Array<ProtocolError | null> = [];
  const msgs: Array<ConfigMessage | null> = [];
  for (const input of inputs) {
    const r = parseConfigMessage(input, { verifier, signer, lag });
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
