// Community-blinded IDs (15 and 25 prefixes, spec advanced.md): k·|A| with a per-server blinding
// factor. Only the ID derivation lives here; blinded signing and DMs belong to the communities work.
import { bytesToHex, concatBytes, hexToBytes } from '../primitives/bytes';
import { ProtocolError } from '../primitives/errors';
import { blake2b } from '../primitives/hash';
import { sodium } from '../primitives/sodium';
import { parseRecipientSessionId } from './sessionId';

const P = 2n ** 255n - 19n;

function leToBigint(b: Uint8Array): bigint {
  let x = 0n;
  for (let i = b.length - 1; i >= 0; i--) x = (x << 8n) | BigInt(b[i] as number);
  return x;
}

function bigintToLe32(x: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}

function modPow(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  b %= m;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return r;
}

/** The Ed25519 key with sign bit 0 (|A|) matching an X25519 public key: y = (u−1)/(u+1) mod p. */
export function x25519ToPositiveEd25519(x25519: Uint8Array): Uint8Array {
  if (x25519.length !== 32) throw new ProtocolError('invalid_argument', 'X25519 key must be 32 bytes.');
  const u = leToBigint(x25519) & ((1n << 255n) - 1n);
  const denom = (u + 1n) % P;
  if (denom === 0n) throw new ProtocolError('invalid_argument', 'X25519 key has no Ed25519 equivalent.');
  const y = ((((u - 1n) % P) + P) % P) * modPow(denom, P - 2n, P) % P;
  return bigintToLe32(y);
}

function blindMul(k: Uint8Array, point: Uint8Array): Uint8Array {
  try {
    return sodium().crypto_scalarmult_ed25519_noclamp(k, point);
  } catch {
    throw new ProtocolError('invalid_argument', 'Key cannot be blinded.');
  }
}

/** blind15 factor k = Reduce(BLAKE2b-512(server pk)). */
export function blind15Factor(serverPubkey: Uint8Array): Uint8Array {
  return sodium().crypto_core_ed25519_scalar_reduce(blake2b(serverPubkey, 64));
}

/** blind25 factor k' = Reduce(BLAKE2b-512(0x05 || X || server pk)). */
export function blind25Factor(sessionIdBytes: Uint8Array, serverPubkey: Uint8Array): Uint8Array {
  return sodium().crypto_core_ed25519_scalar_reduce(blake2b(concatBytes(sessionIdBytes, serverPubkey), 64));
}

/** Our own 15-blinded ID for a server, from our Ed25519 public key: "15" + hex(k·A). */
export function blind15IdFromEd25519(ed25519Public: Uint8Array, serverPubkey: Uint8Array): string {
  return `15${bytesToHex(blindMul(blind15Factor(serverPubkey), ed25519Public))}`;
}

/** Both possible 15-blinded IDs of a 05 Session ID (k·|A| and its negation), as libsession returns them. */
export function blind15IdsFromSessionId(sessionId: string, serverPubkey: Uint8Array): [string, string] {
  const id = parseRecipientSessionId(sessionId);
  if (!id.ok) throw id.error;
  const kA = blindMul(blind15Factor(serverPubkey), x25519ToPositiveEd25519(id.value.key));
  const flipped = kA.slice();
  flipped[31] = (flipped[31] as number) ^ 0x80;
  return [`15${bytesToHex(kA)}`, `15${bytesToHex(flipped)}`];
}

/** The 25-blinded ID of a 05 Session ID for a server: "25" + hex(k'·|A|). */
export function blind25IdFromSessionId(sessionId: string, serverPubkey: Uint8Array): string {
  const id = parseRecipientSessionId(sessionId);
  if (!id.ok) throw id.error;
  const k = blind25Factor(hexToBytes(id.value.hex), serverPubkey);
  return `25${bytesToHex(blindMul(k, x25519ToPositiveEd25519(id.value.key)))}`;
}
