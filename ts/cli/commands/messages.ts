// messages: one conversation's messages, oldest first (paged through the backend's limit); delete: one
// message deleted on this device only.
import type { MessageView } from '../../ipc/contract';
import { formatTime, messageText } from '../output';
import type { Column } from '../output';
import { requireAccount } from './account';
import { attachmentRows } from './attachmentRows';
import { quoteRow, reactionRows, withQuoteAndReactions } from './richRows'; // --- reactions, quotes ---
import { messageExpiration } from './expirationRows';
import { controlField } from './controlRows'; // --- groups ---
import type { CommandContext } from './context';
import { CliError } from '../errors';
import type { DeleteCommandArgs, MessagesCommandArgs } from './types';
// --- unsend (begin) ---
import { deletedField } from './unsend';
// --- unsend (end) ---

const PAGE = 1000;

const COLUMNS: Column[] = [
  { key: 'timestamp', title: 'Sent', format: formatTime },
  { key: 'direction', title: 'Dir', format: (v) => (v === 'incoming' ? 'in' : 'out') },
  { key: 'status', title: 'Status' },
  { key: 'sender', title: 'From' },
  { key: 'text', title: 'Text' },
];

/** Every message of a conversation, oldest first. */
export async function listAllMessages(ctx: CommandContext, conversationId: string): Promise<MessageView[]> {
  const pages: MessageView[][] = [];
  const seen = new Set<string>();
  let before: number | undefined;
  for (;;) {
    const page = await ctx.client.call('messages.list', { conversationId, limit: PAGE, ...(before !== undefined ? { beforeTimestamp: before } : {}) });
    const fresh = page.filter((m) => !seen.has(m.id));
    for (const m of fresh) seen.add(m.id);
    pages.unshift(fresh);
    if (page.length < PAGE || fresh.length === 0) break;
    // The backend's bound is strict: ask again up to and including the oldest timestamp seen, so
    // messages sharing it across the page boundary are not skipped (the id set drops repeats).
    before = Math.min(...page.map((m) => m.timestamp)) + 1;
  }
  return pages.flat().sort((a, b) => a.timestamp - b.timestamp);
}

export async function runMessages(ctx: CommandContext, cmd: MessagesCommandArgs): Promise<void> {
  await requireAccount(ctx);
  const messages = await listAllMessages(ctx, cmd.conversationId);
  // --- communities: a room's rows go by the server's message id (ours not posted yet last) ---
  if (messages.some((m) => m.serverId !== undefined)) {
    messages.sort((a, b) => (a.serverId ?? Number.MAX_SAFE_INTEGER) - (b.serverId ?? Number.MAX_SAFE_INTEGER) || a.timestamp - b.timestamp);
  }
  ctx.out.records(
    messages.map((m) => ({
      id: m.id,
      conversationId: m.conversationId,
      sender: m.sender,
      // --- communities (begin) ---
      ...(m.senderSessionId !== undefined ? { senderSessionId: m.senderSessionId } : {}),
      ...(m.senderName !== undefined ? { senderName: m.senderName } : {}),
      ...(m.postedAt !== undefined ? { postedAt: m.postedAt } : {}),
      ...(m.serverId !== undefined ? { serverId: m.serverId } : {}),
      ...(m.mentionsMe === true ? { mentionsMe: true } : {}),
      ...(m.pinned === true ? { pinned: true } : {}),
      // --- communities (end) ---
      direction: m.direction,
      // JSON keeps the text exact; people also see the attachments and which parts this version cannot show.
      text: ctx.out.json ? m.text : withQuoteAndReactions(m, messageText(m)), // --- reactions, quotes: shown for people ---
      timestamp: m.timestamp,
      receivedAt: m.receivedAt,
      status: m.status,
      error: m.error,
      // --- disappearing messages (begin) ---
      ...messageExpiration(m),
      // --- disappearing messages (end) ---
      attachments: ctx.out.json ? attachmentRows(m) : undefined,
      // --- unsend (begin) ---
      ...deletedField(m, ctx.out.json),
      // --- unsend (end) ---
      // --- reactions, quotes (begin) ---
      quote: quoteRow(m),
      reactions: reactionRows(m),
      // --- reactions, quotes (end) ---
      // --- groups: control messages (begin) ---
      ...controlField(m, ctx.out.json),
      // --- groups: control messages (end) ---
    })),
    COLUMNS,
    'No messages in this conversation.',
  );
}

export async function runDelete(ctx: CommandContext, cmd: DeleteCommandArgs): Promise<void> {
  await requireAccount(ctx);
  const { deleted } = await ctx.client.call('messages.deleteForMe', { ids: [cmd.messageId] });
  if (!deleted.includes(cmd.messageId)) throw new CliError(`No message with id ${cmd.messageId} in this profile.`);
  ctx.out.record({ id: cmd.messageId, deleted: true }, [{ key: 'id', title: 'Deleted' }]);
}
