// The unread total as the dock/taskbar badge and on the tray icon (spec/ui.md §9.5): the sum over
// visible, unmuted, accepted conversations (message requests and blocked contacts do not count),
// applied at most every two seconds so a burst of messages does not flicker the dock.
import type { ConversationSummary } from '../ts/ipc/contract';

/** Unread messages that count for the badge. */
export function unreadTotal(conversations: Iterable<ConversationSummary>): number {
  let total = 0;
  for (const c of conversations) {
    if (c.isRequest || c.isBlocked || c.notificationMode === 'mute') continue;
    total += Math.max(0, c.unreadCount);
  }
  return total;
}

export interface BadgeDeps {
  /** Shows the total (0 clears it): the dock/taskbar badge, the tray icon and tooltip. */
  apply: (total: number) => void;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  now: () => number;
  /** Least time between two applications (default 2 s, as the official app). */
  intervalMs?: number;
}

export interface BadgeUpdater {
  /** Asks for `total` to be shown: at once when the last change is old enough, else at the end of the interval. */
  set(total: number): void;
  dispose(): void;
}

export function createBadgeUpdater(deps: BadgeDeps): BadgeUpdater {
  const interval = deps.intervalMs ?? 2_000;
  let shown: number | undefined;
  let wanted = 0;
  let lastApplied = -Infinity;
  let timer: unknown;
  let disposed = false;
  const flush = (): void => {
    timer = undefined;
    if (disposed || wanted === shown) return;
    shown = wanted;
    lastApplied = deps.now();
    deps.apply(wanted);
  };
  return {
    set(total) {
      if (disposed) return;
      wanted = total;
      if (timer !== undefined) return;
      const wait = lastApplied + interval - deps.now();
      if (wait <= 0) flush();
      else timer = deps.setTimer(flush, wait);
    },
    dispose() {
      disposed = true;
      if (timer !== undefined) deps.clearTimer(timer);
      timer = undefined;
    },
  };
}

/** Short tooltip for the tray icon: "Session", or "Session - N unread". */
export function trayTooltip(total: number): string {
  return total > 0 ? `Session - ${total} unread` : 'Session';
}

/**
 * Paints a filled red dot into the top-right corner of a BGRA bitmap (Electron's `toBitmap` layout), the
 * unread mark on the tray icon and the Windows taskbar overlay. Returns a new buffer; the input is kept.
 */
export function withUnreadDot(
  bitmap: Uint8Array,
  width: number,
  height: number,
  radiusFraction = 0.22,
): Uint8Array {
  const out = new Uint8Array(bitmap);
  const r = Math.max(2, Math.round(Math.min(width, height) * radiusFraction));
  const cx = width - r - 0.5;
  const cy = r - 0.5;
  for (let y = 0; y < Math.min(height, 2 * r + 1); y++) {
    for (let x = Math.max(0, width - 2 * r - 1); x < width; x++) {
      const dx = x - cx;
      const dy = y - cy;
      if (dx * dx + dy * dy > r * r) continue;
      const i = (y * width + x) * 4;
      // BGRA: #FF3A3A, opaque.
      out[i] = 0x3a;
      out[i + 1] = 0x3a;
      out[i + 2] = 0xff;
      out[i + 3] = 0xff;
    }
  }
  return out;
}
