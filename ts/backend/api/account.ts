// Handlers of the account.* methods.
import type { BackendHandlers } from '../../ipc/contract';
import { IpcError } from '../../ipc/errors';

type AccountMethods = 'account.get' | 'account.create' | 'account.restore' | 'account.setDisplayName' | 'account.getRecoveryPassword';

const notYet = (): never => {
  throw new IpcError('unavailable', 'Accounts are not available in this build yet.');
};

export function accountHandlers(): Pick<BackendHandlers, AccountMethods> {
  return {
    'account.get': notYet,
    'account.create': notYet,
    'account.restore': notYet,
    'account.setDisplayName': notYet,
    'account.getRecoveryPassword': notYet,
  };
}
