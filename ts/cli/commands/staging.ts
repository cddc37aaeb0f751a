// Hands local files to the backend's staging (attachments.stageBegin / stageChunk / stageEnd), the path
// the app's composer takes too, so the backend sniffs the type, re-encodes images (metadata stripped) and
// enforces the size limit the same way for both. Files are read in MEDIA_CHUNK_BYTES slices, never whole.
import fs from 'node:fs/promises';
import path from 'node:path';
import { MEDIA_CHUNK_BYTES } from '../../ipc/contract';
import type { StagedAttachmentView } from '../../ipc/contract';
import { CliError } from '../errors';
import type { CommandContext } from './context';

/** A local file that can be staged: opened, a regular file, not empty. */
export interface LocalFile {
  /** As given on the command line (for messages). */
  given: string;
  /** The name the receiver sees: the last path component. */
  fileName: string;
  size: number;
}

/**
 * Document types declared by file extension, as a desktop file picker does. The backend sniffs the bytes and
 * uses a declared type only for bytes that do not say what they are (plain text, office files, which are
 * zip archives), and only when it is a harmless document type; media types always come from the bytes.
 */
const DOCUMENT_TYPES: Readonly<Record<string, string>> = {
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.odt': 'application/vnd.oasis.opendocument.text',
  '.ods': 'application/vnd.oasis.opendocument.spreadsheet',
  '.odp': 'application/vnd.oasis.opendocument.presentation',
};

const shown = (p: string) => JSON.stringify(p.length > 200 ? `${p.slice(0, 197)}...` : p);

/**
 * Checks a file named on the command line before anything is staged: it must exist, be a regular file and
 * not be empty (receivers reject a size of 0). Every problem is a usage error (exit 2): the argument is wrong.
 */
export async function checkLocalFile(given: string): Promise<LocalFile> {
  let stat;
  try {
    stat = await fs.stat(given);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : ((err as Error).message ?? String(err));
    throw new CliError(`Cannot read ${shown(given)}: ${why}.`, 2);
  }
  if (!stat.isFile()) throw new CliError(`Cannot attach ${shown(given)}: it is not a regular file.`, 2);
  if (stat.size === 0) throw new CliError(`Cannot attach ${shown(given)}: the file is empty (0 bytes), and receivers refuse empty attachments.`, 2);
  return { given, fileName: path.basename(given), size: stat.size };
}

/**
 * Stages one file: its bytes go to the backend in order, then stageEnd processes them. The backend's
 * refusal (too large, not an image for a profile picture, ...) comes back as its IpcError, whose code
 * decides the exit status. A file that changes size while it is read is refused.
 */
export async function stageFile(
  ctx: CommandContext,
  file: LocalFile,
  options: { voice?: boolean; purpose?: 'attachment' | 'avatar' },
): Promise<StagedAttachmentView> {
  const changed = () => new CliError(`${shown(file.given)} changed while it was being read; nothing was sent.`);
  const declared = DOCUMENT_TYPES[path.extname(file.fileName).toLowerCase()];
  const { stageId } = await ctx.client.call('attachments.stageBegin', {
    fileName: file.fileName,
    size: file.size,
    ...(declared !== undefined ? { contentType: declared } : {}),
  });
  try {
    const handle = await fs.open(file.given, 'r');
    try {
      const buffer = Buffer.alloc(MEDIA_CHUNK_BYTES);
      let offset = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
        if (bytesRead === 0) break;
        if (offset + bytesRead > file.size) throw changed();
        await ctx.client.call('attachments.stageChunk', { stageId, offset, dataBase64: buffer.subarray(0, bytesRead).toString('base64') });
        offset += bytesRead;
      }
      if (offset !== file.size) throw changed();
    } finally {
      await handle.close();
    }
    return await ctx.client.call('attachments.stageEnd', {
      stageId,
      ...(options.voice === true ? { voice: true } : {}),
      ...(options.purpose !== undefined ? { purpose: options.purpose } : {}),
    });
  } catch (err) {
    await unstage(ctx, [stageId]);
    throw err;
  }
}

/** Drops staged files that will not be sent (best effort: the backend also drops leftovers at its next start). */
export async function unstage(ctx: CommandContext, stageIds: readonly string[]): Promise<void> {
  for (const stageId of stageIds) {
    try {
      await ctx.client.call('attachments.unstage', { stageId });
    } catch {
      // Already gone, or the backend is closing: its start-up sweep removes what is left.
    }
  }
}
