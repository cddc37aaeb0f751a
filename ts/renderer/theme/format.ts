// Display formatting for the conversation list (spec/ui.md §3.5): activity times and shortened
// Account IDs. "now" is a parameter; the locale defaults to the UI's active one (locales/i18n.ts).
import { intlLocale } from '../locales/i18n';
import { dateTimeFormat } from './intlCache';

const DAY_MS = 24 * 60 * 60 * 1000;

/** today -> time, the last 7 days -> weekday + time, otherwise (or in the future) -> date. */
export function formatActivityTime(timestamp: number, now: number, locale: string = intlLocale()): string {
  const when = new Date(timestamp);
  const today = new Date(now);
  today.setHours(0, 0, 0, 0);
  const time = dateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(when);
  if (timestamp >= today.getTime() && timestamp <= now) return time;
  if (timestamp < today.getTime() && timestamp >= today.getTime() - 6 * DAY_MS) {
    return `${dateTimeFormat(locale, { weekday: 'short' }).format(when)} ${time}`;
  }
  return dateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric' }).format(when);
}

/** "05ab12…9f3e": enough to tell IDs apart without the full 66 characters. */
export function shortenId(id: string): string {
  return id.length > 14 ? `${id.slice(0, 6)}…${id.slice(-4)}` : id;
}

/** Up to two initials from a name, or the first two characters after the 05 prefix of an ID. */
export function initialsOf(name: string | undefined, id: string): string {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length >= 2) return (words[0]![0]! + words[1]![0]!).toUpperCase();
  if (words.length === 1) return words[0]!.slice(0, 2).toUpperCase();
  return id.slice(2, 4).toUpperCase();
}

/** Stable choice among n colours from an ID (the official app hashes the Account ID). */
export function colorIndexFor(id: string, n: number): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return h % n;
}
