// Handlers of the media methods (attachments.*, account.setAvatar, avatars.get). Until the media service
// answers them they refuse with `unavailable`, so no caller mistakes them for working.
import type { BackendHandlers } from '../../ipc/contract';
import { IpcError } from '../../ipc/errors';
import type { Services } from '../services';

type MediaMethods =
  | 'attachments.stageBegin'
  | 'attachments.stageChunk'
  | 'attachments.stageEnd'
  | 'attachments.unstage'
  | 'attachments.readStaged'
  | 'attachments.download'
  | 'attachments.read'
  | 'attachments.save'
  | 'attachments.gallery'
  | 'account.setAvatar'
  | 'avatars.get';

const unavailable = (): never => {
  throw new IpcError('unavailable', 'Attachments are not available in this version yet.');
};

export function mediaHandlers(s: Pick<Services, 'messages' | 'media'>): Pick<BackendHandlers, MediaMethods> {
  const staging = s.media.staging;
  return {
    // --- staging (begin) ---
    'attachments.stageBegin': (p) => staging.begin(p),
    'attachments.stageChunk': (p) => staging.chunk(p),
    'attachments.stageEnd': (p) => staging.end(p),
    'attachments.unstage': ({ stageId }) => staging.unstage(stageId),
    'attachments.readStaged': (p) => staging.read(p),
    // --- staging (end) ---
    'attachments.download': unavailable,
    'attachments.read': unavailable,
    'attachments.save': unavailable,
    'attachments.gallery': unavailable,
    'account.setAvatar': unavailable,
    'avatars.get': async () => null,
  };
}
