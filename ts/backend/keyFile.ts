// The database key: 32 random bytes kept as hex in a 0600 file in the profile folder. Created once with
// the database; a missing or unreadable key for an existing database is refused, never replaced.
import fs from 'node:fs';
import path from 'node:path';

export const KEY_FILE = 'db.key';
export const DB_KEY_BYTES = 32;

export class DatabaseKeyError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseKeyError';
  }
}

export interface KeyFileOptions {
  /** Whether the database already exists (a new key would not open it). */
  databaseExists: boolean;
  randomBytes: (n: number) => Uint8Array;
}

function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

/** Reads the key from `profileDir`, or creates it (0600) when neither key nor database exists. */
export function loadOrCreateDatabaseKey(profileDir: string, opts: KeyFileOptions): Uint8Array {
  const file = path.join(profileDir, KEY_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') {
      throw new DatabaseKeyError(`The database key file ${file} cannot be read (${code ?? 'error'}); the profile cannot be opened.`, { cause: err });
    }
    if (opts.databaseExists) {
      throw new DatabaseKeyError(`The database key file ${file} is missing, so the existing database in this profile cannot be opened.`);
    }
    const key = opts.randomBytes(DB_KEY_BYTES);
    if (key.length !== DB_KEY_BYTES) throw new Error('randomBytes returned the wrong length');
    // 'wx' so two racing creators cannot silently overwrite each other's key; mode applies on creation.
    fs.writeFileSync(file, toHex(key) + '\n', { flag: 'wx', mode: 0o600 });
    fs.chmodSync(file, 0o600); // the umask may have removed bits, never added: this is belt and braces
    return key;
  }
  const hex = text.trim();
  if (!/^[0-9a-f]{64}$/i.test(hex)) {
    throw new DatabaseKeyError(`The database key file ${file} is corrupt (expected 64 hex characters); the profile cannot be opened.`);
  }
  return new Uint8Array(Buffer.from(hex, 'hex'));
}
