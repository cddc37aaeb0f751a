import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import Database from 'better-sqlite3-multiple-ciphers';
import { DATABASE_FILE, ProfileLockedError, openBackend } from '../../../ts/backend';
import type { Backend, BackendOptions } from '../../../ts/backend';
import { KEY_FILE } from '../../../ts/backend/keyFile';
import { LOCK_FILE } from '../../../ts/backend/lock';
import type { Logger } from '../../../ts/backend/log';
import { PREFS_FILE } from '../../../ts/backend/prefs';
import type { EventPayloads } from '../../../ts/ipc/contract';

const ROOT = path.resolve(__dirname, '../../..');
const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };

describe('openBackend', () => {
  let dataDir: string;
  const open: Backend[] = [];
  const openB = async (o: Partial<BackendOptions> = {}) => {
    const b = await openBackend({ dataDir, host: 'web', appVersion: '1.2.3', logger: quiet, ...o });
    open.push(b);
    return b;
  };
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-'));
  });
  afterEach(async () => {
    for (const b of open.splice(0)) await b.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('lays out the profile folder per network and profile', async () => {
    const main = await openB();
    const test = await openB({ network: 'testnet', profile: 'bob' });
    const custom = await openB({ seedUrl: 'http://127.0.0.1:4000' });
    const hash = createHash('sha256').update('http://127.0.0.1:4000/').digest('hex').slice(0, 8);
    expect(main.profileDir).toBe(path.join(dataDir, 'mainnet', 'default'));
    expect(test.profileDir).toBe(path.join(dataDir, 'testnet', 'bob'));
    expect(custom.profileDir).toBe(path.join(dataDir, `custom-${hash}`, 'default'));
    expect(fs.readdirSync(main.profileDir).sort()).toEqual(
      expect.arrayContaining([DATABASE_FILE, KEY_FILE, LOCK_FILE, PREFS_FILE]),
    );
    expect(await custom.handlers['app.getInfo']({})).toEqual({
      name: 'Session TS',
      version: '1.2.3',
      network: 'custom',
      seedUrl: 'http://127.0.0.1:4000/',
      dataDir: custom.profileDir,
      profile: 'default',
      platform: process.platform,
      host: 'web',
    });
  });

  it('writes the key file with mode 0600 and encrypts the database on disk', async () => {
    const b = await openB();
    await b.handlers['settings.set']({ key: 'theme', value: 'ocean-dark' });
    const dir = b.profileDir;
    await b.close();
    const keyFile = path.join(dir, KEY_FILE);
    if (process.platform !== 'win32') expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const dbFile = path.join(dir, DATABASE_FILE);
    const header = fs.readFileSync(dbFile).subarray(0, 16);
    expect(header.equals(Buffer.from('SQLite format 3\0', 'latin1'))).toBe(false);
    // Without the key: not a database.
    const plain = new Database(dbFile);
    expect(() => plain.prepare('SELECT * FROM settings').all()).toThrow(/file is not a database/);
    plain.close();
    // With the key (a plain key record on a host without keychain; SQLCipher v4 settings): readable.
    const record = JSON.parse(fs.readFileSync(keyFile, 'utf8')) as { version: number; protection: string; key: string };
    expect(record).toMatchObject({ version: 1, protection: 'plain' });
    const keyHex = record.key;
    const keyed = new Database(dbFile);
    keyed.pragma(`cipher='sqlcipher'`);
    keyed.pragma('legacy=4');
    keyed.pragma(`key="x'${keyHex}'"`);
    expect(keyed.prepare('SELECT value FROM settings WHERE key = ?').get('theme')).toEqual({ value: '"ocean-dark"' });
    keyed.close();
  });

  it('refuses a second engine on the same profile in the same process, naming the holder', async () => {
    await openB();
    const second = openB({ host: 'cli' });
    await expect(second).rejects.toBeInstanceOf(ProfileLockedError);
    await expect(openB({ host: 'cli' })).rejects.toThrow(`already in use by this process (pid ${process.pid}, web)`);
    // Another profile in the same process is fine (Alice and Bob).
    await expect(openB({ profile: 'bob' })).resolves.toBeDefined();
  });

  it('releases the lock on close and takes over a stale lock of a dead pid', async () => {
    const b = await openB();
    const dir = b.profileDir;
    await b.close();
    await b.close(); // idempotent
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 12345, host: 'electron', since: 0 }));
    const again = await openB();
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, host: 'web' });
    await again.close();
    // Our own pid from an earlier process (pid reuse after a crash) is stale too.
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: process.pid, host: 'web', since: 0, processStart: 1 }));
    await expect(openB()).resolves.toBeDefined();
  });

  it('explains a data folder that cannot be created', async () => {
    fs.writeFileSync(path.join(dataDir, 'file'), '');
    await expect(openB({ dataDir: path.join(dataDir, 'file') })).rejects.toThrow(/profile folder .* cannot be created \(ENOTDIR\)/);
  });

  it('refuses a profile held by another process', async () => {
    const bundle = path.join(dataDir, 'holdProfile.js');
    await build({
      entryPoints: [path.join(__dirname, 'holdProfile.ts')],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      packages: 'external',
      logLevel: 'error',
    });
    const child = spawn(process.execPath, [bundle, dataDir], {
      env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    try {
      const first = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString())));
      expect(first).toBe('ready\n');
      await expect(openB()).rejects.toThrow(`already in use by the session-cli with pid ${child.pid}`);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.end();
      await exited;
    }
    // The child released the lock on its way out.
    await expect(openB()).resolves.toBeDefined();
  });

  it('persists settings across close and reopen, mirrors pre-unlock keys and emits settings.changed', async () => {
    const b = await openB();
    const seen: EventPayloads['settings.changed'][] = [];
    b.on('settings.changed', (p) => seen.push(p));
    const all = await b.handlers['settings.set']({ key: 'zoomFactor', value: 1.25 });
    await b.handlers['settings.set']({ key: 'readReceipts', value: true });
    expect(all.zoomFactor).toBe(1.25);
    expect(seen.map((e) => [e.key, e.value])).toEqual([
      ['zoomFactor', 1.25],
      ['readReceipts', true],
    ]);
    expect(seen[1]!.settings.zoomFactor).toBe(1.25);
    const prefs = JSON.parse(fs.readFileSync(path.join(b.profileDir, PREFS_FILE), 'utf8')) as Record<string, unknown>;
    expect(prefs.zoomFactor).toBe(1.25);
    expect(prefs).not.toHaveProperty('readReceipts');
    await b.close();
    const reopened = await openB();
    const s = await reopened.handlers['settings.getAll']({});
    expect([s.zoomFactor, s.readReceipts, s.theme]).toEqual([1.25, true, 'classic-dark']);
    expect(reopened.prefs.get().zoomFactor).toBe(1.25);
  });

  it('rejects a bad setting value with a clear message', async () => {
    const b = await openB();
    expect(() => b.handlers['settings.set']({ key: 'zoomFactor', value: 9 })).toThrow('Invalid value for setting "zoomFactor".');
  });

  it('refuses to open when the key file is missing for an existing database', async () => {
    const b = await openB();
    const dir = b.profileDir;
    await b.close();
    fs.rmSync(path.join(dir, KEY_FILE));
    await expect(openB()).rejects.toThrow(/key file .* is missing/);
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false); // lock released on failure
  });

  it('refuses to open when the key file cannot be read', async () => {
    const b = await openB();
    const dir = b.profileDir;
    await b.close();
    // A folder in its place fails to read even for root (a chmod 000 file would not).
    fs.rmSync(path.join(dir, KEY_FILE));
    fs.mkdirSync(path.join(dir, KEY_FILE));
    await expect(openB()).rejects.toThrow(/key file .* cannot be read \(EISDIR\)/);
  });
});
