// Assembles the full handler table from the per-domain handler groups. The type makes a missing method
// a compile error.
import type { BackendHandlers } from '../../ipc/contract';
import type { Services } from '../services';
import { accountHandlers } from './account';
import { appHandlers } from './app';
import { conversationHandlers } from './conversations';
import { messageHandlers } from './messages';
import { networkHandlers } from './network';
import { pendingHandlers } from './pending';
import { settingsHandlers } from './settings';

export function createHandlers(s: Services): BackendHandlers {
  return {
    ...appHandlers(s),
    ...settingsHandlers(s),
    ...accountHandlers(s),
    ...conversationHandlers(s),
    ...messageHandlers(s),
    ...networkHandlers(s),
    ...pendingHandlers(),
  };
}
