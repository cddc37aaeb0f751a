// GroupUpdate control messages (spec advanced.md C.8): the strings admins sign, signing and
// verifying them with the group key, and checking a received invitation (admin signature and the
// auth data it carries).
import type { Identity } from '../identity/keys';
import { ProtocolError, type Result } from '../primitives/errors';
import type { GroupAdminKeys } from './groupIdentity';

/** GroupUpdateInfoChangeMessage.Type */
export const GroupInfoChangeType = { name: 1, avatar: 2, disappearingMessages: 3 } as const;
/** GroupUpdateMemberChangeMessage.Type */
export const GroupMemberChangeType = { added: 1, removed: 2, promoted: 3 } as const;

/** `"INVITE" + invitee 05-hex + ts`. */
export function inviteSignatureMessage(inviteeSessionId: string, timestampMs: number): Uint8Array {
  void inviteeSessionId;
  void timestampMs;
  throw new ProtocolError('not_ready', 'not implemented');
}

/** `"INFO_CHANGE" + type + ts`. */
export function infoChangeSignatureMessage(type: number, timestampMs: number): Uint8Array {
  void type;
  void timestampMs;
  throw new ProtocolError('not_ready', 'not implemented');
}

/** `"MEMBER_CHANGE" + type + ts`. */
export function memberChangeSignatureMessage(type: number, timestampMs: number): Uint8Array {
  void type;
  void timestampMs;
  throw new ProtocolError('not_ready', 'not implemented');
}

/** `"DELETE_CONTENT" + ts + concat(memberSessionIds) + concat(messageHashes)`. */
export function deleteContentSignatureMessage(timestampMs: number, memberSessionIds: readonly string[], messageHashes: readonly string[]): Uint8Array {
  void timestampMs;
  void memberSessionIds;
  void messageHashes;
  throw new ProtocolError('not_ready', 'not implemented');
}

/** Ed25519 signature of one of the strings above with the group's secret key. */
export function signGroupUpdate(admin: GroupAdminKeys, message: Uint8Array): Uint8Array {
  void admin;
  void message;
  throw new ProtocolError('not_ready', 'not implemented');
}

/** Checks an admin signature against the group's public key; false for anything malformed. */
export function verifyGroupUpdateSignature(groupEd25519PublicKey: Uint8Array, message: Uint8Array, signature: Uint8Array | null | undefined): boolean {
  void groupEd25519PublicKey;
  void message;
  void signature;
  throw new ProtocolError('not_ready', 'not implemented');
}

/** A verified invitation. */
export interface VerifiedGroupInvite {
  groupId: string;
  groupEd25519PublicKey: Uint8Array;
  name: string;
  authData: Uint8Array;
}

/**
 * Checks a received `GroupUpdateInviteMessage` (fields as decoded) sent at `timestampMs` to us:
 * a `03` group ID, the admin signature over `"INVITE" + our id + ts`, and the auth data
 * (verifySubaccountAuthData). Never throws: `group_update_invalid`, `signature_invalid`, `group_auth_invalid`.
 */
export function verifyGroupInvite(a: {
  identity: Identity;
  timestampMs: number;
  groupSessionId: unknown;
  name: unknown;
  memberAuthData: unknown;
  adminSignature: unknown;
}): Result<VerifiedGroupInvite> {
  void a;
  throw new ProtocolError('not_ready', 'not implemented');
}
