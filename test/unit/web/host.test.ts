import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { silentLogger } from '../../../ts/backend/log';
import { LOCK_FILE } from '../../../ts/backend/lock';
import { startWebHost, webIndexHtml } from '../../../ts/web/host';
import type { WebHost } from '../../../ts/web/host';
import { wsUrlFor } from '../../../ts/web/bootstrap';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function get(port: number, pathAndQuery: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: pathAndQuery, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
  });
}

const RENDERER_HTML = `<!doctype html><html><head>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; connect-src 'self'" />
<title>Session</title></head><body><div id="root"></div><script src="renderer.js"></script></body></html>`;

describe('web host', () => {
  let dataDir: string;
  let staticDir: string;
  const hosts: WebHost[] = [];
  const start = async (o: { port?: number; engine?: { startNetwork?: boolean } } = {}) => {
    const h = await startWebHost({ dataDir, staticDir, logger: silentLogger, ...o });
    hosts.push(h);
    return h;
  };

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'webhost-'));
    staticDir = path.join(dataDir, 'static');
    fs.mkdirSync(path.join(staticDir, 'stylesheets'), { recursive: true });
    fs.writeFileSync(path.join(staticDir, 'index.html'), RENDERER_HTML);
    fs.writeFileSync(path.join(staticDir, 'renderer.js'), 'console.log("renderer");');
    fs.writeFileSync(path.join(staticDir, 'stylesheets', 'app.css'), 'body{}');
    fs.writeFileSync(path.join(dataDir, 'secret.txt'), 'do not serve');
  });
  afterEach(async () => {
    for (const h of hosts.splice(0)) await h.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints a loopback URL with a 32-hex token and serves the page only with it', async () => {
    const h = await start();
    expect(h.url).toBe(`http://127.0.0.1:${h.port}/?token=${h.token}`);
    expect(h.token).toMatch(/^[0-9a-f]{32}$/);
    const host = { Host: `127.0.0.1:${h.port}` };

    const denied = await get(h.port, '/', host);
    expect(denied.status).toBe(401);
    expect(denied.body).not.toContain('<script');
    expect((await get(h.port, '/renderer.js', host)).status).toBe(401);
    expect((await get(h.port, `/?token=${'0'.repeat(32)}`, host)).status).toBe(401);

    const page = await get(h.port, `/?token=${h.token}`, host);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${h.port}`);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.body.indexOf('web-bootstrap.js')).toBeGreaterThan(0);
    expect(page.body.indexOf('web-bootstrap.js')).toBeLessThan(page.body.indexOf('renderer.js'));
    expect(page.body).not.toContain('http-equiv');

    // The cookie set on that load authorizes the page's own resources.
    const cookie = String(page.headers['set-cookie']?.[0]).split(';')[0]!;
    expect(cookie).toBe(`session_token_${h.port}=${h.token}`);
    const js = await get(h.port, '/renderer.js', { ...host, Cookie: cookie });
    expect([js.status, js.headers['content-type'], js.body]).toEqual([200, 'text/javascript; charset=utf-8', 'console.log("renderer");']);
    expect((await get(h.port, '/stylesheets/app.css', { ...host, Cookie: cookie })).status).toBe(200);
    expect((await get(h.port, '/nope.js', { ...host, Cookie: cookie })).status).toBe(404);
    expect((await get(h.port, '/favicon.ico', { ...host, Cookie: cookie })).status).toBe(204);
    expect((await get(h.port, '/%2e%2e/secret.txt', { ...host, Cookie: cookie })).status).toBe(404);
  });

  it('refuses a wrong Origin or Host even with the token', async () => {
    const h = await start();
    const q = `/?token=${h.token}`;
    expect((await get(h.port, q, { Host: `127.0.0.1:${h.port}`, Origin: 'http://evil.example' })).status).toBe(403);
    expect((await get(h.port, q, { Host: `evil.example:${h.port}` })).status).toBe(403);
    expect((await get(h.port, q, { Host: `127.0.0.1:${h.port}`, Origin: `http://127.0.0.1:${h.port}` })).status).toBe(200);
  });

  it('bridges the backend over its WebSocket and refuses connections without the token', async () => {
    const h = await start();
    const origin = `http://127.0.0.1:${h.port}`;
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${h.port}/ws`, { origin });
      ws.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => {});
    });
    expect(refused).toBe(401);
    const ws = new WebSocket(`ws://127.0.0.1:${h.port}/ws?token=${h.token}`, { origin });
    await new Promise((r) => ws.once('open', r));
    const answer = new Promise<unknown>((r) => ws.once('message', (d) => r(JSON.parse(d.toString()))));
    ws.send(JSON.stringify({ id: 1, method: 'app.getInfo', params: {} }));
    expect(await answer).toMatchObject({ id: 1, ok: true, result: { host: 'web', network: 'mainnet', profile: 'default' } });
    ws.close();
  });

  it('keeps the same WebSocket working through data.clear: the page hears account.changed null and can make a new account', async () => {
    const h = await start({ engine: { startNetwork: false } });
    const ws = new WebSocket(`ws://127.0.0.1:${h.port}/ws?token=${h.token}`, { origin: `http://127.0.0.1:${h.port}` });
    await new Promise((r) => ws.once('open', r));
    const inbox: Array<Record<string, unknown>> = [];
    ws.on('message', (d) => inbox.push(JSON.parse(d.toString()) as Record<string, unknown>));
    const answerTo = async (id: number) => {
      for (let i = 0; i < 500; i++) {
        const m = inbox.find((x) => x.id === id);
        if (m) return m;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`no answer to ${id}`);
    };
    ws.send(JSON.stringify({ subscribe: ['account.changed'] }));
    ws.send(JSON.stringify({ id: 1, method: 'account.create', params: { displayName: 'Web' } }));
    const created = (await answerTo(1)).result as { sessionId: string };
    ws.send(JSON.stringify({ id: 2, method: 'data.clear', params: { network: false } }));
    expect(await answerTo(2)).toMatchObject({ ok: true, result: {} });
    expect(inbox).toContainEqual({ event: 'account.changed', payload: { account: null } });
    ws.send(JSON.stringify({ id: 3, method: 'account.get', params: {} }));
    expect(await answerTo(3)).toMatchObject({ ok: true, result: null });
    ws.send(JSON.stringify({ id: 4, method: 'account.create', params: { displayName: 'Web again' } }));
    const again = (await answerTo(4)).result as { sessionId: string };
    expect(again.sessionId).toMatch(/^05[0-9a-f]{64}$/);
    expect(again.sessionId).not.toBe(created.sessionId);
    ws.close();
  });

  it('releases the profile on stop so a new host can start on the same data dir, and refuses a second live one', async () => {
    const first = await start();
    await expect(startWebHost({ dataDir, staticDir, logger: silentLogger })).rejects.toThrow(/already in use by this process/);
    await first.stop();
    await first.stop(); // idempotent
    expect(fs.existsSync(path.join(first.backend.profileDir, LOCK_FILE))).toBe(false);
    const second = await start();
    expect(second.token).not.toBe(first.token);
  });

  it('reports a busy port clearly and releases the profile', async () => {
    const h = await start();
    await expect(startWebHost({ dataDir, staticDir, profile: 'other', port: h.port, logger: silentLogger })).rejects.toThrow(
      `Port ${h.port} on 127.0.0.1 is already in use`,
    );
    const again = await startWebHost({ dataDir, staticDir, profile: 'other', logger: silentLogger });
    hosts.push(again);
  });
});

describe('webIndexHtml / wsUrlFor', () => {
  it('injects the bootstrap before the first script, or before </body>', () => {
    expect(webIndexHtml('<body><script src="a.js"></script></body>')).toBe('<body><script src="web-bootstrap.js"></script>\n    <script src="a.js"></script></body>');
    expect(webIndexHtml('<body></body>')).toBe('<body><script src="web-bootstrap.js"></script></body>');
  });

  it('builds the WebSocket URL from the page location', () => {
    expect(wsUrlFor({ protocol: 'http:', host: '127.0.0.1:5000', search: '?token=abc' })).toBe('ws://127.0.0.1:5000/ws?token=abc');
    expect(wsUrlFor({ protocol: 'http:', host: '127.0.0.1:5000', search: '' })).toBe('ws://127.0.0.1:5000/ws');
  });
});
