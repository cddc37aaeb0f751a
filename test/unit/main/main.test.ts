// The entry file: real paths next to the bundle, host arguments from process.argv, the backend and
// the IPC wiring handed to runMain (with the `electron` module and the backend mocked).
import * as electron from 'electron';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_SETTINGS } from '../../../ts/ipc/contract';
import { FakeBrowserWindow, type FakeElectron } from './fakeElectron';

jest.mock('electron', () => jest.requireActual('./fakeElectron').createFakeElectron());
jest.mock('node:fs', () => ({ ...jest.requireActual('node:fs'), existsSync: () => true }));
const mockOpenBackend = jest.fn();
jest.mock('../../../ts/backend', () => ({ openBackend: (opts: unknown) => mockOpenBackend(opts) }));
const mockOpenThread = jest.fn();
jest.mock('../../../ts/backend/thread/threadedBackend', () => ({
  bundledBackendWorkerFile: (dir: string) => `${dir}/../workers/backend.js`,
  openBackendThread: (opts: unknown, file: string) => mockOpenThread(opts, file),
}));

const fake = electron as unknown as FakeElectron;
const mainDir = path.resolve(__dirname, '../../../main');

test('main.ts starts the app with paths beside the bundle and the host arguments', async () => {
  const prefs = { theme: 'classic-dark', accent: 'green', zoomFactor: 1, hideMenuBar: true };
  mockOpenThread.mockResolvedValue({
    onCrash: () => () => undefined,
    handlers: { 'settings.getAll': async () => DEFAULT_SETTINGS, 'settings.set': async () => DEFAULT_SETTINGS },
    on: () => () => undefined,
    network: 'custom',
    profile: 'alice',
    profileDir: '/tmp/d/custom-x/alice',
    prefs: { get: () => prefs, update: () => prefs },
    log: { debug() {}, info() {}, warn() {}, error() {} },
    close: async () => undefined,
  });
  const argv = process.argv;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'main-entry-'));
  process.argv = ['/usr/bin/electron', '/repo', '--data-dir', dataDir, '--seed', 'http://127.0.0.1:5/', '--profile', 'alice'];
  try {
    await jest.isolateModulesAsync(async () => {
      await import('../../../main/main');
    });
    for (let i = 0; i < 20 && FakeBrowserWindow.instances.length === 0; i++) await new Promise((r) => setImmediate(r));
  } finally {
    process.argv = argv;
  }
  const profileDirs = fs.readdirSync(dataDir);
  expect(profileDirs).toEqual([expect.stringMatching(/^custom-[0-9a-f]{8}$/)]);
  expect(fs.statSync(path.join(dataDir, profileDirs[0]!, 'alice')).mode & 0o777).toBe(0o700);
  fs.rmSync(dataDir, { recursive: true, force: true });
  // The backend runs on the worker thread beside the bundle, loading the same Electron-ABI SQLite module.
  expect(mockOpenBackend).not.toHaveBeenCalled();
  expect(mockOpenThread).toHaveBeenCalledWith(
    expect.objectContaining({ dataDir, seedUrl: 'http://127.0.0.1:5/', profile: 'alice', host: 'electron', nativeBinding: expect.stringMatching(/\.electron-native[/\\][^/\\]+[/\\]better_sqlite3\.node$/) }),
    `${mainDir}/../workers/backend.js`,
  );
  expect(FakeBrowserWindow.instances).toHaveLength(1);
  const win = FakeBrowserWindow.instances[0]!;
  expect((win.options.webPreferences as { preload: string }).preload).toBe(path.join(path.resolve(mainDir, '..'), 'preload', 'preload.js'));
  expect(win.loadFile).toHaveBeenCalledWith(path.join(path.resolve(mainDir, '..'), 'renderer', 'index.html'));
  expect(fake.ipcMain.handle).toHaveBeenCalledWith('session:call', expect.any(Function));
  // Calls are answered from the window's main frame while it shows the bundled page, as Chromium names it.
  const handler = fake.ipcMain.handle.mock.calls[0]![1] as (event: unknown, method: string, params: unknown) => unknown;
  const frame = { url: pathToFileURL(path.join(path.resolve(mainDir, '..'), 'renderer', 'index.html')).href };
  Object.assign(win.webContents, { mainFrame: frame });
  await expect(Promise.resolve(handler({ sender: win.webContents, senderFrame: frame }, 'settings.getAll', {}))).resolves.toMatchObject({ ok: true });
  frame.url = 'https://evil.test/';
  await expect(Promise.resolve(handler({ sender: win.webContents, senderFrame: frame }, 'settings.getAll', {}))).resolves.toMatchObject({ ok: false, error: { code: 'unavailable' } });
});
