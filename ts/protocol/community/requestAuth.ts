// X-SOGS-* request authentication (spec advanced.md A.3): the signed string
// SERVER_PUBKEY ‖ NONCE ‖ ascii(ts) ‖ METHOD ‖ PATH [‖ BLAKE2b-512(body)] and the four headers.
import { assertLength, bytesToBase64, bytesToHex, concatBytes, utf8ToBytes } from '../primitives/bytes';
import { ed25519Sign } from '../primitives/curve';
import { ProtocolError } from '../primitives/errors';
import { blake2b } from '../primitives/hash';
import { blind15KeyPair, blind15Sign } from './blindedKeys';

/** The four auth headers, in the spelling the servers document. */
export interface SogsAuthHeaders {
  'X-SOGS-Pubkey': string;
  'X-SOGS-Nonce': string;
  'X-SOGS-Timestamp': string;
  'X-SOGS-Signature': string;
}

export interface SogsAuthInput {
  /** The server's X25519 key (32 bytes). */
  serverPubkey: Uint8Array;
  /** Our 64-byte Ed25519 secret key (seed ‖ public key). */
  ed25519SecretKey: Uint8Array;
  /** 16 random bytes, never reused with this server. */
  nonce: Uint8Array;
  /** Unix seconds (network time). */
  timestampSeconds: number;
  method: string;
  /** Path with its query, as put in the v4 `endpoint`. */
  path: string;
  /** The exact body bytes; empty or absent = no body hash. */
  body?: Uint8Array;
  /** 15-blinded key (`15…`) or the unblinded Ed25519 key (`00…`). */
  blinded: boolean;
}

/**
 * The PATH that is signed: reaction paths carry emoji, which servers see %-decoded, so `/reaction`
 * paths are signed decoded (as desktop does); every other path is signed as sent.
 */
export function sogsPathToSign(path: string): string {
  if (!path.includes('/reaction')) return path;
  try {
    return decodeURIComponent(path);
  } catch {
    throw new ProtocolError('invalid_argument', 'Invalid %-escape in the request path.');
  }
}

/** The bytes signed for a request (A.3). */
export function sogsSignedMessage(a: Omit<SogsAuthInput, 'ed25519SecretKey' | 'blinded'>): Uint8Array {
  assertLength(a.serverPubkey, 32, 'Community server public key');
  assertLength(a.nonce, 16, 'Request nonce');
  if (!Number.isSafeInteger(a.timestampSeconds) || a.timestampSeconds < 0) throw new ProtocolError('invalid_argument', 'Invalid request timestamp.');
  if (!a.path.startsWith('/')) throw new ProtocolError('invalid_argument', 'A request path starts with "/".');
  const parts = [a.serverPubkey, a.nonce, utf8ToBytes(String(a.timestampSeconds)), utf8ToBytes(a.method), utf8ToBytes(sogsPathToSign(a.path))];
  if (a.body && a.body.length > 0) parts.push(blake2b(a.body, 64));
  return concatBytes(...parts);
}

/** The four X-SOGS-* headers for one request. */
export function sogsAuthHeaders(a: SogsAuthInput): SogsAuthHeaders {
  assertLength(a.ed25519SecretKey, 64, 'Ed25519 secret key');
  const message = sogsSignedMessage(a);
  let pubkey: string;
  let signature: Uint8Array;
  if (a.blinded) {
    pubkey = `15${bytesToHex(blind15KeyPair(a.ed25519SecretKey, a.serverPubkey).publicKey)}`;
    signature = blind15Sign(a.ed25519SecretKey, a.serverPubkey, message, 'seed');
  } else {
    pubkey = `00${bytesToHex(a.ed25519SecretKey.subarray(32))}`;
    signature = ed25519Sign(a.ed25519SecretKey, message);
  }
  return {
    'X-SOGS-Pubkey': pubkey,
    'X-SOGS-Nonce': bytesToBase64(a.nonce),
    'X-SOGS-Timestamp': String(a.timestampSeconds),
    'X-SOGS-Signature': bytesToBase64(signature),
  };
}
