// Opens web links in the system browser, but only after the user confirms a native "Open URL"
// dialog (spec/ui.md §8.10): a link in a message must never open by itself.
import type { BaseWindow, Clipboard, Dialog, MessageBoxOptions, Shell } from 'electron';
import { isExternalWebUrl } from './security';

export interface ExternalLinkDeps {
  dialog: Pick<Dialog, 'showMessageBox'>;
  shell: Pick<Shell, 'openExternal'>;
  clipboard: Pick<Clipboard, 'writeText'>;
  /** The window the dialog is modal to, when there is one. */
  parentWindow: () => BaseWindow | null;
  log: (message: string) => void;
}

const OPEN = 0;
const COPY = 1;
const CANCEL = 2;

export function openUrlDialogOptions(url: string): MessageBoxOptions {
  return {
    type: 'warning',
    title: 'Open URL',
    message: 'Are you sure you want to open this URL in your browser?',
    detail: url,
    buttons: ['Open', 'Copy URL', 'Cancel'],
    defaultId: CANCEL,
    cancelId: CANCEL,
    noLink: true,
  };
}

/** Asks, then opens (or copies) the URL. Resolves to what happened, for tests and logs. */
export async function confirmAndOpenExternal(url: string, deps: ExternalLinkDeps): Promise<'opened' | 'copied' | 'cancelled' | 'refused'> {
  if (!isExternalWebUrl(url)) {
    // Only the scheme is logged: a URL can carry private data.
    deps.log(`external link refused: unsupported scheme ${schemeOf(url)}`);
    return 'refused';
  }
  const parsed = new URL(url);
  // "https://getsession.org@evil.test/" reads as getsession.org but goes to evil.test: never offered
  // (the page does not make such URLs into links either, ts/ipc/links.ts).
  if (parsed.username !== '' || parsed.password !== '') {
    deps.log('external link refused: it names a user or password before its host');
    return 'refused';
  }
  // What the dialog shows is exactly what opens: the parsed form (lower-case host, encoded spaces and controls).
  const target = parsed.href;
  const parent = deps.parentWindow();
  const options = openUrlDialogOptions(target);
  const { response } = parent ? await deps.dialog.showMessageBox(parent, options) : await deps.dialog.showMessageBox(options);
  if (response === OPEN) {
    await deps.shell.openExternal(target);
    return 'opened';
  }
  if (response === COPY) {
    deps.clipboard.writeText(target);
    return 'copied';
  }
  return 'cancelled';
}

function schemeOf(url: string): string {
  const m = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  return m ? m[1].toLowerCase() : '(none)';
}
