// Communities (issue 15) against the devnet's community server, in a devnet of its own process (so its CPU
// and event loop never count for the client). Rooms are filled with signed posts through the devnet's bulk
// import (control `POST /sogs/rooms/<token>/import`), each signed by its poster's 15-blinded key as a client
// signs a post (protocol buildRoomPost):
//  - room-join-first-page: a room of 100,000 posts from 1,000 posters joined in the app (web host + the renderer
//    in Chromium, from the Join Community overlay): from the join call's answer reaching the page to the
//    room's newest post shown; floor: one poll of that room by a bare SogsClient from this process.
//  - room-catch-up: 10,000 new posts in a joined room, taken in by the engine's poller (engine in this process,
//    from a profile snapshot, its community requests held until the posts are on the server), next to the
//    same pages fetched with a SogsClient and stored in a bare table of an encrypted SQLite file in the same
//    process; and the page's longest task while the app takes in 10,000 new posts in the room it shows.
//  - idle-rooms-requests: the requests the server receives (counted by a loopback proxy in front of it) while the
//    engine polls 20 idle rooms of one server, per poll interval, next to the same count with one room.
// The raw numbers go to bench/results/communities.json (a quick run's to bench/results/quick/).
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Session as InspectorSession } from 'node:inspector';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openBackend, silentLogger, type Backend } from '../../../ts/backend';
import { openEncryptedDatabase } from '../../../ts/backend/db/database';
import type { NetworkFactoryArgs } from '../../../ts/backend/services/engine';
import type { ConversationSummary, MessageView } from '../../../ts/ipc/contract';
import { loadCustomNetwork } from '../../../ts/network/config';
import { createHttpClient } from '../../../ts/network/http';
import { SessionNetwork } from '../../../ts/network/SessionNetwork';
import { SogsClient, type SogsPollPlan, type SogsServer } from '../../../ts/network/sogs';
import { MemoryNetworkStore } from '../../../ts/network/store';
import { blind15Id, buildRoomPost, identityFromRecoverySeed, loadProtocol, verifyRoomMessageSignature, type Identity, type RoomSigner } from '../../../ts/protocol';
import { startWebHost, type WebHost } from '../../../ts/web/host';
import { detailFile } from '../results';
import { CHROMIUM, CHROMIUM_ARGS, STATIC_DIR, createBenchProfile, requireBundleAndChromium } from './browser';
import { startChildDevnet, type ChildDevnetInfo } from './childDevnet';
import type { FigureResult, MeasureContext, MeasuredWorkload, WorkloadGroup } from './types';

const BIG = 'big';
const CATCH_UP = 'catchup';
const LIVE = 'live';
const IDLE_ROOMS = Array.from({ length: 20 }, (_, i) => `idle${String(i).padStart(2, '0')}`);
/** Posts in the catch-up rooms before the measured ones (what the client has when the catch-up starts). */
const EARLIER_POSTS = 100;
/** The server's page of messages (recent, since): the engine's pages and the floor's. */
const PAGE = 100;
/** A few thousand posts per import request keeps each under the control endpoint's 10 MB body limit. */
const IMPORT_CHUNK = 4_000;

interface Sizes {
  bigPosts: number;
  posters: number;
  catchUp: number;
  joinRuns: number;
  catchUpRuns: number;
  idleIntervals: number;
  idleIntervalMs: number;
}

const sizesFor = (quick: boolean): Sizes =>
  quick
    ? { bigPosts: 300, posters: 20, catchUp: 300, joinRuns: 1, catchUpRuns: 1, idleIntervals: 4, idleIntervalMs: 300 }
    : { bigPosts: 100_000, posters: 1_000, catchUp: 10_000, joinRuns: 3, catchUpRuns: 2, idleIntervals: 20, idleIntervalMs: 1_000 };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const round1 = (n: number): number => Math.round(n * 10) / 10;
const loadAverage = (): string =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function until<T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs: number, everyMs = 25): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`bench: communities: timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

// ---------------------------------------------------------------------------------------------------
// The devnet and its rooms

let devnet: { child: ChildProcess; seedUrl: string; controlUrl: string; sogs: { url: string; pubkey: string } } | undefined;
const tmpDirs: string[] = [];
const recorded: Record<string, unknown> = {};
let RESULTS_FILE = '';

function tmpDir(tag: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), `bench-communities-${tag}-`));
  tmpDirs.push(d);
  return d;
}

function needDevnet(): NonNullable<typeof devnet> {
  if (!devnet) throw new Error('bench: communities: the devnet was not started');
  return devnet;
}

const shareUrl = (base: string, token: string): string => `${base}/${token}?public_key=${needDevnet().sogs.pubkey}`;
const roomId = (base: string, token: string): string => `${base}/${token.toLowerCase()}`;

interface Poster {
  blindedId: string;
  signer: RoomSigner;
  name: string;
}

let postersMade: Poster[] = [];

/** `n` posters with fixed keys, each with its 15-blinded id on the devnet's server (made once per run). */
function makePosters(n: number, serverPubkey: Uint8Array): Poster[] {
  if (postersMade.length === n) return postersMade;
  postersMade = Array.from({ length: n }, (_, k) => {
    const seed = new Uint8Array(16);
    new DataView(seed.buffer).setUint32(0, 0x50_00_00_00 + k);
    const id: Identity = identityFromRecoverySeed(seed);
    return {
      blindedId: blind15Id(id.ed25519.secretKey, serverPubkey),
      signer: { ed25519SecretKey: id.ed25519.secretKey, serverPubkey, blinded: true, random: (m: number) => new Uint8Array(m) },
      name: `Poster ${k}`,
    };
  });
  return postersMade;
}

const postText = (token: string, i: number): string => `${token} post ${i}`;

interface ImportPost {
  session_id: string;
  data: string;
  signature: string;
  posted: number;
}

/** Signed posts `from`..`from+count-1` of a room, round robin over the posters, `postedMs(i)` apart. */
function signPosts(token: string, posters: readonly Poster[], from: number, count: number, postedMs: (i: number) => number): ImportPost[] {
  const out: ImportPost[] = [];
  for (let i = from; i < from + count; i++) {
    const p = posters[i % posters.length]!;
    const at = postedMs(i);
    const post = buildRoomPost(p.signer, { dataMessage: { body: postText(token, i), timestamp: at, profile: { displayName: p.name } } }, at);
    out.push({ session_id: p.blindedId, data: Buffer.from(post.data).toString('base64'), signature: Buffer.from(post.signature).toString('base64'), posted: at / 1000 });
  }
  return out;
}

/**
 * POSTs JSON on a connection of its own (no keep-alive pool): the bench signs thousands of posts synchronously
 * between imports, so a pooled socket can outlive the server's keep-alive timeout unnoticed (the client's
 * timer to drop it cannot run meanwhile) and the next import is written into a closed connection (EPIPE).
 */
function postJson(url: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Adds posts to a room through the devnet's control endpoint (the server verifies every signature). */
async function importPosts(token: string, posts: readonly ImportPost[]): Promise<void> {
  const { controlUrl } = needDevnet();
  for (let i = 0; i < posts.length; i += IMPORT_CHUNK) {
    const res = await postJson(`${controlUrl}/sogs/rooms/${token}/import`, JSON.stringify({ posts: posts.slice(i, i + IMPORT_CHUNK) })).catch((err: unknown) => {
      throw new Error(`bench: communities: importing into ${token} failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    });
    if (res.status !== 200) throw new Error(`bench: communities: importing into ${token} failed: ${res.status} ${res.text}`);
  }
}

// ---------------------------------------------------------------------------------------------------
// A bare SogsClient in this process (the floors)

interface BareClient {
  client: SogsClient;
  server: SogsServer;
  stop(): void;
}

async function bareClient(): Promise<BareClient> {
  const d = needDevnet();
  const http = createHttpClient();
  const net = new SessionNetwork({ config: await loadCustomNetwork(d.seedUrl, http), store: new MemoryNetworkStore(), http });
  net.start();
  await net.ready();
  const seed = new Uint8Array(randomBytes(16));
  const identity = identityFromRecoverySeed(seed);
  const client = new SogsClient({ send: (req, opts) => net.sendToServer(req, opts), now: () => Date.now(), random: (n) => new Uint8Array(randomBytes(n)), identity });
  return {
    client,
    server: { baseUrl: d.sogs.url, pubkey: d.sogs.pubkey },
    stop: () => {
      net.stop();
      http.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// An engine in this process

interface Gate {
  open(): void;
  wait(): Promise<void>;
}

function makeGate(): Gate {
  let open!: () => void;
  const p = new Promise<void>((r) => (open = r));
  return { open, wait: () => p };
}

/** Opens a backend as the CLI does (engine in this process); `gate` holds its server requests (community polls) until opened. */
async function openEngine(dataDir: string, opts: { gate?: Gate; pollMs?: number }): Promise<Backend> {
  const { seedUrl } = needDevnet();
  return openBackend({
    dataDir,
    seedUrl,
    host: 'cli',
    appVersion: '0.0.0-bench',
    logger: silentLogger,
    engine: {
      configPushDelayMs: 0,
      ...(opts.pollMs !== undefined ? { communityPoll: { baseMs: opts.pollMs, idleAfterMs: 3_600_000 } } : {}),
      ...(opts.gate
        ? {
            createNetwork: (args: NetworkFactoryArgs) => {
              const net = new SessionNetwork({ config: args.config, store: args.store, ownPubkey: args.ownPubkey, now: args.now, randomBytes: args.randomBytes });
              const send = net.sendToServer.bind(net);
              const gate = opts.gate as Gate;
              net.sendToServer = async (...a: Parameters<SessionNetwork['sendToServer']>) => {
                await gate.wait();
                return send(...a);
              };
              return net;
            },
          }
        : {}),
    },
  });
}

const online = (b: Pick<Backend, 'handlers'>): Promise<true> =>
  until('the engine to go online', async () => (await b.handlers['network.getPaths']({})).length > 0 || false, 60_000, 200);

/** Waits until a joined room has its first page (its `loading` flag cleared). */
const roomLoaded = (b: Pick<Backend, 'handlers'>, id: string): Promise<ConversationSummary> =>
  until(
    `room ${id} to load`,
    async () => (await b.handlers['conversations.list']({})).find((c) => c.id === id && c.community !== undefined && !c.community.loading),
    60_000,
    50,
  );

// ---------------------------------------------------------------------------------------------------
// 1. Join a big room: first page shown

/** Runs in the page before the app: the time the answer to `communities.join` reaches the page (its socket's message event). */
const HOOK_JOIN_ANSWER = `(() => {
  const Base = window.WebSocket;
  let joinId = null;
  window.__benchJoinAnswered = 0;
  window.WebSocket = class extends Base {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        if (joinId !== null && window.__benchJoinAnswered === 0 && typeof e.data === 'string' && e.data.startsWith('{"id":' + joinId + ','))
          window.__benchJoinAnswered = performance.timeOrigin + performance.now();
      });
    }
    send(data) {
      if (joinId === null && typeof data === 'string' && data.includes('"communities.join"')) joinId = JSON.parse(data).id;
      return super.send(data);
    }
  };
})();`;

interface PageWindow {
  __benchJoinAnswered: number;
  __benchShown: Promise<number>;
  __benchLongTasks: { at: number; ms: number }[];
}

/**
 * Arms a watcher that resolves `window.__benchShown` with the time the page first shows one of `texts` in
 * a message row of the open conversation, or (`inPreview`) at the end of a conversation row's preview. It
 * checks once per animation frame after DOM changes.
 */
function armShown(page: Page, texts: readonly string[], inPreview = false): Promise<void> {
  return page.evaluate(
    ({ texts, inPreview }) => {
      const w = window as unknown as PageWindow;
      const wanted = new Set(texts);
      const shown = (): boolean =>
        inPreview
          ? [...document.querySelectorAll('[data-testid="row-preview"]')].some((e) => texts.some((t) => (e.textContent ?? '').endsWith(t)))
          : [...document.querySelectorAll('[data-testid="message-text"]')].some((e) => wanted.has(e.textContent ?? ''));
      w.__benchShown = new Promise<number>((resolve) => {
        let scheduled = false;
        const obs = new MutationObserver(() => {
          if (scheduled) return;
          scheduled = true;
          requestAnimationFrame(() => {
            scheduled = false;
            if (!shown()) return;
            obs.disconnect();
            resolve(performance.timeOrigin + performance.now());
          });
        });
        obs.observe(document.documentElement, { subtree: true, childList: true, characterData: true });
      });
    },
    { texts, inPreview },
  );
}

interface JoinRun {
  /** From the join answer reaching the page to the newest post shown, ms. */
  shownMs: number;
  /** From the join answer reaching the page to the first page stored by the backend (its messages.added), ms. */
  storedMs: number;
  /** From the click on Join to its answer, ms. */
  joinCallMs: number;
}

let browser: Browser | undefined;

async function runJoin(sizes: Sizes): Promise<JoinRun> {
  const d = needDevnet();
  const dataDir = tmpDir('join');
  await createBenchProfile(dataDir, 'Joiner', { seedUrl: d.seedUrl });
  let host: WebHost | undefined;
  let page: Page | undefined;
  try {
    host = await startWebHost({ dataDir, seedUrl: d.seedUrl, staticDir: STATIC_DIR, logger: silentLogger });
    const backend = host.backend;
    await online(backend);
    const id = roomId(d.sogs.url, BIG);
    let storedAt = 0;
    const off = backend.on('messages.added', (p: { messages: MessageView[] }) => {
      if (storedAt === 0 && p.messages.some((m) => m.conversationId === id)) storedAt = Date.now();
    });
    browser ??= await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(HOOK_JOIN_ANSWER);
    await page.goto(host.url);
    await page.getByTestId('choose-action-button').click({ timeout: 60_000 });
    await page.getByTestId('action-join-community').click();
    await page.getByTestId('join-community-input').fill(shareUrl(d.sogs.url, BIG));
    // The room opens on its first page: at its first unread post, the oldest of the page (all are unread).
    const firstPage = Array.from({ length: Math.min(PAGE, sizes.bigPosts) }, (_, i) => postText(BIG, sizes.bigPosts - 1 - i));
    await armShown(page, firstPage);
    const clickedAt = Date.now();
    await page.getByTestId('join-community-submit').click();
    const p = page;
    const shownAt = await until(
      'the room to show its first page',
      () => p.evaluate(() => Promise.race([(window as unknown as PageWindow).__benchShown, new Promise<number>((r) => setTimeout(() => r(0), 500))])),
      60_000,
      0,
    );
    const answeredAt = await page.evaluate(() => (window as unknown as PageWindow).__benchJoinAnswered);

    off();
    if (errors.length > 0) process.stderr.write(`bench: communities: page errors: ${errors.join('; ')}\n`);
    if (answeredAt === 0) throw new Error('bench: communities: the page saw no answer to communities.join');
    return { shownMs: round1(shownAt - answeredAt), storedMs: round1(storedAt - answeredAt), joinCallMs: round1(answeredAt - clickedAt) };
  } catch (e) {
    if (process.env.BENCH_SHOT) await page?.screenshot({ path: path.join(process.env.BENCH_SHOT, 'join.png') });
    throw e;
  } finally {
    await page?.close();
    await host?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measureJoin(ctx: MeasureContext): Promise<FigureResult[]> {
  requireBundleAndChromium();
  const sizes = sizesFor(ctx.quick);
  const d = needDevnet();
  const loadBefore = loadAverage();
  const posters = makePosters(sizes.posters, Buffer.from(d.sogs.pubkey, 'hex'));
  const s0 = Date.now();
  const nowMs = Math.floor(Date.now() / 1000) * 1000;
  // One post a second up to now (so every post passes the 6-hour rule against its own posted time).
  await importPosts(BIG, signPosts(BIG, posters, 0, sizes.bigPosts, (i) => nowMs - (sizes.bigPosts - i) * 1000));
  process.stderr.write(`bench: communities: ${sizes.bigPosts} posts from ${sizes.posters} posters signed and imported in ${((Date.now() - s0) / 1000).toFixed(1)} s\n`);
  // Floor: one poll of the room by a bare client (the request the engine's first poll makes).
  const bare = await bareClient();
  const floorMs: number[] = [];
  try {
    const plan: SogsPollPlan = { rooms: [{ token: BIG }], reactors: 5 };
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const r = await bare.client.poll(bare.server, plan);
      floorMs.push(performance.now() - t);
      if ((r.rooms[0]?.messages?.length ?? 0) !== Math.min(PAGE, sizes.bigPosts)) throw new Error('bench: communities: the floor poll did not get a full first page');
    }
  } finally {
    bare.stop();
  }
  const runs: JoinRun[] = [];
  for (let r = 0; r < sizes.joinRuns; r++) runs.push(await runJoin(sizes));
  const loadAfter = loadAverage();
  recorded.join = { posts: sizes.bigPosts, posters: sizes.posters, runs, floorPollMs: floorMs.map(round1), loadAverage: { before: loadBefore, after: loadAfter } };
  const size = `${sizes.bigPosts.toLocaleString('en-US')} posts from ${sizes.posters.toLocaleString('en-US')} posters`;
  return [
    {
      name: 'room-join-first-page',
      describe: `a room of ${size} joined from the Join Community overlay (web host + Chromium): from the join call's answer reaching the page to the room showing its first page (the newest ${PAGE} posts, opened at the first unread); median of ${runs.length}`,
      unit: 'ms',
      value: round1(median(runs.map((r) => r.shownMs))),
      floor: { value: round1(median(floorMs)), describe: 'one poll of that room (capabilities, pollInfo and its recent page) by a bare SogsClient in the bench process, through the same devnet; median of 5' },
      target: { max: 200 },
      detail: {
        shownRunsMs: runs.map((r) => r.shownMs).join(' '),
        storedRunsMs: runs.map((r) => r.storedMs).join(' '),
        joinCallRunsMs: runs.map((r) => r.joinCallMs).join(' '),
        loadAverage: `${loadBefore} -> ${loadAfter}`,
      },
    },
  ];
}

// ---------------------------------------------------------------------------------------------------
// 2. Catch-up of new posts: the engine's poller vs a bare fetch-and-store; the page's longest task

/** Fetches a room's posts after `fromSeqno` page by page with a bare SogsClient and stores each page in a bare table (one transaction per page). */
async function bareFetchAndStore(
  token: string,
  fromSeqno: number,
  expect: number,
): Promise<{ ms: number; cpuMs: number; pages: number; verifyMs: number; devnetCpuMs: number | undefined }> {
  const bare = await bareClient();
  const dir = tmpDir('floor-db');
  const db = openEncryptedDatabase(path.join(dir, 'floor.db'), new Uint8Array(randomBytes(32)));
  try {
    db.exec('CREATE TABLE posts (id INTEGER PRIMARY KEY, seqno INTEGER NOT NULL, session_id TEXT NOT NULL, posted REAL NOT NULL, data BLOB NOT NULL, signature BLOB NOT NULL)');
    const insert = db.prepare('INSERT OR REPLACE INTO posts (id, seqno, session_id, posted, data, signature) VALUES (?, ?, ?, ?, ?, ?)');
    const storePage = db.transaction((rows: { id: number; seqno: number; sessionId?: string; posted?: number; data?: Uint8Array; signature?: Uint8Array }[]) => {
      for (const r of rows) if (r.data && r.signature && r.sessionId) insert.run(r.id, r.seqno, r.sessionId, r.posted ?? 0, r.data, r.signature);
    });
    let seqno = fromSeqno;
    let pages = 0;
    let stored = 0;
    const fetched: { sessionId: string; data: Uint8Array; signature: Uint8Array }[] = [];
    const t = performance.now();
    const cpu0 = process.cpuUsage();
    const devnet0 = devnetCpuMs();
    for (;;) {
      const r = await bare.client.poll(bare.server, { rooms: [{ token, sinceSeqno: seqno }], reactors: 5 });
      const rows = r.rooms[0]?.messages ?? [];
      if (r.rooms[0]?.error) throw r.rooms[0].error;
      pages++;
      storePage(rows);
      stored += rows.length;
      for (const row of rows) if (row.sessionId && row.data && row.signature) fetched.push({ sessionId: row.sessionId, data: row.data, signature: row.signature });
      for (const row of rows) seqno = Math.max(seqno, row.seqno);
      if (rows.length < PAGE) break;
    }
    const ms = performance.now() - t;
    const cpuMs = cpuMsSince(cpu0);
    const devnet1 = devnetCpuMs();
    if (stored !== expect) throw new Error(`bench: communities: the floor fetched ${stored} posts, expected ${expect}`);
    // Not part of the floor, for the record: what checking the same signatures costs here (the engine must).
    const v0 = performance.now();
    for (const r of fetched) if (!verifyRoomMessageSignature(r.sessionId, r.data, r.signature)) throw new Error('bench: communities: a fetched post does not verify');
    const devnetMs = devnet0 !== undefined && devnet1 !== undefined ? devnet1 - devnet0 : undefined;
    return { ms, cpuMs, pages, verifyMs: performance.now() - v0, devnetCpuMs: devnetMs };
  } finally {
    db.close();
    bare.stop();
  }
}

/** A profile that joined `token` and has its first page (engine stopped): the snapshot each catch-up run starts from. */
async function joinedSnapshot(token: string): Promise<string> {
  const d = needDevnet();
  const dir = tmpDir(`snapshot-${token}`);
  const backend = await openEngine(dir, {});
  try {
    await backend.handlers['account.create']({ displayName: 'Catch-up' });
    await online(backend);
    await backend.handlers['communities.join']({ url: shareUrl(d.sogs.url, token) });
    await roomLoaded(backend, roomId(d.sogs.url, token));
    // The join's config push goes out before the snapshot is taken (the runs would repeat it otherwise).
    await sleep(quickMode ? 500 : 2_000);
  } finally {
    await backend.close();
  }
  return dir;
}

/** CPU time (user + system) the devnet's process has used so far, ms; undefined where /proc is missing. */
function devnetCpuMs(): number | undefined {
  const pid = devnet?.child.pid;
  if (pid === undefined) return undefined;
  try {
    // Fields 14 and 15 of /proc/<pid>/stat (after the parenthesised name): utime and stime in clock ticks (100 Hz).
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** CPU time (user + system, all threads: the engine's workers included) of this process since `from`, ms. */
const cpuMsSince = (from: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
};

async function engineCatchUp(snapshot: string, token: string, expect: number): Promise<{ ms: number; cpuMs: number; devnetCpuMs: number | undefined }> {
  const d = needDevnet();
  const dir = tmpDir('catchup-run');
  fs.cpSync(snapshot, dir, { recursive: true });
  const gate = makeGate();
  const backend = await openEngine(dir, { gate, pollMs: 1_000 });
  try {
    await online(backend);
    const id = roomId(d.sogs.url, token);
    let stored = 0;
    let doneAt = 0;
    const off = backend.on('messages.added', (p: { messages: MessageView[] }) => {
      for (const m of p.messages) if (m.conversationId === id) stored++;
      if (stored >= expect && doneAt === 0) doneAt = performance.now();
    });
    const stopProfile = await profileThisProcess('room-catch-up-engine');
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const devnet0 = devnetCpuMs();
    gate.open();
    await until(`${expect} posts taken in`, () => doneAt > 0, 600_000, 10);
    const cpuMs = cpuMsSince(cpu0);
    const devnet1 = devnetCpuMs();
    off();
    await stopProfile();
    return { ms: doneAt - t0, cpuMs, devnetCpuMs: devnet0 !== undefined && devnet1 !== undefined ? devnet1 - devnet0 : undefined };
  } finally {
    await backend.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** BENCH_COMMUNITIES_PROFILE=<dir>: a CPU profile of this process during each engine catch-up (and of the page during its catch-up). */
async function profileThisProcess(name: string): Promise<() => Promise<void>> {
  const dir = process.env.BENCH_COMMUNITIES_PROFILE;
  if (!dir) return async () => undefined;
  const session = new InspectorSession();
  session.connect();
  const post = (method: string) => new Promise<unknown>((resolve, reject) => session.post(method, (err, res) => (err ? reject(err) : resolve(res))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return async () => {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    session.disconnect();
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name}-${Date.now()}.cpuprofile`);
    fs.writeFileSync(file, JSON.stringify(profile));
    process.stderr.write(`bench: communities: CPU profile written to ${file}\n`);
  };
}

/** The page at rest before a catch-up, for the floor of its longest task. */
const REST_MS = 2_000;

const OBSERVE_LONG_TASKS = `(() => {
  window.__benchLongTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__benchLongTasks.push({ at: performance.timeOrigin + e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
})();`;

/** The app (web host + the room open in Chromium) takes in `count` new posts of the room it shows. */
async function pageCatchUp(sizes: Sizes, posters: readonly Poster[]): Promise<{ storedMs: number; shownMs: number; longestMs: number; longTasks: number; idleLongestMs: number }> {
  const d = needDevnet();
  const dataDir = tmpDir('page');
  await createBenchProfile(dataDir, 'Reader', { seedUrl: d.seedUrl });
  let host: WebHost | undefined;
  let page: Page | undefined;
  try {
    host = await startWebHost({ dataDir, seedUrl: d.seedUrl, staticDir: STATIC_DIR, logger: silentLogger, engine: { communityPoll: { baseMs: 1_000, idleAfterMs: 3_600_000 } } });
    const backend = host.backend;
    await online(backend);
    const id = roomId(d.sogs.url, LIVE);
    await backend.handlers['communities.join']({ url: shareUrl(d.sogs.url, LIVE) });
    await roomLoaded(backend, id);
    browser ??= await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(OBSERVE_LONG_TASKS);
    await page.goto(host.url);
    await page.locator(`[data-testid="conversation-row"][data-conversation-id="${id}"]`).click({ timeout: 60_000 });
    // Read to the end, as someone following the room.
    await page.getByTestId('message-text').first().waitFor({ timeout: 60_000 });
    if (await page.getByTestId('jump-to-bottom').count()) await page.getByTestId('jump-to-bottom').click();
    await page.getByTestId('message-text').filter({ hasText: new RegExp(`^${postText(LIVE, EARLIER_POSTS - 1)}$`) }).waitFor({ timeout: 60_000 });
    const nowMs = Math.floor(Date.now() / 1000) * 1000;
    const posts = signPosts(LIVE, posters, EARLIER_POSTS, sizes.catchUp, (i) => nowMs - (EARLIER_POSTS + sizes.catchUp - i) * 10);
    // Shown: the newest post in the room's row of the conversation list (whether the view follows to the end or not).
    await armShown(page, [postText(LIVE, EARLIER_POSTS + sizes.catchUp - 1)], true);
    // The page at rest (the floor of its longest task).
    await sleep(REST_MS);
    let stored = 0;
    let storedAt = 0;
    const off = backend.on('messages.added', (p: { messages: MessageView[] }) => {
      for (const m of p.messages) if (m.conversationId === id) stored++;
      if (stored >= sizes.catchUp && storedAt === 0) storedAt = Date.now();
    });
    const cdp = process.env.BENCH_COMMUNITIES_PROFILE ? await page.context().newCDPSession(page) : undefined;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const t0 = Date.now();
    await importPosts(LIVE, posts);
    await until(`${sizes.catchUp} posts taken in by the app`, () => storedAt > 0, 600_000, 20);
    off();
    if (cdp && process.env.BENCH_COMMUNITIES_PROFILE) {
      const { profile } = await cdp.send('Profiler.stop');
      const file = path.join(process.env.BENCH_COMMUNITIES_PROFILE, `room-catch-up-page-${Date.now()}.cpuprofile`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(profile));
      process.stderr.write(`bench: communities: page CPU profile written to ${file}\n`);
    }
    const p = page;
    const shownAt = await until(
      'the page to show the newest post',
      () => p.evaluate(() => Promise.race([(window as unknown as PageWindow).__benchShown, new Promise<number>((r) => setTimeout(() => r(0), 500))])),
      60_000,
      0,
    );
    const end = Math.max(storedAt, shownAt);
    const tasks = await page.evaluate(() => (window as unknown as PageWindow).__benchLongTasks);
    if (errors.length > 0) process.stderr.write(`bench: communities: page errors: ${errors.join('; ')}\n`);
    const during = tasks.filter((t) => t.at >= t0 && t.at <= end);
    const idle = tasks.filter((t) => t.at >= t0 - REST_MS && t.at < t0);
    return {
      storedMs: storedAt - t0,
      shownMs: round1(shownAt - t0),
      longestMs: Math.round(during.reduce((a, t) => Math.max(a, t.ms), 0)),
      longTasks: during.length,
      idleLongestMs: Math.round(idle.reduce((a, t) => Math.max(a, t.ms), 0)),
    };
  } catch (e) {
    if (process.env.BENCH_SHOT) await page?.screenshot({ path: path.join(process.env.BENCH_SHOT, 'page.png') });
    throw e;
  } finally {
    await page?.close();
    await host?.stop();
  }
}

async function measureCatchUp(ctx: MeasureContext): Promise<FigureResult[]> {
  const sizes = sizesFor(ctx.quick);
  const d = needDevnet();
  const loadBefore = loadAverage();
  const posters = makePosters(sizes.posters, Buffer.from(d.sogs.pubkey, 'hex'));
  const earlierMs = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;
  await importPosts(CATCH_UP, signPosts(CATCH_UP, posters, 0, EARLIER_POSTS, (i) => earlierMs + i * 1000));
  const snapshot = await joinedSnapshot(CATCH_UP);
  // Where the client's cursor is: the newest seqno before the new posts.
  const bare = await bareClient();
  let fromSeqno: number;
  try {
    fromSeqno = (await bare.client.messagesRecent(bare.server, CATCH_UP, { limit: 1 }))[0]?.seqno ?? 0;
  } finally {
    bare.stop();
  }
  const nowMs = Math.floor(Date.now() / 1000) * 1000;
  const s0 = Date.now();
  await importPosts(CATCH_UP, signPosts(CATCH_UP, posters, EARLIER_POSTS, sizes.catchUp, (i) => nowMs - (EARLIER_POSTS + sizes.catchUp - i) * 10));
  process.stderr.write(`bench: communities: ${sizes.catchUp} new posts signed and imported in ${((Date.now() - s0) / 1000).toFixed(1)} s; catching up...\n`);
  const engineMs: number[] = [];
  const floorMs: number[] = [];
  let floorPages = 0;
  const verifyMs: number[] = [];
  const engineCpuMs: number[] = [];
  const floorCpuMs: number[] = [];
  // Alternated, so both see the same machine load.
  // The devnet's CPU over each run (the server's side of the same pages, on the same cores).
  const floorDevnetCpuMs: number[] = [];
  const engineDevnetCpuMs: number[] = [];
  for (let r = 0; r < sizes.catchUpRuns; r++) {
    const f = await bareFetchAndStore(CATCH_UP, fromSeqno, sizes.catchUp);
    floorMs.push(f.ms);
    floorCpuMs.push(f.cpuMs);
    floorPages = f.pages;
    verifyMs.push(f.verifyMs);
    if (f.devnetCpuMs !== undefined) floorDevnetCpuMs.push(f.devnetCpuMs);
    const e = await engineCatchUp(snapshot, CATCH_UP, sizes.catchUp);
    engineMs.push(e.ms);
    engineCpuMs.push(e.cpuMs);
    if (e.devnetCpuMs !== undefined) engineDevnetCpuMs.push(e.devnetCpuMs);
  }
  const loadAfter = loadAverage();
  recorded.catchUp = {
    posts: sizes.catchUp,
    posters: sizes.posters,
    engineRunsMs: engineMs.map(round1),
    floorRunsMs: floorMs.map(round1),
    floorPages,
    engineCpuRunsMs: engineCpuMs.map(round1),
    floorCpuRunsMs: floorCpuMs.map(round1),
    verifySignaturesMs: verifyMs.map(round1),
    floorDevnetCpuRunsMs: floorDevnetCpuMs,
    engineDevnetCpuRunsMs: engineDevnetCpuMs,
    cores: os.availableParallelism(),
    loadAverage: { before: loadBefore, after: loadAfter },
  };
  const size = `${sizes.catchUp.toLocaleString('en-US')} new posts from ${sizes.posters.toLocaleString('en-US')} posters`;
  return [
    {
      name: 'room-catch-up',
      describe: `catch-up of ${size} in a joined room by the engine's poller (engine in the bench process from a profile snapshot, polling every 1 s; signatures verified, Content decoded, stored): from its community requests being let through to the last post stored (messages.added); best of ${engineMs.length}`,
      unit: 'ms',
      value: round1(Math.min(...engineMs)),
      floor: {
        value: round1(Math.min(...floorMs)),
        describe: `the same pages (${floorPages} polls of ${PAGE}) fetched with a bare SogsClient in the same process and stored in a bare table of an encrypted SQLite file, one transaction per page; best of ${floorMs.length}`,
      },
      target: { maxRatio: 1.3 },
      detail: {
        engineRunsMs: engineMs.map(round1).join(' '),
        floorRunsMs: floorMs.map(round1).join(' '),
        // CPU time of the bench process (all threads) over each run: steadier than wall time on a shared machine.
        engineCpuRunsMs: engineCpuMs.map(round1).join(' '),
        floorCpuRunsMs: floorCpuMs.map(round1).join(' '),
        // Outside the floor: the signature checks of the same posts in this process (protocol verifyRoomMessageSignature).
        verifySignaturesMs: round1(Math.min(...verifyMs)),
        // The devnet's CPU over the same runs (10 ms resolution): the floor and the engine share the cores with it.
        ...(floorDevnetCpuMs.length > 0 ? { floorDevnetCpuRunsMs: floorDevnetCpuMs.join(' '), engineDevnetCpuRunsMs: engineDevnetCpuMs.join(' ') } : {}),
        cores: os.availableParallelism(),
        loadAverage: `${loadBefore} -> ${loadAfter}`,
      },
    },
  ];
}

async function measurePageCatchUp(ctx: MeasureContext): Promise<FigureResult[]> {
  requireBundleAndChromium();
  const sizes = sizesFor(ctx.quick);
  const d = needDevnet();
  const loadBefore = loadAverage();
  const posters = makePosters(sizes.posters, Buffer.from(d.sogs.pubkey, 'hex'));
  const earlierMs = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;
  await importPosts(LIVE, signPosts(LIVE, posters, 0, EARLIER_POSTS, (i) => earlierMs + i * 1000));
  const pageRun = await pageCatchUp(sizes, posters);
  const loadAfter = loadAverage();
  recorded.pageCatchUp = { posts: sizes.catchUp, posters: sizes.posters, ...pageRun, loadAverage: { before: loadBefore, after: loadAfter } };
  const size = `${sizes.catchUp.toLocaleString('en-US')} new posts from ${sizes.posters.toLocaleString('en-US')} posters`;
  return [
    {
      name: 'room-catch-up-longest-task',
      describe: `the page's longest task (PerformanceObserver longtask) while the app (web host + Chromium, the room open) takes in ${size} of the room it shows, until all are stored and the newest is shown in the room's row`,
      unit: 'ms',
      value: pageRun.longestMs,
      floor: { value: pageRun.idleLongestMs, describe: `the longest task of the same page over ${REST_MS / 1000} s at rest just before` },
      target: { max: 50 },
      detail: { longTasks: pageRun.longTasks, storedMs: pageRun.storedMs, shownMs: pageRun.shownMs, loadAverage: loadAfter },
    },
  ];
}

// ---------------------------------------------------------------------------------------------------
// 3. Idle rooms: requests per poll interval

/** A loopback proxy in front of the community server that notes when each request arrives. */
function countingProxy(target: string): Promise<{ url: string; arrivals: number[]; close(): Promise<void> }> {
  const t = new URL(target);
  const arrivals: number[] = [];
  const server = http.createServer((req, res) => {
    arrivals.push(performance.now());
    const up = http.request({ host: t.hostname, port: t.port, path: req.url, method: req.method, headers: req.headers }, (ur) => {
      res.writeHead(ur.statusCode ?? 502, ur.headers);
      ur.pipe(res);
    });
    up.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(up);
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      resolve({
        url: `http://127.0.0.1:${port}`,
        arrivals,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}

/** Requests that arrive within half an interval of the one before belong to one poll. */
function polls(arrivals: readonly number[], intervalMs: number): number {
  let n = 0;
  let last = -Infinity;
  for (const a of arrivals) {
    if (a - last > intervalMs / 2) n++;
    last = a;
  }
  return n;
}

async function measureIdleRooms(ctx: MeasureContext): Promise<FigureResult[]> {
  const sizes = sizesFor(ctx.quick);
  const d = needDevnet();
  const loadBefore = loadAverage();
  const proxy = await countingProxy(d.sogs.url);
  const dir = tmpDir('idle');
  const backend = await openEngine(dir, { pollMs: sizes.idleIntervalMs });
  const I = sizes.idleIntervalMs;
  const windowMs = sizes.idleIntervals * I;
  const count = async (): Promise<{ requests: number; polls: number }> => {
    // A poll boundary first, then N intervals.
    await sleep(I);
    const t0 = performance.now();
    await sleep(windowMs);
    const inWindow = proxy.arrivals.filter((a) => a >= t0 && a < t0 + windowMs);
    return { requests: inWindow.length, polls: polls(inWindow, I) };
  };
  try {
    await backend.handlers['account.create']({ displayName: 'Idle rooms' });
    await online(backend);
    const join = async (token: string) => {
      await backend.handlers['communities.join']({ url: shareUrl(proxy.url, token) });
      await roomLoaded(backend, roomId(proxy.url, token));
    };
    await join(IDLE_ROOMS[0]!);
    await sleep(I);
    const one = await count();
    for (const token of IDLE_ROOMS.slice(1)) await join(token);
    await sleep(I);
    const twenty = await count();
    const loadAfter = loadAverage();
    recorded.idleRooms = { intervalMs: I, intervals: sizes.idleIntervals, oneRoom: one, twentyRooms: twenty, loadAverage: { before: loadBefore, after: loadAfter } };
    return [
      {
        name: 'idle-rooms-requests',
        describe: `requests the community server receives (counted by a loopback proxy in front of it) while the engine polls ${IDLE_ROOMS.length} joined idle rooms of that server, per poll interval, over ${sizes.idleIntervals} intervals (interval set to ${I} ms, idle back-off off, for the count)`,
        unit: 'requests per poll interval',
        value: Math.round((twenty.requests / sizes.idleIntervals) * 100) / 100,
        floor: { value: Math.round((one.requests / sizes.idleIntervals) * 100) / 100, describe: 'the same count with one joined room, same engine, just before' },
        target: { atMost: 1 },
        detail: { requests: twenty.requests, polls: twenty.polls, oneRoomRequests: one.requests, oneRoomPolls: one.polls, loadAverage: `${loadBefore} -> ${loadAfter}` },
      },
    ];
  } finally {
    await backend.close();
    await proxy.close();
  }
}

// ---------------------------------------------------------------------------------------------------

function writeResults(quick: boolean): void {
  const previous: Record<string, unknown> = (() => {
    try {
      const v: unknown = JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8'));
      return typeof v === 'object' && v !== null && (v as { mode?: unknown }).mode === (quick ? 'quick' : 'full') ? (v as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  })();
  const out = { ...previous, generatedAt: new Date().toISOString(), mode: quick ? 'quick' : 'full', machine: { node: process.version, cpus: os.cpus().length }, ...recorded };
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(out, null, 2)}\n`);
}

let quickMode = false;

export const communitiesGroup: WorkloadGroup = {
  name: 'communities',
  async setup(ctx) {
    quickMode = ctx.quick;
    RESULTS_FILE = detailFile(ctx, 'communities.json');
    await loadProtocol();
    const rooms = [BIG, CATCH_UP, LIVE, ...IDLE_ROOMS].flatMap((t) => ['--sogs-room', t]);
    const started = await startChildDevnet(undefined, rooms);
    const info: ChildDevnetInfo = started.info;
    if (!info.sogs || !info.controlUrl) {
      started.child.kill('SIGTERM');
      throw new Error('bench: communities: the devnet started no community server');
    }
    devnet = { child: started.child, seedUrl: started.seedUrl, controlUrl: info.controlUrl.replace(/\/+$/, ''), sogs: info.sogs };
  },
  async teardown() {
    await browser?.close();
    browser = undefined;
    devnet?.child.kill('SIGTERM');
    devnet = undefined;
    if (Object.keys(recorded).length > 0) writeResults(quickMode);
    for (const d of tmpDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  },
  workloads: [
    { name: 'room-join-first-page', measure: measureJoin } satisfies MeasuredWorkload,
    { name: 'room-catch-up', measure: measureCatchUp } satisfies MeasuredWorkload,
    { name: 'room-catch-up-longest-task', measure: measurePageCatchUp } satisfies MeasuredWorkload,
    { name: 'idle-rooms-requests', measure: measureIdleRooms } satisfies MeasuredWorkload,
  ],
};
