// The swarm poller (spec network §10): asks our swarm for namespace 0 with the last hash per node, hands
// the merged items to the receive pipeline, which commits messages and last hashes together. One poll at
// a time; `pollNow` queues behind a running poll so its result covers everything stored before the call.
import type { Identity } from '../../protocol';
import type { LastHash, MessageStore } from '../db/messageStore';
import type { Logger } from '../log';
import type { EngineNetwork } from './engineNetwork';
import type { Receiver } from './receiver';

export const DEFAULT_POLL_INTERVAL_MS = 5_000;
const NAMESPACE_DEFAULT = 0;
/** Retrieves one poll may chain while nodes answer `more`; then the poll ends and the next follows at once. */
const MAX_ROUNDS_PER_POLL = 40;

export interface Poller {
  start(): void;
  stop(): void;
  /** Runs one poll after any running one; resolves once its results are committed. */
  pollNow(): Promise<{ newMessages: number; dropped: number }>;
}

export function createPoller(d: {
  network: EngineNetwork;
  receiver: Receiver;
  messages: MessageStore;
  identity: Identity;
  log: Logger;
  now: () => number;
  intervalMs: number;
}): Poller {
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

  /** Set when a node truncated its answer (`more`) and the poll ended before catching up: the next follows at once. */
  let more = false;

  /**
   * One poll. When a node answers with `more` (a backlog), the next retrieve goes out at once with the
   * last hashes just received, while the receiver decrypts and commits the batch before it: at most two
   * batches are in flight, and they commit in order. A failed commit ends the poll; the batches after it
   * are refused by the receiver, and the next poll starts again from the committed last hashes.
   */
  const pollOnce = async (): Promise<{ newMessages: number; dropped: number }> => {
    const ahead = new Map(lastHashes);
    const total = { newMessages: 0, dropped: 0 };
    const commits: Promise<void>[] = [];
    let rounds = 0;
    let failure: { error: unknown } | undefined;
    try {
      do {
        const result = await d.network.retrieve(pubkey, [NAMESPACE_DEFAULT], (node, ns) => ahead.get(`${node}|${ns}`), { signer });
        if (closed) throw new Error('The poller was stopped.');
        const items = (result.merged.get(NAMESPACE_DEFAULT) ?? []).map((m) => ({ hash: m.hash, data: m.data, expiration: m.expiration }));
        const updates: LastHash[] = [];
        more = false;
        for (const n of result.perNode) {
          for (const ns of n.namespaces) {
            if (ns.more) more = true;
            const last = ns.messages[ns.messages.length - 1];
            if (last) updates.push({ node: n.node, pubkey, namespace: ns.namespace, hash: last.hash, expiresAt: last.expiration });
          }
        }
        for (const u of updates) ahead.set(`${u.node}|${u.namespace}`, u.hash);
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
    return total;
  };

  const enqueue = (): Promise<{ newMessages: number; dropped: number }> => {
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
        if (failures === 1 || failures % 20 === 0) d.log.warn(`poller: poll failed (${failures} in a row): ${err instanceof Error ? err.message : String(err)}`);
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
