// unsend: delete one of our messages for everyone (spec/cli.md "Rich messages"): our own swarm's copies are
// deleted, the unsend request goes to the recipient and to our other devices; exits once those are stored.
// Also how message rows show a "deleted" placeholder.
import type { MessageView } from '../../ipc/contract';
import { requireAccount } from './account';
import type { CommandContext } from './context';
import { deliverChange, throwIfUndelivered } from './followUps';
import type { UnsendCommandArgs } from './types';

/** The text people see for a message deleted for everyone. */
export const DELETED_TEXT = '(this message was deleted)';

/**
 * A placeholder's fields in a message row, spread after `text`: JSON gets `"deleted": true` (its text stays
 * ""), people get a note in place of the empty text. Nothing for other messages.
 */
export function deletedField(m: Pick<MessageView, 'deleted'>, json: boolean): { deleted?: true; text?: string } {
  if (m.deleted !== true) return {};
  return json ? { deleted: true } : { text: DELETED_TEXT };
}

export async function runUnsend(ctx: CommandContext, cmd: UnsendCommandArgs): Promise<void> {
  await requireAccount(ctx);
  // The unsend requests to the recipient and to our own swarm are the change's follow-ups.
  const { delivery } = await deliverChange(ctx, () => ctx.client.call('messages.unsend', { ids: [cmd.messageId] }));
  ctx.out.record({ id: cmd.messageId, deleted: true }, [{ key: 'id', title: 'Deleted for everyone' }]);
  throwIfUndelivered(delivery);
}
