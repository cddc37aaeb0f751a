// Config sync (spec advanced.md part B): the account's four user configs (UserProfile, Contacts,
// ConvoInfoVolatile, UserGroups) as the one source of truth for profile, contacts, blocking, pins and read
// state. It
//   - loads their dumps at start (no refetch after a restart, B.11);
//   - applies: merges the config inbox the poller fills (in arrival order), then stores each dump, removes
//     the consumed inbox rows and writes the database caches, all in one transaction;
//   - mutates: every local change edits a config first, then goes through the same cache write, and
//     schedules a push;
//   - pushes: coalesced (a few seconds), one signed `sequence` per config storing its message(s) and deleting
//     the hashes it replaces, confirmed and dumped after. The push state lives in the dump (Dirty / Waiting),
//     so a crash between a change and its push loses nothing: the next start pushes it;
//   - never pushes before one complete retrieve of namespaces 2–5 has been merged (B.1): a device that
//     pushed its empty or fallback state first would wipe the account's other devices.
// The cache columns it writes (contacts, profile, read state) are written by nothing else.
import type { AccountView, ContactView, ConversationSummary, ExpirationView, MessageView, NotificationMode } from '../../ipc/contract';
import { IpcError } from '../../ipc/errors';
import {
  Contacts,
  ConvoInfoVolatile,
  Namespace,
  ProtocolError,
  TTL_MAX_PRIVATE_MS,
  UserGroups,
  UserProfile,
  bytesToHex,
  communityConversationId,
  emptyContact,
  parseRecipientSessionId,
  type ConfigBase,
  type ContactInfo,
  type GroupInfo,
  type Identity,
  type ProfilePic,
} from '../../protocol';
import type { ConfigInboxStore } from '../db/configInboxStore';
import type { ConfigStateStore, ContactCacheRow } from '../db/configStateStore';
import type { ContactPatch } from '../db/conversationStore';
import type { Db } from '../db/database';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import type { ConversationsService } from './conversations';
import type { EngineNetwork } from './engineNetwork';
import type { FollowUpFailure, FollowUpSource, FollowUps } from './followUps';
import type { ConfigRoom } from './communities';
import { crashPoint } from '../crashPoint';

/** Config messages live 30 days (spec advanced B.10). */
export const CONFIG_PUSH_TTL_MS = TTL_MAX_PRIVATE_MS;
/** Changes within this window go out in one push per config (the official app coalesces too). */
export const DEFAULT_CONFIG_PUSH_DELAY_MS = 2_000;
/** How long a restore waits for the account's profile config. */
export const DEFAULT_RESTORE_WAIT_MS = 15_000;
/** A message older than the newest merged config by more than this is dropped when the config hides its conversation (messaging §5.3). */
export const CONFIG_NEWER_MARGIN_MS = 2 * 60 * 1000;
/** Failed attempts before a push is reported as failed (it keeps being retried). */
const FAILED_AFTER_ATTEMPTS = 3;
const MAX_RETRY_DELAY_MS = 60_000;

const NS_PROFILE = Namespace.UserProfile;
const NS_CONTACTS = Namespace.UserContacts;
const NS_CONVO = Namespace.ConvoInfoVolatile;
const NS_GROUPS = Namespace.UserGroups;
const NAMESPACES = [NS_PROFILE, NS_CONTACTS, NS_CONVO, NS_GROUPS] as const;

interface Configs {
  profile: UserProfile;
  contacts: Contacts;
  convo: ConvoInfoVolatile;
  groups: UserGroups;
}

export interface ConfigSyncOptions {
  /** Coalescing window of pushes (tests use 0). */
  pushDelayMs?: number;
  /** First retry delay of a failed push; doubles up to a minute. */
  retryBaseMs?: number;
}

export interface ConfigSync {
  /** Loads the account's configs (called once the account exists) and applies what waits in the inbox. */
  start(identity: Identity): void;
  stop(): void;
  started(): boolean;
  /** Merges the config inbox into the configs and writes the caches. */
  applyInbox(): void;
  /** A poll finished; `configComplete`: every config namespace was retrieved to its end. */
  pollCompleted(configComplete: boolean): void;
  /** Whether a complete retrieve of the config namespaces has been merged (pushing is allowed). */
  swarmMerged(): boolean;
  /** Hashes of the config messages held, whose expiry each poll extends (B.10). */
  activeHashes(): string[];
  /** The follow-up source of the push queue (CLI commands wait for it). */
  readonly followUpSource: FollowUpSource;
  /** Pushes what is due now (skipping the coalescing delay); resolves when done. */
  flush(): Promise<void>;

  // --- changes (each edits a config, writes the caches and schedules a push) ---
  setDisplayName(name: string): AccountView;
  /** Sets (or with null removes) our profile picture pointer in the UserProfile config. */
  setProfilePicture(pic: ProfilePic | null): void;
  setBlocked(id: string, blocked: boolean): void;
  setNotificationMode(id: string, mode: NotificationMode): void;
  /** Forgets a contact (a blocked one stays blocked, with nothing else kept). */
  forgetContact(id: string): void;
  /** What received and sent messages learn about a contact (approval, their profile name). */
  contactSeen(id: string, patch: ContactPatch): void;
  /** A new Note-to-Self message (sent, or synced from another device) shows a hidden Note to Self again. */
  noteToSelfActive(): void;
  setNickname(id: string, nickname: string | null): ConversationSummary;
  setPinned(id: string, pinned: boolean): ConversationSummary;
  markRead(id: string, upTo: number): void;
  markUnread(id: string): ConversationSummary;
  setNoteToSelfHidden(hidden: boolean): ConversationSummary;
  setCommunityMessageRequests(enabled: boolean): void;
  // --- communities (begin) ---
  /** Adds a joined room to UserGroups (spec advanced B.15 `o`). */
  addCommunity(baseUrl: string, token: string, pubkey: string): void;
  /** Erases a left room from UserGroups and ConvoInfoVolatile. */
  removeCommunity(baseUrl: string, token: string): void;
  setCommunityNotificationMode(baseUrl: string, token: string, mode: NotificationMode): void;
  /** The rooms UserGroups lists. */
  communities(): ConfigRoom[];
  // --- communities (end) ---
  // --- groups (begin) ---
  /** The groups v2 entries of UserGroups (spec advanced B.15 `g`). */
  userGroups(): GroupInfo[];
  /** Adds or changes a group's `g` entry (read, then `change`d, then written). */
  updateGroup(groupId: string, change: (g: GroupInfo) => GroupInfo): void;
  /** Erases a group's `g` entries (UserGroups and ConvoInfoVolatile: we left it). */
  removeGroup(groupId: string): void;
  // --- groups (end) ---
  // --- disappearing messages (begin) ---
  /**
   * Sets a conversation's disappearing setting (Contacts `e`/`E`; Note to Self: UserProfile `e`, after-send
   * only): inside the caller's transaction, like contactSeen, so it commits with the control message. The
   * caller tells the UI. Returns whether the config changed.
   */
  setExpiration(id: string, setting: ExpirationView | undefined): boolean;
  /** Note to Self's disappearing timer (seconds) from the UserProfile config; undefined: off. */
  noteToSelfExpiry(): number | undefined;
  // --- disappearing messages (end) ---

  // --- reading ---
  listContacts(): ContactView[];
  /** The config-more-recent rule (messaging §5.3, §6.13): true when a message must be dropped. */
  isStale(conversationId: string, sentAt: number): boolean;
  /**
   * After a restore: waits (up to `timeoutMs`) for the profile config, then returns the display name from
   * it; without one, stores `fallback` (pushed only after the merge rule allows it) and returns it.
   */
  restoreName(fallback: string | undefined, timeoutMs?: number): Promise<string | undefined>;
}

export interface ConfigSyncDeps {
  db: Db;
  store: ConfigStateStore;
  inbox: ConfigInboxStore;
  conversations: ConversationsService;
  /** Message views for `messages.updated` when a read position marks messages read. */
  messages?: { get(id: string): MessageView | undefined };
  account: { get(): AccountView | null };
  events: EventBus;
  log: Logger;
  now: () => number;
  /** The running network, when the engine runs. */
  network: () => EngineNetwork | undefined;
  followUps: FollowUps;
  /** The community message-requests setting (kept equal to UserProfile `M`). */
  settings?: { get(): boolean; set(value: boolean): void };
  /** Profile pictures: the last applied profile time per contact, local copies' versions, and a nudge when a pointer may have changed. */
  avatars?: {
    contactProfileUpdated(id: string): number;
    setContactProfileUpdated(id: string, seconds: number): void;
    contactVersions(): Map<string, string>;
    /** Called (inside the writing transaction) after picture pointers were written; the callee defers its work. */
    pointersWritten(): void;
  };
  options?: ConfigSyncOptions;
  // --- communities (begin) ---
  /** Joined rooms (read state, settings cache) and the nudge after UserGroups changed (deferred past the transaction). */
  communities?: {
    roomOf(id: string): { baseUrl: string; token: string } | undefined;
    pubkeyOf(baseUrl: string): string | undefined;
    setRoomConfig(id: string, mode: NotificationMode, priority: number): void;
    configChanged(): void;
  };
  // --- communities (end) ---
  // --- groups (begin) ---
  /** Told (after the applying transaction) that UserGroups changed: groups joined or left on another device. */
  groups?: {
    configChanged(): void;
    /** Whether `id` is a group we know (invited, joined, kicked or destroyed). */
    isGroup(id: string): boolean;
    /** Writes the UserGroups cache columns (pin priority) of known groups; inside the applying transaction. */
    writeCache(entries: readonly GroupInfo[]): void;
  };
  // --- groups (end) ---
}

const toIpc = (err: unknown): never => {
  if (err instanceof ProtocolError) throw new IpcError('invalid_params', err.message, err.detail);
  throw err;
};

export function createConfigSync(d: ConfigSyncDeps): ConfigSync {
  const pushDelayMs = d.options?.pushDelayMs ?? DEFAULT_CONFIG_PUSH_DELAY_MS;
  const retryBaseMs = d.options?.retryBaseMs ?? 1_000;

  let st:
    | {
        identity: Identity;
        pubkey: string;
        cfg: Configs;
        latest: Map<number, number>;
        merged: boolean;
      }
    | undefined;
  /** Bumped by every change: the follow-up mark. */
  let generation = 0;
  /** Per namespace: the generation at which its unpushed change began. */
  const dirtySince = new Map<number, number>();
  const attempts = new Map<number, { count: number; error: string }>();
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> | undefined;
  let again = false;
  const waiters = new Set<() => void>();

  const require = () => {
    if (!st) throw new IpcError('unavailable', 'Create or restore an account first.');
    return st;
  };
  const byNs = (c: Configs, ns: number): ConfigBase =>
    ns === NS_PROFILE ? c.profile : ns === NS_CONTACTS ? c.contacts : ns === NS_CONVO ? c.convo : c.groups;

  const contactId = (raw: string): string => {
    const parsed = parseRecipientSessionId(raw);
    if (!parsed.ok || !parsed.value.hex.startsWith('05')) throw new IpcError('invalid_params', 'This is not an Account ID of a contact.');
    return parsed.value.hex;
  };

  // --- caches ---

  const contactRow = (c: ContactInfo, nowMs: number): ContactCacheRow => ({
    id: c.sessionId,
    approved: c.approved,
    approvedMe: c.approvedMe,
    blocked: c.blocked,
    nickname: c.nickname === '' ? null : c.nickname,
    profileName: c.name === '' ? null : c.name,
    notificationMode: c.notifications === 'disabled' || c.muteUntil * 1000 > nowMs ? 'mute' : 'all',
    priority: c.priority,
    muteUntil: c.muteUntil,
    expirationMode: c.expirationMode,
    expirationTimer: c.expirationTimerSeconds,
    avatarUrl: c.profilePic?.url ?? null,
    avatarKey: c.profilePic?.key ?? null,
  });

  /**
   * Writes the caches of namespace `ns` from its config (only `ids` when given). Inside a transaction.
   * Returns the ids of messages a read position marked read.
   */
  const writeCaches = (s: NonNullable<typeof st>, ns: number, ids?: readonly string[]): string[] => {
    const nowMs = d.now();
    if (ns === NS_PROFILE || ns === NS_CONTACTS) d.avatars?.pointersWritten();
    if (ns === NS_PROFILE) {
      const p = s.cfg.profile;
      d.store.writeProfile(
        {
          displayName: p.name ?? '',
          avatarUrl: p.profilePic?.url ?? null,
          avatarKey: p.profilePic?.key ?? null,
          ntsPriority: p.ntsPriority,
          communityMessageRequests: p.blindedMessageRequests,
        },
        nowMs,
      );
    } else if (ns === NS_CONTACTS) {
      if (ids) {
        const rows = ids.flatMap((id) => {
          const c = s.cfg.contacts.get(id);
          return c ? [contactRow(c, nowMs)] : [];
        });
        d.store.writeContacts(rows, false, nowMs);
        // A contact erased from the config leaves the cache too.
        const gone = ids.filter((id) => s.cfg.contacts.get(id) === null);
        if (gone.length > 0) d.store.writeContacts(s.cfg.contacts.all().map((c) => contactRow(c, nowMs)), true, nowMs);
      } else d.store.writeContacts(s.cfg.contacts.all().map((c) => contactRow(c, nowMs)), true, nowMs);
    } else if (ns === NS_CONVO) {
      const rows = s.cfg.convo.all().flatMap((c) => {
        // --- communities: a room's read state is cached under its conversation id (begin) ---
        if (c.type === 'community') {
          const id = roomIdOf(c.baseUrl, c.room);
          return id !== undefined && (!ids || ids.includes(id)) ? [{ id, lastReadAt: c.lastRead, markedUnread: c.unread }] : [];
        }
        // --- communities (end) ---
        // --- groups: a group's read state (its `g` entry) is cached under its 03 id ---
        if (c.type === 'group') return !ids || ids.includes(c.groupId) ? [{ id: c.groupId, lastReadAt: c.lastRead, markedUnread: c.unread }] : [];
        return c.type === 'one_to_one' && (!ids || ids.includes(c.sessionId)) ? [{ id: c.sessionId, lastReadAt: c.lastRead, markedUnread: c.unread }] : [];
      });
      return d.store.writeReadStates(rows, !ids, nowMs);
    }
    // --- groups: a `g` entry added or changed on another device starts (or stops) that group here ---
    if (ns === NS_GROUPS && d.groups) {
      const hooks = d.groups;
      hooks.writeCache(s.cfg.groups.groups());
      setImmediate(() => hooks.configChanged());
    }
    if (ns === NS_GROUPS && d.communities) {
      // --- communities (begin) ---
      // The settings of joined rooms are cached; rooms to join or drop are handled once this transaction is done.
      const hooks = d.communities;
      for (const r of communityRooms(s)) {
        const id = roomIdOf(r.baseUrl, r.token);
        if (id !== undefined && hooks.roomOf(id)) hooks.setRoomConfig(id, r.notificationMode, r.priority);
      }
      setImmediate(() => hooks.configChanged());
      // --- communities (end) ---
    }
    // UserGroups: joined rooms' and known groups' settings are cached above; other entries (legacy groups)
    // stay in the config untouched, and so on the swarm.
    return [];
  };

  // --- communities (begin) ---
  const roomIdOf = (baseUrl: string, room: string): string | undefined => {
    try {
      return communityConversationId(baseUrl, room);
    } catch {
      return undefined;
    }
  };
  const notifyOf = (n: string, muteUntil: number, nowMs: number): NotificationMode =>
    n === 'disabled' || muteUntil * 1000 > nowMs ? 'mute' : n === 'mentions_only' ? 'mentions' : 'all';
  const communityRooms = (s: NonNullable<typeof st>): ConfigRoom[] => {
    const nowMs = d.now();
    return s.cfg.groups.communities().map((c) => ({
      baseUrl: c.baseUrl,
      token: c.room,
      pubkey: bytesToHex(c.pubkey),
      notificationMode: notifyOf(c.notifications, c.muteUntil, nowMs),
      priority: c.priority,
    }));
  };
  /** The room a conversation id names, when it is a room we joined. */
  const roomOf = (id: string): { baseUrl: string; token: string; pubkey: string } | undefined => {
    const r = d.communities?.roomOf(id);
    const pubkey = r ? d.communities?.pubkeyOf(r.baseUrl) : undefined;
    return r && pubkey !== undefined ? { ...r, pubkey } : undefined;
  };
  // --- communities (end) ---

  /**
   * Namespaces whose stored dump could not be read: they start empty and are never pushed in this run
   * (an empty config pushed over the account's real one would wipe the other devices).
   */
  const unreadable = new Set<number>();

  const saveDump = (s: NonNullable<typeof st>, ns: number): void => {
    // An unreadable dump is never overwritten: a fresh one would be taken for the account's real state
    // at the next start and pushed over it.
    if (unreadable.has(ns)) return;
    const c = byNs(s.cfg, ns);
    d.store.save(s.pubkey, ns, { dump: c.dump(), latestMessageAt: s.latest.get(ns) ?? 0 }, d.now());
  };


  const loadConfigs = (identity: Identity, merged: boolean): { cfg: Configs; latest: Map<number, number>; loaded: boolean } => {
    const stored = d.store.load(identity.sessionId);
    const make = <T>(ns: number, ctor: new (o: { identity: Identity; dump: Uint8Array | null; swarmMerged: boolean }) => T): T => {
      const dump = stored.get(ns)?.dump ?? null;
      try {
        return new ctor({ identity, dump, swarmMerged: merged && !unreadable.has(ns) });
      } catch (err) {
        d.log.error(`config: the stored dump of namespace ${ns} cannot be read; it starts empty and is not pushed`, err);
        unreadable.add(ns);
        return new ctor({ identity, dump: null, swarmMerged: false });
      }
    };
    const latest = new Map<number, number>();
    for (const [ns, entry] of stored) latest.set(ns, entry.latestMessageAt);
    return {
      cfg: {
        profile: make(NS_PROFILE, UserProfile),
        contacts: make(NS_CONTACTS, Contacts),
        convo: make(NS_CONVO, ConvoInfoVolatile),
        groups: make(NS_GROUPS, UserGroups),
      },
      latest,
      loaded: stored.size > 0,
    };
  };

  /**
   * A change made inside someone else's transaction is undone in the database when that transaction
   * rolls back, but not in memory. Transactions are synchronous, so once the current task's work is done
   * the stored dump tells which happened: when it is not ours, the configs are read back.
   */
  let verifying = false;
  const verifyCommitted = (s: NonNullable<typeof st>): void => {
    if (verifying) return;
    verifying = true;
    queueMicrotask(() => {
      verifying = false;
      if (st !== s) return;
      const stored = d.store.load(s.pubkey);
      const differs = [NS_PROFILE, NS_CONTACTS].some((ns) => {
        const dump = stored.get(ns)?.dump;
        return dump === undefined || Buffer.compare(Buffer.from(dump), Buffer.from(byNs(s.cfg, ns).dump())) !== 0;
      });
      if (differs) {
        d.log.warn('config: a change was rolled back with its transaction; reading the configs back');
        reload();
      }
    });
  };

  /** After a failed transaction the configs in memory may be ahead of the database: take the stored ones back. */
  const reload = (): void => {
    if (!st) return;
    const r = loadConfigs(st.identity, st.merged);
    st.cfg = r.cfg;
    st.latest = r.latest;
  };

  // --- events ---

  /**
   * Tells the UI what changed: the summaries of `ids` (every listed conversation without them), the
   * conversations no longer listed, messages now read, and our profile.
   */
  const emitChanges = (before: Set<string>, profileChanged: boolean, readIds: readonly string[], ids?: readonly string[]): void => {
    const list = ids ? d.conversations.summaries(ids) : d.conversations.list();
    const now = new Set(list.map((c) => c.id));
    const removed = [...before].filter((id) => (ids ? ids.includes(id) : true) && !now.has(id));
    if (readIds.length > 0) {
      const views = readIds.flatMap((id) => d.messages?.get(id) ?? []);
      if (views.length > 0) d.events.emit('messages.updated', { messages: views });
    }
    if (removed.length > 0) d.events.emit('conversations.removed', { ids: removed });
    if (list.length > 0) d.events.emit('conversations.updated', { conversations: list });
    if (profileChanged) d.events.emit('account.changed', { account: d.account.get() });
  };
  const listedIds = (): Set<string> => new Set(d.conversations.list().map((c) => c.id));

  const notifyWaiters = (): void => {
    for (const w of [...waiters]) w();
  };

  const syncSetting = (): void => {
    if (!st || !d.settings) return;
    const m = st.cfg.profile.blindedMessageRequests;
    if (m !== null && m !== d.settings.get()) d.settings.set(m);
  };

  // --- push ---

  const schedule = (delayMs: number): void => {
    if (!st || !st.merged) return;
    if (timer) {
      if (delayMs > 0) return; // already coalescing: the change joins that push
      clearTimeout(timer);
    }
    timer = setTimeout(() => {
      timer = undefined;
      void flush();
    }, delayMs);
    timer.unref?.();
  };

  const pushOne = async (s: NonNullable<typeof st>, ns: number, net: EngineNetwork & { storeConfig: NonNullable<EngineNetwork['storeConfig']> }): Promise<void> => {
    const c = byNs(s.cfg, ns);
    const p = c.push(d.now());
    // Waiting is dumped before the store: after a crash the same seqno is pushed again.
    d.db.transaction(() => saveDump(s, ns))();
    crashPoint('config.beforeStore');
    const signer = { pubkey: s.pubkey, ed25519: s.identity.ed25519 };
    const { hashes } = await net.storeConfig(
      signer,
      p.messages.map((data) => ({ namespace: ns, data, ttlMs: CONFIG_PUSH_TTL_MS })),
      p.obsoleteHashes,
    );
    if (st !== s) return;
    crashPoint('config.stored');
    c.confirmPushed(p.seqno, hashes);
    d.db.transaction(() => saveDump(s, ns))();
    d.log.info(`config: pushed ${c.type.name} seqno ${p.seqno} (${p.messages.length} message(s), ${p.obsoleteHashes.length} replaced)`);
  };

  const flushOnce = async (): Promise<void> => {
    const s = st;
    if (!s || !s.merged) return;
    const net = d.network();
    if (!net?.storeConfig) return;
    const storeNet = net as EngineNetwork & { storeConfig: NonNullable<EngineNetwork['storeConfig']> };
    let retryIn: number | undefined;
    for (const ns of NAMESPACES) {
      const c = byNs(s.cfg, ns);
      if (!c.needsPush || unreadable.has(ns)) continue;
      try {
        await pushOne(s, ns, storeNet);
        attempts.delete(ns);
        if (!c.needsPush) dirtySince.delete(ns);
      } catch (err) {
        const a = attempts.get(ns) ?? { count: 0, error: '' };
        a.count++;
        a.error = err instanceof Error ? err.message : String(err);
        attempts.set(ns, a);
        d.log.warn(`config: pushing ${c.type.name} failed (attempt ${a.count}): ${a.error}`);
        const delay = Math.min(retryBaseMs * 2 ** (a.count - 1), MAX_RETRY_DELAY_MS);
        retryIn = retryIn === undefined ? delay : Math.min(retryIn, delay);
      }
      d.followUps.changed();
      if (st !== s) return;
    }
    if (retryIn !== undefined) schedule(retryIn);
  };

  const flush = async (): Promise<void> => {
    if (flushing) {
      again = true;
      return flushing;
    }
    flushing = (async () => {
      do {
        again = false;
        await flushOnce();
      } while (again && st !== undefined);
    })().finally(() => {
      flushing = undefined;
    });
    return flushing;
  };

  // --- changes ---

  /**
   * Runs `change` on the configs, then stores the changed dumps and writes the caches of `namespaces`
   * in one transaction, emits the events and schedules a push.
   */
  const mutate = <T>(namespaces: readonly number[], change: (c: Configs) => T, ids?: readonly string[]): T => {
    const s = require();
    const before = listedIds();
    let result: T;
    try {
      result = change(s.cfg);
    } catch (err) {
      reload();
      return toIpc(err);
    }
    // A change that changes nothing (a second "mark read") stores, pushes and tells nothing.
    const changed = namespaces.filter((ns) => byNs(s.cfg, ns).needsDump);
    if (changed.length === 0) return result;
    let readIds: string[] = [];
    try {
      d.db.transaction(() => {
        for (const ns of changed) {
          saveDump(s, ns);
          readIds = readIds.concat(writeCaches(s, ns, ids));
        }
      })();
    } catch (err) {
      reload();
      throw err;
    }
    generation++;
    for (const ns of changed) if (byNs(s.cfg, ns).needsPush && !dirtySince.has(ns)) dirtySince.set(ns, generation);
    d.followUps.changed();
    emitChanges(before, changed.includes(NS_PROFILE), readIds, ids);
    schedule(pushDelayMs);
    return result;
  };

  /** A group conversation id we know (03…), else undefined. */
  const groupOf = (raw: string): string | undefined => {
    const id = raw.trim().toLowerCase();
    return /^03[0-9a-f]{64}$/.test(id) && d.groups?.isGroup(id) ? id : undefined;
  };

  /** Sets a 1:1 conversation's (or a room's) read state (Convo Info Volatile) from the last-read time it has now. */
  const setReadState = (raw: string, next: (lastRead: number) => { lastRead: number; unread: boolean }): string => {
    // --- communities (begin) ---
    const room = roomOf(raw);
    if (room) {
      const nowMs = d.now();
      mutate(
        [NS_CONVO],
        (c) => {
          c.convo.setCommunity(room.baseUrl, room.token, room.pubkey, next(c.convo.getCommunity(room.baseUrl, room.token)?.lastRead ?? 0), nowMs);
        },
        [raw],
      );
      return raw;
    }
    // --- communities (end) ---
    // --- groups: ConvoInfoVolatile `g` (begin) ---
    const gid = groupOf(raw);
    if (gid !== undefined) {
      const nowMs = d.now();
      mutate([NS_CONVO], (c) => void c.convo.setGroup(gid, next(c.convo.getGroup(gid)?.lastRead ?? 0), nowMs), [gid]);
      return gid;
    }
    // --- groups (end) ---
    const id = contactId(raw);
    const nowMs = d.now();
    mutate(
      [NS_CONVO],
      (c) => {
        c.convo.set1to1(id, next(c.convo.get1to1(id)?.lastRead ?? 0), nowMs);
      },
      [id],
    );
    return id;
  };

  const summaryOf = (id: string): ConversationSummary => {
    const s = d.conversations.anySummary(id);
    if (s) return s;
    const me = require().pubkey;
    if (id === me) {
      const prio = require().cfg.profile.ntsPriority;
      return { id, kind: 'note-to-self', isApproved: true, isRequest: false, isBlocked: false, unreadCount: 0, updatedAt: d.now(), hidden: prio < 0, ...(prio > 0 ? { pinnedPriority: prio } : {}) };
    }
    const c = require().cfg.contacts.get(id);
    const out: ConversationSummary = {
      id,
      kind: 'private',
      isApproved: c?.approved ?? false,
      isRequest: false,
      isBlocked: c?.blocked ?? false,
      unreadCount: 0,
      updatedAt: d.now(),
      notificationMode: c?.notifications === 'disabled' ? 'mute' : 'all',
    };
    if (c && c.nickname !== '') out.nickname = c.nickname;
    if (c && c.name !== '') out.profileName = c.name;
    const name = out.nickname ?? out.profileName;
    if (name !== undefined) out.name = name;
    if (c && c.priority > 0) out.pinnedPriority = c.priority;
    return out;
  };

  const topPriority = (c: Configs): number =>
    Math.max(0, c.profile.ntsPriority, ...c.contacts.all().map((x) => x.priority), ...c.groups.communities().map((x) => x.priority), ...c.groups.groups().map((x) => x.priority));

  const source: FollowUpSource = {
    name: 'config',
    mark: () => generation,
    status(since) {
      const failed: FollowUpFailure[] = [];
      let pending = 0;
      let pendingEarlier = 0;
      if (st) {
        for (const ns of NAMESPACES) {
          const c = byNs(st.cfg, ns);
          if (!c.needsPush || unreadable.has(ns)) continue;
          const a = attempts.get(ns);
          const earlier = since !== undefined && (dirtySince.get(ns) ?? 0) <= since;
          if (a && a.count >= FAILED_AFTER_ATTEMPTS) {
            failed.push({ source: 'config', kind: 'config-push', id: c.type.name, destination: st.pubkey, attempts: a.count, error: a.error, earlier });
            continue;
          }
          pending++;
          if (earlier) pendingEarlier++;
        }
      }
      return { pending, pendingEarlier, failed };
    },
    retryFailed() {
      let n = 0;
      for (const [ns, a] of attempts) {
        if (a.count >= FAILED_AFTER_ATTEMPTS) {
          attempts.delete(ns);
          n++;
        }
      }
      // Called when the network comes back too: whatever waits for a retry goes now.
      if (st && NAMESPACES.some((ns) => byNs((st as NonNullable<typeof st>).cfg, ns).needsPush)) schedule(0);
      return n;
    },
  };

  const self: ConfigSync = {
    start(identity) {
      if (st) return;
      const merged = d.store.swarmMerged(identity.sessionId);
      const r = loadConfigs(identity, merged);
      st = { identity, pubkey: identity.sessionId, cfg: r.cfg, latest: r.latest, merged };
      if (!r.loaded) {
        // First start with config sync: what this profile already knows (its name, its contacts from an
        // earlier version) becomes local changes of the configs, pushed once the swarm is merged.
        const s = st;
        const profile = d.store.readProfile();
        if (profile && profile.displayName !== '') s.cfg.profile.setNameTruncated(profile.displayName);
        for (const row of d.store.readContacts()) {
          if (row.id === s.pubkey) continue;
          try {
            s.cfg.contacts.set({
              ...emptyContact(row.id),
              name: row.profileName ?? '',
              nickname: row.nickname ?? '',
              approved: row.approved,
              approvedMe: row.approvedMe,
              blocked: row.blocked,
              notifications: row.notificationMode === 'mute' ? 'disabled' : 'default',
            });
          } catch (err) {
            d.log.warn(`config: a stored contact could not be carried into the Contacts config (${err instanceof Error ? err.message : String(err)})`);
          }
        }
        d.db.transaction(() => {
          for (const ns of NAMESPACES) saveDump(s, ns);
        })();
      }
      for (const ns of NAMESPACES) if (byNs(st.cfg, ns).needsPush) dirtySince.set(ns, 0);
      self.applyInbox();
      // The caches follow the configs from the first start on, whatever an older version left there.
      const s = st;
      d.db.transaction(() => {
        for (const ns of NAMESPACES) writeCaches(s, ns);
      })();
      schedule(0);
    },
    stop() {
      st = undefined;
      if (timer) clearTimeout(timer);
      timer = undefined;
      notifyWaiters();
    },
    started: () => st !== undefined,
    swarmMerged: () => st?.merged ?? false,
    applyInbox() {
      const s = st;
      if (!s) return;
      const rows = d.inbox.list(s.pubkey);
      if (rows.length === 0) return;
      const before = listedIds();
      const consumed: number[] = [];
      const changedNs: number[] = [];
      const dirtyDump = new Set<number>();
      let needsPush = false;
      for (const ns of NAMESPACES) {
        const mine = rows.filter((r) => r.namespace === ns);
        if (mine.length === 0) continue;
        const c = byNs(s.cfg, ns);
        const report = c.merge(
          mine.map((r) => ({ hash: r.hash, data: r.data })),
          d.now(),
        );
        for (const rj of report.rejected) d.log.warn(`config: ${c.type.name} message ${rj.hash.slice(0, 8)}… rejected (${rj.reason})`);
        const pending = new Set(report.pending);
        let latest = s.latest.get(ns) ?? 0;
        const accepted = new Set(report.accepted);
        for (const r of mine) {
          if (accepted.has(r.hash)) latest = Math.max(latest, r.timestamp);
          if (!pending.has(r.hash)) consumed.push(r.seq);
        }
        if (latest !== s.latest.get(ns)) dirtyDump.add(ns);
        s.latest.set(ns, latest);
        // Our own pushes come back from the swarm: they change nothing, so nothing is rewritten or told.
        if (report.changed) changedNs.push(ns);
        if (c.needsDump) dirtyDump.add(ns);
        if (report.merged || c.needsPush) needsPush = true;
      }
      // Rows of other namespaces (none today) stay for a later version.
      let readIds: string[] = [];
      try {
        d.db.transaction(() => {
          for (const ns of new Set([...dirtyDump, ...changedNs])) saveDump(s, ns);
          for (const ns of changedNs) readIds = readIds.concat(writeCaches(s, ns));
          crashPoint('config.inApply');
          d.inbox.remove(consumed);
        })();
      } catch (err) {
        d.log.error('config: applying retrieved configs failed; they stay in the inbox', err);
        reload();
        return;
      }
      notifyWaiters();
      if (needsPush) schedule(pushDelayMs);
      if (changedNs.length === 0) return;
      d.log.info(`config: merged ${consumed.length} config message(s); namespace(s) ${changedNs.join(', ')} changed`);
      syncSetting();
      emitChanges(before, changedNs.includes(NS_PROFILE), readIds);
    },
    pollCompleted(configComplete) {
      const s = st;
      if (!s) return;
      self.applyInbox();
      if (!s.merged && configComplete) {
        s.merged = true;
        for (const ns of NAMESPACES) if (!unreadable.has(ns)) byNs(s.cfg, ns).markSwarmMerged();
        d.store.setSwarmMerged(s.pubkey, d.now());
        d.log.info('config: the account’s stored configs are merged; changes are pushed from now on');
        notifyWaiters();
        schedule(0);
      }
    },
    activeHashes() {
      if (!st) return [];
      const nowMs = d.now();
      return NAMESPACES.flatMap((ns) => byNs((st as NonNullable<typeof st>).cfg, ns).activeHashes(nowMs));
    },
    followUpSource: source,
    flush: async () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      await flush();
    },

    setDisplayName(name) {
      mutate([NS_PROFILE], (c) => c.profile.setNameTruncated(name.trim()));
      return d.account.get() as AccountView;
    },
    setProfilePicture(pic) {
      mutate([NS_PROFILE], (c) => c.profile.setProfilePic(pic));
    },
    setBlocked(raw, blocked) {
      const id = contactId(raw);
      mutate([NS_CONTACTS], (c) => c.contacts.setBlocked(id, blocked), [id]);
    },
    setNotificationMode(raw, mode) {
      const id = contactId(raw);
      mutate([NS_CONTACTS], (c) => c.contacts.setNotifications(id, mode === 'mute' ? 'disabled' : 'default', 0), [id]);
    },
    forgetContact(raw) {
      const id = contactId(raw);
      mutate(
        [NS_CONTACTS, NS_CONVO],
        (c) => {
          const was = c.contacts.get(id);
          if (was?.blocked) c.contacts.set({ ...emptyContact(id), blocked: true });
          else c.contacts.erase(id);
          c.convo.erase1to1(id);
        },
        [id],
      );
    },
    contactSeen(id, patch) {
      const s = require();
      if (id === s.pubkey) return;
      const c = s.cfg.contacts.getOrConstruct(id);
      const next: ContactInfo = { ...c };
      if (patch.isApproved !== undefined) next.approved = patch.isApproved;
      if (patch.didApproveMe !== undefined) next.approvedMe = patch.didApproveMe;
      if (patch.profileName !== undefined && patch.profileName !== '') next.name = patch.profileName;
      // The picture follows only a profile newer than the last one applied (both 0 counts as newer).
      let profileTime: number | undefined;
      if (patch.profile && d.avatars) {
        const applied = d.avatars.contactProfileUpdated(id);
        const t = patch.profile.updatedSeconds;
        if (t > applied || (t === 0 && applied === 0)) {
          next.profilePic = patch.profile.picture;
          if (t > applied) profileTime = t;
        }
      }
      const samePic = next.profilePic?.url === c.profilePic?.url && Buffer.from(next.profilePic?.key ?? []).equals(Buffer.from(c.profilePic?.key ?? []));
      if (s.cfg.contacts.get(id) !== null && next.approved === c.approved && next.approvedMe === c.approvedMe && next.name === c.name && samePic) {
        if (profileTime !== undefined) d.avatars?.setContactProfileUpdated(id, profileTime);
        return;
      }
      if (next.created === 0) next.created = Math.floor(d.now() / 1000);
      // Called inside the receiver's (or sender's) transaction: the dump and cache commit with its messages.
      s.cfg.contacts.set(next);
      generation++;
      if (!dirtySince.has(NS_CONTACTS)) dirtySince.set(NS_CONTACTS, generation);
      saveDump(s, NS_CONTACTS);
      writeCaches(s, NS_CONTACTS, [id]);
      if (profileTime !== undefined) d.avatars?.setContactProfileUpdated(id, profileTime);
      if (d.db.inTransaction) verifyCommitted(s);
      schedule(pushDelayMs);
    },
    noteToSelfActive() {
      const s = st;
      if (!s || s.cfg.profile.ntsPriority >= 0) return;
      // Inside the sender's or receiver's transaction, like contactSeen.
      s.cfg.profile.setNtsPriority(0);
      generation++;
      if (!dirtySince.has(NS_PROFILE)) dirtySince.set(NS_PROFILE, generation);
      saveDump(s, NS_PROFILE);
      writeCaches(s, NS_PROFILE);
      if (d.db.inTransaction) verifyCommitted(s);
      schedule(pushDelayMs);
    },
    setNickname(raw, nickname) {
      const id = contactId(raw);
      if (id === require().pubkey) throw new IpcError('invalid_params', 'You cannot give yourself a nickname.');
      mutate([NS_CONTACTS], (c) => c.contacts.setNickname(id, nickname?.trim() ?? ''), [id]);
      return summaryOf(id);
    },
    setPinned(raw, pinned) {
      // --- communities: a room's pin is its UserGroups priority (begin) ---
      const room = roomOf(raw);
      if (room) {
        mutate([NS_GROUPS], (c) => {
          const e = c.groups.getCommunity(room.baseUrl, room.token);
          if (!e) return;
          if (pinned && e.priority > 0) return;
          c.groups.setCommunity({ ...e, priority: pinned ? topPriority(c) + 1 : e.priority > 0 ? 0 : e.priority });
        });
        return summaryOf(raw);
      }
      // --- communities (end) ---
      // --- groups: a group's pin is its UserGroups `g` priority (begin) ---
      const gid = groupOf(raw);
      if (gid !== undefined) {
        mutate(
          [NS_GROUPS],
          (c) => {
            const e = c.groups.getGroup(gid);
            if (!e) return;
            if (pinned && e.priority > 0) return;
            c.groups.setGroup({ ...e, priority: pinned ? topPriority(c) + 1 : e.priority > 0 ? 0 : e.priority });
          },
          [gid],
        );
        return summaryOf(gid);
      }
      // --- groups (end) ---
      const id = contactId(raw);
      const me = require().pubkey;
      mutate(
        [id === me ? NS_PROFILE : NS_CONTACTS],
        (c) => {
          const cur = id === me ? c.profile.ntsPriority : (c.contacts.get(id)?.priority ?? 0);
          if (pinned && cur > 0) return;
          const prio = pinned ? topPriority(c) + 1 : cur > 0 ? 0 : cur;
          if (id === me) c.profile.setNtsPriority(prio);
          else c.contacts.setPriority(id, prio);
        },
        [id],
      );
      return summaryOf(id);
    },
    markRead(raw, upTo) {
      setReadState(raw, (lastRead) => ({ lastRead: Math.max(lastRead, Math.trunc(upTo)), unread: false }));
    },
    markUnread(raw) {
      return summaryOf(setReadState(raw, (lastRead) => ({ lastRead, unread: true })));
    },
    setNoteToSelfHidden(hidden) {
      const me = require().pubkey;
      mutate([NS_PROFILE], (c) => {
        const cur = c.profile.ntsPriority;
        c.profile.setNtsPriority(hidden ? -1 : cur < 0 ? 0 : cur);
      });
      return summaryOf(me);
    },
    // --- communities (begin) ---
    addCommunity(baseUrl, token, pubkey) {
      mutate([NS_GROUPS], (c) => {
        const e = c.groups.getOrConstructCommunity(baseUrl, token, pubkey);
        c.groups.setCommunity({ ...e, room: token, joinedAt: e.joinedAt > 0 ? e.joinedAt : Math.floor(d.now() / 1000), invited: false });
      });
    },
    removeCommunity(baseUrl, token) {
      mutate([NS_GROUPS, NS_CONVO], (c) => {
        c.groups.eraseCommunity(baseUrl, token);
        c.convo.eraseCommunity(baseUrl, token);
      });
    },
    setCommunityNotificationMode(baseUrl, token, mode) {
      mutate([NS_GROUPS], (c) => {
        const e = c.groups.getCommunity(baseUrl, token);
        if (!e) return;
        c.groups.setCommunity({ ...e, notifications: mode === 'mute' ? 'disabled' : mode === 'mentions' ? 'mentions_only' : 'default', muteUntil: 0 });
      });
    },
    communities() {
      return st ? communityRooms(st) : [];
    },
    // --- communities (end) ---
    // --- groups (begin) ---
    userGroups() {
      return st ? st.cfg.groups.groups() : [];
    },
    updateGroup(groupId, change) {
      mutate([NS_GROUPS], (c) => {
        c.groups.setGroup(change(c.groups.getOrConstructGroup(groupId)));
      });
    },
    removeGroup(groupId) {
      // Its read state (ConvoInfoVolatile `g`) goes with it, as a left room's does.
      mutate([NS_GROUPS, NS_CONVO], (c) => {
        c.groups.eraseGroup(groupId);
        c.convo.eraseGroup(groupId);
      });
    },
    // --- groups (end) ---
    setCommunityMessageRequests(enabled) {
      if (!st || st.cfg.profile.blindedMessageRequests === enabled) return;
      mutate([NS_PROFILE], (c) => c.profile.setBlindedMessageRequests(enabled));
    },
    // --- disappearing messages (begin) ---
    setExpiration(raw, setting) {
      const s = require();
      const id = raw === s.pubkey ? raw : contactId(raw);
      const seconds = setting && setting.seconds > 0 ? setting.seconds : 0;
      let ns: number;
      if (id === s.pubkey) {
        // Note to Self knows only after-send (spec messaging §6.13): the timer alone is stored.
        if ((s.cfg.profile.ntsExpirySeconds ?? 0) === seconds) return false;
        s.cfg.profile.setNtsExpiry(seconds);
        ns = NS_PROFILE;
      } else {
        const c = s.cfg.contacts.get(id);
        const mode = seconds === 0 || !setting ? 'none' : setting.type === 'after-send' ? 'after_send' : 'after_read';
        if ((c?.expirationMode ?? 'none') === mode && (c?.expirationTimerSeconds ?? 0) === seconds) return false;
        s.cfg.contacts.setExpiry(id, mode, seconds);
        const after = s.cfg.contacts.get(id);
        if (after && after.created === 0) s.cfg.contacts.setCreated(id, Math.floor(d.now() / 1000));
        ns = NS_CONTACTS;
      }
      generation++;
      if (!dirtySince.has(ns)) dirtySince.set(ns, generation);
      saveDump(s, ns);
      writeCaches(s, ns, ns === NS_CONTACTS ? [id] : undefined);
      if (d.db.inTransaction) verifyCommitted(s);
      schedule(pushDelayMs);
      return true;
    },
    noteToSelfExpiry: () => st?.cfg.profile.ntsExpirySeconds ?? undefined,
    // --- disappearing messages (end) ---

    listContacts() {
      const s = require();
      const versions = d.avatars?.contactVersions() ?? new Map<string, string>();
      return s.cfg.contacts.all().map((c) => {
        const v: ContactView = { id: c.sessionId, approved: c.approved, approvedMe: c.approvedMe, blocked: c.blocked };
        if (c.name !== '') v.profileName = c.name;
        if (c.nickname !== '') v.nickname = c.nickname;
        const version = c.profilePic ? versions.get(c.sessionId) : undefined;
        if (version !== undefined) v.avatarVersion = version;
        return v;
      });
    },
    isStale(conversationId, sentAt) {
      const s = st;
      if (!s) return false;
      if (conversationId === s.pubkey) {
        const latest = s.latest.get(NS_PROFILE) ?? 0;
        return latest > sentAt + CONFIG_NEWER_MARGIN_MS && s.cfg.profile.ntsPriority < 0;
      }
      // --- groups: a group's messages are not the Contacts config's business (its own Info `d` rules them) ---
      if (conversationId.startsWith('03')) return false;
      const latest = s.latest.get(NS_CONTACTS) ?? 0;
      if (latest <= sentAt + CONFIG_NEWER_MARGIN_MS) return false;
      let c: ContactInfo | null;
      try {
        c = s.cfg.contacts.get(conversationId);
      } catch {
        return false;
      }
      return c === null || c.priority < 0;
    },
    async restoreName(fallback, timeoutMs = DEFAULT_RESTORE_WAIT_MS) {
      const s = require();
      const done = (): boolean => st !== s || s.merged || s.cfg.profile.name !== null;
      if (!done()) {
        await new Promise<void>((resolve) => {
          const check = (): void => {
            if (!done()) return;
            finish();
          };
          const finish = (): void => {
            waiters.delete(check);
            clearTimeout(t);
            resolve();
          };
          const t = setTimeout(finish, timeoutMs);
          waiters.add(check);
        });
      }
      if (st !== s) return undefined;
      const name = s.cfg.profile.name;
      if (name !== null) return name;
      if (fallback === undefined || fallback.trim() === '') return undefined;
      // Stored as a local change: pushed only once the account's configs are merged (B.1).
      self.setDisplayName(fallback);
      return fallback.trim();
    },
  };
  return self;
}
