// Strict hex/base64 decoding: the accepted forms, and inputs of many megabytes (a page of a large retrieve
// arrives as one base64 onion reply of ~5 million characters) decode instead of overflowing the stack.
import { base64ToBytes, bytesToBase64, bytesToBase64Unpadded, decodeSnodeOnionResponse, hexToBytes, hopEncrypt, loadProtocol, utf8ToBytes } from '../../../ts/protocol';

beforeAll(async () => {
  await loadProtocol();
});

/** Byte equality without jest's element-by-element diff, which takes minutes on megabytes. */
const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

const rejects = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    return (e as { kind?: string }).kind;
  }
};

describe('base64ToBytes', () => {
  test.each(['', 'QQ==', 'QUI=', 'QUJD', 'QUJDRA==', 'ab+/', 'QR=='])('accepts padded %j', (s) => {
    expect(bytesToBase64(base64ToBytes(s))).toBe(Buffer.from(s, 'base64').toString('base64'));
  });
  test.each(['QQ', 'QUI', 'QUJDRA', 'A', 'A===', '====', '=', 'QQ=', 'Q===', 'QQ==QQ==', 'QU I=', 'QUJ-', 'QUJ_', 'QUJé', 'QQ==\n'])('refuses %j when padding is required', (s) => {
    expect(rejects(() => base64ToBytes(s))).toBe('invalid_base64');
  });
  test.each(['QQ', 'QUI', 'QUJDRA', 'QQ==', 'QUJD'])('accepts %j when unpadded is allowed', (s) => {
    expect(base64ToBytes(s, { allowUnpadded: true })).toEqual(new Uint8Array(Buffer.from(s, 'base64')));
  });
  test.each(['A', 'QUJDR', 'QQ=', 'QUI==', 'A===', 'QU=I'])('refuses %j even unpadded', (s) => {
    expect(rejects(() => base64ToBytes(s, { allowUnpadded: true }))).toBe('invalid_base64');
  });
  test('refuses what is not a string', () => {
    expect(rejects(() => base64ToBytes(42 as unknown as string))).toBe('invalid_base64');
  });
  test('decodes 12 MB of base64 (past the point where a backtracking pattern overflows the stack)', () => {
    const bytes = new Uint8Array(9_000_001).map((_, i) => (i * 7919) & 0xff);
    expect(same(base64ToBytes(bytesToBase64(bytes)), bytes)).toBe(true);
    expect(same(base64ToBytes(bytesToBase64Unpadded(bytes), { allowUnpadded: true }), bytes)).toBe(true);
    const bad = `${bytesToBase64(bytes).slice(0, -8)}*AAAAAAA`;
    expect(rejects(() => base64ToBytes(bad))).toBe('invalid_base64');
  });
});

describe('hexToBytes', () => {
  test('accepts even-length hex of either case and refuses the rest', () => {
    expect(hexToBytes('')).toEqual(new Uint8Array(0));
    expect(hexToBytes('00fFaB')).toEqual(new Uint8Array([0, 255, 171]));
    for (const s of ['0', 'abc', '0g', ' 00', '00 ', 'zz']) expect(rejects(() => hexToBytes(s))).toBe('invalid_hex');
  });
  test('decodes 20 million hex digits', () => {
    const bytes = new Uint8Array(10_000_000).map((_, i) => i & 0xff);
    expect(same(hexToBytes(Buffer.from(bytes).toString('hex')), bytes)).toBe(true);
  });
});

test('a 6 MB onion reply (a full retrieve page) decodes', () => {
  const key = new Uint8Array(32).fill(3);
  const body = JSON.stringify({ messages: Array.from({ length: 7_000 }, (_, i) => ({ hash: `h${i}`, data: 'x'.repeat(800) })), more: true });
  const reply = hopEncrypt('xchacha20', key, new Uint8Array(24).fill(1), utf8ToBytes(JSON.stringify({ status: 200, body })));
  const text = bytesToBase64(reply);
  expect(text.length).toBeGreaterThan(7_000_000);
  const r = decodeSnodeOnionResponse(text, key, 'xchacha20');
  if (!r.ok) throw r.error;
  expect(r.value.status).toBe(200);
  expect(r.value.body).toBe(body);
});
