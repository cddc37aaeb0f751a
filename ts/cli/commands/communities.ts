// join, leave and moderate (spec/cli.md "Communities and groups"): joining and leaving change the UserGroups
// config, so they exit once its push is stored (the delivery rule); moderation exits once the server did it.
import { requireAccount } from './account';
import type { CommandContext } from './context';
import { deliverChange, throwIfUndelivered } from './followUps';
import type { JoinCommandArgs, LeaveCommandArgs, ModerateCommandArgs } from './types';

export async function runJoin(ctx: CommandContext, cmd: JoinCommandArgs): Promise<void> {
  await requireAccount(ctx);
  ctx.out.progress('Joining...');
  const { result, delivery } = await deliverChange(ctx, () => ctx.client.call('communities.join', { url: cmd.url }));
  ctx.out.record({ id: result.id, name: result.name ?? result.community?.room ?? '', url: result.community?.url ?? cmd.url, kind: 'community' }, [
    { key: 'id', title: 'Community' },
    { key: 'name', title: 'Name' },
    { key: 'url', title: 'Share URL' },
  ]);
  throwIfUndelivered(delivery);
}

export async function runLeave(ctx: CommandContext, cmd: LeaveCommandArgs): Promise<void> {
  await requireAccount(ctx);
  // A group (03…) is left through the groups service: the group is told, UserGroups loses its entry.
  const leave = cmd.conversationId.startsWith('03') ? () => ctx.client.call('groups.leave', { id: cmd.conversationId }) : () => ctx.client.call('communities.leave', { id: cmd.conversationId });
  const { delivery } = await deliverChange(ctx, leave);
  ctx.out.record({ id: cmd.conversationId, left: true }, [{ key: 'id', title: 'Left' }]);
  throwIfUndelivered(delivery);
}

export async function runModerate(ctx: CommandContext, cmd: ModerateCommandArgs): Promise<void> {
  await requireAccount(ctx);
  const r = await ctx.client.call('communities.moderate', { id: cmd.conversationId, user: cmd.user, action: cmd.action });
  ctx.out.record({ id: r.id, user: r.user, action: r.action }, [
    { key: 'id', title: 'Community' },
    { key: 'user', title: 'User' },
    { key: 'action', title: 'Action' },
  ]);
}
