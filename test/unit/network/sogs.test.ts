// SogsClient over a fake `send`: the exact v4 requests it produces (endpoint, headers, body bytes), the
// X-SOGS-* signature re-checked here from the spec's formula with libsodium, /batch bodies, replies parsed,
// the 425 retry and the blinding refusal. The engine's integration tests run it against the devnet server.
import {
  loadProtocol,
  blind15IdFromEd25519,
  encodeV4Request,
  ed25519KeyPairFromSeed,
  sodium,
  type KeyPair,
  type V4Request,
  type V4Response,
} from '../../../ts/protocol';
import { SogsClient, SogsError, buildPollBatch, parsePollBatch, sogsServerTarget, type SogsServer } from '../../../ts/network/sogs';
import type { ServerTarget } from '../../../ts/network/config';
import type { SendToServerOptions } from '../../../ts/network/fileTransfer';

const SERVER: SogsServer = { baseUrl: 'http://127.0.0.1:40123', pubkey: 'c3b3c6f32f0ab5a57f853cc4f30f5da7fda5624b0c77b3fb0829de562ada081d' };
const NOW_MS = 1_642_472_103_456;
const enc = new TextEncoder();
const dec = new TextDecoder();

interface Sent {
  request: V4Request;
  options: SendToServerOptions & { server: ServerTarget };
}

function reply(code: number, body: unknown, headers: Record<string, string> = {}): V4Response {
  const bytes = body instanceof Uint8Array ? body : enc.encode(typeof body === 'string' ? body : JSON.stringify(body));
  return { code, headers: { 'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json', ...headers }, body: bytes };
}

function setup(replies: Array<V4Response | ((r: V4Request) => V4Response)>) {
  const sent: Sent[] = [];
  let counter = 0;
  const keys: KeyPair = ed25519KeyPairFromSeed(Buffer.from('c010d89eccbaf5d1c6d19df766c6eedf965d4a28a56f87c9fc819edb59896dd9', 'hex'));
  const client = new SogsClient({
    send: async (request, options) => {
      sent.push({ request, options });
      const next = replies.shift();
      if (!next) throw new Error('no scripted reply');
      return typeof next === 'function' ? next(request) : next;
    },
    now: () => NOW_MS,
    random: (n) => Uint8Array.from({ length: n }, () => (counter++ * 37 + 11) & 0xff),
    identity: { ed25519: { secretKey: keys.secretKey } },
  });
  return { client, sent, keys };
}

/** The spec's signed string, written out here (not the client's builder). */
function expectedToSign(path: string, method: string, nonce: Uint8Array, ts: string, body?: Uint8Array): Uint8Array {
  const parts = [Buffer.from(SERVER.pubkey, 'hex'), Buffer.from(nonce), Buffer.from(ts), Buffer.from(method), Buffer.from(path, 'utf8')];
  if (body && body.length > 0) parts.push(Buffer.from(sodium().crypto_generichash(64, body, null)));
  return new Uint8Array(Buffer.concat(parts));
}

function checkSigned(s: Sent, keys: KeyPair, blinded: boolean, signedPath = s.request.endpoint): void {
  const h = s.request.headers ?? {};
  const pubkey = h['X-SOGS-Pubkey'] as string;
  const expectedKey = blinded ? blind15IdFromEd25519(keys.publicKey, Buffer.from(SERVER.pubkey, 'hex')) : `00${Buffer.from(keys.publicKey).toString('hex')}`;
  expect(pubkey).toBe(expectedKey);
  expect(h['X-SOGS-Timestamp']).toBe(String(Math.floor(NOW_MS / 1000)));
  const nonce = Buffer.from(h['X-SOGS-Nonce'] as string, 'base64');
  expect(nonce.length).toBe(16);
  const sig = Buffer.from(h['X-SOGS-Signature'] as string, 'base64');
  const msg = expectedToSign(signedPath, s.request.method, nonce, h['X-SOGS-Timestamp'] as string, s.request.body);
  expect(sodium().crypto_sign_verify_detached(sig, msg, Buffer.from(pubkey.slice(2), 'hex'))).toBe(true);
}

beforeAll(loadProtocol);

describe('request', () => {
  test('blinded GET: v4 request bytes, target, signature verifies with libsodium against our 15 key', async () => {
    const { client, sent, keys } = setup([reply(200, { token: 'lobby' })]);
    const res = await client.request(SERVER, { method: 'GET', path: '/room/lobby/messages/recent?limit=25' }, { timeoutMs: 1234 });
    expect(res.code).toBe(200);
    expect(res.json()).toEqual({ token: 'lobby' });
    expect(sent).toHaveLength(1);
    const s = sent[0]!;
    expect(s.options.server).toEqual(sogsServerTarget(SERVER));
    expect(s.options.server.url).toBe('http://127.0.0.1:40123');
    expect(s.options.server.x25519).toBe(SERVER.pubkey);
    expect(s.options.timeoutMs).toBe(1234);
    expect(s.request.body).toBeUndefined();
    expect(Object.keys(s.request.headers ?? {}).sort()).toEqual(['X-SOGS-Nonce', 'X-SOGS-Pubkey', 'X-SOGS-Signature', 'X-SOGS-Timestamp']);
    checkSigned(s, keys, true);
    // The exact v4 plaintext the onion layer will carry.
    const h = s.request.headers ?? {};
    const meta = JSON.stringify({ endpoint: '/room/lobby/messages/recent?limit=25', headers: h, method: 'GET' });
    expect(dec.decode(encodeV4Request(s.request))).toBe(`l${enc.encode(meta).length}:${meta}e`);
    expect(client.blindedId(SERVER)).toBe(h['X-SOGS-Pubkey']);
  });

  test('unblinded POST with a JSON body: Content-Type, exact body, body hash signed; anonymous requests carry no auth', async () => {
    const { client, sent, keys } = setup([reply(201, { id: 7 }), reply(200, { capabilities: ['sogs'] })]);
    await client.request(SERVER, { method: 'POST', path: '/room/lobby/message', json: { data: 'AAE=', signature: 'x' } }, { auth: 'unblinded' });
    const s = sent[0]!;
    expect(dec.decode(s.request.body)).toBe('{"data":"AAE=","signature":"x"}');
    expect(s.request.headers?.['Content-Type']).toBe('application/json');
    checkSigned(s, keys, false);
    await client.request(SERVER, { method: 'GET', path: '/capabilities' }, { auth: 'none' });
    expect(sent[1]!.request.headers).toEqual({});
  });

  test('each request has a fresh nonce', async () => {
    const { client, sent } = setup([reply(200, {}), reply(200, {})]);
    await client.request(SERVER, { method: 'GET', path: '/rooms' });
    await client.request(SERVER, { method: 'GET', path: '/rooms' });
    expect(sent[0]!.request.headers?.['X-SOGS-Nonce']).not.toBe(sent[1]!.request.headers?.['X-SOGS-Nonce']);
  });

  test('425 is retried once with a fresh nonce and the server clock; a second 425 is a clock error', async () => {
    const serverDate = 'Tue, 18 Jan 2022 03:00:00 GMT';
    const { client, sent, keys } = setup([reply(425, 'Invalid authentication: X-SOGS-Timestamp is too far', { date: serverDate }), reply(200, { capabilities: [] })]);
    const res = await client.request(SERVER, { method: 'GET', path: '/room/lobby' });
    expect(res.code).toBe(200);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.request.headers?.['X-SOGS-Timestamp']).toBe(String(Date.parse(serverDate) / 1000));
    expect(sent[1]!.request.headers?.['X-SOGS-Nonce']).not.toBe(sent[0]!.request.headers?.['X-SOGS-Nonce']);
    checkSigned(sent[0]!, keys, true);

    const again = setup([reply(425, 'nonce reused'), reply(425, 'nonce reused')]);
    const err = await again.client.room(SERVER, 'lobby').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SogsError);
    expect((err as SogsError).kind).toBe('clock');
    expect((err as SogsError).status).toBe(425);
    expect(again.sent).toHaveLength(2);
  });

  test('"requires the use of blinded ids" is its own error kind; other refusals carry status and text', async () => {
    const { client } = setup([
      reply(400, 'Invalid authentication: this server requires the use of blinded ids'),
      reply(403, 'Banned'),
      reply(404, 'Not found'),
      reply(200, 'not json'),
    ]);
    const e1 = (await client.request(SERVER, { method: 'GET', path: '/room/lobby' }, { auth: 'unblinded' }).catch((e: unknown) => e)) as SogsError;
    expect([e1.kind, e1.status]).toEqual(['requires-blinding', 400]);
    const e2 = (await client.room(SERVER, 'lobby').catch((e: unknown) => e)) as SogsError;
    expect([e2.kind, e2.status, e2.serverText]).toEqual(['forbidden', 403, 'Banned']);
    const e3 = (await client.message(SERVER, 'lobby', 5).catch((e: unknown) => e)) as SogsError;
    expect(e3.kind).toBe('not-found');
    const e4 = (await client.room(SERVER, 'lobby').catch((e: unknown) => e)) as SogsError;
    expect(e4.kind).toBe('bad-response');
  });

  test('bad arguments are refused before anything is sent', async () => {
    const { client, sent } = setup([]);
    await expect(client.room(SERVER, 'no/such')).rejects.toThrow(/room token/);
    await expect(client.deleteAllFrom(SERVER, 'lobby', '05zz')).rejects.toThrow(/Account ID/);
    await expect(client.react(SERVER, 'lobby', 1, 'a/b')).rejects.toThrow(/reaction/);
    await expect(client.message(SERVER, 'lobby', -1)).rejects.toThrow(/number/);
    await expect(client.request({ ...SERVER, pubkey: 'xyz' }, { method: 'GET', path: '/rooms' })).rejects.toThrow(/server key/);
    await expect(client.setModerator(SERVER, `05${'a'.repeat(64)}`, { moderator: false, admin: true, rooms: ['lobby'] })).rejects.toThrow(/admin is also a moderator/);
    expect(sent).toHaveLength(0);
  });
});

describe('batch and poll', () => {
  test('batch: one signed POST /batch whose body is the exact JSON array; sub-responses read', async () => {
    const subs = [
      { method: 'GET' as const, path: '/capabilities' },
      { method: 'POST' as const, path: '/room/lobby/pin/3', json: {} },
    ];
    const { client, sent, keys } = setup([
      reply(200, [
        { code: 200, headers: { 'Content-Type': 'application/json' }, body: { capabilities: ['blind', 'reactions', 'sogs'] } },
        { code: 403, headers: {}, body: Buffer.from('Forbidden').toString('base64') },
      ]),
    ]);
    const out = await client.batch(SERVER, subs);
    const s = sent[0]!;
    expect([s.request.method, s.request.endpoint]).toEqual(['POST', '/batch']);
    expect(dec.decode(s.request.body)).toBe('[{"method":"GET","path":"/capabilities"},{"method":"POST","path":"/room/lobby/pin/3","json":{}}]');
    checkSigned(s, keys, true);
    expect(out).toEqual([
      { code: 200, headers: { 'content-type': 'application/json' }, body: { capabilities: ['blind', 'reactions', 'sogs'] } },
      { code: 403, headers: {}, body: Buffer.from('Forbidden').toString('base64') },
    ]);
  });

  test('sequence goes to /sequence; malformed sub-requests are refused', async () => {
    const { client, sent } = setup([reply(200, [{ code: 200, headers: {}, body: {} }])]);
    await client.sequence(SERVER, [{ method: 'DELETE', path: `/room/lobby/all/15${'a'.repeat(64)}` }]);
    expect(sent[0]!.request.endpoint).toBe('/sequence');
    await expect(client.batch(SERVER, [{ method: 'GET', path: '/x', json: {} }])).rejects.toThrow(/no body/);
    await expect(client.batch(SERVER, [{ method: 'POST', path: '/x' }])).rejects.toThrow(/exactly one body/);
    await expect(client.batch(SERVER, [{ method: 'GET', path: 'x' }])).rejects.toThrow(/starts with/);
    expect(await client.batch(SERVER, [])).toEqual([]);
  });

  test('buildPollBatch: the desktop A.8 shape', () => {
    expect(buildPollBatch({ rooms: [{ token: 'lobby' }, { token: 'Dev', sinceSeqno: 42 }], inbox: {}, outbox: { sinceId: 9 } })).toEqual([
      { method: 'GET', path: '/capabilities' },
      { method: 'GET', path: '/room/lobby/pollInfo/0' },
      { method: 'GET', path: '/room/lobby/messages/recent?reactors=5' },
      { method: 'GET', path: '/room/Dev/pollInfo/0' },
      { method: 'GET', path: '/room/Dev/messages/since/42?t=r&reactors=5' },
      { method: 'GET', path: '/inbox' },
      { method: 'GET', path: '/outbox/since/9' },
    ]);
    expect(buildPollBatch({ rooms: [], inbox: { sinceId: 3 }, reactors: 0 })).toEqual([
      { method: 'GET', path: '/capabilities' },
      { method: 'GET', path: '/inbox/since/3' },
    ]);
  });

  test('poll: results parsed per room; one failing room or a 304 inbox does not hide the rest', async () => {
    const plan = { rooms: [{ token: 'lobby', sinceSeqno: 1 }, { token: 'gone' }], inbox: { sinceId: 4 }, outbox: {} };
    const sig = Buffer.alloc(64, 1).toString('base64');
    const data = Buffer.from([1, 2, 3, 0x80]).toString('base64');
    const room = { token: 'lobby', name: 'Lobby', info_updates: 3, message_sequence: 9, active_users: 2, moderators: [], admins: [`15${'b'.repeat(64)}`], read: true, write: true, upload: true };
    const { client } = setup([
      reply(200, [
        { code: 200, headers: {}, body: { capabilities: ['blind', 'reactions', 'sogs'] } },
        { code: 200, headers: {}, body: { token: 'lobby', active_users: 2, read: true, write: true, upload: true, details: room } },
        {
          code: 200,
          headers: {},
          body: [
            { id: 5, session_id: `15${'c'.repeat(64)}`, posted: 1700000000.25, seqno: 2, data, signature: sig, reactions: { '👍': { index: 0, count: 2, reactors: [`15${'d'.repeat(64)}`], you: true } } },
            { id: 4, seqno: 3, deleted: true, data: null },
            { id: 5, seqno: 4, reactions: {} },
          ],
        },
        { code: 404, headers: {}, body: Buffer.from('No such room').toString('base64') },
        { code: 404, headers: {}, body: Buffer.from('No such room').toString('base64') },
        { code: 304, headers: {}, body: null },
        { code: 200, headers: {}, body: [{ id: 11, posted_at: 1700000001.5, expires_at: 1700864001.5, sender: `15${'c'.repeat(64)}`, recipient: `15${'e'.repeat(64)}`, message: 'AAEC' }] },
      ]),
    ]);
    const r = await client.poll(SERVER, plan);
    expect(r.capabilities).toEqual({ capabilities: ['blind', 'reactions', 'sogs'] });
    expect(r.rooms[0]!.info?.details?.admins).toEqual([`15${'b'.repeat(64)}`]);
    expect(r.rooms[0]!.info?.details?.infoUpdates).toBe(3);
    const msgs = r.rooms[0]!.messages!;
    expect(msgs[0]).toMatchObject({ id: 5, seqno: 2, posted: 1700000000.25, deleted: false, reactions: { '👍': { count: 2, you: true } } });
    expect(Array.from(msgs[0]!.data!)).toEqual([1, 2, 3, 0x80]);
    expect(msgs[1]).toMatchObject({ id: 4, seqno: 3, deleted: true });
    expect(msgs[1]!.data).toBeUndefined();
    expect(msgs[2]!.sessionId).toBeUndefined();
    expect(r.rooms[1]!.error?.kind).toBe('not-found');
    expect(r.rooms[1]!.error?.serverText).toBe('No such room');
    expect(r.inbox).toEqual([]);
    expect(r.outbox![0]).toMatchObject({ id: 11, postedAt: 1700000001.5, sender: `15${'c'.repeat(64)}` });
    expect(Array.from(r.outbox![0]!.message)).toEqual([0, 1, 2]);
    expect(r.errors).toHaveLength(2);
  });

  test('a short or malformed poll reply is reported, not thrown', () => {
    const r = parsePollBatch({ rooms: [{ token: 'lobby' }] }, [{ code: 200, headers: {}, body: { capabilities: 'nope' } }, { code: 200, headers: {}, body: 'x' }]);
    expect(r.capabilities).toEqual({ capabilities: [] });
    expect(r.rooms[0]!.error?.kind).toBe('bad-response');
    expect(r.errors.length).toBeGreaterThanOrEqual(2);
  });
});

describe('endpoint helpers', () => {
  const sid15 = `15${'a'.repeat(64)}`;
  const sid05 = `05${'b'.repeat(64)}`;
  test.each<[string, (c: SogsClient) => Promise<unknown>, V4Response, string, string, string | undefined]>([
    ['capabilities', (c) => c.capabilities(SERVER), reply(200, { capabilities: ['sogs'] }), 'GET', '/capabilities', undefined],
    ['rooms', (c) => c.rooms(SERVER), reply(200, []), 'GET', '/rooms', undefined],
    ['pollInfo', (c) => c.pollInfo(SERVER, 'lobby', 3), reply(200, { token: 'lobby' }), 'GET', '/room/lobby/pollInfo/3', undefined],
    ['messagesRecent', (c) => c.messagesRecent(SERVER, 'lobby', { limit: 50, reactors: 5 }), reply(200, []), 'GET', '/room/lobby/messages/recent?limit=50&reactors=5', undefined],
    ['messagesSince', (c) => c.messagesSince(SERVER, 'lobby', 17, { reactors: 3 }), reply(200, []), 'GET', '/room/lobby/messages/since/17?t=r&reactors=3', undefined],
    ['messagesBefore', (c) => c.messagesBefore(SERVER, 'lobby', 99, { limit: 20 }), reply(200, []), 'GET', '/room/lobby/messages/before/99?limit=20', undefined],
    ['post', (c) => c.post(SERVER, 'lobby', { data: new Uint8Array([1, 2]), signature: new Uint8Array([3]), files: [4] }), reply(201, { id: 8, seqno: 9, posted: 1.5 }), 'POST', '/room/lobby/message', '{"data":"AQI=","signature":"Aw==","files":[4]}'],
    ['edit', (c) => c.edit(SERVER, 'lobby', 8, { data: new Uint8Array([1]), signature: new Uint8Array([2]) }), reply(200, {}), 'PUT', '/room/lobby/message/8', '{"data":"AQ==","signature":"Ag=="}'],
    ['deleteMessage', (c) => c.deleteMessage(SERVER, 'lobby', 8), reply(200, {}), 'DELETE', '/room/lobby/message/8', undefined],
    ['deleteAllFrom', (c) => c.deleteAllFrom(SERVER, 'lobby', sid15), reply(200, {}), 'DELETE', `/room/lobby/all/${sid15}`, undefined],
    ['react', (c) => c.react(SERVER, 'lobby', 8, '👍'), reply(200, { added: true, seqno: 10 }), 'PUT', '/room/lobby/reaction/8/👍', '{}'],
    ['unreact', (c) => c.unreact(SERVER, 'lobby', 8, '👍'), reply(200, { removed: true, seqno: 11 }), 'DELETE', '/room/lobby/reaction/8/👍', undefined],
    ['clearReactions', (c) => c.clearReactions(SERVER, 'lobby', 8), reply(200, { removed: 3, seqno: 12 }), 'DELETE', '/room/lobby/reactions/8', undefined],
    ['reactors', (c) => c.reactors(SERVER, 'lobby', 8, '❤️', 10), reply(200, [[sid15, 1.5]]), 'GET', '/room/lobby/reactors/8/❤️?limit=10', undefined],
    ['pin', (c) => c.pin(SERVER, 'lobby', 8), reply(200, { info_updates: 4 }), 'POST', '/room/lobby/pin/8', '{}'],
    ['unpin all', (c) => c.unpin(SERVER, 'lobby', 'all'), reply(200, { info_updates: 5 }), 'POST', '/room/lobby/unpin/all', '{}'],
    ['downloadFile', (c) => c.downloadFile(SERVER, 'lobby', 77), reply(200, new Uint8Array([9, 9])), 'GET', '/room/lobby/file/77', undefined],
    ['ban', (c) => c.ban(SERVER, sid05, { rooms: ['lobby'], timeoutSeconds: 3600 }), reply(200, {}), 'POST', `/user/${sid05}/ban`, '{"rooms":["lobby"],"timeout":3600}'],
    ['unban', (c) => c.unban(SERVER, sid15, { global: true }), reply(200, {}), 'POST', `/user/${sid15}/unban`, '{"global":true}'],
    ['setModerator add', (c) => c.setModerator(SERVER, sid05, { moderator: true, admin: true, rooms: ['lobby'] }), reply(200, { info_updates: { lobby: 3 } }), 'POST', `/user/${sid05}/moderator`, '{"rooms":["lobby"],"moderator":true,"admin":true,"visible":true}'],
    ['setModerator remove', (c) => c.setModerator(SERVER, sid05, { moderator: false, admin: false, rooms: ['lobby'] }), reply(200, {}), 'POST', `/user/${sid05}/moderator`, '{"rooms":["lobby"],"moderator":false,"admin":false}'],
    ['inbox', (c) => c.inbox(SERVER), reply(200, []), 'GET', '/inbox', undefined],
    ['inboxSince 304', (c) => c.inboxSince(SERVER, 4), reply(304, new Uint8Array(0)), 'GET', '/inbox/since/4', undefined],
    ['outboxSince', (c) => c.outboxSince(SERVER, 4), reply(200, []), 'GET', '/outbox/since/4', undefined],
    ['postInbox', (c) => c.postInbox(SERVER, sid15, new Uint8Array([0, 1])), reply(201, { id: 3, posted_at: 2.5, expires_at: 9.5, sender: sid15, recipient: sid15 }), 'POST', `/inbox/${sid15}`, '{"message":"AAE="}'],
  ])('%s', async (_name, call, answer, method, endpoint, body) => {
    const { client, sent, keys } = setup([answer]);
    await call(client);
    const s = sent[0]!;
    expect([s.request.method, s.request.endpoint]).toEqual([method, endpoint]);
    expect(s.request.body === undefined ? undefined : dec.decode(s.request.body)).toBe(body);
    if (_name === 'capabilities') expect(s.request.headers?.['X-SOGS-Pubkey']).toBeUndefined();
    else checkSigned(s, keys, true);
  });

  test('uploadFile: raw bytes, octet-stream, filename in Content-Disposition, body hash signed; returns the id', async () => {
    const { client, sent, keys } = setup([reply(201, { id: 42 })]);
    const bytes = new Uint8Array([1, 2, 3, 4, 5]);
    expect(await client.uploadFile(SERVER, 'lobby', bytes, { filename: 'café.png' })).toBe(42);
    const s = sent[0]!;
    expect([s.request.method, s.request.endpoint]).toEqual(['POST', '/room/lobby/file']);
    expect(Array.from(s.request.body ?? [])).toEqual([1, 2, 3, 4, 5]);
    expect(s.request.headers?.['Content-Type']).toBe('application/octet-stream');
    expect(s.request.headers?.['Content-Disposition']).toBe("attachment; filename*=UTF-8''caf%C3%A9.png");
    checkSigned(s, keys, true);
  });

  test('room: the object is read into typed fields', async () => {
    const { client } = setup([
      reply(200, {
        token: 'lobby', name: 'Lobby', description: 'hi', info_updates: 3, message_sequence: 9, created: 1700000000.5, active_users: 2, active_users_cutoff: 604800,
        image_id: 12, pinned_messages: [{ id: 5, pinned_at: 1700000002, pinned_by: `15${'b'.repeat(64)}` }], moderators: [`15${'c'.repeat(64)}`], admins: [],
        hidden_moderators: [], read: true, write: false, upload: false, moderator: true, global_admin: true, unknown_field: 1,
      }),
    ]);
    expect(await client.room(SERVER, 'lobby')).toEqual({
      token: 'lobby', name: 'Lobby', description: 'hi', infoUpdates: 3, messageSequence: 9, created: 1700000000.5, activeUsers: 2, activeUsersCutoff: 604800,
      imageId: 12, pinnedMessages: [{ id: 5, pinnedAt: 1700000002, pinnedBy: `15${'b'.repeat(64)}` }], moderators: [`15${'c'.repeat(64)}`], admins: [],
      hiddenModerators: [], read: true, write: false, upload: false, moderator: true, admin: false, globalModerator: false, globalAdmin: true,
    });
  });
});

test('file transfers get a size-scaled time limit and progress callbacks unless the caller sets them', async () => {
  const { client, sent } = setup([reply(201, { id: 1 }), reply(200, new Uint8Array([1])), reply(200, new Uint8Array([1]))]);
  const progress = (): void => undefined;
  await client.uploadFile(SERVER, 'lobby', new Uint8Array(100_000), { onUploadProgress: progress });
  expect(sent[0]!.options.timeoutMs).toBe(32_000);
  expect(sent[0]!.options.onUploadProgress).toBe(progress);
  await client.downloadFile(SERVER, 'lobby', 1);
  expect(sent[1]!.options.timeoutMs).toBe(230_000);
  await client.downloadFile(SERVER, 'lobby', 1, { timeoutMs: 5_000 });
  expect(sent[2]!.options.timeoutMs).toBe(5_000);
});
