// The devnet community server (SOGS v3, spec advanced.md A.2–A.7, A.10): reached only through onion requests
// v4 as their destination, with its own X25519 key; every request's X-SOGS-* headers verified (blinded ids
// required); rooms, posts, reactions, pins, files, moderation and the blinded DM inbox kept in SogsDb.
import { ed25519Verify, fromB64, fromHex, toHex, utf8, type Identity, type RandomBytes } from '../crypto';
import type { HopResult } from '../onion';
import { handleV4Destination, type V4Request } from '../v4dest';
import { verifyRequestAuth } from './auth';
import { blindedCandidates } from './blinding';
import { GLOBAL, type MessageRow, type RoomRow, type SogsDb } from './db';

export const CAPABILITIES = ['blind', 'reactions', 'sogs'] as const;
export const MAX_FILE_BYTES = 10_000_000;
const ACTIVE_CUTOFF_S = 7 * 86_400;
const FILE_TTL_S = 3600;
const POSTED_FILE_TTL_S = 15 * 86_400;
const DM_TTL_S = 15 * 86_400;
const TOKEN_RE = /^[\w-]{1,64}$/;
const BLINDED_RE = /^15[0-9a-f]{64}$/;
const INT_RE = /^\d{1,15}$/;

export interface SogsServerOptions {
  readonly identity: Identity;
  readonly db: SogsDb;
  /** The devnet's clock in ms. */
  readonly now: () => number;
  readonly random: RandomBytes;
}

export interface SogsRoomConfig {
  readonly token: string;
  readonly name: string;
}

/** One HTTP-level answer of the community server (before v4 encoding or batch wrapping). */
export interface SogsReply {
  readonly code: number;
  readonly contentType: string;
  readonly body: Uint8Array;
  readonly headers?: Readonly<Record<string, string>>;
}

interface Call {
  readonly method: string;
  readonly segs: readonly string[];
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array | null;
  readonly user: string | null;
  readonly now: number;
  /** Inside a batch or sequence (which cannot nest). */
  readonly nested: boolean;
}

interface Roles {
  readonly moderator: boolean;
  readonly admin: boolean;
  readonly globalModerator: boolean;
  readonly globalAdmin: boolean;
}

type Handler = (c: Call, p: Readonly<Record<string, string>>) => SogsReply;

const json = (code: number, value: unknown): SogsReply => ({ code, contentType: 'application/json', body: utf8(JSON.stringify(value)) });
const plain = (code: number, msg: string): SogsReply => ({ code, contentType: 'text/plain; charset=utf-8', body: utf8(msg) });
const NOT_FOUND = (what: string): SogsReply => plain(404, `${what} not found`);

/** Thrown by handlers to answer an error from deep inside (caught in dispatch). */
class Refusal extends Error {
  constructor(readonly reply: SogsReply) {
    super(Buffer.from(reply.body).toString('utf8'));
  }
}
const refuse = (code: number, msg: string): never => {
  throw new Refusal(plain(code, msg));
};

/** Removes Session message padding tolerantly (spec 0.2): trailing zeros, then one 0x80 if present. */
function unpad(data: Uint8Array): Uint8Array {
  let i = data.length - 1;
  while (i >= 0 && data[i] === 0) i--;
  return i >= 0 && data[i] === 0x80 ? data.subarray(0, i) : data;
}

/** Restores the padding a post was made with (0x80 then zeros up to its posted length), so its signature verifies. */
function repad(data: Buffer, size: number): Buffer {
  if (size <= data.length) return data;
  const out = Buffer.alloc(size);
  data.copy(out);
  out[data.length] = 0x80;
  return out;
}

function jsonBody(c: Call): Record<string, unknown> {
  if (!c.body || c.body.length === 0) return {};
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(c.body).toString('utf8'));
  } catch {
    return refuse(400, 'Invalid JSON body');
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return refuse(400, 'JSON body must be an object');
  return v as Record<string, unknown>;
}

function intParam(raw: string | undefined, what: string): number {
  if (raw === undefined || !INT_RE.test(raw)) return refuse(400, `Invalid ${what}`);
  return Number(raw);
}

function queryInt(q: URLSearchParams, name: string, dflt: number, min: number, max: number): number {
  const raw = q.get(name);
  if (raw === null || raw === '') return dflt;
  if (!/^-?\d{1,15}$/.test(raw)) return refuse(400, `Invalid ${name}`);
  return Math.min(max, Math.max(min, Number(raw)));
}

function header(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return v;
  return undefined;
}

/** `attachment; filename*=UTF-8''<pct-encoded>` or `filename="..."`; null when absent or unusable. */
function filenameFrom(disposition: string | undefined): string | null {
  if (!disposition) return null;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  let name: string | null = null;
  if (star) {
    try {
      name = decodeURIComponent(star[1]!.trim());
    } catch {
      name = null;
    }
  }
  if (name === null) {
    const q = /filename\s*=\s*"([^"]*)"/i.exec(disposition) ?? /filename\s*=\s*([^;]+)/i.exec(disposition);
    name = q ? q[1]!.trim() : null;
  }
  name = name?.replace(/[\u0000-\u001f/\\]/g, '') ?? null;
  return name && name.length > 0 && name.length <= 255 ? name : null;
}

/** 1–12 code points (spec A.6). */
function validEmoji(s: string): boolean {
  const n = [...s].length;
  return n >= 1 && n <= 12;
}

const stripControls = (s: string, keepNewlines: boolean): string =>
  [...s].filter((ch) => ch.charCodeAt(0) >= 0x20 || (keepNewlines && (ch === '\n' || ch === '\t'))).join('');

/** A post added in bulk (benchmarks, fixtures): checked like a POSTed one, without a request per post. */
export interface ImportedPost {
  /** The poster's 15-blinded id. */
  readonly sessionId: string;
  /** The padded content as it would be POSTed, and its blinded signature. */
  readonly data: Uint8Array;
  readonly signature: Uint8Array;
  /** Unix seconds; default now. */
  readonly posted?: number;
}

/** An injected community-server failure: every request answers `status` (`times` requests, or until cleared). */
export interface SogsFault {
  readonly status: number;
  readonly times?: number;
}

export class SogsServer {
  private readonly routes: Array<{ method: string; parts: string[]; handler: Handler }> = [];
  private fault: { status: number; remaining: number | null } | null = null;

  constructor(private readonly opts: SogsServerOptions) {
    this.define();
  }

  get pubkeyHex(): string {
    return toHex(this.opts.identity.x25519Pub);
  }

  /** Creates the configured rooms (kept ones stay) and makes the configured users visible admins of every room. */
  configure(rooms: readonly SogsRoomConfig[], admins: readonly string[]): void {
    const db = this.opts.db;
    const nowS = this.opts.now() / 1000;
    db.tx(() => {
      for (const r of rooms) {
        if (!TOKEN_RE.test(r.token)) throw new Error(`invalid room token ${r.token}: 1-64 of A-Z a-z 0-9 _ -`);
        db.ensureRoom(r.token, r.name, nowS);
      }
      for (const admin of admins) {
        const id = this.resolveUser(admin.toLowerCase());
        if (!id) throw new Error(`invalid admin ${admin}: expected a 05 or 15 id (66 hex)`);
        for (const room of db.rooms()) {
          const had = db.rolesOf(room.id, id).some((r) => r.room === room.id && r.admin === 1 && r.visible === 1);
          if (!had) {
            db.setMod(room.id, id, true, true);
            db.bumpInfo(room.id);
          }
        }
      }
    });
  }

  roomTokens(): string[] {
    return this.opts.db.rooms().map((r) => r.token);
  }

  /**
   * Adds posts to a room in one transaction, each signature verified against its poster's 15 id as
   * `POST /room/{token}/message` does. Returns the new message ids; throws (adding nothing) on a bad post.
   */
  importPosts(token: string, posts: readonly ImportedPost[]): number[] {
    const db = this.opts.db;
    const room = TOKEN_RE.test(token) ? db.room(token) : null;
    if (!room) throw new Error(`unknown room ${token}`);
    const nowS = this.opts.now() / 1000;
    return db.tx(() =>
      posts.map((p, i) => {
        const id = p.sessionId.toLowerCase();
        if (!BLINDED_RE.test(id)) throw new Error(`post ${i}: sessionId must be a 15-blinded id`);
        if (p.data.length === 0 || p.signature.length !== 64 || !ed25519Verify(fromHex(id.slice(2))!, p.data, p.signature)) {
          throw new Error(`post ${i}: signature does not verify`);
        }
        db.touchUser(id, nowS);
        return db.insertMessage(room.id, id, p.posted ?? nowS, unpad(p.data), p.data.length, p.signature).id;
      }),
    );
  }

  /** Makes the next requests (all, or `times` of them) answer `status` inside the v4 reply; null clears it. */
  setFault(fault: SogsFault | null): void {
    if (fault === null) {
      this.fault = null;
      return;
    }
    if (!Number.isInteger(fault.status) || fault.status < 100 || fault.status > 599) throw new Error('community server fault needs a status 100-599');
    if (fault.times !== undefined && (!Number.isInteger(fault.times) || fault.times < 1)) throw new Error('times must be a positive integer');
    this.fault = { status: fault.status, remaining: fault.times ?? null };
  }

  private takeFault(): number | null {
    const f = this.fault;
    if (!f) return null;
    if (f.remaining !== null && --f.remaining <= 0) this.fault = null;
    return f.status;
  }

  /** Removes expired files and DMs, and nonces too old to matter. */
  cleanupExpired(): void {
    this.opts.db.cleanup(this.opts.now() / 1000);
  }

  /** Handles the body POSTed to /oxen/v4/lsrpc by the last onion hop (spec A.2). */
  handleLsrpc(body: Uint8Array): Promise<HopResult> {
    return handleV4Destination(body, this.opts.identity, this.opts.random, (req) => {
      const faultStatus = this.takeFault();
      return faultStatus !== null ? plain(faultStatus, 'Injected fault') : this.handle(req);
    });
  }

  /** One decrypted v4 request: authentication, then the endpoint. */
  handle(req: V4Request): SogsReply {
    const q = req.endpoint.indexOf('?');
    const rawPath = q < 0 ? req.endpoint : req.endpoint.slice(0, q);
    const query = q < 0 ? null : req.endpoint.slice(q + 1);
    let path: string;
    try {
      path = decodeURIComponent(rawPath);
    } catch {
      return plain(400, 'Invalid path encoding');
    }
    const now = this.opts.now() / 1000;
    const auth = verifyRequestAuth({
      serverPubkey: this.opts.identity.x25519Pub,
      method: req.method,
      signedPath: query === null ? path : `${path}?${query}`,
      headers: req.headers,
      body: req.body,
      nowSeconds: now,
    });
    if (!auth.ok) return plain(auth.code, auth.message);
    const db = this.opts.db;
    try {
      return db.tx(() => {
        if (auth.user !== null) {
          if (!db.useNonce(auth.user, auth.nonce, now)) return plain(425, 'Invalid authentication: nonce reused');
          if (db.touchUser(auth.user, now)) db.claimUnblinded(auth.user);
          if (db.isBanned(GLOBAL, auth.user, now)) return plain(403, 'Banned');
        }
        return this.dispatch({
          method: req.method,
          segs: path.split('/').slice(1),
          query: new URLSearchParams(query ?? ''),
          headers: req.headers,
          body: req.body,
          user: auth.user,
          now,
          nested: false,
        });
      });
    } catch (e) {
      return plain(500, `Internal error: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private dispatch(c: Call): SogsReply {
    for (const r of this.routes) {
      if (r.method !== c.method || r.parts.length !== c.segs.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < r.parts.length && ok; i++) {
        const part = r.parts[i]!;
        if (part.startsWith(':')) params[part.slice(1)] = c.segs[i]!;
        else ok = part === c.segs[i];
      }
      if (!ok) continue;
      try {
        return this.opts.db.tx(() => r.handler(c, params));
      } catch (e) {
        if (e instanceof Refusal) return e.reply;
        throw e;
      }
    }
    return plain(404, `${c.method} /${c.segs.join('/')} Not Found`);
  }

  private on(method: string, pattern: string, handler: Handler): void {
    this.routes.push({ method, parts: pattern.split('/').slice(1), handler });
  }

  // ---- permissions ---------------------------------------------------------------------------------------

  private roles(room: RoomRow, user: string | null): Roles {
    if (user === null) return { moderator: false, admin: false, globalModerator: false, globalAdmin: false };
    const rows = this.opts.db.rolesOf(room.id, user);
    const global = rows.find((r) => r.room === GLOBAL);
    return {
      moderator: rows.length > 0,
      admin: rows.some((r) => r.admin === 1),
      globalModerator: global !== undefined,
      globalAdmin: global?.admin === 1,
    };
  }

  /**
   * The room of a request with the caller's roles, or a refusal: unknown room 404, banned 403, anonymous
   * where a user is needed 401, missing role 403. Reading records the caller as active in the room.
   */
  private room(c: Call, token: string | undefined, need: 'read' | 'write' | 'moderator' | 'admin'): { room: RoomRow; roles: Roles } {
    const room = token !== undefined && TOKEN_RE.test(token) ? this.opts.db.room(token) : null;
    if (!room) return refuse(404, 'Room not found');
    const roles = this.roles(room, c.user);
    if (c.user !== null) {
      if (!roles.moderator && this.opts.db.isBanned(room.id, c.user, c.now)) refuse(403, 'Banned');
      this.opts.db.touchRoom(room.id, c.user, c.now);
    }
    if (need !== 'read' && c.user === null) refuse(401, 'Authentication required: X-SOGS-* headers missing');
    if (need === 'moderator' && !roles.moderator) refuse(403, 'Moderator permission required');
    if (need === 'admin' && !roles.admin) refuse(403, 'Admin permission required');
    return { room, roles };
  }

  private requireUser(c: Call): string {
    return c.user ?? refuse(401, 'Authentication required: X-SOGS-* headers missing');
  }

  /** A user named in a path: 15 ids as they are, 05 ids as their blinded id on this server (A.4.2). */
  private resolveUser(id: string): string | null {
    if (BLINDED_RE.test(id)) return id;
    const pair = blindedCandidates(id, this.opts.identity.x25519Pub);
    if (!pair) return null;
    const db = this.opts.db;
    db.addUnblinded(id, pair[0], pair[1]);
    return db.userSeen(pair[1]) && !db.userSeen(pair[0]) ? pair[1] : pair[0];
  }

  // ---- JSON shapes ---------------------------------------------------------------------------------------

  private roomJson(room: RoomRow, user: string | null, now: number): Record<string, unknown> {
    const db = this.opts.db;
    const roles = this.roles(room, user);
    const strongest = new Map<string, { admin: boolean; visible: boolean }>();
    for (const m of db.mods(room.id)) {
      const prev = strongest.get(m.session_id);
      strongest.set(m.session_id, { admin: (prev?.admin ?? false) || m.admin === 1, visible: (prev?.visible ?? false) || m.visible === 1 });
    }
    const pick = (admin: boolean, visible: boolean): string[] =>
      [...strongest].filter(([, r]) => r.admin === admin && r.visible === visible).map(([id]) => id).sort();
    const out: Record<string, unknown> = {
      token: room.token,
      name: room.name,
      info_updates: room.info_updates,
      message_sequence: room.message_sequence,
      created: room.created,
      active_users: db.activeUsers(room.id, now - ACTIVE_CUTOFF_S),
      active_users_cutoff: ACTIVE_CUTOFF_S,
      moderators: pick(false, true),
      admins: pick(true, true),
      // Everyone has the default permissions (as PYSOGS reports them to anonymous callers too); bans answer 403.
      read: true,
      write: true,
      upload: true,
    };
    if (room.description !== null) out['description'] = room.description;
    if (room.image_id !== null) out['image_id'] = room.image_id;
    const pins = db.pins(room.id);
    if (pins.length > 0) out['pinned_messages'] = pins;
    if (roles.moderator) {
      const hiddenMods = pick(false, false);
      const hiddenAdmins = pick(true, false);
      if (hiddenMods.length > 0) out['hidden_moderators'] = hiddenMods;
      if (hiddenAdmins.length > 0) out['hidden_admins'] = hiddenAdmins;
      Object.assign(out, { moderator: true, default_read: true, default_accessible: true, default_write: true, default_upload: true });
    }
    if (roles.admin) out['admin'] = true;
    if (roles.globalModerator) out['global_moderator'] = true;
    if (roles.globalAdmin) out['global_admin'] = true;
    return out;
  }

  /**
   * Message objects (A.6). With `reactionOnlySince`, rows whose content did not change after that seqno
   * are reaction-only updates `{id, seqno, reactions}`.
   */
  private messagesJson(rows: readonly MessageRow[], user: string | null, reactorsLimit: number, reactionOnlySince: number | null): unknown[] {
    const byMessage = new Map<number, Map<string, { index: number; first: number; count: number; reactors: string[]; you: boolean }>>();
    for (const r of this.opts.db.reactions(rows.filter((m) => m.data !== null).map((m) => m.id))) {
      let emojis = byMessage.get(r.message);
      if (!emojis) byMessage.set(r.message, (emojis = new Map()));
      let e = emojis.get(r.emoji);
      if (!e) emojis.set(r.emoji, (e = { index: 0, first: r.first, count: 0, reactors: [], you: false }));
      e.count++;
      if (e.reactors.length < reactorsLimit) e.reactors.push(r.session_id);
      if (r.session_id === user) e.you = true;
    }
    const reactionsOf = (id: number): Record<string, unknown> => {
      const emojis = [...(byMessage.get(id) ?? new Map<string, { index: number; first: number; count: number; reactors: string[]; you: boolean }>())];
      emojis.sort((a, b) => a[1].first - b[1].first);
      const out: Record<string, unknown> = {};
      emojis.forEach(([emoji, e], index) => {
        const o: Record<string, unknown> = { index, count: e.count };
        if (reactorsLimit > 0) o['reactors'] = e.reactors;
        if (e.you) o['you'] = true;
        out[emoji] = o;
      });
      return out;
    };
    return rows.map((m) => {
      if (m.data === null) {
        const del: Record<string, unknown> = { id: m.id, session_id: m.session_id, posted: m.posted };
        if (m.edited !== null) del['edited'] = m.edited;
        return { ...del, seqno: m.seqno, deleted: true, data: null };
      }
      if (reactionOnlySince !== null && m.seqno_data <= reactionOnlySince) return { id: m.id, seqno: m.seqno, reactions: reactionsOf(m.id) };
      const out: Record<string, unknown> = { id: m.id, session_id: m.session_id, posted: m.posted };
      if (m.edited !== null) out['edited'] = m.edited;
      out['seqno'] = m.seqno;
      out['data'] = repad(m.data, m.data_size ?? m.data.length).toString('base64');
      out['signature'] = m.signature ? m.signature.toString('base64') : null;
      out['reactions'] = reactionsOf(m.id);
      return out;
    });
  }

  private liveMessage(room: RoomRow, idRaw: string | undefined): MessageRow {
    const m = this.opts.db.message(room.id, intParam(idRaw, 'message id'));
    return m && m.data !== null ? m : refuse(404, 'Message not found');
  }

  /** data + signature of a post or edit, the signature checked against the poster's blinded key. */
  private signedContent(body: Record<string, unknown>, user: string): { data: Uint8Array; signature: Uint8Array } {
    // Whispers are not reproduced: refused rather than posted to everyone.
    if (body['whisper_to'] !== undefined || body['whisper_mods'] !== undefined) refuse(400, 'Whispers are not supported by this server');
    const data = typeof body['data'] === 'string' ? fromB64(body['data']) : null;
    const signature = typeof body['signature'] === 'string' ? fromB64(body['signature']) : null;
    if (!data || data.length === 0) return refuse(400, 'Message data must be non-empty base64');
    if (!signature || signature.length !== 64) return refuse(400, 'Message signature must be 64 bytes of base64');
    if (!ed25519Verify(fromHex(user.slice(2))!, data, signature)) return refuse(400, 'Message signature verification failed');
    return { data, signature };
  }

  private referenceFiles(room: RoomRow, body: Record<string, unknown>, now: number): void {
    const files = body['files'];
    if (files === undefined || files === null) return;
    if (!Array.isArray(files) || !files.every((f) => Number.isInteger(f))) refuse(400, 'files must be a list of file ids');
    for (const f of files as number[]) this.opts.db.extendFile(f, room.id, now + POSTED_FILE_TTL_S);
  }

  private sinceParam(raw: string | undefined): number {
    return intParam(raw, 'id');
  }

  private dmJson(r: { id: number; posted: number; expiry: number; sender: string; recipient: string }): Record<string, unknown> {
    return { id: r.id, posted_at: r.posted, expires_at: r.expiry, sender: r.sender, recipient: r.recipient };
  }

  /** The rooms a moderation request names (`rooms` xor `global: true`); `*` = every room where the caller has the role. */
  private targetRooms(c: Call, body: Record<string, unknown>, need: 'moderator' | 'admin'): RoomRow[] | 'global' {
    const rooms = body['rooms'];
    const global = body['global'];
    if ((rooms === undefined) === (global !== true)) return refuse(400, 'Give either rooms or global: true');
    const user = this.requireUser(c);
    const db = this.opts.db;
    if (global === true) {
      const g = db.rolesOf(GLOBAL, user).find((r) => r.room === GLOBAL);
      if (!g || (need === 'admin' && g.admin !== 1)) refuse(403, `Global ${need} permission required`);
      return 'global';
    }
    if (!Array.isArray(rooms) || rooms.length === 0 || !rooms.every((r) => typeof r === 'string')) return refuse(400, 'rooms must be a non-empty list of tokens');
    const has = (room: RoomRow): boolean => {
      const roles = this.roles(room, user);
      return need === 'admin' ? roles.admin : roles.moderator;
    };
    if (rooms.length === 1 && rooms[0] === '*') return db.rooms().filter(has);
    return (rooms as string[]).map((t) => {
      const room = TOKEN_RE.test(t) ? db.room(t) : null;
      if (!room) return refuse(404, 'Room not found');
      if (!has(room)) refuse(403, `${need === 'admin' ? 'Admin' : 'Moderator'} permission required`);
      return room;
    });
  }

  // ---- endpoints -----------------------------------------------------------------------------------------

  private define(): void {
    const db = this.opts.db;

    this.on('GET', '/capabilities', (c) => {
      const required = (c.query.get('required') ?? '').split(',').filter((s) => s.length > 0);
      const missing = required.filter((r) => !(CAPABILITIES as readonly string[]).includes(r));
      if (missing.length > 0) return json(412, { capabilities: CAPABILITIES, missing });
      return json(200, { capabilities: CAPABILITIES });
    });

    this.on('GET', '/rooms', (c) =>
      json(200, db.rooms().filter((r) => c.user === null || !db.isBanned(r.id, c.user, c.now)).map((r) => this.roomJson(r, c.user, c.now))),
    );

    this.on('GET', '/room/:room', (c, p) => json(200, this.roomJson(this.room(c, p['room'], 'read').room, c.user, c.now)));

    this.on('PUT', '/room/:room', (c, p) => {
      const { room } = this.room(c, p['room'], 'admin');
      const body = jsonBody(c);
      let name = room.name;
      let description = room.description;
      let image = room.image_id;
      if ('name' in body) {
        if (typeof body['name'] !== 'string' || stripControls(body['name'], false).length === 0) refuse(400, 'name must be a non-empty string');
        name = stripControls(body['name'] as string, false);
      }
      if ('description' in body) {
        const d = body['description'];
        if (d !== null && typeof d !== 'string') refuse(400, 'description must be a string or null');
        description = typeof d === 'string' && stripControls(d, true).length > 0 ? stripControls(d, true) : null;
      }
      if ('image' in body) {
        const f = body['image'];
        const file = Number.isInteger(f) ? db.file(f as number) : null;
        if (!file || file.room !== room.id || (file.expiry !== null && file.expiry < c.now)) refuse(406, 'image must be a file uploaded to this room');
        db.keepFile(f as number);
        image = f as number;
      }
      return json(200, { info_updates: db.updateRoom(room.id, name, description, image) });
    });

    this.on('GET', '/room/:room/pollInfo/:n', (c, p) => {
      const { room, roles } = this.room(c, p['room'], 'read');
      const since = intParam(p['n'], 'info_updates');
      const out: Record<string, unknown> = {
        token: room.token,
        active_users: db.activeUsers(room.id, c.now - ACTIVE_CUTOFF_S),
        read: true,
        write: true,
        upload: true,
      };
      if (roles.moderator) out['moderator'] = true;
      if (roles.admin) out['admin'] = true;
      if (roles.globalModerator) out['global_moderator'] = true;
      if (roles.globalAdmin) out['global_admin'] = true;
      if (room.info_updates !== since) out['details'] = this.roomJson(room, c.user, c.now);
      return json(200, out);
    });

    const reactorsOf = (c: Call): number => queryInt(c.query, 'reactors', 4, 0, 20);
    const limitOf = (c: Call): number => queryInt(c.query, 'limit', 100, 1, 256);

    this.on('GET', '/room/:room/messages/since/:seqno', (c, p) => {
      const { room } = this.room(c, p['room'], 'read');
      const since = intParam(p['seqno'], 'seqno');
      const withReactions = (c.query.get('t') ?? '').includes('r');
      const rows = db.since(room.id, since, limitOf(c), withReactions);
      return json(200, this.messagesJson(rows, c.user, reactorsOf(c), withReactions ? since : null));
    });

    this.on('GET', '/room/:room/messages/recent', (c, p) => {
      const { room } = this.room(c, p['room'], 'read');
      return json(200, this.messagesJson(db.before(room.id, Number.MAX_SAFE_INTEGER, limitOf(c)), c.user, reactorsOf(c), null));
    });

    this.on('GET', '/room/:room/messages/before/:id', (c, p) => {
      const { room } = this.room(c, p['room'], 'read');
      return json(200, this.messagesJson(db.before(room.id, intParam(p['id'], 'message id'), limitOf(c)), c.user, reactorsOf(c), null));
    });

    this.on('GET', '/room/:room/message/:id', (c, p) => {
      const { room } = this.room(c, p['room'], 'read');
      return json(200, this.messagesJson([this.liveMessage(room, p['id'])], c.user, reactorsOf(c), null)[0]);
    });

    this.on('POST', '/room/:room/message', (c, p) => {
      const { room } = this.room(c, p['room'], 'write');
      const user = c.user!;
      const body = jsonBody(c);
      const { data, signature } = this.signedContent(body, user);
      this.referenceFiles(room, body, c.now);
      const stored = unpad(data);
      const m = db.insertMessage(room.id, user, c.now, stored, data.length, signature);
      return json(201, this.messagesJson([m], user, 0, null)[0]);
    });

    this.on('PUT', '/room/:room/message/:id', (c, p) => {
      const { room } = this.room(c, p['room'], 'write');
      const m = this.liveMessage(room, p['id']);
      if (m.session_id !== c.user) refuse(403, 'Only the author can edit a message');
      const body = jsonBody(c);
      const { data, signature } = this.signedContent(body, c.user!);
      this.referenceFiles(room, body, c.now);
      db.editMessage(m, unpad(data), data.length, signature, c.now);
      return json(200, {});
    });

    this.on('DELETE', '/room/:room/message/:id', (c, p) => {
      const { room, roles } = this.room(c, p['room'], 'write');
      const m = this.liveMessage(room, p['id']);
      if (m.session_id !== c.user && !roles.moderator) refuse(403, 'Only the author or a moderator can delete a message');
      if (db.deleteMessage(m)) db.bumpInfo(room.id);
      return json(200, {});
    });

    const deleteAllFrom = (room: RoomRow, sid: string): number => {
      let pinned = false;
      const rows = db.authorMessages(sid, room.id);
      for (const m of rows) pinned = db.deleteMessage(m) || pinned;
      if (pinned) db.bumpInfo(room.id);
      return rows.length;
    };

    this.on('DELETE', '/room/:room/all/:sid', (c, p) => {
      const { room } = this.room(c, p['room'], 'moderator');
      const sid = this.resolveUser(p['sid'] ?? '') ?? refuse(400, 'Invalid session id');
      return json(200, { deleted: deleteAllFrom(room, sid) });
    });

    this.on('DELETE', '/rooms/all/:sid', (c, p) => {
      const user = this.requireUser(c);
      const sid = this.resolveUser(p['sid'] ?? '') ?? refuse(400, 'Invalid session id');
      let deleted = 0;
      for (const room of db.rooms()) if (this.roles(room, user).moderator) deleted += deleteAllFrom(room, sid);
      return json(200, { deleted });
    });

    const reactionTarget = (c: Call, p: Readonly<Record<string, string>>, need: 'write' | 'moderator'): { m: MessageRow; emoji: string | null } => {
      const { room } = this.room(c, p['room'], need);
      const emoji = p['emoji'] ?? null;
      if (emoji !== null && !validEmoji(emoji)) refuse(400, 'A reaction is 1 to 12 code points');
      return { m: this.liveMessage(room, p['id']), emoji };
    };

    this.on('PUT', '/room/:room/reaction/:id/:emoji', (c, p) => {
      const { m, emoji } = reactionTarget(c, p, 'write');
      const r = db.addReaction(m, emoji!, c.user!, c.now);
      return json(200, { added: r.changed, seqno: r.seqno });
    });

    this.on('DELETE', '/room/:room/reaction/:id/:emoji', (c, p) => {
      const { m, emoji } = reactionTarget(c, p, 'write');
      const r = db.removeReaction(m, emoji!, c.user!);
      return json(200, { removed: r.changed, seqno: r.seqno });
    });

    const clearReactions: Handler = (c, p) => {
      const { m, emoji } = reactionTarget(c, p, 'moderator');
      return json(200, db.clearReactions(m, emoji));
    };
    this.on('DELETE', '/room/:room/reactions/:id', clearReactions);
    this.on('DELETE', '/room/:room/reactions/:id/:emoji', clearReactions);

    this.on('GET', '/room/:room/reactors/:id/:emoji', (c, p) => {
      const { room } = this.room(c, p['room'], 'read');
      const emoji = p['emoji']!;
      if (!validEmoji(emoji)) refuse(400, 'A reaction is 1 to 12 code points');
      const m = this.liveMessage(room, p['id']);
      return json(200, db.reactors(m.id, emoji, limitOf(c)).map((r) => [r.session_id, r.at]));
    });

    this.on('POST', '/room/:room/pin/:id', (c, p) => {
      const { room } = this.room(c, p['room'], 'admin');
      const m = this.liveMessage(room, p['id']);
      return json(200, { info_updates: db.pin(room.id, m.id, c.now, c.user!) });
    });

    this.on('POST', '/room/:room/unpin/all', (c, p) => json(200, db.unpinAll(this.room(c, p['room'], 'admin').room.id)));

    this.on('POST', '/room/:room/unpin/:id', (c, p) => {
      const { room } = this.room(c, p['room'], 'admin');
      return json(200, db.unpin(room.id, intParam(p['id'], 'message id')));
    });

    this.on('POST', '/room/:room/file', (c, p) => {
      const { room } = this.room(c, p['room'], 'write');
      const data = c.body ?? new Uint8Array(0);
      if (data.length === 0) refuse(400, 'No file data');
      if (data.length > MAX_FILE_BYTES) refuse(413, `File too large (limit ${MAX_FILE_BYTES} bytes)`);
      const id = db.addFile(room.id, c.user!, data, c.now, c.now + FILE_TTL_S, filenameFrom(header(c.headers, 'content-disposition')));
      return json(201, { id });
    });

    const download: Handler = (c, p) => {
      const { room } = this.room(c, p['room'], 'read');
      const id = intParam(p['id'], 'file id');
      const file = db.file(id);
      if (!file || file.room !== room.id || (file.expiry !== null && file.expiry < c.now)) return NOT_FOUND('File');
      const headers: Record<string, string> = { date: new Date(c.now * 1000).toUTCString() };
      if (file.filename !== null) headers['content-disposition'] = `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`;
      if (file.expiry !== null) headers['expires'] = new Date(file.expiry * 1000).toUTCString();
      return { code: 200, contentType: 'application/octet-stream', body: new Uint8Array(db.fileData(id)!), headers };
    };
    this.on('GET', '/room/:room/file/:id', download);
    this.on('GET', '/room/:room/file/:id/:name', download);

    const banOrUnban = (ban: boolean): Handler => (c, p) => {
      const body = jsonBody(c);
      const sid = this.resolveUser(p['sid'] ?? '') ?? refuse(400, 'Invalid session id');
      const timeout = body['timeout'];
      if (ban && timeout !== undefined && timeout !== null && (typeof timeout !== 'number' || !(timeout > 0))) refuse(400, 'timeout must be a positive number of seconds');
      const until = ban && typeof timeout === 'number' ? c.now + timeout : null;
      const targets = this.targetRooms(c, body, 'moderator');
      for (const room of targets === 'global' ? [GLOBAL] : targets.map((r) => r.id)) {
        if (ban) db.ban(room, sid, until);
        else db.unban(room, sid);
      }
      return json(200, {});
    };
    this.on('POST', '/user/:sid/ban', banOrUnban(true));
    this.on('POST', '/user/:sid/unban', banOrUnban(false));

    this.on('POST', '/user/:sid/moderator', (c, p) => {
      const body = jsonBody(c);
      const sid = this.resolveUser(p['sid'] ?? '') ?? refuse(400, 'Invalid session id');
      const { moderator, admin, visible } = body;
      for (const [k, v] of [['moderator', moderator], ['admin', admin], ['visible', visible]] as const) {
        if (v !== undefined && typeof v !== 'boolean') refuse(400, `${k} must be a boolean`);
      }
      if (moderator === undefined && admin === undefined) refuse(400, 'Give moderator and/or admin');
      if (admin === true && moderator === false) refuse(400, 'An admin is also a moderator');
      const targets = this.targetRooms(c, body, 'admin');
      const add = admin === true || moderator === true;
      const asAdmin = admin === true;
      const isVisible = typeof visible === 'boolean' ? visible : targets !== 'global';
      if (targets === 'global') {
        if (add) db.setMod(GLOBAL, sid, asAdmin, isVisible);
        else db.removeMod(GLOBAL, sid);
        const info: Record<string, number> = {};
        for (const room of db.rooms()) info[room.token] = db.bumpInfo(room.id);
        return json(200, { info_updates: info });
      }
      const info: Record<string, number> = {};
      for (const room of targets) {
        if (add) db.setMod(room.id, sid, asAdmin, isVisible);
        else db.removeMod(room.id, sid);
        info[room.token] = db.bumpInfo(room.id);
      }
      return json(200, { info_updates: info });
    });

    this.on('POST', '/inbox/:sid', (c, p) => {
      const user = this.requireUser(c);
      const recipient = (p['sid'] ?? '').toLowerCase();
      if (!BLINDED_RE.test(recipient)) refuse(400, 'Recipient must be a 15-blinded id');
      if (!db.userSeen(recipient) || db.isBanned(GLOBAL, recipient, c.now)) return NOT_FOUND('Recipient');
      const body = jsonBody(c);
      const message = typeof body['message'] === 'string' ? fromB64(body['message']) : null;
      if (!message || message.length === 0) refuse(400, 'message must be non-empty base64');
      return json(201, this.dmJson(db.addInbox(user, recipient, message!, c.now, c.now + DM_TTL_S)));
    });

    const listDms = (box: 'inbox' | 'outbox', withSince: boolean): Handler => (c, p) => {
      const user = this.requireUser(c);
      const after = withSince ? this.sinceParam(p['id']) : 0;
      const rows = (box === 'inbox' ? db.inbox(user, after, c.now, limitOf(c)) : db.outbox(user, after, c.now, limitOf(c)));
      if (withSince && rows.length === 0) return { code: 304, contentType: 'text/plain; charset=utf-8', body: new Uint8Array(0) };
      return json(200, rows.map((r) => ({ ...this.dmJson(r), message: r.body.toString('base64') })));
    };
    this.on('GET', '/inbox', listDms('inbox', false));
    this.on('GET', '/inbox/since/:id', listDms('inbox', true));
    this.on('GET', '/outbox', listDms('outbox', false));
    this.on('GET', '/outbox/since/:id', listDms('outbox', true));
    this.on('DELETE', '/inbox', (c) => json(200, { deleted: db.clearInbox(this.requireUser(c)) }));

    this.on('POST', '/batch', (c) => this.batch(c, false));
    this.on('POST', '/sequence', (c) => this.batch(c, true));
  }

  /** /batch and /sequence (A.7): sub-requests run as the outer request's (already authenticated) user. */
  private batch(c: Call, sequence: boolean): SogsReply {
    if (c.nested) refuse(400, 'Batch requests cannot nest');
    let list: unknown;
    try {
      list = JSON.parse(Buffer.from(c.body ?? new Uint8Array(0)).toString('utf8'));
    } catch {
      return refuse(400, 'Invalid JSON body');
    }
    if (!Array.isArray(list) || list.length === 0) return refuse(400, 'Batch body must be a non-empty list');
    const subs = list.map((item: unknown, i): Call => {
      if (typeof item !== 'object' || item === null) return refuse(400, `Invalid sub-request ${i}`);
      const r = item as Record<string, unknown>;
      const method = typeof r['method'] === 'string' ? r['method'].toUpperCase() : '';
      const path = r['path'];
      if (!['GET', 'POST', 'PUT', 'DELETE'].includes(method) || typeof path !== 'string' || !path.startsWith('/')) {
        return refuse(400, `Invalid sub-request ${i}: needs method and a path starting with /`);
      }
      const bodies = ['json', 'b64', 'bytes'].filter((k) => r[k] !== undefined);
      if ((method === 'GET' || method === 'DELETE') && bodies.length > 0) refuse(400, `Invalid sub-request ${i}: ${method} takes no body`);
      if ((method === 'POST' || method === 'PUT') && bodies.length !== 1) refuse(400, `Invalid sub-request ${i}: give exactly one of json, b64, bytes`);
      let body: Uint8Array | null = null;
      if (r['json'] !== undefined) body = utf8(JSON.stringify(r['json']));
      else if (r['b64'] !== undefined) body = typeof r['b64'] === 'string' ? fromB64(r['b64']) : null;
      else if (r['bytes'] !== undefined) body = typeof r['bytes'] === 'string' ? utf8(r['bytes']) : null;
      if (bodies.length === 1 && body === null) refuse(400, `Invalid sub-request ${i}: bad body`);
      const headers: Record<string, string> = {};
      if (typeof r['headers'] === 'object' && r['headers'] !== null) {
        for (const [k, v] of Object.entries(r['headers'] as Record<string, unknown>)) if (typeof v === 'string') headers[k] = v;
      }
      const q = path.indexOf('?');
      let decoded: string;
      try {
        decoded = decodeURIComponent(q < 0 ? path : path.slice(0, q));
      } catch {
        return refuse(400, `Invalid sub-request ${i}: bad path encoding`);
      }
      return {
        method,
        segs: decoded.split('/').slice(1),
        query: new URLSearchParams(q < 0 ? '' : path.slice(q + 1)),
        headers,
        body,
        user: c.user,
        now: c.now,
        nested: true,
      };
    });
    const out: unknown[] = [];
    for (const sub of subs) {
      const r = this.dispatch(sub);
      const isJson = r.contentType.startsWith('application/json');
      const bodyText = Buffer.from(r.body).toString(isJson ? 'utf8' : 'base64');
      out.push({ code: r.code, headers: { 'content-type': r.contentType, ...r.headers }, body: isJson ? (JSON.parse(bodyText) as unknown) : bodyText });
      if (sequence && (r.code < 200 || r.code > 299)) break;
    }
    return json(200, out);
  }
}
