// The backend reaches the renderer over IPC, and only the app window's top frame may call it.
import { EventEmitter } from 'node:events';
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { attachBackendIpc, isAppPageUrl, isFromWindowMainFrame, sendHostEvent } from '../../../main/ipcWiring';
import { DEFAULT_SETTINGS } from '../../../ts/ipc/contract';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../../../ts/ipc/wire';
import { silentLogger } from '../../../ts/backend/log';
import type { Backend } from '../../../ts/backend/types';

const PAGE = 'file:///app/build/renderer/index.html';

function setup() {
  const mainFrame = { url: PAGE };
  const webContents = { send: jest.fn(), isDestroyed: () => false, mainFrame };
  const window = { isDestroyed: () => false, webContents };
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const ipcMain = {
    handle: jest.fn((channel: string, h: (event: unknown, ...args: unknown[]) => unknown) => void handlers.set(channel, h)),
    removeHandler: jest.fn((channel: string) => void handlers.delete(channel)),
  };
  const events = new EventEmitter();
  const backend = {
    handlers: { 'settings.getAll': async () => DEFAULT_SETTINGS },
    on: (event: string, listener: (payload: unknown) => void) => {
      events.on(event, listener);
      return () => events.off(event, listener);
    },
  } as unknown as Backend;
  const detach = attachBackendIpc(backend, ipcMain as unknown as IpcMain, window as unknown as BrowserWindow, { log: silentLogger, pageUrl: PAGE });
  return { mainFrame, webContents, window, handlers, ipcMain, events, detach };
}

describe('backend IPC wiring', () => {
  it('answers calls from the window’s main frame', async () => {
    const s = setup();
    const call = s.handlers.get(CALL_CHANNEL)!;
    await expect(call({ sender: s.webContents, senderFrame: s.mainFrame }, 'settings.getAll', {})).resolves.toEqual({ ok: true, result: DEFAULT_SETTINGS });
  });

  it('refuses calls from a subframe or another web contents', async () => {
    const s = setup();
    const call = s.handlers.get(CALL_CHANNEL)!;
    const fromSubframe = await call({ sender: s.webContents, senderFrame: { url: 'https://evil.test/' } }, 'settings.getAll', {});
    expect(fromSubframe).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    const fromOther = await call({ sender: {}, senderFrame: s.mainFrame }, 'settings.getAll', {});
    expect(fromOther).toMatchObject({ ok: false });
    expect(isFromWindowMainFrame(s.window as never, { sender: s.webContents, senderFrame: null } as unknown as IpcMainInvokeEvent, PAGE)).toBe(false);
  });

  it('refuses calls from the window’s main frame once it shows anything but the app’s page', async () => {
    const s = setup();
    const call = s.handlers.get(CALL_CHANNEL)!;
    for (const url of ['https://evil.test/', 'file:///tmp/evil.html', 'file:///app/build/renderer/index.html.evil', 'data:text/html,hi', 'about:blank', '']) {
      s.mainFrame.url = url;
      await expect(Promise.resolve(call({ sender: s.webContents, senderFrame: s.mainFrame }, 'settings.getAll', {}))).resolves.toMatchObject({ ok: false, error: { code: 'unavailable' } });
    }
    // The page with a query or fragment (the About window's kind of URL) is still the page.
    s.mainFrame.url = `${PAGE}?view=main#x`;
    await expect(call({ sender: s.webContents, senderFrame: s.mainFrame }, 'settings.getAll', {})).resolves.toMatchObject({ ok: true });
  });

  it('compares page URLs by scheme, host and path only', () => {
    expect(isAppPageUrl(PAGE, PAGE)).toBe(true);
    expect(isAppPageUrl('file:///app/build/renderer/../renderer/index.html', PAGE)).toBe(true);
    expect(isAppPageUrl('file://otherhost/app/build/renderer/index.html', PAGE)).toBe(false);
    expect(isAppPageUrl('http://app/build/renderer/index.html', PAGE)).toBe(false);
    expect(isAppPageUrl('not a url', PAGE)).toBe(false);
    // The same file, escaped differently (Chromium and Node need not agree) or, on Windows, in another case.
    expect(isAppPageUrl('file:///opt/My%20Apps/S%C3%A9ssion/index.html', 'file:///opt/My Apps/Séssion/index.html')).toBe(true);
    expect(isAppPageUrl('file:///c:/Program%20Files/Session/index.html', 'file:///C:/Program Files/Session/index.html')).toBe(true);
    expect(isAppPageUrl('file:///opt/session/index.html', 'file:///opt/Session/index.html')).toBe(false);
    expect(isAppPageUrl('file:///opt/Session/%ZZ.html', 'file:///opt/Session/index.html')).toBe(false);
    expect(isAppPageUrl(PAGE, 'not a url')).toBe(false);
  });

  it('forwards backend events to the window and stops after detaching', () => {
    const s = setup();
    s.events.emit('settings.changed', { key: 'theme' });
    expect(s.webContents.send).toHaveBeenCalledWith(EVENT_CHANNEL, { event: 'settings.changed', payload: { key: 'theme' } });
    s.detach();
    expect(s.handlers.has(CALL_CHANNEL)).toBe(false);
    s.events.emit('settings.changed', { key: 'accent' });
    expect(s.webContents.send).toHaveBeenCalledTimes(1);
  });
});

describe('host events', () => {
  it('reach the window on the event channel in the shape of backend events, and not a destroyed window', () => {
    const s = setup();
    const id = '05' + 'ab'.repeat(32);
    expect(sendHostEvent(s.window, 'app.openConversation', { id })).toBe(true);
    expect(s.webContents.send).toHaveBeenCalledWith(EVENT_CHANNEL, { event: 'app.openConversation', payload: { id } });
    s.webContents.send.mockClear();
    const gone = { ...s.window, isDestroyed: () => true };
    expect(sendHostEvent(gone, 'app.openConversation', { id })).toBe(false);
    expect(s.webContents.send).not.toHaveBeenCalled();
  });
});
