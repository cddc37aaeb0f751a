// Malicious service-node behaviour for robustness tests: a node that lies about swarms, answers with
// an enormous or endlessly dripping body, sends broken JSON or truncated onion replies, or signs wrongly.
// Every mode keeps the node otherwise working, so a client has to notice the lie, not a dead node.
import type http from 'node:http';
import { z } from 'zod';
import { fromB64, toB64, toHex, type RandomBytes } from './crypto';
import type { JsonObject, RpcResult } from './rpc';

export type MisbehaviourMode = 'wrong-swarm' | 'huge' | 'drip' | 'bad-json' | 'bad-signature';

export interface MisbehaveOptions {
  readonly mode: MisbehaviourMode;
  /** huge: bytes of body to send (default 256 MiB). */
  readonly bytes?: number;
  /** huge: announce the size in Content-Length up front instead of streaming without one. */
  readonly declareLength?: boolean;
  /** drip: ms between two bytes (default 500). */
  readonly intervalMs?: number;
  /** Clears itself after this many ms; absent = until cleared. */
  readonly durationMs?: number;
}

export const DEFAULT_HUGE_BYTES = 256 * 1024 * 1024;
export const DEFAULT_DRIP_INTERVAL_MS = 500;
const MAX_HUGE_BYTES = 4 * 1024 * 1024 * 1024;

/** The control endpoint's body for `POST /nodes/<node>/misbehave` (unknown keys are refused). */
export const misbehaveSchema = z
  .object({
    mode: z.enum(['wrong-swarm', 'huge', 'drip', 'bad-json', 'bad-signature']),
    bytes: z.number().int().min(1).max(MAX_HUGE_BYTES).optional(),
    declareLength: z.boolean().optional(),
    intervalMs: z.number().int().min(1).max(600_000).optional(),
    durationMs: z.number().int().min(0).optional(),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.mode !== 'huge' && (o.bytes !== undefined || o.declareLength !== undefined)) {
      ctx.addIssue({ code: 'custom', message: 'bytes and declareLength only apply to mode huge' });
    }
    if (o.mode !== 'drip' && o.intervalMs !== undefined) ctx.addIssue({ code: 'custom', message: 'intervalMs only applies to mode drip' });
  });

/** Validates library options the same way as control bodies; throws with a readable message. */
export function checkMisbehaveOptions(opts: MisbehaveOptions): MisbehaveOptions {
  const r = misbehaveSchema.safeParse(opts);
  if (!r.success) throw new Error(`invalid misbehaviour: ${r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`);
  return r.data;
}

/** A reply body the HTTP layer must stream in a hostile way instead of sending (passed back by relays as-is). */
export type HostileStream =
  | { readonly kind: 'huge'; readonly bytes: number; readonly declareLength: boolean }
  | { readonly kind: 'drip'; readonly intervalMs: number; readonly body: Uint8Array };

export function hostileStream(opts: MisbehaveOptions, body: Uint8Array): HostileStream | null {
  if (opts.mode === 'huge') return { kind: 'huge', bytes: opts.bytes ?? DEFAULT_HUGE_BYTES, declareLength: opts.declareLength ?? false };
  if (opts.mode === 'drip') return { kind: 'drip', intervalMs: opts.intervalMs ?? DEFAULT_DRIP_INTERVAL_MS, body };
  return null;
}

/**
 * Writes a hostile body: `huge` sends `bytes` of filler as fast as the peer reads (stopping when it hangs up),
 * `drip` sends the real reply one byte per interval under its true Content-Length. `onBytes` counts what
 * was handed to the socket, so a test can see how much the client let through before refusing.
 */
export function streamHostile(res: http.ServerResponse, status: number, contentType: string, s: HostileStream, onBytes: (n: number) => void): void {
  if (s.kind === 'huge') {
    res.writeHead(status, { 'Content-Type': contentType, ...(s.declareLength ? { 'Content-Length': String(s.bytes) } : {}) });
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    let sent = 0;
    const pump = (): void => {
      while (sent < s.bytes && !res.destroyed) {
        const n = Math.min(chunk.length, s.bytes - sent);
        sent += n;
        onBytes(n);
        if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          res.once('drain', pump);
          return;
        }
      }
      if (!res.destroyed) res.end();
    };
    pump();
    return;
  }
  // A Content-Length slightly larger than the body: even a reader without a total timeout never sees its end.
  const body = s.body.length > 0 ? s.body : new Uint8Array([0x20]);
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(body.length + 1) });
  let i = 0;
  const timer = setInterval(() => {
    if (res.destroyed) return clearInterval(timer);
    if (i < body.length) {
      res.write(Buffer.from(body.subarray(i, i + 1)));
      onBytes(1);
      i++;
    }
  }, s.intervalMs);
  res.on('close', () => clearInterval(timer));
}

/** The first half of a reply: a truncated onion response or JSON document. */
export function truncated(body: Uint8Array): Uint8Array {
  return body.subarray(0, Math.max(1, Math.floor(body.length / 2)));
}

/** What the wrong-swarm mode draws its lies from. */
export interface SwarmLies {
  readonly random: RandomBytes;
  /** Real nodes that are not in the swarm of the account asked about (any other swarm). */
  otherSwarmMembers(): JsonObject[];
  now(): number;
}

/** A service node that does not exist: fresh keys on an address nothing listens on. */
function fakeMember(random: RandomBytes, i: number): JsonObject {
  const ed = toHex(random(32));
  const port = 40_000 + (random(1)[0]! % 200);
  return {
    address: `${ed}.snode`,
    pubkey_legacy: ed,
    pubkey_x25519: toHex(random(32)),
    pubkey_ed25519: ed,
    port: String(port),
    port_https: port,
    port_omq: port,
    port_quic: port,
    ip: `127.0.${250 - i}.1`,
  };
}

function bogusSnodes(lies: SwarmLies): JsonObject[] {
  return [...lies.otherSwarmMembers().slice(0, 2), fakeMember(lies.random, 0), fakeMember(lies.random, 1), fakeMember(lies.random, 2)];
}

function bogusStates(lies: SwarmLies): JsonObject[] {
  return [0, 1, 2, 3].map((i) => {
    const m = fakeMember(lies.random, i);
    return { public_ip: m['ip'], storage_port: m['port_https'], pubkey_ed25519: m['pubkey_ed25519'], pubkey_x25519: m['pubkey_x25519'], requested_unlock_height: 0 };
  });
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Applies `f` to each sub-result of a batch/sequence, or to the single result. */
function eachResult(rpc: RpcResult, f: (code: number, body: JsonObject | string) => { code: number; body: JsonObject | string }): RpcResult {
  if (typeof rpc.body === 'string') return rpc;
  const results = rpc.body['results'];
  if (Array.isArray(results)) {
    const out = results.map((r: unknown) => {
      if (!isObject(r) || typeof r['code'] !== 'number') return r;
      const body = r['body'];
      const changed = f(r['code'], isObject(body) || typeof body === 'string' ? body : JSON.stringify(body ?? null));
      return { code: changed.code, body: changed.body };
    });
    return { status: rpc.status, body: { ...rpc.body, results: out } };
  }
  const changed = f(rpc.status, rpc.body);
  return { status: changed.code, body: changed.body };
}

/**
 * Wrong swarm lists: `get_swarm` answers name only nodes that do not exist, `get_service_nodes` lists only
 * nodes that do not exist, and every account request is refused with a 421 naming a bogus swarm of two real
 * nodes of another swarm and three that do not exist.
 */
export function lieAboutSwarms(rpc: RpcResult, lies: SwarmLies): RpcResult {
  return eachResult(rpc, (code, body) => {
    if (typeof body === 'string') return { code, body };
    if (Array.isArray(body['snodes'])) return { code, body: { ...body, snodes: [0, 1, 2, 3].map((i) => fakeMember(lies.random, i)) } };
    const result = body['result'];
    if (isObject(result) && Array.isArray(result['service_node_states'])) {
      return { code, body: { ...body, result: { ...result, service_node_states: bogusStates(lies) } } };
    }
    if ('messages' in body || 'hash' in body || 'swarm' in body || 'expiries' in body) {
      return { code: 421, body: { snodes: bogusSnodes(lies), swarm: toHex(lies.random(8)), t: lies.now(), hf: [19, 4] } };
    }
    return { code, body };
  });
}

/** Flips one bit of a base64 value, keeping it valid base64 of the same length. */
function flipB64(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const bytes = fromB64(value);
  if (!bytes || bytes.length === 0) return value;
  const copy = new Uint8Array(bytes);
  copy[0]! ^= 0x01;
  const out = toB64(copy);
  return value.endsWith('=') ? out : out.replace(/=+$/, '');
}

/** Corrupts the signatures of one node's entry of a recursive request (store, delete, expire, …). */
export function corruptEntry(entry: JsonObject): JsonObject {
  return 'signature' in entry ? { ...entry, signature: flipB64(entry['signature']) } : entry;
}

/**
 * Wrong signatures: every member signature in a recursive response (and a top-level one) fails to verify, and
 * every retrieved message's data has a bit flipped (its hash, and its sender's signature, no longer match).
 */
export function forgeSignatures(rpc: RpcResult): RpcResult {
  return eachResult(rpc, (code, body) => {
    if (typeof body === 'string') return { code, body };
    let out: JsonObject = corruptEntry(body);
    const swarm = out['swarm'];
    if (isObject(swarm)) {
      const forged: JsonObject = {};
      for (const [k, v] of Object.entries(swarm)) forged[k] = isObject(v) ? corruptEntry(v) : v;
      out = { ...out, swarm: forged };
    }
    const messages = out['messages'];
    if (Array.isArray(messages)) {
      out = { ...out, messages: messages.map((m: unknown) => (isObject(m) ? { ...m, data: flipB64(m['data']) } : m)) };
    }
    return { code, body: out };
  });
}

/** A node's current misbehaviour as onion processing sees it (SnodeContext.hostile). */
export interface NodeHostility {
  readonly opts: MisbehaveOptions;
  readonly lies: SwarmLies;
}

/** The RPC answer a hostile final destination gives (wrong-swarm and bad-signature lie here). */
export function tamperRpc(h: NodeHostility | null, rpc: RpcResult): RpcResult {
  if (h?.opts.mode === 'wrong-swarm') return lieAboutSwarms(rpc, h.lies);
  if (h?.opts.mode === 'bad-signature') return forgeSignatures(rpc);
  return rpc;
}

/** The plaintext a hostile final destination encrypts: bad-json cuts the JSON document in half. */
export function tamperPlaintext(h: NodeHostility | null, payload: string): string {
  return h?.opts.mode === 'bad-json' ? payload.slice(0, Math.max(1, Math.floor(payload.length / 2))) : payload;
}

/** A reply leaving a hostile node (entry, relay or destination): truncated, or to be streamed huge or dripping. */
export function tamperReply<R extends { readonly status: number; readonly body: Uint8Array; readonly stream?: HostileStream }>(
  h: NodeHostility | null,
  reply: R,
  destination = false,
): R {
  if (!h) return reply;
  if (h.opts.mode === 'bad-json' && !destination) return { ...reply, body: truncated(reply.body) };
  const stream = hostileStream(h.opts, reply.body);
  return stream ? { ...reply, stream } : reply;
}
