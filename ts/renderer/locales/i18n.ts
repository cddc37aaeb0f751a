// Looks up a UI string in the active locale and fills it in. Unknown placeholders stay visible so a
// missing variable is noticed rather than silently dropped.
//
// Message syntax (a small subset of ICU MessageFormat, enough for the UI's needs):
//   {name}                                       the variable `name`
//   {count, plural, one {# message} other {# messages}}
//                                                a plural choice by Intl.PluralRules of the active
//                                                locale; `=0`, `=1`… match exact numbers first and
//                                                `#` inside a branch is the number, formatted for the
//                                                locale. `other` is required; branches may hold
//                                                further {placeholders}.
//
// Locales: English ('en') is the only real one today. Two pseudo-locales exist to find untranslated,
// clipped and mirrored-layout problems: 'pseudo' (every string accented and ~40% longer, in
// brackets) and 'pseudo-rtl' (the same strings, right-to-left document). Pick one with `setLocale`
// (the renderer entry reads `?locale=` from the page URL).
import { en, type LocaleDictionary, type LocaleKey } from './en';
import { dateTimeFormat } from '../theme/intlCache';

export type TranslateVars = Readonly<Record<string, string | number>>;

// ---------- message parsing ----------

type Part = string | { kind: 'var'; name: string } | { kind: 'plural'; name: string; branches: Map<string, Part[]> };

/** Parses a template into parts; malformed braces are kept as text, so a typo shows instead of throwing. */
export function parseMessage(template: string): Part[] {
  const [parts] = parseParts(template, 0, false);
  return parts;
}

function parseParts(src: string, start: number, nested: boolean): [Part[], number] {
  const parts: Part[] = [];
  let text = '';
  let i = start;
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === '}' && nested) break;
    if (ch === '{') {
      const simple = /^\{(\w+)\}/.exec(src.slice(i));
      if (simple) {
        if (text) parts.push(text);
        text = '';
        parts.push({ kind: 'var', name: simple[1]! });
        i += simple[0].length;
        continue;
      }
      const plural = /^\{(\w+),\s*plural,\s*/.exec(src.slice(i));
      if (plural) {
        const parsed = parseBranches(src, i + plural[0].length);
        if (parsed) {
          if (text) parts.push(text);
          text = '';
          parts.push({ kind: 'plural', name: plural[1]!, branches: parsed[0] });
          i = parsed[1];
          continue;
        }
      }
    }
    text += ch;
    i++;
  }
  if (text) parts.push(text);
  return [parts, i];
}

/** Parses `sel {…} sel {…}}` from `start`; returns the branches and the index after the closing brace. */
function parseBranches(src: string, start: number): [Map<string, Part[]>, number] | null {
  const branches = new Map<string, Part[]>();
  let i = start;
  for (;;) {
    while (i < src.length && /\s/.test(src[i]!)) i++;
    if (src[i] === '}') return branches.has('other') ? [branches, i + 1] : null;
    const sel = /^(=\d+|zero|one|two|few|many|other)\s*\{/.exec(src.slice(i));
    if (!sel) return null;
    const [body, end] = parseParts(src, i + sel[0].length, true);
    if (src[end] !== '}') return null;
    branches.set(sel[1]!, body);
    i = end + 1;
  }
}

const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function pluralOf(locale: string, n: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(n);
}

function numberText(locale: string, n: number): string {
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale)));
  return format.format(n);
}

function render(parts: Part[], vars: TranslateVars | undefined, locale: string, hash?: string): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'string') {
      out += hash === undefined ? p : p.replace(/#/g, hash);
    } else if (p.kind === 'var') {
      out += vars && Object.prototype.hasOwnProperty.call(vars, p.name) ? String(vars[p.name]) : `{${p.name}}`;
    } else {
      const raw = vars?.[p.name];
      const n = typeof raw === 'number' ? raw : Number(raw);
      if (raw === undefined || Number.isNaN(n)) {
        out += `{${p.name}}`;
        continue;
      }
      const branch = p.branches.get(`=${n}`) ?? p.branches.get(pluralOf(locale, n)) ?? p.branches.get('other')!;
      out += render(branch, vars, locale, numberText(locale, n));
    }
  }
  return out;
}

// Templates are few and used often (list rows): parse each once.
const parsed = new Map<string, Part[]>();

/** Fills a template's placeholders and plural choices (locale: the one for plural rules and numbers). */
export function formatString(template: string, vars?: TranslateVars, locale = 'en'): string {
  if (!template.includes('{')) return template;
  let parts = parsed.get(template);
  if (!parts) {
    parts = parseMessage(template);
    parsed.set(template, parts);
  }
  return render(parts, vars, locale);
}

// ---------- pseudo-locales ----------

const ACCENTED: Record<string, string> = {
  a: 'á', b: 'ƀ', c: 'ç', d: 'ð', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'î', j: 'ĵ', k: 'ķ', l: 'ļ', m: 'ɱ',
  n: 'ñ', o: 'ö', p: 'þ', q: 'ǫ', r: 'ŕ', s: 'š', t: 'ţ', u: 'û', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'Å', B: 'Ɓ', C: 'Ç', D: 'Ð', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Î', J: 'Ĵ', K: 'Ķ', L: 'Ļ', M: 'Ṁ',
  N: 'Ñ', O: 'Ö', P: 'Þ', Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Û', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
};

function accent(text: string): string {
  return text.replace(/[A-Za-z]/g, (c) => ACCENTED[c] ?? c);
}

function serializePseudo(parts: Part[]): string {
  return parts
    .map((p) => {
      if (typeof p === 'string') return accent(p);
      if (p.kind === 'var') return `{${p.name}}`;
      const branches = [...p.branches].map(([sel, body]) => `${sel} {${serializePseudo(body)}}`).join(' ');
      return `{${p.name}, plural, ${branches}}`;
    })
    .join('');
}

/** The visible length of a template (placeholders count as their name), for the 40% padding. */
function visibleLength(parts: Part[]): number {
  let n = 0;
  for (const p of parts) {
    if (typeof p === 'string') n += [...p].length;
    else if (p.kind === 'var') n += p.name.length;
    else n += visibleLength(p.branches.get('other') ?? []);
  }
  return n;
}

/** "Settings" -> "[Šéţţîñĝš·····]": accented, in brackets, and ~40% longer (at least one pad character). */
export function pseudoLocalize(template: string): string {
  const parts = parseMessage(template);
  const pad = '·'.repeat(Math.max(1, Math.ceil(visibleLength(parts) * 0.4) - 2));
  return `[${serializePseudo(parts)}${pad}]`;
}

function pseudoDictionary(): LocaleDictionary {
  const out = {} as Record<LocaleKey, string>;
  for (const key of Object.keys(en) as LocaleKey[]) out[key] = pseudoLocalize(en[key]);
  return out;
}

// ---------- locales ----------

export const LOCALES = ['en', 'pseudo', 'pseudo-rtl'] as const;
export type LocaleId = (typeof LOCALES)[number];

interface LocaleDef {
  /** The BCP 47 tag handed to Intl (pseudo-locales use the private-use regions Android uses for them). */
  intl: string;
  dir: 'ltr' | 'rtl';
  dictionary: () => Partial<LocaleDictionary>;
}

const LOCALE_DEFS: Record<LocaleId, LocaleDef> = {
  en: { intl: 'en', dir: 'ltr', dictionary: () => en },
  pseudo: { intl: 'en-XA', dir: 'ltr', dictionary: pseudoDictionary },
  'pseudo-rtl': { intl: 'ar-XB', dir: 'rtl', dictionary: pseudoDictionary },
};

export function isLocaleId(value: unknown): value is LocaleId {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Builds a translator over a dictionary; keys it lacks fall back to English. */
export function makeTranslator(dictionary: Partial<LocaleDictionary> = en, locale = 'en') {
  return (key: LocaleKey, vars?: TranslateVars): string => formatString(dictionary[key] ?? en[key], vars, locale);
}

let active: { id: LocaleId; def: LocaleDef; translate: (key: LocaleKey, vars?: TranslateVars) => string } = {
  id: 'en',
  def: LOCALE_DEFS.en,
  translate: makeTranslator(en, 'en'),
};

/**
 * Switches the UI language (call before the first render; components read strings while rendering)
 * and, when a document is given, sets its `lang` and `dir` so the layout mirrors for RTL.
 */
export function setLocale(id: LocaleId, doc: Document | undefined = typeof document === 'undefined' ? undefined : document): void {
  const def = LOCALE_DEFS[id];
  active = { id, def, translate: makeTranslator(def.dictionary(), def.intl) };
  if (doc) {
    doc.documentElement.lang = def.intl;
    doc.documentElement.dir = def.dir;
  }
}

export const activeLocale = (): LocaleId => active.id;
/** The tag to pass to Intl APIs (dates, numbers, country names). */
export const intlLocale = (): string => active.def.intl;
export const textDirection = (): 'ltr' | 'rtl' => active.def.dir;

/** Translates in the active locale. */
export function t(key: LocaleKey, vars?: TranslateVars): string {
  return active.translate(key, vars);
}

/** A time of day in the active locale ("14:05" / "2:05 PM"). */
export function formatTime(timestamp: number): string {
  return dateTimeFormat(intlLocale(), { hour: '2-digit', minute: '2-digit' }).format(timestamp);
}

/** A full date and time in the active locale. */
export function formatDateTime(timestamp: number): string {
  return dateTimeFormat(intlLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(timestamp);
}
