// Devnet workloads: store and retrieve through real 3-hop onion requests on loopback (requests built with the
// client's ts/protocol, the devnet in the same process), next to the raw crypto of those hops; also reports
// p50 latency and the process RSS with a 12-node devnet idle and under load.
import { createCipheriv, createDecipheriv, createHmac, diffieHellman, generateKeyPairSync, createPublicKey, randomBytes } from 'node:crypto';
import https from 'node:https';
import {
  buildBatchRequest,
  buildRetrieveRequest,
  buildSnodeOnionRequest,
  buildStoreRequest,
  decodeSnodeOnionResponse,
  encodeRpcBody,
  hexToBytes,
  identityFromRecoverySeed,
  loadProtocol,
  secureRandom,
  type Identity,
  type OnionNode,
} from '../../../ts/protocol';
import { startDevnet, type Devnet } from '../../devnet';
import type { WorkloadGroup } from './types';

/** Requests kept in flight, as a busy client with two paths and a poller would; one op is that many requests. */
const CONCURRENCY = 16;

let devnet: Devnet;
let agent: https.Agent;
let account: Identity;
let path: OnionNode[];
let target: OnionNode;
let guardUrl: URL;
let seq = 0;
const latencies: number[] = [];
let rssIdle = 0;
let rssPeak = 0;
let bestRequestsPerSec = 0;

async function setup(): Promise<void> {
  await loadProtocol();
  devnet = await startDevnet({ nodes: 12, unref: true });
  agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });
  // Idle keep-alive sockets must not hold the process open once the run ends.
  agent.on('free', (socket: { unref(): void }) => socket.unref());
  account = identityFromRecoverySeed(new Uint8Array(16).fill(42));
  const swarm = devnet.swarmNodes(account.sessionId);
  const toNode = (n: { ed25519: string; x25519: string }): OnionNode => ({ ed25519: n.ed25519, x25519: hexToBytes(n.x25519) });
  target = toNode(swarm[0]!);
  const others = devnet.info.nodes.filter((n) => !swarm.some((s) => s.ed25519 === n.ed25519));
  path = others.slice(0, 3).map(toNode);
  const guard = others[0]!;
  guardUrl = new URL(`https://${guard.ip}:${guard.port}/onion_req/v2`);
  await new Promise((r) => setTimeout(r, 200));
  rssIdle = process.memoryUsage().rss;
  // The runner has no teardown step: report latency and memory once, when the process ends.
  process.once('exit', () => process.stderr.write(`${devnetSummary()}\n`));
}

function post(body: Uint8Array): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      { method: 'POST', host: guardUrl.hostname, port: guardUrl.port, path: guardUrl.pathname, agent, headers: { 'Content-Length': body.length } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`HTTP ${res.statusCode}`))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** One onion request: even = store 100 bytes to namespace 0, odd = signed retrieve (max 10). */
async function oneRequest(i: number): Promise<void> {
  const now = Date.now();
  const signer = { pubkey: account.sessionId, ed25519: account.ed25519 };
  const sub =
    i % 2 === 0
      ? buildStoreRequest({ pubkey: account.sessionId, namespace: 0, data: randomBytes(100), ttlMs: 60_000, timestampMs: now })
      : buildRetrieveRequest({ signer, namespace: 0, timestampMs: now, maxCount: 10 });
  const built = buildSnodeOnionRequest({ path, destination: target, body: encodeRpcBody(buildBatchRequest([sub])), random: secureRandom });
  const t0 = performance.now();
  const text = await post(built.payload);
  latencies.push(performance.now() - t0);
  const res = decodeSnodeOnionResponse(text, built.key);
  if (!res.ok || res.value.status !== 200) throw new Error('devnet bench request failed');
}

/** `ops` x CONCURRENCY onion requests with CONCURRENCY always in flight. */
async function onionRequests(ops: number): Promise<void> {
  const total = ops * CONCURRENCY;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total) await oneRequest(seq + next++);
    }),
  );
  seq += total;
  bestRequestsPerSec = Math.max(bestRequestsPerSec, total / ((performance.now() - t0) / 1000));
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
}

/** The crypto of CONCURRENCY onion round trips: per request 4 client layers and 4 node decryptions. */
function rawOnionCrypto(ops: number): void {
  const nodeKeys = Array.from({ length: 4 }, () => generateKeyPairSync('x25519'));
  const nodePubs = nodeKeys.map((k) => k.publicKey.export({ format: 'jwk' }).x!);
  for (let i = 0; i < ops * CONCURRENCY; i++) {
    let len = 600;
    for (let hop = 0; hop < 4; hop++) {
      const eph = generateKeyPairSync('x25519');
      const s = diffieHellman({ privateKey: eph.privateKey, publicKey: createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: nodePubs[hop]! }, format: 'jwk' }) });
      const key = createHmac('sha256', 'LOKI').update(s).digest();
      const nonce = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, nonce);
      const ct = Buffer.concat([c.update(Buffer.alloc(len)), c.final()]);
      const tag = c.getAuthTag();
      const ephX = eph.publicKey.export({ format: 'jwk' }).x!;
      const s2 = diffieHellman({ privateKey: nodeKeys[hop]!.privateKey, publicKey: createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: ephX }, format: 'jwk' }) });
      const key2 = createHmac('sha256', 'LOKI').update(s2).digest();
      const d = createDecipheriv('aes-256-gcm', key2, nonce);
      d.setAuthTag(tag);
      Buffer.concat([d.update(ct), d.final()]);
      len += 200;
    }
  }
}

export const devnetGroup: WorkloadGroup = {
  name: 'devnet',
  setup,
  workloads: [
    {
      name: 'onion-store-retrieve',
      describe: `${CONCURRENCY} store/retrieve requests via 3-hop onion to a 12-node loopback devnet, all in flight (client + devnet in one process)`,
      run: onionRequests,
      floorDescribe: 'the X25519 + HMAC + AES-GCM work of those 4 layers on both sides',
      floor: rawOnionCrypto,
      target: 6,
    },
  ],
};

/** Latency and memory figures gathered while the workloads ran. */
export function devnetSummary(): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  const p50 = sorted.length > 0 ? sorted[Math.floor(sorted.length / 2)]! : 0;
  const mb = (b: number): string => `${Math.round(b / 1e6)} MB`;
  return (
    `devnet: best ${Math.round(bestRequestsPerSec)} onion requests/s, p50 ${p50.toFixed(1)} ms over ${sorted.length} requests; ` +
    `RSS (client + 12-node devnet) idle ${mb(rssIdle)}, under load ${mb(rssPeak)}`
  );
}
