// Pure rendering of benchmark figures: the ratio and verdict of a figure, the console table, the README
// table and its section. The runner, bench/results/latest.json and the README all go through these, so a
// figure reads the same everywhere. No I/O here (unit-tested in test/unit/bench).
import { BETTER, type Figure, type FigureResult, type Target, type Unit } from './workloads/types';

/** bench/results/latest.json. */
export interface BenchResults {
  generatedAt: string;
  mode: 'quick' | 'full';
  machine: { node: string; platform: string; cpus: number; cpu: string; loadAverage?: { atStart: number[]; atEnd: number[] } };
  legend?: string;
  results: Figure[];
}

export const RATIO_LEGEND =
  'ratio = how many times worse than the floor measured in the same run: value / floor for times, sizes and CPU; floor / value for rates. 1 = at the floor, below 1 = better than the floor.';

/** Rounds to 4 significant digits (what the JSON keeps and the table shows). */
export function round4(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const digits = 3 - Math.floor(Math.log10(Math.abs(x)));
  const f = 10 ** Math.max(0, Math.min(digits, 6));
  return Math.round(x * f) / f;
}

/** How many times worse than its floor a value is (see RATIO_LEGEND); undefined without a usable floor. */
export function ratioOf(better: 'higher' | 'lower', value: number, floor: number | undefined): number | undefined {
  if (floor === undefined || !Number.isFinite(floor) || !Number.isFinite(value)) return undefined;
  const r = better === 'lower' ? value / floor : floor / value;
  return Number.isFinite(r) ? Math.round(r * 100) / 100 : undefined;
}

/** Whether a value (and its ratio) meets a target: `max` is strict (< max), `atMost`, `min` and `maxRatio` inclusive. */
export function meetsTarget(target: Target, value: number, ratio: number | undefined): boolean {
  if ('max' in target) return value < target.max;
  if ('atMost' in target) return value <= target.atMost;
  if ('min' in target) return value >= target.min;
  return ratio !== undefined && ratio <= target.maxRatio;
}

/** A workload's figure as the table and the JSON hold it: rounded, with its direction, ratio and verdict. */
export function toFigure(group: string, r: FigureResult, extra: Pick<Figure, 'workload' | 'measuredAt' | 'loadAverage'> = {}): Figure {
  const better = BETTER[r.unit];
  const value = round4(r.value);
  const floor = r.floor ? { ...r.floor, value: round4(r.floor.value) } : undefined;
  const ratio = ratioOf(better, value, floor?.value);
  const withinTarget = Number.isFinite(value) && meetsTarget(r.target, value, ratio) && (r.check?.ok ?? true);
  const fig: Figure = { group, ...r, value, better, withinTarget };
  if (floor) fig.floor = floor;
  else delete fig.floor;
  if (ratio !== undefined) fig.ratio = ratio;
  if (extra.workload !== undefined && extra.workload !== r.name) fig.workload = extra.workload;
  if (extra.measuredAt !== undefined) fig.measuredAt = extra.measuredAt;
  if (extra.loadAverage !== undefined) fig.loadAverage = extra.loadAverage;
  return fig;
}

/** A number for people: thousands separated, about 3 significant digits. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  const decimals = a >= 100 || a === 0 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : a >= 0.01 ? 3 : 4;
  return v.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: decimals });
}

/** A value with its unit: "5,800 msgs/s", "3.2 ms", "0.19% of a core". */
export function formatValue(v: number, unit: Unit): string {
  return unit === '% of a core' ? `${formatNumber(v)}% of a core` : `${formatNumber(v)} ${unit}`;
}

/** A ratio with its direction: "1.38x floor". */
export function formatRatio(ratio: number | undefined): string {
  return ratio === undefined ? '' : `${ratio < 10 ? ratio.toFixed(2) : formatNumber(ratio)}x floor`;
}

/** A target in the figure's terms: "< 5 ms", ">= 500 msgs/s", "<= 1.3x floor". */
export function formatTarget(t: Target, unit: Unit): string {
  if ('max' in t) return `< ${formatValue(t.max, unit)}`;
  if ('atMost' in t) return `<= ${formatValue(t.atMost, unit)}`;
  if ('min' in t) return `>= ${formatValue(t.min, unit)}`;
  return `<= ${t.maxRatio}x floor`;
}

function targetCell(f: Figure): string {
  const t = formatTarget(f.target, f.unit);
  return f.check ? `${t}, ${f.check.describe}` : t;
}

const verdict = (f: Figure): string => (f.withinTarget ? 'ok' : 'MISSED');

/** The console table: one row per figure. */
export function renderTable(figures: readonly Figure[]): string {
  const head = ['group', 'workload', 'figure', 'floor', 'ratio (x floor, >1 worse)', 'target', ''];
  const body = figures.map((f) => [
    f.group,
    f.name,
    formatValue(f.value, f.unit),
    f.floor ? formatValue(f.floor.value, f.unit) : '-',
    f.ratio === undefined ? '-' : formatRatio(f.ratio),
    targetCell(f),
    verdict(f),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] as string).length)));
  const right = new Set([2, 3, 4]);
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (right.has(i) ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line), '', RATIO_LEGEND].join('\n');
}

const md = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The README's table (Markdown) from a full run's results; throws for a quick run. */
export function renderReadmeTable(r: BenchResults): string {
  if (r.mode !== 'full') throw new Error(`bench: ${r.mode} results are a smoke test, not figures: only a full run (npm run bench) may go into the README`);
  const figures = r.results.filter(isFigure);
  if (figures.length === 0) throw new Error('bench: no figures in the results (older files have none in this shape): run `npm run bench` first');
  const la = r.machine.loadAverage;
  const load = la ? `, 1-min load average ${la.atStart[0]} at the start, ${la.atEnd[0]} at the end` : '';
  const busy = la && Math.max(la.atStart[0] ?? 0, la.atEnd[0] ?? 0) > r.machine.cpus ? ' The machine was busy (load above its core count): times and rates read worse than on a quiet machine.' : '';
  const lines = [
    `<!-- Generated by \`npm run bench -- --readme\` from bench/results/latest.json: edit that, not this table. -->`,
    `Last full run ${r.generatedAt.slice(0, 10)}: ${r.machine.cpus} × ${r.machine.cpu}, Node ${r.machine.node.replace(/^v/, '')}${load}.${busy}`,
    '',
    '| Group | Figure | Measured | Floor (same run) | Ratio | Target | |',
    '|---|---|--:|--:|--:|---|---|',
  ];
  for (const f of figures) {
    const what = `**${md(f.name)}**: ${md(f.describe)}`;
    const floor = f.floor ? `${formatValue(f.floor.value, f.unit)}: ${md(f.floor.describe)}` : '';
    lines.push(`| ${f.group} | ${what} | ${formatValue(f.value, f.unit)} | ${floor} | ${formatRatio(f.ratio)} | ${md(targetCell(f))} | ${verdict(f)} |`);
  }
  lines.push('', `The ratio is ${RATIO_LEGEND.replace(/^ratio = /, '')}`);
  return lines.join('\n');
}

export const README_BEGIN = '<!-- bench:begin -->';
export const README_END = '<!-- bench:end -->';

/** README text with the section between the bench markers replaced by `table`; throws if the markers are missing. */
export function replaceReadmeSection(readme: string, table: string): string {
  const b = readme.indexOf(README_BEGIN);
  const e = readme.indexOf(README_END);
  if (b < 0 || e < b) throw new Error(`bench: README.md has no ${README_BEGIN} ... ${README_END} section`);
  return `${readme.slice(0, b + README_BEGIN.length)}\n${table}\n${readme.slice(e)}`;
}

/** Whether a stored result has the shape of a figure (results of older runners do not). */
export function isFigure(x: unknown): x is Figure {
  if (typeof x !== 'object' || x === null) return false;
  const f = x as Partial<Figure>;
  return typeof f.group === 'string' && typeof f.name === 'string' && typeof f.value === 'number' && typeof f.unit === 'string' && typeof f.target === 'object';
}

/** Identity of a figure across runs. */
export const figureKey = (f: Pick<Figure, 'group' | 'name'>): string => `${f.group}/${f.name}`;

/**
 * The results to keep after a run: figures of workloads not run this time stay (so a partial run does not
 * erase them), in their old order; every workload that ran replaces all of its previous figures. Entries
 * in an older shape (without a unit and value) are dropped.
 */
export function mergeResults(previous: readonly unknown[], ran: readonly Figure[]): Figure[] {
  const ranWorkloads = new Set(ran.map((f) => `${f.group}/${f.workload ?? f.name}`));
  const ranFigures = new Set(ran.map(figureKey));
  const kept = previous.filter(isFigure).filter((f) => !ranWorkloads.has(`${f.group}/${f.workload ?? f.name}`) && !ranFigures.has(figureKey(f)));
  // Order: previous order, with a re-run workload's figures where its first old figure was, new ones last.
  const out: Figure[] = [];
  const placed = new Set<string>();
  for (const p of previous.filter(isFigure)) {
    const w = `${p.group}/${p.workload ?? p.name}`;
    if (ranWorkloads.has(w) || ranFigures.has(figureKey(p))) {
      if (!placed.has(w)) {
        placed.add(w);
        out.push(...ran.filter((f) => `${f.group}/${f.workload ?? f.name}` === w));
      }
    } else if (kept.includes(p)) out.push(p);
  }
  for (const f of ran) if (!placed.has(`${f.group}/${f.workload ?? f.name}`)) out.push(f);
  return out;
}
