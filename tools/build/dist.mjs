// `npm run dist`: packages the app with electron-builder (config: electron-builder.yml) after building
// the SQLite module for Electron's ABI, which the package carries unpacked beside app.asar.
// Extra arguments go to electron-builder, e.g. `npm run dist -- --linux AppImage`.
// Needs the network (Electron headers and the Electron zip); offline it stops with a clear message.
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const native = require('./electronNative.cjs');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function die(message) {
  console.error(`\nnpm run dist: ${message}`);
  if (!message.includes('npm run web')) console.error(native.WEB_HINT);
  process.exit(1);
}

async function main() {
  const extra = process.argv.slice(2);
  // The native module is built for this machine's OS and CPU: packaging for another one needs that machine.
  const otherPlatform = extra.some((a) => /^--?(mac|m|win|w|linux|l)$/.test(a) && !isHostPlatformFlag(a));
  if (otherPlatform) die('packaging for another OS needs a native SQLite build for it: run npm run dist on that OS.');
  try {
    await native.ensureElectronNative(root);
  } catch (err) {
    if (err instanceof native.ElectronBuildError) die(err.message);
    throw err;
  }

  const args = [path.join(root, 'node_modules', 'electron-builder', 'cli.js'), '--config', 'electron-builder.yml', ...extra];
  // With the binary already fetched by `npm start`, reuse it instead of downloading the zip again.
  const dist = path.join(root, 'node_modules', 'electron', 'dist');
  if (native.electronBinaryPath(root) && fs.existsSync(dist)) args.push(`--config.electronDist=${dist}`);
  const { code, output } = await native.run(process.execPath, args, { cwd: root, env: process.env });
  if (code !== 0) {
    const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo|RequestError|dial tcp|no such host/i.test(output);
    die(offline
      ? 'electron-builder could not download what it needs (Electron zip or packaging tools): packaging needs network access.'
      : `electron-builder failed with code ${code} (see its output above).`);
  }
}

function isHostPlatformFlag(flag) {
  const name = flag.replace(/^-+/, '');
  const host = { darwin: ['mac', 'm'], win32: ['win', 'w'], linux: ['linux', 'l'] }[process.platform] ?? [];
  return host.includes(name);
}

main().catch((err) => die(`unexpected failure: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`));
