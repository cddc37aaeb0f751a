// Onion requests (spec network §6): layered encryption to a 3-hop path, towards a service node
// (JSON RPC, base64 JSON reply) or a server via onion v4 (bencoded request, binary reply).
import { aesGcmEncryptParts, aesGcmEncryptStream, type AesGcmStream } from '../primitives/aead';
import { allocFilledLater, base64ToBytes, bytesToHex, bytesToUtf8, concatBytes, le32, utf8ToBytes } from '../primitives/bytes';
import { ProtocolError, attempt, type Result } from '../primitives/errors';
import { encodeOnionFrame } from '../primitives/framing';
import { deriveClientHopKey, hopDecrypt, hopEncrypt, hopNonceBytes, type OnionEncType } from '../primitives/onionHop';
import type { RandomSource } from '../primitives/random';

/** A node on the path (or the destination snode): Ed25519 key as hex, X25519 key as bytes. */
export interface OnionNode {
  ed25519: string;
  x25519: Uint8Array;
}

/** A built onion request: POST `payload` to the guard's /onion_req/v2; keep `key` to read the reply. */
export interface BuiltOnionRequest {
  payload: Uint8Array;
  guard: OnionNode;
  /** Symmetric key shared with the destination (decrypts its reply). */
  key: Uint8Array;
  encType: OnionEncType;
}

/** Onion path length used by the client. */
export const ONION_PATH_LENGTH = 3;
/** The v4 endpoint on non-snode servers. */
export const ONION_V4_TARGET = '/oxen/v4/lsrpc';

interface Layer {
  ciphertext: Uint8Array;
  ephemeralPublic: Uint8Array;
  key: Uint8Array;
}

/** Encrypts one layer to `nodeX25519` with a fresh ephemeral key drawn from `random`. */
export function encryptOnionLayer(encType: OnionEncType, nodeX25519: Uint8Array, plaintext: Uint8Array, random: RandomSource): Layer {
  const layer = encryptOnionLayerParts(encType, nodeX25519, [plaintext], random);
  return { ciphertext: layer.parts.length === 1 ? (layer.parts[0] as Uint8Array) : concatBytes(...layer.parts), ephemeralPublic: layer.ephemeralPublic, key: layer.key };
}

/**
 * A layer kept as the list of its pieces (nonce, ciphertext pieces, tag): a large body (a 10 MB file
 * upload) is encrypted once per layer and never copied between layers, where one buffer per layer
 * meant two more copies of it each time (the frame, then nonce || ciphertext || tag).
 */
interface LayerParts {
  parts: Uint8Array[];
  ephemeralPublic: Uint8Array;
  key: Uint8Array;
}

const partsLength = (parts: readonly Uint8Array[]): number => parts.reduce((n, p) => n + p.length, 0);

/** encryptOnionLayer over the concatenation of `plaintext` (the same bytes and the same draws of `random`). */
function encryptOnionLayerParts(encType: OnionEncType, nodeX25519: Uint8Array, plaintext: readonly Uint8Array[], random: RandomSource): LayerParts {
  // One draw per layer: ephemeral secret (32) then nonce.
  const r = random(32 + hopNonceBytes(encType));
  const { ephemeralPublic, key } = deriveClientHopKey(encType, r.subarray(0, 32), nodeX25519);
  const parts =
    encType === 'aes-gcm'
      ? aesGcmEncryptParts(key, r.subarray(32), plaintext)
      : [hopEncrypt(encType, key, r.subarray(32), plaintext.length === 1 ? (plaintext[0] as Uint8Array) : concatBytes(...plaintext))];
  return { parts, ephemeralPublic, key };
}

/** The frame LE32(len blob) || blob || JSON as pieces (encodeOnionFrame's bytes, without copying `blob`). */
function onionFrameParts(blob: readonly Uint8Array[], json: Record<string, unknown>): Uint8Array[] {
  return [le32(partsLength(blob)), ...blob, utf8ToBytes(JSON.stringify(json))];
}

function routing(encType: OnionEncType, json: Record<string, unknown>): Record<string, unknown> {
  return encType === 'xchacha20' ? { ...json, enc_type: encType } : json;
}

function checkPath(path: readonly OnionNode[]): void {
  if (path.length !== ONION_PATH_LENGTH) throw new ProtocolError('invalid_argument', `An onion path has ${ONION_PATH_LENGTH} nodes.`);
  for (const n of [...path]) {
    if (!/^[0-9a-f]{64}$/.test(n.ed25519) || n.x25519.length !== 32) {
      throw new ProtocolError('invalid_argument', 'Onion node keys are malformed.');
    }
  }
}

/** Wraps the innermost (blob, routing JSON) for the last path node in the remaining path layers. */
function wrapPath(
  path: readonly OnionNode[],
  innerBlob: Uint8Array[],
  innerJson: Record<string, unknown>,
  encType: OnionEncType,
  random: RandomSource,
): Uint8Array {
  let blob = innerBlob;
  let json = innerJson;
  for (let i = path.length - 1; i >= 0; i--) {
    const hop = path[i] as OnionNode;
    const layer = encryptOnionLayerParts(encType, hop.x25519, onionFrameParts(blob, json), random);
    blob = layer.parts;
    json = routing(encType, { destination: hop.ed25519, ephemeral_key: bytesToHex(layer.ephemeralPublic) });
  }
  // The outermost frame only tells the guard the ephemeral key (and cipher): the one copy into the payload.
  const outer: Record<string, unknown> = { ephemeral_key: json.ephemeral_key };
  if (encType === 'xchacha20') outer.enc_type = encType;
  return concatBytes(...onionFrameParts(blob, outer));
}

/** Builds a 3-hop onion request carrying the JSON-RPC `body` to the service node `destination`. */
export function buildSnodeOnionRequest(a: {
  path: readonly OnionNode[];
  destination: OnionNode;
  body: Uint8Array;
  encType?: OnionEncType;
  random: RandomSource;
}): BuiltOnionRequest {
  checkPath(a.path);
  const encType = a.encType ?? 'aes-gcm';
  if (a.path.some((n) => n.ed25519 === a.destination.ed25519)) {
    throw new ProtocolError('invalid_argument', 'The destination must not be on the path.');
  }
  // Same metadata as desktop; the node only looks for the `headers` key ("final destination").
  const finalFrame = encodeOnionFrame(a.body, { body: null, headers: { 'Content-Type': 'application/json' } });
  const dest = encryptOnionLayer(encType, a.destination.x25519, finalFrame, a.random);
  const payload = wrapPath(
    a.path,
    [dest.ciphertext],
    routing(encType, { destination: a.destination.ed25519, ephemeral_key: bytesToHex(dest.ephemeralPublic) }),
    encType,
    a.random,
  );
  return { payload, guard: a.path[0] as OnionNode, key: dest.key, encType };
}

/** An HTTP request for a server behind onion v4. */
export interface V4Request {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path plus query, starting with "/" (never the fragment). */
  endpoint: string;
  headers?: Record<string, string>;
  body?: Uint8Array;
}

/** Encodes a v4 request: `l <len>:<json> [<len>:<body>] e`. */
export function encodeV4Request(r: V4Request): Uint8Array {
  return concatBytes(...v4RequestParts(r));
}

/** encodeV4Request's bytes as pieces, the body not copied. */
function v4RequestParts(r: V4Request): Uint8Array[] {
  if (!r.endpoint.startsWith('/') || r.endpoint.includes('#')) {
    throw new ProtocolError('invalid_argument', 'A v4 endpoint starts with "/" and has no fragment.');
  }
  const meta = utf8ToBytes(JSON.stringify({ endpoint: r.endpoint, headers: r.headers ?? {}, method: r.method }));
  const parts: Uint8Array[] = [utf8ToBytes(`l${meta.length}:`), meta];
  if (r.body && r.body.length > 0) parts.push(utf8ToBytes(`${r.body.length}:`), r.body);
  parts.push(utf8ToBytes('e'));
  return parts;
}

/** A server reachable through onion v4. */
export interface OnionServer {
  host: string;
  x25519: Uint8Array;
  protocol: 'http' | 'https';
  /** Defaults to 80 (http) / 443 (https). */
  port?: number;
}

/** The last hop's instruction for a server (without the ephemeral key). */
function serverRouting(server: OnionServer): Record<string, unknown> {
  const json: Record<string, unknown> = { host: server.host, target: ONION_V4_TARGET, method: 'POST' };
  if (server.protocol === 'http') {
    json.protocol = 'http';
    json.port = server.port ?? 80;
  } else if (server.port !== undefined && server.port !== 443) {
    json.protocol = 'https';
    json.port = server.port;
  }
  return json;
}

/** Body pieces are fed to the layer ciphers in slices this size: each slice goes through all four layers while in cache. */
const STREAM_SLICE_BYTES = 128 * 1024;

/**
 * buildServerOnionRequest for aes-gcm layers, streamed: every layer's plaintext (LE32 length, the inner
 * layer's nonce || ciphertext || tag, its routing JSON) has a length known up front, and GCM is a stream
 * mode, so each 64 KB slice of the body goes through the server's layer and the three hop layers at once
 * and lands in the one payload buffer. A 10 MB upload then costs four GCM passes over cached slices and
 * no 10 MB intermediate buffer per layer (each was a fresh allocation, page faults and GC included). Same
 * bytes and the same draws of `random` (server layer first, then the hops from the last to the guard).
 */
function streamGcmServerRequest(path: readonly OnionNode[], server: OnionServer, body: readonly Uint8Array[], random: RandomSource): BuiltOnionRequest {
  const TAG = 16;
  const NONCE = hopNonceBytes('aes-gcm');
  // Keys and nonces in the order the layered build draws them: the server's, then path[2], path[1], path[0].
  const targets = [server.x25519, ...[...path].reverse().map((n) => n.x25519)];
  const layers = targets.map((x) => {
    const r = random(32 + NONCE);
    const { ephemeralPublic, key } = deriveClientHopKey('aes-gcm', r.subarray(0, 32), x);
    return { ephemeralPublic, key, nonce: r.slice(32) };
  });
  // The JSON each layer's blob is framed with: the server layer's for the last hop, each hop layer's for the
  // hop before it, the guard layer's (the ephemeral key only) for the outer frame.
  const jsons = layers.map((layer, k) => {
    const eph = bytesToHex(layer.ephemeralPublic);
    if (k === 0) return utf8ToBytes(JSON.stringify({ ...serverRouting(server), ephemeral_key: eph }));
    if (k === layers.length - 1) return utf8ToBytes(JSON.stringify({ ephemeral_key: eph }));
    return utf8ToBytes(JSON.stringify({ destination: (path[layers.length - 1 - k] as OnionNode).ed25519, ephemeral_key: eph }));
  });
  // blobLength[k] = nonce + plaintext + tag of layer k; layer k+1's plaintext frames it.
  const blobLength: number[] = [];
  let plainLength = partsLength(body);
  for (let k = 0; k < layers.length; k++) {
    blobLength.push(NONCE + plainLength + TAG);
    plainLength = 4 + (blobLength[k] as number) + (jsons[k] as Uint8Array).length;
  }
  const payload = allocFilledLater(plainLength);
  let offset = 0;
  const sink = (b: Uint8Array): void => {
    payload.set(b, offset);
    offset += b.length;
  };
  const ciphers = layers.map((l) => aesGcmEncryptStream(l.key, l.nonce));
  // feed[k] encrypts with layer k and hands the output to the next layer (the payload after the guard's).
  const feed: ((b: Uint8Array) => void)[] = [];
  for (let k = layers.length - 1; k >= 0; k--) {
    const next = k === layers.length - 1 ? sink : (feed[k + 1] as (b: Uint8Array) => void);
    const cipher = ciphers[k] as AesGcmStream;
    feed[k] = (b) => {
      const out = cipher.update(b);
      if (out.length > 0) next(out);
    };
  }
  const into = (k: number): ((b: Uint8Array) => void) => (k === layers.length ? sink : (feed[k] as (b: Uint8Array) => void));
  // Openings, outermost first: each layer's frame starts with LE32(length of the blob inside) and its nonce.
  for (let k = layers.length - 1; k >= 0; k--) {
    const to = into(k + 1);
    to(le32(blobLength[k] as number));
    to((layers[k] as { nonce: Uint8Array }).nonce);
  }
  const first = feed[0] as (b: Uint8Array) => void;
  for (const piece of body) {
    for (let i = 0; i < piece.length; i += STREAM_SLICE_BYTES) first(piece.subarray(i, Math.min(piece.length, i + STREAM_SLICE_BYTES)));
  }
  // Closings, innermost first: the layer's tag, then the JSON that follows its blob in the next frame.
  for (let k = 0; k < layers.length; k++) {
    const to = into(k + 1);
    to((ciphers[k] as AesGcmStream).finish());
    to(jsons[k] as Uint8Array);
  }
  if (offset !== payload.length) throw new ProtocolError('invalid_argument', 'Onion payload length mismatch.');
  return { payload, guard: path[0] as OnionNode, key: (layers[0] as { key: Uint8Array }).key, encType: 'aes-gcm' };
}

/** Builds a 3-hop onion request carrying a v4 request to a non-snode server. */
export function buildServerOnionRequest(a: {
  path: readonly OnionNode[];
  server: OnionServer;
  request: V4Request;
  encType?: OnionEncType;
  random: RandomSource;
}): BuiltOnionRequest {
  checkPath(a.path);
  const encType = a.encType ?? 'aes-gcm';
  if (a.server.x25519.length !== 32 || a.server.host === '') throw new ProtocolError('invalid_argument', 'Server key or host missing.');
  if (encType === 'aes-gcm') return streamGcmServerRequest(a.path, a.server, v4RequestParts(a.request), a.random);
  const inner = encryptOnionLayerParts(encType, a.server.x25519, v4RequestParts(a.request), a.random);
  const json = serverRouting(a.server);
  json.ephemeral_key = bytesToHex(inner.ephemeralPublic);
  const payload = wrapPath(a.path, inner.parts, routing(encType, json), encType, a.random);
  return { payload, guard: a.path[0] as OnionNode, key: inner.key, encType };
}

/** A service node's decrypted reply: destination status and body (a string or JSON value). */
export interface SnodeOnionResponse {
  status: number;
  body: unknown;
}

/**
 * Decodes a service node's onion reply (HTTP 200 body): base64 of the encrypted
 * `{"status","body"}` JSON, or a legacy plain JSON with `result`. Never throws.
 */
export function decodeSnodeOnionResponse(httpBody: Uint8Array | string, key: Uint8Array, encType: OnionEncType = 'aes-gcm'): Result<SnodeOnionResponse> {
  return attempt(() => {
    const fail = (detail: string): never => {
      throw new ProtocolError('onion_response_invalid', 'Could not read the reply from the network.', detail);
    };
    const text = typeof httpBody === 'string' ? httpBody : bytesToUtf8(httpBody);
    if (text.length === 0) fail('empty body');
    const trimmed = text.trim();
    if (trimmed.startsWith('{')) {
      try {
        const legacy = JSON.parse(trimmed) as unknown;
        if (legacy !== null && typeof legacy === 'object' && 'result' in legacy) {
          return { status: 200, body: (legacy as { result: unknown }).result };
        }
      } catch {
        // not JSON: fall through to base64
      }
    }
    let plain: Uint8Array;
    try {
      plain = hopDecrypt(encType, key, base64ToBytes(trimmed, { allowUnpadded: true }));
    } catch (e) {
      if (e instanceof ProtocolError) fail(`ciphertext decode error (${e.kind})`);
      throw e;
    }
    let json: unknown;
    try {
      json = JSON.parse(bytesToUtf8(plain));
    } catch {
      fail('decrypted reply is not JSON');
    }
    if (json === null || typeof json !== 'object' || Array.isArray(json)) return fail('decrypted reply is not an object');
    const o = json as Record<string, unknown>;
    const status = o.status_code ?? o.status;
    if (typeof status !== 'number' || !Number.isInteger(status)) return fail('reply has no status');
    return { status, body: o.body };
  });
}

/** A server's decoded v4 reply. */
export interface V4Response {
  code: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** Decodes a v4 reply (raw bytes): decrypt, then `l <len>:<meta json> <len>:<body> e`. Never throws. */
export function decodeV4Response(httpBody: Uint8Array, key: Uint8Array, encType: OnionEncType = 'aes-gcm'): Result<V4Response> {
  return attempt(() => {
    const fail = (detail: string): never => {
      throw new ProtocolError('onion_response_invalid', 'Could not read the reply from the server.', detail);
    };
    let plain: Uint8Array;
    try {
      plain = hopDecrypt(encType, key, httpBody);
    } catch (e) {
      if (e instanceof ProtocolError) return fail('ciphertext decode error');
      throw e;
    }
    return parseV4ResponsePlaintext(plain);
  });
}

/**
 * The byte strings of a bencoded list `l<len>:<bytes>…e` as views into `plain` (a file download is ~10 MB:
 * no copy), or null when it is anything else (other value types, bad lengths, leading zeros, trailing bytes).
 */
function v4ByteStrings(plain: Uint8Array): Uint8Array[] | null {
  const items: Uint8Array[] = [];
  let pos = 1;
  const end = plain.length - 1;
  while (pos < end) {
    const start = pos;
    let n = 0;
    for (let c = plain[pos] as number; c >= 0x30 && c <= 0x39; c = plain[pos] as number) {
      n = n * 10 + (c - 0x30);
      pos++;
      if (pos - start > 15) return null;
    }
    if (pos === start || plain[pos] !== 0x3a || (plain[start] === 0x30 && pos - start > 1)) return null;
    pos++;
    if (n > end - pos) return null;
    items.push(plain.subarray(pos, pos + n));
    pos += n;
  }
  return pos === end ? items : null;
}

/** Parses a decrypted v4 reply `l <len>:<meta> [<len>:<body>] e`; throws ProtocolError. */
export function parseV4ResponsePlaintext(plain: Uint8Array): V4Response {
  const fail = (detail: string): never => {
    throw new ProtocolError('onion_response_invalid', 'Could not read the reply from the server.', detail);
  };
  if (plain[0] !== 0x6c || plain[plain.length - 1] !== 0x65) fail('not a v4 list');
  const items = v4ByteStrings(plain);
  if (!items) return fail('v4 items are not strings');
  if (items.length < 1 || items.length > 2) return fail('wrong v4 list size');
  const [metaBytes, body] = items as [Uint8Array, Uint8Array | undefined];
  let meta: unknown;
  try {
    meta = JSON.parse(bytesToUtf8(metaBytes));
  } catch {
    fail('v4 metadata is not JSON');
  }
  if (meta === null || typeof meta !== 'object') return fail('v4 metadata is not an object');
  const m = meta as { code?: unknown; headers?: unknown };
  if (typeof m.code !== 'number' || !Number.isInteger(m.code)) return fail('v4 metadata has no code');
  const headers: Record<string, string> = {};
  if (m.headers !== undefined && m.headers !== null) {
    if (typeof m.headers !== 'object' || Array.isArray(m.headers)) return fail('v4 headers malformed');
    for (const [k, v] of Object.entries(m.headers as Record<string, unknown>)) {
      if (typeof v === 'string') headers[k.toLowerCase()] = v;
    }
  }
  return { code: m.code, headers, body: body ?? new Uint8Array(0) };
}
