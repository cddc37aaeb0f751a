// Groups v2 receive throughput (issue 16): 10,000 group messages (namespace 11, encrypted per spec advanced C.6
// by 500 members) through the groups decoder and the SAME receive pipeline as 1:1 messages, into an encrypted
// file database, next to 10,000 sealed 1:1 messages through the 1:1 pipeline (with its decrypt pool) measured in
// the same run. Target: the group rate at least 0.8x the 1:1 rate (ratio to the 1:1 floor at most 1.25).
// Admin side (issue 17): `admin-rekey-100`, an admin's rekey of a 100-member group (the keys message and Info and
// Members re-pushed under the new key, spec advanced C.5) next to 100 raw key wrappings (X25519 + BLAKE2b +
// XChaCha20-Poly1305 each) measured in the same run, target < 200 ms; `admin-send-100`, the store requests one
// message costs in a 100-member group created through the engine on a devnet, target: one.
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
import { openBackend, type Backend } from '../../../ts/backend';
import type { NetworkFactoryArgs } from '../../../ts/backend/services/engine';
import type { EngineNetwork } from '../../../ts/backend/services/engineNetwork';
import { SessionNetwork } from '../../../ts/network';
import { startDevnet } from '../../devnet';
import { createReceiver, type IncomingItem, type ProcessOptions, type Receiver } from '../../../ts/backend/services/receiver';
import {
  GroupKeys,
  MEMBER_KEY_DOMAIN,
  createGroupState,
  encode1o1Message,
  encodeContent,
  generateGroupKeys,
  multiEncryptKey,
  rekeyGroup,
  xchachaSeal,
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

const ADMIN_MEMBERS = 100;
const rekeyRounds = (quick: boolean): number => (quick ? 5 : 30);

/** A 100-member rekey as an admin makes it, next to 100 raw key wrappings, alternated; medians. */
async function measureAdminRekey(ctx: MeasureContext): Promise<FigureResult[]> {
  const people = Array.from({ length: ADMIN_MEMBERS }, (_, i) => {
    const seed = new Uint8Array(16);
    new DataView(seed.buffer).setUint32(0, i + 1001);
    return identityFromRecoverySeed(seed);
  });
  const group = generateGroupKeys(secureRandom);
  const me = people[0] as Identity;
  const state = createGroupState({ identity: me, group, admin: group, swarmMerged: true });
  state.info.setName('Bench group');
  for (const p of people) state.members.setMember({ sessionId: p.sessionId, name: `Member ${p.sessionId.slice(2, 8)}`, picture: null, admin: p === me, inviteStatus: 0, promotionStatus: 0, removedStatus: 0, supplement: false });
  const ids = people.map((p) => p.sessionId);
  const xs = people.map((p) => p.x25519.publicKey);
  let now = 1_780_000_000_000;
  const rekeyOnce = (): number => {
    const t0 = performance.now();
    const r = rekeyGroup(state, ids);
    // Info and Members go out again under the new key with the keys message (one sequence).
    const info = state.info.push(now);
    const members = state.members.push(now);
    const ms = performance.now() - t0;
    state.info.confirmPushed(info.seqno, `i${now}`);
    state.members.confirmPushed(members.seqno, `m${now}`);
    state.keys.loadKeyMessage(`k${now}`, r.message, now);
    now += 1000;
    return ms;
  };
  const nonce = secureRandom(24);
  const key = secureRandom(32);
  const wrapOnce = (): number => {
    const t0 = performance.now();
    for (const x of xs) {
      const km = multiEncryptKey({ secretKey: group.x25519SecretKey, theirPublicKey: x, senderPublicKey: group.x25519PublicKey, recipientPublicKey: x, domain: MEMBER_KEY_DOMAIN });
      xchachaSeal(km, nonce, key);
    }
    return performance.now() - t0;
  };
  rekeyOnce();
  wrapOnce();
  const rekeys: number[] = [];
  const wraps: number[] = [];
  for (let i = 0; i < rekeyRounds(ctx.quick); i++) {
    rekeys.push(rekeyOnce());
    wraps.push(wrapOnce());
  }
  const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] as number;
  return [
    {
      name: 'admin-rekey-100',
      describe: `an admin's rekey of a ${ADMIN_MEMBERS}-member group: the keys message (a wrapped key per member, junk to 150 entries, signed) and Info and Members re-encrypted and signed for the push (median of ${rekeys.length}); target < 200 ms`,
      unit: 'ms',
      value: median(rekeys),
      floor: { value: median(wraps), describe: `${ADMIN_MEMBERS} raw key wrappings (X25519 + BLAKE2b + XChaCha20-Poly1305 of 32 bytes), same run` },
      target: { max: 200 },
      detail: { members: ADMIN_MEMBERS, rounds: rekeys.length, rekeyMs: Math.round(median(rekeys) * 100) / 100, wrapMs: Math.round(median(wraps) * 100) / 100 },
    },
  ];
}

const sendCount = (quick: boolean): number => (quick ? 3 : 10);

/** Store requests of one backend, by account and namespace (what it asks the network client for). */
interface StoreTap {
  stores: { pubkey: string; namespace: number }[];
  configs: { pubkey: string; count: number }[];
}

function tappedNetwork(tap: StoreTap): (args: NetworkFactoryArgs) => EngineNetwork {
  return (args) => {
    const net = new SessionNetwork({ config: args.config, store: args.store, ownPubkey: args.ownPubkey, now: args.now, randomBytes: args.randomBytes });
    const engineNet: EngineNetwork = net;
    const store = net.storeMessage.bind(net);
    engineNet.storeMessage = (pubkey, namespace, ...rest) => {
      tap.stores.push({ pubkey, namespace });
      return store(pubkey, namespace, ...rest);
    };
    const storeConfig = net.storeConfig.bind(net);
    engineNet.storeConfig = (signer, stores, ...rest) => {
      tap.configs.push({ pubkey: signer.pubkey, count: stores.length });
      return storeConfig(signer, stores, ...rest);
    };
    return engineNet;
  };
}

/** Sends messages in a 100-member group made through the engine on a devnet; counts the group stores per message. */
async function measureAdminSend(ctx: MeasureContext): Promise<FigureResult[]> {
  const devnet = await startDevnet({ nodes: 9, swarmSize: 3, noSogs: true, unref: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-group-send-'));
  const tap: StoreTap = { stores: [], configs: [] };
  let backend: Backend | undefined;
  try {
    backend = await openBackend({
      dataDir: dir,
      profile: 'admin',
      seedUrl: devnet.info.seedUrl,
      host: 'cli',
      appVersion: '0.0.0-bench',
      logger: silentLogger,
      engine: { pollIntervalMs: 60_000, configPushDelayMs: 0, createNetwork: tappedNetwork(tap) },
    });
    await backend.handlers['account.create']({ displayName: 'Bench admin' });
    const b = backend;
    const retry = async <T>(what: string, fn: () => T | Promise<T>): Promise<T> => {
      for (let i = 0; ; i++) {
        try {
          return await fn();
        } catch (err) {
          if (i >= 50) throw new Error(`bench: ${what} failed: ${err instanceof Error ? err.message : String(err)}`);
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    };
    await retry('the first poll', () => b.handlers['sync.pollNow']({}));
    const invitees = Array.from({ length: ADMIN_MEMBERS - 1 }, (_, i) => {
      const seed = new Uint8Array(16);
      new DataView(seed.buffer).setUint32(0, i + 5001);
      return identityFromRecoverySeed(seed).sessionId;
    });
    const group = await retry('creating the group', () => b.handlers['groups.create']({ name: 'Bench group', members: invitees }));
    if (group.group?.memberCount !== ADMIN_MEMBERS) throw new Error(`bench: the group has ${group.group?.memberCount} members`);
    const n = sendCount(ctx.quick);
    const before = { stores: tap.stores.length, configs: tap.configs.length };
    for (let i = 0; i < n; i++) {
      const sent = await b.handlers['messages.send']({ to: group.id, text: `bench group message ${i}` });
      for (let k = 0; ; k++) {
        const m = (await b.handlers['messages.list']({ conversationId: group.id, limit: 50 })).find((x) => x.id === sent.id);
        if (m?.status === 'sent') break;
        if (m?.status === 'failed' || k > 600) throw new Error(`bench: group message ${i} was not sent`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    const groupStores = tap.stores.slice(before.stores).filter((s) => s.pubkey === group.id).length;
    const groupConfigs = tap.configs.slice(before.configs).filter((c) => c.pubkey === group.id).length;
    const perMessage = (groupStores + groupConfigs) / n;
    return [
      {
        name: 'admin-send-100',
        describe: `store requests to the group's swarm per message sent by its admin in a ${ADMIN_MEMBERS}-member group (engine on a devnet, ${n} messages, each awaited as sent); target: one`,
        unit: 'requests per message',
        value: perMessage,
        target: { atMost: 1 },
        detail: { messages: n, groupStores, groupConfigPushes: groupConfigs, members: ADMIN_MEMBERS },
      },
    ];
  } finally {
    await backend?.close();
    await devnet.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const groupsGroup: WorkloadGroup = {
  name: 'groups',
  async setup() {
    await loadProtocol();
  },
  workloads: [
    { name: 'group-receive', measure: measureGroupReceive },
    { name: 'admin-rekey-100', measure: measureAdminRekey },
    { name: 'admin-send-100', measure: measureAdminSend },
  ],
};
