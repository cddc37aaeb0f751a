// History at scale (issue 13): the backend on the large profile (1M messages in 1,000 conversations; the
// small QUICK_PROFILE under --quick). Each figure goes through the API the renderer calls (the web host's
// dispatcher: validation, then the handler) or the backend's real start and store paths, next to a floor
// of the raw SQLite statements on the same database in the same run:
//   cold start to the conversation list and idle RSS, each sample in a fresh child process;
//   a conversation's newest page and paging back (p50 / p99); full-text search per query kind (p50 / p99);
//   a catch-up burst through the receiver's store statements into a copy of the profile, with the
//   database and WAL sizes before and after.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openBackend, resolveNetwork, resolveProfileDir, silentLogger } from '../../../ts/backend';
import type { Backend } from '../../../ts/backend';
import { openEncryptedDatabase, type Db } from '../../../ts/backend/db/database';
import { createConversationStore } from '../../../ts/backend/db/conversationStore';
import { PAGE_SQL } from '../../../ts/backend/db/messagePages';
import { createMessageStore, type NewMessage } from '../../../ts/backend/db/messageStore';
import { runMigrations } from '../../../ts/backend/db/migrate';
import { MIGRATIONS } from '../../../ts/backend/db/migrations';
import { createSearchIndexWriter } from '../../../ts/backend/db/searchIndexBatch';
import { KEY_FILE, loadOrCreateDatabaseKey } from '../../../ts/backend/keyFile';
import { ftsQuery } from '../../../ts/backend/services/searchText';
import { createDispatcher } from '../../../ts/ipc/dispatch';
import type { MessagePage, SearchResults } from '../../../ts/ipc/contract';
import { messageLimit } from '../../../ts/renderer/state/search';
import { FULL_PROFILE, QUICK_PROFILE, type GeneratedProfile } from '../profile/api';
import { detailFile } from '../results';
import { ensureProfile } from '../profile/generate';
import type { ChildResult } from './historyChildIo';
import type { FigureResult, MeasureContext, MeasuredWorkload, WorkloadGroup } from './types';
import { prng } from '../../../test/support/prng';

/** The renderer's page size (ts/renderer/state/messages.ts PAGE_SIZE). */
const PAGE_SIZE = 50;
const DATABASE_FILE = 'session.db';
/** The child bundles build.mjs writes next to build/tools/bench.js: the backend's, and its floor's. */
const CHILD_FILE = path.join(__dirname, 'bench-history-child.js');
const FLOOR_CHILD_FILE = path.join(__dirname, 'bench-history-floor.js');
const MB = 1024 * 1024;

// ---------- shared helpers ----------

let cached: { quick: boolean; profile: Promise<GeneratedProfile> } | undefined;
/** The profile of this run (generated once, reused from the cache folder when it exists). */
function profileFor(ctx: MeasureContext): Promise<GeneratedProfile> {
  if (!cached || cached.quick !== ctx.quick)
    cached = { quick: ctx.quick, profile: ensureProfile(ctx.quick ? QUICK_PROFILE : FULL_PROFILE) };
  return cached.profile;
}

const profileDirOf = (p: GeneratedProfile): string => resolveProfileDir(p.dataDir, resolveNetwork({}).folder);

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}
const round = (x: number, digits = 2): number => Number(x.toFixed(digits));

/** A figure that is not a finite number (no samples, a child that printed nothing) fails the group loudly. */
function checked(figures: FigureResult[]): FigureResult[] {
  for (const f of figures) {
    if (!Number.isFinite(f.value) || (f.floor !== undefined && !Number.isFinite(f.floor.value))) {
      throw new Error(
        `bench: history figure ${f.name} is not a number (${f.value}, floor ${f.floor?.value})`,
      );
    }
  }
  return figures;
}

function openRawDb(p: GeneratedProfile, dir = profileDirOf(p)): Db {
  const key = loadOrCreateDatabaseKey(dir, {
    databaseExists: true,
    randomBytes: (n) => new Uint8Array(randomBytes(n)),
  });
  try {
    return openEncryptedDatabase(path.join(dir, DATABASE_FILE), key);
  } finally {
    key.fill(0);
  }
}

/** The backend as the web host opens it (no network), called through the web host's dispatcher. */
async function openApi(
  p: GeneratedProfile,
): Promise<{ backend: Backend; call: <T>(method: string, params: unknown) => Promise<T> }> {
  const backend = await openBackend({
    host: 'web',
    appVersion: '0.0.0-bench',
    dataDir: p.dataDir,
    logger: silentLogger,
    engine: { startNetwork: false },
  });
  const dispatch = createDispatcher(backend.handlers);
  const call = async <T>(method: string, params: unknown): Promise<T> => {
    const r = await dispatch(method, params);
    if (!r.ok) throw new Error(`bench: ${method} failed: ${r.error.message}`);
    return r.result as T;
  };
  return { backend, call };
}

/**
 * Wall time of one call, and this process's CPU time (user + system) during it: on a busy machine the
 * wall time includes waiting for a core, the CPU time shows what the call itself costs.
 */
async function timed<T>(f: () => T | Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const c = process.cpuUsage();
  const t = performance.now();
  const value = await f();
  const ms = performance.now() - t;
  const d = process.cpuUsage(c);
  return { ms, cpuMs: (d.user + d.system) / 1000, value };
}

function fileMb(file: string): number {
  try {
    return fs.statSync(file).size / MB;
  } catch {
    return 0;
  }
}

/** Runs one fresh child process (historyChild.ts, or historyFloorChild.ts for a floor) and returns what it printed. */
function runChild(kind: 'backend' | 'floor', args: string[]): Promise<ChildResult> {
  const file = kind === 'backend' ? CHILD_FILE : FLOOR_CHILD_FILE;
  if (!fs.existsSync(file)) {
    return Promise.reject(new Error(`bench: ${file} is missing; build it with node tools/build/build.mjs`));
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', file, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || line === '') {
        reject(
          new Error(
            `bench: history ${kind} child ${args[0]} exited with ${code}: ${err.trim().slice(-2000)}`,
          ),
        );
        return;
      }
      resolve(JSON.parse(line) as ChildResult);
    });
  });
}

// ---------- 1. cold start to the conversation list ----------

const coldStart: MeasuredWorkload = {
  name: 'cold-start',
  async measure(ctx) {
    const p = await profileFor(ctx);
    const samples = ctx.quick ? 2 : 7;
    const api: ChildResult[] = [];
    const floor: ChildResult[] = [];
    // Alternated so both see the same machine load and the same OS file cache.
    for (let i = 0; i < samples; i++) {
      floor.push(await runChild('floor', ['cold', p.dataDir]));
      api.push(await runChild('backend', ['cold', p.dataDir]));
    }
    if (api[0]!.rows !== floor[0]!.rows)
      throw new Error(`bench: conversations.list gave ${api[0]!.rows} rows, its SQL ${floor[0]!.rows}`);
    return [
      {
        name: 'cold-start',
        describe: `a fresh process opens the backend as the web host does (key file, encrypted DB, migrations, services; no network) and gets conversations.list (${api[0]!.rows} rows), from process start; median of ${samples}`,
        unit: 'ms',
        value: round(
          percentile(
            api.map((r) => r.ms),
            50,
          ),
        ),
        floor: {
          value: round(
            percentile(
              floor.map((r) => r.ms),
              50,
            ),
          ),
          describe:
            'a fresh Node process loading only the database code opens the key file and the encrypted DB and runs the list SQL (same rows), from process start',
        },
        target: { max: 500 },
        detail: {
          samples,
          messages: p.messagesPerConversation.reduce((a, b) => a + b, 0),
          conversations: p.conversationIds.length,
          maxMs: round(Math.max(...api.map((r) => r.ms))),
          // Medians of the steps: Node's start (and the bundle's top level), loading the backend's modules,
          // openBackend (key, DB, migrations, services), the list call; the floor's likewise.
          ...Object.fromEntries(
            (['bootMs', 'loadMs', 'openMs', 'listMs'] as const).flatMap((k) => [
              [
                k,
                round(
                  percentile(
                    api.map((r) => r[k]),
                    50,
                  ),
                ),
              ],
              [
                `floor${k[0]!.toUpperCase()}${k.slice(1)}`,
                round(
                  percentile(
                    floor.map((r) => r[k]),
                    50,
                  ),
                ),
              ],
            ]),
          ),
        },
      },
    ];
  },
};

// ---------- 5. idle RSS ----------

const idleRss: MeasuredWorkload = {
  name: 'idle-rss',
  async measure(ctx) {
    const p = await profileFor(ctx);
    const biggest = p.conversationIds[0]!;
    const samples = ctx.quick ? 1 : 3;
    const api: ChildResult[] = [];
    const floor: ChildResult[] = [];
    for (let i = 0; i < samples; i++) {
      floor.push(await runChild('floor', ['rss', p.dataDir, biggest]));
      api.push(await runChild('backend', ['rss', p.dataDir, biggest]));
    }
    const median = (rs: ChildResult[], k: 'rssMb' | 'heapUsedMb') =>
      percentile(
        rs.map((r) => r[k] ?? NaN),
        50,
      );
    return [
      {
        name: 'idle-rss',
        describe:
          "RSS of a backend process (web host start, no network) idle after conversations.list and the biggest conversation's newest page, after GC settled; median of " +
          samples,
        unit: 'MB',
        value: round(median(api, 'rssMb'), 1),
        floor: {
          value: round(median(floor, 'rssMb'), 1),
          describe: 'RSS of a bare Node process with the encrypted DB open and the same rows read, after GC',
        },
        target: { max: 250 },
        detail: {
          samples,
          heapUsedMb: round(median(api, 'heapUsedMb'), 1),
          floorHeapUsedMb: round(median(floor, 'heapUsedMb'), 1),
        },
      },
    ];
  },
};

// ---------- 2. open a conversation and page back ----------

type RawRow = { id: string; seq: number; sent_at: number };
/** Wall and CPU times (ms) of the API calls and of their floors. */
type Samples = { api: number[]; floor: number[]; apiCpu: number[]; floorCpu: number[] };
const samples = (): Samples => ({ api: [], floor: [], apiCpu: [], floorCpu: [] });

const openConversation: MeasuredWorkload = {
  name: 'open-conversation',
  async measure(ctx) {
    const p = await profileFor(ctx);
    const n = p.conversationIds.length;
    // Opened: conversations spread over the whole size ranking (the biggest and the smallest included),
    // each opened twice: once for the first time since the backend started (its pages not yet in SQLite's
    // cache), once again. Paged back: the biggest and those at the 10th, 50th and 90th percentile of sizes.
    const sweep = Math.min(n, ctx.quick ? 20 : 200);
    const opened = [
      ...new Set(
        Array.from({ length: sweep }, (_, i) => (sweep === 1 ? 0 : Math.round((i * (n - 1)) / (sweep - 1)))),
      ),
    ];
    const picks = [
      ...new Set(
        [0, Math.floor(n * 0.1), Math.floor(n * 0.5), Math.floor(n * 0.9)].map((i) => Math.min(n - 1, i)),
      ),
    ];
    const convs = picks.map((i) => ({ id: p.conversationIds[i]!, size: p.messagesPerConversation[i]! }));
    const pagesBack = ctx.quick ? 5 : 40;
    const { backend, call } = await openApi(p);
    const raw = openRawDb(p);
    try {
      const newestSql = raw.prepare<[string, number], RawRow>(PAGE_SQL.newest);
      const anchorSql = raw.prepare<[string, string], RawRow>(
        'SELECT seq, id, sent_at FROM messages WHERE id = ? AND conversation_id = ?',
      );
      const olderSql = raw.prepare<{ c: string; t: number; seq: number; n: number }, RawRow>(PAGE_SQL.older);
      const page = (conversationId: string, before?: string) =>
        call<MessagePage>('messages.page', {
          conversationId,
          ...(before !== undefined ? { before } : {}),
          limit: PAGE_SIZE,
        });
      /** Times the API and its floor on the same input, in alternating order so neither always finds the other's pages cached. */
      const pair = async (i: number, api: () => Promise<unknown>, floor: () => unknown, into: Samples) => {
        const runApi = async () => {
          const r = await timed(api);
          into.api.push(r.ms);
          into.apiCpu.push(r.cpuMs);
        };
        const runFloor = async () => {
          const r = await timed(floor);
          into.floor.push(r.ms);
          into.floorCpu.push(r.cpuMs);
        };
        if (i % 2 === 0) {
          await runApi();
          await runFloor();
        } else {
          await runFloor();
          await runApi();
        }
      };
      // Warm-up: the first calls prepare the statements (on one conversation, outside the figures).
      await page(p.conversationIds[0]!);
      newestSql.all(p.conversationIds[0]!, PAGE_SIZE + 1);
      const first = samples();
      const again = samples();
      for (const pass of [first, again]) {
        for (const [i, ci] of opened.entries()) {
          const id = p.conversationIds[ci]!;
          await pair(
            i,
            () => page(id),
            () => newestSql.all(id, PAGE_SIZE + 1),
            pass,
          );
        }
      }
      const api = [...first.api, ...again.api];
      const floor = [...first.floor, ...again.floor];
      // Paging back (keyset on the `before` cursor): from the newest page down, in every picked conversation.
      const back = samples();
      for (const c of convs) {
        let cursor: string | undefined = (await page(c.id)).messages[0]?.id;
        for (let i = 0; i < pagesBack && cursor !== undefined; i++) {
          const before = cursor;
          let got: MessagePage | undefined;
          await pair(
            i,
            async () => (got = await page(c.id, before)),
            () => {
              const a = anchorSql.get(before, c.id);
              return a ? olderSql.all({ c: c.id, t: a.sent_at, seq: a.seq, n: PAGE_SIZE + 1 }) : [];
            },
            back,
          );
          cursor = got?.hasOlder ? got.messages[0]?.id : undefined;
        }
      }
      // Deep pages of the biggest conversation (anchors spread over its whole history): keyset pages cost the same anywhere.
      const deepAnchors = raw
        .prepare<[string, number], { id: string }>(
          'SELECT id FROM messages WHERE conversation_id = ? AND seq % ? = 0 LIMIT 50',
        )
        .all(
          convs[0]!.id,
          Math.max(1, Math.floor(p.messagesPerConversation.reduce((a, b) => a + b, 0) / 1000)),
        );
      for (const [i, { id }] of deepAnchors.slice(0, ctx.quick ? 5 : 50).entries()) {
        const c = convs[0]!.id;
        await pair(
          i,
          () => page(c, id),
          () => {
            const a = anchorSql.get(id, c);
            return a ? olderSql.all({ c, t: a.sent_at, seq: a.seq, n: PAGE_SIZE + 1 }) : [];
          },
          back,
        );
      }
      const backApi = back.api;
      const backFloor = back.floor;
      const sizes = opened.map((i) => p.messagesPerConversation[i]!);
      const floorDescribe = "the same page's raw SQL (PAGE_SQL.newest) with better-sqlite3 on the same DB";
      const detail = {
        samples: api.length,
        conversations: opened.length,
        largest: Math.max(...sizes),
        smallest: Math.min(...sizes),
        firstOpenP50Ms: round(percentile(first.api, 50), 3),
        firstOpenP99Ms: round(percentile(first.api, 99), 3),
        reopenP50Ms: round(percentile(again.api, 50), 3),
        reopenP99Ms: round(percentile(again.api, 99), 3),
        cpuP50Ms: round(percentile([...first.apiCpu, ...again.apiCpu], 50), 3),
        cpuP99Ms: round(percentile([...first.apiCpu, ...again.apiCpu], 99), 3),
        floorCpuP50Ms: round(percentile([...first.floorCpu, ...again.floorCpu], 50), 3),
      };
      const range = `${opened.length} conversations of ${Math.min(...sizes)} to ${Math.max(...sizes)} messages, each opened for the first time since the start and again`;
      return [
        {
          name: 'open-conversation-p50',
          describe: `messages.page, newest ${PAGE_SIZE}, through the web host's dispatcher, on ${range}; p50`,
          unit: 'ms',
          value: round(percentile(api, 50), 3),
          floor: { value: round(percentile(floor, 50), 3), describe: floorDescribe },
          target: { max: 5 },
          detail,
        },
        {
          name: 'open-conversation-p99',
          describe: `messages.page, newest ${PAGE_SIZE}, on ${range}; p99`,
          unit: 'ms',
          value: round(percentile(api, 99), 3),
          floor: { value: round(percentile(floor, 99), 3), describe: floorDescribe },
          target: { max: 20 },
          detail,
        },
        {
          name: 'page-back-p50',
          describe: `messages.page with the \`before\` cursor (${PAGE_SIZE} older), paging down from the newest in conversations of ${convs.map((c) => c.size).join('/')} messages and at anchors across the biggest; p50`,
          unit: 'ms',
          value: round(percentile(backApi, 50), 3),
          floor: {
            value: round(percentile(backFloor, 50), 3),
            describe: 'the anchor lookup and PAGE_SQL.older with better-sqlite3 on the same DB',
          },
          target: { max: 5 },
          detail: {
            samples: backApi.length,
            p99Ms: round(percentile(backApi, 99), 3),
            floorP99Ms: round(percentile(backFloor, 99), 3),
            cpuP50Ms: round(percentile(back.apiCpu, 50), 3),
            floorCpuP50Ms: round(percentile(back.floorCpu, 50), 3),
          },
        },
      ];
    } finally {
      raw.close();
      await backend.close();
    }
  },
};

// ---------- 3. full-text search ----------

/** The FTS5 table over message bodies (looked up, so a redesign of the index keeps a floor). */
function ftsTableOf(db: Db): string {
  const rows = db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%USING fts5%' AND name LIKE 'messages%' ORDER BY name",
    )
    .all();
  const name = rows[0]?.name;
  if (!name) throw new Error('bench: no FTS5 table over messages in the profile database');
  return name;
}

const search: MeasuredWorkload = {
  name: 'search',
  async measure(ctx) {
    const p = await profileFor(ctx);
    const rounds = ctx.quick ? 5 : 40;
    const { backend, call } = await openApi(p);
    const raw = openRawDb(p);
    try {
      const fts = ftsTableOf(raw);
      const floorSql = raw.prepare<[string, number], { rowid: number }>(
        `SELECT rowid FROM "${fts}" WHERE "${fts}" MATCH ? ORDER BY rowid DESC LIMIT ?`,
      );
      const out: FigureResult[] = [];
      for (const [kind, query] of Object.entries(p.searchTerms)) {
        const limit = messageLimit(query);
        const match = ftsQuery(query);
        if (match === undefined) throw new Error(`bench: search term ${kind} has no words`);
        const api: number[] = [];
        const floor: number[] = [];
        const apiCpu: number[] = [];
        const floorCpu: number[] = [];
        let hits = 0;
        let floorHits = 0;
        // Warm-up: statement preparation and the first index pages.
        await call<SearchResults>('messages.search', { query, limit });
        floorSql.all(match, limit);
        for (let i = 0; i < rounds; i++) {
          const a = await timed(() => call<SearchResults>('messages.search', { query, limit }));
          api.push(a.ms);
          apiCpu.push(a.cpuMs);
          hits = a.value.messages.length;
          const f = await timed(() => floorSql.all(match, limit));
          floor.push(f.ms);
          floorCpu.push(f.cpuMs);
          floorHits = f.value.length;
        }
        const floorDescribe = `the raw FTS5 query (${fts} MATCH, newest rowid first, LIMIT ${limit}) with better-sqlite3 on the same DB`;
        const detail = {
          query: kind,
          limit,
          hits,
          floorHits,
          samples: rounds,
          cpuP50Ms: round(percentile(apiCpu, 50), 3),
          cpuP99Ms: round(percentile(apiCpu, 99), 3),
          floorCpuP50Ms: round(percentile(floorCpu, 50), 3),
        };
        out.push(
          {
            name: `search-${kind}-p50`,
            describe: `messages.search (${kind} ${kind === 'phrase' ? 'words' : 'word'}, limit ${limit} as the renderer asks), newest first, through the dispatcher; p50`,
            unit: 'ms',
            value: round(percentile(api, 50), 3),
            floor: { value: round(percentile(floor, 50), 3), describe: floorDescribe },
            target: { max: 30 },
            detail,
          },
          {
            name: `search-${kind}-p99`,
            describe: `messages.search (${kind}), newest first; p99`,
            unit: 'ms',
            value: round(percentile(api, 99), 3),
            floor: { value: round(percentile(floor, 99), 3), describe: floorDescribe },
            target: { max: 80 },
            detail,
          },
        );
      }
      return out;
    } finally {
      raw.close();
      await backend.close();
    }
  },
};

// ---------- 4. catch-up insert burst, database and WAL size ----------

const WORDS =
  'the you to and it that is a in of for on just so we have be what but are not was with this can do no if me my know like your get all at ok will go yes one about up good now think see how out time well really there when going want right here then'.split(
    ' ',
  );


/** The checkpoint, vacuum and optimize settings the backend uses today (read from the open connection). */
function maintenanceOf(db: Db): string {
  const one = (pragma: string): unknown => db.pragma(pragma, { simple: true });
  return [
    `journal_mode=${String(one('journal_mode'))}`,
    `wal_autocheckpoint=${String(one('wal_autocheckpoint'))} pages`,
    `journal_size_limit=${String(one('journal_size_limit'))}`,
    `page_size=${String(one('page_size'))}`,
    `auto_vacuum=${String(one('auto_vacuum'))}`,
    `cache_size=${String(one('cache_size'))}`,
  ].join(', ');
}

const insertBurst: MeasuredWorkload = {
  name: 'insert-burst',
  async measure(ctx) {
    const p = await profileFor(ctx);
    const total = ctx.quick ? 1_000 : 10_000;
    const senders = p.conversationIds.slice(0, ctx.quick ? 20 : 200);
    const batchSize = 100;
    const srcDir = profileDirOf(p);
    const srcDb = path.join(srcDir, DATABASE_FILE);
    const profileDbMb = fileMb(srcDb) + fileMb(`${srcDb}-wal`);
    // A copy, so the cached profile stays as generated for the other figures and later runs.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-history-'));
    try {
      for (const f of [DATABASE_FILE, `${DATABASE_FILE}-wal`, KEY_FILE]) {
        if (fs.existsSync(path.join(srcDir, f))) fs.copyFileSync(path.join(srcDir, f), path.join(tmp, f));
      }
      const file = path.join(tmp, DATABASE_FILE);
      const db = openRawDb(p, tmp);
      let closed = false;
      try {
        runMigrations(db, MIGRATIONS, silentLogger);
        const maintenance = maintenanceOf(db);
        // Start from a checkpointed WAL, as a backend that was just opened finds it.
        db.pragma('wal_checkpoint(TRUNCATE)');
        const dbBefore = fileMb(file);
        const walBefore = fileMb(`${file}-wal`);
        const messages = createMessageStore(db);
        const conversations = createConversationStore(db);
        const rnd = prng(13);
        const start = Math.max(
          Date.now(),
          (db.prepare<[], { t: number | null }>('SELECT max(sent_at) AS t FROM messages').get()?.t ?? 0) +
            1000,
        );
        // Both sets hold the same texts and senders; the floor's rows take the odd milliseconds.
        const rows: NewMessage[] = [];
        for (let i = 0; i < total; i++) {
          const sender = senders[Math.floor(rnd() * senders.length)]!;
          const words = 2 + Math.floor(rnd() * rnd() * 40);
          const body = Array.from(
            { length: words },
            () => WORDS[Math.floor(rnd() * rnd() * WORDS.length)]!,
          ).join(' ');
          const sentAt = start + i * 2;
          rows.push({
            id: randomBytes(16).toString('hex'),
            conversationId: sender,
            sender,
            direction: 'incoming',
            body,
            sentAt,
            receivedAt: sentAt,
            status: 'received',
            hash: randomBytes(32).toString('base64url'),
            // The decrypted Content the receiver keeps: about the body plus the envelope's fields.
            content: new Uint8Array(randomBytes(body.length + 48)),
          });
        }
        const floorInsert = db.prepare(
          `INSERT INTO messages (id, conversation_id, sender, direction, body, sent_at, received_at, status, hash, content)
           VALUES (@id, @conversationId, @sender, @direction, @body, @sentAt, @receivedAt, @status, @hash, @content)`,
        );
        // The receiver's statements for one poll batch (services/receiver.ts `commit`): seen hashes, the
        // senders' contact rows once per batch, the messages, the conversations touched, the last hash, and
        // the batch's search index entries in one statement at the end (db/searchIndexBatch).
        const receive = db.transaction((batch: NewMessage[]) => messages.searchBatch.run(() => {
          const seen = messages.seenAmong(batch.map((m) => m.hash!));
          messages.markSeenMany(
            batch
              .filter((m) => !seen.has(m.hash!))
              .map((m) => ({ hash: m.hash!, expiresAt: m.sentAt + 14 * 86_400_000 })),
          );
          const contacts = new Set<string>();
          const touched = new Map<string, number>();
          for (const m of batch) {
            if (!contacts.has(m.sender)) {
              contacts.add(m.sender);
              conversations.contact(m.sender);
            }
            messages.insert(m);
            touched.set(m.conversationId, Math.max(touched.get(m.conversationId) ?? 0, m.sentAt));
          }
          for (const [id, at] of touched) conversations.touch(id, 'private', at);
          const last = batch[batch.length - 1]!;
          messages.saveLastHash({
            node: 'bench-node',
            pubkey: p.sessionId,
            namespace: 0,
            hash: last.hash!,
            expiresAt: last.sentAt + 14 * 86_400_000,
          });
        }));
        // Each row with its search index entry, as an insert trigger would write it.
        const floorIndex = createSearchIndexWriter(db);
        const rawBatch = db.transaction((batch: NewMessage[]) => {
          for (const m of batch)
            floorIndex.inserted(
              Number(floorInsert.run({ ...m, id: `f${m.id}`, sentAt: m.sentAt + 1, hash: `f${m.hash!}` }).lastInsertRowid),
            );
        });
        let apiMs = 0;
        let floorMs = 0;
        let apiCpuMs = 0;
        let floorCpuMs = 0;
        let walPeak = walBefore;
        for (let i = 0; i < rows.length; i += batchSize) {
          const batch = rows.slice(i, i + batchSize);
          const a = await timed(() => receive(batch));
          const f = await timed(() => rawBatch(batch));
          apiMs += a.ms;
          apiCpuMs += a.cpuMs;
          floorMs += f.ms;
          floorCpuMs += f.cpuMs;
          walPeak = Math.max(walPeak, fileMb(`${file}-wal`));
        }
        const stored =
          db
            .prepare<[number], { n: number }>('SELECT count(*) AS n FROM messages WHERE sent_at >= ?')
            .get(start)?.n ?? 0;
        if (stored !== 2 * total)
          throw new Error(`bench: the burst stored ${stored} of ${2 * total} messages`);
        const dbAfter = fileMb(file);
        const walAfter = fileMb(`${file}-wal`);
        db.close();
        closed = true;
        const dbClosed = fileMb(file);
        const walClosed = fileMb(`${file}-wal`);
        const messagesTotal = p.messagesPerConversation.reduce((a, b) => a + b, 0);
        const figures: FigureResult[] = [
          {
            name: 'insert-burst',
            describe: `${total} received messages from ${senders.length} senders stored through the receiver's store statements, one transaction per poll batch of ${batchSize}, into a copy of the profile`,
            unit: 'msgs/s',
            value: round(total / (apiMs / 1000), 0),
            floor: {
              value: round(total / (floorMs / 1000), 0),
              describe:
                'a raw INSERT of the same rows, each with its search index entry, one transaction per batch, alternated with the measured batches',
            },
            target: { maxRatio: 2 },
            detail: {
              total,
              batchSize,
              senders: senders.length,
              // Messages per second of this process's CPU time: what the statements cost without the wait for a core.
              msgsPerCpuSecond: round(total / (apiCpuMs / 1000), 0),
              floorMsgsPerCpuSecond: round(total / (floorCpuMs / 1000), 0),
              maintenance,
              optimize:
                'none at open/close; FTS5 optimize only after bulk deletes (expirationStore.withBulkFtsErase)',
            },
          },
          {
            name: 'db-size',
            describe: `the profile's database file (with its WAL) holding ${messagesTotal} messages`,
            unit: 'MB',
            value: round(profileDbMb, 1),
            // At most 1.5 KB a message: the text, the raw Content kept for re-processing, attachment and
            // reaction rows, the indexes and the full-text index of an encrypted SQLite history.
            target: { max: Math.max(1, (messagesTotal * 1.5) / 1000) },
            detail: {
              bytesPerMessage: round((profileDbMb * MB) / Math.max(1, messagesTotal), 0),
              beforeBurstMb: round(dbBefore, 1),
              afterBurstMb: round(dbAfter, 1),
              afterCloseMb: round(dbClosed, 1),
            },
          },
          {
            name: 'wal-size',
            describe: `the WAL at its largest during the burst of ${2 * total} inserts (wal_autocheckpoint and journal_size_limit bound it)`,
            unit: 'MB',
            value: round(walPeak, 1),
            target: { max: 32 },
            detail: {
              beforeMb: round(walBefore, 1),
              afterBurstMb: round(walAfter, 1),
              afterCloseMb: round(walClosed, 1),
            },
          },
        ];
        return figures;
      } finally {
        if (!closed) db.close();
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  },
};

/** This run's figures, with the machine's load while each workload ran, for bench/results/history.json. */
const run: {
  ctx?: MeasureContext;
  figures: (FigureResult & { workload: string; loadAverage: [number, number] })[];
} = { figures: [] };
const load1 = (): number => Math.round((os.loadavg()[0] ?? 0) * 100) / 100;

/** The workload with its figures checked and kept for the group's detail file. */
const withChecks = (w: MeasuredWorkload, figures: string[]): MeasuredWorkload => ({
  name: w.name,
  figures,
  measure: async (ctx) => {
    const l0 = load1();
    const out = checked(await w.measure(ctx));
    run.figures.push(
      ...out.map((f) => ({ ...f, workload: w.name, loadAverage: [l0, load1()] as [number, number] })),
    );
    return out;
  },
});
const SEARCH_FIGURES = ['rare', 'common', 'prefix', 'phrase'].flatMap((k) => [
  `search-${k}-p50`,
  `search-${k}-p99`,
]);

export const historyGroup: WorkloadGroup = {
  name: 'history',
  async setup(ctx) {
    run.ctx = ctx;
    run.figures = [];
    await profileFor(ctx);
  },
  async teardown() {
    const ctx = run.ctx;
    if (!ctx || run.figures.length === 0) return;
    const p = await profileFor(ctx);
    const file = detailFile(ctx, 'history.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const detail = {
      generatedAt: new Date().toISOString(),
      mode: ctx.quick ? 'quick' : 'full',
      profile: {
        spec: ctx.quick ? QUICK_PROFILE : FULL_PROFILE,
        messages: p.messagesPerConversation.reduce((a, b) => a + b, 0),
        conversations: p.conversationIds.length,
        biggestConversation: p.messagesPerConversation[0],
        searchTerms: p.searchTerms,
        generated: p.generated,
        generateMs: p.generateMs,
      },
      machine: { cpus: os.cpus().length, node: process.version },
      figures: run.figures,
    };
    fs.writeFileSync(file, `${JSON.stringify(detail, null, 2)}\n`);
  },
  // The child-process figures first: the in-process ones hold the profile's lock while they run.
  workloads: [
    withChecks(coldStart, ['cold-start']),
    withChecks(idleRss, ['idle-rss']),
    withChecks(openConversation, ['open-conversation-p50', 'open-conversation-p99', 'page-back-p50']),
    withChecks(search, SEARCH_FIGURES),
    withChecks(insertBurst, ['insert-burst', 'db-size', 'wal-size']),
  ],
};
