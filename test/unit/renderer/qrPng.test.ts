// The QR code PNG "Save" writes, decoded with Node's own zlib: a valid PNG (signature, chunk CRCs,
// header) whose pixels are exactly the code's modules, scaled, with a white quiet zone.
import zlib from 'node:zlib';
import QRCode from 'qrcode';
import { qrPng } from '../../../ts/renderer/components/settings/qrPng';

const ACCOUNT_ID = '05' + 'a1'.repeat(32);

interface Decoded {
  width: number;
  height: number;
  header: Buffer;
  pixels: boolean[][]; // true = dark
  chunkTypes: string[];
}

function decode(png: Uint8Array): Decoded {
  const buf = Buffer.from(png);
  expect([...buf.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let at = 8;
  const idat: Buffer[] = [];
  const chunkTypes: string[] = [];
  let header = Buffer.alloc(0);
  while (at < buf.length) {
    const len = buf.readUInt32BE(at);
    const type = buf.subarray(at + 4, at + 8).toString('latin1');
    const data = buf.subarray(at + 8, at + 8 + len);
    expect(buf.readUInt32BE(at + 8 + len)).toBe(zlib.crc32(buf.subarray(at + 4, at + 8 + len)));
    chunkTypes.push(type);
    if (type === 'IHDR') header = data;
    if (type === 'IDAT') idat.push(data);
    at += 12 + len;
  }
  expect(at).toBe(buf.length);
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const rowBytes = Math.ceil(width / 8);
  expect(raw.length).toBe(height * (rowBytes + 1));
  const pixels: boolean[][] = [];
  for (let y = 0; y < height; y++) {
    expect(raw[y * (rowBytes + 1)]).toBe(0);
    const row: boolean[] = [];
    for (let x = 0; x < width; x++) row.push(((raw[y * (rowBytes + 1) + 1 + (x >> 3)]! >> (7 - (x & 7))) & 1) === 0);
    pixels.push(row);
  }
  return { width, height, header, pixels, chunkTypes };
}

function expectModules(d: Decoded, text: string, scale: number, margin: number) {
  const modules = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const n = modules.size;
  expect(d.width).toBe((n + 2 * margin) * scale);
  expect(d.height).toBe(d.width);
  let mismatches = 0;
  for (let y = 0; y < d.height; y++) {
    for (let x = 0; x < d.width; x++) {
      const my = Math.floor(y / scale) - margin;
      const mx = Math.floor(x / scale) - margin;
      const dark = my >= 0 && my < n && mx >= 0 && mx < n && Boolean(modules.get(my, mx));
      if (d.pixels[y]![x] !== dark) mismatches++;
    }
  }
  expect(mismatches).toBe(0);
}

describe('qrPng', () => {
  it('encodes an Account ID as a 1-bit greyscale PNG whose pixels are the modules', () => {
    const d = decode(qrPng(ACCOUNT_ID));
    expect(d.chunkTypes).toEqual(['IHDR', 'IDAT', 'IEND']);
    // bit depth 1, colour type 0 (greyscale), compression 0, filter 0, no interlace
    expect([...d.header.subarray(8)]).toEqual([1, 0, 0, 0, 0]);
    expectModules(d, ACCOUNT_ID, 10, 4);
    // The quiet zone is white and the finder pattern's corner is dark.
    expect(d.pixels[0]![0]).toBe(false);
    expect(d.pixels[40]![40]).toBe(true);
  });

  it('splits large images over several stored blocks and keeps other scales and margins exact', () => {
    const words = 'ability able about above absent absorb abstract absurd abuse access accident account accuse';
    const big = qrPng(words, { scale: 20, margin: 2 });
    // More than one 64 KiB stored block was needed.
    expect(big.length).toBeGreaterThan(0xffff);
    expectModules(decode(big), words, 20, 2);
    expectModules(decode(qrPng('x', { scale: 1, margin: 0 })), 'x', 1, 0);
  });

  it('gives the same bytes for the same text', () => {
    expect(Buffer.from(qrPng(ACCOUNT_ID)).equals(Buffer.from(qrPng(ACCOUNT_ID)))).toBe(true);
  });
});
