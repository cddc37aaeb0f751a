// Groups v2, member side (spec advanced.md part C, C.11 "minimal subset"): invitations (verified, kept as
// a request or a conversation by the inviter's approval state, C.10), accept / decline, one batched poll per
// joined group of namespaces −11, 11, 13, 14, 12 with our subaccount signature (C.7), the keys-first meta merge
// (Keys, then Info, then Members, C.2/C.4/C.5), group messages in (decrypted here, then the SAME receive
// pipeline as 1:1 messages) and out (the outbox encrypts per C.6 and stores to namespace 11), Info `!`/`d`,
// the kicked notice (C.9), leaving, and groups joined on another device (UserGroups `g`, B.15).
//
// The admin side (create, invite, promote, remove, manage, and what an admin does after each poll) is in
// groupAdmin.ts; this file lends it the live state, the serial chain and the stores (GroupCore).
//
// Guarantees: nothing is stored from a message that fails a check (each refusal is logged with its reason,
// never with keys or auth data); a group's Keys/Info/Members dumps and its config last hashes are saved in one
// transaction; its namespace-11 messages and their last hashes are committed by the receiver in one.
import type { ConversationSummary, GroupMemberStatus, GroupMemberView, GroupView, NotificationMode } from '../../ipc/contract';
import { IpcError } from '../../ipc/errors';
import {
  GroupInfoConfig,
  GroupKeys,
  GroupMembersConfig,
  Namespace,
  ProtocolError,
  decryptKickedNotice,
  encodeContent,
  groupKeysFromSeed,
  openGroupPromote,
  promoteGroupState,
  groupActiveHashes,
  mergeGroupSwarm,
  ok,
  parseGroupId,
  subaccountSign,
  unwrapGroupEnvelope,
  verifyGroupInvite,
  wrapGroupEnvelope,
  type ContentProps,
  type GroupAdminKeys,
  type GroupMember,
  type GroupPublicKeys,
  type GroupInfo,
  type GroupState,
  type Identity,
  type Incoming1o1,
  type ProfilePic,
  type RpcSigner,
} from '../../protocol';
import { NetworkError } from '../../network';
import { avatarVersionOf } from '../db/avatarStore';
import type { ConfigStateStore } from '../db/configStateStore';
import type { ConversationStore } from '../db/conversationStore';
import type { Db } from '../db/database';
import type { GroupMemberRow, GroupRow, GroupStore } from '../db/groupStore';
import type { LastHash, MessageStore } from '../db/messageStore';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import type { ConfigSync } from './configSync';
import type { ConversationsService, ControlRuntime } from './conversations';
import type { EngineNetwork } from './engineNetwork';
import type { OutboxDeps } from './outbox';
import type { Decoded, IncomingItem, Receiver, ReceiverGroupHooks } from './receiver';
import { createGroupAdmin, type AdminEvent, type GroupAdmin } from './groupAdmin';

/** The group namespaces one poll retrieves, in the official desktop's order (keys last; merged keys first). */
export const GROUP_POLL_NAMESPACES: readonly number[] = [
  Namespace.ClosedGroupRevokedRetrievableMessages,
  Namespace.ClosedGroupMessages,
  Namespace.ClosedGroupInfo,
  Namespace.ClosedGroupMembers,
  Namespace.ClosedGroupKeys,
];
const NS_MESSAGES = Namespace.ClosedGroupMessages;
const NS_KEYS = Namespace.ClosedGroupKeys;
const NS_INFO = Namespace.ClosedGroupInfo;
const NS_MEMBERS = Namespace.ClosedGroupMembers;
const NS_KICKED = Namespace.ClosedGroupRevokedRetrievableMessages;
/** Group control messages live as long as other messages (14 days). */
const GROUP_MESSAGE_TTL_MS = 14 * 24 * 3600 * 1000;
/** Config messages live 30 days; the live ones are bumped back to that on every poll. */
const GROUP_CONFIG_TTL_MS = 30 * 24 * 3600 * 1000;

export interface GroupsService {
  // --- IPC ---
  members(id: string): GroupMemberView[];
  /** Accepts an invitation: joins, fetches the group's keys and sends the invite response. */
  accept(id: string): Promise<ConversationSummary>;
  decline(id: string): { id: string };
  /** Leaves (tells the group, C.10) and forgets the group; the only admin leaving deletes it for everyone first. */
  leave(id: string): Promise<{ id: string }>;
  setNotificationMode(id: string, mode: NotificationMode): ConversationSummary;
  /** Adds the GroupView (name, members, states) and the request state of group conversations. */
  decorate(list: ConversationSummary[]): ConversationSummary[];
  /** A joined group named by `to`: messages.send posts there as us. */
  sendTarget(to: string): { conversationId: string; sender: string; kind: 'group' } | undefined;
  isGroup(id: string): boolean;
  /** We hold the group's seed (created it or were promoted). */
  isAdmin(id: string): boolean;
  /** The admin side (groupAdmin.ts): create, invite, remove, promote, update, setAvatar, setExpiration, destroy. */
  readonly admin: GroupAdmin;
  // --- engine ---
  readonly receiverHooks: ReceiverGroupHooks;
  readonly outbox: NonNullable<OutboxDeps['group']>;
  start(): void;
  stop(): void;
  /** Polls every joined group once; resolves with the new messages stored. */
  pollNow(): Promise<number>;
  /** UserGroups changed (config-apply): groups joined or left on another device. */
  configChanged(): void;
  /** Config-apply (inside its transaction): the UserGroups `g` entries' cached columns (pin priority). */
  writeConfigCache(entries: readonly GroupInfo[]): void;
  /** Pictures of groups we administer, for the avatar service's re-upload check (ts/backend/services/avatars.ts). */
  pictures: GroupPictureRenewal;
}

/** What the avatar service's re-upload check asks of the groups we administer. */
export interface GroupPictureRenewal {
  /** Joined groups we administer that have a picture: its pointer and when it was uploaded (null: not known yet). */
  adminPictures(): { id: string; url: string; key: Uint8Array; uploadedAt: number | null }[];
  /** Records when the picture at `url` was uploaded or first seen. */
  uploaded(id: string, url: string, at: number): void;
  /** Sets the re-uploaded pointer (pushed only when its URL changed); false when the picture changed meanwhile. */
  renew(id: string, oldUrl: string, pic: ProfilePic, at: number): Promise<boolean>;
}

export interface GroupsDeps {
  db: Db;
  store: GroupStore;
  configState: ConfigStateStore;
  messages: MessageStore;
  conversations: ConversationStore;
  conversationsService: ConversationsService;
  events: EventBus;
  log: Logger;
  now: () => number;
  randomBytes: (n: number) => Uint8Array;
  identity: () => Identity | undefined;
  network: () => EngineNetwork | undefined;
  receiver: () => Receiver | undefined;
  config: () => ConfigSync | undefined;
  runtime: () => ControlRuntime | undefined;
  pollIntervalMs: number;
  /** Pictures: told when a group's picture pointer (Info p/q) may have changed; admins upload a group's picture. */
  avatars?: () => { kick(): void; uploadPicture?(stageId: string): Promise<ProfilePic> } | undefined;
  /** Our display name (our entry in the Members of a group we create). */
  ownName?: () => string;
  /** Our picture pointer (our entry's Members `p`/`q`); null when we have none. */
  ownPicture?: () => ProfilePic | null;
  /** A contact's picture pointer as we know it (an invitee's Members `p`/`q`, as the official app writes). */
  pictureOf?: (sessionId: string) => ProfilePic | undefined;
}

/** A group's keys and configs in memory, loaded from their dumps on first use. */
interface Live extends GroupState {
  pub: GroupPublicKeys;
}

const short = (id: string): string => `${id.slice(0, 10)}…`;

/** The CLI's status strings (spec/cli.md "group members") from a Members entry. */
export function memberStatus(m: GroupMember): GroupMemberStatus {
  if (m.removedStatus > 0) return 'removed';
  const pick = (x: number, prefix: 'invite' | 'promotion'): GroupMemberStatus | undefined =>
    x === 1 ? `${prefix}-sent` : x === 2 ? `${prefix}-failed` : x === 3 ? `${prefix}-sending` : undefined;
  return (m.admin ? pick(m.promotionStatus, 'promotion') : pick(m.inviteStatus, 'invite')) ?? 'joined';
}

/** Opens one namespace-11 message: group decryption (C.6), then the Envelope, as the receiver opens a 1:1 item. */
export function groupMessageDecoder(gid: string, keys: GroupKeys): (data: Uint8Array) => Decoded {
  return (data) => {
    const r = keys.decryptMessage(data);
    if (!r.ok) return r;
    const e = unwrapGroupEnvelope(r.value.plaintext);
    if (!e.ok) return e;
    const m: Incoming1o1 = {
      senderSessionId: r.value.senderSessionId,
      senderEd25519: r.value.senderEd25519,
      timestampMs: e.value.timestampMs,
      content: e.value.content,
      contentBytes: e.value.contentBytes,
      conversationId: gid,
    };
    return ok(m);
  };
}

const describe = (err: unknown): string =>
  err instanceof NetworkError ? `${err.kind}${err.detail ? `: ${err.detail}` : ''}` : err instanceof Error ? err.message : String(err);

/** A group's notification mode from its UserGroups `g` entry (`@`, `!`). */
const groupNotificationMode = (g: GroupInfo, nowMs: number): NotificationMode =>
  g.notifications === 'disabled' || g.muteUntil * 1000 > nowMs ? 'mute' : g.notifications === 'mentions_only' ? 'mentions' : 'all';

export function createGroupsService(d: GroupsDeps): GroupsService {
  /** Groups whose notification mode a config apply changed, told by configChanged after the transaction. */
  const modeChanged = new Set<string>();
  const live = new Map<string, Live>();
  /** Each group's member list by Session ID, read once per change (the pipeline asks per message); undefined: no such group. */
  const memberCache = new Map<string, Map<string, GroupMemberRow>>();
  const membersOf = (gid: string): Map<string, GroupMemberRow> | undefined => {
    const have = memberCache.get(gid);
    if (have) return have;
    if (!d.store.get(gid)) return undefined;
    const m = new Map(d.store.members(gid).map((x) => [x.sessionId, x]));
    memberCache.set(gid, m);
    return m;
  };
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let chain: Promise<unknown> = Promise.resolve();

  const requireIdentity = (): Identity => {
    const id = d.identity();
    if (!id) throw new IpcError('not_found', 'Create or restore an account first.');
    return id;
  };
  const norm = (id: string): string => id.trim().toLowerCase();

  /** The group's admin keys from its UserGroups entry (`K`, B.15) when we hold the seed; a seed of another group is ignored. */
  const adminKeysFromConfig = (gid: string): GroupAdminKeys | undefined => {
    const g = d.config()
      ?.userGroups()
      .find((x) => x.groupId === gid);
    if (!g?.secretKey || g.secretKey.length !== 64) return undefined;
    const a = groupKeysFromSeed(g.secretKey.subarray(0, 32));
    return a.groupId === gid ? a : undefined;
  };

  const liveOf = (gid: string): Live => {
    const have = live.get(gid);
    if (have) return have;
    const identity = requireIdentity();
    const parsed = parseGroupId(gid);
    if (!parsed.ok) throw new IpcError('invalid_params', parsed.error.message);
    const dumps = d.configState.load(gid);
    const dumpOf = (ns: number): Uint8Array | null => {
      const dump = dumps.get(ns)?.dump ?? null;
      return dump !== null && dump.length > 0 ? dump : null;
    };
    // An admin's configs sign their pushes; what their dumps hold was merged from the swarm before.
    const admin = adminKeysFromConfig(gid) ?? null;
    let keys: GroupKeys;
    try {
      keys = new GroupKeys({ identity, group: parsed.value, admin, dump: dumpOf(NS_KEYS) });
    } catch (err) {
      d.log.warn(`groups: the keys of ${short(gid)} could not be loaded from their dump (${describe(err)}); starting empty`);
      keys = new GroupKeys({ identity, group: parsed.value, admin });
    }
    const list = keys.keysNewestFirst();
    const config = <T>(make: (dump: Uint8Array | null) => T, ns: number): T => {
      try {
        return make(dumpOf(ns));
      } catch (err) {
        d.log.warn(`groups: the namespace ${ns} dump of ${short(gid)} could not be read (${describe(err)}); starting empty`);
        return make(null);
      }
    };
    const info = config((dump) => new GroupInfoConfig({ identity, group: parsed.value, admin, keys: list, dump, swarmMerged: admin !== null && dump !== null }), NS_INFO);
    const members = config((dump) => new GroupMembersConfig({ identity, group: parsed.value, admin, keys: list, dump, swarmMerged: admin !== null && dump !== null }), NS_MEMBERS);
    const l = { pub: parsed.value, keys, info, members };
    live.set(gid, l);
    return l;
  };

  /** Our admin keys for the group, loaded into its live state (a promotion arrived since it was loaded). */
  const adminKeys = (gid: string): GroupAdminKeys | undefined => {
    const a = adminKeysFromConfig(gid);
    if (!a) return undefined;
    const l = liveOf(gid);
    if (!l.keys.isAdmin) promoteGroupState(l, a);
    return a;
  };

  /** Our signer for the group's swarm (C.7): the group key as an admin, else our subaccount (the auth data never leaves this closure's callers). */
  const signerFor = (row: GroupRow): RpcSigner => {
    const identity = requireIdentity();
    const admin = adminKeys(row.id);
    if (admin) return { pubkey: row.id, ed25519: { publicKey: admin.ed25519PublicKey, secretKey: admin.ed25519SecretKey } };
    return { pubkey: row.id, ed25519: identity.ed25519, subaccount: (message) => subaccountSign(identity, row.authData, message) };
  };

  const emitSummaries = (ids: readonly string[]): void => {
    const list = d.conversationsService.summaries(ids);
    if (list.length > 0) d.events.emit('conversations.updated', { conversations: list });
  };

  /**
   * The member list as stored for the UI. In a group we administer, an invitation or promotion still marked "not
   * sent" (`I`/`P` = 3) that no job of ours is sending (we stopped in the middle) shows as failed, so it can be resent.
   */
  const memberRows = (gid: string, l: Live): GroupMemberRow[] => {
    const ours = l.keys.isAdmin;
    return l.members.members().map((m) => {
      let status = memberStatus(m);
      if (ours && (status === 'invite-sending' || status === 'promotion-sending') && !adminSide.sending(gid, m.sessionId)) {
        status = status === 'invite-sending' ? 'invite-failed' : 'promotion-failed';
      }
      return { sessionId: m.sessionId, ...(m.name !== '' ? { name: m.name } : {}), admin: m.admin, status };
    });
  };

  /** Info `d`: messages sent before it go (spec C.4); ids of those removed. */
  const applyDeleteBefore = (gid: string, beforeSeconds: number): string[] => {
    if (beforeSeconds <= 0) return [];
    const ids = d.store.messageIdsBefore(gid, beforeSeconds * 1000);
    return ids.length > 0 ? d.conversationsService.deleteMessages(ids) : [];
  };

  /** Info `D`: attachments of messages sent before it go (spec C.4); the messages stay. */
  const applyDeleteAttachmentsBefore = (gid: string, beforeSeconds: number): void => {
    const ids = d.db.transaction(() => d.store.deleteAttachmentsBefore(gid, beforeSeconds * 1000))();
    const views = ids.flatMap((id) => d.messages.get(id) ?? []);
    if (views.length > 0) d.events.emit('messages.updated', { messages: views });
  };

  /** Marks the group kicked or destroyed: no more polling; UserGroups `r` (and no auth data once kicked). */
  const endGroup = (gid: string, state: 'kicked' | 'destroyed'): void => {
    d.store.setState(gid, state, d.now());
    d.log.info(`groups: ${short(gid)} is now ${state}; polling stops`);
    try {
      d.config()?.updateGroup(gid, (g) => ({ ...g, removedStatus: state, ...(state === 'kicked' ? { authData: null } : {}) }));
    } catch (err) {
      d.log.warn(`groups: could not mark ${short(gid)} ${state} in UserGroups (${describe(err)})`);
    }
  };

  /** Commits one poll's config part: dumps, caches and their last hashes in one transaction. */
  const commitConfigs = d.db.transaction((gid: string, l: Live, updates: readonly LastHash[], latestAt: number) => {
    const now = d.now();
    for (const [ns, dump] of [
      [NS_KEYS, l.keys.dump()],
      [NS_INFO, l.info.dump()],
      [NS_MEMBERS, l.members.dump()],
    ] as const) {
      d.configState.save(gid, ns, { dump, latestMessageAt: latestAt }, now);
    }
    const name = l.info.name;
    const description = l.info.description;
    d.store.setInfo(
      gid,
      {
        ...(name !== null ? { name } : {}),
        ...(description !== null ? { description } : {}),
        deleteBefore: l.info.deleteBeforeSeconds ?? 0,
        deleteAttachmentsBefore: l.info.deleteAttachmentsBeforeSeconds ?? 0,
        expirySeconds: Math.max(0, l.info.expiryTimerSeconds ?? 0),
        picture: l.info.picture,
      },
      now,
    );
    if (l.members.members().length > 0) {
      d.store.setMembers(gid, memberRows(gid, l));
      memberCache.delete(gid);
    }
    for (const u of updates) d.messages.saveLastHash(u);
  });

  /** Sends the invite response once the group's keys are here (C.10). */
  const sendPendingResponse = (gid: string): boolean => {
    const row = d.store.get(gid);
    if (!row || row.state !== 'joined' || !row.responsePending) return false;
    const l = liveOf(gid);
    if (!l.keys.encryptionKey()) return false;
    const me = requireIdentity().sessionId;
    const rt = d.runtime();
    const sentAt = Math.max(Math.trunc(rt ? rt.networkNow() : d.now()), d.messages.maxSentAt(me) + 1);
    const data = encodeForGroup(gid, { dataMessage: { groupUpdateMessage: { inviteResponse: { isApproved: true } } } }, sentAt);
    d.db.transaction(() => {
      d.messages.enqueueEncoded({ label: 'group-update', destination: gid, sentAt, data, ttlMs: GROUP_MESSAGE_TTL_MS, nextAttemptAt: 0 });
      d.store.setResponsePending(gid, false);
    })();
    rt?.kickOutbox();
    return true;
  };

  /** A sent timestamp (network time) after every one handed out here and every message we sent. */
  let lastSentAt = 0;
  const nextSentAt = (): number => {
    const rt = d.runtime();
    const me = requireIdentity().sessionId;
    lastSentAt = Math.max(Math.trunc(rt ? rt.networkNow() : d.now()), d.messages.maxSentAt(me) + 1, lastSentAt + 1);
    return lastSentAt;
  };

  const encodeForGroup = (gid: string, content: ContentProps, timestampMs: number): Uint8Array => {
    const l = liveOf(gid);
    // Not a ProtocolError: the outbox retries (the keys may arrive with the next poll).
    if (!l.keys.encryptionKey()) throw new Error(`The keys of group ${short(gid)} have not arrived yet.`);
    const contentBytes = encodeContent({ ...content, sigTimestamp: timestampMs });
    const envelope = wrapGroupEnvelope({ content: contentBytes, timestampMs });
    return l.keys.encryptMessage(envelope, { random: d.randomBytes });
  };

  /** One poll of one joined group. Returns the new timeline messages stored. */
  const pollGroup = async (gid: string): Promise<number> => {
    const row = d.store.get(gid);
    const network = d.network();
    const receiver = d.receiver();
    if (!row || row.state !== 'joined' || !network || !receiver) return 0;
    const l = liveOf(gid);
    const last = new Map<string, string>();
    for (const h of d.messages.loadLastHashes(gid)) last.set(`${h.node}|${h.namespace}`, h.hash);
    // The live config hashes get their expiry extended with every poll, so a quiet group keeps its configs (B.10).
    const bump = groupActiveHashes(l, d.now());
    const result = await network.retrieve(gid, GROUP_POLL_NAMESPACES, (node, ns) => last.get(`${node}|${ns}`), {
      signer: signerFor(row),
      allow401: true,
      ...(bump.length > 0 ? { bumpExpiry: { hashes: bump, expiryMs: network.networkNow() + GROUP_CONFIG_TTL_MS } } : {}),
    });
    if (d.store.get(gid)?.state !== 'joined') return 0;
    const updates: LastHash[] = [];
    const msgUpdates: LastHash[] = [];
    for (const n of result.perNode) {
      if (n.expireCode !== undefined && n.expireCode !== 200) d.log.warn(`groups: ${short(gid)}: extending the config messages' expiry failed on ${n.node.slice(0, 8)} (${n.expireCode})`);
      for (const ns of n.namespaces) {
        if (ns.code === 401 && ns.namespace === NS_MESSAGES) d.log.warn(`groups: ${short(gid)} refused our subaccount for namespace 11 (revoked?)`);
        const lastMsg = ns.messages[ns.messages.length - 1];
        if (!lastMsg) continue;
        const u = { node: n.node, pubkey: gid, namespace: ns.namespace, hash: lastMsg.hash, expiresAt: lastMsg.expiration };
        (ns.namespace === NS_MESSAGES ? msgUpdates : updates).push(u);
      }
    }
    // Keys first, each with its storage time; then Info and Members with the key list they give (C.2 meta merge).
    const keyMsgs = result.merged.get(NS_KEYS) ?? [];
    const configMsgs = (ns: number) => (result.merged.get(ns) ?? []).map((m) => ({ hash: m.hash, data: m.data }));
    const merge = mergeGroupSwarm(
      l,
      { keys: keyMsgs.map((m) => ({ hash: m.hash, data: m.data, timestampMs: m.timestamp })), info: configMsgs(NS_INFO), members: configMsgs(NS_MEMBERS) },
      d.now(),
    );
    for (const k of merge.keys) if (!k.result.ok) d.log.warn(`groups: ${short(gid)}: keys message ${k.hash.slice(0, 8)} refused (${k.result.error.kind})`);
    for (const [ns, report] of [
      [NS_INFO, merge.info],
      [NS_MEMBERS, merge.members],
    ] as const) {
      for (const r of report.rejected) d.log.warn(`groups: ${short(gid)}: namespace ${ns} message ${r.hash.slice(0, 8)} refused (${r.reason})`);
    }
    const keysChanged = merge.keysChanged;
    const latestAt = Math.max(0, ...[NS_KEYS, NS_INFO, NS_MEMBERS].flatMap((ns) => (result.merged.get(ns) ?? []).map((m) => m.timestamp)));
    const before = d.store.get(gid);
    commitConfigs(gid, l, updates, latestAt);
    const after = d.store.get(gid);
    let changed = JSON.stringify(before) !== JSON.stringify(after) || keysChanged;
    // A new (or removed) picture pointer: the avatar service fetches (or drops) the copy, then tells the UI.
    if (changed) d.avatars?.()?.kick();
    // Info `!`: the group was deleted for everyone.
    if (l.info.destroyed) {
      endGroup(gid, 'destroyed');
      emitSummaries([gid]);
      return 0;
    }
    if (after && after.deleteBefore > 0 && after.deleteBefore !== before?.deleteBefore) applyDeleteBefore(gid, after.deleteBefore);
    if (after && after.deleteAttachmentsBefore > 0 && after.deleteAttachmentsBefore !== before?.deleteAttachmentsBefore) applyDeleteAttachmentsBefore(gid, after.deleteAttachmentsBefore);
    // Messages go through the receive pipeline, which commits them with their last hashes.
    const items: IncomingItem[] = (result.merged.get(NS_MESSAGES) ?? []).map((m) => ({ hash: m.hash, data: m.data, expiration: m.expiration }));
    let added = 0;
    if (items.length > 0 || msgUpdates.length > 0) {
      const outcome = await receiver.process(items, msgUpdates, { decode: groupMessageDecoder(gid, l.keys) });
      added = outcome.added.length;
      // Info `d` also covers what arrived in this poll.
      if (after && after.deleteBefore > 0 && outcome.added.some((m) => m.timestamp < after.deleteBefore * 1000)) applyDeleteBefore(gid, after.deleteBefore);
    }
    // An admin answers invite responses and "left" messages, accepts its own promotion, rekeys after concurrent rekeys.
    if (adminKeys(gid)) {
      if (await adminSide.afterPoll(gid, adminEvents(gid, l, items))) changed = true;
      memberCache.delete(gid);
    }
    // The kicked notice (C.9): for us, at a generation not older than ours.
    const identity = requireIdentity();
    for (const m of result.merged.get(NS_KICKED) ?? []) {
      const r = decryptKickedNotice({ data: m.data, identity, groupX25519PublicKey: l.pub.x25519PublicKey, currentGeneration: l.keys.currentGeneration });
      if (!r.ok) {
        d.log.warn(`groups: ${short(gid)}: kicked notice ${m.hash.slice(0, 8)} refused (${r.error.kind})`);
        continue;
      }
      if (r.value.kicked) {
        endGroup(gid, 'kicked');
        emitSummaries([gid]);
        return added;
      }
    }
    if (sendPendingResponse(gid) || changed) emitSummaries([gid]);
    return added;
  };

  /** The GroupUpdates among a poll's new messages an admin acts on (invite responses, members leaving). */
  const adminEvents = (gid: string, l: Live, items: readonly IncomingItem[]): AdminEvent[] => {
    const decode = groupMessageDecoder(gid, l.keys);
    const out: AdminEvent[] = [];
    for (const item of items) {
      const r = decode(item.data);
      if (!r.ok) continue;
      const u = r.value.content.dataMessage?.groupUpdateMessage;
      if (u?.inviteResponse?.isApproved) out.push({ kind: 'invite-accepted', sender: r.value.senderSessionId, timestampMs: r.value.timestampMs });
      else if (u?.memberLeftMessage) out.push({ kind: 'left', sender: r.value.senderSessionId, timestampMs: r.value.timestampMs });
    }
    return out;
  };

  const joinedIds = (): string[] => d.store.all().flatMap((g) => (g.state === 'joined' ? [g.id] : []));

  const pollAll = async (): Promise<number> => {
    let total = 0;
    for (const gid of joinedIds()) {
      try {
        total += await pollGroup(gid);
      } catch (err) {
        d.log.warn(`groups: polling ${short(gid)} failed (${describe(err)})`);
      }
    }
    return total;
  };
  /** Runs `fn` after whatever the chain holds (polls, admin operations): one at a time. */
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const p = chain.then(fn, fn);
    chain = p.catch(() => undefined);
    return p;
  };
  const enqueue = (): Promise<number> => serial(pollAll);
  const tick = (): void => {
    timer = undefined;
    if (!running) return;
    void enqueue().finally(() => {
      if (!running) return;
      timer = setTimeout(tick, d.pollIntervalMs);
      timer.unref?.();
    });
  };

  const requireGroup = (id: string): GroupRow => {
    const row = d.store.get(norm(id));
    if (!row) throw new IpcError('not_found', 'No such group.');
    return row;
  };

  /** The group's `g` entry as a joined member (auth data, name), merged into what UserGroups holds. */
  const writeUserGroup = (row: GroupRow): void => {
    d.config()?.updateGroup(row.id, (g) => ({
      ...g,
      name: row.name ?? g.name,
      // A promotion that came before the acceptance keeps its seed.
      authData: g.secretKey !== null ? null : row.authData,
      invited: false,
      joinedAt: g.joinedAt > 0 ? g.joinedAt : Math.floor(d.now() / 1000),
      removedStatus: 'not_removed',
    }));
  };

  const receiverHooks: ReceiverGroupHooks = {
    publicKey(gid) {
      const row = d.store.get(gid);
      if (!row) return undefined;
      const p = parseGroupId(gid);
      return p.ok ? p.value.ed25519PublicKey : undefined;
    },
    isMember(gid, sessionId) {
      const members = membersOf(gid);
      if (!members) return false;
      // Before Members arrived nobody can be checked: the keys already limit who can write.
      return members.size === 0 || members.has(sessionId);
    },
    isAdmin(gid, sessionId) {
      return membersOf(gid)?.get(sessionId)?.admin === true;
    },
    nameOf(gid, sessionId) {
      const m = membersOf(gid)?.get(sessionId);
      if (m?.name) return m.name;
      const c = d.conversations.contact(sessionId);
      return c?.profileName;
    },
    invitation(m, hash) {
      const invite = m.content.dataMessage?.groupUpdateMessage?.inviteMessage;
      const identity = d.identity();
      if (!invite || !identity) return;
      const v = verifyGroupInvite({
        identity,
        timestampMs: m.timestampMs,
        groupSessionId: invite.groupSessionId,
        name: invite.name,
        memberAuthData: invite.memberAuthData,
        adminSignature: invite.adminSignature,
      });
      if (!v.ok) {
        d.log.warn(`groups: invitation ${hash.slice(0, 8)} from ${short(m.senderSessionId)} refused (${v.error.kind}: ${v.error.message})`);
        return;
      }
      const gid = v.value.groupId;
      const existing = d.store.get(gid);
      if (existing?.state === 'joined') {
        d.log.info(`groups: invitation to ${short(gid)}, which we are in already: kept the new auth data`);
        d.store.upsert({ id: gid, state: 'joined', authData: v.value.authData }, d.now());
        return;
      }
      d.store.upsert(
        { id: gid, state: 'invited', ...(v.value.name !== '' ? { name: v.value.name } : {}), authData: v.value.authData, invitedBy: m.senderSessionId, invitedAt: m.timestampMs },
        d.now(),
      );
      d.conversations.touch(gid, 'group', m.timestampMs);
      d.log.info(`groups: invitation to ${short(gid)} from ${short(m.senderSessionId)}`);
      setImmediate(() => emitSummaries([gid]));
    },
    promotion(m, hash) {
      const p = m.content.dataMessage?.groupUpdateMessage?.promoteMessage;
      if (!p) return;
      // The seed is the proof (C.8): the group it derives must be one we know; it goes into UserGroups `K` (B.15).
      const r = openGroupPromote({ groupIdentitySeed: p.groupIdentitySeed, name: p.name });
      if (!r.ok) {
        d.log.warn(`groups: promotion ${hash.slice(0, 8)} from ${short(m.senderSessionId)} refused (${r.error.kind})`);
        return;
      }
      const gid = r.value.admin.groupId;
      const row = d.store.get(gid);
      if (!row) {
        d.log.warn(`groups: promotion ${hash.slice(0, 8)} for a group we are not in (${short(gid)}) ignored`);
        return;
      }
      const config = d.config();
      if (!config) {
        d.log.warn(`groups: promotion to ${short(gid)} could not be stored: the account is not ready`);
        return;
      }
      config.updateGroup(gid, (g) => ({ ...g, secretKey: r.value.admin.ed25519SecretKey, authData: null }));
      const l = live.get(gid);
      if (l && !l.keys.isAdmin) promoteGroupState(l, r.value.admin);
      d.log.info(`groups: promoted to admin of ${short(gid)} by ${short(m.senderSessionId)}`);
      // The next poll accepts the promotion in Members (C.10) and shows us as admin.
      setImmediate(() => {
        emitSummaries([gid]);
        if (running) void enqueue();
      });
    },
  };

  const adminSide: GroupAdmin = createGroupAdmin({
    requireIdentity,
    network: () => d.network(),
    stateOf: (gid) => d.store.get(gid)?.state,
    liveOf,
    adminKeys,
    adopt(gid, l, a) {
      const config = d.config();
      if (!config) throw new IpcError('unavailable', 'The account is not ready yet. Please try again.');
      d.db.transaction(() => {
        d.store.upsert({ id: gid, state: 'joined', name: a.name, authData: new Uint8Array(0) }, a.now);
        d.conversations.touch(gid, 'group', a.now);
        config.updateGroup(gid, (g) => ({ ...g, name: a.name, secretKey: a.secretKey, authData: null, invited: false, joinedAt: Math.floor(a.now / 1000), removedStatus: 'not_removed' }));
      })();
      live.set(gid, { ...l });
      memberCache.delete(gid);
      commitConfigs(gid, liveOf(gid), [], d.now());
    },
    discard(gid) {
      d.conversationsService.remove([gid], () => {
        d.store.remove(gid);
        for (const ns of [NS_KEYS, NS_INFO, NS_MEMBERS]) d.configState.save(gid, ns, { dump: new Uint8Array(0), latestMessageAt: 0 }, d.now());
      });
      live.delete(gid);
      memberCache.delete(gid);
      try {
        d.config()?.removeGroup(gid);
      } catch (err) {
        d.log.warn(`groups: could not remove ${short(gid)} from UserGroups (${describe(err)})`);
      }
    },
    commit(gid) {
      if (!d.store.get(gid)) return;
      commitConfigs(gid, liveOf(gid), [], d.now());
      memberCache.delete(gid);
    },
    poll: (gid) => pollGroup(gid),
    serial,
    emit: (ids) => emitSummaries(ids),
    summary(gid) {
      const s = d.conversationsService.anySummary(gid);
      if (!s) throw new IpcError('not_found', 'No such group.');
      return s;
    },
    members: (gid) => service.members(gid),
    encode: (gid, content, t) => encodeForGroup(gid, content, t),
    sentAt: () => nextSentAt(),
    endGroup,
    deleteLocalMessagesOf(gid, senders, atMost) {
      const ids = d.messages.idsForContentDelete({ conversationId: gid, senders, hashes: [], sentAtMost: atMost }).map((x) => x.id);
      if (ids.length > 0) d.conversationsService.deleteMessages(ids);
    },
    profileOf(sessionId) {
      const name = d.conversations.contact(sessionId)?.profileName;
      const picture = d.pictureOf?.(sessionId);
      return { ...(name ? { name } : {}), ...(picture ? { picture } : {}) };
    },
    ownName: () => d.ownName?.() ?? '',
    ownPicture: () => d.ownPicture?.() ?? null,
    uploadPicture(stageId) {
      const avatars = d.avatars?.();
      if (!avatars?.uploadPicture) throw new IpcError('unavailable', 'Pictures cannot be uploaded while the network is not running.');
      return avatars.uploadPicture(stageId);
    },
    setUserGroupName(gid, name) {
      d.config()?.updateGroup(gid, (g) => ({ ...g, name }));
    },
    randomBytes: (n) => d.randomBytes(n),
    log: d.log,
  });

  const service: GroupsService = {
    isGroup: (id) => d.store.get(norm(id)) !== undefined,
    isAdmin: (id) => d.store.get(norm(id)) !== undefined && adminKeysFromConfig(norm(id)) !== undefined,
    admin: adminSide,
    members(id) {
      const row = requireGroup(id);
      return d.store.members(row.id).map((m) => {
        const contact = d.conversations.contact(m.sessionId);
        const name = m.name ?? contact?.profileName;
        return { sessionId: m.sessionId, ...(name ? { name } : {}), role: m.admin ? 'admin' : 'member', status: m.status };
      });
    },
    async accept(id) {
      const row = requireGroup(id);
      if (row.state === 'invited') {
        d.db.transaction(() => {
          d.store.setState(row.id, 'joined', d.now());
          d.store.setResponsePending(row.id, true);
          writeUserGroup(row);
        })();
        d.log.info(`groups: joined ${short(row.id)}`);
        // The response needs the group's keys: fetch them now (the CLI waits for the response to be stored).
        for (let attempt = 0; attempt < 3 && d.store.get(row.id)?.responsePending; attempt++) {
          try {
            await pollGroup(row.id);
          } catch (err) {
            d.log.warn(`groups: first poll of ${short(row.id)} failed (${describe(err)})`);
          }
        }
        if (!running) sendPendingResponse(row.id);
      }
      const s = d.conversationsService.anySummary(row.id);
      if (!s) throw new IpcError('not_found', 'No such group.');
      d.events.emit('conversations.updated', { conversations: [s] });
      return s;
    },
    decline(id) {
      const row = requireGroup(id);
      if (row.state !== 'invited') throw new IpcError('invalid_params', 'Only a group invitation can be declined; leave the group instead.');
      d.conversationsService.remove([row.id], () => d.store.remove(row.id));
      live.delete(row.id);
      memberCache.delete(row.id);
      return { id: row.id };
    },
    async leave(id) {
      const row = requireGroup(id);
      if (row.state === 'invited') return service.decline(row.id);
      const me = requireIdentity().sessionId;
      // The only admin leaving deletes the group for everyone (Info `!`), as the official app does; no left message.
      const lastAdmin = row.state === 'joined' && adminKeys(row.id) !== undefined && !liveOf(row.id).members.members().some((m) => m.admin && m.sessionId !== me && m.removedStatus === 0);
      if (lastAdmin) {
        d.log.info(`groups: the only admin leaves ${short(row.id)}: it is deleted for everyone`);
        await adminSide.destroy(row.id);
      } else if (row.state === 'joined') {
        // Tell the group (C.10): member-left, then the left notification, stored with our subaccount.
        const network = d.network();
        if (!network) throw new IpcError('unavailable', 'The network is not running yet. Please try again.');
        const rt = d.runtime();
        const sentAt = Math.max(Math.trunc(rt ? rt.networkNow() : d.now()), d.messages.maxSentAt(me) + 1);
        try {
          if (liveOf(row.id).keys.encryptionKey()) {
            for (const [k, content] of [
              [0, { dataMessage: { groupUpdateMessage: { memberLeftMessage: {} } } }],
              [1, { dataMessage: { groupUpdateMessage: { memberLeftNotificationMessage: {} } } }],
            ] as const) {
              const data = encodeForGroup(row.id, content, sentAt + k);
              await network.storeMessage(row.id, NS_MESSAGES, data, GROUP_MESSAGE_TTL_MS, undefined, signerFor(row));
            }
          }
        } catch (err) {
          if (err instanceof NetworkError) throw new IpcError('network', 'Could not tell the group that you left. Check your connection and try again.', describe(err));
          throw err;
        }
      }
      d.conversationsService.remove([row.id], () => {
        d.store.remove(row.id);
        for (const ns of [NS_KEYS, NS_INFO, NS_MEMBERS]) d.configState.save(row.id, ns, { dump: new Uint8Array(0), latestMessageAt: 0 }, d.now());
      });
      live.delete(row.id);
      memberCache.delete(row.id);
      try {
        d.config()?.removeGroup(row.id);
      } catch (err) {
        d.log.warn(`groups: could not remove ${short(row.id)} from UserGroups (${describe(err)})`);
      }
      d.log.info(`groups: left ${short(row.id)}`);
      return { id: row.id };
    },
    setNotificationMode(id, mode) {
      const row = requireGroup(id);
      // Config-backed: the UserGroups `g` entry is written; its apply (writeConfigCache) sets the column.
      const config = d.config();
      if (!config) throw new IpcError('unavailable', 'The account is not ready yet. Please try again.');
      config.updateGroup(row.id, (g) => ({ ...g, notifications: mode === 'mute' ? 'disabled' : mode === 'mentions' ? 'mentions_only' : 'default', muteUntil: 0 }));
      const s = d.conversationsService.anySummary(row.id);
      if (!s) throw new IpcError('not_found', 'No such group.');
      d.events.emit('conversations.updated', { conversations: [s] });
      return s;
    },
    decorate(list) {
      const admins = new Set((d.config()?.userGroups() ?? []).flatMap((g) => (g.secretKey !== null ? [g.groupId] : [])));
      return list.map((c) => {
        if (c.kind !== 'group') return c;
        const row = d.store.get(c.id);
        if (!row) return c;
        const inviter = row.invitedBy ? d.conversations.contact(row.invitedBy) : undefined;
        const pending = row.state === 'invited';
        const isRequest = pending && !(inviter?.isApproved ?? false);
        const inviterName = inviter?.profileName;
        const group: GroupView = {
          ...(row.name !== undefined ? { name: row.name } : {}),
          ...(row.description !== undefined ? { description: row.description } : {}),
          memberCount: row.memberCount,
          admin: admins.has(c.id) && row.state === 'joined',
          invitationPending: pending,
          ...(pending && row.invitedBy ? { invitedBy: row.invitedBy } : {}),
          ...(pending && inviterName ? { invitedByName: inviterName } : {}),
          kicked: row.state === 'kicked',
          destroyed: row.state === 'destroyed',
        };
        const mode = d.store.notificationMode(c.id);
        return {
          ...c,
          ...(row.name !== undefined ? { name: row.name } : {}),
          isApproved: !isRequest,
          isRequest,
          group,
          ...(mode !== 'all' ? { notificationMode: mode } : {}),
          // UserGroups `+` (pin) and Info `E` (the admins' delete-after-send timer, read-only here).
          ...(row.priority > 0 ? { pinnedPriority: row.priority } : {}),
          ...(row.expirySeconds > 0 ? { expiration: { type: 'after-send' as const, seconds: row.expirySeconds } } : {}),
          // Info p/q: the picture's local copy, served by avatars.get on the group's id.
          ...(row.avatarFileUrl !== undefined ? { avatarVersion: avatarVersionOf(row.avatarFileUrl) } : {}),
        };
      });
    },
    sendTarget(to) {
      const id = norm(to);
      if (!/^03[0-9a-f]{64}$/.test(id)) return undefined;
      const row = d.store.get(id);
      if (!row) return undefined;
      if (row.state === 'invited') throw new IpcError('invalid_params', 'Accept the group invitation first.');
      if (row.state === 'kicked') throw new IpcError('invalid_params', 'You were removed from this group.');
      if (row.state === 'destroyed') throw new IpcError('invalid_params', 'This group was deleted.');
      return { conversationId: id, sender: requireIdentity().sessionId, kind: 'group' };
    },
    receiverHooks,
    outbox: {
      handles: (destination) => destination.startsWith('03') && d.store.get(destination) !== undefined,
      encode: (gid, content, timestampMs) => encodeForGroup(gid, content, timestampMs),
      async store(gid, data, ttlMs) {
        const row = d.store.get(gid);
        if (!row || row.state !== 'joined') throw new ProtocolError('invalid_argument', 'You are not a member of this group any more.');
        const network = d.network();
        if (!network) throw new Error('The network is not running.');
        return network.storeMessage(gid, NS_MESSAGES, data, ttlMs, undefined, signerFor(row));
      },
    },
    start() {
      if (running) return;
      running = true;
      service.configChanged();
      tick();
    },
    stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
    pollNow: enqueue,
    pictures: {
      adminPictures() {
        const out: { id: string; url: string; key: Uint8Array; uploadedAt: number | null }[] = [];
        for (const row of d.store.all()) {
          if (row.state !== 'joined' || row.avatarUrl === undefined || !adminKeysFromConfig(row.id)) continue;
          const pic = liveOf(row.id).info.picture;
          if (pic && pic.url === row.avatarUrl) out.push({ id: row.id, url: pic.url, key: pic.key, uploadedAt: d.store.pictureUploadedAt(row.id) });
        }
        return out;
      },
      uploaded: (id, url, at) => d.store.setPictureUploadedAt(id, url, at),
      async renew(id, oldUrl, pic, at) {
        const done = await adminSide.renewPicture(id, oldUrl, pic);
        if (done) d.store.setPictureUploadedAt(id, pic.url, at);
        return done;
      },
    },
    writeConfigCache(entries) {
      for (const g of entries) {
        const row = d.store.get(g.groupId);
        if (!row) continue;
        if (row.priority !== g.priority) d.store.setPriority(g.groupId, g.priority);
        // The notification mode (UserGroups `@`/`!`), from this device or another.
        const mode = groupNotificationMode(g, d.now());
        if (d.store.notificationMode(row.id) !== mode) {
          d.store.setNotificationMode(row.id, mode);
          modeChanged.add(row.id);
        }
      }
    },
    configChanged() {
      const config = d.config();
      if (!config) return;
      const entries = config.userGroups();
      // Modes the applying transaction changed (writeConfigCache) are told now.
      const changed: string[] = [...modeChanged];
      modeChanged.clear();
      const now = d.now();
      for (const g of entries) {
        const row = d.store.get(g.groupId);
        if (row) {
          // A removal another device saw.
          if (row.state === 'joined' && g.removedStatus !== 'not_removed') {
            d.store.setState(row.id, g.removedStatus, now);
            changed.push(row.id);
          }
        }
        // A member's entry holds its auth data, an admin's the group seed (B.15).
        if ((g.authData === null && g.secretKey === null) || g.removedStatus !== 'not_removed' || g.invited) continue;
        if (row && row.state !== 'invited') continue;
        // Joined on another device: start that group here.
        d.db.transaction(() => {
          d.store.upsert({ id: g.groupId, state: 'joined', ...(g.name !== '' ? { name: g.name } : {}), authData: g.authData ?? new Uint8Array(0) }, now);
          if (g.priority !== 0) d.store.setPriority(g.groupId, g.priority);
          const mode = groupNotificationMode(g, now);
          if (mode !== 'all') d.store.setNotificationMode(g.groupId, mode);
          d.conversations.touch(g.groupId, 'group', g.joinedAt > 0 ? g.joinedAt * 1000 : now);
        })();
        d.log.info(`groups: ${short(g.groupId)} joined on another device`);
        changed.push(g.groupId);
      }
      const listed = new Set(entries.map((g) => g.groupId));
      for (const row of d.store.all()) {
        if (row.state === 'joined' && !listed.has(row.id) && config.swarmMerged()) {
          // Left on another device.
          d.conversationsService.remove([row.id], () => d.store.remove(row.id));
          live.delete(row.id);
          memberCache.delete(row.id);
          d.log.info(`groups: ${short(row.id)} left on another device`);
        }
      }
      if (changed.length > 0) {
        emitSummaries(changed);
        if (running) void enqueue();
      }
    },
  };
  return service;
}
