// Link previews in the renderer's state layer (spec/ui.md §4.7): the backend fetches a preview for the
// composer, its staged image is read into a blob: URL for the card, and dropped when the preview is removed.
// Plain thunks: drafts live in the composer until sent, never in the store.
import { objectUrlFor, readStagedBlob } from './staging';
import { createApiThunk, errorMessage } from './thunk';

/** The preview of `url`, or null when the page has none. */
export const fetchLinkPreview = createApiThunk(
  'linkPreviews/fetch',
  async (url: string, { extra, rejectWithValue }) => {
    try {
      return await extra.api.call('linkPreviews.fetch', { url });
    } catch (err) {
      return rejectWithValue(errorMessage(err));
    }
  },
);

/** A blob: URL of a preview's staged image (undefined where the engine makes none). */
export const loadLinkPreviewImage = createApiThunk(
  'linkPreviews/image',
  async (stageId: string, { extra, rejectWithValue }) => {
    try {
      return objectUrlFor(await readStagedBlob(extra.api, stageId, 'full'));
    } catch (err) {
      return rejectWithValue(errorMessage(err));
    }
  },
);

/** Drops a preview image that will not be sent (the preview was removed or replaced). */
export const dropLinkPreviewImage = createApiThunk(
  'linkPreviews/drop',
  async (stageId: string, { extra }) => {
    try {
      await extra.api.call('attachments.unstage', { stageId });
    } catch {
      // Already gone (sent, or cleared by a restart): nothing to drop.
    }
  },
);
