// Height estimates for the virtualized timeline's rows. Rows of one shape (direction, place in their
// series, status line, separators, unread line, how many lines their text takes) measure the same, so
// once one of them is measured its height is the estimate for the others. A row drawn where it then
// measures needs no scroll correction: each correction was a synchronous scroll and a re-render, for
// each row mounted above the view, by the dozen on every frame of a fast scroll up.
import type { TimelineRow } from './timelineRows';

/** The estimate of a row whose shape has not been measured yet (or whose height depends on more). */
export const DEFAULT_ROW_HEIGHT = 56;
/** Characters taken as one line when classing texts by length (any timeline is wider than this). */
const CHARS_PER_LINE_CLASS = 40;
/** Texts of more lines than this all share one class (their rows are corrected when measured). */
const MAX_LINE_CLASS = 30;
/** Short texts without a letter or digit may be emoji-only (drawn larger): each length is its own class. */
const MAYBE_EMOJI_MAX_LENGTH = 30;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** The text's class: estimated lines, or a class per length for short texts that may be emoji only. */
function textClass(text: string): number {
  if (text.length <= MAYBE_EMOJI_MAX_LENGTH && !LETTER_OR_DIGIT.test(text)) return MAX_LINE_CLASS + 1 + text.length;
  let lines = 0;
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    lines += Math.max(1, Math.ceil((end - start) / CHARS_PER_LINE_CLASS));
    if (nl < 0 || lines >= MAX_LINE_CLASS) break;
    start = nl + 1;
  }
  return Math.min(lines, MAX_LINE_CLASS);
}

/**
 * A number naming the row's shape, or undefined when its height depends on more than the shape says
 * (pictures, files, quotes, previews, reactions, control messages, deleted ones, invitations, pins,
 * timers, placeholders): those keep the default estimate.
 */
export function rowShape(row: TimelineRow): number | undefined {
  const m = row.m;
  if (
    m.attachments?.length ||
    m.quote ||
    m.preview ||
    m.reactions?.length ||
    m.control ||
    m.deleted ||
    m.communityInvitation ||
    m.unsupported?.length ||
    m.pinned ||
    m.expiration
  ) {
    return undefined;
  }
  const outgoing = m.direction === 'outgoing';
  // The status line under an outgoing message: sending, failed (with Retry), or sent/read on the last one.
  const status = !outgoing ? 0 : m.status === 'sending' ? 1 : m.status === 'failed' ? 2 : row.showSent ? 3 : 0;
  const flags =
    (outgoing ? 1 : 0) |
    (row.firstInSeries ? 2 : 0) |
    (row.lastInSeries ? 4 : 0) |
    (row.topSeparator ? 8 : 0) |
    (row.separatorBelow !== undefined ? 16 : 0) |
    (row.unreadLine ? 32 : 0) |
    (status << 6);
  return flags | (textClass(m.text) << 8);
}

/**
 * Heights learnt per shape, for one conversation's timeline. A row keeps the estimate it was first
 * given: a row placed by its estimate and not drawn yet must not move when a shape is learnt later (the
 * rows below it would shift on screen with nothing to correct them), so learnt heights serve the rows
 * that arrive afterwards (older pages as the user scrolls up).
 */
export class RowHeightEstimates {
  private readonly byShape = new Map<number, number>();
  private readonly given = new Map<string, number>();

  /** The row's estimated height (px). */
  estimate(row: TimelineRow | undefined): number {
    if (!row) return DEFAULT_ROW_HEIGHT;
    const known = this.given.get(row.m.id);
    if (known !== undefined) return known;
    const shape = rowShape(row);
    const estimate = (shape === undefined ? undefined : this.byShape.get(shape)) ?? DEFAULT_ROW_HEIGHT;
    this.given.set(row.m.id, estimate);
    return estimate;
  }

  /**
   * Notes a drawn row's measured height. The first measurement of a shape is kept, so the estimate a
   * shape gives does not drift (a row of that shape measured otherwise is corrected as before).
   */
  learn(row: TimelineRow | undefined, height: number): void {
    if (!row || !(height > 0)) return;
    const shape = rowShape(row);
    if (shape !== undefined && !this.byShape.has(shape)) this.byShape.set(shape, height);
  }
}
