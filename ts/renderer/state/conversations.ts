// Conversations duck (placeholder until the conversations API lands): the ordered ids the list
// shows. The empty views and the search box read their counts from here.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

export interface ConversationsState {
  ids: string[];
}

const initialState: ConversationsState = { ids: [] };

const conversationsSlice = createSlice({
  name: 'conversations',
  initialState,
  reducers: {
    conversationIdsLoaded(s, a: PayloadAction<string[]>) {
      s.ids = a.payload;
    },
  },
});

export const { conversationIdsLoaded } = conversationsSlice.actions;
export const conversationsReducer = conversationsSlice.reducer;

interface WithConversations {
  conversations: ConversationsState;
}
export const selectConversationIds = (s: WithConversations) => s.conversations.ids;
export const selectConversationCount = (s: WithConversations) => s.conversations.ids.length;
/** The official app shows the search box only once there is more than one conversation. */
export const selectShowSearch = (s: WithConversations) => s.conversations.ids.length > 1;
