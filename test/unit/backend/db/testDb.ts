// A fresh encrypted SQLite database per test, in its own temporary folder, for the storage tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEncryptedDatabase, type Db } from '../../../../ts/backend/db/database';
import { runMigrations } from '../../../../ts/backend/db/migrate';
import { MIGRATIONS } from '../../../../ts/backend/db/migrations';

export interface TestDb {
  /** This test's database (open from beforeEach until afterEach). */
  readonly db: Db;
}

/**
 * Registers beforeEach/afterEach hooks that open an encrypted database in a new folder named from `prefix`,
 * migrated to the current schema unless `migrate` is false (for tests that build an older schema first),
 * and close and remove it after the test. Hooks the caller registers later run after the database is open.
 */
export function encryptedTestDb(prefix: string, { migrate = true }: { migrate?: boolean } = {}): TestDb {
  let dir = '';
  let db: Db | undefined;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    db = openEncryptedDatabase(path.join(dir, 'test.db'), new Uint8Array(32).fill(4));
    if (migrate) runMigrations(db, MIGRATIONS);
  });
  afterEach(() => {
    db?.close();
    db = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    get db() {
      if (!db) throw new Error('the test database is open only while a test runs');
      return db;
    },
  };
}
