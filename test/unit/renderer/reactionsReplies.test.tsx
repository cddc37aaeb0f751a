// Reactions and replies in the conversation view (jsdom, the fake API, the mocked layout): the pills under
// a bubble (counts, ours marked, toggling, who reacted, show more/less), the hover bar's reaction bar with
// the recent emoji (kept per device) and the full emoji-mart picker, the rate limit and errors as toasts,
// the composer's emoji button inserting at the caret; replies from the menu and the hover bar, the preview
// above the composer and the send with its quote, the quote in the bubble (found or not), and the jump to
// the original, loading its page when it is not loaded.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { MessageView, ReactionView } from '../../../ts/ipc/contract';
import { IpcError } from '../../../ts/ipc/errors';
import { DEFAULT_RECENT_EMOJI, RECENT_EMOJI_KEY, resetRecentEmojiCache } from '../../../ts/renderer/components/emoji/recentEmoji';
import { en } from '../../../ts/renderer/locales/en';
import { Root } from '../../../ts/renderer/Root';
import { createStore, type AppStore } from '../../../ts/renderer/state/store';
import { conversation, FakeApi, TEST_ACCOUNT } from './fakeApi';
import { installIntersectionObserver, installLayout, setWindowSeen, uninstallLayout } from './layoutMock';

jest.setTimeout(60_000);

const ME = TEST_ACCOUNT.sessionId;
const BOB = '05' + 'b2'.repeat(32);
const CAROL = '05' + 'c3'.repeat(32);
const NOW = new Date(2026, 0, 15, 12, 0, 0).getTime();
const MINUTE = 60_000;
let store: AppStore | null = null;
let clock = NOW;

beforeAll(() => {
  installLayout();
  installIntersectionObserver();
});
afterAll(uninstallLayout);
beforeEach(() => {
  setWindowSeen(true);
  localStorage.clear();
  resetRecentEmojiCache();
  clock = NOW;
});
afterEach(() => {
  cleanup();
  store?.dispose();
  store = null;
});

async function flush(times = 3) {
  for (let i = 0; i < times; i++) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
  }
}

function msg(i: number, over: Partial<MessageView> = {}): MessageView {
  const incoming = over.direction !== 'outgoing';
  return {
    id: `m${String(i).padStart(4, '0')}`,
    conversationId: BOB,
    sender: incoming ? BOB : ME,
    direction: 'incoming',
    text: `message ${i}`,
    timestamp: NOW - 10_000 * MINUTE + i * MINUTE,
    receivedAt: NOW - 10_000 * MINUTE + i * MINUTE,
    status: incoming ? 'read' : 'sent',
    ...over,
  };
}

const reaction = (emoji: string, senders: string[]): ReactionView => ({ emoji, count: senders.length, senders, mine: senders.includes(ME) });

async function open(api: FakeApi) {
  if (!api.conversations.some((c) => c.id === BOB)) api.conversations.push(conversation(BOB, { name: 'Bob', updatedAt: NOW }));
  if (!api.conversations.some((c) => c.id === CAROL)) api.conversations.push(conversation(CAROL, { name: 'Carol', updatedAt: NOW - 1 }));
  store = createStore(api);
  render(<Root store={store} now={() => clock} />);
  await screen.findByTestId('app-shell');
  const row = screen.getAllByTestId('conversation-row').find((r) => r.textContent?.includes('Bob'));
  fireEvent.click(row!);
  await flush();
}

const rowOf = (text: string) => screen.getAllByTestId('message').find((r) => within(r).queryByTestId('message-text')?.textContent === text)!;
const pills = (text: string) => within(rowOf(text)).queryAllByTestId('reaction-pill');
const pill = (text: string, emoji: string) => pills(text).find((p) => p.dataset.emoji === emoji)!;
const toasts = () => screen.queryAllByRole('status').map((e) => e.textContent).concat(screen.queryAllByRole('alert').map((e) => e.textContent));
const reactCalls = (api: FakeApi) => api.callsOf('messages.react').map((c) => c.params);

describe('reactions under a bubble', () => {
  it('shows a pill per emoji with the count from 2, ours marked; hovering or focusing says who reacted; a click toggles ours', async () => {
    const api = new FakeApi();
    api.messages = [msg(1, { text: 'hello', reactions: [reaction('😂', [BOB, ME]), reaction('👍', [BOB])] })];
    await open(api);
    expect(pills('hello').map((p) => p.dataset.emoji)).toEqual(['😂', '👍']);
    const joy = pill('hello', '😂');
    expect(joy.getAttribute('aria-pressed')).toBe('true');
    expect(within(joy).getByTestId('reaction-count').textContent).toBe('2');
    expect(pill('hello', '👍').getAttribute('aria-pressed')).toBe('false');
    expect(within(pill('hello', '👍')).queryByTestId('reaction-count')).toBeNull();
    // Who reacted: the visible tooltip while pointed at, and the description a screen reader reads.
    fireEvent.mouseEnter(joy);
    expect(screen.getByTestId('reaction-tooltip').textContent).toBe('You and Bob reacted with :joy:');
    fireEvent.mouseLeave(joy);
    expect(screen.queryByTestId('reaction-tooltip')).toBeNull();
    fireEvent.focus(pill('hello', '👍'));
    expect(screen.getByTestId('reaction-tooltip').textContent).toBe('Bob reacted with :+1:');
    const description = document.getElementById(pill('hello', '👍').getAttribute('aria-describedby')!)!;
    expect(description.textContent).toBe(`Bob reacted with :+1:. ${en.reactAddHint.replace('{emoji}', '👍')}`);
    fireEvent.blur(pill('hello', '👍'));

    // Ours goes: the pill stays for Bob, unmarked.
    fireEvent.click(joy);
    await flush();
    expect(reactCalls(api)).toEqual([{ messageId: 'm0001', emoji: '😂', action: 'remove' }]);
    expect(pill('hello', '😂').getAttribute('aria-pressed')).toBe('false');
    expect(within(pill('hello', '😂')).queryByTestId('reaction-count')).toBeNull();
    // Ours joins Bob's 👍.
    fireEvent.click(pill('hello', '👍'));
    await flush();
    expect(reactCalls(api)[1]).toEqual({ messageId: 'm0001', emoji: '👍', action: 'add' });
    expect(pill('hello', '👍').getAttribute('aria-pressed')).toBe('true');
    expect(within(pill('hello', '👍')).getByTestId('reaction-count').textContent).toBe('2');
    fireEvent.mouseEnter(pill('hello', '👍'));
    expect(screen.getByTestId('reaction-tooltip').textContent).toBe('You and Bob reacted with :+1:');
  });

  it('counts others beyond two and follows incoming reactions (messages.updated)', async () => {
    const api = new FakeApi();
    const dave = '05' + 'd4'.repeat(32);
    api.messages = [msg(1, { text: 'party', reactions: [reaction('🎉', [BOB, CAROL, dave]), reaction('❤️', [ME, BOB, CAROL])] })];
    await open(api);
    fireEvent.mouseEnter(pill('party', '🎉'));
    expect(screen.getByTestId('reaction-tooltip').textContent).toBe('Bob and 2 others reacted with :tada:');
    fireEvent.mouseEnter(pill('party', '❤️'));
    expect(screen.getByTestId('reaction-tooltip').textContent).toBe('You and 2 others reacted with :heart:');
    await act(async () => api.emit('messages.updated', { messages: [{ ...api.messages[0]!, reactions: [reaction('🎉', [BOB, CAROL])] }] }));
    expect(pills('party').map((p) => p.dataset.emoji)).toEqual(['🎉']);
    fireEvent.mouseEnter(pill('party', '🎉'));
    expect(screen.getByTestId('reaction-tooltip').textContent).toBe('Bob and Carol reacted with :tada:');
  });

  it('collapses more than six emoji to four pills and a stack of three; Show Less collapses again', async () => {
    const api = new FakeApi();
    const emoji = ['😀', '😁', '😂', '🤣', '😃', '😄', '😅', '😆'];
    api.messages = [msg(1, { text: 'many', reactions: emoji.map((e) => reaction(e, [BOB])) })];
    await open(api);
    expect(pills('many').map((p) => p.dataset.emoji)).toEqual(emoji.slice(0, 4));
    const more = within(rowOf('many')).getByTestId('reactions-show-more');
    expect(more.getAttribute('aria-label')).toBe('Show 4 more reactions');
    expect(more.textContent).toBe(emoji.slice(4, 7).join(''));
    fireEvent.click(more);
    expect(pills('many').map((p) => p.dataset.emoji)).toEqual(emoji);
    const less = within(rowOf('many')).getByTestId('reactions-show-less');
    expect(less.textContent).toBe(en.reactShowLess);
    fireEvent.click(less);
    expect(pills('many')).toHaveLength(4);
  });

  it('gives deleted placeholders and control messages no reaction or reply controls', async () => {
    const api = new FakeApi();
    api.messages = [
      msg(1, { text: 'normal' }),
      msg(2, { text: '', deleted: true, reactions: [reaction('😂', [BOB])] }),
      msg(3, { text: '', control: { type: 'media-saved' } }),
    ];
    await open(api);
    const rows = screen.getAllByTestId('message');
    expect(rows).toHaveLength(3);
    expect(within(rows[0]!).getByTestId('message-react')).toBeTruthy();
    expect(within(rows[0]!).getByTestId('message-reply')).toBeTruthy();
    for (const r of rows.slice(1)) {
      expect(within(r).queryByTestId('message-react')).toBeNull();
      expect(within(r).queryByTestId('message-reply')).toBeNull();
      expect(within(r).queryByTestId('reactions-row')).toBeNull();
    }
    // Nor a "Reply" in their menu.
    fireEvent.contextMenu(rows[1]!);
    expect(within(screen.getByRole('menu')).queryByRole('menuitem', { name: en.replyAction })).toBeNull();
  });
});

describe('the reaction bar and the picker', () => {
  it('offers the six official defaults, reacts with one, and puts the used one first (kept in local storage)', async () => {
    const api = new FakeApi();
    api.messages = [msg(1, { text: 'react to me' })];
    await open(api);
    const button = within(rowOf('react to me')).getByTestId('message-react');
    fireEvent.click(button);
    const bar = screen.getByRole('toolbar', { name: en.reactReactionBar });
    const choices = within(bar).getAllByTestId('reaction-bar-emoji');
    expect(choices.map((b) => b.dataset.emoji)).toEqual([...DEFAULT_RECENT_EMOJI]);
    expect(choices.map((b) => b.getAttribute('aria-label'))).toEqual(DEFAULT_RECENT_EMOJI.map((e) => `React with ${e}`));
    expect(document.activeElement).toBe(choices[0]);
    // Arrow keys move along the bar.
    fireEvent.keyDown(choices[0]!, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(choices[1]);
    fireEvent.click(within(bar).getByRole('button', { name: 'React with 😮' }));
    await flush();
    expect(screen.queryByRole('toolbar')).toBeNull();
    expect(reactCalls(api)).toEqual([{ messageId: 'm0001', emoji: '😮', action: 'add' }]);
    expect(pill('react to me', '😮').getAttribute('aria-pressed')).toBe('true');
    expect(JSON.parse(localStorage.getItem(RECENT_EMOJI_KEY)!)).toEqual(['😮', '😂', '🥰', '😢', '😡', '😈']);
    expect(document.activeElement).toBe(within(rowOf('react to me')).getByTestId('message-react'));

    // Again: the bar shows ours first and marked; picking it again removes it.
    fireEvent.click(within(rowOf('react to me')).getByTestId('message-react'));
    const again = within(screen.getByRole('toolbar')).getAllByTestId('reaction-bar-emoji');
    expect(again.map((b) => b.dataset.emoji)).toEqual(['😮', '😂', '🥰', '😢', '😡', '😈']);
    expect(again[0]!.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(again[0]!);
    await flush();
    expect(reactCalls(api)[1]).toEqual({ messageId: 'm0001', emoji: '😮', action: 'remove' });
    expect(pills('react to me')).toHaveLength(0);

    // Esc closes the bar and gives focus back.
    const react = within(rowOf('react to me')).getByTestId('message-react');
    fireEvent.click(react);
    fireEvent.keyDown(screen.getByRole('toolbar'), { key: 'Escape' });
    expect(screen.queryByRole('toolbar')).toBeNull();
    expect(document.activeElement).toBe(react);
    // A stored list that is not six emoji is ignored.
    localStorage.setItem(RECENT_EMOJI_KEY, '["x"]');
    resetRecentEmojiCache();
    fireEvent.click(react);
    expect(within(screen.getByRole('toolbar')).getAllByTestId('reaction-bar-emoji').map((b) => b.dataset.emoji)).toEqual([...DEFAULT_RECENT_EMOJI]);
  });

  it('opens with Ctrl+Shift+E on a focused message; Ctrl+Shift+R replies', async () => {
    const api = new FakeApi();
    api.messages = [msg(1, { text: 'keys' })];
    await open(api);
    fireEvent.keyDown(rowOf('keys'), { key: 'E', ctrlKey: true, shiftKey: true });
    expect(screen.getByRole('toolbar', { name: en.reactReactionBar })).toBeTruthy();
    fireEvent.keyDown(screen.getByRole('toolbar'), { key: 'Escape' });
    fireEvent.keyDown(rowOf('keys'), { key: 'R', ctrlKey: true, shiftKey: true });
    expect(within(screen.getByTestId('reply-preview')).getByTestId('quote-text').textContent).toBe('keys');
  });

  it('refuses the 21st reaction within a minute with the official toast, and shows a backend error as a toast', async () => {
    const api = new FakeApi();
    api.messages = Array.from({ length: 21 }, (_, i) => msg(i + 1, { text: `m${i + 1}` }));
    await open(api);
    for (let i = 1; i <= 20; i++) {
      fireEvent.click(within(rowOf(`m${i}`)).getByTestId('message-react'));
      fireEvent.click(within(screen.getByRole('toolbar')).getAllByTestId('reaction-bar-emoji')[0]!);
      clock += 1000;
    }
    await flush();
    expect(reactCalls(api)).toHaveLength(20);
    fireEvent.click(within(rowOf('m21')).getByTestId('message-react'));
    fireEvent.click(within(screen.getByRole('toolbar')).getAllByTestId('reaction-bar-emoji')[0]!);
    await flush();
    expect(reactCalls(api)).toHaveLength(20);
    expect(await screen.findByText(en.reactRateLimited)).toBeTruthy();
    // A minute after the first, there is room again; the backend's refusal is a toast too.
    clock = NOW + 60_000;
    api.failNextReact = new IpcError('invalid_params', 'Accept this message request to react to its messages.');
    fireEvent.click(within(rowOf('m21')).getByTestId('message-react'));
    fireEvent.click(within(screen.getByRole('toolbar')).getAllByTestId('reaction-bar-emoji')[0]!);
    await flush();
    expect(reactCalls(api)).toHaveLength(21);
    expect(await screen.findByText('Could not react: Accept this message request to react to its messages.')).toBeTruthy();
    expect(pills('m21')).toHaveLength(0);
  });
});
