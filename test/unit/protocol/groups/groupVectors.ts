// Shared fixtures of the groups v2 tests: the oracle vectors (test/fixtures/vectors/ORACLE.md), the
// users A–D and groups G and F as protocol objects, and the oracle's deterministic RNG.
import { identityFromEd25519Seed, type Identity } from '../../../../ts/protocol/identity/keys';
import { blake2b } from '../../../../ts/protocol/primitives/hash';
import { sodium } from '../../../../ts/protocol/primitives/sodium';
import type { RandomSource } from '../../../../ts/protocol/primitives/random';
import { groupKeysFromSeed, type GroupAdminKeys } from '../../../../ts/protocol/groups';
import { hex, loadJson } from '../helpers';

/** The oracle-groups JSON, loosely typed (each test reads what it needs). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export const V: Json = loadJson('vectors/oracle-groups-vectors.json');

export type User = 'A' | 'B' | 'C' | 'D';
export const USERS: readonly User[] = ['A', 'B', 'C', 'D'];

/** Identities A–D (after loadProtocol). */
export function users(): Record<User, Identity> {
  const out = {} as Record<User, Identity>;
  for (const u of V.identities.users as Json[]) out[u.label as User] = identityFromEd25519Seed(hex(u.ed25519_seed_hex));
  return out;
}

/** Group G (main scenario) or F (fixture) as admin keys. */
export function groupAdmin(label: 'G' | 'F'): GroupAdminKeys {
  const g = (V.group_identity as Json[]).find((x) => x.label === label);
  return groupKeysFromSeed(hex(g.group_seed_hex));
}

/**
 * The oracle's RNG for a label: the ChaCha20-IETF keystream with key = BLAKE2b-256(label), a zero
 * nonce and counter 0, read in order by successive draws.
 */
export function oracleRandom(label: string): RandomSource {
  const key = blake2b(new TextEncoder().encode(label), 32);
  const stream = sodium().crypto_stream_chacha20_ietf_xor(new Uint8Array(4096), new Uint8Array(12), key);
  let pos = 0;
  return (n) => {
    const out = stream.slice(pos, pos + n);
    pos += n;
    return out;
  };
}
