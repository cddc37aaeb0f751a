// Blocked contacts (spec/ui.md §6.9): the list comes from the backend's contact service on demand
// (the Blocked Contacts page asks each time it opens), and unblocking goes through the same service
// as blocking elsewhere. No slice: the conversations duck already learns the new state.
import { t } from '../locales/i18n';
import { conversationsUpdated } from './conversations';
import { createApiThunk, errorMessage } from './thunk';

export const fetchBlockedContacts = createApiThunk('blocked/fetch', async (_: void, { extra, rejectWithValue }) => {
  try {
    return await extra.api.call('contacts.listBlocked', {});
  } catch (err) {
    return rejectWithValue(t('blockedContactsLoadFailed', { message: errorMessage(err) }));
  }
});

/** Unblocks each contact in turn; stops at the first refusal, keeping the ones already done. */
export const unblockContacts = createApiThunk('blocked/unblock', async (ids: string[], { extra, dispatch, rejectWithValue }) => {
  const done: string[] = [];
  try {
    for (const id of ids) {
      const summary = await extra.api.call('conversations.setBlocked', { id, blocked: false });
      dispatch(conversationsUpdated({ conversations: [summary] }));
      done.push(id);
    }
    return done;
  } catch (err) {
    return rejectWithValue(t('blockedUnblockFailed', { message: errorMessage(err) }));
  }
});
