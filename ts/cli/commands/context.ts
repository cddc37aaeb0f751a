// What every command gets from the composition root: the backend client, the output, time, and limits.
import type { CliClient } from '../client';
import type { Output } from '../output';

export interface CommandContext {
  client: CliClient;
  out: Output;
  now: () => number;
  /** Resolves after `ms`, or at once when `signal` aborts (injected so unit tests need no real time). */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Interval at which `receive --wait` polls again. */
  pollMs: number;
  /** How long `send` waits for delivery and `path` for paths. */
  waitMs: number;
  /** Reads all of stdin (for `restore -`). */
  readStdin: () => Promise<string>;
  /** The profile folder (ROOT/<network>/<profile>/): `download`'s default folder and the avatar copies live under it. */
  profileDir: string;
}
