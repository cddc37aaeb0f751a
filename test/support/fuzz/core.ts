// Seeded generators for fuzzing hostile input (decoders, IPC calls, argv, file names), and the loop that
// checks one target's properties. The targets in this folder are shared by the CI-sized tests
// (test/unit/**/*uzz*.test.ts) and the longer bench run (tools/bench/workloads/fuzz.ts): the same seed and
// count give the same inputs everywhere.
import { prng } from '../prng';

/** mulberry32 (test/support/prng.ts). */
export { prng };

/** A PRNG with the helpers a generator needs. */
export interface Rng {
  next: () => number;
  int: (n: number) => number;
  pick: <T>(xs: readonly T[]) => T;
  chance: (p: number) => boolean;
  bytes: (n: number) => Uint8Array;
}

export function rng(seed: number): Rng {
  const next = prng(seed);
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    pick: <T>(xs: readonly T[]): T => xs[int(xs.length)] as T,
    chance: (p) => next() < p,
    bytes: (n) => {
      const b = new Uint8Array(n);
      for (let i = 0; i < n; i++) b[i] = int(256);
      return b;
    },
  };
}

/** Pieces of strings that have broken parsers, paths and HTML before. */
export const HOSTILE_PIECES: readonly string[] = [
  '',
  ' ',
  '.',
  '..',
  '../',
  '..\\',
  '/',
  '\\',
  '//',
  '/etc/passwd',
  'C:',
  'C:\\Windows\\',
  'c:/',
  '\\\\?\\',
  '\\\\server\\share\\',
  'CON',
  'con',
  'NUL',
  'nul .txt',
  'COM1',
  'LPT9',
  'COM¹',
  'CONIN$',
  'conout$',
  'AUX.tar.gz',
  'prn ',
  '\u0000',
  '\u0007',
  '\n',
  '\r\n',
  '\t',
  '\u001b[31m',
  '\u0085',
  '\u202e',
  '\u2066',
  '\u200f',
  '\u061c',
  '\u2028',
  '\ufeff',
  '\ud800',
  '\udfff',
  '\ud83d\ude00',
  'e\u0301',
  '\u00e9',
  '\uff0f',
  '\uff3c',
  '\uff1a',
  '\u2215',
  '\u2044',
  '\u29f8',
  '\uff0e',
  '\u2024',
  '\u2025',
  '\ufe52',
  'ｃｏｎ',
  '<img src=x onerror=alert(1)>',
  '<script>',
  '</style>',
  'javascript:',
  '"',
  "'",
  '`',
  '${',
  '%00',
  '%2e%2e%2f',
  '&#x2F;',
  '__proto__',
  'constructor',
  'toString',
  '-',
  '--',
  '-h',
  '=',
  'a',
  'report',
  '.txt',
  '.exe',
  '.jpg',
  ' .',
  '05',
  'ab'.repeat(32),
  'http://',
  'https://host:99999/',
  '?',
  '#',
  '*',
  '|',
  ':',
  '<',
  '>',
];

/**
 * Knobs of the generators. `longRun` > 0 (the bench sets it) makes one hostile string in 20 a run of that
 * many characters of one piece ended by another, the shape that makes a backtracking pattern quadratic;
 * 0 (the CI tests) draws nothing for it, so their inputs do not change.
 */
export const fuzzOptions = { longRun: 0 };

/** A hostile string: 1-8 pieces, random characters, or (rarely) a very long run. */
export function hostileString(r: Rng, maxLong = 5000): string {
  if (fuzzOptions.longRun > 0 && r.chance(0.05)) {
    const piece = r.pick(HOSTILE_PIECES.filter((p) => p !== ''));
    return piece.repeat(Math.ceil(fuzzOptions.longRun / piece.length)) + r.pick(['x', '/', '.', ' ', '>', '\n']);
  }
  const k = r.int(10);
  if (k === 0) return r.pick(HOSTILE_PIECES).repeat(1 + r.int(Math.max(1, Math.floor(maxLong / 8))));
  if (k === 1) {
    let s = '';
    const n = r.int(40);
    for (let i = 0; i < n; i++) s += String.fromCharCode(r.chance(0.7) ? r.int(128) : r.int(0x10000));
    return s;
  }
  let s = '';
  const n = 1 + r.int(8);
  for (let i = 0; i < n; i++) s += r.pick(HOSTILE_PIECES);
  return s;
}

/** A random JSON-ish value (and a few non-JSON ones: NaN, -0, Infinity, undefined, bigint-like strings). */
export function randomValue(r: Rng, keys: readonly string[] = [], depth = 0): unknown {
  const k = r.int(depth > 3 ? 7 : 10);
  switch (k) {
    case 0:
      return r.pick([0, -0, 1, -1, 0.5, 1e21, -1e21, 2 ** 53, 2 ** 31, -(2 ** 31), NaN, Infinity, -Infinity, Number.MAX_VALUE, Number.MIN_VALUE]);
    case 1:
      return Math.floor(r.next() * 2e12) - 1e6;
    case 2:
      return hostileString(r, 2000);
    case 3:
      return r.chance(0.5);
    case 4:
      return null;
    case 5:
      return undefined;
    case 6:
      return keys.length > 0 ? r.pick(keys) : '';
    case 7:
      return Array.from({ length: r.int(4) }, () => randomValue(r, keys, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      const n = r.int(5);
      for (let i = 0; i < n; i++) {
        const key = keys.length > 0 && r.chance(0.7) ? r.pick(keys) : hostileString(r, 50);
        // Defined as own data properties: "__proto__" as a key, not the prototype.
        Object.defineProperty(o, key, { value: randomValue(r, keys, depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return o;
    }
  }
}

/** Mutates a JSON-ish value: replaces, drops or adds one field somewhere, or swaps the whole value. */
export function mutateValue(r: Rng, v: unknown, keys: readonly string[] = [], depth = 0): unknown {
  if (depth > 4 || r.chance(0.15)) return randomValue(r, keys, depth);
  if (Array.isArray(v)) {
    const a = [...v];
    if (a.length > 0 && r.chance(0.6)) a[r.int(a.length)] = mutateValue(r, a[r.int(a.length)], keys, depth + 1);
    else if (r.chance(0.5)) a.push(randomValue(r, keys, depth + 1));
    else a.splice(r.int(a.length + 1), 1);
    return a;
  }
  if (v !== null && typeof v === 'object') {
    const o: Record<string, unknown> = { ...(v as Record<string, unknown>) };
    const names = Object.keys(o);
    const op = r.int(4);
    if (op === 0 && names.length > 0) delete o[r.pick(names)];
    else if (op === 1 || names.length === 0) {
      const key = keys.length > 0 && r.chance(0.5) ? r.pick(keys) : hostileString(r, 50);
      Object.defineProperty(o, key, { value: randomValue(r, keys, depth + 1), enumerable: true, writable: true, configurable: true });
    } else {
      const name = r.pick(names);
      o[name] = mutateValue(r, o[name], keys, depth + 1);
    }
    return o;
  }
  if (typeof v === 'string' && r.chance(0.5)) {
    const at = r.int(v.length + 1);
    return r.chance(0.5) ? v.slice(0, at) + hostileString(r, 200) + v.slice(at) : v.slice(0, at);
  }
  return randomValue(r, keys, depth);
}

/** Mutates a string, always giving a string (for decoders whose type already says string). */
export function mutateString(r: Rng, s: string): string {
  const v = mutateValue(r, s);
  return typeof v === 'string' ? v : hostileString(r, 300);
}

/** Mutates an object, always giving an object (for decoders whose input is a decoded message). */
export function mutateObject(r: Rng, o: object, keys: readonly string[] = []): Record<string, unknown> {
  const v = mutateValue(r, o, keys);
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { ...o };
}

/** Mutates bytes: flips, truncates, inserts or deletes a few. */
export function mutateBytes(r: Rng, b: Uint8Array): Uint8Array {
  let out = b.slice();
  const ops = 1 + r.int(4);
  for (let k = 0; k < ops; k++) {
    const op = r.int(4);
    if (op === 0 && out.length > 0) out[r.int(out.length)] = r.int(256);
    else if (op === 1) out = out.slice(0, r.int(out.length + 1));
    else if (op === 2) {
      const at = r.int(out.length + 1);
      const ins = r.bytes(1 + r.int(8));
      const next = new Uint8Array(out.length + ins.length);
      next.set(out.subarray(0, at));
      next.set(ins, at);
      next.set(out.subarray(at), at + ins.length);
      out = next;
    } else if (out.length > 1) {
      const at = r.int(out.length);
      out = Uint8Array.from([...out.subarray(0, at), ...out.subarray(at + 1 + r.int(4))]);
    }
  }
  return out;
}

/** What one fuzz target found: counts, and the first failures (input and what went wrong). */
export interface FuzzReport {
  target: string;
  inputs: number;
  accepted: number;
  rejected: number;
  failures: string[];
  /** The slowest single input, in ms (for the bench; tests never assert on time). */
  slowestMs: number;
}

/** A property violation: the input broke a rule (as opposed to a clean rejection). */
export class FuzzFailure extends Error {}

/** Shows an input in a failure message, shortened. */
export function show(v: unknown): string {
  let s: string;
  try {
    s = typeof v === 'string' ? JSON.stringify(v) : v instanceof Uint8Array ? `bytes(${Buffer.from(v).toString('hex')})` : JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x));
  } catch {
    s = String(v);
  }
  return (s ?? String(v)).length > 300 ? `${(s ?? String(v)).slice(0, 300)}…` : (s ?? String(v));
}

/**
 * Runs `check` on every input. `check` returns true (accepted) or false (cleanly rejected), and throws
 * FuzzFailure (or anything else) when a property is broken; failures are collected, not thrown.
 */
export async function runFuzz<I>(target: string, inputs: Iterable<I>, check: (input: I) => boolean | Promise<boolean>): Promise<FuzzReport> {
  const report: FuzzReport = { target, inputs: 0, accepted: 0, rejected: 0, failures: [], slowestMs: 0 };
  for (const input of inputs) {
    report.inputs++;
    const t0 = performance.now();
    try {
      if (await check(input)) report.accepted++;
      else report.rejected++;
    } catch (err) {
      if (report.failures.length < 5) report.failures.push(`${show(input)}: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
    }
    report.slowestMs = Math.max(report.slowestMs, performance.now() - t0);
  }
  return report;
}

/** `count` inputs from a generator, lazily. */
export function* generate<I>(seed: number, count: number, make: (r: Rng, i: number) => I): Generator<I> {
  const r = rng(seed);
  for (let i = 0; i < count; i++) yield make(r, i);
}

/** Rough size in bytes of a decoded value (strings, bytes, arrays, objects), for "no huge allocation". */
export function roughSize(v: unknown, depth = 0): number {
  if (depth > 20) return 0;
  if (typeof v === 'string') return v.length * 2;
  if (v instanceof Uint8Array) return v.length;
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + 8 + roughSize(x, depth + 1), 0);
  if (v !== null && typeof v === 'object') return Object.entries(v).reduce((n, [k, x]) => n + k.length * 2 + 8 + roughSize(x, depth + 1), 0);
  return 8;
}
