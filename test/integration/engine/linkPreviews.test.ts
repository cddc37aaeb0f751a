// Link previews between two backends on a devnet (spec messaging §6.3): Alice's backend fetches the preview
// from a loopback HTTPS server (test seam: loopback allowed, test CA trusted), sends it with her message (the
// image uploaded to the devnet's file server WITHOUT size padding, as its stored blob's size shows), and Bob
// sees the URL, the title and the image, downloaded through the attachment pipeline, never from the link.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Backend } from '../../../ts/backend';
import { attachmentPaddedSize } from '../../../ts/protocol';
import type { MessageView } from '../../../ts/ipc/contract';
import { IpcError } from '../../../ts/ipc/errors';
import { htmlPage, makeTestPki, startPreviewServer, type PreviewServer } from '../../support/previewServer';
import { devnetBackends, pollOk, until } from './fixture';
import { tappedNetwork } from './mediaHelpers';

jest.setTimeout(120_000);

const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'link-previews-devnet-'));
afterAll(() => fs.rmSync(stateDir, { recursive: true, force: true }));
const env = devnetBackends(
  'link-previews-',
  { nodes: 9, swarmSize: 3, fanoutTimeoutMs: 500, relayTimeoutMs: 2_000, stateDir },
  100,
);

let server: PreviewServer;
let alice: Backend;
let bob: Backend;
let A = '';
let B = '';
const tap = tappedNetwork();

beforeAll(async () => {
  const pki = makeTestPki();
  server = await startPreviewServer(pki);
  const photo = await sharp({
    create: {
      width: 300,
      height: 200,
      channels: 3,
      background: { r: 0, g: 0, b: 0 },
      noise: { type: 'gaussian', mean: 128, sigma: 30 },
    },
  })
    .jpeg({ quality: 80 })
    .toBuffer();
  server.routes.set('/article', {
    body: htmlPage(
      '<title>Old</title><meta property="og:title" content="Devnet &amp; previews"><meta property="og:image" content="/photo.jpg">',
    ),
  });
  server.routes.set('/photo.jpg', { headers: { 'Content-Type': 'image/jpeg' }, body: photo });
  alice = await env.open('alice', {
    createNetwork: tap.factory,
    linkPreviewTestSeam: { allowLoopback: true, ca: pki.ca },
  });
  bob = await env.open('bob');
  A = (await alice.handlers['account.create']({ displayName: 'Alice' })).sessionId;
  B = (await bob.handlers['account.create']({ displayName: 'Bob' })).sessionId;
});
afterAll(async () => {
  await server?.close();
});

it('Alice sends a fetched preview with an unpadded image; Bob sees its URL, title and image', async () => {
  // Bob writes first, so Alice is an accepted contact whose files Bob's client downloads by itself.
  await bob.handlers['messages.send']({ to: A, text: 'hi Alice' });
  await until('Alice hears from Bob', async () => {
    await pollOk(alice);
    return (await alice.handlers['messages.takeNew']({ consumer: 't' })).length > 0;
  });

  const url = `${server.origin}/article`;
  await expect(alice.handlers['linkPreviews.fetch']({ url })).rejects.toMatchObject({ code: 'unavailable' });
  await alice.handlers['settings.set']({ key: 'linkPreviews', value: true });
  const draft = await alice.handlers['linkPreviews.fetch']({ url });
  expect(draft).toMatchObject({ url, title: 'Devnet & previews' });
  expect(draft?.imageStageId).toBeDefined();
  if (!draft) return;

  // The URL must be a link of the text.
  const refused = await Promise.resolve()
    .then(() => alice.handlers['messages.send']({ to: B, text: 'no link', preview: draft }))
    .catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(IpcError);
  expect((refused as IpcError).code).toBe('invalid_params');

  const updates: MessageView[] = [];
  alice.on('messages.updated', (e) => updates.push(...e.messages));
  const sent = await alice.handlers['messages.send']({ to: B, text: `read this: ${url}`, preview: draft });
  expect(sent.preview).toMatchObject({ url, title: 'Devnet & previews', image: { state: 'uploading' } });
  expect(sent.attachments).toBeUndefined();
  const done = await until('sent', () => updates.find((m) => m.id === sent.id && m.status === 'sent'));
  const image = done.preview?.image;
  expect(image?.state).toBe('downloaded');
  expect(image?.contentType).toBe('image/jpeg');

  // The file server holds an unpadded blob: iv + CBC of exactly `size` bytes (+ PKCS#7) + MAC.
  expect(tap.uploads).toHaveLength(1);
  const id = tap.uploads[0]?.url.split('/').pop() ?? '';
  const stored = fs.statSync(path.join(stateDir, 'files', id)).size;
  const size = image?.size ?? 0;
  const unpadded = 16 + (Math.floor(size / 16) + 1) * 16 + 32;
  expect(stored).toBe(unpadded);
  expect(attachmentPaddedSize(size)).toBeGreaterThan(size + 16); // padding would have shown

  const aliceBytes = await readPreview(alice, sent.id);
  const meta = await sharp(aliceBytes).metadata();
  expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 300, 200]);

  const requestsBefore = server.requests.length;
  const atBob = await until(
    'Bob has the preview image',
    async () => {
      await pollOk(bob);
      const m = (await bob.handlers['messages.list']({ conversationId: A, limit: 50 })).find(
        (x) => x.timestamp === sent.timestamp,
      );
      return m?.preview?.image?.state === 'downloaded' ? m : undefined;
    },
    60_000,
  );
  expect(atBob.text).toBe(`read this: ${url}`);
  expect(atBob.preview).toMatchObject({
    url,
    title: 'Devnet & previews',
    image: { contentType: 'image/jpeg', size },
  });
  expect(atBob.attachments).toBeUndefined();
  expect((await readPreview(bob, atBob.id)).equals(aliceBytes)).toBe(true);
  // Bob's client never went to the link.
  expect(server.requests.length).toBe(requestsBefore);
  // Nor is the image among the conversation's media.
  expect((await bob.handlers['attachments.gallery']({ conversationId: A, kind: 'media' })).items).toEqual([]);
});

async function readPreview(b: Backend, messageId: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const r = await b.handlers['attachments.read']({ messageId, index: 0, variant: 'preview', offset });
    const chunk = Buffer.from(r.dataBase64, 'base64');
    parts.push(chunk);
    offset += chunk.length;
    if (offset >= r.total || chunk.length === 0) return Buffer.concat(parts);
  }
}
