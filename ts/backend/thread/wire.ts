// The messages between a host's main thread and the backend running on a worker thread
// (backendWorker.ts). Everything here crosses by structured clone: the ts/ipc contract's params,
// results and events are plain data (bytes travel as Uint8Array), errors as their wire shapes.
import type { EventName, MethodName } from '../../ipc/contract';
import type { IpcErrorShape } from '../../ipc/errors';
import type { BackendOptions } from '../types';
import type { Prefs } from '../prefs';

/** BackendOptions that can cross to a thread: no functions (the logger is forwarded line by line). */
export type ThreadBackendOptions = Omit<BackendOptions, 'logger' | 'now' | 'randomBytes' | 'engine' | 'keychain'> & {
  engine?: Omit<NonNullable<BackendOptions['engine']>, 'createNetwork'>;
  /** The host has a keychain (BackendOptions.keychain): the thread asks the host to wrap and unwrap with it. */
  keychainBridge?: boolean;
};

export interface BackendWorkerData {
  options: ThreadBackendOptions;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** An Error as it crosses: rebuilt on the other side with the same name, message and stack. */
export interface ErrorShape {
  name: string;
  message: string;
  stack?: string;
}

export type ToWorker =
  | { t: 'call'; id: number; method: MethodName; params: unknown }
  | { t: 'log'; level: LogLevel; msg: string; detail?: unknown }
  | { t: 'prefs.update'; patch: Partial<Prefs> }
  | { t: 'keychain.result'; id: number; data?: Uint8Array; error?: ErrorShape }
  /** `progress`: the host listens to the wait for queued follow-ups (answered with `close.progress`). */
  | { t: 'close'; drainMs?: number; progress?: boolean };

export type FromWorker =
  | { t: 'ready'; network: string; seedUrl?: string; profile: string; profileDir: string; prefs: Prefs }
  | { t: 'openFailed'; error: ErrorShape }
  | { t: 'result'; id: number; ok: true; result: unknown }
  | { t: 'result'; id: number; ok: false; ipcError?: IpcErrorShape; error?: ErrorShape }
  | { t: 'event'; event: EventName; payload: unknown }
  | { t: 'log'; level: LogLevel; msg: string; detail?: unknown }
  | { t: 'prefs'; prefs: Prefs }
  /** The key vault asks the host's keychain (which lives on the host's thread, e.g. Electron's safeStorage). */
  | { t: 'keychain'; id: number; op: 'wrap' | 'unwrap'; data: Uint8Array }
  /** During close's wait for queued follow-ups: how many are still pending and how long it has lasted. */
  | { t: 'close.progress'; pending: number; elapsedMs: number }
  | { t: 'closed'; error?: ErrorShape };

export function toErrorShape(err: unknown): ErrorShape {
  if (err instanceof Error) return { name: err.name, message: err.message, ...(err.stack !== undefined ? { stack: err.stack } : {}) };
  return { name: 'Error', message: String(err) };
}

export function fromErrorShape(shape: ErrorShape): Error {
  const err = new Error(shape.message);
  err.name = shape.name;
  if (shape.stack !== undefined) err.stack = shape.stack;
  return err;
}

/**
 * A log detail made fit to cross: Errors by shape, bytes by length (as the line logger prints them),
 * anything else that cannot be cloned (functions, class instances with handles) as its string.
 */
export function cloneableDetail(detail: unknown): unknown {
  if (detail === undefined) return undefined;
  if (detail instanceof Error) return { __error: toErrorShape(detail) };
  if (ArrayBuffer.isView(detail)) return `[${detail.byteLength} bytes]`;
  try {
    return structuredClone(detail);
  } catch {
    return String(detail);
  }
}

/** The inverse of cloneableDetail for Errors. */
export function restoreDetail(detail: unknown): unknown {
  if (detail && typeof detail === 'object' && '__error' in detail) return fromErrorShape((detail as { __error: ErrorShape }).__error);
  return detail;
}

/** Events whose list can hold a whole catch-up batch, and the list's field. */
const LIST_EVENTS: Partial<Record<EventName, string>> = { 'messages.added': 'messages', 'messages.updated': 'messages', 'conversations.updated': 'conversations' };
/**
 * Items per posted part. The host rebuilds each posted message in one go on its main thread: a batch of
 * thousands (one retrieve of a catch-up) would hold it for tens of ms; between parts its event loop turns.
 */
export const EVENT_PART = 500;

/** An event's payload as posted: as is, or a large list in parts of EVENT_PART items (in order, each a complete payload). */
export function eventParts(event: EventName, payload: unknown): unknown[] {
  const field = LIST_EVENTS[event];
  const list = field !== undefined ? (payload as Record<string, unknown>)[field] : undefined;
  if (field === undefined || !Array.isArray(list) || list.length <= EVENT_PART) return [payload];
  const parts: unknown[] = [];
  for (let i = 0; i < list.length; i += EVENT_PART) parts.push({ ...(payload as Record<string, unknown>), [field]: list.slice(i, i + EVENT_PART) });
  return parts;
}
