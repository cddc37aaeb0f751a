import http from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import type { BackendHandlers, EventName, EventPayloads } from '../../../ts/ipc/contract';
import { DEFAULT_SETTINGS } from '../../../ts/ipc/contract';
import { createDispatcher } from '../../../ts/ipc/dispatch';
import { IpcError } from '../../../ts/ipc/errors';
import { createWsSessionApi } from '../../../ts/ipc/transport/wsClient';
import type { WebSocketLike, WsSessionApi } from '../../../ts/ipc/transport/wsClient';
import { attachWsServer } from '../../../ts/ipc/transport/wsServer';
import type { WsServerHandle } from '../../../ts/ipc/transport/wsServer';
import { fakeHandlers } from './fakeHandlers';

const TOKEN = 'ab'.repeat(16);

/** A tiny event source standing in for the backend. */
function events() {
  const ls = new Map<EventName, Set<(p: unknown) => void>>();
  return {
    subscribe<E extends EventName>(e: E, l: (p: EventPayloads[E]) => void) {
      if (!ls.has(e)) ls.set(e, new Set());
      ls.get(e)!.add(l as (p: unknown) => void);
      return () => void ls.get(e)!.delete(l as (p: unknown) => void);
    },
    emit<E extends EventName>(e: E, p: EventPayloads[E]) {
      for (const l of ls.get(e) ?? []) l(p);
    },
    count: (e: EventName) => ls.get(e)?.size ?? 0,
  };
}

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const changed: EventPayloads['settings.changed'] = { key: 'theme', value: 'ocean-dark', settings: { ...DEFAULT_SETTINGS, theme: 'ocean-dark' } };

describe('wsServer + wsClient', () => {
  let server: http.Server;
  let handle: WsServerHandle;
  let port: number;
  let origin: string;
  let bus: ReturnType<typeof events>;
  let hang: Array<() => void>;
  const clients: Array<WsSessionApi | WebSocket> = [];

  const handlers: BackendHandlers = fakeHandlers({
    'app.getInfo': () => ({ name: 'n', version: 'v', network: 'mainnet', dataDir: '/d', profile: 'default', platform: 'linux', host: 'web' }),
    // Never answers until released: lets a test drop the connection mid-call.
    'settings.getAll': () => new Promise((resolve) => hang.push(() => resolve(DEFAULT_SETTINGS))),
    'settings.set': () => DEFAULT_SETTINGS,
  });

  async function listen(onPort = 0): Promise<void> {
    server = http.createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((r) => server.listen(onPort, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
    origin = `http://127.0.0.1:${port}`;
    handle = attachWsServer({ server, dispatcher: createDispatcher(handlers), subscribe: bus.subscribe, token: TOKEN, allowedOrigin: [origin] });
  }
  async function stopServer(): Promise<void> {
    await handle.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }

  beforeEach(async () => {
    bus = events();
    hang = [];
    await listen();
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    hang.forEach((f) => f());
    await stopServer();
  });

  function rawStatus(url: string, headers: Record<string, string>): Promise<number> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      ws.on('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        ws.terminate();
      });
      ws.on('open', () => {
        ws.close();
        reject(new Error('connection was accepted'));
      });
      ws.on('error', () => {});
    });
  }

  it('refuses a connection without the token (401) or with a wrong Origin (403)', async () => {
    const base = `ws://127.0.0.1:${port}/ws`;
    expect(await rawStatus(base, { Origin: origin })).toBe(401);
    expect(await rawStatus(`${base}?token=${'00'.repeat(16)}`, { Origin: origin })).toBe(401);
    expect(await rawStatus(`${base}?token=${TOKEN}`, { Origin: 'http://evil.example' })).toBe(403);
    expect(await rawStatus(`${base}?token=${TOKEN}`, { Origin: `http://localhost:${port}` })).toBe(403);
    expect(await rawStatus(`${base}?token=${TOKEN}`, {})).toBe(403);
    expect(await rawStatus(`ws://127.0.0.1:${port}/other?token=${TOKEN}`, { Origin: origin })).toBe(404);
    expect(handle.connections).toBe(0);
  });

  it('serves calls, subscriptions and malformed frames on an authorized raw connection (cookie token)', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers: { Origin: origin, Cookie: `other=1; session_token=${TOKEN}` } });
    clients.push(ws);
    const received: unknown[] = [];
    ws.on('message', (d) => received.push(JSON.parse(d.toString())));
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ id: 7, method: 'app.getInfo', params: {} }));
    ws.send(JSON.stringify({ id: 8, method: 'nope', params: {} }));
    ws.send('not json');
    await until(() => received.length === 3, 'three answers');
    expect(received).toEqual(
      expect.arrayContaining([
        { id: 7, ok: true, result: expect.objectContaining({ host: 'web' }) },
        { id: 8, ok: false, error: { code: 'unknown_method', message: 'Unknown method "nope".' } },
        { id: null, ok: false, error: { code: 'invalid_params', message: 'Malformed message: message is not valid JSON.' } },
      ]),
    );
    bus.emit('settings.changed', changed); // not subscribed yet: not delivered
    ws.send(JSON.stringify({ subscribe: ['settings.changed'] }));
    await until(() => bus.count('settings.changed') === 1, 'subscription');
    bus.emit('settings.changed', changed);
    await until(() => received.length === 4, 'event');
    expect(received[3]).toEqual({ event: 'settings.changed', payload: changed });
    ws.close();
    await until(() => bus.count('settings.changed') === 0, 'unsubscribe on close');
  });

  function client(): WsSessionApi {
    const api = createWsSessionApi({
      url: `ws://127.0.0.1:${port}/ws?token=${TOKEN}`,
      createSocket: (url) => new WebSocket(url, { origin }) as unknown as WebSocketLike,
      initialDelayMs: 5,
      maxDelayMs: 20,
    });
    clients.push(api);
    return api;
  }

  it('the client calls methods, gets typed errors and events', async () => {
    const api = client();
    const seen: unknown[] = [];
    const off = api.on('settings.changed', (p) => seen.push(p.key));
    await expect(api.call('app.getInfo', {})).resolves.toMatchObject({ name: 'n' }); // queued until open
    expect(api.state).toBe('open');
    const err = await api.call('settings.set', { key: 'theme', value: 'pink' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IpcError);
    expect(err).toMatchObject({ code: 'invalid_params' });
    await until(() => bus.count('settings.changed') === 1, 'subscription');
    bus.emit('settings.changed', changed);
    await until(() => seen.length === 1, 'event');
    off();
    await until(() => bus.count('settings.changed') === 0, 'unsubscribe');
  });

  it('fails pending calls with unavailable on a drop, then reconnects, resubscribes and tells onReconnect', async () => {
    const api = client();
    const reconnects: number[] = [];
    api.onReconnect(() => reconnects.push(1));
    const seen: string[] = [];
    api.on('settings.changed', (p) => seen.push(p.key));
    await api.call('app.getInfo', {});
    const inFlight = api.call('settings.getAll', {});
    await until(() => hang.length === 1, 'call to reach the server');

    const samePort = port;
    await stopServer();
    const err = await inFlight.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IpcError);
    expect(err).toMatchObject({ code: 'unavailable', message: expect.stringContaining('connection to the Session engine was lost') });
    await expect(api.call('app.getInfo', {})).rejects.toMatchObject({ code: 'unavailable' });

    await listen(samePort);
    await until(() => reconnects.length === 1, 'reconnect');
    expect(api.state).toBe('open');
    await until(() => bus.count('settings.changed') === 1, 'resubscription');
    bus.emit('settings.changed', changed);
    await until(() => seen.length === 1, 'event after reconnect');
    await expect(api.call('app.getInfo', {})).resolves.toMatchObject({ name: 'n' });

    api.close();
    await expect(api.call('app.getInfo', {})).rejects.toMatchObject({ code: 'unavailable', message: 'The connection to the Session engine is closed.' });
  });
});
