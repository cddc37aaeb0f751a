// The delivery rule of CLI contract v2: a command that changed something exits 0 only once every follow-up
// it queued (the sync copy of a sent message for our other devices, a request response, a config push) is
// stored. Commands take a mark before their change and wait here before printing; a follow-up that failed
// after its retries, or is still unconfirmed at the deadline, stays queued for the next start and fails
// the command (exit 1) after its record is printed, since the change itself did happen. `deliverChange` wraps
// that pattern for one change.
import type { FollowUpFailure, FollowUpMark } from '../../backend/services/followUps';
import { CliError } from '../errors';
import type { CommandContext } from './context';

export interface FollowUpOutcome {
  /** Set when the command must exit 1: why, fit to show. */
  problem?: string;
}

const KIND_NAMES: Record<string, string> = {
  sync: 'the copy for your other devices',
  'request-response': 'the message request response',
  message: 'a message',
  'config-push': 'the settings update for your other devices',
};

const describe = (f: FollowUpFailure): string => `${KIND_NAMES[f.kind] ?? f.kind}${f.messageId ? ` of message ${f.messageId}` : ''}: ${f.error.replace(/\.$/, '')}`;

/**
 * Waits until every follow-up queued since `since` is stored or failed, or `deadline` (ms, ctx.now clock)
 * passes. Without `since`, everything queued counts as the caller's own.
 */
export async function awaitFollowUps(ctx: CommandContext, since: FollowUpMark | undefined, deadline: number): Promise<FollowUpOutcome> {
  const giveUp = new AbortController();
  const cancelTimer = new AbortController();
  void ctx.sleep(Math.max(0, deadline - ctx.now()), cancelTimer.signal).then(() => giveUp.abort());
  let report;
  try {
    report = await ctx.client.followUps.settle({ ...(since !== undefined ? { since } : {}), signal: giveUp.signal });
  } finally {
    cancelTimer.abort();
  }
  for (const f of report.failed.filter((x) => x.earlier)) {
    ctx.out.warn(`an earlier change is not on the network yet: ${describe(f)} (it is retried the next time this profile is opened)`);
  }
  const own = report.failed.filter((x) => !x.earlier);
  if (own.length > 0) {
    return { problem: `Not everything was stored: ${own.map(describe).join('; ')}. It is retried the next time this profile is opened.` };
  }
  const ownPending = report.pending - report.pendingEarlier;
  if (!report.settled && ownPending > 0) {
    return {
      problem: `${ownPending} follow-up store(s) (such as the copy for your other devices) were not confirmed in time. They stay queued and are sent the next time this profile is opened.`,
    };
  }
  if (!report.settled) ctx.out.warn(`${report.pendingEarlier} follow-up store(s) of earlier changes are not confirmed yet; they stay queued and are sent the next time this profile is opened.`);
  return {};
}

/** Throws the outcome's problem (exit 1), once the command printed its record. */
export function throwIfUndelivered(outcome: FollowUpOutcome): void {
  if (outcome.problem !== undefined) throw new CliError(outcome.problem);
}

/**
 * Runs one change under the delivery rule: a mark before it, then a wait (up to `ctx.waitMs`) for every
 * follow-up it queued (config push, request response, read receipts). The caller prints its record with
 * the result and then calls `throwIfUndelivered(delivery)`, so a change that happened is always shown.
 * `newAccount`: the change creates the profile's account (create, restore). Everything then queued is
 * this change's own, including what the backend reports as older (a new account's initial profile push),
 * so no mark is taken and nothing is downgraded to a warning.
 */
export async function deliverChange<T>(
  ctx: CommandContext,
  change: () => Promise<T>,
  options: { newAccount?: boolean } = {},
): Promise<{ result: T; delivery: FollowUpOutcome }> {
  const mark = options.newAccount === true ? undefined : ctx.client.followUps.mark();
  const result = await change();
  const delivery = await awaitFollowUps(ctx, mark, ctx.now() + ctx.waitMs);
  return { result, delivery };
}
