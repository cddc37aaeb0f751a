// Groups v2, admin side (spec advanced.md C.3–C.5, C.7–C.11 "full parity"; the official desktop's metaGroups
// thunks and its GroupInvite / GroupPendingRemovals / GroupSync jobs): creating a group, inviting (and resending),
// promoting, removing with a rekey + kicked notice + revoke (+ deleting their messages), renaming, description,
// picture, disappearing timer, destroying; and what an admin does after each poll of its group: accepting its own
// promotion, clearing `I` on invite responses, removing members who left, running pending removals and rekeying
// again after a concurrent rekey (`needsRekey`).
//
// Every change to the group's swarm is one signed `sequence` as the official GroupSync push: supplement keys, the
// pending keys message, Info, Members, the kicked notice, group messages, then the delete of replaced config
// hashes and the (un)revokes. Each admin operation runs in the groups service's serial chain (never at the same
// time as a poll of ours), saves the dumps after each push, and ends with a poll of the group so its own keys
// message is loaded back with its swarm timestamp and its control messages show in the timeline.
// The group seed and keys are never logged.
import type { ConversationSummary, ExpirationMode, GroupMemberView } from '../../ipc/contract';
import { IpcError } from '../../ipc/errors';
import { NetworkError } from '../../network';
import {
  GroupInfoChangeType,
  GroupMemberChangeType,
  ProtocolError,
  SubaccountFlag,
  buildDeleteMemberContent,
  buildGroupInvite,
  buildGroupPromote,
  buildInfoChange,
  buildMemberChange,
  createGroupState,
  encode1o1Message,
  equalBytes,
  generateGroupKeys,
  makeKickedNotice,
  rekeyGroup,
  type ContentProps,
  type GroupAdminKeys,
  type GroupPublicKeys,
  type GroupState,
  type Identity,
  type ProfilePic,
  type RpcSigner,
} from '../../protocol';
import type { Logger } from '../log';
import type { EngineNetwork } from './engineNetwork';

/** A group's keys and configs in memory with its public keys (as the groups service holds them). */
export interface LiveGroup extends GroupState {
  pub: GroupPublicKeys;
}

/** Config messages (keys, Info, Members, the kicked notice) live 30 days; polls extend the live ones. */
export const GROUP_CONFIG_TTL_MS = 30 * 24 * 3600 * 1000;
/** Group messages and 1:1 invitations live as long as other messages (14 days). */
export const GROUP_MESSAGE_TTL_MS = 14 * 24 * 3600 * 1000;
/** How many invitations / promotions are sent at once. */
const SEND_CONCURRENCY = 4;
const NS_MESSAGES = 11;
const NS_KEYS = 12;
const NS_INFO = 13;
const NS_MEMBERS = 14;
const NS_KICKED = -11;

/** What the groups service lends the admin side (ts/backend/services/groups.ts). */
export interface GroupCore {
  requireIdentity(): Identity;
  network(): EngineNetwork | undefined;
  /** The group's state here (undefined: not a group we know). */
  stateOf(gid: string): 'invited' | 'joined' | 'kicked' | 'destroyed' | undefined;
  /** The group's live state (admin keys loaded when UserGroups holds its seed). */
  liveOf(gid: string): LiveGroup;
  /** The group's admin keys when we hold its seed (UserGroups `K`), loading them into the live state. */
  adminKeys(gid: string): GroupAdminKeys | undefined;
  /** A new group: its row, the UserGroups entry with the seed, the conversation and the live state, in one transaction. */
  adopt(gid: string, live: LiveGroup, a: { name: string; secretKey: Uint8Array; now: number }): void;
  /** Forgets a group we failed to create (row, UserGroups entry, dumps, conversation). */
  discard(gid: string): void;
  /** Saves the dumps and the cached columns (name, members, …) of the group. */
  commit(gid: string): void;
  /** One poll of the group (inside the serial chain). */
  poll(gid: string): Promise<number>;
  /** Runs `fn` in the service's serial chain (after any poll in progress, before the next). */
  serial<T>(fn: () => Promise<T>): Promise<T>;
  emit(ids: readonly string[]): void;
  summary(gid: string): ConversationSummary;
  members(gid: string): GroupMemberView[];
  /** Encrypts Content as a group message from us (C.6), with the pending key after a rekey. */
  encode(gid: string, content: ContentProps, timestampMs: number): Uint8Array;
  /** A sent timestamp (network time), strictly after every one handed out before. */
  sentAt(): number;
  /** The group is gone for us (kicked / destroyed): no more polling. */
  endGroup(gid: string, state: 'kicked' | 'destroyed'): void;
  /** Our own messages' ids of these senders in the group, sent up to `atMost`, deleted here. */
  deleteLocalMessagesOf(gid: string, senders: readonly string[], atMost: number): void;
  /** A member's name as we know it (their profile name), and their picture pointer. */
  profileOf(sessionId: string): { name?: string; picture?: ProfilePic | null };
  /** Our own display name. */
  ownName(): string;
  /** Our own picture pointer (null: none), for our Members entry as the official app writes it. */
  ownPicture?(): ProfilePic | null;
  /** Encrypts and uploads a staged picture (purpose 'avatar'); the pointer for Info p/q. */
  uploadPicture?(stageId: string): Promise<ProfilePic>;
  /** Writes the group's name into its UserGroups entry (linked devices show it until they poll). */
  setUserGroupName(gid: string, name: string): void;
  randomBytes(n: number): Uint8Array;
  log: Logger;
}

export interface GroupAdmin {
  create(a: { name: string; description?: string; members: readonly string[] }): Promise<ConversationSummary>;
  invite(gid: string, members: readonly string[], shareHistory: boolean): Promise<GroupMemberView[]>;
  remove(gid: string, members: readonly string[], deleteMessages: boolean): Promise<GroupMemberView[]>;
  promote(gid: string, members: readonly string[]): Promise<GroupMemberView[]>;
  update(gid: string, a: { name?: string; description?: string }): Promise<ConversationSummary>;
  setAvatar(gid: string, stageId: string | null): Promise<ConversationSummary>;
  setExpiration(gid: string, mode: ExpirationMode, seconds: number): Promise<ConversationSummary>;
  /**
   * The group's picture, uploaded again under the same key before the file server forgets it: Info `p` is
   * changed (and pushed, without a control message: the picture is the same) only when the URL changed.
   * False when the picture changed meanwhile or we are no longer an admin.
   */
  renewPicture(gid: string, oldUrl: string, pic: ProfilePic): Promise<boolean>;
  destroy(gid: string): Promise<{ id: string; deleted: true }>;
  /**
   * After a poll merged the group (inside the serial chain): admins accept their own promotion, clear `I` of
   * members who accepted, remove members who left, run pending removals and rekey after concurrent rekeys.
   * `events`: the group's new messages' GroupUpdates (sender and kind). True when the group changed.
   */
  afterPoll(gid: string, events: readonly AdminEvent[]): Promise<boolean>;
  /** An invitation or promotion to `member` is being sent by this process right now. */
  sending(gid: string, member: string): boolean;
}

/** A GroupUpdate from the group's new messages an admin acts on. */
export type AdminEvent = { kind: 'invite-accepted' | 'left'; sender: string; timestampMs: number };

const short = (id: string): string => `${id.slice(0, 10)}…`;

const describe = (err: unknown): string =>
  err instanceof NetworkError
    ? `${err.kind}${err.detail ? `: ${err.detail}` : ''}`
    : err instanceof Error
      ? err.message
      : String(err);

/** A network failure as the error the user sees; anything else is rethrown as it is. */
function networkFailure(err: unknown, message: string): never {
  if (err instanceof IpcError) throw err;
  if (err instanceof NetworkError) throw new IpcError('network', message, describe(err));
  throw err;
}

function adminSigner(admin: GroupAdminKeys): RpcSigner {
  return {
    pubkey: admin.groupId,
    ed25519: { publicKey: admin.ed25519PublicKey, secretKey: admin.ed25519SecretKey },
  };
}

/** Runs `fn` over `items` with at most `n` at once; results in order. */
async function pool<T, R>(items: readonly T[], n: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
}

export function createGroupAdmin(core: GroupCore): GroupAdmin {
  const log = core.log;
  /** `${gid}|${member}` of the invitations and promotions this process is sending now (from `I`/`P` = 3 to sent or failed). */
  const inFlight = new Set<string>();
  /** Marks `ids` as being sent while `fn` runs. */
  const whileSending = async <T>(gid: string, ids: readonly string[], fn: () => Promise<T>): Promise<T> => {
    const keys = ids.map((id) => `${gid}|${id}`);
    for (const k of keys) inFlight.add(k);
    try {
      return await fn();
    } finally {
      for (const k of keys) inFlight.delete(k);
    }
  };
  /** The pending keys message already stored, per group, so a second push before it is loaded back does not store it again. */
  const pendingStored = new Map<string, Uint8Array>();

  const requireNetwork = (): EngineNetwork & Required<Pick<EngineNetwork, 'storeConfig'>> => {
    const n = core.network();
    if (!n?.storeConfig)
      throw new IpcError('unavailable', 'The network is not running yet. Please try again.');
    return n as EngineNetwork & Required<Pick<EngineNetwork, 'storeConfig'>>;
  };

  const requireAdmin = (gid: string): { admin: GroupAdminKeys; l: LiveGroup } => {
    const state = core.stateOf(gid);
    if (state === 'destroyed') throw new IpcError('invalid_params', 'This group was deleted.');
    if (state === 'kicked') throw new IpcError('invalid_params', 'You were removed from this group.');
    if (state === 'invited') throw new IpcError('invalid_params', 'Accept the group invitation first.');
    const l = core.liveOf(gid);
    const admin = core.adminKeys(gid);
    if (!admin) throw new IpcError('forbidden', 'Only the group’s admins can do this.');
    return { admin, l };
  };

  const controlMessage = (gid: string, update: (t: number) => ContentProps['dataMessage']): Uint8Array => {
    const t = core.sentAt();
    return core.encode(gid, { dataMessage: update(t) }, t);
  };

  interface PushExtra {
    supplement?: Uint8Array;
    kicked?: Uint8Array;
    messages?: readonly Uint8Array[];
    revoke?: readonly Uint8Array[];
    unrevoke?: readonly Uint8Array[];
  }

  /**
   * One signed sequence to the group's swarm (the official GroupSync push): supplement, the pending keys
   * message, Info, Members, the kicked notice, group messages, the delete of replaced hashes, (un)revokes.
   * Confirms the config pushes and saves the dumps; returns the stored hashes of `extra.messages`.
   */
  const push = async (gid: string, admin: GroupAdminKeys, extra: PushExtra = {}): Promise<string[]> => {
    const net = requireNetwork();
    const l = core.liveOf(gid);
    const now = net.networkNow();
    const stores: { namespace: number; data: Uint8Array; ttlMs: number }[] = [];
    if (extra.supplement)
      stores.push({ namespace: NS_KEYS, data: extra.supplement, ttlMs: GROUP_CONFIG_TTL_MS });
    // The pending key stays pending until a poll loads its message back (with the swarm's timestamp, as every member does).
    const pending = l.keys.pendingMessage();
    const stored = pendingStored.get(gid);
    if (pending && !(stored && equalBytes(stored, pending)))
      stores.push({ namespace: NS_KEYS, data: pending, ttlMs: GROUP_CONFIG_TTL_MS });
    const configPushes: {
      cfg: GroupState['info'] | GroupState['members'];
      seqno: number;
      at: number;
      count: number;
      obsolete: string[];
    }[] = [];
    for (const [ns, cfg] of [
      [NS_INFO, l.info],
      [NS_MEMBERS, l.members],
    ] as const) {
      if (!cfg.needsPush) continue;
      if (!cfg.hasMergedSwarm) cfg.markSwarmMerged();
      const p = cfg.push(now);
      configPushes.push({
        cfg,
        seqno: p.seqno,
        at: stores.length,
        count: p.messages.length,
        obsolete: p.obsoleteHashes,
      });
      for (const data of p.messages) stores.push({ namespace: ns, data, ttlMs: GROUP_CONFIG_TTL_MS });
    }
    if (extra.kicked) stores.push({ namespace: NS_KICKED, data: extra.kicked, ttlMs: GROUP_CONFIG_TTL_MS });
    const messagesAt = stores.length;
    for (const data of extra.messages ?? [])
      stores.push({ namespace: NS_MESSAGES, data, ttlMs: GROUP_MESSAGE_TTL_MS });
    if (stores.length === 0) return [];
    const obsolete = [...new Set(configPushes.flatMap((p) => p.obsolete))];
    const r = await net.storeConfig(adminSigner(admin), stores, obsolete, {
      ...(extra.revoke && extra.revoke.length > 0 ? { revoke: extra.revoke } : {}),
      ...(extra.unrevoke && extra.unrevoke.length > 0 ? { unrevoke: extra.unrevoke } : {}),
    });
    if (pending) pendingStored.set(gid, pending);
    for (const p of configPushes) p.cfg.confirmPushed(p.seqno, r.hashes.slice(p.at, p.at + p.count));
    core.commit(gid);
    return r.hashes.slice(messagesAt, messagesAt + (extra.messages?.length ?? 0));
  };

  /** Every member of the Members config (admins included): who a rekey is for. */
  const memberIds = (l: LiveGroup): string[] => l.members.members().map((m) => m.sessionId);

  const rekey = (gid: string, l: LiveGroup): void => {
    rekeyGroup(l, memberIds(l));
    pendingStored.delete(gid);
  };

  /** A 1:1 message to a member (namespace 0 of their swarm), one try: true when stored. */
  const sendOneToOne = async (member: string, content: (t: number) => ContentProps): Promise<boolean> => {
    const net = core.network();
    if (!net) return false;
    const t = core.sentAt();
    try {
      const out = encode1o1Message({
        sender: core.requireIdentity(),
        recipient: member,
        content: content(t),
        timestampMs: t,
        random: (n) => core.randomBytes(n),
      });
      await net.storeMessage(member, 0, out.wrapper, GROUP_MESSAGE_TTL_MS);
      return true;
    } catch (err) {
      log.warn(`groups: a group message to ${short(member)} failed (${describe(err)})`);
      return false;
    }
  };

  /**
   * The invite job (official GroupInviteJob) for `ids`, already in Members with `I` = 3: supplements for those
   * marked `s`, unrevoke their tokens, push, send each invitation 1:1, then `I` = 1 (sent) or 2 (failed), pushed.
   */
  const inviteJob = async (
    gid: string,
    admin: GroupAdminKeys,
    ids: readonly string[],
    o: { unrevoke: boolean },
  ): Promise<void> => {
    if (ids.length === 0) return;
    const l = core.liveOf(gid);
    const withHistory = ids.filter((id) => l.members.get(id)?.supplement === true);
    const supplement =
      withHistory.length > 0 && l.keys.keysOldestFirst().length > 0
        ? l.keys.keySupplement(withHistory)
        : undefined;
    const tokens = o.unrevoke ? ids.map((id) => l.keys.subaccountToken(id)) : [];
    await push(gid, admin, { ...(supplement ? { supplement } : {}), unrevoke: tokens });
    const name = l.info.name ?? '';
    const sent = await pool(ids, SEND_CONCURRENCY, (member) =>
      sendOneToOne(member, (t) => ({
        dataMessage: {
          groupUpdateMessage: buildGroupInvite({
            admin,
            inviteeSessionId: member,
            name,
            authData: l.keys.makeSubaccount(member, SubaccountFlag.read | SubaccountFlag.write),
            timestampMs: t,
          }),
        },
      })),
    );
    ids.forEach((id, i) => l.members.setInviteSent(id, !sent[i]));
    const failed = ids.filter((_, i) => !sent[i]).length;
    log.info(`groups: ${short(gid)}: ${ids.length - failed} invitation(s) sent, ${failed} failed`);
    try {
      await push(gid, admin);
    } catch (err) {
      // The statuses are saved; they go out with the next push.
      core.commit(gid);
      log.warn(`groups: ${short(gid)}: pushing the invitation statuses failed (${describe(err)})`);
    }
  };

  /**
   * The pending-removals job (official GroupPendingRemovalsJob): for every member marked `R`, one sequence with
   * the kicked notice (ns −11), an admin-signed DeleteMemberContent for those marked 2, and the revoke of their
   * tokens; then they are erased from Members and the group is rekeyed (C.5) and pushed.
   */
  const runPendingRemovals = async (gid: string, admin: GroupAdminKeys): Promise<void> => {
    const l = core.liveOf(gid);
    const me = core.requireIdentity().sessionId;
    const pending = l.members.members().filter((m) => m.removedStatus > 0 && m.sessionId !== me);
    if (pending.length === 0) return;
    const ids = pending.map((m) => m.sessionId);
    const withMessages = pending.filter((m) => m.removedStatus === 2).map((m) => m.sessionId);
    const kicked = makeKickedNotice({
      admin,
      removedSessionIds: ids,
      generation: l.keys.currentGeneration,
      random: (n) => core.randomBytes(n),
    });
    let deleteAt = 0;
    const messages: Uint8Array[] = [];
    if (withMessages.length > 0) {
      messages.push(
        controlMessage(gid, (t) => {
          deleteAt = t;
          return {
            groupUpdateMessage: buildDeleteMemberContent({
              admin,
              memberSessionIds: withMessages,
              messageHashes: [],
              timestampMs: t,
            }),
          };
        }),
      );
    }
    // The revoke carries at most 50 tokens: larger removals revoke in several sequences.
    for (let i = 0; i < ids.length; i += 50) {
      const part = ids.slice(i, i + 50);
      const tokens = part.map((id) => l.keys.subaccountToken(id));
      if (i === 0) await push(gid, admin, { kicked, messages, revoke: tokens });
      else
        await push(gid, admin, {
          kicked: makeKickedNotice({
            admin,
            removedSessionIds: part,
            generation: l.keys.currentGeneration,
            random: (n) => core.randomBytes(n),
          }),
          revoke: tokens,
        });
    }
    for (const id of ids) l.members.erase(id);
    rekey(gid, l);
    await push(gid, admin);
    if (withMessages.length > 0) core.deleteLocalMessagesOf(gid, withMessages, deleteAt);
    log.info(`groups: ${short(gid)}: ${ids.length} member(s) removed; the group was rekeyed`);
  };

  /** Ends each admin operation: load our keys message back, show our control messages, tell the UI. */
  const settle = async (gid: string): Promise<void> => {
    try {
      await core.poll(gid);
    } catch (err) {
      log.warn(`groups: ${short(gid)}: poll after a change failed (${describe(err)})`);
    }
    core.emit([gid]);
  };

  const checkMembers = (ids: readonly string[]): string[] => {
    const me = core.requireIdentity().sessionId;
    const out = [...new Set(ids.map((x) => x.trim().toLowerCase()))];
    for (const id of out) {
      if (!/^05[0-9a-f]{64}$/.test(id))
        throw new IpcError('invalid_params', 'Enter a valid Session ID (66 characters starting with 05).');
      if (id === me) throw new IpcError('invalid_params', 'You are already in this group.');
    }
    return out;
  };

  const self: GroupAdmin = {
    async create(a) {
      const identity = core.requireIdentity();
      const invitees = checkMembers(a.members);
      if (invitees.length > 99) throw new IpcError('invalid_params', 'A group has at most 100 members.');
      const net = requireNetwork();
      return core.serial(async () => {
        const admin = generateGroupKeys((n) => core.randomBytes(n));
        const gid = admin.groupId;
        return whileSending(gid, invitees, async () => {
          const state = createGroupState({ identity, group: admin, admin, swarmMerged: true });
          const l: LiveGroup = { ...state, pub: admin };
          const nowMs = net.networkNow();
          l.info.setName(a.name);
          l.info.setCreated(Math.floor(nowMs / 1000));
          if (a.description !== undefined && a.description !== '') l.info.setDescription(a.description);
          const base = {
            picture: null,
            admin: false,
            inviteStatus: 0,
            promotionStatus: 0,
            removedStatus: 0,
            supplement: false,
          };
          l.members.setMember({
            ...base,
            sessionId: identity.sessionId,
            name: core.ownName(),
            picture: core.ownPicture?.() ?? null,
            admin: true,
          });
          l.members.setPromotion(identity.sessionId, 'accepted');
          for (const id of invitees) {
            const p = core.profileOf(id);
            l.members.setMember({
              ...base,
              sessionId: id,
              name: p.name ?? '',
              picture: p.picture ?? null,
              inviteStatus: 3,
            });
          }
          rekey(gid, l);
          core.adopt(gid, l, { name: a.name, secretKey: admin.ed25519SecretKey, now: nowMs });
          log.info(`groups: created ${short(gid)} with ${invitees.length} invitee(s)`);
          try {
            const added =
              invitees.length > 0
                ? [
                    controlMessage(gid, (t) => ({
                      groupUpdateMessage: buildMemberChange({
                        admin,
                        type: GroupMemberChangeType.added,
                        memberSessionIds: invitees,
                        timestampMs: t,
                      }),
                    })),
                  ]
                : [];
            await push(gid, admin, { messages: added });
          } catch (err) {
            log.warn(`groups: creating ${short(gid)} failed (${describe(err)}); it is discarded`);
            pendingStored.delete(gid);
            core.discard(gid);
            networkFailure(err, 'Could not create the group. Check your connection and try again.');
          }
          await inviteJob(gid, admin, invitees, { unrevoke: false });
          await settle(gid);
          return core.summary(gid);
        });
      });
    },

    async invite(gid, members, shareHistory) {
      const ids = checkMembers(members);
      return core.serial(() =>
        whileSending(gid, ids, async () => {
          const { admin, l } = requireAdmin(gid);
          const fresh: string[] = [];
          const resend: string[] = [];
          for (const id of ids) {
            const m = l.members.get(id);
            if (m === null || m.removedStatus > 0) fresh.push(id);
            else if (m.admin && m.promotionStatus === 0)
              throw new IpcError('invalid_params', 'This member is already an admin of the group.');
            else if (!m.admin && m.inviteStatus === 0)
              throw new IpcError('invalid_params', 'This member has already joined the group.');
            else resend.push(id);
          }
          if (l.members.size + fresh.filter((id) => l.members.get(id) === null).length > 100)
            throw new IpcError('invalid_params', 'A group has at most 100 members.');
          const base = { picture: null, admin: false, inviteStatus: 3, promotionStatus: 0, removedStatus: 0 };
          for (const id of fresh) {
            const p = core.profileOf(id);
            l.members.setMember({
              ...base,
              sessionId: id,
              name: p.name ?? '',
              picture: p.picture ?? null,
              supplement: shareHistory,
            });
          }
          for (const id of resend) {
            const m = l.members.get(id);
            if (m?.admin) l.members.setPromotion(id, 'not_sent');
            else if (m) l.members.setMember({ ...m, inviteStatus: 3 });
          }
          try {
            if (fresh.length > 0) {
              // Supplements for members invited with history go out first; the official app then always rekeys
              // when adding members (a re-invited member who thinks itself kicked must get a new generation).
              const supplement =
                shareHistory && l.keys.keysOldestFirst().length > 0 ? l.keys.keySupplement(fresh) : undefined;
              rekey(gid, l);
              const msg = controlMessage(gid, (t) => ({
                groupUpdateMessage: buildMemberChange({
                  admin,
                  type: GroupMemberChangeType.added,
                  memberSessionIds: fresh,
                  ...(shareHistory ? { historyShared: true } : {}),
                  timestampMs: t,
                }),
              }));
              await push(gid, admin, {
                ...(supplement ? { supplement } : {}),
                messages: [msg],
                unrevoke: fresh.map((id) => l.keys.subaccountToken(id)),
              });
            }
          } catch (err) {
            for (const id of fresh) l.members.setInviteSent(id, true);
            core.commit(gid);
            networkFailure(err, 'Could not update the group. Check your connection and try again.');
          }
          const promoteAgain = resend.filter((id) => l.members.get(id)?.admin === true);
          await inviteJob(gid, admin, [...fresh, ...resend.filter((id) => !promoteAgain.includes(id))], {
            unrevoke: true,
          });
          if (promoteAgain.length > 0) await promoteJob(gid, admin, promoteAgain);
          await settle(gid);
          return core.members(gid);
        }),
      );
    },

    async remove(gid, members, deleteMessages) {
      const ids = [...new Set(members.map((x) => x.trim().toLowerCase()))];
      const me = core.requireIdentity().sessionId;
      if (ids.includes(me))
        throw new IpcError('invalid_params', 'You cannot remove yourself; leave the group instead.');
      return core.serial(async () => {
        const { admin, l } = requireAdmin(gid);
        for (const id of ids) {
          const m = l.members.get(id);
          if (m === null) throw new IpcError('not_found', 'This person is not a member of the group.');
          // As in the official app, an admin (promoted or being promoted) cannot be removed by another admin.
          if (m.admin) throw new IpcError('invalid_params', 'Admins cannot be removed from a group.');
        }
        for (const id of ids) l.members.setRemoved(id, deleteMessages);
        try {
          const msg = controlMessage(gid, (t) => ({
            groupUpdateMessage: buildMemberChange({
              admin,
              type: GroupMemberChangeType.removed,
              memberSessionIds: ids,
              timestampMs: t,
            }),
          }));
          await push(gid, admin, { messages: [msg] });
          await runPendingRemovals(gid, admin);
        } catch (err) {
          core.commit(gid);
          networkFailure(err, 'Could not remove the member. Check your connection and try again.');
        }
        await settle(gid);
        return core.members(gid);
      });
    },

    async promote(gid, members) {
      const ids = checkMembers(members);
      return core.serial(() =>
        whileSending(gid, ids, async () => {
          const { admin, l } = requireAdmin(gid);
          for (const id of ids) {
            const m = l.members.get(id);
            if (m === null || m.removedStatus > 0)
              throw new IpcError('not_found', 'This person is not a member of the group.');
          }
          for (const id of ids) l.members.setPromotion(id, 'not_sent');
          try {
            const msg = controlMessage(gid, (t) => ({
              groupUpdateMessage: buildMemberChange({
                admin,
                type: GroupMemberChangeType.promoted,
                memberSessionIds: ids,
                timestampMs: t,
              }),
            }));
            await push(gid, admin, { messages: [msg] });
          } catch (err) {
            for (const id of ids) l.members.setPromotion(id, 'failed');
            core.commit(gid);
            networkFailure(err, 'Could not promote the member. Check your connection and try again.');
          }
          await promoteJob(gid, admin, ids);
          await settle(gid);
          return core.members(gid);
        }),
      );
    },

    async update(gid, a) {
      return core.serial(async () => {
        const { admin, l } = requireAdmin(gid);
        const messages: Uint8Array[] = [];
        try {
          if (a.name !== undefined && a.name !== (l.info.name ?? '')) {
            l.info.setName(a.name);
            core.setUserGroupName(gid, a.name);
            messages.push(
              controlMessage(gid, (t) => ({
                groupUpdateMessage: buildInfoChange({
                  admin,
                  type: GroupInfoChangeType.name,
                  updatedName: a.name,
                  timestampMs: t,
                }),
              })),
            );
          }
          if (a.description !== undefined) l.info.setDescription(a.description === '' ? null : a.description);
        } catch (err) {
          if (err instanceof ProtocolError) throw new IpcError('invalid_params', err.message);
          throw err;
        }
        try {
          await push(gid, admin, { messages });
        } catch (err) {
          core.commit(gid);
          networkFailure(err, 'Could not update the group. Check your connection and try again.');
        }
        await settle(gid);
        return core.summary(gid);
      });
    },

    async setAvatar(gid, stageId) {
      requireAdmin(gid);
      // Upload first (outside the chain: it may take a while); the pointer is set in the chain.
      let pic: ProfilePic | null = null;
      if (stageId !== null) {
        if (!core.uploadPicture)
          throw new IpcError('unavailable', 'Pictures cannot be uploaded while the network is not running.');
        try {
          pic = await core.uploadPicture(stageId);
        } catch (err) {
          networkFailure(err, 'Could not upload the picture. Check your connection and try again.');
        }
      }
      return core.serial(async () => {
        const { admin, l } = requireAdmin(gid);
        l.info.setPicture(pic);
        try {
          const msg = controlMessage(gid, (t) => ({
            groupUpdateMessage: buildInfoChange({ admin, type: GroupInfoChangeType.avatar, timestampMs: t }),
          }));
          await push(gid, admin, { messages: [msg] });
        } catch (err) {
          core.commit(gid);
          networkFailure(err, 'Could not update the group. Check your connection and try again.');
        }
        await settle(gid);
        return core.summary(gid);
      });
    },

    async setExpiration(gid, mode, seconds) {
      if (mode === 'after-read')
        throw new IpcError('invalid_params', 'In groups, messages can only disappear after they are sent.');
      const timer = mode === 'off' ? 0 : seconds;
      return core.serial(async () => {
        const { admin, l } = requireAdmin(gid);
        if ((l.info.expiryTimerSeconds ?? 0) !== timer) {
          l.info.setExpiryTimer(timer === 0 ? null : timer);
          try {
            const msg = controlMessage(gid, (t) => ({
              groupUpdateMessage: buildInfoChange({
                admin,
                type: GroupInfoChangeType.disappearingMessages,
                updatedExpirationSeconds: timer,
                timestampMs: t,
              }),
            }));
            await push(gid, admin, { messages: [msg] });
          } catch (err) {
            core.commit(gid);
            networkFailure(err, 'Could not update the group. Check your connection and try again.');
          }
          await settle(gid);
        }
        return core.summary(gid);
      });
    },

    async renewPicture(gid, oldUrl, pic) {
      return core.serial(async () => {
        if (core.stateOf(gid) !== 'joined' || !core.adminKeys(gid)) return false;
        const { admin, l } = requireAdmin(gid);
        const cur = l.info.picture;
        if (!cur || cur.url !== oldUrl || !equalBytes(cur.key, pic.key)) return false;
        if (pic.url === oldUrl) return true;
        l.info.setPicture(pic);
        try {
          await push(gid, admin);
        } catch (err) {
          // Saved: the new pointer goes out with the next push (the old file is still there for a while).
          core.commit(gid);
          log.warn(`groups: ${short(gid)}: pushing the re-uploaded picture failed (${describe(err)})`);
        }
        core.emit([gid]);
        return true;
      });
    },

    async destroy(gid) {
      return core.serial(async () => {
        const { admin, l } = requireAdmin(gid);
        l.info.destroyGroup();
        try {
          await push(gid, admin);
        } catch (err) {
          core.commit(gid);
          networkFailure(err, 'Could not delete the group. Check your connection and try again.');
        }
        core.endGroup(gid, 'destroyed');
        core.emit([gid]);
        log.info(`groups: ${short(gid)} deleted for everyone`);
        return { id: gid, deleted: true as const };
      });
    },

    sending: (gid, member) => inFlight.has(`${gid}|${member}`),

    async afterPoll(gid, events) {
      const admin = core.adminKeys(gid);
      if (!admin) return false;
      const l = core.liveOf(gid);
      const me = core.requireIdentity().sessionId;
      let changed = false;
      // Our own promotion (C.10): once we hold the seed, the pending `P` on our entry is accepted.
      const mine = l.members.get(me);
      if (mine && (!mine.admin || mine.promotionStatus !== 0))
        changed = l.members.setPromotion(me, 'accepted') || changed;
      let left = false;
      for (const e of events) {
        const m = l.members.get(e.sender);
        if (!m || e.sender === me) continue;
        if (e.kind === 'invite-accepted' && m.inviteStatus !== 0 && !m.admin) {
          changed = l.members.setInviteAccepted(e.sender) || changed;
          // Their name and picture as their profile says them (the official app writes both on the response).
          const p = core.profileOf(e.sender);
          const now = l.members.get(e.sender);
          if (now && (p.name || p.picture))
            changed =
              l.members.setMember({
                ...now,
                ...(p.name ? { name: p.name } : {}),
                ...(p.picture ? { picture: p.picture } : {}),
              }) || changed;
        } else if (e.kind === 'left' && m.removedStatus === 0) {
          changed = l.members.setRemoved(e.sender, false) || changed;
          left = true;
        }
      }
      // Two admins rekeyed at once: both keys share the newest generation; rekey again (C.5).
      if (l.keys.needsRekey()) {
        log.info(`groups: ${short(gid)}: concurrent rekeys seen; rekeying again`);
        rekey(gid, l);
        changed = true;
      }
      const removals = left || l.members.members().some((m) => m.removedStatus > 0 && m.sessionId !== me);
      try {
        if (changed) await push(gid, admin);
        if (removals) await runPendingRemovals(gid, admin);
      } catch (err) {
        core.commit(gid);
        log.warn(
          `groups: ${short(gid)}: admin follow-up push failed (${describe(err)}); it is retried after the next poll`,
        );
      }
      return changed || removals;
    },
  };

  /** The promote job: `P` pending → GroupUpdatePromoteMessage (the seed) 1:1 → `P` sent / failed, pushed. */
  const promoteJob = async (gid: string, admin: GroupAdminKeys, ids: readonly string[]): Promise<void> => {
    const l = core.liveOf(gid);
    const name = l.info.name ?? '';
    const sent = await pool(ids, SEND_CONCURRENCY, (member) =>
      sendOneToOne(member, () => ({
        dataMessage: { groupUpdateMessage: buildGroupPromote({ admin, name }) },
      })),
    );
    ids.forEach((id, i) => l.members.setPromotion(id, sent[i] ? 'sent' : 'failed'));
    try {
      await push(gid, admin);
    } catch (err) {
      core.commit(gid);
      log.warn(`groups: ${short(gid)}: pushing the promotion statuses failed (${describe(err)})`);
    }
  };

  return self;
}
