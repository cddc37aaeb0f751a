// The swarm poller (spec network §10): asks our swarm for namespace 0 and the user config namespaces
// 2, 3, 5, 4 in one signed batch per node (spec advanced B.10), with the last hash per node and namespace.
// Config messages go raw into the config inbox together with their namespaces' last hashes (one
// transaction, before anything else of the batch), for config-apply to merge; namespace 0 goes to the
// receive pipeline, which commits messages and its last hashes together. One poll at a time; `pollNow`
// queues behind a running poll so its result covers everything stored before the call.
import { Namespace, TTL_MAX_PRIVATE_MS, type Identity } from '../../protocol';
import type { ConfigInboxEntry, ConfigInboxStore } from '../db/configInboxStore';
import type { Db } from '../db/database';
import type { LastHash, MessageStore } from '../db/messageStore';
import type { Logger } from '../log';
import { NetworkError } from '../../network';
import type { EngineNetwork } from './engineNetwork';
import type { Receiver } from './receiver';
import { crashPoint } from '../crashPoint';

/** What a failed poll logs: a network error's kind and developer detail (never secrets), else the message. */
export function describePollError(err: unknown): string {
  if (err instanceof NetworkError) return `${err.kind}${err.status !== undefined ? ` (${err.status})` : ''}${err.detail ? `: ${err.detail}` : ''}`;
  return err instanceof Error ? err.message : String(err);
}

export const DEFAULT_POLL_INTERVAL_MS = 5_000;
const NAMESPACE_DEFAULT = Namespace.Default;
/** The user config namespaces, in the order the official desktop asks for them after namespace 0. */
export const USER_CONFIG_NAMESPACES: readonly number[] = [Namespace.UserProfile, Namespace.UserContacts, Namespace.UserGroups, Namespace.ConvoInfoVolatile];
/** Every namespace of our own swarm one poll retrieves, in request order: [0, 2, 3, 5, 4]. */
export const OWN_SWARM_NAMESPACES: readonly number[] = [NAMESPACE_DEFAULT, ...USER_CONFIG_NAMESPACES];
/** Config messages live 30 days; the live ones are bumped back to that on every poll (spec advanced B.10). */
export const CONFIG_TTL_MS = TTL_MAX_PRIVATE_MS;
/** Retrieves one poll may chain while nodes answer `more`; then the poll ends and the next follows at once. */
const MAX_ROUNDS_PER_POLL = 40;

/** What one poll committed: new timeline messages, dropped items of namespace 0, new config messages in the inbox. */
export interface PollResult {
  newMessages: number;
  dropped: number;
  configMessages: number;
}

export interface Poller {
  start(): void;
  stop(): void;
  /** Runs one poll after any running one; resolves once its results are committed. */
  pollNow(): Promise<PollResult>;
}

export interface PollerDeps {
  network: EngineNetwork;
  receiver: Receiver;
  messages: MessageStore;
  /** Where config messages wait for config-apply; with `db`, whose transaction stores them with their last hashes. */
  db: Db;
  configInbox: ConfigInboxStore;
  identity: Identity;
  log: Logger;
  now: () => number;
  intervalMs: number;
  /** Told which namespaces got new config messages, once they are committed (config-apply's cue). */
  onConfigMessages?: (namespaces: readonly number[]) => void;
  /** The swarm hashes of the config messages we currently hold, whose expiry every poll extends (B.10). */
  activeConfigHashes?: () => readonly string[];
  /**
   * Told after each poll committed; `configComplete`: a node answered every config namespace to its end
   * (no `more`), so everything stored in them has been retrieved (config sync's "complete retrieve").
   */
  onPollComplete?: (configComplete: boolean) => void;
}

export function createPoller(d: PollerDeps): Poller {
  const pubkey = d.identity.sessionId;
  const signer = { pubkey, ed25519: d.identity.ed25519 };
  d.messages.pruneExpired(d.now());
  /** Last hash per node and namespace as committed (the database's values). */
  const lastHashes = new Map<string, string>();
  for (const h of d.messages.loadLastHashes(pubkey)) lastHashes.set(`${h.node}|${h.namespace}`, h.hash);

  let chain: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  // Set by stop(): results that arrive after it are not committed (the database may be closing).
  let closed = false;
  let failures = 0;

  /**
   * Stores new config messages and their namespaces' last hashes in one transaction; returns what was new.
   * Their hashes join the seen hashes (as namespace 0's do): a swarm member we have no last hash for
   * returns the namespace from its start, and what config-apply already consumed must not come back.
   */
  const commitConfig = d.db.transaction((entries: readonly ConfigInboxEntry[], updates: readonly LastHash[]): { count: number; namespaces: number[] } => {
    const seen = d.messages.seenAmong(entries.map((e) => e.hash));
    const namespaces = new Set<number>();
    let count = 0;
    for (const e of entries) {
      if (seen.has(e.hash)) continue;
      const n = d.configInbox.add([e], d.now());
      if (n > 0) namespaces.add(e.namespace);
      count += n;
    }
    d.messages.markSeenMany(entries.map((e) => ({ hash: e.hash, expiresAt: e.expiresAt })));
    for (const u of updates) d.messages.saveLastHash(u);
    return { count, namespaces: [...namespaces].sort((a, b) => a - b) };
  });

  /** Set when a node truncated its answer (`more`) and the poll ended before catching up: the next follows at once. */
  let more = false;

  /**
   * One poll. When a node answers with `more` (a backlog), the next retrieve goes out at once with the
   * last hashes just received, while the receiver decrypts and commits the batch before it: at most two
   * batches are in flight, and they commit in order. A failed commit ends the poll; the batches after it
   * are refused by the receiver, and the next poll starts again from the committed last hashes.
   */
  const pollOnce = async (): Promise<PollResult> => {
    const ahead = new Map(lastHashes);
    const total: PollResult = { newMessages: 0, dropped: 0, configMessages: 0 };
    const commits: Promise<void>[] = [];
    let rounds = 0;
    let configComplete = false;
    let failure: { error: unknown } | undefined;
    try {
      do {
        const bump = rounds === 0 ? d.activeConfigHashes?.() ?? [] : [];
        const result = await d.network.retrieve(pubkey, OWN_SWARM_NAMESPACES, (node, ns) => ahead.get(`${node}|${ns}`), {
          signer,
          ...(bump.length > 0 ? { bumpExpiry: { hashes: bump, expiryMs: d.network.networkNow() + CONFIG_TTL_MS } } : {}),
        });
        if (closed) throw new Error('The poller was stopped.');
        crashPoint('receive.fetched');
        const items = (result.merged.get(NAMESPACE_DEFAULT) ?? []).map((m) => ({ hash: m.hash, data: m.data, expiration: m.expiration }));
        const updates: LastHash[] = [];
        const configUpdates: LastHash[] = [];
        more = false;
        for (const n of result.perNode) {
          if (n.expireCode !== undefined && n.expireCode !== 200) d.log.warn(`poller: extending the config messages' expiry failed on ${n.node.slice(0, 8)} (${n.expireCode})`);
          for (const ns of n.namespaces) {
            if (ns.more) more = true;
            const last = ns.messages[ns.messages.length - 1];
            if (!last) continue;
            const u = { node: n.node, pubkey, namespace: ns.namespace, hash: last.hash, expiresAt: last.expiration };
            (ns.namespace === NAMESPACE_DEFAULT ? updates : configUpdates).push(u);
          }
        }
        // Config messages are committed first, with their last hashes: a crash after this loses none of them.
        const configEntries: ConfigInboxEntry[] = USER_CONFIG_NAMESPACES.flatMap((namespace) =>
          (result.merged.get(namespace) ?? []).map((m) => ({ pubkey, namespace, hash: m.hash, data: m.data, timestamp: m.timestamp, expiresAt: m.expiration })),
        );
        if (configUpdates.length > 0 || configEntries.length > 0) {
          const added = commitConfig(configEntries, configUpdates);
          crashPoint('receive.configStored');
          for (const u of configUpdates) lastHashes.set(`${u.node}|${u.namespace}`, u.hash);
          total.configMessages += added.count;
          if (added.namespaces.length > 0) {
            try {
              d.onConfigMessages?.(added.namespaces);
            } catch (err) {
              // The messages are stored; config-apply finds them on its next run.
              d.log.error('poller: the config-message hook failed', err);
            }
          }
        }
        configComplete = result.perNode.some((n) =>
          USER_CONFIG_NAMESPACES.every((ns) => {
            const r = n.namespaces.find((x) => x.namespace === ns);
            return r !== undefined && r.code === 200 && !r.more;
          }),
        );
        for (const u of [...updates, ...configUpdates]) ahead.set(`${u.node}|${u.namespace}`, u.hash);
        const committed = d.receiver.process(items, updates).then((outcome) => {
          // The committed last hashes follow the database only after the commit.
          for (const u of updates) lastHashes.set(`${u.node}|${u.namespace}`, u.hash);
          total.newMessages += outcome.added.length;
          total.dropped += outcome.dropped;
        });
        // Awaited below, in order; until then a failure must not count as unhandled.
        committed.catch(() => undefined);
        commits.push(committed);
        if (commits.length >= 2) await commits.shift();
        rounds++;
      } while (more && rounds < MAX_ROUNDS_PER_POLL && !closed);
    } catch (error) {
      failure = { error };
    }
    // Every batch handed over settles before the poll does.
    const settled = await Promise.allSettled(commits);
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.error;
    if (failed) throw failed.reason;
    try {
      d.onPollComplete?.(configComplete);
    } catch (err) {
      d.log.error('poller: the poll-complete hook failed', err);
    }
    return total;
  };

  const enqueue = (): Promise<PollResult> => {
    const p = chain.then(pollOnce, pollOnce);
    chain = p.catch(() => undefined);
    return p;
  };

  const tick = (): void => {
    timer = undefined;
    if (stopped) return;
    enqueue()
      .then(() => {
        if (failures > 0) d.log.info('poller: polling works again');
        failures = 0;
      })
      .catch((err: unknown) => {
        // A poll cut short by stop() (the receiver refuses to commit once the database closes) is no failure.
        if (stopped) return;
        failures++;
        if (failures === 1 || failures % 20 === 0) d.log.warn(`poller: poll failed (${failures} in a row): ${describePollError(err)}`);
      })
      .finally(() => {
        if (stopped) return;
        timer = setTimeout(tick, more ? 0 : d.intervalMs);
        timer.unref?.();
      });
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      tick();
    },
    stop() {
      stopped = true;
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
    pollNow: enqueue,
  };
}
