// The renderer's media plumbing without a DOM: chunked reads of attachment bytes through the API (the
// fake serves MEDIA_CHUNK_BYTES slices as the backend does), the bounded blob: URL cache (LRU, URLs in
// use never revoked, revoked when they fall out), the pure display rules, and the autoplay rule.
import { MEDIA_CHUNK_BYTES, type AttachmentView, type MessageView } from '../../../ts/ipc/contract';
import { IpcError } from '../../../ts/ipc/errors';
import { nextAudioKey } from '../../../ts/renderer/components/conversation/media/audioPlayback';
import {
  attachmentKind,
  formatDuration,
  formatFileSize,
  gridBoxes,
  shortenFileName,
} from '../../../ts/renderer/components/conversation/media/mediaRules';
import { AttachmentUrlCache, readAttachmentBlob, type AttachmentRef } from '../../../ts/renderer/state/media';
import { FakeApi, TEST_ACCOUNT } from './fakeApi';

const BOB = '05' + 'b2'.repeat(32);

function attachment(over: Partial<AttachmentView> = {}): AttachmentView {
  return { index: 0, contentType: 'image/png', size: 10, voice: false, state: 'downloaded', hasThumbnail: false, ...over };
}

function message(id: string, attachments: AttachmentView[], over: Partial<MessageView> = {}): MessageView {
  return { id, conversationId: BOB, sender: BOB, direction: 'incoming', text: '', timestamp: 1, receivedAt: 1, status: 'received', attachments, ...over };
}

describe('readAttachmentBlob', () => {
  it('reads a file of several chunks slice by slice into one Blob of the sniffed type', async () => {
    const api = new FakeApi();
    const size = MEDIA_CHUNK_BYTES * 2 + 1234;
    const full = new Uint8Array(size).map((_, i) => (i * 31 + 7) & 0xff);
    api.messages = [message('m1', [attachment({ contentType: 'video/mp4', size })])];
    api.media.set('m1#0', { full, contentType: 'video/mp4' });
    const blob = await readAttachmentBlob(api, { messageId: 'm1', index: 0, variant: 'full' });
    const reads = api.callsOf('attachments.read').map((c) => (c.params as { offset: number }).offset);
    expect(reads).toEqual([0, MEDIA_CHUNK_BYTES, MEDIA_CHUNK_BYTES * 2]);
    expect(blob.type).toBe('video/mp4');
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(full);
  });

  it('reads the thumbnail variant when asked, and an empty file in one call', async () => {
    const api = new FakeApi();
    api.messages = [message('m1', [attachment({ hasThumbnail: true }), attachment({ index: 1, size: 0 })])];
    api.media.set('m1#0', { full: new Uint8Array([1, 2, 3]), thumbnail: new Uint8Array([9, 9]), contentType: 'image/png' });
    api.media.set('m1#1', { full: new Uint8Array(0), contentType: 'image/png' });
    const thumb = await readAttachmentBlob(api, { messageId: 'm1', index: 0, variant: 'thumbnail' });
    expect(new Uint8Array(await thumb.arrayBuffer())).toEqual(new Uint8Array([9, 9]));
    expect((await readAttachmentBlob(api, { messageId: 'm1', index: 1, variant: 'full' })).size).toBe(0);
    expect(api.callsOf('attachments.read')).toHaveLength(2);
  });

  it('fails clearly on a slice that does not continue the last one, or ends before the size', async () => {
    const api = new FakeApi();
    const bad = { call: jest.fn() } as unknown as FakeApi;
    (bad.call as jest.Mock)
      .mockResolvedValueOnce({ dataBase64: btoa('abcd'), offset: 0, total: 10, contentType: 'text/plain' })
      .mockResolvedValueOnce({ dataBase64: btoa('efgh'), offset: 2, total: 10, contentType: 'text/plain' });
    await expect(readAttachmentBlob(bad, { messageId: 'x', index: 0, variant: 'full' })).rejects.toThrow('changed while it was being read');
    (bad.call as jest.Mock).mockReset().mockResolvedValueOnce({ dataBase64: '', offset: 0, total: 10, contentType: 'text/plain' });
    await expect(readAttachmentBlob(bad, { messageId: 'x', index: 0, variant: 'full' })).rejects.toThrow('ended before its size');
    api.messages = [message('m1', [attachment({ state: 'not-downloaded' })])];
    await expect(readAttachmentBlob(api, { messageId: 'm1', index: 0, variant: 'full' })).rejects.toThrow(IpcError);
  });
});

describe('AttachmentUrlCache', () => {
  function setup(limits = { entries: 2, bytes: 1000 }) {
    const created: string[] = [];
    const revoked: string[] = [];
    const reads: string[] = [];
    const read = jest.fn(async (ref: AttachmentRef) => {
      reads.push(`${ref.messageId}#${ref.index}:${ref.variant}`);
      return new Blob([new Uint8Array(100)]);
    });
    let n = 0;
    const cache = new AttachmentUrlCache(read, limits, {
      create: () => {
        const url = `blob:test/${++n}`;
        created.push(url);
        return url;
      },
      revoke: (u) => revoked.push(u),
    });
    return { cache, created, revoked, reads };
  }
  const ref = (messageId: string, variant: 'full' | 'thumbnail' = 'full'): AttachmentRef => ({ messageId, index: 0, variant });

  it('reads once per attachment and variant, sharing concurrent acquires and later hits', async () => {
    const { cache, reads } = setup();
    const [a, b] = await Promise.all([cache.acquire(ref('m1')), cache.acquire(ref('m1'))]);
    expect(a).toBe(b);
    expect(await cache.acquire(ref('m1'))).toBe(a);
    expect(await cache.acquire(ref('m1', 'thumbnail'))).not.toBe(a);
    expect(reads).toEqual(['m1#0:full', 'm1#0:thumbnail']);
  });

  it('keeps URLs in use, and revokes the least recently used unused ones beyond the limit', async () => {
    const { cache, revoked } = setup({ entries: 2, bytes: 10_000 });
    const u1 = await cache.acquire(ref('m1'));
    const u2 = await cache.acquire(ref('m2'));
    const u3 = await cache.acquire(ref('m3'));
    // All three are in use: nothing is revoked, however many.
    expect(revoked).toEqual([]);
    cache.release(ref('m1'));
    cache.release(ref('m2'));
    // m2 used again: m1 is now the least recently used.
    await cache.acquire(ref('m2'));
    cache.release(ref('m2'));
    cache.release(ref('m3'));
    expect(revoked).toEqual([u1]);
    expect(cache.has(ref('m1'))).toBe(false);
    expect(cache.size).toBe(2);
    // A fourth pushes out the next least recently used unused one (m2 was put away before m3).
    await cache.acquire(ref('m4'));
    cache.release(ref('m4'));
    expect(revoked).toEqual([u1, u2]);
    expect(cache.has(ref('m3'))).toBe(true);
    expect(u3).toMatch(/^blob:/);
  });

  it('bounds the bytes of unused URLs too', async () => {
    const { cache, revoked } = setup({ entries: 100, bytes: 250 });
    for (const id of ['a', 'b', 'c']) {
      await cache.acquire(ref(id));
      cache.release(ref(id));
    }
    // 3 × 100 bytes > 250: the oldest goes.
    expect(revoked).toHaveLength(1);
    expect(cache.has(ref('a'))).toBe(false);
  });

  it('does not cache a failed read: the next acquire reads again', async () => {
    let fail = true;
    const read = jest.fn(async () => {
      if (fail) throw new Error('not here yet');
      return new Blob(['x']);
    });
    const cache = new AttachmentUrlCache(read, { entries: 5, bytes: 1000 }, { create: () => 'blob:x', revoke: () => undefined });
    await expect(cache.acquire(ref('m1'))).rejects.toThrow('not here yet');
    fail = false;
    expect(await cache.acquire(ref('m1'))).toBe('blob:x');
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('invalidate revokes an unused URL now and forgets a used one', async () => {
    const { cache, revoked, reads } = setup();
    const u = await cache.acquire(ref('m1'));
    cache.invalidate('m1', 0);
    expect(revoked).toEqual([]);
    expect(cache.has(ref('m1'))).toBe(false);
    await cache.acquire(ref('m1'));
    expect(reads).toEqual(['m1#0:full', 'm1#0:full']);
    expect(u).toBe('blob:test/1');
    cache.release(ref('m1'));
    cache.clear();
    expect(revoked).toEqual(['blob:test/2']);
  });
});

describe('media rules', () => {
  it('sorts attachments into grid, player and file rows', () => {
    expect(attachmentKind({ contentType: 'image/jpeg', voice: false })).toBe('image');
    expect(attachmentKind({ contentType: 'image/gif', voice: false })).toBe('file');
    expect(attachmentKind({ contentType: 'video/mp4', voice: false })).toBe('video');
    expect(attachmentKind({ contentType: 'audio/mpeg', voice: false })).toBe('audio');
    expect(attachmentKind({ contentType: 'application/octet-stream', voice: true })).toBe('audio');
    expect(attachmentKind({ contentType: 'application/pdf', voice: false })).toBe('file');
  });

  it('sizes the grid from the pointer before any byte is here', () => {
    expect(gridBoxes([{ width: 400, height: 200 }])).toEqual([{ width: 300, height: 200 }]);
    expect(gridBoxes([{ width: 300, height: 400 }])).toEqual([{ width: 150, height: 200 }]);
    expect(gridBoxes([{ width: 50, height: 1000 }])).toEqual([{ width: 120, height: 200 }]);
    expect(gridBoxes([{}])).toEqual([{ width: 200, height: 200 }]);
    expect(gridBoxes([{}, {}])).toEqual([
      { width: 200, height: 200 },
      { width: 200, height: 200 },
    ]);
    expect(gridBoxes([{}, {}, {}]).map((b) => b.height)).toEqual([200, 95, 95]);
  });

  it('shortens names to 15 + … + 15 characters, sizes and durations', () => {
    expect(shortenFileName('short.pdf')).toBe('short.pdf');
    const long = 'abcdefghijklmnopqrstuvwxyz0123456789.pdf';
    expect(shortenFileName(long)).toBe('abcdefghijklmno…z0123456789.pdf');
    expect(Array.from(shortenFileName(long))).toHaveLength(31);
    expect(shortenFileName('x'.repeat(31))).toBe('x'.repeat(31));
    expect(formatFileSize(999, 'en')).toBe('999 byte');
    expect(formatFileSize(1500, 'en')).toBe('1.5 kB');
    expect(formatFileSize(5_000_000, 'en')).toBe('5 MB');
    expect(formatDuration(65_400)).toBe('1:05');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
  });
});

describe('autoplay rule', () => {
  const voice = (over: Partial<AttachmentView> = {}) => attachment({ contentType: 'audio/mpeg', voice: true, ...over });
  it('plays the next message audio only when it directly follows from the same sender', () => {
    const me = TEST_ACCOUNT.sessionId;
    const list = [
      message('a', [voice()]),
      message('b', [voice()]),
      message('c', [voice()], { sender: me, direction: 'outgoing' }),
      message('d', [attachment()]),
      message('e', [voice({ state: 'not-downloaded' })]),
    ];
    expect(nextAudioKey(list, 'a#0')).toBe('b#0');
    expect(nextAudioKey(list, 'b#0')).toBeUndefined();
    expect(nextAudioKey(list, 'c#0')).toBeUndefined();
    // The next message has no audio / its audio is not here: nothing follows.
    expect(nextAudioKey([list[0]!, list[3]!], 'a#0')).toBeUndefined();
    expect(nextAudioKey([list[0]!, list[4]!], 'a#0')).toBeUndefined();
    // A second audio of the same message comes first.
    expect(nextAudioKey([message('f', [voice(), voice({ index: 1 })]), list[1]!], 'f#0')).toBe('f#1');
  });
});
