// Settings duck: all user settings as the backend holds them. A change is applied at once
// (optimistic) and rolled back if the backend refuses it; `settings.changed` events from any
// window or host keep the copy current.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { EventPayloads, SettingKey, Settings } from '../../ipc/contract';
import { createApiThunk, errorMessage } from './thunk';
import type { LoadStatus } from './app';

export interface SettingError {
  key: SettingKey;
  message: string;
}

export interface SettingsState {
  values: Settings | null;
  status: LoadStatus;
  loadError: string | null;
  /** The last refused change, shown to the user until dismissed or superseded. */
  setError: SettingError | null;
  /** Value each in-flight change replaced (by request id), so a refusal can restore it. */
  previousByRequest: Record<string, Settings[SettingKey]>;
}

const initialState: SettingsState = {
  values: null,
  status: 'idle',
  loadError: null,
  setError: null,
  previousByRequest: {},
};

export const fetchSettings = createApiThunk('settings/fetchAll', async (_: void, { extra, rejectWithValue }) => {
  try {
    return await extra.api.call('settings.getAll', {});
  } catch (err) {
    return rejectWithValue(errorMessage(err));
  }
});

/** What `setSetting` needs: a key and a value of that key's type. */
export type SettingChange = { [K in SettingKey]: { key: K; value: Settings[K] } }[SettingKey];

export const setSetting = createApiThunk('settings/set', async (change: SettingChange, { extra, rejectWithValue }) => {
  try {
    return await extra.api.call('settings.set', { key: change.key, value: change.value });
  } catch (err) {
    return rejectWithValue(errorMessage(err));
  }
});

function assign(values: Settings, key: SettingKey, value: Settings[SettingKey]): void {
  (values as Record<SettingKey, Settings[SettingKey]>)[key] = value;
}

const settingsSlice = createSlice({
  name: 'settings',
  initialState,
  reducers: {
    settingsChanged(s, a: PayloadAction<EventPayloads['settings.changed']>) {
      s.values = a.payload.settings;
      s.status = 'ready';
    },
    dismissSettingError(s) {
      s.setError = null;
    },
  },
  extraReducers: (b) => {
    b.addCase(fetchSettings.pending, (s) => {
      if (!s.values) s.status = 'loading';
    });
    b.addCase(fetchSettings.fulfilled, (s, a) => {
      s.values = a.payload;
      s.status = 'ready';
      s.loadError = null;
    });
    b.addCase(fetchSettings.rejected, (s, a) => {
      s.status = s.values ? 'ready' : 'error';
      s.loadError = a.payload ?? a.error.message ?? null;
    });
    b.addCase(setSetting.pending, (s, a) => {
      if (s.values) {
        s.previousByRequest[a.meta.requestId] = s.values[a.meta.arg.key];
        assign(s.values, a.meta.arg.key, a.meta.arg.value);
      }
      s.setError = null;
    });
    b.addCase(setSetting.fulfilled, (s, a) => {
      delete s.previousByRequest[a.meta.requestId];
      s.values = a.payload;
    });
    b.addCase(setSetting.rejected, (s, a) => {
      const { key, value } = a.meta.arg;
      const previous = s.previousByRequest[a.meta.requestId];
      delete s.previousByRequest[a.meta.requestId];
      // Roll back only if nothing newer (another change or an event) replaced our value meanwhile.
      if (s.values && previous !== undefined && s.values[key] === value) assign(s.values, key, previous);
      s.setError = { key, message: a.payload ?? a.error.message ?? '' };
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
