// Throughput measurement shared by the runner and workloads that time several sides themselves: each side
// is calibrated to a batch of about one slice, then the sides' batches alternate for a number of rounds so
// they all see the same machine load, and the best rate of each is kept.

export type Batch = (n: number) => void | Promise<void>;

/** Batch size that makes one call of `fn` take about `sliceMs`. */
export async function calibrate(fn: Batch, sliceMs: number): Promise<number> {
  let n = 1;
  for (;;) {
    const t0 = performance.now();
    await fn(n);
    const dt = performance.now() - t0;
    if (dt >= sliceMs / 4 || n >= 1 << 24) return Math.max(1, Math.round((n * sliceMs) / Math.max(dt, 0.001)));
    n *= 4;
  }
}

/** Ops per second of one batch of `n`, by wall clock or by this process's CPU time. */
export async function timed(fn: Batch, n: number, clock: 'wall' | 'cpu' = 'wall'): Promise<number> {
  if (clock === 'cpu') {
    const c0 = process.cpuUsage();
    await fn(n);
    const c = process.cpuUsage(c0);
    return n / (Math.max(c.user + c.system, 1) / 1e6);
  }
  const t0 = performance.now();
  await fn(n);
  return n / ((performance.now() - t0) / 1000);
}

/** Slice and rounds of a run: short for --quick. */
export const throughputPlan = (quick: boolean): { sliceMs: number; rounds: number } => (quick ? { sliceMs: 100, rounds: 3 } : { sliceMs: 500, rounds: 16 });

/** Best ops/s of each side, the sides' batches alternating round by round. */
export async function bestRates(sides: readonly Batch[], opts: { quick: boolean; clock?: 'wall' | 'cpu' }): Promise<number[]> {
  const { sliceMs, rounds } = throughputPlan(opts.quick);
  const sizes: number[] = [];
  for (const s of sides) sizes.push(await calibrate(s, sliceMs));
  const best = sides.map(() => 0);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < sides.length; i++) best[i] = Math.max(best[i] as number, await timed(sides[i] as Batch, sizes[i] as number, opts.clock));
  }
  return best;
}
