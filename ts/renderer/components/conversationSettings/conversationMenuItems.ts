// Which conversation actions apply to a conversation, in the official order (spec/ui.md §3.7 for the
// list's menu, §3.11 for requests; reduced while searching). Pins, nicknames, the unread marker and
// hiding Note to Self are kept in the account's configs by the backend.
import type { ConversationSummary } from '../../../ipc/contract';
import { t } from '../../locales/i18n';
import type { MenuItem } from './ContextMenu';
import { isUnread } from '../../state/conversations';
import type { ConversationActions } from './useConversationActions';

export function conversationMenuItems(
  c: ConversationSummary,
  actions: ConversationActions,
  // --- groups admin: `groupCanLeave` false hides "Leave Group" (the last admin; see useGroupLeave) ---
  { searching = false, groupCanLeave = true } = {},
): MenuItem[] {
  const items: MenuItem[] = [];
  const isPrivate = c.kind === 'private';
  // --- groups: an invitation (a request, or listed when an approved contact sent it): Accept, Delete, Block the inviter ---
  const group = c.kind === 'group' ? c.group : undefined;
  if (group?.invitationPending) {
    items.push({ id: 'accept', label: t('convAccept'), onSelect: () => void actions.accept(c.id) });
    items.push({ id: 'delete-request', label: t('convDelete'), danger: true, onSelect: () => actions.ask('delete-group-invite', c) });
    if (group.invitedBy) items.push({ id: 'block', label: t('convBlock'), danger: true, onSelect: () => actions.ask('block-group-inviter', c) });
    return items;
  }
  const groupOpen = group !== undefined && !group.kicked && !group.destroyed;
  if (c.isRequest) {
    const blindedRequest = c.id.startsWith('15');
    items.push({ id: 'accept', label: t('convAccept'), onSelect: () => void actions.accept(c.id) });
    if (!blindedRequest) items.push({ id: 'copy-id', label: t('convCopyAccountId'), onSelect: () => actions.copyId(c.id) });
    items.push({ id: 'delete-request', label: t('convDelete'), danger: true, onSelect: () => actions.ask('delete-request', c) });
    if (!blindedRequest) items.push({ id: 'block', label: t('convBlock'), danger: true, onSelect: () => actions.ask('block', c) });
    return items;
  }
  const isNoteToSelf = c.kind === 'note-to-self';
  const isCommunity = c.kind === 'community' && c.community !== undefined;
  // Friends, ourselves, joined rooms and groups we are still in can be pinned here (no requests, no strangers,
  // not a group we were removed from or that was deleted).
  if (isNoteToSelf || (isPrivate && c.isApproved) || isCommunity || groupOpen) {
    const pinned = (c.pinnedPriority ?? 0) > 0;
    items.push(
      pinned
        ? { id: 'unpin', label: t('cfgUnpin'), onSelect: () => void actions.setPinned(c.id, false) }
        : { id: 'pin', label: t('cfgPin'), onSelect: () => void actions.setPinned(c.id, true) },
    );
  }
  // --- communities: "Copy Community URL" (spec/ui.md §3.7 item 3) ---
  if (isCommunity) items.push({ id: 'copy-community-url', label: t('cmCopyUrl'), onSelect: () => actions.copyId(c.community!.url) });
  // --- communities: a blinded id (`15…`) is no Account ID to copy or block (spec/ui.md §3.7) ---
  const blinded = c.id.startsWith('15');
  if ((isPrivate && !blinded) || isNoteToSelf) {
    items.push({ id: 'copy-id', label: t('convCopyAccountId'), onSelect: () => actions.copyId(c.id) });
  }
  if ((isPrivate || isCommunity || groupOpen) && !c.isBlocked && !searching) {
    const mode = c.notificationMode ?? 'all';
    items.push({
      id: 'notifications',
      label: t('convNotifications'),
      submenu: [
        { id: 'notify-all', label: t('convNotificationsAll'), disabled: mode === 'all', onSelect: () => void actions.setMode(c.id, 'all') },
        { id: 'notify-mute', label: t('convNotificationsMute'), disabled: mode === 'mute', onSelect: () => void actions.setMode(c.id, 'mute') },
        // --- communities: "Mentions Only" ---
        ...(isCommunity || groupOpen
          ? [{ id: 'notify-mentions', label: t('convNotificationsMentions'), disabled: mode === 'mentions', onSelect: () => void actions.setMode(c.id, 'mentions') }]
          : []),
      ],
    });
  }
  if (!searching) {
    items.push(
      isUnread(c)
        ? { id: 'mark-read', label: t('convMarkRead'), onSelect: () => void actions.markRead(c.id) }
        : { id: 'mark-unread', label: t('cfgMarkUnread'), onSelect: () => void actions.markUnread(c.id) },
    );
  }
  if (isPrivate && c.isApproved && !c.isBlocked && !searching) {
    items.push({ id: 'set-nickname', label: t('cfgSetNickname'), onSelect: () => actions.editNickname(c) });
  }
  // --- conversation features: "User Details" opens the contact's profile (spec/ui.md §3.7 item 8, §8.3) ---
  if (isPrivate && !searching) items.push({ id: 'user-details', label: t('cfUserDetails'), onSelect: () => actions.showDetails(c) });
  if (isNoteToSelf) {
    if (c.hidden) items.push({ id: 'show-note-to-self', label: t('cfgShowNoteToSelf'), onSelect: () => actions.ask('show-note-to-self', c) });
    else if (!searching) items.push({ id: 'hide-note-to-self', label: t('cfgHideNoteToSelf'), onSelect: () => actions.ask('hide-note-to-self', c) });
  }
  if (isPrivate && !blinded) {
    items.push(
      c.isBlocked
        ? { id: 'unblock', label: t('convUnblock'), danger: true, onSelect: () => actions.ask('unblock', c) }
        : { id: 'block', label: t('convBlock'), danger: true, onSelect: () => actions.ask('block', c) },
    );
  }
  if (isPrivate) {
    items.push({ id: 'delete-conversation', label: t('convDeleteConversation'), danger: true, onSelect: () => actions.ask('delete-conversation', c) });
    items.push({ id: 'delete-contact', label: t('convDeleteContact'), danger: true, onSelect: () => actions.ask('delete-contact', c) });
  }
  // --- communities: "Leave Community", and Ban / Unban for moderators (spec/ui.md §3.7 item 11) ---
  if (isCommunity) items.push({ id: 'leave-community', label: t('cmLeave'), danger: true, onSelect: () => actions.ask('leave-community', c) });
  if (isCommunity && c.community!.moderator && !searching) {
    items.push({ id: 'ban-user', label: t('cmBanUser'), danger: true, onSelect: () => actions.moderate(c, 'ban') });
    items.push({ id: 'unban-user', label: t('cmUnbanUser'), danger: true, onSelect: () => actions.moderate(c, 'unban') });
  }
  // --- groups: "Leave Group", or a local "Delete Group" once removed or deleted (spec/ui.md §3.7 item 11) ---
  if (group) {
    if (!groupOpen) items.push({ id: 'delete-group', label: t('grDelete'), danger: true, onSelect: () => actions.ask('delete-group', c) });
    else if (groupCanLeave) items.push({ id: 'leave-group', label: t('grLeave'), danger: true, onSelect: () => actions.ask('leave-group', c) });
    // --- groups admin: an admin's "Delete Group" deletes it for everyone (spec/ui.md §3.7, §5.2) ---
    if (groupOpen && group.admin) items.push({ id: 'destroy-group', label: t('grDelete'), danger: true, onSelect: () => actions.ask('destroy-group', c) });
  }
  items.push({ id: 'clear-messages', label: t('convClearAllMessages'), danger: true, onSelect: () => actions.ask('clear-messages', c) });
  return items;
}
