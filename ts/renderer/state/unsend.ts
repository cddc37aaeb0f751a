// Delete for everyone (spec/ui.md §4.6, spec messaging §6.10): the backend deletes our swarm copies,
// sends the unsend request and removes the text and attachments here. The rows it names become "This
// message was deleted" placeholders at once (its events may say the same again, or remove the rows).
import type { MessageView } from '../../ipc/contract';
import { messagesUpdated } from './messages';
import type { RootState } from './store';
import { createApiThunk, errorMessage } from './thunk';

/** What is left of a message deleted for everyone: who sent it and when, nothing of what it said. */
export function deletedPlaceholder(m: MessageView): MessageView {
  return {
    id: m.id,
    conversationId: m.conversationId,
    sender: m.sender,
    direction: m.direction,
    text: '',
    timestamp: m.timestamp,
    receivedAt: m.receivedAt,
    status: m.status,
    deleted: true,
  };
}

export const unsendMessages = createApiThunk(
  'messages/unsend',
  async (args: { conversationId: string; ids: string[] }, { extra, rejectWithValue, dispatch, getState }) => {
    let result: { deleted: string[] };
    try {
      result = await extra.api.call('messages.unsend', { ids: args.ids });
    } catch (err) {
      return rejectWithValue(errorMessage(err));
    }
    const deleted = new Set(result.deleted);
    const rows = ((getState() as RootState).messages.byConversation[args.conversationId] ?? []).filter((m) => deleted.has(m.id) && !m.deleted);
    if (rows.length > 0) dispatch(messagesUpdated({ messages: rows.map(deletedPlaceholder) }));
    return result;
  },
);
