// Swarm authentication for group accounts (spec advanced.md C.7): the member's subaccount auth data
// (issued by an admin), its verification, the subaccount signature of a storage request, and the
// admin's plain signature.
//
// auth data = 0x03 || flags || 0 || 0 || k || Ed25519(group sk, token), token = first 4 bytes || k·T,
// where k = H_64(0x05 || X || 0x03 || group pk; key = H_32(seed; "SessionGroupSubaccountMask")) mod L
// and T = |S| is the member's Ed25519 key with the sign bit cleared.
import type { Identity } from '../identity/keys';
import { parseSessionId, SessionIdPrefix } from '../identity/sessionId';
import { x25519ToPositiveEd25519 } from '../identity/blinding';
import { bytesToBase64, bytesToHex, concatBytes, utf8ToBytes } from '../primitives/bytes';
import { ed25519Sign, ed25519Verify } from '../primitives/curve';
import { ProtocolError, err, ok, type Result } from '../primitives/errors';
import { blake2b } from '../primitives/hash';
import { sodium } from '../primitives/sodium';
import { signWithScalar } from '../community/blindedKeys';
import { retrieveSignatureMessage, storeSignatureMessage } from '../rpc/signatures';
import { parseGroupId, type GroupAdminKeys } from './groupIdentity';

/** Length of a member's auth data. */
export const SUBACCOUNT_AUTH_DATA_BYTES = 100;
/** Length of a subaccount token (revoke/unrevoke, `subaccount` param). */
export const SUBACCOUNT_TOKEN_BYTES = 36;

const FLAG_READ = 0x01;
const FLAG_WRITE = 0x02;
const FLAG_DEL = 0x04;
const FLAG_ANY_PREFIX = 0x08;

/** Request params a subaccount adds to retrieve/store (all base64). */
export interface SubaccountRequestAuth {
  /** `03…` */
  pubkey: string;
  timestamp: number;
  /** base64(token36 = auth_data[0:4] || kT). */
  subaccount: string;
  /** base64(auth_data[36:100]), the admin's signature of the token. */
  subaccount_sig: string;
  /** base64(R || S) over the request's signature string. */
  signature: string;
}

/** Request params of an admin request. */
export interface AdminRequestAuth {
  pubkey: string;
  timestamp: number;
  signature: string;
}

/** What a verified auth data allows. */
export interface SubaccountAuthInfo {
  flags: number;
  read: boolean;
  write: boolean;
  del: boolean;
  anyPrefix: boolean;
}

function authInvalid(detail: string): ProtocolError {
  return new ProtocolError('group_auth_invalid', 'The group credentials are not valid.', detail);
}

function noclampMul(k: Uint8Array, point: Uint8Array): Uint8Array {
  try {
    return sodium().crypto_scalarmult_ed25519_noclamp(k, point);
  } catch {
    throw authInvalid('scalar multiplication failed (invalid key)');
  }
}

/** T = our Ed25519 public key with the sign bit cleared, and whether it was set. */
function positiveOwnKey(identity: Identity): { T: Uint8Array; negative: boolean } {
  const T = identity.ed25519.publicKey.slice();
  const negative = ((T[31] as number) & 0x80) !== 0;
  T[31] = (T[31] as number) & 0x7f;
  return { T, negative };
}

/**
 * Checks a member's 100-byte auth data for this group (`swarm_verify_subaccount`): prefix 03 (or the
 * any-prefix flag), the read flag and any further permissions asked for, and the admin signature
 * over the token made from our own key. Never throws (`group_auth_invalid`).
 */
export function verifySubaccountAuthData(a: {
  groupEd25519PublicKey: Uint8Array;
  identity: Identity;
  authData: Uint8Array;
  /** Permissions the caller needs besides read (default none). */
  write?: boolean;
  del?: boolean;
}): Result<SubaccountAuthInfo> {
  try {
    const d = a.authData;
    if (!(d instanceof Uint8Array) || d.length !== SUBACCOUNT_AUTH_DATA_BYTES) return err(authInvalid(`auth data is ${d instanceof Uint8Array ? d.length : 0} bytes, not 100`));
    if (!(a.groupEd25519PublicKey instanceof Uint8Array) || a.groupEd25519PublicKey.length !== 32) return err(authInvalid('no 32-byte group key'));
    const flags = d[1] as number;
    if (d[0] !== 0x03 && (flags & FLAG_ANY_PREFIX) === 0) return err(authInvalid('not for an 03 account'));
    if ((flags & FLAG_READ) === 0) return err(authInvalid('no read permission'));
    if (a.write === true && (flags & FLAG_WRITE) === 0) return err(authInvalid('no write permission'));
    if (a.del === true && (flags & FLAG_DEL) === 0) return err(authInvalid('no delete permission'));
    const { T } = positiveOwnKey(a.identity);
    const kT = noclampMul(d.subarray(4, 36), T);
    if (!ed25519Verify(d.subarray(36), concatBytes(d.subarray(0, 4), kT), a.groupEd25519PublicKey)) {
      return err(authInvalid('the admin signature does not match this group and account'));
    }
    return ok({ flags, read: true, write: (flags & FLAG_WRITE) !== 0, del: (flags & FLAG_DEL) !== 0, anyPrefix: (flags & FLAG_ANY_PREFIX) !== 0 });
  } catch (e) {
    return err(e instanceof ProtocolError ? (e.kind === 'group_auth_invalid' ? e : authInvalid(e.detail ?? e.message)) : authInvalid('unexpected error'));
  }
}

/**
 * The subaccount signature of `message` (`swarm_subaccount_sign`) in binary: the token (first 4 bytes
 * of the auth data || k·T), the admin's token signature, and R || S made with the scalar k·t.
 * Throws `group_auth_invalid` for auth data of the wrong size or an unusable key.
 */
export function subaccountSign(identity: Identity, authData: Uint8Array, message: Uint8Array): { token: Uint8Array; subaccountSig: Uint8Array; signature: Uint8Array } {
  if (!(authData instanceof Uint8Array) || authData.length !== SUBACCOUNT_AUTH_DATA_BYTES) throw authInvalid('auth data is not 100 bytes');
  const s = sodium();
  const k = authData.subarray(4, 36);
  const { T, negative } = positiveOwnKey(identity);
  const kT = noclampMul(k, T);
  const token = concatBytes(authData.subarray(0, 4), kT);
  // t = ±a, the scalar whose point is T.
  const a = identity.x25519.secretKey;
  const t = negative ? s.crypto_core_ed25519_scalar_negate(a) : s.crypto_core_ed25519_scalar_reduce(concatBytes(a, new Uint8Array(32)));
  const kt = s.crypto_core_ed25519_scalar_mul(k, t);
  const hseed = blake2b(identity.ed25519Seed, 32, utf8ToBytes('SubaccountSeed'));
  const r = s.crypto_core_ed25519_scalar_reduce(blake2b(concatBytes(hseed, kT, message), 64, utf8ToBytes('SubaccountSig')));
  return { token, subaccountSig: authData.slice(36), signature: signWithScalar(kt, kT, r, message) };
}

function signatureString(method: 'retrieve' | 'store', namespace: number, timestampMs: number): Uint8Array {
  if (method === 'retrieve') return retrieveSignatureMessage(namespace, timestampMs);
  if (method === 'store') return storeSignatureMessage(namespace, timestampMs);
  throw new ProtocolError('invalid_argument', 'Only retrieve and store are signed this way.', String(method));
}

/** retrieve/store params for a member: signs `method || namespace || timestamp` (C.7). Throws ProtocolError. */
export function subaccountSignRequest(a: {
  groupId: string;
  identity: Identity;
  authData: Uint8Array;
  method: 'retrieve' | 'store';
  namespace: number;
  timestampMs: number;
}): SubaccountRequestAuth {
  const g = parseGroupId(a.groupId);
  if (!g.ok) throw g.error;
  const sig = subaccountSign(a.identity, a.authData, signatureString(a.method, a.namespace, a.timestampMs));
  return {
    pubkey: g.value.groupId,
    timestamp: a.timestampMs,
    subaccount: bytesToBase64(sig.token),
    subaccount_sig: bytesToBase64(sig.subaccountSig),
    signature: bytesToBase64(sig.signature),
  };
}

/** retrieve/store params for an admin (plain Ed25519 with the group secret key). */
export function adminSignRequest(a: { admin: GroupAdminKeys; method: 'retrieve' | 'store'; namespace: number; timestampMs: number }): AdminRequestAuth {
  return {
    pubkey: `03${bytesToHex(a.admin.ed25519PublicKey)}`,
    timestamp: a.timestampMs,
    signature: bytesToBase64(ed25519Sign(a.admin.ed25519SecretKey, signatureString(a.method, a.namespace, a.timestampMs))),
  };
}

/** Plain Ed25519 with the group's secret key over any storage-RPC signature string (delete, expire, revoke…). */
export function adminSign(admin: GroupAdminKeys, message: Uint8Array): Uint8Array {
  return ed25519Sign(admin.ed25519SecretKey, message);
}

function checkFlags(flags: number): number {
  if (!Number.isInteger(flags) || flags < 0 || flags > 0xff) throw new ProtocolError('invalid_argument', 'Subaccount flags are one byte.');
  return flags | FLAG_READ;
}

/** k and k·T for a member (the admin side). */
function blindMember(admin: GroupAdminKeys, sessionId: string): { k: Uint8Array; kT: Uint8Array } {
  const id = parseSessionId(sessionId, [SessionIdPrefix.Standard]);
  if (!id.ok) throw new ProtocolError('invalid_argument', 'A group member is a 05 Session ID.', id.error.detail);
  const X = id.value.key;
  const mask = blake2b(admin.seed, 32, utf8ToBytes('SessionGroupSubaccountMask'));
  const k = sodium().crypto_core_ed25519_scalar_reduce(blake2b(concatBytes(new Uint8Array([0x05]), X, new Uint8Array([0x03]), admin.ed25519PublicKey), 64, mask));
  let T: Uint8Array;
  try {
    T = x25519ToPositiveEd25519(X);
  } catch {
    throw new ProtocolError('invalid_argument', 'This Session ID has no Ed25519 form.');
  }
  try {
    return { k, kT: sodium().crypto_scalarmult_ed25519_noclamp(k, T) };
  } catch {
    throw new ProtocolError('invalid_argument', 'This Session ID is not a valid key.');
  }
}

/**
 * Admin: the 100-byte auth data for a member (`swarm_make_subaccount`); `flags` is a mask of
 * SubaccountFlag (read is always added). Identical whichever admin makes it.
 */
export function makeSubaccountAuthData(admin: GroupAdminKeys, sessionId: string, flags: number): Uint8Array {
  const f = checkFlags(flags);
  const { k, kT } = blindMember(admin, sessionId);
  const prefix = new Uint8Array([0x03, f, 0, 0]);
  return concatBytes(prefix, k, ed25519Sign(admin.ed25519SecretKey, concatBytes(prefix, kT)));
}

/** Admin: the member's 36-byte token (`swarm_subaccount_token`), for revoke/unrevoke. */
export function makeSubaccountToken(admin: GroupAdminKeys, sessionId: string, flags: number): Uint8Array {
  const f = checkFlags(flags);
  const { kT } = blindMember(admin, sessionId);
  return concatBytes(new Uint8Array([0x03, f, 0, 0]), kT);
}
