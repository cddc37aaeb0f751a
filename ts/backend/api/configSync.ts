// Handlers of the config-sync methods (nickname, pin, mark unread, Note to Self visibility, contacts):
// each change is stored in the account's configs and pushed to its other devices.
import type { BackendHandlers } from '../../ipc/contract';
import type { Services } from '../services';

type ConfigSyncMethods =
  | 'conversations.setNickname'
  | 'conversations.setPinned'
  | 'conversations.markUnread'
  | 'conversations.setNoteToSelfHidden'
  | 'contacts.list';

const norm = (id: string): string => id.trim().toLowerCase();

export function configSyncHandlers(s: Pick<Services, 'configSync'>): Pick<BackendHandlers, ConfigSyncMethods> {
  return {
    'conversations.setNickname': async ({ id, nickname }) => s.configSync.setNickname(norm(id), nickname),
    'conversations.setPinned': async ({ id, pinned }) => s.configSync.setPinned(norm(id), pinned),
    'conversations.markUnread': async ({ id }) => s.configSync.markUnread(norm(id)),
    'conversations.setNoteToSelfHidden': async ({ hidden }) => s.configSync.setNoteToSelfHidden(hidden),
    'contacts.list': async () => s.configSync.listContacts(),
  };
}
