// The playing time of a received audio or video file, read from its own bytes: attachment pointers carry
// no duration, so the official desktop app takes it from the decrypted file (its <audio>/<video> element's
// metadata) and shows it on the message. Here the backend reads it once when the download is stored, so
// the app, the web host and the CLI show the same figure. Formats: MP3 (and MPEG layer I/II, the official
// apps' voice messages), AAC in ADTS frames (Android's recordings) and MP4/M4A/MOV (iOS's, and videos).
// Pure functions over bytes; anything they do not recognise gives `undefined`, never an exception.

/** Longest duration believed (ms): a day; more is a damaged or hostile header. */
const MAX_DURATION_MS = 24 * 3600_000;

/** The duration in ms of `bytes` of type `contentType`, when the format is one of the above and readable. */
export function mediaDurationMs(bytes: Uint8Array, contentType: string): number | undefined {
  const type = contentType.toLowerCase();
  let ms: number | undefined;
  if (type === 'audio/mpeg' || type === 'audio/mp3') ms = mpegAudioDurationMs(bytes);
  else if (type === 'audio/aac') ms = adtsDurationMs(bytes);
  else if (type === 'audio/mp4' || type === 'audio/x-m4a' || type === 'video/mp4' || type === 'video/quicktime') ms = mp4DurationMs(bytes);
  if (ms === undefined || !Number.isFinite(ms) || ms <= 0 || ms > MAX_DURATION_MS) return undefined;
  return Math.round(ms);
}

// --- MPEG audio (ISO 11172-3 / 13818-3): walk the frames, as a player would -------------------------

/** kbit/s by [MPEG-1 ? 0 : 1][layer I, II, III][index]. */
const BITRATES: readonly (readonly (readonly number[])[])[] = [
  [
    [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
    [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
    [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  ],
  [
    [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
    [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
    [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  ],
];
/** Hz by version bits (0: MPEG-2.5, 2: MPEG-2, 3: MPEG-1) and index. */
const SAMPLE_RATES: Record<number, readonly number[]> = { 0: [11025, 12000, 8000], 2: [22050, 24000, 16000], 3: [44100, 48000, 32000] };

interface MpegFrame {
  bytes: number;
  samples: number;
  sampleRate: number;
  mpeg1: boolean;
  mono: boolean;
}

/** The frame whose header starts at `at`, or undefined (no sync, reserved or free-format values). */
export function mpegFrameAt(b: Uint8Array, at: number): MpegFrame | undefined {
  if (at + 4 > b.length) return undefined;
  const b1 = b[at + 1]!;
  const b2 = b[at + 2]!;
  if (b[at] !== 0xff || (b1 & 0xe0) !== 0xe0) return undefined;
  const version = (b1 >> 3) & 3;
  const layerBits = (b1 >> 1) & 3;
  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 3;
  if (version === 1 || layerBits === 0 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return undefined;
  const layer = 4 - layerBits; // 1, 2 or 3
  const mpeg1 = version === 3;
  const kbps = BITRATES[mpeg1 ? 0 : 1]![layer - 1]![bitrateIndex]!;
  const sampleRate = SAMPLE_RATES[version]![rateIndex]!;
  const padding = (b2 >> 1) & 1;
  const samples = layer === 1 ? 384 : layer === 3 && !mpeg1 ? 576 : 1152;
  const bytes = layer === 1 ? (Math.floor((12 * kbps * 1000) / sampleRate) + padding) * 4 : Math.floor(((samples / 8) * kbps * 1000) / sampleRate) + padding;
  return { bytes, samples, sampleRate, mpeg1, mono: b[at + 3]! >> 6 === 3 };
}

/** The size of an ID3v2 tag at `at` (header, body and footer), else 0. */
function id3v2Size(b: Uint8Array, at: number): number {
  if (at + 10 > b.length || b[at] !== 0x49 || b[at + 1] !== 0x44 || b[at + 2] !== 0x33) return 0;
  const size = ((b[at + 6]! & 0x7f) << 21) | ((b[at + 7]! & 0x7f) << 14) | ((b[at + 8]! & 0x7f) << 7) | (b[at + 9]! & 0x7f);
  return 10 + size + (b[at + 5]! & 0x10 ? 10 : 0);
}

/** A header at `at` that is followed by another one (or by the end): a sync pattern inside data is not a frame. */
function confirmedFrameAt(b: Uint8Array, at: number): MpegFrame | undefined {
  const f = mpegFrameAt(b, at);
  if (!f) return undefined;
  const next = at + f.bytes;
  if (next >= b.length || next + 4 > b.length) return f;
  return mpegFrameAt(b, next) ? f : undefined;
}

/** The Xing/Info or VBRI header frame an encoder may put first: it holds no audio. */
function isInfoFrame(b: Uint8Array, at: number, f: MpegFrame): boolean {
  const side = f.mpeg1 ? (f.mono ? 17 : 32) : f.mono ? 9 : 17;
  const tag = (o: number) => String.fromCharCode(b[o] ?? 0, b[o + 1] ?? 0, b[o + 2] ?? 0, b[o + 3] ?? 0);
  const xing = tag(at + 4 + side);
  return xing === 'Xing' || xing === 'Info' || tag(at + 36) === 'VBRI';
}

/** Frames after a leading ID3v2 tag, summed; data between frames is skipped up to the next confirmed header. */
export function mpegAudioDurationMs(b: Uint8Array): number | undefined {
  let at = 0;
  for (let tag = id3v2Size(b, at); tag > 0; tag = id3v2Size(b, at)) at += tag;
  let ms = 0;
  let frames = 0;
  let first = true;
  // Right after a frame, a valid header is the next frame; finding one again after damage (or the first
  // one) takes a second header where the first one ends.
  let inStep = false;
  while (at + 4 <= b.length) {
    const f = inStep ? mpegFrameAt(b, at) : confirmedFrameAt(b, at);
    if (!f) {
      // An ID3v1 or APE tag at the end, or damage: look for the next frame.
      inStep = false;
      at++;
      continue;
    }
    inStep = true;
    if (!(first && isInfoFrame(b, at, f))) {
      ms += (f.samples * 1000) / f.sampleRate;
      frames++;
    }
    first = false;
    at += f.bytes;
  }
  return frames > 0 ? ms : undefined;
}

// --- AAC in ADTS frames (ISO 14496-3 1.A.2): 1024 samples per raw data block ---------------------------

const ADTS_RATES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

export function adtsDurationMs(b: Uint8Array): number | undefined {
  let at = 0;
  for (let tag = id3v2Size(b, at); tag > 0; tag = id3v2Size(b, at)) at += tag;
  let ms = 0;
  let frames = 0;
  while (at + 7 <= b.length) {
    if (b[at] !== 0xff || (b[at + 1]! & 0xf6) !== 0xf0) break;
    const rate = ADTS_RATES[(b[at + 2]! >> 2) & 0x0f];
    const length = ((b[at + 3]! & 0x03) << 11) | (b[at + 4]! << 3) | (b[at + 5]! >> 5);
    const blocks = (b[at + 6]! & 0x03) + 1;
    if (rate === undefined || length < 7) break;
    ms += (blocks * 1024 * 1000) / rate;
    frames++;
    at += length;
  }
  return frames > 0 ? ms : undefined;
}

// --- MP4 / QuickTime: the movie header's duration over its time scale ----------------------------------

function u32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;
}

/** The boxes of `b[from, to)`: [type, body start, body end]. Stops at the first malformed size. */
function* boxes(b: Uint8Array, from: number, to: number): Generator<[string, number, number]> {
  let at = from;
  while (at + 8 <= to) {
    let size = u32(b, at);
    let header = 8;
    if (size === 1) {
      if (at + 16 > to) return;
      size = u32(b, at + 8) * 2 ** 32 + u32(b, at + 12);
      header = 16;
    } else if (size === 0) {
      size = to - at;
    }
    if (size < header || at + size > to) return;
    yield [String.fromCharCode(b[at + 4]!, b[at + 5]!, b[at + 6]!, b[at + 7]!), at + header, at + size];
    at += size;
  }
}

export function mp4DurationMs(b: Uint8Array): number | undefined {
  for (const [type, start, end] of boxes(b, 0, b.length)) {
    if (type !== 'moov') continue;
    for (const [inner, s, e] of boxes(b, start, end)) {
      if (inner !== 'mvhd' || s + 4 > e) continue;
      const version = b[s]!;
      // version 0: 32-bit creation and modification times, then time scale and duration (32-bit);
      // version 1: 64-bit times and a 64-bit duration.
      const scaleAt = s + (version === 1 ? 20 : 12);
      if (scaleAt + (version === 1 ? 12 : 8) > e) return undefined;
      const scale = u32(b, scaleAt);
      const duration = version === 1 ? u32(b, scaleAt + 4) * 2 ** 32 + u32(b, scaleAt + 8) : u32(b, scaleAt + 4);
      if (scale === 0 || duration === 0xffffffff) return undefined;
      return (duration * 1000) / scale;
    }
  }
  return undefined;
}
