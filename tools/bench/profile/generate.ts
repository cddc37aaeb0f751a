// The large-profile generator: writes a real profile (the data directory the app, the web host and the
// CLI open: ROOT/mainnet/default/ with its 0600 key file and SQLCipher database, every migration applied)
// holding a seeded history (plan.ts), and caches it so later bench runs reuse it.
//
// What goes through the backend's own code and what does not:
//   - the key file, the encrypted database, the migrations, the account (created by the account service
//     from a seed derived from the spec's seed), the contacts, pins and read positions (config sync's own
//     contactSeen / setPinned / markRead: the Contacts and ConvoInfoVolatile configs are the source of
//     truth, their dumps are stored and config-apply writes the cache columns, exactly as in the app);
//   - every message, attachment, reaction and stored Content row is written with the stores' own
//     statements (messageStore.insert, attachmentQueue.insertReceived, reactionStore.apply,
//     receivedContent.insert), with the columns the receive and send pipelines fill: ids in their formats,
//     swarm hashes, the raw Content built with the protocol encoders, statuses matching the read positions.
// Only the pipelines' per-message work (encryption, network, events) is skipped, and the bulk load runs
// with the journal off and the message indexes and full-text trigger dropped, rebuilt once at the end.
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DATABASE_FILE } from '../../../ts/backend';
import { resolveNetwork, resolveProfileDir, DEFAULT_PROFILE } from '../../../ts/backend/dataDir';
import { createAccountStore } from '../../../ts/backend/db/accountStore';
import { createAttachmentQueue, BACKFILL_CONSUMER } from '../../../ts/backend/db/attachmentQueue';
import { createTransferProgress } from '../../../ts/backend/db/attachmentStore';
import { createConfigInboxStore } from '../../../ts/backend/db/configInboxStore';
import { createConfigStateStore } from '../../../ts/backend/db/configStateStore';
import { createConversationStore } from '../../../ts/backend/db/conversationStore';
import { openEncryptedDatabase, type Db } from '../../../ts/backend/db/database';
import { createMessagePageStore } from '../../../ts/backend/db/messagePages';
import { createMessageStore } from '../../../ts/backend/db/messageStore';
import { runMigrations } from '../../../ts/backend/db/migrate';
import { MIGRATIONS } from '../../../ts/backend/db/migrations';
import { createReactionStore } from '../../../ts/backend/db/reactionStore';
import { createReceivedContentStore } from '../../../ts/backend/db/receivedContentStore';
import { QUOTES_BACKFILL_CONSUMER, REACTIONS_BACKFILL_CONSUMER } from '../../../ts/backend/db/richBackfillStore';
import { createEventBus } from '../../../ts/backend/events';
import { loadOrCreateDatabaseKey } from '../../../ts/backend/keyFile';
import { LOCK_FILE } from '../../../ts/backend/lock';
import { silentLogger } from '../../../ts/backend/log';
import { attachmentRowsFromPointers } from '../../../ts/backend/media/receivedAttachments';
import { createAccountService } from '../../../ts/backend/services/account';
import { createConfigSync } from '../../../ts/backend/services/configSync';
import { createConversationsService } from '../../../ts/backend/services/conversations';
import { createFollowUps } from '../../../ts/backend/services/followUps';
import { attachmentMessageContent, profileFields, textContent } from '../../../ts/backend/services/outbox';
import {
  buildAttachmentPointer,
  buildFileUrl,
  buildSyncContent,
  bytesToBase64Unpadded,
  bytesToHex,
  encodeContent,
  identityFromRecoverySeed,
  loadProtocol,
  quoteField,
  reactionContent,
  type AttachmentPointerProps,
  type ContentProps,
} from '../../../ts/protocol';
import { MAINNET_FILE_SERVER } from '../../../ts/network/config';
import type { GeneratedProfile, ProfileSpec } from './api';
import { HISTORY_END_MS, HISTORY_SPAN_MS, Rng, STREAM, TextWriter, buildVocabulary, chooseSearchTerms, contactName, planHistory } from './plan';

/** Bumped whenever the generator writes anything differently: a cached profile of another version is rewritten. */
export const GENERATOR_VERSION = 5;
/** The marker written last into the data directory: the spec, the generator version and the result. */
export const MARKER_FILE = 'bench-profile.json';

export interface EnsureProfileOptions {
  /** The data directory (default bench/.cache/profile-<messages>-<conversations>-<seed> in the repository). */
  cacheDir?: string;
  /** Rewrite even when a complete profile of this spec is cached. */
  force?: boolean;
  /** Progress lines (no secrets). */
  log?: (line: string) => void;
  /**
   * How the bulk load treats the message indexes and the full-text index (for measuring the generator
   * itself). Either way the schema ends as the migrations made it.
   */
  load?: LoadStrategy;
}

export interface LoadStrategy {
  /** Drop the message indexes before the load and build them once after it (else: maintained per row). */
  buildIndexesAfter: boolean;
  /** Index each load batch's messages with one statement (the store's search batch) and merge the index once after the load (else: row by row). */
  rebuildFts: boolean;
}

/**
 * Measured on 100,000 messages (2 shared cores, load 11), when the full-text index was filled in one statement
 * after the load: indexes and FTS built after the load 6.6 s CPU in all; indexes built after, FTS row by row
 * 11.1 s; both maintained per row 12.4 s.
 */
export const DEFAULT_LOAD: LoadStrategy = { buildIndexesAfter: true, rebuildFts: true };

interface Marker {
  version: number;
  spec: ProfileSpec;
  result: Omit<GeneratedProfile, 'dataDir' | 'generated' | 'generateMs'> & { generateMs: number };
}

/** Messages per write transaction (progress is reported per batch). */
const BATCH = 50_000;
const ATTACHMENT_SHARE = 0.02;
const REACTION_SHARE = 0.01;
const QUOTE_SHARE = 0.01;
const DAY_MS = 24 * 60 * 60 * 1000;
const EMOJIS = ['👍', '❤️', '😂', '😮', '😢', '🙏', '🔥', '🎉'];

/** The repository root: the nearest folder above this module (source or bundle) with a package.json. */
function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

export function defaultCacheDir(spec: ProfileSpec): string {
  return path.join(repoRoot(), 'bench', '.cache', `profile-${spec.messages}-${spec.conversations}-${spec.seed}`);
}

/** The profile folder inside a data directory (the web host's default network and profile). */
export function profileDirOf(dataDir: string): string {
  return resolveProfileDir(dataDir, resolveNetwork({}).folder, DEFAULT_PROFILE);
}

function checkSpec(spec: ProfileSpec): void {
  const int = (v: number, min: number, what: string): void => {
    if (!Number.isSafeInteger(v) || v < min) throw new Error(`The profile's ${what} must be an integer of at least ${min} (got ${String(v)}).`);
  };
  int(spec.conversations, 1, 'conversation count');
  if (spec.conversations > 65_535) throw new Error('The profile generator supports at most 65,535 conversations.');
  int(spec.messages, spec.conversations, 'message count (at least one per conversation)');
  int(spec.seed, 0, 'seed');
}

const markerSchema = z.object({
  version: z.number(),
  spec: z.object({ messages: z.number(), conversations: z.number(), seed: z.number() }),
  result: z.object({
    sessionId: z.string(),
    conversationIds: z.array(z.string()),
    messagesPerConversation: z.array(z.number()),
    searchTerms: z.object({ rare: z.string(), common: z.string(), prefix: z.string(), phrase: z.string() }),
    generateMs: z.number(),
  }),
});

/** The marker of a complete profile; undefined when there is none or it is unreadable (then the profile is written again). */
function readMarker(dataDir: string): Marker | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(path.join(dataDir, MARKER_FILE), 'utf8'));
  } catch {
    return undefined;
  }
  const parsed = markerSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

function sameSpec(a: ProfileSpec, b: ProfileSpec): boolean {
  return a.messages === b.messages && a.conversations === b.conversations && a.seed === b.seed;
}

/**
 * The folder is replaced only when it is empty or one of ours (it holds a marker): `--out` pointed at a real
 * data directory must never wipe someone's profile.
 */
function refuseForeignFolder(dataDir: string): void {
  let entries: string[];
  try {
    entries = fs.readdirSync(dataDir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR') throw new Error(`${dataDir} is a file, not a folder; choose a folder for the profile.`, { cause: err });
    throw err;
  }
  if (entries.length > 0 && !entries.includes(MARKER_FILE)) {
    throw new Error(`${dataDir} already exists and is not a generated bench profile (it has no ${MARKER_FILE}); choose another folder or remove it yourself.`);
  }
}

/** Removes what interrupted runs (their process gone) left beside the target. */
function removeAbandonedPartials(dataDir: string): void {
  const parent = path.dirname(dataDir);
  const prefix = `${path.basename(dataDir)}.partial-`;
  let names: string[];
  try {
    names = fs.readdirSync(parent).filter((n) => n.startsWith(prefix));
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(name.slice(prefix.length));
    if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
      continue; // still running: another generator is writing it
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ESRCH') continue;
    }
    fs.rmSync(path.join(parent, name), { recursive: true, force: true });
  }
}

/**
 * Returns the profile of `spec`, generating it unless a complete one (its marker names this spec and
 * generator version, and its database is there) is cached in the data directory.
 */
export async function ensureProfile(spec: ProfileSpec, opts: EnsureProfileOptions = {}): Promise<GeneratedProfile> {
  checkSpec(spec);
  const dataDir = path.resolve(opts.cacheDir ?? defaultCacheDir(spec));
  const log = opts.log ?? (() => undefined);
  const marker = readMarker(dataDir);
  if (
    !opts.force &&
    marker !== undefined &&
    marker.version === GENERATOR_VERSION &&
    sameSpec(marker.spec, spec) &&
    fs.existsSync(path.join(profileDirOf(dataDir), DATABASE_FILE))
  ) {
    log(`profile: reusing ${dataDir}`);
    return { ...marker.result, dataDir, generated: false, generateMs: 0 };
  }
  refuseForeignFolder(dataDir);
  removeAbandonedPartials(dataDir);
  // Written beside the target and renamed into place: an interrupted run never looks complete.
  const partial = `${dataDir}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true, mode: 0o700 });
  const t0 = performance.now();
  let result: Omit<Marker['result'], 'generateMs'>;
  try {
    result = await writeProfile(partial, spec, log, opts.load ?? DEFAULT_LOAD);
  } catch (err) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw err;
  }
  const generateMs = Math.round(performance.now() - t0);
  const done: Marker = { version: GENERATOR_VERSION, spec: { messages: spec.messages, conversations: spec.conversations, seed: spec.seed }, result: { ...result, generateMs } };
  fs.writeFileSync(path.join(partial, MARKER_FILE), JSON.stringify(done, null, 2) + '\n');
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  fs.renameSync(partial, dataDir);
  log(`profile: wrote ${spec.messages} messages in ${spec.conversations} conversations to ${dataDir} in ${(generateMs / 1000).toFixed(1)} s`);
  return { ...result, dataDir, generated: true, generateMs };
}

/**
 * The recovery seeds of a profile's account and of its contacts (in conversationIds order), derived from the
 * spec's seed: a benchmark can act as any of them (identityFromRecoverySeed). Public test keys, never secrets.
 */
export function profileSeeds(spec: ProfileSpec): { account: Uint8Array; contacts: Uint8Array[] } {
  const keys = new Rng(spec.seed, STREAM.keys);
  const account = keys.bytes(16);
  const contacts = Array.from({ length: spec.conversations }, () => keys.bytes(16));
  return { account, contacts };
}

/**
 * Copies a generated profile's data directory to `toDir` (replacing what is there) and returns the copy,
 * for a benchmark that writes into the profile (a catch-up burst): the cached original stays as generated.
 * The profile must not be open (its WAL is empty then, so the copy is the database file and its key).
 */
export function copyProfile(profile: GeneratedProfile, toDir: string): GeneratedProfile {
  const dest = path.resolve(toDir);
  fs.rmSync(dest, { recursive: true, force: true });
  // Never the lock file: a copy is a profile of its own, free to open.
  fs.cpSync(profile.dataDir, dest, { recursive: true, filter: (src) => path.basename(src) !== LOCK_FILE });
  return { ...profile, dataDir: dest };
}

/** The schema objects dropped for the bulk load and made again (same SQL) after it. */
function dropForBulkLoad(db: Db, load: LoadStrategy): string[] {
  const rows = db
    .prepare<[], { type: string; name: string; sql: string }>(
      `SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND type = 'index' AND tbl_name = 'messages'`,
    )
    .all()
    .filter(() => load.buildIndexesAfter);
  for (const r of rows) db.exec(`DROP INDEX ${r.name}`);
  return rows.map((r) => r.sql);
}

async function writeProfile(dataDir: string, spec: ProfileSpec, log: (line: string) => void, load: LoadStrategy): Promise<Omit<Marker['result'], 'generateMs'>> {
  await loadProtocol();
  const tPlan = performance.now();
  const plan = planHistory(spec);
  const vocab = buildVocabulary(spec.seed);
  log(`profile: planned ${spec.messages} messages in ${spec.conversations} conversations (${Math.round(performance.now() - tPlan)} ms)`);

  const profileDir = profileDirOf(dataDir);
  fs.mkdirSync(profileDir, { recursive: true, mode: 0o700 });
  const dbFile = path.join(profileDir, DATABASE_FILE);
  // The database key is a real secret (it protects the file), never derived from the public seed.
  const key = loadOrCreateDatabaseKey(profileDir, { databaseExists: false, randomBytes: (n) => new Uint8Array(nodeRandomBytes(n)) });
  const db = openEncryptedDatabase(dbFile, key);
  key.fill(0);
  try {
    runMigrations(db, MIGRATIONS);
    const result = fill(db, spec, plan, vocab, log, load);
    return result;
  } finally {
    db.close();
  }
}

function fill(
  db: Db,
  spec: ProfileSpec,
  plan: ReturnType<typeof planHistory>,
  vocab: ReturnType<typeof buildVocabulary>,
  log: (line: string) => void,
  load: LoadStrategy,
): Omit<Marker['result'], 'generateMs'> {
  const seeds = profileSeeds(spec);
  const extras = new Rng(spec.seed, STREAM.extras);
  const text = new TextWriter(vocab, new Rng(spec.seed, STREAM.text));
  const C = spec.conversations;
  const N = spec.messages;
  let clock = HISTORY_END_MS - HISTORY_SPAN_MS - DAY_MS;
  const now = (): number => clock;

  // --- the account, as the account service creates it (seeded, so its Session ID is reproducible) ---
  const events = createEventBus(silentLogger);
  const account = createAccountService({ store: createAccountStore(db), events, log: silentLogger, now, randomBytes: (n) => seeds.account.slice(0, n) });
  const displayName = `Bench ${spec.seed}`;
  account.create(displayName);
  // A profile used for years has long had its recovery password saved.
  account.dismissRecoveryBanner();
  const identity = account.identity();
  if (!identity) throw new Error('The account was not created.');
  const me = identity.sessionId;

  const tConfig = performance.now();
  // --- contacts: real key pairs from seeded recovery seeds, so a bench can write as any of them ---
  const contactIds: string[] = [];
  const names: string[] = [];
  for (let c = 0; c < C; c++) {
    contactIds.push(identityFromRecoverySeed(seeds.contacts[c] as Uint8Array).sessionId);
    names.push(contactName(extras));
  }

  // --- conversations and config state through the backend's own services ---
  const progress = createTransferProgress();
  const conversationStore = createConversationStore(db, progress);
  const messageStore = createMessageStore(db, progress);
  const conversations = createConversationsService({
    store: conversationStore,
    messages: messageStore,
    pages: createMessagePageStore(db, progress),
    events,
    now,
    db,
    ownId: () => me,
  });
  const configSync = createConfigSync({
    db,
    store: createConfigStateStore(db),
    inbox: createConfigInboxStore(db),
    // No window listens: the list snapshots config sync builds for its change events (one full list per
    // change, 20 ms each with 1,000 conversations) are skipped; the configs, dumps and caches are not.
    conversations: { ...conversations, list: () => [], summaries: () => [] },
    messages: messageStore,
    account,
    events,
    log: silentLogger,
    now,
    network: () => undefined,
    followUps: createFollowUps(),
  });
  configSync.start(identity);
  const first = new Float64Array(C).fill(Infinity);
  const last = new Float64Array(C);
  for (let i = 0; i < N; i++) {
    const c = plan.conv[i] as number;
    const t = plan.sentAt[i] as number;
    if (t < (first[c] as number)) first[c] = t;
    if (t > (last[c] as number)) last[c] = t;
  }
  db.transaction(() => {
    for (let c = 0; c < C; c++) {
      const id = contactIds[c] as string;
      clock = first[c] as number;
      // What the receiver and the sender do for the first message of a conversation: the row, then the
      // contact (approved both ways: these are accepted conversations) through the Contacts config.
      conversationStore.touch(id, 'private', clock);
      conversationStore.touch(id, 'private', last[c] as number);
      configSync.contactSeen(id, { isApproved: true, didApproveMe: true, profileName: names[c] as string });
    }
  })();
  clock = HISTORY_END_MS;
  for (const p of plan.conversations) if (p.pinned) configSync.setPinned(contactIds[p.index] as string, true);
  // Read positions (ConvoInfoVolatile; like libsession, positions older than 30 days are not stored, so
  // for those the messages' own read status carries it, as in a real profile).
  clock = HISTORY_END_MS + 60 * 60 * 1000;
  for (let c = 0; c < C; c++) {
    const at = plan.lastReadAt[c] as number;
    if (at > 0) configSync.markRead(contactIds[c] as string, at);
  }
  configSync.stop();
  log(`profile: account, ${C} contacts and their config state written (${Math.round(performance.now() - tConfig)} ms)`);

  // --- the bulk load ---
  const recreate = dropForBulkLoad(db, load);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const attachmentQueue = createAttachmentQueue(db);
  const reactions = createReactionStore(db);
  const received = createReceivedContentStore(db);

  const ownProfile = { displayName, updatedSeconds: 0 };
  const hash = (): string => bytesToBase64Unpadded(extras.bytes(32));
  // Received ids: a random 8-byte prefix per receiver (one per app start) and a counter (receiver.ts).
  let idPrefix = bytesToHex(extras.bytes(8));
  let idCounter = 0;
  let prefixLeft = 2_000 + extras.int(8_000);
  // Recent messages per conversation, for quotes and reactions: [sentAt, outgoing] of the last 16.
  const RECENT = 16;
  const recentAt = new Float64Array(C * RECENT);
  const recentOut = new Uint8Array(C * RECENT);
  const recentCount = new Uint32Array(C);
  const reactionKeys = new Set<string>();
  let attachmentRows = 0;
  let reactionRows = 0;

  const pointersFor = (at: number): AttachmentPointerProps[] => {
    const count = extras.chance(0.85) ? 1 : 2 + extras.int(3);
    const out: AttachmentPointerProps[] = [];
    for (let k = 0; k < count; k++) {
      const kind = extras.next();
      const url = buildFileUrl(MAINNET_FILE_SERVER.url, bytesToBase64Unpadded(extras.bytes(24)).replace(/\+/g, '-').replace(/\//g, '_'));
      const common = { url, key: extras.bytes(64), digest: extras.bytes(32) };
      const stamp = new Date(at).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '_');
      if (kind < 0.65) {
        const portrait = extras.chance(0.6);
        const long = 1600 + extras.int(2500);
        const short = Math.round(long * (0.56 + extras.next() * 0.2));
        out.push(
          buildAttachmentPointer({
            ...common,
            contentType: 'image/jpeg',
            size: Math.round(extras.logNormal(350_000, 0.6)) + 1,
            width: portrait ? short : long,
            height: portrait ? long : short,
            ...(extras.chance(0.3) ? { fileName: `IMG_${stamp}.jpg` } : {}),
          }),
        );
      } else if (kind < 0.75) {
        out.push(buildAttachmentPointer({ ...common, contentType: 'image/png', size: Math.round(extras.logNormal(180_000, 0.8)) + 1, width: 1170, height: 2532, fileName: `Screenshot_${stamp}.png` }));
      } else if (kind < 0.85) {
        out.push(buildAttachmentPointer({ ...common, contentType: 'video/mp4', size: Math.round(extras.logNormal(4_000_000, 0.9)) + 1, width: 1280, height: 720, fileName: `VID_${stamp}.mp4` }));
      } else if (kind < 0.95) {
        out.push(buildAttachmentPointer({ ...common, contentType: 'audio/mpeg', size: Math.round(extras.logNormal(60_000, 0.7)) + 1, voice: true, fileName: `Voice_${stamp}.mp3` }));
      } else {
        out.push(buildAttachmentPointer({ ...common, contentType: 'application/pdf', size: Math.round(extras.logNormal(250_000, 1.0)) + 1, fileName: `${vocab.words[200 + extras.int(5000)] ?? 'document'}.pdf` }));
      }
    }
    return out;
  };

  const insertBatch = db.transaction((from: number, to: number) =>
    load.rebuildFts ? messageStore.searchBatch.run(() => insertMessages(from, to)) : insertMessages(from, to),
  );
  function insertMessages(from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const c = plan.conv[i] as number;
      const sentAt = plan.sentAt[i] as number;
      const outgoing = plan.outgoing[i] === 1;
      const local = plan.local[i] as number;
      const peer = contactIds[c] as string;
      const cp = plan.conversations[c] as (typeof plan.conversations)[number];
      const pointers = extras.chance(ATTACHMENT_SHARE) ? pointersFor(sentAt) : undefined;
      const body = text.body(pointers !== undefined);
      // A quote of one of the conversation's recent messages.
      const seen = recentCount[c] as number;
      let quote: { author: string; sentAt: number } | undefined;
      if (seen > 0 && extras.chance(QUOTE_SHARE)) {
        const back = extras.int(Math.min(seen, RECENT));
        const slot = c * RECENT + ((seen - 1 - back) % RECENT);
        quote = { author: recentOut[slot] === 1 ? me : peer, sentAt: recentAt[slot] as number };
      }
      // The Content as the sender's app builds it (outbox.ts): their profile part, disappearing off.
      const senderProfile = outgoing ? ownProfile : { displayName: names[c] as string, updatedSeconds: 0 };
      const sent: ContentProps = pointers ? attachmentMessageContent(body, pointers, profileFields(senderProfile)) : textContent(body, senderProfile);
      if (quote) sent.dataMessage = { ...sent.dataMessage, ...quoteField({ timestamp: quote.sentAt, author: quote.author }) };
      // Incoming: the Content as received. Ours: the sync copy's Content, attached when it came back from our swarm.
      const content = encodeContent({ ...(outgoing ? buildSyncContent(sent, peer) : sent), sigTimestamp: sentAt });
      let id: string;
      if (outgoing) id = bytesToHex(extras.bytes(16));
      else {
        if (prefixLeft-- <= 0) {
          idPrefix = bytesToHex(extras.bytes(8));
          idCounter = 0;
          prefixLeft = 2_000 + extras.int(8_000);
        }
        id = idPrefix + (idCounter++).toString(16).padStart(16, '0');
      }
      messageStore.insert({
        id,
        conversationId: peer,
        sender: outgoing ? me : peer,
        direction: outgoing ? 'outgoing' : 'incoming',
        body,
        sentAt,
        receivedAt: outgoing ? sentAt + extras.int(40) : sentAt + 300 + Math.round(extras.exp(4_000)),
        status: outgoing ? 'sent' : local <= cp.readUpTo ? 'read' : 'received',
        hash: hash(),
        content,
        ...(quote ? { quote } : {}),
      });
      if (outgoing) messageStore.setSyncHash(id, hash());
      if (pointers) {
        const rows = attachmentRowsFromPointers(pointers, { autoDownload: false, autoDownloadMaxBytes: 0 });
        attachmentQueue.insertReceived(id, rows);
        attachmentRows += rows.length;
      }
      // Reactions from either side, a little after the message.
      if (extras.chance(REACTION_SHARE)) {
        const count = extras.chance(0.3) ? 2 : 1;
        for (let k = 0; k < count; k++) {
          const reactor = k === 0 ? (outgoing ? peer : me) : outgoing ? me : peer;
          let at = sentAt + 1 + 2 * (1 + extras.int(600_000));
          while (reactionKeys.has(`${reactor}|${at}`)) at += 2;
          reactionKeys.add(`${reactor}|${at}`);
          const emoji = EMOJIS[extras.int(EMOJIS.length)] as string;
          const target = { sender: outgoing ? me : peer, sentAt };
          reactions.apply({ targetSender: target.sender, targetSentAt: sentAt, emoji, reactor, action: 'react', sentAt: at, conversationId: peer });
          if (reactor !== me) {
            // Received reactions keep their raw Content too (receiver.ts).
            const rc = encodeContent({
              ...reactionContent({ target: { timestamp: sentAt, author: target.sender }, emoji, action: 'react', profile: { profile: { displayName: names[c] as string } } }),
              sigTimestamp: at,
            });
            received.insert({ sender: reactor, sentAt: at, conversationId: peer, kind: 'reaction', content: rc, hash: hash(), receivedAt: at + 300 + Math.round(extras.exp(4_000)), target: { sender: target.sender, sentAt } });
          }
          reactionRows++;
        }
      }
      const slot = c * RECENT + (seen % RECENT);
      recentAt[slot] = sentAt;
      recentOut[slot] = outgoing ? 1 : 0;
      recentCount[c] = seen + 1;
    }
  }
  const tLoad = performance.now();
  const cpu0 = process.cpuUsage();
  const cpuS = (): string => {
    const c = process.cpuUsage(cpu0);
    return `${((c.user + c.system) / 1e6).toFixed(1)} s CPU`;
  };
  for (let from = 0; from < N; from += BATCH) {
    const to = Math.min(N, from + BATCH);
    insertBatch(from, to);
    const s = (performance.now() - tLoad) / 1000;
    log(`profile: ${to.toLocaleString('en')} / ${N.toLocaleString('en')} messages (${s.toFixed(1)} s, ${cpuS()}, ${Math.round(to / s).toLocaleString('en')} msgs/s)`);
  }
  // The one-time passes over history stored by older versions have nothing to do here: mark them done.
  const maxSeq = db.prepare<[], { m: number }>('SELECT max(seq) AS m FROM messages').get()?.m ?? 0;
  const cursor = db.prepare<[string, number]>('INSERT INTO consumer_cursors (consumer, last_seq) VALUES (?, ?) ON CONFLICT(consumer) DO UPDATE SET last_seq = excluded.last_seq');
  cursor.run(BACKFILL_CONSUMER, maxSeq);
  cursor.run(QUOTES_BACKFILL_CONSUMER, maxSeq);
  cursor.run(REACTIONS_BACKFILL_CONSUMER, 1);

  const tIndex = performance.now();
  for (const sql of recreate.filter((s) => /^CREATE (UNIQUE )?INDEX/i.test(s))) db.exec(sql);
  log(`profile: message indexes built (${((performance.now() - tIndex) / 1000).toFixed(1)} s; ${cpuS()} so far)`);
  const tFts = performance.now();
  // One segment per load batch so far: merged into one, as a rebuild would leave it.
  if (load.rebuildFts) db.exec(`INSERT INTO messages_fts (messages_fts) VALUES ('optimize')`);
  log(`profile: full-text index built (${((performance.now() - tFts) / 1000).toFixed(1)} s; ${cpuS()} so far)`);

  // Back to the app's settings: WAL, emptied into the database file.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('wal_checkpoint(TRUNCATE)');
  log(`profile: ${attachmentRows} attachment rows, ${reactionRows} reactions`);

  const order = plan.conversations.map((p) => p.index);
  return {
    sessionId: me,
    conversationIds: order.map((c) => contactIds[c] as string),
    messagesPerConversation: order.map((c) => (plan.conversations[c] as { size: number }).size),
    searchTerms: chooseSearchTerms(vocab, text, N),
  };
}
