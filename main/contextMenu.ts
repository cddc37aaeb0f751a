// The native text context menu (spec/ui.md §9.5): spelling suggestions, then the edit commands on
// editable fields, or Copy on selected text. Right-click anywhere else shows nothing.
import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron';

export const MAX_SUGGESTIONS = 5;

export type ContextMenuInput = Pick<ContextMenuParams, 'isEditable' | 'selectionText' | 'misspelledWord' | 'dictionarySuggestions' | 'editFlags'>;

export interface SpellingActions {
  replaceMisspelling(word: string): void;
}

export function buildContextMenuTemplate(params: ContextMenuInput, spelling: SpellingActions): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [];
  if (params.isEditable && params.misspelledWord) {
    const suggestions = params.dictionarySuggestions.slice(0, MAX_SUGGESTIONS);
    if (suggestions.length === 0) template.push({ label: 'No Suggestions', enabled: false });
    for (const s of suggestions) template.push({ label: s, click: () => spelling.replaceMisspelling(s) });
    template.push({ type: 'separator' });
  }
  const f = params.editFlags;
  if (params.isEditable) {
    template.push(
      { role: 'undo', label: 'Undo', enabled: f.canUndo },
      { role: 'redo', label: 'Redo', enabled: f.canRedo },
      { type: 'separator' },
      { role: 'cut', label: 'Cut', enabled: f.canCut },
      { role: 'copy', label: 'Copy', enabled: f.canCopy },
      { role: 'paste', label: 'Paste', enabled: f.canPaste },
      { role: 'selectAll', label: 'Select All', enabled: f.canSelectAll },
    );
  } else if (params.selectionText.trim() !== '') {
    template.push({ role: 'copy', label: 'Copy', enabled: f.canCopy });
  }
  return template;
}

/**
 * Spell-checker languages from the OS languages, full and base form ("de-CH" then "de"), keeping
 * those Chromium has a dictionary for. Falls back to US English.
 */
export function spellCheckerLanguages(preferred: readonly string[], available: readonly string[]): string[] {
  const byLower = new Map(available.map((a) => [a.toLowerCase(), a]));
  const out: string[] = [];
  for (const lang of preferred) {
    for (const candidate of [lang, lang.split('-')[0] ?? lang]) {
      const match = byLower.get(candidate.toLowerCase());
      if (match && !out.includes(match)) out.push(match);
    }
  }
  if (out.length === 0 && byLower.has('en-us')) out.push(byLower.get('en-us')!);
  return out;
}
