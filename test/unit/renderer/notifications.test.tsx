// Web-host notifications (spec/ui.md §9.4): when they fire (unfocused page, setting on, conversation
// not muted or blocked, not backlog right after connecting), their content per the Notification
// Display setting, the 2 s merge, the chime, click-to-open; the unread total in the page title; the
// host's app.openConversation event; and that the Electron host leaves notifications to its main process.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { MessageView } from '../../../ts/ipc/contract';
import { cachedPermission, MERGE_MS, PERMISSION_CACHE_MS, QUIET_AFTER_CONNECT_MS, WebNotifier, type NotifierDeps, type ShownNotification } from '../../../ts/renderer/hooks/useNotifications';
import { en } from '../../../ts/renderer/locales/en';
import { Root } from '../../../ts/renderer/Root';
import { createStore, type AppStore } from '../../../ts/renderer/state/store';
import { conversation, FakeApi, groupConversation, OWN_BLINDED, room, TEST_INFO } from './fakeApi';

jest.setTimeout(30_000);

const BOB = '05' + 'b'.repeat(64);
const CAROL = '05' + 'c'.repeat(64);

class FakeNotification implements ShownNotification {
  static permission: NotificationPermission = 'granted';
  static shown: FakeNotification[] = [];
  static requestPermission = jest.fn(async (): Promise<NotificationPermission> => FakeNotification.permission);
  onclick: ((this: unknown, ev: Event) => unknown) | null = null;
  closed = false;
  constructor(
    readonly title: string,
    readonly options: NotificationOptions = {},
  ) {
    FakeNotification.shown.push(this);
  }
  close() {
    this.closed = true;
  }
}

let store: AppStore | null = null;

beforeEach(() => {
  FakeNotification.shown = [];
  FakeNotification.permission = 'granted';
});

afterEach(() => {
  cleanup();
  store?.dispose();
  store = null;
});

function incoming(conversationId: string, text: string, timestamp: number, id = `${conversationId.slice(0, 4)}-${timestamp}`): MessageView {
  return { id, conversationId, sender: conversationId, direction: 'incoming', text, timestamp, receivedAt: timestamp, status: 'received' };
}

async function loadedStore(api: FakeApi) {
  store = createStore(api);
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
  return store;
}

/** A notifier on a real store with a hand-driven clock and timers. */
async function setup(over: Partial<NotifierDeps> = {}, prepare: (api: FakeApi) => void = () => {}) {
  const api = new FakeApi();
  api.conversations = [conversation(BOB, { name: 'Bob' }), conversation(CAROL, { name: 'Carol', notificationMode: 'mute' })];
  prepare(api);
  const s = await loadedStore(api);
  let now = 1_000_000;
  const timers: Array<() => void> = [];
  const opened: string[] = [];
  const deps: NotifierDeps = {
    Notification: FakeNotification,
    isFocused: () => false,
    now: () => now,
    playSound: jest.fn(),
    focusWindow: jest.fn(),
    setTimer: (fn, ms) => {
      expect(ms).toBe(MERGE_MS);
      timers.push(fn);
      return timers.length;
    },
    clearTimer: () => timers.splice(0),
    ...over,
  };
  const notifier = new WebNotifier(deps, s.getState, (id) => opened.push(id));
  // Past the quiet period after connecting.
  now += QUIET_AFTER_CONNECT_MS + 1;
  return {
    api,
    deps,
    notifier,
    opened,
    fire: () => timers.splice(0).forEach((fn) => fn()),
    pendingTimers: () => timers.length,
    setNow: (n: number) => (now = n),
    now: () => now,
  };
}

describe('the web notifier', () => {
  it("names a new contact whose conversation is announced after the first message's arrival", async () => {
    const n = await setup();
    const DAVE = '05' + 'd'.repeat(64);
    // The backend announces a first message before the conversation that carries the sender's name.
    n.notifier.messagesAdded([incoming(DAVE, 'hi, new here', n.now())]);
    await act(async () => n.api.emit('conversations.updated', { conversations: [conversation(DAVE, { name: 'Dave', isRequest: true })] }));
    n.fire();
    expect(FakeNotification.shown).toHaveLength(1);
    expect(FakeNotification.shown[0]!.title).toBe('Dave');
    expect(FakeNotification.shown[0]!.options.body).toBe('hi, new here');
  });

  // --- communities ---
  it('in a room on Mentions Only notifies only when mentioned, naming the poster', async () => {
    const ROOM = room('lobby', {}, { name: 'Lobby', notificationMode: 'mentions' });
    const ALICE = '15' + 'a7'.repeat(32);
    const n = await setup({}, (api) => api.conversations.push(ROOM));
    const post = (text: string, mentionsMe: boolean): MessageView => ({ ...incoming(ROOM.id, text, n.now()), id: text, sender: ALICE, senderName: 'Alice', mentionsMe });
    n.notifier.messagesAdded([post('chatter', false)]);
    expect(n.pendingTimers()).toBe(0);
    n.notifier.messagesAdded([post(`hey @${OWN_BLINDED}`, true)]);
    n.fire();
    expect(FakeNotification.shown).toHaveLength(1);
    expect(FakeNotification.shown[0]!.title).toBe('Lobby');
    expect(FakeNotification.shown[0]!.options.body).toBe(`Alice (…a7a7): hey @${OWN_BLINDED.slice(0, 6)}…${OWN_BLINDED.slice(-4)}`);
  });

  // --- groups ---
  it('in a group on Mentions Only notifies only when mentioned, naming the author; a control message reads as its sentence', async () => {
    const GROUP = groupConversation('03' + 'c3'.repeat(32), { name: 'Book Club' }, { name: 'Book Club', notificationMode: 'mentions' });
    const n = await setup({}, (api) => api.conversations.push(GROUP));
    const post = (text: string, mentionsMe: boolean, over: Partial<MessageView> = {}): MessageView => ({ ...incoming(GROUP.id, text, n.now()), id: text, sender: BOB, mentionsMe, ...over });
    n.notifier.messagesAdded([post('chatter', false)]);
    expect(n.pendingTimers()).toBe(0);
    n.notifier.messagesAdded([post('hey you', true)]);
    n.fire();
    expect(FakeNotification.shown).toHaveLength(1);
    expect(FakeNotification.shown[0]!.title).toBe('Book Club');
    expect(FakeNotification.shown[0]!.options.body).toBe('Bob: hey you');
    await act(async () => n.api.emit('conversations.updated', { conversations: [{ ...GROUP, notificationMode: 'all' }] }));
    n.notifier.messagesAdded([post('', false, { id: 'c1', control: { type: 'member-left' } })]);
    n.fire();
    expect(FakeNotification.shown.at(-1)!.options.body).toMatch(/Bob left the group\.$/);
  });

  it('falls back to the short Account ID when nobody names the sender', async () => {
    const n = await setup();
    const ERIN = '05' + 'e'.repeat(64);
    n.notifier.messagesAdded([incoming(ERIN, 'anonymous', n.now())]);
    n.fire();
    expect(FakeNotification.shown[0]!.title).not.toBe('');
    expect(FakeNotification.shown[0]!.title).toMatch(/^05ee/);
  });

  it('shows name and content for one message, merges a burst, and opens the conversation on click', async () => {
    const n = await setup();
    n.notifier.messagesAdded([incoming(BOB, 'hello', n.now())]);
    expect(FakeNotification.shown).toHaveLength(0); // waits for the merge window
    n.fire();
    expect(FakeNotification.shown).toHaveLength(1);
    expect(FakeNotification.shown[0]!.title).toBe('Bob');
    expect(FakeNotification.shown[0]!.options.body).toBe('hello');
    n.notifier.messagesAdded([incoming(BOB, 'one', n.now() + 1), incoming(BOB, 'two', n.now() + 2)]);
    n.notifier.messagesAdded([incoming(BOB, 'three', n.now() + 3)]);
    expect(n.pendingTimers()).toBe(1);
    n.fire();
    const merged = FakeNotification.shown[1]!;
    expect(FakeNotification.shown[0]!.closed).toBe(true); // one at a time
    expect(merged.title).toBe('New Messages');
    expect(merged.options.body).toBe('Most recent from Bob: three');
    merged.onclick?.call(merged, new Event('click'));
    expect(n.deps.focusWindow).toHaveBeenCalled();
    expect(n.opened).toEqual([BOB]);
    expect(merged.closed).toBe(true);
    expect(n.deps.playSound).not.toHaveBeenCalled();
  });

  it('follows the Notification Display setting', async () => {
    const nameOnly = await setup({}, (api) => (api.settings.notificationContent = 'name-only'));
    nameOnly.notifier.messagesAdded([incoming(BOB, 'secret text', nameOnly.now())]);
    nameOnly.fire();
    expect(FakeNotification.shown.at(-1)!.title).toBe('New Message');
    expect(FakeNotification.shown.at(-1)!.options.body).toBe('From: Bob');
    nameOnly.notifier.messagesAdded([incoming(BOB, 'more', nameOnly.now() + 1)]);
    nameOnly.fire();
    expect(FakeNotification.shown.at(-1)!.title).toBe('New Messages');
    expect(FakeNotification.shown.at(-1)!.options.body).toBe('Most recent from Bob');
    cleanup();
    store?.dispose();

    const none = await setup({}, (api) => (api.settings.notificationContent = 'none'));
    none.notifier.messagesAdded([incoming(BOB, 'secret text', none.now())]);
    none.fire();
    expect(FakeNotification.shown.at(-1)!.title).toBe(en.appName);
    expect(FakeNotification.shown.at(-1)!.options.body).toBe('New Message');
    expect(JSON.stringify(FakeNotification.shown.at(-1)!.options)).not.toContain('Bob');
  });

  it('stays quiet when focused, when turned off, for muted or blocked conversations, for outgoing messages and without permission', async () => {
    let focused = true;
    const n = await setup({ isFocused: () => focused });
    n.notifier.messagesAdded([incoming(BOB, 'seen', n.now())]);
    focused = false;
    n.notifier.messagesAdded([incoming(CAROL, 'muted', n.now()), { ...incoming(BOB, 'mine', n.now()), direction: 'outgoing' }]);
    expect(n.pendingTimers()).toBe(0);
    await act(async () => n.api.emit('conversations.updated', { conversations: [conversation(BOB, { name: 'Bob', isBlocked: true })] }));
    n.notifier.messagesAdded([incoming(BOB, 'blocked', n.now())]);
    expect(n.pendingTimers()).toBe(0);
    await act(async () => n.api.emit('conversations.updated', { conversations: [conversation(BOB, { name: 'Bob' })] }));
    await act(async () => n.api.emit('settings.changed', { key: 'notifications', value: false, settings: { ...n.api.settings, notifications: false } }));
    n.notifier.messagesAdded([incoming(BOB, 'off', n.now())]);
    expect(n.pendingTimers()).toBe(0);
    await act(async () => n.api.emit('settings.changed', { key: 'notifications', value: true, settings: { ...n.api.settings, notifications: true } }));
    FakeNotification.permission = 'denied';
    n.notifier.messagesAdded([incoming(BOB, 'denied', n.now())]);
    expect(n.pendingTimers()).toBe(0);
    FakeNotification.permission = 'granted';
    n.notifier.messagesAdded([incoming(BOB, 'now', n.now())]);
    // Focus returns before the merge window ends: nothing is shown.
    focused = true;
    n.notifier.focused();
    n.fire();
    expect(FakeNotification.shown).toEqual([]);
  });

  it('notifies for message requests too', async () => {
    const n = await setup({}, (api) => api.conversations.push(conversation('05' + 'e'.repeat(64), { isRequest: true, isApproved: false })));
    n.notifier.messagesAdded([incoming('05' + 'e'.repeat(64), 'hi there', n.now())]);
    n.fire();
    expect(FakeNotification.shown[0]!.title).toBe('05eeee…eeee');
  });

  it('keeps the backlog quiet for 10 s after connecting, but not new messages', async () => {
    const n = await setup();
    n.notifier.connected();
    const connectedAt = n.now();
    n.setNow(connectedAt + 3_000);
    n.notifier.messagesAdded([incoming(BOB, 'old', connectedAt - 60_000)]);
    expect(n.pendingTimers()).toBe(0);
    n.notifier.messagesAdded([incoming(BOB, 'fresh', connectedAt + 2_000)]);
    n.fire();
    expect(FakeNotification.shown.map((x) => x.options.body)).toEqual(['fresh']);
    n.setNow(connectedAt + QUIET_AFTER_CONNECT_MS + 1);
    n.notifier.messagesAdded([incoming(BOB, 'late backlog', connectedAt - 1)]);
    n.fire();
    expect(FakeNotification.shown.at(-1)!.options.body).toBe('Most recent from Bob: late backlog');
  });

  it('plays the chime when audio notifications are on', async () => {
    const n = await setup({}, (api) => (api.settings.audioNotifications = true));
    n.notifier.messagesAdded([incoming(BOB, 'ding', n.now())]);
    n.fire();
    expect(n.deps.playSound).toHaveBeenCalledTimes(1);
  });
});

describe('notifications in the app', () => {
  let hasFocus: jest.SpyInstance;
  beforeEach(() => {
    Object.defineProperty(window, 'Notification', { configurable: true, value: FakeNotification });
    // The seam an end-to-end test also uses: the page reports that it is not focused.
    hasFocus = jest.spyOn(document, 'hasFocus').mockReturnValue(false);
  });
  afterEach(() => {
    hasFocus.mockRestore();
    Reflect.deleteProperty(window, 'Notification');
    document.title = '';
  });

  async function mount(api: FakeApi) {
    store = createStore(api);
    render(<Root store={store} />);
    await screen.findByTestId('app-shell');
  }

  it('notifies for an incoming message while unfocused; clicking opens the conversation', async () => {
    const api = new FakeApi();
    api.conversations = [conversation(BOB, { name: 'Bob', updatedAt: 1 })];
    await mount(api);
    await act(async () => api.emit('messages.added', { messages: [incoming(BOB, 'hello there', Date.now() + 1000)] }));
    await waitFor(() => expect(FakeNotification.shown).toHaveLength(1), { timeout: MERGE_MS + 2000 });
    expect(FakeNotification.shown[0]!.title).toBe('Bob');
    await act(async () => FakeNotification.shown[0]!.onclick?.call(null, new Event('click')));
    expect(store!.getState().ui.selectedConversationId).toBe(BOB);
  });

  it('stays quiet while the page has focus, and clears a shown notification when focus returns', async () => {
    const api = new FakeApi();
    api.conversations = [conversation(BOB, { name: 'Bob', updatedAt: 1 })];
    await mount(api);
    hasFocus.mockReturnValue(true);
    await act(async () => api.emit('messages.added', { messages: [incoming(BOB, 'seen here', Date.now() + 1000)] }));
    hasFocus.mockReturnValue(false);
    await act(async () => api.emit('messages.added', { messages: [incoming(BOB, 'while away', Date.now() + 2000)] }));
    await waitFor(() => expect(FakeNotification.shown).toHaveLength(1), { timeout: MERGE_MS + 2000 });
    expect(FakeNotification.shown[0]!.options.body).toBe('while away');
    hasFocus.mockReturnValue(true);
    await act(async () => window.dispatchEvent(new Event('focus')));
    expect(FakeNotification.shown[0]!.closed).toBe(true);
  });

  it('leaves notifications to the main process in Electron', async () => {
    const api = new FakeApi();
    api.info = { ...TEST_INFO, host: 'electron' };
    await mount(api);
    await act(async () => api.emit('messages.added', { messages: [incoming(BOB, 'hello', Date.now() + 1000)] }));
    await act(async () => {
      await new Promise((r) => setTimeout(r, MERGE_MS + 200));
    });
    expect(FakeNotification.shown).toEqual([]);
  });

  it('puts the unread total of unmuted inbox conversations in the page title', async () => {
    const api = new FakeApi();
    api.conversations = [
      conversation(BOB, { unreadCount: 2, updatedAt: 2 }),
      conversation(CAROL, { unreadCount: 5, notificationMode: 'mute', updatedAt: 1 }),
      conversation('05' + 'e'.repeat(64), { unreadCount: 4, isRequest: true }),
    ];
    await mount(api);
    await waitFor(() => expect(document.title).toBe('(2) Session'));
    await act(async () => api.emit('conversations.updated', { conversations: [conversation(BOB, { unreadCount: 0, updatedAt: 2 })] }));
    expect(document.title).toBe(en.appName);
  });

  it('opens the conversation the host asks for', async () => {
    const api = new FakeApi();
    api.conversations = [conversation(BOB, { name: 'Bob', updatedAt: 1 })];
    await mount(api);
    await act(async () => api.emit('app.openConversation', { id: BOB }));
    expect(store!.getState().ui.selectedConversationId).toBe(BOB);
  });

  it('previews a notification from the settings page', async () => {
    const api = new FakeApi();
    await mount(api);
    fireEvent.click(screen.getByTestId('open-settings'));
    fireEvent.click(await screen.findByTestId('settings-nav-notifications'));
    fireEvent.click(await screen.findByRole('button', { name: en.notificationPreviewButton }));
    await waitFor(() => expect(FakeNotification.shown).toHaveLength(1));
    expect(FakeNotification.shown[0]!.title).toBe(en.notificationPreviewTitle);
  });

  it('says so when the browser refuses permission for the preview', async () => {
    FakeNotification.permission = 'default';
    FakeNotification.requestPermission.mockResolvedValueOnce('denied');
    const api = new FakeApi();
    await mount(api);
    fireEvent.click(screen.getByTestId('open-settings'));
    fireEvent.click(await screen.findByTestId('settings-nav-notifications'));
    fireEvent.click(await screen.findByRole('button', { name: en.notificationPreviewButton }));
    expect((await screen.findByRole('status')).textContent).toBe(en.notificationsDenied);
    expect(FakeNotification.shown).toEqual([]);
  });
});

describe('the cached notification permission', () => {
  it('asks the browser at most once per cache period, and again at once after a refresh', () => {
    let reads = 0;
    let answer: NotificationPermission = 'default';
    const ctor = {
      get permission(): NotificationPermission {
        reads++;
        return answer;
      },
    };
    let t = 1_000;
    const cached = cachedPermission(ctor, () => t);
    for (let i = 0; i < 100; i++) expect(cached.read()).toBe('default');
    expect(reads).toBe(1);
    answer = 'granted';
    t += PERMISSION_CACHE_MS - 1;
    expect(cached.read()).toBe('default');
    t += 1;
    expect(cached.read()).toBe('granted');
    expect(reads).toBe(2);
    answer = 'denied';
    cached.refresh();
    expect(cached.read()).toBe('denied');
    expect(reads).toBe(3);
    expect(cachedPermission(undefined, () => t).read()).toBeUndefined();
  });
});
