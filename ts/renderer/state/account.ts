// Account duck: who we are (Session ID and display name), loaded with the shell and kept current
// by `account.changed`. null means no account on this profile yet.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { AccountView, EventPayloads } from '../../ipc/contract';
import type { LoadStatus } from './app';
import type { LocaleKey } from '../locales/en';
import { t } from '../locales/i18n';
import { fetchConversations } from './conversations';
import { createApiThunk, errorMessage } from './thunk';

export interface AccountState {
  account: AccountView | null;
  status: LoadStatus;
  /** Why the last fetch failed (e.g. this build has no accounts yet); the shell works without one. */
  error: string | null;
  /**
   * A restore is loading the account's profile from the network (spec/ui.md §2.3 step 2). The account
   * exists already, but onboarding stays on its loading step until the restore answers and the step has
   * finished (`restoreFinished`): only then does the app show the inbox or the display-name fallback.
   */
  restoring: boolean;
}

const initialState: AccountState = { account: null, status: 'idle', error: null, restoring: false };

export const fetchAccount = createApiThunk('account/fetch', async (_: void, { extra, rejectWithValue }) => {
  try {
    return await extra.api.call('account.get', {});
  } catch (err) {
    return rejectWithValue(errorMessage(err));
  }
});

export const createAccount = createApiThunk('account/create', async (displayName: string, { extra, dispatch, rejectWithValue }) => {
  try {
    // The answer holds the recovery password: keep it out of the store (spec/ui.md §2.2 does not show it here).
    const { sessionId } = await extra.api.call('account.create', { displayName });
    await dispatch(fetchAccount());
    return { sessionId };
  } catch (err) {
    return rejectWithValue(t('onboardingFailed', { message: errorMessage(err) }));
  }
});

/**
 * The spec's restore error texts (spec/ui.md §2.3) from the backend's error: the mnemonic decoder's
 * kind travels in the error's `detail`.
 */
export function restoreErrorKey(err: unknown): LocaleKey {
  // Duck-typed: the transport's IpcError class may come from another bundle than ours.
  const detail = err && typeof err === 'object' ? (err as { detail?: unknown }).detail : undefined;
  if (detail === 'mnemonic_too_few_words') return 'recoveryPasswordTooShort';
  if (detail === 'mnemonic_unknown_word' || detail === 'mnemonic_bad_checksum' || detail === 'mnemonic_invalid_triplet') {
    return 'recoveryPasswordIncorrect';
  }
  return 'recoveryPasswordInvalid';
}

export const restoreAccount = createApiThunk('account/restore', async (mnemonic: string, { extra, dispatch, rejectWithValue }) => {
  try {
    const result = await extra.api.call('account.restore', { mnemonic: mnemonic.trim() });
    // The list loaded at start-up belonged to no account: take the restored account's (what arrived from
    // the network so far; later changes come as events).
    await Promise.all([dispatch(fetchAccount()), dispatch(fetchConversations())]);
    return result;
  } catch (err) {
    return rejectWithValue(t(restoreErrorKey(err)));
  }
});

export const setDisplayName = createApiThunk('account/setDisplayName', async (displayName: string, { extra, rejectWithValue }) => {
  try {
    return await extra.api.call('account.setDisplayName', { displayName });
  } catch (err) {
    return rejectWithValue(t('onboardingFailed', { message: errorMessage(err) }));
  }
});

/**
 * Reads the recovery password for the Recovery Password page. The words go to the caller only (the
 * page keeps them in component state while shown), never into the store. The backend marks the
 * password viewed, which ends the "save your recovery password" banner. `password`: the app password, when one is set.
 */
export const fetchRecoveryPassword = createApiThunk('account/recoveryPassword', async (password: string | undefined, { extra, rejectWithValue }) => {
  try {
    // With an app password set, the backend checks it first (spec/ui.md §6.8).
    const { mnemonic } = await extra.api.call('account.getRecoveryPassword', password !== undefined ? { password } : {});
    return mnemonic;
  } catch (err) {
    const code = err && typeof err === 'object' ? (err as { code?: unknown }).code : undefined;
    // A wrong password (or the wait after one) is said as it is; anything else as a load failure.
    return rejectWithValue(code === 'wrong_password' || code === 'locked' ? errorMessage(err) : t('recoveryPasswordLoadFailed', { message: errorMessage(err) }));
  }
});

/**
 * Clear Data (spec/ui.md §6.12): wipes this profile, and first our swarm when `network` is set. On
 * success the backend sends account.changed with null and the app returns to onboarding.
 */
export const clearData = createApiThunk('account/clearData', async (args: { network: boolean }, { extra, dispatch, rejectWithValue }) => {
  try {
    const result = await extra.api.call('data.clear', { network: args.network });
    // The backend also sends account.changed(null); applying it here too means a lost event
    // cannot leave the old account's screens up. A second null changes nothing.
    dispatch(accountChanged({ account: null }));
    return result;
  } catch (err) {
    return rejectWithValue(t('clearDataFailed', { message: errorMessage(err) }));
  }
});

export function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/** spec/ui.md §2.2: the display-name errors shown under the input, or null when it may be used. */
export function displayNameError(name: string): LocaleKey | null {
  const trimmed = name.trim();
  if (!trimmed) return 'displayNameEmpty';
  if (utf8Length(trimmed) > 100) return 'displayNameTooLong';
  return null;
}

const accountSlice = createSlice({
  name: 'account',
  initialState,
  reducers: {
    accountChanged(s, a: PayloadAction<EventPayloads['account.changed']>) {
      s.account = a.payload.account;
      s.status = 'ready';
      s.error = null;
      // The account is gone (cleared while loading): nothing is being restored any more.
      if (!a.payload.account) s.restoring = false;
    },
    /** The restore's loading step is done: show the inbox, or the display-name fallback without a name. */
    restoreFinished(s) {
      s.restoring = false;
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
    b.addCase(restoreAccount.pending, (s) => {
      s.restoring = true;
    });
    b.addCase(restoreAccount.rejected, (s) => {
      s.restoring = false;
    });
    b.addCase(setDisplayName.fulfilled, (s, a) => {
      s.account = a.payload;
    });
    // Viewing the password ends the banner at once; the backend's account.changed confirms it.
    b.addCase(fetchRecoveryPassword.fulfilled, (s) => {
      if (s.account) s.account.showRecoveryBanner = false;
    });
    b.addCase(fetchAccount.rejected, (s, a) => {
      s.status = s.status === 'ready' ? 'ready' : 'error';
      s.error = a.payload ?? a.error.message ?? null;
    });
  },
});

export const { accountChanged, restoreFinished } = accountSlice.actions;
export const accountReducer = accountSlice.reducer;

interface WithAccount {
  account: AccountState;
}
export const selectAccount = (s: WithAccount) => s.account.account;
export const selectAccountStatus = (s: WithAccount) => s.account.status;
export const selectRestoring = (s: WithAccount) => s.account.restoring;
export const selectShowRecoveryBanner = (s: WithAccount) => s.account.account?.showRecoveryBanner === true;
