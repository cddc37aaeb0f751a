// Received attachments through the real receive pipeline (real SQLite, real libsodium): one row per
// pointer in the message's transaction, every pointer shape kept, invalid pointers stored as 'failed' with
// the reason (the message stays), and the automatic-download rule (accepted, trusted or our own: queued up
// to the size limit; message requests and larger files wait for a click).
import { SignalService, identityFromRecoverySeed, loadProtocol, type Identity } from '../../../../ts/protocol';
import { itemOf, openHarness, type Harness } from './harness';

type AttachmentPointerProps = SignalService.AttachmentPointer.$Properties;

const T0 = 1_780_000_000_000;
const LIMIT = 1_000_000;
const bytes = (n: number, fill: number): Uint8Array => new Uint8Array(n).fill(fill);

const legacy = (id: number, extra: Partial<AttachmentPointerProps> = {}): AttachmentPointerProps => ({
  deprecatedId: id,
  contentType: 'image/jpeg',
  key: bytes(64, 0x11),
  size: 5_000,
  digest: bytes(32, 0x22),
  fileName: 'cat.jpg',
  width: 640,
  height: 480,
  url: `http://filev2.getsession.org/file/${id}`,
  ...extra,
});

describe('received attachments', () => {
  let me: Identity;
  let peer: Identity;
  let h: Harness;

  beforeAll(async () => {
    await loadProtocol();
    me = identityFromRecoverySeed(bytes(16, 0xd1));
    peer = identityFromRecoverySeed(bytes(16, 0xd2));
  });
  beforeEach(() => {
    h = openHarness(me, T0 + 10_000, { autoDownloadMaxBytes: LIMIT });
  });
  afterEach(() => h.close());

  const accept = (): void => {
    h.conversations.touch(peer.sessionId, 'private', T0);
    h.conversations.updateContact(peer.sessionId, { isApproved: true }, T0);
  };
  const receive = async (attachments: AttachmentPointerProps[], t: number, body?: string, from: Identity = peer) => {
    const content = { dataMessage: { ...(body !== undefined ? { body } : {}), attachments, ...(from === me ? { syncTarget: peer.sessionId } : {}) } };
    const out = await h.receiver.process([itemOf(from, me.sessionId, content, t)], []);
    expect(out.dropped).toBe(0);
    const view = out.added[0];
    if (!view) throw new Error('message not stored');
    return { view, rows: h.attachmentQueue.forMessage(view.id) };
  };

  it('keeps every pointer shape, in order, with its fields', async () => {
    accept();
    const sFormat = legacy(2, { key: bytes(32, 0x33), url: 'http://filev2.getsession.org/file/2#d=', fileName: 'clip.mp4', contentType: 'video/mp4' });
    delete sFormat.digest;
    const otherServer = legacy(3, { url: `http://files.example.org/file/3#p=${'ab'.repeat(32)}`, contentType: 'application/pdf', fileName: 'doc.pdf' });
    const voice = legacy(4, { contentType: 'audio/mpeg', flags: SignalService.AttachmentPointer.Flags.VOICE_MESSAGE, fileName: '', width: 0, height: 0 });
    const unnamed = legacy(5, { contentType: '', caption: 'no type given' });
    delete unnamed.fileName;
    const hostile = legacy(6, { fileName: '../../.ssh/authorized_keys\u0000' });
    const { view, rows } = await receive([legacy(1), sFormat, otherServer, voice, unnamed, hostile], T0 + 1);

    expect(view.text).toBe('');
    expect(view.unsupported).toBeUndefined();
    expect(rows.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(rows.every((r) => r.state === 'queued')).toBe(true);
    expect(rows[0]).toMatchObject({ contentType: 'image/jpeg', size: 5_000, width: 640, height: 480, fileName: 'cat.jpg', url: 'http://filev2.getsession.org/file/1', flags: 0 });
    expect(rows[0]?.remoteKey).toEqual(bytes(64, 0x11));
    expect(rows[0]?.digest).toEqual(bytes(32, 0x22));
    expect(rows[1]).toMatchObject({ url: 'http://filev2.getsession.org/file/2#d=', digest: null, contentType: 'video/mp4' });
    expect(rows[1]?.remoteKey).toEqual(bytes(32, 0x33));
    expect(rows[2]?.url).toBe(`http://files.example.org/file/3#p=${'ab'.repeat(32)}`);
    expect(rows[3]).toMatchObject({ flags: 1, fileName: null, width: null, height: null });
    expect(rows[4]).toMatchObject({ contentType: 'application/octet-stream', fileName: null, caption: 'no type given' });
    expect(rows[5]?.fileName).toBe('_.._.ssh_authorized_keys');
    // The event carries the attachments, the voice flag and no keys.
    expect(view.attachments?.map((a) => [a.index, a.state, a.voice])).toEqual([
      [0, 'queued', false],
      [1, 'queued', false],
      [2, 'queued', false],
      [3, 'queued', true],
      [4, 'queued', false],
      [5, 'queued', false],
    ]);
    expect(JSON.stringify(h.log['messages.added'])).not.toMatch(/remoteKey|digest|"url"/);
    expect(h.queuedCalls.count).toBe(1);
  });

  it('stores an invalid pointer as a failed row with the reason; the message and the valid ones stay', async () => {
    accept();
    const noKey = legacy(11);
    delete noKey.key;
    const noUrl = legacy(12);
    delete noUrl.url;
    const noDigest = legacy(14);
    delete noDigest.digest;
    const { view, rows } = await receive(
      [noKey, legacy(10, { size: 0 }), noUrl, legacy(13, { url: 'javascript:alert(1)' }), noDigest, legacy(15, { key: bytes(32, 1) }), legacy(16)],
      T0 + 2,
      'with broken files',
    );
    expect(view.text).toBe('with broken files');
    expect(rows.map((r) => r.state)).toEqual(['failed', 'failed', 'failed', 'failed', 'failed', 'failed', 'queued']);
    expect(rows[0]?.error).toBe('This attachment cannot be opened: it has no key.');
    expect(rows[1]?.error).toBe('This attachment is empty or has no size.');
    expect(rows[2]?.error).toBe('This attachment has no download link.');
    expect(rows[3]?.error).toBe('The attachment file URL is invalid.');
    expect(rows[4]?.error).toBe('This attachment cannot be verified: ask the sender to update Session and send it again.');
    expect(rows[5]?.error).toBe('This attachment cannot be opened: its key is invalid.');
    expect(view.attachments?.[0]).toMatchObject({ state: 'failed', error: rows[0]?.error });
  });

  it('queues downloads for accepted contacts up to the limit; larger ones wait for a click', async () => {
    accept();
    const { rows } = await receive([legacy(20, { size: LIMIT }), legacy(21, { size: LIMIT + 1 })], T0 + 3);
    expect(rows.map((r) => r.state)).toEqual(['queued', 'not-downloaded']);
  });

  it('leaves a message request’s attachments for a click, until the sender is trusted', async () => {
    const first = await receive([legacy(30)], T0 + 4);
    expect(first.rows.map((r) => r.state)).toEqual(['not-downloaded']);
    expect(h.queuedCalls.count).toBe(0);
    // "Auto Download": yes for this sender.
    expect(h.attachmentQueue.trustSender(peer.sessionId)).toBe(true);
    const second = await receive([legacy(31)], T0 + 5);
    expect(second.rows.map((r) => r.state)).toEqual(['queued']);
    expect(h.queuedCalls.count).toBe(1);
  });

  it('downloads our own messages’ attachments (sync copies from our other devices)', async () => {
    const { view, rows } = await receive([legacy(40)], T0 + 6, 'from my phone', me);
    expect(view.direction).toBe('outgoing');
    expect(rows.map((r) => r.state)).toEqual(['queued']);
  });

  it('a timer update carries no attachments (spec messaging §5.4 step 1)', async () => {
    accept();
    const out = await h.receiver.process(
      [
        itemOf(
          peer,
          me.sessionId,
          {
            dataMessage: { flags: SignalService.DataMessage.Flags.EXPIRATION_TIMER_UPDATE, attachments: [legacy(50)] },
            expirationType: SignalService.Content.ExpirationType.DELETE_AFTER_SEND,
            expirationTimer: 60,
          },
          T0 + 7,
        ),
      ],
      [],
    );
    expect(out.added).toHaveLength(1);
    expect(h.attachmentQueue.forMessage(out.added[0]?.id ?? '')).toEqual([]);
  });
});
