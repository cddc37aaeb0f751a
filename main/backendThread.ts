// Where the Electron main process runs the backend: on a worker thread (build/workers/backend.js, unpacked
// from app.asar when packaged), so the database and the engine never stall the main process's event loop —
// the window, menus, tray and IPC stay responsive during a search over years of history or a catch-up.
// The worker loads the Electron-ABI SQLite module from the same `nativeBinding` path the options carry.
// Without the worker file (a build that lacks it) the backend runs in-thread, with a warning.
import type { Logger } from '../ts/backend/log';
import type { ThreadedBackend } from '../ts/backend/thread/threadedBackend';
import type { BackendOptions, HostBackend } from '../ts/backend/types';

export interface BackendOpenerDeps {
  /** The bundled worker script, or undefined when the build has none. */
  workerFile: string | undefined;
  openThread: (options: BackendOptions, workerFile: string) => Promise<ThreadedBackend>;
  openInThread: (options: BackendOptions) => Promise<HostBackend>;
  log: Logger;
  /** The engine's thread died after opening: the host tells the user and ends (calls already fail with `unavailable`). */
  onCrash: (err: Error) => void;
}

export function backendOpener(deps: BackendOpenerDeps): (options: BackendOptions) => Promise<HostBackend> {
  return async (options) => {
    if (deps.workerFile === undefined) {
      deps.log.warn('backend: the worker bundle is missing; running the engine on the main thread');
      return deps.openInThread(options);
    }
    const backend = await deps.openThread(options, deps.workerFile);
    backend.onCrash(deps.onCrash);
    return backend;
  };
}
