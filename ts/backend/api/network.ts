// Handlers of the network.* and ons.* methods.
import type { BackendHandlers } from '../../ipc/contract';
import { IpcError } from '../../ipc/errors';

const notYet = (): never => {
  throw new IpcError('unavailable', 'The network is not available in this build yet.');
};

export function networkHandlers(): Pick<BackendHandlers, 'network.getPaths' | 'ons.resolve'> {
  return { 'network.getPaths': notYet, 'ons.resolve': notYet };
}
