// WebSocket client end (browser): a SessionApi over the browser's WebSocket. Reconnects with backoff;
// after a reconnect it resubscribes its events and tells `onReconnect` listeners so the UI refetches.
// Calls pending when the connection drops fail with an `unavailable` IpcError.
import type { EventName, EventPayloads, MethodName, MethodParams, MethodResult, SessionApi, Unsubscribe } from '../contract';
import { IpcError, fromIpcError } from '../errors';
import { parseWsServerMessage } from '../wire';
import type { WsClientMessage } from '../wire';

/** The part of the WebSocket interface this client uses (the browser's, or `ws` in tests). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export type WsClientState = 'connecting' | 'open' | 'waiting' | 'closed';

export interface WsClientOptions {
  /** ws:// URL of the server end (with `?token=` unless a cookie carries it). */
  url: string;
  /** Default: the global WebSocket. */
  createSocket?: (url: string) => WebSocketLike;
  /** Reconnect backoff: initialDelayMs * factor^n, capped at maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  factor?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  onStateChange?: (state: WsClientState) => void;
}

export interface WsSessionApi extends SessionApi {
  readonly state: WsClientState;
  /** Stops for good: closes the socket, fails pending calls, no more reconnects. */
  close(): void;
}

interface Pending {
  resolve(v: unknown): void;
  reject(e: unknown): void;
  /** The request frame, kept until the socket is open. */
  frame?: string;
}

const OPEN = 1;

const LOST = 'The connection to the Session engine was lost. It reconnects automatically; please try again in a moment.';
const CLOSED = 'The connection to the Session engine is closed.';

export function createWsSessionApi(opts: WsClientOptions): WsSessionApi {
  const createSocket =
    opts.createSocket ?? ((url: string) => new (globalThis as unknown as { WebSocket: new (url: string) => WebSocketLike }).WebSocket(url));
  const initialDelay = opts.initialDelayMs ?? 250;
  const maxDelay = opts.maxDelayMs ?? 5000;
  const factor = opts.factor ?? 2;
  const setTimer = opts.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = opts.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));

  let state: WsClientState = 'connecting';
  let socket: WebSocketLike | undefined;
  let timer: unknown;
  let attempt = 0;
  let everOpened = false;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const reconnectListeners = new Set<() => void>();

  const setState = (s: WsClientState) => {
    if (state === s) return;
    state = s;
    opts.onStateChange?.(s);
  };

  const sendFrame = (m: WsClientMessage) => socket?.send(JSON.stringify(m));
  const sendSubscriptions = () => {
    if (socket?.readyState === OPEN) sendFrame({ subscribe: [...listeners.keys()] });
  };

  const failAll = (message: string) => {
    const err = new IpcError('unavailable', message);
    const all = [...pending.values()];
    pending.clear();
    for (const p of all) p.reject(err);
  };

  const safely = (fn: () => void) => {
    try {
      fn();
    } catch (err) {
      console.error('session api: a listener threw', err);
    }
  };

  const connect = () => {
    setState('connecting');
    const ws = createSocket(opts.url);
    socket = ws;
    ws.onopen = () => {
      if (socket !== ws) return;
      attempt = 0;
      const isReconnect = everOpened;
      everOpened = true;
      setState('open');
      if (listeners.size > 0) sendSubscriptions();
      for (const p of pending.values()) {
        if (p.frame !== undefined) {
          ws.send(p.frame);
          delete p.frame;
        }
      }
      if (isReconnect) for (const l of [...reconnectListeners]) safely(l);
    };
    ws.onmessage = (ev) => {
      if (socket !== ws || typeof ev.data !== 'string') return;
      const m = parseWsServerMessage(ev.data);
      if (!m) return;
      if ('event' in m) {
        for (const l of [...(listeners.get(m.event) ?? [])]) safely(() => l(m.payload));
        return;
      }
      if (m.id === null) {
        if (!m.ok) console.error('session api: the server could not read a message', m.error);
        return;
      }
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.ok) p.resolve(m.result);
      else p.reject(fromIpcError(m.error));
    };
    ws.onerror = () => {
      // A close event always follows; reconnecting is handled there.
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = undefined;
      failAll(state === 'closed' ? CLOSED : LOST);
      if (state === 'closed') return;
      setState('waiting');
      const delay = Math.min(maxDelay, initialDelay * factor ** attempt);
      attempt++;
      timer = setTimer(() => {
        timer = undefined;
        if (state === 'waiting') connect();
      }, delay);
    };
  };

  connect();

  return {
    get state() {
      return state;
    },
    call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>> {
      if (state === 'closed') return Promise.reject(new IpcError('unavailable', CLOSED));
      if (state === 'waiting') return Promise.reject(new IpcError('unavailable', LOST));
      const id = nextId++;
      const frame = JSON.stringify({ id, method, params } satisfies WsClientMessage);
      return new Promise<MethodResult<M>>((resolve, reject) => {
        const p: Pending = { resolve: resolve as (v: unknown) => void, reject };
        pending.set(id, p);
        if (state === 'open' && socket?.readyState === OPEN) socket.send(frame);
        else p.frame = frame; // sent on open
      });
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): Unsubscribe {
      let set = listeners.get(event);
      const isNew = !set;
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as (payload: unknown) => void;
      set.add(l);
      if (isNew) sendSubscriptions();
      return () => {
        if (!set.delete(l) || set.size > 0) return;
        listeners.delete(event);
        sendSubscriptions();
      };
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => {
        reconnectListeners.delete(listener);
      };
    },
    close() {
      if (state === 'closed') return;
      setState('closed');
      if (timer !== undefined) clearTimer(timer);
      timer = undefined;
      const ws = socket;
      socket = undefined;
      failAll(CLOSED);
      ws?.close(1000, 'closed by client');
    },
  };
}
