// The tray icon: a click toggles the window; the menu's first item follows the window's state.
import type { MenuItemConstructorOptions } from 'electron';
import { createTrayController, trayMenuTemplate, type TrayLike } from '../../../main/tray';

function setup() {
  let visible = true;
  const win = { isVisible: () => visible, isDestroyed: () => false, show: jest.fn(() => void (visible = true)), hide: jest.fn(() => void (visible = false)), focus: jest.fn() };
  const clicks: Array<() => void> = [];
  const tray: TrayLike & { menu: MenuItemConstructorOptions[] | null } = {
    menu: null,
    setToolTip: jest.fn(),
    setImage: jest.fn(),
    setContextMenu: jest.fn((m: unknown) => void (tray.menu = m as MenuItemConstructorOptions[])),
    on: jest.fn((_e: 'click', l: () => void) => clicks.push(l)),
    destroy: jest.fn(),
  };
  const quit = jest.fn();
  const controller = createTrayController({ createTray: () => tray, buildMenu: (t) => t, icon: 'icon.png', window: () => win, appName: 'Session', quit });
  return { win, tray, clicks, quit, controller };
}

describe('tray', () => {
  it('is created only when enabled, with the Session tooltip', () => {
    const s = setup();
    expect(s.controller.enabled).toBe(false);
    s.controller.setEnabled(true);
    expect(s.controller.enabled).toBe(true);
    expect(s.tray.setToolTip).toHaveBeenCalledWith('Session');
    s.controller.setEnabled(false);
    expect(s.tray.destroy).toHaveBeenCalled();
    expect(s.controller.enabled).toBe(false);
  });

  it('a click toggles the window and the menu says Hide or Show accordingly', () => {
    const s = setup();
    s.controller.setEnabled(true);
    expect(s.tray.menu![0]!.label).toBe('Hide');
    s.clicks[0]!();
    expect(s.win.hide).toHaveBeenCalled();
    expect(s.tray.menu![0]!.label).toBe('Show');
    s.clicks[0]!();
    expect(s.win.show).toHaveBeenCalled();
    expect(s.win.focus).toHaveBeenCalled();
    expect(s.tray.menu![0]!.label).toBe('Hide');
  });

  it('offers Quit Session', () => {
    const s = setup();
    s.controller.setEnabled(true);
    const quitItem = s.tray.menu!.find((i) => i.label === 'Quit Session')!;
    (quitItem.click as () => void)();
    expect(s.quit).toHaveBeenCalled();
    expect(trayMenuTemplate(false, 'Session', jest.fn(), jest.fn())[0]!.label).toBe('Show');
  });

  it('a passing status replaces the tooltip until it is cleared, then the unread total is back', () => {
    const s = setup();
    s.controller.setEnabled(true);
    s.controller.setUnread(3);
    expect(s.tray.setToolTip).toHaveBeenLastCalledWith('Session - 3 unread');
    s.controller.setStatus('Session – sending 1 queued message before quitting…');
    expect(s.tray.setToolTip).toHaveBeenLastCalledWith('Session – sending 1 queued message before quitting…');
    // Unread changes meanwhile keep the status in the tooltip.
    s.controller.setUnread(4);
    expect(s.tray.setToolTip).toHaveBeenLastCalledWith('Session – sending 1 queued message before quitting…');
    s.controller.setStatus(null);
    expect(s.tray.setToolTip).toHaveBeenLastCalledWith('Session - 4 unread');
    // Without an icon there is nothing to tell; a status set then shows once the icon exists.
    s.controller.setEnabled(false);
    s.controller.setStatus('busy');
    s.controller.setEnabled(true);
    expect(s.tray.setToolTip).toHaveBeenLastCalledWith('busy');
  });
});
