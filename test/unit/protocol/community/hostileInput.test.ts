// Hostile input to the community decoders (seeded): room rows, blinded DMs, share URLs and poll replies may
// only give a value or their documented error, never another exception.
import {
  loadProtocol,
  blind15Id,
  buildRoomPost,
  decryptBlindedDm,
  decryptBlindedDmOutbox,
  ed25519KeyPairFromSeed,
  encryptBlindedDm,
  openRoomMessage,
  parseCommunityUrl,
  ProtocolError,
  verifyRoomMessageSignature,
} from '../../../../ts/protocol';
import { parsePollBatch, SogsError, type SogsSubResponse } from '../../../../ts/network/sogs';
import { fuzzInputs, fuzzStrings, prng } from '../helpers';

const N = 400;
const server = new Uint8Array(32).fill(7);

beforeAll(loadProtocol);

test('room rows and blinded DMs', () => {
  const a = ed25519KeyPairFromSeed(new Uint8Array(32).fill(1)).secretKey;
  const b = ed25519KeyPairFromSeed(new Uint8Array(32).fill(2)).secretKey;
  const random = (n: number) => new Uint8Array(n).fill(3);
  const post = buildRoomPost({ ed25519SecretKey: a, serverPubkey: server, blinded: true, random }, { dataMessage: { body: 'x', timestamp: 1 } }, 1_700_000_000_000);
  const sender = blind15Id(a, server);
  const dm = encryptBlindedDm({ ed25519SecretKey: a, serverPubkey: server, recipientBlindedId: blind15Id(b, server), plaintext: post.data, nonce: new Uint8Array(24) });
  const datas = fuzzInputs(61, N, [post.data]);
  const sigs = fuzzInputs(62, N, [post.signature], 80);
  for (let i = 0; i < N; i++) {
    const r = openRoomMessage({ senderId: sender, data: datas[i]!, signature: i % 2 ? sigs[i]! : post.signature, postedMs: 1_700_000_000_000 });
    if (!r.ok) expect(r.error).toBeInstanceOf(ProtocolError);
    expect(typeof verifyRoomMessageSignature(`05${'ab'.repeat(32)}`, datas[i]!, sigs[i]!)).toBe('boolean');
  }
  expect(openRoomMessage({ senderId: sender, ...post, postedMs: 1_700_000_000_000 }).ok).toBe(true);
  for (const c of fuzzInputs(63, N, [dm])) {
    const r1 = decryptBlindedDm({ ed25519SecretKey: b, serverPubkey: server, senderBlindedId: sender, ciphertext: c });
    const r2 = decryptBlindedDmOutbox({ ed25519SecretKey: a, serverPubkey: server, recipientBlindedId: blind15Id(b, server), ciphertext: c });
    for (const r of [r1, r2]) if (!r.ok) expect(r.error).toBeInstanceOf(ProtocolError);
  }
});

test('share URLs', () => {
  const samples = [
    `http://127.0.0.1:40123/lobby?public_key=${'ab'.repeat(32)}`,
    'https://example.com/r/someroom?public_key=yrtwk3hjixg66yjdeiuauk6p7hy1gtm8tgih55abrpnsxnpm3zzo',
    'example.org/x?public_key=ASNFZ4mrze8BI0VniavN7wEjRWeJq83vASNFZ4mrze8%3D',
  ];
  let ok = 0;
  for (const s of fuzzStrings(64, N, samples, 'abcAZ09:/?=&%#.-_ \u00e9\u{1F600}+')) {
    const r = parseCommunityUrl(s);
    if (r.ok) ok++;
    else {
      expect(r.error).toBeInstanceOf(ProtocolError);
      expect(r.error.kind).toBe('invalid_argument');
    }
  }
  expect(ok).toBeGreaterThan(0);
});

test('poll replies', () => {
  const rnd = prng(65);
  const values: unknown[] = [null, 1, 'x', [], {}, { id: 'x' }, { id: 1, seqno: 2, data: '!!' }, { token: 1 }, { capabilities: [1, 'a'] }, [{ id: 1 }], { reactions: { a: 1 } }];
  const pick = () => values[Math.floor(rnd() * values.length)];
  for (let i = 0; i < N; i++) {
    const results: SogsSubResponse[] = Array.from({ length: Math.floor(rnd() * 7) }, () => ({ code: [200, 304, 404, 500][Math.floor(rnd() * 4)]!, headers: {}, body: pick() }));
    const r = parsePollBatch({ rooms: [{ token: 'lobby' }, { token: 'b', sinceSeqno: 3 }], inbox: {}, outbox: {} }, results);
    expect(r.rooms).toHaveLength(2);
    for (const e of r.errors) expect(e).toBeInstanceOf(SogsError);
  }
});
