// Storage-RPC response parsers (spec network §2.5–2.7): every input is `unknown`, every parser
// returns a Result and never throws. Recursive responses have their per-member signatures verified.
import * as z from 'zod';
import { base64ToBytes, hexToBytes, utf8ToBytes } from '../primitives/bytes';
import { ed25519Verify } from '../primitives/curve';
import { ProtocolError, attempt, type Result } from '../primitives/errors';

const bad = (detail: string): never => {
  throw new ProtocolError('rpc_response_invalid', 'Unexpected response from the network.', detail);
};

function parseWith<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  let value = input;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      bad(`${what}: body is not JSON`);
    }
  }
  const r = schema.safeParse(value);
  if (!r.success) bad(`${what}: ${r.error.issues[0]?.message ?? 'invalid'}`);
  return (r as { data: T }).data;
}

const hex64 = z.string().regex(/^[0-9a-fA-F]{64}$/);
const hash43 = z.string().regex(/^[A-Za-z0-9+/]{43}$/);
const ms = z.number().int().nonnegative();
const tField = { t: ms.optional() };

/** One sub-result of a batch/sequence. */
export interface SubResult {
  code: number;
  body: unknown;
}

const batchSchema = z.object({
  results: z.array(z.object({ code: z.number().int(), body: z.unknown() })).min(1),
});

/** Parses `{"results":[{code, body}, …]}` (a JSON string or value); requires at least one result. */
export function parseBatchResponse(body: unknown): Result<SubResult[]> {
  return attempt(() => parseWith(batchSchema, body, 'batch').results.map((r) => ({ code: r.code, body: r.body })));
}

/** Successful `store` result. */
export interface StoreResult {
  hash: string;
  /** Node time (ms) if given. */
  t?: number;
}

const storeSchema = z.object({ hash: hash43, ...tField });

/** Parses a `store` body (`hash`, `t`). */
export function parseStoreResponse(body: unknown): Result<StoreResult> {
  return attempt(() => {
    const r = parseWith(storeSchema, body, 'store');
    return r.t === undefined ? { hash: r.hash } : { hash: r.hash, t: r.t };
  });
}

/**
 * Whether `member`'s own entry in a `store` response's `swarm` map signs `hash` (spec network §2.6.1: each
 * member's Ed25519 signature over the ASCII hash). Undefined when the response has no such signed entry
 * (an older node): only a present, wrong signature is a lie.
 */
export function storeSignatureValid(body: unknown, member: string, hash: string): boolean | undefined {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
  }
  const swarm = (value as { swarm?: unknown } | null)?.swarm;
  if (swarm === null || typeof swarm !== 'object') return undefined;
  const key = Object.keys(swarm).find((k) => k.toLowerCase() === member.toLowerCase());
  const entry = key === undefined ? undefined : (swarm as Record<string, unknown>)[key];
  if (entry === null || typeof entry !== 'object' || !('signature' in entry)) return undefined;
  return verifyMember(member.toLowerCase(), (entry as { signature: unknown }).signature, hash);
}

/** One retrieved message. */
export interface RetrievedMessage {
  hash: string;
  /** Sender-supplied store timestamp (ms). */
  timestamp: number;
  /** Swarm expiry (ms). */
  expiration: number;
  data: Uint8Array;
}

const retrieveSchema = z.object({
  messages: z.array(z.object({ hash: hash43, timestamp: ms, expiration: ms, data: z.string() })),
  more: z.boolean().optional(),
  ...tField,
});

/** Parses a `retrieve` body; each `data` is base64-decoded. */
export function parseRetrieveResponse(body: unknown): Result<{ messages: RetrievedMessage[]; more: boolean; t?: number }> {
  return attempt(() => {
    const r = parseWith(retrieveSchema, body, 'retrieve');
    const messages = r.messages.map((m) => ({
      hash: m.hash,
      timestamp: m.timestamp,
      expiration: m.expiration,
      data: base64ToBytes(m.data),
    }));
    return r.t === undefined ? { messages, more: r.more ?? false } : { messages, more: r.more ?? false, t: r.t };
  });
}

/** A service node as the client needs it. */
export interface SnodeInfo {
  ip: string;
  port: number;
  ed25519: string;
  x25519: string;
}

const port = z.number().int().min(1).max(65535);
const swarmSchema = z.object({
  snodes: z.array(
    z.object({ ip: z.string(), port_https: port, pubkey_ed25519: hex64, pubkey_x25519: hex64 }),
  ),
  swarm: z.string().optional(),
  ...tField,
});

function usableIp(ip: string): boolean {
  return ip !== '' && ip !== '0.0.0.0';
}

/** Parses `get_swarm` (also the body of a 421): members with a usable IP, lowercase keys. */
export function parseGetSwarmResponse(body: unknown): Result<{ snodes: SnodeInfo[]; swarmId?: string; t?: number }> {
  return attempt(() => {
    const r = parseWith(swarmSchema, body, 'get_swarm');
    const snodes = r.snodes
      .filter((s) => usableIp(s.ip))
      .map((s) => ({ ip: s.ip, port: s.port_https, ed25519: s.pubkey_ed25519.toLowerCase(), x25519: s.pubkey_x25519.toLowerCase() }));
    const out: { snodes: SnodeInfo[]; swarmId?: string; t?: number } = { snodes };
    if (r.swarm !== undefined) out.swarmId = r.swarm;
    if (r.t !== undefined) out.t = r.t;
    return out;
  });
}

const serviceNodesSchema = z.object({
  result: z.object({
    service_node_states: z.array(
      z.object({ public_ip: z.string(), storage_port: port, pubkey_ed25519: hex64, pubkey_x25519: hex64 }),
    ),
  }),
});

/** Parses `oxend_request get_service_nodes` (and the seed's `get_n_service_nodes` result). */
export function parseGetServiceNodesResponse(body: unknown): Result<SnodeInfo[]> {
  return attempt(() =>
    parseWith(serviceNodesSchema, body, 'get_service_nodes')
      .result.service_node_states.filter((s) => usableIp(s.public_ip))
      .map((s) => ({
        ip: s.public_ip,
        port: s.storage_port,
        ed25519: s.pubkey_ed25519.toLowerCase(),
        x25519: s.pubkey_x25519.toLowerCase(),
      })),
  );
}

const infoSchema = z.object({ version: z.array(z.number().int()), timestamp: ms.optional(), ...tField });

/** Parses `info` (`version`, `timestamp`, `t`). */
export function parseInfoResponse(body: unknown): Result<{ version: number[]; t?: number }> {
  return attempt(() => {
    const r = parseWith(infoSchema, body, 'info');
    return r.t === undefined ? { version: r.version } : { version: r.version, t: r.t };
  });
}

const expiriesSchema = z.object({ expiries: z.record(z.string(), ms) });

/** Parses `get_expiries` → hash → expiry (ms). */
export function parseGetExpiriesResponse(body: unknown): Result<Record<string, number>> {
  return attempt(() => ({ ...parseWith(expiriesSchema, body, 'get_expiries').expiries }));
}

const onsSchema = z.object({
  result: z.object({ encrypted_value: z.string().optional(), nonce: z.string().optional() }).passthrough(),
});

/** Parses `oxend_request ons_resolve`; `null` when the name is not registered. */
export function parseOnsResolveResponse(body: unknown): Result<{ encryptedValue: Uint8Array; nonce?: Uint8Array } | null> {
  return attempt(() => {
    const r = parseWith(onsSchema, body, 'ons_resolve').result;
    if (r.encrypted_value === undefined || r.encrypted_value === '') return null;
    const encryptedValue = hexToBytes(r.encrypted_value);
    return r.nonce === undefined || r.nonce === '' ? { encryptedValue } : { encryptedValue, nonce: hexToBytes(r.nonce) };
  });
}

/** Node time `t` (ms) from any response body, if present and plausible (after 2020-12-31). */
export function extractNodeTime(body: unknown): number | undefined {
  if (body !== null && typeof body === 'object' && 't' in body) {
    const t = (body as { t: unknown }).t;
    if (typeof t === 'number' && Number.isSafeInteger(t) && t > 1_609_419_600_000) return t;
  }
  return undefined;
}

/** Outcome for one swarm member of a recursive request. */
export type MemberOutcome<T> =
  | { ed25519: string; ok: true; value: T }
  | { ed25519: string; ok: false; reason: string };

const swarmMapSchema = z.object({ swarm: z.record(hex64, z.record(z.string(), z.unknown())) });

function memberEntries(body: unknown, what: string): [string, Record<string, unknown>][] {
  return Object.entries(parseWith(swarmMapSchema, body, what).swarm).map(([k, v]) => [k.toLowerCase(), v]);
}

function failedReason(v: Record<string, unknown>): string | undefined {
  if (v.failed !== true) return undefined;
  if (v.timeout === true) return 'timeout';
  if (typeof v.code === 'number') return `code ${v.code}${typeof v.reason === 'string' ? `: ${v.reason}` : ''}`;
  return 'failed';
}

function verifyMember(member: string, signatureB64: unknown, message: string): boolean {
  if (typeof signatureB64 !== 'string') return false;
  try {
    return ed25519Verify(base64ToBytes(signatureB64, { allowUnpadded: true }), utf8ToBytes(message), hexToBytes(member));
  } catch {
    return false;
  }
}

const hashList = z.array(hash43);
const nsMap = z.record(z.string(), hashList);
const expireEntry = z.object({ expiry: ms, updated: hashList, unchanged: z.record(hash43, ms).optional() });

/** Parses a `delete` response and verifies each member's signature over `PUBKEY || requested… || deleted…`. */
export function parseDeleteResponse(body: unknown, pubkey: string, requested: readonly string[]): Result<MemberOutcome<string[]>[]> {
  return attempt(() =>
    memberEntries(body, 'delete').map(([member, v]): MemberOutcome<string[]> => {
      const failed = failedReason(v);
      if (failed) return { ed25519: member, ok: false, reason: failed };
      const deleted = hashList.safeParse(v.deleted);
      if (!deleted.success) return { ed25519: member, ok: false, reason: 'malformed entry' };
      const msg = pubkey.toLowerCase() + requested.join('') + deleted.data.join('');
      if (!verifyMember(member, v.signature, msg)) return { ed25519: member, ok: false, reason: 'bad signature' };
      return { ed25519: member, ok: true, value: deleted.data };
    }),
  );
}

/** Parses a `delete_all` response; verifies `PUBKEY || timestamp || all deleted hashes sorted`. */
export function parseDeleteAllResponse(body: unknown, pubkey: string, timestampMs: number): Result<MemberOutcome<string[]>[]> {
  return attempt(() =>
    memberEntries(body, 'delete_all').map(([member, v]): MemberOutcome<string[]> => {
      const failed = failedReason(v);
      if (failed) return { ed25519: member, ok: false, reason: failed };
      let hashes: string[];
      const list = hashList.safeParse(v.deleted);
      if (list.success) hashes = list.data;
      else {
        const map = nsMap.safeParse(v.deleted);
        if (!map.success) return { ed25519: member, ok: false, reason: 'malformed entry' };
        hashes = Object.values(map.data).flat();
      }
      const sorted = [...hashes].sort();
      const msg = pubkey.toLowerCase() + String(timestampMs) + sorted.join('');
      if (!verifyMember(member, v.signature, msg)) return { ed25519: member, ok: false, reason: 'bad signature' };
      return { ed25519: member, ok: true, value: hashes };
    }),
  );
}

/** One member's `expire` outcome. */
export interface ExpireOutcome {
  expiry: number;
  updated: string[];
  unchanged: Record<string, number>;
}

/** Parses an `expire` response; verifies `PUBKEY || expiry || requested… || updated… || (hash || expiry)…`. */
export function parseExpireResponse(body: unknown, pubkey: string, requested: readonly string[]): Result<MemberOutcome<ExpireOutcome>[]> {
  return attempt(() =>
    memberEntries(body, 'expire').map(([member, v]): MemberOutcome<ExpireOutcome> => {
      const failed = failedReason(v);
      if (failed) return { ed25519: member, ok: false, reason: failed };
      const e = expireEntry.safeParse(v);
      if (!e.success) return { ed25519: member, ok: false, reason: 'malformed entry' };
      const unchanged = e.data.unchanged ?? {};
      const unchangedPart = Object.keys(unchanged)
        .sort()
        .map((h) => `${h}${unchanged[h]}`)
        .join('');
      const msg = pubkey.toLowerCase() + String(e.data.expiry) + requested.join('') + e.data.updated.join('') + unchangedPart;
      if (!verifyMember(member, v.signature, msg)) return { ed25519: member, ok: false, reason: 'bad signature' };
      return { ed25519: member, ok: true, value: { expiry: e.data.expiry, updated: e.data.updated, unchanged: { ...unchanged } } };
    }),
  );
}
