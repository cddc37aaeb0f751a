// Tuning knobs read from the environment (documented in docs/cli.md), so tests and scripts can make the
// CLI fast against a local devnet without new flags. Parsed here, validated, never trusted raw.
import { UsageError } from './args';

export interface CliEnv {
  /** SESSION_CLI_POLL_MS: the backend's swarm poll interval and `receive --wait`'s re-poll interval. */
  pollMs?: number;
  /** SESSION_CLI_SEND_ATTEMPTS: network attempts of one send before the backend marks it failed. */
  sendAttempts?: number;
  /** SESSION_CLI_RETRY_MS: delay before the first retry of a send (doubling, capped at 60 s or this). */
  retryMs?: number;
  /** SESSION_CLI_WAIT_MS: how long `send` waits for delivery and `path` for paths (default 120 s). */
  waitMs: number;
}

export const DEFAULT_WAIT_MS = 120_000;
/** receive --wait re-polls at this interval when SESSION_CLI_POLL_MS is unset. */
export const DEFAULT_RECEIVE_POLL_MS = 2_000;

function wholeNumber(env: Record<string, string | undefined>, name: string, max: number, unit: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    throw new UsageError(`Invalid ${name} "${raw.slice(0, 40)}": expected whole ${unit} from 1 to ${max}.`);
  }
  return Number(raw);
}

export function parseCliEnv(env: Record<string, string | undefined>): CliEnv {
  const pollMs = wholeNumber(env, 'SESSION_CLI_POLL_MS', 3_600_000, 'milliseconds');
  const sendAttempts = wholeNumber(env, 'SESSION_CLI_SEND_ATTEMPTS', 100, 'attempts');
  const retryMs = wholeNumber(env, 'SESSION_CLI_RETRY_MS', 3_600_000, 'milliseconds');
  const waitMs = wholeNumber(env, 'SESSION_CLI_WAIT_MS', 86_400_000, 'milliseconds') ?? DEFAULT_WAIT_MS;
  return {
    ...(pollMs !== undefined ? { pollMs } : {}),
    ...(sendAttempts !== undefined ? { sendAttempts } : {}),
    ...(retryMs !== undefined ? { retryMs } : {}),
    waitMs,
  };
}
