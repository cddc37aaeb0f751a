// react / unreact: add or remove our reaction to a message (spec messaging §6.4). The backend applies it at
// once and queues it for the peer and, as a sync copy, for our other devices; the command exits 0 only once
// both are stored (cli.md v2 delivery rule) and prints the message's reactions after the change.
import { requireAccount } from './account';
import type { CommandContext } from './context';
import { deliverChange, throwIfUndelivered } from './followUps';
import { formatReactions, reactionList } from './richRows';
import type { ReactCommandArgs } from './types';

export async function runReact(ctx: CommandContext, cmd: ReactCommandArgs): Promise<void> {
  await requireAccount(ctx);
  ctx.out.progress(cmd.name === 'react' ? 'Sending the reaction...' : 'Removing the reaction...');
  const { result, delivery } = await deliverChange(ctx, () =>
    ctx.client.call('messages.react', { messageId: cmd.messageId, emoji: cmd.emoji, action: cmd.name === 'react' ? 'add' : 'remove' }),
  );
  ctx.out.record({ id: result.id, reactions: reactionList(result) }, [
    { key: 'id', title: 'Message ID' },
    { key: 'reactions', title: 'Reactions', format: (v) => formatReactions(v) || 'none' },
  ]);
  throwIfUndelivered(delivery);
}
