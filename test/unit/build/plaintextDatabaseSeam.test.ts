// The plaintext-database test seam cannot be reached from a bundle: the database module bundled with the
// build's define (as tools/build/build.mjs bundles every host) no longer reads either variable, and opening a
// database from that bundle with both variables set still encrypts the file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { TEST_SEAM_DEFINE } from '../../../tools/build/testSeams.cjs';

const ROOT = path.resolve(__dirname, '../../..');

let dir = '';
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seam-bundle-'));
  // The bundle keeps its packages as require()s (as the hosts do): let it find the repository's.
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('plaintext database seam in a bundle', () => {
  it('is folded away by the define and the bundle encrypts even with the variables set', () => {
    const outfile = path.join(dir, 'database.js');
    buildSync({
      entryPoints: [path.join(ROOT, 'ts/backend/db/database.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      packages: 'external',
      logLevel: 'error',
      define: { ...TEST_SEAM_DEFINE },
    });
    const code = fs.readFileSync(outfile, 'utf8');
    expect(code).not.toMatch(/SESSION_TEST_PLAINTEXT_DATABASE|JEST_WORKER_ID/);
    // The same module from source honours the seam under Jest (test/unit/backend/db/database.test.ts);
    // the bundle must not, whatever the environment says.
    expect(process.env.JEST_WORKER_ID).toBeDefined();
    const before = process.env.SESSION_TEST_PLAINTEXT_DATABASE;
    process.env.SESSION_TEST_PLAINTEXT_DATABASE = '1';
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const bundled = require(outfile) as typeof import('../../../ts/backend/db/database');
      const file = path.join(dir, 'bundled.db');
      const db = bundled.openEncryptedDatabase(file, new Uint8Array(32).fill(3));
      db.exec("CREATE TABLE t (body TEXT); INSERT INTO t VALUES ('zqxbundled')");
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
      const bytes = fs.readFileSync(file);
      expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
      expect(bytes.includes('zqxbundled')).toBe(false);
    } finally {
      if (before === undefined) delete process.env.SESSION_TEST_PLAINTEXT_DATABASE;
      else process.env.SESSION_TEST_PLAINTEXT_DATABASE = before;
    }
  });

  it('is applied by tools/build/build.mjs to every bundle it builds', () => {
    const script = fs.readFileSync(path.join(ROOT, 'tools/build/build.mjs'), 'utf8');
    // Both option sets carry the define, and every job starts from one of them without replacing `define`.
    for (const common of ['nodeCommon', 'browserCommon']) {
      const block = new RegExp(`const ${common} = \\{[\\s\\S]*?\\n\\};`).exec(script)?.[0] ?? '';
      expect(block).toMatch(/define: \{ \.\.\.TEST_SEAM_DEFINE,/);
    }
    const jobs = script.split('\n').filter((l) => l.includes('entryPoints:'));
    expect(jobs.length).toBeGreaterThan(5);
    for (const job of jobs) {
      expect(job).toMatch(/^\s*\{ \.\.\.(nodeCommon|browserCommon),/);
      expect(job).not.toMatch(/\bdefine\s*:/);
    }
  });
});
