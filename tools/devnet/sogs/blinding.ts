// The server's side of 15-blinding (spec advanced.md A.4.2): which blinded ids a 05 Session ID may appear
// as on this server, written here from the spec with libsodium so the server does not share the client's code.
import sodium from 'libsodium-wrappers-sumo';
import { blake2b, toHex } from '../crypto';

const P = (1n << 255n) - 19n;

function fromLe(b: Uint8Array): bigint {
  let x = 0n;
  for (let i = b.length - 1; i >= 0; i--) x = (x << 8n) | BigInt(b[i]!);
  return x;
}

function toLe32(x: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}

function powMod(b: bigint, e: bigint): bigint {
  let r = 1n;
  b %= P;
  for (; e > 0n; e >>= 1n) {
    if (e & 1n) r = (r * b) % P;
    b = (b * b) % P;
  }
  return r;
}

/** k = Reduce(BLAKE2b-512(server X25519 pubkey)). */
export function blindingFactor(serverPubkey: Uint8Array): Uint8Array {
  return sodium.crypto_core_ed25519_scalar_reduce(blake2b(64, serverPubkey));
}

/**
 * Both 15-blinded ids a 05 Session ID can have on this server: k·|A| (|A| is the Edwards point with
 * y = (u−1)/(u+1) and sign bit 0) and the same with bit 255 flipped. Null when the key is unusable.
 */
export function blindedCandidates(sessionId: string, serverPubkey: Uint8Array): [string, string] | null {
  if (!/^05[0-9a-f]{64}$/.test(sessionId)) return null;
  const u = fromLe(Buffer.from(sessionId.slice(2), 'hex'));
  if ((u + 1n) % P === 0n) return null;
  const y = (((u - 1n + P) % P) * powMod(u + 1n, P - 2n)) % P;
  let kA: Uint8Array;
  try {
    kA = sodium.crypto_scalarmult_ed25519_noclamp(blindingFactor(serverPubkey), toLe32(y));
  } catch {
    return null;
  }
  const flipped = kA.slice();
  flipped[31] = flipped[31]! ^ 0x80;
  return [`15${toHex(kA)}`, `15${toHex(flipped)}`];
}
