// The translator: placeholders, English fallback, plural choices by Intl.PluralRules, the
// pseudo-locales (every key covered, accented and ~40% longer) and the RTL document direction.
import { en, type LocaleKey } from '../../../ts/renderer/locales/en';
import {
  activeLocale,
  formatDateTime,
  formatString,
  formatTime,
  intlLocale,
  makeTranslator,
  pseudoLocalize,
  setLocale,
  t,
  textDirection,
} from '../../../ts/renderer/locales/i18n';
import { formatActivityTime } from '../../../ts/renderer/theme/format';

/** The two attributes setLocale writes (this suite runs under node, without a DOM). */
const doc = { documentElement: { lang: '', dir: '' } } as unknown as Document;

afterEach(() => setLocale('en', doc));

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

describe('plural messages', () => {
  const template = '{count, plural, =0 {No messages} one {# message from {name}} other {# messages from {name}}}';

  it('picks the branch by the plural rules of the locale, exact matches first', () => {
    expect(formatString(template, { count: 0, name: 'Ann' })).toBe('No messages');
    expect(formatString(template, { count: 1, name: 'Ann' })).toBe('1 message from Ann');
    expect(formatString(template, { count: 1200, name: 'Ann' })).toBe('1,200 messages from Ann');
  });

  it('uses the rules of the given locale (Polish has "few" and "many")', () => {
    const pl = '{n, plural, one {# plik} few {# pliki} many {# plików} other {# pliku}}';
    expect([1, 3, 5, 22, 1.5].map((n) => formatString(pl, { n }, 'pl'))).toEqual(['1 plik', '3 pliki', '5 plików', '22 pliki', '1,5 pliku']);
  });

  it('keeps a missing count visible and leaves malformed syntax as text', () => {
    expect(formatString(template, { name: 'Ann' })).toBe('{count}');
    expect(formatString('{n, plural, one {x}}', { n: 2 })).toBe('{n, plural, one {x}}');
  });

  it('has English plural strings in the locale files', () => {
    expect(t('blockedUnblockConfirmMany', { count: 3 })).toContain('3');
    expect(t('notificationMostRecent', { count: 1, name: 'Ann', text: 'hi' })).not.toBe(t('notificationMostRecent', { count: 2, name: 'Ann', text: 'hi' }));
  });
});

describe('pseudo-locales', () => {
  it('accents, brackets and lengthens a string by about 40%, keeping placeholders and plurals', () => {
    const p = pseudoLocalize('Settings');
    expect(p).toMatch(/^\[Šéţţîñĝš·+\]$/);
    expect(p.length).toBeGreaterThanOrEqual(Math.round('Settings'.length * 1.4));
    const plural = pseudoLocalize('{count, plural, one {# item in {name}} other {# items}}');
    expect(formatString(plural, { count: 1, name: 'Box' })).toMatch(/^\[1 îţéɱ îñ Box·+\]$/);
    expect(formatString(plural, { count: 4 })).toMatch(/^\[4 îţéɱš·+\]$/);
  });

  it('covers every key of the English dictionary', () => {
    setLocale('pseudo', doc);
    const keys = Object.keys(en) as LocaleKey[];
    for (const key of keys) {
      const text = t(key);
      expect(text.startsWith('[')).toBe(true);
      expect(text.endsWith(']')).toBe(true);
      // Every letter outside placeholders is accented: an English letter left over means a bypass.
      const outsidePlaceholders = text.replace(/\{\w+\}/g, '').replace(/\{\w+, plural,|(=\d+|zero|one|two|few|many|other) \{/g, '');
      expect(outsidePlaceholders).not.toMatch(/[A-Za-z]/);
    }
    expect(activeLocale()).toBe('pseudo');
    expect(doc.documentElement.dir).toBe('ltr');
  });

  it('sets the document to right-to-left for the RTL pseudo-locale, and back', () => {
    setLocale('pseudo-rtl', doc);
    expect(doc.documentElement.dir).toBe('rtl');
    expect(textDirection()).toBe('rtl');
    expect(t('settingsTitle')).toMatch(/^\[Šéţţîñĝš/);
    setLocale('en', doc);
    expect(doc.documentElement.dir).toBe('ltr');
    expect(intlLocale()).toBe('en');
  });
});

describe('dates and times', () => {
  it('format with the active locale', () => {
    const when = new Date(2026, 1, 3, 9, 5).getTime();
    const now = new Date(2026, 5, 1, 12, 0).getTime();
    expect(formatActivityTime(when, now)).toBe(formatActivityTime(when, now, 'en'));
    setLocale('pseudo-rtl', doc);
    expect(intlLocale()).toBe('ar-XB');
    // Arabic month names (and digits where the locale uses them): the active locale reached Intl.
    expect(formatActivityTime(when, now)).not.toBe(formatActivityTime(when, now, 'en'));
    expect(formatActivityTime(when, now)).toBe(new Date(when).toLocaleDateString('ar-XB', { year: 'numeric', month: 'short', day: 'numeric' }));
    expect(formatTime(when)).toBe(new Date(when).toLocaleTimeString('ar-XB', { hour: '2-digit', minute: '2-digit' }));
    expect(formatDateTime(when)).toBe(new Intl.DateTimeFormat('ar-XB', { dateStyle: 'medium', timeStyle: 'short' }).format(when));
  });
});
