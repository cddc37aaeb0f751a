// Config data and diff encodings (spec advanced.md B.3): strict parsing and canonical
// serialization of the `&` data dict and of diff dicts, the diff of two data dicts, and
// apply_diff as the merge replays it (B.4).
import { ProtocolError } from '../primitives/errors';
import { BtReader, btFail, type BtWriter } from './bt';
import {
  ConfigSet,
  INT64_MAX,
  INT64_MIN,
  compareScalar,
  keysInOrder,
  type ConfigDict,
  type ConfigScalar,
  type ConfigValue,
} from './data';

/** A set change inside a diff: elements added and removed, each in set order. */
export class SetDiff {
  constructor(
    readonly added: ConfigScalar[],
    readonly removed: ConfigScalar[],
  ) {}
}

/** One entry of a diff: "" scalar set, "-" removed, a nested dict diff, or a set diff. */
export type DiffValue = '' | '-' | ConfigDiff | SetDiff;
/** A diff dict, mirroring the shape of the data it describes. */
export type ConfigDiff = Map<string, DiffValue>;

// ---------------------------------------------------------------------------------------------
// Computing diffs

function setDiff(oldSet: ConfigScalar[], newSet: ConfigScalar[]): SetDiff | null {
  const added: ConfigScalar[] = [];
  const removed: ConfigScalar[] = [];
  let i = 0;
  let j = 0;
  while (i < oldSet.length || j < newSet.length) {
    if (i >= oldSet.length) added.push(newSet[j++] as ConfigScalar);
    else if (j >= newSet.length) removed.push(oldSet[i++] as ConfigScalar);
    else {
      const c = compareScalar(newSet[j] as ConfigScalar, oldSet[i] as ConfigScalar);
      if (c < 0) added.push(newSet[j++] as ConfigScalar);
      else if (c > 0) removed.push(oldSet[i++] as ConfigScalar);
      else {
        i++;
        j++;
      }
    }
  }
  return added.length === 0 && removed.length === 0 ? null : new SetDiff(added, removed);
}

/** The diff of a value that appears (or reappears with another type). */
function addedDiff(v: ConfigValue): DiffValue | null {
  if (v instanceof Map) {
    const d = computeDiff(new Map(), v);
    return d.size > 0 ? d : null;
  }
  if (v instanceof ConfigSet) return setDiff([], v.values());
  return '';
}

/** The diff of a value that disappears: nested containers are diffed against empty. */
function removedDiff(v: ConfigValue): DiffValue | null {
  if (v instanceof Map) {
    const d = computeDiff(v, new Map());
    return d.size > 0 ? d : null;
  }
  if (v instanceof ConfigSet) return setDiff(v.values(), []);
  return '-';
}

function kindOf(v: ConfigValue): 0 | 1 | 2 {
  return v instanceof Map ? 0 : v instanceof ConfigSet ? 1 : 2;
}

/**
 * The diff taking `oldData` to `newData` (both pruned). Empty when nothing changed. A value
 * whose kind changed (scalar/dict/set) is written as a new value of the new kind.
 */
export function computeDiff(oldData: ConfigDict, newData: ConfigDict): ConfigDiff {
  // Key order does not matter here: serialization sorts.
  const out: ConfigDiff = new Map();
  for (const [k, o] of oldData) {
    const n = newData.get(k);
    let d: DiffValue | null;
    if (n === undefined) d = removedDiff(o);
    else if (kindOf(o) !== kindOf(n)) d = addedDiff(n);
    else if (o instanceof Map) {
      const sub = computeDiff(o, n as ConfigDict);
      d = sub.size > 0 ? sub : null;
    } else if (o instanceof ConfigSet) d = setDiff(o.values(), (n as ConfigSet).values());
    else d = o === n ? null : '';
    if (d !== null) out.set(k, d);
  }
  for (const [k, n] of newData) {
    if (oldData.has(k)) continue;
    const d = addedDiff(n);
    if (d !== null) out.set(k, d);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Applying diffs (the merge replay)

/**
 * Applies `diff` to `data`, taking new scalar values from `source` (the data of the message the
 * diff came from). A key missing from `source`, or of another kind than the diff implies, is
 * deleted: a later diff recreates it if needed. Does not prune; the merge prunes once at the end.
 */
export function applyDiff(data: ConfigDict, diff: ConfigDiff, source: ConfigDict): void {
  for (const [k, dv] of diff) {
    const src = source.get(k);
    const isScalarDiff = typeof dv === 'string';
    const isSetDiff = dv instanceof SetDiff;
    const isDictDiff = dv instanceof Map;
    if (
      src === undefined ||
      (isScalarDiff && (src instanceof Map || src instanceof ConfigSet)) ||
      (isSetDiff && !(src instanceof ConfigSet)) ||
      (isDictDiff && !(src instanceof Map))
    ) {
      data.delete(k);
      continue;
    }
    if (isScalarDiff) {
      if (dv === '-') data.delete(k);
      else data.set(k, src as ConfigScalar);
    } else if (isDictDiff) {
      let sub = data.get(k);
      if (!(sub instanceof Map)) {
        sub = new Map();
        data.set(k, sub);
      }
      applyDiff(sub, dv, src as ConfigDict);
    } else {
      let set = data.get(k);
      if (!(set instanceof ConfigSet)) {
        set = new ConfigSet();
        data.set(k, set);
      }
      for (const a of dv.added) set.add(a);
      for (const r of dv.removed) set.delete(r);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Serialization

/** Writes a data dict (keys in byte order). */
export function writeData(w: BtWriter, d: ConfigDict): void {
  w.openDict();
  for (const k of keysInOrder(d)) {
    w.string(k);
    const v = d.get(k) as ConfigValue;
    if (v instanceof Map) writeData(w, v);
    else if (v instanceof ConfigSet) writeScalars(w, v.values());
    else writeScalar(w, v);
  }
  w.close();
}

function writeScalar(w: BtWriter, v: ConfigScalar): void {
  if (typeof v === 'bigint') w.int(v);
  else w.string(v);
}

function writeScalars(w: BtWriter, values: ConfigScalar[]): void {
  w.openList();
  for (const v of values) writeScalar(w, v);
  w.close();
}

/** Writes a diff dict (keys in byte order). */
export function writeDiff(w: BtWriter, diff: ConfigDiff): void {
  w.openDict();
  for (const k of keysInOrder(diff)) {
    w.string(k);
    const v = diff.get(k) as DiffValue;
    if (typeof v === 'string') w.string(v);
    else if (v instanceof Map) writeDiff(w, v);
    else {
      w.openList();
      writeScalars(w, v.added);
      writeScalars(w, v.removed);
      w.close();
    }
  }
  w.close();
}

// ---------------------------------------------------------------------------------------------
// Parsing (throws ProtocolError; callers wrap in attempt)

function configFail(detail: string): never {
  throw new ProtocolError('config_invalid', 'Invalid config message.', detail);
}

/** Reads a scalar (int64 or string) or fails with `what`. */
function readScalar(r: BtReader, what: string): ConfigScalar {
  if (r.isInt()) return r.readInt(INT64_MIN, INT64_MAX);
  if (r.isString()) return r.readString();
  return configFail(`${what} contains a non-scalar value at byte ${r.pos}`);
}

/** Reads a list of scalars in strict set order (unique, ints first); `allowEmpty` for diff lists. */
function readScalarList(r: BtReader, what: string, allowEmpty: boolean): ConfigScalar[] {
  const at = r.pos;
  r.expect(0x6c, 'a list');
  const out: ConfigScalar[] = [];
  while (!r.endOfContainer()) {
    const v = readScalar(r, what);
    const prev = out[out.length - 1];
    if (prev !== undefined && compareScalar(prev, v) >= 0) configFail(`${what} is unsorted or has duplicates at byte ${at}`);
    out.push(v);
  }
  if (!allowEmpty && out.length === 0) configFail(`data contains an unpruned, empty set at byte ${at}`);
  return out;
}

/** Reads a data dict: sorted unique keys, int64/string/set/dict values, no empty nested containers. */
export function readData(r: BtReader, depth: number, topLevel: boolean): ConfigDict {
  if (depth > r.maxDepth) btFail(`nested too deeply at byte ${r.pos}`);
  const at = r.pos;
  r.expect(0x64, 'a dict');
  const out: ConfigDict = new Map();
  let prev: string | null = null;
  while (!r.endOfContainer()) {
    const k = r.readDictKey(prev);
    prev = k;
    if (r.isDict()) out.set(k, readData(r, depth + 1, false));
    else if (r.isList()) out.set(k, ConfigSet.fromSorted(readScalarList(r, 'data set', false)));
    else out.set(k, readScalar(r, 'data'));
  }
  if (!topLevel && out.size === 0) configFail(`data contains an unpruned, empty dict at byte ${at}`);
  return out;
}

/** Reads a diff dict: values "" / "-", nested dicts (possibly empty), or [[added], [removed]]. */
export function readDiff(r: BtReader, depth: number): ConfigDiff {
  if (depth > r.maxDepth) btFail(`nested too deeply at byte ${r.pos}`);
  r.expect(0x64, 'a diff dict');
  const out: ConfigDiff = new Map();
  let prev: string | null = null;
  while (!r.endOfContainer()) {
    const k = r.readDictKey(prev);
    prev = k;
    if (r.isString()) {
      const at = r.pos;
      const v = r.readString();
      if (v !== '' && v !== '-') configFail(`diff has an invalid scalar marker at byte ${at}`);
      out.set(k, v);
    } else if (r.isDict()) {
      out.set(k, readDiff(r, depth + 1));
    } else if (r.isList()) {
      const at = r.pos;
      r.expect(0x6c, 'a list');
      if (!r.isList()) configFail(`set diff is not a pair of lists at byte ${at}`);
      const added = readScalarList(r, 'set diff', true);
      if (!r.isList()) configFail(`set diff is not a pair of lists at byte ${at}`);
      const removed = readScalarList(r, 'set diff', true);
      if (!r.endOfContainer()) configFail(`set diff has more than two lists at byte ${at}`);
      out.set(k, new SetDiff(added, removed));
    } else {
      configFail(`diff has an integer value at byte ${r.pos}`);
    }
  }
  return out;
}

/** Deep equality of two diffs (used by tests and by redundancy checks of callers). */
export function diffsEqual(a: DiffValue, b: DiffValue): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (a instanceof SetDiff || b instanceof SetDiff) {
    if (!(a instanceof SetDiff) || !(b instanceof SetDiff)) return false;
    const eq = (x: ConfigScalar[], y: ConfigScalar[]): boolean => x.length === y.length && x.every((v, i) => v === y[i]);
    return eq(a.added, b.added) && eq(a.removed, b.removed);
  }
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    const o = b.get(k);
    if (o === undefined || !diffsEqual(v, o)) return false;
  }
  return true;
}
