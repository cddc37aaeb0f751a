// The `preview` field we send (spec messaging §6.3), checked against hand-encoded protobuf bytes: DataMessage
// field 10 (repeated Preview), Preview{url = 1, title = 2, image = 3 (AttachmentPointer)}.
import { withLinkPreview } from '../../../../ts/backend/services/linkPreviewContent';
import { encodeContent, loadProtocol } from '../../../../ts/protocol';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const ascii = (s: string): string => Buffer.from(s, 'ascii').toString('hex');

beforeAll(() => loadProtocol());

it('writes one Preview with url, title and the image pointer as DataMessage field 10', () => {
  const content = withLinkPreview({ dataMessage: { body: 'x https://a.bc' } }, { url: 'https://a.bc', title: 'T' }, { deprecatedId: 0, contentType: 'image/png', size: 5 });
  const pointer = `09${'00'.repeat(8)}` + `1209${ascii('image/png')}` + '2005'; // deprecated_id (fixed64), contentType, size
  const preview = `0a0c${ascii('https://a.bc')}` + `1201${ascii('T')}` + `1a16${pointer}`;
  const dataMessage = `0a0e${ascii('x https://a.bc')}` + `5229${preview}`;
  expect(hex(encodeContent(content))).toBe(`0a3b${dataMessage}`);
});

it('leaves out the title and image when there are none, and keeps the rest of the DataMessage', () => {
  const content = withLinkPreview({ dataMessage: { body: 'https://a.bc' }, expirationTimer: 0 }, { url: 'https://a.bc' }, undefined);
  // 14 bytes of body field + 16 of preview field = 30 (0x1e); expirationTimer 0 is Content field 13 (0x68 00).
  expect(hex(encodeContent(content))).toBe(`0a1e0a0c${ascii('https://a.bc')}520e0a0c${ascii('https://a.bc')}6800`);
});
