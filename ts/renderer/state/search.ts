// Search duck (spec/ui.md §3.3): the backend's answer to the search box's query (messages with their
// excerpts, conversations and contacts found by name), and the hit the user chose, which the timeline of
// its conversation consumes to open at that message. The query text itself lives in the ui slice (the box
// filters the local list at once); this slice holds what the debounced backend search found.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { SearchHit, SearchResults } from '../../ipc/contract';
import { conversationsRemoved } from './conversations';
import { messagesRemoved, messagesUpdated } from './messages';
import { createApiThunk, errorMessage } from './thunk';

/** Most message hits asked for (the official app: 50 per query character, at most 200). */
export const MAX_MESSAGE_HITS = 200;
export const HITS_PER_CHARACTER = 50;

export type SearchStatus = 'idle' | 'loading' | 'done' | 'failed';

export interface SearchState {
  /** The query the results (or the running search) belong to, trimmed. */
  query: string;
  status: SearchStatus;
  results: SearchResults;
  error?: string;
  /** A message hit the user opened: its conversation's timeline opens at it, then clears this. */
  jump: { conversationId: string; messageId: string } | null;
}

const EMPTY: SearchResults = { conversations: [], contacts: [], messages: [] };
const initialState: SearchState = { query: '', status: 'idle', results: EMPTY, jump: null };

/** How many message hits a query asks for. */
export function messageLimit(query: string): number {
  return Math.min(MAX_MESSAGE_HITS, HITS_PER_CHARACTER * Math.max(1, [...query.trim()].length));
}

export const runSearch = createApiThunk('search/run', async (query: string, { extra, rejectWithValue }) => {
  try {
    return await extra.api.call('messages.search', { query, limit: messageLimit(query) });
  } catch (err) {
    return rejectWithValue(errorMessage(err));
  }
});

const searchSlice = createSlice({
  name: 'search',
  initialState,
  reducers: {
    /** The box was emptied: no results, nothing running. */
    searchCleared(s) {
      s.query = '';
      s.status = 'idle';
      s.results = EMPTY;
      delete s.error;
    },
    /** Open this message hit: its conversation opens at it. */
    searchJumpRequested(s, a: PayloadAction<{ conversationId: string; messageId: string }>) {
      s.jump = a.payload;
    },
    /** The timeline has started the jump (or the conversation went away). */
    searchJumpDone(s) {
      s.jump = null;
    },
  },
  extraReducers: (b) => {
    // Deleted, unsent or expired messages and removed conversations leave the results at once.
    const dropHits = (s: SearchState, gone: (h: SearchHit) => boolean): void => {
      if (s.results.messages.some(gone)) s.results.messages = s.results.messages.filter((h) => !gone(h));
    };
    b.addCase(messagesRemoved, (s, a) => {
      const ids = new Set(a.payload.ids);
      dropHits(s, (h) => ids.has(h.message.id));
    });
    b.addCase(messagesUpdated, (s, a) => {
      const deleted = new Set(a.payload.messages.filter((m) => m.deleted === true).map((m) => m.id));
      if (deleted.size > 0) dropHits(s, (h) => deleted.has(h.message.id));
    });
    b.addCase(conversationsRemoved, (s, a) => {
      const ids = new Set(a.payload.ids);
      dropHits(s, (h) => ids.has(h.message.conversationId));
      s.results.conversations = s.results.conversations.filter((c) => !ids.has(c.id));
      if (s.jump && ids.has(s.jump.conversationId)) s.jump = null;
    });
    b.addCase(runSearch.pending, (s, a) => {
      s.query = a.meta.arg.trim();
      s.status = 'loading';
      delete s.error;
    });
    // Only the answer to the latest query counts: an earlier, slower one is dropped.
    b.addCase(runSearch.fulfilled, (s, a) => {
      if (a.meta.arg.trim() !== s.query || s.status !== 'loading') return;
      s.status = 'done';
      s.results = a.payload;
    });
    b.addCase(runSearch.rejected, (s, a) => {
      if (a.meta.arg.trim() !== s.query || s.status !== 'loading') return;
      s.status = 'failed';
      s.results = EMPTY;
      s.error = a.payload ?? a.error.message ?? '';
    });
  },
});

export const { searchCleared, searchJumpRequested, searchJumpDone } = searchSlice.actions;
export const searchReducer = searchSlice.reducer;

interface WithSearch {
  search: SearchState;
}
export const selectSearch = (s: WithSearch) => s.search;
export const selectSearchJump = (s: WithSearch) => s.search.jump;
