// Waiting helpers for commands: sleep until a deadline or until an event says there is news.
import type { CommandContext } from './context';

/**
 * Sleeps up to `ms`, returning early when `wake` fires. `subscribe` registers the wake-up and
 * returns its unsubscribe.
 */
export async function sleepOrWake(ctx: CommandContext, ms: number, subscribe: (wake: () => void) => () => void): Promise<void> {
  const stop = new AbortController();
  const off = subscribe(() => stop.abort());
  try {
    await ctx.sleep(ms, stop.signal);
  } finally {
    off();
  }
}

/** Waits for `promise`, but no longer than `ms`; resolves with `onTimeout` then (the promise carries on). */
export async function withDeadline<T, U>(ctx: CommandContext, promise: Promise<T>, ms: number, onTimeout: U): Promise<T | U> {
  const stop = new AbortController();
  try {
    return await Promise.race([promise, ctx.sleep(ms, stop.signal).then(() => onTimeout)]);
  } finally {
    stop.abort();
  }
}
