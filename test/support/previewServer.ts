// A loopback HTTPS server for the link-preview tests, with a throwaway certificate authority made by the
// openssl CLI for each run (nothing secret is checked in): pages and images by path, every request recorded
// (path, headers) and every response's fate (finished, or closed by the client part way).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface TestPki {
  /** PEM of the test CA (what the fetcher's test seam trusts). */
  ca: string;
  key: string;
  cert: string;
}

/** A CA and a server certificate it signed for 127.0.0.1, ::1 and `names`. */
export function makeTestPki(names: readonly string[] = ['preview.test']): TestPki {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-pki-'));
  const f = (n: string): string => path.join(dir, n);
  const run = (args: string[]): void => {
    execFileSync('openssl', args, { stdio: 'ignore' });
  };
  try {
    run([
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      f('ca.key'),
      '-out',
      f('ca.pem'),
      '-days',
      '2',
      '-subj',
      '/CN=Link preview test CA',
    ]);
    run([
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      f('server.key'),
      '-out',
      f('server.csr'),
      '-subj',
      '/CN=127.0.0.1',
    ]);
    const san = ['IP:127.0.0.1', 'IP:::1', ...names.map((n) => `DNS:${n}`)].join(',');
    fs.writeFileSync(
      f('ext.cnf'),
      `subjectAltName=${san}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n`,
    );
    run([
      'x509',
      '-req',
      '-in',
      f('server.csr'),
      '-CA',
      f('ca.pem'),
      '-CAkey',
      f('ca.key'),
      '-CAcreateserial',
      '-out',
      f('server.pem'),
      '-days',
      '2',
      '-extfile',
      f('ext.cnf'),
    ]);
    return {
      ca: fs.readFileSync(f('ca.pem'), 'utf8'),
      key: fs.readFileSync(f('server.key'), 'utf8'),
      cert: fs.readFileSync(f('server.pem'), 'utf8'),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface Route {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Never answer (the client's deadline must end it). */
  hang?: boolean;
}

export interface RecordedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
}

export interface PreviewServer {
  /** https://127.0.0.1:PORT */
  origin: string;
  port: number;
  routes: Map<string, Route>;
  requests: RecordedRequest[];
  /** Paths whose response the client closed before it was fully sent. */
  cutShort: string[];
  /** TCP connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

function serve(
  server: http.Server | https.Server,
  routes: Map<string, Route>,
  requests: RecordedRequest[],
  cutShort: string[],
): void {
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const p = req.url ?? '/';
    requests.push({ path: p, headers: req.headers });
    const route = routes.get(p);
    if (!route) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    if (route.hang) return;
    res.on('close', () => {
      if (!res.writableFinished) cutShort.push(p);
    });
    res.writeHead(route.status ?? 200, route.headers ?? { 'Content-Type': 'text/html; charset=utf-8' });
    const body = route.body ?? '';
    const bytes = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body);
    // Large bodies go in pieces so a client that stops reading can be seen doing it.
    let at = 0;
    const pump = (): void => {
      while (at < bytes.length) {
        const piece = bytes.subarray(at, at + 16 * 1024);
        at += piece.length;
        if (!res.write(piece)) {
          res.once('drain', pump);
          return;
        }
      }
      res.end();
    };
    pump();
  });
}

async function listen(server: http.Server | https.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const closer = (server: http.Server | https.Server) => (): Promise<void> =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

export async function startPreviewServer(pki: TestPki): Promise<PreviewServer> {
  const routes = new Map<string, Route>();
  const requests: RecordedRequest[] = [];
  const cutShort: string[] = [];
  const server = https.createServer({ key: pki.key, cert: pki.cert });
  let connections = 0;
  server.on('connection', () => connections++);
  serve(server, routes, requests, cutShort);
  const port = await listen(server);
  return {
    origin: `https://127.0.0.1:${port}`,
    port,
    routes,
    requests,
    cutShort,
    connections: () => connections,
    close: closer(server),
  };
}

/** A plain-http server (a redirect to it must never be followed). */
export async function startPlainServer(): Promise<PreviewServer> {
  const routes = new Map<string, Route>();
  const requests: RecordedRequest[] = [];
  const cutShort: string[] = [];
  const server = http.createServer();
  let connections = 0;
  server.on('connection', () => connections++);
  serve(server, routes, requests, cutShort);
  const port = await listen(server);
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    routes,
    requests,
    cutShort,
    connections: () => connections,
    close: closer(server),
  };
}

/** A page with these head elements. */
export const htmlPage = (head: string, body = '<p>hello</p>'): string =>
  `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;
