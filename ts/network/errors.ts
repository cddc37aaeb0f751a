// Typed failures of the network client. Every operation that fails ends in a NetworkError whose
// `kind` lets callers decide (retry, show, resync) and whose `message` is fit to show a person.

export type NetworkErrorKind =
  | 'timeout'
  | 'aborted'
  | 'unreachable'
  | 'offline'
  | 'tls'
  | 'clock-skew'
  | 'wrong-swarm'
  | 'path-failed'
  | 'no-path'
  | 'bad-response'
  | 'seed-failed'
  | 'pool-too-small'
  | 'swarm-unavailable'
  | 'not-found'
  | 'unauthorized'
  | 'rejected'
  | 'server-error'
  | 'not-configured'
  | 'stopped';

const USER_MESSAGES: Record<NetworkErrorKind, string> = {
  timeout: 'The network took too long to answer. Please try again.',
  aborted: 'The request was cancelled.',
  unreachable: 'Could not reach the Session network. Check your connection.',
  offline: 'You appear to be offline. Check your connection.',
  tls: 'The secure connection to the network could not be verified.',
  'clock-skew': 'Your clock is out of sync with the network. Check your clock.',
  'wrong-swarm': 'The network moved this account to other nodes. Please try again.',
  'path-failed': 'The onion path failed. A new path will be built; please try again.',
  'no-path': 'No onion path to the network is available yet. Please try again.',
  'bad-response': 'The network sent an unexpected answer. Please try again.',
  'seed-failed': 'Could not load the list of service nodes from the seed nodes.',
  'pool-too-small': 'Not enough service nodes are known to build a private path.',
  'swarm-unavailable': 'Could not find the service nodes for this account.',
  'not-found': 'Not found on the network.',
  unauthorized: 'The network refused the request signature.',
  rejected: 'The network rejected the request.',
  'server-error': 'The server could not handle the request. Please try again.',
  'not-configured': 'This feature is not available on this network.',
  stopped: 'The network client is stopped.',
};

/** Kinds that a fresh attempt (maybe on another node or path) can fix. */
const RETRYABLE: ReadonlySet<NetworkErrorKind> = new Set<NetworkErrorKind>([
  'timeout',
  'unreachable',
  'wrong-swarm',
  'path-failed',
  'no-path',
  'bad-response',
  'server-error',
]);

export interface NetworkErrorOptions {
  /** Developer detail (never secrets); defaults to nothing. */
  detail?: string;
  /** HTTP or RPC status when one was seen. */
  status?: number;
  cause?: unknown;
}

/** The one error type ts/network throws: `kind` for programs, `message` for people, `detail` for developers. */
export class NetworkError extends Error {
  readonly kind: NetworkErrorKind;
  readonly detail?: string;
  readonly status?: number;

  constructor(kind: NetworkErrorKind, options: NetworkErrorOptions = {}, message?: string) {
    super(message ?? USER_MESSAGES[kind], options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'NetworkError';
    this.kind = kind;
    if (options.detail !== undefined) this.detail = options.detail;
    if (options.status !== undefined) this.status = options.status;
  }

  /** Whether retrying (on another node or path) may succeed. */
  get retryable(): boolean {
    return RETRYABLE.has(this.kind);
  }
}

/** Narrowing helper for catch blocks. */
export function isNetworkError(err: unknown, kind?: NetworkErrorKind): err is NetworkError {
  return err instanceof NetworkError && (kind === undefined || err.kind === kind);
}

/** Wraps anything thrown into a NetworkError, keeping NetworkErrors as they are. */
export function toNetworkError(err: unknown, fallback: NetworkErrorKind = 'bad-response'): NetworkError {
  if (err instanceof NetworkError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  return new NetworkError(fallback, { detail, cause: err });
}
