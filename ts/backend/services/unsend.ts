// Delete for everyone ("unsend", spec messaging §6.10), for our own messages only. In order: our own swarm's
// copies are deleted with a signed `delete` (if that fails nothing changes); then, in one transaction, the
// messages are erased here (a "deleted" placeholder in a 1:1 chat, gone entirely in note to self) and one
// unsend request per message is queued to the peer and to our own swarm (our other devices). The copy on the
// peer's swarm cannot be deleted by us: their client deletes its message and the copy expires by its TTL.
// The same local step applies unsend requests we receive (receiver.ts).
import type { MessageView } from '../../ipc/contract';
import { IpcError } from '../../ipc/errors';
import { NetworkError } from '../../network';
import { encode1o1Message, unsendContent, type Identity } from '../../protocol';
import type { Db } from '../db/database';
import type { MessageStore } from '../db/messageStore';
import { createUnsendStore, type UnsendStore } from '../db/unsendStore';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import type { FileStore } from '../media/fileStore';
import type { ConversationsService } from './conversations';
import type { EngineNetwork } from './engineNetwork';
import { CONTENT_TTL_MS } from './outbox';
import { crashPoint } from '../crashPoint';
import type { GroupEncoder } from './outbox';

/** An unsend request lives as long as any message it may target (spec messaging §6.10: TTL 14 days). */
export const UNSEND_TTL_MS = CONTENT_TTL_MS;

export interface UnsendService {
  /** Deletes our own messages for everyone; returns the ids deleted (placeholders included). */
  unsend(ids: readonly string[]): Promise<{ deleted: string[] }>;
}

/** What unsending needs from the running engine. */
export interface UnsendRuntime {
  networkNow(): number;
  kickOutbox(): void;
  network(): Pick<EngineNetwork, 'deleteMessages' | 'ready'> | undefined;
}

export interface LocalUnsendResult {
  /** Deleted completely (note to self, and messages no swarm ever held). */
  removed: { id: string; conversationId: string }[];
  /** Kept as "deleted" placeholders (1:1 chats). */
  erased: { id: string; conversationId: string }[];
}

/**
 * The local part of an unsend, for requests we send and receive alike (call inside a transaction): in note to
 * self (the conversation is ours) the message goes entirely, elsewhere it becomes a placeholder whose text,
 * Content, attachments, quote, preview, reactions and outbox rows are gone. `neverStored` ids (our sends that
 * never reached a swarm) are deleted entirely too: nobody else ever saw them.
 */
export function unsendLocally(
  stores: { messages: Pick<MessageStore, 'deleteByIds'>; unsend: UnsendStore },
  me: string,
  targets: readonly { id: string; conversationId: string }[],
  neverStored: ReadonlySet<string> = new Set(),
): LocalUnsendResult {
  const full = targets.filter((t) => t.conversationId === me || neverStored.has(t.id)).map((t) => t.id);
  const kept = targets.filter((t) => t.conversationId !== me && !neverStored.has(t.id)).map((t) => t.id);
  return { removed: stores.messages.deleteByIds(full), erased: stores.unsend.placeholders(kept) };
}

/** Emits what an unsend changed: placeholders as updated, deleted messages as removed, and the summaries. */
export function emitUnsend(
  d: { events: EventBus; messages: Pick<MessageStore, 'get'>; conversationsService: Pick<ConversationsService, 'summaries'> },
  r: LocalUnsendResult,
): void {
  const views = r.erased.flatMap((e) => d.messages.get(e.id) ?? []);
  if (views.length > 0) d.events.emit('messages.updated', { messages: views });
  const removed = new Map<string, string[]>();
  for (const x of r.removed) removed.set(x.conversationId, [...(removed.get(x.conversationId) ?? []), x.id]);
  for (const [conversationId, ids] of removed) d.events.emit('messages.removed', { conversationId, ids });
  const changed = new Set([...r.erased, ...r.removed].map((x) => x.conversationId));
  if (changed.size > 0) d.events.emit('conversations.updated', { conversations: d.conversationsService.summaries(changed) });
}

const SWARM_DELETE_FAILED = 'The message could not be deleted from the network, so nothing was changed. Check your connection and try again.';

export function createUnsendService(d: {
  db: Db;
  messages: MessageStore;
  conversationsService: ConversationsService;
  events: EventBus;
  log: Logger;
  now: () => number;
  randomBytes: (n: number) => Uint8Array;
  identity: () => Identity | undefined;
  runtime: () => UnsendRuntime | undefined;
  /** Groups v2: unsend requests in a group are encrypted for it (the outbox stores them to its namespace 11). */
  group?: GroupEncoder;
}): UnsendService {
  const unsendStore = createUnsendStore(d.db);

  /** The messages to unsend, checked: all ours, all outgoing. Placeholders already deleted are skipped. */
  const targetsOf = (me: string, ids: readonly string[]): MessageView[] => {
    const out: MessageView[] = [];
    for (const id of new Set(ids)) {
      const m = d.messages.get(id);
      if (!m) throw new IpcError('not_found', 'No such message.');
      if (m.sender !== me || m.direction !== 'outgoing') throw new IpcError('invalid_params', 'Only your own messages can be deleted for everyone.');
      if (!m.deleted) out.push(m);
    }
    return out;
  };

  const commit = d.db.transaction((identity: Identity, targets: readonly MessageView[], firstT: number): LocalUnsendResult => {
    const me = identity.sessionId;
    // `sending` and `failed` messages were never stored (a `sending` one may be on its way: the request
    // below still follows it to the peer).
    const neverStored = new Set(targets.filter((m) => m.status === 'sending' || m.status === 'failed').map((m) => m.id));
    const result = unsendLocally({ messages: d.messages, unsend: unsendStore }, me, targets.map((m) => ({ id: m.id, conversationId: m.conversationId })), neverStored);
    targets.forEach((m, index) => {
      if (m.status === 'failed') return;
      // A fresh T per request (spec messaging §6.14): now + index, the same for its peer and own-swarm copies.
      const sentAt = firstT + index;
      const content = unsendContent({ timestamp: m.timestamp, author: me });
      // Note to self: our own swarm only ("delete on all my devices"); a 1:1 message: the peer and our own swarm.
      // A group message: the group only (spec advanced C.11), encrypted with the group's keys.
      const group = d.group?.handles(m.conversationId) ? d.group : undefined;
      const destinations = group ? [m.conversationId] : m.conversationId === me ? [me] : [m.conversationId, me];
      for (const destination of destinations) {
        const data = group
          ? group.encode(destination, content, sentAt)
          : encode1o1Message({ sender: identity, recipient: destination, content, timestampMs: sentAt, random: d.randomBytes }).wrapper;
        d.messages.enqueueEncoded({ label: 'unsend', destination, sentAt, data, ttlMs: UNSEND_TTL_MS, nextAttemptAt: 0 });
      }
    });
    return result;
  });

  return {
    async unsend(ids) {
      const identity = d.identity();
      if (!identity) throw new IpcError('not_found', 'Create or restore an account first.');
      const me = identity.sessionId;
      const targets = targetsOf(me, ids);
      if (targets.length === 0) return { deleted: [...new Set(ids)] };
      const rt = d.runtime();
      // Step 1: our own swarm's copies (sync copies; note to self: the messages themselves).
      const hashes = [...new Set([...d.messages.ownSwarmHashes(targets.map((m) => m.id)).values()].flat())];
      if (hashes.length > 0) {
        const network = rt?.network();
        if (!network?.deleteMessages) throw new IpcError('unavailable', 'The network is not running, so the message cannot be deleted for everyone. Try again later.');
        try {
          await network.ready(AbortSignal.timeout(30_000));
          await network.deleteMessages({ pubkey: me, ed25519: identity.ed25519 }, hashes);
          crashPoint('unsend.swarmDeleted');
        } catch (err) {
          const detail = err instanceof NetworkError ? `${err.kind}${err.detail ? `: ${err.detail}` : ''}` : err instanceof Error ? err.message : String(err);
          d.log.warn(`unsend: deleting ${hashes.length} copies from our swarm failed (${detail})`);
          throw new IpcError('network', SWARM_DELETE_FAILED, detail);
        }
      }
      // The messages may have changed while the network answered (deleted for me meanwhile): look again.
      const still = targets.filter((m) => d.messages.get(m.id) !== undefined);
      const firstT = Math.max(Math.trunc(rt ? rt.networkNow() : d.now()), d.messages.maxSentAt(me) + 1);
      const result = commit(identity, still, firstT);
      emitUnsend({ events: d.events, messages: d.messages, conversationsService: d.conversationsService }, result);
      rt?.kickOutbox();
      return { deleted: [...new Set(ids)] };
    },
  };
}

/**
 * Sweeps attachment files after placeholders dropped their attachment rows (the files of deleted messages are
 * swept on messages.removed by sweepOnRemovals): once per tick, never after the profile closed.
 */
export function sweepOnPlaceholders(store: Pick<FileStore, 'sweep'>, events: Pick<EventBus, 'on'>, log: Logger): () => void {
  let pending = false;
  let stopped = false;
  const off = events.on('messages.updated', (e) => {
    if (pending || stopped || !e.messages.some((m) => m.deleted === true)) return;
    pending = true;
    setImmediate(() => {
      pending = false;
      if (stopped) return;
      try {
        store.sweep();
      } catch (err) {
        log.warn('attachments: sweeping the files of deleted messages failed', err);
      }
    });
  });
  return () => {
    stopped = true;
    off();
  };
}
