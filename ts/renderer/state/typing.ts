// Typing duck (spec/ui.md §4.2, spec messaging §6.9): which conversations' peers are typing now, from
// the backend's `conversations.typing` events. An indicator ends with the peer's "stopped", with a
// message from them, or 15 s after their last "started" (as the official apps do, in case the stop
// never arrives). Also the composer's side: telling the backend that the user types.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { EventPayloads, SessionApi, Unsubscribe } from '../../ipc/contract';
import { messagesAdded } from './messages';
import { createApiThunk, errorMessage } from './thunk';

/** A "started" shows for at most this long without a new one. */
export const TYPING_TIMEOUT_MS = 15_000;

export interface TypingState {
  /** Conversation ids whose peer is typing. */
  typing: Record<string, true>;
}

const initialState: TypingState = { typing: {} };

const typingSlice = createSlice({
  name: 'typing',
  initialState,
  reducers: {
    typingChanged(s, a: PayloadAction<EventPayloads['conversations.typing']>) {
      if (a.payload.typing) s.typing[a.payload.id] = true;
      else delete s.typing[a.payload.id];
    },
  },
  extraReducers: (b) => {
    // Their message arrived: they are done typing it.
    b.addCase(messagesAdded, (s, a) => {
      for (const m of a.payload.messages) if (m.direction === 'incoming') delete s.typing[m.conversationId];
    });
  },
});

export const { typingChanged } = typingSlice.actions;
export const typingReducer = typingSlice.reducer;

interface WithTyping {
  typing: TypingState;
}
export const selectPeerTyping = (conversationId: string) => (s: WithTyping) => s.typing.typing[conversationId] === true;

export interface TypingTimers {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

const realTimers: TypingTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Feeds the backend's typing events into the store, each "started" ending by itself after TYPING_TIMEOUT_MS. */
export function subscribeTyping(api: SessionApi, dispatch: (a: ReturnType<typeof typingChanged>) => unknown, timers: TypingTimers = realTimers): Unsubscribe {
  const expiry = new Map<string, unknown>();
  const stopTimer = (id: string) => {
    const h = expiry.get(id);
    if (h !== undefined) timers.clearTimeout(h);
    expiry.delete(id);
  };
  const off = api.on('conversations.typing', (p) => {
    stopTimer(p.id);
    if (p.typing) {
      expiry.set(
        p.id,
        timers.setTimeout(() => {
          expiry.delete(p.id);
          dispatch(typingChanged({ id: p.id, typing: false }));
        }, TYPING_TIMEOUT_MS),
      );
    }
    dispatch(typingChanged(p));
  });
  return () => {
    off();
    for (const id of [...expiry.keys()]) stopTimer(id);
  };
}

/**
 * The user is (or stopped) typing in a conversation. Best effort: the backend sends the indicator only
 * when the setting allows, and a failure is returned for the caller to ignore (there is nothing the user
 * could do about a lost typing indicator).
 */
export const sendTyping = createApiThunk('typing/send', async (args: { id: string; typing: boolean }, { extra, rejectWithValue }) => {
  try {
    return await extra.api.call('conversations.typing', args);
  } catch (err) {
    return rejectWithValue(errorMessage(err));
  }
});
