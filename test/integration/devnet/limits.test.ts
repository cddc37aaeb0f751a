// The direct-RPC rate limiter (spec §2.1: 429 once a client IP has used its token bucket), on a small bucket.
import { startDevnet, type Devnet } from '../../../tools/devnet';
import { onionRpc, rpc, sodiumReady } from './helpers';

let devnet: Devnet;
beforeAll(async () => {
  await sodiumReady();
  devnet = await startDevnet({ nodes: 4, swarmSize: 4, rateLimit: { bucket: 3, perSecond: 0.001 } });
});
afterAll(async () => {
  await devnet.stop();
});

it('answers 429 to direct RPC past the bucket, but never limits onion requests', async () => {
  const [a, b, c, d] = devnet.info.nodes;
  const codes: number[] = [];
  for (let i = 0; i < 4; i++) codes.push((await rpc(a, 'info', {})).status);
  expect(codes).toEqual([200, 200, 200, 429]);
  expect((await rpc(b, 'info', {})).status).toBe(200);
  for (let i = 0; i < 4; i++) expect((await onionRpc('aes-gcm', [a, b, c], d, { method: 'info', params: {} })).status).toBe(200);
});
