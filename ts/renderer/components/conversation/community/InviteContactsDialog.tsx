// "Invite Contacts" of a community's settings (spec/ui.md §8.6): a search field and a checklist of our
// contacts (accepted, unblocked 1:1 conversations, A to Z), "Invite" / "Cancel". Invite sends the room's
// invitation to each chosen contact (`communities.invite`: a community-invitation message each) with the
// toast "Sending invite(s)"; a failure says so in a toast.
import { useId, useMemo, useState } from 'react';
import styled from 'styled-components';
import { useAppDispatch, useAppSelector } from '../../../hooks/redux';
import { t } from '../../../locales/i18n';
import { inviteContacts } from '../../../state/communities';
import { selectInboxConversations } from '../../../state/conversations';
import { showToast } from '../../../state/ui';
import { Modal } from '../../common/Modal';
import { conversationName } from '../../conversationSettings/conversationName';
import { DialogButton } from '../Dialog';
import { Checklist } from './ModerationDialog';

const Search = styled.input`
  box-sizing: border-box;
  width: 100%;
  height: 36px;
  margin-bottom: 10px;
  padding: 0 12px;
  border: 1px solid var(--borders-color);
  border-radius: 10px;
  background: transparent;
  color: var(--text-primary-color);
  font: inherit;
  font-size: 13px;
`;
// The moderation dialog's checklist, scrolled when the contacts are many.
const ScrollingChecklist = styled(Checklist)`
  max-height: 320px;
  overflow-y: auto;
`;
const Empty = styled.p`
  margin: 0;
  text-align: center;
  color: var(--text-secondary-color);
`;
const Buttons = styled.div`
  display: flex;
  justify-content: center;
  gap: 10px;
  margin-top: 18px;
`;

export function InviteContactsDialog({ roomId, onClose }: { roomId: string; onClose: () => void }) {
  const dispatch = useAppDispatch();
  const inbox = useAppSelector(selectInboxConversations);
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const legendId = useId();
  const contacts = useMemo(() => {
    const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
    return inbox
      .filter((c) => c.kind === 'private' && c.isApproved && !c.isBlocked && c.id.startsWith('05'))
      .map((c) => ({ id: c.id, name: conversationName(c) }))
      .sort((a, b) => collator.compare(a.name, b.name));
  }, [inbox]);
  const q = query.trim().toLowerCase();
  const shown = q === '' ? contacts : contacts.filter((c) => c.name.toLowerCase().includes(q) || c.id.startsWith(q));
  const toggle = (id: string) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const invite = async () => {
    setBusy(true);
    const ids = contacts.filter((c) => chosen.has(c.id)).map((c) => c.id);
    dispatch(showToast({ kind: 'info', message: t('cmSendingInvites', { count: ids.length }) }));
    const r = await dispatch(inviteContacts({ id: roomId, contacts: ids }));
    setBusy(false);
    if (inviteContacts.fulfilled.match(r)) onClose();
    else dispatch(showToast({ kind: 'error', message: t('cmInviteFailed', { message: r.payload ?? '' }) }));
  };
  return (
    <Modal title={t('cmInviteContacts')} onClose={busy ? () => {} : onClose} width="narrow" testId="invite-contacts">
      {contacts.length === 0 ? (
        <Empty data-testid="invite-contacts-empty">{t('noContacts')}</Empty>
      ) : (
        <>
          <Search type="search" placeholder={t('search')} aria-label={t('search')} value={query} onChange={(e) => setQuery(e.target.value)} data-testid="invite-contacts-search" />
          <ScrollingChecklist aria-labelledby={legendId}>
            <legend id={legendId}>{t('cmInviteContacts')}</legend>
            {shown.map((c) => (
              <label key={c.id}>
                <input type="checkbox" checked={chosen.has(c.id)} onChange={() => toggle(c.id)} data-testid="invite-contact" data-id={c.id} />
                <span dir="auto">{c.name}</span>
              </label>
            ))}
          </ScrollingChecklist>
        </>
      )}
      <Buttons>
        {contacts.length > 0 ? (
          <DialogButton type="button" disabled={busy || chosen.size === 0} onClick={() => void invite()} data-testid="invite-contacts-invite">
            {t('cmInvite')}
          </DialogButton>
        ) : null}
        <DialogButton type="button" disabled={busy} onClick={onClose} data-testid="invite-contacts-cancel">
          {t('cancel')}
        </DialogButton>
      </Buttons>
    </Modal>
  );
}
