// Read receipts (spec messaging §6.8). Sending: when the user reads a conversation, one receipt lists the sent
// timestamps of the incoming messages that reading newly marked read; only with our `readReceipts` setting on,
// and only in an approved private chat that is not blocked (never a request we have not accepted, never note
// to self). It is a control outbox row to the peer only (not synced), TTL 14 days. Receiving (receiver.ts,
// through ReceivedSignals): applied only when our own setting is on, so receipts are reciprocal.
import { encode1o1Message, readReceiptContent, type Identity } from '../../protocol';
import type { ConversationStore } from '../db/conversationStore';
import type { Db } from '../db/database';
import type { MessageStore } from '../db/messageStore';
import { createReceiptStore } from '../db/receiptStore';
import type { Logger } from '../log';
import type { ConversationsService } from './conversations';
import { CONTENT_TTL_MS } from './outbox';

/** What the receiver asks about incoming receipts and typing indicators. */
export interface ReceivedSignals {
  /** Whether our read-receipt setting is on (incoming receipts are applied only then). */
  readReceipts(): boolean;
  /**
   * A typing indicator from `sender` (not us, not blocked), told after its batch committed; `valid` is false
   * when its timestamp differs from the envelope's (such an indicator is dropped).
   */
  typing?(sender: string, started: boolean, valid: boolean): void;
}

/** Timestamps per receipt: a long unread backlog goes in several receipts, each well under the store size limit. */
export const MAX_RECEIPT_TIMESTAMPS = 1000;

export interface ReadReceipts {
  /**
   * Runs `markRead` (a read position moving in `conversationId`) and queues a receipt for the incoming
   * messages it newly marked read, when the setting and the conversation allow.
   */
  afterRead<T>(conversationId: string, markRead: () => T): T;
}

export interface ReceiptRuntime {
  networkNow(): number;
  kickOutbox(): void;
}

export function createReadReceipts(d: {
  db: Db;
  messages: MessageStore;
  conversations: Pick<ConversationStore, 'contact'>;
  /** Our `readReceipts` setting. */
  enabled: () => boolean;
  identity: () => Identity | undefined;
  runtime: () => ReceiptRuntime | undefined;
  now: () => number;
  randomBytes: (n: number) => Uint8Array;
  log: Logger;
}): ReadReceipts {
  const store = createReceiptStore(d.db);

  /** Whether a receipt may go to this conversation's peer (spec messaging §6.8, §6.11). */
  const allowed = (conversationId: string, me: string): boolean => {
    if (conversationId === me || !conversationId.startsWith('05')) return false;
    const c = d.conversations.contact(conversationId);
    return c !== undefined && c.isApproved && !c.isBlocked;
  };

  const queue = d.db.transaction((identity: Identity, peer: string, sentAts: readonly number[], firstT: number): void => {
    for (let i = 0; i * MAX_RECEIPT_TIMESTAMPS < sentAts.length; i++) {
      const sentAt = firstT + i;
      const part = sentAts.slice(i * MAX_RECEIPT_TIMESTAMPS, (i + 1) * MAX_RECEIPT_TIMESTAMPS);
      const data = encode1o1Message({ sender: identity, recipient: peer, content: readReceiptContent(part), timestampMs: sentAt, random: d.randomBytes }).wrapper;
      d.messages.enqueueEncoded({ label: 'read-receipt', destination: peer, sentAt, data, ttlMs: CONTENT_TTL_MS, nextAttemptAt: 0 });
    }
  });

  return {
    afterRead(conversationId, markRead) {
      const identity = d.identity();
      const send = identity !== undefined && d.enabled() && allowed(conversationId, identity.sessionId);
      const before = send ? store.unreadIncoming(conversationId) : [];
      const result = markRead();
      if (!identity || before.length === 0) return result;
      const read = store.readAmong(before.map((m) => m.id));
      if (read.length === 0) return result;
      const rt = d.runtime();
      const me = identity.sessionId;
      const firstT = Math.max(Math.trunc(rt ? rt.networkNow() : d.now()), d.messages.maxSentAt(me) + 1);
      try {
        queue(identity, conversationId, read.map((m) => m.sentAt), firstT);
      } catch (err) {
        // The read position moved already; a receipt that could not be queued is only a courtesy lost.
        d.log.warn('receipts: queueing a read receipt failed', err);
        return result;
      }
      rt?.kickOutbox();
      return result;
    },
  };
}

/**
 * The conversations service whose read-position changes (markRead, markReadUpTo) send receipts. Its methods are
 * closures (no `this`), so the others are taken over as they are.
 */
export function withReadReceipts(service: ConversationsService, receipts: () => ReadReceipts | undefined): ConversationsService {
  return {
    ...service,
    markRead: (id) => {
      const r = receipts();
      return r ? r.afterRead(id, () => service.markRead(id)) : service.markRead(id);
    },
    markReadUpTo: (id, messageId) => {
      const r = receipts();
      return r ? r.afterRead(id, () => service.markReadUpTo(id, messageId)) : service.markReadUpTo(id, messageId);
    },
  };
}
