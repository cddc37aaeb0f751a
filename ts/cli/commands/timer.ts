// timer: sets a conversation's disappearing messages (spec/cli.md "Rich messages"; spec messaging §6.12),
// waiting until the change is on the network (the control message to the peer, its copy for our other
// devices and the config push).
import { requireAccount } from './account';
import { conversationRecord } from './conversations';
import { conversationExpiration } from './expirationRows';
import type { CommandContext } from './context';
import { deliverChange, throwIfUndelivered } from './followUps';
import type { TimerCommandArgs } from './types';

const describe = (e: ReturnType<typeof conversationExpiration>): string =>
  e.type === 'off' ? 'off' : `${e.type === 'send' ? 'after send' : 'after read'}, ${e.seconds} s`;

export async function runTimer(ctx: CommandContext, cmd: TimerCommandArgs): Promise<void> {
  await requireAccount(ctx);
  const { result: c, delivery } = await deliverChange(ctx, () =>
    ctx.client.call('conversations.setExpiration', { id: cmd.conversationId, mode: cmd.mode, seconds: cmd.seconds }),
  );
  const record = { ...conversationRecord(c), expiration: conversationExpiration(c) };
  ctx.out.record(ctx.out.json ? record : { ...record, timer: describe(record.expiration) }, [
    { key: 'id', title: 'Conversation' },
    { key: 'name', title: 'Name' },
    { key: 'timer', title: 'Disappearing messages' },
  ]);
  throwIfUndelivered(delivery);
}
