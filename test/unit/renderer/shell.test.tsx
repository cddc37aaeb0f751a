// The app shell in jsdom against a fake API: layout, app info, settings round trips through the
// UI, rollback with an error toast, events, reconnects, theme toggle, modal keyboard behaviour.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { IpcError } from '../../../ts/ipc/errors';
import { en } from '../../../ts/renderer/locales/en';
import { Root } from '../../../ts/renderer/Root';
import { createStore, type AppStore } from '../../../ts/renderer/state/store';
import { conversation, FakeApi, TEST_INFO } from './fakeApi';
import { flush } from './appHarness';

let store: AppStore | null = null;

async function mount(api = new FakeApi()) {
  store = createStore(api);
  render(<Root store={store} />);
  await screen.findByTestId('app-shell');
  return api;
}


async function openSettingsPage(page: string) {
  fireEvent.click(screen.getByTestId('open-settings'));
  fireEvent.click(await screen.findByTestId(`settings-nav-${page}`));
  return screen.findByTestId(`settings-page-${page}`);
}

afterEach(() => {
  cleanup();
  store?.dispose();
  store = null;
  document.documentElement.removeAttribute('style');
  document.documentElement.removeAttribute('data-theme');
});

describe('app shell', () => {
  it('shows a splash until the first load, then the three-column inbox', async () => {
    const api = new FakeApi();
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const call = api.call.bind(api);
    api.call = (async (method, params) => {
      await gate;
      return call(method, params);
    }) as FakeApi['call'];
    store = createStore(api);
    render(<Root store={store} />);
    expect(screen.getByTestId('loading')).toBeTruthy();
    release();
    await screen.findByTestId('app-shell');
    expect(screen.getByTestId('actions-strip')).toBeTruthy();
    expect(screen.getByTestId('left-pane-title').textContent).toBe(en.messagesTitle);
    expect(screen.getByRole('button', { name: en.chooseAction })).toBeTruthy();
    expect(screen.getByTestId('empty-view').textContent).toContain(en.noConversationsTitle);
    expect(screen.getByTestId('empty-view').textContent).toContain(en.noConversationsText);
    // No search box while there is at most one conversation (spec/ui.md §3.3).
    expect(screen.queryByTestId('search-box')).toBeNull();
  });

  it('shows a retry screen when the engine cannot be reached', async () => {
    const api = new FakeApi();
    let fail = true;
    const call = api.call.bind(api);
    api.call = (async (method, params) => {
      if (fail) throw new IpcError('unavailable', 'The engine is not running.');
      return call(method, params);
    }) as FakeApi['call'];
    store = createStore(api);
    render(<Root store={store} />);
    expect((await screen.findByRole('alert')).textContent).toContain('The engine is not running.');
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: en.retry }));
    await screen.findByTestId('app-shell');
  });

  it('shows the app info from the API in settings', async () => {
    await mount();
    fireEvent.click(screen.getByRole('button', { name: en.openSettings }));
    const about = await screen.findByTestId('about');
    expect(within(about).getByTestId('about-version').textContent).toContain(TEST_INFO.version);
    expect(within(about).getByTestId('about-network').textContent).toContain(en.networkTestnet);
    expect(within(about).getByTestId('about-data-dir').textContent).toContain(TEST_INFO.dataDir);
  });

  it('sends a changed setting to the backend and shows it', async () => {
    const api = await mount();
    await openSettingsPage('notifications');
    const toggle = screen.getByTestId('setting-audioNotifications');
    expect(toggle.getAttribute('aria-checked')).toBe('false');
    expect(screen.getByRole('switch', { name: en.audioNotifications })).toBe(toggle);
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-checked')).toBe('true');
    await flush();
    expect(api.callsOf('settings.set')).toEqual([{ method: 'settings.set', params: { key: 'audioNotifications', value: true } }]);
    expect(api.settings.audioNotifications).toBe(true);
    expect(screen.getByTestId('setting-audioNotifications').getAttribute('aria-checked')).toBe('true');
  });

  it('sets radio and zoom settings from their pages', async () => {
    const api = await mount();
    await openSettingsPage('notifications');
    fireEvent.click(screen.getByTestId('setting-notificationContent-name-only'));
    await flush();
    expect(api.settings.notificationContent).toBe('name-only');
    fireEvent.click(screen.getByTestId('modal-back'));
    fireEvent.click(await screen.findByTestId('settings-nav-appearance'));
    fireEvent.change(screen.getByTestId('setting-zoomFactor'), { target: { value: '1.3' } });
    fireEvent.click(screen.getByTestId('setting-accent-blue'));
    await flush();
    expect(api.settings.zoomFactor).toBe(1.3);
    expect(api.settings.accent).toBe('blue');
    expect(document.documentElement.style.getPropertyValue('--primary-color')).toBe('#57C9FA');
    // The web host has no native zoom: the renderer zooms and tells full-height layouts by how much.
    expect(document.documentElement.style.getPropertyValue('--app-zoom')).toBe('1.3');
  });

  it('rolls back a refused change and shows the reason', async () => {
    const api = await mount();
    api.failNextSet = new IpcError('unavailable', 'The settings file is not writable.');
    await openSettingsPage('conversations');
    fireEvent.click(screen.getByTestId('setting-spellCheck'));
    const alert = await screen.findByTestId('setting-error');
    expect(alert.textContent).toContain('The settings file is not writable.');
    expect(screen.getByTestId('setting-spellCheck').getAttribute('aria-checked')).toBe('true');
    fireEvent.click(within(alert).getByRole('button', { name: en.dismiss }));
    expect(screen.queryByTestId('setting-error')).toBeNull();
  });

  it('follows settings.changed events from the backend', async () => {
    const api = await mount();
    await act(async () => {
      api.emit('settings.changed', {
        key: 'theme',
        value: 'classic-light',
        settings: { ...api.settings, theme: 'classic-light' },
      });
    });
    expect(document.documentElement.dataset.theme).toBe('classic-light');
    expect(document.documentElement.style.getPropertyValue('--background-primary-color')).toBe('#FFFFFF');
    expect(screen.getByRole('button', { name: en.switchToDark })).toBeTruthy();
  });

  it('refetches app info and settings after a reconnect', async () => {
    const api = await mount();
    fireEvent.click(screen.getByTestId('open-settings'));
    api.info = { ...api.info, dataDir: '/elsewhere/testnet/default' };
    api.settings = { ...api.settings, theme: 'ocean-dark' };
    await act(async () => {
      api.reconnect();
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(screen.getByTestId('about-data-dir').textContent).toContain('/elsewhere/testnet/default');
    expect(document.documentElement.dataset.theme).toBe('ocean-dark');
  });

  it('toggles between the dark and light theme of the same family', async () => {
    const api = await mount();
    expect(document.documentElement.dataset.theme).toBe('classic-dark');
    fireEvent.click(screen.getByRole('button', { name: en.switchToLight }));
    await flush();
    expect(api.callsOf('settings.set').at(-1)?.params).toEqual({ key: 'theme', value: 'classic-light' });
    expect(document.documentElement.dataset.theme).toBe('classic-light');
    fireEvent.click(screen.getByRole('button', { name: en.switchToDark }));
    await flush();
    expect(api.settings.theme).toBe('classic-dark');
  });

  it('selects a theme in Appearance', async () => {
    const api = await mount();
    await openSettingsPage('appearance');
    fireEvent.click(screen.getByRole('radio', { name: en.themeOceanLight }));
    await flush();
    expect(api.settings.theme).toBe('ocean-light');
    expect((screen.getByTestId('setting-theme-ocean-light') as HTMLInputElement).checked).toBe(true);
  });

  it('closes modals with Esc, keeps focus inside, and returns focus to the opener', async () => {
    await mount();
    const opener = screen.getByTestId('open-settings');
    opener.focus();
    fireEvent.click(opener);
    const dialog = await screen.findByRole('dialog', { name: en.settingsTitle });
    expect(dialog.contains(document.activeElement)).toBe(true);
    const focusables = Array.from(dialog.querySelectorAll<HTMLElement>('button'));
    focusables.at(-1)!.focus();
    fireEvent.keyDown(document.activeElement!, { key: 'Tab' });
    expect(document.activeElement).toBe(focusables[0]);
    fireEvent.keyDown(document.activeElement!, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(focusables.at(-1));
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('opens the choose-action overlay from "+" and closes it with Esc', async () => {
    await mount();
    fireEvent.click(screen.getByRole('button', { name: en.chooseAction }));
    expect(screen.getByTestId('choose-action').textContent).toContain(en.newMessage);
    fireEvent.click(screen.getByTestId('action-new-message'));
    expect(screen.getByTestId('left-pane-title').textContent).toBe(en.newMessage);
    fireEvent.keyDown(screen.getByTestId('left-pane'), { key: 'Escape' });
    expect(screen.getByTestId('left-pane-title').textContent).toBe(en.messagesTitle);
  });

  it('gives every button an accessible name', async () => {
    await mount();
    fireEvent.click(screen.getByTestId('open-settings'));
    await screen.findByRole('dialog');
    for (const button of screen.getAllByRole('button')) {
      const name = button.getAttribute('aria-label') ?? button.textContent ?? '';
      expect(name.trim()).not.toBe('');
    }
  });

  it('toggles Settings with Ctrl+, and the "+" overlay with Ctrl+N', async () => {
    await mount();
    fireEvent.keyDown(window, { key: ',', ctrlKey: true });
    expect(screen.getByRole('dialog', { name: en.settingsTitle })).toBeTruthy();
    fireEvent.keyDown(document.activeElement!, { key: ',', ctrlKey: true });
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.keyDown(window, { key: 'n', ctrlKey: true });
    expect(screen.getByTestId('choose-action')).toBeTruthy();
  });

  it('follows the system light/dark preference while Auto Dark Mode is on', async () => {
    let listener: (() => void) | null = null;
    const media = {
      matches: true,
      addEventListener: (_: string, l: () => void) => (listener = l),
      removeEventListener: () => (listener = null),
    };
    Object.defineProperty(window, 'matchMedia', { configurable: true, value: () => media });
    try {
      const api = new FakeApi();
      api.settings = { ...api.settings, followSystemTheme: true };
      await mount(api);
      expect(api.callsOf('settings.set')).toEqual([]);
      media.matches = false;
      await act(async () => listener?.());
      await flush();
      expect(api.settings.theme).toBe('classic-light');
      expect(document.documentElement.dataset.theme).toBe('classic-light');
    } finally {
      Reflect.deleteProperty(window, 'matchMedia');
    }
  });

  it('lists conversations with names, previews and unread badges, and selects one on click', async () => {
    const api = new FakeApi();
    const alice = '05' + 'a'.repeat(64);
    const bob = '05' + 'b'.repeat(64);
    api.conversations = [
      conversation(alice, { name: 'Alice', updatedAt: 2, unreadCount: 3 }),
      conversation(bob, {
        updatedAt: 1,
        lastMessage: { id: 'm1', conversationId: bob, sender: bob, direction: 'incoming', text: 'See you there', timestamp: 1, receivedAt: 1, status: 'received' },
      }),
    ];
    await mount(api);
    const rows = await screen.findAllByTestId('conversation-row');
    expect(rows.map((r) => r.textContent)).toEqual([expect.stringContaining('Alice'), expect.stringContaining('05bbbb…bbbb')]);
    expect(rows[1]!.textContent).toContain('See you there');
    expect(within(rows[0]!).getByLabelText('3 unread')).toBeTruthy();
    expect(screen.getByTestId('search-box')).toBeTruthy();
    expect(screen.getByTestId('empty-view').textContent).not.toContain(en.noConversationsTitle);
    fireEvent.click(rows[1]!);
    expect(rows[1]!.getAttribute('aria-current')).toBe('true');
    // The open conversation's messages load into the main panel.
    expect((await screen.findByTestId('conversation-title')).textContent).toBe('05bbbb…bbbb');
    await flush();
  });

  it('shows the path status light and the hops of the first path', async () => {
    const api = await mount();
    expect(screen.getByTestId('path-status').dataset.status).toBe('offline');
    const hop = (n: number, country?: string) => ({ ip: `203.0.113.${n}`, port: 22021, ed25519: `${n}`.padEnd(64, '0'), ...(country ? { country } : {}) });
    await act(async () => {
      api.emit('network.status', { state: 'online', paths: [{ nodes: [hop(1, 'DE'), hop(2, 'fr'), hop(3)] }] });
    });
    expect(screen.getByTestId('path-status').dataset.status).toBe('one-path');
    fireEvent.click(screen.getByTestId('path-status'));
    const hops = within(await screen.findByTestId('path-hops')).getAllByRole('listitem');
    // Each country has its flag in front, hidden from screen readers (the name says it all).
    expect(hops.map((h) => h.textContent)).toEqual([en.pathYou, '🇩🇪Germany', '🇫🇷France', en.pathUnknownCountry, en.pathDestination]);
    expect(hops[1]!.querySelector('[aria-hidden="true"]')?.textContent).toBe('🇩🇪');
    expect(hops[3]!.querySelector('[aria-hidden="true"]')).toBeNull();
    expect(hops[1]!.getAttribute('title')).toBe('203.0.113.1');
  });

  it('shows the account in the avatar and the settings header, and copies the Account ID', async () => {
    const api = new FakeApi();
    const sessionId = '05' + '0123456789abcdef'.repeat(4);
    api.account = { sessionId, displayName: 'Alice Baker' };
    const writeText = jest.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    try {
      await mount(api);
      // The avatar draws the initials (generated content), so they are not part of the button's text.
      expect(within(screen.getByTestId('open-settings')).getByTestId('avatar').dataset.initials).toBe('AB');
      fireEvent.click(screen.getByTestId('open-settings'));
      const profile = await screen.findByTestId('profile');
      expect(profile.textContent).toContain('Alice Baker');
      expect(profile.textContent).toContain(sessionId);
      fireEvent.click(within(profile).getByRole('button', { name: `${sessionId} ${en.copyAccountId}` }));
      expect((await screen.findByTestId('toast')).textContent).toContain(en.copied);
      expect(writeText).toHaveBeenCalledWith(sessionId);
      await act(async () => api.emit('account.changed', { account: { sessionId, displayName: 'Carol' } }));
      expect(screen.getByTestId('profile').textContent).toContain('Carol');
    } finally {
      Reflect.deleteProperty(navigator, 'clipboard');
    }
  });

  it('says a restart is needed after changing spell check in Electron; the web host applies it at once', async () => {
    const api = new FakeApi();
    api.info = { ...TEST_INFO, host: 'electron' };
    await mount(api);
    await openSettingsPage('conversations');
    fireEvent.click(screen.getByTestId('setting-spellCheck'));
    expect((await screen.findByTestId('toast')).textContent).toContain(en.restartRequired);
    expect(api.settings.spellCheck).toBe(false);
  });

  it('filters the list from the search box; Esc clears it', async () => {
    const api = new FakeApi();
    api.conversations = [
      conversation('05' + 'a'.repeat(64), { name: 'Alice', updatedAt: 2 }),
      conversation('05' + 'b'.repeat(64), { name: 'Bob', updatedAt: 1 }),
    ];
    await mount(api);
    const box = within(await screen.findByTestId('search-box')).getByRole('searchbox', { name: en.search });
    fireEvent.change(box, { target: { value: 'bo' } });
    expect(screen.getAllByTestId('conversation-row').map((r) => r.textContent)).toEqual([expect.stringContaining('Bob')]);
    fireEvent.change(box, { target: { value: 'carol' } });
    // "No results" once the message search has answered too (it runs when typing pauses).
    expect((await screen.findByTestId('search-no-results')).textContent).toBe('No results found for carol');
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(screen.getAllByTestId('conversation-row')).toHaveLength(2);
  });

  it('keeps focus in the modal when moving between settings pages, so Esc still closes it', async () => {
    await mount();
    await openSettingsPage('appearance');
    const dialog = screen.getByRole('dialog', { name: en.appearance });
    expect(dialog.contains(document.activeElement)).toBe(true);
    fireEvent.click(within(dialog).getByRole('button', { name: en.back }));
    expect(screen.getByRole('dialog', { name: en.settingsTitle }).contains(document.activeElement)).toBe(true);
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows a banner for unread message requests that opens the requests list', async () => {
    const api = new FakeApi();
    api.conversations = [
      conversation('05' + 'a'.repeat(64), { name: 'Alice', updatedAt: 3 }),
      conversation('05' + 'c'.repeat(64), { name: 'Carol', updatedAt: 2, isRequest: true, isApproved: false, unreadCount: 1 }),
      conversation('05' + 'd'.repeat(64), { name: 'Dave', updatedAt: 1, isRequest: true, isApproved: false }),
    ];
    await mount(api);
    expect(screen.getAllByTestId('conversation-row').map((r) => r.textContent)).toEqual([expect.stringContaining('Alice')]);
    const banner = screen.getByTestId('requests-banner');
    expect(within(banner).getByLabelText('1 unread').textContent).toBe('1');
    fireEvent.click(banner);
    expect(screen.getByTestId('left-pane-title').textContent).toBe(en.messageRequests);
    expect(screen.getAllByTestId('conversation-row').map((r) => r.textContent)).toEqual([
      expect.stringContaining('Carol'),
      expect.stringContaining('Dave'),
    ]);
    fireEvent.click(screen.getByTestId('overlay-back'));
    expect(screen.getByTestId('left-pane-title').textContent).toBe(en.messagesTitle);
  });
});
