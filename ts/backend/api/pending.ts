// Methods of the desktop-UI contract whose backend lands in the same change; each answers "unavailable"
// until its service replaces it here. This file must be empty of methods when that work merges.
import type { BackendHandlers } from '../../ipc/contract';
import { IpcError } from '../../ipc/errors';

type Pending =
  | 'account.containsRecoveryPassword'
  | 'messages.page'
  | 'messages.deleteForMe'
  | 'conversations.setBlocked'
  | 'conversations.setNotificationMode'
  | 'conversations.clearMessages'
  | 'conversations.delete'
  | 'conversations.setDraft'
  | 'conversations.clearRequests'
  | 'contacts.delete'
  | 'contacts.listBlocked'
  | 'data.clear';

const notYet = (): never => {
  throw new IpcError('unavailable', 'This action is not available in this build yet.');
};

export function pendingHandlers(): Pick<BackendHandlers, Pending> {
  return {
    'account.containsRecoveryPassword': notYet,
    'messages.page': notYet,
    'messages.deleteForMe': notYet,
    'conversations.setBlocked': notYet,
    'conversations.setNotificationMode': notYet,
    'conversations.clearMessages': notYet,
    'conversations.delete': notYet,
    'conversations.setDraft': notYet,
    'conversations.clearRequests': notYet,
    'contacts.delete': notYet,
    'contacts.listBlocked': notYet,
    'data.clear': notYet,
  };
}
