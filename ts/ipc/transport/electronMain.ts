// Electron main end: answers renderer calls on `ipcMain.handle(CALL_CHANNEL)` through the dispatcher
// and forwards backend events to the app's windows with `webContents.send(EVENT_CHANNEL)`. Takes
// ipcMain and the window lookup as parameters so it is testable with fakes.
import type { IpcMainInvokeEvent } from 'electron';
import { EVENT_NAMES } from '../contract';
import type { EventName, EventPayloads } from '../contract';
import type { Dispatcher } from '../dispatch';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../wire';
import type { CallResult, EventMessage } from '../wire';

/** The part of Electron's ipcMain used here. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** The part of Electron's WebContents used here. */
export interface WebContentsLike {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

export type Subscribe = <E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) => () => void;

export interface ElectronMainOptions {
  ipcMain: IpcMainLike;
  dispatcher: Dispatcher;
  /** Subscribes to backend events (e.g. `backend.on`). */
  subscribe: Subscribe;
  /** The renderers that receive events and may call, e.g. `() => [mainWindow.webContents]`. */
  getTargets: () => Iterable<WebContentsLike>;
  /**
   * Whether a call comes from a trusted renderer. Default: its sender is one of `getTargets()`
   * (so a stray webContents, e.g. a navigated-away frame or devtools extension, cannot call).
   */
  isTrustedSender?: (event: IpcMainInvokeEvent) => boolean;
  onError?: (msg: string, err: unknown) => void;
}

const UNTRUSTED: CallResult = { ok: false, error: { code: 'unavailable', message: 'Calls are accepted only from the app window.' } };

/** Wires the dispatcher and events to Electron IPC; returns the function that unwires everything. */
export function attachElectronMain(opts: ElectronMainOptions): () => void {
  const trusted =
    opts.isTrustedSender ??
    ((event: IpcMainInvokeEvent) => {
      for (const t of opts.getTargets()) if ((t as unknown) === event.sender) return true;
      return false;
    });

  opts.ipcMain.handle(CALL_CHANNEL, (event, method, params) => {
    if (!trusted(event)) return UNTRUSTED;
    return opts.dispatcher(method, params);
  });

  const broadcast = (message: EventMessage) => {
    for (const target of opts.getTargets()) {
      if (target.isDestroyed()) continue;
      try {
        target.send(EVENT_CHANNEL, message);
      } catch (err) {
        opts.onError?.(`ipc: sending ${message.event} to a window failed`, err);
      }
    }
  };
  const unsubscribers = EVENT_NAMES.map((event) => opts.subscribe(event, (payload) => broadcast({ event, payload })));

  let detached = false;
  return () => {
    if (detached) return;
    detached = true;
    opts.ipcMain.removeHandler(CALL_CHANNEL);
    for (const off of unsubscribers) off();
  };
}
