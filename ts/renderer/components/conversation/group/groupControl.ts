// The sentence of a group control message (GroupUpdate, spec/ui.md §4.9), chosen the way the official app
// chooses it: "You" when we are among the members concerned (others sorted after), one, two or "N others"
// names, history shared or not. Pure: the caller gives our Session ID and the sender's name.
import type { ControlView, GroupControlMember, GroupControlView } from '../../../../ipc/contract';
import type { LocaleKey } from '../../../locales/en';
import { t, type TranslateVars } from '../../../locales/i18n';
import { shortenId } from '../../../theme/format';
import { formatTimer } from '../expiration';
import { richText } from '../richText';

export interface ControlSentence {
  key: LocaleKey;
  vars: TranslateVars;
}

export interface GroupControlContext {
  /** The message is ours (we did it). */
  outgoing: boolean;
  /** Who sent the control message (the admin; the member who left or joined). */
  senderName: string;
  /** Our Session ID: members equal to it read "You". */
  ownId: string | undefined;
}

const GROUP_TYPES: ReadonlySet<string> = new Set([
  'member-added',
  'member-removed',
  'member-promoted',
  'member-left',
  'invite-accepted',
  'name-changed',
  'avatar-changed',
  'expiration-changed',
]);

export function isGroupControl(c: ControlView): c is GroupControlView {
  return GROUP_TYPES.has(c.type);
}

function memberName(m: GroupControlMember): string {
  return m.name?.trim() || shortenId(m.sessionId);
}

/** Splits the members into "us" and the others (sorted by id, as the official app does). */
function usAndOthers(members: readonly GroupControlMember[], ownId: string | undefined) {
  const others = members.filter((m) => m.sessionId !== ownId).sort((a, b) => (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0));
  return { us: others.length !== members.length, names: others.map(memberName) };
}

interface Forms {
  one: LocaleKey;
  two: LocaleKey;
  many: LocaleKey;
  you: LocaleKey;
  youTwo: LocaleKey;
  youMany: LocaleKey;
}

function listSentence(members: readonly GroupControlMember[], ownId: string | undefined, f: Forms): ControlSentence {
  const { us, names } = usAndOthers(members, ownId);
  if (us) {
    if (names.length === 0) return { key: f.you, vars: {} };
    if (names.length === 1) return { key: f.youTwo, vars: { other_name: names[0]! } };
    return { key: f.youMany, vars: { count: names.length } };
  }
  if (names.length === 0) return { key: 'grUpdated', vars: {} };
  if (names.length === 1) return { key: f.one, vars: { name: names[0]! } };
  if (names.length === 2) return { key: f.two, vars: { name: names[0]!, other_name: names[1]! } };
  return { key: f.many, vars: { name: names[0]!, count: names.length - 1 } };
}

const ADDED: Forms = {
  one: 'grMemberNew',
  two: 'grMemberNewTwo',
  many: 'grMemberNewMultiple',
  you: 'grInviteYou',
  youTwo: 'grInviteYouAndOther',
  youMany: 'grInviteYouAndMore',
};
const ADDED_HISTORY: Forms = {
  one: 'grMemberNewHistory',
  two: 'grMemberNewHistoryTwo',
  many: 'grMemberNewHistoryMultiple',
  you: 'grInviteYouHistory',
  youTwo: 'grInviteYouAndOtherHistory',
  youMany: 'grInviteYouAndMoreHistory',
};
const REMOVED: Forms = {
  one: 'grRemoved',
  two: 'grRemovedTwo',
  many: 'grRemovedMultiple',
  you: 'grRemovedYouGeneral',
  youTwo: 'grRemovedYouTwo',
  youMany: 'grRemovedYouMultiple',
};
const PROMOTED: Forms = {
  one: 'grPromoted',
  two: 'grPromotedTwo',
  many: 'grPromotedMultiple',
  you: 'grPromotedYou',
  youTwo: 'grPromotedYouTwo',
  youMany: 'grPromotedYouMultiple',
};

/** The locale key and variables of a group control message. */
export function groupControlSentence(control: GroupControlView, ctx: GroupControlContext): ControlSentence {
  switch (control.type) {
    case 'member-added':
      return listSentence(control.members, ctx.ownId, control.historyShared ? ADDED_HISTORY : ADDED);
    case 'member-removed':
      return listSentence(control.members, ctx.ownId, REMOVED);
    case 'member-promoted':
      return listSentence(control.members, ctx.ownId, PROMOTED);
    case 'member-left':
      return ctx.outgoing ? { key: 'grMemberYouLeft', vars: {} } : { key: 'grMemberLeft', vars: { name: ctx.senderName } };
    case 'invite-accepted':
      return ctx.outgoing ? { key: 'grYouJoined', vars: {} } : { key: 'grJoined', vars: { name: ctx.senderName } };
    case 'name-changed':
      return control.name.trim() ? { key: 'grNameNew', vars: { group_name: control.name } } : { key: 'grNameUpdated', vars: {} };
    case 'avatar-changed':
      return { key: 'grPictureUpdated', vars: {} };
    case 'expiration-changed': {
      // Groups only know "disappear after send" (spec/ui.md §5.3).
      if (control.seconds <= 0) return ctx.outgoing ? { key: 'grTimerOffYou', vars: {} } : { key: 'grTimerOff', vars: { name: ctx.senderName } };
      const vars = { time: formatTimer(control.seconds), type: t('cfTypeSent') };
      return ctx.outgoing ? { key: 'grTimerSetYou', vars } : { key: 'grTimerSet', vars: { ...vars, name: ctx.senderName } };
    }
  }
}

/** What a group we cannot write to says (composer area, empty timeline): removed, or deleted by an admin (spec/ui.md §4.2, §4.7). */
export function groupReadOnlyText(group: { kicked: boolean; destroyed: boolean } | undefined, name: string) {
  if (group?.destroyed) return richText('grDeleted', { group_name: name });
  if (group?.kicked) return richText('grRemovedYou', { group_name: name });
  return null;
}
