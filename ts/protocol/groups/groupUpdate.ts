// GroupUpdate control messages (spec advanced.md C.8): the strings admins sign, signing and
// verifying them with the group key, and checking a received invitation (admin signature and the
// auth data it carries).
import type { Identity } from '../identity/keys';
import { utf8ToBytes } from '../primitives/bytes';
import { ed25519Sign, ed25519Verify } from '../primitives/curve';
import { ProtocolError, err, ok, type Result } from '../primitives/errors';
import { parseGroupId, type GroupAdminKeys } from './groupIdentity';
import { verifySubaccountAuthData } from './subaccount';

/** GroupUpdateInfoChangeMessage.Type */
export const GroupInfoChangeType = { name: 1, avatar: 2, disappearingMessages: 3 } as const;
/** GroupUpdateMemberChangeMessage.Type */
export const GroupMemberChangeType = { added: 1, removed: 2, promoted: 3 } as const;

function ts(timestampMs: number): string {
  if (!Number.isSafeInteger(timestampMs) || timestampMs < 0) throw new ProtocolError('invalid_argument', 'A message timestamp is a non-negative integer (ms).');
  return String(timestampMs);
}

function typeNumber(type: number): string {
  if (!Number.isSafeInteger(type) || type < 0) throw new ProtocolError('invalid_argument', 'A GroupUpdate type is a non-negative integer.');
  return String(type);
}

/** `"INVITE" + invitee 05-hex + ts`. */
export function inviteSignatureMessage(inviteeSessionId: string, timestampMs: number): Uint8Array {
  return utf8ToBytes(`INVITE${inviteeSessionId}${ts(timestampMs)}`);
}

/** `"INFO_CHANGE" + type + ts`. */
export function infoChangeSignatureMessage(type: number, timestampMs: number): Uint8Array {
  return utf8ToBytes(`INFO_CHANGE${typeNumber(type)}${ts(timestampMs)}`);
}

/** `"MEMBER_CHANGE" + type + ts`. */
export function memberChangeSignatureMessage(type: number, timestampMs: number): Uint8Array {
  return utf8ToBytes(`MEMBER_CHANGE${typeNumber(type)}${ts(timestampMs)}`);
}

/** `"DELETE_CONTENT" + ts + concat(memberSessionIds) + concat(messageHashes)`. */
export function deleteContentSignatureMessage(timestampMs: number, memberSessionIds: readonly string[], messageHashes: readonly string[]): Uint8Array {
  return utf8ToBytes(`DELETE_CONTENT${ts(timestampMs)}${memberSessionIds.join('')}${messageHashes.join('')}`);
}

/** Ed25519 signature of one of the strings above with the group's secret key. */
export function signGroupUpdate(admin: GroupAdminKeys, message: Uint8Array): Uint8Array {
  return ed25519Sign(admin.ed25519SecretKey, message);
}

/** Checks an admin signature against the group's public key; false for anything malformed or missing. */
export function verifyGroupUpdateSignature(groupEd25519PublicKey: Uint8Array, message: Uint8Array, signature: Uint8Array | null | undefined): boolean {
  if (!(signature instanceof Uint8Array) || !(groupEd25519PublicKey instanceof Uint8Array)) return false;
  return ed25519Verify(signature, message, groupEd25519PublicKey);
}

/** A verified invitation. */
export interface VerifiedGroupInvite {
  groupId: string;
  groupEd25519PublicKey: Uint8Array;
  name: string;
  authData: Uint8Array;
}

/**
 * Checks a received `GroupUpdateInviteMessage` (fields as decoded) sent at `timestampMs` (the
 * Envelope / sigTimestamp) to us: a `03` group ID, the admin signature over `"INVITE" + our id + ts`,
 * and the auth data (read and write, verifySubaccountAuthData). Never throws: `group_update_invalid`,
 * `signature_invalid`, `group_auth_invalid`.
 */
export function verifyGroupInvite(a: {
  identity: Identity;
  timestampMs: number;
  groupSessionId: unknown;
  name: unknown;
  memberAuthData: unknown;
  adminSignature: unknown;
}): Result<VerifiedGroupInvite> {
  const g = parseGroupId(a.groupSessionId);
  if (!g.ok) return err(new ProtocolError('group_update_invalid', 'The group invitation names no valid group.', g.error.detail ?? g.error.message));
  if (typeof a.name !== 'string') return err(new ProtocolError('group_update_invalid', 'The group invitation has no name.'));
  if (!(a.memberAuthData instanceof Uint8Array)) return err(new ProtocolError('group_update_invalid', 'The group invitation has no credentials.'));
  if (!(a.adminSignature instanceof Uint8Array)) return err(new ProtocolError('group_update_invalid', 'The group invitation is not signed.'));
  if (!Number.isSafeInteger(a.timestampMs) || a.timestampMs < 0) return err(new ProtocolError('group_update_invalid', 'The group invitation has no timestamp.'));
  if (!verifyGroupUpdateSignature(g.value.ed25519PublicKey, inviteSignatureMessage(a.identity.sessionId, a.timestampMs), a.adminSignature)) {
    return err(new ProtocolError('signature_invalid', 'The group invitation was not signed by the group’s admin.', 'INVITE signature'));
  }
  const auth = verifySubaccountAuthData({ groupEd25519PublicKey: g.value.ed25519PublicKey, identity: a.identity, authData: a.memberAuthData, write: true });
  if (!auth.ok) return err(auth.error);
  return ok({ groupId: g.value.groupId, groupEd25519PublicKey: g.value.ed25519PublicKey, name: a.name, authData: a.memberAuthData.slice() });
}
