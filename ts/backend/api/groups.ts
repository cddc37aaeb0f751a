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

/** An admin method on an id that is not a group we know: `not_found`. */
const group = (s: Pick<Services, 'groups'>, id: string): string => {
  const gid = norm(id);
  if (!s.groups.isGroup(gid)) throw new IpcError('not_found', 'No such group.');
  return gid;
};

export function groupHandlers(s: Pick<Services, 'groups'>): Pick<BackendHandlers, GroupMethods> {
  return {
    'groups.members': ({ id }) => s.groups.members(norm(id)),
    'groups.leave': ({ id }) => s.groups.leave(norm(id)),
    'groups.create': (p) => s.groups.admin.create({ name: p.name, members: p.members, ...(p.description !== undefined ? { description: p.description } : {}) }),
    'groups.invite': (p) => s.groups.admin.invite(group(s, p.id), p.members, p.shareHistory ?? false),
    'groups.remove': (p) => s.groups.admin.remove(group(s, p.id), p.members, p.deleteMessages ?? false),
    'groups.promote': (p) => s.groups.admin.promote(group(s, p.id), p.members),
    'groups.update': (p) => s.groups.admin.update(group(s, p.id), { ...(p.name !== undefined ? { name: p.name } : {}), ...(p.description !== undefined ? { description: p.description } : {}) }),
    'groups.setAvatar': (p) => s.groups.admin.setAvatar(group(s, p.id), p.stageId),
    'groups.destroy': (p) => s.groups.admin.destroy(group(s, p.id)),
  };
}
