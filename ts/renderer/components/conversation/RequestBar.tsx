// The bar under an incoming message request (spec/ui.md §4.8): "Accept", "Delete" (after its
// confirmation, deletes the conversation and its messages), the explanation, and a "Block" link with
// the official block confirmation. Renders nothing unless the conversation is an incoming request.
// A group invitation (from anyone, approved contacts included) says who invited us to which group, with
// Accept, Delete ("Are you sure you want to delete this group invite?") and, when the inviter is known,
// Block (the invitation goes and the inviter is blocked).
import { useState } from 'react';
import styled from 'styled-components';
import { useAppSelector } from '../../hooks/redux';
import { t } from '../../locales/i18n';
import { selectConversation } from '../../state/conversations';
import { pillButton } from '../common/formStyles';
import { inviterName, useConversationActions } from '../conversationSettings/useConversationActions';
// --- groups ---
import { conversationName } from '../conversationSettings/conversationName';
import { richText } from './richText';

const Bar = styled.div`
  display: flex;
  flex: none;
  flex-direction: column;
  align-items: center;
  gap: 10px;
  padding: 12px 20px;
  border-top: 1px solid var(--borders-color);
  p {
    margin: 0;
    font-size: 13px;
    text-align: center;
    color: var(--text-secondary-color);
  }
`;

const Buttons = styled.div`
  display: flex;
  gap: 12px;
`;

const Pill = styled.button<{ $danger?: boolean }>`
  ${pillButton}
  min-width: 110px;
  height: 36px;
  padding: 0 18px;
  border-radius: 18px;
  ${(p) => (p.$danger ? 'border-color: var(--danger-color); color: var(--danger-text-color);' : '')}
  &:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 2px;
  }
`;

const BlockLink = styled.button`
  padding: 0;
  border: none;
  background: none;
  color: var(--danger-text-color);
  font: inherit;
  font-size: 13px;
  font-weight: 700;
  text-decoration: underline;
  cursor: pointer;
  &:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 2px;
  }
`;

export function RequestBar({ id }: { id: string }) {
  const c = useAppSelector(selectConversation(id));
  const actions = useConversationActions();
  const [busy, setBusy] = useState(false);
  // A confirmation that outlives the request (it was just deleted or blocked) still closes itself.
  const groupInvite = c?.kind === 'group' && c.group?.invitationPending === true;
  if (!c || (!c.isRequest && !groupInvite)) return <>{actions.dialog}</>;
  const accept = async () => {
    setBusy(true);
    await actions.accept(id);
    setBusy(false);
  };
  return (
    <Bar data-testid="request-bar">
      <Buttons>
        <Pill type="button" disabled={busy} onClick={() => void accept()} data-testid="request-accept">
          {t('requestAccept')}
        </Pill>
        <Pill type="button" $danger disabled={busy} onClick={() => actions.ask(groupInvite ? 'delete-group-invite' : 'delete-request', c)} data-testid="request-decline">
          {t('requestDecline')}
        </Pill>
      </Buttons>
      {groupInvite ? (
        <>
          {/* --- groups: who invited us where (spec/ui.md §4.8) --- */}
          <p data-testid="request-group-invite">
            {c.group?.invitedBy ? richText('grInvite', { name: inviterName(c), group_name: conversationName(c) }) : richText('grInviteYou')}
          </p>
          <p>{t('grInviteDescription')}</p>
        </>
      ) : (
        <p>{t('requestExplainer')}</p>
      )}
      {!groupInvite || c.group?.invitedBy ? (
        <BlockLink type="button" disabled={busy} onClick={() => actions.ask(groupInvite ? 'block-group-inviter' : 'block', c)} data-testid="request-block">
          {t('convBlock')}
        </BlockLink>
      ) : null}
      {actions.dialog}
    </Bar>
  );
}
