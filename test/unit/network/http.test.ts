// The HTTP client's failure mapping on loopback: timeout, abort, refused connection, keep-alive reuse, and
// the capped reader: a body over the cap is refused while it streams (the socket is closed, the rest never
// read), a declared oversize before any of it, and a reply that drips in cannot stretch the total time limit.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpClient, type HttpClient } from '../../../ts/network/http';

describe('createHttpClient', () => {
  let server: http.Server;
  let base: string;
  let client: HttpClient;
  const sockets = new Set<unknown>();
  /** Per hostile route: body bytes handed to the socket, and whether the client hung up. */
  const sent = { bytes: 0, closed: false };

  /** Streams filler as fast as the client reads, up to `total` bytes, counting what it wrote. */
  function stream(res: http.ServerResponse, total: number): void {
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    const pump = (): void => {
      while (sent.bytes < total && !res.destroyed) {
        sent.bytes += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end();
    };
    pump();
  }

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/hang') return; // never answers
      if (req.url?.startsWith('/huge') || req.url === '/drip') {
        sent.bytes = 0;
        sent.closed = false;
        res.on('close', () => (sent.closed = true));
      }
      if (req.url === '/huge') {
        res.writeHead(200, { 'Content-Type': 'text/plain' }); // chunked: no length to refuse up front
        return stream(res, 1024 * 1024 * 1024);
      }
      if (req.url === '/huge-declared') {
        res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': String(1024 * 1024 * 1024) });
        return stream(res, 1024 * 1024 * 1024);
      }
      if (req.url === '/drip') {
        res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': '1000' });
        const timer = setInterval(() => {
          if (res.destroyed) return clearInterval(timer);
          sent.bytes++;
          res.write('x');
        }, 10);
        res.on('close', () => clearInterval(timer));
        return;
      }
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

  /** Waits (bounded) for the server to see the client hang up. */
  async function clientHungUp(): Promise<boolean> {
    for (let i = 0; i < 200 && !sent.closed; i++) await new Promise((r) => setTimeout(r, 10));
    return sent.closed;
  }

  it('refuses a streamed body over the default cap while it streams, and closes the connection', async () => {
    const err = await client.request({ url: `${base}/huge`, method: 'GET', timeoutMs: 20_000 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'bad-response', detail: 'response body too large' });
    expect(await clientHungUp()).toBe(true);
    // The server would send 1 GiB; it got to write the 16 MiB cap plus what the socket buffers held.
    expect(sent.bytes).toBeGreaterThan(16 * 1024 * 1024);
    expect(sent.bytes).toBeLessThan(48 * 1024 * 1024);
  });

  it('refuses a body over a caller cap as rejected, having read little more than the cap', async () => {
    let read = 0;
    const err = await client
      .request({ url: `${base}/huge`, method: 'GET', timeoutMs: 20_000, maxResponseBytes: 100_000, onDownloadProgress: (n) => (read = n) })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'rejected' });
    expect(read).toBeLessThanOrEqual(100_000);
    expect(await clientHungUp()).toBe(true);
    expect(sent.bytes).toBeLessThan(32 * 1024 * 1024);
  });

  it('refuses a declared Content-Length over the cap before reading the body', async () => {
    let read = 0;
    const err = await client
      .request({ url: `${base}/huge-declared`, method: 'GET', timeoutMs: 20_000, onDownloadProgress: (n) => (read = n) })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'bad-response' });
    expect(read).toBe(0);
    expect(await clientHungUp()).toBe(true);
  });

  it('ends a reply that drips in at the total time limit: arriving bytes do not extend it', async () => {
    let read = 0;
    const started = Date.now();
    const err = await client
      .request({ url: `${base}/drip`, method: 'GET', timeoutMs: 300, onDownloadProgress: (n) => (read = n) })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'timeout' });
    expect(read).toBeGreaterThan(0); // bytes were arriving when the limit struck
    expect(read).toBeLessThan(1000);
    // A generous bound, not a speed target: an idle timeout would have waited 1000 × 10 ms for the whole body.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await clientHungUp()).toBe(true);
  });
});
