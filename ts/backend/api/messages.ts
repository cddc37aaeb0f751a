// Handlers of the messages.* and sync.* methods.
import type { BackendHandlers } from '../../ipc/contract';
import type { PageCursor } from '../db/messagePages';
import type { Services } from '../services';

type MessageMethods =
  | 'messages.list'
  | 'messages.page'
  | 'messages.deleteForMe'
  | 'messages.send'
  | 'messages.retry'
  | 'messages.takeNew'
  | 'sync.pollNow';

export function messageHandlers(
  s: Pick<Services, 'messages' | 'conversations' | 'engine'>,
): Pick<BackendHandlers, MessageMethods> {
  return {
    'messages.list': async ({ conversationId, beforeTimestamp, limit }) =>
      s.messages.list(conversationId.trim().toLowerCase(), beforeTimestamp, limit),
    'messages.page': async ({ conversationId, before, after, around, limit }) => {
      // The contract allows at most one cursor.
      const cursor: PageCursor =
        before !== undefined
          ? { before }
          : after !== undefined
            ? { after }
            : around !== undefined
              ? { around }
              : {};
      return s.conversations.page(conversationId.trim().toLowerCase(), cursor, limit);
    },
    'messages.deleteForMe': async ({ ids }) => ({ deleted: s.conversations.deleteMessages(ids) }),
    'messages.send': async ({ to, text, attachments, quote, preview }) =>
      s.messages.send(to, text, attachments ?? [], { ...(quote ? { quote } : {}), ...(preview ? { preview } : {}) }),
    'messages.retry': async ({ id }) => s.messages.retry(id),
    'messages.takeNew': async ({ consumer, peek, through }) =>
      s.messages.takeNew(consumer, { ...(peek !== undefined ? { peek } : {}), ...(through !== undefined ? { through } : {}) }),
    'sync.pollNow': async () => s.engine.pollNow(),
  };
}
