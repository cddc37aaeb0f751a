// The HTTP client's failure mapping on loopback: timeout, abort, refused connection, keep-alive reuse.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpClient, type HttpClient } from '../../../ts/network/http';

describe('createHttpClient', () => {
  let server: http.Server;
  let base: string;
  let client: HttpClient;
  const sockets = new Set<unknown>();

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/hang') return; // never answers
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        res.writeHead(201, { 'Content-Type': 'text/plain', 'X-Echo': req.headers['user-agent'] ?? '' });
        res.end(`${req.method} ${body}`);
      });
    });
    server.on('connection', (s) => sockets.add(s));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = createHttpClient();
  });
  afterAll(async () => {
    client.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('returns status, lower-case headers and body bytes, reusing one kept-alive connection', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await client.request({ url: `${base}/x`, method: 'POST', body: `n${i}`, headers: { 'User-Agent': 'WhatsApp' }, timeoutMs: 5_000 });
      expect(res.status).toBe(201);
      expect(res.headers['x-echo']).toBe('WhatsApp');
      expect(new TextDecoder().decode(res.body)).toBe(`POST n${i}`);
    }
    expect(sockets.size).toBe(1);
  });

  it('fails with kind timeout when the server does not answer in time', async () => {
    await expect(client.request({ url: `${base}/hang`, method: 'GET', timeoutMs: 30 })).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('fails with kind aborted when the signal fires', async () => {
    const ac = new AbortController();
    const p = client.request({ url: `${base}/hang`, method: 'GET', timeoutMs: 5_000, signal: ac.signal });
    ac.abort();
    await expect(p).rejects.toMatchObject({ kind: 'aborted' });
    const pre = new AbortController();
    pre.abort();
    await expect(client.request({ url: `${base}/x`, method: 'GET', timeoutMs: 5_000, signal: pre.signal })).rejects.toMatchObject({ kind: 'aborted' });
  });

  it('fails with kind unreachable when nothing listens', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(client.request({ url: `http://127.0.0.1:${port}/`, method: 'GET', timeoutMs: 5_000 })).rejects.toMatchObject({
      kind: 'unreachable',
    });
  });

  it('refuses use after close with kind stopped', async () => {
    const c = createHttpClient();
    c.close();
    await expect(c.request({ url: `${base}/x`, method: 'GET', timeoutMs: 1_000 })).rejects.toMatchObject({ kind: 'stopped' });
  });
});
