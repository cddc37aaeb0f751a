// The database's open: secure_delete on every connection (deleted text overwritten in the file and WAL, not
// left in free pages) and the Jest-only plaintext seam the data-erasure tests grep through.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { openEncryptedDatabase } from '../../../../ts/backend/db/database';

const KEY = new Uint8Array(32).fill(5);
const SQLITE_HEADER = Buffer.from('SQLite format 3\0');

let dir = '';
const saved = process.env.SESSION_TEST_PLAINTEXT_DATABASE;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'database-open-'));
});
afterEach(() => {
  if (saved === undefined) delete process.env.SESSION_TEST_PLAINTEXT_DATABASE;
  else process.env.SESSION_TEST_PLAINTEXT_DATABASE = saved;
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Every byte SQLite holds for `file`: the main file and its WAL (if any). */
const onDisk = (file: string): Buffer =>
  Buffer.concat([fs.readFileSync(file), ...(fs.existsSync(`${file}-wal`) ? [fs.readFileSync(`${file}-wal`)] : [])]);

/** Writes rows holding `token`, deletes them, checkpoints the WAL into the file and truncates it. */
function writeAndDelete(db: Database.Database, token: string): void {
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
  const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
  // Enough rows to fill several pages, so whole pages go to the freelist on delete.
  db.transaction(() => {
    for (let i = 0; i < 200; i += 1) insert.run(`${token} row ${i} ${'x'.repeat(100)}`);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.prepare('DELETE FROM t').run();
  db.pragma('wal_checkpoint(TRUNCATE)');
}

describe('openEncryptedDatabase', () => {
  it('turns secure_delete on, so deleted text is overwritten in the file', () => {
    process.env.SESSION_TEST_PLAINTEXT_DATABASE = '1';
    const file = path.join(dir, 'plain.db');
    const db = openEncryptedDatabase(file, KEY);
    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
    writeAndDelete(db, 'zqxsecuredeleted');
    expect(onDisk(file).includes('zqxsecuredeleted')).toBe(false);
    db.close();
  });

  it('without secure_delete the same deletion leaves the text in the file (what the pragma prevents)', () => {
    const file = path.join(dir, 'control.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('secure_delete = OFF');
    writeAndDelete(db, 'zqxlingering');
    expect(onDisk(file).includes('zqxlingering')).toBe(true);
    db.close();
  });

  it('encrypts the file (no SQLite header, no plaintext) unless the plaintext seam is asked for', () => {
    delete process.env.SESSION_TEST_PLAINTEXT_DATABASE;
    const file = path.join(dir, 'enc.db');
    const db = openEncryptedDatabase(file, KEY);
    db.exec("CREATE TABLE t (body TEXT); INSERT INTO t VALUES ('zqxencryptedtext')");
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 16).equals(SQLITE_HEADER)).toBe(false);
    expect(bytes.includes('zqxencryptedtext')).toBe(false);
    // Only the key opens it.
    expect(() => openEncryptedDatabase(file, new Uint8Array(32).fill(6))).toThrow(/cannot be opened with this profile's key/);
  });

  it('with the seam (under Jest only) the file is a plain SQLite database any reader opens', () => {
    process.env.SESSION_TEST_PLAINTEXT_DATABASE = '1';
    const file = path.join(dir, 'plain.db');
    const db = openEncryptedDatabase(file, KEY);
    db.exec("CREATE TABLE t (body TEXT); INSERT INTO t VALUES ('zqxplaintext')");
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    expect(fs.readFileSync(file).subarray(0, 16).equals(SQLITE_HEADER)).toBe(true);
    const reader = new Database(file, { readonly: true });
    expect(reader.prepare('SELECT body FROM t').get()).toEqual({ body: 'zqxplaintext' });
    reader.close();
  });

  it('still refuses a key of the wrong length with the seam on', () => {
    process.env.SESSION_TEST_PLAINTEXT_DATABASE = '1';
    expect(() => openEncryptedDatabase(path.join(dir, 'k.db'), new Uint8Array(16))).toThrow(/32 bytes/);
  });
});
