// Storage RPC of the devnet as spec/network.md §1–§5 states it, driven from outside with hand-built requests.
import { startDevnet, type Devnet, type DevnetInfo, type NodeInfo } from '../../../tools/devnet';
import { edPublic, edSign, edVerify, groupAccount, post, request, rpc, sodiumReady, specHash, vectorAccount } from './helpers';
import sodium from 'libsodium-wrappers-sumo';
import vectors from '../../fixtures/devnet/vectors.json';

const T0 = 1_760_000_000_000;
let clock = T0;
let devnet: Devnet;
let info: DevnetInfo;
const A = vectorAccount('A');
const DAY = 86_400_000;

type Obj = Record<string, unknown>;

/** Swarm of an account computed from spec §5.2 independently of the devnet. */
function expectedSwarm(pubkeyHex: string): NodeInfo[] {
  const raw = Buffer.from(pubkeyHex, 'hex').subarray(1);
  let x = 0n;
  for (let i = 0; i < 32; i += 8) x ^= raw.readBigUInt64BE(i);
  const ids = [...new Set(info.nodes.map((n) => BigInt(n.swarmId)))].sort((a, b) => (a < b ? -1 : 1));
  const M = (1n << 64n) - 1n;
  let ri = ids.findIndex((id) => id >= x);
  if (ri < 0) ri = 0;
  const right = ids[ri]!;
  const left = ids[(ri + ids.length - 1) % ids.length]!;
  const pick = ((right - x) & M) < ((x - left) & M) ? right : left;
  return info.nodes.filter((n) => BigInt(n.swarmId) === pick);
}
const outsider = (pk: string): NodeInfo => info.nodes.find((n) => !expectedSwarm(pk).includes(n))!;

const b64 = (s: string): string => Buffer.from(s).toString('base64');

function storeParams(pk: string, data: string, extra: Obj = {}): Obj {
  return { pubkey: pk, timestamp: clock, ttl: 60_000, data: b64(data), ...extra };
}

function signedRetrieve(ns: number | null, extra: Obj = {}, ts = clock): Obj {
  const sig = edSign(A.seed, `retrieve${ns === null || ns === 0 ? '' : ns}${ts}`);
  const p: Obj = { pubkey: A.sessionId, pubkey_ed25519: A.edPub, timestamp: ts, signature: sig, ...extra };
  if (ns !== null) p['namespace'] = ns;
  return p;
}

beforeAll(async () => {
  await sodiumReady();
  devnet = await startDevnet({ nodes: 6, swarmSize: 3, now: () => clock, ons: { alice: A.sessionId }, fanoutTimeoutMs: 300 });
  info = devnet.info;
});
afterAll(async () => {
  await devnet.stop();
});
beforeEach(() => {
  clock += 1000;
  devnet.clearFaults();
});

describe('seed node (spec §1.2–1.3)', () => {
  it('answers get_n_service_nodes with exactly application/json and every field', async () => {
    const body = {
      jsonrpc: '2.0',
      method: 'get_n_service_nodes',
      params: {
        active_only: true,
        fields: { public_ip: true, storage_port: true, pubkey_x25519: true, pubkey_ed25519: true, requested_unlock_height: true, height: true },
      },
    };
    const r = await post(`${info.seedUrl}json_rpc`, JSON.stringify(body), { 'User-Agent': 'WhatsApp', 'Accept-Language': 'en-us' });
    expect(r.status).toBe(200);
    expect(r.contentType).toBe('application/json');
    const json = JSON.parse(r.body.toString()) as { result: { service_node_states: Obj[]; height: number } };
    expect(typeof json.result.height).toBe('number');
    expect(json.result.service_node_states).toHaveLength(6);
    for (const s of json.result.service_node_states) {
      expect(s).toEqual({
        public_ip: expect.stringMatching(/^127\.0\.\d+\.1$/),
        storage_port: expect.any(Number),
        pubkey_ed25519: expect.stringMatching(/^[0-9a-f]{64}$/),
        pubkey_x25519: expect.stringMatching(/^[0-9a-f]{64}$/),
        requested_unlock_height: 0,
      });
    }
    expect(new Set(json.result.service_node_states.map((s) => (s['public_ip'] as string).split('.').slice(0, 3).join('.'))).size).toBe(6);
  });

  it('serves the ready-line JSON at network.json', async () => {
    const r = await request('GET', `${info.seedUrl}network.json`);
    expect(JSON.parse(r.body.toString())).toEqual(info);
  });

  it('derives each node X25519 key from its Ed25519 key', () => {
    for (const n of info.nodes) {
      expect(Buffer.from(sodium.crypto_sign_ed25519_pk_to_curve25519(Buffer.from(n.ed25519, 'hex'))).toString('hex')).toBe(n.x25519);
    }
  });
});

describe('get_swarm, info and 421 (spec §2.4, §2.6.3–2.6.4, §5.2)', () => {
  it('returns the spec-computed swarm from any node', async () => {
    const expected = expectedSwarm(A.sessionId);
    const r = await rpc(outsider(A.sessionId), 'get_swarm', { pubkey: A.sessionId });
    expect(r.status).toBe(200);
    const body = r.json as { snodes: Obj[]; swarm: string; t: number; hf: number[] };
    expect(body.swarm).toBe(BigInt(expected[0]!.swarmId).toString(16));
    expect(body.t).toBe(clock);
    expect(body.hf).toEqual([19, 4]);
    expect(body.snodes.map((s) => s['pubkey_ed25519']).sort()).toEqual(expected.map((n) => n.ed25519).sort());
    const m = body.snodes.find((s) => s['pubkey_ed25519'] === expected[0]!.ed25519)!;
    expect(m).toMatchObject({ ip: expected[0]!.ip, port: String(expected[0]!.port), port_https: expected[0]!.port, pubkey_x25519: expected[0]!.x25519 });
  });

  it('answers info with version, t and hf', async () => {
    const r = await rpc(info.nodes[0]!, 'info', {});
    expect(r.json).toEqual({ version: [2, 8, 0], timestamp: clock, t: clock, hf: [19, 4] });
  });

  it('answers 421 with the right swarm from a non-member', async () => {
    const r = await rpc(outsider(A.sessionId), 'store', storeParams(A.sessionId, 'misdirected'));
    expect(r.status).toBe(421);
    const body = r.json as { snodes: Obj[]; swarm: string; t: number };
    expect(body.snodes.map((s) => s['pubkey_ed25519']).sort()).toEqual(expectedSwarm(A.sessionId).map((n) => n.ed25519).sort());
    expect(body.t).toBe(clock);
  });

  it('answers 421 from the old swarm after a forced move', async () => {
    const G = groupAccount(Buffer.alloc(32, 9));
    const before = expectedSwarm(G.sessionId);
    const to = devnet.moveSwarm(G.sessionId);
    expect(to.toString()).not.toBe(before[0]!.swarmId);
    const r = await rpc(before[0]!, 'store', storeParams(G.sessionId, 'moved'));
    expect(r.status).toBe(421);
    expect((r.json as { swarm: string }).swarm).toBe(to.toString(16));
    const newMember = info.nodes.find((n) => n.swarmId === to.toString())!;
    expect((await rpc(newMember, 'store', storeParams(G.sessionId, 'moved'))).status).toBe(200);
  });
});

describe('store and retrieve (spec §2.6.1–2.6.2, §4)', () => {
  it('stores on the whole swarm with each member signing the hash', async () => {
    const swarm = expectedSwarm(A.sessionId);
    const r = await rpc(swarm[0]!, 'store', storeParams(A.sessionId, 'hello'));
    expect(r.status).toBe(200);
    const body = r.json as { hash: string; t: number; hf: number[]; swarm: Record<string, Obj> };
    const hash = specHash(A.sessionId, 0, Buffer.from('hello'));
    expect(body.hash).toBe(hash);
    expect(body.t).toBe(clock);
    expect(Object.keys(body.swarm).sort()).toEqual(swarm.map((n) => n.ed25519).sort());
    for (const [ed, entry] of Object.entries(body.swarm)) {
      expect(entry['hash']).toBe(hash);
      expect(entry['expiry']).toBe(clock + 60_000);
      expect(edVerify(ed, hash, entry['signature'] as string)).toBe(true);
    }
    const again = await rpc(swarm[1]!, 'store', storeParams(A.sessionId, 'hello', { ttl: 120_000 }));
    expect(((again.json as { swarm: Record<string, Obj> }).swarm[swarm[1]!.ed25519]!)['already']).toBe(true);
    for (const node of swarm) {
      const got = await rpc(node, 'retrieve', signedRetrieve(0));
      const msgs = (got.json as { messages: Obj[] }).messages;
      expect(msgs.find((m) => m['hash'] === hash)).toEqual({ hash, timestamp: expect.any(Number), expiration: clock + 120_000, data: b64('hello') });
    }
  });

  it('enforces retrieve auth: 401 without auth, 400 for explicit namespace without signature, 401 bad signature, 406 clock', async () => {
    const node = expectedSwarm(A.sessionId)[0]!;
    const noAuth = await rpc(node, 'retrieve', { pubkey: A.sessionId });
    expect(noAuth.status).toBe(401);
    expect(noAuth.text).toBe('retrieve: request signature required');
    const explicit = await rpc(node, 'retrieve', { pubkey: A.sessionId, namespace: 0 });
    expect(explicit.status).toBe(400);
    expect(explicit.text).toMatch(/^invalid request: /);
    const bad = signedRetrieve(0);
    bad['signature'] = edSign(A.seed, `retrieve${clock + 1}`);
    expect((await rpc(node, 'retrieve', bad)).status).toBe(401);
    const otherKey = signedRetrieve(0, { pubkey_ed25519: vectorAccount('B').edPub });
    expect((await rpc(node, 'retrieve', otherKey)).status).toBe(401);
    const skewed = await rpc(node, 'retrieve', signedRetrieve(0, {}, clock - 61_000));
    expect(skewed.status).toBe(406);
    expect((await rpc(node, 'retrieve', signedRetrieve(0, {}, clock - 59_000))).status).toBe(200);
    expect((await rpc(node, 'retrieve', { ...signedRetrieve(0), timestamp: 1_700_000 })).text).toBe('invalid request: timestamp must be in milliseconds');
  });

  it('pages with last_hash per node and reports more', async () => {
    const B = vectorAccount('B');
    const swarm = expectedSwarm(B.sessionId);
    const sign = (ts: number): Obj => ({ pubkey: B.sessionId, pubkey_ed25519: B.edPub, timestamp: ts, signature: edSign(B.seed, `retrieve${ts}`) });
    const hashes: string[] = [];
    for (const d of ['m1', 'm2', 'm3']) {
      const r = await rpc(swarm[0]!, 'store', storeParams(B.sessionId, d));
      hashes.push((r.json as { hash: string }).hash);
    }
    const first = (await rpc(swarm[1]!, 'retrieve', { ...sign(clock), max_count: 2 })).json as { messages: Obj[]; more: boolean };
    expect(first.messages.map((m) => m['hash'])).toEqual(hashes.slice(0, 2));
    expect(first.more).toBe(true);
    const rest = (await rpc(swarm[1]!, 'retrieve', { ...sign(clock), last_hash: hashes[1] })).json as { messages: Obj[]; more: boolean };
    expect(rest.messages.map((m) => m['hash'])).toEqual([hashes[2]]);
    expect(rest.more).toBe(false);
    const none = (await rpc(swarm[1]!, 'retrieve', { ...sign(clock), last_hash: hashes[2] })).json as { messages: Obj[] };
    expect(none.messages).toEqual([]);
    const unknown = (await rpc(swarm[1]!, 'retrieve', { ...sign(clock), last_hash: 'A'.repeat(43) })).json as { messages: Obj[] };
    expect(unknown.messages).toHaveLength(3);
    // A message stored while the other members were stopped reaches only the running node; the others get it
    // from their swarm peers when they start again, after what they already had (their own order).
    for (const n of swarm.slice(1)) await devnet.stopNode(n.ed25519);
    const lone = await rpc(swarm[0]!, 'store', storeParams(B.sessionId, 'only-here'));
    const loneBody = lone.json as { hash: string; swarm: Record<string, Obj> };
    expect(loneBody.swarm[swarm[1]!.ed25519]).toMatchObject({ failed: true });
    for (const n of swarm.slice(1)) await devnet.startNode(n.ed25519);
    for (const node of swarm) {
      const after = (await rpc(node, 'retrieve', { ...sign(clock), last_hash: hashes[2] })).json as { messages: Obj[] };
      expect(after.messages.map((m) => m['hash'])).toEqual([loneBody.hash]);
      const again = (await rpc(node, 'retrieve', { ...sign(clock), last_hash: loneBody.hash })).json as { messages: Obj[] };
      expect(again.messages).toEqual([]);
    }
  });

  it('applies max_size budgets and always returns one message', async () => {
    const C = vectorAccount('C');
    const node = expectedSwarm(C.sessionId)[0]!;
    const big = 'x'.repeat(60_000);
    for (const i of [1, 2]) await rpc(node, 'store', storeParams(C.sessionId, `${big}${i}`));
    const sign = { pubkey: C.sessionId, pubkey_ed25519: C.edPub, timestamp: clock, signature: edSign(C.seed, `retrieve${clock}`) };
    const tiny = (await rpc(node, 'retrieve', { ...sign, max_size: 10 })).json as { messages: Obj[]; more: boolean };
    expect(tiny.messages).toHaveLength(1);
    expect(tiny.more).toBe(true);
    const all = (await rpc(node, 'retrieve', { ...sign, max_size: -2 })).json as { messages: Obj[]; more: boolean };
    expect(all.messages).toHaveLength(2);
  });

  it('checks TTL (403), timestamps (406) and private-namespace signatures (401)', async () => {
    const node = expectedSwarm(A.sessionId)[0]!;
    expect((await rpc(node, 'store', storeParams(A.sessionId, 'short', { ttl: 9_999 }))).status).toBe(403);
    const long = await rpc(node, 'store', storeParams(A.sessionId, 'long', { ttl: 14 * DAY + 1 }));
    expect(long.status).toBe(403);
    expect(long.text).toBe('Provided expiry/TTL is not valid.');
    const future = await rpc(node, 'store', storeParams(A.sessionId, 'future', { timestamp: clock + 10_001 }));
    expect(future.status).toBe(406);
    expect((await rpc(node, 'store', storeParams(A.sessionId, 'edge', { timestamp: clock + 10_000 }))).status).toBe(200);
    const unsigned = await rpc(node, 'store', storeParams(A.sessionId, 'cfg', { namespace: 2 }));
    expect(unsigned.status).toBe(401);
    expect(unsigned.text).toBe('store: signature required to store to namespace 2');
    const cfg = (ts: number, sig = edSign(A.seed, `store2${ts}`)): Obj =>
      storeParams(A.sessionId, 'cfg', { namespace: 2, ttl: 20 * DAY, timestamp: ts, pubkey_ed25519: A.edPub, signature: sig });
    expect((await rpc(node, 'store', cfg(clock))).status).toBe(200);
    expect((await rpc(node, 'store', cfg(clock, edSign(A.seed, `store${clock}`)))).status).toBe(401);
    // A public-inbox store ignores a wrong signature (spec §13.9).
    expect((await rpc(node, 'store', storeParams(A.sessionId, 'inbox', { signature: edSign(A.seed, 'nonsense') }))).status).toBe(200);
  });

  it('answers 406 from a node whose clock is skewed', async () => {
    const node = expectedSwarm(A.sessionId)[0]!;
    devnet.skewClock(node.ed25519, -120_000);
    const r = await rpc(node, 'retrieve', signedRetrieve(0));
    expect(r.status).toBe(406);
    expect((await rpc(node, 'info', {})).json).toMatchObject({ t: clock - 120_000 });
  });

  it('deletes expired messages in the cleanup pass', async () => {
    const D = vectorAccount('D');
    const node = expectedSwarm(D.sessionId)[0]!;
    const r = await rpc(node, 'store', storeParams(D.sessionId, 'brief', { ttl: 10_000 }));
    expect(r.status).toBe(200);
    const get = async (): Promise<Obj[]> => {
      const p = { pubkey: D.sessionId, pubkey_ed25519: D.edPub, timestamp: clock, signature: edSign(D.seed, `retrieve${clock}`) };
      return ((await rpc(node, 'retrieve', p)).json as { messages: Obj[] }).messages;
    };
    expect(await get()).toHaveLength(1);
    clock += 10_001;
    await devnet.cleanupExpired();
    expect(await get()).toHaveLength(0);
  });
});

describe('batch and sequence (spec §2.5)', () => {
  it('fails the whole batch with 400 on one bad parameter', async () => {
    const node = expectedSwarm(A.sessionId)[0]!;
    const r = await rpc(node, 'batch', {
      requests: [
        { method: 'store', params: storeParams(A.sessionId, 'ok') },
        { method: 'store', params: { ...storeParams(A.sessionId, 'x'), data: b64('x'.repeat(76_801)) } },
      ],
    });
    expect(r.status).toBe(400);
    expect(r.text).toBe('invalid request: Message body exceeds maximum allowed length of 76800 bytes');
    const badHash = await rpc(node, 'batch', { requests: [{ method: 'retrieve', params: signedRetrieve(0, { last_hash: 'short' }) }] });
    expect(badHash.status).toBe(400);
    const tooMany = await rpc(node, 'batch', { requests: Array.from({ length: 21 }, () => ({ method: 'info', params: {} })) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.text).toMatch(/^invalid request: Invalid batch request/);
    expect((await rpc(node, 'batch', { requests: [] })).status).toBe(400);
    expect((await rpc(node, 'nope', {})).text).toBe('no method nope');
  });

  it('returns per-entry codes, and sequence stops at the first failure', async () => {
    const node = expectedSwarm(A.sessionId)[0]!;
    const reqs = [
      { method: 'store', params: storeParams(A.sessionId, 'seq1') },
      { method: 'store', params: storeParams(A.sessionId, 'seq2', { ttl: 1 }) },
      { method: 'info', params: {} },
    ];
    const batch = (await rpc(node, 'batch', { requests: reqs })).json as { results: Array<{ code: number; body: unknown }> };
    expect(batch.results.map((x) => x.code)).toEqual([200, 403, 200]);
    expect(batch.results[1]!.body).toBe('Provided expiry/TTL is not valid.');
    const seq = (await rpc(node, 'sequence', { requests: reqs })).json as { results: Array<{ code: number }> };
    expect(seq.results.map((x) => x.code)).toEqual([200, 403]);
  });
});

describe('ifelse (spec §2.6.13)', () => {
  type IfElse = { hf: number[]; v: number[]; height: number; condition: boolean; result?: { code: number; body: unknown } };
  it('runs the branch its conditions select and reports hf, v and height', async () => {
    const node = expectedSwarm(A.sessionId)[0]!;
    const info = { method: 'info', params: {} };
    const yes = await rpc(node, 'ifelse', { if: { hf_at_least: [19, 0], v_at_least: [2, 0, 0], height_at_least: 1 }, then: info });
    expect(yes.status).toBe(200);
    const y = yes.json as IfElse;
    expect(y).toMatchObject({ hf: [19, 4], v: [2, 8, 0], condition: true, result: { code: 200 } });
    expect(y.height).toBeGreaterThanOrEqual(1000);
    expect((y.result!.body as { version: number[] }).version).toEqual([2, 8, 0]);
    // All conditions must hold; the else branch may be a batch.
    const no = (await rpc(node, 'ifelse', { if: { hf_at_least: [19, 0], hf_before: [19, 4] }, then: info, else: { method: 'batch', params: { requests: [info, info] } } })).json as IfElse;
    expect(no.condition).toBe(false);
    expect(no.result!.code).toBe(200);
    expect((no.result!.body as { results: Array<{ code: number }> }).results.map((r) => r.code)).toEqual([200, 200]);
    // The branch not given is not run and leaves no result; nesting works.
    const none = (await rpc(node, 'ifelse', { if: { v_before: [2, 0, 0] }, then: info })).json as IfElse;
    expect(none.condition).toBe(false);
    expect('result' in none).toBe(false);
    const nested = (await rpc(node, 'ifelse', { if: {}, then: { method: 'ifelse', params: { if: { height_before: 1 }, else: info } } })).json as IfElse;
    expect(nested.condition).toBe(true);
    expect((nested.result!.body as IfElse).condition).toBe(false);
  });

  it('fails with 400 on a bad condition, a missing branch, or a bad parameter in either branch', async () => {
    const node = expectedSwarm(A.sessionId)[0]!;
    const info = { method: 'info', params: {} };
    const status = async (params: object): Promise<number> => (await rpc(node, 'ifelse', params)).status;
    expect(await status({ if: { hf_at_least: [19] }, then: info })).toBe(400);
    expect(await status({ if: { colour: 'red' }, then: info })).toBe(400);
    expect(await status({ if: { height_at_least: 1 } })).toBe(400);
    expect(await status({ then: info })).toBe(400);
    const badStore = { method: 'store', params: { ...storeParams(A.sessionId, 'x'), data: 'not base64!' } };
    expect(await status({ if: { height_at_least: 1 }, then: info, else: badStore })).toBe(400);
    // ifelse is not allowed inside a batch.
    expect((await rpc(node, 'batch', { requests: [{ method: 'ifelse', params: { if: {}, then: info } }] })).status).toBe(400);
  });
});

describe('delete, expire and get_expiries (spec §2.6.6–2.6.11)', () => {
  it('deletes with member signatures over PUBKEY || requested || deleted, and 404 when required finds nothing', async () => {
    const swarm = expectedSwarm(A.sessionId);
    const h1 = ((await rpc(swarm[0]!, 'store', storeParams(A.sessionId, 'del1'))).json as { hash: string }).hash;
    const missing = 'B'.repeat(43);
    const msgs = [missing, h1];
    const params = { pubkey: A.sessionId, pubkey_ed25519: A.edPub, messages: msgs, signature: edSign(A.seed, `delete${msgs.join('')}`) };
    const r = await rpc(swarm[1]!, 'delete', params);
    expect(r.status).toBe(200);
    const body = r.json as { swarm: Record<string, { deleted: string[]; signature: string }> };
    expect(Object.keys(body.swarm)).toHaveLength(swarm.length);
    for (const [ed, e] of Object.entries(body.swarm)) {
      expect(e.deleted).toEqual([h1]);
      expect(edVerify(ed, `${A.sessionId}${missing}${h1}${h1}`, e.signature)).toBe(true);
    }
    const again = await rpc(swarm[1]!, 'delete', { ...params, required: true });
    expect(again.status).toBe(404);
    const forged = await rpc(swarm[1]!, 'delete', { ...params, signature: edSign(vectorAccount('B').seed, `delete${msgs.join('')}`) });
    expect(forged.status).toBe(401);
  });

  it('expires with the spec signature layout and reports through get_expiries', async () => {
    const swarm = expectedSwarm(A.sessionId);
    const h = ((await rpc(swarm[0]!, 'store', storeParams(A.sessionId, 'exp1', { ttl: 3_600_000 }))).json as { hash: string }).hash;
    const newExp = clock + 600_000;
    const sig = edSign(A.seed, `expireshorten${newExp}${h}`);
    const r = await rpc(swarm[0]!, 'expire', { pubkey: A.sessionId, pubkey_ed25519: A.edPub, messages: [h], expiry: newExp, shorten: true, signature: sig });
    expect(r.status).toBe(200);
    const body = r.json as { swarm: Record<string, { expiry: number; updated: string[]; unchanged: Obj; signature: string }> };
    for (const [ed, e] of Object.entries(body.swarm)) {
      expect(e).toMatchObject({ expiry: newExp, updated: [h], unchanged: {} });
      expect(edVerify(ed, `${A.sessionId}${newExp}${h}${h}`, e.signature)).toBe(true);
    }
    // Extending with shorten leaves it unchanged and lists the current expiry.
    const later = clock + 1_200_000;
    const r2 = await rpc(swarm[0]!, 'expire', {
      pubkey: A.sessionId, pubkey_ed25519: A.edPub, messages: [h], expiry: later, shorten: true, signature: edSign(A.seed, `expireshorten${later}${h}`),
    });
    for (const [ed, e] of Object.entries((r2.json as typeof body).swarm)) {
      expect(e).toMatchObject({ updated: [], unchanged: { [h]: newExp } });
      expect(edVerify(ed, `${A.sessionId}${later}${h}${h}${newExp}`, e.signature)).toBe(true);
    }
    const old = await rpc(swarm[0]!, 'expire', {
      pubkey: A.sessionId, pubkey_ed25519: A.edPub, messages: [h], expiry: clock - 61_000, signature: edSign(A.seed, `expire${clock - 61_000}${h}`),
    });
    expect(old.status).toBe(401);
    const ge = await rpc(swarm[2]!, 'get_expiries', {
      pubkey: A.sessionId, pubkey_ed25519: A.edPub.toUpperCase(), messages: [h, 'C'.repeat(43)], timestamp: clock,
      signature: edSign(A.seed, `get_expiries${clock}${h}${'C'.repeat(43)}`),
    });
    expect(ge.status).toBe(200);
    expect(ge.json).toEqual({ expiries: { [h]: newExp } });
  });

  it('deletes all namespaces with a signature over PUBKEY || timestamp || sorted hashes', async () => {
    const G = groupAccount(Buffer.alloc(32, 3));
    const swarm = expectedSwarm(G.sessionId);
    const hashes: string[] = [];
    for (const ns of [11, 13]) {
      const sig = edSign(G.seed, `store${ns}${clock}`);
      const r = await rpc(swarm[0]!, 'store', storeParams(G.sessionId, `g${ns}`, { namespace: ns, signature: sig }));
      expect(r.status).toBe(200);
      hashes.push((r.json as { hash: string }).hash);
    }
    const r = await rpc(swarm[0]!, 'delete_all', { pubkey: G.sessionId, namespace: 'all', timestamp: clock, signature: edSign(G.seed, `delete_allall${clock}`) });
    expect(r.status).toBe(200);
    for (const [ed, e] of Object.entries((r.json as { swarm: Record<string, { deleted: Record<string, string[]>; signature: string }> }).swarm)) {
      expect(e.deleted).toEqual({ '11': [hashes[0]], '13': [hashes[1]] });
      expect(edVerify(ed, `${G.sessionId}${clock}${[...hashes].sort().join('')}`, e.signature)).toBe(true);
    }
    const stale = await rpc(swarm[0]!, 'delete_all', { pubkey: G.sessionId, timestamp: clock - 61_000, signature: edSign(G.seed, `delete_all${clock - 61_000}`) });
    expect(stale.status).toBe(406);
  });

  it('expires with extend, with neither flag, with an expiry array, and caps at now + 30 days', async () => {
    const swarm = expectedSwarm(A.sessionId);
    const stored = async (data: string): Promise<string> =>
      ((await rpc(swarm[0]!, 'store', storeParams(A.sessionId, data, { ttl: 3_600_000 }))).json as { hash: string }).hash;
    const h = await stored('exp-modes-1');
    const h2 = await stored('exp-modes-2');
    const [first, second] = [h, h2].sort() as [string, string];
    const original = clock + 3_600_000;
    type Entry = { expiry: number | number[]; updated: string[]; unchanged?: Obj; signature: string };
    const call = async (params: Obj): Promise<Record<string, Entry>> => {
      const r = await rpc(swarm[1]!, 'expire', { pubkey: A.sessionId, pubkey_ed25519: A.edPub, ...params });
      expect(r.status).toBe(200);
      const entries = (r.json as { swarm: Record<string, Entry> }).swarm;
      expect(Object.keys(entries).sort()).toEqual(swarm.map((n) => n.ed25519).sort());
      return entries;
    };

    // extend never brings an expiry forward: unchanged, listed with the expiry it keeps, signed after the hashes.
    const earlier = clock + 1_800_000;
    for (const [ed, e] of Object.entries(await call({ messages: [h], expiry: earlier, extend: true, signature: edSign(A.seed, `expireextend${earlier}${h}`) }))) {
      expect(e).toEqual({ expiry: earlier, updated: [], unchanged: { [h]: original }, signature: e.signature });
      expect(edVerify(ed, `${A.sessionId}${earlier}${h}${h}${original}`, e.signature)).toBe(true);
    }
    // Neither flag: set either way, and no `unchanged` in the answer.
    for (const [ed, e] of Object.entries(await call({ messages: [h], expiry: earlier, signature: edSign(A.seed, `expire${earlier}${h}`) }))) {
      expect(e).toEqual({ expiry: earlier, updated: [h], signature: e.signature });
      expect(edVerify(ed, `${A.sessionId}${earlier}${h}${h}`, e.signature)).toBe(true);
    }
    // 40 days asked, now + 30 days applied: the members sign the applied expiry, the client signed the asked one.
    const asked = clock + 40 * DAY;
    const capped = clock + 30 * DAY;
    for (const [ed, e] of Object.entries(await call({ messages: [h], expiry: asked, extend: true, signature: edSign(A.seed, `expireextend${asked}${h}`) }))) {
      expect(e).toEqual({ expiry: capped, updated: [h], unchanged: {}, signature: e.signature });
      expect(edVerify(ed, `${A.sessionId}${capped}${h}${h}`, e.signature)).toBe(true);
    }
    // One expiry per hash: signed (by both sides) with the expiries concatenated in request order.
    const e1 = clock + 100_000;
    const e2 = clock + 200_000;
    const multi = await call({ messages: [h, h2], expiry: [e1, e2], shorten: true, signature: edSign(A.seed, `expireshorten${e1}${e2}${h}${h2}`) });
    for (const [ed, e] of Object.entries(multi)) {
      expect(e).toEqual({ expiry: [e1, e2], updated: [first, second], unchanged: {}, signature: e.signature });
      expect(edVerify(ed, `${A.sessionId}${e1}${e2}${h}${h2}${first}${second}`, e.signature)).toBe(true);
    }
    const ge = await rpc(swarm[2]!, 'get_expiries', {
      pubkey: A.sessionId, pubkey_ed25519: A.edPub, messages: [h, h2], timestamp: clock, signature: edSign(A.seed, `get_expiries${clock}${h}${h2}`),
    });
    expect(ge.json).toEqual({ expiries: { [h]: e1, [h2]: e2 } });
  });

  it("deletes only the signer's own messages: another account's hash is left alone", async () => {
    const B = vectorAccount('B');
    const bSwarm = expectedSwarm(B.sessionId);
    const theirs = ((await rpc(bSwarm[0]!, 'store', storeParams(B.sessionId, 'not yours', { ttl: 3_600_000 }))).json as { hash: string }).hash;
    // A's valid signature over B's hash, in A's swarm: none of A's messages has that hash, so nothing goes.
    const aSwarm = expectedSwarm(A.sessionId);
    const params = { pubkey: A.sessionId, pubkey_ed25519: A.edPub, messages: [theirs], signature: edSign(A.seed, `delete${theirs}`) };
    const r = await rpc(aSwarm[0]!, 'delete', params);
    expect(r.status).toBe(200);
    for (const [ed, e] of Object.entries((r.json as { swarm: Record<string, { deleted: string[]; signature: string }> }).swarm)) {
      expect(e.deleted).toEqual([]);
      expect(edVerify(ed, `${A.sessionId}${theirs}`, e.signature)).toBe(true);
    }
    const ts = clock;
    const still = await rpc(bSwarm[0]!, 'retrieve', { pubkey: B.sessionId, pubkey_ed25519: B.edPub, timestamp: ts, signature: edSign(B.seed, `retrieve${ts}`) });
    expect((still.json as { messages: { hash: string }[] }).messages.map((m) => m.hash)).toContain(theirs);
  });
});

describe('expire_all (spec §2.6.10)', () => {
  it('shortens every message of a namespace and signs PUBKEY || expiry || sorted hashes', async () => {
    const G = groupAccount(Buffer.alloc(32, 21));
    const swarm = expectedSwarm(G.sessionId);
    const h = ((await rpc(swarm[0]!, 'store', storeParams(G.sessionId, 'ea', { namespace: 11, ttl: 3_600_000, signature: edSign(G.seed, `store11${clock}`) }))).json as { hash: string }).hash;
    const expiry = clock + 120_000;
    const r = await rpc(swarm[0]!, 'expire_all', { pubkey: G.sessionId, namespace: 11, expiry, signature: edSign(G.seed, `expire_all11${expiry}`) });
    expect(r.status).toBe(200);
    for (const [ed, e] of Object.entries((r.json as { swarm: Record<string, { updated: string[]; signature: string }> }).swarm)) {
      expect(e.updated).toEqual([h]);
      expect(edVerify(ed, `${G.sessionId}${expiry}${h}`, e.signature)).toBe(true);
    }
  });
});

describe('group subaccounts and revocation (spec §2.3, §2.6.12)', () => {
  it('accepts a member subaccount for namespace 11 until it is revoked', async () => {
    const G = groupAccount(Buffer.alloc(32, 5));
    const memberSeed = Buffer.alloc(32, 6);
    const token = Buffer.concat([Buffer.from([0x03, 0x03, 0, 0]), edPublic(memberSeed)]);
    const auth = (ts: number): Obj => ({ subaccount: token.toString('base64'), subaccount_sig: edSign(G.seed, token), signature: edSign(memberSeed, `store11${ts}`) });
    const node = expectedSwarm(G.sessionId)[0]!;
    expect((await rpc(node, 'store', storeParams(G.sessionId, 'member', { namespace: 11, ...auth(clock) }))).status).toBe(200);
    const readOnly = Buffer.from(token);
    readOnly[1] = 0x01;
    const ro = { subaccount: readOnly.toString('hex'), subaccount_sig: edSign(G.seed, readOnly), signature: edSign(memberSeed, `store11${clock}`) };
    expect((await rpc(node, 'store', storeParams(G.sessionId, 'ro', { namespace: 11, ...ro }))).status).toBe(401);
    const rv = await rpc(node, 'revoke_subaccount', {
      pubkey: G.sessionId, revoke: token.toString('base64'), timestamp: clock,
      signature: edSign(G.seed, Buffer.concat([Buffer.from(`revoke_subaccount${clock}`), token])),
    });
    expect(rv.status).toBe(200);
    for (const [ed, e] of Object.entries((rv.json as { swarm: Record<string, { signature: string }> }).swarm)) {
      expect(edVerify(ed, Buffer.concat([Buffer.from(`${G.sessionId}${clock}`), token]), e.signature)).toBe(true);
    }
    expect((await rpc(node, 'store', storeParams(G.sessionId, 'member2', { namespace: 11, ...auth(clock) }))).status).toBe(401);
  });
});

describe('oxend_request (spec §2.6.5, §9)', () => {
  it('lists the service nodes', async () => {
    const r = await rpc(info.nodes[0]!, 'oxend_request', {
      endpoint: 'get_service_nodes',
      params: { active_only: true, fields: { public_ip: true, storage_port: true, pubkey_x25519: true, pubkey_ed25519: true } },
    });
    expect(r.status).toBe(200);
    const states = (r.json as { result: { service_node_states: Obj[] } }).result.service_node_states;
    expect(states.map((s) => s['pubkey_ed25519']).sort()).toEqual(info.nodes.map((n) => n.ed25519).sort());
    expect((await rpc(info.nodes[0]!, 'oxend_request', { endpoint: 'get_info' })).text).toBe("invalid request: Invalid oxend endpoint 'get_info'");
  });

  it('resolves ONS names to a value the spec scheme decrypts', async () => {
    const nameHash = sodium.crypto_generichash(32, 'alice', null);
    const r = await rpc(info.nodes[1]!, 'oxend_request', { endpoint: 'ons_resolve', params: { type: 0, name_hash: Buffer.from(nameHash).toString('base64') } });
    const result = (r.json as { result: { encrypted_value: string; nonce: string } }).result;
    const key = sodium.crypto_generichash(32, 'alice', nameHash);
    const plain = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, Buffer.from(result.encrypted_value, 'hex'), null, Buffer.from(result.nonce, 'hex'), key);
    expect(Buffer.from(plain).toString('hex')).toBe(vectors.ons[0]!.outputs.session_id);
    const unknown = await rpc(info.nodes[1]!, 'oxend_request', {
      endpoint: 'ons_resolve', params: { type: 0, name_hash: Buffer.from(sodium.crypto_generichash(32, 'nobody', null)).toString('base64') },
    });
    expect((unknown.json as { result: Obj }).result['encrypted_value']).toBeUndefined();
  });
});

describe('fault controls', () => {
  it('makes a node fail with a status, then recover', async () => {
    const node = info.nodes[0]!;
    devnet.failNode(node.ed25519, { status: 503 });
    const r = await rpc(node, 'info', {});
    expect(r.status).toBe(503);
    devnet.clearFaults(node.ed25519);
    expect((await rpc(node, 'info', {})).status).toBe(200);
  });

  it('is driven over the loopback control endpoint', async () => {
    const node = info.nodes[1]!;
    const c = await post(`${info.controlUrl}nodes/${node.ed25519}/fail`, JSON.stringify({ status: 500, durationMs: 60_000 }));
    expect(c.status).toBe(200);
    expect((await rpc(node, 'info', {})).status).toBe(500);
    expect((await post(`${info.controlUrl}nodes/1/clear`, '')).status).toBe(200);
    expect((await rpc(node, 'info', {})).status).toBe(200);
    const bad = await post(`${info.controlUrl}nodes/99/stop`, '');
    expect(bad.status).toBe(400);
    expect((await request('GET', info.controlUrl)).body.toString()).toBe(JSON.stringify(info));
  });

  it('reports failing and silent swarm members in the store results', async () => {
    const swarm = expectedSwarm(A.sessionId);
    devnet.failNode(swarm[1]!.ed25519, { status: 503 });
    devnet.failNode(swarm[2]!.ed25519, { timeout: true });
    const r = await rpc(swarm[0]!, 'store', storeParams(A.sessionId, 'partial'));
    expect(r.status).toBe(200);
    const results = (r.json as { swarm: Record<string, Obj> }).swarm;
    expect(results[swarm[0]!.ed25519]).toMatchObject({ hash: specHash(A.sessionId, 0, Buffer.from('partial')) });
    expect(results[swarm[1]!.ed25519]).toEqual({ failed: true, code: 503, reason: 'Injected fault' });
    expect(results[swarm[2]!.ed25519]).toEqual({ failed: true, timeout: true });
  });

  it('moves an account to another swarm over the control endpoint', async () => {
    const G = groupAccount(Buffer.alloc(32, 12));
    const before = expectedSwarm(G.sessionId);
    const other = info.nodes.find((n) => n.swarmId !== before[0]!.swarmId)!;
    const c = await post(`${info.controlUrl}swarms/move`, JSON.stringify({ pubkey: G.sessionId, swarmId: other.swarmId }));
    expect(JSON.parse(c.body.toString())).toEqual({ ok: true, swarmId: other.swarmId });
    const r = await rpc(info.nodes[0]!, 'get_swarm', { pubkey: G.sessionId });
    expect((r.json as { swarm: string }).swarm).toBe(BigInt(other.swarmId).toString(16));
    expect((await rpc(before[0]!, 'store', storeParams(G.sessionId, 'x'))).status).toBe(421);
  });
});
