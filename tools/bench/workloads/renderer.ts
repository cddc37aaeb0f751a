// Renderer workloads, in real Chromium on the web host: a profile with a 10,000-message conversation
// and 1,000 conversations (rows written straight through the backend's stores, no network), then
//  - opening the big conversation, from the click to its newest rows painted, next to a floor: the
//    same number of rows rendered from a static array as plain DOM in the same page;
//  - how many message rows the DOM holds once it is open;
//  - scrolling to the top through every page, with a PerformanceObserver counting long tasks (> 50 ms);
//  - rendering the 1,000-conversation list (clearing a search brings the whole list back), next to the
//    same rows from a static array;
//  - the renderer's JS heap after both (CDP, after a forced GC).
// Each figure goes to the runner's table (ms, rows, MB) with its floor and target; renderer.json (in the
// run's results folder) keeps the raw samples. Only data-testids
// that both the plain and the virtualized UI have are used ("conversation-row", "message",
// "message-text", "search-box"), and the timeline is found as the scrollable ancestor of the rows, so
// the workload holds whichever way the UI pages (messages.list or messages.page).
import { randomUUID, createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page, type WebSocket } from 'playwright-core';
import { silentLogger } from '../../../ts/backend';
import { createConversationStore } from '../../../ts/backend/db/conversationStore';
import { createMessageStore } from '../../../ts/backend/db/messageStore';
import { startWebHost, type WebHost } from '../../../ts/web/host';
import { detailFile } from '../results';
import { CHROMIUM, CHROMIUM_ARGS, STATIC_DIR, createBenchProfile, requireBundleAndChromium, withProfileDb } from './browser';
import type { FigureResult, MeasureContext, WorkloadGroup } from './types';

/** Set from the runner's context: a quick run uses a small profile and fewer repeats. */
let QUICK = false;


let BIG_MESSAGES = 10_000;
let CONVERSATIONS = 1_000;
const BIG_NAME = 'Bench 10k';
const OTHER_NAME = 'Bench other';
/** Opening is timed this many times (after one cold open); the median is the figure. */
let OPEN_REPEATS = 7;

const TARGETS = { openMs: 100, domRows: 200, longTaskMs: 50, listMs: 100, heapMb: 150 };

/** Text of message `i` of the big conversation: its index is readable back from the page. */
const bigText = (i: number): string => `bench message ${i}: the quick brown fox jumps over the lazy dog`;

interface Results {
  open: {
    coldMs: number;
    medianMs: number;
    floorMs: number;
    floorRows: number;
    samplesMs: number[];
    /** Of each open, the wait from the newest-page request leaving the page to its answer arriving (median). */
    backendWaitMs: number;
  };
  domRows: number;
  scroll: {
    /** `messages.page` requests with a `before` cursor sent while scrolling (the older pages loaded). */
    pageRequests: number;
    /** Scroll steps after which an older message than any before was in the DOM. */
    stepsWithOlderRows: number;
    reachedOldest: boolean;
    oldestIndexSeen: number;
    longTasks: number;
    longestTaskMs: number;
    ms: number;
  };
  list: { medianMs: number; floorMs: number; rowsInDom: number; samplesMs: number[] };
  heapMb: number;
}

function sessionIdFor(i: number): string {
  return '05' + createHash('sha256').update(`bench-conversation-${i}`).digest('hex');
}

/**
 * Makes a profile with an account (through the web host, network off), then writes the conversations
 * and messages straight into its encrypted database with the backend's own stores, in one transaction
 * (the next start carries the contacts into the configs).
 */
async function seedProfile(dataDir: string): Promise<void> {
  const { me, profileDir } = await createBenchProfile(dataDir, 'Bench');
  withProfileDb(profileDir, (db) => {
    const messages = createMessageStore(db);
    const conversations = createConversationStore(db);
    const t0 = Date.now() - 30 * 24 * 3600_000;
    db.transaction(() => {
      const add = (conversationId: string, i: number, text: string, at: number) => {
        const incoming = i % 3 !== 0;
        messages.insert({
          id: randomUUID(),
          conversationId,
          sender: incoming ? conversationId : me,
          direction: incoming ? 'incoming' : 'outgoing',
          body: text,
          sentAt: at,
          receivedAt: at,
          status: incoming ? 'read' : 'sent',
        });
      };
      for (let c = 0; c < CONVERSATIONS; c++) {
        const id = sessionIdFor(c);
        const name = c === 0 ? BIG_NAME : c === 1 ? OTHER_NAME : `Contact ${c}`;
        // The big conversation is the newest, the other one next: both at the top of the list.
        const at = t0 + (CONVERSATIONS - c) * 60_000;
        conversations.touch(id, 'private', at);
        conversations.updateContact(id, { isApproved: true, didApproveMe: true, profileName: name }, at);
        if (c === 0) {
          for (let i = 0; i < BIG_MESSAGES; i++) add(id, i, bigText(i), at - (BIG_MESSAGES - i) * 1_000);
        } else {
          add(id, 1, `hello from ${name}`, at);
        }
      }
      // The contact rows are caches of the configs, rewritten from them at every start. Without stored
      // configs the profile is one from before config sync, whose contacts become the Contacts config.
      db.prepare('DELETE FROM config_state').run();
    })();
  });
}

/**
 * Runs in the page before the app: notes when each newest-page request (`messages.page` without a
 * cursor) leaves on the WebSocket and when its answer arrives, so an open can be split into the wait
 * for the backend and the rest (rendering, layout, paint).
 */
const INSTRUMENT_PAGE_REQUESTS = `(() => {
  const sent = new Map();
  window.__benchPageWaits = [];
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    if (typeof data === 'string' && data.includes('"messages.page"')) {
      try {
        const f = JSON.parse(data);
        const p = f.params || {};
        if (!p.before && !p.after && !p.around) sent.set(f.id, performance.now());
      } catch {}
    }
    return send.call(this, data);
  };
  const Native = WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (ev) => {
        if (sent.size === 0 || typeof ev.data !== 'string') return;
        try {
          const f = JSON.parse(ev.data);
          const t0 = sent.get(f.id);
          if (t0 !== undefined) {
            sent.delete(f.id);
            window.__benchPageWaits.push(performance.now() - t0);
          }
        } catch {}
      });
    }
  };
})();`;

/** Clicks the row named `name` and resolves with the ms until the row text `newest` is painted. */
function timeOpen(page: Page, name: string, newest: string): Promise<number> {
  return page.evaluate(
    async ({ name, newest }) => {
      const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="conversation-row"]')];
      const row = rows.find((r) => (r.textContent ?? '').includes(name));
      if (!row) throw new Error(`no conversation row named ${name}`);
      const shown = () =>
        [...document.querySelectorAll('[data-testid="message-text"]')].some((e) => e.textContent === newest);
      const t0 = performance.now();
      row.click();
      await new Promise<void>((resolve) => {
        if (shown()) return resolve();
        const obs = new MutationObserver(() => {
          if (!shown()) return;
          obs.disconnect();
          resolve();
        });
        obs.observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      // Painted: the next frame has run and its paint has been handed over.
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return performance.now() - t0;
    },
    { name, newest },
  );
}

/** Floor: `texts` as plain DOM rows (a div per message), from a static array, until painted. */
function timeStaticRows(page: Page, texts: string[]): Promise<number> {
  return page.evaluate(async (texts) => {
    const host = document.createElement('div');
    host.style.cssText =
      'position:fixed;inset:0;overflow:auto;z-index:99999;background:var(--background-primary-color, #000)';
    const t0 = performance.now();
    const frag = document.createDocumentFragment();
    for (const text of texts) {
      const row = document.createElement('div');
      row.style.cssText =
        'padding:6px 12px;margin:2px 16px;border-radius:12px;max-width:70%;font:14px sans-serif';
      row.textContent = text;
      frag.appendChild(row);
    }
    host.appendChild(frag);
    document.body.appendChild(host);
    host.scrollTop = host.scrollHeight;
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const ms = performance.now() - t0;
    host.remove();
    return ms;
  }, texts);
}

/** Scrolls the timeline up until the oldest message is in the DOM or no older rows come; counts long tasks. */
function scrollToTop(page: Page, idleLimitMs: number): Promise<Omit<Results['scroll'], 'pageRequests'>> {
  return page.evaluate(async (idleLimitMs) => {
    const longTasks: number[] = [];
    const po = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push(e.duration);
    });
    po.observe({ type: 'longtask', buffered: false });
    const indexOf = (el: Element) => Number(/^bench message (\d+):/.exec(el.textContent ?? '')?.[1] ?? NaN);
    const oldestInDom = () => {
      let min = Infinity;
      for (const e of document.querySelectorAll('[data-testid="message-text"]')) {
        const i = indexOf(e);
        if (i < min) min = i;
      }
      return min;
    };
    const first = document.querySelector('[data-testid="message"]');
    let scroller: HTMLElement | null = first?.parentElement ?? null;
    while (
      scroller &&
      !(
        scroller.scrollHeight > scroller.clientHeight &&
        /(auto|scroll)/.test(getComputedStyle(scroller).overflowY)
      )
    )
      scroller = scroller.parentElement;
    if (!scroller) throw new Error('no scrollable timeline around the message rows');
    const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
    const t0 = performance.now();
    let steps = 0;
    let best = oldestInDom();
    let lastProgress = t0;
    while (best > 0 && performance.now() - lastProgress < idleLimitMs) {
      // Up in wheel-sized steps, as a person would, so each page is asked for at the top edge.
      scroller.scrollTop = Math.max(0, scroller.scrollTop - 1_200);
      await frame();
      const now = oldestInDom();
      if (now < best) {
        best = now;
        steps++;
        lastProgress = performance.now();
      }
    }
    // Time to the last page that arrived (the idle wait after it is not part of scrolling).
    const ms = lastProgress - t0;
    await new Promise((r) => setTimeout(r, 100));
    po.disconnect();
    return {
      stepsWithOlderRows: steps,
      reachedOldest: best === 0,
      oldestIndexSeen: Number.isFinite(best) ? best : -1,
      longTasks: longTasks.length,
      longestTaskMs: Math.round(longTasks.reduce((a, b) => Math.max(a, b), 0)),
      ms: Math.round(ms),
    };
  }, idleLimitMs);
}

/** Clears a search that hid the list and times the 1,000-conversation list until painted. */
function timeListRender(page: Page): Promise<{ ms: number; rows: number }> {
  return page.evaluate(async () => {
    const input = document.querySelector<HTMLInputElement>('[data-testid="search-box"] input');
    if (!input) throw new Error('no search box');
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    const rowsShown = () => document.querySelectorAll('[data-testid="conversation-row"]').length;
    const waitFor = (ok: () => boolean) =>
      new Promise<void>((resolve) => {
        if (ok()) return resolve();
        const obs = new MutationObserver(() => {
          if (!ok()) return;
          obs.disconnect();
          resolve();
        });
        obs.observe(document.body, { subtree: true, childList: true, characterData: true });
      });
    // A query nothing matches: the list goes away.
    setValue.call(input, 'zz-no-such-conversation-zz');
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await waitFor(() => document.querySelector('[data-testid="search-no-results"]') !== null);
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const before = rowsShown();
    const t0 = performance.now();
    setValue.call(input, '');
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await waitFor(
      () => rowsShown() > before && document.querySelector('[data-testid="search-no-results"]') === null,
    );
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return { ms: performance.now() - t0, rows: rowsShown() };
  });
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? NaN : (s[Math.floor((s.length - 1) / 2)] as number);
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

async function measure(): Promise<Results> {
  requireBundleAndChromium();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-renderer-'));
  let host: WebHost | undefined;
  let browser: Browser | undefined;
  try {
    process.stderr.write(
      `bench: renderer: writing ${BIG_MESSAGES.toLocaleString('en-US')} messages and ${CONVERSATIONS.toLocaleString('en-US')} conversations...\n`,
    );
    await seedProfile(dataDir);
    host = await startWebHost({
      dataDir,
      network: 'testnet',
      staticDir: STATIC_DIR,
      logger: silentLogger,
      engine: { startNetwork: false },
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    const errors: string[] = [];
    const sockets: WebSocket[] = [];
    page.on('websocket', (ws) => sockets.push(ws));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(INSTRUMENT_PAGE_REQUESTS);
    await page.goto(host.url);
    await page.getByTestId('conversation-row').filter({ hasText: BIG_NAME }).waitFor({ timeout: 60_000 });

    const newest = bigText(BIG_MESSAGES - 1);
    const otherNewest = `hello from ${OTHER_NAME}`;
    const profileDir = process.env.BENCH_RENDERER_PROFILE;
    const cdpProfiler = profileDir ? await page.context().newCDPSession(page) : undefined;
    const traceDir = process.env.BENCH_RENDERER_TRACE;
    /**
     * With BENCH_RENDERER_PROFILE=<dir>, a CPU profile of the page during `what` is written there; with
     * BENCH_RENDERER_TRACE=<dir>, a Chrome trace (tasks, layout, paint, JS with its stacks) for
     * chrome://tracing or the DevTools performance panel.
     */
    const profiled = async <T>(name: string, what: () => Promise<T>): Promise<T> => {
      if (traceDir && browser) {
        fs.mkdirSync(traceDir, { recursive: true });
        const file = path.join(traceDir, `${name}.trace.json`);
        await browser.startTracing(page, {
          path: file,
          screenshots: false,
          categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame', 'v8.execute', 'blink.user_timing', 'disabled-by-default-v8.cpu_profiler'],
        });
        const out = await what();
        await browser.stopTracing();
        process.stderr.write(`bench: renderer: trace written to ${file}\n`);
        return out;
      }
      if (!cdpProfiler || !profileDir) return what();
      await cdpProfiler.send('Profiler.enable');
      await cdpProfiler.send('Profiler.start');
      const out = await what();
      const { profile } = (await cdpProfiler.send('Profiler.stop')) as { profile: unknown };
      fs.mkdirSync(profileDir, { recursive: true });
      fs.writeFileSync(path.join(profileDir, `${name}.cpuprofile`), JSON.stringify(profile));
      process.stderr.write(`bench: renderer: CPU profile written to ${path.join(profileDir, `${name}.cpuprofile`)}\n`);
      return out;
    };
    const coldMs = await timeOpen(page, BIG_NAME, newest);
    const samples: number[] = [];
    await profiled('open', async () => {
      for (let i = 0; i < OPEN_REPEATS; i++) {
        await timeOpen(page, OTHER_NAME, otherNewest);
        samples.push(await timeOpen(page, BIG_NAME, newest));
      }
    });
    // The answers to the newest-page requests of the timed opens of the big conversation (every other one).
    const pageWaits = (await page.evaluate(() => (window as unknown as { __benchPageWaits: number[] }).__benchPageWaits)).slice(1);
    const backendSamples = pageWaits.filter((_, k) => k % 2 === 1);
    const domRows = await page.locator('[data-testid="message"]').count();
    // The floor renders as many rows as the app put in the DOM, newest last, from a static array.
    const floorRows = Math.max(1, domRows);
    const floorTexts = Array.from({ length: floorRows }, (_, k) => bigText(BIG_MESSAGES - floorRows + k));
    const floorSamples: number[] = [];
    for (let i = 0; i < OPEN_REPEATS; i++) floorSamples.push(await timeStaticRows(page, floorTexts));

    // Pages really asked for: `messages.page` calls with a `before` cursor on the page's WebSocket.
    let olderPageRequests = 0;
    for (const ws of sockets)
      ws.on('framesent', (f) => {
        const text = typeof f.payload === 'string' ? f.payload : f.payload.toString('utf8');
        if (text.includes('"messages.page"') && text.includes('"before"')) olderPageRequests++;
      });
    const scroll = {
      ...(await profiled('scroll', () => scrollToTop(page, QUICK ? 3_000 : 5_000))),
      pageRequests: 0,
    };
    scroll.pageRequests = olderPageRequests;

    const listSamples: number[] = [];
    let rowsInDom = 0;
    for (let i = 0; i < OPEN_REPEATS; i++) {
      const r = await timeListRender(page);
      listSamples.push(r.ms);
      rowsInDom = r.rows;
    }
    const listFloorTexts = Array.from(
      { length: Math.max(1, rowsInDom) },
      (_, c) => `Contact ${c} hello from Contact ${c}`,
    );
    const listFloor: number[] = [];
    for (let i = 0; i < OPEN_REPEATS; i++) listFloor.push(await timeStaticRows(page, listFloorTexts));

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    if (errors.length > 0) process.stderr.write(`bench: renderer: page errors: ${errors.join('; ')}\n`);
    return {
      open: {
        coldMs: round1(coldMs),
        medianMs: round1(median(samples)),
        floorMs: round1(median(floorSamples)),
        floorRows,
        samplesMs: samples.map(round1),
        backendWaitMs: round1(median(backendSamples)),
      },
      domRows,
      scroll,
      list: {
        medianMs: round1(median(listSamples)),
        floorMs: round1(median(listFloor)),
        rowsInDom,
        samplesMs: listSamples.map(round1),
      },
      heapMb: round1(heap.usedSize / (1024 * 1024)),
    };
  } finally {
    await browser?.close();
    await host?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function writeResults(r: Results, ctx: MeasureContext): void {
  const RESULTS_FILE = detailFile(ctx, 'renderer.json');
  const out = {
    generatedAt: new Date().toISOString(),
    mode: QUICK ? 'quick' : 'full',
    // The 1/5/15-minute load average at the end: figures from a busy machine read high.
    machine: { node: process.version, cpus: os.cpus().length, chromium: CHROMIUM, loadAverage: os.loadavg().map(round1) },
    profile: { bigConversationMessages: BIG_MESSAGES, conversations: CONVERSATIONS },
    targets: TARGETS,
    ...r,
  };
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(out, null, 2)}\n`);
}

const WORKLOAD = 'chromium-profile';
const FIGURES = ['open-10k-conversation', 'dom-rows', 'scroll-to-top', 'conversation-list-1000', 'renderer-heap'];

function figures(r: Results): FigureResult[] {
  const size = `${BIG_MESSAGES.toLocaleString('en-US')}-message conversation`;
  return [
    {
      name: 'open-10k-conversation',
      describe: `open a ${size} in Chromium (web host): click to its newest rows painted, median of ${OPEN_REPEATS}`,
      unit: 'ms',
      value: r.open.medianMs,
      floor: { value: r.open.floorMs, describe: `the same ${r.open.floorRows} rows as plain DOM from a static array in the same page, median` },
      target: { max: TARGETS.openMs },
      detail: { messages: BIG_MESSAGES, coldMs: r.open.coldMs, backendPageWaitMs: r.open.backendWaitMs },
    },
    {
      name: 'dom-rows',
      describe: 'message rows in the DOM with that conversation open',
      unit: 'rows',
      value: r.domRows,
      target: { max: TARGETS.domRows },
    },
    {
      name: 'scroll-to-top',
      describe: `scroll that conversation to its oldest message in wheel-sized steps: the longest renderer task over 50 ms (0 = none)`,
      unit: 'ms',
      value: r.scroll.longestTaskMs,
      target: { max: TARGETS.longTaskMs },
      check: { ok: r.scroll.reachedOldest, describe: 'every page reached' },
      detail: {
        longTasks: r.scroll.longTasks,
        olderPageRequests: r.scroll.pageRequests,
        reachedOldest: r.scroll.reachedOldest,
        oldestIndexSeen: r.scroll.oldestIndexSeen,
        scrollMs: r.scroll.ms,
      },
    },
    {
      name: 'conversation-list-1000',
      describe: `render the ${CONVERSATIONS.toLocaleString('en-US')}-conversation list (a cleared search) until painted, median of ${OPEN_REPEATS}`,
      unit: 'ms',
      value: r.list.medianMs,
      floor: { value: r.list.floorMs, describe: `the same ${r.list.rowsInDom} rows as plain DOM from a static array, median` },
      target: { max: TARGETS.listMs },
      detail: { conversations: CONVERSATIONS, rowsInDom: r.list.rowsInDom },
    },
    {
      name: 'renderer-heap',
      describe: 'renderer JS heap after all of the above (after a forced GC)',
      unit: 'MB',
      value: r.heapMb,
      target: { max: TARGETS.heapMb },
    },
  ];
}

export const rendererGroup: WorkloadGroup = {
  name: 'renderer',
  setup(ctx) {
    QUICK = ctx.quick;
    BIG_MESSAGES = QUICK ? 2_000 : 10_000;
    CONVERSATIONS = QUICK ? 200 : 1_000;
    OPEN_REPEATS = QUICK ? 2 : 7;
    return Promise.resolve();
  },
  workloads: [
    {
      name: WORKLOAD,
      figures: FIGURES,
      async measure(ctx) {
        const r = await measure();
        writeResults(r, ctx);
        return figures(r);
      },
    },
  ],
};
