// Received link previews (spec messaging §6.3) through the real receive pipeline: the first preview is kept
// only with an image or a title and only when its URL is one of the links the body shows; its image becomes
// attachment row 32 with the pointer as sent, downloaded under the attachment rules, and never listed among
// the attachments. Nothing is fetched from the link.
import { LINK_PREVIEW_ATTACHMENT_INDEX } from '../../../../ts/backend/db/messageExtras';
import {
  normalizePreviewTitle,
  receivedPreviewOf,
  sendPreviewProblem,
} from '../../../../ts/backend/services/linkPreviewContent';
import type { MessageView } from '../../../../ts/ipc/contract';
import {
  identityFromRecoverySeed,
  loadProtocol,
  type ContentProps,
  type Identity,
} from '../../../../ts/protocol';
import { itemOf, openHarness, type Harness } from './harness';

const T0 = 1_780_000_000_000;
const bytes = (n: number, fill: number): Uint8Array => new Uint8Array(n).fill(fill);
const image = {
  deprecatedId: 0,
  contentType: 'image/jpeg',
  key: bytes(64, 0x11),
  size: 5_000,
  digest: bytes(32, 0x22),
  width: 640,
  height: 480,
  url: 'http://filev2.getsession.org/file/abc',
};

describe('the receive rule', () => {
  it('keeps the first preview only, with an image or a title, for a link of the body', () => {
    const body = 'look at https://Example.org and https://other.example/x?y=1.';
    expect(receivedPreviewOf([{ url: 'https://example.org/', title: ' A\n title ' }], body)).toEqual({
      url: 'https://example.org/',
      title: 'A title',
    });
    expect(receivedPreviewOf([{ url: 'https://other.example/x?y=1', image }], body)).toEqual({
      url: 'https://other.example/x?y=1',
      image,
    });
    expect(receivedPreviewOf([{ url: 'https://elsewhere.example/', title: 'T' }], body)).toBeUndefined();
    expect(receivedPreviewOf([{ url: 'https://example.org/', title: '' }], body)).toBeUndefined();
    expect(
      receivedPreviewOf(
        [
          { url: 'https://elsewhere.example/', title: 'T' },
          { url: 'https://example.org/', title: 'T' },
        ],
        body,
      ),
    ).toBeUndefined();
    // A look-alike link is not a link of the body, so its preview goes too.
    expect(
      receivedPreviewOf([{ url: 'https://gеtsession.org/', title: 'T' }], 'see https://gеtsession.org/'),
    ).toBeUndefined();
    expect(receivedPreviewOf(undefined, body)).toBeUndefined();
  });

  it('sends a preview only for a previewable link of the text; titles are cleaned and cut at 200', () => {
    expect(sendPreviewProblem('see https://example.org/a', 'https://example.org/a')).toBeUndefined();
    expect(sendPreviewProblem('see https://example.org/a', 'https://example.org/b')).toBeDefined();
    expect(sendPreviewProblem('see http://example.org/a', 'http://example.org/a')).toBeDefined();
    expect(sendPreviewProblem('see https://localhost/a', 'https://localhost/a')).toBeDefined();
    expect(normalizePreviewTitle(`\u202e${'x'.repeat(250)}`)).toBe('x'.repeat(200));
  });
});

describe('received previews', () => {
  let me: Identity;
  let peer: Identity;
  let h: Harness;
  beforeAll(async () => {
    await loadProtocol();
    me = identityFromRecoverySeed(bytes(16, 0xd1));
    peer = identityFromRecoverySeed(bytes(16, 0xd2));
  });
  beforeEach(() => {
    h = openHarness(me, T0 + 10_000);
  });
  afterEach(() => h.close());

  const receive = async (contents: ContentProps[]): Promise<MessageView[]> => {
    const out = await h.receiver.process(
      contents.map((c, i) => itemOf(peer, me.sessionId, c, T0 + i)),
      [],
    );
    expect(out.dropped).toBe(0);
    return contents.map(
      (_, i) =>
        h.messages.list(peer.sessionId, undefined, 100).find((m) => m.timestamp === T0 + i) as MessageView,
    );
  };

  it('stores the kept preview with its image as row 32, drops the others, and keeps every message', async () => {
    const [withImage, notInBody, bare, titled] = await receive([
      {
        dataMessage: {
          body: 'see https://example.org/page',
          preview: [{ url: 'https://example.org/page', title: 'Example page', image }],
        },
      },
      {
        dataMessage: {
          body: 'no link here',
          preview: [{ url: 'https://example.org/page', title: 'Example page' }],
        },
      },
      {
        dataMessage: { body: 'see https://example.org/page', preview: [{ url: 'https://example.org/page' }] },
      },
      {
        dataMessage: {
          body: 'see https://example.org/t',
          preview: [{ url: 'https://example.org/t', title: 'Only a title' }],
        },
      },
    ]);
    expect(withImage).toMatchObject({
      text: 'see https://example.org/page',
      preview: {
        url: 'https://example.org/page',
        title: 'Example page',
        image: { contentType: 'image/jpeg', size: 5_000 },
      },
    });
    expect(withImage?.attachments).toBeUndefined();
    expect(withImage?.unsupported).toBeUndefined();
    const row = h.attachmentQueue.get(withImage?.id ?? '', LINK_PREVIEW_ATTACHMENT_INDEX);
    expect(row).toMatchObject({
      url: image.url,
      size: 5_000,
      width: 640,
      height: 480,
      remoteKey: image.key,
      digest: image.digest,
    });
    // A message request: nothing downloads before a click, as for attachments.
    expect(row?.state).toBe('not-downloaded');

    expect(notInBody?.text).toBe('no link here');
    expect(notInBody?.preview).toBeUndefined();
    expect(bare?.preview).toBeUndefined();
    expect(titled?.preview).toEqual({ url: 'https://example.org/t', title: 'Only a title' });
    expect(h.attachmentQueue.forMessage(titled?.id ?? '')).toEqual([]);
    // The event carried the same views.
    const added = (h.log['messages.added'] ?? []).flatMap((e) => e.messages);
    expect(added.find((m) => m.id === withImage?.id)?.preview?.image?.state).toBe('not-downloaded');
  });

  it('queues the image of an accepted contact for download, like an attachment', async () => {
    h.conversations.touch(peer.sessionId, 'private', T0 - 10);
    h.conversations.updateContact(peer.sessionId, { isApproved: true }, T0 - 10);
    const [m] = await receive([
      { dataMessage: { body: 'https://example.org/', preview: [{ url: 'https://example.org/', image }] } },
    ]);
    expect(m?.preview?.image?.state).toBe('queued');
    expect(h.queuedCalls.count).toBe(1);
  });
});
