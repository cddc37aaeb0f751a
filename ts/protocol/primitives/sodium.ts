// Loads libsodium (WASM) once; the loaded library is the only module-level state in ts/protocol.
import sodiumLib from 'libsodium-wrappers-sumo';
import { ProtocolError } from './errors';

/** The libsodium API as loaded. */
export type Sodium = typeof sodiumLib;

let loaded: Sodium | null = null;

/** Loads libsodium. Hosts call loadProtocol() (ts/protocol/load.ts), which also loads zstd. */
export async function loadSodium(): Promise<void> {
  await sodiumLib.ready;
  loaded = sodiumLib;
}

/** Returns the loaded libsodium, or throws ProtocolError('not_ready') if loadProtocol() was not awaited. */
export function sodium(): Sodium {
  if (loaded === null) {
    throw new ProtocolError('not_ready', 'Crypto library not loaded yet.', 'await loadProtocol() first');
  }
  return loaded;
}
