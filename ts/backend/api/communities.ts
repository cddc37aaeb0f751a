// Communities (SOGS rooms, spec advanced.md part A): join, leave, moderation, pins and blinded direct messages.
// Placeholder until the communities service lands: every method answers `unavailable` with a clear message.
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
  | 'communities.messageMember';

const notYet = (): never => {
  throw new IpcError('unavailable', 'Communities are not available in this version yet.');
};

export function communityHandlers(_s: Services): Pick<BackendHandlers, CommunityMethods> {
  return {
    'communities.defaultRooms': () => [],
    'communities.join': notYet,
    'communities.leave': notYet,
    'communities.members': notYet,
    'communities.moderate': notYet,
    'communities.pin': notYet,
    'communities.messageMember': notYet,
  };
}
