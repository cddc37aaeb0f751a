// Messages duck: a window of each conversation's messages, oldest first, loaded by cursor pages
// (`messages.page`: the newest page on open, or the page around the first unread message, then older
// and newer pages as the user scrolls), merged with `messages.added` / `messages.updated` /
// `messages.removed` events. A send shows at once as an optimistic row that the backend's answer (or
// its event, whichever comes first) replaces. Each window holds at most MAX_LOADED messages: loading
// one end drops the far end, which is fetched again when the user scrolls back. Composer drafts live
// here too (memory), mirrored to the backend by the composer.
import { createSlice, current, isDraft, type PayloadAction } from '@reduxjs/toolkit';
import type { AttachmentView, EventPayloads, LinkPreviewDraft, MessagePage, MessageView, SessionApi, StagedAttachmentView } from '../../ipc/contract';
// --- replies (begin) ---
import type { QuoteView } from '../../ipc/contract';
// --- replies (end) ---
import { createApiThunk, errorMessage } from './thunk';

/** Messages per page request (the contract allows up to 200). */
export const PAGE_SIZE = 50;
/** The most messages kept per conversation window; bounds memory in long conversations. */
export const MAX_LOADED = 300;

export interface MessageWindow {
  /** Older messages exist before the first loaded one. */
  hasOlder: boolean;
  /** Newer messages exist after the last loaded one (the window is not at the live end). */
  hasNewer: boolean;
  /** The first unread message when the conversation was opened (the "Unread messages" line). */
  firstUnreadId?: string;
  loadingOlder: boolean;
  loadingNewer: boolean;
  /** Counts completed opens, so the view re-positions (unread line or bottom) after each. */
  openSeq: number;
  /** Incoming messages that arrived while the window was away from the live end. */
  arrivedBeyond: number;
  /**
   * The request id of the latest load that replaces the window (open, jump to the newest, jump to a quote):
   * an earlier one that answers later is stale and dropped (a slow open must not undo a jump to the bottom).
   */
  loadRequest?: string;
  /**
   * The view shows the live end (its newest row, at the bottom): rows that events append then push the
   * oldest ones out past MAX_LOADED, so a catch-up of thousands keeps the window (and every pass over it:
   * rows, list, virtualizer) at a page's scale. Away from the bottom the window keeps what the reader sees.
   */
  following?: boolean;
}

export interface MessagesState {
  /** conversation id -> loaded messages sorted by timestamp (then id), oldest first. */
  byConversation: Record<string, MessageView[]>;
  /** Why the last load of a conversation failed. */
  loadError: Record<string, string>;
  windows: Record<string, MessageWindow>;
  /** conversation id -> unsent composer text (this session; the backend keeps it across restarts). */
  drafts: Record<string, string>;
}

const initialState: MessagesState = { byConversation: {}, loadError: {}, windows: {}, drafts: {} };

/** Optimistic rows carry this id prefix until the backend names them. */
export const PENDING_PREFIX = 'pending:';

function isUnavailable(err: unknown): boolean {
  return !!err && typeof err === 'object' && (err as { code?: unknown }).code === 'unavailable';
}

/**
 * One page by cursor. A backend without paging yet (it answers "unavailable") still shows its newest
 * messages through `messages.list`, as one page with nothing older.
 */
async function loadPage(
  api: SessionApi,
  conversationId: string,
  cursor: { before?: string; after?: string; around?: string } = {},
): Promise<MessagePage> {
  try {
    return await api.call('messages.page', { conversationId, ...cursor, limit: PAGE_SIZE });
  } catch (err) {
    if (!isUnavailable(err) || cursor.before || cursor.after || cursor.around) throw err;
    const messages = await api.call('messages.list', { conversationId });
    return { messages, hasOlder: false, hasNewer: false };
  }
}

/** Opens a conversation: the page around its first unread message if that is not among the newest, else the newest page. */
export const fetchMessages = createApiThunk('messages/fetch', async (conversationId: string, { extra, rejectWithValue }) => {
  try {
    const newest = await loadPage(extra.api, conversationId);
    const unread = newest.firstUnreadId;
    if (!unread || newest.messages.some((m) => m.id === unread)) return newest;
    return { ...(await loadPage(extra.api, conversationId, { around: unread })), firstUnreadId: unread };
  } catch (err) {
    return rejectWithValue(errorMessage(err));
  }
});

/**
 * The newest page of an open conversation (the jump to the newest message from a window away from the
 * live end): unlike opening, never the page around the first unread message.
 */
export const fetchNewest = createApiThunk('messages/fetchNewest', async (conversationId: string, { extra, rejectWithValue }) => {
  try {
    return await loadPage(extra.api, conversationId);
  } catch (err) {
    return rejectWithValue(errorMessage(err));
  }
});

// --- replies: jump to a quoted message (begin) ---
/**
 * The page centred on one message of an open conversation (a click on a quote whose original is not
 * loaded): it replaces the window, which then continues older and newer from there as the user scrolls.
 */
export const fetchAround = createApiThunk(
  'messages/fetchAround',
  async (args: { conversationId: string; messageId: string }, { extra, rejectWithValue }) => {
    try {
      const page = await loadPage(extra.api, args.conversationId, { around: args.messageId });
      if (!page.messages.some((m) => m.id === args.messageId)) return rejectWithValue(NOT_LOADED);
      return page;
    } catch (err) {
      return rejectWithValue(isNotFound(err) ? NOT_LOADED : errorMessage(err));
    }
  },
);
/** fetchAround's rejection when the message is not there (any more). */
export const NOT_LOADED = 'not_found';
function isNotFound(err: unknown): boolean {
  return !!err && typeof err === 'object' && (err as { code?: unknown }).code === 'not_found';
}
// --- replies: jump to a quoted message (end) ---

function realIds(list: readonly MessageView[] | undefined): MessageView[] {
  return (list ?? []).filter((m) => !m.id.startsWith(PENDING_PREFIX));
}

interface WithMessages {
  messages: MessagesState;
}

export const fetchOlder = createApiThunk(
  'messages/fetchOlder',
  async (conversationId: string, { extra, getState, rejectWithValue }) => {
    const first = realIds((getState() as WithMessages).messages.byConversation[conversationId])[0];
    if (!first) return { messages: [], hasOlder: false, hasNewer: false } satisfies MessagePage;
    try {
      return await loadPage(extra.api, conversationId, { before: first.id });
    } catch (err) {
      return rejectWithValue(errorMessage(err));
    }
  },
  {
    condition: (conversationId, { getState }) => {
      const w = (getState() as WithMessages).messages.windows[conversationId];
      return !!w && w.hasOlder && !w.loadingOlder;
    },
  },
);

export const fetchNewer = createApiThunk(
  'messages/fetchNewer',
  async (conversationId: string, { extra, getState, rejectWithValue }) => {
    const list = realIds((getState() as WithMessages).messages.byConversation[conversationId]);
    const last = list[list.length - 1];
    if (!last) return { messages: [], hasOlder: false, hasNewer: false } satisfies MessagePage;
    try {
      return await loadPage(extra.api, conversationId, { after: last.id });
    } catch (err) {
      return rejectWithValue(errorMessage(err));
    }
  },
  {
    condition: (conversationId, { getState }) => {
      const w = (getState() as WithMessages).messages.windows[conversationId];
      return !!w && w.hasNewer && !w.loadingNewer;
    },
  },
);

export interface SendArgs {
  conversationId: string;
  /** Our Session ID, so the optimistic row has the right sender. */
  sender: string;
  text: string;
  /** When the user pressed send (the optimistic row's time until the backend answers). */
  sentAt: number;
  /** Staged files sent with the text (its caption, which may then be empty). */
  attachments?: readonly StagedAttachmentView[];
  // --- replies (begin) ---
  /** The message this one replies to, as the composer shows it (the optimistic row shows it too). */
  quote?: QuoteView;
  // --- replies (end) ---
  // --- link previews (begin) ---
  /** The composer's link preview (linkPreviews.fetch), sent with the text. */
  preview?: LinkPreviewDraft;
  // --- link previews (end) ---
}

/** How a staged file shows in the optimistic row until the backend's message replaces it. */
function pendingAttachment(v: StagedAttachmentView, index: number): AttachmentView {
  return {
    index,
    ...(v.fileName !== undefined ? { fileName: v.fileName } : {}),
    contentType: v.contentType,
    size: v.size,
    ...(v.width !== undefined ? { width: v.width } : {}),
    ...(v.height !== undefined ? { height: v.height } : {}),
    voice: v.voice,
    ...(v.durationMs !== undefined ? { durationMs: v.durationMs } : {}),
    state: 'uploading',
    hasThumbnail: false,
  };
}

export const sendMessage = createApiThunk('messages/send', async (args: SendArgs, { extra, rejectWithValue }) => {
  try {
    const attachments = args.attachments?.map((a) => ({ stageId: a.stageId }));
    return await extra.api.call('messages.send', {
      to: args.conversationId,
      text: args.text,
      ...(attachments?.length ? { attachments } : {}),
      // --- replies ---
      ...(args.quote?.messageId ? { quote: { messageId: args.quote.messageId } } : {}),
      ...(args.preview ? { preview: args.preview } : {}), // link previews
    });
  } catch (err) {
    return rejectWithValue(errorMessage(err));
  }
});

export const retryMessage = createApiThunk('messages/retry', async (id: string, { extra, rejectWithValue }) => {
  try {
    return await extra.api.call('messages.retry', { id });
  } catch (err) {
    return rejectWithValue(errorMessage(err));
  }
});

/** Deletes messages on this device only; the rows go as soon as the backend confirms. */
export const deleteMessagesForMe = createApiThunk(
  'messages/deleteForMe',
  async (args: { conversationId: string; ids: string[] }, { extra, rejectWithValue }) => {
    try {
      return await extra.api.call('messages.deleteForMe', { ids: args.ids });
    } catch (err) {
      return rejectWithValue(errorMessage(err));
    }
  },
);

/** Whether the text holds our recovery password (the backend compares; the secret never reaches the renderer). */
export const checkRecoveryPassword = createApiThunk('messages/checkRecoveryPassword', async (text: string, { extra, rejectWithValue }) => {
  try {
    return (await extra.api.call('account.containsRecoveryPassword', { text })).contains;
  } catch (err) {
    return rejectWithValue(errorMessage(err));
  }
});

/** Saves a conversation's draft with the backend, so it survives a restart. */
export const saveDraft = createApiThunk('messages/saveDraft', async (args: { conversationId: string; text: string }, { extra, rejectWithValue }) => {
  try {
    return await extra.api.call('conversations.setDraft', { id: args.conversationId, text: args.text });
  } catch (err) {
    return rejectWithValue(errorMessage(err));
  }
});

function byTime(a: MessageView, b: MessageView): number {
  return a.timestamp - b.timestamp || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Inserts or replaces rows; a new message past the end of a window that is away from the live end is only
 * counted, and one before the start of a window with older messages unloaded is left out.
 */
/**
 * A conversation's loaded rows as a plain array, not as an Immer draft: reading a draft array element
 * by element makes a proxy per row (hundreds per page) that its finalization walks again. Unchanged,
 * this is the frozen array of the previous state; reducers read it and assign a new array.
 */
function rowsOf(s: MessagesState, conversationId: string): readonly MessageView[] {
  const list = s.byConversation[conversationId];
  if (!list) return [];
  return isDraft(list) ? current(list) : list;
}

/**
 * The pending row an event's message stands for: our own send whose reply has not come yet (the backend
 * names the message, and its time, only in that reply). Same text and as many attachments; the oldest first.
 */
function pendingRowOf(list: readonly MessageView[], m: MessageView): number {
  if (m.direction !== 'outgoing' || m.id.startsWith(PENDING_PREFIX)) return -1;
  return list.findIndex(
    (x) =>
      x.id.startsWith(PENDING_PREFIX) &&
      x.status === 'sending' &&
      x.sender === m.sender &&
      x.text === m.text &&
      (x.attachments?.length ?? 0) === (m.attachments?.length ?? 0),
  );
}

function upsert(s: MessagesState, messages: readonly MessageView[], fromEvent = false): void {
  const next = new Map<string, MessageView[]>();
  // Row positions by id, per conversation: a batch of a room's catch-up (or of read marks) finds each of its
  // messages without scanning a list of thousands once per message.
  const positions = new Map<string, Map<string, number>>();
  for (const m of messages) {
    let list = next.get(m.conversationId);
    let at = positions.get(m.conversationId);
    if (!list || !at) {
      const rows = [...rowsOf(s, m.conversationId)];
      list = rows;
      at = new Map(rows.map((x, k) => [x.id, k]));
      next.set(m.conversationId, list);
      positions.set(m.conversationId, at);
    }
    const i = at.get(m.id) ?? -1;
    const p = i < 0 && fromEvent ? pendingRowOf(list, m) : -1;
    if (i >= 0) {
      list[i] = m;
    } else if (p >= 0) {
      // Our own send, announced before its reply came: it takes the place of its pending row (never both).
      at.delete(list[p]!.id);
      list[p] = m;
      at.set(m.id, p);
    } else {
      const w = s.windows[m.conversationId];
      const last = list[list.length - 1];
      if (w?.hasNewer && last && byTime(m, last) > 0) {
        if (fromEvent && m.direction === 'incoming') w.arrivedBeyond++;
        continue;
      }
      // Nor before its start: an update of an older message (read, say) is not loaded here.
      const first = list[0];
      if (w?.hasOlder && first && byTime(m, first) < 0) continue;
      at.set(m.id, list.length);
      list.push(m);
    }
  }
  for (const [id, list] of next) {
    const before = rowsOf(s, id);
    if (list.length === before.length && list.every((m, k) => m === before[k])) continue;
    list.sort(byTime);
    const w = s.windows[id];
    // A conversation that is not open keeps only its newest row (the list shows its status) and rows in flight.
    if (!w && list.length > 1) {
      const newest = list[list.length - 1]!;
      s.byConversation[id] = list.filter((m) => m === newest || m.id.startsWith(PENDING_PREFIX));
    } else if (w?.following && !w.hasNewer && list.length > MAX_LOADED) {
      // At the live end, in view: the oldest rows make room (they load again as older pages).
      s.byConversation[id] = Object.freeze(list.slice(list.length - MAX_LOADED)) as MessageView[];
      w.hasOlder = true;
    } else {
      s.byConversation[id] = list;
    }
  }
}

function removeRows(s: MessagesState, conversationId: string, ids: readonly string[]): void {
  if (!s.byConversation[conversationId]) return;
  const gone = new Set(ids);
  s.byConversation[conversationId] = rowsOf(s, conversationId).filter((m) => !gone.has(m.id));
}

function windowOf(s: MessagesState, id: string): MessageWindow {
  return (s.windows[id] ??= { hasOlder: false, hasNewer: false, loadingOlder: false, loadingNewer: false, openSeq: 0, arrivedBeyond: 0 });
}

/** Merges a page into a window; when the window grows past MAX_LOADED the end away from the page is dropped. */
function mergePage(s: MessagesState, id: string, page: MessagePage, side: 'older' | 'newer'): void {
  const w = windowOf(s, id);
  const list = rowsOf(s, id);
  const known = new Set(list.map((m) => m.id));
  let merged = [...list, ...page.messages.filter((m) => !known.has(m.id))].sort(byTime);
  if (side === 'older') {
    w.hasOlder = page.hasOlder;
    if (merged.length > MAX_LOADED) {
      merged = merged.slice(0, MAX_LOADED);
      w.hasNewer = true;
    }
  } else {
    w.hasNewer = page.hasNewer;
    if (!w.hasNewer) w.arrivedBeyond = 0;
    if (merged.length > MAX_LOADED) {
      merged = merged.slice(merged.length - MAX_LOADED);
      w.hasOlder = true;
    }
  }
  // Frozen, Immer takes the new array as it is instead of walking its rows (and their parts) for drafts
  // when the state is finalized: a page merge runs in the frame that shows the page.
  s.byConversation[id] = Object.freeze(merged) as MessageView[];
}

const messagesSlice = createSlice({
  name: 'messages',
  initialState,
  reducers: {
    messagesAdded(s, a: PayloadAction<EventPayloads['messages.added']>) {
      upsert(s, a.payload.messages, true);
    },
    messagesUpdated(s, a: PayloadAction<EventPayloads['messages.updated']>) {
      // An update may overtake the send's answer: it inserts the row (never past a window's end).
      upsert(s, a.payload.messages);
    },
    messagesRemoved(s, a: PayloadAction<EventPayloads['messages.removed']>) {
      removeRows(s, a.payload.conversationId, a.payload.ids);
    },
    /** Drops a failed optimistic row before it is sent again. */
    messageRowRemoved(s, a: PayloadAction<{ conversationId: string; id: string }>) {
      removeRows(s, a.payload.conversationId, [a.payload.id]);
    },
    conversationMessagesDropped(s, a: PayloadAction<string>) {
      delete s.byConversation[a.payload];
      delete s.loadError[a.payload];
      delete s.windows[a.payload];
    },
    /** The user left the conversation: only rows still being sent stay; reopening loads pages afresh. */
    conversationLeft(s, a: PayloadAction<string>) {
      const pending = (s.byConversation[a.payload] ?? []).filter((m) => m.id.startsWith(PENDING_PREFIX));
      if (pending.length > 0) s.byConversation[a.payload] = pending;
      else delete s.byConversation[a.payload];
      delete s.windows[a.payload];
    },
    /** The open conversation's view is at its live end (its newest row in view), or left it. */
    windowFollowing(s, a: PayloadAction<{ conversationId: string; following: boolean }>) {
      const w = s.windows[a.payload.conversationId];
      if (w && w.following !== a.payload.following) w.following = a.payload.following;
    },
    draftChanged(s, a: PayloadAction<{ conversationId: string; text: string }>) {
      s.drafts[a.payload.conversationId] = a.payload.text;
    },
  },
  extraReducers: (b) => {
    // The conversation is open from now on, even if its first page fails or is empty: rows that events
    // bring meanwhile belong to its window (a closed conversation keeps only its newest row).
    b.addCase(fetchMessages.pending, (s, a) => {
      windowOf(s, a.meta.arg).loadRequest = a.meta.requestId;
    });
    b.addCase(fetchNewest.pending, (s, a) => {
      const w = s.windows[a.meta.arg];
      if (w) w.loadRequest = a.meta.requestId;
    });
    b.addCase(fetchAround.pending, (s, a) => {
      const w = s.windows[a.meta.arg.conversationId];
      if (w) w.loadRequest = a.meta.requestId;
    });
    /** Whether a newer replacing load started after this one (its answer is then stale). */
    const superseded = (s: MessagesState, id: string, requestId: string): boolean => {
      const latest = s.windows[id]?.loadRequest;
      return latest !== undefined && latest !== requestId;
    };
    const pageLoaded = (s: MessagesState, id: string, payload: MessagePage): void => {
      // Keep optimistic rows still in flight, and at the live end any message an event brought after the
      // page was read; the fetched page replaces everything else.
      const page = payload.messages;
      const last = page[page.length - 1];
      const kept = rowsOf(s, id).filter(
        (m) =>
          m.id.startsWith(PENDING_PREFIX) ||
          (!payload.hasNewer && last !== undefined && byTime(m, last) > 0 && !page.some((x) => x.id === m.id)),
      );
      s.byConversation[id] = [...page, ...kept].sort(byTime);
      const w = windowOf(s, id);
      w.hasOlder = payload.hasOlder;
      w.hasNewer = payload.hasNewer;
      w.loadingOlder = false;
      w.loadingNewer = false;
      w.arrivedBeyond = 0;
      // The unread line stays where it was on opening until the conversation is opened again (reading
      // moves the backend's first unread message; a reload or a jump to the newest page keeps the line).
      if (w.openSeq === 0) {
        if (payload.firstUnreadId) w.firstUnreadId = payload.firstUnreadId;
        else delete w.firstUnreadId;
      }
      w.openSeq++;
      delete s.loadError[id];
    };
    b.addCase(fetchMessages.fulfilled, (s, a) => {
      if (!superseded(s, a.meta.arg, a.meta.requestId)) pageLoaded(s, a.meta.arg, a.payload);
    });
    b.addCase(fetchNewest.fulfilled, (s, a) => {
      if (!superseded(s, a.meta.arg, a.meta.requestId)) pageLoaded(s, a.meta.arg, a.payload);
    });
    // --- replies ---
    b.addCase(fetchAround.fulfilled, (s, a) => {
      if (!superseded(s, a.meta.arg.conversationId, a.meta.requestId)) pageLoaded(s, a.meta.arg.conversationId, a.payload);
    });
    b.addCase(fetchNewest.rejected, (s, a) => {
      s.loadError[a.meta.arg] = a.payload ?? a.error.message ?? '';
    });
    b.addCase(fetchMessages.rejected, (s, a) => {
      s.loadError[a.meta.arg] = a.payload ?? a.error.message ?? '';
    });
    b.addCase(fetchOlder.pending, (s, a) => {
      windowOf(s, a.meta.arg).loadingOlder = true;
    });
    b.addCase(fetchOlder.fulfilled, (s, a) => {
      windowOf(s, a.meta.arg).loadingOlder = false;
      mergePage(s, a.meta.arg, a.payload, 'older');
    });
    b.addCase(fetchOlder.rejected, (s, a) => {
      if (a.meta.condition) return;
      windowOf(s, a.meta.arg).loadingOlder = false;
      s.loadError[a.meta.arg] = a.payload ?? a.error.message ?? '';
    });
    b.addCase(fetchNewer.pending, (s, a) => {
      windowOf(s, a.meta.arg).loadingNewer = true;
    });
    b.addCase(fetchNewer.fulfilled, (s, a) => {
      windowOf(s, a.meta.arg).loadingNewer = false;
      mergePage(s, a.meta.arg, a.payload, 'newer');
    });
    b.addCase(fetchNewer.rejected, (s, a) => {
      if (a.meta.condition) return;
      windowOf(s, a.meta.arg).loadingNewer = false;
      s.loadError[a.meta.arg] = a.payload ?? a.error.message ?? '';
    });
    b.addCase(sendMessage.pending, (s, a) => {
      const { conversationId, sender, text, sentAt, attachments, quote } = a.meta.arg;
      const list = (s.byConversation[conversationId] ??= []);
      // The user's own message always shows, even when the window is away from the live end.
      list.push({
        id: PENDING_PREFIX + a.meta.requestId,
        conversationId,
        sender,
        direction: 'outgoing',
        text,
        timestamp: sentAt,
        receivedAt: sentAt,
        status: 'sending',
        ...(attachments?.length ? { attachments: attachments.map(pendingAttachment) } : {}),
        // --- replies ---
        ...(quote ? { quote: { ...quote, ...(quote.attachment ? { attachment: { ...quote.attachment } } : {}) } } : {}),
        // --- link previews: the card shows at once, its image once the backend names the message ---
        ...(a.meta.arg.preview ? { preview: { url: a.meta.arg.preview.url, ...(a.meta.arg.preview.title !== undefined ? { title: a.meta.arg.preview.title } : {}) } } : {}),
      });
      list.sort(byTime);
    });
    b.addCase(sendMessage.fulfilled, (s, a) => {
      removeRows(s, a.meta.arg.conversationId, [PENDING_PREFIX + a.meta.requestId]);
      // The `messages.added` event may have come first and an update after it: never go back.
      const known = s.byConversation[a.payload.conversationId]?.find((m) => m.id === a.payload.id);
      if (!known) upsert(s, [a.payload]);
    });
    b.addCase(sendMessage.rejected, (s, a) => {
      const list = s.byConversation[a.meta.arg.conversationId] ?? [];
      const row = list.find((m) => m.id === PENDING_PREFIX + a.meta.requestId);
      if (row) {
        row.status = 'failed';
        row.error = a.payload ?? a.error.message ?? '';
      }
    });
    b.addCase(retryMessage.pending, (s, a) => {
      for (const list of Object.values(s.byConversation)) {
        const row = list.find((m) => m.id === a.meta.arg);
        if (row) {
          row.status = 'sending';
          delete row.error;
        }
      }
    });
    b.addCase(retryMessage.fulfilled, (s, a) => {
      upsert(s, [a.payload]);
    });
    b.addCase(retryMessage.rejected, (s, a) => {
      for (const list of Object.values(s.byConversation)) {
        const row = list.find((m) => m.id === a.meta.arg);
        if (row) {
          row.status = 'failed';
          row.error = a.payload ?? a.error.message ?? '';
        }
      }
    });
    b.addCase(deleteMessagesForMe.fulfilled, (s, a) => {
      removeRows(s, a.meta.arg.conversationId, a.payload.deleted);
    });
  },
});

export const {
  messagesAdded,
  messagesUpdated,
  messagesRemoved,
  messageRowRemoved,
  conversationMessagesDropped,
  conversationLeft,
  windowFollowing,
  draftChanged,
} = messagesSlice.actions;
export const messagesReducer = messagesSlice.reducer;

const EMPTY: readonly MessageView[] = [];
export const selectMessagesOf = (conversationId: string | null) => (s: WithMessages) =>
  (conversationId ? s.messages.byConversation[conversationId] : undefined) ?? EMPTY;
export const selectMessagesLoadError = (conversationId: string | null) => (s: WithMessages) =>
  conversationId ? s.messages.loadError[conversationId] : undefined;
export const selectMessageWindow = (conversationId: string) => (s: WithMessages) => s.messages.windows[conversationId];
export const selectDraft = (conversationId: string) => (s: WithMessages) => s.messages.drafts[conversationId];
/** A loaded message by id, in whichever conversation it is. */
export const selectMessageById = (id: string) => (s: WithMessages) => {
  for (const list of Object.values(s.messages.byConversation)) {
    const hit = list.find((m) => m.id === id);
    if (hit) return hit;
  }
  return undefined;
};
