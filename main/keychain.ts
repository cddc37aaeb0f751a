// The OS keychain for the database key: Electron's safeStorage, but only where a real keychain backs it.
// On Linux without a secret service (GNOME libsecret, KWallet), safeStorage falls back to a key hard-coded
// in Chromium ('basic_text'): wrapping with it protects nothing, so the profile keeps its 0600 key file
// there instead and the log says why. Must be asked after `app.whenReady()` (Linux picks its backend then).
import type { SafeStorage } from 'electron';
import type { Keychain } from '../ts/backend';
import type { Logger } from '../ts/backend/log';

/** The part of safeStorage used here (getSelectedStorageBackend exists on Linux only). */
export type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & {
  getSelectedStorageBackend?: () => string;
};

/** Linux safeStorage backends that are not a keychain: the hard-coded fallback key, or none chosen. */
export const NOT_A_KEYCHAIN = new Set(['basic_text', 'unknown']);

/** Why safeStorage is not used on this system, or undefined when it is backed by a real keychain. */
export function keychainProblem(safeStorage: SafeStorageLike, platform: NodeJS.Platform): string | undefined {
  if (!safeStorage.isEncryptionAvailable()) return 'the OS offers no encryption to this app (safeStorage unavailable)';
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
    if (NOT_A_KEYCHAIN.has(backend)) {
      return `no secret service (GNOME Keyring, KWallet) was found: safeStorage would use its built-in fallback key (${backend}), which protects nothing`;
    }
  }
  return undefined;
}

const HEX_KEY = /^[0-9a-f]{64}$/;

/** safeStorage as the key vault's keychain, or undefined (with a log line saying why) where it is no real keychain. */
export function keychainFromSafeStorage(safeStorage: SafeStorageLike, platform: NodeJS.Platform, log: Logger): Keychain | undefined {
  const problem = keychainProblem(safeStorage, platform);
  if (problem !== undefined) {
    log.warn(`keys: not using the OS keychain: ${problem}; the database key stays in a 0600 file in the profile folder (set an app password to wrap it)`);
    return undefined;
  }
  return {
    async wrap(key) {
      return new Uint8Array(safeStorage.encryptString(Buffer.from(key).toString('hex')));
    },
    async unwrap(wrapped) {
      const hex = safeStorage.decryptString(Buffer.from(wrapped));
      if (!HEX_KEY.test(hex)) throw new Error('the keychain returned something that is not a database key');
      return new Uint8Array(Buffer.from(hex, 'hex'));
    },
  };
}
