// Starts and stops the messaging engine's moving parts (network client, outbox worker, poller) once an
// account exists, and maps network path changes to the `network.status` event.
import { pathViews } from '../geoip';
import type { NetworkState, OnionPathView } from '../../ipc/contract';
import { IpcError } from '../../ipc/errors';
import { NetworkError, type NetworkConfig, type NetworkStore } from '../../network';
import type { Identity } from '../../protocol';
import type { Logger } from '../log';
import type { EngineNetwork } from './engineNetwork';
import type { MessagingRuntime } from './messages';
import type { ConfigInboxStore } from '../db/configInboxStore';
import { createFollowUps, type FollowUps } from './followUps';
import { createOutbox, outboxFollowUpSource, type OutgoingProfile, type Outbox, type OutboxDeps, type RetryPolicy } from './outbox';
import { createPoller, type Poller } from './poller';
import { bundledDecryptWorkerFile, createDecryptPool, type DecryptPool } from './decryptPool';
import { createReceiver, type Receiver, type ReceiverGroupHooks, type ReceiverTimerHook, type ReceiveStores } from './receiver';
import type { AttachmentQueue } from '../db/attachmentQueue';
import type { Downloader } from './downloader';

export interface NetworkFactoryArgs {
  config: NetworkConfig;
  store: NetworkStore;
  ownPubkey: string;
  now: () => number;
  randomBytes: (n: number) => Uint8Array;
}

export interface Engine extends MessagingRuntime {
  start(identity: Identity): void;
  stop(): void;
  running(): boolean;
  pollNow(): Promise<{ newMessages: number; dropped: number }>;
  paths(): OnionPathView[];
  status(): NetworkState;
  receiver(): Receiver | undefined;
  /** The running network client (config pushes go through it). */
  network(): EngineNetwork | undefined;
  /**
   * Deletes every message of our account in every namespace of our swarm; resolves with the number of
   * swarm members that confirmed (each signature checked). Any member that does not confirm fails the
   * whole call with IpcError('network'), so the caller keeps its local data.
   */
  deleteAllFromSwarm(): Promise<number>;
  /** Delivery of follow-ups (sync copies, request responses; config pushes register their queue here). */
  readonly followUps: FollowUps;
  /** Config-apply's hooks into polling (either may be left out). */
  setConfigHooks(hooks: ConfigHooks): void;
}

export interface ConfigHooks {
  /** Called once new config messages of these namespaces are committed to the config inbox. */
  onConfigMessages?: (namespaces: readonly number[]) => void;
  /** The swarm hashes of the config messages currently held, whose expiry each poll extends (spec advanced B.10). */
  activeConfigHashes?: () => readonly string[];
  /** Called after each committed poll; `configComplete` when every config namespace was retrieved to its end. */
  onPollComplete?: (configComplete: boolean) => void;
  /** The config-more-recent drop rule (messaging §5.3): true when a 1:1 message must be dropped. */
  isStale?: (conversationId: string, sentAt: number) => boolean;
}

export function createEngine(d: ReceiveStores & {
  /** Where polled config messages wait for config-apply. */
  configInbox: ConfigInboxStore;
  log: Logger;
  now: () => number;
  randomBytes: (n: number) => Uint8Array;
  networkConfig: NetworkConfig;
  networkStore: NetworkStore;
  createNetwork: (args: NetworkFactoryArgs) => EngineNetwork;
  /** Our profile as sent with messages (name, picture pointer, last change). */
  profile: () => OutgoingProfile;
  pollIntervalMs: number;
  retry: RetryPolicy;
  /** Country of a node's address for the path display (GeoLite2); unknown when absent. */
  countryOf?: (ip: string) => string | undefined;
  /** Received attachments: rows made by the receiver, downloads run while the engine runs. */
  attachments?: { queue: AttachmentQueue; autoDownloadMaxBytes: number; downloader: Downloader };
  /** The attachment store the outbox uploads sent attachments from. */
  media?: OutboxDeps['media'];
  // --- disappearing messages (begin) ---
  /** Starting sent messages' timers; incoming timer updates going into the conversation's config. */
  timers?: { startTimer: NonNullable<OutboxDeps['startTimer']>; remoteSetting: NonNullable<ReceiverTimerHook> };
  // --- disappearing messages (end) ---
  // --- communities (begin) ---
  /** Room sends (the outbox posts them to their server) and the community pollers, started and stopped with the engine. */
  communities?: {
    outbox: NonNullable<OutboxDeps['community']>;
    /** `opener`: the engine's decrypt pool, which verifies room posts on its worker threads. */
    start(identity: Identity, opener?: DecryptPool): void;
    stop(): void;
    pollNow(): Promise<number>;
  };
  // --- communities (end) ---
  /** Groups v2: the pipeline's checks, group sends and the group pollers (started and stopped with the engine). */
  groups?: {
    receiver: ReceiverGroupHooks;
    outbox: NonNullable<OutboxDeps['group']>;
    start(): void;
    stop(): void;
    pollNow(): Promise<number>;
  };
}): Engine {
  const countryOf = d.countryOf ?? (() => undefined);
  let parts: { identity: Identity; network: EngineNetwork; outbox: Outbox; poller: Poller; receiver: Receiver; decryptPool: DecryptPool; unsubscribe: () => void } | undefined;
  let state: NetworkState = 'offline';
  let configHooks: ConfigHooks = {};
  const followUps = createFollowUps();
  followUps.register(outboxFollowUpSource(d.messages));
  /** Follow-ups that failed get fresh attempts when the engine starts and when the network is back. */
  const retryFailedFollowUps = (): void => {
    const n = followUps.retryFailed(d.now());
    if (n > 0) d.log.info(`engine: retrying ${n} follow-up(s) that failed before`);
  };
  let paths: OnionPathView[] = [];

  const requireParts = () => {
    if (!parts) throw new IpcError('unavailable', 'The network is not running: create or restore an account first.');
    return parts;
  };

  return {
    start(identity) {
      if (parts) return;
      const network = d.createNetwork({
        config: d.networkConfig,
        store: d.networkStore,
        ownPubkey: identity.sessionId,
        now: d.now,
        randomBytes: d.randomBytes,
      });
      const offPaths = network.events.on('paths', (e) => {
        const wasOnline = state === 'online';
        state = e.status === 'ready' ? 'online' : e.status === 'building' ? 'connecting' : 'offline';
        paths = pathViews(e.paths, countryOf);
        d.events.emit('network.status', { state, paths });
        // Back online: queued sends go now instead of at the end of their back-off.
        if (state === 'online' && !wasOnline && parts) {
          retryFailedFollowUps();
          parts.outbox.retryWaiting();
          d.attachments?.downloader.kick();
        }
      });
      const offRestored = network.events.on('restored', () => {
        if (!parts) return;
        retryFailedFollowUps();
        parts.outbox.retryWaiting();
      });
      const unsubscribe = (): void => {
        offPaths();
        offRestored();
      };
      // Per engine (so per backend and account); its workers start only on the first large batch.
      const decryptPool = createDecryptPool({ identity, workerFile: bundledDecryptWorkerFile() });
      const receiver = createReceiver({
        decryptPool,
        db: d.db,
        identity,
        messages: d.messages,
        received: d.received,
        conversations: d.conversations,
        conversationsService: d.conversationsService,
        events: d.events,
        log: d.log,
        now: d.now,
        randomBytes: d.randomBytes,
        isStale: (conversationId, sentAt) => configHooks.isStale?.(conversationId, sentAt) ?? false,
        // --- read receipts and typing indicators (begin) ---
        ...(d.signals ? { signals: d.signals } : {}),
        // --- read receipts and typing indicators (end) ---
        ...(d.attachments
          ? { attachments: { queue: d.attachments.queue, autoDownloadMaxBytes: d.attachments.autoDownloadMaxBytes, onQueued: () => d.attachments?.downloader.kick() } }
          : {}),
        ...(d.timers ? { expirationChanged: d.timers.remoteSetting } : {}),
        ...(d.groups ? { groups: d.groups.receiver } : {}),
      });
      const outbox = createOutbox({
        db: d.db,
        messages: d.messages,
        network,
        identity,
        profile: d.profile,
        events: d.events,
        log: d.log,
        now: d.now,
        randomBytes: d.randomBytes,
        retry: d.retry,
        onAttempt: () => followUps.changed(),
        ...(d.media ? { media: d.media } : {}),
        ...(d.timers ? { startTimer: d.timers.startTimer } : {}),
        ...(d.communities ? { community: d.communities.outbox } : {}),
        ...(d.groups ? { group: d.groups.outbox } : {}),
      });
      const poller = createPoller({
        network,
        receiver,
        messages: d.messages,
        db: d.db,
        configInbox: d.configInbox,
        identity,
        log: d.log,
        now: d.now,
        intervalMs: d.pollIntervalMs,
        onConfigMessages: (namespaces) => configHooks.onConfigMessages?.(namespaces),
        activeConfigHashes: () => configHooks.activeConfigHashes?.() ?? [],
        onPollComplete: (complete) => configHooks.onPollComplete?.(complete),
      });
      parts = { identity, network, outbox, poller, receiver, decryptPool, unsubscribe };
      network.start();
      retryFailedFollowUps();
      outbox.start();
      poller.start();
      d.communities?.start(identity, decryptPool);
      d.groups?.start();
      d.attachments?.downloader.start();
      d.log.info('engine: network, outbox and poller started');
    },
    stop() {
      if (!parts) return;
      const p = parts;
      parts = undefined;
      d.attachments?.downloader.stop();
      d.communities?.stop();
      d.groups?.stop();
      p.poller.stop();
      void p.decryptPool.close();
      p.outbox.stop();
      p.unsubscribe();
      p.network.stop();
      state = 'offline';
      paths = [];
    },
    running: () => parts !== undefined,
    networkNow: () => (parts ? parts.network.networkNow() : d.now()),
    kickOutbox: () => parts?.outbox.kick(),
    async resolveOns(name) {
      const p = requireParts();
      if (!p.network.resolveOns) throw new IpcError('unavailable', 'Looking up ONS names is not supported yet; use the Account ID.');
      try {
        // ONS asks random pool nodes once; after an outage wait for paths rather than fail at once.
        await p.network.ready(AbortSignal.timeout(30_000));
        // A lookup asks 3 random nodes once; a path that breaks under it is worth another try.
        for (let attempt = 1; ; attempt++) {
          try {
            return await p.network.resolveOns(name);
          } catch (err) {
            const transient = err instanceof NetworkError && ['no-path', 'path-failed', 'timeout', 'unreachable'].includes(err.kind);
            if (!transient || attempt >= 3) throw err;
            await p.network.ready(AbortSignal.timeout(30_000));
          }
        }
      } catch (err) {
        if (err instanceof NetworkError && err.kind === 'not-found') throw new IpcError('not_found', `No Account ID is registered for the ONS name "${name}".`);
        if (err instanceof NetworkError) throw new IpcError('network', err.message, err.detail);
        throw err;
      }
    },
    async pollNow() {
      const p = requireParts();
      try {
        // Community servers are polled alongside (each its own batch); a failing server fails only its rooms.
        const rooms = d.communities ? d.communities.pollNow().catch((err: unknown) => {
          d.log.warn(`engine: polling communities failed: ${err instanceof Error ? err.message : String(err)}`);
          return 0;
        }) : Promise.resolve(0);
        const [{ newMessages, dropped }, inRooms] = await Promise.all([p.poller.pollNow(), rooms]);
        // Groups after our own swarm: an invitation or a UserGroups entry it brought is polled at once.
        const inGroups = d.groups ? await d.groups.pollNow() : 0;
        return { newMessages: newMessages + inRooms + inGroups, dropped };
      } catch (err) {
        if (err instanceof NetworkError) throw new IpcError('network', err.message, err.detail);
        throw err;
      }
    },
    paths: () => (parts ? pathViews(parts.network.getPaths(), countryOf) : []),
    status: () => state,
    receiver: () => parts?.receiver,
    network: () => parts?.network,
    followUps,
    setConfigHooks(hooks) {
      configHooks = hooks;
    },
    async deleteAllFromSwarm() {
      const p = requireParts();
      if (!p.network.deleteAll) throw new IpcError('unavailable', 'Deleting data from the network is not supported by this network client.');
      const failure = (detail: string): IpcError =>
        new IpcError('network', 'Your data could not be deleted from the network, so nothing was cleared. Check your connection and try again.', detail);
      // No new stores (a sync copy to our own swarm) may start while our swarm is being emptied; the queue
      // resumes if the deletion fails and the data stays.
      p.outbox.stop();
      try {
        let results: Awaited<ReturnType<NonNullable<EngineNetwork['deleteAll']>>>;
        try {
          await p.network.ready(AbortSignal.timeout(30_000));
          results = await p.network.deleteAll({ pubkey: p.identity.sessionId, ed25519: p.identity.ed25519 });
        } catch (err) {
          if (err instanceof NetworkError) throw failure(`${err.kind}: ${err.message}`);
          throw err;
        }
        const failed = results.filter((r) => !r.ok);
        if (results.length === 0) throw failure('no swarm member answered');
        if (failed.length > 0) {
          throw failure(`${failed.length} of ${results.length} swarm members did not confirm: ${failed.map((f) => `${f.node.slice(0, 8)} (${f.reason ?? 'failed'})`).join(', ')}`);
        }
        d.log.info(`engine: delete_all confirmed by ${results.length} swarm members`);
        return results.length;
      } catch (err) {
        if (parts === p) p.outbox.start();
        throw err;
      }
    },
  };
}
