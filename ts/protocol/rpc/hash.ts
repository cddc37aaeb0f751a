// Message hash on a swarm and swarm-space math (spec network §4.1, §5.2).
import { bytesToBase64Unpadded, concatBytes, hexToBytes, utf8ToBytes } from '../primitives/bytes';
import { ProtocolError } from '../primitives/errors';
import { blake2b } from '../primitives/hash';
import { namespaceTag } from './namespaces';

function pubkeyBytes(pubkey: string | Uint8Array): Uint8Array {
  const b = typeof pubkey === 'string' ? hexToBytes(pubkey) : pubkey;
  if (b.length !== 33) throw new ProtocolError('invalid_argument', 'Account pubkey must be 33 bytes (66 hex).');
  return b;
}

/** `base64_unpadded(BLAKE2b-256(prefix || key || NS || data))`, 43 characters. */
export function messageHash(pubkey: string | Uint8Array, namespace: number, data: Uint8Array): string {
  const input = concatBytes(pubkeyBytes(pubkey), utf8ToBytes(namespaceTag(namespace)), data);
  return bytesToBase64Unpadded(blake2b(input, 32));
}

/** Swarm-space position: XOR of the four 8-byte chunks of the raw key, read big-endian. */
export function swarmSpacePosition(pubkey: string | Uint8Array): bigint {
  const raw = pubkeyBytes(pubkey).subarray(1);
  const view = new DataView(raw.buffer, raw.byteOffset, 32);
  let x = 0n;
  for (let i = 0; i < 4; i++) x ^= view.getBigUint64(i * 8, false);
  return x;
}

const MOD = 1n << 64n;

/** The swarm id responsible for a position (nearest by ring distance, ties to the left); undefined if none. */
export function nearestSwarm(swarmIds: readonly bigint[], position: bigint): bigint | undefined {
  const ids = [...new Set(swarmIds)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (ids.length === 0) return undefined;
  if (ids.length === 1) return ids[0];
  let ri = ids.findIndex((id) => id >= position);
  if (ri === -1) ri = 0;
  const li = (ri - 1 + ids.length) % ids.length;
  const right = ids[ri] as bigint;
  const left = ids[li] as bigint;
  const dright = (((right - position) % MOD) + MOD) % MOD;
  const dleft = (((position - left) % MOD) + MOD) % MOD;
  return dright < dleft ? right : left;
}

/** Convenience: the swarm id for an account pubkey. */
export function swarmForPubkey(swarmIds: readonly bigint[], pubkey: string | Uint8Array): bigint | undefined {
  return nearestSwarm(swarmIds, swarmSpacePosition(pubkey));
}
