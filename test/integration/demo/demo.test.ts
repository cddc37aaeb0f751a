// `npm run demo` as a person runs it: the built demo in its own process group (as a terminal starts
// it), both links answered by a web host serving the app page, both accounts created with their
// display names (asked over the WebSocket API with each link's token), then Ctrl+C (SIGINT to the
// group) stops everything and leaves no temporary data behind.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { ROOT, buildIfStale } from '../build';

jest.setTimeout(90_000);

const BUNDLE = path.join(ROOT, 'build', 'demo', 'demo.js');
const SESSION_ID = /^05[0-9a-f]{64}$/;

interface Printed {
  name: string;
  url: string;
  sessionId: string;
  dataDir: string;
}

/** Reads the banner: "  Name:" then "open URL", "Account ID ID" and "data DIR" lines. */
function parseBanner(stdout: string): Printed[] {
  const users: Printed[] = [];
  const re = /^ {2}(\w+):\n {4}open\s+(\S+)\n {4}Account ID\s+(\S+)\n {4}data\s+(\S+)$/gm;
  for (const m of stdout.matchAll(re))
    users.push({ name: m[1]!, url: m[2]!, sessionId: m[3]!, dataDir: m[4]! });
  return users;
}

/** One call over the web host's WebSocket API, presenting the link's token and the host's origin. */
async function callOverWs(pageUrl: string, method: string): Promise<unknown> {
  const url = new URL(pageUrl);
  const ws = new WebSocket(`ws://${url.host}/ws?token=${url.searchParams.get('token')}`, {
    origin: url.origin,
  });
  try {
    return await new Promise((resolve, reject) => {
      ws.once('error', reject);
      ws.once('open', () => ws.send(JSON.stringify({ id: 1, method, params: {} })));
      ws.on('message', (data: Buffer) => {
        const msg = JSON.parse(data.toString('utf8')) as {
          id?: number;
          ok?: boolean;
          result?: unknown;
          error?: unknown;
        };
        if (msg.id !== 1) return;
        if (msg.ok) resolve(msg.result);
        else reject(new Error(`${method} failed: ${JSON.stringify(msg.error)}`));
      });
    });
  } finally {
    ws.close();
  }
}

let child: ChildProcess | undefined;
let tmp: string;

beforeAll(() => {
  buildIfStale(BUNDLE, ['ts', 'tools/demo', 'tools/devnet']);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'session-demo-test-'));
});

afterAll(() => {
  // A failed run must not leave the demo behind.
  if (child && child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
  fs.rmSync(tmp, { recursive: true, force: true });
});

it('serves Alice and Bob with their accounts, and Ctrl+C stops it and deletes its data', async () => {
  // TMPDIR: the demo's data directories are created where this test can see all of them.
  const proc = spawn(process.execPath, [BUNDLE], {
    cwd: ROOT,
    env: { ...process.env, TMPDIR: tmp },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  let stdout = '';
  let stderr = '';
  proc.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal })),
  );

  const deadline = Date.now() + 60_000;
  while (!stdout.includes('Press Ctrl+C')) {
    if (proc.exitCode !== null) throw new Error(`the demo exited early (${proc.exitCode}):\n${stderr}`);
    if (Date.now() > deadline)
      throw new Error(`the demo printed no links within 60 s:\n${stdout}\n${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const users = parseBanner(stdout);
  expect(users.map((u) => u.name)).toEqual(['Alice', 'Bob']);
  expect(new Set(users.map((u) => u.url)).size).toBe(2);

  for (const u of users) {
    expect(u.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{32}$/);
    expect(u.sessionId).toMatch(SESSION_ID);
    expect(path.dirname(u.dataDir)).toBe(tmp);
    expect(fs.existsSync(u.dataDir)).toBe(true);

    // The link opens the app page (the renderer with the web bootstrap).
    const res = await fetch(u.url);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('web-bootstrap.js');
    expect(html).toContain('renderer.js');
    // Without the token the host refuses.
    expect((await fetch(new URL(u.url).origin + '/')).status).toBe(401);

    const account = (await callOverWs(u.url, 'account.get')) as {
      sessionId: string;
      displayName: string;
    } | null;
    expect(account).toMatchObject({ sessionId: u.sessionId, displayName: u.name });
    const info = (await callOverWs(u.url, 'app.getInfo')) as { network: string; host: string };
    // A custom network (the devnet), never mainnet.
    expect(info).toMatchObject({ network: 'custom', host: 'web' });
  }
  // The recovery password never reaches the terminal.
  expect(`${stdout}\n${stderr}`).not.toMatch(/\b([a-z]+ ){12}[a-z]+\b/);

  process.kill(-proc.pid!, 'SIGINT');
  const end = await exited;
  expect(end).toEqual({ code: 0, signal: null });
  expect(stderr).toContain('demo: stopped');
  for (const u of users) expect(fs.existsSync(u.dataDir)).toBe(false);
  expect(fs.readdirSync(tmp).filter((f) => f.startsWith('session-demo-'))).toEqual([]);
  // The hosts are gone: their ports refuse connections.
  for (const u of users) await expect(fetch(u.url)).rejects.toThrow();
});
