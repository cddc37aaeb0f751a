// Handlers of the config-sync methods (nickname, pin, mark unread, Note to Self visibility). Until the
// config service is wired in they answer "unavailable", so no caller believes a change was stored.
import type { BackendHandlers } from '../../ipc/contract';
import { IpcError } from '../../ipc/errors';

type ConfigSyncMethods =
  | 'conversations.setNickname'
  | 'conversations.setPinned'
  | 'conversations.markUnread'
  | 'conversations.setNoteToSelfHidden'
  | 'contacts.list';

const notYet = (): never => {
  throw new IpcError('unavailable', 'This needs config sync, which is not available yet.');
};

export function configSyncHandlers(): Pick<BackendHandlers, ConfigSyncMethods> {
  return {
    'conversations.setNickname': async () => notYet(),
    'conversations.setPinned': async () => notYet(),
    'conversations.markUnread': async () => notYet(),
    'conversations.setNoteToSelfHidden': async () => notYet(),
    'contacts.list': async () => notYet(),
  };
}
