// Groups duck (groups v2, member side; spec/ui.md §3.5, §5.2, §8.6): the member list of each group as
// `groups.members` gives it (names, roles, statuses; also the mention suggestions), and the leave in
// progress or failed per group (the list row reads "Leaving..." / "Failed to leave …"). The groups
// themselves are conversation summaries (`ConversationSummary.group`); accepting and declining an
// invitation are the conversations' accept and decline.
import { createSlice } from '@reduxjs/toolkit';
import type { GroupMemberView } from '../../ipc/contract';
import { conversationsRemoved } from './conversations';
import { createApiThunk, errorMessage } from './thunk';

export type LeaveState = 'leaving' | 'failed';

export interface GroupsState {
  /** Members per group id, as last fetched. */
  members: Record<string, GroupMemberView[]>;
  /** Why the last member fetch of a group failed. */
  membersError: Record<string, string>;
  leaving: Record<string, LeaveState>;
}

const initialState: GroupsState = { members: {}, membersError: {}, leaving: {} };

export const fetchGroupMembers = createApiThunk('groups/members', async (id: string, { extra, rejectWithValue }) => {
  try {
    return { id, members: await extra.api.call('groups.members', { id }) };
  } catch (err) {
    return rejectWithValue(errorMessage(err));
  }
});

/** Leaves a group; the backend tells the group, forgets it and removes its conversation. */
export const leaveGroup = createApiThunk('groups/leave', async (id: string, { extra, dispatch, rejectWithValue }) => {
  try {
    const r = await extra.api.call('groups.leave', { id });
    dispatch(conversationsRemoved({ ids: [r.id] }));
    return r;
  } catch (err) {
    return rejectWithValue(errorMessage(err));
  }
});

const groupsSlice = createSlice({
  name: 'groups',
  initialState,
  reducers: {},
  extraReducers: (b) => {
    b.addCase(fetchGroupMembers.fulfilled, (s, a) => {
      s.members[a.payload.id] = a.payload.members;
      delete s.membersError[a.payload.id];
    });
    b.addCase(fetchGroupMembers.rejected, (s, a) => {
      s.membersError[a.meta.arg] = a.payload ?? 'unknown error';
    });
    b.addCase(leaveGroup.pending, (s, a) => {
      s.leaving[a.meta.arg] = 'leaving';
    });
    b.addCase(leaveGroup.fulfilled, (s, a) => {
      delete s.leaving[a.meta.arg];
      delete s.members[a.meta.arg];
    });
    b.addCase(leaveGroup.rejected, (s, a) => {
      s.leaving[a.meta.arg] = 'failed';
    });
    b.addCase(conversationsRemoved, (s, a) => {
      for (const id of a.payload.ids) {
        delete s.members[id];
        delete s.membersError[id];
      }
    });
  },
});

export const groupsReducer = groupsSlice.reducer;

interface WithGroups {
  groups: GroupsState;
}
const NO_MEMBERS: GroupMemberView[] = [];
export const selectGroupMembers = (id: string) => (s: WithGroups) => s.groups.members[id] ?? NO_MEMBERS;
/** Whether the members of a group were fetched at least once. */
export const selectGroupMembersLoaded = (id: string) => (s: WithGroups) => s.groups.members[id] !== undefined;
export const selectGroupMembersError = (id: string) => (s: WithGroups) => s.groups.membersError[id];
export const selectLeaveState = (id: string) => (s: WithGroups) => s.groups.leaving[id];

/** Admins first, then by name (members without one last), as the member list shows them. */
export function sortMembers(members: readonly GroupMemberView[], ownId: string | undefined): GroupMemberView[] {
  const rank = (m: GroupMemberView) => (m.sessionId === ownId ? 0 : m.role === 'admin' ? 1 : 2);
  return [...members].sort((a, b) => {
    const r = rank(a) - rank(b);
    if (r !== 0) return r;
    const an = a.name?.trim() ?? '';
    const bn = b.name?.trim() ?? '';
    if (an && !bn) return -1;
    if (!an && bn) return 1;
    return an.localeCompare(bn) || (a.sessionId < b.sessionId ? -1 : 1);
  });
}
