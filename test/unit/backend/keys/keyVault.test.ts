// The key vault on real files in a temp folder, real libsodium (argon2id on its worker thread, with small
// limits) and the real SQLCipher open code: formats, in-place migration, keychain and password wraps, the
// database unopenable with the key file alone, wrong passwords refused (and counted across restarts),
// rewraps that keep the database readable.
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEncryptedDatabase } from '../../../../ts/backend/db/database';
import { loadOrCreateDatabaseKey } from '../../../../ts/backend/keyFile';
import { KEY_FILE, parseKeyFile, type KeyFileContent } from '../../../../ts/backend/keys/keyFileFormat';
import {
  ATTEMPTS_FILE,
  PasswordStateError,
  PasswordThrottledError,
  WrongPasswordError,
  createKeyVault,
  retryDelayMs,
  type Keychain,
  type KeyVaultDeps,
} from '../../../../ts/backend/keys/keyVault';
import { silentLogger } from '../../../../ts/backend/log';
import { loadProtocol } from '../../../../ts/protocol';

const SMALL = { opsLimit: 1, memLimit: 64 * 1024 };
const random = (n: number) => new Uint8Array(nodeRandomBytes(n));

/** A stand-in for safeStorage: XOR with a per-"machine" pad plus a tag, so another machine cannot unwrap. */
function fakeKeychain(machine: number): Keychain & { calls: number } {
  const k = {
    calls: 0,
    async wrap(key: Uint8Array) {
      k.calls++;
      return Uint8Array.from([machine, ...key.map((b) => b ^ 0x5a ^ machine)]);
    },
    async unwrap(w: Uint8Array) {
      k.calls++;
      if (w[0] !== machine) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Uint8Array.from(w.subarray(1), (b) => b ^ 0x5a ^ machine);
    },
  };
  return k;
}

let dir: string;
let clock: number;
const vault = (o: Partial<KeyVaultDeps> = {}) =>
  createKeyVault({ profileDir: dir, randomBytes: random, now: () => clock, log: silentLogger, kdfLimits: SMALL, ...o });
const fileContent = (): KeyFileContent => parseKeyFile(fs.readFileSync(path.join(dir, KEY_FILE), 'utf8'), 'db.key').content;
const dbFile = () => path.join(dir, 'session.db');

function makeDatabase(key: Uint8Array): void {
  const db = openEncryptedDatabase(dbFile(), key);
  db.exec("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('kept')");
  db.close();
}
function readDatabase(key: Uint8Array): string {
  const db = openEncryptedDatabase(dbFile(), key);
  try {
    return (db.prepare('SELECT x FROM t').get() as { x: string }).x;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  await loadProtocol();
});
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyvault-'));
  clock = 1_000_000;
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

it('creates a plain 0600 key record for a new profile without a keychain', async () => {
  const key = await vault().open(false);
  expect(key).toHaveLength(32);
  const c = fileContent();
  expect(c.protection).toBe('plain');
  expect(JSON.parse(fs.readFileSync(path.join(dir, KEY_FILE), 'utf8'))).toMatchObject({ version: 1, protection: 'plain' });
  if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
  // The tools' reader sees the same key.
  expect(loadOrCreateDatabaseKey(dir, { databaseExists: true, randomBytes: random })).toEqual(key);
  // A missing key for an existing database is refused, never replaced.
  fs.rmSync(path.join(dir, KEY_FILE));
  await expect(vault().open(true)).rejects.toThrow(/missing/);
  expect(fs.existsSync(path.join(dir, KEY_FILE))).toBe(false);
});

it('migrates an old hex key file in place (and into the keychain when there is one), the database still readable', async () => {
  const key = random(32);
  makeDatabase(key);
  fs.writeFileSync(path.join(dir, KEY_FILE), Buffer.from(key).toString('hex') + '\n', { mode: 0o600 });
  expect(await vault().open(true)).toEqual(key);
  expect(fileContent()).toEqual({ protection: 'plain', key });
  // Electron with a keychain moves the plain key into it; the file alone no longer holds the key.
  const chain = fakeKeychain(1);
  expect(await vault({ keychain: chain }).open(true)).toEqual(key);
  const c = fileContent();
  expect(c.protection).toBe('keychain');
  expect(fs.readFileSync(path.join(dir, KEY_FILE), 'utf8')).not.toContain(Buffer.from(key).toString('hex'));
  expect(readDatabase((await vault({ keychain: chain }).open(true))!)).toBe('kept');
  // No stray temporary files are left.
  expect(fs.readdirSync(dir).sort()).toEqual([KEY_FILE, 'session.db']);
});

it('refuses a keychain-wrapped key without the keychain or on another machine, leaving the file alone', async () => {
  const key = await vault({ keychain: fakeKeychain(1) }).open(false);
  makeDatabase(key!);
  const before = fs.readFileSync(path.join(dir, KEY_FILE));
  await expect(vault().open(true)).rejects.toThrow(/protected by the OS keychain/);
  await expect(vault({ keychain: fakeKeychain(2) }).open(true)).rejects.toThrow(/cannot be unlocked with this computer's keychain/);
  expect(fs.readFileSync(path.join(dir, KEY_FILE))).toEqual(before);
  // The key file alone does not open the database: whatever 32 bytes one reads from it, SQLCipher refuses.
  const wrapped = (fileContent() as { wrapped: Uint8Array }).wrapped;
  expect(() => openEncryptedDatabase(dbFile(), wrapped.subarray(1, 33))).toThrow(/cannot be opened with this profile's key/);
  expect(() => loadOrCreateDatabaseKey(dir, { databaseExists: true, randomBytes: random })).toThrow(/protected \(keychain\)/);
});

it('wraps the key with the app password: locked until the right password, the file alone useless', async () => {
  const chain = fakeKeychain(1);
  const v = vault({ keychain: chain });
  const key = (await v.open(false))!;
  makeDatabase(key);
  await v.setPassword('correct horse');
  const c = fileContent();
  expect(c.protection).toBe('password');
  if (c.protection !== 'password') throw new Error('unreachable');
  expect(c.kdf).toMatchObject({ algorithm: 'argon2id13', opsLimit: SMALL.opsLimit, memLimit: SMALL.memLimit });
  expect(() => openEncryptedDatabase(dbFile(), c.wrapped.subarray(0, 32))).toThrow(/cannot be opened/);

  // A restart: the vault needs the password (no keychain needed any more).
  const again = vault();
  expect(await again.open(true)).toBeUndefined();
  expect(again.protection()).toBe('password');
  const lockedFile = fs.readFileSync(path.join(dir, KEY_FILE), 'utf8');
  await expect(again.unlock('wrong horse')).rejects.toBeInstanceOf(WrongPasswordError);
  expect(fs.readFileSync(path.join(dir, KEY_FILE), 'utf8')).toBe(lockedFile);
  expect(again.attempts()).toEqual({ failedAttempts: 1, retryAfterMs: 1000 });
  // Too soon: refused without trying.
  await expect(again.unlock('correct horse')).rejects.toBeInstanceOf(PasswordThrottledError);
  clock += 1000;
  const unlocked = await again.unlock('correct horse');
  expect(unlocked).toEqual(key);
  expect(readDatabase(unlocked)).toBe('kept');
  expect(again.attempts()).toEqual({ failedAttempts: 0, retryAfterMs: 0 });
  expect(fs.existsSync(path.join(dir, ATTEMPTS_FILE))).toBe(false);
  await expect(again.setPassword('another')).rejects.toBeInstanceOf(PasswordStateError);
});

it('counts wrong passwords across restarts with a doubling delay', async () => {
  const v = vault();
  await v.open(false);
  await v.setPassword('secret1');
  for (let i = 1; i <= 3; i++) {
    const fresh = vault(); // a restart each time: the count survives in the profile folder
    await fresh.open(true);
    await expect(fresh.unlock('nope')).rejects.toMatchObject({ failedAttempts: i, retryAfterMs: retryDelayMs(i) });
    clock += retryDelayMs(i);
  }
  expect([1, 2, 3, 4, 20].map(retryDelayMs)).toEqual([1000, 2000, 4000, 8000, 300_000]);
  const fresh = vault();
  await fresh.open(true);
  expect(fresh.attempts()).toEqual({ failedAttempts: 3, retryAfterMs: 0 });
  // A damaged counter does not reset the delay.
  fs.writeFileSync(path.join(dir, ATTEMPTS_FILE), 'garbage');
  expect(fresh.attempts().retryAfterMs).toBeGreaterThan(0);
});

it('changes and removes the password by rewrapping the key only; the database stays readable', async () => {
  const v = vault();
  const key = (await v.open(false))!;
  makeDatabase(key);
  const dbBefore = fs.readFileSync(dbFile());
  await v.setPassword('first pw');
  await expect(v.changePassword('not it', 'second pw')).rejects.toBeInstanceOf(WrongPasswordError);
  clock += 1000;
  await v.changePassword('first pw', 'second pw');
  const after = vault();
  await after.open(true);
  await expect(after.unlock('first pw')).rejects.toBeInstanceOf(WrongPasswordError);
  clock += 1000;
  expect(readDatabase(await after.unlock('second pw'))).toBe('kept');
  // Removing it without a keychain stores the key plain again; with one, in the keychain.
  const chain = fakeKeychain(3);
  const withChain = vault({ keychain: chain });
  await withChain.open(true);
  await withChain.removePassword('second pw');
  expect(fileContent().protection).toBe('keychain');
  expect(readDatabase((await vault({ keychain: chain }).open(true))!)).toBe('kept');
  // The database file itself was never rewritten by any of this.
  expect(fs.readFileSync(dbFile())).toEqual(dbBefore);
  await expect(withChain.removePassword('second pw')).rejects.toBeInstanceOf(PasswordStateError);
});

it('refuses corrupt, unknown-version and hostile key files with a clear error', async () => {
  const write = (s: string) => fs.writeFileSync(path.join(dir, KEY_FILE), s);
  write('not a key');
  await expect(vault().open(true)).rejects.toThrow(/corrupt/);
  write(JSON.stringify({ version: 9, protection: 'plain', key: '00'.repeat(32) }));
  await expect(vault().open(true)).rejects.toThrow(/format version 9/);
  write(JSON.stringify({ protection: 'plain', key: '00'.repeat(32) }));
  await expect(vault().open(true)).rejects.toThrow(/corrupt \(version: missing\)/);
  write(JSON.stringify({ version: 1, protection: 'plain', key: '00'.repeat(32), extra: true }));
  await expect(vault().open(true)).rejects.toThrow(/corrupt \(extra: unexpected field\)/);
  write(JSON.stringify({ version: 1, protection: 'keychain', wrapped: 'not base64!' }));
  await expect(vault().open(true)).rejects.toThrow(/corrupt \(wrapped: not base64\)/);
  write(JSON.stringify({ version: 1, protection: 'magic' }));
  await expect(vault().open(true)).rejects.toThrow(/corrupt \(protection: expected plain, keychain or password\)/);
  write('[]');
  await expect(vault().open(true)).rejects.toThrow(/corrupt \(not a key record\)/);
  // A KDF cost far above the bounds (4 GiB of memory) is refused before anything is derived.
  write(
    JSON.stringify({
      version: 1,
      protection: 'password',
      kdf: { algorithm: 'argon2id13', salt: Buffer.alloc(16).toString('base64'), opsLimit: 3, memLimit: 4 * 1024 ** 3 },
      cipher: 'xchacha20poly1305-ietf',
      nonce: Buffer.alloc(24).toString('base64'),
      wrapped: Buffer.alloc(48).toString('base64'),
    }),
  );
  await expect(vault().open(true)).rejects.toThrow(/corrupt \(kdf.memLimit/);
});
