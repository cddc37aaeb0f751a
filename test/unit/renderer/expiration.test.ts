// The pure rules of disappearing messages in the UI: the official timer lists and defaults, the short
// development values only on test networks, and the duration texts of the page, the header, the control
// messages and the stopwatch.
import {
  AFTER_READ_TIMERS,
  AFTER_SEND_TIMERS,
  defaultTimer,
  developmentTimersAllowed,
  expirationSummary,
  formatRemaining,
  formatTimer,
  formatTimerShort,
  isSingleMode,
  timerOptions,
} from '../../../ts/renderer/components/conversation/expiration';
import { EXPIRATION_TIMER_VALUES } from '../../../ts/ipc/contract';

describe('timer lists (spec/ui.md §5.3)', () => {
  it('offers the official production values, and the development ones only on test networks', () => {
    expect(timerOptions('after-read', false)).toEqual([300, 3600, 43200, 86400, 604800, 1209600]);
    expect(timerOptions('after-send', false)).toEqual([43200, 86400, 604800, 1209600]);
    expect(timerOptions('after-send', true)).toEqual([10, 30, 60, 43200, 86400, 604800, 1209600]);
    expect(timerOptions('after-read', true).slice(0, 3)).toEqual([10, 30, 60]);
    expect(developmentTimersAllowed({ network: 'mainnet' })).toBe(false);
    expect(developmentTimersAllowed(null)).toBe(false);
    expect(developmentTimersAllowed({ network: 'custom' })).toBe(true);
    expect(developmentTimersAllowed({ network: 'testnet' })).toBe(true);
  });

  it('only offers values the protocol knows (the backend refuses others)', () => {
    for (const v of [...timerOptions('after-read', true), ...timerOptions('after-send', true)]) {
      expect(EXPIRATION_TIMER_VALUES as readonly number[]).toContain(v);
    }
    expect(AFTER_READ_TIMERS).not.toContain(5);
    expect(AFTER_SEND_TIMERS).not.toContain(300);
  });

  it('defaults to 12 hours after read and 1 day after send; Note to Self is single mode', () => {
    expect(defaultTimer('after-read')).toBe(43200);
    expect(defaultTimer('after-send')).toBe(86400);
    expect(isSingleMode('note-to-self')).toBe(true);
    expect(isSingleMode('private')).toBe(false);
  });
});

describe('duration texts', () => {
  it('names each timer as the official app does', () => {
    expect([10, 30, 60, 300, 1800, 3600, 21600, 43200, 86400, 604800, 1209600].map(formatTimer)).toEqual([
      '10 seconds',
      '30 seconds',
      '1 minute',
      '5 minutes',
      '30 minutes',
      '1 hour',
      '6 hours',
      '12 hours',
      '1 day',
      '1 week',
      '2 weeks',
    ]);
    expect([5, 60, 43200, 86400, 1209600].map(formatTimerShort)).toEqual(['5s', '1m', '12h', '1d', '2w']);
    expect(formatTimer(90)).toBe('90 seconds');
  });

  it('shows the time left as its two largest units, rounded up', () => {
    expect(formatRemaining(86_400_000 + 2 * 3_600_000 + 5_000)).toBe('1d 2h');
    expect(formatRemaining(59 * 60_000 + 30_000)).toBe('59m 30s');
    expect(formatRemaining(45_000)).toBe('45s');
    expect(formatRemaining(44_001)).toBe('45s');
    expect(formatRemaining(86_400_000)).toBe('1d');
    expect(formatRemaining(0)).toBe('0s');
    expect(formatRemaining(-5)).toBe('0s');
  });

  it('summarises a setting for the header and the settings list', () => {
    expect(expirationSummary(undefined)).toBe('Off');
    expect(expirationSummary({ type: 'after-send', seconds: 86400 })).toBe('Disappear After Send - 1d');
    expect(expirationSummary({ type: 'after-read', seconds: 43200 })).toBe('Disappear After Read - 12h');
  });
});
