// Request authentication of the community server (spec advanced.md A.3): the four X-SOGS-* headers, all or
// none; the signature over server key, nonce, timestamp, method, path and BLAKE2b-512 of the body.
import { blake2b, concatBytes, ed25519Verify, fromB64, fromHex, utf8 } from '../crypto';

export const BLINDING_REQUIRED = 'Invalid authentication: this server requires the use of blinded ids';
/** Timestamps further than this from server time are refused with 425. */
export const TIMESTAMP_WINDOW_S = 86_400;

export type AuthOutcome =
  | { readonly ok: true; readonly user: null }
  | { readonly ok: true; readonly user: string; readonly nonce: Uint8Array }
  | { readonly ok: false; readonly code: number; readonly message: string };

export interface AuthInput {
  readonly serverPubkey: Uint8Array;
  readonly method: string;
  /** The request path after URL-decoding, with `?query` when there is one. */
  readonly signedPath: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array | null;
  readonly nowSeconds: number;
}

const fail = (code: number, message: string): AuthOutcome => ({ ok: false, code, message });

function header(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return v;
  return undefined;
}

function decodeNonce(s: string): Uint8Array | null {
  if (s.length === 32) {
    const hex = fromHex(s);
    if (hex) return hex;
  }
  const b = fromB64(s.length === 22 ? `${s}==` : s);
  return b && b.length === 16 ? b : null;
}

/**
 * Checks the headers in the order a client can act on: malformed (400), unblinded on this blinding server
 * (400), timestamp outside ±24 h (425), bad signature (401). The caller then refuses a reused nonce (425).
 */
export function verifyRequestAuth(input: AuthInput): AuthOutcome {
  const pubkey = header(input.headers, 'x-sogs-pubkey');
  const nonceRaw = header(input.headers, 'x-sogs-nonce');
  const tsRaw = header(input.headers, 'x-sogs-timestamp');
  const sigRaw = header(input.headers, 'x-sogs-signature');
  const present = [pubkey, nonceRaw, tsRaw, sigRaw].filter((h) => h !== undefined).length;
  if (present === 0) return { ok: true, user: null };
  if (present !== 4) return fail(400, 'Invalid authentication: incomplete X-SOGS-* headers');
  if (!/^(00|15)[0-9a-fA-F]{64}$/.test(pubkey!)) return fail(400, 'Invalid authentication: X-SOGS-Pubkey is not a valid 00 or 15 key');
  const nonce = decodeNonce(nonceRaw!);
  if (!nonce) return fail(400, 'Invalid authentication: X-SOGS-Nonce must be 16 bytes');
  if (!/^\d{1,12}$/.test(tsRaw!)) return fail(400, 'Invalid authentication: X-SOGS-Timestamp is not a unix timestamp');
  const sig = fromB64(sigRaw!);
  if (!sig || sig.length !== 64) return fail(400, 'Invalid authentication: X-SOGS-Signature is not a 64-byte signature');
  const id = pubkey!.toLowerCase();
  if (id.startsWith('00')) return fail(400, BLINDING_REQUIRED);
  if (Math.abs(Number(tsRaw) - input.nowSeconds) > TIMESTAMP_WINDOW_S) return fail(425, 'Invalid authentication: X-SOGS-Timestamp is too far from the current time');
  const parts = [input.serverPubkey, nonce, utf8(tsRaw!), utf8(input.method), utf8(input.signedPath)];
  if (input.body && input.body.length > 0) parts.push(blake2b(64, input.body));
  if (!ed25519Verify(fromHex(id.slice(2))!, concatBytes(...parts), sig)) return fail(401, 'Invalid authentication: signature verification failed');
  return { ok: true, user: id, nonce };
}
