// Read on visibility (spec/ui.md §4.2): an incoming message counts as read once at least half of it
// has been in view in the open conversation while the window is visible and focused. Like the
// official app, seeing a message reads it and everything older (`conversations.markReadUpTo` with the
// newest unread message in view), so the unread count drops as the user scrolls down and messages
// below the fold stay unread. One IntersectionObserver per timeline watches the drawn rows; a row
// taller than twice the view counts once it fills half of the view.
import { useCallback, useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import type { MessageView } from '../../../ipc/contract';
import { useAppDispatch } from '../../hooks/redux';
import { markConversationReadUpTo } from '../../state/conversations';
import { PENDING_PREFIX } from '../../state/messages';

/** The share of a message that must be in view. */
export const READ_VISIBLE_SHARE = 0.5;
/**
 * Rows are read this long (ms) after they come into view, with what is in view then: the positioning
 * on open and a fast fling do not read what only flashed by (everything older than the newest row in
 * view is read anyway).
 */
export const READ_DELAY_MS = 100;
/** Intersection steps: crossing any of them re-checks a row (tall rows may never reach one half). */
const THRESHOLDS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

/** The attribute on a drawn row naming its message. */
export const ROW_MESSAGE_ATTR = 'data-message-id';

function windowSeesPage(): boolean {
  return document.visibilityState === 'visible' && document.hasFocus();
}

function isUnreadIncoming(m: MessageView | undefined): m is MessageView {
  return !!m && m.direction === 'incoming' && m.status === 'received' && !m.id.startsWith(PENDING_PREFIX);
}

/**
 * Watches the timeline's rows for reading. Returns the ref callback for each drawn row (the row must
 * carry ROW_MESSAGE_ATTR); stable, so rows are not re-attached on every render.
 */
export function useReadOnVisibility(
  conversationId: string,
  rootRef: RefObject<HTMLElement | null>,
  messages: readonly MessageView[],
  enabled: boolean,
): (el: HTMLElement | null) => void {
  const dispatch = useAppDispatch();
  const messagesRef = useRef(messages);
  messagesRef.current = messages;
  const enabledRef = useRef(enabled);
  enabledRef.current = enabled;
  /** Message ids at least half in view (or filling half the view) now. */
  const inView = useRef(new Set<string>());
  const tracked = useRef(new Set<HTMLElement>());
  const observer = useRef<IntersectionObserver | null>(null);
  /** The newest message asked to be read up to, while that call is out or after it succeeded. */
  const readUpTo = useRef<{ id: string; timestamp: number } | null>(null);
  const inFlight = useRef(false);
  const again = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const flush = useCallback((): void => {
    timer.current = null;
    if (!enabledRef.current || inView.current.size === 0 || !windowSeesPage()) return;
    if (inFlight.current) {
      again.current = true;
      return;
    }
    // The newest unread incoming message in view, in timeline order.
    const list = messagesRef.current;
    let newest: MessageView | undefined;
    for (let i = list.length - 1; i >= 0 && !newest; i--) {
      const m = list[i];
      if (isUnreadIncoming(m) && inView.current.has(m.id)) newest = m;
    }
    const done = readUpTo.current;
    if (!newest || (done && (newest.id === done.id || newest.timestamp < done.timestamp))) return;
    readUpTo.current = { id: newest.id, timestamp: newest.timestamp };
    inFlight.current = true;
    void dispatch(markConversationReadUpTo({ id: conversationId, messageId: newest.id })).then((r) => {
      inFlight.current = false;
      // A failed call is tried again with the next change of what is in view.
      if (markConversationReadUpTo.rejected.match(r)) readUpTo.current = null;
      if (again.current) {
        again.current = false;
        flush();
      }
    });
  }, [dispatch, conversationId]);

  const schedule = useCallback((): void => {
    if (timer.current === null) timer.current = setTimeout(flush, READ_DELAY_MS);
  }, [flush]);

  useEffect(() => {
    const root = rootRef.current;
    const IO = typeof window !== 'undefined' ? window.IntersectionObserver : undefined;
    // Without an IntersectionObserver nothing can tell what the user saw: nothing is read by sight.
    if (!root || !IO) return;
    const io = new IO(
      (entries) => {
        for (const e of entries) {
          const id = (e.target as HTMLElement).getAttribute(ROW_MESSAGE_ATTR);
          if (!id) continue;
          const viewHeight = e.rootBounds?.height ?? root.clientHeight;
          const seen =
            e.isIntersecting &&
            (e.intersectionRatio >= READ_VISIBLE_SHARE || (viewHeight > 0 && e.intersectionRect.height >= viewHeight * READ_VISIBLE_SHARE));
          if (seen) inView.current.add(id);
          else inView.current.delete(id);
        }
        schedule();
      },
      { root, threshold: THRESHOLDS },
    );
    observer.current = io;
    inView.current.clear();
    for (const el of tracked.current) io.observe(el);
    const onSeen = (): void => schedule();
    window.addEventListener('focus', onSeen);
    document.addEventListener('visibilitychange', onSeen);
    return () => {
      io.disconnect();
      observer.current = null;
      window.removeEventListener('focus', onSeen);
      document.removeEventListener('visibilitychange', onSeen);
    };
    // The scroller mounts once the first page is in (`enabled`).
  }, [rootRef, schedule, enabled]);

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
    },
    [],
  );

  // A new conversation starts with nothing seen (and nothing due for the previous one).
  useLayoutEffect(() => {
    inView.current.clear();
    readUpTo.current = null;
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  }, [conversationId]);

  // Rows that left the DOM are no longer watched (the ref callback gets null without the element).
  useLayoutEffect(() => {
    for (const el of tracked.current) {
      if (el.isConnected) continue;
      tracked.current.delete(el);
      observer.current?.unobserve(el);
      const id = el.getAttribute(ROW_MESSAGE_ATTR);
      if (id) inView.current.delete(id);
    }
  });

  // When a row's message turns unread-incoming after it came into view (it arrived in view), the
  // observer has nothing new to say: check again.
  useEffect(() => {
    if (inView.current.size > 0) schedule();
  }, [messages, schedule]);

  return useCallback((el: HTMLElement | null) => {
    if (!el) return;
    if (tracked.current.has(el)) return;
    tracked.current.add(el);
    observer.current?.observe(el);
  }, []);
}
