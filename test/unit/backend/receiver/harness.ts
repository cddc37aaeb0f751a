// A receive pipeline on a real encrypted SQLite database with real libsodium, for the receiver tests:
// builds 1:1 items with the protocol encoder, runs them through the receiver, and records its events.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAttachmentQueue, type AttachmentQueue } from '../../../../ts/backend/db/attachmentQueue';
import { createConversationStore } from '../../../../ts/backend/db/conversationStore';
import { openEncryptedDatabase, type Db } from '../../../../ts/backend/db/database';
import { createMessageStore } from '../../../../ts/backend/db/messageStore';
import { runMigrations } from '../../../../ts/backend/db/migrate';
import { MIGRATIONS } from '../../../../ts/backend/db/migrations';
import { createReceivedContentStore } from '../../../../ts/backend/db/receivedContentStore';
import { createEventBus } from '../../../../ts/backend/events';
import { silentLogger } from '../../../../ts/backend/log';
import { DEFAULT_AUTO_DOWNLOAD_MAX_BYTES } from '../../../../ts/backend/media/receivedAttachments';
import { createConversationsService } from '../../../../ts/backend/services/conversations';
import { createExpirySweeper, type ExpirySweeper } from '../../../../ts/backend/services/expiry';
import { createReceiver, type IncomingItem, type Receiver, type ReceiveStores } from '../../../../ts/backend/services/receiver';
import type { EventName, EventPayloads } from '../../../../ts/ipc/contract';
import { encode1o1Message, secureRandom, type ContentProps, type Identity } from '../../../../ts/protocol';

export const SWARM_EXPIRY = 4_000_000_000_000;

export interface Harness extends ReceiveStores {
  dir: string;
  receiver: Receiver;
  sweeper: ExpirySweeper;
  attachmentQueue: AttachmentQueue;
  /** How many commits queued attachment downloads (the receiver's onQueued calls). */
  queuedCalls: { count: number };
  /** The fake clock every part reads. */
  clock: { now: number };
  /** Every event emitted, in order. */
  log: { [E in EventName]?: EventPayloads[E][] };
  /** Another receiver on the same stores, without attachments, with `extra` deps (hooks such as expirationChanged). */
  bareReceiver(extra?: Partial<Parameters<typeof createReceiver>[0]>): Receiver;
  close(): void;
}

export function openHarness(me: Identity, startAt: number, opts: { autoDownloadMaxBytes?: number } = {}): Harness {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'receiver-content-'));
  const db = openEncryptedDatabase(path.join(dir, 'session.db'), new Uint8Array(32).fill(9));
  runMigrations(db, MIGRATIONS, silentLogger);
  const clock = { now: startAt };
  const now = (): number => clock.now;
  const messages = createMessageStore(db);
  const received = createReceivedContentStore(db);
  const conversations = createConversationStore(db);
  const events = createEventBus(silentLogger);
  const log: Harness['log'] = {};
  for (const e of ['messages.added', 'messages.updated', 'messages.removed', 'conversations.updated'] as const) {
    events.on(e, (p: unknown) => {
      const list = (log[e] ??= []) as unknown[];
      list.push(p);
    });
  }
  const conversationsService = createConversationsService({ store: conversations, messages, events, now, db, ownId: () => me.sessionId });
  const attachmentQueue = createAttachmentQueue(db);
  const queuedCalls = { count: 0 };
  /** A receiver on these stores; `extra` adds deps (attachments, hooks such as expirationChanged). */
  const bareReceiver = (extra: Partial<Parameters<typeof createReceiver>[0]> = {}): Receiver =>
    createReceiver({
      db,
      identity: me,
      messages,
      received,
      conversations,
      conversationsService,
      events,
      log: silentLogger,
      now,
      randomBytes: secureRandom,
      ...extra,
    });
  const receiver = bareReceiver({
    attachments: {
      queue: attachmentQueue,
      autoDownloadMaxBytes: opts.autoDownloadMaxBytes ?? DEFAULT_AUTO_DOWNLOAD_MAX_BYTES,
      onQueued: () => {
        queuedCalls.count++;
      },
    },
  });
  const sweeper = createExpirySweeper({ db, messages, received, conversationsService, events, log: silentLogger, now });
  return {
    dir,
    db,
    messages,
    received,
    conversations,
    conversationsService,
    events,
    receiver,
    sweeper,
    attachmentQueue,
    queuedCalls,
    clock,
    log,
    bareReceiver,
    close() {
      sweeper.stop();
      if (db.open) db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

let hashCounter = 0;

/** One retrieved item: `content` from `sender` to `to` at `t`, under a fresh swarm hash. */
export function itemOf(sender: Identity, to: string, content: ContentProps, t: number): IncomingItem & { contentBytes: Uint8Array } {
  const out = encode1o1Message({ sender, recipient: to, content, timestampMs: t, random: secureRandom });
  return { hash: `hash-${++hashCounter}`, data: out.wrapper, expiration: SWARM_EXPIRY, contentBytes: out.contentBytes };
}

/** The stored row of a message, raw content included (what the UI never sees). */
export function messageRow(db: Db, sender: string, sentAt: number) {
  return db
    .prepare<[string, number], { id: string; conversation_id: string; body: string; content: Buffer | null; unsupported: string | null; expiration_type: string | null; expiration_timer: number | null; expires_at: number | null; seq: number }>(
      'SELECT id, conversation_id, body, content, unsupported, expiration_type, expiration_timer, expires_at, seq FROM messages WHERE sender = ? AND sent_at = ?',
    )
    .get(sender, sentAt);
}

/** Whether a word is still anywhere in the full-text index's pages (even where no query finds it). */
export function ftsPagesHold(db: Db, word: string): boolean {
  return (db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM messages_fts_data WHERE instr(block, ?) > 0').get(word) as { n: number }).n > 0;
}

/** Full-text hits for a word (the FTS index of message bodies). */
export function ftsHits(db: Db, word: string): number {
  return (db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH ?').get(`"${word}"`) as { n: number }).n;
}
