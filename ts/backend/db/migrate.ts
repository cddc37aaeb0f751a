// The migration runner: brings a database from its PRAGMA user_version to the newest schema, one
// transaction per migration, so a failure leaves the database at the last completed version.
import type { Logger } from '../log';
import type { Db } from './database';
import type { Migration } from './migrations/types';

export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

export function getSchemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new MigrationError(`Migration list is broken: entry ${i} ("${m.name}") has version ${m.version}, expected ${i + 1}.`);
  });
}

/** Applies every migration newer than the database; returns the versions applied. */
export function runMigrations(db: Db, migrations: readonly Migration[], log?: Logger): number[] {
  checkOrder(migrations);
  const current = getSchemaVersion(db);
  const latest = migrations.length;
  if (current > latest) {
    throw new MigrationError(`This database has schema version ${current}, newer than this app knows (${latest}). Update the app to open it.`);
  }
  const applied: number[] = [];
  for (const m of migrations.slice(current)) {
    // PRAGMA foreign_keys is a no-op inside a transaction: it is set around it (when it was on).
    const switchOff = m.foreignKeysOff === true && db.pragma('foreign_keys', { simple: true }) === 1;
    const apply = db.transaction(() => {
      // A rebuild must not leave a row pointing nowhere (rows that did before are not its doing).
      const before = m.foreignKeysOff ? (db.pragma('foreign_key_check') as unknown[]).length : 0;
      m.up(db);
      if (m.foreignKeysOff) {
        const after = (db.pragma('foreign_key_check') as unknown[]).length;
        if (after > before) throw new MigrationError(`it would leave ${after - before} rows pointing at rows that do not exist`);
      }
      // user_version lives in the database header, so it commits or rolls back with the migration.
      db.pragma(`user_version = ${m.version}`);
    });
    try {
      if (switchOff) db.pragma('foreign_keys = OFF');
      apply();
    } catch (err) {
      throw new MigrationError(`Database migration ${m.version} (${m.name}) failed: ${(err as Error).message}`, { cause: err });
    } finally {
      if (switchOff) db.pragma('foreign_keys = ON');
    }
    log?.info(`db: applied migration ${m.version} (${m.name})`);
    applied.push(m.version);
  }
  return applied;
}
