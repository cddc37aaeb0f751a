// Which conversation actions apply to a conversation, in the official order (spec/ui.md §3.7 for the
// list's menu, §3.11 for requests; reduced while searching). Pinning, nicknames and hiding Note to Self
// arrive with config sync, so they are not offered yet.
import type { ConversationSummary } from '../../../ipc/contract';
import { t } from '../../locales/i18n';
import type { MenuItem } from './ContextMenu';
import type { ConversationActions } from './useConversationActions';

export function conversationMenuItems(c: ConversationSummary, actions: ConversationActions, { searching = false } = {}): MenuItem[] {
  const items: MenuItem[] = [];
  const isPrivate = c.kind === 'private';
  if (c.isRequest) {
    items.push({ id: 'accept', label: t('convAccept'), onSelect: () => void actions.accept(c.id) });
    items.push({ id: 'copy-id', label: t('convCopyAccountId'), onSelect: () => actions.copyId(c.id) });
    items.push({ id: 'delete-request', label: t('convDelete'), danger: true, onSelect: () => actions.ask('delete-request', c) });
    items.push({ id: 'block', label: t('convBlock'), danger: true, onSelect: () => actions.ask('block', c) });
    return items;
  }
  if (isPrivate || c.kind === 'note-to-self') {
    items.push({ id: 'copy-id', label: t('convCopyAccountId'), onSelect: () => actions.copyId(c.id) });
  }
  if (isPrivate && !c.isBlocked && !searching) {
    const mode = c.notificationMode ?? 'all';
    items.push({
      id: 'notifications',
      label: t('convNotifications'),
      submenu: [
        { id: 'notify-all', label: t('convNotificationsAll'), disabled: mode === 'all', onSelect: () => void actions.setMode(c.id, 'all') },
        { id: 'notify-mute', label: t('convNotificationsMute'), disabled: mode === 'mute', onSelect: () => void actions.setMode(c.id, 'mute') },
      ],
    });
  }
  if (c.unreadCount > 0 && !searching) items.push({ id: 'mark-read', label: t('convMarkRead'), onSelect: () => void actions.markRead(c.id) });
  if (isPrivate) {
    items.push(
      c.isBlocked
        ? { id: 'unblock', label: t('convUnblock'), danger: true, onSelect: () => actions.ask('unblock', c) }
        : { id: 'block', label: t('convBlock'), danger: true, onSelect: () => actions.ask('block', c) },
    );
    items.push({ id: 'delete-conversation', label: t('convDeleteConversation'), danger: true, onSelect: () => actions.ask('delete-conversation', c) });
    items.push({ id: 'delete-contact', label: t('convDeleteContact'), danger: true, onSelect: () => actions.ask('delete-contact', c) });
  }
  items.push({ id: 'clear-messages', label: t('convClearAllMessages'), danger: true, onSelect: () => actions.ask('clear-messages', c) });
  return items;
}
