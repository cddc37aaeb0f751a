// Messages stored before attachments were supported keep only their raw Content, with 'attachments' listed
// as unsupported. At start this makes their attachment rows from that Content and drops the part, in small
// transactions with a pause between them so a large profile is never blocked. It runs once: a cursor in
// consumer_cursors remembers how far it got (a later start goes on from there), and rows are inserted with
// INSERT OR IGNORE, so running twice changes nothing.
import { decodeContent, SignalService } from '../../protocol';
import type { AttachmentQueue } from '../db/attachmentQueue';
import type { Db } from '../db/database';
import type { MessageStore } from '../db/messageStore';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import { attachmentRowsFromPointers, FILE_SERVER_RETENTION_MS } from '../media/receivedAttachments';

export interface BackfillResult {
  /** Messages given their attachment rows. */
  messages: number;
  /** Rows made. */
  attachments: number;
  /** Messages whose stored Content could not be read (left as they were). */
  unreadable: number;
}

export interface AttachmentBackfill {
  /** Runs to the end (or until stop); resolves with what it did. */
  run(): Promise<BackfillResult>;
  stop(): void;
}

export function createAttachmentBackfill(d: {
  db: Db;
  queue: AttachmentQueue;
  /** Its views carry their attachments. */
  messages: Pick<MessageStore, 'get'>;
  events: EventBus;
  log: Logger;
  now: () => number;
  autoDownloadMaxBytes: number;
  /** Called when a batch queued downloads. */
  onQueued?: () => void;
  /** Messages per transaction (default 200). */
  batchSize?: number;
  /** The pause between batches (default: one turn of the event loop). */
  pause?: () => Promise<void>;
}): AttachmentBackfill {
  const batchSize = d.batchSize ?? 200;
  const pause = d.pause ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
  let stopped = false;

  const batch = d.db.transaction((end: number, result: BackfillResult): { done: boolean; touched: string[]; queued: number } => {
    const cursor = d.queue.backfillCursor();
    const candidates = d.queue.backfillCandidates(cursor, batchSize);
    const touched: string[] = [];
    let queued = 0;
    const incoming = [...new Set(candidates.filter((c) => c.direction === 'incoming').map((c) => c.sender))];
    const auto = d.queue.autoDownloadSenders(incoming);
    const now = d.now();
    for (const c of candidates) {
      const decoded = c.content ? decodeContent(c.content) : undefined;
      if (!decoded?.ok) {
        result.unreadable++;
        continue;
      }
      const dm = decoded.value.dataMessage;
      const timerUpdate = dm?.flags === SignalService.DataMessage.Flags.EXPIRATION_TIMER_UPDATE;
      const pointers = dm && !timerUpdate ? (dm.attachments ?? []) : [];
      // Files older than the server keeps them are not fetched by themselves: a click tries, and a file the
      // server no longer has then shows as expired.
      const fresh = now - c.sentAt < FILE_SERVER_RETENTION_MS;
      const rows = attachmentRowsFromPointers(pointers, {
        autoDownload: fresh && (c.direction === 'outgoing' || auto.has(c.sender)),
        autoDownloadMaxBytes: d.autoDownloadMaxBytes,
      });
      d.queue.insertReceived(c.id, rows);
      queued += rows.filter((r) => r.state === 'queued').length;
      let parts: unknown;
      try {
        parts = JSON.parse(c.unsupported);
      } catch {
        parts = [];
      }
      const left = Array.isArray(parts) ? parts.filter((p) => p !== 'attachments') : [];
      d.queue.setUnsupported(c.id, left.length > 0 ? JSON.stringify(left) : null);
      touched.push(c.id);
      result.messages++;
      result.attachments += rows.length;
    }
    const last = candidates[candidates.length - 1];
    const done = candidates.length < batchSize || last === undefined;
    d.queue.setBackfillCursor(done ? Math.max(end, last?.seq ?? 0) : last.seq);
    return { done, touched, queued };
  });

  return {
    async run() {
      const result: BackfillResult = { messages: 0, attachments: 0, unreadable: 0 };
      // Messages stored from here on are the new receiver's: they never list 'attachments'.
      const end = d.queue.maxSeq();
      if (d.queue.backfillCursor() >= end) return result;
      for (;;) {
        if (stopped || !d.db.open) break;
        const { done, touched, queued } = batch(end, result);
        if (touched.length > 0) {
          const views = touched.flatMap((id) => d.messages.get(id) ?? []);
          d.events.emit('messages.updated', { messages: views });
        }
        if (queued > 0) d.onQueued?.();
        if (done) break;
        await pause();
      }
      if (result.messages > 0 || result.unreadable > 0) {
        d.log.info(`attachments: made rows for ${result.attachments} attachment(s) of ${result.messages} message(s) stored before this version${result.unreadable > 0 ? `; ${result.unreadable} unreadable` : ''}`);
      }
      return result;
    },
    stop() {
      stopped = true;
    },
  };
}
