import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { LOCK_FILE } from '../../../ts/backend/lock';
import { openBackend, silentLogger } from '../../../ts/backend';

const ROOT = path.resolve(__dirname, '../../..');

function status(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
}

describe('web host command', () => {
  let dir: string;
  let bundle: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'webmain-'));
    bundle = path.join(dir, 'web.js');
    await build({ entryPoints: [path.join(ROOT, 'ts/web/main.ts')], outfile: bundle, bundle: true, platform: 'node', format: 'cjs', packages: 'external', logLevel: 'error' });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = (args: string[]) =>
    spawn(process.execPath, [bundle, ...args], { env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') }, stdio: ['ignore', 'pipe', 'pipe'] });

  it.each(['SIGINT', 'SIGTERM'] as const)('prints its URL, guards it with the token and releases the profile on %s', async (signal) => {
    const dataDir = path.join(dir, signal);
    const child = run(['--data-dir', dataDir, '--profile', 'p1']);
    let out = '';
    child.stdout.setEncoding('utf8');
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: string) => {
        out += d;
        const m = /^Session web host: (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{32})\n$/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`exited early (${code}): ${out}`)));
    });
    const u = new URL(url);
    expect(await status(`${u.origin}/`)).toBe(401);
    const lock = path.join(dataDir, 'mainnet', 'p1', LOCK_FILE);
    expect(fs.existsSync(lock)).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill(signal);
    expect(await exited).toBe(0);
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('rejects bad arguments with a usage line and exit code 2', async () => {
    const child = run(['--port', 'eighty']);
    let err = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => (err += d));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(err).toMatch(/^Invalid port "eighty".*\nusage: npm run web -- /);
  });

  it('unlocks a profile with an app password from --password-stdin, and exits 1 on a wrong one', async () => {
    const dataDir = path.join(dir, 'locked');
    const b = await openBackend({ dataDir, profile: 'p2', host: 'web', appVersion: '0', logger: silentLogger, engine: { startNetwork: false }, kdfLimits: { opsLimit: 1, memLimit: 64 * 1024 } });
    await b.handlers['password.set']({ password: 'web-secret' });
    await b.close();
    const start = (input: string) => {
      const child = spawn(process.execPath, [bundle, '--data-dir', dataDir, '--profile', 'p2', '--password-stdin', '--backend-thread', 'main'], {
        env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      child.stdin.end(input);
      let out = '';
      let err = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
      return { child, out: () => out, err: () => err, exited: new Promise<number | null>((resolve) => child.once('exit', resolve)) };
    };
    const wrong = start('not-it\n');
    expect(await wrong.exited).toBe(1);
    expect(wrong.err()).toMatch(/^web host: Incorrect password$/m);
    expect(wrong.out()).toBe('');
    await new Promise((r) => setTimeout(r, 1_050)); // the wait after one wrong password
    const right = start('web-secret\n');
    await new Promise<void>((resolve, reject) => {
      right.child.stdout.on('data', () => /Session web host: http/.test(right.out()) && resolve());
      right.child.once('exit', (code) => reject(new Error(`exited (${code}): ${right.err()}`)));
    });
    expect(right.err()).toMatch(/backend: unlocked mainnet\/p2/);
    // Stopped the moment the URL shows: the signal handlers are in place before it is printed.
    right.child.kill('SIGTERM');
    expect(await right.exited).toBe(0);
  });
});
