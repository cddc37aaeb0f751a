// File uploads and downloads through real 3-hop onion requests to the devnet's file server (started
// in-process): URLs, progress, the size limits, expired files (404, not retried), injected refusals.
import { startDevnet, type Devnet } from '../../../tools/devnet';
import {
  MAX_ATTACHMENT_PLAINTEXT_BYTES,
  buildFileUrl,
  decryptAttachment,
  encryptAttachment,
  loadProtocol,
  parseFileUrl,
  secureRandom,
} from '../../../ts/protocol';
import { MAINNET_FILE_SERVER, customNetworkConfig, loadCustomNetwork, type ServerTarget } from '../../../ts/network/config';
import { isNetworkError, type NetworkError } from '../../../ts/network/errors';
import { resolveFileServer } from '../../../ts/network/fileTransfer';
import { createHttpClient, type HttpClient, type HttpRequest } from '../../../ts/network/http';
import { SessionNetwork } from '../../../ts/network/SessionNetwork';
import { MemoryNetworkStore } from '../../../ts/network/store';
import { systemClock, type Clock } from '../../../ts/network/types';

jest.setTimeout(120_000);

/** Real time, but retry back-offs return at once. */
const fastClock: Clock = { ...systemClock(), sleep: () => Promise.resolve() };

let devnet: Devnet;
let http: HttpClient;
let net: SessionNetwork;
let onionRequests = 0;

beforeAll(async () => {
  await loadProtocol();
  devnet = await startDevnet({ nodes: 10, fileTtlSeconds: 3600 });
  http = createHttpClient();
  const config = await loadCustomNetwork(devnet.info.seedUrl, http);
  const counting: HttpClient = {
    request: (req: HttpRequest) => {
      if (req.url.endsWith('/onion_req/v2')) onionRequests++;
      return http.request(req);
    },
    close: () => undefined,
  };
  net = new SessionNetwork({ config, store: new MemoryNetworkStore(), http: counting, clock: fastClock });
  net.start();
  await net.ready();
});

afterAll(async () => {
  net?.stop();
  http?.close();
  await devnet?.stop();
});

async function failure(p: Promise<unknown>): Promise<NetworkError> {
  try {
    await p;
  } catch (err) {
    if (isNetworkError(err)) return err;
    throw err;
  }
  throw new Error('expected a NetworkError');
}

const idOf = (url: string): string => {
  const p = parseFileUrl(url);
  if (!p.ok) throw p.error;
  return p.value.id;
};

it('uploads an encrypted attachment and downloads it back by URL, with progress', async () => {
  const plain = secureRandom(200_000);
  const enc = encryptAttachment(plain, secureRandom);
  const up: [number, number | undefined][] = [];
  const before = Date.now() / 1000;
  const uploaded = await net.uploadFile(enc.blob, { onProgress: (d, t) => up.push([d, t]) });
  // The network's own file server: a plain URL, no #p= (spec cli.md), and the devnet's default TTL.
  expect(uploaded.url).toBe(`${devnet.info.fileServer.url}/file/${uploaded.id}`);
  expect(uploaded.expires).toBeGreaterThanOrEqual(before + 3600 - 1);
  expect(uploaded.expires).toBeLessThanOrEqual(Date.now() / 1000 + 3600 + 1);
  expect(up[0]).toEqual([0, enc.blob.length]);
  expect(up[up.length - 1]).toEqual([enc.blob.length, enc.blob.length]);
  // Reported as the connection takes the bytes: several steps, never going back.
  expect(up.length).toBeGreaterThan(3);
  expect(up.every(([d], i) => i === 0 || d >= (up[i - 1] as [number, number])[0])).toBe(true);

  const down: [number, number | undefined][] = [];
  const blob = await net.downloadFile(uploaded.url, { onProgress: (d, t) => down.push([d, t]), maxBytes: enc.blob.length });
  expect(Buffer.from(blob).equals(Buffer.from(enc.blob))).toBe(true);
  const last = down[down.length - 1] as [number, number];
  expect(last[0]).toBe(last[1]);
  expect(last[0]).toBeGreaterThanOrEqual(enc.blob.length);
  const d = decryptAttachment({ blob, key: enc.key, digest: enc.digest, size: enc.size });
  expect(d.ok && Buffer.from(d.value).equals(Buffer.from(plain))).toBe(true);
});

it('takes the largest attachment (a 9,828,144-byte blob) and a 10,000,000-byte blob; refuses one byte more before sending', async () => {
  const enc = encryptAttachment(new Uint8Array(MAX_ATTACHMENT_PLAINTEXT_BYTES).fill(3), secureRandom);
  expect(enc.blob.length).toBe(9_828_144);
  const big = await net.uploadFile(enc.blob);
  const back = await net.downloadFile(big.url, { maxBytes: 10_000_000 });
  expect(Buffer.from(back).equals(Buffer.from(enc.blob))).toBe(true);

  const exact = await net.uploadFile(new Uint8Array(10_000_000).fill(5));
  expect(exact.id).not.toBe('');
  const sent = onionRequests;
  const over = await failure(net.uploadFile(new Uint8Array(10_000_001)));
  expect([over.kind, over.message]).toEqual(['rejected', 'This file is too large for the file server (10,000,000 bytes at most once encrypted).']);
  expect(onionRequests).toBe(sent);
  expect((await failure(net.uploadFile(new Uint8Array(0)))).kind).toBe('rejected');
});

it('a file the server no longer has fails with not-found, asked once (no retry)', async () => {
  const a = await net.uploadFile(new Uint8Array(1000).fill(1));
  expect(devnet.expireFile(idOf(a.url))).toBe(true);
  let sent = onionRequests;
  const expired = await failure(net.downloadFile(a.url));
  expect([expired.kind, expired.status, expired.message]).toEqual([
    'not-found',
    404,
    'This file is no longer on the file server: it expired or was deleted.',
  ]);
  expect(onionRequests - sent).toBe(1);

  const b = await net.uploadFile(new Uint8Array(1000).fill(2));
  expect(await devnet.deleteFile(idOf(b.url))).toBe(true);
  sent = onionRequests;
  expect((await failure(net.downloadFile(b.url))).kind).toBe('not-found');
  expect(onionRequests - sent).toBe(1);
});

it('a 413 from the file server is a clear rejected error; 5xx is retried on fresh paths', async () => {
  devnet.failFileServer({ status: 413, times: 1 });
  const tooBig = await failure(net.uploadFile(new Uint8Array(100)));
  expect([tooBig.kind, tooBig.status, tooBig.message]).toEqual(['rejected', 413, 'The file server refused this file: it is too large.']);

  devnet.failFileServer({ status: 503, times: 2 });
  const sent = onionRequests;
  const ok = await net.uploadFile(new Uint8Array(100).fill(9));
  expect(onionRequests - sent).toBe(3);
  expect(Buffer.from(await net.downloadFile(ok.url)).equals(Buffer.from(new Uint8Array(100).fill(9)))).toBe(true);
  devnet.failFileServer(null);
});

it('refuses a reply larger than maxBytes and an invalid URL; honours ttlSeconds and abort', async () => {
  const f = await net.uploadFile(new Uint8Array(5000).fill(4), { ttlSeconds: 120 });
  expect(f.expires).toBeLessThanOrEqual(Date.now() / 1000 + 121);
  const sent = onionRequests;
  const large = await failure(net.downloadFile(f.url, { maxBytes: 4999 }));
  expect([large.kind, large.message]).toEqual(['rejected', 'The download is larger than expected.']);
  expect(onionRequests - sent).toBe(1);
  expect(Buffer.from(await net.downloadFile(f.url, { maxBytes: 5000 })).length).toBe(5000);

  const bad = await failure(net.downloadFile('http://127.0.0.1/files/x'));
  expect([bad.kind, bad.message]).toEqual(['rejected', 'The attachment file URL is invalid.']);

  const aborted = new AbortController();
  aborted.abort();
  expect((await failure(net.uploadFile(new Uint8Array(10), { signal: aborted.signal }))).kind).toBe('aborted');
});

it('a #p= key naming this network server is used as is; a corrupted file downloads and then fails its MAC', async () => {
  const enc = encryptAttachment(new Uint8Array(3000).fill(6), secureRandom);
  const up = await net.uploadFile(enc.blob);
  const withKey = buildFileUrl(devnet.info.fileServer.url, up.id, { serverPubkey: devnet.info.fileServer.ed25519 });
  expect(Buffer.from(await net.downloadFile(withKey)).equals(Buffer.from(enc.blob))).toBe(true);
  expect(await devnet.corruptFile(up.id)).toBe(true);
  const tampered = await net.downloadFile(up.url);
  const d = decryptAttachment({ blob: tampered, key: enc.key, digest: enc.digest, size: enc.size });
  expect(!d.ok && d.error.detail).toBe('bad MAC');
});

it('a network without a file server says so; a seed that cannot be reached is a network error', async () => {
  // The seed answers, but its network.json names no file server (404 here).
  const noServers: HttpClient = {
    request: (req: HttpRequest) =>
      req.url.endsWith('/network.json') ? Promise.resolve({ status: 404, headers: {}, body: new Uint8Array(0) }) : http.request(req),
    close: () => undefined,
  };
  const bare = new SessionNetwork({ config: customNetworkConfig('https://127.0.0.1:1/'), store: new MemoryNetworkStore(), http: noServers, clock: fastClock });
  const unreachable = new SessionNetwork({ config: customNetworkConfig('https://127.0.0.1:1/'), store: new MemoryNetworkStore(), http, clock: fastClock });
  try {
    const e = await failure(bare.uploadFile(new Uint8Array(10)));
    expect([e.kind, e.message]).toEqual(['not-configured', 'This network has no file server configured.']);
    expect((await failure(unreachable.uploadFile(new Uint8Array(10)))).kind).toBe('unreachable');
  } finally {
    bare.stop();
    unreachable.stop();
  }
});

describe('which server a URL names', () => {
  const own: ServerTarget = { url: 'http://127.0.0.1:4000', x25519: 'aa'.repeat(32), ed25519: 'bb'.repeat(32) };
  it('no p: the mainnet server for its host, else this network server at the URL host', () => {
    expect(resolveFileServer({ serverUrl: 'http://filev2.getsession.org', serverPubkey: undefined }, own)).toEqual(MAINNET_FILE_SERVER);
    expect(resolveFileServer({ serverUrl: 'http://127.0.0.1:4000', serverPubkey: undefined }, own)).toEqual(own);
    expect(() => resolveFileServer({ serverUrl: 'http://127.0.0.1:4000', serverPubkey: undefined }, undefined)).toThrow('This network has no file server configured.');
  });
  it('p: a known key keeps its X25519 key; another key gets its X25519 key derived (spec network §8.1)', () => {
    expect(resolveFileServer({ serverUrl: 'http://x.example', serverPubkey: own.ed25519 }, own)).toEqual({ ...own, url: 'http://x.example' });
    // The mainnet server's Ed25519 key converts to its published X25519 key; a non-point is refused.
    const derived = resolveFileServer({ serverUrl: 'http://other.example', serverPubkey: MAINNET_FILE_SERVER.ed25519 }, undefined);
    expect(derived.x25519).toBe(MAINNET_FILE_SERVER.x25519);
    expect(() => resolveFileServer({ serverUrl: 'http://x.example', serverPubkey: 'ff'.repeat(32) }, own)).toThrow('invalid file server key');
  });
});

it('learns the file server of a custom network again after a network.json lookup that failed', async () => {
  // The client knows only the seed; its first network.json lookup fails (the seed is busy), later ones work.
  let lookups = 0;
  const flaky: HttpClient = {
    request: (req: HttpRequest) => {
      if (req.url.endsWith('/network.json') && ++lookups === 1) return Promise.reject(new Error('connection reset'));
      return http.request(req);
    },
    close: () => undefined,
  };
  const client = new SessionNetwork({ config: customNetworkConfig(devnet.info.seedUrl), store: new MemoryNetworkStore(), http: flaky, clock: fastClock });
  client.start();
  try {
    await client.ready();
    const enc = encryptAttachment(secureRandom(1_000), secureRandom);
    // Not "no file server": a network error the caller retries.
    const first = await failure(client.uploadFile(enc.blob));
    expect(first.kind).toBe('unreachable');
    const uploaded = await client.uploadFile(enc.blob);
    expect(uploaded.url).toBe(`${devnet.info.fileServer.url}/file/${uploaded.id}`);
    expect(lookups).toBe(2);
  } finally {
    client.stop();
  }
});
