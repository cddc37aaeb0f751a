// The unread badge: which conversations count, the two-second throttle, and the dot painted on icons.
import type { ConversationSummary } from '../../../ts/ipc/contract';
import { createBadgeUpdater, trayTooltip, unreadTotal, withUnreadDot } from '../../../main/badge';

function c(id: string, unreadCount: number, over: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id,
    kind: 'private',
    isApproved: true,
    isRequest: false,
    isBlocked: false,
    unreadCount,
    updatedAt: 1,
    ...over,
  };
}

describe('unread total (spec/ui.md §9.5)', () => {
  it('counts visible, unmuted, accepted conversations only', () => {
    expect(
      unreadTotal([
        c('a', 2),
        c('b', 3, { notificationMode: 'all' }),
        c('muted', 5, { notificationMode: 'mute' }),
        c('request', 7, { isRequest: true, isApproved: false }),
        c('blocked', 11, { isBlocked: true }),
      ]),
    ).toBe(5);
    expect(unreadTotal([])).toBe(0);
  });
});

describe('badge throttle', () => {
  function setup() {
    let clock = 0;
    const applied: number[] = [];
    const timers: Array<{ fn: () => void; at: number }> = [];
    const badge = createBadgeUpdater({
      apply: (n) => applied.push(n),
      now: () => clock,
      setTimer: (fn, ms) => timers.push({ fn, at: clock + ms }),
      clearTimer: () => timers.splice(0),
    });
    const advance = (ms: number) => {
      clock += ms;
      const due = timers.filter((x) => x.at <= clock);
      timers.splice(0, timers.length, ...timers.filter((x) => x.at > clock));
      for (const t of due) t.fn();
    };
    return { badge, applied, advance, timers };
  }

  it('applies the first change at once, then at most every 2 s with the latest total', () => {
    const s = setup();
    s.badge.set(1);
    expect(s.applied).toEqual([1]);
    s.badge.set(2);
    s.badge.set(3);
    expect(s.applied).toEqual([1]);
    s.advance(1_999);
    expect(s.applied).toEqual([1]);
    s.advance(1);
    expect(s.applied).toEqual([1, 3]);
    // Quiet for a while: the next change shows at once.
    s.advance(5_000);
    s.badge.set(0);
    expect(s.applied).toEqual([1, 3, 0]);
  });

  it('skips a total that is already shown, and stops after dispose', () => {
    const s = setup();
    s.badge.set(4);
    s.advance(3_000);
    s.badge.set(4);
    expect(s.applied).toEqual([4]);
    s.badge.set(5);
    s.badge.dispose();
    s.badge.set(6);
    s.advance(10_000);
    expect(s.applied).toEqual([4, 5]);
  });
});

describe('tray tooltip and unread dot', () => {
  it('names the unread total in the tooltip', () => {
    expect(trayTooltip(0)).toBe('Session');
    expect(trayTooltip(12)).toBe('Session - 12 unread');
  });

  it('paints an opaque red dot in the top-right corner only, on a copy', () => {
    const w = 32;
    const src = new Uint8Array(w * w * 4).fill(0x10);
    const out = withUnreadDot(src, w, w);
    const px = (x: number, y: number) => Array.from(out.slice((y * w + x) * 4, (y * w + x) * 4 + 4));
    expect(px(w - 5, 4)).toEqual([0x3a, 0x3a, 0xff, 0xff]);
    expect(px(2, w - 3)).toEqual([0x10, 0x10, 0x10, 0x10]);
    expect(px(0, 0)).toEqual([0x10, 0x10, 0x10, 0x10]);
    expect(src.every((b) => b === 0x10)).toBe(true);
  });
});
