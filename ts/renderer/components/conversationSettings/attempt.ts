// One conversation action as the user sees it: the backend call, and on failure an error toast.
import { isRejected } from '@reduxjs/toolkit';
import { t } from '../../locales/i18n';
import type { AppDispatch } from '../../state/store';
import { showToast } from '../../state/ui';

/** Dispatches a thunk and turns its rejection into an error toast; resolves to whether it worked. */
export async function attempt(dispatch: AppDispatch, run: () => Promise<{ type: string; payload?: unknown }>): Promise<boolean> {
  const r = await run();
  if (isRejected(r)) {
    const message = typeof r.payload === 'string' ? r.payload : '';
    dispatch(showToast({ kind: 'error', message: t('convActionFailed', { message }) }));
    return false;
  }
  return true;
}
