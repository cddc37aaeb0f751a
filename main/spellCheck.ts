// Spell checking without any download from a remote server (issue 14). On macOS Chromium asks the OS
// spellchecker and downloads nothing. On Windows and Linux it uses Hunspell dictionaries (.bdic) that it
// fetches from Google's servers the first time a language is used; no npm package ships them in that
// format, so the app ships none, points the downloader at its own (local) dictionaries folder and turns
// spell checking off there. The Spell Check setting then says why (AppInfo.spellCheckUnavailable).
import type { Session } from 'electron';
import { spellCheckerLanguages } from './contextMenu';

/**
 * Languages whose .bdic dictionary the app ships in its dictionaries folder (none yet). A build that adds
 * some names them here: spell checking then works offline for those languages on every platform.
 */
export const SHIPPED_DICTIONARIES: readonly string[] = [];

export type SpellCheckPlan =
  | { available: true; enabled: boolean; source: 'os' }
  | { available: true; enabled: boolean; source: 'shipped'; languages: string[] }
  | { available: false; enabled: false; reason: 'no-offline-dictionaries' };

export interface SpellCheckInput {
  platform: NodeJS.Platform;
  /** The Spell Check setting. */
  setting: boolean;
  /** The OS's preferred languages (app.getPreferredSystemLanguages()). */
  systemLanguages: readonly string[];
  /** Languages whose dictionaries ship with the app (default SHIPPED_DICTIONARIES). */
  shipped?: readonly string[];
}

/** Whether and how spell checking can work here without downloading anything. */
export function planSpellCheck(input: SpellCheckInput): SpellCheckPlan {
  if (input.platform === 'darwin') return { available: true, enabled: input.setting, source: 'os' };
  const shipped = input.shipped ?? SHIPPED_DICTIONARIES;
  const languages = shipped.length > 0 ? spellCheckerLanguages(input.systemLanguages, shipped) : [];
  if (languages.length === 0) return { available: false, enabled: false, reason: 'no-offline-dictionaries' };
  return { available: true, enabled: input.setting, source: 'shipped', languages };
}

type SpellCheckSession = Pick<Session, 'setSpellCheckerDictionaryDownloadURL' | 'setSpellCheckerEnabled' | 'setSpellCheckerLanguages'>;

/**
 * Applies the plan to the session before any window exists. `dictionariesUrl` is the file:// URL of the
 * app's dictionaries folder, with its trailing slash: even where spell checking is off, a dictionary
 * Chromium might still look for is looked for there, never on a remote server.
 */
export function applySpellCheckPlan(session: SpellCheckSession, plan: SpellCheckPlan, dictionariesUrl: string): void {
  if (!dictionariesUrl.startsWith('file://') || !dictionariesUrl.endsWith('/')) {
    throw new Error(`the dictionaries URL must be a local folder URL ending in "/": ${dictionariesUrl}`);
  }
  // A no-op on macOS, where Electron downloads nothing; set everywhere so no platform is left out.
  session.setSpellCheckerDictionaryDownloadURL(dictionariesUrl);
  if (plan.available && plan.source === 'shipped') session.setSpellCheckerLanguages(plan.languages);
  session.setSpellCheckerEnabled(plan.enabled);
}
