// The timeline's pure rules: separators, unread line and series; emoji-only sizes; code points;
// placeholder text; relative separator dates around "now" (local time, like the UI).
import type { MessageView } from '../../../ts/ipc/contract';
import { en } from '../../../ts/renderer/locales/en';
import {
  buildRows,
  codePointLength,
  emojiSizeOf,
  formatSeparatorDate,
  unsupportedText,
} from '../../../ts/renderer/components/conversation/timelineRows';

const MIN = 60_000;
const ME = '05' + 'a1'.repeat(32);
const BOB = '05' + 'b2'.repeat(32);

function m(id: string, timestamp: number, sender = BOB): MessageView {
  return {
    id,
    conversationId: BOB,
    sender,
    direction: sender === ME ? 'outgoing' : 'incoming',
    text: id,
    timestamp,
    receivedAt: timestamp,
    status: sender === ME ? 'sent' : 'received',
  };
}

describe('buildRows', () => {
  it('puts separators at gaps over 5 minutes, the unread line at the first unread, and breaks series at both', () => {
    const rows = buildRows(
      [m('a', 0), m('b', 5 * MIN), m('c', 10 * MIN + 1), m('d', 11 * MIN, ME), m('e', 12 * MIN, ME), m('f', 13 * MIN, ME)],
      'e',
    );
    expect(rows.map((r) => r.separator)).toEqual([true, false, true, false, false, false]);
    expect(rows.map((r) => r.unreadLine)).toEqual([false, false, false, false, true, false]);
    expect(rows.map((r) => r.firstInSeries)).toEqual([true, false, true, true, true, false]);
    expect(rows.map((r) => r.lastInSeries)).toEqual([false, true, true, true, false, true]);
    // Only the most recent outgoing message shows "Sent".
    expect(rows.map((r) => r.showSent)).toEqual([false, false, false, false, false, true]);
    // Drawn: the conversation's first message dates itself; every other separator hangs below the row before it.
    expect(rows.map((r) => r.topSeparator)).toEqual([true, false, false, false, false, false]);
    expect(rows.map((r) => r.separatorBelow)).toEqual([undefined, 10 * MIN + 1, undefined, undefined, undefined, undefined]);
  });

  it('draws nothing that depends on the row before: an older page arriving leaves the measured rows as they were', () => {
    const b = m('b', 20 * MIN);
    const c = m('c', 21 * MIN, ME);
    const first = buildRows([b, c], undefined, undefined, true);
    // Older messages exist: what comes before "b" is unknown, so no separator is drawn on it yet.
    expect(first.map((r) => [r.topSeparator, r.separatorBelow])).toEqual([
      [false, undefined],
      [false, undefined],
    ]);
    // The older page: with a gap before "b", the separator is drawn at the bottom of "a", a new row...
    const a = m('a', 0);
    const withGap = buildRows([a, b, c], undefined, first, false);
    expect(withGap.map((r) => [r.topSeparator, r.separatorBelow])).toEqual([
      [true, 20 * MIN],
      [false, undefined],
      [false, undefined],
    ]);
    // ...and "b" and "c" are drawn as before (their semantic flags may change, what is drawn does not).
    for (const i of [1, 2]) {
      expect(withGap[i]!.topSeparator).toBe(first[i - 1]!.topSeparator);
      expect(withGap[i]!.separatorBelow).toBe(first[i - 1]!.separatorBelow);
      expect(withGap[i]!.lastInSeries).toBe(first[i - 1]!.lastInSeries);
    }
    // Without a gap, "a" and "b" make one series: the gap below "a" is the small one.
    const near = buildRows([m('a', 19 * MIN), b, c], undefined, first, false);
    expect(near[0]!.lastInSeries).toBe(false);
    expect(near[1]!.lastInSeries).toBe(first[0]!.lastInSeries);
  });

  it('keeps the row objects of the previous build that did not change, and only those', () => {
    const b = m('b', 5 * MIN);
    const c = m('c', 6 * MIN);
    const d = m('d', 7 * MIN, ME);
    const first = buildRows([b, c, d], undefined);
    // An older page arrives: "b" now continues the series of "a" (no separator, not first in series).
    const a = m('a', 4 * MIN);
    const second = buildRows([a, b, c, d], undefined, first);
    expect(second[1]).not.toBe(first[0]);
    expect(second[1]!.separator).toBe(false);
    expect(second[1]!.firstInSeries).toBe(false);
    expect(second[2]).toBe(first[1]);
    expect(second[3]).toBe(first[2]);
    // A changed message (new status) gets a new row; a new outgoing message takes "Sent" from the last one.
    const dRead = { ...d, status: 'read' as const };
    const e = m('e', 8 * MIN, ME);
    const third = buildRows([a, b, c, dRead, e], undefined, second);
    expect(third.slice(0, 3)).toEqual(second.slice(0, 3));
    expect(third[0]).toBe(second[0]);
    expect(third[2]).toBe(second[2]);
    expect(third[3]).not.toBe(second[3]);
    expect(third[3]!.m.status).toBe('read');
    expect(third[3]!.showSent).toBe(false);
    expect(third[4]!.showSent).toBe(true);
    // Rows built with or without the previous build are equal in value.
    expect(third).toEqual(buildRows([a, b, c, dRead, e], undefined));
  });
});

describe('emojiSizeOf', () => {
  it.each([
    ['😀', 'jumbo'],
    ['😀 😀', 'jumbo'],
    ['👨‍👩‍👧🇫🇷', 'jumbo'],
    ['❤️👍🏽😀', 'large'],
    ['😀😀😀😀', 'large'],
    ['😀😀😀😀😀', 'medium'],
    ['😀😀😀😀😀😀', 'medium'],
    ['😀😀😀😀😀😀😀', undefined],
    ['hi 😀', undefined],
    ['😀x', undefined],
    ['🏴󠁧󠁢󠁳󠁣󠁴󠁿', 'jumbo'],
    ['1️⃣', undefined],
    ['1', undefined],
    ['#', undefined],
    ['', undefined],
    ['   ', undefined],
  ])('%j -> %s', (text, size) => {
    expect(emojiSizeOf(text)).toBe(size);
  });
});

it('counts code points, not UTF-16 units', () => {
  expect(codePointLength('abc')).toBe(3);
  expect(codePointLength('😀😀')).toBe(2);
  expect('😀😀'.length).toBe(4);
  expect(codePointLength('👍🏽')).toBe(2);
});

it('names the parts it cannot show, once each', () => {
  expect(unsupportedText([])).toBe(en.tlUnsupported);
  const text = unsupportedText(['attachments', 'quote', 'attachments']);
  expect(text.startsWith(en.tlUnsupported)).toBe(true);
  expect(text.match(new RegExp(en.tlPartAttachments, 'g'))).toHaveLength(1);
  expect(text).toContain(en.tlPartQuote);
});

describe('formatSeparatorDate', () => {
  const now = new Date(2026, 0, 15, 12, 0).getTime(); // a Thursday
  it('says today, yesterday, or last weekday within 7 days, else the full date', () => {
    expect(formatSeparatorDate(new Date(2026, 0, 15, 9, 5).getTime(), now, 'en-US')).toBe('Today at 9:05 AM');
    expect(formatSeparatorDate(new Date(2026, 0, 14, 16, 10).getTime(), now, 'en-US')).toBe('Yesterday at 4:10 PM');
    expect(formatSeparatorDate(new Date(2026, 0, 10, 8, 0).getTime(), now, 'en-US')).toBe('Last Saturday at 8:00 AM');
    expect(formatSeparatorDate(new Date(2026, 0, 9, 8, 0).getTime(), now, 'en-US')).toBe('Last Friday at 8:00 AM');
    const old = formatSeparatorDate(new Date(2026, 0, 8, 8, 0).getTime(), now, 'en-US');
    expect(old).toContain('January 8, 2026');
    // A clock ahead of ours: the full date, never "Today".
    expect(formatSeparatorDate(new Date(2026, 0, 15, 13, 0).getTime(), now, 'en-US')).toContain('2026');
  });
});
