// The text context menu and the spell-checker language choice.
import { buildContextMenuTemplate, spellCheckerLanguages, type ContextMenuInput } from '../../../main/contextMenu';

const allFlags = { canUndo: true, canRedo: false, canCut: true, canCopy: true, canPaste: true, canDelete: true, canSelectAll: true, canEditRichly: false };

function params(over: Partial<ContextMenuInput> = {}): ContextMenuInput {
  return { isEditable: false, selectionText: '', misspelledWord: '', dictionarySuggestions: [], editFlags: allFlags, ...over };
}

const shape = (t: ReturnType<typeof buildContextMenuTemplate>) => t.map((i) => i.role ?? i.label ?? i.type);

describe('text context menu', () => {
  it('offers the edit commands, Copy included, on editable fields', () => {
    const t = buildContextMenuTemplate(params({ isEditable: true }), { replaceMisspelling: jest.fn() });
    expect(shape(t)).toEqual(['undo', 'redo', 'separator', 'cut', 'copy', 'paste', 'selectAll']);
    expect(t.find((i) => i.role === 'redo')!.enabled).toBe(false);
  });

  it('puts spelling suggestions first, and replaces the word when one is picked', () => {
    const spelling = { replaceMisspelling: jest.fn() };
    const t = buildContextMenuTemplate(params({ isEditable: true, misspelledWord: 'helo', dictionarySuggestions: ['hello', 'help', 'hell', 'held', 'helm', 'hero'] }), spelling);
    expect(shape(t).slice(0, 6)).toEqual(['hello', 'help', 'hell', 'held', 'helm', 'separator']);
    (t[0]!.click as () => void)();
    expect(spelling.replaceMisspelling).toHaveBeenCalledWith('hello');
  });

  it('says "No Suggestions" when there are none', () => {
    const t = buildContextMenuTemplate(params({ isEditable: true, misspelledWord: 'qwzx' }), { replaceMisspelling: jest.fn() });
    expect(t[0]).toMatchObject({ label: 'No Suggestions', enabled: false });
  });

  it('offers only Copy on selected text, and nothing elsewhere', () => {
    expect(shape(buildContextMenuTemplate(params({ selectionText: 'some text' }), { replaceMisspelling: jest.fn() }))).toEqual(['copy']);
    expect(buildContextMenuTemplate(params({ selectionText: '  ' }), { replaceMisspelling: jest.fn() })).toEqual([]);
    expect(buildContextMenuTemplate(params(), { replaceMisspelling: jest.fn() })).toEqual([]);
  });
});

describe('spell-checker languages', () => {
  it('uses the OS languages, full then base form, that have a dictionary', () => {
    expect(spellCheckerLanguages(['de-CH', 'en-GB'], ['de', 'en-GB', 'en-US', 'fr'])).toEqual(['de', 'en-GB']);
    expect(spellCheckerLanguages(['fr-FR'], ['en-US', 'fr'])).toEqual(['fr']);
  });

  it('falls back to US English', () => {
    expect(spellCheckerLanguages(['xx-YY'], ['en-US', 'fr'])).toEqual(['en-US']);
    expect(spellCheckerLanguages([], [])).toEqual([]);
  });
});
