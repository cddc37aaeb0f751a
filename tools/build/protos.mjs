// Generates the static protobuf code in ts/protocol/generated/ from protos/*.proto with
// protobufjs-cli (pbjs static-module + pbts). Regenerates only when a .proto is newer than the
// output. Usage: `npm run protos` (forces regeneration) or generateIfStale() from build.mjs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const protoDir = path.join(root, 'protos');
const outDir = path.join(root, 'ts', 'protocol', 'generated');
const outJs = path.join(outDir, 'signalservice.js');
const outDts = path.join(outDir, 'signalservice.d.ts');
const cliBin = path.join(root, 'node_modules', 'protobufjs-cli', 'bin');

function protoFiles() {
  return fs
    .readdirSync(protoDir)
    .filter((f) => f.endsWith('.proto'))
    .sort()
    .map((f) => path.join(protoDir, f));
}

function run(tool, args) {
  const r = spawnSync(process.execPath, [path.join(cliBin, tool), ...args], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`${tool} failed (exit ${r.status}):\n${r.stderr || r.stdout}`);
  }
}

/**
 * pbjs --force-number only changes typings; the reader still returns Long objects for 64-bit
 * fields when the `long` package is installed. Rewrite the decoder so every 64-bit field is a
 * plain number (all our 64-bit fields are millisecond timestamps or ids well below 2^53).
 */
function numberify(file) {
  let js = fs.readFileSync(file, 'utf8');
  js = js.replace(/reader\.(u?int64|sint64|s?fixed64)\(\)/g, '$toNumber(reader.$1())');
  js = js.replace(/\$util\.Long \? \$util\.Long\.fromBits\(0,0,(true|false)\) : 0/g, '0');
  const anchor = '// Exported root namespace';
  if (!js.includes(anchor)) throw new Error('protos: unexpected pbjs output layout');
  js = js.replace(
    anchor,
    '// 64-bit values as numbers (see tools/build/protos.mjs)\n' +
      'var $toNumber = function (v) { return typeof v === "number" ? v : v.toNumber(); };\n\n' +
      anchor,
  );
  fs.writeFileSync(file, js);
}

/** True when the generated output is missing or older than any .proto file. */
export function isStale() {
  if (!fs.existsSync(outJs) || !fs.existsSync(outDts)) return true;
  const outTime = Math.min(fs.statSync(outJs).mtimeMs, fs.statSync(outDts).mtimeMs);
  return protoFiles().some((f) => fs.statSync(f).mtimeMs > outTime);
}

/** Regenerates the static code unconditionally. */
export function generate({ quiet = false } = {}) {
  const started = Date.now();
  fs.mkdirSync(outDir, { recursive: true });
  // 64-bit fields as numbers (timestamps fit in 2^53); no JSON conversion helpers; verify() kept
  // for the required-field check on encode.
  run('pbjs', [
    '-t', 'static-module', '-w', 'commonjs', '--force-number', '--no-delimited', '--no-service', '--no-convert',
    '-o', outJs, ...protoFiles(),
  ]);
  numberify(outJs);
  run('pbts', ['-o', outDts, outJs]);
  if (!quiet) console.log(`protos: generated ${path.relative(root, outJs)} in ${Date.now() - started} ms`);
}

/** Regenerates only when a .proto is newer than the output. */
export async function generateIfStale({ quiet = false } = {}) {
  if (isStale()) generate({ quiet });
  else if (!quiet) console.log('protos: up to date');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    generate({ quiet: process.argv.includes('--quiet') });
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  }
}
