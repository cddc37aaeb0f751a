// Onion request processing at a service node (spec §6.6): decrypt one layer, then answer as the final
// destination, proxy to a server's /oxen/v4/lsrpc, or relay to the next node by its Ed25519 key.
import http from 'node:http';
import https from 'node:https';
import { decryptLayer, deriveLayerKey, encryptLayer, fromHex, parseEncType, toB64, utf8, type EncType } from './crypto';
import { parseOnionFrame } from './framing';
import { tamperPlaintext, tamperReply, tamperRpc, type HostileStream } from './hostile';
import { handleRpcBody, type SnodeContext } from './rpc';

const MAX_HOPS = 15;
/** Statuses an intermediate hop passes back as-is; anything else becomes 500 (spec §6.6 note). */
const RELAYABLE = new Set([200, 400, 401, 403, 404, 406, 410, 413, 421, 429, 502, 503, 504]);

export interface HopResult {
  readonly status: number;
  readonly body: Uint8Array;
  readonly contentType: string;
  /** A misbehaving node's reply is streamed huge or dripping by the entry node's HTTP layer (hostile.ts). */
  readonly stream?: HostileStream;
}

/** What onion processing needs from the network: node lookup, in-process relaying and proxy settings. */
export interface OnionEnv {
  /** Hands a layer to the node with this Ed25519 key; null when no such node exists. */
  relay(destinationEd25519: string, blob: Uint8Array, ephemeralKey: Uint8Array, encType: EncType, hopNo: number): Promise<HopResult> | null;
  readonly relayTimeoutMs: number;
  readonly proxyTimeoutMs: number;
  readonly proxyAgents: { readonly http: http.Agent; readonly https: https.Agent };
}

export const text = (status: number, body: string): HopResult => ({ status, body: utf8(body), contentType: 'text/plain' });

/** Entry point for `POST /onion_req/v2`: the outer frame is unencrypted, its blob is for this node. */
export async function handleOnionEntry(ctx: SnodeContext, env: OnionEnv, body: Uint8Array): Promise<HopResult> {
  const frame = parseOnionFrame(body);
  if (typeof frame === 'string') return text(400, `Error parsing onion request: ${frame}`);
  const eph = typeof frame.json['ephemeral_key'] === 'string' ? fromHex(frame.json['ephemeral_key']) : null;
  if (!eph || eph.length !== 32) return text(400, 'Error parsing onion request: missing or invalid ephemeral_key');
  const encType = parseEncType(frame.json['enc_type']);
  if (!encType) return text(400, 'Error parsing onion request: invalid enc_type');
  const hopRaw = frame.json['hop_no'];
  const hopNo = typeof hopRaw === 'number' && Number.isInteger(hopRaw) && hopRaw >= 0 ? hopRaw : 0;
  return processOnionLayer(ctx, env, frame.blob, eph, encType, hopNo);
}

/** One hop: decrypt with this node's X25519 key and act on the routing JSON inside. */
export async function processOnionLayer(
  ctx: SnodeContext,
  env: OnionEnv,
  blob: Uint8Array,
  ephemeralKey: Uint8Array,
  encType: EncType,
  hopNo: number,
): Promise<HopResult> {
  if (hopNo > MAX_HOPS) return text(400, 'onion request max path length exceeded');
  let key: Uint8Array;
  try {
    key = deriveLayerKey(encType, ctx.identity.xKey, ctx.identity.x25519Pub, ephemeralKey);
  } catch {
    return text(400, 'Invalid ciphertext');
  }
  const plaintext = decryptLayer(encType, key, blob);
  if (!plaintext) return text(400, 'Invalid ciphertext');
  const reply = (payload: string, base64 = true): HopResult => {
    const enc = encryptLayer(encType, key, utf8(payload), ctx.random);
    return base64
      ? { status: 200, body: utf8(toB64(enc)), contentType: 'text/plain' }
      : { status: 200, body: enc, contentType: 'application/octet-stream' };
  };
  const frame = parseOnionFrame(plaintext);
  if (typeof frame === 'string') return reply(JSON.stringify({ status: 400, body: 'Invalid json' }));
  const json = frame.json;

  const hostile = ctx.hostile?.() ?? null;
  if ('headers' in json) {
    const rpc = tamperRpc(hostile, await handleRpcBody(ctx, frame.blob));
    const body = typeof rpc.body === 'string' ? rpc.body : json['json'] === true ? rpc.body : JSON.stringify(rpc.body);
    return tamperReply(hostile, reply(tamperPlaintext(hostile, JSON.stringify({ status: rpc.status, body })), json['base64'] !== false), true);
  }

  if ('host' in json) return tamperReply(hostile, await proxyToServer(env, json, plaintext, (s, b) => reply(JSON.stringify({ status: s, body: b }))));

  const dest = json['destination'];
  const nextEph = typeof json['ephemeral_key'] === 'string' ? fromHex(json['ephemeral_key']) : null;
  const nextEnc = parseEncType(json['enc_type']);
  if (typeof dest !== 'string' || !fromHex(dest) || dest.length !== 64 || !nextEph || nextEph.length !== 32 || !nextEnc) {
    return reply(JSON.stringify({ status: 400, body: 'Invalid json' }));
  }
  const pending = env.relay(dest.toLowerCase(), frame.blob, nextEph, nextEnc, hopNo + 1);
  if (!pending) return text(502, `Next node not found: ${dest}`);
  const result = await withTimeout(pending, env.relayTimeoutMs);
  if (!result) return text(504, 'Request time out');
  return tamperReply(hostile, RELAYABLE.has(result.status) ? result : { ...result, status: 500 });
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

async function proxyToServer(
  env: OnionEnv,
  json: Record<string, unknown>,
  plaintext: Uint8Array,
  encryptedError: (status: number, body: string) => HopResult,
): Promise<HopResult> {
  const host = json['host'];
  const target = json['target'];
  const protocol = json['protocol'] ?? 'https';
  const portRaw = json['port'];
  if (
    typeof host !== 'string' ||
    typeof target !== 'string' ||
    !(target.startsWith('/loki/') || target.startsWith('/oxen/')) ||
    !target.endsWith('/lsrpc') ||
    target.includes('?') ||
    (protocol !== 'http' && protocol !== 'https')
  ) {
    return encryptedError(400, 'Invalid url');
  }
  const port = typeof portRaw === 'number' && Number.isInteger(portRaw) && portRaw > 0 && portRaw < 65536 ? portRaw : protocol === 'http' ? 80 : 443;
  // The devnet never talks to anything beyond this machine.
  if (!isLoopbackHost(host)) return text(502, `devnet proxies only to loopback servers, not ${host}`);
  const mod = protocol === 'http' ? http : https;
  return new Promise<HopResult>((resolve) => {
    const req = mod.request(
      {
        host,
        port,
        path: target,
        method: 'POST',
        agent: protocol === 'http' ? env.proxyAgents.http : env.proxyAgents.https,
        headers: { 'Content-Type': 'application/octet-stream', 'User-Agent': 'Oxen Storage Server/2.8.0', 'Content-Length': plaintext.length },
        timeout: env.proxyTimeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 502,
            body: new Uint8Array(Buffer.concat(chunks)),
            contentType: res.headers['content-type'] ?? 'application/octet-stream',
          }),
        );
        res.on('error', (e) => resolve(text(502, e.message)));
      },
    );
    req.on('timeout', () => {
      req.destroy();
      resolve(text(504, 'Request time out'));
    });
    req.on('error', (e) => resolve(text(502, e.message)));
    req.end(plaintext);
  });
}

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
    // A hop that never answers must not hold the process open once the servers are closed.
    timer.unref();
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
