// AttachmentPointer fields (spec messaging §3.2, §6.6): what we put in a pointer for an uploaded
// attachment, and the checks a received pointer must pass before anything is downloaded.
import { ProtocolError, attempt, type Result } from '../primitives/errors';
import type { signalservice } from '../generated/signalservice';
import { MAX_ATTACHMENT_BYTES, decryptAttachment, decryptDeterministicAttachment, deterministicEncryptedSize } from './attachment';
import { MAX_DETERMINISTIC_PLAINTEXT_BYTES } from './deterministic';
import { parseFileUrl } from './fileUrl';

export type AttachmentPointerProps = signalservice.AttachmentPointer.$Properties;

/** AttachmentPointer.flags bit for a voice message. */
export const ATTACHMENT_FLAG_VOICE_MESSAGE = 1;
/** The official apps drop a DataMessage with more attachments than this (spec §5.4). */
export const MAX_ATTACHMENTS_PER_MESSAGE = 32;
const LEGACY_KEY_BYTES = 64;
const DETERMINISTIC_KEY_BYTES = 32;
const DIGEST_BYTES = 32;
const UINT32_MAX = 0xffff_ffff;

/** A sent attachment: what the pointer describes. */
export interface OutgoingAttachmentPointer {
  /** File URL from the upload (buildFileUrl). */
  url: string;
  /** 64 bytes (legacy) or 32 (S format). */
  key: Uint8Array;
  /** SHA-256 of the blob (legacy; absent for S). */
  digest?: Uint8Array;
  /** Unpadded plaintext size. */
  size: number;
  contentType: string;
  fileName?: string;
  voice?: boolean;
  width?: number;
  height?: number;
  caption?: string;
  /** Numeric file id when the server gave one; 0 otherwise (proto2 required field). */
  deprecatedId?: number;
}

/** A received pointer that passed every check. */
export interface AttachmentDescriptor {
  url: string;
  key: Uint8Array;
  digest?: Uint8Array;
  size: number;
  /** As the sender declared it (`application/octet-stream` when absent): sniff before trusting. */
  contentType: string;
  /** As the sender sent it: sanitise before it touches a disk. */
  fileName?: string;
  voice: boolean;
  width?: number;
  height?: number;
  caption?: string;
  /** From the URL's `d` fragment: the blob is S format (the scheme is chosen by the URL, not the key length). */
  deterministic: boolean;
  /**
   * A community room's file sent as the official apps send them (spec advanced.md A.9): the room's file URL
   * and no key, the bytes stored unencrypted and unpadded on the room's server (`key` is then empty).
   */
  plain?: true;
}

function invalid(message: string, detail: string): never {
  throw new ProtocolError('attachment_invalid', message, detail);
}

function dimension(n: number | undefined, what: string): number | undefined {
  if (n === undefined || n === 0) return undefined;
  if (!Number.isInteger(n) || n < 0 || n > UINT32_MAX) return invalid('Invalid attachment dimensions.', `${what} ${n}`);
  return n;
}

/** The pointer fields for an attachment we send (spec §6.6 step 6). Throws ProtocolError on impossible values. */
export function buildAttachmentPointer(a: OutgoingAttachmentPointer): AttachmentPointerProps {
  const parsed = parseFileUrl(a.url);
  if (!parsed.ok) throw parsed.error;
  const expectedKey = parsed.value.deterministic ? DETERMINISTIC_KEY_BYTES : LEGACY_KEY_BYTES;
  if (a.key.length !== expectedKey) invalid('Could not describe the attachment.', `key is ${a.key.length} bytes, expected ${expectedKey}`);
  if (!parsed.value.deterministic && a.digest?.length !== DIGEST_BYTES) invalid('Could not describe the attachment.', 'legacy attachments need a 32-byte digest');
  if (!Number.isInteger(a.size) || a.size <= 0 || a.size > UINT32_MAX) invalid('An empty file cannot be sent.', `size ${a.size}`);
  const p: AttachmentPointerProps = {
    deprecatedId: a.deprecatedId ?? 0,
    contentType: a.contentType || 'application/octet-stream',
    key: a.key,
    size: a.size,
  };
  if (a.digest) p.digest = a.digest;
  if (a.fileName) p.fileName = a.fileName;
  if (a.voice) p.flags = ATTACHMENT_FLAG_VOICE_MESSAGE;
  const width = dimension(a.width, 'width');
  const height = dimension(a.height, 'height');
  if (width !== undefined) p.width = width;
  if (height !== undefined) p.height = height;
  if (a.caption) p.caption = a.caption;
  p.url = a.url;
  return p;
}

function nonEmptyBytes(v: Uint8Array | null | undefined): Uint8Array | undefined {
  return v instanceof Uint8Array && v.length > 0 ? v : undefined;
}

function nonEmptyString(v: string | null | undefined): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/**
 * Checks a received pointer (decoded protobuf, where unset fields read as empty/0) and returns what the
 * downloader needs, or an `attachment_invalid` error whose message can be shown on the attachment.
 */
export function parseAttachmentPointer(p: AttachmentPointerProps): Result<AttachmentDescriptor> {
  return attempt(() => {
    const key = nonEmptyBytes(p.key);
    const size = p.size ?? 0;
    if (!Number.isInteger(size) || size <= 0) invalid('This attachment is empty or has no size.', `size ${String(p.size)}`);
    const urlText = nonEmptyString(p.url);
    if (!urlText) invalid('This attachment has no download link.', 'no url');
    const url = parseFileUrl(urlText);
    if (!url.ok) invalid(url.error.message, url.error.detail ?? 'bad url');
    // A room's file without a key is stored as is on the room's server (community attachments, A.9).
    if (!key && url.value.room !== undefined && !url.value.deterministic) {
      if (size > MAX_ATTACHMENT_BYTES) invalid('This attachment is larger than any file the file server holds.', `size ${size} > ${MAX_ATTACHMENT_BYTES}`);
      const plain: AttachmentDescriptor = {
        url: urlText as string,
        key: new Uint8Array(0),
        size,
        contentType: nonEmptyString(p.contentType) ?? 'application/octet-stream',
        voice: ((p.flags ?? 0) & ATTACHMENT_FLAG_VOICE_MESSAGE) !== 0,
        deterministic: false,
        plain: true,
      };
      const fileName = nonEmptyString(p.fileName);
      const caption = nonEmptyString(p.caption);
      if (fileName !== undefined) plain.fileName = fileName;
      if ((p.width ?? 0) > 0) plain.width = p.width as number;
      if ((p.height ?? 0) > 0) plain.height = p.height as number;
      if (caption !== undefined) plain.caption = caption;
      return plain;
    }
    if (!key) invalid('This attachment cannot be opened: it has no key.', 'no key');
    const deterministic = url.value.deterministic;
    const expectedKey = deterministic ? DETERMINISTIC_KEY_BYTES : LEGACY_KEY_BYTES;
    if ((key as Uint8Array).length !== expectedKey) {
      invalid('This attachment cannot be opened: its key is invalid.', `key is ${(key as Uint8Array).length} bytes, expected ${expectedKey} (${deterministic ? 'S format' : 'legacy'})`);
    }
    const maxSize = deterministic ? MAX_DETERMINISTIC_PLAINTEXT_BYTES : MAX_ATTACHMENT_BYTES;
    if (size > maxSize) invalid('This attachment is larger than any file the file server holds.', `size ${size} > ${maxSize}`);
    const digest = nonEmptyBytes(p.digest);
    if (digest && digest.length !== DIGEST_BYTES) invalid('This attachment cannot be verified: its digest is invalid.', `digest is ${digest.length} bytes`);
    const width = p.width ?? 0;
    const height = p.height ?? 0;
    const fileName = nonEmptyString(p.fileName);
    const caption = nonEmptyString(p.caption);
    const d: AttachmentDescriptor = {
      url: urlText as string,
      key: key as Uint8Array,
      size,
      contentType: nonEmptyString(p.contentType) ?? 'application/octet-stream',
      voice: ((p.flags ?? 0) & ATTACHMENT_FLAG_VOICE_MESSAGE) !== 0,
      deterministic,
    };
    if (digest) d.digest = digest;
    if (fileName !== undefined) d.fileName = fileName;
    if (width > 0) d.width = width;
    if (height > 0) d.height = height;
    if (caption !== undefined) d.caption = caption;
    return d;
  });
}

/**
 * The most blob bytes a download for `d` may return: the exact S size for S format; the file server's
 * limit for legacy (the size padding's floating-point rule may differ between senders, spec §6.6).
 */
export function maxBlobBytes(d: Pick<AttachmentDescriptor, 'size' | 'deterministic'>): number {
  return d.deterministic ? deterministicEncryptedSize(d.size) : MAX_ATTACHMENT_BYTES;
}

/** Decrypts a downloaded blob with the scheme its URL names (legacy: MAC, digest, truncation to size). */
export function decryptAttachmentBlob(d: AttachmentDescriptor, blob: Uint8Array): Result<Uint8Array> {
  // A plain room file is the file itself; the pointer's size must match it.
  if (d.plain) {
    if (blob.length !== d.size) return { ok: false, error: new ProtocolError('attachment_invalid', 'The attachment does not match its size.', `got ${blob.length} bytes, pointer says ${d.size}`) };
    return { ok: true, value: blob };
  }
  if (!d.deterministic) return decryptAttachment({ blob, key: d.key, digest: d.digest ?? null, size: d.size });
  const r = decryptDeterministicAttachment(blob, d.key);
  if (r.ok && r.value.length !== d.size) {
    return { ok: false, error: new ProtocolError('attachment_invalid', 'Could not decrypt the attachment.', `decrypted ${r.value.length} bytes, pointer says ${d.size}`) };
  }
  return r;
}
