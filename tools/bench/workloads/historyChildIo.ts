// What the history group's child processes (historyChild.ts, historyFloorChild.ts) print, and their shared steps.
export interface ChildResult {
  /** Process start to the result (ms). */
  ms: number;
  /** Process start to the start of this script's own work (Node's start and the bundle's top level). */
  bootMs: number;
  /** Loading and evaluating the backend's modules (0 in the floors: theirs are in bootMs). */
  loadMs: number;
  /** Opening the profile (the backend, or the key file and the database). */
  openMs: number;
  /** The list call (or its SQL). */
  listMs: number;
  rows: number;
  /** Resident set size after GC settled (MB), in the rss modes. */
  rssMb?: number;
  heapUsedMb?: number;
}

export async function settle(): Promise<{ rssMb: number; heapUsedMb: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((r) => setTimeout(r, 300));
  }
  const m = process.memoryUsage();
  return { rssMb: m.rss / 1048576, heapUsedMb: m.heapUsed / 1048576 };
}

/** Prints the result line (or the error) and sets the exit code. */
export function report(p: Promise<ChildResult>, name: string): void {
  p.then(
    (r) => {
      process.stdout.write(JSON.stringify(r) + '\n');
    },
    (err: unknown) => {
      process.stderr.write(`${name}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
