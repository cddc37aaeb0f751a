// search: full-text search over every message, newest first (spec/cli.md "Rich messages"). With --json one
// line per hit with the excerpt as plain text; for people a table whose excerpt marks the matched words.
import { formatTime } from '../output';
import type { Column } from '../output';
import { requireAccount } from './account';
import type { CommandContext } from './context';
import type { CommandOf } from './types';

const COLUMNS: Column[] = [
  { key: 'timestamp', title: 'Sent', format: formatTime },
  { key: 'conversationId', title: 'Conversation' },
  { key: 'sender', title: 'From' },
  { key: 'shown', title: 'Match' },
];

/** The excerpt with its matched words in [brackets], for a terminal (the JSON keeps the plain text). */
function marked(snippet: string, highlights: readonly [number, number][]): string {
  let out = '';
  let at = 0;
  for (const [a, b] of [...highlights].sort((x, y) => x[0] - y[0])) {
    if (a < at || b > snippet.length || b <= a) continue;
    out += `${snippet.slice(at, a)}[${snippet.slice(a, b)}]`;
    at = b;
  }
  return out + snippet.slice(at);
}

export async function runSearch(ctx: CommandContext, cmd: CommandOf<'search'>): Promise<void> {
  await requireAccount(ctx);
  const { messages } = await ctx.client.call('messages.search', { query: cmd.query, ...(cmd.limit !== undefined ? { limit: cmd.limit } : {}) });
  ctx.out.records(
    messages.map((h) => ({
      id: h.message.id,
      conversationId: h.message.conversationId,
      sender: h.message.sender,
      timestamp: h.message.timestamp,
      text: h.message.text,
      snippet: h.snippet,
      shown: ctx.out.json ? undefined : marked(h.snippet, h.highlights),
    })),
    COLUMNS,
    'No messages found.',
  );
}
