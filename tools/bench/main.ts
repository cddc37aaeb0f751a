// Benchmark runner: measures every workload next to its floor in the same run, prints ONE table (figure,
// floor, ratio to the floor, target, verdict) and writes the same numbers to bench/results/latest.json.
// Usage: npm run bench [-- --quick] [-- --only NAME] [-- --readme]
//   --quick      every workload at a small size (CI smoke test: checks the suite runs, not the numbers);
//                results go to bench/results/quick/ (ignored by git), never over the committed files.
//   --only NAME  a group, a workload or a figure name.
//   --readme     no measuring: rewrites README.md's table from bench/results/latest.json (full runs only).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { figureKey, mergeResults, renderReadmeTable, renderTable, replaceReadmeSection, toFigure, RATIO_LEGEND, type BenchResults } from './report';
import { BENCH_ROOT, defaultResultsDir } from './results';
import { bestRates } from './throughput';
import { groups } from './workloads';
import { isMeasured, type Figure, type FigureResult, type MeasureContext, type MeasuredWorkload, type Workload, type WorkloadGroup } from './workloads/types';

interface Options {
  quick: boolean;
  only: string | undefined;
  readme: boolean;
}

function parseArgs(argv: string[]): Options {
  const only = argv.indexOf('--only');
  if (only >= 0 && !argv[only + 1]) throw new Error('bench: --only needs a group, workload or figure name');
  return { quick: argv.includes('--quick'), only: only >= 0 ? argv[only + 1] : undefined, readme: argv.includes('--readme') };
}

function readResults(file: string): BenchResults | undefined {
  try {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as BenchResults;
    return Array.isArray(v.results) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Rewrites README.md's bench section from the committed full-run results. */
function writeReadme(): void {
  const file = path.join(defaultResultsDir(false), 'latest.json');
  const results = readResults(file);
  if (!results) throw new Error(`bench: no results in ${path.relative(BENCH_ROOT, file)}; run \`npm run bench\` first`);
  const readmeFile = path.join(BENCH_ROOT, 'README.md');
  const readme = fs.readFileSync(readmeFile, 'utf8');
  fs.writeFileSync(readmeFile, replaceReadmeSection(readme, renderReadmeTable(results)));
  process.stderr.write(`bench: README.md table rewritten from ${path.relative(BENCH_ROOT, file)} (${results.results.length} figures)\n`);
}

const workloadName = (w: Workload | MeasuredWorkload): string => w.name;

/** The groups and workloads `--only NAME` selects (a group, a workload, or a figure by its name). */
function select(only: string | undefined, previous: readonly Figure[]): WorkloadGroup[] {
  if (only === undefined) return groups;
  const out: WorkloadGroup[] = [];
  for (const g of groups) {
    if (g.name === only) {
      out.push(g);
      continue;
    }
    const figureOf = new Set(previous.filter((f) => f.group === g.name && f.name === only).map((f) => f.workload ?? f.name));
    const ws = g.workloads.filter((w) => w.name === only || figureOf.has(w.name) || (isMeasured(w) && (w.figures ?? []).includes(only)));
    if (ws.length > 0) out.push({ ...g, workloads: ws });
  }
  return out;
}

async function runThroughput(g: WorkloadGroup, w: Workload, ctx: MeasureContext): Promise<FigureResult> {
  const [fig, flo] = await bestRates([w.run, w.floor], { quick: ctx.quick, ...(w.clock ? { clock: w.clock } : {}) });
  const perOp = w.perOp ?? 1;
  const unit = w.unit ?? 'ops/s';
  return {
    name: w.name,
    describe: perOp === 1 ? w.describe : `${w.describe} (${perOp} ${unit.replace('/s', '')} per op)`,
    unit,
    value: (fig as number) * perOp,
    floor: { value: (flo as number) * perOp, describe: w.floorDescribe },
    target: typeof w.target === 'number' ? { maxRatio: w.target } : w.target,
    ...(w.clock === 'cpu' ? { detail: { clock: 'CPU time of this process' } } : {}),
  };
}

const load1 = (): number => Math.round(os.loadavg()[0]! * 100) / 100;

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  if (o.readme) return writeReadme();
  const resultsDir = process.env.BENCH_RESULTS_DIR ?? defaultResultsDir(o.quick);
  const file = path.join(resultsDir, 'latest.json');
  const previous = readResults(file);
  const selected = select(o.only, previous?.results ?? []);
  if (selected.length === 0) {
    const names = groups.flatMap((g) => [g.name, ...g.workloads.map(workloadName)]);
    process.stderr.write(`bench: nothing matches --only ${o.only ?? ''}; known: ${names.join(', ')}\n`);
    process.exitCode = 2;
    return;
  }
  const ctx: MeasureContext = { quick: o.quick, resultsDir };
  fs.mkdirSync(resultsDir, { recursive: true });
  const loadAtStart = os.loadavg().map((x) => Math.round(x * 100) / 100);
  const started = performance.now();
  const figures: Figure[] = [];
  const failed: string[] = [];
  for (const g of selected) {
    const gt0 = performance.now();
    try {
      if (g.setup) await g.setup(ctx);
      for (const w of g.workloads) {
        process.stderr.write(`bench: ${g.name}/${w.name}${o.quick ? ' (quick)' : ''}...\n`);
        const l0 = load1();
        try {
          const results = isMeasured(w) ? await w.measure(ctx) : [await runThroughput(g, w, ctx)];
          const extra = { workload: w.name, measuredAt: new Date().toISOString(), loadAverage: [l0, load1()] as [number, number] };
          for (const r of results) figures.push(toFigure(g.name, r, extra));
        } catch (e) {
          failed.push(`${g.name}/${w.name}`);
          process.stderr.write(`bench: ${g.name}/${w.name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
        }
      }
    } catch (e) {
      failed.push(`${g.name} (setup)`);
      process.stderr.write(`bench: ${g.name} setup failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    } finally {
      try {
        if (g.teardown) await g.teardown();
      } catch (e) {
        failed.push(`${g.name} (teardown)`);
        process.stderr.write(`bench: ${g.name} teardown failed: ${e instanceof Error ? e.message : String(e)}\n`);
      }
    }
    process.stderr.write(`bench: ${g.name} took ${((performance.now() - gt0) / 1000).toFixed(1)} s\n`);
  }
  // --only a figure: show that figure (its workload's other figures are still recorded).
  const shown = o.only && figures.some((f) => f.name === o.only && f.group !== o.only) ? figures.filter((f) => f.name === o.only) : figures;
  console.log(renderTable(shown));
  const out: BenchResults = {
    generatedAt: new Date().toISOString(),
    mode: o.quick ? 'quick' : 'full',
    machine: {
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      loadAverage: { atStart: loadAtStart, atEnd: os.loadavg().map((x) => Math.round(x * 100) / 100) },
    },
    legend: RATIO_LEGEND,
    results: mergeResults(previous?.results ?? [], figures),
  };
  fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  const missed = figures.filter((f) => !f.withinTarget).map(figureKey);
  process.stderr.write(
    `bench: ${figures.length} figures in ${((performance.now() - started) / 1000).toFixed(1)} s (${out.mode}), ${missed.length} missed their target; wrote ${path.relative(BENCH_ROOT, file)}\n`,
  );
  if (failed.length > 0) {
    process.stderr.write(`bench: FAILED: ${failed.join(', ')}\n`);
    process.exitCode = 1;
  }
}

main()
  .catch((e: unknown) => {
    process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  })
  // Devnets, engines and browsers of the groups are stopped by their teardowns; a stray timer or socket
  // must not keep a finished run (or CI) waiting.
  .finally(() => process.exit());
