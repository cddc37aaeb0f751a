// What the rows of an open community room or group need to know about it, given once by the conversation
// view instead of through every memoized row's props: the room (our role, our blinded id) or the group,
// the names known for the ids that post or are mentioned, and how to open a member's profile.
import { createContext, useContext } from 'react';
import type { CommunityView, GroupView } from '../../../../ipc/contract';
import { t } from '../../../locales/i18n';
import { shortenId } from '../../../theme/format';

export interface CommunityRoomContext {
  conversationId: string;
  /** A community room as its server describes it; absent in a group. */
  community?: CommunityView;
  // --- groups: a group's context has `group` instead of `community` (begin) ---
  /** A group (kind `group`) as its configs describe it; absent in a community. */
  group?: GroupView;
  /** Our Session ID (a group update's member list may name us). */
  ownSessionId?: string;
  /** Ids of the group's admins (their avatars wear the crown). */
  admins?: ReadonlySet<string>;
  // --- groups (end) ---
  /** Ids that are us in this room: our blinded id and our Session ID. */
  ownIds: ReadonlySet<string>;
  /** Display names by (blinded) id, from the loaded messages and the member list. */
  names: ReadonlyMap<string, string>;
  /** Opens the profile of a room member (spec/ui.md §8.3). */
  openProfile: (user: { id: string; name?: string }) => void;
}

export const CommunityContext = createContext<CommunityRoomContext | null>(null);

export function useCommunityRoom(): CommunityRoomContext | null {
  return useContext(CommunityContext);
}

/** The short id communities append to a name (spec/ui.md §4.3): the last four hex digits. */
export function shortIdTail(id: string): string {
  return `…${id.slice(-4)}`;
}

/** How the rows of this room or group name a member: communities append a short id, groups do not. */
export function roomMemberLabel(room: Pick<CommunityRoomContext, 'group'>, id: string, name: string | undefined): string {
  if (room.group) return name?.trim() || shortenId(id);
  return memberLabel(id, name);
}

/** A room member as the timeline names them: "Name (…abcd)", or the shortened id without a name. */
export function memberLabel(id: string, name: string | undefined): string {
  const n = name?.trim();
  return n ? t('cmSenderWithId', { name: n, id: shortIdTail(id) }) : shortenId(id);
}

/** A Session ID or a blinded id: `05`/`15` + 64 hex (what mentions and moderation take). */
export const MEMBER_ID = /^(?:05|15)[0-9a-f]{64}$/;
/** `@` followed by such an id inside message text. */
export const MENTION_TOKEN = /@((?:05|15)[0-9a-f]{64})/g;

/** The room a share URL names, in the `{base}/{room}` form conversation ids have (lower-case room), if it parses. */
export function roomIdOf(text: string): string | null {
  try {
    const url = new URL(text.trim());
    const room = url.pathname.replace(/^\/|\/$/g, '').toLowerCase();
    return `${url.protocol}//${url.host.toLowerCase()}/${room}`;
  } catch {
    return null;
  }
}
