// The UserGroups config (namespace 5, spec advanced.md B.15): the groups and communities we are in.
// `g` → 33-byte `03` group id (groups v2: admin seed `K` or subaccount auth `s`, invite name `n`,
// removed status `r`), `o` → canonical base URL → {`#`: server pubkey, `R`: {lower-case room: {`n`
// case-preserved token, …}}}, `C` → 33-byte legacy group id (name, encryption key pair, members,
// admins, disappearing timer). Every entry also has `+` priority, `j` joined-at, `@` notify mode,
// `!` mute-until, `i` invite pending.
//
// Entries this client does not act on (e.g. groups v2 before they are supported) are only ever
// changed by an explicit setter or erase; merges and edits of other entries leave them intact.
// Setters read the whole entry, change it and write every field back, as libsession does.
import { ProtocolError } from '../primitives/errors';
import { ed25519KeyPairFromSeed } from '../primitives/curve';
import { equalBytes } from '../primitives/bytes';
import { ConfigBase, type ConfigBaseOptions } from './configBase';
import { CONFIG_TYPES } from './configTypes';
import { ConfigSet, binaryFromBytes, binaryFromHex, binaryFromUtf8, bytesFromBinary, isDict, utf8FromBinary, type ConfigData, type ConfigDict, type KeyPath } from './data';
import { canonicalCommunityUrl, canonicalRoom, communityPubkey } from './community';
import { communityRooms, eraseRoom } from './convoInfoVolatile';
import {
  MAX_NAME_BYTES,
  binaryPrefix,
  checkInt,
  dictBinary,
  dictInt,
  idFromKey,
  idKey,
  isIdKey,
  notifyModeFromInt,
  notifyModeToInt,
  setFlag,
  setNonemptyBinary,
  setNonzeroInt,
  setPairIf,
  setPositiveInt,
  storedText,
  type NotifyMode,
} from './fields';

/** Fields every kind of group entry has. */
export interface GroupEntryBase {
  /** 0 normal, −1 hidden, > 0 pinned. */
  priority: number;
  /** Joined (or re-joined) at, unix s. */
  joinedAt: number;
  notifications: NotifyMode;
  /** Muted until, unix s; 0 = not muted. */
  muteUntil: number;
  /** Invitation not accepted yet. */
  invited: boolean;
}

/** A community room. */
export interface CommunityInfo extends GroupEntryBase {
  /** Canonical base URL. */
  baseUrl: string;
  /** Room token as the server spells it (the key is its lower-case form). */
  room: string;
  /** The server's 32-byte public key. */
  pubkey: Uint8Array;
}

/** A legacy closed group (spec D). */
export interface LegacyGroupInfo extends GroupEntryBase {
  /** The group's `05…`-looking ID. */
  sessionId: string;
  name: string;
  /** The group's X25519 encryption key pair (32 bytes each), or null. */
  encPubkey: Uint8Array | null;
  encSeckey: Uint8Array | null;
  /** Disappearing timer (s, after read); 0 = off. */
  disappearingTimerSeconds: number;
  /** Member Session ID → admin. */
  members: Map<string, boolean>;
}

/** Why we are no longer in a group v2. */
export type GroupRemovedStatus = 'not_removed' | 'kicked' | 'destroyed';

const REMOVED: readonly GroupRemovedStatus[] = ['not_removed', 'kicked', 'destroyed'];

/** A groups v2 entry. */
export interface GroupInfo extends GroupEntryBase {
  /** `03…` group ID. */
  groupId: string;
  /** The name from the invitation (until the group's own info is known). */
  name: string;
  /** The group's 64-byte Ed25519 secret key when we are an admin (its public half matches the ID), else null. */
  secretKey: Uint8Array | null;
  /** 100-byte subaccount authentication data of a non-admin member, or null. */
  authData: Uint8Array | null;
  removedStatus: GroupRemovedStatus;
}

function loadBase(d: ConfigDict): GroupEntryBase {
  return {
    priority: dictInt(d, '+') ?? 0,
    joinedAt: Math.max(0, dictInt(d, 'j') ?? 0),
    notifications: notifyModeFromInt(dictInt(d, '@') ?? 0),
    muteUntil: dictInt(d, '!') ?? 0,
    invited: (dictInt(d, 'i') ?? 0) !== 0,
  };
}

function checkBase(g: GroupEntryBase): void {
  checkInt(g.priority, 'A priority');
  checkInt(g.joinedAt, 'A join time');
  checkInt(g.muteUntil, 'A mute time');
  notifyModeToInt(g.notifications);
}

function writeBase(d: ConfigData, path: KeyPath, g: GroupEntryBase): boolean {
  let changed = false;
  changed = setNonzeroInt(d, [...path, '+'], g.priority) || changed;
  changed = setPositiveInt(d, [...path, 'j'], g.joinedAt) || changed;
  changed = setPositiveInt(d, [...path, '@'], notifyModeToInt(g.notifications)) || changed;
  changed = setPositiveInt(d, [...path, '!'], g.muteUntil) || changed;
  changed = setFlag(d, [...path, 'i'], g.invited) || changed;
  return changed;
}

function defaultBase(): GroupEntryBase {
  return { priority: 0, joinedAt: 0, notifications: 'default', muteUntil: 0, invited: false };
}

function loadLegacy(sessionId: string, d: ConfigDict): LegacyGroupInfo {
  const n = dictBinary(d, 'n');
  const k = dictBinary(d, 'k');
  const K = dictBinary(d, 'K');
  const keys = k !== undefined && K !== undefined && k.length === 32 && K.length === 32;
  const E = dictInt(d, 'E') ?? 0;
  const members = new Map<string, boolean>();
  for (const [field, admin] of [
    ['m', false],
    ['a', true],
  ] as const) {
    const s = d.get(field);
    if (!(s instanceof ConfigSet)) continue;
    // An ID listed as both member and admin reads as a member (libsession inserts members first, without overwriting).
    for (const v of s.values()) if (typeof v === 'string' && isIdKey(v, 0x05) && !members.has(idFromKey(v))) members.set(idFromKey(v), admin);
  }
  return {
    ...loadBase(d),
    sessionId,
    name: n === undefined ? '' : utf8FromBinary(n),
    encPubkey: keys ? bytesFromBinary(k) : null,
    encSeckey: keys ? bytesFromBinary(K) : null,
    disappearingTimerSeconds: E > 0 ? E : 0,
    members: new Map([...members].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
}

function loadGroup(groupId: string, d: ConfigDict): GroupInfo {
  const n = dictBinary(d, 'n');
  let secretKey: Uint8Array | null = null;
  const seed = dictBinary(d, 'K');
  if (seed !== undefined && seed.length === 32) {
    const kp = ed25519KeyPairFromSeed(bytesFromBinary(seed));
    // A seed whose key is not this group's is ignored.
    if (equalBytes(kp.publicKey, bytesFromBinary(binaryFromHex(groupId)).subarray(1))) secretKey = kp.secretKey;
  }
  const s = dictBinary(d, 's');
  const r = dictInt(d, 'r') ?? 0;
  return {
    ...loadBase(d),
    groupId,
    name: n === undefined ? '' : utf8FromBinary(n),
    secretKey,
    authData: s !== undefined && s.length === 100 ? bytesFromBinary(s) : null,
    removedStatus: r >= 0 && r <= 2 ? (REMOVED[r] as GroupRemovedStatus) : 'not_removed',
  };
}

export class UserGroups extends ConfigBase {
  constructor(opts: ConfigBaseOptions) {
    super(CONFIG_TYPES.UserGroups, opts);
  }

  // --- communities ---

  getCommunity(baseUrl: string, room: string): CommunityInfo | null {
    const url = canonicalCommunityUrl(baseUrl);
    const roomKey = canonicalRoom(room);
    const d = this.data.getDict(['o', binaryFromUtf8(url), 'R', roomKey]);
    const pk = this.data.getBinary(['o', binaryFromUtf8(url), '#']);
    if (d === undefined) return null;
    const n = dictBinary(d, 'n');
    return { ...loadBase(d), baseUrl: url, room: n === undefined ? room : utf8FromBinary(n), pubkey: pk !== undefined && pk.length === 32 ? bytesFromBinary(pk) : new Uint8Array(0) };
  }

  /** The community, or a new entry with defaults (nothing is stored until `setCommunity`). */
  getOrConstructCommunity(baseUrl: string, room: string, pubkey: Uint8Array | string): CommunityInfo {
    const existing = this.getCommunity(baseUrl, room);
    const pk = communityPubkey(pubkey);
    if (existing !== null) return { ...existing, pubkey: pk };
    canonicalRoom(room);
    return { ...defaultBase(), baseUrl: canonicalCommunityUrl(baseUrl), room, pubkey: pk };
  }

  /** Writes every field of a community room, its case-preserved token and the server key. */
  setCommunity(c: CommunityInfo): boolean {
    const url = binaryFromUtf8(canonicalCommunityUrl(c.baseUrl));
    const roomKey = canonicalRoom(c.room);
    const pk = binaryFromBytes(communityPubkey(c.pubkey));
    checkBase(c);
    return this.edit((d) => {
      const path = ['o', url, 'R', roomKey];
      let changed = d.setBinary(['o', url, '#'], pk);
      changed = writeBase(d, path, c) || changed;
      changed = d.setBinary([...path, 'n'], binaryFromUtf8(c.room)) || changed;
      return changed;
    });
  }

  eraseCommunity(baseUrl: string, room: string): boolean {
    const url = binaryFromUtf8(canonicalCommunityUrl(baseUrl));
    const roomKey = canonicalRoom(room);
    return this.edit((d) => eraseRoom(d, url, roomKey));
  }

  /** Every community room (by URL, then room key). */
  communities(): CommunityInfo[] {
    return communityRooms(this.data).map((c) => {
      const n = dictBinary(c.dict, 'n');
      let room = c.roomKey;
      if (n !== undefined) {
        // The case-preserved token must still name the same room, or libsession skips the entry.
        try {
          if (canonicalRoom(utf8FromBinary(n)) === canonicalRoom(c.roomKey)) room = utf8FromBinary(n);
        } catch {
          /* keep the key */
        }
      }
      return { ...loadBase(c.dict), baseUrl: c.baseUrl, room, pubkey: c.pubkey };
    });
  }

  // --- legacy groups ---

  getLegacyGroup(sessionId: string): LegacyGroupInfo | null {
    const key = idKey(sessionId, '05');
    const d = this.data.getDict(['C', key]);
    return d === undefined ? null : loadLegacy(idFromKey(key), d);
  }

  getOrConstructLegacyGroup(sessionId: string): LegacyGroupInfo {
    const key = idKey(sessionId, '05');
    return (
      this.getLegacyGroup(sessionId) ?? {
        ...defaultBase(),
        sessionId: idFromKey(key),
        name: '',
        encPubkey: null,
        encSeckey: null,
        disappearingTimerSeconds: 0,
        members: new Map(),
      }
    );
  }

  /** Writes every field of a legacy group (name always stored, cut to 100 bytes). */
  setLegacyGroup(g: LegacyGroupInfo): boolean {
    const key = idKey(g.sessionId, '05');
    checkBase(g);
    checkInt(g.disappearingTimerSeconds, 'A timer');
    const members = new ConfigSet();
    const admins = new ConfigSet();
    for (const [id, admin] of g.members) (admin ? admins : members).add(idKey(id, '05'));
    const keys = g.encPubkey !== null && g.encSeckey !== null && g.encPubkey.length === 32 && g.encSeckey.length === 32;
    return this.edit((d) => {
      const path = ['C', key];
      let changed = writeBase(d, path, g);
      changed = d.setBinary([...path, 'n'], binaryPrefix(storedText(d, [...path, 'n'], g.name), MAX_NAME_BYTES)) || changed;
      changed = setPairIf(d, keys, [...path, 'k'], keys ? binaryFromBytes(g.encPubkey as Uint8Array) : '', [...path, 'K'], keys ? binaryFromBytes(g.encSeckey as Uint8Array) : '') || changed;
      changed = d.set([...path, 'm'], members) || changed;
      changed = d.set([...path, 'a'], admins) || changed;
      changed = setPositiveInt(d, [...path, 'E'], g.disappearingTimerSeconds) || changed;
      return changed;
    });
  }

  eraseLegacyGroup(sessionId: string): boolean {
    const key = idKey(sessionId, '05');
    return this.edit((d) => d.erase(['C', key]));
  }

  legacyGroups(): LegacyGroupInfo[] {
    const c = this.data.getDict(['C']);
    const out: LegacyGroupInfo[] = [];
    for (const key of this.data.keys(['C'])) {
      const v = c?.get(key);
      if (isIdKey(key, 0x05) && isDict(v)) out.push(loadLegacy(idFromKey(key), v));
    }
    return out;
  }

  // --- groups v2 ---

  getGroup(groupId: string): GroupInfo | null {
    const key = idKey(groupId, '03');
    const d = this.data.getDict(['g', key]);
    return d === undefined ? null : loadGroup(idFromKey(key), d);
  }

  getOrConstructGroup(groupId: string): GroupInfo {
    const key = idKey(groupId, '03');
    return this.getGroup(groupId) ?? { ...defaultBase(), groupId: idFromKey(key), name: '', secretKey: null, authData: null, removedStatus: 'not_removed' };
  }

  /**
   * Writes every field of a group v2 entry: `K` is the seed when `secretKey` belongs to this group,
   * else the empty string (always present) with `s` the auth data when it is 100 bytes.
   */
  setGroup(g: GroupInfo): boolean {
    const key = idKey(g.groupId, '03');
    checkBase(g);
    const status = REMOVED.indexOf(g.removedStatus);
    if (status < 0) throw new ProtocolError('invalid_argument', 'Unknown group removal status.');
    const pk = bytesFromBinary(key).subarray(1);
    const admin = g.secretKey !== null && g.secretKey.length === 64 && equalBytes(g.secretKey.subarray(32), pk);
    return this.edit((d) => {
      const path = ['g', key];
      let changed = writeBase(d, path, g);
      changed = setNonemptyBinary(d, [...path, 'n'], binaryPrefix(storedText(d, [...path, 'n'], g.name), MAX_NAME_BYTES)) || changed;
      changed = setPositiveInt(d, [...path, 'r'], status) || changed;
      if (admin) {
        changed = d.setBinary([...path, 'K'], binaryFromBytes((g.secretKey as Uint8Array).subarray(0, 32))) || changed;
      } else {
        changed = d.setBinary([...path, 'K'], '') || changed;
        if (g.authData !== null && g.authData.length === 100) changed = d.setBinary([...path, 's'], binaryFromBytes(g.authData)) || changed;
        else changed = d.erase([...path, 's']) || changed;
      }
      return changed;
    });
  }

  eraseGroup(groupId: string): boolean {
    const key = idKey(groupId, '03');
    return this.edit((d) => d.erase(['g', key]));
  }

  groups(): GroupInfo[] {
    const g = this.data.getDict(['g']);
    const out: GroupInfo[] = [];
    for (const key of this.data.keys(['g'])) {
      const v = g?.get(key);
      if (isIdKey(key, 0x03) && isDict(v)) out.push(loadGroup(idFromKey(key), v));
    }
    return out;
  }

  /** Number of entries `groups()`, `communities()` and `legacyGroups()` list. */
  get size(): number {
    return this.groups().length + this.communities().length + this.legacyGroups().length;
  }
}
