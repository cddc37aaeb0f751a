// One group's three config objects held together, the way libsession's Keys drives Info and
// Members: a keys message loaded hands the key list to both configs, an admin's rekey re-pushes
// them under the new key, a promotion gives all three the group's secret key. `mergeGroupSwarm` is
// the official clients' "meta merge" of one poll: keys first (each with its storage timestamp),
// then Info, then Members.
import type { Identity } from '../identity/keys';
import type { Result } from '../primitives/errors';
import type { ConfigMergeReport, RetrievedConfigMessage } from '../config/configBase';
import { GroupInfoConfig, GroupMembersConfig } from './groupConfigs';
import type { GroupAdminKeys, GroupPublicKeys } from './groupIdentity';
import { GroupKeys, type KeyMessageLoad, type RekeyResult } from './groupKeys';

/** Keys, Info and Members of one group. */
export interface GroupState {
  keys: GroupKeys;
  info: GroupInfoConfig;
  members: GroupMembersConfig;
}

/** Dumps of the three objects (any may be missing for a new group). */
export interface GroupDumps {
  keys?: Uint8Array | null;
  info?: Uint8Array | null;
  members?: Uint8Array | null;
}

/** Builds (or resumes from dumps) a group's state. Throws ProtocolError for bad dumps or keys that do not fit. */
export function createGroupState(a: { identity: Identity; group: GroupPublicKeys; admin?: GroupAdminKeys | null; dumps?: GroupDumps; swarmMerged?: boolean }): GroupState {
  const keys = new GroupKeys({ identity: a.identity, group: a.group, admin: a.admin ?? null, dump: a.dumps?.keys ?? null });
  const common = { identity: a.identity, group: a.group, admin: a.admin ?? null, keys: keys.keysNewestFirst(), swarmMerged: a.swarmMerged };
  return {
    keys,
    info: new GroupInfoConfig({ ...common, dump: a.dumps?.info ?? null }),
    members: new GroupMembersConfig({ ...common, dump: a.dumps?.members ?? null }),
  };
}

/** A retrieved ns-12 message with its swarm storage timestamp. */
export interface RetrievedKeysMessage {
  hash: string;
  data: Uint8Array;
  /** The message's storage timestamp (ms) as the swarm reports it. */
  timestampMs: number;
}

/** What one meta merge did. */
export interface GroupSwarmMerge {
  /** Each keys message's outcome, in the order given. */
  keys: Array<{ hash: string; result: Result<KeyMessageLoad> }>;
  /** True when a key was added (re-read what depends on the keys). */
  keysChanged: boolean;
  info: ConfigMergeReport;
  members: ConfigMergeReport;
}

const NOTHING: ConfigMergeReport = { accepted: [], rejected: [], pending: [], changed: false, merged: false };

/** Keys first, then Info, then Members (DESKTOP / libsession-util-nodejs metaMerge). Never throws for bad input. */
export function mergeGroupSwarm(
  s: GroupState,
  retrieved: { keys?: readonly RetrievedKeysMessage[]; info?: readonly RetrievedConfigMessage[]; members?: readonly RetrievedConfigMessage[] },
  nowMs: number,
): GroupSwarmMerge {
  const keys: GroupSwarmMerge['keys'] = [];
  let keysChanged = false;
  for (const m of retrieved.keys ?? []) {
    const result = s.keys.loadKeyMessage(m.hash, m.data, m.timestampMs);
    if (result.ok && result.value.found) keysChanged = true;
    keys.push({ hash: m.hash, result });
  }
  if (keysChanged) {
    s.info.setKeys(s.keys.keysNewestFirst());
    s.members.setKeys(s.keys.keysNewestFirst());
  }
  const info = retrieved.info && retrieved.info.length > 0 ? s.info.merge(retrieved.info, nowMs) : NOTHING;
  const members = retrieved.members && retrieved.members.length > 0 ? s.members.merge(retrieved.members, nowMs) : NOTHING;
  return { keys, keysChanged, info, members };
}

/**
 * Admin: a new key generation for `memberSessionIds` (every current member, admins included). Info
 * and Members take the new (pending) key and become due for a push: store the keys message, Info
 * and Members in one sequence, then load the keys message back when it is retrieved.
 */
export function rekeyGroup(s: GroupState, memberSessionIds: readonly string[]): RekeyResult {
  const r = s.keys.rekey(memberSessionIds);
  s.info.setKeys(s.keys.keysNewestFirst(), true);
  s.members.setKeys(s.keys.keysNewestFirst(), true);
  return r;
}

/** A member promoted to admin (the seed from GroupUpdatePromoteMessage): all three can sign from now on. */
export function promoteGroupState(s: GroupState, admin: GroupAdminKeys): void {
  s.keys.loadAdminKey(admin);
  s.info.loadAdminKey(admin);
  s.members.loadAdminKey(admin);
}

/**
 * Every swarm hash of the group's configs still in use (keys messages of kept generations, the Info
 * and Members messages held and their pending parts): what an admin's or member's poll extends the
 * expiry of so a quiet group never loses its configs.
 */
export function groupActiveHashes(s: GroupState, nowMs: number): string[] {
  return [...new Set([...s.keys.currentHashes(), ...s.info.activeHashes(nowMs), ...s.members.activeHashes(nowMs)])].sort();
}
