// Electron preload end: a SessionApi over ipcRenderer, for the preload to expose with contextBridge.
// contextBridge keeps only the message of an Error, so calls reject with plain IpcErrorShape objects
// ({ name: 'IpcError', code, message, detail? }), which cross the bridge whole.
import type { IpcRendererEvent } from 'electron';
import type { EventName, EventPayloads, MethodName, MethodParams, MethodResult, SessionApi, Unsubscribe } from '../contract';
import type { IpcErrorShape } from '../errors';
import { CALL_CHANNEL, EVENT_CHANNEL, parseCallResult, parseEventMessage } from '../wire';

/** The part of Electron's ipcRenderer used here. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
}

/** What a call rejects with: the wire shape plus a name, so `err.code` and `err.message` survive contextBridge. */
export type BridgedIpcError = IpcErrorShape & { name: 'IpcError' };

function bridged(shape: IpcErrorShape): BridgedIpcError {
  return shape.detail === undefined
    ? { name: 'IpcError', code: shape.code, message: shape.message }
    : { name: 'IpcError', code: shape.code, message: shape.message, detail: shape.detail };
}

export function createElectronSessionApi(ipcRenderer: IpcRendererLike): SessionApi {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let attached = false;

  const onEvent = (_event: IpcRendererEvent, message: unknown) => {
    const m = parseEventMessage(message);
    if (!m) return;
    for (const l of [...(listeners.get(m.event) ?? [])]) {
      try {
        l(m.payload);
      } catch (err) {
        console.error(`session api: a listener of ${m.event} threw`, err);
      }
    }
  };
  // One ipcRenderer listener for all events, attached only while someone listens.
  const sync = () => {
    if (listeners.size > 0 && !attached) {
      ipcRenderer.on(EVENT_CHANNEL, onEvent as (event: IpcRendererEvent, ...args: unknown[]) => void);
      attached = true;
    } else if (listeners.size === 0 && attached) {
      ipcRenderer.removeListener(EVENT_CHANNEL, onEvent as (event: IpcRendererEvent, ...args: unknown[]) => void);
      attached = false;
    }
  };

  return {
    async call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>> {
      let raw: unknown;
      try {
        raw = await ipcRenderer.invoke(CALL_CHANNEL, method, params);
      } catch {
        // No handler registered (the engine is not attached yet) or the main process is going away.
        throw bridged({ code: 'unavailable', message: 'The Session engine is not available. Please try again in a moment.' });
      }
      const r = parseCallResult(raw);
      if (!r) throw bridged({ code: 'internal', message: 'Something went wrong. Please try again.', detail: 'malformed answer from the main process' });
      if (!r.ok) throw bridged(r.error);
      return r.result as MethodResult<M>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): Unsubscribe {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as (payload: unknown) => void;
      set.add(l);
      sync();
      return () => {
        if (!set.delete(l)) return;
        if (set.size === 0) listeners.delete(event);
        sync();
      };
    },
    // Electron IPC does not drop while the app runs: nothing ever reconnects.
    onReconnect: () => () => {},
  };
}
