// The timer of a disappearing message (spec/ui.md §4.3): a small stopwatch that empties as the time
// runs out, with the time left ("Auto-deletes in 23h 59m") as its tooltip and accessible name, and the
// live "Auto-deletes in …" sub-line of the message menu's Delete (§4.5). Each timer re-renders itself
// from the one shared ticker (useSecondTicker); the timeline around it does not.
import type { ReactNode } from 'react';
import styled from 'styled-components';
import type { MessageView } from '../../../ipc/contract';
import { useNow } from '../../hooks/useNow';
import { useSecondTicker } from '../../hooks/useSecondTicker';
import { t } from '../../locales/i18n';
import { formatRemaining } from './expiration';

const Icon = styled.svg`
  flex: none;
  display: block;
`;

// The pie (radius 2R) stays inside the ring (radius 6), with a gap between them.
const R = 2.2;
const CIRCUMFERENCE = 2 * Math.PI * R;

/** A stopwatch whose face is filled by `fraction` (1: the whole time is left, 0: none). */
export function Stopwatch({ fraction, size = 12 }: { fraction: number; size?: number }) {
  const f = Math.min(1, Math.max(0, fraction));
  return (
    <Icon width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" focusable="false" data-fraction={f.toFixed(2)}>
      <rect x="6.5" y="0.5" width="3" height="1.6" rx="0.6" fill="currentColor" />
      <circle cx="8" cy="9.2" r="6" fill="none" stroke="currentColor" strokeWidth="1.4" />
      {/* A circle of radius R drawn with a stroke 2R wide, dashed to the fraction: a pie that empties clockwise. */}
      <circle
        cx="8"
        cy="9.2"
        r={R}
        fill="none"
        stroke="currentColor"
        strokeWidth={2 * R}
        strokeDasharray={`${(f * CIRCUMFERENCE).toFixed(3)} ${CIRCUMFERENCE.toFixed(3)}`}
        transform="rotate(-90 8 9.2)"
      />
    </Icon>
  );
}

/** What is left of the message's time (ms), or null while its timer has not started (after read, unread). */
function remainingMs(m: Pick<MessageView, 'expiresAt'>, now: number): number | null {
  return m.expiresAt === undefined ? null : Math.max(0, m.expiresAt - now);
}

const TimerBox = styled.span`
  display: inline-flex;
  align-items: center;
`;

/** The stopwatch of a message with `expiration`; it updates once a second from the shared ticker. */
export function ExpiryTimer({ m }: { m: Pick<MessageView, 'expiresAt' | 'expiration'> }) {
  useSecondTicker();
  const now = useNow()();
  if (!m.expiration) return null;
  const total = m.expiration.seconds * 1000;
  const left = remainingMs(m, now);
  const label = t('cfAutoDeletesIn', { time: formatRemaining(left ?? total) });
  return (
    <TimerBox role="img" aria-label={label} title={label} data-testid="message-expiry-timer" data-remaining={left === null ? undefined : Math.ceil(left / 1000)}>
      <Stopwatch fraction={left === null ? 1 : left / total} size={13} />
    </TimerBox>
  );
}

const Sub = styled.small`
  display: block;
  margin-top: 2px;
  font-size: 12px;
  color: var(--text-secondary-color);
`;

/** "Auto-deletes in 23h 59m" under the menu's Delete, live. */
export function AutoDeletesIn({ expiresAt }: { expiresAt: number }) {
  useSecondTicker();
  const now = useNow()();
  return <Sub data-testid="message-menu-auto-deletes">{t('cfAutoDeletesIn', { time: formatRemaining(expiresAt - now) })}</Sub>;
}

const LabelColumn = styled.span`
  display: flex;
  flex-direction: column;
  align-items: flex-start;
`;

/** A menu item's label with a sub-line under it. */
export function LabelWithSub({ label, sub }: { label: string; sub: ReactNode }) {
  return (
    <LabelColumn>
      <span>{label}</span>
      {sub}
    </LabelColumn>
  );
}
