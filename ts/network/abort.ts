// Waiting on shared work (one path build, one pool load) with a caller's own AbortSignal.
import { NetworkError } from './errors';

/**
 * Waits for `work`, or rejects with `aborted` as soon as `signal` aborts. The work itself goes on:
 * it is shared, and one caller giving up must not fail it for the others.
 */
export function untilAborted<T>(work: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(new NetworkError('aborted'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new NetworkError('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}
