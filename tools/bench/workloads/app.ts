// App-level workloads: the web host (backend) and the renderer in real Chromium together, against a
// devnet in its own process (so neither its CPU nor its event loop counts for the app).
//  - catch-up: an account that was away while N messages from S senders (its contacts) were stored in
//    its swarm comes back with the app open. Time until all are stored and shown, next to the same
//    catch-up by the engine alone (no page) from the same profile snapshot and swarm contents; the
//    page's long tasks; the host process's event-loop lag.
//  - idle CPU of the whole app (host process + the page's renderer processes) with 10 conversations
//    while the engine polls the devnet at its normal interval, next to a bare idle Node process and a
//    blank page's renderer over the same window.
// The raw numbers go to bench/results/app.json (a quick run's to bench/results/quick/app.json).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Session as InspectorSession } from 'node:inspector';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { BroadcastChannel } from 'node:worker_threads';
import { randomUUID } from 'node:crypto';
import { chromium, type Browser, type Page } from 'playwright-core';
import { silentLogger, type Backend } from '../../../ts/backend';
import { createConversationStore } from '../../../ts/backend/db/conversationStore';
import { createMessageStore } from '../../../ts/backend/db/messageStore';
import type { MessageView } from '../../../ts/ipc/contract';
import { loadCustomNetwork } from '../../../ts/network/config';
import { createHttpClient } from '../../../ts/network/http';
import { SessionNetwork } from '../../../ts/network/SessionNetwork';
import { MemoryNetworkStore } from '../../../ts/network/store';
import { encode1o1Message, identityFromRecoverySeed, loadProtocol, secureRandom, type Identity } from '../../../ts/protocol';
import { startWebHost, type WebHost } from '../../../ts/web/host';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  STATIC_DIR,
  chromiumChildren,
  chromiumTree,
  createBenchProfile,
  processCpuMs,
  requireBundleAndChromium,
  withProfileDb,
} from './browser';
import { detailFile } from '../results';
import { startChildDevnet } from './childDevnet';
import { GATED_BACKEND_WORKER_BUNDLE, RETRIEVE_GATE_CHANNEL } from './retrieveGate';
import type { FigureResult, MeasureContext, MeasuredWorkload, WorkloadGroup } from './types';

const ROOT = path.resolve(__dirname, '..', '..');
/** Where this run's detail goes (a quick run's to the ignored quick folder): set from the runner's context. */
let RESULTS_FILE = path.join(ROOT, 'bench', 'results', 'app.json');

/** BENCH_APP_PROFILE=<dir>: CPU profiles of the host process and of the page during each catch-up run. */
const PROFILE_DIR = process.env.BENCH_APP_PROFILE;
/** BENCH_APP_TRACE=<dir>: a Chrome trace of the page during each catch-up with the page (tasks with their CPU time). */
const TRACE_DIR = process.env.BENCH_APP_TRACE;

/** Starts a CPU profile of this process (the web host's); the returned function stops it and writes it. */
async function profileHost(name: string): Promise<() => Promise<void>> {
  if (!PROFILE_DIR) return async () => undefined;
  const session = new InspectorSession();
  session.connect();
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) => session.post(method, (err, res) => (err ? reject(err) : resolve(res))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return async () => {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    session.disconnect();
    fs.mkdirSync(PROFILE_DIR, { recursive: true });
    fs.writeFileSync(path.join(PROFILE_DIR, `${name}.cpuprofile`), JSON.stringify(profile));
    process.stderr.write(`bench: app: CPU profile written to ${path.join(PROFILE_DIR, `${name}.cpuprofile`)}\n`);
  };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const round1 = (n: number): number => Math.round(n * 10) / 10;
const round3 = (n: number): number => Math.round(n * 1000) / 1000;
const loadAverage = (): string => os.loadavg().map((x) => x.toFixed(2)).join(' ');

let devnet: { child: ReturnType<typeof spawn>; seedUrl: string } | undefined;
const tmpDirs: string[] = [];
const recorded: Record<string, unknown> = {};

function tmpDir(tag: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), `bench-app-${tag}-`));
  tmpDirs.push(d);
  return d;
}

function needDevnet(): string {
  if (!devnet) throw new Error('bench: app: the devnet was not started');
  return devnet.seedUrl;
}

async function until<T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs: number, everyMs = 50): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`bench: app: timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

const senderIdentity = (k: number): Identity => {
  const seed = new Uint8Array(16);
  new DataView(seed.buffer).setUint32(0, 0x5e_00_00_00 + k + 1);
  return identityFromRecoverySeed(seed);
};

/**
 * Approved contacts (and, when `messagesEach` > 0, that many read messages each) written into a stopped
 * profile's database with the backend's own stores. The contact rows are caches of the configs: without
 * stored configs the next start makes them the Contacts config, as for a profile from before config sync.
 */
function seedContacts(profileDir: string, me: string, contacts: { id: string; name: string }[], messagesEach: number): void {
  withProfileDb(profileDir, (db) => {
    const messages = createMessageStore(db);
    const conversations = createConversationStore(db);
    const t0 = Date.now() - 7 * 24 * 3600_000;
    db.transaction(() => {
      contacts.forEach((c, n) => {
        const at = t0 + n * 60_000;
        conversations.touch(c.id, 'private', at);
        conversations.updateContact(c.id, { isApproved: true, didApproveMe: true, profileName: c.name }, at);
        for (let i = 0; i < messagesEach; i++) {
          const incoming = i % 2 === 0;
          const sentAt = at - (messagesEach - i) * 1_000;
          messages.insert({
            id: randomUUID(),
            conversationId: c.id,
            sender: incoming ? c.id : me,
            direction: incoming ? 'incoming' : 'outgoing',
            body: `earlier message ${i} with ${c.name}`,
            sentAt,
            receivedAt: sentAt,
            status: incoming ? 'read' : 'sent',
          });
        }
      });
      db.prepare('DELETE FROM config_state').run();
    })();
  });
}

/** Starts the profile once with its network so its configs are on the devnet and its paths known, then stops it. */
async function warmUp(dataDir: string, seedUrl: string): Promise<void> {
  const host = await startWebHost({ dataDir, seedUrl, staticDir: STATIC_DIR, logger: silentLogger, engine: { configPushDelayMs: 0 } });
  try {
    await until('the warm-up engine to go online', async () => (await host.backend.handlers['network.getPaths']({})).length > 0, 60_000, 200);
    await host.backend.handlers['sync.pollNow']({});
    // The config push (contacts) runs right after the first poll completes.
    await sleep(3_000);
    await host.backend.handlers['sync.pollNow']({});
  } finally {
    await host.stop();
  }
}

// ---------------------------------------------------------------------------------------------------
// Catch-up

interface Expected {
  /** Per sender's conversation: the text of its newest message and its unread count once caught up. */
  byConversation: Record<string, { text: string; count: number }>;
  total: number;
}

const catchUpText = (i: number, k: number): string => `catch-up message ${i} from sender ${k}`;

/** Stores `n` messages from `senders.length` senders (round robin) in `recipient`'s swarm, through onion requests. */
async function storeBacklog(seedUrl: string, recipient: string, senders: Identity[], n: number): Promise<Expected> {
  const http = createHttpClient();
  const writer = new SessionNetwork({ config: await loadCustomNetwork(seedUrl, http), store: new MemoryNetworkStore(), http });
  writer.start();
  const byConversation: Expected['byConversation'] = {};
  try {
    await writer.ready();
    const t0 = Date.now() - n - 60_000;
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < n; i = next++) {
        const k = i % senders.length;
        const sender = senders[k] as Identity;
        const text = catchUpText(i, k);
        const { wrapper } = encode1o1Message({
          sender,
          recipient,
          content: { dataMessage: { body: text, profile: { displayName: `Sender ${k}` } } },
          timestampMs: t0 + i,
          random: secureRandom,
        });
        await writer.storeMessage(recipient, 0, wrapper, 14 * 86_400_000);
        const e = (byConversation[sender.sessionId] ??= { text, count: 0 });
        e.text = text;
        e.count++;
      }
    };
    // Ten stores in flight (more only queue behind the CPU, and the network client warns past ten waiters).
    await Promise.all(Array.from({ length: 10 }, worker));
  } finally {
    writer.stop();
    http.close();
  }
  return { byConversation, total: n };
}

/** Runs in the page before the app: every long task, with its wall-clock start. */
const OBSERVE_LONG_TASKS = `(() => {
  window.__benchLongTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__benchLongTasks.push({ at: performance.timeOrigin + e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
})();`;

interface PageWindow {
  __benchLongTasks: { at: number; ms: number }[];
  __benchShown: Promise<number>;
}

/**
 * Arms a watcher in the page that resolves `window.__benchShown` with the wall-clock time at which the
 * DOM first shows the caught-up state ("shown"):
 *  - the page title carries the unread total of all `total` messages (the title counts every inbox
 *    conversation, in view or not);
 *  - the list still holds every conversation (its rows' aria-setsize);
 *  - every conversation row in the DOM (the list is virtualised: the rows in view) shows its
 *    conversation's newest message as its preview and its unread count as its badge.
 * It checks once per animation frame after DOM changes, so it adds no work while nothing changes.
 */
function armShownWatcher(page: Page, expected: Expected, listSize: number): Promise<void> {
  return page.evaluate(
    ({ expected, listSize }) => {
      const w = window as unknown as PageWindow;
      const ok = (): boolean => {
        const m = /\(([\d.,\s]+)\)/.exec(document.title);
        if (!m || Number((m[1] ?? '').replace(/\D/g, '')) !== expected.total) return false;
        const rows = document.querySelectorAll('[data-testid="conversation-row"]');
        if (rows.length === 0) return false;
        if (Number(rows[0]?.closest('[aria-setsize]')?.getAttribute('aria-setsize')) !== listSize) return false;
        for (const r of rows) {
          const e = expected.byConversation[r.getAttribute('data-conversation-id') ?? ''];
          if (!e) continue;
          if (r.querySelector('[data-testid="row-preview"]')?.textContent !== e.text) return false;
          if (r.querySelector('[data-testid="row-unread"]')?.textContent !== String(e.count)) return false;
        }
        return true;
      };
      w.__benchShown = new Promise<number>((resolve) => {
        let scheduled = false;
        const obs = new MutationObserver(() => {
          if (scheduled) return;
          scheduled = true;
          requestAnimationFrame(() => {
            scheduled = false;
            if (!ok()) return;
            obs.disconnect();
            resolve(Date.now());
          });
        });
        obs.observe(document.documentElement, { subtree: true, childList: true, characterData: true, attributes: true });
      });
    },
    { expected, listSize },
  );
}

/** Scrolls the whole conversation list and counts the rows that show their expected preview and badge. */
function verifyAllRows(page: Page, expected: Expected): Promise<{ seen: number; right: number }> {
  return page.evaluate(async (expected) => {
    const scroller = document.querySelector<HTMLElement>('[data-testid="conversation-list-scroller"]');
    if (!scroller) throw new Error('no conversation list');
    const seen = new Map<string, boolean>();
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    scroller.scrollTop = 0;
    for (;;) {
      await frame();
      for (const r of document.querySelectorAll('[data-testid="conversation-row"]')) {
        const id = r.getAttribute('data-conversation-id') ?? '';
        const e = expected.byConversation[id];
        if (!e) continue;
        seen.set(
          id,
          r.querySelector('[data-testid="row-preview"]')?.textContent === e.text &&
            r.querySelector('[data-testid="row-unread"]')?.textContent === String(e.count),
        );
      }
      if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) break;
      scroller.scrollTop += Math.max(64, scroller.clientHeight - 64);
    }
    scroller.scrollTop = 0;
    return { seen: seen.size, right: [...seen.values()].filter(Boolean).length };
  }, expected);
}

interface CatchUpRun {
  /** From the gate opening to every message stored (the last messages.added), ms. */
  storedMs: number;
  /** From the gate opening to the DOM showing all of it (renderer runs), ms. */
  shownMs?: number;
  /** The figure: the later of the two. */
  ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
  longTasks?: { count: number; maxMs: number; idleMaxMs: number; idleCount: number };
  verified?: { seen: number; right: number };
}

function copyDir(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
}

async function runCatchUp(ctx: MeasureContext, snapshot: string, seedUrl: string, expected: Expected, listSize: number, withRenderer: boolean): Promise<CatchUpRun> {
  const dataDir = tmpDir(withRenderer ? 'catchup-ui' : 'catchup-engine');
  copyDir(snapshot, dataDir);
  // The backend runs on a worker thread as in the app; its retrieves wait for the gate (gatedBackendWorker.ts).
  const gateChannel = new BroadcastChannel(RETRIEVE_GATE_CHANNEL);
  const open = (): void => gateChannel.postMessage('open');
  let host: WebHost | undefined;
  let browser: Browser | undefined;
  try {
    host = await startWebHost({
      dataDir,
      seedUrl,
      staticDir: STATIC_DIR,
      logger: silentLogger,
      backendThread: 'worker',
      backendWorkerFile: path.join(__dirname, GATED_BACKEND_WORKER_BUNDLE),
    });
    const backend = host.backend;
    await until('the engine to go online', async () => (await backend.handlers['network.getPaths']({})).length > 0, 60_000, 200);
    let page: Page | undefined;
    if (withRenderer) {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.addInitScript(OBSERVE_LONG_TASKS);
      await page.goto(host.url);
      const p = page;
      await until(
        'the conversation list',
        () => p.evaluate((n) => Number(document.querySelector('[aria-setsize]')?.getAttribute('aria-setsize')) === n, listSize),
        60_000,
        100,
      );
      await armShownWatcher(page, expected, listSize);
      // An idle second with the page open: the long tasks of the app at rest (the floor of that figure).
      await sleep(2_000);
      if (errors.length > 0) process.stderr.write(`bench: app: page errors: ${errors.join('; ')}\n`);
    }
    let stored = 0;
    let storedAt = 0;
    const off = backend.on('messages.added', (p: { messages: MessageView[] }) => {
      for (const m of p.messages) if (m.direction === 'incoming' && expected.byConversation[m.conversationId]) stored++;
      if (stored >= expected.total && storedAt === 0) storedAt = Date.now();
    });
    const tag = withRenderer ? 'catch-up-with-page' : 'catch-up-engine-alone';
    const stopHostProfile = await profileHost(`${tag}-host`);
    const cdp = page && PROFILE_DIR ? await page.context().newCDPSession(page) : undefined;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const traceFile = TRACE_DIR ? path.join(TRACE_DIR, `${tag}-${Date.now()}.trace.json`) : undefined;
    if (traceFile && browser && page) {
      fs.mkdirSync(path.dirname(traceFile), { recursive: true });
      await browser.startTracing(page, { path: traceFile, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing'] });
    }
    const lag = monitorEventLoopDelay({ resolution: 10 });
    const t0 = Date.now();
    lag.enable();
    open();
    try {
      await until(`all ${expected.total} messages stored`, () => storedAt > 0, ctx.quick ? 120_000 : 600_000, 20);
    } catch (err) {
      // The engine's counters live on the backend's thread: only an in-thread backend shows them.
      const st = (backend as Partial<Backend>).engineStats?.() ?? 'on the worker thread';
      throw new Error(`${(err as Error).message} (${stored} stored; receiver: ${JSON.stringify(st)})`);
    }
    let shownAt: number | undefined;
    if (page) shownAt = await page.evaluate(() => (window as unknown as PageWindow).__benchShown);
    lag.disable();
    off();
    await stopHostProfile();
    if (traceFile && browser && page) {
      await browser.stopTracing();
      process.stderr.write(`bench: app: trace written to ${traceFile}\n`);
    }
    if (cdp && PROFILE_DIR) {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: unknown };
      fs.writeFileSync(path.join(PROFILE_DIR, `${tag}-page.cpuprofile`), JSON.stringify(profile));
    }
    const end = Math.max(storedAt, shownAt ?? 0);
    const run: CatchUpRun = {
      storedMs: storedAt - t0,
      ms: end - t0,
      lagP99Ms: round1(lag.percentile(99) / 1e6),
      lagMaxMs: round1(lag.max / 1e6),
    };
    if (shownAt !== undefined) run.shownMs = shownAt - t0;
    if (page) {
      const tasks = await page.evaluate(() => (window as unknown as PageWindow).__benchLongTasks);
      const during = tasks.filter((t) => t.at >= t0 && t.at <= end);
      const idle = tasks.filter((t) => t.at >= t0 - 2_000 && t.at < t0);
      run.longTasks = {
        count: during.length,
        maxMs: Math.round(during.reduce((a, t) => Math.max(a, t.ms), 0)),
        idleCount: idle.length,
        idleMaxMs: Math.round(idle.reduce((a, t) => Math.max(a, t.ms), 0)),
      };
      run.verified = await verifyAllRows(page, expected);
    }
    return run;
  } finally {
    gateChannel.close();
    await browser?.close();
    await host?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measureCatchUp(ctx: MeasureContext): Promise<FigureResult[]> {
  requireBundleAndChromium();
  await loadProtocol();
  const seedUrl = needDevnet();
  // BENCH_APP_MESSAGES / BENCH_APP_SENDERS: other sizes, for profiling.
  const total = Number(process.env.BENCH_APP_MESSAGES ?? (ctx.quick ? 500 : 10_000));
  const senderCount = Number(process.env.BENCH_APP_SENDERS ?? (ctx.quick ? 20 : 200));
  const repeats = ctx.quick ? 1 : 2;
  const loadBefore = loadAverage();
  const snapshot = tmpDir('catchup-snapshot');
  const { me, profileDir } = await createBenchProfile(snapshot, 'Catch-up', { seedUrl });
  const senders = Array.from({ length: senderCount }, (_, k) => senderIdentity(k));
  seedContacts(profileDir, me, senders.map((s, k) => ({ id: s.sessionId, name: `Sender ${k}` })), 0);
  await warmUp(snapshot, seedUrl);
  process.stderr.write(`bench: app/catch-up: storing ${total} messages from ${senderCount} senders in the devnet...\n`);
  const s0 = Date.now();
  const expected = await storeBacklog(seedUrl, me, senders, total);
  process.stderr.write(`bench: app/catch-up: stored in ${((Date.now() - s0) / 1000).toFixed(1)} s; catching up...\n`);
  // The inbox: the senders' conversations (Note to Self is not listed until used).
  const listSize = senderCount;
  const engineRuns: CatchUpRun[] = [];
  const uiRuns: CatchUpRun[] = [];
  for (let r = 0; r < repeats; r++) {
    engineRuns.push(await runCatchUp(ctx, snapshot, seedUrl, expected, listSize, false));
    uiRuns.push(await runCatchUp(ctx, snapshot, seedUrl, expected, listSize, true));
  }
  const best = (runs: CatchUpRun[]) => runs.reduce((a, b) => (b.ms < a.ms ? b : a));
  const engine = best(engineRuns);
  const ui = best(uiRuns);
  const worstTask = Math.max(...uiRuns.map((r) => r.longTasks?.maxMs ?? 0));
  const worstIdleTask = Math.max(...uiRuns.map((r) => r.longTasks?.idleMaxMs ?? 0));
  const worstLag = Math.max(...uiRuns.map((r) => r.lagP99Ms));
  const worstEngineLag = Math.max(...engineRuns.map((r) => r.lagP99Ms));
  for (const v of uiRuns) {
    if (v.verified && v.verified.right !== senderCount)
      throw new Error(`bench: app/catch-up: ${v.verified.right} of ${senderCount} conversation rows show their last message and unread count after the catch-up`);
  }
  const loadAfter = loadAverage();
  recorded.catchUp = { messages: total, senders: senderCount, engineRuns, uiRuns, loadAverage: { before: loadBefore, after: loadAfter } };
  const size = `${total.toLocaleString('en-US')} messages from ${senderCount} senders`;
  return [
    {
      name: 'catch-up-stored-and-shown',
      describe: `catch-up of ${size} with the app's page open in Chromium: from the engine hearing its swarm again to every message stored and shown (the title's unread total is all of them, every row in view shows its newest message and unread count)`,
      unit: 'ms',
      value: ui.ms,
      floor: { value: engine.ms, describe: 'the same catch-up by the engine alone (no page), same run, same profile snapshot and swarm contents' },
      target: { maxRatio: 1.3 },
      detail: {
        storedMs: ui.storedMs,
        shownMs: ui.shownMs ?? -1,
        engineAloneRunsMs: engineRuns.map((r) => r.ms).join(' '),
        withPageRunsMs: uiRuns.map((r) => r.ms).join(' '),
        rowsVerified: ui.verified?.right ?? 0,
        loadAverage: `${loadBefore} -> ${loadAfter}`,
      },
    },
    {
      name: 'catch-up-longest-task',
      describe: `the page's longest task (PerformanceObserver longtask) during the catch-up of ${size}`,
      unit: 'ms',
      value: worstTask,
      floor: { value: worstIdleTask, describe: 'the longest task of the same page over 2 s at rest just before the catch-up' },
      target: { max: 50 },
      detail: { longTasks: uiRuns.map((r) => r.longTasks?.count ?? 0).join(' '), loadAverage: loadAfter },
    },
    {
      name: 'catch-up-host-lag-p99',
      describe: `event-loop delay p99 of the web host process (perf_hooks.monitorEventLoopDelay, 10 ms resolution) during the catch-up of ${size} with the page open`,
      unit: 'ms',
      value: worstLag,
      floor: { value: worstEngineLag, describe: 'the same p99 during the engine-alone catch-up (no page connected)' },
      target: { max: 50 },
      detail: { maxMs: Math.max(...uiRuns.map((r) => r.lagMaxMs)), engineAloneMaxMs: Math.max(...engineRuns.map((r) => r.lagMaxMs)), loadAverage: loadAfter },
    },
  ];
}

// ---------------------------------------------------------------------------------------------------
// Idle CPU

const IDLE_CONVERSATIONS = 10;

/** The newest Chromium browser this process launched (the one not in `before`). */
function newBrowserPid(before: Set<number>): number {
  const pid = [...chromiumChildren()].find((p) => !before.has(p));
  if (pid === undefined) throw new Error('bench: app: cannot find the Chromium process just launched');
  return pid;
}

/** CPU ms of a set of processes, each read now. */
const cpuOf = (pids: Iterable<number>): Map<number, number> => new Map([...pids].map((p) => [p, processCpuMs(p)]));
const deltaMs = (a: Map<number, number>, b: Map<number, number>): number => {
  let sum = 0;
  for (const [pid, ms] of b) sum += ms - (a.get(pid) ?? 0);
  return sum;
};

async function measureIdleCpu(ctx: MeasureContext): Promise<FigureResult[]> {
  requireBundleAndChromium();
  const seedUrl = needDevnet();
  const windowS = ctx.quick ? 10 : 120;
  const settleMs = ctx.quick ? 3_000 : 15_000;
  const loadBefore = loadAverage();
  const dataDir = tmpDir('idle');
  const { me, profileDir } = await createBenchProfile(dataDir, 'Idle', { seedUrl });
  seedContacts(
    profileDir,
    me,
    Array.from({ length: IDLE_CONVERSATIONS }, (_, k) => ({ id: senderIdentity(1_000 + k).sessionId, name: `Contact ${k}` })),
    20,
  );
  let host: WebHost | undefined;
  let app: Browser | undefined;
  let blank: Browser | undefined;
  const idleNode = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' });
  try {
    // The app's normal poll interval (the engine's default).
    host = await startWebHost({ dataDir, seedUrl, staticDir: STATIC_DIR, logger: silentLogger });
    const backend = host.backend;
    await until('the engine to go online', async () => (await backend.handlers['network.getPaths']({})).length > 0, 60_000, 200);
    let before = chromiumChildren();
    app = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const appPid = newBrowserPid(before);
    const page = await app.newPage({ viewport: { width: 1100, height: 800 } });
    await page.goto(host.url);
    await until('the conversation rows', async () => (await page.locator('[data-testid="conversation-row"]').count()) >= IDLE_CONVERSATIONS, 60_000, 100);
    before = chromiumChildren();
    blank = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const blankPid = newBrowserPid(before);
    await (await blank.newPage({ viewport: { width: 1100, height: 800 } })).goto('about:blank');
    // Start-up work (first polls, config sync, lazy compilation, the first paints) is not idle cost.
    await sleep(settleMs);
    const appTree = chromiumTree(appPid);
    const blankTree = chromiumTree(blankPid);
    const c0 = {
      host: process.cpuUsage(),
      appRenderers: cpuOf(appTree.renderers),
      appOthers: cpuOf(appTree.others),
      blankRenderers: cpuOf(blankTree.renderers),
      blankOthers: cpuOf(blankTree.others),
      node: processCpuMs(idleNode.pid ?? -1),
    };
    const t0 = performance.now();
    await sleep(windowS * 1000);
    const wallMs = performance.now() - t0;
    const hostCpu = process.cpuUsage(c0.host);
    const pct = (ms: number) => (ms / wallMs) * 100;
    const hostPct = pct((hostCpu.user + hostCpu.system) / 1000);
    const rendererPct = pct(deltaMs(c0.appRenderers, cpuOf(appTree.renderers)));
    const appOthersPct = pct(deltaMs(c0.appOthers, cpuOf(appTree.others)));
    const blankRendererPct = pct(deltaMs(c0.blankRenderers, cpuOf(blankTree.renderers)));
    const blankOthersPct = pct(deltaMs(c0.blankOthers, cpuOf(blankTree.others)));
    const nodePct = pct(processCpuMs(idleNode.pid ?? -1) - c0.node);
    const loadAfter = loadAverage();
    const detail = {
      windowSeconds: windowS,
      conversations: IDLE_CONVERSATIONS,
      hostPercent: round3(hostPct),
      rendererPercent: round3(rendererPct),
      rendererProcesses: appTree.renderers.length,
      appBrowserAndGpuPercent: round3(appOthersPct),
      floorIdleNodePercent: round3(nodePct),
      floorBlankRendererPercent: round3(blankRendererPct),
      floorBlankBrowserAndGpuPercent: round3(blankOthersPct),
      loadAverage: `${loadBefore} -> ${loadAfter}`,
    };
    recorded.idleCpu = detail;
    return [
      {
        name: 'idle-cpu-app',
        describe: `the whole app at rest over ${windowS} s with ${IDLE_CONVERSATIONS} conversations, engine polling the devnet every 5 s: web host process (backend) + the page's Chromium renderer process(es), /proc CPU time`,
        unit: '% of a core',
        value: round3(hostPct + rendererPct),
        floor: {
          value: round3(nodePct + blankRendererPct),
          describe: 'the same window of a bare idle Node process (setInterval of 2^30 ms) + the renderer of a blank page (about:blank) in another Chromium',
        },
        target: { max: 1 },
        detail,
      },
    ];
  } finally {
    await app?.close();
    await blank?.close();
    await host?.stop();
    idleNode.kill('SIGTERM');
  }
}

function writeResults(quick: boolean): void {
  // A partial run (--only one workload) keeps the other workload's last figures.
  const previous: Record<string, unknown> = (() => {
    try {
      const v: unknown = JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8'));
      return typeof v === 'object' && v !== null && (v as { mode?: unknown }).mode === (quick ? 'quick' : 'full') ? (v as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  })();
  const out = {
    ...previous,
    generatedAt: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    machine: { node: process.version, cpus: os.cpus().length, chromium: CHROMIUM, loadAverage: os.loadavg().map(round1) },
    ...recorded,
  };
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(out, null, 2)}\n`);
}

let quickMode = false;

const catchUp: MeasuredWorkload = { name: 'catch-up', measure: measureCatchUp };
const idleCpu: MeasuredWorkload = { name: 'idle-cpu-app', measure: measureIdleCpu };

export const appGroup: WorkloadGroup = {
  name: 'app',
  async setup(ctx) {
    quickMode = ctx?.quick ?? process.argv.includes('--quick');
    if (ctx) RESULTS_FILE = detailFile(ctx, 'app.json');
    devnet = await startChildDevnet();
  },
  async teardown() {
    devnet?.child.kill('SIGTERM');
    devnet = undefined;
    if (Object.keys(recorded).length > 0) writeResults(quickMode);
    for (const d of tmpDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  },
  workloads: [catchUp, idleCpu],
};
