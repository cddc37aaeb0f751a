// Devnet workloads: store and retrieve through real 3-hop onion requests on loopback, with the client
// (requests built with ts/protocol, as the app builds them) in this process and the devnet in its own process
// (`build/devnet/devnet.js`, what `./bin/session-devnet` runs), so the two share the machine as they do for a
// user; in requests/s next to the raw crypto of those hops in requests/s. Also reports the RSS of the
// 12-node devnet process under load in MB (idle RSS, p50 latency and CPU per request as detail).
import { spawn, type ChildProcess } from 'node:child_process';
import { createCipheriv, createDecipheriv, createHmac, diffieHellman, createPublicKey, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import https from 'node:https';
import nodePath from 'node:path';
import readline from 'node:readline';
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
  swarmForPubkey,
  type Identity,
  type OnionNode,
} from '../../../ts/protocol';
import { ephemeralX25519 } from './ephemeral';
import { detailFile } from '../results';
import { bestRates } from '../throughput';
import type { FigureResult, MeasureContext, WorkloadGroup } from './types';

/** Requests kept in flight, as a busy client with two paths and a poller would; one op is that many requests. */
const CONCURRENCY = 16;

interface DevnetNode {
  ip: string;
  port: number;
  ed25519: string;
  x25519: string;
  swarmId: string;
}

let devnetProcess: ChildProcess | undefined;
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
/** CPU time spent during the measured batches only (not the floor's), in ms, and the requests they made. */
const cpu = { clientMs: 0, devnetMs: 0, requests: 0 };

/** Starts `build/devnet/devnet.js --nodes 12` and resolves with the nodes from its one JSON line. */
function spawnDevnet(): Promise<DevnetNode[]> {
  const entry = nodePath.join(__dirname, '..', 'devnet', 'devnet.js');
  if (!fs.existsSync(entry)) throw new Error(`${entry} is missing; run \`npm run build\` first`);
  const child = spawn(process.execPath, [...(process.env.BENCH_DEVNET_NODE_ARGS ?? '').split(' ').filter(Boolean), entry, '--nodes', '12'], { stdio: ['ignore', 'pipe', 'pipe'] });
  devnetProcess = child;
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString('utf8')).slice(-4000);
  });
  // The runner has no teardown step: stop the devnet when this process ends, however it ends.
  process.once('exit', () => child.kill('SIGTERM'));
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      // From now on the devnet must not keep this process alive; the exit hook above stops it.
      child.unref();
      (child.stdout as unknown as { unref(): void }).unref();
      (child.stderr as unknown as { unref(): void }).unref();
      try {
        resolve((JSON.parse(line) as { nodes: DevnetNode[] }).nodes);
      } catch (e) {
        reject(new Error(`devnet printed an unexpected first line: ${line.slice(0, 200)} (${String(e)})`));
      }
    });
    child.once('exit', (code) => reject(new Error(`devnet exited (${code}) before it was ready: ${stderr}`)));
  });
}

/** Resident set size of the devnet process (Linux /proc; 0 where that is not available). */
function devnetRss(): number {
  try {
    const status = fs.readFileSync(`/proc/${devnetProcess!.pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status);
    return kb ? Number(kb[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system) the devnet process has used so far (Linux /proc; 0 elsewhere). */
function devnetCpuSeconds(): number {
  try {
    const stat = fs.readFileSync(`/proc/${devnetProcess!.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

async function setup(): Promise<void> {
  await loadProtocol();
  const nodes = await spawnDevnet();
  agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });
  // Idle keep-alive sockets must not hold the process open once the run ends.
  agent.on('free', (socket: { unref(): void }) => socket.unref());
  account = identityFromRecoverySeed(new Uint8Array(16).fill(42));
  const swarmId = swarmForPubkey(
    nodes.map((n) => BigInt(n.swarmId)),
    account.sessionId,
  );
  const swarm = nodes.filter((n) => BigInt(n.swarmId) === swarmId);
  const toNode = (n: { ed25519: string; x25519: string }): OnionNode => ({ ed25519: n.ed25519, x25519: hexToBytes(n.x25519) });
  target = toNode(swarm[0]!);
  const others = nodes.filter((n) => !swarm.includes(n));
  path = others.slice(0, 3).map(toNode);
  const guard = others[0]!;
  guardUrl = new URL(`https://${guard.ip}:${guard.port}/onion_req/v2`);
  await new Promise((r) => setTimeout(r, 500));
  rssIdle = devnetRss();
  // Open the keep-alive connections before calibration so TLS handshakes do not skew the batch size.
  await onionRequests(2);
  cpu.clientMs = cpu.devnetMs = cpu.requests = 0;
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
    // A lost request must fail the run, not hang it.
    req.setTimeout(15_000, () => req.destroy(new Error('devnet bench request got no answer in 15 s')));
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
  const cpu0 = { client: process.cpuUsage(), devnet: devnetCpuSeconds() };
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total) await oneRequest(seq + next++);
    }),
  );
  seq += total;
  const clientCpu = process.cpuUsage(cpu0.client);
  cpu.clientMs += (clientCpu.user + clientCpu.system) / 1000;
  cpu.devnetMs += (devnetCpuSeconds() - cpu0.devnet) * 1000;
  cpu.requests += total;
  bestRequestsPerSec = Math.max(bestRequestsPerSec, total / ((performance.now() - t0) / 1000));
  rssPeak = Math.max(rssPeak, devnetRss());
}

/** The crypto of CONCURRENCY onion round trips: per request 4 client layers and 4 node decryptions. */
function rawOnionCrypto(ops: number): void {
  const nodeKeys = Array.from({ length: 4 }, ephemeralX25519);
  const nodePubs = nodeKeys.map((k) => k.publicKey);
  for (let i = 0; i < ops * CONCURRENCY; i++) {
    let len = 600;
    for (let hop = 0; hop < 4; hop++) {
      const eph = ephemeralX25519();
      const s = diffieHellman({ privateKey: eph.privateKey, publicKey: createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: nodePubs[hop]! }, format: 'jwk' }) });
      const key = createHmac('sha256', 'LOKI').update(s).digest();
      const nonce = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, nonce);
      const ct = Buffer.concat([c.update(Buffer.alloc(len)), c.final()]);
      const tag = c.getAuthTag();
      const ephX = eph.publicKey;
      const s2 = diffieHellman({ privateKey: nodeKeys[hop]!.privateKey, publicKey: createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: ephX }, format: 'jwk' }) });
      const key2 = createHmac('sha256', 'LOKI').update(s2).digest();
      const d = createDecipheriv('aes-256-gcm', key2, nonce);
      d.setAuthTag(tag);
      Buffer.concat([d.update(ct), d.final()]);
      len += 200;
    }
  }
}

const round = (x: number, d = 0): number => Math.round(x * 10 ** d) / 10 ** d;
const p50 = (): number => {
  const sorted = [...latencies].sort((a, b) => a - b);
  return sorted.length > 0 ? (sorted[Math.floor(sorted.length / 2)] as number) : NaN;
};

let context: MeasureContext = { quick: false };

export const devnetGroup: WorkloadGroup = {
  name: 'devnet',
  async setup(ctx) {
    context = ctx;
    await setup();
  },
  teardown() {
    writeDevnetResults(context);
    devnetProcess?.kill('SIGTERM');
    return Promise.resolve();
  },
  workloads: [
    {
      name: 'onion-store-retrieve',
      async measure(ctx): Promise<FigureResult[]> {
        // One op = CONCURRENCY requests; the client's requests and the floor's crypto alternate round by round.
        const [fig, floor] = await bestRates([onionRequests, rawOnionCrypto], { quick: ctx.quick });
        return [
          {
            name: 'onion-store-retrieve',
            describe: `store/retrieve requests via 3-hop onion to a 12-node loopback devnet in its own process, ${CONCURRENCY} in flight`,
            unit: 'requests/s',
            value: (fig as number) * CONCURRENCY,
            floor: { value: (floor as number) * CONCURRENCY, describe: 'the X25519 + HMAC + AES-GCM work of those 4 layers on both sides, one core' },
            target: { min: 500 },
            detail: {
              p50Ms: round(p50(), 1),
              requests: latencies.length,
              ...(cpu.requests > 0 ? { clientCpuMsPerRequest: round(cpu.clientMs / cpu.requests, 2), devnetCpuMsPerRequest: round(cpu.devnetMs / cpu.requests, 2) } : {}),
            },
          },
        ];
      },
    },
    {
      name: 'devnet-rss',
      measure(): Promise<FigureResult[]> {
        return Promise.resolve([
          {
            name: 'devnet-rss',
            describe: 'resident memory of the 12-node devnet process, highest seen under the onion-store-retrieve load',
            unit: 'MB',
            value: rssPeak / 1e6,
            target: { max: 300 },
            detail: { idleMb: round(rssIdle / 1e6) },
          },
        ]);
      },
    },
  ],
};

/** The figures (and their detail) as devnet.json in the run's results folder. */
function writeDevnetResults(ctx: MeasureContext): void {
  if (latencies.length === 0) return;
  const sorted = [...latencies].sort((a, b) => a - b);
  const out = {
    generatedAt: new Date().toISOString(),
    mode: ctx.quick ? 'quick' : 'full',
    machine: { node: process.version, cpus: os.cpus().length },
    onionRequests: {
      concurrency: CONCURRENCY,
      bestRequestsPerSec: Math.round(bestRequestsPerSec),
      p50Ms: Math.round(sorted[Math.floor(sorted.length / 2)]! * 10) / 10,
      requests: sorted.length,
      target: '>= 500',
    },
    devnetRss: { idleMb: Math.round(rssIdle / 1e6), underLoadMb: Math.round(rssPeak / 1e6), target: '< 300' },
    cpuPerRequestMs:
      cpu.requests > 0 ? { client: Math.round((cpu.clientMs / cpu.requests) * 100) / 100, devnet: Math.round((cpu.devnetMs / cpu.requests) * 100) / 100 } : null,
  };
  const file = detailFile(ctx, 'devnet.json');
  fs.mkdirSync(nodePath.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
}
