// The whole config byte pipeline (spec advanced B.6 push, B.7 receive). Every oracle push of the four
// user configs is reproduced exactly from its bt plaintext (zstd frames included, compared byte for
// byte) and read back from both its wrapped and its inner form; the group Info/Members pushes of the
// groups oracle likewise. Bad input is refused with one reason per failing step, never thrown.
import {
  MAX_CONFIG_MESSAGE_SIZE,
  MultipartCollector,
  SignalService,
  concatBytes,
  decodeIncomingConfig,
  encodeContent,
  encodeEnvelope,
  encodeOutgoingConfig,
  encodeWebSocketMessage,
  encryptConfig,
  encryptForRecipientDeterministic,
  identityFromEd25519Seed,
  loadProtocol,
  padConfigMessage,
  sodium,
  utf8ToBytes,
  wrapConfig,
  zstdCompress,
  type ConfigRejectReason,
  type IncomingConfig,
  type Identity,
  type Result,
} from '../../../../ts/protocol';
import { hex, loadJson, toHex } from '../helpers';
import { oracleConfig, oraclePushes } from './pipelineVectors';

beforeAll(loadProtocol);

let me: Identity;
let other: Identity;
beforeAll(() => {
  me = identityFromEd25519Seed(hex(oracleConfig('UserProfile').user_ed25519_seed_hex));
  other = identityFromEd25519Seed(hex('00112233445566778899aabbccddeeff00000000000000000000000000000000'));
});

const ascii = (s: string): Uint8Array => utf8ToBytes(s);

/** The plaintext of a decoded message, as hex; fails on anything else. */
function plaintextHex(r: Result<IncomingConfig>): string {
  if (!r.ok) throw r.error;
  if (r.value.kind !== 'message') throw new Error(`expected a message, got ${r.value.kind}`);
  return toHex(r.value.plaintext);
}

function reason(r: Result<IncomingConfig>): string {
  return r.ok ? `accepted as ${r.value.kind}` : r.error.kind;
}

/** A config message (bt dict) holding a `size`-byte string of deterministic random bytes. */
function randomConfig(size: number, seed: number): Uint8Array {
  const blob = sodium().randombytes_buf_deterministic(size, new Uint8Array(32).fill(seed));
  return concatBytes(ascii(`d1:#i4e1:&d1:x${size}:`), blob, ascii('e1:<le1:=dee'));
}

describe('oracle pushes of the four user configs', () => {
  const pushes = oraclePushes().map(([type, step, push, c]) => [type, step, push, c] as const);

  test.each(pushes)('%s %s: outgoing(plaintext) == pushed_wrapped exactly', (_t, _s, push, c) => {
    const out = encodeOutgoingConfig({ namespace: c.namespace, plaintext: hex(push.plaintext_bt_hex), seqno: push.seqno, identity: me });
    expect(out.multipart).toBe(false);
    expect(out.wrapped).toBe(true);
    expect(out.compressed).toBe(push.zstd_compressed);
    expect(out.messages.map(toHex)).toEqual([push.pushed_wrapped_hex]);
  });

  test.each(pushes)('%s %s: incoming(pushed_wrapped) and incoming(inner) == plaintext', (_t, _s, push, c) => {
    const keys = [me.ed25519Seed];
    const wrapped = decodeIncomingConfig({ namespace: c.namespace, data: hex(push.pushed_wrapped_hex), keys, identity: me });
    expect(plaintextHex(wrapped)).toBe(push.plaintext_bt_hex);
    expect(wrapped.ok && wrapped.value.kind === 'message' && [wrapped.value.unwrapped, wrapped.value.compressed]).toEqual([1, push.zstd_compressed]);
    const inner = decodeIncomingConfig({ namespace: c.namespace, data: hex(push.inner_config_ciphertext_hex), keys, identity: me });
    expect(plaintextHex(inner)).toBe(push.plaintext_bt_hex);
    expect(inner.ok && inner.value.unwrapped).toBe(0);
  });

  test('a double-wrapped push (old clients) is unwrapped twice', () => {
    const c = oracleConfig('Contacts');
    const push = c.step1_push as { pushed_wrapped_hex: string; plaintext_bt_hex: string; seqno: number };
    const twice = wrapConfig(me, hex(push.pushed_wrapped_hex), push.seqno, c.namespace);
    const r = decodeIncomingConfig({ namespace: c.namespace, data: twice, keys: [me.ed25519Seed], identity: me });
    expect(plaintextHex(r)).toBe(push.plaintext_bt_hex);
    expect(r.ok && r.value.unwrapped).toBe(2);
  });

  test('every key of the list is tried, in order', () => {
    const c = oracleConfig('UserGroups');
    const push = c.step4_instance1_push as { pushed_wrapped_hex: string; plaintext_bt_hex: string };
    const r = decodeIncomingConfig({ namespace: 5, data: hex(push.pushed_wrapped_hex), keys: [new Uint8Array(32).fill(1), me.ed25519Seed], identity: me });
    expect(plaintextHex(r)).toBe(push.plaintext_bt_hex);
    expect(r.ok && r.value.keyIndex).toBe(1);
  });

  test('compression can be turned off; the receiver reads both', () => {
    const c = oracleConfig('Contacts');
    const push = c.step4_instance1_push as { plaintext_bt_hex: string; seqno: number; zstd_compressed: boolean };
    expect(push.zstd_compressed).toBe(true);
    const out = encodeOutgoingConfig({ namespace: 3, plaintext: hex(push.plaintext_bt_hex), seqno: push.seqno, identity: me, compressionLevel: null });
    expect(out.compressed).toBe(false);
    const r = decodeIncomingConfig({ namespace: 3, data: out.messages[0]!, keys: [me.ed25519Seed], identity: me });
    expect(plaintextHex(r)).toBe(push.plaintext_bt_hex);
  });
});

describe('oracle pushes of group Info and Members (no wrapper, group key)', () => {
  interface GroupPush {
    namespace: number;
    seqno: number;
    data_hex: string;
    encryption_key_hex: string;
    plaintext_bt_hex: string;
    zstd_compressed: boolean;
  }
  const g = loadJson<Record<string, Record<string, unknown>>>('vectors/oracle-groups-vectors.json');
  const pushes: [string, GroupPush][] = [];
  for (const section of ['info', 'members', 'admin_concurrent_merge']) {
    for (const [k, v] of Object.entries(g[section] ?? {})) {
      if (v !== null && typeof v === 'object' && 'data_hex' in v && 'encryption_key_hex' in v) pushes.push([`${section}.${k}`, v as GroupPush]);
    }
  }

  test('the groups oracle has Info and Members pushes, some compressed', () => {
    expect(pushes.length).toBeGreaterThanOrEqual(14);
    expect(pushes.some(([, p]) => p.zstd_compressed)).toBe(true);
  });

  test.each(pushes)('%s: outgoing == data exactly, incoming(data) == plaintext', (_n, p) => {
    const key = hex(p.encryption_key_hex);
    const out = encodeOutgoingConfig({ namespace: p.namespace, plaintext: hex(p.plaintext_bt_hex), seqno: p.seqno, identity: me, key });
    expect(out.wrapped).toBe(false);
    expect(out.compressed).toBe(p.zstd_compressed);
    expect(out.messages.map(toHex)).toEqual([p.data_hex]);
    const r = decodeIncomingConfig({ namespace: p.namespace, data: hex(p.data_hex), keys: [new Uint8Array(32), key], identity: me });
    expect(plaintextHex(r)).toBe(p.plaintext_bt_hex);
  });
});

describe('large configs', () => {
  test('above one message the config is split into parts (not wrapped) that reassemble through the collector', () => {
    const plain = randomConfig(200_000, 3);
    const out = encodeOutgoingConfig({ namespace: 3, plaintext: plain, seqno: 4, identity: me });
    expect(out.multipart).toBe(true);
    expect(out.wrapped).toBe(false);
    expect(out.compressed).toBe(false);
    expect(out.messages).toHaveLength(3);
    expect(out.messages.slice(0, 2).map((m) => m.length)).toEqual([MAX_CONFIG_MESSAGE_SIZE, MAX_CONFIG_MESSAGE_SIZE]);
    const collector = new MultipartCollector();
    const outcomes = [2, 0, 1].map((i) => {
      const r = decodeIncomingConfig({ namespace: 3, data: out.messages[i]!, keys: [me.ed25519Seed], identity: me });
      if (!r.ok) throw r.error;
      if (r.value.kind !== 'part') throw new Error('expected a part');
      return collector.add(r.value.part, `swarm-${i}`, 1_700_000_000_000);
    });
    const last = outcomes[2]!;
    if (!last.ok || last.value.kind !== 'complete') throw new Error('not complete');
    expect(toHex(last.value.plaintext)).toBe(toHex(plain));
    expect(last.value.hashes).toEqual(['swarm-0', 'swarm-1', 'swarm-2']);
  });

  test('a compressible large config is compressed first and split only if still too big', () => {
    const text = ascii(Array.from({ length: 40_000 }, (_, i) => `contact-${i % 977}-${(i * 7919) % 10007};`).join(''));
    const plain = concatBytes(ascii(`d1:#i9e1:&d1:t${text.length}:`), text, ascii('e1:<le1:=dee'));
    const out = encodeOutgoingConfig({ namespace: 3, plaintext: plain, seqno: 9, identity: me });
    expect(out.compressed).toBe(true);
    const parts = out.messages.map((m) => decodeIncomingConfig({ namespace: 3, data: m, keys: [me.ed25519Seed], identity: me }));
    if (out.multipart) {
      const c = new MultipartCollector();
      const results = parts.map((r, i) => (r.ok && r.value.kind === 'part' ? c.add(r.value.part, `h${i}`, 0) : null));
      const last = results[results.length - 1];
      expect(last?.ok && last.value.kind === 'complete' && toHex(last.value.plaintext)).toBe(toHex(plain));
    } else {
      expect(plaintextHex(parts[0]!)).toBe(toHex(plain));
    }
  });

  test('a single message whose wrapper would not fit is stored unwrapped, and read back', () => {
    const plain = randomConfig(75_000, 4);
    const out = encodeOutgoingConfig({ namespace: 2, plaintext: plain, seqno: 1, identity: me });
    expect([out.multipart, out.wrapped, out.messages.length]).toEqual([false, false, 1]);
    expect(out.messages[0]!.length).toBe(MAX_CONFIG_MESSAGE_SIZE);
    expect(plaintextHex(decodeIncomingConfig({ namespace: 2, data: out.messages[0]!, keys: [me.ed25519Seed], identity: me }))).toBe(toHex(plain));
  });

  test('a config beyond 255 parts is refused when pushing', () => {
    const plain = randomConfig(255 * 76_710 + 10, 5);
    expect(() => encodeOutgoingConfig({ namespace: 3, plaintext: plain, seqno: 1, identity: me })).toThrow(expect.objectContaining({ kind: 'config_too_large' }));
  });
});

describe('bad input: each refused with its reason, never thrown', () => {
  const up = (): { wrapped: Uint8Array; inner: Uint8Array; plain: string } => {
    const p = oracleConfig('UserProfile').step1_push as { pushed_wrapped_hex: string; inner_config_ciphertext_hex: string; plaintext_bt_hex: string };
    return { wrapped: hex(p.pushed_wrapped_hex), inner: hex(p.inner_config_ciphertext_hex), plain: p.plaintext_bt_hex };
  };
  const decode = (data: Uint8Array, namespace = 2, keys: Uint8Array[] = [me.ed25519Seed]): Result<IncomingConfig> =>
    decodeIncomingConfig({ namespace, data, keys, identity: me });
  /** Encrypts (and wraps) an arbitrary padded payload under our key, as a push would. */
  const ours = (payload: Uint8Array, namespace = 2): Uint8Array =>
    wrapConfig(me, encryptConfig(me.ed25519Seed, 'UserProfile', padConfigMessage(payload)), 1, namespace);

  // [what, input, expected reason, namespace it is read from]
  const cases: [string, () => Uint8Array, ConfigRejectReason | 'invalid_argument', number][] = [
    ['corrupt: one bit of the inner ciphertext', () => { const d = up().inner; d[50] ^= 4; return d; }, 'config_decrypt_failed', 2],
    ['corrupt: one bit inside the wrapper\'s sealed box', () => { const d = up().wrapped; d[100] ^= 4; return d; }, 'config_wrapper_undecryptable', 2],
    ['truncated: the wrapper cut short', () => up().wrapped.subarray(0, 300), 'config_truncated', 2],
    ['truncated: the inner ciphertext below the encryption overhead', () => up().inner.subarray(0, 30), 'config_too_short', 2],
    ['truncated: empty data', () => new Uint8Array(0), 'config_too_short', 2],
    ['wrongly keyed: our wrapper around a config encrypted with another seed', () => wrapConfig(me, encryptConfig(other.ed25519Seed, 'UserProfile', hex((oracleConfig('UserProfile').step1_push as { decrypted_padded_hex: string }).decrypted_padded_hex)), 1, 2), 'config_wrong_key', 2],
    ['wrongly keyed: another account\'s wrapped push', () => wrapConfig(other, encryptConfig(other.ed25519Seed, 'UserProfile', new Uint8Array(216)), 1, 2), 'config_wrapper_undecryptable', 2],
    ['wrong kind for the namespace: a Contacts push read as UserProfile', () => hex((oracleConfig('Contacts').step1_push as { pushed_wrapped_hex: string }).pushed_wrapped_hex), 'config_wrapper_wrong_kind', 2],
    ['wrong domain: an inner Contacts ciphertext read as UserProfile', () => hex((oracleConfig('Contacts').step1_push as { inner_config_ciphertext_hex: string }).inner_config_ciphertext_hex), 'config_decrypt_failed', 2],
    ['wrong sender: a wrapper sealed to us but signed by another account', () => {
      const content = encodeContent({ sharedConfigMessage: { kind: 1, seqno: 1, data: up().inner } });
      const sealed = encryptForRecipientDeterministic(other.ed25519, me.x25519.publicKey, concatBytes(content, new Uint8Array([0x80])));
      const env = encodeEnvelope({ type: SignalService.Envelope.Type.SESSION_MESSAGE, timestamp: 1, content: sealed });
      return encodeWebSocketMessage({ type: 1, request: { verb: '', path: '', body: env, requestId: 0 } });
    }, 'config_wrapper_wrong_sender', 2],
    ['oversized: more than the swarm stores', () => new Uint8Array(MAX_CONFIG_MESSAGE_SIZE + 1).fill(1), 'config_too_large', 2],
    ['decompression bomb: 17 MiB of zeros in a 600-byte frame', () => ours(concatBytes(ascii('z'), zstdCompress(new Uint8Array(17 * 1024 * 1024)))), 'config_decompressed_too_large', 2],
    ['corrupt zstd frame', () => ours(concatBytes(ascii('z'), new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0x20, 0x05, 1, 2, 3]))), 'config_decompress_failed', 2],
    ['empty payload: only padding', () => ours(new Uint8Array([0])), 'config_empty', 2],
    ['unknown payload type', () => ours(ascii('x1:ae')), 'config_unknown_format', 2],
    ['a list instead of a dict', () => ours(ascii('l1:ae')), 'config_unknown_format', 2],
    ['malformed multipart part', () => ours(ascii('ml3:abce')), 'config_multipart_invalid', 2],
    ['not a config namespace', () => up().wrapped, 'invalid_argument', 0],
  ];

  test.each(cases)('%s', (_what, make, expected, namespace) => {
    let r: Result<IncomingConfig> | undefined;
    expect(() => {
      r = decode(make(), namespace);
    }).not.toThrow();
    expect(reason(r!)).toBe(expected);
  });

  test('corrupt, truncated, wrongly keyed, wrong kind, wrong sender, oversized and bomb have distinct reasons', () => {
    const first = (prefix: string): string => cases.find(([what]) => what.startsWith(prefix))![2];
    const named = ['corrupt', 'truncated', 'wrongly keyed', 'wrong kind', 'wrong sender', 'oversized', 'decompression bomb'].map(first);
    expect(new Set(named).size).toBe(named.length);
  });

  test('a key list without the right key refuses the inner form as undecryptable', () => {
    expect(reason(decode(up().inner, 2, [other.ed25519Seed]))).toBe('config_decrypt_failed');
    expect(reason(decode(up().inner, 2, []))).toBe('invalid_argument');
  });

  test('control: the unmodified inputs are accepted', () => {
    expect(plaintextHex(decode(up().wrapped))).toBe(up().plain);
    expect(plaintextHex(decode(up().inner))).toBe(up().plain);
    expect(plaintextHex(decode(ours(ascii('d1:#i0e1:&de1:<le1:=dee'))))).toBe(toHex(ascii('d1:#i0e1:&de1:<le1:=dee')));
  });
});

describe('outgoing arguments', () => {
  test('invalid arguments are refused', () => {
    const plaintext = ascii('d1:#i0e1:&de1:<le1:=dee');
    expect(() => encodeOutgoingConfig({ namespace: 0, plaintext, seqno: 0, identity: me })).toThrow('no config');
    expect(() => encodeOutgoingConfig({ namespace: 2, plaintext: ascii('le'), seqno: 0, identity: me })).toThrow('bt dict');
    expect(() => encodeOutgoingConfig({ namespace: 2, plaintext, seqno: -1, identity: me })).toThrow('seqno');
    expect(() => encodeOutgoingConfig({ namespace: 13, plaintext, seqno: 1, identity: me, key: new Uint8Array(16) })).toThrow('32 bytes');
  });
});
