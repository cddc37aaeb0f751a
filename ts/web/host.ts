// The web host: one backend behind a loopback HTTP server that serves the renderer bundle and the
// WebSocket bridge. A loopback port is reachable by any page the user opens, so every request must
// carry the random token from the printed URL (or the cookie set on the first load) and, when a
// browser sends one, the exact Origin of this host.
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { openBackend } from '../backend';
import type { BackendOptions, HostBackend, Logger } from '../backend';
import { bundledBackendWorkerFile, inThreadOnlyOptions, openBackendThread, type ThreadedBackend } from '../backend/thread/threadedBackend';
import { SHUTDOWN_DRAIN_MS } from '../backend/services/followUps';
import { rendererContentSecurityPolicy } from '../ipc/csp';
import { createDispatcher } from '../ipc/dispatch';
import { attachWsServer, readCookie, tokenMatches } from '../ipc/transport/wsServer';
import type { WsServerHandle } from '../ipc/transport/wsServer';
import { TOKEN_PARAM, WS_PATH } from '../ipc/wire';
import pkg from '../../package.json';

export interface WebHostOptions {
  dataDir?: string;
  network?: 'mainnet' | 'testnet';
  seedUrl?: string;
  profile?: string;
  /** TCP port on 127.0.0.1; 0 or unset picks a free one. */
  port?: number;
  /** Folder with index.html, renderer.js and web-bootstrap.js; default: the build/renderer output. */
  staticDir?: string;
  logger?: Logger;
  randomBytes?: (n: number) => Uint8Array;
  now?: () => number;
  /** The engine's knobs (poll interval, or no network at all); tests shorten or disable them. */
  engine?: BackendOptions['engine'];
  /** argon2id cost of new app-password wraps (default: libsodium's MODERATE); tests make it small. */
  kdfLimits?: BackendOptions['kdfLimits'];
  /**
   * Where the backend runs: 'worker' (a worker thread, so searches and catch-ups never stall this
   * process's event loop) or 'main' (this thread). Default 'worker' when the bundled worker exists and
   * no option that cannot cross a thread (now, randomBytes, engine.createNetwork) is given, else 'main'.
   */
  backendThread?: 'worker' | 'main';
  /** The backend worker script; default bundledBackendWorkerFile(). */
  backendWorkerFile?: string;
  /** Told if the backend's thread dies (the host cannot serve any more; its entry point exits). */
  onBackendCrash?: (err: Error) => void;
  /**
   * How long `stop` waits for queued follow-ups (sync copies, settings updates, request responses) before
   * closing the backend, with progress in the log; default SHUTDOWN_DRAIN_MS. What is left goes out on the next start.
   */
  shutdownDrainMs?: number;
}

export interface WebHost {
  /** http://127.0.0.1:PORT/?token=TOKEN */
  url: string;
  port: number;
  token: string;
  backend: HostBackend;
  /** Where the backend runs. */
  backendThread: 'worker' | 'main';
  /**
   * Closes connections and the server, waits (bounded, logged) for queued follow-ups, then closes the backend
   * (releasing the profile lock). Idempotent.
   */
  stop(): Promise<void>;
}

export class WebHostError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WebHostError';
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
};

/** The page's policy: only our own scripts, and connections only back to this host. */
export function webContentSecurityPolicy(port: number): string {
  return rendererContentSecurityPolicy(`'self' ws://127.0.0.1:${port}`);
}

const CSP_META = /<meta\s[^>]*http-equiv\s*=\s*["']?content-security-policy["']?[^>]*>\s*/gi;

/**
 * The web page, made from the renderer's index.html: the Electron CSP meta tag is replaced by this
 * host's header (it must allow the WebSocket), and web-bootstrap.js runs before the first script so
 * `window.session` exists when the renderer starts.
 */
export function webIndexHtml(rendererHtml: string): string {
  const html = rendererHtml.replace(CSP_META, '');
  const tag = '<script src="web-bootstrap.js"></script>';
  const first = html.search(/<script[\s>]/i);
  if (first >= 0) return `${html.slice(0, first)}${tag}\n    ${html.slice(first)}`;
  const body = html.search(/<\/body>/i);
  return body >= 0 ? `${html.slice(0, body)}${tag}${html.slice(body)}` : `${html}${tag}`;
}

function defaultStaticDir(): string {
  // From the bundle (build/web/web.js) or from the sources (ts/web/host.ts, under jest).
  const candidates = [path.resolve(__dirname, '..', 'renderer'), path.resolve(__dirname, '..', '..', 'build', 'renderer')];
  return candidates.find((d) => fs.existsSync(path.join(d, 'index.html'))) ?? candidates[1]!;
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'EADDRINUSE'
          ? new WebHostError(`Port ${port} on 127.0.0.1 is already in use; choose another with --port N (or omit it for a free one).`, { cause: err })
          : err,
      );
    };
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Opens the backend and serves it; resolves once the URL is reachable. */
export async function startWebHost(options: WebHostOptions = {}): Promise<WebHost> {
  const randomBytes = options.randomBytes ?? ((n: number) => new Uint8Array(nodeRandomBytes(n)));
  const backendOptions: BackendOptions = {
    host: 'web',
    appVersion: pkg.version,
    appName: pkg.productName,
    ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
    ...(options.network !== undefined ? { network: options.network } : {}),
    ...(options.seedUrl !== undefined ? { seedUrl: options.seedUrl } : {}),
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    ...(options.logger !== undefined ? { logger: options.logger } : {}),
    ...(options.now !== undefined ? { now: options.now } : {}),
    ...(options.engine !== undefined ? { engine: options.engine } : {}),
    ...(options.kdfLimits !== undefined ? { kdfLimits: options.kdfLimits } : {}),
    ...(options.randomBytes !== undefined ? { randomBytes: options.randomBytes } : {}),
  };
  const workerFile = options.backendWorkerFile ?? bundledBackendWorkerFile();
  const backendThread = options.backendThread ?? (workerFile !== undefined && inThreadOnlyOptions(backendOptions).length === 0 ? 'worker' : 'main');
  if (backendThread === 'worker' && workerFile === undefined) {
    throw new WebHostError('The backend worker (build/workers/backend.js) is missing: run `npm run build`, or start with --backend-thread main.');
  }
  let backend: HostBackend;
  if (backendThread === 'worker') {
    const threaded: ThreadedBackend = await openBackendThread(backendOptions, workerFile as string);
    if (options.onBackendCrash) threaded.onCrash(options.onBackendCrash);
    backend = threaded;
  } else {
    backend = await openBackend(backendOptions);
  }
  const log = backend.log;
  const token = Buffer.from(randomBytes(16)).toString('hex');
  const staticDir = path.resolve(options.staticDir ?? defaultStaticDir());
  let port = 0;
  let origin = '';
  // Per port, so two hosts on 127.0.0.1 (Alice and Bob) do not overwrite each other's cookie.
  const cookieName = () => `session_token_${port}`;

  const server = http.createServer((req, res) => {
    serve(req, res).catch((err: unknown) => {
      log.error('web: request failed', err);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Internal error');
    });
  });

  const send = (res: http.ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}) => {
    res.writeHead(status, {
      'Content-Type': type,
      'Content-Length': String(Buffer.byteLength(body)),
      'Content-Security-Policy': webContentSecurityPolicy(port),
      'X-Content-Type-Options': 'nosniff',
      // The URL carries the token: never send it on as a Referer.
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Cache-Control': 'no-store',
      ...extra,
    });
    res.end(res.req.method === 'HEAD' ? undefined : body);
  };
  const text = (res: http.ServerResponse, status: number, body: string) => send(res, status, body + '\n', 'text/plain; charset=utf-8');

  async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // A DNS-rebinding page reaches us under its own host name: refuse anything not addressed to us.
    if (req.headers.host !== `127.0.0.1:${port}`) return text(res, 403, 'Forbidden: wrong Host.');
    const reqOrigin = req.headers.origin;
    if (reqOrigin !== undefined && reqOrigin !== origin) return text(res, 403, 'Forbidden: wrong Origin.');
    const url = new URL(req.url ?? '/', origin);
    const queryToken = url.searchParams.get(TOKEN_PARAM);
    const cookieToken = readCookie(req.headers.cookie, cookieName());
    const viaQuery = tokenMatches(queryToken, token);
    if (!viaQuery && !tokenMatches(cookieToken, token)) {
      return text(res, 401, 'Unauthorized: open the link printed by the web host (it carries the access token).');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return text(res, 405, 'Method not allowed.');
    const extra: Record<string, string> = viaQuery ? { 'Set-Cookie': `${cookieName()}=${token}; Path=/; HttpOnly; SameSite=Strict` } : {};

    if (url.pathname === '/' || url.pathname === '/index.html') {
      let html: string;
      try {
        html = await fs.promises.readFile(path.join(staticDir, 'index.html'), 'utf8');
      } catch {
        return text(res, 500, `The renderer bundle is missing in ${staticDir}: run \`npm run build\` first.`);
      }
      return send(res, 200, webIndexHtml(html), CONTENT_TYPES['.html']!, extra);
    }
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      return text(res, 400, 'Bad request.');
    }
    const file = path.resolve(staticDir, '.' + rel);
    if (!file.startsWith(staticDir + path.sep) || rel.includes('\0')) return text(res, 404, 'Not found.');
    let body: Buffer;
    try {
      const st = await fs.promises.stat(file);
      if (!st.isFile()) return text(res, 404, 'Not found.');
      body = await fs.promises.readFile(file);
    } catch {
      // Browsers ask for a favicon on their own; answer quietly rather than with a console error.
      if (url.pathname === '/favicon.ico') return send(res, 204, '', 'image/x-icon');
      return text(res, 404, 'Not found.');
    }
    return send(res, 200, body, CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream', extra);
  }

  try {
    port = await listen(server, options.port ?? 0);
  } catch (err) {
    await backend.close();
    throw err;
  }
  origin = `http://127.0.0.1:${port}`;
  const ws: WsServerHandle = attachWsServer({
    server,
    path: WS_PATH,
    token,
    cookieName: cookieName(),
    allowedOrigin: [origin],
    dispatcher: createDispatcher(backend.handlers, { onInternalError: (m, err) => log.error(`ipc: ${m} failed`, err) }),
    subscribe: (event, listener) => backend.on(event, listener),
    log: (msg, detail) => log.warn(msg, detail),
  });

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await ws.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await backend.close({ drainMs: options.shutdownDrainMs ?? SHUTDOWN_DRAIN_MS });
    })());

  return { url: `${origin}/?${TOKEN_PARAM}=${token}`, port, token, backend, backendThread, stop };
}
