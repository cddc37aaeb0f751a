// Who reacted, in words (spec/ui.md §4.3): the hover text of a reaction pill ("You reacted with :joy:",
// "Bob and Carol reacted with …", "You and 3 others reacted with …"), and the display name of a reactor
// or a quoted author ("You" for us; else the conversation's name for them; else the shortened ID).
import type { ConversationSummary, ReactionView } from '../../../../ipc/contract';
import { t } from '../../../locales/i18n';
import { shortenId } from '../../../theme/format';
import { conversationName } from '../../conversationSettings/conversationName';
import { emojiShortName } from '../../emoji/emojiData';

export type NameOf = (sessionId: string) => string;

/** A person's name as reactions and quotes show it. */
export function personName(sessionId: string, ownId: string | undefined, byId: Readonly<Record<string, ConversationSummary | undefined>>): string {
  if (sessionId === ownId) return t('reactYou');
  const c = byId[sessionId];
  // Their private conversation carries their name (our nickname for them, else their profile name).
  return c && c.kind === 'private' ? conversationName(c) : shortenId(sessionId);
}

/** The pill's hover text: we come first when we reacted; more than two people are counted. */
export function reactionText(r: ReactionView, ownId: string | undefined, nameOf: NameOf): string {
  const emoji_name = emojiShortName(r.emoji);
  const others = r.senders.filter((s) => s !== ownId);
  const mine = r.mine || (ownId !== undefined && r.senders.includes(ownId));
  // The count may cover reactors not listed (it never is less than the list).
  const total = Math.max(r.count, others.length + (mine ? 1 : 0));
  const otherCount = total - (mine ? 1 : 0);
  if (mine) {
    if (otherCount === 0) return t('reactYouReacted', { emoji_name });
    if (otherCount === 1 && others[0]) return t('reactYouAndNameReacted', { name: nameOf(others[0]), emoji_name });
    return t('reactYouAndOthersReacted', { count: otherCount, emoji_name });
  }
  const [first, second] = others;
  // Nobody listed (the backend always lists them): the emoji's name alone says what it is.
  if (!first) return emoji_name;
  if (otherCount === 1) return t('reactNameReacted', { name: nameOf(first), emoji_name });
  if (otherCount === 2 && second) return t('reactTwoNamesReacted', { name: nameOf(first), other_name: nameOf(second), emoji_name });
  return t('reactNameAndOthersReacted', { name: nameOf(first), count: otherCount - 1, emoji_name });
}
