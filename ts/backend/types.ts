// The backend as every host (Electron main, web host, CLI) sees it: options to open one and the
// object it returns. Hosts build exactly one per profile in their composition root.
import type { AvatarServiceOptions } from './services/avatars';
import type { BackendHandlers, EventName, EventPayloads, NetworkName } from '../ipc/contract';
import type { Logger } from './log';
import type { NetworkFactoryArgs } from './services/engine';
import type { EngineNetwork } from './services/engineNetwork';
import type { FollowUps } from './services/followUps';
import type { RetryPolicy } from './services/outbox';
import type { ReceiverStats } from './services/receiver';
import type { PrefsStore } from './prefs';
import type { Keychain } from './keys/keyVault';
import type { KdfLimits } from './keys/passwordKdf';

export interface BackendOptions {
  /** Data root; the profile folder is ROOT/<network>/<profile>/. Default: resolveDataRoot(). */
  dataDir?: string;
  /** 'mainnet' (default) or 'testnet'; leave unset when `seedUrl` is given. */
  network?: 'mainnet' | 'testnet';
  /** A custom network's seed URL (e.g. the devnet's); selects the `custom-<hash>` folder. */
  seedUrl?: string;
  /** Profile name ([A-Za-z0-9_-]{1,64}); 'default' when unset. */
  profile?: string;
  host: 'electron' | 'web' | 'cli';
  appVersion: string;
  /** Shown by app.getInfo; default 'Session TS'. */
  appName?: string;
  /** Injected clock (ms since epoch) so tests control time. */
  now?: () => number;
  /** Injected randomness (the database key is drawn from it); default node:crypto randomBytes. */
  randomBytes?: (n: number) => Uint8Array;
  /** Where log lines go; default: stderr at level info. Lines of level info and up also go to the profile's debug log. */
  logger?: Logger;
  /** Size of each of the two debug log files in the profile folder (default 1 MiB); tests make it small. */
  logMaxBytes?: number;
  /** The git commit of the build, for About and the debug log; default: what the bundle recorded, if anything. */
  commitHash?: string;
  /**
   * Path of the SQLite native module to load instead of the one in node_modules: the Electron main
   * process passes its Electron-ABI build (better-sqlite3's `nativeBinding` option).
   */
  nativeBinding?: string;
  /**
   * GeoLite2 country database for the onion-path display. Default: the copy in node_modules; the packaged app
   * passes its resources copy; null turns lookups off.
   */
  geoipDatabase?: string | null;
  /** The messaging engine's knobs; tests shorten intervals and point the network at a devnet. */
  engine?: EngineOptions;
  /**
   * Start time of the process the profile lock names (ms since epoch); default this thread's
   * performance.timeOrigin. A backend on a worker thread passes its process's: a thread's own origin
   * is the thread's start, which would make a second engine in the same process look like a stale one.
   */
  lockProcessStart?: number;
  /**
   * The OS keychain that wraps the database key at rest. Only the Electron host passes one, and only where
   * a real keychain backs safeStorage; without it the key is kept in a 0600 file (or wrapped by the app password).
   */
  keychain?: Keychain;
  /** argon2id cost of new app-password wraps (default: libsodium's MODERATE); tests make it small. */
  kdfLimits?: KdfLimits;
}

import type { DownloadRetryPolicy } from './services/downloader';
// --- typing indicators (begin) ---
import type { TypingOptions } from './services/typing';
// --- typing indicators (end) ---
import type { LinkPreviewTestSeam } from './services/linkPreview';

export interface EngineOptions {
  /** Poll interval of our swarm (ms); default 5000 (spec network §10.1). Tests use e.g. 100. */
  pollIntervalMs?: number;
  /**
   * Community polling (spec advanced A.8): the interval while rooms are active (default 10 s), the quiet time
   * after which it grows, its ceiling while quiet, and the ceiling of the failure back-off. Tests use short ones.
   */
  communityPoll?: { baseMs?: number; idleAfterMs?: number; idleMaxMs?: number; failMaxMs?: number };
  /** Send retries before a message is marked failed, with exponential backoff between attempts. */
  sendRetry?: Partial<RetryPolicy>;
  /** false: never start the network, poller or outbox (storage-only use). Default true. */
  startNetwork?: boolean;
  /** How often expired disappearing messages are deleted (ms); default 1000. Tests use e.g. 10. */
  expiryIntervalMs?: number;
  /** Builds the network client; default: SessionNetwork for the resolved network. */
  createNetwork?: (args: NetworkFactoryArgs) => EngineNetwork;
  /** Coalescing window of config pushes (ms); default 2000. Tests use 0. */
  configPushDelayMs?: number;
  /** First retry delay of a failed config push (ms); default 1000. */
  configRetryBaseMs?: number;
  /** How long account.restore waits for the profile config on the network (ms); default 15 000. */
  restoreWaitMs?: number;
  /**
   * Largest received attachment downloaded without a click, from accepted or trusted senders and our own
   * devices (bytes); default DEFAULT_AUTO_DOWNLOAD_MAX_BYTES (8 MiB, see docs/media.md). 0: always on click.
   */
  autoDownloadMaxBytes?: number;
  /** Attachment download retries on network errors (exponential back-off), before the row is marked failed. */
  downloadRetry?: Partial<DownloadRetryPolicy>;
  /** Profile pictures: re-upload age, check interval and download back-off (tests shorten them). */
  avatars?: AvatarServiceOptions;
  // --- typing indicators (begin) ---
  /** Typing-indicator timers: repeat and idle stop when sending, clear when receiving (tests shorten them). */
  typing?: TypingOptions;
  // --- typing indicators (end) ---
  // --- link previews (begin) ---
  /**
   * Tests only: the link-preview fetcher may reach loopback servers and trusts this test CA (see
   * LinkPreviewTestSeam). No host sets it from its arguments or environment.
   */
  linkPreviewTestSeam?: LinkPreviewTestSeam;
  // --- link previews (end) ---
}

/**
 * What a host needs of a backend wherever it runs (in its own thread or on a worker thread,
 * ts/backend/thread): the IPC handlers and events, where the profile is, prefs, log and close.
 */
export type HostBackend = Omit<Backend, 'engineStats' | 'followUps'>;

export type BackendEventListener<E extends EventName> = (payload: EventPayloads[E]) => void;

export interface Backend {
  /** One handler per IPC method; params are already validated by the transport. */
  readonly handlers: BackendHandlers;
  on<E extends EventName>(event: E, listener: BackendEventListener<E>): () => void;
  /** The resolved network and profile folder. */
  readonly network: NetworkName;
  /** Normalized seed URL of a custom network. */
  readonly seedUrl?: string;
  readonly profile: string;
  readonly profileDir: string;
  /** Pre-unlock preferences (prefs.json); the Electron host keeps window bounds here. */
  readonly prefs: PrefsStore;
  readonly log: Logger;
  /** Receive-pipeline counters since open (zeros before an account exists); for tools and tests. */
  engineStats(): ReceiverStats;
  /**
   * Delivery of the follow-ups a change queues (sync copy to our own swarm, request response, config push):
   * `mark()` before the change, `settle({ since })` after it resolves once each is stored or has failed
   * after its retries (failed ones are listed, kept and retried on the next start). Hosts that exit after
   * one change (the CLI) wait for it; the app needs not, its engine keeps running.
   */
  readonly followUps: Pick<FollowUps, 'mark' | 'settle'>;
  /**
   * Stops workers, closes the database, releases the profile lock. Idempotent (a second call joins the first).
   * With `drainMs`, first waits up to that long, with progress in the log (and to `onProgress`), for queued
   * follow-ups (sync copies, config pushes, request responses) to be stored: what a host does when the user quits.
   */
  close(options?: CloseOptions): Promise<void>;
}

export interface CloseOptions {
  /** How long to wait for queued follow-ups before closing (0 or absent: close at once). */
  drainMs?: number;
  /**
   * Told during that wait while follow-ups are pending (at once, then about every second): how many, and how
   * long the wait has lasted. Not told when nothing is queued. The app shows it in the window and the tray;
   * a throwing listener is logged and the wait goes on.
   */
  onProgress?: (pending: number, elapsedMs: number) => void;
}
