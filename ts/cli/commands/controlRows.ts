// The `control` field of message rows: a control message (a group change such as member-added or
// name-changed, a disappearing-timer change, media saved) has an empty text; JSON rows carry what it says
// as `"control": {"type", ...}` (docs/cli.md, Groups), people get a short sentence in place of the text.
import type { ControlView, MessageView } from '../../ipc/contract';

function who(members: readonly { sessionId: string; name?: string }[]): string {
  return members.map((m) => m.name ?? `${m.sessionId.slice(0, 8)}…`).join(', ');
}

/** A control message for people, e.g. "[added Bob, Carol]", "[renamed the group to Book club]". */
export function controlText(c: ControlView): string {
  switch (c.type) {
    case 'expiration-timer':
      return c.mode === 'off' || c.seconds === 0 ? '[turned disappearing messages off]' : `[set messages to disappear ${c.seconds} s after ${c.mode === 'after-read' ? 'reading' : 'sending'}]`;
    case 'media-saved':
      return '[saved media from this conversation]';
    case 'member-added':
      return `[added ${who(c.members)}${c.historyShared === true ? ', with the message history' : ''}]`;
    case 'member-removed':
      return `[removed ${who(c.members)}]`;
    case 'member-promoted':
      return `[made ${who(c.members)} admin]`;
    case 'member-left':
      return '[left the group]';
    case 'invite-accepted':
      return '[joined the group]';
    case 'name-changed':
      return `[renamed the group to ${c.name}]`;
    case 'avatar-changed':
      return '[changed the group picture]';
    case 'expiration-changed':
      return c.seconds === 0 ? '[turned disappearing messages off]' : `[set messages to disappear ${c.seconds} s after sending]`;
  }
}

/** The row fields of a control message, spread after `text`: JSON gets `control`, people a sentence as text. */
export function controlField(m: Pick<MessageView, 'control'>, json: boolean): { control?: ControlView; text?: string } {
  if (m.control === undefined) return {};
  return json ? { control: m.control } : { text: controlText(m.control) };
}
