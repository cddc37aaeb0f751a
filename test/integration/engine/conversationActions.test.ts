// Deleting for good against a local devnet: a deleted message request stays deleted when the whole swarm
// is polled again, and clearing data "on device and network" empties our swarm (checked on every node
// with signed retrieves built here from the spec) before the profile is wiped.
import { loadOrCreateDatabaseKey } from '../../../ts/backend/keyFile';
import fs from 'node:fs';
import path from 'node:path';
import type { Backend } from '../../../ts/backend';
import { openEncryptedDatabase } from '../../../ts/backend/db/database';
import { decodeRecoveryPassword, identityFromRecoverySeed, loadProtocol } from '../../../ts/protocol';
import { edSign, rpc, sodiumReady } from '../devnet/helpers';
import { devnetBackends, pollOk, until } from './fixture';

jest.setTimeout(90_000);

const env = devnetBackends('actions-int-', { nodes: 12, swarmSize: 4, fanoutTimeoutMs: 500, relayTimeoutMs: 2_000 }, 60_000);
const { open, close } = env;

/** Sends and waits for the sent status. */
async function sendSent(b: Backend, to: string, text: string): Promise<void> {
  const m = await b.handlers['messages.send']({ to, text });
  await until(`"${text}" sent`, async () => (await b.handlers['messages.list']({ conversationId: m.conversationId })).some((x) => x.id === m.id && x.status === 'sent'));
}

/** The account's keys, from its recovery password (as a person restoring it would have them). */
async function keysOf(b: Backend): Promise<{ sessionId: string; edSeed: Buffer; edPub: string }> {
  const { mnemonic } = await b.handlers['account.getRecoveryPassword']({});
  const seed = decodeRecoveryPassword(mnemonic);
  if (!seed.ok) throw new Error('bad mnemonic');
  const id = identityFromRecoverySeed(seed.value);
  return { sessionId: id.sessionId, edSeed: Buffer.from(id.ed25519Seed), edPub: Buffer.from(id.ed25519.publicKey).toString('hex') };
}

/** Hashes each member of the account's swarm holds in namespace 0, by a signed retrieve straight to the node. */
async function swarmContents(k: { sessionId: string; edSeed: Buffer; edPub: string }): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const node of env.devnet.swarmNodes(k.sessionId)) {
    const ts = Date.now();
    const r = await rpc(node, 'retrieve', { pubkey: k.sessionId, pubkey_ed25519: k.edPub, timestamp: ts, signature: edSign(k.edSeed, `retrieve${ts}`) });
    expect(r.status).toBe(200);
    out.set(node.ed25519, ((r.json as { messages: { hash: string }[] }).messages ?? []).map((m) => m.hash));
  }
  return out;
}

/** Forgets the per-node poll position in the (closed) profile's database: the next poll starts from the beginning of the swarm. */
function resetPollPosition(profileDir: string): void {
  const key = loadOrCreateDatabaseKey(profileDir, { databaseExists: true, randomBytes: () => new Uint8Array(32) });
  const db = openEncryptedDatabase(path.join(profileDir, 'session.db'), key);
  expect(db.prepare('DELETE FROM last_hashes').run().changes).toBeGreaterThan(0);
  db.close();
}

beforeAll(async () => {
  await loadProtocol();
  await sodiumReady();
});

it('a deleted message request does not come back when the whole swarm is polled again', async () => {
  const alice = await open('req-alice');
  let bob = await open('req-bob');
  const A = (await alice.handlers['account.create']({ displayName: 'Alice' })).sessionId;
  const B = (await bob.handlers['account.create']({ displayName: 'Bob' })).sessionId;
  const bobKeys = await keysOf(bob);
  await sendSent(alice, B, 'first');
  await sendSent(alice, B, 'second');
  await until('the request', async () => {
    await pollOk(bob);
    const [r] = await bob.handlers['conversations.list']({ requests: true });
    return r?.id === A && r.unreadCount === 2;
  });

  await bob.handlers['conversations.decline']({ id: A });
  expect(await bob.handlers['conversations.list']({})).toEqual([]);
  expect(await bob.handlers['messages.list']({ conversationId: A })).toEqual([]);

  // The messages are still in Bob's swarm; only Bob's memory of them being seen keeps them out.
  const held = await swarmContents(bobKeys);
  for (const hashes of held.values()) expect(hashes.length).toBeGreaterThanOrEqual(2);
  const dir = bob.profileDir;
  await close(bob);
  resetPollPosition(dir);
  bob = await open('req-bob');
  const poll = await pollOk(bob);
  expect(poll.newMessages).toBe(0);
  // The poll did fetch them again, and recognised them as already seen.
  expect(bob.engineStats().duplicates).toBeGreaterThanOrEqual(2);
  expect(await bob.handlers['conversations.list']({})).toEqual([]);
  expect(await bob.handlers['messages.list']({ conversationId: A })).toEqual([]);
});

it('clears data on device and network: the swarm holds none of our messages, the profile is fresh, and a new account works', async () => {
  const carol = await open('clear-carol');
  const dave = await open('clear-dave');
  const C = (await carol.handlers['account.create']({ displayName: 'Carol' })).sessionId;
  const D = (await dave.handlers['account.create']({ displayName: 'Dave' })).sessionId;
  const carolKeys = await keysOf(carol);
  // Note to self and a message to Dave (whose sync copy also goes to Carol's swarm).
  await sendSent(carol, C, 'note one');
  await sendSent(carol, D, 'to dave');
  await until('both in every node of Carol’s swarm', async () => [...(await swarmContents(carolKeys)).values()].every((h) => h.length >= 2));
  const dir = carol.profileDir;
  const oldKey = Buffer.from(loadOrCreateDatabaseKey(dir, { databaseExists: true, randomBytes: () => new Uint8Array(32) })).toString('hex');
  const changed: unknown[] = [];
  carol.on('account.changed', (e) => changed.push(e));

  // A swarm member that cannot confirm fails the whole clear, and nothing is wiped.
  const victim = env.devnet.swarmNodes(C)[0]!.ed25519;
  await env.devnet.stopNode(victim);
  try {
    await expect(carol.handlers['data.clear']({ network: true })).rejects.toMatchObject({ code: 'network', message: expect.stringMatching(/nothing was cleared/) });
  } finally {
    await env.devnet.startNode(victim);
  }
  expect(await carol.handlers['account.get']({})).toMatchObject({ sessionId: C });
  expect(Buffer.from(loadOrCreateDatabaseKey(dir, { databaseExists: true, randomBytes: () => new Uint8Array(32) })).toString('hex')).toBe(oldKey);
  expect(changed).toEqual([]);

  // With every member back, it goes through (a path through the restarted node may need rebuilding first).
  const result = await until('a confirmed clear', async () => {
    try {
      return await carol.handlers['data.clear']({ network: true });
    } catch {
      return undefined;
    }
  });
  expect(result).toEqual({ networkNodesConfirmed: env.devnet.swarmNodes(C).length });
  for (const [node, hashes] of await swarmContents(carolKeys)) expect([node, hashes]).toEqual([node, []]);

  expect(changed).toEqual([{ account: null }]);
  expect(await carol.handlers['account.get']({})).toBeNull();
  expect(await carol.handlers['conversations.list']({})).toEqual([]);
  const files = fs.readdirSync(dir);
  expect(files.every((f) => ['db.key', 'session.db', 'session.db-wal', 'session.db-shm', 'session.lock', 'prefs.json', 'debug.log', 'debug.1.log'].includes(f))).toBe(true);
  expect(Buffer.from(loadOrCreateDatabaseKey(dir, { databaseExists: true, randomBytes: () => new Uint8Array(32) })).toString('hex')).not.toBe(oldKey);
  expect(() => openEncryptedDatabase(path.join(dir, 'session.db'), Buffer.from(oldKey, 'hex')).close()).toThrow(/cannot be opened/);

  // Dave's copy is his own: clearing Carol's data does not touch his swarm.
  await until('Dave has the message', async () => {
    await pollOk(dave);
    return (await dave.handlers['messages.list']({ conversationId: C })).some((m) => m.text === 'to dave');
  });

  // The same backend starts over: a new account sends and receives on the env.devnet.
  const C2 = (await carol.handlers['account.create']({ displayName: 'Carol 2' })).sessionId;
  expect(C2).not.toBe(C);
  await sendSent(carol, D, 'new me');
  await until('Dave gets the new account’s message', async () => {
    await pollOk(dave);
    return (await dave.handlers['conversations.list']({ requests: true })).some((c) => c.id === C2);
  });
});
