// --state-dir: a restarted devnet keeps identities, ports, swarms, messages and files.
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDevnet } from '../../../tools/devnet';
import { edSign, onionServer, rpc, sodiumReady, vectorAccount } from './helpers';

let dir: string;
beforeAll(async () => {
  await sodiumReady();
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'devnet-state-test-'));
});
afterAll(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

it('restores the network, its messages and its files after a restart', async () => {
  const A = vectorAccount('A');
  const first = await startDevnet({ nodes: 3, swarmSize: 3, stateDir: dir });
  const info = first.info;
  const node = info.nodes[0]!;
  const stored = await rpc(node, 'store', { pubkey: A.sessionId, timestamp: Date.now(), ttl: 600_000, data: Buffer.from('kept').toString('base64') });
  expect(stored.status).toBe(200);
  const up = await onionServer('aes-gcm', info.nodes.slice(0, 1), info.fileServer, { method: 'POST', endpoint: '/file', body: Buffer.from('file body') });
  const { id } = JSON.parse(up.body.toString()) as { id: string };
  await first.stop();

  const second = await startDevnet({ nodes: 7, stateDir: dir });
  try {
    expect(second.info).toEqual(info);
    const ts = Date.now();
    const got = await rpc(info.nodes[1]!, 'retrieve', { pubkey: A.sessionId, pubkey_ed25519: A.edPub, timestamp: ts, signature: edSign(A.seed, `retrieve${ts}`) });
    expect((got.json as { messages: Array<{ data: string }> }).messages.map((m) => Buffer.from(m.data, 'base64').toString())).toEqual(['kept']);
    const down = await onionServer('aes-gcm', info.nodes.slice(1, 2), info.fileServer, { method: 'GET', endpoint: `/file/${id}` });
    expect(down.code).toBe(200);
    expect(down.body.toString()).toBe('file body');
  } finally {
    await second.stop();
  }
});
