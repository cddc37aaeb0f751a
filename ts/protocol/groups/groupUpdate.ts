// GroupUpdate control messages (spec advanced.md C.8): the strings admins sign, signing and
// verifying them with the group key, and checking a received invitation (admin signature and the
// auth data it carries).
import type { Identity } from '../identity/keys';
import { utf8ToBytes } from '../primitives/bytes';
import { ed25519Sign, ed25519Verify } from '../primitives/curve';
import { ProtocolError, err, ok, type Result } from '../primitives/errors';
import { SignalService } from '../proto/codec';
import { groupKeysFromSeed, parseGroupId, type GroupAdminKeys } from './groupIdentity';
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
 * and the auth data (verifySubaccountAuthData; read permission as libsession's default check, write
 * too with `requireWrite`). Never throws: `group_update_invalid`, `signature_invalid`, `group_auth_invalid`.
 */
export function verifyGroupInvite(a: {
  identity: Identity;
  timestampMs: number;
  groupSessionId: unknown;
  name: unknown;
  memberAuthData: unknown;
  adminSignature: unknown;
  requireWrite?: boolean;
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
  const auth = verifySubaccountAuthData({ groupEd25519PublicKey: g.value.ed25519PublicKey, identity: a.identity, authData: a.memberAuthData, write: a.requireWrite === true });
  if (!auth.ok) return err(auth.error);
  return ok({ groupId: g.value.groupId, groupEd25519PublicKey: g.value.ed25519PublicKey, name: a.name, authData: a.memberAuthData.slice() });
}

/** GroupUpdateMessage fields as built for sending (protobuf `$Properties`). */
export type GroupUpdateProps = SignalService.GroupUpdateMessage.$Properties;

/** Admin: the invitation for `inviteeSessionId` (1:1), signed `"INVITE" + invitee + ts`, with the member's auth data. */
export function buildGroupInvite(a: { admin: GroupAdminKeys; inviteeSessionId: string; name: string; authData: Uint8Array; timestampMs: number }): GroupUpdateProps {
  return {
    inviteMessage: {
      groupSessionId: a.admin.groupId,
      name: a.name,
      memberAuthData: a.authData,
      adminSignature: signGroupUpdate(a.admin, inviteSignatureMessage(a.inviteeSessionId, a.timestampMs)),
    },
  };
}

/** Admin: a rename / avatar / disappearing-timer notice to the group, signed `"INFO_CHANGE" + type + ts`. */
export function buildInfoChange(a: { admin: GroupAdminKeys; type: number; updatedName?: string; updatedExpirationSeconds?: number; timestampMs: number }): GroupUpdateProps {
  return {
    infoChangeMessage: {
      type: a.type,
      ...(a.updatedName !== undefined ? { updatedName: a.updatedName } : {}),
      ...(a.updatedExpirationSeconds !== undefined ? { updatedExpiration: a.updatedExpirationSeconds } : {}),
      adminSignature: signGroupUpdate(a.admin, infoChangeSignatureMessage(a.type, a.timestampMs)),
    },
  };
}

/** Admin: members added / removed / promoted, signed `"MEMBER_CHANGE" + type + ts`. */
export function buildMemberChange(a: { admin: GroupAdminKeys; type: number; memberSessionIds: readonly string[]; historyShared?: boolean; timestampMs: number }): GroupUpdateProps {
  return {
    memberChangeMessage: {
      type: a.type,
      memberSessionIds: [...a.memberSessionIds],
      ...(a.historyShared !== undefined ? { historyShared: a.historyShared } : {}),
      adminSignature: signGroupUpdate(a.admin, memberChangeSignatureMessage(a.type, a.timestampMs)),
    },
  };
}

/** Deleting members' messages: admin-signed when `admin` is given, else the sender's own messages only. */
export function buildDeleteMemberContent(a: { admin?: GroupAdminKeys | null; memberSessionIds: readonly string[]; messageHashes: readonly string[]; timestampMs: number }): GroupUpdateProps {
  return {
    deleteMemberContent: {
      memberSessionIds: [...a.memberSessionIds],
      messageHashes: [...a.messageHashes],
      ...(a.admin ? { adminSignature: signGroupUpdate(a.admin, deleteContentSignatureMessage(a.timestampMs, a.memberSessionIds, a.messageHashes)) } : {}),
    },
  };
}

/** Admin: the promotion (1:1), carrying the group seed. */
export function buildGroupPromote(a: { admin: GroupAdminKeys; name: string }): GroupUpdateProps {
  return { promoteMessage: { groupIdentitySeed: a.admin.seed, name: a.name } };
}

/** Which GroupUpdate a received message is, after its checks. */
export type VerifiedGroupUpdate =
  | { kind: 'invite' | 'promote'; adminSigned: false }
  | { kind: 'infoChange' | 'memberChange'; adminSigned: true }
  | { kind: 'deleteMemberContent'; adminSigned: boolean }
  | { kind: 'memberLeft' | 'memberLeftNotification' | 'inviteResponse'; adminSigned: false };

/**
 * Checks a GroupUpdateMessage received in a group (ns 11) at `timestampMs` (the Envelope timestamp):
 * exactly one update; info and member changes must carry a valid admin signature; a delete carries
 * one or is limited by the caller to the sender's own messages (`adminSigned: false`). Invite and
 * promote arrive 1:1 (see verifyGroupInvite, groupKeysFromSeed). Never throws:
 * `group_update_invalid` for a malformed update, `signature_invalid` for a bad admin signature.
 */
export function verifyGroupUpdate(groupEd25519PublicKey: Uint8Array, update: SignalService.GroupUpdateMessage.$Properties, timestampMs: number): Result<VerifiedGroupUpdate> {
  const present = (['inviteMessage', 'infoChangeMessage', 'memberChangeMessage', 'promoteMessage', 'memberLeftMessage', 'inviteResponse', 'deleteMemberContent', 'memberLeftNotificationMessage'] as const).filter(
    (k) => update[k] != null,
  );
  if (present.length !== 1) return err(new ProtocolError('group_update_invalid', 'A group update was malformed.', `${present.length} updates in one message`));
  if (!Number.isSafeInteger(timestampMs) || timestampMs < 0) return err(new ProtocolError('group_update_invalid', 'A group update has no timestamp.'));
  const bad = (): Result<VerifiedGroupUpdate> => err(new ProtocolError('signature_invalid', 'A group update was not signed by the group’s admin.'));
  const sig = (s: Uint8Array | null | undefined, m: Uint8Array): boolean => verifyGroupUpdateSignature(groupEd25519PublicKey, m, s);
  switch (present[0]) {
    case 'infoChangeMessage': {
      const m = update.infoChangeMessage as SignalService.GroupUpdateInfoChangeMessage.$Properties;
      if (typeof m.type !== 'number') return err(new ProtocolError('group_update_invalid', 'A group update was malformed.', 'info change without type'));
      return sig(m.adminSignature, infoChangeSignatureMessage(m.type, timestampMs)) ? ok({ kind: 'infoChange', adminSigned: true }) : bad();
    }
    case 'memberChangeMessage': {
      const m = update.memberChangeMessage as SignalService.GroupUpdateMemberChangeMessage.$Properties;
      if (typeof m.type !== 'number') return err(new ProtocolError('group_update_invalid', 'A group update was malformed.', 'member change without type'));
      return sig(m.adminSignature, memberChangeSignatureMessage(m.type, timestampMs)) ? ok({ kind: 'memberChange', adminSigned: true }) : bad();
    }
    case 'deleteMemberContent': {
      const m = update.deleteMemberContent as SignalService.GroupUpdateDeleteMemberContentMessage.$Properties;
      if (m.adminSignature == null || m.adminSignature.length === 0) return ok({ kind: 'deleteMemberContent', adminSigned: false });
      return sig(m.adminSignature, deleteContentSignatureMessage(timestampMs, m.memberSessionIds ?? [], m.messageHashes ?? []))
        ? ok({ kind: 'deleteMemberContent', adminSigned: true })
        : bad();
    }
    case 'inviteMessage':
      return ok({ kind: 'invite', adminSigned: false });
    case 'promoteMessage':
      return ok({ kind: 'promote', adminSigned: false });
    case 'memberLeftMessage':
      return ok({ kind: 'memberLeft', adminSigned: false });
    case 'memberLeftNotificationMessage':
      return ok({ kind: 'memberLeftNotification', adminSigned: false });
    default:
      return ok({ kind: 'inviteResponse', adminSigned: false });
  }
}

/** Member: accepting an invitation (sent to the group once its keys are loaded). */
export function buildInviteResponse(approved = true): GroupUpdateProps {
  return { inviteResponse: { isApproved: approved } };
}

/** Member: leaving (both are sent to the group, as the official clients do). */
export function buildMemberLeft(): GroupUpdateProps[] {
  return [{ memberLeftMessage: {} }, { memberLeftNotificationMessage: {} }];
}

/**
 * A received promotion (1:1): the seed must give a valid group key pair, and `expectedGroupId`
 * (when the caller knows which group it is for) must match. Never throws (`group_update_invalid`).
 */
export function openGroupPromote(a: { groupIdentitySeed: unknown; name: unknown; expectedGroupId?: string }): Result<{ admin: GroupAdminKeys; name: string }> {
  if (!(a.groupIdentitySeed instanceof Uint8Array) || a.groupIdentitySeed.length !== 32) {
    return err(new ProtocolError('group_update_invalid', 'The group promotion carries no valid key.', 'seed is not 32 bytes'));
  }
  const admin = groupKeysFromSeed(a.groupIdentitySeed);
  if (a.expectedGroupId !== undefined && admin.groupId !== a.expectedGroupId.toLowerCase()) {
    return err(new ProtocolError('group_update_invalid', 'The group promotion is for another group.'));
  }
  return ok({ admin, name: typeof a.name === 'string' ? a.name : '' });
}
