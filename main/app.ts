// The Electron composition root: parses the host arguments, takes the single-instance lock, opens the
// backend, creates the one secured window and wires menu, zoom, IPC and shutdown. Every Electron API
// arrives through `deps.electron`, so tests run it against a mock.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Electron from 'electron';
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { DEFAULT_SETTINGS, type Settings } from '../ts/ipc/contract';
import { IpcError } from '../ts/ipc/errors';
import type { BackendOptions, HostBackend } from '../ts/backend/types';
import { HostArgsError, parseHostArgs, type HostArgs } from '../ts/backend/hostArgs';
import { resolveDataRoot, resolveNetwork, resolveProfileDir } from '../ts/backend/dataDir';
import type { Logger } from '../ts/backend/log';
import { SHUTDOWN_DRAIN_MS } from '../ts/backend/services/followUps';
import { blockNavigationAndPopups, denyPermissionsByDefault, installContentSecurityPolicy, secureWebPreferences, withSecureWebPreferences } from './security';
import { confirmAndOpenExternal } from './externalLinks';
import { buildMenuTemplate, nextZoomFactor, type ZoomCommand } from './menu';
import { claimSingleInstance } from './singleInstance';
import { buildContextMenuTemplate } from './contextMenu';
import { applySpellCheckPlan, planSpellCheck } from './spellCheck';
import { createTrayController } from './tray';
import { createQuitProgress } from './quitProgress';
import { attachDesktopIntegration, electronDesktopHooks, markedUnread } from './desktopIntegration';
import { createAboutWindowController } from './aboutWindow';
import { saveDebugLog } from './debugLog';
import { saveAttachment } from './attachmentSave';
import { keychainFromSafeStorage } from './keychain';
import { captureWindowState, initialWindowGeometry, parseWindowState, type WindowState } from './windowState';

export type ElectronModule = typeof Electron;

export const BACKGROUND_COLOR = '#1B1B1B';
export const APP_USER_MODEL_ID = 'org.sessionts.desktop';

/** Connects the backend to the renderer over ipcMain; returns the function that disconnects it. */
export type AttachIpc = (backend: HostBackend, ipcMain: Electron.IpcMain, window: BrowserWindow) => () => void;

export interface MainDeps {
  electron: ElectronModule;
  /** The host's own arguments (without the executable and script). */
  argv: readonly string[];
  platform: NodeJS.Platform;
  /**
   * Absolute paths of the bundled preload, the renderer page, the Electron-ABI SQLite module (and the GeoLite2
   * database when packaged), and the folder of shipped spell-checker dictionaries (default: `dictionaries`
   * beside the renderer page).
   */
  paths: { preload: string; rendererHtml: string; nativeBinding: string; icon?: string; geoipDatabase?: string; dictionaries?: string };
  openBackend: (opts: BackendOptions) => Promise<HostBackend> | HostBackend;
  attachIpc: AttachIpc;
  fileExists: (file: string) => boolean;
  /** Creates a folder (and its parents) readable by the user only. */
  makePrivateDir: (dir: string) => void;
  log: Logger;
  /** Per-user app-data folder used when --data-dir is absent. */
  defaultDataRoot?: string;
  /** How long quitting waits for the backend to close before giving up (default one minute). */
  shutdownTimeoutMs?: number;
  /**
   * How long quitting first waits for queued follow-ups (sync copies, settings updates, request responses),
   * with progress in the log, the window title, the taskbar/dock and the tray tooltip (default
   * SHUTDOWN_DRAIN_MS); what is left then goes out on the next start.
   */
  shutdownDrainMs?: number;
  /** Writes an exported debug log where the user chose (default: a file readable by the user only). */
  writeFile?: (file: string, text: string) => Promise<void>;
  /** Writes a saved attachment (default: fs, readable by the user only). */
  writeBytes?: (file: string, bytes: Uint8Array) => Promise<void>;
}

export interface ProfileLocation {
  args: HostArgs;
  dataRoot: string;
  profileDir: string;
  networkLabel: string;
}

/** Resolves where this launch's profile lives; throws HostArgsError on a bad command line. */
export function resolveProfile(argv: readonly string[], defaultDataRoot: string): ProfileLocation {
  const args = parseHostArgs(argv);
  const dataRoot = args.dataDir !== undefined ? path.resolve(args.dataDir) : defaultDataRoot;
  const net = resolveNetwork({ network: args.network, seedUrl: args.seedUrl });
  const profileDir = resolveProfileDir(dataRoot, net.folder, args.profile);
  return { args, dataRoot, profileDir, networkLabel: net.network };
}

/** Window title: "Session", plus the network when it is not mainnet (spec/ui.md §1.1). */
export function windowTitle(network: string): string {
  return network === 'mainnet' ? 'Session' : `Session - ${network}`;
}

/** The Desktop folder for the Save dialog's suggestion; the home folder where a system has none. */
function desktopFolder(app: Pick<Electron.App, 'getPath'>): string {
  try {
    return app.getPath('desktop');
  } catch {
    return app.getPath('home');
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Starts the app. Resolves once the window is created, or the launch has been refused. */
export async function runMain(deps: MainDeps): Promise<void> {
  const { electron } = deps;
  // Once the backend is open, main's own lines go through its logger too, and so into the debug log.
  let log = deps.log;
  const { app, dialog } = electron;
  const fail = (title: string, text: string): void => {
    log.error(`${title}: ${text}`);
    dialog.showErrorBox(title, text);
    app.exit(1);
  };

  let location: ProfileLocation;
  try {
    location = resolveProfile(deps.argv, deps.defaultDataRoot ?? resolveDataRoot());
  } catch (err) {
    if (err instanceof HostArgsError) return fail('Session cannot start', err.message);
    throw err;
  }
  // Created here, before Chromium makes it with looser permissions than the backend's 0700.
  try {
    deps.makePrivateDir(location.profileDir);
  } catch (err) {
    return fail('Session cannot start', `The profile folder ${location.profileDir} cannot be created: ${message(err)}`);
  }
  // Chromium's own data (and with it the single-instance lock) lives inside the profile, so two
  // profiles can run side by side while a second launch of the same profile focuses the first.
  app.setPath('userData', path.join(location.profileDir, 'chromium'));

  let win: BrowserWindow | null = null;
  if (!claimSingleInstance(app, () => win)) {
    log.info('another instance has this profile open; handing over to it');
    app.quit();
    return;
  }

  const openExternal = (url: string): void => {
    confirmAndOpenExternal(url, {
      dialog,
      shell: electron.shell,
      clipboard: electron.clipboard,
      parentWindow: () => win,
      log: (m) => log.warn(m),
    }).catch((err: unknown) => log.error('opening an external link failed', err));
  };
  // Every web contents, including any the app did not create itself, gets the navigation guard.
  app.on('web-contents-created', (_event, contents) => blockNavigationAndPopups(contents, openExternal));

  // Every renderer is sandboxed, including any the window settings below might miss.
  app.enableSandbox();
  // Windows groups taskbar buttons and notifications by this id; it matches appId in electron-builder.yml.
  if (deps.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

  await app.whenReady();
  const ses = electron.session.defaultSession;
  installContentSecurityPolicy(ses);
  // The microphone follows the Microphone setting, read at each request: off until the settings are known.
  let microphoneAllowed = false;
  denyPermissionsByDefault(ses, { microphone: () => microphoneAllowed });
  // Off, with dictionaries looked for only in the app's own folder, until the setting is known (below).
  const dictionariesDir = deps.paths.dictionaries ?? path.join(path.dirname(deps.paths.rendererHtml), 'dictionaries');
  const dictionariesUrl = `${pathToFileURL(dictionariesDir).href.replace(/\/$/, '')}/`;
  applySpellCheckPlan(ses, planSpellCheck({ platform: deps.platform, setting: false, systemLanguages: [] }), dictionariesUrl);

  if (!deps.fileExists(deps.paths.nativeBinding)) {
    const what = `The SQLite module built for Electron is missing (${deps.paths.nativeBinding}).`;
    return fail(
      'Session cannot start',
      app.isPackaged
        ? `${what} The installation is incomplete: please reinstall the app.`
        : `${what} Start the app with "npm start", which builds it, or run it without Electron with "npm run web".`,
    );
  }

  // After whenReady: on Linux, safeStorage picks its backend then.
  const keychain = keychainFromSafeStorage(electron.safeStorage, deps.platform, log);
  let backend: HostBackend;
  try {
    backend = await deps.openBackend({
      ...(keychain ? { keychain } : {}),
      dataDir: location.dataRoot,
      ...(location.args.network ? { network: location.args.network } : {}),
      ...(location.args.seedUrl ? { seedUrl: location.args.seedUrl } : {}),
      ...(location.args.profile ? { profile: location.args.profile } : {}),
      host: 'electron',
      appVersion: app.getVersion(),
      appName: app.getName(),
      logger: log,
      nativeBinding: deps.paths.nativeBinding,
      ...(deps.paths.geoipDatabase ? { geoipDatabase: deps.paths.geoipDatabase } : {}),
    });
  } catch (err) {
    // Typically a second engine (web host or CLI) on the same profile: its message names the holder.
    return fail('Session cannot start', message(err));
  }

  log = backend.log;
  const prefs = backend.prefs.get();
  let settings: Settings;
  try {
    settings = await backend.handlers['settings.getAll']({});
  } catch (err) {
    log.warn('settings unavailable before unlock; using defaults', err);
    settings = { ...DEFAULT_SETTINGS, zoomFactor: prefs.zoomFactor, hideMenuBar: prefs.hideMenuBar };
  }
  microphoneAllowed = settings.microphone;

  // Spell checking never downloads a dictionary (main/spellCheck.ts): off where only a download could provide one.
  const spellCheck = planSpellCheck({ platform: deps.platform, setting: settings.spellCheck, systemLanguages: app.getPreferredSystemLanguages() });
  applySpellCheckPlan(ses, spellCheck, dictionariesUrl);
  if (!spellCheck.available) log.info('spell check: off, no dictionary for this system ships with the app and none is ever downloaded');

  const screen = electron.screen;
  const saved = prefs.windowBounds ? parseWindowState({
        bounds: prefs.windowBounds,
        maximized: prefs.windowBounds.maximized ?? false,
        fullScreen: prefs.windowBounds.fullScreen ?? false,
      }) : null;
  const geometry = initialWindowGeometry(
    saved,
    screen.getPrimaryDisplay().workArea,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const options: BrowserWindowConstructorOptions = {
    width: geometry.width,
    height: geometry.height,
    minWidth: geometry.minWidth,
    minHeight: geometry.minHeight,
    ...(geometry.x !== undefined && geometry.y !== undefined ? { x: geometry.x, y: geometry.y } : {}),
    show: false,
    title: windowTitle(location.networkLabel),
    backgroundColor: BACKGROUND_COLOR,
    autoHideMenuBar: settings.hideMenuBar,
    ...(deps.paths.icon ? { icon: deps.paths.icon } : {}),
    webPreferences: { ...secureWebPreferences({ preloadPath: deps.paths.preload, spellcheck: spellCheck.enabled }), zoomFactor: settings.zoomFactor },
  };
  const mainWindow = new electron.BrowserWindow(withSecureWebPreferences(options));
  win = mainWindow;

  // 16 px on macOS (a menu-bar icon), 32 px elsewhere.
  const trayIcon = deps.paths.icon
    ? electron.nativeImage.createFromPath(deps.paths.icon).resize({ width: deps.platform === 'darwin' ? 16 : 32 })
    : electron.nativeImage.createEmpty();
  const tray = createTrayController({
    createTray: (icon) => new electron.Tray(icon),
    buildMenu: (template) => electron.Menu.buildFromTemplate(template),
    icon: trayIcon,
    ...(trayIcon.isEmpty() ? {} : { unreadIcon: markedUnread(electron.nativeImage, trayIcon) }),
    window: () => win,
    appName: app.getName(),
    quit: () => app.quit(),
  });
  tray.setEnabled(settings.keepInTray);
  mainWindow.on('show', () => tray.refresh());
  mainWindow.on('hide', () => tray.refresh());

  const applyMenuBar = (hide: boolean): void => {
    mainWindow.setAutoHideMenuBar(hide);
    mainWindow.setMenuBarVisibility(!hide);
  };
  applyMenuBar(settings.hideMenuBar);

  let zoomFactor = settings.zoomFactor;
  const zoom = (command: ZoomCommand): void => {
    zoomFactor = nextZoomFactor(zoomFactor, command);
    mainWindow.webContents.setZoomFactor(zoomFactor);
    Promise.resolve(backend.handlers['settings.set']({ key: 'zoomFactor', value: zoomFactor })).catch((err: unknown) =>
      log.warn('saving the zoom factor failed', err),
    );
  };
  // The "Auto Update" setting is deliberately never read: the project runs no update server (spec/ui.md
  // §9.7 describes the official one), so nothing here may check, download or install anything.
  const unsubscribeSettings = backend.on('settings.changed', ({ key, settings: next }) => {
    settings = next;
    microphoneAllowed = next.microphone;
    if (key === 'zoomFactor' && next.zoomFactor !== zoomFactor) {
      zoomFactor = next.zoomFactor;
      mainWindow.webContents.setZoomFactor(zoomFactor);
    }
    if (key === 'hideMenuBar') applyMenuBar(next.hideMenuBar);
    if (key === 'keepInTray') tray.setEnabled(next.keepInTray);
    if (key === 'theme' || key === 'accent') aboutWindow.refresh();
  });

  // A profile with an app password opens on the lock screen with its pre-unlock settings; once unlocked,
  // the rest (microphone, tray, spellcheck...) come from the database.
  const unsubscribeUnlock = backend.on('password.changed', ({ locked }) => {
    if (locked) return;
    Promise.resolve(backend.handlers['settings.getAll']({})).then(
      (next) => {
        settings = next;
        microphoneAllowed = next.microphone;
        tray.setEnabled(next.keepInTray);
        applyMenuBar(next.hideMenuBar);
      },
      (err: unknown) => log.warn('reading the settings after unlock failed', err),
    );
  });

  // Help ▸ About (macOS: app menu ▸ About) opens the About window (spec/ui.md §1.1 item 3).
  const aboutWindow = createAboutWindowController({
    create: (options) => new electron.BrowserWindow(withSecureWebPreferences(options)),
    parent: () => win,
    rendererHtml: deps.paths.rendererHtml,
    about: () => backend.handlers['app.getAbout']({}),
    settings: () => settings,
    backgroundColor: BACKGROUND_COLOR,
    ...(deps.paths.icon ? { icon: deps.paths.icon } : {}),
    onError: (what, err) => log.error(what, err),
  });
  const showAbout = (): void => {
    aboutWindow.open().catch((err: unknown) => log.error('opening the About window failed', err));
  };
  // "Export Logs" (View menu, Help settings page): the backend's export through the native Save dialog.
  const writeFile = deps.writeFile ?? ((file: string, text: string) => fs.promises.writeFile(file, text, { mode: 0o600 }));
  const saveLog = (userAgent?: string) =>
    saveDebugLog({
      dialog,
      parentWindow: () => win,
      desktopDir: desktopFolder(app),
      exportLog: () => backend.handlers['app.exportDebugLog'](userAgent !== undefined ? { userAgent } : {}),
      writeFile,
    });
  const exportLogs = (): void => {
    saveLog(win && !win.isDestroyed() ? win.webContents.getUserAgent() : undefined).catch((err: unknown) => {
      log.error('exporting the debug log failed', err);
      dialog.showErrorBox('Export Logs', `The debug log could not be saved: ${message(err)}`);
    });
  };
  electron.Menu.setApplicationMenu(
    electron.Menu.buildFromTemplate(
      buildMenuTemplate({ platform: deps.platform, development: !app.isPackaged, appName: app.getName(), zoom, showAbout, openLink: openExternal, exportLogs }),
    ),
  );

  // The renderer's "Export Logs" gets the Save dialog too: this host answers app.exportDebugLog itself.
  const ipcBackend: HostBackend = {
    ...backend,
    handlers: {
      ...backend.handlers,
      // The Spell Check setting says why it is off where no dictionary ships (main/spellCheck.ts).
      'app.getInfo': async (p) => {
        const info = await backend.handlers['app.getInfo'](p);
        return spellCheck.available ? info : { ...info, spellCheckUnavailable: spellCheck.reason };
      },
      'app.exportDebugLog': ({ userAgent }) =>
        saveLog(userAgent).catch((err: unknown) => {
          log.error('exporting the debug log failed', err);
          // The user picked the file, so the reason (a full disk, a folder they may not write) is theirs to see.
          throw new IpcError('internal', `The debug log could not be saved: ${message(err)}`);
        }),
      // "Save as" on an attachment: the native Save dialog, then the decrypted bytes written where the user chose.
      'attachments.save': (p) =>
        saveAttachment(
          {
            dialog,
            parentWindow: () => win,
            downloadsDir: app.getPath('downloads'),
            handlers: backend.handlers,
            writeFile: deps.writeBytes ?? ((file, bytes) => fs.promises.writeFile(file, bytes, { mode: 0o600 })),
            exists: (file) => fs.existsSync(file),
          },
          p,
        ).catch((err: unknown) => {
          if (err instanceof IpcError) throw err;
          log.error('saving an attachment failed', err);
          throw new IpcError('internal', `The file could not be saved: ${message(err)}`);
        }),
    },
  };
  const detachIpc = deps.attachIpc(ipcBackend, electron.ipcMain, mainWindow);

  // Notifications for incoming messages and the unread badge (spec/ui.md §9.4, §9.5).
  const desktop = attachDesktopIntegration({
    backend,
    settings: () => settings,
    log,
    ...electronDesktopHooks({ electron, window: mainWindow, tray, platform: deps.platform, ...(deps.paths.icon ? { iconPath: deps.paths.icon } : {}) }),
  });
  mainWindow.on('focus', () => desktop.windowFocused());

  mainWindow.webContents.on('context-menu', (_event, params) => {
    const template = buildContextMenuTemplate(params, { replaceMisspelling: (word) => mainWindow.webContents.replaceMisspelling(word) });
    if (template.length > 0) electron.Menu.buildFromTemplate(template).popup({ window: mainWindow });
  });

  // The page's <title> must not replace the window title (it carries the network name).
  mainWindow.on('page-title-updated', (event) => event.preventDefault());
  mainWindow.once('ready-to-show', () => {
    if (geometry.maximized) mainWindow.maximize();
    if (geometry.fullScreen) mainWindow.setFullScreen(true);
    mainWindow.show();
  });

  let quitting = false;
  let lastState: WindowState | null = null;
  mainWindow.on('close', (event) => {
    lastState = captureWindowState(mainWindow);
    if (quitting) return;
    event.preventDefault();
    // With the tray icon, and always on macOS, closing only hides the window (spec/ui.md §9.1).
    if (deps.platform === 'darwin' || tray.enabled) mainWindow.hide();
    // Elsewhere closing it quits: the window stays until the quit-time wait for queued messages is over, so
    // that wait shows in its title instead of the app lingering unseen; the quit then closes it.
    else app.quit();
  });
  mainWindow.on('closed', () => {
    win = null;
  });
  app.on('activate', () => {
    if (win) {
      win.show();
      win.focus();
    }
  });
  app.on('window-all-closed', () => {
    if (deps.platform !== 'darwin') app.quit();
  });

  let shutdown: 'running' | 'closing' | 'closed' = 'running';
  app.on('before-quit', (event) => {
    quitting = true;
    if (shutdown === 'closed') return;
    event.preventDefault();
    if (shutdown === 'closing') return;
    shutdown = 'closing';
    if (win && !win.isDestroyed()) lastState = captureWindowState(win);
    void (async () => {
      unsubscribeSettings();
      unsubscribeUnlock();
      desktop.detach();
      detachIpc();
      try {
        if (lastState) backend.prefs.update({ windowBounds: { ...lastState.bounds, maximized: lastState.maximized, fullScreen: lastState.fullScreen } });
      } catch (err) {
        log.warn('saving the window position failed', err);
      }
      // The wait for queued follow-ups shows in the window title, the taskbar/dock and the tray tooltip (the
      // tray stays until then, so a user who quit from it sees why the app is still there).
      const drainMs = deps.shutdownDrainMs ?? SHUTDOWN_DRAIN_MS;
      const progress = createQuitProgress({
        window: () => win,
        tray,
        baseTitle: windowTitle(location.networkLabel),
        drainMs,
        platform: deps.platform,
      });
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        // A stuck close must not keep the app from quitting; the profile lock is then left to go stale.
        const timeoutMs = deps.shutdownTimeoutMs ?? 60_000;
        await Promise.race([
          backend.close({ drainMs, onProgress: (pending, elapsedMs) => progress.update(pending, elapsedMs) }),
          new Promise<void>((_resolve, reject) => {
            timer = setTimeout(() => reject(new Error(`the backend did not close within ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
      } catch (err) {
        log.error('closing the backend failed', err);
      } finally {
        clearTimeout(timer);
      }
      try {
        progress.done();
        tray.setEnabled(false);
      } catch (err) {
        // Nothing on the way out may keep the app from quitting.
        log.warn('clearing the quit progress failed', err);
      }
      shutdown = 'closed';
      app.quit();
    })();
  });

  await mainWindow.loadFile(deps.paths.rendererHtml);
}
