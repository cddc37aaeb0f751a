// The backend's worker thread (bundled to build/workers/backend.js): opens the backend for the
// options it is started with and serves the ts/ipc contract to the host's main thread — calls in,
// results, events and log lines out (wire.ts) — so the database and the engine never block the
// host's event loop. The decrypt pool's own workers are started from here (nested threads).
import { parentPort, workerData } from 'node:worker_threads';
import { openBackend } from '../index';
import type { Backend } from '../types';
import type { Keychain } from '../keys/keyVault';
import type { Logger } from '../log';
import { EVENT_NAMES, type MethodName } from '../../ipc/contract';
import { IpcError } from '../../ipc/errors';
import { cloneableDetail, eventParts, fromErrorShape, toErrorShape, type BackendWorkerData, type FromWorker, type LogLevel, type ToWorker } from './wire';

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('the backend worker must run in a worker thread');
  const data = workerData as BackendWorkerData;
  const post = (m: FromWorker): void => port.postMessage(m);
  // Lines go to the host's logger; the profile's debug log (inside openBackend) stays on this thread.
  const line = (level: LogLevel) => (msg: string, detail?: unknown) => post({ t: 'log', level, msg, ...(detail !== undefined ? { detail: cloneableDetail(detail) } : {}) });
  const hostLogger: Logger = { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };

  // The host's keychain, asked over the port (its answers may come while the backend is still opening).
  let keychain: Keychain | undefined;
  if (data.options.keychainBridge) {
    let nextId = 1;
    const waiting = new Map<number, { resolve: (b: Uint8Array) => void; reject: (e: Error) => void }>();
    port.on('message', (m: ToWorker) => {
      if (m.t !== 'keychain.result') return;
      const w = waiting.get(m.id);
      if (!w) return;
      waiting.delete(m.id);
      if (m.data instanceof Uint8Array) w.resolve(m.data);
      else w.reject(fromErrorShape(m.error ?? { name: 'Error', message: 'the keychain gave no answer' }));
    });
    const ask = (op: 'wrap' | 'unwrap', bytes: Uint8Array) =>
      new Promise<Uint8Array>((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        post({ t: 'keychain', id, op, data: bytes });
      });
    keychain = { wrap: (k) => ask('wrap', k), unwrap: (w) => ask('unwrap', w) };
  }
  const { keychainBridge: _bridge, ...options } = data.options;
  let backend: Backend;
  try {
    backend = await openBackend({ ...options, ...(keychain ? { keychain } : {}), logger: hostLogger });
  } catch (err) {
    post({ t: 'openFailed', error: toErrorShape(err) });
    return;
  }
  for (const event of EVENT_NAMES) {
    backend.on(event, (payload) => {
      // A catch-up batch's list goes in parts, so the host's main thread never rebuilds thousands at once.
      for (const part of eventParts(event, payload)) post({ t: 'event', event, payload: part });
      // Theme, accent, zoom and menu bar live in prefs.json too: the host's copy follows them.
      if (event === 'settings.changed') post({ t: 'prefs', prefs: backend.prefs.get() });
    });
  }
  let closing = false;
  port.on('message', (m: ToWorker) => {
    switch (m.t) {
      case 'call': {
        if (closing) {
          post({ t: 'result', id: m.id, ok: false, ipcError: new IpcError('unavailable', 'The app is shutting down.').toJSON() });
          return;
        }
        const handler = (backend.handlers as unknown as Record<MethodName, (p: unknown) => unknown>)[m.method];
        // Params were validated by the host's dispatcher; the handler runs exactly as it would in-thread.
        Promise.resolve()
          .then(() => handler(m.params))
          .then(
            (result) => post({ t: 'result', id: m.id, ok: true, result }),
            (err: unknown) =>
              post(err instanceof IpcError ? { t: 'result', id: m.id, ok: false, ipcError: err.toJSON() } : { t: 'result', id: m.id, ok: false, error: toErrorShape(err) }),
          )
          .catch((err: unknown) => {
            // The result itself could not be cloned: a bug, reported as an internal error of this call.
            post({ t: 'result', id: m.id, ok: false, error: toErrorShape(err) });
          });
        return;
      }
      case 'log':
        backend.log[m.level](m.msg, m.detail);
        return;
      case 'prefs.update':
        backend.prefs.update(m.patch);
        post({ t: 'prefs', prefs: backend.prefs.get() });
        return;
      case 'keychain.result':
        return; // answered by the keychain bridge's own listener
      case 'close':
        if (closing) return;
        closing = true;
        backend
          .close({
            ...(m.drainMs !== undefined ? { drainMs: m.drainMs } : {}),
            ...(m.progress ? { onProgress: (pending: number, elapsedMs: number) => post({ t: 'close.progress', pending, elapsedMs }) } : {}),
          })
          .then(
            () => post({ t: 'closed' }),
            (err: unknown) => post({ t: 'closed', error: toErrorShape(err) }),
          );
        return;
    }
  });
  post({ t: 'ready', network: backend.network, ...(backend.seedUrl !== undefined ? { seedUrl: backend.seedUrl } : {}), profile: backend.profile, profileDir: backend.profileDir, prefs: backend.prefs.get() });
}

main().catch((err: unknown) => {
  parentPort?.postMessage({ t: 'openFailed', error: toErrorShape(err) } satisfies FromWorker);
});
