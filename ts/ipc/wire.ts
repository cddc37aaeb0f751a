// What travels between the transport ends: Electron channel names and the WebSocket message framing,
// with parsers for each direction (everything received is `unknown` until parsed here). Isomorphic.
import type { EventName } from './contract';
import { EVENT_NAMES } from './contract';
import type { IpcErrorShape } from './errors';

/** Electron: renderer -> main calls (ipcRenderer.invoke / ipcMain.handle). */
export const CALL_CHANNEL = 'session:call';
/** Electron: main -> renderer events (webContents.send / ipcRenderer.on), payload `EventMessage`. */
export const EVENT_CHANNEL = 'session:event';

/** Path of the WebSocket endpoint on the web host. */
export const WS_PATH = '/ws';
/** Query parameter and cookie carrying the web host's access token. */
export const TOKEN_PARAM = 'token';
export const TOKEN_COOKIE = 'session_token';

/** The outcome of one call, as every transport returns it. */
export type CallResult = { ok: true; result: unknown } | { ok: false; error: IpcErrorShape };

// ---------- WebSocket framing ----------

/** client -> server: a method call. */
export interface WsRequest {
  id: number;
  method: string;
  params: unknown;
}
/** client -> server: the full set of events this client wants (replaces any earlier set). */
export interface WsSubscribe {
  subscribe: EventName[];
}
export type WsClientMessage = WsRequest | WsSubscribe;

/** server -> client: the answer to request `id` (`id` is null when the request itself was unreadable). */
export type WsResponse = { id: number | null } & CallResult;
/** server -> client: an event push. */
export interface EventMessage {
  event: EventName;
  payload: unknown;
}
export type WsServerMessage = WsResponse | EventMessage;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isEventName(v: unknown): v is EventName {
  return typeof v === 'string' && (EVENT_NAMES as readonly string[]).includes(v);
}

/** Parses a client frame (text); returns a description of the problem instead of throwing. */
export function parseWsClientMessage(text: string): { ok: true; message: WsClientMessage } | { ok: false; id: number | null; problem: string } {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { ok: false, id: null, problem: 'message is not valid JSON' };
  }
  if (!isObject(v)) return { ok: false, id: null, problem: 'message is not a JSON object' };
  if ('subscribe' in v) {
    const list = v.subscribe;
    if (!Array.isArray(list)) return { ok: false, id: null, problem: '"subscribe" must be an array of event names' };
    const unknownNames = list.filter((e) => !isEventName(e));
    if (unknownNames.length > 0) {
      // Bounded: the names come from the other end and are quoted back.
      const shown = unknownNames.slice(0, 5).map((e) => (JSON.stringify(e) ?? String(e)).slice(0, 100));
      const more = unknownNames.length - shown.length;
      return { ok: false, id: null, problem: `unknown event(s): ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}` };
    }
    return { ok: true, message: { subscribe: list as EventName[] } };
  }
  const id = typeof v.id === 'number' && Number.isSafeInteger(v.id) ? v.id : null;
  if (id === null) return { ok: false, id: null, problem: '"id" must be an integer' };
  if (typeof v.method !== 'string') return { ok: false, id, problem: '"method" must be a string' };
  return { ok: true, message: { id, method: v.method, params: v.params } };
}

/** Parses a server frame on the client; undefined when it is not one of ours. */
export function parseWsServerMessage(text: string): WsServerMessage | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(v)) return undefined;
  if ('event' in v) return isEventName(v.event) ? { event: v.event, payload: v.payload } : undefined;
  if (!(typeof v.id === 'number' || v.id === null)) return undefined;
  if (v.ok === true) return { id: v.id, ok: true, result: v.result };
  if (v.ok === false && isObject(v.error)) return { id: v.id, ok: false, error: v.error as unknown as IpcErrorShape };
  return undefined;
}

/** Parses an Electron event message. */
export function parseEventMessage(v: unknown): EventMessage | undefined {
  return isObject(v) && isEventName(v.event) ? { event: v.event, payload: v.payload } : undefined;
}

/** Parses an Electron call result. */
export function parseCallResult(v: unknown): CallResult | undefined {
  if (!isObject(v)) return undefined;
  if (v.ok === true) return { ok: true, result: v.result };
  if (v.ok === false && isObject(v.error)) return { ok: false, error: v.error as unknown as IpcErrorShape };
  return undefined;
}
