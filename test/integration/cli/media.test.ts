// Media through session-cli (contract v2, "Rich messages"), every command its own process on one devnet:
// Alice sets a profile picture and sends Bob a JPEG carrying EXIF GPS tags; Bob's `receive` lists the
// attachment, `download --out DIR` writes it without its GPS tag (the backend re-encodes images before
// upload) and byte-equal to Alice's own copy, a second download gets " (1)"; Bob replies with a file whose
// name holds path separators and control characters, which Alice's `download` writes under a safe name
// into her profile's downloads folder; and Bob's `contacts` gives Alice's decrypted picture, byte-equal to
// what `avatar` reported. A voice message (`--voice`) arrives flagged as one. An empty file is refused with
// exit 2 before any network use, as is `--voice` with two files.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { startDevnet, type Devnet } from '../../../tools/devnet';
import { silentMp3 } from '../engine/mediaHelpers';
import { buildCli, startCli, type CliRun } from './cliProcess';

jest.setTimeout(180_000);

type Row = Record<string, unknown>;

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/**
 * Whether an EXIF block (TIFF structure, as sharp's metadata().exif gives it) has a GPS IFD with at least
 * one tag: IFD0's tag 0x8825 points to it.
 */
function hasGpsTags(exif: Buffer | undefined): boolean {
  if (exif === undefined) return false;
  const tiff = exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? exif.subarray(6) : exif;
  const le = tiff.subarray(0, 2).toString('latin1') === 'II';
  const u16 = (at: number) => (le ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (le ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd0 = u32(4);
  for (let i = 0; i < u16(ifd0); i++) {
    const entry = ifd0 + 2 + i * 12;
    if (u16(entry) === 0x8825) return u16(u32(entry + 8)) > 0;
  }
  return false;
}

describe('session-cli media (devnet)', () => {
  let devnet: Devnet;
  let tmp: string;
  const dir = (name: string) => path.join(tmp, name);

  const cli = (dataDir: string, ...args: string[]): Promise<CliRun> => startCli(devnet.info.seedUrl, dataDir, args).done;
  /** Runs a command that must succeed; its JSON lines. */
  const ok = async (dataDir: string, ...args: string[]): Promise<Row[]> => {
    const r = await cli(dataDir, ...args);
    if (r.code !== 0) throw new Error(`session-cli ${args[0]} exited ${r.code}: ${r.stderr.trim()}`);
    return r.lines;
  };

  beforeAll(async () => {
    buildCli();
    devnet = await startDevnet({ nodes: 12 });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'session-cli-media-'));
  }, 120_000);

  afterAll(async () => {
    await devnet?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('sends an image stripped of its GPS tags and an oddly named file, downloads both safely, and shows the sender\'s picture', async () => {
    const [[alice], [bob]] = await Promise.all([ok(dir('alice'), 'create', '--name', 'Alice'), ok(dir('bob'), 'create', '--name', 'Bob')]);
    const ALICE = String(alice!.sessionId);
    const BOB = String(bob!.sessionId);

    // The files: a photo with GPS coordinates in its EXIF, a profile picture, a name no disk should take as given.
    const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 200, g: 40, b: 20 } } })
      .jpeg()
      .withExif({ IFD0: { Make: 'TestCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 0/1' } })
      .toBuffer();
    expect(hasGpsTags((await sharp(photo).metadata()).exif)).toBe(true);
    fs.writeFileSync(path.join(tmp, 'photo.jpg'), photo);
    const oddName = '..\\..\\evil\u0007\u001b[31m\u202eName.txt';
    fs.writeFileSync(path.join(tmp, oddName), 'plain text, odd name');
    const portrait = await sharp({ create: { width: 300, height: 200, channels: 3, background: { r: 10, g: 120, b: 200 } } }).png().toBuffer();
    fs.writeFileSync(path.join(tmp, 'me.png'), portrait);
    fs.writeFileSync(path.join(tmp, 'empty.bin'), '');

    // An empty file is a usage error, refused before anything is staged or sent.
    const empty = await cli(dir('alice'), 'send', BOB, '', '--attach', path.join(tmp, 'empty.bin'));
    expect(empty).toMatchObject({ code: 2, lines: [] });
    expect(empty.stderr).toMatch(/^session-cli: Cannot attach ".*empty\.bin": the file is empty \(0 bytes\)/m);

    // Alice's picture: uploaded and pushed before `avatar` exits; then sent along with her next message.
    const [set] = await ok(dir('alice'), 'avatar', path.join(tmp, 'me.png'));
    expect(set).toEqual({ sessionId: ALICE, avatar: { url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/file\/\S+$/), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    const avatar = set!.avatar as { url: string; sha256: string };
    // Re-encoded (made square), so not the file as given.
    expect(avatar.sha256).not.toBe(sha256(portrait));

    // Images and other files go in separate messages (the official rule), so the photo goes alone.
    const sent = await ok(dir('alice'), 'send', BOB, '', '--attach', path.join(tmp, 'photo.jpg'));
    expect(sent).toEqual([{ id: expect.stringMatching(/^[0-9a-f]{32}$/), timestamp: expect.any(Number), status: 'sent' }]);

    const received = await ok(dir('bob'), 'receive', '--wait', '30');
    expect(received).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f]{32}$/),
        conversationId: ALICE,
        sender: ALICE,
        text: '',
        timestamp: sent[0]!.timestamp,
        // A message request: nothing is downloaded before Bob asks.
        attachments: [{ index: 0, fileName: 'photo.jpg', contentType: 'image/jpeg', size: expect.any(Number), voice: false, downloaded: false }],
      },
    ]);
    const row = received[0]!;
    const size = (row.attachments as Row[])[0]!.size;

    // Bob downloads into a folder of his choosing (created for him).
    const out = dir('bob-files');
    const files = await ok(dir('bob'), 'download', String(row.id), '--out', out);
    expect(files).toEqual([
      { messageId: row.id, index: 0, path: path.join(out, 'photo.jpg'), fileName: 'photo.jpg', contentType: 'image/jpeg', size, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
    expect(fs.readdirSync(out)).toEqual(['photo.jpg']);
    const got = fs.readFileSync(path.join(out, 'photo.jpg'));
    expect([got.length, sha256(got)]).toEqual([size, files[0]!.sha256]);
    const meta = await sharp(got).metadata();
    expect(meta.format).toBe('jpeg');
    expect([meta.width, meta.height]).toEqual([640, 480]);
    expect(hasGpsTags(meta.exif)).toBe(false);

    // Alice's own copy is the re-encoded image she uploaded: the same bytes Bob decrypted.
    const [own] = await ok(dir('alice'), 'download', String(sent[0]!.id), '--out', dir('alice-files'));
    expect(own).toMatchObject({ index: 0, size, sha256: files[0]!.sha256 });

    // Again into the same folder: a numbered name, nothing overwritten; the row now says downloaded.
    const again = await ok(dir('bob'), 'download', String(row.id), '--out', out);
    expect(again.map((f) => f.path)).toEqual([path.join(out, 'photo (1).jpg')]);
    expect(fs.readdirSync(out).sort()).toEqual(['photo (1).jpg', 'photo.jpg']);
    const listed = await ok(dir('bob'), 'messages', ALICE);
    expect(listed.map((m) => (m.attachments as Row[] | undefined)?.map((a) => a.downloaded))).toEqual([[true]]);

    // Bob answers with the oddly named file (replying accepts Alice's request); Alice downloads it into her
    // profile's downloads folder under a safe name.
    const reply = await ok(dir('bob'), 'send', ALICE, 'the notes', '--attach', path.join(tmp, oddName));
    expect(reply).toEqual([{ id: expect.any(String), timestamp: expect.any(Number), status: 'sent' }]);
    const [note] = await ok(dir('alice'), 'receive', '--wait', '30');
    const noteRow = (note!.attachments as Row[])[0]!;
    expect(note).toMatchObject({ sender: BOB, text: 'the notes', attachments: [{ index: 0, contentType: 'text/plain', size: 20, voice: false }] });
    const safeName = String(noteRow.fileName);
    expect(safeName).not.toMatch(/[/\\\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(safeName).toMatch(/evil\[31mName\.txt$/);
    const [saved] = await ok(dir('alice'), 'download', String(note!.id));
    const downloads = path.join(dir('alice'), fs.readdirSync(dir('alice')).find((n) => n.startsWith('custom-'))!, 'default', 'downloads');
    expect(saved).toEqual({
      messageId: note!.id,
      index: 0,
      path: path.join(downloads, safeName),
      fileName: safeName,
      contentType: 'text/plain',
      size: 20,
      sha256: sha256(Buffer.from('plain text, odd name')),
    });
    expect(fs.readdirSync(downloads)).toEqual([safeName]);
    expect(fs.readFileSync(path.join(downloads, safeName), 'utf8')).toBe('plain text, odd name');

    // A voice message: `--voice` marks the single attachment; Bob's row says so, and its bytes come back as sent.
    const mp3 = silentMp3(40);
    fs.writeFileSync(path.join(tmp, 'memo.mp3'), mp3);
    await ok(dir('alice'), 'send', BOB, '', '--attach', path.join(tmp, 'memo.mp3'), '--voice');
    const [voice] = await ok(dir('bob'), 'receive', '--wait', '30');
    expect(voice).toMatchObject({ sender: ALICE, text: '', attachments: [{ index: 0, contentType: 'audio/mpeg', size: mp3.length, voice: true }] });
    const [memo] = await ok(dir('bob'), 'download', String(voice!.id), '--out', path.join(tmp, 'voice-out'));
    expect(memo).toMatchObject({ contentType: 'audio/mpeg', size: mp3.length, sha256: sha256(mp3) });
    const twoFiles = await cli(dir('alice'), 'send', BOB, '', '--attach', path.join(tmp, 'memo.mp3'), '--attach', path.join(tmp, 'memo.mp3'), '--voice');
    expect(twoFiles.code).toBe(2);

    // Alice's picture as Bob's client decrypted it, exactly what she uploaded. Her profile came with her
    // message; its picture is fetched by Bob's backend, which may take a moment after `receive`.
    let contact: Row | undefined;
    for (let attempt = 0; attempt < 20; attempt++) {
      contact = (await ok(dir('bob'), 'contacts')).find((c) => c.sessionId === ALICE);
      if (contact?.avatarPath !== null && contact?.avatarPath !== undefined) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(contact).toMatchObject({ sessionId: ALICE, name: 'Alice', avatarPath: expect.stringContaining(path.join(dir('bob'))) });
    expect(sha256(fs.readFileSync(String(contact!.avatarPath)))).toBe(avatar.sha256);
  });
});
