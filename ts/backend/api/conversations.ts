// Handlers of the conversations.* methods. Block and notification mode go to the contacts service, the
// one writer of contact state.
import type { BackendHandlers } from '../../ipc/contract';
import type { Services } from '../services';

type ConversationMethods =
  | 'conversations.list'
  | 'conversations.accept'
  | 'conversations.decline'
  | 'conversations.markRead'
  | 'conversations.markReadUpTo'
  | 'conversations.setBlocked'
  | 'conversations.setNotificationMode'
  | 'conversations.clearMessages'
  | 'conversations.delete'
  | 'conversations.setDraft'
  | 'conversations.clearRequests';

const norm = (id: string): string => id.trim().toLowerCase();

export function conversationHandlers(
  s: Pick<Services, 'conversations' | 'contacts' | 'media' | 'communities' | 'groups'>,
): Pick<BackendHandlers, ConversationMethods> {
  return {
    'conversations.list': async ({ requests }) =>
      s.conversations.list(requests === undefined ? {} : { requests }),
    'conversations.accept': async ({ id }) => {
      if (s.groups.isGroup(norm(id))) return s.groups.accept(norm(id)); // --- groups: joining ---
      const summary = s.conversations.accept(norm(id));
      // Their attachments waited for a click while this was a request; an accepted contact's download by themselves.
      if (summary.kind === 'private') s.media.received.senderAccepted(summary.id);
      return summary;
    },
    'conversations.decline': async ({ id }) => (s.groups.isGroup(norm(id)) ? s.groups.decline(norm(id)) : s.conversations.decline(norm(id))),
    'conversations.markRead': async ({ id }) => s.conversations.markRead(norm(id)),
    'conversations.markReadUpTo': async ({ id, messageId }) => s.conversations.markReadUpTo(norm(id), messageId),
    'conversations.setBlocked': async ({ id, blocked }) => s.contacts.setBlocked(norm(id), blocked),
    'conversations.setNotificationMode': async ({ id, mode }) =>
      // A room's setting lives in UserGroups; contacts know only all / mute ("mentions only" is all for them).
      s.communities.room(norm(id))
        ? s.communities.setNotificationMode(norm(id), mode)
        : s.groups.isGroup(norm(id))
          ? s.groups.setNotificationMode(norm(id), mode)
          : s.contacts.setNotificationMode(norm(id), mode === 'mentions' ? 'all' : mode),
    'conversations.clearMessages': async ({ id }) => s.conversations.clearMessages(norm(id)),
    // Deleting a room's conversation leaves the room.
    'conversations.delete': async ({ id }) =>
      s.communities.room(norm(id)) ? s.communities.leave(norm(id)) : s.groups.isGroup(norm(id)) ? s.groups.leave(norm(id)) : s.conversations.delete(norm(id)),
    'conversations.setDraft': async ({ id, text }) => s.conversations.setDraft(norm(id), text),
    'conversations.clearRequests': async () => s.conversations.clearRequests(),
  };
}
