// Child-process helper for the lock test: opens a backend on the given data dir, prints "ready", and
// holds the profile until stdin closes. Bundled with esbuild by the test.
import { openBackend } from '../../../ts/backend';
import { silentLogger } from '../../../ts/backend/log';

async function main(): Promise<void> {
  const backend = await openBackend({ dataDir: process.argv[2]!, host: 'cli', appVersion: '0.0.0', logger: silentLogger });
  process.stdout.write('ready\n');
  process.stdin.resume();
  process.stdin.on('end', () => void backend.close().then(() => process.exit(0)));
}
main().catch((err: unknown) => {
  process.stdout.write(`error ${(err as Error).message}\n`);
  process.exit(1);
});
