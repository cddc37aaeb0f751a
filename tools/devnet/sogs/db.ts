// The community server's storage: one SQLite database (in memory, or sogs.sqlite under --state-dir) with
// rooms, posts, reactions, pins, files, moderators, bans, used nonces and the blinded DM inbox. All SQL of
// the community server lives here. Times are unix seconds (floats), as the SOGS API reports them.
import Database from 'better-sqlite3-multiple-ciphers';

export interface RoomRow {
  readonly id: number;
  readonly token: string;
  readonly name: string;
  readonly description: string | null;
  readonly created: number;
  readonly info_updates: number;
  readonly message_sequence: number;
  readonly image_id: number | null;
}

export interface MessageRow {
  readonly id: number;
  readonly room: number;
  readonly session_id: string;
  readonly posted: number;
  readonly edited: number | null;
  readonly seqno: number;
  readonly seqno_data: number;
  readonly data: Buffer | null;
  readonly data_size: number | null;
  readonly signature: Buffer | null;
}

export interface ReactionRow {
  readonly message: number;
  readonly emoji: string;
  readonly session_id: string;
  readonly at: number;
  readonly first: number;
}

export interface FileRow {
  readonly id: number;
  readonly room: number;
  readonly size: number;
  readonly uploaded: number;
  readonly expiry: number | null;
  readonly filename: string | null;
}

export interface ModRow {
  readonly room: number;
  readonly session_id: string;
  readonly admin: number;
  readonly visible: number;
}

export interface InboxRow {
  readonly id: number;
  readonly sender: string;
  readonly recipient: string;
  readonly body: Buffer;
  readonly posted: number;
  readonly expiry: number;
}

/** Room 0 in `moderators` and `bans` means the whole server (global). */
export const GLOBAL = 0;

const MSG_COLS = 'id, room, session_id, posted, edited, seqno, seqno_data, data, data_size, signature';

export class SogsDb {
  private readonly db: Database.Database;
  private readonly s;

  constructor(file: string | null) {
    this.db = new Database(file ?? ':memory:');
    if (file) this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS rooms (
        id INTEGER PRIMARY KEY AUTOINCREMENT, token TEXT NOT NULL UNIQUE COLLATE NOCASE, name TEXT NOT NULL,
        description TEXT, created REAL NOT NULL, info_updates INTEGER NOT NULL DEFAULT 0,
        message_sequence INTEGER NOT NULL DEFAULT 0, image_id INTEGER);
      CREATE TABLE IF NOT EXISTS users (session_id TEXT PRIMARY KEY, created REAL NOT NULL, last_active REAL NOT NULL);
      CREATE TABLE IF NOT EXISTS room_users (
        room INTEGER NOT NULL, session_id TEXT NOT NULL, last_active REAL NOT NULL, PRIMARY KEY (room, session_id));
      CREATE INDEX IF NOT EXISTS room_users_active ON room_users (room, last_active);
      CREATE TABLE IF NOT EXISTS messages (
        id INTEGER PRIMARY KEY AUTOINCREMENT, room INTEGER NOT NULL, session_id TEXT NOT NULL, posted REAL NOT NULL,
        edited REAL, seqno INTEGER NOT NULL, seqno_data INTEGER NOT NULL, data BLOB, data_size INTEGER, signature BLOB);
      CREATE UNIQUE INDEX IF NOT EXISTS messages_seqno ON messages (room, seqno);
      CREATE INDEX IF NOT EXISTS messages_seqno_data ON messages (room, seqno_data);
      CREATE INDEX IF NOT EXISTS messages_room_id ON messages (room, id);
      CREATE INDEX IF NOT EXISTS messages_author ON messages (session_id, room);
      CREATE TABLE IF NOT EXISTS reactions (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, message INTEGER NOT NULL, emoji TEXT NOT NULL, session_id TEXT NOT NULL,
        at REAL NOT NULL, UNIQUE (message, emoji, session_id));
      CREATE TABLE IF NOT EXISTS pins (
        room INTEGER NOT NULL, message INTEGER NOT NULL, pinned_at REAL NOT NULL, pinned_by TEXT NOT NULL,
        PRIMARY KEY (room, message));
      CREATE TABLE IF NOT EXISTS files (
        id INTEGER PRIMARY KEY AUTOINCREMENT, room INTEGER NOT NULL, uploader TEXT NOT NULL, size INTEGER NOT NULL,
        uploaded REAL NOT NULL, expiry REAL, filename TEXT, data BLOB NOT NULL);
      CREATE INDEX IF NOT EXISTS files_expiry ON files (expiry);
      CREATE TABLE IF NOT EXISTS moderators (
        room INTEGER NOT NULL, session_id TEXT NOT NULL, admin INTEGER NOT NULL, visible INTEGER NOT NULL,
        PRIMARY KEY (room, session_id));
      CREATE TABLE IF NOT EXISTS bans (room INTEGER NOT NULL, session_id TEXT NOT NULL, until REAL, PRIMARY KEY (room, session_id));
      CREATE TABLE IF NOT EXISTS nonces (session_id TEXT NOT NULL, nonce BLOB NOT NULL, at REAL NOT NULL, PRIMARY KEY (session_id, nonce));
      CREATE INDEX IF NOT EXISTS nonces_at ON nonces (at);
      CREATE TABLE IF NOT EXISTS inbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT, sender TEXT NOT NULL, recipient TEXT NOT NULL, body BLOB NOT NULL,
        posted REAL NOT NULL, expiry REAL NOT NULL);
      CREATE INDEX IF NOT EXISTS inbox_recipient ON inbox (recipient, id);
      CREATE INDEX IF NOT EXISTS inbox_sender ON inbox (sender, id);
      CREATE TABLE IF NOT EXISTS unblinded (session_id TEXT PRIMARY KEY, positive TEXT NOT NULL, flipped TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS unblinded_flipped ON unblinded (flipped);
    `);
    const db = this.db;
    this.s = {
      getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      roomByToken: db.prepare<[string], RoomRow>('SELECT * FROM rooms WHERE token = ?'),
      roomById: db.prepare<[number], RoomRow>('SELECT * FROM rooms WHERE id = ?'),
      rooms: db.prepare<[], RoomRow>('SELECT * FROM rooms ORDER BY id'),
      // info_updates starts at 1 so that pollInfo/0 (what DESKTOP always asks) returns the room details.
      addRoom: db.prepare('INSERT INTO rooms (token, name, created, info_updates) VALUES (?, ?, ?, 1)'),
      bumpSeq: db.prepare<[number], { message_sequence: number }>(
        'UPDATE rooms SET message_sequence = message_sequence + 1 WHERE id = ? RETURNING message_sequence',
      ),
      bumpInfo: db.prepare<[number], { info_updates: number }>('UPDATE rooms SET info_updates = info_updates + 1 WHERE id = ? RETURNING info_updates'),
      updateRoom: db.prepare('UPDATE rooms SET name = ?, description = ?, image_id = ? WHERE id = ?'),
      getUser: db.prepare<[string], { session_id: string }>('SELECT session_id FROM users WHERE session_id = ?'),
      addUser: db.prepare('INSERT INTO users (session_id, created, last_active) VALUES (?, ?, ?) ON CONFLICT(session_id) DO UPDATE SET last_active = excluded.last_active'),
      touchRoom: db.prepare(
        'INSERT INTO room_users (room, session_id, last_active) VALUES (?, ?, ?) ON CONFLICT(room, session_id) DO UPDATE SET last_active = excluded.last_active',
      ),
      activeUsers: db.prepare<[number, number], { n: number }>('SELECT COUNT(*) AS n FROM room_users WHERE room = ? AND last_active >= ?'),
      insertMessage: db.prepare(
        'INSERT INTO messages (room, session_id, posted, seqno, seqno_data, data, data_size, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      message: db.prepare<[number, number], MessageRow>(`SELECT ${MSG_COLS} FROM messages WHERE room = ? AND id = ?`),
      since: db.prepare<[number, number, number], MessageRow>(
        `SELECT ${MSG_COLS} FROM messages WHERE room = ? AND seqno > ? ORDER BY seqno LIMIT ?`,
      ),
      sinceData: db.prepare<[number, number, number], MessageRow>(
        `SELECT ${MSG_COLS} FROM messages WHERE room = ? AND seqno_data > ? ORDER BY seqno_data LIMIT ?`,
      ),
      before: db.prepare<[number, number, number], MessageRow>(
        `SELECT ${MSG_COLS} FROM messages WHERE room = ? AND id < ? AND data IS NOT NULL ORDER BY id DESC LIMIT ?`,
      ),
      editMessage: db.prepare('UPDATE messages SET data = ?, data_size = ?, signature = ?, edited = ?, seqno = ?, seqno_data = ? WHERE id = ?'),
      deleteMessage: db.prepare('UPDATE messages SET data = NULL, data_size = NULL, signature = NULL, seqno = ?, seqno_data = ? WHERE id = ?'),
      setSeqno: db.prepare('UPDATE messages SET seqno = ? WHERE id = ?'),
      authorMessages: db.prepare<[string, number], { id: number }>(
        'SELECT id FROM messages WHERE session_id = ? AND room = ? AND data IS NOT NULL ORDER BY id',
      ),
      addReaction: db.prepare('INSERT OR IGNORE INTO reactions (message, emoji, session_id, at) VALUES (?, ?, ?, ?)'),
      removeReaction: db.prepare('DELETE FROM reactions WHERE message = ? AND emoji = ? AND session_id = ?'),
      removeEmoji: db.prepare('DELETE FROM reactions WHERE message = ? AND emoji = ?'),
      removeReactions: db.prepare('DELETE FROM reactions WHERE message = ?'),
      reactors: db.prepare<[number, string, number], { session_id: string; at: number }>(
        'SELECT session_id, at FROM reactions WHERE message = ? AND emoji = ? ORDER BY seq LIMIT ?',
      ),
      addPin: db.prepare(
        'INSERT INTO pins (room, message, pinned_at, pinned_by) VALUES (?, ?, ?, ?) ON CONFLICT(room, message) DO UPDATE SET pinned_at = excluded.pinned_at, pinned_by = excluded.pinned_by',
      ),
      removePin: db.prepare('DELETE FROM pins WHERE room = ? AND message = ?'),
      removePins: db.prepare('DELETE FROM pins WHERE room = ?'),
      pins: db.prepare<[number], { id: number; pinned_at: number; pinned_by: string }>(
        'SELECT message AS id, pinned_at, pinned_by FROM pins WHERE room = ? ORDER BY pinned_at, message',
      ),
      addFile: db.prepare('INSERT INTO files (room, uploader, size, uploaded, expiry, filename, data) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      file: db.prepare<[number], FileRow>('SELECT id, room, size, uploaded, expiry, filename FROM files WHERE id = ?'),
      fileData: db.prepare<[number], { data: Buffer }>('SELECT data FROM files WHERE id = ?'),
      setFileExpiry: db.prepare('UPDATE files SET expiry = ? WHERE id = ? AND room = ? AND expiry IS NOT NULL AND expiry < ?'),
      keepFile: db.prepare('UPDATE files SET expiry = NULL WHERE id = ?'),
      expireFiles: db.prepare('DELETE FROM files WHERE expiry IS NOT NULL AND expiry < ?'),
      mods: db.prepare<[number], ModRow>('SELECT room, session_id, admin, visible FROM moderators WHERE room = ? OR room = 0 ORDER BY session_id'),
      rolesOf: db.prepare<[number, string], ModRow>(
        'SELECT room, session_id, admin, visible FROM moderators WHERE (room = ? OR room = 0) AND session_id = ?',
      ),
      setMod: db.prepare(
        'INSERT INTO moderators (room, session_id, admin, visible) VALUES (?, ?, ?, ?) ON CONFLICT(room, session_id) DO UPDATE SET admin = excluded.admin, visible = excluded.visible',
      ),
      removeMod: db.prepare('DELETE FROM moderators WHERE room = ? AND session_id = ?'),
      ban: db.prepare('INSERT INTO bans (room, session_id, until) VALUES (?, ?, ?) ON CONFLICT(room, session_id) DO UPDATE SET until = excluded.until'),
      unban: db.prepare('DELETE FROM bans WHERE room = ? AND session_id = ?'),
      banned: db.prepare<[number, string, number], { room: number }>(
        'SELECT room FROM bans WHERE room = ? AND session_id = ? AND (until IS NULL OR until > ?)',
      ),
      nonceUsed: db.prepare<[string, Buffer], { at: number }>('SELECT at FROM nonces WHERE session_id = ? AND nonce = ?'),
      addNonce: db.prepare('INSERT INTO nonces (session_id, nonce, at) VALUES (?, ?, ?)'),
      pruneNonces: db.prepare('DELETE FROM nonces WHERE at < ?'),
      addInbox: db.prepare('INSERT INTO inbox (sender, recipient, body, posted, expiry) VALUES (?, ?, ?, ?, ?)'),
      inbox: db.prepare<[string, number, number, number], InboxRow>(
        'SELECT * FROM inbox WHERE recipient = ? AND id > ? AND expiry > ? ORDER BY id LIMIT ?',
      ),
      outbox: db.prepare<[string, number, number, number], InboxRow>('SELECT * FROM inbox WHERE sender = ? AND id > ? AND expiry > ? ORDER BY id LIMIT ?'),
      clearInbox: db.prepare('DELETE FROM inbox WHERE recipient = ?'),
      expireInbox: db.prepare('DELETE FROM inbox WHERE expiry <= ?'),
      unblindedByFlipped: db.prepare<[string], { positive: string }>('SELECT positive FROM unblinded WHERE flipped = ?'),
      addUnblinded: db.prepare('INSERT OR IGNORE INTO unblinded (session_id, positive, flipped) VALUES (?, ?, ?)'),
      moveMods: db.prepare('UPDATE OR REPLACE moderators SET session_id = ? WHERE session_id = ?'),
      moveBans: db.prepare('UPDATE OR REPLACE bans SET session_id = ? WHERE session_id = ?'),
    };
  }

  close(): void {
    this.db.close();
  }

  /** Runs `fn` in one transaction (every write of a request commits together). */
  tx<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  getMeta(key: string): string | null {
    return this.s.getMeta.get(key)?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.s.setMeta.run(key, value);
  }

  room(token: string): RoomRow | null {
    return this.s.roomByToken.get(token) ?? null;
  }

  roomById(id: number): RoomRow | null {
    return this.s.roomById.get(id) ?? null;
  }

  rooms(): RoomRow[] {
    return this.s.rooms.all();
  }

  /** Creates a room unless one with this token (any case) exists; returns it. */
  ensureRoom(token: string, name: string, now: number): RoomRow {
    const existing = this.room(token);
    if (existing) return existing;
    this.s.addRoom.run(token, name, now);
    return this.room(token)!;
  }

  updateRoom(id: number, name: string, description: string | null, imageId: number | null): number {
    this.s.updateRoom.run(name, description, imageId, id);
    return this.bumpInfo(id);
  }

  /** The room's next message_sequence (every post, edit, deletion and reaction change takes one). */
  nextSeqno(room: number): number {
    return this.s.bumpSeq.get(room)!.message_sequence;
  }

  bumpInfo(room: number): number {
    return this.s.bumpInfo.get(room)!.info_updates;
  }

  userSeen(sessionId: string): boolean {
    return this.s.getUser.get(sessionId) !== undefined;
  }

  /** Records a request by the user; true when the user was never seen before. */
  touchUser(sessionId: string, now: number): boolean {
    const fresh = !this.userSeen(sessionId);
    this.s.addUser.run(sessionId, now, now);
    return fresh;
  }

  touchRoom(room: number, sessionId: string, now: number): void {
    this.s.touchRoom.run(room, sessionId, now);
  }

  activeUsers(room: number, since: number): number {
    return this.s.activeUsers.get(room, since)!.n;
  }

  insertMessage(room: number, sessionId: string, posted: number, data: Uint8Array, dataSize: number, signature: Uint8Array): MessageRow {
    const seqno = this.nextSeqno(room);
    const r = this.s.insertMessage.run(room, sessionId, posted, seqno, seqno, Buffer.from(data), dataSize, Buffer.from(signature));
    return this.message(room, Number(r.lastInsertRowid))!;
  }

  message(room: number, id: number): MessageRow | null {
    return this.s.message.get(room, id) ?? null;
  }

  since(room: number, seqno: number, limit: number, withReactions: boolean): MessageRow[] {
    return (withReactions ? this.s.since : this.s.sinceData).all(room, seqno, limit);
  }

  before(room: number, id: number, limit: number): MessageRow[] {
    return this.s.before.all(room, id, limit);
  }

  editMessage(m: MessageRow, data: Uint8Array, dataSize: number, signature: Uint8Array, now: number): void {
    const seqno = this.nextSeqno(m.room);
    this.s.editMessage.run(Buffer.from(data), dataSize, Buffer.from(signature), now, seqno, seqno, m.id);
  }

  /** Blanks a post (pollers then see a deletion row), dropping its reactions and pin. True if it was pinned. */
  deleteMessage(m: MessageRow): boolean {
    const seqno = this.nextSeqno(m.room);
    this.s.deleteMessage.run(seqno, seqno, m.id);
    this.s.removeReactions.run(m.id);
    return this.s.removePin.run(m.room, m.id).changes > 0;
  }

  authorMessages(sessionId: string, room: number): MessageRow[] {
    return this.s.authorMessages.all(sessionId, room).map((r) => this.message(room, r.id)!);
  }

  /** A reaction change gives the message a new seqno (its data seqno stays). */
  private bumpMessage(m: MessageRow): number {
    const seqno = this.nextSeqno(m.room);
    this.s.setSeqno.run(seqno, m.id);
    return seqno;
  }

  addReaction(m: MessageRow, emoji: string, sessionId: string, now: number): { changed: boolean; seqno: number } {
    if (this.s.addReaction.run(m.id, emoji, sessionId, now).changes === 0) return { changed: false, seqno: m.seqno };
    return { changed: true, seqno: this.bumpMessage(m) };
  }

  removeReaction(m: MessageRow, emoji: string, sessionId: string): { changed: boolean; seqno: number } {
    if (this.s.removeReaction.run(m.id, emoji, sessionId).changes === 0) return { changed: false, seqno: m.seqno };
    return { changed: true, seqno: this.bumpMessage(m) };
  }

  /** Removes everyone's reactions (one emoji, or all); returns how many and the message's seqno. */
  clearReactions(m: MessageRow, emoji: string | null): { removed: number; seqno: number } {
    const removed = (emoji === null ? this.s.removeReactions.run(m.id) : this.s.removeEmoji.run(m.id, emoji)).changes;
    return { removed, seqno: removed > 0 ? this.bumpMessage(m) : m.seqno };
  }

  /** Every reaction of these messages, each with the sequence number of its emoji's first reaction. */
  reactions(messageIds: readonly number[]): ReactionRow[] {
    if (messageIds.length === 0) return [];
    const marks = messageIds.map(() => '?').join(', ');
    return this.db
      .prepare<number[], ReactionRow>(
        `SELECT r.message, r.emoji, r.session_id, r.at,
                (SELECT MIN(seq) FROM reactions f WHERE f.message = r.message AND f.emoji = r.emoji) AS first
         FROM reactions r WHERE r.message IN (${marks}) ORDER BY r.message, r.seq`,
      )
      .all(...messageIds);
  }

  reactors(message: number, emoji: string, limit: number): Array<{ session_id: string; at: number }> {
    return this.s.reactors.all(message, emoji, limit);
  }

  pin(room: number, message: number, now: number, by: string): number {
    this.s.addPin.run(room, message, now, by);
    return this.bumpInfo(room);
  }

  unpin(room: number, message: number): { unpinned: number; info_updates: number } {
    const unpinned = this.s.removePin.run(room, message).changes;
    return { unpinned, info_updates: unpinned > 0 ? this.bumpInfo(room) : this.roomById(room)!.info_updates };
  }

  unpinAll(room: number): { unpinned: number; info_updates: number } {
    const unpinned = this.s.removePins.run(room).changes;
    return { unpinned, info_updates: unpinned > 0 ? this.bumpInfo(room) : this.roomById(room)!.info_updates };
  }

  pins(room: number): Array<{ id: number; pinned_at: number; pinned_by: string }> {
    return this.s.pins.all(room);
  }

  addFile(room: number, uploader: string, data: Uint8Array, now: number, expiry: number, filename: string | null): number {
    return Number(this.s.addFile.run(room, uploader, data.length, now, expiry, filename, Buffer.from(data)).lastInsertRowid);
  }

  file(id: number): FileRow | null {
    return this.s.file.get(id) ?? null;
  }

  fileData(id: number): Buffer | null {
    return this.s.fileData.get(id)?.data ?? null;
  }

  /** A file a post refers to lives at least until `expiry`; a kept file (room image) forever. */
  extendFile(id: number, room: number, expiry: number): void {
    this.s.setFileExpiry.run(expiry, id, room, expiry);
  }

  keepFile(id: number): void {
    this.s.keepFile.run(id);
  }

  /** Roles in a room: its own and the global ones. */
  mods(room: number): ModRow[] {
    return this.s.mods.all(room);
  }

  /** A user's roles in a room: its room-level row and its global row (room 0), when they exist. */
  rolesOf(room: number, sessionId: string): ModRow[] {
    return this.s.rolesOf.all(room, sessionId);
  }

  setMod(room: number, sessionId: string, admin: boolean, visible: boolean): void {
    this.s.setMod.run(room, sessionId, admin ? 1 : 0, visible ? 1 : 0);
  }

  removeMod(room: number, sessionId: string): boolean {
    return this.s.removeMod.run(room, sessionId).changes > 0;
  }

  ban(room: number, sessionId: string, until: number | null): void {
    this.s.ban.run(room, sessionId, until);
  }

  unban(room: number, sessionId: string): void {
    this.s.unban.run(room, sessionId);
  }

  isBanned(room: number, sessionId: string, now: number): boolean {
    return this.s.banned.get(room, sessionId, now) !== undefined;
  }

  /** Records a nonce for a user; false when that user already used it. */
  useNonce(sessionId: string, nonce: Uint8Array, now: number): boolean {
    const n = Buffer.from(nonce);
    if (this.s.nonceUsed.get(sessionId, n)) return false;
    this.s.addNonce.run(sessionId, n, now);
    return true;
  }

  /** Forgets nonces recorded before `before` (their timestamps are outside the window by then). */
  pruneNonces(before: number): void {
    this.s.pruneNonces.run(before);
  }

  addInbox(sender: string, recipient: string, body: Uint8Array, now: number, expiry: number): InboxRow {
    const id = Number(this.s.addInbox.run(sender, recipient, Buffer.from(body), now, expiry).lastInsertRowid);
    return { id, sender, recipient, body: Buffer.from(body), posted: now, expiry };
  }

  inbox(recipient: string, after: number, now: number, limit: number): InboxRow[] {
    return this.s.inbox.all(recipient, after, now, limit);
  }

  outbox(sender: string, after: number, now: number, limit: number): InboxRow[] {
    return this.s.outbox.all(sender, after, now, limit);
  }

  clearInbox(recipient: string): number {
    return this.s.clearInbox.run(recipient).changes;
  }

  /** Drops expired files and DMs. */
  cleanup(now: number): void {
    this.s.expireFiles.run(now);
    this.s.expireInbox.run(now);
    this.s.pruneNonces.run(now - 7 * 86_400);
  }

  /** Remembers both candidate blinded ids of a 05 Session ID (spec A.4.2). */
  addUnblinded(sessionId: string, positive: string, flipped: string): void {
    this.s.addUnblinded.run(sessionId, positive, flipped);
  }

  /**
   * A user first seen with the sign-flipped candidate of a 05 id that roles or bans were given to: those
   * roles and bans move to the id the user really has.
   */
  claimUnblinded(blindedId: string): void {
    const row = this.s.unblindedByFlipped.get(blindedId);
    if (!row) return;
    this.s.moveMods.run(blindedId, row.positive);
    this.s.moveBans.run(blindedId, row.positive);
  }
}
