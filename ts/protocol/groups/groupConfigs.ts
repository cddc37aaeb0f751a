// The group's Info (ns 13) and Members (ns 14) configs (spec advanced.md C.4): ordinary configs on
// ConfigBase, encrypted with the group keys from GroupKeys (newest first, pending key first), signed
// with the group's secret key and verified with its public key, never protobuf-wrapped. Members
// without the seed hold them read-only: they adopt the highest (seqno, hash) and never push.
import type { Identity } from '../identity/keys';
import { equalBytes } from '../primitives/bytes';
import { ed25519Sign, ed25519Verify } from '../primitives/curve';
import { ProtocolError } from '../primitives/errors';
import { ConfigBase, type ConfigMergeReport, type ConfigPush, type RetrievedConfigMessage } from '../config/configBase';
import type { ConfigSigner, ConfigVerifier } from '../config/configMessage';
import { CONFIG_TYPES } from '../config/configTypes';
import { hexFromBinary, isDict, utf8FromBinary, type ConfigDict } from '../config/data';
import {
  MAX_NAME_BYTES,
  binaryPrefix,
  checkInt,
  dictBinary,
  dictInt,
  idKey,
  profilePicBinary,
  readProfilePic,
  setFlag,
  setNonemptyBinary,
  setPairIf,
  setPositiveInt,
  storedText,
  utf8Length,
  type ProfilePic,
} from '../config/fields';
import { groupKeysFromSeed, type GroupAdminKeys, type GroupPublicKeys } from './groupIdentity';

/** Longest group description (bytes). */
export const MAX_GROUP_DESCRIPTION_BYTES = 2000;

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

function signing(opts: GroupConfigOptions): { signer: ConfigSigner | null; verifier: ConfigVerifier } {
  const pk = opts.group.ed25519PublicKey;
  if (!(pk instanceof Uint8Array) || pk.length !== 32) throw new ProtocolError('invalid_argument', 'A group public key is 32 bytes.');
  let signer: ConfigSigner | null = null;
  if (opts.admin) {
    const admin = groupKeysFromSeed(opts.admin.seed);
    if (admin.groupId !== opts.group.groupId) throw new ProtocolError('invalid_argument', 'The group secret key does not match the group.');
    signer = (data) => ed25519Sign(admin.ed25519SecretKey, data);
  }
  return { signer, verifier: (signed, signature) => ed25519Verify(signature, signed, pk) };
}

/** Seconds from a timestamp libsession would also accept in ms or µs (its to_epoch_seconds). */
function epochSeconds(ts: number): number {
  checkInt(ts, 'A timestamp');
  if (ts >= 1e15) return Math.floor(ts / 1e6);
  if (ts >= 1e12) return Math.floor(ts / 1e3);
  return ts;
}

/** What group configs share: the group keys, the signer, refusing to push or merge without a key. */
abstract class GroupConfig extends ConfigBase {
  constructor(type: (typeof CONFIG_TYPES)['GroupInfo' | 'GroupMembers'], opts: GroupConfigOptions) {
    const { signer, verifier } = signing(opts);
    super(type, { identity: opts.identity, keys: opts.keys, dump: opts.dump ?? null, signer, verifier, swarmMerged: opts.swarmMerged, compressionLevel: 1 });
    this.groupId = opts.group.groupId;
  }

  private readonly groupId: string;

  /**
   * Takes the group keys (GroupKeys.keysNewestFirst()) after a keys message was loaded (`dirty`
   * false) or after our own rekey (`dirty` true: an admin re-pushes the config under the new key,
   * as libsession's `replace_keys`). An empty list is ignored (keys never go back to none).
   */
  setKeys(keys: readonly Uint8Array[], dirty = false): void {
    if (keys.length === 0) return;
    const first = this.keyCount === 0 ? null : this.currentKeys()[0];
    const changedFirst = first === undefined || first === null || !equalBytes(first, keys[0] as Uint8Array);
    this.replaceKeys(keys);
    if (dirty && changedFirst) this.markDirty();
  }

  /** A member promoted to admin: pushes are signed from now on (libsession's `load_admin_key`). */
  loadAdminKey(admin: GroupAdminKeys): void {
    if (!this.isReadOnly) return;
    const a = groupKeysFromSeed(admin.seed);
    if (a.groupId !== this.groupId) throw new ProtocolError('invalid_argument', 'The group secret key does not match the group.');
    this.setSigner((data) => ed25519Sign(a.ed25519SecretKey, data));
  }

  /** True when we can edit and push (we hold the group's secret key). */
  get canEdit(): boolean {
    return !this.isReadOnly;
  }

  /** As ConfigBase.merge; without any group key every message is refused (`group_no_key`), as libsession does. */
  override merge(retrieved: readonly RetrievedConfigMessage[], nowMs: number): ConfigMergeReport {
    if (this.keyCount === 0) {
      const e = new ProtocolError('group_no_key', 'Group configs cannot be read before a group key is known.');
      return { accepted: [], rejected: retrieved.map((r) => ({ hash: typeof r?.hash === 'string' ? r.hash : '', reason: e.kind, error: e })), pending: [], changed: false, merged: false };
    }
    return super.merge(retrieved, nowMs);
  }

  /** As ConfigBase.push; throws `group_no_key` without a key and `invalid_argument` on a read-only config. */
  override push(nowMs: number): ConfigPush {
    if (this.keyCount === 0) throw new ProtocolError('group_no_key', 'There is no key for this group yet.');
    if (this.isReadOnly) throw new ProtocolError('invalid_argument', 'Only a group admin can push its configs.');
    return super.push(nowMs);
  }
}

export class GroupInfoConfig extends GroupConfig {
  constructor(opts: GroupConfigOptions) {
    super(CONFIG_TYPES.GroupInfo, opts);
  }

  /** `n`, or null. */
  get name(): string | null {
    const n = this.data.getBinary(['n']);
    return n === undefined || n.length === 0 ? null : utf8FromBinary(n);
  }
  /** `o`, or null. */
  get description(): string | null {
    const o = this.data.getBinary(['o']);
    return o === undefined || o.length === 0 ? null : utf8FromBinary(o);
  }
  /** `p` + `q`, or null. */
  get picture(): ProfilePic | null {
    return readProfilePic(this.data.root);
  }
  /** `E` (delete after send, seconds), or null when off. */
  get expiryTimerSeconds(): number | null {
    const e = this.data.getInt(['E']);
    return e === undefined || e <= 0 ? null : e;
  }
  /** `c` (unix s), or null. */
  get createdSeconds(): number | null {
    return this.data.getInt(['c']) ?? null;
  }
  /** `d`: messages older than this (unix s) are deleted; null when unset. */
  get deleteBeforeSeconds(): number | null {
    return this.data.getInt(['d']) ?? null;
  }
  /** `D`: attachments older than this (unix s) are deleted; null when unset. */
  get deleteAttachmentsBeforeSeconds(): number | null {
    return this.data.getInt(['D']) ?? null;
  }
  /** `!`: the group was destroyed. */
  get destroyed(): boolean {
    return (this.data.getInt(['!']) ?? 0) > 0;
  }

  // Admin setters: each returns whether anything changed; on a read-only config they throw invalid_argument.

  /** Sets (empty removes) the name; throws beyond 100 bytes. */
  setName(name: string): boolean {
    if (typeof name !== 'string') throw new ProtocolError('invalid_argument', 'A name is text.');
    if (utf8Length(name) > MAX_NAME_BYTES) throw new ProtocolError('invalid_argument', `A group name is at most ${MAX_NAME_BYTES} bytes.`);
    return this.edit((d) => setNonemptyBinary(d, ['n'], storedText(d, ['n'], name)));
  }
  /** Sets (null or empty removes) the description; throws beyond 2000 bytes. */
  setDescription(description: string | null): boolean {
    const text = description ?? '';
    if (typeof text !== 'string') throw new ProtocolError('invalid_argument', 'A description is text.');
    if (utf8Length(text) > MAX_GROUP_DESCRIPTION_BYTES) throw new ProtocolError('invalid_argument', `A group description is at most ${MAX_GROUP_DESCRIPTION_BYTES} bytes.`);
    return this.edit((d) => setNonemptyBinary(d, ['o'], storedText(d, ['o'], text)));
  }
  setPicture(pic: ProfilePic | null): boolean {
    const p = profilePicBinary(pic);
    return this.edit((d) => setPairIf(d, p !== null, ['p'], p?.url ?? '', ['q'], p?.key ?? ''));
  }
  /** Disappearing messages (delete after send) in seconds; null or 0 turns them off. */
  setExpiryTimer(seconds: number | null): boolean {
    const s = checkInt(seconds ?? 0, 'A timer');
    return this.edit((d) => setPositiveInt(d, ['E'], s));
  }
  /** Creation time (unix s; ms are converted, as libsession does). */
  setCreated(seconds: number): boolean {
    const s = epochSeconds(seconds);
    return this.edit((d) => setPositiveInt(d, ['c'], s));
  }
  setDeleteBefore(seconds: number | null): boolean {
    const s = epochSeconds(seconds ?? 0);
    return this.edit((d) => setPositiveInt(d, ['d'], s));
  }
  setDeleteAttachmentsBefore(seconds: number | null): boolean {
    const s = epochSeconds(seconds ?? 0);
    return this.edit((d) => setPositiveInt(d, ['D'], s));
  }
  /** Marks the group destroyed for everyone (cannot be undone). */
  destroyGroup(): boolean {
    return this.edit((d) => setFlag(d, ['!'], true));
  }
}

/** Invite / promotion status values (`I`, `P`): 0 accepted (or none), 1 sent, 2 failed, 3 not sent yet. */
export const GroupMemberSendStatus = { none: 0, sent: 1, failed: 2, notSent: 3 } as const;
/** Removal values (`R`). */
export const GroupMemberRemoved = { none: 0, member: 1, memberAndMessages: 2 } as const;

/** One consolidated status, as libsession's `Members::get_status` (removal first, then promotion for admins, then the invite). */
export type GroupMemberStatus =
  | 'invite_unknown'
  | 'invite_not_sent'
  | 'invite_failed'
  | 'invite_sent'
  | 'invite_accepted'
  | 'promotion_unknown'
  | 'promotion_not_sent'
  | 'promotion_failed'
  | 'promotion_sent'
  | 'promotion_accepted'
  | 'removed_unknown'
  | 'removed'
  | 'removed_including_messages';

/** One member of the Members config, read as libsession's `member::load` does. */
export interface GroupMember {
  /** `05…` */
  sessionId: string;
  /** `n` (may be empty). */
  name: string;
  picture: ProfilePic | null;
  /** `A`: informational admin flag (not a permission). */
  admin: boolean;
  /** `I` (0 for admins). */
  inviteStatus: number;
  /** `P`. */
  promotionStatus: number;
  /** `R`. */
  removedStatus: number;
  /** `s`: invited with the keys history (a supplement); only while the invitation is pending. */
  supplement: boolean;
  status: GroupMemberStatus;
}

/** The fields `setMember` writes. */
export type GroupMemberFields = Omit<GroupMember, 'status'>;

function memberStatus(m: Omit<GroupMember, 'status'>): GroupMemberStatus {
  if (m.removedStatus === 2) return 'removed_including_messages';
  if (m.removedStatus === 1) return 'removed';
  if (m.removedStatus > 0) return 'removed_unknown';
  const pick = (s: number, prefix: 'invite' | 'promotion'): GroupMemberStatus =>
    s === 3 ? `${prefix}_not_sent` : s === 2 ? `${prefix}_failed` : s === 1 ? `${prefix}_sent` : s !== 0 ? `${prefix}_unknown` : `${prefix}_accepted`;
  return m.admin ? pick(m.promotionStatus, 'promotion') : pick(m.inviteStatus, 'invite');
}

function loadMember(sessionId: string, d: ConfigDict): GroupMember {
  const n = dictBinary(d, 'n');
  const admin = (dictInt(d, 'A') ?? 0) !== 0;
  const inviteStatus = admin ? 0 : (dictInt(d, 'I') ?? 0);
  const promotionStatus = dictInt(d, 'P') ?? 0;
  const removedStatus = dictInt(d, 'R') ?? 0;
  const supplement = inviteStatus > 0 && !(admin || promotionStatus > 0) ? (dictInt(d, 's') ?? 0) !== 0 : false;
  const m = { sessionId, name: n === undefined ? '' : utf8FromBinary(n), picture: readProfilePic(d), admin, inviteStatus, promotionStatus, removedStatus, supplement };
  return { ...m, status: memberStatus(m) };
}

function checkStatus(v: number, max: number, what: string): number {
  if (!Number.isInteger(v) || v < 0 || v > max) throw new ProtocolError('invalid_argument', `${what} must be 0-${max}.`);
  return v;
}

export class GroupMembersConfig extends GroupConfig {
  constructor(opts: GroupConfigOptions) {
    super(CONFIG_TYPES.GroupMembers, opts);
  }

  /** Every member, sorted by Session ID (entries that are not 33-byte ids with a dict are skipped). */
  members(): GroupMember[] {
    const m = this.data.getDict(['m']);
    if (m === undefined) return [];
    const out: GroupMember[] = [];
    for (const key of this.data.keys(['m'])) {
      const v = m.get(key);
      if (key.length === 33 && isDict(v)) out.push(loadMember(hexFromBinary(key), v));
    }
    return out;
  }

  /** How many entries the member dict holds. */
  get size(): number {
    return this.data.getDict(['m'])?.size ?? 0;
  }

  /** One member, or null. Throws `invalid_argument` for a malformed id. */
  get(sessionId: string): GroupMember | null {
    const v = this.data.getDict(['m', idKey(sessionId, '05')]);
    return v === undefined ? null : loadMember(sessionId.toLowerCase(), v);
  }

  /** Admin: adds or replaces a member (libsession's `Members::set`: the name is always written, `I` never for admins). */
  setMember(member: GroupMemberFields): boolean {
    const key = idKey(member.sessionId, '05');
    if (typeof member.name !== 'string') throw new ProtocolError('invalid_argument', 'A member name is text.');
    const pic = profilePicBinary(member.picture);
    const invite = checkStatus(member.inviteStatus, 0xff, 'An invite status');
    const promotion = checkStatus(member.promotionStatus, 0xff, 'A promotion status');
    const removed = checkStatus(member.removedStatus, 0xff, 'A removal status');
    return this.edit((d) => {
      const path = ['m', key];
      let changed = false;
      const name = binaryPrefix(storedText(d, [...path, 'n'], member.name), MAX_NAME_BYTES);
      changed = d.setBinary([...path, 'n'], name) || changed;
      changed = setPairIf(d, pic !== null, [...path, 'p'], pic?.url ?? '', [...path, 'q'], pic?.key ?? '') || changed;
      changed = setFlag(d, [...path, 'A'], member.admin) || changed;
      changed = setPositiveInt(d, [...path, 'P'], promotion) || changed;
      changed = setPositiveInt(d, [...path, 'I'], member.admin ? 0 : invite) || changed;
      changed = setFlag(d, [...path, 's'], member.supplement) || changed;
      changed = setPositiveInt(d, [...path, 'R'], removed) || changed;
      return changed;
    });
  }

  /** The member, or a new one with defaults (invite not sent yet), as libsession's `get_or_construct`. */
  getOrConstruct(sessionId: string): GroupMember {
    const have = this.get(sessionId);
    if (have !== null) return have;
    idKey(sessionId, '05');
    const m = { sessionId: sessionId.toLowerCase(), name: '', picture: null, admin: false, inviteStatus: 3, promotionStatus: 0, removedStatus: 0, supplement: false };
    return { ...m, status: memberStatus(m) };
  }

  private update(sessionId: string, change: (m: GroupMemberFields) => void): boolean {
    const m = this.get(sessionId);
    if (m === null) return false;
    change(m);
    return this.setMember(m);
  }

  /** Admin: invite sent (or failed). */
  setInviteSent(sessionId: string, failed = false): boolean {
    return this.update(sessionId, (m) => {
      m.inviteStatus = failed ? 2 : 1;
    });
  }
  /** Admin: the member accepted (clears `I` and `s`). */
  setInviteAccepted(sessionId: string): boolean {
    return this.update(sessionId, (m) => {
      m.inviteStatus = 0;
      m.supplement = false;
    });
  }
  /** Admin: promotion pending (3), sent (1), failed (2) or accepted (0); each makes the member an admin. */
  setPromotion(sessionId: string, status: 'not_sent' | 'sent' | 'failed' | 'accepted'): boolean {
    return this.update(sessionId, (m) => {
      m.admin = true;
      m.inviteStatus = 0;
      m.promotionStatus = { not_sent: 3, sent: 1, failed: 2, accepted: 0 }[status];
    });
  }
  /** Admin: pending removal (R = 1, or 2 with their messages). */
  setRemoved(sessionId: string, withMessages = false): boolean {
    return this.update(sessionId, (m) => {
      m.inviteStatus = 0;
      m.promotionStatus = 0;
      m.removedStatus = withMessages ? 2 : 1;
    });
  }

  /** Admin: removes a member; returns whether it was there. */
  erase(sessionId: string): boolean {
    const key = idKey(sessionId, '05');
    return this.edit((d) => d.erase(['m', key]));
  }
}
