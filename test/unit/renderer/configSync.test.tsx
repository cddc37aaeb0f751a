// Config-backed conversation state in the renderer, in jsdom against the fake API: pinned conversations
// first by priority (also as updates arrive), the pin and "marked unread" icons, a hidden Note to Self
// left out of the list but found by search, the list menu's Pin/Unpin, Mark read/unread, Set Nickname and
// Hide/Show Note to Self, the conversation settings items and header, the Nickname dialog with its limit,
// failures shown as toasts with nothing changed, and restore's loading step that waits for the profile.
import { act, fireEvent, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { IpcError } from '../../../ts/ipc/errors';
import { en } from '../../../ts/renderer/locales/en';
import { compareConversations, conversationsUpdated, setConversationPinned } from '../../../ts/renderer/state/conversations';
import { createStore } from '../../../ts/renderer/state/store';
import { openModal } from '../../../ts/renderer/state/ui';
import { adoptStore, appStore, flush, installTextEncoder, menuLabels, mountApp, openMenu, renderApp, row, unmountApp } from './appHarness';
import { conversation, FakeApi, TEST_ACCOUNT } from './fakeApi';

jest.setTimeout(20_000);

installTextEncoder();

const BOB = '05' + 'b2'.repeat(32);
const CAROL = '05' + 'c3'.repeat(32);
const DAVE = '05' + 'd4'.repeat(32);
const ME = TEST_ACCOUNT.sessionId;

afterEach(() => {
  unmountApp();
});

async function mount(api: FakeApi) {
  await mountApp(api, { now: () => 10_000_000 });
  await flush();
  return api;
}

const order = () => screen.queryAllByTestId('conversation-row').map((r) => r.dataset.conversationId);

function choose(id: string, label: string) {
  fireEvent.click(within(openMenu(id)).getByRole('menuitem', { name: label }));
}

function threeContacts() {
  const api = new FakeApi();
  api.conversations = [
    conversation(BOB, { name: 'Bob', profileName: 'Bob', updatedAt: 30 }),
    conversation(CAROL, { name: 'Carol', profileName: 'Carol', updatedAt: 20 }),
    conversation(DAVE, { name: 'Dave', profileName: 'Dave', updatedAt: 10 }),
  ];
  return api;
}

describe('pinned conversations', () => {
  it('sorts pinned first by priority, then by activity', () => {
    const a = conversation(BOB, { updatedAt: 30 });
    const b = conversation(CAROL, { updatedAt: 1, pinnedPriority: 1 });
    const c = conversation(DAVE, { updatedAt: 0, pinnedPriority: 2 });
    const d = conversation(ME, { kind: 'note-to-self', updatedAt: 5, pinnedPriority: 1 });
    expect([a, b, c, d].sort(compareConversations).map((x) => x.id)).toEqual([DAVE, ME, CAROL, BOB]);
  });

  it("keeps a pin answered after a newer message's summary arrived, and that newer summary", () => {
    const store = adoptStore(createStore(new FakeApi()));
    store.dispatch(conversationsUpdated({ conversations: [conversation(BOB, { name: 'Bob', updatedAt: 50, unreadCount: 1 })] }));
    store.dispatch(setConversationPinned.fulfilled(conversation(BOB, { name: 'Bob', updatedAt: 30, pinnedPriority: 1 }), 'r1', { id: BOB, pinned: true }));
    expect(store.getState().conversations.byId[BOB]).toMatchObject({ updatedAt: 50, unreadCount: 1, pinnedPriority: 1 });
    store.dispatch(setConversationPinned.fulfilled(conversation(BOB, { name: 'Bob', updatedAt: 30 }), 'r2', { id: BOB, pinned: false }));
    expect(store.getState().conversations.byId[BOB]?.pinnedPriority).toBeUndefined();
    expect(store.getState().conversations.byId[BOB]?.updatedAt).toBe(50);
  });

  it('lists pinned rows first with a pin icon, and keeps that order as updates arrive', async () => {
    const api = threeContacts();
    api.conversations[2]!.pinnedPriority = 1;
    await mount(api);
    expect(order()).toEqual([DAVE, BOB, CAROL]);
    expect(within(row(DAVE)).getByRole('img', { name: en.cfgPinned })).toBeTruthy();
    expect(within(row(BOB)).queryByTestId('row-pinned')).toBeNull();
    // A newer message elsewhere does not move an unpinned row above a pinned one.
    await act(async () => api.emit('conversations.updated', { conversations: [conversation(CAROL, { name: 'Carol', updatedAt: 99 })] }));
    expect(order()).toEqual([DAVE, CAROL, BOB]);
    // A pin from another device with a higher priority goes above.
    await act(async () => api.emit('conversations.updated', { conversations: [conversation(BOB, { name: 'Bob', updatedAt: 30, pinnedPriority: 5 })] }));
    expect(order()).toEqual([BOB, DAVE, CAROL]);
  });

  it('pins and unpins from the row menu', async () => {
    const api = await mount(threeContacts());
    choose(DAVE, en.cfgPin);
    await flush();
    expect(api.callsOf('conversations.setPinned').map((c) => c.params)).toEqual([{ id: DAVE, pinned: true }]);
    expect(order()).toEqual([DAVE, BOB, CAROL]);
    expect(within(row(DAVE)).getByTestId('row-pinned')).toBeTruthy();
    expect(menuLabels(openMenu(DAVE))[0]).toBe(en.cfgUnpin);
    fireEvent.click(within(screen.getByRole('menu')).getByRole('menuitem', { name: en.cfgUnpin }));
    await flush();
    expect(api.callsOf('conversations.setPinned').map((c) => c.params)).toEqual([
      { id: DAVE, pinned: true },
      { id: DAVE, pinned: false },
    ]);
    expect(order()).toEqual([BOB, CAROL, DAVE]);
    expect(within(row(DAVE)).queryByTestId('row-pinned')).toBeNull();
  });

  it('shows a failed pin as a toast and changes nothing', async () => {
    const api = threeContacts();
    api.failNextConversationAction = { method: 'conversations.setPinned', error: new IpcError('unavailable', 'Config sync is not available yet.') };
    await mount(api);
    choose(DAVE, en.cfgPin);
    await flush();
    expect(screen.getByTestId('toast').textContent).toContain(en.convActionFailed.replace('{message}', 'Config sync is not available yet.'));
    expect(order()).toEqual([BOB, CAROL, DAVE]);
    expect(within(row(DAVE)).queryByTestId('row-pinned')).toBeNull();
  });

  it('offers no pin for a message request', async () => {
    const api = new FakeApi();
    api.conversations = [conversation(BOB, { name: 'Bob', isRequest: true, isApproved: false, unreadCount: 1, updatedAt: 1 })];
    await mount(api);
    fireEvent.click(screen.getByTestId('requests-banner'));
    const labels = menuLabels(openMenu(BOB));
    expect(labels).not.toContain(en.cfgPin);
    expect(labels).not.toContain(en.cfgMarkUnread);
  });
});

describe('mark unread', () => {
  it('marks a read conversation unread: the row shows the marked-unread icon, then Mark read clears it', async () => {
    const api = await mount(threeContacts());
    expect(menuLabels(openMenu(BOB))).toContain(en.cfgMarkUnread);
    expect(menuLabels(screen.getByRole('menu'))).not.toContain(en.convMarkRead);
    fireEvent.click(within(screen.getByRole('menu')).getByRole('menuitem', { name: en.cfgMarkUnread }));
    await flush();
    expect(api.callsOf('conversations.markUnread').map((c) => c.params)).toEqual([{ id: BOB }]);
    expect(within(row(BOB)).getByRole('img', { name: en.cfgMarkedUnread })).toBeTruthy();
    expect(within(row(BOB)).queryByTestId('row-unread')).toBeNull();
    // A marked row counts as unread: its menu offers Mark read.
    choose(BOB, en.convMarkRead);
    await flush();
    expect(api.callsOf('conversations.markRead').map((c) => c.params)).toEqual([{ id: BOB }]);
    expect(within(row(BOB)).queryByTestId('row-marked-unread')).toBeNull();
  });

  it('shows the count badge, not the marker, when there are unread messages', async () => {
    const api = threeContacts();
    Object.assign(api.conversations[0]!, { unreadCount: 4, markedUnread: true });
    await mount(api);
    expect(within(row(BOB)).getByTestId('row-unread').textContent).toBe('4');
    expect(within(row(BOB)).queryByTestId('row-marked-unread')).toBeNull();
  });

  it('shows a failed mark as a toast and leaves the row read', async () => {
    const api = threeContacts();
    api.failNextConversationAction = { method: 'conversations.markUnread', error: new IpcError('internal', 'disk full') };
    await mount(api);
    choose(BOB, en.cfgMarkUnread);
    await flush();
    expect(screen.getByTestId('toast').textContent).toContain('disk full');
    expect(within(row(BOB)).queryByTestId('row-marked-unread')).toBeNull();
  });
});

describe('Note to Self visibility', () => {
  function withNoteToSelf(hidden: boolean) {
    const api = threeContacts();
    api.conversations.push(conversation(ME, { kind: 'note-to-self', updatedAt: 40, ...(hidden ? { hidden: true } : {}) }));
    return api;
  }

  it('hides Note to Self after the confirmation; it leaves the list', async () => {
    const api = await mount(withNoteToSelf(false));
    expect(order()).toEqual([ME, BOB, CAROL, DAVE]);
    choose(ME, en.cfgHideNoteToSelf);
    expect(screen.getByTestId('conversation-confirm-text').textContent).toBe(en.cfgHideNoteToSelfText);
    // Cancel sends nothing.
    fireEvent.click(screen.getByTestId('conversation-confirm-cancel'));
    expect(api.callsOf('conversations.setNoteToSelfHidden')).toEqual([]);
    choose(ME, en.cfgHideNoteToSelf);
    fireEvent.click(screen.getByTestId('conversation-confirm-ok'));
    await flush();
    expect(api.callsOf('conversations.setNoteToSelfHidden').map((c) => c.params)).toEqual([{ hidden: true }]);
    expect(order()).toEqual([BOB, CAROL, DAVE]);
    // Search then offers to show it again.
    fireEvent.change(screen.getByRole('searchbox', { name: en.search }), { target: { value: 'note' } });
    expect(menuLabels(openMenu(ME))).toContain(en.cfgShowNoteToSelf);
  });

  it('leaves a hidden Note to Self out of the list; search finds it and its menu shows it again', async () => {
    const api = await mount(withNoteToSelf(true));
    expect(order()).toEqual([BOB, CAROL, DAVE]);
    // The backend does not list it at all: search still finds it by its name, and only by that (or our ID).
    expect(appStore().getState().conversations.byId[ME]).toBeUndefined();
    fireEvent.change(screen.getByRole('searchbox', { name: en.search }), { target: { value: 'bo' } });
    expect(order()).toEqual([BOB]);
    fireEvent.change(screen.getByRole('searchbox', { name: en.search }), { target: { value: 'note' } });
    expect(order()).toEqual([ME]);
    const labels = menuLabels(openMenu(ME));
    expect(labels).toContain(en.cfgShowNoteToSelf);
    expect(labels).not.toContain(en.cfgHideNoteToSelf);
    fireEvent.click(within(screen.getByRole('menu')).getByRole('menuitem', { name: en.cfgShowNoteToSelf }));
    const text = screen.getByTestId('conversation-confirm-text');
    expect(text.textContent).toBe(en.cfgShowNoteToSelfText.replace('{name}', en.noteToSelf));
    expect(text.querySelector('strong')?.textContent).toBe(en.noteToSelf);
    fireEvent.click(screen.getByTestId('conversation-confirm-ok'));
    await flush();
    expect(api.callsOf('conversations.setNoteToSelfHidden').map((c) => c.params)).toEqual([{ hidden: false }]);
    fireEvent.change(screen.getByRole('searchbox', { name: en.search }), { target: { value: '' } });
    expect(order()).toEqual([ME, BOB, CAROL, DAVE]);
  });
});

describe('nicknames', () => {
  it('sets a nickname from the row menu with the spec texts; the row then goes by it', async () => {
    const api = await mount(threeContacts());
    choose(BOB, en.cfgSetNickname);
    const dialog = screen.getByTestId('nickname-dialog');
    expect(within(dialog).getByRole('heading', { name: en.cfgSetNickname })).toBeTruthy();
    const text = screen.getByTestId('nickname-text');
    expect(text.textContent).toBe(en.cfgNicknameText.replace('{name}', 'Bob'));
    expect(text.querySelector('strong')?.textContent).toBe('Bob');
    const input = screen.getByTestId('nickname-input') as HTMLInputElement;
    expect(input.placeholder).toBe(en.cfgNicknamePlaceholder);
    expect((screen.getByTestId('nickname-save') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(input, { target: { value: '  Bobby  ' } });
    fireEvent.click(screen.getByTestId('nickname-save'));
    await flush();
    expect(api.callsOf('conversations.setNickname').map((c) => c.params)).toEqual([{ id: BOB, nickname: 'Bobby' }]);
    expect(screen.queryByTestId('nickname-dialog')).toBeNull();
    expect(within(row(BOB)).getByText('Bobby')).toBeTruthy();
  });

  it('refuses a nickname over 100 bytes and sends nothing', async () => {
    const api = await mount(threeContacts());
    choose(BOB, en.cfgSetNickname);
    // 51 two-byte letters: 102 bytes in 51 characters.
    fireEvent.change(screen.getByTestId('nickname-input'), { target: { value: 'é'.repeat(51) } });
    expect(screen.getByTestId('nickname-error').textContent).toBe(en.cfgNicknameTooLong);
    expect((screen.getByTestId('nickname-save') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.submit(screen.getByTestId('nickname-input'));
    await flush();
    expect(api.callsOf('conversations.setNickname')).toEqual([]);
    fireEvent.change(screen.getByTestId('nickname-input'), { target: { value: 'é'.repeat(50) } });
    expect(screen.queryByTestId('nickname-error')).toBeNull();
  });

  it('keeps the dialog open with a toast when saving fails', async () => {
    const api = threeContacts();
    api.failNextConversationAction = { method: 'conversations.setNickname', error: new IpcError('unavailable', 'not yet') };
    await mount(api);
    choose(BOB, en.cfgSetNickname);
    fireEvent.change(screen.getByTestId('nickname-input'), { target: { value: 'Bobby' } });
    fireEvent.click(screen.getByTestId('nickname-save'));
    await flush();
    expect(screen.getByTestId('toast').textContent).toContain('not yet');
    expect(screen.getByTestId('nickname-dialog')).toBeTruthy();
    expect(within(row(BOB)).getByText('Bob')).toBeTruthy();
  });
});

describe('conversation settings', () => {
  async function openSettings(api: FakeApi, id: string) {
    await mount(api);
    await act(async () => {
      appStore().dispatch(openModal({ kind: 'conversation-settings', conversationId: id }));
    });
    return screen.getByTestId('conversation-settings');
  }

  it('shows the nickname with the real name under it; the pencil sets and removes the nickname', async () => {
    const api = threeContacts();
    Object.assign(api.conversations[0]!, { nickname: 'Bobby', name: 'Bobby' });
    const dialog = await openSettings(api, BOB);
    expect(screen.getByTestId('conversation-settings-name').textContent).toBe('Bobby');
    expect(screen.getByTestId('conversation-settings-real-name').textContent).toBe('(Bob)');
    fireEvent.click(within(dialog).getByRole('button', { name: en.cfgSetNickname }));
    expect((screen.getByTestId('nickname-input') as HTMLInputElement).value).toBe('Bobby');
    fireEvent.click(screen.getByTestId('nickname-remove'));
    await flush();
    expect(api.callsOf('conversations.setNickname').map((c) => c.params)).toEqual([{ id: BOB, nickname: null }]);
    expect(screen.getByTestId('conversation-settings-name').textContent).toBe('Bob');
    expect(screen.queryByTestId('conversation-settings-real-name')).toBeNull();
  });

  it('pins and unpins with the item, its label following the state', async () => {
    const api = threeContacts();
    await openSettings(api, DAVE);
    const item = () => screen.getByTestId(/conversation-settings-(un)?pin$/);
    expect(item().textContent).toBe(en.cfgPinConversation);
    fireEvent.click(item());
    await flush();
    expect(item().textContent).toBe(en.cfgUnpinConversation);
    fireEvent.click(item());
    await flush();
    expect(item().textContent).toBe(en.cfgPinConversation);
    expect(api.callsOf('conversations.setPinned').map((c) => c.params)).toEqual([
      { id: DAVE, pinned: true },
      { id: DAVE, pinned: false },
    ]);
  });

  it('shows Note to Self again from its settings when hidden', async () => {
    const api = threeContacts();
    api.conversations.push(conversation(ME, { kind: 'note-to-self', updatedAt: 40, hidden: true }));
    await openSettings(api, ME);
    expect(screen.queryByTestId('conversation-settings-hide-note-to-self')).toBeNull();
    fireEvent.click(screen.getByTestId('conversation-settings-show-note-to-self'));
    fireEvent.click(screen.getByTestId('conversation-confirm-ok'));
    await flush();
    expect(api.callsOf('conversations.setNoteToSelfHidden').map((c) => c.params)).toEqual([{ hidden: false }]);
    expect(screen.getByTestId('conversation-settings-hide-note-to-self')).toBeTruthy();
  });

  it("opens the contact's QR code full screen with Save", async () => {
    const dialog = await openSettings(threeContacts(), BOB);
    fireEvent.click(within(dialog).getByRole('button', { name: en.convShowQr }));
    fireEvent.click(await screen.findByTestId('conversation-settings-qr-open'));
    const full = screen.getByTestId('qr-fullscreen');
    expect(within(full).getByTestId('qr-save').textContent).toBe(en.qrSave);
    expect(within(full).getByTestId('qr-fullscreen-code').getAttribute('aria-label')).toBe(en.convQrAlt);
  });
});

describe('accessibility', () => {
  async function audit(): Promise<string[]> {
    // Colour contrast needs layout, which jsdom does not have; the Chromium audit covers it.
    const result = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  it('has no serious or critical violations with pinned and marked rows, the Nickname dialog and the settings header', async () => {
    const api = threeContacts();
    Object.assign(api.conversations[0]!, { pinnedPriority: 1, nickname: 'Bobby', name: 'Bobby' });
    Object.assign(api.conversations[1]!, { markedUnread: true });
    await mount(api);
    expect(await audit()).toEqual([]);
    choose(BOB, en.cfgSetNickname);
    fireEvent.change(screen.getByTestId('nickname-input'), { target: { value: 'x'.repeat(101) } });
    expect(await audit()).toEqual([]);
    fireEvent.click(screen.getByTestId('modal-close'));
    await act(async () => {
      appStore().dispatch(openModal({ kind: 'conversation-settings', conversationId: BOB }));
    });
    expect(await audit()).toEqual([]);
  });
});

describe('restore loads the profile from the network', () => {
  function restoringApi() {
    const api = new FakeApi();
    api.account = null;
    let release = () => {};
    api.holdRestore = new Promise<void>((r) => (release = r));
    return { api, release: () => release() };
  }

  async function enterRecoveryPassword(api: FakeApi) {
    renderApp(api);
    fireEvent.click(await screen.findByTestId('onboarding-restore-start'));
    fireEvent.change(await screen.findByTestId('recovery-password-input'), { target: { value: 'some words' } });
    fireEvent.click(screen.getByTestId('onboarding-continue'));
    await screen.findByTestId('onboarding-loading');
  }

  it('shows progress while waiting, then opens the inbox with the name and conversations that arrived', async () => {
    const { api, release } = restoringApi();
    api.networkProfile = {
      displayName: 'Alice',
      conversations: [conversation(BOB, { name: 'Bob', updatedAt: 1, pinnedPriority: 1 }), conversation(CAROL, { name: 'Carol', updatedAt: 2 })],
    };
    await enterRecoveryPassword(api);
    // The account exists already (nameless) while the profile loads: the loading step stays.
    expect(appStore().getState().account.account?.displayName).toBe('');
    const bar = screen.getByRole('progressbar', { name: en.onboardingLoadingText });
    await act(async () => new Promise((r) => setTimeout(r, 500)));
    const percent = Number(bar.getAttribute('aria-valuenow'));
    expect(percent).toBeGreaterThanOrEqual(2);
    expect(percent).toBeLessThan(10);
    expect(screen.getByTestId('onboarding-progress-percent').textContent).toBe(`${percent}%`);
    expect(screen.queryByTestId('onboarding-display-name-fallback')).toBeNull();
    await act(async () => {
      release();
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    expect(screen.queryByTestId('app-shell')).toBeNull();
    await screen.findByTestId('app-shell', {}, { timeout: 2000 });
    expect(appStore().getState().account.account?.displayName).toBe('Alice');
    expect(order()).toEqual([BOB, CAROL]);
    expect(screen.queryByTestId('onboarding-display-name-fallback')).toBeNull();
  });

  it('loads the restored account\'s conversation list, even what arrived without an event', async () => {
    const { api, release } = restoringApi();
    api.networkProfile = { displayName: 'Alice' };
    await enterRecoveryPassword(api);
    // Applied by the backend during the restore without telling the page.
    api.conversations = [conversation(CAROL, { name: 'Carol', updatedAt: 2 })];
    await act(async () => {
      release();
      await new Promise((r) => setTimeout(r, 0));
    });
    await screen.findByTestId('app-shell', {}, { timeout: 2000 });
    expect(order()).toEqual([CAROL]);
  });

  it('asks for a new display name when no profile arrived, and sets it', async () => {
    const { api, release } = restoringApi();
    await enterRecoveryPassword(api);
    await act(async () => {
      release();
      await new Promise((r) => setTimeout(r, 0));
    });
    const form = await screen.findByTestId('onboarding-display-name-fallback');
    expect(within(form).getByText(en.displayNameFallbackTitle)).toBeTruthy();
    fireEvent.change(within(form).getByTestId('display-name-input'), { target: { value: 'Alice' } });
    fireEvent.click(within(form).getByTestId('onboarding-continue'));
    await screen.findByTestId('app-shell');
    expect(api.callsOf('account.setDisplayName').map((c) => c.params)).toEqual([{ displayName: 'Alice' }]);
  });

  it('returns to the recovery-password step with the error when the restore fails', async () => {
    const api = new FakeApi();
    api.account = null;
    api.failNextRestore = new IpcError('invalid_params', 'bad words', 'mnemonic_bad_checksum');
    renderApp(api);
    fireEvent.click(await screen.findByTestId('onboarding-restore-start'));
    fireEvent.change(await screen.findByTestId('recovery-password-input'), { target: { value: 'some words' } });
    fireEvent.click(screen.getByTestId('onboarding-continue'));
    expect((await screen.findByTestId('onboarding-error')).textContent).toBe(en.recoveryPasswordIncorrect);
    expect(appStore().getState().account.restoring).toBe(false);
  });
});
