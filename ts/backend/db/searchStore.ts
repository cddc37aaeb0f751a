// SQL for full-text search (spec/ui.md §3.3): message hits through the messages_fts index (FTS5,
// contentless, rowid = the message's rank by sent time, migration 11), and the small name lists that
// conversation and contact matches are filtered from. The caller builds the FTS5 query (services/search.ts); nothing here parses user text.
import type { MessageView } from '../../ipc/contract';
import { createAttachmentStore, type TransferProgress } from './attachmentStore';
import type { Db } from './database';
import { attachMessageExtras } from './messageExtras';
import { MESSAGE_COLUMNS, toView } from './messageStore';
import { searchKeySql } from './migrations/0011_search_index';

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
 * newest first, then by arrival. The index's rowid is that rank (migration 11: sent time in the high bits,
 * seq in the low ones), so FTS5 walks its doclists backwards and stops once the page is full: no match
 * beyond the page is read, however common the word. Deleted placeholders, control messages and messages
 * whose timer ran out are not hits; neither is anything in a hidden conversation (it cannot be opened).
 */
const HIT_FILTER = `s.deleted = 0 AND s.control IS NULL AND (s.expires_at IS NULL OR s.expires_at > @now)
       AND s.conversation_id NOT IN (SELECT id FROM conversations WHERE hidden = 1)`;
export const SEARCH_SQL = {
  hits: `SELECT s.seq FROM messages_fts f JOIN messages s ON s.seq = f.seq
     WHERE messages_fts MATCH @match AND ${HIT_FILTER}
     ORDER BY f.rowid DESC LIMIT @limit`,
  /**
   * One conversation's hits among the `scan` newest matches. A small conversation has few of a common
   * word's matches, so walking all of them would read a row for each (seconds on a million messages).
   */
  hitsInScan: `SELECT s.seq FROM (SELECT rowid AS r, seq FROM messages_fts WHERE messages_fts MATCH @match ORDER BY rowid DESC LIMIT @scan) f
       JOIN messages s ON s.seq = f.seq
     WHERE s.conversation_id = @c AND ${HIT_FILTER}
     ORDER BY f.r DESC LIMIT @limit`,
  /** How many of the `scan` newest matches there are (rowids only: no row is read). */
  matchesUpTo: `SELECT count(*) AS n FROM (SELECT rowid FROM messages_fts WHERE messages_fts MATCH @match ORDER BY rowid DESC LIMIT @scan)`,
  /** One conversation's hits found from its side: its messages newest first, each looked up in the index by its key. */
  hitsByConversation: `SELECT s.seq FROM messages s INDEXED BY messages_conversation
     WHERE s.conversation_id = @c AND ${HIT_FILTER}
       AND EXISTS (SELECT 1 FROM messages_fts f WHERE messages_fts MATCH @match AND f.rowid = ${searchKeySql('s')})
     ORDER BY s.sent_at DESC, s.seq DESC LIMIT @limit`,
  /** The full rows of the hits. */
  rows: `SELECT seq, ${MESSAGE_COLUMNS} FROM messages WHERE seq IN (SELECT value FROM json_each(?))`,
} as const;

/** Matches walked from the index's side for a search in one conversation before it is searched from its own side. */
export const CONVERSATION_SCAN = 4_000;

type RawMessage = Parameters<typeof toView>[0] & { seq: number };

export function createSearchStore(db: Db, progress?: TransferProgress): SearchStore {
  const attachments = createAttachmentStore(db, progress);
  const extras = attachMessageExtras(db);
  type Params = { match: string; now: number; limit: number };
  const selectHits = db.prepare<Params, { seq: number }>(SEARCH_SQL.hits);
  const selectHitsInScan = db.prepare<Params & { c: string; scan: number }, { seq: number }>(SEARCH_SQL.hitsInScan);
  const countMatches = db.prepare<{ match: string; scan: number }, { n: number }>(SEARCH_SQL.matchesUpTo);
  const selectHitsByConversation = db.prepare<Params & { c: string }, { seq: number }>(SEARCH_SQL.hitsByConversation);

  /**
   * The hits of one conversation, exactly ranked: the newest CONVERSATION_SCAN matches hold them when they
   * hold a full page (anything older ranks lower) or are all the matches there are; otherwise (a word
   * common elsewhere, rare here) the conversation's own messages are walked, stopping at a full page.
   */
  const hitsIn = (p: Params, c: string): { seq: number }[] => {
    const scanned = selectHitsInScan.all({ ...p, c, scan: CONVERSATION_SCAN });
    if (scanned.length === p.limit) return scanned;
    if ((countMatches.get({ match: p.match, scan: CONVERSATION_SCAN })?.n ?? 0) < CONVERSATION_SCAN) return scanned;
    return selectHitsByConversation.all({ ...p, c });
  };
  const selectRows = db.prepare<[string], RawMessage>(SEARCH_SQL.rows);

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
      const hits = conversationId === undefined ? selectHits.all({ match, now, limit }) : hitsIn({ match, now, limit }, conversationId);
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
