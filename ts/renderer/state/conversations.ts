// Conversations duck: the summaries the backend lists (`conversations.list` on load and after a
// reconnect) and upserts (`conversations.updated` events). The list shows approved, unblocked
// conversations by recency; requests are counted apart.
import { createSelector, createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { ConversationSummary, EventPayloads } from '../../ipc/contract';
import { createApiThunk, errorMessage } from './thunk';

export interface ConversationsState {
  byId: Record<string, ConversationSummary>;
  /** Why the last list fetch failed (e.g. no account yet); not fatal for the shell. */
  error: string | null;
}

const initialState: ConversationsState = { byId: {}, error: null };

export const fetchConversations = createApiThunk('conversations/fetch', async (_: void, { extra, rejectWithValue }) => {
  try {
    return await extra.api.call('conversations.list', {});
  } catch (err) {
    return rejectWithValue(errorMessage(err));
  }
});

export const acceptRequest = createApiThunk('conversations/accept', async (id: string, { extra, rejectWithValue }) => {
  try {
    return await extra.api.call('conversations.accept', { id });
  } catch (err) {
    return rejectWithValue(errorMessage(err));
  }
});

export const declineRequest = createApiThunk('conversations/decline', async (id: string, { extra, rejectWithValue }) => {
  try {
    return await extra.api.call('conversations.decline', { id });
  } catch (err) {
    return rejectWithValue(errorMessage(err));
  }
});

/** The user sees the conversation: its incoming messages are read (the unread count drops to 0). */
export const markConversationRead = createApiThunk('conversations/markRead', async (id: string, { extra, rejectWithValue }) => {
  try {
    return await extra.api.call('conversations.markRead', { id });
  } catch (err) {
    return rejectWithValue(errorMessage(err));
  }
});

const conversationsSlice = createSlice({
  name: 'conversations',
  initialState,
  reducers: {
    conversationsUpdated(s, a: PayloadAction<EventPayloads['conversations.updated']>) {
      for (const c of a.payload.conversations) s.byId[c.id] = c;
    },
  },
  extraReducers: (b) => {
    b.addCase(fetchConversations.fulfilled, (s, a) => {
      s.byId = Object.fromEntries(a.payload.map((c) => [c.id, c]));
      s.error = null;
    });
    b.addCase(acceptRequest.fulfilled, (s, a) => {
      s.byId[a.payload.id] = a.payload;
    });
    b.addCase(markConversationRead.fulfilled, (s, a) => {
      // An event about a newer message may have overtaken this answer: keep the newer summary.
      const current = s.byId[a.payload.id];
      if (!current || current.updatedAt <= a.payload.updatedAt) s.byId[a.payload.id] = a.payload;
    });
    b.addCase(declineRequest.fulfilled, (s, a) => {
      delete s.byId[a.payload.id];
    });
    b.addCase(fetchConversations.rejected, (s, a) => {
      s.error = a.payload ?? a.error.message ?? null;
    });
  },
});

export const { conversationsUpdated } = conversationsSlice.actions;
export const conversationsReducer = conversationsSlice.reducer;

interface WithConversations {
  conversations: ConversationsState;
}
const selectById = (s: WithConversations) => s.conversations.byId;

/** The inbox list: no requests, no blocked contacts, most recent first. */
export const selectInboxConversations = createSelector([selectById], (byId) =>
  Object.values(byId)
    .filter((c) => !c.isRequest && !c.isBlocked)
    .sort((a, b) => b.updatedAt - a.updatedAt),
);
/** Incoming message requests (spec/ui.md §3.11), most recent first. */
export const selectRequestConversations = createSelector([selectById], (byId) =>
  Object.values(byId)
    .filter((c) => c.isRequest && !c.isBlocked)
    .sort((a, b) => b.updatedAt - a.updatedAt),
);
/** The banner counts requests with unread messages (spec/ui.md §3.4). */
export const selectUnreadRequestCount = (s: WithConversations) =>
  selectRequestConversations(s).filter((c) => c.unreadCount > 0).length;
export const selectConversationCount = (s: WithConversations) => selectInboxConversations(s).length;
/** The official app shows the search box only once there is more than one conversation. */
export const selectShowSearch = (s: WithConversations) => selectInboxConversations(s).length > 1;
/** Search ignores case and the punctuation people type in IDs and numbers (spec/ui.md §3.3). */
export function normalizeSearch(text: string): string {
  return text.toLowerCase().replace(/[+\-.()\s]/g, '');
}

/** Inbox conversations whose name or Account ID contains the query; `noteToSelfName` also matches Note to Self. */
export function matchConversations(
  conversations: readonly ConversationSummary[],
  query: string,
  noteToSelfName: string,
): ConversationSummary[] {
  const q = normalizeSearch(query);
  if (!q) return [...conversations];
  return conversations.filter((c) => {
    const names = [c.name ?? '', c.id, c.kind === 'note-to-self' ? noteToSelfName : ''];
    return names.some((n) => n && normalizeSearch(n).includes(q));
  });
}

export const selectConversation = (id: string) => (s: WithConversations) => s.conversations.byId[id];
