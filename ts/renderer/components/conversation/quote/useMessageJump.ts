// Jumping to a quoted message (spec/ui.md §4.3): when it is loaded the timeline scrolls to it; when it
// is not, the page around it is loaded first (the window then continues older and newer from there).
// It is centred, flashed with the accent for a second and focused; if it is gone, the official toast.
import { createContext, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useAppDispatch } from '../../../hooks/redux';
import { t } from '../../../locales/i18n';
import { fetchAround, NOT_LOADED } from '../../../state/messages';
import { showToast } from '../../../state/ui';
import type { TimelineRow } from '../timelineRows';

/** How long the target is flashed (the official second). */
export const FLASH_MS = 1000;

/** The open timeline's jump: quotes call it with the original's id. */
export const MessageJumpContext = createContext<(messageId: string) => void>(() => {});

export interface MessageJump {
  jumpTo: (messageId: string) => void;
  /** The message being flashed now. */
  flashId: string | null;
}

export function useMessageJump(
  conversationId: string,
  rows: readonly TimelineRow[],
  scrollToIndex: (index: number) => void,
  scroller: () => HTMLElement | null,
): MessageJump {
  const dispatch = useAppDispatch();
  const [target, setTarget] = useState<{ id: string } | null>(null);
  const [flashId, setFlashId] = useState<string | null>(null);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;

  const jumpTo = useCallback(
    (messageId: string) => {
      if (rowsRef.current.some((r) => r.m.id === messageId)) {
        setTarget({ id: messageId });
        return;
      }
      void dispatch(fetchAround({ conversationId, messageId })).then((r) => {
        if (fetchAround.fulfilled.match(r)) {
          setTarget({ id: messageId });
          return;
        }
        const message = r.payload === NOT_LOADED ? t('replyOriginalNotFound') : t('messagesLoadFailed', { message: r.payload ?? r.error.message ?? '' });
        dispatch(showToast({ kind: 'error', message }));
      });
    },
    [dispatch, conversationId],
  );

  // Once the target is among the rows: centre it, flash it and give it focus (for keyboard and screen-reader users).
  useLayoutEffect(() => {
    if (!target) return;
    const index = rows.findIndex((r) => r.m.id === target.id);
    if (index < 0) return;
    scrollToIndex(index);
    setTarget(null);
    setFlashId(target.id);
  }, [target, rows, scrollToIndex]);

  useEffect(() => {
    if (!flashId) return;
    let frames = 0;
    let raf = 0;
    // The row is drawn a frame or two after the scroll: focus it then, without scrolling again.
    const focusRow = () => {
      const el = Array.from(scroller()?.querySelectorAll<HTMLElement>('[data-testid="message"]') ?? []).find((r) => r.dataset.id === flashId);
      if (el) el.focus({ preventScroll: true });
      else if (frames++ < 10) raf = requestAnimationFrame(focusRow);
    };
    raf = requestAnimationFrame(focusRow);
    const timer = setTimeout(() => setFlashId(null), FLASH_MS);
    return () => {
      cancelAnimationFrame(raf);
      clearTimeout(timer);
    };
  }, [flashId, scroller]);

  return { jumpTo, flashId };
}
