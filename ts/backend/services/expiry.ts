// The disappearing-messages sweeper: deletes messages whose timer ran out (with their stored Content,
// full-text rows and the content that refers to them) and expired stored content, in one transaction per
// sweep, then tells the UI (messages.removed per conversation, conversations.updated with fresh summaries).
// Timers are set where they start: the receiver (after-send) and marking a conversation read (after-read).
import type { ReceivedContentStore } from '../db/receivedContentStore';
import type { Db } from '../db/database';
import type { MessageStore } from '../db/messageStore';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import type { ConversationsService } from './conversations';

/** How often the sweeper looks for expired rows (ms): a message disappears at most this late. */
export const DEFAULT_EXPIRY_INTERVAL_MS = 1_000;
/** Rows deleted per transaction, so a backlog (after a long shutdown) never holds the database long. */
const SWEEP_BATCH = 500;

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
}): ExpirySweeper {
  const intervalMs = d.intervalMs ?? DEFAULT_EXPIRY_INTERVAL_MS;
  let timer: ReturnType<typeof setInterval> | undefined;

  const sweepOnce = d.db.transaction((now: number) => {
    const deleted = d.messages.deleteByIds(d.messages.expiredIds(now, SWEEP_BATCH));
    const content = d.received.deleteExpired(now);
    return { deleted, content };
  });

  const sweep = (): string[] => {
    if (!d.db.open) return [];
    const now = d.now();
    const removed = new Map<string, string[]>();
    let contentRows = 0;
    for (;;) {
      const { deleted, content } = sweepOnce(now);
      contentRows += content;
      for (const r of deleted) removed.set(r.conversationId, [...(removed.get(r.conversationId) ?? []), r.id]);
      if (deleted.length < SWEEP_BATCH) break;
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
