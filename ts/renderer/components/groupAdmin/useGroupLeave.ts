// Whether we may leave a group (spec/ui.md §5.2: "Leave Group" is not offered to the last admin). For a group
// we administer, the member list is fetched and another admin must be in it; a member may always leave.
import { useEffect } from 'react';
import type { ConversationSummary } from '../../../ipc/contract';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import { selectAccount } from '../../state/account';
import { fetchGroupMembers, selectGroupMembers, selectGroupMembersLoaded } from '../../state/groups';

export interface GroupLeave {
  /** We hold the group's keys and it is still going (not kicked, not deleted). */
  admin: boolean;
  /** "Leave Group" may be offered (for an admin: once the list shows another admin). */
  canLeave: boolean;
  /** We are its only admin (known once the member list arrived). */
  lastAdmin: boolean;
}

export function useGroupLeave(c: ConversationSummary | undefined): GroupLeave {
  const dispatch = useAppDispatch();
  const admin = c?.kind === 'group' && c.group?.admin === true && !c.group.kicked && !c.group.destroyed;
  const id = admin ? c.id : '';
  const ownId = useAppSelector(selectAccount)?.sessionId;
  const members = useAppSelector(selectGroupMembers(id));
  const loaded = useAppSelector(selectGroupMembersLoaded(id));
  useEffect(() => {
    if (id) void dispatch(fetchGroupMembers(id));
  }, [dispatch, id]);
  const otherAdmin = members.some((m) => m.role === 'admin' && m.sessionId !== ownId && m.status !== 'removed');
  return { admin, canLeave: !admin || (loaded && otherAdmin), lastAdmin: admin && loaded && !otherAdmin };
}
