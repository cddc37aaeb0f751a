// Loads libsodium once: the WASM build (libsodium-wrappers-sumo) always, and the same library compiled
// natively (sodium-native's prebuilt Node-API module) when it loads on this platform. The native build
// serves the hot calls (signature checks, sealed boxes, key conversion, X25519 agreement) two to three times
// faster; the WASM build serves everything else and stands in when the native one is missing.
// The loaded libraries are the only module-level state in ts/protocol.
import sodiumLib from 'libsodium-wrappers-sumo';
import { ProtocolError } from './errors';

/** The libsodium API as loaded. */
export type Sodium = typeof sodiumLib;

/** The few native libsodium calls the protocol uses (sodium-native's signatures: outputs first). */
export interface NativeSodium {
  crypto_sign_verify_detached(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
  crypto_box_seal_open(message: Uint8Array, ciphertext: Uint8Array, publicKey: Uint8Array, secretKey: Uint8Array): boolean;
  crypto_sign_ed25519_pk_to_curve25519(x25519: Uint8Array, ed25519: Uint8Array): void;
  /** Throws when the result is all zeros (a low-order public key). */
  crypto_scalarmult(shared: Uint8Array, secret: Uint8Array, publicKey: Uint8Array): void;
  crypto_scalarmult_base(publicKey: Uint8Array, secret: Uint8Array): void;
  crypto_box_SEALBYTES: number;
}

let loaded: Sodium | null = null;
let native: NativeSodium | null | undefined;
let nativeWanted = true;

function loadNative(): NativeSodium | null {
  try {
    // A require, like the other native modules: every bundle keeps packages external (tools/build/build.mjs).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const lib = require('sodium-native') as Partial<NativeSodium> | undefined;
    return lib && typeof lib.crypto_sign_verify_detached === 'function' && typeof lib.crypto_box_seal_open === 'function' && typeof lib.crypto_scalarmult === 'function'
      ? (lib as NativeSodium)
      : null;
  } catch {
    // No prebuilt module for this platform (or it failed to load): the WASM build does everything.
    return null;
  }
}

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

/**
 * The native libsodium when it loads (and is not switched off), else null: callers then use sodium(). Loaded on
 * first use (about 20 ms), not at start-up: a start that receives nothing never pays for it.
 */
export function nativeSodium(): NativeSodium | null {
  if (!nativeWanted) return null;
  if (native === undefined) native = loadNative();
  return native;
}

/** Switches the native build off or on again (tests and measurements compare the two builds). */
export function useNativeSodium(on: boolean): void {
  nativeWanted = on;
}
