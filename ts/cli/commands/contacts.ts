// contacts, nickname, block and unblock: the contact list as the Contacts config and received messages
// know it, and the changes stored in that config (each waits for its config push).
import type { ContactView } from '../../ipc/contract';
import { CliError } from '../errors';
import type { Column } from '../output';
import { requireAccount } from './account';
import { avatarPath } from './avatars';
import type { CommandContext } from './context';
import { deliverChange, throwIfUndelivered } from './followUps';
import type { BlockCommandArgs, NicknameCommandArgs } from './types';

const yesNo = (v: unknown): string => (v === true ? 'yes' : 'no');

const COLUMNS: Column[] = [
  { key: 'sessionId', title: 'Session ID' },
  { key: 'name', title: 'Name' },
  { key: 'nickname', title: 'Nickname' },
  { key: 'approved', title: 'Approved', format: yesNo },
  { key: 'approvedMe', title: 'Approved me', format: yesNo },
  { key: 'blocked', title: 'Blocked', format: (v) => (v === true ? 'blocked' : '') },
  { key: 'avatarPath', title: 'Picture' },
];

/**
 * One contact as spec/cli.md prints it. `name` is their own profile name, `nickname` ours for them
 * (both null when unknown). `avatarPath`: a local file with their decrypted picture (written now), or null.
 */
export async function contactRecord(ctx: CommandContext, c: ContactView) {
  return {
    sessionId: c.id,
    name: c.profileName ?? null,
    nickname: c.nickname ?? null,
    approved: c.approved,
    approvedMe: c.approvedMe,
    blocked: c.blocked,
    avatarPath: await avatarPath(ctx, c),
  };
}

export async function runContacts(ctx: CommandContext): Promise<void> {
  await requireAccount(ctx);
  const contacts = await ctx.client.call('contacts.list', {});
  const records = [];
  for (const c of contacts) records.push(await contactRecord(ctx, c));
  ctx.out.records(records, COLUMNS, 'No contacts yet.');
}

/** The contact after a change, as `contacts` lists it (the change's own result is the conversation, which lacks approvedMe). */
async function printContact(ctx: CommandContext, sessionId: string, title: string): Promise<void> {
  const contact = (await ctx.client.call('contacts.list', {})).find((c) => c.id === sessionId);
  if (!contact) throw new CliError(`The change to ${sessionId} was made, but the contact is not in the contact list.`);
  ctx.out.record(await contactRecord(ctx, contact), [{ key: 'sessionId', title }, ...COLUMNS.slice(1).map((c) => (c.key === 'blocked' ? { ...c, format: yesNo } : c))]);
}

export async function runNickname(ctx: CommandContext, cmd: NicknameCommandArgs): Promise<void> {
  await requireAccount(ctx);
  const { delivery } = await deliverChange(ctx, () => ctx.client.call('conversations.setNickname', { id: cmd.sessionId, nickname: cmd.nickname }));
  await printContact(ctx, cmd.sessionId, cmd.nickname === null ? 'Nickname cleared' : 'Contact');
  throwIfUndelivered(delivery);
}

export async function runBlock(ctx: CommandContext, cmd: BlockCommandArgs): Promise<void> {
  const me = await requireAccount(ctx);
  if (cmd.sessionId === me.sessionId) throw new CliError(`You cannot ${cmd.name} yourself.`, 2);
  const blocked = cmd.name === 'block';
  const { delivery } = await deliverChange(ctx, () => ctx.client.call('conversations.setBlocked', { id: cmd.sessionId, blocked }));
  await printContact(ctx, cmd.sessionId, blocked ? 'Blocked' : 'Unblocked');
  throwIfUndelivered(delivery);
}
