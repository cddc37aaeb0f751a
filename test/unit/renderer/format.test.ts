// Conversation-list formatting: activity time buckets, shortened IDs, initials, colour choice.
import { colorIndexFor, formatActivityTime, initialsOf, shortenId } from '../../../ts/renderer/theme/format';

describe('formatActivityTime', () => {
  const now = new Date(2026, 2, 10, 15, 30).getTime(); // Tue 10 Mar 2026, 15:30 local

  it('shows the time for today, weekday and time within a week, the date otherwise', () => {
    expect(formatActivityTime(new Date(2026, 2, 10, 9, 5).getTime(), now, 'en-GB')).toBe('09:05');
    expect(formatActivityTime(new Date(2026, 2, 8, 9, 5).getTime(), now, 'en-GB')).toBe('Sun 09:05');
    expect(formatActivityTime(new Date(2026, 1, 3, 9, 5).getTime(), now, 'en-US')).toBe('Feb 3, 2026');
    // The future (a skewed clock) is shown as a date, never as "today".
    expect(formatActivityTime(new Date(2026, 2, 10, 18, 0).getTime(), now, 'en-US')).toBe('Mar 10, 2026');
  });
});

describe('ids and avatars', () => {
  const id = '05' + '1234567890abcdef'.repeat(4);
  it('shortens IDs and derives initials', () => {
    expect(shortenId(id)).toBe('051234…cdef');
    expect(initialsOf('Alice Baker', id)).toBe('AB');
    expect(initialsOf('bob', id)).toBe('BO');
    expect(initialsOf(undefined, id)).toBe('12');
  });
  it('picks a stable colour index in range', () => {
    expect(colorIndexFor(id, 7)).toBe(colorIndexFor(id, 7));
    expect(colorIndexFor(id, 7)).toBeGreaterThanOrEqual(0);
    expect(colorIndexFor(id, 7)).toBeLessThan(7);
  });
});
