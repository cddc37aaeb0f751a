// name, set and get: our display name (UserProfile config) and the settings scripts may change. Settings
// are on/off switches shown as "on"/"off"; a change that is synced (community message requests, UserProfile
// `M`) waits for its config push like every other change.
import { CLI_SETTINGS } from '../args';
import type { Column } from '../output';
import { ACCOUNT_COLUMNS, requireAccount } from './account';
import type { CommandContext } from './context';
import { deliverChange, throwIfUndelivered } from './followUps';
import type { GetCommandArgs, NameCommandArgs, SetCommandArgs } from './types';

const SETTING_COLUMNS: Column[] = [
  { key: 'key', title: 'Setting' },
  { key: 'value', title: 'Value' },
];

export async function runName(ctx: CommandContext, cmd: NameCommandArgs): Promise<void> {
  await requireAccount(ctx);
  const { result, delivery } = await deliverChange(ctx, () => ctx.client.call('account.setDisplayName', { displayName: cmd.displayName }));
  ctx.out.record({ sessionId: result.sessionId, displayName: result.displayName }, ACCOUNT_COLUMNS);
  throwIfUndelivered(delivery);
}

export async function runSet(ctx: CommandContext, cmd: SetCommandArgs): Promise<void> {
  await requireAccount(ctx);
  const key = CLI_SETTINGS[cmd.key];
  const { result, delivery } = await deliverChange(ctx, () => ctx.client.call('settings.set', { key, value: cmd.value }));
  ctx.out.record({ key: cmd.key, value: result[key] ? 'on' : 'off' }, SETTING_COLUMNS);
  throwIfUndelivered(delivery);
}

export async function runGet(ctx: CommandContext, cmd: GetCommandArgs): Promise<void> {
  await requireAccount(ctx);
  const settings = await ctx.client.call('settings.getAll', {});
  ctx.out.record({ key: cmd.key, value: settings[CLI_SETTINGS[cmd.key]] ? 'on' : 'off' }, SETTING_COLUMNS);
}
