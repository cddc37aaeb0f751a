// The argon2id derivation on its own worker thread gives exactly what libsodium gives in-thread for the
// same password, salt and limits (so the bytes, salt and limits cross intact), zeroes nothing of the
// caller's but its own copy, and refuses limits out of bounds before starting a thread.
import sodium from 'libsodium-wrappers-sumo';
import { checkKdfLimits, deriveKeyInWorker, KdfError } from '../../../../ts/backend/keys/passwordKdf';

beforeAll(async () => {
  await sodium.ready;
});

it('derives in the worker what libsodium derives in-thread', async () => {
  const password = new TextEncoder().encode('pässwörd with spaces'.normalize('NFC'));
  const salt = Uint8Array.from({ length: 16 }, (_, i) => i * 7);
  const kdf = { algorithm: 'argon2id13' as const, salt, opsLimit: 2, memLimit: 256 * 1024 };
  const inThread = sodium.crypto_pwhash(32, password, salt, kdf.opsLimit, kdf.memLimit, sodium.crypto_pwhash_ALG_ARGON2ID13);
  const fromWorker = await deriveKeyInWorker(password, kdf);
  expect(Buffer.from(fromWorker).toString('hex')).toBe(Buffer.from(inThread).toString('hex'));
  // The caller's password is the caller's to zero.
  expect(new TextDecoder().decode(password)).toBe('pässwörd with spaces');
  // Another salt, another key.
  const other = await deriveKeyInWorker(password, { ...kdf, salt: new Uint8Array(16) });
  expect(Buffer.from(other).equals(Buffer.from(fromWorker))).toBe(false);
});

it('refuses limits out of bounds', async () => {
  expect(() => checkKdfLimits({ opsLimit: 0, memLimit: 8192 })).toThrow(KdfError);
  expect(() => checkKdfLimits({ opsLimit: 3, memLimit: 2 ** 31 })).toThrow(/memLimit/);
  await expect(deriveKeyInWorker(new Uint8Array(1), { algorithm: 'argon2id13', salt: new Uint8Array(16), opsLimit: 11, memLimit: 8192 })).rejects.toThrow(/opsLimit 11/);
});
