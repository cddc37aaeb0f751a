// Shapes of benchmark workloads. Every figure is reported once, in its natural unit (msgs/s, ms, MB,
// % of a core), next to its floor in the same unit (the raw primitives it is made of, measured in the
// same run), with the ratio's direction stated and the target in the same terms. The table, the JSON
// (bench/results/latest.json) and the README table all come from these same numbers.

/** Natural units of figures. Rates are "higher is better", durations, sizes and CPU "lower is better". */
export type Unit =
  | 'ops/s'
  | 'msgs/s'
  | 'requests/s'
  | 'MB/s'
  | 'ms'
  | 'MB'
  | '% of a core'
  | 'ms CPU per MB'
  | 'rows'
  | 'msgs'
  | 'requests per poll interval'
  | 'requests per message';

/** Which way is better for a unit. */
export const BETTER: Record<Unit, 'higher' | 'lower'> = {
  'ops/s': 'higher',
  'msgs/s': 'higher',
  'requests/s': 'higher',
  'MB/s': 'higher',
  ms: 'lower',
  MB: 'lower',
  '% of a core': 'lower',
  'ms CPU per MB': 'lower',
  rows: 'lower',
  /** A count of messages (lost, duplicated). */
  msgs: 'lower',
  /** Requests a server receives per poll interval of a client. */
  'requests per poll interval': 'lower',
  /** Requests one sent message costs (group stores). */
  'requests per message': 'lower',
};

/**
 * The target of a figure: an absolute bound in the figure's own unit (`max` for lower-is-better units,
 * strictly below; `atMost` for a count that may reach the bound, such as one request per interval; `min`
 * for rates), or a bound on its ratio to the floor (`maxRatio`: at most that many times worse).
 */
export type Target = { max: number } | { atMost: number } | { min: number } | { maxRatio: number };

/** A floor: the same unit as its figure, measured in the same run. */
export interface Floor {
  value: number;
  /** What the floor is made of. */
  describe: string;
}

/** One figure as a workload reports it; the runner adds the ratio and the verdict. */
export interface FigureResult {
  /** Short name, unique within its group (the table's "workload" column; --only matches it too). */
  name: string;
  /** What is measured, in a sentence. */
  describe: string;
  unit: Unit;
  value: number;
  floor?: Floor;
  target: Target;
  /** Extra numbers worth keeping in the JSON (sample counts, sizes, the p99 next to a p50 row...). */
  detail?: Record<string, number | string | boolean>;
  /**
   * A condition the figure must meet besides its target (e.g. "every page reached" next to a longest
   * task): the verdict is ok only if both hold; the table prints `describe` after the target.
   */
  check?: { ok: boolean; describe: string };
}

/** One row of the table and of bench/results/latest.json. */
export interface Figure extends FigureResult {
  group: string;
  better: 'higher' | 'lower';
  /**
   * How many times worse than its floor (1 = at the floor, 2 = twice as slow / big): value / floor when
   * lower is better, floor / value when higher is better. Absent without a floor.
   */
  ratio?: number;
  withinTarget: boolean;
  /** The workload that reported it, when that is not the figure's own name (--only matches it). */
  workload?: string;
  /** When it was measured, and the 1-min load average at the start and end of its workload. */
  measuredAt?: string;
  loadAverage?: [number, number];
}

/**
 * A throughput workload: the runner calibrates batches of `run` and `floor` and alternates them so
 * both see the same machine load, keeping the best of each. The figure is `perOp` x ops/s in `unit`.
 */
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
  /**
   * Largest acceptable ratio to the floor (1.3 = at most 30% slower than the primitives), or any other
   * target in the figure's unit (e.g. `{ min: 500 }` requests/s).
   */
  target: number | Target;
  /** The figure's unit (default ops/s) and how many of that unit's items one op is (default 1). */
  unit?: Extract<Unit, 'ops/s' | 'msgs/s' | 'requests/s' | 'MB/s'>;
  perOp?: number;
  /**
   * What a batch is timed with: wall clock (default), or this process's CPU time (user + system) for
   * figures defined as client CPU while another process (a devnet) does its share of the work.
   */
  clock?: 'wall' | 'cpu';
}

/** Options a measured workload gets from the runner. */
export interface MeasureContext {
  /** `--quick`: a small size, to check the suite runs (CI), not the numbers. */
  quick: boolean;
  /**
   * Where the group may write its own detail file (e.g. `engine.json`): bench/results for a full run,
   * an ignored folder (bench/results/quick) for --quick so a smoke run never overwrites committed
   * results. Use `detailFile(ctx, 'x.json')` from ../results.
   */
  resultsDir?: string;
}

/**
 * A workload that measures itself (latency percentiles, sizes, RSS, idle CPU, a whole catch-up) and
 * reports one or more figures, each with its floor from the same run.
 */
export interface MeasuredWorkload {
  /** Short name, unique within its group (used by --only; selects every figure it reports). */
  name: string;
  /** Names of the figures it reports, when they differ from `name` (lets --only FIGURE find it). */
  figures?: string[];
  measure: (ctx: MeasureContext) => Promise<FigureResult[]>;
}

/** A named group of workloads, with optional one-time setup. */
export interface WorkloadGroup {
  name: string;
  setup?: (ctx: MeasureContext) => Promise<void>;
  /** Runs after the group's workloads (stops what setup started, writes the group's own figures). */
  teardown?: () => Promise<void>;
  workloads: (Workload | MeasuredWorkload)[];
}

/** Whether a workload measures itself. */
export function isMeasured(w: Workload | MeasuredWorkload): w is MeasuredWorkload {
  return typeof (w as MeasuredWorkload).measure === 'function';
}
