// Content stored before reactions and quotes were shown is applied once at start, from the raw Content kept for
// that purpose: stored reactions go into the reactions table (the same rules as on receipt), and messages that
// listed 'quote' as unsupported get their quote reference. Small transactions with a pause between them, so a
// large profile is never blocked; cursors make it run once and resume after an interruption. Both steps are
// idempotent (newest action wins; a quote is set from the message's own Content).
import { decodeContent } from '../../protocol';
import type { Db } from '../db/database';
import type { MessageStore } from '../db/messageStore';
import type { ReactionStore } from '../db/reactionStore';
import { QUOTES_BACKFILL_CONSUMER, REACTIONS_BACKFILL_CONSUMER, type RichBackfillStore } from '../db/richBackfillStore';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import { applyIncomingReaction, parseReaction, quoteOf } from './reactions';

export interface RichBackfill {
  /** Runs to the end (or until stop); resolves with how many reactions and quotes it applied. */
  run(): Promise<{ reactions: number; quotes: number }>;
  stop(): void;
}

export function createRichBackfill(d: {
  db: Db;
  store: RichBackfillStore;
  reactions: ReactionStore;
  messages: Pick<MessageStore, 'get' | 'idsByIdentity'>;
  /** Our Session ID (undefined before an account exists: nothing to do then). */
  ownId: () => string | undefined;
  events: EventBus;
  log: Logger;
  /** Message seqs looked at per transaction (default 5000). */
  window?: number;
  pause?: () => Promise<void>;
}): RichBackfill {
  const window = d.window ?? 5_000;
  const pause = d.pause ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
  let stopped = false;

  const applyReactions = d.db.transaction((me: string): { applied: number; touched: string[] } => {
    const touched = new Set<string>();
    let applied = 0;
    for (const r of d.store.storedReactions()) {
      const decoded = decodeContent(r.content);
      const reaction = decoded.ok ? decoded.value.dataMessage?.reaction : undefined;
      const parsed = parseReaction(reaction);
      if (!reaction || !parsed) continue;
      const out = applyIncomingReaction(
        { me, reactions: d.reactions, messages: d.messages },
        { reactor: r.sender, conversationId: r.conversationId, target: { sender: reaction.author, sentAt: reaction.id }, ...parsed, sentAt: r.sentAt },
      );
      if (out.applied) applied++;
      if (out.messageId !== undefined) touched.add(out.messageId);
    }
    d.store.setCursor(REACTIONS_BACKFILL_CONSUMER, 1);
    return { applied, touched: [...touched] };
  });

  const quoteBatch = d.db.transaction((after: number, upTo: number): string[] => {
    const touched: string[] = [];
    for (const c of d.store.quoteCandidates(after, upTo)) {
      const decoded = c.content ? decodeContent(c.content) : undefined;
      const quote = decoded?.ok ? quoteOf(decoded.value.dataMessage?.quote) : undefined;
      let parts: unknown;
      try {
        parts = JSON.parse(c.unsupported);
      } catch {
        parts = [];
      }
      const left = Array.isArray(parts) ? parts.filter((p) => p !== 'quote') : [];
      d.store.setQuote(c.id, quote ?? null, left.length > 0 ? JSON.stringify(left) : null);
      touched.push(c.id);
    }
    d.store.setCursor(QUOTES_BACKFILL_CONSUMER, upTo);
    return touched;
  });

  const emit = (ids: readonly string[]): void => {
    if (ids.length === 0) return;
    const views = ids.flatMap((id) => d.messages.get(id) ?? []);
    if (views.length > 0) d.events.emit('messages.updated', { messages: views });
  };

  return {
    async run() {
      const result = { reactions: 0, quotes: 0 };
      const me = d.ownId();
      if (!me || !d.db.open) return result;
      if (d.store.cursor(REACTIONS_BACKFILL_CONSUMER) === 0) {
        const { applied, touched } = applyReactions(me);
        result.reactions = applied;
        emit(touched);
        if (applied > 0) d.log.info(`reactions: applied ${applied} reaction(s) stored before this version`);
      }
      // Messages stored from here on come from the new receiver, which never lists 'quote'.
      const end = d.store.maxSeq();
      let cursor = d.store.cursor(QUOTES_BACKFILL_CONSUMER);
      while (cursor < end && !stopped && d.db.open) {
        const upTo = Math.min(end, cursor + window);
        const touched = quoteBatch(cursor, upTo);
        result.quotes += touched.length;
        emit(touched);
        cursor = upTo;
        if (cursor < end) await pause();
      }
      if (result.quotes > 0) d.log.info(`quotes: read the quote of ${result.quotes} message(s) stored before this version`);
      return result;
    },
    stop() {
      stopped = true;
    },
  };
}
