// Messages duck: each conversation's messages, oldest first, from `messages.list` (on open and after
// a reconnect) merged with `messages.added` / `messages.updated` events. A send shows at once as an
// optimistic row that the backend's answer (or its event, whichever comes first) replaces.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { EventPayloads, MessageView } from '../../ipc/contract';
import { createApiThunk, errorMessage } from './thunk';

export interface MessagesState {
  /** conversation id -> messages sorted by timestamp (then id), oldest first. */
  byConversation: Record<string, MessageView[]>;
  /** Why the last load of a conversation failed. */
  loadError: Record<string, string>;
}

const initialState: MessagesState = { byConversation: {}, loadError: {} };

/** Optimistic rows carry this id prefix until the backend names them. */
export const PENDING_PREFIX = 'pending:';

export const fetchMessages = createApiThunk('messages/fetch', async (conversationId: string, { extra, rejectWithValue }) => {
  try {
    return await extra.api.call('messages.list', { conversationId });
  } catch (err) {
    return rejectWithValue(errorMessage(err));
  }
});

export interface SendArgs {
  conversationId: string;
  /** Our Session ID, so the optimistic row has the right sender. */
  sender: string;
  text: string;
  /** When the user pressed send (the optimistic row's time until the backend answers). */
  sentAt: number;
}

export const sendMessage = createApiThunk('messages/send', async (args: SendArgs, { extra, rejectWithValue }) => {
  try {
    return await extra.api.call('messages.send', { to: args.conversationId, text: args.text });
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

function byTime(a: MessageView, b: MessageView): number {
  return a.timestamp - b.timestamp || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function upsert(s: MessagesState, messages: readonly MessageView[]): void {
  for (const m of messages) {
    const list = (s.byConversation[m.conversationId] ??= []);
    const i = list.findIndex((x) => x.id === m.id);
    if (i >= 0) list[i] = m;
    else list.push(m);
    list.sort(byTime);
  }
}

function removeRow(s: MessagesState, conversationId: string, id: string): void {
  const list = s.byConversation[conversationId];
  if (list) s.byConversation[conversationId] = list.filter((m) => m.id !== id);
}

const messagesSlice = createSlice({
  name: 'messages',
  initialState,
  reducers: {
    messagesAdded(s, a: PayloadAction<EventPayloads['messages.added']>) {
      upsert(s, a.payload.messages);
    },
    messagesUpdated(s, a: PayloadAction<EventPayloads['messages.updated']>) {
      upsert(s, a.payload.messages);
    },
    /** Drops a failed optimistic row before it is sent again. */
    messageRowRemoved(s, a: PayloadAction<{ conversationId: string; id: string }>) {
      removeRow(s, a.payload.conversationId, a.payload.id);
    },
    conversationMessagesDropped(s, a: PayloadAction<string>) {
      delete s.byConversation[a.payload];
      delete s.loadError[a.payload];
    },
  },
  extraReducers: (b) => {
    b.addCase(fetchMessages.fulfilled, (s, a) => {
      const id = a.meta.arg;
      // Keep optimistic rows still in flight; the fetched page replaces everything else.
      const pending = (s.byConversation[id] ?? []).filter((m) => m.id.startsWith(PENDING_PREFIX));
      s.byConversation[id] = [...a.payload, ...pending].sort(byTime);
      delete s.loadError[id];
    });
    b.addCase(fetchMessages.rejected, (s, a) => {
      s.loadError[a.meta.arg] = a.payload ?? a.error.message ?? '';
    });
    b.addCase(sendMessage.pending, (s, a) => {
      const { conversationId, sender, text, sentAt } = a.meta.arg;
      upsert(s, [
        {
          id: PENDING_PREFIX + a.meta.requestId,
          conversationId,
          sender,
          direction: 'outgoing',
          text,
          timestamp: sentAt,
          receivedAt: sentAt,
          status: 'sending',
        },
      ]);
    });
    b.addCase(sendMessage.fulfilled, (s, a) => {
      removeRow(s, a.meta.arg.conversationId, PENDING_PREFIX + a.meta.requestId);
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
  },
});

export const { messagesAdded, messagesUpdated, messageRowRemoved, conversationMessagesDropped } = messagesSlice.actions;
export const messagesReducer = messagesSlice.reducer;

interface WithMessages {
  messages: MessagesState;
}
const EMPTY: readonly MessageView[] = [];
export const selectMessagesOf = (conversationId: string | null) => (s: WithMessages) =>
  (conversationId ? s.messages.byConversation[conversationId] : undefined) ?? EMPTY;
export const selectMessagesLoadError = (conversationId: string | null) => (s: WithMessages) =>
  conversationId ? s.messages.loadError[conversationId] : undefined;
