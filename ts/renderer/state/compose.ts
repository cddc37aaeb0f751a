// Compose duck: the files staged in each conversation's composer (spec/ui.md §4.7), kept per
// conversation while the user switches. Each file is staged with the backend at once, in chunks
// (its progress shows on the rail); the backend answers with the processed type, size and thumbnail.
// The official rules are checked before staging (from the declared type) and again after it (from
// the sniffed type): at most 32 files, images and videos never mixed with other files, and only one
// other file per message. Errors are shown as the official toasts.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { MAX_MESSAGE_ATTACHMENTS, MEDIA_CHUNK_BYTES, type StagedAttachmentView } from '../../ipc/contract';
// --- replies (begin) ---
import type { MessageView, QuoteView } from '../../ipc/contract';
// --- replies (end) ---
import { t } from '../locales/i18n';
import type { LocaleKey } from '../locales/en';
import { isTooLargeError, objectUrlFor, readStagedBlob, revokeObjectUrl, stageBlob, StagingCancelled } from './staging';
import { sendMessage } from './messages';
import { createApiThunk, errorMessage } from './thunk';
import { showToast } from './ui';

/** Files other than images are refused before staging above this size: they are never re-encoded, so they cannot shrink below the limit. */
export const MAX_UNPROCESSED_FILE_BYTES = 10_000_000;

export interface StagedItem {
  /** Local identity of the rail entry (the stage id comes later). */
  key: string;
  fileName?: string;
  /** The declared type while staging, the sniffed one after. */
  contentType: string;
  size: number;
  status: 'staging' | 'ready';
  /** 0..1 while staging. */
  progress: number;
  stageId?: string;
  view?: StagedAttachmentView;
  /** An object URL of the thumbnail (or of the local image) for the rail and the preview. */
  previewUrl?: string;
}

export interface ComposeState {
  /** conversation id -> staged files, in the order they were added. */
  staged: Record<string, StagedItem[]>;
  // --- replies (begin) ---
  /** conversation id -> the message the next send replies to (the reply preview above the composer). */
  replyTo: Record<string, QuoteView>;
  // --- replies (end) ---
}

const initialState: ComposeState = { staged: {}, replyTo: {} };

// --- replies (begin) ---
/** The quote a reply to `m` carries, as the preview and the optimistic row show it until the backend answers. */
export function quoteOf(m: MessageView): QuoteView {
  const first = m.attachments?.[0];
  return {
    timestamp: m.timestamp,
    author: m.sender,
    messageId: m.id,
    ...(m.text !== '' ? { text: m.text } : {}),
    ...(first
      ? {
          attachment: {
            contentType: first.contentType,
            ...(first.fileName !== undefined ? { fileName: first.fileName } : {}),
            voice: first.voice,
            hasThumbnail: first.hasThumbnail,
          },
        }
      : {}),
  };
}
// --- replies (end) ---

export type AttachmentKind = 'media' | 'file';

/** Images and videos are "media" (shown in the grid); everything else is a file (spec/ui.md §4.7). */
export function kindOf(contentType: string): AttachmentKind {
  return /^(image|video)\//i.test(contentType) ? 'media' : 'file';
}

/** Which official rule adding a file of `next` kind to `existing` breaks, if any. */
export function attachmentRuleError(existing: readonly AttachmentKind[], next: AttachmentKind): LocaleKey | null {
  if (existing.length >= MAX_MESSAGE_ATTACHMENTS) return 'composeTooManyFiles';
  if (existing.includes('file')) return 'composeCannotMix';
  if (next === 'file' && existing.length > 0) return 'composeCannotMix';
  return null;
}

let nextKey = 1;

interface WithCompose {
  compose: ComposeState;
}

function findItem(s: ComposeState, key: string): { list: StagedItem[]; index: number } | null {
  for (const list of Object.values(s.staged)) {
    const index = list.findIndex((i) => i.key === key);
    if (index >= 0) return { list, index };
  }
  return null;
}

const composeSlice = createSlice({
  name: 'compose',
  initialState,
  reducers: {
    itemAdded(s, a: PayloadAction<{ conversationId: string; item: StagedItem }>) {
      (s.staged[a.payload.conversationId] ??= []).push(a.payload.item);
    },
    itemProgress(s, a: PayloadAction<{ key: string; progress?: number; stageId?: string }>) {
      const hit = findItem(s, a.payload.key);
      if (!hit) return;
      const item = hit.list[hit.index]!;
      if (a.payload.progress !== undefined) item.progress = a.payload.progress;
      if (a.payload.stageId !== undefined) item.stageId = a.payload.stageId;
    },
    itemReady(s, a: PayloadAction<{ key: string; view: StagedAttachmentView; previewUrl?: string }>) {
      const hit = findItem(s, a.payload.key);
      if (!hit) return;
      const item = hit.list[hit.index]!;
      const { view, previewUrl } = a.payload;
      Object.assign(item, { status: 'ready', progress: 1, stageId: view.stageId, view, contentType: view.contentType, size: view.size });
      if (view.fileName !== undefined) item.fileName = view.fileName;
      if (previewUrl !== undefined) item.previewUrl = previewUrl;
    },
    itemRemoved(s, a: PayloadAction<string>) {
      const hit = findItem(s, a.payload);
      if (hit) hit.list.splice(hit.index, 1);
    },
    /** The rail is emptied (sent, or cleared by the user). */
    railCleared(s, a: PayloadAction<string>) {
      delete s.staged[a.payload];
    },
    /** A send failed: its files come back to the rail, before anything staged since. */
    railRestored(s, a: PayloadAction<{ conversationId: string; items: StagedItem[] }>) {
      s.staged[a.payload.conversationId] = [...a.payload.items, ...(s.staged[a.payload.conversationId] ?? [])];
    },
    // --- replies (begin) ---
    /** "Reply" on a message: the composer shows it above the input and the next send quotes it. */
    replyStarted(s, a: PayloadAction<{ conversationId: string; message: MessageView }>) {
      (s.replyTo ??= {})[a.payload.conversationId] = quoteOf(a.payload.message);
    },
    /** The preview's ✕, Esc, or the reply was sent. */
    replyCleared(s, a: PayloadAction<string>) {
      if (s.replyTo) delete s.replyTo[a.payload];
    },
    // --- replies (end) ---
  },
});

export const { itemAdded, itemProgress, itemReady, itemRemoved, railCleared, railRestored } = composeSlice.actions;
// --- replies (begin) ---
export const { replyStarted, replyCleared } = composeSlice.actions;
export const selectReplyTo =
  (conversationId: string) =>
  (s: WithCompose): QuoteView | undefined =>
    s.compose.replyTo?.[conversationId];
// --- replies (end) ---
export const composeReducer = composeSlice.reducer;

const EMPTY: readonly StagedItem[] = [];
export const selectStaged =
  (conversationId: string) =>
  (s: WithCompose): readonly StagedItem[] =>
    s.compose.staged[conversationId] ?? EMPTY;

function stillThere(getState: () => unknown, key: string): boolean {
  return findItem((getState() as WithCompose).compose, key) !== null;
}

interface WithConversationFlags {
  conversations: { byId: Record<string, { approvedMe?: boolean } | undefined> };
}

/** Our message request is not approved yet: attachments and voice messages wait (spec/ui.md §4.7). */
export function awaitingApproval(state: unknown, conversationId: string): boolean {
  return (state as WithConversationFlags).conversations.byId[conversationId]?.approvedMe === false;
}

/**
 * Adds files to a conversation's rail (the attach button, drag-and-drop, paste) and stages each one.
 * Files breaking a rule are left out with the official toast; the rest are staged one after another.
 */
export const attachFiles = createApiThunk(
  'compose/attachFiles',
  async (args: { conversationId: string; files: readonly File[] }, { extra, dispatch, getState }) => {
    const { conversationId } = args;
    const toast = (key: LocaleKey) => dispatch(showToast({ kind: 'error', message: t(key) }));
    if (args.files.length === 0) return;
    if (awaitingApproval(getState(), conversationId)) {
      toast('composeRequestPending');
      return;
    }
    const kinds = selectStaged(conversationId)(getState() as WithCompose).map((i) => kindOf(i.contentType));
    const shown = new Set<LocaleKey>();
    const accepted: Array<{ file: File; key: string }> = [];
    for (const file of args.files) {
      const kind = kindOf(file.type);
      let problem = attachmentRuleError(kinds, kind);
      if (!problem && !/^image\//i.test(file.type) && file.size > MAX_UNPROCESSED_FILE_BYTES) problem = 'composeFileTooLarge';
      if (!problem && file.size === 0) problem = 'composeAttachError';
      if (problem) {
        if (!shown.has(problem)) toast(problem);
        shown.add(problem);
        continue;
      }
      kinds.push(kind);
      const key = `staged-${nextKey++}`;
      accepted.push({ file, key });
      dispatch(
        itemAdded({
          conversationId,
          item: { key, ...(file.name ? { fileName: file.name } : {}), contentType: file.type || 'application/octet-stream', size: file.size, status: 'staging', progress: 0 },
        }),
      );
    }
    for (const { file, key } of accepted) {
      if (!stillThere(getState, key)) continue;
      try {
        const view = await stageBlob(extra.api, file, {
          ...(file.name ? { fileName: file.name } : {}),
          ...(file.type ? { contentType: file.type } : {}),
          onBegin: (stageId) => dispatch(itemProgress({ key, stageId })),
          // A one-chunk file goes from 0 to done: no progress to show in between.
          ...(file.size > MEDIA_CHUNK_BYTES ? { onProgress: (progress: number) => dispatch(itemProgress({ key, progress })) } : {}),
          cancelled: () => !stillThere(getState, key),
        });
        // The sniffed type may differ from the declared one: the rules hold for what is really there.
        const others = selectStaged(conversationId)(getState() as WithCompose)
          .filter((i) => i.key !== key)
          .map((i) => kindOf(i.contentType));
        const mixed = kindOf(view.contentType) === 'file' ? others.length > 0 : others.includes('file');
        if (mixed) {
          await extra.api.call('attachments.unstage', { stageId: view.stageId }).catch(() => undefined);
          dispatch(itemRemoved(key));
          if (!shown.has('composeCannotMix')) toast('composeCannotMix');
          shown.add('composeCannotMix');
          continue;
        }
        let previewUrl: string | undefined;
        if (view.hasThumbnail) {
          previewUrl = await readStagedBlob(extra.api, view.stageId, 'thumbnail').then(objectUrlFor, () => undefined);
        } else if (/^image\//i.test(view.contentType)) {
          previewUrl = objectUrlFor(file);
        }
        if (!stillThere(getState, key)) {
          // Removed while its preview loaded: the removal could not unstage what it did not know yet.
          revokeObjectUrl(previewUrl);
          await extra.api.call('attachments.unstage', { stageId: view.stageId }).catch(() => undefined);
          continue;
        }
        dispatch(itemReady({ key, view, ...(previewUrl ? { previewUrl } : {}) }));
      } catch (err) {
        if (err instanceof StagingCancelled) continue;
        dispatch(itemRemoved(key));
        const problem: LocaleKey = isTooLargeError(err) ? 'composeFileTooLarge' : 'composeAttachError';
        if (!shown.has(problem)) toast(problem);
        shown.add(problem);
      }
    }
  },
);

/** Removes one file from the rail; a staged one is dropped by the backend too (one still staging stops itself). */
export const removeStaged = createApiThunk('compose/remove', async (key: string, { extra, dispatch, getState }) => {
  const hit = findItem((getState() as WithCompose).compose, key);
  if (!hit) return;
  const item = hit.list[hit.index]!;
  dispatch(itemRemoved(key));
  revokeObjectUrl(item.previewUrl);
  if (item.status === 'ready' && item.stageId) await extra.api.call('attachments.unstage', { stageId: item.stageId }).catch(() => undefined);
});

/** Empties a conversation's rail (the big ✕). */
export const clearStaged = createApiThunk('compose/clear', async (conversationId: string, { extra, dispatch, getState }) => {
  const items = selectStaged(conversationId)(getState() as WithCompose);
  dispatch(railCleared(conversationId));
  for (const item of items) {
    revokeObjectUrl(item.previewUrl);
    if (item.status === 'ready' && item.stageId) await extra.api.call('attachments.unstage', { stageId: item.stageId }).catch(() => undefined);
  }
});

/** The full processed image of a staged file as an object URL (the rail's full-size preview); the caller revokes it. */
export const loadStagedPreview = createApiThunk('compose/loadPreview', async (stageId: string, { extra, rejectWithValue }) => {
  try {
    return objectUrlFor(await readStagedBlob(extra.api, stageId, 'full')) ?? null;
  } catch (err) {
    return rejectWithValue(errorMessage(err));
  }
});

export interface VoiceSend {
  conversationId: string;
  sender: string;
  mp3: Uint8Array;
  durationMs: number;
  sentAt: number;
}

/** Stages a recorded voice message (MP3, VOICE flag, duration) and sends it as a message of its own. */
export const sendVoice = createApiThunk('compose/sendVoice', async (args: VoiceSend, { extra, dispatch, getState, rejectWithValue }) => {
  if (awaitingApproval(getState(), args.conversationId)) {
    dispatch(showToast({ kind: 'error', message: t('composeRequestPending') }));
    return rejectWithValue(t('composeRequestPending'));
  }
  let view: StagedAttachmentView;
  try {
    view = await stageBlob(extra.api, new Blob([args.mp3] as BlobPart[], { type: 'audio/mpeg' }), {
      contentType: 'audio/mpeg',
      voice: true,
      durationMs: args.durationMs,
    });
  } catch (err) {
    const message = t(isTooLargeError(err) ? 'composeFileTooLarge' : 'composeAttachError');
    dispatch(showToast({ kind: 'error', message }));
    return rejectWithValue(message);
  }
  const r = await dispatch(sendMessage({ conversationId: args.conversationId, sender: args.sender, text: '', sentAt: args.sentAt, attachments: [view] }));
  if (sendMessage.rejected.match(r)) {
    dispatch(showToast({ kind: 'error', message: t('sendFailed', { message: r.payload ?? '' }) }));
    return rejectWithValue(r.payload ?? '');
  }
  return r.payload;
});

/**
 * Sends the text with the rail's files (the text is their caption and may be empty). The rail empties
 * at once; if the send fails its files come back, so nothing is lost.
 */
export const sendWithAttachments = createApiThunk(
  'compose/send',
  async (
    args: { conversationId: string; sender: string; text: string; sentAt: number; /* --- replies --- */ quote?: QuoteView },
    { dispatch, getState, rejectWithValue },
  ) => {
    const items = selectStaged(args.conversationId)(getState() as WithCompose);
    const views = items.flatMap((i) => (i.status === 'ready' && i.view ? [i.view] : []));
    if (items.length > 0 && awaitingApproval(getState(), args.conversationId)) {
      dispatch(showToast({ kind: 'error', message: t('composeRequestPending') }));
      return rejectWithValue(t('composeRequestPending'));
    }
    dispatch(railCleared(args.conversationId));
    const r = await dispatch(sendMessage({ ...args, ...(views.length > 0 ? { attachments: views } : {}) }));
    if (sendMessage.rejected.match(r)) {
      if (items.length > 0) dispatch(railRestored({ conversationId: args.conversationId, items: [...items] }));
      dispatch(showToast({ kind: 'error', message: t('sendFailed', { message: r.payload ?? '' }) }));
      return rejectWithValue(r.payload ?? '');
    }
    for (const item of items) revokeObjectUrl(item.previewUrl);
    return r.payload;
  },
);
