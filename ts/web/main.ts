// Web host entry point (`npm run web -- [--data-dir DIR] [--seed URL] [--profile NAME] [--port N]`):
// starts the host, prints its URL with the access token, and closes cleanly on SIGINT/SIGTERM.
import { HostArgsError, parseHostArgs, quoteArg } from '../backend/hostArgs';
import { takeBackendThread } from './args';
import { startWebHost } from './host';
import { SHUTDOWN_DRAIN_MS } from '../backend/services/followUps';
import { validateCall } from '../ipc/validate';

const USAGE = `usage: npm run web -- [--data-dir DIR] [--network mainnet|testnet | --seed URL] [--profile NAME] [--port N] [--backend-thread worker|main] [--password-stdin]

A profile with an app password opens on the page's lock screen; --password-stdin unlocks it at start with the
first line of stdin instead (scripts). The web host has no OS keychain: without an app password the database
key is kept in the profile folder's db.key, readable by your user account only (mode 0600).`;

/** The first line of stdin (the app password for --password-stdin). */
async function readFirstLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  const text = Buffer.concat(chunks).toString('utf8');
  const nl = text.search(/\r?\n/);
  return nl < 0 ? text : text.slice(0, nl);
}

async function main(argv: readonly string[]): Promise<number> {
  let args;
  let thread: ReturnType<typeof takeBackendThread>;
  let passwordStdin = false;
  try {
    args = parseHostArgs(argv);
    thread = takeBackendThread(args.rest);
    if (thread.rest.includes('--help') || thread.rest.includes('-h')) {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    passwordStdin = thread.rest.includes('--password-stdin');
    const rest = thread.rest.filter((a) => a !== '--password-stdin');
    if (rest.length > 0) throw new HostArgsError(`Unknown argument(s): ${rest.slice(0, 5).map(quoteArg).join(' ')}${rest.length > 5 ? ' …' : ''}`);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  let crashed = false;
  const host = await startWebHost({
    ...(args.dataDir !== undefined ? { dataDir: args.dataDir } : {}),
    ...(args.network !== undefined ? { network: args.network } : {}),
    ...(args.seedUrl !== undefined ? { seedUrl: args.seedUrl } : {}),
    ...(args.profile !== undefined ? { profile: args.profile } : {}),
    ...(args.port !== undefined ? { port: args.port } : {}),
    ...(thread.backendThread !== undefined ? { backendThread: thread.backendThread } : {}),
    // The engine's thread died: the page already gets `unavailable` for every call; stop serving and exit.
    onBackendCrash: (err) => {
      process.stderr.write(`web host: ${err.message} Closing.\n`);
      crashed = true;
      process.kill(process.pid, 'SIGTERM');
    },
  });
  if (passwordStdin && (await host.backend.handlers['password.status']({})).locked) {
    const password = await readFirstLine();
    try {
      if (password === '') throw new Error('No app password given (stdin was empty).');
      // Through the contract's validation, as a page's call would be.
      const params = validateCall('password.unlock', { password }) as { password: string };
      await host.backend.handlers['password.unlock'](params);
    } catch (err) {
      process.stderr.write(`web host: ${err instanceof Error ? err.message : String(err)}\n`);
      await host.stop();
      return 1;
    }
  }
  await new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      // Queued stores (sync copies, settings updates, request responses) get a bounded wait, logged as it goes.
      process.stderr.write(`web host: ${signal}, closing (queued stores get up to ${SHUTDOWN_DRAIN_MS / 1000} s; a second ${signal} ends at once)\n`);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      host.stop().then(resolve, (err: unknown) => {
        process.stderr.write(`web host: closing failed: ${(err as Error).message}\n`);
        resolve();
      });
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    // Only now: a supervisor that stops the host as soon as it sees the URL must find the handlers in place.
    process.stdout.write(`Session web host: ${host.url}\n`);
  });
  return crashed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // Lock held, key unreadable, port in use...: the message says what to do.
    process.stderr.write(`web host: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
