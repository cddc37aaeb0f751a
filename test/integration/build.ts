// The integration tests that run the built programs (CLI, demo) rebuild them first when a source changed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

/** The newest modification time of a file, or of any file under a folder. */
function newest(p: string): number {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(p).reduce((max, name) => Math.max(max, newest(path.join(p, name))), 0);
}

/** Runs the build when `bundle` is missing or older than any of `sources` (paths relative to the repository root). */
export function buildIfStale(bundle: string, sources: readonly string[]): void {
  const built = fs.existsSync(bundle) ? fs.statSync(bundle).mtimeMs : 0;
  if (sources.some((s) => newest(path.join(ROOT, s)) > built)) {
    execFileSync(process.execPath, [path.join(ROOT, 'tools/build/build.mjs'), '--quiet'], { cwd: ROOT, stdio: 'inherit' });
  }
}
