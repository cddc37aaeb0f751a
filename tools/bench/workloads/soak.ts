// Soak: two real engines (the backend the CLI and the app run) exchange messages on an in-process devnet
// for minutes while a seeded chaos schedule stops and restarts nodes, slows them, makes them fail or time
// out, and moves the accounts and nodes between swarms. Every message must arrive exactly once: the figures
// are the messages lost and duplicated (both must be 0), counted from both engines' databases after a
// drain, and the delivery latency under that chaos. soak.json keeps the counts and the chaos tally.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLineLogger, openBackend, silentLogger, type Backend, type Logger } from '../../../ts/backend';
import type { MessageView } from '../../../ts/ipc/contract';
import { loadProtocol } from '../../../ts/protocol';
import { startDevnet, type Devnet } from '../../devnet';
import { detailFile } from '../results';
import type { FigureResult, MeasureContext, WorkloadGroup } from './types';
import { prng } from '../../../test/support/prng';

interface Plan {
  messages: number;
  seconds: number;
  /** One chaos action every this many ms. */
  chaosEveryMs: number;
  /** After the last send and the end of the chaos, how long delivery may still take. */
  drainMs: number;
  pollIntervalMs: number;
  seed: number;
}

const argv = process.argv.slice(2);
const numArg = (name: string): number | undefined => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : undefined);

/** The full soak: 10,000 messages over 10 minutes, engines polling at the app's default interval. */
const FULL: Plan = { messages: 10_000, seconds: 600, chaosEveryMs: 2_000, drainMs: 240_000, pollIntervalMs: 5_000, seed: 14 };
/** --quick (CI, a smoke test of the suite): forty messages in about 8 s, the same chaos denser. */
const QUICK: Plan = { messages: 40, seconds: 8, chaosEveryMs: 500, drainMs: 90_000, pollIntervalMs: 1_000, seed: 14 };

function planFor(quick: boolean): Plan {
  const base = quick ? QUICK : FULL;
  // --soak-messages N --soak-seconds S --soak-seed K: other sizes, for looking into a finding.
  return {
    ...base,
    messages: numArg('--soak-messages') ?? base.messages,
    seconds: numArg('--soak-seconds') ?? base.seconds,
    seed: numArg('--soak-seed') ?? base.seed,
  };
}

/** The chaos's seeded generator (mulberry32), so a run can be replayed. */
const seeded = prng;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const round = (x: number, d = 0): number => Math.round(x * 10 ** d) / 10 ** d;

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

type ChaosKind = 'stop' | 'latency' | 'fail' | 'timeout' | 'move-account' | 'move-node';

/**
 * The chaos schedule: each tick picks one action (seeded). At most two nodes are stopped and at most four
 * are disrupted at once, every disruption ends on its own after a few seconds, and node moves keep every
 * swarm at three members or more, as a live network stays usable while its nodes come and go.
 */
class Chaos {
  readonly counts: Record<ChaosKind, number> = { stop: 0, latency: 0, fail: 0, timeout: 0, 'move-account': 0, 'move-node': 0 };
  private readonly disrupted = new Set<number>();
  private readonly stopped = new Set<number>();
  private readonly pending = new Map<NodeJS.Timeout, () => Promise<void>>();
  private readonly errors: string[] = [];

  constructor(
    private readonly devnet: Devnet,
    private readonly accounts: readonly string[],
    private readonly random: () => number,
    private readonly scale: number,
  ) {}

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  private ms(min: number, max: number): number {
    return Math.round((min + this.random() * (max - min)) * this.scale);
  }

  /** Runs `undo` after `ms` (or at the end of the run, whichever comes first). */
  private later(ms: number, undo: () => Promise<void>): void {
    const t = setTimeout(() => {
      this.pending.delete(t);
      void undo().catch((e: unknown) => this.errors.push(String(e)));
    }, ms);
    this.pending.set(t, undo);
  }

  async tick(): Promise<void> {
    const nodes = this.devnet.info.nodes;
    const free = nodes.map((_, i) => i).filter((i) => !this.disrupted.has(i));
    const r = this.random();
    const kind: ChaosKind = r < 0.25 ? 'stop' : r < 0.45 ? 'latency' : r < 0.65 ? 'fail' : r < 0.75 ? 'timeout' : r < 0.9 ? 'move-account' : 'move-node';
    const node = free.length > 0 ? this.pick(free) : undefined;
    const hold = (i: number, ms: number, undo: () => Promise<void> | void): void => {
      this.disrupted.add(i);
      this.later(ms, async () => {
        await undo();
        this.disrupted.delete(i);
      });
    };
    switch (kind) {
      case 'stop':
        if (node === undefined || this.stopped.size >= 2 || this.disrupted.size >= 4) return;
        await this.devnet.stopNode(node);
        this.stopped.add(node);
        hold(node, this.ms(2_000, 12_000), async () => {
          await this.devnet.startNode(node);
          this.stopped.delete(node);
        });
        break;
      case 'latency':
        if (node === undefined || this.disrupted.size >= 4) return;
        this.devnet.setLatency(node, Math.round(200 + this.random() * 2_300));
        hold(node, this.ms(3_000, 12_000), () => this.devnet.setLatency(node, 0));
        break;
      case 'fail':
      case 'timeout': {
        if (node === undefined || this.disrupted.size >= 4) return;
        const durationMs = this.ms(2_000, 8_000);
        this.devnet.failNode(node, kind === 'timeout' ? { timeout: true, durationMs } : { status: this.pick([500, 502, 503]), durationMs });
        hold(node, durationMs, () => undefined);
        break;
      }
      case 'move-account':
        this.devnet.moveSwarm(this.pick(this.accounts));
        break;
      case 'move-node': {
        const bySwarm = new Map<string, number[]>();
        nodes.forEach((n, i) => bySwarm.set(n.swarmId, [...(bySwarm.get(n.swarmId) ?? []), i]));
        const swarms = [...bySwarm.entries()];
        // Only from a swarm of more than three, so every swarm keeps three members or more.
        const sources = swarms.filter(([, members]) => members.length > 3);
        if (sources.length === 0 || swarms.length < 2) return;
        const [fromId, members] = this.pick(sources);
        const [toId] = this.pick(swarms.filter(([id]) => id !== fromId));
        this.devnet.moveNode(this.pick(members), BigInt(toId));
        break;
      }
    }
    this.counts[kind]++;
  }

  /** Ends every disruption now (the run is over), then clears whatever is left. */
  async settle(): Promise<string[]> {
    for (const [t, undo] of [...this.pending]) {
      clearTimeout(t);
      this.pending.delete(t);
      await undo().catch((e: unknown) => this.errors.push(String(e)));
    }
    this.devnet.clearFaults();
    return this.errors;
  }
}

interface Side {
  name: string;
  backend: Backend;
  sessionId: string;
}

interface SoakOutcome {
  plan: Plan;
  sent: number;
  /** Distinct messages that arrived (each counted once). */
  received: number;
  lost: number;
  /** Extra copies stored, on either side (incoming twice at the recipient, or an outgoing message twice at the sender). */
  duplicated: number;
  failed: number;
  latenciesMs: number[];
  /** messages.send to the sender's status `sent` (the outbox's part of the delivery latency). */
  storeLatenciesMs: number[];
  sendSeconds: number;
  drainSeconds: number;
  chaos: Record<ChaosKind, number>;
  chaosErrors: string[];
  /** This process's RSS (devnet and both engines) once both were online, at its peak, and after the drain (MB). */
  rssMb: { online: number; peak: number; end: number };
  /** The slowest deliveries, split into the sender's part (to status sent) and the poll's part. */
  slowest: Array<{ message: number; deliveryMs: number; sendToSentMs: number | null }>;
  lostSample: string[];
}

const TEXT_RE = /^soak (\d+) /;

/** Every message of a conversation, newest page first, through the API the UI uses. */
async function allMessages(b: Backend, conversationId: string): Promise<MessageView[]> {
  const out: MessageView[] = [];
  let page = await b.handlers['messages.page']({ conversationId, limit: 200 });
  for (;;) {
    out.push(...page.messages);
    const first = page.messages[0];
    if (!page.hasOlder || !first) return out;
    page = await b.handlers['messages.page']({ conversationId, before: first.id, limit: 200 });
  }
}

/** `--soak-log DIR`: each engine's log (debug and up) to DIR/<name>.log, to look into a finding. */
function engineLogger(name: string): Logger {
  const dir = argv.includes('--soak-log') ? argv[argv.indexOf('--soak-log') + 1] : undefined;
  if (!dir) return silentLogger;
  fs.mkdirSync(dir, { recursive: true });
  const fd = fs.openSync(path.join(dir, `${name}.log`), 'w');
  return createLineLogger((line) => fs.writeSync(fd, line), 'debug');
}

async function runSoak(plan: Plan, workDir: string, quick: boolean): Promise<SoakOutcome> {
  const devnet = await startDevnet({ nodes: 12, swarmSize: 4, unref: true });
  const sides: Side[] = [];
  try {
    for (const name of ['alice', 'bob']) {
      const backend = await openBackend({
        dataDir: workDir,
        profile: name,
        seedUrl: devnet.info.seedUrl,
        host: 'cli',
        appVersion: '0.0.0-bench',
        logger: engineLogger(name),
        engine: { pollIntervalMs: plan.pollIntervalMs },
      });
      const { sessionId } = await backend.handlers['account.create']({ displayName: name });
      sides.push({ name, backend, sessionId });
    }
    const [alice, bob] = sides as [Side, Side];
    const peerOf = (s: Side): Side => (s === alice ? bob : alice);

    const sentAt = new Map<number, number>();
    const firstArrival = new Map<number, number>();
    /** When the sender's outbox had it stored on the recipient's swarm (status sent). */
    const storedAt = new Map<number, number>();
    const failedIds = new Set<string>();
    for (const s of sides) {
      s.backend.on('messages.added', (p) => {
        const t = performance.now();
        for (const m of p.messages) {
          const k = m.direction === 'incoming' ? TEXT_RE.exec(m.text) : null;
          if (!k) continue;
          const i = Number(k[1]);
          if (!firstArrival.has(i)) firstArrival.set(i, t);
        }
      });
      s.backend.on('messages.updated', (p) => {
        const t = performance.now();
        for (const m of p.messages) {
          const k = m.direction === 'outgoing' ? TEXT_RE.exec(m.text) : null;
          if (!k) continue;
          if (m.status === 'failed') failedIds.add(m.id);
          if (m.status === 'sent' && !storedAt.has(Number(k[1]))) storedAt.set(Number(k[1]), t);
        }
      });
    }

    // Both engines online before the clock starts (paths built, first polls done).
    for (const s of sides) {
      const deadline = Date.now() + 120_000;
      while ((await s.backend.handlers['network.getPaths']({})).length === 0) {
        if (Date.now() > deadline) throw new Error(`soak: ${s.name}'s engine did not go online`);
        await sleep(200);
      }
    }

    const rssMb = (): number => round(process.memoryUsage().rss / 1024 / 1024);
    const rss = { online: rssMb(), peak: rssMb(), end: 0 };
    const sampler = setInterval(() => {
      rss.peak = Math.max(rss.peak, rssMb());
    }, 2_000);
    const random = seeded(plan.seed);
    const chaos = new Chaos(devnet, [alice.sessionId, bob.sessionId], random, quick ? 0.5 : 1);
    const interval = (plan.seconds * 1000) / plan.messages;
    const t0 = performance.now();
    let chaosStop = false;
    const chaosLoop = (async () => {
      let next = t0 + plan.chaosEveryMs;
      while (!chaosStop) {
        await sleep(Math.max(0, next - performance.now()));
        if (chaosStop) break;
        if (!argv.includes('--soak-calm')) await chaos.tick();
        next += plan.chaosEveryMs;
      }
    })();

    let sent = 0;
    try {
      for (let i = 0; i < plan.messages; i++) {
        const due = t0 + i * interval;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        const from = i % 2 === 0 ? alice : bob;
        sentAt.set(i, performance.now());
        await from.backend.handlers['messages.send']({ to: peerOf(from).sessionId, text: `soak ${i} from ${from.name}: ${'x'.repeat(20 + (i % 80))}` });
        sent++;
        if (i % 500 === 499) {
          process.stderr.write(`bench: soak: ${i + 1} sent, ${storedAt.size} stored, ${firstArrival.size} arrived, chaos ${JSON.stringify(chaos.counts)}\n`);
        }
      }
    } finally {
      chaosStop = true;
      await chaosLoop;
    }
    const sendSeconds = (performance.now() - t0) / 1000;
    const chaosErrors = await chaos.settle();

    // Drain: every node is back and fault-free; whatever is still queued or unpolled gets its chance.
    const d0 = performance.now();
    while (firstArrival.size < sent && performance.now() - d0 < plan.drainMs) {
      await sleep(500);
    }
    // A little longer, so late duplicates (a re-poll of a moved swarm, a retried store) would show.
    await sleep(Math.min(plan.drainMs / 4, 3 * plan.pollIntervalMs));
    const drainSeconds = (performance.now() - d0) / 1000;
    clearInterval(sampler);
    rss.end = rssMb();
    rss.peak = Math.max(rss.peak, rss.end);

    // The databases are the truth: every message once as outgoing at its sender and once as incoming at its recipient.
    let duplicated = 0;
    const received = new Set<number>();
    for (const s of sides) {
      const msgs = await allMessages(s.backend, peerOf(s).sessionId);
      const copies = new Map<string, number>();
      for (const m of msgs) {
        const k = TEXT_RE.exec(m.text);
        if (!k) continue;
        const key = `${m.direction} ${k[1]}`;
        copies.set(key, (copies.get(key) ?? 0) + 1);
        if (m.direction === 'incoming') received.add(Number(k[1]));
      }
      for (const n of copies.values()) duplicated += n - 1;
    }
    const lostSample: string[] = [];
    for (let i = 0; i < sent && lostSample.length < 20; i++) if (!received.has(i)) lostSample.push(String(i));
    const latenciesMs = [...firstArrival].map(([i, t]) => t - (sentAt.get(i) ?? t));
    const storeLatenciesMs = [...storedAt].map(([i, t]) => t - (sentAt.get(i) ?? t));
    const slowest = [...firstArrival]
      .map(([i, t]) => {
        const s0 = sentAt.get(i) ?? t;
        const stored = storedAt.get(i);
        return { message: i, deliveryMs: round(t - s0), sendToSentMs: stored === undefined ? null : round(stored - s0) };
      })
      .sort((a, b) => b.deliveryMs - a.deliveryMs)
      .slice(0, 10);
    return {
      plan,
      sent,
      received: received.size,
      lost: sent - received.size,
      duplicated,
      failed: failedIds.size,
      latenciesMs,
      storeLatenciesMs,
      sendSeconds,
      drainSeconds,
      chaos: chaos.counts,
      chaosErrors,
      rssMb: rss,
      slowest,
      lostSample,
    };
  } finally {
    await Promise.all(sides.map((s) => s.backend.close().catch(() => undefined)));
    await devnet.stop();
  }
}

let outcome: SoakOutcome | undefined;

function writeSoakResults(ctx: MeasureContext, figures: FigureResult[]): void {
  if (!outcome) return;
  const file = detailFile(ctx, 'soak.json');
  const o = outcome;
  const out = {
    generatedAt: new Date().toISOString(),
    mode: ctx.quick ? 'quick' : 'full',
    machine: { node: process.version, cpus: os.cpus().length, loadAverage: os.loadavg().map((x) => round(x, 2)) },
    note: 'The same figures as the bench table and latest.json, with the counts behind them and the chaos that ran.',
    plan: o.plan,
    counts: { sent: o.sent, received: o.received, lost: o.lost, duplicated: o.duplicated, failed: o.failed },
    lostSample: o.lostSample,
    latencyMs: {
      p50: round(percentile(o.latenciesMs, 50)),
      p90: round(percentile(o.latenciesMs, 90)),
      p99: round(percentile(o.latenciesMs, 99)),
      max: round(Math.max(...o.latenciesMs)),
    },
    sendToSentMs: {
      p50: round(percentile(o.storeLatenciesMs, 50)),
      p90: round(percentile(o.storeLatenciesMs, 90)),
      p99: round(percentile(o.storeLatenciesMs, 99)),
      max: round(Math.max(...o.storeLatenciesMs)),
    },
    slowest: o.slowest,
    rssMb: o.rssMb,
    seconds: { sending: round(o.sendSeconds, 1), drain: round(o.drainSeconds, 1) },
    chaos: o.chaos,
    chaosErrors: o.chaosErrors.slice(0, 20),
    figures: Object.fromEntries(figures.map((f) => [f.name, f])),
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
}

async function measureSoak(ctx: MeasureContext): Promise<FigureResult[]> {
  const plan = planFor(ctx.quick);
  process.stderr.write(`bench: soak: ${plan.messages} messages over ${plan.seconds} s with chaos every ${plan.chaosEveryMs} ms (seed ${plan.seed})...\n`);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-soak-'));
  // The devnet's and engines' sockets and timers are unref'd: hold the process open meanwhile.
  const hold = setInterval(() => undefined, 1_000);
  try {
    outcome = await runSoak(plan, workDir, ctx.quick);
  } finally {
    clearInterval(hold);
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  const o = outcome;
  const chaosTotal = Object.values(o.chaos).reduce((a, b) => a + b, 0);
  const what = `${o.sent.toLocaleString('en-US')} messages between two engines over ${plan.seconds} s on a 12-node devnet, ${chaosTotal} seeded chaos actions (nodes stopped, slowed, failing, timing out, accounts and nodes moved between swarms)`;
  const detail = { sent: o.sent, received: o.received, lost: o.lost, duplicated: o.duplicated, failed: o.failed, chaosActions: chaosTotal, seed: plan.seed };
  const figures: FigureResult[] = [
    {
      name: 'soak-lost',
      describe: `messages sent and never stored by the recipient (a send that ended failed counts), ${what}`,
      unit: 'msgs',
      value: o.lost,
      target: { max: 1 },
      detail,
    },
    {
      name: 'soak-duplicated',
      describe: `extra copies of a message in either engine's database (incoming at the recipient, outgoing at the sender), same run`,
      unit: 'msgs',
      value: o.duplicated,
      target: { max: 1 },
      detail,
    },
    {
      name: 'soak-delivery-p50',
      describe: `send-to-receive latency under that chaos, p50 (messages.send to messages.added), engines polling every ${plan.pollIntervalMs / 1000} s`,
      unit: 'ms',
      value: percentile(o.latenciesMs, 50),
      floor: { value: plan.pollIntervalMs / 2, describe: 'half a poll interval: the mean wait for the next poll' },
      target: { maxRatio: 4 },
      detail: { p90Ms: round(percentile(o.latenciesMs, 90)), p99Ms: round(percentile(o.latenciesMs, 99)), maxMs: round(Math.max(...o.latenciesMs)), samples: o.latenciesMs.length },
    },
    {
      name: 'soak-delivery-p99',
      describe: `send-to-receive latency under that chaos, p99 (a send may wait out a stopped node, a retry back-off or a swarm move)`,
      unit: 'ms',
      value: percentile(o.latenciesMs, 99),
      target: { max: 60_000 },
      detail: { samples: o.latenciesMs.length },
    },
  ];
  writeSoakResults(ctx, figures);
  return figures;
}

export const soakGroup: WorkloadGroup = {
  name: 'soak',
  async setup() {
    await loadProtocol();
  },
  workloads: [{ name: 'soak', figures: ['soak-lost', 'soak-duplicated', 'soak-delivery-p50', 'soak-delivery-p99'], measure: measureSoak }],
};
