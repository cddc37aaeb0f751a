import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { LOCK_FILE } from '../../../ts/backend/lock';

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
});
