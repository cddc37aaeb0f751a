// Pure rules of disappearing messages in the UI (spec/ui.md §5.3, §4.1, §4.3, §4.9): which timers each
// mode offers (the official production lists, plus the short development values only on test networks,
// as the official development builds do), the defaults, and the duration texts ("1 day", "1d",
// "Auto-deletes in 23h 59m").
import type { AppInfo, ConversationKind, ExpirationMode, ExpirationView } from '../../../ipc/contract';
import type { LocaleKey } from '../../locales/en';
import { t } from '../../locales/i18n';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** Production timer lists (seconds). */
export const AFTER_READ_TIMERS: readonly number[] = [5 * MINUTE, HOUR, 12 * HOUR, DAY, WEEK, 2 * WEEK];
export const AFTER_SEND_TIMERS: readonly number[] = [12 * HOUR, DAY, WEEK, 2 * WEEK];
/** What development builds offer first in both lists (10 s, 30 s, 1 min). */
export const DEVELOPMENT_TIMERS: readonly number[] = [10, 30, MINUTE];
export const DEFAULT_AFTER_READ = 12 * HOUR;
export const DEFAULT_AFTER_SEND = DAY;

/**
 * The short timers are a development aid: offered only on test networks (a devnet or testnet), never
 * on mainnet, where a conversation gets the official production lists only.
 */
export function developmentTimersAllowed(info: Pick<AppInfo, 'network'> | null | undefined): boolean {
  return info !== null && info !== undefined && info.network !== 'mainnet';
}

export function timerOptions(mode: Exclude<ExpirationMode, 'off'>, development: boolean): number[] {
  const production = mode === 'after-read' ? AFTER_READ_TIMERS : AFTER_SEND_TIMERS;
  return development ? [...DEVELOPMENT_TIMERS, ...production] : [...production];
}

export function defaultTimer(mode: Exclude<ExpirationMode, 'off'>): number {
  return mode === 'after-read' ? DEFAULT_AFTER_READ : DEFAULT_AFTER_SEND;
}

/** Note to Self (and groups) are "single mode": after send only, no Delete Type section. */
export function isSingleMode(kind: ConversationKind | undefined): boolean {
  return kind !== 'private';
}

const UNITS: ReadonlyArray<{ seconds: number; long: LocaleKey; short: LocaleKey }> = [
  { seconds: WEEK, long: 'cfWeeks', short: 'cfWeeksShort' },
  { seconds: DAY, long: 'cfDays', short: 'cfDaysShort' },
  { seconds: HOUR, long: 'cfHours', short: 'cfHoursShort' },
  { seconds: MINUTE, long: 'cfMinutes', short: 'cfMinutesShort' },
  { seconds: 1, long: 'cfSeconds', short: 'cfSecondsShort' },
];

/** The largest unit that divides the timer exactly: 86400 -> "1 day", 43200 -> "12 hours", 90 -> "90 seconds". */
function unitOf(seconds: number) {
  return UNITS.find((u) => seconds >= u.seconds && seconds % u.seconds === 0) ?? UNITS[UNITS.length - 1]!;
}

export function formatTimer(seconds: number): string {
  const u = unitOf(seconds);
  return t(u.long, { count: seconds / u.seconds });
}

export function formatTimerShort(seconds: number): string {
  const u = unitOf(seconds);
  return t(u.short, { count: seconds / u.seconds });
}

/** Time left as its two largest units ("1d 23h", "59m 30s", "45s"); rounded up, so it never shows 0 too early. */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const i = UNITS.findIndex((u) => total >= u.seconds);
  if (i < 0) return t('cfSecondsShort', { count: 0 });
  const big = UNITS[i]!;
  const n = Math.floor(total / big.seconds);
  const parts = [t(big.short, { count: n })];
  const small = UNITS[i + 1];
  // A zero second unit is left out: "1d" rather than "1d 0h".
  const m = small ? Math.floor((total - n * big.seconds) / small.seconds) : 0;
  if (small && m > 0) parts.push(t(small.short, { count: m }));
  return parts.join(' ');
}

export function modeLabel(mode: ExpirationMode): string {
  return mode === 'after-read' ? t('cfAfterRead') : mode === 'after-send' ? t('cfAfterSend') : t('cfOff');
}

/** "Disappear After Send - 1d", or "Off" (the header subtitle and the settings item's sub-text). */
export function expirationSummary(e: ExpirationView | undefined): string {
  if (!e) return t('cfOff');
  return t('cfModeAndTimer', { mode: modeLabel(e.type), time: formatTimerShort(e.seconds) });
}
