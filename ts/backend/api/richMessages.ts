// Handlers of the conversation-feature methods (reactions, unsend, disappearing messages, typing, search,
// link previews). Each answers 'unavailable' until its service lands.
import type { BackendHandlers } from '../../ipc/contract';
import { IpcError } from '../../ipc/errors';
import type { Services } from '../services';
// --- search (begin) ---
import { createSearchService, type SearchService } from '../services/search';
// --- search (end) ---

type RichMethods =
  | 'messages.react'
  | 'messages.unsend'
  | 'conversations.setExpiration'
  | 'conversations.typing'
  | 'messages.search'
  | 'linkPreviews.fetch';

const unavailable = (what: string): never => {
  throw new IpcError('unavailable', `${what} is not available yet.`);
};

export function richMessageHandlers(s: Services): Pick<BackendHandlers, RichMethods> {
  // --- search (begin) ---
  // Built on first use: its statements are prepared once per open profile.
  let search: SearchService | undefined;
  const searchService = (): SearchService =>
    (search ??= createSearchService({ db: s.db, conversations: s.conversations, now: s.ctx.now, progress: s.media.progress }));
  // --- search (end) ---
  return {
    // --- reactions (begin) ---
    'messages.react': async ({ messageId, emoji, action }) => s.reactions.react(messageId, emoji, action),
    // --- reactions (end) ---
    // --- unsend (begin) ---
    'messages.unsend': () => unavailable('Deleting for everyone'),
    // --- unsend (end) ---
    // --- disappearing messages (begin) ---
    'conversations.setExpiration': () => unavailable('Disappearing messages'),
    // --- disappearing messages (end) ---
    // --- typing indicators (begin) ---
    'conversations.typing': () => unavailable('Typing indicators'),
    // --- typing indicators (end) ---
    // --- search (begin) ---
    'messages.search': async ({ query, limit, conversationId }) =>
      searchService().search({
        query,
        ...(limit !== undefined ? { limit } : {}),
        ...(conversationId !== undefined ? { conversationId: conversationId.trim().toLowerCase() } : {}),
      }),
    // --- search (end) ---
    // --- link previews (begin) ---
    'linkPreviews.fetch': () => unavailable('Link previews'),
    // --- link previews (end) ---
  };
}
