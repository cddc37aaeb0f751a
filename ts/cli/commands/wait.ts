// Waiting helpers for commands: sleep until a deadline or until an event says there is news.
import type { CommandContext } from './context';

/**
 * Sleeps up to `ms`, returning early when `wake` fires. `subscribe` registers the wake-up and
 * returns its unsubscribe.
 */
export async function sleepOrWake(ctx: CommandContext, ms: number, subscribe: (wake: () => void) => () => void): Promise<void> {
  let off: (() => void) | undefined;
  const woken = new Promise<void>((resolve) => {
    off = subscribe(resolve);
  });
  try {
    await Promise.race([ctx.sleep(ms), woken]);
  } finally {
    off?.();
  }
}
