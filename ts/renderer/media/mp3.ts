// MP3 encoding of recorded voice (spec/ui.md §4.7: voice messages are sent as MP3, as the official
// apps expect) with the pure-JS LAME port. The page's CSP forbids workers, so the encoder runs on the
// main thread in slices that yield to the event loop between them: no long task, and the UI stays live.
import { Mp3Encoder } from '@breezystack/lamejs';

/** Sample rates the MPEG-1/2/2.5 layer III encoder accepts. */
export const MP3_SAMPLE_RATES: readonly number[] = [48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000];
/** Mono speech: 64 kbit/s keeps a 5-minute message near 2.4 MB, well under the attachment limit. */
export const VOICE_BITRATE_KBPS = 64;
/** Samples per MPEG layer III frame (MPEG-1); slices are a whole number of frames. */
const FRAME_SAMPLES = 1152;
/** ~0.6 s of 48 kHz audio per slice: a few milliseconds of work each. */
const SLICE_SAMPLES = FRAME_SAMPLES * 24;

export interface EncodeOptions {
  kbps?: number;
  /** Yields to the event loop between slices (tests may pass a synchronous one). */
  yieldNow?: () => Promise<void>;
  /** Stops the encoding (a discarded recording): the promise rejects with an AbortError. */
  signal?: AbortSignal;
}

/** A macrotask boundary, so input, rendering and timers run between slices. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Float samples in [-1, 1] to 16-bit PCM, clipped. */
export function floatToPcm16(samples: Float32Array, from = 0, to = samples.length): Int16Array {
  const out = new Int16Array(to - from);
  for (let i = from; i < to; i++) {
    const s = Math.max(-1, Math.min(1, samples[i]!));
    out[i - from] = s < 0 ? Math.round(s * 0x8000) : Math.round(s * 0x7fff);
  }
  return out;
}

function abortError(): Error {
  const err = new Error('The encoding was cancelled.');
  err.name = 'AbortError';
  return err;
}

/** Encodes mono samples to an MP3 byte stream (no ID3 tag: the bytes begin with a frame sync). */
export async function encodeMp3(samples: Float32Array, sampleRate: number, options: EncodeOptions = {}): Promise<Uint8Array> {
  if (!MP3_SAMPLE_RATES.includes(sampleRate)) throw new Error(`MP3 cannot be encoded at ${sampleRate} Hz.`);
  const yieldNow = options.yieldNow ?? yieldToEventLoop;
  const encoder = new Mp3Encoder(1, sampleRate, options.kbps ?? VOICE_BITRATE_KBPS);
  const parts: Uint8Array[] = [];
  for (let from = 0; from < samples.length; from += SLICE_SAMPLES) {
    if (options.signal?.aborted) throw abortError();
    const pcm = floatToPcm16(samples, from, Math.min(samples.length, from + SLICE_SAMPLES));
    const out = encoder.encodeBuffer(pcm);
    if (out.length > 0) parts.push(out.slice());
    await yieldNow();
  }
  if (options.signal?.aborted) throw abortError();
  const tail = encoder.flush();
  if (tail.length > 0) parts.push(tail.slice());
  const total = parts.reduce((n, p) => n + p.length, 0);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return bytes;
}

/** Mixes an AudioBuffer's channels down to one. */
export function mixToMono(channels: readonly Float32Array[]): Float32Array {
  if (channels.length === 1) return channels[0]!;
  const length = Math.min(...channels.map((c) => c.length));
  const out = new Float32Array(length);
  for (const c of channels) for (let i = 0; i < length; i++) out[i] = out[i]! + c[i]! / channels.length;
  return out;
}
