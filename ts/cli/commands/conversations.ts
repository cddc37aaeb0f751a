// conversations, requests, accept and decline: the conversation list, the message requests, and accepting
// or declining (deleting) one.
import type { ConversationSummary } from '../../ipc/contract';
import { formatTime, messageText } from '../output';
import type { Column } from '../output';
import { requireAccount } from './account';
import type { CommandContext } from './context';
import { awaitFollowUps, throwIfUndelivered } from './followUps';
import type { AcceptCommandArgs, DeclineCommandArgs } from './types';

const COLUMNS: Column[] = [
  { key: 'id', title: 'Session ID' },
  { key: 'name', title: 'Name' },
  { key: 'kind', title: 'Kind' },
  { key: 'unreadCount', title: 'Unread' },
  { key: 'updatedAt', title: 'Last activity', format: formatTime },
  { key: 'lastText', title: 'Last message', format: (v) => { const t = [...String(v ?? '')]; return t.length > 60 ? t.slice(0, 59).join('') + '…' : t.join(''); } },
];

function toRecord(c: ConversationSummary) {
  return {
    id: c.id,
    kind: c.kind,
    name: c.name,
    isApproved: c.isApproved,
    isRequest: c.isRequest,
    isBlocked: c.isBlocked,
    unreadCount: c.unreadCount,
    updatedAt: c.updatedAt,
    lastMessage: c.lastMessage
      ? { id: c.lastMessage.id, sender: c.lastMessage.sender, direction: c.lastMessage.direction, text: c.lastMessage.text, timestamp: c.lastMessage.timestamp }
      : undefined,
  };
}

function show(ctx: CommandContext, list: ConversationSummary[], empty: string): void {
  if (ctx.out.json) ctx.out.records(list.map(toRecord), COLUMNS);
  else ctx.out.records(list.map((c) => ({ ...toRecord(c), lastText: c.lastMessage ? messageText(c.lastMessage) : '' })), COLUMNS, empty);
}

export async function runConversations(ctx: CommandContext): Promise<void> {
  await requireAccount(ctx);
  show(ctx, await ctx.client.call('conversations.list', {}), 'No conversations yet.');
}

export async function runRequests(ctx: CommandContext): Promise<void> {
  await requireAccount(ctx);
  show(ctx, await ctx.client.call('conversations.list', { requests: true }), 'No message requests.');
}

export async function runAccept(ctx: CommandContext, cmd: AcceptCommandArgs): Promise<void> {
  await requireAccount(ctx);
  const mark = ctx.client.followUps.mark();
  const c = await ctx.client.call('conversations.accept', { id: cmd.conversationId });
  // Accepting someone who wrote first queues the request response: exit once it is stored.
  const delivery = await awaitFollowUps(ctx, mark, ctx.now() + ctx.waitMs);
  ctx.out.record(toRecord(c), [
    { key: 'id', title: 'Accepted' },
    { key: 'name', title: 'Name' },
  ]);
  throwIfUndelivered(delivery);
}

export async function runDecline(ctx: CommandContext, cmd: DeclineCommandArgs): Promise<void> {
  await requireAccount(ctx);
  const { id } = await ctx.client.call('conversations.decline', { id: cmd.conversationId });
  ctx.out.record({ id, declined: true }, [{ key: 'id', title: 'Declined' }]);
}
