// Row height estimates of the virtualized timeline: which rows share a shape, and that a row keeps the
// estimate it was first given when its shape is measured later (a placed row must not move).
import type { MessageView } from '../../../ts/ipc/contract';
import { DEFAULT_ROW_HEIGHT, RowHeightEstimates, rowShape } from '../../../ts/renderer/components/conversation/rowHeights';
import { buildRows, type TimelineRow } from '../../../ts/renderer/components/conversation/timelineRows';

const ME = '05' + 'a1'.repeat(32);
const BOB = '05' + 'b2'.repeat(32);

function m(id: string, text: string, sender = BOB, extra: Partial<MessageView> = {}): MessageView {
  return {
    id,
    conversationId: BOB,
    sender,
    direction: sender === ME ? 'outgoing' : 'incoming',
    text,
    timestamp: 1_000,
    receivedAt: 1_000,
    status: sender === ME ? 'sent' : 'received',
    ...extra,
  };
}

/** Each message as the middle of an incoming series (same flags), so only the message decides the shape. */
function row(msg: MessageView): TimelineRow {
  return { m: msg, separator: false, topSeparator: false, separatorBelow: undefined, unreadLine: false, firstInSeries: false, lastInSeries: false, showSent: false };
}

describe('rowShape', () => {
  it('gives one shape to rows drawn alike and different shapes where the height can differ', () => {
    const short = rowShape(row(m('a', 'hello there')));
    expect(short).toBeDefined();
    expect(rowShape(row(m('b', 'something else')))).toBe(short);
    // More text (by a 40-character line class) or a line break is another shape.
    expect(rowShape(row(m('c', 'x'.repeat(41))))).not.toBe(short);
    expect(rowShape(row(m('d', 'hi\nthere')))).not.toBe(short);
    // Text without letters or digits may be emoji only (drawn larger): a shape per length.
    expect(rowShape(row(m('e', '👍')))).not.toBe(rowShape(row(m('f', '👍👍'))));
    expect(rowShape(row(m('g', '👍')))).not.toBe(short);
    // Direction, series place, separators, the unread line and the status line are part of the shape.
    const rows = buildRows([m('h', 'one'), m('i', 'two'), m('j', 'three', ME)], undefined);
    const shapes = rows.map(rowShape);
    expect(new Set(shapes).size).toBe(3);
    expect(rowShape({ ...row(m('k', 'hello there')), unreadLine: true })).not.toBe(short);
    expect(rowShape({ ...row(m('l', 'hello there')), separatorBelow: 5 })).not.toBe(short);
    expect(rowShape(row(m('n', 'hello', ME, { status: 'failed' })))).not.toBe(rowShape(row(m('o', 'hello', ME, { status: 'sent' }))));
  });

  it('leaves rows whose height depends on more than the shape to the default estimate', () => {
    expect(rowShape(row(m('a', 'x', BOB, { quote: { timestamp: 1, author: BOB, text: 'q' } })))).toBeUndefined();
    expect(rowShape(row(m('b', 'x', BOB, { deleted: true })))).toBeUndefined();
    expect(rowShape(row(m('c', 'x', BOB, { pinned: true })))).toBeUndefined();
  });
});

describe('RowHeightEstimates', () => {
  it('estimates rows of a measured shape at its height, and never changes a row it already estimated', () => {
    const h = new RowHeightEstimates();
    const placed = row(m('a', 'hello'));
    expect(h.estimate(placed)).toBe(DEFAULT_ROW_HEIGHT);
    h.learn(row(m('b', 'hello again')), 37);
    // A new row of that shape gets the measured height; the row placed before keeps its estimate.
    expect(h.estimate(row(m('c', 'and more')))).toBe(37);
    expect(h.estimate(placed)).toBe(DEFAULT_ROW_HEIGHT);
    // The first measurement of a shape stays: another one does not move later estimates.
    h.learn(row(m('d', 'different height')), 52);
    expect(h.estimate(row(m('e', 'again')))).toBe(37);
    // Nothing is learnt from an element without layout (height 0), nor for rows without a shape.
    h.learn(row(m('f', 'x'.repeat(90))), 0);
    expect(h.estimate(row(m('g', 'y'.repeat(90))))).toBe(DEFAULT_ROW_HEIGHT);
    expect(h.estimate(undefined)).toBe(DEFAULT_ROW_HEIGHT);
  });
});
