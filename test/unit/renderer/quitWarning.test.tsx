// Onboarding's back chevron once the account exists (spec/ui.md §2.2, §2.3): the quit warning with the
// spec's texts; "Cancel" keeps everything, "Quit" clears this device's data and starts over at the
// first screen; before the name is submitted, back simply returns to the start. The display-name
// fallback's back chevron returns to the recovery-password step (§2.3 step 3).
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { IpcError } from '../../../ts/ipc/errors';
import { en } from '../../../ts/renderer/locales/en';
import { Root } from '../../../ts/renderer/Root';
import { createStore, type AppStore } from '../../../ts/renderer/state/store';
import { FakeApi, TEST_ACCOUNT } from './fakeApi';

let store: AppStore | null = null;

afterEach(() => {
  cleanup();
  store?.dispose();
  store = null;
});

/**
 * A fake that answers calls one at a time in order, as the real backend does over its one channel, and
 * holds `method` until released. By default a `data.clear` releases it: the account the user is leaving
 * is made, then wiped. `releaseOnClear: false` models a backend still working on it (a slow profile fetch).
 */
function heldApi(method: 'account.create' | 'account.restore', { releaseOnClear = true } = {}) {
  const api = new FakeApi();
  api.account = null;
  let release = () => {};
  const gate = new Promise<void>((r) => (release = r));
  let queue: Promise<unknown> = Promise.resolve();
  const call = api.call.bind(api);
  api.call = ((m, params) => {
    if (m === 'data.clear' && releaseOnClear) release();
    const answer = m === method ? queue.then(() => gate).then(() => call(m, params)) : queue.then(() => call(m, params));
    // A call still held does not hold up the others when it is not released by a clear.
    if (m !== method || releaseOnClear) queue = answer.catch(() => undefined);
    return answer;
  }) as FakeApi['call'];
  return {
    api,
    release: () => release(),
  };
}

async function mount(api: FakeApi) {
  store = createStore(api);
  render(<Root store={store} />);
  await screen.findByTestId('onboarding-start');
}

async function startRestore() {
  fireEvent.click(screen.getByTestId('onboarding-restore-start'));
  fireEvent.change(await screen.findByTestId('recovery-password-input'), { target: { value: 'some words' } });
  fireEvent.click(screen.getByTestId('onboarding-continue'));
  await screen.findByTestId('onboarding-loading');
}

describe('onboarding quit warning', () => {
  it('warns on back while the account loads; Cancel keeps loading, Quit clears the device and starts over', async () => {
    const { api } = heldApi('account.restore');
    await mount(api);
    await startRestore();

    fireEvent.click(screen.getByTestId('onboarding-back'));
    const dialog = await screen.findByTestId('quit-warning');
    expect(dialog.getAttribute('role')).toBe('dialog');
    expect(screen.getByText(en.quitWarningTitle)).toBeTruthy();
    expect(screen.getByTestId('quit-warning-text').textContent).toBe(
      'You cannot go back further. In order to stop loading your account, Session needs to quit.',
    );
    expect(screen.getByTestId('quit-warning-quit').textContent).toBe('Quit');
    expect(screen.getByTestId('quit-warning-cancel').textContent).toBe('Cancel');

    fireEvent.click(screen.getByTestId('quit-warning-cancel'));
    expect(screen.queryByTestId('quit-warning')).toBeNull();
    expect(screen.getByTestId('onboarding-loading')).toBeTruthy();
    expect(api.callsOf('data.clear')).toEqual([]);

    fireEvent.click(screen.getByTestId('onboarding-back'));
    fireEvent.click(await screen.findByTestId('quit-warning-quit'));
    await screen.findByTestId('onboarding-start');
    expect(api.callsOf('data.clear').map((c) => c.params)).toEqual([{ network: false }]);
    expect(api.account).toBeNull();
    expect(store!.getState().account.account).toBeNull();
    expect(screen.queryByTestId('quit-warning')).toBeNull();
  });

  it('uses the creation text after the name is submitted, and goes straight back before', async () => {
    const { api } = heldApi('account.create');
    await mount(api);
    fireEvent.click(screen.getByTestId('onboarding-create'));
    await screen.findByTestId('onboarding-display-name');

    // Nothing exists yet: back is just back.
    fireEvent.click(screen.getByTestId('onboarding-back'));
    await screen.findByTestId('onboarding-start');
    expect(screen.queryByTestId('quit-warning')).toBeNull();

    fireEvent.click(screen.getByTestId('onboarding-create'));
    fireEvent.change(await screen.findByTestId('display-name-input'), { target: { value: 'Alice' } });
    fireEvent.click(screen.getByTestId('onboarding-continue'));
    await act(async () => undefined);
    fireEvent.click(screen.getByTestId('onboarding-back'));
    expect((await screen.findByTestId('quit-warning-text')).textContent).toBe(
      'You cannot go back further. In order to cancel your account creation, Session needs to quit.',
    );
    fireEvent.click(screen.getByTestId('quit-warning-quit'));
    await screen.findByTestId('onboarding-start');
    expect(api.callsOf('account.create')).toHaveLength(1);
    expect(api.callsOf('data.clear').map((c) => c.params)).toEqual([{ network: false }]);
    // The account that was being created is gone: the start screen stays.
    expect(api.account).toBeNull();
    await act(async () => undefined);
    expect(screen.getByTestId('onboarding-start')).toBeTruthy();
    expect(screen.queryByTestId('app-shell')).toBeNull();
  });

  it('keeps the warning open with the reason when clearing fails', async () => {
    const { api, release } = heldApi('account.restore', { releaseOnClear: false });
    api.failNextClear = new IpcError('internal', 'disk full');
    await mount(api);
    await startRestore();
    fireEvent.click(screen.getByTestId('onboarding-back'));
    fireEvent.click(await screen.findByTestId('quit-warning-quit'));
    expect((await screen.findByTestId('quit-warning-error')).textContent).toBe(en.clearDataFailed.replace('{message}', 'disk full'));
    expect(screen.getByTestId('quit-warning')).toBeTruthy();
    // The restore then finishes: the account stays, and the user continues with it.
    await act(async () => {
      release();
      await new Promise((r) => setTimeout(r, 0));
    });
    await screen.findByTestId('onboarding-display-name-fallback');
  });

  it("returns from the display-name fallback to the recovery-password step, clearing the restored account first", async () => {
    const api = new FakeApi();
    api.account = { sessionId: TEST_ACCOUNT.sessionId, displayName: '' };
    store = createStore(api);
    render(<Root store={store} />);
    await screen.findByTestId('onboarding-display-name-fallback');
    fireEvent.click(screen.getByTestId('onboarding-back'));
    const form = await screen.findByTestId('onboarding-restore');
    expect(api.callsOf('data.clear').map((c) => c.params)).toEqual([{ network: false }]);
    expect(api.account).toBeNull();
    expect((within(form).getByTestId('recovery-password-input') as HTMLInputElement).value).toBe('');
    // Its own back chevron then leads to the start, as always.
    fireEvent.click(within(form).getByTestId('onboarding-back'));
    await screen.findByTestId('onboarding-start');
  });

  it('stays on the display-name fallback with the reason when clearing fails', async () => {
    const api = new FakeApi();
    api.account = { sessionId: TEST_ACCOUNT.sessionId, displayName: '' };
    api.failNextClear = new IpcError('internal', 'disk full');
    store = createStore(api);
    render(<Root store={store} />);
    await screen.findByTestId('onboarding-display-name-fallback');
    fireEvent.click(screen.getByTestId('onboarding-back'));
    expect((await screen.findByTestId('onboarding-error')).textContent).toBe(en.clearDataFailed.replace('{message}', 'disk full'));
    expect(screen.getByTestId('onboarding-display-name-fallback')).toBeTruthy();
    expect(api.account).not.toBeNull();
  });
});
