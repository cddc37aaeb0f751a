// Groups v2 (spec advanced.md part C): the member list and leaving (member side), and the admin side: create,
// invite (and resend), remove, promote, rename/description, picture, destroy. Accepting and declining an
// invitation go through conversations.accept / conversations.decline on the group's `03…` id; an admin's
// disappearing timer goes through conversations.setExpiration.
import type { BackendHandlers } from '../../ipc/contract';
import { IpcError } from '../../ipc/errors';
import type { Services } from '../services';

type GroupMethods =
  | 'groups.members'
  | 'groups.leave'
  | 'groups.create'
  | 'groups.invite'
  | 'groups.remove'
  | 'groups.promote'
  | 'groups.update'
  | 'groups.setAvatar'
  | 'groups.destroy';

const norm = (id: string): string => id.trim().toLowerCase();

const notYet = (): never => {
  throw new IpcError('unavailable', 'Group administration is not available in this version yet.');
};

export function groupHandlers(s: Pick<Services, 'groups'>): Pick<BackendHandlers, GroupMethods> {
  return {
    'groups.members': ({ id }) => s.groups.members(norm(id)),
    'groups.leave': ({ id }) => s.groups.leave(norm(id)),
    'groups.create': () => notYet(),
    'groups.invite': () => notYet(),
    'groups.remove': () => notYet(),
    'groups.promote': () => notYet(),
    'groups.update': () => notYet(),
    'groups.setAvatar': () => notYet(),
    'groups.destroy': () => notYet(),
  };
}
