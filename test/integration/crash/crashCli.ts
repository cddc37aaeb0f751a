// The crash tests' engine: session-cli bundled from the sources WITHOUT the build's test-seam define
// (tools/build/testSeams.cjs), so its crash points (ts/backend/crashPoint.ts) are live, run as its own
// process against a devnet. `crashAt` arms one point: the child then dies by SIGKILL there. Also the
// checks made on a profile after a run: the database opened with the profile's key, PRAGMA
// integrity_check, the outbox, and the attachment store's folder.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { DATABASE_FILE } from '../../../ts/backend';
import type { CrashPointName } from '../../../ts/backend/crashPoint';
import { openEncryptedDatabase, type Db } from '../../../ts/backend/db/database';
import { loadOrCreateDatabaseKey } from '../../../ts/backend/keyFile';
import { ATTACHMENTS_DIR } from '../../../ts/backend/media/fileStore';
import { ROOT } from '../build';
import type { CliRun } from '../cli/cliProcess';
import { prng } from '../../support/prng';

const OUT = path.join(ROOT, 'build', 'crash-test');
const BUNDLE = path.join(OUT, 'cli', 'cli.js');

/** Bundles the CLI (and its decrypt worker, found beside it as ../workers/decrypt.js) with the crash points live. */
export async function buildCrashCli(): Promise<void> {
  const common = {
    bundle: true,
    platform: 'node' as const,
    target: 'node20',
    format: 'cjs' as const,
    packages: 'external' as const,
    logLevel: 'error' as const,
    absWorkingDir: ROOT,
  };
  await Promise.all([
    build({ ...common, entryPoints: ['ts/cli/main.ts'], outfile: BUNDLE }),
    build({ ...common, entryPoints: ['ts/backend/workers/decrypt.ts'], outfile: path.join(OUT, 'workers', 'decrypt.js') }),
  ]);
}

export interface CrashRun extends CliRun {
  /** The crash point that killed the run, as it said on stderr before SIGKILL. */
  crashedAt?: string;
}

/** Runs one CLI command; with `crashAt` (`<point>:<nth>`) the engine is killed there. */
export function runCli(seedUrl: string, dataDir: string, args: readonly string[], opts: { crashAt?: `${CrashPointName}:${number}`; input?: string } = {}): Promise<CrashRun> {
  const child = spawn(process.execPath, [BUNDLE, '--json', '--seed', seedUrl, '--data-dir', dataDir, ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      SESSION_CLI_POLL_MS: '100',
      SESSION_CLI_WAIT_MS: '30000',
      SESSION_CLI_RETRY_MS: '200',
      // The seam's guard (set by Jest in its workers; explicit here for --runInBand runs).
      JEST_WORKER_ID: process.env.JEST_WORKER_ID ?? '1',
      SESSION_CRASH_AT: opts.crashAt ?? '',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.end(opts.input);
  return new Promise<CrashRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      // A killed run may have cut its last line short: only whole lines count.
      const whole = stdout.slice(0, stdout.lastIndexOf('\n') + 1);
      let lines: Array<Record<string, unknown>>;
      try {
        lines = whole.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
      } catch {
        lines = [{ unparsable: stdout }];
      }
      const crashedAt = /^crash point (\S+) \(hit \d+\): SIGKILL$/m.exec(stderr)?.[1];
      resolve({ code, signal, stdout, stderr, lines, ...(crashedAt !== undefined ? { crashedAt } : {}) });
    });
  });
}

/** The one profile folder under a data root (`<root>/custom-<hash>/default`). */
export function profileDirOf(dataDir: string): string {
  const networks = fs.readdirSync(dataDir).filter((n) => n.startsWith('custom-'));
  if (networks.length !== 1) throw new Error(`expected one network folder in ${dataDir}, found ${networks.join(', ') || 'none'}`);
  return path.join(dataDir, networks[0]!, 'default');
}

/** Opens the profile's database with its key (no engine may hold the profile meanwhile). */
export function openProfileDb(dataDir: string): Db {
  const dir = profileDirOf(dataDir);
  const key = loadOrCreateDatabaseKey(dir, { databaseExists: true, randomBytes: (n) => new Uint8Array(randomBytes(n)) });
  return openEncryptedDatabase(path.join(dir, DATABASE_FILE), key);
}

export interface ProfileState {
  integrity: string;
  /** Outbox rows left: [kind, state]. */
  outbox: Array<[string, string]>;
  /** Files of the attachment store that are leftovers of an interrupted write (`*.tmp`). */
  tempFiles: string[];
  /** Files of the attachment store no attachment row references. */
  unreferenced: string[];
  /** Attachment rows marked downloaded whose file is missing. */
  missingFiles: string[];
}

/** What a crash may have left behind in a profile, read once the engine is gone. */
export function inspectProfile(dataDir: string): ProfileState {
  const db = openProfileDb(dataDir);
  try {
    const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join('; ');
    const outbox = db.prepare<[], { kind: string; state: string }>('SELECT kind, state FROM outbox ORDER BY id').all().map((r): [string, string] => [r.kind, r.state]);
    const referenced = new Set(
      db
        .prepare<[], { id: string }>('SELECT file_id AS id FROM attachments WHERE file_id IS NOT NULL UNION SELECT thumb_id FROM attachments WHERE thumb_id IS NOT NULL')
        .all()
        .map((r) => r.id),
    );
    const downloaded = db.prepare<[], { file_id: string | null }>("SELECT file_id FROM attachments WHERE state = 'downloaded'").all();
    const dir = path.join(profileDirOf(dataDir), ATTACHMENTS_DIR);
    const files = fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name) : [];
    return {
      integrity,
      outbox,
      tempFiles: files.filter((f) => f.endsWith('.tmp')),
      unreferenced: files.filter((f) => !f.endsWith('.tmp') && !referenced.has(f)),
      missingFiles: downloaded.filter((r) => r.file_id === null || !files.includes(r.file_id)).map((r) => String(r.file_id)),
    };
  } finally {
    db.close();
  }
}

/** A small seeded generator (mulberry32): the same seed gives the same iteration. */
export function seeded(seed: number): { next(): number; int(lo: number, hi: number): number; pick<T>(xs: readonly T[]): T } {
  const next = prng(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  return { next, int, pick: (xs) => xs[int(0, xs.length - 1)]! };
}

const WORDS = ['apple', 'Zürich', '日本語', '🦊', 'ok', 'café', 'line\nbreak', '  spaced  ', 'مرحبا', '#42', 'tab\there', 'ÿ'];

/** A message text unique to (seed, i), with a few seeded words around the tag. */
export function seededText(rng: ReturnType<typeof seeded>, tag: string): string {
  const words = Array.from({ length: rng.int(0, 4) }, () => rng.pick(WORDS));
  return `${tag} ${words.join(' ')}`;
}
