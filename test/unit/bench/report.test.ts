import {
  formatTarget,
  formatValue,
  mergeResults,
  ratioOf,
  renderReadmeTable,
  renderTable,
  replaceReadmeSection,
  toFigure,
  type BenchResults,
} from '../../../tools/bench/report';
import type { Figure, FigureResult } from '../../../tools/bench/workloads/types';

const pipeline: FigureResult = {
  name: 'receive-pipeline',
  describe: 'sealed messages through the receive pipeline',
  unit: 'msgs/s',
  value: 4_000,
  floor: { value: 5_520, describe: 'one core of crypto' },
  target: { maxRatio: 1.3 },
};
const open: FigureResult = {
  name: 'open-conversation',
  describe: 'newest page of 50',
  unit: 'ms',
  value: 6.9,
  floor: { value: 5, describe: 'one query' },
  target: { max: 5 },
  detail: { p99: 19 },
};

function results(mode: 'quick' | 'full', figures: Figure[]): BenchResults {
  return {
    generatedAt: '2026-12-02T14:00:00.000Z',
    mode,
    machine: { node: 'v20.20.2', platform: 'linux-x64', cpus: 2, cpu: 'Xeon', loadAverage: { atStart: [1.2, 1, 1], atEnd: [1.5, 1, 1] } },
    results: figures,
  };
}

describe('bench figures', () => {
  test('the ratio is how many times worse than the floor, whichever way the unit goes', () => {
    // A rate below its floor is worse: floor / value.
    expect(ratioOf('higher', 4_000, 5_520)).toBe(1.38);
    // A rate above its floor beats it: below 1.
    expect(ratioOf('higher', 5_520, 4_000)).toBe(0.72);
    // A time above its floor is worse: value / floor.
    expect(ratioOf('lower', 6.9, 5)).toBe(1.38);
    expect(ratioOf('lower', 1, undefined)).toBeUndefined();
  });

  test('a figure gets its direction, its ratio and a verdict against its target', () => {
    const f = toFigure('engine', pipeline);
    expect(f).toMatchObject({ group: 'engine', better: 'higher', ratio: 1.38, withinTarget: false });
    expect(toFigure('engine', { ...pipeline, target: { maxRatio: 1.4 } }).withinTarget).toBe(true);
    expect(toFigure('engine', { ...pipeline, target: { min: 4_000 } }).withinTarget).toBe(true);
    expect(toFigure('engine', { ...pipeline, target: { min: 4_001 } }).withinTarget).toBe(false);
    const o = toFigure('history', open);
    expect(o).toMatchObject({ better: 'lower', ratio: 1.38, withinTarget: false });
    // `max` is strict: at the bound is a miss.
    expect(toFigure('history', { ...open, value: 5 }).withinTarget).toBe(false);
    expect(toFigure('history', { ...open, value: 4.99 }).withinTarget).toBe(true);
    // `atMost` is inclusive: a count may reach its bound (one request per poll interval), not pass it.
    const perPoll = { name: 'idle-rooms-requests', describe: 'requests', unit: 'requests per poll interval' as const, value: 1, target: { atMost: 1 } };
    expect(toFigure('communities', perPoll)).toMatchObject({ better: 'lower', withinTarget: true });
    expect(toFigure('communities', { ...perPoll, value: 1.05 }).withinTarget).toBe(false);
    // A failed extra condition fails the figure even within its target.
    expect(toFigure('history', { ...open, value: 1, check: { ok: false, describe: 'every page reached' } }).withinTarget).toBe(false);
    // A figure without a floor has no ratio and is judged on its absolute target.
    const idle = toFigure('engine', { name: 'idle-cpu', describe: 'idle', unit: '% of a core', value: 0.19, target: { max: 1 } });
    expect(idle.ratio).toBeUndefined();
    expect(idle.withinTarget).toBe(true);
    // A ratio target without a floor cannot be met.
    expect(toFigure('x', { ...pipeline, floor: undefined }).withinTarget).toBe(false);
  });

  test('values and targets read in the figure’s own unit', () => {
    expect(formatValue(5_812.4, 'msgs/s')).toBe('5,812 msgs/s');
    expect(formatValue(0.193, '% of a core')).toBe('0.193% of a core');
    expect(formatValue(12.34, 'ms')).toBe('12.3 ms');
    expect(formatTarget({ max: 5 }, 'ms')).toBe('< 5 ms');
    expect(formatTarget({ min: 500 }, 'msgs/s')).toBe('>= 500 msgs/s');
    expect(formatTarget({ maxRatio: 1.3 }, 'msgs/s')).toBe('<= 1.3x floor');
    expect(formatTarget({ max: 1 }, '% of a core')).toBe('< 1% of a core');
    expect(formatTarget({ atMost: 1 }, 'requests per poll interval')).toBe('<= 1 requests per poll interval');
  });

  test('the console table shows each figure once with its floor, ratio, target and verdict', () => {
    const text = renderTable([toFigure('engine', pipeline), toFigure('history', open)]);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/group\s+workload\s+figure\s+floor\s+ratio \(x floor, >1 worse\)\s+target/);
    const row = lines.find((l) => l.startsWith('engine'))!;
    expect(row).toMatch(/receive-pipeline\s+4,000 msgs\/s\s+5,520 msgs\/s\s+1\.38x floor\s+<= 1\.3x floor\s+MISSED/);
    expect(lines.find((l) => l.startsWith('history'))).toMatch(/6\.9 ms\s+5 ms\s+1\.38x floor\s+< 5 ms\s+MISSED/);
    expect(text).toContain('floor / value for rates');
    expect(text.match(/receive-pipeline/g)).toHaveLength(1);
  });

  test('the README table comes from a full run only and replaces just its section', () => {
    const figs = [toFigure('engine', { ...pipeline, target: { maxRatio: 1.4 } }), toFigure('history', open)];
    expect(() => renderReadmeTable(results('quick', figs))).toThrow(/only a full run/);
    const table = renderReadmeTable(results('full', figs));
    expect(table).toContain('| engine | **receive-pipeline**: sealed messages through the receive pipeline | 4,000 msgs/s | 5,520 msgs/s: one core of crypto | 1.38x floor | <= 1.4x floor | ok |');
    expect(table).toContain('| 6.9 ms | 5 ms: one query | 1.38x floor | < 5 ms | MISSED |');
    expect(table).toContain('1-min load average 1.2 at the start, 1.5 at the end.');
    expect(table).not.toContain('busy');
    const busy = results('full', figs);
    busy.machine.loadAverage = { atStart: [3, 1, 1], atEnd: [1, 1, 1] };
    expect(renderReadmeTable(busy)).toContain('The machine was busy');
    const readme = '# App\n\n## Performance\n\nintro\n<!-- bench:begin -->\nold table\n<!-- bench:end -->\n\nfootnote\n';
    const next = replaceReadmeSection(readme, table);
    expect(next).not.toContain('old table');
    expect(next.startsWith('# App\n\n## Performance\n\nintro\n<!-- bench:begin -->\n')).toBe(true);
    expect(next.endsWith('<!-- bench:end -->\n\nfootnote\n')).toBe(true);
    // Idempotent: rendering again gives the same README.
    expect(replaceReadmeSection(next, table)).toBe(next);
    expect(() => replaceReadmeSection('# no markers', table)).toThrow(/bench:begin/);
    // Results of the older runner (ops/s rows without units) cannot fill the table.
    const legacy = { ...results('full', []), results: [{ group: 'engine', name: 'receive-pipeline', opsPerSec: 19 }] as unknown as Figure[] };
    expect(() => renderReadmeTable(legacy)).toThrow(/no figures/);
  });

  test('a partial run keeps the figures of workloads it did not run and replaces those it ran', () => {
    const a = toFigure('engine', pipeline, { workload: 'receive-pipeline' });
    const p50 = toFigure('history', open, { workload: 'open' });
    const p99 = toFigure('history', { ...open, name: 'open-p99', value: 19 }, { workload: 'open' });
    const legacy = { group: 'engine', name: 'old', opsPerSec: 19 };
    const rerun = toFigure('history', { ...open, value: 4 }, { workload: 'open' });
    const merged = mergeResults([a, p50, p99, legacy], [rerun]);
    // The re-run workload's figures replace all of its old ones (open-p99 was not reported again), in place.
    expect(merged.map((f) => `${f.group}/${f.name}/${f.value}`)).toEqual(['engine/receive-pipeline/4000', 'history/open-conversation/4']);
    expect(mergeResults([], [a])).toEqual([a]);
  });
});
