// Settings duck: all user settings. `confirmed` is what the backend last said (load, set answers,
// `settings.changed` events from any window or host); `values` is what the UI shows: confirmed
// plus the changes still in flight, so a change appears at once and a refused one simply drops
// out (rolling back to the newest confirmed value, not to a stale snapshot).
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { EventPayloads, SettingKey, Settings } from '../../ipc/contract';
import { createApiThunk, errorMessage } from './thunk';
import type { LoadStatus } from './app';

export interface SettingError {
  key: SettingKey;
  message: string;
}

/** What `setSetting` needs: a key and a value of that key's type. */
export type SettingChange = { [K in SettingKey]: { key: K; value: Settings[K] } }[SettingKey];

export interface SettingsState {
  values: Settings | null;
  confirmed: Settings | null;
  /** Changes sent but not answered yet, oldest first. */
  pending: Array<SettingChange & { requestId: string }>;
  status: LoadStatus;
  loadError: string | null;
  /** The last refused change, shown to the user until dismissed or superseded. */
  setError: SettingError | null;
}

const initialState: SettingsState = {
  values: null,
  confirmed: null,
  pending: [],
  status: 'idle',
  loadError: null,
  setError: null,
};

export const fetchSettings = createApiThunk('settings/fetchAll', async (_: void, { extra, rejectWithValue }) => {
  try {
    return await extra.api.call('settings.getAll', {});
  } catch (err) {
    return rejectWithValue(errorMessage(err));
  }
});

export const setSetting = createApiThunk('settings/set', async (change: SettingChange, { extra, rejectWithValue }) => {
  try {
    return await extra.api.call('settings.set', { key: change.key, value: change.value });
  } catch (err) {
    return rejectWithValue(errorMessage(err));
  }
});

function recompute(s: SettingsState): void {
  if (!s.confirmed) return;
  const values: Settings = { ...s.confirmed };
  for (const p of s.pending) (values as Record<SettingKey, Settings[SettingKey]>)[p.key] = p.value;
  s.values = values;
}

function confirm(s: SettingsState, settings: Settings): void {
  s.confirmed = settings;
  s.status = 'ready';
  recompute(s);
}

const settingsSlice = createSlice({
  name: 'settings',
  initialState,
  reducers: {
    settingsChanged(s, a: PayloadAction<EventPayloads['settings.changed']>) {
      confirm(s, a.payload.settings);
    },
    dismissSettingError(s) {
      s.setError = null;
    },
  },
  extraReducers: (b) => {
    b.addCase(fetchSettings.pending, (s) => {
      if (!s.confirmed) s.status = 'loading';
    });
    b.addCase(fetchSettings.fulfilled, (s, a) => {
      s.loadError = null;
      confirm(s, a.payload);
    });
    b.addCase(fetchSettings.rejected, (s, a) => {
      s.status = s.confirmed ? 'ready' : 'error';
      s.loadError = a.payload ?? a.error.message ?? null;
    });
    b.addCase(setSetting.pending, (s, a) => {
      s.pending.push({ ...a.meta.arg, requestId: a.meta.requestId } as SettingChange & { requestId: string });
      s.setError = null;
      recompute(s);
    });
    b.addCase(setSetting.fulfilled, (s, a) => {
      s.pending = s.pending.filter((p) => p.requestId !== a.meta.requestId);
      confirm(s, a.payload);
    });
    b.addCase(setSetting.rejected, (s, a) => {
      s.pending = s.pending.filter((p) => p.requestId !== a.meta.requestId);
      s.setError = { key: a.meta.arg.key, message: a.payload ?? a.error.message ?? '' };
      recompute(s);
    });
  },
});

export const { settingsChanged, dismissSettingError } = settingsSlice.actions;
export const settingsReducer = settingsSlice.reducer;

interface WithSettings {
  settings: SettingsState;
}
export const selectSettings = (s: WithSettings) => s.settings.values;
export const selectSettingsStatus = (s: WithSettings) => s.settings.status;
export const selectSettingsLoadError = (s: WithSettings) => s.settings.loadError;
export const selectSettingError = (s: WithSettings) => s.settings.setError;
export const selectSetting =
  <K extends SettingKey>(key: K) =>
  (s: WithSettings): Settings[K] | undefined =>
    s.settings.values?.[key];
/** A setting as the backend last confirmed it, without changes still in flight (for changes that may not be undone). */
export const selectConfirmedSetting =
  <K extends SettingKey>(key: K) =>
  (s: WithSettings): Settings[K] | undefined =>
    s.settings.confirmed?.[key];
