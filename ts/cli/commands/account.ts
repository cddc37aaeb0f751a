// Account commands: create (the only place the recovery password is printed), restore, whoami.
import type { CreateCommandArgs, RestoreCommandArgs } from './types';
import type { CommandContext } from './context';
import { CliError } from '../errors';

const ID_COLUMNS = [
  { key: 'sessionId', title: 'Session ID' },
  { key: 'displayName', title: 'Display name' },
];

export async function runCreate(ctx: CommandContext, cmd: CreateCommandArgs): Promise<void> {
  const existing = await ctx.client.call('account.get', {});
  if (existing) {
    throw new CliError(`This profile already has an account (${existing.sessionId}). Use another --profile or --data-dir to create a new one.`);
  }
  ctx.out.progress('Creating account...');
  const { sessionId, mnemonic } = await ctx.client.call('account.create', { displayName: cmd.displayName });
  // The one place the recovery password is printed, and only to stdout.
  ctx.out.record({ sessionId, mnemonic }, [
    { key: 'sessionId', title: 'Session ID' },
    { key: 'mnemonic', title: 'Recovery password' },
  ]);
  ctx.out.progress('Keep the recovery password secret: anyone who has it controls this account.');
}

export async function runRestore(ctx: CommandContext, cmd: RestoreCommandArgs): Promise<void> {
  const mnemonic = cmd.mnemonic ?? (await ctx.readStdin()).trim();
  if (mnemonic === '') throw new CliError('No recovery password given on stdin.', 2);
  const existing = await ctx.client.call('account.get', {});
  if (existing) {
    throw new CliError(`This profile already has an account (${existing.sessionId}). Use another --profile or --data-dir to restore into.`);
  }
  ctx.out.progress('Restoring account...');
  const { sessionId } = await ctx.client.call('account.restore', {
    mnemonic,
    ...(cmd.displayName !== undefined ? { displayName: cmd.displayName } : {}),
  });
  ctx.out.record({ sessionId }, ID_COLUMNS);
  ctx.out.progress('Account restored.');
}

export async function requireAccount(ctx: CommandContext): Promise<{ sessionId: string; displayName: string }> {
  const account = await ctx.client.call('account.get', {});
  if (!account) {
    throw new CliError('This profile has no account yet: run "session-cli create --name NAME" or "session-cli restore \'<13 words>\'" first.');
  }
  return account;
}

export async function runWhoami(ctx: CommandContext): Promise<void> {
  const { sessionId, displayName } = await requireAccount(ctx);
  ctx.out.record({ sessionId, displayName }, ID_COLUMNS);
}
