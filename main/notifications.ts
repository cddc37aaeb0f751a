// OS notifications for incoming messages (spec/ui.md §9.4): one at a time, replaced as messages keep
// coming (2 s debounce), only while no app window is focused, never for muted conversations or with
// the master setting off, not in the first 10 s after (re)connecting (the backlog is not news), and
// with the content the "Notification Display" setting allows. A click shows the window and opens the
// conversation; focusing the window clears the notification.
import type { ConversationSummary, MessageView, NetworkState, Settings } from '../ts/ipc/contract';

export type NotificationContent = Settings['notificationContent'];

export interface NotificationText {
  title: string;
  body: string;
}

export interface Pending {
  /** Messages waiting to be seen since the notification was last cleared. */
  count: number;
  /** The latest message's conversation name (or shortened Account ID) and text. */
  name: string;
  text: string;
}

/** The official texts for each "Notification Display" choice, for one or several pending messages. */
export function notificationText(content: NotificationContent, p: Pending): NotificationText {
  const several = p.count > 1;
  switch (content) {
    case 'name-and-content':
      return several
        ? { title: 'New Messages', body: `Most recent from ${p.name}: ${p.text}` }
        : { title: p.name, body: p.text };
    case 'name-only':
      return several
        ? { title: 'New Messages', body: `Most recent from ${p.name}` }
        : { title: 'New Message', body: `From: ${p.name}` };
    case 'none':
      return { title: 'Session', body: several ? 'New Messages' : 'New Message' };
  }
}

/** What a notification calls a conversation: its name, else the shortened Account ID. */
export function conversationTitle(
  c: Pick<ConversationSummary, 'id' | 'name'> | undefined,
  fallbackId: string,
): string {
  const name = c?.name?.trim();
  if (name) return name;
  const id = c?.id ?? fallbackId;
  return id.length > 14 ? `${id.slice(0, 6)}…${id.slice(-4)}` : id;
}

/** A message's text for a notification; parts this version cannot show are named, never left blank. */
export function messagePreview(m: Pick<MessageView, 'text' | 'unsupported'>): string {
  const text = m.text.trim();
  if (text) return text.length > 200 ? `${text.slice(0, 199)}…` : text;
  return m.unsupported?.includes('attachments') ? 'Attachment' : 'New Message';
}

/** The part of Electron's Notification used here. */
export interface NotificationLike {
  show(): void;
  close(): void;
  on(event: 'click', listener: () => void): unknown;
}

export interface NotificationOptions {
  title: string;
  body: string;
  /** true: no sound (the "Audio Notifications" setting is off). */
  silent: boolean;
}

export interface NotifierDeps {
  create: (options: NotificationOptions) => NotificationLike;
  /** Whether this system can show notifications at all. */
  isSupported: () => boolean;
  isWindowFocused: () => boolean;
  settings: () => Settings;
  conversation: (id: string) => ConversationSummary | undefined;
  /** Shows and focuses the window and opens the conversation (a click). */
  open: (conversationId: string) => void;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  now: () => number;
  debounceMs?: number;
  /** After coming online, how long incoming messages are the backlog, not news. */
  quietAfterConnectMs?: number;
}

export interface Notifier {
  messagesAdded(messages: readonly MessageView[]): void;
  networkStatus(state: NetworkState): void;
  /** The window gained focus: the user sees the app, so the notification goes. */
  windowFocused(): void;
  dispose(): void;
}

export function createNotifier(deps: NotifierDeps): Notifier {
  const debounceMs = deps.debounceMs ?? 2_000;
  const quietMs = deps.quietAfterConnectMs ?? 10_000;
  let quietUntil = -Infinity;
  let online = false;
  let count = 0;
  let latest: MessageView | undefined;
  let timer: unknown;
  let current: NotificationLike | undefined;

  const clear = (): void => {
    if (timer !== undefined) deps.clearTimer(timer);
    timer = undefined;
    count = 0;
    latest = undefined;
    current?.close();
    current = undefined;
  };

  const show = (): void => {
    timer = undefined;
    const m = latest;
    const settings = deps.settings();
    // Settings and focus may have changed during the debounce: look again.
    if (!m || !settings.notifications || deps.isWindowFocused() || !deps.isSupported()) return;
    const conversation = deps.conversation(m.conversationId);
    if (conversation?.notificationMode === 'mute' || conversation?.isBlocked) return;
    const text = notificationText(settings.notificationContent, {
      count,
      name: conversationTitle(conversation, m.conversationId),
      text: messagePreview(m),
    });
    current?.close();
    const n = deps.create({ ...text, silent: !settings.audioNotifications });
    const conversationId = m.conversationId;
    n.on('click', () => {
      clear();
      deps.open(conversationId);
    });
    current = n;
    n.show();
  };

  return {
    messagesAdded(messages) {
      const settings = deps.settings();
      if (!settings.notifications || deps.isWindowFocused() || deps.now() < quietUntil) return;
      for (const m of messages) {
        if (m.direction !== 'incoming') continue;
        const c = deps.conversation(m.conversationId);
        if (c?.notificationMode === 'mute' || c?.isBlocked) continue;
        // Mentions Only (community rooms): only a message that mentions us or replies to us.
        if (c?.notificationMode === 'mentions' && m.mentionsMe !== true) continue;
        count++;
        latest = m;
      }
      if (latest === undefined) return;
      if (timer !== undefined) deps.clearTimer(timer);
      timer = deps.setTimer(show, debounceMs);
    },
    networkStatus(state) {
      const nowOnline = state === 'online';
      if (nowOnline && !online) quietUntil = deps.now() + quietMs;
      online = nowOnline;
    },
    windowFocused: clear,
    dispose: clear,
  };
}
