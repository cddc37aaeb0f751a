// Media in the conversation view, in jsdom against the fake API (its media block serves attachment
// bytes in MEDIA_CHUNK_BYTES slices): the picture grid and its reserved sizes, captions and
// attachment-only messages, every download state and its control ("Click to download" with the Auto
// Download question, progress, the error with a retry, expired), file rows that save, the audio player
// (play/pause, speed, remaining time, seek) and the "Autoplay Audio Messages" effect, the lightbox
// (paging, zoom, save, Esc, focus kept inside), the media & files gallery (tabs, paging, empty texts),
// attachment details and "Save" in Message Info and the message menu, the list preview, and accessible
// names of every media control.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import type { AttachmentView, MessageView } from '../../../ts/ipc/contract';
import { Root } from '../../../ts/renderer/Root';
import { createStore, type AppStore } from '../../../ts/renderer/state/store';
import { closeTopModal, openConversation, openModal } from '../../../ts/renderer/state/ui';
import { flush, installTextEncoder } from './appHarness';
import { conversation, FakeApi, TEST_ACCOUNT } from './fakeApi';
import { installIntersectionObserver, installLayout, setWindowSeen, uninstallLayout } from './layoutMock';

jest.setTimeout(60_000);
installTextEncoder();

const BOB = '05' + 'b2'.repeat(32);
const NOW = new Date(2026, 0, 15, 12, 0, 0).getTime();

/** jsdom decodes no video: the poster drawing is stubbed, recording the URL it was given. */
const posterCaptures: string[] = [];
/** Drawings wait for this (tests look at the cell before its poster exists). */
let posterGate: Promise<void> = Promise.resolve();
jest.mock('../../../ts/renderer/media/videoPoster', () => ({
  ...jest.requireActual<object>('../../../ts/renderer/media/videoPoster'),
  captureVideoFrame: async (url: string) => {
    posterCaptures.push(url);
    await posterGate;
    return { bytes: new TextEncoder().encode('frame'), width: 1280, height: 720 };
  },
}));
const MINUTE = 60_000;
let store: AppStore | null = null;

/** blob: URLs made by the renderer, with the Blob each stands for; and the revoked ones. */
const blobs = new Map<string, Blob>();
const revoked: string[] = [];
let played: HTMLMediaElement[] = [];

beforeAll(() => {
  installLayout();
  installIntersectionObserver();
  let n = 0;
  Object.assign(URL, {
    createObjectURL: (b: Blob) => {
      const url = `blob:test/${++n}`;
      blobs.set(url, b);
      return url;
    },
    revokeObjectURL: (u: string) => void revoked.push(u),
  });
  // jsdom does not play media: play() starts "playing" and fires the events a browser would.
  Object.defineProperty(HTMLMediaElement.prototype, 'play', {
    configurable: true,
    value(this: HTMLMediaElement) {
      played.push(this);
      Object.defineProperty(this, 'paused', { configurable: true, value: false });
      this.dispatchEvent(new Event('play'));
      return Promise.resolve();
    },
  });
  Object.defineProperty(HTMLMediaElement.prototype, 'pause', {
    configurable: true,
    value(this: HTMLMediaElement) {
      Object.defineProperty(this, 'paused', { configurable: true, value: true });
      this.dispatchEvent(new Event('pause'));
    },
  });
});
afterAll(uninstallLayout);
beforeEach(() => {
  // Nothing here is about reading: an unseen window marks nothing read (no read events racing the assertions).
  setWindowSeen(false);
  played = [];
});
afterEach(() => {
  cleanup();
  store?.dispose();
  store = null;
});


function att(over: Partial<AttachmentView> = {}): AttachmentView {
  return { index: 0, contentType: 'image/jpeg', size: 2048, voice: false, state: 'downloaded', hasThumbnail: true, width: 400, height: 200, ...over };
}

let seq = 0;
function msg(attachments: AttachmentView[], over: Partial<MessageView> = {}): MessageView {
  seq++;
  const outgoing = over.direction === 'outgoing';
  return {
    id: `m${String(seq).padStart(4, '0')}`,
    conversationId: BOB,
    sender: outgoing ? TEST_ACCOUNT.sessionId : BOB,
    direction: 'incoming',
    text: '',
    timestamp: NOW - 100 * MINUTE + seq * MINUTE,
    receivedAt: NOW - 100 * MINUTE + seq * MINUTE,
    status: outgoing ? 'sent' : 'received',
    attachments,
    ...over,
  };
}

/** Puts bytes behind every attachment of `m` that is here (full file and thumbnail). */
function withBytes(api: FakeApi, m: MessageView): MessageView {
  for (const a of m.attachments ?? []) {
    api.media.set(`${m.id}#${a.index}`, {
      full: new TextEncoder().encode(`full ${m.id} ${a.index}`),
      thumbnail: new TextEncoder().encode(`thumb ${m.id} ${a.index}`),
      contentType: a.contentType,
    });
  }
  return m;
}

async function open(api: FakeApi, over: Parameters<typeof conversation>[1] = {}) {
  if (!api.conversations.some((c) => c.id === BOB)) api.conversations.push(conversation(BOB, { name: 'Bob', updatedAt: NOW, ...over }));
  store = createStore(api);
  render(<Root store={store} now={() => NOW} />);
  await screen.findByTestId('app-shell');
  await flush(4);
  // A message request is not in the inbox list: it opens from the requests overlay, here directly.
  if (over.isRequest) act(() => void store!.dispatch(openConversation(BOB)));
  else fireEvent.click(screen.getAllByTestId('conversation-row').find((r) => r.textContent?.includes('Bob'))!);
  await flush(4);
}

const messageEl = (id: string) => document.querySelector<HTMLElement>(`[data-testid="message"][data-id="${id}"]`)!;
const blobText = async (url: string | null) => {
  const b = blobs.get(url ?? '');
  if (!b) return undefined;
  return new Promise<string>((resolve) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.readAsText(b);
  });
};

describe('pictures and videos in bubbles', () => {
  it('draws one picture 200 px tall from its thumbnail, sized from the pointer before the bytes arrive', async () => {
    const api = new FakeApi();
    const m = withBytes(api, msg([att()]));
    const pending = msg([att({ state: 'not-downloaded', width: 300, height: 400 })]);
    api.messages = [m, pending];
    await open(api);
    const cell = within(messageEl(m.id)).getByTestId('attachment-media');
    expect(cell.style.width).toBe('300px');
    expect(cell.style.height).toBe('200px');
    const img = await within(cell).findByTestId('attachment-image');
    expect(await blobText(img.getAttribute('src'))).toBe(`thumb ${m.id} 0`);
    expect(api.callsOf('attachments.read').map((c) => c.params)).toContainEqual({ messageId: m.id, index: 0, variant: 'thumbnail', offset: 0 });
    // Not here yet: the box already has its final size, and nothing is read.
    const box = within(messageEl(pending.id)).getByTestId('attachment-media');
    expect([box.style.width, box.style.height]).toEqual(['150px', '200px']);
    expect(api.callsOf('attachments.read').filter((c) => (c.params as { messageId: string }).messageId === pending.id)).toHaveLength(0);
  });

  it('lays out two side by side, and three or more as one big and two small with "+N"', async () => {
    const api = new FakeApi();
    const two = withBytes(api, msg([att(), att({ index: 1 })]));
    const five = withBytes(api, msg([0, 1, 2, 3, 4].map((index) => att({ index }))));
    api.messages = [two, five];
    await open(api);
    const twoCells = within(messageEl(two.id)).getAllByTestId('attachment-media');
    expect(twoCells.map((c) => [c.style.width, c.style.height])).toEqual([
      ['200px', '200px'],
      ['200px', '200px'],
    ]);
    const fiveCells = within(messageEl(five.id)).getAllByTestId('attachment-media');
    expect(fiveCells.map((c) => c.style.height)).toEqual(['200px', '95px', '95px']);
    expect(fiveCells[2]!.textContent).toContain('+2');
  });

  it('shows a video as a <video> with a play overlay, never autoplaying, until its poster frame is made; then as that picture', async () => {
    const api = new FakeApi();
    const m = withBytes(api, msg([att({ contentType: 'video/mp4', hasThumbnail: false, width: undefined, height: undefined })]));
    api.messages = [m];
    posterCaptures.length = 0;
    let release = () => {};
    posterGate = new Promise((r) => (release = r));
    await open(api);
    const video = (await within(messageEl(m.id)).findByTestId('attachment-video')) as HTMLVideoElement;
    expect(video.autoplay).toBe(false);
    expect(await blobText(video.getAttribute('src'))).toBe(`full ${m.id} 0`);
    expect(within(messageEl(m.id)).getByRole('button', { name: 'Play video Video' })).toBeTruthy();
    expect(played).toHaveLength(0);
    // The frame is drawn from the bytes the backend served (jsdom cannot decode video: the drawing is
    // stubbed) and handed over with the video's size; the backend's answer turns the cell into the picture.
    await waitFor(() => expect(posterCaptures).toHaveLength(1));
    expect(api.posters).toHaveLength(0);
    release();
    await waitFor(() => expect(api.posters).toHaveLength(1));
    expect(await blobText(posterCaptures[0]!)).toBe(`full ${m.id} 0`);
    expect(api.posters[0]).toMatchObject({ messageId: m.id, index: 0, width: 1280, height: 720 });
    expect(atob(api.posters[0]!.dataBase64)).toBe('frame');
    const img = (await within(messageEl(m.id)).findByTestId('attachment-image')) as HTMLImageElement;
    expect(await blobText(img.getAttribute('src'))).toBe('frame');
    expect(within(messageEl(m.id)).queryByTestId('attachment-video')).toBeNull();
    expect(within(messageEl(m.id)).getByRole('button', { name: 'Play video Video' })).toBeTruthy();
    // One try per video: showing it again asks for nothing more.
    await flush(4);
    expect(api.posters).toHaveLength(1);
  });

  it('draws a poster for a video type it does not play inline (QuickTime) and then shows it', async () => {
    const api = new FakeApi();
    const m = withBytes(api, msg([att({ contentType: 'video/quicktime', fileName: 'clip.mov', hasThumbnail: false, width: undefined, height: undefined })]));
    api.messages = [m];
    posterCaptures.length = 0;
    posterGate = Promise.resolve();
    await open(api);
    await waitFor(() => expect(api.posters.map((p) => p.messageId)).toEqual([m.id]));
    expect(await blobText(posterCaptures[0]!)).toBe(`full ${m.id} 0`);
    const img = (await within(messageEl(m.id)).findByTestId('attachment-image')) as HTMLImageElement;
    expect(await blobText(img.getAttribute('src'))).toBe('frame');
    expect(within(messageEl(m.id)).queryByTestId('attachment-unshowable')).toBeNull();
  });

  it('has no empty text bubble for an attachment-only message, shows a caption with its media, and no placeholder for attachments', async () => {
    const api = new FakeApi();
    const bare = withBytes(api, msg([att()], { unsupported: ['attachments'] }));
    const captioned = withBytes(api, msg([att()], { text: 'look at this' }));
    api.messages = [bare, captioned];
    await open(api);
    expect(within(messageEl(bare.id)).queryByTestId('message-text')).toBeNull();
    expect(within(messageEl(bare.id)).queryByTestId('message-unsupported')).toBeNull();
    expect(within(messageEl(bare.id)).getByTestId('message-bubble').hasAttribute('data-media-only')).toBe(true);
    const bubble = within(messageEl(captioned.id)).getByTestId('message-bubble');
    expect(within(bubble).getByTestId('message-text').textContent).toBe('look at this');
    expect(within(bubble).getByTestId('attachment-media')).toBeTruthy();
  });
});

describe('blob: URLs', () => {
  it('reads a picture once while it stays cached, and revokes its URL when the conversation is left', async () => {
    const api = new FakeApi();
    const CAROL = '05' + 'c3'.repeat(32);
    api.conversations = [conversation(CAROL, { name: 'Carol', updatedAt: NOW - 1 })];
    const m = withBytes(api, msg([att()]));
    api.messages = [m];
    await open(api);
    const url = (await within(messageEl(m.id)).findByTestId('attachment-image')).getAttribute('src')!;
    const reads = () => api.callsOf('attachments.read').length;
    const before = reads();
    // Another view of the same picture (the gallery) takes the cached URL: no new read.
    act(() => void store!.dispatch(openModal({ kind: 'media-gallery', conversationId: BOB })));
    await screen.findAllByTestId('gallery-media');
    await flush(4);
    expect(screen.getByTestId('gallery-media').querySelector('img')!.getAttribute('src')).toBe(url);
    expect(reads()).toBe(before);
    act(() => void store!.dispatch(closeTopModal()));
    expect(revoked).not.toContain(url);
    fireEvent.click(screen.getAllByTestId('conversation-row').find((r) => r.textContent?.includes('Carol'))!);
    await flush(4);
    expect(revoked).toContain(url);
  });
});

describe('download states', () => {
  it('downloads on click for a contact, then shows waiting, progress and the picture once it is here', async () => {
    const api = new FakeApi();
    const m = msg([att({ state: 'not-downloaded' })]);
    api.messages = [m];
    await open(api);
    const pill = within(messageEl(m.id)).getByRole('button', { name: 'Click to download Media' });
    fireEvent.click(pill);
    await flush(4);
    expect(api.callsOf('attachments.download').map((c) => c.params)).toEqual([{ messageId: m.id, index: 0 }]);
    expect(screen.queryByTestId('auto-download-dialog')).toBeNull();
    expect(within(messageEl(m.id)).getByTestId('attachment-queued').textContent).toBe('Waiting to download');
    act(() => api.setAttachment(m.id, 0, { state: 'downloading', progress: 0.5 }));
    const progress = within(messageEl(m.id)).getByRole('progressbar');
    expect(progress.getAttribute('aria-valuenow')).toBe('50');
    expect(progress.textContent).toBe('Downloading 50%');
    withBytes(api, m);
    act(() => api.setAttachment(m.id, 0, { state: 'downloaded', progress: undefined }));
    const img = await within(messageEl(m.id)).findByTestId('attachment-image');
    expect(await blobText(img.getAttribute('src'))).toBe(`thumb ${m.id} 0`);
  });

  it('asks "Auto Download" for a message request: Yes trusts the sender and downloads, No does nothing', async () => {
    const api = new FakeApi();
    const m = msg([att({ state: 'not-downloaded', contentType: 'application/pdf', fileName: 'a.pdf' })]);
    api.messages = [m];
    await open(api, { isRequest: true, isApproved: false });
    fireEvent.click(within(messageEl(m.id)).getByRole('button', { name: 'Click to download File' }));
    expect((await screen.findByTestId('auto-download-text')).textContent).toBe('Would you like to automatically download all files from Bob?');
    fireEvent.click(screen.getByRole('button', { name: 'No' }));
    await flush(4);
    expect(screen.queryByTestId('auto-download-dialog')).toBeNull();
    expect(api.callsOf('attachments.download')).toHaveLength(0);
    fireEvent.click(within(messageEl(m.id)).getByRole('button', { name: 'Click to download File' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Yes' }));
    await flush(4);
    expect(api.callsOf('attachments.download').map((c) => c.params)).toEqual([{ messageId: m.id, index: 0, trustSender: true }]);
    expect(api.trustedSenders.has(BOB)).toBe(true);
    expect(within(messageEl(m.id)).getByTestId('attachment-queued')).toBeTruthy();
  });

  it('shows a failure on the attachment with a retry, and "expired" without one', async () => {
    const api = new FakeApi();
    const failed = msg([att({ state: 'failed', error: 'The file does not match its digest.' })], { text: 'kept' });
    const expired = msg([att({ state: 'expired', contentType: 'audio/mpeg', voice: true })]);
    api.messages = [failed, expired];
    await open(api);
    const alert = within(messageEl(failed.id)).getByRole('alert');
    expect(alert.textContent).toContain('Download failed: The file does not match its digest.');
    // The message stays, caption included.
    expect(within(messageEl(failed.id)).getByTestId('message-text').textContent).toBe('kept');
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry download' }));
    await flush(4);
    expect(api.callsOf('attachments.download').map((c) => c.params)).toEqual([{ messageId: failed.id, index: 0 }]);
    expect(within(messageEl(failed.id)).getByTestId('attachment-queued')).toBeTruthy();
    expect(within(messageEl(expired.id)).getByTestId('attachment-expired').textContent).toBe('This file has expired');
    expect(within(messageEl(expired.id)).queryAllByRole('button', { name: /Retry|download/ })).toHaveLength(0);
  });

  it('shows upload progress on our own bubble, with the picture drawn from our copy', async () => {
    const api = new FakeApi();
    const m = withBytes(api, msg([att({ state: 'uploading', progress: 0.4 })], { direction: 'outgoing', status: 'sending' }));
    // A backend that serves our copy only once it is sent: the upload shows no read error meanwhile.
    const unread = msg([att({ state: 'uploading', progress: 0.1, hasThumbnail: false })], { direction: 'outgoing', status: 'sending' });
    api.messages = [m, unread];
    await open(api);
    const bar = within(messageEl(m.id)).getByRole('progressbar');
    expect(bar.textContent).toBe('Uploading 40%');
    expect(await within(messageEl(m.id)).findByTestId('attachment-image')).toBeTruthy();
    await flush(4);
    expect(messageEl(unread.id).textContent).not.toContain('Could not read');
    expect(within(messageEl(unread.id)).getByRole('progressbar').textContent).toBe('Uploading 10%');
  });

  it('shows a read error on a picture whose bytes cannot be read', async () => {
    const api = new FakeApi();
    const m = msg([att()]);
    api.messages = [m];
    await open(api);
    expect((await within(messageEl(m.id)).findByTestId('attachment-unshowable')).textContent).toContain('Could not read the file');
  });
});

describe('files', () => {
  it('shows icon, name shortened to 15…15 and size; a click saves through the browser on the web host', async () => {
    const api = new FakeApi();
    const name = 'quarterly-report-2026-final-version-signed.pdf';
    const m = withBytes(api, msg([att({ contentType: 'application/pdf', fileName: name, size: 1_500_000, width: undefined, height: undefined })]));
    api.messages = [m];
    await open(api);
    const row = within(messageEl(m.id)).getByTestId('attachment-file');
    expect(within(row).getByTestId('attachment-file-name').textContent).toBe('quarterly-repor…sion-signed.pdf');
    expect(within(row).getByTestId('attachment-file-size').textContent).toBe('1.5 MB');
    const clicks: HTMLAnchorElement[] = [];
    const spy = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this);
    });
    fireEvent.click(within(row).getByRole('button', { name: `Save ${name}` }));
    await waitFor(() => expect(clicks).toHaveLength(1));
    spy.mockRestore();
    expect(clicks[0]!.download).toBe(name);
    expect(await blobText(clicks[0]!.getAttribute('href'))).toBe(`full ${m.id} 0`);
    expect(api.callsOf('attachments.save').map((c) => c.params)).toEqual([{ messageId: m.id, index: 0 }]);
  });

  it('tells where the host saved it, and shows a save failure as a toast', async () => {
    const api = new FakeApi();
    const m = withBytes(api, msg([att({ contentType: 'application/zip', fileName: 'a.zip' })]));
    api.messages = [m];
    api.saveOutcome = { outcome: 'saved', path: '/home/me/a.zip' };
    await open(api);
    fireEvent.click(within(messageEl(m.id)).getByRole('button', { name: 'Save a.zip' }));
    expect(await screen.findByText('Saved to /home/me/a.zip')).toBeTruthy();
    api.failNextMedia = new Error('disk full');
    fireEvent.click(within(messageEl(m.id)).getByRole('button', { name: 'Save a.zip' }));
    expect(await screen.findByText('Could not save the file: disk full')).toBeTruthy();
  });
});

describe('audio player', () => {
  it('plays and pauses, cycles the speed 1x → 1.5x → 2x, shows the remaining time and seeks by the keyboard-accessible bar', async () => {
    const api = new FakeApi();
    const m = withBytes(api, msg([att({ contentType: 'audio/mpeg', voice: true, durationMs: 65_000, hasThumbnail: false })]));
    api.messages = [m];
    await open(api);
    const player = within(messageEl(m.id)).getByTestId('audio-player');
    const toggle = within(player).getByRole('button', { name: 'Play Voice Message' });
    await waitFor(() => expect((toggle as HTMLButtonElement).disabled).toBe(false));
    const audio = within(player).getByTestId('audio-element') as HTMLAudioElement;
    expect(await blobText(audio.getAttribute('src'))).toBe(`full ${m.id} 0`);
    expect(within(player).getByTestId('audio-remaining').textContent).toBe('1:05');
    fireEvent.click(toggle);
    expect(played).toEqual([audio]);
    expect(within(player).getByRole('button', { name: 'Pause Voice Message' })).toBeTruthy();
    const speed = within(player).getByTestId('audio-speed');
    expect(speed.textContent).toBe('1x');
    fireEvent.click(speed);
    expect(speed.textContent).toBe('1.5x');
    expect(audio.playbackRate).toBe(1.5);
    expect(speed.getAttribute('aria-label')).toBe('Playback speed 1.5x');
    fireEvent.click(speed);
    expect(audio.playbackRate).toBe(2);
    fireEvent.click(speed);
    expect(speed.textContent).toBe('1x');
    const seek = within(player).getByRole('slider', { name: 'Playback position' }) as HTMLInputElement;
    fireEvent.change(seek, { target: { value: '20' } });
    expect(audio.currentTime).toBe(20);
    expect(within(player).getByTestId('audio-remaining').textContent).toBe('0:45');
    fireEvent.click(within(player).getByRole('button', { name: 'Pause Voice Message' }));
    expect(within(player).getByRole('button', { name: 'Play Voice Message' })).toBeTruthy();
  });

  it('shows the length the backend read from a received voice message once its download ends, before it is played', async () => {
    const api = new FakeApi();
    // Arriving: the pointer has no duration, so the row has none until the file is here.
    const m = withBytes(api, msg([att({ contentType: 'audio/mpeg', voice: true, state: 'downloading', hasThumbnail: false, width: undefined, height: undefined })]));
    api.messages = [m];
    await open(api);
    expect(within(messageEl(m.id)).queryByTestId('audio-player')).toBeNull();
    await act(async () => api.emit('messages.updated', { messages: [{ ...m, attachments: [{ ...m.attachments![0]!, state: 'downloaded', durationMs: 3_135 }] }] }));
    await flush(4);
    expect(within(messageEl(m.id)).getByTestId('audio-remaining').textContent).toBe('0:03');
  });

  it('with "Autoplay Audio Messages" on, plays the next consecutive audio from the same sender; off, it does not', async () => {
    for (const autoplay of [true, false]) {
      const api = new FakeApi();
      api.settings = { ...api.settings, autoplayAudio: autoplay };
      const voice = () => att({ contentType: 'audio/mpeg', voice: true, durationMs: 3000, hasThumbnail: false });
      const first = withBytes(api, msg([voice()]));
      const second = withBytes(api, msg([voice()]));
      const mine = withBytes(api, msg([voice()], { direction: 'outgoing' }));
      api.messages = [first, second, mine];
      await open(api);
      const audioOf = (id: string) => within(messageEl(id)).getByTestId('audio-element') as HTMLAudioElement;
      await waitFor(() => expect(within(messageEl(mine.id)).queryByTestId('audio-element')).not.toBeNull());
      fireEvent.click(within(messageEl(first.id)).getByRole('button', { name: 'Play Voice Message' }));
      expect(played).toEqual([audioOf(first.id)]);
      act(() => void audioOf(first.id).dispatchEvent(new Event('ended')));
      await flush(4);
      expect(played).toEqual(autoplay ? [audioOf(first.id), audioOf(second.id)] : [audioOf(first.id)]);
      // Our own next message is from another sender: the chain stops there.
      act(() => void audioOf(second.id).dispatchEvent(new Event('ended')));
      await flush(4);
      expect(played).not.toContain(audioOf(mine.id));
      cleanup();
      store?.dispose();
      store = null;
      played = [];
    }
  });

  it('plays one audio at a time', async () => {
    const api = new FakeApi();
    const voice = () => att({ contentType: 'audio/mpeg', voice: true, durationMs: 3000, hasThumbnail: false });
    const a = withBytes(api, msg([voice()]));
    const b = withBytes(api, msg([voice()], { text: 'caption' }));
    api.messages = [a, b];
    await open(api);
    await waitFor(() => expect(within(messageEl(b.id)).queryByTestId('audio-element')).not.toBeNull());
    fireEvent.click(within(messageEl(a.id)).getByRole('button', { name: 'Play Voice Message' }));
    fireEvent.click(within(messageEl(b.id)).getByRole('button', { name: 'Play Voice Message' }));
    expect(within(messageEl(a.id)).getByRole('button', { name: 'Play Voice Message' })).toBeTruthy();
    expect(within(messageEl(b.id)).getByRole('button', { name: 'Pause Voice Message' })).toBeTruthy();
  });

  it('shows the "Autoplay Audio Messages" toggle in the Conversations settings and stores it', async () => {
    const api = new FakeApi();
    await open(api);
    fireEvent.click(screen.getByTestId('open-settings'));
    fireEvent.click(await screen.findByTestId('settings-nav-conversations'));
    const toggle = await screen.findByTestId('setting-autoplayAudio');
    expect(toggle.getAttribute('aria-checked')).toBe('false');
    fireEvent.click(toggle);
    await flush(4);
    expect(api.settings.autoplayAudio).toBe(true);
    expect(toggle.getAttribute('aria-checked')).toBe('true');
  });
});

describe('lightbox', () => {
  it('opens at the clicked picture, pages with ←/→ and the arrows, zooms, saves, keeps focus inside and closes on Esc', async () => {
    const api = new FakeApi();
    const a = withBytes(api, msg([att({ fileName: 'one.jpg' })]));
    const b = withBytes(api, msg([att({ fileName: 'two.jpg' }), att({ index: 1, fileName: 'three.mp4', contentType: 'video/mp4' })], { text: 'x' }));
    api.messages = [a, b];
    await open(api);
    const opener = await within(messageEl(b.id)).findByRole('button', { name: 'Open image two.jpg' });
    opener.focus();
    fireEvent.click(opener);
    const box = await screen.findByTestId('lightbox');
    expect(screen.getByTestId('lightbox-position').textContent).toBe('2 of 3');
    const img = (await within(box).findByTestId('lightbox-image')) as HTMLImageElement;
    // The full picture, not the thumbnail.
    expect(await blobText(img.getAttribute('src'))).toBe(`full ${b.id} 0`);
    expect(img.alt).toBe('two.jpg');
    // Zoom: click toggles, +/− keys and the wheel step, 0 resets.
    fireEvent.click(img);
    expect(img.dataset.zoom).toBe('2');
    fireEvent.keyDown(box, { key: '0' });
    expect(img.dataset.zoom).toBe('1');
    fireEvent.keyDown(box, { key: '+' });
    expect(img.dataset.zoom).toBe('1.25');
    fireEvent.wheel(within(box).getByTestId('lightbox-stage'), { deltaY: -100 });
    expect(Number(img.dataset.zoom)).toBeCloseTo(1.5625);
    fireEvent.keyDown(box, { key: '-' });
    fireEvent.keyDown(box, { key: '-' });
    expect(img.dataset.zoom).toBe('1');
    // Paging.
    fireEvent.keyDown(box, { key: 'ArrowRight' });
    expect(screen.getByTestId('lightbox-position').textContent).toBe('3 of 3');
    const video = (await within(box).findByTestId('lightbox-video')) as HTMLVideoElement;
    expect(video.controls).toBe(true);
    expect(within(box).queryByRole('button', { name: 'Next' })).toBeNull();
    fireEvent.click(within(box).getByRole('button', { name: 'Previous' }));
    fireEvent.keyDown(box, { key: 'ArrowLeft' });
    expect(screen.getByTestId('lightbox-position').textContent).toBe('1 of 3');
    // Save.
    const spy = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    fireEvent.click(within(box).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.callsOf('attachments.save').map((c) => c.params)).toEqual([{ messageId: a.id, index: 0 }]));
    await flush(4);
    spy.mockRestore();
    // Focus stays inside: Tab from the last control wraps to the first.
    const controls = within(box).getAllByRole('button');
    controls[controls.length - 1]!.focus();
    fireEvent.keyDown(box, { key: 'Tab' });
    expect(box.contains(document.activeElement)).toBe(true);
    fireEvent.keyDown(box, { key: 'Escape' });
    await flush(4);
    expect(screen.queryByTestId('lightbox')).toBeNull();
  });

  it('shows an icon for a format it cannot draw, and the download pill for media not here', async () => {
    const api = new FakeApi();
    const tiff = withBytes(api, msg([att({ contentType: 'image/tiff', fileName: 'scan.tiff' })]));
    const later = msg([att({ state: 'not-downloaded' })]);
    api.messages = [tiff, later];
    await open(api);
    fireEvent.click(within(messageEl(tiff.id)).getByRole('button', { name: 'Open image scan.tiff' }));
    const box = await screen.findByTestId('lightbox');
    expect(within(box).getByTestId('lightbox-unsupported').textContent).toContain('cannot be shown');
    fireEvent.keyDown(box, { key: 'ArrowRight' });
    fireEvent.click(within(box).getByRole('button', { name: 'Click to download Media' }));
    await flush(4);
    expect(api.callsOf('attachments.download').map((c) => c.params)).toEqual([{ messageId: later.id, index: 0 }]);
  });
});

describe('gallery', () => {
  it('opens from "Attachments" in the conversation settings: media in pages, files with name, size and date, the empty texts', async () => {
    const api = new FakeApi();
    const pictures = Array.from({ length: 70 }, (_, i) => withBytes(api, msg([att({ fileName: `p${i}.jpg` })])));
    const doc = withBytes(api, msg([att({ contentType: 'application/pdf', fileName: 'notes.pdf', size: 2500, width: undefined, height: undefined })]));
    api.messages = [...pictures, doc];
    await open(api);
    fireEvent.click(screen.getByTestId('conversation-title-button'));
    fireEvent.click(await screen.findByTestId('conversation-settings-attachments'));
    const gallery = await screen.findByTestId('media-gallery');
    expect(screen.queryByTestId('conversation-settings')).toBeNull();
    expect(within(gallery).getByRole('heading').textContent).toBe('Bob');
    expect(within(gallery).getByRole('tab', { name: 'Media' }).getAttribute('aria-selected')).toBe('true');
    await waitFor(() => expect(within(gallery).getAllByTestId('gallery-media')).toHaveLength(60));
    // Newest first.
    expect(within(gallery).getAllByTestId('gallery-media')[0]!.getAttribute('aria-label')).toBe('Open image p69.jpg');
    fireEvent.click(within(gallery).getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(within(gallery).getAllByTestId('gallery-media')).toHaveLength(70));
    expect(within(gallery).queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(api.callsOf('attachments.gallery').at(-1)!.params).toEqual({
      conversationId: BOB,
      kind: 'media',
      limit: 60,
      before: { messageId: pictures[10]!.id, index: 0 },
    });
    // Files tab, by arrow key.
    fireEvent.keyDown(within(gallery).getByRole('tab', { name: 'Media' }), { key: 'ArrowRight' });
    const file = await within(gallery).findByTestId('gallery-file');
    expect(file.textContent).toContain('notes.pdf');
    expect(within(file).getByTestId('gallery-file-size').textContent).toBe('2.5 kB');
    expect(within(file).getByTestId('gallery-file-date').textContent).toBe(new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' }).format(doc.timestamp));
    const spy = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    fireEvent.click(file);
    await waitFor(() => expect(api.callsOf('attachments.save').map((c) => c.params)).toEqual([{ messageId: doc.id, index: 0 }]));
    await flush(4);
    spy.mockRestore();
    // A thumbnail opens the lightbox over the gallery's media.
    fireEvent.click(within(gallery).getByRole('tab', { name: 'Media' }));
    fireEvent.click((await within(screen.getByTestId('media-gallery')).findAllByTestId('gallery-media'))[1]!);
    expect((await screen.findByTestId('lightbox-position')).textContent).toBe('2 of 60');
  });

  it('reads the loaded range again every 10 s, so new media and finished downloads show', async () => {
    const api = new FakeApi();
    const first = msg([att({ state: 'downloading', progress: 0.3, fileName: 'old.jpg' })]);
    api.messages = [first];
    await open(api);
    const intervals = jest.spyOn(window, 'setInterval');
    act(() => void store!.dispatch(openModal({ kind: 'media-gallery', conversationId: BOB })));
    await waitFor(() => expect(screen.getAllByTestId('gallery-media')).toHaveLength(1));
    const refresh = intervals.mock.calls.find((c) => c[1] === 10_000)?.[0] as (() => void) | undefined;
    intervals.mockRestore();
    expect(refresh).toBeDefined();
    api.messages = [withBytes(api, { ...first, attachments: [att({ fileName: 'old.jpg' })] }), withBytes(api, msg([att({ fileName: 'new.jpg' })]))];
    await act(async () => refresh!());
    await flush(4);
    const items = screen.getAllByTestId('gallery-media');
    expect(items.map((i) => i.getAttribute('aria-label'))).toEqual(['Open image new.jpg', 'Open image old.jpg']);
    expect(items[1]!.dataset.state).toBe('downloaded');
  });

  it('says when there is no media or no file', async () => {
    const api = new FakeApi();
    api.messages = [msg([], { text: 'hello' })];
    await open(api);
    act(() => {
      store!.dispatch({ type: 'ui/openModal', payload: { kind: 'media-gallery', conversationId: BOB } });
    });
    expect((await screen.findByTestId('gallery-empty')).textContent).toBe("You don't have any media in this conversation.");
    fireEvent.click(screen.getByRole('tab', { name: 'Files' }));
    await waitFor(() => expect(screen.getByTestId('gallery-empty').textContent).toBe("You don't have any files in this conversation."));
  });
});

describe('message info and the message menu', () => {
  it('lists attachment details with N/A for what is unknown, pages through them, and saves', async () => {
    const api = new FakeApi();
    const m = withBytes(
      api,
      msg([
        att({ fileId: '4242', size: 1_200_000, width: 1600, height: 1200 }),
        att({ index: 1, contentType: 'audio/mpeg', voice: true, durationMs: 75_000, size: 30_000, width: undefined, height: undefined, hasThumbnail: false }),
      ]),
    );
    api.messages = [m];
    await open(api);
    fireEvent.click(within(messageEl(m.id)).getByTestId('message-more'));
    const menu = await screen.findByTestId('message-menu');
    expect(within(menu).getAllByRole('menuitem').map((i) => i.textContent)).toEqual(['Save', 'Reply', 'Info', 'Select', 'Copy Account ID', 'Delete']);
    fireEvent.click(within(menu).getByText('Info'));
    const info = await screen.findByTestId('message-info');
    expect(within(info).getByTestId('attachment-file-id').textContent).toBe('4242');
    expect(within(info).getByTestId('attachment-file-type').textContent).toBe('image/jpeg');
    expect(within(info).getByTestId('attachment-file-size-info').textContent).toBe('1.2 MB');
    expect(within(info).getByTestId('attachment-resolution').textContent).toBe('1600×1200');
    expect(within(info).getByTestId('attachment-duration').textContent).toBe('N/A');
    fireEvent.click(within(info).getByRole('button', { name: 'Next attachment' }));
    expect(within(info).getByTestId('attachment-details-position').textContent).toBe('Attachment 2 of 2');
    expect(within(info).getByTestId('attachment-file-id').textContent).toBe('N/A');
    expect(within(info).getByTestId('attachment-resolution').textContent).toBe('N/A');
    expect(within(info).getByTestId('attachment-duration').textContent).toBe('1:15');
    const spy = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    fireEvent.click(within(info).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.callsOf('attachments.save').map((c) => c.params)).toEqual([{ messageId: m.id, index: 1 }]));
    await flush(4);
    spy.mockRestore();
  });

  it('offers "Save" only for downloaded attachments, saving the right-clicked one', async () => {
    const api = new FakeApi();
    const pending = msg([att({ state: 'not-downloaded' })]);
    const files = withBytes(api, msg([att({ contentType: 'application/pdf', fileName: 'a.pdf' }), att({ index: 1, contentType: 'application/pdf', fileName: 'b.pdf' })]));
    api.messages = [pending, files];
    await open(api);
    fireEvent.click(within(messageEl(pending.id)).getByTestId('message-more'));
    expect(within(await screen.findByTestId('message-menu')).queryByText('Save')).toBeNull();
    fireEvent.keyDown(screen.getByTestId('message-menu'), { key: 'Escape' });
    const second = within(messageEl(files.id)).getAllByTestId('attachment-file')[1]!;
    fireEvent.contextMenu(within(second).getByTestId('attachment-file-name'), { clientX: 10, clientY: 10 });
    const spy = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    fireEvent.click(within(await screen.findByTestId('message-menu')).getByText('Save'));
    await waitFor(() => expect(api.callsOf('attachments.save').map((c) => c.params)).toEqual([{ messageId: files.id, index: 1 }]));
    await flush(4);
    spy.mockRestore();
  });
});

describe('list preview and accessible names', () => {
  it('reads "Voice Message" or "Media message" for attachment-only messages', async () => {
    const api = new FakeApi();
    const CAROL = '05' + 'c3'.repeat(32);
    api.conversations = [
      conversation(BOB, { name: 'Bob', updatedAt: NOW, lastMessage: msg([att({ contentType: 'audio/mpeg', voice: true })]) }),
      conversation(CAROL, { name: 'Carol', updatedAt: NOW - 1, lastMessage: msg([att()], { conversationId: CAROL, sender: CAROL }) }),
    ];
    store = createStore(api);
    render(<Root store={store} now={() => NOW} />);
    await screen.findByTestId('app-shell');
    const previews = screen.getAllByTestId('row-preview').map((p) => p.textContent);
    expect(previews).toEqual(['Voice Message', 'Media message']);
  });

  it('names every media control and passes axe (the rules jsdom can judge) in bubbles, the lightbox and the gallery', async () => {
    const api = new FakeApi();
    // Every rule jsdom can judge (no layout: contrast and target sizes are the Chromium audit's).
    const off = { enabled: false };
    const audit = async (where: string) =>
      (await axe.run(document.body, { rules: { 'color-contrast': off, region: off, 'target-size': off } })).violations.flatMap((v) =>
        v.nodes.map((n) => `${where}: ${v.id} ${n.target.join(' ')}`),
      );
    const pic = withBytes(api, msg([att({ fileName: 'p.jpg' }), att({ index: 1, contentType: 'video/mp4' })]));
    const voice = withBytes(api, msg([att({ contentType: 'audio/mpeg', voice: true, durationMs: 1000, hasThumbnail: false })]));
    const file = withBytes(api, msg([att({ contentType: 'application/pdf', fileName: 'x.pdf' })]));
    api.messages = [
      pic,
      voice,
      file,
      msg([att({ state: 'not-downloaded' })]),
      msg([att({ state: 'downloading', progress: 0.2 })]),
      msg([att({ state: 'failed', error: 'bad' })]),
      msg([att({ state: 'expired' })]),
    ];
    await open(api);
    await waitFor(() => expect(within(messageEl(voice.id)).queryByTestId('audio-element')).not.toBeNull());
    const problems = await audit('timeline');
    fireEvent.click(await within(messageEl(pic.id)).findByRole('button', { name: 'Open image p.jpg' }));
    await screen.findByTestId('lightbox-image');
    problems.push(...(await audit('lightbox')));
    fireEvent.keyDown(screen.getByTestId('lightbox'), { key: 'Escape' });
    act(() => {
      store!.dispatch({ type: 'ui/openModal', payload: { kind: 'media-gallery', conversationId: BOB } });
    });
    await screen.findAllByTestId('gallery-media');
    problems.push(...(await audit('gallery')));
    expect(problems).toEqual([]);
  });
});
