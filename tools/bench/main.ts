// Benchmark runner: measures every workload next to its floor in the same process, prints a
// table (figure, floor, ratio, target) and writes bench/results/latest.json.
// Usage: npm run bench [-- --quick] [-- --only NAME] (NAME = a group or a workload).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { groups, type Workload, type WorkloadGroup } from './workloads';
import { BETTER, isMeasured, type Figure } from './workloads/types';

interface Measured {
  group: string;
  name: string;
  describe: string;
  floorDescribe: string;
  opsPerSec: number;
  floorOpsPerSec: number;
  ratio: number;
  target: number;
  withinTarget: boolean;
}

interface Options {
  quick: boolean;
  only: string | undefined;
}

function parseArgs(argv: string[]): Options {
  const only = argv.indexOf('--only');
  return { quick: argv.includes('--quick'), only: only >= 0 ? argv[only + 1] : undefined };
}

/** Batch size that makes one call of `fn` take about `sliceMs`. */
async function calibrate(fn: (n: number) => void | Promise<void>, sliceMs: number): Promise<number> {
  let n = 1;
  for (;;) {
    const t0 = performance.now();
    await fn(n);
    const dt = performance.now() - t0;
    if (dt >= sliceMs / 4 || n >= 1 << 24) return Math.max(1, Math.round((n * sliceMs) / Math.max(dt, 0.001)));
    n *= 4;
  }
}

async function timed(fn: (n: number) => void | Promise<void>, n: number, clock: 'wall' | 'cpu' = 'wall'): Promise<number> {
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

async function measure(group: WorkloadGroup, w: Workload, o: Options): Promise<Measured> {
  const slice = o.quick ? 150 : 500;
  const rounds = o.quick ? 8 : 16;
  const nFig = await calibrate(w.run, slice);
  const nFloor = await calibrate(w.floor, slice);
  // Alternate figure and floor batches so both see the same machine load; keep the best of each.
  let fig = 0;
  let flo = 0;
  for (let r = 0; r < rounds; r++) {
    fig = Math.max(fig, await timed(w.run, nFig, w.clock));
    flo = Math.max(flo, await timed(w.floor, nFloor, w.clock));
  }
  const ratio = flo / fig;
  return {
    group: group.name,
    name: w.name,
    describe: w.describe,
    floorDescribe: w.floorDescribe,
    opsPerSec: Math.round(fig),
    floorOpsPerSec: Math.round(flo),
    ratio: Math.round(ratio * 100) / 100,
    target: w.target,
    withinTarget: ratio <= w.target,
  };
}

/** A measured workload's figure with its ratio to the floor (how many times worse) and its verdict. */
function toFigure(group: string, f: Omit<Figure, 'group' | 'better' | 'ratio' | 'withinTarget'>): Figure {
  const better = BETTER[f.unit];
  const ratio = f.floor && f.floor.value > 0 && f.value > 0 ? (better === 'lower' ? f.value / f.floor.value : f.floor.value / f.value) : undefined;
  const t = f.target;
  const withinTarget =
    'max' in t ? f.value <= t.max : 'min' in t ? f.value >= t.min : ratio !== undefined ? ratio <= t.maxRatio : f.floor !== undefined && f.value <= f.floor.value;
  return { ...f, group, better, ...(ratio !== undefined ? { ratio: Math.round(ratio * 100) / 100 } : {}), withinTarget };
}

function describeFigure(f: Figure): string {
  const target = 'max' in f.target ? `<= ${f.target.max} ${f.unit}` : 'min' in f.target ? `>= ${f.target.min} ${f.unit}` : `ratio <= ${f.target.maxRatio}`;
  const floor = f.floor ? `; floor ${f.floor.value} ${f.unit} (${f.floor.describe}); ratio ${f.ratio ?? '-'} (x worse than the floor)` : '';
  return `${f.group}/${f.name}: ${f.value} ${f.unit}${floor}; target ${target}: ${f.withinTarget ? 'ok' : 'MISSED'}`;
}

function table(rows: Measured[]): string {
  const head = ['group', 'workload', 'figure (ops/s)', 'floor (ops/s)', 'ratio', 'target', ''];
  const body = rows.map((r) => [
    r.group,
    r.name,
    r.opsPerSec.toLocaleString('en-US'),
    r.floorOpsPerSec.toLocaleString('en-US'),
    r.ratio.toFixed(2),
    `<= ${r.target}`,
    r.withinTarget ? 'ok' : 'SLOW',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const root = path.resolve(__dirname, '..', '..');
  const selected = groups
    .map((g) => ({ ...g, workloads: o.only && o.only !== g.name ? g.workloads.filter((w) => w.name === o.only) : g.workloads }))
    .filter((g) => g.workloads.length > 0);
  if (selected.length === 0) {
    const names = groups.flatMap((g) => [g.name, ...g.workloads.map((w) => w.name)]);
    process.stderr.write(`bench: nothing matches --only ${o.only ?? ''}; known: ${names.join(', ')}\n`);
    process.exitCode = 2;
    return;
  }
  const rows: Measured[] = [];
  const figures: Figure[] = [];
  for (const g of selected) {
    if (g.setup) await g.setup({ quick: o.quick });
    for (const w of g.workloads) {
      process.stderr.write(`bench: ${g.name}/${w.name}...\n`);
      if (isMeasured(w)) {
        for (const f of await w.measure({ quick: o.quick })) {
          const fig = toFigure(g.name, f);
          figures.push(fig);
          process.stderr.write(`bench: ${describeFigure(fig)}\n`);
        }
      } else rows.push(await measure(g, w, o));
    }
    if (g.teardown) await g.teardown();
  }
  console.log(table(rows));
  const file = path.join(root, 'bench', 'results', 'latest.json');
  let previous: Measured[] = [];
  try {
    const old = JSON.parse(fs.readFileSync(file, 'utf8')) as { results?: Measured[] };
    previous = Array.isArray(old.results) ? old.results : [];
  } catch {
    // first run: nothing to merge
  }
  // Keep results of workloads not run this time, so a partial run (--only) does not erase them.
  const key = (m: Measured) => `${m.group}/${m.name}`;
  const ran = new Set(rows.map(key));
  const merged = [...previous.filter((m) => !ran.has(key(m))), ...rows];
  const out = {
    generatedAt: new Date().toISOString(),
    mode: o.quick ? 'quick' : 'full',
    machine: { node: process.version, platform: `${process.platform}-${process.arch}`, cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown' },
    note: 'ratio = floor ops/s / figure ops/s, measured in the same run (best of several batches); lower is better.',
    results: merged,
    figures,
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  process.stderr.write(`bench: wrote ${path.relative(root, file)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
