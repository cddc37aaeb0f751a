// `npm run demo` entry point: starts the demo, prints the two links, and on Ctrl+C (SIGINT) or SIGTERM
// stops everything and deletes the temporary data. A second signal while stopping exits at once.
import { createLineLogger } from '../../ts/backend/log';
import { demoBanner, startDemo } from './demo';

const USAGE = 'usage: npm run demo [-- --verbose]';

async function main(argv: readonly string[]): Promise<number> {
  const unknown = argv.filter((a) => a !== '--verbose');
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (unknown.length > 0) {
    process.stderr.write(`demo: unknown argument(s): ${unknown.join(' ')}\n${USAGE}\n`);
    return 2;
  }
  // The engines' routine lines would bury the links; warnings and errors still show.
  const logger = createLineLogger(
    (line) => process.stderr.write(line),
    argv.includes('--verbose') ? 'info' : 'warn',
  );
  let stopRequested: NodeJS.Signals | undefined;
  const early = (signal: NodeJS.Signals) => {
    stopRequested = signal;
  };
  process.on('SIGINT', early);
  process.on('SIGTERM', early);
  const demo = await startDemo({ logger, progress: (line) => process.stderr.write(`demo: ${line}\n`) });
  process.off('SIGINT', early);
  process.off('SIGTERM', early);

  await new Promise<void>((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        process.stderr.write(`demo: ${signal} again, exiting without cleaning up\n`);
        process.exit(130);
      }
      stopping = true;
      process.stderr.write(`demo: ${signal}, stopping and deleting the demo data...\n`);
      demo.stop().then(resolve, (err: unknown) => {
        process.stderr.write(`demo: stopping failed: ${err instanceof Error ? err.message : String(err)}\n`);
        resolve();
      });
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    if (stopRequested) onSignal(stopRequested);
    else process.stdout.write(demoBanner(demo));
  });
  process.stderr.write('demo: stopped\n');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`demo: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
