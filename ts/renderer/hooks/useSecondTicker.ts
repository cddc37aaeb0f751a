// One shared one-second ticker for countdowns (disappearing-message timers): a single interval runs
// while at least one component listens, and only the listening components re-render on each tick —
// never the whole timeline.
import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();
let ticks = 0;
let interval: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (interval === null) {
    interval = setInterval(() => {
      ticks++;
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && interval !== null) {
      clearInterval(interval);
      interval = null;
    }
  };
}

const snapshot = () => ticks;

/** Re-renders the caller once a second; returns the tick count (read the time through useNow). */
export function useSecondTicker(): number {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

/** How many components listen now (tests check that the ticker stops when nothing shows a timer). */
export function tickerListenerCount(): number {
  return listeners.size;
}
