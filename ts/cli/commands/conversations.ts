// conversations, requests, accept and decline: the conversation list, the message requests, and accepting
// or declining (deleting) one; pin, unpin, read and mark-unread change a conversation's synced state
// (ConvoInfoVolatile / the pin priority in the configs). Every change waits for its follow-ups.
import type { ConversationSummary } from '../../ipc/contract';
import { formatTime, messageText } from '../output';
import type { Column } from '../output';
import { requireAccount } from './account';
import type { CommandContext } from './context';
import { deliverChange, throwIfUndelivered } from './followUps';
import { conversationExpiration } from './expirationRows';
import type { AcceptCommandArgs, ConversationStateCommandArgs, DeclineCommandArgs } from './types';

// --- groups (begin) ---
/** A group's kind for people, with what matters about it: `group (admin)`, `group (removed)`, `group (deleted)`. */
function kindForPeople(kind: unknown, r: Record<string, unknown>): string {
  const g = r.group as { admin?: boolean; kicked?: boolean; destroyed?: boolean } | undefined;
  if (kind !== 'group' || g === undefined) return String(kind ?? '');
  const note = g.destroyed === true ? 'deleted' : g.kicked === true ? 'removed' : g.admin === true ? 'admin' : undefined;
  return note === undefined ? 'group' : `group (${note})`;
}
// --- groups (end) ---

const COLUMNS: Column[] = [
  { key: 'id', title: 'Session ID' },
  { key: 'name', title: 'Name' },
  { key: 'kind', title: 'Kind', format: kindForPeople }, // --- groups: admin / removed / deleted ---
  { key: 'pinned', title: 'Pinned', format: (v) => (v === true ? 'yes' : '') },
  { key: 'unreadCount', title: 'Unread', format: (v, r) => `${String(v ?? 0)}${r.markedUnread === true ? ' (marked)' : ''}` },
  { key: 'updatedAt', title: 'Last activity', format: formatTime },
  { key: 'lastText', title: 'Last message', format: (v) => { const t = [...String(v ?? '')]; return t.length > 60 ? t.slice(0, 59).join('') + '…' : t.join(''); } },
];

/** One conversation as every command prints it (spec/cli.md: v1 fields, then v2's pinned and lastReadTimestamp). */
export function conversationRecord(c: ConversationSummary) {
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
    pinned: (c.pinnedPriority ?? 0) > 0,
    // null (not left out) when never read: the contract names the field "ms or null".
    lastReadTimestamp: c.lastReadTimestamp ?? null,
    markedUnread: c.markedUnread === true,
    // --- disappearing messages (begin) ---
    // Only when on ("absent means none"); `timer` always prints it, "off" included.
    ...(c.expiration ? { expiration: conversationExpiration(c) } : {}),
    // --- disappearing messages (end) ---
    // --- groups (begin) ---
    // Groups only (additive, spec/cli.md v2): whether we are an admin, were removed, or the group was deleted.
    ...(c.group
      ? {
          group: {
            admin: c.group.admin,
            kicked: c.group.kicked,
            destroyed: c.group.destroyed,
            invitationPending: c.group.invitationPending,
            memberCount: c.group.memberCount,
          },
        }
      : {}),
    // --- groups (end) ---
  };
}

function forPeople(c: ConversationSummary) {
  return { ...conversationRecord(c), lastText: c.lastMessage ? messageText(c.lastMessage) : '' };
}

function show(ctx: CommandContext, list: ConversationSummary[], empty: string): void {
  if (ctx.out.json) ctx.out.records(list.map(conversationRecord), COLUMNS);
  else ctx.out.records(list.map(forPeople), COLUMNS, empty);
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
  // Accepting someone who wrote first queues the request response: exit once it is stored.
  const { result: c, delivery } = await deliverChange(ctx, () => ctx.client.call('conversations.accept', { id: cmd.conversationId }));
  ctx.out.record(conversationRecord(c), [
    { key: 'id', title: 'Accepted' },
    { key: 'name', title: 'Name' },
  ]);
  throwIfUndelivered(delivery);
}

export async function runDecline(ctx: CommandContext, cmd: DeclineCommandArgs): Promise<void> {
  await requireAccount(ctx);
  // Declining may change the synced contact list (the request's contact entry goes): wait for that push.
  const { result, delivery } = await deliverChange(ctx, () => ctx.client.call('conversations.decline', { id: cmd.conversationId }));
  ctx.out.record({ id: result.id, declined: true }, [{ key: 'id', title: 'Declined' }]);
  throwIfUndelivered(delivery);
}

const STATE_CHANGES: Record<ConversationStateCommandArgs['name'], { title: string; change: (ctx: CommandContext, id: string) => Promise<ConversationSummary> }> = {
  pin: { title: 'Pinned', change: (ctx, id) => ctx.client.call('conversations.setPinned', { id, pinned: true }) },
  unpin: { title: 'Unpinned', change: (ctx, id) => ctx.client.call('conversations.setPinned', { id, pinned: false }) },
  read: { title: 'Read', change: (ctx, id) => ctx.client.call('conversations.markRead', { id }) },
  'mark-unread': { title: 'Marked unread', change: (ctx, id) => ctx.client.call('conversations.markUnread', { id }) },
};

/** pin, unpin, read, mark-unread: change the conversation, wait for the config push (and read receipts), print it. */
export async function runConversationState(ctx: CommandContext, cmd: ConversationStateCommandArgs): Promise<void> {
  await requireAccount(ctx);
  const { title, change } = STATE_CHANGES[cmd.name];
  const { result: c, delivery } = await deliverChange(ctx, () => change(ctx, cmd.conversationId));
  ctx.out.record(ctx.out.json ? conversationRecord(c) : forPeople(c), [
    { key: 'id', title },
    { key: 'name', title: 'Name' },
    { key: 'pinned', title: 'Pinned', format: (v) => (v === true ? 'yes' : 'no') },
    { key: 'unreadCount', title: 'Unread', format: (v, r) => `${String(v ?? 0)}${r.markedUnread === true ? ' (marked unread)' : ''}` },
    { key: 'lastReadTimestamp', title: 'Read up to', format: (v) => (typeof v === 'number' ? formatTime(v) : 'nothing read yet') },
  ]);
  throwIfUndelivered(delivery);
}
