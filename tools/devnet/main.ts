// session-devnet entry point: starts a local Oxen-compatible network on loopback, prints one JSON line
// describing it on stdout, logs on stderr, and stops cleanly on SIGINT/SIGTERM.
import { parseArgs, USAGE } from './args';
import { startDevnet } from './devnet';

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`session-devnet: ${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (parsed.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const devnet = await startDevnet({ ...parsed.options, log: (line) => process.stderr.write(`${line}\n`) });
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`session-devnet: ${signal}, stopping\n`);
    devnet.stop().then(
      () => {
        process.exitCode = 0;
      },
      (e: unknown) => {
        process.stderr.write(`session-devnet: stop failed: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exitCode = 1;
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.stdout.write(`${devnet.infoJson}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`session-devnet: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
