// The composer's side of typing indicators (spec messaging §6.9): while the user types, the backend
// hears "typing" at most every 300 ms (it sends the indicator itself, only when the "Typing Indicators"
// setting allows); clearing the box, sending, or leaving the conversation says "stopped".
import { useCallback, useEffect, useRef } from 'react';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import { useNow } from '../../hooks/useNow';
import { selectSetting } from '../../state/settings';
import { sendTyping } from '../../state/typing';

export const TYPING_THROTTLE_MS = 300;

export interface TypingSender {
  /** The box's text changed (empty: the user cleared it). */
  onInput(text: string): void;
  /** The message went out (or the box was abandoned): the user is no longer typing. */
  stop(): void;
}

export function useTypingSender(conversationId: string): TypingSender {
  const dispatch = useAppDispatch();
  const enabled = useAppSelector(selectSetting('typingIndicators')) === true;
  const now = useNow();
  const state = useRef({ last: Number.NEGATIVE_INFINITY, active: false });
  const stop = useCallback(() => {
    if (!state.current.active) return;
    state.current = { last: Number.NEGATIVE_INFINITY, active: false };
    // Best effort: a lost "stopped" ends on the peer's side by its own timeout.
    void dispatch(sendTyping({ id: conversationId, typing: false }));
  }, [dispatch, conversationId]);
  const onInput = useCallback(
    (text: string) => {
      if (text === '') {
        stop();
        return;
      }
      if (!enabled) return;
      const at = now();
      if (at - state.current.last < TYPING_THROTTLE_MS) return;
      state.current = { last: at, active: true };
      void dispatch(sendTyping({ id: conversationId, typing: true }));
    },
    [enabled, now, dispatch, conversationId, stop],
  );
  // Leaving the conversation (or the setting going off) ends what we said.
  useEffect(() => stop, [stop]);
  useEffect(() => {
    if (!enabled) stop();
  }, [enabled, stop]);
  return { onInput, stop };
}
