// "Export Logs" in the Electron app (spec/ui.md §1.1 item 4): the backend's export (application-info
// block, then the kept log lines) goes to a file the user picks in a native Save dialog titled
// "Save debug log", offered on the Desktop as session_debug_<timestamp>.txt.
import path from 'node:path';
import type { BaseWindow, Dialog, SaveDialogOptions } from 'electron';
import type { DebugLogExport } from '../ts/ipc/contract';

export const SAVE_DEBUG_LOG_TITLE = 'Save debug log';

export interface SaveDebugLogDeps {
  dialog: Pick<Dialog, 'showSaveDialog'>;
  /** The window the dialog belongs to, when there is one. */
  parentWindow: () => BaseWindow | null;
  /** The user's Desktop folder (app.getPath('desktop')). */
  desktopDir: string;
  /** The backend's export (app.exportDebugLog). */
  exportLog: () => Promise<DebugLogExport> | DebugLogExport;
  /** Writes the file (readable by the user only: the log is private until they share it). */
  writeFile: (file: string, text: string) => Promise<void>;
}

export function saveDebugLogDialogOptions(desktopDir: string, fileName: string): SaveDialogOptions {
  return {
    title: SAVE_DEBUG_LOG_TITLE,
    defaultPath: path.join(desktopDir, fileName),
    filters: [{ name: 'Text', extensions: ['txt'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

/** Asks where to save the log and writes it there; resolves to what happened. Write errors reject. */
export async function saveDebugLog(deps: SaveDebugLogDeps): Promise<DebugLogExport> {
  const exported = await deps.exportLog();
  // Only text can be saved; anything else already says what happened.
  if (exported.outcome !== 'text') return exported;
  const options = saveDebugLogDialogOptions(deps.desktopDir, exported.fileName);
  const parent = deps.parentWindow();
  const choice = parent ? await deps.dialog.showSaveDialog(parent, options) : await deps.dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return { outcome: 'cancelled' };
  await deps.writeFile(choice.filePath, exported.text);
  return { outcome: 'saved', path: choice.filePath };
}
