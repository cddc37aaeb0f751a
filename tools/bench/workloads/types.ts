// Shapes of benchmark workloads: each figure is measured next to a "floor" (the raw primitives it
// is made of) in the same run, so the ratio is meaningful on any machine.

/** One measured operation and its floor. */
export interface Workload {
  /** Short name, unique within its group (used by --only). */
  name: string;
  /** What one operation is, for the table. */
  describe: string;
  /** Runs `n` operations of the measured code. */
  run: (n: number) => void | Promise<void>;
  /** What the floor is made of, for the table. */
  floorDescribe: string;
  /** Runs `n` operations of the floor. */
  floor: (n: number) => void | Promise<void>;
  /** Largest acceptable floor/figure ratio (1.3 = at most 30% slower than the primitives). */
  target: number;
  /**
   * What a batch is timed with: wall clock (default), or this process's CPU time (user + system) for
   * figures defined as client CPU while another process (a devnet) does its share of the work.
   */
  clock?: 'wall' | 'cpu';
}

/** A named group of workloads, with optional one-time setup. */
export interface WorkloadGroup {
  name: string;
  setup?: () => Promise<void>;
  /** Runs after the group's workloads (stops what setup started, writes the group's own figures). */
  teardown?: () => Promise<void>;
  workloads: Workload[];
}
