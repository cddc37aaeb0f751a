// The composer's attachments in jsdom against the fake API (spec/ui.md §4.7): the "+" button and
// Ctrl+U, drag-and-drop and pasted images, staging in MEDIA_CHUNK_BYTES chunks with progress, the rail
// (remove, clear all, full-size preview), every rule with its official text, sending with a caption or
// none, the rail kept per conversation, and the refusal while our message request is not approved.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MEDIA_CHUNK_BYTES, type MethodParams } from '../../../ts/ipc/contract';
import { IpcError } from '../../../ts/ipc/errors';
import { en } from '../../../ts/renderer/locales/en';
import { Root } from '../../../ts/renderer/Root';
import { createStore, type AppStore } from '../../../ts/renderer/state/store';
import { conversation, FakeApi } from './fakeApi';
import { installIntersectionObserver, installLayout, uninstallLayout } from './layoutMock';
import { flush } from './appHarness';

jest.setTimeout(60_000);

const BOB = '05' + 'b2'.repeat(32);
const CAROL = '05' + 'c3'.repeat(32);
let store: AppStore | null = null;
let urls = 0;
const created: string[] = [];
const revoked: string[] = [];

beforeAll(() => {
  installLayout();
  installIntersectionObserver();
  Object.assign(URL, {
    createObjectURL: (blob: Blob) => {
      const url = `blob:test/${++urls}-${blob.type}`;
      created.push(url);
      return url;
    },
    revokeObjectURL: (url: string) => revoked.push(url),
  });
});
afterAll(uninstallLayout);
afterEach(() => {
  cleanup();
  store?.dispose();
  store = null;
  created.length = 0;
  revoked.length = 0;
});


/** A file of `size` bytes whose byte i is (i * 7 + seed) & 255, so reassembly errors show. */
function makeFile(name: string, type: string, size = 1000, seed = 1): File {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 7 + seed) & 255;
  return new File([bytes], name, { type });
}

async function open(api: FakeApi, id = BOB) {
  for (const [cid, name] of [
    [BOB, 'Bob'],
    [CAROL, 'Carol'],
  ] as const) {
    if (!api.conversations.some((c) => c.id === cid)) api.conversations.push(conversation(cid, { name, updatedAt: 1 }));
  }
  store = createStore(api);
  render(<Root store={store} />);
  await screen.findByTestId('app-shell');
  await select(id);
}

async function select(id: string) {
  const row = document.querySelector<HTMLElement>(`[data-testid="conversation-row"][data-conversation-id="${id}"]`)!;
  fireEvent.click(row);
  await flush(4);
}

function pick(files: File[]) {
  const input = screen.getByTestId('composer-file-input') as HTMLInputElement;
  Object.defineProperty(input, 'files', { configurable: true, value: files });
  fireEvent.change(input);
}

const items = () => screen.queryAllByTestId('staged-item');
const toasts = () => screen.queryAllByTestId('toast').map((t) => t.textContent);
const readyCount = () => items().filter((i) => i.dataset.status === 'ready').length;

async function waitReady(n: number) {
  await waitFor(() => expect(readyCount()).toBe(n), { timeout: 20_000 });
}

describe('attaching', () => {
  it('stages a picked file in order, in chunks of MEDIA_CHUNK_BYTES, and shows the thumbnail the backend made', async () => {
    const api = new FakeApi();
    await open(api);
    const size = MEDIA_CHUNK_BYTES * 2 + 1234;
    const file = makeFile('photo.png', 'image/png', size);
    pick([file]);
    await waitReady(1);
    expect(api.callsOf('attachments.stageBegin').map((c) => c.params)).toEqual([{ fileName: 'photo.png', contentType: 'image/png', size }]);
    const chunks = api.callsOf('attachments.stageChunk').map((c) => c.params as MethodParams<'attachments.stageChunk'>);
    expect(chunks.map((c) => c.offset)).toEqual([0, MEDIA_CHUNK_BYTES, 2 * MEDIA_CHUNK_BYTES]);
    expect(chunks.map((c) => Buffer.from(c.dataBase64, 'base64').length)).toEqual([MEDIA_CHUNK_BYTES, MEDIA_CHUNK_BYTES, 1234]);
    const stageId = (api.callsOf('attachments.stageEnd')[0]!.params as { stageId: string }).stageId;
    // The backend holds exactly the file's bytes.
    const held = api.staged.get(stageId)!;
    expect(held.bytes.length).toBe(size);
    expect(held.bytes.every((b, i) => b === ((i * 7 + 1) & 255))).toBe(true);
    // The rail's picture is the backend's thumbnail, read back from the staged file.
    expect(api.callsOf('attachments.readStaged').map((c) => c.params)).toEqual([{ stageId, variant: 'thumbnail', offset: 0 }]);
    const img = within(items()[0]!).getByRole('button', { name: en.composePreviewAttachment.replace('{name}', 'photo.png') }).querySelector('img')!;
    expect(img.getAttribute('src')).toMatch(/^blob:test\/\d+-image\/png$/);
    // With something staged the send button replaces the microphone.
    expect(screen.getByTestId('composer-send')).toBeTruthy();
    expect(screen.queryByTestId('composer-mic')).toBeNull();
  });

  it('shows progress while staging, and send waits until every file is staged', async () => {
    const api = new FakeApi();
    await open(api);
    let release = () => {};
    api.holdChunks = new Promise<void>((r) => (release = r));
    pick([makeFile('big.pdf', 'application/pdf', MEDIA_CHUNK_BYTES + 10)]);
    await flush(4);
    expect(items()[0]!.dataset.status).toBe('staging');
    expect((screen.getByTestId('composer-send') as HTMLButtonElement).disabled).toBe(true);
    api.holdChunks = null;
    release();
    await waitReady(1);
    expect(within(items()[0]!).getByText('big.pdf')).toBeTruthy();
    expect((screen.getByTestId('composer-send') as HTMLButtonElement).disabled).toBe(false);
  });

  it('opens the picker with the "+" button and with Ctrl+U', async () => {
    const api = new FakeApi();
    await open(api);
    const input = screen.getByTestId('composer-file-input') as HTMLInputElement;
    const click = jest.spyOn(input, 'click').mockImplementation(() => {});
    fireEvent.click(screen.getByRole('button', { name: en.composeAttach }));
    expect(click).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(window, { key: 'u', ctrlKey: true });
    expect(click).toHaveBeenCalledTimes(2);
    // Not with another modifier, nor while a dialog owns the keyboard.
    fireEvent.keyDown(window, { key: 'u', ctrlKey: true, shiftKey: true });
    expect(click).toHaveBeenCalledTimes(2);
  });

  it('attaches files dropped on the conversation, showing the drop zone while dragging', async () => {
    const api = new FakeApi();
    await open(api);
    const view = screen.getByTestId('conversation-view');
    const files = [makeFile('a.jpg', 'image/jpeg'), makeFile('b.mp4', 'video/mp4')];
    const dataTransfer = { types: ['Files'], files, dropEffect: 'none' };
    fireEvent.dragEnter(view, { dataTransfer });
    expect(screen.getByTestId('drop-zone').textContent).toBe(en.composeDropHere);
    fireEvent.drop(view, { dataTransfer });
    expect(screen.queryByTestId('drop-zone')).toBeNull();
    await waitReady(2);
    expect(items().map((i) => i.dataset.name)).toEqual(['a.jpg', 'b.mp4']);
    // A drag of text is not a drop of files.
    fireEvent.dragOver(view, { dataTransfer: { types: ['text/plain'], files: [] } });
    expect(screen.queryByTestId('drop-zone')).toBeNull();
  });

  it('attaches pasted images; pasted text stays text', async () => {
    const api = new FakeApi();
    await open(api);
    const input = screen.getByLabelText(en.composerLabel);
    fireEvent.paste(input, { clipboardData: { files: [], items: [{ kind: 'string', getAsFile: () => null }], types: ['text/plain'] } });
    await flush(4);
    expect(items()).toHaveLength(0);
    const image = makeFile('image.png', 'image/png');
    fireEvent.paste(input, { clipboardData: { files: [], items: [{ kind: 'file', getAsFile: () => image }], types: ['Files'] } });
    await waitReady(1);
    expect(items()[0]!.dataset.name).toBe('image.png');
  });

  it('removes one file (unstaged), clears all with the big ✕, and previews a thumbnail full size', async () => {
    const api = new FakeApi();
    await open(api);
    pick([makeFile('1.png', 'image/png'), makeFile('2.png', 'image/png'), makeFile('3.png', 'image/png')]);
    await waitReady(3);
    const ids = api.callsOf('attachments.stageEnd').map((c) => (c.params as { stageId: string }).stageId);
    // Full-size preview: the processed image, read back in full.
    fireEvent.click(screen.getByRole('button', { name: en.composePreviewAttachment.replace('{name}', '2.png') }));
    const preview = await screen.findByTestId('staged-preview');
    await waitFor(() => expect(within(preview).getByTestId('staged-preview-image').getAttribute('alt')).toBe('2.png'));
    expect(api.callsOf('attachments.readStaged').some((c) => (c.params as { variant?: string }).variant === 'full')).toBe(true);
    fireEvent.click(within(preview).getByTestId('modal-close'));
    fireEvent.click(screen.getByRole('button', { name: en.composeRemoveAttachment.replace('{name}', '1.png') }));
    await flush(4);
    expect(api.callsOf('attachments.unstage').map((c) => c.params)).toEqual([{ stageId: ids[0] }]);
    expect(items().map((i) => i.dataset.name)).toEqual(['2.png', '3.png']);
    fireEvent.click(screen.getByRole('button', { name: en.composeClearAttachments }));
    await flush(4);
    expect(items()).toHaveLength(0);
    expect(api.staged.size).toBe(0);
    // One file left has no "clear all".
    pick([makeFile('4.png', 'image/png')]);
    await waitReady(1);
    expect(screen.queryByRole('button', { name: en.composeClearAttachments })).toBeNull();
  });

  it('keeps each conversation its own rail while switching', async () => {
    const api = new FakeApi();
    await open(api);
    pick([makeFile('for-bob.png', 'image/png')]);
    await waitReady(1);
    await select(CAROL);
    expect(items()).toHaveLength(0);
    await select(BOB);
    expect(items().map((i) => i.dataset.name)).toEqual(['for-bob.png']);
  });
});

describe('rules and errors (official texts)', () => {
  it('refuses more than 32 files', async () => {
    const api = new FakeApi();
    await open(api);
    pick(Array.from({ length: 33 }, (_, i) => makeFile(`${i}.png`, 'image/png', 10)));
    // The rule is checked before staging: 32 take their place on the rail at once, the 33rd is refused.
    await flush(1);
    expect(items()).toHaveLength(32);
    expect(items()[31]!.dataset.name).toBe('31.png');
    expect(toasts()).toEqual([en.composeTooManyFiles]);
    pick([makeFile('more.png', 'image/png', 10)]);
    await flush(1);
    expect(items()).toHaveLength(32);
    expect(toasts()).toEqual([en.composeTooManyFiles, en.composeTooManyFiles]);
  });

  it('never mixes media with other files, and allows one other file per message', async () => {
    const api = new FakeApi();
    await open(api);
    pick([makeFile('a.png', 'image/png'), makeFile('doc.pdf', 'application/pdf')]);
    await waitReady(1);
    expect(toasts()).toEqual([en.composeCannotMix]);
    fireEvent.click(screen.getByRole('button', { name: en.composeRemoveAttachment.replace('{name}', 'a.png') }));
    await flush(4);
    pick([makeFile('one.pdf', 'application/pdf'), makeFile('two.zip', 'application/zip')]);
    await waitReady(1);
    expect(items().map((i) => i.dataset.name)).toEqual(['one.pdf']);
    pick([makeFile('b.png', 'image/png')]);
    await flush(4);
    expect(items()).toHaveLength(1);
    expect(api.callsOf('attachments.stageBegin')).toHaveLength(2);
  });

  it('checks the rule again with the type the backend sniffed', async () => {
    const api = new FakeApi();
    // "fake.png" is really a PDF.
    api.sniff = (f) => (f.fileName === 'fake.png' ? 'application/pdf' : f.declaredType ?? 'application/octet-stream');
    await open(api);
    pick([makeFile('real.png', 'image/png'), makeFile('fake.png', 'image/png')]);
    await waitFor(() => expect(toasts()).toEqual([en.composeCannotMix]));
    expect(items().map((i) => i.dataset.name)).toEqual(['real.png']);
    // The refused file is gone from the backend too.
    expect([...api.staged.values()].map((f) => f.fileName)).toEqual(['real.png']);
  });

  it('refuses a file over 10 MB that cannot shrink, before sending any byte', async () => {
    const api = new FakeApi();
    await open(api);
    pick([new File([new Uint8Array(10_000_001)], 'huge.zip', { type: 'application/zip' })]);
    await flush(4);
    expect(toasts()).toEqual([en.composeFileTooLarge]);
    expect(api.callsOf('attachments.stageBegin')).toHaveLength(0);
  });

  it('shows the backend refusing a file as too large with the official text, and any other failure as "Error attaching file"', async () => {
    const api = new FakeApi();
    api.stagedSizeLimit = 500;
    await open(api);
    pick([makeFile('still-big.png', 'image/png', 600)]);
    await waitFor(() => expect(toasts()).toEqual([en.composeFileTooLarge]));
    expect(items()).toHaveLength(0);
    api.failNextStageEnd = new IpcError('internal', 'Something went wrong. Please try again.');
    pick([makeFile('broken.png', 'image/png', 100)]);
    await waitFor(() => expect(toasts()).toContain(en.composeAttachError));
    expect(items()).toHaveLength(0);
    // An empty file cannot be sent either.
    pick([new File([], 'empty.txt', { type: 'text/plain' })]);
    await flush(4);
    expect(api.callsOf('attachments.stageBegin')).toHaveLength(2);
  });

  it('refuses attachments while our message request is not approved', async () => {
    const api = new FakeApi();
    api.conversations.push(conversation(BOB, { name: 'Bob', updatedAt: 1, approvedMe: false }));
    await open(api);
    const input = screen.getByTestId('composer-file-input') as HTMLInputElement;
    const click = jest.spyOn(input, 'click').mockImplementation(() => {});
    fireEvent.click(screen.getByRole('button', { name: en.composeAttach }));
    expect(click).not.toHaveBeenCalled();
    expect(toasts()).toEqual([en.composeRequestPending]);
    expect(screen.getByTestId('composer').getAttribute('data-awaiting-approval')).toBe('true');
    fireEvent.drop(screen.getByTestId('conversation-view'), { dataTransfer: { types: ['Files'], files: [makeFile('a.png', 'image/png')] } });
    await flush(4);
    expect(api.callsOf('attachments.stageBegin')).toHaveLength(0);
    expect(toasts()).toEqual([en.composeRequestPending, en.composeRequestPending]);
    // Once they approve, attaching works.
    const c = api.conversations.find((x) => x.id === BOB)!;
    delete c.approvedMe;
    act(() => api.emit('conversations.updated', { conversations: [{ ...c }] }));
    expect(screen.getByTestId('composer').hasAttribute('data-awaiting-approval')).toBe(false);
    pick([makeFile('a.png', 'image/png')]);
    await waitReady(1);
  });
});

describe('sending', () => {
  it('sends the text as the caption of the staged files, then empties the rail', async () => {
    const api = new FakeApi();
    await open(api);
    pick([makeFile('a.png', 'image/png'), makeFile('b.png', 'image/png')]);
    await waitReady(2);
    const ids = api.callsOf('attachments.stageEnd').map((c) => (c.params as { stageId: string }).stageId);
    const input = screen.getByLabelText(en.composerLabel);
    fireEvent.change(input, { target: { value: 'our holiday' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await flush(4);
    expect(api.callsOf('messages.send').map((c) => c.params)).toEqual([{ to: BOB, text: 'our holiday', attachments: ids.map((stageId) => ({ stageId })) }]);
    expect(items()).toHaveLength(0);
    expect(api.messages[0]!.attachments?.map((a) => a.contentType)).toEqual(['image/png', 'image/png']);
  });

  it('sends files without text', async () => {
    const api = new FakeApi();
    await open(api);
    pick([makeFile('doc.pdf', 'application/pdf')]);
    await waitReady(1);
    fireEvent.click(screen.getByTestId('composer-send'));
    await flush(4);
    const sent = api.callsOf('messages.send')[0]!.params as MethodParams<'messages.send'>;
    expect(sent.text).toBe('');
    expect(sent.attachments).toHaveLength(1);
    // The optimistic row then the backend's row carry the file.
    await waitFor(() => expect(screen.getAllByTestId('message').length).toBe(1));
  });

  it('puts the files back on the rail when the send fails', async () => {
    const api = new FakeApi();
    await open(api);
    pick([makeFile('a.png', 'image/png')]);
    await waitReady(1);
    const call = api.call.bind(api);
    jest.spyOn(api, 'call').mockImplementation(async (method, params) => {
      if (method === 'messages.send') throw new IpcError('network', 'The network is down.');
      return call(method, params);
    });
    fireEvent.click(screen.getByTestId('composer-send'));
    await flush(4);
    expect(items().map((i) => i.dataset.name)).toEqual(['a.png']);
    expect(toasts()).toEqual([en.sendFailed.replace('{message}', 'The network is down.')]);
  });
});
