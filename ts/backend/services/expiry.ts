// The disappearing-messages sweeper: deletes messages whose timer ran out (with their stored Content,
// full-text rows and the content that refers to them) and expired stored content, one transaction per
// batch, then tells the UI once per sweep (messages.removed per conversation, one conversations.updated
// with fresh summaries). Timers are set where they start: the receiver (after-send arrivals, after-read
// reads), marking a conversation read (after-read) and the outbox (our messages, once stored).
// A large batch (a backlog after a long shutdown, a burst sent together) goes through
// expirationStore.withBulkFtsErase: its full-text terms are erased by one merge of the index instead of
// row by row (db/searchErase.ts; figures in tools/bench/workloads/expiry.ts).
import type { ReceivedContentStore } from '../db/receivedContentStore';
import type { Db } from '../db/database';
import type { MessageStore } from '../db/messageStore';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import type { ConversationsService } from './conversations';
import type { ExpirationStore } from '../db/expirationStore';

/** How often the sweeper looks for expired rows (ms): a message disappears at most this late. */
export const DEFAULT_EXPIRY_INTERVAL_MS = 1_000;
/** Rows deleted per transaction, so a backlog (after a long shutdown) never holds the database long. */
export const SWEEP_BATCH = 10_000;
/** From how many rows a batch may erase its full-text terms with one merge (db/searchErase.ts). */
export { BULK_ERASE_FROM } from '../db/searchErase';

export interface ExpirySweeper {
  start(): void;
  stop(): void;
  /** Deletes everything expired by now; returns the deleted message ids. */
  sweep(): string[];
}

export function createExpirySweeper(d: {
  db: Db;
  messages: MessageStore;
  received: ReceivedContentStore;
  conversationsService: ConversationsService;
  events: EventBus;
  log: Logger;
  now: () => number;
  intervalMs?: number;
  /** Bulk full-text erasure for large batches; absent: every row is erased on its own. */
  store?: Pick<ExpirationStore, 'withBulkFtsErase' | 'worthBulkFtsErase'>;
}): ExpirySweeper {
  const intervalMs = d.intervalMs ?? DEFAULT_EXPIRY_INTERVAL_MS;
  let timer: ReturnType<typeof setInterval> | undefined;

  const sweepOnce = d.db.transaction((now: number, first: boolean) => {
    const ids = d.messages.expiredIds(now, SWEEP_BATCH);
    const store = d.store;
    const bulk = store !== undefined && store.worthBulkFtsErase(ids.length);
    const deleted = bulk ? store.withBulkFtsErase(() => d.messages.deleteByIds(ids)) : d.messages.deleteByIds(ids);
    const content = first ? d.received.deleteExpired(now) : 0;
    return { deleted, content, full: ids.length === SWEEP_BATCH };
  });

  const sweep = (): string[] => {
    if (!d.db.open) return [];
    const now = d.now();
    const removed = new Map<string, string[]>();
    let contentRows = 0;
    for (let first = true; ; first = false) {
      const { deleted, content, full } = sweepOnce(now, first);
      contentRows += content;
      for (const r of deleted) {
        const list = removed.get(r.conversationId);
        if (list) list.push(r.id);
        else removed.set(r.conversationId, [r.id]);
      }
      if (!full) break;
    }
    const ids = [...removed.values()].flat();
    if (ids.length > 0 || contentRows > 0) d.log.info(`expiry: deleted ${ids.length} message(s) and ${contentRows} stored content row(s)`);
    for (const [conversationId, list] of removed) d.events.emit('messages.removed', { conversationId, ids: list });
    if (removed.size > 0) d.events.emit('conversations.updated', { conversations: d.conversationsService.summaries(removed.keys()) });
    return ids;
  };

  return {
    start() {
      if (timer) return;
      const tick = (): void => {
        try {
          sweep();
        } catch (err) {
          // A failed sweep is retried at the next tick; the rows stay until then.
          d.log.error('expiry: sweep failed', err);
        }
      };
      timer = setInterval(tick, intervalMs);
      // The sweeper alone never keeps a host alive.
      timer.unref();
      // What expired while the app was closed goes at once.
      tick();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
    sweep,
  };
}
