// Groups v2, member side (spec advanced.md part C): the member list and leaving. Accepting and declining an
// invitation go through conversations.accept / conversations.decline on the group's `03…` id.
import type { BackendHandlers } from '../../ipc/contract';
import type { Services } from '../services';

type GroupMethods = 'groups.members' | 'groups.leave';

const norm = (id: string): string => id.trim().toLowerCase();

export function groupHandlers(s: Pick<Services, 'groups'>): Pick<BackendHandlers, GroupMethods> {
  return {
    'groups.members': ({ id }) => s.groups.members(norm(id)),
    'groups.leave': ({ id }) => s.groups.leave(norm(id)),
  };
}
