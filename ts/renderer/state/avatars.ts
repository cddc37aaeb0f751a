// Avatars duck: profile pictures as object URLs, fetched once per (id, avatarVersion) with
// `avatars.get` and shared by every Avatar on screen (spec/ui.md §3.5: a photo where there is one,
// initials otherwise). A new version replaces the old picture and frees its URL; our own picture
// changes through the profile picture dialog (`account.setAvatar`).
import { createSlice } from '@reduxjs/toolkit';
import { base64ToBytes, objectUrlFor, revokeObjectUrl, stageBlob, StagingCancelled, type StageOptions } from './staging';
import { createApiThunk, errorMessage } from './thunk';

export interface AvatarEntry {
  version: string;
  status: 'loading' | 'ready' | 'failed';
  /** null: the backend has no picture for this id (yet). */
  url: string | null;
}

export interface AvatarsState {
  byId: Record<string, AvatarEntry>;
}

const initialState: AvatarsState = { byId: {} };

interface WithAvatars {
  avatars: AvatarsState;
}

export const loadAvatar = createApiThunk(
  'avatars/load',
  async (args: { id: string; version: string }, { extra, getState, rejectWithValue }) => {
    try {
      const r = await extra.api.call('avatars.get', { id: args.id });
      const url = r ? (objectUrlFor(new Blob([base64ToBytes(r.dataBase64)] as BlobPart[], { type: r.contentType })) ?? null) : null;
      // A newer version asked for meanwhile wins; this one is freed.
      const now = (getState() as WithAvatars).avatars.byId[args.id];
      if (now && now.version !== args.version) {
        revokeObjectUrl(url ?? undefined);
        return { url: null, stale: true };
      }
      revokeObjectUrl(now?.url ?? undefined);
      return { url, stale: false };
    } catch (err) {
      return rejectWithValue(errorMessage(err));
    }
  },
  {
    condition: (args, { getState }) => {
      const entry = (getState() as WithAvatars).avatars.byId[args.id];
      return !entry || entry.version !== args.version;
    },
  },
);

/** Stages a picture for our profile: the backend crops it square and re-encodes it. */
export const stageAvatarFile = createApiThunk(
  'avatars/stage',
  async (args: { file: Blob; fileName?: string; cancelled?: () => boolean }, { extra, rejectWithValue }) => {
    try {
      const opts: StageOptions = { purpose: 'avatar' };
      if (args.fileName) opts.fileName = args.fileName;
      if (args.file.type) opts.contentType = args.file.type;
      if (args.cancelled) opts.cancelled = args.cancelled;
      return await stageBlob(extra.api, args.file, opts);
    } catch (err) {
      return rejectWithValue(err instanceof StagingCancelled ? '' : errorMessage(err));
    }
  },
);

/** Drops a staged picture the user cleared. */
export const unstageAvatar = createApiThunk('avatars/unstage', async (stageId: string, { extra }) => {
  await extra.api.call('attachments.unstage', { stageId }).catch(() => undefined);
});

/** Sets our profile picture from a staged file, or removes it (null). */
export const setOwnAvatar = createApiThunk('avatars/setOwn', async (stageId: string | null, { extra, rejectWithValue }) => {
  try {
    return await extra.api.call('account.setAvatar', { stageId });
  } catch (err) {
    return rejectWithValue(errorMessage(err));
  }
});

const avatarsSlice = createSlice({
  name: 'avatars',
  initialState,
  reducers: {},
  extraReducers: (b) => {
    b.addCase(loadAvatar.pending, (s, a) => {
      const prev = s.byId[a.meta.arg.id];
      // The old picture stays visible until the new one is here.
      s.byId[a.meta.arg.id] = { version: a.meta.arg.version, status: 'loading', url: prev?.url ?? null };
    });
    b.addCase(loadAvatar.fulfilled, (s, a) => {
      const entry = s.byId[a.meta.arg.id];
      if (a.payload.stale || !entry || entry.version !== a.meta.arg.version) return;
      entry.status = 'ready';
      entry.url = a.payload.url;
    });
    b.addCase(loadAvatar.rejected, (s, a) => {
      const entry = s.byId[a.meta.arg.id];
      if (entry && entry.version === a.meta.arg.version) entry.status = 'failed';
    });
  },
});

export const avatarsReducer = avatarsSlice.reducer;

interface WithAvatarSources {
  account: { account: { sessionId: string; avatarVersion?: string } | null };
  conversations: { byId: Record<string, { avatarVersion?: string } | undefined> };
}

/** The picture version known for `id`: ours from the account, a peer's from its conversation summary. */
export const selectAvatarVersion =
  (id: string) =>
  (s: WithAvatarSources): string | undefined => {
    const account = s.account.account;
    if (account && account.sessionId === id) return account.avatarVersion;
    return s.conversations.byId[id]?.avatarVersion;
  };

/** The object URL of `id`'s picture at `version`, or the previous one while it loads; null: none. */
export const selectAvatarUrl =
  (id: string, version: string | undefined) =>
  (s: WithAvatars): string | null => {
    if (version === undefined) return null;
    return s.avatars.byId[id]?.url ?? null;
  };
