// group members (spec/cli.md "Communities and groups"): the member list of a group as its Members config says.
import { requireAccount } from './account';
import type { CommandContext } from './context';
import type { GroupCommandArgs } from './types';

export async function runGroup(ctx: CommandContext, cmd: GroupCommandArgs): Promise<void> {
  await requireAccount(ctx);
  const members = await ctx.client.call('groups.members', { id: cmd.conversationId });
  ctx.out.records(
    members.map((m) => ({ sessionId: m.sessionId, name: m.name ?? '', role: m.role, status: m.status })),
    [
      { key: 'sessionId', title: 'Session ID' },
      { key: 'name', title: 'Name' },
      { key: 'role', title: 'Role' },
      { key: 'status', title: 'Status' },
    ],
    'No members known yet.',
  );
}
