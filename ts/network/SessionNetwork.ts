// The network client facade one backend creates (no singletons): pool, paths, swarms, onion
// transport and network time wired together, with the schedule of spec §1.5 and §5.3.
import { randomInt } from 'node:crypto';
import {
  buildGetServiceNodesRequest,
  buildOnsResolveRequest,
  decryptOnsValue,
  onsNameHash,
  parseOnsResolveResponse,
  validateOnsName,
  buildGetSwarmRequest,
  buildExpireRequest,
  buildRetrieveRequest,
  buildStoreRequest,
  buildDeleteAllRequest,
  buildDeleteRequest,
  buildRevokeSubaccountRequest,
  parseDeleteAllResponse,
  parseDeleteResponse,
  parseExpireResponse,
  parseGetServiceNodesResponse,
  parseGetSwarmResponse,
  parseRetrieveResponse,
  parseStoreResponse,
  secureRandom,
  messageHash,
  storeSignatureValid,
  type RetrievedMessage,
  type RpcSigner,
} from '../protocol';
import { withRetries } from './backoff';
import { loadCustomNetwork, type CommunityServerDescription, type NetworkConfig, type ServerTarget } from './config';
import { Emitter } from './events';
import {
  downloadFromFileServer,
  uploadToFileServer,
  type FileTransferDeps,
  type FileTransferOptions,
  type SendToServerOptions,
  type UploadedFile,
} from './fileTransfer';
import { NetworkError, toNetworkError } from './errors';
import { createHttpClient, type HttpClient } from './http';
import { NetworkClock } from './networkClock';
import { protocolOnionCodec, type OnionCodec, type V4Request, type V4Response } from './onionCodec';
import { OnionTransport, SNODE_RPC_TIMEOUT_MS } from './onionTransport';
import { PathManager } from './paths';
import { SnodePool } from './pool';
import { CAMOUFLAGE_HEADERS } from './seeds';
import { SnodeRpc, parseMaybeJson, type RequestBuilder } from './snodeRpc';
import type { NetworkStore } from './store';
import { SwarmCache, assertSwarmOwner } from './swarms';
import { pickRandom, shuffled, systemClock, type Clock, type Snode } from './types';

export type { RetrievedMessage, RpcSigner };
export type { FileTransferOptions, SendToServerOptions, UploadedFile };

/** How far in the past an `expire` expiry may be before nodes refuse it (spec network §2.6.9: now − 60 s). */
const EXPIRE_PAST_TOLERANCE_MS = 60_000;

export interface NetworkSchedule {
  /** First scheduled pool refresh after start (spec: 5 min). */
  firstPoolRefreshMs: number;
  /** Pool refresh period (spec: 1 h). */
  poolRefreshEveryMs: number;
  /** Own swarm refresh period (spec: 1 h). */
  ownSwarmRefreshEveryMs: number;
}

export const DEFAULT_SCHEDULE: NetworkSchedule = {
  firstPoolRefreshMs: 5 * 60_000,
  poolRefreshEveryMs: 60 * 60_000,
  ownSwarmRefreshEveryMs: 60 * 60_000,
};

/** Total time limits (ms) for one exchange; a reply still arriving when one runs out is cut off. */
export interface NetworkTimeouts {
  /** One onion request to a service node (spec §6.10: 10 s). */
  rpcMs: number;
  /** The direct guard test (spec §6.8: 10 s). */
  guardTestMs: number;
}

export const DEFAULT_TIMEOUTS: NetworkTimeouts = { rpcMs: SNODE_RPC_TIMEOUT_MS, guardTestMs: 10_000 };

/** A guard test's answer is a small get_swarm: anything bigger is refused before it is buffered. */
const GUARD_TEST_MAX_BYTES = 256 * 1024;

export interface SessionNetworkOptions {
  config: NetworkConfig;
  store: NetworkStore;
  http?: HttpClient;
  /** Timers and sleeps (tests pass a manual clock). */
  clock?: Clock;
  /** Local wall clock in ms (defaults to clock.now). */
  now?: () => number;
  /** Uniform [0,1) (node and path choices). */
  random?: () => number;
  /** Secure random bytes (onion ephemeral keys). */
  randomBytes?: (n: number) => Uint8Array;
  /** Onion layer codec (defaults to ts/protocol's). */
  codec?: OnionCodec;
  /** Our Session ID: used for guard tests and refreshed hourly as our own swarm. */
  ownPubkey?: string;
  schedule?: Partial<NetworkSchedule>;
  /** Shorter limits for tests; the defaults follow the spec. */
  timeouts?: Partial<NetworkTimeouts>;
}

/** A path as the UI's path dialog shows it. */
export interface PathInfo {
  nodes: { ip: string; port: number; ed25519: string }[];
}

export interface NetworkEvents extends Record<string, unknown> {
  /** Onion paths changed: 'ready' with paths, 'building' with none yet, 'failed' with a user-facing message. */
  paths: { status: 'ready' | 'building' | 'failed'; paths: PathInfo[]; error?: string };
  /** Full paths are back after builds failed or came up short (e.g. the network was down): retry what waits. */
  restored: { paths: PathInfo[] };
}

export interface StoreResultInfo {
  hash: string;
  /** Network time the node stored it at, if it said. */
  t?: number;
  /** Swarm member the message was stored through. */
  node: string;
}

/** One swarm member's answer to `delete_all` (its signature over the deleted hashes checked). */
export interface DeleteAllMemberResult {
  node: string;
  ok: boolean;
  /** Hashes the member deleted (ok) or why it failed. */
  deleted?: string[];
  reason?: string;
}

/** One swarm member's answer to `expire` (its signature over the outcome checked). */
export interface ExpireMemberResult {
  node: string;
  ok: boolean;
  /** The expiry the member applied (capped at now + 30 days). */
  expiry?: number;
  /** Hashes whose expiry changed. */
  updated?: string[];
  /** With shorten/extend: hashes left as they were (the change would have gone the other way), with their expiry. */
  unchanged?: Record<string, number>;
  reason?: string;
}

export interface RetrieveNamespace {
  namespace: number;
  /** `max_size`; defaults follow the reference client's split (spec §10.2). */
  maxSize?: number;
}

export interface NodeRetrieveResult {
  /** Ed25519 of the node asked: last hashes are tracked per node. */
  node: string;
  namespaces: { namespace: number; code: number; messages: RetrievedMessage[]; more: boolean }[];
  /** Status code of the expiry bump (RetrieveOptions.bumpExpiry), when one was sent. */
  expireCode?: number;
}

export interface RetrieveResult {
  perNode: NodeRetrieveResult[];
  /** Messages per namespace from all answering nodes, de-duplicated by hash, in first-seen order. */
  merged: Map<number, RetrievedMessage[]>;
  /** Nodes that failed, with why (the poll still succeeds if one node answered). */
  failures: { node: string; error: NetworkError }[];
}

export interface RetrieveOptions {
  signer: RpcSigner;
  signal?: AbortSignal;
  /** Group polling tolerates 401 (removed from the group). */
  allow401?: boolean;
  /**
   * Hashes whose expiry each asked node sets to `expiryMs` in the same batch (spec advanced B.10: the live
   * config messages, bumped to now + 30 days on every poll). Best effort: its result does not fail the poll
   * and is reported per node as `expireCode`.
   */
  bumpExpiry?: { hashes: readonly string[]; expiryMs: number };
}

/** Last hash seen from `node` for `namespace` (empty/undefined = from the start). */
export type LastHashLookup = (node: string, namespace: number) => string | undefined;

/**
 * max_size per namespace (spec §10.2): namespaces 0 and 11 have priority; each priority bucket splits
 * its budget evenly, keeping one extra share for lower buckets. [0,2,3,4,5] → 0: −2, others −8.
 */
export function defaultMaxSizes(namespaces: readonly number[]): Map<number, number> {
  const out = new Map<number, number>();
  if (namespaces.length <= 1) return out;
  const high = namespaces.filter((n) => n === 0 || n === 11);
  const low = namespaces.filter((n) => n !== 0 && n !== 11);
  const buckets = [high, low].filter((b) => b.length > 0);
  let denominator = 1;
  buckets.forEach((bucket, i) => {
    const shares = bucket.length + (i < buckets.length - 1 ? 1 : 0);
    for (const ns of bucket) out.set(ns, -(denominator * shares));
    denominator *= shares;
  });
  return out;
}

export class SessionNetwork {
  readonly events = new Emitter<NetworkEvents>();
  readonly config: NetworkConfig;
  private readonly http: HttpClient;
  private readonly ownsHttp: boolean;
  private readonly clock: Clock;
  private readonly localNow: () => number;
  private readonly random: () => number;
  private readonly networkClock: NetworkClock;
  private readonly pool: SnodePool;
  private readonly paths: PathManager;
  private readonly transport: OnionTransport;
  private readonly rpc: SnodeRpc;
  private readonly swarms: SwarmCache;
  private readonly schedule: NetworkSchedule;
  private readonly timeouts: NetworkTimeouts;
  private ownPubkey: string | undefined;
  private lifetime = new AbortController();
  private cancelTimers: (() => void)[] = [];
  private state: 'idle' | 'started' | 'stopped' = 'idle';
  private learnedFileServer: Promise<ServerTarget | undefined> | undefined;
  private learnedCommunityServer: Promise<CommunityServerDescription | undefined> | undefined;

  constructor(options: SessionNetworkOptions) {
    this.config = options.config;
    this.ownsHttp = !options.http;
    this.http = options.http ?? createHttpClient();
    this.clock = options.clock ?? systemClock();
    this.localNow = options.now ?? this.clock.now;
    this.random = options.random ?? (() => randomInt(0, 2 ** 48 - 1) / 2 ** 48);
    const randomBytes = options.randomBytes ?? secureRandom;
    this.schedule = { ...DEFAULT_SCHEDULE, ...options.schedule };
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.ownPubkey = options.ownPubkey;
    this.networkClock = new NetworkClock(this.localNow);
    const thresholds = this.config.thresholds;
    this.pool = new SnodePool({
      seeds: this.config.seeds,
      thresholds,
      store: options.store,
      http: this.http,
      clock: this.clock,
      random: this.random,
      lifetime: this.lifetime.signal,
    });
    this.paths = new PathManager({
      pool: this.pool,
      store: options.store,
      thresholds,
      clock: this.clock,
      random: this.random,
      testGuard: (node, signal) => this.testGuard(node, signal),
      lifetime: this.lifetime.signal,
    });
    this.transport = new OnionTransport({
      http: this.http,
      codec: options.codec ?? protocolOnionCodec(randomBytes),
      paths: this.paths,
      pool: this.pool,
    });
    this.rpc = new SnodeRpc({ transport: this.transport, clock: this.networkClock, localNow: this.localNow, pool: this.pool });
    this.swarms = new SwarmCache({
      pool: this.pool,
      store: options.store,
      thresholds,
      random: this.random,
      fetchFresh: (pk, signal) => this.fetchSwarm(pk, signal),
    });
    this.rpc.setSwarmCache(this.swarms);
    this.pool.setNodeListFetcher((node, signal) => this.fetchNodeList(node, signal));
    this.paths.events.on('changed', ({ paths }) =>
      this.events.emit('paths', { status: paths.length > 0 ? 'ready' : 'building', paths: paths.map(toPathInfo) }),
    );
    this.paths.events.on('failed', ({ error }) => this.events.emit('paths', { status: 'failed', paths: [], error: error.message }));
    // Full paths are back after failed or short builds (e.g. after an outage): nodes dropped and
    // strikes counted meanwhile are suspect, so refresh the pool now (which resets the counters,
    // spec §1.5 item 4) instead of at the next scheduled refresh.
    this.paths.events.on('restored', ({ paths }) => {
      if (this.state !== 'started') return;
      this.events.emit('restored', { paths: paths.map(toPathInfo) });
      void this.pool.forceRefresh(this.lifetime.signal).catch((err: unknown) => {
        console.warn('network: pool refresh after path recovery failed:', toNetworkError(err).detail ?? String(err));
      });
    });
  }

  /** Starts background work: path building now, pool refresh after 5 min then hourly, own swarm hourly. */
  start(): void {
    if (this.state !== 'idle') return;
    this.state = 'started';
    this.events.emit('paths', { status: 'building', paths: [] });
    void this.paths.ensure(this.lifetime.signal).catch(() => undefined); // failure is reported by the 'paths' event
    const refreshPool = (): void => {
      void this.pool.forceRefresh(this.lifetime.signal).catch((err: unknown) => {
        console.warn('network: scheduled pool refresh failed:', toNetworkError(err).detail ?? String(err));
      });
    };
    this.cancelTimers.push(
      this.clock.setTimeout(() => {
        refreshPool();
        this.cancelTimers.push(this.clock.setInterval(refreshPool, this.schedule.poolRefreshEveryMs));
      }, this.schedule.firstPoolRefreshMs),
      this.clock.setInterval(() => {
        if (!this.ownPubkey) return;
        void this.swarms.refresh(this.ownPubkey, this.lifetime.signal).catch((err: unknown) => {
          console.warn('network: own swarm refresh failed:', toNetworkError(err).detail ?? String(err));
        });
      }, this.schedule.ownSwarmRefreshEveryMs),
    );
  }

  /** Stops timers, aborts background work and closes connections. Idempotent. */
  stop(): void {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    for (const cancel of this.cancelTimers) cancel();
    this.cancelTimers = [];
    this.lifetime.abort(new NetworkError('stopped'));
    this.paths.close();
    if (this.ownsHttp) this.http.close();
  }

  /** Sets (or changes) our own Session ID after sign-in. */
  setOwnPubkey(pubkey: string | undefined): void {
    this.ownPubkey = pubkey === undefined ? undefined : assertSwarmOwner(pubkey);
  }

  /** Resolves once paths exist (building them if needed). */
  async ready(signal?: AbortSignal): Promise<void> {
    this.assertRunning();
    await this.paths.ensure(signal);
  }

  /** Network time (ms): local clock corrected by the offset learned from service nodes. */
  networkNow(): number {
    return this.networkClock.now();
  }

  /** Current onion paths for the UI. */
  getPaths(): PathInfo[] {
    return this.paths.current().map(toPathInfo);
  }

  /** Swarm members of an account (cached, or fetched through onion). */
  async getSwarm(pubkey: string, signal?: AbortSignal): Promise<Snode[]> {
    this.assertRunning();
    return this.swarms.get(pubkey, signal);
  }

  /**
   * Stores a message on the recipient's swarm (`sequence` with one `store`; 3 tries on random
   * members, 10 s each). `timestampMs` defaults to network time (and is corrected after a 406).
   */
  async storeMessage(
    pubkey: string,
    namespace: number,
    data: Uint8Array,
    ttlMs: number,
    timestampMs?: number,
    auth?: RpcSigner,
    options: { signal?: AbortSignal } = {},
  ): Promise<StoreResultInfo> {
    this.assertRunning();
    const pk = assertSwarmOwner(pubkey);
    const signal = this.linkSignal(options.signal);
    return this.onSwarmMember(pk, signal, async (node) => {
      const build: RequestBuilder = (now) => [
        buildStoreRequest({ pubkey: pk, namespace, data, ttlMs, timestampMs: timestampMs ?? now, ...(auth ? { signer: auth } : {}) }),
      ];
      const [result] = await this.rpc.call(node, guardBuild(build), {
        kind: 'sequence',
        associatedWith: pk,
        timeoutMs: this.timeouts.rpcMs,
        signal,
      });
      if (!result) throw await this.lyingNode(node, 'store returned no result');
      expectOk(result.code, result.body, 'store');
      const stored = await this.checkStored(node, pk, namespace, data, result.body);
      return { hash: stored.hash, ...(stored.t !== undefined ? { t: stored.t } : {}), node: node.ed25519 };
    });
  }

  /**
   * Stores config messages in our own swarm and deletes the hashes they replace, in one signed
   * `sequence` (spec advanced B.6, B.10): every `store` first, in order, then one `delete`; the
   * sequence stops at the first failure, so nothing is deleted unless every part is stored. Returns
   * the stored hashes in order. 3 tries on random swarm members, as storeMessage.
   */
  async storeConfig(
    signer: RpcSigner,
    stores: readonly { namespace: number; data: Uint8Array; ttlMs: number }[],
    deleteHashes: readonly string[],
    options: {
      signal?: AbortSignal;
      /** Group admins (spec advanced C.7, C.9): member tokens to revoke / unrevoke, after the delete, in the same sequence. */
      revoke?: readonly Uint8Array[];
      unrevoke?: readonly Uint8Array[];
    } = {},
  ): Promise<{ hashes: string[]; node: string }> {
    this.assertRunning();
    const pk = assertSwarmOwner(signer.pubkey);
    if (stores.length === 0) throw new NetworkError('bad-response', { detail: 'a config push stores at least one message' });
    const signal = this.linkSignal(options.signal);
    const revoke = options.revoke ?? [];
    const unrevoke = options.unrevoke ?? [];
    return this.onSwarmMember(pk, signal, async (node) => {
      const build: RequestBuilder = (now) => [
        ...stores.map((s) => buildStoreRequest({ pubkey: pk, namespace: s.namespace, data: s.data, ttlMs: s.ttlMs, timestampMs: now, signer })),
        ...(deleteHashes.length > 0 ? [buildDeleteRequest({ signer, hashes: deleteHashes })] : []),
        ...(revoke.length > 0 ? [buildRevokeSubaccountRequest({ signer, method: 'revoke_subaccount', tokens: revoke, timestampMs: now })] : []),
        ...(unrevoke.length > 0 ? [buildRevokeSubaccountRequest({ signer, method: 'unrevoke_subaccount', tokens: unrevoke, timestampMs: now })] : []),
      ];
      const results = await this.rpc.call(node, guardBuild(build), { kind: 'sequence', associatedWith: pk, timeoutMs: this.timeouts.rpcMs, signal });
      const hashes: string[] = [];
      for (let i = 0; i < stores.length; i++) {
        const r = results[i];
        if (!r) throw await this.lyingNode(node, `config store ${i + 1} returned no result`);
        expectOk(r.code, r.body, 'store');
        const s = stores[i] as { namespace: number; data: Uint8Array };
        hashes.push((await this.checkStored(node, pk, s.namespace, s.data, r.body)).hash);
      }
      let at = stores.length;
      if (deleteHashes.length > 0) {
        const d = results[at++];
        if (!d) throw new NetworkError('bad-response', { detail: 'the delete of replaced config hashes returned no result' });
        expectOk(d.code, d.body, 'delete');
      }
      for (const [what, list] of [
        ['revoke_subaccount', revoke],
        ['unrevoke_subaccount', unrevoke],
      ] as const) {
        if (list.length === 0) continue;
        const r = results[at++];
        if (!r) throw new NetworkError('bad-response', { detail: `${what} returned no result` });
        expectOk(r.code, r.body, what);
      }
      return { hashes, node: node.ed25519 };
    });
  }

  /**
   * Deletes every message of the signer's account in every namespace (`delete_all` with namespace
   * "all", spec §2.6.7), sent to one swarm member which forwards it to the whole swarm; returns each
   * member's outcome, its signature over `PUBKEY || timestamp || sorted hashes` verified. Up to 3 tries
   * on different members when a try fails as a whole.
   */
  async deleteAll(signer: RpcSigner, options: { signal?: AbortSignal } = {}): Promise<DeleteAllMemberResult[]> {
    this.assertRunning();
    const pk = assertSwarmOwner(signer.pubkey);
    const signal = this.linkSignal(options.signal);
    return this.onSwarmMember(pk, signal, async (node) => {
      // The members sign the timestamp we sent; a clock-skew retry rebuilds with a corrected one.
      let sentTimestamp = 0;
      const build: RequestBuilder = (now) => {
        sentTimestamp = now;
        return [buildDeleteAllRequest({ signer, namespace: 'all', timestampMs: now })];
      };
      const [result] = await this.rpc.call(node, guardBuild(build), { associatedWith: pk, timeoutMs: this.timeouts.rpcMs, signal });
      if (!result) throw new NetworkError('bad-response', { detail: 'delete_all returned no result' });
      expectOk(result.code, result.body, 'delete_all');
      const parsed = parseDeleteAllResponse(parseMaybeJson(result.body), pk, sentTimestamp);
      if (!parsed.ok) throw await this.lyingNode(node, parsed.error.detail ?? parsed.error.message);
      await this.strikeIfOwnEntryForged(node, parsed.value);
      return parsed.value.map((m) => (m.ok ? { node: m.ed25519, ok: true, deleted: m.value } : { node: m.ed25519, ok: false, reason: m.reason }));
    });
  }

  /**
   * Deletes these messages from the signer's own swarm (`delete`, spec messaging §6.10 step 1): one swarm
   * member forwards it to the whole swarm; each member's signature over `PUBKEY || requested || deleted` is
   * verified. Fails unless at least one member confirmed. Up to 3 tries on different members.
   */
  async deleteMessages(signer: RpcSigner, hashes: readonly string[], options: { signal?: AbortSignal } = {}): Promise<DeleteAllMemberResult[]> {
    this.assertRunning();
    const pk = assertSwarmOwner(signer.pubkey);
    if (hashes.length === 0) return [];
    const signal = this.linkSignal(options.signal);
    return this.onSwarmMember(pk, signal, async (node) => {
      const build: RequestBuilder = () => [buildDeleteRequest({ signer, hashes })];
      const [result] = await this.rpc.call(node, guardBuild(build), { associatedWith: pk, timeoutMs: this.timeouts.rpcMs, signal });
      if (!result) throw new NetworkError('bad-response', { detail: 'delete returned no result' });
      expectOk(result.code, result.body, 'delete');
      const parsed = parseDeleteResponse(parseMaybeJson(result.body), pk, hashes);
      if (!parsed.ok) throw await this.lyingNode(node, parsed.error.detail ?? parsed.error.message);
      await this.strikeIfOwnEntryForged(node, parsed.value);
      const members = parsed.value.map((m) => (m.ok ? { node: m.ed25519, ok: true, deleted: m.value } : { node: m.ed25519, ok: false, reason: m.reason }));
      if (!members.some((m) => m.ok)) {
        throw new NetworkError('bad-response', { detail: 'no swarm member confirmed the delete' }, 'No service node confirmed the deletion. Please try again.');
      }
      return members;
    });
  }

  /**
   * Sets the expiry of these messages in the signer's own swarm (`expire`; `shorten` only ever brings it
   * forward, spec messaging §6.12 after-read timers). Returns each member's verified outcome; fails unless at
   * least one member confirmed. Up to 3 tries on different members.
   */
  async expireMessages(
    signer: RpcSigner,
    hashes: readonly string[],
    expiryMs: number,
    mode: 'shorten' | 'extend' | '',
    options: { signal?: AbortSignal } = {},
  ): Promise<ExpireMemberResult[]> {
    this.assertRunning();
    const pk = assertSwarmOwner(signer.pubkey);
    if (hashes.length === 0) return [];
    // Nodes answer an expiry over 60 s in the past with 401, which would read as a refused signature.
    if (expiryMs < this.networkNow() - EXPIRE_PAST_TOLERANCE_MS) {
      throw new NetworkError('rejected', { detail: `expire: expiry ${expiryMs} is in the past` }, 'The new expiry time is already past.');
    }
    const signal = this.linkSignal(options.signal);
    return this.onSwarmMember(pk, signal, async (node) => {
      const build: RequestBuilder = () => [buildExpireRequest({ signer, hashes, expiryMs, mode })];
      const [result] = await this.rpc.call(node, guardBuild(build), { associatedWith: pk, timeoutMs: this.timeouts.rpcMs, signal });
      if (!result) throw new NetworkError('bad-response', { detail: 'expire returned no result' });
      expectOk(result.code, result.body, 'expire');
      const parsed = parseExpireResponse(parseMaybeJson(result.body), pk, hashes);
      if (!parsed.ok) throw await this.lyingNode(node, parsed.error.detail ?? parsed.error.message);
      await this.strikeIfOwnEntryForged(node, parsed.value);
      const members = parsed.value.map((m) =>
        m.ok
          ? { node: m.ed25519, ok: true, expiry: m.value.expiry, updated: m.value.updated, unchanged: m.value.unchanged }
          : { node: m.ed25519, ok: false, reason: m.reason },
      );
      if (!members.some((m) => m.ok)) {
        throw new NetworkError('bad-response', { detail: 'no swarm member confirmed the expiry' }, 'No service node confirmed the new expiry time. Please try again.');
      }
      return members;
    });
  }

  /**
   * One poll (spec §10.2): asks 2 random swarm members in parallel for every namespace (signed
   * retrieves), returns per-node answers (for per-node last hashes) and the de-duplicated merge.
   */
  async retrieve(
    pubkey: string,
    namespaces: readonly (number | RetrieveNamespace)[],
    lastHashes: LastHashLookup,
    options: RetrieveOptions,
  ): Promise<RetrieveResult> {
    this.assertRunning();
    const pk = assertSwarmOwner(pubkey);
    const signal = this.linkSignal(options.signal);
    const specs = namespaces.map((n) => (typeof n === 'number' ? { namespace: n } : n));
    const defaults = defaultMaxSizes(specs.map((s) => s.namespace));
    let swarm = await this.swarms.get(pk, signal);
    if (swarm.length < this.config.thresholds.pollNodes) swarm = await this.swarms.refresh(pk, signal);
    const nodes = shuffled(swarm, this.random).slice(0, this.config.thresholds.pollNodes);
    if (nodes.length < this.config.thresholds.pollNodes) {
      throw new NetworkError('swarm-unavailable', { detail: `swarm has ${nodes.length} usable nodes` });
    }
    const settled = await Promise.allSettled(
      nodes.map(async (node): Promise<NodeRetrieveResult> => {
        const bump = options.bumpExpiry && options.bumpExpiry.hashes.length > 0 ? options.bumpExpiry : undefined;
        const build: RequestBuilder = (now) => [
          ...specs.map((s) => {
            const maxSize = s.maxSize ?? defaults.get(s.namespace);
            const lastHash = lastHashes(node.ed25519, s.namespace);
            return buildRetrieveRequest({
              signer: options.signer,
              namespace: s.namespace,
              timestampMs: now,
              ...(lastHash ? { lastHash } : {}),
              ...(maxSize !== undefined ? { maxSize } : {}),
            });
          }),
          ...(bump ? [buildExpireRequest({ signer: options.signer, hashes: bump.hashes, expiryMs: bump.expiryMs, mode: '' })] : []),
        ];
        const results = await this.rpc.call(node, guardBuild(build), {
          associatedWith: pk,
          timeoutMs: this.timeouts.rpcMs,
          signal,
          allow401: options.allow401 ?? false,
        });
        const perNamespace: NodeRetrieveResult['namespaces'] = [];
        for (const [i, s] of specs.entries()) {
          const r = results[i];
          if (!r || r.code !== 200) {
            perNamespace.push({ namespace: s.namespace, code: r?.code ?? 0, messages: [], more: false });
            continue;
          }
          const parsed = parseRetrieveResponse(parseMaybeJson(r.body));
          if (!parsed.ok) throw await this.lyingNode(node, parsed.error.detail ?? parsed.error.message);
          // A message's hash is a digest of its data (spec §4.1): a node cannot alter one and keep the other.
          const forged = parsed.value.messages.find((m) => m.hash !== messageHash(pk, s.namespace, m.data));
          if (forged) throw await this.lyingNode(node, `retrieve: message ${forged.hash} does not match its data`);
          perNamespace.push({ namespace: s.namespace, code: 200, messages: parsed.value.messages, more: parsed.value.more });
        }
        return {
          node: node.ed25519,
          namespaces: perNamespace,
          ...(bump ? { expireCode: results[specs.length]?.code ?? 0 } : {}),
        };
      }),
    );
    const perNode: NodeRetrieveResult[] = [];
    const failures: { node: string; error: NetworkError }[] = [];
    settled.forEach((s, i) => {
      if (s.status === 'fulfilled') perNode.push(s.value);
      else failures.push({ node: (nodes[i] as Snode).ed25519, error: toNetworkError(s.reason) });
    });
    if (perNode.length === 0) throw (failures[0] as { error: NetworkError }).error;
    const merged = new Map<number, RetrievedMessage[]>();
    for (const s of specs) {
      const seen = new Set<string>();
      const list: RetrievedMessage[] = [];
      for (const n of perNode) {
        for (const m of n.namespaces.find((x) => x.namespace === s.namespace)?.messages ?? []) {
          if (!seen.has(m.hash)) {
            seen.add(m.hash);
            list.push(m);
          }
        }
      }
      merged.set(s.namespace, list);
    }
    return { perNode, merged, failures };
  }

  /**
   * Resolves an ONS name to a Session ID (spec §9): asks 3 random pool nodes; all three must answer
   * and agree. Unknown names fail with `not-found`; invalid names with `rejected`.
   */
  async onsResolve(name: string, signal?: AbortSignal): Promise<string> {
    this.assertRunning();
    if (!this.config.onsEnabled) {
      throw new NetworkError('not-configured', { detail: 'ONS is disabled on this network' }, 'Names (ONS) are not available on this network.');
    }
    const valid = validateOnsName(name);
    if (!valid.ok) throw new NetworkError('rejected', { detail: valid.error.detail ?? valid.error.message }, valid.error.message);
    const lower = valid.value;
    const linked = this.linkSignal(signal);
    await this.pool.ensure(linked);
    const askers = shuffled(this.pool.all(), this.random).slice(0, 3);
    if (askers.length < 3) throw new NetworkError('pool-too-small');
    const hash = onsNameHash(lower);
    const answers = await Promise.all(
      askers.map(async (node) => {
        const [r] = await this.rpc.call(node, () => [buildOnsResolveRequest(hash)], { timeoutMs: this.timeouts.rpcMs, signal: linked });
        if (!r) throw await this.lyingNode(node, 'ons_resolve returned nothing');
        expectOk(r.code, r.body, 'ons_resolve');
        const parsed = parseOnsResolveResponse(parseMaybeJson(r.body));
        if (!parsed.ok) throw await this.lyingNode(node, parsed.error.detail ?? parsed.error.message);
        if (parsed.value === null) throw new NetworkError('not-found', { detail: 'no such ONS name' }, `The name "${lower}" is not registered.`);
        const id = decryptOnsValue(lower, parsed.value.encryptedValue, parsed.value.nonce);
        if (!id.ok) throw new NetworkError('bad-response', { detail: id.error.detail ?? id.error.message }, id.error.message);
        return id.value;
      }),
    );
    if (new Set(answers).size !== 1) {
      throw new NetworkError('bad-response', { detail: 'ONS answers disagree' }, 'The network gave conflicting answers for this name.');
    }
    return answers[0] as string;
  }

  /** Same as onsResolve (the name the backend's engine looks for). */
  resolveOns(name: string, signal?: AbortSignal): Promise<string> {
    return this.onsResolve(name, signal);
  }

  /**
   * Sends a v4 request to a server (default: this network's file server) through onion paths:
   * 3 attempts on fresh paths; 5xx retried, other codes returned for the caller to interpret.
   */
  async sendToServer(request: V4Request, options: SendToServerOptions = {}): Promise<V4Response> {
    this.assertRunning();
    const server = options.server ?? (await this.fileServer(options.signal));
    if (!server) {
      throw new NetworkError('not-configured', { detail: 'no file server for this network' }, 'This network has no file server configured.');
    }
    const signal = this.linkSignal(options.signal);
    return withRetries(this.clock, { attempts: 3, minDelayMs: 100, maxDelayMs: 1_000, signal }, async () => {
      try {
        const res = await this.transport.sendToServer(server, request, {
          timeoutMs: options.timeoutMs ?? 30_000,
          signal,
          onUploadProgress: options.onUploadProgress,
          onDownloadProgress: options.onDownloadProgress,
          maxResponseBytes: options.maxResponseBytes,
        });
        if (res.code >= 500) throw new NetworkError('server-error', { status: res.code, detail: `server answered ${res.code}` });
        return res;
      } catch (err) {
        const e = toNetworkError(err);
        if (e.kind === 'no-path') void this.pool.forceRefresh(this.lifetime.signal).catch(() => undefined);
        throw e;
      }
    });
  }

  /**
   * Uploads an encrypted blob to this network's file server (v4 `POST /file`, spec messaging §6.6) and
   * returns its id, URL (no `#p=`: the network's own server is its readers' default) and expiry.
   */
  async uploadFile(blob: Uint8Array, options: FileTransferOptions & { ttlSeconds?: number } = {}): Promise<UploadedFile> {
    this.assertRunning();
    return uploadToFileServer(this.fileTransferDeps(), blob, options);
  }

  /**
   * Downloads a file by its URL from the server its `#p=` names (this network's file server when absent).
   * A file the server no longer has fails with `not-found` (not retried).
   */
  async downloadFile(url: string, options: FileTransferOptions & { maxBytes?: number } = {}): Promise<Uint8Array> {
    this.assertRunning();
    return downloadFromFileServer(this.fileTransferDeps(), url, options);
  }

  private fileTransferDeps(): FileTransferDeps {
    return {
      fileServer: async (signal) => {
        const server = await this.fileServer(signal);
        if (!server) {
          throw new NetworkError('not-configured', { detail: 'no file server for this network' }, 'This network has no file server configured.');
        }
        return server;
      },
      send: (request, options) => this.sendToServer(request, options),
    };
  }

  /** The file server: from the config, or for a custom network learned once from `{seedUrl}network.json`. */
  private async fileServer(signal?: AbortSignal): Promise<ServerTarget | undefined> {
    if (this.config.fileServer || this.config.kind !== 'custom') return this.config.fileServer;
    this.learnedFileServer ??= (async () => {
      const seed = this.config.seeds[0];
      if (!seed) return undefined;
      // strict: a lookup that could not reach the seed is a network error (retried by the caller), not
      // "this network has no file server".
      const learned = await loadCustomNetwork(seed.url, this.http, { signal: this.linkSignal(signal), strict: true });
      return learned.fileServer;
    })().catch((err: unknown) => {
      this.learnedFileServer = undefined; // try again next time
      throw err;
    });
    const server = await this.learnedFileServer;
    // loadCustomNetwork answers "no file server" when network.json could not be fetched (a timeout, a
    // seed busy for a moment): keep only a real answer, so one slow lookup does not disable files for good.
    if (!server) this.learnedFileServer = undefined;
    return server;
  }

  /**
   * The network's community server (spec advanced.md A): from the config, or for a custom network learned
   * once from `{seedUrl}network.json` (`sogs`), like the file server. Undefined when the network has none.
   */
  async communityServer(signal?: AbortSignal): Promise<CommunityServerDescription | undefined> {
    if (this.config.communityServer || this.config.kind !== 'custom') return this.config.communityServer;
    this.learnedCommunityServer ??= (async () => {
      const seed = this.config.seeds[0];
      if (!seed) return undefined;
      const learned = await loadCustomNetwork(seed.url, this.http, { signal: this.linkSignal(signal), strict: true });
      return learned.communityServer;
    })().catch((err: unknown) => {
      this.learnedCommunityServer = undefined;
      throw err;
    });
    const server = await this.learnedCommunityServer;
    if (!server) this.learnedCommunityServer = undefined;
    return server;
  }

  private async testGuard(node: Snode, signal?: AbortSignal): Promise<boolean> {
    const pubkey = this.ownPubkey ?? `05${'00'.repeat(32)}`;
    const res = await this.http.request({
      url: `https://${node.ip}:${node.port}/storage_rpc/v1`,
      method: 'POST',
      headers: { ...CAMOUFLAGE_HEADERS, 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'get_swarm', params: { pubkey } }),
      timeoutMs: this.timeouts.guardTestMs,
      signal,
      tls: { kind: 'unverified' },
      maxResponseBytes: GUARD_TEST_MAX_BYTES,
    });
    if (res.status < 200 || res.status >= 300) return false;
    // 2xx is the reference client's whole test; a guard also has to answer with a readable get_swarm, since
    // a node that garbles its own answer would garble the onion replies it hands back too.
    return parseGetSwarmResponse(new TextDecoder().decode(res.body)).ok;
  }

  private async fetchNodeList(node: Snode, signal?: AbortSignal): Promise<Snode[]> {
    const [r] = await this.rpc.call(node, () => [buildGetServiceNodesRequest()], { timeoutMs: this.timeouts.rpcMs, signal });
    if (!r) throw await this.lyingNode(node, 'get_service_nodes returned nothing');
    expectOk(r.code, r.body, 'get_service_nodes');
    const parsed = parseGetServiceNodesResponse(parseMaybeJson(r.body));
    if (!parsed.ok) throw await this.lyingNode(node, parsed.error.detail ?? parsed.error.message);
    return parsed.value;
  }

  /** get_swarm through onion to random pool nodes (4 tries, 100 ms → 2 s back-off). */
  private async fetchSwarm(pubkey: string, signal?: AbortSignal): Promise<Snode[]> {
    await this.pool.ensure(signal);
    try {
      return await withRetries(
        this.clock,
        {
          attempts: 4,
          minDelayMs: 100,
          maxDelayMs: 2_000,
          signal,
          shouldRetry: (e) => !['aborted', 'stopped', 'offline', 'clock-skew'].includes(e.kind),
        },
        async () => {
          const node = pickRandom(this.pool.all(), this.random);
          if (!node) throw new NetworkError('pool-too-small');
          const [r] = await this.rpc.call(node, guardBuild(() => [buildGetSwarmRequest(pubkey)]), { timeoutMs: this.timeouts.rpcMs, signal });
          if (!r) throw await this.lyingNode(node, 'get_swarm returned nothing');
          expectOk(r.code, r.body, 'get_swarm');
          const parsed = parseGetSwarmResponse(parseMaybeJson(r.body));
          if (!parsed.ok) throw await this.lyingNode(node, parsed.error.detail ?? parsed.error.message);
          if (parsed.value.snodes.length === 0) throw new NetworkError('swarm-unavailable', { detail: 'get_swarm returned no nodes' });
          // Members are pool nodes (spec §11 item 2), taken with the pool's addresses and keys (a wrong X25519
          // key would make honest paths look broken), so a node struck out of the pool stays out of swarms until
          // the next refresh. A list naming no pool node is a lie. Nodes the pool lacks are taken only when fewer
          // than the 2 a poll asks remain (rather a struck-out node than no swarm at all).
          const known = parsed.value.snodes.map((n) => this.pool.get(n.ed25519)).filter((n): n is Snode => n !== undefined);
          if (known.length === 0) throw await this.lyingNode(node, `get_swarm named ${parsed.value.snodes.length} nodes, none in the pool`);
          const strangers = parsed.value.snodes.filter((n) => !this.pool.has(n.ed25519));
          return [...known, ...strangers.slice(0, Math.max(0, this.config.thresholds.pollNodes - known.length))];
        },
      );
    } catch (err) {
      const e = toNetworkError(err);
      if (e.kind === 'aborted' || e.kind === 'stopped' || e.kind === 'offline' || e.kind === 'clock-skew') throw e;
      throw new NetworkError('swarm-unavailable', { detail: e.detail ?? e.kind, cause: e });
    }
  }

  /**
   * Runs `attempt` on a random member of `pk`'s swarm, up to 3 tries with backoff, each on a member not
   * tried before while there is one.
   */
  private onSwarmMember<T>(pk: string, signal: AbortSignal, attempt: (node: Snode) => Promise<T>): Promise<T> {
    const tried = new Set<string>();
    return withRetries(this.clock, { attempts: 3, minDelayMs: 100, maxDelayMs: 1_000, signal }, async () => {
      const swarm = await this.swarms.get(pk, signal);
      const node = pickRandom(swarm.filter((n) => !tried.has(n.ed25519)), this.random) ?? pickRandom(swarm, this.random);
      if (!node) throw new NetworkError('swarm-unavailable', { detail: 'empty swarm' });
      tried.add(node.ed25519);
      return attempt(node);
    });
  }

  /** A node whose answer cannot be true (malformed, forged, impossible): +1 strike (spec §2.8), retryable error. */
  private async lyingNode(node: Snode, detail: string): Promise<NetworkError> {
    await this.pool.recordFailure(node.ed25519);
    return new NetworkError('bad-response', { detail: `${node.ip}: ${detail}` });
  }

  /** Parses a store sub-result: the hash must be the message's (spec §4.1) and the node's own signature over it valid. */
  private async checkStored(node: Snode, pk: string, namespace: number, data: Uint8Array, body: unknown): Promise<{ hash: string; t?: number }> {
    const parsed = parseStoreResponse(parseMaybeJson(body));
    if (!parsed.ok) throw await this.lyingNode(node, parsed.error.detail ?? parsed.error.message);
    if (parsed.value.hash !== messageHash(pk, namespace, data)) throw await this.lyingNode(node, `store: hash ${parsed.value.hash} is not the message's`);
    if (storeSignatureValid(parseMaybeJson(body), node.ed25519, parsed.value.hash) === false) {
      throw await this.lyingNode(node, 'store: the node signed the hash wrongly');
    }
    return parsed.value;
  }

  /** The member asked answers for its own entry first-hand: a forged signature there is its own lie. */
  private async strikeIfOwnEntryForged(node: Snode, members: readonly { ed25519: string; ok: boolean; reason?: string }[]): Promise<void> {
    const own = members.find((m) => m.ed25519 === node.ed25519);
    if (own && !own.ok && own.reason === 'bad signature') await this.pool.recordFailure(node.ed25519);
  }

  private assertRunning(): void {
    if (this.state === 'stopped') throw new NetworkError('stopped');
  }

  /** A signal that aborts when either the caller's signal or stop() fires. */
  private linkSignal(signal?: AbortSignal): AbortSignal {
    return signal ? AbortSignal.any([signal, this.lifetime.signal]) : this.lifetime.signal;
  }
}

/** Protocol builders throw ProtocolError on bad arguments: that is the caller's mistake, not a network failure. */
function guardBuild(build: RequestBuilder): RequestBuilder {
  return (now) => {
    try {
      return build(now);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw new NetworkError('rejected', { detail: message, cause: err }, message);
    }
  };
}

/** Maps a sub-result's non-200 code to a typed error. */
function expectOk(code: number, body: unknown, what: string): void {
  if (code === 200) return;
  const detail = `${what} answered ${code}: ${(typeof body === 'string' ? body : JSON.stringify(body) ?? '').slice(0, 200)}`;
  if (code === 401) throw new NetworkError('unauthorized', { status: code, detail });
  if (code === 404) throw new NetworkError('not-found', { status: code, detail });
  if (code >= 500) throw new NetworkError('server-error', { status: code, detail });
  throw new NetworkError('rejected', { status: code, detail });
}

function toPathInfo(path: readonly Snode[]): PathInfo {
  return { nodes: path.map((n) => ({ ip: n.ip, port: n.port, ed25519: n.ed25519 })) };
}
