// The optional system-tray icon (spec/ui.md §9.1): shown while "Keep in System Tray" is on; a click
// toggles the window, its menu offers Hide/Show and Quit. While it exists, closing the window hides it.
// It also carries the unread total: a dot on the icon and the count in its tooltip, and, while quitting
// waits for queued messages, what it waits for (main/quitProgress.ts) in that tooltip instead.
import type { MenuItemConstructorOptions, NativeImage } from 'electron';
import { trayTooltip } from './badge';

export interface TrayWindow {
  isVisible(): boolean;
  isDestroyed(): boolean;
  show(): void;
  hide(): void;
  focus(): void;
}

export interface TrayLike {
  setToolTip(text: string): void;
  setImage(image: NativeImage | string): void;
  setContextMenu(menu: unknown): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface TrayDeps {
  createTray: (icon: NativeImage | string) => TrayLike;
  buildMenu: (template: MenuItemConstructorOptions[]) => unknown;
  icon: NativeImage | string;
  /** The icon with the unread dot; without it, unread messages show in the tooltip only. */
  unreadIcon?: NativeImage | string;
  window: () => TrayWindow | null;
  appName: string;
  quit: () => void;
}

export function trayMenuTemplate(windowVisible: boolean, appName: string, toggle: () => void, quit: () => void): MenuItemConstructorOptions[] {
  return [
    { label: windowVisible ? 'Hide' : 'Show', click: toggle },
    { type: 'separator' },
    { label: `Quit ${appName}`, click: quit },
  ];
}

export interface TrayController {
  /** Creates or removes the icon. */
  setEnabled(enabled: boolean): void;
  readonly enabled: boolean;
  /** Rebuilds the menu after the window was shown or hidden (its first item follows the state). */
  refresh(): void;
  /** Shows the unread total (0: the plain icon and tooltip), now and whenever the icon is created again. */
  setUnread(total: number): void;
  /** A passing status shown as the tooltip instead of the unread total (null: back to it). */
  setStatus(text: string | null): void;
}

export function createTrayController(deps: TrayDeps): TrayController {
  let tray: TrayLike | null = null;
  let unread = 0;
  let status: string | null = null;
  const tooltip = (): string => status ?? trayTooltip(unread);
  const applyUnread = (): void => {
    if (!tray) return;
    tray.setToolTip(tooltip());
    if (deps.unreadIcon !== undefined) tray.setImage(unread > 0 ? deps.unreadIcon : deps.icon);
  };
  const toggle = (): void => {
    const win = deps.window();
    if (!win || win.isDestroyed()) return;
    if (win.isVisible()) win.hide();
    else {
      win.show();
      win.focus();
    }
    refresh();
  };
  const refresh = (): void => {
    if (!tray) return;
    const win = deps.window();
    const visible = !!win && !win.isDestroyed() && win.isVisible();
    tray.setContextMenu(deps.buildMenu(trayMenuTemplate(visible, deps.appName, toggle, deps.quit)));
  };
  return {
    setEnabled(enabled) {
      if (enabled && !tray) {
        tray = deps.createTray(unread > 0 && deps.unreadIcon !== undefined ? deps.unreadIcon : deps.icon);
        tray.setToolTip(tooltip());
        tray.on('click', toggle);
        refresh();
      } else if (!enabled && tray) {
        tray.destroy();
        tray = null;
      }
    },
    get enabled() {
      return tray !== null;
    },
    refresh,
    setUnread(total) {
      if (total === unread) return;
      unread = total;
      applyUnread();
    },
    setStatus(text) {
      if (text === status) return;
      status = text;
      tray?.setToolTip(tooltip());
    },
  };
}
