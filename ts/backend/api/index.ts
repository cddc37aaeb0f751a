// Assembles the handler table of one open profile from the per-domain handler groups. The type makes a
// missing method a compile error. `data.clear` is the exception: it replaces the open profile itself, so
// openBackend (ts/backend/index.ts) answers it.
import type { BackendHandlers } from '../../ipc/contract';
import type { Services } from '../services';
import { accountHandlers } from './account';
import { appHandlers } from './app';
import { contactHandlers } from './contacts';
import { configSyncHandlers } from './configSync';
import { conversationHandlers } from './conversations';
import { mediaHandlers } from './media';
import { messageHandlers } from './messages';
import { networkHandlers } from './network';
import { richMessageHandlers } from './richMessages';
import { settingsHandlers } from './settings';

export type ProfileHandlers = Omit<BackendHandlers, 'data.clear'>;

export function createHandlers(s: Services): ProfileHandlers {
  return {
    ...appHandlers(s),
    ...settingsHandlers(s),
    ...accountHandlers(s),
    ...conversationHandlers(s),
    ...contactHandlers(s),
    ...messageHandlers(s),
    ...networkHandlers(s),
    ...configSyncHandlers(s),
    ...mediaHandlers(s),
    ...richMessageHandlers(s),
  };
}
