// "Group Members" for a member of a group (spec/ui.md §5.2, §8.6): every member of the group's Members
// config with avatar (admins wear the crown), name ("You" for us; our nickname for a contact first),
// an "Admin" label and the member's status as the official app words it ("Invite sent", "Pending
// removal"…; none once joined). Nothing here changes the group: removing and promoting are admin actions.
// --- groups admin: with `manage` (we are an admin: "Manage Members"), each other member who is not an admin
// has a checkbox for "Remove" (admins cannot be removed), an invitation not accepted "Resend", a failed
// promotion "Resend", a joined member "Promote"; the actions themselves live in ../groupAdmin/ManageMembers.tsx. ---
import { useEffect, useRef, type ReactNode } from 'react';
import styled from 'styled-components';
import type { GroupMemberStatus, GroupMemberView } from '../../../ipc/contract';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import type { LocaleKey } from '../../locales/en';
import { t } from '../../locales/i18n';
import { selectAccount } from '../../state/account';
import { fetchGroupMembers, selectGroupMembers, selectGroupMembersError, selectGroupMembersLoaded, sortMembers } from '../../state/groups';
import { shortenId } from '../../theme/format';
import { Avatar } from '../common/Avatar';
import { Spinner } from '../settings/dialogParts';

const List = styled.ul`
  margin: 0;
  padding: 0;
  list-style: none;
  li {
    display: flex;
    align-items: center;
    gap: 12px;
    padding: 8px 4px;
    border-bottom: 1px solid var(--borders-color);
  }
  li:last-child {
    border-bottom: none;
  }
  .who {
    display: flex;
    flex: 1;
    min-width: 0;
    flex-direction: column;
  }
  .name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-size: 15px;
  }
  .status {
    font-size: 12px;
    color: var(--text-secondary-color);
  }
  .status[data-failed] {
    color: var(--danger-text-color);
  }
  .role {
    flex: none;
    font-size: 12px;
    font-weight: 700;
    color: var(--text-secondary-color);
  }
  .actions {
    display: flex;
    flex: none;
    align-items: center;
    gap: 6px;
  }
  .actions input[type='checkbox'] {
    width: 18px;
    height: 18px;
    margin: 0 4px;
    accent-color: var(--primary-color);
  }
`;

const AvatarWrap = styled.span`
  position: relative;
  display: flex;
  .crown {
    position: absolute;
    right: -3px;
    bottom: -2px;
    display: flex;
    padding: 1px;
    border-radius: 50%;
    background: var(--modal-background-content-color, var(--background-secondary-color));
    color: #f7c800;
  }
`;

const Note = styled.p`
  margin: 12px 0;
  font-size: 14px;
  text-align: center;
  color: var(--text-secondary-color);
`;

const STATUS_TEXT: Record<GroupMemberStatus, LocaleKey | null> = {
  'invite-sending': 'grStatusInviteSending',
  'invite-sent': 'grStatusInviteSent',
  'invite-failed': 'grStatusInviteFailed',
  joined: null,
  'promotion-sending': 'grStatusPromotionSending',
  'promotion-sent': 'grStatusPromotionSent',
  'promotion-failed': 'grStatusPromotionFailed',
  removed: 'grStatusPendingRemoval',
};

const CROWN = (
  <svg width="12" height="12" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true" focusable="false">
    <path d="M2 18h20l-2-11-5 4-3-6-3 6-5-4z" />
  </svg>
);

/** What an admin's member list adds to each other member's row (after the admin label). */
export type MemberRowExtra = (m: GroupMemberView, name: string) => ReactNode;

export function GroupMembersList({ groupId, rowExtra }: { groupId: string; rowExtra?: MemberRowExtra }) {
  const dispatch = useAppDispatch();
  const members = useAppSelector(selectGroupMembers(groupId));
  const loaded = useAppSelector(selectGroupMembersLoaded(groupId));
  const error = useAppSelector(selectGroupMembersError(groupId));
  const account = useAppSelector(selectAccount);
  const ownId = account?.sessionId;
  const byId = useAppSelector((s) => s.conversations.byId);
  useEffect(() => {
    void dispatch(fetchGroupMembers(groupId));
  }, [dispatch, groupId]);
  // --- groups admin: statuses change as members accept, leave or are removed; each of those also changes the
  // group's summary (a control message, the member count), so a new summary asks for the list again (at most
  // every half second while the summaries come quickly). ---
  const summary = useAppSelector((s) => s.conversations.byId[groupId]);
  const seen = useRef(summary);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (seen.current === summary || pending.current) return;
    seen.current = summary;
    pending.current = setTimeout(() => {
      pending.current = null;
      void dispatch(fetchGroupMembers(groupId));
    }, 500);
  }, [dispatch, groupId, summary]);
  useEffect(
    () => () => {
      if (pending.current) clearTimeout(pending.current);
    },
    [],
  );
  if (!loaded) {
    return error ? (
      <Note role="alert" data-testid="group-members-error">
        {t('grMembersFailed', { message: error })}
      </Note>
    ) : (
      <Note role="status" aria-label={t('grMembersLoading')} data-testid="group-members-loading">
        <Spinner aria-hidden />
      </Note>
    );
  }
  const sorted = sortMembers(members, ownId);
  const others = sorted.filter((m) => m.sessionId !== ownId);
  return (
    <>
      <List data-testid="group-members">
        {sorted.map((m) => {
          const you = m.sessionId === ownId;
          const known = you ? account?.displayName : byId[m.sessionId]?.nickname?.trim() || m.name?.trim();
          const name = you ? t('cmYou') : known || shortenId(m.sessionId);
          const status = you ? null : STATUS_TEXT[m.status];
          const admin = m.role === 'admin';
          return (
            <li key={m.sessionId} data-testid="group-member" data-id={m.sessionId} data-role={m.role} data-status={m.status}>
              <AvatarWrap>
                {/* Initials of a real name, else of the Account ID (as the conversation list draws them). */}
                <Avatar id={m.sessionId} name={known || undefined} size={36} />
                {admin ? (
                  <span className="crown" role="img" aria-label={t('cmAdmin')} title={t('cmAdmin')}>
                    {CROWN}
                  </span>
                ) : null}
              </AvatarWrap>
              <span className="who">
                <span className="name" dir="auto" data-testid="group-member-name">
                  {name}
                </span>
                {status ? (
                  <span className="status" data-failed={m.status.endsWith('failed') || undefined} data-testid="group-member-status">
                    {t(status)}
                  </span>
                ) : null}
              </span>
              {admin ? (
                <span className="role" data-testid="group-member-admin">
                  {t('cmAdmin')}
                </span>
              ) : null}
              {rowExtra && !you ? <span className="actions">{rowExtra(m, name)}</span> : null}
            </li>
          );
        })}
      </List>
      {others.length === 0 ? <Note data-testid="group-members-none">{t('grMembersNone')}</Note> : null}
    </>
  );
}
