// session-cli's flow with its I/O injected: parse, open the backend, run one command, close, and map
// the outcome to an exit code. main.ts binds it to the real process; unit tests bind it to fakes.
import { HostArgsError } from '../backend/hostArgs';
import type { Logger } from '../backend/log';
import type { Backend, BackendOptions, EngineOptions } from '../backend/types';
import { USAGE, UsageError, parseArgs } from './args';
import { createClient } from './client';
import { runCommand } from './commands';
import { DEFAULT_RECEIVE_POLL_MS, parseCliEnv } from './env';
import type { CliEnv } from './env';
import { CliError, exitCodeOf } from './errors';
import { createOutput, jsonLine } from './output';
import type { Writer } from './output';

export interface CliIo {
  stdout: Writer;
  stderr: Writer;
  env: Record<string, string | undefined>;
  openBackend: (options: BackendOptions) => Promise<Backend>;
  createLogger: (minLevel: 'debug' | 'error') => Logger;
  appVersion: string;
  now: () => number;
  /** Resolves after `ms`, or at once when `signal` aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readStdin: () => Promise<string>;
  /**
   * Asks for the profile's app password on the terminal without echoing it; undefined when there is no
   * terminal to ask on (stdin is a pipe or a file).
   */
  promptPassword?: (prompt: string) => Promise<string | undefined>;
  /** Registers a handler for SIGINT/SIGTERM; returns its removal. */
  onSignal: (handler: (signal: 'SIGINT' | 'SIGTERM') => void) => () => void;
}

/** Exit code for a signal: 128 + its number, as shells report it. */
export const SIGNAL_EXIT: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };

/** Backend tuning from the environment: the engine's poll interval and send retry policy. */
export function backendTuning(env: CliEnv): Pick<BackendOptions, 'engine'> {
  const engine: EngineOptions = {};
  if (env.pollMs !== undefined) engine.pollIntervalMs = env.pollMs;
  const retry: NonNullable<EngineOptions['sendRetry']> = {};
  if (env.sendAttempts !== undefined) retry.attempts = env.sendAttempts;
  if (env.retryMs !== undefined) {
    retry.minDelayMs = env.retryMs;
    retry.maxDelayMs = Math.max(env.retryMs, 60_000);
  }
  if (Object.keys(retry).length > 0) engine.sendRetry = retry;
  return Object.keys(engine).length > 0 ? { engine } : {};
}

/** The first line of what came on stdin, without its line ending (a password piped with echo or a file). */
function firstLine(text: string): string {
  const nl = text.search(/\r?\n/);
  return nl < 0 ? text : text.slice(0, nl);
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const usageError = (message: string) => {
    io.stderr(`session-cli: ${message}\nRun "session-cli help" for usage.\n`);
    return 2;
  };
  let args;
  let env: CliEnv;
  try {
    args = parseArgs(argv);
    env = parseCliEnv(io.env);
  } catch (err) {
    if (err instanceof UsageError) {
      // A bare `session-cli` gets the whole usage rather than a one-line complaint.
      if (argv.length === 0) {
        io.stderr(USAGE + '\n');
        return 2;
      }
      return usageError(err.message);
    }
    throw err;
  }
  if (args.command.name === 'help') {
    // Even help keeps the --json promise of one JSON object per line.
    io.stdout(args.global.json ? jsonLine({ usage: USAGE }) : USAGE + '\n');
    return 0;
  }
  const command = args.command;
  const { global } = args;
  const out = createOutput({ json: global.json, stdout: io.stdout, stderr: io.stderr });

  // Unexpected failures are shown as a generic message; their detail only with --verbose.
  let internalDetail: unknown;
  const report = (err: unknown): number => {
    const code = err instanceof HostArgsError ? 2 : exitCodeOf(err);
    out.error(err instanceof Error ? err.message : String(err));
    if (global.verbose) {
      const detail = internalDetail ?? err;
      if (detail instanceof Error && detail.stack) io.stderr(`${detail.stack}\n`);
    }
    return code;
  };

  // Signals are caught from before the profile is opened: a signal during opening waits for the open to
  // finish and closes again, so the profile lock is never left behind. Afterwards a signal ends the run
  // at once: the backend closes and the caller exits; whatever the command waited for is dropped (its
  // database commits are already durable).
  let signal: 'SIGINT' | 'SIGTERM' | undefined;
  let onSignalled: (() => void) | undefined;
  const offSignal = io.onSignal((s) => {
    if (signal !== undefined) return;
    signal = s;
    out.error(s === 'SIGINT' ? 'interrupted' : 'terminated');
    onSignalled?.();
  });
  const signalCode = () => (signal === undefined ? undefined : SIGNAL_EXIT[signal]);

  let backend: Backend;
  try {
    backend = await io.openBackend({
      ...(global.dataDir !== undefined ? { dataDir: global.dataDir } : {}),
      ...(global.network !== undefined ? { network: global.network } : {}),
      ...(global.seedUrl !== undefined ? { seedUrl: global.seedUrl } : {}),
      ...(global.profile !== undefined ? { profile: global.profile } : {}),
      host: 'cli',
      appVersion: io.appVersion,
      logger: io.createLogger(global.verbose ? 'debug' : 'error'),
      ...backendTuning(env),
    });
  } catch (err) {
    offSignal();
    // Profile in use (naming the holder), unreadable key, bad seed URL...: the message says what to do.
    return signalCode() ?? report(err);
  }

  let closing: Promise<void> | undefined;
  const close = () => (closing ??= backend.close());
  const interrupted = new Promise<number>((resolve) => {
    onSignalled = () => {
      const code = signalCode()!;
      close().then(
        () => resolve(code),
        () => resolve(code),
      );
    };
    if (signal !== undefined) onSignalled();
  });
  const client = createClient(backend, (_method, err) => {
    internalDetail = err;
  });
  const ctx = {
    client,
    out,
    now: io.now,
    sleep: io.sleep,
    pollMs: env.pollMs ?? DEFAULT_RECEIVE_POLL_MS,
    waitMs: env.waitMs,
    readStdin: io.readStdin,
    profileDir: backend.profileDir,
  };
  // A profile with an app password opens locked: unlock it first (stdin with --password-stdin, else the terminal).
  const unlockThenRun = async (): Promise<void> => {
    const status = await client.call('password.status', {});
    if (status.locked) {
      const password = global.passwordStdin ? firstLine(await io.readStdin()) : await io.promptPassword?.('App password for this profile: ');
      if (password === undefined) {
        throw new CliError('This profile is locked with an app password: run the command in a terminal to be asked for it, or pass it on stdin with --password-stdin.');
      }
      if (password === '') throw new CliError('No app password given (stdin was empty).', 2);
      await client.call('password.unlock', { password });
    }
    await runCommand(ctx, command);
  };
  // A signal during opening skips the command.
  const completed = (signal !== undefined ? interrupted : unlockThenRun()).then(
    () => signalCode() ?? 0,
    // After a signal the backend closes under the command; its failure then is no news.
    (err: unknown) => signalCode() ?? report(err),
  );
  try {
    return await Promise.race([completed, interrupted]);
  } finally {
    offSignal();
    try {
      await close();
    } catch (err) {
      out.error(`closing the profile failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
