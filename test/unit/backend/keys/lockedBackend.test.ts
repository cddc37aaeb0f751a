// openBackend with an app password: the profile opens locked (only the pre-unlock methods answer), a
// wrong password is refused and counted, the right one opens the database; the recovery password needs
// the password; change and remove rewrap the key; Clear Device works from the lock screen.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openBackend, silentLogger, type Backend, type BackendOptions } from '../../../../ts/backend';
import { KEY_FILE } from '../../../../ts/backend/keys/keyFileFormat';
import type { PasswordStatus } from '../../../../ts/ipc/contract';
import { IpcError } from '../../../../ts/ipc/errors';
import { validateCall } from '../../../../ts/ipc/validate';

let dataDir: string;
let clock = 1_800_000_000_000;
const opened: Backend[] = [];
const open = async (o: Partial<BackendOptions> = {}) => {
  const b = await openBackend({
    dataDir,
    network: 'testnet',
    host: 'web',
    appVersion: '0.0.0-test',
    logger: silentLogger,
    engine: { startNetwork: false },
    now: () => clock,
    kdfLimits: { opsLimit: 1, memLimit: 64 * 1024 },
    ...o,
  });
  opened.push(b);
  return b;
};
const close = async (b: Backend) => {
  opened.splice(opened.indexOf(b), 1);
  await b.close();
};

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'locked-backend-'));
});
afterEach(async () => {
  for (const b of opened.splice(0)) await b.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('opens locked with a password, refuses wrong passwords with a growing wait, unlocks with the right one', async () => {
  const first = await open();
  expect(await first.handlers['password.status']({})).toEqual({ set: false, locked: false, protection: 'plain', failedAttempts: 0, retryAfterMs: 0 });
  const { mnemonic } = await first.handlers['account.create']({ displayName: 'Alice' });
  await first.handlers['settings.set']({ key: 'theme', value: 'ocean-light' });
  const events: PasswordStatus[] = [];
  first.on('password.changed', (s) => events.push(s));
  expect(await first.handlers['password.set']({ password: 'hunter22' })).toMatchObject({ set: true, locked: false, protection: 'password' });
  expect(events.at(-1)).toMatchObject({ set: true });
  await expect(first.handlers['password.set']({ password: 'another1' })).rejects.toMatchObject({ code: 'conflict' });
  // The recovery password now needs the password.
  await expect(first.handlers['account.getRecoveryPassword']({})).rejects.toMatchObject({ code: 'locked' });
  await expect(first.handlers['account.getRecoveryPassword']({ password: 'nope-nope' })).rejects.toMatchObject({ code: 'wrong_password', message: 'Incorrect password' });
  clock += 1000;
  expect(await first.handlers['account.getRecoveryPassword']({ password: 'hunter22' })).toEqual({ mnemonic });
  await close(first);

  const b = await open();
  expect(await b.handlers['password.status']({})).toEqual({ set: true, locked: true, protection: 'password', failedAttempts: 0, retryAfterMs: 0 });
  // Before unlock: info and the pre-unlock settings (the theme from prefs.json), nothing else.
  expect((await b.handlers['app.getInfo']({})).profile).toBe('default');
  expect((await b.handlers['settings.getAll']({})).theme).toBe('ocean-light');
  await expect(Promise.resolve().then(() => b.handlers['account.get']({}))).rejects.toMatchObject({ code: 'locked' });
  await expect(Promise.resolve().then(() => b.handlers['conversations.list']({}))).rejects.toBeInstanceOf(IpcError);
  await expect(b.handlers['password.unlock']({ password: 'wrong-one' })).rejects.toMatchObject({ code: 'wrong_password', message: 'Incorrect password' });
  expect(await b.handlers['password.status']({})).toMatchObject({ locked: true, failedAttempts: 1, retryAfterMs: 1000 });
  // Too soon after a wrong one: refused before any check, even with the right password.
  await expect(b.handlers['password.unlock']({ password: 'hunter22' })).rejects.toMatchObject({ code: 'locked', message: /Try again in 1 s/ });
  clock += 1000;
  const unlockedEvent = new Promise<PasswordStatus>((resolve) => b.on('password.changed', resolve));
  expect(await b.handlers['password.unlock']({ password: 'hunter22' })).toMatchObject({ locked: false, failedAttempts: 0 });
  expect((await unlockedEvent).locked).toBe(false);
  expect((await b.handlers['account.get']({}))?.displayName).toBe('Alice');

  // Change, then remove: the key file is rewrapped, the data stays.
  await expect(b.handlers['password.change']({ currentPassword: 'hunter2x', newPassword: 'new-pass' })).rejects.toMatchObject({
    code: 'wrong_password',
    message: 'Your current password is incorrect.',
  });
  clock += 1000;
  await b.handlers['password.change']({ currentPassword: 'hunter22', newPassword: 'new-pass' });
  await close(b);
  const c = await open();
  clock += 1000;
  await c.handlers['password.unlock']({ password: 'new-pass' });
  expect(await c.handlers['password.remove']({ currentPassword: 'new-pass' })).toMatchObject({ set: false, protection: 'plain' });
  expect(JSON.parse(fs.readFileSync(path.join(c.profileDir, KEY_FILE), 'utf8'))).toMatchObject({ protection: 'plain' });
  await close(c);
  const d = await open();
  expect((await d.handlers['account.get']({}))?.displayName).toBe('Alice');
});

it('clears a locked profile from the lock screen (this device only) and starts over without an account', async () => {
  const a = await open();
  await a.handlers['account.create']({ displayName: 'Bob' });
  await a.handlers['password.set']({ password: 'secret-1' });
  await close(a);
  const b = await open();
  await expect(b.handlers['data.clear']({ network: true })).rejects.toMatchObject({ code: 'locked' });
  const changed = new Promise<PasswordStatus>((resolve) => b.on('password.changed', resolve));
  await b.handlers['data.clear']({ network: false });
  expect(await changed).toMatchObject({ set: false, locked: false });
  expect(await b.handlers['account.get']({})).toBeNull();
  expect(JSON.parse(fs.readFileSync(path.join(b.profileDir, KEY_FILE), 'utf8'))).toMatchObject({ protection: 'plain' });
});

it('validates passwords with the rules of spec/ui.md §6.3', () => {
  expect(() => validateCall('password.set', { password: 'short' })).toThrow(/Password must be between 6 and 256 characters long/);
  expect(() => validateCall('password.set', { password: 'x'.repeat(257) })).toThrow(/between 6 and 256/);
  expect(() => validateCall('password.set', { password: 'pässword' })).toThrow(/Password must only contain letters, numbers and symbols/);
  expect(validateCall('password.set', { password: 'Abc 12!?' })).toEqual({ password: 'Abc 12!?' });
  expect(() => validateCall('password.unlock', { password: '' })).toThrow(/Enter your password/);
  expect(() => validateCall('password.unlock', { password: 'x', extra: 1 })).toThrow(/Invalid parameters/);
});

it('says why a password cannot be set when the keychain stopped answering, and changes nothing', async () => {
  let working = true;
  const keychain = {
    wrap: async (k: Uint8Array) => Uint8Array.from(k, (x) => x ^ 0x42),
    unwrap: async (w: Uint8Array) => {
      if (!working) throw new Error('keyring locked');
      return Uint8Array.from(w, (x) => x ^ 0x42);
    },
  };
  const b = await open({ keychain });
  const file = path.join(b.profileDir, KEY_FILE);
  const before = fs.readFileSync(file, 'utf8');
  working = false;
  await expect(b.handlers['password.set']({ password: 'secret-9' })).rejects.toMatchObject({ code: 'unavailable', message: /cannot be unlocked with this computer's keychain/ });
  expect(fs.readFileSync(file, 'utf8')).toBe(before);
  expect(await b.handlers['password.status']({})).toMatchObject({ set: false, protection: 'keychain' });
});
