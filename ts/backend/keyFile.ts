// The database key for tools and tests that open a profile's database directly (benchmarks, fixtures):
// reads a key kept in plain (either key-file format, keys/keyFileFormat.ts) or creates one. A key wrapped
// by the OS keychain or the app password is refused here: the backend's key vault (keys/keyVault.ts)
// is the only place that unwraps keys.
import { DB_KEY_BYTES, DatabaseKeyError, KEY_FILE, createKeyFile, readKeyFile } from './keys/keyFileFormat';
import path from 'node:path';

export { DB_KEY_BYTES, DatabaseKeyError, KEY_FILE };

export interface KeyFileOptions {
  /** Whether the database already exists (a new key would not open it). */
  databaseExists: boolean;
  randomBytes: (n: number) => Uint8Array;
}

/** Reads the plain key from `profileDir`, or creates it (0600) when neither key nor database exists. */
export function loadOrCreateDatabaseKey(profileDir: string, opts: KeyFileOptions): Uint8Array {
  const file = path.join(profileDir, KEY_FILE);
  const read = readKeyFile(profileDir);
  if (!read) {
    if (opts.databaseExists) {
      throw new DatabaseKeyError(`The database key file ${file} is missing, so the existing database in this profile cannot be opened.`);
    }
    const key = opts.randomBytes(DB_KEY_BYTES);
    if (key.length !== DB_KEY_BYTES) throw new Error('randomBytes returned the wrong length');
    createKeyFile(profileDir, { protection: 'plain', key });
    return key;
  }
  if (read.content.protection !== 'plain') {
    throw new DatabaseKeyError(`The database key in ${file} is protected (${read.content.protection}); open the profile with the app to unlock it.`);
  }
  return read.content.key;
}
