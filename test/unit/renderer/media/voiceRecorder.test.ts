// The voice recorder's state machine with the browser parts replaced: microphone refusals, stop,
// the five-minute limit, discard at every phase (the microphone is freed each time), and the MP3 it
// produces from what was recorded.
import { MAX_VOICE_MS, VoiceRecorder, type RecorderLike, type VoiceDeps, type VoiceState } from '../../../../ts/renderer/media/voiceRecorder';
import { encodeMp3 } from '../../../../ts/renderer/media/mp3';

class FakeRecorder implements RecorderLike {
  state = 'inactive';
  ondataavailable: ((e: { data: Blob }) => void) | null = null;
  onstop: (() => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  start() {
    this.state = 'recording';
  }
  stop() {
    if (this.state === 'inactive') throw new Error('not recording');
    this.state = 'inactive';
    this.ondataavailable?.({ data: new Blob([new Uint8Array([1, 2, 3])], { type: 'audio/webm' }) });
    queueMicrotask(() => this.onstop?.());
  }
}

function setup(over: Partial<VoiceDeps> = {}) {
  const track = { stop: jest.fn() };
  const stream = { getTracks: () => [track] } as unknown as MediaStream;
  const recorders: FakeRecorder[] = [];
  const timers: Array<{ fn: () => void; ms: number; cleared: boolean }> = [];
  let clock = 50_000;
  const seconds = 1;
  const deps: VoiceDeps = {
    getUserMedia: jest.fn(async () => stream),
    createRecorder: () => {
      const r = new FakeRecorder();
      recorders.push(r);
      return r;
    },
    decode: jest.fn(async () => {
      const samples = new Float32Array(16000 * seconds);
      for (let i = 0; i < samples.length; i++) samples[i] = 0.4 * Math.sin((2 * Math.PI * 300 * i) / 16000);
      return { samples, sampleRate: 16000 };
    }),
    encode: (samples, rate, signal) => encodeMp3(samples, rate, { signal, yieldNow: () => Promise.resolve() }),
    now: () => clock,
    setTimer: (fn, ms) => {
      const timer = { fn, ms, cleared: false };
      timers.push(timer);
      return () => void (timer.cleared = true);
    },
    ...over,
  };
  const recorder = new VoiceRecorder(deps);
  const phases: VoiceState['phase'][] = [];
  recorder.subscribe((s) => phases.push(s.phase));
  return { recorder, deps, track, recorders, timers, phases, tick: (ms: number) => (clock += ms) };
}

async function settled(recorder: VoiceRecorder, phase: VoiceState['phase']) {
  for (let i = 0; i < 200 && recorder.current.phase !== phase; i++) await new Promise((r) => setTimeout(r, 5));
  expect(recorder.current.phase).toBe(phase);
}

describe('VoiceRecorder', () => {
  it('asks for audio only, records, and on stop gives an MP3 with the recorded duration', async () => {
    const s = setup();
    await s.recorder.start();
    expect(s.deps.getUserMedia).toHaveBeenCalledWith({ audio: true, video: false });
    expect(s.recorder.current).toEqual({ phase: 'recording', startedAt: 50_000 });
    expect(s.recorders[0]!.state).toBe('recording');
    s.recorder.stop();
    expect(s.recorder.current.phase).toBe('encoding');
    await settled(s.recorder, 'recorded');
    const done = s.recorder.current as Extract<VoiceState, { phase: 'recorded' }>;
    expect(done.durationMs).toBe(1000);
    // MPEG-2 layer III at 16 kHz: the bytes open with a frame sync.
    expect([done.mp3[0], done.mp3[1]! & 0xfe]).toEqual([0xff, 0xf2]);
    expect(s.deps.decode).toHaveBeenCalledWith(expect.any(Blob));
    // The microphone is released once recording ends.
    expect(s.track.stop).toHaveBeenCalled();
    expect(s.phases).toEqual(['requesting', 'recording', 'encoding', 'recorded']);
  });

  it('stops by itself after five minutes', async () => {
    const s = setup();
    await s.recorder.start();
    expect(s.timers.map((t) => t.ms)).toEqual([MAX_VOICE_MS]);
    s.timers[0]!.fn();
    expect(s.recorder.current.phase).toBe('encoding');
    await settled(s.recorder, 'recorded');
  });

  it('a stop before the limit cancels the five-minute timer', async () => {
    const s = setup();
    await s.recorder.start();
    s.recorder.stop();
    expect(s.timers[0]!.cleared).toBe(true);
    await settled(s.recorder, 'recorded');
  });

  it('names why the microphone could not be had', async () => {
    const cases: Array<[string, string]> = [
      ['NotFoundError', 'no-input'],
      ['NotAllowedError', 'denied'],
      ['SecurityError', 'denied'],
      ['AbortError', 'failed'],
    ];
    for (const [name, failure] of cases) {
      const s = setup({ getUserMedia: async () => Promise.reject(Object.assign(new Error(name), { name })) });
      await s.recorder.start();
      expect(s.recorder.current).toMatchObject({ phase: 'error', failure });
    }
  });

  it('discards while recording: the microphone is freed and nothing is encoded', async () => {
    const s = setup();
    await s.recorder.start();
    s.recorder.discard();
    expect(s.recorder.current.phase).toBe('idle');
    expect(s.track.stop).toHaveBeenCalled();
    expect(s.timers[0]!.cleared).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    expect(s.recorder.current.phase).toBe('idle');
    expect(s.deps.decode).not.toHaveBeenCalled();
  });

  it('discards while encoding: the encoder is told to stop and its result is dropped', async () => {
    let seen: AbortSignal | null = null;
    const s = setup({
      encode: (samples, rate, signal) => {
        seen = signal;
        return encodeMp3(samples, rate, { signal, yieldNow: () => new Promise((r) => setTimeout(r, 1)) });
      },
    });
    await s.recorder.start();
    s.recorder.stop();
    await new Promise((r) => setTimeout(r, 5));
    s.recorder.discard();
    expect(seen!.aborted).toBe(true);
    await new Promise((r) => setTimeout(r, 30));
    expect(s.recorder.current.phase).toBe('idle');
  });

  it('a discard while the permission is pending frees the microphone it gets afterwards', async () => {
    let grant: (s: MediaStream) => void = () => {};
    const track = { stop: jest.fn() };
    const s = setup({ getUserMedia: () => new Promise<MediaStream>((r) => (grant = r)) });
    const started = s.recorder.start();
    s.recorder.discard();
    grant({ getTracks: () => [track] } as unknown as MediaStream);
    await started;
    expect(track.stop).toHaveBeenCalled();
    expect(s.recorder.current.phase).toBe('idle');
    expect(s.recorders).toHaveLength(0);
  });

  it('an empty recording is an error, not a silent voice message', async () => {
    const s = setup({
      createRecorder: () => {
        const r = new FakeRecorder();
        r.stop = function stop(this: FakeRecorder) {
          this.state = 'inactive';
          queueMicrotask(() => this.onstop?.());
        };
        return r;
      },
    });
    await s.recorder.start();
    s.recorder.stop();
    await settled(s.recorder, 'error');
    expect(s.recorder.current).toMatchObject({ failure: 'failed', message: 'Nothing was recorded.' });
  });
});
