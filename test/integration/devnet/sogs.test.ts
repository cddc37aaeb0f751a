// The devnet community server (spec advanced.md A.2–A.7, A.10) through a real onion v4 path. Requests are
// written here by hand: blinded keys, X-SOGS-* signatures (A.3) and post signatures (A.4.3) are computed in
// this file with libsodium from fixed seeds, nonces and the devnet's injected clock, never with the client's
// builders; answers are compared with literal JSON.
import sodium from 'libsodium-wrappers-sumo';
import { startDevnet, type Devnet, type NodeInfo } from '../../../tools/devnet';
import { onionServer, sodiumReady } from './helpers';

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
      `{"token":"lobby","name":"Lobby","info_updates":2,"message_sequence":0,"created":1700000000,"active_users":1,` +
        `"active_users_cutoff":604800,"moderators":[],"admins":${JSON.stringify([admin.id, admin2.id].sort())},"read":true,"write":true,"upload":true}`,
    );
    const rooms = JSON.parse((await call(null, 'GET', '/rooms')).text) as Array<{ token: string; name: string; write: boolean }>;
    expect(rooms.map((x) => [x.token, x.name, x.write])).toEqual([
      ['lobby', 'Lobby', false],
      ['Dev', 'Developers', false],
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
