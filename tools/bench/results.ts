// Where benchmark results go: bench/results for a full run (committed: the evidence behind the README
// table), bench/results/quick for --quick (ignored by git: a smoke run never overwrites the figures).
import path from 'node:path';
import type { MeasureContext } from './workloads/types';

/** The repository root (this code runs bundled as build/tools/bench.js). */
export const BENCH_ROOT = path.resolve(__dirname, '..', '..');

export function defaultResultsDir(quick: boolean): string {
  const dir = path.join(BENCH_ROOT, 'bench', 'results');
  return quick ? path.join(dir, 'quick') : dir;
}

/** A group's own detail file (e.g. engine.json) for this run. */
export function detailFile(ctx: MeasureContext, name: string): string {
  return path.join(ctx.resultsDir ?? defaultResultsDir(ctx.quick), name);
}
