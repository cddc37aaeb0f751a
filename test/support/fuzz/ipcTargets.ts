// Fuzz targets for the IPC boundary: every method of the contract gets random and mutated params built
// from its own schema (near-valid values, boundary lengths, hostile strings, wrong types, extra keys), and
// unknown method names. The validator either accepts or throws an IpcError (invalid_params /
// unknown_method) with a short readable message; a dispatcher over a real backend answers every call with
// a CallResult (never throws, never an unexplained "internal" error for a call that passed validation)
// and still answers afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import { openBackend, silentLogger, type Backend } from '../../../ts/backend';
import { methodParams, type MethodName } from '../../../ts/ipc/contract';
import type { Dispatcher } from '../../../ts/ipc/dispatch';
import { IpcError } from '../../../ts/ipc/errors';
import { validateCall } from '../../../ts/ipc/validate';
import { FakeSwarms } from '../../unit/backend/engine/fakeNetwork';
import { FuzzFailure, HOSTILE_PIECES, generate, hostileString, mutateValue, randomValue, runFuzz, show, type FuzzReport, type Rng } from './core';

/** Longest message a validation error may carry: it is shown to a person and logged. */
export const MAX_ERROR_MESSAGE = 2_000;

export const METHODS = Object.keys(methodParams) as MethodName[];

interface ZodDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  entries?: Record<string, string | number>;
  values?: unknown[];
  options?: z.ZodType[];
  in?: z.ZodType;
  checks?: { _zod: { def: { check: string; minimum?: number; maximum?: number; value?: number; format?: string; pattern?: RegExp } } }[];
}

function defOf(schema: z.ZodType): ZodDef {
  return (schema as unknown as { _zod: { def: ZodDef } })._zod.def;
}

function bounds(def: ZodDef): { min?: number; max?: number; int: boolean; pattern?: RegExp } {
  const out: { min?: number; max?: number; int: boolean; pattern?: RegExp } = { int: false };
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (d.check === 'min_length' || (d.check === 'greater_than' && d.value !== undefined)) out.min = d.minimum ?? d.value;
    if (d.check === 'max_length' || (d.check === 'less_than' && d.value !== undefined)) out.max = d.maximum ?? d.value;
    if (d.check === 'number_format') out.int = true;
    if (d.check === 'string_format' && d.pattern) out.pattern = d.pattern;
  }
  return out;
}

/** A value for `schema`: usually of the right type and near its bounds, sometimes anything at all. */
export function valueFor(r: Rng, schema: z.ZodType, depth = 0): unknown {
  if (r.chance(0.04)) return randomValue(r);
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(def.shape ?? {})) {
        const optional = defOf(field).type === 'optional';
        if (optional && r.chance(0.5)) continue;
        if (!optional && r.chance(0.03)) continue;
        o[key] = valueFor(r, field, depth + 1);
      }
      if (r.chance(0.03)) Object.defineProperty(o, r.pick(['__proto__', 'constructor', 'extra', hostileString(r, 30)]), { value: randomValue(r), enumerable: true, configurable: true, writable: true });
      return o;
    }
    case 'string': {
      const b = bounds(def);
      const k = r.int(8);
      if (k === 0 && b.max !== undefined) return 'x'.repeat(b.max + r.int(2));
      if (k === 1) return '';
      // A fixed-length field (a Session ID) gets a well-formed value often enough for lists of them to pass.
      if (b.min !== undefined && b.min === b.max && r.chance(0.6)) return `05${'ab'.repeat(b.max)}`.slice(0, b.max);
      if (k === 2) return r.pick(['   ', 'ab'.repeat(32), `05${'ab'.repeat(32)}`, 'a'.repeat(32), 'theme', 'ocean-dark']);
      if (k === 3 && b.pattern) return r.pick(['cli', 'bot_1', 'a.b-c', 'x'.repeat(65), 'spaces here']);
      const s = hostileString(r, 300);
      return b.max !== undefined ? s.slice(0, b.max) : s;
    }
    case 'number': {
      const b = bounds(def);
      const k = r.int(6);
      if (k === 0) return r.pick([NaN, Infinity, -1, 0.5, 2 ** 53, -0, 1e300]);
      if (k === 1 && b.max !== undefined) return b.max + r.int(2);
      if (k === 2 && b.min !== undefined) return b.min - r.int(2);
      return r.int(k === 3 ? 100_000 : 100);
    }
    case 'boolean':
      return r.chance(0.95) ? r.chance(0.5) : r.pick([0, 1, 'true', null]);
    case 'enum': {
      const values = Object.values(def.entries ?? {});
      return r.chance(0.9) ? r.pick(values) : r.pick([...HOSTILE_PIECES.slice(0, 10), 'ALL', values[0] + ' ']);
    }
    case 'literal':
      return r.chance(0.9) ? r.pick(def.values ?? [null]) : randomValue(r);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      if (def.type === 'nullable' && r.chance(0.3)) return null;
      return valueFor(r, def.innerType as z.ZodType, depth);
    case 'pipe':
      return valueFor(r, def.in as z.ZodType, depth);
    case 'union':
      return valueFor(r, r.pick(def.options ?? []), depth);
    case 'array': {
      const b = bounds(def);
      const n = r.chance(0.1) && b.max !== undefined ? b.max + 1 : r.int(Math.min(b.max ?? 5, 5) + 1);
      return Array.from({ length: n }, () => valueFor(r, def.element as z.ZodType, depth + 1));
    }
    default:
      return randomValue(r);
  }
}

/** One call: a method and its params (built from the schema, mutated, or random), or a hostile name. */
export interface Call {
  method: unknown;
  params: unknown;
}

export function randomCall(r: Rng, methods: readonly MethodName[] = METHODS): Call {
  const k = r.int(20);
  if (k === 0) return { method: r.chance(0.5) ? hostileString(r, 200) : randomValue(r), params: randomValue(r) };
  const method = r.pick(methods);
  const schema = methodParams[method] as z.ZodType;
  if (k === 1) return { method, params: randomValue(r) };
  if (k === 2) return { method, params: undefined };
  const params = valueFor(r, schema);
  return { method, params: r.chance(0.2) ? mutateValue(r, params) : params };
}

/** Checks a rejection: an IpcError of the validator's two codes with a short readable message. */
function checkRejection(err: unknown): void {
  if (!(err instanceof IpcError)) throw new FuzzFailure(`not an IpcError: ${err instanceof Error ? `${err.name}: ${err.message}` : show(err)}`);
  if (err.code !== 'invalid_params' && err.code !== 'unknown_method') throw new FuzzFailure(`unexpected code ${err.code}`);
  if (err.message === '' || err.message.length > MAX_ERROR_MESSAGE) throw new FuzzFailure(`message of ${err.message.length} chars`);
}

/** validateCall over every method: accepted params parse again to themselves; rejections are clean. */
export function validatorTarget(seed: number, count: number): Promise<FuzzReport> {
  return runFuzz('IPC validation', generate(seed, count, (r) => randomCall(r)), (call) => {
    let parsed: unknown;
    try {
      parsed = validateCall(call.method, call.params);
    } catch (err) {
      checkRejection(err);
      return false;
    }
    // What passed is what the handler gets: it must pass again unchanged (trimmed strings stay trimmed).
    const again = validateCall(call.method, parsed);
    if (JSON.stringify(again) !== JSON.stringify(parsed)) throw new FuzzFailure(`parsed params change when parsed again: ${show(parsed)} -> ${show(again)}`);
    return true;
  });
}

/**
 * Calls through a dispatcher (over a real backend): every answer is a CallResult; rejected calls never
 * reach a handler, and no accepted call ends in an "internal" error (a handler must turn bad input into a
 * clear error of its own). `methods`: the methods safe to call on this backend.
 */
export function dispatcherTarget(dispatch: Dispatcher, methods: readonly MethodName[], seed: number, count: number, internal: () => unknown[]): Promise<FuzzReport> {
  return runFuzz('IPC dispatcher', generate(seed, count, (r) => randomCall(r, methods)), async (call) => {
    let validated = true;
    try {
      validateCall(call.method, call.params);
    } catch {
      validated = false;
    }
    const before = internal().length;
    const answer = await dispatch(call.method, call.params);
    if (answer === null || typeof answer !== 'object' || typeof answer.ok !== 'boolean') throw new FuzzFailure(`not a CallResult: ${show(answer)}`);
    if (answer.ok) {
      if (!validated) throw new FuzzFailure('an invalid call was answered ok');
      return true;
    }
    const e = answer.error;
    if (typeof e.message !== 'string' || e.message === '' || e.message.length > MAX_ERROR_MESSAGE) throw new FuzzFailure(`bad error message ${show(e)}`);
    if (!validated && e.code !== 'invalid_params' && e.code !== 'unknown_method') throw new FuzzFailure(`invalid call answered ${e.code}`);
    if (e.code === 'internal') {
      const logged = internal().slice(before);
      throw new FuzzFailure(`internal error for ${String(call.method)}: ${logged.map((x) => (x instanceof Error ? x.message : show(x))).join('; ')}`);
    }
    return false;
  });
}

/**
 * A real backend (real SQLite in a temporary folder, the engine tests' in-memory network) with an account,
 * for `dispatcherTarget` outside jest (the bench); closed and removed after `fn`.
 */
export async function withFuzzBackend<T>(fn: (b: Backend) => Promise<T>): Promise<T> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-backend-'));
  const swarms = new FakeSwarms();
  const backend = await openBackend({
    dataDir: root,
    host: 'web',
    appVersion: '0.0.0',
    logger: silentLogger,
    geoipDatabase: null,
    engine: { pollIntervalMs: 60_000, sendRetry: { attempts: 1, minDelayMs: 10, maxDelayMs: 20 }, createNetwork: () => swarms.network() },
    // The app password's argon2id takes about a second by design (256 MiB): the smallest cost, as the password
    // tests use, keeps the slowest-input figure a hang detector for the handlers rather than a KDF timing.
    kdfLimits: { opsLimit: 1, memLimit: 64 * 1024 },
  });
  try {
    await backend.handlers['account.create']({ displayName: 'Fuzz' });
    return await fn(backend);
  } finally {
    await backend.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
}
