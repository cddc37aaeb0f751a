// The pure parts of community polling (spec advanced.md A.8): what one poll of a server asks for, and when
// the next poll runs (backing off while the rooms are quiet and while the server fails).
import type { SogsPollPlan } from '../../network/sogs';

export interface PollTiming {
  /** The interval while rooms are active (desktop: 10 s). */
  baseMs: number;
  /** Quiet for this long: the interval starts growing. */
  idleAfterMs: number;
  /** Longest interval of a quiet server. */
  idleMaxMs: number;
  /** Longest wait after failures (the wait doubles per failure from baseMs). */
  failMaxMs: number;
}

export const DEFAULT_POLL_TIMING: PollTiming = { baseMs: 10_000, idleAfterMs: 60_000, idleMaxMs: 60_000, failMaxMs: 5 * 60_000 };

/** What the poller remembers between polls of one server. */
export interface PollState {
  /** When a poll last brought something new (or the poller started, or someone asked for a poll). */
  lastActivityAt: number;
  /** Failed polls in a row. */
  failures: number;
}

/**
 * The delay before the next poll: after failures exponential from the base (capped); while quiet, the
 * base grows with the quiet time (doubling per `idleAfterMs` of quiet) up to `idleMaxMs`.
 */
export function nextPollDelay(state: PollState, now: number, t: PollTiming): number {
  if (state.failures > 0) return Math.min(t.failMaxMs, t.baseMs * 2 ** Math.min(20, state.failures));
  const quietFor = now - state.lastActivityAt;
  if (quietFor < t.idleAfterMs) return t.baseMs;
  const steps = Math.floor(quietFor / t.idleAfterMs);
  return Math.max(t.baseMs, Math.min(t.idleMaxMs, t.baseMs * 2 ** Math.min(20, steps)));
}

/** The room part of a poll: each room asks for updates since its cursor, or for the recent page first. */
export function pollPlan(
  rooms: readonly { token: string; seqno?: number }[],
  dms: { blinded: boolean; inbox: boolean; inboxCursor: number; outboxCursor: number },
): SogsPollPlan {
  const plan: SogsPollPlan = {
    rooms: rooms.map((r) => (r.seqno !== undefined ? { token: r.token, sinceSeqno: r.seqno } : { token: r.token })),
    reactors: 5,
  };
  // Blinded DMs exist only on blinding servers; the inbox only with community message requests on.
  if (dms.blinded) {
    if (dms.inbox) plan.inbox = dms.inboxCursor > 0 ? { sinceId: dms.inboxCursor } : {};
    plan.outbox = dms.outboxCursor > 0 ? { sinceId: dms.outboxCursor } : {};
  }
  return plan;
}

/** Rooms with more messages than this are trimmed (setting `trimCommunities`). */
export const TRIM_KEEP_MESSAGES = 2000;
/** Messages older than this are trimmed from large rooms. */
export const TRIM_AGE_MS = 183 * 24 * 3600 * 1000;
