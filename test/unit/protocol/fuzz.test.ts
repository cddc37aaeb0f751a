// Seeded fuzzing of every decoder: 10,000 random and mutated inputs each; a decoder may only
// return a valid value or a typed ProtocolError (never throw, never hang).
import {
  loadProtocol,
  ProtocolError,
  bdecode,
  bytesToBase64,
  bytesToUtf8,
  decode1o1Message,
  decodeContent,
  decodeEnvelope,
  decodeOnionFrame,
  decodeRecoveryPassword,
  decodeSnodeOnionResponse,
  decodeV4Response,
  decodeWebSocketMessage,
  encode1o1Message,
  encodeOnionFrame,
  encodeV4Request,
  hopEncrypt,
  identityFromRecoverySeed,
  parseBatchResponse,
  parseDeleteResponse,
  parseExpireResponse,
  parseGetExpiriesResponse,
  parseGetServiceNodesResponse,
  parseGetSwarmResponse,
  parseOnsResolveResponse,
  parseRetrieveResponse,
  parseSessionId,
  parseStoreResponse,
  decryptAttachment,
  decryptDeterministicAttachment,
  decryptAvatar,
  utf8ToBytes,
  type Identity,
  type Result,
} from '../../../ts/protocol';
import { fuzzInputs, fuzzStrings, hex, prng } from './helpers';

const N = 10_000;
// Each test takes well under a second of CPU; the margin only covers a heavily shared machine.
jest.setTimeout(30_000);

beforeAll(loadProtocol);

/** Runs `fn` over inputs; every outcome must be a Result whose error is a ProtocolError. */
function check<I, T>(inputs: I[], fn: (i: I) => Result<T>, valid?: (v: T) => boolean): { ok: number; err: number } {
  let ok = 0;
  let err = 0;
  for (const input of inputs) {
    const r = fn(input);
    if (r.ok) {
      ok++;
      if (valid && !valid(r.value)) throw new Error(`invalid value accepted for input ${JSON.stringify(input)}`);
    } else {
      if (!(r.error instanceof ProtocolError)) throw new Error('non-typed error');
      err++;
    }
  }
  return { ok, err };
}

const HEXCHARS = '0123456789abcdefABCDEF \tgx05';

test('Session ID parser', () => {
  const key = 'd2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72';
  const inputs = fuzzStrings(1, N, ['05' + key, '03' + key, '15' + key, '25' + key, '00' + key], HEXCHARS, 80);
  const s = check(inputs, (i) => parseSessionId(i), (v) => /^(05|03|15|25|00)[0-9a-f]{64}$/.test(v.hex) && v.key.length === 32);
  expect(s.ok + s.err).toBe(N);
  expect(s.ok).toBeGreaterThan(0);
});

test('recovery password decoder', () => {
  const good = 'amaze buffet cake entrance symptoms tiger lamb maze nestle python dusted faxed faxed';
  const alphabet = 'abcdefghijklmnopqrstuvwxyz   \tZ';
  const inputs = fuzzStrings(2, N, [good, good.toUpperCase(), 'abbey '.repeat(13).trim()], alphabet, 120);
  const s = check(inputs, (i) => decodeRecoveryPassword(i), (v) => v.length === 16);
  expect(s.ok + s.err).toBe(N);
});

describe('protobuf and message decoders', () => {
  let alice: Identity;
  let bob: Identity;
  let samples: { ws: Uint8Array[]; env: Uint8Array[]; content: Uint8Array[] };
  beforeAll(() => {
    alice = identityFromRecoverySeed(hex('0123456789abcdef0123456789abcdef'));
    bob = identityFromRecoverySeed(hex('00112233445566778899aabbccddeeff'));
    const ws: Uint8Array[] = [];
    const env: Uint8Array[] = [];
    const content: Uint8Array[] = [];
    const contents = [
      { dataMessage: { body: 'hello', quote: { id: 1, author: alice.sessionId }, preview: [{ url: 'https://x' }] } },
      { receiptMessage: { type: 1, timestamp: [1, 2, 3] } },
      { typingMessage: { timestamp: 1754971101000, action: 0 } },
      { dataMessage: { attachments: [{ deprecatedId: 0, key: new Uint8Array(64), size: 5, url: 'http://f/file/1' }] } },
    ];
    contents.forEach((c, i) => {
      const out = encode1o1Message({ sender: alice, recipient: bob.sessionId, content: c, timestampMs: 1754971101000 + i, random: (n) => new Uint8Array(n).fill(i + 1) });
      ws.push(out.wrapper);
      env.push(out.envelope);
      content.push(out.contentBytes);
    });
    samples = { ws, env, content };
  });

  test('Content', () => {
    const s = check(fuzzInputs(3, N, samples.content, 200), (i) => decodeContent(i));
    expect(s.ok + s.err).toBe(N);
  });
  test('Envelope', () => {
    const s = check(fuzzInputs(4, N, samples.env, 400), (i) => decodeEnvelope(i));
    expect(s.err).toBeGreaterThan(0);
  });
  test('WebSocketMessage', () => {
    const s = check(fuzzInputs(5, N, samples.ws, 400), (i) => decodeWebSocketMessage(i));
    expect(s.ok + s.err).toBe(N);
  });
  test('full 1:1 decode (wrapper, envelope, decryption, content) from bytes and base64', () => {
    const inputs = fuzzInputs(6, N, samples.ws, 400);
    const s = check(inputs, (i) => decode1o1Message(bob, i), (v) => v.senderSessionId === alice.sessionId);
    expect(s.ok + s.err).toBe(N);
    const b64 = fuzzStrings(7, 2000, samples.ws.map(bytesToBase64), 'ABCxyz019+/=', 200);
    check(b64, (i) => decode1o1Message(bob, i));
  });
});

describe('onion decoders', () => {
  const key = new Uint8Array(32).fill(3);
  test('frames', () => {
    const samples = [
      encodeOnionFrame(new Uint8Array(40).fill(1), { ephemeral_key: 'ab'.repeat(32), enc_type: 'xchacha20' }),
      encodeOnionFrame(new Uint8Array(0), { destination: 'cd'.repeat(32) }),
      hex('0000000061'),
    ];
    const s = check(fuzzInputs(8, N, samples, 200), (i) => decodeOnionFrame(i), (v) => typeof v.json === 'object' && v.blob instanceof Uint8Array);
    expect(s.ok).toBeGreaterThan(0);
  });
  test('snode responses (base64 text and legacy JSON)', () => {
    const plain = utf8ToBytes(JSON.stringify({ status: 200, body: '{"results":[]}' }));
    const enc = hopEncrypt('aes-gcm', key, new Uint8Array(12), plain);
    const samples = [utf8ToBytes(bytesToBase64(enc)), utf8ToBytes('{"result":{"a":1}}'), utf8ToBytes(bytesToBase64(hopEncrypt('aes-gcm', key, new Uint8Array(12), utf8ToBytes('[1]'))))];
    const inputs = fuzzInputs(9, N, samples, 120);
    const s = check(inputs, (i) => decodeSnodeOnionResponse(i, key), (v) => Number.isInteger(v.status));
    expect(s.ok).toBeGreaterThan(0);
    check(inputs.slice(0, 2000), (i) => decodeSnodeOnionResponse(i, key, 'xchacha20'));
  });
  test('v4 responses (encrypted bencoded)', () => {
    const meta = '{"code":200,"headers":{"content-type":"application/json"}}';
    const plain = utf8ToBytes(`l${meta.length}:${meta}2:{}e`);
    const samples = [hopEncrypt('aes-gcm', key, new Uint8Array(12), plain), hopEncrypt('aes-gcm', key, new Uint8Array(12), utf8ToBytes('l3:abce'))];
    const s = check(fuzzInputs(10, N, samples, 200), (i) => decodeV4Response(i, key), (v) => Number.isInteger(v.code));
    expect(s.ok + s.err).toBe(N);
  });
  test('bencoding (v4 requests and general values)', () => {
    const samples = [
      encodeV4Request({ method: 'POST', endpoint: '/file', body: new Uint8Array(10) }),
      utf8ToBytes('d3:fooli-42ei7e3:abce3:bar0:e'),
      utf8ToBytes('l52:{"endpoint":"/file/abc","headers":{},"method":"GET"}e'),
    ];
    const s = check(fuzzInputs(11, N, samples, 120), (i) => bdecode(i));
    expect(s.ok).toBeGreaterThan(0);
  });
});

describe('RPC response parsers', () => {
  const H = 'iCs3aAbPotVlBLCGQu2fn426dT9KM3oUfdrNDhOo+L4';
  const member = { ip: '1.2.3.4', port: '22021', port_https: 22021, pubkey_ed25519: 'ab'.repeat(32), pubkey_x25519: 'cd'.repeat(32) };
  const samples = [
    { results: [{ code: 200, body: { hash: H, t: 1700000000000 } }, { code: 421, body: 'x' }] },
    { messages: [{ hash: H, timestamp: 1700000000000, expiration: 1700000001000, data: 'aGk=' }], more: false, t: 1 },
    { snodes: [member, { ...member, ip: '0.0.0.0' }], swarm: 'ff' },
    { result: { service_node_states: [{ public_ip: '1.1.1.1', storage_port: 1, pubkey_ed25519: 'ab'.repeat(32), pubkey_x25519: 'cd'.repeat(32) }] } },
    { expiries: { [H]: 1 } },
    { result: { encrypted_value: 'abcd', nonce: '00'.repeat(24) } },
    { swarm: { ['ab'.repeat(32)]: { deleted: [H], signature: 'AA==', expiry: 5, updated: [H] } } },
  ].map((o) => JSON.stringify(o));
  const parsers: [string, (b: unknown) => Result<unknown>][] = [
    ['batch', parseBatchResponse],
    ['store', parseStoreResponse],
    ['retrieve', parseRetrieveResponse],
    ['get_swarm', parseGetSwarmResponse],
    ['get_service_nodes', parseGetServiceNodesResponse],
    ['get_expiries', parseGetExpiriesResponse],
    ['ons_resolve', parseOnsResolveResponse],
    ['delete', (b) => parseDeleteResponse(b, '05' + '11'.repeat(32), [H])],
    ['expire', (b) => parseExpireResponse(b, '05' + '11'.repeat(32), [H])],
  ];
  const texts = fuzzStrings(12, N, samples, '{}[]":,0123456789abcdefnulltrue-+/=ABC ', 200);
  // Random JSON values too (not only text), built from the same seed.
  const rnd = prng(13);
  const randomValue = (depth: number): unknown => {
    const k = Math.floor(rnd() * (depth > 3 ? 4 : 7));
    if (k === 0) return Math.floor(rnd() * 2e12) - 1e6;
    if (k === 1) return rnd() < 0.5 ? H : 'ab'.repeat(Math.floor(rnd() * 40));
    if (k === 2) return rnd() < 0.5;
    if (k === 3) return null;
    if (k === 4) return Array.from({ length: Math.floor(rnd() * 3) }, () => randomValue(depth + 1));
    const keys = ['results', 'code', 'body', 'hash', 't', 'messages', 'data', 'timestamp', 'expiration', 'snodes', 'ip', 'port_https', 'swarm', 'deleted', 'signature', 'result', 'expiries', 'updated', 'expiry'];
    const o: Record<string, unknown> = {};
    for (let i = 0; i < 1 + Math.floor(rnd() * 4); i++) o[keys[Math.floor(rnd() * keys.length)] as string] = randomValue(depth + 1);
    return o;
  };
  const values = Array.from({ length: 2000 }, () => randomValue(0));
  test.each(parsers)('%s', (_name, parse) => {
    const s = check(texts, parse);
    expect(s.ok + s.err).toBe(N);
    check(values, parse);
  });
});

test('attachment and avatar decryptors', () => {
  const key64 = new Uint8Array(64).fill(1);
  const inputs = fuzzInputs(14, N, [], 200);
  check(inputs, (i) => decryptAttachment({ blob: i, key: key64, digest: i.subarray(0, 32), size: 10 }));
  check(inputs.slice(0, 3000), (i) => decryptAvatar(i, new Uint8Array(32)));
  check(inputs.slice(0, 3000), (i) => decryptDeterministicAttachment(new Uint8Array([0x53, ...i]), new Uint8Array(32)));
  expect(bytesToUtf8(utf8ToBytes('ok'))).toBe('ok');
});
