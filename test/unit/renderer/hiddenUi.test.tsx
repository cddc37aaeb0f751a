// Hiding things for good in jsdom against the fake API: the Message Requests banner from its menu
// (spec/ui.md §3.4; the requests stay reachable through Settings ▸ Message Requests, and the banner
// comes back when the backend says so), and the recovery password with its two confirmations (§6.8).
import { act, fireEvent, screen, within } from '@testing-library/react';
import { IpcError } from '../../../ts/ipc/errors';
import { en } from '../../../ts/renderer/locales/en';
import { appStore, flush, mountApp, unmountApp } from './appHarness';
import { conversation, FakeApi, TEST_ACCOUNT } from './fakeApi';
import { installLayout, uninstallLayout } from './layoutMock';

jest.setTimeout(30_000);
const BOB = '05' + 'b2'.repeat(32);

beforeAll(installLayout);
afterAll(uninstallLayout);

afterEach(() => {
  unmountApp();
});

const mount = mountApp;

function withRequest(api = new FakeApi()) {
  api.conversations = [conversation(BOB, { name: 'Bob', isRequest: true, isApproved: false, unreadCount: 2, updatedAt: 2_000 })];
  return api;
}

async function openSettings() {
  fireEvent.click(screen.getByTestId('open-settings'));
  return screen.findByTestId('profile');
}

describe('Message Requests banner', () => {
  it('hides from its right-click menu, stays hidden after a restart, and the requests stay reachable from the settings', async () => {
    const api = await mount(withRequest());
    const banner = await screen.findByTestId('requests-banner');
    expect(banner.getAttribute('aria-haspopup')).toBe('menu');

    fireEvent.contextMenu(banner, { clientX: 40, clientY: 120 });
    const menu = await screen.findByRole('menu', { name: en.requestsBannerMenu });
    const items = within(menu).getAllByRole('menuitem');
    expect(items.map((i) => i.textContent)).toEqual(['Hide']);
    // Nothing changes until the item is chosen.
    expect(api.callsOf('settings.set')).toEqual([]);
    fireEvent.click(items[0]!);
    await flush();
    expect(api.callsOf('settings.set').map((c) => c.params)).toEqual([{ key: 'hideMessageRequestBanner', value: true }]);
    expect(screen.queryByRole('menu')).toBeNull();
    expect(screen.queryByTestId('requests-banner')).toBeNull();

    // A restart reads the stored setting: still hidden, though the request is still unread.
    unmountApp();
    await mount(api);
    expect(api.settings.hideMessageRequestBanner).toBe(true);
    expect(screen.queryByTestId('requests-banner')).toBeNull();

    await openSettings();
    fireEvent.click(screen.getByTestId('settings-nav-message-requests'));
    expect(screen.queryByTestId('settings-modal')).toBeNull();
    expect(screen.getByTestId('left-pane-title').textContent).toBe(en.messageRequests);
    const rows = await screen.findAllByTestId('conversation-row');
    expect(rows.map((r) => r.getAttribute('data-conversation-id'))).toEqual([BOB]);

    // The backend shows it again (a new request arrived): back in the list view, the banner is there.
    fireEvent.click(screen.getByTestId('left-pane-title'));
    await act(async () => {
      api.settings = { ...api.settings, hideMessageRequestBanner: false };
      api.emit('settings.changed', { key: 'hideMessageRequestBanner', value: false, settings: { ...api.settings } });
    });
    expect(await screen.findByTestId('requests-banner')).toBeTruthy();
  });

  it('opens the menu from the keyboard, closes it with Esc without hiding, and says so when hiding fails', async () => {
    const api = await mount(withRequest());
    const banner = await screen.findByTestId('requests-banner');
    banner.focus();
    fireEvent.keyDown(banner, { key: 'F10', shiftKey: true });
    const menu = await screen.findByRole('menu');
    expect(document.activeElement?.textContent).toBe('Hide');
    fireEvent.keyDown(menu, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(banner);
    expect(api.callsOf('settings.set')).toEqual([]);

    api.failNextSet = new IpcError('internal', 'disk full');
    fireEvent.keyDown(banner, { key: 'ContextMenu' });
    fireEvent.click(within(await screen.findByRole('menu')).getByRole('menuitem', { name: 'Hide' }));
    await flush();
    expect(screen.getByTestId('requests-banner')).toBeTruthy();
    expect(screen.getByTestId('setting-error').textContent).toContain(en.settingSaveFailed.replace('{message}', 'disk full'));
  });
});

describe('hide recovery password', () => {
  async function openRecoveryPage() {
    await openSettings();
    fireEvent.click(screen.getByTestId('settings-nav-recovery-password'));
    return screen.findByTestId('settings-page-recovery-password');
  }

  it('hides it after two confirmations: the page, its settings row and the banner are gone, also after a restart', async () => {
    const api = new FakeApi();
    api.account = { ...TEST_ACCOUNT, showRecoveryBanner: true };
    await mount(api);
    expect(await screen.findByTestId('recovery-banner')).toBeTruthy();
    const page = await openRecoveryPage();
    expect(within(page).getByRole('heading', { name: 'Recovery Password Visibility' })).toBeTruthy();
    const row = within(page).getByTestId('hide-recovery-row');
    expect(row.textContent).toContain('Hide Recovery Password');
    expect(row.textContent).toContain('Permanently hide your recovery password on this device.');

    // Step 1, then Cancel: nothing happens.
    fireEvent.click(within(row).getByRole('button', { name: 'Hide' }));
    let dialog = await screen.findByTestId('hide-recovery-dialog');
    expect(within(dialog).getByRole('heading').textContent).toBe('Hide Recovery Password Permanently');
    expect(screen.getByTestId('hide-recovery-text').textContent).toBe(en.hideRecoveryStep1);
    expect(within(dialog).getAllByRole('button', { name: /Continue|Cancel/ }).map((b) => b.textContent)).toEqual(['Continue', 'Cancel']);
    fireEvent.click(screen.getByTestId('hide-recovery-cancel'));
    expect(screen.queryByTestId('hide-recovery-dialog')).toBeNull();

    // Step 1 Continue, step 2 Cancel: nothing happens either.
    fireEvent.click(screen.getByTestId('hide-recovery-open'));
    fireEvent.click(await screen.findByTestId('hide-recovery-continue'));
    expect(screen.getByTestId('hide-recovery-text').textContent).toBe(
      'Are you sure you want to permanently hide your recovery password on this device? This cannot be undone.',
    );
    dialog = screen.getByTestId('hide-recovery-dialog');
    expect(within(dialog).getAllByRole('button', { name: /Yes|Cancel/ }).map((b) => b.textContent)).toEqual(['Cancel', 'Yes']);
    fireEvent.click(screen.getByTestId('hide-recovery-cancel'));
    expect(api.callsOf('settings.set')).toEqual([]);

    // Both steps and Yes: stored, the page closes to the home page without the Recovery Password row.
    fireEvent.click(screen.getByTestId('hide-recovery-open'));
    fireEvent.click(await screen.findByTestId('hide-recovery-continue'));
    fireEvent.click(screen.getByTestId('hide-recovery-yes'));
    await flush();
    expect(api.callsOf('settings.set').map((c) => c.params)).toEqual([{ key: 'hideRecoveryPassword', value: true }]);
    expect(screen.queryByTestId('hide-recovery-dialog')).toBeNull();
    expect(await screen.findByTestId('profile')).toBeTruthy();
    expect(screen.queryByTestId('settings-nav-recovery-password')).toBeNull();
    expect(screen.getByTestId('settings-nav-clear-data')).toBeTruthy();
    expect(screen.queryByTestId('recovery-banner')).toBeNull();
    expect(api.callsOf('account.getRecoveryPassword')).toEqual([]);

    // After a restart, with the backend's word for it: no row, no banner, no page even when asked for.
    unmountApp();
    await mount(api);
    expect(screen.queryByTestId('recovery-banner')).toBeNull();
    await openSettings();
    expect(screen.queryByTestId('settings-nav-recovery-password')).toBeNull();
    act(() => {
      appStore().dispatch({ type: 'ui/showSettingsPage', payload: 'recovery-password' });
    });
    expect(screen.queryByTestId('settings-page-recovery-password')).toBeNull();
    expect(screen.getByTestId('profile')).toBeTruthy();
  });

  it('keeps the dialog with the reason when the backend refuses', async () => {
    const api = new FakeApi();
    await mount(api);
    await openRecoveryPage();
    api.failNextSet = new IpcError('internal', 'disk full');
    fireEvent.click(screen.getByTestId('hide-recovery-open'));
    fireEvent.click(await screen.findByTestId('hide-recovery-continue'));
    fireEvent.click(screen.getByTestId('hide-recovery-yes'));
    await flush();
    expect(screen.getByTestId('hide-recovery-error').textContent).toContain('disk full');
    expect(screen.getByTestId('settings-page-recovery-password')).toBeTruthy();
    expect(screen.getByTestId('hide-recovery-dialog')).toBeTruthy();
    expect(api.settings.hideRecoveryPassword).toBe(false);
    // Told once, in the dialog.
    expect(screen.getAllByText(/disk full/)).toHaveLength(1);
  });
});
