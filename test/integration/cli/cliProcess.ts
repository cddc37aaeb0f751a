// ./bin/session-cli as the CLI integration tests run it: its own process with --json against a devnet seed,
// fast polling, stdout read as JSON lines (one `{ unparsable }` row when it is not).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT, buildIfStale } from '../build';

export const BIN = path.join(ROOT, 'bin', 'session-cli');
const BUNDLE = path.join(ROOT, 'build', 'cli', 'cli.js');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON lines. */
  lines: Array<Record<string, unknown>>;
}

/** Builds the CLI bundle when its sources are newer than it. */
export function buildCli(): void {
  buildIfStale(BUNDLE, ['ts', 'bin/session-cli']);
}

/** Starts one command; `input` (if any) is its whole stdin. */
export function startCli(seedUrl: string, dataDir: string, args: string[], opts: { input?: string; env?: Record<string, string> } = {}) {
  const child = spawn(BIN, ['--json', '--seed', seedUrl, '--data-dir', dataDir, ...args], {
    cwd: ROOT,
    env: { ...process.env, SESSION_CLI_POLL_MS: '100', SESSION_CLI_WAIT_MS: '30000', ...opts.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.end(opts.input);
  const done = new Promise<CliRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      let lines: Array<Record<string, unknown>>;
      try {
        lines = stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
      } catch {
        lines = [{ unparsable: stdout }];
      }
      resolve({ code, signal, stdout, stderr, lines });
    });
  });
  return { child, done };
}
