// The attachment rows a received message gets from its AttachmentPointers (spec messaging §6.6): one row
// per pointer, in order. A pointer that cannot be downloaded (no URL, no key of the right length, no size,
// a legacy pointer without digest) becomes a 'failed' row with the reason, so nothing is dropped and the
// message stays. Whether a download starts by itself is decided here too (the automatic-download rule).
import { MAX_ATTACHMENT_BYTES, SignalService, deterministicEncryptedSize } from '../../protocol';
import type { AttachmentState } from '../../ipc/contract';
import { safeFileName } from './fileNames';

/**
 * Largest attachment downloaded without a click (from an accepted or trusted sender, or our own): 8 MiB.
 * Every image (re-encoded to at most 1600 px, well under 1 MB), every voice message (300 s of MP3 is a few
 * MB) and ordinary documents and clips come by themselves; only files near the file server's 10 MB ceiling,
 * which a message may carry 32 of, wait for a click so they do not use a metered connection unasked.
 */
export const DEFAULT_AUTO_DOWNLOAD_MAX_BYTES = 8 * 1024 * 1024;

export const FLAG_VOICE_MESSAGE = SignalService.AttachmentPointer.Flags.VOICE_MESSAGE;

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
export type PointerLike = SignalService.AttachmentPointer.$Properties;

/**
 * True when the URL's fragment has `d` (the deterministic "S" format, spec messaging §6.6): the scheme is
 * chosen by the fragment, never by the key's length.
 */
export function isDeterministicUrl(url: string): boolean {
  const hash = url.indexOf('#');
  if (hash < 0) return false;
  return new URLSearchParams(url.slice(hash + 1)).has('d');
}

/** Whether `url` is a file URL this client can ask a file server for (http or https, with a host). */
export function isFileUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host !== '';
  } catch {
    return false;
  }
}

/**
 * Most bytes a pointer's blob may have: the deterministic format's exact size for its plaintext, else the
 * file server's upload limit (the legacy blob of the largest plaintext fits it). A server sending more is
 * refused before the whole body is read.
 */
export function maxBlobBytes(url: string, size: number): number {
  return isDeterministicUrl(url) ? Math.max(MAX_ATTACHMENT_BYTES, deterministicEncryptedSize(size)) : MAX_ATTACHMENT_BYTES;
}

const text = (s: string | null | undefined): string | undefined => (typeof s === 'string' && s !== '' ? s : undefined);
const bytes = (b: Uint8Array | null | undefined): Uint8Array | undefined => (b && b.length > 0 ? new Uint8Array(b) : undefined);
const positive = (n: number | null | undefined): number | undefined => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : undefined);

/** Why a pointer cannot be downloaded, fit to show; undefined when it can. */
export function pointerProblem(p: { url?: string; remoteKey?: Uint8Array; digest?: Uint8Array; size: number }): string | undefined {
  if (p.url === undefined || !isFileUrl(p.url)) return 'This attachment cannot be downloaded: it came without a valid file address. Ask the sender to send it again.';
  const deterministic = isDeterministicUrl(p.url);
  if (p.remoteKey === undefined) return 'This attachment cannot be opened: it came without its key. Ask the sender to send it again.';
  if (p.remoteKey.length !== (deterministic ? 32 : 64)) return 'This attachment cannot be opened: its key is malformed. Ask the sender to send it again.';
  if (p.size <= 0) return 'This attachment cannot be opened: it came without its size. Ask the sender to send it again.';
  if (!deterministic && p.digest === undefined) return 'This attachment cannot be verified: ask the sender to update Session and send it again.';
  if (!deterministic && p.digest !== undefined && p.digest.length !== 32) return 'This attachment cannot be verified: its fingerprint is malformed. Ask the sender to send it again.';
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
    const problem = pointerProblem(row);
    if (problem !== undefined) {
      row.state = 'failed';
      row.error = problem;
    } else if (opts.autoDownload && size <= opts.autoDownloadMaxBytes) {
      row.state = 'queued';
    }
    return row;
  });
}
