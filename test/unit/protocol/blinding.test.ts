// Community-blinded IDs (15/25) against the upstream libsession, pysogs and desktop vectors.
import {
  loadProtocol,
  blind15Factor,
  blind15IdFromEd25519,
  blind15IdsFromSessionId,
  blind25IdFromSessionId,
  ed25519KeyPairFromSeed,
  sessionIdFromEd25519,
  x25519ToPositiveEd25519,
} from '../../../ts/protocol';
import { hex, loadJson, toHex } from './helpers';

type Rec = Record<string, unknown>;
const mv = loadJson<{ blinded_ids_community_only: Rec[] }>('vectors/messaging-vectors.json');
const av = loadJson<{ vectors: Rec[] }>('vectors/advanced-vectors.json');
const byName = (n: string) => av.vectors.find((v) => v.name === n) as { inputs: Rec; outputs: Rec };

beforeAll(loadProtocol);

test.each(mv.blinded_ids_community_only.map((v) => [v.session_id as string, v]))('messaging blinded_ids_community_only %s', (_id, v) => {
  const server = hex(v.server_pk_hex as string);
  expect(blind15IdsFromSessionId(v.session_id as string, server)[0]).toBe(v.blinded15_id);
  expect(blind25IdFromSessionId(v.session_id as string, server)).toBe(v.blinded25_id);
});

test('advanced blind15_libsession_ids (both candidates, actual key of seed2)', () => {
  const v = byName('blind15_libsession_ids');
  const server = hex(v.inputs.server_pubkey as string);
  const ids2 = blind15IdsFromSessionId(v.inputs.session_id2 as string, server);
  expect(blind15IdsFromSessionId(v.inputs.session_id1 as string, server)[0]).toBe(v.outputs['blind15_id(session_id1)[0]']);
  expect(ids2[0]).toBe(v.outputs['blind15_id(session_id2)[0]']);
  expect(ids2[1]).toBe(v.outputs['blind15_id(session_id2)[1] (actual key of seed2)']);
  // From the seed, the real (signed) key gives the actual id directly.
  const kp2 = ed25519KeyPairFromSeed(hex(v.inputs.seed2 as string));
  expect(toHex(kp2.publicKey)).toBe(v.inputs.ed25519_pk2);
  expect(blind15IdFromEd25519(kp2.publicKey, server)).toBe(v.outputs['blind15_id(session_id2)[1] (actual key of seed2)']);
});

test('advanced blind25_libsession_ids', () => {
  for (const c of byName('blind25_libsession_ids').outputs.cases as Rec[]) {
    expect(blind25IdFromSessionId(c.session_id as string, hex(c.server_pubkey as string))).toBe(c.blinded25_id);
  }
});

test('advanced blind15_pysogs_ids (from seeds)', () => {
  const v = byName('blind15_pysogs_ids');
  const server = hex(v.inputs.server_pubkey as string);
  expect(toHex(blind15Factor(server))).toBe(v.inputs.k_blinding_factor);
  for (const c of v.outputs.cases as Rec[]) {
    const kp = ed25519KeyPairFromSeed(hex(c.ed25519_seed as string));
    expect(sessionIdFromEd25519(kp.publicKey)).toBe(c.session_id);
    expect(blind15IdFromEd25519(kp.publicKey, server)).toBe(c.blinded15_id);
    expect(blind15IdsFromSessionId(c.session_id as string, server)).toContain(c.blinded15_id);
  }
});

test('advanced blind15_match_desktop', () => {
  const v = byName('blind15_match_desktop');
  const ids = blind15IdsFromSessionId(v.inputs.session_id as string, hex(v.inputs.server_pubkey as string));
  expect(ids).toEqual(v.outputs.candidates);
  expect(ids).toContain(v.outputs.expected_match);
});

test('X25519 -> |A| round trip', () => {
  const kp = ed25519KeyPairFromSeed(new Uint8Array(32).fill(4));
  const x = hex(sessionIdFromEd25519(kp.publicKey).slice(2));
  const abs = kp.publicKey.slice();
  abs[31] = (abs[31] as number) & 0x7f;
  expect(toHex(x25519ToPositiveEd25519(x))).toBe(toHex(abs));
});
