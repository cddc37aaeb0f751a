// receive: print incoming messages no earlier `receive` printed (the backend's "cli" cursor), after
// polling the swarm (messages and config namespaces); with --wait, keep polling until one arrives or the
// time runs out. A config merge that must be pushed back (our other devices' changes combined with ours)
// is a follow-up: receive exits only once it is stored (cli.md v2 delivery rule).
import type { MessageView } from '../../ipc/contract';
import { formatTime, messageText } from '../output';
import type { Column } from '../output';
import { requireAccount } from './account';
import { attachmentRows } from './attachmentRows';
import { quoteRow, reactionRows, withQuoteAndReactions } from './richRows'; // --- reactions, quotes ---
import { messageExpiration } from './expirationRows';
import { controlField } from './controlRows'; // --- groups ---
import type { CommandContext } from './context';
import type { ReceiveCommandArgs } from './types';
// --- unsend (begin) ---
import { deletedField } from './unsend';
// --- unsend (end) ---
import { awaitFollowUps, throwIfUndelivered } from './followUps';
import { sleepOrWake, withDeadline } from './wait';
import { crashPoint } from '../../backend/crashPoint';

export const RECEIVE_CONSUMER = 'cli';

const COLUMNS: Column[] = [
  { key: 'timestamp', title: 'Sent', format: formatTime },
  { key: 'sender', title: 'From' },
  { key: 'text', title: 'Text' },
];

/**
 * JSON keeps the text exact; people also see the attachments and which parts this version cannot show.
 * `expiresAt` and `expiration` only for a disappearing message and `attachments` only when there are some, as in `messages`.
 */
function toRecord(m: MessageView, json: boolean) {
  return {
    id: m.id,
    conversationId: m.conversationId,
    sender: m.sender,
    text: json ? m.text : withQuoteAndReactions(m, messageText(m)), // --- reactions, quotes: shown for people ---
    timestamp: m.timestamp,
    // --- disappearing messages (begin) ---
    ...messageExpiration(m),
    // --- disappearing messages (end) ---
    attachments: json ? attachmentRows(m) : undefined,
    // --- unsend (begin) ---
    ...deletedField(m, json),
    // --- unsend (end) ---
    // --- reactions, quotes (begin) ---
    quote: quoteRow(m),
    reactions: reactionRows(m),
    // --- reactions, quotes (end) ---
    // --- groups: control messages (begin) ---
    ...controlField(m, json),
    // --- groups: control messages (end) ---
  };
}

export async function runReceive(ctx: CommandContext, cmd: ReceiveCommandArgs): Promise<void> {
  await requireAccount(ctx);
  const mark = ctx.client.followUps.mark();
  const deadline = cmd.waitSeconds === undefined ? undefined : ctx.now() + cmd.waitSeconds * 1000;
  let printed = 0;
  let announced = false;
  for (;;) {
    const poll = ctx.client.call('sync.pollNow', {}).then(
      () => undefined,
      (err: unknown) => err ?? new Error('Polling failed.'),
    );
    // A poll on a struggling network may take long; --wait's deadline still holds (the poll carries on
    // in the backend and counts as no news).
    const pollError: unknown =
      deadline === undefined ? await poll : await withDeadline(ctx, poll, Math.max(0, deadline - ctx.now()), undefined);
    // Whatever the background poller already stored is printed even when this poll failed.
    // Printed before the cursor moves past them: a receive killed in between prints them again next
    // time (at least once) rather than never.
    const listed = await ctx.client.call('messages.takeNew', { consumer: RECEIVE_CONSUMER, peek: true });
    const fresh = listed.filter((m) => m.direction === 'incoming');
    if (fresh.length > 0) crashPoint('receive.listed');
    if (fresh.length > 0) {
      ctx.out.records(fresh.map((m) => toRecord(m, ctx.out.json)), COLUMNS);
      printed += fresh.length;
    }
    const last = listed[listed.length - 1];
    if (last) {
      if (fresh.length > 0) crashPoint('receive.printed');
      await ctx.client.call('messages.takeNew', { consumer: RECEIVE_CONSUMER, through: last.id });
    }
    const left = deadline === undefined ? 0 : deadline - ctx.now();
    if (printed > 0 || left <= 0) {
      // Nothing was polled: no merge to push either, and waiting on a network that is down helps nobody.
      if (printed === 0 && pollError !== undefined) throw pollError;
      if (printed === 0) ctx.out.progress('No new messages.');
      throwIfUndelivered(await awaitFollowUps(ctx, mark, ctx.now() + ctx.waitMs));
      return;
    }
    if (pollError !== undefined) ctx.out.progress(`Polling failed, retrying: ${(pollError as Error).message}`);
    if (!announced) {
      ctx.out.progress(`Waiting up to ${Math.ceil(left / 1000)} s for messages...`);
      announced = true;
    }
    await sleepOrWake(ctx, Math.min(ctx.pollMs, left), (wake) => ctx.client.on('messages.added', () => wake()));
  }
}
