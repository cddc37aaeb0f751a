// "Reply" on a message (the message menu, the hover bar, Ctrl/Cmd+Shift+R): the composer shows the
// message above its input and the next send quotes it. In a blocked chat the official toast says why not.
import { useCallback } from 'react';
import type { MessageView } from '../../../../ipc/contract';
import { useAppDispatch, useAppStore } from '../../../hooks/redux';
import { t } from '../../../locales/i18n';
import { replyStarted } from '../../../state/compose';
import { showToast } from '../../../state/ui';

export function useReply(): (m: MessageView) => void {
  const dispatch = useAppDispatch();
  // Read when replying, not subscribed to: every message row's hover bar holds this hook, and a
  // subscription to all summaries re-rendered each of them on any conversation's update.
  const store = useAppStore();
  return useCallback(
    (m: MessageView) => {
      if (store.getState().conversations.byId[m.conversationId]?.isBlocked) {
        dispatch(showToast({ kind: 'info', message: t('composerBlockedPlaceholder') }));
        return;
      }
      dispatch(replyStarted({ conversationId: m.conversationId, message: m }));
    },
    [dispatch, store],
  );
}
