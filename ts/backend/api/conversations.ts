// Handlers of the conversations.* methods.
import type { BackendHandlers } from '../../ipc/contract';
import { IpcError } from '../../ipc/errors';

const notYet = (): never => {
  throw new IpcError('unavailable', 'Conversations are not available in this build yet.');
};

export function conversationHandlers(): Pick<BackendHandlers, 'conversations.list' | 'conversations.accept' | 'conversations.decline'> {
  return { 'conversations.list': notYet, 'conversations.accept': notYet, 'conversations.decline': notYet };
}
