// The backend on a worker thread, as hosts see it: an object of the same shape as openBackend's
// (handlers, events, prefs, log, close), whose calls travel to backendWorker.ts and whose events come
// back from it. The host's main thread then only forwards the ts/ipc contract, so a full-text search
// or a 10,000-message catch-up never stalls its event loop (the Electron window, the web host's sockets).
// If the thread dies, every pending and later call fails with a clear `unavailable` error (never a
// hang) and `onCrash` listeners hear why; the profile lock it held is released so the host can start over.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createEventBus } from '../events';
import { LOCK_FILE } from '../lock';
import { createLineLogger, type Logger } from '../log';
import type { Prefs, PrefsStore } from '../prefs';
import type { BackendOptions, HostBackend } from '../types';
import { methodParams, type BackendHandlers, type MethodName, type NetworkName } from '../../ipc/contract';
import { IpcError, fromIpcError } from '../../ipc/errors';
import { fromErrorShape, restoreDetail, toErrorShape, type BackendWorkerData, type ErrorShape, type FromWorker, type LogLevel, type ThreadBackendOptions, type ToWorker } from './wire';

/** A backend on its worker thread. */
export interface ThreadedBackend extends HostBackend {
  /** Told once if the thread dies without being closed (an uncaught error, out of memory, a native crash). */
  onCrash(listener: (err: Error) => void): () => void;
  /** The worker thread's id (for diagnostics and tests). */
  readonly threadId: number;
}

/** Options openBackend takes that cannot cross to a thread: a backend given any of them must stay in-thread. */
export function inThreadOnlyOptions(options: BackendOptions): string[] {
  const found: string[] = [];
  if (options.now !== undefined) found.push('now');
  if (options.randomBytes !== undefined) found.push('randomBytes');
  if (options.engine?.createNetwork !== undefined) found.push('engine.createNetwork');
  return found;
}

/**
 * Where the build puts the worker beside the host bundles (build/<host>/x.js -> build/workers/backend.js),
 * unpacked from app.asar in the packaged app; from the sources (ts/..., under jest or the bench's own
 * tooling) the checkout's build/ output. Undefined when there is none: hosts then run the backend in-thread.
 */
export function bundledBackendWorkerFile(dir: string = __dirname, exists: (file: string) => boolean = fs.existsSync): string | undefined {
  const beside = path.join(dir, '..', 'workers', 'backend.js');
  const unpacked = beside.replace(`${path.sep}app.asar${path.sep}`, `${path.sep}app.asar.unpacked${path.sep}`);
  if (unpacked !== beside && exists(unpacked)) return unpacked;
  if (exists(beside)) return beside;
  // This module run from the sources (ts/backend/thread) -> <repo>/build/workers/backend.js
  const fromSources = path.resolve(__dirname, '..', '..', '..', 'build', 'workers', 'backend.js');
  return exists(fromSources) ? fromSources : undefined;
}

export class BackendThreadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BackendThreadError';
  }
}

const CRASHED = 'The app\'s engine stopped unexpectedly; please restart the app.';

/** Opens the backend on a new worker thread running `workerFile`; rejects as openBackend would. */
export async function openBackendThread(options: BackendOptions, workerFile: string): Promise<ThreadedBackend> {
  const cannot = inThreadOnlyOptions(options);
  if (cannot.length > 0) throw new BackendThreadError(`These backend options cannot cross to a worker thread: ${cannot.join(', ')}.`);
  const hostLog = options.logger ?? createLineLogger((l) => process.stderr.write(l));
  const { logger: _logger, now: _now, randomBytes: _randomBytes, engine, keychain, ...plain } = options;
  const threadOptions: ThreadBackendOptions = {
    ...plain,
    ...(keychain !== undefined ? { keychainBridge: true } : {}),
    ...(engine !== undefined ? { engine } : {}),
    // The lock must name this process's start, not the thread's (see BackendOptions.lockProcessStart).
    lockProcessStart: options.lockProcessStart ?? Math.round(performance.timeOrigin),
  };
  const data: BackendWorkerData = { options: threadOptions };
  const worker = new Worker(workerFile, { workerData: data, stdout: false, stderr: false });
  const send = (m: ToWorker): void => worker.postMessage(m);

  const bus = createEventBus(hostLog);
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  const crashListeners = new Set<(err: Error) => void>();
  let nextId = 1;
  let prefs: Prefs | undefined;
  let info: Extract<FromWorker, { t: 'ready' }> | undefined;
  let closing: Promise<void> | undefined;
  let closedResolve: (() => void) | undefined;
  let closedReject: ((e: Error) => void) | undefined;
  let closeProgress: ((pending: number, elapsedMs: number) => void) | undefined;
  /** Set once the thread is gone: every call fails with it. */
  let dead: IpcError | undefined;

  const failAll = (err: IpcError): void => {
    dead ??= err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };

  const opened = new Promise<void>((resolve, reject) => {
    const onStartError = (err: Error) => reject(new BackendThreadError(`The engine's thread could not start: ${err.message}`, { cause: err }));
    worker.once('error', onStartError);
    worker.on('message', (m: FromWorker) => {
      switch (m.t) {
        case 'ready':
          info = m;
          prefs = m.prefs;
          worker.off('error', onStartError);
          resolve();
          return;
        case 'openFailed':
          // The same error openBackend would have thrown in-thread (lock held, key unreadable, ...).
          reject(fromErrorShape(m.error));
          return;
        case 'result': {
          const p = pending.get(m.id);
          if (!p) return;
          pending.delete(m.id);
          if (m.ok) p.resolve(m.result);
          else if (m.ipcError) p.reject(fromIpcError(m.ipcError));
          else p.reject(m.error ? fromErrorShape(m.error) : new Error('the engine thread answered without a result'));
          return;
        }
        case 'event':
          bus.emit(m.event, m.payload as never);
          return;
        case 'log':
          hostLog[m.level](m.msg, restoreDetail(m.detail));
          return;
        case 'prefs':
          prefs = m.prefs;
          return;
        case 'keychain': {
          const answer = (r: { data?: Uint8Array; error?: ErrorShape }) => {
            if (!dead) send({ t: 'keychain.result', id: m.id, ...r });
          };
          if (!keychain) {
            answer({ error: { name: 'Error', message: 'this host has no keychain' } });
            return;
          }
          (m.op === 'wrap' ? keychain.wrap(m.data) : keychain.unwrap(m.data)).then(
            (data) => answer({ data }),
            (err: unknown) => answer({ error: toErrorShape(err) }),
          );
          return;
        }
        case 'close.progress':
          try {
            closeProgress?.(m.pending, m.elapsedMs);
          } catch (err) {
            // The host's display of the wait must not end the wait.
            hostLog.warn('shutdown: showing the progress failed', err);
          }
          return;
        case 'closed':
          if (m.error) closedReject?.(fromErrorShape(m.error));
          else closedResolve?.();
          return;
      }
    });
  });
  worker.on('error', (err) => {
    // An uncaught error in the thread: it is gone (Node stops a thread on its first uncaught error).
    if (info) hostLog.error('backend: the engine thread failed', err);
    failAll(new IpcError('unavailable', CRASHED, err.message));
  });
  worker.on('exit', (code) => {
    if (closing) {
      failAll(new IpcError('unavailable', 'The app is shutting down.'));
      closedReject?.(new BackendThreadError(`the engine thread exited (code ${code}) before it closed the profile`));
      return;
    }
    const err = new BackendThreadError(`The engine thread exited unexpectedly (code ${code}).`);
    failAll(new IpcError('unavailable', CRASHED, err.message));
    if (!info) return;
    hostLog.error(`backend: the engine thread exited unexpectedly (code ${code})`);
    // Its lock names this process, which still lives: release it, or no engine could open the profile again.
    releaseOwnLock(info.profileDir, threadOptions.lockProcessStart as number, hostLog);
    for (const l of crashListeners) {
      try {
        l(err);
      } catch (e) {
        hostLog.error('backend: a crash listener failed', e);
      }
    }
  });

  try {
    await opened;
  } catch (err) {
    await worker.terminate();
    throw err;
  }
  const ready = info as NonNullable<typeof info>;

  const call = (method: MethodName, params: unknown): Promise<unknown> => {
    if (dead) return Promise.reject(dead);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      try {
        send({ t: 'call', id, method, params });
      } catch (err) {
        // Params that cannot be cloned (a function smuggled in): the caller's bug, reported to the caller.
        pending.delete(id);
        reject(err);
      }
    });
  };
  const handlers = Object.fromEntries(
    (Object.keys(methodParams) as MethodName[]).map((method) => [method, (params: unknown) => call(method, params)]),
  ) as unknown as BackendHandlers;

  const forward = (level: LogLevel) => (msg: string, detail?: unknown) => {
    if (dead) {
      hostLog[level](msg, detail);
      return;
    }
    // Through the thread's logger, so the line also reaches the profile's debug log; it comes back here.
    send({ t: 'log', level, msg, ...(detail !== undefined ? { detail: detail instanceof Error ? { __error: { name: detail.name, message: detail.message, stack: detail.stack } } : safeClone(detail) } : {}) });
  };
  const log: Logger = { debug: forward('debug'), info: forward('info'), warn: forward('warn'), error: forward('error') };

  const prefsStore: PrefsStore = {
    get: () => prefs as Prefs,
    update: (patch) => {
      // The host's copy changes at once (it reads it synchronously); the thread writes prefs.json.
      prefs = { ...(prefs as Prefs), ...patch };
      if (!dead) send({ t: 'prefs.update', patch });
      return prefs;
    },
  };

  return {
    handlers,
    on: (event, listener) => bus.on(event, listener),
    network: ready.network as NetworkName,
    ...(ready.seedUrl !== undefined ? { seedUrl: ready.seedUrl } : {}),
    profile: ready.profile,
    profileDir: ready.profileDir,
    prefs: prefsStore,
    log,
    threadId: worker.threadId,
    onCrash(listener) {
      crashListeners.add(listener);
      return () => crashListeners.delete(listener);
    },
    close(closeOptions = {}) {
      return (closing ??= (async () => {
        bus.clear();
        if (dead) {
          await worker.terminate();
          return;
        }
        try {
          // Wait for queued follow-ups if asked, flush and close in the thread (engine stopped, database
          // closed, lock released), then end it.
          await new Promise<void>((resolve, reject) => {
            closedResolve = resolve;
            closedReject = reject;
            closeProgress = closeOptions.onProgress;
            send({
              t: 'close',
              ...(closeOptions.drainMs !== undefined ? { drainMs: closeOptions.drainMs } : {}),
              ...(closeOptions.onProgress ? { progress: true } : {}),
            });
          });
        } finally {
          failAll(new IpcError('unavailable', 'The app is shutting down.'));
          await worker.terminate();
        }
      })());
    },
  };
}

function safeClone(detail: unknown): unknown {
  try {
    return structuredClone(detail);
  } catch {
    return String(detail);
  }
}

/** Removes the profile lock if it still names this process and the given start time (a dead thread's lock). */
function releaseOwnLock(profileDir: string, processStart: number, log: Logger): void {
  const file = path.join(profileDir, LOCK_FILE);
  try {
    const holder: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (holder && typeof holder === 'object' && (holder as { pid?: unknown }).pid === process.pid && (holder as { processStart?: unknown }).processStart === processStart) {
      fs.rmSync(file, { force: true });
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') log.warn('backend: could not release the lock of the stopped engine thread', err);
  }
}
