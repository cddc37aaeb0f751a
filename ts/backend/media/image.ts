// Image processing for media: content-type sniffing from magic bytes, re-encoding of images before
// they are sent (auto-rotated, down-scaled, every metadata block stripped), local thumbnails and
// square profile pictures. Runs on libvips through sharp, so the app, the web host and the CLI
// produce the same bytes. Only raster formats recognised by their magic bytes are ever handed to
// the decoder (never SVG, PDF or anything the sender merely claims to be an image).
import type { Metadata, Sharp, SharpOptions } from 'sharp';

type SharpFactory = (input: Uint8Array, options?: SharpOptions) => Sharp;
let sharpFactory: SharpFactory | undefined;
/**
 * sharp and libvips load on the first image, not with the backend: loading them took ~120 ms of a
 * ~800 ms cold start to the conversation list (bench `history cold-start`), for work a start rarely needs.
 */
function sharp(input: Uint8Array, options?: SharpOptions): Sharp {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  sharpFactory ??= require('sharp') as SharpFactory;
  return sharpFactory(input, options);
}

/**
 * Largest input we decode, in pixels (width x height of one frame). Covers 108-megapixel phone
 * cameras; above it a file is refused with `ImageError('too_large')` instead of letting a small
 * "decompression bomb" allocate gigabytes.
 */
export const MAX_INPUT_PIXELS = 120_000_000;
/** Longest side of a sent image (the official desktop's default scaling limit). */
export const MAX_SENT_IMAGE_SIDE = 2000;
/** Longest side of a locally generated thumbnail. */
export const THUMBNAIL_SIDE = 400;
/** Side of our square profile picture (spec/ui.md §8.2: downscaled to 600 px). */
export const AVATAR_SIDE = 600;

const JPEG_QUALITY = 85;
const THUMBNAIL_QUALITY = 75;

export type ImageErrorCode = 'too_large' | 'not_image' | 'undecodable';

/** A failure a person can be told about: the picture is too large, not a picture, or damaged. */
export class ImageError extends Error {
  constructor(
    readonly code: ImageErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ImageError';
  }
}

// ---------------------------------------------------------------------------------------------
// Content-type sniffing

const ascii = (b: Uint8Array, at: number, s: string): boolean => {
  if (b.length < at + s.length) return false;
  for (let i = 0; i < s.length; i++) if (b[at + i] !== s.charCodeAt(i)) return false;
  return true;
};
const bytesAt = (b: Uint8Array, at: number, sig: readonly number[]): boolean => sig.every((v, i) => b[at + i] === v);

/** Types libvips here decodes as still or animated raster images (HEIC needs a codec the prebuilt lacks). */
const DECODABLE = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/tiff', 'image/avif']);

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']);
const AVIF_BRANDS = new Set(['avif', 'avis']);
const M4A_BRANDS = new Set(['M4A ', 'M4B ', 'M4P ', 'F4A ', 'F4B ']);

/** Content type of an ISO-BMFF file from its `ftyp` box: major brand, then compatible brands. */
function sniffFtyp(b: Uint8Array): string {
  const boxSize = ((b[0] ?? 0) << 24) | ((b[1] ?? 0) << 16) | ((b[2] ?? 0) << 8) | (b[3] ?? 0);
  const end = Math.min(b.length, boxSize >= 16 ? boxSize : 16);
  const brands: string[] = [];
  const brandAt = (at: number) => String.fromCharCode(b[at] ?? 0, b[at + 1] ?? 0, b[at + 2] ?? 0, b[at + 3] ?? 0);
  brands.push(brandAt(8));
  for (let at = 16; at + 4 <= end; at += 4) brands.push(brandAt(at));
  const major = brands[0] as string;
  if (AVIF_BRANDS.has(major) || (major === 'mif1' && brands.some((x) => AVIF_BRANDS.has(x)))) return 'image/avif';
  if (HEIF_BRANDS.has(major) || major === 'mif1' || major === 'msf1') return 'image/heic';
  if (M4A_BRANDS.has(major)) return 'audio/mp4';
  if (major === 'qt  ') return 'video/quicktime';
  if (major.startsWith('3g2')) return 'video/3gpp2';
  if (major.startsWith('3gp')) return 'video/3gpp';
  if (brands.some((x) => M4A_BRANDS.has(x)) && !brands.some((x) => x === 'M4V ' || x === 'avc1')) return 'audio/mp4';
  return 'video/mp4';
}

/** WebM or another Matroska file: the EBML header's DocType, which comes within the first bytes. */
function sniffMatroska(b: Uint8Array): string {
  const head = b.subarray(0, Math.min(b.length, 64));
  for (let i = 0; i + 4 <= head.length; i++) if (ascii(head, i, 'webm')) return 'video/webm';
  return 'video/x-matroska';
}

/** An MPEG audio frame header (MP3 and its layer I/II siblings) or an AAC ADTS header. */
function sniffMpegAudio(b: Uint8Array): string | undefined {
  if (b.length < 4 || b[0] !== 0xff || ((b[1] as number) & 0xe0) !== 0xe0) return undefined;
  const version = ((b[1] as number) >> 3) & 0x03;
  const layer = ((b[1] as number) >> 1) & 0x03;
  if (layer === 0) return ((b[1] as number) & 0xf6) === 0xf0 ? 'audio/aac' : undefined;
  const bitrate = ((b[2] as number) >> 4) & 0x0f;
  const rate = ((b[2] as number) >> 2) & 0x03;
  if (version === 1 || bitrate === 0x0f || rate === 0x03) return undefined;
  return 'audio/mpeg';
}

/**
 * The content type the bytes actually are, from their magic numbers; `application/octet-stream`
 * when nothing matches. A declared type (file name, pointer, MIME from the sender) is never trusted
 * to decide what we decode or open.
 */
export function sniffContentType(bytes: Uint8Array): string {
  const b = bytes;
  if (bytesAt(b, 0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (bytesAt(b, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a')) return 'image/gif';
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) return 'image/webp';
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WAVE')) return 'audio/wav';
  if (bytesAt(b, 0, [0x49, 0x49, 0x2a, 0x00]) || bytesAt(b, 0, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  // "BM", then a file size, two reserved zero words and the pixel-data offset (past the 14-byte header).
  if (ascii(b, 0, 'BM') && b.length >= 26 && bytesAt(b, 6, [0, 0, 0, 0]) && (b[10] as number) + ((b[11] as number) << 8) >= 26) return 'image/bmp';
  if (ascii(b, 4, 'ftyp') && b.length >= 12) return sniffFtyp(b);
  if (bytesAt(b, 0, [0x1a, 0x45, 0xdf, 0xa3])) return sniffMatroska(b);
  if (ascii(b, 0, 'OggS')) return 'audio/ogg';
  if (ascii(b, 0, 'fLaC')) return 'audio/flac';
  if (ascii(b, 0, 'ID3') && b.length >= 10) return 'audio/mpeg';
  if (ascii(b, 0, '%PDF-')) return 'application/pdf';
  if (ascii(b, 0, 'PK') && (bytesAt(b, 2, [3, 4]) || bytesAt(b, 2, [5, 6]) || bytesAt(b, 2, [7, 8]))) return 'application/zip';
  return sniffMpegAudio(b) ?? 'application/octet-stream';
}

/** Whether the sniffed type is a raster image the decoder here can open. */
export function isDecodableImageType(contentType: string): boolean {
  return DECODABLE.has(contentType);
}

// ---------------------------------------------------------------------------------------------
// Decoding

/** Opens the first frame with the pixel limit, failing on truncated or corrupt data. */
const open = (bytes: Uint8Array, animated = false) =>
  sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'truncated', animated, sequentialRead: true });

interface Probe {
  contentType: string;
  width: number;
  height: number;
  /** Frames: > 1 for an animated GIF or WebP. */
  pages: number;
  hasAlpha: boolean;
}

/** Reads the header; throws ImageError for a non-image, a header libvips rejects, or too many pixels. */
async function probe(bytes: Uint8Array): Promise<Probe> {
  const contentType = sniffContentType(bytes);
  if (!DECODABLE.has(contentType)) {
    throw new ImageError('not_image', contentType === 'image/heic' || contentType === 'image/bmp' ? 'This image format cannot be processed here.' : 'The file is not an image.');
  }
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (e) {
    throw new ImageError('undecodable', `The image could not be read (${errText(e)}).`);
  }
  const width = meta.width ?? 0;
  const height = meta.pageHeight ?? meta.height ?? 0;
  if (width <= 0 || height <= 0) throw new ImageError('undecodable', 'The image has no size.');
  if (width * height > MAX_INPUT_PIXELS) {
    throw new ImageError('too_large', `The image is too large to process (${width} x ${height} pixels; at most ${MAX_INPUT_PIXELS / 1e6} megapixels).`);
  }
  return { contentType, width, height, pages: meta.pages ?? 1, hasAlpha: meta.hasAlpha === true };
}

const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? 'unknown error';

/** Maps a decoder failure during the pixel pass to an ImageError (the pixel limit included). */
function decodeError(e: unknown): ImageError {
  if (e instanceof ImageError) return e;
  const text = errText(e);
  if (/pixel limit/i.test(text)) return new ImageError('too_large', `The image is too large to process (at most ${MAX_INPUT_PIXELS / 1e6} megapixels).`);
  return new ImageError('undecodable', `The image could not be decoded (${text}).`);
}

// ---------------------------------------------------------------------------------------------
// Sending

/** An image re-encoded for sending: metadata stripped, upright, within MAX_SENT_IMAGE_SIDE. */
export interface EncodedImage {
  kind: 'image';
  bytes: Uint8Array;
  contentType: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
}

/**
 * A file sent as it is: `animated` (an animated GIF or WebP: re-encoding would lose frames or
 * grow it; GIF carries no EXIF block), `not_image` (not a raster image we decode, HEIC included),
 * `undecodable` (truncated or corrupt). `contentType` is the sniffed one; width/height when known.
 */
export interface PassThroughFile {
  kind: 'file';
  reason: 'animated' | 'not_image' | 'undecodable';
  bytes: Uint8Array;
  contentType: string;
  width?: number;
  height?: number;
}

export type SendableImage = EncodedImage | PassThroughFile;

/**
 * Prepares an image for sending. Still images are auto-rotated by their EXIF orientation,
 * down-scaled to at most MAX_SENT_IMAGE_SIDE on the longest side and re-encoded without any
 * metadata (EXIF, GPS, XMP, IPTC; colours converted to sRGB and no ICC profile written).
 * Output format: PNG when the source has an alpha channel (transparency would be lost in JPEG),
 * JPEG otherwise (photos, and screenshots without alpha, at quality 85).
 * Throws ImageError('too_large') above MAX_INPUT_PIXELS; everything else that is not a decodable
 * still image comes back unchanged as a PassThroughFile saying why.
 */
export async function processImageForSending(bytes: Uint8Array): Promise<SendableImage> {
  const contentType = sniffContentType(bytes);
  if (!DECODABLE.has(contentType)) return { kind: 'file', reason: 'not_image', bytes, contentType };
  let p: Probe;
  try {
    p = await probe(bytes);
  } catch (e) {
    if (e instanceof ImageError && e.code === 'too_large') throw e;
    return { kind: 'file', reason: 'undecodable', bytes, contentType };
  }
  if (p.pages > 1) return { kind: 'file', reason: 'animated', bytes, contentType, width: p.width, height: p.height };
  try {
    const pipeline = open(bytes)
      .autoOrient()
      .resize(MAX_SENT_IMAGE_SIDE, MAX_SENT_IMAGE_SIDE, { fit: 'inside', withoutEnlargement: true });
    const out = p.hasAlpha
      ? await pipeline.png({ compressionLevel: 6 }).toBuffer({ resolveWithObject: true })
      : await pipeline.jpeg({ quality: JPEG_QUALITY }).toBuffer({ resolveWithObject: true });
    return {
      kind: 'image',
      bytes: new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.byteLength),
      contentType: p.hasAlpha ? 'image/png' : 'image/jpeg',
      width: out.info.width,
      height: out.info.height,
    };
  } catch (e) {
    const err = decodeError(e);
    if (err.code === 'too_large') throw err;
    return { kind: 'file', reason: 'undecodable', bytes, contentType };
  }
}

// ---------------------------------------------------------------------------------------------
// Thumbnails

export interface Thumbnail {
  bytes: Uint8Array;
  contentType: 'image/jpeg' | 'image/webp';
  width: number;
  height: number;
}

/**
 * A small local preview (at most THUMBNAIL_SIDE on the longest side, upright, no metadata): JPEG,
 * or WebP when the image has transparency. The first frame of an animated image. Undefined for
 * anything that is not a decodable image within the pixel limit: a missing preview is not an error.
 * For an image being sent, pass the output of processImageForSending: the preview then shows what
 * was sent, and decoding 2000 px costs a fraction of the camera original.
 */
export async function makeThumbnail(bytes: Uint8Array): Promise<Thumbnail | undefined> {
  let p: Probe;
  try {
    p = await probe(bytes);
  } catch {
    return undefined;
  }
  try {
    const pipeline = open(bytes).autoOrient().resize(THUMBNAIL_SIDE, THUMBNAIL_SIDE, { fit: 'inside', withoutEnlargement: true });
    const out = p.hasAlpha
      ? await pipeline.webp({ quality: THUMBNAIL_QUALITY }).toBuffer({ resolveWithObject: true })
      : await pipeline.jpeg({ quality: THUMBNAIL_QUALITY }).toBuffer({ resolveWithObject: true });
    return {
      bytes: new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.byteLength),
      contentType: p.hasAlpha ? 'image/webp' : 'image/jpeg',
      width: out.info.width,
      height: out.info.height,
    };
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Profile pictures

export interface ProcessedAvatar {
  bytes: Uint8Array;
  contentType: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
}

/**
 * Our profile picture: upright, square by a centre crop, AVATAR_SIDE px (smaller sources are
 * cropped but not enlarged), re-encoded without metadata; PNG when the source has alpha, else
 * JPEG. Animated sources keep only their first frame. Throws ImageError for a non-image, a damaged
 * image or one above the pixel limit.
 */
export async function processAvatar(bytes: Uint8Array): Promise<ProcessedAvatar> {
  const p = await probe(bytes);
  try {
    // EXIF orientations 5-8 swap the sides, so the square's side comes from the smaller one either way.
    const side = Math.min(AVATAR_SIDE, p.width, p.height);
    const pipeline = open(bytes).autoOrient().resize(side, side, { fit: 'cover', position: 'centre' });
    const out = p.hasAlpha
      ? await pipeline.png({ compressionLevel: 6 }).toBuffer({ resolveWithObject: true })
      : await pipeline.jpeg({ quality: JPEG_QUALITY }).toBuffer({ resolveWithObject: true });
    return {
      bytes: new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.byteLength),
      contentType: p.hasAlpha ? 'image/png' : 'image/jpeg',
      width: out.info.width,
      height: out.info.height,
    };
  } catch (e) {
    throw decodeError(e);
  }
}
