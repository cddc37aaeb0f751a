// Keeps the two "hide" settings in step with the rest of the backend, so every host behaves alike:
// - the Message Requests banner, hidden from its menu, comes back when a new request arrives (the
//   official app does the same on a request's first incoming message: spec/ui.md §3.4);
// - hiding the recovery password also ends the "save your recovery password" banner for good (§3.2, §6.8).
import type { MessageView } from '../../ipc/contract';
import type { MessageStore } from '../db/messageStore';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import type { AccountService } from './account';
import type { ConversationsService } from './conversations';
import type { SettingsService } from './settings';

export interface HiddenUiDeps {
  events: EventBus;
  settings: SettingsService;
  account: Pick<AccountService, 'dismissRecoveryBanner'>;
  conversations: Pick<ConversationsService, 'summary'>;
  messages: Pick<MessageStore, 'list'>;
  log: Logger;
}

/**
 * The conversations that `added` starts as message requests: incoming requests whose stored messages
 * are exactly the ones just added (a request that already had messages is not new).
 */
export function newRequestIds(added: readonly MessageView[], deps: Pick<HiddenUiDeps, 'conversations' | 'messages'>): string[] {
  const perConversation = new Map<string, number>();
  for (const m of added) {
    if (m.direction === 'incoming') perConversation.set(m.conversationId, (perConversation.get(m.conversationId) ?? 0) + 1);
  }
  const fresh: string[] = [];
  for (const [id, count] of perConversation) {
    if (deps.conversations.summary(id)?.isRequest !== true) continue;
    // One more than were added: finding only these means the conversation had nothing before them.
    if (deps.messages.list(id, undefined, count + 1).length <= count) fresh.push(id);
  }
  return fresh;
}

/** Subscribes to the profile's events; the subscriptions end with the profile's event bus. */
export function wireHiddenUi(deps: HiddenUiDeps): void {
  const { events, settings, account, log } = deps;
  events.on('messages.added', ({ messages }) => {
    if (!settings.getAll().hideMessageRequestBanner) return;
    if (newRequestIds(messages, deps).length === 0) return;
    log.info('settings: a new message request shows the requests banner again');
    settings.set('hideMessageRequestBanner', false);
  });
  events.on('settings.changed', ({ key, value }) => {
    if (key === 'hideRecoveryPassword' && value === true) account.dismissRecoveryBanner();
  });
}
