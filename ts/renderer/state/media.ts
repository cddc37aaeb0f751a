// Media in the renderer's state layer: attachment bytes read from the backend in MEDIA_CHUNK_BYTES
// slices and turned into blob: URLs (the page's CSP allows blob: for images and media), kept in a
// bounded LRU cache per API so scrolling back to a picture does not read it again; and the calls that
// change an attachment (download, save) or list a conversation's media (gallery). These are plain
// thunks: their results are Blobs and URLs, which do not belong in the store.
import { POSTER_MAX_BASE64, type AttachmentSaveResult, type GalleryItem, type MethodParams, type SessionApi } from '../../ipc/contract';
import { captureVideoFrame, type PosterFrame } from '../media/videoPoster';
import { messagesUpdated } from './messages';
import { bytesToBase64 } from './staging';
import type { ThunkExtra } from './thunk';

/** 'preview': a message's link-preview image (attachments.read variant 'preview'). */
export type AttachmentVariant = 'full' | 'thumbnail' | 'preview';

export interface AttachmentRef {
  messageId: string;
  index: number;
  variant: AttachmentVariant;
}

/** A thunk of this layer: it needs only the injected API (and sometimes dispatch). */
type MediaThunk<R> = (
  dispatch: (action: { type: string }) => unknown,
  getState: () => unknown,
  extra: ThunkExtra,
) => R;

function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * Reads all bytes of an attachment (or its thumbnail) slice by slice, as `attachments.read` hands them
 * out, into one Blob of the type the backend sniffed. A slice that does not continue where the last
 * one ended, or an empty slice before the end, is an error rather than a silently broken file.
 */
export async function readAttachmentBlob(api: SessionApi, ref: AttachmentRef): Promise<Blob> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let offset = 0;
  let total = Number.POSITIVE_INFINITY;
  let contentType = '';
  do {
    const r = await api.call('attachments.read', {
      messageId: ref.messageId,
      index: ref.index,
      variant: ref.variant,
      offset,
    });
    if (r.offset !== offset) throw new Error('The file changed while it was being read.');
    const bytes = base64ToBytes(r.dataBase64);
    total = r.total;
    contentType = r.contentType;
    if (bytes.length === 0 && offset < total) throw new Error('The file ended before its size.');
    parts.push(bytes);
    offset += bytes.length;
  } while (offset < total);
  return new Blob(parts, { type: contentType });
}

export interface UrlFactory {
  create(blob: Blob): string;
  revoke(url: string): void;
}

export interface CacheLimits {
  /** Most cached URLs that no component uses any more. */
  entries: number;
  /** Most bytes held by cached URLs that no component uses any more. */
  bytes: number;
}

export const DEFAULT_CACHE_LIMITS: CacheLimits = { entries: 48, bytes: 96 * 1024 * 1024 };

interface Entry {
  url: string;
  size: number;
  users: number;
}

const refKey = (r: AttachmentRef) => `${r.messageId}#${r.index}:${r.variant}`;

/**
 * blob: URLs of attachments, least recently used first. A URL in use (acquired and not released) is
 * never revoked — a playing video would break; the unused ones are kept up to the limits and revoked
 * when they fall out. Concurrent acquires of one attachment share one read.
 */
export class AttachmentUrlCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<Entry>>();

  constructor(
    private readonly read: (ref: AttachmentRef) => Promise<Blob>,
    private readonly limits: CacheLimits = DEFAULT_CACHE_LIMITS,
    private readonly urls: UrlFactory = {
      create: (b) => URL.createObjectURL(b),
      revoke: (u) => URL.revokeObjectURL(u),
    },
  ) {}

  /** The URL of the attachment's bytes; call `release` when it is no longer shown. */
  async acquire(ref: AttachmentRef): Promise<string> {
    const key = refKey(ref);
    const hit = this.entries.get(key);
    if (hit) {
      hit.users++;
      this.touch(key, hit);
      return hit.url;
    }
    let load = this.pending.get(key);
    if (!load) {
      load = this.read(ref).then(
        (blob) => {
          this.pending.delete(key);
          const entry: Entry = { url: this.urls.create(blob), size: blob.size, users: 0 };
          this.entries.set(key, entry);
          return entry;
        },
        (err: unknown) => {
          // A failed read is not cached: the next acquire (say, after a retry) reads again.
          this.pending.delete(key);
          throw err;
        },
      );
      this.pending.set(key, load);
    }
    const entry = await load;
    entry.users++;
    this.touch(key, entry);
    return entry.url;
  }

  release(ref: AttachmentRef): void {
    const key = refKey(ref);
    const entry = this.entries.get(key);
    if (!entry || entry.users === 0) return;
    entry.users--;
    // Last shown now: the ones put away longest ago go first.
    this.touch(key, entry);
  }

  /** Forgets an attachment's URLs (its bytes changed): unused ones are revoked now, used ones when released. */
  invalidate(messageId: string, index: number): void {
    for (const variant of ['full', 'thumbnail', 'preview'] as const) {
      const key = refKey({ messageId, index, variant });
      const entry = this.entries.get(key);
      if (!entry) continue;
      this.entries.delete(key);
      if (entry.users === 0) this.urls.revoke(entry.url);
    }
  }

  /** How many URLs are cached (used or not). */
  get size(): number {
    return this.entries.size;
  }

  has(ref: AttachmentRef): boolean {
    return this.entries.has(refKey(ref));
  }

  /** Revokes every unused URL (the conversation view went away, or the account). */
  clear(): void {
    for (const [key, entry] of this.entries) {
      if (entry.users > 0) continue;
      this.entries.delete(key);
      this.urls.revoke(entry.url);
    }
  }

  private touch(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.evict();
  }

  private evict(): void {
    let unused = 0;
    let bytes = 0;
    for (const e of this.entries.values()) {
      if (e.users > 0) continue;
      unused++;
      bytes += e.size;
    }
    // Map order is least recently used first.
    for (const [key, e] of this.entries) {
      if (unused <= this.limits.entries && bytes <= this.limits.bytes) break;
      if (e.users > 0) continue;
      this.entries.delete(key);
      this.urls.revoke(e.url);
      unused--;
      bytes -= e.size;
    }
  }
}

const caches = new WeakMap<SessionApi, AttachmentUrlCache>();

/** The URL cache of the store's API (one per backend connection, so tests with their own fake never share one). */
export const attachmentUrlCache =
  (): MediaThunk<AttachmentUrlCache> =>
  (_dispatch, _getState, { api }) => {
    let cache = caches.get(api);
    if (!cache) caches.set(api, (cache = new AttachmentUrlCache((ref) => readAttachmentBlob(api, ref))));
    return cache;
  };

/** Reads an attachment's bytes (saving from the web host, where the renderer offers the download). */
export const readAttachment =
  (ref: AttachmentRef): MediaThunk<Promise<Blob>> =>
  (_dispatch, _getState, { api }) =>
    readAttachmentBlob(api, ref);

/**
 * Downloads now (a click on "Click to download", or a retry after a failure). The backend answers with
 * the message, whose attachment states show the download starting; progress follows as events.
 */
export const downloadAttachments =
  (params: MethodParams<'attachments.download'>): MediaThunk<Promise<void>> =>
  async (dispatch, _getState, { api }) => {
    const m = await api.call('attachments.download', params);
    dispatch(messagesUpdated({ messages: [m] }));
  };

// --- media: video posters (begin) ---
/** Attachments whose poster was asked for in this window: one try each, whatever the outcome. */
const posterTried = new Set<string>();

/**
 * Makes a poster frame for a downloaded (or our own) video without a preview: draws its first frame from
 * `url` (the bytes the backend serves) and hands it to the backend, which stores it as the thumbnail; the
 * answer comes back as the message with `hasThumbnail`. A video Chromium cannot decode keeps no poster.
 */
export const captureVideoPoster =
  (messageId: string, index: number, url: string, capture: (url: string) => Promise<PosterFrame> = captureVideoFrame): MediaThunk<Promise<void>> =>
  async (dispatch, _getState, { api }) => {
    const key = `${messageId}#${index}`;
    if (posterTried.has(key)) return;
    posterTried.add(key);
    let frame: PosterFrame;
    try {
      frame = await capture(url);
    } catch {
      return;
    }
    const dataBase64 = bytesToBase64(frame.bytes);
    // A frame too large for one call (a noisy 960 px JPEG is far below it) is not worth a second encode.
    if (dataBase64.length > POSTER_MAX_BASE64) return;
    try {
      const m = await api.call('attachments.setPoster', { messageId, index, dataBase64, width: frame.width, height: frame.height });
      dispatch(messagesUpdated({ messages: [m] }));
    } catch {
      // Deleted meanwhile, or refused: the grid keeps drawing the video itself.
    }
  };
// --- media: video posters (end) ---

/** Asks the host to save an attachment (Electron: its Save dialog). */
export const requestSave =
  (messageId: string, index: number): MediaThunk<Promise<AttachmentSaveResult>> =>
  (_dispatch, _getState, { api }) =>
    api.call('attachments.save', { messageId, index });

/** One page of a conversation's media or files, newest first. */
export const fetchGalleryPage =
  (
    params: MethodParams<'attachments.gallery'>,
  ): MediaThunk<Promise<{ items: GalleryItem[]; hasMore: boolean }>> =>
  (_dispatch, _getState, { api }) =>
    api.call('attachments.gallery', params);
