// The conversation settings modal of spec/ui.md §5: profile header (avatar or the Account ID's QR code,
// which opens full screen and saves as PNG; name, the real name under a nickname, a pencil to set the
// nickname; "Account ID" pill and the ID with copy), then the items that apply to the conversation's type —
// for 1:1: Copy Account ID, Pin/Unpin, Notifications (its own page), and the destructive Block/Unblock,
// Clear All Messages, Delete Conversation, Delete Contact; for Note to Self: Copy Account ID, Pin/Unpin,
// Show Note to Self (when hidden), and the destructive Hide Note to Self, Clear All Messages.
// Both also have Attachments, which opens the media & files gallery (§5.5), and Disappearing Messages
// (§5.3, its own page; opened standalone from the conversation header, it closes when done).
import { Ban, Bell, Users, Copy, Link, LogOut, ShieldMinus, ShieldPlus, UserCheck, Images, Eye, EyeOff, MessageSquareX, Pencil, Pin, PinOff, QrCode as QrIcon, Trash2, UserMinus, UserPlus, UserRound, type LucideIcon } from 'lucide-react';
import { useEffect, useState } from 'react';
import styled from 'styled-components';
import { NOTIFICATION_MODES, type ConversationSummary, type NotificationMode } from '../../../ipc/contract';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import type { LocaleKey } from '../../locales/en';
import { t } from '../../locales/i18n';
import { selectAccount } from '../../state/account';
import { selectConversation, unlistedNoteToSelf } from '../../state/conversations';
import { closeTopModal, openModal } from '../../state/ui';
import { Avatar } from '../common/Avatar';
import { listRowButton, pillButton } from '../common/formStyles';
import { IconButton } from '../common/IconButton';
import { Modal } from '../common/Modal';
import { conversationName } from './conversationName';
import { ZoomableQr } from '../settings/ZoomableQr';
// --- conversation features: disappearing messages (begin) ---
import { Timer } from 'lucide-react';
import { expirationSummary } from '../conversation/expiration';
import { DisappearingMessagesPage } from './DisappearingMessagesPage';
// --- conversation features: disappearing messages (end) ---
import { useConversationActions, type ConfirmedAction } from './useConversationActions';
import { AvatarBox, Pill, QrToggle } from './profileParts';
// --- communities (begin) ---
import { ModerationDialog, type ModerationKind } from '../conversation/community/ModerationDialog';
import { InviteContactsDialog } from '../conversation/community/InviteContactsDialog';
// --- communities (end) ---
// --- groups ---
import { GroupMembersList } from './GroupMembersList';
// --- groups admin (begin) ---
import { Plus, Settings2 } from 'lucide-react';
import { useGroupLeave } from '../groupAdmin/useGroupLeave';
import { ManageMembers } from '../groupAdmin/ManageMembers';
import { GroupInviteDialog } from '../groupAdmin/GroupInviteDialog';
import { UpdateGroupDialog } from '../groupAdmin/UpdateGroupDialog';
import { PictureButton, PlusBadge } from '../settings/SetDisplayPictureModal';
// --- groups admin (end) ---

const Profile = styled.div`
  display: flex;
  flex-direction: column;
  align-items: center;
  gap: 10px;
  margin-bottom: 20px;
  h3 {
    margin: 0;
    font-size: 20px;
    font-weight: 700;
    text-align: center;
    overflow-wrap: anywhere;
  }
`;

const NameRow = styled.div`
  display: flex;
  align-items: center;
  gap: 4px;
`;

const RealName = styled.p`
  margin: -6px 0 0;
  font-size: 14px;
  color: var(--text-secondary-color);
  text-align: center;
  overflow-wrap: anywhere;
`;

const IdRow = styled.div`
  display: flex;
  align-items: center;
  gap: 6px;
  code {
    max-width: 290px;
    font-size: 13px;
    text-align: center;
    overflow-wrap: anywhere;
    user-select: all;
  }
`;

const Panel = styled.div`
  margin-top: 12px;
  border-radius: 10px;
  background: var(--background-secondary-color);
  overflow: hidden;
`;

const AdminHeading = styled.h4`
  margin: 18px 4px 0;
  font-size: 13px;
  font-weight: 700;
  color: var(--text-secondary-color);
`;

const Description = styled.p`
  margin: -4px 0 0;
  max-width: 320px;
  font-size: 13px;
  color: var(--text-secondary-color);
  text-align: center;
  overflow-wrap: anywhere;
`;

// --- groups admin ---
const LastAdminNote = styled.p`
  margin: 10px 4px 0;
  font-size: 13px;
  color: var(--text-secondary-color);
  text-align: center;
`;

const ItemButton = styled.button<{ $danger?: boolean }>`
  ${listRowButton}
  gap: 14px;
  padding: 8px 16px;
  &:hover {
    background: var(--conversation-tab-background-hover-color);
  }
  &:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: -2px;
  }
  small {
    display: block;
    font-size: 12px;
    color: var(--text-secondary-color);
  }
`;

const Radios = styled.fieldset`
  margin: 0 0 20px;
  padding: 0;
  border: none;
  legend {
    margin-bottom: 8px;
    color: var(--text-secondary-color);
    font-size: 13px;
  }
  label {
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 10px 4px;
    font-size: 15px;
    cursor: pointer;
  }
  input:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 2px;
  }
`;

const SetButton = styled.button`
  display: block;
  min-width: 110px;
  margin: 0 auto;
  padding: 8px 20px;
  border-radius: 20px;
  ${pillButton}
  &:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 2px;
  }
`;

const MODE_LABELS: Record<NotificationMode, LocaleKey> = { all: 'convNotificationsAll', mute: 'convNotificationsMuted', mentions: 'convNotificationsMentions' };
const MODE_OPTIONS: Record<NotificationMode, LocaleKey> = { all: 'convNotificationsAll', mute: 'convNotificationsMute', mentions: 'convNotificationsMentions' };
/** "Mentions Only" is offered in community rooms and groups (where mentions are marked by the backend). */
function modesFor(c: ConversationSummary): readonly NotificationMode[] {
  return c.kind === 'community' || c.kind === 'group' ? NOTIFICATION_MODES : NOTIFICATION_MODES.filter((m) => m !== 'mentions');
}

interface Item {
  id: string;
  label: string;
  sub?: string;
  icon: LucideIcon;
  danger?: boolean;
  run: () => void;
}

interface ItemActions {
  ask: (a: ConfirmedAction) => void;
  copy: () => void;
  openNotifications: () => void;
  setPinned: (pinned: boolean) => void;
  openAttachments: () => void;
  // --- conversation features: disappearing messages ---
  openDisappearing: () => void;
  // --- communities ---
  copyUrl: () => void;
  openModeration: (kind: ModerationKind) => void;
  openInvite: () => void;
  // --- groups ---
  openMembers: () => void;
  // --- groups admin ---
  openManage: () => void;
  openGroupInvite: () => void;
}

/**
 * spec/ui.md §5.2 for a group, member view: Disappearing Messages (read-only: admins set it), Pin,
 * Notifications, "Group Members", Attachments; "Clear All Messages" and "Leave Group", or a local "Delete
 * Group" once we were removed or the group was deleted.
 * --- groups admin: an admin's "Admin Settings" hold "Invite Contacts", "Manage Members" and Disappearing
 * Messages (which they can set); "Delete Group" deletes it for everyone, and "Leave Group" is not offered to
 * the last admin (`canLeave` false: the page says why instead). ---
 */
function groupItems(c: ConversationSummary, actions: ItemActions, canLeave = true) {
  const main: Item[] = [];
  const admin: Item[] = [];
  const danger: Item[] = [];
  const g = c.group!;
  const closed = g.kicked || g.destroyed;
  if (g.invitationPending) {
    danger.push({ id: 'delete-group-invite', label: t('convDelete'), icon: Trash2, danger: true, run: () => actions.ask('delete-group-invite') });
    return { main, admin, danger };
  }
  const isAdmin = g.admin && !closed;
  const disappearing: Item = { id: 'disappearing', label: t('cfDisappearingMessages'), sub: expirationSummary(c.expiration), icon: Timer, run: actions.openDisappearing };
  if (!closed && !isAdmin) main.push(disappearing);
  if (!closed) {
    main.push(
      (c.pinnedPriority ?? 0) > 0
        ? { id: 'unpin', label: t('cfgUnpinConversation'), icon: PinOff, run: () => actions.setPinned(false) }
        : { id: 'pin', label: t('cfgPinConversation'), icon: Pin, run: () => actions.setPinned(true) },
    );
    main.push({ id: 'notifications', label: t('convNotifications'), sub: t(MODE_LABELS[c.notificationMode ?? 'all']), icon: Bell, run: actions.openNotifications });
    if (!isAdmin) main.push({ id: 'group-members', label: t('grGroupMembers'), icon: Users, run: actions.openMembers });
  }
  main.push({ id: 'attachments', label: t('mediaAttachments'), icon: Images, run: actions.openAttachments });
  if (isAdmin) {
    admin.push({ id: 'invite-contacts', label: t('cmInviteContacts'), icon: UserPlus, run: actions.openGroupInvite });
    admin.push({ id: 'manage-members', label: t('gaManageMembers'), icon: Settings2, run: actions.openManage });
    admin.push(disappearing);
  }
  danger.push({ id: 'clear-messages', label: t('convClearAllMessages'), icon: MessageSquareX, danger: true, run: () => actions.ask('clear-messages') });
  if (closed) danger.push({ id: 'delete-group', label: t('grDelete'), icon: Trash2, danger: true, run: () => actions.ask('delete-group') });
  else {
    if (!isAdmin || canLeave) danger.push({ id: 'leave-group', label: t('grLeave'), icon: LogOut, danger: true, run: () => actions.ask('leave-group') });
    if (isAdmin) danger.push({ id: 'destroy-group', label: t('grDelete'), icon: Trash2, danger: true, run: () => actions.ask('destroy-group') });
  }
  return { main, admin, danger };
}

/** spec/ui.md §5.2 for a community room: no disappearing messages, "Admin Settings" for moderators only. */
function communityItems(c: ConversationSummary, actions: ItemActions) {
  const main: Item[] = [];
  const admin: Item[] = [];
  const danger: Item[] = [];
  const room = c.community!;
  main.push({ id: 'copy-community-url', label: t('cmCopyUrl'), icon: Link, run: actions.copyUrl });
  main.push(
    (c.pinnedPriority ?? 0) > 0
      ? { id: 'unpin', label: t('cfgUnpinConversation'), icon: PinOff, run: () => actions.setPinned(false) }
      : { id: 'pin', label: t('cfgPinConversation'), icon: Pin, run: () => actions.setPinned(true) },
  );
  main.push({ id: 'notifications', label: t('convNotifications'), sub: t(MODE_LABELS[c.notificationMode ?? 'all']), icon: Bell, run: actions.openNotifications });
  main.push({ id: 'invite-contacts', label: t('cmInviteContacts'), icon: UserPlus, run: actions.openInvite });
  main.push({ id: 'attachments', label: t('mediaAttachments'), icon: Images, run: actions.openAttachments });
  if (room.moderator) {
    admin.push({ id: 'ban-user', label: t('cmBanUser'), icon: Ban, run: () => actions.openModeration('ban') });
    admin.push({ id: 'unban-user', label: t('cmUnbanUser'), icon: UserCheck, run: () => actions.openModeration('unban') });
  }
  // Only admins may make or unmake admins (spec advanced.md A.9).
  if (room.admin) {
    admin.push({ id: 'add-admins', label: t('cmAddAdmins'), icon: ShieldPlus, run: () => actions.openModeration('add-admins') });
    admin.push({ id: 'remove-admins', label: t('cmRemoveAdmins'), icon: ShieldMinus, run: () => actions.openModeration('remove-admins') });
  }
  danger.push({ id: 'clear-messages', label: t('convClearAllMessages'), icon: MessageSquareX, danger: true, run: () => actions.ask('clear-messages') });
  danger.push({ id: 'leave-community', label: t('cmLeave'), icon: LogOut, danger: true, run: () => actions.ask('leave-community') });
  return { main, admin, danger };
}

function itemsFor(c: ConversationSummary, { ask, copy, openNotifications, setPinned, openAttachments, openDisappearing }: ItemActions) {
  const main: Item[] = [];
  const danger: Item[] = [];
  const isPrivate = c.kind === 'private';
  const isNoteToSelf = c.kind === 'note-to-self';
  // --- communities: a blinded id (`15…`) is no Account ID to copy or block (spec/ui.md §3.7) ---
  const blinded = c.id.startsWith('15');
  if ((isPrivate && !blinded) || isNoteToSelf) main.push({ id: 'copy-id', label: t('convCopyAccountId'), icon: Copy, run: copy });
  // --- conversation features: disappearing messages (spec/ui.md §5.2: sub-text = the current setting) ---
  if (isNoteToSelf || (isPrivate && !c.isRequest && !c.isBlocked)) {
    main.push({ id: 'disappearing', label: t('cfDisappearingMessages'), sub: expirationSummary(c.expiration), icon: Timer, run: openDisappearing });
  }
  // Friends and ourselves can be pinned (not requests or blocked contacts, which the list does not show).
  if (isNoteToSelf || (isPrivate && c.isApproved && !c.isRequest && !c.isBlocked)) {
    main.push(
      (c.pinnedPriority ?? 0) > 0
        ? { id: 'unpin', label: t('cfgUnpinConversation'), icon: PinOff, run: () => setPinned(false) }
        : { id: 'pin', label: t('cfgPinConversation'), icon: Pin, run: () => setPinned(true) },
    );
  }
  if (isPrivate && !c.isRequest && !c.isBlocked) {
    main.push({
      id: 'notifications',
      label: t('convNotifications'),
      sub: t(MODE_LABELS[c.notificationMode ?? 'all']),
      icon: Bell,
      run: openNotifications,
    });
  }
  // spec/ui.md §5.2: "Attachments" closes the settings and opens the media & files gallery.
  if (isPrivate || isNoteToSelf) main.push({ id: 'attachments', label: t('mediaAttachments'), icon: Images, run: openAttachments });
  if (isPrivate && !blinded) {
    danger.push(
      c.isBlocked
        ? { id: 'unblock', label: t('convUnblock'), icon: Ban, danger: true, run: () => ask('unblock') }
        : { id: 'block', label: t('convBlock'), icon: Ban, danger: true, run: () => ask('block') },
    );
  }
  if (isNoteToSelf) {
    if (c.hidden) main.push({ id: 'show-note-to-self', label: t('cfgShowNoteToSelf'), icon: Eye, run: () => ask('show-note-to-self') });
    else danger.push({ id: 'hide-note-to-self', label: t('cfgHideNoteToSelf'), icon: EyeOff, danger: true, run: () => ask('hide-note-to-self') });
  }
  danger.push({ id: 'clear-messages', label: t('convClearAllMessages'), icon: MessageSquareX, danger: true, run: () => ask('clear-messages') });
  if (isPrivate && c.isRequest) {
    danger.push({ id: 'delete-request', label: t('convDelete'), icon: Trash2, danger: true, run: () => ask('delete-request') });
  } else if (isPrivate) {
    danger.push({ id: 'delete-conversation', label: t('convDeleteConversation'), icon: Trash2, danger: true, run: () => ask('delete-conversation') });
    danger.push({ id: 'delete-contact', label: t('convDeleteContact'), icon: UserMinus, danger: true, run: () => ask('delete-contact') });
  }
  return { main, danger };
}

function Items({ items }: { items: Item[] }) {
  if (items.length === 0) return null;
  return (
    <Panel>
      {items.map(({ id, label, sub, icon: Icon, danger, run }) => (
        <ItemButton key={id} type="button" $danger={danger} onClick={run} data-testid={`conversation-settings-${id}`}>
          <Icon size={20} aria-hidden />
          <span>
            {label}
            {sub ? <small>{sub}</small> : null}
          </span>
        </ItemButton>
      ))}
    </Panel>
  );
}

function NotificationsPage({ c, onDone }: { c: ConversationSummary; onDone: () => void }) {
  const { setMode } = useConversationActions();
  const current = c.notificationMode ?? 'all';
  const [mode, setModeChoice] = useState<NotificationMode>(current);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    const ok = await setMode(c.id, mode);
    setBusy(false);
    if (ok) onDone();
  };
  return (
    <div data-testid="conversation-settings-notifications-page">
      <Radios>
        <legend>{t('convNotifications')}</legend>
        {modesFor(c).map((m) => (
          <label key={m}>
            <input type="radio" name="conversation-notification-mode" value={m} checked={mode === m} onChange={() => setModeChoice(m)} />
            {t(MODE_OPTIONS[m])}
          </label>
        ))}
      </Radios>
      <SetButton type="button" disabled={busy || mode === current} onClick={() => void save()} data-testid="conversation-settings-set">
        {t('convSet')}
      </SetButton>
    </div>
  );
}

export function ConversationSettingsModal({ conversationId, standalonePage }: { conversationId: string; standalonePage?: 'disappearing' }) {
  const dispatch = useAppDispatch();
  const listed = useAppSelector(selectConversation(conversationId));
  const ownId = useAppSelector(selectAccount)?.sessionId;
  // A hidden Note to Self is not listed; its settings can still show it again.
  const c = listed ?? (conversationId === ownId ? unlistedNoteToSelf(conversationId) : undefined);
  const actions = useConversationActions();
  const [page, setPage] = useState<'home' | 'notifications' | 'disappearing' | 'members' | 'manage'>(standalonePage ?? 'home');
  const [standalone, setStandalone] = useState(standalonePage !== undefined);
  const [showQr, setShowQr] = useState(false);
  // --- communities: the open moderation dialog ---
  const [moderating, setModerating] = useState<ModerationKind | null>(null);
  const [inviting, setInviting] = useState(false);
  // --- groups admin: the open dialogs, and whether another admin remains (the last admin cannot leave) ---
  const [groupInviting, setGroupInviting] = useState(false);
  const [editingGroup, setEditingGroup] = useState(false);
  const { admin: groupAdmin, canLeave, lastAdmin } = useGroupLeave(listed);
  const close = () => dispatch(closeTopModal());
  // A conversation the backend does not know (yet) has nothing to set: the modal closes rather than
  // sitting invisible on the stack.
  const missing = !c;
  useEffect(() => {
    if (missing) dispatch(closeTopModal());
  }, [dispatch, missing]);
  if (!c) return null;
  const name = conversationName(c);
  // --- conversation features: disappearing messages (begin) ---
  if (page === 'disappearing') {
    // Opened standalone (from the header), Set closes it; the back chevron goes to the settings page.
    const done = standalone ? close : () => setPage('home');
    const back = () => {
      setStandalone(false);
      setPage('home');
    };
    return (
      <Modal title={t('cfDisappearingMessages')} onClose={close} onBack={back} testId="conversation-settings">
        <DisappearingMessagesPage c={c} onDone={done} />
      </Modal>
    );
  }
  // --- conversation features: disappearing messages (end) ---
  // --- groups: "Group Members" (spec/ui.md §8.6, member view: names, roles, statuses) ---
  if (page === 'members') {
    return (
      <Modal title={t('grGroupMembers')} onClose={close} onBack={() => setPage('home')} testId="conversation-settings">
        <GroupMembersList groupId={c.id} />
      </Modal>
    );
  }
  // --- groups admin: "Manage Members" (spec/ui.md §8.6) ---
  if (page === 'manage') {
    return (
      <Modal title={t('gaManageMembers')} onClose={close} onBack={() => setPage('home')} testId="conversation-settings">
        <ManageMembers c={c} />
      </Modal>
    );
  }
  if (page === 'notifications') {
    return (
      <Modal title={t('convNotifications')} onClose={close} onBack={() => setPage('home')} testId="conversation-settings">
        <NotificationsPage c={c} onDone={() => setPage('home')} />
      </Modal>
    );
  }
  const itemActions: ItemActions = {
    ask: (a) => actions.ask(a, c),
    copy: () => actions.copyId(c.id),
    openNotifications: () => setPage('notifications'),
    setPinned: (pinned) => void actions.setPinned(c.id, pinned),
    openDisappearing: () => setPage('disappearing'),
    openAttachments: () => {
      dispatch(closeTopModal());
      dispatch(openModal({ kind: 'media-gallery', conversationId: c.id }));
    },
    copyUrl: () => actions.copyId(c.community?.url ?? c.id),
    openModeration: setModerating,
    openMembers: () => setPage('members'),
    openInvite: () => setInviting(true),
    openManage: () => setPage('manage'),
    openGroupInvite: () => setGroupInviting(true),
  };
  const isCommunity = c.kind === 'community' && c.community !== undefined;
  const isGroup = c.kind === 'group' && c.group !== undefined;
  const { main, danger, admin = [] } = isCommunity
    ? communityItems(c, itemActions)
    : isGroup
      ? groupItems(c, itemActions, canLeave)
      : { ...itemsFor(c, itemActions), admin: [] };
  // Our own Account ID has no QR here (spec/ui.md §5.1); the settings home shows it.
  // A community's QR code is its join URL (spec/ui.md §5.1).
  const qrAllowed = c.kind === 'private' || isCommunity;
  const qrText = isCommunity ? c.community!.url : c.id;
  // The pencil sets a nickname for 1:1 friends (spec/ui.md §5, §8.4).
  const canNickname = c.kind === 'private' && c.isApproved && !c.isRequest && !c.isBlocked;
  // Under a nickname, the name they chose themselves (spec/ui.md §5.1).
  const realName = c.kind === 'private' && c.nickname ? c.profileName?.trim() : undefined;
  return (
    <>
      <Modal title={t('convSettingsTitle')} onClose={close} testId="conversation-settings">
        <Profile data-testid="conversation-settings-profile">
          <AvatarBox>
            {showQr ? (
              <ZoomableQr
                text={qrText}
                label={isCommunity ? t('cmCommunityQr') : t('convQrAlt')}
                size={190}
                testId="conversation-settings-qr"
                saveAs={isCommunity ? `session-community-${c.community!.room}.png` : `session-account-id-${c.id.slice(0, 8)}.png`}
              />
            ) : groupAdmin ? (
              // --- groups admin: the "+" on the avatar sets the group's picture (spec/ui.md §5.1) ---
              <PictureButton
                type="button"
                onClick={() => dispatch(openModal({ kind: 'set-display-picture', groupId: c.id }))}
                aria-label={t('gaSetPicture')}
                title={t('gaSetPicture')}
                data-testid="conversation-settings-group-picture"
              >
                <Avatar id={c.id} name={c.name} size={90} />
                <PlusBadge aria-hidden>
                  <Plus size={18} />
                </PlusBadge>
              </PictureButton>
            ) : (
              <Avatar id={c.id} name={c.kind === 'note-to-self' ? name : c.name} size={90} />
            )}
            {qrAllowed ? (
              <QrToggle>
                <IconButton
                  label={showQr ? t('convHideQr') : t('convShowQr')}
                  size={30}
                  aria-pressed={showQr}
                  onClick={() => setShowQr(!showQr)}
                  data-testid="conversation-settings-qr-toggle"
                >
                  {showQr ? <UserRound size={16} aria-hidden /> : <QrIcon size={16} aria-hidden />}
                </IconButton>
              </QrToggle>
            ) : null}
          </AvatarBox>
          <NameRow>
            <h3 dir="auto" data-testid="conversation-settings-name">
              {name}
            </h3>
            {canNickname ? (
              <IconButton label={t('cfgSetNickname')} size={30} onClick={() => actions.editNickname(c)} data-testid="conversation-settings-nickname-inline">
                <Pencil size={16} aria-hidden />
              </IconButton>
            ) : null}
            {/* --- groups admin: the pencil edits the group's name and description (spec/ui.md §5, §8.1) --- */}
            {groupAdmin ? (
              <IconButton label={t('gaEdit')} size={30} onClick={() => setEditingGroup(true)} data-testid="conversation-settings-edit-group">
                <Pencil size={16} aria-hidden />
              </IconButton>
            ) : null}
          </NameRow>
          {realName ? (
            <RealName dir="auto" data-testid="conversation-settings-real-name">
              {t('cfgRealName', { name: realName })}
            </RealName>
          ) : null}
          {isCommunity && c.community!.description ? (
            <Description dir="auto" data-testid="conversation-settings-description">
              {c.community!.description}
            </Description>
          ) : null}
          {/* --- groups: the description (read-only: admins set it with the name and picture) --- */}
          {isGroup && c.group!.description ? (
            <Description dir="auto" data-testid="conversation-settings-description">
              {c.group!.description}
            </Description>
          ) : null}
          {c.kind === 'private' || c.kind === 'note-to-self' ? (
            <>
              <Pill title={c.id.startsWith('15') ? t('cmBlindedIdHelp') : undefined}>{c.id.startsWith('15') ? t('cmBlindedIdPill') : t('convAccountIdPill')}</Pill>
              <IdRow>
                <code data-testid="conversation-settings-id">{c.id}</code>
                <IconButton label={t('convCopyAccountId')} size={30} onClick={() => actions.copyId(c.id)} data-testid="conversation-settings-copy-id-inline">
                  <Copy size={16} aria-hidden />
                </IconButton>
              </IdRow>
            </>
          ) : null}
        </Profile>
        <Items items={main} />
        {admin.length > 0 ? (
          <>
            <AdminHeading>{t('cmAdminSettings')}</AdminHeading>
            <Items items={admin} />
          </>
        ) : null}
        <Items items={danger} />
        {lastAdmin ? <LastAdminNote data-testid="conversation-settings-last-admin">{t('gaLastAdmin')}</LastAdminNote> : null}
      </Modal>
      {actions.dialog}
      {moderating ? <ModerationDialog roomId={c.id} kind={moderating} community={c.community} onClose={() => setModerating(null)} /> : null}
      {inviting ? <InviteContactsDialog roomId={c.id} onClose={() => setInviting(false)} /> : null}
      {/* --- groups admin --- */}
      {groupInviting ? <GroupInviteDialog groupId={c.id} onClose={() => setGroupInviting(false)} onInvited={() => setPage('manage')} /> : null}
      {editingGroup ? <UpdateGroupDialog c={c} onClose={() => setEditingGroup(false)} /> : null}
    </>
  );
}
