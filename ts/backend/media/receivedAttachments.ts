// The attachment rows a received message gets from its AttachmentPointers (spec messaging §6.6): one row
// per pointer, in order. A pointer that cannot be downloaded (no URL, no key of the right length, no size,
// a legacy pointer without digest) becomes a 'failed' row with the reason, so nothing is dropped and the
// message stays. Whether a download starts by itself is decided here too (the automatic-download rule).
import { parseAttachmentPointer, type AttachmentPointerProps } from '../../protocol';
import type { AttachmentState } from '../../ipc/contract';
import { safeFileName } from './fileNames';

/**
 * Largest attachment downloaded without a click (from an accepted or trusted sender, or our own): 8 MiB.
 * Every image (re-encoded by its sender to at most 2000 px, well under 1 MB), every voice message (300 s of MP3 is a few
 * MB) and ordinary documents and clips come by themselves; only files near the file server's 10 MB ceiling,
 * which a message may carry 32 of, wait for a click so they do not use a metered connection unasked.
 */
export const DEFAULT_AUTO_DOWNLOAD_MAX_BYTES = 8 * 1024 * 1024;

/** The type given when the sender declared none. */
export const UNKNOWN_CONTENT_TYPE = 'application/octet-stream';

/** How long the file server keeps a file (14 days); older pointers are not fetched without a click. */
export const FILE_SERVER_RETENTION_MS = 14 * 24 * 60 * 60 * 1000;

const isRendered = (t: string): boolean => t.startsWith('image/') || t.startsWith('video/') || t.startsWith('audio/');

/**
 * The type a downloaded file is shown as: what its bytes are (`sniffed`, from image.ts) when they are a
 * known kind; a zip stays the sender's zip-based type (a .docx is a zip); bytes of no known kind keep the
 * declared type only when nothing would render it (never image/, video/ or audio/ unverified).
 */
export function effectiveContentType(sniffed: string, declared: string): string {
  if (sniffed === UNKNOWN_CONTENT_TYPE) return isRendered(declared) ? UNKNOWN_CONTENT_TYPE : declared;
  if (sniffed === 'application/zip' && declared !== UNKNOWN_CONTENT_TYPE && !isRendered(declared)) return declared;
  return sniffed;
}

export interface ReceivedAttachmentRow {
  idx: number;
  fileName?: string;
  contentType: string;
  size: number;
  width?: number;
  height?: number;
  flags: number;
  caption?: string;
  url?: string;
  remoteKey?: Uint8Array;
  digest?: Uint8Array;
  state: Extract<AttachmentState, 'queued' | 'not-downloaded' | 'failed'>;
  error?: string;
}

/** A pointer as decoded (defaults for absent fields) or as built by hand (absent fields undefined). */
export type PointerLike = AttachmentPointerProps;

const text = (s: string | null | undefined): string | undefined => (typeof s === 'string' && s !== '' ? s : undefined);
const bytes = (b: Uint8Array | null | undefined): Uint8Array | undefined => (b && b.length > 0 ? new Uint8Array(b) : undefined);
const positive = (n: number | null | undefined): number | undefined => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : undefined);

/**
 * Why a pointer cannot be downloaded, fit to show; undefined when it can. The protocol's pointer checks,
 * plus the digest a legacy pointer must carry (its receiver requires it, spec messaging §6.6): such a file
 * would only be downloaded to fail.
 */
export function pointerProblem(p: PointerLike): string | undefined {
  const parsed = parseAttachmentPointer(p);
  if (!parsed.ok) return parsed.error.message;
  if (!parsed.value.deterministic && !parsed.value.plain && parsed.value.digest === undefined) return 'This attachment cannot be verified: ask the sender to update Session and send it again.';
  return undefined;
}

/**
 * One row per pointer. `autoDownload`: the sender is accepted or trusted, or the message is ours; then
 * downloadable attachments up to `autoDownloadMaxBytes` start as 'queued', the others as 'not-downloaded'.
 */
export function attachmentRowsFromPointers(
  pointers: readonly PointerLike[],
  opts: { autoDownload: boolean; autoDownloadMaxBytes: number },
): ReceivedAttachmentRow[] {
  return pointers.slice(0, 32).map((p, idx) => {
    const fileName = safeFileName(p.fileName);
    const width = positive(p.width);
    const height = positive(p.height);
    const caption = text(p.caption);
    const url = text(p.url);
    const remoteKey = bytes(p.key);
    const digest = bytes(p.digest);
    const size = positive(p.size) ?? 0;
    const flags = typeof p.flags === 'number' && p.flags >= 0 ? p.flags : 0;
    const row: ReceivedAttachmentRow = {
      idx,
      contentType: text(p.contentType)?.slice(0, 200).toLowerCase() ?? UNKNOWN_CONTENT_TYPE,
      size,
      flags,
      state: 'not-downloaded',
      ...(fileName !== undefined ? { fileName } : {}),
      ...(width !== undefined ? { width } : {}),
      ...(height !== undefined ? { height } : {}),
      ...(caption !== undefined ? { caption } : {}),
      ...(url !== undefined ? { url } : {}),
      ...(remoteKey !== undefined ? { remoteKey } : {}),
      ...(digest !== undefined ? { digest } : {}),
    };
    const problem = pointerProblem(p);
    if (problem !== undefined) {
      row.state = 'failed';
      row.error = problem;
    } else if (opts.autoDownload && size <= opts.autoDownloadMaxBytes) {
      row.state = 'queued';
    }
    return row;
  });
}
