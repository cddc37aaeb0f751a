import type { IpcMainInvokeEvent, IpcRendererEvent } from 'electron';
import type { BackendHandlers, EventName, EventPayloads } from '../../../ts/ipc/contract';
import { DEFAULT_SETTINGS } from '../../../ts/ipc/contract';
import { createDispatcher } from '../../../ts/ipc/dispatch';
import { IpcError, fromIpcError } from '../../../ts/ipc/errors';
import { attachElectronMain } from '../../../ts/ipc/transport/electronMain';
import type { IpcMainLike, WebContentsLike } from '../../../ts/ipc/transport/electronMain';
import { createElectronSessionApi } from '../../../ts/ipc/transport/electronPreload';
import type { IpcRendererLike } from '../../../ts/ipc/transport/electronPreload';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../../../ts/ipc/wire';
import { fakeHandlers } from './fakeHandlers';

type RendererListener = (event: IpcRendererEvent, ...args: unknown[]) => void;

/** A fake Electron pair: one ipcMain, and per window a webContents plus its ipcRenderer. */
function fakeElectron() {
  const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
  const ipcMain: IpcMainLike = {
    handle: (channel, l) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, l);
    },
    removeHandler: (channel) => void handlers.delete(channel),
  };
  function window() {
    const listeners = new Map<string, Set<RendererListener>>();
    let destroyed = false;
    const webContents: WebContentsLike & { destroy(): void } = {
      send: (channel, ...args) => {
        for (const l of listeners.get(channel) ?? []) l({} as IpcRendererEvent, ...args);
      },
      isDestroyed: () => destroyed,
      destroy: () => void (destroyed = true),
    };
    const ipcRenderer: IpcRendererLike & { count(channel: string): number } = {
      invoke: async (channel, ...args) => {
        const h = handlers.get(channel);
        if (!h) throw new Error(`No handler registered for '${channel}'`);
        // Electron serializes with structured clone both ways.
        return structuredClone(await h({ sender: webContents } as unknown as IpcMainInvokeEvent, ...structuredClone(args)));
      },
      on: (channel, l) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(l);
      },
      removeListener: (channel, l) => listeners.get(channel)?.delete(l),
      count: (channel) => listeners.get(channel)?.size ?? 0,
    };
    return { webContents, ipcRenderer };
  }
  return { ipcMain, handlers, window };
}

function bus() {
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
    total: () => [...ls.values()].reduce((n, s) => n + s.size, 0),
  };
}

const handlers: BackendHandlers = fakeHandlers({
  'app.getInfo': () => ({ name: 'n', version: 'v', network: 'testnet', dataDir: '/d', profile: 'default', platform: 'linux', host: 'electron' }),
  'settings.getAll': () => DEFAULT_SETTINGS,
  'settings.set': ({ key, value }) => ({ ...DEFAULT_SETTINGS, [key]: value }),
});

const changed: EventPayloads['settings.changed'] = { key: 'accent', value: 'blue', settings: { ...DEFAULT_SETTINGS, accent: 'blue' } };

describe('Electron transport ends', () => {
  it('carries calls, results and errors from the preload API to the dispatcher', async () => {
    const e = fakeElectron();
    const win = e.window();
    const events = bus();
    attachElectronMain({ ipcMain: e.ipcMain, dispatcher: createDispatcher(handlers), subscribe: events.subscribe, getTargets: () => [win.webContents] });
    const api = createElectronSessionApi(win.ipcRenderer);

    await expect(api.call('app.getInfo', {})).resolves.toMatchObject({ host: 'electron', network: 'testnet' });
    await expect(api.call('settings.set', { key: 'accent', value: 'blue' })).resolves.toMatchObject({ accent: 'blue' });
    const err = await api.call('settings.set', { key: 'accent', value: 'beige' }).catch((x: unknown) => x);
    // A plain object (contextBridge would strip an Error's code), readable as an IpcError.
    expect(err).toEqual({ name: 'IpcError', code: 'invalid_params', message: expect.stringContaining('Invalid value for setting "accent"') });
    expect(fromIpcError(err)).toBeInstanceOf(IpcError);
  });

  it('forwards backend events to live windows only, and unsubscribes the ipcRenderer listener when idle', async () => {
    const e = fakeElectron();
    const a = e.window();
    const b = e.window();
    const events = bus();
    attachElectronMain({ ipcMain: e.ipcMain, dispatcher: createDispatcher(handlers), subscribe: events.subscribe, getTargets: () => [a.webContents, b.webContents] });
    const apiA = createElectronSessionApi(a.ipcRenderer);
    const apiB = createElectronSessionApi(b.ipcRenderer);
    const seenA: string[] = [];
    const seenB: string[] = [];
    const offA = apiA.on('settings.changed', (p) => seenA.push(p.key));
    apiB.on('settings.changed', (p) => seenB.push(p.key));
    b.webContents.destroy();
    events.emit('settings.changed', changed);
    expect(seenA).toEqual(['accent']);
    expect(seenB).toEqual([]);
    expect(a.ipcRenderer.count(EVENT_CHANNEL)).toBe(1);
    offA();
    expect(a.ipcRenderer.count(EVENT_CHANNEL)).toBe(0);
    events.emit('settings.changed', changed);
    expect(seenA).toEqual(['accent']);
  });

  it('refuses calls from an unknown sender and detaches cleanly', async () => {
    const e = fakeElectron();
    const win = e.window();
    const stranger = e.window();
    const events = bus();
    const detach = attachElectronMain({ ipcMain: e.ipcMain, dispatcher: createDispatcher(handlers), subscribe: events.subscribe, getTargets: () => [win.webContents] });
    await expect(createElectronSessionApi(stranger.ipcRenderer).call('app.getInfo', {})).rejects.toMatchObject({ code: 'unavailable', message: 'Calls are accepted only from the app window.' });
    expect(events.total()).toBeGreaterThan(0);
    detach();
    detach();
    expect(e.handlers.has(CALL_CHANNEL)).toBe(false);
    expect(events.total()).toBe(0);
    // With nothing attached the preload says the engine is unavailable.
    await expect(createElectronSessionApi(win.ipcRenderer).call('app.getInfo', {})).rejects.toMatchObject({ code: 'unavailable' });
  });
});

// Compile-time: Electron's own objects fit the structural types the transport ends take.
export const electronTypesFit = (m: Electron.IpcMain, w: Electron.WebContents, r: Electron.IpcRenderer): [IpcMainLike, WebContentsLike, IpcRendererLike] => [m, w, r];
