// Pubkey -> swarm mapping exactly as the storage server computes it (spec §5.2), and the message hash (spec §4.1).
import { blake2b, concatBytes, toB64, utf8 } from './crypto';

const MASK64 = (1n << 64n) - 1n;

/** XOR of the four 8-byte chunks of the 32 raw key bytes, read big-endian. */
export function swarmSpacePosition(raw32: Uint8Array): bigint {
  let x = 0n;
  const view = new DataView(raw32.buffer, raw32.byteOffset, raw32.byteLength);
  for (let i = 0; i < 32; i += 8) x ^= view.getBigUint64(i, false);
  return x;
}

/** Picks the swarm id closest to x on the 2^64 ring (ties go to the lower/left swarm). */
export function pickSwarm(x: bigint, swarmIds: readonly bigint[]): bigint | null {
  if (swarmIds.length === 0) return null;
  const sorted = [...swarmIds].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (sorted.length === 1) return sorted[0]!;
  let rightIdx = sorted.findIndex((id) => id >= x);
  if (rightIdx === -1) rightIdx = 0;
  const leftIdx = (rightIdx + sorted.length - 1) % sorted.length;
  const right = sorted[rightIdx]!;
  const left = sorted[leftIdx]!;
  const dright = (right - x) & MASK64;
  const dleft = (x - left) & MASK64;
  return dright < dleft ? right : left;
}

/** base64-unpadded BLAKE2b-256(prefix || raw32 || NS || data), NS empty for namespace 0. */
export function messageHash(pubkey33: Uint8Array, namespace: number, data: Uint8Array): string {
  const ns = namespace === 0 ? new Uint8Array(0) : utf8(String(namespace));
  return toB64(blake2b(32, concatBytes(pubkey33, ns, data))).replace(/=+$/, '');
}
