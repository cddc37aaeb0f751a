// Opens the profile's SQLite database encrypted with SQLCipher-compatible settings, then applies the
// connection pragmas. The only module that knows how a key reaches SQLite.
//
// One test seam: the data-erasure tests must grep the raw file and WAL for deleted text, which an encrypted
// file hides. Under Jest (which sets JEST_WORKER_ID in every worker) a test may set
// SESSION_TEST_PLAINTEXT_DATABASE=1 to open databases without the key. A production build can never take
// that path: tools/build/build.mjs defines both variables as `undefined` in every host bundle, so esbuild
// folds the condition to `false` at build time and no environment set at run time can bring it back
// (test/unit/build/plaintextDatabaseSeam.test.ts bundles this module the same way and checks it).
import Database from 'better-sqlite3-multiple-ciphers';

export type Db = Database.Database;

export class DatabaseOpenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseOpenError';
  }
}

/** Applies the SQLCipher v4 cipher settings and the raw key; must run before any other statement. */
function applyKey(db: Db, key: Uint8Array): void {
  if (key.length !== 32) throw new Error('database key must be 32 bytes');
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  // x'..' passes the bytes as a raw key (no passphrase derivation), as SQLCipher does.
  db.pragma(`key="x'${Buffer.from(key).toString('hex')}'"`);
}

/** True only in a Jest worker whose test asked for plaintext databases; constant `false` in every bundle. */
function plaintextForTests(): boolean {
  // Both reads must stay literal `process.env.X` expressions: that is what the build's define replaces.
  return process.env.JEST_WORKER_ID !== undefined && process.env.SESSION_TEST_PLAINTEXT_DATABASE === '1';
}

/**
 * Opens (or creates) the encrypted database at `file`. A wrong key or a file that is not an encrypted
 * database gives a DatabaseOpenError with a readable message.
 */
export function openEncryptedDatabase(file: string, key: Uint8Array, nativeBinding?: string): Db {
  // Electron passes its own-ABI build of the native module; Node hosts use the one in node_modules.
  const db = nativeBinding === undefined ? new Database(file) : new Database(file, { nativeBinding });
  try {
    if (key.length !== 32) throw new Error('database key must be 32 bytes');
    if (!plaintextForTests()) applyKey(db, key);
    // The first read is where a wrong key shows up (SQLITE_NOTADB).
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    // Deleted messages (user deletes, unsend, disappearing timers) are overwritten in the file instead of
    // lingering in free pages until reused.
    db.pragma('secure_delete = ON');
    // A received poll batch dirties pages all over the message indexes. With SQLite's default 2 MiB page
    // cache those pages are evicted and read back (decrypted and authenticated again) batch after batch;
    // with the default 1000-page auto-checkpoint nearly every batch also pays a checkpoint and its syncs.
    // 32 MiB of cache and a checkpoint every ~16 MiB of WAL (truncated back to that afterwards) avoid both.
    db.pragma('cache_size = -32768');
    db.pragma('wal_autocheckpoint = 4000');
    db.pragma('journal_size_limit = 16777216');
    return db;
  } catch (err) {
    db.close();
    if ((err as { code?: unknown }).code === 'SQLITE_NOTADB') {
      throw new DatabaseOpenError(`The database ${file} cannot be opened with this profile's key (wrong key or damaged file).`, { cause: err });
    }
    throw err;
  }
}
