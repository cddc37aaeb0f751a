// `npm start`: builds the bundles, fetches the Electron binary when it is missing, builds the SQLite
// module for Electron's ABI (once per version) and launches the app. Host options pass through:
//   npm start -- --seed http://127.0.0.1:PORT/ --data-dir ./devdata --profile alice
// Every failure ends with a message naming `npm run web` and a non-zero exit.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const native = require('./electronNative.cjs');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function die(message) {
  console.error(`\nnpm start: ${message}`);
  if (!message.includes('npm run web')) console.error(native.WEB_HINT);
  process.exit(1);
}

async function buildBundles() {
  const { code } = await native.run(process.execPath, [path.join(root, 'tools', 'build', 'build.mjs')], { cwd: root, env: process.env });
  if (code !== 0) die('building the bundles failed (see the errors above).');
}

async function main() {
  const appArgs = process.argv.slice(2);
  await buildBundles();
  let electron;
  try {
    electron = await native.ensureElectronBinary(root);
    await native.ensureElectronNative(root);
  } catch (err) {
    if (err instanceof native.ElectronBuildError) die(err.message);
    throw err;
  }

  const args = native.electronLaunchArgs(root, appArgs, process.env.INIT_CWD ?? process.cwd());
  const env = { ...process.env };
  // Set by some shells and tools; it would make the Electron binary behave as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(electron, args, { cwd: root, env, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (err) => die(`could not launch Electron (${electron}): ${err.message}`));
  child.on('exit', (code, signal) => {
    if (signal) process.exit(1);
    process.exit(code ?? 0);
  });
}

main().catch((err) => die(`unexpected failure: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`));
