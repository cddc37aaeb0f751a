// The search box's results (spec/ui.md §3.3), in place of the conversation list while the box has text:
// "Conversations" (names and Account IDs, matched here at once), "Contacts" (people without a conversation,
// from the backend) and "Messages" (the backend's full-text hits, newest first, each with its conversation,
// date and an excerpt whose matched words are marked). The backend is asked once typing pauses. One
// virtualised list; arrow keys move between results, Esc goes back to the box. Opening a message hit opens
// its conversation at that message (the timeline consumes the jump, see useSearchJump).
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useImperativeHandle, useMemo, useRef, useState, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import styled from 'styled-components';
import type { ContactView, ConversationSummary, SearchHit } from '../../../ipc/contract';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import { useNow } from '../../hooks/useNow';
import { t } from '../../locales/i18n';
import { selectAccount } from '../../state/account';
import { matchConversations, selectConversation as selectConversationSummary, selectSearchableConversations, withNoteToSelf } from '../../state/conversations';
import { runSearch, searchCleared, searchJumpRequested, selectSearch } from '../../state/search';
import { selectConversation, selectSearchQuery, selectSelectedConversationId } from '../../state/ui';
import { formatActivityTime, shortenId } from '../../theme/format';
import { Avatar } from '../common/Avatar';
import { ContextMenu } from '../conversationSettings/ContextMenu';
import { conversationMenuItems } from '../conversationSettings/conversationMenuItems';
import { conversationName } from '../conversationSettings/conversationName';
import { useConversationActions } from '../conversationSettings/useConversationActions';
import { Row } from '../layout/ConversationList';
import { highlightParts } from './highlight';
import { Line, Lines, List, Name, observeListRect, ROW_HEIGHT, RowButton, RowItem, Scroller, Time } from '../layout/virtualListParts';
import { useGroupLeave } from '../groupAdmin/useGroupLeave';

/** How long typing must pause before the backend is asked (the name matches show at once). */
export const SEARCH_DEBOUNCE_MS = 200;
const HEADING_HEIGHT = 36;
const STATUS_HEIGHT = 44;
const OVERSCAN = 8;

type Item =
  | { kind: 'heading'; key: string; label: string }
  | { kind: 'status'; key: string; text: string; failed: boolean }
  | { kind: 'conversation'; key: string; c: ConversationSummary }
  | { kind: 'contact'; key: string; contact: ContactView }
  | { kind: 'message'; key: string; hit: SearchHit };

const heightOf = (item: Item | undefined): number =>
  item?.kind === 'heading' ? HEADING_HEIGHT : item?.kind === 'status' ? STATUS_HEIGHT : ROW_HEIGHT;
const focusable = (item: Item | undefined): boolean => item !== undefined && item.kind !== 'heading' && item.kind !== 'status';

const Heading = styled.h2`
  box-sizing: border-box;
  height: ${HEADING_HEIGHT}px;
  margin: 0;
  padding: 14px 16px 0;
  font-size: 13px;
  font-weight: 700;
  color: var(--text-secondary-color);
`;

const Status = styled.p<{ $failed: boolean }>`
  margin: 0;
  padding: 12px 16px;
  font-size: 13px;
  color: ${(p) => (p.$failed ? 'var(--danger-text-color)' : 'var(--text-secondary-color)')};
  overflow-wrap: anywhere;
`;






const Snippet = styled.span`
  flex: 1;
  min-width: 0;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
  font-size: 13px;
  color: var(--text-secondary-color);
  mark {
    background: none;
    color: var(--renderer-span-primary-color);
    font-weight: 700;
  }
`;

const NoResults = styled.p`
  margin: 30px 25px;
  color: var(--text-secondary-color);
  font-size: 15px;
  text-align: center;
  overflow-wrap: anywhere;
`;

/** The excerpt with the matched words in <mark> (React text nodes: nothing in a message becomes markup). */
function MarkedSnippet({ text, highlights }: { text: string; highlights: readonly [number, number][] }) {
  return (
    <>
      {highlightParts(text, highlights).map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </>
  );
}

function ContactResult({ contact, selected }: { contact: ContactView; selected: boolean }) {
  const dispatch = useAppDispatch();
  const name = contact.nickname ?? contact.profileName ?? shortenId(contact.id);
  return (
    <RowButton
      type="button"
      $selected={selected}
      aria-current={selected ? 'true' : undefined}
      onClick={() => dispatch(selectConversation(contact.id))}
      data-testid="search-contact"
      data-conversation-id={contact.id}
    >
      <Avatar id={contact.id} name={contact.nickname ?? contact.profileName} size={36} avatarVersion={contact.avatarVersion} />
      <Lines>
        <Name>
          <bdi>{name}</bdi>
        </Name>
      </Lines>
    </RowButton>
  );
}

function MessageResult({ hit, now, ownId }: { hit: SearchHit; now: number; ownId: string | undefined }) {
  const dispatch = useAppDispatch();
  const m = hit.message;
  const summary = useAppSelector(selectConversationSummary(m.conversationId));
  const conversation = summary ? conversationName(summary) : m.conversationId === ownId ? t('noteToSelf') : shortenId(m.conversationId);
  const mine = m.direction === 'outgoing';
  const group = summary?.kind === 'group' || summary?.kind === 'community';
  const time = formatActivityTime(m.timestamp, now);
  // --- groups: the author by their contact name, else the name they sent, else the short id ---
  const contact = useAppSelector(selectConversationSummary(m.sender));
  const author = (contact?.kind === 'private' ? contact.name?.trim() : undefined) || m.senderName?.trim() || shortenId(m.sender);
  const open = () => {
    dispatch(searchJumpRequested({ conversationId: m.conversationId, messageId: m.id }));
    dispatch(selectConversation(m.conversationId));
  };
  return (
    <RowButton
      type="button"
      $selected={false}
      onClick={open}
      data-testid="search-message"
      data-message-id={m.id}
      data-conversation-id={m.conversationId}
    >
      <Avatar id={m.conversationId} name={summary?.name} size={36} />
      <Lines>
        <Line>
          <Name>
            <bdi>{conversation}</bdi>
          </Name>
          <Time>{time}</Time>
        </Line>
        <Line>
          <Snippet data-testid="search-snippet">
            {mine ? t('searchYouPrefix') : group ? t('searchAuthorPrefix', { author: summary?.kind === 'group' ? author : shortenId(m.sender) }) : null}
            <bdi>
              <MarkedSnippet text={hit.snippet} highlights={hit.highlights} />
            </bdi>
          </Snippet>
        </Line>
      </Lines>
    </RowButton>
  );
}

/**
 * Asks the backend for the query once typing pauses; an emptied box clears the results. The name matches
 * do not wait: they are filtered from the loaded list on every keystroke.
 */
function useDebouncedSearch(query: string): void {
  const dispatch = useAppDispatch();
  useEffect(() => {
    if (query === '') {
      dispatch(searchCleared());
      return;
    }
    const timer = setTimeout(() => void dispatch(runSearch(query)), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [dispatch, query]);
}

/** What the search box can ask of the results. */
export interface SearchResultsHandle {
  /** ArrowDown in the box: focus the first result. */
  focusFirst(): void;
}

/** `onLeave`: focus goes back to the search box (Esc, or ArrowUp from the first result). */
export function SearchResults({ onLeave, handle }: { onLeave: () => void; handle?: Ref<SearchResultsHandle> }) {
  const query = useAppSelector(selectSearchQuery).trim();
  useDebouncedSearch(query);
  const search = useAppSelector(selectSearch);
  const searchable = useAppSelector(selectSearchableConversations);
  const ownId = useAppSelector(selectAccount)?.sessionId;
  const byId = useAppSelector((s) => s.conversations.byId);
  const selectedId = useAppSelector(selectSelectedConversationId);
  const now = useNow()();
  const fresh = search.query === query;

  const items = useMemo((): Item[] => {
    const local = matchConversations(withNoteToSelf(searchable, ownId), query, t('noteToSelf'));
    const seen = new Set(local.map((c) => c.id));
    // The backend also finds conversations the list leaves out (requests, blocked contacts): shown when loaded here.
    const more = fresh ? search.results.conversations.flatMap((c) => (!seen.has(c.id) && byId[c.id] ? [byId[c.id]!] : [])) : [];
    const conversations = [...local, ...more];
    const contacts = fresh ? search.results.contacts.filter((c) => !seen.has(c.id) && !byId[c.id]) : [];
    const hits = fresh ? search.results.messages : [];
    const out: Item[] = [];
    if (conversations.length > 0) {
      out.push({ kind: 'heading', key: 'h-conversations', label: t('searchHeadingConversations') });
      for (const c of conversations) out.push({ kind: 'conversation', key: `c-${c.id}`, c });
    }
    if (contacts.length > 0) {
      out.push({ kind: 'heading', key: 'h-contacts', label: t('searchHeadingContacts') });
      for (const contact of contacts) out.push({ kind: 'contact', key: `k-${contact.id}`, contact });
    }
    const pending = !fresh || search.status === 'loading' || search.status === 'idle';
    if (hits.length > 0 || pending || search.status === 'failed') {
      out.push({ kind: 'heading', key: 'h-messages', label: t('searchHeadingMessages') });
      if (pending) out.push({ kind: 'status', key: 's-loading', text: t('searchLoading'), failed: false });
      else if (search.status === 'failed') out.push({ kind: 'status', key: 's-failed', text: t('searchFailed', { message: search.error ?? '' }), failed: true });
      for (const hit of hits) out.push({ kind: 'message', key: `m-${hit.message.id}`, hit });
    }
    return out;
  }, [searchable, ownId, query, fresh, search, byId]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => heightOf(items[i]),
    overscan: OVERSCAN,
    observeElementRect: observeListRect,
    getItemKey: (i) => items[i]?.key ?? i,
  });
  // The heights depend on what each index holds, which changes with the results.
  useEffect(() => {
    virtualizer.measure();
  }, [items, virtualizer]);

  const actions = useConversationActions();
  const [menu, setMenu] = useState<{ id: string; x: number; y: number } | null>(null);
  const menuFor = menu ? (byId[menu.id] ?? items.find((i): i is Extract<Item, { kind: 'conversation' }> => i.kind === 'conversation' && i.c.id === menu.id)?.c) : undefined;
  // --- groups admin: the last admin of a group is not offered "Leave Group" ---
  const { canLeave: groupCanLeave } = useGroupLeave(menuFor);
  useEffect(() => {
    if (menu && !menuFor) setMenu(null);
  }, [menu, menuFor]);

  // Arrow keys, Home and End move between results (headings skipped); the target may first have to be
  // scrolled into the DOM. Up from the first result and Esc go back to the box.
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  useEffect(() => {
    if (focusIndex === null) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${focusIndex}"] button`);
    if (el) {
      el.focus();
      setFocusIndex(null);
    }
  });
  const move = (index: number, key: string): void => {
    const order = items.flatMap((item, i) => (focusable(item) ? [i] : []));
    if (order.length === 0) return;
    const at = order.indexOf(index);
    const next =
      key === 'ArrowDown'
        ? order[at < 0 ? 0 : Math.min(at + 1, order.length - 1)]
        : key === 'ArrowUp'
          ? at <= 0
            ? undefined
            : order[at - 1]
          : key === 'Home'
            ? order[0]
            : order[order.length - 1];
    if (next === undefined) {
      onLeave();
      return;
    }
    virtualizer.scrollToIndex(next);
    setFocusIndex(next);
  };
  const moveRef = useRef(move);
  moveRef.current = move;
  useImperativeHandle(handle, () => ({ focusFirst: () => moveRef.current(-1, 'ArrowDown') }), []);
  // Conversation rows move themselves (and say so with preventDefault); the other results are moved from here.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.defaultPrevented) return;
    const index = Number((e.target as HTMLElement).closest('[data-index]')?.getAttribute('data-index') ?? -1);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp' || e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      move(index, e.key);
    } else if (e.key === 'Escape' && !menu) {
      e.preventDefault();
      onLeave();
    }
  };

  if (items.length === 0) {
    return <NoResults data-testid="search-no-results">{t('searchNoResults', { query })}</NoResults>;
  }
  return (
    <Scroller ref={scrollRef} onKeyDown={onKeyDown} data-testid="search-results">
      <List aria-label={t('searchResults')} style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((v) => {
          const item = items[v.index]!;
          let content: ReactNode;
          switch (item.kind) {
            case 'heading':
              content = <Heading data-testid="search-heading">{item.label}</Heading>;
              break;
            case 'status':
              content = (
                <Status $failed={item.failed} role={item.failed ? 'alert' : 'status'} data-testid="search-status">
                  {item.text}
                </Status>
              );
              break;
            case 'conversation':
              content = (
                <Row
                  c={item.c}
                  index={v.index}
                  selected={item.c.id === selectedId}
                  now={now}
                  searching
                  onMenu={(target, x, y) => setMenu({ id: target.id, x, y })}
                  onArrow={move}
                />
              );
              break;
            case 'contact':
              content = <ContactResult contact={item.contact} selected={item.contact.id === selectedId} />;
              break;
            case 'message':
              content = <MessageResult hit={item.hit} now={now} ownId={ownId} />;
              break;
          }
          return (
            <RowItem
              key={v.key}
              data-index={v.index}
              style={{ height: v.size, transform: `translateY(${v.start}px)` }}
            >
              {content}
            </RowItem>
          );
        })}
      </List>
      {menu && menuFor ? (
        <ContextMenu
          items={conversationMenuItems(menuFor, actions, { searching: true, groupCanLeave })}
          label={t('convMenuFor', { name: conversationName(menuFor) })}
          x={menu.x}
          y={menu.y}
          onClose={() => setMenu(null)}
        />
      ) : null}
      {actions.dialog}
    </Scroller>
  );
}
