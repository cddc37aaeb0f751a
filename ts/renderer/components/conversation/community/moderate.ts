// One moderation action as the user sees it (spec/ui.md §8.9): `communities.moderate` on a room, then the
// official toast ("User banned" / "Ban failed", ...).
import { isRejected } from '@reduxjs/toolkit';
import type { CommunityModeration } from '../../../../ipc/contract';
import type { LocaleKey } from '../../../locales/en';
import { t } from '../../../locales/i18n';
import { moderateCommunity } from '../../../state/communities';
import type { AppDispatch } from '../../../state/store';
import { showToast } from '../../../state/ui';

const TOASTS: Partial<Record<CommunityModeration, { ok: LocaleKey; failed: LocaleKey }>> = {
  ban: { ok: 'cmUserBanned', failed: 'cmBanFailed' },
  'ban-delete-all': { ok: 'cmUserBanned', failed: 'cmBanFailed' },
  unban: { ok: 'cmUserUnbanned', failed: 'cmUnbanFailed' },
  admin: { ok: 'cmAdminPromoted', failed: 'cmAdminPromotionFailed' },
  unadmin: { ok: 'cmAdminRemoved', failed: 'cmAdminRemovalFailed' },
  unmod: { ok: 'cmAdminRemoved', failed: 'cmAdminRemovalFailed' },
};

/** Runs one moderation action with its toast; resolves to whether it worked. */
export async function moderate(dispatch: AppDispatch, roomId: string, user: string, action: CommunityModeration, quiet = false): Promise<boolean> {
  const r = await dispatch(moderateCommunity({ id: roomId, user, action }));
  const toast = TOASTS[action];
  if (isRejected(r)) {
    const reason = typeof r.payload === 'string' ? r.payload : '';
    dispatch(showToast({ kind: 'error', message: toast ? `${t(toast.failed)}: ${reason}` : t('convActionFailed', { message: reason }) }));
    return false;
  }
  if (toast && !quiet) dispatch(showToast({ kind: 'success', message: t(toast.ok) }));
  return true;
}
