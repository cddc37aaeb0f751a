// Handlers of the conversation-feature methods (reactions, unsend, disappearing messages, typing, search,
// link previews).
import type { BackendHandlers } from '../../ipc/contract';
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

export function richMessageHandlers(s: Services): Pick<BackendHandlers, RichMethods> {
  // --- search (begin) ---
  // Built on first use: its statements are prepared once per open profile.
  let search: SearchService | undefined;
  const searchService = (): SearchService =>
    (search ??= createSearchService({ db: s.db, conversations: s.conversations, now: s.ctx.now, progress: s.media.progress }));
  // --- search (end) ---
  return {
    // --- reactions (begin) ---
    'messages.react': async ({ messageId, emoji, action }) =>
      // Room reactions go to the server's reaction endpoints (spec advanced A.9), not as Content.
      s.messages.isRoomMessage(messageId) ? s.communities.react(messageId, emoji, action) : s.reactions.react(messageId, emoji, action),
    // --- reactions (end) ---
    // --- unsend (begin) ---
    'messages.unsend': async ({ ids }) => {
      // Room messages are deleted on their server (ours, or anyone's as a moderator).
      const rooms = ids.filter((id) => s.messages.isRoomMessage(id));
      if (rooms.length === 0) return s.unsend.unsend(ids);
      const others = ids.filter((id) => !rooms.includes(id));
      const [a, b] = await Promise.all([s.communities.unsend(rooms), others.length > 0 ? s.unsend.unsend(others) : Promise.resolve({ deleted: [] as string[] })]);
      return { deleted: [...a.deleted, ...b.deleted] };
    },
    // --- unsend (end) ---
    // --- disappearing messages (begin) ---
    // A group's admins set its timer (Info `E`, spec advanced C.4); its members get the disappearing service's clear error.
    'conversations.setExpiration': (p) =>
      s.groups.isAdmin(p.id) ? s.groups.admin.setExpiration(p.id.trim().toLowerCase(), p.mode, p.seconds) : s.disappearing.setExpiration(p.id, p.mode, p.seconds),
    // --- disappearing messages (end) ---
    // --- typing indicators (begin) ---
    'conversations.typing': async ({ id, typing }) => {
      s.typing.composing(id.trim().toLowerCase(), typing);
      return {};
    },
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
    'linkPreviews.fetch': ({ url }) => s.linkPreviews.fetch(url),
    // --- link previews (end) ---
  };
}
