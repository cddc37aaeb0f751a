// Config-sync workloads (issue: multi-device config sync, "Performance"):
//  - receive+apply: a Contacts config of 10,000 contacts, pushed by another device of the account (all
//    its multipart parts), goes into the config inbox in one transaction as the poller commits it, then
//    through config-apply (`applyInbox`, the function the poller's hook calls) of the real config service
//    on a real encrypted database until the contacts cache is written; next to the raw decrypt of the
//    same bytes (BLAKE2b key derivation + XChaCha20-Poly1305 per part, libsodium) as its floor;
//  - one-field change: a nickname changed on an engine running against a devnet in a child process, from
//    the coalesced push starting to the push stored and confirmed, next to one store round trip (a signed
//    store of a message of the same size) on the same devnet.
// Each figure is a median of several fresh runs, in ms next to its floor in ms; config.json (in the run's
// results folder) keeps the raw figures, the breakdown of where receive+apply spends its time and the load
// average while measuring.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sodium from 'libsodium-wrappers-sumo';
import { openBackend, silentLogger, type Backend } from '../../../ts/backend';
import { createAccountStore } from '../../../ts/backend/db/accountStore';
import { createConfigInboxStore, type ConfigInboxEntry, type ConfigInboxStore } from '../../../ts/backend/db/configInboxStore';
import { createConfigStateStore, type ConfigStateStore } from '../../../ts/backend/db/configStateStore';
import { createConversationStore } from '../../../ts/backend/db/conversationStore';
import { openEncryptedDatabase, type Db } from '../../../ts/backend/db/database';
import { createMessagePageStore } from '../../../ts/backend/db/messagePages';
import { createMessageStore } from '../../../ts/backend/db/messageStore';
import { runMigrations } from '../../../ts/backend/db/migrate';
import { MIGRATIONS } from '../../../ts/backend/db/migrations';
import { createEventBus } from '../../../ts/backend/events';
import { createAccountService } from '../../../ts/backend/services/account';
import { createConfigSync, CONFIG_PUSH_TTL_MS, type ConfigSync } from '../../../ts/backend/services/configSync';
import { createConversationsService, type ConversationsService } from '../../../ts/backend/services/conversations';
import { createFollowUps } from '../../../ts/backend/services/followUps';
import { loadCustomNetwork } from '../../../ts/network/config';
import { createHttpClient } from '../../../ts/network/http';
import { SessionNetwork } from '../../../ts/network/SessionNetwork';
import { MemoryNetworkStore } from '../../../ts/network/store';
import {
  Contacts,
  decodeIncomingConfig,
  encodeRecoveryPassword,
  identityFromRecoverySeed,
  loadProtocol,
  looksLikeConfigWrapper,
  secureRandom,
  unwrapConfig,
  type Identity,
} from '../../../ts/protocol';
import { detailFile } from '../results';
import { startChildDevnet } from './childDevnet';
import type { FigureResult, MeasureContext, WorkloadGroup } from './types';

const RECEIVE_WORKLOAD = 'config-receive-apply';
const PUSH_WORKLOAD = 'config-one-field-push';
/** Set by the group's setup from the runner's context. */
let QUICK = false;
/** `BENCH_CONFIG_CONTACTS` sets the config's size; the issue's figure is 10,000 (1,000 in a quick run). */
let CONTACTS = 10_000;
let RECEIVE_RUNS = 7;
let PUSH_SAMPLES = 15;
/** Contacts of the account whose nickname changes: its Contacts config is pushed whole each time. */
const PUSH_CONTACTS = 100;
/** The issue's budgets. */
const RECEIVE_BUDGET_MS = 500;
const PUSH_MARGIN_MS = 20;
/** The round-trip probe goes to a namespace the client never polls, so it never enters the configs. */
const PROBE_NAMESPACE = 99;

const NOW = Date.UTC(2026, 10, 1);

const tmpDirs: string[] = [];
function tmpDir(tag: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), `bench-config-${tag}-`));
  tmpDirs.push(d);
  return d;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const round1 = (x: number): number => Math.round(x * 10) / 10;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A deterministic Account ID per index (distinct, well spread like real ones). */
const contactId = (i: number): string => `05${createHash('sha256').update(`bench-contact-${i}`).digest('hex')}`;

// ---------------------------------------------------------------------------------------------------
// Receive + apply of a 10,000-contact Contacts config

const SEED = new Uint8Array(16).fill(0xc0);
let account: Identity;
/** The other device's push: every multipart part, as the swarm returns them. */
let parts: Uint8Array[] = [];
/** The encrypted bytes inside them (a small config is one message in the legacy wrapper; large ones are not wrapped). */
let sealed: Uint8Array[] = [];
/** The other device's next push: one nickname changed (a config this size is always pushed whole). */
let nextParts: Uint8Array[] = [];
const CHANGED_CONTACT = 1;

interface ReceiveRun {
  inboxAddMs: number;
  applyMs: number;
  totalMs: number;
  /** Time inside the config service's database calls during apply (the rest is the config engine). */
  dumpSaveSqlMs: number;
  contactsCacheSqlMs: number;
  inboxRemoveSqlMs: number;
  conversationListMs: number;
  /** The other device's next push (one nickname changed) applied on top: the steady state of a big account. */
  nextApplyMs: number;
  nextContactsCacheSqlMs: number;
}
const receiveRuns: ReceiveRun[] = [];
const decryptFloorRuns: number[] = [];
/** The pure config engine on the same bytes, without a database (where apply's non-SQL time goes). */
const engineRuns: { decodePartsMs: number; mergeMs: number; dumpMs: number; allMs: number }[] = [];

function buildOtherDevicePush(): void {
  const other = new Contacts({ identity: account, dump: null, swarmMerged: true });
  for (let i = 0; i < CONTACTS; i++) {
    const id = contactId(i);
    // The unit test's 10,000-contact config (userConfigProperties.test.ts), plus the profile pictures and
    // nicknames real address books carry, so the bytes are not unrealistically compressible.
    other.set({
      ...other.getOrConstruct(id),
      name: `Contact ${i}`,
      approved: true,
      approvedMe: i % 2 === 0,
      created: 1_700_000_000 + i,
      priority: i % 7 === 0 ? 1 : 0,
      ...(i % 3 === 0 ? { profilePic: { url: `http://filev2.getsession.org/file/${1_000_000 + i}`, key: createHash('sha256').update(id).digest() } } : {}),
      ...(i % 10 === 0 ? { nickname: `Nick ${i}` } : {}),
    });
  }
  const first = other.push(NOW);
  parts = first.messages;
  other.confirmPushed(first.seqno, parts.map((_, i) => `bench-part-${i}`));
  other.setNickname(contactId(CHANGED_CONTACT), 'Changed on the other device');
  nextParts = other.push(NOW + 60_000).messages;
  sealed = parts.map((data) => {
    if (!looksLikeConfigWrapper(data)) return data;
    const u = unwrapConfig(account, data, 3);
    if (!u.ok) throw u.error;
    return u.value.data;
  });
}

/** Floor: what decrypting the same bytes costs with libsodium alone (key derivation + AEAD open per part). */
function rawDecrypt(): void {
  const domain = Buffer.from('Contacts');
  for (const data of sealed) {
    const plainLen = data.length - 40;
    const len = Buffer.alloc(8);
    len.writeBigUInt64BE(BigInt(plainLen));
    const key = sodium.crypto_generichash(32, Buffer.concat([account.ed25519Seed, len, domain]), null);
    const nonce = data.subarray(data.length - 24);
    sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, data.subarray(0, data.length - 24), null, nonce, key);
  }
}

/** Wraps every method of `o` so the time spent inside it adds to `acc[name]`. */
function timedMethods<T extends object>(o: T, names: readonly (keyof T & string)[], acc: Record<string, number>): T {
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

interface Profile {
  db: Db;
  inbox: ConfigInboxStore;
  configSync: ConfigSync;
  acc: Record<string, number>;
}

/** A fresh encrypted profile with the app's migrations and the real config service, composed as the backend composes it. */
function openProfile(): Profile {
  const dir = tmpDir('recv');
  const db = openEncryptedDatabase(path.join(dir, 'session.db'), secureRandom(32));
  runMigrations(db, MIGRATIONS, silentLogger);
  const acc: Record<string, number> = {};
  const events = createEventBus(silentLogger);
  const accounts = createAccountService({ store: createAccountStore(db), events, log: silentLogger, now: Date.now, randomBytes: secureRandom });
  const messages = createMessageStore(db);
  const conversations: ConversationsService = timedMethods(
    createConversationsService({ db, store: createConversationStore(db), messages, pages: createMessagePageStore(db), events, now: Date.now, ownId: () => accounts.identity()?.sessionId }),
    ['list', 'summaries'],
    acc,
  );
  const store: ConfigStateStore = timedMethods(createConfigStateStore(db), ['save', 'writeContacts', 'writeProfile', 'writeReadStates'], acc);
  const rawInbox = createConfigInboxStore(db);
  const configSync = createConfigSync({
    db,
    store,
    inbox: timedMethods(rawInbox, ['remove'], acc),
    conversations,
    messages,
    account: accounts,
    events,
    log: silentLogger,
    now: Date.now,
    network: () => undefined,
    followUps: createFollowUps(),
  });
  accounts.restore(encodeRecoveryPassword(SEED));
  const identity = accounts.identity();
  if (!identity || identity.sessionId !== account.sessionId) throw new Error('bench: the restored account is not the config’s account');
  configSync.start(identity);
  for (const k of Object.keys(acc)) delete acc[k];
  return { db, inbox: rawInbox, configSync, acc };
}

function receiveOnce(): void {
  const p = openProfile();
  try {
    const entries: ConfigInboxEntry[] = parts.map((data, i) => ({
      pubkey: account.sessionId,
      namespace: 3,
      hash: `bench-part-${i}`,
      data,
      timestamp: NOW,
      expiresAt: NOW + CONFIG_PUSH_TTL_MS,
    }));
    const t0 = performance.now();
    // The poller commits a retrieve's config messages in one transaction, then calls the hook.
    p.db.transaction(() => p.inbox.add(entries, Date.now()))();
    const t1 = performance.now();
    p.configSync.applyInbox();
    const t2 = performance.now();
    const listed = p.configSync.listContacts().length;
    if (listed !== CONTACTS) throw new Error(`bench: config-apply wrote ${listed} of ${CONTACTS} contacts`);
    if (p.inbox.list(account.sessionId).length !== 0) throw new Error('bench: config-apply left messages in the inbox');
    const first = { ...p.acc };
    for (const k of Object.keys(p.acc)) delete p.acc[k];
    const next = nextParts.map((data, i) => ({ ...(entries[0] as ConfigInboxEntry), hash: `bench-next-${i}`, data, timestamp: NOW + 60_000 }));
    const t3 = performance.now();
    p.db.transaction(() => p.inbox.add(next, Date.now()))();
    p.configSync.applyInbox();
    const t4 = performance.now();
    const changed = p.configSync.listContacts().find((c) => c.id === contactId(CHANGED_CONTACT));
    if (changed?.nickname !== 'Changed on the other device') throw new Error('bench: the next push did not reach the contacts cache');
    receiveRuns.push({
      nextApplyMs: t4 - t3,
      nextContactsCacheSqlMs: p.acc.writeContacts ?? 0,
      inboxAddMs: t1 - t0,
      applyMs: t2 - t1,
      totalMs: t2 - t0,
      dumpSaveSqlMs: first.save ?? 0,
      contactsCacheSqlMs: first.writeContacts ?? 0,
      inboxRemoveSqlMs: first.remove ?? 0,
      conversationListMs: (first.list ?? 0) + (first.summaries ?? 0),
    });
  } finally {
    p.configSync.stop();
    p.db.close();
  }
}

/** The config engine alone on the same bytes: decode (decrypt) of each part, the whole merge, dump, listing. */
function engineOnce(): void {
  const t0 = performance.now();
  for (const data of parts) {
    const r = decodeIncomingConfig({ namespace: 3, data, keys: [account.ed25519Seed], identity: account });
    if (!r.ok) throw r.error;
  }
  const t1 = performance.now();
  const c = new Contacts({ identity: account, dump: null, swarmMerged: true });
  const report = c.merge(
    parts.map((data, i) => ({ hash: `bench-part-${i}`, data })),
    NOW,
  );
  const t2 = performance.now();
  if (report.accepted.length !== parts.length || c.size !== CONTACTS) throw new Error('bench: the config engine did not merge every contact');
  c.dump();
  const t3 = performance.now();
  c.all();
  const t4 = performance.now();
  engineRuns.push({ decodePartsMs: t1 - t0, mergeMs: t2 - t1, dumpMs: t3 - t2, allMs: t4 - t3 });
}

async function measureReceive(): Promise<void> {
  await sodium.ready;
  account = identityFromRecoverySeed(SEED);
  buildOtherDevicePush();
  // One untimed run each: lazy compilation and first SQLite page allocations are not the steady state.
  receiveOnce();
  engineOnce();
  rawDecrypt();
  receiveRuns.length = 0;
  engineRuns.length = 0;
  for (let r = 0; r < RECEIVE_RUNS; r++) {
    const t0 = performance.now();
    rawDecrypt();
    decryptFloorRuns.push(performance.now() - t0);
    receiveOnce();
    engineOnce();
  }
  for (const d of tmpDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------------
// One-field change pushed to a devnet

const pushRuns: number[] = [];
const roundTripRuns: number[] = [];
let pushMessageBytes = 0;

async function settled(b: Backend): Promise<void> {
  const r = await b.followUps.settle({ signal: AbortSignal.timeout(60_000) });
  if (!r.settled || r.failed.length > 0) throw new Error(`bench: the config push was not stored: ${JSON.stringify(r)}`);
}

async function measurePush(): Promise<void> {
  const { child, seedUrl } = await startChildDevnet();
  const http = createHttpClient();
  let backend: Backend | undefined;
  let probe: SessionNetwork | undefined;
  try {
    const seed = new Uint8Array(16).fill(0xc1);
    const identity = identityFromRecoverySeed(seed);
    // The coalescing window is 0 so the flush starts on the next turn of the event loop after the change:
    // what is timed is the flush, not the window.
    backend = await openBackend({
      dataDir: tmpDir('push'),
      profile: 'push',
      seedUrl,
      host: 'cli',
      appVersion: '0.0.0-bench',
      logger: silentLogger,
      engine: { pollIntervalMs: 5_000, configPushDelayMs: 0, restoreWaitMs: 0 },
    });
    await backend.handlers['account.restore']({ mnemonic: encodeRecoveryPassword(seed), displayName: 'Bench' });
    const b = backend;
    // Pushing waits for the first complete retrieve of the config namespaces (never push before merging).
    const deadline = Date.now() + 60_000;
    while ((await b.handlers['network.getPaths']({})).length === 0) {
      if (Date.now() > deadline) throw new Error('bench: the engine did not go online');
      await sleep(50);
    }
    await b.handlers['sync.pollNow']({});
    const target = contactId(0);
    for (let i = 0; i < PUSH_CONTACTS; i++) await b.handlers['conversations.setNickname']({ id: contactId(i), nickname: `Friend ${i}` });
    await settled(b);

    // The size of such a push, for the round-trip probe: the same contacts and nicknames in a config of the same account.
    const local = new Contacts({ identity, dump: null, swarmMerged: true });
    for (let i = 0; i < PUSH_CONTACTS; i++) local.setNickname(contactId(i), `Friend ${i}`);
    const probeData = (local.push(NOW).messages[0] as Uint8Array).slice();
    pushMessageBytes = probeData.length;

    probe = new SessionNetwork({ config: await loadCustomNetwork(seedUrl, http), store: new MemoryNetworkStore(), http, ownPubkey: identity.sessionId });
    probe.start();
    const signer = { pubkey: identity.sessionId, ed25519: identity.ed25519 };
    const roundTrip = async (): Promise<number> => {
      const t0 = performance.now();
      await (probe as SessionNetwork).storeConfig(signer, [{ namespace: PROBE_NAMESPACE, data: probeData, ttlMs: 3_600_000 }], []);
      return performance.now() - t0;
    };
    const oneChange = async (i: number): Promise<number> => {
      await b.handlers['conversations.setNickname']({ id: target, nickname: `Nickname ${i}` });
      const t0 = performance.now();
      await settled(b);
      return performance.now() - t0;
    };
    // Untimed: the probe builds its paths, both sides warm up.
    await roundTrip();
    await oneChange(-1);
    // Alternate the two so both see the same machine load.
    for (let i = 0; i < PUSH_SAMPLES; i++) {
      pushRuns.push(await oneChange(i));
      roundTripRuns.push(await roundTrip());
    }
  } finally {
    probe?.stop();
    http.close();
    await backend?.close();
    child.kill('SIGTERM');
  }
}

// ---------------------------------------------------------------------------------------------------

let loadAtStart: number[] = [];
let loadAtEnd: number[] = [];

function writeConfigResults(ctx: MeasureContext): void {
  if (receiveRuns.length === 0 && pushRuns.length === 0) return;
  const RESULTS_FILE = detailFile(ctx, 'config.json');
  const out: Record<string, unknown> = {
    generatedAt: new Date().toISOString(),
    mode: QUICK ? 'quick' : 'full',
    machine: { node: process.version, cpus: os.cpus().length, loadAverage: { atStart: loadAtStart.map(round1), atEnd: loadAtEnd.map(round1) } },
    note: 'Medians of fresh runs. Figures depend on machine load (loadAverage: 1, 5, 15 min, at the start and end of the measurement); compare with a quiet machine.',
  };
  // A load above the core count means other work shared the cores: such figures are not final.
  const busiest = Math.max(loadAtStart[0] ?? 0, loadAtEnd[0] ?? 0);
  if (busiest > os.cpus().length) {
    out.provisional = `measured on a busy machine (1-min load average up to ${busiest.toFixed(1)} on ${os.cpus().length} cores): re-run on a quiet machine before quoting these figures`;
  }
  if (receiveRuns.length > 0) {
    const m = (f: (r: ReceiveRun) => number) => round1(median(receiveRuns.map(f)));
    const e = (f: (r: (typeof engineRuns)[number]) => number) => round1(median(engineRuns.map(f)));
    const apply = m((r) => r.applyMs);
    const sql = m((r) => r.dumpSaveSqlMs + r.contactsCacheSqlMs + r.inboxRemoveSqlMs);
    out.receiveApply = {
      contacts: CONTACTS,
      parts: parts.length,
      bytes: parts.reduce((n, p) => n + p.length, 0),
      runs: receiveRuns.length,
      medianMs: m((r) => r.totalMs),
      minMs: round1(Math.min(...receiveRuns.map((r) => r.totalMs))),
      maxMs: round1(Math.max(...receiveRuns.map((r) => r.totalMs))),
      floor: 'raw decrypt of the same parts: libsodium BLAKE2b key derivation + XChaCha20-Poly1305 open per part',
      floorMedianMs: round1(median(decryptFloorRuns)),
      target: `< ${RECEIVE_BUDGET_MS} ms`,
      withinTarget: median(receiveRuns.map((r) => r.totalMs)) < RECEIVE_BUDGET_MS,
      breakdownMedianMs: {
        inboxAddTransaction: m((r) => r.inboxAddMs),
        applyInbox: apply,
        'applyInbox.sql.dumpSave': m((r) => r.dumpSaveSqlMs),
        'applyInbox.sql.contactsCache': m((r) => r.contactsCacheSqlMs),
        'applyInbox.sql.inboxRemove': m((r) => r.inboxRemoveSqlMs),
        'applyInbox.conversationList': m((r) => r.conversationListMs),
        'applyInbox.configEngine (rest: merge, dump, listing)': round1(apply - sql - m((r) => r.conversationListMs)),
        'engineAlone.decodeParts (decrypt, unwrap, unpad)': e((r) => r.decodePartsMs),
        'engineAlone.merge (decode, reassemble, decompress, parse, merge)': e((r) => r.mergeMs),
        'engineAlone.dump': e((r) => r.dumpMs),
        'engineAlone.all': e((r) => r.allMs),
      },
      nextPush: {
        what: 'the other device then changes one nickname and pushes again (the whole config, every part); that push received and applied on top',
        parts: nextParts.length,
        medianMs: m((r) => r.nextApplyMs),
        'sql.contactsCache': m((r) => r.nextContactsCacheSqlMs),
      },
    };
  }
  if (pushRuns.length > 0) {
    const rt = median(roundTripRuns);
    out.oneFieldPush = {
      contactsInConfig: PUSH_CONTACTS,
      messageBytes: pushMessageBytes,
      samples: pushRuns.length,
      medianMs: round1(median(pushRuns)),
      maxMs: round1(Math.max(...pushRuns)),
      floor: `one store round trip: a signed sequence with one store of ${pushMessageBytes} bytes, 3-hop onion, 12-node devnet in a child process`,
      floorMedianMs: round1(rt),
      target: `< floor + ${PUSH_MARGIN_MS} ms`,
      withinTarget: median(pushRuns) < rt + PUSH_MARGIN_MS,
    };
  }
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(out, null, 2)}\n`);
}

let context: MeasureContext = { quick: false };

async function receiveFigure(): Promise<FigureResult[]> {
  process.stderr.write(`bench: config/${RECEIVE_WORKLOAD}: ${RECEIVE_RUNS} fresh profiles, ${CONTACTS} contacts...\n`);
  await measureReceive();
  const totals = receiveRuns.map((r) => r.totalMs);
  return [
    {
      name: RECEIVE_WORKLOAD,
      describe: `receive + apply a ${CONTACTS.toLocaleString('en-US')}-contact Contacts config (${parts.length} parts): inbox commit + applyInbox on a fresh encrypted profile until the contacts cache is written; median of ${RECEIVE_RUNS}`,
      unit: 'ms',
      value: median(totals),
      floor: { value: median(decryptFloorRuns), describe: 'raw decrypt of the same parts (libsodium BLAKE2b key + XChaCha20-Poly1305 open per part), median' },
      target: { max: RECEIVE_BUDGET_MS },
      detail: {
        contacts: CONTACTS,
        parts: parts.length,
        bytes: parts.reduce((n, p) => n + p.length, 0),
        runs: receiveRuns.length,
        minMs: round1(Math.min(...totals)),
        maxMs: round1(Math.max(...totals)),
        nextPushApplyMedianMs: round1(median(receiveRuns.map((r) => r.nextApplyMs))),
      },
    },
  ];
}

async function pushFigure(): Promise<FigureResult[]> {
  process.stderr.write(`bench: config/${PUSH_WORKLOAD}: ${PUSH_SAMPLES} nickname changes on a devnet...\n`);
  await measurePush();
  const rt = median(roundTripRuns);
  return [
    {
      name: PUSH_WORKLOAD,
      describe: `nickname change on an engine (${PUSH_CONTACTS} contacts) to its coalesced Contacts push stored and confirmed, 12-node devnet in a child process; median of ${PUSH_SAMPLES}; target: the round trip + ${PUSH_MARGIN_MS} ms`,
      unit: 'ms',
      value: median(pushRuns),
      floor: { value: rt, describe: `one store round trip of a message of the same size (${pushMessageBytes} bytes) on the same devnet (signed sequence, 3-hop onion), median, alternated` },
      target: { max: round1(rt + PUSH_MARGIN_MS) },
      detail: { samples: pushRuns.length, maxMs: round1(Math.max(...pushRuns)), messageBytes: pushMessageBytes },
    },
  ];
}

export const configGroup: WorkloadGroup = {
  name: 'config',
  async setup(ctx) {
    context = ctx;
    QUICK = ctx.quick;
    CONTACTS = Number(process.env.BENCH_CONFIG_CONTACTS ?? (QUICK ? 1_000 : 10_000));
    RECEIVE_RUNS = QUICK ? 2 : 7;
    PUSH_SAMPLES = QUICK ? 3 : 15;
    await loadProtocol();
    loadAtStart = os.loadavg();
  },
  async teardown() {
    loadAtEnd = os.loadavg();
    writeConfigResults(context);
    for (const d of tmpDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  },
  workloads: [
    { name: RECEIVE_WORKLOAD, measure: receiveFigure },
    { name: PUSH_WORKLOAD, measure: pushFigure },
  ],
};
