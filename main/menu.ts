// The application menu (spec/ui.md §9.2) with its standard shortcuts (§9.3). Pure: returns the
// template, so tests can check roles and accelerators without Electron.
import type { MenuItemConstructorOptions } from 'electron';

export type ZoomCommand = 'in' | 'out' | 'reset';

export const SUPPORT_URL = 'https://docs.oxen.io/products-built-on-oxen/session';

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** Developer tools and reload are offered only when the app runs unpackaged. */
  development: boolean;
  appName: string;
  zoom: (command: ZoomCommand) => void;
  showAbout: () => void;
  openLink: (url: string) => void;
  /** View ▸ Export Logs (spec/ui.md §9.2); the item is shown only when given. */
  exportLogs?: () => void;
}

export function buildMenuTemplate(opts: MenuOptions): MenuItemConstructorOptions[] {
  const mac = opts.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];

  if (mac) {
    template.push({
      label: opts.appName,
      submenu: [
        { label: 'About', click: () => opts.showAbout() },
        { type: 'separator' },
        { role: 'hide', label: 'Hide' },
        { role: 'hideOthers', label: 'Hide Others' },
        { role: 'unhide', label: 'Show All' },
        { type: 'separator' },
        { role: 'quit', label: `Quit ${opts.appName}`, accelerator: 'CmdOrCtrl+Q' },
      ],
    });
  } else {
    template.push({
      label: '&File',
      submenu: [{ role: 'quit', label: `&Quit ${opts.appName}`, accelerator: 'CmdOrCtrl+Q' }],
    });
  }

  template.push({
    label: '&Edit',
    submenu: [
      { role: 'undo', label: '&Undo', accelerator: 'CmdOrCtrl+Z' },
      { role: 'redo', label: '&Redo', accelerator: mac ? 'Shift+CmdOrCtrl+Z' : 'CmdOrCtrl+Y' },
      { type: 'separator' },
      { role: 'cut', label: 'Cu&t', accelerator: 'CmdOrCtrl+X' },
      { role: 'copy', label: '&Copy', accelerator: 'CmdOrCtrl+C' },
      { role: 'paste', label: '&Paste', accelerator: 'CmdOrCtrl+V' },
      { role: 'selectAll', label: 'Select &All', accelerator: 'CmdOrCtrl+A' },
    ],
  });

  const view: MenuItemConstructorOptions[] = [
    { label: '&Actual Size', accelerator: 'CmdOrCtrl+0', click: () => opts.zoom('reset') },
    { label: 'Zoom &In', accelerator: 'CmdOrCtrl+=', click: () => opts.zoom('in') },
    // "Ctrl +" needs Shift on many layouts, and the keypad has its own keys: same command, no extra rows.
    { label: 'Zoom In', accelerator: 'CmdOrCtrl+Plus', visible: false, acceleratorWorksWhenHidden: true, click: () => opts.zoom('in') },
    { label: 'Zoom In', accelerator: 'CmdOrCtrl+numadd', visible: false, acceleratorWorksWhenHidden: true, click: () => opts.zoom('in') },
    { label: 'Zoom &Out', accelerator: 'CmdOrCtrl+-', click: () => opts.zoom('out') },
    { label: 'Zoom Out', accelerator: 'CmdOrCtrl+numsub', visible: false, acceleratorWorksWhenHidden: true, click: () => opts.zoom('out') },
    { type: 'separator' },
    { role: 'togglefullscreen', label: 'Toggle &Full Screen', accelerator: mac ? 'Ctrl+Cmd+F' : 'F11' },
  ];
  const exportLogs = opts.exportLogs;
  if (exportLogs) view.push({ type: 'separator' }, { label: '&Export Logs', click: () => exportLogs() });
  if (opts.development) {
    view.push(
      { type: 'separator' },
      { role: 'reload', label: '&Reload', accelerator: 'CmdOrCtrl+R' },
      { role: 'toggleDevTools', label: 'Toggle &Developer Tools', accelerator: mac ? 'Alt+Cmd+I' : 'Ctrl+Shift+I' },
    );
  }
  template.push({ label: '&View', submenu: view });

  template.push({
    label: '&Window',
    role: 'windowMenu',
    submenu: mac
      ? [
          { role: 'close', label: 'Close Window', accelerator: 'CmdOrCtrl+W' },
          { role: 'minimize', label: 'Minimize', accelerator: 'CmdOrCtrl+M' },
          { role: 'zoom', label: 'Zoom' },
          { role: 'front', label: 'Show' },
        ]
      : [{ role: 'minimize', label: '&Minimize', accelerator: 'CmdOrCtrl+M' }],
  });

  // No "Go to Release Notes" yet: the project publishes no release page to point at.
  const help: MenuItemConstructorOptions[] = [
    { label: 'Go to Support Page', click: () => opts.openLink(SUPPORT_URL) },
  ];
  if (!mac) help.push({ type: 'separator' }, { label: '&About', click: () => opts.showAbout() });
  template.push({ label: '&Help', role: 'help', submenu: help });

  return template;
}

export const ZOOM_MIN = 0.5;
export const ZOOM_MAX = 2;
export const ZOOM_STEP = 0.1;

/** Next zoom factor: 10 % steps between 50 % and 200 % (spec/ui.md §9.6), rounded so steps don't drift. */
export function nextZoomFactor(current: number, command: ZoomCommand): number {
  if (command === 'reset') return 1;
  const stepped = current + (command === 'in' ? ZOOM_STEP : -ZOOM_STEP);
  const rounded = Math.round(stepped * 10) / 10;
  return Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, rounded));
}
