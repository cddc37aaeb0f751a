// "Save as" for a received attachment in the Electron app: the backend names the file (made safe) and
// gives its decrypted bytes in chunks; this asks where with the native Save dialog, offering a free name in
// the Downloads folder, and writes the bytes there. The dialog asks before replacing an existing file.
import path from 'node:path';
import type { BaseWindow, Dialog, SaveDialogOptions } from 'electron';
import type { AttachmentSaveResult, BackendHandlers } from '../ts/ipc/contract';
import { freeFileName, splitExtension } from '../ts/backend/media/fileNames';

export const SAVE_ATTACHMENT_TITLE = 'Save attachment';

export interface SaveAttachmentDeps {
  dialog: Pick<Dialog, 'showSaveDialog'>;
  parentWindow: () => BaseWindow | null;
  /** The user's Downloads folder (app.getPath('downloads')). */
  downloadsDir: string;
  handlers: Pick<BackendHandlers, 'attachments.save' | 'attachments.read'>;
  writeFile: (file: string, bytes: Uint8Array) => Promise<void>;
  /** Whether a path exists (to offer a name not taken yet). */
  exists: (file: string) => boolean;
}

export function saveAttachmentDialogOptions(downloadsDir: string, fileName: string, exists: (file: string) => boolean): SaveDialogOptions {
  const ext = splitExtension(fileName)[1].slice(1);
  return {
    title: SAVE_ATTACHMENT_TITLE,
    defaultPath: path.join(downloadsDir, freeFileName(downloadsDir, fileName, exists)),
    ...(ext !== '' ? { filters: [{ name: ext.toUpperCase(), extensions: [ext] }] } : {}),
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

/** Asks where to save the attachment and writes it there; resolves to what happened. Read and write errors reject. */
export async function saveAttachment(deps: SaveAttachmentDeps, p: { messageId: string; index: number }): Promise<AttachmentSaveResult> {
  // The backend checks the attachment is here and names it; anything but a name already says what happened.
  const named = await deps.handlers['attachments.save'](p);
  if (named.outcome !== 'renderer') return named;
  const options = saveAttachmentDialogOptions(deps.downloadsDir, named.fileName, deps.exists);
  const parent = deps.parentWindow();
  const choice = parent ? await deps.dialog.showSaveDialog(parent, options) : await deps.dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return { outcome: 'cancelled' };
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const chunk = await deps.handlers['attachments.read']({ ...p, offset });
    const data = Buffer.from(chunk.dataBase64, 'base64');
    parts.push(data);
    offset += data.length;
    if (offset >= chunk.total || data.length === 0) break;
  }
  await deps.writeFile(choice.filePath, Buffer.concat(parts));
  return { outcome: 'saved', path: choice.filePath };
}
