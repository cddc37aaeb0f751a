// Password duck: the app password's state as the backend reports it (set, locked, wrong attempts and
// the wait before the next one), and the calls that change it. Passwords themselves never enter the
// store: they go from the form straight to the backend.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { PasswordStatus } from '../../ipc/contract';
import type { LoadStatus } from './app';
import { createApiThunk, errorMessage } from './thunk';

export interface PasswordState {
  status: PasswordStatus | null;
  load: LoadStatus;
  /** When `status` was received (ms, the renderer's clock), so a countdown can run from retryAfterMs. */
  receivedAt: number;
}

const initialState: PasswordState = { status: null, load: 'idle', receivedAt: 0 };

export const fetchPasswordStatus = createApiThunk('password/status', async (_: void, { extra, rejectWithValue }) => {
  try {
    return await extra.api.call('password.status', {});
  } catch (err) {
    return rejectWithValue(errorMessage(err));
  }
});

type PasswordCall =
  | { method: 'password.unlock'; params: { password: string } }
  | { method: 'password.set'; params: { password: string } }
  | { method: 'password.change'; params: { currentPassword: string; newPassword: string } }
  | { method: 'password.remove'; params: { currentPassword: string } };

/** Unlocks, sets, changes or removes the app password; rejects with the message to show ("Incorrect password", the wait...). */
export const passwordAction = createApiThunk('password/action', async (c: PasswordCall, { extra, dispatch, rejectWithValue }) => {
  try {
    return await (extra.api.call as (m: PasswordCall['method'], p: PasswordCall['params']) => Promise<PasswordStatus>)(c.method, c.params);
  } catch (err) {
    // Wrong attempts change the count and the wait: show them.
    void dispatch(fetchPasswordStatus());
    return rejectWithValue(errorMessage(err));
  }
});

const slice = createSlice({
  name: 'password',
  initialState,
  reducers: {
    passwordChanged(s, a: PayloadAction<PasswordStatus>) {
      s.status = a.payload;
      s.load = 'ready';
      s.receivedAt = Date.now();
    },
  },
  extraReducers: (b) => {
    b.addCase(fetchPasswordStatus.pending, (s) => {
      // Only the first fetch holds the app on its splash; a refetch (reconnect) keeps what is shown.
      if (s.load === 'idle') s.load = 'loading';
    });
    b.addCase(fetchPasswordStatus.fulfilled, (s, a) => {
      s.status = a.payload;
      s.load = 'ready';
      s.receivedAt = Date.now();
    });
    b.addCase(fetchPasswordStatus.rejected, (s) => {
      // A backend without app passwords (or one that failed to answer) is treated as unlocked.
      s.load = 'ready';
    });
    b.addCase(passwordAction.fulfilled, (s, a) => {
      s.status = a.payload;
      s.receivedAt = Date.now();
    });
  },
});

export const passwordReducer = slice.reducer;
export const { passwordChanged } = slice.actions;

interface WithPassword {
  password: PasswordState;
}
export const selectPasswordStatus = (s: WithPassword) => s.password.status;
export const selectPasswordLoad = (s: WithPassword) => s.password.load;
export const selectPasswordReceivedAt = (s: WithPassword) => s.password.receivedAt;
export const selectLocked = (s: WithPassword) => s.password.status?.locked === true;
export const selectPasswordSet = (s: WithPassword) => s.password.status?.set === true;
