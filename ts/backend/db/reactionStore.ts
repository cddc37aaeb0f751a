// SQL for the reactions table (migration 10): one row per (target message, emoji, reactor) holding the newest
// action by the reaction's sent time, so reactions that arrive out of order (or before their target) settle on
// what the reactor did last. A row naming a message we do not have yet waits for it; views join by identity.
import type { Db } from './database';

export type ReactionAction = 'react' | 'remove';

export interface ReactionRow {
  /** The target message's protocol identity: its author and sent timestamp. */
  targetSender: string;
  targetSentAt: number;
  emoji: string;
  reactor: string;
  action: ReactionAction;
  /** The reaction's own sent timestamp (its envelope's); the newest per key wins. */
  sentAt: number;
  conversationId: string;
}

export interface ReactionStore {
  /** Records the action unless a newer (or same-time) action of this reactor for this emoji is stored; returns whether it was recorded. */
  apply(r: ReactionRow): boolean;
  /** The stored action of one reactor for one emoji on one message. */
  get(targetSender: string, targetSentAt: number, emoji: string, reactor: string): { action: ReactionAction; sentAt: number } | undefined;
  /** The newest sent time among this reactor's reactions (0 when none): a new reaction's timestamp goes above it. */
  maxSentAt(reactor: string): number;
  /** Sent times of this reactor's stored actions after `since` (oldest first): the rate limit's memory across runs. */
  sentSince(reactor: string, since: number): number[];
}

export function createReactionStore(db: Db): ReactionStore {
  const upsert = db.prepare<ReactionRow>(
    `INSERT INTO reactions (target_sender, target_sent_at, emoji, reactor, action, sent_at, conversation_id)
     VALUES (@targetSender, @targetSentAt, @emoji, @reactor, @action, @sentAt, @conversationId)
     ON CONFLICT (target_sender, target_sent_at, emoji, reactor) DO UPDATE
        SET action = excluded.action, sent_at = excluded.sent_at, conversation_id = excluded.conversation_id
      WHERE excluded.sent_at > reactions.sent_at`,
  );
  const selectOne = db.prepare<[string, number, string, string], { action: ReactionAction; sent_at: number }>(
    'SELECT action, sent_at FROM reactions WHERE target_sender = ? AND target_sent_at = ? AND emoji = ? AND reactor = ?',
  );
  const selectMax = db.prepare<[string], { m: number | null }>('SELECT max(sent_at) AS m FROM reactions WHERE reactor = ?');
  const selectSince = db.prepare<[string, number], { sent_at: number }>('SELECT sent_at FROM reactions WHERE reactor = ? AND sent_at > ? ORDER BY sent_at');
  return {
    apply: (r) => upsert.run(r).changes > 0,
    get(targetSender, targetSentAt, emoji, reactor) {
      const r = selectOne.get(targetSender, targetSentAt, emoji, reactor);
      return r ? { action: r.action, sentAt: r.sent_at } : undefined;
    },
    maxSentAt: (reactor) => selectMax.get(reactor)?.m ?? 0,
    sentSince: (reactor, since) => selectSince.all(reactor, since).map((r) => r.sent_at),
  };
}
