// Builds every bundle with esbuild: Electron main + preload, renderer, web host, CLI, devnet, bench, bench profile generator, demo.
// Run by `npm ci` (prepare), so bin/ works right after install. `--quiet` prints only errors.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_SEAM_DEFINE } from './testSeams.cjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const quiet = process.argv.includes('--quiet');
const out = (p) => path.join(root, 'build', p);

/** The checkout's HEAD, recorded in the host bundles for About and the debug log; none outside a git checkout. */
function commitHash() {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}
const commit = commitHash();

/** Pure-JS packages bundled into the node bundles (tree-shaken): zod's CommonJS entry loads every locale it has (~40 ms of each cold start). */
const BUNDLED_PACKAGES = /^zod(\/|$)/;

/** Every other npm package (and node:*) stays a require() at run time. */
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (path.isAbsolute(args.path) || BUNDLED_PACKAGES.test(args.path)) return undefined;
      return { path: args.path, external: true };
    });
  },
};

const nodeCommon = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  // Every npm package but the pure-JS ones of BUNDLED_PACKAGES stays a require() at run time: native ones
  // (better-sqlite3, sharp and its @img/* libvips binaries) cannot be bundled, and the packaged app unpacks
  // them from the asar.
  plugins: [externalPackages],
  logLevel: 'error',
  absWorkingDir: root,
  define: { ...TEST_SEAM_DEFINE, ...(commit ? { 'process.env.SESSION_COMMIT_HASH': JSON.stringify(commit) } : {}) },
};

const browserCommon = {
  bundle: true,
  platform: 'browser',
  target: ['chrome120'],
  format: 'iife',
  sourcemap: true,
  logLevel: 'error',
  absWorkingDir: root,
  define: { ...TEST_SEAM_DEFINE, 'process.env.NODE_ENV': '"production"' },
  minify: false,
};

const jobs = [
  { ...nodeCommon, entryPoints: ['main/main.ts'], outfile: out('main/main.js') },
  // A sandboxed preload may only require('electron'): bundle everything else in.
  { ...nodeCommon, plugins: [], external: ['electron'], entryPoints: ['preload/preload.ts'], outfile: out('preload/preload.js') },
  { ...nodeCommon, entryPoints: ['ts/web/main.ts'], outfile: out('web/web.js') },
  { ...nodeCommon, entryPoints: ['ts/cli/main.ts'], outfile: out('cli/cli.js') },
  { ...nodeCommon, entryPoints: ['tools/devnet/main.ts'], outfile: out('devnet/devnet.js') },
  { ...nodeCommon, entryPoints: ['tools/bench/main.ts'], outfile: out('tools/bench.js') },
  { ...nodeCommon, entryPoints: ['tools/bench/profile/cli.ts'], outfile: out('tools/benchProfile.js') },
  // The history bench's fresh child processes (cold start, idle RSS: the backend, and its floor), found next to bench.js.
  { ...nodeCommon, entryPoints: ['tools/bench/workloads/historyChild.ts'], outfile: out('tools/bench-history-child.js') },
  { ...nodeCommon, entryPoints: ['tools/bench/workloads/historyFloorChild.ts'], outfile: out('tools/bench-history-floor.js') },
  // The app bench's backend worker (the app's own, its retrieves gated), found next to bench.js.
  { ...nodeCommon, entryPoints: ['tools/bench/workloads/gatedBackendWorker.ts'], outfile: out('tools/bench-gated-backend.js') },
  { ...nodeCommon, entryPoints: ['tools/demo/main.ts'], outfile: out('demo/demo.js') },
  // The receive pipeline's decrypt worker: its own file, found as ../workers/decrypt.js from each host bundle.
  { ...nodeCommon, entryPoints: ['ts/backend/workers/decrypt.ts'], outfile: out('workers/decrypt.js') },
  // The whole backend on a worker thread (ts/backend/thread): found as ../workers/backend.js from each host bundle.
  { ...nodeCommon, entryPoints: ['ts/backend/thread/backendWorker.ts'], outfile: out('workers/backend.js') },
  { ...browserCommon, entryPoints: ['ts/renderer/index.tsx'], outfile: out('renderer/renderer.js') },
  { ...browserCommon, entryPoints: ['ts/web/bootstrap.ts'], outfile: out('renderer/web-bootstrap.js') },
];

const started = Date.now();
const protos = path.join(root, 'tools/build/protos.mjs');
if (fs.existsSync(protos)) {
  const { generateIfStale } = await import(protos);
  await generateIfStale({ quiet });
}
await Promise.all(jobs.map((j) => build(j)));
// Static renderer files: the HTML shell and stylesheets.
fs.mkdirSync(out('renderer'), { recursive: true });
fs.copyFileSync(path.join(root, 'ts/renderer/index.html'), out('renderer/index.html'));
fs.cpSync(path.join(root, 'stylesheets'), out('renderer/stylesheets'), { recursive: true });
if (!quiet) console.log(`build: ${jobs.length} bundles in ${Date.now() - started} ms -> build/`);
