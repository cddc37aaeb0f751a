// The service-node pool (spec §1.5, §6.9): loaded from the store, fetched from seeds when too small,
// refreshed by snode consensus, and shrunk as nodes fail (strike counting).
import type { NetworkThresholds, SeedConfig } from './config';
import { Emitter } from './events';
import { NetworkError, toNetworkError } from './errors';
import type { HttpClient } from './http';
import { fetchPoolFromSeeds } from './seeds';
import type { NetworkStore } from './store';
import { shuffled, type Clock, type Snode } from './types';
import { untilAborted } from './abort';

export interface PoolEvents extends Record<string, unknown> {
  /** A node left the pool (failures, "Next node not found", or a refresh). */
  dropped: { ed25519: string };
  /** The pool was replaced from seeds or consensus; failure counters were reset. */
  refreshed: { source: 'seed' | 'consensus'; size: number };
}

export interface PoolDeps {
  seeds: readonly SeedConfig[];
  thresholds: NetworkThresholds;
  store: NetworkStore;
  http: HttpClient;
  clock: Clock;
  random: () => number;
  /** Asks one pool node (through onion) for its `get_service_nodes` list; set once transport exists. */
  fetchNodeListFrom?: (node: Snode, signal?: AbortSignal) => Promise<Snode[]>;
  /** Aborted when the client stops: ends shared loads and background refills. */
  lifetime?: AbortSignal;
}

export const CONSENSUS_ATTEMPTS = 4;
/** How long a failed pool load is answered again without a new seed fetch. */
export const LOAD_FAILURE_REUSE_MS = 10_000;
export const CONSENSUS_DELAY_MS = 1_000;
const CONSENSUS_NODES = 3;

/** Nodes present (by ip:port) in every list, taken from the first list. */
export function intersectNodeLists(lists: readonly (readonly Snode[])[]): Snode[] {
  if (lists.length === 0) return [];
  const [first, ...rest] = lists as [readonly Snode[], ...(readonly Snode[])[]];
  const keySets = rest.map((l) => new Set(l.map((n) => `${n.ip}:${n.port}`)));
  return first.filter((n) => keySets.every((s) => s.has(`${n.ip}:${n.port}`)));
}

export class SnodePool {
  readonly events = new Emitter<PoolEvents>();
  private nodes: Snode[] = [];
  private readonly strikes = new Map<string, number>();
  private loading: Promise<void> | undefined;
  private refreshing: Promise<'seed' | 'consensus'> | undefined;
  private lastLoadFailure: { at: number; error: unknown } | undefined;

  constructor(private readonly deps: PoolDeps) {}

  setNodeListFetcher(fn: (node: Snode, signal?: AbortSignal) => Promise<Snode[]>): void {
    this.deps.fetchNodeListFrom = fn;
  }

  get size(): number {
    return this.nodes.length;
  }

  /** True when the pool has MORE than the minimum (spec: `length > 8`). */
  get usable(): boolean {
    return this.nodes.length > this.deps.thresholds.minPoolSize;
  }

  all(): readonly Snode[] {
    return this.nodes;
  }

  get(ed25519: string): Snode | undefined {
    return this.nodes.find((n) => n.ed25519 === ed25519);
  }

  has(ed25519: string): boolean {
    return this.nodes.some((n) => n.ed25519 === ed25519);
  }

  /**
   * Makes the pool usable: from memory, else the store, else the seeds. Concurrent callers share one
   * load, which only stopping the client aborts (a caller's `signal` ends its own wait).
   */
  async ensure(signal?: AbortSignal): Promise<void> {
    if (this.usable) return;
    // A load that just failed (every seed tried for several rounds) answers again at once for a short while:
    // a second caller right behind it (a queued poll, a send) would otherwise wait out the same rounds.
    const failed = this.lastLoadFailure;
    if (!this.loading && failed && this.deps.clock.now() - failed.at < LOAD_FAILURE_REUSE_MS) throw failed.error;
    this.loading ??= this.load(this.deps.lifetime).then(
      () => {
        this.lastLoadFailure = undefined;
      },
      (error: unknown) => {
        // Only "no seed answered" is reused; a seed that answered with too few nodes is asked again.
        if (error instanceof NetworkError && error.kind === 'seed-failed') this.lastLoadFailure = { at: this.deps.clock.now(), error };
        throw error;
      },
    ).finally(() => {
      this.loading = undefined;
    });
    await untilAborted(this.loading, signal);
  }

  private async load(signal?: AbortSignal): Promise<void> {
    const stored = await this.deps.store.loadPool();
    if (stored.length > this.nodes.length) this.nodes = shuffled(stored, this.deps.random);
    if (this.usable) return;
    await this.refreshFromSeeds(signal);
    if (!this.usable) {
      throw new NetworkError('pool-too-small', { detail: `pool has ${this.nodes.length} nodes after seed fetch` });
    }
  }

  /** Replaces the pool with a fresh seed answer and resets failure counters. */
  async refreshFromSeeds(signal?: AbortSignal): Promise<void> {
    const nodes = await fetchPoolFromSeeds(this.deps.seeds, {
      http: this.deps.http,
      clock: this.deps.clock,
      random: this.deps.random,
      signal,
    });
    await this.replace(nodes, 'seed');
  }

  /**
   * Scheduled refresh (spec §1.5 trigger 3): snode consensus from 3 random nodes when the pool is
   * usable, falling back to the seeds when consensus fails or gives fewer than 16 nodes. Callers
   * during a refresh share it (a burst of "no path" failures asks for one refresh, not one each).
   */
  forceRefresh(signal?: AbortSignal): Promise<'seed' | 'consensus'> {
    this.refreshing ??= this.refresh(this.deps.lifetime ?? signal).finally(() => {
      this.refreshing = undefined;
    });
    return untilAborted(this.refreshing, signal);
  }

  private async refresh(signal?: AbortSignal): Promise<'seed' | 'consensus'> {
    if (this.usable && this.deps.fetchNodeListFrom) {
      const nodes = await this.tryConsensus(signal);
      if (nodes && nodes.length >= this.deps.thresholds.minPoolForSnodeRefresh) {
        await this.replace(nodes, 'consensus');
        return 'consensus';
      }
    }
    await this.refreshFromSeeds(signal);
    return 'seed';
  }

  private async tryConsensus(signal?: AbortSignal): Promise<Snode[] | undefined> {
    const fetch = this.deps.fetchNodeListFrom;
    if (!fetch) return undefined;
    for (let attempt = 1; attempt <= CONSENSUS_ATTEMPTS; attempt++) {
      if (signal?.aborted) throw new NetworkError('aborted');
      const askers = shuffled(this.nodes, this.deps.random).slice(0, CONSENSUS_NODES);
      if (askers.length < CONSENSUS_NODES) return undefined;
      try {
        const lists = await Promise.all(askers.map((n) => fetch(n, signal)));
        const common = intersectNodeLists(lists);
        if (common.length >= this.deps.thresholds.requiredForAgreement) return shuffled(common, this.deps.random);
      } catch (err) {
        if (toNetworkError(err).kind === 'aborted') throw err;
      }
      if (attempt < CONSENSUS_ATTEMPTS) await this.deps.clock.sleep(CONSENSUS_DELAY_MS, signal);
    }
    return undefined;
  }

  private async replace(nodes: Snode[], source: 'seed' | 'consensus'): Promise<void> {
    const keep = new Set(nodes.map((n) => n.ed25519));
    const gone = this.nodes.filter((n) => !keep.has(n.ed25519));
    this.nodes = nodes;
    this.strikes.clear();
    await this.deps.store.savePool(nodes);
    for (const n of gone) this.events.emit('dropped', { ed25519: n.ed25519 });
    this.events.emit('refreshed', { source, size: nodes.length });
  }

  /**
   * Removes a node now (persisted) and tells paths and swarms. When that leaves the pool at the
   * minimum or below, it is refilled (store, else seeds) in the background right away rather than at
   * the next path build (spec §1.5 trigger 1).
   */
  async drop(ed25519: string): Promise<void> {
    const before = this.nodes.length;
    this.nodes = this.nodes.filter((n) => n.ed25519 !== ed25519);
    this.strikes.delete(ed25519);
    if (this.nodes.length !== before) await this.deps.store.savePool(this.nodes);
    this.events.emit('dropped', { ed25519 });
    if (this.nodes.length !== before && !this.usable && !this.deps.lifetime?.aborted) {
      void this.ensure().catch(() => undefined); // failures surface at the next ensure()
    }
  }

  /** +1 failure for a node; at the threshold (3) it is dropped. Returns true when dropped. */
  async recordFailure(ed25519: string): Promise<boolean> {
    const count = (this.strikes.get(ed25519) ?? 0) + 1;
    if (count >= this.deps.thresholds.snodeFailureThreshold) {
      await this.drop(ed25519);
      return true;
    }
    this.strikes.set(ed25519, count);
    return false;
  }

  failureCount(ed25519: string): number {
    return this.strikes.get(ed25519) ?? 0;
  }
}
