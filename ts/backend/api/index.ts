// Assembles the handler table of one open profile from the per-domain handler groups. The type makes a
// missing method a compile error. `data.clear` and `password.*` are the exceptions: they replace or unlock the
// open profile itself, so openBackend (ts/backend/index.ts) answers them.
import type { BackendHandlers } from '../../ipc/contract';
import type { Services } from '../services';
import { accountHandlers } from './account';
import { appHandlers } from './app';
import { communityHandlers } from './communities';
import { contactHandlers } from './contacts';
import { configSyncHandlers } from './configSync';
import { conversationHandlers } from './conversations';
import { groupHandlers } from './groups';
import { mediaHandlers } from './media';
import { messageHandlers } from './messages';
import { networkHandlers } from './network';
import { richMessageHandlers } from './richMessages';
import { settingsHandlers } from './settings';

/** The app password methods are answered by openBackend too: they work before a profile is open. */
export type ProfileHandlers = Omit<BackendHandlers, 'data.clear' | 'password.status' | 'password.unlock' | 'password.set' | 'password.change' | 'password.remove'>;

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
    ...communityHandlers(s),
    ...groupHandlers(s),
  };
}
