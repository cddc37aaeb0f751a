// The backend on a worker thread: the same handlers, events, errors, prefs and profile lock as in-thread,
// a clean close, and a dead thread reported (never a hang). The worker is bundled from the current sources
// with esbuild first, as the build does, so the test never runs a stale build/workers/backend.js.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { openBackend, silentLogger } from '../../../../ts/backend';
import type { Logger } from '../../../../ts/backend/log';
import { LOCK_FILE } from '../../../../ts/backend/lock';
import { bundledBackendWorkerFile, openBackendThread, type ThreadedBackend } from '../../../../ts/backend/thread/threadedBackend';
import { EVENT_PART, eventParts } from '../../../../ts/backend/thread/wire';
import { IpcError } from '../../../../ts/ipc/errors';
import { startWebHost } from '../../../../ts/web/host';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
let bundleDir: string;
let workerFile: string;
let dataDir: string;
const open: ThreadedBackend[] = [];

beforeAll(async () => {
  // Inside the checkout, so the bundle's require()s find node_modules as build/workers/backend.js does.
  fs.mkdirSync(path.join(ROOT, 'build'), { recursive: true });
  bundleDir = fs.mkdtempSync(path.join(ROOT, 'build', '.test-backend-thread-'));
  workerFile = path.join(bundleDir, 'workers', 'backend.js');
  await build({
    entryPoints: [path.join(ROOT, 'ts/backend/thread/backendWorker.ts')],
    outfile: workerFile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    absWorkingDir: ROOT,
    logLevel: 'error',
  });
  // A worker that dies on its first `sync.pollNow` (before the backend sees it: this listener comes first),
  // the way an uncaught error in the engine would end it.
  fs.writeFileSync(
    path.join(bundleDir, 'workers', 'crashing.js'),
    `require('./backend.js');
require('node:worker_threads').parentPort.on('message', (m) => {
  if (m.t === 'call' && m.method === 'sync.pollNow') throw new Error('engine bug');
});
`,
  );
}, 60_000);

afterAll(() => fs.rmSync(bundleDir, { recursive: true, force: true }));

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-thread-'));
});
afterEach(async () => {
  for (const b of open.splice(0)) await b.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const options = (o: { profile?: string; logger?: Logger } = {}) => ({
  dataDir,
  network: 'testnet' as const,
  host: 'web' as const,
  appVersion: '0.0.0-test',
  logger: o.logger ?? silentLogger,
  engine: { startNetwork: false },
  ...(o.profile !== undefined ? { profile: o.profile } : {}),
});

async function start(o: Parameters<typeof options>[0] = {}, file = workerFile): Promise<ThreadedBackend> {
  const b = await openBackendThread(options(o), file);
  open.push(b);
  return b;
}

test('serves the contract from another thread: results, events, IpcErrors and prefs', async () => {
  const lines: string[] = [];
  const details: unknown[] = [];
  const logger: Logger = {
    debug: () => undefined,
    info: (m) => lines.push(m),
    warn: (m, d) => {
      lines.push(m);
      details.push(d);
    },
    error: (m) => lines.push(m),
  };
  const b = await start({ logger });
  expect(b.threadId).toBeGreaterThan(0);
  expect(b.profileDir).toBe(path.join(dataDir, 'testnet', 'default'));
  // The thread's log lines reach the host's logger.
  expect(lines.some((l) => l.startsWith('backend: opened testnet/default'))).toBe(true);

  const changed = new Promise<unknown>((resolve) => b.on('settings.changed', resolve));
  await b.handlers['settings.set']({ key: 'theme', value: 'ocean-dark' });
  expect(await changed).toMatchObject({ key: 'theme', value: 'ocean-dark' });
  expect((await b.handlers['settings.getAll']({})).theme).toBe('ocean-dark');
  // prefs.json follows the theme; the host's copy follows the thread's.
  await new Promise((r) => setTimeout(r, 50));
  expect(b.prefs.get().theme).toBe('ocean-dark');

  const account = await b.handlers['account.create']({ displayName: 'Thread' });
  expect(account.sessionId).toMatch(/^05[0-9a-f]{64}$/);
  // An IpcError thrown in the thread arrives as one, code and message intact.
  const again = b.handlers['account.create']({ displayName: 'Twice' });
  await expect(again).rejects.toBeInstanceOf(IpcError);
  await expect(again).rejects.toMatchObject({ code: 'conflict' });

  // The host's own lines go through the thread (so they reach the debug log too) and come back.
  b.log.warn('host line', new Error('with detail'));
  // Bytes passed by mistake cross as their length only, as the line logger prints them.
  b.log.warn('bytes line', new Uint8Array(32).fill(7));
  await new Promise((r) => setTimeout(r, 100));
  expect(lines).toContain('host line');
  expect(details.at(-2)).toBeInstanceOf(Error);
  expect((details.at(-2) as Error).message).toBe('with detail');
  expect(details.at(-1)).toBe('[32 bytes]');
});

test('holds the profile lock as this process: a second engine in the same process is refused', async () => {
  await start();
  await expect(openBackendThread(options(), workerFile)).rejects.toThrow(/already in use by this process/);
  await expect(openBackend(options())).rejects.toThrow(/already in use by this process/);
});

test('close flushes and closes in the thread, releases the lock, and later calls fail clearly', async () => {
  const b = await start();
  await b.close();
  expect(fs.existsSync(path.join(b.profileDir, LOCK_FILE))).toBe(false);
  await expect(b.handlers['settings.getAll']({})).rejects.toMatchObject({ code: 'unavailable' });
  const again = await openBackend(options());
  await again.close();
});

test('close({ drainMs }) waits in the thread for queued stores, logging it and telling the host, and closes at the deadline', async () => {
  const lines: string[] = [];
  const logger: Logger = { debug: () => undefined, info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) };
  const b = await start({ logger });
  await b.handlers['account.create']({ displayName: 'Quitter' });
  // No network in this test: the message and its sync copy stay queued.
  await b.handlers['messages.send']({ to: `05${'ab'.repeat(32)}`, text: 'still queued' });
  const started = Date.now();
  // The host's progress listener hears the worker's wait across the thread (the app shows it in its window).
  const progress: Array<[pending: number, elapsedMs: number, at: number]> = [];
  await b.close({ drainMs: 300, onProgress: (pending, elapsedMs) => progress.push([pending, elapsedMs, lines.length]) });
  expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  expect(progress.length).toBeGreaterThanOrEqual(1);
  for (const [pending, elapsedMs] of progress) {
    expect(pending).toBeGreaterThanOrEqual(1);
    expect(elapsedMs).toBeGreaterThanOrEqual(0);
    expect(elapsedMs).toBeLessThanOrEqual(300);
  }
  // The same count the log announced, and heard before the profile was closed.
  const announced = Number(/for (\d+) queued/.exec(lines.find((l) => l.startsWith('shutdown: waiting')) ?? '')?.[1]);
  expect(progress[0]![0]).toBe(announced);
  expect(progress.at(-1)![2]).toBeLessThanOrEqual(lines.findIndex((l) => l.startsWith('backend: closed')));
  expect(lines.find((l) => l.startsWith('shutdown: waiting up to 0.3 s for'))).toMatch(/for [1-9]\d* queued store\(s\)/);
  expect(lines.some((l) => /^shutdown: [1-9]\d* queued store\(s\) not confirmed within 0.3 s; they stay queued/.test(l))).toBe(true);
  expect(lines.findIndex((l) => l.startsWith('shutdown: waiting'))).toBeLessThan(lines.findIndex((l) => l.startsWith('backend: closed')));
  expect(fs.existsSync(path.join(b.profileDir, LOCK_FILE))).toBe(false);
});

test('a dead thread fails pending and later calls with a clear error, tells the host, and frees the profile', async () => {
  const errors: string[] = [];
  const logger: Logger = { ...silentLogger, error: (m) => errors.push(m) };
  const b = await start({ logger }, path.join(bundleDir, 'workers', 'crashing.js'));
  const crashed = new Promise<Error>((resolve) => b.onCrash(resolve));
  await expect(b.handlers['sync.pollNow']({})).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/stopped unexpectedly/) });
  expect((await crashed).message).toMatch(/exited unexpectedly/);
  await expect(b.handlers['settings.getAll']({})).rejects.toMatchObject({ code: 'unavailable' });
  expect(errors.some((m) => m.includes('engine thread'))).toBe(true);
  // Its lock named this (living) process: released, so the profile opens again.
  const again = await openBackendThread(options(), workerFile);
  open.push(again);
  expect((await again.handlers['settings.getAll']({})).theme).toBeDefined();
});

test('reports an open failure as openBackend would (an unknown profile name)', async () => {
  await expect(openBackendThread({ ...options(), profile: '../escape' }, workerFile)).rejects.toThrow(/profile/i);
});

test('finds the bundled worker beside a host bundle, unpacked from app.asar, or in the checkout build', () => {
  const sep = path.sep;
  const asarMain = `${sep}app${sep}resources${sep}app.asar${sep}build${sep}main`;
  const unpacked = `${sep}app${sep}resources${sep}app.asar.unpacked${sep}build${sep}workers${sep}backend.js`;
  expect(bundledBackendWorkerFile(asarMain, (f) => f === unpacked)).toBe(unpacked);
  expect(bundledBackendWorkerFile(`${sep}x${sep}build${sep}web`, (f) => f === `${sep}x${sep}build${sep}workers${sep}backend.js`)).toBe(`${sep}x${sep}build${sep}workers${sep}backend.js`);
  expect(bundledBackendWorkerFile(`${sep}x${sep}build${sep}web`, () => false)).toBeUndefined();
});

test('the web host runs its backend on the worker thread and still serves it', async () => {
  const staticDir = path.join(dataDir, 'static');
  fs.mkdirSync(staticDir, { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<html><body><script src="renderer.js"></script></body></html>');
  const h = await startWebHost({ dataDir, staticDir, network: 'testnet', logger: silentLogger, engine: { startNetwork: false }, backendWorkerFile: workerFile });
  try {
    expect(h.backendThread).toBe('worker');
    expect((await h.backend.handlers['app.getInfo']({})).network).toBe('testnet');
  } finally {
    await h.stop();
  }
  expect(fs.existsSync(path.join(h.backend.profileDir, LOCK_FILE))).toBe(false);
  // A clock the test controls cannot cross a thread: that host keeps the backend in its own thread.
  const inThread = await startWebHost({ dataDir, staticDir, network: 'testnet', logger: silentLogger, engine: { startNetwork: false }, backendWorkerFile: workerFile, now: () => 1_780_000_000_000 });
  expect(inThread.backendThread).toBe('main');
  await inThread.stop();
});

test('a catch-up batch crosses in parts of EVENT_PART, in order; small events and other events as they are', () => {
  const messages = Array.from({ length: EVENT_PART * 2 + 3 }, (_, i) => ({ id: `m${i}` }));
  const parts = eventParts('messages.added', { messages }) as { messages: { id: string }[] }[];
  expect(parts.map((p) => p.messages.length)).toEqual([EVENT_PART, EVENT_PART, 3]);
  expect(parts.flatMap((p) => p.messages)).toEqual(messages);
  const small = { messages: messages.slice(0, 3) };
  expect(eventParts('messages.added', small)).toEqual([small]);
  const removed = { conversationId: 'c', ids: messages.map((m) => m.id) };
  expect(eventParts('messages.removed', removed)).toEqual([removed]);
});

test("asks the host's keychain from the thread, and unlocks an app password there", async () => {
  const calls: string[] = [];
  const keychain = {
    wrap: async (k: Uint8Array) => (calls.push('wrap'), Uint8Array.from([7, ...k.map((x) => x ^ 0x33)])),
    unwrap: async (w: Uint8Array) => {
      calls.push('unwrap');
      if (w[0] !== 7) throw new Error('not ours');
      return Uint8Array.from(w.subarray(1), (x) => x ^ 0x33);
    },
  };
  const kdfLimits = { opsLimit: 1, memLimit: 64 * 1024 };
  const b = await openBackendThread({ ...options(), keychain, kdfLimits }, workerFile);
  open.push(b);
  expect(await b.handlers['password.status']({})).toMatchObject({ protection: 'keychain', locked: false });
  expect(calls).toEqual(['wrap', 'unwrap']); // wrapped, then read back before the file was written
  await b.handlers['account.create']({ displayName: 'Keyed' });
  await b.handlers['password.set']({ password: 'thread-pw' });
  await open.splice(0)[0]!.close();
  // Without the keychain, a keychain-wrapped key would be refused; with a password it opens locked.
  const again = await openBackendThread({ ...options(), kdfLimits }, workerFile);
  open.push(again);
  expect(await again.handlers['password.status']({})).toMatchObject({ set: true, locked: true });
  await expect(again.handlers['account.get']({})).rejects.toMatchObject({ code: 'locked' });
  await expect(again.handlers['password.unlock']({ password: 'wrong-pw' })).rejects.toMatchObject({ code: 'wrong_password' });
  await new Promise((r) => setTimeout(r, 1_050));
  await again.handlers['password.unlock']({ password: 'thread-pw' });
  expect((await again.handlers['account.get']({}))?.displayName).toBe('Keyed');
  // Removing it goes back to the keychain when the host has one, else to the plain file.
  expect(await again.handlers['password.remove']({ currentPassword: 'thread-pw' })).toMatchObject({ set: false, protection: 'plain' });
  await open.splice(0)[0]!.close();
  const keyed = await openBackendThread({ ...options(), keychain }, workerFile);
  open.push(keyed);
  expect(await keyed.handlers['password.status']({})).toMatchObject({ protection: 'keychain' });
  await open.splice(0)[0]!.close();
  await expect(openBackendThread(options(), workerFile)).rejects.toThrow(/protected by the OS keychain/);
});
