// The voice encoder against the MP3 format itself: a generated sine wave is encoded, then the bytes
// are walked frame by frame with the MPEG audio header rules (ISO 11172-3 / 13818-3), so a wrong
// sync, sample rate, bit rate or length fails here without any decoder.
import { encodeMp3, floatToPcm16, mixToMono } from '../../../../ts/renderer/media/mp3';

const MPEG1_L3_KBPS = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const MPEG2_L3_KBPS = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const RATES: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };

interface Frame {
  offset: number;
  version: number;
  sampleRate: number;
  kbps: number;
  channelMode: number;
  length: number;
  samples: number;
}

function parseFrames(bytes: Uint8Array): Frame[] {
  const frames: Frame[] = [];
  let at = 0;
  while (at + 4 <= bytes.length) {
    const b1 = bytes[at + 1]!;
    const b2 = bytes[at + 2]!;
    const b3 = bytes[at + 3]!;
    if (bytes[at] !== 0xff || (b1 & 0xe0) !== 0xe0) throw new Error(`no frame sync at byte ${at}`);
    const version = (b1 >> 3) & 3;
    const layer = (b1 >> 1) & 3;
    if (layer !== 1) throw new Error(`not layer III at byte ${at}`);
    const sampleRate = RATES[version]![(b2 >> 2) & 3]!;
    const kbps = (version === 3 ? MPEG1_L3_KBPS : MPEG2_L3_KBPS)[b2 >> 4]!;
    const padding = (b2 >> 1) & 1;
    const samples = version === 3 ? 1152 : 576;
    const length = Math.floor(((samples / 8) * kbps * 1000) / sampleRate) + padding;
    frames.push({ offset: at, version, sampleRate, kbps, channelMode: b3 >> 6, length, samples });
    at += length;
  }
  expect(at).toBe(bytes.length);
  return frames;
}

function sine(seconds: number, rate: number, hz = 440, amplitude = 0.5): Float32Array {
  const out = new Float32Array(Math.round(seconds * rate));
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * hz * i) / rate);
  return out;
}

const now = () => Promise.resolve();

describe('encodeMp3', () => {
  it('encodes 2 s of a 440 Hz tone at 44.1 kHz as mono MPEG-1 layer III frames of the right total length', async () => {
    const bytes = await encodeMp3(sine(2, 44100), 44100, { yieldNow: now });
    // The stream starts with a frame header, not an ID3 tag: MPEG-1, layer III, no CRC.
    expect([bytes[0], bytes[1]! & 0xfe]).toEqual([0xff, 0xfa]);
    const frames = parseFrames(bytes);
    for (const f of frames) {
      expect(f).toMatchObject({ version: 3, sampleRate: 44100, kbps: 64, channelMode: 3 });
    }
    const seconds = frames.reduce((n, f) => n + f.samples, 0) / 44100;
    // The encoder adds its delay and pads the last frame: a little over 2 s, never under.
    expect(seconds).toBeGreaterThanOrEqual(2);
    expect(seconds).toBeLessThan(2.15);
    // 64 kbit/s: ~8 kB per second.
    expect(bytes.length).toBeGreaterThan(15_500);
    expect(bytes.length).toBeLessThan(17_500);
  });

  it('uses MPEG-2 frames for 16 kHz input and keeps the duration', async () => {
    const frames = parseFrames(await encodeMp3(sine(1.5, 16000), 16000, { yieldNow: now, kbps: 32 }));
    expect(frames.every((f) => f.version === 2 && f.sampleRate === 16000 && f.kbps === 32)).toBe(true);
    const seconds = frames.reduce((n, f) => n + f.samples, 0) / 16000;
    expect(seconds).toBeGreaterThanOrEqual(1.5);
    expect(seconds).toBeLessThan(1.65);
  });

  it('yields between slices instead of running as one long task', async () => {
    let yields = 0;
    await encodeMp3(sine(3, 48000), 48000, {
      yieldNow: () => {
        yields++;
        return Promise.resolve();
      },
    });
    // 3 s at 48 kHz is 144,000 samples: six slices of at most 27,648.
    expect(yields).toBe(6);
  });

  it('stops when cancelled and refuses a sample rate MP3 does not have', async () => {
    const controller = new AbortController();
    const running = encodeMp3(sine(5, 48000), 48000, {
      signal: controller.signal,
      yieldNow: () => {
        controller.abort();
        return Promise.resolve();
      },
    });
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    await expect(encodeMp3(sine(0.1, 96000), 96000)).rejects.toThrow('96000 Hz');
  });

  it('an empty recording is still a valid (short) stream', async () => {
    const bytes = await encodeMp3(new Float32Array(0), 44100, { yieldNow: now });
    expect(() => parseFrames(bytes)).not.toThrow();
  });
});

describe('sample helpers', () => {
  it('clips floats to 16-bit PCM and mixes channels', () => {
    expect(Array.from(floatToPcm16(Float32Array.from([0, 1, -1, 2, -2, 0.5])))).toEqual([0, 32767, -32768, 32767, -32768, 16384]);
    expect(Array.from(mixToMono([Float32Array.from([1, 0.5]), Float32Array.from([0, 0.5])]))).toEqual([0.5, 0.5]);
  });
});
