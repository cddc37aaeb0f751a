// Disappearing-messages workload (issue: conversation features, "Performance"): the expiry sweeper deletes
// 10,000 expired messages in one pass in < 1 s without a renderer long task.
//  - sweep: a fresh encrypted profile (the app's migrations) holding 10,000 expired messages in 20
//    conversations (each with its full-text row, its raw Content and a reaction) among 10,000 that stay;
//    one `sweep()` of the real sweeper, events included (messages.removed once per conversation, then the
//    fresh summaries), until the rows, their FTS entries and what refers to them are gone. The floor is the
//    bare statement on an identical profile: one `DELETE FROM messages WHERE expires_at <= now` in one
//    transaction (the same triggers fire), so the ratio shows what batching, events and summaries add.
//  - renderer: the removal events the sweep emitted, applied to the renderer's real Redux reducers (messages
//    window and conversation previews) holding a full window of the affected conversation; the longest
//    single dispatch must stay under the 50 ms long-task threshold.
// Each figure is a median of several fresh runs (both measured together, once), in ms; expiry.json (in the
// run's results folder) keeps the raw figures.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../../ts/backend';
import { createConversationStore } from '../../../ts/backend/db/conversationStore';
import { openEncryptedDatabase, type Db } from '../../../ts/backend/db/database';
import { createMessageStore } from '../../../ts/backend/db/messageStore';
import { runMigrations } from '../../../ts/backend/db/migrate';
import { MIGRATIONS } from '../../../ts/backend/db/migrations';
import { createReceivedContentStore } from '../../../ts/backend/db/receivedContentStore';
import { createEventBus } from '../../../ts/backend/events';
import { createConversationsService } from '../../../ts/backend/services/conversations';
import { createExpirySweeper } from '../../../ts/backend/services/expiry';
import { createExpirationStore } from '../../../ts/backend/db/expirationStore';
import type { EventPayloads, MessageView } from '../../../ts/ipc/contract';
import { secureRandom } from '../../../ts/protocol';
import { conversationMessagesRemoved, conversationsReducer, conversationsUpdated } from '../../../ts/renderer/state/conversations';
import { MAX_LOADED, messagesAdded, messagesReducer, messagesRemoved } from '../../../ts/renderer/state/messages';
import { detailFile } from '../results';
import type { FigureResult, MeasureContext, WorkloadGroup } from './types';

/** Set by the group's setup: `BENCH_EXPIRY_MESSAGES`, or 10,000 (1,000 in a quick run). */
let EXPIRED = 10_000;
let KEPT = EXPIRED;
const CONVERSATIONS = 20;
let RUNS = 7;
/** The budgets. */
const SWEEP_BUDGET_MS = 1_000;
const LONG_TASK_MS = 50;

const NOW = Date.UTC(2026, 11, 1);
const PEER = (i: number): string => `05${(i + 1).toString(16).padStart(2, '0').repeat(32)}`;
const WORDS = ['river', 'lantern', 'copper', 'meadow', 'harbor', 'violet', 'summit', 'quartz', 'ember', 'willow', 'falcon', 'orchid'];

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const round1 = (x: number): number => Math.round(x * 10) / 10;

const tmpDirs: string[] = [];

/** A fresh encrypted profile with EXPIRED expired messages (FTS rows, Content, a reaction each) and KEPT that stay. */
function openPopulated(): { db: Db; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-expiry-'));
  tmpDirs.push(dir);
  const db = openEncryptedDatabase(path.join(dir, 'session.db'), secureRandom(32));
  runMigrations(db, MIGRATIONS, silentLogger);
  const messages = createMessageStore(db);
  const conversations = createConversationStore(db);
  const received = createReceivedContentStore(db);
  const content = new Uint8Array(120).fill(7);
  db.transaction(() => {
    for (let c = 0; c < CONVERSATIONS; c++) conversations.touch(PEER(c), 'private', NOW - 3_600_000);
    for (let i = 0; i < EXPIRED + KEPT; i++) {
      // Every other round of the conversations: half of each conversation's messages expired.
      const expired = Math.floor(i / CONVERSATIONS) % 2 === 0;
      const peer = PEER(i % CONVERSATIONS);
      const sentAt = NOW - 3_600_000 + i;
      const body = `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} message ${i} token${i.toString(36)}`;
      messages.insert({
        id: `m${i.toString().padStart(8, '0')}`,
        conversationId: peer,
        sender: peer,
        direction: 'incoming',
        body,
        sentAt,
        receivedAt: sentAt,
        status: 'read',
        hash: `h${i}`,
        content,
        expirationType: 'after-send',
        expirationTimer: 60,
        expiresAt: expired ? NOW - 1_000 : NOW + 86_400_000,
      });
      // A reaction to it, kept raw until it goes with its target.
      if (expired) {
        received.insert({ sender: peer, sentAt: sentAt + 1_000_000, conversationId: peer, kind: 'reaction', content, receivedAt: sentAt, target: { sender: peer, sentAt } });
      }
    }
  })();
  // The population's pages go into the database file now, so the measured commit does not carry their checkpoint.
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { db, dir };
}

interface SweepRun {
  sweepMs: number;
  deleted: number;
  removedEvents: number;
  summaryEvents: number;
  ftsLeft: number;
}
const sweepRuns: SweepRun[] = [];
const floorRuns: number[] = [];
const reducerRuns: number[] = [];
let lastRemoved: EventPayloads['messages.removed'][] = [];

/** Wraps methods of `o` so the time spent inside each adds to `acc[name]`. */
function timed<T extends object>(o: T, names: readonly (keyof T & string)[], acc: Record<string, number>): T {
  const out = { ...o };
  for (const n of names) {
    const f = o[n];
    if (typeof f !== 'function') continue;
    (out as Record<string, unknown>)[n] = (...args: unknown[]) => {
      const t0 = performance.now();
      try {
        return (f as (...a: unknown[]) => unknown).apply(o, args);
      } finally {
        acc[n] = (acc[n] ?? 0) + performance.now() - t0;
      }
    };
  }
  return out;
}
const breakdowns: Record<string, number>[] = [];

function measureSweep(): void {
  const { db } = openPopulated();
  const acc: Record<string, number> = {};
  const messages = timed(createMessageStore(db), ['expiredIds', 'deleteByIds'], acc);
  const events = createEventBus(silentLogger);
  const removed: EventPayloads['messages.removed'][] = [];
  let summaries = 0;
  events.on('messages.removed', (p) => removed.push(p));
  events.on('conversations.updated', () => summaries++);
  const conversationsService = timed(createConversationsService({ store: createConversationStore(db), messages, events, now: () => NOW, db }), ['summaries'], acc);
  const sweeper = createExpirySweeper({
    db,
    messages,
    received: timed(createReceivedContentStore(db), ['deleteExpired'], acc),
    conversationsService,
    events,
    log: silentLogger,
    now: () => NOW,
    store: timed(createExpirationStore(db), ['withBulkFtsErase'], acc),
  });
  const t0 = performance.now();
  const ids = sweeper.sweep();
  const sweepMs = performance.now() - t0;
  const left = (db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
  const ftsLeft = (db.prepare("SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH 'token0'").get() as { n: number }).n;
  if (ids.length !== EXPIRED || left !== KEPT) throw new Error(`bench: the sweep deleted ${ids.length} of ${EXPIRED} (left ${left})`);
  db.close();
  breakdowns.push(acc);
  sweepRuns.push({ sweepMs, deleted: ids.length, removedEvents: removed.length, summaryEvents: summaries, ftsLeft });
  lastRemoved = removed;
}

function measureFloor(): void {
  const { db } = openPopulated();
  const t0 = performance.now();
  db.transaction(() => db.prepare('DELETE FROM messages WHERE expires_at <= ?').run(NOW))();
  floorRuns.push(performance.now() - t0);
  db.close();
}

/** A message view as the renderer holds it. */
const viewOf = (i: number, conversationId: string): MessageView => ({
  id: `m${i.toString().padStart(8, '0')}`,
  conversationId,
  sender: conversationId,
  direction: 'incoming',
  text: `message ${i}`,
  timestamp: NOW - 3_600_000 + i,
  receivedAt: NOW,
  status: 'read',
  expiresAt: NOW - 1_000,
  expiration: { type: 'after-send', seconds: 60 },
});

/** Applies the sweep's removal events to the renderer's reducers, each holding a full window; returns the longest dispatch (ms). */
function measureReducers(): number {
  let longest = 0;
  for (const ev of lastRemoved) {
    // The open conversation's window: its newest MAX_LOADED messages, all among the removed ones.
    const window = ev.ids.slice(-MAX_LOADED).map((id) => viewOf(Number(id.slice(1)), ev.conversationId));
    let messagesState = messagesReducer(undefined, messagesAdded({ messages: window }));
    let conversationsState = conversationsReducer(
      undefined,
      conversationsUpdated({
        conversations: [
          { id: ev.conversationId, kind: 'private', isApproved: true, isRequest: false, isBlocked: false, unreadCount: 0, updatedAt: NOW, ...(window.at(-1) ? { lastMessage: window.at(-1) as MessageView } : {}) },
        ],
      }),
    );
    const t0 = performance.now();
    messagesState = messagesReducer(messagesState, messagesRemoved(ev));
    conversationsState = conversationsReducer(conversationsState, conversationMessagesRemoved(ev));
    longest = Math.max(longest, performance.now() - t0);
    if ((messagesState.byConversation[ev.conversationId]?.length ?? 0) !== 0 || conversationsState.byId[ev.conversationId]?.lastMessage) {
      throw new Error('bench: the reducers kept removed messages');
    }
  }
  // All removals at once, as one event would carry them (the worst case for a single dispatch).
  const all = lastRemoved.flatMap((e) => e.ids);
  const conversationId = lastRemoved[0]?.conversationId ?? PEER(0);
  const window = all.slice(-MAX_LOADED).map((id) => viewOf(Number(id.slice(1)), conversationId));
  const state = messagesReducer(undefined, messagesAdded({ messages: window }));
  const t0 = performance.now();
  messagesReducer(state, messagesRemoved({ conversationId, ids: all }));
  return Math.max(longest, performance.now() - t0);
}

function writeResults(ctx: MeasureContext): void {
  const RESULTS_FILE = detailFile(ctx, 'expiry.json');
  const out = {
    mode: ctx.quick ? 'quick' : 'full',
    generatedAt: new Date().toISOString(),
    machine: { node: process.version, platform: `${process.platform}-${process.arch}`, cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown' },
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
    sweep: {
      what: `one sweep() of ${EXPIRED} expired messages (FTS rows, raw Content, one reaction each) in ${CONVERSATIONS} conversations among ${KEPT} that stay, fresh encrypted profile, events included`,
      runs: sweepRuns.length,
      medianMs: round1(median(sweepRuns.map((r) => r.sweepMs))),
      maxMs: round1(Math.max(...sweepRuns.map((r) => r.sweepMs))),
      removedEvents: sweepRuns[0]?.removedEvents,
      summaryEvents: sweepRuns[0]?.summaryEvents,
      ftsHitsLeft: sweepRuns[0]?.ftsLeft,
      breakdownMedianMs: Object.fromEntries(Object.keys(breakdowns[0] ?? {}).map((k) => [k, round1(median(breakdowns.map((b) => b[k] ?? 0)))])),
      floor: 'DELETE FROM messages WHERE expires_at <= now in one transaction on an identical profile (same triggers)',
      floorMedianMs: round1(median(floorRuns)),
      target: `< ${SWEEP_BUDGET_MS} ms`,
      withinTarget: median(sweepRuns.map((r) => r.sweepMs)) < SWEEP_BUDGET_MS,
    },
    renderer: {
      what: `the sweep's messages.removed events through the renderer's messages and conversations reducers, each over a full window (${MAX_LOADED} rows); plus all ${EXPIRED} ids in one event`,
      runs: reducerRuns.length,
      longestDispatchMedianMs: round1(median(reducerRuns)),
      longestDispatchMaxMs: round1(Math.max(...reducerRuns)),
      target: `< ${LONG_TASK_MS} ms (no long task)`,
      withinTarget: Math.max(...reducerRuns) < LONG_TASK_MS,
    },
  };
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(out, null, 2)}\n`);
}

let measured = false;

function measureAll(ctx: MeasureContext): void {
  if (measured) return;
  measured = true;
  process.stderr.write(`bench: expiry: ${RUNS} fresh profiles of ${EXPIRED + KEPT} messages...\n`);
  for (let r = 0; r < RUNS; r++) {
    measureFloor();
    measureSweep();
    reducerRuns.push(measureReducers());
  }
  for (const d of tmpDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  writeResults(ctx);
}

const SWEEP = 'expiry-sweep-10k';
const REMOVAL = 'expiry-renderer-removal';

export const expiryGroup: WorkloadGroup = {
  name: 'expiry',
  setup(ctx) {
    EXPIRED = Number(process.env.BENCH_EXPIRY_MESSAGES ?? (ctx.quick ? 1_000 : 10_000));
    KEPT = EXPIRED;
    RUNS = ctx.quick ? 2 : 7;
    return Promise.resolve();
  },
  workloads: [
    {
      name: SWEEP,
      measure(ctx): Promise<FigureResult[]> {
        measureAll(ctx);
        const sweeps = sweepRuns.map((r) => r.sweepMs);
        return Promise.resolve([
          {
            name: SWEEP,
            describe: `one sweep of ${EXPIRED.toLocaleString('en-US')} expired messages (FTS, Content, reactions; ${CONVERSATIONS} conversations; events included) among ${KEPT.toLocaleString('en-US')} that stay, fresh encrypted profile; median of ${RUNS}`,
            unit: 'ms',
            value: median(sweeps),
            floor: { value: median(floorRuns), describe: 'the bare DELETE of the same rows in one transaction on an identical profile (same triggers), median' },
            target: { max: SWEEP_BUDGET_MS },
            detail: { expired: EXPIRED, kept: KEPT, runs: sweeps.length, maxMs: round1(Math.max(...sweeps)) },
          },
        ]);
      },
    },
    {
      name: REMOVAL,
      measure(ctx): Promise<FigureResult[]> {
        measureAll(ctx);
        return Promise.resolve([
          {
            name: REMOVAL,
            describe: `the sweep's messages.removed events (${EXPIRED.toLocaleString('en-US')} ids) through the renderer's real reducers over full windows: longest single dispatch (no long task), median of ${RUNS}`,
            unit: 'ms',
            value: median(reducerRuns),
            target: { max: LONG_TASK_MS },
            detail: { runs: reducerRuns.length, maxMs: round1(Math.max(...reducerRuns)) },
          },
        ]);
      },
    },
  ],
};
