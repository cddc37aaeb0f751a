// Voice message recording (spec/ui.md §4.7): microphone audio through MediaRecorder, then decoded to
// PCM and encoded as MP3 (mp3.ts) once the user stops, at most MAX_VOICE_MS long. A small state machine
// the composer's recording view renders; the browser parts come in as deps so tests can replace them.
import { readBlob } from '../state/staging';
import { encodeMp3, mixToMono } from './mp3';

/** Recordings stop by themselves after five minutes. */
export const MAX_VOICE_MS = 300_000;
/** The rate recordings are decoded (resampled) to before encoding. */
export const VOICE_SAMPLE_RATE = 44_100;

export type VoiceFailure = 'no-input' | 'denied' | 'failed';

export type VoiceState =
  | { phase: 'idle' }
  | { phase: 'requesting' }
  | { phase: 'recording'; startedAt: number }
  | { phase: 'encoding' }
  | { phase: 'recorded'; mp3: Uint8Array; durationMs: number }
  | { phase: 'error'; failure: VoiceFailure; message: string };

/** What the recorder needs of MediaRecorder. */
export interface RecorderLike {
  start(timesliceMs?: number): void;
  stop(): void;
  readonly state: string;
  ondataavailable: ((e: { data: Blob }) => void) | null;
  onstop: (() => void) | null;
  onerror: ((e: unknown) => void) | null;
}

export interface VoiceDeps {
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  createRecorder(stream: MediaStream): RecorderLike;
  decode(blob: Blob): Promise<{ samples: Float32Array; sampleRate: number }>;
  encode(samples: Float32Array, sampleRate: number, signal: AbortSignal): Promise<Uint8Array>;
  now(): number;
  setTimer(fn: () => void, ms: number): () => void;
}

/** The browser's own parts, read when a recording starts (so a test may install replacements first). */
export function browserVoiceDeps(): VoiceDeps {
  return {
    getUserMedia: (c) => {
      const devices = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
      if (!devices?.getUserMedia) return Promise.reject(Object.assign(new Error('No audio input found'), { name: 'NotFoundError' }));
      return devices.getUserMedia(c);
    },
    createRecorder: (stream) => new MediaRecorder(stream) as unknown as RecorderLike,
    decode: async (blob) => {
      // An offline context resamples whatever the recorder produced to one known rate.
      const ctx = new OfflineAudioContext(1, 1, VOICE_SAMPLE_RATE);
      const bytes = await readBlob(blob);
      const buffer = await ctx.decodeAudioData(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
      const channels = Array.from({ length: buffer.numberOfChannels }, (_, i) => buffer.getChannelData(i));
      return { samples: mixToMono(channels), sampleRate: buffer.sampleRate };
    },
    encode: (samples, sampleRate, signal) => encodeMp3(samples, sampleRate, { signal }),
    now: () => Date.now(),
    setTimer: (fn, ms) => {
      const id = setTimeout(fn, ms);
      return () => clearTimeout(id);
    },
  };
}

function failureOf(err: unknown): VoiceFailure {
  const name = err && typeof err === 'object' ? (err as { name?: unknown }).name : undefined;
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NotReadableError') return 'no-input';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  return 'failed';
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class VoiceRecorder {
  private state: VoiceState = { phase: 'idle' };
  private listeners = new Set<(s: VoiceState) => void>();
  private stream: MediaStream | null = null;
  private recorder: RecorderLike | null = null;
  private chunks: Blob[] = [];
  private cancelTimer: (() => void) | null = null;
  private abort: AbortController | null = null;
  /** Bumped by every start and discard, so late callbacks of an old recording are ignored. */
  private generation = 0;
  private readonly deps: VoiceDeps;

  constructor(deps: VoiceDeps = browserVoiceDeps()) {
    this.deps = deps;
  }

  get current(): VoiceState {
    return this.state;
  }

  subscribe(listener: (s: VoiceState) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private set(next: VoiceState): void {
    this.state = next;
    for (const l of this.listeners) l(next);
  }

  /** Asks for the microphone (audio only) and starts recording. */
  async start(): Promise<void> {
    if (this.state.phase === 'requesting' || this.state.phase === 'recording' || this.state.phase === 'encoding') return;
    const gen = ++this.generation;
    this.set({ phase: 'requesting' });
    let stream: MediaStream;
    try {
      stream = await this.deps.getUserMedia({ audio: true, video: false });
    } catch (err) {
      if (gen === this.generation) this.set({ phase: 'error', failure: failureOf(err), message: messageOf(err) });
      return;
    }
    if (gen !== this.generation) {
      stopTracks(stream);
      return;
    }
    this.stream = stream;
    this.chunks = [];
    try {
      const recorder = this.deps.createRecorder(stream);
      this.recorder = recorder;
      recorder.ondataavailable = (e) => {
        if (gen === this.generation && e.data.size > 0) this.chunks.push(e.data);
      };
      recorder.onstop = () => void this.finish(gen);
      recorder.onerror = (e) => {
        if (gen !== this.generation) return;
        this.release();
        this.set({ phase: 'error', failure: 'failed', message: messageOf((e as { error?: unknown }).error ?? e) });
      };
      recorder.start(1000);
    } catch (err) {
      this.release();
      this.set({ phase: 'error', failure: 'failed', message: messageOf(err) });
      return;
    }
    this.cancelTimer = this.deps.setTimer(() => this.stop(), MAX_VOICE_MS);
    this.set({ phase: 'recording', startedAt: this.deps.now() });
  }

  /** Stops recording; the MP3 follows (phase 'encoding', then 'recorded'). */
  stop(): void {
    if (this.state.phase !== 'recording') return;
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.set({ phase: 'encoding' });
    const recorder = this.recorder;
    if (recorder && recorder.state !== 'inactive') recorder.stop();
    else void this.finish(this.generation);
  }

  private async finish(gen: number): Promise<void> {
    if (gen !== this.generation) return;
    const type = this.chunks[0]?.type ?? '';
    const blob = new Blob(this.chunks, type ? { type } : {});
    this.release();
    const abort = new AbortController();
    this.abort = abort;
    try {
      if (blob.size === 0) throw new Error('Nothing was recorded.');
      const { samples, sampleRate } = await this.deps.decode(blob);
      if (gen !== this.generation) return;
      const mp3 = await this.deps.encode(samples, sampleRate, abort.signal);
      if (gen !== this.generation) return;
      this.set({ phase: 'recorded', mp3, durationMs: Math.round((samples.length / sampleRate) * 1000) });
    } catch (err) {
      if (gen !== this.generation) return;
      this.set({ phase: 'error', failure: 'failed', message: messageOf(err) });
    } finally {
      if (this.abort === abort) this.abort = null;
    }
  }

  /** Drops the recording, whatever its phase, and frees the microphone. */
  discard(): void {
    this.generation++;
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.abort?.abort();
    this.abort = null;
    const recorder = this.recorder;
    this.release();
    if (recorder && recorder.state !== 'inactive') {
      try {
        recorder.stop();
      } catch {
        // Already stopping: the generation check ignores what it reports.
      }
    }
    this.chunks = [];
    this.set({ phase: 'idle' });
  }

  private release(): void {
    if (this.stream) stopTracks(this.stream);
    this.stream = null;
    this.recorder = null;
  }
}

function stopTracks(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}
