// The "+" overlay's own views (spec/ui.md §3.8, §3.10): the contact list under the actions, and
// Invite a Friend (our Account ID to copy and share).
import { CircleCheck } from 'lucide-react';
import { useMemo, useState } from 'react';
import styled from 'styled-components';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import { t } from '../../locales/i18n';
import { selectAccount } from '../../state/account';
import { selectInboxConversations } from '../../state/conversations';
import { openConversation, showToast } from '../../state/ui';
import { pillButton } from '../common/formStyles';
import { conversationName } from '../conversationSettings/conversationName';

const ContactButton = styled.button`
  display: block;
  width: 100%;
  padding: 12px 20px;
  border: none;
  background: transparent;
  color: var(--text-primary-color);
  font: inherit;
  font-size: 15px;
  text-align: start;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
  cursor: pointer;
  &:hover {
    background: var(--conversation-tab-background-hover-color);
  }
`;

const Empty = styled.p`
  margin: 30px 25px;
  color: var(--text-secondary-color);
  font-size: 15px;
  text-align: center;
`;

/** Note to Self first, then accepted, unblocked 1:1 contacts A to Z (spec/ui.md §3.8). */
export function ContactList() {
  const dispatch = useAppDispatch();
  const me = useAppSelector(selectAccount);
  const inbox = useAppSelector(selectInboxConversations);
  const contacts = useMemo(() => {
    const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
    return inbox
      .filter((c) => c.kind === 'private' && c.isApproved && !c.isBlocked)
      .map((c) => ({ id: c.id, name: conversationName(c) }))
      .sort((a, b) => collator.compare(a.name, b.name));
  }, [inbox]);
  const rows = me ? [{ id: me.sessionId, name: t('noteToSelf') }, ...contacts] : contacts;
  if (contacts.length === 0 && !me) return <Empty>{t('noContacts')}</Empty>;
  return (
    <ul role="list" aria-label={t('contacts')} style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="contact-list">
      {rows.map((c) => (
        <li key={c.id}>
          <ContactButton type="button" dir="auto" onClick={() => dispatch(openConversation(c.id))} data-testid="contact-row">
            {c.name}
          </ContactButton>
        </li>
      ))}
      {contacts.length === 0 ? <Empty as="li">{t('noContacts')}</Empty> : null}
    </ul>
  );
}

const Invite = styled.div`
  display: flex;
  flex-direction: column;
  align-items: center;
  gap: 16px;
  padding: 24px 20px;
  text-align: center;
  code {
    font-family: 'Roboto Mono', ui-monospace, monospace;
    font-size: 15px;
    overflow-wrap: anywhere;
    user-select: all;
  }
  p {
    margin: 0;
    font-size: 14px;
    color: var(--text-secondary-color);
  }
  h2 {
    margin: 0;
    font-size: 18px;
  }
`;

const CopyButton = styled.button`
  ${pillButton}
  min-width: 140px;
  height: 36px;
  border-radius: 18px;
`;

/** Invite a Friend (spec/ui.md §3.10): our Account ID, "Copy", then the confirmation of the copy. */
export function InviteFriend() {
  const dispatch = useAppDispatch();
  const me = useAppSelector(selectAccount);
  const [copied, setCopied] = useState(false);
  if (!me) return null;
  const copy = () => {
    const clipboard = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
    (clipboard ? clipboard.writeText(me.sessionId) : Promise.reject(new Error('no clipboard'))).then(
      () => setCopied(true),
      () => dispatch(showToast({ kind: 'error', message: t('inviteCopyFailed') })),
    );
  };
  return (
    <Invite data-testid="invite-friend">
      {copied ? (
        <>
          <CircleCheck size={48} aria-hidden color="var(--primary-color)" />
          <h2 role="status">{t('inviteCopied')}</h2>
          <p>{t('inviteCopiedText')}</p>
        </>
      ) : (
        <>
          <code data-testid="invite-account-id">{me.sessionId}</code>
          <p>{t('inviteText')}</p>
          <CopyButton type="button" onClick={copy} data-testid="invite-copy">
            {t('inviteCopy')}
          </CopyButton>
        </>
      )}
    </Invite>
  );
}
