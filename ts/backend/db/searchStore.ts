// SQL for full-text search (spec/ui.md §3.3): message hits through the messages_fts index (FTS5, external
// content on messages, rowid = seq), and the small name lists that conversation and contact matches are
// filtered from. The caller builds the FTS5 query (services/search.ts); nothing here parses user text.
import type { MessageView } from '../../ipc/contract';
import { createAttachmentStore, type TransferProgress } from './attachmentStore';
import type { Db } from './database';
import { attachMessageExtras } from './messageExtras';
import { MESSAGE_COLUMNS, toView } from './messageStore';

export interface SearchMessageQuery {
  /** An FTS5 MATCH expression (already made safe by the caller). */
  match: string;
  limit: number;
  /** Only this conversation's messages. */
  conversationId?: string;
  /** Messages whose timer ran out at or before this time (ms) are left out even before the sweeper deletes them. */
  now: number;
}

/** A conversation's names as search compares them. */
export interface SearchableConversation {
  id: string;
  kind: string;
  nickname: string | null;
  profileName: string | null;
}

/** An approved, unblocked contact that has no (visible) conversation. */
export interface SearchableContact {
  id: string;
  nickname: string | null;
  profileName: string | null;
  approvedMe: boolean;
  /** The local picture's URL (for its version), when one is held here. */
  avatarFileUrl: string | null;
}

export interface SearchStore {
  /** Matching messages, newest first (sent time, then arrival), as decorated views. */
  messages(q: SearchMessageQuery): MessageView[];
  /** Every conversation that is not hidden, with its names. */
  conversations(): SearchableConversation[];
  /** Approved, unblocked contacts without a conversation that is not hidden. */
  contactsWithoutConversation(): SearchableContact[];
  /** Our own Session ID, when the account exists. */
  ownId(): string | undefined;
}

/**
 * The message statements (exported so a test can check their query plans). Hits are ranked by sent time,
 * newest first, but FTS5 hands out matches cheaply only in rowid (= seq, arrival) order: reading every
 * match's row to sort on sent_at costs one table lookup per match (seconds for a common word in a large
 * database). Arrival order nearly follows sent order, so the search takes the newest matches by arrival,
 * then looks only for the few that arrived earlier yet were sent later (see SearchStore.messages).
 * Deleted placeholders, control messages and messages whose timer ran out are not hits; neither is
 * anything in a hidden conversation (it cannot be opened).
 */
const HIT_FILTER = `s.deleted = 0 AND s.control IS NULL AND (s.expires_at IS NULL OR s.expires_at > @now)
  AND (@c IS NULL OR s.conversation_id = @c)
  AND s.conversation_id NOT IN (SELECT id FROM conversations WHERE hidden = 1)`;
export const SEARCH_SQL = {
  /** The `limit` newest matches by arrival: FTS5 walks its index backwards and stops there. */
  newestArrivals: `SELECT s.seq, s.sent_at FROM messages_fts JOIN messages s ON s.seq = messages_fts.rowid
     WHERE messages_fts MATCH @match AND ${HIT_FILTER}
     ORDER BY messages_fts.rowid DESC LIMIT @limit`,
  /** Messages (any text) that arrived before `before` but were sent after `after`: index entries only. */
  sentLater: `SELECT m.seq FROM conversations c CROSS JOIN messages m INDEXED BY messages_conversation
       ON m.conversation_id = c.id AND m.sent_at > @after
     WHERE m.seq < @before AND (@c IS NULL OR c.id = @c) LIMIT @max`,
  /** Which of these messages match (one FTS5 pass, no table lookup for the others). */
  matchingAmong: `SELECT s.seq, s.sent_at FROM messages_fts JOIN messages s ON s.seq = messages_fts.rowid
     WHERE messages_fts MATCH @match AND messages_fts.rowid IN (SELECT value FROM json_each(@seqs)) AND ${HIT_FILTER}`,
  /** Every match ranked by sent time: cheap when there are few matches. */
  ranked: `SELECT s.seq, s.sent_at FROM messages_fts JOIN messages s ON s.seq = messages_fts.rowid
     WHERE messages_fts MATCH @match AND ${HIT_FILTER}
     ORDER BY s.sent_at DESC, s.seq DESC LIMIT @limit`,
  /** The full rows of the hits. */
  rows: `SELECT seq, ${MESSAGE_COLUMNS} FROM messages WHERE seq IN (SELECT value FROM json_each(?))`,
} as const;

type RawMessage = Parameters<typeof toView>[0] & { seq: number };
type Ranked = { seq: number; sent_at: number };
/** Newest first: sent time, then arrival. */
const byRank = (a: Ranked, b: Ranked): number => b.sent_at - a.sent_at || b.seq - a.seq;

export function createSearchStore(db: Db, progress?: TransferProgress): SearchStore {
  const attachments = createAttachmentStore(db, progress);
  const extras = attachMessageExtras(db);
  type Common = { match: string; now: number; c: string | null };
  const newestArrivals = db.prepare<Common & { limit: number }, Ranked>(SEARCH_SQL.newestArrivals);
  const sentLater = db.prepare<{ after: number; before: number; c: string | null; max: number }, { seq: number }>(SEARCH_SQL.sentLater);
  const matchingAmong = db.prepare<Common & { seqs: string }, Ranked>(SEARCH_SQL.matchingAmong);
  const ranked = db.prepare<Common & { limit: number }, Ranked>(SEARCH_SQL.ranked);
  const selectRows = db.prepare<[string], RawMessage>(SEARCH_SQL.rows);

  /** The `limit` best hits, exactly as `ranked` would give them. */
  const rank = (p: Common, limit: number): Ranked[] => {
    const newest = newestArrivals.all({ ...p, limit });
    // Fewer than asked: those are all the hits there are.
    if (newest.length < limit) return newest.sort(byRank);
    // A hit missing from `newest` arrived before all of them, so to rank above one of them it must have
    // been sent after the oldest-sent of them. Those messages are found through messages_conversation.
    const after = Math.min(...newest.map((r) => r.sent_at));
    const before = Math.min(...newest.map((r) => r.seq));
    // Hits below `before` number about limit × (before / span); past that many candidates, ranking every
    // hit by its row is the cheaper way (a rare word, or clocks far off).
    const top = Math.max(...newest.map((r) => r.seq));
    const estimate = Math.ceil((limit * top) / Math.max(1, top - before + 1));
    const candidates = sentLater.all({ after, before, c: p.c, max: estimate + 1 });
    if (candidates.length > estimate) return ranked.all({ ...p, limit });
    const late = candidates.length === 0 ? [] : matchingAmong.all({ ...p, seqs: JSON.stringify(candidates.map((r) => r.seq)) });
    return [...newest, ...late].sort(byRank).slice(0, limit);
  };

  const selectConversations = db.prepare<[], { id: string; kind: string; nickname: string | null; profile_name: string | null }>(
    `SELECT c.id, c.kind, k.nickname, k.profile_name FROM conversations c LEFT JOIN contacts k ON k.session_id = c.id WHERE c.hidden = 0`,
  );
  const selectContacts = db.prepare<
    [],
    { session_id: string; nickname: string | null; profile_name: string | null; did_approve_me: number; avatar_file_url: string | null }
  >(
    `SELECT k.session_id, k.nickname, k.profile_name, k.did_approve_me,
            CASE WHEN k.avatar_url IS NOT NULL AND k.avatar_file_id IS NOT NULL THEN k.avatar_file_url END AS avatar_file_url
       FROM contacts k
      WHERE k.is_approved = 1 AND k.is_blocked = 0
        AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.id = k.session_id AND c.hidden = 0)`,
  );
  const selectMe = db.prepare<[], { session_id: string }>('SELECT session_id FROM identity WHERE id = 1');

  return {
    messages({ match, limit, conversationId, now }) {
      const hits = rank({ match, now, c: conversationId ?? null }, limit);
      if (hits.length === 0) return [];
      const order = new Map(hits.map((h, i) => [h.seq, i]));
      const rows = selectRows.all(JSON.stringify(hits.map((h) => h.seq))).sort((a, b) => (order.get(a.seq) ?? 0) - (order.get(b.seq) ?? 0));
      // Attachments, quotes and reactions: a few queries for the whole batch.
      return extras(attachments.attachViews(rows.map((r) => toView(r))));
    },
    conversations: () =>
      selectConversations.all().map((r) => ({ id: r.id, kind: r.kind, nickname: r.nickname, profileName: r.profile_name })),
    contactsWithoutConversation: () =>
      selectContacts.all().map((r) => ({
        id: r.session_id,
        nickname: r.nickname,
        profileName: r.profile_name,
        approvedMe: r.did_approve_me === 1,
        avatarFileUrl: r.avatar_file_url,
      })),
    ownId: () => selectMe.get()?.session_id,
  };
}
