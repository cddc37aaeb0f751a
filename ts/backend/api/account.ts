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

export function accountHandlers(s: Pick<Services, 'account'>): Pick<BackendHandlers, AccountMethods> {
  return {
    'account.get': async () => s.account.get(),
    'account.create': async ({ displayName }) => s.account.create(displayName),
    'account.restore': async ({ mnemonic, displayName }) => s.account.restore(mnemonic, displayName),
    'account.setDisplayName': async ({ displayName }) => s.account.setDisplayName(displayName),
    'account.getRecoveryPassword': async () => s.account.recoveryPassword(),
    'account.containsRecoveryPassword': async ({ text }) => ({
      contains: s.account.containsRecoveryPassword(text),
    }),
  };
}
