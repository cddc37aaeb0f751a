// Shared Intl formatters. Building an Intl object (and Date#toLocale*String with options, which builds
// one per call) costs far more than formatting with it: a timeline row paid about a millisecond for its
// tooltip date alone, enough to make scrolling through pages drop frames. Formatters are cached per
// locale and options; the cache stays small (a few option sets times the locales the user picks).
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const segmenters = new Map<string, Intl.Segmenter>();
const listFormats = new Map<string, Intl.ListFormat>();

/** The same formatter as `new Intl.DateTimeFormat(locale, options)`, built once per locale and options. */
export function dateTimeFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}\u0000${JSON.stringify(options)}`;
  let f = dateFormats.get(key);
  if (!f) dateFormats.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

/** A grapheme segmenter for the locale (default locale when undefined). */
export function graphemeSegmenter(locale?: string): Intl.Segmenter {
  const key = locale ?? '';
  let s = segmenters.get(key);
  if (!s) segmenters.set(key, (s = new Intl.Segmenter(locale, { granularity: 'grapheme' })));
  return s;
}

/** The same formatter as `new Intl.ListFormat(locale, options)`, built once per locale and options. */
export function listFormat(locale: string | undefined, options: Intl.ListFormatOptions): Intl.ListFormat {
  const key = `${locale ?? ''}\u0000${JSON.stringify(options)}`;
  let f = listFormats.get(key);
  if (!f) listFormats.set(key, (f = new Intl.ListFormat(locale, options)));
  return f;
}
