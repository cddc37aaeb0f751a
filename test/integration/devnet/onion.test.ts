// Onion processing (spec §6.6) and the file server (spec §8) through real 3-hop paths built by hand.
import net from 'node:net';
import { startDevnet, type Devnet, type DevnetInfo, type NodeInfo } from '../../../tools/devnet';
import { buildSnodeOnion, decodeV4, frame, nodeUrl, onionRpc, onionServer, open, post, request, sealTo, sodiumReady, type Enc } from './helpers';

let devnet: Devnet;
let info: DevnetInfo;
const PUBKEY = `05${'11'.repeat(32)}`;

beforeAll(async () => {
  await sodiumReady();
  devnet = await startDevnet({ nodes: 5, swarmSize: 5, relayTimeoutMs: 500 });
  info = devnet.info;
});
afterAll(async () => {
  await devnet.stop();
});
beforeEach(() => {
  devnet.clearFaults();
});

const path = (): NodeInfo[] => info.nodes.slice(0, 3);
const target = (): NodeInfo => info.nodes[3]!;

describe('snode requests through three hops', () => {
  it.each<Enc>(['aes-gcm', 'xchacha20'])('answers a %s batch with a base64, double-encoded body', async (enc) => {
    const r = await onionRpc(enc, path(), target(), {
      jsonrpc: '2.0',
      method: 'batch',
      params: { requests: [{ method: 'get_swarm', params: { pubkey: PUBKEY } }, { method: 'info', params: {} }] },
    });
    expect(r.httpStatus).toBe(200);
    expect(r.text).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(r.status).toBe(200);
    const body = r.body as { results: Array<{ code: number; body: { t: number; snodes?: unknown[] } }> };
    expect(body.results.map((x) => x.code)).toEqual([200, 200]);
    expect(body.results[0]!.body.snodes).toHaveLength(5);
    expect(typeof body.results[1]!.body.t).toBe('number');
  });

  it('returns the raw JSON body with json:true and binary with base64:false', async () => {
    const { body, key } = buildSnodeOnion('aes-gcm', path(), target(), { method: 'info', params: {} }, { json: true, base64: false });
    const r = await post(nodeUrl(path()[0]!, '/onion_req/v2'), body);
    expect(r.status).toBe(200);
    const inner = JSON.parse(open('aes-gcm', key, r.body).toString()) as { status: number; body: { version: number[] } };
    expect(inner.status).toBe(200);
    expect(inner.body.version).toEqual([2, 8, 0]);
  });

  it('carries destination errors inside the encrypted wrapper', async () => {
    const r = await onionRpc('aes-gcm', path(), target(), { method: 'retrieve', params: { pubkey: PUBKEY } });
    expect(r.httpStatus).toBe(200);
    expect(r.status).toBe(401);
    expect(r.body).toBe('retrieve: request signature required');
  });

  it('answers 502 Next node not found for an unknown relay target', async () => {
    const ghost = { ...target(), ed25519: 'ab'.repeat(32) };
    const r = await onionRpc('aes-gcm', path(), ghost, { method: 'info', params: {} });
    expect(r.httpStatus).toBe(502);
    expect(r.text).toBe(`Next node not found: ${'ab'.repeat(32)}`);
  });

  it('answers 400 for undecryptable layers and bad frames', async () => {
    const guard = path()[0]!;
    const garbage = frame(Buffer.alloc(64, 1), { ephemeral_key: 'cd'.repeat(32) });
    const r = await post(nodeUrl(guard, '/onion_req/v2'), garbage);
    expect(r.status).toBe(400);
    expect(r.body.toString()).toBe('Invalid ciphertext');
    const bad = await post(nodeUrl(guard, '/onion_req/v2'), Buffer.from([1, 2]));
    expect(bad.status).toBe(400);
    expect(bad.body.toString()).toMatch(/^Error parsing onion request: /);
  });

  it('answers 504 when a relay does not answer in time, and passes fault statuses back', async () => {
    devnet.failNode(path()[2]!.ed25519, { timeout: true });
    const r = await onionRpc('aes-gcm', path(), target(), { method: 'info', params: {} });
    expect(r.httpStatus).toBe(504);
    expect(r.text).toBe('Request time out');
    devnet.failNode(path()[2]!.ed25519, { status: 503 });
    expect((await onionRpc('aes-gcm', path(), target(), { method: 'info', params: {} })).httpStatus).toBe(503);
    devnet.failNode(path()[2]!.ed25519, { status: 418 });
    expect((await onionRpc('aes-gcm', path(), target(), { method: 'info', params: {} })).httpStatus).toBe(500);
  });

  it('cannot reach a stopped guard, and relays to a stopped node time out', async () => {
    await devnet.stopNode(1);
    try {
      await expect(post(nodeUrl(info.nodes[1]!, '/onion_req/v2'), Buffer.alloc(8))).rejects.toThrow();
      const r = await onionRpc('aes-gcm', path(), target(), { method: 'info', params: {} });
      expect(r.httpStatus).toBe(504);
    } finally {
      await devnet.startNode(1);
    }
    expect((await onionRpc('aes-gcm', path(), target(), { method: 'info', params: {} })).status).toBe(200);
  });
});

describe('stopping a node', () => {
  it('drops connections that are idle or still in their TLS handshake, so stopNode returns at once', async () => {
    const node = info.nodes[2]!;
    // One keep-alive connection that served a request, and one raw TCP connection that never says hello.
    expect((await post(nodeUrl(node, '/ping_test/v1'), '')).status).toBe(200);
    const raw = net.connect({ host: node.ip, port: node.port });
    await new Promise<void>((resolve, reject) => raw.once('connect', resolve).once('error', reject));
    const closed = new Promise<void>((resolve) => raw.once('close', () => resolve()));
    try {
      // Without dropping them, this waited for the handshake or keep-alive timeout (a minute or more).
      await devnet.stopNode(node.ed25519);
      await closed;
    } finally {
      raw.destroy();
      await devnet.startNode(node.ed25519);
    }
    expect((await post(nodeUrl(node, '/ping_test/v1'), '')).status).toBe(200);
  });
});

describe('HTTP-level answers of a node (spec §2.1)', () => {
  it('answers 413 above 10 MiB, 410 to long polls, 404 to unknown paths and serves ping/stats', async () => {
    const guard = path()[0]!;
    const big = await post(nodeUrl(guard, '/onion_req/v2'), Buffer.alloc(10 * 1024 * 1024 + 1));
    expect(big.status).toBe(413);
    expect(big.body.toString()).toBe('Request body too large');
    const longPoll = await post(nodeUrl(guard, '/storage_rpc/v1'), '{}', { 'X-Loki-Long-Poll': 'true' });
    expect(longPoll.status).toBe(410);
    const unknown = await request('GET', nodeUrl(guard, '/nope'));
    expect(unknown.status).toBe(404);
    expect(unknown.body.toString()).toBe('GET /nope Not Found');
    const stats = await request('GET', nodeUrl(guard, '/get_stats/v1'));
    expect(JSON.parse(stats.body.toString())).toEqual({ version: '2.8.0' });
  });
});

describe('file server through onion v4 (spec §6.5, §8)', () => {
  it.each<Enc>(['aes-gcm', 'xchacha20'])('uploads, downloads and extends a file (%s)', async (enc) => {
    const data = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));
    const up = await onionServer(enc, path(), info.fileServer, { method: 'POST', endpoint: '/file', body: data });
    expect(up.httpStatus).toBe(200);
    expect(up.code).toBe(200);
    expect(up.headers!['content-type']).toBe('application/json');
    const { id, expires } = JSON.parse(up.body.toString()) as { id: string; expires: number };
    expect(id).toMatch(/^[A-Za-z0-9_-]{44}$/);
    expect(expires).toBeGreaterThan(Date.now() / 1000 + 13 * 86_400);
    const down = await onionServer(enc, path(), info.fileServer, { method: 'GET', endpoint: `/file/${id}` });
    expect(down.code).toBe(200);
    expect(down.headers!['content-type']).toBe('application/octet-stream');
    expect(down.body.equals(data)).toBe(true);
    const ext = await onionServer(enc, path(), info.fileServer, { method: 'POST', endpoint: `/file/${id}/extend` });
    expect(ext.code).toBe(200);
    expect(JSON.parse(ext.body.toString())).toMatchObject({ size: 5000, expires: expect.any(Number), uploaded: expect.any(Number) });
  });

  it('answers 404 for unknown files and expires files by X-FS-TTL', async () => {
    const missing = await onionServer('aes-gcm', path(), info.fileServer, { method: 'GET', endpoint: `/file/${'a'.repeat(44)}` });
    expect(missing.code).toBe(404);
    const up = await onionServer('aes-gcm', path(), info.fileServer, { method: 'POST', endpoint: '/file', headers: { 'X-FS-TTL': '30' }, body: Buffer.from('x') });
    const { expires } = JSON.parse(up.body.toString()) as { expires: number };
    expect(expires).toBeLessThan(Date.now() / 1000 + 31);
  });

  it('accepts exactly 10,000,000 bytes and refuses one more', async () => {
    // One hop (the guard proxies) keeps this large-body test cheap; the path logic is covered above.
    const ok = await onionServer('aes-gcm', path().slice(0, 1), info.fileServer, { method: 'POST', endpoint: '/file', body: Buffer.alloc(10_000_000, 1) });
    expect([ok.httpStatus, ok.code, ok.code === undefined ? ok.body.toString() : ""]).toEqual([200, 200, ""]);
    const big = await onionServer('aes-gcm', path().slice(0, 1), info.fileServer, { method: 'POST', endpoint: '/file', body: Buffer.alloc(10_000_001, 1) });
    expect(big.code).toBe(413);
  });

  it('refuses proxy targets that are not /oxen|loki/.../lsrpc and hosts beyond loopback', async () => {
    const r = await onionServer('aes-gcm', path(), { url: 'http://example.invalid:80', x25519: info.fileServer.x25519 }, { method: 'GET', endpoint: '/file/x' });
    expect(r.httpStatus).toBe(502);
  });

  it('answers plain 400 to undecryptable bodies and an encrypted 400 to bad v4 encoding', async () => {
    const url = `${info.fileServer.url}/oxen/v4/lsrpc`;
    const undecryptable = await post(url, frame(Buffer.alloc(40, 2), { ephemeral_key: 'ef'.repeat(32) }));
    expect(undecryptable.status).toBe(400);
    const sealed = sealTo('aes-gcm', info.fileServer.x25519, Buffer.from('not bencoded'));
    const r = await post(url, frame(sealed.ciphertext, { ephemeral_key: sealed.ephPub.toString('hex') }));
    expect(r.status).toBe(200);
    const v4 = decodeV4(open('aes-gcm', sealed.key, r.body));
    expect(v4.meta).toEqual({ code: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    expect(v4.body.toString()).toBe('Invalid v4 onion request');
  });

  it('answers the version check, and 425 when its timestamp is a day off', async () => {
    const nowS = Math.floor(Date.now() / 1000);
    const ok = await onionServer('aes-gcm', path(), info.fileServer, {
      method: 'GET', endpoint: '/session_version?platform=desktop&release_channel=stable', headers: { 'X-FS-Timestamp': String(nowS) },
    });
    expect(ok.code).toBe(200);
    expect(JSON.parse(ok.body.toString())).toMatchObject({ status_code: 200, result: expect.any(String) });
    const early = await onionServer('aes-gcm', path(), info.fileServer, {
      method: 'GET', endpoint: '/session_version?platform=desktop', headers: { 'X-FS-Timestamp': String(nowS - 90_000) },
    });
    expect(early.code).toBe(425);
  });
});
