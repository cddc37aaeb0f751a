// The raw libsodium calls the 1:1 crypto floors time, from the build the code under test uses: native
// (sodium-native) when it loads here, else WASM. A faster library then moves the floor with it.
import sodium from 'libsodium-wrappers-sumo';
import { nativeSodium } from '../../../ts/protocol';

export interface FloorSodium {
  /** 'native' or 'WASM', for the floor's description. */
  build: string;
  /** crypto_box_seal_open; throws when the box does not open. */
  sealOpen(ciphertext: Uint8Array, publicKey: Uint8Array, secretKey: Uint8Array): Uint8Array;
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
  /** crypto_sign_ed25519_pk_to_curve25519. */
  toX25519(ed25519: Uint8Array): Uint8Array;
}

/** Call after loadProtocol() (and sodium.ready). */
export function floorSodium(): FloorSodium {
  const native = nativeSodium();
  if (!native) {
    return {
      build: 'WASM',
      sealOpen: (c, pk, sk) => sodium.crypto_box_seal_open(c, pk, sk),
      verify: (sig, m, pk) => sodium.crypto_sign_verify_detached(sig, m, pk),
      toX25519: (ed) => sodium.crypto_sign_ed25519_pk_to_curve25519(ed),
    };
  }
  return {
    build: 'native',
    sealOpen: (c, pk, sk) => {
      const out = new Uint8Array(c.length - native.crypto_box_SEALBYTES);
      if (!native.crypto_box_seal_open(out, c, pk, sk)) throw new Error('floor: sealed box did not open');
      return out;
    },
    verify: (sig, m, pk) => native.crypto_sign_verify_detached(sig, m, pk),
    toX25519: (ed) => {
      const x = new Uint8Array(32);
      native.crypto_sign_ed25519_pk_to_curve25519(x, ed);
      return x;
    },
  };
}
