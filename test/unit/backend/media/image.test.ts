// Image processing against real images made by sharp here: sniffing, re-encoding with metadata
// stripped (EXIF GPS written, then read back as gone), orientation, scaling, thumbnails, avatars,
// and the refusals (truncated, non-image, animated, decompression bomb).
import sharp, { type Sharp } from 'sharp';
import zlib from 'node:zlib';
import {
  AVATAR_SIDE,
  ImageError,
  MAX_INPUT_PIXELS,
  MAX_SENT_IMAGE_SIDE,
  THUMBNAIL_SIDE,
  makeThumbnail,
  processAvatar,
  processImageForSending,
  sniffContentType,
} from '../../../../ts/backend/media/image';

const u8 = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const ascii = (s: string): number[] => [...Buffer.from(s, 'latin1')];

/** A photo-like JPEG: a gradient (not a flat colour, so encoders do real work). */
async function photo(width: number, height: number): Promise<Sharp> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[i] = (x * 255) / width;
      raw[i + 1] = (y * 255) / height;
      raw[i + 2] = ((x + y) * 7) & 0xff;
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } });
}

/** Whether a TIFF-structured EXIF block (after its "Exif\\0\\0" header) has a GPS IFD pointer (tag 0x8825) in IFD0. */
function hasGpsIfd(exif: Buffer): boolean {
  const t = exif.subarray(exif.indexOf('Exif\0\0') + 6);
  const le = t.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (le ? t.readUInt16LE(at) : t.readUInt16BE(at));
  const u32 = (at: number) => (le ? t.readUInt32LE(at) : t.readUInt32BE(at));
  const ifd0 = u32(4);
  const count = u16(ifd0);
  for (let i = 0; i < count; i++) if (u16(ifd0 + 2 + i * 12) === 0x8825) return true;
  return false;
}

/** A PNG whose header claims `side` x `side` pixels, with a token IDAT: a decompression bomb's shape. */
function pngClaiming(side: number): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const idat = zlib.deflateSync(Buffer.alloc(1 + side * 3)); // one row; the rest would follow in a real bomb
  return u8(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]));
}

const GPS_EXIF = {
  IFD0: { Make: 'PhoneMaker', Model: 'Phone 12', Copyright: 'Someone' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 2600/100', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 3900/100' },
};

describe('sniffContentType', () => {
  const cases: [string, number[] | Uint8Array, string][] = [
    ['JPEG', [0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'image/jpeg'],
    ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], 'image/png'],
    ['GIF89a', ascii('GIF89a\x01\x00\x01\x00'), 'image/gif'],
    ['GIF87a', ascii('GIF87a\x01\x00\x01\x00'), 'image/gif'],
    ['WebP', ascii('RIFF\x24\x00\x00\x00WEBPVP8 '), 'image/webp'],
    ['WAV', ascii('RIFF\x24\x00\x00\x00WAVEfmt '), 'audio/wav'],
    ['BMP', [...ascii('BM'), 0x46, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 0x28, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0], 'image/bmp'],
    ['TIFF little-endian', [0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0], 'image/tiff'],
    ['TIFF big-endian', [0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8], 'image/tiff'],
    ['HEIC', hex('00000018 66747970 68656963 00000000 6d696631 68656963'), 'image/heic'],
    ['AVIF', hex('0000001c 66747970 61766966 00000000 61766966 6d696631 6d696166'), 'image/avif'],
    ['AVIF under mif1', hex('00000018 66747970 6d696631 00000000 6d696631 61766966'), 'image/avif'],
    ['M4A', hex('00000018 66747970 4d344120 00000000 4d344120 69736f6d'), 'audio/mp4'],
    ['MP4', hex('00000018 66747970 69736f6d 00000200 69736f6d 69736f32'), 'video/mp4'],
    ['MOV', hex('00000014 66747970 71742020 00000000 71742020'), 'video/quicktime'],
    ['3GP', hex('00000014 66747970 33677034 00000000 33677034'), 'video/3gpp'],
    ['WebM', [0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84, ...ascii('webm')], 'video/webm'],
    ['MKV', [0x1a, 0x45, 0xdf, 0xa3, 0xa3, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x88, ...ascii('matroska')], 'video/x-matroska'],
    ['OGG', ascii('OggS\x00\x02'), 'audio/ogg'],
    ['FLAC', ascii('fLaC\x00\x00\x00\x22'), 'audio/flac'],
    ['MP3 with ID3', ascii('ID3\x04\x00\x00\x00\x00\x00\x00'), 'audio/mpeg'],
    ['MP3 frame sync (MPEG-1 layer III, 128 kbit/s, 44.1 kHz)', [0xff, 0xfb, 0x90, 0x64], 'audio/mpeg'],
    ['AAC ADTS', [0xff, 0xf1, 0x50, 0x80], 'audio/aac'],
    ['PDF', ascii('%PDF-1.7\n'), 'application/pdf'],
    ['ZIP', [0x50, 0x4b, 0x03, 0x04, 0x14, 0], 'application/zip'],
    ['empty ZIP', [0x50, 0x4b, 0x05, 0x06, 0, 0], 'application/zip'],
    ['text', ascii('hello, world'), 'application/octet-stream'],
    ['SVG (never decoded)', ascii('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'application/octet-stream'],
    ['empty', [], 'application/octet-stream'],
    ['frame sync with a bad bitrate', [0xff, 0xfb, 0xf0, 0x64], 'application/octet-stream'],
    ['"BM" text', ascii('BMW is a car brand, not a bitmap'), 'application/octet-stream'],
  ];
  it.each(cases)('%s', (_name, bytes, expected) => {
    expect(sniffContentType(bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes))).toBe(expected);
  });

  it('recognises the files sharp writes', async () => {
    const base = sharp({ create: { width: 4, height: 4, channels: 3, background: '#123456' } });
    expect(sniffContentType(u8(await base.clone().jpeg().toBuffer()))).toBe('image/jpeg');
    expect(sniffContentType(u8(await base.clone().png().toBuffer()))).toBe('image/png');
    expect(sniffContentType(u8(await base.clone().webp().toBuffer()))).toBe('image/webp');
    expect(sniffContentType(u8(await base.clone().gif().toBuffer()))).toBe('image/gif');
    expect(sniffContentType(u8(await base.clone().tiff().toBuffer()))).toBe('image/tiff');
    expect(sniffContentType(u8(await base.clone().avif().toBuffer()))).toBe('image/avif');
  });
});

describe('processImageForSending', () => {
  it('strips EXIF (GPS included), scales to the limit and reports the size', async () => {
    const input = u8(await (await photo(3000, 2000)).jpeg({ quality: 90 }).withExif(GPS_EXIF).toBuffer());
    const before = await sharp(input).metadata();
    expect(hasGpsIfd(before.exif as Buffer)).toBe(true);
    expect(before.exif?.includes(Buffer.from('PhoneMaker'))).toBe(true);

    const out = await processImageForSending(input);
    expect(out.kind).toBe('image');
    if (out.kind !== 'image') return;
    expect(out.contentType).toBe('image/jpeg');
    expect([out.width, out.height]).toEqual([MAX_SENT_IMAGE_SIDE, 1333]);
    const after = await sharp(out.bytes).metadata();
    expect([after.width, after.height, after.format]).toEqual([2000, 1333, 'jpeg']);
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.iptc).toBeUndefined();
    expect(after.icc).toBeUndefined();
    expect(Buffer.from(out.bytes).includes(Buffer.from('PhoneMaker'))).toBe(false);
    expect(Buffer.from(out.bytes).includes(Buffer.from('Exif\0\0'))).toBe(false);
  });

  it('removes the GPS IFD that sharp wrote (read back through the EXIF block)', async () => {
    const input = u8(await (await photo(64, 48)).jpeg().withExif(GPS_EXIF).toBuffer());
    // The GPS IFD (tag 0x8825 in IFD0) is present before, and the whole EXIF block is gone after.
    expect(hasGpsIfd((await sharp(input).metadata()).exif as Buffer)).toBe(true);
    const out = await processImageForSending(input);
    if (out.kind !== 'image') throw new Error(`expected an image, got ${out.kind}`);
    expect((await sharp(out.bytes).metadata()).exif).toBeUndefined();
    expect([out.width, out.height]).toEqual([64, 48]); // never enlarged
  });

  it('drops an ICC profile and XMP', async () => {
    const input = u8(
      await (await photo(40, 30))
        .withIccProfile('p3')
        .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>')
        .jpeg()
        .toBuffer(),
    );
    const before = await sharp(input).metadata();
    expect(before.icc).toBeDefined();
    expect(before.xmp).toBeDefined();
    const out = await processImageForSending(input);
    if (out.kind !== 'image') throw new Error(`expected an image, got ${out.kind}`);
    const after = await sharp(out.bytes).metadata();
    expect(after.icc).toBeUndefined();
    expect(after.xmp).toBeUndefined();
  });

  it('turns the pixels upright by the EXIF orientation', async () => {
    // Stored 200 x 100 with orientation 6 (rotate 90° clockwise to display): shown 100 x 200.
    const input = u8(await (await photo(200, 100)).jpeg().withMetadata({ orientation: 6 }).toBuffer());
    expect((await sharp(input).metadata()).orientation).toBe(6);
    const out = await processImageForSending(input);
    if (out.kind !== 'image') throw new Error(`expected an image, got ${out.kind}`);
    expect([out.width, out.height]).toEqual([100, 200]);
    const after = await sharp(out.bytes).metadata();
    expect([after.width, after.height, after.orientation]).toEqual([100, 200, undefined]);
  });

  it('keeps a PNG with alpha as PNG and turns an opaque PNG into JPEG', async () => {
    const alpha = u8(await sharp({ create: { width: 30, height: 20, channels: 4, background: { r: 255, g: 0, b: 0, alpha: 0.5 } } }).png().toBuffer());
    const a = await processImageForSending(alpha);
    if (a.kind !== 'image') throw new Error(`expected an image, got ${a.kind}`);
    expect(a.contentType).toBe('image/png');
    expect(sniffContentType(a.bytes)).toBe('image/png');
    expect((await sharp(a.bytes).metadata()).hasAlpha).toBe(true);

    const opaque = u8(await (await photo(30, 20)).png().toBuffer());
    const o = await processImageForSending(opaque);
    if (o.kind !== 'image') throw new Error(`expected an image, got ${o.kind}`);
    expect(o.contentType).toBe('image/jpeg');
    expect(sniffContentType(o.bytes)).toBe('image/jpeg');
  });

  it('passes an animated GIF through unchanged, with its size', async () => {
    const frames = Buffer.concat([Buffer.alloc(20 * 10 * 4, 0xff), Buffer.alloc(20 * 10 * 4, 0x40)]);
    const anim = u8(await sharp(frames, { raw: { width: 20, height: 20, channels: 4, pageHeight: 10 } }).gif({ loop: 0, delay: [100, 100] }).toBuffer());
    expect((await sharp(anim).metadata()).pages).toBe(2);
    const out = await processImageForSending(anim);
    expect(out).toEqual({ kind: 'file', reason: 'animated', bytes: anim, contentType: 'image/gif', width: 20, height: 10 });
    expect(out.bytes).toBe(anim);
  });

  it('re-encodes a still GIF like any image', async () => {
    const gif = u8(await sharp({ create: { width: 12, height: 8, channels: 3, background: '#00ff00' } }).gif().toBuffer());
    const out = await processImageForSending(gif);
    expect(out.kind).toBe('image');
  });

  it('passes a truncated image through unchanged as undecodable', async () => {
    const full = u8(await (await photo(300, 200)).jpeg().toBuffer());
    const truncated = full.slice(0, Math.floor(full.length / 2));
    const out = await processImageForSending(truncated);
    expect(out).toEqual({ kind: 'file', reason: 'undecodable', bytes: truncated, contentType: 'image/jpeg' });
  });

  it('passes a non-image through unchanged with its sniffed type, whatever its name says', async () => {
    const pdf = Uint8Array.from(ascii('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n'));
    expect(await processImageForSending(pdf)).toEqual({ kind: 'file', reason: 'not_image', bytes: pdf, contentType: 'application/pdf' });
    const text = Uint8Array.from(ascii('just text'));
    expect(await processImageForSending(text)).toEqual({ kind: 'file', reason: 'not_image', bytes: text, contentType: 'application/octet-stream' });
  });

  it('refuses a decompression bomb with a clear error before decoding it', async () => {
    // 12,000 x 12,000 would be 432 MB of RGB from a file of a few hundred bytes.
    const side = 12_000;
    expect(side * side).toBeGreaterThan(MAX_INPUT_PIXELS);
    const bomb = pngClaiming(side);
    expect(bomb.length).toBeLessThan(1_000);
    expect((await sharp(bomb).metadata()).width).toBe(side);
    const err = await processImageForSending(bomb).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImageError);
    expect((err as ImageError).code).toBe('too_large');
    expect((err as ImageError).message).toMatch(/too large/);
    await expect(processAvatar(bomb)).rejects.toMatchObject({ code: 'too_large' });
    expect(await makeThumbnail(bomb)).toBeUndefined();
  });
});

describe('makeThumbnail', () => {
  it('makes a small upright JPEG without metadata', async () => {
    const input = u8(await (await photo(1200, 900)).jpeg().withExif(GPS_EXIF).withMetadata({ orientation: 8 }).toBuffer());
    const t = await makeThumbnail(input);
    expect(t).toBeDefined();
    if (!t) return;
    expect(t.contentType).toBe('image/jpeg');
    expect([t.width, t.height]).toEqual([300, THUMBNAIL_SIDE]); // orientation 8 swaps the sides
    const m = await sharp(t.bytes).metadata();
    expect([m.format, m.width, m.height, m.exif]).toEqual(['jpeg', 300, 400, undefined]);
  });

  it('uses WebP for transparent images and the first frame of an animation', async () => {
    const alpha = u8(await sharp({ create: { width: 800, height: 800, channels: 4, background: { r: 0, g: 0, b: 255, alpha: 0.3 } } }).png().toBuffer());
    const t = await makeThumbnail(alpha);
    expect(t?.contentType).toBe('image/webp');
    expect([t?.width, t?.height]).toEqual([400, 400]);
    const frames = Buffer.concat([Buffer.alloc(20 * 10 * 4, 0xff), Buffer.alloc(20 * 10 * 4, 0x40)]);
    const anim = u8(await sharp(frames, { raw: { width: 20, height: 20, channels: 4, pageHeight: 10 } }).gif().toBuffer());
    const g = await makeThumbnail(anim);
    expect([g?.width, g?.height]).toEqual([20, 10]);
  });

  it('is undefined for non-images and damaged images', async () => {
    expect(await makeThumbnail(Uint8Array.from(ascii('%PDF-1.4\n')))).toBeUndefined();
    expect(await makeThumbnail(new Uint8Array(0))).toBeUndefined();
    const full = u8(await (await photo(300, 200)).jpeg().toBuffer());
    expect(await makeThumbnail(full.slice(0, 200))).toBeUndefined();
  });
});

describe('processAvatar', () => {
  it('crops the centre square, scales to 600 px and strips metadata', async () => {
    // Left third red, middle third green, right third blue: the centre crop keeps only green.
    const w = 1800;
    const h = 900;
    const raw = Buffer.alloc(w * h * 3);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw[(y * w + x) * 3 + (x < 450 ? 0 : x < 1350 ? 1 : 2)] = 255;
    const input = u8(await sharp(raw, { raw: { width: w, height: h, channels: 3 } }).jpeg().withExif(GPS_EXIF).toBuffer());
    const out = await processAvatar(input);
    expect([out.width, out.height, out.contentType]).toEqual([AVATAR_SIDE, AVATAR_SIDE, 'image/jpeg']);
    const m = await sharp(out.bytes).metadata();
    expect([m.width, m.height, m.exif]).toEqual([600, 600, undefined]);
    const stats = await sharp(out.bytes).stats();
    const [r, g, b] = stats.channels.map((c) => c.mean);
    expect(g).toBeGreaterThan(240);
    expect(r).toBeLessThan(15);
    expect(b).toBeLessThan(15);
  });

  it('does not enlarge a small picture', async () => {
    const out = await processAvatar(u8(await (await photo(120, 80)).png().toBuffer()));
    expect([out.width, out.height]).toEqual([80, 80]);
  });

  it('refuses a non-image and a damaged image with a clear error', async () => {
    await expect(processAvatar(Uint8Array.from(ascii('hello')))).rejects.toMatchObject({ name: 'ImageError', code: 'not_image' });
    const full = u8(await (await photo(300, 200)).jpeg().toBuffer());
    await expect(processAvatar(full.slice(0, full.length - 400))).rejects.toMatchObject({ name: 'ImageError', code: 'undecodable' });
  });
});
