import type { BackendHandlers } from '../../../ts/ipc/contract';
import { DEFAULT_SETTINGS } from '../../../ts/ipc/contract';
import { createDispatcher } from '../../../ts/ipc/dispatch';
import { IpcError } from '../../../ts/ipc/errors';
import { fakeHandlers } from './fakeHandlers';

const info = { name: 'n', version: 'v', network: 'mainnet' as const, dataDir: '/d', profile: 'default', platform: 'linux', host: 'web' as const };

function handlers(overrides: Partial<BackendHandlers> = {}): BackendHandlers {
  return fakeHandlers({
    'app.getInfo': () => info,
    'settings.getAll': async () => DEFAULT_SETTINGS,
    'settings.set': ({ key, value }) => ({ ...DEFAULT_SETTINGS, [key]: value }),
    ...overrides,
  });
}

describe('createDispatcher', () => {
  it('validates, then calls sync and async handlers', async () => {
    const d = createDispatcher(handlers());
    await expect(d('app.getInfo', {})).resolves.toEqual({ ok: true, result: info });
    await expect(d('settings.getAll', undefined)).resolves.toEqual({ ok: true, result: DEFAULT_SETTINGS });
  });

  it('answers validation failures without calling the handler', async () => {
    const set = jest.fn();
    const d = createDispatcher(handlers({ 'settings.set': set }));
    await expect(d('nope', {})).resolves.toEqual({ ok: false, error: { code: 'unknown_method', message: 'Unknown method "nope".' } });
    const r = await d('settings.set', { key: 'theme', value: 'pink' });
    expect(r).toEqual({ ok: false, error: { code: 'invalid_params', message: expect.stringContaining('Invalid value for setting "theme"') } });
    expect(set).not.toHaveBeenCalled();
  });

  it('never throws: IpcErrors pass through, anything else becomes internal with the detail logged only', async () => {
    const logged: unknown[] = [];
    const d = createDispatcher(
      handlers({
        'app.getInfo': () => {
          throw new IpcError('locked', 'The profile is locked.', 'dev detail');
        },
        'settings.getAll': () => {
          throw new TypeError('secret path /x/y');
        },
        'settings.set': () => Promise.reject('a string'),
      }),
      {
        onInternalError: (m, e) => {
          logged.push([m, e]);
          throw new Error('logger broke');
        },
      },
    );
    await expect(d('app.getInfo', {})).resolves.toEqual({ ok: false, error: { code: 'locked', message: 'The profile is locked.', detail: 'dev detail' } });
    const internal = await d('settings.getAll', {});
    expect(internal).toEqual({ ok: false, error: { code: 'internal', message: 'Something went wrong. Please try again.' } });
    expect(JSON.stringify(internal)).not.toContain('secret');
    await expect(d('settings.set', { key: 'theme', value: 'ocean-dark' })).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logged).toEqual([
      ['settings.getAll', new TypeError('secret path /x/y')],
      ['settings.set', 'a string'],
    ]);
  });
});
