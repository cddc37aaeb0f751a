import { createHash } from 'node:crypto';
import path from 'node:path';
import { resolveDataRoot, resolveNetwork, resolveProfileDir } from '../../../ts/backend/dataDir';

describe('resolveDataRoot', () => {
  it('follows each OS convention', () => {
    expect(resolveDataRoot({ platform: 'linux', env: {}, homedir: '/home/a' })).toBe('/home/a/.config/session-ts');
    expect(resolveDataRoot({ platform: 'linux', env: { XDG_CONFIG_HOME: '/xdg' }, homedir: '/home/a' })).toBe('/xdg/session-ts');
    expect(resolveDataRoot({ platform: 'linux', env: { XDG_CONFIG_HOME: 'rel' }, homedir: '/home/a' })).toBe('/home/a/.config/session-ts');
    expect(resolveDataRoot({ platform: 'darwin', env: {}, homedir: '/Users/a' })).toBe('/Users/a/Library/Application Support/session-ts');
    expect(resolveDataRoot({ platform: 'win32', env: { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, homedir: 'C:\\Users\\a' })).toBe(
      'C:\\Users\\a\\AppData\\Roaming\\session-ts',
    );
  });
});

describe('resolveNetwork / resolveProfileDir', () => {
  it('names the folder after the network, or the seed URL hash for a custom network', () => {
    expect(resolveNetwork({})).toEqual({ network: 'mainnet', folder: 'mainnet' });
    expect(resolveNetwork({ network: 'testnet' })).toEqual({ network: 'testnet', folder: 'testnet' });
    const seed = 'http://127.0.0.1:4000/';
    const hash = createHash('sha256').update(seed).digest('hex').slice(0, 8);
    expect(resolveNetwork({ seedUrl: 'http://127.0.0.1:4000' })).toEqual({ network: 'custom', seedUrl: seed, folder: `custom-${hash}` });
  });

  it('puts the profile under the network folder and validates its name', () => {
    expect(resolveProfileDir('/data', 'testnet')).toBe(path.join('/data', 'testnet', 'default'));
    expect(resolveProfileDir('/data', 'mainnet', 'bob')).toBe(path.join('/data', 'mainnet', 'bob'));
    expect(() => resolveProfileDir('/data', 'mainnet', '../etc')).toThrow(/Invalid profile name/);
  });
});
