// The emoji data the picker and the reaction texts use: bundled from @emoji-mart/data (the "native"
// set of Unicode 15), so nothing is ever fetched from a CDN. The picker's own texts follow the app's
// locale: English, or the pseudo-locales' accented (and right-to-left) form of it.
import rawData, { type EmojiMartData } from '@emoji-mart/data';
import i18nEn from '@emoji-mart/data/i18n/en.json';
import { activeLocale, pseudoLocalize } from '../../locales/i18n';

// The package's types describe the JSON's shape but declare no default export.
const data = rawData as unknown as EmojiMartData;
export const emojiData = data;

type I18nTree = { [key: string]: string | boolean | I18nTree };

function mapStrings(tree: I18nTree, fn: (s: string) => string): I18nTree {
  const out: I18nTree = {};
  for (const [k, v] of Object.entries(tree)) out[k] = typeof v === 'string' ? fn(v) : typeof v === 'boolean' ? v : mapStrings(v, fn);
  return out;
}

/** The picker's texts for the active locale (always given to it: without them it would download a locale file). */
export function emojiPickerI18n(): I18nTree {
  const locale = activeLocale();
  if (locale === 'en') return i18nEn as I18nTree;
  return { ...mapStrings(i18nEn as I18nTree, pseudoLocalize), rtl: locale === 'pseudo-rtl' };
}

let shortNames: Map<string, string> | undefined;

/** Strips the variation selector, so "❤️" and "❤" name the same emoji. */
const bare = (emoji: string): string => emoji.replace(/\uFE0F/g, '');

/**
 * The emoji's short name as the official app shows it in reaction texts (":joy:"), or the emoji itself
 * when the data does not know it (a newer emoji from another client).
 */
export function emojiShortName(emoji: string): string {
  if (!shortNames) {
    shortNames = new Map();
    for (const e of Object.values(data.emojis)) {
      for (const skin of e.skins) if (!shortNames.has(bare(skin.native))) shortNames.set(bare(skin.native), e.id);
    }
  }
  const id = shortNames.get(bare(emoji));
  return id ? `:${id}:` : emoji;
}
