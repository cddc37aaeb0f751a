// The application menu: standard roles and shortcuts per platform, developer items only in
// development, and the zoom steps.
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate, nextZoomFactor, SUPPORT_URL, type MenuOptions } from '../../../main/menu';

function options(over: Partial<MenuOptions> = {}): MenuOptions {
  return { platform: 'linux', development: false, appName: 'Session', zoom: jest.fn(), showAbout: jest.fn(), openLink: jest.fn(), ...over };
}

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((m) => [m, ...(Array.isArray(m.submenu) ? items(m.submenu) : [])]);
}

const topLabels = (t: MenuItemConstructorOptions[]) => t.map((m) => (m.label ?? '').replace('&', ''));
const byRole = (t: MenuItemConstructorOptions[], role: string) => items(t).find((i) => i.role === role);
const byLabel = (t: MenuItemConstructorOptions[], label: string) => items(t).find((i) => (i.label ?? '').replace('&', '') === label);

describe('application menu', () => {
  it('has File, Edit, View, Window, Help on Linux and Windows', () => {
    expect(topLabels(buildMenuTemplate(options()))).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    expect(topLabels(buildMenuTemplate(options({ platform: 'win32' })))).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
  });

  it('has the standard edit roles with their usual shortcuts', () => {
    const t = buildMenuTemplate(options());
    const expected: Record<string, string> = {
      undo: 'CmdOrCtrl+Z',
      redo: 'CmdOrCtrl+Y',
      cut: 'CmdOrCtrl+X',
      copy: 'CmdOrCtrl+C',
      paste: 'CmdOrCtrl+V',
      selectAll: 'CmdOrCtrl+A',
    };
    for (const [role, accelerator] of Object.entries(expected)) expect(byRole(t, role)).toMatchObject({ accelerator });
    expect(byRole(buildMenuTemplate(options({ platform: 'darwin' })), 'redo')).toMatchObject({ accelerator: 'Shift+CmdOrCtrl+Z' });
  });

  it('has quit, full screen and minimize', () => {
    const t = buildMenuTemplate(options());
    expect(byRole(t, 'quit')).toMatchObject({ label: '&Quit Session', accelerator: 'CmdOrCtrl+Q' });
    expect(byRole(t, 'togglefullscreen')).toMatchObject({ accelerator: 'F11' });
    expect(byRole(t, 'minimize')).toMatchObject({ accelerator: 'CmdOrCtrl+M' });
  });

  it('zooms in, out and back to actual size with Ctrl/Cmd + = - 0', () => {
    const opts = options();
    const t = buildMenuTemplate(opts);
    const click = (label: string) => (byLabel(t, label)!.click as () => void)();
    expect(byLabel(t, 'Zoom In')).toMatchObject({ accelerator: 'CmdOrCtrl+=' });
    expect(byLabel(t, 'Zoom Out')).toMatchObject({ accelerator: 'CmdOrCtrl+-' });
    expect(byLabel(t, 'Actual Size')).toMatchObject({ accelerator: 'CmdOrCtrl+0' });
    click('Zoom In');
    click('Zoom Out');
    click('Actual Size');
    expect(opts.zoom).toHaveBeenNthCalledWith(1, 'in');
    expect(opts.zoom).toHaveBeenNthCalledWith(2, 'out');
    expect(opts.zoom).toHaveBeenNthCalledWith(3, 'reset');
    expect(items(t).some((i) => i.accelerator === 'CmdOrCtrl+Plus' && i.visible === false)).toBe(true);
  });

  it('offers developer tools and reload only in development', () => {
    expect(byRole(buildMenuTemplate(options()), 'toggleDevTools')).toBeUndefined();
    expect(byRole(buildMenuTemplate(options()), 'reload')).toBeUndefined();
    expect(byRole(buildMenuTemplate(options({ development: true })), 'toggleDevTools')).toBeDefined();
  });

  it('Help has the support page (through the link confirmation) and About', () => {
    const opts = options();
    const t = buildMenuTemplate(opts);
    (byLabel(t, 'Go to Support Page')!.click as () => void)();
    expect(opts.openLink).toHaveBeenCalledWith(SUPPORT_URL);
    (byLabel(t, 'About')!.click as () => void)();
    expect(opts.showAbout).toHaveBeenCalled();
  });

  it('on macOS puts About, Hide and Quit in the app menu, with no File menu', () => {
    const t = buildMenuTemplate(options({ platform: 'darwin' }));
    expect(topLabels(t)).toEqual(['Session', 'Edit', 'View', 'Window', 'Help']);
    const appMenu = t[0]!.submenu as MenuItemConstructorOptions[];
    expect(appMenu.map((i) => i.role ?? i.label ?? i.type)).toEqual(['About', 'separator', 'hide', 'hideOthers', 'unhide', 'separator', 'quit']);
    expect(byRole(t, 'close')).toMatchObject({ accelerator: 'CmdOrCtrl+W' });
    const help = t[4]!.submenu as MenuItemConstructorOptions[];
    expect(help.some((i) => i.label === 'About' || i.label === '&About')).toBe(false);
  });
});

describe('zoom steps', () => {
  it('moves in 10 % steps between 50 % and 200 %', () => {
    expect(nextZoomFactor(1, 'in')).toBe(1.1);
    expect(nextZoomFactor(1.1, 'in')).toBe(1.2);
    expect(nextZoomFactor(1, 'out')).toBe(0.9);
    expect(nextZoomFactor(2, 'in')).toBe(2);
    expect(nextZoomFactor(0.5, 'out')).toBe(0.5);
    expect(nextZoomFactor(1.7, 'reset')).toBe(1);
  });

  it('does not drift after many steps', () => {
    let f = 1;
    for (let i = 0; i < 7; i++) f = nextZoomFactor(f, 'in');
    expect(f).toBe(1.7);
  });
});
