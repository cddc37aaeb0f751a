// Message views with their attachments, for the events the receive side emits (downloads, backfill,
// attachments.download): one query for the rows of every message in the batch.
import type { MessageView } from '../../ipc/contract';
import { attachmentViewOf, type AttachmentQueue } from '../db/attachmentQueue';
import type { MessageStore } from '../db/messageStore';

/** The stored messages `ids` (missing ones left out) with `attachments`; `progress` gives a running transfer's share. */
export function messageViewsWithAttachments(
  d: { messages: Pick<MessageStore, 'get'>; queue: Pick<AttachmentQueue, 'forMessages'> },
  ids: readonly string[],
  progress?: (messageId: string, idx: number) => number | undefined,
): MessageView[] {
  const rows = d.queue.forMessages(ids);
  const out: MessageView[] = [];
  for (const id of ids) {
    const view = d.messages.get(id);
    if (!view) continue;
    const list = rows.get(id);
    if (list && list.length > 0) view.attachments = list.map((r) => attachmentViewOf(r, progress?.(id, r.idx)));
    out.push(view);
  }
  return out;
}
