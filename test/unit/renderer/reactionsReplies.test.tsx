// Reactions and replies in the conversation view (jsdom, the fake API, the mocked layout): the pills under
// a bubble (counts, ours marked, toggling, who reacted, show more/less), the hover bar's reaction bar with
// the recent emoji (kept per device) and the full emoji-mart picker, the rate limit and errors as toasts,
// the composer's emoji button inserting at the caret; replies from the menu and the hover bar, the preview
// above the composer and the send with its quote, the quote in the bubble (found or not), and the jump to
// the original, loading its page when it is not loaded.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { MessageView, ReactionView } from '../../../ts/ipc/contract';
import { IpcError } from '../../../ts/ipc/errors';
import { PICKER_HEIGHT, PICKER_WIDTH, placePicker, repairPickerAria } from '../../../ts/renderer/components/emoji/EmojiPicker';
import { insertAtCaret } from '../../../ts/renderer/components/emoji/ComposerEmojiButton';
import { emojiPickerI18n } from '../../../ts/renderer/components/emoji/emojiData';
import { setLocale } from '../../../ts/renderer/locales/i18n';
import { DEFAULT_RECENT_EMOJI, RECENT_EMOJI_KEY, resetRecentEmojiCache } from '../../../ts/renderer/components/emoji/recentEmoji';
import { en } from '../../../ts/renderer/locales/en';
import { Root } from '../../../ts/renderer/Root';
import { createStore, type AppStore } from '../../../ts/renderer/state/store';
import { conversation, FakeApi, TEST_ACCOUNT } from './fakeApi';
import { installIntersectionObserver, installLayout, setWindowSeen, uninstallLayout } from './layoutMock';
import { flush } from './appHarness';

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
  // The emoji picker watches its rows to draw only those in view. The layout mock would call every row
  // visible, and jsdom inserts shadow-DOM nodes slowly: in its shadow root nothing more comes into view, so
  // it draws its first rows only (the emoji below are among them), as it does before any scrolling.
  const Observer = window.IntersectionObserver;
  window.IntersectionObserver = class extends Observer {
    constructor(callback: IntersectionObserverCallback, options?: IntersectionObserverInit) {
      const inShadow = options?.root instanceof Node && options.root.getRootNode() instanceof ShadowRoot;
      super(inShadow ? () => {} : callback, options);
    }
  };
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
  await flush(3);
}

const rowOf = (text: string) => screen.getAllByTestId('message').find((r) => within(r).queryByTestId('message-text')?.textContent === text)!;
const pills = (text: string) => within(rowOf(text)).queryAllByTestId('reaction-pill');
const pill = (text: string, emoji: string) => pills(text).find((p) => p.dataset.emoji === emoji)!;
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
    await flush(3);
    expect(reactCalls(api)).toEqual([{ messageId: 'm0001', emoji: '😂', action: 'remove' }]);
    expect(pill('hello', '😂').getAttribute('aria-pressed')).toBe('false');
    expect(within(pill('hello', '😂')).queryByTestId('reaction-count')).toBeNull();
    // Ours joins Bob's 👍.
    fireEvent.click(pill('hello', '👍'));
    await flush(3);
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

  it('lists who reacted from the menu\'s "View Reactions": pills to choose, "emoji • count", us first as "You" with ✕', async () => {
    const api = new FakeApi();
    api.messages = [msg(1, { text: 'listed', reactions: [reaction('😂', [BOB, ME]), reaction('🔥', [CAROL])] }), msg(2, { text: 'plain' })];
    await open(api);
    // Only a message with reactions offers the list, after Info.
    fireEvent.contextMenu(rowOf('plain'));
    expect(within(screen.getByRole('menu')).queryByRole('menuitem', { name: en.reactViewReactions })).toBeNull();
    fireEvent.keyDown(screen.getByRole('menu'), { key: 'Escape' });
    fireEvent.contextMenu(rowOf('listed'));
    const items = within(screen.getByRole('menu')).getAllByRole('menuitem').map((i) => i.textContent);
    expect(items.indexOf(en.reactViewReactions)).toBe(items.indexOf(en.tlInfo) + 1);
    fireEvent.click(within(screen.getByRole('menu')).getByRole('menuitem', { name: en.reactViewReactions }));
    const list = await screen.findByTestId('reaction-list');
    expect(within(list).getAllByTestId('reaction-list-pill').map((p) => p.textContent)).toEqual(['😂2', '🔥1']);
    expect(within(list).getByTestId('reaction-list-heading').textContent).toBe('😂 • 2');
    expect(within(list).getAllByTestId('reaction-list-person').map((p) => p.textContent)).toEqual(['You', 'Bob']);
    fireEvent.click(within(list).getAllByTestId('reaction-list-pill')[1]!);
    expect(within(list).getByTestId('reaction-list-heading').textContent).toBe('🔥 • 1');
    expect(within(list).getAllByTestId('reaction-list-person').map((p) => p.textContent)).toEqual(['Carol']);
    expect(within(list).queryByTestId('reaction-list-remove')).toBeNull();
    // Our ✕ takes ours back; the list follows.
    fireEvent.click(within(list).getAllByTestId('reaction-list-pill')[0]!);
    fireEvent.click(within(list).getByRole('button', { name: 'Remove your 😂 reaction' }));
    await flush(3);
    expect(reactCalls(api)).toEqual([{ messageId: 'm0001', emoji: '😂', action: 'remove' }]);
    expect(within(list).getByTestId('reaction-list-heading').textContent).toBe('😂 • 1');
    expect(within(list).getAllByTestId('reaction-list-person').map((p) => p.textContent)).toEqual(['Bob']);
    // When the last reaction goes, the list closes.
    await act(async () => api.emit('messages.updated', { messages: [{ ...api.messages[0]!, reactions: [] }] }));
    expect(screen.queryByTestId('reaction-list')).toBeNull();
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
    await flush(3);
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
    await flush(3);
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
    await flush(3);
    expect(reactCalls(api)).toHaveLength(20);
    fireEvent.click(within(rowOf('m21')).getByTestId('message-react'));
    fireEvent.click(within(screen.getByRole('toolbar')).getAllByTestId('reaction-bar-emoji')[0]!);
    await flush(3);
    expect(reactCalls(api)).toHaveLength(20);
    expect(await screen.findByText(en.reactRateLimited)).toBeTruthy();
    // A minute after the first, there is room again; the backend's refusal is a toast too.
    clock = NOW + 60_000;
    api.failNextReact = new IpcError('invalid_params', 'Accept this message request to react to its messages.');
    fireEvent.click(within(rowOf('m21')).getByTestId('message-react'));
    fireEvent.click(within(screen.getByRole('toolbar')).getAllByTestId('reaction-bar-emoji')[0]!);
    await flush(3);
    expect(reactCalls(api)).toHaveLength(21);
    expect(await screen.findByText('Could not react: Accept this message request to react to its messages.')).toBeTruthy();
    expect(pills('m21')).toHaveLength(0);
  });
});

/** The emoji-mart element inside a picker panel, once it has drawn its emoji buttons. */
async function pickerButton(panelTestId: string, emoji: string): Promise<HTMLButtonElement> {
  const panel = await screen.findByTestId(panelTestId);
  const element = panel.querySelector('em-emoji-picker');
  expect(element).not.toBeNull();
  let found: HTMLButtonElement | null = null;
  await waitFor(() => {
    found = element!.shadowRoot?.querySelector<HTMLButtonElement>(`button[aria-label="${emoji}"]`) ?? null;
    expect(found).not.toBeNull();
  });
  return found!;
}

// The real emoji-mart element draws in jsdom, but slowly (jsdom assigns shadow-DOM slots over the whole
// document on every insertion): each test waits for it to draw once; closing is checked before it draws.
describe('the emoji picker', () => {
  it('"+" on the reaction bar opens the full picker (bundled data, app theme); a choice reacts; Esc or a press outside closes it, focus returns', async () => {
    const api = new FakeApi();
    api.messages = [msg(1, { text: 'pick for me' })];
    await open(api);
    const react = within(rowOf('pick for me')).getByTestId('message-react');
    const openPicker = () => {
      fireEvent.click(react);
      fireEvent.click(within(screen.getByRole('toolbar')).getByRole('button', { name: en.reactMoreEmoji }));
      expect(screen.queryByRole('toolbar')).toBeNull();
      return screen.getByRole('dialog', { name: en.emojiPicker });
    };
    // Esc closes it (the conversation's own Esc does not run: focus stays with the opener).
    fireEvent.keyDown(openPicker(), { key: 'Escape' });
    expect(screen.queryByTestId('reaction-picker')).toBeNull();
    expect(document.activeElement).toBe(react);
    // So does a press outside.
    openPicker();
    fireEvent.mouseDown(screen.getByTestId('composer-input'));
    expect(screen.queryByTestId('reaction-picker')).toBeNull();

    const dialog = openPicker();
    const button = await pickerButton('reaction-picker', '🙂');
    // The app's theme (dark by default) reaches the element.
    const element = dialog.querySelector('em-emoji-picker')!;
    expect(element.shadowRoot!.querySelector('[data-theme]')?.getAttribute('data-theme')).toBe('dark');
    fireEvent.click(button);
    await flush(3);
    expect(reactCalls(api)).toEqual([{ messageId: 'm0001', emoji: '🙂', action: 'add' }]);
    expect(dialog.isConnected).toBe(false);
    expect(pill('pick for me', '🙂').getAttribute('aria-pressed')).toBe('true');
    expect(JSON.parse(localStorage.getItem(RECENT_EMOJI_KEY)!)[0]).toBe('🙂');
  });

  it('inserts emoji at the caret of the composer, replacing a selection, and stays open for more; Ctrl+E toggles it', async () => {
    const api = new FakeApi();
    api.messages = [msg(1, { text: 'hi' })];
    await open(api);
    const input = screen.getByTestId('composer-input') as HTMLTextAreaElement;
    fireEvent.change(input, { target: { value: 'hello world' } });
    input.setSelectionRange(6, 11);
    // The smiley toggles it.
    const smiley = screen.getByRole('button', { name: en.composeEmoji });
    fireEvent.click(smiley);
    expect(smiley.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(smiley);
    expect(screen.queryByTestId('composer-emoji-picker')).toBeNull();
    fireEvent.keyDown(window, { key: 'e', ctrlKey: true });
    fireEvent.click(await pickerButton('composer-emoji-picker', '🙃'));
    expect(input.value).toBe('hello 🙃');
    expect(input.selectionStart).toBe('hello 🙃'.length);
    input.setSelectionRange(0, 0);
    fireEvent.click(await pickerButton('composer-emoji-picker', '😉'));
    expect(input.value).toBe('😉hello 🙃');
    expect(input.selectionStart).toBe('😉'.length);
    // The composer's picker only writes: no reaction, nothing sent.
    expect(reactCalls(api)).toEqual([]);
    expect(api.callsOf('messages.send')).toEqual([]);
    fireEvent.keyDown(window, { key: 'e', ctrlKey: true });
    expect(screen.queryByTestId('composer-emoji-picker')).toBeNull();
  });
});

describe('replies', () => {
  it('Reply in the menu shows the preview above the composer; ✕ and Esc drop it; a send carries the quote, shown in the new bubble', async () => {
    const api = new FakeApi();
    api.messages = [msg(1, { text: 'first line\nsecond line' }), msg(2, { text: 'later' })];
    await open(api);
    fireEvent.contextMenu(rowOf('first line\nsecond line'));
    fireEvent.click(within(screen.getByRole('menu')).getByRole('menuitem', { name: en.replyAction }));
    const preview = screen.getByTestId('reply-preview');
    expect(preview.getAttribute('aria-label')).toBe('Replying to Bob');
    expect(within(preview).getByTestId('quote-author').textContent).toBe('Bob');
    expect(within(preview).getByTestId('quote-text').textContent).toBe('first line');
    const input = screen.getByTestId('composer-input') as HTMLTextAreaElement;
    expect(document.activeElement).toBe(input);
    // ✕ drops it and gives the box focus.
    fireEvent.click(within(preview).getByRole('button', { name: en.replyCancel }));
    expect(screen.queryByTestId('reply-preview')).toBeNull();
    expect(document.activeElement).toBe(input);
    // The hover bar's Reply; Esc in the box drops it (and nothing else happens).
    fireEvent.click(within(rowOf('later')).getByTestId('message-reply'));
    expect(within(screen.getByTestId('reply-preview')).getByTestId('quote-text').textContent).toBe('later');
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(screen.queryByTestId('reply-preview')).toBeNull();

    // Reply, write, send: the call names the quoted message; the bubble shows the quote; the preview is gone.
    fireEvent.click(within(rowOf('first line\nsecond line')).getByTestId('message-reply'));
    fireEvent.change(input, { target: { value: 'my answer' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await flush(3);
    expect(api.callsOf('messages.send').map((c) => c.params)).toEqual([{ to: BOB, text: 'my answer', quote: { messageId: 'm0001' } }]);
    expect(screen.queryByTestId('reply-preview')).toBeNull();
    const quote = within(rowOf('my answer')).getByTestId('message-quote');
    expect(quote.dataset.found).toBe('true');
    expect(within(quote).getByTestId('quote-author').textContent).toBe('Bob');
    expect(within(quote).getByTestId('quote-text').textContent).toBe('first line');
    // The next message is not a reply any more.
    fireEvent.change(input, { target: { value: 'plain' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await flush(3);
    expect(api.callsOf('messages.send')[1]!.params).toEqual({ to: BOB, text: 'plain' });
  });

  it('quotes an attachment by its type or thumbnail, and our own messages as "You"', async () => {
    const api = new FakeApi();
    const image: MessageView = msg(1, {
      text: '',
      attachments: [{ index: 0, contentType: 'image/jpeg', size: 10, voice: false, state: 'downloaded', hasThumbnail: true, fileName: 'cat.jpg' }],
    });
    const voice: MessageView = msg(2, { text: '', attachments: [{ index: 0, contentType: 'audio/mpeg', size: 10, voice: true, state: 'downloaded', hasThumbnail: false }] });
    const file: MessageView = msg(3, {
      text: '',
      direction: 'outgoing',
      sender: ME,
      status: 'sent',
      attachments: [{ index: 0, contentType: 'application/pdf', size: 10, voice: false, state: 'downloaded', hasThumbnail: false, fileName: 'a-very-long-report-name-for-the-quarter.pdf' }],
    });
    api.media.set('m0001#0', { full: new Uint8Array([1, 2, 3]), thumbnail: new Uint8Array([9, 9]), contentType: 'image/jpeg' });
    const created: Blob[] = [];
    Object.assign(URL, { createObjectURL: (b: Blob) => (created.push(b), `blob:test/${created.length}`), revokeObjectURL: () => {} });
    api.messages = [image, voice, file, msg(4, { text: 'replies', quote: { timestamp: image.timestamp, author: BOB, messageId: 'm0001', attachment: { contentType: 'image/jpeg', fileName: 'cat.jpg', voice: false, hasThumbnail: true } } })];
    await open(api);
    const quote = within(rowOf('replies')).getByTestId('message-quote');
    expect(within(quote).getByTestId('quote-text').textContent).toBe(en.replyTypeImage);
    await waitFor(() => expect(within(quote).getByRole('img').getAttribute('src')).toMatch(/^blob:test\//));
    expect(within(quote).getByRole('img').getAttribute('alt')).toBe('Thumbnail of the quoted Image');
    expect(api.callsOf('attachments.read').map((c) => c.params)).toContainEqual({ messageId: 'm0001', index: 0, variant: 'thumbnail', offset: 0 });
    // The composer's preview of a voice message and of our own file.
    const rows = screen.getAllByTestId('message');
    fireEvent.click(within(rows[1]!).getByTestId('message-reply'));
    expect(within(screen.getByTestId('reply-preview')).getByTestId('quote-text').textContent).toBe(en.replyTypeVoice);
    expect(within(screen.getByTestId('reply-preview')).getByTestId('quote-icon')).toBeTruthy();
    fireEvent.click(within(rows[2]!).getByTestId('message-reply'));
    const preview = screen.getByTestId('reply-preview');
    expect(within(preview).getByTestId('quote-author').textContent).toBe(en.reactYou);
    expect(within(preview).getByTestId('quote-text').textContent).toBe('a-very-long-rep…the-quarter.pdf');
  });

  it('shows "Original message not found" for a quote of a message we do not have; a click says so in a toast', async () => {
    const api = new FakeApi();
    api.messages = [msg(1, { text: 'about what?', quote: { timestamp: 12345, author: BOB } })];
    await open(api);
    const quote = within(rowOf('about what?')).getByTestId('message-quote');
    expect(quote.dataset.found).toBe('false');
    expect(within(quote).getByTestId('quote-author').textContent).toBe('Bob');
    expect(within(quote).getByTestId('quote-text').textContent).toBe('Original message not found');
    fireEvent.click(quote);
    expect(await screen.findByText('Original message not found', { selector: '[data-testid="toast"] *, [data-testid="toast"]' })).toBeTruthy();
    expect(api.callsOf('messages.page').filter((c) => 'around' in (c.params as object))).toEqual([]);
  });

  it('a click on a quote scrolls to a loaded original, or loads the page around it first; it flashes and takes focus', async () => {
    const api = new FakeApi();
    // 200 messages: the newest page (50) is loaded; the newest quotes message 3, far above it.
    api.messages = Array.from({ length: 200 }, (_, i) => msg(i + 1));
    api.messages.push(msg(201, { text: 'see above', quote: { timestamp: msg(3).timestamp, author: BOB, messageId: 'm0003', text: 'message 3' } }));
    api.messages.push(msg(202, { text: 'see just above', quote: { timestamp: msg(200).timestamp, author: BOB, messageId: 'm0200', text: 'message 200' } }));
    await open(api);
    expect(screen.queryAllByTestId('message').some((r) => r.dataset.id === 'm0003')).toBe(false);
    // The flash lasts a second: which rows flashed is recorded as it happens, not polled.
    const flashed: string[] = [];
    const note = (el: HTMLElement) => {
      if (el.dataset.flash === 'true' && el.dataset.id && flashed[flashed.length - 1] !== el.dataset.id) flashed.push(el.dataset.id);
    };
    const watcher = new MutationObserver((records) => {
      for (const r of records) {
        note(r.target as HTMLElement);
        // A row drawn already flashing (scrolled into view by the jump) arrives as a new node.
        for (const added of r.addedNodes) if (added instanceof HTMLElement) added.querySelectorAll<HTMLElement>('[data-flash]').forEach(note);
      }
    });
    watcher.observe(screen.getByTestId('message-list'), { attributes: true, attributeFilter: ['data-flash'], subtree: true, childList: true });
    const pagesBefore = api.callsOf('messages.page').length;
    // A loaded original: no page is fetched.
    fireEvent.click(within(rowOf('see just above')).getByTestId('message-quote'));
    await flush(3);
    expect(api.callsOf('messages.page')).toHaveLength(pagesBefore);
    await waitFor(() => expect(document.activeElement).toBe(rowOf('message 200')));
    expect(flashed).toEqual(['m0200']);
    // One far above: the page around it comes first.
    fireEvent.click(within(rowOf('see above')).getByTestId('message-quote'));
    await flush(3);
    const around = api.callsOf('messages.page').map((c) => c.params as Record<string, unknown>).filter((p) => 'around' in p);
    expect(around).toEqual([{ conversationId: BOB, around: 'm0003', limit: 50 }]);
    await waitFor(() => expect(document.activeElement).toBe(rowOf('message 3')));
    expect(flashed).toEqual(['m0200', 'm0003']);
    // The flash is brief.
    await waitFor(() => expect(rowOf('message 3').dataset.flash).toBeUndefined(), { timeout: 3000 });
    watcher.disconnect();
  });

  it('a quote whose original has gone meanwhile gives the toast', async () => {
    const api = new FakeApi();
    api.messages = Array.from({ length: 80 }, (_, i) => msg(i + 1));
    api.messages.push(msg(81, { text: 'gone?', quote: { timestamp: msg(2).timestamp, author: BOB, messageId: 'm0002', text: 'message 2' } }));
    await open(api);
    api.messages = api.messages.filter((m) => m.id !== 'm0002');
    fireEvent.click(within(rowOf('gone?')).getByTestId('message-quote'));
    await flush(3);
    expect(await screen.findByText('Original message not found', { selector: '[data-testid="toast"] *, [data-testid="toast"]' })).toBeTruthy();
  });
});

describe('picker pieces', () => {
  it('places the picker above its anchor, opening towards the middle of the window, and inside it', () => {
    const viewport = { width: 1000, height: 800 };
    // An anchor on the right (the composer's smiley): the panel ends at its right edge, above it.
    expect(placePicker({ left: 940, right: 978, top: 740, bottom: 778 }, viewport)).toEqual({ left: 978 - PICKER_WIDTH, top: 740 - PICKER_HEIGHT - 8 });
    // On the left: it starts at the anchor; with no room above, it goes below.
    expect(placePicker({ left: 300, right: 328, top: 100, bottom: 128 }, viewport)).toEqual({ left: 300, top: 136 });
    // Never outside the window.
    expect(placePicker({ left: 0, right: 20, top: 790, bottom: 800 }, { width: 300, height: 400 })).toEqual({ left: 8, top: 8 });
  });

  it("gives the picker the app's locale: English, or the pseudo-locales' accented and right-to-left texts", () => {
    try {
      expect(emojiPickerI18n()).toMatchObject({ search: 'Search', categories: { people: 'Smileys & People' } });
      setLocale('pseudo-rtl');
      const pseudo = emojiPickerI18n() as { search: string; rtl: boolean; categories: { people: string } };
      expect(pseudo.rtl).toBe(true);
      expect(pseudo.search).toMatch(/^\[Šéáŕçĥ·*\]$/);
      expect(pseudo.categories.people).toContain('Šɱîļéýš');
    } finally {
      setLocale('en');
    }
  });

  it('inserts at the caret, replacing a selection, with bounds clamped', () => {
    expect(insertAtCaret('abc', '😀', 1, 1)).toEqual({ text: 'a😀bc', caret: 3 });
    expect(insertAtCaret('abcdef', '😀', 1, 4)).toEqual({ text: 'a😀ef', caret: 3 });
    expect(insertAtCaret('abc', '😀', 10, 12)).toEqual({ text: 'abc😀', caret: 5 });
  });

  it("turns emoji-mart's aria-selected on buttons into what buttons take", () => {
    const root = document.createElement('div');
    root.innerHTML = `<nav id="nav"><button aria-selected="true" aria-label="Smileys">s</button><button aria-label="Nature">n</button></nav>
      <button aria-label="😀" aria-selected="true" aria-posinset="1" aria-setsize="9">😀</button>
      <button class="skin-tone-button" aria-selected="" aria-label="Choose default skin tone"></button>`;
    repairPickerAria(root);
    const [smileys, nature, grinning, skin] = Array.from(root.querySelectorAll('button'));
    expect(smileys!.getAttribute('aria-current')).toBe('true');
    expect(nature!.hasAttribute('aria-current')).toBe(false);
    expect(grinning!.getAttributeNames().filter((n) => n.startsWith('aria-'))).toEqual(['aria-label']);
    expect(skin!.getAttribute('aria-expanded')).toBe('true');
    expect(root.querySelectorAll('[aria-selected], [aria-posinset], [aria-setsize]')).toHaveLength(0);
  });
});
