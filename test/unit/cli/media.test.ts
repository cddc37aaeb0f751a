// The media commands of CLI contract v2 against the fake backend, with real files in a temporary folder:
// send --attach/--voice (files staged in chunks, checked before anything is staged, unstaged on failure),
// download (waits for every attachment, writes DIR/<safe name> atomically and never over a file, exits 1
// for what could not be downloaded), avatar FILE|--clear, avatarPath in contacts, attachments in rows.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError, parseArgs } from '../../../ts/cli/args';
import { runCli } from '../../../ts/cli/run';
import type { AttachmentView, ContactView } from '../../../ts/ipc/contract';
import { MEDIA_CHUNK_BYTES } from '../../../ts/ipc/contract';
import { IpcError } from '../../../ts/ipc/errors';
import { ALICE, BOB, account, fakeBackend, io, msg, realSleep } from './fakeBackend';

const MID = 'ab'.repeat(16);
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-media-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A fake backend whose profile folder is the test's temporary folder. */
function backend(...args: Parameters<typeof fakeBackend>) {
  const b = fakeBackend(...args);
  Object.assign(b.backend, { profileDir: path.join(tmp, 'profile') });
  fs.mkdirSync(path.join(tmp, 'profile'), { recursive: true });
  return b;
}

const names = (b: ReturnType<typeof fakeBackend>) => b.calls.map(([m]) => m).filter((m) => m !== 'account.get');

function att(over: Partial<AttachmentView> = {}): AttachmentView {
  return { index: 0, fileName: 'photo.jpg', contentType: 'image/jpeg', size: 3, voice: false, state: 'downloaded', hasThumbnail: false, ...over };
}

describe('session-cli media: parsing', () => {
  it.each([
    [['send', BOB, 'look', '--attach', 'a.jpg'], { name: 'send', to: BOB, text: 'look', attachments: ['a.jpg'] }],
    [['send', BOB, '', '--attach', 'a.jpg', '--attach=b c.pdf'], { name: 'send', to: BOB, text: '', attachments: ['a.jpg', 'b c.pdf'] }],
    [['send', BOB, '--attach', 'a.jpg'], { name: 'send', to: BOB, text: '', attachments: ['a.jpg'] }],
    [['send', '--voice', BOB, '--attach', 'v.mp3'], { name: 'send', to: BOB, text: '', attachments: ['v.mp3'], voice: true }],
    [['send', BOB, '--attach', '-', '--', '--caption'], { name: 'send', to: BOB, text: '--caption', attachments: ['-'] }],
    [['send', BOB, 'about that', '--quote', MID.toUpperCase()], { name: 'send', to: BOB, text: 'about that', quote: MID }],
    [['react', MID, '👍'], { name: 'react', messageId: MID, emoji: '👍' }],
    [['unreact', MID, '--', '❤️'], { name: 'unreact', messageId: MID, emoji: '❤️' }],
    [['download', MID.toUpperCase()], { name: 'download', messageId: MID }],
    [['download', MID, '--out', 'some dir'], { name: 'download', messageId: MID, outDir: 'some dir' }],
    [['avatar', 'me.png'], { name: 'avatar', file: 'me.png' }],
    [['avatar', '--clear'], { name: 'avatar', file: null }],
  ])('parses %j', (argv, command) => {
    expect(parseArgs(argv).command).toEqual(command);
  });

  it.each([
    [['send', BOB, ''], /must not be empty \(it may be "" only with --attach\)/],
    [['send', BOB], /Missing argument for "send"/],
    [['send', BOB, 'x', '--voice'], /--voice marks a single attached file.*exactly one --attach/],
    [['send', BOB, 'x', '--voice', '--attach', 'a', '--attach', 'b'], /exactly one --attach/],
    [['send', BOB, 'x', '--attach'], /--attach needs a value/],
    [['send', BOB, 'x', '--attach='], /--attach needs a file name/],
    [['send', BOB, 'x', ...Array.from({ length: 33 }, (_, i) => `--attach=f${i}`)], /Too many files: at most 32 per message \(33 given\)/],
    [['send', BOB, 'x', '--quote', 'nope'], /Invalid message id "nope"/],
    [['send', BOB, 'x', '--voice', '--voice', '--attach', 'a'], /--voice is given more than once/],
    [['receive', '--attach', 'a'], /--attach does not apply to "receive"/],
    [['download'], /Missing argument for "download": expected a MESSAGE_ID/],
    [['download', 'nope'], /Invalid message id "nope"/],
    [['download', MID, '--out'], /--out needs a value/],
    [['download', MID, '--out', 'a', '--out', 'b'], /--out is given more than once/],
    [['react', MID], /Missing argument for "react": expected MESSAGE_ID and EMOJI/],
    [['unreact', 'nope', '👍'], /Invalid message id "nope"/],
    [['react', MID, ''], /must be one emoji/],
    [['react', MID, '👍', '--quote', MID], /--quote does not apply to "react"/],
    [['avatar'], /Missing argument for "avatar": expected a FILE/],
    [['avatar', 'a.png', '--clear'], /Too many arguments for "avatar": expected no FILE with --clear/],
    [['avatar', 'a.png', 'b.png'], /Too many arguments for "avatar"/],
  ])('rejects %j with a usage error', (argv, message) => {
    let caught: unknown;
    try {
      parseArgs(argv);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as Error).message).toMatch(message);
  });
});

describe('session-cli media: send --attach', () => {
  /** Staging handlers that keep the chunks they were given, by stage id. */
  function staging() {
    const chunks = new Map<string, Buffer[]>();
    let next = 0;
    return {
      chunks,
      handlers: {
        'attachments.stageBegin': () => {
          const stageId = `s${next++}`;
          chunks.set(stageId, []);
          return { stageId };
        },
        'attachments.stageChunk': (p: { stageId: string; dataBase64: string }) => {
          chunks.get(p.stageId)!.push(Buffer.from(p.dataBase64, 'base64'));
          return { received: 0 };
        },
        'attachments.stageEnd': (p: { stageId: string; voice?: boolean }) => ({
          stageId: p.stageId,
          contentType: 'application/octet-stream',
          size: Buffer.concat(chunks.get(p.stageId)!).length,
          voice: p.voice === true,
          hasThumbnail: false,
        }),
        'attachments.unstage': (p: { stageId: string }) => p,
      },
    };
  }

  it('stages each file in order, in chunks of MEDIA_CHUNK_BYTES, then sends them with the text and waits for the store', async () => {
    const big = Buffer.alloc(MEDIA_CHUNK_BYTES * 2 + 17, 7);
    big.write('head', 0);
    fs.writeFileSync(path.join(tmp, 'big.bin'), big);
    fs.writeFileSync(path.join(tmp, 'note.txt'), 'hello');
    const s = staging();
    const b = backend({
      ...account,
      ...s.handlers,
      'messages.send': () => {
        setTimeout(() => b.events.emit('messages.updated', { messages: [msg({ status: 'sent' })] }), 1);
        return msg({ text: '' });
      },
    });
    const t = io(b, { sleep: realSleep });
    expect(await runCli(['--json', 'send', BOB, '', '--attach', path.join(tmp, 'big.bin'), '--attach', path.join(tmp, 'note.txt')], t.value)).toBe(0);
    expect(t.lines()).toEqual([{ id: 'm1', timestamp: 1000, status: 'sent' }]);
    expect(names(b)).toEqual([
      'attachments.stageBegin',
      'attachments.stageChunk',
      'attachments.stageChunk',
      'attachments.stageChunk',
      'attachments.stageEnd',
      'attachments.stageBegin',
      'attachments.stageChunk',
      'attachments.stageEnd',
      'followUps.mark',
      'messages.send',
      'followUps.settle',
    ]);
    expect(b.calls.filter(([m]) => m === 'attachments.stageBegin').map(([, p]) => p)).toEqual([
      { fileName: 'big.bin', size: big.length },
      { fileName: 'note.txt', size: 5, contentType: 'text/plain' },
    ]);
    expect(s.chunks.get('s0')!.map((c) => c.length)).toEqual([MEDIA_CHUNK_BYTES, MEDIA_CHUNK_BYTES, 17]);
    expect(Buffer.concat(s.chunks.get('s0')!).equals(big)).toBe(true);
    expect(b.calls.filter(([m]) => m === 'attachments.stageChunk').map(([, p]) => (p as { offset: number }).offset)).toEqual([
      0,
      MEDIA_CHUNK_BYTES,
      MEDIA_CHUNK_BYTES * 2,
      0,
    ]);
    expect(b.calls.find(([m]) => m === 'messages.send')![1]).toEqual({ to: BOB, text: '', attachments: [{ stageId: 's0' }, { stageId: 's1' }] });
  });

  it('--voice stages the file as a voice message', async () => {
    fs.writeFileSync(path.join(tmp, 'v.mp3'), Buffer.from([0xff, 0xfb, 0x90, 0x00]));
    const s = staging();
    const b = backend({
      ...account,
      ...s.handlers,
      'messages.send': () => msg({ status: 'sent' }),
    });
    const t = io(b);
    expect(await runCli(['--json', 'send', BOB, '', '--voice', '--attach', path.join(tmp, 'v.mp3')], t.value)).toBe(0);
    expect(b.calls.find(([m]) => m === 'attachments.stageEnd')![1]).toEqual({ stageId: 's0', voice: true });
  });

  it('refuses an empty, missing or non-regular file with exit 2 before staging anything', async () => {
    fs.writeFileSync(path.join(tmp, 'ok.txt'), 'x');
    fs.writeFileSync(path.join(tmp, 'empty.txt'), '');
    fs.mkdirSync(path.join(tmp, 'folder'));
    const cases: Array<[string, RegExp]> = [
      ['empty.txt', /Cannot attach ".*empty\.txt": the file is empty \(0 bytes\), and receivers refuse empty attachments\./],
      ['missing.txt', /Cannot read ".*missing\.txt": no such file\./],
      ['folder', /Cannot attach ".*folder": it is not a regular file\./],
    ];
    for (const [file, message] of cases) {
      const b = backend({ ...account, ...staging().handlers });
      fs.rmSync(path.join(tmp, 'profile'), { recursive: true });
      const t = io(b);
      // The good file comes first: it must not be staged either.
      expect(await runCli(['--json', 'send', BOB, 'x', '--attach', path.join(tmp, 'ok.txt'), '--attach', path.join(tmp, file)], t.value)).toBe(2);
      expect(t.err.join('')).toMatch(message);
      expect(names(b)).toEqual([]);
      expect(t.out).toEqual([]);
    }
  });

  it('drops what it staged when the backend refuses a file or the send, and keeps the backend\'s exit code', async () => {
    fs.writeFileSync(path.join(tmp, 'a.txt'), 'a');
    fs.writeFileSync(path.join(tmp, 'huge.bin'), 'b');
    const s = staging();
    const b = backend({
      ...account,
      ...s.handlers,
      'attachments.stageEnd': (p: { stageId: string }) => {
        if (p.stageId === 's1') throw new IpcError('invalid_params', 'This file is too large to send (9,828,080 bytes at most).');
        return { stageId: p.stageId, contentType: 'text/plain', size: 1, voice: false, hasThumbnail: false };
      },
    });
    const t = io(b);
    expect(await runCli(['send', BOB, 'x', '--attach', path.join(tmp, 'a.txt'), '--attach', path.join(tmp, 'huge.bin')], t.value)).toBe(2);
    expect(t.err.join('')).toMatch(/^Preparing a\.txt\.\.\.\nPreparing huge\.bin\.\.\.\nsession-cli: This file is too large to send \(9,828,080 bytes at most\)\.\n$/);
    expect(b.calls.filter(([m]) => m === 'attachments.unstage').map(([, p]) => p)).toEqual([{ stageId: 's1' }, { stageId: 's0' }]);
    expect(names(b)).not.toContain('messages.send');

    const s2 = staging();
    const f = backend({
      ...account,
      ...s2.handlers,
      'messages.send': () => {
        throw new IpcError('not_found', 'No such ONS name.');
      },
    });
    fs.rmSync(path.join(tmp, 'profile'), { recursive: true });
    const u = io(f);
    expect(await runCli(['send', 'somebody', 'x', '--attach', path.join(tmp, 'a.txt')], u.value)).toBe(1);
    expect(f.calls.filter(([m]) => m === 'attachments.unstage').map(([, p]) => p)).toEqual([{ stageId: 's0' }]);
  });
});

describe('session-cli media: attachments in message rows', () => {
  const withFiles = msg({
    id: MID,
    direction: 'incoming',
    sender: BOB,
    text: '',
    status: 'received',
    attachments: [att({ index: 1, fileName: undefined, contentType: 'audio/mpeg', size: 2048, voice: true, state: 'not-downloaded' }), att({ size: 1_500_000 })],
  });

  it('receive and messages add "attachments" (in index order) only to messages that have some', async () => {
    const plain = msg({ id: 'p1', direction: 'incoming', sender: BOB, status: 'received' });
    const b = backend({ ...account, 'sync.pollNow': () => ({}), 'messages.takeNew': () => [withFiles, plain], 'messages.list': () => [withFiles, plain] });
    const rows = [
      {
        id: MID,
        conversationId: BOB,
        sender: BOB,
        text: '',
        timestamp: 1000,
        attachments: [
          { index: 0, fileName: 'photo.jpg', contentType: 'image/jpeg', size: 1_500_000, voice: false, downloaded: true },
          { index: 1, fileName: null, contentType: 'audio/mpeg', size: 2048, voice: true, downloaded: false },
        ],
      },
      { id: 'p1', conversationId: BOB, sender: BOB, text: 'hi', timestamp: 1000 },
    ];
    const r = io(b);
    expect(await runCli(['--json', 'receive'], r.value)).toBe(0);
    expect(r.lines()).toEqual(rows);
    const m = io(b);
    expect(await runCli(['--json', 'messages', BOB], m.value)).toBe(0);
    expect(m.lines()).toEqual(rows.map((row) => ({ ...row, direction: 'incoming', receivedAt: 1001, status: 'received' })));
  });

  it('shows people the attachments in the text column', async () => {
    const b = backend({ ...account, 'messages.list': () => [{ ...withFiles, text: 'look', unsupported: ['attachments' as const, 'quote' as const] }] });
    const t = io(b);
    expect(await runCli(['messages', BOB], t.value)).toBe(0);
    expect(t.out.join('')).toMatch(/look \[photo\.jpg, 1\.5 MB\] \[voice message, 2\.0 KB, not-downloaded\] \[not shown: quote\]\n$/);
  });
});

describe('session-cli media: download', () => {
  const bytesOf: Record<number, Buffer> = { 0: Buffer.from('first file'), 1: Buffer.alloc(MEDIA_CHUNK_BYTES + 5, 1) };

  /**
   * A backend whose message has `list` attachments: download answers with them as given; each later read
   * of the message (messages.page) moves every non-final one a step on: queued → downloading → `final`.
   */
  function downloading(list: AttachmentView[], final: Partial<Record<number, Partial<AttachmentView>>> = {}) {
    let current = msg({ id: MID, direction: 'incoming', sender: BOB, status: 'received', attachments: list });
    const step = (a: AttachmentView): AttachmentView =>
      a.state === 'queued' ? { ...a, state: 'downloading' } : a.state === 'downloading' ? { ...a, state: 'downloaded', ...final[a.index] } : a;
    const b = backend({
      ...account,
      'attachments.download': () => {
        setTimeout(() => b.events.emit('messages.updated', { messages: [current] }), 1);
        return current;
      },
      'messages.page': (p: { around: string }) => {
        expect(p).toEqual({ conversationId: BOB, around: MID, limit: 1 });
        current = { ...current, attachments: current.attachments!.map(step) };
        return { messages: [current], hasOlder: false, hasNewer: false };
      },
      'attachments.read': (p: { index: number; offset?: number }) => {
        const all = bytesOf[p.index]!;
        const offset = p.offset ?? 0;
        return { dataBase64: all.subarray(offset, offset + MEDIA_CHUNK_BYTES).toString('base64'), offset, total: all.length, contentType: 'image/png' };
      },
    });
    return b;
  }

  it('waits for every attachment, then writes each to DIR/<safe name>, numbered when taken, and prints one record each', async () => {
    // A folder that does not exist yet is created (with its parents).
    const out = path.join(tmp, 'out', 'photos');
    const b = downloading([att({ state: 'queued', fileName: 'photo.jpg' }), att({ index: 1, state: 'queued', fileName: 'photo.jpg', size: bytesOf[1]!.length })]);
    const t = io(b);
    expect(await runCli(['--json', 'download', MID, '--out', out], t.value)).toBe(0);
    const expected = (index: number, name: string) => ({
      messageId: MID,
      index,
      path: path.join(out, name),
      fileName: 'photo.jpg',
      contentType: 'image/png',
      size: bytesOf[index]!.length,
      sha256: sha256(bytesOf[index]!),
    });
    expect(t.lines()).toEqual([expected(0, 'photo.jpg'), expected(1, 'photo (1).jpg')]);
    expect(fs.readFileSync(path.join(out, 'photo.jpg')).equals(bytesOf[0]!)).toBe(true);
    expect(fs.readFileSync(path.join(out, 'photo (1).jpg')).equals(bytesOf[1]!)).toBe(true);
    expect(b.calls.find(([m]) => m === 'attachments.download')![1]).toEqual({ messageId: MID });
    // Read in chunks from where the last one ended.
    expect(b.calls.filter(([m]) => m === 'attachments.read').map(([, p]) => p)).toEqual([
      { messageId: MID, index: 0, offset: 0 },
      { messageId: MID, index: 1, offset: 0 },
      { messageId: MID, index: 1, offset: MEDIA_CHUNK_BYTES },
    ]);

    // Again into the same folder: nothing is overwritten, and no temporary file is left behind.
    const again = io(downloading([att({ state: 'downloaded', fileName: 'photo.jpg' })]));
    expect(await runCli(['--json', 'download', MID, '--out', out], again.value)).toBe(0);
    expect(again.lines()).toEqual([expected(0, 'photo (2).jpg')]);
    expect(fs.readdirSync(out).sort()).toEqual(['photo (1).jpg', 'photo (2).jpg', 'photo.jpg']);
  });

  it('writes into the profile\'s downloads folder without --out, under a generic name when the sender gave none', async () => {
    const b = downloading([att({ fileName: undefined, contentType: 'image/png' })]);
    const t = io(b);
    expect(await runCli(['--json', 'download', MID], t.value)).toBe(0);
    const file = path.join(tmp, 'profile', 'downloads', 'attachment.png');
    expect(t.lines()).toEqual([expect.objectContaining({ path: file, fileName: null })]);
    expect(fs.readFileSync(file).equals(bytesOf[0]!)).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('never lets a name from the network leave the folder or carry control characters', async () => {
    const out = path.join(tmp, 'out');
    const b = downloading([att({ fileName: '../../etc/\u0007pass\u202ewd\n.jpg' })]);
    const t = io(b);
    expect(await runCli(['--json', 'download', MID, '--out', out], t.value)).toBe(0);
    const written = (t.lines()[0] as { path: string }).path;
    expect(path.dirname(written)).toBe(out);
    // Separators became "_", the leading dots and the control and direction characters are gone.
    expect(path.basename(written)).toBe('_.._etc_passwd.jpg');
    expect(fs.readdirSync(out)).toEqual(['_.._etc_passwd.jpg']);
  });

  it('writes what arrived, then exits 1 naming each attachment that failed or expired', async () => {
    const out = path.join(tmp, 'out');
    const b = downloading(
      [att({ state: 'queued' }), att({ index: 1, fileName: 'gone.pdf', state: 'queued' }), att({ index: 2, fileName: 'bad.bin', state: 'queued' })],
      { 1: { state: 'expired' }, 2: { state: 'failed', error: 'The attachment does not match its digest.' } },
    );
    const t = io(b);
    expect(await runCli(['--json', 'download', MID, '--out', out], t.value)).toBe(1);
    expect(t.lines()).toEqual([expect.objectContaining({ index: 0, path: path.join(out, 'photo.jpg') })]);
    expect(t.err.join('')).toBe(
      'session-cli: attachment 1 (gone.pdf) has expired: the file server no longer has it; attachment 2 (bad.bin) could not be downloaded: The attachment does not match its digest.\n',
    );
    expect(fs.readdirSync(out)).toEqual(['photo.jpg']);
  });

  it('gives up after SESSION_CLI_WAIT_MS with exit 1, saying the download goes on later', async () => {
    const b = downloading([att({ state: 'not-downloaded' })]);
    const t = io(b, { env: { SESSION_CLI_WAIT_MS: '5000' } });
    expect(await runCli(['download', MID, '--out', path.join(tmp, 'out')], t.value)).toBe(1);
    expect(t.err.join('')).toMatch(/attachment 0 \(photo\.jpg\) was not downloaded within 5 s \(not-downloaded\); the download goes on the next time this profile is opened\.\n$/);
    // Nothing to write: the folder was not even created.
    expect(fs.existsSync(path.join(tmp, 'out'))).toBe(false);
  });

  it('exits 1 for a message without attachments or one that does not exist, and 2 when --out is a file', async () => {
    const none = backend({ ...account, 'attachments.download': () => msg({ id: MID }) });
    const n = io(none);
    expect(await runCli(['download', MID, '--out', path.join(tmp, 'new', 'dir')], n.value)).toBe(1);
    expect(n.err.join('')).toBe(`session-cli: Message ${MID} has no attachments.\n`);
    expect(fs.existsSync(path.join(tmp, 'new'))).toBe(false);

    fs.rmSync(path.join(tmp, 'profile'), { recursive: true });
    const missing = backend({ ...account, 'attachments.download': () => { throw new IpcError('not_found', 'No such message.'); } });
    const m = io(missing);
    expect(await runCli(['download', MID], m.value)).toBe(1);
    expect(m.err.join('')).toBe('session-cli: No such message.\n');

    fs.writeFileSync(path.join(tmp, 'a-file'), 'x');
    const f = io(missing);
    expect(await runCli(['download', MID, '--out', path.join(tmp, 'a-file')], f.value)).toBe(2);
    expect(f.err.join('')).toMatch(/Cannot write to ".*a-file": it is not a folder\./);
  });
});

describe('session-cli media: avatar and avatarPath', () => {
  const picture = Buffer.from('re-encoded jpeg bytes');

  it('avatar FILE stages it as a profile picture, sets it, waits for the config push and prints url and sha256', async () => {
    fs.writeFileSync(path.join(tmp, 'me.png'), 'original png');
    const b = backend({
      ...account,
      'attachments.stageBegin': () => ({ stageId: 'a1' }),
      'attachments.stageChunk': () => ({ received: 12 }),
      'attachments.stageEnd': (p: { stageId: string }) => ({ stageId: p.stageId, contentType: 'image/jpeg', size: picture.length, voice: false, hasThumbnail: false }),
      'account.setAvatar': () => ({ sessionId: ALICE, displayName: 'Alice', avatarVersion: 'v1', avatarUrl: 'http://127.0.0.1:9/file/42' }),
      'avatars.get': (p: { id: string }) => (p.id === ALICE ? { dataBase64: picture.toString('base64'), contentType: 'image/jpeg', version: 'v1' } : null),
    });
    const t = io(b);
    expect(await runCli(['--json', 'avatar', path.join(tmp, 'me.png')], t.value)).toBe(0);
    expect(t.lines()).toEqual([{ sessionId: ALICE, avatar: { url: 'http://127.0.0.1:9/file/42', sha256: sha256(picture) } }]);
    expect(names(b)).toEqual([
      'attachments.stageBegin',
      'attachments.stageChunk',
      'attachments.stageEnd',
      'followUps.mark',
      'account.setAvatar',
      'followUps.settle',
      'avatars.get',
    ]);
    expect(b.calls.find(([m]) => m === 'attachments.stageEnd')![1]).toEqual({ stageId: 'a1', purpose: 'avatar' });
    expect(b.calls.find(([m]) => m === 'account.setAvatar')![1]).toEqual({ stageId: 'a1' });
  });

  it('avatar --clear removes it; a failed config push exits 1 after the record; an empty file exits 2', async () => {
    const b = backend(
      { ...account, 'account.setAvatar': () => ({ sessionId: ALICE, displayName: 'Alice' }) },
      { failed: [{ source: 'config', kind: 'config-push', id: '1', destination: ALICE, attempts: 6, error: 'The network is unreachable.', earlier: false }] },
    );
    const t = io(b);
    expect(await runCli(['--json', 'avatar', '--clear'], t.value)).toBe(1);
    expect(t.lines()).toEqual([{ sessionId: ALICE, avatar: null }]);
    expect(b.calls.find(([m]) => m === 'account.setAvatar')![1]).toEqual({ stageId: null });
    expect(t.err.join('')).toMatch(/Not everything was stored: the settings update for your other devices: The network is unreachable/);

    fs.writeFileSync(path.join(tmp, 'empty.png'), '');
    const e = io(b);
    expect(await runCli(['avatar', path.join(tmp, 'empty.png')], e.value)).toBe(2);
  });

  it('contacts writes each decrypted picture under the profile, keyed by contact and version, and removes older copies', async () => {
    let version = 'v1';
    let bytes = Buffer.from('bob picture 1');
    const bob: ContactView = { id: BOB, profileName: 'Bob', approved: true, approvedMe: true, blocked: false };
    const b = backend({
      ...account,
      'contacts.list': () => [{ ...bob, avatarVersion: version }, { ...bob, id: ALICE, profileName: 'Me' }],
      'avatars.get': (p: { id: string }) => (p.id === BOB ? { dataBase64: bytes.toString('base64'), contentType: 'image/png', version } : null),
    });
    const first = io(b);
    expect(await runCli(['--json', 'contacts'], first.value)).toBe(0);
    const [bobRow, meRow] = first.lines() as Array<{ avatarPath: string | null }>;
    const dir = path.join(tmp, 'profile', 'decrypted-avatars');
    expect(path.dirname(bobRow!.avatarPath!)).toBe(dir);
    expect(path.basename(bobRow!.avatarPath!)).toMatch(new RegExp(`^${BOB}-[0-9a-f]{16}\\.png$`));
    expect(fs.readFileSync(bobRow!.avatarPath!).equals(bytes)).toBe(true);
    expect(meRow!.avatarPath).toBeNull();
    // Only the contact with a picture was asked for it.
    expect(b.calls.filter(([m]) => m === 'avatars.get').map(([, p]) => p)).toEqual([{ id: BOB }]);

    // The same picture again: the same path. A new one: a new path, and the old copy is gone.
    const same = io(b);
    expect(await runCli(['--json', 'contacts'], same.value)).toBe(0);
    expect((same.lines()[0] as { avatarPath: string }).avatarPath).toBe(bobRow!.avatarPath);
    version = 'v2';
    bytes = Buffer.from('bob picture 2');
    const next = io(b);
    expect(await runCli(['--json', 'contacts'], next.value)).toBe(0);
    const newPath = (next.lines()[0] as { avatarPath: string }).avatarPath;
    expect(newPath).not.toBe(bobRow!.avatarPath);
    expect(fs.readFileSync(newPath).equals(bytes)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual([path.basename(newPath)]);
  });
});
