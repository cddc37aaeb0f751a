// The HTTP client's file-transfer features on loopback: upload progress as the socket takes the body,
// download progress against Content-Length, the reply size cap (refused, not retried), plain Uint8Array bodies.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isNetworkError } from '../../../ts/network/errors';
import { createHttpClient, type HttpClient } from '../../../ts/network/http';

let server: http.Server;
let base: string;
let client: HttpClient;
const big = crypto.randomBytes(3_000_000);

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.url === '/digest') {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end(crypto.createHash('sha256').update(body).digest('hex'));
      } else if (req.url === '/chunked') {
        // No Content-Length: the total is unknown while it streams.
        res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Transfer-Encoding': 'chunked' });
        res.write(big.subarray(0, 1_000_000));
        res.end(big.subarray(1_000_000));
      } else {
        res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': big.length });
        res.end(big);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  client = createHttpClient();
});

afterAll(async () => {
  client.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

it('reports upload progress chunk by chunk up to the whole body, which arrives intact', async () => {
  const steps: [number, number][] = [];
  const body = new Uint8Array(big.buffer, big.byteOffset + 5, 2_000_000); // a view with an offset: sent as is
  const res = await client.request({ url: `${base}/digest`, method: 'POST', body, timeoutMs: 10_000, onUploadProgress: (s, t) => steps.push([s, t]) });
  expect(new TextDecoder().decode(res.body)).toBe(crypto.createHash('sha256').update(body).digest('hex'));
  expect(steps.length).toBeGreaterThanOrEqual(Math.ceil(2_000_000 / 65_536));
  expect(steps[steps.length - 1]).toEqual([2_000_000, 2_000_000]);
  expect(steps.every(([s, t], i) => t === 2_000_000 && (i === 0 || s > (steps[i - 1] as [number, number])[0]))).toBe(true);
});

it('reports download progress against Content-Length, or an unknown total', async () => {
  const steps: [number, number | undefined][] = [];
  const res = await client.request({ url: `${base}/file`, method: 'GET', timeoutMs: 10_000, onDownloadProgress: (r, t) => steps.push([r, t]) });
  expect(Buffer.from(res.body).equals(big)).toBe(true);
  expect(Object.getPrototypeOf(res.body)).toBe(Uint8Array.prototype); // never a Buffer (its slice does not copy)
  expect(steps[steps.length - 1]).toEqual([big.length, big.length]);
  const chunked: [number, number | undefined][] = [];
  await client.request({ url: `${base}/chunked`, method: 'GET', timeoutMs: 10_000, onDownloadProgress: (r, t) => chunked.push([r, t]) });
  expect(chunked[chunked.length - 1]).toEqual([big.length, undefined]);
});

it('refuses a reply above maxResponseBytes as rejected, from Content-Length or while streaming', async () => {
  for (const path of ['/file', '/chunked']) {
    let err: unknown;
    try {
      await client.request({ url: `${base}${path}`, method: 'GET', timeoutMs: 10_000, maxResponseBytes: big.length - 1 });
    } catch (e) {
      err = e;
    }
    expect(isNetworkError(err, 'rejected') && [err.message, err.retryable]).toEqual(['The download is larger than expected.', false]);
  }
  const ok = await client.request({ url: `${base}/file`, method: 'GET', timeoutMs: 10_000, maxResponseBytes: big.length });
  expect(ok.body.length).toBe(big.length);
});
