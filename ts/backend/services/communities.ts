// Communities (SOGS rooms, spec advanced.md part A): join and leave (kept in the UserGroups config so our
// other devices and a restore rejoin), one poller per server (one /batch per poll for all its rooms, backing
// off while quiet and while failing), the receive path of room messages (signatures verified, Content stored
// like 1:1 messages, deletions, edits, reactions and pins applied, the seqno cursor advanced in the same
// transaction), posting (an outbox job), reactions, deletion, moderation and the member list.
import type { CommunityMemberView, CommunityModeration, CommunityView, ConversationSummary, DefaultRoomView, MessageView, NotificationMode } from '../../ipc/contract';
import { IpcError } from '../../ipc/errors';
import {
  blind15Id,
  blind15IdsFromSessionId,
  buildCommunityUrl,
  buildRoomPost,
  communityConversationId,
  bytesToHex,
  canonicalCommunityUrl,
  hexToBytes,
  decodeBlindedDmContent,
  decryptBlindedDm,
  decryptBlindedDmOutbox,
  encodeBlindedDmContent,
  encryptBlindedDm,
  openRoomMessage,
  parseCommunityUrl,
  parseFileUrl,
  sessionIdMatchesBlinded15,
  unpadMessage,
  type Content,
  type ContentProps,
  type Identity,
  type OpenedRoomMessage,
  type Result,
} from '../../protocol';
import { NetworkError } from '../../network';
import { SogsClient, SogsError, type SogsDirectMessage, type SogsMessage, type SogsPollInfo, type SogsPollResult, type SogsRoom, type SogsServer } from '../../network/sogs';
import type { AttachmentQueue } from '../db/attachmentQueue';
import type { CommunityRoomRow, CommunityStore, RoomInfoUpdate, RoomReaction } from '../db/communityStore';
import type { ConversationStore } from '../db/conversationStore';
import type { Db } from '../db/database';
import type { MessageStore } from '../db/messageStore';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import { attachmentRowsFromPointers } from '../media/receivedAttachments';
import type { ConversationsService } from './conversations';
import type { EngineNetwork } from './engineNetwork';
import { attachmentMessageContent, profileFields, textContent, withMessageExtras, type OutgoingProfile } from './outbox';
import { AttachmentUploadError, type AttachmentUploadDeps } from './attachmentUpload';
import type { AttachmentRow } from '../db/attachmentStore';
import { decodeContent, type AttachmentPointerProps } from '../../protocol';
import { LINK_PREVIEW_ATTACHMENT_INDEX } from '../db/messageExtras';
import { DEFAULT_POLL_TIMING, TRIM_AGE_MS, TRIM_KEEP_MESSAGES, nextPollDelay, pollPlan, type PollState, type PollTiming } from './communityPolling';
import { MAX_BODY_CODE_POINTS, truncateCodePoints } from './receiver';
import { receivedPreviewOf, withLinkPreview } from './linkPreviewContent';
import type { RoomOpenItem } from './decryptPool';
import { createMessageIdSource } from './messageIds';

/** Verifies and decodes room posts off the engine thread (the engine's decrypt pool): result i for items[i]. */
export interface RoomOpener {
  openRoomsAsync(items: readonly RoomOpenItem[]): Promise<Result<OpenedRoomMessage>[]>;
}

/** What openRoomMessage needs of a received post; undefined for rows that are no posts (deletions, reaction updates). */
function roomOpenItem(row: SogsMessage, receivedAt: number): RoomOpenItem | undefined {
  if (row.deleted || row.sessionId === undefined || row.data === undefined || row.signature === undefined) return undefined;
  return { senderId: row.sessionId, data: row.data, signature: row.signature, postedMs: Math.round((row.posted ?? receivedAt / 1000) * 1000) };
}

/**
 * Opens (signature, Content, 6-hour rule) every post among `rows` with `opener` (worker threads) ahead of the
 * transaction that stores them; the applier opens in-thread whatever is missing from the map.
 */
export async function openRoomPosts(opener: RoomOpener, rows: readonly SogsMessage[], receivedAt: number): Promise<Map<SogsMessage, Result<OpenedRoomMessage>>> {
  const posts: SogsMessage[] = [];
  const items: RoomOpenItem[] = [];
  for (const r of rows) {
    const item = roomOpenItem(r, receivedAt);
    if (item) {
      posts.push(r);
      items.push(item);
    }
  }
  const out = new Map<SogsMessage, Result<OpenedRoomMessage>>();
  if (items.length === 0) return out;
  const results = await opener.openRoomsAsync(items);
  posts.forEach((r, i) => {
    const res = results[i];
    if (res) out.set(r, res);
  });
  return out;
}

/** A room entry of the UserGroups config as the communities service sees it. */
export interface ConfigRoom {
  baseUrl: string;
  /** Case-preserved token. */
  token: string;
  /** 64 hex. */
  pubkey: string;
  notificationMode: NotificationMode;
  priority: number;
}

/** What the communities service asks of config sync (UserGroups `o`, ConvoInfoVolatile `o`). */
export interface CommunityConfig {
  /** Adds (or keeps) the room in UserGroups. */
  addCommunity(baseUrl: string, token: string, pubkey: string): void;
  /** Erases the room from UserGroups and ConvoInfoVolatile. */
  removeCommunity(baseUrl: string, token: string): void;
  setCommunityNotificationMode(baseUrl: string, token: string, mode: NotificationMode): void;
  communities(): ConfigRoom[];
  swarmMerged(): boolean;
}

/** The network's community server (network.json `sogs`). */
export interface NetworkCommunityServer {
  url: string;
  pubkey: string;
  rooms: string[];
}

export interface CommunitiesService {
  /** Starts the pollers; `opener` (the engine's worker pool) verifies room posts off the engine thread. */
  start(identity: Identity, opener?: RoomOpener): void;
  stop(): void;
  join(url: string): Promise<ConversationSummary>;
  leave(id: string): { id: string };
  defaultRooms(): Promise<DefaultRoomView[]>;
  members(id: string, query?: string, limit?: number): CommunityMemberView[];
  moderate(id: string, user: string, action: CommunityModeration): Promise<{ id: string; user: string; action: CommunityModeration }>;
  pin(messageId: string, pinned: boolean): Promise<MessageView>;
  react(messageId: string, emoji: string, action: 'add' | 'remove'): Promise<MessageView>;
  /** Moderators: removes everyone's `emoji` reactions from a room message (DELETE /room/{t}/reactions/{id}/{emoji}). */
  clearReactions(messageId: string, emoji: string): Promise<MessageView>;
  /** Deletes room messages on the server (ours, or anyone's as a moderator). */
  unsend(ids: readonly string[]): Promise<{ deleted: string[] }>;
  /** What an invitation to the room carries (spec messaging §6.5): its share URL and name. */
  invitationOf(id: string): { url: string; name: string };
  setNotificationMode(id: string, mode: NotificationMode): ConversationSummary;
  /**
   * Fetches the page of a room's messages older than the oldest one here (`messages/before`, as the user
   * scrolls back); resolves with how many were stored. Once a page comes back short, the room's first
   * message is here and nothing more is asked.
   */
  fetchOlder(id: string): Promise<number>;
  /** Whether the server may hold messages of the room older than ours. */
  mayHaveOlder(id: string): boolean;
  /** Polls every server now (resets their back-off); resolves with the number of new messages. */
  pollNow(): Promise<number>;
  /** Opens a blinded direct message with a room member (their 15 id), or their 1:1 conversation once their Session ID is known. */
  messageMember(id: string, user: string): ConversationSummary;
  /** How messages.send sends to `to`: a joined room (from our blinded id) or a blinded DM conversation; undefined otherwise. */
  sendTarget(to: string): { conversationId: string; sender: string; kind: 'community' | 'private'; senderSessionId?: string } | undefined;
  /** Whether the outbox posts rows for this destination (a room, or a blinded id we DM through its server). */
  handles(destination: string): boolean;
  /** The room a conversation id names, if we joined it. */
  room(id: string): CommunityRoomRow | undefined;
  /** Our blinded id in a room (the sender of our messages there). */
  blindedIdIn(id: string): string;
  /** The outbox's job for a room message: uploads, signs and posts it; resolves with the server's id and time. */
  post(message: MessageView): Promise<{ serverId: number; postedAt: number }>;
  /** The conversation-list fields of rooms among `summaries` (name, community view, notification mode, pin). */
  decorate(summaries: ConversationSummary[]): ConversationSummary[];
  /** Config-apply changed the UserGroups config: join rooms it lists that we lack, drop the ones it no longer lists. */
  configChanged(): void;
  /** Deletes old messages of large rooms (setting trimCommunities); returns how many. */
  trim(now: number): number;
  /** Downloads a room file by its URL (`{base}/room/{t}/file/{id}`), or undefined when it is not a room file of ours. */
  downloadRoomFile(url: string, signal?: AbortSignal): Promise<Uint8Array> | undefined;
  /** GET /room/{token}/file/{id} (room images); `pubkey` for a server we have no room on. Undefined when not running. */
  roomFile(baseUrl: string, token: string, fileId: number, pubkey?: string): Promise<Uint8Array> | undefined;
}

export interface CommunitiesDeps {
  db: Db;
  store: CommunityStore;
  messages: MessageStore;
  conversations: ConversationStore;
  conversationsService: ConversationsService;
  events: EventBus;
  log: Logger;
  now: () => number;
  randomBytes: (n: number) => Uint8Array;
  network: () => EngineNetwork | undefined;
  config: () => CommunityConfig | undefined;
  profile: () => OutgoingProfile;
  /** The network's community server, learned from network.json; undefined when it has none. */
  networkServer: () => Promise<NetworkCommunityServer | undefined>;
  /** Community message requests (UserProfile `M`): poll the inbox only then. */
  inboxEnabled: () => boolean;
  attachments?: { queue: AttachmentQueue; autoDownloadMaxBytes: number; onQueued?: () => void };
  /** The attachment store posts upload their files from (to the room's file endpoint). */
  media?: Pick<AttachmentUploadDeps, 'attachments' | 'files' | 'progress'>;
  timing?: Partial<PollTiming>;
  /** Room images (communityImages): told when rooms' image ids may have changed; their avatarVersion. */
  roomImages?: { kick(): void; version(conversationId: string): string | undefined; offer(conversationId: string, server: SogsServer, token: string, imageId: string): string };
}

const ID_15 = /^15[0-9a-f]{64}$/;
const ID_05 = /^05[0-9a-f]{64}$/;

/** The pointer of a room file (spec advanced A.9): its URL, no key or digest; the rest as for any attachment. */
export function roomPointerOf(row: AttachmentRow): AttachmentPointerProps {
  if (row.url === null) throw new AttachmentUploadError('An attachment was not uploaded.', false, `${row.messageId}/${row.index} has no URL`);
  const id = /\/file\/(\d{1,15})$/.exec(row.url);
  return {
    // The numeric file id, as the official apps fill it.
    deprecatedId: id ? Number(id[1]) : 0,
    url: row.url,
    size: row.size,
    contentType: row.contentType,
    ...(row.fileName !== null ? { fileName: row.fileName } : {}),
    ...(row.flags !== 0 ? { flags: row.flags } : {}),
    ...(row.width !== null ? { width: row.width } : {}),
    ...(row.height !== null ? { height: row.height } : {}),
    ...(row.caption !== null ? { caption: row.caption } : {}),
  };
}

/** Whether a text mentions one of our ids (`@15…` or `@05…`). */
export function mentions(text: string, ids: readonly string[]): boolean {
  return ids.some((id) => text.includes(`@${id}`));
}

/** A DataMessage.quote in a room: a 05 or 15 author and a positive id. */
function roomQuoteOf(q: { id?: unknown; author?: string | null } | null | undefined): { author: string; sentAt: number } | undefined {
  if (!q || typeof q.author !== 'string' || !/^(05|15)[0-9a-f]{64}$/i.test(q.author)) return undefined;
  const id = typeof q.id === 'number' ? q.id : Number(q.id);
  return Number.isSafeInteger(id) && id > 0 ? { author: q.author.toLowerCase(), sentAt: id } : undefined;
}

const toIpcError = (err: unknown, what: string): IpcError => {
  if (err instanceof IpcError) return err;
  if (err instanceof SogsError) {
    const code = err.kind === 'forbidden' || err.kind === 'unauthorized' ? 'forbidden' : err.kind === 'bad-request' ? 'invalid_params' : err.kind === 'not-found' ? 'not_found' : 'network';
    return new IpcError(code, `${what}: ${err.message}`, `${err.status ?? ''} ${err.serverText}`.trim());
  }
  if (err instanceof NetworkError) return new IpcError('network', `${what}: ${err.message}`, err.detail);
  return new IpcError('network', `${what}.`, err instanceof Error ? err.message : String(err));
};

function roomUpdateOf(r: SogsRoom): RoomInfoUpdate {
  return {
    name: r.name,
    description: r.description ?? null,
    infoUpdates: r.infoUpdates,
    activeUsers: r.activeUsers,
    imageId: r.imageId !== undefined ? String(r.imageId) : null,
    canRead: r.read,
    canWrite: r.write,
    canUpload: r.upload,
    moderator: r.moderator || r.admin || r.globalModerator || r.globalAdmin,
    admin: r.admin || r.globalAdmin,
    moderators: r.moderators,
    admins: r.admins,
    pinned: r.pinnedMessages.map((p) => ({ id: p.id, pinnedAt: p.pinnedAt, pinnedBy: p.pinnedBy })),
  };
}

function pollInfoUpdate(p: SogsPollInfo): RoomInfoUpdate {
  if (p.details) return { ...roomUpdateOf(p.details), activeUsers: p.activeUsers };
  return {
    activeUsers: p.activeUsers,
    canRead: p.read,
    canWrite: p.write,
    canUpload: p.upload,
    moderator: p.moderator || p.admin || p.globalModerator || p.globalAdmin,
    admin: p.admin || p.globalAdmin,
  };
}

interface ServerPoller {
  baseUrl: string;
  timer?: NodeJS.Timeout;
  running?: Promise<number>;
  state: PollState;
  /** The last poll brought a full page: poll again at once. */
  more?: boolean;
  /**
   * During a catch-up, the next pages of the rooms that brought a full page, in order: each asked for as soon as
   * the one before arrived (at most AHEAD_PAGES waiting), its posts opened by the workers meanwhile. Dropped
   * unless the pages before them are stored (the cursor on disk then still points before them).
   */
  ahead: AheadPage[];
  /** Bumped whenever `ahead` is dropped: pages of an older chain arriving late are not queued. */
  aheadChain: number;
}

/** A poll result and its posts being opened by the workers. */
export interface FetchedPage {
  result: SogsPollResult;
  opening?: Promise<Map<SogsMessage, Result<OpenedRoomMessage>>>;
}

/** A catch-up page asked for ahead of the store. */
interface AheadPage {
  /** Settles once the page is fetched and its posts opened. */
  page: Promise<FetchedPage>;
  /** The poll result once fetched (its posts may still be with the workers): it may share the transaction of the pages before it. */
  arrived?: SogsPollResult;
  /** The page once fetched and opened. */
  ready?: FetchedPage;
}

/** Pages fetched in turn, as one result: each room's rows in order, the newest room info, the first page's DMs. */
export function mergePages(pages: readonly FetchedPage[]): FetchedPage {
  if (pages.length === 1) return pages[0] as FetchedPage;
  const first = (pages[0] as FetchedPage).result;
  const rooms = new Map<string, SogsPollResult['rooms'][number]>();
  for (const { result } of pages) {
    for (const rr of result.rooms) {
      const key = rr.token.toLowerCase();
      const had = rooms.get(key);
      rooms.set(
        key,
        had
          ? { ...had, ...rr, ...(had.messages || rr.messages ? { messages: [...(had.messages ?? []), ...(rr.messages ?? [])] } : {}), ...(rr.info ?? had.info ? { info: rr.info ?? had.info } : {}) }
          : rr,
      );
    }
  }
  const openings = pages.map((pg) => pg.opening).filter((o): o is NonNullable<typeof o> => o !== undefined);
  const opening = openings.length > 0 ? Promise.all(openings).then((maps) => new Map(maps.flatMap((m) => [...m]))) : undefined;
  const result: SogsPollResult = { ...first, rooms: [...rooms.values()], errors: pages.flatMap((pg) => pg.result.errors) };
  return opening ? { result, opening } : { result };
}

/** Catch-up pages asked for ahead of the one being stored. */
const AHEAD_PAGES = 4;
/**
 * Rows stored in one transaction at most during a catch-up: pages that are already fetched and opened join
 * the transaction of the page before them (one commit and one full-text index segment for several pages).
 */
const MAX_ROWS_PER_APPLY = 500;

/** The server's default page of `messages/since` (spec advanced A.6). */
const SERVER_PAGE = 100;
/** Older messages fetched per page as the user scrolls back. */
const OLDER_PAGE = 100;
/** pollNow follows a catch-up for at most this many pages. */
const POLL_NOW_MAX_PAGES = 50;

/** What applying one room's poll results changed. */
export interface RoomOutcome {
  added: MessageView[];
  updated: Set<string>;
  removed: string[];
  queued: number;
}

/**
 * Applies one room's poll results in one transaction (spec advanced A.8): room info and pins, then the rows in
 * seqno order: deletions remove the local copy, reaction-only rows replace the counts, posts are verified
 * (signature, Content, 6-hour rule; invalid ones dropped), edits replace the text, our own post from this
 * device gets its server id, new ones are stored with their attachments; the seqno cursor moves to the
 * largest seqno seen, valid or not, in the same transaction.
 */
export function createRoomApplier(d: Pick<CommunitiesDeps, 'db' | 'store' | 'messages' | 'conversations' | 'attachments' | 'log' | 'now' | 'randomBytes'>) {
  // Consecutive posts get consecutive ids, which share index pages (messageIds.ts).
  const nextId = createMessageIdSource(d.randomBytes);
  type Room = CommunityRoomRow;
  type Me = { sessionId: string; blindedId: string };
  type Preopened = ReadonlyMap<SogsMessage, Result<OpenedRoomMessage>>;
  const applyRows = (room: Room, me: Me, info: SogsPollInfo | undefined, rows: readonly SogsMessage[], preopened?: Preopened): RoomOutcome => {
    const out: RoomOutcome = { added: [], updated: new Set(), removed: [], queued: 0 };
    const id = room.conversationId;
    const receivedAt = d.now();
    if (info) {
      d.store.updateRoom(id, pollInfoUpdate(info));
      // Every poll brings the pins: the flags are set only when they changed (rows stored since carry theirs, below).
      const pins = info.details?.pinnedMessages.map((p) => p.id);
      if (pins && (pins.length !== room.pinned.length || !room.pinned.every((p) => pins.includes(p.id)))) {
        for (const m of d.store.setPinnedMessages(id, pins)) out.updated.add(m);
      }
    }
    if (rows.length === 0) {
      // An empty first page still ends the loading state: updates since 0 are everything from now on.
      if (room.seqno === undefined) d.store.advanceSeqno(id, 0);
      return out;
    }
    const sorted = [...rows].sort((a, b) => a.seqno - b.seqno);
    const known = d.store.messageIdsByServerId(
      id,
      sorted.map((r) => r.id),
    );
    let maxSeqno = room.seqno ?? 0;
    let latest = 0;
    // The conversation is touched (created if missing) before the first insert, and again with the latest time at the end.
    let touched = false;
    const pinnedIds = new Set(d.store.room(id)?.pinned.map((p) => p.id) ?? []);
    const addedIds: string[] = [];
    for (const row of sorted) {
      maxSeqno = Math.max(maxSeqno, row.seqno);
      const localId = known.get(row.id);
      if (row.deleted) {
        if (localId) {
          d.messages.deleteByIds([localId]);
          out.removed.push(localId);
          known.delete(row.id);
        }
        continue;
      }
      const reactions: RoomReaction[] | undefined = row.reactions
        ? Object.entries(row.reactions).map(([emoji, r]) => ({ emoji, index: r.index, count: r.count, you: r.you, reactors: r.reactors }))
        : undefined;
      if (row.sessionId === undefined || row.data === undefined || row.signature === undefined) {
        // A reaction-only update.
        if (localId && reactions) {
          d.store.setReactions(localId, reactions);
          out.updated.add(localId);
        }
        continue;
      }
      const sender = row.sessionId;
      const postedAt = Math.round((row.posted ?? receivedAt / 1000) * 1000);
      // Signature, tolerant unpad, Content and the 6-hour rule (spec advanced A.9); invalid rows are dropped.
      const opened = preopened?.get(row) ?? openRoomMessage({ senderId: sender, data: row.data, signature: row.signature, postedMs: postedAt });
      if (!opened.ok) {
        d.log.warn(`communities: dropped message ${row.id} of a room (${opened.error.kind})`);
        continue;
      }
      const c: Content = opened.value.content;
      const sigTs = opened.value.sigTimestampMs;
      const sentAt = sigTs > 0 ? sigTs : postedAt;
      const dm = c.dataMessage;
      const body = truncateCodePoints(typeof dm?.body === 'string' ? dm.body : '', MAX_BODY_CODE_POINTS);
      if (localId) {
        // An edit: the new text (and content) replaces the old.
        d.store.editMessage(localId, body, opened.value.contentBytes);
        if (reactions) d.store.setReactions(localId, reactions);
        out.updated.add(localId);
        continue;
      }
      const ours = sender === me.blindedId || sender === me.sessionId;
      if (ours) {
        // Our own post from this device comes back: the row exists already (without its server id if the answer was lost).
        const mine = d.store.unpostedOwn(id, [{ sender, sentAt }]).get(`${sender}|${sentAt}`);
        if (mine) {
          d.store.setPosted(mine, row.id, postedAt);
          if (reactions) d.store.setReactions(mine, reactions);
          out.updated.add(mine);
          continue;
        }
      }
      if (d.messages.exists(sender, sentAt)) continue;
      const unsupported: import('../../ipc/contract').UnsupportedPart[] = [];
      const quote = roomQuoteOf(dm?.quote);
      const preview = dm ? receivedPreviewOf(dm.preview, body) : undefined;
      const pointers = dm?.attachments ?? [];
      if (!dm) unsupported.push('unknown');
      if (dm?.communityInvitation) unsupported.push('community-invitation');
      const senderName = dm?.profile?.displayName ? dm.profile.displayName : undefined;
      const mentionsMe = (body !== '' && mentions(body, [me.blindedId, me.sessionId])) || (quote !== undefined && (quote.author === me.blindedId || quote.author === me.sessionId));
      if (!touched) {
        d.conversations.touch(id, 'community', sentAt);
        touched = true;
      }
      latest = Math.max(latest, sentAt);
      const messageId = nextId();
      d.messages.insert({
        id: messageId,
        conversationId: id,
        sender,
        direction: ours ? 'outgoing' : 'incoming',
        body,
        sentAt,
        receivedAt,
        status: ours ? 'sent' : 'received',
        content: opened.value.contentBytes,
        unsupported,
        ...(quote ? { quote } : {}),
        ...(preview ? { preview: { url: preview.url, ...(preview.title !== undefined ? { title: preview.title } : {}) } } : {}),
        serverId: row.id,
        postedAt,
        ...(senderName !== undefined ? { senderName } : {}),
        ...(ours ? { senderSessionId: me.sessionId } : {}),
        mentionsMe,
      });
      known.set(row.id, messageId);
      if (d.attachments && pointers.length > 0) {
        const rows = attachmentRowsFromPointers(pointers, { autoDownload: true, autoDownloadMaxBytes: d.attachments.autoDownloadMaxBytes });
        d.attachments.queue.insertReceived(messageId, rows);
        out.queued += rows.filter((r) => r.state === 'queued').length;
      }
      // A new message has no reaction rows yet: only a non-empty list is written (every post of a page carries one).
      if (reactions && reactions.length > 0) d.store.setReactions(messageId, reactions);
      if (pinnedIds.has(row.id)) d.store.setPinnedMessages(id, [...pinnedIds]);
      addedIds.push(messageId);
    }
    // The new messages as stored, read back with one query.
    out.added = d.messages.getMany(addedIds);
    if (latest > 0) d.conversations.touch(id, 'community', latest);
    d.store.advanceSeqno(id, maxSeqno);
    return out;
  };
  return d.db.transaction(
    (room: Room, me: Me, info: SogsPollInfo | undefined, rows: readonly SogsMessage[], preopened?: Preopened): RoomOutcome =>
      // The new posts go into the search index with one statement at the end (a catch-up stores hundreds at once).
      d.messages.searchBatch.run(() => applyRows(room, me, info, rows, preopened)),
  );
}

export function createCommunitiesService(d: CommunitiesDeps): CommunitiesService {
  const timing: PollTiming = { ...DEFAULT_POLL_TIMING, ...d.timing };
  let st: { identity: Identity; client: SogsClient; pollers: Map<string, ServerPoller>; offAdded: () => void; opener?: RoomOpener } | undefined;
  const joining = new Map<string, Promise<ConversationSummary>>();

  const require = () => {
    if (!st) throw new IpcError('unavailable', 'The network is not running: create or restore an account first.');
    return st;
  };
  const net = (): EngineNetwork & { sendToServer: NonNullable<EngineNetwork['sendToServer']> } => {
    const n = d.network();
    if (!n?.sendToServer) throw new IpcError('unavailable', 'The network is not running yet. Please try again.');
    return n as EngineNetwork & { sendToServer: NonNullable<EngineNetwork['sendToServer']> };
  };
  const serverOf = (baseUrl: string): SogsServer => {
    const s = d.store.server(baseUrl);
    if (!s) throw new IpcError('not_found', 'No such community server.');
    return { baseUrl: s.baseUrl, pubkey: s.pubkey };
  };
  const requireRoom = (id: string): CommunityRoomRow => {
    const r = d.store.room(id);
    if (!r) throw new IpcError('not_found', 'You have not joined this community.');
    return r;
  };
  // Our blinded id per server key (a scalar multiplication; the conversation list asks for it often).
  const blindedIds = new Map<string, string>();
  const blindedFor = (identity: Identity, pubkey: string): string => {
    const key = `${identity.sessionId}|${pubkey}`;
    let id = blindedIds.get(key);
    if (id === undefined) {
      id = blind15Id(identity.ed25519.secretKey, hexToBytes(pubkey));
      blindedIds.set(key, id);
    }
    return id;
  };

  const viewOf = (r: CommunityRoomRow, pubkey: string, blindedId: string, pinnedIds: string[]): CommunityView => {
    const v: CommunityView = {
      baseUrl: r.baseUrl,
      room: r.token,
      url: buildCommunityUrl(r.baseUrl, r.token, pubkey),
      canWrite: r.canWrite,
      canUpload: r.canUpload,
      moderator: r.moderator,
      admin: r.admin,
      blindedId,
      moderators: r.moderators,
      admins: r.admins,
    };
    if (r.description !== undefined) v.description = r.description;
    if (r.activeUsers !== undefined) v.activeUsers = r.activeUsers;
    if (pinnedIds.length > 0) v.pinnedMessageIds = pinnedIds;
    if (r.seqno === undefined) v.loading = true;
    return v;
  };

  // Whether a member's newest post says they refuse message requests from Community conversations (A.10).
  const refusesRequests = (newestContent: Uint8Array | undefined): boolean => {
    if (!newestContent) return false;
    const c = decodeContent(newestContent);
    return c.ok && c.value.dataMessage?.blocksCommunityMessageRequests === true;
  };

  const summaryOf = (id: string): ConversationSummary => {
    const s = d.conversationsService.anySummary(id);
    if (!s) throw new IpcError('not_found', 'No such conversation.');
    return s;
  };

  // ---------- receiving ----------

  const applyRoom = createRoomApplier(d);

  const emitRoom = (id: string, o: RoomOutcome): void => {
    if (o.added.length > 0) d.events.emit('messages.added', { messages: o.added });
    if (o.removed.length > 0) d.events.emit('messages.removed', { conversationId: id, ids: o.removed });
    const updated = [...o.updated].filter((m) => !o.removed.includes(m)).flatMap((m) => d.messages.get(m) ?? []);
    if (updated.length > 0) d.events.emit('messages.updated', { messages: updated });
    if (o.queued > 0) d.attachments?.onQueued?.();
  };

  /** Applies a poll's results; returns the number of new messages and whether a room has more waiting (a full page). */
  /** Every room's posts verified and decoded by the worker threads (this thread stays free meanwhile). */
  const preopen = (s: NonNullable<typeof st>, result: SogsPollResult): Promise<Map<SogsMessage, Result<OpenedRoomMessage>>> | undefined =>
    s.opener ? openRoomPosts(s.opener, result.rooms.flatMap((rr) => rr.messages ?? []), d.now()) : undefined;

  const applyPoll = async (
    baseUrl: string,
    result: SogsPollResult,
    opening?: Promise<Map<SogsMessage, Result<OpenedRoomMessage>>>,
  ): Promise<{ added: number; more: boolean }> => {
    const s = require();
    const preopened = await (opening ?? preopen(s, result));
    if (st !== s) return { added: 0, more: false };
    const server = d.store.server(baseUrl);
    if (!server) return { added: 0, more: false };
    let more = false;
    if (result.capabilities) d.store.setCapabilities(baseUrl, result.capabilities.capabilities);
    const me = { sessionId: s.identity.sessionId, blindedId: blindedFor(s.identity, server.pubkey) };
    let added = 0;
    const changed: string[] = [];
    for (const rr of result.rooms) {
      const room = d.store.roomsOf(baseUrl).find((r) => r.token.toLowerCase() === rr.token.toLowerCase());
      if (!room) continue;
      if (rr.error) {
        d.log.warn(`communities: polling room ${room.conversationId.slice(0, 60)} failed (${rr.error.kind} ${rr.error.status ?? ''})`);
        continue;
      }
      const wasLoading = room.seqno === undefined;
      // A full page of updates: more wait on the server (the first, "recent" page is all a new room loads).
      if (!wasLoading && (rr.messages?.length ?? 0) >= SERVER_PAGE) more = true;
      const o = applyRoom(room, me, rr.info, rr.messages ?? [], preopened);
      added += o.added.length;
      emitRoom(room.conversationId, o);
      // Every poll brings the room object (pollInfo/0): only a change of it is news for the list.
      const d2 = rr.info?.details;
      const infoChanged =
        rr.info !== undefined &&
        (rr.info.activeUsers !== room.activeUsers || (d2 !== undefined && (d2.infoUpdates !== room.infoUpdates || d2.admin !== room.admin || d2.moderator !== room.moderator)));
      if (o.added.length > 0 || o.removed.length > 0 || wasLoading || infoChanged) changed.push(room.conversationId);
    }
    if (changed.length > 0) d.events.emit('conversations.updated', { conversations: d.conversationsService.summaries(changed) });
    if ((result.inbox?.length ?? 0) > 0 || (result.outbox?.length ?? 0) > 0) added += applyDms(baseUrl, server.pubkey, result.inbox ?? [], result.outbox ?? []);
    return { added, more };
  };

  // ---------- polling ----------

  /** The rooms of `result` that brought a full page of updates, with the seqno to go on from (loading rooms excepted). */
  const catchingUpOf = (result: SogsPollResult, rooms: readonly CommunityRoomRow[]): { token: string; seqno: number }[] =>
    result.rooms.flatMap((rr) => {
      const room = rooms.find((r) => r.token.toLowerCase() === rr.token.toLowerCase());
      const msgs = rr.messages ?? [];
      if (!room || room.seqno === undefined || rr.error || msgs.length < SERVER_PAGE) return [];
      return [{ token: room.token, seqno: msgs.reduce((m, r) => Math.max(m, r.seqno), room.seqno) }];
    });

  const dropAhead = (p: ServerPoller): void => {
    p.ahead = [];
    p.aheadChain++;
  };

  /**
   * Asks for the next page of the rooms that brought a full one in `after` (no DMs: their cursors move only once
   * the poll that carried them is stored), unless AHEAD_PAGES wait already; when it arrives its posts go to the
   * workers and the page after it is asked for at once.
   */
  const fetchAhead = (s: NonNullable<typeof st>, p: ServerPoller, server: SogsServer, after: SogsPollResult): void => {
    if (st !== s || p.ahead.length >= AHEAD_PAGES) return;
    const next = catchingUpOf(after, d.store.roomsOf(p.baseUrl));
    if (next.length === 0) return;
    const chain = p.aheadChain;
    const entry: AheadPage = {
      page: s.client.poll(server, pollPlan(next, { blinded: false, inbox: false, inboxCursor: 0, outboxCursor: 0 })).then(async (result) => {
        entry.arrived = result;
        if (st === s && p.aheadChain === chain) fetchAhead(s, p, server, result);
        const opening = preopen(s, result);
        const fetched: FetchedPage = opening ? { result, opening: Promise.resolve(await opening) } : { result };
        entry.ready = fetched;
        return fetched;
      }),
    };
    entry.page.catch(() => undefined);
    p.ahead.push(entry);
  };

  const pollOnce = async (p: ServerPoller): Promise<{ added: number; more: boolean }> => {
    const baseUrl = p.baseUrl;
    const s = require();
    const head = p.ahead.shift();
    const server = d.store.server(baseUrl);
    const rooms = d.store.roomsOf(baseUrl);
    if (!server || rooms.length === 0) {
      dropAhead(p);
      return { added: 0, more: false };
    }
    const sogsServer: SogsServer = { baseUrl, pubkey: server.pubkey };
    const pages: FetchedPage[] = [];
    try {
      if (head) {
        pages.push(await head.page);
      } else {
        const plan = pollPlan(rooms, {
          blinded: server.capabilities.includes('blind'),
          inbox: d.inboxEnabled(),
          inboxCursor: server.inboxCursor,
          outboxCursor: server.outboxCursor,
        });
        const result = await s.client.poll(sogsServer, plan);
        if (st !== s) return { added: 0, more: false };
        // A catch-up: the next pages are fetched and opened while this one is verified and stored.
        fetchAhead(s, p, sogsServer, result);
        const opening = preopen(s, result);
        pages.push(opening ? { result, opening } : { result });
      }
      if (st !== s) return { added: 0, more: false };
      // Pages fetched meanwhile share this transaction (one commit, one full-text segment): their posts are with
      // the workers already, and waiting for them costs less than storing them on their own.
      const rowsOf = (r: SogsPollResult): number => r.rooms.reduce((n, rr) => n + (rr.messages?.length ?? 0), 0);
      // (A page where a room failed is stored on its own: the failure drops that room's rows of the poll.)
      const clean = (r: SogsPollResult): boolean => !r.rooms.some((rr) => rr.error);
      let rows = rowsOf((pages[0] as FetchedPage).result);
      if (clean((pages[0] as FetchedPage).result)) {
        for (let next = p.ahead[0]; next?.arrived && clean(next.arrived) && rows + rowsOf(next.arrived) <= MAX_ROWS_PER_APPLY; next = p.ahead[0]) {
          p.ahead.shift();
          rows += rowsOf(next.arrived);
          pages.push(await next.page);
          if (st !== s) return { added: 0, more: false };
        }
      }
      const last = (pages[pages.length - 1] as FetchedPage).result;
      // The chain stopped at AHEAD_PAGES waiting: it goes on from its newest page (or the last one taken).
      const tail = p.ahead[p.ahead.length - 1];
      if (!tail) fetchAhead(s, p, sogsServer, last);
      else if (tail.arrived) fetchAhead(s, p, sogsServer, tail.arrived);
      const more = p.ahead.length > 0 || catchingUpOf(last, rooms).length > 0;
      const merged = mergePages(pages);
      const applied = await applyPoll(baseUrl, merged.result, merged.opening);
      const goOn = more && applied.more;
      if (!goOn) dropAhead(p);
      return { added: applied.added, more: goOn };
    } catch (err) {
      dropAhead(p);
      throw err;
    }
  };

  const schedule = (p: ServerPoller): void => {
    const s = st;
    if (!s || s.pollers.get(p.baseUrl) !== p) return;
    if (p.timer) clearTimeout(p.timer);
    // A catch-up (a full page came) goes on at once.
    p.timer = setTimeout(() => void tick(p).catch(() => undefined), p.more ? 0 : nextPollDelay(p.state, d.now(), timing));
    p.timer.unref?.();
  };

  const tick = (p: ServerPoller): Promise<number> => {
    if (p.running) return p.running;
    if (p.timer) clearTimeout(p.timer);
    p.timer = undefined;
    const run = (async () => {
      try {
        const { added, more } = await pollOnce(p);
        p.state.failures = 0;
        p.more = more;
        // A poll may have brought new room details (a new image id).
        d.roomImages?.kick();
        if (added > 0) p.state.lastActivityAt = d.now();
        return added;
      } catch (err) {
        p.more = false;
        p.state.failures++;
        d.log.warn(`communities: polling ${p.baseUrl} failed (attempt ${p.state.failures}): ${err instanceof Error ? err.message : String(err)}`);
        throw err;
      } finally {
        p.running = undefined;
        schedule(p);
      }
    })();
    p.running = run;
    return run;
  };

  const ensurePoller = (baseUrl: string, now = true): void => {
    const s = st;
    if (!s) return;
    let p = s.pollers.get(baseUrl);
    if (!p) {
      p = { baseUrl, state: { lastActivityAt: d.now(), failures: 0 }, ahead: [], aheadChain: 0 };
      s.pollers.set(baseUrl, p);
    }
    p.state.lastActivityAt = d.now();
    p.state.failures = 0;
    if (now) void tick(p).catch(() => undefined);
    else schedule(p);
  };

  const stopPollerIfEmpty = (baseUrl: string): void => {
    const p = st?.pollers.get(baseUrl);
    if (!p || d.store.roomsOf(baseUrl).length > 0) return;
    if (p.timer) clearTimeout(p.timer);
    st?.pollers.delete(baseUrl);
  };

  // ---------- join / leave ----------

  const joinRoom = async (baseUrl: string, token: string, pubkey: string, fromConfig: boolean): Promise<ConversationSummary> => {
    const s = require();
    const id = communityConversationId(baseUrl, token);
    const existing = d.store.room(id);
    if (existing) {
      if (!fromConfig) d.config()?.addCommunity(baseUrl, existing.token, pubkey);
      return summaryOf(id);
    }
    const server: SogsServer = { baseUrl, pubkey };
    let room: SogsRoom;
    try {
      const caps = await s.client.capabilities(server);
      room = await s.client.room(server, token);
      d.db.transaction(() => {
        d.store.upsertServer(baseUrl, pubkey);
        d.store.setCapabilities(baseUrl, caps.capabilities);
      })();
    } catch (err) {
      throw toIpcError(err, 'Could not join the community');
    }
    if (st !== s) throw new IpcError('unavailable', 'The network stopped.');
    const now = d.now();
    d.db.transaction(() => {
      d.store.upsertServer(baseUrl, pubkey);
      d.conversations.touch(id, 'community', now);
      d.store.addRoom({ conversationId: id, baseUrl, token: room.token || token, joinedAt: now });
      d.store.updateRoom(id, roomUpdateOf(room));
    })();
    // Our other devices and a restore rejoin it from the config (spec advanced A.8, B.15).
    if (!fromConfig) d.config()?.addCommunity(baseUrl, room.token || token, pubkey);
    const summary = summaryOf(id);
    d.events.emit('conversations.updated', { conversations: [summary] });
    d.log.info(`communities: joined ${id.slice(0, 80)}`);
    ensurePoller(baseUrl);
    d.roomImages?.kick();
    return summary;
  };

  const removeLocally = (id: string): boolean => {
    const room = d.store.room(id);
    if (!room) return false;
    d.conversationsService.remove([id], () => {
      d.store.pruneServers();
    });
    stopPollerIfEmpty(room.baseUrl);
    return true;
  };

  // ---------- sending ----------

  const roomSigner = (room: CommunityRoomRow) => {
    const s = require();
    const server = serverOf(room.baseUrl);
    const blinded = d.store.server(room.baseUrl)?.capabilities.includes('blind') ?? true;
    return { s, server, signer: { ed25519SecretKey: s.identity.ed25519.secretKey, serverPubkey: hexToBytes(server.pubkey), blinded, random: d.randomBytes } };
  };

  // ---------- blinded direct messages (spec advanced A.10) ----------

  /** The server a pending blinded conversation goes through (the first we know the id on). */
  const blindedRoute = (blindedId: string): { baseUrl: string; pubkey: string; sessionId?: string; roomId?: string } | undefined => {
    for (const b of d.store.blinded(blindedId)) {
      const server = d.store.server(b.baseUrl);
      if (server) return { baseUrl: b.baseUrl, pubkey: server.pubkey, ...(b.sessionId ? { sessionId: b.sessionId } : {}), ...(b.roomId ? { roomId: b.roomId } : {}) };
    }
    return undefined;
  };

  /**
   * Once a 05 Session ID is known to belong to a 15 id we wrote to, the 15 conversation's history moves to the
   * 05 one (where the conversation goes on, through the swarm) and the 15 conversation goes.
   */
  const mergeBlinded = (sessionId: string, known?: { blindedId: string; baseUrl: string }): void => {
    const candidates = known ? d.store.blinded(known.blindedId).filter((b) => b.baseUrl === known.baseUrl) : d.store.pendingBlinded();
    for (const b of candidates) {
      const server = d.store.server(b.baseUrl);
      if (!server) continue;
      if (!known && !sessionIdMatchesBlinded15(sessionId, b.blindedId, hexToBytes(server.pubkey))) continue;
      let moved: string[] = [];
      let merged = false;
      d.db.transaction(() => {
        d.store.setBlindedSession(b.blindedId, b.baseUrl, sessionId);
        if (!d.conversations.get(b.blindedId)) return;
        merged = true;
        const last = d.messages.last(b.blindedId);
        d.conversations.touch(sessionId, 'private', last?.timestamp ?? d.now());
        moved = d.store.moveMessages(b.blindedId, sessionId);
        // We wrote to them first: the conversation is accepted on our side.
        d.conversations.updateContact(sessionId, { isApproved: true }, d.now());
        d.conversations.remove(b.blindedId);
      })();
      if (merged) {
        d.events.emit('messages.removed', { conversationId: b.blindedId, ids: moved });
        d.events.emit('conversations.removed', { ids: [b.blindedId] });
        const views = moved.flatMap((id) => d.messages.get(id) ?? []);
        if (views.length > 0) d.events.emit('messages.added', { messages: views });
        d.events.emit('conversations.updated', { conversations: d.conversationsService.summaries([sessionId]) });
        d.log.info('communities: a blinded conversation was merged into the sender’s Session ID');
      }
    }
  };

  /** Stores the inbox (DMs to us) and outbox (ours, from any device) of one server. */
  const applyDms = (baseUrl: string, pubkey: string, inbox: readonly SogsDirectMessage[], outbox: readonly SogsDirectMessage[]): number => {
    const s = require();
    const me = s.identity.sessionId;
    const serverKey = hexToBytes(pubkey);
    const added: MessageView[] = [];
    const merges: { sessionId: string; blindedId: string }[] = [];
    const changed = new Set<string>();
    const receivedAt = d.now();
    d.db.transaction(() => {
      for (const row of inbox) {
        d.store.setInboxCursor(baseUrl, row.id);
        const opened = decryptBlindedDm({ ed25519SecretKey: s.identity.ed25519.secretKey, serverPubkey: serverKey, senderBlindedId: row.sender, ciphertext: row.message });
        if (!opened.ok) {
          d.log.warn(`communities: dropped a blinded message (${opened.error.kind})`);
          continue;
        }
        const content = decodeBlindedDmContent(opened.value.plaintext);
        if (!content.ok || !content.value.dataMessage) continue;
        const from = opened.value.senderSessionId;
        if (from === me) continue;
        const sentAt = Number(content.value.sigTimestamp ?? 0) || Math.round(row.postedAt * 1000);
        d.store.addBlinded({ blindedId: row.sender, baseUrl, sessionId: from });
        merges.push({ sessionId: from, blindedId: row.sender });
        if (d.messages.exists(from, sentAt) || d.conversations.contact(from)?.isBlocked) continue;
        const dm = content.value.dataMessage;
        const body = truncateCodePoints(typeof dm.body === 'string' ? dm.body : '', MAX_BODY_CODE_POINTS);
        d.conversations.touch(from, 'private', sentAt);
        const name = dm.profile?.displayName ? dm.profile.displayName : undefined;
        // A message request until accepted (the sender approved us by writing).
        d.conversations.updateContact(from, { didApproveMe: true, ...(name !== undefined ? { profileName: name } : {}) }, receivedAt);
        const id = bytesToHex(d.randomBytes(16));
        const quote = roomQuoteOf(dm.quote);
        d.messages.insert({
          id,
          conversationId: from,
          sender: from,
          direction: 'incoming',
          body,
          sentAt,
          receivedAt,
          status: 'received',
          content: unpadMessage(opened.value.plaintext),
          unsupported: (dm.attachments?.length ?? 0) > 0 ? ['attachments'] : [],
          ...(quote ? { quote } : {}),
        });
        const v = d.messages.get(id);
        if (v) added.push(v);
        changed.add(from);
      }
      for (const row of outbox) {
        d.store.setOutboxCursor(baseUrl, row.id);
        const opened = decryptBlindedDmOutbox({ ed25519SecretKey: s.identity.ed25519.secretKey, serverPubkey: serverKey, recipientBlindedId: row.recipient, ciphertext: row.message });
        if (!opened.ok) continue;
        const content = decodeBlindedDmContent(opened.value.plaintext);
        if (!content.ok || !content.value.dataMessage) continue;
        const sentAt = Number(content.value.sigTimestamp ?? 0) || Math.round(row.postedAt * 1000);
        // Sent from this device (stored already) or from another one of ours.
        if (d.messages.exists(me, sentAt)) continue;
        const known = d.store.blinded(row.recipient).find((b) => b.baseUrl === baseUrl);
        if (!known) d.store.addBlinded({ blindedId: row.recipient, baseUrl });
        const conversationId = known?.sessionId ?? row.recipient;
        const dm = content.value.dataMessage;
        d.conversations.touch(conversationId, 'private', sentAt);
        const id = bytesToHex(d.randomBytes(16));
        d.messages.insert({
          id,
          conversationId,
          sender: me,
          direction: 'outgoing',
          body: truncateCodePoints(typeof dm.body === 'string' ? dm.body : '', MAX_BODY_CODE_POINTS),
          sentAt,
          receivedAt,
          status: 'sent',
          content: unpadMessage(opened.value.plaintext),
        });
        const v = d.messages.get(id);
        if (v) added.push(v);
        changed.add(conversationId);
      }
    })();
    if (added.length > 0) d.events.emit('messages.added', { messages: added });
    if (changed.size > 0) d.events.emit('conversations.updated', { conversations: d.conversationsService.summaries(changed) });
    for (const m of merges) mergeBlinded(m.sessionId, { blindedId: m.blindedId, baseUrl });
    return added.length;
  };

  const postBlinded = async (message: MessageView, blindedId: string): Promise<{ serverId: number; postedAt: number }> => {
    const s = require();
    const route = blindedRoute(blindedId);
    if (!route) throw new IpcError('not_found', 'This person can no longer be reached through their community.');
    const content = withMessageExtras(textContent(message.text, d.profile()), message);
    const { expirationType: _t, expirationTimer: _e, ...plain } = content;
    const ciphertext = encryptBlindedDm({
      ed25519SecretKey: s.identity.ed25519.secretKey,
      serverPubkey: hexToBytes(route.pubkey),
      recipientBlindedId: blindedId,
      plaintext: encodeBlindedDmContent(plain, message.timestamp),
      nonce: d.randomBytes(24),
    });
    const posted = await s.client.postInbox({ baseUrl: route.baseUrl, pubkey: route.pubkey }, blindedId, ciphertext);
    return { serverId: posted.id, postedAt: Math.round(posted.postedAt * 1000) };
  };

  const self: CommunitiesService = {
    start(identity, opener) {
      if (st) return;
      const client = new SogsClient({
        send: (request, options) => net().sendToServer(request, options),
        now: () => d.network()?.networkNow() ?? d.now(),
        random: d.randomBytes,
        identity,
      });
      const offAdded = d.events.on('messages.added', ({ messages }) => {
        const peers = new Set(messages.filter((m) => m.direction === 'incoming' && ID_05.test(m.conversationId)).map((m) => m.conversationId));
        for (const peer of peers) mergeBlinded(peer);
      });
      st = { identity, client, pollers: new Map(), offAdded, ...(opener ? { opener } : {}) };
      const bases = new Set(d.store.rooms().map((r) => r.baseUrl));
      for (const b of bases) ensurePoller(b);
      // Rooms the config lists that this device lacks (a restore, or joined on another device).
      self.configChanged();
    },
    stop() {
      const s = st;
      st = undefined;
      if (!s) return;
      for (const p of s.pollers.values()) if (p.timer) clearTimeout(p.timer);
      s.pollers.clear();
      s.offAdded();
    },
    async join(url) {
      const parsed = parseCommunityUrl(url);
      if (!parsed.ok) throw new IpcError('invalid_params', parsed.error.message);
      const { baseUrl, room: token, pubkeyHex: pubkey } = parsed.value;
      const id = communityConversationId(baseUrl, token);
      const running = joining.get(id);
      if (running) return running;
      const p = joinRoom(baseUrl, token, pubkey, false).finally(() => joining.delete(id));
      joining.set(id, p);
      return p;
    },
    leave(id) {
      const room = requireRoom(id);
      d.config()?.removeCommunity(room.baseUrl, room.token);
      removeLocally(id);
      d.log.info(`communities: left ${id.slice(0, 80)}`);
      return { id };
    },
    async defaultRooms() {
      const info = await d.networkServer();
      if (!info || !st) return [];
      const server: SogsServer = { baseUrl: canonicalCommunityUrl(info.url), pubkey: info.pubkey.toLowerCase() };
      let rooms: SogsRoom[];
      try {
        rooms = await require().client.rooms(server);
      } catch (err) {
        throw toIpcError(err, 'Could not list the community server’s rooms');
      }
      return rooms.map((r) => {
        const id = communityConversationId(server.baseUrl, r.token);
        const v: DefaultRoomView = { url: buildCommunityUrl(server.baseUrl, r.token, server.pubkey), room: r.token, name: r.name || r.token, activeUsers: r.activeUsers };
        if (r.description !== undefined) v.description = r.description;
        if (d.store.room(id)) v.joinedId = id;
        if (r.imageId !== undefined && d.roomImages) v.imageVersion = d.roomImages.offer(id, server, r.token, String(r.imageId));
        return v;
      });
    },
    members(id, query, limit = 50) {
      const room = requireRoom(id);
      const mods = new Set([...room.moderators, ...room.admins]);
      const admins = new Set(room.admins);
      return d.store.members(id, query, limit).map(({ newestContent, ...m }) => {
        const v: CommunityMemberView = { ...m, moderator: mods.has(m.id), admin: admins.has(m.id) };
        if (refusesRequests(newestContent)) v.acceptsMessages = false;
        return v;
      });
    },
    async moderate(id, user, action) {
      const room = requireRoom(id);
      const { s, server } = roomSigner(room);
      if (!room.moderator && !room.admin) throw new IpcError('forbidden', 'Only moderators of this community can do that.');
      const u = user.toLowerCase();
      if (!ID_05.test(u) && !ID_15.test(u)) throw new IpcError('invalid_params', 'Give a Session ID (05…) or a blinded id (15…).');
      // Routes typed SessionID take only blinded ids on blinding servers (spec advanced A.6).
      // A 05 id has two 15 candidates (the sign of its Ed25519 key is unknown, spec advanced A.4.2): the one
      // that posted here, else both (the other one has nothing to delete).
      const candidates = ID_15.test(u) ? [u] : blind15IdsFromSessionId(u, hexToBytes(server.pubkey));
      const posted = candidates.filter((c) => d.store.members(id, c, 1).some((m) => m.id === c));
      const deleteAll = async (): Promise<void> => {
        for (const target of posted.length > 0 ? posted : candidates) {
          try {
            await s.client.deleteAllFrom(server, room.token, target);
          } catch (err) {
            if (!(err instanceof SogsError && err.kind === 'not-found')) throw err;
          }
        }
      };
      const rooms = { rooms: [room.token] };
      try {
        switch (action) {
          case 'ban':
            await s.client.ban(server, u, rooms);
            break;
          case 'unban':
            await s.client.unban(server, u, rooms);
            break;
          case 'ban-delete-all':
            await s.client.ban(server, u, rooms);
            await deleteAll();
            break;
          case 'delete-all':
            await deleteAll();
            break;
          case 'mod':
            await s.client.setModerator(server, u, { moderator: true, admin: false, visible: true, ...rooms });
            break;
          case 'unmod':
            await s.client.setModerator(server, u, { moderator: false, admin: false, ...rooms });
            break;
          case 'admin':
            await s.client.setModerator(server, u, { moderator: true, admin: true, visible: true, ...rooms });
            break;
          case 'unadmin':
            await s.client.setModerator(server, u, { moderator: true, admin: false, visible: true, ...rooms });
            break;
        }
      } catch (err) {
        throw toIpcError(err, 'The moderation action failed');
      }
      // The effect (deleted posts, new moderator list) shows after the next poll.
      await self.pollNow().catch(() => 0);
      return { id, user, action };
    },
    async pin(messageId, pinned) {
      const m = d.messages.get(messageId);
      if (!m || m.serverId === undefined) throw new IpcError('not_found', 'No such community message.');
      const room = requireRoom(m.conversationId);
      if (!room.admin) throw new IpcError('forbidden', 'Only admins of this community can pin messages.');
      const { s, server } = roomSigner(room);
      try {
        if (pinned) await s.client.pin(server, room.token, m.serverId);
        else await s.client.unpin(server, room.token, m.serverId);
      } catch (err) {
        throw toIpcError(err, pinned ? 'Could not pin the message' : 'Could not unpin the message');
      }
      await self.pollNow().catch(() => 0);
      return d.messages.get(messageId) ?? m;
    },
    async react(messageId, emoji, action) {
      const m = d.messages.get(messageId);
      if (!m) throw new IpcError('not_found', 'No such message.');
      if (m.serverId === undefined) throw new IpcError('invalid_params', 'This message is not on the server yet.');
      const room = requireRoom(m.conversationId);
      const { s, server } = roomSigner(room);
      try {
        if (action === 'add') await s.client.react(server, room.token, m.serverId, emoji);
        else await s.client.unreact(server, room.token, m.serverId, emoji);
      } catch (err) {
        throw toIpcError(err, 'The reaction could not be sent');
      }
      // The new counts come with the next poll (the reaction-only update); poll now so they show at once.
      await self.pollNow().catch(() => 0);
      return d.messages.get(messageId) ?? m;
    },
    async clearReactions(messageId, emoji) {
      const m = d.messages.get(messageId);
      if (!m || m.serverId === undefined) throw new IpcError('not_found', 'No such community message.');
      const room = requireRoom(m.conversationId);
      if (!room.moderator && !room.admin) throw new IpcError('forbidden', 'Only moderators of this community can clear reactions.');
      const { s, server } = roomSigner(room);
      try {
        await s.client.clearReactions(server, room.token, m.serverId, emoji);
      } catch (err) {
        throw toIpcError(err, 'The reactions could not be cleared');
      }
      // The server's reaction-only update brings the new counts: poll now so they show at once.
      await self.pollNow().catch(() => 0);
      return d.messages.get(messageId) ?? m;
    },
    invitationOf(id) {
      const room = requireRoom(id);
      const server = serverOf(room.baseUrl);
      return { url: buildCommunityUrl(room.baseUrl, room.token, server.pubkey), name: room.name ?? room.token };
    },
    async unsend(ids) {
      const deleted: string[] = [];
      for (const id of ids) {
        const m = d.messages.get(id);
        if (!m) continue;
        const room = requireRoom(m.conversationId);
        const mine = m.direction === 'outgoing';
        if (!mine && !room.moderator && !room.admin) throw new IpcError('forbidden', 'Only moderators can delete other people’s messages.');
        if (m.serverId !== undefined) {
          const { s, server } = roomSigner(room);
          try {
            await s.client.deleteMessage(server, room.token, m.serverId);
          } catch (err) {
            if (!(err instanceof SogsError && err.kind === 'not-found')) throw toIpcError(err, 'The message could not be deleted');
          }
        }
        deleted.push(id);
      }
      if (deleted.length > 0) d.conversationsService.deleteMessages(deleted);
      return { deleted };
    },
    setNotificationMode(id, mode) {
      const room = requireRoom(id);
      const cfg = d.config();
      if (cfg) cfg.setCommunityNotificationMode(room.baseUrl, room.token, mode);
      else d.store.setRoomConfig(id, mode, room.priority);
      const s = summaryOf(id);
      d.events.emit('conversations.updated', { conversations: [s] });
      return s;
    },
    async fetchOlder(id) {
      const room = requireRoom(id);
      const oldest = d.store.oldestServerId(id);
      if (room.oldestReached || oldest === undefined) return 0;
      const { s, server } = roomSigner(room);
      let rows: SogsMessage[];
      try {
        rows = await s.client.messagesBefore(server, room.token, oldest, { limit: OLDER_PAGE, reactors: 5 });
      } catch (err) {
        throw toIpcError(err, 'Could not load older messages');
      }
      const me = { sessionId: s.identity.sessionId, blindedId: blindedFor(s.identity, server.pubkey) };
      const o = applyRoom(requireRoom(id), me, undefined, rows);
      if (rows.length < OLDER_PAGE) d.store.setOldestReached(id);
      emitRoom(id, o);
      return o.added.length;
    },
    mayHaveOlder: (id) => {
      const room = d.store.room(id);
      return room !== undefined && !room.oldestReached && st !== undefined;
    },
    async pollNow() {
      const s = st;
      if (!s) return 0;
      const bases = [...new Set(d.store.rooms().map((r) => r.baseUrl))];
      for (const b of bases) if (!s.pollers.has(b)) ensurePoller(b, false);
      const results = await Promise.all(
        bases.map(async (b) => {
          const p = s.pollers.get(b);
          if (!p) return 0;
          p.state.lastActivityAt = d.now();
          // A poll already running may have started before the caller's change: wait for it, then poll again.
          if (p.running) await p.running.catch(() => 0);
          // Pages fetched ahead by a catch-up were asked for before the change too, and without the DMs.
          dropAhead(p);
          let n = await tick(p);
          for (let page = 1; p.more && page < POLL_NOW_MAX_PAGES && st === s; page++) n += await tick(p);
          return n;
        }),
      );
      return results.reduce((a, b) => a + b, 0);
    },
    messageMember(id, user) {
      const room = requireRoom(id);
      const u = user.toLowerCase();
      if (ID_05.test(u)) {
        d.conversations.touch(u, 'private', d.now());
        return summaryOf(u);
      }
      if (!ID_15.test(u)) throw new IpcError('invalid_params', 'This is not a community member’s id.');
      if (u === self.blindedIdIn(id)) throw new IpcError('invalid_params', 'You cannot message yourself.');
      const known = d.store.blinded(u).find((b) => b.baseUrl === room.baseUrl && b.sessionId !== undefined);
      if (known?.sessionId) {
        d.conversations.touch(known.sessionId, 'private', d.now());
        return summaryOf(known.sessionId);
      }
      d.db.transaction(() => {
        d.store.addBlinded({ blindedId: u, baseUrl: room.baseUrl, roomId: id });
        d.conversations.touch(u, 'private', d.now());
      })();
      const summary = summaryOf(u);
      d.events.emit('conversations.updated', { conversations: [summary] });
      return summary;
    },
    sendTarget(to) {
      const t = to.trim().toLowerCase();
      const room = d.store.room(t);
      if (room) return { conversationId: room.conversationId, sender: self.blindedIdIn(room.conversationId), kind: 'community', senderSessionId: require().identity.sessionId };
      if (ID_15.test(t) && blindedRoute(t)) {
        const route = blindedRoute(t);
        // Their Session ID is known: the conversation is the 05 one (sent through the swarm).
        if (route?.sessionId) return undefined;
        return { conversationId: t, sender: require().identity.sessionId, kind: 'private' };
      }
      return undefined;
    },
    handles: (destination) => d.store.room(destination) !== undefined || (ID_15.test(destination) && blindedRoute(destination) !== undefined),
    room: (id) => d.store.room(id),
    blindedIdIn(id) {
      const room = requireRoom(id);
      return blindedFor(require().identity, serverOf(room.baseUrl).pubkey);
    },
    async post(message) {
      if (ID_15.test(message.conversationId)) return postBlinded(message, message.conversationId);
      const room = requireRoom(message.conversationId);
      const { s, server, signer } = roomSigner(room);
      // Attachments go to the room's file endpoint first, as the official apps send them: the file as is (no
      // encryption, no padding: the room is public) and a pointer with the room's file URL and no key; the
      // post lists their ids so the server keeps them (spec advanced A.9).
      let files: number[] = [];
      let base: ContentProps = textContent(message.text, d.profile());
      if (d.media && (message.attachments?.length ?? 0) > 0) {
        const media = d.media;
        const rows = media.attachments.forMessage(message.id).filter((r) => r.index !== LINK_PREVIEW_ATTACHMENT_INDEX);
        for (const row of rows) {
          if (row.url !== null) continue;
          if (row.fileId === null || row.fileKey === null) throw new AttachmentUploadError('An attachment of this message is missing; send it again.', true, 'no local copy');
          const bytes = media.files.read(row.fileId, row.fileKey);
          const fileId = await s.client.uploadFile(server, room.token, bytes, row.fileName !== null ? { filename: row.fileName } : {});
          media.attachments.update(message.id, row.index, { url: `${room.baseUrl}/room/${room.token}/file/${fileId}`, state: 'downloaded', error: null });
        }
        const uploaded = media.attachments.forMessage(message.id).filter((r) => r.index !== LINK_PREVIEW_ATTACHMENT_INDEX);
        files = uploaded.flatMap((r) => {
          const m = /\/file\/(\d+)$/.exec(r.url ?? '');
          return m ? [Number(m[1])] : [];
        });
        base = attachmentMessageContent(message.text, uploaded.map(roomPointerOf), profileFields(d.profile()));
        const view = d.messages.get(message.id);
        if (view) d.events.emit('messages.updated', { messages: [view] });
      }
      // A link preview goes with its URL and title (its image would need another room upload: left out).
      const extras = withMessageExtras(message.preview ? withLinkPreview(base, message.preview, undefined) : base, message);
      // Tells members whether we take blinded DMs (community message requests off: we block them).
      const content: ContentProps = { ...extras, dataMessage: { ...extras.dataMessage, blocksCommunityMessageRequests: !d.inboxEnabled() } };
      // Padded Content with sigTimestamp, no disappearing fields, blind-15 signed (spec advanced A.9).
      const { data, signature } = buildRoomPost(signer, content, message.timestamp);
      const posted = await s.client.post(server, room.token, { data, signature, ...(files.length > 0 ? { files } : {}) });
      return { serverId: posted.id, postedAt: Math.round(posted.posted * 1000) };
    },
    decorate(summaries) {
      const s = st;
      return summaries.map((sum) => {
        if (sum.kind === 'private' && ID_15.test(sum.id)) {
          // A blinded DM we started: accepted on our side; named after the room we met them in.
          const route = d.store.blinded(sum.id)[0];
          const roomRow = route?.roomId ? d.store.room(route.roomId) : undefined;
          const name = roomRow ? d.store.members(roomRow.conversationId, sum.id, 1)[0]?.name : undefined;
          return {
            ...sum,
            isApproved: true,
            isRequest: false,
            ...(name !== undefined ? { name } : {}),
            ...(route?.roomId ? { blindedVia: { conversationId: route.roomId, ...(roomRow?.name !== undefined ? { name: roomRow.name } : {}) } } : {}),
          };
        }
        if (sum.kind !== 'community') return sum;
        const r = d.store.room(sum.id);
        if (!r) return sum;
        const server = d.store.server(r.baseUrl);
        const pubkey = server?.pubkey ?? '';
        const blindedId = s && pubkey !== '' ? blindedFor(s.identity, pubkey) : '';
        const pinnedIds = [...d.store.messageIdsByServerId(sum.id, [...r.pinned].sort((a, b) => b.pinnedAt - a.pinnedAt).map((p) => p.id)).values()];
        const out: ConversationSummary = { ...sum, name: r.name ?? r.token, isApproved: true, isRequest: false, notificationMode: r.notificationMode, community: viewOf(r, pubkey, blindedId, pinnedIds) };
        if (r.priority > 0) out.pinnedPriority = r.priority;
        const image = d.roomImages?.version(sum.id);
        if (image !== undefined) out.avatarVersion = image;
        return out;
      });
    },
    configChanged() {
      const cfg = d.config();
      if (!cfg || !st) return;
      const wanted = cfg.communities();
      const wantedIds = new Set<string>();
      for (const w of wanted) {
        let id: string;
        try {
          id = communityConversationId(w.baseUrl, w.token);
        } catch {
          continue;
        }
        wantedIds.add(id);
        const local = d.store.room(id);
        if (local) {
          if (local.notificationMode !== w.notificationMode || local.priority !== w.priority) d.store.setRoomConfig(id, w.notificationMode, w.priority);
          continue;
        }
        if (joining.has(id)) continue;
        const p = joinRoom(w.baseUrl, w.token, w.pubkey, true)
          .then((summary) => {
            d.store.setRoomConfig(id, w.notificationMode, w.priority);
            return summary;
          })
          .finally(() => joining.delete(id));
        joining.set(id, p);
        p.catch((err: unknown) => d.log.warn(`communities: rejoining ${id.slice(0, 80)} from the config failed: ${err instanceof Error ? err.message : String(err)}`));
      }
      // A room left on another device: only once our configs are merged (an empty config before that says nothing).
      if (!cfg.swarmMerged()) return;
      for (const r of d.store.rooms()) {
        if (!wantedIds.has(r.conversationId) && !joining.has(r.conversationId)) removeLocally(r.conversationId);
      }
    },
    trim(now) {
      const ids = d.store.trimCandidates(now - TRIM_AGE_MS, TRIM_KEEP_MESSAGES, 5000);
      if (ids.length === 0) return 0;
      d.conversationsService.deleteMessages(ids);
      return ids.length;
    },
    roomFile(baseUrl, token, fileId, pubkey) {
      const s = st;
      const key = pubkey ?? d.store.server(baseUrl)?.pubkey;
      if (!s || key === undefined) return undefined;
      return s.client.downloadFile({ baseUrl, pubkey: key }, token, fileId);
    },
    downloadRoomFile(url, signal) {
      const s = st;
      if (!s) return undefined;
      const parsed = parseFileUrl(url);
      // Room files only (`/room/{t}/file/{id}`, numeric ids as SOGS hands out); the rest goes to the file server.
      if (!parsed.ok || parsed.value.room === undefined || !/^\d{1,15}$/.test(parsed.value.id)) return undefined;
      const { serverUrl, room, id } = parsed.value;
      let base: string;
      try {
        base = canonicalCommunityUrl(serverUrl);
      } catch {
        return undefined;
      }
      const server = d.store.server(base);
      if (!server) return undefined;
      return s.client.downloadFile({ baseUrl: base, pubkey: server.pubkey }, room, Number(id), signal ? { signal } : {});
    },
  };
  return self;
}

/**
 * The network as the attachment downloader sees it: a room file URL (`{base}/room/{t}/file/{id}`) is fetched
 * from its community server, everything else from the file server as before.
 */
export function withRoomFiles(
  network: EngineNetwork | undefined,
  roomFile: (url: string, signal?: AbortSignal) => Promise<Uint8Array> | undefined,
): EngineNetwork | undefined {
  if (!network?.downloadFile) return network;
  const plain = network.downloadFile.bind(network);
  const wrapped = Object.create(network) as EngineNetwork;
  wrapped.downloadFile = (url, options) => roomFile(url, options?.signal) ?? plain(url, options);
  return wrapped;
}
