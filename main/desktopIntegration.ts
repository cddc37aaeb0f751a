// Wires the backend's events to the desktop: OS notifications for incoming messages and the unread
// total on the dock/taskbar badge, the Windows taskbar overlay and the tray icon. The conversation
// summaries come from the backend's events (one list query at start and after an account change).
import type { BrowserWindow, NativeImage } from 'electron';
import type * as Electron from 'electron';
import type { Backend } from '../ts/backend/types';
import type { Logger } from '../ts/backend/log';
import type { ConversationSummary, Settings } from '../ts/ipc/contract';
import { createBadgeUpdater, unreadTotal, withUnreadDot } from './badge';
import { createConversationIndex } from './conversationIndex';
import { sendHostEvent } from './ipcWiring';
import type { TrayController } from './tray';
import { createNotifier, type NotificationLike, type NotificationOptions } from './notifications';

export interface DesktopIntegrationDeps {
  backend: Pick<Backend, 'on' | 'handlers'>;
  settings: () => Settings;
  notifications: { create: (options: NotificationOptions) => NotificationLike; isSupported: () => boolean };
  isWindowFocused: () => boolean;
  /** Shows and focuses the window and tells the renderer to open the conversation. */
  openConversation: (id: string) => void;
  /** Shows the unread total wherever this platform can (0 clears). */
  showUnread: (total: number) => void;
  log: Logger;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  now?: () => number;
}

export interface DesktopIntegration {
  /** The window gained focus. */
  windowFocused(): void;
  /** Unsubscribes and clears the notification; the badge is cleared too. */
  detach(): void;
}

export function attachDesktopIntegration(deps: DesktopIntegrationDeps): DesktopIntegration {
  const setTimer = deps.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const now = deps.now ?? Date.now;
  const index = createConversationIndex();
  const badge = createBadgeUpdater({ apply: deps.showUnread, setTimer, clearTimer, now });
  const notifier = createNotifier({
    ...deps.notifications,
    isWindowFocused: deps.isWindowFocused,
    settings: deps.settings,
    conversation: (id) => index.get(id),
    open: deps.openConversation,
    setTimer,
    clearTimer,
    now,
  });
  const refreshBadge = (): void => badge.set(unreadTotal(index.all()));

  let generation = 0;
  const reload = (): void => {
    const mine = ++generation;
    const list = deps.backend.handlers['conversations.list'];
    // A throw inside then() becomes the rejection below, so a failing backend never breaks startup.
    Promise.resolve()
      .then(() => Promise.all([list({}), list({ requests: true })]))
      .then(
        ([inbox, requests]: ConversationSummary[][]) => {
          if (mine !== generation) return;
          index.reset([...(inbox ?? []), ...(requests ?? [])]);
          refreshBadge();
        },
        // Before an account exists there is nothing to list; account.changed reloads.
        (err: unknown) => deps.log.debug('desktop: conversations unavailable', err),
      );
  };

  const offs = [
    deps.backend.on('conversations.updated', ({ conversations }) => {
      index.update(conversations);
      refreshBadge();
    }),
    deps.backend.on('conversations.removed', ({ ids }) => {
      index.remove(ids);
      refreshBadge();
    }),
    deps.backend.on('messages.added', ({ messages }) => notifier.messagesAdded(messages)),
    deps.backend.on('network.status', ({ state }) => notifier.networkStatus(state)),
    deps.backend.on('account.changed', ({ account }) => {
      index.reset([]);
      refreshBadge();
      if (account) reload();
    }),
  ];
  reload();

  return {
    windowFocused: () => notifier.windowFocused(),
    detach() {
      for (const off of offs) off();
      generation++;
      notifier.dispose();
      badge.dispose();
    },
  };
}

/** A copy of `image` with the unread dot painted in its top-right corner. */
export function markedUnread(
  nativeImage: Pick<typeof Electron.nativeImage, 'createFromBitmap'>,
  image: NativeImage,
  radiusFraction?: number,
): NativeImage {
  const { width, height } = image.getSize();
  return nativeImage.createFromBitmap(
    Buffer.from(withUnreadDot(image.toBitmap(), width, height, radiusFraction)),
    { width, height },
  );
}

export interface ElectronDesktopOptions {
  electron: Pick<typeof Electron, 'Notification' | 'nativeImage' | 'app'>;
  window: BrowserWindow;
  tray: Pick<TrayController, 'setUnread'>;
  platform: NodeJS.Platform;
  /** The app icon, shown in notifications on Linux. */
  iconPath?: string;
}

/** The Electron side of the integration: the Notification class, window focus, the badge, overlay and tray. */
export function electronDesktopHooks(
  o: ElectronDesktopOptions,
): Pick<DesktopIntegrationDeps, 'notifications' | 'isWindowFocused' | 'openConversation' | 'showUnread'> {
  const { electron, window } = o;
  // Windows has no numeric taskbar badge: a dot overlay says there is something unread.
  const overlay =
    o.platform === 'win32'
      ? markedUnread(
          electron.nativeImage,
          electron.nativeImage.createFromBitmap(Buffer.alloc(16 * 16 * 4), { width: 16, height: 16 }),
          0.5,
        )
      : null;
  if (o.platform === 'win32') window.on('focus', () => window.flashFrame(false));
  return {
    notifications: {
      create: (options) => {
        // Windows also flashes the taskbar button until the window is focused (spec/ui.md §9.4).
        if (o.platform === 'win32' && !window.isDestroyed()) window.flashFrame(true);
        return new electron.Notification({ ...options, ...(o.iconPath ? { icon: o.iconPath } : {}) });
      },
      isSupported: () => electron.Notification.isSupported(),
    },
    isWindowFocused: () => !window.isDestroyed() && window.isVisible() && window.isFocused(),
    openConversation: (id) => {
      if (window.isDestroyed()) return;
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
      sendHostEvent(window, 'app.openConversation', { id });
    },
    showUnread: (total) => {
      electron.app.setBadgeCount(total);
      if (overlay && !window.isDestroyed())
        window.setOverlayIcon(total > 0 ? overlay : null, total > 0 ? `${total} unread` : '');
      o.tray.setUnread(total);
    },
  };
}
