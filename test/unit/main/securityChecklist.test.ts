// Electron's security checklist, item by item, for the whole main process: what the composition root does
// (against the mocked `electron` module) and what the sources may never contain (a static scan of main/,
// preload/ and the renderer). CSP header and meta, permission requests, navigation to web links and window.open
// are covered in app.test.ts; IPC sender checks in ipcWiring.test.ts; fuses in build/electronBuilderConfig.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import * as electron from 'electron';
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';
import { DEFAULT_SETTINGS, type Settings } from '../../../ts/ipc/contract';
import type { Backend, HostBackend } from '../../../ts/backend/types';
import { silentLogger } from '../../../ts/backend/log';
import { runMain, type ElectronModule, type MainDeps } from '../../../main/app';
import { REQUIRED_WEB_PREFERENCES, blockNavigationAndPopups, withSecureWebPreferences } from '../../../main/security';
import { applySpellCheckPlan, planSpellCheck, SHIPPED_DICTIONARIES } from '../../../main/spellCheck';
import { fakeEvent, FakeBrowserWindow, FakeWebContents, type FakeElectron } from './fakeElectron';

jest.mock('electron', () => jest.requireActual('./fakeElectron').createFakeElectron());

const fake = electron as unknown as FakeElectron;
const root = path.resolve(__dirname, '..', '..', '..');

function fakeBackend(settings: Partial<Settings> = {}): Backend {
  const all = { ...DEFAULT_SETTINGS, ...settings };
  const prefs = { theme: 'classic-dark', accent: 'green', zoomFactor: 1, hideMenuBar: true };
  return {
    handlers: {
      'app.getInfo': jest.fn(async () => ({ name: 'Session TS', version: '0.1.0', network: 'mainnet', dataDir: '/d', profile: 'default', platform: 'linux', host: 'electron' })),
      'app.getAbout': jest.fn(async () => ({ name: 'Session TS', version: '0.1.0', systemInformation: 'Linux', network: 'mainnet' })),
      'settings.getAll': jest.fn(async () => all),
      'settings.set': jest.fn(async () => all),
    },
    on: () => () => undefined,
    network: 'mainnet',
    profile: 'default',
    profileDir: '/data/mainnet/default',
    prefs: { get: () => prefs, update: () => prefs },
    log: silentLogger,
    close: jest.fn(async () => undefined),
  } as unknown as Backend;
}

function deps(backend: Backend, over: Partial<MainDeps> = {}): MainDeps & { attached: HostBackend[]; openedAt: () => number } {
  const attached: HostBackend[] = [];
  const opening = jest.fn();
  return {
    openedAt: () => opening.mock.invocationCallOrder[0] ?? Infinity,
    electron: electron as unknown as ElectronModule,
    argv: [],
    platform: 'linux',
    paths: { preload: '/app/build/preload/preload.js', rendererHtml: '/app/build/renderer/index.html', nativeBinding: '/app/native.node' },
    openBackend: async () => {
      opening();
      return backend;
    },
    attachIpc: jest.fn((b: HostBackend) => {
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

function clickMenu(label: string): void {
  const template = (fake.Menu.setApplicationMenu.mock.calls.at(-1)![0] as { template: MenuItemConstructorOptions[] }).template;
  const flat = (t: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] => t.flatMap((m) => [m, ...(Array.isArray(m.submenu) ? flat(m.submenu) : [])]);
  (flat(template).find((i) => (i.label ?? '').replace('&', '') === label)!.click as () => void)();
}

const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  fake.app.removeAllListeners();
  FakeBrowserWindow.instances = [];
  jest.clearAllMocks();
});

/** The .ts files of a folder, recursively, with their text. */
function sources(dir: string, ext = /\.tsx?$/): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(rel, ext));
    else if (ext.test(entry.name)) out.push({ file: rel, text: fs.readFileSync(path.join(root, rel), 'utf8') });
  }
  return out;
}

/** The text without comments, so a comment that names an API does not count as using it. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

describe('every window is created with the secure web preferences', () => {
  it('the main window and the About window both get them, with no preload for the About window', async () => {
    await runMain(deps(fakeBackend()));
    clickMenu('About');
    await flush();
    expect(FakeBrowserWindow.instances).toHaveLength(2);
    for (const win of FakeBrowserWindow.instances) {
      expect(win.options.webPreferences).toMatchObject(REQUIRED_WEB_PREFERENCES);
      expect(win.options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    }
    expect(FakeBrowserWindow.instances[1]!.options.webPreferences).not.toHaveProperty('preload');
    // Both load the bundled page from disk, never a remote URL.
    for (const win of FakeBrowserWindow.instances) expect(win.loadFile).toHaveBeenCalledWith('/app/build/renderer/index.html', ...(win === FakeBrowserWindow.instances[1] ? [expect.anything()] : []));
    expect(fake.app.enableSandbox).toHaveBeenCalled();
  });

  it('withSecureWebPreferences overrides whatever weaker preference a caller sets', () => {
    const weak: BrowserWindowConstructorOptions = {
      width: 10,
      webPreferences: {
        contextIsolation: false,
        sandbox: false,
        nodeIntegration: true,
        nodeIntegrationInWorker: true,
        nodeIntegrationInSubFrames: true,
        webSecurity: false,
        allowRunningInsecureContent: true,
        webviewTag: true,
        experimentalFeatures: true,
        navigateOnDragDrop: true,
        enableBlinkFeatures: 'CSSPseudoHas',
        preload: '/p.js',
        zoomFactor: 1.5,
      },
    };
    const out = withSecureWebPreferences(weak);
    expect(out.webPreferences).toEqual({ ...REQUIRED_WEB_PREFERENCES, preload: '/p.js', zoomFactor: 1.5 });
    expect(out.width).toBe(10);
    expect(withSecureWebPreferences({}).webPreferences).toEqual(REQUIRED_WEB_PREFERENCES);
  });

  it('main/ creates windows only through withSecureWebPreferences, and no BrowserView, WebContentsView or webview', () => {
    const sites: string[] = [];
    for (const { file, text } of sources('main')) {
      const src = code(text);
      for (const m of src.matchAll(/new\s+(?:[\w.]+\.)?BrowserWindow\s*\(([^)]*)/g)) {
        sites.push(file);
        expect(`${file}: ${m[1]!.trim()}`).toMatch(/: withSecureWebPreferences\(/);
      }
      expect(`${file}: ${/BrowserView|WebContentsView|<webview/.exec(src)?.[0] ?? ''}`).toBe(`${file}: `);
    }
    // The main window and the About window; the scan found them, so it would find a third.
    expect(sites.sort()).toEqual(['main/app.ts', 'main/app.ts']);
  });
});

describe('what the main process and preload may never do', () => {
  const mainAndPreload = [...sources('main'), ...sources('preload')].map(({ file, text }) => ({ file, src: code(text) }));

  it('loads no remote content: windows load files, never URLs', () => {
    for (const { file, src } of mainAndPreload) {
      expect(`${file}: ${/\.loadURL\s*\(|https?:\/\/(?!getsession\.org|docs\.oxen\.io|github\.com)/.exec(src)?.[0] ?? ''}`).toBe(`${file}: `);
    }
  });

  it('registers no custom protocol and no file protocol handler (nothing can read the file system through a URL)', () => {
    for (const { file, src } of mainAndPreload) {
      const hit = /\bprotocol\s*\.\s*(handle|register\w*|intercept\w*)\s*\(|registerSchemesAsPrivileged/.exec(src)?.[0] ?? '';
      expect(`${file}: ${hit}`).toBe(`${file}: `);
    }
  });

  it('opens external URLs only in externalLinks.ts, after its confirmation', () => {
    const callers = mainAndPreload.filter(({ src }) => /\.openExternal\s*\(/.test(src)).map(({ file }) => file);
    expect(callers).toEqual(['main/externalLinks.ts']);
    const text = fs.readFileSync(path.join(root, 'main/externalLinks.ts'), 'utf8');
    // The one call sits after the dialog's answer is "Open".
    expect(code(text)).toMatch(/if \(response === OPEN\) \{\s*await deps\.shell\.openExternal\(target\)/);
  });

  it('never weakens a web preference, and the preload exposes only the typed API', () => {
    const weak = /contextIsolation\s*:\s*false|sandbox\s*:\s*false|nodeIntegration\w*\s*:\s*true|webSecurity\s*:\s*false|allowRunningInsecureContent\s*:\s*true|webviewTag\s*:\s*true|experimentalFeatures\s*:\s*true|enableBlinkFeatures\s*:\s*['"`]|disable-web-security|ignore-certificate-errors|setCertificateVerifyProc|certificate-error/;
    for (const { file, src } of mainAndPreload) expect(`${file}: ${weak.exec(src)?.[0] ?? ''}`).toBe(`${file}: `);
    const preload = mainAndPreload.find((s) => s.file === 'preload/preload.ts')!.src;
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).toMatch(/exposeInMainWorld\('session', createElectronSessionApi\(ipcRenderer\)\)/);
  });

  it('the renderer never fetches files, starts workers or registers service workers (the file-protocol fuse is off)', () => {
    for (const { file, text } of sources('ts/renderer')) {
      const hit = /\bfetch\s*\(|XMLHttpRequest|new\s+(Shared)?Worker\s*\(|serviceWorker|importScripts|\bimport\s*\(/.exec(code(text))?.[0] ?? '';
      expect(`${file}: ${hit}`).toBe(`${file}: `);
    }
    // Nor do its stylesheets load files (fonts are CORS requests, which file pages no longer pass).
    for (const { file, text } of sources('stylesheets', /\.css$/)) {
      expect(`${file}: ${/url\(\s*['"]?(?!data:)[^)]*\)|@import/.exec(text)?.[0] ?? ''}`).toBe(`${file}: `);
    }
    const html = fs.readFileSync(path.join(root, 'ts/renderer/index.html'), 'utf8');
    // A module script from file:// would need CORS, which file pages no longer get: the bundle is a classic script.
    expect(html).toMatch(/<script src="renderer\.js"><\/script>/);
    expect(html).not.toMatch(/type="module"/);
  });
});

describe('navigation guards on every web contents', () => {
  function guarded() {
    const contents = new FakeWebContents();
    const open = jest.fn();
    blockNavigationAndPopups(contents as never, open);
    return { contents, open };
  }

  it('refuses redirects and subframe navigation, leaving main-frame navigation to will-navigate (which asks)', () => {
    const { contents, open } = guarded();
    const redirect = fakeEvent('https://example.org/');
    contents.emit('will-redirect', redirect);
    expect(redirect.defaultPrevented).toBe(true);
    const sub = Object.assign(fakeEvent('https://example.org/frame'), { isMainFrame: false });
    contents.emit('will-frame-navigate', sub);
    expect(sub.defaultPrevented).toBe(true);
    // Electron emits will-frame-navigate before will-navigate for the main frame: refusing it there would
    // skip the confirmation, so it is let through to will-navigate, which refuses it and asks.
    const top = Object.assign(fakeEvent('https://example.org/top'), { isMainFrame: true });
    contents.emit('will-frame-navigate', top);
    expect(top.defaultPrevented).toBe(false);
    const nav = fakeEvent('https://example.org/top');
    contents.emit('will-navigate', nav);
    expect(nav.defaultPrevented).toBe(true);
    expect(open).toHaveBeenCalledWith('https://example.org/top');
    expect(open).toHaveBeenCalledTimes(1);
    const webview = fakeEvent();
    contents.emit('will-attach-webview', webview);
    expect(webview.defaultPrevented).toBe(true);
  });

  it('is installed on web contents the app did not create itself', async () => {
    await runMain(deps(fakeBackend()));
    const stray = new FakeWebContents();
    fake.app.emit('web-contents-created', fakeEvent(), stray);
    expect(stray.windowOpenHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    const nav = fakeEvent('file:///etc/passwd');
    stray.emit('will-navigate', nav);
    expect(nav.defaultPrevented).toBe(true);
  });
});

describe('permissions', () => {
  it('checks are refused for any origin, not only requests (check and request handlers both installed)', async () => {
    await runMain(deps(fakeBackend()));
    const ses = fake.session.defaultSession;
    expect(ses.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    expect(ses.setPermissionCheckHandler).toHaveBeenCalledTimes(1);
    const check = ses.setPermissionCheckHandler.mock.calls[0]![0] as (wc: unknown, p: string, origin: string, d: unknown) => boolean;
    for (const origin of ['file://', 'https://evil.test']) {
      for (const p of ['media', 'geolocation', 'clipboard-read', 'hid', 'serial', 'usb', 'openExternal', 'pointerLock', 'idle-detection']) {
        expect(check(null, p, origin, { mediaType: 'video' })).toBe(false);
      }
    }
  });
});

describe('spell checking downloads no dictionary', () => {
  it('on Linux and Windows it is off with the reason in app.getInfo, and the downloader points at the local folder', async () => {
    for (const platform of ['linux', 'win32'] as const) {
      jest.clearAllMocks();
      FakeBrowserWindow.instances = [];
      fake.app.removeAllListeners();
      const d = deps(fakeBackend({ spellCheck: true }), { platform, paths: { preload: '/p.js', rendererHtml: '/app/build/renderer/index.html', nativeBinding: '/n.node', dictionaries: '/app/resources/dictionaries' } });
      await runMain(d);
      const ses = fake.session.defaultSession;
      expect(ses.setSpellCheckerDictionaryDownloadURL).toHaveBeenCalledWith('file:///app/resources/dictionaries/');
      expect(ses.setSpellCheckerDictionaryDownloadURL.mock.calls.every(([u]) => String(u).startsWith('file:///'))).toBe(true);
      expect(ses.setSpellCheckerEnabled).toHaveBeenLastCalledWith(false);
      // Set before the engine opens (it can take long), so nothing is fetched meanwhile either.
      expect(ses.setSpellCheckerDictionaryDownloadURL.mock.invocationCallOrder[0]!).toBeLessThan(d.openedAt());
      expect(ses.setSpellCheckerLanguages).not.toHaveBeenCalled();
      expect(FakeBrowserWindow.instances[0]!.options.webPreferences).toMatchObject({ spellcheck: false });
      await expect(d.attached[0]!.handlers['app.getInfo']({})).resolves.toMatchObject({ host: 'electron', spellCheckUnavailable: 'no-offline-dictionaries' });
    }
  });

  it('on macOS the OS spell checker follows the setting', async () => {
    for (const setting of [true, false]) {
      jest.clearAllMocks();
      FakeBrowserWindow.instances = [];
      fake.app.removeAllListeners();
      const d = deps(fakeBackend({ spellCheck: setting }), { platform: 'darwin' });
      await runMain(d);
      expect(fake.session.defaultSession.setSpellCheckerEnabled).toHaveBeenLastCalledWith(setting);
      expect(fake.session.defaultSession.setSpellCheckerDictionaryDownloadURL).toHaveBeenCalledWith('file:///app/build/renderer/dictionaries/');
      expect(FakeBrowserWindow.instances[0]!.options.webPreferences).toMatchObject({ spellcheck: setting });
      const info = await d.attached[0]!.handlers['app.getInfo']({});
      expect(info).not.toHaveProperty('spellCheckUnavailable');
    }
  });

  it('ships no dictionaries yet; shipped ones would be used offline for the system languages', () => {
    expect(SHIPPED_DICTIONARIES).toEqual([]);
    expect(planSpellCheck({ platform: 'linux', setting: true, systemLanguages: ['de-CH'] })).toEqual({ available: false, enabled: false, reason: 'no-offline-dictionaries' });
    const plan = planSpellCheck({ platform: 'win32', setting: true, systemLanguages: ['de-CH', 'fr-FR'], shipped: ['de', 'en-US'] });
    expect(plan).toEqual({ available: true, enabled: true, source: 'shipped', languages: ['de'] });
    const ses = { setSpellCheckerDictionaryDownloadURL: jest.fn(), setSpellCheckerEnabled: jest.fn(), setSpellCheckerLanguages: jest.fn() };
    applySpellCheckPlan(ses as never, plan, 'file:///opt/app/dictionaries/');
    expect(ses.setSpellCheckerLanguages).toHaveBeenCalledWith(['de']);
    expect(ses.setSpellCheckerEnabled).toHaveBeenCalledWith(true);
    // A remote (or malformed) dictionaries URL is refused outright.
    expect(() => applySpellCheckPlan(ses as never, plan, 'https://redirector.gvt1.com/edgedl/chrome/dict/')).toThrow(/local folder URL/);
    expect(() => applySpellCheckPlan(ses as never, plan, 'file:///opt/app/dictionaries')).toThrow(/ending in/);
  });
});
