// The group's Info (ns 13) and Members (ns 14) configs (spec advanced.md C.4): ordinary configs on
// ConfigBase, encrypted with the group keys from GroupKeys (newest first), signed with the group's
// secret key and verified with its public key. Members without the seed hold them read-only.
import type { Identity } from '../identity/keys';
import { ProtocolError } from '../primitives/errors';
import { ConfigBase } from '../config/configBase';
import { CONFIG_TYPES } from '../config/configTypes';
import type { ProfilePic } from '../config/fields';
import type { GroupAdminKeys, GroupPublicKeys } from './groupIdentity';

/** How a group config is set up. */
export interface GroupConfigOptions {
  /** Our own account. */
  identity: Identity;
  group: GroupPublicKeys;
  /** Present for admins: pushes are signed with it. Without it the config is read-only. */
  admin?: GroupAdminKeys | null;
  /** The group keys, newest first (GroupKeys.keysNewestFirst()); may be empty before any key is loaded. */
  keys: readonly Uint8Array[];
  dump?: Uint8Array | null;
  swarmMerged?: boolean;
}

/** Info `!`, `d`, `D`… as read. */
export class GroupInfoConfig extends ConfigBase {
  constructor(opts: GroupConfigOptions) {
    void opts;
    super(CONFIG_TYPES.GroupInfo, { identity: opts.identity, keys: opts.keys });
    throw new ProtocolError('not_ready', 'GroupInfoConfig: not implemented yet.');
  }

  /** `n`, or null. */
  get name(): string | null {
    throw new ProtocolError('not_ready', 'not implemented');
  }
  /** `o`, or null. */
  get description(): string | null {
    throw new ProtocolError('not_ready', 'not implemented');
  }
  /** `p` + `q`, or null. */
  get picture(): ProfilePic | null {
    throw new ProtocolError('not_ready', 'not implemented');
  }
  /** `E` (delete after send), or null when off. */
  get expiryTimerSeconds(): number | null {
    throw new ProtocolError('not_ready', 'not implemented');
  }
  /** `c` (unix s), or null. */
  get createdSeconds(): number | null {
    throw new ProtocolError('not_ready', 'not implemented');
  }
  /** `d`: messages older than this (unix s) are deleted; null when unset. */
  get deleteBeforeSeconds(): number | null {
    throw new ProtocolError('not_ready', 'not implemented');
  }
  /** `D`: attachments older than this (unix s) are deleted; null when unset. */
  get deleteAttachmentsBeforeSeconds(): number | null {
    throw new ProtocolError('not_ready', 'not implemented');
  }
  /** `!`: the group was destroyed. */
  get destroyed(): boolean {
    throw new ProtocolError('not_ready', 'not implemented');
  }

  // admin setters (throw invalid_argument on a read-only config)
  setName(name: string): boolean {
    void name;
    throw new ProtocolError('not_ready', 'not implemented');
  }
  setDescription(description: string | null): boolean {
    void description;
    throw new ProtocolError('not_ready', 'not implemented');
  }
  setPicture(pic: ProfilePic | null): boolean {
    void pic;
    throw new ProtocolError('not_ready', 'not implemented');
  }
  setExpiryTimer(seconds: number | null): boolean {
    void seconds;
    throw new ProtocolError('not_ready', 'not implemented');
  }
  setCreated(seconds: number): boolean {
    void seconds;
    throw new ProtocolError('not_ready', 'not implemented');
  }
  setDeleteBefore(seconds: number | null): boolean {
    void seconds;
    throw new ProtocolError('not_ready', 'not implemented');
  }
  setDeleteAttachmentsBefore(seconds: number | null): boolean {
    void seconds;
    throw new ProtocolError('not_ready', 'not implemented');
  }
  destroyGroup(): boolean {
    throw new ProtocolError('not_ready', 'not implemented');
  }
}

/** Invite status (`I`): accepted = omitted. */
export type GroupInviteStatus = 'accepted' | 'sent' | 'failed' | 'not_sent';
/** Promotion status (`P`, with `A`): none = not an admin. */
export type GroupPromotionStatus = 'none' | 'accepted' | 'sent' | 'failed' | 'not_sent';
/** Pending removal (`R`). */
export type GroupRemovalStatus = 'none' | 'remove' | 'remove_with_messages';

/** One member of the Members config. */
export interface GroupMember {
  /** `05…` */
  sessionId: string;
  /** `n` (may be empty). */
  name: string;
  picture: ProfilePic | null;
  /** `A`: informational admin flag. */
  admin: boolean;
  invite: GroupInviteStatus;
  /** `s`: invited with the keys history (supplement). */
  supplement: boolean;
  promotion: GroupPromotionStatus;
  removal: GroupRemovalStatus;
}

export class GroupMembersConfig extends ConfigBase {
  constructor(opts: GroupConfigOptions) {
    void opts;
    super(CONFIG_TYPES.GroupMembers, { identity: opts.identity, keys: opts.keys });
    throw new ProtocolError('not_ready', 'GroupMembersConfig: not implemented yet.');
  }

  /** Every member, sorted by Session ID. */
  members(): GroupMember[] {
    throw new ProtocolError('not_ready', 'not implemented');
  }

  /** One member, or null. */
  get(sessionId: string): GroupMember | null {
    void sessionId;
    throw new ProtocolError('not_ready', 'not implemented');
  }

  /** Admin: adds or replaces a member (every field written as given). */
  set(member: GroupMember): boolean {
    void member;
    throw new ProtocolError('not_ready', 'not implemented');
  }

  /** Admin: removes a member. */
  erase(sessionId: string): boolean {
    void sessionId;
    throw new ProtocolError('not_ready', 'not implemented');
  }
}
