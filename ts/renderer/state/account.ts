// Account duck: who we are (Session ID and display name), loaded with the shell and kept current
// by `account.changed`. null means no account on this profile yet.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { AccountView, EventPayloads } from '../../ipc/contract';
import type { LoadStatus } from './app';
import { createApiThunk, errorMessage } from './thunk';

export interface AccountState {
  account: AccountView | null;
  status: LoadStatus;
  /** Why the last fetch failed (e.g. this build has no accounts yet); the shell works without one. */
  error: string | null;
}

const initialState: AccountState = { account: null, status: 'idle', error: null };

export const fetchAccount = createApiThunk('account/fetch', async (_: void, { extra, rejectWithValue }) => {
  try {
    return await extra.api.call('account.get', {});
  } catch (err) {
    return rejectWithValue(errorMessage(err));
  }
});

const accountSlice = createSlice({
  name: 'account',
  initialState,
  reducers: {
    accountChanged(s, a: PayloadAction<EventPayloads['account.changed']>) {
      s.account = a.payload.account;
      s.status = 'ready';
      s.error = null;
    },
  },
  extraReducers: (b) => {
    b.addCase(fetchAccount.pending, (s) => {
      if (s.status === 'idle') s.status = 'loading';
    });
    b.addCase(fetchAccount.fulfilled, (s, a) => {
      s.account = a.payload;
      s.status = 'ready';
      s.error = null;
    });
    b.addCase(fetchAccount.rejected, (s, a) => {
      s.status = s.status === 'ready' ? 'ready' : 'error';
      s.error = a.payload ?? a.error.message ?? null;
    });
  },
});

export const { accountChanged } = accountSlice.actions;
export const accountReducer = accountSlice.reducer;

interface WithAccount {
  account: AccountState;
}
export const selectAccount = (s: WithAccount) => s.account.account;
