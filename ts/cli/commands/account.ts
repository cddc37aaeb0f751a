// Account commands: create (the only place the recovery password is printed), restore (display name from
// the network), whoami.
import type { CreateCommandArgs, RestoreCommandArgs } from './types';
import type { CommandContext } from './context';
import { CliError } from '../errors';
import { awaitFollowUps, deliverChange, throwIfUndelivered } from './followUps';
import type { Column } from '../output';

export const ACCOUNT_COLUMNS: Column[] = [
  { key: 'sessionId', title: 'Session ID' },
  { key: 'displayName', title: 'Display name' },
];

export async function runCreate(ctx: CommandContext, cmd: CreateCommandArgs): Promise<void> {
  const existing = await ctx.client.call('account.get', {});
  if (existing) {
    throw new CliError(`This profile already has an account (${existing.sessionId}). Use another --profile or --data-dir to create a new one.`);
  }
  ctx.out.progress('Creating account...');
  const result = await ctx.client.call('account.create', { displayName: cmd.displayName });
  // The one place the recovery password is printed, and only to stdout; at once, before waiting for the
  // profile push: the account exists from here on, and a run killed or interrupted during the wait must
  // not take the only copy of its recovery password with it.
  ctx.out.record({ sessionId: result.sessionId, mnemonic: result.mnemonic }, [
    { key: 'sessionId', title: 'Session ID' },
    { key: 'mnemonic', title: 'Recovery password' },
  ]);
  ctx.out.progress('Keep the recovery password secret: anyone who has it controls this account.');
  // The new account's profile (its display name) is pushed for its future devices: a follow-up to wait for.
  // Everything queued is this change's own (no mark: see deliverChange's newAccount).
  throwIfUndelivered(await awaitFollowUps(ctx, undefined, ctx.now() + ctx.waitMs));
}

export async function runRestore(ctx: CommandContext, cmd: RestoreCommandArgs): Promise<void> {
  const mnemonic = cmd.mnemonic ?? (await ctx.readStdin()).trim();
  if (mnemonic === '') throw new CliError('No recovery password given on stdin.', 2);
  const existing = await ctx.client.call('account.get', {});
  if (existing) {
    throw new CliError(`This profile already has an account (${existing.sessionId}). Use another --profile or --data-dir to restore into.`);
  }
  ctx.out.progress('Restoring account; looking for its profile on the network (up to 15 s)...');
  // The backend waits for the profile config and takes the name from it; --name is only its fallback,
  // pushed once the account's configs are merged: that push is a follow-up this command waits for.
  const { result, delivery } = await deliverChange(ctx, () =>
    ctx.client.call('account.restore', {
      mnemonic,
      ...(cmd.displayName !== undefined ? { displayName: cmd.displayName } : {}),
    }),
    { newAccount: true },
  );
  const displayName = result.displayName !== undefined && result.displayName !== '' ? result.displayName : null;
  ctx.out.record({ sessionId: result.sessionId, displayName }, ACCOUNT_COLUMNS);
  if (displayName === null) ctx.out.warn('no display name arrived from the network; set one with "session-cli name NAME".');
  else if (cmd.displayName !== undefined && displayName !== cmd.displayName) ctx.out.progress(`Using the display name from the network: ${displayName}`);
  ctx.out.progress('Account restored.');
  throwIfUndelivered(delivery);
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
  ctx.out.record({ sessionId, displayName }, ACCOUNT_COLUMNS);
}
