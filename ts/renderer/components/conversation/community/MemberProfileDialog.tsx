// A room member's profile (spec/ui.md §8.3), opened from a sender name in a community: avatar, name, the
// "Blinded ID" pill (with why) and the id, "Message" (opens or creates the blinded direct conversation
// through `communities.messageMember`) and "Copy". Moderators also get Ban / Unban here. In a group the
// same dialog shows a member's Account ID, and "Message" opens the 1:1 conversation with them.
import { isRejected } from '@reduxjs/toolkit';
import { useEffect, useId, useState } from 'react';
import styled from 'styled-components';
import { useAppDispatch } from '../../../hooks/redux';
import { t } from '../../../locales/i18n';
import { fetchMember, messageCommunityMember } from '../../../state/communities';
import { openConversation, showToast } from '../../../state/ui';
import { Avatar } from '../../common/Avatar';
import { Modal } from '../../common/Modal';
import { copyAccountId } from '../../conversationSettings/useConversationActions';
import { withBoldName } from '../../conversationSettings/ConfirmDialog';
import { Pill } from '../../conversationSettings/profileParts';
import { DialogButton, DialogButtons, DialogText } from '../../settings/dialogParts';
import { useCommunityRoom } from './communityContext';
import { useModeration } from './useModeration';

const Profile = styled.div`
  display: flex;
  flex-direction: column;
  align-items: center;
  gap: 10px;
  margin-bottom: 16px;
  h3 {
    margin: 0;
    font-size: 20px;
    font-weight: 700;
    text-align: center;
    overflow-wrap: anywhere;
  }
  code {
    max-width: 290px;
    font-size: 13px;
    text-align: center;
    overflow-wrap: anywhere;
    user-select: all;
  }
`;

export function MemberProfileDialog({ user, onClose }: { user: { id: string; name?: string }; onClose: () => void }) {
  const dispatch = useAppDispatch();
  const room = useCommunityRoom();
  const moderation = useModeration();
  const [busy, setBusy] = useState(false);
  const refusedId = useId();
  const blinded = user.id.startsWith('15');
  const own = room?.ownIds.has(user.id) ?? false;
  const name = user.name?.trim() || user.id;
  // Whether their newest post in the room refuses message requests from Community conversations (spec/ui.md §8.3).
  const [refuses, setRefuses] = useState(false);
  const roomId = room?.conversationId;
  useEffect(() => {
    if (!roomId || !blinded || own) return;
    let live = true;
    void dispatch(fetchMember({ id: roomId, user: user.id })).then((r) => {
      if (live && fetchMember.fulfilled.match(r)) setRefuses(r.payload?.acceptsMessages === false);
    });
    return () => {
      live = false;
    };
  }, [dispatch, roomId, user.id, blinded, own]);
  const message = async () => {
    if (!room) return;
    // --- groups: a member's Account ID is theirs: their 1:1 conversation opens (created with the first message) ---
    if (!room.community) {
      onClose();
      dispatch(openConversation(user.id));
      return;
    }
    setBusy(true);
    const r = await dispatch(messageCommunityMember({ id: room.conversationId, user: user.id }));
    setBusy(false);
    if (isRejected(r)) {
      dispatch(showToast({ kind: 'error', message: t('cmMessageFailed', { message: typeof r.payload === 'string' ? r.payload : '' }) }));
      return;
    }
    onClose();
    dispatch(openConversation(r.payload.id));
  };
  const canModerate = !!room?.community?.moderator && !own;
  return (
    <>
      <Modal title={t('cmUserProfile', { name })} onClose={onClose} width="narrow" testId="member-profile">
        <Profile>
          <Avatar id={user.id} name={user.name} size={90} />
          <h3 dir="auto" data-testid="member-profile-name">
            {name}
          </h3>
          <Pill title={blinded ? t('cmBlindedIdHelp') : undefined}>{blinded ? t('cmBlindedIdPill') : t('convAccountIdPill')}</Pill>
          <code data-testid="member-profile-id">{user.id}</code>
        </Profile>
        {refuses ? (
          <DialogText id={refusedId} data-testid="member-profile-requests-off">
            {withBoldName(t('cmMessageRequestsOff'), name)}
          </DialogText>
        ) : null}
        <DialogButtons>
          {own ? null : (
            <DialogButton
              type="button"
              $tone="primary"
              disabled={busy || refuses}
              aria-describedby={refuses ? refusedId : undefined}
              onClick={() => void message()}
              data-testid="member-profile-message"
            >
              {t('cmMessage')}
            </DialogButton>
          )}
          <DialogButton type="button" onClick={() => copyAccountId(dispatch, user.id)} data-testid="member-profile-copy">
            {t('cfCopy')}
          </DialogButton>
          {canModerate ? (
            <>
              <DialogButton type="button" $tone="danger" onClick={() => moderation.ask('ban', user.id)} data-testid="member-profile-ban">
                {t('cmBanUser')}
              </DialogButton>
              <DialogButton type="button" onClick={() => void moderation.run('unban', user.id)} data-testid="member-profile-unban">
                {t('cmUnbanUser')}
              </DialogButton>
            </>
          ) : null}
        </DialogButtons>
      </Modal>
      {moderation.dialog}
    </>
  );
}
