// Export Logs and the About window in the Electron host, against a mocked `electron` module: the native
// "Save debug log" dialog (from the View menu and from the renderer's call), and the 550×550 child
// window showing the renderer's About view in the current theme.
import path from 'node:path';
import * as electron from 'electron';
import type { BrowserWindow, MenuItemConstructorOptions } from 'electron';
import { DEFAULT_SETTINGS, type AboutInfo, type DebugLogExport, type Settings } from '../../../ts/ipc/contract';
import type { HostBackend as Backend } from '../../../ts/backend/types';
import type { Prefs } from '../../../ts/backend/prefs';
import { silentLogger } from '../../../ts/backend/log';
import { runMain, type ElectronModule, type MainDeps } from '../../../main/app';
import { aboutQuery, aboutWindowOptions, ABOUT_WINDOW_SIZE } from '../../../main/aboutWindow';
import { saveDebugLog, saveDebugLogDialogOptions, SAVE_DEBUG_LOG_TITLE } from '../../../main/debugLog';
import { FakeBrowserWindow, type FakeElectron } from './fakeElectron';

jest.mock('electron', () => jest.requireActual('./fakeElectron').createFakeElectron());
const fake = electron as unknown as FakeElectron;

const ABOUT: AboutInfo = {
  name: 'Session TS',
  version: '0.1.0',
  systemInformation: 'Linux 6.1.0 (linux), x64, Node.js 22.1.0, Electron 40.0.0, Chromium 142.0.0.0',
  commitHash: 'abcdef0123456789abcdef0123456789abcdef01',
  network: 'mainnet',
};
const EXPORT: DebugLogExport = { outcome: 'text', fileName: 'session_debug_2026-12-02T03-04-05.678Z.txt', text: 'Session TS debug log\n...' };

function fakeBackend(settings: Partial<Settings> = {}) {
  const listeners = new Map<string, (payload: unknown) => void>();
  let all: Settings = { ...DEFAULT_SETTINGS, ...settings };
  const prefs: Prefs = { theme: 'classic-dark', accent: 'green', zoomFactor: 1, hideMenuBar: true };
  const exportDebugLog = jest.fn((_p: { userAgent?: string }): DebugLogExport => EXPORT);
  const backend = {
    handlers: {
      'app.getAbout': jest.fn(async () => ABOUT),
      'app.exportDebugLog': exportDebugLog,
      'settings.getAll': jest.fn(async () => all),
      'settings.set': jest.fn(async () => all),
    },
    on: (event: string, listener: (payload: unknown) => void) => {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    },
    network: 'mainnet',
    profile: 'default',
    profileDir: '/data/mainnet/default',
    prefs: { get: () => prefs, update: () => prefs },
    log: { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() },
    close: jest.fn(async () => undefined),
  };
  const change = (patch: Partial<Settings>) => {
    all = { ...all, ...patch };
    for (const key of Object.keys(patch)) listeners.get('settings.changed')?.({ key, value: all[key as keyof Settings], settings: all });
  };
  return { backend: backend as unknown as Backend, exportDebugLog, change, log: backend.log };
}

function deps(backend: Backend, over: Partial<MainDeps> = {}): MainDeps & { attached: Backend[] } {
  const attached: Backend[] = [];
  return {
    electron: electron as unknown as ElectronModule,
    argv: [],
    platform: 'linux',
    paths: { preload: '/app/build/preload/preload.js', rendererHtml: '/app/build/renderer/index.html', nativeBinding: '/app/native.node', icon: '/app/icon.png' },
    openBackend: async () => backend,
    attachIpc: jest.fn((b: Backend) => {
      attached.push(b);
      return () => undefined;
    }),
    fileExists: () => true,
    makePrivateDir: jest.fn(),
    log: silentLogger,
    defaultDataRoot: '/home/user/.config/session-ts',
    ...over,
    attached,
  };
}

function menuItems(): MenuItemConstructorOptions[] {
  const template = (fake.Menu.setApplicationMenu.mock.calls.at(-1)![0] as { template: MenuItemConstructorOptions[] }).template;
  const flat = (t: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] => t.flatMap((m) => [m, ...(Array.isArray(m.submenu) ? flat(m.submenu) : [])]);
  return flat(template);
}
const click = (label: string) => (menuItems().find((i) => (i.label ?? '').replace('&', '') === label)!.click as () => void)();
const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  fake.app.removeAllListeners();
  FakeBrowserWindow.instances = [];
  jest.clearAllMocks();
});

describe('Export Logs (Electron)', () => {
  it('View ▸ Export Logs asks where to save with the "Save debug log" dialog on the Desktop, then writes the export there', async () => {
    const { backend, exportDebugLog } = fakeBackend();
    const writeFile = jest.fn(async () => undefined);
    await runMain(deps(backend, { writeFile }));
    const main = FakeBrowserWindow.instances[0]!;
    fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/home/user/Desktop/log.txt' });
    click('Export Logs');
    await flush();
    expect(exportDebugLog).toHaveBeenCalledWith({ userAgent: main.webContents.getUserAgent() });
    expect(fake.dialog.showSaveDialog).toHaveBeenCalledWith(main, {
      title: 'Save debug log',
      defaultPath: path.join('/home/user/Desktop', EXPORT.fileName),
      filters: [{ name: 'Text', extensions: ['txt'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    expect(writeFile).toHaveBeenCalledWith('/home/user/Desktop/log.txt', EXPORT.outcome === 'text' ? EXPORT.text : '');
  });

  it('sits in the View menu after Toggle Full Screen, before the developer items (spec/ui.md §9.2)', async () => {
    await runMain(deps(fakeBackend().backend));
    const template = (fake.Menu.setApplicationMenu.mock.calls.at(-1)![0] as { template: MenuItemConstructorOptions[] }).template;
    const view = (template.find((m) => m.label === '&View')!.submenu as MenuItemConstructorOptions[]).filter((i) => i.visible !== false && i.type !== 'separator');
    expect(view.map((i) => (i.label ?? '').replace('&', ''))).toEqual([
      'Actual Size',
      'Zoom In',
      'Zoom Out',
      'Toggle Full Screen',
      'Export Logs',
      'Reload',
      'Toggle Developer Tools',
    ]);
  });

  it('writes nothing when the dialog is cancelled, and says so when writing fails', async () => {
    const { backend, log } = fakeBackend();
    const writeFile = jest.fn(async () => {
      throw new Error('EACCES: permission denied');
    });
    const hostLog = { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() };
    await runMain(deps(backend, { writeFile, log: hostLog }));
    click('Export Logs');
    await flush();
    expect(writeFile).not.toHaveBeenCalled();
    expect(fake.dialog.showErrorBox).not.toHaveBeenCalled();

    fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/root/log.txt' });
    click('Export Logs');
    await flush();
    await flush();
    expect(fake.dialog.showErrorBox).toHaveBeenCalledWith('Export Logs', 'The debug log could not be saved: EACCES: permission denied');
    // Logged through the backend's logger, so the failure reaches the debug log on disk as well.
    expect(log.error).toHaveBeenCalledWith('exporting the debug log failed', expect.any(Error));
    expect(hostLog.error).not.toHaveBeenCalled();
  });

  it("answers the renderer's app.exportDebugLog with the Save dialog instead of the text", async () => {
    const { backend, exportDebugLog } = fakeBackend();
    const writeFile = jest.fn(async () => undefined);
    const d = deps(backend, { writeFile });
    await runMain(d);
    const ipc = d.attached[0]!;
    expect(ipc.handlers['app.getAbout']).toBe(backend.handlers['app.getAbout']);
    fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/tmp/x.txt' });
    await expect(ipc.handlers['app.exportDebugLog']({ userAgent: 'UA' })).resolves.toEqual({ outcome: 'saved', path: '/tmp/x.txt' });
    expect(exportDebugLog).toHaveBeenCalledWith({ userAgent: 'UA' });
    await expect(ipc.handlers['app.exportDebugLog']({})).resolves.toEqual({ outcome: 'cancelled' });
    expect(writeFile).toHaveBeenCalledTimes(1);
    // A failed write reaches the page as an error a person can read.
    writeFile.mockRejectedValueOnce(new Error('ENOSPC: no space left on device'));
    fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/tmp/y.txt' });
    await expect(ipc.handlers['app.exportDebugLog']({})).rejects.toMatchObject({
      code: 'internal',
      message: 'The debug log could not be saved: ENOSPC: no space left on device',
    });
  });

  it('saveDebugLog passes through an export that is not text, and builds the dialog without a parent window', async () => {
    const dialog = { showSaveDialog: jest.fn(async () => ({ canceled: false, filePath: '/d/f.txt' })) };
    const writeFile = jest.fn(async () => undefined);
    const base = { dialog, parentWindow: () => null, desktopDir: '/d', writeFile };
    await expect(saveDebugLog({ ...base, exportLog: () => ({ outcome: 'cancelled' }) })).resolves.toEqual({ outcome: 'cancelled' });
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
    await expect(saveDebugLog({ ...base, exportLog: () => EXPORT })).resolves.toEqual({ outcome: 'saved', path: '/d/f.txt' });
    expect(dialog.showSaveDialog).toHaveBeenCalledWith(saveDebugLogDialogOptions('/d', EXPORT.fileName));
    expect(saveDebugLogDialogOptions('/d', 'a.txt')).toMatchObject({ title: SAVE_DEBUG_LOG_TITLE, defaultPath: path.join('/d', 'a.txt') });
  });
});

describe('About window (Electron)', () => {
  it('Help ▸ About opens one 550×550 child window without menu bar, preload or Node, showing the About view', async () => {
    const { backend } = fakeBackend({ theme: 'ocean-light', accent: 'purple' });
    await runMain(deps(backend));
    const main = FakeBrowserWindow.instances[0]!;
    click('About');
    await flush();
    expect(FakeBrowserWindow.instances).toHaveLength(2);
    const about = FakeBrowserWindow.instances[1]!;
    expect(about.options).toMatchObject({
      width: ABOUT_WINDOW_SIZE,
      height: ABOUT_WINDOW_SIZE,
      parent: main,
      title: 'About Session TS',
      resizable: false,
      autoHideMenuBar: true,
      show: false,
      icon: '/app/icon.png',
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false },
    });
    expect(about.options.webPreferences).not.toHaveProperty('preload');
    expect(about.setMenuBarVisibility).toHaveBeenCalledWith(false);
    expect(about.loadFile).toHaveBeenCalledWith('/app/build/renderer/index.html', {
      query: {
        view: 'about',
        name: 'Session TS',
        version: '0.1.0',
        system: ABOUT.systemInformation,
        commit: ABOUT.commitHash,
        network: 'mainnet',
        theme: 'ocean-light',
        accent: 'purple',
      },
    });
    about.emit('ready-to-show');
    expect(about.visible).toBe(true);

    // A second click brings the same window forward.
    click('About');
    await flush();
    expect(FakeBrowserWindow.instances).toHaveLength(2);
    expect(about.focus).toHaveBeenCalled();
    // Its links are guarded like the main window's: popups become the "Open URL" confirmation.
    expect(about.webContents.windowOpenHandler).not.toBeNull();
  });

  it('follows a theme change while open, and opens anew after being closed', async () => {
    const { backend, change } = fakeBackend();
    await runMain(deps(backend));
    click('About');
    await flush();
    const about = FakeBrowserWindow.instances[1]!;
    change({ theme: 'classic-light' });
    expect(about.loadFile).toHaveBeenLastCalledWith('/app/build/renderer/index.html', { query: expect.objectContaining({ theme: 'classic-light', accent: 'green' }) });
    change({ accent: 'red' });
    expect(about.loadFile).toHaveBeenLastCalledWith('/app/build/renderer/index.html', { query: expect.objectContaining({ accent: 'red' }) });
    about.emit('closed');
    click('About');
    await flush();
    expect(FakeBrowserWindow.instances).toHaveLength(3);
  });

  it('on macOS About sits in the app menu', async () => {
    const { backend } = fakeBackend();
    await runMain(deps(backend, { platform: 'darwin' }));
    const appMenu = (fake.Menu.setApplicationMenu.mock.calls.at(-1)![0] as { template: MenuItemConstructorOptions[] }).template[0]!;
    const item = (appMenu.submenu as MenuItemConstructorOptions[]).find((i) => i.label === 'About')!;
    (item.click as () => void)();
    await flush();
    expect(FakeBrowserWindow.instances).toHaveLength(2);
  });

  it('may write to the clipboard (its lines copy on click), but never read it', async () => {
    await runMain(deps(fakeBackend().backend));
    const ses = fake.session.defaultSession;
    const request = ses.setPermissionRequestHandler.mock.calls[0]![0] as (wc: unknown, p: string, cb: (ok: boolean) => void) => void;
    const check = ses.setPermissionCheckHandler.mock.calls[0]![0] as (wc: unknown, p: string) => boolean;
    const answer = (p: string) => {
      const cb = jest.fn();
      request(null, p, cb);
      return [cb.mock.calls[0]![0], check(null, p)];
    };
    expect(answer('clipboard-sanitized-write')).toEqual([true, true]);
    expect(answer('clipboard-read')).toEqual([false, false]);
  });

  it('leaves the commit out of the query when the build recorded none', () => {
    const { commitHash: _none, ...noCommit } = ABOUT;
    expect(aboutQuery(noCommit, { theme: 'classic-dark', accent: 'green' })).not.toHaveProperty('commit');
    const options = aboutWindowOptions({ parent: {} as BrowserWindow, title: 'About', backgroundColor: '#000000' });
    expect(options).not.toHaveProperty('icon');
  });
});
