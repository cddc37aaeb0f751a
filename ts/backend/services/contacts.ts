// The contact state service: blocking, per-contact notification mode and forgetting a contact. That state
// lives in the Contacts config: each change edits the config through config sync, which writes the
// database cache and pushes it to the account's other devices. Blocked senders' new messages are dropped by
// the receiver; blocking a message request also takes it out of the lists.
import type { BlockedContactView, ConversationSummary, NotificationMode } from '../../ipc/contract';
import { IpcError } from '../../ipc/errors';
import { parseRecipientSessionId } from '../../protocol';
import type { ConversationStore } from '../db/conversationStore';
import type { ConfigSync } from './configSync';
import type { ConversationsService } from './conversations';

export interface ContactsService {
  setBlocked(id: string, blocked: boolean): ConversationSummary;
  setNotificationMode(id: string, mode: NotificationMode): ConversationSummary;
  listBlocked(): BlockedContactView[];
  /** Deletes the conversation and forgets the contact: their next message is a message request again. */
  deleteContact(id: string): { id: string };
}

export function createContactsService(d: {
  store: ConversationStore;
  conversations: ConversationsService;
  config: () => ConfigSync;
  now: () => number;
  ownId: () => string | undefined;
}): ContactsService {
  /** A contact is another account: a valid 05 Account ID that is not ours. */
  const requireContactId = (id: string): string => {
    const parsed = parseRecipientSessionId(id);
    if (!parsed.ok || !parsed.value.hex.startsWith('05'))
      throw new IpcError('invalid_params', 'This is not an Account ID of a contact.');
    if (parsed.value.hex === d.ownId())
      throw new IpcError('invalid_params', 'You cannot do this with your own Account ID.');
    return parsed.value.hex;
  };

  /** The summary of a contact that may have no conversation (e.g. unblocked from the blocked list). */
  const summaryOf = (id: string): ConversationSummary => {
    const s = d.conversations.anySummary(id);
    if (s) return s;
    const c = d.store.contact(id);
    const out: ConversationSummary = {
      id,
      kind: 'private',
      isApproved: c?.isApproved ?? false,
      isRequest: false,
      isBlocked: c?.isBlocked ?? false,
      unreadCount: 0,
      updatedAt: d.now(),
      notificationMode: 'all',
    };
    if (c?.profileName !== undefined && c.profileName !== '') out.name = c.profileName;
    return out;
  };

  return {
    setBlocked(rawId, blocked) {
      const id = requireContactId(rawId);
      // Config sync emits the updated (or, for a blocked request, removed) conversation.
      d.config().setBlocked(id, blocked);
      return summaryOf(id);
    },
    setNotificationMode(rawId, mode) {
      const id = requireContactId(rawId);
      const s = d.conversations.summary(id);
      if (!s) throw new IpcError('not_found', 'No such conversation.');
      if (s.isRequest)
        throw new IpcError('invalid_params', 'Accept the message request before changing its notifications.');
      d.config().setNotificationMode(id, mode);
      return d.conversations.summary(id) as ConversationSummary;
    },
    listBlocked: () => d.store.listBlocked(),
    deleteContact(rawId) {
      const id = requireContactId(rawId);
      if (!d.conversations.anySummary(id) && !d.store.contact(id))
        throw new IpcError('not_found', 'No such contact.');
      d.conversations.remove([id]);
      d.config().forgetContact(id);
      return { id };
    },
  };
}
