// Web host entry point (`npm run web -- [--data-dir DIR] [--seed URL] [--profile NAME] [--port N]`):
// starts the host, prints its URL with the access token, and closes cleanly on SIGINT/SIGTERM.
import { HostArgsError, parseHostArgs, quoteArg } from '../backend/hostArgs';
import { takeBackendThread } from './args';
import { startWebHost } from './host';

const USAGE = 'usage: npm run web -- [--data-dir DIR] [--network mainnet|testnet | --seed URL] [--profile NAME] [--port N] [--backend-thread worker|main]';

async function main(argv: readonly string[]): Promise<number> {
  let args;
  let thread: ReturnType<typeof takeBackendThread>;
  try {
    args = parseHostArgs(argv);
    thread = takeBackendThread(args.rest);
    if (thread.rest.includes('--help') || thread.rest.includes('-h')) {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    if (thread.rest.length > 0) throw new HostArgsError(`Unknown argument(s): ${thread.rest.slice(0, 5).map(quoteArg).join(' ')}${thread.rest.length > 5 ? ' …' : ''}`);
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
  process.stdout.write(`Session web host: ${host.url}\n`);
  await new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.stderr.write(`web host: ${signal}, closing\n`);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      host.stop().then(resolve, (err: unknown) => {
        process.stderr.write(`web host: closing failed: ${(err as Error).message}\n`);
        resolve();
      });
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
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
