// Renders the modal stack from the ui duck; only the top modal is shown, so focus and Esc
// always belong to it.
import { useAppSelector } from '../hooks/redux';
import { selectTopModal } from '../state/ui';
import { ConfirmSettingModal } from './ConfirmSettingModal';
import { MessageInfoModal } from './conversation/MessageInfoModal';
import { PathModal } from './PathModal';
import { SettingsModal } from './settings/SettingsModal';

export function ModalHost() {
  const top = useAppSelector(selectTopModal);
  if (!top) return null;
  switch (top.kind) {
    case 'settings':
      return <SettingsModal page={top.page} />;
    case 'path':
      return <PathModal />;
    case 'confirm-setting':
      return <ConfirmSettingModal spec={top} />;
    // Drawn by components that land with the desktop-UI work; until then nothing opens them.
    case 'conversation-settings':
      return null;
    case 'message-info':
      return <MessageInfoModal messageId={top.messageId} />;
  }
}
