// SQL for the one-time pass over content stored before reactions and quotes were shown: the raw reactions kept in
// received_content, and messages that list 'quote' as a part this version could not show. Progress lives in
// consumer_cursors, so the pass runs once and a later start goes on where an interrupted one stopped.
import type { Db } from './database';

/** consumer_cursors rows: 1 once stored reactions were applied; the last message seq looked at for quotes. */
export const REACTIONS_BACKFILL_CONSUMER = 'reactions-backfill';
export const QUOTES_BACKFILL_CONSUMER = 'quotes-backfill';

export interface StoredReaction {
  sender: string;
  sentAt: number;
  conversationId: string;
  content: Uint8Array;
}

export interface QuoteCandidate {
  seq: number;
  id: string;
  content: Uint8Array | null;
  unsupported: string;
}

export interface RichBackfillStore {
  cursor(consumer: string): number;
  setCursor(consumer: string, value: number): void;
  /** Every raw reaction kept (they are few: one row per reaction received). */
  storedReactions(): StoredReaction[];
  /** Messages with seq in (after, upTo] listing 'quote' as unsupported. */
  quoteCandidates(after: number, upTo: number): QuoteCandidate[];
  /** Stores a message's quote reference (null: none readable) and its remaining unsupported parts. */
  setQuote(id: string, quote: { author: string; sentAt: number } | null, unsupported: string | null): void;
  maxSeq(): number;
}

export function createRichBackfillStore(db: Db): RichBackfillStore {
  const selectCursor = db.prepare<[string], { last_seq: number }>('SELECT last_seq FROM consumer_cursors WHERE consumer = ?');
  const upsertCursor = db.prepare<[string, number]>(
    'INSERT INTO consumer_cursors (consumer, last_seq) VALUES (?, ?) ON CONFLICT(consumer) DO UPDATE SET last_seq = excluded.last_seq',
  );
  const selectReactions = db.prepare<[], { sender: string; sent_at: number; conversation_id: string; content: Buffer }>(
    `SELECT sender, sent_at, conversation_id, content FROM received_content WHERE kind = 'reaction' ORDER BY sent_at`,
  );
  const selectQuoted = db.prepare<[number, number], { seq: number; id: string; content: Buffer | null; unsupported: string }>(
    `SELECT seq, id, content, unsupported FROM messages WHERE seq > ? AND seq <= ? AND unsupported LIKE '%"quote"%' ORDER BY seq`,
  );
  const updateQuote = db.prepare<[string | null, number | null, string | null, string]>(
    'UPDATE messages SET quote_author = ?, quote_sent_at = ?, unsupported = ? WHERE id = ?',
  );
  const selectMaxSeq = db.prepare<[], { m: number | null }>('SELECT max(seq) AS m FROM messages');
  return {
    cursor: (consumer) => selectCursor.get(consumer)?.last_seq ?? 0,
    setCursor(consumer, value) {
      upsertCursor.run(consumer, value);
    },
    storedReactions: () =>
      selectReactions.all().map((r) => ({ sender: r.sender, sentAt: r.sent_at, conversationId: r.conversation_id, content: new Uint8Array(r.content) })),
    quoteCandidates: (after, upTo) =>
      selectQuoted.all(after, upTo).map((r) => ({ seq: r.seq, id: r.id, content: r.content ? new Uint8Array(r.content) : null, unsupported: r.unsupported })),
    setQuote(id, quote, unsupported) {
      updateQuote.run(quote?.author ?? null, quote?.sentAt ?? null, unsupported, id);
    },
    maxSeq: () => selectMaxSeq.get()?.m ?? 0,
  };
}
