// "Invite Contacts" of a group, for its admins (spec/ui.md §8.6): the contact picker without the group's
// current members, "Invite" / "Cancel". Invite sends the invitations (`groups.invite`) with the toast
// "Sending invite(s)"; the members list then shows each one's status ("Invite sent" / "Invite failed").
// A group holds at most 100 members: picking past that is refused with the official sentence. A failure is
// shown in the dialog, which keeps the choice.
import { useCallback, useMemo, useRef, useState } from 'react';
import styled from 'styled-components';
import { GROUP_MAX_MEMBERS } from '../../../ipc/contract';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import { t } from '../../locales/i18n';
import { inviteGroupMembers, selectGroupMembers } from '../../state/groups';
import { showToast } from '../../state/ui';
import { Modal } from '../common/Modal';
import { FieldError } from '../common/formStyles';
import { DialogButton } from '../conversation/Dialog';
import { Spinner } from '../settings/dialogParts';
import { ContactPicker, usePickableContacts } from './ContactPicker';

const PickerBox = styled.div`
  display: flex;
  flex-direction: column;
  max-height: 360px;
  min-height: 0;
`;

const Buttons = styled.div`
  display: flex;
  justify-content: center;
  align-items: center;
  gap: 10px;
  margin-top: 18px;
`;

const InviteError = styled(FieldError)`
  margin-top: 10px;
  text-align: center;
`;

export function GroupInviteDialog({
  groupId,
  onClose,
  onInvited,
}: {
  groupId: string;
  onClose: () => void;
  onInvited?: () => void;
}) {
  const dispatch = useAppDispatch();
  const members = useAppSelector(selectGroupMembers(groupId));
  // Everyone listed (removed members too, until they are dropped) cannot be invited again from here.
  const listed = useMemo(() => new Set(members.map((m) => m.sessionId)), [members]);
  const contacts = usePickableContacts(listed);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const room = GROUP_MAX_MEMBERS - members.filter((m) => m.status !== 'removed').length;
  const chosenNow = useRef({ chosen, room });
  chosenNow.current = { chosen, room };
  const toggle = useCallback((id: string) => {
    setError(null);
    const { chosen: current, room: left } = chosenNow.current;
    if (current.has(id)) {
      const next = new Set(current);
      next.delete(id);
      setChosen(next);
    } else if (current.size >= left) {
      setError(t('gaMaxMembers'));
    } else {
      setChosen(new Set(current).add(id));
    }
  }, []);
  const invite = async () => {
    setBusy(true);
    setError(null);
    const ids = contacts.filter((c) => chosen.has(c.id)).map((c) => c.id);
    dispatch(showToast({ kind: 'info', message: t('cmSendingInvites', { count: ids.length }) }));
    const r = await dispatch(inviteGroupMembers({ id: groupId, members: ids }));
    setBusy(false);
    if (inviteGroupMembers.fulfilled.match(r)) {
      onClose();
      onInvited?.();
    } else {
      setError(t('gaInviteFailed', { message: r.payload ?? '' }));
    }
  };
  return (
    <Modal
      title={t('gaInviteTitle')}
      onClose={busy ? () => {} : onClose}
      width="normal"
      testId="group-invite"
    >
      <PickerBox>
        <ContactPicker
          contacts={contacts}
          chosen={chosen}
          onToggle={toggle}
          legend={t('gaInviteTitle')}
          disabled={busy}
          testId="group-invite"
          emptyText={t('gaInviteNoContacts')}
        />
      </PickerBox>
      {error ? (
        <InviteError role="alert" data-testid="group-invite-error">
          {error}
        </InviteError>
      ) : null}
      <Buttons>
        {busy ? <Spinner aria-hidden /> : null}
        {contacts.length > 0 ? (
          <DialogButton
            type="button"
            disabled={busy || chosen.size === 0}
            onClick={() => void invite()}
            data-testid="group-invite-submit"
          >
            {t('cmInvite')}
          </DialogButton>
        ) : null}
        <DialogButton type="button" disabled={busy} onClick={onClose} data-testid="group-invite-cancel">
          {t('cancel')}
        </DialogButton>
      </Buttons>
    </Modal>
  );
}
