// Pure rules of the timeline (spec/ui.md §4.2, §4.3, §4.7): which rows get a date separator or the
// unread line, how senders group into series, emoji-only sizing, the composer's code-point limit, and
// the separator's relative date. "now" and the locale are parameters, so every rule has a plain test.
import type { MessageView, UnsupportedPart } from '../../../ipc/contract';
import type { LocaleKey } from '../../locales/en';
import { t } from '../../locales/i18n';
import { dateTimeFormat, graphemeSegmenter, listFormat } from '../../theme/intlCache';

/** Messages further apart than this get a date separator between them. */
export const SEPARATOR_GAP_MS = 5 * 60 * 1000;
/** The composer's limit in Unicode code points (non-Pro). */
export const MAX_MESSAGE_CODE_POINTS = 2000;
/** The counter appears when this many code points or fewer remain. */
export const COUNTER_THRESHOLD = 200;
/** Longer messages are clamped with "Read more". */
export const READ_MORE_LINES = 25;

export interface TimelineRow {
  m: MessageView;
  /** A date separator precedes the message (a gap before it, or nothing known before it). */
  separator: boolean;
  /**
   * Draw that separator at the top of this row: only for the conversation's first message. Every other
   * separator is drawn at the bottom of the row before it (`separatorBelow`), so a row's height depends
   * only on itself and the row after it: a page of older messages arriving above never changes the
   * height of a row already measured, and the row in view cannot move when it lands.
   */
  topSeparator: boolean;
  /** The timestamp for a separator drawn at the bottom of this row (the next message's), if one is due. */
  separatorBelow: number | undefined;
  /** Show the "Unread messages" line above the message. */
  unreadLine: boolean;
  /** The first / last message of a series from one sender. */
  firstInSeries: boolean;
  lastInSeries: boolean;
  /** The most recent outgoing message shows "Sent". */
  showSent: boolean;
}

function sameRow(p: TimelineRow, r: TimelineRow): boolean {
  return (
    p.m === r.m &&
    p.separator === r.separator &&
    p.topSeparator === r.topSeparator &&
    p.separatorBelow === r.separatorBelow &&
    p.unreadLine === r.unreadLine &&
    p.firstInSeries === r.firstInSeries &&
    p.lastInSeries === r.lastInSeries &&
    p.showSent === r.showSent
  );
}

/**
 * The rows of a list of messages (`hasOlder`: older messages exist before the first one, not loaded).
 * Given the rows of the previous build, a row whose message and flags are unchanged is that same
 * object, so memoized row components skip rendering when a page of older messages or a new message
 * arrives (only rows whose neighbours changed are new).
 */
export function buildRows(
  messages: readonly MessageView[],
  firstUnreadId: string | undefined,
  previous?: readonly TimelineRow[],
  hasOlder = false,
): TimelineRow[] {
  let lastOutgoing = -1;
  messages.forEach((m, i) => {
    if (m.direction === 'outgoing') lastOutgoing = i;
  });
  const rows: TimelineRow[] = messages.map((m, i) => {
    const prev = messages[i - 1];
    const separator = !prev || m.timestamp - prev.timestamp > SEPARATOR_GAP_MS;
    const unreadLine = m.id === firstUnreadId;
    // A control message stands alone: the bubbles around it start and end their own series (their names and avatars show).
    const firstInSeries = separator || unreadLine || !prev || prev.sender !== m.sender || prev.control !== undefined || m.control !== undefined;
    return {
      m,
      separator,
      topSeparator: !prev && !hasOlder,
      separatorBelow: undefined,
      unreadLine,
      firstInSeries,
      lastInSeries: true,
      showSent: i === lastOutgoing,
    };
  });
  for (let i = 0; i < rows.length - 1; i++) {
    const next = rows[i + 1]!;
    rows[i]!.lastInSeries = next.firstInSeries;
    if (next.separator) rows[i]!.separatorBelow = next.m.timestamp;
  }
  if (!previous || previous.length === 0) return rows;
  const before = new Map(previous.map((r) => [r.m.id, r]));
  return rows.map((r) => {
    const p = before.get(r.m.id);
    return p && sameRow(p, r) ? p : r;
  });
}

const EMOJI_GRAPHEME = /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|\p{Emoji_Modifier}|\p{Emoji_Component}|\u200d|\ufe0f)+$/u;
const PICTOGRAPH = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

export type EmojiSize = 'jumbo' | 'large' | 'medium';

/** 1–2 emoji: jumbo, 3–4: large, 5–6: medium; anything else (text, or more emoji) is normal size. */
export function emojiSizeOf(text: string): EmojiSize | undefined {
  const compact = text.replace(/\s+/gu, '');
  // Latin letters are never part of an emoji (tag sequences use their own code points): most texts stop here.
  if (compact === '' || compact.length > 100 || /[A-Za-z]/.test(compact)) return undefined;
  const graphemes = Array.from(graphemeSegmenter().segment(compact), (s) => s.segment);
  if (!graphemes.every((g) => EMOJI_GRAPHEME.test(g) && PICTOGRAPH.test(g))) return undefined;
  const n = graphemes.length;
  return n <= 2 ? 'jumbo' : n <= 4 ? 'large' : n <= 6 ? 'medium' : undefined;
}

/** Length in Unicode code points (what the 2,000 limit counts), not UTF-16 units. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

export function lineCount(text: string): number {
  return text.split('\n').length;
}

const PART_LABELS: Record<UnsupportedPart, LocaleKey> = {
  attachments: 'tlPartAttachments',
  quote: 'tlPartQuote',
  'link-preview': 'tlPartLinkPreview',
  reaction: 'tlPartReaction',
  'expiration-timer-update': 'tlPartExpirationTimerUpdate',
  'group-update': 'tlPartGroupUpdate',
  'community-invitation': 'tlPartCommunityInvitation',
  call: 'tlPartCall',
  'data-extraction': 'tlPartDataExtraction',
  unknown: 'tlPartUnknown',
};

/** The one-line placeholder for parts this version cannot show, naming them. */
export function unsupportedText(parts: readonly UnsupportedPart[], locale?: string): string {
  const kinds = [...new Set(parts)].map((p) => t(PART_LABELS[p] ?? 'tlPartUnknown'));
  if (kinds.length === 0) return t('tlUnsupported');
  const list = listFormat(locale, { style: 'narrow', type: 'unit' }).format(kinds);
  return t('tlUnsupportedWithKinds', { placeholder: t('tlUnsupported'), kinds: list });
}

const DAY_MS = 24 * 60 * 60 * 1000;

function startOfDay(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** Date separator text: today / yesterday / last weekday within 7 days, else the full date and time. */
export function formatSeparatorDate(timestamp: number, now: number, locale?: string): string {
  const time = dateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(timestamp);
  const today = startOfDay(now);
  const day = startOfDay(timestamp);
  if (timestamp <= now && day === today) return t('tlTodayAt', { time });
  if (timestamp <= now && day >= today - 6 * DAY_MS) {
    // Calendar days, not 24 h spans: DST days are 23 or 25 hours long.
    const daysAgo = Math.round((today - day) / DAY_MS);
    if (daysAgo === 1) return t('tlYesterdayAt', { time });
    const weekday = dateTimeFormat(locale, { weekday: 'long' }).format(timestamp);
    return t('tlLastWeekdayAt', { weekday, time });
  }
  return formatFullDate(timestamp, locale);
}

/** Full date and time, e.g. for a bubble's tooltip. */
export function formatFullDate(timestamp: number, locale?: string): string {
  return dateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' }).format(timestamp);
}

/** "hh:mm d MMM, yyyy" of the Message Info panel, in the locale's own order. */
export function formatInfoDate(timestamp: number, locale?: string): string {
  const time = dateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(timestamp);
  const date = dateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' }).format(timestamp);
  return `${time} ${date}`;
}
