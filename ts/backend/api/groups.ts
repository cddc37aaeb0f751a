// Groups v2, member side (spec advanced.md part C): the member list and leaving. Accepting and declining an
// invitation go through conversations.accept / conversations.decline on the group's `03…` id.
import type { BackendHandlers } from '../../ipc/contract';
import { IpcError } from '../../ipc/errors';

type GroupMethods = 'groups.members' | 'groups.leave';

/** Placeholder until the groups service is wired: a clear `unavailable` error, never a silent result. */
export function groupHandlers(): Pick<BackendHandlers, GroupMethods> {
  const unavailable = (): never => {
    throw new IpcError('unavailable', 'Groups are not available in this version yet.');
  };
  return {
    'groups.members': unavailable,
    'groups.leave': unavailable,
  };
}
