// One app instance per profile (spec/ui.md §9.5): a second launch hands over to the first, which
// brings its window to the front, and then exits.
import type { App } from 'electron';

export interface FocusableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/** Shows, restores and focuses the window; no-op when there is none (yet). */
export function bringToFront(win: FocusableWindow | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

/**
 * Takes the single-instance lock. Returns false when another instance holds it: the caller must quit
 * without opening anything. Otherwise later launches focus `currentWindow()`.
 */
export function claimSingleInstance(app: Pick<App, 'requestSingleInstanceLock' | 'on'>, currentWindow: () => FocusableWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => bringToFront(currentWindow()));
  return true;
}
