// Notifications in the web host (spec/ui.md §9.4) with the browser's Notification API; the Electron
// main process shows its own, so nothing here runs there. Also: the unread total in the page title
// (web host) and the host's "open this conversation" event (a notification clicked in Electron).
//
// Rules: an incoming message notifies only while the page is not focused (document hidden or
// without focus: read at arrival time, so an end-to-end test can force "not focused" by replacing
// `document.hasFocus` before the page loads), with the master setting on, in a conversation that is
// neither muted nor blocked. Message requests notify too, as in the official app. Arrivals within
// 2 s merge into one notification that replaces the previous one; focusing the page clears them.
// During the 10 s after (re)connecting, messages sent before the connection (the backlog the first
// polls fetch) stay quiet, so a reconnect does not flood the user.
import { useEffect, useState } from 'react';
import { useStore } from 'react-redux';
import type { ConversationSummary, MessageView } from '../../ipc/contract';
import { t } from '../locales/i18n';
import { selectAppInfo } from '../state/app';
import { selectConversation, selectInboxConversations } from '../state/conversations';
import { selectSettings } from '../state/settings';
import type { AppStore, RootState } from '../state/store';
import type { ThunkExtra } from '../state/thunk';
import { openConversation } from '../state/ui';
import { shortenId } from '../theme/format';
import { useAppDispatch, useAppSelector } from './redux';
// --- communities ---
import { memberLabel, MENTION_TOKEN } from '../components/conversation/community/communityContext';
// --- groups ---
import { controlPlainText } from '../components/conversation/ControlMessage';
import { selectAccount } from '../state/account';

export const MERGE_MS = 2_000;
export const QUIET_AFTER_CONNECT_MS = 10_000;
/** One notification at a time: a new one with the same tag replaces the last. */
export const NOTIFICATION_TAG = 'session-new-messages';

/** What a shown notification needs from the browser's Notification object. */
export interface ShownNotification {
  onclick: ((this: unknown, ev: Event) => unknown) | null;
  close(): void;
}
export interface NotificationCtor {
  new (title: string, options?: NotificationOptions): ShownNotification;
  readonly permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
}

export interface NotifierDeps {
  Notification: NotificationCtor | undefined;
  /** The permission as last known (the browser's: cached, see cachedPermission); default: read each time. */
  permission?: () => NotificationPermission | undefined;
  /** Forgets a cached permission (the user may just have changed it). */
  refreshPermission?: () => void;
  isFocused: () => boolean;
  now: () => number;
  playSound: () => void;
  focusWindow: () => void;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
}

interface Pending {
  conversationId: string;
  name: string;
  text: string;
}

/** An arrival waiting for the merge window to close; its sender's name is looked up then. */
interface Arrival {
  conversationId: string;
  sender: string;
  text: string;
}

/** The title and body for `count` pending messages, the newest last, per the content setting. */
export function notificationContent(
  mode: 'name-and-content' | 'name-only' | 'none',
  pending: readonly Pending[],
): { title: string; body: string } {
  const count = pending.length;
  const last = pending[count - 1]!;
  if (mode === 'none') return { title: t('appName'), body: t('notificationTitleNew', { count }) };
  if (mode === 'name-only') return { title: t('notificationTitleNew', { count }), body: t('notificationBodyFromName', { count, name: last.name }) };
  if (count === 1) return { title: last.name, body: last.text };
  return { title: t('notificationTitleNew', { count }), body: t('notificationMostRecent', { count, name: last.name, text: last.text }) };
}

function nameFor(conversation: ConversationSummary | undefined, sender: string): string {
  return conversation?.name?.trim() || shortenId(sender);
}

export class WebNotifier {
  private pending: Arrival[] = [];
  private timer: unknown = null;
  private shown: ShownNotification | null = null;
  private connectedAt: number;

  constructor(
    private readonly deps: NotifierDeps,
    private readonly getState: () => RootState,
    private readonly open: (conversationId: string) => void,
  ) {
    this.connectedAt = deps.now();
  }

  /** The transport (re)connected: the backlog that follows stays quiet for a while. */
  connected(): void {
    this.connectedAt = this.deps.now();
  }

  private enabled(): boolean {
    const state = this.getState();
    const permission = this.deps.permission ? this.deps.permission() : this.deps.Notification?.permission;
    return selectAppInfo(state)?.host === 'web' && selectSettings(state)?.notifications === true && permission === 'granted';
  }

  messagesAdded(messages: readonly MessageView[]): void {
    if (!this.enabled() || this.deps.isFocused()) return;
    const state = this.getState();
    const now = this.deps.now();
    const quiet = now < this.connectedAt + QUIET_AFTER_CONNECT_MS;
    let added = false;
    for (const m of messages) {
      if (m.direction !== 'incoming') continue;
      if (quiet && m.timestamp < this.connectedAt) continue;
      const conversation = selectConversation(m.conversationId)(state);
      if (conversation?.notificationMode === 'mute' || conversation?.isBlocked) continue;
      // --- communities: "Mentions Only" notifies for messages that mention us ---
      if (conversation?.notificationMode === 'mentions' && !m.mentionsMe) continue;
      // --- communities: a room message reads "Name: text", with mentions as short ids rather than raw ids ---
      const text = m.text.replace(MENTION_TOKEN, (_, id: string) => `@${shortenId(id)}`);
      // --- groups: "Author: text" too (their contact name first), and a control message's sentence ---
      const author = (): string => {
        const contact = selectConversation(m.sender)(state);
        return (contact?.kind === 'private' ? contact.name?.trim() : undefined) || m.senderName?.trim() || shortenId(m.sender);
      };
      const groupText = (): string =>
        m.control ? controlPlainText(m.control, false, author(), selectAccount(state)?.sessionId) : `${author()}: ${text}`;
      this.pending.push({
        conversationId: m.conversationId,
        sender: m.sender,
        text: conversation?.community ? `${memberLabel(m.sender, m.senderName)}: ${text}` : conversation?.group ? groupText() : text,
      });
      added = true;
    }
    if (added && this.timer === null) this.timer = this.deps.setTimer(() => this.flush(), MERGE_MS);
  }

  private flush(): void {
    this.timer = null;
    const Ctor = this.deps.Notification;
    const last = this.pending[this.pending.length - 1];
    if (!Ctor || !last || !this.enabled() || this.deps.isFocused()) return;
    const state = this.getState();
    const settings = selectSettings(state);
    // Names are read now, not at arrival: the first message from someone new comes before the
    // conversation that names them (the backend announces the message, then the conversation).
    const pending = this.pending.map((p) => ({ conversationId: p.conversationId, name: nameFor(selectConversation(p.conversationId)(state), p.sender), text: p.text }));
    const { title, body } = notificationContent(settings?.notificationContent ?? 'name-and-content', pending);
    this.show(Ctor, title, body, last.conversationId);
    if (settings?.audioNotifications) this.deps.playSound();
  }

  private show(Ctor: NotificationCtor, title: string, body: string, conversationId: string): void {
    this.shown?.close();
    const n = new Ctor(title, { body, tag: NOTIFICATION_TAG, silent: true });
    n.onclick = () => {
      this.deps.focusWindow();
      this.open(conversationId);
      n.close();
    };
    this.shown = n;
  }

  /** The user is looking at the page: what was pending is seen. */
  focused(): void {
    this.pending = [];
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = null;
    this.shown?.close();
    this.shown = null;
  }

  dispose(): void {
    this.focused();
  }
}

let audio: AudioContext | null = null;

/** A short two-tone chime made with WebAudio (no sound file to ship). */
export function playChime(): void {
  const Ctx = typeof window !== 'undefined' ? window.AudioContext : undefined;
  if (!Ctx) return;
  audio ??= new Ctx();
  const ctx = audio;
  const start = ctx.currentTime;
  for (const [i, freq] of [880, 1320].entries()) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    const at = start + i * 0.12;
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.15, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.2);
    osc.connect(gain).connect(ctx.destination);
    osc.start(at);
    osc.stop(at + 0.22);
  }
}

/** How long a read of the browser's notification permission is trusted (ms). */
export const PERMISSION_CACHE_MS = 2_000;

/**
 * The permission, read from the browser at most once per `ttlMs`: Chromium answers `Notification.permission`
 * with a synchronous round trip to its browser process, which took milliseconds a read while a catch-up kept
 * both cores busy, and every messages.added event asks. `refresh` forgets the cached answer (after asking
 * for permission, on focus).
 */
export function cachedPermission(
  ctor: Pick<NotificationCtor, 'permission'> | undefined,
  now: () => number,
  ttlMs = PERMISSION_CACHE_MS,
): { read: () => NotificationPermission | undefined; refresh: () => void } {
  let value: NotificationPermission | undefined;
  let readAt = -Infinity;
  return {
    read() {
      if (!ctor) return undefined;
      const t = now();
      if (value === undefined || t - readAt >= ttlMs) {
        value = ctor.permission;
        readAt = t;
      }
      return value;
    },
    refresh() {
      value = undefined;
    },
  };
}

export function browserNotifierDeps(win: Window = window): NotifierDeps {
  const ctor = (win as Window & { Notification?: NotificationCtor }).Notification;
  const permission = cachedPermission(ctor, () => Date.now());
  return {
    Notification: ctor,
    permission: permission.read,
    refreshPermission: permission.refresh,
    isFocused: () => !win.document.hidden && win.document.hasFocus(),
    now: () => Date.now(),
    playSound: playChime,
    focusWindow: () => win.focus(),
    setTimer: (fn, ms) => win.setTimeout(fn, ms),
    clearTimer: (h) => win.clearTimeout(h as number),
  };
}

/** The unread total for the title: inbox conversations that are not muted. */
export const selectTitleUnread = (s: RootState): number =>
  selectInboxConversations(s)
    .filter((c) => c.notificationMode !== 'mute')
    .reduce((n, c) => n + c.unreadCount, 0);

export function useNotifications(win: Window = window, given?: NotifierDeps): void {
  // Built once: the notifier and the permission cache live as long as the page.
  const [deps] = useState(() => given ?? browserNotifierDeps(win));
  const dispatch = useAppDispatch();
  const store = useStore<RootState>() as AppStore;
  const host = useAppSelector(selectAppInfo)?.host;
  const wanted = useAppSelector(selectSettings)?.notifications === true;
  const unread = useAppSelector(selectTitleUnread);

  useEffect(() => {
    if (host !== 'web') return;
    const notifier = new WebNotifier(deps, store.getState, (id) => dispatch(openConversation(id)));
    const unsubscribe = dispatch((_d, _g, extra: ThunkExtra) => {
      const offs = [
        extra.api.on('messages.added', (p) => notifier.messagesAdded(p.messages)),
        extra.api.onReconnect(() => notifier.connected()),
      ];
      return () => offs.forEach((off) => off());
    });
    const onFocus = () => {
      deps.refreshPermission?.();
      notifier.focused();
    };
    // A tab brought back to the front may not fire `focus`; its visibility change says the same.
    const onVisible = () => {
      if (deps.isFocused()) notifier.focused();
    };
    win.addEventListener('focus', onFocus);
    win.document.addEventListener('visibilitychange', onVisible);
    return () => {
      unsubscribe();
      win.removeEventListener('focus', onFocus);
      win.document.removeEventListener('visibilitychange', onVisible);
      notifier.dispose();
    };
  }, [host, store, dispatch, win, deps]);

  // Browsers ask for permission only after a user gesture: ask on the first one.
  useEffect(() => {
    const Ctor = deps.Notification;
    if (host !== 'web' || !wanted || !Ctor || Ctor.permission !== 'default') return;
    const ask = () =>
      void Ctor.requestPermission()
        .then(() => deps.refreshPermission?.())
        .catch(() => undefined);
    win.addEventListener('pointerdown', ask, { once: true });
    win.addEventListener('keydown', ask, { once: true });
    return () => {
      win.removeEventListener('pointerdown', ask);
      win.removeEventListener('keydown', ask);
    };
  }, [host, wanted, win, deps]);

  useEffect(() => {
    if (host !== 'web') return;
    win.document.title = unread > 0 ? t('pageTitleUnread', { count: unread, appName: t('appName') }) : t('appName');
  }, [host, unread, win]);
}

/** The host asks to show a conversation (Electron: a notification was clicked). */
export function useHostOpenConversation(): void {
  const dispatch = useAppDispatch();
  useEffect(
    () =>
      dispatch((_d, _g, extra: ThunkExtra) =>
        extra.api.on('app.openConversation', ({ id }) => {
          dispatch(openConversation(id));
        }),
      ),
    [dispatch],
  );
}
