// The optional system-tray icon (spec/ui.md §9.1): shown while "Keep in System Tray" is on; a click
// toggles the window, its menu offers Hide/Show and Quit. While it exists, closing the window hides it.
import type { MenuItemConstructorOptions, NativeImage } from 'electron';

export interface TrayWindow {
  isVisible(): boolean;
  isDestroyed(): boolean;
  show(): void;
  hide(): void;
  focus(): void;
}

export interface TrayLike {
  setToolTip(text: string): void;
  setContextMenu(menu: unknown): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface TrayDeps {
  createTray: (icon: NativeImage | string) => TrayLike;
  buildMenu: (template: MenuItemConstructorOptions[]) => unknown;
  icon: NativeImage | string;
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
}

export function createTrayController(deps: TrayDeps): TrayController {
  let tray: TrayLike | null = null;
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
        tray = deps.createTray(deps.icon);
        tray.setToolTip('Session');
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
  };
}
