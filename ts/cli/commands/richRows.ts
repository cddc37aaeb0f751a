// The `quote` and `reactions` fields of message rows (cli.md v2, "Rich messages"). Each is left out of a row
// when the message has none, so rows of plain messages stay as they were.
import type { MessageView } from '../../ipc/contract';

export interface QuoteRow {
  /** The quoted message's sent time and author (its identity). */
  timestamp: number;
  author: string;
  /** The quoted message's text when we have that message, else null ("original message not found"). */
  text: string | null;
}

export interface ReactionRow {
  emoji: string;
  count: number;
  /** Who reacted (Session IDs, ours included), in the order their reactions were sent. */
  senders: string[];
}

export function quoteRow(m: MessageView): QuoteRow | undefined {
  if (!m.quote) return undefined;
  // A quoted message we have but whose text is empty (an attachment) reads as "" rather than missing.
  const text = m.quote.messageId === undefined ? null : (m.quote.text ?? '');
  return { timestamp: m.quote.timestamp, author: m.quote.author, text };
}

/** Every emoji's reactions, in order of first use; an empty list when there are none. */
export function reactionList(m: MessageView): ReactionRow[] {
  return (m.reactions ?? []).map((r) => ({ emoji: r.emoji, count: r.count, senders: [...r.senders] }));
}

/** The row field: left out when there are no reactions. */
export function reactionRows(m: MessageView): ReactionRow[] | undefined {
  const list = reactionList(m);
  return list.length > 0 ? list : undefined;
}

/** Reactions for people: "👍 2  ❤️ 1". */
export function formatReactions(v: unknown): string {
  return Array.isArray(v) ? (v as ReactionRow[]).map((r) => `${r.emoji} ${r.count}`).join('  ') : '';
}

/**
 * A message's text for people with its quote before it and its reactions after it:
 * `[reply to 05ab…: "hello"] hi there [👍 2]` (`[reply to a message not found]` when we lack it).
 */
export function withQuoteAndReactions(m: MessageView, text: string): string {
  const q = quoteRow(m);
  const quoted = q === undefined ? '' : q.text === null ? '[reply to a message not found] ' : `[reply to ${q.author.slice(0, 8)}…: "${shorten(q.text)}"] `;
  const reactions = formatReactions(reactionRows(m));
  return `${quoted}${text}${reactions !== '' ? ` [${reactions}]` : ''}`;
}

function shorten(s: string): string {
  const chars = [...s];
  return chars.length > 40 ? `${chars.slice(0, 39).join('')}…` : s;
}
