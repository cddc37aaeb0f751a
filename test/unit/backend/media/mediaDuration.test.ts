// Durations read from audio and video bytes, against hand-built streams whose figures are worked out from
// the format specs (ISO 11172-3 / 13818-3 frame sizes, ISO 14496-3 ADTS headers, ISO 14496-12 mvhd), and
// against MP3 made by the LAME port the voice recorder uses (an encoder that is not ours).
import { encodeMp3 } from '../../../../ts/renderer/media/mp3';
import { adtsDurationMs, mediaDurationMs, mp4DurationMs, mpegAudioDurationMs } from '../../../../ts/backend/media/mediaDuration';

/** MPEG-1 layer III, 128 kbit/s, 44.1 kHz, no padding, joint stereo: 144 * 128000 / 44100 = 417.96 -> 417 bytes, 1152 samples. */
const MPEG1_HEADER = [0xff, 0xfb, 0x90, 0x64];
const MPEG1_FRAME_BYTES = 417;
/** MPEG-2 layer III, 64 kbit/s, 24 kHz, mono: 72 * 64000 / 24000 = 192 bytes, 576 samples (24 ms). */
const MPEG2_HEADER = [0xff, 0xf3, 0x84, 0xc0];
const MPEG2_FRAME_BYTES = 192;

function frames(header: number[], size: number, count: number, fill = 0x55): Uint8Array[] {
  return Array.from({ length: count }, () => {
    const f = new Uint8Array(size).fill(fill);
    f.set(header);
    return f;
  });
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('MPEG audio', () => {
  it('sums the frames of a constant bit rate stream (100 x 1152 / 44100 s = 2612.24 ms)', () => {
    const mp3 = concat(frames(MPEG1_HEADER, MPEG1_FRAME_BYTES, 100));
    expect(mp3.length).toBe(41_700);
    expect(mediaDurationMs(mp3, 'audio/mpeg')).toBe(2612);
  });

  it('skips an ID3v2 tag in front, an ID3v1 tag at the end and bytes between frames', () => {
    // ID3v2.4, no flags, body of 0x0101 = 257 bytes as a syncsafe integer (00 00 02 01).
    const id3 = concat([ascii('ID3'), Uint8Array.of(4, 0, 0, 0, 0, 2, 1), new Uint8Array(257).fill(0xff)]);
    const id3v1 = concat([ascii('TAG'), new Uint8Array(125).fill(0x20)]);
    const body = frames(MPEG1_HEADER, MPEG1_FRAME_BYTES, 100);
    const damaged = [...body.slice(0, 40), Uint8Array.of(0xff, 0xe0, 1, 2, 3), ...body.slice(40)];
    expect(mpegAudioDurationMs(concat([id3, ...damaged, id3v1]))).toBeCloseTo((100 * 1152 * 1000) / 44100, 6);
  });

  it('does not count a Xing/Info header frame (it holds no audio)', () => {
    const info = frames(MPEG1_HEADER, MPEG1_FRAME_BYTES, 1)[0]!;
    // MPEG-1 stereo: the tag follows the 4-byte header and 32 bytes of side information.
    info.set(ascii('Info'), 36);
    expect(mediaDurationMs(concat([info, ...frames(MPEG1_HEADER, MPEG1_FRAME_BYTES, 100)]), 'audio/mpeg')).toBe(2612);
  });

  it('reads MPEG-2 half-rate frames (576 samples at 24 kHz: 24 ms each)', () => {
    expect(mediaDurationMs(concat(frames(MPEG2_HEADER, MPEG2_FRAME_BYTES, 50)), 'audio/mpeg')).toBe(1200);
  });

  it('measures what the voice recorder’s encoder (LAME) makes: 2 s of 48 kHz mono at 64 kbit/s', async () => {
    const rate = 48_000;
    const samples = new Float32Array(2 * rate).map((_, i) => 0.4 * Math.sin((2 * Math.PI * 440 * i) / rate));
    const mp3 = await encodeMp3(samples, rate, { kbps: 64, yieldNow: () => Promise.resolve() });
    const ms = mediaDurationMs(mp3, 'audio/mpeg')!;
    // LAME adds its encoder delay and fills the last frame: a few frames (24 ms each) more, never less.
    expect(ms).toBeGreaterThanOrEqual(2000);
    expect(ms).toBeLessThanOrEqual(2000 + 5 * 24);
    // Frames of 1152 samples at 48 kHz: a whole number of 24 ms frames.
    expect(ms % 24).toBe(0);
  });
});

describe('AAC in ADTS frames', () => {
  it('sums 1024 samples per frame (43 x 1024 / 44100 s = 998.4 ms)', () => {
    // MPEG-4, no CRC; AAC LC, 44.1 kHz (index 4), 2 channels; frame length 20; one raw data block.
    const header = [0xff, 0xf1, 0x50, 0x80, 0x02, 0x9f, 0xfc];
    const aac = concat(frames(header, 20, 43, 0));
    expect(adtsDurationMs(aac)).toBeCloseTo((43 * 1024 * 1000) / 44100, 6);
    expect(mediaDurationMs(aac, 'audio/aac')).toBe(998);
  });
});

describe('MP4', () => {
  const box = (type: string, ...body: Uint8Array[]): Uint8Array => {
    const content = concat(body);
    const out = new Uint8Array(8 + content.length);
    new DataView(out.buffer).setUint32(0, out.length);
    out.set(ascii(type), 4);
    out.set(content, 8);
    return out;
  };
  const be32 = (...v: number[]) => {
    const out = new Uint8Array(v.length * 4);
    v.forEach((x, i) => new DataView(out.buffer).setUint32(i * 4, x));
    return out;
  };
  const ftyp = box('ftyp', ascii('M4A '), be32(0), ascii('isomM4A '));

  it('divides the movie header’s duration by its time scale (version 0: 3500 / 1000 s)', () => {
    // version/flags, creation, modification, time scale, duration, then the rest of the box.
    const mvhd = box('mvhd', be32(0, 0, 0, 1000, 3500), new Uint8Array(80));
    const m4a = concat([ftyp, box('free', new Uint8Array(16)), box('moov', mvhd, box('trak', new Uint8Array(8)))]);
    expect(mediaDurationMs(m4a, 'audio/mp4')).toBe(3500);
    expect(mediaDurationMs(m4a, 'video/mp4')).toBe(3500);
  });

  it('reads a version 1 header (64-bit times and duration: 88200 / 44100 s)', () => {
    const mvhd = box('mvhd', be32(0x01000000, 0, 0, 0, 0, 44100, 0, 88200), new Uint8Array(80));
    expect(mp4DurationMs(concat([ftyp, box('moov', mvhd)]))).toBe(2000);
  });
});

describe('bad input', () => {
  it('gives no duration, and never throws, for bytes it cannot read', () => {
    const cases: [Uint8Array, string][] = [
      [new Uint8Array(0), 'audio/mpeg'],
      [ascii('not audio at all, just text').subarray(0, 20), 'audio/mpeg'],
      [Uint8Array.of(0xff, 0xfb), 'audio/mpeg'],
      [concat(frames(MPEG1_HEADER, MPEG1_FRAME_BYTES, 3)), 'audio/ogg'],
      [Uint8Array.of(0xff, 0xf1, 0x7c, 0x80, 0x00), 'audio/aac'],
      [concat([ascii('\0\0\0\x10moov'), be32ish()]), 'audio/mp4'],
      // A size field larger than the file.
      [Uint8Array.of(0, 0, 0xff, 0xff, 0x6d, 0x6f, 0x6f, 0x76), 'video/mp4'],
    ];
    for (const [bytes, type] of cases) expect(mediaDurationMs(bytes, type)).toBeUndefined();
    // A truncated stream gives what it holds, its cut last frame counted as a player plays it.
    const cut = concat(frames(MPEG1_HEADER, MPEG1_FRAME_BYTES, 10)).subarray(0, MPEG1_FRAME_BYTES * 5 + 100);
    expect(mediaDurationMs(cut, 'audio/mpeg')).toBe(Math.round((6 * 1152 * 1000) / 44100));
  });

  it('stays within bounds on random bytes', () => {
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
    for (let n = 0; n < 50; n++) {
      const bytes = Uint8Array.from({ length: 4096 }, next);
      for (const type of ['audio/mpeg', 'audio/aac', 'audio/mp4']) {
        const ms = mediaDurationMs(bytes, type);
        expect(ms === undefined || (ms > 0 && ms <= 24 * 3600_000)).toBe(true);
      }
    }
  });
});

/** An mvhd box cut short inside a moov. */
function be32ish(): Uint8Array {
  return concat([Uint8Array.of(0, 0, 0, 8), ascii('mvhd')]);
}
