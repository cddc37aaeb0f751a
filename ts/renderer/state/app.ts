// App duck: what the backend says about itself (version, network, data directory) and whether
// the first load worked.
import { createSlice } from '@reduxjs/toolkit';
import type { AppInfo } from '../../ipc/contract';
import { createApiThunk, errorMessage } from './thunk';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface AppState {
  info: AppInfo | null;
  status: LoadStatus;
  error: string | null;
}

const initialState: AppState = { info: null, status: 'idle', error: null };

export const fetchAppInfo = createApiThunk('app/fetchInfo', async (_: void, { extra, rejectWithValue }) => {
  try {
    return await extra.api.call('app.getInfo', {});
  } catch (err) {
    return rejectWithValue(errorMessage(err));
  }
});

const appSlice = createSlice({
  name: 'app',
  initialState,
  reducers: {},
  extraReducers: (b) => {
    b.addCase(fetchAppInfo.pending, (s) => {
      // A refetch after reconnect keeps showing the last known info.
      if (!s.info) s.status = 'loading';
    });
    b.addCase(fetchAppInfo.fulfilled, (s, a) => {
      s.info = a.payload;
      s.status = 'ready';
      s.error = null;
    });
    b.addCase(fetchAppInfo.rejected, (s, a) => {
      s.status = s.info ? 'ready' : 'error';
      s.error = a.payload ?? a.error.message ?? null;
    });
  },
});

export const appReducer = appSlice.reducer;

interface WithApp {
  app: AppState;
}
export const selectAppInfo = (s: WithApp) => s.app.info;
export const selectAppStatus = (s: WithApp) => s.app.status;
export const selectAppError = (s: WithApp) => s.app.error;
