// The open conversation (spec/ui.md §4): the header (title and avatar open the conversation settings;
// in multi-select it becomes ✕ and a red "Delete"), the virtualized timeline, the message menu and its
// dialogs, the request bar for incoming requests, and the composer.
import { X } from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import styled from 'styled-components';
import type { ConversationSummary, MessageView } from '../../../ipc/contract';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import { useNow } from '../../hooks/useNow';
import { t } from '../../locales/i18n';
import { selectAccount } from '../../state/account';
import { selectConversation } from '../../state/conversations';
import { RequestBar } from './RequestBar';
import { attachFiles } from '../../state/compose';
import { conversationLeft, fetchMessages, PENDING_PREFIX } from '../../state/messages';
import { openModal } from '../../state/ui';
import { shortenId } from '../../theme/format';
import { Avatar } from '../common/Avatar';
import { VisuallyHidden } from '../common/VisuallyHidden';
import { IconButton } from '../common/IconButton';
import { copyWithToast } from './clipboard';
import { Composer } from './Composer';
// --- conversation features (begin) ---
import { DeleteMessagesDialog } from './DeleteMessagesDialog';
import { AutoDeletesIn } from './ExpiryTimer';
import { TypingIndicator } from './TypingIndicator';
import { ExpirationSubtitle, HeaderCenter } from './ExpirationSubtitle';
// --- conversation features (end) ---
import { saveAttachment } from './media/mediaActions';
import { MessageMenu, type MenuItem } from './MessageMenu';
import { resend } from './MessageRow';
import { Timeline } from './Timeline';
// --- replies ---
import { useReply } from './quote/useReply';
// --- communities (begin) ---
import { pinCommunityMessage, selectMembers } from '../../state/communities';
import { selectMessagesOf } from '../../state/messages';
import { showToast } from '../../state/ui';
import { CommunityContext, type CommunityRoomContext } from './community/communityContext';
import { MemberProfileDialog } from './community/MemberProfileDialog';
import { useModeration } from './community/useModeration';
// --- communities (end) ---
// --- groups (begin) ---
import type { GroupMemberView } from '../../../ipc/contract';
import { fetchGroupMembers, selectGroupMembers } from '../../state/groups';
import { groupReadOnlyText } from './group/groupControl';
// --- groups (end) ---

const View = styled.section`
  position: relative;
  align-self: stretch;
  display: flex;
  flex-direction: column;
  flex: 1;
  min-width: 0;
  height: 100%;
`;

const Header = styled.header`
  display: flex;
  align-items: center;
  gap: 12px;
  height: 68px;
  flex: none;
  padding: 0 20px;
  border-bottom: 1px solid var(--borders-color);
`;

const Title = styled.h2`
  max-width: 100%;
  margin: 0;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
  font-size: 16px;
  font-weight: 700;
`;

const Subtitle = styled.span`
  max-width: 100%;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
  font-family: monospace;
  font-size: 12px;
  color: var(--text-secondary-color);
  user-select: all;
`;

const TitleButton = styled.button`
  display: flex;
  flex: 1;
  min-width: 0;
  flex-direction: column;
  align-items: center;
  gap: 2px;
  padding: 4px 8px;
  border: none;
  border-radius: 8px;
  background: transparent;
  color: inherit;
  font: inherit;
  cursor: pointer;
  &:focus-visible {
    outline: 2px solid var(--primary-color);
  }
`;

const AvatarButton = styled.button`
  position: relative;
  flex: none;
  padding: 0;
  border: none;
  border-radius: 50%;
  background: transparent;
  cursor: pointer;
  &:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 2px;
  }
`;

/** Communities: the member count (spec/ui.md §4.1) or, for a blinded conversation, the room it came from. */
const RoomLine = styled.span`
  max-width: 100%;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
  font-size: 13px;
  color: var(--text-secondary-color);
`;

const SelectCount = styled.span`
  flex: 1;
  text-align: center;
  font-weight: 700;
`;

const DeleteButton = styled.button`
  height: 34px;
  padding: 0 16px;
  border: none;
  border-radius: 6px;
  background: var(--danger-color);
  color: #fff;
  font: inherit;
  font-weight: 700;
  cursor: pointer;
  &:disabled {
    opacity: 0.5;
    cursor: default;
  }
  &:focus-visible {
    outline: 2px solid var(--text-primary-color);
    outline-offset: 2px;
  }
`;

const ReadOnlyNotice = styled.p`
  flex: none;
  margin: 0;
  padding: 16px 20px;
  border-top: 1px solid var(--borders-color);
  font-size: 14px;
  text-align: center;
  color: var(--text-secondary-color);
`;

/** Shown over the conversation while files are dragged onto it (spec/ui.md §4.7). */
const DropZone = styled.div`
  position: absolute;
  inset: 8px;
  z-index: 20;
  display: flex;
  align-items: center;
  justify-content: center;
  border: 2px dashed var(--primary-color);
  border-radius: 12px;
  background: var(--modal-background-color);
  color: var(--text-primary-color);
  font-size: 18px;
  font-weight: 700;
  pointer-events: none;
`;

function carriesFiles(e: DragEvent<HTMLElement>): boolean {
  return Array.from(e.dataTransfer?.types ?? []).includes('Files');
}



function nameOf(id: string, summary: ConversationSummary | undefined): string {
  if (summary?.kind === 'note-to-self') return t('noteToSelf');
  return summary?.name?.trim() || shortenId(id);
}

interface MenuState {
  m: MessageView;
  x: number;
  y: number;
  opener: HTMLElement | null;
}

/** The text the user selected inside this message, if any (Copy copies that, else the whole text). */
function selectedTextIn(opener: HTMLElement | null): string {
  const sel = typeof window !== 'undefined' ? window.getSelection() : null;
  if (!sel || sel.isCollapsed || !opener) return '';
  const row = opener.closest('[data-testid="message"]');
  return row && sel.anchorNode && row.contains(sel.anchorNode) ? sel.toString() : '';
}

/** The attachment "Save" saves: the one the menu was opened on (if it is here), else the first downloaded one. */
function attachmentToSave(m: MessageView, opener: HTMLElement | null): number | undefined {
  const downloaded = (m.attachments ?? []).filter((a) => a.state === 'downloaded');
  const row = opener?.closest<HTMLElement>('[data-testid="message"]');
  const clicked = row?.dataset.menuAttachment ? Number(row.dataset.menuAttachment) : undefined;
  return downloaded.find((a) => a.index === clicked)?.index ?? downloaded[0]?.index;
}

/** Keeps a room's name map current with its loaded messages and fetched members (draws nothing). */
function RoomNames({ conversationId, names }: { conversationId: string; names: Map<string, string> }) {
  const members = useAppSelector(selectMembers(conversationId));
  const loaded = useAppSelector(selectMessagesOf(conversationId));
  for (const m of members) if (m.name) names.set(m.id, m.name);
  for (const m of loaded) if (m.senderName) names.set(m.sender, m.senderName);
  return null;
}

// --- groups: the member list names the group's senders and mentions (our nickname for a contact first) ---
const EMPTY_MEMBERS: readonly GroupMemberView[] = [];
function groupNames(members: readonly GroupMemberView[], nicknames: readonly string[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const [i, m] of members.entries()) {
    const name = nicknames[i] || m.name?.trim();
    if (name) names.set(m.sessionId, name);
  }
  return names;
}

export function ConversationView({ conversationId }: { conversationId: string }) {
  const dispatch = useAppDispatch();
  const summary = useAppSelector(selectConversation(conversationId));
  const account = useAppSelector(selectAccount);
  const now = useNow();
  const name = nameOf(conversationId, summary);
  const [selection, setSelection] = useState<Set<string> | null>(null);
  const [menu, setMenu] = useState<MenuState | null>(null);
  const [deleting, setDeleting] = useState<string[] | null>(null);
  const [dragging, setDragging] = useState(false);
  const viewRef = useRef<HTMLElement>(null);
  // --- communities: the room's context for its rows (begin) ---
  const community = summary?.community;
  const [profile, setProfile] = useState<{ id: string; name?: string } | null>(null);
  const moderation = useModeration(conversationId);
  // Names of the ids that post or are mentioned, one map for the room: rows read it when they draw
  // (RoomNames fills it, so this view does not redraw with every message).
  const names = useMemo(() => new Map<string, string>(), [conversationId]);
  const ownSessionId = account?.sessionId;
  // The rows' context changes only when what they show of the room does (our role, its staff), not with
  // every summary update a new message brings: a changed context redraws every row.
  const roleKey = community
    ? [community.blindedId, community.moderator, community.admin, community.canWrite, community.canUpload, community.admins.join(), community.moderators.join()].join('|')
    : '';
  const latestCommunity = useRef(community);
  latestCommunity.current = community;
  const room = useMemo<CommunityRoomContext | null>(() => {
    const current = latestCommunity.current;
    return current && roleKey
      ? {
          conversationId,
          community: current,
          ownIds: new Set([current.blindedId, ownSessionId ?? ''].filter(Boolean)),
          names,
          openProfile: setProfile,
        }
      : null;
  }, [roleKey, conversationId, ownSessionId, names]);
  // --- communities (end) ---
  // --- groups: the group's context for its rows, its members fetched when it opens and when their count changes (begin) ---
  const group = summary?.group;
  const isGroup = summary?.kind === 'group' && group !== undefined;
  const invitationPending = group?.invitationPending ?? false;
  const memberCount = group?.memberCount;
  const members = useAppSelector(isGroup ? selectGroupMembers(conversationId) : () => EMPTY_MEMBERS);
  // Our nicknames for the members, as one string: this view redraws when one of them changes, not with every
  // conversation update.
  const nicknames = useAppSelector((s) => members.map((m) => s.conversations.byId[m.sessionId]?.nickname?.trim() ?? '').join('\u0000'));
  useEffect(() => {
    if (isGroup && !invitationPending) void dispatch(fetchGroupMembers(conversationId));
  }, [dispatch, conversationId, isGroup, invitationPending, memberCount]);
  const groupKey = group ? [group.admin, group.kicked, group.destroyed, group.invitationPending, group.name ?? ''].join('|') : '';
  const latestGroup = useRef(group);
  latestGroup.current = group;
  const groupContext = useMemo<CommunityRoomContext | null>(() => {
    const current = latestGroup.current;
    if (!current || !groupKey) return null;
    return {
      conversationId,
      group: current,
      ownIds: new Set([ownSessionId ?? ''].filter(Boolean)),
      ...(ownSessionId ? { ownSessionId } : {}),
      names: groupNames(members, nicknames.split('\u0000')),
      admins: new Set(members.filter((m) => m.role === 'admin').map((m) => m.sessionId)),
      openProfile: setProfile,
    };
  }, [groupKey, conversationId, ownSessionId, members, nicknames]);
  const groupClosed = isGroup && (group.kicked || group.destroyed);
  // --- groups (end) ---
  const canWrite = (!community || community.canWrite) && !groupClosed;
  // Files dropped anywhere on the conversation are attached, unless writing here is not possible.
  const acceptsFiles = !summary?.isBlocked && (!summary?.community || summary.community.canUpload) && !groupClosed;
  const onDragOver = (e: DragEvent<HTMLElement>) => {
    if (!acceptsFiles || !carriesFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    if (!dragging) setDragging(true);
  };
  const onDragLeave = (e: DragEvent<HTMLElement>) => {
    const next = e.relatedTarget;
    if (next instanceof Node && e.currentTarget.contains(next)) return;
    setDragging(false);
  };
  const onDrop = (e: DragEvent<HTMLElement>) => {
    setDragging(false);
    if (!acceptsFiles || !carriesFiles(e)) return;
    e.preventDefault();
    const files = Array.from(e.dataTransfer.files ?? []);
    if (files.length > 0) void dispatch(attachFiles({ conversationId, files }));
  };
  useEffect(() => {
    void dispatch(fetchMessages(conversationId));
    // Memory stays bounded by the open conversation: a closed one keeps no pages.
    return () => void dispatch(conversationLeft(conversationId));
  }, [dispatch, conversationId]);
  const openSettings = () => dispatch(openModal({ kind: 'conversation-settings', conversationId }));
  const toggleSelect = useCallback((id: string) => {
    if (id.startsWith(PENDING_PREFIX)) return;
    setSelection((prev) => {
      const next = new Set(prev ?? []);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);
  const onOpenMenu = useCallback((m: MessageView, x: number, y: number, opener: HTMLElement | null) => setMenu({ m, x, y, opener }), []);
  const menuRef = useRef(menu);
  menuRef.current = menu;
  const closeMenu = useCallback(() => {
    const opener = menuRef.current?.opener;
    setMenu(null);
    // Focus goes back to what opened the menu, if it is still drawn.
    if (opener?.isConnected) opener.focus();
  }, []);

  // --- replies ---
  const reply = useReply();
  const menuItems = (state: MenuState): MenuItem[] => {
    const { m } = state;
    const items: MenuItem[] = [];
    const pending = m.id.startsWith(PENDING_PREFIX);
    // --- conversation features: control and deleted messages offer only Select and Delete (spec/ui.md §4.5) (begin) ---
    if (m.control || m.deleted) {
      return [
        { id: 'select', label: t('tlSelect'), onSelect: () => setSelection(new Set([m.id])) },
        { id: 'delete', label: t('tlDelete'), danger: true, onSelect: () => setDeleting([m.id]) },
      ];
    }
    // --- conversation features (end) ---
    if (m.direction === 'outgoing' && m.status === 'failed') {
      items.push({ id: 'resend', label: t('tlResend'), onSelect: () => resend(dispatch, m, account?.sessionId ?? m.sender, now()) });
    }
    // spec/ui.md §4.5 "Save": the right-clicked attachment, else the message's first one that is here.
    const saveIndex = attachmentToSave(m, state.opener);
    if (saveIndex !== undefined && !summary?.isRequest) {
      items.push({ id: 'save', label: t('mediaSave'), onSelect: () => void saveAttachment(dispatch, m.id, saveIndex) });
    }
    // --- replies: "Reply" (spec/ui.md §4.5 item 3; in a blocked chat it says why not; not in a room we cannot write to) ---
    if (!pending && !m.deleted && !m.control && canWrite) items.push({ id: 'reply', label: t('replyAction'), onSelect: () => reply(m) });
    if (m.text !== '') {
      items.push({ id: 'copy', label: t('tlCopy'), onSelect: () => void copyWithToast(dispatch, selectedTextIn(state.opener) || m.text) });
    }
    if (!pending) {
      items.push({ id: 'info', label: t('tlInfo'), onSelect: () => dispatch(openModal({ kind: 'message-info', messageId: m.id })) });
      // --- reactions: "View Reactions" after Info (spec/ui.md §4.5 item 8) ---
      if (m.reactions?.length && !m.deleted) {
        items.push({ id: 'reactions', label: t('reactViewReactions'), onSelect: () => dispatch(openModal({ kind: 'reaction-list', messageId: m.id })) });
      }
      items.push({ id: 'select', label: t('tlSelect'), onSelect: () => setSelection(new Set([m.id])) });
    }
    // Only a real Account ID is offered for copying (a room's senders are blinded).
    if (m.direction === 'incoming' && !m.sender.startsWith('15')) {
      items.push({ id: 'copy-id', label: t('tlCopyAccountId'), onSelect: () => void copyWithToast(dispatch, m.sender) });
    }
    // --- communities: admins pin (spec/ui.md §4.5) ---
    if (community?.admin && !pending && m.serverId !== undefined) {
      const pinned = !!m.pinned;
      items.push({
        id: pinned ? 'unpin' : 'pin',
        label: pinned ? t('cmUnpinMessage') : t('cmPinMessage'),
        onSelect: () =>
          void dispatch(pinCommunityMessage({ messageId: m.id, pinned: !pinned })).then((r) => {
            if (pinCommunityMessage.rejected.match(r)) dispatch(showToast({ kind: 'error', message: t('cmPinFailed', { message: r.payload ?? '' }) }));
          }),
      });
    }
    if (!pending) {
      items.push({
        id: 'delete',
        label: t('tlDelete'),
        danger: true,
        onSelect: () => setDeleting([m.id]),
        // --- conversation features: the live "Auto-deletes in …" of a disappearing message ---
        sub: m.expiresAt !== undefined ? <AutoDeletesIn expiresAt={m.expiresAt} /> : undefined,
      });
    }
    // --- communities: moderators ban and unban the sender; admins also promote and demote (spec/ui.md §4.5 item 12) ---
    if (community?.moderator && m.direction === 'incoming' && !pending) {
      items.push({ id: 'ban', label: t('cmBanUser'), danger: true, onSelect: () => moderation.ask('ban', m.sender) });
      items.push({ id: 'unban', label: t('cmUnbanUser'), onSelect: () => void moderation.run('unban', m.sender) });
      if (community.admin) {
        const isAdmin = community.admins.includes(m.sender);
        items.push(
          isAdmin
            ? { id: 'unadmin', label: t('cmRemoveAsAdmin'), onSelect: () => void moderation.run('unadmin', m.sender) }
            : { id: 'admin', label: t('cmPromoteToAdmin'), onSelect: () => void moderation.run('admin', m.sender) },
        );
      }
    }
    return items;
  };

  // spec/ui.md §4.6/§4.7: Esc leaves multi-select, else focuses the composer; Delete/Backspace deletes the selection.
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const typing = e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLInputElement;
    if (selection && e.key === 'Escape') {
      e.preventDefault();
      setSelection(null);
      return;
    }
    if (selection && !typing && (e.key === 'Delete' || e.key === 'Backspace') && selection.size > 0 && !deleting) {
      e.preventDefault();
      setDeleting([...selection]);
      return;
    }
    if (e.key !== 'Escape') return;
    const input = e.currentTarget.querySelector<HTMLTextAreaElement>('[data-testid="composer-input"]');
    if (input && document.activeElement !== input) input.focus();
  };
  return (
    <View
      ref={viewRef}
      data-testid="conversation-view"
      aria-label={name}
      onKeyDown={onKeyDown}
      onDragEnter={onDragOver}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
    >
      {dragging ? <DropZone data-testid="drop-zone">{t('composeDropHere')}</DropZone> : null}
      {selection ? (
        <Header data-testid="conversation-header" data-selecting="true">
          <IconButton label={t('tlCancelSelection')} onClick={() => setSelection(null)} data-testid="selection-cancel">
            <X size={22} aria-hidden />
          </IconButton>
          <SelectCount aria-live="polite" data-testid="selection-count">
            {t('tlSelectedCount', { count: selection.size })}
          </SelectCount>
          <DeleteButton
            type="button"
            disabled={selection.size === 0}
            onClick={() => setDeleting([...selection])}
            data-testid="selection-delete"
          >
            {t('tlDelete')}
          </DeleteButton>
        </Header>
      ) : (
        <Header data-testid="conversation-header">
          {/* --- conversation features: the disappearing state under the title (begin) --- */}
          <HeaderCenter>
            <TitleButton type="button" onClick={openSettings} title={t('tlOpenConversationSettings')} data-testid="conversation-title-button">
              <Title dir="auto" data-testid="conversation-title">
                {name}
              </Title>
              {/* --- communities: a room shows its member count, a blinded conversation its room (spec/ui.md §4.1) --- */}
              {/* --- groups: "{count} members" and the notification state (spec/ui.md §4.1); hidden for invitations --- */}
              {isGroup ? (
                invitationPending ? null : (
                  <RoomLine data-testid="conversation-member-count">
                    {t('grMembers', { count: group.memberCount })}
                    {summary?.notificationMode === 'mentions' ? ` · ${t('cmHeaderMentionsOnly')}` : summary?.notificationMode === 'mute' ? ` · ${t('cmHeaderMuted')}` : null}
                  </RoomLine>
                )
              ) : community ? (
                community.activeUsers !== undefined ? (
                  <RoomLine data-testid="conversation-member-count">
                    {t('cmActiveMembers', { count: community.activeUsers })}
                    {summary?.notificationMode === 'mentions' ? ` · ${t('cmHeaderMentionsOnly')}` : summary?.notificationMode === 'mute' ? ` · ${t('cmHeaderMuted')}` : null}
                  </RoomLine>
                ) : null
              ) : (
                <Subtitle data-testid="conversation-session-id">{conversationId}</Subtitle>
              )}
              {summary?.blindedVia ? (
                <RoomLine data-testid="conversation-blinded-via">{t('cmBlindedVia', { name: summary.blindedVia.name ?? summary.blindedVia.conversationId })}</RoomLine>
              ) : null}
            </TitleButton>
            <ExpirationSubtitle c={summary} />
          </HeaderCenter>
          {/* --- conversation features (end) --- */}
          <AvatarButton type="button" onClick={openSettings} title={t('tlOpenConversationSettings')} data-testid="conversation-avatar-button">
            <Avatar id={conversationId} name={summary?.kind === 'note-to-self' ? name : summary?.name} size={36} />
            <VisuallyHidden>{t('tlOpenConversationSettings')}</VisuallyHidden>
          </AvatarButton>
        </Header>
      )}
      <CommunityContext.Provider value={room ?? groupContext}>
      {community ? <RoomNames conversationId={conversationId} names={names} /> : null}
      <Timeline
        conversationId={conversationId}
        name={name}
        noteToSelf={summary?.kind === 'note-to-self'}
        group={group}
        selection={selection}
        onToggleSelect={toggleSelect}
        onOpenMenu={onOpenMenu}
      />
      {/* --- conversation features: typing indicator --- */}
      <TypingIndicator conversationId={conversationId} name={name} isPrivate={summary?.kind === 'private'} />
      {summary?.isRequest || invitationPending ? <RequestBar id={conversationId} /> : null}
      {/* --- communities: a read-only room has no composer, only a notice (spec/ui.md §4.7) --- */}
      {canWrite ? (
        <Composer key={conversationId} conversationId={conversationId} />
      ) : groupClosed ? (
        // --- groups: removed from the group, or the group deleted: no composer, the official sentence ---
        <ReadOnlyNotice role="note" data-testid="composer-group-closed" data-state={group.destroyed ? 'destroyed' : 'kicked'}>
          {groupReadOnlyText(group, name)}
        </ReadOnlyNotice>
      ) : (
        <ReadOnlyNotice role="note" data-testid="composer-read-only">
          {t('cmReadOnly')}
        </ReadOnlyNotice>
      )}
      {menu && !selection ? <MessageMenu x={menu.x} y={menu.y} items={menuItems(menu)} onClose={closeMenu} /> : null}
      {profile ? <MemberProfileDialog user={profile} onClose={() => setProfile(null)} /> : null}
      {moderation.dialog}
      </CommunityContext.Provider>
      {/* --- conversation features: delete for everyone (begin) --- */}
      {deleting ? (
        <DeleteMessagesDialog
          conversationId={conversationId}
          ids={deleting}
          noteToSelf={summary?.kind === 'note-to-self'}
          moderator={community?.moderator ?? false}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            setSelection(null);
            // The deleted row held focus: give it to the composer rather than to nothing.
            requestAnimationFrame(() => {
              if (document.activeElement === document.body) viewRef.current?.querySelector<HTMLElement>('[data-testid="composer-input"]')?.focus();
            });
          }}
        />
      ) : null}
      {/* --- conversation features: delete for everyone (end) --- */}
    </View>
  );
}
