// Handlers of the conversations.* methods.
import type { BackendHandlers } from '../../ipc/contract';
import type { Services } from '../services';

export function conversationHandlers(
  s: Pick<Services, 'conversations'>,
): Pick<BackendHandlers, 'conversations.list' | 'conversations.accept' | 'conversations.decline' | 'conversations.markRead'> {
  return {
    'conversations.list': async ({ requests }) => s.conversations.list(requests === undefined ? {} : { requests }),
    'conversations.accept': async ({ id }) => s.conversations.accept(id.trim().toLowerCase()),
    'conversations.decline': async ({ id }) => s.conversations.decline(id.trim().toLowerCase()),
    'conversations.markRead': async ({ id }) => s.conversations.markRead(id.trim().toLowerCase()),
  };
}
