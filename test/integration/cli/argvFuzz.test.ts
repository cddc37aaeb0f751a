// The real ./bin/session-cli on mutated command lines (issue 14, hostile input; spec/cli.md exit codes):
// a seeded handful of the lines the unit fuzz (test/unit/cli/argsFuzz.test.ts) finds to be usage errors,
// each in its own process: exit 2, nothing on stdout, one "session-cli: ..." line and the hint on stderr,
// no stack trace. Only usage errors are run, so no profile is ever opened.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError, parseArgs } from '../../../ts/cli/args';
import { rng } from '../../support/fuzz/core';
import { CLI_SAMPLES, mutateArgv } from '../../support/fuzz/cliTargets';
import { BIN, buildCli } from './cliProcess';

jest.setTimeout(60_000);

/** The first `n` mutated lines (seed 1440) that parseArgs refuses. */
function usageErrors(n: number): string[][] {
  const r = rng(1440);
  const out: string[][] = [];
  while (out.length < n) {
    // No NUL bytes: a process argument cannot hold one.
    const argv = mutateArgv(r, r.pick(CLI_SAMPLES)).map((a) => a.replace(/\u0000/g, ''));
    try {
      parseArgs(argv);
    } catch (err) {
      if (err instanceof UsageError && argv.length > 0) out.push(argv);
    }
  }
  return out;
}

function run(argv: string[], home: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // A HOME of its own: were a line ever to open a profile, it would not be the user's.
    const child = spawn(BIN, argv, { env: { ...process.env, HOME: home, XDG_CONFIG_HOME: home, XDG_DATA_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// --- groups (begin) ---
const GID = `03${'ef'.repeat(32)}`;
const SID = `05${'ab'.repeat(32)}`;
/** The admin group commands' usage errors, run as they are (the mutated lines reach them only by chance). */
const GROUP_LINES: string[][] = [
  ['group', 'create', SID, SID],
  ['group', 'create', 'x'.repeat(101), SID],
  ['group', 'invite', SID, SID],
  ['group', 'remove', GID, SID, SID],
  ['group', 'promote', GID],
  ['group', 'rename', GID, ' \t '],
  ['group', 'delete', GID, 'now'],
];
// --- groups (end) ---

it('exits 2 with one short usage line and no stack for every mutated line', async () => {
  buildCli();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'session-cli-argv-'));
  try {
    const lines = [...usageErrors(12), ...GROUP_LINES];
    const runs = await Promise.all(lines.map((argv) => run(argv, home)));
    runs.forEach((r, i) => {
      const shown = { argv: lines[i], code: r.code, stdout: r.stdout, stderr: r.stderr.slice(0, 300) };
      expect({ ...shown, code: r.code }).toEqual({ ...shown, code: 2 });
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^session-cli: [^\n]{1,420}\nRun "session-cli help" for usage\.\n$/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
    // Nothing was created under the HOME given to them.
    expect(fs.readdirSync(home)).toEqual([]);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});
