// Connects the backend to the app window over Electron IPC (ts/ipc's main end). Only the window's
// top frame may call, and only while it shows the app's own page: navigation is blocked, but a frame
// inside the page, or a page that got there some other way, must never reach the engine.
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import type { HostBackend } from '../ts/backend/types';
import type { Logger } from '../ts/backend/log';
import { createDispatcher } from '../ts/ipc/dispatch';
import { attachElectronMain } from '../ts/ipc/transport/electronMain';
import type { EventName, EventPayloads } from '../ts/ipc/contract';
import { EVENT_CHANNEL, type EventMessage } from '../ts/ipc/wire';

type IpcWindow = Pick<BrowserWindow, 'isDestroyed'> & { webContents: Pick<BrowserWindow['webContents'], 'send' | 'isDestroyed' | 'mainFrame'> };

/**
 * True when `frameUrl` is the app's page (`pageUrl`, the file:// URL of the bundled index.html): same scheme
 * and path; the query and fragment may differ. A URL that does not parse is not the page.
 */
export function isAppPageUrl(frameUrl: string, pageUrl: string): boolean {
  let frame: URL;
  let page: URL;
  try {
    frame = new URL(frameUrl);
    page = new URL(pageUrl);
  } catch {
    return false;
  }
  return frame.protocol === 'file:' && page.protocol === 'file:' && frame.host === page.host && comparablePath(frame) === comparablePath(page);
}

/**
 * A file URL's path as compared: decoded, since Chromium and Node may escape a character of the same path
 * differently (the app may live under a folder with spaces or accents), and in one case on Windows, whose
 * paths ignore case (a drive letter may come in either).
 */
function comparablePath(url: URL): string {
  let p: string;
  try {
    p = decodeURIComponent(url.pathname);
  } catch {
    p = url.pathname;
  }
  return /^\/[A-Za-z]:\//.test(p) ? p.toLowerCase() : p;
}

/** True for calls from the main frame of the window's own web contents while it shows the app's page. */
export function isFromWindowMainFrame(window: IpcWindow, event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, pageUrl: string): boolean {
  if (window.isDestroyed()) return false;
  const frame = event.senderFrame;
  return (event.sender as unknown) === window.webContents && frame !== null && frame === window.webContents.mainFrame && isAppPageUrl(frame.url, pageUrl);
}

export interface BackendIpcOptions {
  log: Logger;
  /** The file:// URL of the page the window loads (the renderer's index.html). */
  pageUrl: string;
}

export function attachBackendIpc(
  backend: Pick<HostBackend, 'handlers' | 'on'>,
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  window: IpcWindow,
  { log, pageUrl }: BackendIpcOptions,
): () => void {
  return attachElectronMain({
    ipcMain,
    dispatcher: createDispatcher(backend.handlers, { onInternalError: (method, err) => log.error(`ipc: ${method} failed`, err) }),
    subscribe: (event, listener) => backend.on(event, listener),
    getTargets: () => (window.isDestroyed() ? [] : [window.webContents]),
    isTrustedSender: (event) => isFromWindowMainFrame(window, event, pageUrl),
    onError: (msg, err) => log.warn(msg, err),
  });
}

/**
 * Sends an event that comes from the host rather than the backend (e.g. `app.openConversation` after a
 * notification click) to the window, on the same channel and in the same shape as backend events.
 */
export function sendHostEvent<E extends EventName>(
  window: Pick<BrowserWindow, 'isDestroyed'> & { webContents: Pick<BrowserWindow['webContents'], 'send' | 'isDestroyed'> },
  event: E,
  payload: EventPayloads[E],
): boolean {
  if (window.isDestroyed() || window.webContents.isDestroyed()) return false;
  const message: EventMessage = { event, payload };
  window.webContents.send(EVENT_CHANNEL, message);
  return true;
}
