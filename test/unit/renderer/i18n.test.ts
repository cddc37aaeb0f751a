// The tiny translator: placeholder filling and English fallback.
import { en } from '../../../ts/renderer/locales/en';
import { formatString, makeTranslator, t } from '../../../ts/renderer/locales/i18n';

describe('t()', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('aboutVersion', { version: '1.2.3' })).toBe('v1.2.3');
    expect(formatString('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('falls back to English for keys a dictionary lacks', () => {
    const de = makeTranslator({ close: 'Schließen' });
    expect(de('close')).toBe('Schließen');
    expect(de('settingsTitle')).toBe(en.settingsTitle);
  });
});
