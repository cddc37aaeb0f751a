// The About window (spec/ui.md §1.1 item 3): 550×550, a child of the main window, without a menu bar,
// showing the renderer's About view (`?view=about`) in the current theme. The page gets everything it
// shows in its URL and no preload: it needs no access to the engine, so it gets none. Its links open
// through the same "Open URL" confirmation as every other window's (blockNavigationAndPopups).
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import type { AboutInfo, Settings } from '../ts/ipc/contract';
import { secureWebPreferences } from './security';

export const ABOUT_WINDOW_SIZE = 550;

export function aboutWindowOptions(o: { parent: BrowserWindow; title: string; backgroundColor: string; icon?: string }): BrowserWindowConstructorOptions {
  const webPreferences = secureWebPreferences({ preloadPath: '', spellcheck: false });
  delete webPreferences.preload;
  return {
    width: ABOUT_WINDOW_SIZE,
    height: ABOUT_WINDOW_SIZE,
    parent: o.parent,
    title: o.title,
    resizable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    autoHideMenuBar: true,
    show: false,
    backgroundColor: o.backgroundColor,
    ...(o.icon ? { icon: o.icon } : {}),
    webPreferences,
  };
}

/** The page's query: the view, what it shows and the theme it follows. */
export function aboutQuery(about: AboutInfo, settings: Pick<Settings, 'theme' | 'accent'>): Record<string, string> {
  return {
    view: 'about',
    name: about.name,
    version: about.version,
    system: about.systemInformation,
    ...(about.commitHash !== undefined ? { commit: about.commitHash } : {}),
    network: about.network,
    theme: settings.theme,
    accent: settings.accent,
  };
}

export interface AboutWindowDeps {
  create: (options: BrowserWindowConstructorOptions) => BrowserWindow;
  parent: () => BrowserWindow | null;
  rendererHtml: string;
  about: () => Promise<AboutInfo> | AboutInfo;
  settings: () => Pick<Settings, 'theme' | 'accent'>;
  /** The window's background until the page paints (it is shown only once painted, so no flash either way). */
  backgroundColor: string;
  icon?: string;
  onError: (what: string, err: unknown) => void;
}

export interface AboutWindowController {
  /** Opens the window, or brings the open one to the front. */
  open(): Promise<void>;
  /** Shows the open window in the current theme again (after a theme or accent change). */
  refresh(): void;
  readonly window: BrowserWindow | null;
}

export function createAboutWindowController(deps: AboutWindowDeps): AboutWindowController {
  let win: BrowserWindow | null = null;
  let about: AboutInfo | null = null;
  const load = (w: BrowserWindow, info: AboutInfo): void => {
    w.loadFile(deps.rendererHtml, { query: aboutQuery(info, deps.settings()) }).catch((err: unknown) => deps.onError('loading the About window failed', err));
  };
  return {
    get window() {
      return win;
    },
    async open() {
      if (win && !win.isDestroyed()) {
        win.show();
        win.focus();
        return;
      }
      const parent = deps.parent();
      if (!parent) return;
      about = await deps.about();
      const w = deps.create(
        aboutWindowOptions({ parent, title: `About ${about.name}`, backgroundColor: deps.backgroundColor, ...(deps.icon ? { icon: deps.icon } : {}) }),
      );
      win = w;
      w.setMenuBarVisibility(false);
      w.once('ready-to-show', () => w.show());
      w.on('closed', () => {
        if (win === w) win = null;
      });
      load(w, about);
    },
    refresh() {
      if (win && !win.isDestroyed() && about) load(win, about);
    },
  };
}
