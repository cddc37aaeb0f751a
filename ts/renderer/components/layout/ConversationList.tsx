// The conversation list rows of spec/ui.md §3.5: avatar with initials, name, last activity time,
// preview and unread badge; unread rows carry an accent edge, the selected row a tinted background.
import { AlertTriangle, CircleCheck, CircleEllipsis, Eye } from 'lucide-react';
import type { ReactNode } from 'react';
import styled from 'styled-components';
import type { ConversationSummary, MessageView } from '../../../ipc/contract';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import { useNow } from '../../hooks/useNow';
import { t } from '../../locales/i18n';
import { matchConversations, selectInboxConversations } from '../../state/conversations';
import { selectMessagesOf } from '../../state/messages';
import { selectConversation, selectSearchQuery, selectSelectedConversationId } from '../../state/ui';
import { formatActivityTime, shortenId } from '../../theme/format';
import { Avatar } from '../common/Avatar';

const List = styled.ul`
  margin: 0;
  padding: 0;
  list-style: none;
`;

const RowButton = styled.button<{ $unread: boolean; $selected: boolean }>`
  display: flex;
  align-items: center;
  gap: 10px;
  width: 100%;
  height: 64px;
  padding: 0 16px 0 ${(p) => (p.$unread ? '12px' : '16px')};
  border: none;
  border-left: ${(p) => (p.$unread ? '4px solid var(--primary-color)' : 'none')};
  background: ${(p) =>
    p.$selected
      ? 'var(--conversation-tab-background-selected-color)'
      : p.$unread
        ? 'var(--conversation-tab-background-unread-color)'
        : 'var(--conversation-tab-background-color)'};
  color: var(--text-primary-color);
  font: inherit;
  text-align: left;
  cursor: pointer;
  &:hover {
    background: var(--conversation-tab-background-hover-color);
  }
`;

const Lines = styled.span`
  display: flex;
  flex: 1;
  min-width: 0;
  flex-direction: column;
  gap: 4px;
`;

const Line = styled.span`
  display: flex;
  align-items: center;
  gap: 6px;
  min-width: 0;
`;

const Name = styled.span<{ $unread: boolean }>`
  flex: 1;
  min-width: 0;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
  font-size: 14px;
  font-weight: ${(p) => (p.$unread ? 700 : 500)};
`;

const Time = styled.span`
  flex: none;
  font-size: 11px;
  color: var(--text-secondary-color);
`;

const Preview = styled.span<{ $unread: boolean; $failed: boolean }>`
  flex: 1;
  min-width: 0;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
  font-size: 13px;
  color: ${(p) => (p.$failed ? 'var(--danger-color)' : p.$unread ? 'var(--text-primary-color)' : 'var(--text-secondary-color)')};
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

function displayName(c: ConversationSummary): string {
  if (c.kind === 'note-to-self') return t('noteToSelf');
  return c.name?.trim() || shortenId(c.id);
}

function previewOf(m: MessageView | undefined): string {
  if (!m) return '';
  return m.status === 'failed' ? t('messageFailed') : m.text.replace(/\s+/g, ' ');
}

const StatusIcon = styled.span<{ $failed: boolean }>`
  display: flex;
  flex: none;
  color: ${(p) => (p.$failed ? 'var(--danger-color)' : 'var(--text-secondary-color)')};
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

function Row({ c, selected, now, actions }: { c: ConversationSummary; selected: boolean; now: number; actions?: ReactNode }) {
  const dispatch = useAppDispatch();
  const unread = c.unreadCount > 0;
  const name = displayName(c);
  // A status change arrives as `messages.updated` and may not re-send the summary: prefer our copy.
  const loaded = useAppSelector(selectMessagesOf(c.id));
  const last = (c.lastMessage && loaded.find((x) => x.id === c.lastMessage?.id)) ?? c.lastMessage;
  return (
    <li>
      <RowButton
        type="button"
        $unread={unread}
        $selected={selected}
        aria-current={selected ? 'true' : undefined}
        onClick={() => dispatch(selectConversation(c.id))}
        data-testid="conversation-row"
      >
        <Avatar id={c.id} name={c.kind === 'note-to-self' ? name : c.name} size={36} />
        <Lines>
          <Line>
            <Name $unread={unread}>{name}</Name>
            <Time>{formatActivityTime(c.lastMessage?.timestamp ?? c.updatedAt, now)}</Time>
          </Line>
          <Line>
            <Preview $unread={unread} $failed={last?.status === 'failed'}>
              {previewOf(last)}
            </Preview>
            <OutgoingStatus m={last} />
            {unread ? (
              <Badge aria-label={t('unreadCount', { count: c.unreadCount })}>
                {c.unreadCount > 999 ? t('unreadCap') : c.unreadCount}
              </Badge>
            ) : null}
          </Line>
        </Lines>
      </RowButton>
      {actions}
    </li>
  );
}

const NoResults = styled.p`
  margin: 30px 25px;
  color: var(--text-secondary-color);
  font-size: 15px;
  text-align: center;
  overflow-wrap: anywhere;
`;

/** The inbox list, filtered by the search box when it has text. */
export function ConversationList() {
  const all = useAppSelector(selectInboxConversations);
  const query = useAppSelector(selectSearchQuery);
  const conversations = query.trim() ? matchConversations(all, query, t('noteToSelf')) : all;
  if (conversations.length === 0) {
    return <NoResults data-testid="search-no-results">{t('searchNoResults', { query: query.trim() })}</NoResults>;
  }
  return <ConversationRows conversations={conversations} />;
}

export function ConversationRows({
  conversations,
  actions,
}: {
  conversations: readonly ConversationSummary[];
  /** Extra controls under a row (e.g. Accept / Delete in the requests list). */
  actions?: (c: ConversationSummary) => ReactNode;
}) {
  const selectedId = useAppSelector(selectSelectedConversationId);
  const now = useNow()();
  return (
    <List aria-label={t('conversationList')} data-testid="conversation-list">
      {conversations.map((c) => (
        <Row key={c.id} c={c} selected={c.id === selectedId} now={now} actions={actions?.(c)} />
      ))}
    </List>
  );
}
