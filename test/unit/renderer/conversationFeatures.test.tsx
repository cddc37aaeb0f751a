// Conversation features in the renderer, against the fake API: delete for everyone (the dialog's
// official choices, messages.unsend, the deleted placeholder), control messages, the Disappearing
// Messages page and the header's state, stopwatches on disappearing messages (one shared ticker), the
// typing indicator both ways, and the outgoing "Read" status.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { MessageView } from '../../../ts/ipc/contract';
import { IpcError } from '../../../ts/ipc/errors';
import { tickerListenerCount } from '../../../ts/renderer/hooks/useSecondTicker';
import { en } from '../../../ts/renderer/locales/en';
import { Root } from '../../../ts/renderer/Root';
import { createStore, type AppStore } from '../../../ts/renderer/state/store';
import { TYPING_TIMEOUT_MS } from '../../../ts/renderer/state/typing';
import { conversation, FakeApi, TEST_ACCOUNT, TEST_INFO } from './fakeApi';
import { installIntersectionObserver, installLayout, setWindowSeen, uninstallLayout } from './layoutMock';
import { flush } from './appHarness';

jest.setTimeout(60_000);

const BOB = '05' + 'b2'.repeat(32);
const ME = TEST_ACCOUNT.sessionId;
const NOW = new Date(2026, 0, 15, 12, 0, 0).getTime();
const MINUTE = 60_000;
let store: AppStore | null = null;
/** The clock the app reads; tests move it. */
let clock = NOW;

beforeAll(() => {
  installLayout();
  installIntersectionObserver();
});
afterAll(uninstallLayout);
beforeEach(() => {
  setWindowSeen(true);
  clock = NOW;
});
afterEach(() => {
  cleanup();
  store?.dispose();
  store = null;
  jest.useRealTimers();
});


function msg(i: number, over: Partial<MessageView> = {}): MessageView {
  const outgoing = over.direction === 'outgoing';
  return {
    id: `m${i}`,
    conversationId: BOB,
    sender: outgoing ? ME : BOB,
    direction: 'incoming',
    text: `message ${i}`,
    timestamp: NOW - 100 * MINUTE + i * MINUTE,
    receivedAt: NOW - 100 * MINUTE + i * MINUTE,
    status: outgoing ? 'sent' : 'received',
    ...over,
  };
}

const mine = (i: number, over: Partial<MessageView> = {}) => msg(i, { direction: 'outgoing', sender: ME, status: 'sent', ...over });

async function open(api: FakeApi, id = BOB, name = 'Bob') {
  if (!api.conversations.some((c) => c.id === id)) api.conversations.push(conversation(id, { name, updatedAt: NOW }));
  store = createStore(api);
  render(<Root store={store} now={() => clock} />);
  await screen.findByTestId('app-shell');
  const row = screen.getAllByTestId('conversation-row').find((r) => r.getAttribute('data-conversation-id') === id);
  fireEvent.click(row!);
  await flush(3);
}

const rowOf = (id: string) => document.querySelector<HTMLElement>(`[data-testid="message"][data-id="${id}"]`);
const menuItems = () => within(screen.getByRole('menu')).getAllByRole('menuitem').map((b) => b.textContent);

function openMenu(id: string) {
  fireEvent.contextMenu(rowOf(id)!);
  return screen.getByRole('menu');
}

async function deleteVia(id: string) {
  fireEvent.click(within(openMenu(id)).getByRole('menuitem', { name: en.tlDelete }));
  return screen.getByTestId('delete-messages-dialog');
}

describe('delete for everyone (spec/ui.md §4.6)', () => {
  it('offers "Delete for everyone" by default for our own message, unsends it and leaves the official placeholder', async () => {
    const api = new FakeApi();
    api.messages = [msg(1, { text: 'hello' }), mine(2, { text: 'oops, wrong chat' })];
    await open(api);
    const dialog = await deleteVia('m2');
    const everyone = within(dialog).getByRole('radio', { name: 'Delete for everyone' }) as HTMLInputElement;
    const me = within(dialog).getByRole('radio', { name: 'Delete on this device only' }) as HTMLInputElement;
    expect(everyone.checked).toBe(true);
    expect(everyone.disabled).toBe(false);
    expect(me.checked).toBe(false);
    expect(within(dialog).queryByTestId('delete-everyone-unavailable')).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: en.tlDelete }));
    await flush(3);
    expect(api.callsOf('messages.unsend').map((c) => c.params)).toEqual([{ ids: ['m2'] }]);
    expect(api.callsOf('messages.deleteForMe')).toEqual([]);
    const row = rowOf('m2')!;
    expect(within(row).getByTestId('message-deleted').textContent).toBe('This message was deleted');
    expect(row.textContent).not.toContain('oops');
    // No status line, no "Sent" under a placeholder.
    expect(within(row).queryByTestId('message-status')).toBeNull();
    expect(await screen.findByText(en.tlMessageDeleted)).toBeTruthy();

    // A placeholder offers only Select and Delete, and only on this device.
    openMenu('m2');
    expect(menuItems()).toEqual([en.tlSelect, en.tlDelete]);
    fireEvent.click(within(screen.getByRole('menu')).getByRole('menuitem', { name: en.tlDelete }));
    const again = screen.getByTestId('delete-messages-dialog');
    expect((within(again).getByRole('radio', { name: 'Delete for everyone' }) as HTMLInputElement).disabled).toBe(true);
    expect((within(again).getByRole('radio', { name: 'Delete on this device only' }) as HTMLInputElement).checked).toBe(true);
    expect(within(again).getByTestId('delete-everyone-unavailable').textContent).toBe('This message cannot be deleted for everyone');
    fireEvent.click(within(again).getByRole('button', { name: en.tlDelete }));
    await flush(3);
    expect(api.callsOf('messages.deleteForMe').map((c) => c.params)).toEqual([{ ids: ['m2'] }]);
    expect(rowOf('m2')).toBeNull();
  });

  it('lets the user choose this device only for our own message', async () => {
    const api = new FakeApi();
    api.messages = [mine(1, { text: 'keep it there' })];
    await open(api);
    const dialog = await deleteVia('m1');
    fireEvent.click(within(dialog).getByRole('radio', { name: 'Delete on this device only' }));
    fireEvent.click(within(dialog).getByRole('button', { name: en.tlDelete }));
    await flush(3);
    expect(api.callsOf('messages.unsend')).toEqual([]);
    expect(api.callsOf('messages.deleteForMe').map((c) => c.params)).toEqual([{ ids: ['m1'] }]);
  });

  it('keeps the message and says so when unsending fails', async () => {
    const api = new FakeApi();
    api.messages = [mine(1, { text: 'still here' })];
    await open(api);
    api.failNextFeature = { method: 'messages.unsend', error: new IpcError('network', 'No path to the network.') };
    const dialog = await deleteVia('m1');
    fireEvent.click(within(dialog).getByRole('button', { name: en.tlDelete }));
    await flush(3);
    expect(await screen.findByText(en.tlDeleteFailed)).toBeTruthy();
    expect(within(rowOf('m1')!).getByTestId('message-text').textContent).toBe('still here');
  });

  it('in multi-select, offers everyone only when every selected message is ours and sent', async () => {
    const api = new FakeApi();
    api.messages = [mine(1, { text: 'a' }), mine(2, { text: 'b' }), msg(3, { text: 'c' }), mine(4, { text: 'd', status: 'failed' })];
    await open(api);
    fireEvent.click(within(openMenu('m1')).getByRole('menuitem', { name: en.tlSelect }));
    fireEvent.click(rowOf('m2')!);
    fireEvent.click(screen.getByTestId('selection-delete'));
    let dialog = screen.getByTestId('delete-messages-dialog');
    expect((within(dialog).getByRole('radio', { name: 'Delete for everyone' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(within(dialog).getByRole('button', { name: en.cancel }));
    fireEvent.click(rowOf('m3')!);
    fireEvent.click(screen.getByTestId('selection-delete'));
    dialog = screen.getByTestId('delete-messages-dialog');
    expect((within(dialog).getByRole('radio', { name: 'Delete for everyone' }) as HTMLInputElement).disabled).toBe(true);
    expect(within(dialog).getByTestId('delete-everyone-unavailable').textContent).toBe('These messages cannot be deleted for everyone');
    fireEvent.click(within(dialog).getByRole('button', { name: en.cancel }));
    // A message that never left (failed) cannot be unsent either.
    fireEvent.click(rowOf('m3')!);
    fireEvent.click(rowOf('m4')!);
    fireEvent.click(screen.getByTestId('selection-delete'));
    dialog = screen.getByTestId('delete-messages-dialog');
    expect((within(dialog).getByRole('radio', { name: 'Delete for everyone' }) as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(within(dialog).getByRole('button', { name: en.cancel }));
    fireEvent.click(rowOf('m4')!);
    fireEvent.click(screen.getByTestId('selection-delete'));
    dialog = screen.getByTestId('delete-messages-dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: en.tlDelete }));
    await flush(3);
    expect(api.callsOf('messages.unsend').map((c) => c.params)).toEqual([{ ids: ['m1', 'm2'] }]);
    expect(screen.getAllByTestId('message-deleted')).toHaveLength(2);
    expect(screen.queryByTestId('selection-delete')).toBeNull();
  });

  it('names the choice "Delete on all my devices" in Note to Self', async () => {
    const api = new FakeApi();
    api.conversations.push(conversation(ME, { kind: 'note-to-self', updatedAt: NOW }));
    api.messages = [mine(1, { conversationId: ME, text: 'a note' })];
    await open(api, ME, en.noteToSelf);
    const dialog = await deleteVia('m1');
    const all = within(dialog).getByRole('radio', { name: 'Delete on all my devices' }) as HTMLInputElement;
    expect(all.checked).toBe(true);
    expect(within(dialog).queryByRole('radio', { name: 'Delete for everyone' })).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: en.tlDelete }));
    await flush(3);
    expect(api.callsOf('messages.unsend').map((c) => c.params)).toEqual([{ ids: ['m1'] }]);
    // In Note to Self the message goes entirely (no placeholder).
    expect(rowOf('m1')).toBeNull();
    expect(screen.queryByTestId('message-deleted')).toBeNull();
  });

  it('shows a message deleted by its author as the placeholder, offering only Select and Delete', async () => {
    const api = new FakeApi();
    api.messages = [msg(1, { text: '', deleted: true })];
    await open(api);
    expect(within(rowOf('m1')!).getByTestId('message-deleted').textContent).toBe('This message was deleted');
    openMenu('m1');
    expect(menuItems()).toEqual([en.tlSelect, en.tlDelete]);
  });
});

describe('control messages (spec/ui.md §4.9)', () => {
  it('renders timer changes and media saved centred, with the official texts', async () => {
    const api = new FakeApi();
    api.messages = [
      mine(1, { text: '', control: { type: 'expiration-timer', mode: 'after-send', seconds: 86400 } }),
      msg(2, { text: '', control: { type: 'expiration-timer', mode: 'after-read', seconds: 43200 } }),
      msg(3, { text: '', control: { type: 'expiration-timer', mode: 'off', seconds: 0 } }),
      mine(4, { text: '', control: { type: 'expiration-timer', mode: 'off', seconds: 0 } }),
      msg(5, { text: '', control: { type: 'media-saved' } }),
      mine(6, { text: '', control: { type: 'expiration-timer', mode: 'after-send', seconds: 10 } }),
    ];
    await open(api);
    const texts = screen.getAllByTestId('control-message-text').map((e) => e.textContent);
    expect(texts).toEqual([
      'You set messages to disappear 1 day after they have been sent.',
      'Bob has set messages to disappear 12 hours after they have been read.',
      'Bob has turned disappearing messages off. Messages they send will no longer disappear.',
      'You turned off disappearing messages. Messages you send will no longer disappear.',
      'Media saved by Bob',
      'You set messages to disappear 10 seconds after they have been sent.',
    ]);
    // Bold as the official strings mark it; the name is text, not markup.
    expect(within(rowOf('m4')!).getAllByText((_, el) => el?.tagName === 'STRONG').map((e) => e.textContent)).toEqual(['You', 'off']);
    expect(rowOf('m2')!.getAttribute('aria-label')).toBe('Bob has set messages to disappear 12 hours after they have been read.');
    expect(rowOf('m1')!.dataset.control).toBe('expiration-timer');
    // Control messages show no bubble, no status and offer only Select and Delete.
    expect(within(rowOf('m1')!).queryByTestId('message-status')).toBeNull();
    openMenu('m1');
    expect(menuItems()).toEqual([en.tlSelect, en.tlDelete]);
  });

  it('reads as the timeline does in the conversation list preview, as do deleted placeholders', async () => {
    const api = new FakeApi();
    const CAROL = '05' + 'c3'.repeat(32);
    const control = msg(1, { text: '', control: { type: 'expiration-timer', mode: 'after-send', seconds: 86400 } });
    const deleted = msg(2, { conversationId: CAROL, sender: CAROL, text: '', deleted: true });
    api.conversations.push(conversation(BOB, { name: 'Bob', updatedAt: NOW, lastMessage: control }), conversation(CAROL, { name: 'Carol', updatedAt: NOW - 1, lastMessage: deleted }));
    store = createStore(api);
    render(<Root store={store} now={() => clock} />);
    await screen.findByTestId('app-shell');
    const rowText = (id: string) => screen.getAllByTestId('conversation-row').find((r) => r.getAttribute('data-conversation-id') === id)!.textContent;
    expect(rowText(BOB)).toContain('Bob has set messages to disappear 1 day after they have been sent.');
    expect(rowText(CAROL)).toContain('This message was deleted');
  });

  it('keeps a peer name that looks like markup as text', async () => {
    const api = new FakeApi();
    api.messages = [msg(1, { text: '', control: { type: 'media-saved' } })];
    await open(api, BOB, '<b>Bob</b>');
    const text = screen.getByTestId('control-message-text');
    expect(text.textContent).toBe('Media saved by <b>Bob</b>');
    expect(text.querySelector('strong')).toBeNull();
  });
});

describe('Disappearing Messages (spec/ui.md §5.3)', () => {
  async function openPage() {
    fireEvent.click(screen.getByTestId('conversation-title-button'));
    const item = await screen.findByTestId('conversation-settings-disappearing');
    return item;
  }

  it('sets a timer from the conversation settings: modes, official timers, defaults, Set', async () => {
    const api = new FakeApi();
    api.info = { ...TEST_INFO, network: 'mainnet' };
    await open(api);
    const item = await openPage();
    expect(item.textContent).toBe('Disappearing MessagesOff');
    fireEvent.click(item);
    const page = screen.getByTestId('disappearing-messages-page');
    expect(screen.getByTestId('conversation-settings').textContent).toContain('Disappearing Messages');
    expect(screen.getByTestId('modal-back')).toBeTruthy();
    expect(page.textContent).toContain('Delete Type');
    expect(page.textContent).toContain('This setting applies to messages you send in this conversation.');
    const mode = (m: string) => screen.getByTestId(`disappearing-mode-${m}`) as HTMLInputElement;
    expect(mode('off').checked).toBe(true);
    expect(within(page).getByRole('radio', { name: 'Disappear After Read Messages delete after they have been read.' })).toBe(mode('after-read'));
    expect(within(page).getByRole('radio', { name: 'Disappear After Send Messages delete after they have been sent.' })).toBe(mode('after-send'));
    // Nothing changed yet: Set is disabled.
    expect((screen.getByTestId('disappearing-set') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByTestId(/^disappearing-timer-/)).toBeNull();

    fireEvent.click(mode('after-read'));
    const timers = () =>
      Array.from(document.querySelectorAll<HTMLInputElement>('[data-testid^="disappearing-timer-"]')).map((i) => [i.closest('label')!.textContent, i.checked]);
    expect(timers()).toEqual([
      ['5 minutes', false],
      ['1 hour', false],
      ['12 hours', true],
      ['1 day', false],
      ['1 week', false],
      ['2 weeks', false],
    ]);
    fireEvent.click(mode('after-send'));
    expect(timers()).toEqual([
      ['12 hours', false],
      ['1 day', true],
      ['1 week', false],
      ['2 weeks', false],
    ]);
    fireEvent.click(screen.getByTestId('disappearing-timer-604800'));
    fireEvent.click(screen.getByTestId('disappearing-set'));
    await flush(3);
    expect(api.callsOf('conversations.setExpiration').map((c) => c.params)).toEqual([{ id: BOB, mode: 'after-send', seconds: 604800 }]);
    // Back on the settings page, with the new state as the item's sub-text.
    expect((await screen.findByTestId('conversation-settings-disappearing')).textContent).toBe('Disappearing MessagesDisappear After Send - 1w');
    fireEvent.keyDown(screen.getByTestId('conversation-settings'), { key: 'Escape' });
    await flush(3);
    // The header shows the state; the control message is in the timeline.
    expect(screen.getByTestId('conversation-expiration').textContent).toBe('Disappear After Send - 1w');
    expect(screen.getByTestId('control-message-text').textContent).toBe('You set messages to disappear 1 week after they have been sent.');
  });

  it('opens standalone from the header, where Set closes it; turning it off hides the header state', async () => {
    const api = new FakeApi();
    api.conversations.push(conversation(BOB, { name: 'Bob', updatedAt: NOW, expiration: { type: 'after-read', seconds: 3600 } }));
    await open(api);
    const state = screen.getByTestId('conversation-expiration');
    expect(state.textContent).toBe('Disappear After Read - 1h');
    fireEvent.click(state);
    await screen.findByTestId('disappearing-messages-page');
    expect((screen.getByTestId('disappearing-mode-after-read') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId('disappearing-timer-3600') as HTMLInputElement).checked).toBe(true);
    // A test network also offers the development timers first.
    expect(screen.getByTestId('disappearing-timer-10').closest('label')!.textContent).toBe('10 seconds');
    fireEvent.click(screen.getByTestId('disappearing-mode-off'));
    fireEvent.click(screen.getByTestId('disappearing-set'));
    await flush(3);
    expect(api.callsOf('conversations.setExpiration').map((c) => c.params)).toEqual([{ id: BOB, mode: 'off', seconds: 0 }]);
    expect(screen.queryByTestId('conversation-settings')).toBeNull();
    expect(screen.queryByTestId('conversation-expiration')).toBeNull();
  });

  it('keeps the page and says why when the backend refuses', async () => {
    const api = new FakeApi();
    await open(api);
    fireEvent.click(await openPage());
    api.failNextFeature = { method: 'conversations.setExpiration', error: new IpcError('network', 'No path to the network.') };
    fireEvent.click(screen.getByTestId('disappearing-mode-after-send'));
    fireEvent.click(screen.getByTestId('disappearing-set'));
    await flush(3);
    expect(await screen.findByText('Could not change disappearing messages: No path to the network.')).toBeTruthy();
    expect(screen.getByTestId('disappearing-messages-page')).toBeTruthy();
    expect(screen.queryByTestId('conversation-expiration')).toBeNull();
  });

  it('is single mode in Note to Self: no delete type, the timer list starts with Off, after send only', async () => {
    const api = new FakeApi();
    api.info = { ...TEST_INFO, network: 'mainnet' };
    api.conversations.push(conversation(ME, { kind: 'note-to-self', updatedAt: NOW }));
    await open(api, ME, en.noteToSelf);
    fireEvent.click(await openPage());
    const page = screen.getByTestId('disappearing-messages-page');
    expect(page.textContent).not.toContain('Delete Type');
    expect(screen.queryByTestId('disappearing-mode-after-read')).toBeNull();
    const labels = Array.from(page.querySelectorAll('label')).map((l) => l.textContent);
    expect(labels).toEqual(['Off', '12 hours', '1 day', '1 week', '2 weeks']);
    expect((screen.getByTestId('disappearing-timer-off') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByTestId('disappearing-timer-86400'));
    fireEvent.click(screen.getByTestId('disappearing-set'));
    await flush(3);
    expect(api.callsOf('conversations.setExpiration').map((c) => c.params)).toEqual([{ id: ME, mode: 'after-send', seconds: 86400 }]);
  });
});

describe('timers on disappearing messages (spec/ui.md §4.3, §4.5)', () => {
  it('shows a stopwatch with the time left on both sides, updated by one shared ticker, and in the menu', async () => {
    const api = new FakeApi();
    api.messages = [
      mine(1, { text: 'goes soon', expiration: { type: 'after-send', seconds: 60 }, expiresAt: NOW + 30_000 }),
      msg(2, { text: 'unread, not started', expiration: { type: 'after-read', seconds: 3600 } }),
      msg(3, { text: 'read, running', status: 'read', expiration: { type: 'after-read', seconds: 300 }, expiresAt: NOW + 120_000 }),
      msg(4, { text: 'ordinary' }),
    ];
    await open(api);
    const timerOf = (id: string) => within(rowOf(id)!).getByTestId('message-expiry-timer');
    expect(timerOf('m1').getAttribute('aria-label')).toBe('Auto-deletes in 30s');
    // Our disappearing message keeps its status line even though it is not the newest outgoing one.
    expect(within(rowOf('m1')!).getByTestId('message-status').textContent).toBe(en.statusSent);
    expect(timerOf('m2').getAttribute('aria-label')).toBe('Auto-deletes in 1h');
    expect(within(rowOf('m2')!).getByTestId('message-status').textContent).toBe('');
    expect(timerOf('m3').getAttribute('aria-label')).toBe('Auto-deletes in 2m');
    expect(within(rowOf('m3')!).getByTestId('message-status').textContent).toBe(en.statusRead);
    expect(within(rowOf('m4')!).queryByTestId('message-expiry-timer')).toBeNull();
    // The stopwatch empties with the time: half of m1's minute is left.
    expect(timerOf('m1').querySelector('svg')!.getAttribute('data-fraction')).toBe('0.50');
    // One interval for all timers: each listens to the same ticker.
    expect(tickerListenerCount()).toBe(3);

    // The next tick of the shared ticker (real time, once a second) redraws the timers from the clock.
    clock = NOW + 10_000;
    await waitFor(() => expect(timerOf('m1').getAttribute('aria-label')).toBe('Auto-deletes in 20s'), { timeout: 3000 });
    expect(timerOf('m3').getAttribute('aria-label')).toBe('Auto-deletes in 1m 50s');
    expect(timerOf('m2').getAttribute('aria-label')).toBe('Auto-deletes in 1h');

    openMenu('m1');
    expect(screen.getByTestId('message-menu-auto-deletes').textContent).toBe('Auto-deletes in 20s');
    clock = NOW + 15_000;
    await waitFor(() => expect(screen.getByTestId('message-menu-auto-deletes').textContent).toBe('Auto-deletes in 15s'), { timeout: 3000 });
    fireEvent.keyDown(screen.getByRole('menu'), { key: 'Escape' });

    // The backend's sweeper deletes it: the row goes, and its timer stops listening.
    api.messages = api.messages.filter((m) => m.id !== 'm1');
    act(() => api.emit('messages.removed', { conversationId: BOB, ids: ['m1'] }));
    expect(rowOf('m1')).toBeNull();
    expect(tickerListenerCount()).toBe(2);
    cleanup();
    expect(tickerListenerCount()).toBe(0);
  });
});

describe('typing indicators (spec/ui.md §4.2)', () => {
  it('shows "… is typing" while the peer types, with the setting on; it ends with stop, their message, or 15 s', async () => {
    const api = new FakeApi();
    api.settings = { ...api.settings, typingIndicators: true };
    api.messages = [msg(1)];
    await open(api);
    // The 15 s run on the test's clock (timers set from here on).
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
    expect(screen.queryByTestId('typing-indicator')).toBeNull();
    act(() => api.peerTyping(BOB, true));
    expect(screen.getByTestId('typing-indicator').textContent).toBe('Bob is typing');
    // The list row's preview becomes the dots meanwhile.
    expect(screen.getByTestId('row-typing').textContent).toBe('Bob is typing');
    expect(screen.getByTestId('row-preview').textContent).not.toContain('message 1');
    act(() => api.peerTyping(BOB, false));
    expect(screen.queryByTestId('typing-indicator')).toBeNull();
    expect(screen.queryByTestId('row-typing')).toBeNull();

    act(() => api.peerTyping(BOB, true));
    const m = msg(2, { text: 'here it is' });
    api.messages.push(m);
    act(() => api.emit('messages.added', { messages: [{ ...m }] }));
    expect(screen.queryByTestId('typing-indicator')).toBeNull();

    act(() => api.peerTyping(BOB, true));
    await act(async () => {
      jest.advanceTimersByTime(TYPING_TIMEOUT_MS - 1000);
    });
    // A new "started" restarts the 15 s.
    act(() => api.peerTyping(BOB, true));
    await act(async () => {
      jest.advanceTimersByTime(TYPING_TIMEOUT_MS - 1000);
    });
    expect(screen.getByTestId('typing-indicator')).toBeTruthy();
    await act(async () => {
      jest.advanceTimersByTime(1000);
    });
    expect(screen.queryByTestId('typing-indicator')).toBeNull();

    // Another conversation's peer typing shows nothing here.
    act(() => api.peerTyping('05' + 'c3'.repeat(32), true));
    expect(screen.queryByTestId('typing-indicator')).toBeNull();
  });

  it('shows nothing with the setting off', async () => {
    const api = new FakeApi();
    api.messages = [msg(1)];
    await open(api);
    act(() => api.peerTyping(BOB, true));
    expect(screen.queryByTestId('typing-indicator')).toBeNull();
  });

  it('tells the backend while the user types (at most every 300 ms) and when the box is cleared or sent', async () => {
    const api = new FakeApi();
    api.settings = { ...api.settings, typingIndicators: true };
    await open(api);
    const input = screen.getByLabelText(en.composerLabel);
    fireEvent.change(input, { target: { value: 'h' } });
    fireEvent.change(input, { target: { value: 'he' } });
    expect(api.typingCalls).toEqual([{ id: BOB, typing: true }]);
    clock = NOW + 301;
    fireEvent.change(input, { target: { value: 'hel' } });
    expect(api.typingCalls).toEqual([
      { id: BOB, typing: true },
      { id: BOB, typing: true },
    ]);
    fireEvent.change(input, { target: { value: '' } });
    await flush(3);
    expect(api.typingCalls.at(-1)).toEqual({ id: BOB, typing: false });
    clock = NOW + 1000;
    fireEvent.change(input, { target: { value: 'hello' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await flush(3);
    expect(api.callsOf('messages.send')).toHaveLength(1);
    expect(api.typingCalls.slice(-2)).toEqual([
      { id: BOB, typing: true },
      { id: BOB, typing: false },
    ]);
  });

  it('says nothing about typing with the setting off', async () => {
    const api = new FakeApi();
    await open(api);
    const input = screen.getByLabelText(en.composerLabel);
    fireEvent.change(input, { target: { value: 'quiet' } });
    fireEvent.change(input, { target: { value: '' } });
    await flush(3);
    expect(api.callsOf('conversations.typing')).toEqual([]);
  });
});

describe('read status (spec/ui.md §4.3)', () => {
  it('shows "Read" with the eye on our newest read message', async () => {
    const api = new FakeApi();
    api.messages = [mine(1, { status: 'read' }), mine(2, { status: 'read' })];
    await open(api);
    expect(within(rowOf('m1')!).queryByTestId('message-status')).toBeNull();
    const status = within(rowOf('m2')!).getByTestId('message-status');
    expect(status.textContent).toBe(en.statusRead);
    expect(status.querySelector('svg.lucide-eye')).toBeTruthy();
    // It follows the backend's update (a receipt arrived).
    const m3 = mine(3, { status: 'sent' });
    api.messages.push(m3);
    act(() => api.emit('messages.added', { messages: [{ ...m3 }] }));
    await waitFor(() => expect(within(rowOf('m3')!).getByTestId('message-status').textContent).toBe(en.statusSent));
    act(() => api.emit('messages.updated', { messages: [{ ...m3, status: 'read' }] }));
    expect(within(rowOf('m3')!).getByTestId('message-status').textContent).toBe(en.statusRead);
  });
});

describe('conversation context menu: User Details (spec/ui.md §3.7, §8.3)', () => {
  it('shows the contact with their Account ID; Message opens the chat and Copy copies the ID', async () => {
    const writeText = jest.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    const api = new FakeApi();
    api.conversations.push(conversation(BOB, { name: 'Bobby', nickname: 'Bobby', profileName: 'Robert', updatedAt: NOW }));
    store = createStore(api);
    render(<Root store={store} now={() => clock} />);
    await screen.findByTestId('app-shell');
    const row = screen.getAllByTestId('conversation-row').find((r) => r.getAttribute('data-conversation-id') === BOB)!;
    fireEvent.contextMenu(row);
    fireEvent.click(within(screen.getByRole('menu')).getByRole('menuitem', { name: 'User Details' }));
    const dialog = screen.getByTestId('user-details');
    expect(within(dialog).getByRole('heading', { name: 'User Details' })).toBeTruthy();
    expect(screen.getByTestId('user-details-name').textContent).toBe('Bobby');
    expect(dialog.textContent).toContain('(Robert)');
    expect(dialog.textContent).toContain(en.convAccountIdPill);
    expect(screen.getByTestId('user-details-id').textContent).toBe(BOB);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Copy' }));
    await flush(3);
    expect(writeText).toHaveBeenCalledWith(BOB);
    expect(screen.queryByTestId('conversation-view')).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Message' }));
    await flush(3);
    expect(screen.queryByTestId('user-details')).toBeNull();
    expect(screen.getByTestId('conversation-view').getAttribute('aria-label')).toBe('Bobby');
  });
});
