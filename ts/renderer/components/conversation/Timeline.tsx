// The message list (spec/ui.md §4.2), virtualized: only the rows in view plus an overscan are in the
// DOM, each measured once drawn. It opens at the "Unread messages" line (else at the newest message),
// loads older pages when the top comes near and newer ones when the window is away from the live end,
// and keeps what the user is reading in place while pages load or messages arrive above or below. At
// the bottom it follows new messages; scrolled up it shows a jump-to-bottom button with the unread
// count. Messages are read by sight (useReadOnVisibility), so that count drops as the user scrolls down.
import { measureElement, useVirtualizer } from '@tanstack/react-virtual';
import { ChevronDown } from 'lucide-react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import styled from 'styled-components';
import type { MessageView } from '../../../ipc/contract';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import { useNow } from '../../hooks/useNow';
import { t } from '../../locales/i18n';
import { selectConversation } from '../../state/conversations';
import {
  fetchNewer,
  fetchNewest,
  fetchOlder,
  PENDING_PREFIX,
  selectMessagesLoadError,
  selectMessagesOf,
  selectMessageWindow,
  windowFollowing,
} from '../../state/messages';
import { selectSetting } from '../../state/settings';
import { attachmentUrlCache } from '../../state/media';
import { AudioPlayback, AudioPlaybackContext } from './media/audioPlayback';
import { MessageRow } from './MessageRow';
import { RowHeightEstimates, DEFAULT_ROW_HEIGHT } from './rowHeights';
import { buildRows, formatSeparatorDate, type TimelineRow } from './timelineRows';
import { ROW_MESSAGE_ATTR, useReadOnVisibility } from './useReadOnVisibility';
// --- replies: jump to a quoted message ---
import { MessageJumpContext, useMessageJump } from './quote/useMessageJump';
// --- communities: a room's first load and empty text ---
import { useCommunityRoom } from './community/communityContext';
// --- groups ---
import type { GroupView } from '../../../ipc/contract';
import { groupReadOnlyText } from './group/groupControl';
import { richText } from './richText';
import { Spinner } from '../settings/dialogParts';
// --- search: open at a search hit ---
import { useSearchJump } from '../search/useSearchJump';

/** How near the end (px) still counts as "at the bottom". */
const BOTTOM_SLACK = 48;
/** Load the next page when the view comes this close (px, at least a screenful) to a loaded end. */
const LOAD_MARGIN_PX = 400;
/** First guess of a row's height before any row of its shape is measured. */
export const ESTIMATED_ROW_HEIGHT = DEFAULT_ROW_HEIGHT;

const Wrap = styled.div`
  position: relative;
  display: flex;
  flex: 1;
  min-height: 0;
  flex-direction: column;
`;

const Scroller = styled.div`
  display: flex;
  flex-direction: column;
  flex: 1;
  min-height: 0;
  overflow-y: auto;
  overflow-anchor: none;
  padding: 0 20px;
  &:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: -2px;
  }
`;

/** Holds the rows; a short conversation sits at the bottom, next to the composer. */
const Rows = styled.div`
  position: relative;
  flex: none;
  width: 100%;
  margin-top: auto;
`;

/* Spacing as if above the message it dates: a separator below a row follows that row's 10 px series gap. */
const Separator = styled.div<{ $top?: boolean }>`
  padding: ${(p) => (p.$top ? '16px' : '6px')} 0 16px;
  text-align: center;
  font-size: 0.8rem;
  font-weight: 700;
  color: var(--text-secondary-color);
`;

const UnreadLine = styled.div`
  display: flex;
  align-items: center;
  gap: 10px;
  padding: 2px 0 14px;
  font-size: 12px;
  font-weight: 700;
  /* The accent as text is unreadable on light backgrounds (green on white is 1.48:1); the lines keep it. */
  color: var(--renderer-span-primary-color);
  &::before,
  &::after {
    content: '';
    flex: 1;
    height: 1px;
    background: var(--primary-color);
  }
`;

const JumpButton = styled.button`
  position: absolute;
  inset-inline-end: 60px;
  bottom: 16px;
  display: flex;
  align-items: center;
  justify-content: center;
  width: 40px;
  height: 40px;
  padding: 0;
  border: 1px solid var(--borders-color);
  border-radius: 50%;
  background: var(--background-secondary-color, var(--modal-background-content-color));
  color: var(--text-primary-color);
  box-shadow: var(--modal-drop-shadow, 0 2px 8px rgba(0, 0, 0, 0.4));
  cursor: pointer;
  &:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 2px;
  }
`;

const Badge = styled.span`
  position: absolute;
  top: -6px;
  inset-inline-end: -6px;
  min-width: 18px;
  height: 18px;
  padding: 0 5px;
  border-radius: 9px;
  background: var(--jump-badge-background-color);
  color: var(--jump-badge-text-color);
  /* A ring in the button's colour keeps the badge apart from a bubble of the same colour behind it. */
  box-shadow: 0 0 0 2px var(--background-secondary-color);
  font-size: 11px;
  font-weight: 700;
  line-height: 18px;
  text-align: center;
`;

const EmptyText = styled.p`
  margin: auto;
  max-width: 420px;
  text-align: center;
  font-size: 14px;
  color: var(--text-secondary-color);
  overflow-wrap: anywhere;
`;

export interface TimelineProps {
  conversationId: string;
  name: string;
  noteToSelf: boolean;
  /** Groups: the empty timeline says whether we were removed or the group was deleted. */
  group?: GroupView | undefined;
  selection: ReadonlySet<string> | null;
  onToggleSelect: (id: string) => void;
  onOpenMenu: (m: MessageView, x: number, y: number, opener: HTMLElement | null) => void;
}

export function Timeline({ conversationId, name, noteToSelf, group, selection, onToggleSelect, onOpenMenu }: TimelineProps) {
  const dispatch = useAppDispatch();
  const messages = useAppSelector(selectMessagesOf(conversationId));
  const loadError = useAppSelector(selectMessagesLoadError(conversationId));
  const win = useAppSelector(selectMessageWindow(conversationId));
  const room = useCommunityRoom();
  // Read from the summary itself: the room context does not change with it.
  const roomLoading = useAppSelector((s) => selectConversation(conversationId)(s)?.community?.loading === true);
  const now = useNow()();
  const scrollRef = useRef<HTMLDivElement>(null);
  // Audio players of this conversation: one plays at a time; with "Autoplay Audio Messages" on, the
  // next consecutive audio from the same sender follows (read at the end of playback, not on render).
  const autoplay = useAppSelector(selectSetting('autoplayAudio')) ?? false;
  const latest = useRef({ messages, autoplay });
  latest.current = { messages, autoplay };
  const [playback] = useState(() => new AudioPlayback(() => latest.current.messages, () => latest.current.autoplay));
  // Leaving a conversation revokes the blob: URLs of its pictures that nothing shows any more.
  useEffect(() => () => dispatch(attachmentUrlCache()).clear(), [dispatch, conversationId]);
  // Rows unchanged since the last build keep their identity, so memoized MessageRows skip rendering.
  const lastRows = useRef<readonly TimelineRow[]>([]);
  const rows = useMemo(() => {
    const built = buildRows(messages, win?.firstUnreadId, lastRows.current, win?.hasOlder ?? false);
    lastRows.current = built;
    return built;
  }, [messages, win?.firstUnreadId, win?.hasOlder]);
  // Heights learnt per row shape in this conversation: rows drawn at their estimate need no scroll correction.
  const heights = useMemo(() => new RowHeightEstimates(), [conversationId]);
  // Stable while the rows are: a new key function makes the virtualizer recompute every row's position.
  const getItemKey = useCallback((i: number) => rows[i]!.m.id, [rows]);
  const hasNewer = win?.hasNewer ?? false;
  // A page of newer messages must not drag the view to its end: follow appends only at the live end.
  const wasLive = useRef(!hasNewer);
  const follow = !hasNewer && wasLive.current;
  useEffect(() => {
    wasLive.current = !hasNewer;
  }, [hasNewer]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    // Off while there is nothing to show, so the first render with rows starts from `initialOffset`.
    enabled: rows.length > 0,
    // Opening draws the rows it is about to show (at the unread line, else the newest) in its first
    // render, instead of the oldest loaded ones first: the view is about the window's height until the
    // list is measured.
    initialRect: { width: 0, height: typeof window === 'undefined' ? 0 : window.innerHeight },
    initialOffset: () => {
      const unread = rows.findIndex((r) => r.unreadLine);
      const height = typeof window === 'undefined' ? 0 : window.innerHeight;
      return unread >= 0 ? unread * ESTIMATED_ROW_HEIGHT : Math.max(0, rows.length * ESTIMATED_ROW_HEIGHT - height);
    },
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => heights.estimate(rows[i]),
    measureElement: (el, entry, instance) => {
      const size = measureElement(el, entry, instance);
      heights.learn(rows[Number((el as HTMLElement).dataset.index)], size);
      return size;
    },
    getItemKey,
    overscan: 8,
    paddingStart: 12,
    paddingEnd: 16,
    scrollPaddingEnd: 16,
    // Chat mode: when rows come or go at either end the row in view keeps its place on screen.
    anchorTo: 'end',
    followOnAppend: follow,
    scrollEndThreshold: BOTTOM_SLACK,
    // Scroll-driven renders are batched by React (one per frame) instead of one synchronous render per
    // scroll event inside the event handler.
    useFlushSync: false,
  });

  // "At the bottom": the newest loaded row is in view. Away from it, newer arrivals are counted for the button.
  const [atBottom, setAtBottom] = useState(true);
  const atBottomRef = useRef(true);
  atBottomRef.current = atBottom;

  // Opening: to the unread line, else to the newest message, once the first page is in (rows that events
  // bring before it, a room's first page while joining, are drawn but carry no unread line yet). A reload
  // of the window (after a reconnect, or the opening page answering after those rows) keeps the view at
  // the bottom if it was there, never back up to the unread line; otherwise the row in view keeps its place.
  const [positionedSeq, setPositionedSeq] = useState(-1);
  const items = virtualizer.getVirtualItems();
  const wantBottom = useRef(false);
  const openSeq = win?.openSeq ?? 0;
  useLayoutEffect(() => {
    if (openSeq === positionedSeq || rows.length === 0 || (openSeq === 0 && !loadError)) return;
    const reload = positionedSeq >= 0;
    if (reload && !wantBottom.current && !atBottomRef.current) {
      setPositionedSeq(openSeq);
      return;
    }
    const unread = wantBottom.current || reload ? -1 : rows.findIndex((r) => r.unreadLine);
    wantBottom.current = false;
    if (unread >= 0) virtualizer.scrollToIndex(unread, { align: 'start' });
    else virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
    setPositionedSeq(openSeq);
  }, [openSeq, positionedSeq, rows, virtualizer, loadError]);

  // --- replies: a quote's click centres its original (after the positioning above, in the same commit) (begin) ---
  const centreRow = useCallback((index: number) => virtualizer.scrollToIndex(index, { align: 'center' }), [virtualizer]);
  const scrollerElement = useCallback(() => scrollRef.current, []);
  const jump = useMessageJump(conversationId, rows, centreRow, scrollerElement);
  // --- replies (end) ---

  // Pagination follows scrolling: near the top load older, near the end of a window away from the live end load newer.
  const hasOlder = win?.hasOlder ?? false;
  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    const distance = el.scrollHeight - el.clientHeight - el.scrollTop;
    setAtBottom(distance <= BOTTOM_SLACK);
    const margin = Math.max(el.clientHeight, LOAD_MARGIN_PX);
    if (hasOlder && el.scrollTop < margin) void dispatch(fetchOlder(conversationId));
    if (hasNewer && distance < margin) void dispatch(fetchNewer(conversationId));
  }, [dispatch, conversationId, hasOlder, hasNewer]);
  // A window too short to scroll gets no scroll events: fill it from the older pages directly.
  const ready = positionedSeq === openSeq && positionedSeq >= 0;
  // --- search: a search hit opens the conversation at that message (the jump above does the work) ---
  useSearchJump(conversationId, ready, jump.jumpTo);
  useEffect(() => {
    const el = scrollRef.current;
    if (ready && hasOlder && el && el.scrollHeight <= el.clientHeight) void dispatch(fetchOlder(conversationId));
  }, [ready, hasOlder, rows.length, dispatch, conversationId]);

  const newest = messages[messages.length - 1];
  const live = atBottom && !hasNewer;
  // Once positioned, the window knows whether its live end is in view (it then stays a page long as rows arrive).
  useEffect(() => {
    if (ready) dispatch(windowFollowing({ conversationId, following: live }));
  }, [dispatch, conversationId, ready, live]);
  // The button's badge is the conversation's unread count (spec/ui.md §4.2): what arrived out of view and
  // what is below the fold since opening; it drops as those come into view and are read.
  const unreadCount = useAppSelector(selectConversation(conversationId))?.unreadCount ?? 0;
  const observeRow = useReadOnVisibility(conversationId, scrollRef, messages, messages.length > 0);
  const rowRef = useCallback(
    (el: HTMLDivElement | null) => {
      virtualizer.measureElement(el);
      observeRow(el);
    },
    [virtualizer, observeRow],
  );

  const jumpToBottom = () => {
    if (hasNewer) {
      wantBottom.current = true;
      void dispatch(fetchNewest(conversationId));
    } else if (rows.length > 0) {
      // Before the opening page is in (rows that events brought), the jump also holds for its positioning.
      if (!ready) wantBottom.current = true;
      virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
    }
  };

  // Our own new message always comes into view.
  const lastId = newest?.id;
  const lastIsOwnSend = !!lastId?.startsWith(PENDING_PREFIX);
  useLayoutEffect(() => {
    if (lastIsOwnSend && rows.length > 0) virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
    // Only when a new optimistic row appears (deps on purpose), not on every layout.
  }, [lastId, lastIsOwnSend]);

  // spec/ui.md §4.2: PageUp/PageDown scroll 2/3 of a page, Home/End go to the oldest / newest loaded message.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const el = scrollRef.current;
    const typing = e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLInputElement;
    if (!el || typing || e.ctrlKey || e.metaKey || e.altKey || rows.length === 0) return;
    if (e.key === 'PageUp' || e.key === 'PageDown') {
      e.preventDefault();
      virtualizer.scrollToOffset(el.scrollTop + ((e.key === 'PageUp' ? -2 : 2) * el.clientHeight) / 3);
    } else if (e.key === 'Home') {
      e.preventDefault();
      virtualizer.scrollToOffset(0);
    } else if (e.key === 'End') {
      e.preventDefault();
      jumpToBottom();
    }
  };

  // --- communities: a room loading for the first time shows a centred spinner (spec/ui.md §4.2) ---
  if (messages.length === 0 && roomLoading && !loadError) {
    return (
      <EmptyText role="status" aria-label={t('cmLoadingRoom')} data-testid="community-loading">
        <Spinner aria-hidden />
      </EmptyText>
    );
  }
  if (messages.length === 0) {
    const text = loadError
      ? t('messagesLoadFailed', { message: loadError })
      : noteToSelf
        ? t('noMessagesNoteToSelf')
        : group
          ? (groupReadOnlyText(group, name) ?? richText('grNoMessages', { group_name: name }))
          : room
          ? t('cmNoMessages', { name })
          : t('noMessagesPrivate', { name });
    return <EmptyText data-testid="messages-empty">{text}</EmptyText>;
  }

  const showJump = !live;
  return (
    <Wrap>
      <AudioPlaybackContext.Provider value={playback}>
        {/* --- replies --- */}
        <MessageJumpContext.Provider value={jump.jumpTo}>
        <Scroller ref={scrollRef} role="log" aria-label={t('messageList')} tabIndex={-1} onScroll={onScroll} onKeyDown={onKeyDown} data-testid="message-list">
          <Rows role="list" style={{ height: virtualizer.getTotalSize() }} data-testid="message-list-inner">
            {items.map((item) => {
              const row = rows[item.index]!;
              return (
                <div
                  key={item.key}
                  role="listitem"
                  data-index={item.index}
                  {...{ [ROW_MESSAGE_ATTR]: row.m.id }}
                  ref={rowRef}
                  style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start}px)` }}
                  data-testid="timeline-row"
                >
                  {row.topSeparator ? (
                    <Separator $top role="separator" data-testid="date-separator">
                      {formatSeparatorDate(row.m.timestamp, now)}
                    </Separator>
                  ) : null}
                  {row.unreadLine ? (
                    <UnreadLine role="separator" data-testid="unread-marker">
                      {t('tlUnreadMessages')}
                    </UnreadLine>
                  ) : null}
                  <MessageRow
                    row={row}
                    senderName={name}
                    selecting={selection !== null}
                    selected={selection?.has(row.m.id) ?? false}
                    onToggleSelect={onToggleSelect}
                    onOpenMenu={onOpenMenu}
                    flash={jump.flashId === row.m.id}
                  />
                  {row.separatorBelow !== undefined ? (
                    <Separator role="separator" data-testid="date-separator">
                      {formatSeparatorDate(row.separatorBelow, now)}
                    </Separator>
                  ) : null}
                </div>
              );
            })}
          </Rows>
        </Scroller>
        </MessageJumpContext.Provider>
      </AudioPlaybackContext.Provider>
      {showJump ? (
        <JumpButton
          type="button"
          onClick={jumpToBottom}
          aria-label={unreadCount > 0 ? `${t('tlJumpToBottom')}: ${t('tlUnreadCount', { count: unreadCount })}` : t('tlJumpToBottom')}
          title={t('tlJumpToBottom')}
          data-testid="jump-to-bottom"
        >
          <ChevronDown size={22} aria-hidden />
          {unreadCount > 0 ? (
            <Badge data-testid="new-messages-count" aria-hidden>
              {unreadCount > 999 ? t('unreadCap') : unreadCount}
            </Badge>
          ) : null}
        </JumpButton>
      ) : null}
    </Wrap>
  );
}
