// The shape of one schema migration: applied once, in order, inside its own transaction.
import type { Db } from '../database';

export interface Migration {
  /** 1, 2, 3, ... without gaps; recorded in PRAGMA user_version once applied. */
  version: number;
  name: string;
  up(db: Db): void;
  /**
   * Runs with foreign key enforcement off (a rebuild of a table others refer to: dropping the old table must not
   * cascade); the runner checks every foreign key before the migration commits, and turns enforcement back on.
   */
  foreignKeysOff?: boolean;
}
