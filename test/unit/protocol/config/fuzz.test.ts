// Seeded fuzzing of the config decoders: random bytes, mutations and truncations of valid
// messages and dumps. A decoder may only return a value or a typed ProtocolError (never throw,
// never hang); whatever it accepts must re-serialize canonically; the merge never throws either.
import { loadProtocol } from '../../../../ts/protocol/primitives/sodium';
import { ProtocolError, type Result } from '../../../../ts/protocol/primitives/errors';
import { ed25519KeyPairFromSeed, ed25519Sign, ed25519Verify } from '../../../../ts/protocol/primitives/curve';
import { btDecode, btEncode } from '../../../../ts/protocol/config/bt';
import { parseConfigMessage } from '../../../../ts/protocol/config/configMessage';
import { mergeConfigMessages, mergeIntoConfigState, messageFromDump } from '../../../../ts/protocol/config/merge';
import { ConfigMessage } from '../../../../ts/protocol/config/configMessage';
import { fuzzInputs, hex, loadJson, prng } from '../helpers';

const N = 10_000;
jest.setTimeout(60_000);

beforeAll(loadProtocol);

/** Valid samples: every oracle plaintext and dump, and the upstream vector messages. */
function samples(): { messages: Uint8Array[]; dumps: Uint8Array[] } {
  const messages: Uint8Array[] = [];
  const dumps: Uint8Array[] = [];
  const walk = (o: unknown): void => {
    if (o === null || typeof o !== 'object') return;
    for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
      if (k === 'plaintext_bt_hex' && typeof v === 'string') messages.push(hex(v));
      else if (/dump.*_hex$/.test(k) && typeof v === 'string') dumps.push(hex(v));
      else walk(v);
    }
  };
  walk(loadJson<{ config: unknown }>('vectors/oracle-vectors.json').config);
  const adv = loadJson<{ vectors: Array<{ name: string; outputs: Record<string, string> }> }>('vectors/advanced-vectors.json').vectors;
  const ser = adv.find((v) => v.name === 'config_message_serialization')?.outputs ?? {};
  for (const k of ['m_seqno10_hex', 'm1_seqno11_hex', 'm2_seqno12_hex', 'm5_seqno15_hex']) messages.push(hex(ser[k] as string));
  const sig = adv.find((v) => v.name === 'config_message_signature')?.outputs ?? {};
  messages.push(hex(sig.signed_message_hex as string));
  return { messages, dumps };
}

function check<T>(inputs: Uint8Array[], fn: (i: Uint8Array) => Result<T>, valid?: (v: T, input: Uint8Array) => void): { ok: number; err: number } {
  let ok = 0;
  let err = 0;
  for (const input of inputs) {
    const r = fn(input);
    if (r.ok) {
      ok++;
      valid?.(r.value, input);
    } else {
      if (!(r.error instanceof ProtocolError)) throw new Error('non-typed error');
      err++;
    }
  }
  return { ok, err };
}

const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

test('bt decoder: accepted input re-encodes to the same bytes', () => {
  const { messages, dumps } = samples();
  const s = check(fuzzInputs(101, N, [...messages, ...dumps], 700), btDecode, (v, input) => {
    if (!same(btEncode(v), input)) throw new Error('non-canonical input accepted');
  });
  expect(s.ok + s.err).toBe(N);
  expect(s.ok).toBeGreaterThan(0);
  expect(s.err).toBeGreaterThan(0);
});

test('config message parser: accepted messages re-serialize to the same bytes unless old lagged diffs were dropped', () => {
  const { messages } = samples();
  const s = check(fuzzInputs(102, N, messages, 700), (i) => parseConfigMessage(i), (m, input) => {
    const out = m.serialize();
    if (!same(out, input)) {
      // The only legitimate difference: rows too old for the seqno, or absent "<"/"=" keys.
      const again = parseConfigMessage(out);
      if (!again.ok || !same(again.value.serialize(), out)) throw new Error('re-serialization is not stable');
    }
  });
  expect(s.ok + s.err).toBe(N);
  expect(s.ok).toBeGreaterThan(0);
});

test('config message parser with a verifier (signed configs)', () => {
  const kp = ed25519KeyPairFromSeed(hex('79f530dbf3d81aecc04072933c1b3e3edc0b7d91f2dcc2f7756f2611886cca5f'));
  const verifier = (d: Uint8Array, sig: Uint8Array): boolean => ed25519Verify(sig, d, kp.publicKey);
  const signer = (d: Uint8Array): Uint8Array => ed25519Sign(kp.secretKey, d);
  const signed = ConfigMessage.create({ seqno: 3, signer });
  signed.edit().setString(['n'], 'group');
  const s = check(fuzzInputs(103, 2_000, [signed.serialize()], 300), (i) => parseConfigMessage(i, { verifier }));
  expect(s.ok + s.err).toBe(2_000);
  expect(s.err).toBeGreaterThan(0);
});

test('dump loading', () => {
  const { messages } = samples();
  const inputs = fuzzInputs(104, 3_000, messages, 700);
  const s1 = check(inputs, (i) => messageFromDump(i, 'clean'));
  const s2 = check(inputs, (i) => messageFromDump(i, 'dirty'));
  expect(s1.ok + s1.err + s2.ok + s2.err).toBe(6_000);
});

test('merge of mutated messages never throws and reports each bad input', () => {
  const { messages } = samples();
  const rnd = prng(105);
  const pool = fuzzInputs(106, 3_000, messages, 700);
  const base = ConfigMessage.empty();
  for (let i = 0; i < 500; i++) {
    const k = 1 + Math.floor(rnd() * 4);
    const batch = Array.from({ length: k }, () => pool[Math.floor(rnd() * pool.length)] as Uint8Array);
    const r = mergeConfigMessages(batch, { fromDirty: rnd() < 0.5 });
    if (r.ok) {
      expect(r.value.errors).toHaveLength(k);
      r.value.message.serialize();
    } else {
      expect(r.error).toBeInstanceOf(ProtocolError);
    }
    const st = mergeIntoConfigState(
      { message: base, state: 'clean', currentHash: null },
      batch.map((plaintext, j) => ({ hash: `h${j}`, plaintext })),
    );
    expect(st.acceptedHashes.length + st.rejected.length).toBe(k);
  }
});
