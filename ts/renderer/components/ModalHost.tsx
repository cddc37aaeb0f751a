// Renders the modal stack from the ui duck; only the top modal is shown, so focus and Esc
// always belong to it.
import { useAppSelector } from '../hooks/redux';
import { AboutModal } from './about/AboutModal';
import { selectTopModal } from '../state/ui';
import { AutoDownloadModal } from './conversation/media/AutoDownloadModal';
import { Lightbox } from './conversation/media/Lightbox';
import { MediaGallery } from './conversation/media/MediaGallery';
import { MessageInfoModal } from './conversation/MessageInfoModal';
import { ConversationSettingsModal } from './conversationSettings/ConversationSettingsModal';
import { OpenUrlModal, TermsModal } from './OpenUrlModal';
import { PathModal } from './PathModal';
import { UnblockConfirmModal } from './settings/BlockedContactsPage';
import { ClearDataModal } from './settings/ClearDataModal';
import { EditProfileModal } from './settings/EditProfileModal';
import { SetDisplayPictureModal } from './settings/SetDisplayPictureModal';
import { KeyboardShortcutsModal } from './settings/KeyboardShortcutsModal';
import { SettingsModal } from './settings/SettingsModal';
// --- reactions ---
import { ReactionListModal } from './conversation/reactions/ReactionListModal';

export function ModalHost() {
  const top = useAppSelector(selectTopModal);
  if (!top) return null;
  switch (top.kind) {
    case 'settings':
      return <SettingsModal page={top.page} />;
    case 'path':
      return <PathModal />;
    case 'edit-profile':
      return <EditProfileModal />;
    case 'set-display-picture':
      return <SetDisplayPictureModal groupId={top.groupId} />;
    case 'clear-data':
      return <ClearDataModal />;
    case 'keyboard-shortcuts':
      return <KeyboardShortcutsModal />;
    case 'confirm-unblock':
      return <UnblockConfirmModal contacts={top.contacts} />;
    case 'conversation-settings':
      return <ConversationSettingsModal conversationId={top.conversationId} standalonePage={top.page} />;
    case 'terms':
      return <TermsModal />;
    case 'open-url':
      return <OpenUrlModal url={top.url} />;
    case 'message-info':
      return <MessageInfoModal messageId={top.messageId} />;
    case 'about':
      return <AboutModal />;
    // --- media: begin ---
    case 'media-lightbox':
      return <Lightbox conversationId={top.conversationId} items={top.items} start={top.start} />;
    case 'media-gallery':
      return <MediaGallery conversationId={top.conversationId} />;
    case 'auto-download':
      return <AutoDownloadModal messageId={top.messageId} index={top.index} name={top.name} />;
    // --- media: end ---
    // --- reactions ---
    case 'reaction-list':
      return <ReactionListModal messageId={top.messageId} emoji={top.emoji} />;
  }
}
