// Bounded retries with exponential back-off. Delays go through the injected clock so tests never wait.
import { NetworkError, toNetworkError } from './errors';
import type { Clock } from './types';

export interface RetryOptions {
  /** Total attempts, first one included (>= 1). */
  attempts: number;
  /** Delay before the second attempt. */
  minDelayMs: number;
  /** Upper bound for any single delay. */
  maxDelayMs: number;
  /** Growth per attempt (default 2). */
  factor?: number;
  signal?: AbortSignal | undefined;
  /** Whether an error is worth another attempt (default: NetworkError.retryable). */
  shouldRetry?: (err: NetworkError, attempt: number) => boolean;
}

/** Delay before attempt `attempt + 1` (attempt counts from 1): min * factor^(attempt-1), capped at max. */
export function backoffDelay(attempt: number, options: Pick<RetryOptions, 'minDelayMs' | 'maxDelayMs' | 'factor'>): number {
  const factor = options.factor ?? 2;
  return Math.min(options.maxDelayMs, options.minDelayMs * factor ** Math.max(0, attempt - 1));
}

/** Runs `fn` until it succeeds, the error is not retryable, or attempts run out; the last error is thrown. */
export async function withRetries<T>(clock: Clock, options: RetryOptions, fn: (attempt: number) => Promise<T>): Promise<T> {
  const attempts = Math.max(1, options.attempts);
  let lastError: NetworkError | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (options.signal?.aborted) throw new NetworkError('aborted');
    try {
      return await fn(attempt);
    } catch (err) {
      const e = toNetworkError(err);
      lastError = e;
      const retry = options.shouldRetry ? options.shouldRetry(e, attempt) : e.retryable;
      if (!retry || attempt === attempts) throw e;
      try {
        await clock.sleep(backoffDelay(attempt, options), options.signal);
      } catch {
        throw new NetworkError('aborted');
      }
    }
  }
  throw lastError ?? new NetworkError('bad-response', { detail: 'no attempt made' });
}
