// "Manage Members" for a group's admins (spec/ui.md §5.2, §8.6): "Invite Contacts" on top, the member list
// with, on each other member's row, "Resend" (an invitation not accepted yet, or a promotion that failed or
// waits), "Promote" (a joined member) and a checkbox to pick them for "Remove" (admins have none: admins
// cannot be removed). Remove asks first ("Would you like to remove … from …?") with the choice of removing
// their messages too; Promote asks first as well. Every action is a backend call whose answer is the new
// member list; a failure is said in a toast (Promote: the official "Admin promotion failed").
import { useState } from 'react';
import styled from 'styled-components';
import type { ConversationSummary, GroupMemberView } from '../../../ipc/contract';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import { t } from '../../locales/i18n';
import {
  inviteGroupMembers,
  promoteGroupMembers,
  removeGroupMembers,
  selectGroupMembers,
} from '../../state/groups';
import { showToast } from '../../state/ui';
import { shortenId } from '../../theme/format';
import { richText } from '../conversation/richText';
import { Dialog, DialogButton } from '../conversation/Dialog';
import { conversationName } from '../conversationSettings/conversationName';
import { GroupMembersList } from '../conversationSettings/GroupMembersList';
import { ErrorLine } from '../settings/dialogParts';
import { GroupInviteDialog } from './GroupInviteDialog';
import { visuallyHiddenCss } from '../common/VisuallyHidden';

const SmallButton = styled.button<{ $danger?: boolean }>`
  height: 26px;
  padding: 0 10px;
  border-radius: 13px;
  border: 1px solid ${(p) => (p.$danger ? 'var(--danger-color)' : 'var(--button-outline-color)')};
  background: transparent;
  color: ${(p) => (p.$danger ? 'var(--danger-text-color)' : 'var(--button-outline-color)')};
  font: inherit;
  font-size: 12px;
  font-weight: 700;
  cursor: pointer;
  &:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 2px;
  }
  &:disabled {
    opacity: 0.5;
    cursor: default;
  }
`;

const Top = styled.div`
  display: flex;
  justify-content: center;
  margin-bottom: 10px;
`;

const Bottom = styled.div`
  display: flex;
  justify-content: center;
  margin-top: 16px;
`;

const Radios = styled.fieldset`
  margin: 0;
  padding: 0;
  border: none;
  legend {
    ${visuallyHiddenCss}
  }
  label {
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 8px 4px;
    font-size: 14px;
    cursor: pointer;
  }
  input:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 2px;
  }
`;

const RESENDS_INVITE: ReadonlySet<GroupMemberView['status']> = new Set(['invite-failed', 'invite-sent']);
const RESENDS_PROMOTION: ReadonlySet<GroupMemberView['status']> = new Set([
  'promotion-failed',
  'promotion-sent',
]);

interface Named {
  id: string;
  name: string;
}

/** "Would you like to remove …" for one, two or more members, the names and the group's in bold. */
function removeText(who: readonly Named[], groupName: string) {
  const [first, second] = who;
  if (who.length === 1) return richText('gaRemoveText', { name: first!.name, group_name: groupName });
  if (who.length === 2)
    return richText('gaRemoveTextTwo', {
      name: first!.name,
      other_name: second!.name,
      group_name: groupName,
    });
  return richText('gaRemoveTextMultiple', {
    name: first!.name,
    count: who.length - 1,
    group_name: groupName,
  });
}

function RemoveDialog({
  groupId,
  groupName,
  who,
  onDone,
  onClose,
}: {
  groupId: string;
  groupName: string;
  who: Named[];
  onDone: () => void;
  onClose: () => void;
}) {
  const dispatch = useAppDispatch();
  const [withMessages, setWithMessages] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    setBusy(true);
    setError(null);
    const r = await dispatch(
      removeGroupMembers({ id: groupId, members: who.map((w) => w.id), deleteMessages: withMessages }),
    );
    setBusy(false);
    if (removeGroupMembers.fulfilled.match(r)) onDone();
    else setError(t('gaRemoveFailed', { message: r.payload ?? '' }));
  };
  return (
    <Dialog
      title={t('gaRemove')}
      text={removeText(who, groupName)}
      textTestId="group-remove-text"
      testId="group-remove"
      confirm={{
        label: t('gaRemove'),
        danger: true,
        disabled: busy,
        onClick: () => void remove(),
        testId: 'group-remove-confirm',
      }}
      cancel={{ disabled: busy, onClick: onClose, testId: 'group-remove-cancel' }}
      onClose={busy ? () => {} : onClose}
    >
      <Radios>
        <legend>{t('gaRemove')}</legend>
        <label>
          <input
            type="radio"
            name="group-remove-mode"
            checked={!withMessages}
            disabled={busy}
            onChange={() => setWithMessages(false)}
            data-testid="group-remove-only"
          />
          {t('gaRemoveUserOnly', { count: who.length })}
        </label>
        <label>
          <input
            type="radio"
            name="group-remove-mode"
            checked={withMessages}
            disabled={busy}
            onChange={() => setWithMessages(true)}
            data-testid="group-remove-with-messages"
          />
          {t('gaRemoveWithMessages', { count: who.length })}
        </label>
      </Radios>
      {error ? (
        <ErrorLine role="alert" data-testid="group-remove-error">
          {error}
        </ErrorLine>
      ) : null}
    </Dialog>
  );
}

function PromoteDialog({ groupId, who, onClose }: { groupId: string; who: Named; onClose: () => void }) {
  const dispatch = useAppDispatch();
  const [busy, setBusy] = useState(false);
  const promote = async () => {
    setBusy(true);
    const r = await dispatch(promoteGroupMembers({ id: groupId, members: [who.id] }));
    setBusy(false);
    if (!promoteGroupMembers.fulfilled.match(r))
      dispatch(showToast({ kind: 'error', message: t('gaPromotionFailed') }));
    onClose();
  };
  return (
    <Dialog
      title={t('gaPromoteTitle')}
      text={richText('gaPromoteText', { name: who.name })}
      textTestId="group-promote-text"
      testId="group-promote"
      confirm={{
        label: t('gaPromote'),
        disabled: busy,
        onClick: () => void promote(),
        testId: 'group-promote-confirm',
      }}
      cancel={{ disabled: busy, onClick: onClose, testId: 'group-promote-cancel' }}
      onClose={busy ? () => {} : onClose}
    />
  );
}

export function ManageMembers({ c }: { c: ConversationSummary }) {
  const dispatch = useAppDispatch();
  const members = useAppSelector(selectGroupMembers(c.id));
  const byId = useAppSelector((s) => s.conversations.byId);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [working, setWorking] = useState<ReadonlySet<string>>(new Set());
  const [removing, setRemoving] = useState<Named[] | null>(null);
  const [promoting, setPromoting] = useState<Named | null>(null);
  const [inviting, setInviting] = useState(false);
  const groupName = conversationName(c);
  const nameOf = (m: GroupMemberView) =>
    byId[m.sessionId]?.nickname?.trim() || m.name?.trim() || shortenId(m.sessionId);
  // A member picked for removal who left the list (removed meanwhile) is no longer picked.
  const picked = members.filter(
    (m) => selected.has(m.sessionId) && m.role !== 'admin' && m.status !== 'removed',
  );

  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const resend = async (m: GroupMemberView) => {
    setWorking((w) => new Set(w).add(m.sessionId));
    const promotion = RESENDS_PROMOTION.has(m.status);
    if (!promotion) dispatch(showToast({ kind: 'info', message: t('cmSendingInvites', { count: 1 }) }));
    const r = promotion
      ? await dispatch(promoteGroupMembers({ id: c.id, members: [m.sessionId] }))
      : await dispatch(inviteGroupMembers({ id: c.id, members: [m.sessionId] }));
    setWorking((w) => {
      const next = new Set(w);
      next.delete(m.sessionId);
      return next;
    });
    if (r.meta.requestStatus === 'rejected') {
      const message = typeof r.payload === 'string' ? r.payload : '';
      dispatch(
        showToast({
          kind: 'error',
          message: promotion ? t('gaPromotionFailed') : t('gaInviteFailed', { message }),
        }),
      );
    }
  };

  const rowExtra = (m: GroupMemberView, name: string) => {
    const busy = working.has(m.sessionId);
    const removable = m.role !== 'admin' && m.status !== 'removed';
    return (
      <>
        {RESENDS_INVITE.has(m.status) || RESENDS_PROMOTION.has(m.status) ? (
          <SmallButton
            type="button"
            disabled={busy}
            aria-label={t('gaResendLabel', { name })}
            onClick={() => void resend(m)}
            data-testid="group-member-resend"
          >
            {t('gaResend')}
          </SmallButton>
        ) : null}
        {m.role === 'member' && m.status === 'joined' ? (
          <SmallButton
            type="button"
            disabled={busy}
            aria-label={t('gaPromoteLabel', { name })}
            onClick={() => setPromoting({ id: m.sessionId, name })}
            data-testid="group-member-promote"
          >
            {t('gaPromote')}
          </SmallButton>
        ) : null}
        {m.status === 'removed' ? null : (
          <input
            type="checkbox"
            aria-label={t('gaSelectLabel', { name })}
            title={removable ? undefined : t('gaAdminsCannotBeRemoved')}
            disabled={!removable || busy}
            checked={removable && selected.has(m.sessionId)}
            onChange={() => toggle(m.sessionId)}
            data-testid="group-member-select"
          />
        )}
      </>
    );
  };

  return (
    <div data-testid="manage-members">
      <Top>
        <DialogButton type="button" onClick={() => setInviting(true)} data-testid="manage-members-invite">
          {t('gaInviteTitle')}
        </DialogButton>
      </Top>
      <GroupMembersList groupId={c.id} rowExtra={rowExtra} />
      <Bottom>
        <DialogButton
          type="button"
          $danger
          disabled={picked.length === 0}
          onClick={() => setRemoving(picked.map((m) => ({ id: m.sessionId, name: nameOf(m) })))}
          data-testid="manage-members-remove"
        >
          {t('gaRemove')}
        </DialogButton>
      </Bottom>
      {removing ? (
        <RemoveDialog
          groupId={c.id}
          groupName={groupName}
          who={removing}
          onClose={() => setRemoving(null)}
          onDone={() => {
            setRemoving(null);
            setSelected(new Set());
          }}
        />
      ) : null}
      {promoting ? <PromoteDialog groupId={c.id} who={promoting} onClose={() => setPromoting(null)} /> : null}
      {inviting ? <GroupInviteDialog groupId={c.id} onClose={() => setInviting(false)} /> : null}
    </div>
  );
}
