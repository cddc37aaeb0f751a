// Received attachments through the backend as hosts run it (in-memory swarms, real SQLite, libsodium, sharp
// and the at-rest store; the file server is a map behind downloadFile): an accepted contact's photo
// downloads by itself and reads back in chunks with its thumbnail; a message request's file waits for a
// click, and "Auto Download" for that sender downloads it and their later files by themselves.
import sharp from 'sharp';
import type { Backend } from '../../../../ts/backend';
import type { EngineNetwork } from '../../../../ts/backend/services/engineNetwork';
import type { MessageView } from '../../../../ts/ipc/contract';
import { NetworkError } from '../../../../ts/network';
import { encode1o1Message, encryptAttachment, identityFromRecoverySeed, loadProtocol, secureRandom, type Identity } from '../../../../ts/protocol';
import { inMemoryBackends, record, until } from './fixture';

describe('received attachments through the backend', () => {
  const env = inMemoryBackends('engine-media-', 60_000);
  let alice: Identity;
  let carol: Identity;
  let photo: Uint8Array;
  const server = new Map<string, Uint8Array>();
  const downloads: string[] = [];
  const downloadFile: NonNullable<EngineNetwork['downloadFile']> = async (url, opts) => {
    downloads.push(url);
    const blob = server.get(url);
    if (!blob) throw new NetworkError('not-found');
    opts?.onProgress?.(blob.length, blob.length);
    return blob;
  };

  beforeAll(async () => {
    await loadProtocol();
    alice = identityFromRecoverySeed(new Uint8Array(16).fill(0xa1));
    carol = identityFromRecoverySeed(new Uint8Array(16).fill(0xa2));
    photo = new Uint8Array(await sharp({ create: { width: 900, height: 600, channels: 3, background: { r: 10, g: 120, b: 200 } } }).jpeg().toBuffer());
  });

  const upload = (name: string, bytes: Uint8Array, contentType: string, fileName?: string) => {
    const e = encryptAttachment(bytes, secureRandom);
    const url = `http://filev2.getsession.org/file/${name}`;
    server.set(url, e.blob);
    return { deprecatedId: 0, url, key: e.key, digest: e.digest, size: e.size, contentType, ...(fileName ? { fileName } : {}), width: 900, height: 600 };
  };
  const open = (): Promise<Backend> =>
    env.open('bob', { engine: { pollIntervalMs: 60_000, createNetwork: () => ({ ...env.swarms.network(), downloadFile }) } });
  const readAll = async (b: Backend, messageId: string, index: number, variant: 'full' | 'thumbnail' = 'full') => {
    const parts: Buffer[] = [];
    let offset = 0;
    let contentType = '';
    for (;;) {
      const c = await b.handlers['attachments.read']({ messageId, index, variant, offset });
      contentType = c.contentType;
      const data = Buffer.from(c.dataBase64, 'base64');
      parts.push(data);
      offset += data.length;
      if (offset >= c.total) break;
    }
    return { bytes: new Uint8Array(Buffer.concat(parts)), contentType };
  };

  it('downloads an accepted contact’s photo by itself; a request’s file on click, then the sender’s by themselves', async () => {
    const b = await open();
    const updated = record(b, 'messages.updated');
    const bob = await b.handlers['account.create']({ displayName: 'Bob' });
    const T = Date.now();
    // Alice is a contact we accepted (we wrote to her).
    await b.handlers['messages.send']({ to: alice.sessionId, text: 'hi Alice' });
    const put = (from: Identity, attachments: ReturnType<typeof upload>[], t: number, body?: string) =>
      env.swarms.put(bob.sessionId, encode1o1Message({ sender: from, recipient: bob.sessionId, content: { dataMessage: { ...(body ? { body } : {}), attachments } }, timestampMs: t, random: secureRandom }).wrapper);
    put(alice, [upload('a1', photo, 'image/jpeg', 'beach.jpg')], T + 1);
    const big = secureRandom(700_000);
    put(carol, [upload('c1', big, 'application/octet-stream', 'data.bin')], T + 2, 'from a stranger');
    await b.handlers['sync.pollNow']({});

    const [fromAlice] = (await b.handlers['messages.list']({ conversationId: alice.sessionId })).filter((m) => m.sender === alice.sessionId);
    expect(fromAlice?.attachments?.[0]).toMatchObject({ fileName: 'beach.jpg', state: expect.stringMatching(/queued|downloading|downloaded/) });
    const id = fromAlice?.id as string;
    await until('Alice’s photo downloaded', () => updated.some((e) => e.messages.some((m) => m.id === id && m.attachments?.[0]?.state === 'downloaded')));
    const full = await readAll(b, id, 0);
    expect(full).toEqual({ bytes: photo, contentType: 'image/jpeg' });
    const thumb = await readAll(b, id, 0, 'thumbnail');
    expect(thumb.contentType).toBe('image/jpeg');
    expect((await sharp(thumb.bytes).metadata()).width).toBeLessThanOrEqual(400);

    // Carol is a message request: her file waits, and nothing was fetched for it.
    const [fromCarol] = await b.handlers['messages.list']({ conversationId: carol.sessionId });
    expect(fromCarol?.attachments?.[0]).toMatchObject({ state: 'not-downloaded', size: 700_000 });
    expect(downloads).not.toContain('http://filev2.getsession.org/file/c1');
    await expect(b.handlers['attachments.read']({ messageId: fromCarol?.id as string, index: 0 })).rejects.toMatchObject({ code: 'unavailable' });
    const clicked: MessageView = await b.handlers['attachments.download']({ messageId: fromCarol?.id as string, trustSender: true });
    expect(clicked.attachments?.[0]?.state).toMatch(/queued|downloading|downloaded/);
    await until('Carol’s file downloaded', async () => (await b.handlers['messages.list']({ conversationId: carol.sessionId }))[0]?.attachments?.[0]?.state === 'downloaded');
    expect((await readAll(b, fromCarol?.id as string, 0)).bytes).toEqual(big);
    expect(await b.handlers['attachments.save']({ messageId: fromCarol?.id as string, index: 0 })).toEqual({ outcome: 'renderer', fileName: 'data.bin', contentType: 'application/octet-stream' });

    // Trusted from now on: her next file downloads by itself; an expired one says so.
    put(carol, [upload('c2', secureRandom(1000), 'application/pdf', 'next.pdf'), { ...upload('c3', secureRandom(10), 'image/png'), url: 'http://filev2.getsession.org/file/gone' }], T + 3);
    await b.handlers['sync.pollNow']({});
    await until('Carol’s next file downloaded, the other expired', async () => {
      const last = (await b.handlers['messages.list']({ conversationId: carol.sessionId })).at(-1);
      return last?.attachments?.[0]?.state === 'downloaded' && last.attachments[1]?.state === 'expired' && last;
    });
    const gallery = await b.handlers['attachments.gallery']({ conversationId: carol.sessionId, kind: 'files' });
    expect(gallery.items.map((i) => i.attachment.fileName)).toEqual(['next.pdf', 'data.bin']);
  });
});
