// Looks up an English string and fills its {placeholders}; unknown placeholders stay visible so a
// missing variable is noticed rather than silently dropped.
import { en, type LocaleDictionary, type LocaleKey } from './en';

export type TranslateVars = Readonly<Record<string, string | number>>;

export function formatString(template: string, vars?: TranslateVars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole,
  );
}

/** Builds a translator over a dictionary (English today; other locales later fall back to it). */
export function makeTranslator(dictionary: Partial<LocaleDictionary> = en) {
  return (key: LocaleKey, vars?: TranslateVars): string => formatString(dictionary[key] ?? en[key], vars);
}

/** The English translator. */
export const t = makeTranslator(en);
