// Communities (SOGS rooms, spec advanced.md part A): join, leave, moderation, pins and blinded direct messages.
import type { BackendHandlers } from '../../ipc/contract';
import type { Services } from '../services';

type CommunityMethods =
  | 'communities.defaultRooms'
  | 'communities.join'
  | 'communities.leave'
  | 'communities.members'
  | 'communities.moderate'
  | 'communities.pin'
  | 'communities.messageMember'
  | 'communities.clearReactions';

const norm = (id: string): string => id.trim().toLowerCase();

export function communityHandlers(s: Pick<Services, 'communities'>): Pick<BackendHandlers, CommunityMethods> {
  return {
    'communities.defaultRooms': () => s.communities.defaultRooms(),
    'communities.join': ({ url }) => s.communities.join(url),
    'communities.leave': async ({ id }) => s.communities.leave(norm(id)),
    'communities.members': async ({ id, query, limit }) => s.communities.members(norm(id), query, limit),
    'communities.moderate': ({ id, user, action }) => s.communities.moderate(norm(id), user, action),
    'communities.pin': ({ messageId, pinned }) => s.communities.pin(messageId, pinned),
    'communities.messageMember': async ({ id, user }) => s.communities.messageMember(norm(id), user),
    'communities.clearReactions': ({ messageId, emoji }) => s.communities.clearReactions(messageId, emoji),
  };
}
