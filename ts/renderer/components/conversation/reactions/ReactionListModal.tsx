// The reaction list (spec/ui.md §4.4): every emoji of a message as selectable pills, then the chosen
// one's "emoji • count" and who reacted with it (avatar and name; we come first, as "You", with ✕ to take
// our reaction back). It follows the message live and closes itself when the last reaction goes.
import { X } from 'lucide-react';
import { isRejected } from '@reduxjs/toolkit';
import { useEffect, useState } from 'react';
import styled from 'styled-components';
import { useAppDispatch, useAppSelector } from '../../../hooks/redux';
import { t } from '../../../locales/i18n';
import { selectMessageById, selectMessagesOf } from '../../../state/messages';
// --- communities: our blinded id, members' names, and reactors the server does not list ---
import { selectConversation } from '../../../state/conversations';
import { memberLabel } from '../community/communityContext';
import { clearCommunityReactions } from '../../../state/communities';
import { ConfirmDialog } from '../../conversationSettings/ConfirmDialog';
import { closeTopModal, showToast } from '../../../state/ui';
import { Avatar } from '../../common/Avatar';
import { IconButton } from '../../common/IconButton';
import { Modal } from '../../common/Modal';
import { usePersonName, useToggleReaction } from './useReactions';

const Pills = styled.div`
  display: flex;
  flex-wrap: wrap;
  gap: 6px;
  margin-bottom: 14px;
  button {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    height: 30px;
    padding: 0 10px;
    border: 1px solid var(--borders-color);
    border-radius: 15px;
    background: transparent;
    color: var(--text-primary-color);
    font: inherit;
    font-size: 14px;
    cursor: pointer;
  }
  button[aria-pressed='true'] {
    border-color: var(--primary-color);
    background: var(--conversation-tab-background-hover-color);
  }
  button:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 1px;
  }
`;

const Heading = styled.h3`
  margin: 0 0 8px;
  font-size: 15px;
  font-weight: 700;
`;

const HeadingRow = styled.div`
  display: flex;
  align-items: center;
  justify-content: space-between;
  gap: 10px;
  margin-bottom: 8px;
  h3 {
    margin: 0;
  }
`;

const ClearAll = styled.button`
  border: none;
  background: transparent;
  color: var(--danger-color);
  font: inherit;
  font-size: 14px;
  font-weight: 700;
  cursor: pointer;
  &:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 1px;
  }
`;

const People = styled.ul`
  margin: 0;
  padding: 0;
  list-style: none;
  li {
    display: flex;
    align-items: center;
    gap: 10px;
    min-height: 40px;
  }
  li > span {
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
`;

const Others = styled.p`
  margin: 10px 0 0;
  font-size: 13px;
  color: var(--text-secondary-color);
`;

export function ReactionListModal({ messageId, emoji }: { messageId: string; emoji?: string | undefined }) {
  const dispatch = useAppDispatch();
  const m = useAppSelector(selectMessageById(messageId));
  const reactions = m?.reactions ?? [];
  const [chosen, setChosen] = useState(emoji);
  const { nameOf: contactName, ownId: sessionId } = usePersonName();
  // --- communities: in a room we react as our blinded id, and senders are named by their posts ---
  const room = useAppSelector(selectConversation(m?.conversationId ?? ''))?.community;
  const roomMessages = useAppSelector(selectMessagesOf(room ? (m?.conversationId ?? null) : null));
  const ownId = room ? room.blindedId : sessionId;
  const nameOf = (id: string): string => {
    if (!room) return contactName(id);
    if (id === ownId) return contactName(sessionId ?? id);
    return memberLabel(id, roomMessages.find((x) => x.sender === id && x.senderName)?.senderName);
  };
  const toggle = useToggleReaction();
  // --- communities: moderators and admins clear every reaction of one emoji (spec/ui.md §4.4) ---
  const [confirmClear, setConfirmClear] = useState<string | null>(null);
  const canClear = !!room && (room.moderator || room.admin) && m?.serverId !== undefined;
  const clear = async (e: string): Promise<void> => {
    const r = await dispatch(clearCommunityReactions({ messageId, emoji: e }));
    if (isRejected(r)) dispatch(showToast({ kind: 'error', message: t('cmClearReactionsFailed', { message: typeof r.payload === 'string' ? r.payload : '' }) }));
  };
  const close = () => dispatch(closeTopModal());
  const empty = !m || reactions.length === 0;
  // Nothing left to list (the last reaction went, or the message did): the list closes.
  useEffect(() => {
    if (empty) dispatch(closeTopModal());
  }, [empty, dispatch]);
  if (empty) return null;
  const current = reactions.find((r) => r.emoji === chosen) ?? reactions[0]!;
  const people = [...current.senders].sort((a, b) => Number(b === ownId) - Number(a === ownId));
  return (
    <Modal title={t('reactReactions')} onClose={close} testId="reaction-list">
      <Pills role="group" aria-label={t('reactReactions')}>
        {reactions.map((r) => (
          <button key={r.emoji} type="button" aria-pressed={r.emoji === current.emoji} onClick={() => setChosen(r.emoji)} data-testid="reaction-list-pill" data-emoji={r.emoji}>
            <span>{r.emoji}</span>
            <span>{r.count}</span>
          </button>
        ))}
      </Pills>
      <HeadingRow>
        <Heading data-testid="reaction-list-heading">{t('reactListHeading', { emoji: current.emoji, count: current.count })}</Heading>
        {canClear ? (
          <ClearAll type="button" onClick={() => setConfirmClear(current.emoji)} data-testid="reaction-list-clear">
            {t('cmClearAllReactions')}
          </ClearAll>
        ) : null}
      </HeadingRow>
      <People aria-label={t('reactWhoReacted', { emoji: current.emoji })}>
        {people.map((id) => (
          <li key={id} data-testid="reaction-list-person">
            <Avatar id={id} size={28} name={nameOf(id)} />
            <span dir="auto">{nameOf(id)}</span>
            {id === ownId && m ? (
              <IconButton label={t('reactRemoveMine', { emoji: current.emoji })} size={28} onClick={() => void toggle(m, current.emoji)} data-testid="reaction-list-remove">
                <X size={16} aria-hidden />
              </IconButton>
            ) : null}
          </li>
        ))}
      </People>
      {/* --- communities: the server lists only the first reactors (spec/ui.md §4.4) --- */}
      {current.count > people.length ? (
        <Others data-testid="reaction-list-others">{t('cmReactionOthers', { count: current.count - people.length, emoji: current.emoji })}</Others>
      ) : null}
      {confirmClear !== null ? (
        <ConfirmDialog
          title={t('cmClearAllReactions')}
          text={t('cmClearReactionsText', { emoji: confirmClear })}
          confirmLabel={t('convClear')}
          onConfirm={() => clear(confirmClear)}
          onClose={() => setConfirmClear(null)}
        />
      ) : null}
    </Modal>
  );
}
