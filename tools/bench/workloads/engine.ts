// Messaging-engine workloads: receive-pipeline throughput on a real encrypted database next to the
// single-core crypto floor, send-to-receive latency between two engines on an in-process devnet, and
// the idle CPU of an engine polling a devnet that runs in a child process (so only the engine counts).
// Each is one figure in its own unit (msgs/s, ms, % of a core) in the runner's table; the group also
// writes the same numbers, with more detail, to engine.json in the run's results folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sodium from 'libsodium-wrappers-sumo';
import { openBackend, silentLogger, type Backend } from '../../../ts/backend';
import { createConversationStore } from '../../../ts/backend/db/conversationStore';
import { openEncryptedDatabase, type Db } from '../../../ts/backend/db/database';
import { createMessageStore } from '../../../ts/backend/db/messageStore';
import { createReceivedContentStore } from '../../../ts/backend/db/receivedContentStore';
import { runMigrations } from '../../../ts/backend/db/migrate';
import { MIGRATIONS } from '../../../ts/backend/db/migrations';
import { createEventBus } from '../../../ts/backend/events';
import { createConversationsService } from '../../../ts/backend/services/conversations';
import { bundledDecryptWorkerFile, createDecryptPool, type DecryptPool } from '../../../ts/backend/services/decryptPool';
import { createReceiver, type IncomingItem, type Receiver } from '../../../ts/backend/services/receiver';
import type { MessageView } from '../../../ts/ipc/contract';
import {
  decodeEnvelope,
  decodeWebSocketMessage,
  encode1o1Message,
  identityFromRecoverySeed,
  loadProtocol,
  nativeSodium,
  sealedBoxOpen,
  secureRandom,
  ed25519PublicToX25519,
  ed25519Verify,
  type Identity,
} from '../../../ts/protocol';
import { startDevnet, type Devnet } from '../../devnet';
import { detailFile } from '../results';
import { bestRates } from '../throughput';
import { startChildDevnet } from './childDevnet';
import type { FigureResult, MeasureContext, WorkloadGroup } from './types';

const argv = process.argv.slice(2);
/** `--decrypt-workers N` overrides the pool's default size (to compare sizes on one machine). */
const DECRYPT_WORKERS = argv.includes('--decrypt-workers') ? Number(argv[argv.indexOf('--decrypt-workers') + 1]) : undefined;

/** Set by the group's setup from the runner's context. */
let QUICK = false;

// ---------------------------------------------------------------------------------------------------
// Receive pipeline

const envelopeCount = (): number => (QUICK ? 2_000 : 20_000);
const SENDERS = 500;
/** Items per retrieve: a busy mailbox's poll returns a few hundred. */
const BATCH = 250;

interface Pipeline {
  dir: string;
  db: Db;
  receiver: Receiver;
}

/** The engine's decrypt pool (build/workers/decrypt.js beside this bundle), created as the engine does. */
let decryptPool: DecryptPool | undefined;

let recipient: Identity;
let envelopes: Uint8Array[] = [];
let cursor = 0;
let pass = 0;
let pipeline: Pipeline | undefined;
let pipelineAdded = 0;
const tmpDirs: string[] = [];

function tmpDir(tag: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), `bench-engine-${tag}-`));
  tmpDirs.push(d);
  return d;
}

/** A fresh encrypted database with the app's migrations and the real receiver on it. */
function openPipeline(): Pipeline {
  const dir = tmpDir('recv');
  const db = openEncryptedDatabase(path.join(dir, 'session.db'), secureRandom(32));
  runMigrations(db, MIGRATIONS, silentLogger);
  const messages = createMessageStore(db);
  const conversations = createConversationStore(db);
  const events = createEventBus(silentLogger);
  const conversationsService = createConversationsService({ store: conversations, messages, events, now: Date.now });
  const receiver = createReceiver({
    db,
    identity: recipient,
    messages,
    received: createReceivedContentStore(db),
    conversations,
    conversationsService,
    events,
    log: silentLogger,
    now: Date.now,
    randomBytes: secureRandom,
    ...(decryptPool ? { decryptPool } : {}),
  });
  return { dir, db, receiver };
}

async function prepareReceive(): Promise<void> {
  await sodium.ready;
  recipient = identityFromRecoverySeed(new Uint8Array(16).fill(0xb0));
  const senders = Array.from({ length: SENDERS }, (_, i) => {
    const seed = new Uint8Array(16);
    new DataView(seed.buffer).setUint32(0, i + 1);
    return identityFromRecoverySeed(seed);
  });
  const t0 = 1_780_000_000_000;
  envelopes = Array.from({ length: envelopeCount() }, (_, i) => {
    const sender = senders[i % SENDERS] as Identity;
    return encode1o1Message({
      sender,
      recipient: recipient.sessionId,
      content: { dataMessage: { body: `bench message ${i}: the quick brown fox jumps over the lazy dog`, profile: { displayName: `Sender ${i % SENDERS}` } } },
      timestampMs: t0 + i,
      random: secureRandom,
    }).wrapper;
  });
  decryptPool = createDecryptPool({ identity: recipient, workerFile: bundledDecryptWorkerFile(__dirname), ...(DECRYPT_WORKERS !== undefined ? { size: DECRYPT_WORKERS } : {}) });
  // Start the workers (they load libsodium) before timing, as a running engine's first big poll would have.
  await decryptPool.decodeAsync(envelopes.slice(0, BATCH));
  pipeline = openPipeline();
}

/**
 * Feeds `n` envelopes through the receiver in retrieve-sized batches, one transaction per batch. Like a
 * poller draining a backlog, the next batch is handed over while the previous one commits, so its
 * decryption on the pool's workers overlaps that commit; at most two batches are in flight.
 */
async function feed(n: number): Promise<void> {
  let left = n;
  let inFlight: Promise<void> | undefined;
  while (left > 0) {
    if (cursor >= envelopes.length) {
      // Replayed envelopes would be duplicates (sender, timestamp): continue on a fresh database.
      await inFlight;
      inFlight = undefined;
      cursor = 0;
      pass++;
      pipeline?.db.close();
      pipeline = openPipeline();
    }
    const take = Math.min(left, BATCH, envelopes.length - cursor);
    const items: IncomingItem[] = [];
    for (let i = 0; i < take; i++) {
      const k = cursor + i;
      items.push({ hash: `p${pass}-${k}`, data: envelopes[k] as Uint8Array, expiration: 1_900_000_000_000 });
    }
    cursor += take;
    left -= take;
    const last = items[items.length - 1] as IncomingItem;
    const p = pipeline as Pipeline;
    const lastHash = { node: 'bench-node', pubkey: recipient.sessionId, namespace: 0, hash: last.hash, expiresAt: last.expiration };
    const done = p.receiver.process(items, [lastHash]).then((outcome) => {
      // Every envelope is a distinct message (its own sender and timestamp): all of them must be stored.
      if (outcome.added.length !== take) throw new Error(`receive pipeline stored ${outcome.added.length} of ${take} messages (dropped ${outcome.dropped})`);
      pipelineAdded += take;
    });
    await inFlight;
    inFlight = done;
  }
  await inFlight;
}

/**
 * Floor: the crypto one message needs, on one core and uncached: sealed-box open, Ed25519 verify and the
 * sender key's Ed25519 -> X25519 conversion (the Session ID), the libsodium calls decode1o1Message makes.
 * With `convert` false: open + verify only, the floor as the target's issue words it (the pipeline
 * remembers senders' converted keys, so it does fewer conversions than messages).
 */
function cryptoFloor(n: number, convert = true): void {
  // The build the pipeline uses: native libsodium when it loads here, else the WASM one.
  for (let i = 0; i < n; i++) {
    const wrapper = envelopes[i % envelopes.length] as Uint8Array;
    // Unwrapping is done outside the loop's crypto in spirit; it is a few hundred ns of protobuf.
    const ciphertext = sealedPart(wrapper);
    const inner = sealedBoxOpen(ciphertext, recipient.x25519.publicKey, recipient.x25519.secretKey);
    const len = inner.length;
    const a = inner.subarray(len - 96, len - 64);
    const signed = new Uint8Array(len - 96 + 32 + 32);
    signed.set(inner.subarray(0, len - 96));
    signed.set(a, len - 96);
    signed.set(recipient.x25519.publicKey, len - 64);
    if (!ed25519Verify(inner.subarray(len - 64), signed, a)) throw new Error('floor: bad signature');
    if (convert) ed25519PublicToX25519(a);
  }
}

const sealedCache = new Map<Uint8Array, Uint8Array>();
function sealedPart(wrapper: Uint8Array): Uint8Array {
  let c = sealedCache.get(wrapper);
  if (!c) {
    const ws = decodeWebSocketMessage(wrapper);
    if (!ws.ok || !ws.value.request?.body) throw new Error('floor: bad wrapper');
    const env = decodeEnvelope(ws.value.request.body);
    if (!env.ok || !env.value.content) throw new Error('floor: bad envelope');
    c = env.value.content;
    sealedCache.set(wrapper, c);
  }
  return c;
}

// ---------------------------------------------------------------------------------------------------
// Send-to-receive latency on an in-process devnet

/** Poll interval for the latency bench: production's 5 s would only measure the interval. */
const LATENCY_POLL_MS = 250;
/** Messages timed one at a time (after one untimed message that builds paths). */
const latencySamples = (): number => (QUICK ? 5 : 30);

let latencyNet: { devnet: Devnet; alice: Backend; bob: Backend; bobId: string; waiters: Map<string, () => void> } | undefined;
const latencies: number[] = [];
let sendSeq = 0;

async function until<T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function openEngine(dataDir: string, profile: string, seedUrl: string, pollIntervalMs: number): Promise<{ backend: Backend; sessionId: string }> {
  const backend = await openBackend({ dataDir, profile, seedUrl, host: 'cli', appVersion: '0.0.0-bench', logger: silentLogger, engine: { pollIntervalMs } });
  const { sessionId } = await backend.handlers['account.create']({ displayName: profile });
  return { backend, sessionId };
}

async function sendAndWait(i: number, record: boolean): Promise<void> {
  const net = latencyNet as NonNullable<typeof latencyNet>;
  const text = `latency probe ${i}`;
  const arrived = new Promise<void>((resolve) => net.waiters.set(text, resolve));
  const t0 = performance.now();
  await net.alice.handlers['messages.send']({ to: net.bobId, text });
  await Promise.race([arrived, new Promise((_, reject) => setTimeout(() => reject(new Error('bench: a message did not arrive within 60 s')), 60_000).unref())]);
  if (record) latencies.push(performance.now() - t0);
}

async function prepareLatency(): Promise<void> {
  const devnet = await startDevnet({ nodes: 12, unref: true });
  const dir = tmpDir('latency');
  const alice = await openEngine(dir, 'alice', devnet.info.seedUrl, LATENCY_POLL_MS);
  const bob = await openEngine(dir, 'bob', devnet.info.seedUrl, LATENCY_POLL_MS);
  const waiters = new Map<string, () => void>();
  bob.backend.on('messages.added', (p: { messages: MessageView[] }) => {
    for (const m of p.messages) {
      const w = waiters.get(m.text);
      if (w) {
        waiters.delete(m.text);
        w();
      }
    }
  });
  latencyNet = { devnet, alice: alice.backend, bob: bob.backend, bobId: bob.sessionId, waiters };
  // The first message pays for path building and swarm discovery: not a steady-state sample.
  await sendAndWait(sendSeq++, false);
  for (let i = 0; i < latencySamples(); i++) await sendAndWait(sendSeq++, true);
}

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------------
// Idle CPU of an engine polling a devnet in a child process

const idleSeconds = (): number => (QUICK ? 5 : 60);
const IDLE_POLL_MS = 5_000;
let idleCpuPercent: number | undefined;

async function measureIdle(): Promise<void> {
  const { child, seedUrl } = await startChildDevnet();
  try {
    const { backend } = await openEngine(tmpDir('idle'), 'idle', seedUrl, IDLE_POLL_MS);
    try {
      // Let the engine reach its steady state (paths built, first polls done) before measuring.
      await until('the idle engine to go online', async () => (await backend.handlers['network.getPaths']({})).length > 0, 60_000);
      await backend.handlers['sync.pollNow']({});
      // Quiet poll intervals first (one in a quick run): start-up garbage and lazy compilation are not idle cost.
      await sleep((QUICK ? 1 : 2) * IDLE_POLL_MS);
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await sleep(idleSeconds() * 1000);
      const c = process.cpuUsage(c0);
      const wallMs = performance.now() - t0;
      idleCpuPercent = ((c.user + c.system) / 1000 / wallMs) * 100;
    } finally {
      await backend.close();
    }
  } finally {
    child.kill('SIGTERM');
  }
}

// ---------------------------------------------------------------------------------------------------

const round = (x: number, d = 0): number => Math.round(x * 10 ** d) / 10 ** d;

/** The figures of this run, as the table shows them; engine.json keeps them with their detail. */
const figures: Record<string, FigureResult> = {};

function writeEngineResults(ctx: MeasureContext): void {
  if (Object.keys(figures).length === 0) return;
  const file = detailFile(ctx, 'engine.json');
  const out = {
    generatedAt: new Date().toISOString(),
    mode: QUICK ? 'quick' : 'full',
    machine: { node: process.version, cpus: os.cpus().length, loadAverage: os.loadavg().map((x) => round(x, 2)) },
    note: 'The same figures as the bench table and latest.json (value in its unit, floor in the same unit), with their detail.',
    figures,
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
}

function cleanup(): void {
  void decryptPool?.close();
  decryptPool = undefined;
  try {
    pipeline?.db.close();
  } catch {
    // already closed
  }
  pipeline = undefined;
  for (const d of tmpDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

const RECEIVE = 'receive-pipeline';
const IDLE = 'idle-cpu';
const LATENCY = `devnet-latency-poll${LATENCY_POLL_MS}ms`;

async function measureReceive(ctx: MeasureContext): Promise<FigureResult[]> {
  await prepareReceive();
  try {
    return [receiveFigure(ctx, await rates(ctx))];
  } finally {
    cleanup();
  }
}

function rates(ctx: MeasureContext): Promise<number[]> {
  // One op = one poll batch; the three sides alternate so they see the same machine load.
  return bestRates([(n) => feed(n * BATCH), (n) => cryptoFloor(n * BATCH), (n) => cryptoFloor(n * BATCH, false)], { quick: ctx.quick });
}

function receiveFigure(_ctx: MeasureContext, [pipe, floor, openVerify]: number[]): FigureResult {
  const msgs = (opsPerSec: number | undefined) => (opsPerSec ?? NaN) * BATCH;
  const value = msgs(pipe);
  const f: FigureResult = {
    name: RECEIVE,
    describe: `sealed 1:1 messages through the receive pipeline and its decrypt pool (${decryptPool?.size ?? 0} worker(s)) into an encrypted file database, polls of ${BATCH}, one transaction each; ${envelopes.length.toLocaleString('en-US')} envelopes from ${SENDERS} senders; target: at least 1.2x one core's crypto rate`,
    unit: 'msgs/s',
    value,
    floor: { value: msgs(floor), describe: `one core, uncached: libsodium (${nativeSodium() ? 'native' : 'WASM'}, the build the pipeline uses) crypto_box_seal_open + crypto_sign_verify_detached + pk_to_curve25519 per message` },
    target: { maxRatio: 0.83 },
    detail: {
      decryptWorkers: decryptPool?.size ?? 0,
      batch: BATCH,
      envelopes: envelopes.length,
      senders: SENDERS,
      messagesStored: pipelineAdded,
      openVerifyFloorMsgsPerSec: round(msgs(openVerify)),
      ratioToOpenVerifyFloor: round(msgs(openVerify) / value, 2),
    },
  };
  figures[RECEIVE] = f;
  return f;
}

async function measureIdleFigure(): Promise<FigureResult[]> {
  process.stderr.write(`bench: engine/${IDLE}: ${idleSeconds()} s of an idle engine (devnet in a child process)...\n`);
  await measureIdle();
  const f: FigureResult = {
    name: IDLE,
    describe: `CPU of an idle engine polling every ${IDLE_POLL_MS / 1000} s (devnet in a child process, so only the engine counts), over ${idleSeconds()} s`,
    unit: '% of a core',
    value: idleCpuPercent ?? NaN,
    target: { max: 1 },
    detail: { seconds: idleSeconds(), pollIntervalMs: IDLE_POLL_MS },
  };
  figures[IDLE] = f;
  return [f];
}

async function measureLatency(): Promise<FigureResult[]> {
  latencies.length = 0;
  // The devnet and the engines' sockets and timers are unref'd: hold the process open meanwhile.
  const hold = setInterval(() => undefined, 1_000);
  try {
    await prepareLatency();
  } finally {
    clearInterval(hold);
    const net = latencyNet;
    latencyNet = undefined;
    if (net) {
      await Promise.all([net.alice.close(), net.bob.close()]);
      await net.devnet.stop();
    }
  }
  const f: FigureResult = {
    name: LATENCY,
    describe: `send-to-receive latency, p50: messages.send (Alice) to messages.added (Bob), 12-node in-process devnet, poll ${LATENCY_POLL_MS} ms, one message at a time`,
    unit: 'ms',
    value: percentile(latencies, 50),
    floor: { value: LATENCY_POLL_MS / 2, describe: `half a poll interval: the mean wait for the next poll` },
    // p50 within 1.5 poll intervals: the poll wait plus a store and a retrieve through onion paths.
    target: { maxRatio: 3 },
    detail: { samples: latencies.length, p95Ms: round(percentile(latencies, 95)), maxMs: round(Math.max(...latencies)), pollIntervalMs: LATENCY_POLL_MS },
  };
  figures[LATENCY] = f;
  return [f];
}

let context: MeasureContext = { quick: false };

export const engineGroup: WorkloadGroup = {
  name: 'engine',
  async setup(ctx) {
    context = ctx;
    QUICK = ctx.quick;
    await loadProtocol();
  },
  async teardown() {
    writeEngineResults(context);
    cleanup();
  },
  workloads: [
    // Idle first, before the receive pipeline's workers and data exist in this process.
    { name: IDLE, measure: measureIdleFigure },
    { name: RECEIVE, measure: measureReceive },
    { name: LATENCY, measure: measureLatency },
  ],
};
