// Swarm membership changes and node restarts as real service nodes live through them: an account moved to
// another swarm (or whose swarm gains a node) keeps its stored messages, and a node that was stopped learns
// the deletions, expiry changes and revocations made meanwhile, so it never serves a deleted message again.
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDevnet, type Devnet, type DevnetInfo, type NodeInfo } from '../../../tools/devnet';
import { edPublic, edSign, groupAccount, post, rpc, sodiumReady, specHash, vectorAccount, type Account } from './helpers';

const T0 = 1_760_000_000_000;
let clock = T0;
let devnet: Devnet;
let info: DevnetInfo;

type Obj = Record<string, unknown>;
const b64 = (s: string): string => Buffer.from(s).toString('base64');

beforeAll(async () => {
  await sodiumReady();
  devnet = await startDevnet({ nodes: 6, swarmSize: 3, now: () => clock, fanoutTimeoutMs: 300 });
  info = devnet.info;
});
afterAll(async () => {
  await devnet.stop();
});
beforeEach(() => {
  clock += 1000;
});

const members = (pk: string): NodeInfo[] => devnet.swarmNodes(pk);
const outsiders = (pk: string): NodeInfo[] => {
  const inside = new Set(members(pk).map((n) => n.ed25519));
  return devnet.info.nodes.filter((n) => !inside.has(n.ed25519));
};

async function store(node: NodeInfo, acc: Account, text: string, extra: Obj = {}): Promise<string> {
  const r = await rpc(node, 'store', { pubkey: acc.sessionId, timestamp: clock, ttl: 3_600_000, data: b64(text), ...extra });
  expect(r.status).toBe(200);
  return (r.json as { hash: string }).hash;
}

/** Texts a node returns for an account's namespace 0 (05 accounts sign with their Ed25519 key). */
async function texts(node: NodeInfo, acc: Account): Promise<string[] | number> {
  const sig = edSign(acc.seed, `retrieve${clock}`);
  const extra = acc.sessionId.startsWith('05') ? { pubkey_ed25519: acc.edPub } : {};
  const r = await rpc(node, 'retrieve', { pubkey: acc.sessionId, ...extra, timestamp: clock, signature: sig });
  if (r.status !== 200) return r.status;
  return (r.json as { messages: Array<{ data: string }> }).messages.map((m) => Buffer.from(m.data, 'base64').toString()).sort();
}

const specHashOf = (pk: string, text: string): string => specHash(pk, 0, Buffer.from(text));

function swarmPosition(pk: string): bigint {
  const raw = Buffer.from(pk, 'hex').subarray(1);
  let x = 0n;
  for (let i = 0; i < 32; i += 8) x ^= raw.readBigUInt64BE(i);
  return x;
}

describe('swarm changes hand stored messages over', () => {
  it('an account moved to another swarm keeps its messages there, and a move back does not revive deletions', async () => {
    const A = vectorAccount('A');
    const old = members(A.sessionId);
    await store(old[0]!, A, 'before the move 1');
    const h2 = await store(old[1]!, A, 'before the move 2');
    const to = devnet.moveSwarm(A.sessionId);
    const now = members(A.sessionId);
    expect(now.map((n) => n.swarmId)).toEqual(now.map(() => to.toString()));
    for (const n of now) expect(await texts(n, A)).toEqual(['before the move 1', 'before the move 2']);
    for (const n of old) expect(await texts(n, A)).toBe(421);

    // Deleted in the new swarm, then moved back: the old members dropped the account when it left them.
    const del = await rpc(now[0]!, 'delete', { pubkey: A.sessionId, pubkey_ed25519: A.edPub, messages: [h2], signature: edSign(A.seed, `delete${h2}`) });
    expect(del.status).toBe(200);
    devnet.moveSwarm(A.sessionId, BigInt(old[0]!.swarmId));
    for (const n of old) expect(await texts(n, A)).toEqual(['before the move 1']);
  });

  it('a message only a stopped member holds still moves with its account', async () => {
    const D = vectorAccount('D');
    const [holder, ...others] = members(D.sessionId);
    if (!holder || others.length === 0) throw new Error('swarm too small');
    for (const n of others) devnet.failNode(n.ed25519, { status: 503 });
    await store(holder, D, 'only on the holder');
    devnet.clearFaults();
    await devnet.stopNode(holder.ed25519);
    try {
      devnet.moveSwarm(D.sessionId);
      for (const n of members(D.sessionId)) expect(await texts(n, D)).toEqual(['only on the holder']);
    } finally {
      await devnet.startNode(holder.ed25519);
    }
  });

  it('a node moved into a swarm (control /nodes/N/swarm) serves the messages stored before it came', async () => {
    const B = vectorAccount('B');
    const home = members(B.sessionId);
    await store(home[0]!, B, 'for the newcomer');
    const newcomer = outsiders(B.sessionId)[0]!;
    const index = info.nodes.findIndex((n) => n.ed25519 === newcomer.ed25519);
    const r = await post(`${info.controlUrl}nodes/${index}/swarm`, JSON.stringify({ swarmId: home[0]!.swarmId }));
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body.toString())).toEqual({ ok: true, swarmId: home[0]!.swarmId });
    expect(devnet.info.nodes[index]!.swarmId).toBe(home[0]!.swarmId);
    expect(members(B.sessionId).map((n) => n.ed25519)).toContain(newcomer.ed25519);
    expect(await texts(newcomer, B)).toEqual(['for the newcomer']);
    // It left its old swarm: it answers 421 for that swarm's accounts now.
    const C = vectorAccount('C');
    if (!members(C.sessionId).some((n) => n.ed25519 === newcomer.ed25519)) expect(await texts(newcomer, C)).toBe(421);
  });

  it('a node that starts a new swarm at an account position takes the account and its messages over', async () => {
    const G = groupAccount(Buffer.alloc(32, 21));
    const home = members(G.sessionId);
    await store(home[0]!, G, 'group message', { namespace: 0 });
    const mover = outsiders(G.sessionId)[0]!;
    const to = devnet.moveNode(mover.ed25519, swarmPosition(G.sessionId));
    expect(members(G.sessionId).map((n) => n.ed25519)).toEqual([mover.ed25519]);
    expect(to).toBe(swarmPosition(G.sessionId));
    expect(await texts(mover, G)).toEqual(['group message']);
    expect(await texts(home[0]!, G)).toBe(421);
    // Moving it back dissolves the one-node swarm: the account returns to its old swarm with the message.
    devnet.moveNode(mover.ed25519, BigInt(home[0]!.swarmId));
    expect(await texts(home[1]!, G)).toEqual(['group message']);
  });
});

describe('a restarted node learns what changed while it was stopped', () => {
  it('deletions, expiry changes and revocations reach it; messages stored meanwhile too', async () => {
    const G = groupAccount(Buffer.alloc(32, 31));
    const swarm = members(G.sessionId);
    const [entry, , sleeper] = swarm;
    if (!entry || !sleeper) throw new Error('swarm too small');
    const h1 = await store(entry, G, 'deleted while down');
    const h2 = await store(entry, G, 'shortened while down');
    await store(entry, G, 'wiped by delete_all', { namespace: -10 });
    const memberSeed = Buffer.alloc(32, 32);
    const token = Buffer.concat([Buffer.from([0x03, 0x03, 0, 0]), edPublic(memberSeed)]);
    const auth = (ts: number): Obj => ({ subaccount: token.toString('base64'), subaccount_sig: edSign(G.seed, token), signature: edSign(memberSeed, `store11${ts}`) });

    await devnet.stopNode(sleeper.ed25519);
    expect((await rpc(entry, 'delete', { pubkey: G.sessionId, messages: [h1], signature: edSign(G.seed, `delete${h1}`) })).status).toBe(200);
    const shortened = clock + 600_000;
    const ex = await rpc(entry, 'expire', { pubkey: G.sessionId, messages: [h2], expiry: shortened, shorten: true, signature: edSign(G.seed, `expireshorten${shortened}${h2}`) });
    expect(ex.status).toBe(200);
    const da = await rpc(entry, 'delete_all', { pubkey: G.sessionId, namespace: -10, timestamp: clock, signature: edSign(G.seed, `delete_all-10${clock}`) });
    expect(da.status).toBe(200);
    const rv = await rpc(entry, 'revoke_subaccount', {
      pubkey: G.sessionId, revoke: token.toString('base64'), timestamp: clock,
      signature: edSign(G.seed, Buffer.concat([Buffer.from(`revoke_subaccount${clock}`), token])),
    });
    expect(rv.status).toBe(200);
    // Stored after the delete_all while the node was down: it must survive the replay.
    await store(entry, G, 'stored while down');
    clock += 1000;
    await devnet.startNode(sleeper.ed25519);

    expect(await texts(sleeper, G)).toEqual(['shortened while down', 'stored while down']);
    const ns10 = await rpc(sleeper, 'retrieve', { pubkey: G.sessionId, namespace: -10, timestamp: clock, signature: edSign(G.seed, `retrieve-10${clock}`) });
    expect((ns10.json as { messages: Obj[] }).messages).toEqual([]);
    const ge = await rpc(sleeper, 'get_expiries', { pubkey: G.sessionId, messages: [h1, h2], timestamp: clock, signature: edSign(G.seed, `get_expiries${clock}${h1}${h2}`) });
    expect(ge.json).toEqual({ expiries: { [h2]: shortened } });
    const asMember = await rpc(sleeper, 'store', { pubkey: G.sessionId, namespace: 11, timestamp: clock, ttl: 60_000, data: b64('revoked member'), ...auth(clock) });
    expect(asMember.status).toBe(401);
  });

  it('replays a missed deletion once: starting a running node again changes nothing', async () => {
    const B = vectorAccount('B');
    const [entry, sleeper] = members(B.sessionId);
    if (!entry || !sleeper) throw new Error('swarm too small');
    const h = await store(entry, B, 'deleted twice?');
    await devnet.stopNode(sleeper.ed25519);
    expect((await rpc(entry, 'delete', { pubkey: B.sessionId, pubkey_ed25519: B.edPub, messages: [h], signature: edSign(B.seed, `delete${h}`) })).status).toBe(200);
    await devnet.startNode(sleeper.ed25519);
    await devnet.startNode(sleeper.ed25519);
    expect(await texts(sleeper, B)).not.toContain('deleted twice?');
  });
});

describe('with --state-dir, across a devnet restart', () => {
  it('keeps a forced move and catches up a node that was stopped when the devnet went down', async () => {
    const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'devnet-swarm-change-'));
    try {
      const A = vectorAccount('A');
      const first = await startDevnet({ nodes: 6, swarmSize: 3, stateDir: dir, now: () => clock, fanoutTimeoutMs: 300 });
      const to = first.moveSwarm(A.sessionId);
      const moved = first.swarmNodes(A.sessionId);
      const [entry, sleeper] = moved;
      if (!entry || !sleeper) throw new Error('swarm too small');
      await rpc(entry, 'store', { pubkey: A.sessionId, timestamp: clock, ttl: 3_600_000, data: b64('kept') });
      await rpc(entry, 'store', { pubkey: A.sessionId, timestamp: clock, ttl: 3_600_000, data: b64('deleted') });
      const gone = specHashOf(A.sessionId, 'deleted');
      await first.stopNode(sleeper.ed25519);
      const del = await rpc(entry, 'delete', { pubkey: A.sessionId, pubkey_ed25519: A.edPub, messages: [gone], signature: edSign(A.seed, `delete${gone}`) });
      expect(del.status).toBe(200);
      await first.stop();

      const second = await startDevnet({ stateDir: dir, now: () => clock, fanoutTimeoutMs: 300 });
      try {
        expect(second.swarmNodes(A.sessionId).map((n) => n.swarmId)).toEqual(moved.map(() => to.toString()));
        for (const n of moved) expect(await texts(n, A)).toEqual(['kept']);
      } finally {
        await second.stop();
      }
    } finally {
      await fsp.rm(dir, { recursive: true, force: true });
    }
  });
});
