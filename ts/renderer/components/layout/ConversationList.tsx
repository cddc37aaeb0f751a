// The conversation list rows of spec/ui.md §3.5: avatar with initials, name, muted icon, last activity
// time, preview, pin icon and unread badge (or the "marked unread" icon); unread rows carry an accent edge, the selected row a tinted background.
// The list is virtualised: only the rows in view (plus a few either side) are in the DOM. Right-click,
// the context-menu key or Shift+F10 on a row opens its actions (spec/ui.md §3.7).
// --- conversation features: control-message previews ---
import { controlPlainText } from '../conversation/ControlMessage';
import { TypingDots, usePeerTyping } from '../conversation/TypingIndicator';
import { useVirtualizer } from '@tanstack/react-virtual';
import { AlertTriangle, BellOff, BellRing, CircleCheck, CircleEllipsis, Eye, MailDot, Pin } from 'lucide-react';
import { memo, useCallback, useEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import styled from 'styled-components';
import type { ConversationSummary, MessageView } from '../../../ipc/contract';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import { useNow } from '../../hooks/useNow';
import { t } from '../../locales/i18n';
import { selectAccount } from '../../state/account';
import { isUnread, matchConversations, selectConversation as selectSummary, selectInboxConversations, selectSearchableConversations, withNoteToSelf } from '../../state/conversations';
import { selectMessagesOf } from '../../state/messages';
import { selectConversation, selectSearchQuery, selectSelectedConversationId } from '../../state/ui';
import { formatActivityTime } from '../../theme/format';
import { Avatar } from '../common/Avatar';
import { ContextMenu } from '../conversationSettings/ContextMenu';
import { conversationMenuItems } from '../conversationSettings/conversationMenuItems';
import { conversationName } from '../conversationSettings/conversationName';
import { useConversationActions } from '../conversationSettings/useConversationActions';
import { Line, Lines, List, Name, observeListRect, ROW_HEIGHT, RowButton, RowItem, Scroller, Time } from './virtualListParts';
// --- communities ---
import { memberLabel, MENTION_TOKEN } from '../conversation/community/communityContext';
import { shortenId } from '../../theme/format';
// --- groups ---
import { selectGroupMembers, selectLeaveState } from '../../state/groups';
import { plainText } from '../conversation/richText';
import { useGroupLeave } from '../groupAdmin/useGroupLeave';

/** spec/ui.md §3.5: rows are 64 px; rows with action buttons under them (requests) are taller. */
const ROW_ACTIONS_HEIGHT = 36;
/** Rows rendered beyond the visible ones on each side, so fast scrolling shows no gaps. */
const OVERSCAN = 8;


const MutedIcon = styled.span`
  display: flex;
  flex: none;
  color: var(--text-secondary-color);
`;





const Preview = styled.span<{ $unread: boolean; $failed: boolean }>`
  flex: 1;
  min-width: 0;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
  font-size: 13px;
  color: ${(p) => (p.$failed ? 'var(--danger-text-color)' : p.$unread ? 'var(--text-primary-color)' : 'var(--text-secondary-color)')};
`;

const Badge = styled.span`
  flex: none;
  min-width: 20px;
  padding: 2px 6px;
  border-radius: 10px;
  background: var(--primary-color);
  color: var(--text-on-accent-color);
  font-size: 11px;
  font-weight: 700;
  text-align: center;
`;

const MarkedUnread = styled.span`
  display: flex;
  flex: none;
  color: var(--primary-color);
`;

/** Groups: how the preview names a member (our nickname for a contact, else the name they sent, else the short id). */
export type AuthorName = (m: MessageView) => string;

function previewOf(m: MessageView | undefined, name: string, ownId?: string, authorOf?: AuthorName): string {
  if (!m) return '';
  // --- conversation features: control messages and deleted placeholders read as in the timeline ---
  if (m.control) return controlPlainText(m.control, m.direction === 'outgoing', authorOf ? authorOf(m) : name, ownId);
  if (m.deleted) return t('cfMessageDeleted');
  if (m.status === 'failed') return t('messageFailed');
  const text = m.text.replace(/\s+/g, ' ').trim();
  // --- communities: a room's preview names who wrote it (spec/ui.md §3.5), mentions read as "@…" names ---
  if (text && m.serverId !== undefined && m.direction === 'incoming') {
    return t('searchAuthorPrefix', { author: memberLabel(m.sender, m.senderName) }) + text.replace(MENTION_TOKEN, (_, id: string) => `@${shortenId(id)}`);
  }
  // --- groups: a group's preview names who wrote it too ---
  if (text && authorOf && m.direction === 'incoming') return t('searchAuthorPrefix', { author: authorOf(m) }) + text.replace(MENTION_TOKEN, (_, id: string) => `@${id === ownId ? t('cmYou') : shortenId(id)}`);
  if (text) return text;
  // spec/ui.md §3.5: an attachment-only message reads "Voice Message" for a voice note, else "Media message".
  if (m.attachments?.some((a) => a.voice)) return t('convPreviewVoice');
  if (m.attachments?.length || m.unsupported?.includes('attachments')) return t('convPreviewMedia');
  return m.unsupported?.length ? t('convPreviewUnsupported') : '';
}

const StatusIcon = styled.span<{ $failed: boolean }>`
  display: flex;
  flex: none;
  color: ${(p) => (p.$failed ? 'var(--danger-text-color)' : 'var(--text-secondary-color)')};
`;

/** The trailing icon of our own last message (spec/ui.md §3.5): sending, sent, read or failed. */
function OutgoingStatus({ m }: { m: MessageView | undefined }) {
  if (!m || m.direction !== 'outgoing') return null;
  const label =
    m.status === 'failed' ? t('statusFailed') : m.status === 'sending' ? t('statusSending') : m.status === 'read' ? t('statusRead') : t('statusSent');
  const Icon = m.status === 'failed' ? AlertTriangle : m.status === 'sending' ? CircleEllipsis : m.status === 'read' ? Eye : CircleCheck;
  return (
    <StatusIcon $failed={m.status === 'failed'} role="img" aria-label={label} title={label} data-testid="row-status">
      <Icon size={13} aria-hidden />
    </StatusIcon>
  );
}

interface RowProps {
  c: ConversationSummary;
  index: number;
  selected: boolean;
  now: number;
  actions?: ReactNode;
  /** Search results show only the name (spec/ui.md §3.3). */
  searching: boolean;
  onMenu: (c: ConversationSummary, x: number, y: number) => void;
  onArrow: (index: number, key: string) => void;
}

/**
 * Memoised: a catch-up updates a few conversations many times a second, and only their rows (and rows
 * that moved) render again, not every row in view.
 */
export const Row = memo(function Row({ c, index, selected, now, actions, searching, onMenu, onArrow }: RowProps) {
  const dispatch = useAppDispatch();
  const unread = !searching && isUnread(c);
  const name = conversationName(c);
  // A status change arrives as `messages.updated` and may not re-send the summary: prefer our copy.
  const loaded = useAppSelector(selectMessagesOf(c.id));
  const last = (c.lastMessage && loaded.find((x) => x.id === c.lastMessage?.id)) ?? c.lastMessage;
  // --- groups: the author's name, "Leaving..." / "Failed to leave …", and the invitation's sentence (spec/ui.md §3.5) ---
  const group = c.kind === 'group' ? c.group : undefined;
  const ownId = useAppSelector(selectAccount)?.sessionId;
  const authorContact = useAppSelector(group && last ? selectSummary(last.sender) : () => undefined);
  const members = useAppSelector(group ? selectGroupMembers(c.id) : () => undefined);
  const authorOf: AuthorName | undefined = group
    ? (m) =>
        (m.sender === last?.sender && authorContact?.nickname?.trim()) ||
        members?.find((x) => x.sessionId === m.sender)?.name?.trim() ||
        m.senderName?.trim() ||
        authorContact?.name?.trim() ||
        shortenId(m.sender)
    : undefined;
  const leaving = useAppSelector(selectLeaveState(c.id));
  const groupPreview =
    leaving === 'leaving'
      ? t('grLeaving')
      : leaving === 'failed'
        ? t('grLeaveFailed', { group_name: name })
        : group?.invitationPending && !last
          ? group.invitedBy
            ? plainText('grInvite', { name: group.invitedByName?.trim() || shortenId(group.invitedBy), group_name: name })
            : plainText('grInviteYou')
          : undefined;
  // --- conversation features: the peer typing replaces the preview with the dots ---
  const typing = usePeerTyping(c.id, c.kind === 'private');
  const onContextMenu = (e: MouseEvent<HTMLButtonElement>) => {
    e.preventDefault();
    onMenu(c, e.clientX, e.clientY);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
      e.preventDefault();
      const r = e.currentTarget.getBoundingClientRect();
      // Opened from the keyboard, the menu starts near the row's reading-start edge.
      const rtl = getComputedStyle(e.currentTarget).direction === 'rtl';
      onMenu(c, rtl ? r.right - 16 : r.left + 16, r.top + r.height / 2);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp' || e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      onArrow(index, e.key);
    }
  };
  return (
    <>
      <RowButton
        type="button"
        $unread={unread}
        $selected={selected}
        aria-current={selected ? 'true' : undefined}
        aria-haspopup="menu"
        onClick={() => dispatch(selectConversation(c.id))}
        onContextMenu={onContextMenu}
        onKeyDown={onKeyDown}
        data-testid="conversation-row"
        data-conversation-id={c.id}
      >
        <Avatar id={c.id} name={c.kind === 'note-to-self' ? name : c.name} size={36} />
        <Lines>
          <Line>
            {/* <bdi>: the users' own text takes its own direction ("Hello." keeps its full stop at the end in a
                right-to-left layout) while the box lines up with the row's reading start. */}
            <Name $unread={unread}>
              <bdi>{name}</bdi>
            </Name>
            {!searching && (c.pinnedPriority ?? 0) > 0 ? (
              <MutedIcon role="img" aria-label={t('cfgPinned')} title={t('cfgPinned')} data-testid="row-pinned">
                <Pin size={13} aria-hidden />
              </MutedIcon>
            ) : null}
            {/* --- groups and communities: the "Mentions Only" bell (spec/ui.md §3.5) --- */}
            {!searching && c.notificationMode === 'mentions' ? (
              <MutedIcon role="img" aria-label={t('grMentionsOnlyIcon')} title={t('grMentionsOnlyIcon')} data-testid="row-mentions-only">
                <BellRing size={13} aria-hidden />
              </MutedIcon>
            ) : null}
            {!searching && c.notificationMode === 'mute' ? (
              <MutedIcon role="img" aria-label={t('convMuted')} title={t('convMuted')} data-testid="row-muted">
                <BellOff size={13} aria-hidden />
              </MutedIcon>
            ) : null}
            {searching ? null : <Time>{formatActivityTime(c.lastMessage?.timestamp ?? c.updatedAt, now)}</Time>}
          </Line>
          {searching ? null : (
            <Line>
              <Preview $unread={unread} $failed={last?.status === 'failed' || leaving === 'failed'} data-testid="row-preview">
                {typing ? <TypingDots name={name} /> : <bdi>{groupPreview ?? previewOf(last, name, ownId, authorOf)}</bdi>}
              </Preview>
              <OutgoingStatus m={last} />
              {unread && c.unreadCount > 0 ? (
                <Badge aria-label={t('unreadCount', { count: c.unreadCount })} data-testid="row-unread">
                  {c.unreadCount > 999 ? t('unreadCap') : c.unreadCount}
                </Badge>
              ) : unread ? (
                <MarkedUnread role="img" aria-label={t('cfgMarkedUnread')} title={t('cfgMarkedUnread')} data-testid="row-marked-unread">
                  <MailDot size={16} aria-hidden />
                </MarkedUnread>
              ) : null}
            </Line>
          )}
        </Lines>
      </RowButton>
      {actions}
    </>
  );
});

const NoResults = styled.p`
  margin: 30px 25px;
  color: var(--text-secondary-color);
  font-size: 15px;
  text-align: center;
  overflow-wrap: anywhere;
`;

/** The inbox list, filtered by the search box when it has text. */
export function ConversationList() {
  const inbox = useAppSelector(selectInboxConversations);
  // Search also finds a hidden Note to Self (spec/ui.md §3.6), whose menu then offers to show it again.
  const searchable = useAppSelector(selectSearchableConversations);
  const ownId = useAppSelector(selectAccount)?.sessionId;
  const query = useAppSelector(selectSearchQuery);
  const conversations = query.trim() ? matchConversations(withNoteToSelf(searchable, ownId), query, t('noteToSelf')) : inbox;
  if (conversations.length === 0) {
    return <NoResults data-testid="search-no-results">{t('searchNoResults', { query: query.trim() })}</NoResults>;
  }
  return <ConversationRows conversations={conversations} searching={query.trim() !== ''} />;
}

export function ConversationRows({
  conversations,
  actions,
  searching = false,
}: {
  conversations: readonly ConversationSummary[];
  /** The rows are search results: reduced rows and menu (spec/ui.md §3.3, §3.7). */
  searching?: boolean;
  /** Extra controls under a row (e.g. Accept / Delete / Block in the requests list). */
  actions?: (c: ConversationSummary) => ReactNode;
}) {
  const selectedId = useAppSelector(selectSelectedConversationId);
  const now = useNow()();
  const scrollRef = useRef<HTMLDivElement>(null);
  const rowHeight = actions ? ROW_HEIGHT + ROW_ACTIONS_HEIGHT : ROW_HEIGHT;
  const virtualizer = useVirtualizer({
    count: conversations.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: OVERSCAN,
    observeElementRect: observeListRect,
    getItemKey: (i) => conversations[i]?.id ?? i,
  });
  const conversationActions = useConversationActions();
  const [menu, setMenu] = useState<{ id: string; x: number; y: number } | null>(null);
  const menuFor = menu ? conversations.find((c) => c.id === menu.id) : undefined;
  // --- groups admin: the last admin of a group is not offered "Leave Group" ---
  const { canLeave: groupCanLeave } = useGroupLeave(menuFor);
  // The menu's conversation left the list (deleted, blocked, filtered): the menu goes with it.
  useEffect(() => {
    if (menu && !menuFor) setMenu(null);
  }, [menu, menuFor]);
  // Arrow keys move between rows; the target row may first have to be scrolled into the DOM.
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  useEffect(() => {
    if (focusIndex === null) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${focusIndex}"] [data-testid="conversation-row"]`);
    if (row) {
      row.focus();
      setFocusIndex(null);
    }
  });
  // The rows' callbacks keep their identity across renders (rows are memoised); they read the latest list.
  const arrowRef = useRef<(index: number, key: string) => void>(() => undefined);
  arrowRef.current = (index, key) => {
    const last = conversations.length - 1;
    const next = key === 'ArrowDown' ? Math.min(index + 1, last) : key === 'ArrowUp' ? Math.max(index - 1, 0) : key === 'Home' ? 0 : last;
    virtualizer.scrollToIndex(next);
    setFocusIndex(next);
  };
  const onArrow = useCallback((index: number, key: string) => arrowRef.current(index, key), []);
  const onMenu = useCallback((target: ConversationSummary, x: number, y: number) => setMenu({ id: target.id, x, y }), []);
  return (
    <Scroller ref={scrollRef} data-testid="conversation-list-scroller">
      <List aria-label={t('conversationList')} data-testid="conversation-list" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((v) => {
          const c = conversations[v.index]!;
          return (
            <RowItem
              key={v.key}
              data-index={v.index}
              aria-setsize={conversations.length}
              aria-posinset={v.index + 1}
              style={{ height: v.size, transform: `translateY(${v.start}px)` }}
            >
              <Row
                c={c}
                index={v.index}
                selected={c.id === selectedId}
                now={now}
                actions={actions?.(c)}
                searching={searching}
                onMenu={onMenu}
                onArrow={onArrow}
              />
            </RowItem>
          );
        })}
      </List>
      {menu && menuFor ? (
        <ContextMenu
          items={conversationMenuItems(menuFor, conversationActions, { searching, groupCanLeave })}
          label={t('convMenuFor', { name: conversationName(menuFor) })}
          x={menu.x}
          y={menu.y}
          onClose={() => setMenu(null)}
        />
      ) : null}
      {conversationActions.dialog}
    </Scroller>
  );
}
