// Guard selection and onion paths (spec §6.8–6.9): 2 tested guards, 2 paths of 3 nodes with at most
// one node per IPv4 /24 in a path, failure counting per path, node replacement and rebuilds.
import type { NetworkThresholds } from './config';
import { Emitter } from './events';
import { NetworkError } from './errors';
import type { SnodePool } from './pool';
import type { NetworkStore } from './store';
import { pickRandom, shuffled, subnet24, type Clock, type Snode } from './types';
import { untilAborted } from './abort';

export const GUARD_ROUNDS = 6;
export const BUILD_ATTEMPTS = 4;
export const BUILD_DELAY_MS = 1_000;
/**
 * Fewest ms between two attempts to get back to the full guard and path count while some paths
 * still work (e.g. a guard was dropped during an outage and no replacement passed its test).
 */
export const TOP_UP_INTERVAL_MS = 1_000;
/** Without requests asking for it, a short top-up is retried after 1 s, 2 s, 4 s … at most this. */
export const TOP_UP_RETRY_MAX_MS = 10_000;

export interface PathEvents extends Record<string, unknown> {
  /** Paths changed (built, node replaced, path removed). */
  changed: { paths: readonly (readonly Snode[])[] };
  /** Building failed; requests will fail with `no-path` until a rebuild succeeds. */
  failed: { error: NetworkError };
  /**
   * The full guard and path count is back after builds failed or came up short (e.g. after an
   * outage): strikes counted meanwhile and nodes dropped meanwhile are suspect.
   */
  restored: { paths: readonly (readonly Snode[])[] };
}

export interface PathDeps {
  pool: SnodePool;
  store: NetworkStore;
  thresholds: NetworkThresholds;
  clock: Clock;
  random: () => number;
  /** Direct reachability test of a guard candidate (spec: `get_swarm` on /storage_rpc/v1, 2xx = pass). */
  testGuard: (node: Snode, signal?: AbortSignal) => Promise<boolean>;
  /** Aborted when the client stops: ends background rebuilds. */
  lifetime?: AbortSignal;
}

/**
 * The "one node per /24" sampling list: for each /24 a random representative, repeated as many
 * times as the subnet has nodes (keeps sampling proportional), minus `exclude`.
 */
export function oneNodePerSubnetList(nodes: readonly Snode[], exclude: ReadonlySet<string>, random: () => number): Snode[] {
  const groups = new Map<string, Snode[]>();
  for (const n of nodes) {
    const key = subnet24(n.ip);
    const g = groups.get(key);
    if (g) g.push(n);
    else groups.set(key, [n]);
  }
  const out: Snode[] = [];
  for (const group of groups.values()) {
    const rep = pickRandom(group, random) as Snode;
    if (exclude.has(rep.ed25519)) continue;
    for (let i = 0; i < group.length; i++) out.push(rep);
  }
  return out;
}

/**
 * Builds up to `count` paths `[guard, n1, n2, ...]` from `candidates` (a sampling list, may repeat):
 * no node is used twice, and no two nodes of one path share a /24.
 */
export function buildPaths(guards: readonly Snode[], candidates: readonly Snode[], hops: number, random: () => number): Snode[][] {
  let pool = candidates.slice();
  const count = Math.floor(Math.min(guards.length, pool.length / (hops - 1)));
  const paths: Snode[][] = [];
  for (const guard of guards.slice(0, count)) {
    const path = [guard];
    const usedSubnets = new Set([subnet24(guard.ip)]);
    while (path.length < hops) {
      const eligible = pool.filter((n) => !usedSubnets.has(subnet24(n.ip)));
      const pick = pickRandom(eligible, random);
      if (!pick) break;
      path.push(pick);
      usedSubnets.add(subnet24(pick.ip));
      pool = pool.filter((n) => n.ed25519 !== pick.ed25519);
    }
    if (path.length === hops) paths.push(path);
  }
  return paths;
}

export class PathManager {
  readonly events = new Emitter<PathEvents>();
  private guards: Snode[] = [];
  private paths: Snode[][] = [];
  private readonly pathStrikes = new Map<string, number>();
  /** The one build under way: a full build (with retries) or a top-up; shared by every caller. */
  private building: { kind: 'full' | 'top-up'; done: Promise<void> } | undefined;
  /** When the last top-up ended short of the wanted guards (rate limit for the next one). */
  private lastShortTopUpAt = Number.NEGATIVE_INFINITY;
  /** Top-ups in a row that ended short (back-off of the scheduled retry). */
  private shortTopUps = 0;
  private cancelRetry: (() => void) | undefined;
  /** A build failed or came up short since the paths were last complete. */
  private degraded = false;

  constructor(private readonly deps: PathDeps) {
    deps.pool.events.on('dropped', ({ ed25519 }) => this.onNodeDropped(ed25519));
    deps.pool.events.on('refreshed', () => this.pathStrikes.clear());
  }

  /** Current paths (copies), for the UI and tests. */
  current(): Snode[][] {
    return this.paths.map((p) => p.slice());
  }

  currentGuards(): Snode[] {
    return this.guards.slice();
  }

  /**
   * Builds paths if there are none (concurrent callers share one build, which only stopping the
   * client aborts: a caller's `signal` ends its own wait, not the build). With fewer guards or paths
   * than wanted, a top-up starts in the background (at most every TOP_UP_INTERVAL_MS).
   */
  async ensure(signal?: AbortSignal): Promise<void> {
    while (this.paths.length === 0) {
      if (signal?.aborted) throw new NetworkError('aborted');
      const current = this.building ?? this.startBuild('full');
      await untilAborted(current.done, signal);
      // A full build that returned has set paths (it throws otherwise); if a concurrent failure took
      // them away already, the caller gets `no-path` rather than another build in a loop.
      if (current.kind === 'full') break;
    }
    if (this.isShort()) void this.topUp();
  }

  /** A random path that does not contain `avoid` (the snode the request targets). */
  async pathAvoiding(avoid?: string, signal?: AbortSignal): Promise<Snode[]> {
    await this.ensure(signal);
    let path = this.pick(avoid);
    if (!path && this.isShort()) {
      // Every remaining path holds the target: a second guard gives a path that does not. A top-up
      // that came up short just now (the network may be back since) is tried again once its
      // interval has passed, rather than failing this request at once.
      const wait = TOP_UP_INTERVAL_MS - (this.deps.clock.now() - this.lastShortTopUpAt);
      if (wait > 0 && !this.building) {
        await this.deps.clock.sleep(wait, signal).catch(() => {
          throw new NetworkError('aborted');
        });
      }
      await untilAborted(this.topUp(), signal);
      path = this.pick(avoid);
    }
    if (!path) throw new NetworkError('no-path', { detail: this.paths.length === 0 ? 'no onion path' : 'no path avoids the target node' });
    return path.slice();
  }

  private pick(avoid: string | undefined): Snode[] | undefined {
    const usable = this.paths.filter((p) => !p.some((n) => n.ed25519 === avoid));
    return pickRandom(usable, this.deps.random);
  }

  /** Fewer guards or paths than the thresholds ask for (paths: as many as the guards allow). */
  private isShort(): boolean {
    const { guardCount, pathCount } = this.deps.thresholds;
    return this.guards.length < guardCount || this.paths.length < Math.min(pathCount, this.guards.length);
  }

  private startBuild(kind: 'full' | 'top-up'): { kind: 'full' | 'top-up'; done: Promise<void> } {
    const work = kind === 'full' ? this.buildWithRetries(this.deps.lifetime) : this.runTopUp();
    const entry = {
      kind,
      done: work.finally(() => {
        if (this.building === entry) this.building = undefined;
      }),
    };
    this.building = entry;
    return entry;
  }

  /**
   * One build that keeps the working guards and tests new ones up to the wanted count, rate
   * limited after a short one. Never rejects: the current paths stay as they are when it fails.
   */
  private topUp(): Promise<void> {
    if (this.building) return this.building.done.catch(() => undefined);
    if (this.deps.clock.now() - this.lastShortTopUpAt < TOP_UP_INTERVAL_MS) return Promise.resolve();
    return this.startBuild('top-up').done;
  }

  private async runTopUp(): Promise<void> {
    this.cancelRetry?.();
    this.cancelRetry = undefined;
    try {
      await this.build(this.deps.lifetime, { keepPaths: true });
    } catch {
      this.degraded = true;
    }
    if (!this.isShort()) {
      this.shortTopUps = 0;
      return;
    }
    this.lastShortTopUpAt = this.deps.clock.now();
    this.shortTopUps++;
    if (this.deps.lifetime?.aborted) return;
    // Recover without waiting for traffic, backing off while the network stays down.
    const delay = Math.min(TOP_UP_RETRY_MAX_MS, TOP_UP_INTERVAL_MS * 2 ** (this.shortTopUps - 1));
    const cancel = this.deps.clock.setTimeout(() => {
      if (this.cancelRetry !== cancel || this.deps.lifetime?.aborted) return;
      this.cancelRetry = undefined;
      if (this.paths.length > 0 && this.isShort()) void this.topUp();
    }, delay);
    this.cancelRetry = cancel;
  }

  private async buildWithRetries(signal?: AbortSignal): Promise<void> {
    let last: NetworkError | undefined;
    for (let attempt = 1; attempt <= BUILD_ATTEMPTS; attempt++) {
      if (signal?.aborted) throw new NetworkError('aborted');
      try {
        await this.build(signal);
        return;
      } catch (err) {
        this.degraded = true;
        last = err instanceof NetworkError ? err : new NetworkError('no-path', { detail: String(err), cause: err });
        if (last.kind === 'aborted') throw last;
        if (attempt < BUILD_ATTEMPTS) await this.deps.clock.sleep(BUILD_DELAY_MS, signal);
      }
    }
    const error = last ?? new NetworkError('no-path');
    this.events.emit('failed', { error });
    throw error;
  }

  /**
   * One build: make sure of the pool, select guards (reusing persisted ones), then paths. With
   * `keepPaths` (a top-up), paths that exist stay as they are when no new guard was found.
   */
  async build(signal?: AbortSignal, options: { keepPaths?: boolean } = {}): Promise<void> {
    const { pool, thresholds } = this.deps;
    await pool.ensure(signal);
    const guardsBefore = this.guards.map((g) => g.ed25519).join();
    await this.selectGuards(signal);
    const sameGuards = this.guards.map((g) => g.ed25519).join() === guardsBefore;
    if (options.keepPaths && sameGuards && this.paths.length >= Math.min(thresholds.pathCount, this.guards.length)) return;
    const exclude = new Set(this.guards.map((g) => g.ed25519));
    const candidates = oneNodePerSubnetList(pool.all(), exclude, this.deps.random);
    const paths = buildPaths(this.guards, candidates, thresholds.hops, this.deps.random).slice(0, thresholds.pathCount);
    if (paths.length === 0) throw new NetworkError('no-path', { detail: 'not enough distinct /24 subnets for a path' });
    this.paths = paths;
    this.events.emit('changed', { paths: this.current() });
    if (this.isShort()) {
      this.degraded = true;
    } else if (this.degraded) {
      this.degraded = false;
      this.events.emit('restored', { paths: this.current() });
    }
  }

  private async selectGuards(signal?: AbortSignal): Promise<void> {
    const { pool, store, thresholds } = this.deps;
    if (!pool.usable) throw new NetworkError('pool-too-small');
    const wanted = thresholds.guardCount;
    const guards = this.guards.filter((g) => pool.has(g.ed25519));
    if (guards.length < wanted) {
      for (const ed of await store.loadGuards()) {
        const node = pool.get(ed);
        if (node && !guards.some((g) => g.ed25519 === ed) && guards.length < wanted) guards.push(node);
      }
    }
    const tried = new Set(guards.map((g) => g.ed25519));
    for (let round = 0; round < GUARD_ROUNDS && guards.length < wanted; round++) {
      if (signal?.aborted) throw new NetworkError('aborted');
      const used = new Set(guards.map((g) => subnet24(g.ip)));
      const candidates = shuffled(
        pool.all().filter((n) => !tried.has(n.ed25519) && !used.has(subnet24(n.ip))),
        this.deps.random,
      ).slice(0, wanted - guards.length);
      if (candidates.length === 0) break;
      candidates.forEach((c) => tried.add(c.ed25519));
      const results = await Promise.all(candidates.map((c) => this.deps.testGuard(c, signal).catch(() => false)));
      candidates.forEach((c, i) => {
        if (results[i] && guards.length < wanted && !guards.some((g) => subnet24(g.ip) === subnet24(c.ip))) guards.push(c);
      });
    }
    if (guards.length === 0) throw new NetworkError('no-path', { detail: 'no guard node passed the reachability test' });
    this.guards = guards;
    await store.saveGuards(guards.map((g) => g.ed25519));
  }

  /**
   * A request through the path of `guard` failed at the path level: +1 for each non-guard node (they
   * are dropped at 3) and +1 for the path; at 3 the guard leaves the pool and the paths are rebuilt.
   */
  async recordPathFailure(guard: string): Promise<void> {
    const path = this.paths.find((p) => p[0]?.ed25519 === guard);
    if (!path) return;
    for (const n of path.slice(1)) await this.deps.pool.recordFailure(n.ed25519);
    const count = (this.pathStrikes.get(guard) ?? 0) + 1;
    if (count >= this.deps.thresholds.pathFailureThreshold) {
      this.pathStrikes.delete(guard);
      await this.dropGuard(guard);
    } else {
      this.pathStrikes.set(guard, count);
    }
  }

  pathFailureCount(guard: string): number {
    return this.pathStrikes.get(guard) ?? 0;
  }

  private async dropGuard(guard: string): Promise<void> {
    this.paths = this.paths.filter((p) => p[0]?.ed25519 !== guard);
    this.guards = this.guards.filter((g) => g.ed25519 !== guard);
    await this.deps.store.saveGuards(this.guards.map((g) => g.ed25519));
    await this.deps.pool.drop(guard);
    // Rebuild all paths around the remaining guard and a newly tested one, in the background; a
    // request arriving meanwhile waits on ensure().
    this.paths = [];
    this.events.emit('changed', { paths: [] });
    void this.ensure().catch(() => undefined);
  }

  /** A node left the pool: a guard takes its path with it; a relay is replaced by a random fresh node. */
  private onNodeDropped(ed25519: string): void {
    if (this.guards.some((g) => g.ed25519 === ed25519)) {
      this.guards = this.guards.filter((g) => g.ed25519 !== ed25519);
      const hadPath = this.paths.some((p) => p[0]?.ed25519 === ed25519);
      this.paths = this.paths.filter((p) => p[0]?.ed25519 !== ed25519);
      void this.deps.store.saveGuards(this.guards.map((g) => g.ed25519));
      if (hadPath) {
        // The next request rebuilds (keeping the surviving guard, testing a new one).
        this.paths = [];
        this.events.emit('changed', { paths: [] });
      }
      return;
    }
    let changed = false;
    this.paths = this.paths.flatMap((path) => {
      const i = path.findIndex((n) => n.ed25519 === ed25519);
      if (i < 0) return [path];
      changed = true;
      const rest = path.filter((_, k) => k !== i);
      const used = new Set(this.paths.flat().map((n) => n.ed25519));
      const subnets = new Set(rest.map((n) => subnet24(n.ip)));
      const replacement = pickRandom(
        this.deps.pool.all().filter((n) => !used.has(n.ed25519) && !subnets.has(subnet24(n.ip))),
        this.deps.random,
      );
      return replacement ? [[...rest, replacement]] : [];
    });
    if (changed) this.events.emit('changed', { paths: this.current() });
  }

  /** Forget guards and paths (e.g. after the network changes); the next request rebuilds. */
  reset(): void {
    this.paths = [];
    this.guards = [];
    this.pathStrikes.clear();
    this.lastShortTopUpAt = Number.NEGATIVE_INFINITY;
    this.shortTopUps = 0;
    this.cancelRetry?.();
    this.cancelRetry = undefined;
  }

  /** Cancels a scheduled top-up (the client stops). */
  close(): void {
    this.cancelRetry?.();
    this.cancelRetry = undefined;
  }
}
