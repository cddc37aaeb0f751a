// Groups duck (groups v2, member side; spec/ui.md §3.5, §5.2, §8.6): the member list of each group as
// `groups.members` gives it (names, roles, statuses; also the mention suggestions), and the leave in
// progress or failed per group (the list row reads "Leaving..." / "Failed to leave …"). The groups
// themselves are conversation summaries (`ConversationSummary.group`); accepting and declining an
// invitation are the conversations' accept and decline.
import { createSlice } from '@reduxjs/toolkit';
import { GROUP_DESCRIPTION_MAX_BYTES, GROUP_MAX_MEMBERS, GROUP_NAME_MAX_BYTES, type ConversationSummary, type GroupMemberView, type MethodParams } from '../../ipc/contract';
import { conversationsRemoved, conversationsUpdated } from './conversations';
import { createApiThunk, errorMessage } from './thunk';
import { utf8Length } from './account';

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

// --- groups admin (begin): the calls an admin makes (spec/ui.md §5.2, §8.1, §8.2, §8.6, §8.8) ---
/** The official limits (the contract's): a name of 1..100 bytes (UTF-8), a description of up to 2000 bytes, us and 99 others. */
export const GROUP_MAX_OTHER_MEMBERS = GROUP_MAX_MEMBERS - 1;

export type GroupNameProblem = 'gaNameEmpty' | 'gaNameTooLong';
/** Why a group name cannot be used (the official errors), or null. */
export function groupNameProblem(name: string): GroupNameProblem | null {
  const trimmed = name.trim();
  if (!trimmed) return 'gaNameEmpty';
  if (utf8Length(trimmed) > GROUP_NAME_MAX_BYTES) return 'gaNameTooLong';
  return null;
}
export function groupDescriptionTooLong(description: string): boolean {
  return utf8Length(description.trim()) > GROUP_DESCRIPTION_MAX_BYTES;
}

/** Creates a group (we are its admin); the new conversation is listed at once. */
export const createGroup = createApiThunk('groups/create', async (args: MethodParams<'groups.create'>, { extra, dispatch, rejectWithValue }) => {
  try {
    const c = await extra.api.call('groups.create', args);
    dispatch(conversationsUpdated({ conversations: [c] }));
    return c;
  } catch (err) {
    return rejectWithValue(errorMessage(err));
  }
});

/** A member-list change an admin makes; the answer is the group's member list afterwards. */
function memberThunk<M extends 'groups.invite' | 'groups.remove' | 'groups.promote'>(type: string, method: M) {
  return createApiThunk(type, async (args: MethodParams<M>, { extra, rejectWithValue }) => {
    try {
      const members = (await extra.api.call(method, args)) as GroupMemberView[];
      return { id: args.id, members };
    } catch (err) {
      return rejectWithValue(errorMessage(err));
    }
  });
}
/** Invites contacts (and sends again to a listed member whose invitation failed or is pending). */
export const inviteGroupMembers = memberThunk('groups/invite', 'groups.invite');
/** Removes members: a rekey, the kicked notice, optionally their messages. */
export const removeGroupMembers = memberThunk('groups/remove', 'groups.remove');
export const promoteGroupMembers = memberThunk('groups/promote', 'groups.promote');

/** A change to the group itself; the answer is its new summary. */
function summaryThunk<M extends 'groups.update' | 'groups.setAvatar'>(type: string, method: M) {
  return createApiThunk(type, async (args: MethodParams<M>, { extra, dispatch, rejectWithValue }) => {
    try {
      const c = await extra.api.call(method, args);
      dispatch(conversationsUpdated({ conversations: [c] }));
      return c;
    } catch (err) {
      return rejectWithValue(errorMessage(err));
    }
  });
}
/** Renames the group and/or sets its description. */
export const updateGroupInfo = summaryThunk('groups/update', 'groups.update');
/** Sets (a staged image) or removes (null) the group's picture. */
export const setGroupAvatar = summaryThunk('groups/setAvatar', 'groups.setAvatar');

/** Deletes the group for everyone; its conversation stays here, read-only, shown as deleted. */
export const destroyGroup = createApiThunk('groups/destroy', async (id: string, { extra, dispatch, getState, rejectWithValue }) => {
  try {
    const r = await extra.api.call('groups.destroy', { id });
    // The backend's next summary says the same; until it comes, the answer is mirrored.
    const current = (getState() as { conversations: { byId: Record<string, ConversationSummary> } }).conversations.byId[r.id];
    if (current?.group) dispatch(conversationsUpdated({ conversations: [{ ...current, group: { ...current.group, destroyed: true } }] }));
    return r;
  } catch (err) {
    return rejectWithValue(errorMessage(err));
  }
});
// --- groups admin (end) ---

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
    // --- groups admin: every member change answers with the new member list ---
    for (const thunk of [inviteGroupMembers, removeGroupMembers, promoteGroupMembers]) {
      b.addCase(thunk.fulfilled, (s, a) => {
        s.members[a.payload.id] = a.payload.members;
        delete s.membersError[a.payload.id];
      });
    }
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
