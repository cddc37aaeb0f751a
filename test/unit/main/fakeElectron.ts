// A stand-in for the `electron` module: records what the main process asks of it, and lets tests
// fire the events Electron would (second launch, navigation, quit, focus, a notification click).
import { EventEmitter } from 'node:events';

export interface FakeEvent {
  defaultPrevented: boolean;
  url: string;
  preventDefault(): void;
}

export function fakeEvent(url = ''): FakeEvent {
  return {
    defaultPrevented: false,
    url,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  zoomFactor = 1;
  setWindowOpenHandler = jest.fn((h: (details: { url: string }) => { action: string }) => {
    this.windowOpenHandler = h;
  });
  replaceMisspelling = jest.fn();
  destroyed = false;
  isDestroyed = (): boolean => this.destroyed;
  /** Everything sent to the renderer with webContents.send, as [channel, ...args]. */
  sent: unknown[][] = [];
  send = jest.fn((channel: string, ...args: unknown[]) => {
    this.sent.push([channel, ...args]);
  });
  setZoomFactor = jest.fn((f: number) => {
    this.zoomFactor = f;
  });
  getUserAgent = (): string => 'Mozilla/5.0 (X11; Linux x86_64) Chrome/142.0.0.0 Electron/40.0.0';
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  static onCreate: ((w: FakeBrowserWindow) => void) | null = null;
  readonly webContents = new FakeWebContents();
  destroyed = false;
  minimized = false;
  maximized = false;
  visible = false;
  bounds: { x: number; y: number; width: number; height: number };
  constructor(readonly options: Record<string, unknown> & { width: number; height: number; x?: number; y?: number }) {
    super();
    this.bounds = { x: options.x ?? 100, y: options.y ?? 100, width: options.width, height: options.height };
    FakeBrowserWindow.instances.push(this);
    FakeBrowserWindow.onCreate?.(this);
  }
  setAutoHideMenuBar = jest.fn();
  setMenuBarVisibility = jest.fn();
  private currentTitle: string | undefined;
  /** The title as last set, else the one it was created with. */
  get title(): string {
    return this.currentTitle ?? String(this.options.title ?? '');
  }
  setTitle = jest.fn((title: string) => {
    this.currentTitle = title;
  });
  /** The taskbar/dock progress as last set (-1: none, Electron's value for "removed"). */
  progress = -1;
  setProgressBar = jest.fn((progress: number) => {
    this.progress = progress;
  });
  loadFile = jest.fn(async () => undefined);
  show = jest.fn(() => {
    this.visible = true;
  });
  hide = jest.fn(() => {
    this.visible = false;
  });
  focused = false;
  focus = jest.fn(() => {
    this.focused = true;
  });
  isFocused = (): boolean => this.focused;
  setOverlayIcon = jest.fn();
  flashFrame = jest.fn();
  restore = jest.fn(() => {
    this.minimized = false;
  });
  maximize = jest.fn(() => {
    this.maximized = true;
  });
  isDestroyed = (): boolean => this.destroyed;
  isVisible = (): boolean => this.visible;
  isMinimized = (): boolean => this.minimized;
  isMaximized = (): boolean => this.maximized;
  fullScreen = false;
  setFullScreen = jest.fn((on: boolean) => {
    this.fullScreen = on;
  });
  isFullScreen = (): boolean => this.fullScreen;
  getNormalBounds = (): { x: number; y: number; width: number; height: number } => this.bounds;
}

export class FakeTray extends EventEmitter {
  static instances: FakeTray[] = [];
  tooltip = '';
  menu: unknown = null;
  destroyed = false;
  constructor(readonly icon: unknown) {
    super();
    this.image = icon;
    FakeTray.instances.push(this);
  }
  image: unknown;
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setImage(image: unknown): void {
    this.image = image;
  }
  setContextMenu(menu: unknown): void {
    this.menu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

/** Electron's Notification: records what was shown and closed; tests emit 'click'. */
export class FakeNotification extends EventEmitter {
  static instances: FakeNotification[] = [];
  static supported = true;
  static isSupported = (): boolean => FakeNotification.supported;
  shown = false;
  closed = false;
  constructor(readonly options: { title: string; body: string; silent?: boolean; icon?: string }) {
    super();
    FakeNotification.instances.push(this);
  }
  show(): void {
    this.shown = true;
  }
  close(): void {
    this.closed = true;
  }
}

/** A NativeImage with a real BGRA bitmap, so painted overlays can be checked pixel by pixel. */
export interface FakeImage {
  path?: string;
  width: number;
  height: number;
  bitmap: Buffer;
  isEmpty(): boolean;
  getSize(): { width: number; height: number };
  toBitmap(): Buffer;
  resize(o: { width: number }): FakeImage;
}

export function fakeImage(width: number, height: number, bitmap: Buffer = Buffer.alloc(width * height * 4), path?: string): FakeImage {
  return {
    ...(path !== undefined ? { path } : {}),
    width,
    height,
    bitmap,
    isEmpty: () => width === 0 || height === 0,
    getSize: () => ({ width, height }),
    toBitmap: () => Buffer.from(bitmap),
    resize: (o) => fakeImage(o.width, o.width, Buffer.alloc(o.width * o.width * 4), path),
  };
}

const workArea = { x: 0, y: 0, width: 1920, height: 1080 };

export function createFakeElectron() {
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    singleInstanceLock: true,
    paths: {} as Record<string, string>,
    requestSingleInstanceLock: jest.fn((): boolean => app.singleInstanceLock),
    setPath: jest.fn((name: string, value: string) => {
      app.paths[name] = value;
    }),
    whenReady: jest.fn(async () => undefined),
    setAppUserModelId: jest.fn(),
    badgeCount: 0,
    setBadgeCount: jest.fn((n: number): boolean => {
      app.badgeCount = n;
      return true;
    }),
    enableSandbox: jest.fn(),
    getPreferredSystemLanguages: () => ['de-CH', 'en-US'],
    getVersion: () => '0.1.0',
    getPath: jest.fn((name: string): string => (name === 'desktop' ? '/home/user/Desktop' : `/home/user/${name}`)),
    getName: () => 'Session TS',
    quit: jest.fn(),
    exit: jest.fn(),
  });
  const defaultSession = {
    webRequest: { onHeadersReceived: jest.fn() },
    setPermissionRequestHandler: jest.fn(),
    setPermissionCheckHandler: jest.fn(),
    setDevicePermissionHandler: jest.fn(),
    availableSpellCheckerLanguages: ['de', 'en-GB', 'en-US', 'fr'],
    setSpellCheckerLanguages: jest.fn(),
    setSpellCheckerDictionaryDownloadURL: jest.fn(),
    setSpellCheckerEnabled: jest.fn(),
  };
  FakeBrowserWindow.instances = [];
  FakeTray.instances = [];
  FakeNotification.instances = [];
  FakeNotification.supported = true;
  FakeBrowserWindow.onCreate = (w) => app.emit('web-contents-created', fakeEvent(), w.webContents);
  return {
    app,
    BrowserWindow: FakeBrowserWindow,
    Tray: FakeTray,
    Notification: FakeNotification,
    nativeImage: {
      createFromPath: (p: string) => fakeImage(256, 256, Buffer.alloc(256 * 256 * 4), p),
      createEmpty: () => fakeImage(0, 0),
      createFromBitmap: (bitmap: Buffer, o: { width: number; height: number }) => fakeImage(o.width, o.height, Buffer.from(bitmap)),
    },
    // Present so a test can prove nothing ever asks it for updates (there is no update server).
    autoUpdater: Object.assign(new EventEmitter(), { setFeedURL: jest.fn(), checkForUpdates: jest.fn(), quitAndInstall: jest.fn() }),
    session: { defaultSession },
    Menu: {
      buildFromTemplate: jest.fn((template: unknown[]) => ({ template, popup: jest.fn() })),
      setApplicationMenu: jest.fn(),
    },
    dialog: {
      showErrorBox: jest.fn(),
      showMessageBox: jest.fn(async () => ({ response: 2, checkboxChecked: false })),
      showSaveDialog: jest.fn(async (): Promise<{ canceled: boolean; filePath?: string }> => ({ canceled: true })),
    },
    shell: { openExternal: jest.fn(async () => undefined) },
    clipboard: { writeText: jest.fn() },
    screen: {
      getPrimaryDisplay: () => ({ workArea }),
      getAllDisplays: () => [{ workArea }],
    },
    ipcMain: { handle: jest.fn(), removeHandler: jest.fn(), on: jest.fn() },
    safeStorage: createFakeSafeStorage(),
  };
}

/**
 * safeStorage on a system whose keychain is `backend` (Linux names; 'basic_text' is Chromium's hard-coded
 * fallback key). Encryption is a reversible stand-in tagged with the "machine", so another one cannot decrypt.
 */
export function createFakeSafeStorage(backend = 'gnome_libsecret', machine = 1) {
  const storage = {
    backend,
    available: true,
    isEncryptionAvailable: jest.fn((): boolean => storage.available),
    getSelectedStorageBackend: jest.fn((): string => storage.backend),
    encryptString: jest.fn((text: string): Buffer => Buffer.concat([Buffer.from([machine]), Buffer.from(text, 'utf8').map((b) => b ^ 0x6b)])),
    decryptString: jest.fn((data: Buffer): string => {
      if (data[0] !== machine) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(data.subarray(1).map((b) => b ^ 0x6b)).toString('utf8');
    }),
  };
  return storage;
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
