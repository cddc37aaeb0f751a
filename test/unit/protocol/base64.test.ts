// Strict base64 decoding: canonical input takes the native fast path, everything else is judged by the
// RFC 4648 patterns as before (url-safe letters, whitespace and inner padding are refused).
import { base64ToBytes, ProtocolError } from '../../../ts/protocol';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('base64ToBytes', () => {
  it('decodes padded base64', () => {
    expect(base64ToBytes('')).toEqual(bytes());
    expect(base64ToBytes('QQ==')).toEqual(bytes(0x41));
    expect(base64ToBytes('QUI=')).toEqual(bytes(0x41, 0x42));
    expect(base64ToBytes('QUJD')).toEqual(bytes(0x41, 0x42, 0x43));
    expect(base64ToBytes('+/8=')).toEqual(bytes(0xfb, 0xff));
  });

  it('decodes unpadded base64 only when allowed', () => {
    expect(base64ToBytes('QQ', { allowUnpadded: true })).toEqual(bytes(0x41));
    expect(base64ToBytes('QUI', { allowUnpadded: true })).toEqual(bytes(0x41, 0x42));
    expect(base64ToBytes('QUI=', { allowUnpadded: true })).toEqual(bytes(0x41, 0x42));
    expect(() => base64ToBytes('QQ')).toThrow(ProtocolError);
    expect(() => base64ToBytes('QUJDR', { allowUnpadded: true })).toThrow(ProtocolError);
  });

  it('keeps accepting non-canonical trailing bits, as the patterns do', () => {
    expect(base64ToBytes('QR==')).toEqual(bytes(0x41));
  });

  it('refuses what is not standard base64', () => {
    for (const bad of ['-_8=', 'QU JD', 'QQ==QUJD', 'Q===', '=', 'QUJD\n', 'QUJ*']) {
      expect(() => base64ToBytes(bad)).toThrow(ProtocolError);
      expect(() => base64ToBytes(bad, { allowUnpadded: true })).toThrow(ProtocolError);
    }
  });

  it('returns its own bytes, not a view of a shared pool', () => {
    const out = base64ToBytes('QUJD');
    expect(out.byteOffset).toBe(0);
    expect(out.buffer.byteLength).toBe(3);
  });

  it('round-trips a large payload', () => {
    const big = new Uint8Array(3 * 100_000).map((_, i) => (i * 31) & 0xff);
    const text = Buffer.from(big).toString('base64');
    expect(Buffer.from(base64ToBytes(text)).equals(Buffer.from(big))).toBe(true);
  });
});
