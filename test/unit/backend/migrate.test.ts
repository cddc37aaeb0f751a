import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEncryptedDatabase } from '../../../ts/backend/db/database';
import type { Db } from '../../../ts/backend/db/database';
import { MigrationError, getSchemaVersion, runMigrations } from '../../../ts/backend/db/migrate';
import { MIGRATIONS } from '../../../ts/backend/db/migrations';
import type { Migration } from '../../../ts/backend/db/migrations';

const KEY = new Uint8Array(32).fill(7);

const v1: Migration = { version: 1, name: 'notes', up: (db) => db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)') };
const v2: Migration = { version: 2, name: 'notes.pinned', up: (db) => db.exec('ALTER TABLE notes ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0') };

describe('runMigrations', () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrate-'));
    db = openEncryptedDatabase(path.join(dir, 'test.db'), KEY);
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('brings a fresh database to the newest schema', () => {
    expect(getSchemaVersion(db)).toBe(0);
    expect(runMigrations(db, MIGRATIONS)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(getSchemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'settings'").get()).toEqual({ name: 'settings' });
    expect(runMigrations(db, MIGRATIONS)).toEqual([]); // idempotent
  });

  it('upgrades an earlier version and keeps its data', () => {
    runMigrations(db, [v1]);
    db.prepare('INSERT INTO notes (body) VALUES (?)').run('kept');
    expect(runMigrations(db, [v1, v2])).toEqual([2]);
    expect(getSchemaVersion(db)).toBe(2);
    expect(db.prepare('SELECT body, pinned FROM notes').all()).toEqual([{ body: 'kept', pinned: 0 }]);
  });

  it('rolls a failing migration back and stays at the last good version', () => {
    const bad: Migration = {
      version: 2,
      name: 'half-done',
      up: (d) => {
        d.exec('CREATE TABLE partial (x)');
        throw new Error('boom');
      },
    };
    runMigrations(db, [v1]);
    expect(() => runMigrations(db, [v1, bad])).toThrow(/migration 2 \(half-done\) failed: boom/);
    expect(getSchemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'partial'").get()).toBeUndefined();
  });

  it('refuses a database newer than the app and a list with gaps', () => {
    runMigrations(db, [v1, v2]);
    expect(() => runMigrations(db, [v1])).toThrow(MigrationError);
    expect(() => runMigrations(db, [v1])).toThrow(/newer than this app knows/);
    expect(() => runMigrations(db, [v2])).toThrow(/expected 1/);
  });
});
