// The Content of a message with attachments against hand-assembled protobuf bytes (field numbers from
// protos/signalservice.proto, spec messaging §6.6), not only a round trip: no body field for an
// attachment-only message, the required deprecated_id present, flags only for voice; text-only messages
// keep their old encoding.
import { NO_PROFILE, attachmentMessageContent, profileFields, textContent } from '../../../../ts/backend/services/outbox';
import { buildAttachmentPointer, encodeContent } from '../../../../ts/protocol';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const bytes = (n: number, v: number): string => Buffer.alloc(n, v).toString('hex');
const str = (s: string): string => Buffer.from(s, 'utf8').toString('hex');
const len = (h: string): string => {
  // A varint length (all lengths here are below 16384).
  const n = h.length / 2;
  return n < 0x80 ? n.toString(16).padStart(2, '0') : Buffer.from([(n & 0x7f) | 0x80, n >> 7]).toString('hex');
};

const URL = 'http://filev2.getsession.org/file/42';
const pointer = (voice: boolean) =>
  buildAttachmentPointer({
    url: URL,
    key: new Uint8Array(64).fill(1),
    digest: new Uint8Array(32).fill(2),
    size: 5,
    contentType: 'audio/mpeg',
    fileName: 'v.mp3',
    voice,
    deprecatedId: 42,
  });

/** AttachmentPointer: deprecated_id(1, fixed64) contentType(2) key(3) size(4) digest(6) fileName(7) flags(8) url(101). */
const pointerHex = (voice: boolean): string =>
  '09' + '2a00000000000000' +
  '12' + len(str('audio/mpeg')) + str('audio/mpeg') +
  '1a' + '40' + bytes(64, 1) +
  '20' + '05' +
  '32' + '20' + bytes(32, 2) +
  '3a' + len(str('v.mp3')) + str('v.mp3') +
  (voice ? '40' + '01' : '') +
  'aa06' + len(str(URL)) + str(URL);

/** Content: dataMessage(1), expirationType(12) = UNKNOWN (0), expirationTimer(13) = 0. */
const contentHex = (dataMessage: string): string => '0a' + len(dataMessage) + dataMessage + '60' + '00' + '68' + '00';

describe('the Content of a message with attachments', () => {
  it('encodes an attachment-only voice message without a body field', () => {
    const p = pointerHex(true);
    // DataMessage: attachments(2), profile(101) { displayName(1) }.
    const profile = '0a' + len(str('Alice')) + str('Alice');
    const dm = '12' + len(p) + p + 'aa06' + len(profile) + profile;
    expect(hex(encodeContent(attachmentMessageContent('', [pointer(true)], profileFields({ displayName: 'Alice', updatedSeconds: 0 }))))).toBe(contentHex(dm));
  });

  it('puts the caption in the body and keeps pointers in order, without a profile when we have no name', () => {
    const a = pointerHex(false);
    const b = pointerHex(true);
    const dm = '0a' + len(str('caption')) + str('caption') + '12' + len(a) + a + '12' + len(b) + b;
    expect(hex(encodeContent(attachmentMessageContent('caption', [pointer(false), pointer(true)], profileFields(NO_PROFILE))))).toBe(contentHex(dm));
  });

  it('carries our picture like a text message does: profileKey(6) and the profile with its URL', () => {
    const a = pointerHex(false);
    const pic = 'http://filev2.getsession.org/file/7';
    const profile = '0a' + len(str('A')) + str('A') + '12' + len(str(pic)) + str(pic) + '18' + '07';
    const dm = '12' + len(a) + a + '32' + '20' + bytes(32, 3) + 'aa06' + len(profile) + profile;
    const fields = profileFields({ displayName: 'A', updatedSeconds: 7, picture: { url: pic, key: new Uint8Array(32).fill(3) } });
    expect(hex(encodeContent(attachmentMessageContent('', [pointer(false)], fields)))).toBe(contentHex(dm));
  });

  it('leaves text-only messages as they were', () => {
    const profile = '0a' + len(str('Bob')) + str('Bob');
    const dm = '0a' + len(str('hi')) + str('hi') + 'aa06' + len(profile) + profile;
    expect(hex(encodeContent(textContent('hi', { displayName: 'Bob', updatedSeconds: 0 })))).toBe(contentHex(dm));
  });
});
