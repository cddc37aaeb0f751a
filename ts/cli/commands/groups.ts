// group members, create, invite, remove, promote, rename and delete (spec/cli.md "Communities and groups").
// The admin commands change the group's swarm (its Keys, Info and Members configs, control messages) and
// our UserGroups config: each runs as one change under the delivery rule, so it exits only once the group's
// stores and every follow-up it queued (config pushes, invitations) are done. An invitation or promotion
// that could not be stored is printed with its status and makes the command exit 1 (it can be resent).
import type { GroupMemberView } from '../../ipc/contract';
import { CliError } from '../errors';
import type { Column } from '../output';
import { requireAccount } from './account';
import type { CommandContext } from './context';
import { deliverChange, throwIfUndelivered } from './followUps';
import type { CommandOf, GroupCommandArgs } from './types';

const MEMBER_COLUMNS: Column[] = [
  { key: 'sessionId', title: 'Session ID' },
  { key: 'name', title: 'Name' },
  { key: 'role', title: 'Role' },
  { key: 'status', title: 'Status' },
];

/** One member as `group members` prints it (and `group create`'s `members`, `group promote`). */
function memberRow(m: GroupMemberView) {
  return { sessionId: m.sessionId, name: m.name ?? '', role: m.role, status: m.status };
}

/** One member as `group invite` / `group remove` print them (spec: no name). */
function shortMemberRow(m: GroupMemberView) {
  return { sessionId: m.sessionId, role: m.role, status: m.status };
}

/** Members listed on the command line whose invitation or promotion could not be stored. */
function failedFor(members: readonly GroupMemberView[], asked: readonly string[]): GroupMemberView[] {
  return members.filter((m) => asked.includes(m.sessionId) && (m.status === 'invite-failed' || m.status === 'promotion-failed'));
}

function throwIfFailed(failed: readonly GroupMemberView[], id: string): void {
  if (failed.length === 0) return;
  const what = failed.every((m) => m.status === 'promotion-failed') ? 'promotion' : 'invitation';
  const ids = failed.map((m) => m.sessionId);
  // `group promote` takes one member: a failed promotion is always just the one asked for.
  const resend = what === 'promotion' ? `group promote ${id} ${ids[0]!}` : `group invite ${id} ${ids.join(' ')}`;
  throw new CliError(`The ${what} could not be stored for ${ids.join(', ')}. Resend it with: session-cli ${resend}`);
}

/** Refuses our own Session ID among the members of a command (exit 2): we are in the group already as its admin. */
function refuseSelf(me: string, members: readonly string[], sub: string): void {
  if (!members.includes(me)) return;
  const why: Record<string, string> = {
    create: 'you are the new group\'s admin already; list only the others to invite',
    invite: 'you are in the group already',
    remove: 'to leave a group use: session-cli leave ID',
    promote: 'you are an admin already',
  };
  throw new CliError(`Your own Session ID cannot be given to "group ${sub}": ${why[sub] ?? 'it is yours'}.`, 2);
}

/** Prints a group and its members: one JSON record, or its fields and a member table for people. */
function printGroupWithMembers(ctx: CommandContext, id: string, name: string, members: readonly GroupMemberView[], title: string): void {
  if (ctx.out.json) {
    ctx.out.record({ id, name, members: members.map(memberRow) }, []);
    return;
  }
  ctx.out.record({ id, name }, [
    { key: 'id', title },
    { key: 'name', title: 'Name' },
  ]);
  ctx.out.records(members.map(memberRow), MEMBER_COLUMNS);
}

async function runMembers(ctx: CommandContext, cmd: CommandOf<'group'> & { sub: 'members' }): Promise<void> {
  await requireAccount(ctx);
  const members = await ctx.client.call('groups.members', { id: cmd.conversationId });
  ctx.out.records(members.map(memberRow), MEMBER_COLUMNS, 'No members known yet.');
}

async function runCreate(ctx: CommandContext, cmd: CommandOf<'group'> & { sub: 'create' }): Promise<void> {
  const me = await requireAccount(ctx);
  refuseSelf(me.sessionId, cmd.members, 'create');
  ctx.out.progress(`Creating the group and inviting ${cmd.members.length} member${cmd.members.length === 1 ? '' : 's'}...`);
  const { result: group, delivery } = await deliverChange(ctx, () => ctx.client.call('groups.create', { name: cmd.groupName, members: cmd.members }));
  const members = await ctx.client.call('groups.members', { id: group.id });
  printGroupWithMembers(ctx, group.id, group.group?.name ?? group.name ?? cmd.groupName, members, 'Group');
  throwIfUndelivered(delivery);
  throwIfFailed(failedFor(members, cmd.members), group.id);
}

async function runInviteOrRemove(ctx: CommandContext, cmd: CommandOf<'group'> & { sub: 'invite' | 'remove' }): Promise<void> {
  const me = await requireAccount(ctx);
  refuseSelf(me.sessionId, cmd.members, cmd.sub);
  const change =
    cmd.sub === 'invite'
      ? () => ctx.client.call('groups.invite', { id: cmd.conversationId, members: cmd.members })
      : () => ctx.client.call('groups.remove', { id: cmd.conversationId, members: cmd.members });
  const { result: members, delivery } = await deliverChange(ctx, change);
  if (ctx.out.json) ctx.out.record({ id: cmd.conversationId, members: members.map(shortMemberRow) }, []);
  else ctx.out.records(members.map(memberRow), MEMBER_COLUMNS);
  throwIfUndelivered(delivery);
  if (cmd.sub === 'invite') throwIfFailed(failedFor(members, cmd.members), cmd.conversationId);
}

async function runPromote(ctx: CommandContext, cmd: CommandOf<'group'> & { sub: 'promote' }): Promise<void> {
  const me = await requireAccount(ctx);
  refuseSelf(me.sessionId, [cmd.sessionId], 'promote');
  const { result: members, delivery } = await deliverChange(ctx, () => ctx.client.call('groups.promote', { id: cmd.conversationId, members: [cmd.sessionId] }));
  ctx.out.records(members.map(memberRow), MEMBER_COLUMNS);
  throwIfUndelivered(delivery);
  throwIfFailed(failedFor(members, [cmd.sessionId]), cmd.conversationId);
}

async function runRename(ctx: CommandContext, cmd: CommandOf<'group'> & { sub: 'rename' }): Promise<void> {
  await requireAccount(ctx);
  const { result: group, delivery } = await deliverChange(ctx, () => ctx.client.call('groups.update', { id: cmd.conversationId, name: cmd.groupName }));
  ctx.out.record({ id: group.id, name: group.group?.name ?? group.name ?? cmd.groupName }, [
    { key: 'id', title: 'Renamed' },
    { key: 'name', title: 'Name' },
  ]);
  throwIfUndelivered(delivery);
}

async function runDeleteGroup(ctx: CommandContext, cmd: CommandOf<'group'> & { sub: 'delete' }): Promise<void> {
  await requireAccount(ctx);
  const { result, delivery } = await deliverChange(ctx, () => ctx.client.call('groups.destroy', { id: cmd.conversationId }));
  ctx.out.record({ id: result.id, deleted: true }, [{ key: 'id', title: 'Deleted for everyone' }]);
  throwIfUndelivered(delivery);
}

export async function runGroup(ctx: CommandContext, cmd: GroupCommandArgs): Promise<void> {
  switch (cmd.sub) {
    case 'members':
      return runMembers(ctx, cmd);
    case 'create':
      return runCreate(ctx, cmd);
    case 'invite':
    case 'remove':
      return runInviteOrRemove(ctx, cmd);
    case 'promote':
      return runPromote(ctx, cmd);
    case 'rename':
      return runRename(ctx, cmd);
    case 'delete':
      return runDeleteGroup(ctx, cmd);
  }
}
