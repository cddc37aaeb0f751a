// Typed access to the config byte-pipeline vectors: the named advanced vectors (libsession's own tests)
// and every push of the oracle run of libsession v1.2.0 (four user config types, steps 0-4).
import { loadJson } from '../helpers';

export interface NamedVector {
  name: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
}

/** One push as libsession produced it. */
export interface OraclePush {
  seqno: number;
  plaintext_bt_hex: string;
  decrypted_padded_hex: string;
  zstd_compressed: boolean;
  inner_config_ciphertext_hex: string;
  pushed_wrapped_hex: string;
  pushed_wrapped_len: number;
  inner_config_ciphertext_len: number;
}

export interface OracleConfig {
  config_type: string;
  namespace: number;
  encryption_domain: string;
  user_ed25519_seed_hex: string;
  user_session_id: string;
  compression_level: number;
  [step: string]: unknown;
}

const advanced = loadJson<{ vectors: NamedVector[] }>('vectors/advanced-vectors.json');
const oracle = loadJson<{ config: Record<string, unknown> }>('vectors/oracle-vectors.json');

/** A vector of advanced-vectors.json by name (fails the test run if it is missing). */
export function advancedVector(name: string): NamedVector {
  const v = advanced.vectors.find((x) => x.name === name);
  if (!v) throw new Error(`vector ${name} missing`);
  return v;
}

export const ORACLE_TYPES = ['UserProfile', 'Contacts', 'ConvoInfoVolatile', 'UserGroups'] as const;

/** The oracle config run of one type. */
export function oracleConfig(type: (typeof ORACLE_TYPES)[number]): OracleConfig {
  return oracle.config[type] as OracleConfig;
}

/** Every push of every type: [type, step name, push]. */
export function oraclePushes(): [string, string, OraclePush, OracleConfig][] {
  const out: [string, string, OraclePush, OracleConfig][] = [];
  for (const type of ORACLE_TYPES) {
    const c = oracleConfig(type);
    for (const [step, v] of Object.entries(c)) {
      if (v !== null && typeof v === 'object' && 'pushed_wrapped_hex' in v) out.push([type, step, v as OraclePush, c]);
    }
  }
  return out;
}
