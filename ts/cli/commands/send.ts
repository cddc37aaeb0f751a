// send: queue a message and wait until the backend reports it stored on the recipient's swarm
// (`messages.updated` with status sent) or failed, then until its follow-ups (the sync copy for our other
// devices, a request response) are stored too. The message stays queued if we stop waiting. Attached files
// are checked first (all of them, before any is staged), staged with the backend in order, and uploaded by
// the backend's outbox before the message itself is stored: `sent` covers the uploads too.
import type { MessageView } from '../../ipc/contract';
import { CliError } from '../errors';
import { formatTime } from '../output';
import { requireAccount } from './account';
import type { CommandContext } from './context';
import { awaitFollowUps, throwIfUndelivered } from './followUps';
import { checkLocalFile, stageFile, unstage } from './staging';
import type { SendCommandArgs } from './types';

function isFinal(m: MessageView): boolean {
  return m.status === 'sent' || m.status === 'failed' || m.status === 'read';
}

export async function runSend(ctx: CommandContext, cmd: SendCommandArgs): Promise<void> {
  await requireAccount(ctx);
  // Subscribe before sending: the update may come before messages.send's answer is processed.
  const updates = new Map<string, MessageView>();
  let wake: (() => void) | undefined;
  const off = ctx.client.on('messages.updated', ({ messages }) => {
    for (const m of messages) updates.set(m.id, m);
    wake?.();
  });
  try {
    const files = [];
    for (const given of cmd.attachments ?? []) files.push(await checkLocalFile(given));
    const staged: string[] = [];
    try {
      for (const file of files) {
        ctx.out.progress(`Preparing ${file.fileName}...`);
        staged.push((await stageFile(ctx, file, { voice: cmd.voice === true })).stageId);
      }
    } catch (err) {
      await unstage(ctx, staged);
      throw err;
    }
    ctx.out.progress(files.length > 0 ? `Sending (uploading ${files.length === 1 ? 'the file' : `${files.length} files`} first)...` : 'Sending...');
    const mark = ctx.client.followUps.mark();
    let queued: MessageView;
    try {
      queued = await ctx.client.call('messages.send', {
        to: cmd.to,
        text: cmd.text,
        ...(staged.length > 0 ? { attachments: staged.map((stageId) => ({ stageId })) } : {}),
        ...(cmd.quote !== undefined ? { quote: { messageId: cmd.quote } } : {}), // --- quotes ---
      });
    } catch (err) {
      await unstage(ctx, staged);
      throw err;
    }
    const deadline = ctx.now() + ctx.waitMs;
    let current = updates.get(queued.id) ?? queued;
    while (!isFinal(current)) {
      const left = deadline - ctx.now();
      if (left <= 0) {
        throw new CliError(
          `The message was not confirmed within ${Math.round(ctx.waitMs / 1000)} s. It stays queued and is sent the next time this profile is opened (id ${queued.id}).`,
        );
      }
      const stop = new AbortController();
      wake = () => stop.abort();
      await ctx.sleep(left, stop.signal);
      wake = undefined;
      current = updates.get(queued.id) ?? current;
    }
    if (current.status === 'failed') {
      throw new CliError(`Sending failed: ${current.error ?? 'the network did not accept the message'} (id ${current.id}; it can be retried from the app).`);
    }
    const delivery = await awaitFollowUps(ctx, mark, deadline);
    ctx.out.record({ id: current.id, timestamp: current.timestamp, status: current.status }, [
      { key: 'id', title: 'Message ID' },
      { key: 'timestamp', title: 'Sent', format: formatTime },
      { key: 'status', title: 'Status' },
    ]);
    throwIfUndelivered(delivery);
  } finally {
    off();
  }
}
