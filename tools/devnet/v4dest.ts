// A v4 onion destination (spec network.md §6.5, advanced.md A.2), as the devnet's file server and community
// server both are: decrypt the last hop's blob with the server's X25519 key, decode the v4 request, answer it,
// and seal the bencoded reply with the same key.
import { decryptLayer, deriveLayerKey, encryptLayer, fromHex, parseEncType, utf8, type Identity, type RandomBytes } from './crypto';
import { buildBencodedByteList, parseBencodedByteList, parseOnionFrame } from './framing';
import { text, type HopResult } from './onion';

export interface V4Request {
  readonly endpoint: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: Uint8Array | null;
}

/** A destination's answer: the status, its content type and other headers (lower-case names), the body. */
export interface V4Answer {
  readonly code: number;
  readonly contentType: string;
  readonly body: Uint8Array;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Handles the body POSTed to /oxen/v4/lsrpc: a frame that cannot be opened gets a plain HTTP 400; a v4
 * request that does not decode gets an encrypted 400 "Invalid v4 onion request"; anything else is `answer`ed.
 */
export async function handleV4Destination(
  body: Uint8Array,
  identity: Identity,
  random: RandomBytes,
  answer: (req: V4Request) => V4Answer | Promise<V4Answer>,
): Promise<HopResult> {
  const frame = parseOnionFrame(body);
  if (typeof frame === 'string') return text(400, `Invalid onion request: ${frame}`);
  const eph = typeof frame.json['ephemeral_key'] === 'string' ? fromHex(frame.json['ephemeral_key']) : null;
  const encType = parseEncType(frame.json['enc_type']);
  if (!eph || eph.length !== 32 || !encType) return text(400, 'Invalid onion request: bad ephemeral_key or enc_type');
  let key: Uint8Array;
  try {
    key = deriveLayerKey(encType, identity.xKey, identity.x25519Pub, eph);
  } catch {
    return text(400, 'Invalid ciphertext');
  }
  const plaintext = decryptLayer(encType, key, frame.blob);
  if (!plaintext) return text(400, 'Invalid ciphertext');
  const req = parseV4Request(plaintext);
  const res: V4Answer = req ? await answer(req) : { code: 400, contentType: 'text/plain; charset=utf-8', body: utf8('Invalid v4 onion request') };
  const meta = utf8(JSON.stringify({ code: res.code, headers: { 'content-type': res.contentType, ...res.headers } }));
  return { status: 200, body: encryptLayer(encType, key, buildBencodedByteList([meta, res.body]), random), contentType: 'application/octet-stream' };
}

/** Decodes a v4 plaintext request `l<len>:<json meta>[<len>:<body>]e` (spec §6.5); null when malformed. */
export function parseV4Request(data: Uint8Array): V4Request | null {
  const items = parseBencodedByteList(data);
  if (!items || items.length < 1 || items.length > 2) return null;
  let meta: unknown;
  try {
    meta = JSON.parse(Buffer.from(items[0]!).toString('utf8'));
  } catch {
    return null;
  }
  if (typeof meta !== 'object' || meta === null) return null;
  const m = meta as Record<string, unknown>;
  if (typeof m['endpoint'] !== 'string' || !m['endpoint'].startsWith('/') || typeof m['method'] !== 'string') return null;
  const headers: Record<string, string> = {};
  if (typeof m['headers'] === 'object' && m['headers'] !== null) {
    for (const [k, v] of Object.entries(m['headers'] as Record<string, unknown>)) if (typeof v === 'string') headers[k] = v;
  }
  return { endpoint: m['endpoint'], method: m['method'].toUpperCase(), headers, body: items[1] ?? null };
}
