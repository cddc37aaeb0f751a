// Network duck: the onion-path state the backend reports (`network.status` events, and
// `network.getPaths` on load and after a reconnect). Drives the status light and the Path dialog.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { EventPayloads, NetworkState as ConnectionState, OnionPathView } from '../../ipc/contract';
import { createApiThunk, errorMessage } from './thunk';

export type PathStatus = 'offline' | 'one-path' | 'connected';

export interface NetworkState {
  /** null until the backend has said anything. */
  connection: ConnectionState | null;
  paths: OnionPathView[];
  /** Why the last path fetch failed (e.g. the network is not started yet); not fatal. */
  error: string | null;
}

const initialState: NetworkState = { connection: null, paths: [], error: null };

export const fetchPaths = createApiThunk('network/fetchPaths', async (_: void, { extra, rejectWithValue }) => {
  try {
    return await extra.api.call('network.getPaths', {});
  } catch (err) {
    return rejectWithValue(errorMessage(err));
  }
});

const networkSlice = createSlice({
  name: 'network',
  initialState,
  reducers: {
    networkStatusChanged(s, a: PayloadAction<EventPayloads['network.status']>) {
      s.connection = a.payload.state;
      s.paths = a.payload.paths;
      s.error = null;
    },
  },
  extraReducers: (b) => {
    b.addCase(fetchPaths.fulfilled, (s, a) => {
      s.paths = a.payload;
      s.error = null;
    });
    b.addCase(fetchPaths.rejected, (s, a) => {
      s.error = a.payload ?? a.error.message ?? null;
    });
  },
});

export const { networkStatusChanged } = networkSlice.actions;
export const networkReducer = networkSlice.reducer;

interface WithNetwork {
  network: NetworkState;
}
export const selectPaths = (s: WithNetwork) => s.network.paths;
/** spec/ui.md §7: red = offline or no valid path, orange = exactly one, green = two or more. */
export const selectPathStatus = (s: WithNetwork): PathStatus => {
  if (s.network.connection === 'offline') return 'offline';
  const n = s.network.paths.length;
  return n >= 2 ? 'connected' : n === 1 ? 'one-path' : 'offline';
};
