// A community invitation in the timeline (spec/ui.md §4.9): an accent "+" (incoming) or a globe (outgoing),
// the community's name, "Community Invitation" and the server's host. Clicking it asks "Are you sure you want
// to join {name}?"; Join joins the room from the invitation's share URL and opens it (a room already joined
// just opens).
import { Globe, Plus } from 'lucide-react';
import { useState } from 'react';
import styled from 'styled-components';
import type { MessageView } from '../../../../ipc/contract';
import { useAppDispatch, useAppSelector } from '../../../hooks/redux';
import { t } from '../../../locales/i18n';
import { joinCommunity } from '../../../state/communities';
import { selectSearchableConversations } from '../../../state/conversations';
import { openConversation, showToast } from '../../../state/ui';
import { ConfirmDialog } from '../../conversationSettings/ConfirmDialog';
import { roomIdOf } from './communityContext';

const Card = styled.button`
  display: flex;
  align-items: center;
  gap: 10px;
  min-width: 220px;
  padding: 6px 4px;
  border: 0;
  background: none;
  color: inherit;
  font: inherit;
  text-align: start;
  cursor: pointer;
  .icon {
    display: grid;
    place-items: center;
    width: 40px;
    height: 40px;
    flex: none;
    border-radius: 50%;
    background: var(--primary-color);
    color: var(--black-color, #000);
  }
  .name {
    font-weight: bold;
  }
  small {
    display: block;
    opacity: 0.8;
    font-size: 12px;
  }
`;

export function CommunityInvitationCard({ m }: { m: MessageView }) {
  const dispatch = useAppDispatch();
  const conversations = useAppSelector(selectSearchableConversations);
  const [confirming, setConfirming] = useState(false);
  const invitation = m.communityInvitation;
  if (!invitation) return null;
  const id = roomIdOf(invitation.url);
  const host = id ? new URL(invitation.url).host : '';
  const joined = id ? conversations.find((c) => c.kind === 'community' && c.id.toLowerCase() === id) : undefined;
  const join = async (): Promise<void> => {
    const r = await dispatch(joinCommunity(invitation.url));
    if (joinCommunity.fulfilled.match(r)) dispatch(openConversation(r.payload.id));
    else dispatch(showToast({ kind: 'error', message: t('cmJoinFailed', { message: r.payload ?? '' }) }));
  };
  return (
    <>
      <Card
        type="button"
        data-testid="community-invitation"
        aria-label={t('cmInvitationOpen', { name: invitation.name, host })}
        onClick={() => (joined ? dispatch(openConversation(joined.id)) : setConfirming(true))}
      >
        <span className="icon" aria-hidden="true">
          {m.direction === 'incoming' ? <Plus size={22} /> : <Globe size={22} />}
        </span>
        <span>
          <span className="name" dir="auto" data-testid="community-invitation-name">
            {invitation.name}
          </span>
          <small>{t('cmInvitation')}</small>
          <small data-testid="community-invitation-host">{host}</small>
        </span>
      </Card>
      {confirming ? (
        <ConfirmDialog
          title={t('joinCommunity')}
          text={t('cmJoinConfirm')}
          name={invitation.name}
          confirmLabel={t('cmJoin')}
          danger={false}
          onConfirm={join}
          onClose={() => setConfirming(false)}
        />
      ) : null}
    </>
  );
}
