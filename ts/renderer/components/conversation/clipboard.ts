// Copying text from the conversation view: the clipboard write, then the "Copied" toast (spec/ui.md
// §8.9) or a clear error when the clipboard refuses.
import type { AppDispatch } from '../../state/store';
import { showToast } from '../../state/ui';
import { t } from '../../locales/i18n';

export async function copyWithToast(dispatch: AppDispatch, text: string): Promise<void> {
  try {
    const clipboard = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
    if (!clipboard) throw new Error('no clipboard');
    await clipboard.writeText(text);
    dispatch(showToast({ kind: 'success', message: t('tlCopied') }));
  } catch {
    dispatch(showToast({ kind: 'error', message: t('copyFailed') }));
  }
}
