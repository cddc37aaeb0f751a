// Handlers of the conversations.* methods.
import type { BackendHandlers } from '../../ipc/contract';
import type { Services } from '../services';

export function conversationHandlers(
  s: Pick<Services, 'conversations'>,
): Pick<BackendHandlers, 'conversations.list' | 'conversations.accept' | 'conversations.decline'> {
  return {
    'conversations.list': ({ requests }) => s.conversations.list(requests === undefined ? {} : { requests }),
    'conversations.accept': ({ id }) => s.conversations.accept(id.trim().toLowerCase()),
    'conversations.decline': ({ id }) => s.conversations.decline(id.trim().toLowerCase()),
  };
}
