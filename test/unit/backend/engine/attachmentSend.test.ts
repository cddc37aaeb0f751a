// Sending attachments through the whole backend on the in-memory network with an in-memory file server:
// staged files become the message's attachments in the send transaction, the outbox uploads them (legacy
// encryption, progress events) before encoding, and the Content that reaches the recipient's swarm, our
// own swarm (sync copy) and note-to-self carries pointers whose blobs decrypt to the staged bytes.
// Failed uploads fail the message; a retry uploads only what is missing.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { Backend } from '../../../../ts/backend';
import type { EngineNetwork, UploadedFile } from '../../../../ts/backend/services/engineNetwork';
import { MEDIA_CHUNK_BYTES, type MessageView, type MethodParams } from '../../../../ts/ipc/contract';
import { NetworkError } from '../../../../ts/network';
import {
  decode1o1Message,
  decodeRecoveryPassword,
  decryptAttachment,
  hasField,
  identityFromRecoverySeed,
  type Identity,
} from '../../../../ts/protocol';
import { inMemoryBackends, record, until } from './fixture';

const b64 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');
const u8 = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
const MP3 = u8(Buffer.concat([Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00', 'latin1'), Buffer.alloc(3000, 0x55)]));
const PDF = u8(Buffer.from('%PDF-1.4 a document\n'.repeat(100)));

/** An in-memory file server: blobs by id, uploads counted, failures on demand, progress reported in two steps. */
class FakeFileServer {
  readonly blobs = new Map<string, Uint8Array>();
  uploads = 0;
  fail = false;
  upload = async (blob: Uint8Array, o?: { onProgress?: (done: number, total: number | undefined) => void }): Promise<UploadedFile> => {
    this.uploads++;
    if (this.fail) throw new NetworkError('unreachable', { detail: 'fake file server down' });
    o?.onProgress?.(Math.floor(blob.length / 2), blob.length);
    o?.onProgress?.(blob.length, blob.length);
    const id = String(1000 + this.blobs.size);
    this.blobs.set(id, blob.slice());
    return { id, url: `http://filev2.getsession.org/file/${id}`, expires: 0 };
  };
  blobOf(url: string): Uint8Array {
    const blob = this.blobs.get(url.split('/').pop() ?? '');
    if (!blob) throw new Error(`no blob for ${url}`);
    return blob;
  }
}

describe('sending attachments (in-memory network and file server)', () => {
  const env = inMemoryBackends('attach-send-', 20);
  let server: FakeFileServer;
  beforeEach(() => {
    server = new FakeFileServer();
  });
  const open = (profile: string): Promise<Backend> =>
    env.open(profile, {
      engine: {
        pollIntervalMs: 20,
        sendRetry: { attempts: 2, minDelayMs: 10, maxDelayMs: 20 },
        createNetwork: (): EngineNetwork => ({ ...env.swarms.network(), uploadFile: (blob, o) => server.upload(blob, o) }),
      },
    });

  async function account(b: Backend, name: string): Promise<Identity> {
    const { mnemonic } = await b.handlers['account.create']({ displayName: name });
    const seed = decodeRecoveryPassword(mnemonic);
    if (!seed.ok) throw seed.error;
    return identityFromRecoverySeed(seed.value);
  }

  async function stage(b: Backend, bytes: Uint8Array, fileName: string, end: Partial<MethodParams<'attachments.stageEnd'>> = {}): Promise<string> {
    const { stageId } = await b.handlers['attachments.stageBegin']({ size: bytes.length, fileName });
    for (let at = 0; at < bytes.length; at += MEDIA_CHUNK_BYTES) {
      await b.handlers['attachments.stageChunk']({ stageId, offset: at, dataBase64: b64(bytes.subarray(at, at + MEDIA_CHUNK_BYTES)) });
    }
    await b.handlers['attachments.stageEnd']({ stageId, ...end });
    return stageId;
  }

  /** The processed bytes of a staged file, as staging kept them. */
  async function stagedBytes(b: Backend, stageId: string): Promise<Uint8Array> {
    const r = await b.handlers['attachments.readStaged']({ stageId });
    expect(r.total).toBeLessThanOrEqual(MEDIA_CHUNK_BYTES);
    return u8(Buffer.from(r.dataBase64, 'base64'));
  }

  /** Every message in `owner`'s swarm, decoded for `me`. */
  const inbox = (owner: string, me: Identity) =>
    (env.swarms.inbox.get(owner) ?? []).map((m) => {
      const r = decode1o1Message(me, m.data);
      if (!r.ok) throw r.error;
      return r.value;
    });

  /** Bob writes first, so Alice's attachments are not refused as a pending request. */
  async function pair(): Promise<{ alice: Backend; bob: Backend; a: Identity; b: Identity }> {
    const alice = await open('alice');
    const bob = await open('bob');
    const a = await account(alice, 'Alice');
    const b = await account(bob, 'Bob');
    await bob.handlers['messages.send']({ to: a.sessionId, text: 'hi Alice' });
    await until('Alice hears from Bob', async () => {
      await alice.handlers['sync.pollNow']({});
      return (await alice.handlers['messages.takeNew']({ consumer: 't' })).length > 0;
    });
    return { alice, bob, a, b };
  }

  const sentView = (updates: { messages: MessageView[] }[], id: string): MessageView | undefined =>
    updates.flatMap((u) => u.messages).filter((m) => m.id === id && m.status === 'sent').pop();

  it('uploads an image with a caption and sends the same pointers to the recipient and to our own swarm', async () => {
    const { alice, a, b } = await pair();
    const png = u8(await sharp({ create: { width: 300, height: 200, channels: 3, background: '#336699' } }).png().toBuffer());
    const stageId = await stage(alice, png, 'photo.png');
    const processed = await stagedBytes(alice, stageId);
    const updates = record(alice, 'messages.updated');
    const sent = await alice.handlers['messages.send']({ to: b.sessionId, text: 'look', attachments: [{ stageId }] });
    expect(sent.attachments).toEqual([{ index: 0, fileName: 'photo.jpg', contentType: 'image/jpeg', size: processed.length, width: 300, height: 200, voice: false, state: 'uploading', hasThumbnail: true }]);
    // The staged file now belongs to the message.
    await expect(Promise.resolve().then(() => alice.handlers['attachments.readStaged']({ stageId }))).rejects.toThrow(/no longer staged/);

    const done = await until('sent', () => sentView(updates, sent.id));
    expect(done.attachments?.[0]).toMatchObject({ state: 'downloaded' });
    expect(done.attachments?.[0]?.progress).toBeUndefined();
    // Progress went through the UI while uploading.
    const progress = updates.flatMap((u) => u.messages).map((m) => m.attachments?.[0]?.progress).filter((p) => p !== undefined);
    expect(progress).toContain(0.5);
    expect(server.uploads).toBe(1);

    const toBob = inbox(b.sessionId, b).find((m) => m.senderSessionId === a.sessionId && m.timestampMs === sent.timestamp);
    const dm = toBob?.content.dataMessage;
    expect(dm?.body).toBe('look');
    expect(dm?.profile?.displayName).toBe('Alice');
    expect(dm?.attachments).toHaveLength(1);
    const p = dm!.attachments![0]!;
    expect(hasField(p, 'deprecatedId')).toBe(true);
    expect(String(p.deprecatedId)).toBe('1000');
    expect([p.contentType, p.size, p.fileName, p.width, p.height, p.flags, p.url]).toEqual(['image/jpeg', processed.length, 'photo.jpg', 300, 200, 0, 'http://filev2.getsession.org/file/1000']);
    expect(hasField(p, 'flags')).toBe(false);
    expect(p.key).toHaveLength(64);
    expect(p.digest).toHaveLength(32);
    // The blob on the server is the legacy format, padded, and decrypts with the pointer to the staged bytes.
    const blob = server.blobOf(p.url!);
    expect(blob.length).toBeGreaterThan(processed.length + 48);
    const plain = decryptAttachment({ blob, key: p.key!, digest: p.digest!, size: p.size! });
    if (!plain.ok) throw plain.error;
    expect(Buffer.from(plain.value).equals(Buffer.from(processed))).toBe(true);

    // The sync copy in our own swarm carries the very same DataMessage (with the recipient as syncTarget).
    const sync = await until('sync copy stored', () => inbox(a.sessionId, a).find((m) => m.syncTarget === b.sessionId));
    expect(sync.content.dataMessage?.attachments).toEqual(dm?.attachments);
    expect(sync.content.dataMessage?.body).toBe('look');
  });

  it('sends an attachment-only voice message without a body field, and note-to-self alike', async () => {
    const { alice, a, b } = await pair();
    const stageId = await stage(alice, MP3, 'Voice message.mp3', { voice: true, durationMs: 2500 });
    const updates = record(alice, 'messages.updated');
    const sent = await alice.handlers['messages.send']({ to: b.sessionId, text: '', attachments: [{ stageId }] });
    expect(sent.text).toBe('');
    await until('sent', () => sentView(updates, sent.id));
    const toBob = inbox(b.sessionId, b).find((m) => m.senderSessionId === a.sessionId && m.timestampMs === sent.timestamp);
    const dm = toBob!.content.dataMessage!;
    expect(hasField(dm, 'body')).toBe(false);
    expect(dm.attachments?.[0]).toMatchObject({ contentType: 'audio/mpeg', size: MP3.length, flags: 1, fileName: 'Voice message.mp3' });
    expect(hasField(dm.attachments![0]!, 'width')).toBe(false);
    // Attachment-only messages get their sync copy too.
    await until('sync copy stored', () => inbox(a.sessionId, a).find((m) => m.syncTarget === b.sessionId && m.timestampMs === sent.timestamp));

    const noteStage = await stage(alice, PDF, 'notes.pdf');
    const note = await alice.handlers['messages.send']({ to: a.sessionId, text: 'for me', attachments: [{ stageId: noteStage }] });
    await until('note sent', () => sentView(updates, note.id));
    const stored = inbox(a.sessionId, a).find((m) => m.timestampMs === note.timestamp);
    const np = stored?.content.dataMessage?.attachments?.[0];
    expect(np).toMatchObject({ contentType: 'application/pdf', fileName: 'notes.pdf', size: PDF.length });
    const plain = decryptAttachment({ blob: server.blobOf(np!.url!), key: np!.key!, digest: np!.digest!, size: np!.size! });
    expect(plain.ok && Buffer.from(plain.value).equals(Buffer.from(PDF))).toBe(true);
  });

  it('fails the message when an upload fails, and a retry uploads only what is missing', async () => {
    const { alice, b } = await pair();
    const one = await stage(alice, u8(await sharp({ create: { width: 20, height: 20, channels: 3, background: '#ff0000' } }).jpeg().toBuffer()), 'a.jpg');
    const two = await stage(alice, u8(await sharp({ create: { width: 30, height: 20, channels: 3, background: '#00ff00' } }).jpeg().toBuffer()), 'b.jpg');
    const updates = record(alice, 'messages.updated');
    // The first upload goes through, then the server goes away.
    const realUpload = server.upload;
    let calls = 0;
    server.upload = async (blob, o) => {
      calls++;
      if (calls >= 2) throw new NetworkError('unreachable', { detail: 'fake file server down' });
      return realUpload(blob, o);
    };
    const sent = await alice.handlers['messages.send']({ to: b.sessionId, text: '', attachments: [{ stageId: one }, { stageId: two }] });
    const failed = await until('failed', () => updates.flatMap((u) => u.messages).find((m) => m.id === sent.id && m.status === 'failed'));
    expect(failed.error).toBeTruthy();
    expect(failed.attachments?.map((x) => x.state)).toEqual(['downloaded', 'failed']);
    expect(failed.attachments?.[1]?.error).toBe(failed.error);
    const storesBefore = env.swarms.stores;
    expect(server.blobs.size).toBe(1);

    server.upload = realUpload;
    const retried = await alice.handlers['messages.retry']({ id: sent.id });
    expect(retried.attachments?.map((x) => x.state)).toEqual(['downloaded', 'uploading']);
    await until('sent after retry', () => sentView(updates, sent.id));
    // Only the missing one was uploaded again.
    expect(server.blobs.size).toBe(2);
    expect(env.swarms.stores).toBeGreaterThan(storesBefore);
  });

  it('refuses attachments to a pending request, mixed kinds, and unknown stages, losing nothing', async () => {
    const alice = await open('alice');
    const bob = await open('bob');
    await account(alice, 'Alice');
    const b = await account(bob, 'Bob');
    const send = (p: MethodParams<'messages.send'>) => Promise.resolve().then(() => alice.handlers['messages.send'](p));
    // A new conversation may start with a file; once our request waits for an answer, files wait too.
    const first = await stage(alice, PDF, 'first.pdf');
    await send({ to: b.sessionId, text: '', attachments: [{ stageId: first }] });
    const pdf = await stage(alice, PDF, 'doc.pdf');
    await expect(send({ to: b.sessionId, text: 'x', attachments: [{ stageId: pdf }] })).rejects.toThrow(
      'You will be able to send voice messages and attachments once the recipient has approved this message request.',
    );
    const jpg = await stage(alice, u8(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).jpeg().toBuffer()), 'x.jpg');
    const me = (await alice.handlers['account.get']({}))!.sessionId;
    await expect(send({ to: me, text: '', attachments: [{ stageId: pdf }, { stageId: jpg }] })).rejects.toThrow(/Cannot attach images and video with other file types/);
    const pdf2 = await stage(alice, PDF, 'doc2.pdf');
    await expect(send({ to: me, text: '', attachments: [{ stageId: pdf }, { stageId: pdf2 }] })).rejects.toThrow(/Cannot attach images/);
    await expect(send({ to: me, text: '', attachments: [{ stageId: 'nope' }] })).rejects.toThrow(/no longer staged/);
    // Nothing was lost: the staged files are all still there and can be sent one by one.
    const sent = await send({ to: me, text: '', attachments: [{ stageId: pdf }] });
    expect(sent.attachments).toHaveLength(1);
    expect(await alice.handlers['attachments.readStaged']({ stageId: jpg })).toMatchObject({ contentType: 'image/jpeg' });
  });

  it('deletes the local copy when the sent message is deleted', async () => {
    const { alice, b } = await pair();
    const stageId = await stage(alice, PDF, 'doc.pdf');
    const updates = record(alice, 'messages.updated');
    const sent = await alice.handlers['messages.send']({ to: b.sessionId, text: 'doc', attachments: [{ stageId }] });
    await until('sent', () => sentView(updates, sent.id));
    const dir = path.join(alice.profileDir, 'attachments');
    const files = (): string[] => fs.readdirSync(dir).filter((f) => /^[0-9a-f]{32}$/.test(f));
    expect(files()).toHaveLength(1);
    await alice.handlers['messages.deleteForMe']({ ids: [sent.id] });
    await until('file swept', () => files().length === 0);
  });
});
