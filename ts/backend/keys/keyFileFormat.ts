// The database key file (`db.key`, 0600, beside the database) and how it records the key's protection.
// Version 1 is one JSON object; the original format (64 hex characters, the key in plain) is read and
// migrated in place by the key vault (keyVault.ts). Writes are atomic: a new file, fsync, rename, so a
// crash leaves either the old file or the new one, never a half-written key.
import fs from 'node:fs';
import path from 'node:path';

export const KEY_FILE = 'db.key';
export const DB_KEY_BYTES = 32;
export const KEY_FILE_VERSION = 1;

export class DatabaseKeyError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseKeyError';
  }
}

/**
 * How the database key is protected at rest:
 * - `plain`: the key itself, in a 0600 file (the web host and the CLI, or Electron without a real keychain);
 * - `keychain`: wrapped by the OS keychain (Electron's safeStorage), so the file alone is useless elsewhere;
 * - `password`: wrapped with a key derived from the app password (argon2id).
 */
export type KeyProtection = 'plain' | 'keychain' | 'password';

/** argon2id parameters (libsodium crypto_pwhash, ALG_ARGON2ID13), stored with the wrapped key. */
export interface KdfParams {
  algorithm: 'argon2id13';
  salt: Uint8Array;
  opsLimit: number;
  memLimit: number;
}

export type KeyFileContent =
  | { protection: 'plain'; key: Uint8Array }
  | { protection: 'keychain'; wrapped: Uint8Array }
  | { protection: 'password'; kdf: KdfParams; nonce: Uint8Array; wrapped: Uint8Array };

/** What was read: the content, and whether the file is in the original hex format (to migrate). */
export interface KeyFileRead {
  content: KeyFileContent;
  legacy: boolean;
}

/** Bounds a stored KDF cost must be within: a hostile file must not make us allocate gigabytes or spin for hours. */
export const KDF_BOUNDS = { minOps: 1, maxOps: 10, minMem: 8192, maxMem: 1024 * 1024 * 1024 } as const;
export const KDF_SALT_BYTES = 16;
export const WRAP_NONCE_BYTES = 24;
/** A wrapped 32-byte key with its 16-byte Poly1305 tag. */
export const PASSWORD_WRAPPED_BYTES = DB_KEY_BYTES + 16;

/** A base64 field of exactly `n` bytes (or 1..max when n is undefined), or a description of what is wrong. */
function bytesField(v: unknown, name: string, n?: number, max = 2048): Uint8Array | string {
  if (typeof v !== 'string' || v.length > 4096 || !/^[A-Za-z0-9+/]*={0,2}$/.test(v)) return `${name}: not base64`;
  const bytes = new Uint8Array(Buffer.from(v, 'base64'));
  if (n !== undefined ? bytes.length !== n : bytes.length === 0 || bytes.length > max) return `${name}: expected ${n ?? `1 to ${max}`} bytes`;
  return bytes;
}

const intIn = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** Checks a version-1 record by hand (no schema library: tools that only open the database load this file too). */
function parseRecord(raw: Record<string, unknown>): KeyFileContent | string {
  const keys = (o: Record<string, unknown>, allowed: string[]) => Object.keys(o).find((k) => !allowed.includes(k));
  switch (raw.protection) {
    case 'plain': {
      const extra = keys(raw, ['version', 'protection', 'key']);
      if (extra) return `${extra}: unexpected field`;
      if (typeof raw.key !== 'string' || !/^[0-9a-f]{64}$/.test(raw.key)) return 'key: expected 64 hex characters';
      return { protection: 'plain', key: new Uint8Array(Buffer.from(raw.key, 'hex')) };
    }
    case 'keychain': {
      const extra = keys(raw, ['version', 'protection', 'wrapped']);
      if (extra) return `${extra}: unexpected field`;
      const wrapped = bytesField(raw.wrapped, 'wrapped');
      return typeof wrapped === 'string' ? wrapped : { protection: 'keychain', wrapped };
    }
    case 'password': {
      const extra = keys(raw, ['version', 'protection', 'kdf', 'cipher', 'nonce', 'wrapped']);
      if (extra) return `${extra}: unexpected field`;
      const kdf = raw.kdf;
      if (!kdf || typeof kdf !== 'object' || Array.isArray(kdf)) return 'kdf: expected an object';
      const k = kdf as Record<string, unknown>;
      const kExtra = keys(k, ['algorithm', 'salt', 'opsLimit', 'memLimit']);
      if (kExtra) return `kdf.${kExtra}: unexpected field`;
      if (k.algorithm !== 'argon2id13') return 'kdf.algorithm: expected argon2id13';
      const salt = bytesField(k.salt, 'kdf.salt', KDF_SALT_BYTES);
      if (typeof salt === 'string') return salt;
      if (!intIn(k.opsLimit, KDF_BOUNDS.minOps, KDF_BOUNDS.maxOps)) return `kdf.opsLimit: expected ${KDF_BOUNDS.minOps} to ${KDF_BOUNDS.maxOps}`;
      if (!intIn(k.memLimit, KDF_BOUNDS.minMem, KDF_BOUNDS.maxMem)) return `kdf.memLimit: expected ${KDF_BOUNDS.minMem} to ${KDF_BOUNDS.maxMem}`;
      if (raw.cipher !== 'xchacha20poly1305-ietf') return 'cipher: expected xchacha20poly1305-ietf';
      const nonce = bytesField(raw.nonce, 'nonce', WRAP_NONCE_BYTES);
      if (typeof nonce === 'string') return nonce;
      const wrapped = bytesField(raw.wrapped, 'wrapped', PASSWORD_WRAPPED_BYTES);
      if (typeof wrapped === 'string') return wrapped;
      return { protection: 'password', kdf: { algorithm: 'argon2id13', salt, opsLimit: k.opsLimit, memLimit: k.memLimit }, nonce, wrapped };
    }
    default:
      return 'protection: expected plain, keychain or password';
  }
}

const b64s = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');
const hex = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');

/** The file's text for `content` (JSON, one object). */
export function serializeKeyFile(content: KeyFileContent): string {
  switch (content.protection) {
    case 'plain':
      return JSON.stringify({ version: KEY_FILE_VERSION, protection: 'plain', key: hex(content.key) }) + '\n';
    case 'keychain':
      return JSON.stringify({ version: KEY_FILE_VERSION, protection: 'keychain', wrapped: b64s(content.wrapped) }) + '\n';
    case 'password':
      return (
        JSON.stringify({
          version: KEY_FILE_VERSION,
          protection: 'password',
          kdf: { algorithm: content.kdf.algorithm, salt: b64s(content.kdf.salt), opsLimit: content.kdf.opsLimit, memLimit: content.kdf.memLimit },
          cipher: 'xchacha20poly1305-ietf',
          nonce: b64s(content.nonce),
          wrapped: b64s(content.wrapped),
        }) + '\n'
      );
  }
}

/**
 * The associated data a password-wrapped key is bound to: the format version and the KDF parameters, so
 * a file whose parameters were edited does not open (rather than deriving some other key).
 */
export function passwordWrapAd(kdf: KdfParams): Uint8Array {
  return new TextEncoder().encode(`session-db-key/${KEY_FILE_VERSION}/password/${kdf.algorithm}/${kdf.opsLimit}/${kdf.memLimit}/${b64s(kdf.salt)}`);
}

/** Parses a key file's text; throws DatabaseKeyError naming `file` when it is neither format. */
export function parseKeyFile(text: string, file: string): KeyFileRead {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) {
    return { content: { protection: 'plain', key: new Uint8Array(Buffer.from(trimmed, 'hex')) }, legacy: true };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(trimmed);
  } catch {
    throw new DatabaseKeyError(`The database key file ${file} is corrupt (neither a key nor a key record); the profile cannot be opened.`);
  }
  if (raw && typeof raw === 'object' && 'version' in raw && (raw as { version: unknown }).version !== KEY_FILE_VERSION) {
    throw new DatabaseKeyError(
      `The database key file ${file} has format version ${String((raw as { version: unknown }).version).slice(0, 20)}, which this version of the app does not know; use a newer version of the app.`,
    );
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new DatabaseKeyError(`The database key file ${file} is corrupt (not a key record); the profile cannot be opened.`);
  }
  if ((raw as { version?: unknown }).version !== KEY_FILE_VERSION) {
    throw new DatabaseKeyError(`The database key file ${file} is corrupt (version: missing); the profile cannot be opened.`);
  }
  const content = parseRecord(raw as Record<string, unknown>);
  if (typeof content === 'string') throw new DatabaseKeyError(`The database key file ${file} is corrupt (${content}); the profile cannot be opened.`);
  return { content, legacy: false };
}

/** Reads and parses `profileDir`'s key file; undefined when there is none. */
export function readKeyFile(profileDir: string): KeyFileRead | undefined {
  const file = path.join(profileDir, KEY_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new DatabaseKeyError(`The database key file ${file} cannot be read (${code ?? 'error'}); the profile cannot be opened.`, { cause: err });
  }
  return parseKeyFile(text, file);
}

/**
 * Writes `text` to `file` atomically with mode 0600: a temporary file beside it, fsync, rename over the
 * old one, then fsync of the folder so the rename itself survives a power cut.
 */
export function writeFileAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`;
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } catch (err) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fs.closeSync(fd);
  try {
    fs.chmodSync(tmp, 0o600); // the umask may have removed bits, never added: belt and braces
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  syncFolder(path.dirname(file));
}

function syncFolder(dir: string): void {
  if (process.platform === 'win32') return; // folders cannot be opened for fsync there
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some file systems refuse a folder fsync; the rename is still atomic.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Replaces `profileDir`'s key file with `content` (atomically). */
export function writeKeyFile(profileDir: string, content: KeyFileContent): void {
  writeFileAtomic(path.join(profileDir, KEY_FILE), serializeKeyFile(content));
}

/**
 * Creates the key file for a new database; fails (EEXIST) rather than replace one that appeared
 * meanwhile, so two racing creators never overwrite each other's key.
 */
export function createKeyFile(profileDir: string, content: KeyFileContent): void {
  const file = path.join(profileDir, KEY_FILE);
  const tmp = `${file}.${process.pid}.new.tmp`;
  fs.writeFileSync(tmp, serializeKeyFile(content), { mode: 0o600 });
  try {
    const fd = fs.openSync(tmp, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.chmodSync(tmp, 0o600);
    // link() fails with EEXIST where rename() would silently replace.
    try {
      fs.linkSync(tmp, file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw err;
      // A file system without hard links: exclusive create, still never over another key.
      fs.writeFileSync(file, serializeKeyFile(content), { flag: 'wx', mode: 0o600 });
    }
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  syncFolder(profileDir);
}
