// X-SOGS-* request signing (advanced.md A.3) against desktop's OpenGroupAuthentication vectors (sogs_auth_headers).
import {
  loadProtocol,
  blake2b,
  ed25519KeyPairFromSeed,
  ed25519Verify,
  base64ToBytes,
  sogsAuthHeaders,
  sogsPathToSign,
  sogsSignedMessage,
  utf8ToBytes,
} from '../../../../ts/protocol';
import { hex, loadJson, toHex } from '../helpers';

type Rec = Record<string, unknown>;
const av = loadJson<{ vectors: Rec[] }>('vectors/advanced-vectors.json');
const v = av.vectors.find((x) => x.name === 'sogs_auth_headers') as { inputs: Record<string, string | number>; outputs: Record<string, string> };

beforeAll(loadProtocol);

function input(blinded: boolean, withBody: boolean) {
  return {
    serverPubkey: hex(v.inputs.server_pubkey as string),
    ed25519SecretKey: ed25519KeyPairFromSeed(hex(v.inputs.ed25519_seed as string)).secretKey,
    nonce: hex(v.inputs.nonce_hex as string),
    timestampSeconds: v.inputs.timestamp as number,
    method: v.inputs.method as string,
    path: v.inputs.path as string,
    ...(withBody ? { body: utf8ToBytes(v.inputs.body_utf8 as string) } : {}),
    blinded,
  };
}

test('sogs_auth_headers: the signed bytes', () => {
  expect(toHex(sogsSignedMessage(input(true, false)))).toBe(v.inputs.to_sign_no_body_hex);
  expect(toHex(blake2b(utf8ToBytes(v.inputs.body_utf8 as string), 64))).toBe(v.inputs.body_blake2b512_hex);
  expect(toHex(sogsSignedMessage(input(true, true)))).toBe(`${v.inputs.to_sign_no_body_hex as string}${v.inputs.body_blake2b512_hex as string}`);
  // An empty body is no body.
  expect(toHex(sogsSignedMessage({ ...input(true, false), body: new Uint8Array(0) }))).toBe(v.inputs.to_sign_no_body_hex);
});

test.each([
  ['blinded, no body', true, false, 'blinded_pubkey', 'blinded_sig_no_body'],
  ['blinded, body', true, true, 'blinded_pubkey', 'blinded_sig_with_body'],
  ['unblinded, no body', false, false, 'unblinded_pubkey', 'unblinded_sig_no_body'],
  ['unblinded, body', false, true, 'unblinded_pubkey', 'unblinded_sig_with_body'],
])('sogs_auth_headers: %s', (_n, blinded, withBody, pkKey, sigKey) => {
  const h = sogsAuthHeaders(input(blinded, withBody));
  expect(h).toEqual({
    'X-SOGS-Pubkey': v.outputs[pkKey],
    'X-SOGS-Nonce': v.inputs.nonce_b64,
    'X-SOGS-Timestamp': String(v.inputs.timestamp),
    'X-SOGS-Signature': v.outputs[sigKey],
  });
  // The server's check: Ed25519 verify against the key after the prefix.
  const sig = base64ToBytes(h['X-SOGS-Signature']);
  const msg = sogsSignedMessage(input(blinded, withBody));
  expect(ed25519Verify(sig, msg, hex(h['X-SOGS-Pubkey'].slice(2)))).toBe(true);
  expect(ed25519Verify(sig, sogsSignedMessage({ ...input(blinded, withBody), timestampSeconds: 1642472104 }), hex(h['X-SOGS-Pubkey'].slice(2)))).toBe(false);
});

test('/reaction paths are signed %-decoded (desktop endpointRequiresDecoding), other paths as sent', () => {
  expect(sogsPathToSign('/room/lobby/reaction/12/%F0%9F%8E%82')).toBe('/room/lobby/reaction/12/🎂');
  expect(sogsPathToSign('/room/lobby/reactions/12/%F0%9F%8E%82')).toBe('/room/lobby/reactions/12/🎂');
  // desktop's rule is "contains /reaction": /reactors paths are signed as sent (we send emoji raw there anyway).
  expect(sogsPathToSign('/room/lobby/reactors/12/%F0%9F%8E%82?limit=3')).toBe('/room/lobby/reactors/12/%F0%9F%8E%82?limit=3');
  expect(sogsPathToSign('/room/lobby/reaction/12/🎂')).toBe('/room/lobby/reaction/12/🎂');
  expect(sogsPathToSign('/room/a%20b/messages/recent')).toBe('/room/a%20b/messages/recent');
  const raw = sogsSignedMessage({ ...input(true, false), path: '/room/lobby/reaction/12/🎂' });
  expect(toHex(sogsSignedMessage({ ...input(true, false), path: '/room/lobby/reaction/12/%F0%9F%8E%82' }))).toBe(toHex(raw));
  expect(() => sogsPathToSign('/room/lobby/reaction/12/%E0%A4%A')).toThrow(/%-escape/);
});

test('bad inputs are refused', () => {
  expect(() => sogsAuthHeaders({ ...input(true, false), nonce: new Uint8Array(15) })).toThrow(/16 bytes/);
  expect(() => sogsAuthHeaders({ ...input(true, false), path: 'room' })).toThrow(/starts with/);
  expect(() => sogsAuthHeaders({ ...input(true, false), timestampSeconds: 1.5 })).toThrow(/timestamp/);
});
