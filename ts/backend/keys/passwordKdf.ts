// argon2id (libsodium crypto_pwhash) of the app password, on a worker thread that exits afterwards: the
// derivation needs its memory limit (256 MiB by default) inside the WASM heap, and a WASM heap never
// shrinks, so doing it on the backend's own thread would keep that much memory for the app's lifetime.
import { Worker } from 'node:worker_threads';
import { KDF_BOUNDS, type KdfParams } from './keyFileFormat';

export interface KdfLimits {
  opsLimit: number;
  memLimit: number;
}

/** libsodium's MODERATE limits: about 1 s and 256 MiB on a desktop. */
export const DEFAULT_KDF_LIMITS: KdfLimits = { opsLimit: 3, memLimit: 256 * 1024 * 1024 };

/** Derives 32 bytes from `password` with the stored parameters. */
export type DeriveKey = (password: Uint8Array, kdf: KdfParams) => Promise<Uint8Array>;

// Plain CommonJS run with `eval`, so the same code works from the sources (jest) and from every bundle;
// libsodium is loaded from the path the parent resolved. The password arrives as bytes the parent zeroes.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const sodium = require(workerData.sodiumPath);
sodium.ready.then(() => {
  const { password, salt, opsLimit, memLimit } = workerData;
  let out;
  try {
    out = sodium.crypto_pwhash(32, password, salt, opsLimit, memLimit, sodium.crypto_pwhash_ALG_ARGON2ID13);
  } finally {
    password.fill(0);
  }
  parentPort.postMessage({ key: out });
  out.fill(0);
}).catch((err) => parentPort.postMessage({ error: String((err && err.message) || err) }));
`;

export class KdfError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KdfError';
  }
}

export function checkKdfLimits(l: KdfLimits): void {
  if (!Number.isInteger(l.opsLimit) || l.opsLimit < KDF_BOUNDS.minOps || l.opsLimit > KDF_BOUNDS.maxOps) throw new KdfError(`argon2id opsLimit ${l.opsLimit} is out of bounds`);
  if (!Number.isInteger(l.memLimit) || l.memLimit < KDF_BOUNDS.minMem || l.memLimit > KDF_BOUNDS.maxMem) throw new KdfError(`argon2id memLimit ${l.memLimit} is out of bounds`);
}

/** The derivation on a fresh worker thread, which ends once it has answered. */
export const deriveKeyInWorker: DeriveKey = async (password, kdf) => {
  checkKdfLimits(kdf);
  const sodiumPath = require.resolve('libsodium-wrappers-sumo');
  const copy = new Uint8Array(password); // the worker zeroes its own copy; the caller zeroes theirs
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { sodiumPath, password: copy, salt: kdf.salt, opsLimit: kdf.opsLimit, memLimit: kdf.memLimit },
    // The heap the WASM memory lives in is not the V8 heap; keep the thread's own heap small.
    resourceLimits: { maxOldGenerationSizeMb: 64 },
    stdout: true,
    stderr: true,
  });
  copy.fill(0);
  try {
    return await new Promise<Uint8Array>((resolve, reject) => {
      worker.once('message', (m: { key?: Uint8Array; error?: string }) => {
        if (m.key instanceof Uint8Array && m.key.length === 32) resolve(m.key);
        else reject(new KdfError(`the password derivation failed: ${m.error ?? 'no key'}`));
      });
      worker.once('error', (err) => reject(new KdfError(`the password derivation failed: ${err.message}`, { cause: err })));
      worker.once('exit', (code) => reject(new KdfError(`the password derivation thread exited (code ${code}) without an answer`)));
    });
  } finally {
    await worker.terminate();
  }
};
