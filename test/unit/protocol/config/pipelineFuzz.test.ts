// Seeded fuzzing of every decoder of the config byte pipeline: random bytes and mutations of real
// pushes (oracle vectors, multipart parts, zstd frames). Each decoder may only return a valid value or
// a typed ProtocolError: never throw, never hang, never accept something malformed.
import {
  MultipartCollector,
  ProtocolError,
  decodeConfigPayload,
  decodeIncomingConfig,
  decodeMultipartPart,
  decryptConfig,
  encodeOutgoingConfig,
  identityFromEd25519Seed,
  loadProtocol,
  readZstdFrameHeader,
  sodium,
  unwrapConfig,
  utf8ToBytes,
  zstdCompress,
  zstdDecompress,
  concatBytes,
  type Identity,
  type Result,
} from '../../../../ts/protocol';
import { fuzzInputs, fuzzStrings, hex } from '../helpers';
import { oracleConfig, oraclePushes } from './pipelineVectors';

const N = 10_000;
// Each test takes a few seconds of CPU at most; the margin only covers a heavily shared machine.
jest.setTimeout(60_000);

beforeAll(loadProtocol);

let me: Identity;
let wrapped: Uint8Array[];
let inner: Uint8Array[];
beforeAll(() => {
  me = identityFromEd25519Seed(hex(oracleConfig('UserProfile').user_ed25519_seed_hex));
  wrapped = oraclePushes().map(([, , p]) => hex(p.pushed_wrapped_hex));
  inner = oraclePushes().map(([, , p]) => hex(p.inner_config_ciphertext_hex));
});

/** Runs `fn` over inputs; every outcome must be a Result whose error is a ProtocolError. */
function check<I, T>(inputs: I[], fn: (i: I) => Result<T>, valid?: (v: T) => boolean): { ok: number; err: number } {
  let ok = 0;
  let err = 0;
  for (const input of inputs) {
    const r = fn(input);
    if (r.ok) {
      ok++;
      if (valid && !valid(r.value)) throw new Error('invalid value accepted');
    } else {
      if (!(r.error instanceof ProtocolError)) throw new Error('non-typed error');
      err++;
    }
  }
  return { ok, err };
}

test('decodeIncomingConfig (wrapped and inner forms, all four namespaces)', () => {
  const inputs = fuzzInputs(101, N, [...wrapped, ...inner], 800);
  const s = check(inputs.map((data, i) => ({ data, ns: 2 + (i % 4) })), ({ data, ns }) => decodeIncomingConfig({ namespace: ns, data, keys: [me.ed25519Seed], identity: me }), (v) =>
    v.kind === 'message' ? v.plaintext[0] === 0x64 : v.part.count >= 2 && v.part.index < v.part.count,
  );
  expect(s.ok + s.err).toBe(N);
  expect(s.err).toBeGreaterThan(N / 2);
});

test('unwrapConfig', () => {
  const s = check(fuzzInputs(102, N, wrapped, 800), (data) => unwrapConfig(me, data, 3));
  expect(s.ok + s.err).toBe(N);
});

test('decryptConfig', () => {
  const s = check(fuzzInputs(103, N, inner, 800), (data) => decryptConfig(me.ed25519Seed, 'Contacts', data));
  expect(s.err).toBeGreaterThan(0);
});

test('zstd frame header and bounded decompression', () => {
  const text = utf8ToBytes('d1:#i1e1:&d1:n5:Alice1:p28:http://example.org/alice.pnge1:<le1:=dee'.repeat(20));
  const frames = [zstdCompress(text), zstdCompress(new Uint8Array(5000)), zstdCompress(sodium().randombytes_buf_deterministic(300, new Uint8Array(32)))];
  const inputs = fuzzInputs(104, N, frames, 400);
  check(inputs, (f) => readZstdFrameHeader(f));
  const s = check(inputs, (f) => zstdDecompress(f, 64 * 1024), (v) => v.length <= 64 * 1024);
  expect(s.ok).toBeGreaterThan(0);
  expect(s.err).toBeGreaterThan(0);
});

test('decodeConfigPayload', () => {
  const dict = utf8ToBytes('d1:#i0e1:&de1:<le1:=dee');
  const z = concatBytes(utf8ToBytes('z'), zstdCompress(utf8ToBytes('d1:#i0e1:&d1:n300:' + 'a'.repeat(300) + 'e1:<le1:=dee')));
  const s = check(fuzzInputs(105, N, [dict, z], 300), (p) => decodeConfigPayload(p, 64 * 1024), (v) => v[0] === 0x64);
  expect(s.ok).toBeGreaterThan(0);
});

describe('multipart', () => {
  let parts: Uint8Array[];
  beforeAll(() => {
    // Real framed parts, shortened so mutations stay cheap: same framing, smaller chunks.
    const blob = sodium().randombytes_buf_deterministic(180_000, new Uint8Array(32).fill(2));
    const plain = concatBytes(utf8ToBytes(`d1:#i1e1:&d1:x${blob.length}:`), blob, utf8ToBytes('e1:<le1:=dee'));
    const out = encodeOutgoingConfig({ namespace: 3, plaintext: plain, seqno: 1, identity: me });
    parts = out.messages.map((m) => {
      const r = decodeIncomingConfig({ namespace: 3, data: m, keys: [me.ed25519Seed], identity: me });
      if (!r.ok || r.value.kind !== 'part') throw new Error('expected a part');
      const { hash, index, count } = r.value.part;
      return concatBytes(utf8ToBytes('ml32:'), hash, utf8ToBytes('1:'), new Uint8Array([index]), utf8ToBytes('1:'), new Uint8Array([count]), utf8ToBytes('20:'), r.value.part.data.subarray(0, 20), utf8ToBytes('e'));
    });
  });

  test('decodeMultipartPart and the collector', () => {
    const c = new MultipartCollector({ maxPendingSets: 3 });
    let t = 0;
    const s = check(fuzzInputs(106, N, parts, 300), (p) => {
      const r = decodeMultipartPart(p);
      if (!r.ok) return r;
      return c.add(r.value, `h${t}`, (t += 1000));
    });
    expect(s.ok).toBeGreaterThan(0);
    expect(s.err).toBeGreaterThan(0);
    expect(c.pendingSets).toBeLessThanOrEqual(3);
  });

  test('MultipartCollector.fromSnapshot on mutated JSON', () => {
    const snap = JSON.stringify({ sets: [{ hash: 'ab'.repeat(32), count: 3, done: false, expiresAtMs: 5000, parts: [{ index: 1, swarmHash: 'x', data: '6162' }] }] });
    const strings = fuzzStrings(107, N, [snap], '{}[]":,0123456789abcdefx-.tnrue ', 200);
    let ok = 0;
    for (const str of strings) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(str);
      } catch {
        continue; // not JSON at all: the caller's parser refuses it before us
      }
      const r = MultipartCollector.fromSnapshot(parsed, 0);
      if (r.ok) ok++;
      else expect(r.error).toBeInstanceOf(ProtocolError);
    }
    expect(ok).toBeGreaterThan(0);
  });
});
