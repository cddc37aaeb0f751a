// Loads libsodium (WASM) once; the loaded library is the only module-level state in ts/protocol.
import sodiumLib from 'libsodium-wrappers-sumo';
import { ProtocolError } from './errors';

/** The libsodium API as loaded. */
export type Sodium = typeof sodiumLib;

let loaded: Sodium | null = null;

/** Loads the crypto library; hosts call (and await) this once before any other protocol function. */
export async function loadProtocol(): Promise<void> {
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
