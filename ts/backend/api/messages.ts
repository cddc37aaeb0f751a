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
  s: Pick<Services, 'messages' | 'conversations' | 'engine' | 'communities'>,
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
      const id = conversationId.trim().toLowerCase();
      let page = s.conversations.page(id, cursor, limit);
      // --- communities: scrolling back past a room's oldest message here fetches the older page from its server ---
      if (!page.hasOlder && !('after' in cursor) && s.communities.mayHaveOlder(id)) {
        try {
          if ((await s.communities.fetchOlder(id)) > 0) page = s.conversations.page(id, cursor, limit);
        } catch {
          // Offline or refused: what is here is the page; the next scroll asks again.
        }
      }
      return page;
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
