// What the reaction controls share: toggling our reaction with an emoji (the recent list learns it when
// we add one), and reactor names from the conversations the store holds.
import { useCallback } from 'react';
import type { MessageView } from '../../../../ipc/contract';
import { useAppDispatch, useAppSelector } from '../../../hooks/redux';
import { useNow } from '../../../hooks/useNow';
import { selectAccount } from '../../../state/account';
import { PENDING_PREFIX } from '../../../state/messages';
import { reactToMessage } from '../../../state/reactions';
import type { RootState } from '../../../state/store';
import { noteEmojiUsed } from '../../emoji/recentEmoji';
import { personName, type NameOf } from './reactionText';
// --- communities ---
import { memberLabel, useCommunityRoom } from '../community/communityContext';

/** Adds our reaction with `emoji` to `m`, or removes it when we already reacted with it. */
export function useToggleReaction(): (m: MessageView, emoji: string) => Promise<MessageView | undefined> {
  const dispatch = useAppDispatch();
  const now = useNow();
  return useCallback(
    (m: MessageView, emoji: string) => {
      const mine = m.reactions?.some((r) => r.emoji === emoji && r.mine) ?? false;
      if (!mine) noteEmojiUsed(emoji);
      return dispatch(reactToMessage({ messageId: m.id, emoji, action: mine ? 'remove' : 'add', now: now() }));
    },
    [dispatch, now],
  );
}

const selectById = (s: RootState) => s.conversations.byId;

/** Names of people as reactions and quotes show them ("You" for us). */
export function usePersonName(): { nameOf: NameOf; ownId: string | undefined } {
  const sessionId = useAppSelector(selectAccount)?.sessionId;
  const byId = useAppSelector(selectById);
  // --- communities: in a room we are our blinded id, and members are named by what they posted ---
  const room = useCommunityRoom();
  const ownId = room?.community ? room.community.blindedId : sessionId;
  const nameOf = useCallback(
    (id: string) => {
      if (!room) return personName(id, sessionId, byId);
      if (room.ownIds.has(id)) return personName(sessionId ?? id, sessionId, byId);
      // --- groups: a member is named by the group's member list, else as a contact ---
      if (room.group) return room.names.get(id) ?? personName(id, sessionId, byId);
      return memberLabel(id, room.names.get(id));
    },
    [room, sessionId, byId],
  );
  return { nameOf, ownId };
}

/** Messages that take reactions and replies: real (not in flight), not a deleted placeholder or a control message. */
export function takesReactions(m: MessageView): boolean {
  return !m.id.startsWith(PENDING_PREFIX) && !m.deleted && !m.control;
}
