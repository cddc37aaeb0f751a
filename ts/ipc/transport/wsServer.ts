// WebSocket server end (Node): serves the API over `ws` on an existing http server. Every upgrade must
// carry the access token (query or cookie) and an allowed Origin, or it is refused with 401/403 before
// any message. Frames are JSON: see ../wire.ts.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';
import type { EventName, EventPayloads } from '../contract';
import type { Dispatcher } from '../dispatch';
import { TOKEN_COOKIE, TOKEN_PARAM, WS_PATH, parseWsClientMessage } from '../wire';
import type { WsServerMessage } from '../wire';

/** The raw socket of an upgrade request (a stream.Duplex), named through ws to stay within the allowed imports. */
type Duplex = Parameters<WebSocketServer['handleUpgrade']>[1];

export type Subscribe = <E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) => () => void;

export interface WsServerOptions {
  server: Server;
  dispatcher: Dispatcher;
  /** Subscribes to backend events (e.g. `backend.on`). */
  subscribe: Subscribe;
  /** The access token every connection must present. */
  token: string;
  /** Origins allowed to connect (exact match, e.g. `http://127.0.0.1:PORT`), or a predicate. */
  allowedOrigin: readonly string[] | ((origin: string) => boolean);
  path?: string;
  /** Cookie that may carry the token instead of the query (default TOKEN_COOKIE). */
  cookieName?: string;
  /** Largest accepted frame in bytes. */
  maxPayload?: number;
  log?: (msg: string, detail?: unknown) => void;
}

export interface WsServerHandle {
  /** Number of open, authenticated connections. */
  readonly connections: number;
  /** Closes every connection and stops accepting upgrades. */
  close(): Promise<void>;
}

/** Reads a cookie value from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Constant-time token comparison (a timing side channel would leak the token byte by byte). */
export function tokenMatches(presented: string | undefined | null, token: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(presented, 'utf8');
  const b = Buffer.from(token, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token of a request: `?token=` in the URL, else the cookie. */
export function requestToken(req: IncomingMessage, cookieName: string = TOKEN_COOKIE): string | undefined {
  const url = new URL(req.url ?? '/', 'http://placeholder');
  return url.searchParams.get(TOKEN_PARAM) ?? readCookie(req.headers.cookie, cookieName);
}

function refuse(socket: Duplex, status: 401 | 403 | 404, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`);
}

export function attachWsServer(opts: WsServerOptions): WsServerHandle {
  const path = opts.path ?? WS_PATH;
  const log = opts.log ?? (() => {});
  const originOk = typeof opts.allowedOrigin === 'function' ? opts.allowedOrigin : (o: string) => (opts.allowedOrigin as readonly string[]).includes(o);
  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxPayload ?? 1024 * 1024 });
  const sockets = new Set<WebSocket>();

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    if (url.pathname !== path) return refuse(socket, 404, 'Not Found');
    if (!tokenMatches(requestToken(req, opts.cookieName), opts.token)) {
      log('ws: refused a connection without a valid token');
      return refuse(socket, 401, 'Unauthorized');
    }
    const origin = req.headers.origin;
    if (typeof origin !== 'string' || !originOk(origin)) {
      log(`ws: refused a connection from origin ${JSON.stringify(origin ?? null)}`);
      return refuse(socket, 403, 'Forbidden');
    }
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws));
  };

  const onConnection = (ws: WebSocket) => {
    sockets.add(ws);
    const unsubscribers = new Map<EventName, () => void>();
    const send = (m: WsServerMessage) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(m));
    };
    const setSubscriptions = (events: readonly EventName[]) => {
      const wanted = new Set(events);
      for (const [e, off] of unsubscribers) {
        if (!wanted.has(e)) {
          off();
          unsubscribers.delete(e);
        }
      }
      for (const e of wanted) {
        if (!unsubscribers.has(e)) unsubscribers.set(e, opts.subscribe(e, (payload) => send({ event: e, payload })));
      }
    };
    ws.on('message', (data, isBinary) => {
      if (isBinary) return send({ id: null, ok: false, error: { code: 'invalid_params', message: 'Binary frames are not supported.' } });
      const parsed = parseWsClientMessage(data.toString());
      if (!parsed.ok) {
        return send({ id: parsed.id, ok: false, error: { code: 'invalid_params', message: `Malformed message: ${parsed.problem}.` } });
      }
      const m = parsed.message;
      if ('subscribe' in m) return setSubscriptions(m.subscribe);
      void opts.dispatcher(m.method, m.params).then((r) => send({ id: m.id, ...r }));
    });
    ws.on('close', () => {
      sockets.delete(ws);
      for (const off of unsubscribers.values()) off();
      unsubscribers.clear();
    });
    ws.on('error', (err) => log('ws: connection error', err));
  };

  opts.server.on('upgrade', onUpgrade);
  return {
    get connections() {
      return sockets.size;
    },
    close() {
      opts.server.off('upgrade', onUpgrade);
      for (const ws of sockets) ws.terminate();
      return new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
