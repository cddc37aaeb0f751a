// Errors the CLI reports itself, with the exit code they map to (1 runtime, 2 usage).
import { IpcError } from '../ipc/errors';
import { UsageError } from './args';

export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** Exit code for anything a command throws: usage and invalid input 2, everything else 1. */
export function exitCodeOf(err: unknown): number {
  if (err instanceof CliError) return err.exitCode;
  if (err instanceof UsageError) return 2;
  if (err instanceof IpcError && (err.code === 'invalid_params' || err.code === 'unknown_method')) return 2;
  return 1;
}
