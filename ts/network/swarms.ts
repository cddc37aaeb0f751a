// Swarm cache (spec §5.3): which service nodes hold an account's messages. Memory first, then the
// store (ed25519 keys resolved through the pool), else a fresh get_swarm; 421s replace entries.
import type { NetworkThresholds } from './config';
import { NetworkError } from './errors';
import type { SnodePool } from './pool';
import type { NetworkStore } from './store';
import { shuffled, type Snode } from './types';

export interface SwarmDeps {
  pool: SnodePool;
  store: NetworkStore;
  thresholds: NetworkThresholds;
  random: () => number;
  /** Asks the network for the swarm of `pubkey` (non-empty, or throws). */
  fetchFresh: (pubkey: string, signal?: AbortSignal) => Promise<Snode[]>;
}

/** Only Session IDs (05) and group IDs (03) own swarms. */
export function assertSwarmOwner(pubkey: string): string {
  const pk = pubkey.toLowerCase();
  if (!/^(03|05)[0-9a-f]{64}$/.test(pk)) {
    throw new NetworkError('rejected', { detail: `not a swarm owner: ${pubkey.slice(0, 8)}…` }, 'This is not a valid Session ID.');
  }
  return pk;
}

export class SwarmCache {
  private readonly memory = new Map<string, Snode[]>();
  private readonly inflight = new Map<string, Promise<Snode[]>>();

  constructor(private readonly deps: SwarmDeps) {
    deps.pool.events.on('dropped', ({ ed25519 }) => this.forgetNode(ed25519));
    deps.pool.events.on('refreshed', ({ source, size }) => {
      // A consensus refresh invalidates cached swarms (spec §1.5 item 4): forget them in memory and,
      // when the new pool is big enough to trust, in the store too; get() refetches as needed.
      if (source !== 'consensus') return;
      this.memory.clear();
      if (size > 10) {
        void deps.store.clearSwarms().catch((err: unknown) => console.error('network: could not clear persisted swarms', err));
      }
    });
  }

  /** Swarm members for `pubkey`: cached if at least 3 are still in the pool, else freshly fetched. */
  async get(pubkey: string, signal?: AbortSignal): Promise<Snode[]> {
    const pk = assertSwarmOwner(pubkey);
    const min = this.deps.thresholds.minSwarmSize;
    const cached = this.memory.get(pk);
    if (cached && cached.length >= min) return cached.slice();
    // Persisted swarms hold only ed25519 keys: the pool must be loaded to resolve them.
    await this.deps.pool.ensure(signal);
    const stored = (await this.deps.store.loadSwarm(pk))
      .map((ed) => this.deps.pool.get(ed))
      .filter((n): n is Snode => n !== undefined);
    if (stored.length >= min) {
      this.memory.set(pk, stored);
      return stored.slice();
    }
    return this.refresh(pk, signal);
  }

  /** Fetches the swarm again (own swarm hourly, or when the cache is too small). */
  async refresh(pubkey: string, signal?: AbortSignal): Promise<Snode[]> {
    const pk = assertSwarmOwner(pubkey);
    let p = this.inflight.get(pk);
    if (!p) {
      p = (async () => {
        const nodes = shuffled(await this.deps.fetchFresh(pk, signal), this.deps.random);
        if (nodes.length === 0) throw new NetworkError('swarm-unavailable', { detail: 'empty swarm' });
        await this.replace(pk, nodes);
        return nodes;
      })().finally(() => this.inflight.delete(pk));
      this.inflight.set(pk, p);
    }
    return (await p).slice();
  }

  /** Replaces the cached swarm (from get_swarm or a 421) and persists its ed25519 keys. */
  async replace(pubkey: string, nodes: readonly Snode[]): Promise<void> {
    const pk = pubkey.toLowerCase();
    this.memory.set(pk, nodes.slice());
    await this.deps.store.saveSwarm(pk, nodes.map((n) => n.ed25519));
  }

  /** Removes one member from one swarm (421 without a usable new swarm). */
  async dropMember(pubkey: string, ed25519: string): Promise<void> {
    const pk = pubkey.toLowerCase();
    const current = this.memory.get(pk) ?? (await this.deps.store.loadSwarm(pk)).map((ed) => this.deps.pool.get(ed)).filter((n): n is Snode => !!n);
    await this.replace(pk, current.filter((n) => n.ed25519 !== ed25519));
  }

  /** Cached members (no fetch), for tests and diagnostics. */
  cached(pubkey: string): Snode[] | undefined {
    return this.memory.get(pubkey.toLowerCase())?.slice();
  }

  private forgetNode(ed25519: string): void {
    for (const [pk, nodes] of this.memory) {
      if (nodes.some((n) => n.ed25519 === ed25519)) {
        const rest = nodes.filter((n) => n.ed25519 !== ed25519);
        this.memory.set(pk, rest);
        void this.deps.store.saveSwarm(pk, rest.map((n) => n.ed25519)).catch((err: unknown) => {
          console.error('network: could not persist a swarm', err);
        });
      }
    }
  }
}
