// Moving bytes across the API for media: a file staged in MEDIA_CHUNK_BYTES slices (base64 on the
// wire), and staged files or profile pictures read back into Blobs for previews. Shared by the
// composer and the profile picture dialog; nothing here touches Redux state.
import { MEDIA_CHUNK_BYTES, type MethodParams, type SessionApi, type StagedAttachmentView } from '../../ipc/contract';

/** Base64 of bytes, in slices so a large chunk never overflows the argument limit of fromCharCode. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** A Blob slice's bytes (FileReader where Blob.arrayBuffer is missing, as in older engines). */
export function readBlob(blob: Blob): Promise<Uint8Array> {
  if (typeof blob.arrayBuffer === 'function') return blob.arrayBuffer().then((b) => new Uint8Array(b));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsArrayBuffer(blob);
  });
}

/** Thrown when the caller cancelled a staging (its file was removed meanwhile); the staged file is dropped. */
export class StagingCancelled extends Error {
  constructor() {
    super('The file was removed while it was being prepared.');
    this.name = 'StagingCancelled';
  }
}

export interface StageOptions {
  fileName?: string;
  contentType?: string;
  voice?: boolean;
  durationMs?: number;
  purpose?: 'attachment' | 'avatar';
  /** The stage id as soon as the backend gives it (so a cancel can drop it). */
  onBegin?: (stageId: string) => void;
  /** 0..1 after each chunk. */
  onProgress?: (fraction: number) => void;
  /** Checked between chunks: true stops the staging, drops the staged file and rejects with StagingCancelled. */
  cancelled?: () => boolean;
}

/** Stages a Blob (a File, a recording): begin, the chunks in order, end. The processed view comes back. */
export async function stageBlob(api: SessionApi, blob: Blob, options: StageOptions = {}): Promise<StagedAttachmentView> {
  const { stageId } = await api.call('attachments.stageBegin', {
    ...(options.fileName ? { fileName: options.fileName } : {}),
    ...(options.contentType ? { contentType: options.contentType } : {}),
    size: blob.size,
  });
  options.onBegin?.(stageId);
  const cancel = async (): Promise<never> => {
    await api.call('attachments.unstage', { stageId }).catch(() => undefined);
    throw new StagingCancelled();
  };
  try {
    for (let offset = 0; offset < blob.size; offset += MEDIA_CHUNK_BYTES) {
      if (options.cancelled?.()) return await cancel();
      const bytes = await readBlob(blob.slice(offset, Math.min(blob.size, offset + MEDIA_CHUNK_BYTES)));
      await api.call('attachments.stageChunk', { stageId, offset, dataBase64: bytesToBase64(bytes) });
      options.onProgress?.(Math.min(1, (offset + bytes.length) / blob.size));
    }
    if (options.cancelled?.()) return await cancel();
    const end: MethodParams<'attachments.stageEnd'> = { stageId };
    if (options.voice) end.voice = true;
    if (options.durationMs !== undefined) end.durationMs = Math.round(options.durationMs);
    if (options.purpose) end.purpose = options.purpose;
    const view = await api.call('attachments.stageEnd', end);
    if (options.cancelled?.()) return await cancel();
    return view;
  } catch (err) {
    if (err instanceof StagingCancelled) throw err;
    // A half-staged file is of no use: drop it (best effort) and report the failure.
    await api.call('attachments.unstage', { stageId }).catch(() => undefined);
    throw err;
  }
}

/** A staged file's processed bytes or thumbnail, read in chunks. */
export async function readStagedBlob(api: SessionApi, stageId: string, variant: 'full' | 'thumbnail'): Promise<Blob> {
  const parts: Uint8Array[] = [];
  let offset = 0;
  let contentType = 'application/octet-stream';
  for (;;) {
    const r = await api.call('attachments.readStaged', { stageId, variant, offset });
    contentType = r.contentType;
    const bytes = base64ToBytes(r.dataBase64);
    parts.push(bytes);
    offset += bytes.length;
    if (bytes.length === 0 || offset >= r.total) break;
  }
  return new Blob(parts as BlobPart[], { type: contentType });
}

/** An object URL for a Blob, or undefined where the engine has none (jsdom). */
export function objectUrlFor(blob: Blob): string | undefined {
  return typeof URL.createObjectURL === 'function' ? URL.createObjectURL(blob) : undefined;
}

export function revokeObjectUrl(url: string | undefined): void {
  if (url && url.startsWith('blob:') && typeof URL.revokeObjectURL === 'function') URL.revokeObjectURL(url);
}

/** The backend's "too large" refusal of a staged file (its text differs from the official one we show). */
export function isTooLargeError(err: unknown): boolean {
  const message = err && typeof err === 'object' && typeof (err as { message?: unknown }).message === 'string' ? (err as { message: string }).message : '';
  return /too large|too big|less than 10|10 ?MB|at most 10|size limit|exceeds/i.test(message);
}
