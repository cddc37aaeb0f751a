// The composer's pure rules and byte helpers: which official rule a new file breaks (spec/ui.md §4.7),
// media versus other files, how the backend's size refusal is recognised, and base64 at the edge.
import { attachmentRuleError, kindOf, type AttachmentKind } from '../../../ts/renderer/state/compose';
import { base64ToBytes, bytesToBase64, isTooLargeError } from '../../../ts/renderer/state/staging';
import { formatClock } from '../../../ts/renderer/components/conversation/VoiceRecorderView';

describe('attachment rules', () => {
  const media = (n: number): AttachmentKind[] => Array.from({ length: n }, () => 'media');

  it('counts at most 32 files', () => {
    expect(attachmentRuleError(media(31), 'media')).toBeNull();
    expect(attachmentRuleError(media(32), 'media')).toBe('composeTooManyFiles');
  });

  it('never mixes media with another file, and allows one other file alone', () => {
    expect(attachmentRuleError([], 'file')).toBeNull();
    expect(attachmentRuleError(['file'], 'file')).toBe('composeCannotMix');
    expect(attachmentRuleError(['file'], 'media')).toBe('composeCannotMix');
    expect(attachmentRuleError(['media'], 'file')).toBe('composeCannotMix');
    expect(attachmentRuleError(['media', 'media'], 'media')).toBeNull();
  });

  it('treats images and videos as media, everything else (GIFs included as images) by type', () => {
    expect(['image/jpeg', 'image/gif', 'video/mp4', 'VIDEO/QUICKTIME'].map(kindOf)).toEqual(['media', 'media', 'media', 'media']);
    expect(['application/pdf', 'audio/mpeg', '', 'text/plain'].map(kindOf)).toEqual(['file', 'file', 'file', 'file']);
  });

  it('recognises the backend refusing a file as too large', () => {
    expect(isTooLargeError(new Error('This file is too large to send (10 MB at most).'))).toBe(true);
    expect(isTooLargeError({ code: 'invalid_params', message: 'Files must be less than 10MB' })).toBe(true);
    expect(isTooLargeError(new Error('The image is damaged.'))).toBe(false);
    expect(isTooLargeError('too large')).toBe(false);
  });
});

describe('byte helpers', () => {
  it('round-trips every byte value through base64, also past the 32 KiB slice', () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 31) & 255);
    const text = bytesToBase64(bytes);
    expect(text).toBe(Buffer.from(bytes).toString('base64'));
    expect(Buffer.from(base64ToBytes(text)).equals(Buffer.from(bytes))).toBe(true);
    expect(bytesToBase64(new Uint8Array(0))).toBe('');
  });

  it('formats recording times as m:ss', () => {
    expect([0, 999, 5_000, 65_400, 300_000].map(formatClock)).toEqual(['0:00', '0:00', '0:05', '1:05', '5:00']);
  });
});
