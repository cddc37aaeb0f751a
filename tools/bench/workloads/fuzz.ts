// Hostile-input fuzz, the long run (issue 14): the targets the CI tests run small (test/support/fuzz:
// every decoder the protocol fuzz test does not cover, network file names and real folder writes, every
// IPC method's validation, the dispatcher over a real backend, received Contents through the real receive
// pipeline, every command-line parser) with many more seeded inputs and other seeds. One figure per
// area: the slowest single input in ms (a hang detector: target 1 s), checked to have found no failure;
// inputs, accepted/rejected counts and inputs/s in the detail, every target's report in fuzz.json.
//   BENCH_FUZZ_SCALE  multiplies the full run's counts (default 1; --quick runs 1/50 of them).
//   BENCH_FUZZ_SEED   base seed (default 90000): a failure names its target, the seed reproduces it.
//   BENCH_FUZZ_LONG_RUN  length of the long runs one hostile string in 20 becomes (default 50,000; 0 none):
//                     a quadratic pattern then shows as a slow input.
import fs from 'node:fs';
import path from 'node:path';
import { cliTarget, devnetArgsTarget, hostArgsTarget } from '../../../test/support/fuzz/cliTargets';
import { fuzzOptions, type FuzzReport } from '../../../test/support/fuzz/core';
import { DECODER_TARGETS } from '../../../test/support/fuzz/decoderTargets';
import { fileNameTarget, fileWriteTarget } from '../../../test/support/fuzz/fileNameTargets';
import { METHODS, dispatcherTarget, validatorTarget, withFuzzBackend } from '../../../test/support/fuzz/ipcTargets';
import { receiverTarget } from '../../../test/support/fuzz/receiverTargets';
import { createDispatcher } from '../../../ts/ipc/dispatch';
import { loadProtocol } from '../../../ts/protocol';
import { detailFile } from '../results';
import type { FigureResult, MeasureContext, WorkloadGroup } from './types';

/** The longest one input may take before it counts as a hang. */
const HANG_MS = 1_000;

interface Area {
  name: string;
  describe: string;
  /** Runs the area's targets at `scale` (1 = the full run) from `seed`. */
  run: (seed: number, scale: (full: number) => number) => Promise<FuzzReport[]>;
}

const AREAS: Area[] = [
  {
    name: 'fuzz-decoders',
    describe: 'decoders not in the protocol fuzz test (file URLs, pointers, ONS, community URLs, sealed boxes, RPC, v4, mnemonic, seed, network.json, link-preview HTML, reactions, IPC frames, window state)',
    run: async (seed, scale) => {
      const out: FuzzReport[] = [];
      for (const [i, t] of DECODER_TARGETS.entries()) out.push(await t.run(seed + i, scale(50_000)));
      return out;
    },
  },
  {
    name: 'fuzz-file-names',
    describe: 'network file names made safe (POSIX and Windows rules), and written into a real folder',
    run: async (seed, scale) => [await fileNameTarget(seed, scale(500_000)), await fileWriteTarget(seed + 1, scale(10_000))],
  },
  {
    name: 'fuzz-ipc',
    describe: 'every IPC method: params from its schema, mutated; the validator, then the dispatcher over a real backend with an account (real SQLite, in-memory network)',
    run: async (seed, scale) => {
      const validator = await validatorTarget(seed, scale(200_000));
      const internal: unknown[] = [];
      const dispatcher = await withFuzzBackend((b) =>
        dispatcherTarget(
          createDispatcher(b.handlers, { onInternalError: (_m, err) => internal.push(err) }),
          METHODS.filter((m) => m !== 'data.clear'),
          seed + 1,
          scale(30_000),
          () => internal,
        ),
      );
      return [validator, dispatcher];
    },
  },
  {
    name: 'fuzz-receiver',
    describe: 'Content protobufs of every kind, mutated as bytes or fields, sealed and signed, through the real receive pipeline (real SQLite)',
    run: async (seed, scale) => [await receiverTarget(seed, scale(30_000))],
  },
  {
    name: 'fuzz-cli',
    describe: 'session-cli (through runCli), the hosts\u2019 options and session-devnet: mutated command lines',
    run: async (seed, scale) => [await cliTarget(seed, scale(100_000)), await hostArgsTarget(seed + 1, scale(50_000)), await devnetArgsTarget(seed + 2, scale(50_000))],
  },
];

const reports: Record<string, FuzzReport[]> = {};

async function measureArea(area: Area, ctx: MeasureContext, seed: number): Promise<FigureResult[]> {
  const factor = Number(process.env.BENCH_FUZZ_SCALE ?? 1) / (ctx.quick ? 50 : 1);
  const scale = (full: number): number => Math.max(50, Math.round(full * factor));
  const t0 = performance.now();
  const list = await area.run(seed, scale);
  const seconds = (performance.now() - t0) / 1000;
  reports[area.name] = list;
  // The group's own detail, rewritten after each area: every target's counts and first failures (areas
  // not run this time, with --only, keep their last report).
  const file = detailFile(ctx, 'fuzz.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let before: Record<string, FuzzReport[]> = {};
  try {
    before = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, FuzzReport[]>;
  } catch {
    // none yet, or unreadable: start afresh
  }
  fs.writeFileSync(file, `${JSON.stringify({ ...before, ...reports }, null, 2)}\n`);
  const inputs = list.reduce((n, r) => n + r.inputs, 0);
  const failures = list.flatMap((r) => r.failures.map((f) => `${r.target}: ${f}`));
  const slowest = list.reduce((m, r) => Math.max(m, r.slowestMs), 0);
  return [
    {
      name: area.name,
      describe: `${area.describe}: the slowest single input of ${inputs.toLocaleString('en-US')} (seed ${seed})`,
      unit: 'ms',
      value: Math.round(slowest * 10) / 10,
      target: { max: HANG_MS },
      check: { ok: failures.length === 0, describe: 'no crash, untyped error, unbounded message or escaped path' },
      detail: {
        inputs,
        accepted: list.reduce((n, r) => n + r.accepted, 0),
        rejected: list.reduce((n, r) => n + r.rejected, 0),
        inputsPerSecond: Math.round(inputs / seconds),
        targets: list.length,
        seed,
        ...(failures.length > 0 ? { firstFailure: failures[0]!.slice(0, 500) } : {}),
      },
    },
  ];
}

export const fuzzGroup: WorkloadGroup = {
  name: 'fuzz',
  async setup() {
    fuzzOptions.longRun = Number(process.env.BENCH_FUZZ_LONG_RUN ?? 50_000);
    await loadProtocol();
  },
  workloads: AREAS.map((area, i) => ({
    name: area.name,
    measure: (ctx: MeasureContext) => measureArea(area, ctx, Number(process.env.BENCH_FUZZ_SEED ?? 90_000) + 1000 * i),
  })),
};
