import { IpcError } from '../../../ts/ipc/errors';
import { validateCall } from '../../../ts/ipc/validate';

function errorOf(fn: () => unknown): IpcError {
  try {
    fn();
  } catch (err) {
    if (err instanceof IpcError) return err;
    throw err;
  }
  throw new Error('expected an IpcError');
}

describe('validateCall', () => {
  it('returns the parsed params of a known method (missing params count as {})', () => {
    expect(validateCall('app.getInfo', undefined)).toEqual({});
    expect(validateCall('settings.set', { key: 'theme', value: 'ocean-dark' })).toEqual({ key: 'theme', value: 'ocean-dark' });
  });

  it('rejects an unknown method by name', () => {
    const e = errorOf(() => validateCall('settings.nuke', {}));
    expect(e.code).toBe('unknown_method');
    expect(e.message).toBe('Unknown method "settings.nuke".');
    expect(errorOf(() => validateCall(42, {})).message).toBe('Unknown method of type number.');
    expect(errorOf(() => validateCall('toString', {})).code).toBe('unknown_method'); // no prototype keys
  });

  it('rejects bad params listing what is wrong', () => {
    const extra = errorOf(() => validateCall('app.getInfo', { x: 1 }));
    expect(extra.code).toBe('invalid_params');
    expect(extra.message).toMatch(/^Invalid parameters for app.getInfo: params: Unrecognized key: "x"/);
    const badKey = errorOf(() => validateCall('settings.set', { key: 'nope', value: 1 }));
    expect(badKey.message).toMatch(/^Invalid parameters for settings.set: key: /);
    const badValue = errorOf(() => validateCall('settings.set', { key: 'zoomFactor', value: 'big' }));
    expect(badValue.message).toBe('Invalid parameters for settings.set: value: Invalid value for setting "zoomFactor".');
    expect(errorOf(() => validateCall('settings.getAll', 'x')).code).toBe('invalid_params');
  });
});
