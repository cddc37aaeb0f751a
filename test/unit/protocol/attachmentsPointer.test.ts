// File URLs (spec messaging §6.6, network §8.2) and AttachmentPointer fields: the exact bytes a pointer
// encodes to, and the checks a received pointer must pass.
import {
  buildAttachmentPointer,
  buildFileUrl,
  decodeContent,
  decryptAttachmentBlob,
  encodeContent,
  encryptAttachmentWithKey,
  encryptDeterministicAttachment,
  loadProtocol,
  maxBlobBytes,
  parseAttachmentPointer,
  parseFileUrl,
  SignalService,
  utf8ToBytes,
  type AttachmentPointerProps,
} from '../../../ts/protocol';
import { hex, toHex } from './helpers';

beforeAll(loadProtocol);

const MAINNET = 'http://filev2.getsession.org';
const OTHER_KEY = '0123456789abcdef'.repeat(4);

describe('file URLs', () => {
  test('built for the default server without a fragment, with p= for another server, d= for S format', () => {
    expect(buildFileUrl(MAINNET, 'abc_DEF-123')).toBe('http://filev2.getsession.org/file/abc_DEF-123');
    expect(buildFileUrl(`${MAINNET}/`, '42')).toBe('http://filev2.getsession.org/file/42');
    expect(buildFileUrl('http://127.0.0.1:4003', 'x1', { serverPubkey: OTHER_KEY.toUpperCase() })).toBe(`http://127.0.0.1:4003/file/x1#p=${OTHER_KEY}`);
    expect(buildFileUrl(MAINNET, 'x1', { serverPubkey: OTHER_KEY, deterministic: true })).toBe(`${MAINNET}/file/x1#p=${OTHER_KEY}&d=`);
    expect(buildFileUrl('https://files.example', 'x1', { deterministic: true })).toBe('https://files.example/file/x1#d=');
  });

  test('building refuses ids that could walk a path, bad keys and non-http servers', () => {
    for (const [server, id, opts] of [
      [MAINNET, '../etc', {}],
      [MAINNET, 'a/b', {}],
      [MAINNET, '', {}],
      [MAINNET, 'ok', { serverPubkey: 'abc' }],
      ['ftp://host', 'ok', {}],
      ['http://host/path', 'ok', {}],
      ['not a url', 'ok', {}],
    ] as const) {
      expect(() => buildFileUrl(server, id, opts)).toThrow();
    }
  });

  test('parsed: server base, id, key from p (lower-cased), d presence, other params ignored', () => {
    expect(parseFileUrl(`${MAINNET}/file/123456`)).toEqual({
      ok: true,
      value: { serverUrl: MAINNET, id: '123456', serverPubkey: undefined, deterministic: false },
    });
    expect(parseFileUrl(`http://127.0.0.1:4003/file/Zm9v_-#p=${OTHER_KEY.toUpperCase()}&d=&e=0011`)).toEqual({
      ok: true,
      value: { serverUrl: 'http://127.0.0.1:4003', id: 'Zm9v_-', serverPubkey: OTHER_KEY, deterministic: true },
    });
    // `d` with any value (or none) means deterministic: only its presence counts.
    const d = parseFileUrl(`${MAINNET}/file/1#d`);
    expect(d.ok && d.value.deterministic).toBe(true);
  });

  test.each([
    [undefined, 'no file URL'],
    ['', 'no file URL'],
    ['filev2.getsession.org/file/1', 'invalid'],
    ['ftp://filev2.getsession.org/file/1', 'invalid'],
    ['http://user:pw@filev2.getsession.org/file/1', 'invalid'],
    ['http://filev2.getsession.org/files/1', 'invalid'],
    ['http://filev2.getsession.org/file/1/extend', 'invalid'],
    ['http://filev2.getsession.org/file/..%2Fx', 'invalid'],
    ['http://filev2.getsession.org/file/%zz', 'invalid'],
    [`http://filev2.getsession.org/file/1#p=${'0'.repeat(63)}`, 'invalid'],
    [`http://filev2.getsession.org/file/${'a'.repeat(3000)}`, 'too long'],
  ])('refuses bad URL #%# with a clear error', (url, words) => {
    const r = parseFileUrl(url);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('invalid_argument');
      expect(r.error.message).toContain(words);
    }
  });
});

describe('AttachmentPointer', () => {
  const key = new Uint8Array(64).map((_, i) => i);
  const digest = new Uint8Array(32).fill(0xdd);
  const url = `${MAINNET}/file/abc`;

  test('a voice message pointer encodes to these bytes (deprecated_id 0 sent: proto2 required)', () => {
    const p = buildAttachmentPointer({ url, key, digest, size: 1234, contentType: 'audio/mpeg', fileName: 'v.mp3', voice: true });
    const bytes = encodeContent({ dataMessage: { attachments: [p] } });
    const pointer = SignalService.AttachmentPointer.encode(p).finish();
    // 09 <fixed64 0>, 12 "audio/mpeg", 1a 40 <key>, 20 d2 09 (1234), 32 20 <digest>, 3a "v.mp3", 40 01 (flags=VOICE),
    // aa 06 <len> url (field 101, wire type 2 -> key varint 0x32a = aa 06).
    const expected =
      '090000000000000000' +
      '120a' + Buffer.from('audio/mpeg').toString('hex') +
      '1a40' + toHex(key) +
      '20d209' +
      '3220' + 'dd'.repeat(32) +
      '3a05' + Buffer.from('v.mp3').toString('hex') +
      '4001' +
      'aa06' + url.length.toString(16).padStart(2, '0') + Buffer.from(url).toString('hex');
    expect(toHex(pointer)).toBe(expected);
    // Content { dataMessage (1) { attachments (2) { … } } }
    const c = decodeContent(bytes);
    expect(c.ok && toHex(SignalService.AttachmentPointer.encode(c.value.dataMessage!.attachments![0]!).finish())).toBe(expected);
  });

  test('image fields: width, height, caption; no flags for a plain file', () => {
    const p = buildAttachmentPointer({ url, key, digest, size: 10, contentType: 'image/jpeg', width: 1600, height: 1200, caption: 'hi' });
    expect(p).toEqual({ deprecatedId: 0, contentType: 'image/jpeg', key, size: 10, digest, width: 1600, height: 1200, caption: 'hi', url });
    const missingType = buildAttachmentPointer({ url, key, digest, size: 10, contentType: '' });
    expect(missingType.contentType).toBe('application/octet-stream');
  });

  test('building refuses a zero size, a wrong key length for the scheme and a legacy pointer without digest', () => {
    expect(() => buildAttachmentPointer({ url, key, digest, size: 0, contentType: 'x/y' })).toThrow('An empty file cannot be sent.');
    expect(() => buildAttachmentPointer({ url, key: key.subarray(0, 32), digest, size: 1, contentType: 'x/y' })).toThrow();
    expect(() => buildAttachmentPointer({ url: `${url}#d=`, key, size: 1, contentType: 'x/y' })).toThrow();
    expect(() => buildAttachmentPointer({ url, key, size: 1, contentType: 'x/y' })).toThrow();
    expect(() => buildAttachmentPointer({ url: 'nope', key, digest, size: 1, contentType: 'x/y' })).toThrow();
  });

  test('a received pointer (decoded from bytes) becomes a descriptor', () => {
    const wire = SignalService.AttachmentPointer.encode(
      buildAttachmentPointer({ url, key, digest, size: 99, contentType: 'image/png', fileName: 'a.png', width: 3, height: 4 }),
    ).finish();
    const decoded = SignalService.AttachmentPointer.decode(wire);
    expect(parseAttachmentPointer(decoded)).toEqual({
      ok: true,
      value: { url, key, digest, size: 99, contentType: 'image/png', fileName: 'a.png', voice: false, width: 3, height: 4, deterministic: false },
    });
  });

  test('an S-format pointer (d in the URL) takes a 32-byte key and no digest', () => {
    const r = parseAttachmentPointer({ deprecatedId: 0, url: `${url}#d=`, key: key.subarray(0, 32), size: 5, flags: 1 });
    expect(r.ok && [r.value.deterministic, r.value.voice, r.value.digest, r.value.contentType]).toEqual([true, true, undefined, 'application/octet-stream']);
  });

  test.each<[string, AttachmentPointerProps, string]>([
    ['no key', { deprecatedId: 0, url, size: 5 }, 'no key'],
    ['empty key', { deprecatedId: 0, url, size: 5, key: new Uint8Array(0) }, 'no key'],
    ['size 0', { deprecatedId: 0, url, size: 0, key }, 'empty'],
    ['no size', { deprecatedId: 0, url, key }, 'empty'],
    ['no url', { deprecatedId: 0, size: 5, key }, 'no download link'],
    ['bad url', { deprecatedId: 0, size: 5, key, url: 'http://x/file/a/b' }, 'invalid'],
    ['32-byte key on a legacy url', { deprecatedId: 0, size: 5, key: key.subarray(0, 32), url }, 'key is invalid'],
    ['64-byte key on an S url', { deprecatedId: 0, size: 5, key, url: `${url}#d=` }, 'key is invalid'],
    ['legacy larger than the server holds', { deprecatedId: 0, size: 10_000_001, key, url }, 'larger'],
    ['S larger than MAX_REGULAR_SIZE', { deprecatedId: 0, size: 10_218_287, key: key.subarray(0, 32), url: `${url}#d=` }, 'larger'],
    ['short digest', { deprecatedId: 0, size: 5, key, url, digest: new Uint8Array(31) }, 'digest'],
  ])('refuses %s with a clear error', (_name, pointer, words) => {
    const r = parseAttachmentPointer(pointer);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('attachment_invalid');
      expect(r.error.message).toContain(words);
    }
  });

  test('decryptAttachmentBlob picks the scheme from the URL and bounds the blob size', () => {
    const plain = utf8ToBytes('hello attachment');
    const legacy = encryptAttachmentWithKey(plain, hex('00'.repeat(64)), hex('11'.repeat(16)), true);
    const d1 = parseAttachmentPointer(buildAttachmentPointer({ url, key: legacy.key, digest: legacy.digest, size: plain.length, contentType: 'text/plain' }));
    if (!d1.ok) throw d1.error;
    const r1 = decryptAttachmentBlob(d1.value, legacy.blob);
    expect(r1.ok && Buffer.from(r1.value).toString()).toBe('hello attachment');
    expect(maxBlobBytes(d1.value)).toBe(10_000_000);

    const s = encryptDeterministicAttachment(plain, new Uint8Array(32).fill(1));
    const d2 = parseAttachmentPointer(buildAttachmentPointer({ url: `${url}#d=`, key: s.key, size: plain.length, contentType: 'text/plain' }));
    if (!d2.ok) throw d2.error;
    const r2 = decryptAttachmentBlob(d2.value, s.blob);
    expect(r2.ok && Buffer.from(r2.value).toString()).toBe('hello attachment');
    expect(maxBlobBytes(d2.value)).toBe(4096);
    // The S blob under the legacy scheme, or with the wrong declared size, is an error, not garbage.
    expect(decryptAttachmentBlob({ ...d2.value, deterministic: false, key: hex('00'.repeat(64)) }, s.blob).ok).toBe(false);
    expect(decryptAttachmentBlob({ ...d2.value, size: plain.length + 1 }, s.blob).ok).toBe(false);
  });
});
