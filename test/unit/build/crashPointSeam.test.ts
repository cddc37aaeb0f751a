// The crash-point test seam (ts/backend/crashPoint.ts): parsed strictly; from the sources under Jest it
// kills a process at the named hit; bundled with the build's define (as tools/build/build.mjs bundles
// every host) nothing of it is left, so no environment can make a shipped engine kill itself.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { TEST_SEAM_DEFINE } from '../../../tools/build/testSeams.cjs';
import { CRASH_POINTS, parseCrashAt } from '../../../ts/backend/crashPoint';

const ROOT = path.resolve(__dirname, '../../..');
/** A program that passes `send.stored` three times, saying so after each. */
const PROGRAM = "import { crashPoint } from './ts/backend/crashPoint';\nfor (let i = 1; i <= 3; i++) { crashPoint('send.stored'); process.stdout.write(`passed ${i}\\n`); }\n";

let dir = '';
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crash-seam-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function bundle(name: string, define: Record<string, string>): string {
  const outfile = path.join(dir, name);
  buildSync({ stdin: { contents: PROGRAM, resolveDir: ROOT, loader: 'ts' }, outfile, bundle: true, platform: 'node', format: 'cjs', logLevel: 'error', define });
  return outfile;
}

const run = (file: string, env: Record<string, string>) =>
  spawnSync(process.execPath, [file], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 20_000 });

describe('crash points', () => {
  it('parses <point>:<nth> and refuses unknown points and counts', () => {
    expect(parseCrashAt('send.stored:3')).toEqual({ name: 'send.stored', nth: 3 });
    expect(parseCrashAt('receive.inCommit')).toEqual({ name: 'receive.inCommit', nth: 1 });
    for (const bad of ['send.nowhere:1', 'send.stored:0', 'send.stored:-1', 'send.stored:x', '', ':2']) {
      expect(() => parseCrashAt(bad)).toThrow(/SESSION_CRASH_AT must be <point>:<nth>/);
    }
    expect(new Set(CRASH_POINTS).size).toBe(CRASH_POINTS.length);
  });

  it('kills the process with SIGKILL at the named hit, from the sources under Jest', () => {
    const file = bundle('live.js', {});
    const r = run(file, { JEST_WORKER_ID: '1', SESSION_CRASH_AT: 'send.stored:2' });
    expect(r.signal).toBe('SIGKILL');
    expect(r.stdout).toBe('passed 1\n');
    expect(r.stderr).toBe('crash point send.stored (hit 2): SIGKILL\n');
    // Another point armed, or none: every hit passes.
    expect(run(file, { JEST_WORKER_ID: '1', SESSION_CRASH_AT: 'send.marked:1' })).toMatchObject({ status: 0, stdout: 'passed 1\npassed 2\npassed 3\n' });
    expect(run(file, { JEST_WORKER_ID: '1' })).toMatchObject({ status: 0, stdout: 'passed 1\npassed 2\npassed 3\n' });
  });

  it('is folded away by the build define: the bundle never kills, whatever the environment holds', () => {
    const file = bundle('shipped.js', { ...TEST_SEAM_DEFINE });
    const code = fs.readFileSync(file, 'utf8');
    expect(code).not.toMatch(/SESSION_CRASH_AT|JEST_WORKER_ID|SIGKILL|process\.kill/);
    expect(run(file, { JEST_WORKER_ID: '1', SESSION_CRASH_AT: 'send.stored:1' })).toMatchObject({ status: 0, stdout: 'passed 1\npassed 2\npassed 3\n' });
  });
});
