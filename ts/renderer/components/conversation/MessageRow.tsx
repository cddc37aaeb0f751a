// One message of the timeline (spec/ui.md §4.3): the bubble (text kept as a text node, emoji-only
// messages enlarged, long ones clamped with "Read more", a placeholder for parts this version cannot
// show), the status line under outgoing messages, the full date as the hover tooltip, and the "…"
// button that opens the message menu. In multi-select a click toggles the selection instead.
import { AlertTriangle, CircleCheck, CircleEllipsis, Eye } from 'lucide-react';
import { memo, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { LinkifiedText } from '../common/LinkifiedText';
import styled from 'styled-components';
import type { MessageView } from '../../../ipc/contract';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import { useNow } from '../../hooks/useNow';
import { t } from '../../locales/i18n';
import { selectAccount } from '../../state/account';
import { messageRowRemoved, PENDING_PREFIX, retryMessage, sendMessage } from '../../state/messages';
import { MessageAttachments } from './media/MessageAttachments';
import { LinkPreviewCard } from './linkPreview/LinkPreviewCard'; // link previews
import { isVisualMedia } from './media/mediaRules';
import { watchTallerThanLines } from './overflowWatch';
import { emojiSizeOf, formatFullDate, lineCount, READ_MORE_LINES, unsupportedText, type TimelineRow } from './timelineRows';
// --- reactions and replies (begin) ---
import { QuoteBubble } from './quote/QuoteBubble';
import { MessageActions } from './reactions/MessageActions';
import { ReactionsRow } from './reactions/ReactionsRow';
// --- reactions and replies (end) ---
// --- conversation features: control messages, deleted placeholders, timers (begin) ---
import { ControlMessage, controlPlainText, DeletedMessage } from './ControlMessage';
import { ExpiryTimer } from './ExpiryTimer';
// --- conversation features (end) ---
// --- communities: sender names, mentions, pins (begin) ---
import { memberLabel, roomMemberLabel, useCommunityRoom } from './community/communityContext';
import { hasMention, MentionText } from './community/MentionText';
import { CommunityInvitationCard } from './community/CommunityInvitationCard';
// --- communities (end) ---
// --- groups: sender avatars ---
import { Avatar } from '../common/Avatar';

/** A 24-unit line icon (lucide's stroke style) as a CSS mask image. */
function iconMask(shapes: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="#000" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${shapes}</svg>`;
  return `url("data:image/svg+xml,${encodeURIComponent(svg)}")`;
}

// One styled component per row, with static CSS: a row's parts are plain elements styled through its
// classes and data attributes. A styled component with props rebuilds its CSS on every render; rows
// mount by the dozen on every frame of a fast scroll, so the parts cost only their DOM.
const Row = styled.div`
  position: relative;
  display: flex;
  flex-direction: column;
  align-items: flex-start;
  /* The gap between two series is below the last message of the first (not above the next one): a row's
     height depends only on itself and the row after it, so older pages never resize measured rows. */
  padding-bottom: 10px;
  /* The far side of each bubble (the reading start for outgoing, the end for incoming) stays free, so RTL mirrors it. */
  padding-inline-end: min(25%, 120px);
  border-radius: 8px;
  outline: none;
  &[data-direction='outgoing'] {
    align-items: flex-end;
    padding-inline-end: 0;
    padding-inline-start: min(25%, 120px);
  }
  &[data-series-goes-on] {
    padding-bottom: 2px;
  }
  /* --- conversation features: control messages are centred across the whole width --- */
  &[data-control] {
    align-items: stretch;
    padding-inline: 0;
  }
  &[data-control] .tl-line {
    justify-content: center;
  }
  &[data-selecting] {
    cursor: pointer;
  }
  /* In multi-select a click selects: the attachments' own controls stand aside. */
  &[data-selecting] [data-testid='message-attachments'] {
    pointer-events: none;
  }
  &:focus-visible {
    box-shadow: inset 0 0 0 2px var(--primary-color);
  }
  &:hover .message-more,
  &:focus-within .message-more {
    opacity: 1;
  }
  .tl-line {
    display: flex;
    flex-direction: row;
    align-items: center;
    gap: 6px;
    max-width: 100%;
  }
  &[data-direction='outgoing'] .tl-line {
    flex-direction: row-reverse;
  }
  .tl-bubble {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    min-width: 0;
    max-width: 100%;
    padding: 7px 13px;
    border-radius: 16px;
    background: var(--message-bubble-incoming-background-color, var(--background-secondary-color, #2d2d2d));
    color: var(--text-primary-color);
  }
  &[data-direction='outgoing'] .tl-bubble {
    background: var(--primary-color);
    color: var(--text-on-accent-color);
  }
  &[data-selected] .tl-bubble {
    box-shadow: 0 0 0 2px var(--primary-color), 0 2px 8px rgba(0, 0, 0, 0.5);
  }
  /* Enlarged emoji, and pictures without a caption, stand on their own, without the bubble. */
  & .tl-bubble[data-media-only] {
    background: transparent;
    padding: 0;
    color: var(--text-primary-color);
  }
  .tl-bubble[data-has-media] > [data-testid='message-text'] {
    margin-top: 6px;
  }
  & .tl-bubble[data-plain] {
    background: transparent;
    padding: 0 4px;
    color: var(--text-primary-color);
  }
  .tl-text {
    max-width: 100%;
    font-size: 15px;
    line-height: 1.4;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    user-select: text;
  }
  .tl-text[data-emoji-size] {
    line-height: 1.2;
  }
  .tl-text[data-emoji-size='jumbo'] {
    font-size: 48px;
  }
  .tl-text[data-emoji-size='large'] {
    font-size: 36px;
  }
  .tl-text[data-emoji-size='medium'] {
    font-size: 26px;
  }
  .tl-text[data-clamped] {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: ${READ_MORE_LINES};
    overflow: hidden;
  }
  .message-more {
    flex: none;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 28px;
    height: 28px;
    padding: 0;
    border: none;
    border-radius: 50%;
    background: transparent;
    color: var(--text-secondary-color);
    cursor: pointer;
    opacity: 0;
  }
  /* The buttons' glyphs are masks on a pseudo-element, not inline SVG: every row carries three of them,
     and rows mount by the dozen on each frame of a fast scroll (their SVG elements were most of a row's
     DOM, layout objects and first-render attribute writes). The glyph exists only while the buttons can
     be seen (the row pointed at or focused): hidden ones cost no layout object and no mask to paint. */
  &:hover .message-more::before,
  &:focus-within .message-more::before {
    content: '';
    width: 18px;
    height: 18px;
    background-color: currentColor;
    mask-position: center;
    mask-size: contain;
    mask-repeat: no-repeat;
  }
  .message-more[data-icon='more']::before {
    mask-image: ${iconMask('<g fill="#000" stroke="none"><circle cx="5" cy="12" r="1.75"/><circle cx="12" cy="12" r="1.75"/><circle cx="19" cy="12" r="1.75"/></g>')};
  }
  /* lucide's face-slightly-smiling-plus (smile-plus) and reply, ISC licence */
  .message-more[data-icon='react']::before {
    mask-image: ${iconMask('<path d="M13.267 2.08a10 10 0 108.653 8.653M15 10V9M16 5h6M16.472 15a6 6 0 01-8.943 0M19 2v6M9 10V9"/>')};
  }
  .message-more[data-icon='reply']::before {
    mask-image: ${iconMask('<path d="M20 18v-2a4 4 0 0 0-4-4H4M9 17l-5-5 5-5"/>')};
  }
  .message-more:hover {
    background: var(--chat-buttons-background-hover-color);
  }
  .message-more:focus-visible {
    opacity: 1;
    outline: 2px solid var(--primary-color);
  }
  /* --- communities: the sender's name above an incoming series, the pin mark --- */
  .tl-sender {
    max-width: 100%;
    margin: 0 0 3px 4px;
    padding: 0;
    border: none;
    background: none;
    color: var(--text-secondary-color);
    font: inherit;
    font-size: 12px;
    font-weight: 700;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    cursor: pointer;
  }
  .tl-sender:hover {
    text-decoration: underline;
  }
  .tl-sender:focus-visible {
    outline: 2px solid var(--primary-color);
  }
  &[data-mentions-me][data-direction='incoming'] .tl-bubble {
    box-shadow: inset 3px 0 0 var(--primary-color);
  }
  .tl-pinned {
    display: inline-flex;
    align-items: center;
    gap: 3px;
    margin-top: 3px;
    font-size: 11px;
    color: var(--text-secondary-color);
  }
  /* --- groups: the sender's avatar beside the last bubble of an incoming series, the others indented as far --- */
  .tl-avatar {
    position: relative;
    flex: none;
    align-self: flex-end;
    width: 36px;
    min-height: 1px;
  }
  .tl-crown {
    position: absolute;
    right: -3px;
    bottom: -2px;
    display: flex;
    padding: 1px;
    border-radius: 50%;
    background: var(--background-primary-color, #1b1b1b);
    color: #f7c800;
  }
  &[data-with-avatar] .tl-sender {
    margin-inline-start: 46px;
  }
  /* --- replies: the message a quote jumped to flashes with the accent (spec/ui.md §4.3) --- */
  &[data-flash] .tl-bubble {
    animation: tl-flash 1s ease-out;
  }
  @keyframes tl-flash {
    0%,
    40% {
      box-shadow: 0 0 0 3px var(--primary-color);
    }
    100% {
      box-shadow: 0 0 0 3px transparent;
    }
  }
`;

const Placeholder = styled.div`
  font-size: 13px;
  font-style: italic;
  opacity: 0.85;
  white-space: nowrap;
  overflow: hidden;
  text-overflow: ellipsis;
  max-width: 100%;
`;

const TextLink = styled.button<{ $danger?: boolean }>`
  padding: 0;
  border: none;
  background: none;
  color: ${(p) => (p.$danger ? 'var(--danger-text-color)' : 'inherit')};
  font: inherit;
  font-weight: 700;
  text-decoration: underline;
  cursor: pointer;
`;

const Meta = styled.span<{ $failed?: boolean }>`
  display: flex;
  align-items: center;
  gap: 4px;
  margin-top: 3px;
  font-size: 11px;
  color: ${(p) => (p.$failed ? 'var(--danger-text-color)' : 'var(--text-secondary-color)')};
`;



const PIN_ICON = (
  <svg width="11" height="11" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true" focusable="false">
    <path d="M12 17v5M9 10.76V6h6v4.76l2 3.24H7z" />
  </svg>
);

function StatusLine({ m, showSent }: { m: MessageView; showSent: boolean }) {
  const dispatch = useAppDispatch();
  const account = useAppSelector(selectAccount);
  const now = useNow();
  // --- conversation features: a disappearing message always shows its status and its stopwatch ---
  const timer = m.expiration ? <ExpiryTimer m={m} /> : null;
  if (m.status === 'sending') {
    return (
      <Meta data-testid="message-status">
        <CircleEllipsis size={12} aria-hidden />
        {t('statusSending')}
        {timer}
      </Meta>
    );
  }
  if (m.status === 'failed') {
    const retry = (e: MouseEvent) => {
      e.stopPropagation();
      resend(dispatch, m, account?.sessionId ?? m.sender, now());
    };
    return (
      <Meta $failed data-testid="message-status" title={m.error}>
        <AlertTriangle size={12} aria-hidden />
        {t('statusFailed')}
        <TextLink type="button" $danger onClick={retry} data-testid="message-retry">
          {t('retrySend')}
        </TextLink>
        {timer}
      </Meta>
    );
  }
  if (!showSent && !timer) return null;
  return (
    <Meta data-testid="message-status">
      {m.status === 'read' ? <Eye size={12} aria-hidden /> : <CircleCheck size={12} aria-hidden />}
      {m.status === 'read' ? t('statusRead') : t('statusSent')}
      {timer}
    </Meta>
  );
}

// --- conversation features: incoming disappearing messages (begin) ---
function IncomingExpiry({ m }: { m: MessageView }) {
  return (
    <Meta data-testid="message-status">
      {m.status === 'read' ? (
        <>
          <Eye size={12} aria-hidden />
          {t('statusRead')}
        </>
      ) : null}
      <ExpiryTimer m={m} />
    </Meta>
  );
}
// --- conversation features (end) ---

type Dispatch = ReturnType<typeof useAppDispatch>;

/** Sends a failed message again: the backend retries its own; an optimistic row it never took is sent anew. */
export function resend(dispatch: Dispatch, m: MessageView, sender: string, sentAt: number): void {
  if (!m.id.startsWith(PENDING_PREFIX)) {
    void dispatch(retryMessage(m.id));
    return;
  }
  dispatch(messageRowRemoved({ conversationId: m.conversationId, id: m.id }));
  // --- replies: a reply is sent again as a reply ---
  void dispatch(sendMessage({ conversationId: m.conversationId, sender, text: m.text, sentAt, ...(m.quote ? { quote: m.quote } : {}) }));
}

const CROWN_ICON = (
  <svg width="10" height="10" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true" focusable="false">
    <path d="M2 18h20l-2-11-5 4-3-6-3 6-5-4z" />
  </svg>
);

/** Groups: the sender's avatar (admins wear a crown) on the last bubble of a series, else the same room empty. */
function SenderAvatar({ id, name, admin, show }: { id: string; name: string | undefined; admin: boolean; show: boolean }) {
  return (
    <span className="tl-avatar" data-testid={show ? 'message-avatar' : undefined} data-admin={show && admin ? 'true' : undefined}>
      {show ? <Avatar id={id} name={name} size={36} /> : null}
      {show && admin ? (
        <span className="tl-crown" role="img" aria-label={t('cmAdmin')} title={t('cmAdmin')} data-testid="message-avatar-crown">
          {CROWN_ICON}
        </span>
      ) : null}
    </span>
  );
}

function MessageBody({ m, senderName }: { m: MessageView; senderName: string }) {
  const room = useCommunityRoom();
  const [expanded, setExpanded] = useState(false);
  const [overflows, setOverflows] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const attachments = m.attachments ?? [];
  const hasMedia = attachments.length > 0;
  // Attachments are shown now: an older row may still list them as a part this version could not show.
  const parts = useMemo(() => (m.unsupported ?? []).filter((p) => !(hasMedia && p === 'attachments')), [m.unsupported, hasMedia]);
  const hasParts = parts.length > 0;
  const emoji = useMemo(() => (hasParts || hasMedia ? undefined : emojiSizeOf(m.text)), [hasParts, hasMedia, m.text]);
  const longByLines = lineCount(m.text) > READ_MORE_LINES;
  const clamped = !expanded && (longByLines || overflows);
  // Wrapped lines count too: the clamp is measured once laid out (jsdom has no layout, so line breaks decide there).
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || expanded || overflows) return;
    // In a browser the check waits for the next layout (a ResizeObserver reports then): reading sizes here
    // would force a layout per new row, between the virtualizer's writes, as rows mount while scrolling.
    if (typeof ResizeObserver === 'undefined') {
      if (el.scrollHeight > el.clientHeight + 1) setOverflows(true);
      return;
    }
    return watchTallerThanLines(el, READ_MORE_LINES, () => setOverflows(true));
  }, [m.text, expanded, overflows]);
  // An attachment-only message has no (empty) text bubble; pictures alone go without the bubble's frame.
  const showText = m.text !== '' || (parts.length === 0 && !hasMedia && !m.communityInvitation);
  const mediaOnly = hasMedia && !showText && !hasParts && attachments.every(isVisualMedia);
  return (
    <div
      className="tl-bubble"
      data-plain={emoji !== undefined || undefined}
      data-media-only={mediaOnly || undefined}
      data-has-media={hasMedia || undefined}
      data-testid="message-bubble"
    >
      {/* --- replies --- */}
      {m.quote ? <QuoteBubble m={m} /> : null}
      {parts.length > 0 ? <Placeholder data-testid="message-unsupported">{unsupportedText(parts)}</Placeholder> : null}
      {m.communityInvitation && !m.deleted ? <CommunityInvitationCard m={m} /> : null /* communities */}
      {hasMedia ? <MessageAttachments m={m} senderName={senderName} /> : null}
      {m.preview && !m.deleted ? <LinkPreviewCard m={m} /> : null /* link previews */}
      {showText ? (
        // Text is rendered as a text node (React escapes it); dir="auto" keeps RTL text from reordering the layout.
        <div ref={ref} className="tl-text" dir="auto" data-testid="message-text" data-emoji-size={emoji} data-clamped={clamped || undefined}>
          {/* --- communities: mentions drawn as names --- */}
          {room && hasMention(m.text) ? (
            <MentionText text={m.text} names={{ ownIds: room.ownIds, names: room.names, withShortId: !room.group }} />
          ) : (
            <LinkifiedText text={m.text} />
          )}
        </div>
      ) : null}
      {clamped ? (
        <TextLink
          type="button"
          onClick={(e) => {
            e.stopPropagation();
            setExpanded(true);
          }}
          data-testid="message-read-more"
        >
          {t('tlReadMore')}
        </TextLink>
      ) : null}
    </div>
  );
}

export interface MessageRowProps {
  row: TimelineRow;
  senderName: string;
  selecting: boolean;
  selected: boolean;
  onToggleSelect: (id: string) => void;
  /** Opens the menu at a point; `opener` gets focus back when it closes. */
  onOpenMenu: (m: MessageView, x: number, y: number, opener: HTMLElement | null) => void;
  // --- replies ---
  /** A quote jumped here: the bubble flashes. */
  flash?: boolean;
}

export const MessageRow = memo(function MessageRow({ row, senderName, selecting, selected, onToggleSelect, onOpenMenu, flash }: MessageRowProps) {
  const { m } = row;
  const outgoing = m.direction === 'outgoing';
  // --- communities: rows of a room name their sender (spec/ui.md §4.2) ---
  const room = useCommunityRoom();
  // --- groups: named by the group's member list (our nickname for them first), without a short id ---
  const sender = room && !outgoing ? (room.group ? roomMemberLabel(room, m.sender, room.names.get(m.sender) ?? m.senderName) : memberLabel(m.sender, m.senderName)) : senderName;
  const withAvatar = !!room?.group && !outgoing && !m.control;
  const rowRef = useRef<HTMLDivElement>(null);
  const openAtElement = (el: HTMLElement) => {
    if (rowRef.current) rowRef.current.dataset.menuAttachment = '';
    const r = el.getBoundingClientRect();
    // The menu starts at the element's edge on the reading-start side (its right edge in RTL).
    onOpenMenu(m, getComputedStyle(el).direction === 'rtl' ? r.right : r.left, r.bottom, el);
  };
  // The full date is the hover tooltip (spec/ui.md §4.2). It is formatted when first pointed at or
  // focused, not for every row that scrolls by (Intl formatting is a good part of a row's first render).
  const showFullDate = (e: { currentTarget: HTMLElement }) => {
    const full = formatFullDate(m.timestamp);
    if (e.currentTarget.title !== full) e.currentTarget.title = full;
  };
  const onContextMenu = (e: MouseEvent) => {
    if (selecting) return;
    e.preventDefault();
    // "Save" in the menu saves the attachment that was right-clicked (spec/ui.md §4.5).
    const attachment = e.target instanceof Element ? e.target.closest<HTMLElement>('[data-attachment-index]') : null;
    if (rowRef.current) rowRef.current.dataset.menuAttachment = attachment?.dataset.attachmentIndex ?? '';
    onOpenMenu(m, e.clientX, e.clientY, rowRef.current);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    if (selecting && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      onToggleSelect(m.id);
    } else if (!selecting && (e.key === 'Enter' || e.key === ' ' || e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey))) {
      e.preventDefault();
      openAtElement(e.currentTarget);
    }
  };
  return (
    <Row
      ref={rowRef}
      tabIndex={0}
      role="article"
      aria-label={`${m.control ? controlPlainText(m.control, outgoing, sender, room?.ownSessionId) : outgoing ? t('tlYourMessage') : t('tlMessageFrom', { name: sender })}${selected ? `, ${t('tlSelected')}` : ''}`}
      onMouseEnter={showFullDate}
      onFocus={showFullDate}
      onContextMenu={onContextMenu}
      onKeyDown={onKeyDown}
      onClick={selecting ? () => onToggleSelect(m.id) : undefined}
      data-testid="message"
      data-id={m.id}
      data-direction={m.direction}
      data-status={m.status}
      data-first-in-series={row.firstInSeries || undefined}
      data-series-goes-on={!row.lastInSeries || undefined}
      data-selecting={selecting || undefined}
      data-selected={selected || undefined}
      data-flash={flash || undefined}
      data-control={m.control ? m.control.type : undefined}
      data-deleted={m.deleted || undefined}
      data-pinned={m.pinned || undefined}
      data-mentions-me={m.mentionsMe || undefined}
      data-with-avatar={withAvatar || undefined}
    >
      {/* --- communities: the sender's name above the first bubble of an incoming series; it opens their profile --- */}
      {room && !outgoing && !m.control && row.firstInSeries ? (
        <button
          type="button"
          className="tl-sender"
          dir="auto"
          onClick={(e) => {
            e.stopPropagation();
            if (!selecting) room.openProfile({ id: m.sender, ...(m.senderName ? { name: m.senderName } : {}) });
          }}
          data-testid="message-sender"
        >
          {sender}
        </button>
      ) : null}
      <div className="tl-line">
        {/* --- groups --- */}
        {withAvatar ? <SenderAvatar id={m.sender} name={room.names.get(m.sender) ?? m.senderName} admin={room.admins?.has(m.sender) ?? false} show={row.lastInSeries} /> : null}
        {/* --- conversation features: control messages and deleted placeholders (begin) --- */}
        {m.control ? (
          <ControlMessage m={m} control={m.control} senderName={sender} ownId={room?.ownSessionId} />
        ) : m.deleted ? (
          <DeletedMessage />
        ) : (
          <MessageBody m={m} senderName={sender} />
        )}
        {/* --- conversation features (end) --- */}
        {/* --- reactions and replies: the hover bar --- */}
        {selecting ? null : <MessageActions m={m} />}
        {selecting ? null : (
          <button
            type="button"
            className="message-more"
            aria-label={t('tlMoreActions')}
            title={t('tlMoreActions')}
            aria-haspopup="menu"
            onClick={(e) => openAtElement(e.currentTarget)}
            data-testid="message-more"
            data-icon="more"
          />
        )}
      </div>
      {/* --- reactions --- */}
      {m.reactions?.length && !m.deleted && !m.control ? <ReactionsRow m={m} /> : null}
      {/* --- communities: pinned by a room admin --- */}
      {m.pinned && !m.deleted ? (
        <span className="tl-pinned" data-testid="message-pinned">
          {PIN_ICON}
          {t('cmPinned')}
        </span>
      ) : null}
      {/* --- conversation features: incoming disappearing messages show their stopwatch (and "Read") --- */}
      {/* StatusLine draws nothing for a sent message that is not the last one and has no timer: most outgoing
          rows skip it, and with it a store subscription per row mounted while scrolling. */}
      {m.control || m.deleted ? null : outgoing ? (
        m.status === 'sending' || m.status === 'failed' || row.showSent || m.expiration ? <StatusLine m={m} showSent={row.showSent} /> : null
      ) : m.expiration ? (
        <IncomingExpiry m={m} />
      ) : null}
    </Row>
  );
});
