// Account safety and the settings home (spec/ui.md §3.2, §6.1, §6.8, §6.9, §6.12, §8.1) in jsdom
// against the fake API: the recovery banner and the reveal flow, Account ID copy and QR, profile
// editing, Message Requests, Clear Data with both scopes and a failure, and Blocked Contacts.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import QRCode from 'qrcode';
import { IpcError } from '../../../ts/ipc/errors';
import { en } from '../../../ts/renderer/locales/en';
import { appStore, flush, installTextEncoder, mountApp, renderApp, unmountApp } from './appHarness';
import { conversation, FakeApi, TEST_ACCOUNT } from './fakeApi';

jest.setTimeout(30_000);
installTextEncoder();

const writeText = jest.fn(async (_text: string) => {});

beforeEach(() => {
  writeText.mockClear();
  Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
});

afterEach(() => {
  unmountApp();
  Reflect.deleteProperty(navigator, 'clipboard');
});

const mount = mountApp;

async function openSettings() {
  fireEvent.click(screen.getByTestId('open-settings'));
  return screen.findByTestId('profile');
}

describe('recovery password', () => {
  it('shows the banner after create, and reveals the words only after a confirmation', async () => {
    const api = new FakeApi();
    api.account = { ...TEST_ACCOUNT, showRecoveryBanner: true };
    await mount(api);
    const banner = await screen.findByTestId('recovery-banner');
    expect(banner.textContent).toContain(en.recoveryBannerTitle);
    expect(banner.textContent).toContain(en.recoveryBannerText);
    fireEvent.click(within(banner).getByRole('button', { name: en.continue }));
    const page = await screen.findByTestId('settings-page-recovery-password');
    expect(page.textContent).toContain(en.recoveryPasswordExplainer);
    // Nothing asked for yet, nothing shown.
    expect(api.callsOf('account.getRecoveryPassword')).toEqual([]);
    expect(screen.queryByTestId('recovery-words')).toBeNull();
    expect(document.body.textContent).not.toContain(api.recoveryPassword);

    // A first "Reveal" only asks; Cancel goes back without a call.
    fireEvent.click(screen.getByTestId('recovery-reveal'));
    expect(screen.getByText(en.recoveryPasswordRevealWarning)).toBeTruthy();
    fireEvent.click(screen.getByTestId('recovery-reveal-cancel'));
    expect(api.callsOf('account.getRecoveryPassword')).toEqual([]);

    fireEvent.click(screen.getByTestId('recovery-reveal'));
    fireEvent.click(screen.getByTestId('recovery-reveal-confirm'));
    expect((await screen.findByTestId('recovery-words')).textContent).toBe(api.recoveryPassword);
    expect(api.callsOf('account.getRecoveryPassword')).toHaveLength(1);
    // The words never enter the store.
    expect(JSON.stringify(appStore().getState())).not.toContain('ability able');
    // Viewed: the banner is gone.
    expect(screen.queryByTestId('recovery-banner')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: en.recoveryPasswordCopy }));
    expect((await screen.findByTestId('toast')).textContent).toContain(en.copied);
    expect(writeText).toHaveBeenCalledWith(api.recoveryPassword);

    fireEvent.click(screen.getByRole('button', { name: en.recoveryPasswordViewQr }));
    const qr = screen.getByRole('img', { name: en.recoveryPasswordQr });
    expect(Number(qr.dataset.modules)).toBe(QRCode.create(api.recoveryPassword, { errorCorrectionLevel: 'M' }).modules.size);
    expect(screen.queryByTestId('recovery-words')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: en.recoveryPasswordViewWords }));
    expect(screen.getByTestId('recovery-words')).toBeTruthy();
  });

  it('shows no banner for a restored account and hides it while an overlay is open', async () => {
    const api = new FakeApi();
    await mount(api);
    expect(screen.queryByTestId('recovery-banner')).toBeNull();
    await act(async () => api.emit('account.changed', { account: { ...TEST_ACCOUNT, showRecoveryBanner: true } }));
    expect(screen.getByTestId('recovery-banner')).toBeTruthy();
    fireEvent.click(screen.getByTestId('choose-action-button'));
    expect(screen.queryByTestId('recovery-banner')).toBeNull();
  });

  it('says why when the backend refuses, and offers a retry', async () => {
    const api = new FakeApi();
    api.account = null;
    renderApp(api);
    await screen.findByTestId('onboarding-start');
    // An account arrives, but the backend cannot read its recovery password.
    api.account = { ...TEST_ACCOUNT };
    await act(async () => api.emit('account.changed', { account: { ...TEST_ACCOUNT } }));
    await openSettings();
    fireEvent.click(screen.getByTestId('settings-nav-recovery-password'));
    api.account = null;
    fireEvent.click(await screen.findByTestId('recovery-reveal'));
    fireEvent.click(screen.getByTestId('recovery-reveal-confirm'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load your recovery password');
    expect(screen.getByRole('button', { name: en.retry })).toBeTruthy();
  });
});

describe('settings home', () => {
  it('copies the Account ID and shows it as a QR code', async () => {
    await mount();
    const profile = await openSettings();
    // Named by what it shows and what it does (label in name): the Account ID, then "Copy Account ID".
    fireEvent.click(within(profile).getByRole('button', { name: `${TEST_ACCOUNT.sessionId} ${en.copyAccountId}` }));
    expect((await screen.findByTestId('toast')).textContent).toContain(en.copied);
    expect(writeText).toHaveBeenCalledWith(TEST_ACCOUNT.sessionId);
    fireEvent.click(within(profile).getByRole('button', { name: en.settingsShowQr }));
    const qr = within(profile).getByRole('img', { name: en.settingsAccountQr });
    expect(Number(qr.dataset.modules)).toBe(QRCode.create(TEST_ACCOUNT.sessionId, { errorCorrectionLevel: 'M' }).modules.size);
  });

  it('edits the display name with the spec errors', async () => {
    const api = await mount();
    await openSettings();
    fireEvent.click(screen.getByRole('button', { name: `${TEST_ACCOUNT.displayName} ${en.settingsEditProfile}` }));
    const dialog = await screen.findByTestId('edit-profile');
    expect(within(dialog).getByRole('heading').textContent).toBe(en.updateProfileTitle);
    const input = screen.getByTestId('edit-profile-name') as HTMLInputElement;
    expect(input.value).toBe(TEST_ACCOUNT.displayName);
    fireEvent.change(input, { target: { value: '   ' } });
    fireEvent.click(screen.getByRole('button', { name: en.save }));
    expect(screen.getByTestId('edit-profile-error').textContent).toBe(en.displayNameEmpty);
    // 34 three-byte characters: 102 bytes, over the 100-byte limit.
    fireEvent.change(input, { target: { value: '€'.repeat(34) } });
    fireEvent.click(screen.getByRole('button', { name: en.save }));
    expect(screen.getByTestId('edit-profile-error').textContent).toBe(en.displayNameTooLong);
    expect(api.callsOf('account.setDisplayName')).toEqual([]);
    fireEvent.change(input, { target: { value: ' Carol ' } });
    fireEvent.click(screen.getByRole('button', { name: en.save }));
    await waitFor(() => expect(screen.queryByTestId('edit-profile')).toBeNull());
    expect(api.callsOf('account.setDisplayName')).toEqual([{ method: 'account.setDisplayName', params: { displayName: 'Carol' } }]);
    expect((await screen.findByTestId('profile')).textContent).toContain('Carol');
  });

  it('cancels profile editing without a call', async () => {
    const api = await mount();
    await openSettings();
    fireEvent.click(screen.getByTestId('profile-name'));
    fireEvent.change(await screen.findByTestId('edit-profile-name'), { target: { value: 'Dave' } });
    fireEvent.click(screen.getByTestId('edit-profile-cancel'));
    expect(await screen.findByTestId('profile')).toBeTruthy();
    expect(api.callsOf('account.setDisplayName')).toEqual([]);
  });

  it('"Message Requests" closes settings and opens the requests list', async () => {
    await mount();
    await openSettings();
    fireEvent.click(screen.getByTestId('settings-nav-message-requests'));
    expect(screen.queryByTestId('settings-modal')).toBeNull();
    expect(screen.getByTestId('left-pane-title').textContent).toBe(en.messageRequests);
  });

  it('"Path" opens the path dialog', async () => {
    await mount();
    await openSettings();
    fireEvent.click(screen.getByTestId('settings-nav-path'));
    expect(await screen.findByTestId('path-modal')).toBeTruthy();
  });
});

describe('clear data', () => {
  async function openClearData(api: FakeApi) {
    api.conversations = [conversation('05' + 'b'.repeat(64), { name: 'Bob', updatedAt: 1 })];
    await mount(api);
    fireEvent.click(screen.getAllByTestId('conversation-row')[0]!);
    await openSettings();
    fireEvent.click(screen.getByTestId('settings-nav-clear-data'));
    return screen.findByTestId('clear-data');
  }

  it('clears this device only by default after a second confirmation, and returns to onboarding', async () => {
    const api = new FakeApi();
    let release = () => {};
    api.holdClear = new Promise<void>((r) => (release = r));
    const dialog = await openClearData(api);
    expect(dialog.textContent).toContain(en.clearDataText);
    expect((screen.getByTestId('clear-device-only') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByTestId('clear-data-clear'));
    expect(screen.getByTestId('clear-data-confirm-text').textContent).toBe(en.clearDeviceConfirm);
    expect(api.callsOf('data.clear')).toEqual([]);
    fireEvent.click(screen.getByTestId('clear-data-confirm'));
    expect(screen.getByTestId('clear-data-busy')).toBeTruthy();
    await act(async () => release());
    expect(await screen.findByTestId('onboarding-start')).toBeTruthy();
    expect(api.callsOf('data.clear')).toEqual([{ method: 'data.clear', params: { network: false } }]);
    const ui = appStore().getState().ui;
    expect(ui.modals).toEqual([]);
    expect(ui.selectedConversationId).toBeNull();
    expect(appStore().getState().conversations.byId).toEqual({});
  });

  it('asks the network question for device and network', async () => {
    const api = new FakeApi();
    await openClearData(api);
    fireEvent.click(screen.getByTestId('clear-device-and-network'));
    fireEvent.click(screen.getByTestId('clear-data-clear'));
    expect(screen.getByTestId('clear-data-confirm-text').textContent).toBe(en.clearNetworkConfirm);
    fireEvent.click(screen.getByTestId('clear-data-confirm'));
    expect(await screen.findByTestId('onboarding-start')).toBeTruthy();
    expect(api.callsOf('data.clear')).toEqual([{ method: 'data.clear', params: { network: true } }]);
  });

  it('shows a failure in the dialog and keeps everything', async () => {
    const api = new FakeApi();
    api.failNextClear = new IpcError('network', 'No swarm node confirmed the deletion.');
    await openClearData(api);
    fireEvent.click(screen.getByTestId('clear-device-and-network'));
    fireEvent.click(screen.getByTestId('clear-data-clear'));
    fireEvent.click(screen.getByTestId('clear-data-confirm'));
    const error = await screen.findByTestId('clear-data-error');
    expect(error.textContent).toContain('No swarm node confirmed the deletion.');
    expect(error.textContent).toContain('kept');
    expect(screen.getByTestId('app-shell')).toBeTruthy();
    expect(api.account).not.toBeNull();
    expect(appStore().getState().account.account).not.toBeNull();
    // The choice is still there to retry or cancel.
    expect((screen.getByTestId('clear-device-and-network') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByTestId('clear-data-cancel'));
    expect(await screen.findByTestId('profile')).toBeTruthy();
  });
});

describe('blocked contacts', () => {
  const bob = '05' + 'b'.repeat(64);
  const carol = '05' + 'c'.repeat(64);

  async function openBlocked(api: FakeApi) {
    await mount(api);
    await openSettings();
    fireEvent.click(screen.getByTestId('settings-nav-conversations'));
    fireEvent.click(await screen.findByTestId('settings-nav-blocked-contacts'));
    return screen.findByTestId('settings-page-blocked-contacts');
  }

  it('says when nobody is blocked', async () => {
    await openBlocked(new FakeApi());
    expect((await screen.findByTestId('blocked-empty')).textContent).toBe(en.blockedContactsEmpty);
  });

  it('unblocks the selected contacts after a confirmation naming them', async () => {
    const api = new FakeApi();
    api.conversations = [conversation(bob, { name: 'Bob', isBlocked: true }), conversation(carol, { isBlocked: true }), conversation('05' + 'd'.repeat(64))];
    await openBlocked(api);
    const list = await screen.findByTestId('blocked-list');
    expect(within(list).getAllByRole('checkbox')).toHaveLength(2);
    const unblock = screen.getByTestId('blocked-unblock') as HTMLButtonElement;
    expect(unblock.disabled).toBe(true);
    fireEvent.click(screen.getByRole('checkbox', { name: /Bob/ }));
    expect(unblock.disabled).toBe(false);
    fireEvent.click(unblock);
    const confirm = await screen.findByTestId('unblock-confirm');
    expect(confirm.textContent).toContain('Are you sure you want to unblock Bob?');
    fireEvent.click(screen.getByTestId('unblock-confirm-cancel'));
    expect(api.callsOf('conversations.setBlocked')).toEqual([]);

    // Back on the (reloaded) list: select both this time.
    fireEvent.click(await screen.findByRole('checkbox', { name: /Bob/ }));
    fireEvent.click(screen.getByTestId(`blocked-select-${carol}`));
    fireEvent.click(screen.getByTestId('blocked-unblock'));
    expect((await screen.findByTestId('unblock-confirm')).textContent).toContain('Are you sure you want to unblock Bob and 05cccc…cccc?');
    fireEvent.click(screen.getByTestId('unblock-confirm-ok'));
    expect((await screen.findByTestId('blocked-empty')).textContent).toBe(en.blockedContactsEmpty);
    expect(api.callsOf('conversations.setBlocked').map((c) => c.params)).toEqual([
      { id: bob, blocked: false },
      { id: carol, blocked: false },
    ]);
    // The inbox shows them again.
    expect(appStore().getState().conversations.byId[bob]?.isBlocked).toBe(false);
    expect(screen.getAllByTestId('toast').some((t) => t.textContent?.includes('2 contacts unblocked'))).toBe(true);
  });

  it('keeps the dialog with the reason when unblocking fails', async () => {
    const api = new FakeApi();
    api.conversations = [conversation(bob, { name: 'Bob', isBlocked: true })];
    api.failNextSetBlocked = new IpcError('unavailable', 'The contact store is busy.');
    await openBlocked(api);
    fireEvent.click(await screen.findByRole('checkbox', { name: /Bob/ }));
    fireEvent.click(screen.getByTestId('blocked-unblock'));
    fireEvent.click(await screen.findByTestId('unblock-confirm-ok'));
    expect((await screen.findByRole('alert')).textContent).toContain('The contact store is busy.');
    expect(screen.getByTestId('unblock-confirm')).toBeTruthy();
    await flush();
  });
});
