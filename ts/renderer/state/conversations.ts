// Conversations duck: the summaries the backend lists (`conversations.list` on load and after a
// reconnect), upserts (`conversations.updated` events) and removes (`conversations.removed`). The list
// shows approved, unblocked conversations by recency; requests are counted apart. Every conversation
// action (block, mute, clear, delete) is a backend call: the state only mirrors the answers and events.
import { createSelector, createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { ConversationSummary, EventPayloads, MethodName, MethodParams, MethodResult, NotificationMode } from '../../ipc/contract';
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

/**
 * The user has seen this message of the conversation: it and the older incoming ones are read, newer
 * ones stay unread (the summary's unread count is what is left).
 */
export const markConversationReadUpTo = createApiThunk(
  'conversations/markReadUpTo',
  async (args: { id: string; messageId: string }, { extra, rejectWithValue }) => {
    try {
      return await extra.api.call('conversations.markReadUpTo', args);
    } catch (err) {
      return rejectWithValue(errorMessage(err));
    }
  },
);

/** One backend call as a thunk whose rejection carries a message fit to show. */
function callThunk<A, M extends MethodName>(type: string, method: M, params: (arg: A) => MethodParams<M>) {
  return createApiThunk(type, async (arg: A, { extra, rejectWithValue }) => {
    try {
      return (await extra.api.call(method, params(arg))) as MethodResult<M>;
    } catch (err) {
      return rejectWithValue(errorMessage(err));
    }
  });
}

export const setConversationBlocked = callThunk('conversations/setBlocked', 'conversations.setBlocked', (a: { id: string; blocked: boolean }) => a);
export const setNotificationMode = callThunk(
  'conversations/setNotificationMode',
  'conversations.setNotificationMode',
  (a: { id: string; mode: NotificationMode }) => a,
);
/** Deletes the conversation's messages on this device; the conversation stays. */
export const clearConversationMessages = callThunk('conversations/clearMessages', 'conversations.clearMessages', (id: string) => ({ id }));
export const deleteConversation = callThunk('conversations/delete', 'conversations.delete', (id: string) => ({ id }));
/** Deletes the conversation and the contact: their next message arrives as a request again. */
export const deleteContact = callThunk('contacts/delete', 'contacts.delete', (id: string) => ({ id }));
/** Deletes every incoming message request (without blocking anyone). */
export const clearRequests = callThunk('conversations/clearRequests', 'conversations.clearRequests', (_: void) => ({}));

// ---- config sync: state kept in the account's configs (the backend stores and pushes it; the list mirrors the answer) ----
export const setConversationPinned = callThunk('conversations/setPinned', 'conversations.setPinned', (a: { id: string; pinned: boolean }) => a);
/** `nickname` null clears it: the name falls back to the profile name, then the shortened Account ID. */
export const setConversationNickname = callThunk(
  'conversations/setNickname',
  'conversations.setNickname',
  (a: { id: string; nickname: string | null }) => a,
);
export const markConversationUnread = callThunk('conversations/markUnread', 'conversations.markUnread', (id: string) => ({ id }));
export const setNoteToSelfHidden = callThunk('conversations/setNoteToSelfHidden', 'conversations.setNoteToSelfHidden', (hidden: boolean) => ({
  hidden,
}));

// --- conversation features: disappearing messages (begin) ---
/** Sets the conversation's disappearing messages (kept in the account's configs; the answer is authoritative for it). */
export const setConversationExpiration = callThunk(
  'conversations/setExpiration',
  'conversations.setExpiration',
  (a: MethodParams<'conversations.setExpiration'>) => a,
);
// --- conversation features: disappearing messages (end) ---

function keepNewer(s: ConversationsState, c: ConversationSummary): void {
  // An event about a newer message may have overtaken a call's answer: keep the newer summary.
  const current = s.byId[c.id];
  if (!current || current.updatedAt <= c.updatedAt) s.byId[c.id] = c;
}

/** The summary fields the account's configs own (the answer to a config change is authoritative for them). */
// (conversation features: 'expiration', the disappearing setting, is config state too.)
const CONFIG_FIELDS = ['name', 'nickname', 'profileName', 'pinnedPriority', 'markedUnread', 'lastReadTimestamp', 'hidden', 'expiration'] as const;

function applyConfigAnswer(s: ConversationsState, c: ConversationSummary): void {
  const current = s.byId[c.id];
  if (!current || current.updatedAt <= c.updatedAt) {
    s.byId[c.id] = c;
    return;
  }
  // A newer message overtook the answer: keep that summary, with the config state the answer carries.
  for (const key of CONFIG_FIELDS) {
    if (c[key] === undefined) delete current[key];
    else (current as unknown as Record<string, unknown>)[key] = c[key];
  }
}

const conversationsSlice = createSlice({
  name: 'conversations',
  initialState,
  reducers: {
    conversationsUpdated(s, a: PayloadAction<EventPayloads['conversations.updated']>) {
      for (const c of a.payload.conversations) s.byId[c.id] = c;
    },
    conversationsRemoved(s, a: PayloadAction<EventPayloads['conversations.removed']>) {
      for (const id of a.payload.ids) delete s.byId[id];
    },
    /** Removed messages leave the preview; the backend's next summary names the new last message. */
    conversationMessagesRemoved(s, a: PayloadAction<EventPayloads['messages.removed']>) {
      const c = s.byId[a.payload.conversationId];
      if (c?.lastMessage && a.payload.ids.includes(c.lastMessage.id)) delete c.lastMessage;
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
    b.addCase(markConversationRead.fulfilled, (s, a) => keepNewer(s, a.payload));
    b.addCase(markConversationReadUpTo.fulfilled, (s, a) => keepNewer(s, a.payload));
    b.addCase(setConversationBlocked.fulfilled, (s, a) => keepNewer(s, a.payload));
    b.addCase(setNotificationMode.fulfilled, (s, a) => keepNewer(s, a.payload));
    b.addCase(setConversationPinned.fulfilled, (s, a) => applyConfigAnswer(s, a.payload));
    b.addCase(setConversationNickname.fulfilled, (s, a) => applyConfigAnswer(s, a.payload));
    b.addCase(markConversationUnread.fulfilled, (s, a) => applyConfigAnswer(s, a.payload));
    b.addCase(setNoteToSelfHidden.fulfilled, (s, a) => applyConfigAnswer(s, a.payload));
    // --- conversation features: disappearing messages ---
    b.addCase(setConversationExpiration.fulfilled, (s, a) => applyConfigAnswer(s, a.payload));
    b.addCase(clearConversationMessages.fulfilled, (s, a) => {
      // The cleared summary has no last message, whatever an older event said.
      s.byId[a.payload.id] = a.payload;
    });
    b.addCase(declineRequest.fulfilled, (s, a) => {
      delete s.byId[a.payload.id];
    });
    b.addCase(deleteConversation.fulfilled, (s, a) => {
      delete s.byId[a.payload.id];
    });
    b.addCase(deleteContact.fulfilled, (s, a) => {
      delete s.byId[a.payload.id];
    });
    b.addCase(clearRequests.fulfilled, (s, a) => {
      for (const id of a.payload.ids) delete s.byId[id];
    });
    b.addCase(fetchConversations.rejected, (s, a) => {
      s.error = a.payload ?? a.error.message ?? null;
    });
  },
});

export const { conversationsUpdated, conversationsRemoved, conversationMessagesRemoved } = conversationsSlice.actions;
export const conversationsReducer = conversationsSlice.reducer;

interface WithConversations {
  conversations: ConversationsState;
}
const selectById = (s: WithConversations) => s.conversations.byId;

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** spec/ui.md §3.6: pinned first (higher pin priority first), then most recent activity, then by name. */
export function compareConversations(a: ConversationSummary, b: ConversationSummary): number {
  return (
    (b.pinnedPriority ?? 0) - (a.pinnedPriority ?? 0) ||
    b.updatedAt - a.updatedAt ||
    collator.compare(a.name?.trim() || a.id, b.name?.trim() || b.id) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** Unread in the list's sense: unread messages, or marked unread by hand (spec/ui.md §3.5, §3.7). */
export function isUnread(c: Pick<ConversationSummary, 'unreadCount' | 'markedUnread'>): boolean {
  return c.unreadCount > 0 || c.markedUnread === true;
}

/** A hidden Note to Self is left out of the list but still found by search (spec/ui.md §3.6). */
const isHiddenNoteToSelf = (c: ConversationSummary) => c.kind === 'note-to-self' && c.hidden === true;

/**
 * The backend does not list a hidden Note to Self, yet search still finds it (spec/ui.md §3.3, §3.6) and its
 * menu and settings can show it again: without a summary of our own conversation, this stands in for it.
 */
export function unlistedNoteToSelf(ownId: string): ConversationSummary {
  return { id: ownId, kind: 'note-to-self', isApproved: true, isRequest: false, isBlocked: false, unreadCount: 0, updatedAt: 0, hidden: true };
}

/** `list` with our Note to Self added when it is not in it (see unlistedNoteToSelf). */
export function withNoteToSelf(list: readonly ConversationSummary[], ownId: string | undefined): readonly ConversationSummary[] {
  if (!ownId || list.some((c) => c.id === ownId)) return list;
  return [...list, unlistedNoteToSelf(ownId)];
}

/** What search looks through: the inbox plus a hidden Note to Self. */
export const selectSearchableConversations = createSelector([selectById], (byId) =>
  Object.values(byId)
    .filter((c) => !c.isRequest && !c.isBlocked)
    .sort(compareConversations),
);
/** The inbox list: no requests, no blocked contacts, no hidden Note to Self (spec/ui.md §3.6). */
export const selectInboxConversations = createSelector([selectSearchableConversations], (all) => all.filter((c) => !isHiddenNoteToSelf(c)));
/** Incoming message requests (spec/ui.md §3.11), most recent first. */
export const selectRequestConversations = createSelector([selectById], (byId) =>
  Object.values(byId)
    .filter((c) => c.isRequest && !c.isBlocked)
    .sort(compareConversations),
);
/**
 * The banner counts requests with unread messages (spec/ui.md §3.4), and group invitations not answered yet
 * (they carry no message: the banner is the way to them).
 */
export const selectUnreadRequestCount = (s: WithConversations) =>
  selectRequestConversations(s).filter((c) => c.unreadCount > 0 || c.group?.invitationPending === true).length;
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
    const names = [c.name ?? '', c.nickname ?? '', c.profileName ?? '', c.id, c.kind === 'note-to-self' ? noteToSelfName : ''];
    return names.some((n) => n && normalizeSearch(n).includes(q));
  });
}

export const selectConversation = (id: string) => (s: WithConversations) => s.conversations.byId[id];
