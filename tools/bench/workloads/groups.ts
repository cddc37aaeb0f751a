// Groups v2 receive throughput (issue 16): 10,000 group messages (namespace 11, encrypted per spec advanced C.6
// by 500 members) through the groups decoder and the SAME receive pipeline as 1:1 messages, into an encrypted
// file database, next to 10,000 sealed 1:1 messages through the 1:1 pipeline (with its decrypt pool) measured in
// the same run. Target: the group rate at least 0.8x the 1:1 rate (ratio to the 1:1 floor at most 1.25).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../../ts/backend';
import { createConversationStore } from '../../../ts/backend/db/conversationStore';
import { openEncryptedDatabase, type Db } from '../../../ts/backend/db/database';
import { createMessageStore } from '../../../ts/backend/db/messageStore';
import { createReceivedContentStore } from '../../../ts/backend/db/receivedContentStore';
import { runMigrations } from '../../../ts/backend/db/migrate';
import { MIGRATIONS } from '../../../ts/backend/db/migrations';
import { createEventBus } from '../../../ts/backend/events';
import { createConversationsService } from '../../../ts/backend/services/conversations';
import { bundledDecryptWorkerFile, createDecryptPool, type DecryptPool } from '../../../ts/backend/services/decryptPool';
import { groupMessageDecoder } from '../../../ts/backend/services/groups';
import { createReceiver, type IncomingItem, type ProcessOptions, type Receiver } from '../../../ts/backend/services/receiver';
import {
  GroupKeys,
  encode1o1Message,
  encodeContent,
  generateGroupKeys,
  identityFromRecoverySeed,
  loadProtocol,
  secureRandom,
  wrapGroupEnvelope,
  type Identity,
} from '../../../ts/protocol';
import type { FigureResult, MeasureContext, WorkloadGroup } from './types';

const SENDERS = 500;
/** Items per retrieve, as the 1:1 receive figure (engine group). */
const BATCH = 250;
const count = (quick: boolean): number => (quick ? 1_000 : 10_000);
const rounds = (quick: boolean): number => (quick ? 1 : 3);

interface Fed {
  db: Db;
  dir: string;
  receiver: Receiver;
}

function openReceiver(me: Identity, pool: DecryptPool | undefined, groupId: string): Fed {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-groups-'));
  const db = openEncryptedDatabase(path.join(dir, 'session.db'), secureRandom(32));
  runMigrations(db, MIGRATIONS, silentLogger);
  const messages = createMessageStore(db);
  const conversations = createConversationStore(db);
  const events = createEventBus(silentLogger);
  const conversationsService = createConversationsService({ store: conversations, messages, events, now: Date.now });
  const receiver = createReceiver({
    db,
    identity: me,
    messages,
    received: createReceivedContentStore(db),
    conversations,
    conversationsService,
    events,
    log: silentLogger,
    now: Date.now,
    randomBytes: secureRandom,
    ...(pool ? { decryptPool: pool } : {}),
    // No Members list in this run: every author counts as a member (the check is one lookup either way).
    groups: { publicKey: () => undefined, isMember: () => true, isAdmin: () => false, nameOf: () => undefined, invitation: () => undefined },
  });
  void groupId;
  return { db, dir, receiver };
}

/** Feeds every item in poll-sized batches, the next handed over while the previous commits; returns ms. */
async function feed(fed: Fed, items: readonly Uint8Array[], pubkey: string, namespace: number, options?: ProcessOptions): Promise<number> {
  const t0 = performance.now();
  let inFlight: Promise<void> | undefined;
  for (let k = 0; k < items.length; k += BATCH) {
    const batch: IncomingItem[] = items.slice(k, k + BATCH).map((data, i) => ({ hash: `h${k + i}`, data, expiration: 1_900_000_000_000 }));
    const last = batch[batch.length - 1] as IncomingItem;
    const done = fed.receiver.process(batch, [{ node: 'bench-node', pubkey, namespace, hash: last.hash, expiresAt: last.expiration }], options).then((o) => {
      if (o.added.length !== batch.length) throw new Error(`stored ${o.added.length} of ${batch.length} messages (dropped ${o.dropped})`);
    });
    await inFlight;
    inFlight = done;
  }
  await inFlight;
  return performance.now() - t0;
}

async function measureGroupReceive(ctx: MeasureContext): Promise<FigureResult[]> {
  const n = count(ctx.quick);
  const me = identityFromRecoverySeed(new Uint8Array(16).fill(0xb1));
  const senders = Array.from({ length: SENDERS }, (_, i) => {
    const seed = new Uint8Array(16);
    new DataView(seed.buffer).setUint32(0, i + 7);
    return identityFromRecoverySeed(seed);
  });
  // The group: a rekey for us and the senders, loaded by us and by each sender (their own keys objects sign).
  const group = generateGroupKeys(secureRandom);
  const admin = new GroupKeys({ identity: senders[0] as Identity, group, admin: group });
  const rekey = admin.rekey([me.sessionId, ...senders.map((s) => s.sessionId)]);
  const mine = new GroupKeys({ identity: me, group });
  if (!mine.loadKeyMessage('bench-keys', rekey.message, Date.now()).ok) throw new Error('bench: keys message refused');
  const senderKeys = senders.map((s) => {
    const k = new GroupKeys({ identity: s, group });
    k.loadKeyMessage('bench-keys', rekey.message, Date.now());
    return k;
  });
  const t0 = 1_780_000_000_000;
  const body = (i: number): string => `bench message ${i}: the quick brown fox jumps over the lazy dog`;
  process.stderr.write(`bench: groups: encrypting ${n} group and ${n} 1:1 messages...\n`);
  const groupItems = Array.from({ length: n }, (_, i) => {
    const ts = t0 + i;
    const content = encodeContent({ dataMessage: { body: body(i), profile: { displayName: `Sender ${i % SENDERS}` } }, sigTimestamp: ts });
    return (senderKeys[i % SENDERS] as GroupKeys).encryptMessage(wrapGroupEnvelope({ content, timestampMs: ts }), { random: secureRandom });
  });
  const directItems = Array.from({ length: n }, (_, i) =>
    encode1o1Message({
      sender: senders[i % SENDERS] as Identity,
      recipient: me.sessionId,
      content: { dataMessage: { body: body(i), profile: { displayName: `Sender ${i % SENDERS}` } } },
      timestampMs: t0 + i,
      random: secureRandom,
    }).wrapper,
  );
  const pool = createDecryptPool({ identity: me, workerFile: bundledDecryptWorkerFile(__dirname) });
  await pool.decodeAsync(directItems.slice(0, BATCH));
  const best = { group: Infinity, direct: Infinity };
  const dirs: string[] = [];
  try {
    for (let r = 0; r < rounds(ctx.quick); r++) {
      // Alternated, each on a fresh database, so both see the same machine load.
      const g = openReceiver(me, pool, group.groupId);
      dirs.push(g.dir);
      best.group = Math.min(best.group, await feed(g, groupItems, group.groupId, 11, { decode: groupMessageDecoder(group.groupId, mine) }));
      g.db.close();
      const d = openReceiver(me, pool, group.groupId);
      dirs.push(d.dir);
      best.direct = Math.min(best.direct, await feed(d, directItems, me.sessionId, 0));
      d.db.close();
    }
  } finally {
    await pool.close();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  }
  const rate = (ms: number): number => (n * 1000) / ms;
  return [
    {
      name: 'group-receive',
      describe: `${n.toLocaleString('en-US')} group messages (namespace 11, ${SENDERS} authors, spec advanced C.6) decrypted and committed through the 1:1 receive pipeline, polls of ${BATCH}; target: at least 0.8x the 1:1 rate`,
      unit: 'msgs/s',
      value: rate(best.group),
      floor: {
        value: rate(best.direct),
        describe: `the same count of sealed 1:1 messages through the 1:1 pipeline and its decrypt pool (${pool.size} worker(s)), same run`,
      },
      target: { maxRatio: 1.25 },
      detail: { messages: n, batch: BATCH, senders: SENDERS, groupMs: Math.round(best.group), directMs: Math.round(best.direct), rounds: rounds(ctx.quick) },
    },
  ];
}

export const groupsGroup: WorkloadGroup = {
  name: 'groups',
  async setup() {
    await loadProtocol();
  },
  workloads: [{ name: 'group-receive', measure: measureGroupReceive }],
};
