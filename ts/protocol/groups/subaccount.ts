// Swarm authentication for group accounts (spec advanced.md C.7): the member's subaccount auth data
// (issued by an admin), its verification, the subaccount signature of a storage request, and the
// admin's plain signature.
import type { Identity } from '../identity/keys';
import { ProtocolError, type Result } from '../primitives/errors';
import type { GroupAdminKeys } from './groupIdentity';

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

/**
 * Checks a member's 100-byte auth data for this group (`swarm_verify_subaccount`): prefix,
 * required permissions, and the admin signature over the token made from our own key. Never throws.
 */
export function verifySubaccountAuthData(a: {
  groupEd25519PublicKey: Uint8Array;
  identity: Identity;
  authData: Uint8Array;
  /** Permissions the caller needs besides read (default none). */
  write?: boolean;
  del?: boolean;
}): Result<SubaccountAuthInfo> {
  void a;
  throw new ProtocolError('not_ready', 'not implemented');
}

/** The subaccount signature of `message` (`swarm_subaccount_sign`), binary forms. Throws `group_auth_invalid`. */
export function subaccountSign(identity: Identity, authData: Uint8Array, message: Uint8Array): { token: Uint8Array; subaccountSig: Uint8Array; signature: Uint8Array } {
  void identity;
  void authData;
  void message;
  throw new ProtocolError('not_ready', 'not implemented');
}

/** retrieve/store params for a member: signs `method || namespace || timestamp` (C.7). */
export function subaccountSignRequest(a: {
  groupId: string;
  identity: Identity;
  authData: Uint8Array;
  method: 'retrieve' | 'store';
  namespace: number;
  timestampMs: number;
}): SubaccountRequestAuth {
  void a;
  throw new ProtocolError('not_ready', 'not implemented');
}

/** retrieve/store params for an admin (plain Ed25519 with the group secret key). */
export function adminSignRequest(a: { admin: GroupAdminKeys; method: 'retrieve' | 'store'; namespace: number; timestampMs: number }): AdminRequestAuth {
  void a;
  throw new ProtocolError('not_ready', 'not implemented');
}

/** Admin: the 100-byte auth data for a member (`swarm_make_subaccount`). */
export function makeSubaccountAuthData(admin: GroupAdminKeys, sessionId: string, flags: number): Uint8Array {
  void admin;
  void sessionId;
  void flags;
  throw new ProtocolError('not_ready', 'not implemented');
}

/** Admin: the member's 36-byte token (`swarm_subaccount_token`), for revoke/unrevoke. */
export function makeSubaccountToken(admin: GroupAdminKeys, sessionId: string, flags: number): Uint8Array {
  void admin;
  void sessionId;
  void flags;
  throw new ProtocolError('not_ready', 'not implemented');
}
