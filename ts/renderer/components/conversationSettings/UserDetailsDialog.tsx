// "User Details" (spec/ui.md §3.7 item 8, §8.3): the contact's profile — avatar (or the Account ID's QR
// code), name, the name they chose under a nickname, the "Account ID" pill and the ID — with "Message",
// which opens the conversation, and "Copy", which copies the Account ID.
import { QrCode as QrIcon, UserRound } from 'lucide-react';
import { useState } from 'react';
import styled from 'styled-components';
import type { ConversationSummary } from '../../../ipc/contract';
import { useAppDispatch } from '../../hooks/redux';
import { t } from '../../locales/i18n';
import { openConversation } from '../../state/ui';
import { Avatar } from '../common/Avatar';
import { IconButton } from '../common/IconButton';
import { Modal } from '../common/Modal';
import { ZoomableQr } from '../settings/ZoomableQr';
import { DialogButton, DialogButtons } from '../settings/dialogParts';
import { conversationName } from './conversationName';
import { copyAccountId } from './useConversationActions';
import { AvatarBox, Pill, QrToggle } from './profileParts';

const Profile = styled.div`
  display: flex;
  flex-direction: column;
  align-items: center;
  gap: 10px;
  h3 {
    margin: 0;
    font-size: 20px;
    font-weight: 700;
    text-align: center;
    overflow-wrap: anywhere;
  }
  p {
    margin: -6px 0 0;
    font-size: 14px;
    color: var(--text-secondary-color);
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

export function UserDetailsDialog({ c, onClose }: { c: ConversationSummary; onClose: () => void }) {
  const dispatch = useAppDispatch();
  const [showQr, setShowQr] = useState(false);
  const name = conversationName(c);
  const realName = c.nickname ? c.profileName?.trim() : undefined;
  return (
    <Modal title={t('cfUserDetails')} onClose={onClose} width="narrow" testId="user-details">
      <Profile>
        <AvatarBox>
          {showQr ? (
            <ZoomableQr text={c.id} label={t('convQrAlt')} size={190} testId="user-details-qr" saveAs={`session-account-id-${c.id.slice(0, 8)}.png`} />
          ) : (
            <Avatar id={c.id} name={c.name} size={90} />
          )}
          <QrToggle>
            <IconButton label={showQr ? t('convHideQr') : t('convShowQr')} size={30} aria-pressed={showQr} onClick={() => setShowQr(!showQr)} data-testid="user-details-qr-toggle">
              {showQr ? <UserRound size={16} aria-hidden /> : <QrIcon size={16} aria-hidden />}
            </IconButton>
          </QrToggle>
        </AvatarBox>
        <h3 dir="auto" data-testid="user-details-name">
          {name}
        </h3>
        {realName ? <p dir="auto">{t('cfgRealName', { name: realName })}</p> : null}
        <Pill>{t('convAccountIdPill')}</Pill>
        <code data-testid="user-details-id">{c.id}</code>
      </Profile>
      <DialogButtons>
        <DialogButton
          type="button"
          $tone="primary"
          onClick={() => {
            onClose();
            dispatch(openConversation(c.id));
          }}
          data-testid="user-details-message"
        >
          {t('cfMessage')}
        </DialogButton>
        <DialogButton type="button" onClick={() => copyAccountId(dispatch, c.id)} data-testid="user-details-copy">
          {t('cfCopy')}
        </DialogButton>
      </DialogButtons>
    </Modal>
  );
}
