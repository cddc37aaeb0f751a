// Handlers of the account.* methods.
import type { BackendHandlers } from '../../ipc/contract';
import type { Services } from '../services';

type AccountMethods = 'account.get' | 'account.create' | 'account.restore' | 'account.setDisplayName' | 'account.getRecoveryPassword';

export function accountHandlers(s: Pick<Services, 'account'>): Pick<BackendHandlers, AccountMethods> {
  return {
    'account.get': () => s.account.get(),
    'account.create': ({ displayName }) => s.account.create(displayName),
    'account.restore': ({ mnemonic, displayName }) => s.account.restore(mnemonic, displayName),
    'account.setDisplayName': ({ displayName }) => s.account.setDisplayName(displayName),
    'account.getRecoveryPassword': () => s.account.recoveryPassword(),
  };
}
