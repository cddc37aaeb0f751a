// Community server (SOGS v3) client (spec advanced.md A.2-A.8): signed v4 requests through onion paths,
// /batch and /sequence, and one typed helper per endpoint the app uses. It holds no state besides its
// deps; the engine decides what to poll and stores what comes back.
import { base64ToBytes, blind15Id, bytesToBase64, bytesToHex, hexToBytes, sogsAuthHeaders, x25519ToPositiveEd25519 } from '../protocol';
import type { ServerTarget } from './config';
import type { SendToServerOptions } from './fileTransfer';
import type { V4Request, V4Response } from './onionCodec';

/** A community server: canonical base URL and its 64-hex X25519 key (the URL's `public_key`). */
export interface SogsServer {
  baseUrl: string;
  pubkey: string;
}

/** How a request is authenticated (A.3): 15-blinded key, unblinded `00` Ed25519 key, or anonymous. */
export type SogsAuth = 'blinded' | 'unblinded' | 'none';

export type SogsMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One request; `path` starts with `/` and includes the query. At most one of `json`/`bytes`. */
export interface SogsRequest {
  method: SogsMethod;
  path: string;
  json?: unknown;
  bytes?: Uint8Array;
  headers?: Record<string, string>;
}

export interface SogsCallOptions {
  /** Default: 'blinded' (every deployed server and the devnet require blinding). */
  auth?: SogsAuth;
  signal?: AbortSignal;
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** Bytes of the request sent so far (uploads). */
  onUploadProgress?: (sent: number, total: number) => void;
  /** Bytes of the reply received so far (downloads). */
  onDownloadProgress?: (received: number, total: number | undefined) => void;
}

export interface SogsResponse {
  code: number;
  /** Lower-case header names as the server sent them. */
  headers: Record<string, string>;
  body: Uint8Array;
  /** The body parsed as JSON; throws SogsError('bad-response') if it is not JSON. */
  json<T = unknown>(): T;
}

/** One element of a /batch or /sequence reply: `body` is parsed JSON, or base64 text for non-JSON bodies. */
export interface SogsSubResponse {
  code: number;
  headers: Record<string, string>;
  body: unknown;
}

/** A sub-request of /batch or /sequence (A.7); it carries no auth of its own. */
export interface SogsSubrequest {
  method: SogsMethod;
  path: string;
  headers?: Record<string, string>;
  json?: unknown;
  b64?: string;
  bytes?: string;
}

export interface SogsClientDeps {
  /** SessionNetwork.sendToServer: one v4 request through onion paths (5xx retried there). */
  send: (request: V4Request, options: SendToServerOptions & { server: ServerTarget }) => Promise<V4Response>;
  /** Network clock in ms (request timestamps). */
  now(): number;
  /** Random bytes (request nonces, DM nonces). */
  random(n: number): Uint8Array;
  /** Our account: `identity.ed25519.secretKey` is the 64-byte libsodium secret key (a protocol Identity fits). */
  identity: { ed25519: { secretKey: Uint8Array } };
}

export type SogsErrorKind =
  /** 400 "this server requires the use of blinded ids": refetch capabilities and sign blinded. */
  | 'requires-blinding'
  /** 425 twice (timestamp out of window or nonce reuse) */
  | 'clock'
  | 'bad-request'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'too-large'
  | 'rejected'
  | 'server-error'
  | 'bad-response';

/** A server's refusal (HTTP status + its text, shortened) or an unreadable reply. */
export class SogsError extends Error {
  override readonly name = 'SogsError';
  constructor(
    readonly kind: SogsErrorKind,
    readonly status: number | undefined,
    /** The server's text (first 200 chars), for developers. */
    readonly serverText: string,
    message: string,
  ) {
    super(message);
  }
}

/** Capabilities of a server (`GET /capabilities`). */
export interface SogsCapabilities {
  capabilities: string[];
  missing?: string[];
}

export interface SogsPinnedMessage {
  id: number;
  pinnedAt: number;
  pinnedBy: string;
}

/** A room object (GET /room/{token}, pollInfo `details`); unknown extra fields are dropped. */
export interface SogsRoom {
  token: string;
  name: string;
  description?: string;
  infoUpdates: number;
  messageSequence: number;
  created?: number;
  activeUsers: number;
  activeUsersCutoff?: number;
  imageId?: number;
  pinnedMessages: SogsPinnedMessage[];
  moderators: string[];
  admins: string[];
  hiddenModerators?: string[];
  hiddenAdmins?: string[];
  read: boolean;
  write: boolean;
  upload: boolean;
  moderator: boolean;
  admin: boolean;
  globalModerator: boolean;
  globalAdmin: boolean;
}

/** GET /room/{token}/pollInfo/{n}. */
export interface SogsPollInfo
  extends Pick<SogsRoom, 'token' | 'activeUsers' | 'read' | 'write' | 'upload' | 'moderator' | 'admin' | 'globalModerator' | 'globalAdmin'> {
  details?: SogsRoom;
}

export interface SogsReaction {
  index: number;
  count: number;
  reactors: string[];
  you: boolean;
}

/** A row of a messages endpoint: a post, an edit, a deletion (`deleted`), or a reaction-only update (no `sessionId`). */
export interface SogsMessage {
  id: number;
  seqno: number;
  sessionId?: string;
  /** Seconds (float). */
  posted?: number;
  edited?: number;
  /** Padded Content bytes; undefined for deleted rows and reaction-only updates. */
  data?: Uint8Array;
  signature?: Uint8Array;
  deleted: boolean;
  whisper: boolean;
  whisperMods: boolean;
  whisperTo?: string;
  reactions?: Record<string, SogsReaction>;
}

/** An inbox/outbox row (blinded DM). */
export interface SogsDirectMessage {
  id: number;
  /** Seconds (float). */
  postedAt: number;
  expiresAt?: number;
  sender: string;
  recipient: string;
  message: Uint8Array;
}

export interface SogsPostedMessage {
  id: number;
  seqno: number;
  posted: number;
}

export interface SogsReactionResult {
  changed: boolean;
  seqno: number;
}

export interface SogsModeratorChange {
  moderator: boolean;
  admin: boolean;
  /** Default true: visible to room members. */
  visible?: boolean;
  /** Rooms, or all rooms of the server with `global: true`. */
  rooms?: string[];
  global?: boolean;
}

/** What one room contributes to a poll batch (A.8). */
export interface SogsPollRoom {
  token: string;
  /** Highest seqno seen; undefined: fetch the most recent page instead. */
  sinceSeqno?: number;
}

export interface SogsPollPlan {
  rooms: SogsPollRoom[];
  /** Poll the inbox (blinded DMs to us); `sinceId` the highest id seen. Omit to skip. */
  inbox?: { sinceId?: number };
  /** Poll the outbox (our blinded DMs, for other devices). Omit to skip. */
  outbox?: { sinceId?: number };
  /** Reactors listed per reaction (default 5, as desktop). */
  reactors?: number;
}

export interface SogsPollRoomResult {
  token: string;
  /** Undefined when the sub-request failed (see `error`). */
  info?: SogsPollInfo;
  messages?: SogsMessage[];
  error?: SogsError;
}

export interface SogsPollResult {
  capabilities?: SogsCapabilities;
  rooms: SogsPollRoomResult[];
  /** Undefined when not asked; [] for 304. */
  inbox?: SogsDirectMessage[];
  outbox?: SogsDirectMessage[];
  errors: SogsError[];
}

/** Query of a messages page: `limit` (server default 100, max 256) and `reactors` listed per reaction (0-20). */
export interface SogsPageQuery {
  limit?: number;
  reactors?: number;
}

/** Body of a post or an edit: padded Content and its signature (protocol buildRoomPost). */
export interface SogsPostBody {
  data: Uint8Array;
  signature: Uint8Array;
  /** Ids of files uploaded to the room (keeps them for the post's lifetime). */
  files?: number[];
  whisperTo?: string;
  whisperMods?: boolean;
}

/** Rooms (tokens), or the whole server with `global: true`. */
export interface SogsBanTarget {
  rooms?: string[];
  global?: boolean;
}

export interface SogsUploadOptions extends SogsCallOptions {
  /** Sent as Content-Disposition (UTF-8, %-encoded). */
  filename?: string;
}

const ROOM_TOKEN = /^[\w-]{1,64}$/;
const USER_ID = /^(05|15|25)[0-9a-f]{64}$/;
const DEFAULT_POLL_REACTORS = 5;
/** Room files are capped at 10 MB by the servers (pysogs default). */
const MAX_ROOM_FILE_BYTES = 10_000_000;

/** As for the file server: 30 s plus a floor of 50 KB/s, so large files on slow paths still finish. */
function transferTimeoutMs(bytes: number): number {
  return 30_000 + Math.ceil(bytes / 50);
}

function badArgument(message: string): never {
  throw new SogsError('bad-request', undefined, '', message);
}

function roomToken(token: string): string {
  if (typeof token !== 'string' || !ROOM_TOKEN.test(token)) badArgument('Invalid room token.');
  return token;
}

function int(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) badArgument('Invalid number in a community request.');
  return n;
}

function userId(id: string): string {
  const s = typeof id === 'string' ? id.toLowerCase() : '';
  if (!USER_ID.test(s)) badArgument('Invalid Account ID.');
  return s;
}

/** Emoji go raw (UTF-8) in the path; characters that would change the path's meaning are refused. */
function reactionEmoji(emoji: string): string {
  if (typeof emoji !== 'string' || emoji.length === 0 || [...emoji].length > 12 || /[/?#%\s]/.test(emoji)) badArgument('Invalid reaction.');
  return emoji;
}

function query(params: Array<[string, number | string | undefined]>): string {
  const set = params.filter((p): p is [string, number | string] => p[1] !== undefined);
  return set.length === 0 ? '' : `?${set.map(([k, v]) => `${k}=${typeof v === 'number' ? int(v) : v}`).join('&')}`;
}

const paths = {
  pollInfo: (token: string, infoUpdated: number) => `/room/${roomToken(token)}/pollInfo/${int(infoUpdated)}`,
  recent: (token: string, q: SogsPageQuery) => `/room/${roomToken(token)}/messages/recent${query([['limit', q.limit], ['reactors', q.reactors]])}`,
  since: (token: string, seqno: number, q: SogsPageQuery) =>
    `/room/${roomToken(token)}/messages/since/${int(seqno)}${query([['t', 'r'], ['reactors', q.reactors], ['limit', q.limit]])}`,
  before: (token: string, id: number, q: SogsPageQuery) => `/room/${roomToken(token)}/messages/before/${int(id)}${query([['limit', q.limit], ['reactors', q.reactors]])}`,
  reaction: (token: string, id: number, emoji: string) => `/room/${roomToken(token)}/reaction/${int(id)}/${reactionEmoji(emoji)}`,
};

function banScope(t: SogsBanTarget): Record<string, unknown> {
  if (t.global === true) {
    if (t.rooms !== undefined) badArgument('Either rooms or global, not both.');
    return { global: true };
  }
  if (!t.rooms || t.rooms.length === 0) badArgument('No room given.');
  return { rooms: t.rooms.map((r) => (r === '*' ? r : roomToken(r))) };
}

function postJson(m: SogsPostBody): Record<string, unknown> {
  const json: Record<string, unknown> = { data: bytesToBase64(m.data), signature: bytesToBase64(m.signature) };
  if (m.files && m.files.length > 0) json.files = m.files.map(int);
  if (m.whisperTo !== undefined) json.whisper_to = userId(m.whisperTo);
  if (m.whisperMods === true) json.whisper_mods = true;
  return json;
}

// --- reading replies: everything from the server is `unknown` until checked here ---

type Obj = Record<string, unknown>;

function badResponse(detail: string): never {
  throw new SogsError('bad-response', undefined, detail, 'The community server sent an unexpected answer.');
}

function obj(v: unknown, what: string): Obj {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) badResponse(`${what} is not an object`);
  return v as Obj;
}

function num(o: Obj, key: string, what: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) badResponse(`${what}.${key} is not a number`);
  return v;
}

function optNum(o: Obj, key: string): number | undefined {
  const v = o[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function str(o: Obj, key: string, what: string): string {
  const v = o[key];
  if (typeof v !== 'string') badResponse(`${what}.${key} is not text`);
  return v;
}

function optStr(o: Obj, key: string): string | undefined {
  const v = o[key];
  return typeof v === 'string' ? v : undefined;
}

function bool(o: Obj, key: string): boolean {
  return o[key] === true;
}

function strings(o: Obj, key: string): string[] {
  const v = o[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function b64(o: Obj, key: string, what: string): Uint8Array | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') badResponse(`${what}.${key} is not base64 text`);
  try {
    return base64ToBytes(v, { allowUnpadded: true });
  } catch {
    return badResponse(`${what}.${key} is not base64`);
  }
}

function arrayOf<T>(v: unknown, parse: (x: unknown) => T, what: string): T[] {
  if (!Array.isArray(v)) badResponse(`${what} is not a list`);
  return v.map(parse);
}

function parseCapabilities(v: unknown): SogsCapabilities {
  const o = obj(v, 'capabilities');
  const caps: SogsCapabilities = { capabilities: strings(o, 'capabilities') };
  if (Array.isArray(o.missing)) caps.missing = strings(o, 'missing');
  return caps;
}

function parsePermissions(o: Obj): Pick<SogsRoom, 'read' | 'write' | 'upload' | 'moderator' | 'admin' | 'globalModerator' | 'globalAdmin'> {
  return {
    read: bool(o, 'read'),
    write: bool(o, 'write'),
    upload: bool(o, 'upload'),
    moderator: bool(o, 'moderator'),
    admin: bool(o, 'admin'),
    globalModerator: bool(o, 'global_moderator'),
    globalAdmin: bool(o, 'global_admin'),
  };
}

function parseRoom(v: unknown): SogsRoom {
  const o = obj(v, 'room');
  const room: SogsRoom = {
    token: str(o, 'token', 'room'),
    name: optStr(o, 'name') ?? str(o, 'token', 'room'),
    infoUpdates: num(o, 'info_updates', 'room'),
    messageSequence: optNum(o, 'message_sequence') ?? 0,
    activeUsers: optNum(o, 'active_users') ?? 0,
    pinnedMessages: Array.isArray(o.pinned_messages)
      ? o.pinned_messages.map((p) => {
          const q = obj(p, 'pinned message');
          return { id: num(q, 'id', 'pinned message'), pinnedAt: optNum(q, 'pinned_at') ?? 0, pinnedBy: optStr(q, 'pinned_by') ?? '' };
        })
      : [],
    moderators: strings(o, 'moderators'),
    admins: strings(o, 'admins'),
    ...parsePermissions(o),
  };
  const description = optStr(o, 'description');
  if (description !== undefined) room.description = description;
  const created = optNum(o, 'created');
  if (created !== undefined) room.created = created;
  const cutoff = optNum(o, 'active_users_cutoff');
  if (cutoff !== undefined) room.activeUsersCutoff = cutoff;
  const image = optNum(o, 'image_id');
  if (image !== undefined) room.imageId = image;
  if (Array.isArray(o.hidden_moderators)) room.hiddenModerators = strings(o, 'hidden_moderators');
  if (Array.isArray(o.hidden_admins)) room.hiddenAdmins = strings(o, 'hidden_admins');
  return room;
}

function parsePollInfo(v: unknown): SogsPollInfo {
  const o = obj(v, 'pollInfo');
  const info: SogsPollInfo = { token: str(o, 'token', 'pollInfo'), activeUsers: optNum(o, 'active_users') ?? 0, ...parsePermissions(o) };
  if (o.details !== undefined && o.details !== null) info.details = parseRoom(o.details);
  return info;
}

function parseReactions(v: unknown): Record<string, SogsReaction> | undefined {
  if (v === undefined || v === null) return undefined;
  const o = obj(v, 'reactions');
  const out: Record<string, SogsReaction> = {};
  for (const [emoji, r] of Object.entries(o)) {
    const q = obj(r, 'reaction');
    out[emoji] = { index: optNum(q, 'index') ?? 0, count: optNum(q, 'count') ?? 0, reactors: strings(q, 'reactors'), you: bool(q, 'you') };
  }
  return out;
}

function parseMessage(v: unknown): SogsMessage {
  const o = obj(v, 'message');
  const m: SogsMessage = {
    id: num(o, 'id', 'message'),
    seqno: num(o, 'seqno', 'message'),
    deleted: bool(o, 'deleted'),
    whisper: bool(o, 'whisper'),
    whisperMods: bool(o, 'whisper_mods'),
  };
  const sessionId = optStr(o, 'session_id');
  if (sessionId !== undefined) m.sessionId = sessionId;
  const posted = optNum(o, 'posted');
  if (posted !== undefined) m.posted = posted;
  const edited = optNum(o, 'edited');
  if (edited !== undefined) m.edited = edited;
  const data = b64(o, 'data', 'message');
  if (data !== undefined) m.data = data;
  const signature = b64(o, 'signature', 'message');
  if (signature !== undefined) m.signature = signature;
  const whisperTo = optStr(o, 'whisper_to');
  if (whisperTo !== undefined) m.whisperTo = whisperTo;
  const reactions = parseReactions(o.reactions);
  if (reactions !== undefined) m.reactions = reactions;
  return m;
}

function parsePosted(v: unknown): SogsPostedMessage {
  const o = obj(v, 'posted message');
  return { id: num(o, 'id', 'posted message'), seqno: optNum(o, 'seqno') ?? 0, posted: optNum(o, 'posted') ?? 0 };
}

function parseReaction(v: unknown, key: 'added' | 'removed'): SogsReactionResult {
  const o = obj(v, 'reaction reply');
  return { changed: key === 'added' ? bool(o, 'added') : o.removed === true || (typeof o.removed === 'number' && o.removed > 0), seqno: optNum(o, 'seqno') ?? 0 };
}

function parseReactors(v: unknown): Array<[string, number]> {
  return arrayOf(v, (x) => {
    if (!Array.isArray(x) || typeof x[0] !== 'string' || typeof x[1] !== 'number') badResponse('reactor is not [id, time]');
    return [x[0], x[1]] as [string, number];
  }, 'reactors');
}

function parseFileId(v: unknown): number {
  const o = obj(v, 'upload reply');
  return num(o, 'id', 'upload reply');
}

function parseDirectMessage(v: unknown, message?: Uint8Array): SogsDirectMessage {
  const o = obj(v, 'direct message');
  const bytes = b64(o, 'message', 'direct message') ?? message;
  if (bytes === undefined) badResponse('direct message without message');
  const dm: SogsDirectMessage = {
    id: num(o, 'id', 'direct message'),
    postedAt: num(o, 'posted_at', 'direct message'),
    sender: str(o, 'sender', 'direct message'),
    recipient: str(o, 'recipient', 'direct message'),
    message: bytes,
  };
  const expires = optNum(o, 'expires_at');
  if (expires !== undefined) dm.expiresAt = expires;
  return dm;
}

const decoder = new TextDecoder();

function serverText(body: Uint8Array): string {
  return decoder.decode(body.subarray(0, 200));
}

const BLINDING_REQUIRED = /requires the use of blinded ids/i;

/** The SogsError for a non-2xx status and the server's text. */
export function sogsErrorFor(code: number, text: string): SogsError {
  if (code === 400 && BLINDING_REQUIRED.test(text)) return new SogsError('requires-blinding', code, text, 'This community server requires blinded ids.');
  if (code === 400) return new SogsError('bad-request', code, text, 'The community server refused the request.');
  if (code === 401) return new SogsError('unauthorized', code, text, 'The community server refused our signature.');
  if (code === 403) return new SogsError('forbidden', code, text, 'You are not allowed to do this in this community (banned, or not a moderator).');
  if (code === 404) return new SogsError('not-found', code, text, 'Not found on this community server.');
  if (code === 413) return new SogsError('too-large', code, text, 'This is too large for the community server.');
  if (code === 425) return new SogsError('clock', code, text, 'The community server refused the request time. Check your clock.');
  if (code >= 500) return new SogsError('server-error', code, text, 'The community server could not handle the request. Please try again.');
  return new SogsError('rejected', code, text, `The community server refused the request (${code}).`);
}

function subBodyText(body: unknown): string {
  if (typeof body === 'string') {
    try {
      return serverText(base64ToBytes(body, { allowUnpadded: true }));
    } catch {
      return body.slice(0, 200);
    }
  }
  return body === undefined || body === null ? '' : JSON.stringify(body).slice(0, 200);
}

/** The sub-requests of one poll (A.8): capabilities, then per room pollInfo/0 + messages, then inbox and outbox. */
export function buildPollBatch(plan: SogsPollPlan): SogsSubrequest[] {
  const reactors = plan.reactors ?? DEFAULT_POLL_REACTORS;
  const out: SogsSubrequest[] = [{ method: 'GET', path: '/capabilities' }];
  for (const room of plan.rooms) {
    out.push({ method: 'GET', path: paths.pollInfo(room.token, 0) });
    out.push({ method: 'GET', path: room.sinceSeqno === undefined ? paths.recent(room.token, { reactors }) : paths.since(room.token, room.sinceSeqno, { reactors }) });
  }
  if (plan.inbox) out.push({ method: 'GET', path: plan.inbox.sinceId === undefined ? '/inbox' : `/inbox/since/${int(plan.inbox.sinceId)}` });
  if (plan.outbox) out.push({ method: 'GET', path: plan.outbox.sinceId === undefined ? '/outbox' : `/outbox/since/${int(plan.outbox.sinceId)}` });
  return out;
}

/** Reads the results of a batch built by buildPollBatch from the same plan. One bad part never hides the others. */
export function parsePollBatch(plan: SogsPollPlan, results: SogsSubResponse[]): SogsPollResult {
  const errors: SogsError[] = [];
  let i = 0;
  const take = <T>(parse: (body: unknown) => T, empty304?: T): { value?: T; error?: SogsError } => {
    const r = results[i++];
    if (r === undefined) {
      const error = new SogsError('bad-response', undefined, 'batch reply too short', 'The community server sent an unexpected answer.');
      errors.push(error);
      return { error };
    }
    if (r.code === 304 && empty304 !== undefined) return { value: empty304 };
    if (r.code < 200 || r.code >= 300) {
      const error = sogsErrorFor(r.code, subBodyText(r.body));
      errors.push(error);
      return { error };
    }
    try {
      return { value: parse(r.body) };
    } catch (e) {
      const error = e instanceof SogsError ? e : new SogsError('bad-response', r.code, String(e), 'The community server sent an unexpected answer.');
      errors.push(error);
      return { error };
    }
  };
  const result: SogsPollResult = { rooms: [], errors };
  const caps = take(parseCapabilities);
  if (caps.value) result.capabilities = caps.value;
  for (const room of plan.rooms) {
    const info = take(parsePollInfo);
    const messages = take((b) => arrayOf(b, parseMessage, 'messages'));
    const r: SogsPollRoomResult = { token: room.token };
    if (info.value) r.info = info.value;
    if (messages.value) r.messages = messages.value;
    const error = info.error ?? messages.error;
    if (error) r.error = error;
    result.rooms.push(r);
  }
  const dms = (b: unknown): SogsDirectMessage[] => arrayOf(b, (x) => parseDirectMessage(x), 'direct messages');
  if (plan.inbox) result.inbox = take(dms, []).value ?? [];
  if (plan.outbox) result.outbox = take(dms, []).value ?? [];
  return result;
}

/**
 * The ServerTarget of a community server for SessionNetwork.sendToServer. `ed25519` (the file server's
 * identity in file URLs) does not exist for a SOGS and is not used for routing: it holds the positive
 * Ed25519 form of the server's X25519 key so the field stays 64 hex.
 */
export function sogsServerTarget(server: SogsServer): ServerTarget {
  const x25519 = server.pubkey.toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(x25519)) badArgument('Invalid community server key.');
  let ed25519: string;
  try {
    ed25519 = bytesToHex(x25519ToPositiveEd25519(hexToBytes(x25519)));
  } catch {
    return badArgument('Invalid community server key.');
  }
  return { url: server.baseUrl.replace(/\/+$/, ''), x25519, ed25519 };
}

function toResponse(res: V4Response): SogsResponse {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) headers[k.toLowerCase()] = v;
  return {
    code: res.code,
    headers,
    body: res.body,
    json<T = unknown>(): T {
      try {
        return JSON.parse(decoder.decode(res.body)) as T;
      } catch {
        return badResponse(`reply to a request is not JSON (${res.code})`);
      }
    },
  };
}

/** Signed requests to community servers. */
export class SogsClient {
  /** Each server's target, made once: its key conversion is a BigInt inversion (~0.25 ms), and every request needs it. */
  private readonly targets = new Map<string, ServerTarget>();

  constructor(private readonly deps: SogsClientDeps) {}

  private target(server: SogsServer): ServerTarget {
    const key = `${server.baseUrl}|${server.pubkey}`;
    let t = this.targets.get(key);
    if (t === undefined) {
      t = sogsServerTarget(server);
      if (this.targets.size >= 256) this.targets.clear();
      this.targets.set(key, t);
    }
    return t;
  }

  /** Our 15-blinded id on this server (`15` + 64 hex). */
  blindedId(server: SogsServer): string {
    return blind15Id(this.deps.identity.ed25519.secretKey, hexToBytes(this.target(server).x25519));
  }

  /**
   * One request, signed as `opts.auth` says (default blinded). Non-2xx answers are returned for the caller,
   * except: a 425 (clock or nonce) is retried once with a fresh nonce (and the server's Date when it sent
   * one); a 400 "requires the use of blinded ids" throws SogsError('requires-blinding').
   */
  async request(server: SogsServer, req: SogsRequest, opts: SogsCallOptions = {}): Promise<SogsResponse> {
    const target = this.target(server);
    if (typeof req.path !== 'string' || !req.path.startsWith('/')) badArgument('A community request path starts with "/".');
    if (req.json !== undefined && req.bytes !== undefined) badArgument('A request has either a JSON or a bytes body.');
    const headers: Record<string, string> = {};
    let body: Uint8Array | undefined;
    if (req.json !== undefined) {
      body = new TextEncoder().encode(JSON.stringify(req.json));
      headers['Content-Type'] = 'application/json';
    } else if (req.bytes !== undefined) {
      body = req.bytes;
      headers['Content-Type'] = 'application/octet-stream';
    }
    Object.assign(headers, req.headers ?? {});
    const auth = opts.auth ?? 'blinded';
    const options: SendToServerOptions & { server: ServerTarget } = { server: target };
    if (opts.signal) options.signal = opts.signal;
    if (opts.timeoutMs !== undefined) options.timeoutMs = opts.timeoutMs;
    if (opts.maxResponseBytes !== undefined) options.maxResponseBytes = opts.maxResponseBytes;
    if (opts.onUploadProgress) options.onUploadProgress = opts.onUploadProgress;
    if (opts.onDownloadProgress) options.onDownloadProgress = opts.onDownloadProgress;
    let clockSeconds: number | undefined;
    for (let attempt = 0; ; attempt++) {
      const sent: Record<string, string> = { ...headers };
      if (auth !== 'none') {
        Object.assign(
          sent,
          sogsAuthHeaders({
            serverPubkey: hexToBytes(target.x25519),
            ed25519SecretKey: this.deps.identity.ed25519.secretKey,
            nonce: this.deps.random(16),
            timestampSeconds: clockSeconds ?? Math.floor(this.deps.now() / 1000),
            method: req.method,
            path: req.path,
            ...(body ? { body } : {}),
            blinded: auth === 'blinded',
          }),
        );
      }
      const res = await this.deps.send({ method: req.method, endpoint: req.path, headers: sent, ...(body && body.length > 0 ? { body } : {}) }, options);
      if (res.code === 425 && auth !== 'none' && attempt === 0) {
        const date = Date.parse(res.headers.date ?? '');
        if (Number.isFinite(date)) clockSeconds = Math.floor(date / 1000);
        continue;
      }
      if (res.code === 400 && BLINDING_REQUIRED.test(serverText(res.body))) throw sogsErrorFor(400, serverText(res.body));
      return toResponse(res);
    }
  }

  /** POST /batch (A.7): one signed outer request; results in request order. */
  async batch(server: SogsServer, subrequests: SogsSubrequest[], opts: SogsCallOptions = {}): Promise<SogsSubResponse[]> {
    return this.multi(server, '/batch', subrequests, opts);
  }

  /** POST /sequence (A.7): runs in order and stops after the first non-2xx (then the last element). */
  async sequence(server: SogsServer, subrequests: SogsSubrequest[], opts: SogsCallOptions = {}): Promise<SogsSubResponse[]> {
    return this.multi(server, '/sequence', subrequests, opts);
  }

  /** One poll of a server (buildPollBatch + batch + parsePollBatch). */
  async poll(server: SogsServer, plan: SogsPollPlan, opts: SogsCallOptions = {}): Promise<SogsPollResult> {
    return parsePollBatch(plan, await this.batch(server, buildPollBatch(plan), opts));
  }

  private async multi(server: SogsServer, path: '/batch' | '/sequence', subrequests: SogsSubrequest[], opts: SogsCallOptions): Promise<SogsSubResponse[]> {
    if (subrequests.length === 0) return [];
    for (const r of subrequests) {
      if (!r.path.startsWith('/')) badArgument('A sub-request path starts with "/".');
      const bodies = [r.json, r.b64, r.bytes].filter((x) => x !== undefined).length;
      if ((r.method === 'GET' || r.method === 'DELETE') && bodies !== 0) badArgument(`${r.method} sub-requests have no body.`);
      if ((r.method === 'POST' || r.method === 'PUT') && bodies !== 1) badArgument(`${r.method} sub-requests have exactly one body.`);
    }
    const v = await this.okJson(server, { method: 'POST', path, json: subrequests }, opts);
    return arrayOf(v, (x) => {
      const o = obj(x, 'sub-response');
      const headers: Record<string, string> = {};
      if (o.headers && typeof o.headers === 'object') {
        for (const [k, val] of Object.entries(o.headers as Obj)) if (typeof val === 'string') headers[k.toLowerCase()] = val;
      }
      return { code: num(o, 'code', 'sub-response'), headers, body: o.body };
    }, path);
  }

  /** request() that throws SogsError for anything but 2xx. */
  private async ok(server: SogsServer, req: SogsRequest, opts: SogsCallOptions): Promise<SogsResponse> {
    const res = await this.request(server, req, opts);
    if (res.code < 200 || res.code >= 300) throw sogsErrorFor(res.code, serverText(res.body));
    return res;
  }

  private async okJson(server: SogsServer, req: SogsRequest, opts: SogsCallOptions): Promise<unknown> {
    return (await this.ok(server, req, opts)).json();
  }

  private async dmList(server: SogsServer, path: string, opts: SogsCallOptions): Promise<SogsDirectMessage[]> {
    const res = await this.request(server, { method: 'GET', path }, { auth: 'blinded', ...opts });
    if (res.code === 304) return [];
    if (res.code < 200 || res.code >= 300) throw sogsErrorFor(res.code, serverText(res.body));
    return arrayOf(res.json(), (x) => parseDirectMessage(x), 'direct messages');
  }

  // Endpoint helpers (A.6). Each throws SogsError for a non-2xx answer.

  /** GET /capabilities (sent without auth, as desktop does, so it works before we know whether to blind). */
  async capabilities(server: SogsServer, opts: SogsCallOptions = {}): Promise<SogsCapabilities> {
    return parseCapabilities(await this.okJson(server, { method: 'GET', path: '/capabilities' }, { auth: 'none', ...opts }));
  }

  /** GET /rooms: the rooms we may see. */
  async rooms(server: SogsServer, opts: SogsCallOptions = {}): Promise<SogsRoom[]> {
    return arrayOf(await this.okJson(server, { method: 'GET', path: '/rooms' }, opts), parseRoom, 'rooms');
  }

  /** GET /room/{token}. */
  async room(server: SogsServer, token: string, opts: SogsCallOptions = {}): Promise<SogsRoom> {
    return parseRoom(await this.okJson(server, { method: 'GET', path: `/room/${roomToken(token)}` }, opts));
  }

  /** GET /room/{token}/pollInfo/{infoUpdated}; `details` present when the room changed since infoUpdated. */
  async pollInfo(server: SogsServer, token: string, infoUpdated: number, opts: SogsCallOptions = {}): Promise<SogsPollInfo> {
    return parsePollInfo(await this.okJson(server, { method: 'GET', path: paths.pollInfo(token, infoUpdated) }, opts));
  }

  /** GET /room/{token}/messages/recent: newest first, no deleted rows. */
  async messagesRecent(server: SogsServer, token: string, q: SogsPageQuery = {}, opts: SogsCallOptions = {}): Promise<SogsMessage[]> {
    return arrayOf(await this.okJson(server, { method: 'GET', path: paths.recent(token, q) }, opts), parseMessage, 'messages');
  }

  /** GET /room/{token}/messages/since/{seqno}?t=r: the update stream (posts, edits, deletions, reactions), oldest first. */
  async messagesSince(server: SogsServer, token: string, seqno: number, q: SogsPageQuery = {}, opts: SogsCallOptions = {}): Promise<SogsMessage[]> {
    return arrayOf(await this.okJson(server, { method: 'GET', path: paths.since(token, seqno, q) }, opts), parseMessage, 'messages');
  }

  /** GET /room/{token}/messages/before/{id}: the older page, newest first. */
  async messagesBefore(server: SogsServer, token: string, id: number, q: SogsPageQuery = {}, opts: SogsCallOptions = {}): Promise<SogsMessage[]> {
    return arrayOf(await this.okJson(server, { method: 'GET', path: paths.before(token, id, q) }, opts), parseMessage, 'messages');
  }

  /** GET /room/{token}/message/{id}. */
  async message(server: SogsServer, token: string, id: number, opts: SogsCallOptions = {}): Promise<SogsMessage> {
    return parseMessage(await this.okJson(server, { method: 'GET', path: `/room/${roomToken(token)}/message/${int(id)}` }, opts));
  }

  /** POST /room/{token}/message with already signed data (protocol buildRoomPost). */
  async post(server: SogsServer, token: string, m: SogsPostBody, opts: SogsCallOptions = {}): Promise<SogsPostedMessage> {
    return parsePosted(await this.okJson(server, { method: 'POST', path: `/room/${roomToken(token)}/message`, json: postJson(m) }, opts));
  }

  /** PUT /room/{token}/message/{id}: replaces our own post. */
  async edit(server: SogsServer, token: string, id: number, m: SogsPostBody, opts: SogsCallOptions = {}): Promise<void> {
    await this.ok(server, { method: 'PUT', path: `/room/${roomToken(token)}/message/${int(id)}`, json: postJson({ data: m.data, signature: m.signature, ...(m.files ? { files: m.files } : {}) }) }, opts);
  }

  /** DELETE /room/{token}/message/{id} (ours, or any as a moderator). */
  async deleteMessage(server: SogsServer, token: string, id: number, opts: SogsCallOptions = {}): Promise<void> {
    await this.ok(server, { method: 'DELETE', path: `/room/${roomToken(token)}/message/${int(id)}` }, opts);
  }

  /** DELETE /room/{token}/all/{sessionId}: every post of a user in the room (moderator). */
  async deleteAllFrom(server: SogsServer, token: string, sessionId: string, opts: SogsCallOptions = {}): Promise<void> {
    await this.ok(server, { method: 'DELETE', path: `/room/${roomToken(token)}/all/${userId(sessionId)}` }, opts);
  }

  /** PUT /room/{token}/reaction/{id}/{emoji}: adds our reaction. */
  async react(server: SogsServer, token: string, id: number, emoji: string, opts: SogsCallOptions = {}): Promise<SogsReactionResult> {
    return parseReaction(await this.okJson(server, { method: 'PUT', path: paths.reaction(token, id, emoji), json: {} }, opts), 'added');
  }

  /** DELETE /room/{token}/reaction/{id}/{emoji}: removes our reaction. */
  async unreact(server: SogsServer, token: string, id: number, emoji: string, opts: SogsCallOptions = {}): Promise<SogsReactionResult> {
    return parseReaction(await this.okJson(server, { method: 'DELETE', path: paths.reaction(token, id, emoji) }, opts), 'removed');
  }

  /** DELETE /room/{token}/reactions/{id}[/{emoji}]: removes everyone's reactions (moderator). */
  async clearReactions(server: SogsServer, token: string, id: number, emoji?: string, opts: SogsCallOptions = {}): Promise<SogsReactionResult> {
    const path = `/room/${roomToken(token)}/reactions/${int(id)}${emoji === undefined ? '' : `/${reactionEmoji(emoji)}`}`;
    return parseReaction(await this.okJson(server, { method: 'DELETE', path }, opts), 'removed');
  }

  /** GET /room/{token}/reactors/{id}/{emoji}: [sessionId, seconds] pairs. */
  async reactors(server: SogsServer, token: string, id: number, emoji: string, limit?: number, opts: SogsCallOptions = {}): Promise<Array<[string, number]>> {
    const path = `/room/${roomToken(token)}/reactors/${int(id)}/${reactionEmoji(emoji)}${limit === undefined ? '' : `?limit=${int(limit)}`}`;
    return parseReactors(await this.okJson(server, { method: 'GET', path }, opts));
  }

  /** POST /room/{token}/pin/{id} (admin). */
  async pin(server: SogsServer, token: string, id: number, opts: SogsCallOptions = {}): Promise<void> {
    await this.ok(server, { method: 'POST', path: `/room/${roomToken(token)}/pin/${int(id)}`, json: {} }, opts);
  }

  /** POST /room/{token}/unpin/{id|all} (admin). */
  async unpin(server: SogsServer, token: string, id: number | 'all', opts: SogsCallOptions = {}): Promise<void> {
    await this.ok(server, { method: 'POST', path: `/room/${roomToken(token)}/unpin/${id === 'all' ? 'all' : int(id)}`, json: {} }, opts);
  }

  /** POST /room/{token}/file: uploads raw bytes, returns the file id (kept 1 h unless a post lists it in `files`). */
  async uploadFile(server: SogsServer, token: string, bytes: Uint8Array, opts: SogsUploadOptions = {}): Promise<number> {
    const headers: Record<string, string> = { 'Content-Type': 'application/octet-stream' };
    if (opts.filename !== undefined) headers['Content-Disposition'] = `attachment; filename*=UTF-8''${encodeURIComponent(opts.filename)}`;
    const timed = { timeoutMs: transferTimeoutMs(bytes.length), ...opts };
    return parseFileId(await this.okJson(server, { method: 'POST', path: `/room/${roomToken(token)}/file`, bytes, headers }, timed));
  }

  /** GET /room/{token}/file/{id}: the raw bytes. */
  async downloadFile(server: SogsServer, token: string, id: number, opts: SogsCallOptions = {}): Promise<Uint8Array> {
    const timed = { timeoutMs: transferTimeoutMs(MAX_ROOM_FILE_BYTES), ...opts };
    return (await this.ok(server, { method: 'GET', path: `/room/${roomToken(token)}/file/${int(id)}` }, timed)).body;
  }

  /** POST /user/{sessionId}/ban: in rooms or globally, optionally for `timeoutSeconds`. Posts stay (see deleteAllFrom). */
  async ban(server: SogsServer, sessionId: string, target: SogsBanTarget & { timeoutSeconds?: number }, opts: SogsCallOptions = {}): Promise<void> {
    const json: Record<string, unknown> = banScope(target);
    if (target.timeoutSeconds !== undefined) json.timeout = target.timeoutSeconds;
    await this.ok(server, { method: 'POST', path: `/user/${userId(sessionId)}/ban`, json }, opts);
  }

  /** POST /user/{sessionId}/unban. */
  async unban(server: SogsServer, sessionId: string, target: SogsBanTarget, opts: SogsCallOptions = {}): Promise<void> {
    await this.ok(server, { method: 'POST', path: `/user/${userId(sessionId)}/unban`, json: banScope(target) }, opts);
  }

  /** POST /user/{sessionId}/moderator: grants or removes moderator/admin rights. */
  async setModerator(server: SogsServer, sessionId: string, change: SogsModeratorChange, opts: SogsCallOptions = {}): Promise<void> {
    if (change.admin && !change.moderator) throw new SogsError('bad-request', undefined, '', 'An admin is also a moderator.');
    const json: Record<string, unknown> = { ...banScope(change), moderator: change.moderator, admin: change.admin };
    if (change.moderator || change.admin) json.visible = change.visible ?? true;
    await this.ok(server, { method: 'POST', path: `/user/${userId(sessionId)}/moderator`, json }, opts);
  }

  /** GET /inbox: blinded DMs to us (blinded auth). */
  async inbox(server: SogsServer, opts: SogsCallOptions = {}): Promise<SogsDirectMessage[]> {
    return this.dmList(server, '/inbox', opts);
  }

  /** GET /inbox/since/{id}; [] when nothing is new (304). */
  async inboxSince(server: SogsServer, id: number, opts: SogsCallOptions = {}): Promise<SogsDirectMessage[]> {
    return this.dmList(server, `/inbox/since/${int(id)}`, opts);
  }

  /** GET /outbox: the blinded DMs we sent (for our other devices). */
  async outbox(server: SogsServer, opts: SogsCallOptions = {}): Promise<SogsDirectMessage[]> {
    return this.dmList(server, '/outbox', opts);
  }

  /** GET /outbox/since/{id}; [] when nothing is new (304). */
  async outboxSince(server: SogsServer, id: number, opts: SogsCallOptions = {}): Promise<SogsDirectMessage[]> {
    return this.dmList(server, `/outbox/since/${int(id)}`, opts);
  }

  /** POST /inbox/{blindedId} with an already encrypted message (protocol encryptBlindedDm). */
  async postInbox(server: SogsServer, blindedId: string, message: Uint8Array, opts: SogsCallOptions = {}): Promise<SogsDirectMessage> {
    return parseDirectMessage(await this.okJson(server, { method: 'POST', path: `/inbox/${userId(blindedId)}`, json: { message: bytesToBase64(message) } }, opts), message);
  }
}
