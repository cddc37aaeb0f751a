// Staging: files chosen in the composer (or as a profile picture) arrive in chunks, in order; once all
// bytes are in, the backend sniffs what they are, re-encodes images (down-scaled, metadata stripped),
// makes a thumbnail, checks the size limit and keeps the result in the encrypted file store until the
// message is sent (messages.send moves it into the message's attachments) or the file is dropped.
// Nothing readable touches the disk: chunks are appended to a temporary file through AES-256-CTR under
// a key that lives only in memory, so a crash leaves noise that the next start deletes with every staged
// row (the composer does not survive a restart).
import { createCipheriv, createDecipheriv, createHash, type Cipher } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MAX_MESSAGE_ATTACHMENTS, MEDIA_CHUNK_BYTES, type StagedAttachmentView } from '../../ipc/contract';
import { IpcError } from '../../ipc/errors';
import { MAX_ATTACHMENT_PLAINTEXT_BYTES } from '../../protocol';
import { VOICE_MESSAGE_FLAG } from '../db/attachmentStore';
import type { StagedFileRow, StagedFileStore, StagePurpose } from '../db/stagedFileStore';
import { ImageError, isDecodableImageType, makeThumbnail, processAvatar, processImageForSending, sniffContentType } from '../media/image';
import type { FileStore } from '../media/fileStore';
import { cutUtf8 } from '../media/fileNames';
import { mediaDurationMs } from '../media/mediaDuration';
import type { Logger } from '../log';
import { crashPoint } from '../crashPoint';

/**
 * Largest file staging takes in. Images above the send limit may still shrink when re-encoded (a camera
 * original of 20-40 MB becomes a 2000 px JPEG), so they are accepted up to this and judged after; any
 * other file above the send limit is refused at its first chunk.
 */
export const MAX_STAGE_INPUT_BYTES = 128 * 1024 * 1024;
/** Longest file name kept (UTF-8 bytes). */
const MAX_FILE_NAME_BYTES = 200;

/**
 * An integer with thousands separators, as toLocaleString('en-US') writes it; without ICU, whose number
 * formatting data costs ~20 ms to load and this runs when the module loads, on every cold start.
 */
const sizeText = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
export const EMPTY_FILE_MESSAGE = 'A 0-byte file cannot be sent.';
export const TOO_LARGE_MESSAGE = `Files must be less than 10MB (at most ${sizeText(MAX_ATTACHMENT_PLAINTEXT_BYTES)} bytes).`;

export interface StagedAvatar {
  bytes: Uint8Array;
  contentType: string;
  width: number;
  height: number;
}

export interface StagingService {
  begin(p: { fileName?: string; contentType?: string; size: number }): { stageId: string };
  chunk(p: { stageId: string; offset: number; dataBase64: string }): { received: number };
  end(p: { stageId: string; voice?: boolean; durationMs?: number; purpose?: StagePurpose }): Promise<StagedAttachmentView>;
  unstage(stageId: string): { stageId: string };
  read(p: { stageId: string; variant?: 'full' | 'thumbnail'; offset?: number }): { dataBase64: string; offset: number; total: number; contentType: string };
  /**
   * The staged files for a message, in the given order (call inside the send transaction): each must be
   * complete and staged as an attachment. Throws IpcError otherwise.
   */
  forSend(stageIds: readonly string[]): StagedFileRow[];
  /** Drops the rows once their files belong to a message (call in the same transaction as forSend). */
  release(stageIds: readonly string[]): void;
  /** The processed square picture of a file staged with purpose 'avatar'; the staged file is dropped. */
  takeAvatar(stageId: string): StagedAvatar;
  /** Deletes every staged row and temporary file (the start of a profile). */
  clearAll(): void;
}

interface Receiving {
  stageId: string;
  file: string;
  cipher: Cipher;
  key: Uint8Array;
  iv: Uint8Array;
  expected: number;
  received: number;
  /** stageEnd is running: no more chunks. */
  ending: boolean;
  /** Unstaged while stageEnd ran: its result is dropped. */
  dropped: boolean;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A name safe to show and to save under: its last path part, no control or reserved characters, at most 200 bytes. */
export function stagedFileName(name: string | undefined): string | null {
  if (name === undefined) return null;
  const last = name.split(/[/\\]/).pop() ?? '';
  let clean = last.replace(/[\u0000-\u001f\u007f-\u009f<>:"|?*\u202a-\u202e\u2066-\u2069]/g, '').trim();
  clean = clean.replace(/^\.+/, '');
  // One cut (the loop that dropped a character at a time was quadratic).
  clean = cutUtf8(clean, MAX_FILE_NAME_BYTES);
  return clean === '' ? null : clean;
}

/** The name with the extension of the re-encoded type, when re-encoding changed the format. */
function renamedFor(name: string | null, contentType: string): string | null {
  if (name === null) return null;
  const ext = contentType === 'image/jpeg' ? ['jpg', 'jpeg'] : contentType === 'image/png' ? ['png'] : undefined;
  if (!ext) return name;
  const dot = name.lastIndexOf('.');
  const base = dot > 0 ? name.slice(0, dot) : name;
  const current = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  return ext.includes(current) ? name : `${base}.${ext[0]}`;
}

/** Declared types that name a kind of document harmlessly; everything else falls back to the sniffed type. */
const DOCUMENT_TYPE = /^(application|text)\/[a-z0-9][a-z0-9.+-]*$/;
const ACTIVE_TYPES = new Set(['text/html', 'application/xhtml+xml', 'text/javascript', 'application/javascript', 'application/x-javascript', 'image/svg+xml']);

/**
 * The content type sent in the pointer: the sniffed one whenever the bytes say what they are; for
 * bytes that do not (plain text, office documents, which are zip files), the declared document type
 * when it is one, so the recipient sees a sensible label. Never a declared media type.
 */
export function chooseContentType(sniffed: string, declared: string | undefined): string {
  if (sniffed !== 'application/octet-stream' && sniffed !== 'application/zip') return sniffed;
  const d = declared?.trim().toLowerCase();
  if (d !== undefined && DOCUMENT_TYPE.test(d) && !ACTIVE_TYPES.has(d)) return d;
  return sniffed;
}

export function createStagingService(d: {
  store: StagedFileStore;
  files: FileStore;
  log: Logger;
  now: () => number;
  randomBytes: (n: number) => Uint8Array;
}): StagingService {
  const receiving = new Map<string, Receiving>();
  /** What each stage was declared as at stageBegin (name and type), until stageEnd. */
  const declared = new Map<string, { contentType?: string }>();
  /** The last file decrypted for readStaged, so a preview read in chunks decrypts once. */
  let lastRead: { fileId: string; bytes: Uint8Array } | undefined;

  const notFound = (): never => {
    throw new IpcError('not_found', 'This file is no longer staged; attach it again.');
  };

  const discard = (r: Receiving): void => {
    receiving.delete(r.stageId);
    declared.delete(r.stageId);
    try {
      fs.rmSync(r.file, { force: true });
    } catch (err) {
      d.log.warn(`staging: could not delete a temporary file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  };

  /** Drops a stage completely (row, temporary file and stored files) after a refusal. */
  const drop = (stageId: string): void => {
    const r = receiving.get(stageId);
    if (r) discard(r);
    d.store.remove(stageId);
    d.files.sweep();
  };

  const refuse = (stageId: string, message: string, detail?: string): never => {
    drop(stageId);
    throw new IpcError('invalid_params', message, detail);
  };

  const viewOf = (row: StagedFileRow): StagedAttachmentView => {
    const v: StagedAttachmentView = {
      stageId: row.stageId,
      contentType: row.contentType,
      size: row.size ?? 0,
      voice: (row.flags & VOICE_MESSAGE_FLAG) !== 0,
      hasThumbnail: row.thumbId !== null,
    };
    if (row.fileName !== null) v.fileName = row.fileName;
    if (row.width !== null) v.width = row.width;
    if (row.height !== null) v.height = row.height;
    if (row.durationMs !== null) v.durationMs = row.durationMs;
    return v;
  };

  /** Reads the temporary file back and decrypts it (the whole file: at most MAX_STAGE_INPUT_BYTES). */
  const plaintextOf = (r: Receiving): Uint8Array => {
    const sealed = fs.readFileSync(r.file);
    const dec = createDecipheriv('aes-256-ctr', r.key, r.iv);
    const a = dec.update(sealed);
    const b = dec.final();
    return b.length === 0 ? new Uint8Array(a.buffer, a.byteOffset, a.byteLength) : new Uint8Array(Buffer.concat([a, b]));
  };

  return {
    begin({ fileName, contentType, size }) {
      if (size === 0) throw new IpcError('invalid_params', EMPTY_FILE_MESSAGE);
      if (size > MAX_STAGE_INPUT_BYTES) throw new IpcError('invalid_params', TOO_LARGE_MESSAGE, `${size} bytes staged`);
      const stageId = Buffer.from(d.randomBytes(16)).toString('hex');
      const file = path.join(d.files.stagingDir(), stageId);
      const key = d.randomBytes(32);
      const iv = d.randomBytes(16);
      fs.writeFileSync(file, new Uint8Array(0), { mode: 0o600, flag: 'wx' });
      d.store.begin({ stageId, fileName: stagedFileName(fileName), contentType: 'application/octet-stream', expected: size, createdAt: d.now() });
      receiving.set(stageId, { stageId, file, cipher: createCipheriv('aes-256-ctr', key, iv), key, iv, expected: size, received: 0, ending: false, dropped: false });
      declared.set(stageId, contentType !== undefined ? { contentType } : {});
      return { stageId };
    },

    chunk({ stageId, offset, dataBase64 }) {
      const r = receiving.get(stageId);
      if (!r) {
        if (d.store.get(stageId)?.complete) throw new IpcError('conflict', 'This file is already complete.');
        return notFound();
      }
      if (r.ending) throw new IpcError('conflict', 'This file is already being processed.');
      if (offset !== r.received) {
        throw new IpcError('invalid_params', `Chunks must come in order: the next one starts at byte ${r.received}, not ${offset}.`);
      }
      if (dataBase64.length % 4 !== 0 || !BASE64.test(dataBase64)) throw new IpcError('invalid_params', 'The chunk is not valid base64.');
      const bytes = Buffer.from(dataBase64, 'base64');
      if (bytes.length > MEDIA_CHUNK_BYTES) throw new IpcError('invalid_params', `Chunks are at most ${MEDIA_CHUNK_BYTES} bytes.`);
      if (r.received + bytes.length > r.expected) {
        throw new IpcError('invalid_params', `The file is larger than the ${r.expected} bytes announced.`);
      }
      if (offset === 0 && bytes.length > 0 && r.expected > MAX_ATTACHMENT_PLAINTEXT_BYTES && !isDecodableImageType(sniffContentType(bytes))) {
        // Only a re-encoded image can shrink: anything else this large would be refused at the end anyway.
        refuse(stageId, TOO_LARGE_MESSAGE, `${r.expected} bytes staged`);
      }
      fs.appendFileSync(r.file, r.cipher.update(bytes));
      crashPoint('stage.chunk');
      r.received += bytes.length;
      return { received: r.received };
    },

    async end({ stageId, voice, durationMs, purpose = 'attachment' }) {
      const r = receiving.get(stageId);
      if (!r) {
        const row = d.store.get(stageId);
        if (row?.complete) return viewOf(row);
        return notFound();
      }
      if (r.ending) throw new IpcError('conflict', 'This file is already being processed.');
      if (r.received !== r.expected) {
        throw new IpcError('invalid_params', `The file is incomplete: ${r.received} of ${r.expected} bytes arrived.`);
      }
      r.ending = true;
      const declaredType = declared.get(stageId)?.contentType;
      let plain: Uint8Array;
      try {
        plain = plaintextOf(r);
      } finally {
        discard(r);
      }
      const row = d.store.get(stageId);
      if (!row) return notFound();
      if (plain.length === 0) return refuse(stageId, EMPTY_FILE_MESSAGE);

      let bytes = plain;
      let contentType = sniffContentType(plain);
      let width: number | null = null;
      let height: number | null = null;
      let fileName = row.fileName;
      let thumbnail: Uint8Array | undefined;
      try {
        if (purpose === 'avatar') {
          const a = await processAvatar(plain);
          ({ bytes, contentType, width, height } = a);
        } else if (voice === true) {
          if (!contentType.startsWith('audio/')) return refuse(stageId, 'A voice message must be a recording (an audio file).', contentType);
        } else if (isDecodableImageType(contentType)) {
          const processed = await processImageForSending(plain);
          bytes = processed.bytes;
          contentType = processed.contentType;
          width = processed.width ?? null;
          height = processed.height ?? null;
          if (processed.kind === 'image') fileName = renamedFor(fileName, contentType);
          thumbnail = (await makeThumbnail(bytes))?.bytes;
        } else {
          contentType = chooseContentType(contentType, declaredType);
        }
      } catch (err) {
        if (err instanceof ImageError) return refuse(stageId, err.message, err.code);
        throw err;
      }
      if (bytes.length > MAX_ATTACHMENT_PLAINTEXT_BYTES) return refuse(stageId, TOO_LARGE_MESSAGE, `${bytes.length} bytes after processing`);
      if (r.dropped) return notFound();

      const stored = d.files.write(bytes);
      const thumb = thumbnail ? d.files.write(thumbnail) : undefined;
      crashPoint('stage.fileWritten');
      const ok = d.store.complete(stageId, {
        purpose,
        fileName,
        contentType,
        received: r.received,
        size: bytes.length,
        width,
        height,
        // A recording's own length (the recorder counts its samples), else the file's as its frames say.
        durationMs: durationMs ?? mediaDurationMs(bytes, contentType) ?? null,
        flags: voice === true && purpose === 'attachment' ? VOICE_MESSAGE_FLAG : 0,
        fileId: stored.fileId,
        fileKey: stored.fileKey,
        thumbId: thumb?.fileId ?? null,
        thumbKey: thumb?.fileKey ?? null,
        sha256: new Uint8Array(createHash('sha256').update(bytes).digest()),
      });
      if (!ok || r.dropped) {
        // Unstaged meanwhile: the files just written belong to nobody.
        d.files.delete(stored.fileId);
        if (thumb) d.files.delete(thumb.fileId);
        return notFound();
      }
      return viewOf(d.store.get(stageId) as StagedFileRow);
    },

    unstage(stageId) {
      const r = receiving.get(stageId);
      if (r) {
        r.dropped = true;
        discard(r);
      }
      if (!d.store.remove(stageId) && !r) return notFound();
      d.files.sweep();
      return { stageId };
    },

    read({ stageId, variant = 'full', offset = 0 }) {
      const row = d.store.get(stageId);
      if (!row || !row.complete) return notFound();
      const fileId = variant === 'thumbnail' ? row.thumbId : row.fileId;
      const fileKey = variant === 'thumbnail' ? row.thumbKey : row.fileKey;
      if (fileId === null || fileKey === null) throw new IpcError('not_found', 'This file has no preview.');
      let bytes: Uint8Array;
      if (lastRead?.fileId === fileId) bytes = lastRead.bytes;
      else {
        try {
          bytes = d.files.read(fileId, fileKey);
        } catch (err) {
          throw new IpcError('internal', 'The staged file could not be read; attach it again.', err instanceof Error ? err.message : String(err));
        }
        lastRead = { fileId, bytes };
      }
      if (offset > bytes.length) throw new IpcError('invalid_params', `The offset is past the end of the file (${bytes.length} bytes).`);
      const slice = bytes.subarray(offset, Math.min(bytes.length, offset + MEDIA_CHUNK_BYTES));
      return {
        dataBase64: Buffer.from(slice.buffer, slice.byteOffset, slice.byteLength).toString('base64'),
        offset,
        total: bytes.length,
        contentType: variant === 'thumbnail' ? sniffContentType(bytes) : row.contentType,
      };
    },

    forSend(stageIds) {
      if (stageIds.length > MAX_MESSAGE_ATTACHMENTS) throw new IpcError('invalid_params', `Unable to send more than ${MAX_MESSAGE_ATTACHMENTS} files at once.`);
      if (new Set(stageIds).size !== stageIds.length) throw new IpcError('invalid_params', 'The same file is attached twice.');
      const rows = d.store.getMany(stageIds);
      return stageIds.map((id) => {
        const row = rows.get(id);
        if (!row) return notFound();
        if (!row.complete || receiving.has(id)) throw new IpcError('conflict', 'A file is still being attached; wait for it, then send.');
        if (row.purpose !== 'attachment' || row.fileId === null) throw new IpcError('invalid_params', 'This file was staged as a profile picture, not as an attachment.');
        return row;
      });
    },

    release(stageIds) {
      d.store.release(stageIds);
      if (lastRead && stageIds.length > 0) lastRead = undefined;
    },

    takeAvatar(stageId) {
      const row = d.store.get(stageId);
      if (!row || !row.complete) return notFound();
      if (row.purpose !== 'avatar' || row.fileId === null || row.fileKey === null) {
        throw new IpcError('invalid_params', 'This file was not staged as a profile picture.');
      }
      let bytes: Uint8Array;
      try {
        bytes = d.files.read(row.fileId, row.fileKey);
      } catch (err) {
        throw new IpcError('internal', 'The picture could not be read; choose it again.', err instanceof Error ? err.message : String(err));
      }
      d.store.remove(stageId);
      d.files.sweep();
      return { bytes, contentType: row.contentType, width: row.width ?? 0, height: row.height ?? 0 };
    },

    clearAll() {
      for (const r of [...receiving.values()]) discard(r);
      d.store.removeAll();
    },
  };
}
