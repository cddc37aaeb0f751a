// Cached Intl formatters: one object per locale and options, formatting exactly as a fresh one does.
import { dateTimeFormat, graphemeSegmenter, listFormat } from '../../../ts/renderer/theme/intlCache';

const AT = new Date(2026, 0, 15, 14, 5).getTime();

describe('intlCache', () => {
  it('returns the same formatter for the same locale and options, another for other ones', () => {
    const f = dateTimeFormat('en-US', { hour: '2-digit', minute: '2-digit' });
    expect(dateTimeFormat('en-US', { hour: '2-digit', minute: '2-digit' })).toBe(f);
    expect(dateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' })).not.toBe(f);
    expect(dateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit' })).not.toBe(f);
    expect(dateTimeFormat(undefined, { weekday: 'long' })).toBe(dateTimeFormat(undefined, { weekday: 'long' }));
  });

  it('formats as toLocale*String with the same locale and options', () => {
    expect(dateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit' }).format(AT)).toBe('2:05 PM');
    expect(dateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(AT)).toBe('14:05');
    expect(dateTimeFormat('en-US', { weekday: 'long' }).format(AT)).toBe(
      new Date(AT).toLocaleDateString('en-US', { weekday: 'long' }),
    );
    expect(dateTimeFormat('de-DE', { dateStyle: 'full', timeStyle: 'short' }).format(AT)).toBe(
      new Date(AT).toLocaleString('de-DE', { dateStyle: 'full', timeStyle: 'short' }),
    );
  });

  it('caches segmenters and list formats', () => {
    expect(graphemeSegmenter()).toBe(graphemeSegmenter());
    expect(Array.from(graphemeSegmenter().segment('👨‍👩‍👧a'), (s) => s.segment)).toEqual(['👨‍👩‍👧', 'a']);
    const l = listFormat('en', { style: 'long', type: 'conjunction' });
    expect(listFormat('en', { style: 'long', type: 'conjunction' })).toBe(l);
    expect(l.format(['a', 'b', 'c'])).toBe('a, b, and c');
  });
});
