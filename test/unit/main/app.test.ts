// The Electron composition root against a mocked `electron` module: window security, CSP,
// navigation, permissions, single instance, startup errors and shutdown.
import fs from 'node:fs';
import path from 'node:path';
import * as electron from 'electron';
import { DEFAULT_SETTINGS, type ConversationSummary, type EventPayloads, type MessageView, type Settings } from '../../../ts/ipc/contract';
import type { Backend, BackendOptions, CloseOptions } from '../../../ts/backend/types';
import type { Prefs, PrefsStore } from '../../../ts/backend/prefs';
import { silentLogger } from '../../../ts/backend/log';
import { runMain, resolveProfile, windowTitle, BACKGROUND_COLOR, type ElectronModule, type MainDeps } from '../../../main/app';
import { CONTENT_SECURITY_POLICY } from '../../../main/security';
import { SHUTDOWN_DRAIN_MS } from '../../../ts/backend/services/followUps';
import { fakeEvent, FakeBrowserWindow, FakeNotification, FakeTray, type FakeElectron, type FakeImage } from './fakeElectron';

jest.mock('electron', () => jest.requireActual('./fakeElectron').createFakeElectron());

const fake = electron as unknown as FakeElectron;

interface FakeBackend extends Backend {
  listeners: Map<string, (payload: unknown) => void>;
  close: jest.Mock<Promise<void>, [options?: CloseOptions]>;
  setCalls: unknown[];
  savedPrefs: Prefs;
}

function fakeBackend(settings: Partial<Settings> = {}, prefs: Partial<Prefs> = {}): FakeBackend {
  const listeners = new Map<string, (payload: unknown) => void>();
  const setCalls: unknown[] = [];
  let saved: Prefs = { theme: 'classic-dark', accent: 'green', zoomFactor: 1, hideMenuBar: true, ...prefs };
  const store: PrefsStore = {
    get: () => ({ ...saved }),
    update: (patch) => {
      saved = { ...saved, ...patch };
      return { ...saved };
    },
  };
  const all = { ...DEFAULT_SETTINGS, ...settings };
  const backend = {
    handlers: {
      'app.getInfo': jest.fn(),
      'settings.getAll': jest.fn(async () => all),
      'settings.set': jest.fn(async (p: unknown) => {
        setCalls.push(p);
        return all;
      }),
    },
    on: (event: string, listener: (payload: unknown) => void) => {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    },
    network: 'mainnet',
    profile: 'default',
    profileDir: '/data/mainnet/default',
    prefs: store,
    log: silentLogger,
    close: jest.fn(async () => undefined),
    listeners,
    setCalls,
    get savedPrefs() {
      return saved;
    },
  };
  return backend as unknown as FakeBackend;
}

function deps(backend: Backend | Error, overrides: Partial<MainDeps> = {}): MainDeps & { opened: BackendOptions[]; detach: jest.Mock } {
  const opened: BackendOptions[] = [];
  const detach = jest.fn();
  return {
    electron: electron as unknown as ElectronModule,
    argv: [],
    platform: 'linux',
    paths: { preload: '/app/build/preload/preload.js', rendererHtml: '/app/build/renderer/index.html', nativeBinding: '/app/.electron-native/40.8.5/better_sqlite3.node' },
    openBackend: async (opts) => {
      opened.push(opts);
      if (backend instanceof Error) throw backend;
      return backend;
    },
    attachIpc: jest.fn(() => detach),
    fileExists: () => true,
    makePrivateDir: jest.fn(),
    log: silentLogger,
    defaultDataRoot: '/home/user/.config/session-ts',
    ...overrides,
    opened,
    detach,
  };
}

function onlyWindow(): FakeBrowserWindow {
  expect(FakeBrowserWindow.instances).toHaveLength(1);
  return FakeBrowserWindow.instances[0]!;
}

beforeEach(() => {
  fake.app.removeAllListeners();
  fake.app.singleInstanceLock = true;
  fake.app.isPackaged = false;
  FakeBrowserWindow.instances = [];
  FakeTray.instances = [];
  jest.clearAllMocks();
});

describe('main window', () => {
  it('is created with every security setting, the preload, default size and background', async () => {
    await runMain(deps(fakeBackend()));
    const win = onlyWindow();
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/build/preload/preload.js',
      // Linux: no offline dictionaries, so off whatever the setting says (securityChecklist.test.ts).
      spellcheck: false,
    });
    expect(win.options).toMatchObject({ width: 880, height: 820, minWidth: 880, minHeight: 600, backgroundColor: '#1B1B1B', show: false });
    expect(BACKGROUND_COLOR).toBe('#1B1B1B');
    expect(fake.app.enableSandbox).toHaveBeenCalled();
    expect(win.loadFile).toHaveBeenCalledWith('/app/build/renderer/index.html');
  });

  it('takes spellcheck (where the OS checks spelling), zoom and menu-bar visibility from the settings', async () => {
    await runMain(deps(fakeBackend({ spellCheck: false, zoomFactor: 1.3, hideMenuBar: false }), { platform: 'darwin' }));
    const win = onlyWindow();
    expect(win.options.webPreferences).toMatchObject({ spellcheck: false, zoomFactor: 1.3 });
    expect(win.setAutoHideMenuBar).toHaveBeenLastCalledWith(false);
    expect(win.setMenuBarVisibility).toHaveBeenLastCalledWith(true);
  });

  it('pops up the text context menu on editable fields only', async () => {
    await runMain(deps(fakeBackend()));
    const win = onlyWindow();
    fake.Menu.buildFromTemplate.mockClear();
    const flags = { canUndo: true, canRedo: true, canCut: true, canCopy: true, canPaste: true, canSelectAll: true };
    win.webContents.emit('context-menu', fakeEvent(), { isEditable: false, selectionText: '', misspelledWord: '', dictionarySuggestions: [], editFlags: flags });
    expect(fake.Menu.buildFromTemplate).not.toHaveBeenCalled();
    win.webContents.emit('context-menu', fakeEvent(), { isEditable: true, selectionText: '', misspelledWord: '', dictionarySuggestions: [], editFlags: flags });
    const menu = fake.Menu.buildFromTemplate.mock.results[0]!.value as { popup: jest.Mock };
    expect(menu.popup).toHaveBeenCalledWith({ window: win });
  });

  it('follows hide-menu-bar and zoom changes made while running', async () => {
    const backend = fakeBackend();
    await runMain(deps(backend));
    const win = onlyWindow();
    const changed = backend.listeners.get('settings.changed')!;
    changed({ key: 'hideMenuBar', value: false, settings: { ...DEFAULT_SETTINGS, hideMenuBar: false } } satisfies EventPayloads['settings.changed']);
    expect(win.setMenuBarVisibility).toHaveBeenLastCalledWith(true);
    changed({ key: 'zoomFactor', value: 1.5, settings: { ...DEFAULT_SETTINGS, zoomFactor: 1.5 } } satisfies EventPayloads['settings.changed']);
    expect(win.webContents.zoomFactor).toBe(1.5);
  });

  it('restores saved bounds and maximised state', async () => {
    await runMain(deps(fakeBackend({}, { windowBounds: { x: 50, y: 60, width: 1000, height: 700, maximized: true } })));
    const win = onlyWindow();
    expect(win.options).toMatchObject({ x: 50, y: 60, width: 1000, height: 700 });
    win.emit('ready-to-show');
    expect(win.maximize).toHaveBeenCalled();
    expect(win.setFullScreen).not.toHaveBeenCalled();
    expect(win.show).toHaveBeenCalled();
  });

  it('restores full screen', async () => {
    await runMain(deps(fakeBackend({}, { windowBounds: { x: 50, y: 60, width: 1000, height: 700, fullScreen: true } })));
    const win = onlyWindow();
    win.emit('ready-to-show');
    expect(win.maximize).not.toHaveBeenCalled();
    expect(win.setFullScreen).toHaveBeenCalledWith(true);
  });

  it('drops a saved position that is off every screen', async () => {
    await runMain(deps(fakeBackend({}, { windowBounds: { x: 5000, y: 5000, width: 1000, height: 700 } })));
    const win = onlyWindow();
    expect(win.options.x).toBeUndefined();
    expect(win.options.y).toBeUndefined();
    expect(win.options).toMatchObject({ width: 1000, height: 700 });
  });

  it('keeps its own title, naming the network when it is not mainnet', async () => {
    await runMain(deps(fakeBackend(), { argv: ['--network', 'testnet'] }));
    const win = onlyWindow();
    expect(win.options.title).toBe('Session - testnet');
    const e = fakeEvent();
    win.emit('page-title-updated', e);
    expect(e.defaultPrevented).toBe(true);
    expect(windowTitle('mainnet')).toBe('Session');
  });
});

describe('content security policy and permissions', () => {
  it('sets a strict CSP header on every response, replacing any other', async () => {
    await runMain(deps(fakeBackend()));
    const onHeaders = fake.session.defaultSession.webRequest.onHeadersReceived;
    expect(onHeaders).toHaveBeenCalledTimes(1);
    const listener = onHeaders.mock.calls[0]![0] as (d: unknown, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void;
    const cb = jest.fn();
    listener({ responseHeaders: { 'content-security-policy': ["default-src *"], 'X-Other': ['1'] } }, cb);
    const headers = cb.mock.calls[0]![0].responseHeaders as Record<string, string[]>;
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['X-Other']).toEqual(['1']);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/);
    // The renderer's own meta tag carries the same policy (both apply in Electron; the stricter would win).
    const html = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'ts', 'renderer', 'index.html'), 'utf8');
    expect(/http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1]).toBe(CONTENT_SECURITY_POLICY);
  });

  it('denies camera, microphone, geolocation and other permission requests and checks', async () => {
    await runMain(deps(fakeBackend()));
    const ses = fake.session.defaultSession;
    const request = ses.setPermissionRequestHandler.mock.calls[0]![0] as (wc: unknown, p: string, cb: (ok: boolean) => void) => void;
    const check = ses.setPermissionCheckHandler.mock.calls[0]![0] as (wc: unknown, p: string) => boolean;
    for (const p of ['media', 'geolocation', 'openExternal', 'clipboard-read', 'display-capture', 'midiSysex', 'unknown']) {
      const cb = jest.fn();
      request(null, p, cb);
      expect(cb).toHaveBeenCalledWith(false);
      expect(check(null, p)).toBe(false);
    }
    // What the app itself uses (spec/ui.md §9.5) stays allowed.
    for (const p of ['notifications', 'fullscreen']) expect(check(null, p)).toBe(true);
    const device = ses.setDevicePermissionHandler.mock.calls[0]![0] as () => boolean;
    expect(device()).toBe(false);
  });
});

describe('navigation and new windows', () => {
  it('blocks in-window navigation and routes web links through the confirmation', async () => {
    await runMain(deps(fakeBackend()));
    const win = onlyWindow();
    const e = fakeEvent('https://example.org/page');
    win.webContents.emit('will-navigate', e);
    expect(e.defaultPrevented).toBe(true);
    await new Promise((r) => setImmediate(r));
    expect(fake.dialog.showMessageBox).toHaveBeenCalledTimes(1);
    // The fake dialog answers "Cancel": nothing opens.
    expect(fake.shell.openExternal).not.toHaveBeenCalled();
  });

  it('denies window.open and opens a web link only after the user confirms', async () => {
    await runMain(deps(fakeBackend()));
    const win = onlyWindow();
    fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false });
    expect(win.webContents.windowOpenHandler!({ url: 'https://getsession.org/faq' })).toEqual({ action: 'deny' });
    await new Promise((r) => setImmediate(r));
    expect(fake.shell.openExternal).toHaveBeenCalledWith('https://getsession.org/faq');
  });

  it('never offers to open non-web URLs', async () => {
    await runMain(deps(fakeBackend()));
    const win = onlyWindow();
    expect(win.webContents.windowOpenHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    const e = fakeEvent('javascript:alert(1)');
    win.webContents.emit('will-navigate', e);
    expect(e.defaultPrevented).toBe(true);
    await new Promise((r) => setImmediate(r));
    expect(fake.dialog.showMessageBox).not.toHaveBeenCalled();
    expect(fake.shell.openExternal).not.toHaveBeenCalled();
  });

  it('refuses to attach webviews', async () => {
    await runMain(deps(fakeBackend()));
    const e = fakeEvent();
    onlyWindow().webContents.emit('will-attach-webview', e);
    expect(e.defaultPrevented).toBe(true);
  });
});

describe('single instance', () => {
  it('a second launch quits without opening a backend or a window', async () => {
    fake.app.singleInstanceLock = false;
    const d = deps(fakeBackend());
    await runMain(d);
    expect(fake.app.quit).toHaveBeenCalled();
    expect(d.opened).toHaveLength(0);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('the first instance restores and focuses its window on a second launch', async () => {
    await runMain(deps(fakeBackend()));
    const win = onlyWindow();
    win.minimized = true;
    fake.app.emit('second-instance', fakeEvent(), ['electron', '.'], '/');
    expect(win.restore).toHaveBeenCalled();
    expect(win.show).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
  });

  it('keeps Chromium data (and so the instance lock) inside the profile folder, made private first', async () => {
    const d = deps(fakeBackend(), { argv: ['--data-dir', '/tmp/x', '--profile', 'bob'] });
    await runMain(d);
    expect(fake.app.paths.userData).toBe('/tmp/x/mainnet/bob/chromium');
    expect(d.makePrivateDir).toHaveBeenCalledWith('/tmp/x/mainnet/bob');
  });
});

describe('startup', () => {
  it('passes --data-dir, --seed and --profile to the backend with the native module path', async () => {
    const d = deps(fakeBackend(), { argv: ['--data-dir', '/tmp/data', '--seed', 'http://127.0.0.1:9000', '--profile', 'alice'] });
    await runMain(d);
    expect(d.opened[0]).toMatchObject({
      dataDir: '/tmp/data',
      seedUrl: 'http://127.0.0.1:9000/',
      profile: 'alice',
      host: 'electron',
      nativeBinding: '/app/.electron-native/40.8.5/better_sqlite3.node',
    });
    expect(d.attachIpc).toHaveBeenCalledTimes(1);
  });

  it('gives the backend safeStorage as its keychain only where a real keychain backs it (not Linux basic_text)', async () => {
    fake.safeStorage.backend = 'gnome_libsecret';
    const withKeychain = deps(fakeBackend());
    await runMain(withKeychain);
    const keychain = withKeychain.opened[0]!.keychain!;
    expect(keychain).toBeDefined();
    const wrapped = await keychain.wrap(new Uint8Array(32).fill(1));
    expect(await keychain.unwrap(wrapped)).toEqual(new Uint8Array(32).fill(1));
    FakeBrowserWindow.instances = [];
    fake.safeStorage.backend = 'basic_text';
    const fallback = deps(fakeBackend());
    await runMain(fallback);
    expect(fallback.opened[0]!.keychain).toBeUndefined();
    fake.safeStorage.backend = 'gnome_libsecret';
  });

  it('shows the backend error (profile in use) in a native error box and quits', async () => {
    const d = deps(new Error('The profile at /p is already in use by the web host with pid 42.'));
    await runMain(d);
    expect(fake.dialog.showErrorBox).toHaveBeenCalledWith('Session cannot start', expect.stringContaining('already in use by the web host'));
    expect(fake.app.exit).toHaveBeenCalledWith(1);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('rejects a bad command line with a readable message', async () => {
    const d = deps(fakeBackend(), { argv: ['--network', 'moon'] });
    await runMain(d);
    expect(fake.dialog.showErrorBox).toHaveBeenCalledWith('Session cannot start', expect.stringContaining('Invalid network "moon"'));
    expect(fake.app.exit).toHaveBeenCalledWith(1);
  });

  it('explains a missing Electron-ABI SQLite module and names npm run web', async () => {
    const d = deps(fakeBackend(), { fileExists: () => false });
    await runMain(d);
    expect(fake.dialog.showErrorBox).toHaveBeenCalledWith('Session cannot start', expect.stringContaining('npm run web'));
    expect(d.opened).toHaveLength(0);
  });

  it('sets the Windows AppUserModelID to the packaged appId', async () => {
    await runMain(deps(fakeBackend(), { platform: 'win32' }));
    expect(fake.app.setAppUserModelId).toHaveBeenCalledWith('org.sessionts.desktop');
  });

  it('in an installed app, a missing SQLite module asks for a reinstall', async () => {
    fake.app.isPackaged = true;
    await runMain(deps(fakeBackend(), { fileExists: () => false }));
    expect(fake.dialog.showErrorBox).toHaveBeenCalledWith('Session cannot start', expect.stringContaining('reinstall'));
  });

  it('resolves the profile folder like the other hosts', () => {
    expect(resolveProfile(['--network', 'testnet'], '/root').profileDir).toBe('/root/testnet/default');
    expect(resolveProfile(['--seed', 'http://127.0.0.1:1/'], '/root').profileDir).toMatch(/^\/root\/custom-[0-9a-f]{8}\/default$/);
  });
});

describe('shutdown', () => {
  it('remembers that the window was full screen', async () => {
    const backend = fakeBackend();
    await runMain(deps(backend));
    const win = onlyWindow();
    win.fullScreen = true;
    fake.app.emit('before-quit', fakeEvent());
    await new Promise((r) => setImmediate(r));
    expect(backend.savedPrefs.windowBounds).toMatchObject({ fullScreen: true });
  });

  it('on quit saves the window bounds, closes the backend, then lets the app quit', async () => {
    const backend = fakeBackend();
    const d = deps(backend);
    await runMain(d);
    const win = onlyWindow();
    win.bounds = { x: 10, y: 20, width: 900, height: 700 };
    const e = fakeEvent();
    fake.app.emit('before-quit', e);
    expect(e.defaultPrevented).toBe(true);
    await new Promise((r) => setImmediate(r));
    expect(backend.close).toHaveBeenCalledTimes(1);
    // Queued sync copies, settings updates and request responses get a bounded wait first (logged by the
    // backend), with the window already cut off from the engine so nothing new is queued meanwhile.
    expect(backend.close).toHaveBeenCalledWith({ drainMs: SHUTDOWN_DRAIN_MS, onProgress: expect.any(Function) });
    expect(SHUTDOWN_DRAIN_MS).toBeLessThanOrEqual(10_000);
    expect(d.detach.mock.invocationCallOrder[0]!).toBeLessThan(backend.close.mock.invocationCallOrder[0]!);
    expect(backend.savedPrefs.windowBounds).toEqual({ x: 10, y: 20, width: 900, height: 700, maximized: false, fullScreen: false });
    expect(fake.app.quit).toHaveBeenCalledTimes(1);
    // The second before-quit (from that app.quit()) goes through.
    const again = fakeEvent();
    fake.app.emit('before-quit', again);
    expect(again.defaultPrevented).toBe(false);
    expect(backend.close).toHaveBeenCalledTimes(1);
  });

  it('quits even when the backend does not close in time', async () => {
    const backend = fakeBackend();
    backend.close.mockReturnValue(new Promise(() => undefined));
    await runMain(deps(backend, { shutdownTimeoutMs: 5 }));
    fake.app.emit('before-quit', fakeEvent());
    for (let i = 0; i < 50 && fake.app.quit.mock.calls.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(fake.app.quit).toHaveBeenCalledTimes(1);
  });

  it('quits when the window closes on Linux and Windows', async () => {
    await runMain(deps(fakeBackend()));
    onlyWindow().emit('close', fakeEvent());
    fake.app.emit('window-all-closed');
    expect(fake.app.quit).toHaveBeenCalled();
  });

  describe('the wait for queued messages', () => {
    /** A backend whose close waits until the test ends it, with the progress listener it was given. */
    function drainingBackend(settings: Partial<Settings> = {}) {
      const backend = fakeBackend(settings);
      let finish: () => void = () => undefined;
      backend.close.mockImplementation(() => new Promise<void>((resolve) => (finish = resolve)));
      return {
        backend,
        progress: (pending: number, elapsedMs: number) => backend.close.mock.calls[0]![0]!.onProgress!(pending, elapsedMs),
        finish: () => finish(),
      };
    }
    const tick = () => new Promise((r) => setImmediate(r));

    it('shows in the title, the taskbar and the tray tooltip, follows the count, and is cleared before the app quits', async () => {
      const d = drainingBackend({ keepInTray: true });
      await runMain(deps(d.backend, { shutdownDrainMs: 8_000 }));
      const win = onlyWindow();
      const tray = FakeTray.instances[0]!;
      fake.app.emit('before-quit', fakeEvent());
      await tick();
      expect(d.backend.close).toHaveBeenCalledWith({ drainMs: 8_000, onProgress: expect.any(Function) });
      // Nothing shows before the backend says something is pending (a quit with nothing queued stays silent).
      expect(win.setTitle).not.toHaveBeenCalled();
      expect(win.setProgressBar).not.toHaveBeenCalled();

      d.progress(2, 0);
      expect(win.title).toBe('Session – sending 2 queued messages before quitting…');
      expect(win.progress).toBe(0);
      // The tray stays while the app waits, saying why it is still there.
      expect(tray.destroyed).toBe(false);
      expect(tray.tooltip).toBe('Session – sending 2 queued messages before quitting…');

      d.progress(1, 2_000);
      expect(win.title).toBe('Session – sending 1 queued message before quitting…');
      expect(win.progress).toBeCloseTo(0.25);
      expect(tray.tooltip).toBe('Session – sending 1 queued message before quitting…');
      expect(fake.app.quit).not.toHaveBeenCalled();

      d.finish();
      await tick();
      expect(win.title).toBe('Session');
      expect(win.progress).toBe(-1);
      expect(tray.destroyed).toBe(true);
      expect(fake.app.quit).toHaveBeenCalledTimes(1);
      expect(win.setProgressBar.mock.invocationCallOrder.at(-1)!).toBeLessThan(fake.app.quit.mock.invocationCallOrder[0]!);
    });

    it('is an indeterminate taskbar progress on Windows, and names the network in the title', async () => {
      const d = drainingBackend();
      await runMain(deps(d.backend, { platform: 'win32', argv: ['--network', 'testnet'] }));
      const win = onlyWindow();
      fake.app.emit('before-quit', fakeEvent());
      await tick();
      d.progress(3, 0);
      expect(win.title).toBe('Session - testnet – sending 3 queued messages before quitting…');
      expect(win.progress).toBeGreaterThan(1);
      d.finish();
      await tick();
      expect(win.title).toBe('Session - testnet');
      expect(win.progress).toBe(-1);
    });

    it('is cleared and the app quits when the close outlasts its bound; a late report does not bring it back', async () => {
      const d = drainingBackend();
      await runMain(deps(d.backend, { shutdownTimeoutMs: 20 }));
      const win = onlyWindow();
      fake.app.emit('before-quit', fakeEvent());
      await tick();
      d.progress(4, 0);
      expect(win.title).toBe('Session – sending 4 queued messages before quitting…');
      for (let i = 0; i < 100 && fake.app.quit.mock.calls.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
      expect(fake.app.quit).toHaveBeenCalledTimes(1);
      expect(win.title).toBe('Session');
      expect(win.progress).toBe(-1);
      d.progress(4, 9_000);
      expect(win.title).toBe('Session');
      expect(win.progress).toBe(-1);
    });

    it('leaves a destroyed window alone and still tells the tray', async () => {
      const d = drainingBackend({ keepInTray: true });
      await runMain(deps(d.backend));
      const win = onlyWindow();
      fake.app.emit('before-quit', fakeEvent());
      await tick();
      win.destroyed = true;
      d.progress(1, 100);
      expect(win.setTitle).not.toHaveBeenCalled();
      expect(win.setProgressBar).not.toHaveBeenCalled();
      expect(FakeTray.instances[0]!.tooltip).toBe('Session – sending 1 queued message before quitting…');
      d.finish();
      await tick();
      expect(win.setTitle).not.toHaveBeenCalled();
      expect(fake.app.quit).toHaveBeenCalledTimes(1);
    });

    it('on Linux and Windows, closing the window quits with the window kept until the wait is over', async () => {
      const d = drainingBackend();
      await runMain(deps(d.backend));
      const win = onlyWindow();
      const close = fakeEvent();
      win.emit('close', close);
      // Kept, so the wait can show in its title; the quit closes it once the backend has.
      expect(close.defaultPrevented).toBe(true);
      expect(fake.app.quit).toHaveBeenCalledTimes(1);
      fake.app.emit('before-quit', fakeEvent());
      await tick();
      d.progress(2, 0);
      expect(win.title).toBe('Session – sending 2 queued messages before quitting…');
      d.finish();
      await tick();
      expect(fake.app.quit).toHaveBeenCalledTimes(2);
      // Electron closes the window as the app quits: that close goes through.
      const last = fakeEvent();
      win.emit('close', last);
      expect(last.defaultPrevented).toBe(false);
    });
  });

  it('with Keep in System Tray on, shows a tray icon and closing the window only hides it', async () => {
    const backend = fakeBackend({ keepInTray: true });
    await runMain(deps(backend, { paths: { ...deps(backend).paths, icon: '/app/icon.png' } }));
    expect(FakeTray.instances).toHaveLength(1);
    const tray = FakeTray.instances[0]!;
    expect(tray.tooltip).toBe('Session');
    expect(tray.icon).toMatchObject({ path: '/app/icon.png', width: 32 });
    const win = onlyWindow();
    const e = fakeEvent();
    win.emit('close', e);
    expect(e.defaultPrevented).toBe(true);
    expect(win.hide).toHaveBeenCalled();
    // Turning the setting off removes the icon; closing then quits as usual (the window stays for the
    // quit-time wait, and the quit closes it).
    backend.listeners.get('settings.changed')!({ key: 'keepInTray', value: false, settings: { ...DEFAULT_SETTINGS, keepInTray: false } });
    expect(tray.destroyed).toBe(true);
    expect(fake.app.quit).not.toHaveBeenCalled();
    win.emit('close', fakeEvent());
    expect(fake.app.quit).toHaveBeenCalledTimes(1);
    expect(win.hide).toHaveBeenCalledTimes(1);
  });

  it('has no tray icon by default', async () => {
    await runMain(deps(fakeBackend()));
    expect(FakeTray.instances).toHaveLength(0);
  });

  it('hides instead of closing on macOS until the user quits', async () => {
    await runMain(deps(fakeBackend(), { platform: 'darwin' }));
    const win = onlyWindow();
    const e = fakeEvent();
    win.emit('close', e);
    expect(e.defaultPrevented).toBe(true);
    expect(win.hide).toHaveBeenCalled();
  });
});

describe('notifications, badge and tray overlay', () => {
  const ALICE = '05' + 'a1'.repeat(32);
  const summary = (over: Partial<ConversationSummary> = {}): ConversationSummary => ({
    id: ALICE,
    kind: 'private',
    name: 'Alice',
    isApproved: true,
    isRequest: false,
    isBlocked: false,
    unreadCount: 0,
    updatedAt: 1,
    ...over,
  });
  const incoming = (text: string): MessageView => ({
    id: `m-${text}`,
    conversationId: ALICE,
    sender: ALICE,
    direction: 'incoming',
    text,
    timestamp: 1,
    receivedAt: 1,
    status: 'received',
  });

  /** A backend whose conversation list holds `conversations`, with the app started on it. */
  async function started(settings: Partial<Settings> = {}, conversations: ConversationSummary[] = [summary()], platform: NodeJS.Platform = 'linux') {
    const backend = fakeBackend(settings);
    (backend.handlers as unknown as Record<string, unknown>)['conversations.list'] = jest.fn(async ({ requests }: { requests?: boolean }) =>
      conversations.filter((c) => c.isRequest === !!requests),
    );
    await runMain(deps(backend, { platform, paths: { ...deps(backend).paths, icon: '/app/icon.png' } }));
    // Let the initial conversation list arrive.
    await jest.advanceTimersByTimeAsync(0);
    const emit = <E extends keyof EventPayloads>(event: E, payload: EventPayloads[E]) => backend.listeners.get(event)!(payload);
    return { backend, win: onlyWindow(), emit };
  }

  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    FakeNotification.instances = [];
    FakeNotification.supported = true;
    fake.app.badgeCount = 0;
  });
  afterEach(() => jest.useRealTimers());

  it('notifies an incoming message when the window is not focused; a click shows the window and opens the conversation', async () => {
    const { win, emit } = await started();
    win.focused = false;
    emit('messages.added', { messages: [incoming('hello from Alice')] });
    await jest.advanceTimersByTimeAsync(2_000);
    expect(FakeNotification.instances).toHaveLength(1);
    const n = FakeNotification.instances[0]!;
    expect(n.shown).toBe(true);
    expect(n.options).toMatchObject({ title: 'Alice', body: 'hello from Alice', silent: true, icon: '/app/icon.png' });

    win.visible = false;
    win.minimized = true;
    n.emit('click');
    expect(win.restore).toHaveBeenCalled();
    expect(win.show).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    expect(win.webContents.sent).toContainEqual(['session:event', { event: 'app.openConversation', payload: { id: ALICE } }]);
  });

  it('no notification while the window is focused; focusing clears a shown one', async () => {
    const { win, emit } = await started();
    win.visible = true;
    win.focused = true;
    emit('messages.added', { messages: [incoming('seen in the window')] });
    await jest.advanceTimersByTimeAsync(2_000);
    expect(FakeNotification.instances).toHaveLength(0);

    win.focused = false;
    emit('messages.added', { messages: [incoming('while away')] });
    await jest.advanceTimersByTimeAsync(2_000);
    expect(FakeNotification.instances).toHaveLength(1);
    win.focused = true;
    win.emit('focus');
    expect(FakeNotification.instances[0]!.closed).toBe(true);
  });

  it('follows the notification settings changed while running, and the mute mode', async () => {
    const { win, emit } = await started();
    win.focused = false;
    const changed = (patch: Partial<Settings>) => {
      const key = Object.keys(patch)[0] as keyof Settings;
      emit('settings.changed', { key, value: patch[key]!, settings: { ...DEFAULT_SETTINGS, ...patch } });
    };
    changed({ notifications: false });
    emit('messages.added', { messages: [incoming('a')] });
    await jest.advanceTimersByTimeAsync(2_000);
    expect(FakeNotification.instances).toHaveLength(0);

    changed({ notificationContent: 'none' });
    emit('messages.added', { messages: [incoming('secret')] });
    await jest.advanceTimersByTimeAsync(2_000);
    expect(FakeNotification.instances.map((n) => n.options)).toEqual([expect.objectContaining({ title: 'Session', body: 'New Message' })]);

    changed({ audioNotifications: true });
    emit('messages.added', { messages: [incoming('loud')] });
    await jest.advanceTimersByTimeAsync(2_000);
    // The earlier message was never seen (no focus, no click): both count.
    expect(FakeNotification.instances[1]!.options).toMatchObject({ title: 'New Messages', body: 'Most recent from Alice: loud', silent: false });

    emit('conversations.updated', { conversations: [summary({ notificationMode: 'mute' })] });
    emit('messages.added', { messages: [incoming('muted')] });
    await jest.advanceTimersByTimeAsync(2_000);
    expect(FakeNotification.instances).toHaveLength(2);
  });

  it('shows nothing where the system has no notifications', async () => {
    FakeNotification.supported = false;
    const { win, emit } = await started();
    win.focused = false;
    emit('messages.added', { messages: [incoming('x')] });
    await jest.advanceTimersByTimeAsync(2_000);
    expect(FakeNotification.instances).toHaveLength(0);
  });

  it('puts the unread total of unmuted, accepted conversations on the badge, throttled', async () => {
    const BOB = '05' + 'b2'.repeat(32);
    await started({}, [summary({ unreadCount: 2 }), summary({ id: BOB, unreadCount: 9, isRequest: true })]);
    expect(fake.app.setBadgeCount).toHaveBeenLastCalledWith(2);
  });

  it('follows conversation updates and removals on the badge', async () => {
    const { emit } = await started({}, [summary({ unreadCount: 2 })]);
    expect(fake.app.badgeCount).toBe(2);
    emit('conversations.updated', { conversations: [summary({ unreadCount: 5 })] });
    await jest.advanceTimersByTimeAsync(2_000);
    expect(fake.app.badgeCount).toBe(5);
    emit('conversations.updated', { conversations: [summary({ unreadCount: 5, notificationMode: 'mute' })] });
    await jest.advanceTimersByTimeAsync(2_000);
    expect(fake.app.badgeCount).toBe(0);
    emit('conversations.updated', { conversations: [summary({ unreadCount: 1 })] });
    await jest.advanceTimersByTimeAsync(2_000);
    expect(fake.app.badgeCount).toBe(1);
    emit('conversations.removed', { ids: [ALICE] });
    await jest.advanceTimersByTimeAsync(2_000);
    expect(fake.app.badgeCount).toBe(0);
  });

  it('clears the badge when the account goes (clear data) and lists the conversations again for a new one', async () => {
    const { backend, emit } = await started({}, [summary({ unreadCount: 3 })]);
    expect(fake.app.badgeCount).toBe(3);
    emit('account.changed', { account: null });
    await jest.advanceTimersByTimeAsync(2_000);
    expect(fake.app.badgeCount).toBe(0);
    const list = backend.handlers['conversations.list'] as unknown as jest.Mock;
    list.mockClear();
    list.mockImplementation(async ({ requests }: { requests?: boolean }) => (requests ? [] : [summary({ unreadCount: 7 })]));
    emit('account.changed', { account: { sessionId: ALICE, displayName: 'Me' } });
    await jest.advanceTimersByTimeAsync(2_000);
    expect(list).toHaveBeenCalledTimes(2);
    expect(fake.app.badgeCount).toBe(7);
  });

  it('starts without conversations when the backend cannot list them yet (no account)', async () => {
    const backend = fakeBackend();
    (backend.handlers as unknown as Record<string, unknown>)['conversations.list'] = jest.fn(async () => {
      throw new Error('create or restore an account first');
    });
    await runMain(deps(backend));
    await jest.advanceTimersByTimeAsync(2_000);
    expect(onlyWindow().loadFile).toHaveBeenCalled();
    expect(fake.app.setBadgeCount).not.toHaveBeenCalled();
  });

  it('with Keep in System Tray on, marks the tray icon and names the total in its tooltip', async () => {
    const { emit } = await started({ keepInTray: true }, [summary({ unreadCount: 3 })]);
    const tray = FakeTray.instances[0]!;
    expect(tray.tooltip).toBe('Session - 3 unread');
    const image = tray.image as FakeImage;
    // The 32-px icon with a red dot in its top-right corner.
    const at = (x: number, y: number) => Array.from(image.bitmap.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 4));
    expect(image.width).toBe(32);
    expect(at(27, 4)).toEqual([0x3a, 0x3a, 0xff, 0xff]);
    emit('conversations.updated', { conversations: [summary({ unreadCount: 0 })] });
    await jest.advanceTimersByTimeAsync(2_000);
    expect(tray.tooltip).toBe('Session');
    expect((tray.image as FakeImage).bitmap.every((b) => b === 0)).toBe(true);
  });

  it('on Windows flashes the taskbar button with a notification, until the window is focused', async () => {
    const { win, emit } = await started({}, [summary()], 'win32');
    win.focused = false;
    emit('messages.added', { messages: [incoming('hi')] });
    await jest.advanceTimersByTimeAsync(2_000);
    expect(win.flashFrame).toHaveBeenLastCalledWith(true);
    win.focused = true;
    win.emit('focus');
    expect(win.flashFrame).toHaveBeenLastCalledWith(false);
  });

  it('on Windows shows a taskbar overlay while something is unread', async () => {
    const { win, emit } = await started({}, [summary({ unreadCount: 4 })], 'win32');
    expect(win.setOverlayIcon).toHaveBeenLastCalledWith(expect.objectContaining({ width: 16, height: 16 }), '4 unread');
    emit('conversations.updated', { conversations: [summary({ unreadCount: 0 })] });
    await jest.advanceTimersByTimeAsync(2_000);
    expect(win.setOverlayIcon).toHaveBeenLastCalledWith(null, '');
  });

  it('Auto Update does nothing: no update check, feed or install, whatever its value', async () => {
    const { emit } = await started({ autoUpdate: true });
    emit('settings.changed', { key: 'autoUpdate', value: true, settings: { ...DEFAULT_SETTINGS, autoUpdate: true } });
    await jest.advanceTimersByTimeAsync(60_000);
    expect(fake.autoUpdater.setFeedURL).not.toHaveBeenCalled();
    expect(fake.autoUpdater.checkForUpdates).not.toHaveBeenCalled();
    expect(fake.autoUpdater.quitAndInstall).not.toHaveBeenCalled();
    // No main-process file reaches for an updater at all.
    const mainDir = path.join(__dirname, '..', '..', '..', 'main');
    for (const f of fs.readdirSync(mainDir)) expect(fs.readFileSync(path.join(mainDir, f), 'utf8')).not.toMatch(/autoUpdater|electron-updater|update-electron-app/);
  });

  it('stops listening for messages and conversations on quit, closing a pending notification', async () => {
    const { backend, win, emit } = await started({}, [summary({ unreadCount: 1 })]);
    win.focused = false;
    emit('messages.added', { messages: [incoming('before quit')] });
    await jest.advanceTimersByTimeAsync(2_000);
    fake.app.emit('before-quit', fakeEvent());
    await Promise.resolve();
    expect(FakeNotification.instances[0]!.closed).toBe(true);
    for (const event of ['messages.added', 'conversations.updated', 'conversations.removed', 'network.status', 'account.changed']) {
      expect(backend.listeners.has(event)).toBe(false);
    }
  });
});

describe('Electron-only settings: menu bar, zoom, tray', () => {
  const changed = (backend: FakeBackend, patch: Partial<Settings>) => {
    const key = Object.keys(patch)[0] as keyof Settings;
    backend.listeners.get('settings.changed')!({ key, value: patch[key], settings: { ...DEFAULT_SETTINGS, ...patch } });
  };

  it('Hide Menu Bar is on by default: the bar is auto-hidden (Alt shows it), and toggling applies at once', async () => {
    const backend = fakeBackend();
    await runMain(deps(backend));
    const win = onlyWindow();
    expect(win.options.autoHideMenuBar).toBe(true);
    expect(win.setAutoHideMenuBar).toHaveBeenLastCalledWith(true);
    expect(win.setMenuBarVisibility).toHaveBeenLastCalledWith(false);
    changed(backend, { hideMenuBar: false });
    expect(win.setAutoHideMenuBar).toHaveBeenLastCalledWith(false);
    expect(win.setMenuBarVisibility).toHaveBeenLastCalledWith(true);
    changed(backend, { hideMenuBar: true });
    expect(win.setAutoHideMenuBar).toHaveBeenLastCalledWith(true);
    expect(win.setMenuBarVisibility).toHaveBeenLastCalledWith(false);
  });

  it('zooming from the View menu (Ctrl + = - 0) zooms the window and saves the factor the Appearance page shows', async () => {
    const backend = fakeBackend({ zoomFactor: 1.2 });
    await runMain(deps(backend));
    const win = onlyWindow();
    const template = (fake.Menu.setApplicationMenu.mock.calls[0]![0] as { template: Array<{ label?: string; submenu?: Array<{ label?: string; click?: () => void }> }> }).template;
    const view = template.find((m) => m.label === '&View')!.submenu!;
    const click = (label: string) => view.find((i) => i.label === label)!.click!();
    click('Zoom &In');
    expect(win.webContents.setZoomFactor).toHaveBeenLastCalledWith(1.3);
    expect(backend.setCalls).toContainEqual({ key: 'zoomFactor', value: 1.3 });
    click('Zoom &Out');
    click('Zoom &Out');
    expect(win.webContents.zoomFactor).toBe(1.1);
    click('&Actual Size');
    expect(win.webContents.zoomFactor).toBe(1);
    expect(backend.setCalls.at(-1)).toEqual({ key: 'zoomFactor', value: 1 });
    // The Appearance dropdown changes the setting: the window follows, and the menu steps on from there.
    changed(backend, { zoomFactor: 1.8 });
    expect(win.webContents.zoomFactor).toBe(1.8);
    click('Zoom &In');
    expect(win.webContents.zoomFactor).toBe(1.9);
  });

  it('before unlock, zoom and menu bar come from the plain prefs file', async () => {
    const backend = fakeBackend({}, { zoomFactor: 1.5, hideMenuBar: false });
    (backend.handlers['settings.getAll'] as jest.Mock).mockRejectedValue(new Error('locked'));
    await runMain(deps(backend));
    const win = onlyWindow();
    expect(win.options.webPreferences).toMatchObject({ zoomFactor: 1.5 });
    expect(win.options.autoHideMenuBar).toBe(false);
  });

  it('turning Keep in System Tray on while running creates the icon; closing then hides the window', async () => {
    const backend = fakeBackend();
    await runMain(deps(backend));
    expect(FakeTray.instances).toHaveLength(0);
    changed(backend, { keepInTray: true });
    expect(FakeTray.instances).toHaveLength(1);
    const win = onlyWindow();
    const e = fakeEvent();
    win.emit('close', e);
    expect(e.defaultPrevented).toBe(true);
    expect(win.hide).toHaveBeenCalled();
    // The tray's menu quits for real.
    const menu = FakeTray.instances[0]!.menu as { template: Array<{ label?: string; click?: () => void }> };
    menu.template.find((i) => i.label === 'Quit Session TS')!.click!();
    expect(fake.app.quit).toHaveBeenCalled();
  });
});

// --- media: the Microphone setting drives the 'media' permission (begin) ---
describe('microphone permission', () => {
  type Request = (wc: unknown, p: string, cb: (ok: boolean) => void, details?: unknown) => void;
  type Check = (wc: unknown, p: string, origin?: string, details?: unknown) => boolean;
  const handlers = () => {
    const ses = fake.session.defaultSession;
    return {
      request: ses.setPermissionRequestHandler.mock.calls[0]![0] as Request,
      check: ses.setPermissionCheckHandler.mock.calls[0]![0] as Check,
    };
  };
  const ask = (request: Request, details: unknown): boolean => {
    const cb = jest.fn();
    request(null, 'media', cb, details);
    expect(cb).toHaveBeenCalledTimes(1);
    return cb.mock.calls[0]![0] as boolean;
  };
  const settingsChanged = (backend: FakeBackend, microphone: boolean) =>
    backend.listeners.get('settings.changed')!({ key: 'microphone', value: microphone, settings: { ...DEFAULT_SETTINGS, microphone } });

  it('reads the settings again once a locked profile is unlocked (the lock screen had only the pre-unlock ones)', async () => {
    const backend = fakeBackend();
    // Locked: the backend answers the pre-unlock settings (microphone off); after unlock, the stored ones.
    let unlocked = false;
    (backend.handlers['settings.getAll'] as jest.Mock).mockImplementation(async () => ({ ...DEFAULT_SETTINGS, microphone: unlocked }));
    await runMain(deps(backend));
    const { request } = handlers();
    expect(ask(request, { mediaTypes: ['audio'] })).toBe(false);
    unlocked = true;
    backend.listeners.get('password.changed')!({ set: true, locked: false, protection: 'password', failedAttempts: 0, retryAfterMs: 0 });
    await new Promise((r) => setTimeout(r, 0));
    expect(ask(request, { mediaTypes: ['audio'] })).toBe(true);
  });

  it('refuses the microphone while the setting is off (the default)', async () => {
    await runMain(deps(fakeBackend()));
    const { request, check } = handlers();
    expect(ask(request, { mediaTypes: ['audio'] })).toBe(false);
    expect(check(null, 'media', 'file://', { mediaType: 'audio' })).toBe(false);
  });

  it('allows audio capture once the setting is on, and never video', async () => {
    await runMain(deps(fakeBackend({ microphone: true })));
    const { request, check } = handlers();
    expect(ask(request, { mediaTypes: ['audio'] })).toBe(true);
    expect(check(null, 'media', 'file://', { mediaType: 'audio' })).toBe(true);
    expect(ask(request, { mediaTypes: ['video'] })).toBe(false);
    expect(ask(request, { mediaTypes: ['audio', 'video'] })).toBe(false);
    expect(check(null, 'media', 'file://', { mediaType: 'video' })).toBe(false);
    // A request that names no media type is not a microphone request.
    expect(ask(request, {})).toBe(false);
    expect(ask(request, undefined)).toBe(false);
    // Other permissions do not follow the microphone.
    const cb = jest.fn();
    request(null, 'display-capture', cb, { mediaTypes: ['audio'] });
    expect(cb).toHaveBeenCalledWith(false);
  });

  it('follows the setting as it changes, without a restart', async () => {
    const backend = fakeBackend();
    await runMain(deps(backend));
    const { request, check } = handlers();
    expect(ask(request, { mediaTypes: ['audio'] })).toBe(false);
    settingsChanged(backend, true);
    expect(ask(request, { mediaTypes: ['audio'] })).toBe(true);
    expect(check(null, 'media', 'file://', { mediaType: 'audio' })).toBe(true);
    settingsChanged(backend, false);
    expect(ask(request, { mediaTypes: ['audio'] })).toBe(false);
    expect(check(null, 'media', 'file://', { mediaType: 'audio' })).toBe(false);
  });

  it('stays refused when the settings cannot be read yet', async () => {
    const backend = fakeBackend({ microphone: true });
    (backend.handlers['settings.getAll'] as jest.Mock).mockRejectedValueOnce(new Error('locked'));
    await runMain(deps(backend));
    expect(ask(handlers().request, { mediaTypes: ['audio'] })).toBe(false);
  });
});
// --- media: the Microphone setting drives the 'media' permission (end) ---
