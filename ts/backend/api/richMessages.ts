// Handlers of the conversation-feature methods (reactions, unsend, disappearing messages, typing, search,
// link previews). Each answers 'unavailable' until its service lands.
import type { BackendHandlers } from '../../ipc/contract';
import { IpcError } from '../../ipc/errors';
import type { Services } from '../services';

type RichMethods =
  | 'messages.react'
  | 'messages.unsend'
  | 'conversations.setExpiration'
  | 'conversations.typing'
  | 'messages.search'
  | 'linkPreviews.fetch';

const unavailable = (what: string): never => {
  throw new IpcError('unavailable', `${what} is not available yet.`);
};

export function richMessageHandlers(s: Services): Pick<BackendHandlers, RichMethods> {
  return {
    // --- reactions (begin) ---
    'messages.react': () => unavailable('Reacting'),
    // --- reactions (end) ---
    // --- unsend (begin) ---
    'messages.unsend': async ({ ids }) => s.unsend.unsend(ids),
    // --- unsend (end) ---
    // --- disappearing messages (begin) ---
    'conversations.setExpiration': (p) => s.disappearing.setExpiration(p.id, p.mode, p.seconds),
    // --- disappearing messages (end) ---
    // --- typing indicators (begin) ---
    'conversations.typing': async ({ id, typing }) => {
      s.typing.composing(id.trim().toLowerCase(), typing);
      return {};
    },
    // --- typing indicators (end) ---
    // --- search (begin) ---
    'messages.search': () => unavailable('Search'),
    // --- search (end) ---
    // --- link previews (begin) ---
    'linkPreviews.fetch': () => unavailable('Link previews'),
    // --- link previews (end) ---
  };
}
