// Network duck (placeholder until the network-path API lands): how many onion paths are built,
// which drives the status light in the actions strip.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

export type PathStatus = 'offline' | 'one-path' | 'connected';

export interface NetworkState {
  /** null = not known yet (treated as offline). */
  pathCount: number | null;
}

const initialState: NetworkState = { pathCount: null };

const networkSlice = createSlice({
  name: 'network',
  initialState,
  reducers: {
    pathCountChanged(s, a: PayloadAction<number>) {
      s.pathCount = a.payload;
    },
  },
});

export const { pathCountChanged } = networkSlice.actions;
export const networkReducer = networkSlice.reducer;

interface WithNetwork {
  network: NetworkState;
}
/** spec/ui.md §7: red = no valid path, orange = exactly one, green = two or more. */
export const selectPathStatus = (s: WithNetwork): PathStatus => {
  const n = s.network.pathCount ?? 0;
  return n >= 2 ? 'connected' : n === 1 ? 'one-path' : 'offline';
};
