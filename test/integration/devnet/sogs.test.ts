// The devnet community server (spec advanced.md A.2–A.7, A.10) through a real onion v4 path. Requests are
// written here by hand: blinded keys, X-SOGS-* signatures (A.3) and post signatures (A.4.3) are computed in
// this file with libsodium from fixed seeds, nonces and the devnet's injected clock, never with the client's
// builders; answers are compared with literal JSON.
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import nodePath from 'node:path';
import sodium from 'libsodium-wrappers-sumo';
import { startDevnet, type Devnet, type NodeInfo } from '../../../tools/devnet';
import { onionServer, post as httpPost, sodiumReady } from './helpers';

const T0 = 1_700_000_000_000;
let nowMs = T0;
let devnet: Devnet;
let server: { url: string; x25519: string };
let serverPk: Uint8Array;
let path: NodeInfo[];

interface User {
  readonly seed: Uint8Array;
  readonly sessionId: string;
  readonly ka: Uint8Array;
  readonly kA: Uint8Array;
  readonly id: string;
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
const cat = (...parts: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(parts));
const sha512 = (b: Uint8Array): Uint8Array => sodium.crypto_hash_sha512(b);

/** A.4.1: k = Reduce(H64(server pk)), ka = k·a, kA = ka·G; the id is "15" || hex(kA). */
function user(fill: number): User {
  const seed = new Uint8Array(32).fill(fill);
  const kp = sodium.crypto_sign_seed_keypair(seed);
  const a = sodium.crypto_sign_ed25519_sk_to_curve25519(kp.privateKey);
  const k = sodium.crypto_core_ed25519_scalar_reduce(sodium.crypto_generichash(64, serverPk, null));
  const ka = sodium.crypto_core_ed25519_scalar_mul(k, a);
  const kA = sodium.crypto_scalarmult_ed25519_base_noclamp(ka);
  const sessionId = `05${hex(sodium.crypto_sign_ed25519_pk_to_curve25519(kp.publicKey))}`;
  return { seed, sessionId, ka, kA, id: `15${hex(kA)}` };
}

/** A.4.3 with Hrh = SHA512(seed)[32:64]. */
function blindSign(u: User, m: Uint8Array): Uint8Array {
  const hrh = sha512(u.seed).subarray(32);
  const r = sodium.crypto_core_ed25519_scalar_reduce(sha512(cat(hrh, u.kA, m)));
  const R = sodium.crypto_scalarmult_ed25519_base_noclamp(r);
  const h = sodium.crypto_core_ed25519_scalar_reduce(sha512(cat(R, u.kA, m)));
  return cat(R, sodium.crypto_core_ed25519_scalar_add(r, sodium.crypto_core_ed25519_scalar_mul(h, u.ka)));
}

let nonceCounter = 0;
const nextNonce = (): Uint8Array => {
  const n = new Uint8Array(16);
  new DataView(n.buffer).setUint32(12, ++nonceCounter);
  return n;
};

interface AuthOpts {
  readonly nonce?: Uint8Array;
  readonly ts?: number;
  readonly signPath?: string;
  readonly corrupt?: boolean;
}

/** A.3: SERVER_PUBKEY || NONCE || ascii(ts) || METHOD || PATH [|| H64(body)]. */
function authHeaders(u: User, method: string, endpoint: string, body: Uint8Array | undefined, o: AuthOpts = {}): Record<string, string> {
  const nonce = o.nonce ?? nextNonce();
  const ts = String(o.ts ?? Math.floor(nowMs / 1000));
  const enc = new TextEncoder();
  const parts = [serverPk, nonce, enc.encode(ts), enc.encode(method), enc.encode(o.signPath ?? endpoint)];
  if (body && body.length > 0) parts.push(sodium.crypto_generichash(64, body, null));
  const sig = blindSign(u, cat(...parts));
  if (o.corrupt) sig[5]! ^= 1;
  return { 'X-SOGS-Pubkey': u.id, 'X-SOGS-Nonce': b64(nonce), 'X-SOGS-Timestamp': ts, 'X-SOGS-Signature': b64(sig) };
}

interface Answer {
  code: number;
  headers: Record<string, string>;
  text: string;
  body: Buffer;
}

async function call(
  u: User | null,
  method: string,
  endpoint: string,
  body?: unknown,
  o: AuthOpts & { headers?: Record<string, string>; raw?: Uint8Array } = {},
): Promise<Answer> {
  const bytes = o.raw ?? (body === undefined ? undefined : new Uint8Array(Buffer.from(typeof body === 'string' ? body : JSON.stringify(body))));
  const headers: Record<string, string> = { ...(bytes && !o.raw ? { 'Content-Type': 'application/json' } : {}), ...o.headers };
  if (u) Object.assign(headers, authHeaders(u, method, endpoint, bytes, o));
  const r = await onionServer('xchacha20', path, server, { method, endpoint, headers, ...(bytes ? { body: bytes } : {}) });
  expect(r.httpStatus).toBe(200);
  return { code: r.code!, headers: r.headers!, text: r.body.toString('utf8'), body: r.body };
}

/** A room post: 160-padded content (spec 0.2) and its blinded signature. */
function post(u: User, content: string, size = 160): { data: string; signature: string } {
  const raw = Buffer.alloc(size);
  Buffer.from(content).copy(raw);
  raw[content.length] = 0x80;
  return { data: b64(raw), signature: b64(blindSign(u, raw)) };
}

let admin: User;
let admin2: User;
let alice: User;
let bob: User;

beforeAll(async () => {
  await sodiumReady();
  // Admins are configured by their 05 Session IDs; the server matches them to their 15 ids itself. Seed 2's
  // Ed25519 key has sign bit 1 (its 15 id is the flipped candidate, A.4.2), seed 6's sign bit 0.
  const x25519 = (fill: number): string => hex(sodium.crypto_sign_ed25519_pk_to_curve25519(sodium.crypto_sign_seed_keypair(new Uint8Array(32).fill(fill)).publicKey));
  devnet = await startDevnet({
    nodes: 3,
    swarmSize: 3,
    now: () => nowMs,
    sogsRooms: [
      { token: 'lobby', name: 'Lobby' },
      { token: 'Dev', name: 'Developers' },
    ],
    sogsAdmins: [`05${x25519(2)}`, `05${x25519(6)}`],
  });
  const info = devnet.info;
  server = { url: info.sogs!.url, x25519: info.sogs!.pubkey };
  serverPk = new Uint8Array(Buffer.from(info.sogs!.pubkey, 'hex'));
  path = info.nodes.slice(0, 3);
  admin = user(2);
  admin2 = user(6);
  alice = user(3);
  bob = user(4);
});
afterAll(async () => {
  await devnet.stop();
});

describe('onion v4 transport and capabilities', () => {
  it('announces itself in the ready line and network.json', () => {
    expect(devnet.sogs).toEqual(devnet.info.sogs);
    expect(devnet.info.sogs).toEqual({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), pubkey: expect.stringMatching(/^[0-9a-f]{64}$/), rooms: ['lobby', 'Dev'] });
  });

  it('answers GET /capabilities anonymously and signed, and 412 for a missing one', async () => {
    const anon = await call(null, 'GET', '/capabilities');
    expect(anon.code).toBe(200);
    expect(anon.headers).toEqual({ 'content-type': 'application/json' });
    expect(anon.text).toBe('{"capabilities":["blind","reactions","sogs"]}');
    expect((await call(alice, 'GET', '/capabilities')).text).toBe('{"capabilities":["blind","reactions","sogs"]}');
    const missing = await call(null, 'GET', '/capabilities?required=sogs,xyz');
    expect([missing.code, missing.text]).toEqual([412, '{"capabilities":["blind","reactions","sogs"],"missing":["xyz"]}']);
  });
});

describe('request authentication (A.3) on the wire', () => {
  it('refuses a bad signature with 401', async () => {
    const r = await call(alice, 'GET', '/room/lobby', undefined, { corrupt: true });
    expect([r.code, r.text]).toEqual([401, 'Invalid authentication: signature verification failed']);
    const wrongPath = await call(alice, 'GET', '/room/lobby', undefined, { signPath: '/room/Dev' });
    expect(wrongPath.code).toBe(401);
  });

  it('refuses a replayed nonce with 425 (only for the same pubkey)', async () => {
    const nonce = new Uint8Array(16).fill(0xee);
    expect((await call(alice, 'GET', '/capabilities', undefined, { nonce })).code).toBe(200);
    const again = await call(alice, 'GET', '/capabilities', undefined, { nonce });
    expect([again.code, again.text]).toEqual([425, 'Invalid authentication: nonce reused']);
    expect((await call(bob, 'GET', '/capabilities', undefined, { nonce })).code).toBe(200);
  });

  it('refuses timestamps outside ±24 h with 425', async () => {
    const ts = Math.floor(nowMs / 1000);
    expect((await call(alice, 'GET', '/capabilities', undefined, { ts: ts - 86_401 })).code).toBe(425);
    expect((await call(alice, 'GET', '/capabilities', undefined, { ts: ts + 86_401 })).code).toBe(425);
    expect((await call(alice, 'GET', '/capabilities', undefined, { ts: ts - 86_400 })).code).toBe(200);
    // Moving the devnet's clock moves the window.
    nowMs += 2 * 86_400_000;
    try {
      expect((await call(alice, 'GET', '/capabilities', undefined, { ts })).code).toBe(425);
    } finally {
      nowMs -= 2 * 86_400_000;
    }
  });

  it('refuses partial headers with 400 and unblinded auth with 400 and the text', async () => {
    const h = authHeaders(alice, 'GET', '/capabilities', undefined);
    const partial = await call(null, 'GET', '/capabilities', undefined, { headers: { 'X-SOGS-Pubkey': h['X-SOGS-Pubkey']!, 'X-SOGS-Nonce': h['X-SOGS-Nonce']! } });
    expect([partial.code, partial.text]).toEqual([400, 'Invalid authentication: incomplete X-SOGS-* headers']);
    // A correct unblinded (00) Ed25519 signature.
    const kp = sodium.crypto_sign_seed_keypair(alice.seed);
    const nonce = nextNonce();
    const ts = String(Math.floor(nowMs / 1000));
    const toSign = cat(serverPk, nonce, Buffer.from(ts), Buffer.from('GET'), Buffer.from('/capabilities'));
    const unblinded = await call(null, 'GET', '/capabilities', undefined, {
      headers: {
        'X-SOGS-Pubkey': `00${hex(kp.publicKey)}`,
        'X-SOGS-Nonce': b64(nonce),
        'X-SOGS-Timestamp': ts,
        'X-SOGS-Signature': b64(sodium.crypto_sign_detached(toSign, kp.privateKey)),
      },
    });
    expect([unblinded.code, unblinded.text]).toEqual([400, 'Invalid authentication: this server requires the use of blinded ids']);
  });

  it('answers 404 for an unknown room and 401 for an anonymous post', async () => {
    expect((await call(alice, 'GET', '/room/nowhere')).code).toBe(404);
    expect((await call(alice, 'GET', '/room/nowhere/messages/recent')).code).toBe(404);
    expect((await call(null, 'POST', '/room/lobby/message', post(alice, 'x'))).code).toBe(401);
  });
});

describe('rooms and posts', () => {
  it('lists rooms with the configured admin (matched from its 05 id) and answers a room object', async () => {
    // The admin's first request: its blinded id may be either candidate of its 05 id.
    expect((await call(admin, 'GET', '/capabilities')).code).toBe(200);
    const r = await call(alice, 'GET', '/room/lobby');
    expect(r.code).toBe(200);
    expect(r.text).toBe(
      `{"token":"lobby","name":"Lobby","info_updates":3,"message_sequence":0,"created":1700000000,"active_users":1,` +
        `"active_users_cutoff":604800,"moderators":[],"admins":${JSON.stringify([admin.id, admin2.id].sort())},"read":true,"write":true,"upload":true}`,
    );
    const rooms = JSON.parse((await call(null, 'GET', '/rooms')).text) as Array<{ token: string; name: string; write: boolean }>;
    expect(rooms.map((x) => [x.token, x.name, x.write])).toEqual([
      ['lobby', 'Lobby', true],
      ['Dev', 'Developers', true],
    ]);
    // Tokens are case-insensitive.
    expect(JSON.parse((await call(null, 'GET', '/room/dev')).text)).toMatchObject({ token: 'Dev' });
    const asAdmin = JSON.parse((await call(admin, 'GET', '/room/lobby')).text) as Record<string, unknown>;
    expect(asAdmin).toMatchObject({ moderator: true, admin: true, default_read: true, default_write: true });
  });

  it('stores a post whose signature verifies (201) and refuses a bad one (400)', async () => {
    const p = post(alice, 'hello');
    const r = await call(alice, 'POST', '/room/Dev/message', p);
    expect(r.code).toBe(201);
    expect(r.text).toBe(`{"id":1,"session_id":"${alice.id}","posted":1700000000,"seqno":1,"data":"${p.data}","signature":"${p.signature}","reactions":{}}`);
    const forged = { ...post(alice, 'hello'), signature: post(bob, 'hello').signature };
    const bad = await call(alice, 'POST', '/room/Dev/message', forged);
    expect([bad.code, bad.text]).toEqual([400, 'Message signature verification failed']);
    const whisper = await call(alice, 'POST', '/room/Dev/message', { ...post(alice, 'psst'), whisper_to: bob.id });
    expect([whisper.code, whisper.text]).toEqual([400, 'Whispers are not supported by this server']);
    const since = await call(bob, 'GET', '/room/Dev/messages/since/0?t=r&reactors=5');
    expect(since.text).toBe(`[{"id":1,"session_id":"${alice.id}","posted":1700000000,"seqno":1,"data":"${p.data}","signature":"${p.signature}","reactions":{}}]`);
  });

  it('returns data re-padded to the posted length (unpadded, short and 160-padded posts)', async () => {
    const odd = Buffer.from([1, 2, 3, 0x80, 0, 0, 0]);
    const plainBytes = Buffer.from([9, 0, 0]);
    for (const raw of [odd, plainBytes]) {
      const body = { data: b64(raw), signature: b64(blindSign(bob, raw)) };
      const r = JSON.parse((await call(bob, 'POST', '/room/Dev/message', body)).text) as { id: number };
      const got = JSON.parse((await call(null, 'GET', `/room/Dev/message/${r.id}`)).text) as { data: string };
      expect(got.data).toBe(b64(raw));
    }
  });
});

const parse = <T>(a: Answer): T => JSON.parse(a.text) as T;
interface Msg {
  id: number;
  seqno: number;
  session_id: string;
  posted: number;
  data: string | null;
  edited?: number;
  deleted?: true;
}

describe('pagination, edits and deletions', () => {
  const ids: number[] = [];
  const seqnos: number[] = [];
  beforeAll(async () => {
    for (let i = 1; i <= 5; i++) {
      const m = parse<Msg>(await call(bob, 'POST', '/room/lobby/message', post(bob, `m${i}`)));
      ids.push(m.id);
      seqnos.push(m.seqno);
    }
  });

  it('pages since a seqno oldest first, and recent/before newest first', async () => {
    const page = async (endpoint: string): Promise<number[]> => parse<Msg[]>(await call(alice, 'GET', endpoint)).map((m) => m.id);
    expect(await page('/room/lobby/messages/since/0?limit=2')).toEqual(ids.slice(0, 2));
    expect(await page(`/room/lobby/messages/since/${seqnos[1]}?limit=2`)).toEqual(ids.slice(2, 4));
    expect(await page(`/room/lobby/messages/since/${seqnos[3]}?limit=2`)).toEqual(ids.slice(4));
    expect(await page(`/room/lobby/messages/since/${seqnos[4]}`)).toEqual([]);
    expect(await page('/room/lobby/messages/recent?limit=2')).toEqual([ids[4], ids[3]]);
    expect(await page(`/room/lobby/messages/before/${ids[3]}?limit=2`)).toEqual([ids[2], ids[1]]);
    expect(await page(`/room/lobby/messages/before/${ids[0]}`)).toEqual([]);
    // limit above 256 is cut to 256, not refused.
    expect(await page('/room/lobby/messages/since/0?limit=300')).toEqual(ids);
  });

  it('bumps the seqno on an edit (author only) and shows the new content', async () => {
    const p = post(bob, 'm2 edited');
    expect((await call(alice, 'PUT', `/room/lobby/message/${ids[1]}`, post(alice, 'hijack'))).code).toBe(403);
    const r = await call(bob, 'PUT', `/room/lobby/message/${ids[1]}`, p);
    expect([r.code, r.text]).toEqual([200, '{}']);
    const upd = await call(alice, 'GET', `/room/lobby/messages/since/${seqnos[4]}`);
    expect(upd.text).toBe(
      `[{"id":${ids[1]},"session_id":"${bob.id}","posted":1700000000,"edited":1700000000,"seqno":${seqnos[4]! + 1},` +
        `"data":"${p.data}","signature":"${p.signature}","reactions":{}}]`,
    );
  });

  it('deletes for the author or a moderator, showing pollers a deletion row', async () => {
    expect((await call(alice, 'DELETE', `/room/lobby/message/${ids[2]}`)).code).toBe(403);
    expect((await call(bob, 'DELETE', `/room/lobby/message/${ids[2]}`)).text).toBe('{}');
    expect((await call(admin, 'DELETE', `/room/lobby/message/${ids[3]}`)).text).toBe('{}');
    const upd = await call(alice, 'GET', `/room/lobby/messages/since/${seqnos[4]! + 1}`);
    expect(upd.text).toBe(
      `[{"id":${ids[2]},"session_id":"${bob.id}","posted":1700000000,"seqno":${seqnos[4]! + 2},"deleted":true,"data":null},` +
        `{"id":${ids[3]},"session_id":"${bob.id}","posted":1700000000,"seqno":${seqnos[4]! + 3},"deleted":true,"data":null}]`,
    );
    expect((await call(alice, 'GET', `/room/lobby/message/${ids[2]}`)).code).toBe(404);
    expect((await call(bob, 'DELETE', `/room/lobby/message/${ids[2]}`)).code).toBe(404);
    expect(parse<Msg[]>(await call(alice, 'GET', '/room/lobby/messages/recent')).map((m) => m.id)).toEqual([ids[4], ids[1], ids[0]]);
  });

  describe('reactions', () => {
    const thumbs = '👍';
    const heart = '❤️';
    it('counts reactions with reactors and `you`, bumping the seqno; t=r shows reaction-only rows', async () => {
      const target = ids[0]!;
      const before = parse<{ message_sequence: number }>(await call(alice, 'GET', '/room/lobby')).message_sequence;
      const first = await call(alice, 'PUT', `/room/lobby/reaction/${target}/${thumbs}`, {});
      expect(first.text).toBe(`{"added":true,"seqno":${before + 1}}`);
      expect((await call(alice, 'PUT', `/room/lobby/reaction/${target}/${thumbs}`, {})).text).toBe(`{"added":false,"seqno":${before + 1}}`);
      await call(bob, 'PUT', `/room/lobby/reaction/${target}/${thumbs}`, {});
      nowMs += 1000;
      expect((await call(bob, 'PUT', `/room/lobby/reaction/${target}/${heart}`, {})).text).toBe(`{"added":true,"seqno":${before + 3}}`);
      nowMs -= 1000;
      const upd = await call(alice, 'GET', `/room/lobby/messages/since/${before}?t=r&reactors=5`);
      expect(upd.text).toBe(
        `[{"id":${target},"seqno":${before + 3},"reactions":{"${thumbs}":{"index":0,"count":2,"reactors":["${alice.id}","${bob.id}"],"you":true},` +
          `"${heart}":{"index":1,"count":1,"reactors":["${bob.id}"]}}}]`,
      );
      // Without t=r a reaction change is not an update; reactors=0 leaves the lists out.
      expect((await call(alice, 'GET', `/room/lobby/messages/since/${before}`)).text).toBe('[]');
      const one = parse<{ reactions: unknown }>(await call(bob, 'GET', `/room/lobby/message/${target}?reactors=0`));
      expect(one.reactions).toEqual({ [thumbs]: { index: 0, count: 2, you: true }, [heart]: { index: 1, count: 1, you: true } });
      const who = await call(null, 'GET', `/room/lobby/reactors/${target}/${heart}`);
      expect(who.text).toBe(`[["${bob.id}",1700000001]]`);
    });

    it('removes one own reaction, refuses long emoji, and lets only moderators clear everyone', async () => {
      const target = ids[0]!;
      expect((await call(alice, 'PUT', `/room/lobby/reaction/${target}/${'😀'.repeat(13)}`, {})).code).toBe(400);
      expect((await call(alice, 'PUT', `/room/lobby/reaction/${target}/${'😀'.repeat(12)}`, {})).code).toBe(200);
      expect(parse<{ removed: boolean }>(await call(alice, 'DELETE', `/room/lobby/reaction/${target}/${thumbs}`))).toMatchObject({ removed: true });
      expect(parse<{ removed: boolean }>(await call(alice, 'DELETE', `/room/lobby/reaction/${target}/${thumbs}`))).toMatchObject({ removed: false });
      expect((await call(alice, 'DELETE', `/room/lobby/reactions/${target}`)).code).toBe(403);
      expect(parse<{ removed: number }>(await call(admin, 'DELETE', `/room/lobby/reactions/${target}/${heart}`))).toMatchObject({ removed: 1 });
      expect(parse<{ removed: number }>(await call(admin, 'DELETE', `/room/lobby/reactions/${target}`))).toMatchObject({ removed: 2 });
      expect(parse<{ reactions: unknown }>(await call(alice, 'GET', `/room/lobby/message/${target}`)).reactions).toEqual({});
    });
  });

  it('pins for admins only (403 otherwise) and shows pinned_messages', async () => {
    expect((await call(alice, 'POST', `/room/lobby/pin/${ids[0]}`, {})).code).toBe(403);
    expect((await call(bob, 'POST', '/room/lobby/unpin/all', {})).code).toBe(403);
    const info = parse<{ info_updates: number }>(await call(alice, 'GET', '/room/lobby')).info_updates;
    expect((await call(admin, 'POST', `/room/lobby/pin/${ids[0]}`, {})).text).toBe(`{"info_updates":${info + 1}}`);
    const room = parse<{ pinned_messages: unknown }>(await call(alice, 'GET', '/room/lobby'));
    expect(room.pinned_messages).toEqual([{ id: ids[0], pinned_at: 1700000000, pinned_by: admin.id }]);
    expect((await call(admin, 'POST', `/room/lobby/unpin/${ids[4]}`, {})).text).toBe(`{"unpinned":0,"info_updates":${info + 1}}`);
    expect((await call(admin, 'POST', '/room/lobby/unpin/all', {})).text).toBe(`{"unpinned":1,"info_updates":${info + 2}}`);
    expect('pinned_messages' in parse<object>(await call(alice, 'GET', '/room/lobby'))).toBe(false);
  });
});

describe('files and the room image', () => {
  it('uploads (201, Content-Disposition name) and downloads in its room only; unreferenced files expire after an hour', async () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    const up = await call(alice, 'POST', '/room/Dev/file', undefined, {
      raw: bytes,
      headers: { 'Content-Type': 'application/octet-stream', 'Content-Disposition': "attachment; filename*=UTF-8''caf%C3%A9.png" },
    });
    expect(up.code).toBe(201);
    const { id } = parse<{ id: number }>(up);
    expect(up.text).toBe(`{"id":${id}}`);
    const down = await call(bob, 'GET', `/room/Dev/file/${id}`);
    expect(down.code).toBe(200);
    expect([...down.body]).toEqual([...bytes]);
    expect(down.headers).toEqual({
      'content-type': 'application/octet-stream',
      'content-disposition': "attachment; filename*=UTF-8''caf%C3%A9.png",
      date: 'Tue, 14 Nov 2023 22:13:20 GMT',
      expires: 'Tue, 14 Nov 2023 23:13:20 GMT',
    });
    expect((await call(null, 'GET', `/room/Dev/file/${id}/any-name.png`)).code).toBe(200);
    expect((await call(bob, 'GET', `/room/lobby/file/${id}`)).code).toBe(404);
    expect((await call(null, 'POST', '/room/Dev/file', undefined, { raw: bytes })).code).toBe(401);
    // A post referring to a second file keeps it; the first expires.
    const kept = parse<{ id: number }>(await call(alice, 'POST', '/room/Dev/file', undefined, { raw: bytes }));
    expect((await call(alice, 'POST', '/room/Dev/message', { ...post(alice, 'file'), files: [kept.id] })).code).toBe(201);
    nowMs += 3601_000;
    try {
      expect((await call(bob, 'GET', `/room/Dev/file/${id}`)).code).toBe(404);
      expect((await call(bob, 'GET', `/room/Dev/file/${kept.id}`)).code).toBe(200);
    } finally {
      nowMs -= 3601_000;
    }
  });

  it('lets admins set name, description and image (the image file is kept)', async () => {
    const img = parse<{ id: number }>(await call(admin, 'POST', '/room/Dev/file', undefined, { raw: new Uint8Array([137, 80, 78, 71]) }));
    expect((await call(alice, 'PUT', '/room/Dev', { name: 'X' })).code).toBe(403);
    expect((await call(admin, 'PUT', '/room/Dev', { image: 999_999 })).code).toBe(406);
    const before = parse<{ info_updates: number }>(await call(admin, 'GET', '/room/Dev')).info_updates;
    const r = await call(admin, 'PUT', '/room/Dev', { name: 'Developers!', description: 'Talk\nabout code', image: img.id });
    expect(r.text).toBe(`{"info_updates":${before + 1}}`);
    const room = parse<Record<string, unknown>>(await call(null, 'GET', '/room/Dev'));
    expect(room).toMatchObject({ name: 'Developers!', description: 'Talk\nabout code', image_id: img.id, info_updates: before + 1 });
    nowMs += 30 * 86_400_000;
    try {
      expect((await call(null, 'GET', `/room/Dev/file/${img.id}`)).code).toBe(200);
    } finally {
      nowMs -= 30 * 86_400_000;
    }
    const poll = parse<Record<string, unknown>>(await call(alice, 'GET', `/room/Dev/pollInfo/${before + 1}`));
    expect(poll).toEqual({ token: 'Dev', active_users: expect.any(Number), read: true, write: true, upload: true });
    const pollOld = parse<Record<string, unknown>>(await call(alice, 'GET', '/room/Dev/pollInfo/0'));
    expect(pollOld['details']).toMatchObject({ token: 'Dev', image_id: img.id });
  });
});

describe('moderation', () => {
  it('bans by 05 id (matched on first sight), answers 403 to the banned user, and unbans', async () => {
    // Seed 5's key has sign bit 1: the ban lands on the right 15 id only once the server sees it.
    const carol = user(5);
    const carolSessionId = carol.sessionId;
    expect((await call(alice, 'POST', `/user/${carolSessionId}/ban`, { rooms: ['lobby'] })).code).toBe(403);
    expect((await call(admin, 'POST', `/user/${carolSessionId}/ban`, { rooms: ['lobby'] })).text).toBe('{}');
    const banned = await call(carol, 'GET', '/room/lobby/messages/recent');
    expect([banned.code, banned.text]).toEqual([403, 'Banned']);
    expect((await call(carol, 'POST', '/room/lobby/message', post(carol, 'hi'))).code).toBe(403);
    expect((await call(carol, 'GET', '/room/Dev/messages/recent')).code).toBe(200);
    expect(parse<Array<{ token: string }>>(await call(carol, 'GET', '/rooms')).map((r) => r.token)).toEqual(['Dev']);
    expect((await call(admin, 'POST', `/user/${carol.id}/unban`, { rooms: ['lobby'] })).text).toBe('{}');
    expect((await call(carol, 'GET', '/room/lobby/messages/recent')).code).toBe(200);
    // Rooms xor global.
    expect((await call(admin, 'POST', `/user/${carol.id}/ban`, { rooms: ['lobby'], global: true })).code).toBe(400);
    expect((await call(admin, 'POST', `/user/${carol.id}/ban`, {})).code).toBe(400);
  });

  it('bans from every room of the caller with `*` and a timeout', async () => {
    const dave = user(7);
    expect((await call(dave, 'GET', '/capabilities')).code).toBe(200);
    expect((await call(admin, 'POST', `/user/${dave.id}/ban`, { rooms: ['*'], timeout: 60 })).text).toBe('{}');
    expect((await call(dave, 'GET', '/room/lobby')).code).toBe(403);
    expect((await call(dave, 'GET', '/room/Dev')).code).toBe(403);
    nowMs += 61_000;
    expect((await call(dave, 'GET', '/room/Dev')).code).toBe(200);
  });

  it('adds and removes moderators (admins only), who may then delete all of a user\'s posts', async () => {
    expect((await call(alice, 'POST', `/user/${bob.id}/moderator`, { rooms: ['Dev'], moderator: true })).code).toBe(403);
    expect((await call(admin, 'POST', `/user/${bob.id}/moderator`, { rooms: ['Dev'], admin: true, moderator: false })).code).toBe(400);
    const info = parse<{ info_updates: number }>(await call(admin, 'GET', '/room/Dev')).info_updates;
    const r = await call(admin, 'POST', `/user/${bob.id}/moderator`, { rooms: ['Dev'], moderator: true });
    expect(r.text).toBe(`{"info_updates":{"Dev":${info + 1}}}`);
    expect(parse<{ moderators: string[] }>(await call(null, 'GET', '/room/Dev')).moderators).toEqual([bob.id]);
    expect(parse<{ moderator?: boolean }>(await call(bob, 'GET', '/room/Dev')).moderator).toBe(true);
    const alicePosts = parse<Msg[]>(await call(null, 'GET', '/room/Dev/messages/recent')).filter((m) => m.session_id === alice.id).length;
    expect(alicePosts).toBeGreaterThan(0);
    expect((await call(alice, 'DELETE', `/room/Dev/all/${bob.id}`)).code).toBe(403);
    expect((await call(bob, 'DELETE', `/room/Dev/all/${alice.id}`)).text).toBe(`{"deleted":${alicePosts}}`);
    expect(parse<Msg[]>(await call(null, 'GET', '/room/Dev/messages/recent')).filter((m) => m.session_id === alice.id)).toEqual([]);
    // Hidden moderators are listed to moderators only.
    await call(admin, 'POST', `/user/${alice.id}/moderator`, { rooms: ['Dev'], moderator: true, visible: false });
    expect(parse<Record<string, unknown>>(await call(bob, 'GET', '/room/Dev'))['hidden_moderators']).toEqual([alice.id]);
    expect('hidden_moderators' in parse<object>(await call(null, 'GET', '/room/Dev'))).toBe(false);
    await call(admin, 'POST', `/user/${alice.id}/moderator`, { rooms: ['Dev'], moderator: false });
    await call(admin, 'POST', `/user/${bob.id}/moderator`, { rooms: ['Dev'], moderator: false, admin: false });
    expect(parse<{ moderators: string[] }>(await call(null, 'GET', '/room/Dev')).moderators).toEqual([]);
    expect((await call(bob, 'DELETE', `/room/Dev/all/${admin.id}`)).code).toBe(403);
  });
});

describe('blinded DM inbox and outbox (A.10)', () => {
  it('delivers to a seen 15 id, lists with 304 when nothing is new, and clears', async () => {
    const msg = b64(new Uint8Array([0, 1, 2, 3]));
    expect((await call(alice, 'POST', `/inbox/15${'ab'.repeat(32)}`, { message: msg })).code).toBe(404);
    expect((await call(null, 'POST', `/inbox/${bob.id}`, { message: msg })).code).toBe(401);
    const sent = await call(alice, 'POST', `/inbox/${bob.id}`, { message: msg });
    expect(sent.code).toBe(201);
    const t = nowMs / 1000;
    const { id } = parse<{ id: number }>(sent);
    expect(sent.text).toBe(`{"id":${id},"posted_at":${t},"expires_at":${t + 15 * 86_400},"sender":"${alice.id}","recipient":"${bob.id}"}`);
    const entry = `{"id":${id},"posted_at":${t},"expires_at":${t + 15 * 86_400},"sender":"${alice.id}","recipient":"${bob.id}","message":"${msg}"}`;
    expect((await call(bob, 'GET', '/inbox')).text).toBe(`[${entry}]`);
    expect((await call(bob, 'GET', `/inbox/since/${id - 1}`)).text).toBe(`[${entry}]`);
    const none = await call(bob, 'GET', `/inbox/since/${id}`);
    expect([none.code, none.body.length]).toEqual([304, 0]);
    expect((await call(alice, 'GET', '/outbox')).text).toBe(`[${entry}]`);
    expect((await call(alice, 'GET', `/outbox/since/${id}`)).code).toBe(304);
    expect((await call(alice, 'GET', '/inbox')).text).toBe('[]');
    expect((await call(null, 'GET', '/inbox')).code).toBe(401);
    expect((await call(bob, 'DELETE', '/inbox')).text).toBe('{"deleted":1}');
    expect((await call(bob, 'GET', '/inbox')).text).toBe('[]');
  });
});

describe('batch and sequence (A.7)', () => {
  it('runs every sub-request of a batch as the signed outer user', async () => {
    const p = post(alice, 'from a batch');
    const r = await call(alice, 'POST', '/batch', [
      { method: 'GET', path: '/capabilities' },
      { method: 'GET', path: '/room/nowhere' },
      { method: 'POST', path: '/room/lobby/message', json: p },
      { method: 'GET', path: `/inbox/since/999999` },
    ]);
    expect(r.code).toBe(200);
    const out = parse<Array<{ code: number; headers: Record<string, string>; body: unknown }>>(r);
    expect(out[0]).toEqual({ code: 200, headers: { 'content-type': 'application/json' }, body: { capabilities: ['blind', 'reactions', 'sogs'] } });
    expect(out[1]).toEqual({ code: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: Buffer.from('Room not found').toString('base64') });
    expect(out[2]).toMatchObject({ code: 201, body: { session_id: alice.id, data: p.data } });
    expect(out[3]).toEqual({ code: 304, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: '' });
  });

  it('stops a sequence after the first failure, and refuses malformed sub-requests', async () => {
    const r = await call(alice, 'POST', '/sequence', [
      { method: 'GET', path: '/capabilities' },
      { method: 'POST', path: '/room/lobby/pin/1', json: {} },
      { method: 'GET', path: '/rooms' },
    ]);
    expect(parse<Array<{ code: number }>>(r).map((x) => x.code)).toEqual([200, 403]);
    expect((await call(alice, 'POST', '/batch', [{ method: 'GET', path: '/capabilities', json: {} }])).code).toBe(400);
    expect((await call(alice, 'POST', '/batch', [{ method: 'POST', path: '/batch', json: [] }])).text).toContain('"code":400');
    // An anonymous batch reads like anonymous requests do; a bad outer signature fails the whole batch.
    const anon = parse<Array<{ code: number }>>(await call(null, 'POST', '/batch', [{ method: 'GET', path: '/room/lobby/messages/recent?limit=1' }, { method: 'GET', path: '/inbox' }]));
    expect(anon.map((x) => x.code)).toEqual([200, 401]);
    expect((await call(alice, 'POST', '/batch', [{ method: 'GET', path: '/capabilities' }], { corrupt: true })).code).toBe(401);
  });
});

describe('bad input', () => {
  it('answers clear 400/404s to malformed requests and keeps working', async () => {
    const bad = async (method: string, endpoint: string, body?: unknown): Promise<[number, string]> => {
      const r = await call(alice, method, endpoint, body);
      return [r.code, r.text];
    };
    expect(await bad('POST', '/room/lobby/message', '{"data":')).toEqual([400, 'Invalid JSON body']);
    expect(await bad('POST', '/room/lobby/message', '[1]')).toEqual([400, 'JSON body must be an object']);
    expect(await bad('POST', '/room/lobby/message', { data: 'AA==', signature: 'short' })).toEqual([400, 'Message signature must be 64 bytes of base64']);
    expect(await bad('GET', '/room/lobby/messages/since/abc')).toEqual([400, 'Invalid seqno']);
    expect(await bad('GET', '/room/lobby/messages/recent?limit=x')).toEqual([400, 'Invalid limit']);
    expect(await bad('GET', '/room/lobby/message/99999')).toEqual([404, 'Message not found']);
    expect(await bad('GET', '/room/lobby/reactors/1')).toEqual([404, 'GET /room/lobby/reactors/1 Not Found']);
    expect(await bad('GET', '/room/bad%zz')).toEqual([400, 'Invalid path encoding']);
    expect(await bad('GET', '/room/has.dot')).toEqual([404, 'Room not found']);
    expect(await bad('POST', '/batch', { not: 'a list' })).toEqual([400, 'Batch body must be a non-empty list']);
    expect(await bad('POST', '/user/05zz/ban', { rooms: ['lobby'] })).toEqual([400, 'Invalid session id']);
    expect((await call(alice, 'GET', '/capabilities')).code).toBe(200);
  });

  it('routes and verifies %-encoded paths by their decoded text (A.3)', async () => {
    const m = parse<Msg>(await call(alice, 'POST', '/room/lobby/message', post(alice, 'encoded')));
    const encoded = `/room/lobby/reaction/${m.id}/${encodeURIComponent('🎉')}`;
    const decoded = `/room/lobby/reaction/${m.id}/🎉`;
    expect((await call(bob, 'PUT', encoded, {}, { signPath: encoded })).code).toBe(401);
    expect(parse<{ added: boolean }>(await call(bob, 'PUT', encoded, {}, { signPath: decoded }))).toMatchObject({ added: true });
    expect(parse<{ added: boolean }>(await call(bob, 'PUT', decoded, {}))).toMatchObject({ added: false });
  });
});

describe('test controls', () => {
  it('injects failures answered inside the v4 reply', async () => {
    devnet.failSogs({ status: 503, times: 2 });
    const failed = await call(alice, 'GET', '/capabilities');
    expect([failed.code, failed.text]).toEqual([503, 'Injected fault']);
    expect((await call(null, 'GET', '/rooms')).code).toBe(503);
    expect((await call(null, 'GET', '/capabilities')).code).toBe(200);
    const control = devnet.info.controlUrl;
    expect((await httpPost(`${control}sogs/fail`, JSON.stringify({ status: 500 }))).status).toBe(200);
    expect((await call(null, 'GET', '/capabilities')).code).toBe(500);
    expect((await httpPost(`${control}sogs/clear`, '')).status).toBe(200);
    expect((await call(null, 'GET', '/capabilities')).code).toBe(200);
  });

  it('imports signed posts in bulk and refuses a bad signature without adding anything', async () => {
    const control = devnet.info.controlUrl;
    const p1 = post(alice, 'bulk 1');
    const p2 = post(bob, 'bulk 2');
    const r = await httpPost(
      `${control}sogs/rooms/lobby/import`,
      JSON.stringify({ posts: [{ session_id: alice.id, ...p1, posted: 1_690_000_000.5 }, { session_id: bob.id, ...p2 }] }),
    );
    expect(r.status).toBe(200);
    const { ids } = JSON.parse(r.body.toString()) as { ids: number[] };
    expect(ids).toHaveLength(2);
    const got = parse<Msg[]>(await call(null, 'GET', `/room/lobby/messages/before/${ids[1]! + 1}?limit=2`));
    expect(got.map((m) => [m.id, m.session_id, m.data, m.posted])).toEqual([
      [ids[1], bob.id, p2.data, nowMs / 1000],
      [ids[0], alice.id, p1.data, 1_690_000_000.5],
    ]);
    const bad = await httpPost(`${control}sogs/rooms/lobby/import`, JSON.stringify({ posts: [{ session_id: bob.id, ...p1 }] }));
    expect([bad.status, bad.body.toString()]).toEqual([400, 'post 0: signature does not verify']);
    expect(() => devnet.importSogsPosts('nowhere', [])).toThrow('unknown room nowhere');
  });
});

describe('--state-dir', () => {
  it('keeps key, port, rooms, posts, reactions, files, bans, nonces and the inbox across a restart', async () => {
    const dir = await fsp.mkdtemp(nodePath.join(os.tmpdir(), 'devnet-sogs-state-'));
    const saved = { devnet, server, serverPk, path };
    try {
      devnet = await startDevnet({ nodes: 1, swarmSize: 1, stateDir: dir, now: () => nowMs });
      const first = devnet.info;
      expect(first.sogs?.rooms).toEqual(['lobby']);
      server = { url: first.sogs!.url, x25519: first.sogs!.pubkey };
      serverPk = new Uint8Array(Buffer.from(first.sogs!.pubkey, 'hex'));
      path = first.nodes.slice(0, 1);
      const [a, b, banned] = [user(3), user(4), user(8)];
      const m = parse<Msg>(await call(a, 'POST', '/room/lobby/message', post(a, 'kept')));
      await call(b, 'PUT', `/room/lobby/reaction/${m.id}/👍`, {});
      const file = parse<{ id: number }>(await call(a, 'POST', '/room/lobby/file', undefined, { raw: new Uint8Array([7, 7]) }));
      await call(a, 'POST', `/inbox/${b.id}`, { message: 'AAEC' });
      await call(banned, 'GET', '/capabilities');
      const nonce = new Uint8Array(16).fill(0x42);
      expect((await call(a, 'GET', '/capabilities', undefined, { nonce })).code).toBe(200);
      await devnet.stop();

      // A restart with a new room keeps the old one.
      devnet = await startDevnet({ nodes: 1, swarmSize: 1, stateDir: dir, now: () => nowMs, sogsRooms: [{ token: 'news', name: 'News' }], sogsAdmins: [a.id] });
      expect(devnet.info.sogs).toEqual({ ...first.sogs, rooms: ['lobby', 'news'] });
      expect((await call(a, 'GET', '/capabilities', undefined, { nonce })).code).toBe(425);
      const got = parse<Msg & { reactions: Record<string, { count: number }> }>(await call(b, 'GET', `/room/lobby/message/${m.id}`));
      expect(got).toMatchObject({ data: post(a, 'kept').data, reactions: { '👍': { count: 1, you: true } } });
      expect([...(await call(b, 'GET', `/room/lobby/file/${file.id}`)).body]).toEqual([7, 7]);
      expect(parse<unknown[]>(await call(b, 'GET', '/inbox'))).toHaveLength(1);
      expect(parse<{ admins: string[] }>(await call(null, 'GET', '/room/news')).admins).toEqual([a.id]);
      expect((await call(a, 'POST', `/user/${banned.id}/ban`, { global: true })).code).toBe(403);
      await call(a, 'POST', `/user/${banned.id}/ban`, { rooms: ['*'] });
      await devnet.stop();
      devnet = await startDevnet({ nodes: 1, swarmSize: 1, stateDir: dir, now: () => nowMs });
      expect((await call(banned, 'GET', '/room/news')).code).toBe(403);
      await devnet.stop();
    } finally {
      ({ devnet, server, serverPk, path } = saved);
      await fsp.rm(dir, { recursive: true, force: true });
    }
  });

  it('starts no community server with noSogs', async () => {
    const plainNet = await startDevnet({ nodes: 1, swarmSize: 1, noSogs: true });
    try {
      expect(plainNet.info.sogs).toBeUndefined();
      expect(plainNet.sogs).toBeUndefined();
    } finally {
      await plainNet.stop();
    }
  });
});
