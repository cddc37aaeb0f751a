// Test-local client side for devnet tests, written from spec/network.md only (never the client's builders):
// HTTPS calls, Ed25519 signing, onion layers (§6.2–6.5) built by hand, response decoding.
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  randomBytes,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import https from 'node:https';
import http from 'node:http';
import sodium from 'libsodium-wrappers-sumo';
import vectors from '../../fixtures/devnet/vectors.json';

export const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });

export interface HttpReply {
  status: number;
  contentType: string;
  body: Buffer;
}

export function post(url: string, body: Uint8Array | string, headers: Record<string, string> = {}): Promise<HttpReply> {
  return request('POST', url, body, headers);
}

export function request(method: string, url: string, body?: Uint8Array | string, headers: Record<string, string> = {}): Promise<HttpReply> {
  const u = new URL(url);
  const mod = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(
      { method, host: u.hostname, port: u.port, path: u.pathname, agent: u.protocol === 'https:' ? agent : undefined, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type']), body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : Buffer.from(body));
  });
}

export interface NodeLike {
  ip: string;
  port: number;
  ed25519: string;
  x25519: string;
}

export const nodeUrl = (n: NodeLike, path: string): string => `https://${n.ip}:${n.port}${path}`;

/** JSON RPC straight to /storage_rpc/v1. */
export async function rpc(n: NodeLike, method: string, params: object): Promise<{ status: number; json: unknown; text: string }> {
  const r = await post(nodeUrl(n, '/storage_rpc/v1'), JSON.stringify({ jsonrpc: '2.0', method, params }));
  const text = r.body.toString('utf8');
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: r.status, json, text };
}

// ---- accounts -------------------------------------------------------------------------------------------

export interface Account {
  sessionId: string;
  edPub: string;
  seed: Buffer;
}

/** Identities A–D of the shared vectors (seed, Ed25519 and X25519 keys, Session ID). */
export function vectorAccount(label: 'A' | 'B' | 'C' | 'D'): Account {
  const v = vectors.identities.find((i) => i.label === label)!;
  return { sessionId: v.session_id, edPub: v.ed25519_pk_hex, seed: Buffer.from(v.ed25519_seed_hex, 'hex') };
}

/** A 03 group account: the raw Ed25519 key is the account key. */
export function groupAccount(seed: Buffer): Account {
  const pub = edPublic(seed);
  return { sessionId: `03${pub.toString('hex')}`, edPub: pub.toString('hex'), seed };
}

const ED_PKCS8 = Buffer.from('302e020100300506032b657004220420', 'hex');
const ED_SPKI = Buffer.from('302a300506032b6570032100', 'hex');
const X25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');

export function edPublic(seed: Buffer): Buffer {
  const spki = createPublicKey(createPrivateKey({ key: Buffer.concat([ED_PKCS8, seed]), format: 'der', type: 'pkcs8' })).export({
    format: 'der',
    type: 'spki',
  });
  return spki.subarray(spki.length - 32);
}

export function edSign(seed: Buffer, message: string | Uint8Array): string {
  const key = createPrivateKey({ key: Buffer.concat([ED_PKCS8, seed]), format: 'der', type: 'pkcs8' });
  return sign(null, Buffer.from(message), key).toString('base64');
}

export function edVerify(pubHex: string, message: string | Uint8Array, sigB64: string): boolean {
  const key = createPublicKey({ key: Buffer.concat([ED_SPKI, Buffer.from(pubHex, 'hex')]), format: 'der', type: 'spki' });
  return verify(null, Buffer.from(message), key, Buffer.from(sigB64, 'base64'));
}

// ---- onion requests (spec §6) ---------------------------------------------------------------------------


export type Enc = 'aes-gcm' | 'xchacha20';

// Not generateKeyPairSync: on Node 20, exporting such a key while the garbage collector finalizes its
// key-generation job can deadlock the process.
function ephemeral(): { key: KeyObject; pub: Buffer } {
  const key = createPrivateKey({ key: Buffer.concat([X25519_PKCS8_PREFIX, randomBytes(32)]), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(key).export({ format: 'der', type: 'spki' });
  return { key, pub: Buffer.from(spki.subarray(spki.length - 32)) };
}

function shared(key: KeyObject, pubHex: string): Buffer {
  const x = Buffer.from(pubHex, 'hex').toString('base64url');
  return diffieHellman({ privateKey: key, publicKey: createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x }, format: 'jwk' }) });
}

/** k = HMAC-SHA256("LOKI", s) or BLAKE2b-256(s || A || B). */
export function layerKey(enc: Enc, s: Buffer, ephPub: Buffer, nodePub: Buffer): Buffer {
  if (enc === 'aes-gcm') return createHmac('sha256', 'LOKI').update(s).digest();
  return Buffer.from(sodium.crypto_generichash(32, Buffer.concat([s, ephPub, nodePub]), null));
}

export function seal(enc: Enc, key: Buffer, plaintext: Uint8Array): Buffer {
  if (enc === 'aes-gcm') {
    const nonce = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', key, nonce);
    const ct = Buffer.concat([c.update(plaintext), c.final()]);
    return Buffer.concat([nonce, ct, c.getAuthTag()]);
  }
  const nonce = randomBytes(24);
  return Buffer.concat([nonce, Buffer.from(sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, null, null, nonce, key))]);
}

export function open(enc: Enc, key: Buffer, data: Uint8Array): Buffer {
  const d = Buffer.from(data);
  if (enc === 'aes-gcm') {
    const dc = createDecipheriv('aes-256-gcm', key, d.subarray(0, 12));
    dc.setAuthTag(d.subarray(d.length - 16));
    return Buffer.concat([dc.update(d.subarray(12, d.length - 16)), dc.final()]);
  }
  return Buffer.from(sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, d.subarray(24), null, d.subarray(0, 24), key));
}

/** LE32(len) || blob || JSON. */
export function frame(blob: Uint8Array, json: object): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32LE(blob.length);
  return Buffer.concat([len, blob, Buffer.from(JSON.stringify(json))]);
}

interface Sealed {
  ciphertext: Buffer;
  ephPub: Buffer;
  key: Buffer;
}

/** Encrypts one layer to an X25519 key with a fresh ephemeral key. */
export function sealTo(enc: Enc, nodeX25519: string, plaintext: Uint8Array): Sealed {
  const e = ephemeral();
  const key = layerKey(enc, shared(e.key, nodeX25519), e.pub, Buffer.from(nodeX25519, 'hex'));
  return { ciphertext: seal(enc, key, plaintext), ephPub: e.pub, key };
}

const encJson = (enc: Enc): object => (enc === 'aes-gcm' ? {} : { enc_type: enc });

/** Wraps the innermost sealed payload in relay layers for `path` (guard first); returns the HTTP body. */
function wrapPath(enc: Enc, path: NodeLike[], firstHopEd: string, inner: Sealed): Buffer {
  let current = inner;
  let nextEd = firstHopEd;
  for (let i = path.length - 1; i >= 0; i--) {
    const hop = path[i]!;
    const plain = frame(current.ciphertext, { destination: nextEd, ephemeral_key: current.ephPub.toString('hex'), ...encJson(enc) });
    current = sealTo(enc, hop.x25519, plain);
    nextEd = hop.ed25519;
  }
  return frame(current.ciphertext, { ephemeral_key: current.ephPub.toString('hex'), ...encJson(enc) });
}

/** Builds an onion request for a snode RPC (spec §6.4): returns the guard body and the destination key. */
export function buildSnodeOnion(enc: Enc, path: NodeLike[], target: NodeLike, rpcBody: object, extra: object = {}): { body: Buffer; key: Buffer } {
  const plain = frame(Buffer.from(JSON.stringify(rpcBody)), { headers: { 'Content-Type': 'application/json' }, ...extra, ...encJson(enc) });
  const inner = sealTo(enc, target.x25519, plain);
  return { body: wrapPath(enc, path, target.ed25519, inner), key: inner.key };
}

/** Builds an onion v4 request to a server (spec §6.5). */
export function buildServerOnion(
  enc: Enc,
  path: NodeLike[],
  server: { url: string; x25519: string },
  req: { method: string; endpoint: string; headers?: Record<string, string>; body?: Uint8Array },
): { body: Buffer; key: Buffer } {
  const j = Buffer.from(JSON.stringify({ endpoint: req.endpoint, headers: req.headers ?? {}, method: req.method }));
  const parts = [Buffer.from(`l${j.length}:`), j];
  if (req.body && req.body.length > 0) parts.push(Buffer.from(`${req.body.length}:`), Buffer.from(req.body));
  parts.push(Buffer.from('e'));
  const inner = sealTo(enc, server.x25519, Buffer.concat(parts));
  const u = new URL(server.url);
  const last = path[path.length - 1]!;
  const lastPlain = frame(inner.ciphertext, {
    host: u.hostname,
    target: '/oxen/v4/lsrpc',
    method: 'POST',
    protocol: 'http',
    port: Number(u.port),
    ephemeral_key: inner.ephPub.toString('hex'),
    ...encJson(enc),
  });
  const lastSealed = sealTo(enc, last.x25519, lastPlain);
  return { body: wrapPath(enc, path.slice(0, -1), last.ed25519, lastSealed), key: inner.key };
}

/** Sends an onion snode request and decodes `{"status","body"}` (body parsed when it is JSON text). */
export async function onionRpc(
  enc: Enc,
  path: NodeLike[],
  target: NodeLike,
  rpcBody: object,
): Promise<{ httpStatus: number; text: string; status?: number; body?: unknown }> {
  const { body, key } = buildSnodeOnion(enc, path, target, rpcBody);
  const r = await post(nodeUrl(path[0]!, '/onion_req/v2'), body);
  const text = r.body.toString('utf8');
  if (r.status !== 200) return { httpStatus: r.status, text };
  const inner = JSON.parse(open(enc, key, Buffer.from(text, 'base64')).toString('utf8')) as { status: number; body: unknown };
  let parsedBody: unknown = inner.body;
  if (typeof inner.body === 'string') {
    try {
      parsedBody = JSON.parse(inner.body);
    } catch {
      parsedBody = inner.body;
    }
  }
  return { httpStatus: r.status, text, status: inner.status, body: parsedBody };
}

/** Decodes a v4 response `l<len>:<meta><len>:<body>e`. */
export function decodeV4(data: Buffer): { meta: { code: number; headers: Record<string, string> }; body: Buffer } {
  expect(data[0]).toBe(0x6c);
  expect(data[data.length - 1]).toBe(0x65);
  let i = 1;
  const items: Buffer[] = [];
  while (i < data.length - 1) {
    const colon = data.indexOf(0x3a, i);
    const len = Number(data.subarray(i, colon).toString('ascii'));
    items.push(data.subarray(colon + 1, colon + 1 + len));
    i = colon + 1 + len;
  }
  return { meta: JSON.parse(items[0]!.toString('utf8')) as { code: number; headers: Record<string, string> }, body: items[1] ?? Buffer.alloc(0) };
}

export async function onionServer(
  enc: Enc,
  path: NodeLike[],
  server: { url: string; x25519: string },
  req: { method: string; endpoint: string; headers?: Record<string, string>; body?: Uint8Array },
): Promise<{ httpStatus: number; code?: number; headers?: Record<string, string>; body: Buffer }> {
  const { body, key } = buildServerOnion(enc, path, server, req);
  const r = await post(nodeUrl(path[0]!, '/onion_req/v2'), body);
  if (r.status !== 200) return { httpStatus: r.status, body: r.body };
  const v4 = decodeV4(open(enc, key, r.body));
  return { httpStatus: r.status, code: v4.meta.code, headers: v4.meta.headers, body: v4.body };
}

export const sodiumReady = (): Promise<void> => sodium.ready;

/** The spec §4.1 hash, computed here independently: b64-unpadded BLAKE2b-256(pubkey33 || NS || data). */
export function specHash(pubkeyHex: string, ns: number, data: Uint8Array): string {
  const nsBytes = ns === 0 ? Buffer.alloc(0) : Buffer.from(String(ns));
  return Buffer.from(sodium.crypto_generichash(32, Buffer.concat([Buffer.from(pubkeyHex, 'hex'), nsBytes, Buffer.from(data)]), null))
    .toString('base64')
    .replace(/=+$/, '');
}
