// Handlers of the account.* methods.
import type { BackendHandlers } from '../../ipc/contract';
import type { Services } from '../services';

type AccountMethods =
  | 'account.get'
  | 'account.create'
  | 'account.restore'
  | 'account.setDisplayName'
  | 'account.getRecoveryPassword'
  | 'account.containsRecoveryPassword';

export function accountHandlers(s: Pick<Services, 'account' | 'configSync' | 'restoreWaitMs'>): Pick<BackendHandlers, AccountMethods> {
  return {
    'account.get': async () => s.account.get(),
    'account.create': async ({ displayName }) => s.account.create(displayName),
    'account.restore': async ({ mnemonic, displayName }) => {
      // The name comes from the account's profile config on the network when there is one (config sync
      // waits for it); the given one is only the fallback, pushed once the configs are merged.
      const { sessionId } = s.account.restore(mnemonic);
      const name = s.configSync.started() ? await s.configSync.restoreName(displayName, s.restoreWaitMs) : displayName;
      return name !== undefined ? { sessionId, displayName: name } : { sessionId };
    },
    'account.setDisplayName': async ({ displayName }) => s.configSync.setDisplayName(displayName),
    'account.getRecoveryPassword': async () => s.account.recoveryPassword(),
    'account.containsRecoveryPassword': async ({ text }) => ({
      contains: s.account.containsRecoveryPassword(text),
    }),
  };
}
