// Storage RPC as a service node answers it (spec §2–§4): parsing with the server's 400 rules, signature
// checks over the exact signed bytes, namespace auth, swarm routing (421), recursive replication and batches.
import {
  blake2b,
  concatBytes,
  ed25519PubToX25519,
  ed25519Sign,
  ed25519Verify,
  fromB64,
  fromHex,
  toB64,
  toHex,
  utf8,
  xchachaEncrypt,
  type Identity,
  type RandomBytes,
} from './crypto';
import type { DevnetDb } from './db';
import type { NodeHostility } from './hostile';
import { messageHash } from './swarm';

export const HARDFORK: readonly [number, number] = [19, 4];
export const STORAGE_VERSION: readonly [number, number, number] = [2, 8, 0];
const SECOND = 1000;
const DAY = 86_400 * SECOND;
const TTL_MIN = 10 * SECOND;
const TTL_MAX_PUBLIC = 14 * DAY;
const TTL_MAX_PRIVATE = 30 * DAY;
const STORE_TOLERANCE = 10 * SECOND;
const SIG_TOLERANCE = 60 * SECOND;
const SIG_TOLERANCE_FORWARDED = 70 * SECOND;
const EXPIRE_MAX = 30 * DAY;
const MAX_MESSAGE_BODY = 76_800;
const RETRIEVE_MAX_SIZE = 7_800_000;
const BATCH_MAX = 20;
const MAX_REVOKE = 50;

const ACCESS_READ = 0x01;
const ACCESS_WRITE = 0x02;
const ACCESS_DELETE = 0x04;
const FLAG_ANY_PREFIX = 0x08;

export type JsonObject = Record<string, unknown>;

/** What an RPC call produces: a JSON object or a plain-text string, with an HTTP-like status. */
export interface RpcResult {
  readonly status: number;
  readonly body: JsonObject | string;
}

export interface SwarmMember {
  readonly ip: string;
  readonly port: number;
  readonly ed25519: string;
  readonly x25519: string;
}

/** What a node answers when a swarm peer forwards it a recursive request. */
export type ReplicaResult = { readonly ok: true; readonly body: JsonObject } | { readonly ok: false; readonly failure: JsonObject };

/** Everything the RPC layer needs from the node it runs on and from the network around it. */
export interface SnodeContext {
  readonly identity: Identity;
  readonly edHex: string;
  readonly db: DevnetDb;
  readonly random: RandomBytes;
  now(): number;
  /** This node's swarm id, or null when it is in no swarm. */
  ownSwarm(): bigint | null;
  /** The swarm an account belongs to (honouring forced moves). */
  swarmFor(pubkeyHex: string, raw32: Uint8Array): bigint | null;
  swarmMembers(swarmId: bigint): SwarmMember[];
  /** Forwards a recursive request to every other member of this node's swarm. */
  replicate(method: string, params: JsonObject): Promise<Array<{ edHex: string; result: ReplicaResult }>>;
  serviceNodeStates(): JsonObject[];
  height(): number;
  onsLookup(nameHash: Uint8Array): { name: string; sessionId: Uint8Array } | null;
  /** This node's injected misbehaviour, if any (tools/devnet/hostile.ts; applied by onion processing). */
  hostile?(): NodeHostility | null;
}

class ParseError extends Error {}

// ---------------------------------------------------------------------------------------------------------
// Parameter parsing (failures here are HTTP 400 `invalid request: ...`, and fail a whole batch).

interface Pubkey {
  readonly hex: string;
  readonly bytes: Uint8Array;
  readonly prefix: number;
  readonly raw: Uint8Array;
}

interface Auth {
  readonly signature: Uint8Array | null;
  readonly pubkeyEd25519: Uint8Array | null;
  readonly subaccount: Uint8Array | null;
  readonly subaccountSig: Uint8Array | null;
}

function field(params: JsonObject, ...names: string[]): unknown {
  for (const n of names) if (params[n] !== undefined) return params[n];
  return undefined;
}

function parsePubkey(params: JsonObject): Pubkey {
  const v = field(params, 'pubkey', 'pubKey');
  if (v === undefined) throw new ParseError("Required field 'pubkey' missing");
  if (typeof v !== 'string') throw new ParseError("Invalid value given for 'pubkey': expected string");
  const bytes = v.length === 66 ? fromHex(v) : null;
  if (!bytes) throw new ParseError(`Pubkey must be 66 hex characters long`);
  return { hex: v.toLowerCase(), bytes, prefix: bytes[0]!, raw: bytes.subarray(1) };
}

function parseInt64(params: JsonObject, name: string, opts: { required: boolean; allowString?: boolean }): number | null {
  let v = params[name];
  if (v === undefined || v === null) {
    if (opts.required) throw new ParseError(`Required field '${name}' missing`);
    return null;
  }
  if (opts.allowString && typeof v === 'string' && /^-?\d+$/.test(v)) v = Number(v);
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new ParseError(`Invalid value given for '${name}': expected integer`);
  return v;
}

function parseTimestamp(params: JsonObject, name: string, required: boolean, allowString = false): number | null {
  const v = parseInt64(params, name, { required, allowString });
  if (v === null) return null;
  if (v < 0) throw new ParseError(`Invalid value given for '${name}': expected unsigned integer`);
  if (v < 1_000_000_000) throw new ParseError('timestamp must be in milliseconds');
  return v;
}

function parseNamespace(params: JsonObject, allowAll: boolean): { ns: number | 'all'; explicit: boolean } {
  const v = params['namespace'];
  if (v === undefined || v === null) return { ns: 0, explicit: false };
  if (allowAll && v === 'all') return { ns: 'all', explicit: true };
  if (typeof v !== 'number' || !Number.isInteger(v) || v < -32768 || v > 32767) {
    throw new ParseError("Invalid value given for 'namespace': expected integer in [-32768, 32767]");
  }
  return { ns: v, explicit: true };
}

function parseSig(params: JsonObject, name: string): Uint8Array | null {
  const v = params[name];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new ParseError(`Invalid value given for '${name}': expected string`);
  const bytes = v.length === 86 || v.length === 88 ? fromB64(v) : v.length === 128 ? fromHex(v) : null;
  if (!bytes || bytes.length !== 64) throw new ParseError(`invalid ${name}: expected 64-byte signature`);
  return bytes;
}

function parseToken(v: unknown, name: string): Uint8Array {
  if (typeof v !== 'string') throw new ParseError(`Invalid value given for '${name}': expected string`);
  const bytes = v.length === 48 ? fromB64(v) : v.length === 72 ? fromHex(v) : null;
  if (!bytes || bytes.length !== 36) throw new ParseError(`Invalid ${name}: expected 36-byte subaccount token`);
  return bytes;
}

function parseAuth(params: JsonObject, pk: Pubkey, signatureRequired: boolean): Auth {
  const signature = parseSig(params, 'signature');
  if (signatureRequired && !signature) throw new ParseError("Required field 'signature' missing");
  let pubkeyEd25519: Uint8Array | null = null;
  const ed = params['pubkey_ed25519'];
  if (ed !== undefined && ed !== null) {
    if (pk.prefix !== 0x05) throw new ParseError('pubkey_ed25519 is only permitted for 05[...] pubkeys');
    if (typeof ed !== 'string' || ed.length !== 64 || !(pubkeyEd25519 = fromHex(ed))) {
      throw new ParseError("Invalid value given for 'pubkey_ed25519': expected 64 hex characters");
    }
  }
  const subRaw = params['subaccount'];
  const subSigRaw = params['subaccount_sig'];
  let subaccount: Uint8Array | null = null;
  let subaccountSig: Uint8Array | null = null;
  if (subRaw !== undefined && subRaw !== null) {
    subaccount = parseToken(subRaw, 'subaccount');
    subaccountSig = parseSig(params, 'subaccount_sig');
    if (!subaccountSig) throw new ParseError('subaccount_sig is required when subaccount is given');
  } else if (subSigRaw !== undefined && subSigRaw !== null) {
    throw new ParseError('subaccount_sig given without subaccount');
  }
  return { signature, pubkeyEd25519, subaccount, subaccountSig };
}

function parseHashes(params: JsonObject, name = 'messages'): string[] {
  let v = params[name];
  if (typeof v === 'string') v = [v];
  if (!Array.isArray(v) || v.length === 0) throw new ParseError(`Invalid value given for '${name}': expected non-empty list of hashes`);
  return v.map((h) => {
    if (typeof h !== 'string' || !isHash(h)) throw new ParseError(`Invalid message hash in '${name}'`);
    return h;
  });
}

function isHash(h: string): boolean {
  return h.length === 43 && /^[A-Za-z0-9+/]{43}$/.test(h);
}

function parseBool(params: JsonObject, name: string): boolean {
  const v = params[name];
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') throw new ParseError(`Invalid value given for '${name}': expected boolean`);
  return v;
}

// ---------------------------------------------------------------------------------------------------------
// Namespace rules (spec §3).

const isPublicInbox = (ns: number): boolean => ns % 10 === 0;
const isPublicOutbox = (ns: number): boolean => ns < 0 && -ns % 20 === 1;
const isUnrevocable = (ns: number): boolean => ns < 0 && -ns % 100 === 11;
const retrieveNeedsAuth = (ns: number): boolean => ns !== -10 && !isPublicOutbox(ns);
const nsString = (ns: number | 'all'): string => (ns === 0 ? '' : String(ns));

// ---------------------------------------------------------------------------------------------------------
// Shared checks.

function miscFields(ctx: SnodeContext): JsonObject {
  return { t: ctx.now(), hf: [...HARDFORK] };
}

function wrongSwarm(ctx: SnodeContext, pk: Pubkey): RpcResult | null {
  const target = ctx.swarmFor(pk.hex, pk.raw);
  const own = ctx.ownSwarm();
  if (target !== null && own !== null && target === own) return null;
  const members = target === null ? [] : ctx.swarmMembers(target);
  return {
    status: 421,
    body: { snodes: members.map(memberJson), swarm: target === null ? 'ffffffffffffffff' : target.toString(16), ...miscFields(ctx) },
  };
}

export function memberJson(m: SwarmMember): JsonObject {
  return {
    address: `${m.ed25519}.snode`,
    pubkey_legacy: m.ed25519,
    pubkey_x25519: m.x25519,
    pubkey_ed25519: m.ed25519,
    port: String(m.port),
    port_https: m.port,
    port_omq: m.port,
    port_quic: m.port,
    ip: m.ip,
  };
}

/** Checks an account (or subaccount) signature; returns null when valid, else the reason. */
function verifyAuth(
  ctx: SnodeContext,
  pk: Pubkey,
  auth: Auth,
  message: Uint8Array,
  access: number,
  unrevocable = false,
): string | null {
  if (!auth.signature) return 'signature required';
  let accountKey: Uint8Array;
  if (pk.prefix === 0x05) {
    if (!auth.pubkeyEd25519) return 'pubkey_ed25519 required for 05 pubkeys';
    const x = ed25519PubToX25519(auth.pubkeyEd25519);
    if (!x || toHex(x) !== toHex(pk.raw)) return 'pubkey_ed25519 does not match pubkey';
    accountKey = auth.pubkeyEd25519;
  } else {
    accountKey = pk.raw;
  }
  if (auth.subaccount && auth.subaccountSig) {
    const token = auth.subaccount;
    if (token[0] !== pk.prefix && (token[1]! & FLAG_ANY_PREFIX) === 0) return 'subaccount token prefix mismatch';
    if ((token[1]! & access) !== access) return 'subaccount lacks the required permission';
    if (!ed25519Verify(accountKey, token, auth.subaccountSig)) return 'invalid subaccount signature';
    if (!unrevocable && ctx.db.isRevoked(ctx.edHex, pk.hex, toHex(token))) return 'subaccount revoked';
    return ed25519Verify(token.subarray(4), message, auth.signature) ? null : 'bad signature';
  }
  return ed25519Verify(accountKey, message, auth.signature) ? null : 'bad signature';
}

const within = (t: number, now: number, tol: number): boolean => Math.abs(t - now) <= tol;

function err(status: number, body: string): RpcResult {
  return { status, body };
}

function nodeSign(ctx: SnodeContext, ...parts: Array<string | Uint8Array>): string {
  return toB64(ed25519Sign(ctx.identity.edKey, concatBytes(...parts.map((p) => (typeof p === 'string' ? utf8(p) : p)))));
}

// ---------------------------------------------------------------------------------------------------------
// Method definitions. Recursive methods split into check (entry and each replica) and apply (local effect).

interface Recursive<R> {
  parse(params: JsonObject): R;
  check(ctx: SnodeContext, req: R, forwarded: boolean): RpcResult | null;
  apply(ctx: SnodeContext, req: R): JsonObject;
  /** Extra top-level fields and final status decisions on the entry node. */
  finish?(req: R, swarm: Record<string, JsonObject>, anyOk: boolean): { status?: number; extra?: JsonObject };
}

interface StoreReq {
  pk: Pubkey;
  auth: Auth;
  namespace: number;
  timestamp: number;
  expiry: number;
  sigTimestamp: number;
  data: Uint8Array;
  hash: string;
}

const store: Recursive<StoreReq> = {
  parse(params) {
    const pk = parsePubkey(params);
    const { ns } = parseNamespace(params, false);
    const namespace = ns as number;
    const timestamp = parseTimestamp(params, 'timestamp', true, true)!;
    const ttl = parseInt64(params, 'ttl', { required: false, allowString: true });
    const expiryRaw = parseTimestamp(params, 'expiry', false);
    if ((ttl === null) === (expiryRaw === null)) throw new ParseError("Exactly one of 'ttl' and 'expiry' is required");
    const expiry = expiryRaw ?? timestamp + ttl!;
    const dataRaw = params['data'];
    if (dataRaw === undefined) throw new ParseError("Required field 'data' missing");
    if (typeof dataRaw !== 'string') throw new ParseError("Invalid value given for 'data': expected string");
    const data = fromB64(dataRaw);
    if (!data) throw new ParseError("Invalid 'data' value: not base64 encoded");
    if (dataRaw.length > (MAX_MESSAGE_BODY / 3) * 4 || data.length > MAX_MESSAGE_BODY) {
      throw new ParseError(`Message body exceeds maximum allowed length of ${MAX_MESSAGE_BODY} bytes`);
    }
    const auth = parseAuth(params, pk, false);
    const sigTimestamp = parseTimestamp(params, 'sig_timestamp', false) ?? timestamp;
    return { pk, auth, namespace, timestamp, expiry, sigTimestamp, data, hash: messageHash(pk.bytes, namespace, data) };
  },
  check(ctx, r, forwarded) {
    const ws = wrongSwarm(ctx, r.pk);
    if (ws) return ws;
    const now = ctx.now();
    const ttl = r.expiry - r.timestamp;
    if (ttl < TTL_MIN || ttl > (isPublicInbox(r.namespace) ? TTL_MAX_PUBLIC : TTL_MAX_PRIVATE)) {
      return err(403, 'Provided expiry/TTL is not valid.');
    }
    if (r.timestamp > now + STORE_TOLERANCE || r.expiry < now - STORE_TOLERANCE) return err(406, 'Timestamp error: check your clock');
    if (!isPublicInbox(r.namespace)) {
      if (!r.auth.signature) return err(401, `store: signature required to store to namespace ${r.namespace}`);
      if (!within(r.sigTimestamp, now, forwarded ? SIG_TOLERANCE_FORWARDED : SIG_TOLERANCE)) {
        return err(406, 'store signature timestamp too far from current time');
      }
      const access = isPublicOutbox(r.namespace) ? ACCESS_WRITE | ACCESS_DELETE : ACCESS_WRITE;
      const msg = concatBytes(utf8('store'), utf8(nsString(r.namespace)), utf8(String(r.sigTimestamp)));
      if (verifyAuth(ctx, r.pk, r.auth, msg, access) !== null) return err(401, 'store signature verification failed');
    }
    return null;
  },
  apply(ctx, r) {
    const res = ctx.db.store(
      ctx.edHex,
      r.pk.hex,
      { hash: r.hash, timestamp: r.timestamp, expiry: r.expiry, data: r.data, namespace: r.namespace },
      isPublicOutbox(r.namespace),
    );
    const out: JsonObject = { hash: r.hash, signature: nodeSign(ctx, r.hash), expiry: res.expiry };
    if (res.already) out['already'] = true;
    return out;
  },
  finish(r) {
    return { extra: { hash: r.hash } };
  },
};

interface DeleteReq {
  pk: Pubkey;
  auth: Auth;
  messages: string[];
  required: boolean;
}

const del: Recursive<DeleteReq> = {
  parse(params) {
    const pk = parsePubkey(params);
    return { pk, auth: parseAuth(params, pk, true), messages: parseHashes(params), required: parseBool(params, 'required') };
  },
  check(ctx, r) {
    const ws = wrongSwarm(ctx, r.pk);
    if (ws) return ws;
    const msg = utf8(['delete', ...r.messages].join(''));
    if (verifyAuth(ctx, r.pk, r.auth, msg, ACCESS_DELETE) !== null) return err(401, 'delete signature verification failed');
    return null;
  },
  apply(ctx, r) {
    const deleted = [...new Set(r.messages.filter((h) => ctx.db.find(ctx.edHex, r.pk.hex, h) !== null))].sort();
    ctx.db.deleteHashes(ctx.edHex, deleted);
    return { deleted, signature: nodeSign(ctx, r.pk.hex, ...r.messages, ...deleted) };
  },
  finish(r, swarm) {
    if (!r.required) return {};
    const any = Object.values(swarm).some((e) => Array.isArray(e['deleted']) && (e['deleted'] as unknown[]).length > 0);
    return any ? {} : { status: 404 };
  },
};

interface DeleteAllReq {
  pk: Pubkey;
  auth: Auth;
  ns: number | 'all';
  timestamp: number;
  before: boolean;
}

function makeDeleteAll(method: 'delete_all' | 'delete_before'): Recursive<DeleteAllReq> {
  const tsField = method === 'delete_all' ? 'timestamp' : 'before';
  return {
    parse(params) {
      const pk = parsePubkey(params);
      const { ns } = parseNamespace(params, true);
      const timestamp = parseTimestamp(params, tsField, true)!;
      return { pk, auth: parseAuth(params, pk, true), ns, timestamp, before: method === 'delete_before' };
    },
    check(ctx, r, forwarded) {
      const ws = wrongSwarm(ctx, r.pk);
      if (ws) return ws;
      const now = ctx.now();
      if (r.before) {
        if (r.timestamp > now + SIG_TOLERANCE) return err(401, 'delete_before timestamp too far in the future');
      } else if (!within(r.timestamp, now, forwarded ? SIG_TOLERANCE_FORWARDED : SIG_TOLERANCE)) {
        return err(406, 'delete_all timestamp too far from current time');
      }
      const msg = utf8(`${method}${r.ns === 'all' ? 'all' : nsString(r.ns)}${r.timestamp}`);
      if (verifyAuth(ctx, r.pk, r.auth, msg, ACCESS_DELETE) !== null) return err(401, `${method} signature verification failed`);
      return null;
    },
    apply(ctx, r) {
      const victims = ctx.db
        .listAll(ctx.edHex, r.pk.hex)
        .filter((m) => (r.ns === 'all' || m.namespace === r.ns) && (!r.before || m.timestamp <= r.timestamp));
      ctx.db.deleteHashes(
        ctx.edHex,
        victims.map((m) => m.hash),
      );
      const allSorted = victims.map((m) => m.hash).sort();
      let deleted: unknown = allSorted;
      if (r.ns === 'all') {
        const byNs: Record<string, string[]> = {};
        for (const m of victims) (byNs[String(m.namespace)] ??= []).push(m.hash);
        for (const k of Object.keys(byNs)) byNs[k]!.sort();
        deleted = byNs;
      }
      return { deleted, signature: nodeSign(ctx, r.pk.hex, String(r.timestamp), ...allSorted) };
    },
  };
}

interface ExpireReq {
  pk: Pubkey;
  auth: Auth;
  messages: string[];
  expiry: number | number[];
  mode: '' | 'shorten' | 'extend';
}

const expire: Recursive<ExpireReq> = {
  parse(params) {
    const pk = parsePubkey(params);
    const messages = parseHashes(params);
    const rawExpiry = params['expiry'];
    let expiry: number | number[];
    if (Array.isArray(rawExpiry)) {
      if (rawExpiry.length !== messages.length) throw new ParseError("'expiry' array must have the same length as 'messages'");
      expiry = rawExpiry.map((_, i) => parseTimestamp({ e: rawExpiry[i] }, 'e', true)!);
    } else {
      expiry = parseTimestamp(params, 'expiry', true)!;
    }
    const shorten = parseBool(params, 'shorten');
    const extend = parseBool(params, 'extend');
    if (shorten && extend) throw new ParseError('shorten and extend are mutually exclusive');
    return { pk, auth: parseAuth(params, pk, true), messages, expiry, mode: shorten ? 'shorten' : extend ? 'extend' : '' };
  },
  check(ctx, r) {
    const ws = wrongSwarm(ctx, r.pk);
    if (ws) return ws;
    const now = ctx.now();
    const exps = Array.isArray(r.expiry) ? r.expiry : [r.expiry];
    if (exps.some((e) => e < now - SIG_TOLERANCE)) return err(401, 'expire: timestamp should be >= current time');
    if (r.auth.subaccount && r.mode === 'shorten' && (r.auth.subaccount[1]! & ACCESS_DELETE) === 0) {
      return err(400, 'expire: shorten requires delete permission');
    }
    const msg = utf8(['expire', r.mode, exps.map(String).join(''), ...r.messages].join(''));
    if (verifyAuth(ctx, r.pk, r.auth, msg, ACCESS_WRITE) !== null) return err(401, 'expire signature verification failed');
    return null;
  },
  apply(ctx, r) {
    const now = ctx.now();
    const cap = now + EXPIRE_MAX;
    let mode = r.mode;
    if (r.auth.subaccount && (r.auth.subaccount[1]! & ACCESS_DELETE) === 0 && mode === '') mode = 'extend';
    const applied = (i: number): number => Math.min(Array.isArray(r.expiry) ? r.expiry[i]! : r.expiry, cap);
    const updated: Array<[string, number]> = [];
    const unchanged: Record<string, number> = {};
    r.messages.forEach((h, i) => {
      const found = ctx.db.find(ctx.edHex, r.pk.hex, h);
      if (!found || updated.some(([u]) => u === h)) return;
      const e = applied(i);
      const change = mode === '' || (mode === 'shorten' ? e < found.expiry : e > found.expiry);
      if (change) updated.push([h, e]);
      else unchanged[h] = found.expiry;
    });
    ctx.db.setExpiries(ctx.edHex, updated);
    const updatedSorted = updated.map(([h]) => h).sort();
    const unchangedSorted = Object.keys(unchanged).sort();
    const expiryOut: number | number[] = Array.isArray(r.expiry) ? r.expiry.map((_, i) => applied(i)) : applied(0);
    const expiryStr = Array.isArray(expiryOut) ? expiryOut.map(String).join('') : String(expiryOut);
    const out: JsonObject = {
      expiry: expiryOut,
      updated: updatedSorted,
      signature: nodeSign(
        ctx,
        r.pk.hex,
        expiryStr,
        ...r.messages,
        ...updatedSorted,
        ...unchangedSorted.flatMap((h) => [h, String(unchanged[h])]),
      ),
    };
    if (r.mode !== '') out['unchanged'] = unchanged;
    return out;
  },
};

interface ExpireAllReq {
  pk: Pubkey;
  auth: Auth;
  ns: number | 'all';
  expiry: number;
}

/** expire_all (spec §2.6.10): only ever shortens, to `expiry`, every message of the namespace(s). */
const expireAll: Recursive<ExpireAllReq> = {
  parse(params) {
    const pk = parsePubkey(params);
    const { ns } = parseNamespace(params, true);
    return { pk, auth: parseAuth(params, pk, true), ns, expiry: parseTimestamp(params, 'expiry', true)! };
  },
  check(ctx, r) {
    const ws = wrongSwarm(ctx, r.pk);
    if (ws) return ws;
    if (r.expiry < ctx.now() - SIG_TOLERANCE) return err(406, 'expire_all timestamp should be >= current time');
    const msg = utf8(`expire_all${r.ns === 'all' ? 'all' : nsString(r.ns)}${r.expiry}`);
    if (verifyAuth(ctx, r.pk, r.auth, msg, ACCESS_DELETE) !== null) return err(401, 'expire_all signature verification failed');
    return null;
  },
  apply(ctx, r) {
    const hit = ctx.db
      .listAll(ctx.edHex, r.pk.hex)
      .filter((m) => (r.ns === 'all' || m.namespace === r.ns) && m.expiry > r.expiry);
    ctx.db.setExpiries(
      ctx.edHex,
      hit.map((m) => [m.hash, r.expiry] as const),
    );
    const sorted = hit.map((m) => m.hash).sort();
    let updated: unknown = sorted;
    if (r.ns === 'all') {
      const byNs: Record<string, string[]> = {};
      for (const m of hit) (byNs[String(m.namespace)] ??= []).push(m.hash);
      for (const k of Object.keys(byNs)) byNs[k]!.sort();
      updated = byNs;
    }
    return { updated, signature: nodeSign(ctx, r.pk.hex, String(r.expiry), ...sorted) };
  },
};

interface RevokeReq {
  pk: Pubkey;
  auth: Auth;
  tokens: Uint8Array[];
  timestamp: number;
}

function makeRevoke(method: 'revoke_subaccount' | 'unrevoke_subaccount'): Recursive<RevokeReq> {
  const key = method === 'revoke_subaccount' ? 'revoke' : 'unrevoke';
  return {
    parse(params) {
      const pk = parsePubkey(params);
      const auth = parseAuth(params, pk, true);
      if (auth.subaccount) throw new ParseError(`${method} cannot be performed by a subaccount`);
      let v = params[key];
      if (v === undefined) throw new ParseError(`Required field '${key}' missing`);
      if (!Array.isArray(v)) v = [v];
      const list = v as unknown[];
      if (list.length === 0 || (key === 'revoke' && list.length > MAX_REVOKE)) throw new ParseError(`Invalid number of tokens in '${key}'`);
      return { pk, auth, tokens: list.map((t) => parseToken(t, key)), timestamp: parseTimestamp(params, 'timestamp', true)! };
    },
    check(ctx, r, forwarded) {
      const ws = wrongSwarm(ctx, r.pk);
      if (ws) return ws;
      if (!within(r.timestamp, ctx.now(), forwarded ? SIG_TOLERANCE_FORWARDED : SIG_TOLERANCE)) {
        return err(406, `${method} timestamp too far from current time`);
      }
      const msg = concatBytes(utf8(method), utf8(String(r.timestamp)), ...r.tokens);
      if (verifyAuth(ctx, r.pk, r.auth, msg, 0) !== null) return err(401, `${method} signature verification failed`);
      return null;
    },
    apply(ctx, r) {
      const hexes = r.tokens.map(toHex);
      const out: JsonObject = { signature: nodeSign(ctx, r.pk.hex, String(r.timestamp), ...r.tokens) };
      if (key === 'revoke') ctx.db.revoke(ctx.edHex, r.pk.hex, hexes, ctx.now());
      else out['count'] = ctx.db.unrevoke(ctx.edHex, r.pk.hex, hexes);
      return out;
    },
  };
}

const RECURSIVE: Record<string, Recursive<never>> = {
  store: store as Recursive<never>,
  delete: del as Recursive<never>,
  delete_all: makeDeleteAll('delete_all') as Recursive<never>,
  delete_before: makeDeleteAll('delete_before') as Recursive<never>,
  expire: expire as Recursive<never>,
  expire_all: expireAll as Recursive<never>,
  revoke_subaccount: makeRevoke('revoke_subaccount') as Recursive<never>,
  unrevoke_subaccount: makeRevoke('unrevoke_subaccount') as Recursive<never>,
};

async function runRecursive<R>(
  ctx: SnodeContext,
  m: Recursive<R>,
  method: string,
  req: R,
  params: JsonObject,
): Promise<RpcResult> {
  const bad = m.check(ctx, req, false);
  if (bad) return bad;
  const swarm: Record<string, JsonObject> = {};
  const own = m.apply(ctx, req);
  if (method === 'store') own['t'] = ctx.now();
  swarm[ctx.edHex] = own;
  let anyOk = true;
  let okCount = 1;
  for (const { edHex, result } of await ctx.replicate(method, params)) {
    swarm[edHex] = result.ok ? result.body : result.failure;
    if (result.ok) okCount++;
  }
  anyOk = okCount > 0;
  const fin = m.finish?.(req, swarm, anyOk) ?? {};
  const body: JsonObject = { swarm, ...(fin.extra ?? {}), ...miscFields(ctx) };
  return { status: fin.status ?? (anyOk ? 200 : 500), body };
}

/** A swarm peer's handling of a forwarded recursive request: its own result, or a failure entry. */
export function processForwarded(ctx: SnodeContext, method: string, params: JsonObject): ReplicaResult {
  const m = RECURSIVE[method];
  if (!m) return { ok: false, failure: { failed: true, code: 400, reason: `no method ${method}` } };
  try {
    const req = (m as Recursive<unknown>).parse(params);
    const bad = (m as Recursive<unknown>).check(ctx, req, true);
    if (bad) return { ok: false, failure: { failed: true, code: bad.status, reason: typeof bad.body === 'string' ? bad.body : JSON.stringify(bad.body) } };
    return { ok: true, body: (m as Recursive<unknown>).apply(ctx, req) };
  } catch (e) {
    return { ok: false, failure: { failed: true, code: 400, reason: e instanceof Error ? e.message : String(e) } };
  }
}

/**
 * Applies an operation a node missed while it was stopped (its entry node checked it then; its timestamps
 * are long past the replay windows now), as a real node learns it from its swarm peers when it comes back.
 * False when the method is unknown or the parameters do not parse.
 */
export function applyMissed(ctx: SnodeContext, method: string, params: JsonObject): boolean {
  const m = RECURSIVE[method] as Recursive<unknown> | undefined;
  if (!m) return false;
  try {
    m.apply(ctx, m.parse(params));
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Non-recursive methods.

interface RetrieveReq {
  pk: Pubkey;
  auth: Auth;
  namespace: number;
  timestamp: number | null;
  lastHash: string | null;
  maxCount: number;
  maxSize: number;
}

function parseRetrieve(params: JsonObject): RetrieveReq {
  const pk = parsePubkey(params);
  const { ns, explicit } = parseNamespace(params, false);
  const namespace = ns as number;
  const lh = field(params, 'last_hash', 'lastHash');
  let lastHash: string | null = null;
  if (lh !== undefined && lh !== null && lh !== '') {
    if (typeof lh !== 'string' || !isHash(lh)) throw new ParseError("Invalid 'last_hash': expected base64 hash");
    lastHash = lh;
  }
  const hasAuthField = ['pubkey_ed25519', 'signature', 'timestamp'].some((k) => params[k] !== undefined && params[k] !== null);
  const needsAuth = hasAuthField || (explicit && retrieveNeedsAuth(namespace));
  const auth = parseAuth(params, pk, needsAuth);
  const timestamp = parseTimestamp(params, 'timestamp', needsAuth);
  const maxCount = parseInt64(params, 'max_count', { required: false }) ?? 0;
  const maxSize = parseInt64(params, 'max_size', { required: false }) ?? 0;
  return { pk, auth, namespace, timestamp, lastHash, maxCount, maxSize };
}

function runRetrieve(ctx: SnodeContext, r: RetrieveReq): RpcResult {
  const ws = wrongSwarm(ctx, r.pk);
  if (ws) return ws;
  if (retrieveNeedsAuth(r.namespace)) {
    if (!r.auth.signature || r.timestamp === null) return err(401, 'retrieve: request signature required');
    if (!within(r.timestamp, ctx.now(), SIG_TOLERANCE)) return err(406, 'retrieve timestamp too far from current time');
    const msg = utf8(`retrieve${nsString(r.namespace)}${r.timestamp}`);
    if (verifyAuth(ctx, r.pk, r.auth, msg, ACCESS_READ, isUnrevocable(r.namespace)) !== null) {
      return err(401, 'retrieve signature verification failed');
    }
  }
  let maxSize = r.maxSize;
  if (r.maxCount <= 0 && maxSize === 0) maxSize = -5;
  const sizeLimit = maxSize < 0 ? Math.floor(RETRIEVE_MAX_SIZE / -maxSize) : maxSize > 0 ? Math.min(maxSize, RETRIEVE_MAX_SIZE) : Infinity;
  const countLimit = r.maxCount > 0 ? r.maxCount : Infinity;
  let size = 0;
  // At least one message is always returned, whatever the budget.
  const { messages: out, more } = ctx.db.retrieve(ctx.edHex, r.pk.hex, r.namespace, r.lastHash, (m, taken) => {
    const s = 100 + m.hash.length + Math.floor((m.data.length * 4) / 3);
    if (taken > 0 && (taken >= countLimit || size + s > sizeLimit)) return false;
    size += s;
    return true;
  });
  return {
    status: 200,
    body: {
      messages: out.map((m) => ({ hash: m.hash, timestamp: m.timestamp, expiration: m.expiry, data: toB64(m.data) })),
      more,
      ...miscFields(ctx),
    },
  };
}

interface GetExpiriesReq {
  pk: Pubkey;
  auth: Auth;
  messages: string[];
  timestamp: number;
}

function parseGetExpiries(params: JsonObject): GetExpiriesReq {
  const pk = parsePubkey(params);
  const lowered = typeof params['pubkey_ed25519'] === 'string' ? { ...params, pubkey_ed25519: params['pubkey_ed25519'].toLowerCase() } : params;
  return { pk, auth: parseAuth(lowered, pk, true), messages: parseHashes(params), timestamp: parseTimestamp(params, 'timestamp', true)! };
}

function runGetExpiries(ctx: SnodeContext, r: GetExpiriesReq): RpcResult {
  const ws = wrongSwarm(ctx, r.pk);
  if (ws) return ws;
  if (!within(r.timestamp, ctx.now(), SIG_TOLERANCE)) return err(406, 'get_expiries timestamp too far from current time');
  const msg = utf8(['get_expiries', String(r.timestamp), ...r.messages].join(''));
  if (verifyAuth(ctx, r.pk, r.auth, msg, ACCESS_READ) !== null) return err(401, 'get_expiries signature verification failed');
  const expiries: Record<string, number> = {};
  for (const h of r.messages) {
    const f = ctx.db.find(ctx.edHex, r.pk.hex, h);
    if (f) expiries[h] = f.expiry;
  }
  return { status: 200, body: { expiries } };
}

function runGetSwarm(ctx: SnodeContext, pk: Pubkey): RpcResult {
  const id = ctx.swarmFor(pk.hex, pk.raw);
  if (id === null) return { status: 200, body: { snodes: [], swarm: 'ffffffffffffffff', ...miscFields(ctx) } };
  return { status: 200, body: { snodes: ctx.swarmMembers(id).map(memberJson), swarm: id.toString(16), ...miscFields(ctx) } };
}

interface OxendReq {
  endpoint: 'get_service_nodes' | 'ons_resolve';
  params: JsonObject;
}

function parseOxend(params: JsonObject): OxendReq {
  const endpoint = params['endpoint'];
  if (typeof endpoint !== 'string') throw new ParseError("Required field 'endpoint' missing");
  if (endpoint !== 'get_service_nodes' && endpoint !== 'ons_resolve') throw new ParseError(`Invalid oxend endpoint '${endpoint}'`);
  const p = params['params'];
  return { endpoint, params: typeof p === 'object' && p !== null && !Array.isArray(p) ? (p as JsonObject) : {} };
}

/** ONS value encryption (spec §9): key = BLAKE2b-256(name, key = name_hash), XChaCha20-Poly1305 over the 33-byte id. */
export function encryptOnsValue(name: string, sessionId: Uint8Array, nonce: Uint8Array): Uint8Array {
  const nameBytes = utf8(name);
  const key = blake2b(32, nameBytes, blake2b(32, nameBytes));
  return xchachaEncrypt(key, nonce, sessionId);
}

function runOxend(ctx: SnodeContext, r: OxendReq): RpcResult {
  if (r.endpoint === 'get_service_nodes') {
    return { status: 200, body: { result: { service_node_states: ctx.serviceNodeStates(), height: ctx.height(), status: 'OK' }, ...miscFields(ctx) } };
  }
  const type = r.params['type'] ?? 0;
  const nameHashRaw = r.params['name_hash'];
  const nameHash = typeof nameHashRaw === 'string' ? (fromB64(nameHashRaw) ?? fromHex(nameHashRaw)) : null;
  if (type !== 0 || !nameHash || nameHash.length !== 32) return err(400, 'Invalid ons_resolve parameters');
  const found = ctx.onsLookup(nameHash);
  if (!found) return { status: 200, body: { result: { status: 'OK' }, ...miscFields(ctx) } };
  const nonce = ctx.random(24);
  const encrypted = encryptOnsValue(found.name, found.sessionId, nonce);
  return {
    status: 200,
    body: { result: { encrypted_value: toHex(encrypted), nonce: toHex(nonce), status: 'OK' }, ...miscFields(ctx) },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Dispatch.

type Prepared = () => Promise<RpcResult> | RpcResult;

function prepare(ctx: SnodeContext, method: string, params: JsonObject): Prepared {
  const rec = RECURSIVE[method];
  if (rec) {
    const req = (rec as Recursive<unknown>).parse(params);
    return () => runRecursive(ctx, rec as Recursive<unknown>, method, req, params);
  }
  switch (method) {
    case 'retrieve': {
      const req = parseRetrieve(params);
      return () => runRetrieve(ctx, req);
    }
    case 'get_swarm':
    case 'get_snodes_for_pubkey': {
      const pk = parsePubkey(params);
      return () => runGetSwarm(ctx, pk);
    }
    case 'info':
      return () => ({ status: 200, body: { version: [...STORAGE_VERSION], timestamp: ctx.now(), ...miscFields(ctx) } });
    case 'oxend_request': {
      const req = parseOxend(params);
      return () => runOxend(ctx, req);
    }
    case 'get_expiries': {
      const req = parseGetExpiries(params);
      return () => runGetExpiries(ctx, req);
    }
    default:
      throw new ParseError(`no method ${method}`);
  }
}

const KNOWN = new Set([...Object.keys(RECURSIVE), 'retrieve', 'get_swarm', 'get_snodes_for_pubkey', 'info', 'oxend_request', 'get_expiries']);

function prepareBatch(ctx: SnodeContext, method: 'batch' | 'sequence', params: JsonObject): Prepared {
  const reqs = params['requests'];
  if (!Array.isArray(reqs)) throw new ParseError("Invalid batch request: 'requests' must be a list");
  if (reqs.length === 0 || reqs.length > BATCH_MAX) {
    throw new ParseError(`Invalid batch request: subrequest count must be between 1 and ${BATCH_MAX}`);
  }
  const prepared = reqs.map((sub, i) => {
    if (typeof sub !== 'object' || sub === null || Array.isArray(sub)) throw new ParseError(`Invalid batch request: subrequest ${i} is not an object`);
    const m = (sub as JsonObject)['method'];
    const p = (sub as JsonObject)['params'] ?? {};
    if (typeof m !== 'string') throw new ParseError(`Invalid batch request: subrequest ${i} has no method`);
    if (!KNOWN.has(m)) throw new ParseError(`Invalid batch request: subrequest ${i} has invalid method '${m}'`);
    if (typeof p !== 'object' || p === null || Array.isArray(p)) throw new ParseError(`Invalid batch request: subrequest ${i} params is not an object`);
    return prepare(ctx, m, p as JsonObject);
  });
  return async () => {
    const results: JsonObject[] = [];
    if (method === 'batch') {
      for (const r of await Promise.all(prepared.map((run) => safeRun(run)))) results.push({ code: r.status, body: r.body });
    } else {
      for (const run of prepared) {
        const r = await safeRun(run);
        results.push({ code: r.status, body: r.body });
        if (r.status < 200 || r.status > 299) break;
      }
    }
    return { status: 200, body: { results } };
  };
}

/** Compares version lists element by element (missing elements count as 0). */
function versionAtLeast(have: readonly number[], want: readonly number[]): boolean {
  for (let i = 0; i < Math.max(have.length, want.length); i++) {
    const a = have[i] ?? 0;
    const b = want[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

function versionParam(value: unknown, length: number, key: string): number[] {
  if (!Array.isArray(value) || value.length !== length || !value.every((v) => Number.isInteger(v) && v >= 0)) {
    throw new ParseError(`Invalid ifelse request: '${key}' must be a list of ${length} non-negative integers`);
  }
  return value as number[];
}

/**
 * `ifelse` (spec §2.6.13): `if` holds conditions on the hardfork, the storage server version and the chain height
 * (all must hold); `then`/`else` hold one request each (may be a batch, a sequence or another ifelse; at least one
 * is required). Both branches are parsed up front, so a bad parameter in either fails the request with 400.
 */
function prepareIfElse(ctx: SnodeContext, params: JsonObject): Prepared {
  const cond = params['if'];
  if (typeof cond !== 'object' || cond === null || Array.isArray(cond)) throw new ParseError("Invalid ifelse request: 'if' must be a dict");
  const checks: Array<() => boolean> = [];
  for (const [key, value] of Object.entries(cond as JsonObject)) {
    switch (key) {
      case 'hf_at_least':
      case 'hf_before': {
        const want = versionParam(value, 2, key);
        const at = (): boolean => versionAtLeast(HARDFORK, want);
        checks.push(key === 'hf_at_least' ? at : () => !at());
        break;
      }
      case 'v_at_least':
      case 'v_before': {
        const want = versionParam(value, 3, key);
        const at = (): boolean => versionAtLeast(STORAGE_VERSION, want);
        checks.push(key === 'v_at_least' ? at : () => !at());
        break;
      }
      case 'height_at_least':
      case 'height_before': {
        if (!Number.isInteger(value) || (value as number) < 0) throw new ParseError(`Invalid ifelse request: '${key}' must be a non-negative integer`);
        const at = (): boolean => ctx.height() >= (value as number);
        checks.push(key === 'height_at_least' ? at : () => !at());
        break;
      }
      default:
        throw new ParseError(`Invalid ifelse request: unknown condition '${key}'`);
    }
  }
  const branch = (key: 'then' | 'else'): Prepared | null => {
    const req = params[key];
    if (req === undefined) return null;
    if (typeof req !== 'object' || req === null || Array.isArray(req)) throw new ParseError(`Invalid ifelse request: '${key}' must be a dict`);
    const m = (req as JsonObject)['method'];
    const p = (req as JsonObject)['params'] ?? {};
    if (typeof m !== 'string') throw new ParseError(`Invalid ifelse request: '${key}' has no method`);
    if (typeof p !== 'object' || p === null || Array.isArray(p)) throw new ParseError(`Invalid ifelse request: '${key}' params is not a dict`);
    if (m === 'batch' || m === 'sequence') return prepareBatch(ctx, m, p as JsonObject);
    if (m === 'ifelse') return prepareIfElse(ctx, p as JsonObject);
    if (!KNOWN.has(m)) throw new ParseError(`Invalid ifelse request: '${key}' has invalid method '${m}'`);
    return prepare(ctx, m, p as JsonObject);
  };
  const yes = branch('then');
  const no = branch('else');
  if (!yes && !no) throw new ParseError("Invalid ifelse request: one of 'then' and 'else' is required");
  return async () => {
    const condition = checks.every((c) => c());
    const run = condition ? yes : no;
    const body: JsonObject = { hf: [...HARDFORK], v: [...STORAGE_VERSION], height: ctx.height(), condition };
    if (run) {
      const r = await safeRun(run);
      body['result'] = { code: r.status, body: r.body };
    }
    return { status: 200, body };
  };
}

async function safeRun(run: Prepared): Promise<RpcResult> {
  try {
    return await run();
  } catch {
    return err(500, 'request failed');
  }
}

/** Handles one JSON RPC body (`{"method","params"}`) as received on /storage_rpc/v1 or at an onion destination. */
export async function handleRpcBody(ctx: SnodeContext, body: Uint8Array): Promise<RpcResult> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    return err(400, 'invalid json');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return err(400, 'invalid json');
  const method = (parsed as JsonObject)['method'];
  const params = (parsed as JsonObject)['params'];
  if (typeof method !== 'string') return err(400, 'invalid json: no `method` field');
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return err(400, 'invalid json: no `params` field');
  let run: Prepared;
  try {
    run =
      method === 'batch' || method === 'sequence'
        ? prepareBatch(ctx, method, params as JsonObject)
        : method === 'ifelse'
          ? prepareIfElse(ctx, params as JsonObject)
          : prepare(ctx, method, params as JsonObject);
  } catch (e) {
    if (e instanceof ParseError) {
      return err(400, e.message.startsWith('no method') ? e.message : `invalid request: ${e.message}`);
    }
    return err(500, 'request failed');
  }
  return safeRun(run);
}
