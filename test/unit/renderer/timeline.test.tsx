// The conversation view in jsdom against the fake API, with a mocked layout (layoutMock.ts) so the
// virtualizer draws: virtualization of a 500-message conversation, cursor pages with the scroll
// anchor kept, the new-messages button, the unread line, date separators and grouping, bubbles
// (emoji sizes, "Read more", placeholders), the composer's limit, drafts and recovery-password guard,
// the message menu, multi-select delete and Message Info.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { MessageView } from '../../../ts/ipc/contract';
import { IpcError } from '../../../ts/ipc/errors';
import { en } from '../../../ts/renderer/locales/en';
import { Root } from '../../../ts/renderer/Root';
import { MAX_LOADED } from '../../../ts/renderer/state/messages';
import { createStore, type AppStore } from '../../../ts/renderer/state/store';
import { closeTopModal } from '../../../ts/renderer/state/ui';
import { conversation, FakeApi, TEST_ACCOUNT } from './fakeApi';
import { installIntersectionObserver, installLayout, setWindowSeen, uninstallLayout, userScroll, VIEWPORT_HEIGHT } from './layoutMock';
import { flush } from './appHarness';

jest.setTimeout(60_000);

const BOB = '05' + 'b2'.repeat(32);
const CAROL = '05' + 'c3'.repeat(32);
/** "Now" for every test: 15 Jan 2026, 12:00 local time. */
const NOW = new Date(2026, 0, 15, 12, 0, 0).getTime();
const MINUTE = 60_000;
let store: AppStore | null = null;
const writeText = jest.fn<Promise<void>, [string]>();

beforeAll(() => {
  installLayout();
  installIntersectionObserver();
  Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
});
afterAll(uninstallLayout);
beforeEach(() => {
  setWindowSeen(true);
  writeText.mockReset();
  writeText.mockResolvedValue(undefined);
});
afterEach(() => {
  cleanup();
  store?.dispose();
  store = null;
});


function msg(i: number, over: Partial<MessageView> = {}): MessageView {
  const incoming = over.direction !== 'outgoing';
  return {
    id: `m${String(i).padStart(4, '0')}`,
    conversationId: BOB,
    sender: incoming ? BOB : TEST_ACCOUNT.sessionId,
    direction: 'incoming',
    text: `message ${i}`,
    timestamp: NOW - 10_000 * MINUTE + i * MINUTE,
    receivedAt: NOW - 10_000 * MINUTE + i * MINUTE,
    status: incoming ? 'received' : 'sent',
    ...over,
  };
}

function many(n: number): MessageView[] {
  return Array.from({ length: n }, (_, i) => msg(i, i % 3 === 2 ? { direction: 'outgoing', sender: TEST_ACCOUNT.sessionId, status: 'sent' } : {}));
}

async function open(api: FakeApi, id = BOB, nameOf = 'Bob') {
  if (!api.conversations.some((c) => c.id === id)) api.conversations.push(conversation(id, { name: nameOf, updatedAt: NOW }));
  currentApi = api;
  store = createStore(api);
  render(<Root store={store} now={() => NOW} />);
  await screen.findByTestId('app-shell');
  const row = screen.getAllByTestId('conversation-row').find((r) => r.textContent?.includes(nameOf));
  fireEvent.click(row!);
  await flush(3);
}

const list = () => screen.getByTestId('message-list');
const texts = () => screen.queryAllByTestId('message-text').map((e) => e.textContent);
const rowOf = (text: string) => screen.getAllByTestId('message').find((r) => within(r).queryByTestId('message-text')?.textContent === text);
/** A drawn row's top inside the scrolled content. */
function startOf(text: string): number {
  const item = rowOf(text)!.closest('[data-index]') as HTMLElement;
  return Number(/translateY\((-?[\d.]+)px\)/.exec(item.style.transform)![1]);
}
/**
 * Where a message itself starts inside the scrolled content: its row's top plus the decorations drawn
 * above it in the row (30 px each in the mocked layout). A row that loses or gains one moves its message.
 */
function messageTopOf(text: string): number {
  const message = rowOf(text)!;
  const item = message.closest('[data-index]') as HTMLElement;
  const above = [...item.querySelectorAll('[data-testid="date-separator"], [data-testid="unread-marker"]')].filter(
    (d) => d.compareDocumentPosition(message) & Node.DOCUMENT_POSITION_FOLLOWING,
  ).length;
  return startOf(text) + 30 * above;
}
let currentApi: FakeApi | null = null;
/** A message arrives as the backend tells it: the message, then the summary with one more unread. */
function arrive(api: FakeApi, m: MessageView): void {
  api.messages.push(m);
  api.emit('messages.added', { messages: [{ ...m }] });
  const c = api.conversations.find((x) => x.id === m.conversationId)!;
  c.unreadCount += 1;
  api.emit('conversations.updated', { conversations: [{ ...c }] });
}
/** The `messages.page` requests that used this cursor. */
const pagesWith = (cursor: 'before' | 'after' | 'around') =>
  currentApi!.callsOf('messages.page').map((c) => c.params as Record<string, unknown>).filter((p) => cursor in p);
const maxScroll = () => list().scrollHeight - VIEWPORT_HEIGHT;

describe('virtualized timeline', () => {
  it('keeps only the rows in view (plus overscan) of a 500-message conversation and opens at the newest', async () => {
    const api = new FakeApi();
    api.messages = many(500);
    await open(api);
    const drawn = screen.getAllByTestId('message');
    expect(drawn.length).toBeGreaterThan(5);
    expect(drawn.length).toBeLessThan(40);
    expect(texts()).toContain('message 499');
    expect(texts()).not.toContain('message 450');
    expect(list().scrollTop).toBe(maxScroll());
    // One page from the newest end, by cursor.
    expect(api.callsOf('messages.page')[0]?.params).toEqual({ conversationId: BOB, limit: 50 });
    expect(store!.getState().messages.byConversation[BOB]).toHaveLength(50);
  });

  it('loads older pages at the top with the row in view kept in place, and bounds what it holds', async () => {
    const api = new FakeApi();
    api.messages = many(500);
    await open(api);
    let release = () => {};
    api.holdPages = new Promise<void>((r) => (release = r));
    await act(async () => userScroll(list(), 0));
    await flush(3);
    const top = 'message 450';
    // Where the oldest loaded message is on screen while the older page is on its way.
    const before = messageTopOf(top) - list().scrollTop;
    expect(before).toBeLessThan(50);
    api.holdPages = null;
    await act(async () => release());
    await flush(3);
    // The scroll to the top asked for the page before the oldest loaded message.
    expect(pagesWith('before')[0]).toEqual({ conversationId: BOB, before: 'm0450', limit: 50 });
    expect(store!.getState().messages.byConversation[BOB]).toHaveLength(100);
    expect(rowOf(top)).toBeTruthy();
    // The message itself stays put, not only its row (its date separator, if any, is not drawn above it).
    expect(messageTopOf(top) - list().scrollTop).toBe(before);
    expect(list().scrollTop).toBeGreaterThan(1000);
    expect(screen.getAllByTestId('message').length).toBeLessThan(40);
    // All the way up: the window never holds more than MAX_LOADED and says newer ones exist.
    for (let i = 0; i < 12; i++) {
      await act(async () => userScroll(list(), 0));
      await flush(3);
    }
    expect(texts()).toContain('message 0');
    const state = store!.getState().messages;
    expect(state.byConversation[BOB]!.length).toBeLessThanOrEqual(MAX_LOADED);
    expect(state.windows[BOB]?.hasOlder).toBe(false);
    expect(state.windows[BOB]?.hasNewer).toBe(true);
    // The jump button brings back the newest page.
    fireEvent.click(screen.getByTestId('jump-to-bottom'));
    await flush(5);
    expect(texts()).toContain('message 499');
    expect(list().scrollTop).toBe(maxScroll());
  });

  it('does not jump when a message arrives while scrolled up: the button counts it; at the bottom it follows', async () => {
    const api = new FakeApi();
    api.messages = many(40);
    await open(api);
    expect(screen.queryByTestId('jump-to-bottom')).toBeNull();
    await act(async () => userScroll(list(), 300));
    await flush(3);
    const reading = list().scrollTop;
    expect(reading).toBe(300);
    const fresh = msg(40, { text: 'fresh news' });
    await act(async () => arrive(api, fresh));
    await flush(3);
    expect(list().scrollTop).toBe(reading);
    const jump = screen.getByTestId('jump-to-bottom');
    // Out of view, it stays unread: the button shows the unread count.
    await waitFor(() => expect(within(jump).getByTestId('new-messages-count').textContent).toBe('1'));
    expect(jump.getAttribute('aria-label')).toBe(`${en.tlJumpToBottom}: 1 unread message`);
    expect(api.callsOf('conversations.markReadUpTo').map((c) => (c.params as { messageId: string }).messageId)).not.toContain(fresh.id);
    fireEvent.click(jump);
    await flush(3);
    expect(list().scrollTop).toBe(maxScroll());
    expect(screen.queryByTestId('jump-to-bottom')).toBeNull();
    // In view now: read.
    await waitFor(() => expect(api.callsOf('conversations.markReadUpTo').at(-1)?.params).toEqual({ id: BOB, messageId: fresh.id }));
    expect(api.conversations[0]?.unreadCount).toBe(0);
    // Pinned at the bottom, the next message scrolls into view.
    const next = msg(41, { text: 'and more' });
    await act(async () => api.emit('messages.added', { messages: [next] }));
    await flush(3);
    expect(texts()).toContain('and more');
    expect(list().scrollTop).toBe(maxScroll());
    expect(screen.queryByTestId('jump-to-bottom')).toBeNull();
  });

  it('at the bottom, a burst of arrivals keeps the window a page long; scrolled up, nothing the reader has goes', async () => {
    const api = new FakeApi();
    api.messages = many(40);
    await open(api);
    // Following the live end: 500 arrive in five batches; the oldest rows make room, the newest is in view.
    for (let b = 0; b < 5; b++) {
      const batch = Array.from({ length: 100 }, (_, k) => msg(40 + b * 100 + k));
      api.messages.push(...batch);
      await act(async () => api.emit('messages.added', { messages: batch }));
      await flush(2);
    }
    const rows = store!.getState().messages.byConversation[BOB]!;
    expect(rows).toHaveLength(MAX_LOADED);
    expect(rows.at(-1)?.id).toBe('m0539');
    expect(store!.getState().messages.windows[BOB]?.hasOlder).toBe(true);
    expect(texts()).toContain('message 539');
    expect(list().scrollTop).toBe(maxScroll());
    // Scrolled up (away from both ends): arrivals are added, none of the loaded rows is dropped.
    await act(async () => userScroll(list(), Math.round(maxScroll() / 2)));
    await flush(3);
    expect(store!.getState().messages.windows[BOB]?.following).toBe(false);
    const batch = Array.from({ length: 100 }, (_, k) => msg(540 + k));
    await act(async () => api.emit('messages.added', { messages: batch }));
    await flush(3);
    expect(store!.getState().messages.byConversation[BOB]).toHaveLength(MAX_LOADED + 100);
  });

  it('opens at the "Unread messages" line, loading the page around it when it is not among the newest', async () => {
    const api = new FakeApi();
    api.messages = Array.from({ length: 300 }, (_, i) => msg(i));
    api.conversations = [conversation(BOB, { name: 'Bob', unreadCount: 120, updatedAt: NOW })];
    await open(api);
    expect(pagesWith('around')).toContainEqual({ conversationId: BOB, around: 'm0180', limit: 50 });
    const marker = screen.getByTestId('unread-marker');
    expect(marker.textContent).toBe(en.tlUnreadMessages);
    // Its text takes the accent only where the accent reads as text (dark themes), not light ones.
    expect(getComputedStyle(marker).color).toBe('var(--renderer-span-primary-color)');
    const item = marker.closest('[data-index]') as HTMLElement;
    expect(within(item).getByTestId('message-text').textContent).toBe('message 180');
    expect(startOf('message 180')).toBe(list().scrollTop);
    expect(screen.getAllByTestId('unread-marker')).toHaveLength(1);
    // The window is away from the live end: scrolling down loads newer pages.
    expect(store!.getState().messages.windows[BOB]?.hasNewer).toBe(true);
    await act(async () => userScroll(list(), maxScroll()));
    await flush(3);
    expect(pagesWith('after').map((p) => p.after)).toContain('m0204');
    // The view reads by sight, never the whole conversation at once.
    expect(api.callsOf('conversations.markRead')).toHaveLength(0);
  });

  it('scrolls by keyboard: PageUp/PageDown by two thirds of a page, Home and End to the ends', async () => {
    const api = new FakeApi();
    api.messages = many(40);
    await open(api);
    // The content moves by two thirds of the 600 px view: the top row in view comes 400 px down (rows
    // above it measured on the way move the scroll position with them, not what is on screen).
    const topRow = texts().find((x) => startOf(x!) >= list().scrollTop)!;
    const onScreen = startOf(topRow) - list().scrollTop;
    fireEvent.keyDown(list(), { key: 'PageUp' });
    await flush(3);
    expect(startOf(topRow) - list().scrollTop).toBe(onScreen + 400);
    fireEvent.keyDown(list(), { key: 'Home' });
    await flush(3);
    expect(list().scrollTop).toBe(0);
    fireEvent.keyDown(list(), { key: 'PageDown' });
    await flush(3);
    expect(list().scrollTop).toBe(400);
    fireEvent.keyDown(list(), { key: 'End' });
    await flush(3);
    expect(list().scrollTop).toBe(maxScroll());
  });

  it('keeps the reading position when a reconnect reloads the window', async () => {
    const api = new FakeApi();
    api.messages = many(40);
    await open(api);
    await act(async () => userScroll(list(), 300));
    await flush(3);
    const reading = startOf('message 20') - list().scrollTop;
    await act(async () => api.reconnect());
    await flush(5);
    expect(api.callsOf('messages.page').length).toBeGreaterThan(2);
    expect(startOf('message 20') - list().scrollTop).toBe(reading);
  });

  it('stays at the bottom when the window reloads there, instead of going back up to the unread line', async () => {
    const api = new FakeApi();
    api.messages = Array.from({ length: 60 }, (_, i) => msg(i));
    api.conversations = [conversation(BOB, { name: 'Bob', unreadCount: 40, updatedAt: NOW })];
    await open(api);
    // Opened at the unread line; the reader goes to the bottom.
    expect(startOf('message 20')).toBe(list().scrollTop);
    fireEvent.click(screen.getByTestId('jump-to-bottom'));
    await flush(3);
    expect(list().scrollTop).toBe(maxScroll());
    const calls = api.callsOf('messages.page').length;
    await act(async () => api.reconnect());
    await flush(5);
    expect(api.callsOf('messages.page').length).toBeGreaterThan(calls);
    expect(store!.getState().messages.windows[BOB]?.firstUnreadId).toBe('m0020');
    expect(list().scrollTop).toBe(maxScroll());
    expect(texts()).toContain('message 59');
  });

  it('fills a window too short to scroll from older pages', async () => {
    const api = new FakeApi();
    api.messages = many(30);
    const page = api['page'].bind(api);
    // A backend answering small pages: 5 rows never fill the viewport, so no scroll event would come.
    api['page'] = (p) => page({ ...p, limit: 5 });
    await open(api);
    await flush(8);
    expect(pagesWith('before').length).toBeGreaterThan(0);
    expect(list().scrollHeight).toBeGreaterThan(VIEWPORT_HEIGHT);
  });

  it('shows no unread line and opens at the bottom when everything is read', async () => {
    const api = new FakeApi();
    api.messages = many(30);
    await open(api);
    expect(screen.queryByTestId('unread-marker')).toBeNull();
    expect(list().scrollTop).toBe(maxScroll());
  });

  it('separates messages more than 5 minutes apart with a relative date, and groups a sender\'s series', async () => {
    const api = new FakeApi();
    const yesterday = new Date(2026, 0, 14, 16, 10).getTime();
    api.messages = [
      msg(1, { text: 'old', timestamp: new Date(2025, 11, 1, 9, 0).getTime() }),
      msg(2, { text: 'a', timestamp: yesterday }),
      msg(3, { text: 'b', timestamp: yesterday + 2 * MINUTE }),
      msg(4, { text: 'c', timestamp: yesterday + 4 * MINUTE, direction: 'outgoing', sender: TEST_ACCOUNT.sessionId, status: 'sent' }),
      msg(5, { text: 'd', timestamp: yesterday + 20 * MINUTE }),
    ];
    await open(api);
    const seps = screen.getAllByTestId('date-separator').map((e) => e.textContent);
    expect(seps).toHaveLength(3);
    expect(seps[1]).toMatch(/^Yesterday at /);
    expect(seps[0]).toContain('2025');
    const row = (text: string) => rowOf(text)!;
    expect(row('a').dataset.firstInSeries).toBe('true');
    expect(row('b').dataset.firstInSeries).toBeUndefined();
    expect(row('c').dataset.firstInSeries).toBe('true');
    expect(row('d').dataset.firstInSeries).toBe('true');
    // Each bubble's full date is its tooltip, there once pointed at (or focused).
    fireEvent.mouseEnter(row('a'));
    expect(row('a').getAttribute('title')).toContain('2026');
    fireEvent.focus(row('d'));
    expect(row('d').getAttribute('title')).toContain('2026');
    expect(screen.getByRole('log', { name: en.messageList })).toBeTruthy();
    expect(within(list()).getAllByRole('listitem').length).toBe(5);
  });

  it('follows messages.updated and messages.removed events', async () => {
    const api = new FakeApi();
    api.messages = many(5);
    await open(api);
    await act(async () => api.emit('messages.removed', { conversationId: BOB, ids: ['m0001'] }));
    expect(texts()).not.toContain('message 1');
    await act(async () => api.emit('messages.updated', { messages: [{ ...msg(0), text: 'edited' }] }));
    expect(texts()).toContain('edited');
  });
});

describe('read on visibility', () => {
  /** Lets the read delay pass (real time: the view waits READ_DELAY_MS before reading what is in view). */
  async function settle(ms = 250) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, ms));
    });
  }
  const readUpToCalls = () => currentApi!.callsOf('conversations.markReadUpTo').map((c) => (c.params as { messageId: string }).messageId);
  const badge = () => screen.queryByTestId('new-messages-count')?.textContent;

  it('reads what has been at least half in view while the window is seen; below the fold stays unread; the count drops as the user scrolls', async () => {
    const api = new FakeApi();
    api.messages = Array.from({ length: 300 }, (_, i) => msg(i));
    api.conversations = [conversation(BOB, { name: 'Bob', unreadCount: 120, updatedAt: NOW })];
    await open(api);
    // Opened at the unread line (m0180, 30 px line + 40 px row), 600 px of view: m0180–m0193 are whole,
    // m0194 shows 10 of its 40 px (a quarter), the rest is below the fold.
    const s0 = list().scrollTop;
    expect(startOf('message 180')).toBe(s0);
    await waitFor(() => expect(readUpToCalls()).toEqual(['m0193']));
    expect(api.conversations[0]!.unreadCount).toBe(106);
    expect(api.messages.filter((m) => m.status === 'received').map((m) => m.id)[0]).toBe('m0194');
    expect(api.callsOf('conversations.markRead')).toHaveLength(0);
    // The button counts what is left below.
    await waitFor(() => expect(badge()).toBe('106'));

    // 16 of m0194's 40 px (40 %) are not enough...
    await act(async () => userScroll(list(), s0 + 6));
    await settle();
    expect(readUpToCalls()).toEqual(['m0193']);
    // ...24 px (60 %) are.
    await act(async () => userScroll(list(), s0 + 14));
    await waitFor(() => expect(readUpToCalls()).toEqual(['m0193', 'm0194']));
    await waitFor(() => expect(badge()).toBe('105'));
    // The unread line stays where it was while the conversation is open.
    expect(within(rowOf('message 180')!.closest('[data-index]') as HTMLElement).getByTestId('unread-marker')).toBeTruthy();

    // While the window is away nothing is read, whatever scrolls by; back in focus, what is in view is.
    setWindowSeen(false);
    await act(async () => userScroll(list(), s0 + 214));
    await settle();
    expect(readUpToCalls()).toEqual(['m0193', 'm0194']);
    await act(async () => setWindowSeen(true));
    // m0195–m0199 came into view (5 × 40 px = the 200 px scrolled).
    await waitFor(() => expect(readUpToCalls()).toEqual(['m0193', 'm0194', 'm0199']));
    await waitFor(() => expect(badge()).toBe('100'));
    expect(screen.getAllByTestId('unread-marker')).toHaveLength(1);
    // Scrolling back up to what is read asks nothing more.
    await act(async () => userScroll(list(), s0));
    await settle();
    expect(readUpToCalls()).toHaveLength(3);
  });

  it('a message arriving in view is read only once the window is seen', async () => {
    const api = new FakeApi();
    api.messages = many(40).map((m) => (m.direction === 'incoming' ? { ...m, status: 'read' as const } : m));
    await open(api);
    setWindowSeen(false);
    const fresh = msg(40, { text: 'while away' });
    await act(async () => arrive(api, fresh));
    await settle();
    expect(texts()).toContain('while away');
    expect(readUpToCalls()).toEqual([]);
    expect(api.conversations[0]!.unreadCount).toBe(1);
    await act(async () => setWindowSeen(true));
    await waitFor(() => expect(readUpToCalls()).toEqual([fresh.id]));
    expect(api.conversations[0]!.unreadCount).toBe(0);
    expect(store!.getState().conversations.byId[BOB]?.unreadCount).toBe(0);
  });

  it('keeps the unread line and the newest page when jumping to the bottom from far up', async () => {
    const api = new FakeApi();
    api.messages = Array.from({ length: 400 }, (_, i) => msg(i));
    api.conversations = [conversation(BOB, { name: 'Bob', unreadCount: 300, updatedAt: NOW })];
    await open(api);
    await waitFor(() => expect(readUpToCalls()).toHaveLength(1));
    // Far from the newest page, the first unread message is still far up: the jump goes to the newest
    // page all the same, and everything up to the newest message is read.
    fireEvent.click(screen.getByTestId('jump-to-bottom'));
    await flush(5);
    expect(texts()).toContain('message 399');
    expect(list().scrollTop).toBe(maxScroll());
    await waitFor(() => expect(readUpToCalls().at(-1)).toBe('m0399'));
    expect(api.conversations[0]!.unreadCount).toBe(0);
    // The line was at m0100 when the conversation was opened: still there when scrolled back to it.
    expect(store!.getState().messages.windows[BOB]?.firstUnreadId).toBe('m0100');
  });
});

describe('bubbles', () => {
  it('enlarges emoji-only messages by count, clamps long ones with "Read more", and shows placeholders', async () => {
    const api = new FakeApi();
    const long = Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n');
    const exact = Array.from({ length: 25 }, (_, i) => `row ${i}`).join('\n');
    api.messages = [
      msg(1, { text: '😀' }),
      msg(2, { text: '👍🏽 🇫🇷 👨‍👩‍👧' }),
      msg(3, { text: '😀😀😀😀😀' }),
      msg(4, { text: '😀😀😀😀😀😀😀' }),
      msg(5, { text: 'hi 😀' }),
      msg(6, { text: long }),
      msg(7, { text: exact }),
      msg(8, { text: 'see attached', unsupported: ['attachments', 'quote'] }),
      msg(9, { text: '', unsupported: ['reaction'] }),
    ];
    await open(api);
    const size = (text: string) => within(rowOf(text)!).getByTestId('message-text').dataset.emojiSize;
    expect(size('😀')).toBe('jumbo');
    expect(size('👍🏽 🇫🇷 👨‍👩‍👧')).toBe('large');
    expect(size('😀😀😀😀😀')).toBe('medium');
    expect(size('😀😀😀😀😀😀😀')).toBeUndefined();
    expect(size('hi 😀')).toBeUndefined();

    const longRow = rowOf(long)!;
    expect(within(longRow).getByTestId('message-text').dataset.clamped).toBe('true');
    fireEvent.click(within(longRow).getByRole('button', { name: en.tlReadMore }));
    expect(within(rowOf(long)!).getByTestId('message-text').dataset.clamped).toBeUndefined();
    expect(within(rowOf(long)!).queryByRole('button', { name: en.tlReadMore })).toBeNull();
    expect(within(rowOf(exact)!).queryByRole('button', { name: en.tlReadMore })).toBeNull();

    const withParts = rowOf('see attached')!;
    const placeholder = within(withParts).getByTestId('message-unsupported').textContent!;
    expect(placeholder).toContain(en.tlUnsupported);
    expect(placeholder).toContain(en.tlPartAttachments);
    expect(placeholder).toContain(en.tlPartQuote);
    const onlyParts = screen.getAllByTestId('message-unsupported').find((e) => e.textContent?.includes(en.tlPartReaction))!;
    expect(onlyParts.closest('[data-testid="message"]')!.querySelector('[data-testid="message-text"]')).toBeNull();
  });
});

describe('composer', () => {
  it('counts code points from 200 remaining, goes red and negative over the limit, and refuses to send then', async () => {
    const api = new FakeApi();
    await open(api);
    const input = screen.getByLabelText(en.composerLabel);
    fireEvent.change(input, { target: { value: 'x'.repeat(1799) } });
    expect(screen.queryByTestId('composer-counter')).toBeNull();
    // Emoji outside the BMP are two UTF-16 units but one code point each.
    fireEvent.change(input, { target: { value: '😀'.repeat(1900) } });
    const counter = screen.getByTestId('composer-counter');
    expect(counter.textContent).toBe('100');
    expect(counter.getAttribute('title')).toBe(en.tlCharactersRemaining.replace('{count}', '100'));
    fireEvent.change(input, { target: { value: 'y'.repeat(2003) } });
    expect(screen.getByTestId('composer-counter').textContent).toBe('-3');
    expect(screen.getByTestId('composer-counter').getAttribute('title')).toBe(en.tlReduceLength.replace('{count}', '3'));
    fireEvent.keyDown(input, { key: 'Enter' });
    await flush(3);
    const dialog = screen.getByTestId('message-too-long-dialog');
    expect(within(dialog).getByText(en.tlMessageTooLongTitle)).toBeTruthy();
    expect(within(dialog).getByText(en.tlMessageTooLongText)).toBeTruthy();
    expect(api.callsOf('messages.send')).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: en.tlOk }));
    expect(screen.queryByTestId('message-too-long-dialog')).toBeNull();
    expect((input as HTMLTextAreaElement).value).toHaveLength(2003);
  });

  it('warns before sending the recovery password; Cancel keeps it, Send sends it', async () => {
    const api = new FakeApi();
    await open(api);
    const input = screen.getByLabelText(en.composerLabel);
    const text = `my words:  ${api.recoveryPassword.toUpperCase()}`;
    fireEvent.change(input, { target: { value: text } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await flush(3);
    expect(api.callsOf('account.containsRecoveryPassword')[0]?.params).toEqual({ text });
    let dialog = screen.getByTestId('recovery-password-dialog');
    expect(within(dialog).getByText(en.tlWarning)).toBeTruthy();
    expect(within(dialog).getByText(en.tlRecoveryPasswordWarning)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: en.cancel }));
    expect(screen.queryByTestId('recovery-password-dialog')).toBeNull();
    expect(api.callsOf('messages.send')).toHaveLength(0);
    expect((input as HTMLTextAreaElement).value).toBe(text);
    fireEvent.keyDown(input, { key: 'Enter' });
    await flush(3);
    dialog = screen.getByTestId('recovery-password-dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: en.tlSend }));
    await flush(3);
    expect(api.callsOf('messages.send')[0]?.params).toEqual({ to: BOB, text });
    // Ordinary text goes straight out.
    fireEvent.change(input, { target: { value: 'hello' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await flush(3);
    expect(api.callsOf('messages.send')).toHaveLength(2);
  });

  it('sends anyway when the backend cannot check for the recovery password', async () => {
    const api = new FakeApi();
    await open(api);
    const call = api.call.bind(api);
    api.call = (async (method, params) => {
      if (method === 'account.containsRecoveryPassword') throw new IpcError('unavailable', 'not yet');
      return call(method, params);
    }) as FakeApi['call'];
    fireEvent.change(screen.getByLabelText(en.composerLabel), { target: { value: 'hi' } });
    fireEvent.keyDown(screen.getByLabelText(en.composerLabel), { key: 'Enter' });
    await flush(3);
    expect(api.callsOf('messages.send')).toHaveLength(1);
  });

  it('keeps a draft per conversation across switches and restarts', async () => {
    const api = new FakeApi();
    api.conversations = [conversation(BOB, { name: 'Bob', updatedAt: NOW }), conversation(CAROL, { name: 'Carol', updatedAt: NOW - 1 })];
    await open(api);
    fireEvent.change(screen.getByLabelText(en.composerLabel), { target: { value: 'half a thought' } });
    fireEvent.click(screen.getAllByTestId('conversation-row').find((r) => r.textContent?.includes('Carol'))!);
    await flush(3);
    expect((screen.getByLabelText(en.composerLabel) as HTMLTextAreaElement).value).toBe('');
    // Leaving the conversation saved its draft with the backend at once.
    expect(api.callsOf('conversations.setDraft').map((c) => c.params)).toEqual([{ id: BOB, text: 'half a thought' }]);
    fireEvent.click(screen.getAllByTestId('conversation-row').find((r) => r.textContent?.includes('Bob'))!);
    await flush(3);
    expect((screen.getByLabelText(en.composerLabel) as HTMLTextAreaElement).value).toBe('half a thought');
    // A restart: a new store reads the draft from the conversation summary.
    cleanup();
    store!.dispose();
    await open(api);
    expect((screen.getByLabelText(en.composerLabel) as HTMLTextAreaElement).value).toBe('half a thought');
    // Sending clears it with the backend too.
    fireEvent.keyDown(screen.getByLabelText(en.composerLabel), { key: 'Enter' });
    await flush(3);
    expect(api.conversations.find((c) => c.id === BOB)?.draft).toBeUndefined();
  });

  it('saves the draft after typing pauses', async () => {
    const api = new FakeApi();
    await open(api);
    jest.useFakeTimers();
    try {
      fireEvent.change(screen.getByLabelText(en.composerLabel), { target: { value: 'typ' } });
      fireEvent.change(screen.getByLabelText(en.composerLabel), { target: { value: 'typing' } });
      expect(api.callsOf('conversations.setDraft')).toHaveLength(0);
      await act(async () => {
        jest.advanceTimersByTime(1_000);
      });
      expect(api.callsOf('conversations.setDraft').map((c) => c.params)).toEqual([{ id: BOB, text: 'typing' }]);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('message actions', () => {
  it('opens the menu by right-click and by the "…" button; Copy copies and toasts; Esc closes and returns focus', async () => {
    const api = new FakeApi();
    api.messages = [msg(1, { text: 'copy me' })];
    await open(api);
    const row = rowOf('copy me')!;
    fireEvent.contextMenu(row, { clientX: 100, clientY: 100 });
    const menu = screen.getByRole('menu', { name: en.tlMessageActions });
    expect(within(menu).getAllByRole('menuitem').map((b) => b.textContent)).toEqual([en.replyAction, en.tlCopy, en.tlInfo, en.tlSelect, en.tlCopyAccountId, en.tlDelete]);
    expect(document.activeElement).toBe(within(menu).getAllByRole('menuitem')[0]);
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toBe(en.tlCopy);
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(rowOf('copy me'));

    const more = within(rowOf('copy me')!).getByRole('button', { name: en.tlMoreActions });
    fireEvent.click(more);
    fireEvent.click(within(screen.getByRole('menu')).getByRole('menuitem', { name: en.tlCopy }));
    await flush(3);
    expect(writeText).toHaveBeenCalledWith('copy me');
    expect(await screen.findByText(en.tlCopied)).toBeTruthy();
    // Keyboard: Enter on a focused message opens its menu.
    fireEvent.keyDown(rowOf('copy me')!, { key: 'Enter' });
    expect(screen.getByRole('menu')).toBeTruthy();
  });

  it('offers Resend for a failed outgoing message, which retries it', async () => {
    const api = new FakeApi();
    api.messages = [msg(1, { text: 'oops', direction: 'outgoing', sender: TEST_ACCOUNT.sessionId, status: 'failed', error: 'no path' })];
    await open(api);
    fireEvent.contextMenu(rowOf('oops')!);
    const items = within(screen.getByRole('menu')).getAllByRole('menuitem').map((b) => b.textContent);
    expect(items[0]).toBe(en.tlResend);
    expect(items).not.toContain(en.tlCopyAccountId);
    fireEvent.click(within(screen.getByRole('menu')).getByRole('menuitem', { name: en.tlResend }));
    await flush(3);
    expect(api.callsOf('messages.retry')[0]?.params).toEqual({ id: 'm0001' });
  });

  it('shows Message Info: times, status, error, sender with copy', async () => {
    const api = new FakeApi();
    api.messages = [
      msg(1, { text: 'from bob', receivedAt: NOW - 5 * MINUTE }),
      msg(2, { text: 'mine', direction: 'outgoing', sender: TEST_ACCOUNT.sessionId, status: 'failed', error: 'Could not reach the swarm.' }),
    ];
    // Not read while the window is away: the incoming message is still "Received".
    setWindowSeen(false);
    await open(api);
    fireEvent.contextMenu(rowOf('from bob')!);
    fireEvent.click(within(screen.getByRole('menu')).getByRole('menuitem', { name: en.tlInfo }));
    let info = await screen.findByTestId('message-info');
    expect(within(info).getByText(en.tlMessageInfo)).toBeTruthy();
    expect(within(info).getByTestId('message-info-text').textContent).toBe('from bob');
    expect(within(info).getByTestId('message-info-sent').textContent).toContain('2026');
    expect(within(info).getByTestId('message-info-received').textContent).toContain('2026');
    expect(within(info).getByTestId('message-info-status').textContent).toBe(en.tlStatusReceived);
    expect(within(info).getByTestId('message-info-sender').textContent).toBe(BOB);
    fireEvent.click(within(info).getByRole('button', { name: en.copyAccountId }));
    await flush(3);
    expect(writeText).toHaveBeenCalledWith(BOB);
    fireEvent.keyDown(info, { key: 'Escape' });
    expect(screen.queryByTestId('message-info')).toBeNull();

    fireEvent.contextMenu(rowOf('mine')!);
    fireEvent.click(within(screen.getByRole('menu')).getByRole('menuitem', { name: en.tlInfo }));
    info = await screen.findByTestId('message-info');
    expect(within(info).queryByTestId('message-info-received')).toBeNull();
    expect(within(info).getByTestId('message-info-status').textContent).toBe(en.statusFailed);
    expect(within(info).getByTestId('message-info-error').textContent).toBe('Could not reach the swarm.');
    expect(within(info).getByTestId('message-info-sender').textContent).toBe(TEST_ACCOUNT.sessionId);
    fireEvent.click(within(info).getByRole('button', { name: en.tlResend }));
    await flush(3);
    expect(api.callsOf('messages.retry')[0]?.params).toEqual({ id: 'm0002' });
  });

  it('deletes one message on this device after confirmation', async () => {
    const api = new FakeApi();
    api.messages = [msg(1, { text: 'keep' }), msg(2, { text: 'drop' })];
    await open(api);
    fireEvent.contextMenu(rowOf('drop')!);
    fireEvent.click(within(screen.getByRole('menu')).getByRole('menuitem', { name: en.tlDelete }));
    const dialog = screen.getByTestId('delete-messages-dialog');
    expect(within(dialog).getByText(en.tlDeleteMessageTitle)).toBeTruthy();
    expect(within(dialog).getByText(en.tlDeleteMessageText)).toBeTruthy();
    expect((within(dialog).getByRole('radio', { name: en.tlDeleteOnThisDevice }) as HTMLInputElement).checked).toBe(true);
    // An incoming message cannot be deleted for everyone: the option is there, disabled, with the reason.
    expect((within(dialog).getByRole('radio', { name: en.cfDeleteForEveryone }) as HTMLInputElement).disabled).toBe(true);
    expect(within(dialog).getByTestId('delete-everyone-unavailable').textContent).toBe('This message cannot be deleted for everyone');
    fireEvent.click(within(dialog).getByRole('button', { name: en.tlDelete }));
    await flush(3);
    expect(api.callsOf('messages.deleteForMe')[0]?.params).toEqual({ ids: ['m0002'] });
    expect(texts()).toEqual(['keep']);
    expect(await screen.findByText(en.tlMessageDeleted)).toBeTruthy();
    // The deleted row had focus; the composer gets it.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText(en.composerLabel)));
  });

  it('selects several messages and deletes them from the header; Esc leaves multi-select; a failure keeps them', async () => {
    const api = new FakeApi();
    api.messages = [msg(1, { text: 'one' }), msg(2, { text: 'two' }), msg(3, { text: 'three' })];
    await open(api);
    fireEvent.contextMenu(rowOf('one')!);
    fireEvent.click(within(screen.getByRole('menu')).getByRole('menuitem', { name: en.tlSelect }));
    expect(screen.getByRole('button', { name: en.tlCancelSelection })).toBeTruthy();
    expect(screen.getByTestId('selection-count').textContent).toBe(en.tlSelectedCount.replace('{count}', '1'));
    fireEvent.click(rowOf('three')!);
    fireEvent.click(rowOf('two')!);
    fireEvent.click(rowOf('two')!);
    expect(rowOf('one')!.dataset.selected).toBe('true');
    expect(rowOf('two')!.dataset.selected).toBeUndefined();
    expect(rowOf('three')!.getAttribute('aria-label')).toBe(`${en.tlMessageFrom.replace('{name}', 'Bob')}, ${en.tlSelected}`);
    // Esc leaves the mode without deleting.
    fireEvent.keyDown(rowOf('one')!, { key: 'Escape' });
    expect(screen.queryByTestId('selection-delete')).toBeNull();
    expect(screen.getByTestId('conversation-title')).toBeTruthy();

    fireEvent.contextMenu(rowOf('one')!);
    fireEvent.click(within(screen.getByRole('menu')).getByRole('menuitem', { name: en.tlSelect }));
    fireEvent.click(rowOf('three')!);
    api.failNextDelete = new IpcError('internal', 'disk full');
    fireEvent.click(screen.getByTestId('selection-delete'));
    let dialog = screen.getByTestId('delete-messages-dialog');
    expect(within(dialog).getByText(en.tlDeleteMessagesTitle)).toBeTruthy();
    expect(within(dialog).getByText(en.tlDeleteMessagesText)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: en.tlDelete }));
    await flush(3);
    expect(await screen.findByText(en.tlDeleteFailed)).toBeTruthy();
    expect(texts()).toEqual(['one', 'two', 'three']);
    expect(screen.getByTestId('selection-delete')).toBeTruthy();

    fireEvent.click(screen.getByTestId('selection-delete'));
    dialog = screen.getByTestId('delete-messages-dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: en.tlDelete }));
    await flush(3);
    expect(api.callsOf('messages.deleteForMe')[1]?.params).toEqual({ ids: ['m0001', 'm0003'] });
    expect(texts()).toEqual(['two']);
    expect(await screen.findByText(en.tlMessagesDeleted)).toBeTruthy();
    expect(screen.queryByTestId('selection-delete')).toBeNull();
  });

  it('opens the conversation settings from the title and the avatar', async () => {
    const api = new FakeApi();
    await open(api);
    fireEvent.click(screen.getByTestId('conversation-title-button'));
    expect(store!.getState().ui.modals).toEqual([{ kind: 'conversation-settings', conversationId: BOB }]);
    await act(async () => store!.dispatch(closeTopModal()));
    fireEvent.click(screen.getByRole('button', { name: en.tlOpenConversationSettings }));
    expect(store!.getState().ui.modals).toEqual([{ kind: 'conversation-settings', conversationId: BOB }]);
    await act(async () => store!.dispatch(closeTopModal()));
    // Ctrl+. does the same from anywhere.
    fireEvent.keyDown(window, { key: '.', ctrlKey: true });
    expect(store!.getState().ui.modals).toEqual([{ kind: 'conversation-settings', conversationId: BOB }]);
  });
});

describe('links in messages', () => {
  it('links web addresses in a bubble; a click asks first, then opens or copies', async () => {
    const api = new FakeApi();
    api.messages = [msg(1, { text: 'read https://getsession.org/faq, not https://gеtsession.org' })];
    await open(api);
    const links = screen.getAllByTestId('message-link');
    // The look-alike host (Cyrillic "е") stays text.
    expect(links.map((a) => a.textContent)).toEqual(['https://getsession.org/faq']);
    const opened = jest.spyOn(window, 'open').mockImplementation(() => null);
    try {
      fireEvent.click(links[0]!);
      expect(opened).not.toHaveBeenCalled();
      const dialog = screen.getByTestId('open-url-dialog');
      expect(within(dialog).getByTestId('open-url-target').textContent).toBe('https://getsession.org/faq');
      fireEvent.click(within(dialog).getByRole('button', { name: en.openUrlOpen }));
      expect(opened).toHaveBeenCalledWith('https://getsession.org/faq', '_blank', 'noopener,noreferrer');
      expect(screen.queryByTestId('open-url-dialog')).toBeNull();

      fireEvent.click(screen.getByTestId('message-link'));
      fireEvent.click(screen.getByRole('button', { name: en.openUrlCopy }));
      await flush(3);
      expect(writeText).toHaveBeenCalledWith('https://getsession.org/faq');
      expect(opened).toHaveBeenCalledTimes(1);
    } finally {
      opened.mockRestore();
    }
  });
});
