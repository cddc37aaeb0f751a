// Message Info (spec/ui.md §4.5): the message, its sent and (incoming) received times, status, the
// send error in red, and the sender with their Account ID and a copy button; "Resend" for a failed
// outgoing message and "Copy Message". Opened from the message menu through the modal stack.
import { Copy } from 'lucide-react';
import { useState } from 'react';
import styled from 'styled-components';
import type { MessageStatus } from '../../../ipc/contract';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import { useNow } from '../../hooks/useNow';
import type { LocaleKey } from '../../locales/en';
import { t } from '../../locales/i18n';
import { selectAccount } from '../../state/account';
import { selectConversation } from '../../state/conversations';
import { selectMessageById } from '../../state/messages';
import { closeTopModal } from '../../state/ui';
import { shortenId } from '../../theme/format';
import { Avatar } from '../common/Avatar';
import { IconButton } from '../common/IconButton';
import { Modal } from '../common/Modal';
import { copyWithToast } from './clipboard';
import { DialogButton } from './Dialog';
import { AttachmentDetails } from './media/AttachmentDetails';
import { saveAttachment } from './media/mediaActions';
import { resend } from './MessageRow';
import { formatInfoDate, unsupportedText } from './timelineRows';
// --- communities ---
import { memberLabel } from './community/communityContext';

const Preview = styled.div`
  padding: 7px 13px;
  margin-bottom: 16px;
  border-radius: 16px;
  background: var(--message-bubble-incoming-background-color, var(--background-secondary-color, #2d2d2d));
  white-space: pre-wrap;
  overflow-wrap: anywhere;
  max-height: 200px;
  overflow-y: auto;
  user-select: text;
`;

const Fields = styled.dl`
  display: grid;
  grid-template-columns: max-content 1fr;
  gap: 8px 12px;
  margin: 0;
  font-size: 14px;
  dt {
    font-weight: 700;
  }
  dd {
    margin: 0;
    min-width: 0;
    overflow-wrap: anywhere;
  }
`;

const ErrorText = styled.dd`
  color: var(--danger-text-color);
`;

const From = styled.div`
  display: flex;
  align-items: center;
  gap: 10px;
  code {
    font-size: 12px;
    overflow-wrap: anywhere;
    user-select: all;
  }
`;

const Buttons = styled.div`
  display: flex;
  justify-content: center;
  gap: 12px;
  margin-top: 20px;
`;

const STATUS_LABEL: Record<MessageStatus, LocaleKey> = {
  sending: 'statusSending',
  sent: 'statusSent',
  failed: 'statusFailed',
  received: 'tlStatusReceived',
  read: 'statusRead',
};

export function MessageInfoModal({ messageId }: { messageId: string }) {
  const dispatch = useAppDispatch();
  const m = useAppSelector(selectMessageById(messageId));
  const account = useAppSelector(selectAccount);
  const peer = useAppSelector(selectConversation(m?.conversationId ?? ''));
  const now = useNow();
  const [shownAttachment, setShownAttachment] = useState<number | undefined>(undefined);
  const close = () => dispatch(closeTopModal());
  if (!m) {
    return (
      <Modal title={t('tlMessageInfo')} onClose={close} testId="message-info">
        <p>{t('tlInfoNotFound')}</p>
      </Modal>
    );
  }
  const outgoing = m.direction === 'outgoing';
  // --- communities: a room's sender is a member named by their post, not the room ---
  const inRoom = peer?.kind === 'community';
  const senderName = outgoing ? t('tlInfoYou') : inRoom ? memberLabel(m.sender, m.senderName) : peer?.name?.trim() || shortenId(m.sender);
  const attachments = m.attachments ?? [];
  // Attachments are shown now: an older row may still list them as a part this version could not show.
  const parts = (m.unsupported ?? []).filter((p) => !(attachments.length > 0 && p === 'attachments'));
  // "Save" (spec/ui.md §4.5): the attachment shown in the details, when it is here; not in requests.
  const toSave = attachments.find((a) => a.index === (shownAttachment ?? attachments[0]?.index));
  const canSave = toSave?.state === 'downloaded' && !peer?.isRequest;
  return (
    <Modal title={t('tlMessageInfo')} onClose={close} testId="message-info">
      {m.text !== '' || parts.length > 0 ? (
        <Preview dir="auto" data-testid="message-info-text">
          {parts.length ? <em>{unsupportedText(parts)} </em> : null}
          {m.text}
        </Preview>
      ) : null}
      {attachments.length > 0 ? <AttachmentDetails attachments={attachments} onShow={setShownAttachment} /> : null}
      <Fields>
        <dt>{t('tlInfoSent')}</dt>
        <dd data-testid="message-info-sent">{formatInfoDate(m.timestamp)}</dd>
        {outgoing ? null : (
          <>
            <dt>{t('tlInfoReceived')}</dt>
            <dd data-testid="message-info-received">{formatInfoDate(m.receivedAt)}</dd>
          </>
        )}
        <dt>{t('tlInfoStatus')}</dt>
        <dd data-testid="message-info-status">{t(STATUS_LABEL[m.status])}</dd>
        {m.status === 'failed' && m.error ? (
          <>
            <dt>{t('tlInfoError')}</dt>
            <ErrorText data-testid="message-info-error">{m.error}</ErrorText>
          </>
        ) : null}
        <dt>{t('tlInfoFrom')}</dt>
        <dd>
          <From>
            <Avatar id={m.sender} name={outgoing ? account?.displayName : inRoom ? m.senderName : peer?.name} size={28} />
            <div>
              <div>{senderName}</div>
              <code data-testid="message-info-sender">{m.sender}</code>
            </div>
            <IconButton label={t('copyAccountId')} onClick={() => void copyWithToast(dispatch, m.sender)} data-testid="message-info-copy-id">
              <Copy size={16} aria-hidden />
            </IconButton>
          </From>
        </dd>
      </Fields>
      <Buttons>
        {outgoing && m.status === 'failed' ? (
          <DialogButton
            type="button"
            onClick={() => {
              resend(dispatch, m, account?.sessionId ?? m.sender, now());
              close();
            }}
            data-testid="message-info-resend"
          >
            {t('tlResend')}
          </DialogButton>
        ) : null}
        {canSave && toSave ? (
          <DialogButton type="button" onClick={() => void saveAttachment(dispatch, m.id, toSave.index)} data-testid="message-info-save">
            {t('mediaSave')}
          </DialogButton>
        ) : null}
        <DialogButton type="button" onClick={() => void copyWithToast(dispatch, m.text)} data-testid="message-info-copy">
          {t('tlCopyMessage')}
        </DialogButton>
      </Buttons>
    </Modal>
  );
}
