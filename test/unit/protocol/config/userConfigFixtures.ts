// Shared by the user-config tests: the oracle run's account, the setters each oracle step
// describes, and the typed fields rendered in the oracle's JSON shape.
import { identityFromEd25519Seed, type Identity } from '../../../../ts/protocol/identity/keys';
import type { ConfigBase, ConfigBaseOptions } from '../../../../ts/protocol/config/configBase';
import { UserProfile } from '../../../../ts/protocol/config/userProfile';
import { Contacts } from '../../../../ts/protocol/config/contacts';
import { ConvoInfoVolatile } from '../../../../ts/protocol/config/convoInfoVolatile';
import { UserGroups } from '../../../../ts/protocol/config/userGroups';
import { notifyModeToInt } from '../../../../ts/protocol/config/fields';
import { hex, loadJson, toHex } from '../helpers';

export type UserConfigType = 'UserProfile' | 'Contacts' | 'ConvoInfoVolatile' | 'UserGroups';
export const USER_CONFIG_TYPES: readonly UserConfigType[] = ['UserProfile', 'Contacts', 'ConvoInfoVolatile', 'UserGroups'];

export const SESSION_A = '05d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72';
export const SESSION_B = '05aa654f00fc39fc69fd0db829410ca38177d7732a8d2f0934ab3872ac56d5aa74';
export const SESSION_C = '054701d08488451f545a409fb58ae3e58581ca40ac3f7f114698cd71deac73ca01';
/** Key bytes 00 01 … 1f, used for every avatar of the oracle run. */
export const KEY_0_TO_31 = Uint8Array.from({ length: 32 }, (_, i) => i);
export const SUDOKU_URL = 'http://example.org:5678';
export const SUDOKU_PUBKEY = '0000111122223333444455556666777788889999aaaabbbbccccddddeeeeffff';
export const LEGACY_GROUP = '05' + '11'.repeat(32);
/** A clock for the oracle run: its ConvoInfoVolatile timestamps (year 2100) are then never pruned. */
export const ORACLE_NOW_MS = Date.UTC(2025, 0, 15);

export interface OraclePushJson {
  seqno: number;
  obsolete_hashes: string[];
  pushed_wrapped_hex: string;
  inner_config_ciphertext_hex: string;
  decrypted_padded_hex: string;
  zstd_compressed: boolean;
  plaintext_bt_hex: string;
}

export type OracleScenario = {
  user_ed25519_seed_hex: string;
  namespace: number;
  encryption_domain: string;
  step1_setup_description: string;
  step3_edit_instance1: string;
  step3_edit_instance2: string;
  step0_empty_push: OraclePushJson;
  step1_push: OraclePushJson;
  step1_fields: unknown;
  step1_dump_after_confirm_hex: string;
  step2_merge_accepted: string[];
  step2_fields_after_merge: unknown;
  step2_needs_push_after_merge: boolean;
  step2_dump_hex: string;
  step2b_merge_inner_ciphertext_accepted: string[];
  step3_instance1_push: OraclePushJson;
  step3_instance2_push: OraclePushJson;
  step4_instance1_merged: string[];
  step4_instance2_merged: string[];
  step4_instance1_needs_push: boolean;
  step4_instance2_needs_push: boolean;
  step4_instance1_push: OraclePushJson;
  step4_instance2_push: OraclePushJson;
  step4_instance1_fields: unknown;
  step4_instance2_fields: unknown;
  step4_instance1_dump_hex: string;
  step4_instance2_dump_hex: string;
};

const oracle = loadJson<{ config: Record<UserConfigType, OracleScenario> }>('vectors/oracle-vectors.json').config;

export function scenario(type: UserConfigType): OracleScenario {
  return oracle[type];
}

export function oracleIdentity(): Identity {
  return identityFromEd25519Seed(hex(scenario('UserProfile').user_ed25519_seed_hex));
}

/** A new config of `type` for the oracle account (allowed to push: these tests play a merged device). */
export function makeConfig(type: UserConfigType, opts: Partial<ConfigBaseOptions> = {}): ConfigBase {
  const o: ConfigBaseOptions = { identity: oracleIdentity(), swarmMerged: true, ...opts };
  switch (type) {
    case 'UserProfile':
      return new UserProfile(o);
    case 'Contacts':
      return new Contacts(o);
    case 'ConvoInfoVolatile':
      return new ConvoInfoVolatile(o);
    case 'UserGroups':
      return new UserGroups(o);
  }
}

/** step1_setup_description, through the typed setters. */
export function applySetup(type: UserConfigType, c: ConfigBase, nowMs = ORACLE_NOW_MS): void {
  if (c instanceof UserProfile) {
    c.setName('Alice');
    c.setProfilePic({ url: 'http://example.org/alice.png', key: KEY_0_TO_31 });
    c.setNtsPriority(1);
  } else if (c instanceof Contacts) {
    c.setName(SESSION_B, 'Bob');
    c.setNickname(SESSION_B, 'Bobby');
    c.setApproved(SESSION_B, true);
    c.setApprovedMe(SESSION_B, true);
    c.setPriority(SESSION_B, 1);
    c.setCreated(SESSION_B, 1700000000);
    c.setProfilePic(SESSION_B, { url: 'http://example.org/bob.png', key: KEY_0_TO_31 });
    c.setName(SESSION_C, 'Carol');
    c.setNickname(SESSION_C, 'Caz');
    c.setBlocked(SESSION_C, true);
    c.setCreated(SESSION_C, 1700000001);
  } else if (c instanceof ConvoInfoVolatile) {
    c.set1to1(SESSION_B, { lastRead: 4102444800000, unread: false }, nowMs);
    c.setCommunity(SUDOKU_URL, 'SudokuRoom', SUDOKU_PUBKEY, { lastRead: 4102444800001, unread: true }, nowMs);
  } else if (c instanceof UserGroups) {
    const comm = c.getOrConstructCommunity(SUDOKU_URL, 'SudokuRoom', SUDOKU_PUBKEY);
    comm.priority = 2;
    comm.joinedAt = 1700000000;
    c.setCommunity(comm);
    const g = c.getOrConstructLegacyGroup(LEGACY_GROUP);
    g.name = 'Legacy Group';
    g.encPubkey = new Uint8Array(32).fill(0x22);
    g.encSeckey = new Uint8Array(32).fill(0x33);
    g.members.set(SESSION_A, true);
    g.members.set(SESSION_B, false);
    g.disappearingTimerSeconds = 3600;
    g.joinedAt = 1700000001;
    g.priority = 1;
    c.setLegacyGroup(g);
  } else {
    throw new Error(`no setup for ${type}`);
  }
}

/** step3_edit_instance1 / step3_edit_instance2. */
export function applyEdit(c: ConfigBase, instance: 1 | 2, nowMs = ORACLE_NOW_MS): void {
  if (c instanceof UserProfile) {
    if (instance === 1) c.setName('Alice Cooper');
    else c.setNtsExpiry(86400);
  } else if (c instanceof Contacts) {
    if (instance === 1) c.setNickname(SESSION_B, 'Bobster');
    else {
      c.setBlocked(SESSION_C, false);
      c.setApproved(SESSION_C, true);
    }
  } else if (c instanceof ConvoInfoVolatile) {
    if (instance === 1) c.set1to1(SESSION_B, { ...(c.get1to1(SESSION_B) ?? { unread: false }), lastRead: 4102444805000 }, nowMs);
    else c.set1to1(SESSION_C, { lastRead: 4102444807000, unread: true }, nowMs);
  } else if (c instanceof UserGroups) {
    if (instance === 1) {
      const comm = c.getCommunity(SUDOKU_URL, 'sudokuroom');
      if (comm === null) throw new Error('community missing');
      c.setCommunity({ ...comm, priority: 3 });
    } else {
      const g = c.getLegacyGroup(LEGACY_GROUP);
      if (g === null) throw new Error('legacy group missing');
      c.setLegacyGroup({ ...g, name: 'Legacy Renamed' });
    }
  }
}

/** The typed fields in the oracle's JSON shape. */
export function fieldsJson(c: ConfigBase): unknown {
  if (c instanceof UserProfile) {
    const pic = c.profilePic;
    return {
      name: c.name,
      pic_url: pic?.url ?? '',
      pic_key_hex: pic ? toHex(pic.key) : '',
      nts_priority: c.ntsPriority,
      nts_expiry_s: c.ntsExpirySeconds,
      blinded_msgreqs: c.blindedMessageRequests,
    };
  }
  if (c instanceof Contacts) {
    return {
      contacts: c.all().map((x) => ({
        session_id: x.sessionId,
        name: x.name,
        nickname: x.nickname,
        pic_url: x.profilePic?.url ?? '',
        pic_key_hex: x.profilePic ? toHex(x.profilePic.key) : '',
        approved: x.approved,
        approved_me: x.approvedMe,
        blocked: x.blocked,
        priority: x.priority,
        notifications: notifyModeToInt(x.notifications),
        mute_until: x.muteUntil,
        exp_mode: ['none', 'after_send', 'after_read'].indexOf(x.expirationMode),
        exp_timer_s: x.expirationTimerSeconds,
        created: x.created,
      })),
    };
  }
  if (c instanceof ConvoInfoVolatile) {
    return {
      convos: c.all().map((x) => {
        switch (x.type) {
          case 'one_to_one':
            return { type: x.type, session_id: x.sessionId, last_read: x.lastRead, unread: x.unread };
          case 'community':
            return { type: x.type, base_url: x.baseUrl, room: x.room, pubkey_hex: toHex(x.pubkey), last_read: x.lastRead, unread: x.unread };
          default:
            return { type: x.type, group_id: x.groupId, last_read: x.lastRead, unread: x.unread };
        }
      }),
    };
  }
  if (c instanceof UserGroups) {
    const base = (g: { priority: number; joinedAt: number; notifications: Parameters<typeof notifyModeToInt>[0]; muteUntil: number }): Record<string, number> => ({
      priority: g.priority,
      joined_at: g.joinedAt,
      notifications: notifyModeToInt(g.notifications),
      mute_until: g.muteUntil,
    });
    return {
      groups: [
        ...c.groups().map((g) => ({ type: 'group', id: g.groupId, name: g.name, ...base(g) })),
        ...c.communities().map((g) => ({ type: 'community', base_url: g.baseUrl, room: g.room, pubkey_hex: toHex(g.pubkey), ...base(g) })),
        ...c.legacyGroups().map((g) => ({
          type: 'legacy_group',
          session_id: g.sessionId,
          name: g.name,
          enc_pubkey_hex: g.encPubkey ? toHex(g.encPubkey) : '',
          enc_seckey_hex: g.encSeckey ? toHex(g.encSeckey) : '',
          disappearing_timer_s: g.disappearingTimerSeconds,
          members_admin: Object.fromEntries(g.members),
          ...base(g),
        })),
      ],
    };
  }
  throw new Error('unknown config');
}
