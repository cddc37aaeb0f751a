// App-wide keyboard shortcuts of spec/ui.md §9.3 that the shell already has a target for:
// Ctrl/Cmd+, toggles Settings, Ctrl/Cmd+N toggles the "+" choose-action overlay.
import { useEffect } from 'react';
import { openModal, selectLeftOverlay, selectSelectedConversationId, setLeftOverlay, toggleSettings } from '../state/ui';
import { useAppDispatch, useAppSelector } from './redux';

export function useGlobalShortcuts(target: Window = window): void {
  const dispatch = useAppDispatch();
  const overlay = useAppSelector(selectLeftOverlay);
  const openConversation = useAppSelector(selectSelectedConversationId);
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      if (e.key === ',') {
        e.preventDefault();
        dispatch(toggleSettings());
      } else if (e.key.toLowerCase() === 'n') {
        e.preventDefault();
        dispatch(setLeftOverlay(overlay === 'choose-action' ? null : 'choose-action'));
      } else if (e.key === '.' && openConversation) {
        // Ctrl/Cmd+. opens the open conversation's settings (spec/ui.md §4.1).
        e.preventDefault();
        dispatch(openModal({ kind: 'conversation-settings', conversationId: openConversation }));
      }
    };
    target.addEventListener('keydown', onKeyDown);
    return () => target.removeEventListener('keydown', onKeyDown);
  }, [target, dispatch, overlay, openConversation]);
}
