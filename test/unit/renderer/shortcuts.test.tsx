// Keyboard shortcuts of spec/ui.md §9.3 through the mounted app: each one listed in the dialog is
// pressed and its effect checked; Cmd replaces Ctrl on macOS; Esc closes the top modal.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { AppInfo } from '../../../ts/ipc/contract';
import { SHORTCUTS, shortcutFor } from '../../../ts/renderer/hooks/useGlobalShortcuts';
import { en } from '../../../ts/renderer/locales/en';
import { Root } from '../../../ts/renderer/Root';
import { createStore, type AppStore } from '../../../ts/renderer/state/store';
import { conversation, FakeApi, TEST_ACCOUNT, TEST_INFO } from './fakeApi';

jest.setTimeout(30_000);

const A = '05' + 'a'.repeat(64);
const B = '05' + 'b'.repeat(64);
const C = '05' + 'c'.repeat(64);
let store: AppStore | null = null;

afterEach(() => {
  cleanup();
  store?.dispose();
  store = null;
  document.documentElement.removeAttribute('style');
});

async function mount(info: Partial<AppInfo> = {}) {
  const api = new FakeApi();
  api.info = { ...TEST_INFO, ...info };
  api.conversations = [conversation(A, { name: 'Alice', updatedAt: 3 }), conversation(B, { name: 'Bob', updatedAt: 2 }), conversation(C, { name: 'Carol', updatedAt: 1 })];
  store = createStore(api);
  render(<Root store={store} />);
  await screen.findByTestId('app-shell');
  await screen.findAllByTestId('conversation-row');
  return api;
}

const press = (key: string, extra: Partial<KeyboardEventInit> = {}) =>
  act(async () => {
    fireEvent.keyDown(window, { key, ctrlKey: true, ...extra });
  });
const ui = () => store!.getState().ui;

it('does what the shortcuts dialog lists', async () => {
  const api = await mount();
  // Ctrl+/ opens the dialog; it lists every shortcut, in the spec's sections, with Ctrl.
  await press('/', { code: 'Slash' });
  const dialog = await screen.findByTestId('shortcuts-modal');
  expect(within(dialog).getByRole('heading', { name: en.shortcutsTitle })).toBeTruthy();
  for (const s of SHORTCUTS) expect(within(dialog).getByText(en[s.label])).toBeTruthy();
  for (const title of [en.shortcutsGeneral, en.shortcutsConversation, en.shortcutsView]) expect(within(dialog).getByText(title)).toBeTruthy();
  expect(screen.getByTestId('shortcut-settings').textContent).toBe('Ctrl,');
  expect(screen.getByTestId('shortcut-go-to').textContent).toBe('Ctrl1–9');
  // Esc closes it.
  await press('Escape', { ctrlKey: false });
  expect(screen.queryByTestId('shortcuts-modal')).toBeNull();

  // Ctrl+2 opens the second conversation of the list, Ctrl+W closes it, Ctrl+9 (none) does nothing.
  await press('2', { code: 'Digit2' });
  expect(ui().selectedConversationId).toBe(B);
  // Ctrl+. opens the open conversation's settings; Esc closes them.
  await press('.');
  expect(ui().modals).toEqual([{ kind: 'conversation-settings', conversationId: B }]);
  expect(await screen.findByTestId('conversation-settings')).toBeTruthy();
  await press('Escape', { ctrlKey: false });
  expect(ui().modals).toEqual([]);
  await press('w');
  expect(ui().selectedConversationId).toBeNull();
  await press('9', { code: 'Digit9' });
  expect(ui().selectedConversationId).toBeNull();
  // Without an open conversation Ctrl+. has nothing to show.
  await press('.');
  expect(ui().modals).toEqual([]);

  // Ctrl+Shift+N opens Note to Self.
  await press('N', { shiftKey: true });
  expect(ui().selectedConversationId).toBe(TEST_ACCOUNT.sessionId);

  // Ctrl+Shift+C opens Join Community (and closes it again).
  await press('C', { shiftKey: true });
  expect(ui().leftOverlay).toBe('join-community');
  expect(await screen.findByTestId('join-community-input')).toBeTruthy();
  await press('C', { shiftKey: true });
  expect(ui().leftOverlay).toBeNull();

  // Ctrl+F focuses the search box.
  await press('f');
  expect(document.activeElement).toBe(within(screen.getByTestId('search-box')).getByRole('searchbox'));

  // Ctrl+N toggles the choose-action overlay.
  await press('n');
  expect(ui().leftOverlay).toBe('choose-action');
  await press('n');
  expect(ui().leftOverlay).toBeNull();

  // Ctrl+, toggles settings; while a modal is open, navigation shortcuts wait.
  await press(',');
  expect(await screen.findByTestId('settings-modal')).toBeTruthy();
  await press('1', { code: 'Digit1' });
  expect(ui().selectedConversationId).toBe(TEST_ACCOUNT.sessionId);
  await press(',');
  expect(screen.queryByTestId('settings-modal')).toBeNull();

  // Zoom keys (web host: the page zooms itself, in 10% steps, within 50-200%).
  await press('=');
  await act(async () => new Promise((r) => setTimeout(r, 0)));
  expect(api.settings.zoomFactor).toBe(1.1);
  await press('-');
  await press('-');
  await act(async () => new Promise((r) => setTimeout(r, 0)));
  expect(api.settings.zoomFactor).toBe(0.9);
  await press('0');
  await act(async () => new Promise((r) => setTimeout(r, 0)));
  expect(api.settings.zoomFactor).toBe(1);
});

it('uses Cmd on macOS and leaves Electron zoom keys to its menu', async () => {
  const api = await mount({ platform: 'darwin', host: 'electron' });
  await press('2', { code: 'Digit2' });
  expect(ui().selectedConversationId).toBeNull();
  await press('2', { code: 'Digit2', ctrlKey: false, metaKey: true });
  expect(ui().selectedConversationId).toBe(B);
  await press('/', { ctrlKey: false, metaKey: true });
  expect((await screen.findByTestId('shortcut-settings')).textContent).toBe('Cmd,');
  await press('Escape', { ctrlKey: false });
  await press('=', { ctrlKey: false, metaKey: true });
  expect(api.callsOf('settings.set')).toEqual([]);
});

it('maps key events to shortcuts', () => {
  const ev = (key: string, over: Partial<KeyboardEvent> = {}) =>
    ({ key, code: '', ctrlKey: true, metaKey: false, shiftKey: false, altKey: false, ...over }) as KeyboardEvent;
  expect(shortcutFor(ev('n'), false)).toBe('new');
  expect(shortcutFor(ev('N', { shiftKey: true }), false)).toBe('note-to-self');
  expect(shortcutFor(ev('C', { shiftKey: true }), false)).toBe('join-community');
  expect(shortcutFor(ev('c'), false)).toBeNull();
  expect(shortcutFor(ev('!', { code: 'Digit1', shiftKey: true }), false)).toBeNull();
  expect(shortcutFor(ev('3', { code: 'Digit3' }), false)).toBe('go-to-3');
  expect(shortcutFor(ev('n', { altKey: true }), false)).toBeNull();
  expect(shortcutFor(ev('n'), true)).toBeNull();
  expect(shortcutFor(ev('n', { ctrlKey: false, metaKey: true }), true)).toBe('new');
  expect(shortcutFor(ev('.'), false)).toBe('conversation-settings');
  expect(shortcutFor(ev('x'), false)).toBeNull();
});
