// Communities (SOGS rooms, spec advanced.md part A): join, leave, moderation, pins and blinded direct messages.
import type { BackendHandlers } from '../../ipc/contract';
import { IpcError } from '../../ipc/errors';
import type { Services } from '../services';

type CommunityMethods =
  | 'communities.defaultRooms'
  | 'communities.join'
  | 'communities.leave'
  | 'communities.members'
  | 'communities.moderate'
  | 'communities.pin'
  | 'communities.messageMember'
  | 'communities.clearReactions'
  | 'communities.invite';

const norm = (id: string): string => id.trim().toLowerCase();

export function communityHandlers(s: Pick<Services, 'communities' | 'messages'>): Pick<BackendHandlers, CommunityMethods> {
  return {
    'communities.defaultRooms': () => s.communities.defaultRooms(),
    'communities.join': ({ url }) => s.communities.join(url),
    'communities.leave': async ({ id }) => s.communities.leave(norm(id)),
    'communities.members': async ({ id, query, limit }) => s.communities.members(norm(id), query, limit),
    'communities.moderate': ({ id, user, action }) => s.communities.moderate(norm(id), user, action),
    'communities.pin': ({ messageId, pinned }) => s.communities.pin(messageId, pinned),
    'communities.messageMember': async ({ id, user }) => s.communities.messageMember(norm(id), user),
    'communities.clearReactions': ({ messageId, emoji }) => s.communities.clearReactions(messageId, emoji),
    'communities.invite': async ({ id, contacts }) => {
      const people = [...new Set(contacts.map(norm))];
      if (!people.every((c) => /^05[0-9a-f]{64}$/.test(c))) throw new IpcError('invalid_params', 'Invitations go to Session IDs (05…).');
      const invitation = s.communities.invitationOf(norm(id));
      const sent = [];
      for (const contact of people) sent.push(await s.messages.send(contact, '', [], { invitation }));
      return sent;
    },
  };
}
