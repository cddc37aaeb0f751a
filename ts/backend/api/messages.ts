// Handlers of the messages.* and sync.* methods.
import type { BackendHandlers } from '../../ipc/contract';
import type { Services } from '../services';

export function messageHandlers(
  s: Pick<Services, 'messages' | 'engine'>,
): Pick<BackendHandlers, 'messages.list' | 'messages.send' | 'messages.retry' | 'messages.takeNew' | 'sync.pollNow'> {
  return {
    'messages.list': async ({ conversationId, beforeTimestamp, limit }) => s.messages.list(conversationId.trim().toLowerCase(), beforeTimestamp, limit),
    'messages.send': async ({ to, text }) => s.messages.send(to, text),
    'messages.retry': async ({ id }) => s.messages.retry(id),
    'messages.takeNew': async ({ consumer }) => s.messages.takeNew(consumer),
    'sync.pollNow': async () => s.engine.pollNow(),
  };
}
