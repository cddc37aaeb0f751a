// The settings duck against a fake API: load, optimistic change, rollback, events, reconnect.
import { IpcError } from '../../../ts/ipc/errors';
import { selectAppInfo } from '../../../ts/renderer/state/app';
import { selectSettingError, selectSettings, setSetting } from '../../../ts/renderer/state/settings';
import { createStore } from '../../../ts/renderer/state/store';
import { FakeApi, TEST_INFO } from './fakeApi';

async function loaded(api = new FakeApi()) {
  const store = createStore(api);
  await new Promise((r) => setTimeout(r, 0));
  return { api, store };
}

describe('renderer state', () => {
  it('loads app info and settings on creation', async () => {
    const { store } = await loaded();
    expect(selectAppInfo(store.getState())).toEqual(TEST_INFO);
    expect(selectSettings(store.getState())?.theme).toBe('classic-dark');
  });

  it('applies a change before the backend answers, then keeps the answer', async () => {
    const { api, store } = await loaded();
    let release = () => {};
    api.holdSets = new Promise<void>((r) => (release = r));
    const done = store.dispatch(setSetting({ key: 'readReceipts', value: true }));
    expect(selectSettings(store.getState())?.readReceipts).toBe(true);
    release();
    await done;
    expect(selectSettings(store.getState())?.readReceipts).toBe(true);
    expect(api.callsOf('settings.set')).toEqual([{ method: 'settings.set', params: { key: 'readReceipts', value: true } }]);
  });

  it('rolls back a refused change and keeps the error message', async () => {
    const { api, store } = await loaded();
    api.failNextSet = new IpcError('invalid_params', 'The database is read-only.');
    await store.dispatch(setSetting({ key: 'theme', value: 'ocean-light' }));
    expect(selectSettings(store.getState())?.theme).toBe('classic-dark');
    expect(selectSettingError(store.getState())).toEqual({ key: 'theme', message: 'The database is read-only.' });
  });

  it('rolls back to the newest confirmed value, not to the one before the change', async () => {
    const { api, store } = await loaded();
    let release = () => {};
    api.holdSets = new Promise<void>((r) => (release = r));
    api.failNextSet = new IpcError('internal', 'Something went wrong. Please try again.');
    const done = store.dispatch(setSetting({ key: 'zoomFactor', value: 1.5 }));
    // Another window changes the same setting while ours is in flight: ours still shows...
    api.emit('settings.changed', { key: 'zoomFactor', value: 1.2, settings: { ...api.settings, zoomFactor: 1.2 } });
    expect(selectSettings(store.getState())?.zoomFactor).toBe(1.5);
    release();
    await done;
    // ...until it is refused; then the other window's value remains.
    expect(selectSettings(store.getState())?.zoomFactor).toBe(1.2);
  });

  it('keeps a change in flight visible while an older answer or an event arrives', async () => {
    const { api, store } = await loaded();
    let releaseFirst = () => {};
    api.holdSets = new Promise<void>((r) => (releaseFirst = r));
    const first = store.dispatch(setSetting({ key: 'readReceipts', value: true }));
    let releaseSecond = () => {};
    api.holdSets = new Promise<void>((r) => (releaseSecond = r));
    const second = store.dispatch(setSetting({ key: 'typingIndicators', value: true }));
    api.emit('settings.changed', { key: 'accent', value: 'red', settings: { ...api.settings, accent: 'red' } });
    expect(selectSettings(store.getState())).toMatchObject({ readReceipts: true, typingIndicators: true, accent: 'red' });
    releaseFirst();
    await first;
    expect(selectSettings(store.getState())).toMatchObject({ readReceipts: true, typingIndicators: true });
    releaseSecond();
    await second;
    expect(selectSettings(store.getState())).toMatchObject({ readReceipts: true, typingIndicators: true });
    expect(store.getState().settings.pending).toEqual([]);
  });

  it('follows settings.changed events', async () => {
    const { api, store } = await loaded();
    const settings = { ...api.settings, accent: 'purple' as const };
    api.emit('settings.changed', { key: 'accent', value: 'purple', settings });
    expect(selectSettings(store.getState())?.accent).toBe('purple');
  });

  it('refetches app info and settings after a reconnect', async () => {
    const { api, store } = await loaded();
    api.settings = { ...api.settings, spellCheck: false };
    api.info = { ...api.info, version: '0.2.0' };
    api.reconnect();
    await new Promise((r) => setTimeout(r, 0));
    expect(api.callsOf('app.getInfo')).toHaveLength(2);
    expect(api.callsOf('settings.getAll')).toHaveLength(2);
    expect(selectSettings(store.getState())?.spellCheck).toBe(false);
    expect(selectAppInfo(store.getState())?.version).toBe('0.2.0');
  });

  it('drops its subscriptions on dispose', async () => {
    const { api, store } = await loaded();
    // Eleven events: the nine earlier ones, the peer typing (conversations.typing) and the app password's
    // lock state (password.changed).
    expect(api.listenerCount()).toBe(11);
    store.dispose();
    expect(api.listenerCount()).toBe(0);
  });
});
