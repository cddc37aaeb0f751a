// Follow-ups: the stores a change queues besides its main one — the sync copy of a sent message to our own
// swarm, the response to a message request, and (with config sync) config pushes. Each source keeps its
// follow-ups persisted (queued in the same transaction as the change, so a crash loses none: they go out on
// the next start), retries them, and reports the ones that failed instead of dropping them. The tracker
// joins the sources so a host that must not stop before delivery (the CLI) can `mark` before a change and
// `settle` after it.

/** A follow-up that failed after its retries; kept, and retried on the next start. */
export interface FollowUpFailure {
  /** The source's name (`outbox`, later the config push queue). */
  source: string;
  /** What it is: `sync`, `request-response`, `message`, later `config-push`. */
  kind: string;
  /** The source's own id of the item. */
  id: string;
  /** Account whose swarm it goes to. */
  destination: string;
  /** The local message it belongs to, if any. */
  messageId?: string;
  attempts: number;
  error: string;
  /** Queued before the mark the caller settles from: not (only) its own change's. */
  earlier: boolean;
}

export interface FollowUpStatus {
  /** Items not stored yet that are still being tried. */
  pending: number;
  /** How many of `pending` were queued before the mark (not by the caller's own change). */
  pendingEarlier: number;
  failed: FollowUpFailure[];
}

/**
 * One kind of persisted queue. A config push queue plugs in by implementing this and calling
 * `FollowUps.changed()` whenever one of its items was stored, rescheduled or failed.
 */
export interface FollowUpSource {
  readonly name: string;
  /** A high-water mark: whatever is queued from now on lies above it. */
  mark(): number;
  /**
   * Items above `since` (all of them when undefined), plus follow-ups queued before it that are still
   * pending or failed (a change may depend on them: they go to the same swarm and come first).
   */
  status(since: number | undefined): FollowUpStatus;
  /** Puts failed follow-ups back in the queue with fresh attempts; returns how many. */
  retryFailed(now: number): number;
}

/** Marks of every source, by name. */
export type FollowUpMark = Readonly<Record<string, number>>;

export interface FollowUpReport {
  /** True when nothing is pending any more (each item stored or failed); false when the wait ended first. */
  settled: boolean;
  pending: number;
  /** How many of `pending` were queued before the mark. */
  pendingEarlier: number;
  failed: FollowUpFailure[];
}

export interface SettleOptions {
  /** From `mark()` before the change; without it every queued item counts as the caller's. */
  since?: FollowUpMark;
  /** Ends the wait early: the report then says `settled: false` with what is still pending. */
  signal?: AbortSignal;
}

export interface FollowUps {
  register(source: FollowUpSource): () => void;
  /** A source's state changed: waiters look again. */
  changed(): void;
  mark(): FollowUpMark;
  /** Resolves once every follow-up is stored or failed (see SettleOptions), with the failures. */
  settle(options?: SettleOptions): Promise<FollowUpReport>;
  /** Requeues the failed follow-ups of every source; returns how many. */
  retryFailed(now: number): number;
}

/** How often a waiter looks again without being told (a change reported by no source, e.g. a row deleted). */
const RECHECK_MS = 1_000;

export function createFollowUps(): FollowUps {
  const sources = new Map<string, FollowUpSource>();
  const waiters = new Set<() => void>();

  const status = (since: FollowUpMark | undefined): FollowUpStatus => {
    const out: FollowUpStatus = { pending: 0, pendingEarlier: 0, failed: [] };
    for (const s of sources.values()) {
      const st = s.status(since ? (since[s.name] ?? 0) : undefined);
      out.pending += st.pending;
      out.pendingEarlier += st.pendingEarlier;
      out.failed.push(...st.failed);
    }
    return out;
  };

  return {
    register(source) {
      if (sources.has(source.name)) throw new Error(`follow-up source ${source.name} is already registered`);
      sources.set(source.name, source);
      return () => {
        sources.delete(source.name);
      };
    },
    changed() {
      for (const w of [...waiters]) w();
    },
    mark() {
      return Object.fromEntries([...sources.values()].map((s) => [s.name, s.mark()]));
    },
    async settle(options = {}) {
      const { since, signal } = options;
      for (;;) {
        const st = status(since);
        if (st.pending === 0) return { settled: true, ...st };
        if (signal?.aborted) return { settled: false, ...st };
        await new Promise<void>((resolve) => {
          const done = (): void => {
            waiters.delete(done);
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            resolve();
          };
          const timer = setTimeout(done, RECHECK_MS);
          waiters.add(done);
          signal?.addEventListener('abort', done);
        });
      }
    },
    retryFailed(now) {
      let n = 0;
      for (const s of sources.values()) n += s.retryFailed(now);
      return n;
    },
  };
}

/** How long a host waits on quit for queued follow-ups before closing anyway (they stay queued for the next start). */
export const SHUTDOWN_DRAIN_MS = 10_000;

export interface DrainOptions {
  /** The longest wait; what is still pending then stays queued. */
  timeoutMs: number;
  /** How often `onProgress` hears how many are left (default every second). */
  progressEveryMs?: number;
  /** Told while follow-ups are pending: how many, and how long the wait has lasted. */
  onProgress?: (pending: number, elapsedMs: number) => void;
  /**
   * Whether waiting can still help, asked before each look: false (the network is not running, or is
   * offline) ends the wait at once, so quitting offline never sits out the whole bound for nothing.
   */
  canDeliver?: () => boolean;
  now?: () => number;
}

/**
 * The quit-time wait (issue 14, "shutdown completeness"): resolves once every queued follow-up (sync copy,
 * request response, config push) is stored or has failed after its retries, or when `timeoutMs` has passed,
 * with the last report. The engine keeps sending meanwhile; nothing is dropped either way (the queues are
 * persisted and go out on the next start).
 */
export async function drainFollowUps(followUps: Pick<FollowUps, 'settle'>, options: DrainOptions): Promise<FollowUpReport> {
  const now = options.now ?? Date.now;
  const step = options.progressEveryMs ?? 1_000;
  const start = now();
  const deadline = start + Math.max(0, options.timeoutMs);
  // The first look is immediate, so a wait that is needed is announced at once.
  for (let first = true; ; first = false) {
    const wait = new AbortController();
    const timer = setTimeout(() => wait.abort(), first ? 0 : Math.max(0, Math.min(step, deadline - now())));
    let report: FollowUpReport;
    try {
      report = await followUps.settle({ signal: wait.signal });
    } finally {
      clearTimeout(timer);
    }
    if (report.settled || now() >= deadline || (options.canDeliver && !options.canDeliver())) return report;
    options.onProgress?.(report.pending, now() - start);
  }
}
