// The lock screen in jsdom (spec/ui.md §1.1 item 2): a locked profile shows it instead of the app (no
// account or conversation is even asked for), a wrong password shows "Incorrect password" and holds the
// button during the wait, three wrong ones offer Clear Device, which (confirmed) clears this device and
// starts over at onboarding; the right password opens the app.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { MethodName, MethodParams, MethodResult, PasswordStatus } from '../../../ts/ipc/contract';
import { IpcError } from '../../../ts/ipc/errors';
import { en } from '../../../ts/renderer/locales/en';
import { installTextEncoder, mountApp, unmountApp } from './appHarness';
import { FakeApi } from './fakeApi';

jest.setTimeout(30_000);
installTextEncoder();
afterEach(unmountApp);

/** The fake API with a profile locked by `password` (the backend's wait after a wrong one: `waitMs`). */
class LockedApi extends FakeApi {
  status: PasswordStatus = { set: true, locked: true, protection: 'password', failedAttempts: 0, retryAfterMs: 0 };
  constructor(
    private readonly password: string,
    private readonly waitMs: number,
  ) {
    super();
  }
  override async call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>> {
    const answer = (v: unknown) => v as MethodResult<M>;
    if (method === 'password.status') return answer({ ...this.status });
    if (method === 'password.unlock') {
      this.calls.push({ method, params });
      if ((params as { password: string }).password !== this.password) {
        this.status = { ...this.status, failedAttempts: this.status.failedAttempts + 1, retryAfterMs: this.waitMs };
        throw new IpcError('wrong_password', 'Incorrect password');
      }
      this.status = { ...this.status, locked: false, failedAttempts: 0, retryAfterMs: 0 };
      this.emit('password.changed', { ...this.status });
      return answer({ ...this.status });
    }
    if (this.status.locked && !['app.getInfo', 'settings.getAll', 'data.clear'].includes(method)) {
      this.calls.push({ method, params });
      throw new IpcError('locked', 'Session is locked: enter your password first.');
    }
    const result = await super.call(method, params);
    if (method === 'data.clear') {
      this.status = { set: false, locked: false, protection: 'plain', failedAttempts: 0, retryAfterMs: 0 };
      this.emit('password.changed', { ...this.status });
    }
    return result;
  }
}

const attempt = async (password: string) => {
  fireEvent.change(screen.getByTestId('lock-password'), { target: { value: password } });
  await waitFor(() => expect((screen.getByTestId('lock-submit') as HTMLButtonElement).disabled).toBe(false), { timeout: 5_000 });
  fireEvent.click(screen.getByTestId('lock-submit'));
};

it('shows the lock screen instead of the app and opens it with the right password', async () => {
  const api = new LockedApi('right-pw', 0);
  await mountApp(api, { waitFor: 'lock-screen' });
  expect(screen.getByText(en.lockTitle)).toBeTruthy();
  // Nothing of the profile is asked for while locked.
  expect(api.callsOf('account.get')).toEqual([]);
  expect(api.callsOf('conversations.list')).toEqual([]);
  await attempt('wrong-pw');
  expect((await screen.findByTestId('lock-error')).textContent).toBe('Incorrect password');
  await attempt('right-pw');
  await screen.findByTestId('app-shell');
  expect(api.callsOf('account.get').length).toBeGreaterThan(0);
});

it('holds the button during the wait and offers Clear Device after three wrong passwords', async () => {
  const api = new LockedApi('right-pw', 1_100);
  await mountApp(api, { waitFor: 'lock-screen' });
  await attempt('nope-1');
  await screen.findByTestId('lock-error');
  // The wait is shown and the button held.
  expect(screen.getByTestId('lock-wait').textContent).toMatch(/Try again in [12] seconds?\./);
  fireEvent.change(screen.getByTestId('lock-password'), { target: { value: 'nope-2' } });
  expect((screen.getByTestId('lock-submit') as HTMLButtonElement).disabled).toBe(true);
  expect(screen.queryByTestId('lock-clear-device')).toBeNull();
  // After the wait the button is free again.
  await attempt('nope-2');
  await waitFor(() => expect(api.callsOf('password.unlock')).toHaveLength(2));
  // The field is held while a password is being checked.
  expect((screen.getByTestId('lock-password') as HTMLInputElement).disabled).toBe(true);
  await waitFor(() => expect(screen.queryByTestId('lock-checking')).toBeNull());
  await attempt('nope-3');
  fireEvent.click(await screen.findByTestId('lock-clear-device', {}, { timeout: 5_000 }));
  expect(screen.getByText(en.lockClearDeviceText)).toBeTruthy();
  // Cancel goes back; confirming clears this device only and starts over at onboarding.
  fireEvent.click(screen.getByTestId('lock-clear-cancel'));
  fireEvent.click(await screen.findByTestId('lock-clear-device'));
  fireEvent.click(screen.getByTestId('lock-clear-confirm-button'));
  await screen.findByTestId('onboarding-start');
  expect(api.callsOf('data.clear')).toEqual([{ method: 'data.clear', params: { network: false } }]);
});
