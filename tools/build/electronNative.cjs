// Electron-side build steps shared by `npm start` and `npm run dist`: locating (or fetching) the
// Electron binary and building the SQLite native module for Electron's ABI into .electron-native/,
// leaving the Node build in node_modules (tests, web host, CLI) untouched. CommonJS so the pure
// helpers are unit-testable under jest.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');

const SQLITE_PACKAGE = 'better-sqlite3-multiple-ciphers';
const NATIVE_FOLDER = '.electron-native';
const NATIVE_FILE = 'better_sqlite3.node';
const STAMP_FILE = 'build-info.json';
const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';
const WEB_HINT = 'You can run the app without Electron, in your browser: npm run web';

/** A failure the person running the command can act on; `message` says what and what to do. */
class ElectronBuildError extends Error {
  constructor(message) {
    super(message);
    this.name = 'ElectronBuildError';
  }
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function electronVersion(root) {
  return readJson(path.join(root, 'node_modules', 'electron', 'package.json')).version;
}

function sqlitePackageDir(root) {
  return path.join(root, 'node_modules', SQLITE_PACKAGE);
}

function sqlitePackageVersion(root) {
  return readJson(path.join(sqlitePackageDir(root), 'package.json')).version;
}

function nativeDir(root, version) {
  return path.join(root, NATIVE_FOLDER, version);
}

function nativeOutputPath(root, version) {
  return path.join(nativeDir(root, version), NATIVE_FILE);
}

/** What a build is for; a build for anything else must be redone. */
function buildStamp({ electron, module, platform, arch }) {
  return { electron, module: `${SQLITE_PACKAGE}@${module}`, platform, arch };
}

/** True when .electron-native/<version>/ holds a module built for this Electron, module version, OS and CPU. */
function isNativeBuilt(root, stamp) {
  const dir = nativeDir(root, stamp.electron);
  try {
    if (!fs.statSync(path.join(dir, NATIVE_FILE)).isFile()) return false;
    const saved = readJson(path.join(dir, STAMP_FILE));
    return Object.keys(stamp).every((k) => saved[k] === stamp[k]);
  } catch {
    return false;
  }
}

/**
 * The environment for node-gyp: without the npm settings that would silently retarget the build
 * (this machine's npmrc sets nodedir=/usr, which makes "Electron" builds use Node's headers and ABI).
 * Everything that matters is passed as explicit flags instead.
 */
function gypEnv(env) {
  const dropped = new Set(['nodedir', 'target', 'runtime', 'disturl', 'dist_url', 'arch', 'target_arch', 'build_from_source']);
  const out = {};
  for (const [k, v] of Object.entries(env)) {
    const m = /^npm_config_(.+)$/i.exec(k);
    if (m && dropped.has(m[1].toLowerCase().replace(/-/g, '_'))) continue;
    out[k] = v;
  }
  return out;
}

function nodeGypArgs(version, arch) {
  return ['rebuild', '--release', `--target=${version}`, `--arch=${arch}`, `--dist-url=${ELECTRON_HEADERS_URL}`, '--runtime=electron'];
}

/** Sorts a node-gyp failure into the cause a person can fix. */
function explainGypFailure(output) {
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo|self[- ]signed|certificate|\b40[34]\b|download/i.test(output)) {
    return `could not download the Electron headers from ${ELECTRON_HEADERS_URL} (no network?)`;
  }
  if (/find Python|python.*not found|not found: (make|g\+\+|cc|gcc)|(make|g\+\+|gcc|cc): (command )?not found|No such file or directory.*\b(make|g\+\+|gcc)\b|MSBuild|Visual Studio|xcrun|Xcode/i.test(output)) {
    return 'no C++ build toolchain was found (node-gyp needs Python 3, make and a C++20 compiler)';
  }
  return 'node-gyp failed (see its output above)';
}

/** Path of the Electron executable when the binary is installed, else null. */
function electronBinaryPath(root, env = process.env) {
  const pkg = path.join(root, 'node_modules', 'electron');
  let relative;
  try {
    relative = fs.readFileSync(path.join(pkg, 'path.txt'), 'utf8').trim();
  } catch {
    return null;
  }
  const base = env.ELECTRON_OVERRIDE_DIST_PATH || path.join(pkg, 'dist');
  const file = path.join(base, relative);
  return fs.existsSync(file) ? file : null;
}

/**
 * The Electron command line for `npm start`: the app folder (Electron reads package.json "main" and
 * the product name from it), then the host arguments. A relative --data-dir is resolved against the
 * folder the person ran npm in (INIT_CWD), not the package root npm switches to.
 */
function electronLaunchArgs(appDir, argv, invocationDir) {
  const out = [appDir];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--data-dir' && i + 1 < argv.length) {
      out.push(arg, path.resolve(invocationDir, argv[i + 1]));
      i++;
    } else if (arg.startsWith('--data-dir=')) {
      out.push(`--data-dir=${path.resolve(invocationDir, arg.slice('--data-dir='.length))}`);
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** Runs a command, echoing its output live and keeping the tail for diagnosis. */
function run(command, args, opts) {
  return new Promise((resolve) => {
    let tail = '';
    const keep = (chunk, stream) => {
      stream.write(chunk);
      tail = (tail + chunk.toString()).slice(-20000);
    };
    let child;
    try {
      child = spawn(command, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      resolve({ code: -1, output: String(err) });
      return;
    }
    child.stdout.on('data', (c) => keep(c, opts.quiet ? { write() {} } : process.stdout));
    child.stderr.on('data', (c) => keep(c, opts.quiet ? { write() {} } : process.stderr));
    child.on('error', (err) => {
      tail += `\n${err.message}`;
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output: tail }));
  });
}

/** Fetches the Electron binary with Electron's own installer when it is missing. */
async function ensureElectronBinary(root, { log = console.log, env = process.env } = {}) {
  const existing = electronBinaryPath(root, env);
  if (existing) return existing;
  const version = electronVersion(root);
  log(`Electron ${version} binary not found: downloading it (node_modules/electron/install.js)...`);
  const installEnv = { ...env };
  // An opt-out meant for `npm install` must not stop the explicit fetch asked for here.
  delete installEnv.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const { code, output } = await run(process.execPath, [path.join(root, 'node_modules', 'electron', 'install.js')], {
    cwd: path.join(root, 'node_modules', 'electron'),
    env: installEnv,
  });
  const installed = electronBinaryPath(root, env);
  if (code !== 0 || !installed) {
    const why = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo|RequestError|HTTPError|certificate/i.test(output)
      ? 'the download failed (no network access to GitHub?)'
      : `the installer exited with code ${code}`;
    throw new ElectronBuildError(`Could not fetch the Electron ${version} binary: ${why}.\n${WEB_HINT}`);
  }
  return installed;
}

/**
 * Builds the SQLite module for this Electron into .electron-native/<version>/better_sqlite3.node,
 * compiling a copy of the package source in a temporary folder. Skips when already built.
 */
async function ensureElectronNative(root, { log = console.log, env = process.env, platform = process.platform, arch = process.arch } = {}) {
  const version = electronVersion(root);
  const stamp = buildStamp({ electron: version, module: sqlitePackageVersion(root), platform, arch });
  const out = nativeOutputPath(root, version);
  if (isNativeBuilt(root, stamp)) return out;

  log(`Building ${SQLITE_PACKAGE} for Electron ${version} (${platform}-${arch}) into ${path.relative(root, nativeDir(root, version))}/ (takes a few minutes once)...`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'session-ts-sqlite-'));
  try {
    const src = sqlitePackageDir(root);
    for (const entry of ['binding.gyp', 'package.json', 'src', 'deps']) {
      fs.cpSync(path.join(src, entry), path.join(tmp, entry), { recursive: true });
    }
    const gyp = path.join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
    const { code, output } = await run(process.execPath, [gyp, ...nodeGypArgs(version, arch)], { cwd: tmp, env: gypEnv(env) });
    const built = path.join(tmp, 'build', 'Release', NATIVE_FILE);
    if (code !== 0 || !fs.existsSync(built)) {
      throw new ElectronBuildError(`Could not build the SQLite module for Electron ${version}: ${explainGypFailure(output)}.\n${WEB_HINT}`);
    }
    fs.mkdirSync(nativeDir(root, version), { recursive: true });
    // Copy then rename, so an interrupted copy never looks like a finished build.
    fs.copyFileSync(built, `${out}.tmp`);
    fs.renameSync(`${out}.tmp`, out);
    fs.writeFileSync(path.join(nativeDir(root, version), STAMP_FILE), JSON.stringify(stamp, null, 2) + '\n');
    log(`Built ${path.relative(root, out)}`);
    return out;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

module.exports = {
  SQLITE_PACKAGE,
  NATIVE_FOLDER,
  NATIVE_FILE,
  STAMP_FILE,
  ELECTRON_HEADERS_URL,
  WEB_HINT,
  ElectronBuildError,
  electronVersion,
  nativeDir,
  nativeOutputPath,
  buildStamp,
  isNativeBuilt,
  gypEnv,
  nodeGypArgs,
  explainGypFailure,
  electronBinaryPath,
  electronLaunchArgs,
  run,
  ensureElectronBinary,
  ensureElectronNative,
};
