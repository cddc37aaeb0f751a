// The receive pipeline: decrypts and verifies retrieved items, drops invalid input (counted and logged by
// kind, never by content), dedupes by hash and by (sender, timestamp), and commits messages, conversation
// updates, seen hashes and last hashes in ONE transaction per poll, then emits one event batch.
import type { ConversationKind, MessageView } from '../../ipc/contract';
import { SignalService, bytesToHex, decode1o1Message, type Identity, type Incoming1o1 } from '../../protocol';
import type { ConversationStore } from '../db/conversationStore';
import type { Db } from '../db/database';
import type { LastHash, MessageStore } from '../db/messageStore';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import { createSenderKeyCache } from '../workers/senderKeyCache';
import type { ConversationsService } from './conversations';

/** Receivers truncate bodies to this many code points (spec messaging §5.4 step 10). */
export const MAX_BODY_CODE_POINTS = 10_000;
const MAX_ATTACHMENTS = 32;

export interface IncomingItem {
  hash: string;
  data: Uint8Array;
  /** Swarm expiry (ms); the seen-hash entry lives as long. */
  expiration: number;
}

export interface ReceiveOutcome {
  /** Visible messages stored by this batch. */
  added: MessageView[];
  /** Items that failed decoding or the message rules. */
  dropped: number;
  /** Items already processed (by hash or by sender and timestamp). */
  duplicates: number;
  /** Valid items that are not visible messages (receipts, typing, reactions, ...). */
  ignored: number;
}

export interface ReceiverStats {
  processed: number;
  added: number;
  dropped: number;
  duplicates: number;
  ignored: number;
  /** Drops per reason (protocol error kind or rule name). */
  dropReasons: Record<string, number>;
}

export interface Receiver {
  /**
   * Processes one poll's items and last-hash updates atomically. Decoding runs on the pool's workers when
   * there is a pool; calls commit in call order, so a caller may hand over the next batch before the
   * previous one has committed (its decryption then overlaps that commit). When a batch fails, the batches
   * handed over before its failure fail too, uncommitted (their last hashes would skip its items); later
   * calls run normally.
   */
  process(items: readonly IncomingItem[], lastHashes: readonly LastHash[]): Promise<ReceiveOutcome>;
  readonly stats: ReceiverStats;
}

/** Cuts a string to at most `max` Unicode code points without splitting a surrogate pair. */
export function truncateCodePoints(s: string, max: number): string {
  if (s.length <= max) return s;
  let count = 0;
  let i = 0;
  while (i < s.length && count < max) {
    const c = s.codePointAt(i) as number;
    i += c > 0xffff ? 2 : 1;
    count++;
  }
  return s.slice(0, i);
}

type Decoded = ReturnType<typeof decode1o1Message>;

type Decision =
  | { kind: 'message'; conversationId: string; conversationKind: ConversationKind; direction: 'incoming' | 'outgoing'; body: string; profileName?: string }
  | { kind: 'approval'; sender: string; profileName?: string }
  | { kind: 'ignore'; reason: string }
  | { kind: 'drop'; reason: string };

function classify(me: string, m: Incoming1o1): Decision {
  const c = m.content;
  const fromMe = m.senderSessionId === me;
  if (c.dataMessage) {
    const dm = c.dataMessage;
    const flags = dm.flags ?? 0;
    if (flags !== 0 && flags !== SignalService.DataMessage.Flags.EXPIRATION_TIMER_UPDATE) return { kind: 'drop', reason: 'unknown_flags' };
    if ((dm.attachments?.length ?? 0) > MAX_ATTACHMENTS) return { kind: 'drop', reason: 'too_many_attachments' };
    if (dm.groupUpdateMessage) return { kind: 'ignore', reason: 'group_update' };
    if (fromMe && m.syncTarget === undefined) return { kind: 'drop', reason: 'self_without_sync_target' };
    if (dm.reaction) return { kind: 'ignore', reason: 'reaction' };
    if (flags === SignalService.DataMessage.Flags.EXPIRATION_TIMER_UPDATE) return { kind: 'ignore', reason: 'expiration_update' };
    const body = typeof dm.body === 'string' ? dm.body : '';
    if (body === '') return { kind: 'ignore', reason: 'no_text' };
    const profileName = !fromMe && dm.profile?.displayName ? dm.profile.displayName : undefined;
    return {
      kind: 'message',
      conversationId: m.conversationId,
      conversationKind: m.conversationId === me ? 'note-to-self' : 'private',
      direction: fromMe ? 'outgoing' : 'incoming',
      body: truncateCodePoints(body, MAX_BODY_CODE_POINTS),
      ...(profileName !== undefined ? { profileName } : {}),
    };
  }
  if (c.messageRequestResponse) {
    if (!c.messageRequestResponse.isApproved || fromMe) return { kind: 'drop', reason: 'request_response_not_approved' };
    const name = c.messageRequestResponse.profile?.displayName;
    return { kind: 'approval', sender: m.senderSessionId, ...(name ? { profileName: name } : {}) };
  }
  if (c.receiptMessage) return { kind: 'ignore', reason: 'receipt' };
  if (c.typingMessage) return { kind: 'ignore', reason: 'typing' };
  if (c.dataExtractionNotification) return { kind: 'ignore', reason: 'data_extraction' };
  if (c.unsendRequest) return { kind: 'ignore', reason: 'unsend' };
  if (c.callMessage) return { kind: 'ignore', reason: 'call' };
  return { kind: 'drop', reason: 'unsupported_content' };
}

export function createReceiver(d: {
  db: Db;
  identity: Identity;
  messages: MessageStore;
  conversations: ConversationStore;
  conversationsService: ConversationsService;
  events: EventBus;
  log: Logger;
  now: () => number;
  randomBytes: (n: number) => Uint8Array;
  /** Decodes large batches on worker threads (same results, same order); absent: in-thread. */
  decryptPool?: { decodeAsync(datas: readonly Uint8Array[]): Promise<Decoded[]> };
}): Receiver {
  const me = d.identity.sessionId;
  const stats: ReceiverStats = { processed: 0, added: 0, dropped: 0, duplicates: 0, ignored: 0, dropReasons: {} };
  const drop = (reason: string, outcome: ReceiveOutcome): void => {
    outcome.dropped++;
    stats.dropReasons[reason] = (stats.dropReasons[reason] ?? 0) + 1;
  };

  // Message ids: a random 8-byte prefix per receiver and a counter (32 hex digits, like 16 random bytes).
  // Consecutive ids then land next to each other in the id index instead of on a random page each.
  const idPrefix = bytesToHex(d.randomBytes(8));
  let idCounter = 0;
  const nextId = (): string => idPrefix + (idCounter++).toString(16).padStart(16, '0');

  const commit = d.db.transaction(
    (decoded: { item: IncomingItem; result: Decoded }[], lastHashes: readonly LastHash[], outcome: ReceiveOutcome, changed: Set<string>) => {
      const receivedAt = d.now();
      // Per-batch caches: a busy poll holds many messages from the same few senders, so contact and
      // conversation rows are read and written once per batch instead of once per message.
      const contacts = new Map<string, { isBlocked: boolean; didApproveMe: boolean; isApproved: boolean; name?: string } | undefined>();
      const contactOf = (id: string) => {
        if (!contacts.has(id)) {
          // The stored profile name too: a message repeating it needs no contact write.
          const c = d.conversations.contact(id);
          contacts.set(id, c && { isBlocked: c.isBlocked, didApproveMe: c.didApproveMe, isApproved: c.isApproved, ...(c.profileName !== undefined ? { name: c.profileName } : {}) });
        }
        return contacts.get(id);
      };
      const touched = new Map<string, { kind: ConversationKind; first: number; latest: number }>();
      // Re-check inside the transaction (one query for the batch, whose hashes are distinct): an earlier
      // commit may have taken some meanwhile.
      const seen = d.messages.seenAmong(decoded.map((x) => x.item.hash));
      const unseen = decoded.filter((x) => !seen.has(x.item.hash));
      outcome.duplicates += decoded.length - unseen.length;
      // Every new hash is remembered, whatever its content turns out to be (dropped items are not retried).
      d.messages.markSeenMany(unseen.map((x) => ({ hash: x.item.hash, expiresAt: x.item.expiration })));
      // Messages already stored under their (sender, timestamp), in one query; this batch's own are added as stored.
      const stored = d.messages.existingAmong(unseen.flatMap((x) => (x.result.ok ? [{ sender: x.result.value.senderSessionId, sentAt: x.result.value.timestampMs }] : [])));
      for (const { item, result } of unseen) {
        if (!result.ok) {
          drop(result.error.kind, outcome);
          continue;
        }
        const m = result.value;
        const decision = classify(me, m);
        if (decision.kind === 'drop') {
          drop(decision.reason, outcome);
          continue;
        }
        if (decision.kind === 'ignore') {
          outcome.ignored++;
          continue;
        }
        const senderContact = contactOf(m.senderSessionId);
        if (m.senderSessionId !== me && senderContact?.isBlocked) {
          drop('blocked_sender', outcome);
          continue;
        }
        if (decision.kind === 'approval') {
          d.conversations.updateContact(decision.sender, { didApproveMe: true, ...(decision.profileName ? { profileName: decision.profileName } : {}) }, receivedAt);
          contacts.delete(decision.sender);
          if (d.conversations.get(decision.sender)) changed.add(decision.sender);
          outcome.ignored++;
          continue;
        }
        const identity = `${m.senderSessionId}|${m.timestampMs}`;
        if (stored.has(identity)) {
          outcome.duplicates++;
          continue;
        }
        stored.add(identity);
        const t = touched.get(decision.conversationId);
        if (t) t.latest = Math.max(t.latest, m.timestampMs);
        else {
          // The row must exist before its messages (foreign key); later ones only move updated_at.
          d.conversations.touch(decision.conversationId, decision.conversationKind, m.timestampMs);
          touched.set(decision.conversationId, { kind: decision.conversationKind, first: m.timestampMs, latest: m.timestampMs });
        }
        if (decision.conversationKind === 'private') {
          const c = contactOf(decision.conversationId);
          if (decision.direction === 'outgoing') {
            if (!c?.isApproved) d.conversations.updateContact(decision.conversationId, { isApproved: true }, receivedAt);
          } else if (!c?.didApproveMe || (decision.profileName !== undefined && decision.profileName !== c.name)) {
            d.conversations.updateContact(decision.conversationId, { didApproveMe: true, ...(decision.profileName ? { profileName: decision.profileName } : {}) }, receivedAt);
          }
          if (c) {
            if (decision.direction === 'outgoing') c.isApproved = true;
            else {
              c.didApproveMe = true;
              if (decision.profileName !== undefined) c.name = decision.profileName;
            }
          } else contacts.delete(decision.conversationId);
        }
        const view: MessageView = {
          id: nextId(),
          conversationId: decision.conversationId,
          sender: m.senderSessionId,
          direction: decision.direction,
          text: decision.body,
          timestamp: m.timestampMs,
          receivedAt,
          status: decision.direction === 'outgoing' ? 'sent' : 'received',
        };
        d.messages.insert({
          id: view.id,
          conversationId: view.conversationId,
          sender: view.sender,
          direction: view.direction,
          body: view.text,
          sentAt: view.timestamp,
          receivedAt,
          status: view.status,
          hash: item.hash,
        });
        outcome.added.push(view);
        changed.add(decision.conversationId);
      }
      for (const [id, t] of touched) if (t.latest > t.first) d.conversations.touch(id, t.kind, t.latest);
      for (const h of lastHashes) d.messages.saveLastHash(h);
    },
  );

  /** Settles once the latest call has committed (or failed): commits keep call order. */
  let tail: Promise<unknown> = Promise.resolve();
  /**
   * Bumped when a batch fails at its turn. A batch handed over before that failure is then refused too:
   * its items were retrieved after the failed batch's, so committing its last hashes would skip those.
   */
  let generation = 0;
  // Without a pool (tests) batches decode in this thread, with the same sender-key cache a worker keeps.
  const senderKeys = createSenderKeyCache();

  const decodeFresh = async (items: readonly IncomingItem[], outcome: ReceiveOutcome): Promise<{ item: IncomingItem; result: Decoded }[]> => {
    const seen = d.messages.seenAmong(items.map((item) => item.hash));
    const batchSeen = new Set<string>();
    const fresh: IncomingItem[] = [];
    for (const item of items) {
      if (batchSeen.has(item.hash) || seen.has(item.hash)) {
        outcome.duplicates++;
        continue;
      }
      batchSeen.add(item.hash);
      fresh.push(item);
    }
    // Crypto happens outside the transaction (on the pool's workers if any); only the writes hold the database.
    const datas = fresh.map((item) => item.data);
    const results = d.decryptPool ? await d.decryptPool.decodeAsync(datas) : datas.map((data) => decode1o1Message(d.identity, data, senderKeys.convert));
    return fresh.map((item, i) => ({ item, result: results[i] as Decoded }));
  };

  const run = async (items: readonly IncomingItem[], lastHashes: readonly LastHash[], previous: Promise<unknown>, batchGeneration: number): Promise<ReceiveOutcome> => {
    const outcome: ReceiveOutcome = { added: [], dropped: 0, duplicates: 0, ignored: 0 };
    // Decoding overlaps the previous batch's commit; its failure counts only at this batch's turn.
    const decoding = decodeFresh(items, outcome).then(
      (decoded) => ({ decoded }),
      (error: unknown) => ({ error }),
    );
    const [result] = await Promise.all([decoding, previous]);
    if (batchGeneration !== generation) throw new Error('receiver: an earlier batch failed; this one was not committed');
    const changed = new Set<string>();
    try {
      if ('error' in result) throw result.error;
      if (!d.db.open) throw new Error('receiver: the database closed before the batch was committed');
      const decoded = result.decoded;
      decoded.sort((a, b) => (a.result.ok ? a.result.value.timestampMs : 0) - (b.result.ok ? b.result.value.timestampMs : 0));
      commit(decoded, lastHashes, outcome, changed);
    } catch (err) {
      generation++;
      throw err;
    }
    stats.processed += items.length;
    stats.added += outcome.added.length;
    stats.dropped += outcome.dropped;
    stats.duplicates += outcome.duplicates;
    stats.ignored += outcome.ignored;
    if (outcome.dropped > 0) d.log.warn(`receiver: dropped ${outcome.dropped} invalid item(s) (${JSON.stringify(stats.dropReasons)} so far)`);
    if (outcome.added.length > 0) d.events.emit('messages.added', { messages: outcome.added });
    if (changed.size > 0) d.events.emit('conversations.updated', { conversations: d.conversationsService.summaries(changed) });
    return outcome;
  };

  return {
    stats,
    process(items, lastHashes) {
      const p = run(items, lastHashes, tail, generation);
      tail = p.catch(() => undefined);
      return p;
    },
  };
}
