// The composer's "@" suggestions in a community room (spec/ui.md §4.7): typing "@" and letters asks the
// backend for the room's members matching them (`communities.members`) and shows them above the box;
// ↑/↓ move, Enter/Tab insert, Esc closes. The box shows "@Name"; the message is sent with `@<id>`, as
// mentions are stored (spec/ui.md §4.3). In a group the suggestions are the group's members (already
// fetched with `groups.members` when the group opened), filtered here.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactElement } from 'react';
import styled from 'styled-components';
import type { CommunityMemberView } from '../../../../ipc/contract';
import { useAppDispatch, useAppSelector } from '../../../hooks/redux';
import { t } from '../../../locales/i18n';
import { fetchMembers, selectMembers } from '../../../state/communities';
import { Avatar } from '../../common/Avatar';
import { memberLabel, roomMemberLabel, useCommunityRoom } from './communityContext';
// --- groups ---
import { selectGroupMembers } from '../../../state/groups';

/** How long typing pauses before the members are asked for. */
const QUERY_DELAY_MS = 120;
const MAX_SHOWN = 8;

const Popup = styled.ul`
  position: absolute;
  inset-inline-start: 16px;
  bottom: 100%;
  z-index: 30;
  width: min(320px, calc(100% - 32px));
  max-height: 260px;
  margin: 0 0 6px;
  padding: 4px 0;
  overflow-y: auto;
  border: 1px solid var(--borders-color);
  border-radius: 10px;
  background: var(--modal-background-content-color, var(--background-secondary-color));
  box-shadow: var(--modal-drop-shadow, 0 2px 8px rgba(0, 0, 0, 0.4));
  list-style: none;
  li {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 6px 12px;
    font-size: 14px;
    cursor: pointer;
  }
  li[aria-selected='true'] {
    background: var(--conversation-tab-background-hover-color);
  }
  small {
    color: var(--text-secondary-color);
    font-size: 11px;
  }
`;

/** The "@query" the caret is at the end of, if any. */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const m = /(^|\s)@([^\s@]{0,40})$/u.exec(text.slice(0, caret));
  if (!m) return null;
  return { start: caret - m[2]!.length - 1, query: m[2]! };
}

/** Replaces each inserted "@Name" with the `@<id>` it stands for. */
export function expandMentions(text: string, inserted: ReadonlyMap<string, string>): string {
  let out = text;
  // Longer names first, so "@Ann Lee" is not taken for "@Ann".
  for (const [label, id] of [...inserted].sort((a, b) => b[0].length - a[0].length)) out = out.split(`@${label}`).join(`@${id}`);
  return out;
}

function matches(m: CommunityMemberView, query: string): boolean {
  const q = query.toLowerCase();
  return q === '' || (m.name ?? '').toLowerCase().includes(q) || m.id.startsWith(q);
}

/** Ourselves as a suggestion ("You", first: spec/ui.md §4.7), under the id our mentions carry here. */
const selfEntry = (id: string): CommunityMemberView => ({ id, name: t('cmYou'), moderator: false, admin: false });

export interface MentionSuggestions {
  /** The popup (null when closed), rendered inside the composer form. */
  popup: ReactElement | null;
  /** The textarea's key handler runs this first; true: the key was the popup's. */
  onKeyDown: (e: KeyboardEvent<HTMLTextAreaElement>) => boolean;
  /** Call on every change of text or caret. */
  update: (text: string, caret: number) => void;
  /** The text to send, with mentions as ids. */
  expand: (text: string) => string;
  /** ARIA wiring for the textarea. */
  inputProps: { 'aria-controls'?: string; 'aria-activedescendant'?: string; 'aria-autocomplete': 'list' } | Record<string, never>;
}

export function useMentionSuggestions(
  roomId: string | null,
  ownIds: ReadonlySet<string>,
  replace: (start: number, end: number, insert: string) => void,
  /** The id mentions of us carry in this conversation (a room: our blinded id); "You" is suggested first. */
  selfId?: string,
): MentionSuggestions {
  const dispatch = useAppDispatch();
  const communityMembers = useAppSelector(selectMembers(roomId ?? ''));
  // --- groups: the group's members, named as its rows name them ---
  const room = useCommunityRoom();
  const group = room?.group !== undefined && room.conversationId === roomId ? room : null;
  const groupMembers = useAppSelector(selectGroupMembers(group ? (roomId ?? '') : ''));
  const members = useMemo<CommunityMemberView[]>(
    () =>
      group
        ? groupMembers.map((m) => ({ id: m.sessionId, ...(group.names.get(m.sessionId) ?? m.name ? { name: group.names.get(m.sessionId) ?? m.name } : {}), moderator: false, admin: m.role === 'admin' }))
        : communityMembers,
    [group, groupMembers, communityMembers],
  );
  const labelOf = (m: CommunityMemberView) => (group ? roomMemberLabel(group, m.id, m.name) : m.name?.trim() || memberLabel(m.id, undefined));
  const [at, setAt] = useState<{ start: number; end: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const [closed, setClosed] = useState<number | null>(null);
  const inserted = useRef(new Map<string, string>());
  const listId = useId();
  // A group's members are here already: only a room asks the backend as the user types.
  const query = group ? undefined : at?.query;
  useEffect(() => {
    if (!roomId || query === undefined) return;
    const timer = setTimeout(() => void dispatch(fetchMembers({ id: roomId, query })), QUERY_DELAY_MS);
    return () => clearTimeout(timer);
  }, [dispatch, roomId, query]);
  const candidates = selfId ? [selfEntry(selfId), ...members.filter((m) => !ownIds.has(m.id) && m.id !== selfId)] : members.filter((m) => !ownIds.has(m.id));
  const shown = at && closed !== at.start ? candidates.filter((m) => matches(m, at.query)).slice(0, MAX_SHOWN) : [];
  const open = shown.length > 0;
  const choose = (m: CommunityMemberView) => {
    if (!at) return;
    const label = labelOf(m);
    inserted.current.set(label, m.id);
    replace(at.start, at.end, `@${label} `);
    setAt(null);
  };
  const optionId = (i: number) => `${listId}-${i}`;
  const popup = open ? (
    <Popup id={listId} role="listbox" aria-label={t('cmMentionSuggestions')} data-testid="mention-suggestions">
      {shown.map((m, i) => (
        <li
          key={m.id}
          id={optionId(i)}
          role="option"
          aria-selected={i === Math.min(active, shown.length - 1)}
          onMouseDown={(e) => {
            // Keep the caret in the box.
            e.preventDefault();
            choose(m);
          }}
          data-testid="mention-suggestion"
          data-id={m.id}
        >
          <Avatar id={m.id} name={m.name} size={24} />
          <span dir="auto">{labelOf(m)}</span>
          {m.admin ? <small>{t('cmAdmin')}</small> : m.moderator ? <small>{t('cmModerator')}</small> : null}
        </li>
      ))}
    </Popup>
  ) : null;
  return {
    popup,
    update: (text, caret) => {
      if (!roomId) return;
      const q = mentionQueryAt(text, caret);
      setAt(q ? { start: q.start, end: caret, query: q.query } : null);
      if (!q || q.start !== at?.start) {
        setActive(0);
        setClosed(null);
      }
    },
    onKeyDown: (e) => {
      if (!open || !at) return false;
      const current = Math.min(active, shown.length - 1);
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setActive((current + (e.key === 'ArrowDown' ? 1 : shown.length - 1)) % shown.length);
        return true;
      }
      if ((e.key === 'Enter' || e.key === 'Tab') && !e.nativeEvent.isComposing) {
        e.preventDefault();
        choose(shown[current]!);
        return true;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        setClosed(at.start);
        return true;
      }
      return false;
    },
    expand: (text) => expandMentions(text, inserted.current),
    inputProps: open ? { 'aria-controls': listId, 'aria-activedescendant': optionId(Math.min(active, shown.length - 1)), 'aria-autocomplete': 'list' } : {},
  };
}
