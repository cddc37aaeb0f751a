// Upstream config vectors (advanced-vectors.json, from libsession's tests/test_configdata.cpp) and
// the oracle's config pushes and dumps (oracle-vectors.json `config`, produced by libsession).
import { loadProtocol } from '../../../../ts/protocol/primitives/sodium';
import { blake2b } from '../../../../ts/protocol/primitives/hash';
import { ed25519KeyPairFromSeed, ed25519Sign, ed25519Verify } from '../../../../ts/protocol/primitives/curve';
import { ConfigMessage, parseConfigMessage } from '../../../../ts/protocol/config/configMessage';
import { mergeConfigMessages } from '../../../../ts/protocol/config/merge';
import { btDecodeDict, btEncode } from '../../../../ts/protocol/config/bt';
import { ConfigSet, binaryFromBytes } from '../../../../ts/protocol/config/data';
import { hex, loadJson, toHex } from '../helpers';

beforeAll(loadProtocol);

interface Vector {
  name: string;
  inputs: Record<string, string>;
  outputs: Record<string, string>;
}
const advanced = loadJson<{ vectors: Vector[] }>('vectors/advanced-vectors.json').vectors;
const vec = (name: string): Vector => {
  const v = advanced.find((x) => x.name === name);
  if (!v) throw new Error(`missing vector ${name}`);
  return v;
};

/** The seqno-10 message of the upstream test: foo=123, bar={asdf:123, xyz:"abc", "":{42,"a","b"}}. */
function m10(opts: { signer?: (d: Uint8Array) => Uint8Array } = {}): ConfigMessage {
  const m = ConfigMessage.create({ seqno: 10, signer: opts.signer ?? null });
  const d = m.edit();
  d.setInt(['foo'], 123);
  d.setInt(['bar', 'asdf'], 123);
  d.setBinary(['bar', 'xyz'], 'abc');
  d.set(['bar', ''], ConfigSet.of(['a', 'b', 42n]));
  return m;
}

describe('config_empty_message_hash', () => {
  test('the empty seqno-0 message and its hash', () => {
    const v = vec('config_empty_message_hash');
    const empty = ConfigMessage.empty();
    expect(Buffer.from(empty.serialize()).toString('latin1')).toBe(v.inputs.serialized_ascii);
    expect(toHex(empty.hash())).toBe(v.outputs.hash);
    const parsed = parseConfigMessage(Buffer.from(v.inputs.serialized_ascii as string, 'latin1'));
    expect(parsed.ok && toHex(parsed.value.hash())).toBe(v.outputs.hash);
  });
});

describe('config_message_serialization', () => {
  const out = vec('config_message_serialization').outputs;

  test('data and set encodings', () => {
    const set = ConfigSet.of(['foo', 23n, 'Foo', '~', '!', 'foo', -123n]);
    const m = ConfigMessage.create();
    m.edit().set(['s'], set);
    const enc = Buffer.from(btEncode(new Map([['s', set.values()]]))).toString('latin1');
    expect(enc).toBe(`d1:s${out.set_encoding_example}e`);
    const d = ConfigMessage.create();
    const e = d.edit();
    e.setInt(['a'], 23);
    e.setBinary(['B'], 'x');
    e.set(['c'], ConfigSet.of(['2', '1', 4n, -3n]));
    e.setInt(['D', 'x'], 1);
    e.setInt(['D', 'y'], 2);
    e.setBinary(['d', 'e', 'f', 'g'], '');
    const ser = Buffer.from(d.serialize()).toString('latin1');
    expect(ser).toContain(`1:&${out.dict_encoding_example}1:<`);
  });

  test('seqno 10, 11, 12, 13, 14, 15 and their hashes', () => {
    const m = m10();
    expect(toHex(m.serialize())).toBe(out.m_seqno10_hex);
    expect(toHex(m.hash())).toBe(out.hash0);

    const m1 = m.increment();
    expect(m1.seqno).toBe(11);
    expect(m1.diff().size).toBe(0);
    m1.edit().erase(['foo']);
    expect(toHex(m1.serialize())).toBe(out.m1_seqno11_hex);
    expect(toHex(m1.hash())).toBe(out.hash1);

    const m2 = m1.increment();
    const d = m2.edit();
    d.setInt(['foo'], 123);
    d.setInt(['bar', 'xyz'], 42);
    d.setInt(['bar', 'a'], 42);
    d.setAdd(['bar', ''], 'c');
    d.setAdd(['bar', ''], 99);
    d.setRemove(['bar', ''], 'b');
    expect(d.setAdd(['bar', ''], 42)).toBe(false);
    expect(toHex(m2.serialize())).toBe(out.m2_seqno12_hex);
    expect(toHex(m2.hash())).toBe(out.hash2);

    expect(toHex(m2.increment().hash())).toBe(out.hash3_seqno13_empty_change);
    expect(toHex(m2.increment().increment().hash())).toBe(out.hash4_seqno14_empty_change);
    const m5 = m2.increment().increment().increment();
    expect(m5.seqno).toBe(15);
    expect(toHex(m5.serialize())).toBe(out.m5_seqno15_hex);
    expect(toHex(m5.hash())).toBe(out.hash5);
  });

  test('every vector message parses and re-serializes to the same bytes and hash', () => {
    for (const [k, h] of [
      ['m_seqno10_hex', 'hash0'],
      ['m1_seqno11_hex', 'hash1'],
      ['m2_seqno12_hex', 'hash2'],
      ['m5_seqno15_hex', 'hash5'],
    ] as const) {
      const r = parseConfigMessage(hex(out[k] as string));
      if (!r.ok) throw r.error;
      expect(toHex(r.value.serialize())).toBe(out[k]);
      expect(toHex(r.value.hash())).toBe(out[h]);
    }
  });
});

describe('config_message_signature', () => {
  const v = vec('config_message_signature');
  const seed = hex(v.inputs.ed25519_seed as string);
  const keys = (): { secretKey: Uint8Array; publicKey: Uint8Array } => ed25519KeyPairFromSeed(seed);
  const signer = (d: Uint8Array): Uint8Array => ed25519Sign(keys().secretKey, d);
  const verifier = (d: Uint8Array, sig: Uint8Array): boolean => ed25519Verify(sig, d, keys().publicKey);

  test('signs the bytes before "1:~" and appends the signature last', () => {
    expect(toHex(keys().publicKey)).toBe(v.inputs.ed25519_pk);
    expect(toHex(signer(hex(v.inputs.signed_bytes_hex as string)))).toBe(v.outputs.signature);
    const m = m10({ signer });
    expect(toHex(m.serialize())).toBe(v.outputs.signed_message_hex);
    // A dump serializes without signing.
    expect(toHex(m.serialize({ sign: false }))).toBe(vec('config_message_serialization').outputs.m_seqno10_hex);
  });

  test('verification: good, broken, missing; merging skips the broken copy', () => {
    const good = hex(v.outputs.signed_message_hex as string);
    const m = m10({ signer });
    const parsed = parseConfigMessage(good, { verifier, signer });
    if (!parsed.ok) throw parsed.error;
    expect(toHex(parsed.value.signature as Uint8Array)).toBe(v.outputs.signature);
    expect(toHex(parsed.value.hash())).toBe(toHex(m.hash()));
    expect(toHex(parsed.value.serialize())).toBe(v.outputs.signed_message_hex);

    const broken = good.slice();
    expect(broken[broken.length - 2]).toBe(0x07);
    broken[broken.length - 2] = 0x17;
    const bad = parseConfigMessage(broken, { verifier });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.kind).toBe('signature_invalid');

    const none = mergeConfigMessages([broken, broken], { verifier });
    expect(none.ok).toBe(false);
    for (const inputs of [
      [broken, good],
      [good, broken],
    ]) {
      const r = mergeConfigMessages(inputs, { verifier, signer });
      if (!r.ok) throw r.error;
      expect(r.value.merged).toBe(false);
      expect(r.value.message.seqno).toBe(10);
      expect(toHex(r.value.message.hash())).toBe(toHex(m.hash()));
      expect(r.value.errors.filter((e) => e !== null).map((e) => e?.kind)).toEqual(['signature_invalid']);
    }

    const unsigned = hex((v.inputs.signed_bytes_hex as string) + '65');
    const missing = parseConfigMessage(unsigned, { verifier });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.message).toMatch(/missing/);
    // Without a verifier the signature is not kept (libsession re-emits only verified or trusted ones).
    const noVerifier = parseConfigMessage(good);
    expect(noVerifier.ok && noVerifier.value.signature).toBeNull();
    const trusted = parseConfigMessage(good, { trustSignature: true });
    expect(trusted.ok && toHex(trusted.value.serialize())).toBe(v.outputs.signed_message_hex);
    // An unsigned message parsed by a device that can sign is signed when serialized (not echoed).
    const plain = parseConfigMessage(hex(vec('config_message_serialization').outputs.m_seqno10_hex as string), { signer });
    if (!plain.ok) throw plain.error;
    expect(toHex(plain.value.serialize())).toBe(v.outputs.signed_message_hex);
    expect(toHex(plain.value.serialize({ sign: false }))).toBe(vec('config_message_serialization').outputs.m_seqno10_hex);
  });
});

// ---------------------------------------------------------------------------------------------
// Oracle pushes and dumps

type Json = Record<string, unknown>;
const oracle = loadJson<{ config: Record<string, Json> }>('vectors/oracle-vectors.json').config;
const configTypes = ['UserProfile', 'Contacts', 'ConvoInfoVolatile', 'UserGroups'];

/** Every plaintext_bt_hex and *dump_hex string in a config type's entry. */
function collect(o: unknown, path: string, plaintexts: Array<[string, string]>, dumps: Array<[string, string]>): void {
  if (o === null || typeof o !== 'object') return;
  for (const [k, v] of Object.entries(o as Json)) {
    if (k === 'plaintext_bt_hex' && typeof v === 'string') plaintexts.push([`${path}.${k}`, v]);
    else if (/dump.*_hex$/.test(k) && typeof v === 'string') dumps.push([`${path}.${k}`, v]);
    else collect(v, `${path}.${k}`, plaintexts, dumps);
  }
}

describe('oracle config messages', () => {
  test.each(configTypes)('%s: every pushed plaintext and dump re-serializes byte for byte', (type) => {
    const plaintexts: Array<[string, string]> = [];
    const dumps: Array<[string, string]> = [];
    collect(oracle[type], type, plaintexts, dumps);
    expect(plaintexts.length).toBeGreaterThanOrEqual(5);
    expect(dumps.length).toBeGreaterThanOrEqual(3);
    for (const [where, h] of plaintexts) {
      const r = parseConfigMessage(hex(h));
      if (!r.ok) throw new Error(`${where}: ${r.error.detail ?? r.error.message}`);
      expect([where, toHex(r.value.serialize())]).toEqual([where, h]);
    }
    for (const [where, h] of dumps) {
      const d = btDecodeDict(hex(h));
      if (!d.ok) throw new Error(`${where}: ${d.error.detail ?? d.error.message}`);
      expect(toHex(btEncode(d.value))).toBe(h);
      const inner = d.value.get('$');
      expect(typeof inner).toBe('string');
      const r = parseConfigMessage(new Uint8Array(Buffer.from(inner as string, 'latin1')));
      if (!r.ok) throw new Error(`${where} $: ${r.error.detail ?? r.error.message}`);
      expect(binaryFromBytes(r.value.serialize())).toBe(inner);
    }
  });
});

describe('signed configs (group Info/Members): read-only members and signed merges', () => {
  const seed = hex(vec('config_message_signature').inputs.ed25519_seed as string);
  const keys = (): { secretKey: Uint8Array; publicKey: Uint8Array } => ed25519KeyPairFromSeed(seed);
  const signer = (d: Uint8Array): Uint8Array => ed25519Sign(keys().secretKey, d);
  const verifier = (d: Uint8Array, sig: Uint8Array): boolean => ed25519Verify(sig, d, keys().publicKey);

  function conflicting(): Uint8Array[] {
    const base = ConfigMessage.create({ seqno: 1, signer });
    base.edit().setString(['n'], 'group');
    const a = base.increment();
    a.edit().setString(['n'], 'renamed by a');
    const b = base.increment();
    b.edit().setInt(['x'], 1);
    return [a.serialize(), b.serialize()];
  }

  test('a member without the signing key adopts the highest message instead of merging', () => {
    const inputs = conflicting();
    const r = mergeConfigMessages(inputs, { verifier });
    if (!r.ok) throw r.error;
    expect(r.value.merged).toBe(false);
    const hashes = inputs.map((i) => toHex(blake2b(i, 32)));
    const best = hashes[0] as string > (hashes[1] as string) ? 0 : 1;
    expect(r.value.adoptedIndex).toBe(best);
    expect(toHex(r.value.message.serialize())).toBe(toHex(inputs[best] as Uint8Array));
  });

  test('an admin merges and signs; the merged message verifies', () => {
    const r = mergeConfigMessages(conflicting(), { verifier, signer });
    if (!r.ok) throw r.error;
    expect(r.value.merged).toBe(true);
    const bytes = r.value.message.serialize();
    const back = parseConfigMessage(bytes, { verifier });
    if (!back.ok) throw back.error;
    expect(back.value.data.getString(['n'])).toBe('renamed by a');
    expect(back.value.data.getInt(['x'])).toBe(1);
    expect(toHex(back.value.hash())).toBe(toHex(r.value.message.hash()));
    // Unsigned input is refused when a verifier is required.
    const unsigned = ConfigMessage.create({ seqno: 9 }).serialize();
    const mixed = mergeConfigMessages([unsigned, bytes], { verifier, signer });
    expect(mixed.ok && mixed.value.errors[0]?.kind).toBe('signature_invalid');
  });
});
