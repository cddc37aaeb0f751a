// Incoming-message notifications: the official texts per "Notification Display" choice, and when a
// notification is shown, merged, cleared, silent or suppressed (focus, master switch, mute, reconnect).
import {
  DEFAULT_SETTINGS,
  type ConversationSummary,
  type MessageView,
  type Settings,
} from '../../../ts/ipc/contract';
import {
  conversationTitle,
  createNotifier,
  messagePreview,
  notificationText,
  type NotificationOptions,
} from '../../../main/notifications';

const ALICE = '05' + 'a1'.repeat(32);
const BOB = '05' + 'b2'.repeat(32);

function message(over: Partial<MessageView> = {}): MessageView {
  return {
    id: `m${Math.random()}`,
    conversationId: ALICE,
    sender: ALICE,
    direction: 'incoming',
    text: 'hello',
    timestamp: 1,
    receivedAt: 1,
    status: 'received',
    ...over,
  };
}

function conversation(id: string, over: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id,
    kind: 'private',
    name: id === ALICE ? 'Alice' : undefined,
    isApproved: true,
    isRequest: false,
    isBlocked: false,
    unreadCount: 1,
    updatedAt: 1,
    ...over,
  };
}

function setup(
  over: { settings?: Partial<Settings>; conversations?: ConversationSummary[]; focused?: boolean } = {},
) {
  let settings: Settings = { ...DEFAULT_SETTINGS, ...over.settings };
  let focused = over.focused ?? false;
  let clock = 1_000_000;
  const conversations = new Map(
    (over.conversations ?? [conversation(ALICE), conversation(BOB)]).map((c) => [c.id, c]),
  );
  const shown: Array<{ options: NotificationOptions; closed: boolean; click: () => void }> = [];
  const opened: string[] = [];
  const timers = new Map<number, () => void>();
  let nextTimer = 1;
  const notifier = createNotifier({
    create: (options) => {
      const n: { options: NotificationOptions; closed: boolean; click: () => void; visible: boolean } = {
        options,
        closed: false,
        click: () => undefined,
        visible: false,
      };
      shown.push(n);
      return {
        show: () => void (n.visible = true),
        close: () => void (n.closed = true),
        on: (_event: 'click', listener: () => void) => void (n.click = listener),
      };
    },
    isSupported: () => true,
    isWindowFocused: () => focused,
    settings: () => settings,
    conversation: (id) => conversations.get(id),
    open: (id) => opened.push(id),
    setTimer: (fn) => {
      const id = nextTimer++;
      timers.set(id, fn);
      return id;
    },
    clearTimer: (h) => void timers.delete(h as number),
    now: () => clock,
  });
  /** Runs the pending debounce timer(s), as if two seconds passed. */
  const elapse = (ms = 2_000) => {
    clock += ms;
    const due = [...timers.values()];
    timers.clear();
    for (const fn of due) fn();
  };
  return {
    notifier,
    shown,
    opened,
    elapse,
    conversations,
    setFocused: (f: boolean) => void (focused = f),
    setSettings: (s: Partial<Settings>) => void (settings = { ...settings, ...s }),
    advance: (ms: number) => void (clock += ms),
  };
}

describe('notification texts (spec/ui.md §9.4)', () => {
  // Each choice: the texts for one message, then for several merged into one notification.
  it.each([
    {
      choice: 'Name and Content: the name and the message, or "New Messages" with the most recent',
      mode: 'name-and-content',
      text: 'hi',
      several: 3,
      one: { title: 'Alice', body: 'hi' },
      merged: { title: 'New Messages', body: 'Most recent from Alice: hi' },
    },
    {
      choice: 'Name Only: never the message text',
      mode: 'name-only',
      text: 'secret',
      several: 2,
      one: { title: 'New Message', body: 'From: Alice' },
      merged: { title: 'New Messages', body: 'Most recent from Alice' },
    },
    {
      choice: 'No Name or Content: neither name nor text',
      mode: 'none',
      text: 'secret',
      several: 2,
      one: { title: 'Session', body: 'New Message' },
      merged: { title: 'Session', body: 'New Messages' },
    },
  ] as const)('$choice', ({ mode, text, several, one, merged }) => {
    expect(notificationText(mode, { count: 1, name: 'Alice', text })).toEqual(one);
    expect(notificationText(mode, { count: several, name: 'Alice', text })).toEqual(merged);
  });

  it('names a conversation without a name by its shortened Account ID, and never shows an empty text', () => {
    expect(conversationTitle(undefined, BOB)).toBe('05b2b2…b2b2');
    expect(conversationTitle({ id: BOB, name: '  ' }, BOB)).toBe('05b2b2…b2b2');
    expect(messagePreview({ text: '', unsupported: ['attachments'] })).toBe('Attachment');
    expect(messagePreview({ text: '  ', unsupported: ['reaction'] })).toBe('New Message');
    expect(messagePreview({ text: 'x'.repeat(500) })).toHaveLength(200);
  });
});

describe('notifier', () => {
  it('shows one notification for an incoming message while the window is not focused, after the debounce', () => {
    const s = setup();
    s.notifier.messagesAdded([message({ text: 'hello Bob' })]);
    expect(s.shown).toHaveLength(0);
    s.elapse();
    expect(s.shown).toHaveLength(1);
    expect(s.shown[0]!.options).toEqual({ title: 'Alice', body: 'hello Bob', silent: true });
  });

  it('merges a burst into one notification that names the most recent sender', () => {
    const s = setup();
    s.notifier.messagesAdded([message({ text: 'one' })]);
    s.notifier.messagesAdded([message({ text: 'two', conversationId: BOB, sender: BOB })]);
    s.elapse();
    expect(s.shown).toHaveLength(1);
    expect(s.shown[0]!.options).toMatchObject({
      title: 'New Messages',
      body: 'Most recent from 05b2b2…b2b2: two',
    });
    // A later message replaces it (the first is closed), still counting all unseen ones.
    s.notifier.messagesAdded([message({ text: 'three' })]);
    s.elapse();
    expect(s.shown).toHaveLength(2);
    expect(s.shown[0]!.closed).toBe(true);
    expect(s.shown[1]!.options.body).toBe('Most recent from Alice: three');
  });

  it('stays quiet while the window is focused, including when it gains focus during the debounce', () => {
    const s = setup({ focused: true });
    s.notifier.messagesAdded([message()]);
    s.elapse();
    expect(s.shown).toHaveLength(0);
    s.setFocused(false);
    s.notifier.messagesAdded([message()]);
    s.setFocused(true);
    s.elapse();
    expect(s.shown).toHaveLength(0);
  });

  it('ignores outgoing messages (sent here or synced from another device)', () => {
    const s = setup();
    s.notifier.messagesAdded([message({ direction: 'outgoing', status: 'sent' })]);
    s.elapse();
    expect(s.shown).toHaveLength(0);
  });

  it('honours the master switch, also when it is turned off during the debounce', () => {
    const s = setup({ settings: { notifications: false } });
    s.notifier.messagesAdded([message()]);
    s.elapse();
    expect(s.shown).toHaveLength(0);
    s.setSettings({ notifications: true });
    s.notifier.messagesAdded([message()]);
    s.setSettings({ notifications: false });
    s.elapse();
    expect(s.shown).toHaveLength(0);
  });

  it('never notifies for a muted or blocked conversation', () => {
    const s = setup({
      conversations: [
        conversation(ALICE, { notificationMode: 'mute' }),
        conversation(BOB, { isBlocked: true }),
      ],
    });
    s.notifier.messagesAdded([message(), message({ conversationId: BOB, sender: BOB })]);
    s.elapse();
    expect(s.shown).toHaveLength(0);
    // Unmuted again: the next message notifies.
    s.conversations.set(ALICE, conversation(ALICE, { notificationMode: 'all' }));
    s.notifier.messagesAdded([message()]);
    s.elapse();
    expect(s.shown).toHaveLength(1);
  });

  it('with Mentions Only, notifies only for messages that mention us', () => {
    const ROOM = 'http://sogs.example/lobby';
    const s = setup({ conversations: [conversation(ROOM, { kind: 'community', name: 'Lobby', notificationMode: 'mentions' })] });
    s.notifier.messagesAdded([message({ conversationId: ROOM, sender: '15' + 'c3'.repeat(32), text: 'chatter' })]);
    s.elapse();
    expect(s.shown).toHaveLength(0);
    s.notifier.messagesAdded([message({ conversationId: ROOM, sender: '15' + 'c3'.repeat(32), text: '@you look', mentionsMe: true })]);
    s.elapse();
    expect(s.shown).toHaveLength(1);
    expect(s.shown[0]!.options).toMatchObject({ body: '@you look' });
  });

  it('notifies for message requests (the first message from someone new)', () => {
    const s = setup({ conversations: [conversation(BOB, { isRequest: true, isApproved: false })] });
    s.notifier.messagesAdded([message({ conversationId: BOB, sender: BOB, text: 'hi, new here' })]);
    s.elapse();
    expect(s.shown[0]!.options).toMatchObject({ title: '05b2b2…b2b2', body: 'hi, new here' });
  });

  it('uses the content setting and plays the sound only with audio notifications on', () => {
    const s = setup({ settings: { notificationContent: 'name-only', audioNotifications: true } });
    s.notifier.messagesAdded([message({ text: 'secret' })]);
    s.elapse();
    expect(s.shown[0]!.options).toEqual({ title: 'New Message', body: 'From: Alice', silent: false });
    s.notifier.windowFocused();
    s.setSettings({ notificationContent: 'none', audioNotifications: false });
    s.notifier.messagesAdded([message({ text: 'secret' })]);
    s.elapse();
    expect(s.shown[1]!.options).toEqual({ title: 'Session', body: 'New Message', silent: true });
  });

  it('a click opens the conversation and starts a fresh count', () => {
    const s = setup();
    s.notifier.messagesAdded([message({ conversationId: BOB, sender: BOB })]);
    s.elapse();
    s.shown[0]!.click();
    expect(s.opened).toEqual([BOB]);
    expect(s.shown[0]!.closed).toBe(true);
    s.notifier.messagesAdded([message({ text: 'again' })]);
    s.elapse();
    expect(s.shown[1]!.options).toMatchObject({ title: 'Alice', body: 'again' });
  });

  it('focusing the window clears the notification and the count', () => {
    const s = setup();
    s.notifier.messagesAdded([message(), message()]);
    s.elapse();
    s.notifier.windowFocused();
    expect(s.shown[0]!.closed).toBe(true);
    s.notifier.messagesAdded([message({ text: 'later' })]);
    s.elapse();
    expect(s.shown[1]!.options).toMatchObject({ title: 'Alice', body: 'later' });
  });

  it('is quiet for 10 s after coming online (the backlog), then notifies again', () => {
    const s = setup();
    s.notifier.networkStatus('connecting');
    s.notifier.networkStatus('online');
    s.notifier.messagesAdded([message()]);
    s.elapse();
    expect(s.shown).toHaveLength(0);
    s.advance(9_000);
    s.notifier.networkStatus('online');
    s.notifier.messagesAdded([message()]);
    s.elapse();
    expect(s.shown).toHaveLength(1);
  });
});
