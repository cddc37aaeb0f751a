// The Electron host loads the native SQLite module from its own-ABI build; the path is honoured.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEncryptedDatabase } from '../../../ts/backend/db/database';

const KEY = new Uint8Array(32).fill(7);

describe('openEncryptedDatabase nativeBinding', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'native-binding-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('opens the database with an explicitly given native module', () => {
    const pkg = path.dirname(require.resolve('better-sqlite3-multiple-ciphers/package.json'));
    const binding = path.join(pkg, 'build', 'Release', 'better_sqlite3.node');
    const db = openEncryptedDatabase(path.join(dir, 'a.db'), KEY, binding);
    expect(db.prepare('SELECT 1 AS one').get()).toEqual({ one: 1 });
    db.close();
  });

  it('fails when the given native module does not exist', () => {
    expect(() => openEncryptedDatabase(path.join(dir, 'b.db'), KEY, path.join(dir, 'missing.node'))).toThrow();
  });
});
