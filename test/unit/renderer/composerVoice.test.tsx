// Voice messages in the composer (spec/ui.md §4.7, §6.2) in jsdom, with the microphone, MediaRecorder,
// audio decoding and playback replaced (the MP3 encoder is the real one): the Microphone setting walked
// from Settings ▸ Privacy, the toast while it is off, the recording view (elapsed time, stop, play/pause,
// "0:00 / 0:01", delete, send), its keys (Enter stops then sends, Space plays, Esc discards), the
// microphone refused by the host, and the refusal while our message request is not approved.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { MethodParams } from '../../../ts/ipc/contract';
import { en } from '../../../ts/renderer/locales/en';
import { Root } from '../../../ts/renderer/Root';
import { createStore, type AppStore } from '../../../ts/renderer/state/store';
import { conversation, FakeApi } from './fakeApi';
import { installIntersectionObserver, installLayout, uninstallLayout } from './layoutMock';
import { flush } from './appHarness';

jest.setTimeout(60_000);

const BOB = '05' + 'b2'.repeat(32);
let store: AppStore | null = null;
let clock = 1_000_000;
const track = { stop: jest.fn() };
const getUserMedia = jest.fn<Promise<MediaStream>, [MediaStreamConstraints]>();
const RATE = 16_000;
const SECONDS = 1.5;

class FakeMediaRecorder {
  static instances: FakeMediaRecorder[] = [];
  state = 'inactive';
  ondataavailable: ((e: { data: Blob }) => void) | null = null;
  onstop: (() => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  constructor(readonly stream: MediaStream) {
    FakeMediaRecorder.instances.push(this);
  }
  start() {
    this.state = 'recording';
  }
  stop() {
    this.state = 'inactive';
    this.ondataavailable?.({ data: new Blob([new Uint8Array(64)], { type: 'audio/webm' }) });
    setTimeout(() => this.onstop?.(), 0);
  }
}

/** Decodes every recording to SECONDS of a 300 Hz tone at RATE (as a resampling context would). */
class FakeOfflineAudioContext {
  constructor(
    readonly channels: number,
    readonly length: number,
    readonly sampleRate: number,
  ) {}
  async decodeAudioData(_bytes: ArrayBuffer) {
    const samples = new Float32Array(RATE * SECONDS);
    for (let i = 0; i < samples.length; i++) samples[i] = 0.4 * Math.sin((2 * Math.PI * 300 * i) / RATE);
    return { numberOfChannels: 1, sampleRate: RATE, getChannelData: () => samples };
  }
}

const paused = new WeakMap<HTMLMediaElement, boolean>();

beforeAll(() => {
  installLayout();
  installIntersectionObserver();
  Object.assign(URL, { createObjectURL: () => 'blob:test/voice', revokeObjectURL: () => {} });
  Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: { getUserMedia } });
  Object.assign(globalThis, { MediaRecorder: FakeMediaRecorder, OfflineAudioContext: FakeOfflineAudioContext });
  Object.defineProperty(HTMLMediaElement.prototype, 'paused', { configurable: true, get(this: HTMLMediaElement) { return paused.get(this) ?? true; } });
  HTMLMediaElement.prototype.play = function play(this: HTMLMediaElement) {
    paused.set(this, false);
    this.dispatchEvent(new Event('play'));
    return Promise.resolve();
  };
  HTMLMediaElement.prototype.pause = function pause(this: HTMLMediaElement) {
    paused.set(this, true);
    this.dispatchEvent(new Event('pause'));
  };
});
afterAll(uninstallLayout);
beforeEach(() => {
  clock = 1_000_000;
  track.stop.mockReset();
  getUserMedia.mockReset();
  getUserMedia.mockResolvedValue({ getTracks: () => [track] } as unknown as MediaStream);
  FakeMediaRecorder.instances = [];
});
afterEach(() => {
  cleanup();
  store?.dispose();
  store = null;
});


async function open(api: FakeApi) {
  if (!api.conversations.some((c) => c.id === BOB)) api.conversations.push(conversation(BOB, { name: 'Bob', updatedAt: 1 }));
  store = createStore(api);
  render(<Root store={store} now={() => clock} />);
  await screen.findByTestId('app-shell');
  fireEvent.click(document.querySelector<HTMLElement>(`[data-testid="conversation-row"][data-conversation-id="${BOB}"]`)!);
  await flush(4);
}

const toasts = () => screen.queryAllByTestId('toast').map((t) => t.textContent);
const mic = () => screen.getByRole('button', { name: en.composeRecordVoice });
const phase = () => screen.queryByTestId('voice-recorder')?.dataset.phase;

async function recorded() {
  await waitFor(() => expect(phase()).toBe('recorded'), { timeout: 30_000 });
  // The player is there once the MP3 has its URL.
  await screen.findByTestId('voice-audio');
}

describe('Microphone setting', () => {
  it('is off by default: the microphone button only explains where to turn it on', async () => {
    const api = new FakeApi();
    await open(api);
    fireEvent.click(mic());
    await flush(4);
    expect(toasts()).toEqual([en.composeMicrophoneOff]);
    expect(getUserMedia).not.toHaveBeenCalled();
    expect(screen.queryByTestId('voice-recorder')).toBeNull();
  });

  it('turned on in Settings ▸ Privacy, lets the composer record', async () => {
    const api = new FakeApi();
    await open(api);
    fireEvent.click(screen.getByTestId('open-settings'));
    fireEvent.click(await screen.findByTestId('settings-nav-privacy'));
    const page = await screen.findByTestId('settings-page-privacy');
    const toggle = within(page).getByRole('switch', { name: en.privacyMicrophone });
    expect(toggle.getAttribute('aria-checked')).toBe('false');
    expect(within(page).getByText(en.privacyMicrophoneDesc)).toBeTruthy();
    fireEvent.click(toggle);
    await flush(4);
    expect(api.callsOf('settings.set').map((c) => c.params)).toEqual([{ key: 'microphone', value: true }]);
    expect(toggle.getAttribute('aria-checked')).toBe('true');
    fireEvent.click(screen.getByTestId('modal-close'));
    await flush(4);
    fireEvent.click(mic());
    await flush(4);
    expect(getUserMedia).toHaveBeenCalledWith({ audio: true, video: false });
    expect(phase()).toBe('recording');
  });
});

describe('recording', () => {
  const withMic = () => {
    const api = new FakeApi();
    api.settings = { ...api.settings, microphone: true };
    return api;
  };

  it('records, stops, plays back and sends one MP3 voice attachment with its duration', async () => {
    const api = withMic();
    await open(api);
    fireEvent.click(mic());
    await flush(4);
    // The recording view replaces the text box: elapsed time and a stop button.
    expect(screen.queryByLabelText(en.composerLabel)).toBeNull();
    expect(screen.getByTestId('voice-elapsed').textContent).toBe('0:00');
    clock += 5_000;
    await waitFor(() => expect(screen.getByTestId('voice-elapsed').textContent).toBe('0:05'));
    fireEvent.click(screen.getByRole('button', { name: en.composeStopRecording }));
    await recorded();
    expect(track.stop).toHaveBeenCalled();
    expect(screen.getByTestId('voice-time').textContent).toBe('0:00 / 0:01');
    const play = screen.getByRole('button', { name: en.composePlayRecording });
    fireEvent.click(play);
    await flush(4);
    expect(screen.getByRole('button', { name: en.composePauseRecording }).getAttribute('aria-pressed')).toBe('true');
    const audio = screen.getByTestId('voice-audio') as HTMLAudioElement;
    Object.defineProperty(audio, 'currentTime', { configurable: true, value: 1.2 });
    fireEvent.timeUpdate(audio);
    expect(screen.getByTestId('voice-time').textContent).toBe('0:01 / 0:01');
    fireEvent.click(screen.getByRole('button', { name: en.composeSendRecording }));
    await waitFor(() => expect(api.callsOf('messages.send')).toHaveLength(1));
    const begin = api.callsOf('attachments.stageBegin')[0]!.params as MethodParams<'attachments.stageBegin'>;
    expect(begin.contentType).toBe('audio/mpeg');
    const end = api.callsOf('attachments.stageEnd')[0]!.params as MethodParams<'attachments.stageEnd'>;
    expect(end).toEqual({ stageId: end.stageId, voice: true, durationMs: 1500 });
    // What was staged is an MP3 stream (MPEG-2 layer III at 16 kHz), not the recorder's WebM.
    const bytes = [...api.messages].pop();
    expect(bytes?.attachments?.[0]).toMatchObject({ voice: true, durationMs: 1500, contentType: 'audio/mpeg' });
    const chunk = Buffer.from((api.callsOf('attachments.stageChunk')[0]!.params as { dataBase64: string }).dataBase64, 'base64');
    expect([chunk[0], chunk[1]! & 0xfe]).toEqual([0xff, 0xf2]);
    expect(begin.size).toBeGreaterThan(1000);
    expect(api.callsOf('messages.send')[0]!.params).toEqual({ to: BOB, text: '', attachments: [{ stageId: end.stageId }] });
    // Back to the text box.
    await waitFor(() => expect(screen.getByLabelText(en.composerLabel)).toBeTruthy());
  });

  it('Enter while recording stops, then sends when the MP3 is ready; Space plays and pauses', async () => {
    const api = withMic();
    await open(api);
    fireEvent.click(mic());
    await flush(4);
    const bar = screen.getByTestId('voice-recorder');
    expect(document.activeElement).toBe(bar);
    fireEvent.keyDown(bar, { key: 'Enter' });
    await waitFor(() => expect(api.callsOf('messages.send')).toHaveLength(1), { timeout: 30_000 });
    expect((api.callsOf('attachments.stageEnd')[0]!.params as { voice?: boolean }).voice).toBe(true);

    fireEvent.click(mic());
    await flush(4);
    fireEvent.click(screen.getByRole('button', { name: en.composeStopRecording }));
    await recorded();
    const again = screen.getByTestId('voice-recorder');
    fireEvent.keyDown(again, { key: ' ' });
    await flush(4);
    expect(screen.getByRole('button', { name: en.composePauseRecording })).toBeTruthy();
    fireEvent.keyDown(again, { key: ' ' });
    await flush(4);
    expect(screen.getByRole('button', { name: en.composePlayRecording })).toBeTruthy();
    expect(api.callsOf('messages.send')).toHaveLength(1);
  });

  it('Esc or the bin discards: nothing is staged and the microphone is freed', async () => {
    const api = withMic();
    await open(api);
    fireEvent.click(mic());
    await flush(4);
    fireEvent.keyDown(screen.getByTestId('voice-recorder'), { key: 'Escape' });
    await flush(4);
    expect(screen.queryByTestId('voice-recorder')).toBeNull();
    expect(track.stop).toHaveBeenCalledTimes(1);
    fireEvent.click(mic());
    await flush(4);
    fireEvent.click(screen.getByRole('button', { name: en.composeStopRecording }));
    await recorded();
    fireEvent.click(screen.getByRole('button', { name: en.composeDiscardRecording }));
    await flush(4);
    expect(screen.queryByTestId('voice-recorder')).toBeNull();
    expect(api.callsOf('attachments.stageBegin')).toHaveLength(0);
    expect(screen.getByLabelText(en.composerLabel)).toBeTruthy();
  });

  it('says so when the host refuses the microphone or there is none', async () => {
    const api = withMic();
    await open(api);
    getUserMedia.mockRejectedValueOnce(Object.assign(new Error('Permission denied'), { name: 'NotAllowedError' }));
    fireEvent.click(mic());
    await flush(4);
    expect(toasts()).toEqual([en.composeMicrophoneOff]);
    expect(screen.queryByTestId('voice-recorder')).toBeNull();
    getUserMedia.mockRejectedValueOnce(Object.assign(new Error('Requested device not found'), { name: 'NotFoundError' }));
    fireEvent.click(mic());
    await flush(4);
    expect(toasts()).toEqual([en.composeMicrophoneOff, en.composeNoAudioInput]);
  });

  it('refuses voice messages while our message request is not approved', async () => {
    const api = withMic();
    api.conversations.push(conversation(BOB, { name: 'Bob', updatedAt: 1, approvedMe: false }));
    await open(api);
    fireEvent.click(mic());
    await flush(4);
    expect(toasts()).toEqual([en.composeRequestPending]);
    expect(getUserMedia).not.toHaveBeenCalled();
  });

  it('shows the microphone only while there is nothing to send', async () => {
    const api = withMic();
    await open(api);
    expect(mic()).toBeTruthy();
    fireEvent.change(screen.getByLabelText(en.composerLabel), { target: { value: 'hi' } });
    expect(screen.queryByRole('button', { name: en.composeRecordVoice })).toBeNull();
    expect(screen.getByTestId('composer-send')).toBeTruthy();
  });
});
