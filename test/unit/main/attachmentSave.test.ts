// "Save as" for attachments in the Electron host, against a mocked `electron` module: the renderer's
// attachments.save is answered with the native Save dialog (a free name in Downloads, overwrite confirmed
// by the dialog), the decrypted bytes read in chunks and written where the user chose.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as electron from 'electron';
import { MEDIA_CHUNK_BYTES, type AttachmentSaveResult } from '../../../ts/ipc/contract';
import { IpcError } from '../../../ts/ipc/errors';
import type { HostBackend as Backend } from '../../../ts/backend/types';
import { silentLogger } from '../../../ts/backend/log';
import { runMain, type ElectronModule, type MainDeps } from '../../../main/app';
import { saveAttachment, saveAttachmentDialogOptions, SAVE_ATTACHMENT_TITLE } from '../../../main/attachmentSave';
import { FakeBrowserWindow, type FakeElectron } from './fakeElectron';

jest.mock('electron', () => jest.requireActual('./fakeElectron').createFakeElectron());
const fake = electron as unknown as FakeElectron;

const FILE = new Uint8Array(MEDIA_CHUNK_BYTES + 10).map((_, i) => i % 251);

function fakeBackend(answer: AttachmentSaveResult | IpcError = { outcome: 'renderer', fileName: 'report.pdf', contentType: 'application/pdf' }) {
  const save = jest.fn(async () => {
    if (answer instanceof IpcError) throw answer;
    return answer;
  });
  const read = jest.fn(async ({ offset = 0 }: { messageId: string; index: number; offset?: number }) => {
    const slice = FILE.subarray(offset, offset + MEDIA_CHUNK_BYTES);
    return { dataBase64: Buffer.from(slice).toString('base64'), offset, total: FILE.length, contentType: 'application/pdf' };
  });
  const backend = {
    handlers: { 'attachments.save': save, 'attachments.read': read, 'settings.getAll': jest.fn(async () => ({})) },
    on: () => () => undefined,
    network: 'mainnet',
    profile: 'default',
    profileDir: '/data/mainnet/default',
    prefs: { get: () => ({ theme: 'classic-dark', accent: 'green', zoomFactor: 1, hideMenuBar: true }), update: () => undefined },
    log: silentLogger,
    close: jest.fn(async () => undefined),
  };
  return { backend: backend as unknown as Backend, save, read };
}

function deps(backend: Backend, over: Partial<MainDeps> = {}): MainDeps & { attached: Backend[] } {
  const attached: Backend[] = [];
  return {
    electron: electron as unknown as ElectronModule,
    argv: [],
    platform: 'linux',
    paths: { preload: '/app/build/preload/preload.js', rendererHtml: '/app/build/renderer/index.html', nativeBinding: '/app/native.node', icon: '/app/icon.png' },
    openBackend: async () => backend,
    attachIpc: jest.fn((b: Backend) => {
      attached.push(b);
      return () => undefined;
    }),
    fileExists: () => true,
    makePrivateDir: jest.fn(),
    log: silentLogger,
    defaultDataRoot: '/home/user/.config/session-ts',
    ...over,
    attached,
  };
}

beforeEach(() => {
  fake.app.removeAllListeners();
  FakeBrowserWindow.instances = [];
  jest.clearAllMocks();
});

describe('Save attachment (Electron)', () => {
  it("answers the renderer's attachments.save with the Save dialog and writes the decrypted bytes", async () => {
    const { backend, save, read } = fakeBackend();
    const writeBytes = jest.fn(async (_file: string, _bytes: Uint8Array) => undefined);
    const d = deps(backend, { writeBytes });
    await runMain(d);
    const main = FakeBrowserWindow.instances[0]!;
    const ipc = d.attached[0]!;
    fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/home/user/Downloads/report.pdf' });
    await expect(ipc.handlers['attachments.save']({ messageId: 'm1', index: 2 })).resolves.toEqual({ outcome: 'saved', path: '/home/user/Downloads/report.pdf' });
    expect(save).toHaveBeenCalledWith({ messageId: 'm1', index: 2 });
    expect(fake.dialog.showSaveDialog).toHaveBeenCalledWith(main, {
      title: SAVE_ATTACHMENT_TITLE,
      defaultPath: path.join('/home/user/downloads', 'report.pdf'),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    // Two chunks, in order, written as one file.
    expect(read.mock.calls.map((c) => c[0].offset)).toEqual([0, MEDIA_CHUNK_BYTES]);
    expect(writeBytes).toHaveBeenCalledTimes(1);
    expect(new Uint8Array(writeBytes.mock.calls[0]![1])).toEqual(FILE);

    // Cancelled: nothing read, nothing written.
    fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    await expect(ipc.handlers['attachments.save']({ messageId: 'm1', index: 2 })).resolves.toEqual({ outcome: 'cancelled' });
    expect(writeBytes).toHaveBeenCalledTimes(1);

    // A failed write reaches the page as an error a person can read.
    writeBytes.mockRejectedValueOnce(new Error('EACCES: permission denied'));
    fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/root/x.pdf' });
    await expect(ipc.handlers['attachments.save']({ messageId: 'm1', index: 2 })).rejects.toMatchObject({
      code: 'internal',
      message: 'The file could not be saved: EACCES: permission denied',
    });
  });

  it('passes the backend’s refusal through without opening a dialog', async () => {
    const { backend } = fakeBackend(new IpcError('unavailable', 'This attachment is not downloaded yet.'));
    const d = deps(backend);
    await runMain(d);
    await expect(d.attached[0]!.handlers['attachments.save']({ messageId: 'm1', index: 0 })).rejects.toMatchObject({ code: 'unavailable', message: 'This attachment is not downloaded yet.' });
    expect(fake.dialog.showSaveDialog).not.toHaveBeenCalled();
  });

  it('offers a name not taken yet in the folder, and works without a parent window', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attachment-save-'));
    try {
      fs.writeFileSync(path.join(dir, 'report.pdf'), 'old');
      fs.writeFileSync(path.join(dir, 'report (1).pdf'), 'old');
      expect(saveAttachmentDialogOptions(dir, 'report.pdf', fs.existsSync).defaultPath).toBe(path.join(dir, 'report (2).pdf'));
      expect(saveAttachmentDialogOptions(dir, 'README', fs.existsSync)).not.toHaveProperty('filters');
      const { backend } = fakeBackend();
      const dialog = { showSaveDialog: jest.fn(async () => ({ canceled: false, filePath: path.join(dir, 'report (2).pdf') })) };
      const written: string[] = [];
      const result = await saveAttachment(
        {
          dialog,
          parentWindow: () => null,
          downloadsDir: dir,
          handlers: backend.handlers,
          writeFile: async (file, bytes) => {
            fs.writeFileSync(file, bytes, { flag: 'wx' });
            written.push(file);
          },
          exists: fs.existsSync,
        },
        { messageId: 'm', index: 0 },
      );
      expect(result).toEqual({ outcome: 'saved', path: path.join(dir, 'report (2).pdf') });
      expect(dialog.showSaveDialog).toHaveBeenCalledWith(expect.objectContaining({ defaultPath: path.join(dir, 'report (2).pdf') }));
      expect(fs.readFileSync(path.join(dir, 'report.pdf'), 'utf8')).toBe('old');
      expect(new Uint8Array(fs.readFileSync(written[0]!))).toEqual(FILE);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
