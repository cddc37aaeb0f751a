// Moderation as the user sees it (spec/ui.md §4.5 item 12, §8.6): each action is `communities.moderate`
// on the open room, then the official toast ("User banned" / "Ban failed", ...). Banning asks first, with
// "Ban User" and "Ban and Delete All".
import { isRejected } from '@reduxjs/toolkit';
import { useState, type ReactNode } from 'react';
import type { CommunityModeration } from '../../../../ipc/contract';
import { useAppDispatch } from '../../../hooks/redux';
import type { LocaleKey } from '../../../locales/en';
import { t } from '../../../locales/i18n';
import { moderateCommunity } from '../../../state/communities';
import type { AppDispatch } from '../../../state/store';
import { showToast } from '../../../state/ui';
import { ModerationDialog } from './ModerationDialog';
import { useCommunityRoom } from './communityContext';

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

export interface Moderation {
  /** Asks first (ban: "Ban User" / "Ban and Delete All"). */
  ask(kind: 'ban', user: string): void;
  run(action: CommunityModeration, user: string): Promise<boolean>;
  dialog: ReactNode;
}

/** Moderation of the open room (from the room's context) or of `roomId`. */
export function useModeration(roomId?: string): Moderation {
  const dispatch = useAppDispatch();
  const room = useCommunityRoom();
  const id = roomId ?? room?.conversationId ?? '';
  const [banning, setBanning] = useState<string | null>(null);
  return {
    ask: (_kind, user) => setBanning(user),
    run: (action, user) => moderate(dispatch, id, user, action),
    dialog: banning ? <ModerationDialog roomId={id} kind="ban" user={banning} onClose={() => setBanning(null)} /> : null,
  };
}
