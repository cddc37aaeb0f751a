// "Reply" on a message (the message menu, the hover bar, Ctrl/Cmd+Shift+R): the composer shows the
// message above its input and the next send quotes it. In a blocked chat the official toast says why not.
import { useCallback } from 'react';
import type { MessageView } from '../../../../ipc/contract';
import { useAppDispatch, useAppSelector } from '../../../hooks/redux';
import { t } from '../../../locales/i18n';
import { replyStarted } from '../../../state/compose';
import type { RootState } from '../../../state/store';
import { showToast } from '../../../state/ui';

const selectById = (s: RootState) => s.conversations.byId;

export function useReply(): (m: MessageView) => void {
  const dispatch = useAppDispatch();
  const byId = useAppSelector(selectById);
  return useCallback(
    (m: MessageView) => {
      if (byId[m.conversationId]?.isBlocked) {
        dispatch(showToast({ kind: 'info', message: t('composerBlockedPlaceholder') }));
        return;
      }
      dispatch(replyStarted({ conversationId: m.conversationId, message: m }));
    },
    [dispatch, byId],
  );
}
