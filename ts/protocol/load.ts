// The one start-up call of the protocol layer: loads its two WASM libraries (libsodium, zstd), the only
// module-level state in ts/protocol. Hosts and workers await it once before any other protocol function.
import { loadZstd } from './config/compress';
import { loadSodium } from './primitives/sodium';

/** Loads libsodium and zstd; safe to call more than once. */
export async function loadProtocol(): Promise<void> {
  await Promise.all([loadSodium(), loadZstd()]);
}
