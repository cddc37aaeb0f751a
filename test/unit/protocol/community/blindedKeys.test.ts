// Blinded key pairs and signatures (advanced.md A.4, A.5) against the libsession, pysogs and desktop vectors
// (advanced-vectors.json part A) and the libsession oracle run (oracle-vectors.json `blinding`, `blinding_version`).
import {
  loadProtocol,
  blind15Id,
  blind15KeyPair,
  blind15Sign,
  blind25Id,
  blind25KeyPair,
  blind25Sign,
  blindedIdKey,
  ed25519KeyPairFromSeed,
  ed25519Verify,
  sessionIdFromEd25519,
  sessionIdMatchesBlinded15,
  utf8ToBytes,
  versionBlindingKeyPair,
  versionBlindingSign,
} from '../../../../ts/protocol';
import { hex, loadJson, toHex } from '../helpers';

type Rec = Record<string, unknown>;
const av = loadJson<{ vectors: Rec[] }>('vectors/advanced-vectors.json');
const ov = loadJson<{ blinding: Array<{ name: string; inputs: Rec; outputs: Rec }>; blinding_version: Array<{ name: string; inputs: Rec; outputs: Rec }> }>(
  'vectors/oracle-vectors.json',
);
const byName = (n: string) => av.vectors.find((v) => v.name === n) as { inputs: Rec; outputs: Rec };
const sk = (seedHex: string) => ed25519KeyPairFromSeed(hex(seedHex)).secretKey;

beforeAll(loadProtocol);

test('blind15_pysogs_ids: the key pair from each seed gives the published id, and kA = ka·G', () => {
  const v = byName('blind15_pysogs_ids');
  const server = hex(v.inputs.server_pubkey as string);
  for (const c of v.outputs.cases as Rec[]) {
    const kp = blind15KeyPair(sk(c.ed25519_seed as string), server);
    expect(`15${toHex(kp.publicKey)}`).toBe(c.blinded15_id);
    expect(blind15Id(sk(c.ed25519_seed as string), server)).toBe(c.blinded15_id);
    expect(sessionIdMatchesBlinded15(c.session_id as string, c.blinded15_id as string, server)).toBe(true);
  }
});

test('blind15_libsession_ids: from the seeds (seed2 has a negative Ed25519 key)', () => {
  const v = byName('blind15_libsession_ids');
  const server = hex(v.inputs.server_pubkey as string);
  expect(blind15Id(sk(v.inputs.seed1 as string), server)).toBe(v.outputs['blind15_id(session_id1)[0]']);
  expect(blind15Id(sk(v.inputs.seed2 as string), server)).toBe(v.outputs['blind15_id(session_id2)[1] (actual key of seed2)']);
  expect(sessionIdMatchesBlinded15(v.inputs.session_id2 as string, v.outputs['blind15_id(session_id2)[1] (actual key of seed2)'] as string, server)).toBe(true);
});

test('blind15_libsession_signatures: sk64 nonce variant reproduces every signature byte for byte', () => {
  for (const c of byName('blind15_libsession_signatures').outputs.cases as Rec[]) {
    const key = sk(c.ed25519_seed as string);
    const server = hex(c.server_pubkey as string);
    const msg = utf8ToBytes(c.message_utf8 as string);
    const sig = blind15Sign(key, server, msg, 'sk64');
    expect(toHex(sig)).toBe(c.signature);
    expect(toHex(blind15KeyPair(key, server).publicKey)).toBe(c.blinded15_pubkey_used_to_verify);
    expect(ed25519Verify(sig, msg, hex(c.blinded15_pubkey_used_to_verify as string))).toBe(true);
    // The desktop/pysogs nonce gives other bytes that verify against the same key.
    const seedSig = blind15Sign(key, server, msg, 'seed');
    expect(toHex(seedSig)).not.toBe(c.signature);
    expect(ed25519Verify(seedSig, msg, hex(c.blinded15_pubkey_used_to_verify as string))).toBe(true);
    expect(ed25519Verify(seedSig, utf8ToBytes(`${c.message_utf8 as string}!`), hex(c.blinded15_pubkey_used_to_verify as string))).toBe(false);
  }
});

test('blind25_libsession_ids and blind25_libsession_signatures: ids from the seeds, signatures byte for byte', () => {
  const ids = byName('blind25_libsession_ids');
  const seedOf: Record<string, string> = {};
  for (const s of [byName('blind15_libsession_ids').inputs.seed1, byName('blind15_libsession_ids').inputs.seed2] as string[]) {
    seedOf[sessionIdFromEd25519(ed25519KeyPairFromSeed(hex(s)).publicKey)] = s;
  }
  expect(Object.keys(seedOf)).toEqual([ids.inputs.session_id1, ids.inputs.session_id2]);
  for (const c of ids.outputs.cases as Rec[]) {
    expect(blind25Id(sk(seedOf[c.session_id as string] as string), hex(c.server_pubkey as string))).toBe(c.blinded25_id);
  }
  for (const c of byName('blind25_libsession_signatures').outputs.cases as Rec[]) {
    const key = sk(c.ed25519_seed as string);
    const server = hex(c.server_pubkey as string);
    const msg = utf8ToBytes(c.message_utf8 as string);
    expect(blind25Id(key, server)).toBe(c.blinded25_id);
    const sig = blind25Sign(key, server, msg);
    expect(toHex(sig)).toBe(c.signature);
    expect(ed25519Verify(sig, msg, blindedIdKey(c.blinded25_id as string))).toBe(true);
  }
});

test('oracle blinding: 15/25 secret scalars, public keys and signatures of libsession', () => {
  expect(ov.blinding.length).toBeGreaterThanOrEqual(6);
  for (const v of ov.blinding) {
    const key = sk(v.inputs.ed25519_seed_hex as string);
    const server = hex(v.inputs.server_pk_hex as string);
    const msg = utf8ToBytes(v.inputs.sign_message_ascii as string);
    const k15 = blind15KeyPair(key, server);
    expect(toHex(k15.secretScalar)).toBe(v.outputs.blind15_seckey_hex);
    expect(toHex(k15.publicKey)).toBe(v.outputs.blind15_pubkey_hex);
    expect(toHex(blind15Sign(key, server, msg, 'sk64'))).toBe(v.outputs.blind15_signature_hex);
    const k25 = blind25KeyPair(key, server);
    expect(toHex(k25.secretScalar)).toBe(v.outputs.blind25_seckey_hex);
    expect(toHex(k25.publicKey)).toBe(v.outputs.blind25_pubkey_hex);
    expect(toHex(blind25Sign(key, server, msg))).toBe(v.outputs.blind25_signature_hex);
    expect(sessionIdMatchesBlinded15(v.inputs.session_id as string, v.outputs.blinded15_id_from_ed as string, server)).toBe(v.outputs.session_id_matches_blinded15);
  }
});

test('blind_version (advanced and oracle): key pair and signature', () => {
  const v = byName('blind_version');
  const key = sk(v.inputs.ed25519_seed as string);
  const kp = versionBlindingKeyPair(key);
  expect(toHex(kp.secretKey.subarray(0, 32))).toBe(v.outputs.version_seed);
  expect(toHex(kp.publicKey)).toBe(v.outputs.version_pubkey);
  expect(toHex(versionBlindingSign(key, v.inputs.timestamp as number, v.inputs.platform as string))).toBe(v.outputs.signature);
  for (const o of ov.blinding_version) {
    const k = sk(o.inputs.ed25519_seed_hex as string);
    expect(toHex(versionBlindingKeyPair(k).secretKey)).toBe(o.outputs.version_blinded_sk64_hex);
    expect(toHex(versionBlindingSign(k, o.inputs.timestamp as number))).toBe(o.outputs.signature_hex);
  }
});

test('blind15_match_desktop: sessionIdMatchesBlinded15 accepts both candidates and nothing else', () => {
  const v = byName('blind15_match_desktop');
  const server = hex(v.inputs.server_pubkey as string);
  const sid = v.inputs.session_id as string;
  expect(sessionIdMatchesBlinded15(sid, v.outputs.expected_match as string, server)).toBe(true);
  expect(sessionIdMatchesBlinded15(sid, (v.outputs.candidates as string[])[0] as string, server)).toBe(true);
  expect(sessionIdMatchesBlinded15(sid, (v.outputs.expected_match as string).toUpperCase(), server)).toBe(true);
  const other = `${(v.outputs.expected_match as string).slice(0, 64)}15`;
  expect(sessionIdMatchesBlinded15(sid, other, server)).toBe(false);
  const wrongServer = server.slice();
  wrongServer[0] ^= 1;
  expect(sessionIdMatchesBlinded15(sid, v.outputs.expected_match as string, wrongServer)).toBe(false);
  // Malformed input is a plain "no".
  expect(sessionIdMatchesBlinded15('05zz', v.outputs.expected_match as string, server)).toBe(false);
  expect(sessionIdMatchesBlinded15(sid, `25${(v.outputs.expected_match as string).slice(2)}`, server)).toBe(false);
  expect(sessionIdMatchesBlinded15(sid, v.outputs.expected_match as string, server.subarray(1))).toBe(false);
});

test('bad keys are refused with a clear error', () => {
  expect(() => blind15KeyPair(new Uint8Array(32), new Uint8Array(32))).toThrow(/64 bytes/);
  expect(() => blind15KeyPair(sk('00'.repeat(32)), new Uint8Array(31))).toThrow(/32 bytes/);
  expect(() => blindedIdKey(`05${'00'.repeat(32)}`)).toThrow(/Not a blinded id/);
});
