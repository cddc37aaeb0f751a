// Handlers of the messages.* and sync.* methods.
import type { BackendHandlers } from '../../ipc/contract';
import { IpcError } from '../../ipc/errors';

const notYet = (): never => {
  throw new IpcError('unavailable', 'Messaging is not available in this build yet.');
};

export function messageHandlers(): Pick<BackendHandlers, 'messages.list' | 'messages.send' | 'messages.retry' | 'messages.takeNew' | 'sync.pollNow'> {
  return { 'messages.list': notYet, 'messages.send': notYet, 'messages.retry': notYet, 'messages.takeNew': notYet, 'sync.pollNow': notYet };
}
