// Opens the timeline at the search hit the user chose (spec/ui.md §3.3): once the conversation's window has
// opened and been positioned, the timeline's message jump takes over (it loads the page around the message
// when it is not loaded, centres it, flashes it and focuses it).
import { useEffect } from 'react';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import { searchJumpDone, selectSearchJump } from '../../state/search';

export function useSearchJump(conversationId: string, ready: boolean, jumpTo: (messageId: string) => void): void {
  const dispatch = useAppDispatch();
  const jump = useAppSelector(selectSearchJump);
  useEffect(() => {
    if (!ready || !jump || jump.conversationId !== conversationId) return;
    dispatch(searchJumpDone());
    jumpTo(jump.messageId);
  }, [ready, jump, conversationId, jumpTo, dispatch]);
}
