// The community server's request authentication (spec advanced.md A.3) against the DESKTOP header vectors
// (`sogs_auth_headers`, clock set to the vector's timestamp), and its 05 → 15 candidates (A.4.2) against
// `blind15_match_desktop`.
import vectors from '../../fixtures/vectors/advanced-vectors.json';
import { parseArgs } from '../../../tools/devnet/args';
import { cryptoReady } from '../../../tools/devnet/crypto';
import { BLINDING_REQUIRED, verifyRequestAuth } from '../../../tools/devnet/sogs/auth';
import { blindedCandidates } from '../../../tools/devnet/sogs/blinding';

interface Vector {
  name: string;
  inputs: Record<string, string | number>;
  outputs: Record<string, unknown>;
}
const vector = (name: string): Vector => (vectors.vectors as unknown as Vector[]).find((v) => v.name === name)!;

beforeAll(cryptoReady);

describe('X-SOGS-* verification with the sogs_auth_headers vector', () => {
  const v = vector('sogs_auth_headers');
  const serverPubkey = new Uint8Array(Buffer.from(v.inputs['server_pubkey'] as string, 'hex'));
  const ts = v.inputs['timestamp'] as number;
  const path = v.inputs['path'] as string;
  const body = new Uint8Array(Buffer.from(v.inputs['body_utf8'] as string, 'utf8'));
  const headers = (pubkey: string, sig: string, nonce = v.inputs['nonce_b64'] as string): Record<string, string> => ({
    'X-SOGS-Pubkey': pubkey,
    'X-SOGS-Nonce': nonce,
    'X-SOGS-Timestamp': String(ts),
    'X-SOGS-Signature': sig,
  });
  const blinded = v.outputs['blinded_pubkey'] as string;
  const check = (h: Record<string, string>, b: Uint8Array | null, nowSeconds = ts, method = 'GET', signedPath = path) =>
    verifyRequestAuth({ serverPubkey, method, signedPath, headers: h, body: b, nowSeconds });

  it('accepts the blinded signatures without and with a body', () => {
    expect(check(headers(blinded, v.outputs['blinded_sig_no_body'] as string), null)).toMatchObject({ ok: true, user: blinded });
    expect(check(headers(blinded, v.outputs['blinded_sig_with_body'] as string), body)).toMatchObject({ ok: true, user: blinded });
    // The nonce as 32 hex and as unpadded base64 is the same nonce.
    const hexNonce = headers(blinded, v.outputs['blinded_sig_no_body'] as string, v.inputs['nonce_hex'] as string);
    expect(check(hexNonce, null)).toMatchObject({ ok: true, user: blinded });
    expect(check(headers(blinded, v.outputs['blinded_sig_no_body'] as string, 'CdB5nyKVmQGCw6s0Bvv8Ww'), null)).toMatchObject({ ok: true });
  });

  it('refuses a signature over another method, path or body with 401', () => {
    const sig = v.outputs['blinded_sig_no_body'] as string;
    expect(check(headers(blinded, sig), null, ts, 'POST')).toEqual({ ok: false, code: 401, message: 'Invalid authentication: signature verification failed' });
    expect(check(headers(blinded, sig), null, ts, 'GET', `${path}0`)).toMatchObject({ ok: false, code: 401 });
    expect(check(headers(blinded, sig), body)).toMatchObject({ ok: false, code: 401 });
  });

  it('refuses unblinded (00) auth with 400 and the exact text, even when correctly signed', () => {
    const r = check(headers(v.outputs['unblinded_pubkey'] as string, v.outputs['unblinded_sig_no_body'] as string), null);
    expect(r).toEqual({ ok: false, code: 400, message: BLINDING_REQUIRED });
    expect(BLINDING_REQUIRED).toBe('Invalid authentication: this server requires the use of blinded ids');
  });

  it('answers 425 outside ±24 h of server time, and accepts the edges', () => {
    const sig = v.outputs['blinded_sig_no_body'] as string;
    expect(check(headers(blinded, sig), null, ts + 86_400)).toMatchObject({ ok: true });
    expect(check(headers(blinded, sig), null, ts - 86_400)).toMatchObject({ ok: true });
    expect(check(headers(blinded, sig), null, ts + 86_401)).toMatchObject({ ok: false, code: 425 });
    expect(check(headers(blinded, sig), null, ts - 86_401)).toMatchObject({ ok: false, code: 425 });
  });

  it('treats 0 headers as anonymous and 1–3 or malformed ones as 400', () => {
    expect(check({}, null)).toEqual({ ok: true, user: null });
    const full = headers(blinded, v.outputs['blinded_sig_no_body'] as string);
    for (const drop of Object.keys(full)) {
      const partial = { ...full };
      delete partial[drop];
      expect(check(partial, null)).toMatchObject({ ok: false, code: 400 });
    }
    expect(check({ 'X-SOGS-Pubkey': blinded }, null)).toMatchObject({ ok: false, code: 400 });
    expect(check({ ...full, 'X-SOGS-Pubkey': `25${blinded.slice(2)}` }, null)).toMatchObject({ ok: false, code: 400 });
    expect(check({ ...full, 'X-SOGS-Nonce': 'AAAA' }, null)).toMatchObject({ ok: false, code: 400 });
    expect(check({ ...full, 'X-SOGS-Timestamp': '16424721o3' }, null)).toMatchObject({ ok: false, code: 400 });
    expect(check({ ...full, 'X-SOGS-Signature': 'AAAA' }, null)).toMatchObject({ ok: false, code: 400 });
    // Header names are case-insensitive.
    const lower = Object.fromEntries(Object.entries(full).map(([k, val]) => [k.toLowerCase(), val]));
    expect(check(lower, null)).toMatchObject({ ok: true, user: blinded });
  });
});

it('derives both 15 candidates of a 05 id (blind15_match_desktop)', () => {
  const v = vector('blind15_match_desktop');
  const got = blindedCandidates(v.inputs['session_id'] as string, new Uint8Array(Buffer.from(v.inputs['server_pubkey'] as string, 'hex')));
  expect(got).toEqual(v.outputs['candidates']);
  expect(blindedCandidates('05zz', new Uint8Array(32))).toBeNull();
});

it('parses --sogs-room, --sogs-admin and --no-sogs', () => {
  const admin = `05${'ab'.repeat(32)}`;
  const parsed = parseArgs(['--sogs-room', 'lobby:The Lobby', '--sogs-room=dev', '--sogs-admin', admin.toUpperCase()]);
  expect(!parsed.help && parsed.options).toMatchObject({
    sogsRooms: [
      { token: 'lobby', name: 'The Lobby' },
      { token: 'dev', name: 'dev' },
    ],
    sogsAdmins: [admin],
  });
  const none = parseArgs(['--no-sogs']);
  expect(!none.help && none.options.noSogs).toBe(true);
  const plain = parseArgs([]);
  expect(!plain.help && ['sogsRooms', 'sogsAdmins', 'noSogs'].some((k) => k in plain.options)).toBe(false);
  expect(() => parseArgs(['--sogs-room', 'bad token'])).toThrow('--sogs-room needs TOKEN[:NAME]');
  expect(() => parseArgs(['--sogs-room', 'a', '--sogs-room', 'A:x'])).toThrow('given twice');
  expect(() => parseArgs(['--sogs-admin', '05abc'])).toThrow('--sogs-admin needs a 66-hex Session ID');
  expect(() => parseArgs(['--no-sogs', '--sogs-room', 'x'])).toThrow('--no-sogs cannot be combined');
});
