// Handlers of the media methods (attachments.*, account.setAvatar, avatars.get): thin calls into the
// staging, received-media and avatar services.
import { LINK_PREVIEW_ATTACHMENT_INDEX } from '../db/messageExtras';
import type { BackendHandlers } from '../../ipc/contract';
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
  | 'attachments.setPoster'
  | 'attachments.gallery'
  | 'account.setAvatar'
  | 'avatars.get';

export function mediaHandlers(s: Pick<Services, 'messages' | 'media' | 'avatars'>): Pick<BackendHandlers, MediaMethods> {
  const staging = s.media.staging;
  return {
    // --- staging (begin) ---
    'attachments.stageBegin': (p) => staging.begin(p),
    'attachments.stageChunk': (p) => staging.chunk(p),
    'attachments.stageEnd': (p) => staging.end(p),
    'attachments.unstage': ({ stageId }) => staging.unstage(stageId),
    'attachments.readStaged': (p) => staging.read(p),
    // --- staging (end) ---
    // --- received attachments (services/receivedMedia.ts) (begin) ---
    'attachments.download': async (p) => s.media.received.download(p),
    'attachments.read': async (p) => {
      // --- link previews (begin) ---
      // The message's link-preview image is its attachment row 32 (`index` is not used).
      if (p.variant === 'preview') return s.media.received.read({ ...p, index: LINK_PREVIEW_ATTACHMENT_INDEX, variant: 'full' });
      // --- link previews (end) ---
      return s.media.received.read({ ...p, variant: p.variant });
    },
    'attachments.save': async (p) => s.media.received.save(p),
    'attachments.setPoster': (p) => s.media.received.setPoster(p),
    'attachments.gallery': async (p) => s.media.received.gallery({ ...p, conversationId: p.conversationId.trim().toLowerCase() }),
    // --- received attachments (end) ---
    'account.setAvatar': ({ stageId }) => s.avatars.setOwn(stageId),
    'avatars.get': ({ id }) => s.avatars.load(id),
  };
}
