// session-cli entry point (bin/session-cli): binds runCli to the real process and exits with its code.
import pkg from '../../package.json';
import { openBackend } from '../backend';
import { createLineLogger } from '../backend/log';
import { runCli } from './run';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a line from the terminal without echoing it; undefined when stdin is not a terminal. */
function promptPassword(prompt: string): Promise<string | undefined> {
  const stdin = process.stdin;
  if (!stdin.isTTY) return Promise.resolve(undefined);
  process.stderr.write(prompt);
  return new Promise((resolve) => {
    let text = '';
    const finish = (value: string | undefined) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      resolve(value);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish(text);
        if (ch === '\u0003') {
          // Ctrl+C: as a signal would.
          finish(undefined);
          process.kill(process.pid, 'SIGINT');
          return;
        }
        if (ch === '\u0004') return finish(text); // Ctrl+D
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
        else text += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

/** Exits once stdout has flushed (a pipe reader must get every line before we leave). */
function exitAfterFlush(code: number): void {
  process.stdout.write('', () => process.exit(code));
}

// A reader that went away (`| head`) is not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  process.exit(err.code === 'EPIPE' ? 0 : 1);
});

runCli(process.argv.slice(2), {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
  env: process.env,
  openBackend,
  createLogger: (minLevel) => createLineLogger((line) => process.stderr.write(line), minLevel),
  appVersion: pkg.version,
  now: Date.now,
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(resolve, ms);
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    }),
  readStdin,
  promptPassword,
  onSignal(handler) {
    const onInt = () => handler('SIGINT');
    const onTerm = () => handler('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    return () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    };
  },
}).then(exitAfterFlush, (err: unknown) => {
  // Only a bug in the CLI itself lands here; say so without a stack unless asked.
  process.stderr.write(`session-cli: unexpected error: ${err instanceof Error ? err.message : String(err)}\n`);
  if (process.argv.includes('--verbose') && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  exitAfterFlush(1);
});
