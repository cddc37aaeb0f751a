// The key vault: the one place that knows how this profile's database key is protected at rest, creates
// it, migrates old key files in place, unwraps it (OS keychain or app password) and rewraps it when the
// password is set, changed or removed. Rewrapping touches only the key file: the database is never
// re-encrypted. A key that cannot be unwrapped is refused with a clear error and never replaced.
// Wrong passwords are counted in a small file beside the key, so a restart does not reset the delay.
import path from 'node:path';
import fs from 'node:fs';
import { sodium } from '../../protocol/primitives';
import type { Logger } from '../log';
import {
  DB_KEY_BYTES,
  DatabaseKeyError,
  KDF_SALT_BYTES,
  KEY_FILE,
  PASSWORD_WRAPPED_BYTES,
  WRAP_NONCE_BYTES,
  createKeyFile,
  passwordWrapAd,
  readKeyFile,
  writeFileAtomic,
  writeKeyFile,
  type KdfParams,
  type KeyFileContent,
  type KeyProtection,
} from './keyFileFormat';
import { DEFAULT_KDF_LIMITS, checkKdfLimits, deriveKeyInWorker, type DeriveKey, type KdfLimits } from './passwordKdf';

/**
 * The OS keychain as the host provides it (Electron: safeStorage, only where a real keychain backs it).
 * Asynchronous so a backend on a worker thread can ask its host's main thread.
 */
export interface Keychain {
  wrap(key: Uint8Array): Promise<Uint8Array>;
  unwrap(wrapped: Uint8Array): Promise<Uint8Array>;
}

export const ATTEMPTS_FILE = 'unlock-attempts.json';
/** The wait after the first wrong password; it doubles with each further one, up to MAX_RETRY_DELAY_MS. */
export const FIRST_RETRY_DELAY_MS = 1_000;
export const MAX_RETRY_DELAY_MS = 5 * 60_000;

/** The wait after `failures` wrong passwords in a row. */
export function retryDelayMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(MAX_RETRY_DELAY_MS, FIRST_RETRY_DELAY_MS * 2 ** Math.min(failures - 1, 30));
}

export class WrongPasswordError extends Error {
  constructor(
    readonly failedAttempts: number,
    readonly retryAfterMs: number,
  ) {
    super('Incorrect password');
    this.name = 'WrongPasswordError';
  }
}

export class PasswordThrottledError extends Error {
  constructor(
    readonly failedAttempts: number,
    readonly retryAfterMs: number,
  ) {
    super(`Too many incorrect passwords. Try again in ${Math.ceil(retryAfterMs / 1000)} s.`);
    this.name = 'PasswordThrottledError';
  }
}

/** A password operation that does not fit the key's protection (e.g. "change" without a password set). */
export class PasswordStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PasswordStateError';
  }
}

export interface KeyVaultDeps {
  profileDir: string;
  randomBytes: (n: number) => Uint8Array;
  now: () => number;
  log: Logger;
  /** The OS keychain, when the host has a real one (absent: the web host, the CLI, Electron on a bare Linux). */
  keychain?: Keychain;
  /** argon2id cost for new password wraps (default DEFAULT_KDF_LIMITS); tests make it small. */
  kdfLimits?: KdfLimits;
  /** The derivation (default: on a worker thread that exits afterwards). */
  deriveKey?: DeriveKey;
}

export interface Attempts {
  failedAttempts: number;
  /** 0 when a password may be tried now. */
  retryAfterMs: number;
}

export interface KeyVault {
  /**
   * Opens the profile's key: creates it for a new database, migrates an old file in place, unwraps a
   * keychain-wrapped one. Resolves undefined when the app password is needed (`unlock`).
   */
  open(databaseExists: boolean): Promise<Uint8Array | undefined>;
  /** The protection recorded in the key file (after `open`). */
  protection(): KeyProtection;
  attempts(): Attempts;
  /** Unwraps the key with the app password. Throws WrongPasswordError or PasswordThrottledError. */
  unlock(password: string): Promise<Uint8Array>;
  /** Checks the app password (e.g. before the recovery password is shown); same errors as unlock. */
  verify(password: string): Promise<void>;
  setPassword(password: string): Promise<void>;
  changePassword(current: string, next: string): Promise<void>;
  removePassword(current: string): Promise<void>;
}

interface AttemptsRecord {
  failures: number;
  lastFailureAt: number;
}

export function createKeyVault(deps: KeyVaultDeps): KeyVault {
  const { profileDir, log } = deps;
  const keyFile = path.join(profileDir, KEY_FILE);
  const attemptsFile = path.join(profileDir, ATTEMPTS_FILE);
  const derive = deps.deriveKey ?? deriveKeyInWorker;
  const limits = deps.kdfLimits ?? DEFAULT_KDF_LIMITS;
  checkKdfLimits(limits);
  let content: KeyFileContent | undefined;
  /** One password operation at a time: two racing rewraps must not interleave their writes. */
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  const current = (): KeyFileContent => {
    if (!content) throw new Error('the key vault is not open');
    return content;
  };

  // ---- wrong-password counter ----
  const readAttempts = (): AttemptsRecord => {
    try {
      const raw: unknown = JSON.parse(fs.readFileSync(attemptsFile, 'utf8'));
      const r = raw as Partial<AttemptsRecord>;
      if (Number.isInteger(r.failures) && (r.failures as number) >= 0 && typeof r.lastFailureAt === 'number' && Number.isFinite(r.lastFailureAt)) {
        return { failures: r.failures as number, lastFailureAt: r.lastFailureAt };
      }
      log.warn(`keys: ${attemptsFile} is invalid; counting wrong passwords from the maximum delay`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { failures: 0, lastFailureAt: 0 };
      log.warn(`keys: ${attemptsFile} cannot be read; counting wrong passwords from the maximum delay`);
    }
    // A damaged counter must not reset the delay: assume many failures, just now.
    return { failures: 10, lastFailureAt: deps.now() };
  };
  const attempts = (): Attempts => {
    const r = readAttempts();
    if (r.failures === 0) return { failedAttempts: 0, retryAfterMs: 0 };
    const delay = retryDelayMs(r.failures);
    const now = deps.now();
    // A clock set back does not lengthen the wait beyond one delay.
    const left = now < r.lastFailureAt ? delay : r.lastFailureAt + delay - now;
    return { failedAttempts: r.failures, retryAfterMs: Math.max(0, Math.min(delay, left)) };
  };
  const recordFailure = (): WrongPasswordError => {
    const failures = readAttempts().failures + 1;
    writeFileAtomic(attemptsFile, JSON.stringify({ failures, lastFailureAt: deps.now() }) + '\n');
    log.warn(`keys: incorrect app password (${failures} in a row)`);
    return new WrongPasswordError(failures, retryDelayMs(failures));
  };
  const clearFailures = (): void => {
    fs.rmSync(attemptsFile, { force: true });
  };

  // ---- wrapping ----
  const utf8 = (s: string) => new TextEncoder().encode(s.normalize('NFC'));

  const wrapWithPassword = async (key: Uint8Array, password: string): Promise<KeyFileContent> => {
    const kdf: KdfParams = { algorithm: 'argon2id13', salt: deps.randomBytes(KDF_SALT_BYTES), opsLimit: limits.opsLimit, memLimit: limits.memLimit };
    const pw = utf8(password);
    let kek: Uint8Array | undefined;
    try {
      kek = await derive(pw, kdf);
      const nonce = deps.randomBytes(WRAP_NONCE_BYTES);
      const wrapped = sodium().crypto_aead_xchacha20poly1305_ietf_encrypt(key, passwordWrapAd(kdf), null, nonce, kek);
      if (wrapped.length !== PASSWORD_WRAPPED_BYTES) throw new Error('unexpected wrapped key length');
      // Open it again before anything is written: the file must give back exactly this key.
      const back = sodium().crypto_aead_xchacha20poly1305_ietf_decrypt(null, wrapped, passwordWrapAd(kdf), nonce, kek);
      const same = back.length === key.length && back.every((b, i) => b === key[i]);
      back.fill(0);
      if (!same) throw new DatabaseKeyError('Wrapping the database key with the password failed; nothing was changed.');
      return { protection: 'password', kdf, nonce, wrapped };
    } finally {
      pw.fill(0);
      kek?.fill(0);
    }
  };

  /** The key from a password-protected file, or a counted WrongPasswordError. */
  const unwrapWithPassword = async (password: string): Promise<Uint8Array> => {
    const c = current();
    if (c.protection !== 'password') throw new PasswordStateError('No app password is set.');
    const a = attempts();
    if (a.retryAfterMs > 0) throw new PasswordThrottledError(a.failedAttempts, a.retryAfterMs);
    const pw = utf8(password);
    let kek: Uint8Array | undefined;
    try {
      kek = await derive(pw, c.kdf);
      let key: Uint8Array;
      try {
        key = sodium().crypto_aead_xchacha20poly1305_ietf_decrypt(null, c.wrapped, passwordWrapAd(c.kdf), c.nonce, kek);
      } catch {
        throw recordFailure();
      }
      if (key.length !== DB_KEY_BYTES) throw new DatabaseKeyError(`The database key in ${keyFile} has the wrong length.`);
      clearFailures();
      return key;
    } finally {
      pw.fill(0);
      kek?.fill(0);
    }
  };

  /** The key stored without a password: plain, or with the keychain when there is one. */
  const protectWithoutPassword = async (key: Uint8Array): Promise<KeyFileContent> =>
    deps.keychain ? { protection: 'keychain', wrapped: await deps.keychain.wrap(key) } : { protection: 'plain', key: new Uint8Array(key) };

  const unwrapWithKeychain = async (wrapped: Uint8Array): Promise<Uint8Array> => {
    if (!deps.keychain) {
      throw new DatabaseKeyError(
        `The database key of this profile (${keyFile}) is protected by the OS keychain of the desktop app, which this program cannot use. Open the profile with the desktop app on the computer and user account that created it (there you can set an app password, which other programs can unlock).`,
      );
    }
    let key: Uint8Array;
    try {
      key = await deps.keychain.unwrap(wrapped);
    } catch (err) {
      throw new DatabaseKeyError(
        `The database key of this profile (${keyFile}) cannot be unlocked with this computer's keychain: the keychain is unavailable or locked, or the profile comes from another computer or user account. The profile was left untouched.`,
        { cause: err },
      );
    }
    if (key.length !== DB_KEY_BYTES) throw new DatabaseKeyError(`The keychain returned a key of the wrong length for ${keyFile}; the profile was left untouched.`);
    return key;
  };

  /** The key of a profile without a password (for setPassword). */
  const keyWithoutPassword = async (): Promise<Uint8Array> => {
    const c = current();
    if (c.protection === 'plain') return new Uint8Array(c.key);
    if (c.protection === 'keychain') return unwrapWithKeychain(c.wrapped);
    throw new PasswordStateError('An app password is already set; change or remove it instead.');
  };

  /** Writes the new protection, then reads it back and checks it still gives the same key. */
  const replace = async (next: KeyFileContent, key: Uint8Array, check: (c: KeyFileContent) => Promise<Uint8Array>): Promise<void> => {
    const back = await check(next);
    const same = back.length === key.length && back.every((b, i) => b === key[i]);
    back.fill(0);
    if (!same) throw new DatabaseKeyError('Rewrapping the database key gave a different key; nothing was changed.');
    writeKeyFile(profileDir, next);
    content = next;
  };
  /** wrapWithPassword already opened its wrap with the same derived key: the bytes are what was wrapped. */
  const checkedByWrap = (key: Uint8Array) => async (): Promise<Uint8Array> => new Uint8Array(key);
  const checkWithoutPassword = async (c: KeyFileContent): Promise<Uint8Array> => {
    if (c.protection === 'plain') return new Uint8Array(c.key);
    if (c.protection === 'keychain') return unwrapWithKeychain(c.wrapped);
    throw new Error('not an unwrapped key');
  };

  return {
    async open(databaseExists) {
      const read = readKeyFile(profileDir);
      if (!read) {
        if (databaseExists) {
          throw new DatabaseKeyError(`The database key file ${keyFile} is missing, so the existing database in this profile cannot be opened.`);
        }
        const key = deps.randomBytes(DB_KEY_BYTES);
        if (key.length !== DB_KEY_BYTES) throw new Error('randomBytes returned the wrong length');
        const fresh = await protectWithoutPassword(key);
        // A keychain that cannot give the key back must be found out before the database is made with it.
        const back = await checkWithoutPassword(fresh);
        const same = back.length === key.length && back.every((b, i) => b === key[i]);
        back.fill(0);
        if (!same) throw new DatabaseKeyError('The OS keychain did not give back the key it wrapped; the profile was not created.');
        createKeyFile(profileDir, fresh);
        content = fresh;
        log.info(describeProtection(content.protection, 'created'));
        return key;
      }
      content = read.content;
      switch (content.protection) {
        case 'plain': {
          const key = new Uint8Array(content.key);
          // Migrate in place: the old hex format to a versioned record, and a plain key into the keychain
          // where there now is one. The new file is complete and synced before it replaces the old one.
          if (read.legacy || deps.keychain) {
            const next = await protectWithoutPassword(key);
            await replace(next, key, checkWithoutPassword);
            log.info(describeProtection(next.protection, read.legacy ? 'migrated from the old key file format' : 'moved into the OS keychain'));
          } else {
            log.info(describeProtection('plain', 'opened'));
          }
          return key;
        }
        case 'keychain':
          return unwrapWithKeychain(content.wrapped);
        case 'password':
          log.info('keys: the database key is protected by the app password; waiting for it');
          return undefined;
      }
    },
    protection: () => current().protection,
    attempts,
    unlock: (password) => serial(() => unwrapWithPassword(password)),
    verify: (password) =>
      serial(async () => {
        (await unwrapWithPassword(password)).fill(0);
      }),
    setPassword: (password) =>
      serial(async () => {
        const key = await keyWithoutPassword();
        try {
          await replace(await wrapWithPassword(key, password), key, checkedByWrap(key));
          log.info('keys: app password set; the database key is now wrapped with it');
        } finally {
          key.fill(0);
        }
      }),
    changePassword: (currentPassword, next) =>
      serial(async () => {
        const key = await unwrapWithPassword(currentPassword);
        try {
          await replace(await wrapWithPassword(key, next), key, checkedByWrap(key));
          log.info('keys: app password changed; the database key was rewrapped');
        } finally {
          key.fill(0);
        }
      }),
    removePassword: (currentPassword) =>
      serial(async () => {
        const key = await unwrapWithPassword(currentPassword);
        try {
          const next = await protectWithoutPassword(key);
          await replace(next, key, checkWithoutPassword);
          log.info(`keys: app password removed; ${describeProtection(next.protection, 'rewrapped').replace(/^keys: /, '')}`);
        } finally {
          key.fill(0);
        }
      }),
  };
}

/** The log line that says how the key is kept (the web host and the CLI say they use a plain file). */
export function describeProtection(p: KeyProtection, what: string): string {
  switch (p) {
    case 'plain':
      return `keys: database key ${what}: kept in a 0600 file in the profile folder (no OS keychain on this host; set an app password to wrap it)`;
    case 'keychain':
      return `keys: database key ${what}: wrapped by the OS keychain`;
    case 'password':
      return `keys: database key ${what}: wrapped with the app password`;
  }
}
