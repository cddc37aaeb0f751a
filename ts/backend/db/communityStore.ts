// SQL for communities (spec advanced.md part A): servers, joined rooms, the room columns of messages and
// the reaction counts the server reports. Callers group these into one transaction per poll or change.
import type { NotificationMode } from '../../ipc/contract';
import type { Db } from './database';

export interface CommunityServerRow {
  baseUrl: string;
  /** 64 hex X25519. */
  pubkey: string;
  capabilities: string[];
  inboxCursor: number;
  outboxCursor: number;
}

export interface PinnedEntry {
  id: number;
  pinnedAt: number;
  pinnedBy: string;
}

export interface CommunityRoomRow {
  conversationId: string;
  baseUrl: string;
  /** As the server spells it. */
  token: string;
  name?: string;
  description?: string;
  infoUpdates: number;
  /** Largest seqno seen; undefined until the first poll. */
  seqno?: number;
  activeUsers?: number;
  imageId?: string;
  canRead: boolean;
  canWrite: boolean;
  canUpload: boolean;
  moderator: boolean;
  admin: boolean;
  moderators: string[];
  admins: string[];
  pinned: PinnedEntry[];
  joinedAt: number;
  notificationMode: NotificationMode;
  priority: number;
  /** Older pages reached the room's first message: nothing older to fetch. */
  oldestReached: boolean;
}

/** What a room object or pollInfo tells about a room (spec advanced A.6). */
export interface RoomInfoUpdate {
  name?: string;
  description?: string | null;
  infoUpdates?: number;
  activeUsers?: number;
  imageId?: string | null;
  canRead?: boolean;
  canWrite?: boolean;
  canUpload?: boolean;
  moderator?: boolean;
  admin?: boolean;
  moderators?: string[];
  admins?: string[];
  pinned?: PinnedEntry[];
}

export interface RoomReaction {
  emoji: string;
  index: number;
  count: number;
  you: boolean;
  reactors: string[];
}

export interface CommunityMemberRow {
  id: string;
  name?: string;
  /** The stored Content of their newest post here (what it says about them, e.g. blocksCommunityMessageRequests, A.10). */
  newestContent?: Uint8Array;
}

interface RawRoom {
  conversation_id: string;
  base_url: string;
  token: string;
  name: string | null;
  description: string | null;
  info_updates: number;
  seqno: number | null;
  active_users: number | null;
  image_id: string | null;
  can_read: number;
  can_write: number;
  can_upload: number;
  moderator: number;
  admin: number;
  moderators: string;
  admins: string;
  pinned: string;
  joined_at: number;
  notification_mode: NotificationMode;
  priority: number;
  oldest_reached: number;
}

function stringList(raw: string): string[] {
  try {
    const v = JSON.parse(raw) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function pinnedList(raw: string): PinnedEntry[] {
  try {
    const v = JSON.parse(raw) as unknown;
    if (!Array.isArray(v)) return [];
    return v.flatMap((p: unknown) => {
      const o = p as { id?: unknown; pinnedAt?: unknown; pinnedBy?: unknown };
      return typeof o.id === 'number' ? [{ id: o.id, pinnedAt: typeof o.pinnedAt === 'number' ? o.pinnedAt : 0, pinnedBy: typeof o.pinnedBy === 'string' ? o.pinnedBy : '' }] : [];
    });
  } catch {
    return [];
  }
}

function toRoom(r: RawRoom): CommunityRoomRow {
  const row: CommunityRoomRow = {
    conversationId: r.conversation_id,
    baseUrl: r.base_url,
    token: r.token,
    infoUpdates: r.info_updates,
    canRead: r.can_read === 1,
    canWrite: r.can_write === 1,
    canUpload: r.can_upload === 1,
    moderator: r.moderator === 1,
    admin: r.admin === 1,
    moderators: stringList(r.moderators),
    admins: stringList(r.admins),
    pinned: pinnedList(r.pinned),
    joinedAt: r.joined_at,
    notificationMode: r.notification_mode,
    priority: r.priority,
    oldestReached: r.oldest_reached === 1,
  };
  if (r.name !== null) row.name = r.name;
  if (r.description !== null) row.description = r.description;
  if (r.seqno !== null) row.seqno = r.seqno;
  if (r.active_users !== null) row.activeUsers = r.active_users;
  if (r.image_id !== null) row.imageId = r.image_id;
  return row;
}

export interface CommunityStore {
  upsertServer(baseUrl: string, pubkey: string): void;
  server(baseUrl: string): CommunityServerRow | undefined;
  setCapabilities(baseUrl: string, capabilities: readonly string[]): void;
  setInboxCursor(baseUrl: string, id: number): void;
  setOutboxCursor(baseUrl: string, id: number): void;
  /** Drops servers without rooms. */
  pruneServers(): void;

  /** Adds the room (its conversation row must exist); an existing row keeps its cursor and state. */
  addRoom(r: { conversationId: string; baseUrl: string; token: string; joinedAt: number }): void;
  room(conversationId: string): CommunityRoomRow | undefined;
  rooms(): CommunityRoomRow[];
  roomsOf(baseUrl: string): CommunityRoomRow[];
  updateRoom(conversationId: string, u: RoomInfoUpdate): void;
  /** Moves the seqno cursor forward (never back). */
  advanceSeqno(conversationId: string, seqno: number): void;
  /** The UserGroups-backed settings of a room (config-apply only). */
  setRoomConfig(conversationId: string, notificationMode: NotificationMode, priority: number): void;

  setOldestReached(conversationId: string): void;
  /** The smallest server id of a room's messages here (undefined: none). */
  oldestServerId(conversationId: string): number | undefined;
  /** Local ids of a room's messages by server id. */
  messageIdsByServerId(conversationId: string, serverIds: readonly number[]): Map<number, string>;
  /** Our message stored before the server answered (sender and sent time): its server id and posted time. */
  setPosted(messageId: string, serverId: number, postedAt: number): void;
  /** Ids of messages of ours (sender, sentAt) in a room without a server id yet. */
  unpostedOwn(conversationId: string, keys: readonly { sender: string; sentAt: number }[]): Map<string, string>;
  setReactions(messageId: string, reactions: readonly RoomReaction[]): void;
  /** Sets the pinned flag on exactly these server ids of the room. */
  setPinnedMessages(conversationId: string, serverIds: readonly number[]): string[];
  /** Updates an edited message's text and content. */
  editMessage(messageId: string, body: string, content: Uint8Array): void;
  /** People who posted in the room (newest name each), optionally matching a name or id prefix. */
  members(conversationId: string, query: string | undefined, limit: number): CommunityMemberRow[];
  /** Message ids older than `before` in rooms holding more than `keep` messages. */
  trimCandidates(before: number, keep: number, limit: number): string[];

  // --- blinded direct messages ---
  addBlinded(b: { blindedId: string; baseUrl: string; roomId?: string; sessionId?: string }): void;
  blinded(blindedId: string): BlindedContact[];
  /** Blinded ids whose Session ID is not known yet (their conversations wait to be merged). */
  pendingBlinded(): BlindedContact[];
  setBlindedSession(blindedId: string, baseUrl: string, sessionId: string): void;
  /** Moves a conversation's messages to another conversation; returns their ids. */
  moveMessages(from: string, to: string): string[];
}

export interface BlindedContact {
  blindedId: string;
  baseUrl: string;
  roomId?: string;
  sessionId?: string;
}

export function createCommunityStore(db: Db): CommunityStore {
  const upsertServer = db.prepare<[string, string]>(
    'INSERT INTO community_servers (base_url, pubkey) VALUES (?, ?) ON CONFLICT (base_url) DO UPDATE SET pubkey = excluded.pubkey',
  );
  const selectServer = db.prepare<[string], { base_url: string; pubkey: string; capabilities: string; inbox_cursor: number; outbox_cursor: number }>(
    'SELECT base_url, pubkey, capabilities, inbox_cursor, outbox_cursor FROM community_servers WHERE base_url = ?',
  );
  const updateCaps = db.prepare<[string, string]>('UPDATE community_servers SET capabilities = ? WHERE base_url = ?');
  const updateInbox = db.prepare<[number, string]>('UPDATE community_servers SET inbox_cursor = max(inbox_cursor, ?) WHERE base_url = ?');
  const updateOutbox = db.prepare<[number, string]>('UPDATE community_servers SET outbox_cursor = max(outbox_cursor, ?) WHERE base_url = ?');
  const pruneServers = db.prepare('DELETE FROM community_servers WHERE base_url NOT IN (SELECT base_url FROM community_rooms)');
  const insertRoom = db.prepare<[string, string, string, number]>(
    'INSERT INTO community_rooms (conversation_id, base_url, token, joined_at) VALUES (?, ?, ?, ?) ON CONFLICT (conversation_id) DO UPDATE SET token = excluded.token',
  );
  const selectRoom = db.prepare<[string], RawRoom>('SELECT * FROM community_rooms WHERE conversation_id = ?');
  const selectRooms = db.prepare<[], RawRoom>('SELECT * FROM community_rooms ORDER BY conversation_id');
  const selectRoomsOf = db.prepare<[string], RawRoom>('SELECT * FROM community_rooms WHERE base_url = ? ORDER BY conversation_id');
  const advance = db.prepare<[number, string]>('UPDATE community_rooms SET seqno = max(coalesce(seqno, 0), ?) WHERE conversation_id = ?');
  const updateConfig = db.prepare<[string, number, string]>('UPDATE community_rooms SET notification_mode = ?, priority = ? WHERE conversation_id = ?');
  const updateOldest = db.prepare<[string]>('UPDATE community_rooms SET oldest_reached = 1 WHERE conversation_id = ?');
  const selectOldest = db.prepare<[string], { m: number | null }>('SELECT min(server_id) AS m FROM messages WHERE conversation_id = ? AND server_id IS NOT NULL');
  const selectByServerId = db.prepare<[string, string], { id: string; server_id: number }>(
    'SELECT id, server_id FROM messages WHERE conversation_id = ? AND server_id IN (SELECT value FROM json_each(?))',
  );
  const updatePosted = db.prepare<[number, number, string]>('UPDATE messages SET server_id = ?, posted_at = ? WHERE id = ?');
  const selectUnposted = db.prepare<[string, string], { id: string; sender: string; sent_at: number }>(
    `SELECT m.id, m.sender, m.sent_at FROM json_each(?) AS j
       JOIN messages AS m ON m.sender = json_extract(j.value, '$[0]') AND m.sent_at = json_extract(j.value, '$[1]')
      WHERE m.conversation_id = ? AND m.server_id IS NULL`,
  );
  const deleteReactions = db.prepare<[string]>('DELETE FROM community_reactions WHERE message_id = ?');
  const insertReaction = db.prepare<[string, string, number, number, number, string]>(
    'INSERT OR REPLACE INTO community_reactions (message_id, emoji, idx, count, you, reactors) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const clearPins = db.prepare<[string, string], { id: string }>(
    'UPDATE messages SET pinned = 0 WHERE conversation_id = ? AND pinned = 1 AND server_id NOT IN (SELECT value FROM json_each(?)) RETURNING id',
  );
  const setPins = db.prepare<[string, string], { id: string }>(
    'UPDATE messages SET pinned = 1 WHERE conversation_id = ? AND pinned = 0 AND server_id IN (SELECT value FROM json_each(?)) RETURNING id',
  );
  const updateEdit = db.prepare<[string, Buffer, string]>('UPDATE messages SET body = ?, content = ? WHERE id = ?');
  // Two passes over the room's rows (no index leads with the sender: new posts would land at random places
  // of it): each poster's newest post, and the newest name each one posted under (SQLite takes a bare column
  // from the row that holds the max). The newest post's Content is read for the page's members only, by
  // identity (its time and sender), with a scan back for the rare member whose newest row has none.
  const selectMembers = db.prepare<{ c: string; q: string | null; limit: number }, { sender: string; name: string | null; content: Buffer | null }>(
    `SELECT page.sender, page.name,
            coalesce(
              (SELECT m3.content FROM messages m3 WHERE m3.sent_at = page.newest AND m3.sender = page.sender AND m3.conversation_id = @c
                  AND m3.content IS NOT NULL AND m3.server_id IS NOT NULL),
              (SELECT m3.content FROM messages m3 WHERE m3.conversation_id = @c AND m3.sender = page.sender AND m3.content IS NOT NULL
                  AND m3.server_id IS NOT NULL ORDER BY m3.sent_at DESC LIMIT 1)) AS content
       FROM (SELECT posted.sender, named.name, posted.newest
               FROM (SELECT sender, max(sent_at) AS newest FROM messages WHERE conversation_id = @c GROUP BY sender) AS posted
               LEFT JOIN (SELECT sender, sender_name AS name, max(sent_at) FROM messages WHERE conversation_id = @c AND sender_name IS NOT NULL
                           GROUP BY sender) AS named ON named.sender = posted.sender
              WHERE @q IS NULL OR instr(lower(coalesce(named.name, '')), @q) > 0 OR posted.sender LIKE @q || '%'
              ORDER BY posted.newest DESC LIMIT @limit) AS page
      ORDER BY page.newest DESC`,
  );
  const selectTrim = db.prepare<[number, number, number], { id: string }>(
    `SELECT m.id FROM messages m JOIN (SELECT conversation_id FROM messages WHERE server_id IS NOT NULL GROUP BY conversation_id HAVING count(*) > ?) AS big
        ON big.conversation_id = m.conversation_id
      WHERE m.server_id IS NOT NULL AND m.sent_at < ? LIMIT ?`,
  );

  const insertBlinded = db.prepare<{ b: string; u: string; r: string | null; s: string | null }>(
    `INSERT INTO blinded_contacts (blinded_id, base_url, room_id, session_id) VALUES (@b, @u, @r, @s)
     ON CONFLICT (blinded_id, base_url) DO UPDATE SET room_id = coalesce(room_id, @r), session_id = coalesce(@s, session_id)`,
  );
  type RawBlinded = { blinded_id: string; base_url: string; room_id: string | null; session_id: string | null };
  const toBlinded = (r: RawBlinded): BlindedContact => ({
    blindedId: r.blinded_id,
    baseUrl: r.base_url,
    ...(r.room_id !== null ? { roomId: r.room_id } : {}),
    ...(r.session_id !== null ? { sessionId: r.session_id } : {}),
  });
  const selectBlinded = db.prepare<[string], RawBlinded>('SELECT * FROM blinded_contacts WHERE blinded_id = ?');
  const selectPending = db.prepare<[], RawBlinded>('SELECT * FROM blinded_contacts WHERE session_id IS NULL');
  const updateBlindedSession = db.prepare<[string, string, string]>('UPDATE blinded_contacts SET session_id = ? WHERE blinded_id = ? AND base_url = ?');
  const moveMessages = db.prepare<[string, string], { id: string }>('UPDATE messages SET conversation_id = ? WHERE conversation_id = ? RETURNING id');

  return {
    addBlinded: (b) => void insertBlinded.run({ b: b.blindedId, u: b.baseUrl, r: b.roomId ?? null, s: b.sessionId ?? null }),
    blinded: (id) => selectBlinded.all(id).map(toBlinded),
    pendingBlinded: () => selectPending.all().map(toBlinded),
    setBlindedSession: (b, u, sid) => void updateBlindedSession.run(sid, b, u),
    moveMessages: (from, to) => moveMessages.all(to, from).map((r) => r.id),
    upsertServer: (baseUrl, pubkey) => void upsertServer.run(baseUrl, pubkey.toLowerCase()),
    server(baseUrl) {
      const r = selectServer.get(baseUrl);
      return r ? { baseUrl: r.base_url, pubkey: r.pubkey, capabilities: stringList(r.capabilities), inboxCursor: r.inbox_cursor, outboxCursor: r.outbox_cursor } : undefined;
    },
    setCapabilities: (baseUrl, caps) => void updateCaps.run(JSON.stringify([...caps]), baseUrl),
    setInboxCursor: (baseUrl, id) => void updateInbox.run(id, baseUrl),
    setOutboxCursor: (baseUrl, id) => void updateOutbox.run(id, baseUrl),
    pruneServers: () => void pruneServers.run(),
    addRoom: (r) => void insertRoom.run(r.conversationId, r.baseUrl, r.token, r.joinedAt),
    room(id) {
      const r = selectRoom.get(id);
      return r ? toRoom(r) : undefined;
    },
    rooms: () => selectRooms.all().map(toRoom),
    roomsOf: (baseUrl) => selectRoomsOf.all(baseUrl).map(toRoom),
    updateRoom(id, u) {
      const sets: string[] = [];
      const vals: (string | number | null)[] = [];
      const set = (col: string, v: string | number | null): void => {
        sets.push(`${col} = ?`);
        vals.push(v);
      };
      if (u.name !== undefined) set('name', u.name);
      if (u.description !== undefined) set('description', u.description);
      if (u.infoUpdates !== undefined) set('info_updates', u.infoUpdates);
      if (u.activeUsers !== undefined) set('active_users', u.activeUsers);
      if (u.imageId !== undefined) set('image_id', u.imageId);
      if (u.canRead !== undefined) set('can_read', u.canRead ? 1 : 0);
      if (u.canWrite !== undefined) set('can_write', u.canWrite ? 1 : 0);
      if (u.canUpload !== undefined) set('can_upload', u.canUpload ? 1 : 0);
      if (u.moderator !== undefined) set('moderator', u.moderator ? 1 : 0);
      if (u.admin !== undefined) set('admin', u.admin ? 1 : 0);
      if (u.moderators !== undefined) set('moderators', JSON.stringify(u.moderators));
      if (u.admins !== undefined) set('admins', JSON.stringify(u.admins));
      if (u.pinned !== undefined) set('pinned', JSON.stringify(u.pinned));
      if (sets.length === 0) return;
      db.prepare(`UPDATE community_rooms SET ${sets.join(', ')} WHERE conversation_id = ?`).run(...vals, id);
    },
    advanceSeqno: (id, seqno) => void advance.run(seqno, id),
    setRoomConfig: (id, mode, priority) => void updateConfig.run(mode, priority, id),
    setOldestReached: (id) => void updateOldest.run(id),
    oldestServerId: (id) => selectOldest.get(id)?.m ?? undefined,
    messageIdsByServerId(id, serverIds) {
      if (serverIds.length === 0) return new Map();
      return new Map(selectByServerId.all(id, JSON.stringify(serverIds)).map((r) => [r.server_id, r.id]));
    },
    setPosted: (messageId, serverId, postedAt) => void updatePosted.run(serverId, postedAt, messageId),
    unpostedOwn(id, keys) {
      if (keys.length === 0) return new Map();
      return new Map(selectUnposted.all(JSON.stringify(keys.map((k) => [k.sender, k.sentAt])), id).map((r) => [`${r.sender}|${r.sent_at}`, r.id]));
    },
    setReactions(messageId, reactions) {
      deleteReactions.run(messageId);
      for (const r of reactions) insertReaction.run(messageId, r.emoji, r.index, r.count, r.you ? 1 : 0, JSON.stringify(r.reactors));
    },
    setPinnedMessages(id, serverIds) {
      const json = JSON.stringify(serverIds);
      return [...clearPins.all(id, json), ...setPins.all(id, json)].map((r) => r.id);
    },
    editMessage: (messageId, body, content) => void updateEdit.run(body, Buffer.from(content.buffer, content.byteOffset, content.byteLength), messageId),
    members(id, query, limit) {
      const q = query !== undefined && query.trim() !== '' ? query.trim().toLowerCase() : null;
      return selectMembers.all({ c: id, q, limit }).map((r) => ({
        id: r.sender,
        ...(r.name !== null ? { name: r.name } : {}),
        ...(r.content !== null ? { newestContent: new Uint8Array(r.content) } : {}),
      }));
    },
    trimCandidates: (before, keep, limit) => selectTrim.all(keep, before, limit).map((r) => r.id),
  };
}
