// download: fetch and decrypt every attachment of a message (the backend's downloader, the same as a click
// in the app), wait until each is downloaded, failed or expired, then write the decrypted bytes (read with
// attachments.read) to DIR/<safe file name>, numbered when the name is taken, never over an existing file.
// Attachments that could not be downloaded make the command exit 1 after the others are written.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileNameForSave } from '../../backend/media/fileNames';
import type { AttachmentState, AttachmentView, MessageView } from '../../ipc/contract';
import { CliError } from '../errors';
import { createPendingFile } from '../files';
import { formatSize } from '../output';
import type { Column } from '../output';
import { requireAccount } from './account';
import type { CommandContext } from './context';
import type { DownloadCommandArgs } from './types';
import { sleepOrWake } from './wait';

/** The folder `download` writes to without --out, under the profile folder. */
export const DOWNLOADS_FOLDER = 'downloads';

const COLUMNS: Column[] = [
  { key: 'index', title: '#' },
  { key: 'size', title: 'Size', format: (v) => (typeof v === 'number' ? formatSize(v) : '') },
  { key: 'contentType', title: 'Type' },
  { key: 'path', title: 'Saved to' },
];

/** States after which the attachment's bytes will not arrive by waiting longer. */
const TERMINAL: ReadonlySet<AttachmentState> = new Set(['downloaded', 'failed', 'expired']);

const allTerminal = (m: MessageView) => (m.attachments ?? []).every((a) => TERMINAL.has(a.state));

/** Where the files go: --out or the profile's downloads folder. An existing path that is not a folder is refused now, before any waiting. */
async function targetFolder(ctx: CommandContext, outDir: string | undefined): Promise<string> {
  const dir = outDir !== undefined ? path.resolve(outDir) : path.join(ctx.profileDir, DOWNLOADS_FOLDER);
  const stat = await fs.stat(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw folderError(dir, err, outDir !== undefined);
  });
  if (stat !== undefined && !stat.isDirectory()) throw new CliError(`Cannot write to ${JSON.stringify(dir)}: it is not a folder.`, outDir !== undefined ? 2 : 1);
  return dir;
}

function folderError(dir: string, err: NodeJS.ErrnoException, given: boolean): CliError {
  const why = err.code === 'ENOTDIR' || err.code === 'EEXIST' ? 'it is not a folder' : err.code === 'EACCES' ? 'permission denied' : err.message;
  return new CliError(`Cannot write to ${JSON.stringify(dir)}: ${why}.`, given ? 2 : 1);
}

/** Creates the folder (and its parents) when missing, once there is something to write. */
async function ensureFolder(dir: string, given: boolean): Promise<void> {
  try {
    // Decrypted copies are private: a folder this command creates is the user's alone.
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw folderError(dir, err as NodeJS.ErrnoException, given);
  }
}

/** The message as the backend has it now (events only wake us; this read is the truth). */
async function currentState(ctx: CommandContext, m: MessageView): Promise<MessageView> {
  const page = await ctx.client.call('messages.page', { conversationId: m.conversationId, around: m.id, limit: 1 });
  return page.messages.find((x) => x.id === m.id) ?? m;
}

/** Reads one downloaded attachment from the backend into a new file in `dir`; returns its record. */
async function writeAttachment(ctx: CommandContext, dir: string, messageId: string, a: AttachmentView) {
  const file = await createPendingFile(dir);
  try {
    const hash = createHash('sha256');
    let offset = 0;
    let contentType = a.contentType;
    for (;;) {
      const chunk = await ctx.client.call('attachments.read', { messageId, index: a.index, offset });
      const bytes = Buffer.from(chunk.dataBase64, 'base64');
      contentType = chunk.contentType;
      if (bytes.length > 0) {
        await file.write(bytes);
        hash.update(bytes);
        offset += bytes.length;
      }
      if (offset >= chunk.total) break;
      if (bytes.length === 0) throw new CliError(`Attachment ${a.index} of message ${messageId} ended early (${offset} of ${chunk.total} bytes).`);
    }
    const written = await file.commit(fileNameForSave(a.fileName, contentType));
    return { messageId, index: a.index, path: written, fileName: a.fileName ?? null, contentType, size: offset, sha256: hash.digest('hex') };
  } catch (err) {
    await file.discard();
    throw err;
  }
}

const describe = (a: AttachmentView) => `attachment ${a.index}${a.fileName !== undefined ? ` (${a.fileName})` : ''}`;

export async function runDownload(ctx: CommandContext, cmd: DownloadCommandArgs): Promise<void> {
  await requireAccount(ctx);
  const dir = await targetFolder(ctx, cmd.outDir);
  let wake: (() => void) | undefined;
  // Subscribed before asking, so no progress is missed between the answer and the wait.
  const off = ctx.client.on('messages.updated', ({ messages }) => {
    if (messages.some((m) => m.id === cmd.messageId)) wake?.();
  });
  let message: MessageView;
  try {
    message = await ctx.client.call('attachments.download', { messageId: cmd.messageId });
    if ((message.attachments ?? []).length === 0) throw new CliError(`Message ${cmd.messageId} has no attachments.`);
    const deadline = ctx.now() + ctx.waitMs;
    if (!allTerminal(message)) ctx.out.progress(`Downloading ${message.attachments!.length === 1 ? 'the attachment' : `${message.attachments!.length} attachments`}...`);
    while (!allTerminal(message) && ctx.now() < deadline) {
      // Events wake us early; the poll interval covers an update that raced the first answer.
      await sleepOrWake(ctx, Math.min(ctx.pollMs, deadline - ctx.now()), (w) => {
        wake = w;
        return () => (wake = undefined);
      });
      message = await currentState(ctx, message);
    }
  } finally {
    off();
  }

  const attachments = [...message.attachments!].sort((a, b) => a.index - b.index);
  const ready = attachments.filter((x) => x.state === 'downloaded');
  if (ready.length > 0) await ensureFolder(dir, cmd.outDir !== undefined);
  const records = [];
  for (const a of ready) records.push(await writeAttachment(ctx, dir, message.id, a));
  ctx.out.records(records, COLUMNS);

  const problems = attachments
    .filter((a) => a.state !== 'downloaded')
    .map((a) =>
      a.state === 'expired'
        ? `${describe(a)} has expired: the file server no longer has it`
        : a.state === 'failed'
          ? `${describe(a)} could not be downloaded: ${(a.error ?? 'unknown error').replace(/\.$/, '')}`
          : `${describe(a)} was not downloaded within ${Math.round(ctx.waitMs / 1000)} s (${a.state}); the download goes on the next time this profile is opened`,
    );
  if (problems.length > 0) throw new CliError(`${problems.join('; ')}.`);
}
