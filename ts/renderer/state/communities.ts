// Communities duck (spec/ui.md §8.7, §8.6, §4.7 mentions): the network's default rooms for the Join
// Community overlay, the join in progress, and the members a room's mention popup offers. Every change
// (join, leave, moderate, pin, message a member) is a backend call; the rooms themselves are
// conversation summaries, so the answers go to the conversations and messages slices.
import { createSlice } from '@reduxjs/toolkit';
import type { CommunityMemberView, CommunityModeration, DefaultRoomView } from '../../ipc/contract';
import { conversationsRemoved, conversationsUpdated } from './conversations';
import { messagesUpdated } from './messages';
import { createApiThunk, errorMessage } from './thunk';

export interface CommunitiesState {
  /** The network's rooms; null until fetched. */
  defaultRooms: DefaultRoomView[] | null;
  defaultRoomsLoading: boolean;
  /** Why the default rooms could not be listed (the list is then not shown). */
  defaultRoomsError: string | null;
  /** The URL being joined (the overlay shows a spinner and disables Join). */
  joining: string | null;
  /** Members matching the last query, per room (mention suggestions). */
  members: Record<string, CommunityMemberView[]>;
}

const initialState: CommunitiesState = { defaultRooms: null, defaultRoomsLoading: false, defaultRoomsError: null, joining: null, members: {} };

export const fetchDefaultRooms = createApiThunk('communities/defaultRooms', async (_: void, { extra, rejectWithValue }) => {
  try {
    return await extra.api.call('communities.defaultRooms', {});
  } catch (err) {
    return rejectWithValue(errorMessage(err));
  }
});

/** Joins a room by its share URL; the answer is the room's conversation (the conversations slice takes it). */
export const joinCommunity = createApiThunk('communities/join', async (url: string, { extra, dispatch, rejectWithValue }) => {
  try {
    const c = await extra.api.call('communities.join', { url });
    dispatch(conversationsUpdated({ conversations: [c] }));
    return c;
  } catch (err) {
    return rejectWithValue(errorMessage(err));
  }
});

/** Sends the room's invitation to contacts (1:1 messages; their rows arrive through messages.added). */
export const inviteContacts = createApiThunk('communities/invite', async (args: { id: string; contacts: string[] }, { extra, rejectWithValue }) => {
  try {
    return await extra.api.call('communities.invite', args);
  } catch (err) {
    return rejectWithValue(errorMessage(err));
  }
});

export const leaveCommunity = createApiThunk('communities/leave', async (id: string, { extra, dispatch, rejectWithValue }) => {
  try {
    const r = await extra.api.call('communities.leave', { id });
    // The room's conversation closes with its settings (the ui slice follows removals).
    dispatch(conversationsRemoved({ ids: [r.id] }));
    return r;
  } catch (err) {
    return rejectWithValue(errorMessage(err));
  }
});

export const fetchMembers = createApiThunk(
  'communities/members',
  async (args: { id: string; query: string }, { extra, rejectWithValue }) => {
    try {
      const members = await extra.api.call('communities.members', { id: args.id, ...(args.query ? { query: args.query } : {}), limit: 20 });
      return { id: args.id, members };
    } catch (err) {
      return rejectWithValue(errorMessage(err));
    }
  },
);

export const moderateCommunity = createApiThunk(
  'communities/moderate',
  async (args: { id: string; user: string; action: CommunityModeration }, { extra, rejectWithValue }) => {
    try {
      return await extra.api.call('communities.moderate', args);
    } catch (err) {
      return rejectWithValue(errorMessage(err));
    }
  },
);

/** Pins or unpins a room message; the answer is the updated message (the messages slice takes it). */
export const pinCommunityMessage = createApiThunk(
  'communities/pin',
  async (args: { messageId: string; pinned: boolean }, { extra, dispatch, rejectWithValue }) => {
    try {
      const m = await extra.api.call('communities.pin', args);
      dispatch(messagesUpdated({ messages: [m] }));
      return m;
    } catch (err) {
      return rejectWithValue(errorMessage(err));
    }
  },
);

/** Moderators: removes everyone's `emoji` reactions from a room message; the answer updates the message. */
export const clearCommunityReactions = createApiThunk(
  'communities/clearReactions',
  async (args: { messageId: string; emoji: string }, { extra, dispatch, rejectWithValue }) => {
    try {
      const m = await extra.api.call('communities.clearReactions', args);
      dispatch(messagesUpdated({ messages: [m] }));
      return m;
    } catch (err) {
      return rejectWithValue(errorMessage(err));
    }
  },
);

/** One room member by id, as `communities.members` describes them (whether they accept messages); undefined if not found. */
export const fetchMember = createApiThunk(
  'communities/member',
  async (args: { id: string; user: string }, { extra, rejectWithValue }) => {
    try {
      const list = await extra.api.call('communities.members', { id: args.id, query: args.user, limit: 1 });
      return list.find((m) => m.id === args.user);
    } catch (err) {
      return rejectWithValue(errorMessage(err));
    }
  },
);

/** Opens (or creates) the blinded direct conversation with a room member. */
export const messageCommunityMember = createApiThunk(
  'communities/messageMember',
  async (args: { id: string; user: string }, { extra, dispatch, rejectWithValue }) => {
    try {
      const c = await extra.api.call('communities.messageMember', args);
      dispatch(conversationsUpdated({ conversations: [c] }));
      return c;
    } catch (err) {
      return rejectWithValue(errorMessage(err));
    }
  },
);

const communitiesSlice = createSlice({
  name: 'communities',
  initialState,
  reducers: {},
  extraReducers: (b) => {
    b.addCase(fetchDefaultRooms.pending, (s) => {
      s.defaultRoomsLoading = true;
    });
    b.addCase(fetchDefaultRooms.fulfilled, (s, a) => {
      s.defaultRoomsLoading = false;
      s.defaultRooms = a.payload;
      s.defaultRoomsError = null;
    });
    b.addCase(fetchDefaultRooms.rejected, (s, a) => {
      s.defaultRoomsLoading = false;
      s.defaultRoomsError = a.payload ?? 'unknown error';
    });
    b.addCase(joinCommunity.pending, (s, a) => {
      s.joining = a.meta.arg;
    });
    b.addCase(joinCommunity.fulfilled, (s, a) => {
      s.joining = null;
      // The listed room is joined now.
      const room = s.defaultRooms?.find((r) => r.url === a.meta.arg);
      if (room) room.joinedId = a.payload.id;
    });
    b.addCase(joinCommunity.rejected, (s) => {
      s.joining = null;
    });
    b.addCase(leaveCommunity.fulfilled, (s, a) => {
      for (const r of s.defaultRooms ?? []) if (r.joinedId === a.payload.id) delete r.joinedId;
      delete s.members[a.payload.id];
    });
    b.addCase(fetchMembers.fulfilled, (s, a) => {
      s.members[a.payload.id] = a.payload.members;
    });
  },
});

export const communitiesReducer = communitiesSlice.reducer;

interface WithCommunities {
  communities: CommunitiesState;
}
export const selectDefaultRooms = (s: WithCommunities) => s.communities.defaultRooms;
export const selectDefaultRoomsLoading = (s: WithCommunities) => s.communities.defaultRoomsLoading;
export const selectDefaultRoomsError = (s: WithCommunities) => s.communities.defaultRoomsError;
export const selectJoining = (s: WithCommunities) => s.communities.joining;
const NO_MEMBERS: CommunityMemberView[] = [];
export const selectMembers = (id: string) => (s: WithCommunities) => s.communities.members[id] ?? NO_MEMBERS;

/**
 * Whether text looks like a community share URL `http(s)://host[:port]/ROOM?public_key=<64 hex>` — only to
 * say "Invalid URL" before asking the backend, which decides.
 */
export function looksLikeCommunityUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (!/^\/[A-Za-z0-9_-]{1,64}\/?$/.test(url.pathname)) return false;
  return /^[0-9a-fA-F]{64}$/.test(url.searchParams.get('public_key') ?? '');
}
