// Shows the quit-time wait for queued follow-ups (sync copies, settings updates, request responses; issue 14)
// where the user sees it, so a quit that takes a few seconds does not look like a hang: the window's title,
// its taskbar/dock progress and the tray tooltip, from the backend's close progress until the wait ends.
// Main-process strings are English literals, as in menu.ts and tray.ts (the renderer's locales are not
// reachable from main).

/** What of the main window the display needs (a BrowserWindow). */
export interface QuitProgressWindow {
  isDestroyed(): boolean;
  setTitle(title: string): void;
  setProgressBar(progress: number): void;
}

export interface QuitProgressDeps {
  /** The main window, or null once it is gone. */
  window: () => QuitProgressWindow | null;
  /** The tray's passing status (main/tray.ts); absent without a tray. */
  tray?: { setStatus(text: string | null): void };
  /** The window's usual title (windowTitle(network)), put back when the wait ends. */
  baseTitle: string;
  /** The bound of the wait, for the progress fraction. */
  drainMs: number;
  platform: NodeJS.Platform;
}

export interface QuitProgress {
  /** The backend's close still waits for `pending` follow-ups after `elapsedMs`. */
  update(pending: number, elapsedMs: number): void;
  /** The wait is over (settled, bound reached, or given up): title, progress and tooltip back to normal. */
  done(): void;
}

/** "sending 2 queued messages before quitting…" (the follow-ups are messages to the network). */
export function quitProgressText(pending: number): string {
  return `sending ${pending} queued ${pending === 1 ? 'message' : 'messages'} before quitting…`;
}

/** The window title and tray tooltip during the wait: "Session – sending 2 queued messages before quitting…". */
export function quitProgressTitle(baseTitle: string, pending: number): string {
  return `${baseTitle} – ${quitProgressText(pending)}`;
}

/**
 * The taskbar/dock progress value: indeterminate on Windows (a value above 1), where the bar would otherwise
 * suggest a transfer that gets done at 100 %; elsewhere the share of the bound already waited (the dock and
 * Unity launcher have no indeterminate mode).
 */
export function quitProgressValue(platform: NodeJS.Platform, elapsedMs: number, drainMs: number): number {
  if (platform === 'win32') return 2;
  if (!(drainMs > 0)) return 1;
  return Math.min(1, Math.max(0, elapsedMs / drainMs));
}

/** Electron's value that removes the progress bar. */
export const NO_PROGRESS = -1;

export function createQuitProgress(deps: QuitProgressDeps): QuitProgress {
  let shown = false;
  let over = false;
  const liveWindow = (): QuitProgressWindow | null => {
    const win = deps.window();
    return win && !win.isDestroyed() ? win : null;
  };
  const clear = (): void => {
    if (!shown) return;
    shown = false;
    const win = liveWindow();
    if (win) {
      win.setProgressBar(NO_PROGRESS);
      win.setTitle(deps.baseTitle);
    }
    deps.tray?.setStatus(null);
  };
  return {
    update(pending, elapsedMs) {
      // A late report (the host gave up waiting for the close) must not bring the display back.
      if (over) return;
      if (!(pending > 0)) {
        clear();
        return;
      }
      shown = true;
      const title = quitProgressTitle(deps.baseTitle, pending);
      const win = liveWindow();
      if (win) {
        win.setTitle(title);
        win.setProgressBar(quitProgressValue(deps.platform, elapsedMs, deps.drainMs));
      }
      deps.tray?.setStatus(title);
    },
    done() {
      over = true;
      clear();
    },
  };
}
