// Onion layers against the libsession KATs (spec network §6.2), plus full 3-hop builds peeled
// the way a service node does it, and v4 request/response encoding.
import {
  loadProtocol,
  bdecode,
  buildServerOnionRequest,
  buildSnodeOnionRequest,
  bytesToBase64,
  bytesToUtf8,
  decodeOnionFrame,
  decodeSnodeOnionResponse,
  decodeV4Response,
  deriveHopKey,
  encodeV4Request,
  hopDecrypt,
  hopEncrypt,
  parseEncType,
  utf8ToBytes,
  x25519PublicFromSecret,
  type OnionEncType,
  type OnionNode,
  type RandomSource,
} from '../../../ts/protocol';
import { hex, loadJson, prng, toHex } from './helpers';

const nv = loadJson<Record<string, Record<string, string | number>>>('protocol/network-spec-vectors.json');
const hop = nv.onion_hop_kat as Record<string, string>;
const frame = nv.onion_frame_kat as Record<string, string | number>;

beforeAll(loadProtocol);

function seededRandom(seed: number): RandomSource {
  const r = prng(seed);
  return (n) => {
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) b[i] = Math.floor(r() * 256);
    return b;
  };
}

describe('hop encryption KAT (libsession test_onionreq)', () => {
  test.each([
    ['aes-gcm', hop.aes_gcm_ciphertext_hex],
    ['xchacha20', hop.xchacha20_ciphertext_hex],
  ] as [OnionEncType, string][])('%s', (encType, ctHex) => {
    const A = hex(hop.client_ephemeral_public_hex as string);
    const a = hex(hop.client_ephemeral_secret_hex as string);
    const B = hex(hop.node_public_hex as string);
    const b = hex(hop.node_secret_hex as string);
    expect(toHex(x25519PublicFromSecret(a))).toBe(toHex(A));
    const serverKey = deriveHopKey(encType, b, A, A, B);
    const clientKey = deriveHopKey(encType, a, B, A, B);
    expect(toHex(clientKey)).toBe(toHex(serverKey));
    expect(bytesToUtf8(hopDecrypt(encType, serverKey, hex(ctHex)))).toBe(hop.plaintext_ascii);
    const tampered = hex(ctHex);
    tampered[tampered.length - 1] ^= 1;
    expect(() => hopDecrypt(encType, serverKey, tampered)).toThrow(expect.objectContaining({ kind: 'decrypt_failed' }));
  });
});

describe('framed KAT', () => {
  test.each([
    ['aes-gcm', frame.aes_gcm_frame_hex, frame.reply_len_aes_gcm],
    ['xchacha20', frame.xchacha20_frame_hex, frame.reply_len_xchacha20],
  ] as [OnionEncType, string, number][])('%s', (encType, frameHex, replyLen) => {
    const f = decodeOnionFrame(hex(frameHex));
    if (!f.ok) throw f.error;
    expect(parseEncType(f.value.json.enc_type)).toBe(encType);
    expect(f.value.json.ephemeral_key).toBe(frame.client_ephemeral_public_hex);
    const b = hex(frame.node_secret_hex as string);
    const A = hex(f.value.json.ephemeral_key as string);
    const B = hex(frame.node_public_hex as string);
    const key = deriveHopKey(encType, b, A, A, B);
    expect(bytesToUtf8(hopDecrypt(encType, key, f.value.blob))).toBe(frame.plaintext_ascii);
    const nonce = new Uint8Array(encType === 'aes-gcm' ? 12 : 24);
    const reply = hopEncrypt(encType, key, nonce, utf8ToBytes(frame.reply_ascii as string));
    expect(reply.length).toBe(replyLen);
    // The client derives the same key from its ephemeral secret.
    const clientKey = deriveHopKey(encType, hex(frame.client_ephemeral_secret_hex as string), B, A, B);
    expect(bytesToUtf8(hopDecrypt(encType, clientKey, reply))).toBe(frame.reply_ascii);
  });
});

describe('v4 request encoding (spec §6.5 examples)', () => {
  test('GET', () => {
    expect(bytesToUtf8(encodeV4Request({ method: 'GET', endpoint: '/file/abc' }))).toBe(nv.v4_request?.get_file_abc);
  });
  test('POST with body', () => {
    const body = utf8ToBytes('xyz');
    const enc = bytesToUtf8(encodeV4Request({ method: 'POST', endpoint: '/file', body }));
    expect(enc).toBe(`${nv.v4_request?.post_file_prefix}3:xyze`);
    const d = bdecode(utf8ToBytes(enc));
    expect(d.ok && Array.isArray(d.value) && d.value.length).toBe(2);
  });
  test('rejects fragments and relative endpoints', () => {
    expect(() => encodeV4Request({ method: 'GET', endpoint: 'file' })).toThrow();
    expect(() => encodeV4Request({ method: 'GET', endpoint: '/file#p=1' })).toThrow();
  });
});

/** A simulated node: secret + public keys and an ed25519 label. */
function makeNode(seed: number): OnionNode & { secret: Uint8Array } {
  const secret = seededRandom(seed)(32);
  const ed = toHex(seededRandom(seed + 1000)(32));
  return { ed25519: ed, x25519: x25519PublicFromSecret(secret), secret };
}

/** Peels one layer the way a service node does (spec §6.6), using only primitives. */
function peel(node: { secret: Uint8Array; x25519: Uint8Array }, data: Uint8Array) {
  const f = decodeOnionFrame(data);
  if (!f.ok) throw f.error;
  const encType = parseEncType(f.value.json.enc_type);
  const A = hex(f.value.json.ephemeral_key as string);
  const key = deriveHopKey(encType, node.secret, A, A, node.x25519);
  const inner = decodeOnionFrame(hopDecrypt(encType, key, f.value.blob));
  if (!inner.ok) throw inner.error;
  return { encType, key, frame: inner.value };
}

describe.each(['aes-gcm', 'xchacha20'] as OnionEncType[])('3-hop build (%s)', (encType) => {
  const [G, R1, R2, D] = [makeNode(1), makeNode(2), makeNode(3), makeNode(4)] as const;

  test('snode request peels to the RPC body and the reply decodes', () => {
    const body = utf8ToBytes('{"method":"info","params":{}}');
    const built = buildSnodeOnionRequest({ path: [G, R1, R2], destination: D, body, encType, random: seededRandom(9) });
    expect(built.guard.ed25519).toBe(G.ed25519);
    const g = peel(G, built.payload);
    expect(g.frame.json.destination).toBe(R1.ed25519);
    // Relay: the next node receives (blob, ephemeral_key) re-framed.
    const r1 = peel(R1, relay(g.frame));
    expect(r1.frame.json.destination).toBe(R2.ed25519);
    const r2 = peel(R2, relay(r1.frame));
    expect(r2.frame.json.destination).toBe(D.ed25519);
    const d = peel(D, relay(r2.frame));
    expect(d.frame.json).toEqual({ body: null, headers: { 'Content-Type': 'application/json' } });
    expect(bytesToUtf8(d.frame.blob)).toBe('{"method":"info","params":{}}');
    expect(toHex(d.key)).toBe(toHex(built.key));
    // Destination reply: {"status","body"} with double-encoded JSON, encrypted, base64.
    const nonce = new Uint8Array(encType === 'aes-gcm' ? 12 : 24).fill(7);
    const reply = hopEncrypt(encType, d.key, nonce, utf8ToBytes(JSON.stringify({ status: 200, body: '{"t":1}' })));
    const r = decodeSnodeOnionResponse(bytesToBase64(reply), built.key, encType);
    expect(r.ok && r.value).toEqual({ status: 200, body: '{"t":1}' });
    const wrongKey = decodeSnodeOnionResponse(bytesToBase64(reply), new Uint8Array(32), encType);
    expect(!wrongKey.ok && wrongKey.error.kind).toBe('onion_response_invalid');
  });

  test('server (v4) request peels to the proxy instruction and the v4 reply decodes', () => {
    const S = makeNode(5);
    const built = buildServerOnionRequest({
      path: [G, R1, R2],
      server: { host: 'filev2.getsession.org', x25519: S.x25519, protocol: 'http' },
      request: { method: 'GET', endpoint: '/file/abc' },
      encType,
      random: seededRandom(11),
    });
    const r2 = peel(R2, relay(peel(R1, relay(peel(G, built.payload).frame)).frame));
    expect(r2.frame.json).toMatchObject({ host: 'filev2.getsession.org', target: '/oxen/v4/lsrpc', method: 'POST', protocol: 'http', port: 80 });
    // The server receives the whole decrypted R2 plaintext frame.
    const sFrame = r2.frame;
    const A = hex(sFrame.json.ephemeral_key as string);
    const key = deriveHopKey(encType, S.secret, A, A, S.x25519);
    expect(bytesToUtf8(hopDecrypt(encType, key, sFrame.blob))).toBe('l52:{"endpoint":"/file/abc","headers":{},"method":"GET"}e');
    const meta = '{"code":200,"headers":{"content-type":"application/octet-stream"}}';
    const plain = utf8ToBytes(`l${meta.length}:${meta}3:abce`);
    const reply = hopEncrypt(encType, key, new Uint8Array(encType === 'aes-gcm' ? 12 : 24), plain);
    const r = decodeV4Response(reply, built.key, encType);
    if (!r.ok) throw r.error;
    expect(r.value.code).toBe(200);
    expect(r.value.headers['content-type']).toBe('application/octet-stream');
    expect(bytesToUtf8(r.value.body)).toBe('abc');
  });

  test('a server request with a large body (built in pieces, layer by layer) peels to the same v4 bytes', () => {
    const S = makeNode(6);
    const body = seededRandom(21)(300_000);
    const request = { method: 'POST' as const, endpoint: '/file', body };
    const built = buildServerOnionRequest({ path: [G, R1, R2], server: { host: 'files.test', x25519: S.x25519, protocol: 'http', port: 8080 }, request, encType, random: seededRandom(12) });
    const sFrame = peel(R2, relay(peel(R1, relay(peel(G, built.payload).frame)).frame)).frame;
    const A = hex(sFrame.json.ephemeral_key as string);
    const plain = hopDecrypt(encType, deriveHopKey(encType, S.secret, A, A, S.x25519), sFrame.blob);
    expect(toHex(plain)).toBe(toHex(encodeV4Request(request)));
  });

  function relay(f: { blob: Uint8Array; json: Record<string, unknown> }): Uint8Array {
    const meta = JSON.stringify({ ephemeral_key: f.json.ephemeral_key, ...(f.json.enc_type ? { enc_type: f.json.enc_type } : {}) });
    const out = new Uint8Array(4 + f.blob.length + meta.length);
    new DataView(out.buffer).setUint32(0, f.blob.length, true);
    out.set(f.blob, 4);
    out.set(utf8ToBytes(meta), 4 + f.blob.length);
    return out;
  }
});

test('legacy snode reply with a plain JSON result', () => {
  const r = decodeSnodeOnionResponse('{"result":{"x":1}}', new Uint8Array(32));
  expect(r.ok && r.value).toEqual({ status: 200, body: { x: 1 } });
});
