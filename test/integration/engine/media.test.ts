// Media between backends on one devnet, through the handlers the UI and the CLI use: Alice and Bob are
// accepted contacts; Carol is a stranger whose messages are requests on Bob's side. Files, an image, a
// voice message and an attachment-only message each way or one way; then what goes wrong: a digest
// mismatch, a truncated blob and a pointer without a key (crafted with the protocol encoders and stored
// in Bob's swarm), a file the server no longer has, an oversized file, an unsafe file name, and Bob
// closed in the middle of a download. In every case the message and its text stay.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { Backend } from '../../../ts/backend';
import type { MessageView } from '../../../ts/ipc/contract';
import { encryptAttachment, MAX_ATTACHMENT_PLAINTEXT_BYTES, type ContentProps, type Identity } from '../../../ts/protocol';
import { devnetBackends, pollOk, until } from './fixture';
import { findMessage, identityOf, jpegWithExif, pointerOf, readAttachment, readStaged, sha256Hex, silentMp3, stage, storeCrafted, tappedNetwork, uploadBlob, waitForAttachment, type Pointer } from './mediaHelpers';

jest.setTimeout(120_000);

const FAST = { configPushDelayMs: 0 };
const MB = 1024 * 1024;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
/** Whether `p` settles within `ms` (the timer is cleared either way, so nothing outlives the test). */
async function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((r) => (timer = setTimeout(() => r(false), ms)));
  try {
    return await Promise.race([p.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('media between two clients (devnet)', () => {
  const env = devnetBackends('media-', { nodes: 9, swarmSize: 3, fanoutTimeoutMs: 500, relayTimeoutMs: 2_000 }, 200);

  const aliceNet = tappedNetwork();
  const bobNet = tappedNetwork();
  const carolNet = tappedNetwork();
  let alice: Backend;
  let bob: Backend;
  let carol: Backend;
  let aliceId: string;
  let bobId: string;
  let carolId: string;

  const sent = async (b: Backend, m: MessageView): Promise<MessageView> =>
    until(`message ${m.id} sent`, async () => {
      const now = await findMessage(b, m.conversationId, (x) => x.id === m.id);
      if (now?.status === 'failed') throw new Error(`send failed: ${now.error ?? ''}`);
      return now?.status === 'sent' ? now : undefined;
    }, 60_000);
  const byTime = (m: MessageView) => (x: MessageView) => x.timestamp === m.timestamp;
  /** Fails with the attachment's own error when it did not download. */
  const downloaded = (m: MessageView, index = 0): MessageView => {
    const a = m.attachments?.[index];
    if (a?.state !== 'downloaded') throw new Error(`attachment ${index} of "${m.text}" is ${a?.state ?? 'missing'}: ${a?.error ?? ''}`);
    return m;
  };

  beforeAll(async () => {
    alice = await env.open('alice', { ...FAST, createNetwork: aliceNet.factory });
    bob = await env.open('bob', { ...FAST, createNetwork: bobNet.factory });
    carol = await env.open('carol', { ...FAST, createNetwork: carolNet.factory });
    aliceId = (await alice.handlers['account.create']({ displayName: 'Alice' })).sessionId;
    bobId = (await bob.handlers['account.create']({ displayName: 'Bob' })).sessionId;
    carolId = (await carol.handlers['account.create']({ displayName: 'Carol' })).sessionId;
    // Alice writes first; Bob accepts and replies: contacts both ways, so downloads are automatic.
    await alice.handlers['messages.send']({ to: bobId, text: 'hi Bob' });
    await until('Bob gets the request', async () => {
      await pollOk(bob);
      return (await bob.handlers['conversations.list']({ requests: true })).some((c) => c.id === aliceId);
    });
    await bob.handlers['conversations.accept']({ id: aliceId });
    await bob.handlers['messages.send']({ to: aliceId, text: 'hi Alice' });
    await until('Alice gets the reply', async () => {
      await pollOk(alice);
      return (await alice.handlers['messages.list']({ conversationId: bobId })).some((m) => m.text === 'hi Alice');
    });
  });

  it('a 5 MB file each way arrives byte for byte', async () => {
    const fromAlice = randomBytes(5 * MB);
    const fromBob = randomBytes(5 * MB);
    const [sa, sb] = await Promise.all([stage(alice, fromAlice, { fileName: 'alice.bin' }), stage(bob, fromBob, { fileName: 'bob.bin' })]);
    expect(sa).toMatchObject({ fileName: 'alice.bin', size: fromAlice.length, voice: false });
    const [ma, mb] = await Promise.all([
      alice.handlers['messages.send']({ to: bobId, text: 'five from Alice', attachments: [{ stageId: sa.stageId }] }),
      bob.handlers['messages.send']({ to: aliceId, text: 'five from Bob', attachments: [{ stageId: sb.stageId }] }),
    ]);
    expect(ma.attachments).toEqual([expect.objectContaining({ index: 0, fileName: 'alice.bin', size: fromAlice.length })]);
    await Promise.all([sent(alice, ma), sent(bob, mb)]);
    const [onBob, onAlice] = (
      await Promise.all([
        waitForAttachment(bob, aliceId, byTime(ma), ['downloaded', 'failed', 'expired']),
        waitForAttachment(alice, bobId, byTime(mb), ['downloaded', 'failed', 'expired']),
      ])
    ).map((m) => downloaded(m)) as [MessageView, MessageView];
    expect(onBob.text).toBe('five from Alice');
    expect(onBob.attachments?.[0]).toMatchObject({ state: 'downloaded', fileName: 'alice.bin', size: fromAlice.length, voice: false });
    expect(onAlice.attachments?.[0]).toMatchObject({ state: 'downloaded', fileName: 'bob.bin', size: fromBob.length });
    expect(sha256Hex((await readAttachment(bob, onBob.id, 0)).bytes)).toBe(sha256Hex(fromAlice));
    expect(sha256Hex((await readAttachment(alice, onAlice.id, 0)).bytes)).toBe(sha256Hex(fromBob));
    // The sender keeps its own copy too.
    expect(sha256Hex((await readAttachment(alice, ma.id, 0)).bytes)).toBe(sha256Hex(fromAlice));
  });

  it('an image arrives re-encoded without its metadata, with its size and a thumbnail', async () => {
    const original = await jpegWithExif(2400, 1600);
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const staged = await stage(alice, original, { fileName: 'photo.jpg', contentType: 'image/jpeg' });
    expect(staged.contentType).toMatch(/^image\//);
    expect(staged.width).toBeDefined();
    expect(staged.height).toBeDefined();
    expect(staged.hasThumbnail).toBe(true);
    expect((await sharp(await readStaged(alice, staged.stageId, 'thumbnail')).metadata()).width).toBeGreaterThan(0);
    const m = await alice.handlers['messages.send']({ to: bobId, text: 'a photo', attachments: [{ stageId: staged.stageId }] });
    await sent(alice, m);

    const onBob = downloaded(await waitForAttachment(bob, aliceId, byTime(m), ['downloaded', 'failed', 'expired']));
    const a = onBob.attachments?.[0];
    expect(a).toMatchObject({ state: 'downloaded', width: staged.width, height: staged.height, hasThumbnail: true });
    expect(a?.contentType).toMatch(/^image\//);
    const { bytes } = await readAttachment(bob, onBob.id, 0);
    const meta = await sharp(bytes).metadata();
    // Down-scaled (never up), the aspect ratio kept, the EXIF block gone.
    expect(meta.width).toBe(a?.width);
    expect(meta.height).toBe(a?.height);
    expect(meta.width).toBeLessThan(2400);
    expect(Math.abs((meta.width ?? 0) / (meta.height ?? 1) - 1.5)).toBeLessThan(0.01);
    expect(meta.exif).toBeUndefined();
    expect(bytes.includes(Buffer.from('secret-location'))).toBe(false);
    expect(sha256Hex(bytes)).not.toBe(sha256Hex(original));
    const thumb = await readAttachment(bob, onBob.id, 0, 'thumbnail');
    const thumbMeta = await sharp(thumb.bytes).metadata();
    expect(thumbMeta.width).toBeGreaterThan(0);
    expect(thumbMeta.width).toBeLessThanOrEqual(meta.width ?? 0);
  });

  it('a voice message keeps its flag and bytes, and an attachment-only message shows its attachment', async () => {
    const mp3 = silentMp3(120); // ≈ 3.1 s
    const voice = await stage(bob, mp3, { contentType: 'audio/mpeg', voice: true, durationMs: 3_134 });
    expect(voice).toMatchObject({ voice: true, contentType: 'audio/mpeg' });
    const vm = await bob.handlers['messages.send']({ to: aliceId, text: '', attachments: [{ stageId: voice.stageId }] });
    await sent(bob, vm);
    // Then Alice's file.
    const doc = randomBytes(20_000);
    const file = await stage(alice, doc, { fileName: 'notes.pdf' });
    const fm = await alice.handlers['messages.send']({ to: bobId, text: '', attachments: [{ stageId: file.stageId }] });
    await sent(alice, fm);

    const onAlice = downloaded(await waitForAttachment(alice, bobId, byTime(vm), ['downloaded', 'failed', 'expired']));
    expect(onAlice.text).toBe('');
    // The pointer has no duration field: the flag and the bytes are what travel.
    expect(onAlice.attachments).toEqual([expect.objectContaining({ state: 'downloaded', voice: true, contentType: 'audio/mpeg', size: mp3.length })]);
    expect(sha256Hex((await readAttachment(alice, onAlice.id, 0)).bytes)).toBe(sha256Hex(mp3));
    // So the receiver reads the length from the MP3's frames (120 x 1152 samples at 44.1 kHz = 3,134.7 ms),
    // not the sender's recorder figure (3,134 ms), and keeps it with the attachment.
    expect(onAlice.attachments?.[0]?.durationMs).toBe(Math.round((120 * 1152 * 1000) / 44_100));
    expect(onAlice.attachments?.[0]?.durationMs).toBe(3_135);

    const onBob = downloaded(await waitForAttachment(bob, aliceId, byTime(fm), ['downloaded', 'failed', 'expired']));
    expect(onBob.text).toBe('');
    expect(onBob.attachments).toEqual([expect.objectContaining({ state: 'downloaded', fileName: 'notes.pdf', size: doc.length, voice: false })]);
    expect(sha256Hex((await readAttachment(bob, onBob.id, 0)).bytes)).toBe(sha256Hex(doc));
    // The newer of the two attachment-only messages is the conversation's last message, shown in the list (not
    // dropped as empty). Each side stamps with its own network clock, so Bob's earlier send can carry the later time.
    const convo = (await bob.handlers['conversations.list']({})).find((c) => c.id === aliceId);
    expect(convo?.lastMessage?.timestamp).toBe(Math.max(fm.timestamp, vm.timestamp));
    expect(convo?.lastMessage?.attachments).toHaveLength(1);
  });

  it('a file name with path separators and control characters is stored and shown safely', async () => {
    const bytes = randomBytes(3_000);
    const hostile = '../../..\\evil/\u0000na\u0007me\u001b[31m\u202E.txt';
    const staged = await stage(alice, bytes, { fileName: hostile });
    const m = await alice.handlers['messages.send']({ to: bobId, text: 'odd name', attachments: [{ stageId: staged.stageId }] });
    await sent(alice, m);
    const onBob = downloaded(await waitForAttachment(bob, aliceId, byTime(m), ['downloaded', 'failed', 'expired']));
    const name = onBob.attachments?.[0]?.fileName ?? '';
    expect(onBob.attachments?.[0]?.state).toBe('downloaded');
    for (const n of [name, staged.fileName ?? '']) expect(n).not.toMatch(/[/\\\u0000-\u001f\u007f]/);
    expect(name).toContain('me');
    expect(sha256Hex((await readAttachment(bob, onBob.id, 0)).bytes)).toBe(sha256Hex(bytes));
    // Nothing was written outside the profile folder under that name.
    expect(fs.readdirSync(path.dirname(bob.profileDir)).some((f) => f.includes('evil') || f.includes('.txt'))).toBe(false);
  });

  it('refuses a file one byte over the limit at stageEnd with a clear error', async () => {
    const over = randomBytes(MAX_ATTACHMENT_PLAINTEXT_BYTES + 1);
    await expect(stage(alice, over, { fileName: 'big.bin' })).rejects.toThrow(/less than 10 ?MB|too large/i);
    // Nothing half-staged is sent: a message naming no attachment still goes.
    const m = await alice.handlers['messages.send']({ to: bobId, text: 'still here' });
    await sent(alice, m);
  });

  it('a digest mismatch, a truncated blob and a pointer without a key fail with an error; the messages stay', async () => {
    const net = aliceNet.current;
    if (!net) throw new Error('Alice has no network');
    const me: Identity = await identityOf(alice);
    const plain = randomBytes(40_000);
    const enc = encryptAttachment(plain, (n) => new Uint8Array(randomBytes(n)));
    const good = await uploadBlob(net, enc.blob);
    const truncated = await uploadBlob(net, enc.blob.subarray(0, enc.blob.length - 1000));
    const pointer = (over: Partial<Pointer>): Pointer => pointerOf(enc, good.url, over);
    const wrongDigest = new Uint8Array(enc.digest);
    wrongDigest[0] = (wrongDigest[0] ?? 0) ^ 0xff;
    const cases: Array<{ text: string; pointer: Pointer }> = [
      { text: 'crafted: wrong digest', pointer: pointer({ digest: wrongDigest }) },
      { text: 'crafted: truncated', pointer: pointer({ url: truncated.url }) },
      { text: 'crafted: no key', pointer: (({ key: _key, ...rest }) => rest)(pointer({})) },
      // The same pointer done right: proves the crafting itself is sound.
      { text: 'crafted: control', pointer: pointer({}) },
    ];
    const base = Date.now();
    for (const [i, c] of cases.entries()) {
      const content: ContentProps = { dataMessage: { body: c.text, attachments: [c.pointer], profile: { displayName: 'Alice' } } };
      await storeCrafted(net, me, bobId, content, base + i);
    }
    for (const c of cases) {
      const m = await waitForAttachment(bob, aliceId, (x) => x.text === c.text, ['downloaded', 'failed', 'expired']);
      const a = m.attachments?.[0];
      if (c.text === 'crafted: control') {
        expect(a?.state).toBe('downloaded');
        expect(sha256Hex((await readAttachment(bob, m.id, 0)).bytes)).toBe(sha256Hex(plain));
        continue;
      }
      expect({ text: m.text, state: a?.state }).toEqual({ text: c.text, state: 'failed' });
      expect(a?.error).toEqual(expect.stringMatching(/\w/));
      await expect(bob.handlers['attachments.read']({ messageId: m.id, index: 0 })).rejects.toThrow();
    }
    const noKey = await findMessage(bob, aliceId, (x) => x.text === 'crafted: no key');
    expect(noKey?.attachments?.[0]?.error).toMatch(/key|decrypt|verif/i);
  });

  it('a message request’s attachment waits for a click; a file the server forgot ends expired, without retrying', async () => {
    // Attachments cannot be sent with a pending request from this app (the official rule), but other
    // clients' requests may carry them: Carol's are built with the protocol encoders.
    const net = carolNet.current;
    if (!net) throw new Error('Carol has no network');
    const carolKeys = await identityOf(carol);
    const first = randomBytes(30_000);
    const second = randomBytes(30_000);
    const e1 = encryptAttachment(first, (n) => new Uint8Array(randomBytes(n)));
    const e2 = encryptAttachment(second, (n) => new Uint8Array(randomBytes(n)));
    const u1 = await uploadBlob(net, e1.blob);
    const u2 = await uploadBlob(net, e2.blob);
    const base = Date.now();
    const request = (body: string, p: Pointer): ContentProps => ({ dataMessage: { body, attachments: [p], profile: { displayName: 'Carol' } } });
    await storeCrafted(net, carolKeys, bobId, request('from a stranger', pointerOf(e1, u1.url, { fileName: 'first.bin' })), base);
    await storeCrafted(net, carolKeys, bobId, request('soon gone', pointerOf(e2, u2.url, { fileName: 'second.bin' })), base + 1);
    const byText = (text: string) => (x: MessageView) => x.text === text;

    const r1 = await waitForAttachment(bob, carolId, byText('from a stranger'), ['not-downloaded', 'queued', 'downloading', 'downloaded']);
    expect(r1.attachments?.[0]).toMatchObject({ state: 'not-downloaded', fileName: 'first.bin', size: first.length });
    expect((await bob.handlers['conversations.list']({ requests: true })).some((c) => c.id === carolId)).toBe(true);
    // Still waiting after more polls: a request's files are never fetched on their own.
    for (let i = 0; i < 3; i++) await pollOk(bob);
    expect((await findMessage(bob, carolId, byText('from a stranger')))?.attachments?.[0]?.state).toBe('not-downloaded');
    const fetched = [...bobNet.downloads.keys()].filter((u) => u.includes(u1.id) || u.includes(u2.id));
    expect(fetched).toEqual([]);

    await bob.handlers['attachments.download']({ messageId: r1.id });
    const d1 = downloaded(await waitForAttachment(bob, carolId, byText('from a stranger'), ['downloaded', 'failed', 'expired'], { poll: false }));
    expect(d1.attachments?.[0]?.state).toBe('downloaded');
    expect(sha256Hex((await readAttachment(bob, d1.id, 0)).bytes)).toBe(sha256Hex(first));

    // The file server forgets the second file (as when its time is up: it answers 404).
    expect(env.devnet.expireFile(u2.id)).toBe(true);
    const r2 = await waitForAttachment(bob, carolId, byText('soon gone'), ['not-downloaded']);
    await bob.handlers['attachments.download']({ messageId: r2.id });
    const d2 = await waitForAttachment(bob, carolId, byText('soon gone'), ['downloaded', 'failed', 'expired'], { poll: false });
    expect(d2.text).toBe('soon gone');
    expect(d2.attachments?.[0]?.state).toBe('expired');
    const asked = (): number => [...bobNet.downloads.entries()].filter(([u]) => u.includes(u2.id)).reduce((n, [, c]) => n + c, 0);
    const after = asked();
    expect(after).toBeGreaterThanOrEqual(1);
    await sleep(2_000);
    expect(asked()).toBe(after);
    expect((await findMessage(bob, carolId, byText('soon gone')))?.attachments?.[0]?.state).toBe('expired');
  });

  it('a download cut by closing the app completes after a restart (a file exactly at the size limit)', async () => {
    const big = randomBytes(MAX_ATTACHMENT_PLAINTEXT_BYTES);
    const staged = await stage(alice, big, { fileName: 'limit.bin' });
    expect(staged.size).toBe(MAX_ATTACHMENT_PLAINTEXT_BYTES);
    const total = (): number => [...bobNet.downloads.values()].reduce((a, b) => a + b, 0);
    const asked = total();
    bobNet.hold = true;
    const m = await alice.handlers['messages.send']({ to: bobId, text: 'right at the limit', attachments: [{ stageId: staged.stageId }] });
    await sent(alice, m);
    // Above the automatic-download size it waits for a click; below it, it starts by itself.
    const arrived = await waitForAttachment(bob, aliceId, byTime(m), ['not-downloaded', 'queued', 'downloading']);
    let clicked: Promise<unknown> = Promise.resolve();
    if (arrived.attachments?.[0]?.state === 'not-downloaded') {
      // Not awaited: the download is held, and whether the call waits for the bytes is the backend's choice.
      clicked = (async () => bob.handlers['attachments.download']({ messageId: arrived.id }))().catch((e: unknown) => e);
    }
    await waitForAttachment(bob, aliceId, byTime(m), ['downloading'], { poll: false });
    // The download is under way: it has asked the network for the file (held there until Bob is closed).
    await until('the download reaches the network', () => total() > asked);

    // Closing must not wait for the held transfer: the app quits in the middle of a download.
    const closing = env.close(bob);
    const closedAtOnce = await within(closing, 10_000);
    bobNet.release();
    await closing;
    await within(clicked, 5_000);
    expect(closedAtOnce).toBe(true);
    bob = await env.open('bob', { ...FAST, createNetwork: bobNet.factory });
    // It resumes by itself after the restart: no second click.
    const done = downloaded(await waitForAttachment(bob, aliceId, byTime(m), ['downloaded', 'failed', 'expired'], { timeoutMs: 60_000 }));
    expect(done.attachments?.[0]).toMatchObject({ state: 'downloaded', size: MAX_ATTACHMENT_PLAINTEXT_BYTES });
    expect(sha256Hex((await readAttachment(bob, done.id, 0)).bytes)).toBe(sha256Hex(big));
  });
});
