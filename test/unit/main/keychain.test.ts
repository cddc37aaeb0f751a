// The database key's keychain in Electron main: safeStorage only where a real keychain backs it (on Linux
// 'basic_text' is Chromium's hard-coded key: no keychain), wrapping and unwrapping the key as the vault
// needs it; a key file from another machine is refused by the real vault and left untouched.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { keychainFromSafeStorage, keychainProblem } from '../../../main/keychain';
import { createKeyVault } from '../../../ts/backend/keys/keyVault';
import { KEY_FILE } from '../../../ts/backend/keys/keyFileFormat';
import type { Logger } from '../../../ts/backend/log';
import { createFakeSafeStorage } from './fakeElectron';

const lines: string[] = [];
const log: Logger = { debug: () => undefined, info: () => undefined, warn: (m) => lines.push(m), error: (m) => lines.push(m) };
beforeEach(() => lines.splice(0));

it("treats Linux's hard-coded fallback key and an unknown backend as no keychain, and says so", () => {
  for (const backend of ['basic_text', 'unknown']) {
    expect(keychainFromSafeStorage(createFakeSafeStorage(backend), 'linux', log)).toBeUndefined();
  }
  expect(lines[0]).toMatch(/not using the OS keychain: no secret service .* \(basic_text\).*0600 file/);
  for (const backend of ['gnome_libsecret', 'kwallet5', 'kwallet6']) expect(keychainProblem(createFakeSafeStorage(backend), 'linux')).toBeUndefined();
  // macOS and Windows have no backend choice: available means the Keychain / DPAPI.
  const mac = createFakeSafeStorage('basic_text');
  expect(keychainProblem(mac, 'darwin')).toBeUndefined();
  mac.available = false;
  expect(keychainProblem(mac, 'darwin')).toMatch(/safeStorage unavailable/);
  expect(keychainFromSafeStorage(mac, 'win32', log)).toBeUndefined();
});

it('wraps the database key with safeStorage; another machine cannot unwrap it and the profile is refused, not replaced', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keychain-'));
  try {
    const storage = createFakeSafeStorage('gnome_libsecret', 1);
    const keychain = keychainFromSafeStorage(storage, 'linux', log)!;
    const deps = { profileDir: dir, randomBytes: (n: number) => new Uint8Array(n).fill(9), now: () => 0, log };
    const key = await createKeyVault({ ...deps, keychain }).open(false);
    expect(storage.encryptString).toHaveBeenCalledWith('09'.repeat(32));
    const file = fs.readFileSync(path.join(dir, KEY_FILE), 'utf8');
    expect(JSON.parse(file)).toMatchObject({ version: 1, protection: 'keychain' });
    expect(file).not.toContain('09'.repeat(32));
    expect(await createKeyVault({ ...deps, keychain }).open(true)).toEqual(key);
    const elsewhere = keychainFromSafeStorage(createFakeSafeStorage('kwallet6', 2), 'linux', log)!;
    await expect(createKeyVault({ ...deps, keychain: elsewhere }).open(true)).rejects.toThrow(/cannot be unlocked with this computer's keychain.*left untouched/);
    expect(fs.readFileSync(path.join(dir, KEY_FILE), 'utf8')).toBe(file);
    // A keychain answer that is not a key is refused too.
    storage.decryptString.mockReturnValueOnce('not hex');
    await expect(createKeyVault({ ...deps, keychain }).open(true)).rejects.toThrow(/cannot be unlocked/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
